"""The Overview tab's cards: their colours, the painted way-versus-time bar, one
outcome's row, the small labels and tiles they are made of, and the cards themselves.

The cards are built by :class:`OverviewCards`, a mixin of
:class:`~coachdesk.ui.workspace.overview.OverviewTab`: the tab fills the labels and
lists made here on every refresh, and its tests read them on the tab.

The rows of the lists (outcomes, milestone lines, risks, open actions) are made once and
filled again for the next client (:class:`ReusedRows`): creating widgets and polishing
them under the tab's style sheet, then deleting the previous client's, was most of a
click in the client list (about 35 of 50 ms at full scale). A row a client does not
need is hidden and emptied of every word, so nothing of a client stays behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QMargins, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.emotions import Quadrant
from coachdesk.core.model import Risk
from coachdesk.core.progress import OutcomeProgress, ProgressStatus, is_high_exposure
from coachdesk.reports.kinds import ReportKind
from coachdesk.ui import text
from coachdesk.ui.widgets import CARD_STYLE, make_card
from coachdesk.ui.workspace.base import WorkspaceTab

STATUS_COLOURS = {
    ProgressStatus.ON_TRACK: "#2e7d32",
    ProgressStatus.AT_RISK: "#c77700",
    ProgressStatus.OFF_TRACK: "#c62828",
}
TIME_MARKER = "#374151"
UNMEASURED = "#8a9099"
QUADRANT_COLOURS = {
    Quadrant.RED: "#e0533d",
    Quadrant.YELLOW: "#f2b705",
    Quadrant.GREEN: "#43a047",
    Quadrant.BLUE: "#3f7fd1",
    Quadrant.NEUTRAL: "#a3a9b3",
}
QUADRANT_NAMES = {
    Quadrant.RED: "Red",
    Quadrant.YELLOW: "Yellow",
    Quadrant.GREEN: "Green",
    Quadrant.BLUE: "Blue",
    Quadrant.NEUTRAL: "Neutral",
}
QUADRANT_HINT = (
    "Red: unpleasant, high energy · Yellow: pleasant, high energy · "
    "Green: pleasant, low energy · Blue: unpleasant, low energy"
)
EMOTION_WEEKS = 8
SUMMARY_LINES = 4
SUMMARY_CHARS = 360

TAB_STYLE = (
    CARD_STYLE
    + """
QLabel#statusBadge {
    color: white; border-radius: 12px; padding: 4px 14px; font-weight: 700; font-size: 11pt;
}
QLabel#statusReasons { font-size: 10pt; }
QLabel#engagementFacts, QLabel#muted, QLabel#outcomeNumbers, QLabel#outcomeWay,
QLabel#lastSessionMeta,
QLabel#balanceCaption { color: palette(placeholder-text); }
QLabel#countValue { font-size: 18pt; font-weight: 600; }
QLabel#countValue[warn="true"] { color: #c62828; }
QLabel#countCaption { color: palette(placeholder-text); }
QLabel#outcomeStatement { font-weight: 600; }
QLabel#highRiskChip, QLabel#outcomeStatus {
    color: white; border-radius: 5px; padding: 1px 8px; font-size: 8pt; font-weight: 700;
}
QLabel#highRiskChip { background: #c62828; }
QFrame#highRisk {
    border-left: 3px solid #c62828; background: rgba(198, 40, 40, 0.12); border-radius: 4px;
}
QFrame#openRisk { border-left: 3px solid palette(mid); border-radius: 4px; }
"""
)


# --- Painted bars ------------------------------------------------------------------------


class GapBar(QWidget):
    """A bar for the way from baseline to target with a marker for the time gone.

    Behind schedule, the stretch between the bar's end and the marker is shaded in the
    status colour: the gap the coach should talk about is the visible part.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gapBar")
        self.fraction: float | None = None
        self.marker: float | None = None
        self._colour = QColor(STATUS_COLOURS[ProgressStatus.ON_TRACK])
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, fraction: float | None, marker: float | None, colour: str) -> None:
        self.fraction, self.marker, self._colour = fraction, marker, QColor(colour)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 22)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        inset = 5.0  # room for the marker's head at either end
        width = self.width() - 2 * inset
        track = QRectF(inset, (self.height() - 10) / 2, width, 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Midlight))
        painter.drawRoundedRect(track, 5, 5)
        if self.fraction is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            font = QFont(self.font())
            font.setPointSizeF(max(font.pointSizeF() - 1, 6))
            painter.setFont(font)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "not measurable yet")
        else:
            end = track.left() + width * self.fraction
            if self.marker is not None and self.marker > self.fraction:
                gap = QColor(self._colour)
                gap.setAlpha(60)
                painter.setBrush(gap)
                right = track.left() + width * self.marker
                painter.drawRoundedRect(QRectF(track.left(), track.top(), right - track.left(),
                                               track.height()), 5, 5)  # fmt: skip
            if self.fraction > 0:
                painter.setBrush(self._colour)
                painter.drawRoundedRect(
                    QRectF(track.left(), track.top(), max(end - track.left(), 5), track.height()),
                    5,
                    5,
                )
        if self.marker is not None:
            x = track.left() + width * self.marker
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(TIME_MARKER))
            painter.drawRect(QRectF(x - 1, 2, 2, self.height() - 4))
            head = QPainterPath()
            head.moveTo(QPointF(x - 5, 0))
            head.lineTo(QPointF(x + 5, 0))
            head.lineTo(QPointF(x, 5))
            head.closeSubpath()
            painter.drawPath(head)
        painter.end()


