"""Progress report for the client: how far from each agreed result, with charts.

The numbers come from :func:`coachdesk.core.progress.engagement_progress`, so the report
says exactly what the screen says. Emotion-log entries appear only as aggregates (shares
per quadrant, mean intensity before and after regulation), never entry by entry.
"""

from __future__ import annotations

import math
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from coachdesk.core import fields
from coachdesk.core.emotions import Quadrant
from coachdesk.core.model import ClientStatus, Engagement, Milestone, Outcome, Risk
from coachdesk.core.progress import (
    EngagementProgress,
    MilestoneState,
    OutcomeProgress,
    engagement_progress,
    milestone_state,
)
from coachdesk.reports import trends
from coachdesk.reports.charts import (
    Series,
    outcome_history_chart,
    outcome_track,
    paired_bar_chart,
    process_result_chart,
    stacked_share_chart,
)
from coachdesk.reports.common import (
    Context,
    client_line,
    client_name,
    contract_term,
    figure_items,
    figures,
    prepared_line,
    status_block,
    status_markup,
)
from coachdesk.reports.document import DocumentInfo, footer_text
from coachdesk.reports.style import (
    ACCENT,
    DASH,
    FAINT,
    QUADRANT_BLUE,
    QUADRANT_GREEN,
    QUADRANT_NEUTRAL,
    QUADRANT_RED,
    QUADRANT_YELLOW,
    Cell,
    data_table,
    esc,
    fmt_date,
    fmt_number,
    heading,
    humanise,
    styles,
    text_cell,
    title_block,
)

QUADRANT_COLOURS = {
    Quadrant.YELLOW: QUADRANT_YELLOW,
    Quadrant.GREEN: QUADRANT_GREEN,
    Quadrant.RED: QUADRANT_RED,
    Quadrant.BLUE: QUADRANT_BLUE,
    Quadrant.NEUTRAL: QUADRANT_NEUTRAL,
}


# Field labels, as declared with the fields (core/fields.py).
_MEASURE = fields.label(Outcome, "measure")
_OWNER = fields.label(Outcome, "owner")
_MILESTONE = fields.label(Milestone, "title")
_EVIDENCE = fields.label(Milestone, "evidence")
_RISK = fields.label(Risk, "description")
_MITIGATION = fields.label(Risk, "mitigation")


def outcome_block(
    progress: OutcomeProgress, outcome: Outcome, ctx: Context, *, history: bool
) -> Flowable:
    """One outcome: statement, measure and deadline, the distance track, the status
    with its reasons and, when asked and there are readings, the values over time."""
    st = styles()
    parts: list[Flowable] = [
        Paragraph(f"Outcome {progress.position} · {esc(progress.statement) or DASH}", st.h3)
    ]
    facts = [
        f"{_MEASURE}: {esc(outcome.measure)}" if outcome.measure.strip() else "",
        f"Deadline: {fmt_date(outcome.deadline)}" if outcome.deadline else "",
        f"{_OWNER}: {esc(outcome.owner)}" if outcome.owner.strip() else "",
    ]
    line = " · ".join(f for f in facts if f)
    if line:
        parts.append(Paragraph(line, st.small))
    parts += [Spacer(1, 4), outcome_track(progress, ctx.width), Spacer(1, 3)]
    reasons = "; ".join(esc(r) for r in progress.reasons)
    status = status_markup(progress.status)
    parts.append(Paragraph(f"{status}{' — ' + reasons if reasons else ''}", st.small))
    readings = [(r.on, r.value) for r in outcome.history if math.isfinite(r.value)]
    if history and len(readings) >= 2:
        parts += [
            Spacer(1, 4),
            outcome_history_chart(readings, outcome.baseline, outcome.target, ctx.width),
        ]
    parts.append(Spacer(1, 10))
    return KeepTogether(parts)


def outcomes_section(
    engagement: Engagement, progress: EngagementProgress, ctx: Context, *, history: bool
) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [heading("Distance to the agreed results")]
    contract = engagement.contract
    if contract is None or not progress.outcomes:
        story.append(Paragraph("No outcomes have been agreed yet.", st.muted))
        return story
    story.append(
        Paragraph(
            "Each bar runs from the baseline to the target; the filled part is the way "
            "covered so far. The mark shows how much of the contract time has gone: a "
            "fill that stops short of the mark is behind schedule.",
            st.muted,
        )
    )
    for op, outcome in zip(progress.outcomes, contract.outcomes, strict=True):
        story.append(outcome_block(op, outcome, ctx, history=history))
    return story


def milestones_section(engagement: Engagement, ctx: Context, *, evidence: bool) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [heading("Milestones")]
    contract = engagement.contract
    milestones = contract.milestones if contract else []
    if not milestones:
        story.append(Paragraph("No intermediate results have been agreed yet.", st.muted))
        return story
    ordered = sorted(milestones, key=lambda m: (m.due is None, m.due or date.min))
    rows: list[list[Cell]] = []
    for m in ordered:
        state = milestone_state(m, ctx.today)
        label = {
            MilestoneState.DONE: f"Done {fmt_date(m.done_on, short=True)}",
            MilestoneState.DUE: "Due",
            MilestoneState.OVERDUE: "Overdue",
            MilestoneState.UNDATED: "Open",
        }[state]
        row: list[Cell] = [text_cell(m.title), fmt_date(m.due, short=True), label]
        if evidence:
            row.append(text_cell(m.evidence) if m.evidence.strip() else DASH)
        rows.append(row)
    if evidence:
        story.append(
            data_table(
                [_MILESTONE, "Due", "State", _EVIDENCE], rows, [0.36, 0.16, 0.16, 0.32], ctx.width
            )
        )
    else:
        story.append(data_table([_MILESTONE, "Due", "State"], rows, [0.6, 0.2, 0.2], ctx.width))
    return story


