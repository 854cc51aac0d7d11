"""The agenda ("Today"): what needs the coach across every client, on one page.

One query per kind of row, each over the whole vault with an index behind it, so the
page stays quick with hundreds of clients (``bench/run.py`` measures it as
``agenda_ms``). The rules that decide what a row means come from core: session states
and what counts against the allowance from :mod:`coachdesk.core.attendance`, on track
or not from :func:`coachdesk.core.progress.engagement_progress`. Everything is a
function of the database and a fixed ``today``/``now``, so tests can pin a day.

Closed clients appear only for a passed retention date (their records are due for
deletion); every other kind is about the work still going on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from coachdesk.core import attendance
from coachdesk.core.model import (
    ActionOwner,
    Client,
    ClientStatus,
    Contract,
    ContractStatus,
    Engagement,
    Milestone,
    Outcome,
    Risk,
    RiskLevel,
    RiskStatus,
    Session,
    SessionFormat,
    SessionState,
)
from coachdesk.core.progress import ProgressStatus, contract_ended, engagement_progress
from coachdesk.vault.db import Connection, transaction
from coachdesk.vault.search import RecordKind

DEFAULT_DAYS = 7
"""Sessions and due action items this many days ahead (and today)."""
CONTRACT_ENDING_DAYS = 30
"""Contracts ending within this many days are listed."""
TEXT_MAX = 120
"""Longest piece of a record's text shown on one row."""

_OPEN_CLIENTS = "(SELECT id FROM clients WHERE status != 'closed')"


class AgendaKind(StrEnum):
    """The sections of the agenda, in the order the page shows them."""

    SESSIONS = "sessions"
    AWAITING = "awaiting"
    ACTIONS = "actions"
    MILESTONES = "milestones"
    AT_RISK = "at_risk"
    CONTRACTS = "contracts"
    RETENTION = "retention"


