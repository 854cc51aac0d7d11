"""The fictional demo data: valid, complete enough to show every screen, reproducible."""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from dataclasses import fields
from datetime import date, datetime, time, timedelta
from types import ModuleType

import pytest

from coachdesk.core.attendance import awaiting_outcome
from coachdesk.core.emotions import Quadrant, family_of, mood_word
from coachdesk.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Client,
    ContractStatus,
    EmotionEntry,
    EmotionSource,
    Engagement,
    FeedbackEntry,
    Focus,
    Milestone,
    Outcome,
    Risk,
    Session,
    SessionState,
    SessionTemplate,
)
from coachdesk.core.progress import (
    BalanceLean,
    MilestoneState,
    ProgressStatus,
    engagement_progress,
    milestone_state,
    process_result_balance,
)
from coachdesk.core.validation import validate_engagement
from coachdesk.demo import ENGAGEMENTS, demo_engagements
from coachdesk.demo.common import Calendar

TODAY = date(2025, 6, 11)  # a Wednesday
# Every weekday, a leap day, a year end: the demo is dated relative to any of them.
DAYS = [TODAY + timedelta(days=n) for n in range(7)] + [date(2024, 2, 29), date(2030, 12, 31)]

CONTRACT_TEXT = (
    "title",
    "cadence",
    "fees",
    "cancellation_terms",
    "confidentiality",
    "confidentiality_limits",
    "sponsor_reporting",
    "coach_responsibilities",
    "client_responsibilities",
)
SESSION_TEXT = (
    "agenda",
    "shared_summary",
    "private_notes",
    "decisions",
    "insights",
    "comfort_zone_steps",
    "focus_area",
    "next_steps",
)
GROW_TEXT = ("grow_goal", "grow_reality", "grow_options", "grow_way_forward")


@pytest.fixture(scope="module")
def demo() -> list[Engagement]:
    return demo_engagements(TODAY)


def _is_latin(name: str) -> bool:
    return all("LATIN" in unicodedata.name(c) for c in name if c.isalpha())


def _sentences(text: str) -> int:
    return sum(text.count(mark) for mark in (". ", "? ", "! ")) + 1


# --- Validity and reproducibility ----------------------------------------------------


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_states_and_contract_flags_say_what_the_terms_say(today: date) -> None:
    """The cancellation terms say late cancellations and no-shows count: so do the flags.
    Two sessions are planned in the coming week, one is waiting for its outcome and one
    was cancelled late, whatever day it is."""
    engagements = demo_engagements(today)
    now = datetime.combine(today, time(12, 0))
    for engagement in engagements:
        contract = engagement.contract
        assert contract is not None
        assert "count as held" in contract.cancellation_terms
        assert contract.late_cancellation_counts and contract.no_show_counts
        for session in engagement.sessions:
            if session.shared_summary:
                assert session.state == SessionState.HELD
    sessions = [s for e in engagements for s in e.sessions]
    week = [
        s
        for s in sessions
        if s.state == SessionState.PLANNED and today < s.started_at.date() <= today + timedelta(7)
    ]
    assert len(week) == 2
    assert sum(1 for s in sessions if awaiting_outcome(s, now)) == 1
    assert [s.state for s in sessions].count(SessionState.CANCELLED_LATE) == 1


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_every_engagement_is_valid_and_nothing_lies_in_the_future(today: date) -> None:
    for engagement in demo_engagements(today):
        validate_engagement(engagement)
        # Only a planned session may lie ahead; whatever has a state beyond planned is past.
        assert all(
            s.started_at.date() <= today
            for s in engagement.sessions
            if s.state != SessionState.PLANNED
        )
        assert all(e.occurred_at.date() <= today for e in engagement.emotions)
        assert all(f.received_on <= today for f in engagement.feedback)
        assert engagement.contract is not None
        for outcome in engagement.contract.outcomes:
            assert all(reading.on <= today for reading in outcome.history)
        for milestone in engagement.contract.milestones:
            assert milestone.done_on is None or milestone.done_on <= today


