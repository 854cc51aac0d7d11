"""The search index since migration 7: tokens only, cheap edits, erasure at delete.

Every text here carries made-up words that occur nowhere else. FTS5 stores a word in a
leaf page as the part that differs from the word before it (prefix compression), so a
scan looks for the word without its first three letters; the words start with
different letters, so no neighbour shares more than that.
"""

from __future__ import annotations

import random
import string
from datetime import datetime
from pathlib import Path

import pytest

import coachdesk.vault.search as search_module
from coachdesk.core.model import EmotionEntry
from coachdesk.vault.db import Connection, purge_deleted_text
from coachdesk.vault.migrations import all_migrations, migrate
from coachdesk.vault.search import search
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, Vault, connect
from pages import decrypted_file, decrypted_wal
from testsupport import NewVault, sample_engagement

_rng = random.Random(7)


def word() -> str:
    """A made-up word that FTS5 indexes as it is (lower case letters)."""
    return "".join(_rng.choice(string.ascii_lowercase) for _ in range(12))


def traces(vault: Vault, words: list[str], key: bytes = b"") -> list[str]:
    """The words (their tails) still anywhere in the database file or its WAL."""
    key = key or bytes(vault._data_key or b"")
    data = decrypted_file(vault.folder / DB_NAME, key) + decrypted_wal(
        vault.folder / "vault.db-wal", key
    )
    return [w for w in words if w[3:].encode() in data]


def secure_delete_setting(conn: Connection) -> int:
    row = conn.execute("SELECT v FROM search_index_config WHERE k = 'secure-delete'").fetchone()
    return int(row[0])


def check_index(conn: Connection) -> None:
    """FTS5 compares the index with the text the view gives (rank 1: content too)."""
    conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")


def test_an_edited_then_deleted_session_leaves_no_word_of_any_version(
    open_vault: Vault,
) -> None:
    store = Store(open_vault.connection)
    client_id = store.add_engagement(sample_engagement("Kept Client"))
    session = store.load_engagement(client_id).sessions[0]
    kept = word()
    other = store.load_engagement(client_id).sessions[1]
    other.private_notes += f" {kept}"
    store.sessions.save(other)
    versions = [word() for _ in range(4)]
    for text in versions:  # autosaves: each replaces the last word
        session.private_notes = f"Observation {text}"
        store.sessions.save(session)
    assert [h.record_id for h in search(store.conn, versions[-1])] == [session.id]
    assert search(store.conn, versions[0]) == []
    check_index(store.conn)
    assert secure_delete_setting(store.conn) == 0  # edits: no secure-delete

    assert session.id is not None
    store.sessions.delete(session.id)
    check_index(store.conn)
    assert traces(open_vault, [*versions, kept]) == [kept]  # the scan sees live words
    assert secure_delete_setting(store.conn) == 0
    assert store.conn.execute("SELECT count(*) FROM search_stale").fetchone()[0] == 0