# --- Pieces of the dashboard -----------------------------------------------------------


def _label(
    value: str = "", object_name: str = "", *, wrap: bool = True, selectable: bool = False
) -> QLabel:
    """Plain text only: client text must never be read as markup."""
    label = QLabel(value)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if object_name:
        label.setObjectName(object_name)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _chip(value: str, colour: str, object_name: str) -> QLabel:
    chip = _label(value, object_name, wrap=False)
    chip.setStyleSheet(f"background: {colour};")
    chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return chip


def _repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a change of the widget's name or property."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


W = TypeVar("W", bound=QWidget)


class ReusedRows(Generic[W]):
    """The rows of one dashboard list, kept from one client to the next (see the module
    docstring): :meth:`fill` shows as many as asked, making more only when needed, and
    hides and empties (``blank``) the rest."""

    def __init__(self, layout: QLayout, make: Callable[[], W], blank: Callable[[W], None]) -> None:
        self._layout = layout
        self._make = make
        self._blank = blank
        self.rows: list[W] = []

    def fill(self, count: int) -> list[W]:
        while len(self.rows) < count:
            row = self._make()
            self._layout.addWidget(row)
            self.rows.append(row)
        for row in self.rows[count:]:
            if not row.isHidden():
                self._blank(row)
                row.hide()
        for row in self.rows[:count]:
            row.show()
        return self.rows[:count]


