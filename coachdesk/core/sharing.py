"""Who may see what: the audience of every shareable item, and what each report may take.

In executive coaching the sponsor pays and the client confides. These rules are the one
place that decides what leaves the vault, so every report (GUI and CLI) goes through
:func:`shared_view`, which returns a *copy* of the engagement holding only what the
report's reader may see. Report builders never see the rest, so they cannot print it.

Audiences nest: coach only ⊂ client (and coach) ⊂ sponsor (and client and coach).
Defaults are safe: outcomes, milestones and risks are client-visible (the client agreed
the contract) and reach the sponsor only once the coach marks them. Readings' notes and
milestone evidence follow their parent unless marked otherwise. Contract clauses are part
of the three-way agreement unless marked confidential (client) or coach only.

The sponsor never gets session content, ratings, action items, the emotion log,
feedback, intake notes or tags; private session notes never leave at all (except in the
client's own data export, which is not built here).

Which text field each reader may see is declared on the field itself
(:mod:`coachdesk.core.fields`); :func:`blank_unseen` applies it. What is left here is
which *kinds* of record each report takes (the sponsor gets no session text at all, the
progress report ratings and trends), and the marks on items and clauses.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from coachdesk.core.audience import Audience, DisclosureAction, ReportCopy
from coachdesk.core.errors import InvalidInput
from coachdesk.core.fields import BY_CLAUSE, text_fields
from coachdesk.core.model import (
    ClauseAudience,
    Contract,
    Disclosure,
    Engagement,
    Milestone,
    Outcome,
    Risk,
    Session,
)

_RANK = {Audience.COACH: 0, Audience.CLIENT: 1, Audience.SPONSOR: 2}

AUDIENCE_LABELS = {
    Audience.COACH: "Coach only",
    Audience.CLIENT: "Client",
    Audience.SPONSOR: "Sponsor",
}
"""Short names for chips and review lists."""

AUDIENCE_HINTS = {
    Audience.COACH: "Only you see this; it is in no report.",
    Audience.CLIENT: "You and the client; never in a sponsor report or the sponsor's copy.",
    Audience.SPONSOR: "You, the client and the sponsor.",
}


def may_see(reader: Audience, audience: Audience) -> bool:
    """Whether ``reader`` may see an item whose audience is ``audience``."""
    return _RANK[Audience(audience)] >= _RANK[Audience(reader)]


def effective(own: Audience | None, parent: Audience) -> Audience:
    """The audience of a detail (a reading's note, a milestone's evidence): its own when
    marked, else its parent's. A detail can never be wider than its parent."""
    if own is None:
        return parent
    return own if _RANK[Audience(own)] <= _RANK[Audience(parent)] else parent


def blank_unseen(record: Any, reader: Audience, parent: Audience = Audience.SPONSOR) -> None:
    """Empty every text field of ``record`` that ``reader`` may not see, as the field's
    declaration says (:mod:`coachdesk.core.fields`): its widest audience, narrowed by the
    item's own mark (within ``parent``, the audience of what it belongs to) or by its
    contract clause's mark."""
    for declared in text_fields(type(record)):
        info = declared.info
        if info.follows == BY_CLAUSE:
            audience = clause_audience(record, declared.name)
        elif info.follows:
            audience = effective(getattr(record, info.follows), parent)
        else:
            audience = info.audience
        if not may_see(reader, audience) or not may_see(reader, info.audience):
            empty: str | list[str] = [] if isinstance(getattr(record, declared.name), list) else ""
            setattr(record, declared.name, empty)


# --- Contract clauses ------------------------------------------------------------------

CLAUSES: dict[str, str] = {
    f.name: f.info.label for f in text_fields(Contract) if f.info.follows == BY_CLAUSE
}
"""The contract's text clauses (field name: label) that can be marked confidential:
the fields of :class:`~coachdesk.core.model.Contract` declared to follow their clause."""

CLAUSE_DEFAULT = Audience.SPONSOR
"""A clause is part of the three-way agreement the sponsor signs unless marked."""


def clause_audience(contract: Contract, clause: str) -> Audience:
    for marked in contract.clause_audiences:
        if marked.clause == clause:
            return Audience(marked.audience)
    return CLAUSE_DEFAULT


