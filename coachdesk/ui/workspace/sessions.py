"""The Sessions tab: a client's sessions on the left, the selected one's notes on the right.

Notes are written during or right after a conversation, so nothing here has a Save
button: every field autosaves. What may be shared (the summary) and what never is (the
private notes) are kept visibly apart.

The notes page is built by ``session_notes.py`` and the action items by
``session_actions.py``, both mixins of the tab; this module holds the session list, the
tab's loading and showing, and saving the sessions.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.attendance import awaiting_outcome, state_label
from coachdesk.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Contract,
    Session,
    SessionFormat,
    SessionState,
    SessionTemplate,
)
from coachdesk.reports.kinds import ReportKind
from coachdesk.services.sessions import next_session, number_of
from coachdesk.ui import text
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import (
    LabelColumn,
    WheelGuard,
    record_table,
    scroll_area,
    tab_order,
)
from coachdesk.ui.models.records import SORT_ROLE, Column, RecordSortProxy
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.ui.workspace.list_editor import ListEditor, PendingRowsModel
from coachdesk.ui.workspace.session_actions import SessionActionItems
from coachdesk.ui.workspace.session_notes import SessionNotes
from coachdesk.vault.search import RecordKind

NEW_SESSION_SHORTCUT = "Ctrl+Shift+N"
SIZE_SAMPLE_ROWS = 40
"""Rows of the session list measured to size its columns (Qt's default: 1000)."""


def mnemonic_safe(value: str) -> str:
    """Button text shows "&" as a shortcut marker; client text must appear as typed."""
    return value.replace("&", "&&")


# -- the tab ---------------------------------------------------------------------------


class SessionsTab(SessionNotes, SessionActionItems, WorkspaceTab):
    """List of sessions (newest first) and an autosaving editor for the selected one."""

    title = "Sessions"
    record_kinds = frozenset({RecordKind.SESSION})

    def __init__(
        self,
        controller: VaultController,
        parent: QWidget | None = None,
        *,
        autosave_delay_ms: int | None = None,
    ) -> None:
        super().__init__(controller, parent)
        self._contract: Contract | None = None
        self._actions: list[ActionItem] = []  # the client's stored ones, shown per session
        self._loading = False
        self._outcome_boxes: list[QCheckBox] = []
        self._wheel_guard = WheelGuard(self)
        self._labels = LabelColumn()

        self._sessions: PendingRowsModel[Session] = PendingRowsModel(
            self._session_columns(), "Not saved yet: type in it to keep it", self
        )
        self._sessions.setObjectName("sessionListModel")
        self._sorted = RecordSortProxy(self)
        self._sorted.setSourceModel(self._sessions)
        self._sorted.setSortRole(SORT_ROLE)
        self._sorted.setDynamicSortFilter(True)
        self._sorted.sort(0, Qt.SortOrder.DescendingOrder)
        self._actions_model: PendingRowsModel[ActionItem] = PendingRowsModel(
            self._action_columns(), "Not saved yet: it needs a text", self
        )
        self._actions_model.setObjectName("actionItemModel")

        self._binder = RecordBinder(self, cursor_at_end=True)
        self._action_binder = RecordBinder(self, cursor_at_end=True)
        self._session_saver = self.make_autosaver(self._save_sessions, autosave_delay_ms)
        self._action_saver = self.make_autosaver(self._save_actions, autosave_delay_ms)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("sessionsSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 720])
        # The editor never scrolls sideways: the splitter stops at the width it needs.
        editor = self.findChild(QScrollArea, "sessionEditor")
        page = editor.widget() if editor is not None else None
        if editor is not None and page is not None:
            bar = editor.verticalScrollBar().sizeHint().width()
            editor.setMinimumWidth(page.minimumSizeHint().width() + bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self._bind()
        # The sessions, and the selected session's action items: two lists, one rule
        # for new rows (see list_editor).
        self._session_rows = ListEditor(
            Session, self._sessions, self._list, self._binder, autosaver=self._session_saver
        )
        self._session_rows.shown.connect(self._session_shown)
        self._session_rows.edited.connect(self._session_edited)
        self._action_rows = ListEditor(
            ActionItem,
            self._actions_model,
            self._action_list,
            self._action_binder,
            autosaver=self._action_saver,
        )
        self._action_rows.shown.connect(self._action_shown)
        self._action_rows.removed.connect(self._action_removed)
        self._session_shown(None)

    # -- building ------------------------------------------------------------------

    def _session_columns(self) -> list[Column[Session]]:
        return [
            Column("Date", lambda s: s.started_at),
            Column("No.", lambda s: number_of(s, self._contract)),
            # Where a coach scans the list: a cancelled session or one waiting for its
            # outcome must show at a glance, not after scrolling right.
            Column("State", lambda s: state_label(s, datetime.now())),
            Column("Focus area", lambda s: s.focus_area, tooltip=lambda s: s.focus_area),
            Column(
                "Process",
                lambda s: s.process_rating,
                tooltip=lambda s: "Process rating: how well the conversation went",
            ),
            Column(
                "Result",
                lambda s: s.result_rating,
                tooltip=lambda s: "Result rating: progress towards the agreed outcomes",
            ),
        ]

    def _build_list(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(8)

        self._list = record_table(self._sorted, "sessionList", plain=True)
        self._list.setAccessibleName("Sessions")
        header = self._list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Size columns from a sample of rows, not every session: the columns hold
        # dates and small numbers, and measuring all of a long engagement's rows made
        # Qt call data() thousands of times each time the list was filled.
        header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
        layout.addWidget(self._list, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self._new_button = QPushButton("New session")
        self._new_button.setObjectName("newSessionButton")
        self._new_button.setShortcut(QKeySequence(NEW_SESSION_SHORTCUT))
        shortcut = QKeySequence(NEW_SESSION_SHORTCUT).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self._new_button.setToolTip(f"Start notes for a new session ({shortcut})")
        self._new_button.clicked.connect(self.new_session)
        self._delete_button = QPushButton("Delete")
        self._delete_button.setObjectName("deleteSessionButton")
        self._delete_button.setToolTip("Delete the selected session and its notes")
        self._delete_button.clicked.connect(self.delete_session)
        self.summary_button = QPushButton("Session summary…")
        self.summary_button.setObjectName("sessionSummaryButton")
        self.summary_button.setToolTip("The shareable summary of the selected session (PDF)")
        self.summary_button.clicked.connect(self._ask_summary)
        buttons.addWidget(self._new_button)
        buttons.addWidget(self.summary_button)
        buttons.addStretch(1)
        buttons.addWidget(self._delete_button)
        layout.addLayout(buttons)
        return panel

    def _build_editor(self) -> QWidget:
        self._stack = QStackedWidget()
        self._stack.setObjectName("sessionEditorStack")
        self._empty_hint = QLabel()
        self._empty_hint.setObjectName("noSessionHint")
        self._empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_hint.setWordWrap(True)
        self._stack.addWidget(self._empty_hint)

        scroll = scroll_area("sessionEditor")
        page = QWidget()
        page.setObjectName("sessionEditorPage")
        self._page = QVBoxLayout(page)
        self._page.setContentsMargins(16, 4, 20, 16)
        self._page.setSpacing(6)
        scroll.setWidget(page)
        self._stack.addWidget(scroll)

        self._heading = QLabel()
        self._heading.setObjectName("sessionHeading")
        self._heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self._heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self._heading.setFont(font)
        self._page.addWidget(self._heading)

        self._build_when()
        self._build_conversation()
        self._build_shared()
        self._build_private()
        self._build_takeaways()
        self._build_ratings()
        self._build_outcomes()
        self._build_actions()
        self._page.addStretch(1)
        self._labels.align()
        return self._stack

    def _bind(self) -> None:
        b = self._binder
        b.datetime(self._started, "started_at")
        b.integer(self._duration, "duration_minutes")
        b.integer(self._number, "number", optional=True)
        b.choice(self._format, "format", SessionFormat)
        b.choice(self._state, "state", SessionState)
        b.text(self._agenda, "agenda")
        b.text(self._grow_goal, "grow_goal")
        b.text(self._grow_reality, "grow_reality")
        b.text(self._grow_options, "grow_options")
        b.text(self._grow_way, "grow_way_forward")
        b.text(self._shared, "shared_summary")
        b.text(self._private, "private_notes")
        b.text(self._decisions, "decisions")
        b.text(self._insights, "insights")
        b.text(self._comfort, "comfort_zone_steps")
        b.text(self._next_steps, "next_steps")
        b.text(self._focus_area, "focus_area")
        b.integer(self._process, "process_rating", optional=True)
        b.integer(self._result, "result_rating", optional=True)

        a = self._action_binder
        a.choice(self._action_owner, "owner", ActionOwner)
        a.text(self._action_text, "text")
        a.date(self._action_due, "due")
        a.choice(self._action_status, "status", ActionStatus)

    # -- WorkspaceTab ------------------------------------------------------------------

    def show_client(self, client_id: int) -> None:
        """Load the client's sessions; showing the same client again keeps the selection."""
        same = client_id == self.client_id
        if not self.flush() and same:
            return  # keep the unsaved edits on screen rather than reload over them
        if not same:
            self.clear()
        super().show_client(client_id)
        snapshot = self.controller.store.snapshot(client_id)  # shared with the other tabs
        self._contract = snapshot.contract()
        sessions = snapshot.sessions()
        self._actions = snapshot.action_items()
        self._configure_for_contract(sessions)
        self._session_rows.load(sessions, keep_edits=same)

    def focus_record(self, record_id: int, kind: RecordKind | None = None) -> None:
        """Select and reveal the session ``record_id`` (a search hit); others are ignored."""
        if kind not in (None, RecordKind.SESSION):
            return
        if self._session_rows.select_id(record_id) is not None:
            self._list.setFocus()

    def clear(self) -> None:
        super().clear()
        self._actions = []
        self._contract = None
        self._session_rows.clear()
        self._action_rows.clear()
        self._configure_for_contract([])
        self._started.setDateTime(self._started.minimumDateTime())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)

    # -- user actions ----------------------------------------------------------------

    def new_session(self) -> None:
        """Start a session for now, numbered next, with the cursor in it; it is stored
        once the coach changes anything in it (an untouched one goes again)."""
        if self.client_id is None or not self.controller.is_unlocked:
            return
        self.flush()
        contract = self._contract
        session = next_session(self.client_id, contract, self._sessions.records(), datetime.now())
        self._configure_for_contract([*self._sessions.records(), session])
        self._session_rows.add(session, self._agenda)

    def delete_session(self) -> None:
        """Delete the selected session after the coach confirms (No is the default)."""
        session = self._current_session()
        if session is None or self.client_id is None:
            return
        question = (
            f"Delete the session of {text.fmt_datetime(session.started_at)} and all its "
            "notes?\n\nIts action items stay on the client’s list. This cannot be undone."
        )
        if (
            self._session_rows.delete(
                self, session, "Delete session", question, self._delete_stored_session
            )
            and session.id is not None
        ):
            self.controller.notify_changed(self.client_id)

    def _delete_stored_session(self, session_id: int) -> None:
        self.controller.store.sessions.delete(session_id)
        for item in self._actions:  # the database set these to NULL too
            if item.session_id == session_id:
                item.session_id = None

    # -- showing -------------------------------------------------------------------

    def _configure_for_contract(self, sessions: list[Session]) -> None:
        """Session count, outcomes to tick: everything that comes from the contract."""
        contract = self._contract
        planned = contract.session_count if contract is not None else None
        self._of_count.setText(f"of {planned}" if planned else "")
        numbers = [s.number for s in sessions if s.number is not None]
        # Never below an existing number, so loading a session cannot silently clamp it.
        self._number.setMaximum(max([planned or 999, *numbers]))
        for box in self._outcome_boxes:
            box.setParent(None)
            box.deleteLater()
        self._outcome_boxes = []
        outcomes = contract.outcomes if contract is not None else []
        for outcome in outcomes:
            if outcome.id is None:
                continue
            # A check box cannot wrap: a short line here, the whole statement on hover.
            box = QCheckBox(mnemonic_safe(text.first_line(outcome.statement, 52)))
            box.setObjectName(f"outcome{outcome.id}")
            box.setProperty("outcome_id", outcome.id)
            box.setToolTip(outcome.statement)
            box.toggled.connect(lambda checked, oid=outcome.id: self._outcome_toggled(oid, checked))
            self._outcomes_layout.addWidget(box)
            self._outcome_boxes.append(box)
        self._no_outcomes.setVisible(not self._outcome_boxes)
        # Boxes made now would be visited last, after the action items below them.
        tab_order(self._result, *self._outcome_boxes)

    def selected_record(self, kind: RecordKind) -> int | None:
        return self.current_session_id() if kind == RecordKind.SESSION else None

    def current_session_id(self) -> int | None:
        """The selected session's id: what "Session summary" reports on."""
        session = self._current_session()
        return None if session is None else session.id

    def _current_session(self) -> Session | None:
        record = self._binder.record
        return record if isinstance(record, Session) else None

    def _session_shown(self, session: Session | None) -> None:
        self._loading = True
        try:
            grow = session is not None and session.template == SessionTemplate.GROW
            (self._template_grow if grow else self._template_free).setChecked(True)
            self._grow_box.setVisible(grow)
            ticked = set(session.outcome_ids) if session is not None else set()
            for box in self._outcome_boxes:
                box.setChecked(box.property("outcome_id") in ticked)
                box.setEnabled(session is not None)
            self._template_free.setEnabled(session is not None)
            self._template_grow.setEnabled(session is not None)
            self._action_saver.flush()  # the items of the session being left
            items = [] if session is None else self._actions_of(session)
            self._action_rows.load(items, select_first=False)
        finally:
            self._loading = False
        self._update_heading()
        self._update_question()
        self._stack.setCurrentIndex(0 if session is None else 1)
        shortcut = QKeySequence(NEW_SESSION_SHORTCUT).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        first = "No session selected." if self._sessions.rowCount() else "No sessions yet."
        self._empty_hint.setText(
            f"{first}\n\nPress “New session” ({shortcut}) to start notes."
            if self.client_id is not None
            else ""
        )
        self._delete_button.setEnabled(session is not None)
        self._add_action.setEnabled(session is not None)
        self._remove_action.setEnabled(False)

    def _update_heading(self) -> None:
        session = self._current_session()
        if session is None:
            self._heading.setText("")
            return
        place = number_of(session, self._contract)
        name = f"Session {place}" if place else "Session"
        self._heading.setText(f"{name} · {text.fmt_datetime(session.started_at)}")

    def _update_question(self) -> None:
        session = self._current_session()
        self._question.setVisible(session is not None and awaiting_outcome(session, datetime.now()))

    def set_state(self, state: SessionState) -> None:
        """Record what became of the selected session (the answer to the question)."""
        index = self._state.findData(state.value)
        if index >= 0 and self._current_session() is not None:
            self._state.setCurrentIndex(index)

    # -- editing -------------------------------------------------------------------

    def _session_edited(self, _session: Session, field: str) -> None:
        if field in ("started_at", "number"):
            self._update_heading()
            self._list.scrollTo(self._list.currentIndex())
        if field in ("started_at", "duration_minutes", "state"):
            self._update_question()

    def _ask_summary(self) -> None:
        """The selected session's summary: stored first, so a new one has its id."""
        self.flush()
        self.report_requested.emit(ReportKind.SESSION, self.current_session_id())

    def _save_sessions(self) -> None:
        store = self.controller.store
        saved = self._session_rows.save_pending(
            lambda session: store.sessions.save(session, self._contract)
        )
        if saved and self.client_id is not None:
            self.controller.notify_changed(self.client_id)
