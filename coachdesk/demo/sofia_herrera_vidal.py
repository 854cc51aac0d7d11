"""Demo engagement: Sofía Herrera Vidal, how the board and peers see her (people
management, ended)."""

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
    (1, 2, 3, 4),
    (2, 3, 4, 5),
    (1, 3),
)
"""The outcomes, milestones and risks (1-based positions) the sponsor sees."""
COACH_ONLY_RISKS: tuple[int, ...] = (2,)
"""Risks that are the coach's own observations."""


def build(cal: Calendar, rng: random.Random) -> Engagement:
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
        intake_notes=p("""
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
            history=readings(
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
            history=readings(
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
            history=readings(
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
            history=readings(
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
        fees=p("""
            EUR 9,500 for ten sessions of two hours, the three-way meetings, one
            stakeholder-interview round (up to eight interviews) and written interview
            themes. Invoiced to Altamar Group in three instalments (signing, session 4,
            session 8); payment within 45 days. Travel to Madrid charged at cost.
        """),
        cancellation_terms=cancellation(72),
        late_cancellation_counts=True,
        no_show_counts=True,
        confidentiality=confidentiality("Altamar Group"),
        confidentiality_limits=CONFIDENTIALITY_LIMITS,
        sponsor_reporting=sponsor_reporting(
            "Jean-Baptiste Moreau (Group HR)",
            "Stakeholder interviews are reported to Sofía only, as themes without names.",
        ),
        coach_responsibilities=COACH_RESPONSIBILITIES,
        client_responsibilities=CLIENT_RESPONSIBILITIES,
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
            shared_summary=p("""
                We started with the board evaluation. You agree you are direct and
                impatient with vague challenges; you do not agree that you are defensive. We
                agreed to find out how different people experience you before deciding what
                to change, through eight stakeholder interviews.

                We set four outcomes, covering the board, your peers in the group and your
                own leadership team.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                We replayed three recent moments of challenge — a board question on reserves,
                a peer's comment on pricing and a direct report's objection in the leadership
                meeting. In each you answered within seconds and with more data. You noticed
                you never asked what was behind the question.
            """),
            private_notes=p("""
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
            grow_reality=p("""
                Consistent themes: admired for results and clarity; "answers before the
                question is finished"; peers feel she competes with them rather than with the
                market; her team waits for her view before giving theirs.
            """),
            grow_options=p("""
                Work on all themes at once; focus on the board only; start with her own team,
                where she has most control; ask peers directly what would make joint work
                worth it; share the themes openly with her team.
            """),
            grow_way_forward=p("""
                Two themes: listening before answering (board and team) and working with
                peers. Start with her own team with an "ask first, decide second" rule;
                share the themes with her leadership team at the offsite.
            """),
            shared_summary=p("""
                We went through the interview themes. People admire your results and
                clarity; many say you answer before they have finished, your peers feel you
                compete with them, and your team waits for your view before giving theirs.

                You chose two themes: listening before answering, and working with your
                peers. You will start with your own team and share the themes with them at
                the offsite.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                The offsite went well: your team was surprised and grateful that you shared
                the themes, and two people spoke more in the following weeks than in the
                whole previous quarter. Keeping quiet until everyone has spoken is harder
                than you expected — you count to ten under the table.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                We looked at your relationships with the other regional MDs. You described
                the group meetings as a "beauty contest" where each region defends its
                numbers. You decided to propose one joint initiative where Iberia is not the
                lead — the claims-automation pilot France has started.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                The group has announced that pricing and claims will be run centrally from
                next year. Your first reaction was anger; by the end of the session you had
                separated what you can influence (how Iberia's experience shapes the new
                central teams) from what you cannot (the decision itself).

                The chair's mid-year comment — "I see you listening before you answer now" —
                came only days after the announcement, and you let yourself enjoy it.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                At the board you disagreed with the timetable for the restructuring and, for
                the first time, asked two board members what they saw as the biggest risk
                before giving your view. They changed the timetable. You noticed the
                difference between being right and being heard.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                You planned the broker programme with Italy so that both regions get
                visible credit: a joint steering group, and a joint presentation at the
                group meeting with Italy's MD speaking first. You noticed that after last
                year's false start, Italy needs to see you share the lead, not just say so.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                The group survey shows your leadership team's engagement up from 61 to 74,
                with the biggest rise in "my views are asked for". We started planning the
                end of our work: what you want to keep doing, and who will give you honest
                feedback once the coaching ends.
            """),
            private_notes=p("""
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
            shared_summary=p("""
                We looked back over the engagement. All four outcomes have been reached: the
                board now rates you 4.0 for openness to challenge, three joint initiatives
                are running, your team speaks first in most decisions and their engagement
                is up 13 points.

                You named what made the difference: hearing how others experience you,
                asking before answering, and giving credit away. You will keep the monthly
                decision sample and your two "honest mirrors".

                We agreed one follow-up call in three months.
            """),
            private_notes=p("""
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
        Episode(-197, 19, "livid", "Rereading the board evaluation the evening before "
                 "the first session",
                 "'Defensive when challenged'", "Hot face, racing heart",
                 "They wouldn't write that about a man.", "Drafted a rebuttal to the chair",
                 strategy="Slept on the rebuttal and did not send it"),
        Episode(-189, 12, "irritated", "Board meeting, question on reserves",
                 "Board member asked the same question in a different way",
                 "Tight jaw", "He didn't listen to my first answer.",
                 "Answered with more data, faster", "Chair moved on quickly",
                 strategy="Wrote her first reaction on the notepad instead of saying it"),
        Episode(-160, 11, "disheartened", "Coaching session, reading interview themes",
                 "Board comment: 'answers before the question is finished'",
                 "Sinking feeling, slumped", "So it's me.", "Read it twice in silence",
                 source=EmotionSource.OBSERVED,
                 strategy="Coach slowed the debrief down; she walked outside at the break"),
        Episode(-158, 20, "nervous", "Evening before the leadership offsite",
                 "About to share the interview themes with her team", "Restless, "
                 "couldn't sit still", "They'll use it against me.",
                 "Rehearsed her opening twice",
                 strategy="Rehearsed the opening with Álvaro"),
        Episode(-157, 16, "touched", "Leadership offsite",
                 "Her team thanked her for sharing the themes", "Warmth, eyes moist",
                 "They're on my side.", "Thanked them and asked for their help"),
        Episode(-130, 10, "restless", "Leadership meeting, keeping quiet",
                 "Team discussing an option she thought was weak", "Fidgeting, foot tapping",
                 "Just let them finish.", "Counted to ten; asked a question instead",
                 "Álvaro noticed the foot and smiled",
                 strategy="Counted to ten under the table"),
        Episode(-108, 9, "furious", "Group restructuring announcement",
                 "Pricing and claims to move to the centre", "Heat, clenched fists",
                 "They're taking apart what we built.", "Called her head of pricing to vent",
                 "Head of pricing said she sounded 'on fire'",
                 strategy="Vented, then wrote down what she could still influence"),
        Episode(-105, 14, "proud", "Mid-year talk with the chair",
                 "'I see you listening before you answer now'", "Upright, warm chest",
                 "It shows.", "Told Álvaro on the way back",
                 strategy="Wrote the chair's words in her notebook to remember them"),
        Episode(-87, 11, "focused", "Board meeting on the restructuring",
                 "Asked two board members for their biggest risk first", "Alert, calm",
                 "Listen first, then argue.", "Argued her case after them",
                 "Board changed the timetable"),
        Episode(-70, 15, "annoyed", "Group pricing workshop",
                 "Central team presented Iberia's model as their own", "Prickly, tense",
                 "Typical head office.", "Said nothing in the meeting; raised it later, "
                 "privately",
                 strategy="Wrote her first reaction on the notepad instead of saying it"),
        Episode(-48, 12, "content", "Joint presentation with Italy at the group meeting",
                 "Italy's MD thanked Iberia's team publicly", "Relaxed, smiling",
                 "This is better than winning alone.", "Invited Italy's team to Madrid"),
        Episode(-35, 10, "grateful", "Group survey results",
                 "Engagement up 13 points; 'my views are asked for' up most",
                 "Warm, light", "The team did this with me.", "Sent the team a thank-you "
                 "note"),
        Episode(-17, 16, "fulfilled", "Closing coaching session",
                 "Looking back at the first session's notes", "Calm, full",
                 "I'm not bland. I'm better.", "Laughed, then went quiet",
                 source=EmotionSource.OBSERVED),
        Episode(-13, 19, "disappointed", "Evening after the final three-way meeting",
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
        emotions=emotion_log(cal, rng, episodes),
        feedback=feedback,
    )
