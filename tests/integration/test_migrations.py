"""Schema migrations: in order, each atomic, idempotent, refused when the vault is newer."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk.core.errors import InvalidInput
from coachdesk.vault.migrations import (
    Migration,
    all_migrations,
    current_version,
    latest_version,
    migrate,
    split_statements,
)
from coachdesk.vault.vault import connect

KEY = bytes(range(32))


def _schema(conn: object) -> list[tuple[str, str]]:
    rows = conn.execute(  # type: ignore[attr-defined]
        "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [(str(name), str(sql)) for name, sql in rows]


def test_shipped_migrations_are_numbered_and_complete() -> None:
    migrations = all_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    for migration in migrations:
        assert migration.statements(), migration.version


def test_fresh_database_reaches_latest_and_rerun_is_noop(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db", KEY)
    applied = migrate(conn)
    assert applied == list(range(1, latest_version() + 1))
    schema = _schema(conn)
    assert migrate(conn) == []
    assert _schema(conn) == schema
    assert current_version(conn) == latest_version()
    conn.close()


def test_migrations_run_in_order_step_by_step(tmp_path: Path) -> None:
    log: list[int] = []
    steps = [
        Migration(1, "one", "CREATE TABLE a (x INTEGER);"),
        Migration(2, "two", "ALTER TABLE a ADD COLUMN y TEXT;\nINSERT INTO a VALUES (1, 'b');"),
        Migration(3, "three", "CREATE INDEX a_y ON a (y);"),
    ]
    conn = connect(tmp_path / "x.db", KEY)
    log += migrate(conn, steps[:1])
    log += migrate(conn, steps[:2])
    log += migrate(conn, steps)
    log += migrate(conn, steps)
    assert log == [1, 2, 3]
    assert conn.execute("SELECT x, y FROM a").fetchall() == [(1, "b")]
    conn.close()


def test_failing_migration_rolls_back_completely(tmp_path: Path) -> None:
    steps = [
        Migration(1, "one", "CREATE TABLE a (x INTEGER);"),
        Migration(2, "broken", "CREATE TABLE b (y INTEGER);\nINSERT INTO nowhere VALUES (1);"),
    ]
    conn = connect(tmp_path / "x.db", KEY)
    with pytest.raises(Exception, match="nowhere"):
        migrate(conn, steps)
    assert current_version(conn) == 1
    names = {name for name, _ in _schema(conn)}
    assert "b" not in names  # the half of migration 2 that ran was rolled back
    conn.close()


def test_newer_vault_is_refused(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db", KEY)
    conn.execute("PRAGMA user_version = 999")
    with pytest.raises(InvalidInput, match="newer CoachDesk"):
        migrate(conn)
    conn.close()


def test_split_statements_keeps_triggers_whole() -> None:
    script = """
    CREATE TABLE t (x);
    CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN
        SELECT 1;
        SELECT 2;
    END;
    INSERT INTO t VALUES (';');
    """
    statements = split_statements(script)
    assert len(statements) == 3
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


# --- Migration 5: session states ---------------------------------------------------------


def test_version_2_vault_gets_session_states(tmp_path: Path) -> None:
    """A vault written by 0.1 (schema 2): sessions before the migration become held,
    later ones planned; contracts count late cancellations and no-shows; the records
    read back through today's store."""
    from datetime import datetime, timedelta

    from coachdesk.core.model import SessionState
    from coachdesk.vault.store import Store

    conn = connect(tmp_path / "old.db", KEY)
    assert migrate(conn, all_migrations()[:2]) == [1, 2]
    past = (datetime.now() - timedelta(days=3)).replace(microsecond=0)
    soon = (datetime.now() + timedelta(days=3)).replace(microsecond=0)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO clients (id, name) VALUES (1, 'Ада Лавлейс')")
    conn.execute(
        "INSERT INTO contracts (id, client_id, session_count, status) VALUES (1, 1, 6, 'draft')"
    )
    for sid, when in ((1, past - timedelta(days=30)), (2, past), (3, soon)):
        conn.execute(
            "INSERT INTO sessions (id, client_id, started_at, agenda) VALUES (?, 1, ?, 'x')",
            (sid, when.isoformat()),
        )
    conn.execute("COMMIT")
    before = conn.execute("SELECT count(*) FROM search_index").fetchone()[0]

    assert migrate(conn) == list(range(3, latest_version() + 1))
    states = dict(conn.execute("SELECT id, state FROM sessions ORDER BY id").fetchall())
    assert states == {1: "held", 2: "held", 3: "planned"}
    store = Store(conn)
    sessions = store.sessions.for_client(1)
    assert [s.state for s in sessions] == [SessionState.HELD, SessionState.HELD, "planned"]
    contract = store.contracts.for_client(1)
    assert contract is not None
    assert contract.late_cancellation_counts is True and contract.no_show_counts is True
    contract.no_show_counts = False
    store.contracts.save(contract)
    assert store.contracts.for_client(1).no_show_counts is False  # type: ignore[union-attr]
    names = {name for name, _ in _schema(conn)}
    assert {"sessions_by_start", "sessions_by_client_state", "action_items_open_by_due"} <= names
    assert conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == before
    # The database refuses a state the app does not know.
    with pytest.raises(Exception, match="CHECK"):
        conn.execute("UPDATE sessions SET state = 'maybe' WHERE id = 1")
    conn.close()


def test_worksheets_migration_keeps_old_feedback_as_typed_by_the_coach(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db", KEY)
    before = [m for m in all_migrations() if m.version < 4]
    migrate(conn, before)
    conn.execute("INSERT INTO clients (name) VALUES ('A')")
    conn.execute(
        "INSERT INTO feedback_entries (client_id, received_on, observed_behaviour) "
        "VALUES (1, '2026-01-01', 'x')"
    )
    migrate(conn)
    assert conn.execute("SELECT source FROM feedback_entries").fetchone()[0] == "coach"
    with pytest.raises(Exception, match="CHECK"):
        conn.execute("UPDATE feedback_entries SET source = 'rumour'")
    conn.close()
