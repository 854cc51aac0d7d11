"""The contract's parts: outcomes, milestones and risks, each a table with its editor.

:class:`PartsCard` is one such card. :class:`ContractParts` is a mixin of
:class:`~coachdesk.ui.workspace.contract.tab.ContractTab` that builds the three cards on
the tab and reacts to their edits (readings, links between milestones and outcomes); the
tab and its tests reach the editors by the names given here. (About 500 lines: the
card and the three editors built on it are read together; the rows, selection and new
rows are the generic list editor's.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QWidget,
)

from coachdesk.core import fields
from coachdesk.core.audience import Audience
from coachdesk.core.model import (
    Contract,
    Milestone,
    Outcome,
    Risk,
    RiskLevel,
    RiskStatus,
)
from coachdesk.core.sharing import AUDIENCE_HINTS, AUDIENCE_LABELS
from coachdesk.services.contracts import record_reading, remove_outcome
from coachdesk.ui import text
from coachdesk.ui.autosave import Autosaver
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import line_edit, record_table
from coachdesk.ui.models.records import Column
from coachdesk.ui.sharing import (
    AudienceChipDelegate,
    audience_combo,
    bind_audience,
)
from coachdesk.ui.widgets import (
    OptionalDateEdit,
    fill_card,
)
from coachdesk.ui.workspace.contract.terms import choice_combo, field_caption, short_note
from coachdesk.ui.workspace.list_editor import ListEditor, PendingRowsModel

NUMBER_LIMIT = 1_000_000.0
"""Outcome numbers range ±this: wide enough for money, counts and scales alike."""


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


# --- A table of contract parts with its editor -----------------------------------------


class PartsCard(QFrame):
    """One kind of contract part (outcomes, milestones or risks): a table to scan and
    pick, an editor for the selected row beside it, add and remove. The rows are a
    :class:`~coachdesk.ui.workspace.list_editor.ListEditor` (``rows``), with its rule
    for new rows; the card keeps the contract's own list (``parts``) in step with them,
    and the tab saves the contract, without the untouched new rows."""

    edited = Signal()  # a part was changed, or a stored one removed: save the contract
    removed = Signal(object)  # the part that was removed (or dropped, untouched)

    def __init__(
        self,
        title: str,
        hint: str,
        part_type: type[Any],
        columns: Sequence[Column[Any]],
        *,
        stretch_column: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        key = part_type.__name__  # "Outcome": the names of the buttons, table and editor
        self.noun = noun = key.lower()
        self._part_type = part_type
        self._parts: list[Any] = []
        self.model: PendingRowsModel[Any] = PendingRowsModel(columns, "Not saved yet", self)
        self.binder = RecordBinder(self)

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
        self.rows: ListEditor[Any] = ListEditor(
            part_type, self.model, self.view, self.binder, parent=self
        )
        self.rows.shown.connect(lambda _part: self._update_buttons())
        self.rows.edited.connect(lambda _part, _field: self.edited.emit())
        self.rows.removed.connect(self._part_left)
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
        self.rows.load(self._parts)
        self._update_buttons()

    def stored_parts(self) -> list[Any]:
        """The parts to save: all but the untouched new rows (see list_editor)."""
        return [part for part in self._parts if not self.rows.is_untouched(part)]

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.rows.select(self.model.record(row))

    def selected_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_part(self) -> None:
        first = self.form.itemAt(0, QFormLayout.ItemRole.FieldRole)
        widget = first.widget() if first is not None else None
        part = self._part_type()
        self._parts.append(part)
        self.rows.add(part, widget)

    def remove_selected(self) -> None:
        part = self.rows.current()
        if part is None:
            return
        question = f"Remove {self.noun} {self.model.row_of(part) + 1} from the contract?"
        self.rows.delete(self, part, f"Remove {self.noun}", question)  # the tab saves

    def refresh(self) -> None:
        """Re-read every row (derived columns such as positions may have changed)."""
        self.rows.refresh()

    def _part_left(self, part: Any) -> None:
        self._parts[:] = [p for p in self._parts if p is not part]
        self.removed.emit(part)
        if part.id is not None:
            self.edited.emit()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected_row() >= 0)

    def set_editable(self, enabled: bool) -> None:
        self.add_button.setEnabled(enabled)
        self.view.setEnabled(enabled)
        if not enabled:
            self.remove_button.setEnabled(False)
        else:
            self._update_buttons()


# --- The three cards on the tab ----------------------------------------------------------


class ContractParts:
    """Builds the outcome, milestone and risk cards on the tab (see the module docstring)."""

    controller: VaultController
    contract: Contract | None
    autosaver: Autosaver
    outcomes: PartsCard
    milestones: PartsCard
    risks: PartsCard

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
        hint = "the agreed results progress is measured against"
        card = PartsCard("Outcomes", hint, Outcome, columns, stretch_column=1)
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
            numbers.addWidget(field_caption(caption, edit))
            numbers.addWidget(edit, 1)
        form = card.form
        form.addRow(fields.label(Outcome, "statement"), self.outcome_statement)
        form.addRow(fields.label(Outcome, "measure"), self.outcome_measure)
        form.addRow("Values", numbers)
        dates = QHBoxLayout()
        dates.addWidget(self.outcome_deadline, 1)
        dates.addWidget(field_caption(fields.label(Outcome, "owner"), self.outcome_owner))
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
        card = PartsCard("Milestones", "intermediate results on the way", Milestone, columns)
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
        form.addRow(fields.form_label(Milestone, "title"), self.milestone_title)
        form.addRow("Outcome", self.milestone_outcome)
        dates = QHBoxLayout()
        dates.addWidget(self.milestone_due, 1)
        dates.addWidget(field_caption("Done", self.milestone_done))
        dates.addWidget(self.milestone_done, 1)
        dates.addWidget(self.milestone_done_today)
        form.addRow("Due", dates)
        form.addRow(fields.label(Milestone, "evidence"), self.milestone_evidence)
        self.milestone_audience = audience_combo("milestoneAudience")
        self.milestone_evidence_audience = audience_combo(
            "milestoneEvidenceAudience", follow="Same as the milestone"
        )
        who = QHBoxLayout()
        who.addWidget(self.milestone_audience, 1)
        who.addWidget(
            field_caption(fields.label(Milestone, "evidence"), self.milestone_evidence_audience)
        )
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
        card = PartsCard("Risks", "what could keep the work from its results", Risk, columns)
        self.risk_description = line_edit("riskDescription", "What could happen")
        self.risk_likelihood = choice_combo("riskLikelihood")
        self.risk_impact = choice_combo("riskImpact")
        self.risk_status = choice_combo("riskStatus")
        self.risk_mitigation = short_note("What we do about it", "riskMitigation", 2)
        levels = QHBoxLayout()
        levels.addWidget(self.risk_likelihood, 1)
        levels.addWidget(field_caption("Impact", self.risk_impact))
        levels.addWidget(self.risk_impact, 1)
        form = card.form
        form.addRow(fields.form_label(Risk, "description"), self.risk_description)
        form.addRow("Likelihood", levels)
        form.addRow(fields.label(Risk, "mitigation"), self.risk_mitigation)
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

    # -- reacting to edits ------------------------------------------------------------

    def _outcome_field_changed(self, field: str) -> None:
        outcome = self.outcomes.binder.record
        if field != "current" or not isinstance(outcome, Outcome) or outcome.current is None:
            return
        record_reading(outcome, outcome.current, self.controller.store.today())
        self._show_history()

    def _outcome_removed(self, outcome: object) -> None:
        if self.contract is None or not isinstance(outcome, Outcome):
            return
        remove_outcome(self.contract, outcome)  # the card took it out; this unlinks milestones
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
            self.milestones.rows.mark_edited(milestone, "outcome_id")

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

    # -- derived columns ---------------------------------------------------------------

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
