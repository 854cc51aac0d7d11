"""The Sessions tab's notes page: when, the "did it happen?" question, the conversation
(free or GROW), the shared summary, the private notes, the takeaways, the ratings and
the outcomes touched.

A mixin of :class:`~coachdesk.ui.workspace.sessions.SessionsTab`: the fields bind to the
tab's session binder, and the tab (and its tests) reach them by the names given here,
so they are built on the tab rather than as a widget of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core import fields
from coachdesk.core.attendance import AWAITING_LABEL
from coachdesk.core.model import Session, SessionState, SessionTemplate
from coachdesk.core.validation import (
    RATING_MAX,
    RATING_MIN,
    SESSION_MINUTES_MAX,
    SESSION_MINUTES_MIN,
)
from coachdesk.ui import text
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
    with_hint,
)
from coachdesk.ui.widgets import PrivateNoteEdit, private_banner
from coachdesk.ui.workspace.base import WorkspaceTab

if TYPE_CHECKING:
    from coachdesk.ui.workspace.list_editor import ListEditor

# Private notes' (background, text) colours when no stylesheet colours them.
PRIVATE_LIGHT = (QColor("#fff4d6"), QColor("#8a5a00"))
PRIVATE_DARK = (QColor("#3a3222"), QColor("#e0b562"))


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


class SessionNotes(WorkspaceTab):
    """Builds the session's notes page on the tab (see the module docstring)."""

    _page: QVBoxLayout
    _labels: LabelColumn
    _wheel_guard: WheelGuard
    _loading: bool
    _session_rows: ListEditor[Session]

    if TYPE_CHECKING:
        # Defined on the tab.
        def set_state(self, state: SessionState) -> None: ...
        def _current_session(self) -> Session | None: ...

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
        form.addRow(self._label(fields.form_label(Session, "agenda"), self._agenda), self._agenda)

        self._grow_box = QWidget()
        self._grow_box.setObjectName("growFields")
        grow = form_layout()
        self._grow_box.setLayout(grow)
        self._grow_goal = note("growGoal", "What does the client want to achieve?", 2)
        self._grow_reality = note("growReality", "Where are they now?", 2)
        self._grow_options = note("growOptions", "What could they do?", 2)
        self._grow_way = note("growWayForward", "What will they do, and when?", 2)
        grow.addRow(
            self._label(fields.form_label(Session, "grow_goal"), self._grow_goal), self._grow_goal
        )
        grow.addRow(
            self._label(fields.form_label(Session, "grow_reality"), self._grow_reality),
            self._grow_reality,
        )
        grow.addRow(
            self._label(fields.form_label(Session, "grow_options"), self._grow_options),
            self._grow_options,
        )
        grow.addRow(
            self._label(fields.form_label(Session, "grow_way_forward"), self._grow_way),
            self._grow_way,
        )
        self._grow_box.hide()
        form.addRow(self._grow_box)
        self._section("Conversation", form)

    def _build_shared(self) -> None:
        self._shared = note(
            "sharedSummary", "What you agreed to send the client after the session", 6
        )
        self._shared.setAccessibleName("Shared summary (may be shared with the client)")
        self._section(fields.form_label(Session, "shared_summary"), self._shared)

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
        form.addRow(
            self._label(fields.form_label(Session, "decisions"), self._decisions), self._decisions
        )
        form.addRow(
            self._label(fields.form_label(Session, "insights"), self._insights), self._insights
        )
        form.addRow(
            self._label(fields.form_label(Session, "comfort_zone_steps"), self._comfort),
            self._comfort,
        )
        form.addRow(
            self._label(fields.form_label(Session, "next_steps"), self._next_steps),
            self._next_steps,
        )
        self._section("Client’s takeaways", form)

    def _build_ratings(self) -> None:
        form = form_layout()
        self._focus_area = line_edit("focusArea", "e.g. delegation, board presence")
        form.addRow(
            self._label(fields.form_label(Session, "focus_area"), self._focus_area),
            self._focus_area,
        )

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

    def _label(self, text_: str, buddy: QWidget | None = None) -> QLabel:
        """A label in the page's left column."""
        return self._labels.label(text_, buddy)

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
