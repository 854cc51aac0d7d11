"""Demo engagement: Ελένη Παπαδάκη: motivation and energy (self-management, at risk)."""

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
    (1, 4),
    (2, 3, 4, 5),
    (2,),
)
"""The outcomes, milestones and risks (1-based positions) the sponsor sees."""
COACH_ONLY_RISKS: tuple[int, ...] = ()
"""Risks that are the coach's own observations."""


def build(cal: Calendar, rng: random.Random) -> Engagement:
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
        intake_notes=p("""
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
            history=readings(
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
            history=readings(
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
            history=readings(
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
            history=readings(
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
        fees=p("""
            EUR 450 per 75-minute session, twelve sessions (EUR 5,400), plus two in-person
            half days in Athens at EUR 900 each including travel. Invoiced monthly in arrears
            to Thalassa Analytics S.A.; payment within 21 days.
        """),
        cancellation_terms=cancellation(24),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=confidentiality("the board of Thalassa Analytics"),
        confidentiality_limits=CONFIDENTIALITY_LIMITS,
        sponsor_reporting=sponsor_reporting(
            "the chair of the board",
            "No report goes to investors. The board chair hears nothing about Eleni's "
            "health or mood.",
        ),
        coach_responsibilities=COACH_RESPONSIBILITIES,
        client_responsibilities=CLIENT_RESPONSIBILITIES,
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
            shared_summary=p("""
                You described the year since the restructuring as "doing the urgent things
                well and the important things never". We turned that into four outcomes:
                protected strategy time, steadier energy, catching low moods early and fewer
                decisions waiting on you.

                You will keep a short emotion log and a Sunday energy note for the next two
                weeks so we can see the pattern rather than guess it.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                The notes showed energy is highest on days with a customer visit or time with
                the data-science team, and lowest after internal escalation meetings and
                evening investor calls. Strategy work happens only when the office is empty,
                which is rarely.

                You decided to try a walking meeting on Wednesdays and to move investor calls
                before 18:00 where you can.
            """),
            private_notes=p("""
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
            grow_reality=p("""
                One hour a week at best, mostly late at night. Blocks get booked over by her
                assistant when an investor asks. She also admits that when a block is free
                she "tidies the inbox first" and the morning is gone.
            """),
            grow_options=p("""
                Working from the Rotterdam office on Tuesdays; telling the assistant the
                blocks are as fixed as board meetings; starting each block with a single
                written question; asking the COO to take escalations on those mornings;
                shorter 90-minute blocks.
            """),
            grow_way_forward=p("""
                Tuesday and Thursday 8:00–10:30, marked as fixed. The COO covers
                escalations. Each block starts by writing one question on paper before
                opening the laptop.
            """),
            shared_summary=p("""
                We worked on strategy time with the GROW model. You chose two fixed mornings
                a week, with Nikos covering escalations, and a small ritual to start each
                block: one question on paper before opening the laptop.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                A year after the restructuring, we talked about what it cost you and what it
                taught you. You said the hardest part is not the decision but the fear of
                having to make one like it again, and that this fear makes you slow on
                decisions that have nothing to do with people leaving.

                We then looked at what still draws you to the work: customers, the models,
                and building a place where good analysts want to stay. You wrote these three
                on a card for your desk.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                We looked at why the roadmap sign-off still sits with you although you trust
                the CPO. You found two reasons: the roadmap is where you still feel close to
                the product, and you fear investors will see handing it over as stepping
                back. You agreed to write down what you want to keep (the product bet) and
                what to hand over (quarterly sign-off).
            """),
            private_notes=p("""
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
            shared_summary=p("""
                Halfway through, you see clear progress on energy and on catching low moods:
                you now notice a dip by early afternoon and take a walk or a call with a
                customer instead of pushing through. Strategy time and the roadmap handover
                are behind where you wanted them.

                For the three-way with Stavros you will report the outcomes as they are and
                ask for his help in keeping investor meetings off the strategy mornings.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                A lead investor questioned the growth plan sharply on Tuesday and you lost
                the rest of that day, and most of Wednesday, to it. You recognised the
                pattern from the log — low, flat, "what's the point" — and on Thursday,
                instead of forcing your way through the strategy morning, you called a
                customer, which helped.

                The roadmap handover is now overdue; you want to decide by next session
                whether to do it this quarter or change the milestone.
            """),
            private_notes=p("""
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
        Episode(-89, 16, "exhausted", "Afternoon of back-to-back calls",
                 "Sixth call in a row, an escalation about a late delivery",
                 "Heavy head, slumped", "I'm just a help desk with a CEO title.",
                 "Cancelled the evening run",
                 strategy="Closed the laptop and went home early"),
        Episode(-86, 21, "despondent", "Reading the engagement survey comments at home",
                 "Comment: 'leadership feels absent since the layoffs'",
                 "Tight throat, heavy chest", "They're right. I disappeared.",
                 "Stopped reading; could not sleep until late",
                 strategy="Named the feeling and wrote one line about it in the log"),
        Episode(-84, 11, "excited", "Customer visit at a shipping line in Rotterdam",
                 "Customer showed fuel savings from the new routing model",
                 "Buzzing, talking fast", "This is why we built it.",
                 "Took photos of the dashboard for the team",
                 "The account manager said he hadn't seen her this lively in months"),
        Episode(-80, 15, "bored", "Internal budget review", "Third round of the same "
                 "spreadsheet", "Restless, heavy eyes", "Why am I even in this meeting?",
                 "Checked email under the table", "The CFO noticed and looked annoyed",
                 strategy="Asked one real question to get back into the discussion"),
        Episode(-77, 18, "anxious", "Before an evening investor call",
                 "Investor asked for 'an honest update on churn'", "Stomach churning",
                 "They've heard something.", "Rehearsed numbers for an hour",
                 strategy="Box breathing (4-4-4-4) for two minutes before dialling in"),
        Episode(-68, 13, "content", "Walking one-to-one with the head of data science",
                 "Long talk about the next model", "Warm, loose", "I like this part of the job.",
                 "Stayed out twenty minutes longer than planned"),
        Episode(-69, 8, "apathetic", "A morning kept free for the Series B story",
                 "Blank page for the "
                 "Series B story", "Flat, no energy", "What's the point of writing this?",
                 "Tidied the inbox instead",
                 strategy="Wrote one sentence of the story, any sentence"),
        Episode(-66, 17, "frustrated", "Leadership meeting",
                 "The same hiring decision came back a third time",
                 "Tight shoulders", "Why can't anyone just decide?",
                 "Snapped 'fine, do it'", "The head of people said later she felt "
                 "overruled",
                 strategy="Asked for a five-minute break and came back with a proposal"),
        Episode(-64, 20, "hopeful", "Sunday energy note", "Energy 5 this week, up from 3",
                 "Lighter", "Maybe this is working.", "Planned two walking meetings"),
        Episode(-53, 10, "focused", "Thursday strategy morning at the Rotterdam office",
                 "Started with one written question", "Alert, calm",
                 "I know what the next bet is.", "Wrote four pages",
                 strategy="Kept the phone in her bag until 10:30"),
        Episode(-52, 14, "sad", "Anniversary of the restructuring",
                 "Message from a former employee who had found a new job",
                 "Lump in the throat", "I still owe them something.",
                 "Closed the door for ten minutes",
                 strategy="Allowed the sadness; wrote a reply thanking him"),
        Episode(-45, 11, "touched", "Half-day session in Athens",
                 "Talking about the team dinner she skipped", "Tears, then relief",
                 "It helps to say it out loud.", "Took a long pause, then went on",
                 source=EmotionSource.OBSERVED),
        Episode(-41, 9, "grateful", "Leadership-team breakfast",
                 "COO offered to take all escalations on strategy mornings", "Warm chest",
                 "I'm not doing this alone.", "Thanked him in front of the team"),
        Episode(-42, 16, "discouraged", "First Monday backlog review with Nikos",
                 "Twelve items still waiting on her", "Heavy, slow",
                 "I'm the bottleneck and I know it.", "Cleared two, postponed the rest",
                 strategy="Made one small decision straight away to break the stuckness"),
        Episode(-38, 11, "motivated", "Product demo by the new graduate hires",
                 "A junior analyst found a bug in her own old model", "Energised, laughing",
                 "This team is good.", "Asked to join the next demo"),
        Episode(-29, 15, "uneasy", "Drafting the roadmap handover at home", "Writing 'CPO signs "
                 "off'", "Fidgety, tight chest", "If I give this away, what's left for me?",
                 "Saved the draft and closed it",
                 strategy="Named the feeling and wrote one line about it in the log"),
        Episode(-27, 12, "relaxed", "Lunch outside with the CPO", "Talked about his kids "
                 "and sailing, not work", "Loose shoulders", "He's on my side.",
                 "Mentioned the roadmap split lightly; he was keen"),
        Episode(-24, 19, "tired", "Evening after a day of due-diligence calls",
                 "Fourth data-room request of the week", "Heavy limbs",
                 "Just get through the week.", "Went to bed at 21:30",
                 strategy="Ten-minute walk along the harbour before dinner"),
        Episode(-22, 20, "optimistic", "Sunday energy note", "Energy 6, highest so far",
                 "Awake, light", "I can see the shape of the next year.",
                 "Wrote three priorities for the week"),
        Episode(-26, 14, "proud", "Hiring decisions", "Cleared five pending hires in one "
                 "afternoon with the COO", "Upright, light", "That was easy once I started.",
                 "Told the head of people straight away", "Head of people: 'finally!'",
                 strategy="Noted in the log what made it easy"),
        Episode(-7, 16, "worried", "Investor pre-read arrives", "Lead investor flags "
                 "growth assumptions", "Tight stomach", "They're losing faith.",
                 "Started rewriting the model at 22:00",
                 strategy="Asked herself 'what would I tell a founder I mentor?'"),
        Episode(-6, 11, "disappointed", "Investor call", "Lead investor called the growth "
                 "plan 'optimistic at best'", "Heavy, sinking", "I've let everyone down again.",
                 "Went quiet for the rest of the day", "COO asked if she was all right",
                 strategy="Called a founder friend in the evening"),
        Episode(-5, 10, "down", "Day after the investor call",
                 "Woke up replaying the call", "Flat, slow", "What's the point.",
                 "Answered email all day and skipped the product review",
                 strategy="Tried to push through by clearing email", helped=False),
        Episode(-4, 9, "calm", "Call with a long-standing customer",
                 "Customer described the product as 'the one tool we'd keep'",
                 "Breathing slower", "The business is real, whatever the investor says.",
                 "Made notes for the investor reply",
                 strategy="Chose to call a customer as a reset, as agreed in coaching"),
        Episode(-2, 10, "thoughtful", "Saturday walk by the sea",
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
        emotions=emotion_log(cal, rng, episodes),
    )
