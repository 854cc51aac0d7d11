"""Full-text search (FTS5) inside the encrypted vault."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coachdesk.core.model import EmotionEntry, FeedbackEntry
from coachdesk.vault.search import RecordKind, fts_query, search
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import sample_engagement


@pytest.fixture
def store(open_vault: Vault) -> Store:
    s = Store(open_vault.connection)
    s.add_engagement(sample_engagement("Ирина Соколова"))
    s.add_engagement(sample_engagement("Jonas Berg"))
    return s


def _kinds(hits: list) -> set[RecordKind]:  # type: ignore[type-arg]
    return {h.kind for h in hits}


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("defensive when challenged", RecordKind.SESSION),  # private notes
        ("Shared summary", RecordKind.SESSION),
        ("48 hours notice", RecordKind.CONTRACT),
        ("escalated per week", RecordKind.OUTCOME),
        ("Delegation map agreed", RecordKind.MILESTONE),
        ("Reorganisation", RecordKind.RISK),
        ("Interrupted CFO", RecordKind.EMOTION),
        ("stand-ups", RecordKind.FEEDBACK),
        ("Northwind", RecordKind.CLIENT),
    ],
)
def test_finds_every_kind_of_record(store: Store, words: str, kind: RecordKind) -> None:
    hits = search(store.conn, words)
    assert kind in _kinds(hits)
    hit = next(h for h in hits if h.kind == kind)
    assert hit.client_name in {"Ирина Соколова", "Jonas Berg"}
    assert hit.record_id > 0 and hit.client_id > 0


def test_accents_and_case_do_not_matter(store: Store) -> None:
    for query in ("muller", "MÜLLER", "Müller"):
        hits = search(store.conn, query)
        assert hits and all("ller" in h.plain_snippet for h in hits), query
    assert search(store.conn, "соколова")[0].client_name == "Ирина Соколова"


def test_prefix_of_last_word_and_snippet_marks(store: Store) -> None:
    hits = search(store.conn, "delegat")
    assert hits
    parts = hits[0].snippet_parts()
    assert any(is_match and text.lower().startswith("delegat") for text, is_match in parts)


def test_results_ranked_and_limited(store: Store) -> None:
    hits = search(store.conn, "summary", limit=4)
    assert len(hits) == 4
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_search_restricted_to_one_client(store: Store) -> None:
    jonas = next(s.id for s in store.clients.summaries() if s.name == "Jonas Berg")
    hits = search(store.conn, "summary", client_id=jonas)
    assert hits and {h.client_id for h in hits} == {jonas}


def test_index_follows_updates_and_deletes(store: Store) -> None:
    client_id = store.clients.ids()[0]
    session = store.sessions.for_client(client_id)[0]
    session.shared_summary = "We explored the axolotl metaphor"
    store.sessions.save(session)
    assert [h.record_id for h in search(store.conn, "axolotl")] == [session.id]
    session.shared_summary = "Nothing special"
    store.sessions.save(session)
    assert search(store.conn, "axolotl") == []

    entry = EmotionEntry(
        client_id=client_id, occurred_at=datetime(2026, 2, 3, 8), label="calm", pleasantness=2,
        energy=-1, situation="Quiet walk by the fjord",
    )  # fmt: skip
    store.emotions.save(entry)
    feedback = FeedbackEntry(
        client_id=client_id,
        received_on=date(2026, 2, 4),
        observed_behaviour="Praised the fjord team",
    )
    store.feedback.save(feedback)
    assert _kinds(search(store.conn, "fjord")) == {RecordKind.EMOTION, RecordKind.FEEDBACK}
    store.emotions.delete(entry.id or 0)
    assert _kinds(search(store.conn, "fjord")) == {RecordKind.FEEDBACK}
    store.delete_client(client_id)
    assert search(store.conn, "fjord") == []
    assert all(h.client_id != client_id for h in search(store.conn, "summary"))


@pytest.mark.parametrize(
    "typed", ['"', "AND", "NEAR(", "title:foo", "*", "a OR b", "-x", "((", "'", "^"]
)
def test_fts_syntax_typed_by_the_user_is_harmless(store: Store, typed: str) -> None:
    search(store.conn, typed)  # no exception


def test_fts_query_quotes_words() -> None:
    assert fts_query("  ") is None
    assert fts_query('say "hi" NEAR(x') == '"say" "hi" "NEAR" "x"*'
