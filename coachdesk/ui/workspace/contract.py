"""The Contract tab: the coaching agreement, its outcomes, milestones and risks.

The coach re-reads and adjusts the contract before sessions, so everything is edited in
place and autosaved; there is no "save" button. A signed contract is never overwritten:
the store keeps the signed text as an earlier version and the first change starts an
amendment (version n+1), which the header line makes visible at once.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.attendance import allowance_rule
from coachdesk.core.audience import Audience
from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import (
    Contract,
    ContractStatus,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    RiskLevel,
    RiskStatus,
    SessionFormat,
)
from coachdesk.core.sharing import AUDIENCE_HINTS, AUDIENCE_LABELS
from coachdesk.reports.kinds import ReportKind
from coachdesk.ui import text
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import WheelGuard, buddy_label, line_edit, record_table, scroll_area
from coachdesk.ui.models.records import Column, RecordTableModel
from coachdesk.ui.screen import size_to_screen
from coachdesk.ui.sharing import (
    AudienceChipDelegate,
    audience_combo,
    bind_audience,
    bind_clause_audience,
)
from coachdesk.ui.widgets import (
    CARD_STYLE,
    NoteEdit,
    OptionalDateEdit,
    fill_card,
    make_card,
)
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.search import RecordKind
from coachdesk.vault.store import ContractVersion

NUMBER_LIMIT = 1_000_000.0
"""Outcome numbers range ±this: wide enough for money, counts and scales alike."""

STATUS_COLOURS = {
    ContractStatus.DRAFT: "#6b7280",
    ContractStatus.SIGNED: "#2e7d32",
    ContractStatus.AMENDED: "#b26a00",
    ContractStatus.ENDED: "#52606d",
}

TAB_STYLE = (
    CARD_STYLE
    + """
QLabel#fieldHint { color: palette(placeholder-text); }
QLabel#contractTitle { font-size: 15pt; font-weight: 600; }
QLabel#statusChip {
    color: white; border-radius: 9px; padding: 2px 10px; font-weight: 600;
}
QLabel#saveState { color: palette(placeholder-text); }
QLabel#emptyTitle { font-size: 14pt; font-weight: 600; }
"""
)


# --- Draft defaults --------------------------------------------------------------------

DRAFT_MONTHS = 6
DRAFT_SESSIONS = 10
DRAFT_SESSION_MINUTES = 90


def draft_contract(client_id: int, today: date) -> Contract:
    """A sensible starting point: the coach edits it, rather than starting from blank."""
    end = QDate(today.year, today.month, today.day).addMonths(DRAFT_MONTHS).toPython()
    assert isinstance(end, date)
    return Contract(
        client_id=client_id,
        title="Coaching agreement",
        start_date=today,
        end_date=end,
        session_count=DRAFT_SESSIONS,
        session_length_minutes=DRAFT_SESSION_MINUTES,
        cadence="Every two to three weeks",
        format=SessionFormat.IN_PERSON,
        cancellation_terms="Sessions cancelled less than 48 hours ahead are charged in full.",
        confidentiality="What is said in sessions stays between the coach and the client.",
        confidentiality_limits=(
            "The coach breaks confidentiality only where there is a serious risk of harm "
            "to the client or others, or where the law requires it."
        ),
        sponsor_reporting=(
            "Attendance and progress against the agreed outcomes; never what is said in sessions."
        ),
        coach_responsibilities=(
            "The coaching process: structure, questions, feedback and challenge; "
            "preparing each session; keeping confidentiality."
        ),
        client_responsibilities=(
            "Decisions and actions between sessions; bringing the topics that matter; "
            "saying what helps and what does not."
        ),
        status=ContractStatus.DRAFT,
    )


def header_text(contract: Contract, earlier_versions: int) -> str:
    """One line that says which version the coach is editing and whether it is signed."""
    parts = [f"Version {contract.version}", text.label(contract.status)]
    if contract.status == ContractStatus.SIGNED and contract.signed_date is not None:
        parts[-1] = f"Signed on {text.fmt_date(contract.signed_date)}"
        parts.append("a change starts an amendment")
    elif contract.status == ContractStatus.AMENDED:
        parts.append("changed since it was signed; sign again when agreed")
    elif contract.status == ContractStatus.DRAFT:
        parts.append("not signed yet")
    if earlier_versions:
        noun = "version" if earlier_versions == 1 else "versions"
        parts.append(f"{earlier_versions} earlier {noun} kept")
    return " · ".join(parts)


# --- Small widgets ---------------------------------------------------------------------


class NumberEdit(QDoubleSpinBox):
    """A number without trailing zeros ("8", not "8.00"); the binder adds "not set"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(2)
        self.setRange(-NUMBER_LIMIT, NUMBER_LIMIT)
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def textFromValue(self, value: float) -> str:
        shown = f"{value:.{self.decimals()}f}".rstrip("0").rstrip(".")
        return "0" if shown in ("", "-0") else shown


def short_note(placeholder: str, object_name: str, lines: int = 3) -> NoteEdit:
    note = NoteEdit(placeholder)
    note.setObjectName(object_name)
    height = note.fontMetrics().lineSpacing() * lines + 14
    note.setMinimumHeight(height)
    note.setMaximumHeight(height + note.fontMetrics().lineSpacing())
    return note


