"""Pieces several reports share: who the client is, session numbering, status, key figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from coachdesk.core import attendance
from coachdesk.core.model import Client, Contract, Engagement, Session
from coachdesk.core.progress import (
    EngagementProgress,
    ProgressStatus,
    final_distances,
    status_headline,
)
from coachdesk.reports.fonts import SANS
from coachdesk.reports.style import (
    AT_RISK,
    DASH,
    INK,
    MUTED,
    OFF_TRACK,
    ON_TRACK,
    RULE,
    bullet_list,
    esc,
    fmt_date,
    humanise,
    styles,
)


@dataclass(frozen=True, slots=True)
class Context:
    """What every report builder needs besides the engagement."""

    today: date
    width: float
    """Width of the text column in points."""
    coach_name: str
    copy_line: str = ""
    """Which copy this is and for whom (two-copy documents); empty otherwise."""
    withheld: tuple[str, ...] = ()
    """Labels of contract clauses this copy leaves out."""


def client_name(client: Client) -> str:
    return " ".join(client.name.split()) or "Unnamed client"


def client_line(client: Client) -> str:
    """Name, role and organisation as subtitle markup (escaped)."""
    parts = [f"<b>{esc(client_name(client))}</b>"]
    role = ", ".join(p for p in (client.role.strip(), client.organisation.strip()) if p)
    if role:
        parts.append(esc(role))
    return " · ".join(parts)


def prepared_line(ctx: Context, verb: str = "Prepared") -> str:
    line = f"{verb} on {fmt_date(ctx.today)}"
    if ctx.coach_name.strip():
        line += f" by {esc(ctx.coach_name)}"
    return line


def coach_label(ctx: Context) -> str:
    return " ".join(ctx.coach_name.split()) or "Coach"


def ordered_sessions(engagement: Engagement) -> list[Session]:
    return sorted(engagement.sessions, key=lambda s: s.started_at)


def session_position(engagement: Engagement, session: Session) -> tuple[int | None, int | None]:
    """n of N (:func:`coachdesk.core.attendance.session_number`); n is None for a session
    that does not count. N is the contract's session count when known."""
    n = attendance.session_number(engagement.sessions, session, engagement.contract)
    planned = engagement.contract.session_count if engagement.contract else None
    return n, planned


def n_of_n(n: int | None, planned: int | None) -> str:
    if n is None:  # cancelled or missed: no conversation took place, so no number
        return "Session"
    return f"Session {n} of {planned}" if planned else f"Session {n}"


def contract_term(contract: Contract | None) -> str:
    if contract is None or (contract.start_date is None and contract.end_date is None):
        return DASH
    return f"{fmt_date(contract.start_date)} – {fmt_date(contract.end_date)}"


def minutes(value: int | None) -> str:
    return f"{value} minutes" if value else DASH


_STATUS_COLOUR: dict[ProgressStatus, Color] = {
    ProgressStatus.ON_TRACK: ON_TRACK,
    ProgressStatus.AT_RISK: AT_RISK,
    ProgressStatus.OFF_TRACK: OFF_TRACK,
}


def status_markup(status: ProgressStatus) -> str:
    """A coloured dot and the status in words (the colour is never the only signal)."""
    colour = _STATUS_COLOUR.get(status, MUTED).hexval()[2:]
    return f'<font color="#{colour}">●</font> {esc(humanise(status))}'


def status_block(progress: EngagementProgress, *, closed: bool = False) -> list[Flowable]:
    """The overall status in words, and why; "No contract" or how an engagement ended
    rather than a hollow "On track"."""
    st = styles()
    headline = status_headline(progress, closed=closed)
    if progress.has_contract and not (progress.ended or closed):
        shown = status_markup(progress.status)
    else:
        shown = esc(headline)
    out: list[Flowable] = [Paragraph(f"<b>Overall: {shown}</b>", st.body)]
    reasons = progress.reasons
    if progress.has_contract and (progress.ended or closed):
        reasons = final_distances(progress) + [
            r for r in reasons if not r.startswith("The contract has ended")
        ]
    out += bullet_list([esc(reason) for reason in reasons])
    return out


def figures(items: Sequence[tuple[str, str]], width: float) -> Table:
    """Key figures side by side: a large number over a small caption."""
    st = styles()
    big = st.title.clone("cd-figure", fontSize=17, leading=21, spaceAfter=0, textColor=INK)
    cells = [
        [Paragraph(esc(value), big), Paragraph(esc(caption), st.small)] for value, caption in items
    ]
    table = Table([cells], colWidths=[width / len(items)] * len(items), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.6, RULE),
            ]
        )
    )
    return table


def figure_items(progress: EngagementProgress) -> list[tuple[str, str]]:
    """Time elapsed, sessions used of the allowance, milestones reached, open risks."""
    held = progress.sessions.used_of_planned
    elapsed = (
        f"{round(progress.time_elapsed * 100)}%" if progress.time_elapsed is not None else DASH
    )
    milestones = progress.milestones
    return [
        (elapsed, "of the contract time gone"),
        (
            held,
            "sessions held"
            if progress.sessions.used == progress.sessions.held
            else "sessions used (held, cancelled late or missed)",
        ),
        (f"{milestones.done_count} of {milestones.total}", "milestones reached"),
        (str(len(progress.open_risks)), "open risks"),
    ]
