"""Fictional demo data: five executive-coaching engagements that look current on any day.

Used by ``coachdesk demo`` (and the app's "add demo clients") so a coach can try every
screen and report without typing a client in. Everything here is invented: people,
organisations, numbers; email addresses use the reserved ``example.org``/``example.com``
domains and phone numbers the ranges set aside for drama.

Dates are placed relative to ``today`` (three engagements in progress, one that ended
two weeks ago, one whose extension is still a draft), and the small details that vary
(times of day, where an emotion sits on the Mood Meter, intensities) come from
:class:`random.Random` with fixed seeds, so the same ``today`` always gives the same
data. Outcomes and sessions carry ids numbered from 1 within each engagement so that
the links between records resolve in memory; ``client_id`` and ``contract_id`` stay
None, and the storage layer stores everything as new records and remaps the ids.

Pure Python: no I/O, nothing outside :mod:`coachdesk.core`.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coachdesk.core.audience import Audience
from coachdesk.core.emotions import SCALE_MAX, family_of, mood_word
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

__all__ = ["demo_engagements"]

_SEED = 5_318_008
"""Base seed; each engagement adds its position, so one client's details never depend
on how many random numbers another client used."""


def demo_engagements(today: date) -> list[Engagement]:
    """Five fictional engagements, dated around ``today``; the same ``today`` gives the
    same data (fresh objects on every call, so callers may change them)."""
    calendar = _Calendar(today)
    builders: Sequence[Callable[[_Calendar, random.Random], Engagement]] = (
        _marta_lindqvist,
        _eleni_papadaki,
        _daniel_okafor,
        _sofia_herrera_vidal,
        _tomasz_wierzbicki,
    )
    # Not for security: a seeded generator is the point, so the demo is reproducible.
    engagements = [
        build(calendar, random.Random(_SEED + position))  # noqa: S311
        for position, build in enumerate(builders)
    ]
    for engagement in engagements:
        _mark_audiences(engagement)
        for session in engagement.sessions:
            # The sessions written up were held; the few others say their state.
            if session.shared_summary:
                session.state = SessionState.HELD
    return engagements


# Who sees what, per client, as each client agreed it (1-based positions in the
# contract). Only work results reach the sponsor: nothing about health, energy, mood,
# sleep or the emotion log, nor about other people's performance or what a stakeholder
# interview said. Risks that are the coach's own observations are coach only.
_SPONSOR_SEES: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = {
    # name: (outcomes, milestones, risks) the sponsor sees
    "Marta Lindqvist": ((1, 2), (2, 3, 4, 6), (1,)),
    "Ελένη Παπαδάκη": ((1, 4), (2, 3, 4, 5), (2,)),
    "Daniel Okafor": ((1, 2, 4), (1, 3), (1, 3)),
    "Sofía Herrera Vidal": ((1, 2, 3, 4), (2, 3, 4, 5), (1, 3)),
    "Tomasz Wierzbicki": ((1, 2), (1, 2, 4, 5), (2,)),
}
_COACH_ONLY_RISKS: dict[str, tuple[int, ...]] = {
    "Marta Lindqvist": (2,),  # "turns relapses into self-criticism": an observation
    "Daniel Okafor": (2,),
    "Sofía Herrera Vidal": (2,),
}


def _mark_audiences(engagement: Engagement) -> None:
    """Apply :data:`_SPONSOR_SEES`; everything else stays client-visible (the default)."""
    contract = engagement.contract
    name = engagement.client.name
    if contract is None or name not in _SPONSOR_SEES:
        return
    outcomes, milestones, risks = _SPONSOR_SEES[name]
    for positions, parts in (
        (outcomes, contract.outcomes),
        (milestones, contract.milestones),
        (risks, contract.risks),
    ):
        for position in positions:
            parts[position - 1].audience = Audience.SPONSOR
    for position in _COACH_ONLY_RISKS.get(name, ()):
        contract.risks[position - 1].audience = Audience.COACH
    contract.sponsor_confirmed_on = contract.signed_date or contract.start_date


# --- Helpers -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Calendar:
    """Days counted from the Monday of today's week, so every offset has a fixed weekday
    (0 is a Monday, -3 a Friday, 4 a Friday) and the text can say "on Tuesday". An offset
    of 0 or less is never after today; 7 or more is always after it."""

    today: date

    @property
    def monday(self) -> date:
        return self.today - timedelta(days=self.today.weekday())

    def day(self, offset: int) -> date:
        return self.monday + timedelta(days=offset)

    def workday(self, offset: int) -> date:
        """The day at ``offset``, moved back to the Friday if it falls on a weekend."""
        day = self.day(offset)
        return day - timedelta(days=max(day.weekday() - 4, 0))

    def at(self, offset: int, hour: int, minute: int = 0) -> datetime:
        """Date and time on the working day at ``offset``."""
        return datetime.combine(self.workday(offset), time(hour, minute))

    def ahead(self, days: int, hour: int, minute: int = 0) -> datetime:
        """Date and time ``days`` after today, moved on to the Monday from a weekend, so
        a planned session is always in the coming week whatever today is."""
        day = self.today + timedelta(days=days)
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        return datetime.combine(day, time(hour, minute))

    def behind(self, hour: int, minute: int = 0) -> datetime:
        """Date and time on the working day before today."""
        day = self.today - timedelta(days=1)
        day -= timedelta(days=max(day.weekday() - 4, 0))
        return datetime.combine(day, time(hour, minute))


def _p(text: str) -> str:
    """Source text wrapped for the editor, as the coach would have typed it: lines of a
    paragraph joined with spaces, paragraphs (blank lines) kept."""
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(block for block in blocks if block)


def _readings(
    calendar: _Calendar, points: Sequence[tuple[int, float, str]]
) -> list[OutcomeReading]:
    return [
        OutcomeReading(on=calendar.workday(offset), value=value, note=note)
        for offset, value, note in points
    ]


@dataclass(frozen=True, slots=True)
class _Episode:
    """One emotion-log entry as written here; :func:`_emotion_log` adds the numbers."""

    day: int
    hour: int
    label: str
    """A Mood Meter word: the entry is placed near it on the two scales."""
    situation: str
    trigger: str
    body: str
    thought: str
    reaction: str
    perceived: str = ""
    strategy: str = ""
    """How the client regulated it; empty when they did not (or, for a stakeholder's
    report, when nobody knows)."""
    helped: bool = True
    """False when the strategy did not bring the intensity down."""
    source: EmotionSource = EmotionSource.SELF_REPORT


def _near(value: int, rng: random.Random) -> int:
    """A Mood Meter coordinate nudged by at most one point, staying on its side of the
    axis (so the entry keeps its quadrant) and on the scale."""
    moved = abs(value) + rng.choice((-1, 0, 0, 1))
    return (1 if value > 0 else -1) * min(max(moved, 1), SCALE_MAX)


def _emotion_log(
    calendar: _Calendar, rng: random.Random, episodes: Sequence[_Episode]
) -> list[EmotionEntry]:
    """Entries in time order: each near its label's place on the Mood Meter, intensity
    growing with the distance from the centre, and where the client regulated it, the
    effect and (usually lower) intensity afterwards."""
    entries: list[EmotionEntry] = []
    for episode in episodes:
        word = mood_word(episode.label)
        if word is None:
            raise ValueError(f"demo emotion label is not a Mood Meter word: {episode.label}")
        pleasantness = _near(word.pleasantness, rng)
        energy = _near(word.energy, rng)
        intensity = min(round(math.hypot(pleasantness, energy)) + rng.randint(0, 2), 10)
        effect: int | None = None
        after: int | None = None
        if episode.strategy and not episode.helped:
            effect, after = rng.randint(0, 2), intensity
        elif episode.strategy and pleasantness < 0:
            drop = rng.randint(1, max(intensity // 2, 1) + 1)
            after = max(intensity - drop, 0)
            effect = min(3 + drop + rng.randint(0, 2), 10)
        elif episode.strategy:  # savouring a pleasant feeling keeps most of it
            effect = rng.randint(5, 8)
            after = max(intensity - rng.randint(0, 2), 0)
        family = family_of(episode.label)
        entries.append(
            EmotionEntry(
                occurred_at=datetime.combine(
                    calendar.day(episode.day), time(episode.hour, rng.randrange(0, 60, 5))
                ),
                source=episode.source,
                situation=episode.situation,
                trigger=episode.trigger,
                label=episode.label,
                family=family.value if family is not None else "",
                pleasantness=pleasantness,
                energy=energy,
                intensity=intensity,
                body_sensation=episode.body,
                thought=episode.thought,
                reaction=episode.reaction,
                perceived_by_others=episode.perceived,
                regulation_strategy=episode.strategy,
                regulation_effect=effect,
                intensity_after=after,
            )
        )
    entries.sort(key=lambda entry: entry.occurred_at)
    return entries


# --- The coach's standard terms ------------------------------------------------------
# A coach uses one contract template and adapts it per client, so the demo does too.


def _cancellation(notice_hours: int) -> str:
    return _p(f"""
        Sessions cancelled or moved with at least {notice_hours} hours' notice are
        rescheduled at no charge. Sessions cancelled later, or missed, count as held unless
        the reason is illness, a family emergency or an event outside the client's control.
        Either party may end the engagement with 30 days' written notice; sessions already
        paid for and not yet held are then refunded pro rata.

        Unused sessions expire on the end date unless client, sponsor and coach agree an
        extension in writing.
    """)


def _confidentiality(sponsor: str) -> str:
    return _p(f"""
        Everything the client says in sessions, and every note the coach keeps, is
        confidential between the client and the coach. Notes are stored encrypted on the
        coach's own computer and are not shared with {sponsor}, the client's manager or
        anyone else without the client's explicit written consent.

        The coach discusses the work in professional supervision without names or details
        that could identify the client or the organisation.
    """)


_CONFIDENTIALITY_LIMITS = _p("""
    Confidentiality does not apply where the coach believes there is a serious risk of harm
    to the client or to others, where the coach learns of a serious crime or a safeguarding
    concern, or where disclosure is required by law or a court order. Where it is safe to do
    so, the coach will tell the client first and agree with them how it is raised.

    If the client describes a serious breach of the organisation's code of conduct, the
    coach will encourage the client to raise it through the proper channel; the coach does
    not carry such information to the sponsor.
""")

_COACH_RESPONSIBILITIES = _p("""
    Prepare for each session and hold a focused, confidential space. Ask, challenge and
    support rather than advise, and offer a view only when the client asks for one and
    labels it as such. Keep session records securely and delete them at the end of the
    retention period. Work within the ICF Code of Ethics and in regular supervision.
    Raise promptly any conflict of interest, and refer the client on if the work calls for
    therapy, medical or legal advice or other specialist help.
""")

_CLIENT_RESPONSIBILITIES = _p("""
    Come to each session with the topic they want to work on. Carry out the actions they
    commit to between sessions, or bring back what got in the way. Say openly what is and
    is not working in the coaching. Gather feedback from colleagues as agreed for the
    mid-point and final reviews. Own the decisions and the results: the coach does not
    decide for the client or speak for them in the organisation.