TITLES = {
    AgendaKind.SESSIONS: "Sessions",
    AgendaKind.AWAITING: "Did these sessions happen?",
    AgendaKind.ACTIONS: "Action items due",
    AgendaKind.MILESTONES: "Overdue milestones",
    AgendaKind.AT_RISK: "Clients at risk or off track",
    AgendaKind.CONTRACTS: "Contracts ending or used up",
    AgendaKind.RETENTION: "Retention dates passed",
}
EMPTY = {
    AgendaKind.SESSIONS: "No sessions planned",
    AgendaKind.AWAITING: "Every past session has its outcome",
    AgendaKind.ACTIONS: "Nothing overdue or due this week",
    AgendaKind.MILESTONES: "No milestone overdue",
    AgendaKind.AT_RISK: "Every engagement is on track",
    AgendaKind.CONTRACTS: "No contract ends soon or has run out of sessions",
    AgendaKind.RETENTION: "No retention date has passed",
}


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One row: what it is about, which client, and the record it opens."""

    kind: AgendaKind
    client_id: int
    client_name: str
    when: datetime | date | None
    """When it happens or was due (a session's start, a due date, an end date)."""
    text: str
    """What the row says, on one line."""
    urgent: bool
    """Overdue, off track, used up or passed: shown in the warning colour."""
    record_kind: RecordKind
    record_id: int
    """The record the row opens (a session, the contract, a milestone, the client)."""


@dataclass(frozen=True, slots=True)
class Agenda:
    today: date
    now: datetime
    days: int
    sections: dict[AgendaKind, list[AgendaItem]] = field(default_factory=dict)

    def items(self) -> list[AgendaItem]:
        return [item for kind in AgendaKind for item in self.sections.get(kind, [])]


def _one_line(text: str, limit: int = TEXT_MAX) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _names(conn: Connection) -> dict[int, str]:
    return {int(row[0]): str(row[1]) for row in conn.execute("SELECT id, name FROM clients")}


def _sessions_from(rows: Iterable[tuple[object, ...]]) -> list[Session]:
    """Just enough of each session to apply the state rules and say what it is."""
    return [
        Session(
            id=int(row[0]),  # type: ignore[call-overload]
            client_id=int(row[1]),  # type: ignore[call-overload]
            started_at=datetime.fromisoformat(str(row[2])),
            duration_minutes=int(row[3]),  # type: ignore[call-overload]
            number=None if row[4] is None else int(row[4]),  # type: ignore[call-overload]
            format=SessionFormat(str(row[5])),
            state=SessionState(str(row[6])),
        )
        for row in rows
    ]


_SESSION_COLUMNS = "id, client_id, started_at, duration_minutes, number, format, state"


def _session_text(session: Session) -> str:
    number = f"Session {session.number} · " if session.number is not None else ""
    label = {
        SessionFormat.IN_PERSON: "in person",
        SessionFormat.VIDEO: "video",
        SessionFormat.PHONE: "phone",
        SessionFormat.MIXED: "mixed",
    }.get(session.format, str(session.format))
    return f"{number}{label} · {session.duration_minutes} min"


def sessions_ahead(
    conn: Connection, names: dict[int, str], now: datetime, days: int
) -> list[AgendaItem]:
    """Planned sessions from now to the end of the ``days``-th day after today."""
    until = datetime.combine(now.date() + timedelta(days=days + 1), time.min)
    rows = conn.execute(
        f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE state = 'planned' "
        "AND started_at >= ? AND started_at < ? ORDER BY started_at, id",
        (now.date().isoformat(), until.isoformat(timespec="seconds")),
    )
    return [
        AgendaItem(
            AgendaKind.SESSIONS,
            s.client_id or 0,
            names.get(s.client_id or 0, ""),
            s.started_at,
            _session_text(s),
            False,
            RecordKind.SESSION,
            s.id or 0,
        )
        for s in _sessions_from(rows)
        if attendance.is_scheduled(s, now)
    ]


def sessions_awaiting(conn: Connection, names: dict[int, str], now: datetime) -> list[AgendaItem]:
    """Planned sessions whose time is over: the coach has yet to say what happened."""
    rows = conn.execute(
        f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE state = 'planned' "
        "AND started_at < ? ORDER BY started_at, id",
        (now.isoformat(timespec="seconds"),),
    )
    return [
        AgendaItem(
            AgendaKind.AWAITING,
            s.client_id or 0,
            names.get(s.client_id or 0, ""),
            s.started_at,
            _session_text(s),
            True,
            RecordKind.SESSION,
            s.id or 0,
        )
        for s in _sessions_from(rows)
        if attendance.awaiting_outcome(s, now)
    ]


def actions_due(
    conn: Connection, names: dict[int, str], today: date, days: int
) -> list[AgendaItem]:
    """Open action items, the client's and the coach's, overdue or due within ``days``.
    An item opens the session it was agreed in (the Sessions tab lists it there)."""
    rows = conn.execute(
        "SELECT a.id, a.client_id, a.session_id, a.owner, a.text, a.due FROM action_items a "
        f"WHERE a.status = 'open' AND a.due IS NOT NULL AND a.due <= ? "
        f"AND a.client_id IN {_OPEN_CLIENTS} ORDER BY a.due, a.id",
        ((today + timedelta(days=days)).isoformat(),),
    )
    items = []
    for _item_id, client_id, session_id, owner, text, due_text in rows:
        due = date.fromisoformat(due_text)
        whose = "Coach" if owner == ActionOwner.COACH else "Client"
        items.append(
            AgendaItem(
                AgendaKind.ACTIONS,
                client_id,
                names.get(client_id, ""),
                due,
                f"{whose}: {_one_line(text)}",
                due < today,
                RecordKind.SESSION if session_id is not None else RecordKind.CLIENT,
                session_id if session_id is not None else client_id,
            )
        )
    return items


def milestones_overdue(conn: Connection, names: dict[int, str], today: date) -> list[AgendaItem]:
    rows = conn.execute(
        "SELECT m.id, c.client_id, m.title, m.due FROM milestones m "
        "JOIN contracts c ON c.id = m.contract_id "
        "WHERE m.done_on IS NULL AND m.due IS NOT NULL AND m.due < ? "
        f"AND c.client_id IN {_OPEN_CLIENTS} ORDER BY m.due, m.id",
        (today.isoformat(),),
    )
    return [
        AgendaItem(
            AgendaKind.MILESTONES,
            client_id,
            names.get(client_id, ""),
            date.fromisoformat(due),
            _one_line(title),
            True,
            RecordKind.MILESTONE,
            milestone_id,
        )
        for milestone_id, client_id, title, due in rows
    ]


def _day(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _open_contracts(conn: Connection) -> dict[int, Contract]:
    """The current contract of every client not closed, with what its progress status is
    made of (dates, counts, outcome values, milestone dates, risk levels), in one query
    per table. Only those columns are read: the contracts' long texts and the outcomes'
    statements play no part in the status (reasons name outcomes by position)."""
    contracts: dict[int, Contract] = {}
    for row in conn.execute(
        "SELECT id, client_id, title, start_date, end_date, session_count, status, "
        "late_cancellation_counts, no_show_counts "
        f"FROM contracts WHERE client_id IN {_OPEN_CLIENTS}"
    ):
        contracts[row[0]] = Contract(
            id=row[0],
            client_id=row[1],
            title=row[2],
            start_date=_day(row[3]),
            end_date=_day(row[4]),
            session_count=row[5],
            status=ContractStatus(row[6]),
            late_cancellation_counts=bool(row[7]),
            no_show_counts=bool(row[8]),
        )
    where = f"contract_id IN (SELECT id FROM contracts WHERE client_id IN {_OPEN_CLIENTS})"
    for row in conn.execute(
        "SELECT id, contract_id, baseline, target, current, deadline FROM outcomes "
        f"WHERE {where} ORDER BY contract_id, position, id"
    ):
        contracts[row[1]].outcomes.append(
            Outcome(
                id=row[0],
                contract_id=row[1],
                baseline=_number(row[2]),
                target=_number(row[3]),
                current=_number(row[4]),
                deadline=_day(row[5]),
            )
        )
    for row in conn.execute(
        f"SELECT id, contract_id, due, done_on FROM milestones WHERE {where} "
        "ORDER BY contract_id, position, id"
    ):
        contracts[row[1]].milestones.append(
            Milestone(id=row[0], contract_id=row[1], due=_day(row[2]), done_on=_day(row[3]))
        )
    for row in conn.execute(
        "SELECT id, contract_id, description, likelihood, impact, status FROM risks "
        f"WHERE {where} AND status = 'open' ORDER BY contract_id, position, id"
    ):
        contracts[row[1]].risks.append(
            Risk(
                id=row[0],
                contract_id=row[1],
                description=row[2],
                likelihood=RiskLevel(row[3]),
                impact=RiskLevel(row[4]),
                status=RiskStatus(row[5]),
            )
        )
    return {c.client_id: c for c in contracts.values() if c.client_id is not None}


def clients_at_risk(
    names: dict[int, str], contracts: dict[int, Contract], today: date
) -> list[AgendaItem]:
    """Engagements whose contract is still running and that are at risk or off track,
    off track first, with the most serious reason."""
    items = []
    for client_id, contract in contracts.items():
        if contract_ended(contract, today):
            continue
        engagement = Engagement(client=Client(id=client_id, name="-"), contract=contract)
        progress = engagement_progress(engagement, today)
        if progress.status == ProgressStatus.ON_TRACK:
            continue
        off = progress.status == ProgressStatus.OFF_TRACK
        items.append(
            AgendaItem(
                AgendaKind.AT_RISK,
                client_id,
                names.get(client_id, ""),
                None,
                progress.reasons[0],
                off,
                RecordKind.CLIENT,
                client_id,
            )
        )
    items.sort(key=lambda item: (not item.urgent, item.client_name.casefold()))
    return items


def contracts_ending(
    conn: Connection, names: dict[int, str], contracts: dict[int, Contract], today: date
) -> list[AgendaItem]:
    """Running contracts that end within :data:`CONTRACT_ENDING_DAYS` days, or whose
    sessions are all used (held, or counted by the contract's cancellation rule)."""
    by_state: dict[int, dict[SessionState, int]] = defaultdict(dict)
    for client_id, state, count in conn.execute(
        "SELECT client_id, state, count(*) FROM sessions "
        f"WHERE client_id IN {_OPEN_CLIENTS} GROUP BY client_id, state"
    ):
        by_state[client_id][SessionState(state)] = count
    horizon = today + timedelta(days=CONTRACT_ENDING_DAYS)
    items = []
    for client_id, contract in contracts.items():
        if contract_ended(contract, today):
            continue
        reasons = []
        if contract.end_date is not None and contract.end_date <= horizon:
            days_left = (contract.end_date - today).days
            reasons.append(
                "Ends today" if days_left == 0 else f"{days_left} day{'s' * (days_left != 1)} left"
            )
        used_up = False
        if contract.session_count is not None:
            used = attendance.used_count(by_state.get(client_id, {}), contract)
            if used >= contract.session_count:
                used_up = True
                reasons.append(
                    f"{'A' if not reasons else 'a'}ll {contract.session_count} sessions used"
                )
        if reasons:
            title = contract.title.strip() or "Contract"
            items.append(
                AgendaItem(
                    AgendaKind.CONTRACTS,
                    client_id,
                    names.get(client_id, ""),
                    contract.end_date,
                    f"{', '.join(reasons)} · {_one_line(title, 60)}",
                    used_up,
                    RecordKind.CONTRACT,
                    contract.id or 0,
                )
            )
    items.sort(key=lambda item: (item.when or date.max, item.client_name.casefold()))
    return items


def retention_passed(conn: Connection, today: date) -> list[AgendaItem]:
    rows = conn.execute(
        "SELECT id, name, retention_date, status FROM clients "
        "WHERE retention_date IS NOT NULL AND retention_date <= ? "
        "ORDER BY retention_date, name COLLATE NOCASE",
        (today.isoformat(),),
    )
    return [
        AgendaItem(
            AgendaKind.RETENTION,
            client_id,
            name,
            date.fromisoformat(when),
            "Records due for deletion"
            + ("" if status == ClientStatus.CLOSED else " (client not closed)"),
            True,
            RecordKind.CLIENT,
            client_id,
        )
        for client_id, name, when, status in rows
    ]


def short_day(day: date, today: date) -> str:
    """A date in few words: "today", "Mon 7 Dec" within a week, "3 Dec", "3 Dec 2025"."""
    if day == today:
        return "today"
    if abs((day - today).days) < 7:
        return f"{day:%a} {day.day} {day:%b}"
    return f"{day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")


def lead(item: AgendaItem, today: date) -> str:
    """What a row starts with, in the app and the CLI alike: when, or how bad."""
    when = item.when
    day = when.date() if isinstance(when, datetime) else when
    if item.kind == AgendaKind.AT_RISK:
        return "Off track" if item.urgent else "At risk"
    if day is None:
        return "Used up" if item.kind == AgendaKind.CONTRACTS else ""
    words = short_day(day, today)
    if isinstance(when, datetime):
        return f"{words[:1].upper()}{words[1:]} {when:%H:%M}"
    if item.kind == AgendaKind.ACTIONS:
        return f"Overdue {words}" if item.urgent and day < today else f"Due {words}"
    if item.kind == AgendaKind.MILESTONES:
        return f"Due {words}"
    if item.kind == AgendaKind.CONTRACTS:
        return f"Ends {words}" if day >= today else f"Ended {words}"
    return f"Since {words}"


def build_agenda(
    conn: Connection, today: date, now: datetime | None = None, days: int = DEFAULT_DAYS
) -> Agenda:
    """The whole agenda on ``today`` (``now`` defaults to the start of that day, which
    tests pin; the app passes the clock), in one read transaction."""
    moment = now if now is not None else datetime.combine(today, time.min)
    with transaction(conn):
        names = _names(conn)
        contracts = _open_contracts(conn)
        sections = {
            AgendaKind.SESSIONS: sessions_ahead(conn, names, moment, days),
            AgendaKind.AWAITING: sessions_awaiting(conn, names, moment),
            AgendaKind.ACTIONS: actions_due(conn, names, today, days),
            AgendaKind.MILESTONES: milestones_overdue(conn, names, today),
            AgendaKind.AT_RISK: clients_at_risk(names, contracts, today),
            AgendaKind.CONTRACTS: contracts_ending(conn, names, contracts, today),
            AgendaKind.RETENTION: retention_passed(conn, today),
        }
    return Agenda(today=today, now=moment, days=days, sections=sections)
