"""Who sees what, on screen: audience chips and choosers, the sponsor confirmation and
the review before a report leaves.

The rules live in :mod:`coachdesk.core.sharing`; these widgets only show them and
collect the coach's answers. :func:`review_before_sharing` is the one step every
shareable report goes through before its preview offers Save and Print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.audience import Audience, ReportCopy
from coachdesk.core.model import Contract, Engagement
from coachdesk.core.sharing import (
    AUDIENCE_HINTS,
    AUDIENCE_LABELS,
    CLAUSE_DEFAULT,
    REPORT_AUDIENCE,
    REPORT_NAMES,
    ReviewItem,
    clause_audience,
    milestone_ref,
    outcome_ref,
    review_items,
    set_clause_audience,
    withheld_note,
)
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.layout import dialog_buttons

AUDIENCE_COLOURS = {
    Audience.COACH: "#5f6672",
    Audience.CLIENT: "#1f6fb2",
    Audience.SPONSOR: "#a3580b",
}
"""Chip colours; the words are always there too (colour is never the only signal)."""

AUDIENCE_MARKS = {Audience.COACH: "●", Audience.CLIENT: "◐", Audience.SPONSOR: "○"}

_BY_LABEL = {label: audience for audience, label in AUDIENCE_LABELS.items()}


def chip_text(audience: Audience) -> str:
    return AUDIENCE_LABELS[Audience(audience)]


def chip_style(audience: Audience) -> str:
    colour = AUDIENCE_COLOURS[Audience(audience)]
    return (
        f"QLabel {{ color: white; background: {colour}; border-radius: 8px;"
        " padding: 1px 8px; font-weight: 600; }"
    )


def audience_chip(audience: Audience, object_name: str = "audienceChip") -> QLabel:
    chip = QLabel(chip_text(audience))
    chip.setObjectName(object_name)
    chip.setStyleSheet(chip_style(audience))
    chip.setToolTip(AUDIENCE_HINTS[Audience(audience)])
    chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return chip


class AudienceChipDelegate(QStyledItemDelegate):
    """Paints a table cell whose text is an audience label as a coloured chip."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        label = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        audience = _BY_LABEL.get(label)
        if audience is None:
            super().paint(painter, option, index)
            return
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(label) + 18
        rect = option.rect
        height = min(metrics.height() + 4, rect.height() - 4)
        box = QRectF(rect.x() + 4, rect.center().y() - height / 2 + 1, width, height)
        path = QPainterPath()
        path.addRoundedRect(box, height / 2, height / 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(path, QColor(AUDIENCE_COLOURS[audience]))
        painter.setPen(QColor("white"))
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 26, size.height() + 8)


def audience_combo(object_name: str, *, follow: str | None = None) -> QComboBox:
    """A chooser of audiences; ``follow`` adds a first choice meaning "as its parent"."""
    combo = QComboBox()
    combo.setObjectName(object_name)
    if follow is not None:
        combo.addItem(follow, None)
    for audience in Audience:
        combo.addItem(AUDIENCE_LABELS[audience], audience.value)
        combo.setItemData(combo.count() - 1, AUDIENCE_HINTS[audience], Qt.ItemDataRole.ToolTipRole)
    return combo


def set_combo_audience(combo: QComboBox, audience: Audience | None) -> None:
    combo.blockSignals(True)
    combo.setCurrentIndex(max(combo.findData(None if audience is None else audience.value), 0))
    combo.blockSignals(False)


def combo_audience(combo: QComboBox) -> Audience | None:
    value = combo.currentData()
    return None if value is None else Audience(value)


# --- Before a report leaves ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SharePlan:
    """What the coach decided for one report: which copy, what to leave out, approval."""

    which: ReportCopy
    exclude: frozenset[str]
    approved_on: date | None


