"""Client data export: everything held about one client (a data-protection access request).

Every field of every record is printed, so the client sees all that is stored. The
coach's private notes are the one exception: they appear only with
``include_private=True``, a decision the coach makes per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from coachdesk.core import fields
from coachdesk.core.attendance import allowance_rule, counts_line, session_counts, state_label
from coachdesk.core.audience import Audience, ReportCopy
from coachdesk.core.model import (
    ActionItem,
    Client,
    Contract,
    EmotionEntry,
    Engagement,
    FeedbackEntry,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    Session,
)
from coachdesk.core.sharing import AUDIENCE_LABELS, REPORT_NAMES, without_coach_only
from coachdesk.reports.common import (
    Context,
    client_name,
    contract_term,
    minutes,
    n_of_n,
    ordered_sessions,
    session_position,
)
from coachdesk.reports.document import DocumentInfo, footer_text
from coachdesk.reports.style import (
    DASH,
    Cell,
    data_table,
    esc,
    fmt_date,
    fmt_datetime,
    fmt_number,
    heading,
    humanise,
    kv_table,
    labelled,
    styles,
    subheading,
    text_cell,
    title_block,
)

if TYPE_CHECKING:
    from coachdesk.vault.store import ContractVersion


def _text(value: str) -> Cell:
    return text_cell(value) if value.strip() else DASH


def _when(value: date | datetime | None) -> str:
    if isinstance(value, datetime):
        return fmt_datetime(value)
    return fmt_date(value)


def _rating(value: int | None) -> str:
    return f"{value} / 10" if value is not None else DASH


_CLIENT_LINES = fields.labelled(
    Client, ("organisation", "role", "sponsor_organisation", "sponsor_contact", "email", "phone")
)


def _profile(engagement: Engagement, ctx: Context) -> list[Flowable]:
    c = engagement.client
    rows: list[tuple[str, Cell]] = [
        (fields.label(Client, "name"), client_name(c)),
        *((name, str(getattr(c, field)) or DASH) for name, field in _CLIENT_LINES),
        ("Status", humanise(c.status)),
        ("Focus", humanise(c.focus)),
        (fields.label(Client, "tags"), ", ".join(c.tags) or DASH),
        (fields.label(Client, "intake_notes"), _text(c.intake_notes)),
        ("Records kept until", fmt_date(c.retention_date)),
        ("Record created", _when(c.created_at)),
    ]
    return [heading("Client profile"), kv_table(rows, ctx.width)]


def _outcome(i: int, o: Outcome, ctx: Context) -> list[Flowable]:
    st = styles()
    facts = [
        f"Baseline {fmt_number(o.baseline)}",
        f"target {fmt_number(o.target)}",
        f"current {fmt_number(o.current)}",
        f"deadline {fmt_date(o.deadline)}",
        f"owner {o.owner}" if o.owner.strip() else "",
    ]
    rows: list[tuple[str, Cell]] = [
        (fields.label(Outcome, "statement"), _text(o.statement)),
        (fields.label(Outcome, "measure"), _text(o.measure)),
    ]
    out: list[Flowable] = [
        subheading(f"Outcome {i}"),
        Paragraph(esc(" · ".join(f for f in facts if f)), st.small),
        Spacer(1, 3),
        kv_table(rows, ctx.width, compact=True),
    ]
    if o.history:
        out += [
            Spacer(1, 6),
            data_table(
                ["Reading on", "Value", fields.label(OutcomeReading, "note")],
                [
                    [fmt_date(r.on, short=True), fmt_number(r.value), _text(r.note)]
                    for r in sorted(o.history, key=lambda r: r.on)
                ],
                [0.22, 0.14, 0.64],
                ctx.width,
                right=[1],
            ),
        ]
    return out


def _contract(engagement: Engagement, ctx: Context) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [heading("Contract")]
    k = engagement.contract
    if k is None:
        return [*story, Paragraph("No contract recorded.", st.muted)]
    return story + _contract_terms(k, ctx, engagement.sessions)


def _earlier_versions(
    versions: Sequence[ContractVersion], ctx: Context, sessions: Sequence[Session]
) -> list[Flowable]:
    """Every earlier version in full: what was agreed before is personal data too."""
    if not versions:
        return []
    story: list[Flowable] = [heading("Earlier contract versions")]
    for version in versions:
        story.append(
            subheading(f"Version {version.version}, replaced on {_when(version.saved_at)}")
        )
        story += _contract_terms(version.contract, ctx, sessions)
    return story


def _contract_terms(k: Contract, ctx: Context, sessions: Sequence[Session]) -> list[Flowable]:
    story: list[Flowable] = []
    rows: list[tuple[str, Cell]] = [
        (fields.label(Contract, "title"), k.title or DASH),
        ("Version", str(k.version)),
        ("Status", humanise(k.status)),
        ("Signed on", fmt_date(k.signed_date)),
        ("Term", contract_term(k)),
        ("Sessions", str(k.session_count) if k.session_count else DASH),
        ("Session length", minutes(k.session_length_minutes)),
        (fields.label(Contract, "cadence"), k.cadence or DASH),
        ("Format", humanise(k.format)),
        (fields.label(Contract, "fees"), _text(k.fees)),
        (fields.label(Contract, "cancellation_terms"), _text(k.cancellation_terms)),
        ("Counted against the sessions", allowance_rule(k)),
        (
            "Attendance",
            counts_line(session_counts(list(sessions), k, ctx.today)),
        ),
        ("Confidentiality", _text(k.confidentiality)),
        ("Limits of confidentiality", _text(k.confidentiality_limits)),
        ("Reported to the sponsor", _text(k.sponsor_reporting)),
        ("Coach's responsibilities", _text(k.coach_responsibilities)),
        ("Client's responsibilities", _text(k.client_responsibilities)),
    ]
    story.append(kv_table(rows, ctx.width))
    for i, outcome in enumerate(k.outcomes, 1):
        story += _outcome(i, outcome, ctx)
    if k.milestones:
        index = {o.id: i for i, o in enumerate(k.outcomes, 1) if o.id is not None}
        story += [
            subheading("Milestones"),
            data_table(
                [
                    fields.label(Milestone, "title"),
                    "Outcome",
                    "Due",
                    "Done on",
                    fields.label(Milestone, "evidence"),
                ],
                [
                    [
                        _text(m.title),
                        f"{index[m.outcome_id]}" if m.outcome_id in index else DASH,
                        fmt_date(m.due, short=True),
                        fmt_date(m.done_on, short=True),
                        _text(m.evidence),
                    ]
                    for m in k.milestones
                ],
                [0.3, 0.1, 0.15, 0.15, 0.3],
                ctx.width,
            ),
        ]
    if k.risks:
        story += [
            subheading("Risks"),
            data_table(
                [
                    fields.label(Risk, "description"),
                    "Likelihood",
                    "Impact",
                    fields.label(Risk, "mitigation"),
                    "Status",
                ],
                [
                    [
                        _text(r.description),
                        humanise(r.likelihood),
                        humanise(r.impact),
                        _text(r.mitigation),
                        humanise(r.status),
                    ]
                    for r in k.risks
                ],
                [0.3, 0.12, 0.1, 0.34, 0.14],
                ctx.width,
            ),
        ]
    return story


_SESSION_TEXTS = fields.labelled(
    Session,
    (
        "agenda",
        "grow_goal",
        "grow_reality",
        "grow_options",
        "grow_way_forward",
        "shared_summary",
        "decisions",
        "insights",
        "comfort_zone_steps",
        "next_steps",
    ),
)


def _session(
    engagement: Engagement, s: Session, ctx: Context, include_private: bool
) -> list[Flowable]:
    n, planned = session_position(engagement, s)
    outcome_index = {
        o.id: i
        for i, o in enumerate(engagement.contract.outcomes if engagement.contract else [], 1)
        if o.id is not None
    }
    touched = ", ".join(f"Outcome {outcome_index[i]}" for i in s.outcome_ids if i in outcome_index)
    facts = [
        state_label(s, ctx.today),
        _when(s.started_at),
        f"{s.duration_minutes} minutes" if s.duration_minutes else "",
        humanise(s.format),
        f"template: {humanise(s.template).lower()}",
        f"process {_rating(s.process_rating)}",
        f"result {_rating(s.result_rating)}",
    ]
    st = styles()
    head: list[Flowable] = [
        subheading(f"{n_of_n(n, planned)} — {fmt_date(s.started_at)}"),
        Paragraph(esc(" · ".join(f for f in facts if f)), st.small),
    ]
    if s.focus_area.strip() or touched:
        head.append(
            Paragraph(
                esc(
                    " · ".join(
                        x
                        for x in (
                            f"Focus: {s.focus_area}" if s.focus_area.strip() else "",
                            f"Touches: {touched}" if touched else "",
                        )
                        if x
                    )
                ),
                st.small,
            )
        )
    body: list[Flowable] = []
    for label, name in _SESSION_TEXTS:
        body += labelled(label, str(getattr(s, name)))
    if include_private:
        body += labelled(f"{fields.label(Session, 'private_notes')} (coach)", s.private_notes)
    if not body:
        body = [Paragraph("Nothing else recorded.", st.muted)]
    # Keep the session's heading with the start of its first text.
    return [KeepTogether([*head, *body[:2]]), *body[2:]]


def _sessions(engagement: Engagement, ctx: Context, include_private: bool) -> list[Flowable]:
    story: list[Flowable] = [heading("Sessions")]
    sessions = ordered_sessions(engagement)
    if not sessions:
        return [*story, Paragraph("No sessions recorded.", styles().muted)]
    for s in sessions:
        story += _session(engagement, s, ctx, include_private)
    return story


def _actions(engagement: Engagement, ctx: Context) -> list[Flowable]:
    story: list[Flowable] = [heading("Commitments (action items)")]
    if not engagement.action_items:
        return [*story, Paragraph("No action items recorded.", styles().muted)]
    labels = {}
    for s in engagement.sessions:
        n, _ = session_position(engagement, s)
        labels[s.id] = f"{n} ({fmt_date(s.started_at, short=True)})"

    def key(a: ActionItem) -> tuple[bool, date]:
        return (a.due is None, a.due or date.min)

    rows: list[list[Cell]] = [
        [
            labels.get(a.session_id, DASH),
            humanise(a.owner),
            _text(a.text),
            fmt_date(a.due, short=True),
            humanise(a.status),
        ]
        for a in sorted(engagement.action_items, key=key)
    ]
    story.append(
        data_table(
            ["Session", "Owner", "Commitment", "Due", "Status"],
            rows,
            [0.16, 0.1, 0.46, 0.16, 0.12],
            ctx.width,
        )
    )
    return story


_EMOTION_TEXTS = fields.labelled(
    EmotionEntry,
    (
        "situation",
        "trigger",
        "body_sensation",
        "thought",
        "reaction",
        "perceived_by_others",
        "regulation_strategy",
    ),
)


def _emotion(e: EmotionEntry, ctx: Context) -> list[Flowable]:
    """One entry: the numbers on one line, then every text field that was filled in."""
    st = styles()
    facts = [
        humanise(e.source),
        f"family: {e.family}" if e.family else "",
        f"pleasantness {e.pleasantness:+d}, energy {e.energy:+d} ({e.quadrant.value} quadrant)",
        f"intensity {e.intensity}/10",
        f"after regulation {e.intensity_after}/10" if e.intensity_after is not None else "",
        f"effect of regulation {e.regulation_effect}/10" if e.regulation_effect is not None else "",
    ]
    rows: list[tuple[str, Cell]] = [
        (label, _text(str(getattr(e, name))))
        for label, name in _EMOTION_TEXTS
        if str(getattr(e, name)).strip()
    ]
    title = f"{fmt_datetime(e.occurred_at)} — {e.label or 'no label'}"
    out: list[Flowable] = [
        subheading(title),
        Paragraph(esc(" · ".join(f for f in facts if f)), st.small),
    ]
    if rows:
        out += [Spacer(1, 3), kv_table(rows, ctx.width, compact=True)]
    return [KeepTogether(out)]


def _emotions(engagement: Engagement, ctx: Context) -> list[Flowable]:
    story: list[Flowable] = [heading("Emotion log")]
    if not engagement.emotions:
        return [*story, Paragraph("No emotion-log entries recorded.", styles().muted)]
    for e in sorted(engagement.emotions, key=lambda e: e.occurred_at):
        story += _emotion(e, ctx)
    return story


def _feedback(engagement: Engagement, ctx: Context) -> list[Flowable]:
    story: list[Flowable] = [heading("Stakeholder feedback")]
    if not engagement.feedback:
        return [*story, Paragraph("No feedback recorded.", styles().muted)]
    outcome_index = {
        o.id: i
        for i, o in enumerate(engagement.contract.outcomes if engagement.contract else [], 1)
        if o.id is not None
    }

    def row(f: FeedbackEntry) -> list[Cell]:
        who = ", ".join(x for x in (f.from_name.strip(), f.from_role.strip()) if x) or DASH
        linked = f"Outcome {outcome_index[f.outcome_id]}" if f.outcome_id in outcome_index else DASH
        return [
            fmt_date(f.received_on, short=True),
            who,
            _text(f.observed_behaviour),
            _text(f.perceived_impact),
            linked,
        ]

    story.append(
        data_table(
            [
                "Received",
                "From",
                fields.label(FeedbackEntry, "observed_behaviour"),
                fields.label(FeedbackEntry, "perceived_impact"),
                "Linked to",
            ],
            [row(f) for f in sorted(engagement.feedback, key=lambda f: f.received_on)],
            [0.13, 0.17, 0.3, 0.28, 0.12],
            ctx.width,
        )
    )
    return story


def _disclosures(engagement: Engagement, ctx: Context) -> list[Flowable]:
    """What was shared about the client, when and with whom: the answer to "what did you
    tell my company about me?" (item ids, never content)."""
    story: list[Flowable] = [heading("What was shared, and with whom")]
    if not engagement.disclosures:
        return [*story, Paragraph("No report about you has been shared.", styles().muted)]
    rows: list[list[Cell]] = [
        [
            fmt_datetime(d.at),
            REPORT_NAMES[ReportCopy(d.kind)],
            AUDIENCE_LABELS[Audience(d.audience)],
            _text(", ".join(d.item_ids)),
            f"Approved {fmt_date(d.approved_on, short=True)}" if d.approved_on else DASH,
        ]
        for d in sorted(engagement.disclosures, key=lambda d: d.at)
    ]
    story.append(
        data_table(
            ["When", "Report", "For", "Items (ids)", "You approved"],
            rows,
            [0.17, 0.25, 0.1, 0.33, 0.15],
            ctx.width,
        )
    )
    return story


