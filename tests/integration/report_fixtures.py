"""Hand-made engagements for the report tests: one rich and realistic, one huge.

Text that must never reach a shareable report carries a distinctive marker, so a test
can prove its absence by searching the extracted text for the marker alone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coachdesk.core.audience import Audience
from coachdesk.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Client,
    ClientStatus,
    Contract,
    ContractStatus,
    EmotionEntry,
    EmotionSource,
    Engagement,
    FeedbackEntry,
    Focus,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    RiskLevel,
    RiskStatus,
    Session,
    SessionFormat,
    SessionState,
    SessionTemplate,
)

TODAY = date(2025, 6, 16)
COACH = "Zoë Ångström-Müller"
CLIENT_NAME = "Анастасия Ковалёва"
SPONSOR_CONTACT = "Σοφία Παπαδοπούλου"
SPONSOR_ORG = "Nordwind Logistik AG"

PRIVATE_MARKER = "PRIVNOTE7Q3Z"
"""In every session's private notes."""
EMOTION_MARKER = "EMODETAIL9K2X"
"""In every emotion entry's free-text fields."""
INSIGHT_MARKER = "INSIGHT5R8T"
"""In the coach's working notes of a session (insights, GROW, comfort-zone steps)."""
FEEDBACK_MARKER = "FEEDBACK3W6N"
"""In stakeholder feedback."""
EVIDENCE_MARKER = "EVIDENCE4M8P"
"""In milestone evidence (shared with the client, not with the sponsor)."""
INTAKE_MARKER = "INTAKE2H7J"
"""In the client's intake notes (export only)."""

RECOVERY_CODE = "7K2M-QX9D-ABCD-EF01-2345-6789-GHJK-MNPQ"


def _client() -> Client:
    return Client(
        id=1,
        name=CLIENT_NAME,
        organisation=SPONSOR_ORG,
        role="Head of Operations",
        sponsor_organisation=SPONSOR_ORG,
        sponsor_contact=SPONSOR_CONTACT,
        email="a.kovaleva@nordwind.example",
        phone="+49 40 5555 0199",
        status=ClientStatus.ACTIVE,
        focus=Focus.PEOPLE_MANAGEMENT,
        tags=["operations", "new in role", "Führung"],
        intake_notes=(
            f"Promoted eight months ago. Wants to stop being the bottleneck. {INTAKE_MARKER}\n\n"
            "Previous coaching: none. Prefers video sessions on Mondays."
        ),
        retention_date=date(2028, 12, 31),
        created_at=datetime(2025, 1, 6, 9, 30),
    )


def _outcomes() -> list[Outcome]:
    return [
        Outcome(
            id=11,
            statement="Delegate operational decisions to the three team leads",
            measure="Share of operational decisions taken by team leads (%)",
            baseline=20,
            target=70,
            current=50,
            history=[
                OutcomeReading(on=date(2025, 1, 20), value=20, note="Baseline from decision log"),
                OutcomeReading(on=date(2025, 3, 3), value=30),
                OutcomeReading(on=date(2025, 4, 14), value=42, note="Team leads own the roster"),
                OutcomeReading(on=date(2025, 6, 2), value=50),
            ],
            deadline=date(2025, 9, 30),
            owner=CLIENT_NAME,
        ),
        Outcome(
            id=12,
            statement="Reduce escalations reaching the COO",
            measure="Escalations per month",
            baseline=12,
            target=3,
            current=7,
            history=[
                OutcomeReading(on=date(2025, 1, 31), value=12),
                OutcomeReading(on=date(2025, 2, 28), value=11),
                OutcomeReading(on=date(2025, 3, 31), value=9),
                OutcomeReading(on=date(2025, 4, 30), value=8),
                OutcomeReading(on=date(2025, 5, 31), value=7),
            ],
            deadline=date(2025, 9, 30),
            owner=CLIENT_NAME,
        ),
        Outcome(
            id=13,
            statement="Keep the weekly operations meeting within 45 minutes",
            measure="Average meeting length in minutes",
            baseline=95,
            target=45,
            current=82,
            history=[
                OutcomeReading(on=date(2025, 2, 1), value=95),
                OutcomeReading(on=date(2025, 4, 1), value=88),
                OutcomeReading(on=date(2025, 6, 1), value=82),
            ],
            deadline=date(2025, 8, 31),
            owner=CLIENT_NAME,
        ),
        Outcome(
            id=14,
            statement="A trusting working relationship with the CFO",
            measure="CFO's rating of the relationship (1–10), asked quarterly",
            baseline=4,
            target=8,
            current=6,
            history=[
                OutcomeReading(on=date(2025, 1, 15), value=4),
                OutcomeReading(on=date(2025, 4, 15), value=6, note="Joint budget review went well"),
            ],
            deadline=date(2025, 9, 30),
            owner="Client with sponsor",
        ),
    ]


