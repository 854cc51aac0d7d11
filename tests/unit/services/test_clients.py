"""Archiving and deleting a client, as the use cases the main window and the CLI call.

No Qt here: a real (test-KDF) vault, the real repositories, the vault file read back.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coachdesk.core.errors import NotFound
from coachdesk.core.model import ClientStatus
from coachdesk.services.clients import archive_client, delete_client
from coachdesk.vault.search import search
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, Vault
from pages import decrypted_file, decrypted_wal
from testsupport import NewVault, sample_engagement

MARKER = "WOMBAT-ERASE-4411"


@pytest.fixture
def vault(new_vault: NewVault) -> Iterator[Vault]:
    opened = Vault.unlock(new_vault.folder, new_vault.passphrase)
    yield opened
    if opened._conn is not None:  # the erasure test locks it itself, to read the file
        opened.lock()


def test_archive_closes_the_client_and_keeps_every_record(vault: Vault) -> None:
    store = Store(vault.connection)
    client_id = store.add_engagement(sample_engagement("Archived Client", marker=MARKER))
    before = store.load_engagement(client_id)

    archived = archive_client(store, client_id)

    after = store.load_engagement(client_id)
    assert archived.status == after.client.status == ClientStatus.CLOSED
    assert after.sessions == before.sessions
    assert after.contract == before.contract
    assert after.emotions == before.emotions and after.feedback == before.feedback
    assert search(store.conn, MARKER)  # still found: archiving hides nothing


def test_archiving_twice_changes_nothing_more(vault: Vault) -> None:
    store = Store(vault.connection)
    client_id = store.add_engagement(sample_engagement("Twice"))
    first = archive_client(store, client_id)
    second = archive_client(store, client_id)
    assert first == second == store.clients.get(client_id)


def test_unknown_client_is_refused_and_nothing_changes(vault: Vault) -> None:
    store = Store(vault.connection)
    kept = store.add_engagement(sample_engagement("Kept"))
    with pytest.raises(NotFound):
        archive_client(store, kept + 100)
    with pytest.raises(NotFound):
        delete_client(store, kept + 100)
    assert store.clients.ids() == [kept]
    assert store.clients.get(kept).status == ClientStatus.ACTIVE


def test_delete_erases_the_client_provably_and_keeps_the_others(
    vault: Vault, new_vault: NewVault
) -> None:
    store = Store(vault.connection)
    keep_id = store.add_engagement(sample_engagement("Kept Client"))
    gone_id = store.add_engagement(sample_engagement("Gone Client", marker=MARKER))
    key = bytes(vault._data_key or b"")
    vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert MARKER.encode() in decrypted_file(new_vault.folder / DB_NAME, key)

    delete_client(store, gone_id)

    assert store.clients.ids() == [keep_id]
    assert search(store.conn, MARKER) == []
    assert search(store.conn, "Kept Client")
    assert MARKER.encode() not in decrypted_wal(new_vault.folder / "vault.db-wal", key)
    vault.lock()
    plain = decrypted_file(new_vault.folder / DB_NAME, key)
    assert b"Kept Client" in plain  # the scan does see live text
    assert MARKER.encode() not in plain
    assert b"Gone Client" not in plain
