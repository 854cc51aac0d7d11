"""The Overview tab: how far the engagement is from what the contract promised.

What a coach glances at before a session: the overall status with its reasons, each
outcome's way to target against the contract's clock (so a gap shows without reading
numbers), milestones, risks, open commitments, the last session's shared summary, the
process/result balance and the recent emotional weather. Read-only; every number comes
from :func:`coachdesk.core.progress.engagement_progress`, so the screen agrees with the
progress and sponsor reports. Private notes are never read here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QShowEvent
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

from coachdesk.core.attendance import latest_held, next_scheduled, session_counts
from coachdesk.core.emotions import Quadrant
from coachdesk.core.errors import NotFound
from coachdesk.core.model import (
    ActionItem,
    ActionStatus,
    ClientStatus,
    EmotionEntry,
    Engagement,
    Session,
)
from coachdesk.core.progress import (
    EngagementProgress,
    OutcomeProgress,
    ProgressStatus,
    engagement_progress,
    final_distances,
    is_high_exposure,
    status_headline,
)
from coachdesk.reports.kinds import ReportKind
from coachdesk.services.sessions import place
from coachdesk.ui import text
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import scroll_area
from coachdesk.ui.theme import error_colour
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


def _chart_start(today: date) -> date:
    """The first day the emotion chart counts (EMOTION_WEEKS weeks up to today)."""
    return today - timedelta(days=7 * EMOTION_WEEKS - 1)


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


def _clear_layout(layout: QLayout) -> None:
    """Remove every widget from ``layout`` now (not at the next event loop), so nothing
    of a client lingers among the tab's children."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget, child = item.widget(), item.layout()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif child is not None:
            _clear_layout(child)