def build(
    engagement: Engagement,
    ctx: Context,
    include_private: bool,
    contract_versions: Sequence[ContractVersion] = (),
) -> tuple[list[Flowable], DocumentInfo]:
    st = styles()
    name = client_name(engagement.client)
    private = (
        "Includes the coach's private notes."
        if include_private
        else "The coach's private session notes are not included."
    )
    story: list[Flowable] = title_block(
        "CoachDesk · Client data export · Confidential",
        "Personal data export",
        [f"<b>{esc(name)}</b>", f"Exported on {fmt_date(ctx.today)}", esc(private)],
    )
    story.append(
        Paragraph(
            "<b>Confidential.</b> This document contains all personal data CoachDesk holds "
            "about the person named above: profile, contract, sessions, commitments, emotion "
            "log and stakeholder feedback. It is provided in answer to a request for access "
            "to personal data. Keep it as safe as the records themselves.",
            st.notice,
        )
    )
    if not include_private and engagement.contract is not None:
        engagement = replace(engagement, contract=without_coach_only(engagement.contract))
    if not include_private:  # earlier versions follow the same rule as the current one
        contract_versions = [
            replace(v, contract=without_coach_only(v.contract)) for v in contract_versions
        ]
    story += _profile(engagement, ctx)
    story += _contract(engagement, ctx)
    story += _earlier_versions(contract_versions, ctx, engagement.sessions)
    story += _sessions(engagement, ctx, include_private)
    story += _actions(engagement, ctx)
    story += _emotions(engagement, ctx)
    story += _feedback(engagement, ctx)
    story += _disclosures(engagement, ctx)
    info = DocumentInfo(
        title="Client data export",
        subject="Personal data export (confidential)",
        keywords=["coaching", "data export", "confidential"],
        header=f"Client data export · {name}",
        footer=footer_text("CONFIDENTIAL · personal data", f"Exported on {fmt_date(ctx.today)}"),
        confidential=True,
    )
    return story, info
