"""Create, unlock, lock and maintain a vault folder.

A vault is a folder holding ``vault.db`` (SQLCipher 4, keyed with a random 256-bit data
key passed as a raw key, never a passphrase pasted into SQL), ``vault.key`` (see
:mod:`coachdesk.vault.header`) and, while open, ``vault.lock``.

Only the data key is kept while the vault is unlocked (SQLCipher needs it, and worker
threads open their own connections with it); the master key and the key-encryption
keys exist only during the call that needs them. Operations that rewrite the header
(passphrase change, data-key rotation) therefore ask for the passphrase again.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

import sqlcipher3

from coachdesk.core.errors import IntegrityFailure, InvalidInput, NotFound, WrongPassphrase
from coachdesk.vault import db, keys
from coachdesk.vault.db import Connection
from coachdesk.vault.files import atomic_write_bytes, secure_mkdir
from coachdesk.vault.header import VaultHeader
from coachdesk.vault.lockfile import LOCK_NAME, VaultLock
from coachdesk.vault.migrations import migrate
from coachdesk.vault.outputs import check_new_vault_folder, tighten_folder

DB_NAME = "vault.db"
HEADER_NAME = "vault.key"
CACHE_KIB = 64 * 1024
"""SQLite page cache per connection (decrypted pages; grows only as pages are read)."""


def is_vault(folder: Path) -> bool:
    return (Path(folder) / HEADER_NAME).is_file()


def connect(db_path: Path, data_key: bytes) -> Connection:
    """Open ``db_path`` with a raw SQLCipher key and CoachDesk's pragmas.

    Raises IntegrityFailure if the file cannot be read with this key (wrong key,
    damaged first page, not a database).
    """
    conn = sqlcipher3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        # SQLCipher decrypts and authenticates a page each time it enters SQLite's page
        # cache, so a cache too small for one client's records (or a search's index
        # pages) pays that again on every visit; 2 MiB (SQLite's default) was.
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, sqlcipher3.OperationalError) and "locked" in str(exc):
            raise
        raise IntegrityFailure(
            "the vault database (vault.db) is damaged or does not belong to this vault header"
        ) from None
    return conn


class Vault:
    """An unlocked vault. Use :meth:`create` or :meth:`unlock`; call :meth:`lock` when done."""

    def __init__(self, folder: Path, conn: Connection, data_key: bytes, lock: VaultLock) -> None:
        self.folder = folder
        self._conn: Connection | None = conn
        self._data_key: bytearray | None = bytearray(data_key)
        self._lock = lock

    # -- opening -------------------------------------------------------------------

    @classmethod
    def create(
        cls, folder: Path, passphrase: str, kdf: keys.KdfParams | None = None
    ) -> tuple[Vault, str]:
        """Create a new vault; returns it unlocked, with the recovery code to show once."""
        folder = Path(folder)
        keys.check_new_passphrase(passphrase)
        if folder.exists() and not folder.is_dir():
            raise InvalidInput(f"{folder} is a file, not a folder")
        if folder.is_dir() and any(p.name != LOCK_NAME for p in folder.iterdir()):
            raise InvalidInput(f"{folder} is not empty; choose a new or empty folder")
        check_new_vault_folder(folder)
        kdf = kdf or keys.calibrate_kdf()
        secure_mkdir(folder)
        tighten_folder(folder)
        lock = VaultLock(folder)
        lock.acquire()
        try:
            master_key, data_key = secrets.token_bytes(32), secrets.token_bytes(32)
            recovery_code = keys.new_recovery_code()
            header = VaultHeader.new(master_key, data_key)
            header.seal_slot("passphrase", keys.normalize_passphrase(passphrase), master_key, kdf)
            header.seal_slot(
                "recovery", keys.normalize_recovery_code(recovery_code), master_key, kdf
            )
            # Created owner-only here, so SQLite's WAL and SHM files inherit the mode
            # even in a process that did not set a strict umask.
            os.close(os.open(folder / DB_NAME, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            conn = connect(folder / DB_NAME, data_key)
            try:
                migrate(conn)
            except BaseException:
                conn.close()
                raise
            # The header is written last: its presence is what makes the folder a vault.
            atomic_write_bytes(folder / HEADER_NAME, header.to_bytes(master_key))
        except BaseException:
            lock.release()
            raise
        return cls(folder, conn, data_key, lock), recovery_code

    @classmethod
    def unlock(cls, folder: Path, passphrase: str) -> Vault:
        """Open with the passphrase. WrongPassphrase, IntegrityFailure, VaultInUse, NotFound."""
        return cls._open(Path(folder), "passphrase", keys.normalize_passphrase(passphrase))

    @classmethod
    def recover(
        cls,
        folder: Path,
        recovery_code: str,
        new_passphrase: str,
        kdf: keys.KdfParams | None = None,
    ) -> Vault:
        """Open with the recovery code and set a new passphrase (the old one stops working)."""
        keys.check_new_passphrase(new_passphrase)
        code = keys.normalize_recovery_code(recovery_code)
        folder = Path(folder)
        try:
            vault = cls._open(folder, "recovery", code)
        except WrongPassphrase:
            raise WrongPassphrase("wrong recovery code; nothing was changed") from None
        try:
            header, master_key = _read_header_and_master_key(folder, "recovery", code)
            header.seal_slot(
                "passphrase",
                keys.normalize_passphrase(new_passphrase),
                master_key,
                kdf or header.slots["passphrase"].kdf,
            )
            atomic_write_bytes(folder / HEADER_NAME, header.to_bytes(master_key))
        except BaseException:
            vault.lock()
            raise
        return vault

    @classmethod
    def _open(cls, folder: Path, slot: str, secret: bytes) -> Vault:
        if not is_vault(folder):
            raise NotFound(
                f"no vault in {folder}; create one with 'coachdesk --vault {folder} init'"
            )
        db_path = folder / DB_NAME
        if not db_path.is_file():
            raise IntegrityFailure(f"the vault database is missing from {folder}")
        lock = VaultLock(folder)
        lock.acquire()
        try:
            header, master_key = _read_header_and_master_key(folder, slot, secret)
            data_key = header.open_data_key(master_key, header.data_key)
            try:
                conn = connect(db_path, data_key)
            except IntegrityFailure:
                if header.pending_data_key is None:
                    raise
                # A data-key rotation was interrupted after the database was re-keyed.
                data_key = header.open_data_key(master_key, header.pending_data_key)
                conn = connect(db_path, data_key)
            if header.pending_data_key is not None:
                _finish_rotation(folder, header, master_key, data_key)
            try:
                migrate(conn)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(folder, conn, data_key, lock)

    # -- using ---------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def connection(self) -> Connection:
        if self._conn is None:
            raise InvalidInput("the vault is locked")
        return self._conn

    def open_connection(self) -> Connection:
        """A second connection to the same database, e.g. for a worker thread."""
        if self._data_key is None:
            raise InvalidInput("the vault is locked")
        return connect(self.folder / DB_NAME, bytes(self._data_key))

    def data_key(self) -> bytes:
        """The raw SQLCipher key: a backup keys its snapshot with it, and carries it
        (encrypted) so that verifying a backup needs only the backup passphrase."""
        if self._data_key is None:
            raise InvalidInput("the vault is locked")
        return bytes(self._data_key)

    def transaction(self) -> contextlib.AbstractContextManager[Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception (nests)."""
        return db.transaction(self.connection)

    def check(self) -> list[str]:
        """Problems found by SQLCipher's page MACs and SQLite's own checks (empty: healthy)."""
        conn = self.connection
        problems: list[str] = []
        try:
            # cipher_integrity_check reads the database file itself, not the WAL. After a
            # key rotation, or a crash, the WAL may hold pages (under the new key) that
            # the file does not have yet: copy them in first, or healthy pages fail.
            with contextlib.suppress(sqlcipher3.OperationalError):  # a full disk is not damage
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            for row in conn.execute("PRAGMA cipher_integrity_check"):
                problems.append(f"encryption check: {row[0]}")
            for row in conn.execute("PRAGMA integrity_check"):
                if row[0] != "ok":
                    problems.append(f"database check: {row[0]}")
            for row in conn.execute("PRAGMA foreign_key_check"):
                problems.append(f"broken reference in table {row[0]}")
        except sqlcipher3.DatabaseError as exc:
            problems.append(f"database unreadable: {exc}")
        return problems

    # -- keys ----------------------------------------------------------------------

    def check_recovery_code(self, recovery_code: str) -> None:
        """WrongPassphrase unless ``recovery_code`` opens this vault (before printing a kit)."""
        try:
            _read_header_and_master_key(
                self.folder, "recovery", keys.normalize_recovery_code(recovery_code)
            )
        except WrongPassphrase:
            raise WrongPassphrase("wrong recovery code for this vault") from None

    def change_passphrase(
        self, old_passphrase: str, new_passphrase: str, kdf: keys.KdfParams | None = None
    ) -> None:
        """Re-wrap the master key under a new passphrase (one atomic header write)."""
        keys.check_new_passphrase(new_passphrase)
        header, master_key = _read_header_and_master_key(
            self.folder, "passphrase", keys.normalize_passphrase(old_passphrase)
        )
        header.seal_slot(
            "passphrase",
            keys.normalize_passphrase(new_passphrase),
            master_key,
            kdf or header.slots["passphrase"].kdf,
        )
        atomic_write_bytes(self.folder / HEADER_NAME, header.to_bytes(master_key))

    def rotate_data_key(self, passphrase: str) -> None:
        """Re-encrypt the whole database under a fresh data key.

        Crash-safe in three steps: the new key is first recorded in the header as
        *pending*, then the database is re-keyed (one SQLite transaction), then the
        header makes the new key current. An interruption at any point leaves a vault
        that opens: :meth:`_open` tries the pending key and finishes the job.
        """
        header, master_key = _read_header_and_master_key(
            self.folder, "passphrase", keys.normalize_passphrase(passphrase)
        )
        new_key = secrets.token_bytes(32)
        header.pending_data_key = header.seal_data_key(master_key, new_key)
        atomic_write_bytes(self.folder / HEADER_NAME, header.to_bytes(master_key))
        self.connection.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        # From here the database opens only with the new key: keep it even if what
        # follows fails (a worker's or a backup's connection needs the right one).
        self._forget_key()
        self._data_key = bytearray(new_key)
        # The re-keyed pages are in the WAL; move them into the file now, so the file
        # is under one key again (and cipher_integrity_check sees what is there).
        self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        _finish_rotation(self.folder, header, master_key, new_key)

    # -- closing -------------------------------------------------------------------

    def lock(self) -> None:
        """Checkpoint, close the database, forget the key, release the folder lock."""
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(sqlcipher3.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        self._forget_key()
        self._lock.release()

    def _forget_key(self) -> None:
        if self._data_key is not None:
            for i in range(len(self._data_key)):
                self._data_key[i] = 0
            self._data_key = None

    close = lock

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()


def _read_header_and_master_key(
    folder: Path, slot: str, secret: bytes
) -> tuple[VaultHeader, bytes]:
    try:
        raw = (folder / HEADER_NAME).read_bytes()
    except FileNotFoundError:
        raise NotFound(f"no vault header in {folder}") from None
    header = VaultHeader.parse(raw)
    master_key = header.open_slot(slot, secret)
    header.verify_mac(master_key)
    return header, master_key


def _finish_rotation(folder: Path, header: VaultHeader, master_key: bytes, data_key: bytes) -> None:
    header.data_key = header.seal_data_key(master_key, data_key)
    header.pending_data_key = None
    atomic_write_bytes(folder / HEADER_NAME, header.to_bytes(master_key))