class OutcomeRow(QFrame):
    """One outcome: statement, numbers and the way-versus-time bar."""

    def __init__(
        self, progress: OutcomeProgress, measure: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeRow")
        self.progress = progress
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(4)
        colour = STATUS_COLOURS[progress.status]
        statement = progress.statement.strip() or "(no statement)"
        title = _label(f"{progress.position}. {statement}", "outcomeStatement")
        heading = QHBoxLayout()  # the statement takes the row's width, not one column's
        heading.setSpacing(10)
        heading.addWidget(title, 1)
        layout.addLayout(heading, 0, 0, 1, 2)
        state, chip_colour = text.label(progress.status), colour
        if progress.reached:
            state = "Reached"
        elif not progress.measurable:
            state, chip_colour = "Not measured", UNMEASURED
        chip = _chip(state, chip_colour, "outcomeStatus")
        heading.addWidget(chip, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.bar = GapBar()
        self.bar.set_values(progress.fraction_of_way, progress.time_elapsed, colour)
        layout.addWidget(self.bar, 1, 0, 1, 2)
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
        self.numbers = _label(numbers, "outcomeNumbers")
        self.numbers.setToolTip("Baseline → current value → target")
        self.way = _label(" · ".join(parts), "outcomeWay")
        self.way.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.numbers, 2, 0)
        layout.addWidget(self.way, 2, 1)
        layout.setColumnStretch(0, 1)
        self.bar.setToolTip("\n".join(progress.reasons) or " · ".join(parts))
        self.bar.setAccessibleName(f"Outcome {progress.position} progress")
        self.bar.setAccessibleDescription(" · ".join(parts))


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


# --- The tab -----------------------------------------------------------------------------


class OverviewTab(WorkspaceTab):
    """The distance-to-contract dashboard of one client; refreshed when data changes."""

    title = "Overview"

    def __init__(self, controller: VaultController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("overviewTab")
        self.setStyleSheet(TAB_STYLE)
        self.progress: EngagementProgress | None = None
        self._stale = False
        controller.data_changed.connect(self._data_changed)

        scroll = scroll_area("overviewScroll")
        content = QWidget()
        content.setObjectName("overviewContent")
        grid = QGridLayout(content)
        grid.setContentsMargins(16, 16, 16, 16)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        grid.addWidget(self._build_status_card(), 0, 0, 1, 2)
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self._build_outcomes_card())
        left.addWidget(self._build_last_session_card())
        left.addWidget(self._build_balance_card())
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self._build_milestones_card())
        right.addWidget(self._build_risks_card())
        right.addWidget(self._build_actions_card())
        right.addWidget(self._build_emotions_card())
        right.addStretch(1)
        grid.addLayout(left, 1, 0)
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 1)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.clear()

    # -- construction ----------------------------------------------------------------------

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
        return card

    def _build_risks_card(self) -> QFrame:
        card, layout = make_card("Open risks")
        self.risk_list = QVBoxLayout()
        self.risk_list.setSpacing(6)
        layout.addLayout(self.risk_list)
        return card

    def _build_actions_card(self) -> QFrame:
        card, layout = make_card("Open action items")
        self.action_list = QVBoxLayout()
        self.action_list.setSpacing(4)
        layout.addLayout(self.action_list)
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

    def show_client(self, client_id: int) -> None:
        super().show_client(client_id)
        self.refresh()

    def clear(self) -> None:
        super().clear()
        self.progress = None
        self._stale = False
        self.status_badge.clear()
        self.status_badge.hide()
        self.reasons_label.clear()
        self.facts_label.clear()
        for layout in (self.outcome_rows, self.overdue_list, self.risk_list, self.action_list):
            _clear_layout(layout)
        self.no_outcomes.clear()
        self.no_outcomes.hide()
        for label in (
            self.last_session_meta,
            self.last_session_summary,
            self.next_session,
            self.process_value,
            self.result_value,
            self.balance_verdict,
            self.no_emotions,
        ):
            label.clear()
        for value in (self.milestones_done, self.milestones_due, self.milestones_overdue):
            value.setText("0")
        self.process_bar.set_values(None, None, STATUS_COLOURS[ProgressStatus.ON_TRACK])
        self.result_bar.set_values(None, None, STATUS_COLOURS[ProgressStatus.ON_TRACK])
        self._clear_chart()

    # -- refreshing --------------------------------------------------------------------------

    def _data_changed(self, client_id: int) -> None:
        if self.client_id is None or client_id != self.client_id:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # recomputed when the coach comes back to it

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.client_id is not None:
            self.refresh()

    def refresh(self) -> None:
        """Recompute everything from the store for the shown client."""
        client_id = self.client_id
        if client_id is None:
            return
        store = self.controller.store
        today = store.today()
        try:
            # The emotion chart shows the last weeks only: no need to read a long log.
            snapshot = store.snapshot(client_id)  # read once for every tab (vault/snapshot.py)
            engagement = snapshot.engagement(emotions_since=_chart_start(today))
        except NotFound:  # the client was deleted
            self.clear()
            return
        self.clear()
        self.client_id = client_id
        self._show(engagement, today)

    def _show(self, engagement: Engagement, today: date) -> None:
        progress = engagement_progress(engagement, today)
        self.progress = progress
        self._show_status(progress, engagement)
        self._show_outcomes(progress, engagement)
        self._show_milestones(progress)
        self._show_risks(progress)
        self._show_actions(engagement.action_items, today)
        self._show_last_session(engagement, today)
        self._show_balance(progress)
        self._show_emotions(engagement.emotions, today)

    def _show_status(self, progress: EngagementProgress, engagement: Engagement) -> None:
        colour = STATUS_COLOURS[progress.status]
        closed = engagement.client.status == ClientStatus.CLOSED
        headline = status_headline(progress, closed=closed)
        if not progress.has_contract or progress.ended or closed:
            colour = UNMEASURED  # no verdict colour for "No contract" or "Ended: …"
        self.status_badge.setText(headline)
        self.status_badge.setStyleSheet(f"background: {colour};")
        self.status_badge.show()
        reasons = progress.reasons
        if progress.has_contract and (progress.ended or closed):
            reasons = final_distances(progress) + reasons
        self.reasons_label.setText("\n".join(f"• {reason}" for reason in reasons))
        facts: list[str] = []
        # By the clock, as the Sessions tab and the agenda: a session that ended an hour
        # ago is waiting for its outcome now, not tomorrow.
        counts = session_counts(engagement.sessions, engagement.contract, datetime.now())
        if counts.planned is not None:
            facts.append(f"{counts.held} of {counts.planned} sessions held")
        else:
            facts.append(f"{counts.held} sessions held")
        if counts.used > counts.held:
            facts.append(f"{counts.used - counts.held} more used (late cancellation or no-show)")
        if counts.remaining is not None:
            facts.append(f"{counts.remaining} remaining")
        if counts.scheduled:
            facts.append(f"{counts.scheduled} scheduled")
        if counts.awaiting:
            facts.append(f"{counts.awaiting} waiting for their outcome")
        if progress.time_elapsed is not None:
            facts.append(f"{text.fmt_percent(progress.time_elapsed)} of the contract time gone")
        contract = engagement.contract
        if contract is not None and contract.end_date is not None:
            verb = "ended" if progress.ended else "ends"
            facts.append(f"contract {verb} {text.fmt_date(contract.end_date)}")
        elif contract is None:
            facts.append("no contract yet")
        self.facts_label.setText(" · ".join(facts))

    def _show_outcomes(self, progress: EngagementProgress, engagement: Engagement) -> None:
        contract = engagement.contract
        outcomes = contract.outcomes if contract is not None else []
        for item in progress.outcomes:
            measure = outcomes[item.position - 1].measure if item.position <= len(outcomes) else ""
            self.outcome_rows.addWidget(OutcomeRow(item, measure))
        if not progress.outcomes:
            self.no_outcomes.setText(
                "No outcomes agreed yet: add them in the Contract tab."
                if contract is not None
                else "No contract yet: create one in the Contract tab."
            )
            self.no_outcomes.show()

    def _show_milestones(self, progress: EngagementProgress) -> None:
        summary = progress.milestones
        self.milestones_done.setText(str(summary.done_count))
        self.milestones_due.setText(str(summary.due_count + len(summary.undated)))
        self.milestones_overdue.setText(str(summary.overdue_count))
        self.milestones_overdue.setProperty("warn", summary.overdue_count > 0)
        self.milestones_overdue.style().unpolish(self.milestones_overdue)
        self.milestones_overdue.style().polish(self.milestones_overdue)
        for milestone in summary.overdue:
            line = _label(
                f"Overdue since {text.fmt_date(milestone.due)}: "
                f"{text.first_line(milestone.title, 120)}",
                "overdueMilestone",
            )
            line.setStyleSheet(f"color: {error_colour(line.palette())};")
            self.overdue_list.addWidget(line)
        if summary.due:
            upcoming = summary.due[0]
            self.overdue_list.addWidget(
                _label(
                    f"Next due {text.fmt_date(upcoming.due)}: "
                    f"{text.first_line(upcoming.title, 120)}",
                    "nextMilestone",
                )
            )
        if not summary.total:
            self.overdue_list.addWidget(_label("No milestones yet", "muted"))

    def _show_risks(self, progress: EngagementProgress) -> None:
        for risk in progress.open_risks:
            high = is_high_exposure(risk)
            frame = QFrame()
            frame.setObjectName("highRisk" if high else "openRisk")
            row = QHBoxLayout(frame)
            row.setContentsMargins(8, 4, 6, 4)
            column = QVBoxLayout()
            column.setSpacing(0)
            column.addWidget(_label(text.first_line(risk.description, 160), "riskDescription"))
            column.addWidget(
                _label(
                    f"likelihood {text.label(risk.likelihood).lower()} · "
                    f"impact {text.label(risk.impact).lower()}",
                    "muted",
                )
            )
            row.addLayout(column, 1)
            if high:
                row.addWidget(
                    _chip("HIGH", "#c62828", "highRiskChip"), 0, Qt.AlignmentFlag.AlignTop
                )
            self.risk_list.addWidget(frame)
        if not progress.open_risks:
            self.risk_list.addWidget(_label("No open risks", "muted"))

    def _show_actions(self, items: Sequence[ActionItem], today: date) -> None:
        open_items = sorted(
            (item for item in items if item.status == ActionStatus.OPEN),
            key=lambda item: item.due or date.max,
        )
        for item in open_items:
            when = ""
            overdue = item.due is not None and item.due < today
            if item.due is not None:
                when = f" · {'overdue since' if overdue else 'due'} {text.fmt_date(item.due)}"
            line = _label(
                f"• {text.first_line(item.text, 140)} — {text.label(item.owner).lower()}{when}",
                "openAction",
            )
            if overdue:
                line.setStyleSheet(f"color: {error_colour(line.palette())};")
            self.action_list.addWidget(line)
        if not open_items:
            self.action_list.addWidget(_label("Nothing open", "muted"))

    def _show_last_session(self, engagement: Engagement, today: date) -> None:
        last = latest_held(engagement.sessions)
        following = next_scheduled(engagement.sessions, today)
        planned = engagement.contract.session_count if engagement.contract is not None else None
        if last is not None:
            self.last_session_meta.setText(_session_caption(last, planned))
            self.last_session_summary.setText(
                _first_lines(last.shared_summary) or "No shared summary written."
            )
        else:
            self.last_session_meta.setText("No session held yet.")
        if following is not None:
            self.next_session.setText(f"Next: {text.fmt_datetime(following.started_at)}")
        self.next_session.setVisible(following is not None)

    def _show_balance(self, progress: EngagementProgress) -> None:
        balance = progress.balance
        colour = "#5b6b8c"
        for bar, value, mean in (
            (self.process_bar, self.process_value, balance.process_mean),
            (self.result_bar, self.result_value, balance.result_mean),
        ):
            bar.set_values(None if mean is None else mean / 10, None, colour)
            value.setText("–" if mean is None else f"{mean:.1f}")
        self.balance_verdict.setText(balance.verdict)

    def _show_emotions(self, entries: Sequence[EmotionEntry], today: date) -> None:
        start = _chart_start(today)
        counts = {quadrant: [0] * EMOTION_WEEKS for quadrant in QUADRANT_NAMES}
        total = 0
        for entry in entries:
            day = entry.occurred_at.date()
            if start <= day <= today:
                counts[entry.quadrant][(day - start).days // 7] += 1
                total += 1
        self._clear_chart()
        if not total:
            self.no_emotions.setText(f"No emotion-log entries in the last {EMOTION_WEEKS} weeks.")
            self.no_emotions.show()
            self.chart_view.hide()
            return
        self.no_emotions.hide()
        self.chart_view.show()
        series = QStackedBarSeries()
        series.setBarWidth(0.6)
        for quadrant, name in QUADRANT_NAMES.items():
            if not any(counts[quadrant]):
                continue  # keep the legend to what occurred
            bar_set = QBarSet(name)
            bar_set.append([float(n) for n in counts[quadrant]])
            bar_set.setColor(QColor(QUADRANT_COLOURS[quadrant]))
            bar_set.setBorderColor(QColor(QUADRANT_COLOURS[quadrant]))
            series.append(bar_set)
        self.chart.addSeries(series)
        weeks = QBarCategoryAxis()
        weeks.append([_week_label(start + timedelta(days=7 * i)) for i in range(EMOTION_WEEKS)])
        weeks.setLabelsFont(self._chart_font)
        weeks.setGridLineVisible(False)
        highest = max(sum(counts[q][i] for q in counts) for i in range(EMOTION_WEEKS))
        values = QValueAxis()
        step = max(math.ceil(highest / 4), 1)  # whole-number ticks, at most five
        top = step * math.ceil(max(highest, 1) / step)
        values.setRange(0, top)
        values.setTickCount(top // step + 1)
        values.setLabelFormat("%d")
        values.setLabelsFont(self._chart_font)
        self.chart.addAxis(weeks, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(weeks)
        series.attachAxis(values)

    def _clear_chart(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
            axis.deleteLater()


def _week_label(day: date) -> str:
    return f'<div align="center">{day.day}<br>{day:%b}</div>'


def _session_caption(session: Session, planned: int | None) -> str:
    parts = []
    if session.number is not None:
        parts.append(f"Session {place(session.number, planned)}")
    parts.append(text.fmt_datetime(session.started_at))
    parts.append(f"{session.duration_minutes} min")
    return " · ".join(parts)


def _first_lines(summary: str) -> str:
    """The opening of a shared summary: a few non-empty lines, shortened."""
    lines = [line.strip() for line in summary.splitlines() if line.strip()][:SUMMARY_LINES]
    shown = "\n".join(lines)
    if len(shown) > SUMMARY_CHARS:
        shown = shown[: SUMMARY_CHARS - 1].rstrip() + "…"
    elif len(lines) < len([line for line in summary.splitlines() if line.strip()]):
        shown += " …"
    return shown