def set_clause_audience(contract: Contract, clause: str, audience: Audience) -> None:
    """Mark one clause; the default is not stored, so the list holds only exceptions."""
    if clause not in CLAUSES:
        raise InvalidInput(f"unknown contract clause {clause!r}")
    kept = [c for c in contract.clause_audiences if c.clause != clause]
    if Audience(audience) != CLAUSE_DEFAULT:
        kept.append(ClauseAudience(clause=clause, audience=Audience(audience)))
        kept.sort(key=lambda c: list(CLAUSES).index(c.clause) if c.clause in CLAUSES else 99)
    contract.clause_audiences = kept


# --- Item references -------------------------------------------------------------------


def outcome_ref(outcome: Outcome, position: int) -> str:
    return f"outcome:{outcome.id}" if outcome.id is not None else f"outcome@{position}"


def milestone_ref(milestone: Milestone, position: int) -> str:
    return f"milestone:{milestone.id}" if milestone.id is not None else f"milestone@{position}"


def risk_ref(risk: Risk, position: int) -> str:
    return f"risk:{risk.id}" if risk.id is not None else f"risk@{position}"


def session_ref(session: Session, position: int) -> str:
    return f"session:{session.id}" if session.id is not None else f"session@{position}"


def clause_ref(clause: str) -> str:
    return f"clause:{clause}"


RATINGS_REF = "ratings"
"""The process/result ratings of sessions (progress report)."""
EMOTIONS_REF = "emotion-trends"
"""Aggregated emotion-log trends (progress report)."""
SESSION_DATES_REF = "session-dates"
"""Dates, lengths and formats of sessions held (sponsor report)."""
COMMITMENTS_REF = "commitments"
"""Action items of the summarised session (session summary)."""


# --- Reports and their audiences -------------------------------------------------------


REPORT_AUDIENCE: dict[ReportCopy, Audience] = {
    ReportCopy.SESSION: Audience.CLIENT,
    ReportCopy.PROGRESS: Audience.CLIENT,
    ReportCopy.SPONSOR: Audience.SPONSOR,
    ReportCopy.CONTRACT_CLIENT: Audience.CLIENT,
    ReportCopy.CONTRACT_SPONSOR: Audience.SPONSOR,
}


def report_copy(kind: str, audience: Audience | str | None = None) -> ReportCopy:
    """The copy of report ``kind`` (a ReportKind value) for ``audience``.

    Only the contract has two copies; asking another report for a different audience
    is an error, not a silent change of what it contains.
    """
    kind = str(kind)
    wanted = None if audience is None else _audience(audience)
    if kind == "contract":
        if wanted == Audience.SPONSOR:
            return ReportCopy.CONTRACT_SPONSOR
        if wanted in (None, Audience.CLIENT):
            return ReportCopy.CONTRACT_CLIENT
    else:
        try:
            found = ReportCopy(kind)
        except ValueError:
            raise InvalidInput(f"the {kind} document is not a shareable report") from None
        if wanted is None or wanted == REPORT_AUDIENCE[found]:
            return found
    raise InvalidInput(
        f"the {kind} report has no copy for the {wanted}; "
        "only the contract has two copies (client, sponsor)"
    )


def _audience(value: Audience | str) -> Audience:
    try:
        audience = Audience(str(value))
    except ValueError:
        raise InvalidInput(f"unknown audience {value!r}: use client or sponsor") from None
    if audience == Audience.COACH:
        raise InvalidInput("a report for the coach only is not shared: use client or sponsor")
    return audience


def needs_sponsor_confirmation(engagement: Engagement, which: ReportCopy) -> bool:
    """The first sponsor document for a contract (e.g. after the upgrade that brought
    audiences) asks the coach to confirm which outcomes and milestones the sponsor sees."""
    contract = engagement.contract
    return (
        REPORT_AUDIENCE[which] == Audience.SPONSOR
        and contract is not None
        and contract.sponsor_confirmed_on is None
    )


