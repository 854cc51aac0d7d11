"""Sessions, as the coach books and numbers them.

Two numbers exist and both are defined once: the number the coach gives a session
(stored; a new session gets the next one, :func:`next_number`) and, where the coach gave
none, its place among the sessions held or planned
(:func:`coachdesk.core.attendance.session_number`, which the reports use too).
:func:`place` writes either as "n of N".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from coachdesk.core.model import Contract, Session, SessionFormat
from coachdesk.core.validation import SESSION_MINUTES_MAX, SESSION_MINUTES_MIN

DEFAULT_SESSION_MINUTES = 60
"""A new session's length when the contract does not say."""


def quarter_hour(moment: datetime) -> datetime:
    """``moment`` rounded to the nearest quarter hour: sessions are booked on :00, :15…"""
    hour = moment.replace(minute=0, second=0, microsecond=0)
    minutes = (moment - hour).total_seconds() / 60
    return hour + timedelta(minutes=15 * round(minutes / 15))


def next_number(sessions: Sequence[Session], contract: Contract | None) -> int | None:
    """The number of a new session: one after the highest the coach has given. Beyond
    the contract's session count it gets none: an extra session, not counted."""
    following = max((s.number for s in sessions if s.number is not None), default=0) + 1
    planned = contract.session_count if contract is not None else None
    return None if planned and following > planned else following


def place(number: int | None, planned: int | None) -> str:
    """A session's place in words: "3 of 10", "3" without a session count, "" without
    a number."""
    if number is None:
        return ""
    return f"{number} of {planned}" if planned else str(number)


def number_of(session: Session, contract: Contract | None) -> str:
    """The place the coach gave a session (its stored number), as :func:`place`."""
    return place(session.number, contract.session_count if contract is not None else None)


def next_session(
    client_id: int, contract: Contract | None, sessions: Sequence[Session], now: datetime
) -> Session:
    """A new session of the client's for ``now`` (to the quarter hour), numbered after
    ``sessions``, as long as the contract's sessions and in its format. Not stored: the
    caller stores it (the Sessions tab once the coach has written in it)."""
    minutes = (contract.session_length_minutes if contract else None) or DEFAULT_SESSION_MINUTES
    return Session(
        client_id=client_id,
        started_at=quarter_hour(now),
        duration_minutes=min(max(minutes, SESSION_MINUTES_MIN), SESSION_MINUTES_MAX),
        number=next_number(sessions, contract),
        format=contract.format if contract is not None else SessionFormat.IN_PERSON,
    )
