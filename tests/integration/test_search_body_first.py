"""Migration 8 puts the search index's body first: same hits, same order, same
snippets, same scores as the index of migration 7, in a smaller file."""

from __future__ import annotations

from pathlib import Path

import pytest

import coachdesk.vault.search as search_module
import coachdesk.vault.vault as vault_module
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.migrations import all_migrations, current_version, migrate
from coachdesk.vault.search import SearchHits, search
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, Vault
from pages import decrypted_file, decrypted_wal
from testsupport import sample_engagement

QUERIES = [
    "delegation",
    "board",
    "feedback team",
    "sess",
    "Ada",
    "emotion",
    "the",
    "contract",
    "milestone",
    "risk",
    "a",
    "zzzz-nothing",
]


def _results(vault: Vault) -> dict[str, SearchHits]:
    out = {}
    for query in QUERIES:
        out[query] = search(vault.connection, query, limit=200, recent=None)
        out[query + " (recent 3)"] = search(vault.connection, query, limit=5, recent=3)
    return out


def test_the_body_first_index_gives_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "vault"
    with monkeypatch.context() as patch:
        patch.setattr(vault_module, "migrate", lambda conn: migrate(conn, all_migrations()[:7]))
        # the search as it read migration 7's index: body fifth
        patch.setattr(search_module, "RANK", "bm25(0.0, 0.0, 0.0, 4.0, 1.0)")
        patch.setattr(search_module, "BODY_COLUMN", 4)
        vault, _code = Vault.create(folder, "seven seven", kdf=TEST_KDF)
        store = Store(vault.connection)
        for n, name in enumerate(("Ada Board", "Grace Team", "Edsger Risk", "Barbara Lee")):
            store.add_engagement(sample_engagement(name, marker=f"mark{n}"))
        assert current_version(vault.connection) == 7
        before = _results(vault)
        size_before = _index_bytes(vault)
        vault.lock()

    with Vault.unlock(folder, "seven seven") as vault:
        assert current_version(vault.connection) == 8
        columns = [row[1] for row in vault.connection.execute("PRAGMA table_info(search_index)")]
        assert columns[search_module.BODY_COLUMN] == "body"
        assert columns == ["body", "title", "kind", "record_id", "client_id"]
        after = _results(vault)
        assert _index_bytes(vault) < size_before
        vault.connection.execute(
            "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)"
        )
        assert vault.check() == []

    assert sum(len(hits) for hits in before.values()) > 100
    for query, hits in before.items():
        got = after[query]
        assert [(h.kind, h.record_id, h.snippet, h.title) for h in got] == [
            (h.kind, h.record_id, h.snippet, h.title) for h in hits
        ], query
        assert [h.rank for h in got] == pytest.approx([h.rank for h in hits], rel=1e-12)
        assert got.ranked_among == hits.ranked_among


def _index_bytes(vault: Vault) -> int:
    return int(
        vault.connection.execute("SELECT sum(length(block)) FROM search_index_data").fetchone()[0]
    )


def test_the_rebuild_leaves_no_word_of_an_earlier_version_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 7's index keeps an edited record's earlier words, shadowed, until a
    merge; migration 8 builds a new index from the records, and the old one's pages are
    zeroed (secure_delete) and no longer in the file or its log once the vault opened."""
    folder = tmp_path / "vault"
    earlier, later = "quarzelmintrop", "vobrikastelune"
    with monkeypatch.context() as patch:
        patch.setattr(vault_module, "migrate", lambda conn: migrate(conn, all_migrations()[:7]))
        vault, _code = Vault.create(folder, "seven seven", kdf=TEST_KDF)
        store = Store(vault.connection)
        client_id = store.add_engagement(sample_engagement("Ada Board"))
        session = store.load_engagement(client_id).sessions[0]
        session.agenda = f"Agenda {earlier}"
        store.sessions.save(session)
        session.agenda = f"Agenda {later}"
        store.sessions.save(session)
        key = bytes(vault._data_key or b"")
        vault.lock()

    def words() -> list[str]:
        data = decrypted_file(folder / DB_NAME, key) + decrypted_wal(folder / "vault.db-wal", key)
        return [w for w in (earlier, later) if w[3:].encode() in data]

    assert words() == [earlier, later]  # the earlier version's tokens, shadowed
    with Vault.unlock(folder, "seven seven") as vault:
        assert current_version(vault.connection) == 8
        assert words() == [later]
        assert [h.record_id for h in search(vault.connection, later)] == [session.id]
        assert search(vault.connection, earlier) == []
