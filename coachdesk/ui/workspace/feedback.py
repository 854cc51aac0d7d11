"""The Feedback tab: what stakeholders observed, for people-management engagements.

Feedback is kept as behaviour (what was seen or heard) and impact (how it landed), the
split that makes it usable in a session, and can be linked to one of the contract's
outcomes so progress conversations can cite it. Entries save themselves; a new one is
stored once its observed behaviour is written (the vault's rule).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.errors import InvalidInput, NotFound
from coachdesk.core.model import FeedbackEntry
from coachdesk.ui import text
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.models.records import RECORD_ROLE, SORT_ROLE, Column, Index, RecordTableModel
from coachdesk.ui.widgets import NoteEdit, OptionalDateEdit, section_title
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.search import RecordKind

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


class FeedbackTableModel(RecordTableModel[FeedbackEntry]):
    """Feedback rows; entries not stored yet are shown in italics."""

    def __init__(self, outcomes: dict[int, str], parent: QObject | None = None) -> None:
        self._outcomes = outcomes  # id → statement, shared with the tab (kept up to date)
        columns: list[Column[FeedbackEntry]] = [
            Column("Received", lambda f: f.received_on),
            Column("From", lambda f: _capitalised(f.from_role)),
            Column("Name", lambda f: f.from_name),
            Column(
                "Observed behaviour",
                lambda f: text.first_line(f.observed_behaviour, 70),
                tooltip=lambda f: f.observed_behaviour,
            ),
            Column(
                "Linked outcome",
                lambda f: text.first_line(self._outcome(f), 50),
                tooltip=self._outcome,
            ),
        ]
        super().__init__(columns, parent)
        self._unsaved: list[FeedbackEntry] = []

    def _outcome(self, entry: FeedbackEntry) -> str:
        return "" if entry.outcome_id is None else self._outcomes.get(entry.outcome_id, "")

    def outcomes_changed(self) -> None:
        if self.rowCount() > 0:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 4))

    def set_unsaved(self, entries: Sequence[FeedbackEntry]) -> None:
        before = self._unsaved
        self._unsaved = list(entries)
        for entry in [*before, *self._unsaved]:
            self.record_changed(entry)

    def _is_unsaved(self, entry: FeedbackEntry) -> bool:
        return entry.id is None or any(e is entry for e in self._unsaved)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        entry = self.record(index.row())
        if role == Qt.ItemDataRole.FontRole and self._is_unsaved(entry):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and self._is_unsaved(entry):
            return "Not saved yet: describe the observed behaviour"
        return super().data(index, role)


class FeedbackEditor(QWidget):
    """The fields of one feedback entry, bound with a :class:`RecordBinder`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.binder = RecordBinder(self)
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
        self.status = QLabel()
        self.status.setObjectName("saveProblem")
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        for widget, name in (
            (self.received_on, "Received on"),
            (self.from_role, "From (role)"),
            (self.from_name, "From (name)"),
            (self.observed_behaviour, "Observed behaviour"),
            (self.perceived_impact, "Perceived impact"),
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
        form.addRow("From (r&ole)", self.from_role)
        form.addRow("&Name", self.from_name)
        form.addRow("O&bserved behaviour", self.observed_behaviour)
        form.addRow("&Perceived impact", self.perceived_impact)
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

    def show_problem(self, state: SaveState, message: str) -> None:
        problem = state in (SaveState.INVALID, SaveState.FAILED) and bool(message)
        self.status.setText(f"Not saved yet: {message}" if problem else "")
        self.status.setVisible(problem)


class FeedbackTab(WorkspaceTab):
    """Stakeholder feedback on the client: a table, newest first, and the entry beside it."""

    title = "Feedback"

    def __init__(
        self,
        controller: VaultController,
        parent: QWidget | None = None,
        *,
        autosave_delay_ms: int | None = None,
    ) -> None:
        super().__init__(controller, parent)
        self._pending: list[FeedbackEntry] = []
        self._outcomes: dict[int, str] = {}
        self.model = FeedbackTableModel(self._outcomes, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setDynamicSortFilter(True)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName("Stakeholder feedback")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        for column, sample in enumerate(
            ("28 Feb 2026", "HR business partner", "Alexandra", "Cut people off in stand-ups")
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 14)

        self.editor = FeedbackEditor()
        self.empty_hint = QLabel()
        self._autosaver = self.make_autosaver(self._save_pending, autosave_delay_ms)
        self._autosaver.state_changed.connect(self.editor.show_problem)
        self.editor.binder.changed.connect(self._field_changed)

        self.add_button = QPushButton("Add feedback")
        self.add_action = QAction("Add feedback", self)
        self.add_action.setShortcut(QKeySequence(ADD_SHORTCUT))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_action.triggered.connect(self.add_feedback)
        self.addAction(self.add_action)
        self.add_button.setToolTip(f"Record new feedback from a stakeholder ({ADD_SHORTCUT})")
        self.add_button.clicked.connect(self.add_action.trigger)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setToolTip("Delete the selected feedback")
        self.delete_button.clicked.connect(self.delete_current)
        self.delete_action = QAction("Delete feedback…", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        self.table.addAction(self.delete_action)

        for widget, name in (
            (self.table, "feedbackList"),
            (self.add_button, "addFeedbackButton"),
            (self.delete_button, "deleteFeedbackButton"),
        ):
            widget.setObjectName(name)
        self._lay_out()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.clear()

    def _lay_out(self) -> None:
        toolbar = QHBoxLayout()
        title = section_title("Stakeholder feedback")
        toolbar.addWidget(title)
        toolbar.addStretch(1)
        toolbar.addWidget(self.add_button)
        toolbar.addWidget(self.delete_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addLayout(toolbar)
        left_layout.addWidget(self.table, 1)

        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        self.empty_hint.setObjectName("hint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(self.editor)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 460])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- WorkspaceTab ----------------------------------------------------------------

    def show_client(self, client_id: int) -> None:
        same = client_id == self.client_id
        if same:
            self._autosaver.flush()
        keep = list(self._pending) if same else []
        selected = self.current_entry() if same else None
        if not same:
            self.clear()
        super().show_client(client_id)
        self._load_outcomes()
        by_id: dict[int | None, FeedbackEntry] = {f.id: f for f in keep if f.id is not None}
        stored = [by_id.get(f.id, f) for f in self.controller.store.feedback.for_client(client_id)]
        self._pending = keep
        self.editor.binder.set_record(None)
        self.model.set_records([*stored, *(f for f in keep if f.id is None)])
        self.model.set_unsaved(self._pending)
        target = None
        if selected is not None:
            target = next(
                (
                    f
                    for f in self.model.records()
                    if f is selected or (selected.id is not None and f.id == selected.id)
                ),
                None,
            )
        if target is None and self.proxy.rowCount() > 0:
            target = self._record_at(self.proxy.index(0, 0))
        self._select(target)

    def focus_record(self, record_id: int, kind: RecordKind | None = None) -> None:
        entry = next((f for f in self.model.records() if f.id == record_id), None)
        if entry is not None:
            self._select(entry)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        super().clear()
        self._pending = []
        self._outcomes.clear()
        self.editor.binder.set_record(None)
        self.editor.set_outcomes({})
        self.editor.show_problem(SaveState.SAVED, "")
        self.model.set_unsaved([])
        self.model.clear()
        self.stack.setCurrentIndex(0)
        self.delete_button.setEnabled(False)
        self.add_button.setEnabled(False)
        self.add_action.setEnabled(False)

    # -- actions ---------------------------------------------------------------------

    def current_entry(self) -> FeedbackEntry | None:
        record = self.editor.binder.record
        return record if isinstance(record, FeedbackEntry) else None

    def add_feedback(self) -> FeedbackEntry | None:
        """New feedback received today; stored once the observed behaviour is written."""
        if self.client_id is None:
            return None
        entry = FeedbackEntry(client_id=self.client_id, received_on=self.controller.store.today())
        self.model.append(entry)
        self._select(entry)
        self.editor.from_role.setFocus(Qt.FocusReason.OtherFocusReason)
        return entry

    def delete_current(self) -> bool:
        """Delete the selected feedback after the coach confirms; True when deleted."""
        entry = self.current_entry()
        if entry is None or self.client_id is None:
            return False
        who = (
            " ".join(part for part in (entry.from_role, entry.from_name) if part) or "a stakeholder"
        )
        answer = QMessageBox.question(
            self,
            "Delete feedback",
            f"Delete the feedback from {who} of {text.fmt_date(entry.received_on)}?\n"
            "This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        if entry.id is not None:
            with contextlib.suppress(NotFound):  # already gone (deleted elsewhere)
                self.controller.store.feedback.delete(entry.id)
        self._pending = [f for f in self._pending if f is not entry]
        if not self._pending:
            self._autosaver.discard()
        proxy_row = self.table.currentIndex().row()
        self.editor.binder.set_record(None)
        self.model.remove(self.model.row_of(entry))
        self.model.set_unsaved(self._pending)
        if self.proxy.rowCount() > 0:
            row = min(max(proxy_row, 0), self.proxy.rowCount() - 1)
            self._select(self._record_at(self.proxy.index(row, 0)))
        else:
            self._select(None)
        if entry.id is not None:
            self.controller.notify_changed(self.client_id)
        return True

    # -- internals -------------------------------------------------------------------

    def _load_outcomes(self) -> None:
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

    def _record_at(self, index: QModelIndex | QPersistentModelIndex) -> FeedbackEntry | None:
        if not index.isValid():
            return None
        record = self.proxy.data(index, RECORD_ROLE)
        return record if isinstance(record, FeedbackEntry) else None

    def _select(self, entry: FeedbackEntry | None) -> None:
        if entry is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            self._show(None)
            return
        row = self.model.row_of(entry)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        if self.current_entry() is not entry:
            self._show(entry)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self._record_at(current)
        previous = self.current_entry()
        if previous is entry:
            return
        self._autosaver.flush()
        if previous is not None and previous.id is None and not self._is_pending(previous):
            QTimer.singleShot(0, lambda f=previous: self._drop_untouched(f))
        self._show(entry)

    def _show(self, entry: FeedbackEntry | None) -> None:
        self.editor.binder.set_record(entry)
        self.editor.outcome.setEnabled(entry is not None)
        self.stack.setCurrentIndex(0 if entry is None else 1)
        self.empty_hint.setText(
            f"Select feedback in the list, or add new feedback ({ADD_SHORTCUT})."
            if self.model.rowCount() > 0
            else "No feedback recorded yet.\n\nAdd what a direct report, peer, manager or board "
            "member observed:\nthe behaviour they saw, and the impact it had."
        )
        self.delete_button.setEnabled(entry is not None)
        self.add_button.setEnabled(self.client_id is not None)
        self.add_action.setEnabled(self.client_id is not None)

    def _drop_untouched(self, entry: FeedbackEntry) -> None:
        if entry.id is None and not self._is_pending(entry) and self.current_entry() is not entry:
            row = self.model.row_of(entry)
            if row >= 0:
                self.model.remove(row)

    def _is_pending(self, entry: FeedbackEntry) -> bool:
        return any(f is entry for f in self._pending)

    def _field_changed(self, _field: str) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if not self._is_pending(entry):
            self._pending.append(entry)
        self.model.record_changed(entry)
        self._autosaver.touch()

    def _save_pending(self) -> None:
        """Store every changed entry; entries the vault refuses stay pending (and say why)."""
        if self.client_id is None:
            self._pending = []
            return
        store = self.controller.store
        problem: InvalidInput | None = None
        saved = False
        for entry in list(self._pending):
            entry.client_id = self.client_id
            try:
                store.feedback.save(entry)
            except InvalidInput as exc:
                problem = problem or exc
                continue
            self._pending = [f for f in self._pending if f is not entry]
            saved = True
        self.model.set_unsaved(self._pending)
        if saved:
            self.controller.notify_changed(self.client_id)
        if problem is not None:
            raise problem
