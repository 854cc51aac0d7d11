"""Sessions held, used and remaining: every session count, from session states, here.

The app's Overview and Sessions tab, the agenda, the CLI and every report (progress,
sponsor, session summary, client export) take their numbers from this module, so they
can never disagree. The rules:

* Only a session the coach marked **held** is held. Its ratings feed the process/result
  averages and its length the time used.
* A **late cancellation** or a **no-show** uses up one session of the allowance when the
  contract says so (:attr:`Contract.late_cancellation_counts`,
  :attr:`Contract.no_show_counts`; without a contract it does, as the usual terms say).
  A session **cancelled in time** never counts.
* A **planned** session is scheduled while its time is ahead or under way; once it has
  ended it is *awaiting its outcome* ("did this session happen?") and counts for nothing
  until the coach says what happened.
* n of N: a session's own number when the coach set one, else its place among the
  sessions that use the allowance or are still planned, in time order.

Pure functions of the records and a moment, so tests can pin any day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coachdesk.core.model import Contract, Session, SessionState

STATE_LABELS = {
    SessionState.PLANNED: "Planned",
    SessionState.HELD: "Held",
    SessionState.CANCELLED: "Cancelled in time",
    SessionState.CANCELLED_LATE: "Cancelled late",
    SessionState.NO_SHOW: "No-show",
}
"""The states in the coach's words, for lists, the CLI and reports."""

AWAITING_LABEL = "Did this session happen?"
"""What a planned session whose time has passed shows until the coach says."""


def as_moment(when: date | datetime) -> datetime:
    """A day stands for its first moment: sessions of earlier days have passed, today's
    have not yet (reports are dated by day, the app passes the clock)."""
    if isinstance(when, datetime):
        return when
    return datetime.combine(when, time.min)


def session_end(session: Session) -> datetime:
    return session.started_at + timedelta(minutes=session.duration_minutes)


def awaiting_outcome(session: Session, now: date | datetime) -> bool:
    """Planned, and its time is over: the coach has not said whether it happened."""
    return session.state == SessionState.PLANNED and session_end(session) <= as_moment(now)


def is_scheduled(session: Session, now: date | datetime) -> bool:
    """Planned and still ahead (or under way)."""
    return session.state == SessionState.PLANNED and not awaiting_outcome(session, now)


def state_label(session: Session, now: date | datetime) -> str:
    """The state in words, or the question when a planned session's time has passed."""
    return AWAITING_LABEL if awaiting_outcome(session, now) else STATE_LABELS[session.state]


def state_uses_allowance(state: SessionState, contract: Contract | None) -> bool:
    """Whether a session in ``state`` counts against the contract's session allowance."""
    if state == SessionState.HELD:
        return True
    if state == SessionState.CANCELLED_LATE:
        return contract is None or contract.late_cancellation_counts
    if state == SessionState.NO_SHOW:
        return contract is None or contract.no_show_counts
    return False


def uses_allowance(session: Session, contract: Contract | None) -> bool:
    return state_uses_allowance(session.state, contract)


def allowance_rule(contract: Contract) -> str:
    """The contract's rule in words: what, besides sessions held, uses the allowance."""
    counted = [
        word
        for word, counts in (
            ("late cancellations", contract.late_cancellation_counts),
            ("no-shows", contract.no_show_counts),
        )
        if counts
    ]
    if not counted:
        return "Only sessions held; late cancellations and no-shows do not count"
    if len(counted) == 2:
        return "Sessions held, late cancellations and no-shows"
    other = "no-shows" if counted[0] == "late cancellations" else "late cancellations"
    return f"Sessions held and {counted[0]}; {other} do not count"


def in_time_order(sessions: Sequence[Session]) -> list[Session]:
    return sorted(sessions, key=lambda s: (s.started_at, s.id or 0))


def held_sessions(sessions: Sequence[Session]) -> list[Session]:
    """Sessions marked held, in time order."""
    return [s for s in in_time_order(sessions) if s.state == SessionState.HELD]


def counted_sessions(sessions: Sequence[Session], contract: Contract | None) -> list[Session]:
    """Sessions that use the allowance (held, and counted late cancellations and
    no-shows), in time order: what attendance reported to a sponsor is made of."""
    return [s for s in in_time_order(sessions) if uses_allowance(s, contract)]


def latest_held(sessions: Sequence[Session]) -> Session | None:
    held = held_sessions(sessions)
    return held[-1] if held else None


def next_scheduled(
    sessions: Sequence[Session], now: date | datetime, after: datetime | None = None
) -> Session | None:
    """The first session still planned ahead (after ``after`` when given)."""
    ahead = [
        s
        for s in in_time_order(sessions)
        if is_scheduled(s, now) and (after is None or s.started_at > after)
    ]
    return ahead[0] if ahead else None


