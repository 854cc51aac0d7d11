"""Demo engagement: Marta Lindqvist: composure under pressure (self-management, on track)."""

from __future__ import annotations

import random

from coachdesk.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Client,
    ClientStatus,
    Contract,
    ContractStatus,
    EmotionSource,
    Engagement,
    Focus,
    Milestone,
    Outcome,
    Risk,
    RiskLevel,
    RiskStatus,
    Session,
    SessionFormat,
    SessionState,
    SessionTemplate,
)
from coachdesk.demo.common import (
    CLIENT_RESPONSIBILITIES,
    COACH_RESPONSIBILITIES,
    CONFIDENTIALITY_LIMITS,
    Calendar,
    Episode,
    cancellation,
    confidentiality,
    emotion_log,
    p,
    readings,
    sponsor_reporting,
)

SPONSOR_SEES: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]] = (
    (1, 2),
    (2, 3, 4, 6),
    (1,),
)
"""The outcomes, milestones and risks (1-based positions) the sponsor sees."""
COACH_ONLY_RISKS: tuple[int, ...] = (2,)  # "turns relapses into self-criticism": an observation
"""Risks that are the coach's own observations."""


def build(cal: Calendar, rng: random.Random) -> Engagement:
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
        intake_notes=p("""
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
            history=readings(
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
            history=readings(
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
            history=readings(
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
        fees=p("""
            EUR 6,200 for the programme: ten sessions of 90 minutes plus the three three-way
            meetings with the sponsor. Invoiced to Nordhavn Freight AB in two instalments,
            50% on signing and 50% after session 5, payable within 30 days. Travel within
            Gothenburg included; other travel at cost, agreed in advance.
        """),
        cancellation_terms=cancellation(48),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=confidentiality("Nordhavn Freight AB"),
        confidentiality_limits=CONFIDENTIALITY_LIMITS,
        sponsor_reporting=sponsor_reporting(
            "Karin Sjöberg (HR Director)",
            "The CEO joins the final three-way meeting at Marta's invitation.",
        ),
        coach_responsibilities=COACH_RESPONSIBILITIES,
        client_responsibilities=CLIENT_RESPONSIBILITIES,
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
            shared_summary=p("""
                We looked at the board meeting that led to the coaching and at three other
                moments when you felt yourself go "from zero to a hundred". You noticed that
                all four involved someone questioning figures you had already checked.

                We agreed the three outcomes and how to measure them, and that Elin will keep
                a simple weekly tally of sharp moments alongside your own.
            """),
            private_notes=p("""
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
            grow_reality=p("""
                Five logged episodes in two weeks, all in meetings of six people or more.
                Today she notices only after she has spoken. Signals she can name: tight jaw,
                heat in the neck, speaking faster.
            """),
            grow_options=p("""
                A physical anchor (pen down, feet on the floor); a stock question that buys
                time ("Which figure are you looking at?"); a discreet signal from Elin;
                agreeing norms for questions in ExCo; doing nothing and reviewing afterwards.
            """),
            grow_way_forward="Pen down and one question before any answer, in the next three "
            "ExCo meetings; review the tally in two weeks.",
            shared_summary=p("""
                We mapped your early-warning signals from the log: tight jaw, heat in the
                neck, speaking faster and reaching for your pen. You chose a simple routine —
                pen down, feet on the floor, one question before answering — and will try it
                in the next three ExCo meetings.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                The pen-down routine worked in two of the three ExCo meetings; the first time
                the question came from the CEO and you answered before you noticed. You finished
                your one-page map of signals and we used it to prepare for the CFO forum,
                where you expect pointed questions about the fuel hedging.

                You noticed that "being questioned" and "being doubted" feel the same in the
                body but are not the same thing.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                A hard fortnight: the budget round, little sleep and a sharp exchange with
                the head of sales that you regretted for days. We looked at it as data rather
                than as failure: you were tired, it was late, and the routine needs energy you
                did not have.

                You decided to repair the relationship directly and to protect sleep during
                close weeks.
            """),
            private_notes=p("""
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
            grow_reality=p("""
                Margin is 1.4 points below plan; two board members are new and known for
                detailed questions. Last time she felt ambushed. The routine is now working in
                ExCo about two times in three.
            """),
            grow_options=p("""
                A pre-meeting with the chair; sending a one-page "what we know and what we
                don't" with the papers; rehearsing the three hardest questions; agreeing with
                the CEO who answers what; a planned pause after each question.
            """),
            grow_way_forward="Pre-meeting with the chair next week; rehearse the three "
            "hardest questions with Elin; pause and ask one question before each answer.",
            shared_summary=p("""
                We prepared the results board meeting. You will meet the chair beforehand,
                send a one-page summary of what is known and not yet known about the margin
                miss, and rehearse the three hardest questions with Elin.

                You want the new board members to leave thinking "she knows her numbers and
                she listens", and chose the pause routine as the way to show the second part.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                We looked at how you recover. Your sleep tracker shows good nights cluster
                after days that end before 19:00 and without email after dinner. You decided
                to try two screen-free evenings a week and to swap one early run for a later
                walk.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                The results board meeting went well: you paused before every answer, asked
                the new board member which assumption worried her, and said "I don't know
                yet" once without apologising. The chair sent a note afterwards.

                We looked at what made it work — preparation, the pre-meeting, sleep the
                night before — so you can repeat it rather than hope for it.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                With the close and the audit ahead, we built a short relapse plan: the three
                situations most likely to set you off, your first signal for each and what you
                will do. You also want to use the last two sessions on how you come across to
                the ExCo as a possible future CEO.

                The tally is at four this month; both your and Elin's counts now agree.
            """),
            private_notes=p("""
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
        Episode(-117, 9, "irritated", "ExCo review of the monthly figures",
                 "Head of sales questioned the freight-cost accrual in front of everyone",
                 "Tight jaw, heat in the neck", "He hasn't even opened the appendix.",
                 "Answered before he had finished the question",
                 "Elin said the room went quiet",
                 strategy="None at the time; replayed it on the drive home", helped=False),
        Episode(-112, 22, "drained", "Late evening after the board papers went out",
                 "Forty unread emails after a ten-hour day", "Heavy eyes, headache",
                 "I can't keep doing this pace.", "Scrolled email in bed until midnight",
                 strategy="Put the phone in the kitchen and read for twenty minutes"),
        Episode(-110, 11, "furious", "Call with the bank about the covenant test",
                 "Bank's analyst used last year's numbers and would not listen",
                 "Heart racing, hot face", "They are wasting my time and making us look weak.",
                 "Raised her voice; ended the call abruptly",
                 "Her treasury manager looked embarrassed",
                 strategy="Three slow breaths at the window before calling the treasury "
                 "manager back"),
        Episode(-105, 7, "focused", "Early run before the budget workshop",
                 "Clear morning, quiet roads", "Loose shoulders, steady breath",
                 "I know exactly what I want from today.", "Drafted the workshop opening in "
                 "her head", strategy=""),
        Episode(-103, 15, "anxious", "Waiting for the chair's reaction to the forecast",
                 "No reply to her email for six hours", "Knot in the stomach",
                 "He thinks the forecast is naive.", "Checked her phone every few minutes",
                 strategy="Named the feeling in the log and went for a short walk"),
        Episode(-98, 10, "tense", "ExCo meeting, first try of the pen-down routine",
                 "CEO asked 'are we sure about this number?'", "Tight jaw, gripping the pen",
                 "Not again.", "Answered quickly before remembering the routine",
                 "CEO did not seem to notice", source=EmotionSource.SELF_REPORT,
                 strategy="Remembered the routine halfway: pen down for the next question"),
        Episode(-91, 11, "proud", "Second ExCo with the routine",
                 "She put the pen down and asked 'which line are you looking at?'",
                 "Warmth in the chest", "That was actually easy.",
                 "Smiled at Elin across the table", "Head of HR thanked her for the "
                 "explanation", strategy="Wrote down exactly what she had done, to repeat it"),
        Episode(-75, 19, "frustrated", "CFO forum with the other business-unit finance "
                 "leads", "Peer presented her hedging analysis as his own",
                 "Clenched fists under the table", "Typical. And I'm supposed to stay calm?",
                 "Corrected him publicly, with an edge", "Two peers exchanged glances",
                 strategy="Stepped out at the break and named it: 'this is anger, not a verdict'"),
        Episode(-81, 9, "thoughtful", "Session 3, talking about 'questioned' versus "
                 "'doubted'", "Coach's question about what exactly she feels doubted about",
                 "Slower breathing", "Maybe they are not doubting me at all.",
                 "Went quiet for a while", source=EmotionSource.OBSERVED),
        Episode(-74, 23, "stressed", "Budget round, third late night in a row",
                 "Business units submitted numbers two days late", "Shallow breathing, "
                 "restless legs", "If this slips, the board date slips and it's on me.",
                 "Kept working until 1:00",
                 strategy="Stopped at midnight, wrote tomorrow's first three tasks, went to bed"),
        Episode(-70, 14, "angry", "Budget meeting with the head of sales",
                 "He called the finance team 'the department of no'",
                 "Heat rising, pounding heart", "How dare he, after the month we've had.",
                 "Told him his forecast was fantasy", "He walked out; others stared at the "
                 "table",
                 strategy="Ten-minute walk round the block before going back to her desk"),
        Episode(-70, 21, "disheartened", "Evening after the clash with sales",
                 "Replaying the meeting", "Heavy chest, tired", "I've undone everything.",
                 "Skipped dinner, went to bed early but could not sleep",
                 strategy="Asked herself what she would tell Elin if it had happened to her"),
        Episode(-63, 9, "nervous", "Before the repair conversation with the head of sales",
                 "Walking to his office", "Butterflies, dry mouth",
                 "He'll use this against me.", "Nearly postponed it",
                 strategy="Three slow breaths; reminded herself what she wanted to say"),
        Episode(-63, 10, "content", "Right after the repair conversation",
                 "He apologised too and offered to share the sales pipeline earlier",
                 "Shoulders dropped", "That was worth it.", "Sent Elin a thumbs-up",
                 "He greeted her warmly at lunch"),
        Episode(-61, 17, "worried", "Margin miss confirmed for the quarter",
                 "Final numbers 1.4 points below plan", "Tight stomach",
                 "The new board members will think I've lost control.",
                 "Started drafting explanations at once",
                 strategy="Wrote two lists: what she knows and what she doesn't know yet"),
        Episode(-49, 13, "hopeful", "After the pre-meeting with the chair",
                 "Chair said he appreciated hearing about the miss early", "Lighter, warm",
                 "Maybe they want me to succeed.", "Shared the one-pager with the CEO"),
        Episode(-41, 20, "calm", "First screen-free evening", "Phone left in the hall",
                 "Relaxed jaw, slow breathing", "This is strange but nice.",
                 "Read a novel for an hour",
                 strategy="Noticed the urge to check email and let it pass"),
        Episode(-39, 6, "tired", "Early run after a short night",
                 "Woke at 4:30 thinking about the audit planning", "Heavy legs",
                 "I should push through.", "Ran anyway, slower than usual",
                 strategy="Cut the run short and had a proper breakfast"),
        Episode(-28, 8, "apprehensive", "Morning of the results board meeting",
                 "New board member's pre-read questions arrived at 8:00",
                 "Stomach tight, cold hands", "She's going to go for the margin.",
                 "Reread the one-pager twice",
                 strategy="Three slow breaths, then reread only the first page"),
        Episode(-28, 15, "proud", "Results board meeting", "Paused before every answer; "
                 "said 'I don't know yet' once", "Upright, open chest",
                 "I did it the way I wanted to.", "Thanked the new board member for her "
                 "question", "Chair: 'a calm and very clear session'",
                 strategy="Savoured it: told her partner about it over dinner"),
        Episode(-24, 16, "satisfied", "Friday afternoon, tally review with Elin",
                 "Only one sharp moment in two weeks", "Relaxed", "Something has changed.",
                 "Left the office at 17:30"),
        Episode(-18, 10, "annoyed", "Audit planning meeting",
                 "Auditor asked for the same reconciliation a third time",
                 "Tight jaw, brief", "Do they not read what we send?",
                 "Noticed the jaw, asked which version they had",
                 "Auditor apologised and found the file",
                 strategy="Pen down, feet on the floor, one question before answering"),
        Episode(-11, 21, "peaceful", "Screen-free Thursday evening",
                 "Cooked with her daughter", "Warm, loose", "I want more evenings like this.",
                 "Went to bed at 22:30"),
        Episode(-10, 12, "motivated", "Session 8, talking about how she wants to come "
                 "across to the ExCo", "The idea of being a future CEO candidate",
                 "Sitting forward, energy up", "This is worth working on.",
                 "Asked for two peers' feedback", source=EmotionSource.OBSERVED),
        Episode(-4, 9, "concerned", "Start of the year-end close",
                 "Two subsidiaries late with their ledgers", "Slight tension in the neck",
                 "This is where I usually slip.", "Opened the relapse plan on her desk",
                 strategy="Read the relapse plan and chose the first signal to watch for"),
        Episode(-1, 19, "at ease", "Sunday evening planning the week", "Calendar has "
                 "protected evenings despite the close", "Loose shoulders",
                 "I can handle this week.", "Closed the laptop at 19:30"),
    ]
    # fmt: on
    return Engagement(
        client=client,
        contract=contract,
        sessions=sessions,
        action_items=action_items,
        emotions=emotion_log(cal, rng, episodes),
    )
