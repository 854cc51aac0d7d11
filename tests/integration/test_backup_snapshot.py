"""The backup's snapshot: the database's encrypted pages copied as they are (issue 17).

What must hold (docs/backup-format.md section 7, docs/security.md "Revocation"): the copy
is one moment even while another connection keeps committing; it is the vault file
byte for byte (nothing decrypted, nothing re-encrypted); when the pages cannot be had
under the write lock the online backup API still makes a complete snapshot; backups
made by CoachDesk 0.1 (the backup-API snapshot) still verify and restore; and after a
key rotation no backup carries a page that the old data key opens.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from coachdesk.backup import archive, create_backup, restore_backup, verify_backup
from coachdesk.core.errors import IntegrityFailure, WrongPassphrase
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, HEADER_NAME, Vault, connect
from testsupport import PASSPHRASE, NewVault

PAGE = 4096
ROWS = 200
OLD_BACKUP = Path(__file__).resolve().parent / "data" / "backup-0.1.cdbackup"


def extract(backup: Path, passphrase: str, into: Path) -> Path:
    """The backup's vault.db and vault.key, fully verified, in ``into``; its vault.db."""
    into.mkdir()
    tracker = archive._Tracker(None, None, "")
    archive._extract(backup, passphrase, into, tracker, durable=False)
    return into / DB_NAME


def pages(path: Path) -> set[bytes]:
    data = path.read_bytes()
    return {data[i : i + PAGE] for i in range(0, len(data), PAGE)}


class Writer(threading.Thread):
    """Commits generation after generation on its own connection, as autosave does:
    each transaction rewrites every row (with fresh random padding, so many pages
    change) and logs its generation. A snapshot of one moment has every row at the
    same generation, and that generation is the last one logged."""

    def __init__(self, vault: Vault) -> None:
        super().__init__(daemon=True)
        self.conn = vault.open_connection()
        self.committed = 0
        self.error: BaseException | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                generation = self.committed + 1
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute(
                    "UPDATE generations SET g = ?, pad = randomblob(1500)", (generation,)
                )
                self.conn.execute("INSERT INTO generation_log (g) VALUES (?)", (generation,))
                self.conn.execute("COMMIT")
                self.committed = generation
                # Move the log into the file as often as possible: a copy of the file
                # not protected from this would catch pages of two generations.
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            self.conn.close()


def _prepare_generations(vault: Vault) -> None:
    with vault.transaction() as conn:
        conn.execute("CREATE TABLE generations (id INTEGER PRIMARY KEY, g INTEGER, pad BLOB)")
        conn.execute("CREATE TABLE generation_log (g INTEGER)")
        conn.executemany(
            "INSERT INTO generations (g, pad) VALUES (0, randomblob(1500))",
            [()] * ROWS,
        )