def confirm_sponsor_items(contract: Contract, sponsor_refs: Iterable[str], today: date) -> None:
    """Apply the coach's answer to that question: the ticked outcomes and milestones
    become sponsor-visible, the others at most client-visible; risks are left as marked."""
    wanted = set(sponsor_refs)
    for position, outcome in enumerate(contract.outcomes, 1):
        outcome.audience = _confirmed(outcome.audience, outcome_ref(outcome, position) in wanted)
    for position, milestone in enumerate(contract.milestones, 1):
        milestone.audience = _confirmed(
            milestone.audience, milestone_ref(milestone, position) in wanted
        )
    contract.sponsor_confirmed_on = today


def _confirmed(current: Audience, sponsor: bool) -> Audience:
    if sponsor:
        return Audience.SPONSOR
    return Audience.CLIENT if current == Audience.SPONSOR else Audience(current)


# --- What a report holds, item by item -------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One line of the review before a report leaves: what, whose eyes, and its id."""

    ref: str
    kind: str
    """"Outcome", "Milestone", "Risk", "Clause", "Session" …"""
    text: str
    audience: Audience


def withheld_note(engagement: Engagement, which: ReportCopy) -> str:
    """What this report leaves out because its reader may not see it, counted (the
    review shows the coach that the rest is held back, not forgotten)."""
    contract = engagement.contract
    if contract is None or which == ReportCopy.SESSION:
        return ""
    reader = REPORT_AUDIENCE[which]
    counts = [
        (sum(not may_see(reader, p.audience) for p in parts), noun)
        for parts, noun in (
            (contract.outcomes, "outcome"),
            (contract.milestones, "milestone"),
            (contract.risks, "risk"),
        )
    ]
    parts = [f"{n} {noun}{'s' if n != 1 else ''}" for n, noun in counts if n]
    clauses = len(withheld_clauses(engagement, which))
    if clauses:
        parts.append(f"{clauses} clause{'s' if clauses != 1 else ''}")
    if not parts:
        return ""
    return (
        f"Not in this report, because the {AUDIENCE_LABELS[reader].lower()} may not see "
        f"them: {', '.join(parts)}."
    )


