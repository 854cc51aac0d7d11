"""Calendar (.ics) export of planned sessions, read back with the icalendar library."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import SessionState
from coachdesk.demo import demo_engagements
from coachdesk.vault.calendar import (
    DEFAULT_SUMMARY,
    EventText,
    check_target,
    event_summary,
    initials,
    write_calendar,
)
from coachdesk.vault.exchange import import_engagements
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault

TODAY = date(2026, 12, 3)
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def store(open_vault: Vault) -> Store:
    store = Store(open_vault.connection)
    import_engagements(store, [(e, []) for e in demo_engagements(TODAY)])
    return store


def events(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def export(store: Store, path: Path, **kw: object) -> list[icalendar.Event]:
    kw.setdefault("zone", BERLIN)
    write_calendar(store.conn, path, today=TODAY, **kw)  # type: ignore[arg-type]
    return events(path)


def test_planned_sessions_with_times_and_time_zone(store: Store, tmp_path: Path) -> None:
    found = export(store, tmp_path / "all.ics")
    planned = sorted(
        (s for c in store.clients.all() for s in store.sessions.for_client(c.id or 0)
         if s.state == SessionState.PLANNED and s.started_at.date() >= TODAY),
        key=lambda s: s.started_at,
    )  # fmt: skip
    assert len(found) == len(planned) == 3  # Marta's 9 and 10, Eleni's 8
    for event, session in zip(found, planned, strict=True):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert start.tzinfo is not None and str(event["dtstart"].params["TZID"]) == "Europe/Berlin"
        assert start.replace(tzinfo=None) == session.started_at
        assert end - start == timedelta(minutes=session.duration_minutes)
        assert str(event["status"]) == "CONFIRMED"
    calendar = icalendar.Calendar.from_ical((tmp_path / "all.ics").read_bytes())
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_without_a_named_zone_times_are_utc_by_the_systems_rules(
    store: Store, tmp_path: Path
) -> None:
    found = export(store, tmp_path / "utc.ics", zone=None, use_local_zone=False)
    start = found[0].decoded("dtstart")
    assert start.utcoffset() == timedelta(0)
    marta = next(c for c in store.clients.all() if c.name == "Marta Lindqvist")
    first = next(s for s in store.sessions.for_client(marta.id or 0) if s.number == 9)
    assert start == first.started_at.astimezone(UTC)


def test_no_client_data_by_default(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "plain.ics"
    found = export(store, path)
    raw = path.read_bytes().decode("utf-8")
    assert {str(e["summary"]) for e in found} == {DEFAULT_SUMMARY}
    for client in store.clients.all():
        for word in [*client.name.split(), client.organisation, client.email]:
            if len(word) > 3:
                assert word not in raw, word
    for event in found:
        assert "description" not in event and "location" not in event
        assert str(event["class"]) == "PRIVATE"
    # Agendas are client data too.
    assert "ExCo" not in raw and "roadmap" not in raw
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_initials_or_name_only_when_chosen(store: Store, tmp_path: Path) -> None:
    with_initials = export(store, tmp_path / "i.ics", text=EventText.INITIALS)
    assert {str(e["summary"]) for e in with_initials} == {
        "Coaching session · M. L.",
        "Coaching session · Ε. Π.",
    }
    with_names = export(store, tmp_path / "n.ics", text=EventText.NAME)
    assert "Coaching session · Marta Lindqvist" in {str(e["summary"]) for e in with_names}
    assert initials("  anna   von der  Heide ") == "A. V. D. H."
    assert event_summary("", EventText.NAME) == DEFAULT_SUMMARY


def test_uids_are_stable_across_exports_and_say_nothing(store: Store, tmp_path: Path) -> None:
    first = export(store, tmp_path / "a.ics")
    second = export(store, tmp_path / "a.ics")  # overwriting our own calendar
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in second]
    assert len({str(e["uid"]) for e in first}) == len(first)
    assert int(second[0]["sequence"]) >= int(first[0]["sequence"])
    for event in first:
        uid = str(event["uid"])
        assert uid.endswith("@coachdesk") and not any(ch.isspace() for ch in uid)
    # Renaming the client or moving the session keeps the UID: the event is updated.
    marta = next(c for c in store.clients.all() if c.name == "Marta Lindqvist")
    marta.name = "Marta Berg"
    store.clients.save(marta)
    session = next(s for s in store.sessions.for_client(marta.id or 0) if s.number == 9)
    session.started_at += timedelta(hours=2)
    store.sessions.save(session)
    third = export(store, tmp_path / "a.ics")
    assert {str(e["uid"]) for e in third} == {str(e["uid"]) for e in first}
    # A session cancelled since comes back as cancelled, so the calendar drops it.
    session.state = SessionState.CANCELLED
    store.sessions.save(session)
    fourth = {str(e["uid"]): str(e["status"]) for e in export(store, tmp_path / "a.ics")}
    assert sorted(fourth.values()) == ["CANCELLED", "CONFIRMED", "CONFIRMED"]


def test_one_client_only(store: Store, tmp_path: Path) -> None:
    eleni = next(c for c in store.clients.all() if c.name == "Ελένη Παπαδάκη")
    found = export(store, tmp_path / "one.ics", client_id=eleni.id)
    assert len(found) == 1
    all_uids = {str(e["uid"]) for e in export(store, tmp_path / "all.ics")}
    assert str(found[0]["uid"]) in all_uids


def test_uids_differ_between_vaults(tmp_path: Path, store: Store) -> None:
    from coachdesk.vault.keys import TEST_KDF

    other, _ = Vault.create(tmp_path / "other", "another passphrase here", kdf=TEST_KDF)
    try:
        other_store = Store(other.connection)
        import_engagements(other_store, [(e, []) for e in demo_engagements(TODAY)])
        mine = {str(e["uid"]) for e in export(store, tmp_path / "mine.ics")}
        theirs = {str(e["uid"]) for e in export(other_store, tmp_path / "theirs.ics")}
        assert mine.isdisjoint(theirs)
    finally:
        other.lock()


def test_the_target_is_checked_before_anything_is_written(
    store: Store, tmp_path: Path, open_vault: Vault
) -> None:
    vault_dir = open_vault.folder
    foreign = tmp_path / "holiday.ics"
    foreign.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Other//EN\r\nEND:VCALENDAR\r\n")
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    link = tmp_path / "link.ics"
    link.symlink_to(notes)
    cases = [
        (tmp_path / "x.txt", "does not end in .ics"),
        (vault_dir / "sessions.ics", "inside a vault folder"),
        (tmp_path / "missing" / "a.ics", "does not exist"),
        (foreign, "not a CoachDesk calendar"),
        (link, "symbolic link"),
    ]
    folder = tmp_path / "folder.ics"
    folder.mkdir()
    cases.append((folder, "is a folder"))
    for target, message in cases:
        with pytest.raises(InvalidInput, match=message):
            write_calendar(store.conn, target, today=TODAY, vault_dir=vault_dir)
    assert "Other" in foreign.read_text() and notes.read_text() == "keep me"
    assert link.is_symlink()
    assert not (vault_dir / "sessions.ics").exists()
    assert check_target(tmp_path / "new.ics", vault_dir) == tmp_path / "new.ics"


def test_an_empty_vault_writes_an_empty_calendar(open_vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "empty.ics"
    assert write_calendar(open_vault.connection, path, today=TODAY) == 0
    assert events(path) == []
    assert datetime.now(UTC)  # nothing else to check: it parses