def test_snapshot_is_one_moment_under_a_concurrent_writer(
    open_vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _prepare_generations(open_vault)
    fallbacks: list[int] = []
    original = archive._copy_with_backup_api

    def counting(*args: Any) -> int:
        fallbacks.append(1)
        return original(*args)

    monkeypatch.setattr(archive, "_copy_with_backup_api", counting)
    # A slow copy in small steps (the cancel check runs between two), so the writer
    # gets many chances to get in the way.
    monkeypatch.setattr(archive, "_SNAPSHOT_STEP_PAGES", 1)

    def slowly() -> bool:
        time.sleep(0.002)
        return False

    writer = Writer(open_vault)
    writer.start()
    seen: list[tuple[int, int, int]] = []
    try:
        while writer.committed < 3:  # the writer is running before the first backup
            writer.join(0.01)
        for i in range(6):
            before = writer.committed
            backup = tmp_path / f"b{i}.cdbackup"
            create_backup(open_vault, backup, PASSPHRASE, kdf=TEST_KDF, cancel=slowly)
            after = writer.committed
            db = extract(backup, PASSPHRASE, tmp_path / f"x{i}")
            conn = connect(db, open_vault.data_key())
            try:
                rows = conn.execute("SELECT g, count(*) FROM generations GROUP BY g").fetchall()
                logged = conn.execute("SELECT max(g) FROM generation_log").fetchone()[0]
            finally:
                conn.close()
            assert len(rows) == 1 and rows[0][1] == ROWS, rows  # one generation, every row
            assert rows[0][0] == logged  # ... and the last one committed
            assert before <= logged <= after  # everything committed before the backup began
            seen.append((before, logged, after))
    finally:
        writer.stop.set()
        writer.join()
    assert writer.error is None, writer.error  # no save failed or waited too long
    # The writer really committed while backups were being taken, and the pages were
    # copied under the lock each time, not by the fallback.
    assert any(after > before for before, _logged, after in seen), seen
    assert fallbacks == []


def test_the_snapshot_is_the_vault_file_byte_for_byte(open_vault: Vault, tmp_path: Path) -> None:
    """Nothing is decrypted or re-encrypted: the pages are the file's, as they are."""
    _prepare_generations(open_vault)
    with open_vault.transaction() as conn:  # frames waiting in the log, to be moved first
        conn.execute("UPDATE generations SET g = 1")
    backup = tmp_path / "b.cdbackup"
    create_backup(open_vault, backup, PASSPHRASE, kdf=TEST_KDF)
    db = extract(backup, PASSPHRASE, tmp_path / "x")
    assert db.read_bytes() == (open_vault.folder / DB_NAME).read_bytes()
    verify_backup(backup, PASSPHRASE)


def test_a_reader_holding_old_pages_makes_the_backup_api_take_over(
    open_vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long read (a report being rendered) keeps pages of the log from the file: the
    pages cannot be copied as they are, so the online backup API makes the snapshot,
    which still holds everything committed."""
    _prepare_generations(open_vault)
    used: list[int] = []
    original = archive._copy_with_backup_api

    def counting(*args: Any) -> int:
        used.append(1)
        return original(*args)

    monkeypatch.setattr(archive, "_copy_with_backup_api", counting)
    reader = open_vault.open_connection()
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM generations").fetchone()[0] == ROWS
        with open_vault.transaction() as conn:
            conn.execute("UPDATE generations SET g = 7")
            conn.execute("INSERT INTO generation_log (g) VALUES (7)")
        backup = tmp_path / "b.cdbackup"
        create_backup(open_vault, backup, PASSPHRASE, kdf=TEST_KDF)
        assert reader.execute("SELECT max(g) FROM generations").fetchone()[0] == 0
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    assert used == [1]
    restore_backup(backup, PASSPHRASE, tmp_path / "r")
    with Vault.unlock(tmp_path / "r", PASSPHRASE) as restored:
        conn = restored.connection
        assert conn.execute("SELECT g, count(*) FROM generations GROUP BY g").fetchall() == [
            (7, ROWS)
        ]


def test_a_backup_made_by_coachdesk_0_1_still_verifies_and_restores(tmp_path: Path) -> None:
    """tests/integration/data/backup-0.1.cdbackup was written by CoachDesk 0.1 (main at
    31ad2ab, the online-backup-API snapshot, schema 6): a vault created with the test
    KDF and testsupport's passphrase, holding ``sample_engagement("Fixture Client",
    marker="OLD-FORMAT-FIXTURE")``. Fictional data only."""
    info = verify_backup(OLD_BACKUP, PASSPHRASE)
    assert info.app_version == "0.1.0" and info.schema_version == 6
    with pytest.raises(WrongPassphrase):
        verify_backup(OLD_BACKUP, "not the passphrase of that day")
    restore_backup(OLD_BACKUP, PASSPHRASE, tmp_path / "r")
    with Vault.unlock(tmp_path / "r", PASSPHRASE) as restored:
        assert restored.check() == []
        store = Store(restored.connection)
        (client_id,) = store.clients.ids()
        engagement = store.load_engagement(client_id)
        assert engagement.client.name == "Fixture Client"
        assert engagement.contract is not None
        assert "OLD-FORMAT-FIXTURE" in engagement.contract.title
        assert engagement.sessions
    # The recovery code of that day opens the restored vault too.
    Vault.recover(
        tmp_path / "r", "Z5QS-S4RX-VAYS-HZ6J-31XD-AWQ9-ETQT-TXRD", "a new passphrase here"
    ).lock()


def test_after_rotate_key_no_backup_carries_a_page_the_old_key_opens(
    new_vault: NewVault, tmp_path: Path
) -> None:
    """docs/security.md: the snapshot's pages are the vault file's, under the data key
    of that moment. A rotation re-encrypts every page, so a backup made afterwards holds
    no page of the old file and none that authenticates under the old data key; and an
    old backup opens with nothing it did not open before (its own passphrase only)."""
    folder = new_vault.folder
    rng = random.Random(3)
    with Vault.unlock(folder, new_vault.passphrase) as vault:
        _prepare_generations(vault)
        with vault.transaction() as conn:
            conn.execute("DELETE FROM generations WHERE id % 3 = 0")  # free pages too
        old_key = vault.data_key()
        old_backup = tmp_path / "old.cdbackup"
        create_backup(vault, old_backup, new_vault.passphrase, kdf=TEST_KDF)
        old_pages = pages(folder / DB_NAME)
        vault.change_passphrase(new_vault.passphrase, "the new passphrase", kdf=TEST_KDF)
        new_code = vault.rotate_keys("the new passphrase", kdf=TEST_KDF)
        new_key = vault.data_key()
        with vault.transaction() as conn:
            conn.execute("UPDATE generations SET g = ?", (rng.randint(1, 9),))
        new_backup = tmp_path / "new.cdbackup"
        create_backup(vault, new_backup, "the new passphrase", kdf=TEST_KDF)
    assert new_key != old_key

    # The new backup: every page authenticates under the new key (verify runs
    # cipher_integrity_check over each one), none is a page of the old file, and the
    # old key opens nothing in it.
    verify_backup(new_backup, "the new passphrase")
    new_db = extract(new_backup, "the new passphrase", tmp_path / "new")
    assert not pages(new_db) & old_pages
    with pytest.raises(IntegrityFailure):
        connect(new_db, old_key)
    with pytest.raises(WrongPassphrase):
        verify_backup(new_backup, new_vault.passphrase)

    # The old backup: still its own passphrase only. Neither the new passphrase nor the
    # new recovery code opens it, and the new data key does not open its database.
    for secret in ("the new passphrase", new_code):
        with pytest.raises(WrongPassphrase):
            verify_backup(old_backup, secret)
    old_db = extract(old_backup, new_vault.passphrase, tmp_path / "old")
    with pytest.raises(IntegrityFailure):
        connect(old_db, new_key)
    connect(old_db, old_key).close()
    assert (tmp_path / "old" / HEADER_NAME).read_bytes() != (folder / HEADER_NAME).read_bytes()


def test_without_copy_file_range_the_pages_are_copied_by_reads_and_writes(
    open_vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another file system (or macOS, which has no such call): the same bytes."""
    _prepare_generations(open_vault)

    def unsupported(*_args: Any) -> int:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(archive.os, "copy_file_range", unsupported, raising=False)
    monkeypatch.setattr(archive, "_SNAPSHOT_STEP_PAGES", 1)  # many steps
    backup = tmp_path / "b.cdbackup"
    create_backup(open_vault, backup, PASSPHRASE, kdf=TEST_KDF)
    db = extract(backup, PASSPHRASE, tmp_path / "x")
    assert db.read_bytes() == (open_vault.folder / DB_NAME).read_bytes()
