"""Starting and numbering sessions, without Qt or a vault: pure rules on plain records."""

from __future__ import annotations

from datetime import datetime

import pytest

from coachdesk.core.model import Contract, Session, SessionFormat, SessionState
from coachdesk.core.validation import validate_session
from coachdesk.services.sessions import (
    DEFAULT_SESSION_MINUTES,
    next_number,
    next_session,
    number_of,
    place,
    quarter_hour,
)

NOW = datetime(2026, 3, 10, 9, 7, 29)


def sessions(*numbers: int | None) -> list[Session]:
    return [Session(started_at=NOW, number=n) for n in numbers]


def test_quarter_hour_rounding() -> None:
    assert quarter_hour(datetime(2026, 3, 1, 9, 7, 29)) == datetime(2026, 3, 1, 9, 0)
    assert quarter_hour(datetime(2026, 3, 1, 9, 8)) == datetime(2026, 3, 1, 9, 15)
    assert quarter_hour(datetime(2026, 3, 1, 23, 53)) == datetime(2026, 3, 2, 0, 0)
    assert quarter_hour(datetime(2026, 3, 1, 9, 45, 0, 1)) == datetime(2026, 3, 1, 9, 45)


@pytest.mark.parametrize(
    ("numbers", "count", "expected"),
    [
        ((), 10, 1),
        ((1, 2, 3), 10, 4),
        ((1, None, 2), 10, 3),  # unnumbered sessions (extras) do not move the count
        ((5, 2), 10, 6),  # after the highest, not after the last
        ((1, 2, 3), 3, None),  # beyond the contract: an extra session, not counted
        ((1, 2, 12), 10, None),
        ((1, 2, 3), None, 4),  # no session count: numbered on and on
    ],
)
def test_the_next_number(
    numbers: tuple[int | None, ...], count: int | None, expected: int | None
) -> None:
    contract = Contract(session_count=count)
    assert next_number(sessions(*numbers), contract) == expected


def test_the_next_number_without_a_contract() -> None:
    assert next_number(sessions(1, 2), None) == 3


def test_place_in_words() -> None:
    assert place(3, 10) == "3 of 10"
    assert place(3, None) == "3"
    assert place(None, 10) == ""
    assert number_of(Session(started_at=NOW, number=4), Contract(session_count=8)) == "4 of 8"
    assert number_of(Session(started_at=NOW, number=4), None) == "4"
    assert number_of(Session(started_at=NOW), Contract(session_count=8)) == ""


def test_a_new_session_follows_the_contract() -> None:
    contract = Contract(session_count=10, session_length_minutes=90, format=SessionFormat.VIDEO)
    session = next_session(7, contract, sessions(1, 2, 3), NOW)
    assert session.id is None  # not stored: the caller stores it
    assert (session.client_id, session.number) == (7, 4)
    assert session.started_at == datetime(2026, 3, 10, 9, 0)
    assert session.duration_minutes == 90  # the contract's session length
    assert session.format == SessionFormat.VIDEO
    assert session.state == SessionState.PLANNED
    validate_session(session, contract)


def test_a_new_session_beyond_the_contract_is_unnumbered() -> None:
    session = next_session(7, Contract(session_count=3), sessions(1, 2, 3), NOW)
    assert session.number is None
    assert number_of(session, Contract(session_count=3)) == ""


def test_a_new_session_without_a_contract() -> None:
    session = next_session(7, None, [], NOW)
    assert session.duration_minutes == DEFAULT_SESSION_MINUTES
    assert session.format == SessionFormat.IN_PERSON
    assert session.number == 1


@pytest.mark.parametrize(("length", "expected"), [(None, 60), (0, 60), (900, 600)])
def test_a_new_session_length_stays_within_the_limits(length: int | None, expected: int) -> None:
    """A contract from an import may hold a length the editor would not allow."""
    contract = Contract(session_length_minutes=length)
    assert next_session(7, contract, [], NOW).duration_minutes == expected
