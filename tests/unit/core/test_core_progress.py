from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachdesk.core.model import (
    Client,
    Contract,
    ContractStatus,
    Engagement,
    Milestone,
    Outcome,
    Risk,
    RiskLevel,
    RiskStatus,
    Session,
    SessionState,
)
from coachdesk.core.progress import (
    GAP_AT_RISK,
    GAP_OFF_TRACK,
    BalanceLean,
    MilestoneState,
    ProgressStatus,
    engagement_progress,
    fraction_of_way,
    is_high_exposure,
    milestone_state,
    open_risks,
    outcome_progress,
    process_result_balance,
    session_counts,
    summarise_milestones,
    time_elapsed,
)

START = date(2024, 1, 1)
END = START + timedelta(days=100)  # so day n of the contract is n% of its time


def day(n: int) -> date:
    return START + timedelta(days=n)


def contract(**changes: Any) -> Contract:
    return Contract(
        **{
            "start_date": START,
            "end_date": END,
            "session_count": 10,
            "status": ContractStatus.SIGNED,
            "signed_date": START,
            **changes,
        }
    )


def outcome(
    current: float | None, baseline: float | None = 0, target: float | None = 10, **changes: Any
) -> Outcome:
    return Outcome(
        statement="Delegate", baseline=baseline, target=target, current=current, **changes
    )


def engagement(c: Contract | None, sessions: list[Session] | None = None) -> Engagement:
    return Engagement(client=Client(id=1, name="A"), contract=c, sessions=sessions or [])


# --- fraction of the way -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (0, 10, 0, 0.0),
        (0, 10, 3, 0.3),
        (0, 10, 10, 1.0),
        (0, 10, 15, 1.5),  # past the target: raw value kept
        (0, 10, -5, -0.5),  # moved the wrong way
        (12, 4, 10, 0.25),  # "reduce from 12 to 4"
        (12, 4, 4, 1.0),
        (12, 4, 14, -0.25),
        (5, 5, 7, None),  # no distance to travel
        (None, 10, 3, None),
        (0, None, 3, None),
        (0, 10, None, None),
        (float("nan"), 10, 3, None),
    ],
)
def test_fraction_of_way(
    baseline: float | None, target: float | None, current: float | None, expected: float | None
) -> None:
    result = fraction_of_way(baseline, target, current)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


@given(
    st.floats(-1e6, 1e6),
    st.floats(-1e6, 1e6),
    st.floats(-1e6, 1e6),
)
def test_shown_fraction_is_always_between_0_and_1(
    baseline: float, target: float, current: float
) -> None:
    progress = outcome_progress(outcome(current, baseline, target), contract(), day(50))
    if progress.fraction_of_way is not None:
        assert 0.0 <= progress.fraction_of_way <= 1.0


# --- time elapsed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (day(-30), 0.0),
        (day(0), 0.0),
        (day(25), 0.25),
        (day(70), 0.7),
        (day(100), 1.0),
        (day(400), 1.0),
    ],
)
def test_time_elapsed(today: date, expected: float) -> None:
    assert time_elapsed(START, END, today) == pytest.approx(expected)


def test_time_elapsed_without_usable_dates() -> None:
    assert time_elapsed(None, END, day(10)) is None
    assert time_elapsed(START, None, day(10)) is None
    assert time_elapsed(END, START, day(10)) is None
    assert time_elapsed(START, START, day(-1)) == 0.0
    assert time_elapsed(START, START, START) == 1.0


# --- one outcome -----------------------------------------------------------------------


def test_outcome_gap_and_status_on_track() -> None:
    p = outcome_progress(outcome(6), contract(), day(50), position=1)
    assert p.fraction_raw == pytest.approx(0.6)
    assert p.time_elapsed == pytest.approx(0.5)
    assert p.gap == pytest.approx(0.1)
    assert p.status is ProgressStatus.ON_TRACK
    assert p.reasons == []
    assert not p.reached and p.measurable


@pytest.mark.parametrize(
    ("current", "status"),
    [
        (6, ProgressStatus.ON_TRACK),  # gap −0.10
        (5, ProgressStatus.AT_RISK),  # gap −0.20
        (4, ProgressStatus.AT_RISK),  # gap −0.30
        (3, ProgressStatus.OFF_TRACK),  # gap −0.40
    ],
)
def test_outcome_gap_thresholds(current: float, status: ProgressStatus) -> None:
    assert GAP_OFF_TRACK < GAP_AT_RISK < 0
    p = outcome_progress(outcome(current), contract(), day(70), position=2)
    assert p.status is status


def test_behind_outcome_is_explained_in_plain_words() -> None:
    p = outcome_progress(outcome(3), contract(), day(70), position=2)
    assert p.reasons == ["Outcome 2 is 30% of the way with 70% of the contract time gone"]


