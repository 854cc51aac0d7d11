"""Booking and numbering sessions without Qt.

The pure rules run on plain records; booking runs on a real vault (cheap KDF)."""

from __future__ import annotations

from datetime import datetime

import pytest

from coachdesk.core.model import Contract, Session, SessionFormat, SessionState
from coachdesk.services.contracts import save_contract, start_contract
from coachdesk.services.sessions import (
    DEFAULT_SESSION_MINUTES,
    book_session,
    next_number,
    number_of,
    place,
    quarter_hour,
)
from coachdesk.vault.store import Store

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


def test_book_a_session_from_the_contract(store: Store, client_id: int) -> None:
    contract = start_contract(store, client_id)
    contract.format = SessionFormat.VIDEO
    save_contract(store, contract)
    first = book_session(store, client_id, NOW)
    second = book_session(store, client_id, NOW)
    assert first.id is not None and second.id is not None and first.id != second.id
    assert (first.number, second.number) == (1, 2)
    assert first.started_at == datetime(2026, 3, 10, 9, 0)
    assert first.duration_minutes == 90  # the contract's session length
    assert first.format == SessionFormat.VIDEO
    assert first.state == SessionState.PLANNED
    stored = store.sessions.get(first.id)
    assert (stored.number, stored.client_id, stored.started_at) == (1, client_id, first.started_at)


def test_book_beyond_the_contract_is_unnumbered(store: Store, client_id: int) -> None:
    contract = start_contract(store, client_id)
    contract.session_count = 2
    save_contract(store, contract)
    numbers = [book_session(store, client_id, NOW).number for _ in range(3)]
    assert numbers == [1, 2, None]
    assert len(store.sessions.for_client(client_id)) == 3


def test_book_without_a_contract(store: Store, client_id: int) -> None:
    session = book_session(store, client_id, NOW)
    assert session.duration_minutes == DEFAULT_SESSION_MINUTES
    assert session.format == SessionFormat.IN_PERSON
    assert session.number == 1
