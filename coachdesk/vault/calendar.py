"""Calendar files (.ics) of planned sessions, for the coach's own calendar app.

A calendar lives outside the vault (synced, shared with an assistant, shown on a phone's
lock screen), so by default an event says "Coaching session" and nothing else: no name,
no organisation, no agenda. The coach may choose initials or the full name
(:class:`EventText`); the Settings dialog warns what that means.

Every event's UID is derived from the vault's calendar namespace (a random id kept in
the vault, see migration 5) and the session's id, never from client data, so exporting
again *updates* the events in the calendar instead of duplicating them, and a session
cancelled since the last export comes back as ``STATUS:CANCELLED``.

Times are the coach's local times. With a known IANA time zone (``TZ`` or the system's
``/etc/localtime``) events carry it by name with its VTIMEZONE; otherwise they are
written in UTC, converted with the system's own rules for each date (summer time
included). The file is written through :func:`coachdesk.vault.files.atomic_write_bytes`
(owner-only, atomic), only where it cannot clobber something that is not a CoachDesk
calendar.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coachdesk.core.attendance import session_end
from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import Session, SessionState
from coachdesk.vault.db import Connection, transaction
from coachdesk.vault.files import atomic_write_bytes
from coachdesk.vault.outputs import check_output_file

if TYPE_CHECKING:
    import icalendar

# icalendar is imported where a calendar is made or read, not with this module: it
# costs about a tenth of a second, and the app's window imports this module before
# its lock screen is shown (issue 17).

PRODID = "-//CoachDesk//Planned sessions//EN"
DEFAULT_SUMMARY = "Coaching session"
CALENDAR_NAME = "CoachDesk sessions"
NAMESPACE_KEY = "calendar_namespace"
"""The vault_meta key of the random id every UID is derived from."""
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
"""SEQUENCE counts minutes from here, so each export outranks the one before."""
MAX_EXISTING_BYTES = 64 * 1024 * 1024
"""An existing file larger than this is not read to check whether it is ours."""


class EventText(StrEnum):
    """What an event says about the client."""

    GENERIC = "generic"
    """ "Coaching session": nothing about the client (the default)."""
    INITIALS = "initials"
    """ "Coaching session · M. L." """
    NAME = "name"
    """ "Coaching session · Marta Lindqvist": the name leaves the vault."""


def initials(name: str) -> str:
    """ "Marta Lindqvist" → "M. L."; letters of any script."""
    return " ".join(f"{word[0].upper()}." for word in name.split() if word[:1].isalpha())


def event_summary(name: str, text: EventText) -> str:
    if text == EventText.NAME and name.strip():
        return f"{DEFAULT_SUMMARY} · {' '.join(name.split())}"
    if text == EventText.INITIALS and initials(name):
        return f"{DEFAULT_SUMMARY} · {initials(name)}"
    return DEFAULT_SUMMARY


def calendar_namespace(conn: Connection) -> uuid.UUID:
    """The vault's calendar namespace, created on first use and kept in the vault."""
    with transaction(conn):
        row = conn.execute("SELECT value FROM vault_meta WHERE key = ?", (NAMESPACE_KEY,))
        found = row.fetchone()
        if found is not None:
            return uuid.UUID(str(found[0]))
        value = uuid.uuid4()
        conn.execute(
            "INSERT INTO vault_meta (key, value) VALUES (?, ?)", (NAMESPACE_KEY, str(value))
        )
        return value


def event_uid(namespace: uuid.UUID, session_id: int) -> str:
    """Stable for the session in this vault, opaque to anyone reading the calendar."""
    return f"{uuid.uuid5(namespace, f'session/{session_id}')}@coachdesk"


def local_zone() -> tzinfo | None:
    """The system's IANA time zone, when it can be named; None otherwise."""
    names = []
    configured = os.environ.get("TZ", "").lstrip(":")
    if configured:
        names.append(configured)
    try:
        link = str(Path("/etc/localtime").readlink())
    except (OSError, NotImplementedError):
        link = ""
    if "zoneinfo/" in link:
        names.append(link.split("zoneinfo/", 1)[1])
    for name in names:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