class ReviewDialog(QDialog):
    """The report's content item by item, each with who may see it; untick to leave an
    item out of this one report, and record the client's approval."""

    def __init__(
        self,
        which: ReportCopy,
        items: Sequence[ReviewItem],
        parent: QWidget | None = None,
        withheld_note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(f"Review before sharing — {REPORT_NAMES[which]}")
        self.which = which
        reader = REPORT_AUDIENCE[which]
        intro = QLabel(
            f"This report is for the <b>{AUDIENCE_LABELS[reader].lower()}</b>. It will "
            "contain the items below, and nothing else. Untick an item to leave it out of "
            "this report only."
        )
        intro.setWordWrap(True)
        intro.setObjectName("reviewIntro")
        self.tree = QTreeWidget()
        self.tree.setObjectName("reviewItems")
        self.tree.setAccessibleName("Items in this report, with who may see each")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Item", "Kind", "Who may see it"])
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegateForColumn(2, AudienceChipDelegate(self.tree))
        self._items: dict[str, QTreeWidgetItem] = {}
        for item in items:
            row = QTreeWidgetItem([item.text, item.kind, AUDIENCE_LABELS[item.audience]])
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(0, Qt.CheckState.Checked)
            row.setData(0, Qt.ItemDataRole.UserRole, item.ref)
            row.setToolTip(0, item.text)
            row.setToolTip(2, AUDIENCE_HINTS[item.audience])
            self.tree.addTopLevelItem(row)
            self._items[item.ref] = row
        self.tree.setColumnWidth(0, 500)
        self.tree.setColumnWidth(1, 110)
        if not items:
            self.tree.hide()
        self.withheld = QLabel(withheld_note)
        self.withheld.setObjectName("reviewWithheld")
        self.withheld.setWordWrap(True)
        self.withheld.setVisible(bool(withheld_note))
        self.empty = QLabel("Nothing of the contract is marked for this audience yet.")
        self.empty.setObjectName("hint")
        self.empty.setVisible(not items)

        self.approved = QCheckBox("The client approved this report on")
        self.approved.setObjectName("clientApproved")
        self.approved_on = QDateEdit(QDate.currentDate())
        self.approved_on.setObjectName("clientApprovedOn")
        self.approved_on.setAccessibleName("Date the client approved this report")
        self.approved_on.setCalendarPopup(True)
        self.approved_on.setDisplayFormat("d MMM yyyy")
        self.approved_on.setEnabled(False)
        self.approved.toggled.connect(self.approved_on.setEnabled)
        approval = QHBoxLayout()
        approval.addWidget(self.approved)
        approval.addWidget(self.approved_on)
        approval.addStretch(1)
        logged = QLabel(
            "Saving or printing records it in this client's disclosure log: when, for whom "
            "and which items (never the content)."
        )
        logged.setObjectName("hint")
        logged.setWordWrap(True)

        buttons, _ok = dialog_buttons(self, "Preview", name="reviewContinue")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.withheld)
        layout.addLayout(approval)
        layout.addWidget(logged)
        layout.addWidget(buttons)
        self.resize(840, 560)

    def untick(self, ref: str) -> None:
        self._items[ref].setCheckState(0, Qt.CheckState.Unchecked)

    def refs(self) -> list[str]:
        return list(self._items)

    def excluded(self) -> frozenset[str]:
        return frozenset(
            ref for ref, row in self._items.items() if row.checkState(0) != Qt.CheckState.Checked
        )

    def approval(self) -> date | None:
        if not self.approved.isChecked():
            return None
        day = self.approved_on.date()
        return date(day.year(), day.month(), day.day())