def test_target_below_baseline_reduce_something() -> None:
    on_track = outcome_progress(outcome(6, baseline=12, target=4), contract(), day(50))
    assert on_track.fraction_raw == pytest.approx(0.75)
    assert on_track.status is ProgressStatus.ON_TRACK
    worse = outcome_progress(outcome(14, baseline=12, target=4), contract(), day(10), position=3)
    assert worse.fraction_raw == pytest.approx(-0.25)
    assert worse.fraction_of_way == 0.0
    assert worse.status is ProgressStatus.AT_RISK
    assert worse.reasons == ["Outcome 3 has moved away from its target"]


def test_overshoot_is_clamped_for_display_and_counts_as_reached() -> None:
    p = outcome_progress(outcome(15), contract(), day(90))
    assert p.fraction_raw == pytest.approx(1.5)
    assert p.fraction_of_way == 1.0
    assert p.reached
    assert p.status is ProgressStatus.ON_TRACK


def test_outcome_without_target_cannot_be_measured() -> None:
    p = outcome_progress(outcome(3, target=None), contract(), day(90), position=1)
    assert p.fraction_raw is None and p.fraction_of_way is None and p.gap is None
    assert p.time_elapsed == pytest.approx(0.9)
    assert p.status is ProgressStatus.ON_TRACK
    assert p.reasons == ["Outcome 1 has no target yet"]
    missing_all = outcome_progress(Outcome(statement="x"), contract(), day(90))
    assert missing_all.reasons == ["Outcome 1 has no baseline, target or current value yet"]


def test_outcome_with_baseline_equal_to_target() -> None:
    p = outcome_progress(outcome(5, baseline=5, target=5), contract(), day(90))
    assert p.fraction_raw is None
    assert p.status is ProgressStatus.ON_TRACK
    assert p.reasons == ["Outcome 1 has the same baseline and target"]


def test_outcome_past_its_own_deadline_is_off_track() -> None:
    p = outcome_progress(outcome(8, deadline=day(40)), contract(), day(50))
    assert p.status is ProgressStatus.OFF_TRACK
    assert p.reasons == ["Outcome 1 is past its deadline at 80% of the way"]
    on_deadline = outcome_progress(outcome(8, deadline=day(50)), contract(), day(50))
    assert on_deadline.status is ProgressStatus.ON_TRACK


# --- milestones ------------------------------------------------------------------------


def test_milestone_states_around_today() -> None:
    today = day(50)
    assert milestone_state(Milestone(due=day(49)), today) is MilestoneState.OVERDUE
    assert milestone_state(Milestone(due=day(50)), today) is MilestoneState.DUE
    assert milestone_state(Milestone(due=day(51)), today) is MilestoneState.DUE
    assert milestone_state(Milestone(), today) is MilestoneState.UNDATED
    assert milestone_state(Milestone(due=day(10), done_on=day(30)), today) is MilestoneState.DONE


def test_summarise_milestones_groups_and_orders() -> None:
    late_b, late_a = Milestone(title="b", due=day(30)), Milestone(title="a", due=day(20))
    soon = Milestone(title="c", due=day(60))
    done = Milestone(title="d", due=day(10), done_on=day(9))
    summary = summarise_milestones([late_b, soon, done, late_a, Milestone(title="e")], day(50))
    assert summary.overdue == [late_a, late_b]
    assert summary.due == [soon]
    assert summary.done == [done]
    assert [m.title for m in summary.undated] == ["e"]
    assert (summary.done_count, summary.due_count, summary.overdue_count) == (1, 1, 2)
    assert summary.total == 5


@pytest.mark.parametrize(
    ("overdue", "status", "reason"),
    [
        (0, ProgressStatus.ON_TRACK, None),
        (1, ProgressStatus.AT_RISK, "1 milestone overdue"),
        (2, ProgressStatus.AT_RISK, "2 milestones overdue"),
        (3, ProgressStatus.OFF_TRACK, "3 milestones overdue"),
    ],
)
def test_overdue_milestones_drive_status(
    overdue: int, status: ProgressStatus, reason: str | None
) -> None:
    milestones = [Milestone(title=f"m{i}", due=day(10 + i)) for i in range(overdue)]
    milestones.append(Milestone(title="later", due=day(90)))
    result = engagement_progress(engagement(contract(milestones=milestones)), day(50))
    assert result.status is status
    if reason is not None:
        assert reason in result.reasons


# --- risks -----------------------------------------------------------------------------


