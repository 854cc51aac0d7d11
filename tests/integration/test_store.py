"""Repositories on a real vault: CRUD, whole engagements, cascade delete, versions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coachdesk.core.errors import NotFound, ValidationError
from coachdesk.core.model import (
    ActionItem,
    Client,
    ClientStatus,
    ContractStatus,
    EmotionEntry,
    FeedbackEntry,
    Outcome,
    Session,
)
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, Vault
from pages import decrypted_file, decrypted_wal
from testsupport import NewVault, sample_engagement


@pytest.fixture
def store(open_vault: Vault) -> Store:
    return Store(open_vault.connection)


def test_client_crud(store: Store) -> None:
    client = Client(name="Jonas Berg", organisation="Acme", tags=["pilot"])
    client_id = store.clients.save(client)
    assert client.id == client_id
    loaded = store.clients.get(client_id)
    assert loaded.name == "Jonas Berg" and loaded.tags == ["pilot"]
    assert loaded.created_at is not None
    loaded.status = ClientStatus.PAUSED
    store.clients.save(loaded)
    assert store.clients.get(client_id).status == ClientStatus.PAUSED
    store.clients.delete(client_id)
    with pytest.raises(NotFound):
        store.clients.get(client_id)


def test_invalid_record_is_refused_and_nothing_written(store: Store) -> None:
    with pytest.raises(ValidationError) as error:
        store.clients.save(Client(name=""))
    assert error.value.field == "name"
    assert store.clients.all() == []


def test_every_record_type_round_trips(store: Store) -> None:
    engagement = sample_engagement()
    client_id = store.add_engagement(engagement)
    loaded = store.load_engagement(client_id)
    assert loaded.client.name == engagement.client.name
    assert loaded.contract is not None and engagement.contract is not None
    assert [o.statement for o in loaded.contract.outcomes] == [
        o.statement for o in engagement.contract.outcomes
    ]
    assert loaded.contract.outcomes[0].history[0].value == 10
    assert len(loaded.contract.milestones) == 2 and len(loaded.contract.risks) == 1
    # Links were remapped to the stored ids.
    first_outcome = loaded.contract.outcomes[0].id
    assert loaded.contract.milestones[0].outcome_id == first_outcome
    assert loaded.sessions[1].outcome_ids == [o.id for o in loaded.contract.outcomes]
    assert loaded.action_items[0].session_id == loaded.sessions[0].id
    assert loaded.feedback[0].outcome_id == first_outcome
    assert [e.label for e in loaded.emotions] == [e.label for e in engagement.emotions]
    assert loaded.sessions[0].private_notes.startswith("Private observation 0")


def test_update_and_delete_each_client_record(store: Store) -> None:
    client_id = store.add_engagement(sample_engagement())
    session = store.sessions.for_client(client_id)[0]
    session.shared_summary = "Rewritten"
    store.sessions.save(session)
    assert store.sessions.get(session.id or 0).shared_summary == "Rewritten"

    item = ActionItem(client_id=client_id, text="Book a 360")
    store.action_items.save(item)
    emotion = EmotionEntry(
        client_id=client_id, occurred_at=datetime(2026, 2, 1, 9), label="calm", pleasantness=2,
        energy=-2,
    )  # fmt: skip
    store.emotions.save(emotion)
    feedback = FeedbackEntry(
        client_id=client_id, received_on=date(2026, 2, 2), observed_behaviour="Listened well"
    )
    store.feedback.save(feedback)
    for repo, record_id in (
        (store.action_items, item.id),
        (store.emotions, emotion.id),
        (store.feedback, feedback.id),
        (store.sessions, session.id),
    ):
        repo.delete(record_id or 0)  # type: ignore[attr-defined]
        with pytest.raises(NotFound):
            repo.get(record_id or 0)  # type: ignore[attr-defined]


def test_database_checks_back_up_validation(store: Store) -> None:
    client_id = store.clients.save(Client(name="A"))
    with pytest.raises(ValidationError):
        store.emotions.save(
            EmotionEntry(client_id=client_id, occurred_at=datetime(2026, 1, 1), pleasantness=9)
        )
    with pytest.raises(ValidationError):
        store.sessions.save(
            Session(client_id=client_id, started_at=datetime(2026, 1, 1), process_rating=11)
        )


def test_client_summaries_filter_by_text_and_status(store: Store) -> None:
    store.add_engagement(sample_engagement("Ирина Соколова"))
    store.clients.save(Client(name="Zoë 100% Tanaka", status=ClientStatus.CLOSED))
    store.clients.save(Client(name="Ana Müller", organisation="Café_Net"))
    names = [s.name for s in store.clients.summaries()]
    assert names == ["Ana Müller", "Zoë 100% Tanaka", "Ирина Соколова"]
    assert [s.name for s in store.clients.summaries("100%")] == ["Zoë 100% Tanaka"]
    assert [s.name for s in store.clients.summaries("_net")] == ["Ana Müller"]
    active = store.clients.summaries(statuses=[ClientStatus.ACTIVE])
    assert {s.name for s in active} == {"Ana Müller", "Ирина Соколова"}
    irina = next(s for s in store.clients.summaries() if s.name.startswith("Ирина"))
    assert irina.session_count == 3 and irina.open_actions == 1
    assert irina.last_session is not None


def test_signed_contract_changes_keep_earlier_versions(store: Store) -> None:
    client_id = store.add_engagement(sample_engagement())
    contract = store.contracts.for_client(client_id)
    assert contract is not None and contract.status == ContractStatus.SIGNED
    contract_id = contract.id or 0
    original_fees = contract.fees

    # Signing again or changing only status is not an amendment.
    contract.signed_date = date(2026, 1, 6)
    store.contracts.save(contract)
    assert store.contracts.versions(contract_id) == []

    contract.fees = "EUR 500 per session"
    contract.outcomes.append(Outcome(statement="Build a successor"))
    store.contracts.save(contract)
    assert contract.version == 2 and contract.status == ContractStatus.AMENDED
    # Further autosaves of the amendment in progress edit it in place.
    contract.cadence = "monthly"
    store.contracts.save(contract)
    versions = store.contracts.versions(contract_id)
    assert [v.version for v in versions] == [1]
    assert versions[0].contract.fees == original_fees
    assert len(versions[0].contract.outcomes) == 2

    current = store.contracts.get(contract_id)
    assert current.fees == "EUR 500 per session" and len(current.outcomes) == 3
    current.status, current.signed_date = ContractStatus.SIGNED, date(2026, 3, 1)
    store.contracts.save(current)
    current.fees = "EUR 550"
    store.contracts.save(current)
    assert [v.version for v in store.contracts.versions(contract_id)] == [1, 2]


def test_contract_part_ids_survive_edits(store: Store) -> None:
    client_id = store.add_engagement(sample_engagement())
    contract = store.contracts.for_client(client_id)
    assert contract is not None
    kept = contract.outcomes[0].id
    removed = contract.outcomes[1].id
    contract.outcomes = [contract.outcomes[0]]
    contract.status = ContractStatus.DRAFT
    store.contracts.save(contract)
    reloaded = store.contracts.get(contract.id or 0)
    assert [o.id for o in reloaded.outcomes] == [kept]
    sessions = store.sessions.for_client(client_id)
    assert all(removed not in s.outcome_ids for s in sessions)


def test_delete_client_removes_everything_from_the_file(new_vault: NewVault) -> None:
    marker = "QUOKKA-SECRET-7731"
    vault = Vault.unlock(new_vault.folder, new_vault.passphrase)
    store = Store(vault.connection)
    keep_id = store.add_engagement(sample_engagement("Kept Client"))
    gone_id = store.add_engagement(sample_engagement("Gone Client", marker=marker))
    key = bytes(vault._data_key or b"")
    vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert marker.encode() in decrypted_file(new_vault.folder / DB_NAME, key)

    store.delete_client(gone_id)
    for table in ("sessions", "action_items", "emotion_entries", "feedback_entries", "contracts"):
        count = vault.connection.execute(
            f"SELECT count(*) FROM {table} WHERE client_id = ?", (gone_id,)
        ).fetchone()[0]
        assert count == 0, table
    for table in ("outcomes", "milestones", "risks", "outcome_readings", "search_index"):
        assert vault.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
    assert store.load_engagement(keep_id).client.name == "Kept Client"
    # Still open: the WAL holds the new pages; neither it nor the file may hold the text.
    assert marker.encode() not in decrypted_wal(new_vault.folder / "vault.db-wal", key)
    vault.lock()
    plain = decrypted_file(new_vault.folder / DB_NAME, key)
    assert b"Kept Client" in plain  # the scan does see live text
    assert marker.encode() not in plain
    assert b"Gone Client" not in plain


def test_engagement_loads_in_one_call(store: Store) -> None:
    client_id = store.add_engagement(sample_engagement())
    calls: list[str] = []
    store.conn.set_trace_callback(calls.append)
    engagement = store.load_engagement(client_id)
    store.conn.set_trace_callback(None)
    assert len(engagement.sessions) == 3
    assert calls[0].startswith("BEGIN") and calls[-1] == "COMMIT"
    assert len(calls) < 20  # a fixed number of queries, not one per record