def choice_combo(object_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    return combo


# --- A table of contract parts with its editor -----------------------------------------


class PartsCard(QFrame):
    """One kind of contract part (outcomes, milestones or risks): a table to scan and
    pick, an editor for the selected row beside it, add and remove. The card edits the
    contract's own list in place; the tab saves the contract."""

    edited = Signal()  # a part was added, removed or changed: save the contract
    removed = Signal(object)  # the part that was removed

    def __init__(
        self,
        *,
        title: str,
        hint: str,
        noun: str,
        key: str,
        columns: Sequence[Column[Any]],
        new_part: Callable[[], Any],
        stretch_column: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.noun = noun
        self._new_part = new_part
        self._parts: list[Any] = []
        self.model: RecordTableModel[Any] = RecordTableModel(columns, self)
        self.binder = RecordBinder(self)
        self.binder.changed.connect(self._field_changed)

        layout, heading = fill_card(self, title, hint)
        self.add_button = QPushButton(f"Add {noun}")
        self.add_button.setObjectName(f"add{key}")
        self.add_button.clicked.connect(self.add_part)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName(f"remove{key}")
        self.remove_button.clicked.connect(self.remove_selected)
        heading.addWidget(self.add_button)
        heading.addWidget(self.remove_button)

        body = QHBoxLayout()
        body.setSpacing(16)
        self.view = record_table(self.model, f"{key[0].lower()}{key[1:]}Table", plain=True)
        self.view.setAccessibleName(title)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        for column in range(len(columns)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == stretch_column
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.view.setMinimumHeight(160)
        for position, shown in enumerate(columns):
            if shown.header == "Who sees":
                self.view.setItemDelegateForColumn(position, AudienceChipDelegate(self.view))
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        remove_action = QAction(f"Remove {noun}", self.view)
        remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove_action.triggered.connect(self.remove_selected)
        self.view.addAction(remove_action)
        body.addWidget(self.view, 11)

        self.editor = QWidget()
        self.editor.setObjectName(f"{key[0].lower()}{key[1:]}Editor")
        self.form = QFormLayout(self.editor)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        body.addWidget(self.editor, 9)
        layout.addLayout(body)
        self._update_buttons()

    # -- contents ----------------------------------------------------------------------

    def set_parts(self, parts: list[Any] | None) -> None:
        """Edit ``parts`` (the contract's own list) in place; None: show nothing."""
        self._parts = parts if parts is not None else []
        self.model.set_records(self._parts)
        if self._parts:
            self.select_row(0)
        else:
            self.binder.set_record(None)
        self._update_buttons()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def selected_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_part(self) -> None:
        part = self._new_part()
        self._parts.append(part)
        row = self.model.append(part)
        self.select_row(row)
        self.edited.emit()
        self._update_buttons()
        first = self.form.itemAt(0, QFormLayout.ItemRole.FieldRole)
        widget = first.widget() if first is not None else None
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row < 0:
            return
        part = self.model.record(row)
        if part.id is not None:  # stored: ask; a row added a moment ago just goes
            answer = QMessageBox.question(
                self,
                f"Remove {self.noun}",
                f"Remove {self.noun} {row + 1} from the contract?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove(row)
        self._parts.remove(part)
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))
        else:
            self.binder.set_record(None)
        self.removed.emit(part)
        self.edited.emit()
        self._update_buttons()

    def refresh(self) -> None:
        """Re-read every row (derived columns such as positions may have changed)."""
        if self.model.rowCount():
            last = self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1)
            self.model.dataChanged.emit(self.model.index(0, 0), last)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.model.record(current.row()) if current.isValid() else None
        self.binder.set_record(record)
        self._update_buttons()

    def _field_changed(self, _field: str) -> None:
        record = self.binder.record
        if record is not None:
            self.model.record_changed(record)
            self.edited.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected_row() >= 0)

    def set_editable(self, enabled: bool) -> None:
        self.add_button.setEnabled(enabled)
        self.view.setEnabled(enabled)
        if not enabled:
            self.remove_button.setEnabled(False)
        else:
            self._update_buttons()


# --- Earlier versions --------------------------------------------------------------------


def _row(label: str, value: str) -> str:
    shown = html.escape(value).replace("\n", "<br>") if value else "<i>—</i>"
    return (
        f"<tr><td style='color:#6b7280; padding:3px 14px 3px 0; vertical-align:top'>"
        f"{html.escape(label)}</td><td style='padding:3px 0'>{shown}</td></tr>"
    )


def version_html(contract: Contract) -> str:
    """A read-only rendering of a contract version (all user text escaped)."""
    c = contract
    length = f"{c.session_length_minutes} minutes" if c.session_length_minutes else ""
    terms = [
        ("Title", c.title),
        ("Status", text.label(c.status)),
        ("Signed on", text.fmt_date(c.signed_date)),
        ("Start", text.fmt_date(c.start_date)),
        ("End", text.fmt_date(c.end_date)),
        ("Sessions", "" if c.session_count is None else str(c.session_count)),
        ("Session length", length),
        ("Cadence", c.cadence),
        ("Format", text.label(c.format)),
        ("Fees", c.fees),
        ("Cancellation", c.cancellation_terms),
        ("Counted against the sessions", allowance_rule(c)),
        ("Confidentiality", c.confidentiality),
        ("Limits of confidentiality", c.confidentiality_limits),
        ("Reported to the sponsor", c.sponsor_reporting),
        ("Coach (the process)", c.coach_responsibilities),
        ("Client (the decisions)", c.client_responsibilities),
    ]
    out = [
        f"<h2 style='margin-bottom:2px'>Version {c.version}</h2>",
        "<table cellspacing='0'>",
        *(_row(label, value) for label, value in terms),
        "</table>",
    ]
    if c.outcomes:
        out.append("<h3>Outcomes</h3><ol>")
        for o in c.outcomes:
            numbers = (
                f"{text.fmt_number(o.baseline)} → {text.fmt_number(o.current)} → "
                f"{text.fmt_number(o.target)}"
            )
            detail = " · ".join(
                part
                for part in (
                    html.escape(o.measure),
                    numbers,
                    f"by {text.fmt_date(o.deadline)}" if o.deadline else "",
                    f"owner: {html.escape(o.owner)}" if o.owner else "",
                )
                if part
            )
            out.append(f"<li><b>{html.escape(o.statement)}</b><br>{detail}</li>")
        out.append("</ol>")
    if c.milestones:
        out.append("<h3>Milestones</h3><ul>")
        for m in c.milestones:
            when = " · ".join(
                part
                for part in (
                    f"due {text.fmt_date(m.due)}" if m.due else "",
                    f"done {text.fmt_date(m.done_on)}" if m.done_on else "",
                )
                if part
            )
            out.append(f"<li>{html.escape(m.title)}{' — ' + when if when else ''}</li>")
        out.append("</ul>")
    if c.risks:
        out.append("<h3>Risks</h3><ul>")
        for r in c.risks:
            levels = (
                f"likelihood {text.label(r.likelihood).lower()}, impact "
                f"{text.label(r.impact).lower()}, {text.label(r.status).lower()}"
            )
            mitigation = f"<br>Mitigation: {html.escape(r.mitigation)}" if r.mitigation else ""
            out.append(f"<li>{html.escape(r.description)} — {levels}{mitigation}</li>")
        out.append("</ul>")
    return "".join(out)


