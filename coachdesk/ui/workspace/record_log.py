"""A client's log of one kind of record: a table, newest first, and the record's editor.

The Emotions and Feedback tabs are such logs. Everything they share is here: the table
(sorted, newest first), the empty hint, the editor page, "new" and "delete" controls and
the layout. The rows themselves, pending new records and the rule for an untouched new
row are the :class:`~coachdesk.ui.workspace.list_editor.ListEditor`'s, as in every list
of the app. A tab adds its model, its editor, how a new record starts and how a
deletion is asked about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.ui.autosave import SaveState
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import record_table
from coachdesk.ui.models.records import SORT_ROLE, RecordSortProxy
from coachdesk.ui.widgets import section_title
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.ui.workspace.list_editor import ListEditor, PendingRowsModel
from coachdesk.vault.search import RecordKind
from coachdesk.vault.store import ClientRecordRepository


class LogRecord(Protocol):
    """What a log needs of its records: stored ones have an id, all belong to a client."""

    id: int | None
    client_id: int | None


R = TypeVar("R", bound=LogRecord)

RecordLogModel = PendingRowsModel
"""The log's rows (the list editor's model: unsaved records in italics)."""


class RecordEditor(QWidget):
    """The fields of one record, bound with a :class:`RecordBinder`, and a line that says
    why the record is not saved yet (``status``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.binder = RecordBinder(self)
        self.status = QLabel()
        self.status.setObjectName("saveProblem")
        self.status.setWordWrap(True)
        # Its line is kept while hidden: appearing, it must not push the form down under
        # the pointer of a coach who is typing or clicking there.
        policy = self.status.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.status.setSizePolicy(policy)
        self.status.setVisible(False)

    def show_problem(self, state: SaveState, message: str) -> None:
        problem = state in (SaveState.INVALID, SaveState.FAILED) and bool(message)
        self.status.setText(f"Not saved yet: {message}" if problem else "")
        self.status.setVisible(problem)


E = TypeVar("E", bound=RecordEditor)


class RecordLogTab(WorkspaceTab, Generic[R, E]):
    """A table of the client's records of one kind, newest first, and the selected
    record's editor beside it; a record edited but not yet stored stays pending (and
    in the table) until the vault accepts it.

    The base builds the table (``model``, ``proxy``, ``table``), the ``stack`` of the
    empty hint and the editor page, and the delete button and action. A subclass builds
    its "new record" controls with :meth:`_add_controls`, lays the tab out with
    :meth:`_lay_out`, calls :meth:`clear` last, and implements the hooks:
    :meth:`_repository`, :meth:`_new_record`, :meth:`_delete_question` and
    :meth:`_empty_text`.
    """

    def __init__(
        self,
        controller: VaultController,
        parent: QWidget | None,
        *,
        record_type: type[R],
        model: RecordLogModel[R],
        editor: E,
        autosave_delay_ms: int | None,
    ) -> None:
        super().__init__(controller, parent)
        self.model = model
        self.model.setParent(self)
        self.proxy = RecordSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setDynamicSortFilter(True)

        self.table = record_table(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.editor = editor
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("hint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(empty)

        self._autosaver = self.make_autosaver(self._save_pending, autosave_delay_ms)
        self._autosaver.state_changed.connect(self.editor.show_problem)
        self.rows: ListEditor[R] = ListEditor(
            record_type, model, self.table, editor.binder, autosaver=self._autosaver, parent=self
        )
        self.rows.shown.connect(self._show)
        self.rows.edited.connect(self._edited)

        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(self.delete_current)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        self.table.addAction(self.delete_action)
        self._adders: tuple[QAction, QPushButton] | None = None

    # -- building (for subclasses) ---------------------------------------------------

    def _add_controls(
        self, text_: str, shortcuts: Sequence[str], tooltip: str, add: Callable[[], object]
    ) -> tuple[QAction, QPushButton]:
        """The "new record" action (its shortcuts work anywhere in the tab) and button."""
        action = QAction(text_, self)
        action.setShortcuts([QKeySequence(shortcut) for shortcut in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(add)
        self.addAction(action)
        button = QPushButton(text_)
        button.setToolTip(tooltip)
        button.clicked.connect(action.trigger)
        self._adders = (action, button)
        return action, button

    def _size_columns(self, samples: Sequence[str], padding: int) -> None:
        """Start each column as wide as its sample text (the last one stretches)."""
        metrics = self.fontMetrics()
        header = self.table.horizontalHeader()
        sort_arrow = 2 * metrics.height()  # the header's sort indicator and its margin
        for column, sample in enumerate(samples):
            heading = str(self.proxy.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(
                metrics.horizontalAdvance(sample) + padding,
                header.fontMetrics().horizontalAdvance(heading) + sort_arrow,
            )  # a heading is never cut ("Intensit")
            self.table.setColumnWidth(column, width)
        # An empty log shows its columns without a scroll bar to scroll nothing.
        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._fit_scroll_bar)
        self._fit_scroll_bar()

    def _fit_scroll_bar(self, *_args: object) -> None:
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if self.proxy.rowCount()
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.table.setHorizontalScrollBarPolicy(policy)

    def _lay_out(self, heading: str, log: QWidget, editor_page: QWidget) -> QSplitter:
        """The toolbar and ``log`` (the table, or more) on the left, the editor page on
        the right; returns the splitter between them, for the subclass to proportion."""
        toolbar = QHBoxLayout()
        toolbar.addWidget(section_title(heading))
        toolbar.addStretch(1)
        if self._adders is not None:
            toolbar.addWidget(self._adders[1])
        toolbar.addWidget(self.delete_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addLayout(toolbar)
        left_layout.addWidget(log, 1)
        self.stack.addWidget(editor_page)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        return splitter

    # -- hooks -----------------------------------------------------------------------

    def _repository(self) -> ClientRecordRepository[R]:
        """Where the records are stored (``store.emotions``, ``store.feedback``)."""
        raise NotImplementedError

    def _new_record(self, client_id: int) -> R:
        """A new record of the client, as the "new" action starts it."""
        raise NotImplementedError

    def _delete_question(self, record: R) -> tuple[str, str]:
        """Title and question of the confirmation before ``record`` is deleted."""
        raise NotImplementedError

    def _empty_text(self, has_records: bool) -> str:
        """What the editor's side says when no record is selected."""
        raise NotImplementedError

    def _load_related(self) -> None:
        """Load what the records refer to, before the records (the client is set)."""

    def _shown(self, record: R | None) -> None:
        """``record`` is now in the editor."""

    def _edited(self, record: R, field: str) -> None:
        """The coach changed ``field`` of ``record`` (before its save is scheduled)."""

    # -- WorkspaceTab ----------------------------------------------------------------

    def show_client(self, client_id: int) -> None:
        same = client_id == self.client_id
        if same:
            self._autosaver.flush()
        else:
            self.clear()
        super().show_client(client_id)
        self._load_related()
        self.rows.load(self._repository().for_client(client_id), keep_edits=same)

    def focus_record(self, record_id: int, kind: RecordKind | None = None) -> None:
        if kind is not None and kind not in self.record_kinds:
            return
        if self.rows.select_id(record_id) is not None:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_record(self, kind: RecordKind) -> int | None:
        current = self.rows.current()
        return current.id if current is not None and kind in self.record_kinds else None

    def clear(self) -> None:
        super().clear()
        self.rows.clear()
        self.editor.show_problem(SaveState.SAVED, "")
        self.stack.setCurrentIndex(0)
        self.delete_button.setEnabled(False)
        self._enable_adding(False)

    # -- actions ---------------------------------------------------------------------

    def current_entry(self) -> R | None:
        return self.rows.current()

    def _add(self, focus: QWidget, reason: Qt.FocusReason) -> R | None:
        """Start a new record, selected in the table and shown in the editor with the
        focus on ``focus``; it is stored once the vault accepts it (None: no client)."""
        if self.client_id is None:
            return None
        return self.rows.add(self._new_record(self.client_id), focus, reason)

    def delete_current(self) -> bool:
        """Delete the selected record after the coach confirms; True when deleted."""
        record = self.current_entry()
        if record is None or self.client_id is None:
            return False
        heading, question = self._delete_question(record)
        repository = self._repository()
        if not self.rows.delete(
            self, record, heading, f"{question}\nThis cannot be undone.", repository.delete
        ):
            return False
        if record.id is not None:
            self.controller.notify_changed(self.client_id)
        return True

    def _select(self, record: R | None) -> None:
        self.rows.select(record)

    # -- internals -------------------------------------------------------------------

    def _enable_adding(self, enabled: bool) -> None:
        for control in self._adders or ():
            control.setEnabled(enabled)

    def _show(self, record: R | None) -> None:
        self.stack.setCurrentIndex(0 if record is None else 1)
        self.empty_hint.setText(self._empty_text(self.model.rowCount() > 0))
        self.delete_button.setEnabled(record is not None)
        self._enable_adding(self.client_id is not None)
        self._shown(record)

    def _save_pending(self) -> None:
        """Store every changed record; records the vault refuses stay pending (and say why)."""
        client_id = self.client_id
        if client_id is None:
            return
        repository = self._repository()

        def save(record: R) -> None:
            record.client_id = client_id
            repository.save(record)

        if self.rows.save_pending(save):
            self.controller.notify_changed(client_id)
