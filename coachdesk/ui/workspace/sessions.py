"""The Sessions tab: a client's sessions on the left, the selected one's notes on the right.

Notes are written during or right after a conversation, so nothing here has a Save
button: every field autosaves. What may be shared (the summary) and what never is (the
private notes) are kept visibly apart.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core import fields
from coachdesk.core.attendance import AWAITING_LABEL, awaiting_outcome, state_label
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
from coachdesk.core.validation import (
    RATING_MAX,
    RATING_MIN,
    SESSION_MINUTES_MAX,
    SESSION_MINUTES_MIN,
)
from coachdesk.reports.kinds import ReportKind
from coachdesk.services.sessions import next_session, number_of
from coachdesk.ui import text
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import (
    LabelColumn,
    WheelGuard,
    add_section,
    buddy_label,
    fit_lines,
    form_layout,
    hint,
    line_edit,
    note,
    record_table,
    scroll_area,
    with_hint,
)
from coachdesk.ui.models.records import SORT_ROLE, Column, RecordSortProxy
from coachdesk.ui.widgets import (
    OptionalDateEdit,
    PrivateNoteEdit,
    private_banner,
)
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.ui.workspace.list_editor import ListEditor, PendingRowsModel
from coachdesk.vault.search import RecordKind

NEW_SESSION_SHORTCUT = "Ctrl+Shift+N"
SIZE_SAMPLE_ROWS = 40
"""Rows of the session list measured to size its columns (Qt's default: 1000)."""
# Private notes' (background, text) colours when no stylesheet colours them.
PRIVATE_LIGHT = (QColor("#fff4d6"), QColor("#8a5a00"))
PRIVATE_DARK = (QColor("#3a3222"), QColor("#e0b562"))


def mnemonic_safe(value: str) -> str:
    """Button text shows "&" as a shortcut marker; client text must appear as typed."""
    return value.replace("&", "&&")


def style_private(edit: QPlainTextEdit, banner: QLabel) -> None:
    """Amber through the palette, as a fallback: the app's stylesheet (``#privateNote``,
    ``#privateBanner``) overrides it, and it follows a light or dark system scheme."""
    palette = edit.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    background, ink = PRIVATE_DARK if dark else PRIVATE_LIGHT
    palette.setColor(QPalette.ColorRole.Base, background)
    edit.setPalette(palette)
    palette = banner.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ink)
    banner.setPalette(palette)
    banner.setContentsMargins(0, 0, 0, 4)
    font = banner.font()
    font.setBold(True)
    banner.setFont(font)


# -- the tab ---------------------------------------------------------------------------


