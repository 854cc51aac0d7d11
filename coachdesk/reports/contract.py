"""The coaching agreement, laid out for reading and signature by coach, client and sponsor."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from coachdesk.core import fields
from coachdesk.core.attendance import allowance_rule
from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import Contract, ContractStatus, Engagement, Outcome, Risk
from coachdesk.reports.common import (
    Context,
    client_line,
    client_name,
    coach_label,
    contract_term,
    minutes,
)
from coachdesk.reports.document import DocumentInfo, footer_text
from coachdesk.reports.fonts import SANS
from coachdesk.reports.style import (
    DASH,
    INK,
    Cell,
    data_table,
    esc,
    fmt_date,
    fmt_number,
    heading,
    humanise,
    kv_table,
    labelled,
    paragraphs,
    styles,
    text_cell,
    title_block,
)


def _status_line(contract: Contract) -> str:
    status = humanise(contract.status)
    if contract.status in (ContractStatus.SIGNED, ContractStatus.AMENDED) and contract.signed_date:
        status += f" on {fmt_date(contract.signed_date)}"
    return f"Version {contract.version} · {status}"


def _party(lines: list[str]) -> list[Flowable]:
    st = styles()
    shown = [line for line in lines if line.strip()]
    if not shown:
        return [Paragraph(DASH, st.cell)]
    first, *rest = shown
    return [
        Paragraph(f"<b>{esc(first)}</b>", st.cell),
        *(Paragraph(esc(x), st.cell_muted) for x in rest),
    ]


def _parties(engagement: Engagement, ctx: Context) -> Table:
    client = engagement.client
    rows: list[tuple[str, Cell]] = [
        ("Coach", _party([ctx.coach_name or "______________________________"])),
        (
            "Client",
            _party(
                [
                    client_name(client),
                    ", ".join(p for p in (client.role, client.organisation) if p.strip()),
                    client.email,
                    client.phone,
                ]
            ),
        ),
    ]
    if client.sponsor_organisation.strip() or client.sponsor_contact.strip():
        rows.append(("Sponsor", _party([client.sponsor_organisation, client.sponsor_contact])))
    return kv_table(rows, ctx.width, label_width=0.22)


def _sessions_text(contract: Contract) -> str:
    parts = []
    if contract.session_count:
        parts.append(f"{contract.session_count} sessions")
    if contract.session_length_minutes:
        parts.append(f"of {contract.session_length_minutes} minutes each")
    return " ".join(parts) or DASH


def _signature_block(role: str, name: str, detail: str, width: float) -> Table:
    """Role, name, organisation, then room to sign and separate lines for signature and
    date. Every row is always present, so blocks side by side line up."""
    st = styles()
    blank = "\u00a0"
    rows = [
        [Paragraph(f"<b>{esc(role)}</b>", st.cell), "", ""],
        [Paragraph(esc(name) if name.strip() else blank, st.cell), "", ""],
        [Paragraph(esc(detail) if detail.strip() else blank, st.cell_muted), "", ""],
        [Spacer(1, 14 * mm), "", ""],
        [Paragraph("Signature", st.small), "", Paragraph("Date", st.small)],
    ]
    table = Table(rows, colWidths=[width * 0.6, width * 0.06, width * 0.34], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEABOVE", (0, 4), (0, 4), 0.7, INK),
                ("LINEABOVE", (2, 4), (2, 4), 0.7, INK),
                ("SPAN", (0, 0), (-1, 0)),
                ("SPAN", (0, 1), (-1, 1)),
                ("SPAN", (0, 2), (-1, 2)),
            ]
        )
    )
    return table


def _signatures(engagement: Engagement, ctx: Context, title: Flowable) -> list[Flowable]:
    client = engagement.client
    blocks = [
        _signature_block("Coach", ctx.coach_name, "", ctx.width * 0.46),
        _signature_block(
            "Client",
            client_name(client),
            ", ".join(p for p in (client.role, client.organisation) if p.strip()),
            ctx.width * 0.46,
        ),
    ]
    if client.sponsor_organisation.strip() or client.sponsor_contact.strip():
        blocks.append(
            _signature_block(
                "For the sponsor",
                client.sponsor_contact,
                client.sponsor_organisation,
                ctx.width * 0.46,
            )
        )
    rows = [blocks[i : i + 2] for i in range(0, len(blocks), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append("")
    grid = Table(rows, colWidths=[ctx.width * 0.54, ctx.width * 0.46], hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 8),
                # Bottom: side by side, the signature lines share one height even when
                # one party's name or role wraps onto more lines than the other's.
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 16),
            ]
        )
    )
    st = styles()
    intro = Paragraph(
        "By signing, each party confirms they have read and agree to this coaching agreement.",
        st.body,
    )
    return [KeepTogether([title, intro, Spacer(1, 6), grid])]


def build(engagement: Engagement, ctx: Context) -> tuple[list[Flowable], DocumentInfo]:
    contract = engagement.contract
    if contract is None:
        raise InvalidInput("this client has no contract yet")
    st = styles()
    client = engagement.client
    title = contract.title.strip() or "Coaching agreement"
    story: list[Flowable] = title_block(
        "CoachDesk · Coaching agreement",
        title,
        [
            f"Between {esc(coach_label(ctx))} (coach) and {client_line(client)}",
            esc(_status_line(contract)),
            *([esc(ctx.copy_line)] if ctx.copy_line else []),
        ],
    )

    def kept(label: str, otherwise: str = "Not specified.") -> str:
        """What an empty clause says: left out of this copy, or ``otherwise``."""
        if label in ctx.withheld:
            return "Kept between coach and client; not part of this copy."
        return otherwise

    number = iter(range(1, 100))

    def section(name: str) -> Flowable:
        return heading(f"{next(number)}  {name}")

    story += [section("Parties"), _parties(engagement, ctx)]

    story += [
        section("Term and sessions"),
        kv_table(
            [
                ("Term", contract_term(contract)),
                ("Sessions", _sessions_text(contract)),
                ("Session length", minutes(contract.session_length_minutes)),
                (fields.label(Contract, "cadence"), contract.cadence or DASH),
                ("Format", humanise(contract.format)),
            ],
            ctx.width,
            label_width=0.22,
        ),
    ]

    fees = fields.label(Contract, "fees")
    cancellation = fields.label(Contract, "cancellation_terms")
    story += [
        section("Fees and cancellation"),
        kv_table(
            [
                (fees, text_cell(contract.fees or kept(fees, ""))),
                (cancellation, text_cell(contract.cancellation_terms or kept(cancellation, ""))),
                ("Counted against the sessions", allowance_rule(contract)),
            ],
            ctx.width,
            label_width=0.22,
        ),
    ]

    story.append(section("Confidentiality"))
    for clause in ("confidentiality", "confidentiality_limits"):
        label = fields.label(Contract, clause)
        story += labelled(label, getattr(contract, clause), empty=kept(label))
    story.append(section("Reporting to the sponsor"))
    story += paragraphs(contract.sponsor_reporting, st.body) or [
        Paragraph(
            esc(
                kept(
                    fields.label(Contract, "sponsor_reporting"),
                    "Nothing is reported to the sponsor.",
                )
            ),
            st.muted,
        )
    ]

    story.append(section("Agreed outcomes"))
    if contract.outcomes:
        rows: list[list[Cell]] = []
        for i, outcome in enumerate(contract.outcomes, 1):
            what: list[Flowable] = paragraphs(outcome.statement, st.cell) or [
                Paragraph(DASH, st.cell)
            ]
            if outcome.measure.strip():
                measure = fields.label(Outcome, "measure")
                what += paragraphs(f"{measure}: {outcome.measure}", st.cell_muted)
            rows.append(
                [
                    str(i),
                    what,
                    fmt_number(outcome.baseline),
                    fmt_number(outcome.target),
                    fmt_date(outcome.deadline, short=True),
                    outcome.owner or DASH,
                ]
            )
        story.append(
            data_table(
                ["#", "Outcome and measure", "Baseline", "Target", "Deadline", "Owner"],
                rows,
                [0.05, 0.45, 0.1, 0.1, 0.16, 0.14],
                ctx.width,
                right=[2, 3],
            )
        )
    else:
        story.append(Paragraph("No outcomes agreed yet.", st.muted))

    story.append(section("Intermediate results"))
    if contract.milestones:
        index = {o.id: i for i, o in enumerate(contract.outcomes, 1) if o.id is not None}
        story.append(
            data_table(
                ["Milestone", "Towards", "Due"],
                [
                    [
                        text_cell(m.title),
                        f"Outcome {index[m.outcome_id]}" if m.outcome_id in index else DASH,
                        fmt_date(m.due, short=True),
                    ]
                    for m in sorted(
                        contract.milestones, key=lambda m: (m.due is None, m.due or date.min)
                    )
                ],
                [0.6, 0.2, 0.2],
                ctx.width,
            )
        )
    else:
        story.append(Paragraph("No intermediate results agreed yet.", st.muted))

    story.append(section("Risks"))
    if contract.risks:
        story.append(
            data_table(
                [
                    fields.label(Risk, "description"),
                    "Likelihood",
                    "Impact",
                    fields.label(Risk, "mitigation"),
                ],
                [
                    [
                        text_cell(r.description),
                        humanise(r.likelihood),
                        humanise(r.impact),
                        text_cell(r.mitigation),
                    ]
                    for r in contract.risks
                ],
                [0.38, 0.12, 0.1, 0.4],
                ctx.width,
            )
        )
    else:
        story.append(Paragraph("No risks identified yet.", st.muted))

    story.append(section("Responsibilities"))
    story += labelled(
        "The coach",
        contract.coach_responsibilities,
        empty=kept(fields.label(Contract, "coach_responsibilities")),
    )
    story += labelled(
        "The client",
        contract.client_responsibilities,
        empty=kept(fields.label(Contract, "client_responsibilities")),
    )

    story += _signatures(engagement, ctx, section("Signatures"))

    info = DocumentInfo(
        title="Coaching agreement",
        subject="Coaching agreement for signature",
        keywords=["coaching", "agreement", "contract"],
        header=f"Coaching agreement · {client_name(client)} · {_status_line(contract)}",
        footer=footer_text("Coaching agreement", f"Version {contract.version}", "Confidential"),
    )
    return story, info
