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
import shutil
from pathlib import Path

import sqlcipher3

from coachdesk.core.errors import (
    IntegrityFailure,
    InvalidInput,
    NotFound,
    VaultInUse,
    WrongPassphrase,
    explain,
)
from coachdesk.vault import db, keys
from coachdesk.vault.db import Connection
from coachdesk.vault.files import atomic_write_bytes, atomic_writer, secure_mkdir
from coachdesk.vault.header import VaultHeader
from coachdesk.vault.lockfile import LOCK_NAME, VaultLock
from coachdesk.vault.migrations import migrate
from coachdesk.vault.outputs import check_new_vault_folder, tighten_folder
from coachdesk.vault.wal import inspect_wal

DB_NAME = "vault.db"
HEADER_NAME = "vault.key"
MAX_HEADER_BYTES = 1024 * 1024
"""A header is a few KiB; a larger vault.key is damage, and is not read whole."""
WAL_NAME = DB_NAME + "-wal"
SHM_NAME = DB_NAME + "-shm"
WAL_COPY_NAME = DB_NAME + db.WAL_COPY_SUFFIX
"""A copy of the write-ahead log found at the last open after an unclean shutdown,
taken before SQLite replayed it (docs/vault.md); replaced at the next one, removed by a
key rotation (its pages are under the old data key)."""
ACCEPT_WAL_LOSS_FLAG = "--accept-wal-loss"
_RESTORE_HINT = "restore the vault from a backup ('coachdesk backup restore FILE --into DIR')"
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
        if explain(exc).exit_code == VaultInUse.exit_code:  # busy, not damaged
            raise
        raise IntegrityFailure(
            "the vault database (vault.db) is damaged or does not belong to this vault "
            f"header; nothing was changed: {_RESTORE_HINT}"
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
        created_db = False
        try:
            # Again under the lock: a restore or another init may have filled it since.
            if any(p.name != LOCK_NAME for p in folder.iterdir()):
                raise InvalidInput(f"{folder} is not empty; choose a new or empty folder")
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
            created_db = True
            conn = connect(folder / DB_NAME, data_key)
            try:
                migrate(conn)
            except BaseException:
                conn.close()
                raise
            # The header is written last: its presence is what makes the folder a vault.
            try:
                atomic_write_bytes(folder / HEADER_NAME, header.to_bytes(master_key))
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if created_db:
                # No header was written: this database (created here with O_EXCL, under
                # the lock) is provably ours and no vault; a lone vault.db left behind
                # would block the next init or restore.
                for suffix in ("", "-wal", "-shm", "-journal"):
                    (folder / (DB_NAME + suffix)).unlink(missing_ok=True)
            lock.release()
            raise
        return cls(folder, conn, data_key, lock), recovery_code

    @classmethod
    def unlock(cls, folder: Path, passphrase: str, *, accept_wal_loss: bool = False) -> Vault:
        """Open with the passphrase. WrongPassphrase, IntegrityFailure, VaultInUse, NotFound.

        ``accept_wal_loss`` opens a vault whose write-ahead log is damaged, dropping
        what SQLite cannot replay (a copy of the log is kept); only when the coach
        explicitly chose that over restoring a backup.
        """
        return cls._open(
            Path(folder), "passphrase", keys.normalize_passphrase(passphrase), accept_wal_loss
        )

    @classmethod
    def recover(
        cls,
        folder: Path,
        recovery_code: str,
        new_passphrase: str,
        kdf: keys.KdfParams | None = None,
        *,
        accept_wal_loss: bool = False,
    ) -> Vault:
        """Open with the recovery code and set a new passphrase (the old one stops working)."""
        keys.check_new_passphrase(new_passphrase)
        code = keys.normalize_recovery_code(recovery_code)
        folder = Path(folder)
        try:
            vault = cls._open(folder, "recovery", code, accept_wal_loss)
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
    def _open(cls, folder: Path, slot: str, secret: bytes, accept_wal_loss: bool = False) -> Vault:
        if not is_vault(folder):
            raise NotFound(
                f"no vault in {folder}; create one with 'coachdesk --vault {folder} init'"
            )
        db_path = folder / DB_NAME
        if not db_path.is_file():
            raise IntegrityFailure(
                f"the vault database (vault.db) is missing from {folder} although its "
                f"header is there; nothing was changed: {_RESTORE_HINT}"
            )
        lock = VaultLock(folder)
        lock.acquire()
        try:
            header, master_key = _read_header_and_master_key(folder, slot, secret)
            # Before SQLite touches anything: it would make an empty file a new, empty
            # vault and replay a damaged log up to the damage, dropping the rest.
            _check_database_files(folder, accept_wal_loss)
            data_key = header.open_data_key(master_key, header.data_key)
            try:
                conn = connect(db_path, data_key)
            except IntegrityFailure:
                if header.pending_data_key is None:
                    raise
                # A data-key rotation was interrupted after the database was re-keyed.
                data_key = header.open_data_key(master_key, header.pending_data_key)
                conn = connect(db_path, data_key)
            try:
                _require_schema(conn)
            except BaseException:
                conn.close()
                raise
            if header.pending_data_key is not None:
                _finish_rotation(folder, header, master_key, data_key)
            try:
                applied = migrate(conn)
            except BaseException:
                conn.close()
                raise
            if applied:
                # A migration that rebuilt the search index freed the old one's pages:
                # secure_delete zeroed them in the log, and the file still holds them
                # until a checkpoint (an edited record's earlier words, migration 8).
                with contextlib.suppress(sqlcipher3.Error):
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            # A delete that ended before its purge. Best effort: a damaged page is for
            # check() to report, not a reason to refuse the unlock.
            with contextlib.suppress(sqlcipher3.Error):
                db.purge_deleted_text(conn)
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

    def worksheet_key(self) -> bytes:
        """The key that authenticates this vault's worksheets (docs/worksheets.md).

        HKDF-SHA256, with its own label, of a random secret kept inside the encrypted
        database (made on first use). Not of the data key: rotating the data key must not
        void the worksheets clients are still filling in, and a backup restored elsewhere
        must still accept them. The data key itself never leaves this object.
        """
        from coachdesk.vault.worksheets import worksheet_secret  # the worksheet rules: on use

        return keys.subkey(worksheet_secret(self.connection), "worksheet-mac")

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

    def rotate_keys(
        self,
        passphrase: str,
        recovery_code: str | None = None,
        kdf: keys.KdfParams | None = None,
    ) -> str:
        """The revocation: a new master key, a new data key and a new recovery code.

        Returns the new recovery code (``recovery_code`` lets a caller choose it, for
        tests). Afterwards no earlier ``vault.key`` (a backup's, a stolen copy) opens
        anything: the database is re-encrypted under a data key that only the new header
        holds, sealed under a master key that only the current passphrase and the new
        recovery code open. The old recovery code stops working.

        Crash-safe in three steps: the new data key is first recorded in the current
        header as *pending* (under the old master key), then the database is re-keyed
        (one SQLite transaction), then one atomic write replaces the header with the new
        one. A kill before that write leaves a vault that opens with the passphrase and
        the old recovery code (:meth:`_open` finishes with the pending key; run the
        rotation again), after it the new header is in force.
        """
        secret = keys.normalize_passphrase(passphrase)
        header, master_key = _read_header_and_master_key(self.folder, "passphrase", secret)
        code = recovery_code if recovery_code is not None else keys.new_recovery_code()
        new_master, new_key = secrets.token_bytes(32), secrets.token_bytes(32)
        # Every derivation happens before the database is touched: the window between
        # the re-key and the final header write stays one rename long.
        new_header = VaultHeader.new(new_master, new_key, vault_id=header.vault_id)
        new_header.seal_slot(
            "passphrase", secret, new_master, kdf or header.slots["passphrase"].kdf
        )
        new_header.seal_slot(
            "recovery",
            keys.normalize_recovery_code(code),
            new_master,
            kdf or header.slots["recovery"].kdf,
        )
        new_header_bytes = new_header.to_bytes(new_master)
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
        _install_header(self.folder, new_header_bytes)
        # A kept copy of a crashed log holds pages under the old data key.
        (self.folder / WAL_COPY_NAME).unlink(missing_ok=True)
        return code

    # -- closing -------------------------------------------------------------------

    def lock(self) -> None:
        """Checkpoint, close the database, forget the key, release the folder lock."""
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(sqlcipher3.Error):
                db.purge_deleted_text(conn)
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
        with (folder / HEADER_NAME).open("rb") as handle:
            raw = handle.read(MAX_HEADER_BYTES + 1)  # bounded: a header is a few KiB
    except FileNotFoundError:
        raise NotFound(f"no vault header in {folder}") from None
    if len(raw) > MAX_HEADER_BYTES:
        raise IntegrityFailure("the vault header (vault.key) is damaged: far too large")
    header = VaultHeader.parse(raw)
    master_key = header.open_slot(slot, secret)
    header.verify_mac(master_key)
    return header, master_key


def _install_header(folder: Path, header_bytes: bytes) -> None:
    """The last step of a key rotation: the new header replaces the old one at once."""
    atomic_write_bytes(folder / HEADER_NAME, header_bytes)


def _check_database_files(folder: Path, accept_wal_loss: bool) -> None:
    """Refuse an empty database and a damaged write-ahead log, changing nothing.

    A non-empty ``vault.db-wal`` at this point (the vault lock is held, so no other
    process writes it) is what an unclean shutdown left: it is checked frame by frame,
    and a copy is kept in the vault folder before SQLite replays it.
    """
    wal = folder / WAL_NAME
    wal_size = wal.stat().st_size if wal.is_file() else 0
    if (folder / DB_NAME).stat().st_size == 0 and wal_size == 0:
        raise IntegrityFailure(
            f"the vault database (vault.db in {folder}) is empty although its header is "
            f"there: it was lost or cut short, this is not a new vault; nothing was "
            f"changed: {_RESTORE_HINT}"
        )
    if wal_size == 0:
        return
    report = inspect_wal(wal, folder / SHM_NAME)
    if report.problem is not None and not accept_wal_loss:
        raise IntegrityFailure(
            f"the vault's write-ahead log (vault.db-wal) is damaged: {report.problem}; "
            "opening it would silently drop saved changes, so nothing was opened or "
            f"changed: {_RESTORE_HINT}, or accept losing what follows the damage with "
            f"'coachdesk --vault {folder} {ACCEPT_WAL_LOSS_FLAG} check'"
        )
    with wal.open("rb") as source, atomic_writer(folder / WAL_COPY_NAME) as copy:
        shutil.copyfileobj(source, copy, 1024 * 1024)


def _require_schema(conn: Connection) -> None:
    """A database that opens with the key but holds no schema is not this vault's."""
    if int(conn.execute("PRAGMA user_version").fetchone()[0]) == 0:
        raise IntegrityFailure(
            "the vault database (vault.db) holds no CoachDesk data: it was replaced or "
            f"emptied, this is not a new vault; nothing was changed: {_RESTORE_HINT}"
        )


def _finish_rotation(folder: Path, header: VaultHeader, master_key: bytes, data_key: bytes) -> None:
    header.data_key = header.seal_data_key(master_key, data_key)
    header.pending_data_key = None
    atomic_write_bytes(folder / HEADER_NAME, header.to_bytes(master_key))
