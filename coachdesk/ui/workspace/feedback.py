"""The Feedback tab: what stakeholders observed, for people-management engagements.

Feedback is kept as behaviour (what was seen or heard) and impact (how it landed), the
split that makes it usable in a session, and can be linked to one of the contract's
outcomes so progress conversations can cite it. Entries save themselves; a new one is
stored once its observed behaviour is written (the vault's rule).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from coachdesk.core import fields
from coachdesk.core.model import FeedbackEntry
from coachdesk.ui import text
from coachdesk.ui.controller import VaultController
from coachdesk.ui.models.records import Column
from coachdesk.ui.widgets import NoteEdit, OptionalDateEdit, section_title
from coachdesk.ui.workspace.record_log import RecordEditor, RecordLogModel, RecordLogTab
from coachdesk.vault.search import RecordKind
from coachdesk.vault.store import ClientRecordRepository

COMMON_ROLES = (
    "Direct report",
    "Peer",
    "Manager",
    "Board member",
    "HR business partner",
    "Customer",
)
"""Who usually gives feedback on a manager; the coach may type any other role."""

ADD_SHORTCUT = "Ctrl+Shift+N"
"""As "new session" in the Sessions tab: the tab's own "new" (Ctrl+N is a new client)."""

NO_OUTCOME = -1
"""Item data of "no linked outcome" in the outcome combo (None does not round-trip)."""


def _capitalised(value: str) -> str:
    return value[:1].upper() + value[1:]


class FeedbackTableModel(RecordLogModel[FeedbackEntry]):
    """Feedback rows; entries not stored yet are shown in italics."""

    def __init__(self, outcomes: dict[int, str], parent: QObject | None = None) -> None:
        self._outcomes = outcomes  # id → statement, shared with the tab (kept up to date)
        columns: list[Column[FeedbackEntry]] = [
            Column("Received", lambda f: f.received_on),
            Column("From", lambda f: _capitalised(f.from_role)),
            Column("Name", lambda f: f.from_name),
            Column(
                fields.label(FeedbackEntry, "observed_behaviour"),
                lambda f: text.first_line(f.observed_behaviour, 70),
                tooltip=lambda f: f.observed_behaviour,
            ),
            Column(
                "Linked outcome",
                lambda f: text.first_line(self._outcome(f), 50),
                tooltip=self._outcome,
            ),
        ]
        super().__init__(columns, "Not saved yet: describe the observed behaviour", parent)

    def _outcome(self, entry: FeedbackEntry) -> str:
        return "" if entry.outcome_id is None else self._outcomes.get(entry.outcome_id, "")

    def outcomes_changed(self) -> None:
        if self.rowCount() > 0:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 4))


class FeedbackEditor(RecordEditor):
    """The fields of one feedback entry, bound with a :class:`RecordBinder`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        binder = self.binder
        self.received_on = OptionalDateEdit()
        self.from_role = QComboBox()
        self.from_role.setEditable(True)
        self.from_role.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.from_role.addItems(COMMON_ROLES)
        line = self.from_role.lineEdit()
        if line is not None:
            line.setPlaceholderText("Pick or type a role")
        self.from_name = QLineEdit()
        self.from_name.setPlaceholderText("Optional")
        self.observed_behaviour = NoteEdit(
            "What they saw or heard the client do — facts, not labels"
        )
        self.perceived_impact = NoteEdit("How it landed: on them, the team, the work")
        for note in (self.observed_behaviour, self.perceived_impact):
            note.setMinimumHeight(note.fontMetrics().lineSpacing() * 4)
            note.setMaximumHeight(note.fontMetrics().lineSpacing() * 10)
        self.outcome = QComboBox()
        self.outcome.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.outcome.setMinimumContentsLength(24)
        for widget, name in (
            (self.received_on, "Received on"),
            *(
                (getattr(self, name), fields.label(FeedbackEntry, name))
                for name in ("from_role", "from_name", "observed_behaviour", "perceived_impact")
            ),
            (self.outcome, "Linked outcome"),
        ):
            widget.setAccessibleName(name)

        binder.date(self.received_on, "received_on")
        binder.text(self.from_name, "from_name")
        binder.text(self.observed_behaviour, "observed_behaviour")
        binder.text(self.perceived_impact, "perceived_impact")

        def load_role(entry: FeedbackEntry | None) -> None:
            self.from_role.setCurrentText("" if entry is None else entry.from_role)

        binder.custom(self.from_role, load_role)
        self.from_role.currentTextChanged.connect(lambda value: binder.update("from_role", value))

        binder.custom(self.outcome, self._load_outcome)
        self.outcome.currentIndexChanged.connect(self._outcome_chosen)
        self.set_outcomes({})

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Recei&ved on", self.received_on)
        form.addRow(fields.form_label(FeedbackEntry, "from_role"), self.from_role)
        form.addRow(fields.form_label(FeedbackEntry, "from_name"), self.from_name)
        form.addRow(fields.form_label(FeedbackEntry, "observed_behaviour"), self.observed_behaviour)
        form.addRow(fields.form_label(FeedbackEntry, "perceived_impact"), self.perceived_impact)
        form.addRow("&Linked outcome", self.outcome)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addWidget(section_title("Feedback entry"))
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addStretch(1)

    def set_outcomes(self, outcomes: dict[int, str]) -> None:
        """The contract's outcomes to link to (id → statement); keeps the shown choice."""
        self.outcome.blockSignals(True)
        try:
            self.outcome.clear()
            self.outcome.addItem("Not linked to an outcome", NO_OUTCOME)
            for outcome_id, statement in outcomes.items():
                self.outcome.addItem(text.first_line(statement, 80), outcome_id)
                self.outcome.setItemData(
                    self.outcome.count() - 1, statement, Qt.ItemDataRole.ToolTipRole
                )
            self._load_outcome(self.binder.record)
        finally:
            self.outcome.blockSignals(False)
        self.outcome.setEnabled(self.binder.record is not None)

    def _load_outcome(self, entry: FeedbackEntry | None) -> None:
        wanted = NO_OUTCOME if entry is None or entry.outcome_id is None else entry.outcome_id
        self.outcome.setCurrentIndex(max(self.outcome.findData(wanted), 0))

    def _outcome_chosen(self, index: int) -> None:
        if index < 0:
            return
        value = self.outcome.itemData(index)
        self.binder.update("outcome_id", None if value == NO_OUTCOME else int(value))