def _moment(local: datetime, zone: tzinfo | None) -> datetime:
    """A naive local time as an aware one: in ``zone``, or as UTC by the system's rules."""
    if zone is not None:
        return local.replace(tzinfo=zone)
    return local.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """A session to put in the calendar, with the client's name for the chosen text."""

    session: Session
    client_name: str


def planned_entries(
    conn: Connection, today: date, client_id: int | None = None
) -> list[CalendarEntry]:
    """Sessions from ``today`` on that are planned, or were cancelled (so a calendar
    that has them from an earlier export learns they are off)."""
    clause = "s.started_at >= ? AND s.state IN ('planned', 'cancelled', 'cancelled_late')"
    params: list[object] = [today.isoformat()]
    if client_id is not None:
        clause += " AND s.client_id = ?"
        params.append(client_id)
    rows = conn.execute(
        "SELECT s.id, s.client_id, s.started_at, s.duration_minutes, s.state, c.name "
        f"FROM sessions s JOIN clients c ON c.id = s.client_id WHERE {clause} "
        "ORDER BY s.started_at, s.id",
        params,
    )
    return [
        CalendarEntry(
            Session(
                id=int(row[0]),
                client_id=int(row[1]),
                started_at=datetime.fromisoformat(str(row[2])),
                duration_minutes=int(row[3]),
                state=SessionState(str(row[4])),
            ),
            str(row[5]),
        )
        for row in rows
    ]


def build_calendar(
    entries: list[CalendarEntry],
    namespace: uuid.UUID,
    *,
    text: EventText = EventText.GENERIC,
    zone: tzinfo | None = None,
    stamp: datetime | None = None,
) -> icalendar.Calendar:
    """The calendar of ``entries``; ``zone`` None writes UTC times."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    when = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    for entry in entries:
        session = entry.session
        assert session.id is not None
        event = icalendar.Event()
        event.add("uid", event_uid(namespace, session.id))
        event.add("dtstamp", when)
        event.add("dtstart", _moment(session.started_at, zone))
        event.add("dtend", _moment(session_end(session), zone))
        event.add("summary", event_summary(entry.client_name, text))
        cancelled = session.state != SessionState.PLANNED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        # A later export must win over an earlier one: the sequence grows with time.
        event.add("sequence", max(int((when - _EPOCH).total_seconds()) // 60, 0))
        event.add("transp", "OPAQUE")
        event.add("class", "PRIVATE")
        calendar.add_component(event)
    if zone is not None and entries:
        calendar.add_missing_timezones()
    return calendar


def check_target(target: Path, vault_dir: Path | None) -> Path:
    """Refuse a place where writing could destroy something that is not ours: inside
    any vault folder, a link, a folder, a name without .ics, or an existing file that is
    not a CoachDesk calendar. Returns the path to write."""
    # The one rule for every output first: never inside any vault folder, never through
    # a link (coachdesk/vault/outputs.py).
    target = check_output_file(target, vault_folder=vault_dir)
    if target.suffix.lower() != ".ics":
        raise InvalidInput(f"{target.name or target} does not end in .ics; give a FILE.ics")
    if (target.is_symlink() or target.exists()) and not _is_our_calendar(target):
        raise InvalidInput(
            f"{target.name} exists and is not a CoachDesk calendar; choose another name"
        )
    return target


def _is_our_calendar(path: Path) -> bool:
    import icalendar

    try:
        if not path.is_file() or path.is_symlink():
            return False
        if path.stat().st_size > MAX_EXISTING_BYTES:
            return False
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
    except (OSError, ValueError):
        return False
    return str(calendar.get("prodid", "")) == PRODID


def write_calendar(
    conn: Connection,
    target: Path,
    *,
    today: date,
    client_id: int | None = None,
    text: EventText = EventText.GENERIC,
    vault_dir: Path | None = None,
    zone: tzinfo | None = None,
    use_local_zone: bool = True,
) -> int:
    """Write the .ics of planned sessions (one client's or all); returns how many
    events. ``zone`` overrides the system's time zone (tests pin one)."""
    target = check_target(target, vault_dir)
    namespace = calendar_namespace(conn)
    entries = planned_entries(conn, today, client_id)
    if zone is None and use_local_zone:
        zone = local_zone()
    calendar = build_calendar(entries, namespace, text=text, zone=zone)
    atomic_write_bytes(target, calendar.to_ical())
    return len(entries)
