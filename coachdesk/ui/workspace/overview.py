"""The Overview tab: how far the engagement is from what the contract promised.

What a coach glances at before a session: the overall status with its reasons, each
outcome's way to target against the contract's clock (so a gap shows without reading
numbers), milestones, risks, open commitments, the last session's shared summary, the
process/result balance and the recent emotional weather. Read-only; every number comes
from :func:`coachdesk.core.progress.engagement_progress`, so the screen agrees with the
progress and sponsor reports. Private notes are never read here.

The cards, and the bar and rows they are made of, are in ``overview_cards.py``; this
module fills them from the engagement's progress.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.attendance import latest_held, next_scheduled, session_counts
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
    ProgressStatus,
    engagement_progress,
    final_distances,
    status_headline,
)
from coachdesk.services.sessions import place
from coachdesk.ui import text
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import scroll_area
from coachdesk.ui.theme import error_colour
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.ui.workspace.overview_cards import (
    EMOTION_WEEKS,
    QUADRANT_COLOURS,
    QUADRANT_NAMES,
    STATUS_COLOURS,
    SUMMARY_CHARS,
    SUMMARY_LINES,
    TAB_STYLE,
    UNMEASURED,
    GapBar,
    OutcomeRow,
    OverviewCards,
)

__all__ = ["GapBar", "OutcomeRow", "OverviewTab"]  # GapBar, OutcomeRow: overview_cards


# --- The tab -----------------------------------------------------------------------------


class OverviewTab(OverviewCards, WorkspaceTab):
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

    def show_client(self, client_id: int) -> None:
        super().show_client(client_id)
        self.refresh()

    def clear(self) -> None:
        super().clear()
        self._blank()
        self.status_badge.hide()
        for rows in (self.outcome_pool, self.milestone_lines, self.risk_rows, self.action_lines):
            rows.fill(0)

    def _blank(self) -> None:
        """Every word of the shown client gone. The rows of the lists and the status
        badge stay shown: a refresh fills them again at once, and hiding and showing
        them again only made Qt lay the tab out twice (:meth:`clear` hides them)."""
        self.progress = None
        self._stale = False
        self.status_badge.clear()
        self.reasons_label.clear()
        self.facts_label.clear()
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
            self.no_risks,
        ):
            label.clear()
        self.no_risks.hide()
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
            # displayed only: the records as read, not copies (nothing here edits them)
            engagement = snapshot.engagement_to_display(emotions_since=_chart_start(today))
        except NotFound:  # the client was deleted
            self.clear()
            return
        self._blank()
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
        rows = self.outcome_pool.fill(len(progress.outcomes))
        for row, item in zip(rows, progress.outcomes, strict=True):
            measure = outcomes[item.position - 1].measure if item.position <= len(outcomes) else ""
            row.show_outcome(item, measure)
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
        lines: list[tuple[str, str, str]] = []
        warn = error_colour(self.palette())
        for milestone in summary.overdue:
            lines.append(
                (
                    f"Overdue since {text.fmt_date(milestone.due)}: "
                    f"{text.first_line(milestone.title, 120)}",
                    "overdueMilestone",
                    warn,
                )
            )
        if summary.due:
            upcoming = summary.due[0]
            lines.append(
                (
                    f"Next due {text.fmt_date(upcoming.due)}: "
                    f"{text.first_line(upcoming.title, 120)}",
                    "nextMilestone",
                    "",
                )
            )
        if not summary.total:
            lines.append(("No milestones yet", "muted", ""))
        self.milestone_lines.fill_lines(lines)

    def _show_risks(self, progress: EngagementProgress) -> None:
        for row, risk in zip(
            self.risk_rows.fill(len(progress.open_risks)), progress.open_risks, strict=True
        ):
            row.show_risk(risk)
        if not progress.open_risks:
            self.no_risks.setText("No open risks")
            self.no_risks.show()

    def _show_actions(self, items: Sequence[ActionItem], today: date) -> None:
        open_items = sorted(
            (item for item in items if item.status == ActionStatus.OPEN),
            key=lambda item: item.due or date.max,
        )
        lines: list[tuple[str, str, str]] = []
        warn = error_colour(self.palette())
        for item in open_items:
            when = ""
            overdue = item.due is not None and item.due < today
            if item.due is not None:
                when = f" · {'overdue since' if overdue else 'due'} {text.fmt_date(item.due)}"
            lines.append(
                (
                    f"• {text.first_line(item.text, 140)} — {text.label(item.owner).lower()}{when}",
                    "openAction",
                    warn if overdue else "",
                )
            )
        if not open_items:
            lines.append(("Nothing open", "muted", ""))
        self.action_lines.fill_lines(lines)

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


def _chart_start(today: date) -> date:
    """The first day the emotion chart counts (EMOTION_WEEKS weeks up to today)."""
    return today - timedelta(days=7 * EMOTION_WEEKS - 1)


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