class SponsorConfirmDialog(QDialog):
    """Asked once per contract (e.g. after the upgrade that brought audiences): which
    outcomes and milestones may the sponsor see? Risks stay off unless marked."""

    def __init__(self, engagement: Engagement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sponsorConfirmDialog")
        self.setWindowTitle("What may the sponsor see?")
        contract = engagement.contract
        assert contract is not None
        intro = QLabel(
            "Before the first report for the sponsor, confirm which agreed outcomes and "
            "milestones the sponsor may see. Nothing else of the contract reaches the "
            "sponsor; risks stay off unless you mark them in the contract. Best agreed "
            "with the client."
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("sponsorItems")
        self.tree.setHeaderLabels(["The sponsor may see", "What"])
        self.tree.setRootIsDecorated(False)
        self._items: dict[str, QTreeWidgetItem] = {}
        parts = [
            (outcome_ref(o, i), "Outcome", o.statement, o.audience)
            for i, o in enumerate(contract.outcomes, 1)
        ] + [
            (milestone_ref(m, i), "Milestone", m.title, m.audience)
            for i, m in enumerate(contract.milestones, 1)
        ]
        for ref, kind, text, audience in parts:
            row = QTreeWidgetItem([" ".join(text.split()) or "(untitled)", kind])
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            sponsor = Audience(audience) == Audience.SPONSOR
            row.setCheckState(0, Qt.CheckState.Checked if sponsor else Qt.CheckState.Unchecked)
            self.tree.addTopLevelItem(row)
            self._items[ref] = row
        self.tree.setColumnWidth(0, 460)
        buttons, _ok = dialog_buttons(self, "Confirm", name="sponsorConfirm")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(640, 440)

    def set_checked(self, ref: str, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self._items[ref].setCheckState(0, state)

    def sponsor_refs(self) -> set[str]:
        return {
            ref for ref, row in self._items.items() if row.checkState(0) == Qt.CheckState.Checked
        }


def choose_contract_copy(parent: QWidget | None) -> ReportCopy | None:
    """The contract comes in two copies; ask which one this is."""
    box = QMessageBox(parent)
    box.setObjectName("contractCopyChoice")
    box.setWindowTitle("Contract")
    box.setText("Which copy of the contract?")
    box.setInformativeText(
        "The client's copy is the full agreement. The three-way copy for the sponsor holds "
        "only what is marked for the sponsor and leaves out confidential clauses."
    )
    client = box.addButton("Client's full copy", QMessageBox.ButtonRole.AcceptRole)
    client.setObjectName("clientCopyButton")
    sponsor = box.addButton("Three-way copy for the sponsor", QMessageBox.ButtonRole.AcceptRole)
    sponsor.setObjectName("sponsorCopyButton")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is client:
        return ReportCopy.CONTRACT_CLIENT
    if clicked is sponsor:
        return ReportCopy.CONTRACT_SPONSOR
    return None


def review(
    which: ReportCopy,
    engagement: Engagement,
    parent: QWidget | None,
    session_id: int | None = None,
) -> SharePlan | None:
    """Show the review dialog; the plan, or None when the coach cancels."""
    items = review_items(engagement, which, session_id=session_id)
    dialog = ReviewDialog(which, items, parent, withheld_note(engagement, which))
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return SharePlan(which, dialog.excluded(), dialog.approval())
    finally:
        dialog.deleteLater()


# --- Binding audiences in editors --------------------------------------------------------


def bind_audience(binder: RecordBinder, combo: QComboBox, field: str) -> None:
    """Bind an audience chooser (None allowed when the combo has a "follow" choice)."""

    def load(record: object) -> None:
        set_combo_audience(combo, None if record is None else getattr(record, field))

    combo.currentIndexChanged.connect(lambda _i: binder.update(field, combo_audience(combo)))
    binder.custom(combo, load)


def bind_clause_audience(binder: RecordBinder, combo: QComboBox, clause: str) -> None:
    """Bind a contract clause's audience (stored as the contract's list of exceptions)."""

    def load(record: object) -> None:
        if isinstance(record, Contract):
            set_combo_audience(combo, clause_audience(record, clause))
        else:
            set_combo_audience(combo, CLAUSE_DEFAULT)

    def changed(_index: int) -> None:
        record = binder.record
        audience = combo_audience(combo)
        if not isinstance(record, Contract) or audience is None:
            return
        probe = Contract(clause_audiences=list(record.clause_audiences))
        set_clause_audience(probe, clause, audience)
        binder.update("clause_audiences", probe.clause_audiences)

    combo.setToolTip(
        "Who sees this clause: Sponsor puts it in the three-way copy; Client keeps it "
        "confidential (client's copy only); Coach only keeps it out of every copy."
    )
    combo.currentIndexChanged.connect(changed)
    binder.custom(combo, load)
