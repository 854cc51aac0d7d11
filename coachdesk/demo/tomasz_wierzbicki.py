"""Demo engagement: Tomasz Wierzbicki, leading former peers (people management,
extension in draft)."""

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
    (1, 2, 4, 5),
    (2,),
)
"""The outcomes, milestones and risks (1-based positions) the sponsor sees."""
COACH_ONLY_RISKS: tuple[int, ...] = ()
"""Risks that are the coach's own observations."""


def build(cal: Calendar, rng: random.Random) -> Engagement:
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
        intake_notes=p("""
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
            history=readings(
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
            history=readings(
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
            history=readings(
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
        fees=p("""
            Original agreement: PLN 21,600 for eight sessions of 90 minutes. This extension
            adds four sessions at PLN 2,700 each (PLN 10,800), invoiced to Kestrel Packaging
            Group on signature; payment within 30 days. On-site sessions include travel.
        """),
        cancellation_terms=cancellation(48),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=confidentiality("Kestrel Packaging"),
        confidentiality_limits=CONFIDENTIALITY_LIMITS,
        sponsor_reporting=sponsor_reporting(
            "Agnieszka Mazur (Plant Director)",
            "The extension adds a short written summary of outcome progress, drafted by "
            "Tomasz, before the final three-way meeting.",
        ),
        coach_responsibilities=COACH_RESPONSIBILITIES,
        client_responsibilities=CLIENT_RESPONSIBILITIES,
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
            shared_summary=p("""
                You described the last eight months as swinging between "one of the lads"
                and "suddenly the boss". The shift leads still come to you as a friend for
                some things and avoid you for others. You want to be clear and fair without
                losing the trust you built on the floor.

                We agreed three outcomes: clear direction for the shift leads, decisive
                handovers and dealing with performance problems within two weeks.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                You chose to set expectations one to one: each shift lead proposes their own
                first, you add what is missing, and both of you sign a one-page summary.
                You want to start with the lead you find easiest and finish with Paweł.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                Handover meetings overrun because every problem is discussed in full and
                nobody owns the actions. You designed a ten-minute format on a board: three
                columns (safety, quality, output), one owner per action, detail taken
                offline.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                We talked about your relationship with Paweł, who applied for your job. You
                said you feel guilty for getting the role and that this makes you soft with
                him, which the other leads notice. You decided to talk to him openly about
                how the selection felt for both of you.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                The conversation with Paweł was awkward at first and then honest: he said
                he had felt passed over and that he would rather be told straight than be
                handled carefully. You agreed to give him the lead on the new line.

                In the plant management meeting you still find it hard to speak up; you
                want to bring one proposal of your own next month.
            """),
            private_notes=p("""
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
            grow_reality=p("""
                Scrap rate on nights is twice the other shifts; two safety near-misses not
                reported on time. Tomasz has hinted but never said it plainly. The lead was
                his trainer when he started at the plant.
            """),
            grow_options=p("""
                A formal meeting with HR; an informal talk first; a written warning; moving
                him to days; asking the plant director to handle it.
            """),
            grow_way_forward=p("""
                Informal, plain conversation this week with the facts; then a written plan
                with HR. Tomasz does it himself.
            """),
            shared_summary=p("""
                You prepared the conversation with the night-shift lead: the scrap rate and
                the late near-miss reports as facts, what you need to change, and the offer
                of support. You will speak to him this week and then agree a written plan
                with HR.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                Looking back, you see clear progress on handovers and on direction to the
                leads, and a first real step on performance. The group has now announced a
                restructuring of the second shift, which you will have to lead.

                You asked whether four more sessions could cover the restructuring; we
                agreed you would discuss it with Agnieszka and that I would draft an
                extension for all three of us to review.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                The restructuring will move twelve people from the second shift to other
                shifts and change two team-lead roles. You are worried that people on your
                old shift will see it as you turning against them. You began mapping who
                needs to hear what from you, in which order.

                The performance plan for the night-shift lead is signed.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                We rehearsed how you will tell the shift leads about the restructuring:
                what is decided, what is still open, and what you will do to support people
                who move. You want to be honest that you argued for a different version and
                lost, without blaming the group.
            """),
            private_notes=p("""
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
        Episode(-104, 14, "uneasy", "Management meeting, first month in the new role",
                 "Plant director asked for his view on the budget", "Tight throat",
                 "I'm not one of them yet.", "Gave a short answer and went quiet",
                 strategy="Coffee outside, five slow breaths"),
        Episode(-95, 7, "annoyed", "Handover meeting", "Meeting overran by twenty "
                 "minutes again", "Restless, clock-watching",
                 "Nobody takes this seriously.", "Ended it abruptly",
                 "Shift leads joked about it afterwards",
                 strategy="Walked the line once before the next meeting"),
        Episode(-82, 10, "pleased", "Expectation conversation with a shift lead",
                 "The lead proposed stricter targets than Tomasz would have",
                 "Relaxed", "They want this too.", "Signed the summary together"),
        Episode(-70, 6, "energised", "First week of the new handover board",
                 "Handover finished in nine minutes with owners for each action",
                 "Upbeat", "That's how it should be.", "Took a photo of the board",
                 "Quality manager said 'finally'"),
        Episode(-61, 7, "sad", "Coaching session, talking about Paweł",
                 "Remembering how close they were on the old shift", "Heavy, quiet",
                 "I lost a mate when I got this job.", "Talked for a long time",
                 source=EmotionSource.OBSERVED,
                 strategy="Coach gave him time; he stepped outside for a minute at the end"),
        Episode(-56, 13, "apprehensive", "Before the conversation with Paweł",
                 "Walking to the new line", "Stomach tight", "This could go badly.",
                 "Bought two coffees on the way",
                 strategy="Coffee outside, five slow breaths"),
        Episode(-56, 15, "grateful", "After the conversation with Paweł",
                 "Paweł said he'd rather be told straight", "Light, loose shoulders",
                 "We're all right.", "Offered him the new line",
                 strategy="Told his wife about it that evening"),
        Episode(-32, 22, "worried", "Evening before the night-shift conversation",
                 "Thinking of his old trainer", "Restless, could not sleep",
                 "He taught me everything and now I'm telling him off.",
                 "Wrote the facts on a card",
                 strategy="Wrote the three facts on a card and put it in his jacket"),
        Episode(-31, 23, "calm", "Night-shift conversation", "Stuck to the facts; lead "
                 "admitted the near-misses", "Steady breathing", "This is fair.",
                 "Agreed next steps", "The lead shook his hand at the end"),
        Episode(-20, 9, "stunned", "Group announces the second-shift restructuring",
                 "Email from the group with no warning", "Frozen, then hot",
                 "They didn't even ask the plant.", "Read it three times",
                 "Agnieszka said he looked pale",
                 strategy="Walked the line before replying to anyone"),
        Episode(-14, 16, "disheartened", "Walking the second shift", "Old colleagues asking "
                 "'is it true?'", "Heavy chest", "They'll think I sold them out.",
                 "Said he couldn't comment yet",
                 strategy="Called his wife on the drive home"),
        Episode(-12, 6, "tense", "Coaching session on the restructuring",
                 "Mapping who hears what and when", "Shoulders up, tired eyes",
                 "I can't get this wrong.", "Asked the coach what she would do",
                 source=EmotionSource.OBSERVED,
                 strategy="Mapped it on paper with the coach; slowed down"),
        Episode(-5, 11, "worried", "Plant management meeting on the restructuring "
                 "timetable", "Question about when the final list of moves will be ready",
                 "", "", "Answered curtly and left before the end",
                 "Agnieszka told him afterwards that he looked worried and closed off",
                 source=EmotionSource.STAKEHOLDER),
        Episode(-3, 7, "hopeful", "After rehearsing the announcement",
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
        emotions=emotion_log(cal, rng, episodes),
        feedback=feedback,
    )