def risks_section(engagement: Engagement, ctx: Context, *, mitigation: bool) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [heading("Risks")]
    contract = engagement.contract
    risks = contract.risks if contract else []
    if not risks:
        story.append(Paragraph("No risks have been identified.", st.muted))
        return story
    rows: list[list[Cell]] = []
    for r in risks:
        row: list[Cell] = [text_cell(r.description), humanise(r.likelihood), humanise(r.impact)]
        if mitigation:
            row.append(text_cell(r.mitigation) if r.mitigation.strip() else DASH)
        row.append(humanise(r.status))
        rows.append(row)
    if mitigation:
        story.append(
            data_table(
                [_RISK, "Likelihood", "Impact", _MITIGATION, "Status"],
                rows,
                [0.32, 0.12, 0.1, 0.34, 0.12],
                ctx.width,
            )
        )
    else:
        story.append(
            data_table(
                [_RISK, "Likelihood", "Impact", "Status"],
                rows,
                [0.58, 0.14, 0.14, 0.14],
                ctx.width,
            )
        )
    return story


def _balance_section(progress: EngagementProgress, ctx: Context) -> list[Flowable]:
    st = styles()
    balance = progress.balance
    story: list[Flowable] = [heading("Process and results")]
    rated = [p for p in balance.series if p.process is not None or p.result is not None]
    if not rated:
        story.append(Paragraph("No sessions have been rated yet.", st.muted))
        return story
    story.append(
        Paragraph(
            "After each session the coach rates, from 0 to 10, how well the conversation "
            "went (process) and how far it moved you towards the agreed results (result).",
            st.muted,
        )
    )
    story.append(process_result_chart(rated, ctx.width))
    means = []
    if balance.process_mean is not None:
        means.append(f"process {balance.process_mean:.1f}")
    if balance.result_mean is not None:
        means.append(f"result {balance.result_mean:.1f}")
    story.append(Spacer(1, 4))
    story.append(
        Paragraph(f"<b>{esc(balance.verdict)}.</b> Averages: {', '.join(means)}.", st.body)
    )
    return story


def _emotion_section(engagement: Engagement, ctx: Context) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [heading("Emotion trends")]
    entries = engagement.emotions
    if not entries:
        story.append(Paragraph("No emotion-log entries yet.", st.muted))
        return story
    period_list = trends.periods(entries)
    labels = [p.label for p in period_list]
    shares = trends.quadrant_shares(period_list)
    totals = trends.quadrant_totals(entries)
    story.append(Paragraph("Mood Meter quadrants over time", st.h2))
    story.append(
        Paragraph(
            f"Share of each quadrant among the {len(entries)} logged emotions, per period.",
            st.muted,
        )
    )
    series = [
        Series(trends.QUADRANT_NAMES[q], QUADRANT_COLOURS[q], shares[q])
        for q in trends.QUADRANT_ORDER
        if totals[q] or q != Quadrant.NEUTRAL
    ]
    story.append(stacked_share_chart(labels, series, ctx.width))
    pleasant = totals[Quadrant.YELLOW] + totals[Quadrant.GREEN]
    story.append(Spacer(1, 4))
    story.append(
        Paragraph(
            f"Overall, {round(100 * pleasant / len(entries))}% of the logged emotions were "
            "pleasant (yellow or green).",
            st.body,
        )
    )

    reg = trends.regulation_trend(period_list)
    story.append(Paragraph("Intensity before and after regulation", st.h2))
    if reg.count == 0 or reg.mean_before is None or reg.mean_after is None:
        story.append(Paragraph("No regulation outcomes recorded yet.", st.muted))
        return story
    story.append(
        Paragraph(
            "Mean intensity (0–10) of the emotions where a regulation strategy was tried, "
            "before and after.",
            st.muted,
        )
    )
    story.append(
        paired_bar_chart(
            reg.labels,
            Series("Before regulation", FAINT, reg.before),
            Series("After regulation", ACCENT, reg.after),
            ctx.width,
        )
    )
    story.append(Spacer(1, 4))
    story.append(
        Paragraph(
            f"Across {reg.count} regulated emotions, mean intensity went from "
            f"<b>{fmt_number(round(reg.mean_before, 1))}</b> to "
            f"<b>{fmt_number(round(reg.mean_after, 1))}</b>.",
            st.body,
        )
    )
    return story


def build(engagement: Engagement, ctx: Context) -> tuple[list[Flowable], DocumentInfo]:
    progress = engagement_progress(engagement, ctx.today)
    contract = engagement.contract
    story: list[Flowable] = title_block(
        "CoachDesk · Progress report",
        "Progress report",
        [
            client_line(engagement.client),
            f"Contract term {esc(contract_term(contract))}" if contract else "No contract yet",
            prepared_line(ctx),
        ],
    )
    story += [figures(figure_items(progress), ctx.width), Spacer(1, 12)]
    story += status_block(progress, closed=engagement.client.status == ClientStatus.CLOSED)
    story += outcomes_section(engagement, progress, ctx, history=True)
    story += milestones_section(engagement, ctx, evidence=True)
    story += risks_section(engagement, ctx, mitigation=True)
    story += _balance_section(progress, ctx)
    story += _emotion_section(engagement, ctx)
    info = DocumentInfo(
        title="Progress report",
        subject="Coaching progress report",
        keywords=["coaching", "progress report"],
        header=f"Progress report · {client_name(engagement.client)} · {fmt_date(ctx.today)}",
        footer=footer_text("Confidential between coach and client", f"As of {fmt_date(ctx.today)}"),
    )
    return story, info