def test_a_deleted_record_never_edited_is_erased_in_place(open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    client_id = store.add_engagement(sample_engagement())
    secret = word()
    entry = EmotionEntry(
        client_id=client_id,
        occurred_at=datetime(2026, 2, 3, 10, 0),
        label="Anxious",
        situation=f"Board {secret}",
    )
    store.emotions.save(entry)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert traces(open_vault, [secret]) == [secret]
    assert entry.id is not None
    store.emotions.delete(entry.id)
    # No merge was needed (nothing edited): FTS5 removed the word where it was.
    assert purge_deleted_text(store.conn) is False
    assert traces(open_vault, [secret]) == []
    check_index(store.conn)


def test_erasing_a_client_leaves_no_word_of_their_edited_records(open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    store.add_engagement(sample_engagement("Kept Client"))
    gone = store.add_engagement(sample_engagement("Gone Client"))
    engagement = store.load_engagement(gone)
    old, new = [word() for _ in range(5)], [word() for _ in range(5)]
    client = engagement.client
    client.intake_notes = old[0]
    store.clients.save(client)
    client.intake_notes = new[0]
    store.clients.save(client)
    session = engagement.sessions[0]
    session.insights = old[1]
    store.sessions.save(session)
    session.insights = new[1]
    store.sessions.save(session)
    contract = engagement.contract
    assert contract is not None
    contract.outcomes[0].measure = old[2]
    contract.risks[0].mitigation = old[3]
    store.contracts.save(contract)
    contract.outcomes[0].measure = new[2]
    contract.risks[0].mitigation = new[3]
    store.contracts.save(contract)
    emotion = engagement.emotions[0]
    emotion.thought = old[4]
    store.emotions.save(emotion)
    emotion.thought = new[4]
    store.emotions.save(emotion)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert len(traces(open_vault, old + new)) >= len(new)  # in the file before

    store.delete_client(gone)
    assert traces(open_vault, old + new) == []
    check_index(store.conn)
    assert [h.client_name for h in search(store.conn, "Northwind")] == ["Kept Client"]
    key = bytes(open_vault._data_key or b"")
    open_vault.lock()
    assert traces(open_vault, old + new, key) == []


def test_removing_an_edited_outcome_from_the_contract_erases_it(open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    client_id = store.add_engagement(sample_engagement())
    contract = store.load_engagement(client_id).contract
    assert contract is not None
    first, second = word(), word()
    contract.outcomes[1].measure = first
    store.contracts.save(contract)
    contract.outcomes[1].measure = second
    store.contracts.save(contract)
    del contract.outcomes[1]
    store.contracts.save(contract)
    assert traces(open_vault, [first, second]) == []
    check_index(store.conn)


def test_a_delete_inside_a_larger_transaction_is_purged_when_the_vault_locks(
    new_vault: NewVault,
) -> None:
    vault = Vault.unlock(new_vault.folder, new_vault.passphrase)
    store = Store(vault.connection)
    client_id = store.add_engagement(sample_engagement())
    first, second = word(), word()
    session = store.load_engagement(client_id).sessions[0]
    session.agenda = first
    store.sessions.save(session)
    session.agenda = second
    store.sessions.save(session)
    assert session.id is not None
    with store.transaction():
        store.sessions.delete(session.id)  # nested: the purge waits
    assert store.conn.execute("SELECT count(*) FROM search_stale WHERE deleted = 1").fetchone()[0]
    vault.lock()
    vault = Vault.unlock(new_vault.folder, new_vault.passphrase)
    try:
        assert traces(vault, [first, second]) == []
        assert vault.connection.execute("SELECT count(*) FROM search_stale").fetchone()[0] == 0
    finally:
        vault.lock()


def test_random_edits_and_deletes_keep_the_index_exact(open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    ids = [store.add_engagement(sample_engagement(f"Client {i}")) for i in range(3)]
    rng = random.Random(11)
    live: dict[int, str] = {}
    for step in range(60):
        engagement = store.load_engagement(rng.choice(ids))
        if not engagement.sessions:
            continue
        session = rng.choice(engagement.sessions)
        assert session.id is not None
        if step % 7 == 6:
            store.sessions.delete(session.id)
            live.pop(session.id, None)
        else:
            text = word()
            session.grow_goal = text
            store.sessions.save(session)
            live[session.id] = text
    check_index(store.conn)
    for session_id, text in live.items():
        assert [h.record_id for h in search(store.conn, text)] == [session_id]


# -- migration 7 ---------------------------------------------------------------------

KEY = bytes(range(32))
QUERIES = ["delegation", "Müller", "board meet", "Northwind", "first", "Leader", "report", "x"]


def _hits(conn: Connection) -> list[list[tuple[object, ...]]]:
    """Every field of every hit, the snippet by the words it marks: migration 7 joins a
    record's fields in their declaration order (``search=`` in core/fields.py), which
    differs from migration 2's for sessions and emotions, so the words around the
    matches may come in another order. Ranks do not depend on it (BM25 counts words)."""
    return [
        [
            (
                h.kind,
                h.record_id,
                h.client_id,
                h.client_name,
                h.title,
                sorted(p.lower() for p, marked in h.snippet_parts() if marked),
                h.rank,
            )
            for h in search(conn, text, limit=100, recent=None)
        ]
        for text in QUERIES
    ]


def test_upgrading_a_version_6_vault_rebuilds_the_index_with_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = connect(tmp_path / "v.db", KEY)
    migrate(conn, all_migrations()[:6])
    store = Store(conn)
    ids = [
        store.add_engagement(sample_engagement(f"Client {i}", marker=f"mark{i}")) for i in range(4)
    ]
    with monkeypatch.context() as patch:  # the search as it read the index before 8
        patch.setattr(search_module, "RANK", "bm25(0.0, 0.0, 0.0, 4.0, 1.0)")
        patch.setattr(search_module, "BODY_COLUMN", 4)
        before = _hits(conn)
    assert sum(len(h) for h in before) > 20
    copy_count = conn.execute("SELECT count(*) FROM search_index_content").fetchone()[0]
    assert copy_count > 0

    assert migrate(conn) == [7, 8]
    assert _hits(conn) == before
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "search_index_content" not in tables  # no second copy of the text
    check_index(conn)
    # Old data keeps working: edits and deletes go through the new triggers.
    engagement = store.load_engagement(ids[0])
    engagement.sessions[0].agenda = "Brand new agenda wording"
    store.sessions.save(engagement.sessions[0])
    assert [h.record_id for h in search(conn, "wording")] == [engagement.sessions[0].id]
    store.delete_client(ids[2])
    check_index(conn)
    assert not [h for h in search(conn, "mark2")]
    conn.close()


def test_the_view_gives_the_text_each_record_was_indexed_with(open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    store.add_engagement(sample_engagement())
    conn = store.conn
    rows = conn.execute("SELECT rid, kind, record_id FROM search_source").fetchall()
    assert {r[1] for r in rows} >= {0, 1, 2, 3, 4, 5, 6, 7}
    for rid, kind, record_id in rows:
        assert rid == record_id * 8 + kind
    plan = " ".join(
        str(r[-1])
        for r in conn.execute("EXPLAIN QUERY PLAN SELECT body FROM search_source WHERE rid = 9")
    )
    assert "SCAN sessions" not in plan and "USING INDEX sessions_search_rid" in plan


@pytest.mark.parametrize("bound", [3, 10, 40])
def test_a_bounded_search_ranks_the_newest_matches_and_says_so(
    open_vault: Vault, bound: int
) -> None:
    store = Store(open_vault.connection)
    for i in range(5):
        store.add_engagement(sample_engagement(f"Client {i}"))
    conn = store.conn
    for text in ["delegation", "shared", "decision", "board", "Müller", "observation"]:
        exact = search(conn, text, limit=100, recent=None)
        bounded = search(conn, text, limit=100, recent=bound)
        matches = [
            int(r[0])
            for r in conn.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC",
                (f'"{text}"*',),
            )
        ]
        if len(matches) <= bound:
            assert bounded == exact and bounded.ranked_among is None
            continue
        assert bounded.ranked_among == bound
        newest = set(matches[:bound])
        # The same order as ranking every match, restricted to the newest `bound`.
        full = search(conn, text, limit=len(matches), recent=None)
        expected = [
            h
            for h in full
            if (h.record_id * 8 + h.kind if h.kind != 8 else -h.record_id * 8) in newest
        ][:100]
        assert bounded == expected


def test_a_backup_and_an_export_of_a_version_6_vault_restore_and_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made before migration 7 (the vault code stops at schema 6), read by this one."""
    import coachdesk.vault.vault as vault_module
    from coachdesk.backup import create_backup, restore_backup
    from coachdesk.vault.exchange import read_export, write_export
    from coachdesk.vault.keys import TEST_KDF
    from coachdesk.vault.migrations import current_version

    with monkeypatch.context() as patch:
        patch.setattr(vault_module, "migrate", lambda conn: migrate(conn, all_migrations()[:6]))
        old, _code = Vault.create(tmp_path / "old", "six six six", kdf=TEST_KDF)
        store = Store(old.connection)
        client_id = store.add_engagement(sample_engagement("Old Client", marker="oldmark"))
        assert current_version(old.connection) == 6
        create_backup(old, tmp_path / "old.cdbackup", "six six six", kdf=TEST_KDF)
        write_export(store, tmp_path / "old.json", [client_id])
        old.lock()

    restore_backup(tmp_path / "old.cdbackup", "six six six", tmp_path / "restored")
    with Vault.unlock(tmp_path / "restored", "six six six") as restored:
        assert current_version(restored.connection) == all_migrations()[-1].version
        hits = search(restored.connection, "oldmark", limit=100)
        assert {h.client_name for h in hits} == {"Old Client"} and len(hits) > 10
        check_index(restored.connection)
        assert restored.check() == []

    new, _code = Vault.create(tmp_path / "new", "seven seven seven", kdf=TEST_KDF)
    with new:
        from coachdesk.vault.exchange import import_export

        store = Store(new.connection)
        [imported] = import_export(store, read_export(tmp_path / "old.json"))
        assert store.load_engagement(imported).client.name == "Old Client"
        assert len(search(new.connection, "oldmark", limit=100)) == len(hits)
        check_index(new.connection)
