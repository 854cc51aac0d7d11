"""``coachdesk sessions``, ``agenda``, ``calendar`` and ``report session`` without
``--session``, run as a user would, over the demo clients."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from pypdf import PdfReader

from coachdesk.core.model import SessionState
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import CliRunner

PASS = "correct horse battery staple"
ENV = {"COACHDESK_PASSPHRASE": PASS}


@pytest.fixture
def vault(run_cli: CliRunner, tmp_path: Path) -> Path:
    folder = tmp_path / "v"
    for args in (("init",), ("demo",)):
        proc = run_cli("--vault", folder, *args, env=ENV)
        assert proc.returncode == 0, proc.stderr
    return folder


def _client_id(vault: Path, name: str) -> int:
    with Vault.unlock(vault, PASS) as opened:
        return next(c.id for c in Store(opened.connection).clients.all() if c.name == name)  # type: ignore[misc]


def test_sessions_one_line_each_id_first_with_state(run_cli: CliRunner, vault: Path) -> None:
    daniel = _client_id(vault, "Daniel Okafor")
    proc = run_cli("--vault", vault, "sessions", "--client", daniel, env=ENV)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    sessions, summary = lines[:-1], lines[-1]
    assert len(sessions) == 12
    with Vault.unlock(vault, PASS) as opened:
        stored = {s.id: s for s in Store(opened.connection).sessions.for_client(daniel)}
    for line in sessions:
        sid, when, *_rest = line.split("\t")
        assert int(sid) in stored
        assert when == f"{stored[int(sid)].started_at:%Y-%m-%d %H:%M}"
    states = [line.split("\t")[-1] for line in sessions]
    assert states.count("Held") == 10
    assert "Cancelled late (counted)" in states
    assert states[-1] == "Did this session happen?"
    assert summary.startswith("# 10 held of 12 planned; 1 more used by late cancellation")


def test_agenda_lists_every_kind(run_cli: CliRunner, vault: Path) -> None:
    proc = run_cli("--vault", vault, "agenda", env=ENV)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for title in ("## Sessions (2)", "## Did these sessions happen? (1)", "## Action items due",
                  "## Overdue milestones", "## Clients at risk or off track",
                  "## Contracts ending or used up", "## Retention dates passed (0)"):  # fmt: skip
        assert title in out, title
    rows = [line for line in out.splitlines() if not line.startswith("##")]
    assert all(line.split("\t")[0].isdigit() for line in rows)  # client id first
    today_only = run_cli("--vault", vault, "agenda", "--days", "0", env=ENV)
    assert today_only.returncode == 0
    assert "## Did these sessions happen? (1)" in today_only.stdout


def test_calendar_all_and_one_client(run_cli: CliRunner, vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "sessions.ics"
    proc = run_cli("--vault", vault, "calendar", "-o", out, env=ENV)
    assert proc.returncode == 0, proc.stderr
    assert "'Coaching session' only" in proc.stdout
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    summaries = {str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert summaries == {"Coaching session"}
    assert out.stat().st_mode & 0o077 == 0
    marta = _client_id(vault, "Marta Lindqvist")
    again = run_cli(
        "--vault", vault, "calendar", "-o", out, "--client", marta, "--event-text", "name",
        env=ENV,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "NAME" in again.stdout  # the warning
    events = list(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert {str(e["summary"]) for e in events} == {"Coaching session · Marta Lindqvist"}


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["calendar", "-o", "{tmp}/x.txt"], ".ics"),
        (["calendar", "-o", "{vault}/x.ics"], "inside a vault folder"),
        (["calendar", "-o", "{tmp}/x.ics", "--client", "999"], "999"),
        (["calendar", "-o", "{tmp}/x.ics", "--event-text", "everything"], "invalid choice"),
        (["calendar"], "-o"),
        (["sessions"], "--client"),
        (["sessions", "--client", "999"], "999"),
        (["sessions", "--client", "x"], "not a whole number"),
        (["agenda", "--days", "-1"], "out of range"),
        (["agenda", "--days", "1000"], "out of range"),
        (["report", "session", "-o", "{tmp}/s.pdf"], "--client"),
    ],
)
def test_errors_exit_2_in_one_line(
    run_cli: CliRunner, vault: Path, tmp_path: Path, args: list[str], fragment: str
) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    filled = [a.format(tmp=tmp_path, vault=vault) for a in args]
    proc = run_cli("--vault", vault, *filled, env=ENV)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], lines
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not any(p.suffix == ".ics" for p in vault.iterdir())


def test_calendar_never_overwrites_a_foreign_file(
    run_cli: CliRunner, vault: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "holidays.ics"
    mine.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Someone//EN\r\nEND:VCALENDAR\r\n")
    proc = run_cli("--vault", vault, "calendar", "-o", mine, env=ENV)
    assert proc.returncode == 2 and "not a CoachDesk calendar" in proc.stderr
    assert "Someone" in mine.read_text()


def test_report_session_takes_the_latest_held(
    run_cli: CliRunner, vault: Path, tmp_path: Path
) -> None:
    daniel = _client_id(vault, "Daniel Okafor")
    out = tmp_path / "s.pdf"
    proc = run_cli("--vault", vault, "report", "session", "--client", daniel, "-o", out, env=ENV)
    assert proc.returncode == 0, proc.stderr
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(out).pages).split())
    assert "Session 10 of 12" in text  # not the session waiting for its outcome (11)
    # Mark that one held: it becomes the latest.
    with Vault.unlock(vault, PASS) as opened:
        store = Store(opened.connection)
        waiting = next(s for s in store.sessions.for_client(daniel) if s.number == 11)
        waiting.state = SessionState.HELD
        store.sessions.save(waiting)
        other = next(c.id for c in store.clients.all() if c.id != daniel)
    proc = run_cli("--vault", vault, "report", "session", "--client", daniel, "-o", out, env=ENV)
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(out).pages).split())
    assert proc.returncode == 0 and "Session 11 of 12" in text
    mixed = run_cli(
        "--vault", vault, "report", "session", "--client", other, "--session", waiting.id,
        "-o", tmp_path / "m.pdf", env=ENV,
    )  # fmt: skip
    assert mixed.returncode == 2 and "another client" in mixed.stderr
