"""Sponsor report: progress against the agreed outcomes and the sessions held.

What coach and client talk about stays between them. This builder therefore reads only
the contract (outcomes, milestones without their evidence, risks) and the dates, lengths
and formats of sessions — never a session's text, its ratings, action items, the
emotion log, feedback or any note, so none of it can reach the sponsor by accident.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from coachdesk.core.attendance import STATE_LABELS, counted_sessions, counts_line
from coachdesk.core.model import ClientStatus, Engagement
from coachdesk.core.progress import engagement_progress
from coachdesk.reports.common import (
    Context,
    client_line,
    client_name,
    contract_term,
    figure_items,
    figures,
    n_of_n,
    prepared_line,
    session_position,
    status_block,
)
from coachdesk.reports.document import DocumentInfo, footer_text
from coachdesk.reports.progress_report import milestones_section, outcomes_section, risks_section
from coachdesk.reports.style import (
    Cell,
    data_table,
    esc,
    fmt_date,
    heading,
    humanise,
    paragraphs,
    styles,
    title_block,
)

PRIVACY_NOTE = (
    "This report shows progress against the outcomes agreed in the coaching contract and "
    "the sessions held. It contains nothing of what was discussed in the sessions."
)


def build(engagement: Engagement, ctx: Context) -> tuple[list[Flowable], DocumentInfo]:
    st = styles()
    client = engagement.client
    contract = engagement.contract
    progress = engagement_progress(engagement, ctx.today)
    sponsor = ", ".join(
        p for p in (client.sponsor_contact.strip(), client.sponsor_organisation.strip()) if p
    )
    lines = [client_line(client)]
    if sponsor:
        lines.append(f"For {esc(sponsor)}")
    lines.append(f"Contract term {esc(contract_term(contract))}" if contract else "No contract yet")
    lines.append(prepared_line(ctx))
    story: list[Flowable] = title_block(
        "CoachDesk · Sponsor report", "Progress report for the sponsor", lines
    )

    story.append(Paragraph(esc(PRIVACY_NOTE), st.notice))
    if contract is not None and contract.sponsor_reporting.strip():
        story.append(Paragraph("<b>Agreed reporting</b>", st.body))
        story += paragraphs(contract.sponsor_reporting, st.muted)
    story.append(Spacer(1, 6))

    story += [figures(figure_items(progress), ctx.width), Spacer(1, 12)]
    story += status_block(progress, closed=engagement.client.status == ClientStatus.CLOSED)
    story += outcomes_section(engagement, progress, ctx, history=False)
    story += milestones_section(engagement, ctx, evidence=False)
    story += risks_section(engagement, ctx, mitigation=False)

    story.append(heading("Sessions held"))
    counted = counted_sessions(engagement.sessions, contract)
    story.append(Paragraph(esc(counts_line(progress.sessions)) + ".", st.body))
    if counted:
        rows: list[list[Cell]] = []
        for session in counted:
            n, planned = session_position(engagement, session)
            rows.append(
                [
                    n_of_n(n, planned),
                    fmt_date(session.started_at),
                    STATE_LABELS[session.state],
                    f"{session.duration_minutes} min" if session.duration_minutes else "—",
                    humanise(session.format),
                ]
            )
        story.append(
            data_table(
                ["Session", "Date", "Attendance", "Length", "Format"],
                rows,
                [0.26, 0.24, 0.2, 0.12, 0.18],
                ctx.width,
            )
        )

    info = DocumentInfo(
        title="Sponsor report",
        subject="Coaching progress report for the sponsor",
        keywords=["coaching", "sponsor report"],
        header=f"Sponsor report · {client_name(client)} · {fmt_date(ctx.today)}",
        footer=footer_text(
            "Confidential: for the sponsor, coach and client", f"As of {fmt_date(ctx.today)}"
        ),
    )
    return story, info
