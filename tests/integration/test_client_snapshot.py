"""The shared client snapshot (``Store.snapshot``) gives the tabs what the repositories
give, reads each kind once, hands out copies, and is never used once the vault changed."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime

import pytest

from coachdesk.core.errors import NotFound
from coachdesk.core.model import EmotionEntry, Session
from coachdesk.demo import demo_engagements
from coachdesk.vault.snapshot import own_copy
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault

TODAY = date(2025, 6, 11)


@pytest.fixture
def store(open_vault: Vault) -> Store:
    store = Store(open_vault.connection)
    for engagement in demo_engagements(TODAY):
        store.add_engagement(engagement)
    return store


def _client_ids(store: Store) -> list[int]:
    return store.clients.ids()


def test_the_snapshot_engagement_equals_load_engagement(store: Store) -> None:
    for client_id in _client_ids(store):
        for since in (None, date(2025, 4, 1), date(2030, 1, 1)):
            snapshot = store.snapshot(client_id)
            assert snapshot.engagement(emotions_since=since) == store.load_engagement(
                client_id, emotions_since=since
            )
            assert snapshot.sessions() == store.sessions.for_client(client_id)
            assert snapshot.action_items() == store.action_items.for_client(client_id)
            assert snapshot.feedback() == store.feedback.for_client(client_id)
            assert snapshot.contract() == store.contracts.for_client(client_id)
            assert snapshot.disclosures() == store.disclosures.for_client(client_id)
            assert snapshot.client() == store.clients.get(client_id)


def test_each_kind_is_read_once_while_nothing_changes(store: Store) -> None:
    client_id = _client_ids(store)[0]
    reads: list[int] = []
    original = store.sessions.for_client

    def counting(cid: int) -> list[Session]:
        reads.append(cid)
        return original(cid)

    store.sessions.for_client = counting  # type: ignore[method-assign,assignment]
    snapshot = store.snapshot(client_id)
    snapshot.engagement()
    snapshot.sessions()
    store.snapshot(client_id).sessions()
    assert reads == [client_id]


def test_every_caller_gets_copies_of_its_own(store: Store) -> None:
    client_id = _client_ids(store)[0]
    snapshot = store.snapshot(client_id)
    first, second = snapshot.sessions(), snapshot.sessions()
    assert first == second and first[0] is not second[0]
    first[0].private_notes = "edited in one tab, not yet saved"
    first[0].outcome_ids.append(999_999)
    assert snapshot.sessions()[0] == second[0]
    contract = snapshot.contract()
    assert contract is not None and contract.outcomes
    contract.outcomes[0].statement = "changed"
    contract.outcomes[0].history.clear()
    assert snapshot.contract() == store.contracts.for_client(client_id)
    client = snapshot.client()
    client.tags.append("changed")
    assert snapshot.client() == store.clients.get(client_id)


def test_the_engagement_to_display_is_the_same_without_copies(store: Store) -> None:
    """The Overview's read: equal to the copies every tab gets, the very records the
    snapshot holds (no copy), and what is handed out afterwards is unaffected by it."""
    for client_id in _client_ids(store):
        snapshot = store.snapshot(client_id)
        shown = snapshot.engagement_to_display(emotions_since=date(2025, 4, 1))
        assert shown == store.load_engagement(client_id, emotions_since=date(2025, 4, 1))
        again = snapshot.engagement_to_display(emotions_since=date(2025, 4, 1))
        assert all(a is b for a, b in zip(shown.sessions, again.sessions, strict=True))
        assert shown.contract is again.contract and shown.client is again.client
        copies = snapshot.sessions()
        assert all(a is not b for a, b in zip(shown.sessions, copies, strict=True))
        # its lists are its own: a view that sorts or filters them changes no one else's
        shown.sessions.reverse()
        shown.action_items.clear()
        assert snapshot.sessions() == store.sessions.for_client(client_id)
        assert snapshot.action_items() == store.action_items.for_client(client_id)


def test_a_write_through_the_store_is_seen_at_once(store: Store) -> None:
    client_id = _client_ids(store)[0]
    snapshot = store.snapshot(client_id)
    session = snapshot.sessions()[0]
    session.shared_summary = "A new summary"
    store.sessions.save(session)
    assert not snapshot.is_current()
    assert store.snapshot(client_id).sessions()[0].shared_summary == "A new summary"
    assert snapshot.sessions()[0].shared_summary == "A new summary"  # an old handle too
    entry = EmotionEntry(client_id=client_id, occurred_at=datetime(2025, 6, 10, 9), label="calm")
    store.emotions.save(entry)
    loaded = store.snapshot(client_id).engagement(emotions_since=date(2025, 6, 1))
    assert entry.id in [e.id for e in loaded.emotions]


def test_a_failed_write_leaves_nothing_stale(store: Store) -> None:
    client_id = _client_ids(store)[0]
    before = store.snapshot(client_id).sessions()
    bad = replace(before[0], duration_minutes=-5)
    with pytest.raises(Exception):  # noqa: B017 - refused by validation, nothing written
        store.sessions.save(bad)
    assert store.snapshot(client_id).sessions() == store.sessions.for_client(client_id)


def test_a_commit_by_another_connection_is_seen(store: Store, open_vault: Vault) -> None:
    client_id = _client_ids(store)[0]
    snapshot = store.snapshot(client_id)
    assert snapshot.sessions()
    sibling = open_vault.open_connection()  # as a second process would write
    try:
        sibling.execute(
            "UPDATE sessions SET shared_summary = 'from elsewhere' WHERE client_id = ?",
            (client_id,),
        )
        sibling.commit()
    finally:
        sibling.close()
    assert not snapshot.is_current()
    assert {s.shared_summary for s in store.snapshot(client_id).sessions()} == {"from elsewhere"}


def test_a_deleted_client_is_not_found(store: Store) -> None:
    client_id = _client_ids(store)[0]
    store.snapshot(client_id).engagement()
    store.delete_client(client_id)
    with pytest.raises(NotFound):
        store.snapshot(client_id).engagement()


def test_one_client_at_a_time(store: Store) -> None:
    first, second = _client_ids(store)[:2]
    a = store.snapshot(first)
    b = store.snapshot(second)
    assert b is not a and b.client_id == second
    assert store.snapshot(second) is b
    assert all(s.client_id == second for s in b.sessions())


def _mutable_parts(value: object) -> list[object]:
    """Every list and record reachable from ``value`` (records included)."""
    found: list[object] = []
    if isinstance(value, list):
        found.append(value)
        for item in value:
            found += _mutable_parts(item)
    elif is_dataclass(value):
        found.append(value)
        for f in fields(value):
            found += _mutable_parts(getattr(value, f.name))
    return found


def test_a_copy_equals_its_record_and_shares_nothing_mutable() -> None:
    for engagement in demo_engagements(TODAY):
        copied = own_copy(engagement)
        assert copied == engagement
        originals = {id(part) for part in _mutable_parts(engagement)}
        assert not originals & {id(part) for part in _mutable_parts(copied)}