class Line(QLabel):
    """One line of a dashboard list (plain text, wrapped), named and coloured per use."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._colour = ""

    def set_line(self, value: str, object_name: str, colour: str = "") -> None:
        """Show ``value`` styled as ``object_name`` (the tab's style sheet), in
        ``colour`` when given (overdue lines)."""
        self.setText(value)
        if self.objectName() != object_name:
            self.setObjectName(object_name)
            _repolish(self)
        if colour != self._colour:
            self._colour = colour
            self.setStyleSheet(f"color: {colour};" if colour else "")

    def blank(self) -> None:
        self.setText("")


class Lines(ReusedRows[Line]):
    """The lines of a dashboard list: (text, style name, colour) each."""

    def __init__(self, layout: QLayout) -> None:
        super().__init__(layout, Line, Line.blank)

    def fill_lines(self, lines: Sequence[tuple[str, str, str]]) -> None:
        for line, (value, name, colour) in zip(self.fill(len(lines)), lines, strict=True):
            line.set_line(value, name, colour)


class OutcomeRow(QFrame):
    """One outcome: statement, numbers and the way-versus-time bar (filled again for
    each client: :class:`ReusedRows`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeRow")
        self.progress: OutcomeProgress | None = None
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(4)
        self.title = _label("", "outcomeStatement")
        heading = QHBoxLayout()  # the statement takes the row's width, not one column's
        heading.setSpacing(10)
        heading.addWidget(self.title, 1)
        layout.addLayout(heading, 0, 0, 1, 2)
        self.chip = _chip("", UNMEASURED, "outcomeStatus")
        self._chip_colour = UNMEASURED
        heading.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.bar = GapBar()
        layout.addWidget(self.bar, 1, 0, 1, 2)
        self.numbers = _label("", "outcomeNumbers")
        self.way = _label("", "outcomeWay")
        self.way.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.numbers, 2, 0)
        layout.addWidget(self.way, 2, 1)
        layout.setColumnStretch(0, 1)

    def show_outcome(self, progress: OutcomeProgress, measure: str) -> None:
        self.progress = progress
        colour = STATUS_COLOURS[progress.status]
        statement = progress.statement.strip() or "(no statement)"
        self.title.setText(f"{progress.position}. {statement}")
        state, chip_colour = text.label(progress.status), colour
        if progress.reached:
            state = "Reached"
        elif not progress.measurable:
            state, chip_colour = "Not measured", UNMEASURED
        self.chip.setText(state)
        if chip_colour != self._chip_colour:
            self._chip_colour = chip_colour
            self.chip.setStyleSheet(f"background: {chip_colour};")
        self.bar.set_values(progress.fraction_of_way, progress.time_elapsed, colour)
        numbers = (
            f"{text.fmt_number(progress.baseline)} → {text.fmt_number(progress.current)} → "
            f"{text.fmt_number(progress.target)}"
        )
        if measure.strip():  # whole: cut short, "10 → 45 → 70 Share of …" misleads
            numbers += "  " + " ".join(measure.split())
        parts = []
        if progress.fraction_of_way is not None:
            parts.append(f"{text.fmt_percent(progress.fraction_of_way)} of the way")
        if progress.time_elapsed is not None:
            parts.append(f"{text.fmt_percent(progress.time_elapsed)} of the time gone")
        self.numbers.setText(numbers)
        self.numbers.setToolTip("Baseline → current value → target")
        self.way.setText(" · ".join(parts))
        self.bar.setToolTip("\n".join(progress.reasons) or " · ".join(parts))
        self.bar.setAccessibleName(f"Outcome {progress.position} progress")
        self.bar.setAccessibleDescription(" · ".join(parts))

    def blank(self) -> None:
        self.progress = None
        for label in (self.title, self.chip, self.numbers, self.way):
            label.setText("")
            label.setToolTip("")
        self.bar.set_values(None, None, UNMEASURED)
        self.bar.setToolTip("")
        self.bar.setAccessibleName("")
        self.bar.setAccessibleDescription("")


class RiskRow(QFrame):
    """One open risk: its description, likelihood and impact, and HIGH when it is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openRisk")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 6, 4)
        column = QVBoxLayout()
        column.setSpacing(0)
        self.description = _label("", "riskDescription")
        self.levels = _label("", "muted")
        column.addWidget(self.description)
        column.addWidget(self.levels)
        row.addLayout(column, 1)
        self.chip = _chip("HIGH", "#c62828", "highRiskChip")
        row.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop)

    def show_risk(self, risk: Risk) -> None:
        high = is_high_exposure(risk)
        name = "highRisk" if high else "openRisk"
        if self.objectName() != name:
            self.setObjectName(name)
            _repolish(self)
        self.description.setText(text.first_line(risk.description, 160))
        self.levels.setText(
            f"likelihood {text.label(risk.likelihood).lower()} · "
            f"impact {text.label(risk.impact).lower()}"
        )
        self.chip.setVisible(high)

    def blank(self) -> None:
        self.description.setText("")
        self.levels.setText("")


def _count_tile(caption: str, object_name: str) -> tuple[QWidget, QLabel]:
    tile = QWidget()
    layout = QVBoxLayout(tile)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    value = _label("0", "countValue", wrap=False)
    value.setAccessibleName(caption)
    value.setProperty("tile", object_name)
    value.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    caption_label = _label(caption, "countCaption", wrap=False)
    caption_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    layout.addWidget(value)
    layout.addWidget(caption_label)
    tile.setObjectName(object_name)
    return tile, value


# --- The cards ---------------------------------------------------------------------------


class OverviewCards(WorkspaceTab):
    """Builds the dashboard's cards on the tab (see the module docstring)."""

    def _build_status_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        row = QHBoxLayout(card)
        row.setContentsMargins(16, 14, 16, 14)
        row.setSpacing(16)
        self.status_badge = _label("", "statusBadge", wrap=False)
        self.status_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_badge.setMinimumWidth(110)
        row.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(4)
        self.reasons_label = _label("", "statusReasons", selectable=True)
        self.facts_label = _label("", "engagementFacts")
        column.addWidget(self.reasons_label)
        column.addWidget(self.facts_label)
        row.addLayout(column, 1)
        reports = QVBoxLayout()
        reports.setSpacing(6)
        for label, kind, name in (
            ("Progress report…", ReportKind.PROGRESS, "progressReportButton"),
            ("Sponsor report…", ReportKind.SPONSOR, "sponsorReportButton"),
        ):
            button = QPushButton(label)
            button.setObjectName(name)
            button.clicked.connect(
                lambda _checked=False, kind=kind: self.report_requested.emit(kind, None)
            )
            reports.addWidget(button)
        reports.addStretch(1)
        row.addLayout(reports)
        return card

    def _build_outcomes_card(self) -> QFrame:
        card, layout = make_card(
            "Outcomes", "baseline → now → target · bar: way to target · marker: time gone"
        )
        self.outcome_rows = QVBoxLayout()
        self.outcome_rows.setSpacing(2)
        layout.addLayout(self.outcome_rows)
        self.outcome_pool = ReusedRows(self.outcome_rows, OutcomeRow, OutcomeRow.blank)
        self.no_outcomes = _label("", "muted")
        layout.addWidget(self.no_outcomes)
        return card

    def _build_last_session_card(self) -> QFrame:
        card, layout = make_card("Last session", "shared summary")
        self.last_session_meta = _label("", "lastSessionMeta")
        self.last_session_summary = _label("", "lastSessionSummary", selectable=True)
        self.next_session = _label("", "muted")
        layout.addWidget(self.last_session_meta)
        layout.addWidget(self.last_session_summary)
        layout.addWidget(self.next_session)
        return card

    def _build_balance_card(self) -> QFrame:
        card, layout = make_card("Process and result", "mean ratings, 0–10")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        self.process_bar = GapBar()
        self.process_bar.setObjectName("processBar")
        self.result_bar = GapBar()
        self.result_bar.setObjectName("resultBar")
        self.process_value = _label("", "processMean", wrap=False)
        self.result_value = _label("", "resultMean", wrap=False)
        for row, (caption, bar, value) in enumerate(
            (
                ("Process", self.process_bar, self.process_value),
                ("Result", self.result_bar, self.result_value),
            )
        ):
            grid.addWidget(_label(caption, "balanceCaption", wrap=False), row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(value, row, 2)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.balance_verdict = _label("", "balanceVerdict")
        layout.addWidget(self.balance_verdict)
        return card

    def _build_milestones_card(self) -> QFrame:
        card, layout = make_card("Milestones")
        tiles = QHBoxLayout()
        done, self.milestones_done = _count_tile("done", "milestonesDone")
        due, self.milestones_due = _count_tile("due", "milestonesDue")
        overdue, self.milestones_overdue = _count_tile("overdue", "milestonesOverdue")
        for tile in (done, due, overdue):
            tiles.addWidget(tile, 1)
        layout.addLayout(tiles)
        self.overdue_list = QVBoxLayout()
        self.overdue_list.setSpacing(2)
        layout.addLayout(self.overdue_list)
        self.milestone_lines = Lines(self.overdue_list)
        return card

    def _build_risks_card(self) -> QFrame:
        card, layout = make_card("Open risks")
        self.risk_list = QVBoxLayout()
        self.risk_list.setSpacing(6)
        layout.addLayout(self.risk_list)
        self.risk_rows = ReusedRows(self.risk_list, RiskRow, RiskRow.blank)
        self.no_risks = _label("", "muted")
        layout.addWidget(self.no_risks)
        return card

    def _build_actions_card(self) -> QFrame:
        card, layout = make_card("Open action items")
        self.action_list = QVBoxLayout()
        self.action_list.setSpacing(4)
        layout.addLayout(self.action_list)
        self.action_lines = Lines(self.action_list)
        return card

    def _build_emotions_card(self) -> QFrame:
        card, layout = make_card("Emotions", f"last {EMOTION_WEEKS} weeks, Mood Meter quadrants")
        card.setToolTip(QUADRANT_HINT)
        self.chart = QChart()
        self.chart.setBackgroundVisible(False)
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        self.chart.legend().setFont(small)
        self._chart_font = small
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("emotionChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(230)
        self.chart_view.setStyleSheet("background: transparent;")
        layout.addWidget(self.chart_view)
        self.no_emotions = _label("", "muted")
        layout.addWidget(self.no_emotions)
        return card

    # -- WorkspaceTab ------------------------------------------------------------------------