def _short(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def review_items(
    engagement: Engagement, which: ReportCopy, *, session_id: int | None = None
) -> list[ReviewItem]:
    """Everything the report will contain, item by item (before any is unticked)."""
    view = shared_view(engagement, which, session_id=session_id)
    reader = REPORT_AUDIENCE[which]
    items: list[ReviewItem] = []
    contract = view.contract
    if which == ReportCopy.SESSION:
        for position, session in enumerate(view.sessions, 1):
            if session_id is None or session.id == session_id:
                when = session.started_at.strftime("%Y-%m-%d %H:%M")
                items.append(
                    ReviewItem(
                        session_ref(session, position),
                        "Session",
                        f"{when}: agenda, summary, decisions, next steps",
                        Audience.CLIENT,
                    )
                )
        if view.action_items:
            items.append(
                ReviewItem(COMMITMENTS_REF, "Commitments", "Action items", Audience.CLIENT)
            )
    original_c = engagement.contract
    if (
        contract is not None
        and original_c is not None
        and which
        in (
            ReportCopy.CONTRACT_CLIENT,
            ReportCopy.CONTRACT_SPONSOR,
        )
    ):
        for clause, label in CLAUSES.items():
            if getattr(contract, clause).strip():
                items.append(
                    ReviewItem(
                        clause_ref(clause), "Clause", label, clause_audience(original_c, clause)
                    )
                )
    original = engagement.contract
    if original is not None and which != ReportCopy.SESSION:
        parts: list[tuple[str, Sequence[Any], Callable[[Any, int], str], Callable[[Any], str]]]
        parts = [
            ("Outcome", original.outcomes, outcome_ref, lambda o: o.statement),
            ("Milestone", original.milestones, milestone_ref, lambda m: m.title),
            ("Risk", original.risks, risk_ref, lambda r: r.description),
        ]
        for kind, records, ref, text in parts:
            for position, record in enumerate(records, 1):
                if may_see(reader, record.audience):
                    items.append(
                        ReviewItem(
                            ref(record, position),
                            kind,
                            _short(text(record)),
                            Audience(record.audience),
                        )
                    )
    if which == ReportCopy.PROGRESS:
        if any(s.process_rating is not None or s.result_rating is not None for s in view.sessions):
            items.append(ReviewItem(RATINGS_REF, "Sessions", "Process and result ratings", reader))
        if view.emotions:
            items.append(
                ReviewItem(EMOTIONS_REF, "Emotion log", "Trends (shares, no entries)", reader)
            )
    if which == ReportCopy.SPONSOR and view.sessions:
        items.append(
            ReviewItem(
                SESSION_DATES_REF,
                "Sessions",
                "Dates, lengths and formats of sessions held",
                reader,
            )
        )
    return items


# --- The filtered copy -----------------------------------------------------------------


def shared_view(
    engagement: Engagement,
    which: ReportCopy,
    *,
    exclude: Iterable[str] = (),
    session_id: int | None = None,
) -> Engagement:
    """A deep copy of ``engagement`` holding only what the report's reader may see,
    minus the items the coach unticked (``exclude``, by reference).

    This is the only door from the vault to a shareable report.
    """
    reader = REPORT_AUDIENCE[which]
    left_out = set(exclude)
    view = copy.deepcopy(engagement)
    view.disclosures = []
    blank_unseen(view.client, reader)  # intake notes and tags are the coach's
    contract = view.contract
    if contract is not None:
        _filter_contract(contract, reader, left_out)
        kept_outcomes = {o.id for o in contract.outcomes if o.id is not None}
    else:
        kept_outcomes = set()
    for session in view.sessions:
        blank_unseen(session, reader)  # private notes never leave; working notes stay
        session.outcome_ids = [o for o in session.outcome_ids if o in kept_outcomes]
    for feedback in view.feedback:
        if feedback.outcome_id not in kept_outcomes:
            feedback.outcome_id = None

    if reader == Audience.SPONSOR:
        view.sessions = [_dates_only(s) for s in view.sessions]
        if SESSION_DATES_REF in left_out:
            view.sessions = []
        view.action_items = []
        view.emotions = []
        view.feedback = []
        return view

    # The client's documents.
    view.feedback = []  # what stakeholders said is the coach's material, not a report's
    if which == ReportCopy.SESSION:
        # Only the summarised session's shared fields; the others are for numbering.
        for position, session in enumerate(view.sessions, 1):
            chosen = session_id is None or session.id == session_id
            if not chosen or session_ref(session, position) in left_out:
                _keep_only_dates(session)
            else:  # agenda, shared summary, decisions, next steps: what the client may see
                session.process_rating = None
                session.result_rating = None
        if COMMITMENTS_REF in left_out:
            view.action_items = []
        view.emotions = []
        return view
    if which in (ReportCopy.CONTRACT_CLIENT,):
        view.sessions = [_dates_only(s) for s in view.sessions]
        view.action_items = []
        view.emotions = []
        return view
    # Progress report: ratings and emotion trends, never session text.
    view.sessions = [
        replace(
            _dates_only(s),
            process_rating=None if RATINGS_REF in left_out else s.process_rating,
            result_rating=None if RATINGS_REF in left_out else s.result_rating,
        )
        for s in view.sessions
    ]
    view.action_items = []
    if EMOTIONS_REF in left_out:
        view.emotions = []
    else:
        for entry in view.emotions:  # the report shows aggregates only; drop the words
            tried = entry.regulation_effect is not None or entry.intensity_after is not None
            blank_unseen(entry, reader)
            if tried:
                entry.regulation_strategy = "tried"
    return view


def _dates_only(session: Session) -> Session:
    """A session as the sponsor may know it: when, how long, in what format."""
    return Session(
        id=session.id,
        client_id=session.client_id,
        started_at=session.started_at,
        duration_minutes=session.duration_minutes,
        state=session.state,
        number=session.number,
        format=session.format,
    )


def _keep_only_dates(session: Session) -> None:
    bare = _dates_only(session)
    for name in session.__slots__:
        setattr(session, name, getattr(bare, name))


def _filter_contract(contract: Contract, reader: Audience, left_out: set[str]) -> None:
    outcomes: list[Outcome] = []
    for position, outcome in enumerate(contract.outcomes, 1):
        if not may_see(reader, outcome.audience) or outcome_ref(outcome, position) in left_out:
            continue
        blank_unseen(outcome, reader)
        for reading in outcome.history:
            blank_unseen(reading, reader, outcome.audience)
        outcomes.append(outcome)
    kept = {o.id for o in outcomes if o.id is not None}
    milestones: list[Milestone] = []
    for position, milestone in enumerate(contract.milestones, 1):
        if (
            not may_see(reader, milestone.audience)
            or milestone_ref(milestone, position) in left_out
        ):
            continue
        blank_unseen(milestone, reader, milestone.audience)
        if milestone.outcome_id not in kept:
            milestone.outcome_id = None
        milestones.append(milestone)
    risks = [
        risk
        for position, risk in enumerate(contract.risks, 1)
        if may_see(reader, risk.audience) and risk_ref(risk, position) not in left_out
    ]
    for risk in risks:
        blank_unseen(risk, reader)
    contract.outcomes, contract.milestones, contract.risks = outcomes, milestones, risks
    blank_unseen(contract, reader)  # the clauses marked narrower than this reader
    for clause in CLAUSES:
        if clause_ref(clause) in left_out:
            setattr(contract, clause, "")
    contract.clause_audiences = []


def without_coach_only(contract: Contract) -> Contract:
    """A copy of the contract without what is marked coach only: the client's data
    export leaves it out unless the coach includes private notes."""
    kept = copy.deepcopy(contract)
    _filter_contract(kept, Audience.CLIENT, set())
    kept.clause_audiences = copy.deepcopy(contract.clause_audiences)
    return kept


def withheld_clauses(
    engagement: Engagement, which: ReportCopy, exclude: Iterable[str] = ()
) -> list[str]:
    """Labels of the clauses with text that this copy leaves out (the copy says so)."""
    contract = engagement.contract
    if contract is None:
        return []
    reader = REPORT_AUDIENCE[which]
    left_out = set(exclude)
    return [
        label
        for clause, label in CLAUSES.items()
        if getattr(contract, clause).strip()
        and (
            not may_see(reader, clause_audience(contract, clause)) or clause_ref(clause) in left_out
        )
    ]


# --- The disclosure log ----------------------------------------------------------------


def disclosure_for(
    engagement: Engagement,
    which: ReportCopy,
    *,
    at: datetime,
    exclude: Iterable[str] = (),
    session_id: int | None = None,
    approved_on: date | None = None,
    action: DisclosureAction = DisclosureAction.SAVED,
) -> Disclosure:
    """The log entry for a report made from ``engagement`` without ``exclude``."""
    left_out = set(exclude)
    items = [
        item.ref
        for item in review_items(engagement, which, session_id=session_id)
        if item.ref not in left_out
    ]
    return Disclosure(
        client_id=engagement.client.id,
        at=at.replace(microsecond=0),
        kind=which,
        audience=REPORT_AUDIENCE[which],
        item_ids=items,
        approved_on=approved_on,
        action=action,
    )


REPORT_NAMES = {
    ReportCopy.SESSION: "Session summary",
    ReportCopy.PROGRESS: "Progress report",
    ReportCopy.SPONSOR: "Sponsor report",
    ReportCopy.CONTRACT_CLIENT: "Contract (client's full copy)",
    ReportCopy.CONTRACT_SPONSOR: "Contract (three-way copy for the sponsor)",
}


_NAMED_REFS = {
    SESSION_DATES_REF: "session dates",
    RATINGS_REF: "session ratings",
    EMOTIONS_REF: "emotion trends",
    COMMITMENTS_REF: "commitments",
}


def disclosure_summary(entry: Disclosure) -> tuple[str, str, str, str, str]:
    """One line of the disclosure log in words: when, what, for whom, items, approval."""
    kinds: dict[str, int] = {}
    named: list[str] = []
    for ref in entry.item_ids:
        if ref in _NAMED_REFS:
            named.append(_NAMED_REFS[ref])
            continue
        kind = ref.split(":")[0].split("@")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    counted = [f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in kinds.items()]
    items = ", ".join(counted + named)
    approved = entry.approved_on
    return (
        entry.at.strftime("%d %b %Y, %H:%M"),
        f"{REPORT_NAMES[ReportCopy(entry.kind)]} ({DisclosureAction(entry.action).value})",
        AUDIENCE_LABELS[Audience(entry.audience)],
        items or "nothing from the contract",
        f"Approved {approved.strftime('%d %b %Y')}" if approved else "Not recorded",
    )
