"""Demo engagement: Daniel Okafor: delegating and giving feedback (people management, off track)."""

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
    FeedbackEntry,
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

SPONSOR_SEES: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]] = ((1, 2, 4), (1, 3), (1, 3))
"""The outcomes, milestones and risks (1-based positions) the sponsor sees."""
COACH_ONLY_RISKS: tuple[int, ...] = (2,)
"""Risks that are the coach's own observations."""


def build(cal: Calendar, rng: random.Random) -> Engagement:
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
        intake_notes=p("""
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
            history=readings(
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
            history=readings(
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
            history=readings(
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
            history=readings(
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
        fees=p("""
            GBP 5,760 for twelve 90-minute sessions (GBP 480 per session), including the
            three-way meetings and one 360-degree feedback debrief. Invoiced quarterly in
            advance to Brightwater Medical Devices Ltd against purchase order BMD-4471;
            payment within 30 days.
        """),
        cancellation_terms=cancellation(48),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=confidentiality("Brightwater Medical Devices"),
        confidentiality_limits=CONFIDENTIALITY_LIMITS,
        sponsor_reporting=sponsor_reporting(
            "Hannah Morrow (HR Business Partner) and the CTO",
            "Pulse-survey results are Daniel's to share; the coach does not see individual "
            "answers.",
        ),
        coach_responsibilities=COACH_RESPONSIBILITIES,
        client_responsibilities=CLIENT_RESPONSIBILITIES,
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
            "shared_summary": p("""
                You described a typical release week: managers bring you the hard calls and
                you end up in the code review at 23:00. You want your managers to own their
                releases and to spend your own time on architecture, hiring and people.

                We agreed four outcomes with measures you can take from the release log, the
                calendar and the pulse survey.
            """),
            "private_notes": p("""
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
            "shared_summary": p("""
                Six of every ten one-to-ones were cancelled or turned into status updates.
                You designed a simple template — their agenda first, then one thing about
                growth, then anything you need — and a fixed weekly slot for each manager.
            """),
            "private_notes": p("""
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
            "shared_summary": p("""
                We explored what happens when you need to tell someone their work is not good
                enough. You notice you soften the message until it disappears, and then fix
                the work yourself. You want to try the situation-behaviour-impact structure
                with a small piece of feedback first.
            """),
            "private_notes": p("""
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
            "shared_summary": p("""
                You chose an anonymous survey for eleven colleagues and three short
                interviews run by me, with the debrief in our fifth session. Your first SBI
                conversation went well, though you felt it was too small to count.
            """),
            "private_notes": p("""
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
            "shared_summary": p("""
                The 360 shows a consistent picture: people trust you, learn from you and
                enjoy working with you. They also say you take decisions back, that you are
                hard to read when you are unhappy with their work, and that releases "become
                Daniel's" in the last week.

                You were moved by the warmth and stung by "hard to read". You chose two
                themes to work on: letting managers finish their releases, and saying
                clearly when something is not good enough.
            """),
            "private_notes": p("""
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
            "shared_summary": p("""
                We worked through who decides what in the last week of a release. You drafted
                a RACI that gives the engineering manager the go/no-go decision and keeps you
                consulted. You want to agree it with the managers and the CTO before the
                next major release.
            """),
            "private_notes": p("""
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
            "shared_summary": p("""
                The regulatory submission took over the month: one-to-ones were cancelled
                again and you stepped into two releases. You see that the pattern came back
                the moment the stakes rose. The RACI has not been agreed yet.
            """),
            "private_notes": p("""
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
            "shared_summary": p("""
                You prepared the conversation with your platform team lead using the GROW
                model: what you want him to hear, the three incidents as facts, and what you
                will ask of him. You will hold the conversation before the end of the month
                and will not fix the next incident yourself.
            """),
            "private_notes": p("""
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
            "shared_summary": p("""
                The platform conversation did not happen: there was another incident, and
                you fixed it yourself at night. We looked at what you gain by rescuing —
                being needed, avoiding the awkward moment — and what it costs your team and
                you.
            """),
            "private_notes": p("""
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
            "shared_summary": p("""
                I shared an observation: our sessions feel good to both of us and yet the
                outcomes have barely moved. You agreed, and said it was a relief to hear.
                You held the platform conversation on Tuesday, a week later than booked, and
                it went better than you feared; he asked for two weeks to come back with a
                plan.

                For the last month you want fewer ideas and more practice: every session will
                start with what you did, not what you thought.
            """),
            "private_notes": p("""
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
        Episode(-140, 23, "stressed", "Release week, late-night code review",
                 "Manager messaged 'can you take a quick look?'", "Tight chest, wired",
                 "If I don't check it, it'll go wrong.", "Reviewed the code until 1:00",
                 strategy="Told himself 'it's their release, not mine', then reviewed it "
                 "anyway", helped=False),
        Episode(-125, 10, "uneasy", "One-to-one with the platform lead",
                 "Another incident report he had not mentioned", "Knot in the stomach",
                 "I should say something.", "Changed the subject to the roadmap",
                 "The lead left the meeting looking relaxed",
                 strategy="Wrote down what he had wanted to say, for next time"),
        Episode(-116, 17, "inspired", "Coaching session about his best manager",
                 "Remembering how his first manager gave feedback", "Warm, energised",
                 "I can be that for my team.", "Talked fast, laughing",
                 source=EmotionSource.OBSERVED),
        Episode(-109, 14, "pleased", "First SBI feedback conversation",
                 "The engineer thanked him for being clear", "Light",
                 "That wasn't so bad.", "Went back to his desk smiling"),
        Episode(-88, 17, "stunned", "360 debrief", "Comment: 'hard to read when he's "
                 "unhappy with your work'", "Freeze, then heat in the face",
                 "I thought I was being kind.", "Long silence, then asked to read it again",
                 source=EmotionSource.OBSERVED,
                 strategy="Coach offered a pause; he reread the comment slowly"),
        Episode(-87, 9, "grateful", "Rereading the 360 comments the next morning",
                 "Comment: 'the best engineer I have worked for'", "Warm chest",
                 "They do value me.", "Forwarded the summary to his partner"),
        Episode(-68, 22, "anxious", "Regulatory submission deadline in two days",
                 "Test evidence incomplete for one module", "Racing heart, shallow breathing",
                 "If this fails, the whole launch slips.", "Took over the module himself",
                 strategy="Slow breathing for a minute, then listed what only he could do"),
        Episode(-67, 11, "irritated", "Stand-up during submission week",
                 "A manager said the team was 'waiting for Daniel'", "Jaw clenched",
                 "Why is everyone waiting for me?", "Assigned the tasks himself",
                 "The manager looked relieved, then disengaged",
                 strategy="Slow breathing for a minute"),
        Episode(-66, 20, "sad", "Evening after the submission",
                 "Realised he had cancelled every one-to-one that month", "Heavy, slow",
                 "I'm letting them down.", "Wrote apology messages he didn't send",
                 strategy="Talked it over with his partner"),
        Episode(-40, 15, "frustrated", "Planning the next major release",
                 "RACI still not agreed; managers asked who decides", "Tension in shoulders",
                 "I keep putting this off.", "Decided on the spot, again",
                 strategy="Noted in the log: 'this is the pattern'"),
        Episode(-33, 23, "tired", "Night incident on the platform",
                 "Paged because nobody else felt able to decide", "Heavy eyes, aching back",
                 "Quicker if I do it.", "Fixed it himself by 2:00",
                 strategy="Took the next morning off"),
        Episode(-13, 9, "nervous", "Before the conversation with the platform lead",
                 "Walking into the meeting room", "Dry mouth, fidgety hands",
                 "He'll be hurt and it'll be awkward.", "Opened with the facts as prepared",
                 strategy="Wrote down what he wanted to say, then said the first sentence"),
        Episode(-13, 11, "relaxed", "After the conversation with the platform lead",
                 "The lead said 'I'd rather know' and asked for two weeks to make a plan",
                 "Shoulders dropped, breathing easy", "Why did I wait five months?",
                 "Told Hannah it went well", "The lead thanked him for being straight"),
        Episode(-11, 17, "concerned", "Coaching session, hearing that outcomes have barely "
                 "moved", "The coach's observation about comfortable sessions",
                 "Stillness, then a sigh", "She's right.", "Agreed and asked for more "
                 "challenge", source=EmotionSource.OBSERVED,
                 strategy="Stayed with the discomfort instead of smoothing it over"),
        Episode(-3, 13, "hopeful", "Platform lead presented his reliability plan",
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
        emotions=emotion_log(cal, rng, episodes),
        feedback=feedback,
    )