class FeedbackTab(RecordLogTab[FeedbackEntry, FeedbackEditor]):
    """Stakeholder feedback on the client: a table, newest first, and the entry beside it."""

    title = "Feedback"
    record_kinds = frozenset({RecordKind.FEEDBACK})
    model: FeedbackTableModel

    def __init__(
        self,
        controller: VaultController,
        parent: QWidget | None = None,
        *,
        autosave_delay_ms: int | None = None,
    ) -> None:
        outcomes: dict[int, str] = {}  # id → statement, shared with the model
        super().__init__(
            controller,
            parent,
            record_type=FeedbackEntry,
            model=FeedbackTableModel(outcomes),
            editor=FeedbackEditor(),
            autosave_delay_ms=autosave_delay_ms,
        )
        self._outcomes = outcomes
        self.table.setAccessibleName("Stakeholder feedback")
        self._size_columns(
            ("28 Feb 2026", "HR business partner", "Alexandra", "Cut people off in stand-ups"), 14
        )
        self.add_action, self.add_button = self._add_controls(
            "Add feedback",
            (ADD_SHORTCUT,),
            f"Record new feedback from a stakeholder ({ADD_SHORTCUT})",
            self.add_feedback,
        )
        self.delete_action.setText("Delete feedback…")
        self.delete_button.setToolTip("Delete the selected feedback")
        for widget, name in (
            (self.table, "feedbackList"),
            (self.add_button, "addFeedbackButton"),
            (self.delete_button, "deleteFeedbackButton"),
        ):
            widget.setObjectName(name)
        splitter = self._lay_out("Stakeholder feedback", self.table, self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 460])
        self.clear()

    def clear(self) -> None:
        super().clear()
        self._outcomes.clear()
        self.editor.set_outcomes({})

    def add_feedback(self) -> FeedbackEntry | None:
        """New feedback received today; stored once the observed behaviour is written."""
        return self._add(self.editor.from_role, Qt.FocusReason.OtherFocusReason)

    # -- RecordLogTab ----------------------------------------------------------------

    def _repository(self) -> ClientRecordRepository[FeedbackEntry]:
        return self.controller.store.feedback

    def _new_record(self, client_id: int) -> FeedbackEntry:
        return FeedbackEntry(client_id=client_id, received_on=self.controller.store.today())

    def _delete_question(self, entry: FeedbackEntry) -> tuple[str, str]:
        who = (
            " ".join(part for part in (entry.from_role, entry.from_name) if part) or "a stakeholder"
        )
        return (
            "Delete feedback",
            f"Delete the feedback from {who} of {text.fmt_date(entry.received_on)}?",
        )

    def _empty_text(self, has_records: bool) -> str:
        if has_records:
            return f"Select feedback in the list, or add new feedback ({ADD_SHORTCUT})."
        return (
            "No feedback recorded yet.\n\nAdd what a direct report, peer, manager or board "
            "member observed:\nthe behaviour they saw, and the impact it had."
        )

    def _load_related(self) -> None:
        """The current contract's outcomes, for the link combo and the table column."""
        self._outcomes.clear()
        if self.client_id is not None:
            contract = self.controller.store.contracts.for_client(self.client_id)
            if contract is not None:
                for outcome in contract.outcomes:
                    if outcome.id is not None:
                        self._outcomes[outcome.id] = outcome.statement
        self.editor.set_outcomes(dict(self._outcomes))
        self.model.outcomes_changed()