""")


def _sponsor_reporting(sponsor_contact: str, extra: str = "") -> str:
    return _p(f"""
        Three-way meetings with the client and {sponsor_contact} at the start, at the
        mid-point and at the end. Between them the sponsor receives only attendance
        (sessions held against sessions planned) and the progress on the agreed outcomes as
        the client reports it. Session content, notes and the emotion log are never
        reported. The client reads any written report before it goes to the sponsor and
        may ask for changes. {extra}
    """)


# --- Marta Lindqvist: composure under pressure (self-management, on track) -------------


def _marta_lindqvist(cal: _Calendar, rng: random.Random) -> Engagement:
    start, end = -119, 60
    client = Client(
        name="Marta Lindqvist",
        organisation="Nordhavn Freight AB",
        role="Chief Financial Officer",
        sponsor_organisation="Nordhavn Freight AB",
        sponsor_contact="Karin Sjöberg, HR Director",
        email="marta.lindqvist@nordhavn-freight.example.org",
        phone="+44 20 7946 0318",
        status=ClientStatus.ACTIVE,
        focus=Focus.SELF_MANAGEMENT,
        tags=["CFO", "emotion regulation", "board", "succession"],
        intake_notes=_p("""
            Referred by the CEO after a board meeting in which Marta contradicted the chair
            in front of two new board members ("sharp, and right, but it cost her").
            Eighteen months in role, previously group controller; highly regarded for
            accuracy and pace.

            Describes herself as going "from zero to a hundred" when her figures are
            questioned by people she thinks have not read the papers. Very self-critical
            afterwards. Sleeps five to six hours, runs at 5:30 most days. Wants "tools, not
            therapy". No signs of anything clinical; we agreed she will say if her mood or
            sleep gets worse. Long-term motivation: to be a credible internal candidate when
            the CEO steps down in two to three years.
        """),
        created_at=cal.at(start - 10, 16, 40),
    )
    outcomes = [
        Outcome(
            id=1,
            statement="Stay composed and constructive when challenged in board and ExCo meetings",
            measure="Self-rated composure after each board or ExCo meeting, 0–10 (monthly average)",
            baseline=4,
            target=8,
            current=7,
            history=_readings(
                cal,
                [
                    (-118, 4, "Baseline from the last three meetings before coaching"),
                    (-88, 5, "First month with the emotion log"),
                    (-58, 6, "Pause routine used in two of three meetings"),
                    (-27, 7, "Quarterly results board meeting rated 8"),
                ],
            ),
            deadline=cal.day(end),
            owner="Marta",
        ),
        Outcome(
            id=2,
            statement="Fewer sharp or dismissive replies in meetings",
            measure="Moments per month when Marta cut someone off or answered sharply, "
            "tallied by Marta and her chief of staff",
            baseline=9,
            target=2,
            current=4,
            history=_readings(
                cal,
                [
                    (-112, 9, "Estimate for the month before coaching (Elin 9, Marta 6)"),
                    (-80, 8, "One bad week in the budget round"),
                    (-50, 5, ""),
                    (-20, 4, "Both counts now agree"),
                ],
            ),
            deadline=cal.day(end),
            owner="Marta, with Elin Berg (chief of staff)",
        ),
        Outcome(
            id=3,
            statement="Recover properly after high-pressure days",
            measure="Nights a week with seven hours' sleep or more (sleep tracker, "
            "four-week average)",
            baseline=2,
            target=5,
            current=4,
            history=_readings(
                cal,
                [
                    (-115, 2, ""),
                    (-75, 2, "Close and budget season"),
                    (-45, 3, "Phone out of the bedroom"),
                    (-14, 4, "Two no-screen evenings a week"),
                ],
            ),
            deadline=cal.day(end - 14),
            owner="Marta",
        ),
    ]
    contract = Contract(
        title="Executive coaching: composure and influence under pressure",
        start_date=cal.day(start),
        end_date=cal.day(end),
        session_count=10,
        session_length_minutes=90,
        cadence="Every two to three weeks; shorter phone sessions allowed around the "
        "quarterly close",
        format=SessionFormat.MIXED,
        fees=_p("""
            EUR 6,200 for the programme: ten sessions of 90 minutes plus the three three-way
            meetings with the sponsor. Invoiced to Nordhavn Freight AB in two instalments,
            50% on signing and 50% after session 5, payable within 30 days. Travel within
            Gothenburg included; other travel at cost, agreed in advance.
        """),
        cancellation_terms=_cancellation(48),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=_confidentiality("Nordhavn Freight AB"),
        confidentiality_limits=_CONFIDENTIALITY_LIMITS,
        sponsor_reporting=_sponsor_reporting(
            "Karin Sjöberg (HR Director)",
            "The CEO joins the final three-way meeting at Marta's invitation.",
        ),
        coach_responsibilities=_COACH_RESPONSIBILITIES,
        client_responsibilities=_CLIENT_RESPONSIBILITIES,
        status=ContractStatus.SIGNED,
        signed_date=cal.workday(start - 4),
        outcomes=outcomes,
        milestones=[
            Milestone(
                outcome_id=1,
                title="Personal early-warning signals mapped (body, thoughts, situations)",
                due=cal.workday(-84),
                done_on=cal.workday(-85),
                evidence="One-page map brought to session 3: jaw tension, heat in the neck, "
                "speaking faster, reaching for the pen.",
            ),
            Milestone(
                outcome_id=2,
                title="Chief of staff briefed and keeping the weekly tally",
                due=cal.workday(-90),
                done_on=cal.workday(-88),
                evidence="Tally sheet running since week 3; first four weeks discussed in "
                "session 4.",
            ),
            Milestone(
                outcome_id=2,
                title="Mid-point three-way meeting with the HR Director",
                due=cal.workday(-60),
                done_on=cal.workday(-58),
                evidence="Held by video; Karin reported that two ExCo members had noticed "
                "'more questions, fewer verdicts'.",
            ),
            Milestone(
                outcome_id=1,
                title="Quarterly results board meeting handled with the pause routine",
                due=cal.workday(-30),
                done_on=cal.workday(-28),
                evidence="Chair's note afterwards: 'a calm and very clear session'. "
                "Marta's self-rating 8.",
            ),
            Milestone(
                outcome_id=3,
                title="Two screen-free evenings a week held for a whole month",
                due=cal.workday(14),
            ),
            Milestone(
                outcome_id=1,
                title="Final three-way meeting with the HR Director and the CEO",
                due=cal.workday(end - 3),
            ),
        ],
        risks=[
            Risk(
                description="Year-end close and audit fall in the last weeks of the "
                "contract and may crowd out sessions",
                likelihood=RiskLevel.MEDIUM,
                impact=RiskLevel.MEDIUM,
                mitigation="Last three sessions booked now; 45-minute phone sessions "
                "allowed during the close.",
                status=RiskStatus.OPEN,
            ),
            Risk(
                description="Marta treats the coaching as another performance target and "
                "turns relapses into self-criticism",
                likelihood=RiskLevel.MEDIUM,
                impact=RiskLevel.MEDIUM,
                mitigation="Name it openly; review relapses as data, not failures; "
                "celebrate small steps in sessions.",
                status=RiskStatus.MITIGATED,
            ),
            Risk(
                description="The CEO expects the coach to 'fix' Marta rather than support "
                "her own goals",
                likelihood=RiskLevel.LOW,
                impact=RiskLevel.HIGH,
                mitigation="Outcomes and reporting agreed in the three-way kick-off; the "
                "CEO accepted that content stays confidential.",
                status=RiskStatus.CLOSED,
            ),
        ],
    )
    sessions = [
        Session(
            id=1,
            number=1,
            started_at=cal.at(-116, 8, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="Hopes for the coaching; the board meeting that led to it; a first "
            "picture of the pattern; how we will measure progress.",
            shared_summary=_p("""
                We looked at the board meeting that led to the coaching and at three other
                moments when you felt yourself go "from zero to a hundred". You noticed that
                all four involved someone questioning figures you had already checked.

                We agreed the three outcomes and how to measure them, and that Elin will keep
                a simple weekly tally of sharp moments alongside your own.
            """),
            private_notes=_p("""
                Fast, precise and guarded for the first twenty minutes; warmer once we talked
                about running. Strong inner critic ("I should be above this").

                Hypothesis: the irritation protects against a fear of being seen as less than
                competent. Check gently later, don't push it yet. I noticed I wanted to
                impress her with frameworks — stayed with questions instead. Watch for her
                turning coaching into another KPI to ace.
            """),
            decisions="Start the sharp-moment tally with Elin from Monday. Keep a short "
            "emotion log after every board and ExCo meeting.",
            insights="The trigger is not conflict as such but having her work questioned "
            "by someone who has not read it.",
            comfort_zone_steps="Tell Elin honestly what the tally is for, rather than "
            "presenting it as an efficiency exercise.",
            focus_area="Self-awareness: triggers",
            process_rating=7,
            result_rating=6,
            outcome_ids=[1, 2],
            next_steps="Log at least three episodes; bring next quarter's board calendar.",
        ),
        Session(
            id=2,
            number=2,
            started_at=cal.at(-102, 7, 30),
            duration_minutes=90,
            format=SessionFormat.VIDEO,
            agenda="Review of the first two weeks of the log; early-warning signals.",
            template=SessionTemplate.GROW,
            grow_goal="Notice irritation early enough to choose a response — within the "
            "first ten seconds.",
            grow_reality=_p("""
                Five logged episodes in two weeks, all in meetings of six people or more.
                Today she notices only after she has spoken. Signals she can name: tight jaw,
                heat in the neck, speaking faster.
            """),
            grow_options=_p("""
                A physical anchor (pen down, feet on the floor); a stock question that buys
                time ("Which figure are you looking at?"); a discreet signal from Elin;
                agreeing norms for questions in ExCo; doing nothing and reviewing afterwards.
            """),
            grow_way_forward="Pen down and one question before any answer, in the next three "
            "ExCo meetings; review the tally in two weeks.",
            shared_summary=_p("""
                We mapped your early-warning signals from the log: tight jaw, heat in the
                neck, speaking faster and reaching for your pen. You chose a simple routine —
                pen down, feet on the floor, one question before answering — and will try it
                in the next three ExCo meetings.
            """),
            private_notes=_p("""
                She brought the log beautifully formatted. The performer again. When I asked
                what she felt reading it back she said "embarrassed", then moved straight on;
                I let it go and noted it.

                Supervision question: am I being too gentle because she intimidates me a
                little? My own jaw was tight by the end of the session — parallel process?
            """),
            decisions="Use the pen-down routine in the next three ExCo meetings.",
            insights="The ten seconds before she answers are where the choice is.",
            comfort_zone_steps="Leaving a silence in a meeting instead of filling it with "
            "the answer.",
            focus_area="Emotion regulation in the moment",
            process_rating=8,
            result_rating=7,
            outcome_ids=[1, 2],
            next_steps="Try the routine; log what happens in the body before and after.",
        ),
        Session(
            id=3,
            number=3,
            started_at=cal.at(-81, 8, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="The signals map; what the routine did in ExCo; the CFO forum on Wednesday.",
            shared_summary=_p("""
                The pen-down routine worked in two of the three ExCo meetings; the first time
                the question came from the CEO and you answered before you noticed. You finished
                your one-page map of signals and we used it to prepare for the CFO forum,
                where you expect pointed questions about the fuel hedging.

                You noticed that "being questioned" and "being doubted" feel the same in the
                body but are not the same thing.
            """),
            private_notes=_p("""
                First real shift: she laughed at herself when describing the CEO moment.
                The "doubted" distinction landed — she went quiet for a good while, which is
                rare for her.

                I think authority figures (CEO, chair) are a separate pattern: less anger,
                more fear. She is not ready to call it fear. Keep offering the word, don't
                insist.
            """),
            decisions="Prepare two 'buying time' questions for the forum. Ask Elin to sit "
            "where Marta can see her.",
            insights="'Questioned' is not 'doubted'. Her body reacts the same way to both.",
            comfort_zone_steps="Saying 'good question, let me check that' to a peer in the "
            "forum instead of defending on the spot.",
            focus_area="Self-awareness: triggers",
            process_rating=8,
            result_rating=7,
            outcome_ids=[1],
            next_steps="Forum on Wednesday; log it the same evening.",
        ),
        Session(
            id=4,
            number=4,
            started_at=cal.at(-67, 12, 30),
            duration_minutes=60,
            format=SessionFormat.PHONE,
            agenda="The budget round; the tally; a setback with the head of sales.",
            shared_summary=_p("""
                A hard fortnight: the budget round, little sleep and a sharp exchange with
                the head of sales that you regretted for days. We looked at it as data rather
                than as failure: you were tired, it was late, and the routine needs energy you
                did not have.

                You decided to repair the relationship directly and to protect sleep during
                close weeks.
            """),
            private_notes=_p("""
                She opened with "I've undone everything". Took twenty minutes before she
                could look at it with curiosity. The critic is fierce; I felt pulled to
                reassure her and mostly resisted.

                Sleep is the lever she keeps skipping past. Raised it; she agreed to make it
                an outcome in its own right rather than a side note. Tally: 8 this month,
                down only one.
            """),
            decisions="Speak to the head of sales this week: own her part, no excuses. "
            "Put sleep on the agenda next time.",
            insights="Her routine works when she is rested; tiredness is an early-warning "
            "signal in its own right.",
            comfort_zone_steps="Apologising to a peer without adding a 'but'.",
            focus_area="Setbacks and self-criticism",
            process_rating=7,
            result_rating=5,
            outcome_ids=[2, 3],
            next_steps="Repair conversation; two nights a week with the phone outside the bedroom.",
        ),
        Session(
            id=5,
            number=5,
            started_at=cal.at(-56, 8, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="Preparing the quarterly results board meeting.",
            template=SessionTemplate.GROW,
            grow_goal="Present the quarter's numbers, including the margin miss, and stay "
            "curious when the new board members challenge them.",
            grow_reality=_p("""
                Margin is 1.4 points below plan; two board members are new and known for
                detailed questions. Last time she felt ambushed. The routine is now working in
                ExCo about two times in three.
            """),
            grow_options=_p("""
                A pre-meeting with the chair; sending a one-page "what we know and what we
                don't" with the papers; rehearsing the three hardest questions; agreeing with
                the CEO who answers what; a planned pause after each question.
            """),
            grow_way_forward="Pre-meeting with the chair next week; rehearse the three "
            "hardest questions with Elin; pause and ask one question before each answer.",
            shared_summary=_p("""
                We prepared the results board meeting. You will meet the chair beforehand,
                send a one-page summary of what is known and not yet known about the margin
                miss, and rehearse the three hardest questions with Elin.

                You want the new board members to leave thinking "she knows her numbers and
                she listens", and chose the pause routine as the way to show the second part.
            """),
            private_notes=_p("""
                Much more ownership today: she set the agenda and drove the options herself.
                Fear is now named ("I'm scared they'll think the miss is mine"). Big step.

                I offered the pre-meeting idea too early — she took it, but I want her to
                find these herself. Note for supervision: my wish for her to "win" this
                meeting.
            """),
            decisions="Pre-meeting with the chair; one-page summary sent with the papers.",
            insights="Being open about what she does not know yet is a strength in the "
            "board's eyes, not a weakness.",
            comfort_zone_steps="Asking the chair for advice before the meeting.",
            focus_area="Influence with the board",
            process_rating=9,
            result_rating=8,
            outcome_ids=[1, 2],
            next_steps="Rehearse with Elin; log the meeting the same day.",
        ),
        Session(
            id=6,
            number=6,
            started_at=cal.at(-42, 7, 30),
            duration_minutes=90,
            format=SessionFormat.VIDEO,
            agenda="Recovery: sleep, evenings, the 5:30 runs.",
            shared_summary=_p("""
                We looked at how you recover. Your sleep tracker shows good nights cluster
                after days that end before 19:00 and without email after dinner. You decided
                to try two screen-free evenings a week and to swap one early run for a later
                walk.
            """),
            private_notes=_p("""
                Lighter session, less sparkle. She finds rest "unproductive" and I could hear
                her father's voice in that (she mentioned him for the first time). Stayed
                away from going there — coaching, not therapy — but it's context.

                Result rating honest at 6: this is slow work.
            """),
            decisions="Two screen-free evenings a week (Tuesday, Thursday). Run three "
            "mornings, not five.",
            insights="Rest feels unproductive to her, and that belief keeps her tired.",
            comfort_zone_steps="Telling the CEO she will not answer email after 20:00 on "
            "Tuesdays and Thursdays.",
            focus_area="Recovery and energy",
            process_rating=7,
            result_rating=6,
            outcome_ids=[3],
            next_steps="Track sleep and evening screen time for three weeks.",
        ),
        Session(
            id=7,
            number=7,
            started_at=cal.at(-26, 8, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="Debrief of the results board meeting; what made it work.",
            shared_summary=_p("""
                The results board meeting went well: you paused before every answer, asked
                the new board member which assumption worried her, and said "I don't know
                yet" once without apologising. The chair sent a note afterwards.

                We looked at what made it work — preparation, the pre-meeting, sleep the
                night before — so you can repeat it rather than hope for it.
            """),
            private_notes=_p("""
                She was proud and let herself be proud for almost five minutes. I was moved
                and said so briefly; she took it well.

                Now the risk is complacency or a new, higher bar. She already said "now I need
                to do this every time". Offer the idea of a "good enough" standard next time.
            """),
            decisions="Write a one-page 'how I prepare for the board' checklist.",
            insights="Calm is something she prepares, not something she has or lacks.",
            comfort_zone_steps="Saying 'I don't know yet' in front of the board.",
            focus_area="Consolidating what works",
            process_rating=9,
            result_rating=9,
            outcome_ids=[1, 2],
            next_steps="Checklist; share one thing that worked with Elin.",
        ),
        Session(
            id=8,
            number=8,
            started_at=cal.at(-10, 12, 0),
            duration_minutes=75,
            format=SessionFormat.VIDEO,
            agenda="Year-end close and audit ahead; keeping the gains; plan for the last "
            "two sessions.",
            shared_summary=_p("""
                With the close and the audit ahead, we built a short relapse plan: the three
                situations most likely to set you off, your first signal for each and what you
                will do. You also want to use the last two sessions on how you come across to
                the ExCo as a possible future CEO.

                The tally is at four this month; both your and Elin's counts now agree.
            """),
            private_notes=_p("""
                Steady, grounded. The relapse plan was hers entirely. The CEO-succession
                theme is opening up — that could be a new contract, and I need to be careful
                not to sell it. Let her and Karin raise it.
            """),
            decisions="Relapse plan on one page, on the desk during the close. Agenda for the "
            "last sessions: presence with the ExCo.",
            insights="Her first signal under audit pressure is sarcasm, not anger.",
            comfort_zone_steps="Asking two ExCo peers how she comes across when under pressure.",
            focus_area="Relapse prevention",
            process_rating=8,
            result_rating=7,
            outcome_ids=[1, 2, 3],
            next_steps="Ask two peers for feedback before session 9.",
        ),
        Session(
            id=9,
            number=9,
            started_at=cal.ahead(2, 8, 0),
            duration_minutes=90,
            format=SessionFormat.VIDEO,
            state=SessionState.PLANNED,
            agenda="Presence with the ExCo: what the two peers said.",
        ),
        Session(
            id=10,
            number=10,
            started_at=cal.ahead(16, 8, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            state=SessionState.PLANNED,
            agenda="Closing session; preparation for the final three-way meeting.",
        ),
    ]
    action_items = [
        ActionItem(
            session_id=1,
            owner=ActionOwner.CLIENT,
            text="Brief Elin on the sharp-moment tally and agree how to record it",
            due=cal.workday(-110),
            status=ActionStatus.DONE,
            reviewed_session_id=2,
        ),
        ActionItem(
            session_id=1,
            owner=ActionOwner.COACH,
            text="Send the one-page emotion log template and the Mood Meter",
            due=cal.workday(-114),
            status=ActionStatus.DONE,
            reviewed_session_id=2,
        ),
        ActionItem(
            session_id=4,
            owner=ActionOwner.CLIENT,
            text="Repair conversation with the head of sales",
            due=cal.workday(-62),
            status=ActionStatus.DONE,
            reviewed_session_id=5,
        ),
        ActionItem(
            session_id=5,
            owner=ActionOwner.CLIENT,
            text="Ask the CEO to agree in advance who answers which board questions",
            due=cal.workday(-45),
            status=ActionStatus.DROPPED,
            reviewed_session_id=6,
        ),
        ActionItem(
            session_id=7,
            owner=ActionOwner.CLIENT,
            text="Write the 'how I prepare for the board' checklist",
            due=cal.workday(-16),
            status=ActionStatus.DONE,
            reviewed_session_id=8,
        ),
        ActionItem(
            session_id=8,
            owner=ActionOwner.CLIENT,
            text="Ask two ExCo peers how she comes across under pressure",
            due=cal.workday(8),
        ),
        ActionItem(
            session_id=8,
            owner=ActionOwner.COACH,
            text="Propose an agenda for the final three-way meeting to Karin",
            due=cal.workday(20),
        ),
    ]
    # fmt: off
    episodes = [
        _Episode(-117, 9, "irritated", "ExCo review of the monthly figures",
                 "Head of sales questioned the freight-cost accrual in front of everyone",
                 "Tight jaw, heat in the neck", "He hasn't even opened the appendix.",
                 "Answered before he had finished the question",
                 "Elin said the room went quiet",
                 strategy="None at the time; replayed it on the drive home", helped=False),
        _Episode(-112, 22, "drained", "Late evening after the board papers went out",
                 "Forty unread emails after a ten-hour day", "Heavy eyes, headache",
                 "I can't keep doing this pace.", "Scrolled email in bed until midnight",
                 strategy="Put the phone in the kitchen and read for twenty minutes"),
        _Episode(-110, 11, "furious", "Call with the bank about the covenant test",
                 "Bank's analyst used last year's numbers and would not listen",
                 "Heart racing, hot face", "They are wasting my time and making us look weak.",
                 "Raised her voice; ended the call abruptly",
                 "Her treasury manager looked embarrassed",
                 strategy="Three slow breaths at the window before calling the treasury "
                 "manager back"),
        _Episode(-105, 7, "focused", "Early run before the budget workshop",
                 "Clear morning, quiet roads", "Loose shoulders, steady breath",
                 "I know exactly what I want from today.", "Drafted the workshop opening in "
                 "her head", strategy=""),
        _Episode(-103, 15, "anxious", "Waiting for the chair's reaction to the forecast",
                 "No reply to her email for six hours", "Knot in the stomach",
                 "He thinks the forecast is naive.", "Checked her phone every few minutes",
                 strategy="Named the feeling in the log and went for a short walk"),
        _Episode(-98, 10, "tense", "ExCo meeting, first try of the pen-down routine",
                 "CEO asked 'are we sure about this number?'", "Tight jaw, gripping the pen",
                 "Not again.", "Answered quickly before remembering the routine",
                 "CEO did not seem to notice", source=EmotionSource.SELF_REPORT,
                 strategy="Remembered the routine halfway: pen down for the next question"),
        _Episode(-91, 11, "proud", "Second ExCo with the routine",
                 "She put the pen down and asked 'which line are you looking at?'",
                 "Warmth in the chest", "That was actually easy.",
                 "Smiled at Elin across the table", "Head of HR thanked her for the "
                 "explanation", strategy="Wrote down exactly what she had done, to repeat it"),
        _Episode(-75, 19, "frustrated", "CFO forum with the other business-unit finance "
                 "leads", "Peer presented her hedging analysis as his own",
                 "Clenched fists under the table", "Typical. And I'm supposed to stay calm?",
                 "Corrected him publicly, with an edge", "Two peers exchanged glances",
                 strategy="Stepped out at the break and named it: 'this is anger, not a verdict'"),
        _Episode(-81, 9, "thoughtful", "Session 3, talking about 'questioned' versus "
                 "'doubted'", "Coach's question about what exactly she feels doubted about",
                 "Slower breathing", "Maybe they are not doubting me at all.",
                 "Went quiet for a while", source=EmotionSource.OBSERVED),
        _Episode(-74, 23, "stressed", "Budget round, third late night in a row",
                 "Business units submitted numbers two days late", "Shallow breathing, "
                 "restless legs", "If this slips, the board date slips and it's on me.",
                 "Kept working until 1:00",
                 strategy="Stopped at midnight, wrote tomorrow's first three tasks, went to bed"),
        _Episode(-70, 14, "angry", "Budget meeting with the head of sales",
                 "He called the finance team 'the department of no'",
                 "Heat rising, pounding heart", "How dare he, after the month we've had.",
                 "Told him his forecast was fantasy", "He walked out; others stared at the "
                 "table",
                 strategy="Ten-minute walk round the block before going back to her desk"),
        _Episode(-70, 21, "disheartened", "Evening after the clash with sales",
                 "Replaying the meeting", "Heavy chest, tired", "I've undone everything.",
                 "Skipped dinner, went to bed early but could not sleep",
                 strategy="Asked herself what she would tell Elin if it had happened to her"),
        _Episode(-63, 9, "nervous", "Before the repair conversation with the head of sales",
                 "Walking to his office", "Butterflies, dry mouth",
                 "He'll use this against me.", "Nearly postponed it",
                 strategy="Three slow breaths; reminded herself what she wanted to say"),
        _Episode(-63, 10, "content", "Right after the repair conversation",
                 "He apologised too and offered to share the sales pipeline earlier",
                 "Shoulders dropped", "That was worth it.", "Sent Elin a thumbs-up",
                 "He greeted her warmly at lunch"),
        _Episode(-61, 17, "worried", "Margin miss confirmed for the quarter",
                 "Final numbers 1.4 points below plan", "Tight stomach",
                 "The new board members will think I've lost control.",
                 "Started drafting explanations at once",
                 strategy="Wrote two lists: what she knows and what she doesn't know yet"),
        _Episode(-49, 13, "hopeful", "After the pre-meeting with the chair",
                 "Chair said he appreciated hearing about the miss early", "Lighter, warm",
                 "Maybe they want me to succeed.", "Shared the one-pager with the CEO"),
        _Episode(-41, 20, "calm", "First screen-free evening", "Phone left in the hall",
                 "Relaxed jaw, slow breathing", "This is strange but nice.",
                 "Read a novel for an hour",
                 strategy="Noticed the urge to check email and let it pass"),
        _Episode(-39, 6, "tired", "Early run after a short night",
                 "Woke at 4:30 thinking about the audit planning", "Heavy legs",
                 "I should push through.", "Ran anyway, slower than usual",
                 strategy="Cut the run short and had a proper breakfast"),
        _Episode(-28, 8, "apprehensive", "Morning of the results board meeting",
                 "New board member's pre-read questions arrived at 8:00",
                 "Stomach tight, cold hands", "She's going to go for the margin.",
                 "Reread the one-pager twice",
                 strategy="Three slow breaths, then reread only the first page"),
        _Episode(-28, 15, "proud", "Results board meeting", "Paused before every answer; "
                 "said 'I don't know yet' once", "Upright, open chest",
                 "I did it the way I wanted to.", "Thanked the new board member for her "
                 "question", "Chair: 'a calm and very clear session'",
                 strategy="Savoured it: told her partner about it over dinner"),
        _Episode(-24, 16, "satisfied", "Friday afternoon, tally review with Elin",
                 "Only one sharp moment in two weeks", "Relaxed", "Something has changed.",
                 "Left the office at 17:30"),
        _Episode(-18, 10, "annoyed", "Audit planning meeting",
                 "Auditor asked for the same reconciliation a third time",
                 "Tight jaw, brief", "Do they not read what we send?",
                 "Noticed the jaw, asked which version they had",
                 "Auditor apologised and found the file",
                 strategy="Pen down, feet on the floor, one question before answering"),
        _Episode(-11, 21, "peaceful", "Screen-free Thursday evening",
                 "Cooked with her daughter", "Warm, loose", "I want more evenings like this.",
                 "Went to bed at 22:30"),
        _Episode(-10, 12, "motivated", "Session 8, talking about how she wants to come "
                 "across to the ExCo", "The idea of being a future CEO candidate",
                 "Sitting forward, energy up", "This is worth working on.",
                 "Asked for two peers' feedback", source=EmotionSource.OBSERVED),
        _Episode(-4, 9, "concerned", "Start of the year-end close",
                 "Two subsidiaries late with their ledgers", "Slight tension in the neck",
                 "This is where I usually slip.", "Opened the relapse plan on her desk",
                 strategy="Read the relapse plan and chose the first signal to watch for"),
        _Episode(-1, 19, "at ease", "Sunday evening planning the week", "Calendar has "
                 "protected evenings despite the close", "Loose shoulders",
                 "I can handle this week.", "Closed the laptop at 19:30"),
    ]
    # fmt: on
    return Engagement(
        client=client,
        contract=contract,
        sessions=sessions,
        action_items=action_items,
        emotions=_emotion_log(cal, rng, episodes),
    )


# --- Ελένη Παπαδάκη: motivation and energy (self-management, at risk) ------------------


def _eleni_papadaki(cal: _Calendar, rng: random.Random) -> Engagement:
    start, end = -91, 88
    client = Client(
        name="Ελένη Παπαδάκη",
        organisation="Thalassa Analytics S.A.",
        role="Founder and Chief Executive Officer",
        sponsor_organisation="Thalassa Analytics S.A. (Board of Directors)",
        sponsor_contact="Stavros Kyriakou, Chair of the Board",
        email="eleni.papadaki@thalassa-analytics.example.com",
        phone="+44 113 496 0752",
        status=ClientStatus.ACTIVE,
        focus=Focus.SELF_MANAGEMENT,
        tags=["founder", "motivation", "energy", "scale-up", "Series B"],
        intake_notes=_p("""
            Founded Thalassa (maritime route-optimisation software, 140 people, Piraeus and
            Rotterdam) nine years ago. Last year she led a restructuring that let go of 30
            people; since then she describes herself as "running on empty" and "doing the
            urgent things well and the important things never".

            The board chair suggested coaching ahead of the Series B round. Eleni chose the
            coach herself from three. Energy is low most afternoons, motivation comes in
            bursts; she postpones strategic work and sits on decisions for weeks. Sleeping
            reasonably; sees a therapist occasionally about the restructuring (her choice to
            mention it). We agreed coaching stays on work and energy, and that the coach will
            ask about mood and sleep at every session.
        """),
        created_at=cal.at(start - 12, 18, 5),
    )
    outcomes = [
        Outcome(
            id=1,
            statement="Protect and use time for strategic work",
            measure="Hours a week spent in calendar-protected strategy blocks (kept, not "
            "just booked)",
            baseline=1,
            target=6,
            current=2.5,
            history=_readings(
                cal,
                [
                    (-80, 1, "Calendar audit of the four weeks before coaching"),
                    (-60, 2, "Two mornings booked, one usually lost"),
                    (-30, 3, ""),
                    (-4, 2.5, "Investor work took both blocks this week"),
                ],
            ),
            deadline=cal.day(end),
            owner="Eleni",
        ),
        Outcome(
            id=2,
            statement="Steadier energy and motivation through the week",
            measure="Weekly self-rating of energy, 0–10 (four-week average)",
            baseline=3,
            target=7,
            current=5.5,
            history=_readings(
                cal,
                [
                    (-85, 3, ""),
                    (-57, 4, "Walking meetings on Wednesdays"),
                    (-29, 5, ""),
                    (-3, 5.5, "Dip after the investor call, recovered by the end of the week"),
                ],
            ),
            deadline=cal.day(end),
            owner="Eleni",
        ),
        Outcome(
            id=3,
            statement="Notice low moods early and choose how to respond before they shape "
            "decisions",
            measure="Share of unpleasant, low-energy episodes in the emotion log with a "
            "chosen regulation strategy (%)",
            baseline=10,
            target=70,
            current=45,
            history=_readings(
                cal,
                [
                    (-73, 10, "First two weeks of the log"),
                    (-50, 30, ""),
                    (-20, 45, ""),
                ],
            ),
            deadline=cal.day(end - 30),
            owner="Eleni",
        ),
        Outcome(
            id=4,
            statement="Fewer decisions waiting on Eleni",
            measure="Decisions pending with Eleni for more than seven days (weekly count "
            "from the leadership-team tracker)",
            baseline=14,
            target=4,
            current=9,
            history=_readings(
                cal,
                [
                    (-84, 14, "Tracker started by the COO"),
                    (-55, 12, ""),
                    (-25, 9, "Hiring decisions cleared in one afternoon"),
                ],
            ),
            deadline=cal.day(end),
            owner="Eleni, with Nikos Vlachos (COO)",
        ),
    ]
    contract = Contract(
        title="Founder coaching: focus and delegation for the next stage",
        start_date=cal.day(start),
        end_date=cal.day(end),
        session_count=12,
        session_length_minutes=75,
        cadence="Every two weeks, on Friday mornings",
        format=SessionFormat.VIDEO,
        fees=_p("""
            EUR 450 per 75-minute session, twelve sessions (EUR 5,400), plus two in-person
            half days in Athens at EUR 900 each including travel. Invoiced monthly in arrears
            to Thalassa Analytics S.A.; payment within 21 days.
        """),
        cancellation_terms=_cancellation(24),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=_confidentiality("the board of Thalassa Analytics"),
        confidentiality_limits=_CONFIDENTIALITY_LIMITS,
        sponsor_reporting=_sponsor_reporting(
            "the chair of the board",
            "No report goes to investors. The board chair hears nothing about Eleni's "
            "health or mood.",
        ),
        coach_responsibilities=_COACH_RESPONSIBILITIES,
        client_responsibilities=_CLIENT_RESPONSIBILITIES,
        status=ContractStatus.SIGNED,
        signed_date=cal.workday(start - 3),
        outcomes=outcomes,
        milestones=[
            Milestone(
                outcome_id=2,
                title="Sunday energy check-in routine in place for four weeks",
                due=cal.workday(-59),
                done_on=cal.workday(-59),
                evidence="Four Sunday notes shared in session 3 (scores and one line each).",
            ),
            Milestone(
                outcome_id=4,
                title="Product roadmap sign-off delegated to the CPO",
                due=cal.workday(-10),
            ),
            Milestone(
                outcome_id=2,
                title="Mid-point review with the board chair",
                due=cal.workday(-11),
                done_on=cal.workday(-11),
                evidence="Three-way video call; chair noticed 'quicker decisions in the "
                "leadership team'.",
            ),
            Milestone(
                outcome_id=1,
                title="Series B narrative drafted by Eleni herself in her strategy blocks",
                due=cal.workday(30),
            ),
            Milestone(
                outcome_id=1,
                title="A full month with both strategy mornings kept",
                due=cal.workday(60),
            ),
        ],
        risks=[
            Risk(
                description="Burnout during the Series B preparation",
                likelihood=RiskLevel.HIGH,
                impact=RiskLevel.MEDIUM,
                mitigation="Energy check-in at every session; agreed signs (sleep under six "
                "hours for a week, cancelling sessions) that trigger a conversation about "
                "pausing.",
                status=RiskStatus.OPEN,
            ),
            Risk(
                description="Investor meetings crowd out coaching sessions and strategy time",
                likelihood=RiskLevel.MEDIUM,
                impact=RiskLevel.MEDIUM,
                mitigation="Friday slot fixed; sessions may move within the same week.",
                status=RiskStatus.OPEN,
            ),
            Risk(
                description="Low mood may need help beyond the scope of coaching",
                likelihood=RiskLevel.LOW,
                impact=RiskLevel.HIGH,
                mitigation="Discussed at intake: Eleni already sees a therapist; the coach "
                "will name it if coaching is no longer the right help.",
                status=RiskStatus.MITIGATED,
            ),
        ],
    )
    sessions = [
        Session(
            id=1,
            number=1,
            started_at=cal.at(-87, 9, 0),
            duration_minutes=90,
            format=SessionFormat.VIDEO,
            agenda="What 'running on empty' looks like; hopes for the coaching; outcomes.",
            shared_summary=_p("""
                You described the year since the restructuring as "doing the urgent things
                well and the important things never". We turned that into four outcomes:
                protected strategy time, steadier energy, catching low moods early and fewer
                decisions waiting on you.

                You will keep a short emotion log and a Sunday energy note for the next two
                weeks so we can see the pattern rather than guess it.
            """),
            private_notes=_p("""
                Warm, funny, exhausted. Laughed every time she said something painful. The
                restructuring is still raw: she called the people who left "my thirty" twice.

                Hypothesis: the postponing is partly protective — if she doesn't decide, she
                can't get it wrong again. Don't name it yet. I felt protective of her and
                noticed it; watch for rescuing.
            """),
            decisions="Emotion log after low moments; Sunday energy note (score and one line).",
            insights="Her energy drops most on days with back-to-back calls and no time outside.",
            comfort_zone_steps="Telling the leadership team she is working with a coach.",
            focus_area="Energy and motivation",
            process_rating=8,
            result_rating=6,
            outcome_ids=[1, 2, 3, 4],
            next_steps="Two weeks of notes; calendar audit of the last month.",
        ),
        Session(
            id=2,
            number=2,
            started_at=cal.at(-73, 9, 0),
            duration_minutes=75,
            format=SessionFormat.VIDEO,
            agenda="Energy audit: what gives and what drains.",
            shared_summary=_p("""
                The notes showed energy is highest on days with a customer visit or time with
                the data-science team, and lowest after internal escalation meetings and
                evening investor calls. Strategy work happens only when the office is empty,
                which is rarely.

                You decided to try a walking meeting on Wednesdays and to move investor calls
                before 18:00 where you can.
            """),
            private_notes=_p("""
                Much more energy in the room when she talks about customers and models —
                she lit up. That is where her motivation lives; the CEO job has drifted away
                from it.

                She treats tiredness as a character flaw. Question for me: how much do I
                challenge the pace of a founder in a funding year? Bring to supervision.
            """),
            decisions="Wednesday walking one-to-ones; investor calls before 18:00 where possible.",
            insights="Energy follows contact with customers and the product, not hours worked.",
            comfort_zone_steps="Asking an investor to move a call to the morning.",
            focus_area="Energy management",
            process_rating=8,
            result_rating=6,
            outcome_ids=[2],
            next_steps="Try the walking meetings; keep the Sunday notes.",
        ),
        Session(
            id=3,
            number=3,
            started_at=cal.at(-59, 9, 0),
            duration_minutes=75,
            format=SessionFormat.VIDEO,
            agenda="Making space for strategy.",
            template=SessionTemplate.GROW,
            grow_goal="Two protected strategy mornings a week that actually get used for "
            "the Series B story and the product bet.",
            grow_reality=_p("""
                One hour a week at best, mostly late at night. Blocks get booked over by her
                assistant when an investor asks. She also admits that when a block is free
                she "tidies the inbox first" and the morning is gone.
            """),
            grow_options=_p("""
                Working from the Rotterdam office on Tuesdays; telling the assistant the
                blocks are as fixed as board meetings; starting each block with a single
                written question; asking the COO to take escalations on those mornings;
                shorter 90-minute blocks.
            """),
            grow_way_forward=_p("""
                Tuesday and Thursday 8:00–10:30, marked as fixed. The COO covers
                escalations. Each block starts by writing one question on paper before
                opening the laptop.
            """),
            shared_summary=_p("""
                We worked on strategy time with the GROW model. You chose two fixed mornings
                a week, with Nikos covering escalations, and a small ritual to start each
                block: one question on paper before opening the laptop.
            """),
            private_notes=_p("""
                The inbox-tidying is avoidance and she knows it; she named it herself, which
                matters more than me naming it. She looked flat when we talked about the
                Series B story — I wonder whether she still wants to build this company at
                the next size. Big question; not hers to answer yet, maybe.
            """),
            decisions="Fixed strategy mornings on Tuesday and Thursday; COO covers escalations.",
            insights="Tidying the inbox first is how the mornings disappear.",
            comfort_zone_steps="Declining an investor call that clashed with a strategy morning.",
            focus_area="Focus and strategic time",
            process_rating=7,
            result_rating=6,
            outcome_ids=[1],
            next_steps="Keep both blocks for two weeks; note what happened in each.",
        ),
        Session(
            id=4,
            number=4,
            started_at=cal.at(-45, 10, 0),
            duration_minutes=120,
            format=SessionFormat.IN_PERSON,
            agenda="Half day in Athens: the restructuring a year on; what drives her now.",
            shared_summary=_p("""
                A year after the restructuring, we talked about what it cost you and what it
                taught you. You said the hardest part is not the decision but the fear of
                having to make one like it again, and that this fear makes you slow on
                decisions that have nothing to do with people leaving.

                We then looked at what still draws you to the work: customers, the models,
                and building a place where good analysts want to stay. You wrote these three
                on a card for your desk.
            """),
            private_notes=_p("""
                Cried briefly when talking about the team dinner she skipped after the
                layoffs. Stayed with it; she recovered herself and said it was "useful to say
                out loud". I checked that she has her therapist for the grief part; she does.

                The link between the fear and the decision backlog is now hers. This feels
                like the turning point of the engagement. My own sadness in the room was
                strong — note for supervision.
            """),
            decisions="Card with her three motivators on the desk. Review the decision "
            "backlog with Nikos every Monday.",
            insights="The fear of another restructuring slows decisions that are not about "
            "people at all.",
            comfort_zone_steps="Telling the leadership team what the restructuring was like "
            "for her.",
            focus_area="Motivation and values",
            process_rating=9,
            result_rating=7,
            outcome_ids=[2, 3, 4],
            next_steps="Monday backlog review; share the motivators with the leadership "
            "team if it feels right.",
        ),
        Session(
            id=5,
            number=5,
            started_at=cal.at(-31, 9, 0),
            duration_minutes=75,
            format=SessionFormat.VIDEO,
            agenda="Delegating the product roadmap sign-off.",
            shared_summary=_p("""
                We looked at why the roadmap sign-off still sits with you although you trust
                the CPO. You found two reasons: the roadmap is where you still feel close to
                the product, and you fear investors will see handing it over as stepping
                back. You agreed to write down what you want to keep (the product bet) and
                what to hand over (quarterly sign-off).
            """),
            private_notes=_p("""
                Resistance is high — more than the decision deserves. The roadmap is her
                last link to the part of the job she loves. If she hands it over, what is
                left is the part that drains her. That's the real conversation, and
                delegation techniques won't solve it.

                Result rating 4 is honest: we went around it twice.
            """),
            decisions="Write a one-page split: what she keeps, what the CPO owns.",
            insights="Delegating the roadmap feels like losing the part of the job she loves.",
            comfort_zone_steps="Telling the CPO she has been holding on, and why.",
            focus_area="Delegation",
            process_rating=7,
            result_rating=4,
            outcome_ids=[4],
            next_steps="One-page split before the next session; talk to the CPO.",
        ),
        Session(
            id=6,
            number=6,
            started_at=cal.at(-17, 9, 0),
            duration_minutes=75,
            format=SessionFormat.VIDEO,
            agenda="Mid-point reflection; preparing the three-way with the chair.",
            shared_summary=_p("""
                Halfway through, you see clear progress on energy and on catching low moods:
                you now notice a dip by early afternoon and take a walk or a call with a
                customer instead of pushing through. Strategy time and the roadmap handover
                are behind where you wanted them.

                For the three-way with Stavros you will report the outcomes as they are and
                ask for his help in keeping investor meetings off the strategy mornings.
            """),
            private_notes=_p("""
                Good energy today. She is more honest with herself about progress than she
                was a month ago — no spin. The roadmap one-pager is "nearly done" for the
                second time. I'm starting to wonder whether the milestone itself is wrong;
                maybe ask her whether she wants to renegotiate it rather than carry it
                as a failure.
            """),
            decisions="Report the outcomes honestly in the three-way; ask the chair to help "
            "protect strategy mornings.",
            insights="She notices low moods hours earlier than she did two months ago.",
            comfort_zone_steps="Asking the board chair for help rather than showing only progress.",
            focus_area="Mid-point review",
            process_rating=8,
            result_rating=7,
            outcome_ids=[1, 2, 3, 4],
            next_steps="Three-way next week; finish the roadmap one-pager.",
        ),
        Session(
            id=7,
            number=7,
            started_at=cal.at(-3, 9, 0),
            duration_minutes=45,
            format=SessionFormat.PHONE,
            agenda="Short check-in after a difficult investor call.",
            shared_summary=_p("""
                A lead investor questioned the growth plan sharply on Tuesday and you lost
                the rest of that day, and most of Wednesday, to it. You recognised the
                pattern from the log — low, flat, "what's the point" — and on Thursday,
                instead of forcing your way through the strategy morning, you called a
                customer, which helped.

                The roadmap handover is now overdue; you want to decide by next session
                whether to do it this quarter or change the milestone.
            """),
            private_notes=_p("""
                Voice flat at the start, brighter by the end. Sleep OK (she says), so no
                burnout alarm yet, but this is the second lost strategy week. Risk stays high.

                I noticed frustration in myself about the roadmap — my need, not hers.
                Offer the choice openly next time: do it, or renegotiate it.
            """),
            decisions="Decide about the roadmap milestone by session 8.",
            insights="A customer call works as a reset after a bad investor meeting.",
            comfort_zone_steps="Saying to the investor 'I'll come back to you on that' "
            "instead of defending on the spot.",
            focus_area="Low moods after setbacks",
            process_rating=6,
            result_rating=5,
            outcome_ids=[1, 3, 4],
            next_steps="Protect next Tuesday's strategy block; bring the roadmap decision.",
        ),
        Session(
            id=8,
            number=8,
            started_at=cal.ahead(4, 9, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            state=SessionState.PLANNED,
            agenda="The roadmap decision: hand it over this quarter, or change the milestone.",
        ),
    ]
    action_items = [
        ActionItem(
            session_id=1,
            owner=ActionOwner.CLIENT,
            text="Calendar audit of the last four weeks: strategy, internal, external time",
            due=cal.workday(-75),
            status=ActionStatus.DONE,
            reviewed_session_id=2,
        ),
        ActionItem(
            session_id=1,
            owner=ActionOwner.COACH,
            text="Send the Mood Meter and a one-page guide to the emotion log",
            due=cal.workday(-86),
            status=ActionStatus.DONE,
            reviewed_session_id=2,
        ),
        ActionItem(
            session_id=3,
            owner=ActionOwner.CLIENT,
            text="Brief the assistant: strategy mornings are as fixed as board meetings",
            due=cal.workday(-56),
            status=ActionStatus.DONE,
            reviewed_session_id=4,
        ),
        ActionItem(
            session_id=4,
            owner=ActionOwner.CLIENT,
            text="Share her three motivators with the leadership team",
            due=cal.workday(-35),
            status=ActionStatus.DROPPED,
            reviewed_session_id=5,
        ),
        ActionItem(
            session_id=5,
            owner=ActionOwner.CLIENT,
            text="One-page split of the roadmap: what Eleni keeps, what the CPO owns",
            due=cal.workday(-20),
            reviewed_session_id=6,
        ),
        ActionItem(
            session_id=6,
            owner=ActionOwner.COACH,
            text="Send the chair the agenda for the mid-point three-way",
            due=cal.workday(-14),
            status=ActionStatus.DONE,
            reviewed_session_id=7,
        ),
        ActionItem(
            session_id=7,
            owner=ActionOwner.CLIENT,
            text="Decide: hand over the roadmap this quarter, or renegotiate the milestone",
            due=cal.workday(10),
        ),
    ]
    # fmt: off
    episodes = [
        _Episode(-89, 16, "exhausted", "Afternoon of back-to-back calls",
                 "Sixth call in a row, an escalation about a late delivery",
                 "Heavy head, slumped", "I'm just a help desk with a CEO title.",
                 "Cancelled the evening run",
                 strategy="Closed the laptop and went home early"),
        _Episode(-86, 21, "despondent", "Reading the engagement survey comments at home",
                 "Comment: 'leadership feels absent since the layoffs'",
                 "Tight throat, heavy chest", "They're right. I disappeared.",
                 "Stopped reading; could not sleep until late",
                 strategy="Named the feeling and wrote one line about it in the log"),
        _Episode(-84, 11, "excited", "Customer visit at a shipping line in Rotterdam",
                 "Customer showed fuel savings from the new routing model",
                 "Buzzing, talking fast", "This is why we built it.",
                 "Took photos of the dashboard for the team",
                 "The account manager said he hadn't seen her this lively in months"),
        _Episode(-80, 15, "bored", "Internal budget review", "Third round of the same "
                 "spreadsheet", "Restless, heavy eyes", "Why am I even in this meeting?",
                 "Checked email under the table", "The CFO noticed and looked annoyed",
                 strategy="Asked one real question to get back into the discussion"),
        _Episode(-77, 18, "anxious", "Before an evening investor call",
                 "Investor asked for 'an honest update on churn'", "Stomach churning",
                 "They've heard something.", "Rehearsed numbers for an hour",
                 strategy="Box breathing (4-4-4-4) for two minutes before dialling in"),
        _Episode(-68, 13, "content", "Walking one-to-one with the head of data science",
                 "Long talk about the next model", "Warm, loose", "I like this part of the job.",
                 "Stayed out twenty minutes longer than planned"),
        _Episode(-69, 8, "apathetic", "A morning kept free for the Series B story",
                 "Blank page for the "
                 "Series B story", "Flat, no energy", "What's the point of writing this?",
                 "Tidied the inbox instead",
                 strategy="Wrote one sentence of the story, any sentence"),
        _Episode(-66, 17, "frustrated", "Leadership meeting",
                 "The same hiring decision came back a third time",
                 "Tight shoulders", "Why can't anyone just decide?",
                 "Snapped 'fine, do it'", "The head of people said later she felt "
                 "overruled",
                 strategy="Asked for a five-minute break and came back with a proposal"),
        _Episode(-64, 20, "hopeful", "Sunday energy note", "Energy 5 this week, up from 3",
                 "Lighter", "Maybe this is working.", "Planned two walking meetings"),
        _Episode(-53, 10, "focused", "Thursday strategy morning at the Rotterdam office",
                 "Started with one written question", "Alert, calm",
                 "I know what the next bet is.", "Wrote four pages",
                 strategy="Kept the phone in her bag until 10:30"),
        _Episode(-52, 14, "sad", "Anniversary of the restructuring",
                 "Message from a former employee who had found a new job",
                 "Lump in the throat", "I still owe them something.",
                 "Closed the door for ten minutes",
                 strategy="Allowed the sadness; wrote a reply thanking him"),
        _Episode(-45, 11, "touched", "Half-day session in Athens",
                 "Talking about the team dinner she skipped", "Tears, then relief",
                 "It helps to say it out loud.", "Took a long pause, then went on",
                 source=EmotionSource.OBSERVED),
        _Episode(-41, 9, "grateful", "Leadership-team breakfast",
                 "COO offered to take all escalations on strategy mornings", "Warm chest",
                 "I'm not doing this alone.", "Thanked him in front of the team"),
        _Episode(-42, 16, "discouraged", "First Monday backlog review with Nikos",
                 "Twelve items still waiting on her", "Heavy, slow",
                 "I'm the bottleneck and I know it.", "Cleared two, postponed the rest",
                 strategy="Made one small decision straight away to break the stuckness"),
        _Episode(-38, 11, "motivated", "Product demo by the new graduate hires",
                 "A junior analyst found a bug in her own old model", "Energised, laughing",
                 "This team is good.", "Asked to join the next demo"),
        _Episode(-29, 15, "uneasy", "Drafting the roadmap handover at home", "Writing 'CPO signs "
                 "off'", "Fidgety, tight chest", "If I give this away, what's left for me?",
                 "Saved the draft and closed it",
                 strategy="Named the feeling and wrote one line about it in the log"),
        _Episode(-27, 12, "relaxed", "Lunch outside with the CPO", "Talked about his kids "
                 "and sailing, not work", "Loose shoulders", "He's on my side.",
                 "Mentioned the roadmap split lightly; he was keen"),
        _Episode(-24, 19, "tired", "Evening after a day of due-diligence calls",
                 "Fourth data-room request of the week", "Heavy limbs",
                 "Just get through the week.", "Went to bed at 21:30",
                 strategy="Ten-minute walk along the harbour before dinner"),
        _Episode(-22, 20, "optimistic", "Sunday energy note", "Energy 6, highest so far",
                 "Awake, light", "I can see the shape of the next year.",
                 "Wrote three priorities for the week"),
        _Episode(-26, 14, "proud", "Hiring decisions", "Cleared five pending hires in one "
                 "afternoon with the COO", "Upright, light", "That was easy once I started.",
                 "Told the head of people straight away", "Head of people: 'finally!'",
                 strategy="Noted in the log what made it easy"),
        _Episode(-7, 16, "worried", "Investor pre-read arrives", "Lead investor flags "
                 "growth assumptions", "Tight stomach", "They're losing faith.",
                 "Started rewriting the model at 22:00",
                 strategy="Asked herself 'what would I tell a founder I mentor?'"),
        _Episode(-6, 11, "disappointed", "Investor call", "Lead investor called the growth "
                 "plan 'optimistic at best'", "Heavy, sinking", "I've let everyone down again.",
                 "Went quiet for the rest of the day", "COO asked if she was all right",
                 strategy="Called a founder friend in the evening"),
        _Episode(-5, 10, "down", "Day after the investor call",
                 "Woke up replaying the call", "Flat, slow", "What's the point.",
                 "Answered email all day and skipped the product review",
                 strategy="Tried to push through by clearing email", helped=False),
        _Episode(-4, 9, "calm", "Call with a long-standing customer",
                 "Customer described the product as 'the one tool we'd keep'",
                 "Breathing slower", "The business is real, whatever the investor says.",
                 "Made notes for the investor reply",
                 strategy="Chose to call a customer as a reset, as agreed in coaching"),
        _Episode(-2, 10, "thoughtful", "Saturday walk by the sea",
                 "Thinking about the roadmap milestone", "Quiet, steady",
                 "Maybe I don't have to hand it all over.",
                 "Wrote down two options for the next session"),
    ]
    # fmt: on
    return Engagement(
        client=client,
        contract=contract,
        sessions=sessions,
        action_items=action_items,
        emotions=_emotion_log(cal, rng, episodes),
    )


# --- Daniel Okafor: delegating and giving feedback (people management, off track) ------


def _daniel_okafor(cal: _Calendar, rng: random.Random) -> Engagement:
    start, end = -147, 32
    client = Client(
        name="Daniel Okafor",
        organisation="Brightwater Medical Devices Ltd",
        role="Vice President, Engineering",
        sponsor_organisation="Brightwater Medical Devices Ltd",
        sponsor_contact="Hannah Morrow, HR Business Partner (R&D)",
        email="d.okafor@brightwater-medical.example.org",
        phone="+44 161 496 0284",
        status=ClientStatus.ACTIVE,
        focus=Focus.PEOPLE_MANAGEMENT,
        tags=["engineering", "delegation", "feedback", "one-to-ones"],
        intake_notes=_p("""
            Promoted to VP Engineering a year ago after leading the infusion-pump firmware
            team; seven engineering managers report to him, about 120 engineers in total.
            Brilliant technically and well liked. The CTO's concern (shared with his consent)
            is that Daniel still "lands the plane" on every release himself, managers wait
            for him, and difficult performance conversations do not happen.

            Daniel wants to "get out of the weeds" and to be the kind of manager he had at
            his first job. He is conflict-averse by his own account and enjoys reflective
            conversation. Two regulatory submissions fall inside the contract period.
        """),
        created_at=cal.at(start - 8, 13, 15),
    )
    outcomes = [
        Outcome(
            id=1,
            statement="Engineering managers own their releases end to end",
            measure="Releases per quarter in which Daniel stepped into the final week",
            baseline=10,
            target=2,
            current=7,
            history=_readings(
                cal,
                [
                    (-146, 10, "Previous quarter, from the release log"),
                    (-100, 9, ""),
                    (-55, 8, "Two submissions in one month"),
                    (-12, 7, ""),
                ],
            ),
            deadline=cal.day(end),
            owner="Daniel",
        ),
        Outcome(
            id=2,
            statement="Regular, useful one-to-ones with every direct report",
            measure="Share of scheduled one-to-ones actually held (%)",
            baseline=40,
            target=90,
            current=60,
            history=_readings(
                cal,
                [
                    (-140, 40, "Calendar review"),
                    (-105, 65, "New template, weekly cadence"),
                    (-70, 55, "Submission month"),
                    (-20, 60, ""),
                ],
            ),
            deadline=cal.day(end),
            owner="Daniel",
        ),
        Outcome(
            id=3,
            statement="Clear, timely feedback to direct reports, including difficult messages",
            measure="Direct reports agreeing 'I get clear feedback from Daniel' in the "
            "quarterly pulse survey (%)",
            baseline=29,
            target=70,
            current=43,
            history=_readings(
                cal,
                [
                    (-145, 29, "2 of 7 agreed"),
                    (-60, 43, "3 of 7 agreed"),
                ],
            ),
            deadline=cal.day(end),
            owner="Daniel",
        ),
        Outcome(
            id=4,
            statement="Fewer escalations from Daniel's organisation to the CTO",
            measure="Escalations a month reaching the CTO that the team could have decided",
            baseline=6,
            target=2,
            current=5,
            history=_readings(
                cal,
                [
                    (-140, 6, "CTO's own count"),
                    (-80, 5, ""),
                    (-25, 5, ""),
                ],
            ),
            deadline=cal.day(end),
            owner="Daniel, with the CTO",
        ),
    ]
    contract = Contract(
        title="Leadership coaching: from expert to leader of leaders",
        start_date=cal.day(start),
        end_date=cal.day(end),
        session_count=12,
        session_length_minutes=90,
        cadence="Every two weeks, Thursday late afternoon",
        format=SessionFormat.MIXED,
        fees=_p("""
            GBP 5,760 for twelve 90-minute sessions (GBP 480 per session), including the
            three-way meetings and one 360-degree feedback debrief. Invoiced quarterly in
            advance to Brightwater Medical Devices Ltd against purchase order BMD-4471;
            payment within 30 days.
        """),
        cancellation_terms=_cancellation(48),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=_confidentiality("Brightwater Medical Devices"),
        confidentiality_limits=_CONFIDENTIALITY_LIMITS,
        sponsor_reporting=_sponsor_reporting(
            "Hannah Morrow (HR Business Partner) and the CTO",
            "Pulse-survey results are Daniel's to share; the coach does not see individual "
            "answers.",
        ),
        coach_responsibilities=_COACH_RESPONSIBILITIES,
        client_responsibilities=_CLIENT_RESPONSIBILITIES,
        status=ContractStatus.SIGNED,
        signed_date=cal.workday(start - 2),
        outcomes=outcomes,
        milestones=[
            Milestone(
                outcome_id=2,
                title="One-to-one template and weekly cadence agreed with each direct report",
                due=cal.workday(-116),
                done_on=cal.workday(-122),
                evidence="Template in the team wiki; all seven managers confirmed the slot.",
            ),
            Milestone(
                outcome_id=3,
                title="360-degree feedback collected and debriefed",
                due=cal.workday(-88),
                done_on=cal.workday(-88),
                evidence="Eleven respondents; debrief in session 5.",
            ),
            Milestone(
                outcome_id=1,
                title="Release ownership (RACI) published for the next major release",
                due=cal.workday(-40),
            ),
            Milestone(
                outcome_id=3,
                title="Performance conversation held with the platform team lead",
                due=cal.workday(-25),
                done_on=cal.workday(-13),
                evidence="Held twelve days late; the lead asked for two weeks to bring a "
                "reliability plan, and brought it.",
            ),
            Milestone(
                outcome_id=3,
                title="Pulse survey re-run",
                due=cal.workday(20),
            ),
        ],
        risks=[
            Risk(
                description="Under regulatory deadline pressure Daniel steps back in to "
                "rescue releases",
                likelihood=RiskLevel.HIGH,
                impact=RiskLevel.HIGH,
                mitigation="Agree in advance, with the CTO, which decisions stay with the "
                "managers even in submission weeks.",
                status=RiskStatus.OCCURRED,
            ),
            Risk(
                description="Coaching conversations stay comfortable and reflective and do "
                "not lead to changes in behaviour",
                likelihood=RiskLevel.MEDIUM,
                impact=RiskLevel.HIGH,
                mitigation="Coach names the pattern; every session ends with one concrete "
                "commitment reviewed next time; raised in supervision.",
                status=RiskStatus.OPEN,
            ),
            Risk(
                description="Reorganisation of the quality function changes Daniel's remit",
                likelihood=RiskLevel.LOW,
                impact=RiskLevel.MEDIUM,
                mitigation="Confirmed with the CTO that the remit stays as it is this year.",
                status=RiskStatus.CLOSED,
            ),
        ],
    )
    # Sessions feel good and move little: high process, low result ratings.
    plan: list[tuple[int, SessionFormat, int, int, int, list[int]]] = [
        # (day offset, format, minutes, process rating, result rating, outcomes)
        (-144, SessionFormat.IN_PERSON, 90, 8, 5, [1, 2, 3, 4]),
        (-130, SessionFormat.VIDEO, 90, 9, 4, [2]),
        (-116, SessionFormat.IN_PERSON, 90, 9, 4, [3]),
        (-102, SessionFormat.VIDEO, 90, 8, 3, [3]),
        (-88, SessionFormat.IN_PERSON, 120, 9, 4, [1, 3]),
        (-74, SessionFormat.VIDEO, 90, 8, 3, [1, 4]),
        (-60, SessionFormat.VIDEO, 90, 9, 2, [1, 2]),
        (-46, SessionFormat.IN_PERSON, 90, 8, 3, [3]),
        (-25, SessionFormat.VIDEO, 90, 9, 3, [1, 3]),
        (-11, SessionFormat.IN_PERSON, 90, 6, 6, [1, 2, 3]),
    ]
    texts: list[dict[str, str]] = [
        {
            "agenda": "What 'getting out of the weeds' would mean; the CTO's view and "
            "Daniel's; outcomes and measures.",
            "shared_summary": _p("""
                You described a typical release week: managers bring you the hard calls and
                you end up in the code review at 23:00. You want your managers to own their
                releases and to spend your own time on architecture, hiring and people.

                We agreed four outcomes with measures you can take from the release log, the
                calendar and the pulse survey.
            """),
            "private_notes": _p("""
                Lovely to work with: curious, open, quick to laugh. Maybe too easy — we
                agreed on everything. His "I'm conflict-averse" was said with pride as much
                as regret. Hypothesis: being the rescuer is how he stays liked and useful.
            """),
            "decisions": "Count his final-week interventions from the release log.",
            "insights": "He is the bottleneck he complains about.",
            "comfort_zone_steps": "Telling his managers he is working on stepping back.",
            "focus_area": "Delegation",
            "next_steps": "Release-log count; calendar review of one-to-ones.",
        },
        {
            "agenda": "One-to-ones: why they get cancelled; what a useful one looks like.",
            "shared_summary": _p("""
                Six of every ten one-to-ones were cancelled or turned into status updates.
                You designed a simple template — their agenda first, then one thing about
                growth, then anything you need — and a fixed weekly slot for each manager.
            """),
            "private_notes": _p("""
                Rich conversation about his own best manager; he clearly knows what good
                looks like. Designed the template with real enthusiasm. Rated process 9 and
                I agree, but I notice we spent an hour on design and five minutes on what
                will make him keep the slots in a submission week.
            """),
            "decisions": "Weekly one-to-ones with a shared template, starting next week.",
            "insights": "He cancels one-to-ones first when under pressure because 'they'll "
            "understand'.",
            "comfort_zone_steps": "Keeping a one-to-one when a release is burning.",
            "focus_area": "One-to-ones",
            "next_steps": "Agree the slots with all seven managers.",
        },
        {
            "agenda": "Feedback: what stops him from saying the difficult thing.",
            "shared_summary": _p("""
                We explored what happens when you need to tell someone their work is not good
                enough. You notice you soften the message until it disappears, and then fix
                the work yourself. You want to try the situation-behaviour-impact structure
                with a small piece of feedback first.
            """),
            "private_notes": _p("""
                Beautiful insight about his father ("never raised his voice, we always knew
                where we stood"). Warm, deep conversation. And still: no date, no name for
                the first feedback conversation. I asked twice and accepted "this week
                sometime". I'm colluding with the comfort.
            """),
            "decisions": "Try SBI feedback on something small this week.",
            "insights": "He softens feedback until it disappears, then fixes the work.",
            "comfort_zone_steps": "Giving a piece of corrective feedback without fixing the "
            "work afterwards.",
            "focus_area": "Giving feedback",
            "next_steps": "One SBI conversation; note how it went.",
        },
        {
            "agenda": "Planning the 360-degree feedback; the first SBI attempt.",
            "template": "grow",
            "grow_goal": "Collect honest feedback from managers, peers and the CTO on how "
            "Daniel leads.",
            "grow_reality": "He has never had a 360. He tried SBI once, on a code-review "
            "comment; it went fine but 'was too small to count'.",
            "grow_options": "Coach-run interviews; an anonymous survey; asking people "
            "directly; a mix of survey and three interviews.",
            "grow_way_forward": "Anonymous survey to eleven people plus three short "
            "interviews by the coach, debrief in session 5.",
            "shared_summary": _p("""
                You chose an anonymous survey for eleven colleagues and three short
                interviews run by me, with the debrief in our fifth session. Your first SBI
                conversation went well, though you felt it was too small to count.
            """),
            "private_notes": _p("""
                He lights up with process design. The 360 is genuinely useful — and also a
                way to postpone the hard conversation with the platform lead, which did not
                come up until I raised it in the last ten minutes.
            """),
            "decisions": "Launch the 360 survey on Monday.",
            "insights": "Small feedback conversations go better than he expects.",
            "comfort_zone_steps": "Inviting his most critical peer into the 360.",
            "focus_area": "Feedback and self-awareness",
            "next_steps": "Coach sends the survey; Daniel names the interviewees.",
        },
        {
            "agenda": "360-degree feedback debrief.",
            "shared_summary": _p("""
                The 360 shows a consistent picture: people trust you, learn from you and
                enjoy working with you. They also say you take decisions back, that you are
                hard to read when you are unhappy with their work, and that releases "become
                Daniel's" in the last week.

                You were moved by the warmth and stung by "hard to read". You chose two
                themes to work on: letting managers finish their releases, and saying
                clearly when something is not good enough.
            """),
            "private_notes": _p("""
                Two hours, emotional, generous. He took the critical comments
                thoughtfully. My worry: the warmth of the feedback gave him permission to
                carry on as before. His "I'll think about how to start" sounded like the
                last four sessions.

                Supervision: how do I challenge someone who agrees with everything?
            """),
            "decisions": "Two themes: release ownership and clear feedback.",
            "insights": "People experience his rescuing as taking over, not as help.",
            "comfort_zone_steps": "Sharing the 360 summary with his managers.",
            "focus_area": "360 debrief",
            "next_steps": "Draft a release-ownership RACI with the managers.",
        },
        {
            "agenda": "Release ownership: drafting the RACI.",
            "shared_summary": _p("""
                We worked through who decides what in the last week of a release. You drafted
                a RACI that gives the engineering manager the go/no-go decision and keeps you
                consulted. You want to agree it with the managers and the CTO before the
                next major release.
            """),
            "private_notes": _p("""
                Good work on the RACI, but it is the third artefact in three months. The
                managers have not been asked anything yet. He said the regulatory
                submission "isn't the right moment". Noticing my own frustration; I didn't
                say it.
            """),
            "decisions": "Agree the RACI with the managers and the CTO.",
            "insights": "The go/no-go decision is the one he finds hardest to let go.",
            "comfort_zone_steps": "Letting a manager make the go/no-go call he would make "
            "differently.",
            "focus_area": "Delegation",
            "next_steps": "RACI meeting before the next major release.",
        },
        {
            "agenda": "Submission month: what happened to the plans.",
            "shared_summary": _p("""
                The regulatory submission took over the month: one-to-ones were cancelled
                again and you stepped into two releases. You see that the pattern came back
                the moment the stakes rose. The RACI has not been agreed yet.
            """),
            "private_notes": _p("""
                The risk we named at the start happened. He described it with insight and
                no discomfort at all. Great conversation, zero movement — process 9, result
                2 sums it up.

                I must name the pattern between us next time: we have a very good time and
                nothing changes. Took it to supervision: my supervisor asked what I gain
                from keeping it pleasant. Ouch. Fair.
            """),
            "decisions": "Restart one-to-ones next week.",
            "insights": "The pattern returns as soon as the stakes rise.",
            "comfort_zone_steps": "None agreed — noted by the coach.",
            "focus_area": "Setbacks",
            "next_steps": "Restart one-to-ones; RACI meeting date.",
        },
        {
            "agenda": "The platform team lead: preparing the conversation.",
            "template": "grow",
            "grow_goal": "Tell the platform lead clearly that the reliability of his team's "
            "work is not good enough, and agree what changes.",
            "grow_reality": "Three incidents in two months; Daniel has fixed two of them "
            "himself. The lead thinks things are fine because nobody has told him "
            "otherwise.",
            "grow_options": "SBI conversation this week; involving HR; a written note "
            "first; waiting for the next incident; asking the CTO to do it.",
            "grow_way_forward": "SBI conversation before the end of the month, prepared "
            "with Hannah from HR; Daniel does not fix the next incident himself.",
            "shared_summary": _p("""
                You prepared the conversation with your platform team lead using the GROW
                model: what you want him to hear, the three incidents as facts, and what you
                will ask of him. You will hold the conversation before the end of the month
                and will not fix the next incident yourself.
            """),
            "private_notes": _p("""
                Practised the opening line three times; he got more confident each time.
                Still, the date slid from "this week" to "end of the month" while we talked.
            """),
            "decisions": "Conversation with the platform lead by the end of the month.",
            "insights": "Not telling him is unfair to him, not kind.",
            "comfort_zone_steps": "Saying 'this is not good enough' in the first two "
            "minutes of the conversation.",
            "focus_area": "Difficult conversations",
            "next_steps": "Book the conversation; brief Hannah.",
        },
        {
            "agenda": "Why the conversation has not happened.",
            "shared_summary": _p("""
                The platform conversation did not happen: there was another incident, and
                you fixed it yourself at night. We looked at what you gain by rescuing —
                being needed, avoiding the awkward moment — and what it costs your team and
                you.
            """),
            "private_notes": _p("""
                Another lovely, insightful hour. He can describe his pattern better than I
                can. I asked whether our sessions have become part of it — a safe place to
                understand things instead of doing them. He laughed, then went quiet. Next
                time I say it plainly.
            """),
            "decisions": "Conversation with the platform lead next Tuesday, 10:00, booked "
            "in the session.",
            "insights": "Understanding his pattern has become a way of not changing it.",
            "comfort_zone_steps": "Booking the conversation while still in the session.",
            "focus_area": "Difficult conversations",
            "next_steps": "Hold the Tuesday conversation.",
        },
        {
            "agenda": "Straight talk about the coaching itself; the last month.",
            "shared_summary": _p("""
                I shared an observation: our sessions feel good to both of us and yet the
                outcomes have barely moved. You agreed, and said it was a relief to hear.
                You held the platform conversation on Tuesday, a week later than booked, and
                it went better than you feared; he asked for two weeks to come back with a
                plan.

                For the last month you want fewer ideas and more practice: every session will
                start with what you did, not what you thought.
            """),
            "private_notes": _p("""
                Uncomfortable for both of us, and the best session so far. He was shaken for
                a minute and then relieved. The platform conversation happened — first real
                behaviour change in five months.

                The outcomes will not be reached by the end date. Raise honestly in the final
                three-way; possibly an extension focused on practice, but only if he wants
                it and the CTO agrees.
            """),
            "decisions": "Sessions start with 'what did you do'. RACI meeting booked for "
            "next week.",
            "insights": "The comfort of the coaching was part of the pattern.",
            "comfort_zone_steps": "Hearing a direct challenge from the coach without "
            "smoothing it over.",
            "focus_area": "Turning insight into action",
            "next_steps": "RACI meeting; follow up on the platform lead's plan.",
        },
    ]
    sessions: list[Session] = []
    for index, ((offset, fmt, minutes, process, result, touched), text) in enumerate(
        zip(plan, texts, strict=True), start=1
    ):
        grow = text.get("template") == "grow"
        sessions.append(
            Session(
                id=index,
                number=index,
                started_at=cal.at(offset, 16, 30),
                duration_minutes=minutes,
                format=fmt,
                agenda=text["agenda"],
                template=SessionTemplate.GROW if grow else SessionTemplate.FREE,
                grow_goal=text.get("grow_goal", ""),
                grow_reality=text.get("grow_reality", ""),
                grow_options=text.get("grow_options", ""),
                grow_way_forward=text.get("grow_way_forward", ""),
                shared_summary=text["shared_summary"],
                private_notes=text["private_notes"],
                decisions=text["decisions"],
                insights=text["insights"],
                comfort_zone_steps=text["comfort_zone_steps"],
                focus_area=text["focus_area"],
                process_rating=process,
                result_rating=result,
                outcome_ids=touched,
                next_steps=text["next_steps"],
            )
        )
    sessions += [
        Session(
            id=len(sessions) + 1,
            started_at=cal.at(-18, 16, 30),
            duration_minutes=90,
            format=SessionFormat.VIDEO,
            state=SessionState.CANCELLED_LATE,
            agenda="Cancelled two hours before: the regulatory submission.",
        ),
        Session(
            id=len(sessions) + 2,
            number=len(sessions) + 1,
            started_at=cal.behind(16, 30),
            duration_minutes=90,
            format=SessionFormat.VIDEO,
            state=SessionState.PLANNED,
            agenda="After the RACI meeting: what changed in the platform team.",
        ),
    ]
    sessions.sort(key=lambda s: s.started_at)
    action_items = [
        ActionItem(
            session_id=1,
            owner=ActionOwner.CLIENT,
            text="Count final-week interventions in last quarter's release log",
            due=cal.workday(-134),
            status=ActionStatus.DONE,
            reviewed_session_id=2,
        ),
        ActionItem(
            session_id=2,
            owner=ActionOwner.CLIENT,
            text="Agree weekly one-to-one slots with all seven managers",
            due=cal.workday(-120),
            status=ActionStatus.DONE,
            reviewed_session_id=3,
        ),
        ActionItem(
            session_id=4,
            owner=ActionOwner.COACH,
            text="Send the 360 survey and run three interviews",
            due=cal.workday(-95),
            status=ActionStatus.DONE,
            reviewed_session_id=5,
        ),
        ActionItem(
            session_id=6,
            owner=ActionOwner.CLIENT,
            text="Agree the release RACI with the managers and the CTO",
            due=cal.workday(-62),
            reviewed_session_id=7,
        ),
        ActionItem(
            session_id=7,
            owner=ActionOwner.CLIENT,
            text="Ask the CTO to cover go/no-go questions during submission weeks",
            due=cal.workday(-50),
            status=ActionStatus.DROPPED,
            reviewed_session_id=8,
        ),
        ActionItem(
            session_id=8,
            owner=ActionOwner.CLIENT,
            text="Hold the conversation with the platform team lead",
            due=cal.workday(-30),
            status=ActionStatus.DONE,
            reviewed_session_id=10,
        ),
        ActionItem(
            session_id=9,
            owner=ActionOwner.COACH,
            text="Share reading on the drama triangle (rescuer role)",
            due=cal.workday(-20),
            status=ActionStatus.DONE,
            reviewed_session_id=10,
        ),
        ActionItem(
            session_id=10,
            owner=ActionOwner.COACH,
            text="Prepare an honest progress summary for the final three-way meeting",
            due=cal.workday(20),
        ),
    ]
    # fmt: off
    episodes = [
        _Episode(-140, 23, "stressed", "Release week, late-night code review",
                 "Manager messaged 'can you take a quick look?'", "Tight chest, wired",
                 "If I don't check it, it'll go wrong.", "Reviewed the code until 1:00",
                 strategy="Told himself 'it's their release, not mine', then reviewed it "
                 "anyway", helped=False),
        _Episode(-125, 10, "uneasy", "One-to-one with the platform lead",
                 "Another incident report he had not mentioned", "Knot in the stomach",
                 "I should say something.", "Changed the subject to the roadmap",
                 "The lead left the meeting looking relaxed",
                 strategy="Wrote down what he had wanted to say, for next time"),
        _Episode(-116, 17, "inspired", "Coaching session about his best manager",
                 "Remembering how his first manager gave feedback", "Warm, energised",
                 "I can be that for my team.", "Talked fast, laughing",
                 source=EmotionSource.OBSERVED),
        _Episode(-109, 14, "pleased", "First SBI feedback conversation",
                 "The engineer thanked him for being clear", "Light",
                 "That wasn't so bad.", "Went back to his desk smiling"),
        _Episode(-88, 17, "stunned", "360 debrief", "Comment: 'hard to read when he's "
                 "unhappy with your work'", "Freeze, then heat in the face",
                 "I thought I was being kind.", "Long silence, then asked to read it again",
                 source=EmotionSource.OBSERVED,
                 strategy="Coach offered a pause; he reread the comment slowly"),
        _Episode(-87, 9, "grateful", "Rereading the 360 comments the next morning",
                 "Comment: 'the best engineer I have worked for'", "Warm chest",
                 "They do value me.", "Forwarded the summary to his partner"),
        _Episode(-68, 22, "anxious", "Regulatory submission deadline in two days",
                 "Test evidence incomplete for one module", "Racing heart, shallow breathing",
                 "If this fails, the whole launch slips.", "Took over the module himself",
                 strategy="Slow breathing for a minute, then listed what only he could do"),
        _Episode(-67, 11, "irritated", "Stand-up during submission week",
                 "A manager said the team was 'waiting for Daniel'", "Jaw clenched",
                 "Why is everyone waiting for me?", "Assigned the tasks himself",
                 "The manager looked relieved, then disengaged",
                 strategy="Slow breathing for a minute"),
        _Episode(-66, 20, "sad", "Evening after the submission",
                 "Realised he had cancelled every one-to-one that month", "Heavy, slow",
                 "I'm letting them down.", "Wrote apology messages he didn't send",
                 strategy="Talked it over with his partner"),
        _Episode(-40, 15, "frustrated", "Planning the next major release",
                 "RACI still not agreed; managers asked who decides", "Tension in shoulders",
                 "I keep putting this off.", "Decided on the spot, again",
                 strategy="Noted in the log: 'this is the pattern'"),
        _Episode(-33, 23, "tired", "Night incident on the platform",
                 "Paged because nobody else felt able to decide", "Heavy eyes, aching back",
                 "Quicker if I do it.", "Fixed it himself by 2:00",
                 strategy="Took the next morning off"),
        _Episode(-13, 9, "nervous", "Before the conversation with the platform lead",
                 "Walking into the meeting room", "Dry mouth, fidgety hands",
                 "He'll be hurt and it'll be awkward.", "Opened with the facts as prepared",
                 strategy="Wrote down what he wanted to say, then said the first sentence"),
        _Episode(-13, 11, "relaxed", "After the conversation with the platform lead",
                 "The lead said 'I'd rather know' and asked for two weeks to make a plan",
                 "Shoulders dropped, breathing easy", "Why did I wait five months?",
                 "Told Hannah it went well", "The lead thanked him for being straight"),
        _Episode(-11, 17, "concerned", "Coaching session, hearing that outcomes have barely "
                 "moved", "The coach's observation about comfortable sessions",
                 "Stillness, then a sigh", "She's right.", "Agreed and asked for more "
                 "challenge", source=EmotionSource.OBSERVED,
                 strategy="Stayed with the discomfort instead of smoothing it over"),
        _Episode(-3, 13, "hopeful", "Platform lead presented his reliability plan",
                 "A plan Daniel had not written", "Light, alert",
                 "They can do this without me.", "Only asked questions"),
    ]
    # fmt: on
    feedback = [
        FeedbackEntry(
            received_on=cal.workday(-92),
            from_role="Direct report (engineering manager)",
            from_name="",
            observed_behaviour="In the last week of a release Daniel joins our stand-ups, "
            "reassigns tasks and reviews pull requests himself.",
            perceived_impact="The team starts waiting for him instead of for me; I feel "
            "like a deputy on my own release.",
            outcome_id=1,
        ),
        FeedbackEntry(
            received_on=cal.workday(-92),
            from_role="Peer (Head of Quality)",
            from_name="Ruth Adebayo",
            observed_behaviour="Daniel is always available and answers quality questions "
            "himself, often late at night.",
            perceived_impact="Fast answers, but his managers are not in the loop and the "
            "same questions come back next release.",
            outcome_id=4,
        ),
        FeedbackEntry(
            received_on=cal.workday(-92),
            from_role="Direct report (engineering manager)",
            from_name="",
            observed_behaviour="When he is unhappy with my work he goes quiet and later "
            "the work has been changed.",
            perceived_impact="I don't know what I did wrong, so I can't fix it next time.",
            outcome_id=3,
        ),
        FeedbackEntry(
            received_on=cal.workday(-50),
            from_role="HR Business Partner",
            from_name="Hannah Morrow",
            observed_behaviour="One-to-ones were cancelled across the whole team during the "
            "submission month.",
            perceived_impact="Two managers raised it in their own one-to-ones with HR as a "
            "sign that people come second to releases.",
            outcome_id=2,
        ),
        FeedbackEntry(
            received_on=cal.workday(-10),
            from_role="Direct report (platform team lead)",
            from_name="Marek Novak",
            observed_behaviour="Daniel told me plainly that my team's reliability is not "
            "good enough, with three examples, and asked for my plan.",
            perceived_impact="Uncomfortable but clear; first time I knew where I stood. I "
            "would rather have heard it three months ago.",
            outcome_id=3,
        ),
        FeedbackEntry(
            received_on=cal.workday(-5),
            from_role="Line manager (CTO)",
            from_name="",
            observed_behaviour="Escalations from Daniel's area are still reaching me every "
            "week, often with Daniel's solution attached.",
            perceived_impact="I trust his judgement, but I need his managers to decide "
            "these without either of us.",
            outcome_id=4,
        ),
    ]
    return Engagement(
        client=client,
        contract=contract,
        sessions=sessions,
        action_items=action_items,
        emotions=_emotion_log(cal, rng, episodes),
        feedback=feedback,
    )


# --- Sofía Herrera Vidal: how the board and peers see her (people management, ended) ---


def _sofia_herrera_vidal(cal: _Calendar, rng: random.Random) -> Engagement:
    start, end = -200, -12
    client = Client(
        name="Sofía Herrera Vidal",
        organisation="Altamar Seguros",
        role="Managing Director, Iberia",
        sponsor_organisation="Altamar Group (Group Human Resources)",
        sponsor_contact="Jean-Baptiste Moreau, Group Head of Leadership Development",
        email="sofia.herrera@altamar-seguros.example.org",
        phone="+44 117 496 0519",
        status=ClientStatus.CLOSED,
        focus=Focus.PEOPLE_MANAGEMENT,
        tags=["board", "stakeholders", "perception", "insurance"],
        intake_notes=_p("""
            Runs the Iberian business of a pan-European insurer (1,900 people, Madrid and
            Lisbon). Strong results three years running. Her board evaluation described her
            as "defensive when challenged" and her peers in the other regions see her as
            running "her own company inside the group".

            Sofía was surprised and hurt by the evaluation; she thinks the board confuses
            directness with defensiveness. She wants to understand how she comes across and
            to change what is worth changing, "without becoming bland". Chose the coach
            after a chemistry call with two others. Coaching in English, sometimes with
            Spanish phrases when she is emotional.
        """),
        retention_date=cal.day(end + 730),
        created_at=cal.at(start - 14, 11, 0),
    )
    outcomes = [
        Outcome(
            id=1,
            statement="Be seen by the board as open to challenge",
            measure="Average board rating of 'open to challenge' in the annual evaluation (1–5)",
            baseline=2.4,
            target=3.8,
            current=4.0,
            history=_readings(
                cal,
                [
                    (-198, 2.4, "Last year's evaluation"),
                    (-105, 3.1, "Informal mid-year check by the chair"),
                    (-20, 4.0, "This year's evaluation"),
                ],
            ),
            deadline=cal.day(end),
            owner="Sofía",
        ),
        Outcome(
            id=2,
            statement="Work across the group instead of alongside it",
            measure="Joint initiatives running with the other regional managing directors",
            baseline=0,
            target=3,
            current=3,
            history=_readings(
                cal,
                [
                    (-190, 0, ""),
                    (-120, 1, "Shared claims-automation pilot with France"),
                    (-60, 2, "Joint broker programme with Italy"),
                    (-25, 3, "Group pricing forum co-chaired"),
                ],
            ),
            deadline=cal.day(end),
            owner="Sofía",
        ),
        Outcome(
            id=3,
            statement="A leadership team that speaks up before Sofía decides",
            measure="Share of leadership-team decisions where every member was asked for a "
            "view before Sofía gave hers (chief of staff's sample, %)",
            baseline=35,
            target=75,
            current=80,
            history=_readings(
                cal,
                [
                    (-185, 35, "Sample of 20 decisions"),
                    (-130, 50, ""),
                    (-80, 70, ""),
                    (-30, 80, ""),
                ],
            ),
            deadline=cal.day(end),
            owner="Sofía, with Álvaro Reis (chief of staff)",
        ),
        Outcome(
            id=4,
            statement="Higher engagement in her leadership team",
            measure="Leadership-team engagement index in the group survey",
            baseline=61,
            target=72,
            current=74,
            history=_readings(
                cal,
                [
                    (-195, 61, "Last year's survey"),
                    (-35, 74, "This year's survey"),
                ],
            ),
            deadline=cal.day(end),
            owner="Sofía",
        ),
    ]
    contract = Contract(
        title="Executive coaching: impact and influence with the board and the group",
        start_date=cal.day(start),
        end_date=cal.day(end),
        session_count=10,
        session_length_minutes=120,
        cadence="Every three weeks, alternating Madrid and video",
        format=SessionFormat.MIXED,
        fees=_p("""
            EUR 9,500 for ten sessions of two hours, the three-way meetings, one
            stakeholder-interview round (up to eight interviews) and written interview
            themes. Invoiced to Altamar Group in three instalments (signing, session 4,
            session 8); payment within 45 days. Travel to Madrid charged at cost.
        """),
        cancellation_terms=_cancellation(72),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=_confidentiality("Altamar Group"),
        confidentiality_limits=_CONFIDENTIALITY_LIMITS,
        sponsor_reporting=_sponsor_reporting(
            "Jean-Baptiste Moreau (Group HR)",
            "Stakeholder interviews are reported to Sofía only, as themes without names.",
        ),
        coach_responsibilities=_COACH_RESPONSIBILITIES,
        client_responsibilities=_CLIENT_RESPONSIBILITIES,
        status=ContractStatus.ENDED,
        signed_date=cal.workday(start - 6),
        outcomes=outcomes,
        milestones=[
            Milestone(
                outcome_id=1,
                title="Stakeholder interviews held and themes debriefed",
                due=cal.workday(-160),
                done_on=cal.workday(-162),
                evidence="Eight interviews (three board members, three peers, two direct "
                "reports); themes debriefed in session 3.",
            ),
            Milestone(
                outcome_id=3,
                title="'Ask first, decide second' rule introduced in the leadership team",
                due=cal.workday(-145),
                done_on=cal.workday(-157),
                evidence="Announced at the leadership offsite; chief of staff samples "
                "decisions monthly.",
            ),
            Milestone(
                outcome_id=2,
                title="First joint initiative with another region launched",
                due=cal.workday(-110),
                done_on=cal.workday(-120),
                evidence="Claims-automation pilot with France, co-sponsored.",
            ),
            Milestone(
                outcome_id=1,
                title="Mid-year conversation with the chair about the evaluation",
                due=cal.workday(-95),
                done_on=cal.workday(-105),
                evidence="Chair: 'I see you listening before you answer now.'",
            ),
            Milestone(
                outcome_id=4,
                title="Final three-way review with Group HR",
                due=cal.workday(-14),
                done_on=cal.workday(-13),
                evidence="All four outcomes reached; Group HR asked Sofía to speak at the "
                "leadership programme.",
            ),
        ],
        risks=[
            Risk(
                description="Group restructuring announced mid-contract may reopen "
                "territorial conflicts with the other regions",
                likelihood=RiskLevel.MEDIUM,
                impact=RiskLevel.HIGH,
                mitigation="Used the restructuring as a live case in sessions 6 and 7.",
                status=RiskStatus.OCCURRED,
            ),
            Risk(
                description="Sofía experiences the feedback as unfair and disengages from "
                "the coaching",
                likelihood=RiskLevel.MEDIUM,
                impact=RiskLevel.HIGH,
                mitigation="Interview themes debriefed slowly, with room for her "
                "disagreement; she chooses what to work on.",
                status=RiskStatus.CLOSED,
            ),
            Risk(
                description="The board evaluation falls after the contract ends, so "
                "progress cannot be measured",
                likelihood=RiskLevel.LOW,
                impact=RiskLevel.MEDIUM,
                mitigation="Chair agreed to bring the evaluation forward by a month.",
                status=RiskStatus.MITIGATED,
            ),
        ],
    )
    sessions = [
        Session(
            id=1,
            number=1,
            started_at=cal.at(-196, 10, 0),
            duration_minutes=120,
            format=SessionFormat.IN_PERSON,
            agenda="The board evaluation; what Sofía agrees with and what she doesn't; outcomes.",
            shared_summary=_p("""
                We started with the board evaluation. You agree you are direct and
                impatient with vague challenges; you do not agree that you are defensive. We
                agreed to find out how different people experience you before deciding what
                to change, through eight stakeholder interviews.

                We set four outcomes, covering the board, your peers in the group and your
                own leadership team.
            """),
            private_notes=_p("""
                Impressive and prickly; she tested me twice in the first half hour ("is this
                the part where you tell me to be nicer?"). I held my ground and she relaxed.

                Hurt under the anger about the evaluation. Hypothesis: she hears challenge
                as a question about whether she belongs at that table — first woman MD in
                the group, and she mentioned it twice. Keep it as a hypothesis.
            """),
            decisions="Stakeholder interviews: three board members, three peers, two "
            "direct reports.",
            insights="'Direct' and 'defensive' may look the same from across the table.",
            comfort_zone_steps="Inviting her fiercest critic on the board to be interviewed.",
            focus_area="Perception by others",
            process_rating=7,
            result_rating=6,
            outcome_ids=[1, 2, 3, 4],
            next_steps="Sofía emails the interviewees; coach schedules the interviews.",
        ),
        Session(
            id=2,
            number=2,
            started_at=cal.at(-178, 15, 0),
            duration_minutes=120,
            format=SessionFormat.VIDEO,
            agenda="How Sofía handles challenge: three recent examples.",
            shared_summary=_p("""
                We replayed three recent moments of challenge — a board question on reserves,
                a peer's comment on pricing and a direct report's objection in the leadership
                meeting. In each you answered within seconds and with more data. You noticed
                you never asked what was behind the question.
            """),
            private_notes=_p("""
                She enjoys the analysis and gets competitive with her own past self. The
                "never asked what was behind it" landed. A crack of curiosity.
            """),
            decisions="In the next board meeting, answer one challenge with a question first.",
            insights="She answers the question asked, never the concern behind it.",
            comfort_zone_steps="Asking 'what is behind your question?' at the board.",
            focus_area="Handling challenge",
            process_rating=8,
            result_rating=7,
            outcome_ids=[1],
            next_steps="Try the question-first response at the board.",
        ),
        Session(
            id=3,
            number=3,
            started_at=cal.at(-160, 10, 0),
            duration_minutes=120,
            format=SessionFormat.IN_PERSON,
            agenda="Debrief of the stakeholder interviews.",
            template=SessionTemplate.GROW,
            grow_goal="Understand the interview themes and choose two to work on.",
            grow_reality=_p("""
                Consistent themes: admired for results and clarity; "answers before the
                question is finished"; peers feel she competes with them rather than with the
                market; her team waits for her view before giving theirs.
            """),
            grow_options=_p("""
                Work on all themes at once; focus on the board only; start with her own team,
                where she has most control; ask peers directly what would make joint work
                worth it; share the themes openly with her team.
            """),
            grow_way_forward=_p("""
                Two themes: listening before answering (board and team) and working with
                peers. Start with her own team with an "ask first, decide second" rule;
                share the themes with her leadership team at the offsite.
            """),
            shared_summary=_p("""
                We went through the interview themes. People admire your results and
                clarity; many say you answer before they have finished, your peers feel you
                compete with them, and your team waits for your view before giving theirs.

                You chose two themes: listening before answering, and working with your
                peers. You will start with your own team and share the themes with them at
                the offsite.
            """),
            private_notes=_p("""
                Hard for her. She read the board comments twice and said "así que soy yo"
                quietly. Then went straight into action planning — I slowed her down and she
                let me.

                Her decision to share the themes with her team is brave. I am a little
                worried about how the team will use it; her call.
            """),
            decisions="'Ask first, decide second' in leadership meetings; share the "
            "themes at the offsite.",
            insights="Her team's silence is a response to her speed, not a lack of ideas.",
            comfort_zone_steps="Telling her leadership team what the interviews said about her.",
            focus_area="Stakeholder feedback",
            process_rating=8,
            result_rating=8,
            outcome_ids=[1, 2, 3],
            next_steps="Prepare the offsite; brief Álvaro on sampling decisions.",
        ),
        Session(
            id=4,
            number=4,
            started_at=cal.at(-142, 15, 0),
            duration_minutes=120,
            format=SessionFormat.VIDEO,
            agenda="After the offsite; the first two weeks of 'ask first'.",
            shared_summary=_p("""
                The offsite went well: your team was surprised and grateful that you shared
                the themes, and two people spoke more in the following weeks than in the
                whole previous quarter. Keeping quiet until everyone has spoken is harder
                than you expected — you count to ten under the table.
            """),
            private_notes=_p("""
                Genuinely delighted and a bit embarrassed to be. The "counting to ten" is
                very her: disciplined. I wonder when it will feel less like effort.
            """),
            decisions="Keep the rule; ask Álvaro to tell her when she breaks it.",
            insights="Silence in the room fills up if she waits long enough.",
            comfort_zone_steps="Letting a decision go the team's way when she would have "
            "chosen differently.",
            focus_area="Leading her team",
            process_rating=8,
            result_rating=8,
            outcome_ids=[3, 4],
            next_steps="Monthly decision sample from Álvaro.",
        ),
        Session(
            id=5,
            number=5,
            started_at=cal.at(-124, 10, 0),
            duration_minutes=120,
            format=SessionFormat.IN_PERSON,
            agenda="Peers: from competition to collaboration.",
            shared_summary=_p("""
                We looked at your relationships with the other regional MDs. You described
                the group meetings as a "beauty contest" where each region defends its
                numbers. You decided to propose one joint initiative where Iberia is not the
                lead — the claims-automation pilot France has started.
            """),
            private_notes=_p("""
                The competitiveness is partly the group's culture, not only hers — worth
                saying so she doesn't carry it all. She liked hearing that. Joining France's
                pilot as a follower is a real stretch for her.
            """),
            decisions="Offer Iberia's claims data and team to France's pilot.",
            insights="Being second in a joint project can raise her standing, not lower it.",
            comfort_zone_steps="Asking a peer for help on his project rather than leading.",
            focus_area="Peer relationships",
            process_rating=7,
            result_rating=7,
            outcome_ids=[2],
            next_steps="Call the MD of France this week.",
        ),
        Session(
            id=6,
            number=6,
            started_at=cal.at(-104, 15, 0),
            duration_minutes=120,
            format=SessionFormat.VIDEO,
            agenda="The group restructuring announcement.",
            shared_summary=_p("""
                The group has announced that pricing and claims will be run centrally from
                next year. Your first reaction was anger; by the end of the session you had
                separated what you can influence (how Iberia's experience shapes the new
                central teams) from what you cannot (the decision itself).

                The chair's mid-year comment — "I see you listening before you answer now" —
                came only days after the announcement, and you let yourself enjoy it.
            """),
            private_notes=_p("""
                Furious at the start, swearing in Spanish, then laughing at herself. The
                restructuring is a real test of the peer work: easy to retreat into
                defending Iberia. We named that risk together.
            """),
            decisions="Propose to co-design the central pricing model with the group.",
            insights="Influence is available even where control is not.",
            comfort_zone_steps="Going into the group meeting to offer help, not to defend "
            "Iberia's position.",
            focus_area="Change and influence",
            process_rating=8,
            result_rating=7,
            outcome_ids=[1, 2],
            next_steps="Draft the proposal with her head of pricing.",
        ),
        Session(
            id=7,
            number=7,
            started_at=cal.at(-84, 10, 0),
            duration_minutes=120,
            format=SessionFormat.IN_PERSON,
            agenda="Board meeting on the restructuring; how she was heard.",
            shared_summary=_p("""
                At the board you disagreed with the timetable for the restructuring and, for
                the first time, asked two board members what they saw as the biggest risk
                before giving your view. They changed the timetable. You noticed the
                difference between being right and being heard.
            """),
            private_notes=_p("""
                She told the story with enormous pleasure. Notice: she now tells me what
                others said, which she never did in the first sessions. The shift is not a
                technique any more, it is attention.
            """),
            decisions="Use the same approach with the group CEO next month.",
            insights="Being right is not the same as being heard.",
            comfort_zone_steps="Disagreeing with the board while asking them first.",
            focus_area="Influence with the board",
            process_rating=9,
            result_rating=9,
            outcome_ids=[1],
            next_steps="Prepare the conversation with the group CEO.",
        ),
        Session(
            id=8,
            number=8,
            started_at=cal.at(-62, 15, 0),
            duration_minutes=120,
            format=SessionFormat.VIDEO,
            agenda="Broker programme with Italy; the team's engagement.",
            template=SessionTemplate.GROW,
            grow_goal="Launch a joint broker programme with Italy in which both regions "
            "get visible credit.",
            grow_reality="Italy's MD is keen but wary; last year Iberia took the lead on a "
            "similar idea and Italy dropped out.",
            grow_options="Co-lead; let Italy lead; a joint steering group of both teams; "
            "presenting it together at the group meeting.",
            grow_way_forward="Co-lead with a joint steering group; present it together at "
            "the next group meeting, Italy first.",
            shared_summary=_p("""
                You planned the broker programme with Italy so that both regions get
                visible credit: a joint steering group, and a joint presentation at the
                group meeting with Italy's MD speaking first. You noticed that after last
                year's false start, Italy needs to see you share the lead, not just say so.
            """),
            private_notes=_p("""
                Easy session; she did most of the work. I'm mostly witnessing now. Time to
                start talking about the ending.
            """),
            decisions="Joint steering group; Italy presents first.",
            insights="Giving credit away costs her less than she feared.",
            comfort_zone_steps="Letting Italy's MD present the joint programme.",
            focus_area="Peer relationships",
            process_rating=8,
            result_rating=8,
            outcome_ids=[2],
            next_steps="Steering group kick-off.",
        ),
        Session(
            id=9,
            number=9,
            started_at=cal.at(-33, 10, 0),
            duration_minutes=120,
            format=SessionFormat.IN_PERSON,
            agenda="Survey results; preparing for the end of the coaching.",
            shared_summary=_p("""
                The group survey shows your leadership team's engagement up from 61 to 74,
                with the biggest rise in "my views are asked for". We started planning the
                end of our work: what you want to keep doing, and who will give you honest
                feedback once the coaching ends.
            """),
            private_notes=_p("""
                Some sadness about ending, on both sides. She asked whether she could call
                me "if she slips"; we agreed a single follow-up call in three months rather
                than an open door.
            """),
            decisions="Ask Álvaro and one peer to be her 'honest mirrors' after the coaching.",
            insights="She needs people who will tell her when she slips back.",
            comfort_zone_steps="Asking a peer for regular, honest feedback.",
            focus_area="Sustaining change",
            process_rating=8,
            result_rating=8,
            outcome_ids=[3, 4],
            next_steps="Talk to Álvaro and the MD of France.",
        ),
        Session(
            id=10,
            number=10,
            started_at=cal.at(-16, 15, 0),
            duration_minutes=120,
            format=SessionFormat.VIDEO,
            agenda="Closing session: looking back, looking forward.",
            shared_summary=_p("""
                We looked back over the engagement. All four outcomes have been reached: the
                board now rates you 4.0 for openness to challenge, three joint initiatives
                are running, your team speaks first in most decisions and their engagement
                is up 13 points.

                You named what made the difference: hearing how others experience you,
                asking before answering, and giving credit away. You will keep the monthly
                decision sample and your two "honest mirrors".

                We agreed one follow-up call in three months.
            """),
            private_notes=_p("""
                A good ending. She thanked me in Spanish and then in English "so it counts
                twice". I'm proud of this one, and aware that the group's change created
                many of the chances she used.

                Follow-up call in three months. Close the file after that, retention two
                years as agreed.
            """),
            decisions="Keep the decision sample and the two honest mirrors.",
            insights="Curiosity about others changed how she is seen more than any technique.",
            comfort_zone_steps="Speaking about her coaching at the group leadership programme.",
            focus_area="Closing and review",
            process_rating=9,
            result_rating=9,
            outcome_ids=[1, 2, 3, 4],
            next_steps="Follow-up call in three months.",
        ),
    ]
    action_items = [
        ActionItem(
            session_id=1,
            owner=ActionOwner.COACH,
            text="Schedule and hold the eight stakeholder interviews",
            due=cal.workday(-165),
            status=ActionStatus.DONE,
            reviewed_session_id=3,
        ),
        ActionItem(
            session_id=2,
            owner=ActionOwner.CLIENT,
            text="Answer one board challenge with a question first",
            due=cal.workday(-165),
            status=ActionStatus.DONE,
            reviewed_session_id=3,
        ),
        ActionItem(
            session_id=3,
            owner=ActionOwner.CLIENT,
            text="Share the interview themes with the leadership team at the offsite",
            due=cal.workday(-157),
            status=ActionStatus.DONE,
            reviewed_session_id=4,
        ),
        ActionItem(
            session_id=5,
            owner=ActionOwner.CLIENT,
            text="Call the MD of France about joining the claims-automation pilot",
            due=cal.workday(-120),
            status=ActionStatus.DONE,
            reviewed_session_id=6,
        ),
        ActionItem(
            session_id=6,
            owner=ActionOwner.CLIENT,
            text="Draft a proposal to co-design the central pricing model",
            due=cal.workday(-90),
            status=ActionStatus.DROPPED,
            reviewed_session_id=7,
        ),
        ActionItem(
            session_id=9,
            owner=ActionOwner.CLIENT,
            text="Ask Álvaro and the MD of France to be her honest mirrors",
            due=cal.workday(-20),
            status=ActionStatus.DONE,
            reviewed_session_id=10,
        ),
        ActionItem(
            session_id=10,
            owner=ActionOwner.COACH,
            text="Follow-up call in three months",
            due=cal.workday(80),
        ),
    ]
    # fmt: off
    episodes = [
        _Episode(-197, 19, "livid", "Rereading the board evaluation the evening before "
                 "the first session",
                 "'Defensive when challenged'", "Hot face, racing heart",
                 "They wouldn't write that about a man.", "Drafted a rebuttal to the chair",
                 strategy="Slept on the rebuttal and did not send it"),
        _Episode(-189, 12, "irritated", "Board meeting, question on reserves",
                 "Board member asked the same question in a different way",
                 "Tight jaw", "He didn't listen to my first answer.",
                 "Answered with more data, faster", "Chair moved on quickly",
                 strategy="Wrote her first reaction on the notepad instead of saying it"),
        _Episode(-160, 11, "disheartened", "Coaching session, reading interview themes",
                 "Board comment: 'answers before the question is finished'",
                 "Sinking feeling, slumped", "So it's me.", "Read it twice in silence",
                 source=EmotionSource.OBSERVED,
                 strategy="Coach slowed the debrief down; she walked outside at the break"),
        _Episode(-158, 20, "nervous", "Evening before the leadership offsite",
                 "About to share the interview themes with her team", "Restless, "
                 "couldn't sit still", "They'll use it against me.",
                 "Rehearsed her opening twice",
                 strategy="Rehearsed the opening with Álvaro"),
        _Episode(-157, 16, "touched", "Leadership offsite",
                 "Her team thanked her for sharing the themes", "Warmth, eyes moist",
                 "They're on my side.", "Thanked them and asked for their help"),
        _Episode(-130, 10, "restless", "Leadership meeting, keeping quiet",
                 "Team discussing an option she thought was weak", "Fidgeting, foot tapping",
                 "Just let them finish.", "Counted to ten; asked a question instead",
                 "Álvaro noticed the foot and smiled",
                 strategy="Counted to ten under the table"),
        _Episode(-108, 9, "furious", "Group restructuring announcement",
                 "Pricing and claims to move to the centre", "Heat, clenched fists",
                 "They're taking apart what we built.", "Called her head of pricing to vent",
                 "Head of pricing said she sounded 'on fire'",
                 strategy="Vented, then wrote down what she could still influence"),
        _Episode(-105, 14, "proud", "Mid-year talk with the chair",
                 "'I see you listening before you answer now'", "Upright, warm chest",
                 "It shows.", "Told Álvaro on the way back",
                 strategy="Wrote the chair's words in her notebook to remember them"),
        _Episode(-87, 11, "focused", "Board meeting on the restructuring",
                 "Asked two board members for their biggest risk first", "Alert, calm",
                 "Listen first, then argue.", "Argued her case after them",
                 "Board changed the timetable"),
        _Episode(-70, 15, "annoyed", "Group pricing workshop",
                 "Central team presented Iberia's model as their own", "Prickly, tense",
                 "Typical head office.", "Said nothing in the meeting; raised it later, "
                 "privately",
                 strategy="Wrote her first reaction on the notepad instead of saying it"),
        _Episode(-48, 12, "content", "Joint presentation with Italy at the group meeting",
                 "Italy's MD thanked Iberia's team publicly", "Relaxed, smiling",
                 "This is better than winning alone.", "Invited Italy's team to Madrid"),
        _Episode(-35, 10, "grateful", "Group survey results",
                 "Engagement up 13 points; 'my views are asked for' up most",
                 "Warm, light", "The team did this with me.", "Sent the team a thank-you "
                 "note"),
        _Episode(-17, 16, "fulfilled", "Closing coaching session",
                 "Looking back at the first session's notes", "Calm, full",
                 "I'm not bland. I'm better.", "Laughed, then went quiet",
                 source=EmotionSource.OBSERVED),
        _Episode(-13, 19, "disappointed", "Evening after the final three-way meeting",
                 "Realising the coaching is over", "Slightly heavy",
                 "I'll miss this space.", "Booked time with Álvaro for monthly reviews",
                 strategy="Talked it through with Álvaro"),
    ]
    # fmt: on
    feedback = [
        FeedbackEntry(
            received_on=cal.workday(-165),
            from_role="Board member (non-executive director)",
            from_name="",
            observed_behaviour="When I question reserve assumptions Sofía answers before I "
            "finish, with more figures, and does not ask what prompted the question.",
            perceived_impact="I come away feeling unheard, and the board is less willing to "
            "raise concerns early.",
            outcome_id=1,
        ),
        FeedbackEntry(
            received_on=cal.workday(-165),
            from_role="Peer (Managing Director, France)",
            from_name="",
            observed_behaviour="In group meetings Sofía presents Iberia's results as a "
            "benchmark for the rest of us.",
            perceived_impact="It feels like a competition; I share less with her team than "
            "I could.",
            outcome_id=2,
        ),
        FeedbackEntry(
            received_on=cal.workday(-164),
            from_role="Direct report (Head of Claims)",
            from_name="",
            observed_behaviour="In leadership meetings Sofía gives her view first and the "
            "discussion stops there.",
            perceived_impact="We wait for her decision instead of bringing our own thinking.",
            outcome_id=3,
        ),
        FeedbackEntry(
            received_on=cal.workday(-95),
            from_role="HR Business Partner",
            from_name="Lucía Ferrer",
            observed_behaviour="Since the offsite Sofía asks each person for their view "
            "before speaking, and lets decisions go the team's way more often.",
            perceived_impact="The team speaks more openly; two people asked to stay on "
            "who were looking at other jobs.",
            outcome_id=4,
        ),
        FeedbackEntry(
            received_on=cal.workday(-82),
            from_role="Board member (Chair)",
            from_name="Henrik Aalto",
            observed_behaviour="In the restructuring debate Sofía asked two of us for our "
            "main concerns before arguing against the timetable.",
            perceived_impact="Her argument landed because we felt heard; we changed the timetable.",
            outcome_id=1,
        ),
        FeedbackEntry(
            received_on=cal.workday(-30),
            from_role="Peer (Managing Director, Italy)",
            from_name="Giulia Ferraro",
            observed_behaviour="Sofía proposed co-leading the broker programme and asked me "
            "to present it first at the group meeting.",
            perceived_impact="It felt like a real partnership; I would work with her team "
            "again on anything.",
            outcome_id=2,
        ),
    ]
    return Engagement(
        client=client,
        contract=contract,
        sessions=sessions,
        action_items=action_items,
        emotions=_emotion_log(cal, rng, episodes),
        feedback=feedback,
    )


# --- Tomasz Wierzbicki: leading former peers (people management, extension in draft) --


def _tomasz_wierzbicki(cal: _Calendar, rng: random.Random) -> Engagement:
    start, end = -112, 70
    client = Client(
        name="Tomasz Wierzbicki",
        organisation="Kestrel Packaging Sp. z o.o. (Łódź plant)",
        role="Head of Operations",
        sponsor_organisation="Kestrel Packaging Group",
        sponsor_contact="Agnieszka Mazur, Plant Director",
        email="tomasz.wierzbicki@kestrel-packaging.example.com",
        phone="+44 28 9649 6031",
        status=ClientStatus.ACTIVE,
        focus=Focus.PEOPLE_MANAGEMENT,
        tags=["new role", "former peers", "manufacturing", "difficult conversations"],
        intake_notes=_p("""
            Promoted eight months ago from second-shift manager to Head of Operations of a
            plant of 420 people; his four shift leads were his peers until then, and two of
            them applied for his job. The plant director describes him as "respected on the
            floor, not yet in the management meeting".

            Tomasz says he is "either one of the lads or suddenly the boss" and cannot find
            the middle. Performance problems in one shift have been left alone for months.
            Practical, dry humour, sceptical of "soft stuff" but came to the chemistry call
            with a written list of questions. English is his working language with the
            group; he sometimes asks for a word in Polish.
        """),
        created_at=cal.at(start - 9, 7, 45),
    )
    outcomes = [
        Outcome(
            id=1,
            statement="Give clear direction to the shift leads, including former peers",
            measure="Shift leads' average rating of 'I get clear direction from Tomasz' "
            "(monthly pulse, 1–5)",
            baseline=2.6,
            target=4.0,
            current=3.5,
            history=_readings(
                cal,
                [
                    (-100, 2.6, "First pulse"),
                    (-75, 2.9, ""),
                    (-45, 3.3, "Weekly priorities sent every Monday"),
                    (-15, 3.5, ""),
                ],
            ),
            deadline=cal.day(end),
            owner="Tomasz",
        ),
        Outcome(
            id=2,
            statement="Decisive shift-handover meetings",
            measure="Handover meetings ending on time with an owner for every action (%)",
            baseline=30,
            target=85,
            current=70,
            history=_readings(
                cal,
                [
                    (-100, 30, "Two weeks observed by the quality manager"),
                    (-70, 45, "New handover board"),
                    (-40, 60, ""),
                    (-10, 70, ""),
                ],
            ),
            deadline=cal.day(end - 20),
            owner="Tomasz",
        ),
        Outcome(
            id=3,
            statement="Address performance problems within two weeks of noticing them",
            measure="Open performance concerns older than 14 days",
            baseline=5,
            target=0,
            current=2,
            history=_readings(
                cal,
                [
                    (-104, 5, "HR case list"),
                    (-60, 4, ""),
                    (-30, 3, ""),
                    (-8, 2, "Night-shift concern closed"),
                ],
            ),
            deadline=cal.day(end),
            owner="Tomasz, with HR",
        ),
    ]
    contract = Contract(
        version=2,
        title="Leadership transition coaching — extension to twelve sessions (draft)",
        start_date=cal.day(start),
        end_date=cal.day(end),
        session_count=12,
        session_length_minutes=90,
        cadence="Every two weeks on site, before the first shift; monthly after session 10",
        format=SessionFormat.IN_PERSON,
        fees=_p("""
            Original agreement: PLN 21,600 for eight sessions of 90 minutes. This extension
            adds four sessions at PLN 2,700 each (PLN 10,800), invoiced to Kestrel Packaging
            Group on signature; payment within 30 days. On-site sessions include travel.
        """),
        cancellation_terms=_cancellation(48),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=_confidentiality("Kestrel Packaging"),
        confidentiality_limits=_CONFIDENTIALITY_LIMITS,
        sponsor_reporting=_sponsor_reporting(
            "Agnieszka Mazur (Plant Director)",
            "The extension adds a short written summary of outcome progress, drafted by "
            "Tomasz, before the final three-way meeting.",
        ),
        coach_responsibilities=_COACH_RESPONSIBILITIES,
        client_responsibilities=_CLIENT_RESPONSIBILITIES,
        status=ContractStatus.DRAFT,
        outcomes=outcomes,
        milestones=[
            Milestone(
                outcome_id=1,
                title="Expectations conversation held with each shift lead",
                due=cal.workday(-85),
                done_on=cal.workday(-80),
                evidence="Four one-to-one conversations; written expectations signed off "
                "by each lead.",
            ),
            Milestone(
                outcome_id=2,
                title="New handover board and ten-minute format in use on all shifts",
                due=cal.workday(-60),
                done_on=cal.workday(-66),
                evidence="Board photographed on all three shifts; quality manager's check.",
            ),
            Milestone(
                outcome_id=3,
                title="Performance plan agreed for the night-shift lead",
                due=cal.workday(-20),
                done_on=cal.workday(-21),
                evidence="Plan signed with HR; first review booked.",
            ),
            Milestone(
                outcome_id=1,
                title="Second-shift restructuring announced and explained by Tomasz himself",
                due=cal.workday(25),
            ),
            Milestone(
                outcome_id=2,
                title="Handover audit by the quality manager",
                due=cal.workday(45),
            ),
        ],
        risks=[
            Risk(
                description="The planned second-shift restructuring reopens loyalty "
                "conflicts with former peers",
                likelihood=RiskLevel.HIGH,
                impact=RiskLevel.HIGH,
                mitigation="Prepare the announcement in coaching; Tomasz tells each "
                "shift lead personally before the all-hands.",
                status=RiskStatus.OPEN,
            ),
            Risk(
                description="Shift patterns make regular sessions hard to keep",
                likelihood=RiskLevel.MEDIUM,
                impact=RiskLevel.LOW,
                mitigation="Sessions at 6:00 before the first shift, on site.",
                status=RiskStatus.MITIGATED,
            ),
            Risk(
                description="The unsuccessful internal candidate leaves and takes "
                "know-how with him",
                likelihood=RiskLevel.LOW,
                impact=RiskLevel.MEDIUM,
                mitigation="Tomasz gave him the lead on the new line; he has stayed.",
                status=RiskStatus.CLOSED,
            ),
        ],
    )
    sessions = [
        Session(
            id=1,
            number=1,
            started_at=cal.at(-103, 6, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="What changed with the promotion; what he wants from the coaching.",
            shared_summary=_p("""
                You described the last eight months as swinging between "one of the lads"
                and "suddenly the boss". The shift leads still come to you as a friend for
                some things and avoid you for others. You want to be clear and fair without
                losing the trust you built on the floor.

                We agreed three outcomes: clear direction for the shift leads, decisive
                handovers and dealing with performance problems within two weeks.
            """),
            private_notes=_p("""
                Arrived with a printed list of questions. Sceptical, then engaged once we
                talked about the shop floor. Loyalty is a big value — "you don't drop your
                mates". Hypothesis: he avoids performance conversations because they feel
                like betrayal. Two of the leads applied for his job; he hasn't said how that
                feels.
            """),
            decisions="Monthly one-question pulse to the shift leads.",
            insights="He avoids the hard conversations with the people he is closest to.",
            comfort_zone_steps="Asking his shift leads how they see his first months.",
            focus_area="Role transition",
            process_rating=6,
            result_rating=6,
            outcome_ids=[1, 2, 3],
            next_steps="Send the first pulse; list the open performance concerns.",
        ),
        Session(
            id=2,
            number=2,
            started_at=cal.at(-89, 6, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="Setting expectations with the shift leads.",
            template=SessionTemplate.GROW,
            grow_goal="Each shift lead knows what Tomasz expects of them, in writing, by "
            "the end of the month.",
            grow_reality="Expectations have never been stated; each lead works as they did "
            "under the previous head. Pulse for 'clear direction' is 2.6.",
            grow_options="A group meeting; one-to-one conversations; a written document "
            "only; asking each lead to propose their own expectations first.",
            grow_way_forward="One-to-one with each lead: they propose, Tomasz adds, both "
            "sign a one-page summary.",
            shared_summary=_p("""
                You chose to set expectations one to one: each shift lead proposes their own
                first, you add what is missing, and both of you sign a one-page summary.
                You want to start with the lead you find easiest and finish with Paweł.
            """),
            private_notes=_p("""
                Starting with the easiest is sensible, but he also wants to postpone Paweł
                (the other internal candidate). I said so; he laughed and said "you noticed".
            """),
            decisions="Expectation conversations with all four leads this month.",
            insights="Asking leads to propose first makes it a conversation, not an order.",
            comfort_zone_steps="Writing down expectations for someone who was his peer.",
            focus_area="Setting expectations",
            process_rating=7,
            result_rating=7,
            outcome_ids=[1],
            next_steps="Four conversations; bring the summaries.",
        ),
        Session(
            id=3,
            number=3,
            started_at=cal.at(-75, 6, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="Handover meetings: why they overrun.",
            shared_summary=_p("""
                Handover meetings overrun because every problem is discussed in full and
                nobody owns the actions. You designed a ten-minute format on a board: three
                columns (safety, quality, output), one owner per action, detail taken
                offline.
            """),
            private_notes=_p("""
                Good practical session — his comfort zone, and it shows. The expectation
                conversations went well with three leads; Paweł's was "fine", said too
                quickly.
            """),
            decisions="New handover board on all shifts from Monday.",
            insights="Handover is for decisions and owners, not for solving problems.",
            comfort_zone_steps="Stopping a long discussion in the handover and taking it offline.",
            focus_area="Meetings",
            process_rating=7,
            result_rating=8,
            outcome_ids=[2],
            next_steps="Ask the quality manager to observe two handovers.",
        ),
        Session(
            id=4,
            number=4,
            started_at=cal.at(-61, 6, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="Paweł.",
            shared_summary=_p("""
                We talked about your relationship with Paweł, who applied for your job. You
                said you feel guilty for getting the role and that this makes you soft with
                him, which the other leads notice. You decided to talk to him openly about
                how the selection felt for both of you.
            """),
            private_notes=_p("""
                Real emotion for the first time — guilt, and some anger that Paweł "makes
                me pay for it". He said "this is soft stuff" and then kept talking for
                forty minutes. A turning point, I think.
            """),
            decisions="Open conversation with Paweł about the selection.",
            insights="Guilt about the promotion makes him inconsistent, which the others "
            "see as unfair.",
            comfort_zone_steps="Naming the elephant in the room with Paweł.",
            focus_area="Former peers",
            process_rating=8,
            result_rating=7,
            outcome_ids=[1, 3],
            next_steps="Talk to Paweł before the next session.",
        ),
        Session(
            id=5,
            number=5,
            started_at=cal.at(-47, 6, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="After the talk with Paweł; the management meeting.",
            shared_summary=_p("""
                The conversation with Paweł was awkward at first and then honest: he said
                he had felt passed over and that he would rather be told straight than be
                handled carefully. You agreed to give him the lead on the new line.

                In the plant management meeting you still find it hard to speak up; you
                want to bring one proposal of your own next month.
            """),
            private_notes=_p("""
                Relief all over his face. Second theme opening: he is confident on the floor
                and small in the management meeting. Classic transition. Keep it in view but
                don't dilute the original outcomes.
            """),
            decisions="Paweł leads the new line. Bring one proposal to the management meeting.",
            insights="Being straight with Paweł was the respectful thing, not the hard one.",
            comfort_zone_steps="Presenting his own proposal to the plant management team.",
            focus_area="Former peers; visibility",
            process_rating=8,
            result_rating=8,
            outcome_ids=[1],
            next_steps="Prepare the proposal on overtime planning.",
        ),
        Session(
            id=6,
            number=6,
            started_at=cal.at(-33, 6, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="The night-shift lead's performance.",
            template=SessionTemplate.GROW,
            grow_goal="Agree a performance plan with the night-shift lead within two weeks.",
            grow_reality=_p("""
                Scrap rate on nights is twice the other shifts; two safety near-misses not
                reported on time. Tomasz has hinted but never said it plainly. The lead was
                his trainer when he started at the plant.
            """),
            grow_options=_p("""
                A formal meeting with HR; an informal talk first; a written warning; moving
                him to days; asking the plant director to handle it.
            """),
            grow_way_forward=_p("""
                Informal, plain conversation this week with the facts; then a written plan
                with HR. Tomasz does it himself.
            """),
            shared_summary=_p("""
                You prepared the conversation with the night-shift lead: the scrap rate and
                the late near-miss reports as facts, what you need to change, and the offer
                of support. You will speak to him this week and then agree a written plan
                with HR.
            """),
            private_notes=_p("""
                The lead trained him; that is the whole difficulty. He practised the first
                two sentences with me. I believe he'll do it this time — different energy
                from the Paweł postponing.
            """),
            decisions="Conversation this week; written plan with HR after.",
            insights="Staying silent is what would be disloyal — to the other shifts.",
            comfort_zone_steps="Telling his old trainer that his work is not good enough.",
            focus_area="Performance conversations",
            process_rating=7,
            result_rating=7,
            outcome_ids=[3],
            next_steps="Hold the conversation; book HR.",
        ),
        Session(
            id=7,
            number=7,
            started_at=cal.at(-19, 6, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="Review of the first seven sessions; is an extension useful?",
            shared_summary=_p("""
                Looking back, you see clear progress on handovers and on direction to the
                leads, and a first real step on performance. The group has now announced a
                restructuring of the second shift, which you will have to lead.

                You asked whether four more sessions could cover the restructuring; we
                agreed you would discuss it with Agnieszka and that I would draft an
                extension for all three of us to review.
            """),
            private_notes=_p("""
                He asked for the extension himself, which matters. The restructuring is the
                real test: it touches his old shift and his loyalty to people. Risk is high
                and I want it in the contract explicitly.
            """),
            decisions="Ask Agnieszka about extending to twelve sessions.",
            insights="He now uses the coaching to prepare, not only to reflect.",
            comfort_zone_steps="Asking his director for more support for himself.",
            focus_area="Review",
            process_rating=8,
            result_rating=7,
            outcome_ids=[1, 2, 3],
            next_steps="Coach drafts the extension; Tomasz talks to Agnieszka.",
        ),
        Session(
            id=8,
            number=8,
            started_at=cal.at(-12, 6, 0),
            duration_minutes=90,
            format=SessionFormat.IN_PERSON,
            agenda="Restructuring of the second shift: first thoughts.",
            shared_summary=_p("""
                The restructuring will move twelve people from the second shift to other
                shifts and change two team-lead roles. You are worried that people on your
                old shift will see it as you turning against them. You began mapping who
                needs to hear what from you, in which order.

                The performance plan for the night-shift lead is signed.
            """),
            private_notes=_p("""
                Tense today, slept badly. The old-shift loyalty is pulling hard. He asked me
                what I would do — I gave back the question; he found his own order for the
                conversations. Note: extension still unsigned; Agnieszka is travelling.
            """),
            decisions="Tell each shift lead personally before the all-hands.",
            insights="The order in which people hear news matters as much as the news.",
            comfort_zone_steps="Facing his old shift with a decision they won't like.",
            focus_area="Leading change",
            process_rating=7,
            result_rating=6,
            outcome_ids=[1],
            next_steps="Draft the communication plan; ask HR for the final list.",
        ),
        Session(
            id=9,
            number=9,
            started_at=cal.at(-3, 6, 0),
            duration_minutes=60,
            format=SessionFormat.PHONE,
            agenda="Short call: rehearsing the announcement to the shift leads.",
            shared_summary=_p("""
                We rehearsed how you will tell the shift leads about the restructuring:
                what is decided, what is still open, and what you will do to support people
                who move. You want to be honest that you argued for a different version and
                lost, without blaming the group.
            """),
            private_notes=_p("""
                Much steadier than last time. He found a sentence he likes: "I argued for
                something else and I'm going to make this one work." Good. The extension
                contract is still a draft — follow up with Agnieszka's assistant.
            """),
            decisions="Announcement to the shift leads on Tuesday week, one by one.",
            insights="He can disagree with a decision and still own it.",
            comfort_zone_steps="Telling the leads he lost the argument with the group.",
            focus_area="Leading change",
            process_rating=8,
            result_rating=7,
            outcome_ids=[1, 2],
            next_steps="Announcement; log reactions for session 10.",
        ),
    ]
    action_items = [
        ActionItem(
            session_id=1,
            owner=ActionOwner.CLIENT,
            text="Send the first one-question pulse to the shift leads",
            due=cal.workday(-101),
            status=ActionStatus.DONE,
            reviewed_session_id=2,
        ),
        ActionItem(
            session_id=2,
            owner=ActionOwner.CLIENT,
            text="Expectation conversations with all four shift leads",
            due=cal.workday(-80),
            status=ActionStatus.DONE,
            reviewed_session_id=3,
        ),
        ActionItem(
            session_id=3,
            owner=ActionOwner.CLIENT,
            text="Ask the quality manager to observe two handovers a week",
            due=cal.workday(-72),
            status=ActionStatus.DONE,
            reviewed_session_id=4,
        ),
        ActionItem(
            session_id=5,
            owner=ActionOwner.CLIENT,
            text="Bring an overtime-planning proposal to the plant management meeting",
            due=cal.workday(-40),
            status=ActionStatus.DROPPED,
            reviewed_session_id=6,
        ),
        ActionItem(
            session_id=7,
            owner=ActionOwner.COACH,
            text="Draft the contract extension and send it to Tomasz and Agnieszka",
            due=cal.workday(-18),
            status=ActionStatus.DONE,
            reviewed_session_id=8,
        ),
        ActionItem(
            session_id=8,
            owner=ActionOwner.CLIENT,
            text="Communication plan for the second-shift restructuring",
            due=cal.workday(-4),
            status=ActionStatus.DONE,
            reviewed_session_id=9,
        ),
        ActionItem(
            session_id=9,
            owner=ActionOwner.COACH,
            text="Chase the signature of the extension with the plant director's office",
            due=cal.workday(8),
        ),
        ActionItem(
            session_id=9,
            owner=ActionOwner.CLIENT,
            text="Tell each shift lead about the restructuring before the all-hands",
            due=cal.workday(8),
        ),
    ]
    # fmt: off
    episodes = [
        _Episode(-104, 14, "uneasy", "Management meeting, first month in the new role",
                 "Plant director asked for his view on the budget", "Tight throat",
                 "I'm not one of them yet.", "Gave a short answer and went quiet",
                 strategy="Coffee outside, five slow breaths"),
        _Episode(-95, 7, "annoyed", "Handover meeting", "Meeting overran by twenty "
                 "minutes again", "Restless, clock-watching",
                 "Nobody takes this seriously.", "Ended it abruptly",
                 "Shift leads joked about it afterwards",
                 strategy="Walked the line once before the next meeting"),
        _Episode(-82, 10, "pleased", "Expectation conversation with a shift lead",
                 "The lead proposed stricter targets than Tomasz would have",
                 "Relaxed", "They want this too.", "Signed the summary together"),
        _Episode(-70, 6, "energised", "First week of the new handover board",
                 "Handover finished in nine minutes with owners for each action",
                 "Upbeat", "That's how it should be.", "Took a photo of the board",
                 "Quality manager said 'finally'"),
        _Episode(-61, 7, "sad", "Coaching session, talking about Paweł",
                 "Remembering how close they were on the old shift", "Heavy, quiet",
                 "I lost a mate when I got this job.", "Talked for a long time",
                 source=EmotionSource.OBSERVED,
                 strategy="Coach gave him time; he stepped outside for a minute at the end"),
        _Episode(-56, 13, "apprehensive", "Before the conversation with Paweł",
                 "Walking to the new line", "Stomach tight", "This could go badly.",
                 "Bought two coffees on the way",
                 strategy="Coffee outside, five slow breaths"),
        _Episode(-56, 15, "grateful", "After the conversation with Paweł",
                 "Paweł said he'd rather be told straight", "Light, loose shoulders",
                 "We're all right.", "Offered him the new line",
                 strategy="Told his wife about it that evening"),
        _Episode(-32, 22, "worried", "Evening before the night-shift conversation",
                 "Thinking of his old trainer", "Restless, could not sleep",
                 "He taught me everything and now I'm telling him off.",
                 "Wrote the facts on a card",
                 strategy="Wrote the three facts on a card and put it in his jacket"),
        _Episode(-31, 23, "calm", "Night-shift conversation", "Stuck to the facts; lead "
                 "admitted the near-misses", "Steady breathing", "This is fair.",
                 "Agreed next steps", "The lead shook his hand at the end"),
        _Episode(-20, 9, "stunned", "Group announces the second-shift restructuring",
                 "Email from the group with no warning", "Frozen, then hot",
                 "They didn't even ask the plant.", "Read it three times",
                 "Agnieszka said he looked pale",
                 strategy="Walked the line before replying to anyone"),
        _Episode(-14, 16, "disheartened", "Walking the second shift", "Old colleagues asking "
                 "'is it true?'", "Heavy chest", "They'll think I sold them out.",
                 "Said he couldn't comment yet",
                 strategy="Called his wife on the drive home"),
        _Episode(-12, 6, "tense", "Coaching session on the restructuring",
                 "Mapping who hears what and when", "Shoulders up, tired eyes",
                 "I can't get this wrong.", "Asked the coach what she would do",
                 source=EmotionSource.OBSERVED,
                 strategy="Mapped it on paper with the coach; slowed down"),
        _Episode(-5, 11, "worried", "Plant management meeting on the restructuring "
                 "timetable", "Question about when the final list of moves will be ready",
                 "", "", "Answered curtly and left before the end",
                 "Agnieszka told him afterwards that he looked worried and closed off",
                 source=EmotionSource.STAKEHOLDER),
        _Episode(-3, 7, "hopeful", "After rehearsing the announcement",
                 "Found the sentence he wants to say", "Steadier, upright",
                 "I can make this one work.", "Booked the one-to-ones with the leads"),
    ]
    # fmt: on
    feedback = [
        FeedbackEntry(
            received_on=cal.workday(-90),
            from_role="Direct report (shift lead)",
            from_name="",
            observed_behaviour="Tomasz still joins our smoke breaks and jokes like before, "
            "then in the meeting he suddenly gives orders.",
            perceived_impact="I don't know which Tomasz I'm getting; I'd rather have one.",
            outcome_id=1,
        ),
        FeedbackEntry(
            received_on=cal.workday(-68),
            from_role="Peer (Quality Manager)",
            from_name="Beata Kowalczyk",
            observed_behaviour="Since the new board, Tomasz stops long discussions in the "
            "handover and names an owner for each action.",
            perceived_impact="Handovers finish on time and quality issues get picked up by "
            "the next shift.",
            outcome_id=2,
        ),
        FeedbackEntry(
            received_on=cal.workday(-48),
            from_role="Direct report (new-line lead)",
            from_name="Paweł Zieliński",
            observed_behaviour="Tomasz talked to me openly about the selection and asked "
            "what I needed.",
            perceived_impact="I feel respected again and I'm staying; the new line is mine "
            "to make work.",
            outcome_id=1,
        ),
        FeedbackEntry(
            received_on=cal.workday(-28),
            from_role="Line manager (Plant Director)",
            from_name="Agnieszka Mazur",
            observed_behaviour="In the management meeting Tomasz reports well but rarely "
            "brings his own proposals.",
            perceived_impact="The plant needs his floor knowledge in decisions, not only "
            "in reports.",
            outcome_id=1,
        ),
        FeedbackEntry(
            received_on=cal.workday(-8),
            from_role="HR Business Partner",
            from_name="Ewa Dąbrowska",
            observed_behaviour="Tomasz raised the night-shift concern with facts and "
            "agreed a written plan within ten days.",
            perceived_impact="Fast and fair; the lead accepted the plan without a grievance.",
            outcome_id=3,
        ),
    ]
    return Engagement(
        client=client,
        contract=contract,
        sessions=sessions,
        action_items=action_items,
        emotions=_emotion_log(cal, rng, episodes),
        feedback=feedback,
    )