def _contract() -> Contract:
    return Contract(
        id=5,
        client_id=1,
        version=2,
        title="Leadership coaching agreement 2025",
        start_date=date(2025, 1, 13),
        end_date=date(2025, 9, 30),
        session_count=12,
        session_length_minutes=90,
        cadence="Every three weeks",
        format=SessionFormat.MIXED,
        fees=(
            "EUR 450 per session plus VAT, invoiced monthly to Nordwind Logistik AG.\n"
            "Travel for in-person sessions outside Hamburg is charged at cost."
        ),
        cancellation_terms=(
            "Sessions cancelled less than 48 hours ahead are charged in full, unless "
            "the cancellation is due to illness."
        ),
        confidentiality=(
            "Everything discussed in sessions stays between coach and client. Notes are "
            "kept encrypted on the coach's computer."
        ),
        confidentiality_limits=(
            "The coach will break confidentiality only where there is a risk of serious "
            "harm to the client or others, or where the law requires it."
        ),
        sponsor_reporting=(
            "The sponsor receives a short progress report each quarter: progress on the "
            "agreed outcomes, milestones and the number of sessions held. Nothing said in "
            "the sessions is reported."
        ),
        coach_responsibilities=(
            "Prepare each session, keep time, hold confidentiality, and challenge and "
            "support the client towards the agreed outcomes."
        ),
        client_responsibilities=(
            "Come prepared, follow through on commitments, and tell the coach when "
            "something in the coaching is not working."
        ),
        status=ContractStatus.SIGNED,
        signed_date=date(2025, 1, 10),
        outcomes=_outcomes(),
        milestones=[
            Milestone(
                id=21,
                outcome_id=11,
                title="Decision rights agreed with the three team leads",
                due=date(2025, 2, 28),
                done_on=date(2025, 2, 24),
                evidence=f"Signed-off decision matrix ({EVIDENCE_MARKER})",
            ),
            Milestone(
                id=22,
                outcome_id=12,
                title="Escalation path published to all shifts",
                due=date(2025, 3, 31),
                done_on=date(2025, 4, 2),
                evidence=f"Intranet page and shift briefings {EVIDENCE_MARKER}",
            ),
            Milestone(
                id=23,
                outcome_id=13,
                title="New meeting format piloted for four weeks",
                due=date(2025, 5, 15),
            ),
            Milestone(
                id=24,
                outcome_id=14,
                title="Monthly one-to-one with the CFO in place",
                due=date(2025, 4, 30),
                done_on=date(2025, 4, 22),
                evidence="Recurring meeting since April",
            ),
            Milestone(
                id=25,
                outcome_id=11,
                title="Team leads run the quarterly planning without the client",
                due=date(2025, 7, 31),
            ),
            Milestone(
                id=26,
                outcome_id=12,
                title="Escalations below five per month for two months running",
                due=date(2025, 9, 15),
            ),
        ],
        risks=[
            Risk(
                id=31,
                description=(
                    "Peak season from July may pull the client back into day-to-day firefighting"
                ),
                likelihood=RiskLevel.HIGH,
                impact=RiskLevel.HIGH,
                mitigation=(
                    "Agree in advance which decisions stay with the team leads in peak season."
                ),
                status=RiskStatus.OPEN,
            ),
            Risk(
                id=32,
                description="A team lead post is vacant until May",
                likelihood=RiskLevel.MEDIUM,
                impact=RiskLevel.MEDIUM,
                mitigation="Interim cover by the shift supervisor; recruitment under way.",
                status=RiskStatus.MITIGATED,
            ),
            Risk(
                id=33,
                description="Reorganisation of finance may change the CFO role",
                likelihood=RiskLevel.LOW,
                impact=RiskLevel.MEDIUM,
                mitigation="Revisit outcome 4 if the role changes.",
                status=RiskStatus.OPEN,
            ),
        ],
    )