class SessionsTab(WorkspaceTab):
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

    @staticmethod
    def _action_columns() -> list[Column[ActionItem]]:
        return [
            Column("Owner", lambda a: a.owner),
            Column("Action", lambda a: a.text, tooltip=lambda a: a.text),
            Column("Due", lambda a: a.due),
            Column("Status", lambda a: a.status),
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

    def _section(self, heading: str, content: QWidget | QLayout) -> None:
        add_section(self._page, heading, content)

    def _build_when(self) -> None:
        self._started = QDateTimeEdit()
        self._started.setObjectName("startedAt")
        self._started.setCalendarPopup(True)
        self._started.setDisplayFormat("ddd dd MMM yyyy, HH:mm")
        self._started.setSpecialValueText("—")  # shown only when cleared
        self._duration = QSpinBox()
        self._duration.setObjectName("duration")
        self._duration.setRange(SESSION_MINUTES_MIN, SESSION_MINUTES_MAX)
        self._duration.setSingleStep(15)
        self._duration.setSuffix(" min")
        self._number = QSpinBox()
        self._number.setObjectName("sessionNumber")
        self._number.setRange(1, 999)
        self._number.setToolTip("The session's place in the contract; “—” when not counted")
        self._of_count = QLabel()
        self._of_count.setObjectName("sessionOfCount")
        self._format = QComboBox()
        self._format.setObjectName("sessionFormat")
        self._state = QComboBox()
        self._state.setObjectName("sessionState")
        self._state.setToolTip(
            "Only sessions marked held count as held; the contract says whether late "
            "cancellations and no-shows use up a session"
        )

        number_row = QHBoxLayout()
        number_row.setSpacing(6)
        number_row.addWidget(self._number)
        number_row.addWidget(self._of_count)
        number_row.addStretch(1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        grid.addWidget(self._label("&Date and time", self._started), 0, 0, right)
        grid.addWidget(self._started, 0, 1)
        grid.addWidget(buddy_label("D&uration", self._duration), 0, 2, right)
        grid.addWidget(self._duration, 0, 3)
        grid.addWidget(self._label("Nu&mber", self._number), 1, 0, right)
        grid.addLayout(number_row, 1, 1)
        grid.addWidget(buddy_label("&Format", self._format), 1, 2, right)
        grid.addWidget(self._format, 1, 3)
        grid.addWidget(self._label("S&tate", self._state), 2, 0, right)
        grid.addWidget(self._state, 2, 1)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        self._build_outcome_question()
        self._section("When", grid)
        self._wheel_guard.guard(
            self._started, self._duration, self._number, self._format, self._state
        )

    def _build_outcome_question(self) -> None:
        """ "Did this session happen?": shown on a planned session whose time has passed,
        with one button per answer, until the coach says."""
        self._question = QFrame()
        self._question.setObjectName("outcomeQuestion")
        self._question.setStyleSheet(
            "QFrame#outcomeQuestion { background: #fff4e0; border: 1px solid #e0a040;"
            " border-radius: 6px; } QFrame#outcomeQuestion QLabel { color: #5a3a00; }"
        )
        box = QVBoxLayout(self._question)
        box.setContentsMargins(10, 6, 10, 8)
        box.setSpacing(6)
        label = QLabel(f"<b>{AWAITING_LABEL}</b> Its time is over; say what happened.")
        label.setObjectName("outcomeQuestionLabel")
        label.setWordWrap(True)
        box.addWidget(label)
        row = QHBoxLayout()
        row.setSpacing(8)
        self._answers: dict[SessionState, QPushButton] = {}
        for state in (
            SessionState.HELD,
            SessionState.CANCELLED,
            SessionState.CANCELLED_LATE,
            SessionState.NO_SHOW,
        ):
            button = QPushButton(text.label(state))
            button.setObjectName(f"answer_{state.value}")
            button.clicked.connect(lambda _checked=False, st=state: self.set_state(st))
            row.addWidget(button)
            self._answers[state] = button
        row.addStretch(1)
        box.addLayout(row)
        self._question.hide()
        self._page.addWidget(self._question)

    def _build_conversation(self) -> None:
        form = form_layout()
        self._template_free = QRadioButton("Free")
        self._template_free.setObjectName("templateFree")
        self._template_grow = QRadioButton("GROW")
        self._template_grow.setObjectName("templateGrow")
        self._template_grow.setToolTip("Goal, Reality, Options, Way forward")
        group = QButtonGroup(self)
        group.addButton(self._template_free)
        group.addButton(self._template_grow)
        self._template_free.setChecked(True)
        self._template_grow.toggled.connect(self._template_toggled)
        switch = QHBoxLayout()
        switch.setSpacing(16)
        switch.addWidget(self._template_free)
        switch.addWidget(self._template_grow)
        switch.addStretch(1)
        form.addRow(self._label("Template"), switch)

        self._agenda = note("agenda", "What the client wants from this session", 3)
        form.addRow(self._label("&Agenda", self._agenda), self._agenda)

        self._grow_box = QWidget()
        self._grow_box.setObjectName("growFields")
        grow = form_layout()
        self._grow_box.setLayout(grow)
        self._grow_goal = note("growGoal", "What does the client want to achieve?", 2)
        self._grow_reality = note("growReality", "Where are they now?", 2)
        self._grow_options = note("growOptions", "What could they do?", 2)
        self._grow_way = note("growWayForward", "What will they do, and when?", 2)
        grow.addRow(self._label("&Goal", self._grow_goal), self._grow_goal)
        grow.addRow(self._label("&Reality", self._grow_reality), self._grow_reality)
        grow.addRow(self._label("&Options", self._grow_options), self._grow_options)
        grow.addRow(self._label("&Way forward", self._grow_way), self._grow_way)
        self._grow_box.hide()
        form.addRow(self._grow_box)
        self._section("Conversation", form)

    def _build_shared(self) -> None:
        self._shared = note(
            "sharedSummary", "What you agreed to send the client after the session", 6
        )
        self._shared.setAccessibleName("Shared summary (may be shared with the client)")
        self._section("Shared summary — may be shared with the client", self._shared)

    def _build_private(self) -> None:
        box = QVBoxLayout()
        box.setSpacing(0)
        banner = private_banner()
        self._private = PrivateNoteEdit()
        self._private.setObjectName("privateNote")  # the stylesheet hook (see widgets)
        fit_lines(self._private, 6)
        style_private(self._private, banner)
        box.addWidget(banner)
        box.addWidget(self._private)
        self._section(fields.label(Session, "private_notes"), box)

    def _build_takeaways(self) -> None:
        form = form_layout()
        self._decisions = note("decisions", "What the client decided", 3)
        self._insights = note("insights", "Insights, and resources the client noticed", 3)
        self._comfort = note("comfortZoneSteps", "Steps outside the comfort zone", 2)
        self._next_steps = note("nextSteps", "What happens before the next session", 3)
        form.addRow(self._label("De&cisions", self._decisions), self._decisions)
        form.addRow(self._label("&Insights", self._insights), self._insights)
        form.addRow(self._label("Comfort &zone", self._comfort), self._comfort)
        form.addRow(self._label("Ne&xt steps", self._next_steps), self._next_steps)
        self._section("Client’s takeaways", form)

    def _build_ratings(self) -> None:
        form = form_layout()
        self._focus_area = line_edit("focusArea", "e.g. delegation, board presence")
        form.addRow(self._label("Focu&s area", self._focus_area), self._focus_area)

        self._process = QSpinBox()
        self._process.setObjectName("processRating")
        self._result = QSpinBox()
        self._result.setObjectName("resultRating")
        for spin in (self._process, self._result):
            spin.setRange(RATING_MIN, RATING_MAX)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
            spin.setMinimumWidth(64)
        ratings = QHBoxLayout()
        ratings.setSpacing(8)
        ratings.addWidget(buddy_label("&Process", self._process))
        ratings.addWidget(self._process)
        ratings.addSpacing(16)
        ratings.addWidget(buddy_label("R&esult", self._result))
        ratings.addWidget(self._result)
        ratings.addStretch(1)
        self._ratings_hint = hint(
            "Process: how well the conversation itself went. Result: how far it moved the "
            "client towards the agreed outcomes. Leave “—” when you did not rate."
        )
        form.addRow(self._label("Ratings (0–10)"), with_hint(ratings, self._ratings_hint))
        self._section("Focus and ratings", form)
        self._wheel_guard.guard(self._process, self._result)

    def _build_outcomes(self) -> None:
        self._outcomes_box = QWidget()
        self._outcomes_box.setObjectName("outcomesTouched")
        self._outcomes_layout = QVBoxLayout(self._outcomes_box)
        self._outcomes_layout.setContentsMargins(0, 0, 0, 0)
        self._outcomes_layout.setSpacing(4)
        self._no_outcomes = hint("No outcomes agreed yet: add them in the contract.")
        self._outcomes_layout.addWidget(self._no_outcomes)
        self._section("Outcomes touched", self._outcomes_box)

    def _build_actions(self) -> None:
        box = QVBoxLayout()
        box.setSpacing(6)
        self._action_list = record_table(self._actions_model, "actionItemList", plain=True)
        self._action_list.setAccessibleName("Action items of this session")
        self._action_list.setMinimumHeight(110)
        self._action_list.setMaximumHeight(170)
        header = self._action_list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self._action_list)

        self._action_owner = QComboBox()
        self._action_owner.setObjectName("actionOwner")
        self._action_owner.setAccessibleName("Owner")
        self._action_text = line_edit("actionText", "What will be done")
        self._action_text.setAccessibleName("Action item")
        self._action_due = OptionalDateEdit()
        self._action_due.setObjectName("actionDue")
        self._action_due.setAccessibleName("Due")
        self._action_due.setToolTip("Due date; Ctrl+Delete empties it")
        self._action_status = QComboBox()
        self._action_status.setObjectName("actionStatus")
        self._action_status.setAccessibleName("Status")
        editor = QHBoxLayout()
        editor.setSpacing(6)
        editor.addWidget(self._action_owner)
        editor.addWidget(self._action_text, 1)
        editor.addWidget(QLabel("Due"))
        editor.addWidget(self._action_due)
        editor.addWidget(self._action_status)
        box.addLayout(editor)
        self._wheel_guard.guard(self._action_owner, self._action_due, self._action_status)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self._add_action = QPushButton("Add action item")
        self._add_action.setObjectName("addActionButton")
        self._add_action.clicked.connect(self.add_action_item)
        self._remove_action = QPushButton("Remove")
        self._remove_action.setObjectName("removeActionButton")
        self._remove_action.clicked.connect(self.remove_action_item)
        buttons.addWidget(self._add_action)
        buttons.addWidget(self._remove_action)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self._section("Action items", box)

    def _label(self, text_: str, buddy: QWidget | None = None) -> QLabel:
        """A label in the page's left column."""
        return self._labels.label(text_, buddy)

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

    def add_action_item(self) -> None:
        """A new, empty commitment for this session; stored once it has text."""
        session = self._current_session()
        if session is None or self.client_id is None:
            return
        if session.id is None:  # a commitment is something typed in: keep the session
            self._session_rows.mark_edited(session, "action_items")
            if not self._session_saver.flush() or session.id is None:
                return
        item = ActionItem(client_id=self.client_id, session_id=session.id)
        self._action_rows.add(item, self._action_text)

    def remove_action_item(self) -> None:
        """Remove the selected commitment (without asking: it is one line, soon retyped)."""
        item = self._action_rows.current()
        if item is None:
            return
        store = self.controller.store
        if (
            self._action_rows.delete(
                self, item, "Remove action item", None, store.action_items.delete
            )
            and item.id is not None
            and self.client_id is not None
        ):
            self.controller.notify_changed(self.client_id)

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

    def _actions_of(self, session: Session) -> list[ActionItem]:
        return [a for a in self._actions if a.session_id is not None and a.session_id == session.id]

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

    def _action_shown(self, item: ActionItem | None) -> None:
        self._remove_action.setEnabled(item is not None)

    def _action_removed(self, item: ActionItem) -> None:
        self._actions = [a for a in self._actions if a is not item]

    # -- editing -------------------------------------------------------------------

    def _template_toggled(self, grow: bool) -> None:
        self._grow_box.setVisible(grow)
        session = self._current_session()
        if self._loading or session is None:
            return
        template = SessionTemplate.GROW if grow else SessionTemplate.FREE
        if session.template != template:
            session.template = template
            self._session_rows.mark_edited(session, "template")

    def _outcome_toggled(self, outcome_id: int, checked: bool) -> None:
        session = self._current_session()
        if self._loading or session is None:
            return
        ids = set(session.outcome_ids)
        if checked:
            ids.add(outcome_id)
        else:
            ids.discard(outcome_id)
        session.outcome_ids = sorted(ids)
        self._session_rows.mark_edited(session, "outcome_ids")

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

    def _save_actions(self) -> None:
        """Save every edited action item; one without text is not stored (yet)."""
        store = self.controller.store

        def save(item: ActionItem) -> None:
            store.action_items.save(item)
            if not any(a is item for a in self._actions):
                self._actions.append(item)

        if self._action_rows.save_pending(save) and self.client_id is not None:
            self.controller.notify_changed(self.client_id)
