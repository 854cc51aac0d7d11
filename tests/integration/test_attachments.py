"""Attachments in a real SQLCipher vault: byte-identical round trips, deduplication,
link rules, refusals, search, backup/restore, and erasure proven by decrypting every
page of the vault file and its WAL."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pytest

from coachdesk.backup import create_backup, restore_backup
from coachdesk.core.attachments import CHUNK_BYTES, MAX_ATTACHMENT_BYTES, Attachment
from coachdesk.core.errors import InvalidInput, NotFound, ValidationError
from coachdesk.vault.attachments import AttachmentCancelled
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.search import RecordKind, search
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, Vault
from pages import decrypted_file, decrypted_wal
from testsupport import NewVault, sample_engagement

MARKER = b"AttachMarker-Pangolin-5519"


@pytest.fixture
def vault(new_vault: NewVault) -> Iterator[Vault]:
    vault = Vault.unlock(new_vault.folder, new_vault.passphrase)
    yield vault
    if vault.is_open:
        vault.lock()


@pytest.fixture
def store(vault: Vault) -> Store:
    return Store(vault.connection)


def marked_bytes(size: int, marker: bytes = MARKER) -> bytes:
    """Random bytes with the marker every 1000 bytes (so every page of the file has it)."""
    data = bytearray(os.urandom(size))
    for offset in range(0, max(size - len(marker), 0), 1000):
        data[offset : offset + len(marker)] = marker
    return bytes(data)


def read_back(store: Store, attachment_id: int) -> bytes:
    return b"".join(store.attachments.chunks(attachment_id))


@pytest.mark.parametrize(
    "size", [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 77]
)
def test_round_trip_is_byte_identical(store: Store, tmp_path: Path, size: int) -> None:
    client_id = store.add_engagement(sample_engagement())
    data = os.urandom(size)
    source = tmp_path / "profile.pdf"
    source.write_bytes(data)
    added = store.attachments.add_file(client_id, source, title="Profile", note="n")
    assert read_back(store, added.attachment_id) == data
    stored = store.attachments.get(added.attachment_id)
    assert (stored.size, stored.sha256) == (size, hashlib.sha256(data).hexdigest())
    assert (stored.file_name, stored.media_type) == ("profile.pdf", "application/pdf")
    out = tmp_path / "copy.pdf"
    assert store.attachments.save_copy(added.attachment_id, out) == size
    assert out.read_bytes() == data
    assert out.stat().st_mode & 0o777 == 0o600


def test_identical_files_are_stored_once_and_erased_with_the_last_reference(
    store: Store, tmp_path: Path
) -> None:
    first_client = store.add_engagement(sample_engagement("First"))
    second_client = store.add_engagement(sample_engagement("Second"))
    source = tmp_path / "360.pdf"
    source.write_bytes(marked_bytes(200_000))
    one = store.attachments.add_file(first_client, source)
    two = store.attachments.add_file(first_client, source, title="Again")
    three = store.attachments.add_file(second_client, source)
    assert not one.deduplicated and two.deduplicated and three.deduplicated
    count = "SELECT count(*) FROM attachment_contents"
    assert store.conn.execute(count).fetchone()[0] == 1
    store.attachments.delete(one.attachment_id)
    assert read_back(store, two.attachment_id) == source.read_bytes()
    store.delete_client(first_client)  # the second client's copy stays
    assert read_back(store, three.attachment_id) == source.read_bytes()
    store.attachments.delete(three.attachment_id)
    assert store.conn.execute(count).fetchone()[0] == 0
    with pytest.raises(NotFound):
        store.attachments.delete(three.attachment_id)


def test_erasing_a_client_leaves_no_byte_of_their_attachments(
    new_vault: NewVault, vault: Vault, store: Store, tmp_path: Path
) -> None:
    kept = store.add_engagement(sample_engagement("Kept Client"))
    gone = store.add_engagement(sample_engagement("Gone Client"))
    content = marked_bytes(3 * CHUNK_BYTES)
    source = tmp_path / "assessment.png"
    source.write_bytes(content)
    store.attachments.add_file(
        gone, source, title="TitleMarker-Okapi-88", note="NoteMarker-Axolotl-77"
    )
    kept_file = tmp_path / "kept.pdf"
    kept_file.write_bytes(marked_bytes(50_000, b"KeptMarker-Ibex-123"))
    store.attachments.add_file(kept, kept_file, title="Kept document")
    key = vault.data_key()
    # A second file of the same client, cancelled half-way through writing (its pages
    # reached the WAL before the rollback).
    other = tmp_path / "other.png"
    other.write_bytes(marked_bytes(3 * CHUNK_BYTES))
    polls: list[int] = []

    def cancel_while_writing() -> bool:
        polls.append(1)
        return len(polls) > 5  # 3 chunks hashed, 2 written

    with pytest.raises(AttachmentCancelled):
        store.attachments.add_file(gone, other, cancel=cancel_while_writing)
    assert MARKER in decrypted_file(new_vault.folder / DB_NAME, key)  # the scan sees it

    store.delete_client(gone)
    needles = [MARKER, b"TitleMarker-Okapi-88", b"NoteMarker-Axolotl-77", b"assessment"]
    wal = decrypted_wal(new_vault.folder / "vault.db-wal", key)
    live = decrypted_file(new_vault.folder / DB_NAME, key)
    for needle in needles:
        assert needle not in wal, needle
        assert needle not in live, needle
    assert b"KeptMarker-Ibex-123" in live + wal  # the scan does see live content
    vault.lock()
    plain = decrypted_file(new_vault.folder / DB_NAME, key)
    for needle in needles:
        assert needle not in plain, needle
    assert b"Kept document" in plain


def test_deleting_an_attachment_erases_its_bytes(
    new_vault: NewVault, vault: Vault, store: Store, tmp_path: Path
) -> None:
    client_id = store.add_engagement(sample_engagement())
    source = tmp_path / "whiteboard.jpg"
    source.write_bytes(marked_bytes(2 * CHUNK_BYTES + 5))
    added = store.attachments.add_file(client_id, source, note="NoteMarker-Tenrec-31")
    key = vault.data_key()
    store.attachments.delete(added.attachment_id)
    vault.lock()
    plain = decrypted_file(new_vault.folder / DB_NAME, key)
    plain += decrypted_wal(new_vault.folder / "vault.db-wal", key)
    assert MARKER not in plain and b"NoteMarker-Tenrec-31" not in plain


def test_links_must_belong_to_the_same_client(store: Store, tmp_path: Path) -> None:
    mine = store.add_engagement(sample_engagement("Mine"))
    theirs = store.add_engagement(sample_engagement("Theirs"))
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4 scan")
    my = store.load_engagement(mine)
    other = store.load_engagement(theirs)
    assert my.contract is not None and other.contract is not None
    good = store.attachments.add_file(
        mine,
        source,
        session_id=my.sessions[0].id,
        outcome_id=my.contract.outcomes[0].id,
        feedback_id=my.feedback[0].id,
        contract_version=my.contract.version,
    )
    linked = store.attachments.get(good.attachment_id)
    assert linked.session_id == my.sessions[0].id
    bad_links: list[dict[str, int | None]] = [
        {"session_id": other.sessions[0].id},
        {"outcome_id": other.contract.outcomes[0].id},
        {"feedback_id": other.feedback[0].id},
        {"contract_version": my.contract.version + 1},
        {"session_id": 10**9},
    ]
    before = store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0]
    for links in bad_links:
        with pytest.raises(ValidationError):
            store.attachments.add_file(mine, source, **links)  # type: ignore[arg-type]
        linked.session_id = links.get("session_id", linked.session_id)
    assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == before
    with pytest.raises(NotFound):
        store.attachments.add_file(10**9, source)
    # Editing the description is checked the same way.
    changed = store.attachments.get(good.attachment_id)
    changed.feedback_id = other.feedback[0].id
    with pytest.raises(ValidationError):
        store.attachments.describe(changed)
    changed = store.attachments.get(good.attachment_id)
    changed.title, changed.note, changed.dated = "Signed contract", "three signatures", None
    store.attachments.describe(changed)
    assert store.attachments.get(good.attachment_id).title == "Signed contract"
    # A deleted session unlinks, the attachment stays.
    store.sessions.delete(my.sessions[0].id or 0)
    assert store.attachments.get(good.attachment_id).session_id is None


def test_bad_sources_are_refused_and_change_nothing(store: Store, tmp_path: Path) -> None:
    client_id = store.add_engagement(sample_engagement())
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:  # sparse: no 100 MB written
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(ValidationError, match=r"at most 100\.0 MB"):
        store.attachments.add_file(client_id, huge)
    exactly = tmp_path / "limit.bin"
    with exactly.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES)
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for source in (Path("/dev/zero"), folder, fifo, tmp_path / "missing.pdf"):
        with pytest.raises(InvalidInput):
            store.attachments.add_file(client_id, source)
    empty_title = Attachment(client_id=client_id, title=" ", file_name="a.pdf")
    with pytest.raises(ValidationError):
        store.attachments.add(empty_title, lambda: io.BytesIO(b"x"), 1)
    assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM attachment_contents").fetchone()[0] == 0


def test_a_file_that_changes_while_it_is_added_is_refused(store: Store) -> None:
    client_id = store.add_engagement(sample_engagement())
    versions = [b"A" * 5000, b"B" * 5000]

    def changing() -> BinaryIO:
        return io.BytesIO(versions.pop(0))

    record = Attachment(client_id=client_id, title="Moving target", file_name="m.pdf")
    with pytest.raises(InvalidInput, match="changed"):
        store.attachments.add(record, changing, 5000)
    for opener_data, size in ((b"short", 10), (b"longer than said", 4)):
        with pytest.raises(InvalidInput):
            store.attachments.add(record, lambda d=opener_data: io.BytesIO(d), size)
    with pytest.raises(InvalidInput, match="SHA-256"):
        store.attachments.add(record, lambda: io.BytesIO(b"abc"), 3, expected_sha256="0" * 64)
    assert store.conn.execute("SELECT count(*) FROM attachment_contents").fetchone()[0] == 0


def test_search_finds_titles_and_notes_not_contents(store: Store, tmp_path: Path) -> None:
    client_id = store.add_engagement(sample_engagement())
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.4 contentword-wombat")
    added = store.attachments.add_file(
        client_id, source, title="Hogan assessment", note="Derailers: überkritisch"
    )
    hits = search(store.conn, "hogan")
    assert [(h.kind, h.record_id, h.client_id) for h in hits] == [
        (RecordKind.ATTACHMENT, added.attachment_id, client_id)
    ]
    assert search(store.conn, "uberkritisch")[0].record_id == added.attachment_id
    assert search(store.conn, "wombat") == []
    changed = store.attachments.get(added.attachment_id)
    changed.title = "Renamed profile"
    store.attachments.describe(changed)
    assert search(store.conn, "hogan") == []
    assert search(store.conn, "renamed")[0].kind == RecordKind.ATTACHMENT
    store.attachments.delete(added.attachment_id)
    assert search(store.conn, "renamed") == []


def test_backup_and_restore_carry_attachments(
    new_vault: NewVault, vault: Vault, store: Store, tmp_path: Path
) -> None:
    client_id = store.add_engagement(sample_engagement())
    data = marked_bytes(2 * CHUNK_BYTES + 3)
    source = tmp_path / "contract-scan.pdf"
    source.write_bytes(data)
    added = store.attachments.add_file(client_id, source, dated=date(2026, 2, 1))
    backup = tmp_path / "b.cdbackup"
    create_backup(vault, backup, new_vault.passphrase, kdf=TEST_KDF)
    vault.lock()
    restored_dir = tmp_path / "restored"
    restore_backup(backup, new_vault.passphrase, restored_dir)
    assert MARKER not in backup.read_bytes()
    with Vault.unlock(restored_dir, new_vault.passphrase) as restored:
        assert restored.check() == []
        copy = Store(restored.connection)
        assert read_back(copy, added.attachment_id) == data
        assert copy.attachments.get(added.attachment_id).dated == date(2026, 2, 1)