class ContractVersionDialog(QDialog):
    """An earlier version, read-only: what was signed stays what was signed."""

    def __init__(self, version: ContractVersion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractVersionDialog")
        self.setWindowTitle(
            f"Contract version {version.version} — kept {text.fmt_datetime(version.saved_at)}"
        )
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("versionView")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(version_html(version.contract))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        size_to_screen(self, QSize(640, 720))


# --- The tab -----------------------------------------------------------------------------


class ContractTab(WorkspaceTab):
    """Edit the client's current contract; autosaved through the contract repository."""

    title = "Contract"

    def __init__(self, controller: VaultController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("contractTab")
        self.setStyleSheet(TAB_STYLE)
        self.contract: Contract | None = None
        self._versions: list[ContractVersion] = []
        self._version_dialogs: list[ContractVersionDialog] = []
        self.autosaver = self.make_autosaver(self._save)
        self.autosaver.state_changed.connect(self._show_save_state)
        self.binder = RecordBinder(self)
        self.clause_audiences: dict[str, QComboBox] = {}
        self.binder.changed.connect(self._contract_field_changed)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty_page())
        self.stack.addWidget(self._build_editor_page())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.guard.guard(*self.findChildren(QAbstractSpinBox), *self.findChildren(QComboBox))
        self._show_contract(None)

    # -- construction --------------------------------------------------------------------

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("noContractPage")
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(520)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(12)
        heading = QLabel("No contract yet")
        heading.setObjectName("emptyTitle")
        inner.addWidget(heading)
        explain = QLabel(
            "The contract records what coach, client and sponsor agree: dates, sessions, "
            "fees, confidentiality, responsibilities, and the outcomes progress is "
            "measured against. Start from a draft and adjust it."
        )
        explain.setWordWrap(True)
        inner.addWidget(explain)
        row = QHBoxLayout()
        row.addStretch(1)
        self.create_button = QPushButton("Create contract")
        self.create_button.setObjectName("createContract")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_contract)
        row.addWidget(self.create_button)
        inner.addLayout(row)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card, 3)
        centre.addStretch(1)
        layout.addLayout(centre)
        layout.addStretch(3)
        return page

    def _build_editor_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("contractEditorPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_header())
        self.scroll_area = scroll_area("contractScroll")
        self.guard = WheelGuard(self.scroll_area)
        content = QWidget()
        content.setObjectName("contractContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 12, 16, 16)
        column.setSpacing(12)
        column.addWidget(self._build_terms_card())
        column.addWidget(self._build_confidentiality_card())
        column.addWidget(self._build_responsibilities_card())
        self.outcomes = self._build_outcomes_card()
        self.milestones = self._build_milestones_card()
        self.risks = self._build_risks_card()
        for card in (self.outcomes, self.milestones, self.risks):
            card.edited.connect(self.autosaver.touch)
            column.addWidget(card)
        self.outcomes.removed.connect(self._outcome_removed)
        self.outcomes.edited.connect(self.milestones.refresh)
        column.addWidget(self._build_versions_card())
        column.addStretch(1)
        self.scroll_area.setWidget(content)
        layout.addWidget(self.scroll_area, 1)
        return page

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("contractHeaderBar")
        row = QHBoxLayout(header)
        row.setContentsMargins(20, 14, 20, 10)
        row.setSpacing(12)
        text_column = QVBoxLayout()
        text_column.setSpacing(2)
        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        self.title_label = QLabel()
        self.title_label.setObjectName("contractTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)  # a long title wraps; it never widens the window
        self.status_chip = QLabel()
        self.status_chip.setObjectName("statusChip")
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignTop)
        text_column.addLayout(title_row)
        self.header_label = QLabel()
        self.header_label.setObjectName("contractHeader")
        self.header_label.setWordWrap(True)
        text_column.addWidget(self.header_label)
        row.addLayout(text_column, 1)
        self.save_label = QLabel()
        self.save_label.setObjectName("saveState")
        row.addWidget(self.save_label)
        self.pdf_button = QPushButton("Contract PDF…")
        self.pdf_button.setObjectName("contractPdfButton")
        self.pdf_button.setToolTip("The contract for signature, as a PDF to preview, save or print")
        self.pdf_button.clicked.connect(
            lambda: self.report_requested.emit(ReportKind.CONTRACT, None)
        )
        row.addWidget(self.pdf_button)
        self.sign_button = QPushButton("Mark signed…")
        self.sign_button.setObjectName("markSigned")
        self.sign_button.setToolTip("Record that this version was signed today")
        self.sign_button.clicked.connect(self.mark_signed)
        row.addWidget(self.sign_button)
        return header

    def _build_terms_card(self) -> QFrame:
        card, layout = make_card("Agreement")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 3)
        grid.setColumnMinimumWidth(2, 24)

        self.title_edit = line_edit("contractTitleEdit", "e.g. Leadership coaching 2026")
        self.status_combo = choice_combo("contractStatus")
        self.signed_edit = OptionalDateEdit()
        self.signed_edit.setObjectName("contractSignedDate")
        self.signed_edit.setAccessibleName("Signed on")
        self.start_edit = OptionalDateEdit()
        self.start_edit.setObjectName("contractStart")
        self.end_edit = OptionalDateEdit()
        self.end_edit.setObjectName("contractEnd")
        self.sessions_spin = QSpinBox()
        self.sessions_spin.setObjectName("contractSessionCount")
        self.sessions_spin.setRange(1, 500)
        self.sessions_spin.setSuffix(" sessions")
        self.length_spin = QSpinBox()
        self.length_spin.setObjectName("contractSessionLength")
        self.length_spin.setAccessibleName("Session length")
        self.length_spin.setRange(1, 600)
        self.length_spin.setSingleStep(15)
        self.length_spin.setSuffix(" min")
        self.cadence_edit = line_edit("contractCadence", "e.g. every two weeks")
        self.format_combo = choice_combo("contractFormat")
        self.fees_edit = line_edit("contractFees", "e.g. EUR 450 per session, invoiced monthly")
        self.cancellation_edit = short_note(
            "e.g. Sessions cancelled less than 48 hours ahead are charged",
            "contractCancellation",
            2,
        )

        def pair(*widgets: QWidget) -> QHBoxLayout:
            box = QHBoxLayout()
            box.setSpacing(8)
            for widget in widgets:
                box.addWidget(widget, 0 if isinstance(widget, QLabel) else 1)
            return box

        grid.addWidget(buddy_label("&Title", self.title_edit), 0, 0)
        grid.addWidget(self.title_edit, 0, 1)
        grid.addWidget(buddy_label("Stat&us", self.status_combo), 0, 3)
        grid.addLayout(pair(self.status_combo, self.signed_edit), 0, 4)
        grid.addWidget(buddy_label("&Start", self.start_edit), 1, 0)
        grid.addLayout(
            pair(self.start_edit, buddy_label("&End", self.end_edit), self.end_edit), 1, 1
        )
        grid.addWidget(buddy_label("Sessio&ns", self.sessions_spin), 1, 3)
        grid.addLayout(pair(self.sessions_spin, self.length_spin), 1, 4)
        grid.addWidget(buddy_label("Ca&dence", self.cadence_edit), 2, 0)
        grid.addWidget(self.cadence_edit, 2, 1)
        grid.addWidget(buddy_label("F&ormat", self.format_combo), 2, 3)
        grid.addWidget(self.format_combo, 2, 4)
        grid.addWidget(buddy_label("&Fees", self.fees_edit), 3, 0)
        fees = QHBoxLayout()
        fees.setSpacing(8)
        fees.addWidget(self.fees_edit, 1)
        fees.addSpacing(8)
        fees.addWidget(QLabel("Who sees"))
        fees.addWidget(self._clause_combo("fees"))
        grid.addLayout(fees, 3, 1, 1, 4)
        cancel_label = buddy_label("Cance&llation", self.cancellation_edit)
        cancel_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(cancel_label, 4, 0)
        cancellation = QHBoxLayout()
        cancellation.setSpacing(8)
        cancellation.addWidget(self.cancellation_edit, 1)
        cancellation.addSpacing(8)
        top = Qt.AlignmentFlag.AlignTop
        cancellation.addWidget(QLabel("Who sees"), 0, top)
        cancellation.addWidget(self._clause_combo("cancellation_terms"), 0, top)
        grid.addLayout(cancellation, 4, 1, 1, 4)
        # The terms in words above; what the counts follow, here.
        self.late_counts_check = QCheckBox("Late cancellations use up a session")
        self.late_counts_check.setObjectName("contractLateCancellationCounts")
        self.no_show_counts_check = QCheckBox("No-shows use up a session")
        self.no_show_counts_check.setObjectName("contractNoShowCounts")
        for check in (self.late_counts_check, self.no_show_counts_check):
            check.setToolTip(
                "Whether such a session counts against the contract's sessions "
                "(held, remaining, n of N in the app and in the reports)"
            )
        counted = QHBoxLayout()
        counted.setSpacing(16)
        counted.addWidget(self.late_counts_check)
        counted.addWidget(self.no_show_counts_check)
        counted.addStretch(1)
        grid.addLayout(counted, 5, 1, 1, 4)
        grid.setColumnStretch(4, 2)
        layout.addLayout(grid)

        b = self.binder
        b.text(self.title_edit, "title")
        b.choice(self.status_combo, "status", ContractStatus)
        b.date(self.signed_edit, "signed_date")
        b.date(self.start_edit, "start_date")
        b.date(self.end_edit, "end_date")
        b.integer(self.sessions_spin, "session_count", optional=True)
        b.integer(self.length_spin, "session_length_minutes", optional=True)
        b.text(self.cadence_edit, "cadence")
        b.choice(self.format_combo, "format", SessionFormat)
        b.text(self.fees_edit, "fees")
        b.text(self.cancellation_edit, "cancellation_terms")
        b.flag(self.late_counts_check, "late_cancellation_counts")
        b.flag(self.no_show_counts_check, "no_show_counts")
        self.signed_edit.setToolTip("The day the contract was signed")
        return card

    def _build_confidentiality_card(self) -> QFrame:
        card, layout = make_card("Confidentiality and the sponsor")
        row = QHBoxLayout()
        row.setSpacing(12)
        self.confidentiality_edit = short_note(
            "What stays between coach and client", "contractConfidentiality"
        )
        self.limits_edit = short_note(
            "When confidentiality does not hold (e.g. risk of harm)", "contractLimits"
        )
        self.sponsor_edit = short_note(
            "What the sponsor hears, as agreed by everyone", "contractSponsorReporting"
        )
        for caption, edit, clause in (
            ("Confidentiality", self.confidentiality_edit, "confidentiality"),
            ("Its limits", self.limits_edit, "confidentiality_limits"),
            ("Reported to the sponsor", self.sponsor_edit, "sponsor_reporting"),
        ):
            box = QVBoxLayout()
            box.setSpacing(4)
            box.addLayout(self._clause_head(_caption(caption, edit), clause))
            box.addWidget(edit)
            row.addLayout(box, 1)
        layout.addLayout(row)
        self.binder.text(self.confidentiality_edit, "confidentiality")
        self.binder.text(self.limits_edit, "confidentiality_limits")
        self.binder.text(self.sponsor_edit, "sponsor_reporting")
        return card

    def _build_responsibilities_card(self) -> QFrame:
        card, layout = make_card("Responsibilities")
        row = QHBoxLayout()
        row.setSpacing(12)
        self.coach_edit = short_note(
            "Structure, questions, challenge, confidentiality…", "coachResponsibilities"
        )
        self.client_edit = short_note(
            "Decisions, actions between sessions, results…", "clientResponsibilities"
        )
        for caption, hint, edit in (
            ("Coach", "answers for the process", self.coach_edit),
            ("Client", "answers for the decisions", self.client_edit),
        ):
            box = QVBoxLayout()
            box.setSpacing(4)
            note = QLabel(hint)
            note.setObjectName("fieldHint")
            clause = f"{caption.lower()}_responsibilities"
            box.addLayout(self._clause_head(_caption(caption, edit), clause, note))
            box.addWidget(edit)
            row.addLayout(box, 1)
        layout.addLayout(row)
        self.binder.text(self.coach_edit, "coach_responsibilities")
        self.binder.text(self.client_edit, "client_responsibilities")
        return card

    def _clause_head(self, caption: QLabel, clause: str, *extra: QWidget) -> QHBoxLayout:
        """A clause's caption with its audience chooser (who sees it in which copy)."""
        head = QHBoxLayout()
        head.addWidget(caption)
        for widget in extra:
            head.addWidget(widget)
        head.addStretch(1)
        head.addWidget(QLabel("Who sees"))
        head.addWidget(self._clause_combo(clause))
        return head

    def _clause_combo(self, clause: str) -> QComboBox:
        combo = audience_combo(f"clauseAudience_{clause}")
        self.clause_audiences[clause] = combo
        bind_clause_audience(self.binder, combo, clause)
        return combo

    def _build_outcomes_card(self) -> PartsCard:
        columns: list[Column[Outcome]] = [
            Column("#", self._outcome_position, align_right=True),
            Column("Outcome", lambda o: o.statement, tooltip=lambda o: o.statement),
            Column("Baseline", lambda o: o.baseline, align_right=True),
            Column("Target", lambda o: o.target, align_right=True),
            Column("Current", lambda o: o.current, align_right=True),
            Column("Deadline", lambda o: o.deadline),
            _who_sees_column(),
        ]
        card = PartsCard(
            title="Outcomes",
            hint="the agreed results progress is measured against",
            noun="outcome",
            key="Outcome",
            columns=columns,
            new_part=Outcome,
            stretch_column=1,
        )
        self.outcome_statement = line_edit("outcomeStatement", "What will be different")
        self.outcome_measure = line_edit("outcomeMeasure", "How it is measured")
        self.outcome_baseline = NumberEdit()
        self.outcome_baseline.setObjectName("outcomeBaseline")
        self.outcome_target = NumberEdit()
        self.outcome_target.setObjectName("outcomeTarget")
        self.outcome_current = NumberEdit()
        self.outcome_current.setObjectName("outcomeCurrent")
        self.outcome_current.setToolTip("Changing it records a reading with today's date")
        self.outcome_deadline = OptionalDateEdit()
        self.outcome_deadline.setObjectName("outcomeDeadline")
        self.outcome_deadline.setAccessibleName("Deadline")
        self.outcome_owner = line_edit("outcomeOwner", "e.g. client")
        self.outcome_history = QLabel()
        self.outcome_history.setObjectName("outcomeHistory")
        self.outcome_history.setWordWrap(True)
        self.outcome_history.setTextFormat(Qt.TextFormat.PlainText)

        numbers = QHBoxLayout()
        numbers.setSpacing(6)
        for caption, edit in (
            ("Baseline", self.outcome_baseline),
            ("Target", self.outcome_target),
            ("Current", self.outcome_current),
        ):
            numbers.addWidget(_caption(caption, edit))
            numbers.addWidget(edit, 1)
        form = card.form
        form.addRow("Statement", self.outcome_statement)
        form.addRow("Measure", self.outcome_measure)
        form.addRow("Values", numbers)
        dates = QHBoxLayout()
        dates.addWidget(self.outcome_deadline, 1)
        dates.addWidget(_caption("Owner", self.outcome_owner))
        dates.addWidget(self.outcome_owner, 1)
        form.addRow("Deadline", dates)
        form.addRow("Readings", self.outcome_history)
        self.outcome_audience = audience_combo("outcomeAudience")
        form.addRow("Who sees", self.outcome_audience)

        b = card.binder
        b.text(self.outcome_statement, "statement")
        b.text(self.outcome_measure, "measure")
        b.number(self.outcome_baseline, "baseline")
        b.number(self.outcome_target, "target")
        b.number(self.outcome_current, "current")
        b.date(self.outcome_deadline, "deadline")
        b.text(self.outcome_owner, "owner")
        bind_audience(b, self.outcome_audience, "audience")
        b.changed.connect(self._outcome_field_changed)
        b.changed.connect(lambda field: self.milestones.refresh() if field == "statement" else None)
        card.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_history())
        return card

    def _build_milestones_card(self) -> PartsCard:
        columns: list[Column[Milestone]] = [
            Column("Milestone", lambda m: m.title, tooltip=lambda m: m.title),
            Column("Outcome", lambda m: self._outcome_name(m.outcome_id)),
            Column("Due", lambda m: m.due),
            Column("Done", lambda m: m.done_on),
            _who_sees_column(),
        ]
        card = PartsCard(
            title="Milestones",
            hint="intermediate results on the way",
            noun="milestone",
            key="Milestone",
            columns=columns,
            new_part=Milestone,
        )
        self.milestone_title = line_edit("milestoneTitle", "What will have happened")
        self.milestone_outcome = choice_combo("milestoneOutcome")
        self.milestone_due = OptionalDateEdit()
        self.milestone_due.setObjectName("milestoneDue")
        self.milestone_due.setAccessibleName("Due")
        self.milestone_done = OptionalDateEdit()
        self.milestone_done.setObjectName("milestoneDone")
        self.milestone_done_today = QPushButton("Done today")
        self.milestone_done_today.setObjectName("milestoneDoneToday")
        self.milestone_done_today.clicked.connect(self._milestone_done_today)
        self.milestone_evidence = short_note("How we know it happened", "milestoneEvidence", 2)
        form = card.form
        form.addRow("Title", self.milestone_title)
        form.addRow("Outcome", self.milestone_outcome)
        dates = QHBoxLayout()
        dates.addWidget(self.milestone_due, 1)
        dates.addWidget(_caption("Done", self.milestone_done))
        dates.addWidget(self.milestone_done, 1)
        dates.addWidget(self.milestone_done_today)
        form.addRow("Due", dates)
        form.addRow("Evidence", self.milestone_evidence)
        self.milestone_audience = audience_combo("milestoneAudience")
        self.milestone_evidence_audience = audience_combo(
            "milestoneEvidenceAudience", follow="Same as the milestone"
        )
        who = QHBoxLayout()
        who.addWidget(self.milestone_audience, 1)
        who.addWidget(_caption("Evidence", self.milestone_evidence_audience))
        who.addWidget(self.milestone_evidence_audience, 1)
        form.addRow("Who sees", who)

        b = card.binder
        b.text(self.milestone_title, "title")
        b.date(self.milestone_due, "due")
        b.date(self.milestone_done, "done_on")
        b.text(self.milestone_evidence, "evidence")
        bind_audience(b, self.milestone_audience, "audience")
        bind_audience(b, self.milestone_evidence_audience, "evidence_audience")
        self.milestone_outcome.currentIndexChanged.connect(self._milestone_outcome_picked)
        card.view.selectionModel().currentRowChanged.connect(
            lambda *_: self._fill_outcome_choices()
        )
        return card

    def _build_risks_card(self) -> PartsCard:
        columns: list[Column[Risk]] = [
            Column("Risk", lambda r: r.description, tooltip=lambda r: r.description),
            Column("Likelihood", lambda r: r.likelihood),
            Column("Impact", lambda r: r.impact),
            Column("Status", lambda r: r.status),
            _who_sees_column(),
        ]
        card = PartsCard(
            title="Risks",
            hint="what could keep the work from its results",
            noun="risk",
            key="Risk",
            columns=columns,
            new_part=Risk,
        )
        self.risk_description = line_edit("riskDescription", "What could happen")
        self.risk_likelihood = choice_combo("riskLikelihood")
        self.risk_impact = choice_combo("riskImpact")
        self.risk_status = choice_combo("riskStatus")
        self.risk_mitigation = short_note("What we do about it", "riskMitigation", 2)
        levels = QHBoxLayout()
        levels.addWidget(self.risk_likelihood, 1)
        levels.addWidget(_caption("Impact", self.risk_impact))
        levels.addWidget(self.risk_impact, 1)
        form = card.form
        form.addRow("Description", self.risk_description)
        form.addRow("Likelihood", levels)
        form.addRow("Mitigation", self.risk_mitigation)
        form.addRow("Status", self.risk_status)
        self.risk_audience = audience_combo("riskAudience")
        form.addRow("Who sees", self.risk_audience)
        b = card.binder
        b.text(self.risk_description, "description")
        b.choice(self.risk_likelihood, "likelihood", RiskLevel)
        b.choice(self.risk_impact, "impact", RiskLevel)
        b.text(self.risk_mitigation, "mitigation")
        b.choice(self.risk_status, "status", RiskStatus)
        bind_audience(b, self.risk_audience, "audience")
        return card

    def _build_versions_card(self) -> QFrame:
        card, layout = make_card("Earlier versions", "kept as they were signed; read-only")
        card.setObjectName("card")
        self.versions_card = card
        row = QHBoxLayout()
        self.open_version_button = QPushButton("Open")
        self.version_list = QListWidget()
        self.version_list.setObjectName("versionList")
        self.version_list.setMaximumHeight(110)
        self.version_list.itemActivated.connect(
            lambda item: self.open_version(self.version_list.row(item))
        )
        self.version_list.currentRowChanged.connect(
            lambda row: self.open_version_button.setEnabled(row >= 0)
        )
        row.addWidget(self.version_list, 1)
        self.open_version_button.setObjectName("openVersion")
        self.open_version_button.setEnabled(False)
        self.open_version_button.clicked.connect(
            lambda: self.open_version(self.version_list.currentRow())
        )
        row.addWidget(self.open_version_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.no_versions_label = QLabel(
            "None yet: the first change to a signed contract keeps the signed one here."
        )
        self.no_versions_label.setObjectName("cardHint")
        layout.addWidget(self.no_versions_label)
        return card

    # -- WorkspaceTab ------------------------------------------------------------------------

    def show_client(self, client_id: int) -> None:
        if client_id == self.client_id and not self.flush():
            return  # unsaved (invalid) edits stay on screen rather than being reloaded away
        super().show_client(client_id)
        self._show_contract(self.controller.store.contracts.for_client(client_id))

    def focus_record(self, record_id: int, kind: RecordKind | None = None) -> None:
        """Select the outcome, milestone or risk of a search hit. Their ids are counted
        per table, so pass the hit's ``kind``; without it the first match wins."""
        if self.contract is None:
            return
        cards: list[tuple[RecordKind, PartsCard, Sequence[Any]]] = [
            (RecordKind.OUTCOME, self.outcomes, self.contract.outcomes),
            (RecordKind.MILESTONE, self.milestones, self.contract.milestones),
            (RecordKind.RISK, self.risks, self.contract.risks),
        ]
        for card_kind, card, parts in cards:
            if kind is not None and kind != card_kind:
                continue
            for row, part in enumerate(parts):
                if part.id == record_id:
                    card.select_row(row)
                    self.scroll_area.ensureWidgetVisible(card)
                    card.view.setFocus()
                    return

    def clear(self) -> None:
        super().clear()
        for dialog in list(self._version_dialogs):
            self._forget_dialog(dialog)
        self._show_contract(None)
        self.save_label.clear()

    # -- loading and saving -----------------------------------------------------------------

    def _show_contract(self, contract: Contract | None) -> None:
        self.contract = contract
        self.binder.set_record(contract)
        self.outcomes.set_parts(None if contract is None else contract.outcomes)
        self.milestones.set_parts(None if contract is None else contract.milestones)
        self.risks.set_parts(None if contract is None else contract.risks)
        for card in (self.outcomes, self.milestones, self.risks):
            card.set_editable(contract is not None)
        self._fill_outcome_choices()
        self._show_history()
        self._load_versions()
        self._update_header()
        self.stack.setCurrentIndex(0 if contract is None else 1)
        self.create_button.setEnabled(self.client_id is not None)

    def _load_versions(self) -> None:
        contract = self.contract
        self._versions = (
            []
            if contract is None or contract.id is None
            else list(reversed(self.controller.store.contracts.versions(contract.id)))
        )
        self.version_list.clear()
        for version in self._versions:
            signed = version.contract.signed_date
            parts = [f"Version {version.version}"]
            if signed is not None:
                parts.append(f"signed {text.fmt_date(signed)}")
            parts.append(f"replaced {text.fmt_datetime(version.saved_at)}")
            item = QListWidgetItem(" · ".join(parts))
            item.setToolTip("Open a read-only view of this version")
            self.version_list.addItem(item)
        self.no_versions_label.setVisible(not self._versions)
        self.version_list.setVisible(bool(self._versions))
        self.open_version_button.setVisible(bool(self._versions))
        self.open_version_button.setEnabled(False)

    def _save(self) -> None:
        contract = self.contract
        if contract is None or self.client_id is None:
            return
        version, status = contract.version, contract.status
        outcomes, milestones, risks = contract.outcomes, contract.milestones, contract.risks
        # A row just added and not yet touched is not part of the contract yet: it must
        # neither block saving the rest nor, on a signed contract, start an amendment.
        contract.outcomes = [part for part in outcomes if not _untouched(part)]
        contract.milestones = [part for part in milestones if not _untouched(part)]
        contract.risks = [part for part in risks if not _untouched(part)]
        try:
            self.controller.store.contracts.save(contract)
        finally:  # the cards edit these very lists
            contract.outcomes, contract.milestones, contract.risks = outcomes, milestones, risks
        if (contract.version, contract.status) != (version, status):
            # A signed contract just became an amendment: show it and its kept version.
            self.binder.set_record(contract)
            self._load_versions()
        self._update_header()
        self._fill_outcome_choices()  # new outcomes now have ids and can be linked
        self.controller.notify_changed(self.client_id)

    def create_contract(self) -> None:
        """Start the client's contract from a draft, stored at once."""
        if self.client_id is None or self.contract is not None:
            return
        contract = draft_contract(self.client_id, self.controller.store.today())
        try:
            self.controller.store.contracts.save(contract)
        except InvalidInput as exc:
            QMessageBox.warning(self, "Contract not created", str(exc))
            return
        self._show_contract(contract)
        self.controller.notify_changed(self.client_id)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def mark_signed(self) -> None:
        """Record the signature (after asking); later changes become an amendment."""
        contract = self.contract
        if contract is None or self.client_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Mark the contract signed",
            f"Mark version {contract.version} as signed today?\n\n"
            "It is kept as signed: any later change starts an amendment "
            f"(version {contract.version + 1}).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not self.autosaver.flush():
            QMessageBox.warning(
                self,
                "Contract not signed",
                "Some changes could not be saved yet; correct them first.\n\n"
                + self.autosaver.message,
            )
            return
        previous = contract.status, contract.signed_date
        contract.status = ContractStatus.SIGNED
        contract.signed_date = self.controller.store.today()
        try:
            self.controller.store.contracts.save(contract)
        except InvalidInput as exc:
            contract.status, contract.signed_date = previous
            QMessageBox.warning(self, "Contract not signed", str(exc))
            return
        self.binder.set_record(contract)
        self._update_header()
        self.controller.notify_changed(self.client_id)

    def open_version(self, row: int) -> ContractVersionDialog | None:
        """Show an earlier version read-only (non-modal, so it can sit beside the editor)."""
        if not 0 <= row < len(self._versions):
            return None
        dialog = ContractVersionDialog(self._versions[row], self)
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self._version_dialogs.append(dialog)
        dialog.show()
        return dialog

    def _forget_dialog(self, dialog: ContractVersionDialog) -> None:
        """Close the view and drop its text now, not at the next event loop."""
        if dialog not in self._version_dialogs:
            return
        self._version_dialogs.remove(dialog)
        dialog.browser.clear()
        dialog.hide()
        dialog.setParent(None)
        dialog.deleteLater()

    # -- reacting to edits -------------------------------------------------------------------

    def _contract_field_changed(self, field: str) -> None:
        contract = self.contract
        if contract is None:
            return
        if (
            field == "status"
            and contract.status == ContractStatus.SIGNED
            and contract.signed_date is None
        ):
            contract.signed_date = self.controller.store.today()
            self.signed_edit.set_value(contract.signed_date)
        self._update_header()
        self.autosaver.touch()

    def _outcome_field_changed(self, field: str) -> None:
        outcome = self.outcomes.binder.record
        if field != "current" or not isinstance(outcome, Outcome) or outcome.current is None:
            return
        today = self.controller.store.today()
        if outcome.history and outcome.history[-1].on == today:
            # One reading a day: while the coach types "7.5", 7 is not a reading of its own.
            outcome.history[-1].value = outcome.current
        else:
            outcome.history.append(OutcomeReading(on=today, value=outcome.current))
        self._show_history()

    def _outcome_removed(self, outcome: object) -> None:
        if self.contract is None or not isinstance(outcome, Outcome):
            return
        if outcome.id is not None:  # the store would unlink them too; keep memory in step
            for milestone in self.contract.milestones:
                if milestone.outcome_id == outcome.id:
                    milestone.outcome_id = None
        self.outcomes.refresh()  # positions moved up
        self.milestones.refresh()
        self._fill_outcome_choices()

    def _milestone_done_today(self) -> None:
        if self.milestones.binder.record is not None:
            self.milestone_done.set_value(self.controller.store.today())

    def _milestone_outcome_picked(self, index: int) -> None:
        milestone = self.milestones.binder.record
        if index < 0 or not isinstance(milestone, Milestone):
            return
        outcome_id = self.milestone_outcome.itemData(index)
        if milestone.outcome_id != outcome_id:
            milestone.outcome_id = outcome_id
            self.milestones.model.record_changed(milestone)
            self.autosaver.touch()

    def _fill_outcome_choices(self) -> None:
        """Outcomes a milestone can link to (stored ones: a link is an outcome id)."""
        combo = self.milestone_outcome
        milestone = self.milestones.binder.record
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem("— none —", None)
            if self.contract is not None:
                for position, outcome in enumerate(self.contract.outcomes, start=1):
                    if outcome.id is not None:
                        name = text.first_line(outcome.statement, 60) or "(no statement yet)"
                        combo.addItem(f"Outcome {position}: {name}", outcome.id)
            wanted = milestone.outcome_id if isinstance(milestone, Milestone) else None
            combo.setCurrentIndex(max(combo.findData(wanted), 0))
        finally:
            combo.blockSignals(False)
        combo.setEnabled(isinstance(milestone, Milestone))

    def _show_history(self) -> None:
        outcome = self.outcomes.binder.record
        if not isinstance(outcome, Outcome):
            self.outcome_history.clear()
            return
        if not outcome.history:
            self.outcome_history.setText("None yet: changing Current records one.")
            return
        recent = outcome.history[-4:]
        readings = ", ".join(
            f"{text.fmt_number(r.value)} on {text.fmt_date(r.on)}" for r in reversed(recent)
        )
        more = len(outcome.history) - len(recent)
        self.outcome_history.setText(readings + (f" (+{more} earlier)" if more else ""))

    def _update_header(self) -> None:
        contract = self.contract
        self.sign_button.setVisible(contract is not None)
        self.pdf_button.setVisible(contract is not None)
        if contract is None:
            self.title_label.clear()
            self.header_label.clear()
            self.status_chip.clear()
            self.status_chip.hide()
            return
        self.title_label.setText(contract.title.strip() or "Untitled contract")
        self.header_label.setText(header_text(contract, len(self._versions)))
        self.status_chip.setText(text.label(contract.status))
        colour = STATUS_COLOURS.get(contract.status, "#6b7280")
        self.status_chip.setStyleSheet(f"background: {colour};")
        self.status_chip.show()
        self.sign_button.setEnabled(contract.status != ContractStatus.SIGNED)

    def _show_save_state(self, state: SaveState, message: str) -> None:
        if state == SaveState.SAVED:
            self.save_label.setText("All changes saved" if self.contract is not None else "")
            self.save_label.setStyleSheet("")
        elif state == SaveState.PENDING:
            self.save_label.setText(state.value)
            self.save_label.setStyleSheet("")
        else:
            self.save_label.setText(f"{state.value}: {message}" if message else state.value)
            self.save_label.setStyleSheet("color: #b3261e;")

    # -- derived columns -----------------------------------------------------------------

    def _outcome_position(self, outcome: Outcome) -> int | None:
        if self.contract is None:
            return None
        for position, candidate in enumerate(self.contract.outcomes, start=1):
            if candidate is outcome:
                return position
        return None

    def _outcome_name(self, outcome_id: int | None) -> str:
        if outcome_id is None or self.contract is None:
            return ""
        for position, outcome in enumerate(self.contract.outcomes, start=1):
            if outcome.id == outcome_id:
                return f"Outcome {position}"
        return ""


def _who_sees_column() -> Column[Any]:
    """The audience of a row as a chip (see AudienceChipDelegate), with its meaning."""
    return Column(
        "Who sees",
        lambda part: AUDIENCE_LABELS[Audience(part.audience)],
        tooltip=lambda part: AUDIENCE_HINTS[Audience(part.audience)],
    )


def _untouched(part: Outcome | Milestone | Risk) -> bool:
    """A new part exactly as "Add" created it."""
    return part.id is None and part == type(part)()


def _caption(caption: str, buddy: QWidget) -> QLabel:
    label = buddy_label(caption, buddy)
    label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
    return label