@pytest.mark.parametrize("module", ENGAGEMENTS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_each_engagement_module_builds_a_valid_engagement_on_its_own(module: ModuleType) -> None:
    """One module per engagement: each builds alone, validates, and its sponsor marks point
    at items that exist (a typo in a position would raise IndexError in the assembler)."""
    engagement = module.build(Calendar(TODAY), random.Random(0))
    validate_engagement(engagement)
    contract = engagement.contract
    assert contract is not None
    outcomes, milestones, risks = module.SPONSOR_SEES
    assert max(outcomes) <= len(contract.outcomes)
    assert max(milestones) <= len(contract.milestones)
    assert max(risks, default=0) <= len(contract.risks)
    assert all(p <= len(contract.risks) for p in module.COACH_ONLY_RISKS)
    assert not set(risks) & set(module.COACH_ONLY_RISKS)


def test_today_of_all_days_works() -> None:
    for engagement in demo_engagements(date.today()):
        validate_engagement(engagement)


def test_same_day_gives_the_same_data_as_fresh_objects() -> None:
    first, second = demo_engagements(TODAY), demo_engagements(TODAY)
    assert first == second
    assert first[0] is not second[0]
    assert first[0].sessions[0] is not second[0].sessions[0]
    first[0].client.tags.append("changed")
    assert demo_engagements(TODAY)[0].client.tags == second[0].client.tags


def test_a_week_later_the_same_story_moves_along_by_a_week() -> None:
    now, later = demo_engagements(TODAY), demo_engagements(TODAY + timedelta(days=7))
    for a, b in zip(now, later, strict=True):
        assert a.client.name == b.client.name
        assert [s.started_at + timedelta(days=7) for s in a.sessions] == [
            s.started_at for s in b.sessions
        ]
        assert [e.label for e in a.emotions] == [e.label for e in b.emotions]


def test_ids_are_in_memory_only_for_the_links(demo: list[Engagement]) -> None:
    for engagement in demo:
        assert engagement.client.id is None
        contract = engagement.contract
        assert contract is not None
        assert contract.id is None
        assert contract.client_id is None
        parts: list[Outcome | Milestone | Risk] = [
            *contract.outcomes,
            *contract.milestones,
            *contract.risks,
        ]
        assert all(part.contract_id is None for part in parts)
        records: list[Session | ActionItem | EmotionEntry | FeedbackEntry] = [
            *engagement.sessions,
            *engagement.action_items,
            *engagement.emotions,
            *engagement.feedback,
        ]
        assert all(record.client_id is None for record in records)


# --- Clients -------------------------------------------------------------------------


def test_at_least_four_varied_clients_one_with_a_non_latin_name(demo: list[Engagement]) -> None:
    clients = [e.client for e in demo]
    assert len(clients) >= 4
    assert len({c.name for c in clients}) == len(clients)
    assert len({c.organisation for c in clients}) == len(clients)
    assert len({c.role for c in clients}) == len(clients)
    assert sum(not _is_latin(c.name) for c in clients) == 1
    assert {Focus.SELF_MANAGEMENT, Focus.PEOPLE_MANAGEMENT} <= {c.focus for c in clients}
    for client in clients:
        assert client.sponsor_organisation and client.sponsor_contact
        assert client.tags
        assert _sentences(client.intake_notes) >= 3
        assert client.email.endswith((".example.org", ".example.com"))


# --- Contracts, outcomes, milestones, risks ------------------------------------------


def test_contracts_are_filled_in_most_signed_one_draft(demo: list[Engagement]) -> None:
    statuses: Counter[ContractStatus] = Counter()
    for engagement in demo:
        contract = engagement.contract
        assert contract is not None
        for name in CONTRACT_TEXT:
            assert getattr(contract, name).strip(), name
        assert contract.start_date is not None and contract.end_date is not None
        assert contract.session_count is not None
        statuses[contract.status] += 1
    assert statuses[ContractStatus.DRAFT] == 1
    assert statuses[ContractStatus.SIGNED] > len(demo) / 2


def test_three_or_four_measurable_outcomes_each(demo: list[Engagement]) -> None:
    for engagement in demo:
        assert engagement.contract is not None
        outcomes = engagement.contract.outcomes
        assert 3 <= len(outcomes) <= 4
        assert [o.id for o in outcomes] == list(range(1, len(outcomes) + 1))
        for outcome in outcomes:
            assert outcome.statement and outcome.measure and outcome.owner
            assert outcome.baseline is not None and outcome.target is not None
            assert outcome.current is not None and outcome.baseline != outcome.target
            assert outcome.deadline is not None
            assert len(outcome.history) >= 2
            assert [r.on for r in outcome.history] == sorted(r.on for r in outcome.history)
            assert outcome.history[-1].value == outcome.current


def test_milestones_done_due_and_overdue(demo: list[Engagement]) -> None:
    states: Counter[MilestoneState] = Counter()
    for engagement in demo:
        assert engagement.contract is not None
        milestones = engagement.contract.milestones
        assert milestones
        for milestone in milestones:
            states[milestone_state(milestone, TODAY)] += 1
            if milestone.done:
                assert milestone.evidence
    assert states[MilestoneState.DONE] >= 5
    assert states[MilestoneState.DUE] >= 3
    assert states[MilestoneState.OVERDUE] >= 1


def test_risks_vary(demo: list[Engagement]) -> None:
    risks = [r for e in demo if e.contract is not None for r in e.contract.risks]
    assert all(r.description and r.mitigation for r in risks)
    assert len({r.likelihood for r in risks}) == 3
    assert len({r.impact for r in risks}) == 3
    assert len({r.status for r in risks}) == 4


# --- Sessions and action items -------------------------------------------------------


def test_six_to_twelve_full_sessions_each(demo: list[Engagement]) -> None:
    """Held sessions are written up in full and numbered 1…n; the few others (planned,
    cancelled late) carry an agenda only."""
    for engagement in demo:
        every = engagement.sessions
        assert sorted(every, key=lambda s: s.started_at) == every
        assert sorted(s.id for s in every) == list(range(1, len(every) + 1))
        sessions = [s for s in every if s.state == SessionState.HELD]
        assert 6 <= len(sessions) <= 12
        assert [s.number for s in sessions] == list(range(1, len(sessions) + 1))
        assert len({s.format for s in sessions}) >= 2
        for other in every:
            if other.state != SessionState.HELD:
                assert other.agenda.strip() and not other.shared_summary
                assert other.process_rating is None and other.result_rating is None
        for session in sessions:
            for name in SESSION_TEXT:
                assert getattr(session, name).strip(), name
            assert session.private_notes != session.shared_summary
            assert _sentences(session.shared_summary) >= 2
            assert session.process_rating is not None and session.result_rating is not None
            assert session.outcome_ids
            grow = [getattr(session, name) for name in GROW_TEXT]
            if session.template == SessionTemplate.GROW:
                assert all(text.strip() for text in grow)
            else:
                assert not any(grow)
        assert any(s.template == SessionTemplate.GROW for s in sessions)
        assert any("\n\n" in s.shared_summary for s in sessions)
        assert len({s.result_rating for s in sessions}) >= 2


def test_private_notes_read_differently_from_summaries(demo: list[Engagement]) -> None:
    """Summaries speak to the client ("you"); the notes are the coach's own voice."""
    for engagement in demo:
        for session in engagement.sessions:
            if session.state != SessionState.HELD:
                continue
            assert session.private_notes not in session.shared_summary
            assert session.shared_summary not in session.private_notes
        summaries = " ".join(s.shared_summary for s in engagement.sessions)
        notes = " ".join(s.private_notes for s in engagement.sessions)
        assert summaries.count("you") > notes.count("you")
        assert any(word in notes for word in ("Hypothesis", "supervision", "Supervision"))


def test_one_client_leans_towards_process(demo: list[Engagement]) -> None:
    leans = [process_result_balance(e.sessions).lean for e in demo]
    assert BalanceLean.PROCESS in leans
    assert BalanceLean.BALANCED in leans


def test_links_resolve_within_each_engagement(demo: list[Engagement]) -> None:
    for engagement in demo:
        assert engagement.contract is not None
        outcome_ids = {o.id for o in engagement.contract.outcomes}
        sessions = {s.id: s for s in engagement.sessions}
        for session in engagement.sessions:
            assert set(session.outcome_ids) <= outcome_ids
        assert {i for s in engagement.sessions for i in s.outcome_ids} == outcome_ids
        for milestone in engagement.contract.milestones:
            assert milestone.outcome_id in outcome_ids
        for item in engagement.action_items:
            assert item.session_id in sessions
            if item.reviewed_session_id is not None:
                reviewed = sessions[item.reviewed_session_id]
                assert reviewed.started_at > sessions[item.session_id].started_at
        for feedback in engagement.feedback:
            assert feedback.outcome_id in outcome_ids


def test_action_items_of_every_kind(demo: list[Engagement]) -> None:
    items = [item for e in demo for item in e.action_items]
    assert {item.owner for item in items} == set(ActionOwner)
    assert {item.status for item in items} == set(ActionStatus)
    assert all(item.text and item.due is not None for item in items)
    for engagement in demo:
        assert any(item.reviewed_session_id is not None for item in engagement.action_items)
        assert any(item.status == ActionStatus.OPEN for item in engagement.action_items)


# --- Emotion log and feedback --------------------------------------------------------


def test_emotion_logs_cover_the_mood_meter(demo: list[Engagement]) -> None:
    for engagement in demo:
        emotions = engagement.emotions
        assert len(emotions) >= 10
        quadrants = {e.quadrant for e in emotions}
        assert {Quadrant.RED, Quadrant.YELLOW, Quadrant.BLUE, Quadrant.GREEN} <= quadrants
        if engagement.client.focus == Focus.SELF_MANAGEMENT:
            assert len(emotions) >= 20
        assert sorted(emotions, key=lambda e: e.occurred_at) == emotions
        assert EmotionSource.OBSERVED in {e.source for e in emotions}


def test_emotion_entries_use_the_vocabulary_and_are_filled_in(demo: list[Engagement]) -> None:
    entries = [entry for e in demo for entry in e.emotions]
    for entry in entries:
        word = mood_word(entry.label)
        assert word is not None, entry.label
        assert word.quadrant == entry.quadrant
        family = family_of(entry.label)
        assert entry.family == (family.value if family is not None else "")
        assert entry.situation and entry.trigger and entry.reaction
        assert 1 <= entry.intensity <= 10
        if entry.pleasantness < 0 and entry.source != EmotionSource.STAKEHOLDER:
            assert entry.regulation_strategy
        if entry.regulation_strategy:
            assert entry.regulation_effect is not None and entry.intensity_after is not None
    assert sum(1 for e in entries if e.family) > len(entries) / 2
    assert sum(1 for e in entries if e.perceived_by_others) >= 20
    lowered = [e.intensity_after < e.intensity for e in entries if e.intensity_after is not None]
    assert sum(lowered) > 0.7 * len(lowered)
    assert EmotionSource.STAKEHOLDER in {e.source for e in entries}


def test_people_management_clients_have_stakeholder_feedback(demo: list[Engagement]) -> None:
    roles: set[str] = set()
    for engagement in demo:
        if engagement.client.focus != Focus.PEOPLE_MANAGEMENT:
            continue
        assert len(engagement.feedback) >= 4
        for feedback in engagement.feedback:
            assert feedback.from_role and feedback.observed_behaviour
            assert feedback.perceived_impact
            roles.add(feedback.from_role.split(" (")[0])
    assert {"Direct report", "Peer", "Board member", "HR Business Partner"} <= roles


# --- Progress ------------------------------------------------------------------------


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_progress_runs_and_the_statuses_differ(today: date) -> None:
    statuses = [engagement_progress(e, today).status for e in demo_engagements(today)]
    assert ProgressStatus.ON_TRACK in statuses
    assert ProgressStatus.AT_RISK in statuses
    assert ProgressStatus.OFF_TRACK in statuses


def test_one_engagement_has_recently_ended_and_the_rest_are_running(
    demo: list[Engagement],
) -> None:
    progress = [engagement_progress(e, TODAY) for e in demo]
    assert sum(p.ended for p in progress) == 1
    assert all(p.started for p in progress)
    ended = next(e for e, p in zip(demo, progress, strict=True) if p.ended)
    assert ended.contract is not None and ended.contract.end_date is not None
    assert TODAY - ended.contract.end_date <= timedelta(days=30)


def test_records_have_no_nul_or_stray_whitespace(demo: list[Engagement]) -> None:
    for engagement in demo:
        records: list[Client | Session | EmotionEntry] = [
            engagement.client,
            *engagement.sessions,
            *engagement.emotions,
        ]
        for record in records:
            for f in fields(record):
                value = getattr(record, f.name)
                if isinstance(value, str) and value:
                    assert value == value.strip(), f.name
                    assert "  " not in value, f.name
