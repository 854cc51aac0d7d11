"""Session states and every count made from them (coachdesk.core.attendance).

Each test adds one session in a given state to two sessions held, and checks what that
state does to held, used, remaining, scheduled, waiting, n of N, the process/result
averages and the time used, under each of the contract's rules.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from coachdesk.core.attendance import (
    AWAITING_LABEL,
    allowance_rule,
    awaiting_outcome,
    counted_sessions,
    counts_line,
    hours_and_minutes,
    is_scheduled,
    latest_held,
    next_scheduled,
    session_after,
    session_counts,
    session_number,
    state_label,
    state_with_rule,
    used_count,
)
from coachdesk.core.model import Client, Contract, Engagement, Session, SessionState
from coachdesk.core.progress import engagement_progress, process_result_balance

NOW = datetime(2026, 3, 10, 12, 0)
S = SessionState


def session(
    days_ago: float, state: SessionState, process: int | None = None, result: int | None = None,
    minutes: int = 60, sid: int = 0,
) -> Session:  # fmt: skip
    return Session(
        id=sid or None,
        started_at=NOW - timedelta(days=days_ago),
        duration_minutes=minutes,
        state=state,
        process_rating=process,
        result_rating=result,
    )


def base() -> list[Session]:
    return [session(30, S.HELD, 8, 4, sid=1), session(20, S.HELD, 6, 6, sid=2)]


def contract(late: bool = True, no_show: bool = True, count: int | None = 4) -> Contract:
    return Contract(session_count=count, late_cancellation_counts=late, no_show_counts=no_show)


# (state, contract rule) -> (held, used, cancelled, late, no-shows, scheduled, awaiting)
EFFECTS = {
    (S.HELD, "counts"): (3, 3, 0, 0, 0, 0, 0),
    (S.HELD, "free"): (3, 3, 0, 0, 0, 0, 0),
    (S.CANCELLED, "counts"): (2, 2, 1, 0, 0, 0, 0),
    (S.CANCELLED, "free"): (2, 2, 1, 0, 0, 0, 0),
    (S.CANCELLED_LATE, "counts"): (2, 3, 0, 1, 0, 0, 0),
    (S.CANCELLED_LATE, "free"): (2, 2, 0, 1, 0, 0, 0),
    (S.NO_SHOW, "counts"): (2, 3, 0, 0, 1, 0, 0),
    (S.NO_SHOW, "free"): (2, 2, 0, 0, 1, 0, 0),
    (S.PLANNED, "counts"): (2, 2, 0, 0, 0, 0, 1),  # its time has passed: waiting
    (S.PLANNED, "free"): (2, 2, 0, 0, 0, 0, 1),
}


@pytest.mark.parametrize(("state", "rule"), list(EFFECTS), ids=lambda v: str(v))
def test_each_state_on_every_count(state: SessionState, rule: str) -> None:
    counts_against = rule == "counts"
    terms = contract(late=counts_against, no_show=counts_against)
    sessions = [*base(), session(10, state, 0, 10, minutes=90, sid=3)]
    counts = session_counts(sessions, terms, NOW)
    held, used, cancelled, late, no_shows, scheduled, awaiting = EFFECTS[(state, rule)]
    assert (counts.held, counts.used, counts.cancelled) == (held, used, cancelled)
    assert (counts.late_cancelled, counts.no_shows) == (late, no_shows)
    assert (counts.scheduled, counts.awaiting) == (scheduled, awaiting)
    assert counts.planned == 4 and counts.remaining == 4 - used
    # Time used is the time of the sessions held only.
    assert counts.minutes_held == 120 + (90 if state == S.HELD else 0)
    # The averages: only a session held has ratings that count.
    balance = process_result_balance(sessions)
    if state == S.HELD:
        assert balance.process_mean == pytest.approx(14 / 3)
        assert balance.result_mean == pytest.approx(20 / 3)
    else:
        assert (balance.process_mean, balance.result_mean) == (7.0, 5.0)
    assert len(balance.series) == held
    # n of N: a session that took place (or may) is numbered, the others are not.
    assert session_number(sessions, sessions[2], terms) == (
        3 if state in (S.HELD, S.PLANNED) else None
    )
    # The engagement's progress carries the same figures.
    progress = engagement_progress(Engagement(client=Client(name="x"), contract=terms,
                                              sessions=sessions), NOW.date())  # fmt: skip
    assert progress.sessions == session_counts(sessions, terms, NOW.date())
    assert progress.sessions.used == used


def test_planned_ahead_is_scheduled_and_under_way_is_not_yet_waiting() -> None:
    ahead = session(-2, S.PLANNED)
    under_way = Session(started_at=NOW - timedelta(minutes=30), duration_minutes=60)
    just_over = Session(started_at=NOW - timedelta(minutes=60), duration_minutes=60)
    assert is_scheduled(ahead, NOW) and not awaiting_outcome(ahead, NOW)
    assert is_scheduled(under_way, NOW) and not awaiting_outcome(under_way, NOW)
    assert awaiting_outcome(just_over, NOW) and state_label(just_over, NOW) == AWAITING_LABEL
    counts = session_counts([ahead, under_way, just_over], contract(), NOW)
    assert (counts.scheduled, counts.awaiting, counts.held, counts.remaining) == (2, 1, 0, 4)
    # A day stands for its first moment: by date, today's session is still ahead.
    assert not awaiting_outcome(under_way, NOW.date())


def test_without_a_contract_late_cancellations_and_no_shows_count() -> None:
    sessions = [*base(), session(5, S.CANCELLED_LATE), session(4, S.NO_SHOW)]
    counts = session_counts(sessions, None, NOW)
    assert (counts.held, counts.used, counts.planned, counts.remaining) == (2, 4, None, None)
    assert counts.used_of_planned == "4"


def test_remaining_is_never_negative_and_used_of_planned() -> None:
    sessions = [session(d, S.HELD) for d in (50, 40, 30, 20, 10)]
    counts = session_counts(sessions, contract(count=4), NOW)
    assert counts.remaining == 0 and counts.used_of_planned == "5 of 4"


def test_used_count_from_counts_by_state_agrees_with_session_counts() -> None:
    for late in (True, False):
        for no_show in (True, False):
            terms = contract(late=late, no_show=no_show)
            sessions = [*base(), *(session(5, state) for state in SessionState)]
            by_state = {state: 0 for state in SessionState}
            for s in sessions:
                by_state[s.state] += 1
            assert used_count(by_state, terms) == session_counts(sessions, terms, NOW).used


def test_which_sessions_are_listed_where() -> None:
    sessions = [
        *base(),
        session(15, S.CANCELLED, sid=3),
        session(12, S.NO_SHOW, sid=4),
        session(10, S.CANCELLED_LATE, sid=5),
        session(-3, S.PLANNED, sid=6),
    ]
    free = contract(late=False, no_show=True)
    assert [s.id for s in counted_sessions(sessions, free)] == [1, 2, 4]
    assert latest_held(sessions) is sessions[1]
    assert next_scheduled(sessions, NOW) is sessions[5]
    # The session after the second one held skips the cancelled and missed ones.
    assert session_after(sessions, sessions[1]) is sessions[5]
    assert state_with_rule(sessions[4], free, NOW) == "Cancelled late (not counted)"
    assert state_with_rule(sessions[3], free, NOW) == "No-show (counted)"
    assert state_with_rule(sessions[2], free, NOW) == "Cancelled in time"


def test_rules_and_lines_in_words() -> None:
    assert allowance_rule(contract()) == "Sessions held, late cancellations and no-shows"
    assert allowance_rule(contract(late=False, no_show=False)).startswith("Only sessions held")
    assert allowance_rule(contract(late=True, no_show=False)) == (
        "Sessions held and late cancellations; no-shows do not count"
    )
    assert allowance_rule(contract(late=False, no_show=True)) == (
        "Sessions held and no-shows; late cancellations do not count"
    )
    sessions = [*base(), session(10, S.NO_SHOW), session(5, S.PLANNED), session(-1, S.PLANNED)]
    line = counts_line(session_counts(sessions, contract(), NOW))
    assert line == (
        "2 held of 4 planned; 1 more used by late cancellation or no-show; 1 remaining; "
        "1 scheduled; 1 waiting for their outcome; 2 h of coaching"
    )
    assert hours_and_minutes(45) == "45 min" and hours_and_minutes(135) == "2 h 15 min"


def test_the_issue_case_a_new_session_with_only_an_agenda_is_not_held() -> None:
    """Marta: 8 of 10 held; a new session with only an agenda, dated today, stays 8."""
    sessions = [session(100 - 10 * i, S.HELD) for i in range(8)]
    sessions.append(Session(started_at=NOW.replace(hour=9), agenda="Board prep"))
    counts = session_counts(sessions, contract(count=10), date(2026, 3, 10))
    assert (counts.held, counts.remaining) == (8, 2)
