"""Session summary for the client: what was agreed, decided and committed to.

Built only from the fields meant for the client (agenda, shared summary, decisions,
commitments, next steps). Private notes, insights, GROW working notes, ratings and the
emotion log are never read here, so they cannot leak into a document that is sent out.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Paragraph

from coachdesk.core import fields
from coachdesk.core.attendance import latest_held, session_after, state_label
from coachdesk.core.errors import InvalidInput, NotFound
from coachdesk.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Engagement,
    Session,
    SessionState,
)
from coachdesk.reports.common import (
    Context,
    client_line,
    client_name,
    coach_label,
    n_of_n,
    prepared_line,
    session_position,
)
from coachdesk.reports.document import DocumentInfo, footer_text
from coachdesk.reports.style import (
    DASH,
    data_table,
    esc,
    fmt_date,
    fmt_datetime,
    heading,
    humanise,
    paragraphs,
    styles,
    title_block,
)


def pick_session(engagement: Engagement, session_id: int | None, today: date) -> Session:
    """The session asked for; without an id, the latest one the coach marked held."""
    if session_id is not None:
        for session in engagement.sessions:
            if session.id == session_id:
                return session
        raise NotFound("no session with that id for this client")
    latest = latest_held(engagement.sessions)
    if latest is None:
        raise InvalidInput(
            "this client has no session marked held yet; mark one held or give --session ID"
        )
    return latest


def _owner(item: ActionItem, engagement: Engagement, ctx: Context) -> str:
    if item.owner == ActionOwner.COACH:
        return coach_label(ctx)
    return client_name(engagement.client)


def _commitment_rows(
    items: list[ActionItem], engagement: Engagement, ctx: Context
) -> list[list[str | Flowable | list[Flowable]]]:
    st = styles()
    rows: list[list[str | Flowable | list[Flowable]]] = []
    for item in items:
        rows.append(
            [
                _owner(item, engagement, ctx),
                paragraphs(item.text, st.cell) or DASH,
                fmt_date(item.due, short=True),
                humanise(item.status),
            ]
        )
    return rows


def _section(title: str, text: str, empty: str) -> list[Flowable]:
    st = styles()
    body = paragraphs(text, st.body) or [Paragraph(esc(empty), st.muted)]
    return [heading(title), *body]


def build(
    engagement: Engagement, session: Session, ctx: Context
) -> tuple[list[Flowable], DocumentInfo]:
    st = styles()
    n, planned = session_position(engagement, session)
    title = n_of_n(n, planned)
    details = [
        fmt_datetime(session.started_at),
        f"{session.duration_minutes} minutes" if session.duration_minutes else "",
        humanise(session.format),
        "" if session.state == SessionState.HELD else state_label(session, ctx.today),
    ]
    story: list[Flowable] = title_block(
        "CoachDesk · Session summary",
        title,
        [
            client_line(engagement.client),
            esc(" · ".join(d for d in details if d)),
            prepared_line(ctx),
        ],
    )
    agenda = fields.label(Session, "agenda")
    story += _section(agenda, session.agenda, "No agenda was recorded for this session.")
    story += _section("Summary", session.shared_summary, "No summary was written for this session.")
    story += _section("Your decisions", session.decisions, "No decisions were recorded.")

    story.append(heading("Commitments"))
    mine = [
        a for a in engagement.action_items if session.id is not None and a.session_id == session.id
    ]
    if mine:
        story.append(
            data_table(
                ["Who", "Commitment", "Due", "Status"],
                _commitment_rows(mine, engagement, ctx),
                [0.2, 0.52, 0.16, 0.12],
                ctx.width,
            )
        )
    else:
        story.append(Paragraph("No commitments were recorded in this session.", st.muted))

    earlier = _earlier_open(engagement, session)
    if earlier:
        story.append(Paragraph("<b>Still open from earlier sessions</b>", st.h2))
        story.append(
            data_table(
                ["Who", "Commitment", "Due", "Status"],
                _commitment_rows(earlier, engagement, ctx),
                [0.2, 0.52, 0.16, 0.12],
                ctx.width,
            )
        )

    story.append(heading(fields.label(Session, "next_steps")))
    story += paragraphs(session.next_steps, st.body)
    nxt = session_after(engagement.sessions, session)
    if nxt is not None:
        m, _ = session_position(engagement, nxt)
        story.append(
            Paragraph(
                f"<b>Next session:</b> {esc(fmt_datetime(nxt.started_at))} "
                f"({esc(n_of_n(m, planned))}, {esc(humanise(nxt.format).lower())})",
                st.body,
            )
        )
    elif not session.next_steps.strip():
        story.append(Paragraph("No next session is scheduled yet.", st.muted))

    info = DocumentInfo(
        title="Session summary",
        subject="Coaching session summary",
        keywords=["coaching", "session summary"],
        header=f"Session summary · {title} · {client_name(engagement.client)}",
        footer=footer_text(
            "Confidential between coach and client", f"{title}, {fmt_date(session.started_at)}"
        ),
    )
    return story, info


def _earlier_open(engagement: Engagement, session: Session) -> list[ActionItem]:
    """Open commitments from sessions before this one: reviewed in this session."""
    before = {
        s.id for s in engagement.sessions if s.started_at < session.started_at and s.id is not None
    }
    return [
        a
        for a in engagement.action_items
        if a.session_id in before and a.status == ActionStatus.OPEN
    ]