def test_open_risks_and_high_exposure() -> None:
    high = Risk(description="Sponsor leaves", likelihood=RiskLevel.HIGH, impact=RiskLevel.HIGH)
    medium_high = Risk(description="Reorg", likelihood=RiskLevel.MEDIUM, impact=RiskLevel.HIGH)
    medium = Risk(description="Busy season")
    closed = Risk(
        description="Old",
        likelihood=RiskLevel.HIGH,
        impact=RiskLevel.HIGH,
        status=RiskStatus.MITIGATED,
    )
    assert open_risks([medium, high, closed, medium_high]) == [high, medium_high, medium]
    assert is_high_exposure(high) and is_high_exposure(medium_high)
    assert not is_high_exposure(medium)
    assert not is_high_exposure(Risk(likelihood=RiskLevel.HIGH, impact=RiskLevel.LOW))

    result = engagement_progress(
        engagement(contract(outcomes=[outcome(6)], risks=[medium, high, closed])), day(50)
    )
    assert result.open_risks == [high, medium]
    assert result.high_risks == [high]
    assert result.status is ProgressStatus.AT_RISK
    assert result.reasons == ["High risk open: Sponsor leaves"]


def test_risk_description_in_a_reason_is_one_short_line() -> None:
    risk = Risk(
        description="Line one\nline two " + "x" * 200,
        likelihood=RiskLevel.HIGH,
        impact=RiskLevel.HIGH,
    )
    [reason] = engagement_progress(
        engagement(contract(outcomes=[outcome(6)], risks=[risk])), day(50)
    ).reasons
    assert "\n" not in reason
    assert reason.startswith("High risk open: Line one line two x")
    assert reason.endswith("…")
    assert len(reason) < 120


# --- the whole engagement ----------------------------------------------------------------


def test_everything_on_track_says_so() -> None:
    c = contract(outcomes=[outcome(6)], milestones=[Milestone(title="m", due=day(60))])
    result = engagement_progress(engagement(c), day(50))
    assert result.status is ProgressStatus.ON_TRACK
    assert result.reasons == ["Outcomes, milestones and risks are on track"]
    assert result.time_elapsed == pytest.approx(0.5)
    assert result.started and not result.ended and result.has_contract


def test_contract_not_started_is_on_track() -> None:
    c = contract(outcomes=[outcome(0)])
    result = engagement_progress(engagement(c), day(-10))
    assert result.status is ProgressStatus.ON_TRACK
    assert not result.started
    assert result.time_elapsed == 0.0
    assert any("not started" in reason for reason in result.reasons)
    assert result.outcomes[0].gap == 0.0


def test_ended_contract_short_of_target_is_off_track() -> None:
    c = contract(outcomes=[outcome(10), outcome(9)])
    result = engagement_progress(engagement(c), day(120))
    assert result.ended
    assert result.status is ProgressStatus.OFF_TRACK
    assert result.reasons == ["The contract has ended with Outcome 2 at 90% of the way"]
    assert [p.status for p in result.outcomes] == [
        ProgressStatus.ON_TRACK,
        ProgressStatus.OFF_TRACK,
    ]


def test_contract_marked_ended_early_counts_as_ended() -> None:
    c = contract(outcomes=[outcome(5)], status=ContractStatus.ENDED)
    result = engagement_progress(engagement(c), day(50))
    assert result.ended
    assert result.status is ProgressStatus.OFF_TRACK


def test_ended_contract_with_every_outcome_reached() -> None:
    c = contract(outcomes=[outcome(10), outcome(2, baseline=8, target=3)])
    result = engagement_progress(engagement(c), day(120))
    assert result.status is ProgressStatus.ON_TRACK
    assert result.reasons == ["The contract has ended with every outcome reached"]


def test_contract_without_dates() -> None:
    c = contract(start_date=None, end_date=None, outcomes=[outcome(1)])
    result = engagement_progress(engagement(c), day(50))
    assert result.time_elapsed is None
    assert result.outcomes[0].gap is None
    assert result.outcomes[0].fraction_of_way == pytest.approx(0.1)
    assert result.status is ProgressStatus.ON_TRACK
    assert result.started and not result.ended


def test_contract_without_outcomes() -> None:
    result = engagement_progress(engagement(contract()), day(50))
    assert result.status is ProgressStatus.ON_TRACK
    assert result.reasons == ["No outcomes agreed yet"]


def test_no_contract() -> None:
    result = engagement_progress(engagement(None), day(50))
    assert result.status is ProgressStatus.ON_TRACK
    assert result.reasons == ["No contract yet"]
    assert not result.has_contract
    assert result.outcomes == [] and result.open_risks == [] and result.milestones.total == 0
    assert result.sessions.planned is None and result.sessions.remaining is None