def session_after(sessions: Sequence[Session], session: Session) -> Session | None:
    """The session that followed (or will follow) ``session``: the next one held or
    planned, skipping those cancelled or missed."""
    later = [
        s
        for s in in_time_order(sessions)
        if s.started_at > session.started_at
        and s.state in (SessionState.HELD, SessionState.PLANNED)
    ]
    return later[0] if later else None


def session_number(
    sessions: Sequence[Session], session: Session, contract: Contract | None
) -> int | None:
    """n of N: the coach's number, else the place among the sessions held or planned.
    A cancelled or missed session has no number (one that counts still uses the
    allowance, see :func:`uses_allowance`, but no conversation took place)."""
    if session.number is not None:
        return session.number
    numbered = (SessionState.HELD, SessionState.PLANNED)
    if session.state not in numbered:
        return None
    position = 0
    for other in in_time_order(sessions):
        if other.state in numbered:
            position += 1
        if other is session:
            return position
    return None


def state_with_rule(session: Session, contract: Contract | None, now: date | datetime) -> str:
    """The state in words and, for a late cancellation or a no-show, whether it uses
    a session of the allowance: "Cancelled late (counted)"."""
    words = state_label(session, now)
    if session.state in (SessionState.CANCELLED_LATE, SessionState.NO_SHOW):
        words += " (counted)" if uses_allowance(session, contract) else " (not counted)"
    return words


@dataclass(frozen=True, slots=True)
class SessionCounts:
    """Every session figure of an engagement at one moment."""

    held: int
    """Sessions marked held."""
    late_cancelled: int
    """Sessions cancelled late (whether or not they count)."""
    no_shows: int
    """Sessions the client missed (whether or not they count)."""
    cancelled: int
    """Sessions cancelled in time."""
    used: int
    """Sessions that use the allowance: held, plus the late cancellations and no-shows
    the contract counts."""
    scheduled: int
    """Planned sessions still ahead."""
    awaiting: int
    """Planned sessions whose time has passed, waiting for the coach to say."""
    planned: int | None
    """The contract's session allowance (its session count), when known."""
    remaining: int | None
    """Allowance not yet used (never negative)."""
    minutes_held: int
    """Time used: the length of the sessions held, in minutes."""

    @property
    def used_of_planned(self) -> str:
        """ "8 of 10", or "8" without an allowance: the n of N of attendance."""
        return f"{self.used} of {self.planned}" if self.planned else str(self.used)


def used_count(by_state: Mapping[SessionState, int], contract: Contract | None) -> int:
    """Sessions that use the allowance, from how many sessions are in each state (what
    the agenda reads from the database for every client at once)."""
    return sum(count for state, count in by_state.items() if state_uses_allowance(state, contract))


def session_counts(
    sessions: Sequence[Session], contract: Contract | None, now: date | datetime
) -> SessionCounts:
    """The figures for ``sessions`` under ``contract`` at ``now``. Counts every session of
    the engagement: sessions under an earlier version of the contract are the same work."""
    by_state = {state: 0 for state in SessionState}
    for session in sessions:
        by_state[session.state] += 1
    used = used_count(by_state, contract)
    awaiting = sum(1 for s in sessions if awaiting_outcome(s, now))
    planned = contract.session_count if contract is not None else None
    return SessionCounts(
        held=by_state[SessionState.HELD],
        late_cancelled=by_state[SessionState.CANCELLED_LATE],
        no_shows=by_state[SessionState.NO_SHOW],
        cancelled=by_state[SessionState.CANCELLED],
        used=used,
        scheduled=by_state[SessionState.PLANNED] - awaiting,
        awaiting=awaiting,
        planned=planned,
        remaining=max(planned - used, 0) if planned is not None else None,
        minutes_held=sum(s.duration_minutes for s in sessions if s.state == SessionState.HELD),
    )


def hours_and_minutes(minutes: int) -> str:
    """Time used in words: "12 h 30 min", "45 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def counts_line(counts: SessionCounts) -> str:
    """One sentence of attendance, the same in the app, the CLI and the reports."""
    parts = [f"{counts.held} held"]
    if counts.planned:
        parts[0] += f" of {counts.planned} planned"
    counted = counts.used - counts.held
    if counted:
        parts.append(f"{counted} more used by late cancellation or no-show")
    if counts.remaining is not None:
        parts.append(f"{counts.remaining} remaining")
    if counts.scheduled:
        parts.append(f"{counts.scheduled} scheduled")
    if counts.awaiting:
        parts.append(f"{counts.awaiting} waiting for their outcome")
    if counts.minutes_held:
        parts.append(f"{hours_and_minutes(counts.minutes_held)} of coaching")
    return "; ".join(parts)