_AGENDAS = [
    "Getting started: expectations, contract, how we work together",
    "Where do decisions get stuck? Mapping the decision log",
    "Decision rights for the team leads",
    "Escalations: what reaches me and why",
    "Preparing the budget review with the CFO",
    "Meetings that end on time",
    "Handling pushback from a senior team lead",
    "Mid-point review of the agreed outcomes",
    "Peak season plan: staying out of the weeds",
    "Quarterly planning led by the team leads",
]


def _sessions() -> list[Session]:
    sessions = []
    start = datetime(2025, 1, 20, 9, 0)
    for i in range(10):
        n = i + 1
        sessions.append(
            Session(
                id=101 + i,
                client_id=1,
                started_at=start + timedelta(days=21 * i),
                duration_minutes=90,
                # Held up to TODAY; the two after it are still planned.
                state=(
                    SessionState.HELD
                    if (start + timedelta(days=21 * i)).date() <= TODAY
                    else SessionState.PLANNED
                ),
                number=n,
                format=SessionFormat.VIDEO if i % 3 else SessionFormat.IN_PERSON,
                agenda=_AGENDAS[i],
                template=SessionTemplate.GROW if i % 2 else SessionTemplate.FREE,
                grow_goal=f"Goal for session {n} {INSIGHT_MARKER}" if i % 2 else "",
                grow_reality=f"Reality check {INSIGHT_MARKER}" if i % 2 else "",
                grow_options="Options: delegate, defer, drop" if i % 2 else "",
                grow_way_forward="Try the decision matrix for two weeks" if i % 2 else "",
                shared_summary=(
                    f"We looked at {_AGENDAS[i].lower()}. Анастасия described three "
                    "situations from the last weeks and we worked through the one that "
                    "mattered most to her.\n\n"
                    "What stood out: decisions come back to her when the team leads are "
                    "unsure who owns them — not because they lack the skill. "
                    "Rules like <b>“if in doubt, escalate”</b> & habits keep this going."
                ),
                private_notes=(
                    f"{PRIVATE_MARKER} Noticed tension when talking about the COO; "
                    "worth exploring next time. Possible pattern of over-responsibility."
                ),
                decisions=(
                    "Team leads decide on shift swaps and overtime up to 10 hours.\n"
                    "Escalations to me only after the team lead has proposed a solution."
                ),
                insights=f"Over-responsibility as a family pattern? {INSIGHT_MARKER}",
                comfort_zone_steps=f"Saying no to the COO once this month {INSIGHT_MARKER}",
                focus_area="Delegation",
                process_rating=[8, 9, 7, 8, 9, 6, 8, 9, 7, 8][i],
                result_rating=[4, 5, 6, 6, 7, 5, 7, 8, 6, 7][i],
                outcome_ids=[11, 12] if i % 2 else [13, 14],
                next_steps="Try the new escalation rule with two team leads and note what happens.",
            )
        )
    return sessions