def test_reasons_most_serious_first_and_status_is_the_worst() -> None:
    risk = Risk(description="Sponsor leaves", likelihood=RiskLevel.HIGH, impact=RiskLevel.HIGH)
    c = contract(
        outcomes=[outcome(None), outcome(5), outcome(1)],
        milestones=[Milestone(title="m", due=day(10))],
        risks=[risk],
    )
    result = engagement_progress(engagement(c), day(70))
    assert result.status is ProgressStatus.OFF_TRACK
    assert result.reasons == [
        "Outcome 3 is 10% of the way with 70% of the contract time gone",
        "Outcome 2 is 50% of the way with 70% of the contract time gone",
        "1 milestone overdue",
        "High risk open: Sponsor leaves",
        "Outcome 1 has no current value yet",
    ]


def test_reasons_never_contain_session_content() -> None:
    secret = "SECRET-NOTE"
    sessions = [
        Session(
            started_at=datetime(2024, 1, 10, 9),
            private_notes=secret,
            shared_summary=secret,
            agenda=secret,
            decisions=secret,
            process_rating=9,
            result_rating=2,
        )
    ]
    c = contract(outcomes=[outcome(1)], milestones=[Milestone(title="m", due=day(5))])
    result = engagement_progress(engagement(c, sessions), day(80))
    assert result.reasons
    assert not any(secret in reason for reason in result.reasons)
    assert secret not in result.balance.verdict


# --- sessions ----------------------------------------------------------------------------


def rated(
    day_number: int,
    process: int | None,
    result: int | None,
    number: int | None = None,
    state: SessionState = SessionState.HELD,
) -> Session:
    return Session(
        started_at=datetime.combine(day(day_number), datetime.min.time()).replace(hour=9),
        state=state,
        process_rating=process,
        result_rating=result,
        number=number,
    )


def test_no_sessions() -> None:
    balance = process_result_balance([])
    assert balance.series == []
    assert balance.process_mean is None and balance.result_mean is None and balance.balance is None
    assert balance.lean is BalanceLean.NOT_ENOUGH_DATA
    assert balance.verdict == "No sessions rated yet"
    counts = session_counts([], contract(), day(50))
    assert (counts.held, counts.scheduled, counts.planned, counts.remaining) == (0, 0, 10, 10)


def test_balance_leans_towards_process() -> None:
    balance = process_result_balance(
        [rated(20, 9, 5, 2), rated(10, 8, 6, 1), rated(30, None, None, 3)]
    )
    assert [p.number for p in balance.series] == [1, 2, 3]
    assert balance.process_mean == pytest.approx(8.5)
    assert balance.result_mean == pytest.approx(5.5)
    assert balance.balance == pytest.approx(-3.0)
    assert balance.lean is BalanceLean.PROCESS
    assert balance.verdict.startswith("Sessions lean towards process")


def test_balance_leans_towards_results() -> None:
    balance = process_result_balance([rated(10, 4, 8)])
    assert balance.lean is BalanceLean.RESULT
    assert balance.verdict.startswith("Sessions lean towards results")


def test_two_points_apart_is_still_balanced() -> None:
    balance = process_result_balance([rated(10, 8, 6), rated(11, 6, 8)])
    assert balance.balance == 0.0
    assert balance.lean is BalanceLean.BALANCED
    edge = process_result_balance([rated(10, 8, 6)])
    assert edge.balance == -2.0
    assert edge.lean is BalanceLean.BALANCED
    assert edge.verdict == "Process and results are in balance"


def test_only_one_kind_of_rating() -> None:
    assert process_result_balance([rated(10, 7, None)]).verdict == "Only process ratings so far"
    assert process_result_balance([rated(10, None, 7)]).verdict == "Only result ratings so far"


def test_session_counts_held_planned_remaining() -> None:
    planned = SessionState.PLANNED
    sessions = [rated(10, None, None), rated(40, None, None), rated(60, None, None, state=planned)]
    counts = session_counts(sessions, contract(session_count=2), day(50))
    assert (counts.held, counts.scheduled, counts.planned, counts.remaining) == (2, 1, 2, 0)
    # Its day passing does not make a planned session held: it waits for the coach.
    more = session_counts(sessions, contract(session_count=2), day(70))
    assert more.held == 2 and more.awaiting == 1 and more.scheduled == 0
    sessions.append(rated(65, None, None))
    assert session_counts(sessions, contract(session_count=2), day(70)).remaining == 0  # >= 0
    unplanned = session_counts(sessions, contract(session_count=None), day(70))
    assert unplanned.planned is None and unplanned.remaining is None


def test_engagement_progress_includes_sessions() -> None:
    sessions = [rated(10, 8, 4), rated(30, 9, 5)]
    result = engagement_progress(engagement(contract(), sessions), day(50))
    assert result.sessions.held == 2 and result.sessions.remaining == 8
    assert result.balance.lean is BalanceLean.PROCESS
    assert result.today == day(50)
