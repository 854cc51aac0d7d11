"""Every shareable report holds exactly what its audience may see (docs/security.md).

A property-based test builds random engagements in which every text is a distinctive
random token and every outcome, milestone, risk, reading note, evidence and clause has a
random audience, renders every report kind for real (ReportLab) and reads the PDF back
(pypdf): each report must contain every item its audience may see and no token of
anything it may not — including readings' notes, evidence, risks, emotions, feedback,
private notes, coach-only clauses and the items the coach unticked in the review.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pypdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdesk.core.audience import Audience, ReportCopy
from coachdesk.core.model import (
    ActionItem,
    Client,
    Contract,
    ContractStatus,
    EmotionEntry,
    Engagement,
    FeedbackEntry,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    RiskLevel,
    Session,
    SessionState,
)
from coachdesk.core.sharing import CLAUSES, review_items, set_clause_audience
from coachdesk.reports.api import render_report

TODAY = date(2026, 6, 1)
AUDIENCES = st.sampled_from(list(Audience))
DETAIL_AUDIENCES = st.one_of(st.none(), AUDIENCES)

COPIES = {
    ReportCopy.SESSION: ("session", None),
    ReportCopy.PROGRESS: ("progress", None),
    ReportCopy.SPONSOR: ("sponsor", None),
    ReportCopy.CONTRACT_CLIENT: ("contract", "client"),
    ReportCopy.CONTRACT_SPONSOR: ("contract", "sponsor"),
}


@dataclass
class Expect:
    """Tokens per report: which must appear and which must never."""

    must: dict[ReportCopy, set[str]] = field(default_factory=dict)
    never: dict[ReportCopy, set[str]] = field(default_factory=dict)

    def add(self, token: str, shown_in: dict[ReportCopy, bool | None]) -> None:
        """``True``: must appear; ``False``: must not; ``None``: may (not printed there)."""
        for which in ReportCopy:
            verdict = shown_in.get(which, False)
            if verdict is True:
                self.must.setdefault(which, set()).add(token)
            elif verdict is False:
                self.never.setdefault(which, set()).add(token)


class Tokens:
    def __init__(self, salt: str) -> None:
        self.salt, self.count = salt, 0

    def __call__(self) -> str:
        self.count += 1
        return f"Qz{self.salt}{self.count:03d}x"


# Written out here, not computed by the code under test: who reads each copy, and which
# item audiences each reader may see.
READS = {
    ReportCopy.SESSION: {Audience.CLIENT, Audience.SPONSOR},
    ReportCopy.PROGRESS: {Audience.CLIENT, Audience.SPONSOR},
    ReportCopy.CONTRACT_CLIENT: {Audience.CLIENT, Audience.SPONSOR},
    ReportCopy.SPONSOR: {Audience.SPONSOR},
    ReportCopy.CONTRACT_SPONSOR: {Audience.SPONSOR},
}
NARROWER = {Audience.COACH: 0, Audience.CLIENT: 1, Audience.SPONSOR: 2}


def _visible(audience: Audience) -> dict[ReportCopy, bool]:
    return {which: audience in readers for which, readers in READS.items()}


def _detail(own: Audience | None, parent: Audience) -> Audience:
    """A note or evidence follows its parent unless marked, and is never wider."""
    return parent if own is None else min(own, parent, key=NARROWER.__getitem__)


@st.composite
def engagements(draw: st.DrawFn) -> tuple[Engagement, Expect, set[str]]:
    token = Tokens(draw(st.text("abcdefghjkmnpqrstuvwy", min_size=5, max_size=5)))
    expect = Expect()
    contract = Contract(
        id=1,
        client_id=1,
        title="Agreement",
        start_date=TODAY - timedelta(days=100),
        end_date=TODAY + timedelta(days=100),
        status=ContractStatus.SIGNED,
        signed_date=TODAY - timedelta(days=101),
        sponsor_confirmed_on=TODAY - timedelta(days=90),
    )
    in_contract = (ReportCopy.CONTRACT_CLIENT, ReportCopy.CONTRACT_SPONSOR)
    for clause in CLAUSES:
        text, audience = token(), draw(AUDIENCES)
        setattr(contract, clause, text)
        set_clause_audience(contract, clause, audience)
        shown = {w: v for w, v in _visible(audience).items() if w in in_contract}
        if clause == "sponsor_reporting" and audience == Audience.SPONSOR:
            shown[ReportCopy.SPONSOR] = True  # "Agreed reporting" in the sponsor report
        expect.add(text, shown)

    for i in range(draw(st.integers(0, 4))):
        audience = draw(AUDIENCES)
        outcome = Outcome(
            id=100 + i,
            contract_id=1,
            statement=token(),
            measure=token(),
            baseline=0,
            target=10,
            current=draw(st.integers(0, 10)),
            audience=audience,
        )
        visible = _visible(audience)
        expect.add(outcome.statement, {**visible, ReportCopy.SESSION: None})
        expect.add(outcome.measure, {**visible, ReportCopy.SESSION: None})
        for day in range(draw(st.integers(0, 3))):
            note_audience = draw(DETAIL_AUDIENCES)
            reading = OutcomeReading(
                on=TODAY - timedelta(days=90 - day), value=day, note=token(),
                note_audience=note_audience,
            )  # fmt: skip
            outcome.history.append(reading)
            # No report prints readings' notes today; where they may not be seen, never.
            allowed = _visible(_detail(note_audience, audience))
            expect.add(reading.note, {w: None if ok else False for w, ok in allowed.items()})
        contract.outcomes.append(outcome)

    for i in range(draw(st.integers(0, 4))):
        audience = draw(AUDIENCES)
        evidence_audience = draw(DETAIL_AUDIENCES)
        milestone = Milestone(
            id=200 + i,
            contract_id=1,
            outcome_id=draw(st.sampled_from([None, *[o.id for o in contract.outcomes]])),
            title=token(),
            due=TODAY + timedelta(days=10 * i),
            evidence=token(),
            audience=audience,
            evidence_audience=evidence_audience,
        )
        expect.add(milestone.title, {**_visible(audience), ReportCopy.SESSION: None})
        evidence_ok = _visible(_detail(evidence_audience, audience))
        expect.add(
            milestone.evidence,
            {
                ReportCopy.PROGRESS: evidence_ok[ReportCopy.PROGRESS],  # printed there
                **{w: None if ok else False for w, ok in evidence_ok.items()
                   if w != ReportCopy.PROGRESS},
            },
        )  # fmt: skip
        contract.milestones.append(milestone)

    for i in range(draw(st.integers(0, 3))):
        audience = draw(AUDIENCES)
        risk = Risk(
            id=300 + i,
            contract_id=1,
            description=token(),
            mitigation=token(),
            likelihood=draw(st.sampled_from(list(RiskLevel))),
            impact=draw(st.sampled_from(list(RiskLevel))),
            audience=audience,
        )
        visible = _visible(audience)
        expect.add(risk.description, {**visible, ReportCopy.SESSION: None})
        expect.add(
            risk.mitigation,
            {**visible, ReportCopy.SPONSOR: None if visible[ReportCopy.SPONSOR] else False,
             ReportCopy.SESSION: None},
        )  # fmt: skip
        contract.risks.append(risk)

    client = Client(id=1, name="Client", intake_notes=token(), tags=[token()])
    expect.add(client.intake_notes, {})
    expect.add(client.tags[0], {})
    sessions, actions = [], []
    count = draw(st.integers(1, 3))
    for i in range(count):
        session = Session(
            id=400 + i,
            client_id=1,
            started_at=datetime.combine(
                TODAY - timedelta(days=7 * (count - i)), datetime.min.time()
            ),
            state=SessionState.HELD,
            agenda=token(),
            shared_summary=token(),
            decisions=token(),
            next_steps=token(),
            private_notes=token(),
            insights=token(),
            grow_goal=token(),
            comfort_zone_steps=token(),
            focus_area=token(),
            process_rating=draw(st.integers(0, 10)),
            result_rating=draw(st.integers(0, 10)),
        )
        latest = i == count - 1  # the session summary covers the latest held session
        for text in (session.agenda, session.shared_summary, session.decisions):
            expect.add(text, {ReportCopy.SESSION: latest})
        expect.add(session.next_steps, {ReportCopy.SESSION: True if latest else None})
        for text in (
            session.private_notes,
            session.insights,
            session.grow_goal,
            session.comfort_zone_steps,
            session.focus_area,
        ):
            expect.add(text, {})
        item = ActionItem(id=500 + i, client_id=1, session_id=session.id, text=token())
        expect.add(item.text, {ReportCopy.SESSION: True if latest else None})
        sessions.append(session)
        actions.append(item)
    emotions = []
    for i in range(draw(st.integers(0, 3))):
        entry = EmotionEntry(
            id=600 + i,
            client_id=1,
            occurred_at=datetime.combine(TODAY - timedelta(days=3 * i), datetime.min.time()),
            label=token(),
            situation=token(),
            thought=token(),
            body_sensation=token(),
            regulation_strategy=token(),
            pleasantness=draw(st.integers(-5, 5)),
            energy=draw(st.integers(-5, 5)),
            intensity=5,
            intensity_after=draw(st.one_of(st.none(), st.integers(0, 10))),
        )
        for text in (entry.label, entry.situation, entry.thought, entry.body_sensation,
                     entry.regulation_strategy):  # fmt: skip
            expect.add(text, {})
        emotions.append(entry)
    feedback = []
    for i in range(draw(st.integers(0, 2))):
        entry = FeedbackEntry(
            id=700 + i,
            client_id=1,
            received_on=TODAY - timedelta(days=i),
            from_role=token(),
            from_name=token(),
            observed_behaviour=token(),
            perceived_impact=token(),
        )
        for text in (entry.from_role, entry.from_name, entry.observed_behaviour,
                     entry.perceived_impact):  # fmt: skip
            expect.add(text, {})
        feedback.append(entry)

    engagement = Engagement(
        client=client,
        contract=contract,
        sessions=sessions,
        action_items=actions,
        emotions=emotions,
        feedback=feedback,
    )
    # The coach unticks some items in the review: they must vanish from that report.
    unticked: set[str] = set()
    for which in ReportCopy:
        for item in review_items(engagement, which):
            if item.ref.split(":")[0] in ("outcome", "milestone", "risk") and draw(st.booleans()):
                unticked.add(f"{which.value}|{item.ref}")
    return engagement, expect, unticked


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def _item_tokens(engagement: Engagement, ref: str) -> set[str]:
    kind, number = ref.split(":")
    contract = engagement.contract
    assert contract is not None
    parts = {"outcome": contract.outcomes, "milestone": contract.milestones, "risk": contract.risks}
    for part in parts[kind]:
        if part.id == int(number):
            texts = [getattr(part, n, "") for n in ("statement", "measure", "title", "evidence",
                                                     "description", "mitigation")]  # fmt: skip
            texts += [r.note for r in getattr(part, "history", [])]
            return {t for t in texts if t}
    raise AssertionError(ref)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(engagements())
def test_every_report_holds_exactly_what_its_audience_may_see(
    case: tuple[Engagement, Expect, set[str]],
) -> None:
    engagement, expect, unticked = case
    for which, (kind, audience) in COPIES.items():
        text = _text(render_report(kind, engagement, today=TODAY, audience=audience))
        missing = {t for t in expect.must.get(which, set()) if t not in text}
        leaked = {t for t in expect.never.get(which, set()) if t in text}
        assert not missing, f"{which}: missing {sorted(missing)}"
        assert not leaked, f"{which}: leaked {sorted(leaked)}"

        # Unticked in the review: gone from this report, with all its details.
        exclude = {ref.split("|")[1] for ref in unticked if ref.startswith(f"{which.value}|")}
        if exclude:
            text = _text(
                render_report(kind, engagement, today=TODAY, audience=audience, exclude=exclude)
            )
            for ref in exclude:
                gone = _item_tokens(engagement, ref)
                assert not {t for t in gone if t in text}, f"{which}: unticked {ref} is in it"