def _actions() -> list[ActionItem]:
    items = []
    texts = [
        (
            ActionOwner.CLIENT,
            "Write down every decision that comes to you this week, and who could have taken it",
        ),
        (ActionOwner.CLIENT, "Talk to Grigorij about owning the night-shift roster"),
        (ActionOwner.COACH, "Send the decision-matrix template"),
    ]
    for i in range(10):
        for j, (owner, text) in enumerate(texts[: 2 + (i % 2)]):
            items.append(
                ActionItem(
                    id=1000 + 10 * i + j,
                    client_id=1,
                    session_id=101 + i,
                    owner=owner,
                    text=f"{text} (session {i + 1})",
                    due=date(2025, 1, 27) + timedelta(days=21 * i + 7 * j),
                    status=ActionStatus.DONE if i < 6 else ActionStatus.OPEN,
                )
            )
    return items


# (pleasantness, energy, label, family) per quadrant; the log moves from red and blue
# towards yellow and green over the months.
_MOODS = {
    "red": [
        (-3, 4, "frustrated", "anger"),
        (-4, 3, "anxious", "fear"),
        (-2, 2, "irritated", "anger"),
    ],
    "blue": [(-3, -2, "tired", "sadness"), (-2, -3, "discouraged", "sadness")],
    "yellow": [(3, 3, "motivated", "anticipation"), (4, 2, "proud", "joy")],
    "green": [(3, -2, "calm", "trust"), (2, -3, "relieved", "joy")],
}


def _emotions() -> list[EmotionEntry]:
    plan = [
        *("red", "red", "blue", "red", "blue", "yellow"),
        *("red", "blue", "red", "yellow", "green", "red"),
        *("red", "yellow", "blue", "green", "yellow", "red"),
        *("yellow", "green", "red", "yellow", "green", "blue"),
        *("yellow", "green", "yellow", "green", "red", "yellow"),
    ]
    entries = []
    start = datetime(2025, 1, 14, 8, 15)
    for i, quadrant in enumerate(plan):
        pleasant, energy, label, family = _MOODS[quadrant][i % len(_MOODS[quadrant])]
        intensity = 8 - i // 6 if quadrant in ("red", "blue") else 5 + i % 3
        regulated = i % 3 != 2
        entries.append(
            EmotionEntry(
                id=500 + i,
                client_id=1,
                occurred_at=start + timedelta(days=5 * i, hours=i % 9),
                source=[
                    EmotionSource.SELF_REPORT,
                    EmotionSource.OBSERVED,
                    EmotionSource.STAKEHOLDER,
                ][i % 3],
                situation=f"Operations meeting ran over again {EMOTION_MARKER}",
                trigger=f"COO asked for figures in front of the team {EMOTION_MARKER}",
                label=label,
                family=family,
                pleasantness=pleasant,
                energy=energy,
                intensity=intensity,
                body_sensation=f"Tight jaw {EMOTION_MARKER}",
                thought=f"“I have to fix this myself” {EMOTION_MARKER}",
                reaction="Took over the discussion",
                perceived_by_others=f"Team lead said she seemed impatient {EMOTION_MARKER}",
                regulation_strategy=f"Three slow breaths, then a question {EMOTION_MARKER}"
                if regulated
                else "",
                regulation_effect=6 if regulated else None,
                intensity_after=max(intensity - 3 - i // 10, 1) if regulated else None,
            )
        )
    # One entry exactly on an axis: the neutral quadrant must be handled too.
    entries[7].pleasantness = 0
    return entries


def _feedback() -> list[FeedbackEntry]:
    return [
        FeedbackEntry(
            id=700 + i,
            client_id=1,
            received_on=date(2025, 2, 10) + timedelta(days=30 * i),
            from_role=role,
            from_name=name,
            observed_behaviour=f"{behaviour} {FEEDBACK_MARKER}",
            perceived_impact=impact,
            outcome_id=outcome,
        )
        for i, (role, name, behaviour, impact, outcome) in enumerate(
            [
                (
                    "Team lead",
                    "Grigorij",
                    "Asked me to decide the roster myself",
                    "I felt trusted",
                    11,
                ),
                (
                    "CFO",
                    "Jürgen Weiß",
                    "Came to the budget review with options, not problems",
                    "Faster decision",
                    14,
                ),
                ("Team lead", "Łucja", "Still rewrites my shift plans", "Demotivating", 11),
                (
                    "COO",
                    "",
                    "Fewer escalations on my desk this month",
                    "More time for strategy",
                    12,
                ),
            ]
        )
    ]


def _sponsor_visible(contract: Contract) -> Contract:
    for part in (*contract.outcomes, *contract.milestones, *contract.risks):
        part.audience = Audience.SPONSOR
    contract.sponsor_confirmed_on = date(2025, 1, 10)
    return contract


def rich_engagement() -> Engagement:
    """A realistic engagement: Cyrillic-named client, Greek sponsor contact, 4 outcomes,
    6 milestones, 3 risks, 10 sessions (8 held by :data:`TODAY`), 30 emotion entries in
    every quadrant, and stakeholder feedback. Every outcome, milestone and risk is marked
    for the sponsor (and confirmed), so sponsor documents show them all; the audience
    rules themselves are tested in tests/integration/test_report_audiences.py."""
    return Engagement(
        client=_client(),
        contract=_sponsor_visible(_contract()),
        sessions=_sessions(),
        action_items=_actions(),
        emotions=_emotions(),
        feedback=_feedback(),
    )


def large_engagement(session_count: int = 200) -> Engagement:
    """A long-running client: ``session_count`` sessions, three commitments each, and
    one emotion entry per session."""
    engagement = rich_engagement()
    assert engagement.contract is not None
    engagement.contract.session_count = session_count
    engagement.contract.start_date = date(2018, 1, 8)
    engagement.contract.end_date = date(2025, 12, 31)
    template = _sessions()[3]
    start = datetime(2018, 1, 8, 9, 0)
    engagement.sessions = []
    engagement.action_items = []
    engagement.emotions = []
    for i in range(session_count):
        when = start + timedelta(days=14 * i)
        engagement.sessions.append(
            Session(
                id=10_000 + i,
                client_id=1,
                started_at=when,
                state=SessionState.HELD,
                number=i + 1,
                agenda=f"Agenda {i + 1}: {template.agenda}",
                shared_summary=template.shared_summary,
                private_notes=template.private_notes,
                decisions=template.decisions,
                insights=template.insights,
                process_rating=5 + i % 5,
                result_rating=2 + (i * 3) % 8,
                next_steps=template.next_steps,
            )
        )
        for j in range(3):
            engagement.action_items.append(
                ActionItem(
                    id=100_000 + 3 * i + j,
                    session_id=10_000 + i,
                    owner=ActionOwner.CLIENT if j else ActionOwner.COACH,
                    text=f"Commitment {j + 1} of session {i + 1}",
                    due=when.date() + timedelta(days=7),
                    status=ActionStatus.DONE,
                )
            )
        base = _emotions()[i % 30]
        base.id = 200_000 + i
        base.occurred_at = when + timedelta(days=3)
        engagement.emotions.append(base)
    return engagement


def long_note_engagement(chars: int = 100_000) -> Engagement:
    """The rich engagement with a ``chars``-long shared summary (prose with line breaks)
    and private note (one unbroken run of text without a single newline)."""
    engagement = rich_engagement()
    sentence = "Анастасия spoke about delegation, trust & the <team> leads’ ownership. "
    prose = []
    while sum(len(p) for p in prose) < chars:
        prose.append(sentence * 12 + ("\n\n" if len(prose) % 3 == 2 else "\n"))
    session = engagement.sessions[7]
    session.shared_summary = "".join(prose)[:chars]
    session.private_notes = (PRIVATE_MARKER + " " + "x" * 40 + " ") * (chars // 56)
    return engagement
