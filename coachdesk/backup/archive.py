"""Create, verify and restore single-file encrypted backups of a vault.

A backup is one file (docs/backup-format.md): an encrypted container whose payload is a
manifest followed by the vault header ``vault.key`` and a consistent snapshot of
``vault.db``. The snapshot is taken with SQLite's online backup API into a database
keyed with the vault's own data key, never by copying the live file (which may be
mid-write, with pages still in the WAL) and never with ``VACUUM INTO`` (which may write
plaintext under SQLCipher). So nothing decrypted ever reaches the disk: the snapshot,
and the database a verify or restore extracts, are SQLCipher files like the vault.

Every job streams one chunk at a time, so memory stays flat however large the vault,
reports ``progress(done_bytes, total_bytes)`` and polls ``cancel()`` between chunks.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from coachdesk import __version__
from coachdesk.backup.container import (
    DEFAULT_CHUNK_SIZE,
    MAX_CHUNK_SIZE,
    MIN_CHUNK_SIZE,
    TAG_BYTES,
    BackupHeader,
    PayloadStream,
    StreamReader,
    StreamWriter,
)
from coachdesk.backup.manifest import (
    DATABASE_ENTRY,
    DATABASE_ENTRY_FORMAT,
    HEADER_ENTRY,
    HEADER_ENTRY_FORMAT,
    LENGTH,
    MAX_MANIFEST_BYTES,
    Entry,
    Manifest,
)
from coachdesk.core.errors import (
    CoachDeskError,
    IntegrityFailure,
    InvalidInput,
    NotFound,
    VaultInUse,
)
from coachdesk.vault import keys
from coachdesk.vault.files import (
    DIR_MODE,
    FILE_MODE,
    atomic_write_bytes,
    atomic_writer,
    fsync_dir,
    secure_mkdir,
)
from coachdesk.vault.header import VaultHeader
from coachdesk.vault.lockfile import LOCK_NAME, VaultLock
from coachdesk.vault.outputs import check_new_vault_folder, check_output_file
from coachdesk.vault.vault import DB_NAME, HEADER_NAME, Vault, connect

ProgressCallback = Callable[[int, int], None]
CancelCallback = Callable[[], bool]

# Folder prefixes of the private scratch space; a killed process may leave one behind.
SNAPSHOT_PREFIX = ".backup-snapshot-"
RESTORE_PREFIX = ".restore-"
VERIFY_PREFIX = "coachdesk-verify-"
# A restore's proofs of ownership: a file inside each staging folder, and, while the
# database files are being moved into place, a file in the target listing their digests.
STAGE_MARKER = "coachdesk-restore-stage"
SNAPSHOT_MARKER = "coachdesk-backup-snapshot"  # inside each snapshot folder, likewise
RESTORE_MARKER = ".coachdesk-restore"
RESTORE_MARKER_FORMAT = "coachdesk-restore-marker"
_MARKER_START = f'{{"format": "{RESTORE_MARKER_FORMAT}", '
"""How every restore marker begins (``json.dumps`` keeps the key order)."""

_SNAPSHOT_STEP_PAGES = 1024  # pages copied between two progress/cancel checks
# Taking the write lock for a copy of the encrypted pages: how long each attempt may
# wait for a save to finish, how often, and the pause between attempts; then the
# online backup API, which needs no lock.
_CHECKPOINT_WAIT_MS = 100
_LOCK_WAIT_MS = 1000
_LOCK_ATTEMPTS = 5
_LOCK_RETRY_SECONDS = 0.05
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
_DATABASE_FILES = tuple(DB_NAME + suffix for suffix in ("", *_SQLITE_SIDE_FILES))


class BackupCancelled(CoachDeskError):
    """The coach cancelled a backup job; nothing was written or restored."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, as read from (or written into) its manifest."""

    path: Path
    created_at: str  # ISO 8601, UTC
    app_version: str
    vault_id: str
    schema_version: int
    database_size: int
    file_size: int
    chunk_size: int
    chunk_count: int


class _Tracker:
    """Progress and cancellation for one job: monotone, clamped, never above total."""

    def __init__(
        self, progress: ProgressCallback | None, cancel: CancelCallback | None, message: str
    ) -> None:
        self._progress = progress
        self._cancel = cancel
        self._message = message
        self.total = 0
        self.done = 0

    @property
    def can_cancel(self) -> bool:
        return self._cancel is not None

    def cancelled(self) -> bool:
        return self._cancel is not None and bool(self._cancel())

    def check(self) -> None:
        if self.cancelled():
            raise BackupCancelled(self._message)

    def start(self, total: int) -> None:
        self.total = max(total, 1)
        self.done = 0
        if self._progress is not None:
            self._progress(0, self.total)

    def advance(self, amount: int) -> None:
        self.done = min(self.total, self.done + max(amount, 0))
        if self._progress is not None:
            self._progress(self.done, self.total)

    def finish(self) -> None:
        self.advance(self.total - self.done)


# -- create ------------------------------------------------------------------------------


def create_backup(
    vault: Vault,
    target: Path,
    passphrase: str,
    *,
    kdf: keys.KdfParams | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    work_dir: Path | None = None,
) -> BackupInfo:
    """Write a backup of the open ``vault`` to ``target``, protected by ``passphrase``.

    ``target`` is replaced atomically: a failure, a full disk or a cancel leaves no
    partial file and any earlier backup at that path as it was. ``kdf`` defaults to
    parameters calibrated on this machine. The snapshot is staged, SQLCipher-encrypted,
    in a private folder inside ``work_dir`` (default: the vault folder, which is on the
    laptop's disk and as private as the vault, rather than a synced or removable target
    folder, or a RAM-backed /tmp).
    """
    keys.check_new_passphrase(passphrase)
    # Not inside any vault folder: it would be lost with the vault, or replace vault.db.
    target = check_output_file(Path(target), vault_folder=vault.folder)
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise InvalidInput(f"chunk size must be {MIN_CHUNK_SIZE}–{MAX_CHUNK_SIZE} bytes")
    kdf = kdf or keys.calibrate_kdf()
    kdf.check_bounds()
    tracker = _Tracker(progress, cancel, "the backup was cancelled; no file was written")
    tracker.check()
    data_key = vault.data_key()
    header_bytes = (vault.folder / HEADER_NAME).read_bytes()
    vault_id = VaultHeader.parse(header_bytes).vault_id
    if work_dir is None:
        work_root = vault.folder
        remove_stale_snapshots(vault)
    else:
        work_root = Path(work_dir)
    work = Path(tempfile.mkdtemp(prefix=SNAPSHOT_PREFIX, dir=work_root))
    try:
        _write_new(work / SNAPSHOT_MARKER, [], durable=False)
        snapshot = work / DB_NAME
        schema_version = _snapshot(vault, snapshot, data_key, tracker, extra=len(header_bytes))
        # vault.key and the data key were read before the copy; a passphrase change or a
        # key rotation in between could pair a header with a database it does not open.
        if (vault.folder / HEADER_NAME).read_bytes() != header_bytes or (
            vault.data_key() != data_key
        ):
            raise InvalidInput(
                "the vault's passphrase or key changed during the backup; "
                "nothing was written, run the backup again"
            )
        db_size = snapshot.stat().st_size
        created_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        def manifest_for(db_digest: str) -> Manifest:
            return Manifest(
                created_at=created_at,
                app_version=__version__,
                vault_id=vault_id,
                schema_version=schema_version,
                data_key=data_key,
                entries=(
                    Entry(
                        HEADER_ENTRY,
                        HEADER_ENTRY_FORMAT,
                        len(header_bytes),
                        hashlib.sha256(header_bytes).hexdigest(),
                    ),
                    Entry(DATABASE_ENTRY, DATABASE_ENTRY_FORMAT, db_size, db_digest),
                ),
            )

        # One pass over the snapshot: the manifest (which holds the database's digest)
        # comes first in the payload, so its chunks are sealed last, once the digest
        # is known; a digest's hex form has a fixed length, so the layout is known now.
        placeholder = manifest_for("0" * 64).to_bytes()
        payload_size = len(placeholder) + len(header_bytes) + db_size
        with atomic_writer(target) as out:
            writer = StreamWriter(
                out, passphrase, kdf, payload_size, chunk_size, deferred=len(placeholder)
            )
            writer.write(placeholder)
            writer.write(header_bytes)
            tracker.advance(len(header_bytes))
            db_digest = _stream_file(
                snapshot, chunk_size, writer.write, tracker, offset=writer.bytes_written
            )
            manifest = manifest_for(db_digest)
            manifest_bytes = manifest.to_bytes()
            if len(manifest_bytes) != len(placeholder):  # a bug guard: the layout moved
                raise IntegrityFailure("the backup manifest changed size; no backup was written")
            writer.complete(manifest_bytes)
            writer.finish()
            tracker.check()
        file_size = writer.header.file_size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    tracker.finish()
    return _info(target, manifest, writer.header, file_size)


def _snapshot(vault: Vault, path: Path, data_key: bytes, tracker: _Tracker, extra: int) -> int:
    """Take a consistent snapshot of the database into ``path``; its schema version.

    First choice: the database file's encrypted pages copied as they are, under the
    write lock, once every committed page is in the file (:func:`_copy_pages`). If that
    cannot be had quickly (a long reader keeps old pages in the log, a long write holds
    the lock), SQLite's online backup API (:func:`_copy_with_backup_api`), which never
    waits for writers. Either way the snapshot is under the vault's data key, never
    in the clear.
    """
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    copied = _copy_pages(vault, path, data_key, tracker, extra)
    if copied is not None:
        return copied
    with path.open("r+b") as handle:  # a fallback starts from an empty file
        handle.truncate(0)
    return _copy_with_backup_api(vault, path, data_key, tracker, extra)


def _copy_pages(
    vault: Vault, path: Path, data_key: bytes, tracker: _Tracker, extra: int
) -> int | None:
    """Copy ``vault.db`` byte for byte while no commit can land; None if not possible now.

    Why this is one moment: ``BEGIN IMMEDIATE`` takes SQLite's write lock, so no
    connection can commit until it is released; a checkpoint from a second connection
    then moves every committed frame of the write-ahead log into the file, and reports
    ``log == checkpointed`` only if none is left. From there until the lock is
    released the file is the whole database and nothing writes to it: only a
    checkpoint writes the database file in WAL mode, and it has nothing left to copy.
    The pages stay encrypted and authenticated under the data key, so nothing is
    decrypted, and the copy runs at disk speed. The lock is held only for the copy
    (a save waits for it, up to the connection's busy timeout).
    """
    db_path = vault.folder / DB_NAME
    lock_conn = connect(db_path, data_key)
    try:
        # Best effort, waiting briefly: empty the log, so little is left to move under
        # the lock. Whatever a save adds meanwhile is moved (and checked) below.
        lock_conn.execute(f"PRAGMA busy_timeout = {_CHECKPOINT_WAIT_MS}")
        with contextlib.suppress(sqlcipher3.OperationalError):
            lock_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        lock_conn.execute(f"PRAGMA busy_timeout = {_LOCK_WAIT_MS}")
        for attempt in range(_LOCK_ATTEMPTS):
            if attempt:
                time.sleep(_LOCK_RETRY_SECONDS)
            tracker.check()
            try:
                lock_conn.execute("BEGIN IMMEDIATE")
            except sqlcipher3.OperationalError:  # a long write holds the lock: try again
                continue
            try:
                if not _log_is_in_the_file(db_path, data_key):
                    continue  # a reader still needs pages of the log: try again
                schema_version = int(lock_conn.execute("PRAGMA user_version").fetchone()[0])
                page_size = int(lock_conn.execute("PRAGMA page_size").fetchone()[0])
                page_count = int(lock_conn.execute("PRAGMA page_count").fetchone()[0])
                size = page_size * page_count
                if db_path.stat().st_size < size:
                    return None  # cannot happen with a complete checkpoint; be safe
                step = page_size * _SNAPSHOT_STEP_PAGES * 4
                with db_path.open("rb") as source, path.open("r+b") as target:
                    _copy_bytes(source.fileno(), target.fileno(), size, step, tracker.check)
            finally:
                with contextlib.suppress(sqlcipher3.Error):
                    lock_conn.execute("ROLLBACK")
            # Progress is reported once the lock is released: a callback that saves
            # (the app keeps writing) must never wait for the lock this job holds.
            # Work: copy, then hash and encrypt the database, plus the small entries.
            tracker.start(2 * size + extra)
            tracker.advance(size)
            return schema_version
        return None
    finally:
        lock_conn.close()


def _log_is_in_the_file(db_path: Path, data_key: bytes) -> bool:
    """Checkpoint from a second connection: True if no committed frame is left in the log.

    Called under the write lock, so the log cannot grow meanwhile. PASSIVE, because
    the stronger modes need the write lock this job holds.
    """
    conn = connect(db_path, data_key)
    try:
        _busy, log, checkpointed = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    except sqlcipher3.OperationalError:
        return False
    finally:
        conn.close()
    return int(log) <= 0 or int(log) == int(checkpointed)


def _copy_bytes(source: int, target: int, size: int, step: int, check: Callable[[], None]) -> None:
    """Copy ``size`` bytes between two file descriptors, in the kernel where it can."""
    done = 0
    in_kernel = hasattr(os, "copy_file_range")
    while done < size:
        check()
        want = min(step, size - done)
        moved = 0
        if in_kernel:
            try:
                moved = os.copy_file_range(source, target, want, done, done)
            except OSError:  # another file system, an old kernel: plain reads and writes
                in_kernel = False
        if not in_kernel:
            data = os.pread(source, want, done)
            moved = os.pwrite(target, data, done) if data else 0
        if moved <= 0:
            raise IntegrityFailure("the vault database ended while it was being copied; try again")
        done += moved


def _copy_with_backup_api(
    vault: Vault, path: Path, data_key: bytes, tracker: _Tracker, extra: int
) -> int:
    """Copy the database with SQLite's backup API; returns its schema version.

    The source connection holds one read transaction for the whole copy, so the
    snapshot is of one moment even if the coach keeps typing (WAL lets writers carry
    on) and the copy never restarts. The target is keyed with the same raw data key,
    so the pages it receives are re-encrypted, never written in the clear.
    """
    source = vault.open_connection()
    try:
        target = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            target.execute("PRAGMA cipher_log_level = NONE")
            target.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
            # Scratch: it is hashed and encrypted right away, so no journal and no fsync.
            target.execute("PRAGMA journal_mode = OFF").fetchone()
            target.execute("PRAGMA synchronous = OFF")
            source.execute("BEGIN")
            try:
                source.execute("SELECT count(*) FROM sqlite_master").fetchone()
                schema_version = int(source.execute("PRAGMA user_version").fetchone()[0])
                page_size = int(source.execute("PRAGMA page_size").fetchone()[0])
                page_count = int(source.execute("PRAGMA page_count").fetchone()[0])
                db_bytes = page_size * page_count
                # Work: copy, then hash and encrypt the database, plus the small entries.
                tracker.start(2 * db_bytes + extra)
                copied = 0

                def step(_status: int, remaining: int, total: int) -> None:
                    nonlocal copied
                    now = (total - remaining) * page_size
                    tracker.advance(now - copied)
                    copied = now
                    tracker.check()  # raising here makes SQLite abandon the copy

                source.backup(target, pages=_SNAPSHOT_STEP_PAGES, progress=step)
            finally:
                with contextlib.suppress(sqlcipher3.Error):
                    source.execute("ROLLBACK")
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            target.close()
    finally:
        source.close()
    for suffix in _SQLITE_SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists() and side.stat().st_size:
            raise IntegrityFailure("the database snapshot was left incomplete; try again")
        side.unlink(missing_ok=True)
    return schema_version


def _stream_file(
    path: Path, block: int, sink: Callable[[bytes], None], tracker: _Tracker, *, offset: int = 0
) -> str:
    """Feed ``path`` to ``sink`` in blocks, checking cancel between them; its SHA-256.

    The digest is of exactly the bytes given to ``sink``, computed on a second thread
    while ``sink`` encrypts and writes (hashlib releases the GIL): SHA-256 is the
    slowest step of a backup, and it need not wait for the disk. ``offset``: where
    the file starts in ``sink``'s chunks, so every read after the first is one whole
    chunk, which the writer seals without copying it.
    """
    digest = hashlib.sha256()
    pending: collections.deque[concurrent.futures.Future[None]] = collections.deque()
    with (
        path.open("rb", buffering=0) as handle,
        concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="backup-hash") as hasher,
    ):
        try:
            first = block - offset % block
            while data := handle.read(first or block):
                first = 0
                tracker.check()
                pending.append(hasher.submit(digest.update, data))  # in order: one worker
                sink(data)
                tracker.advance(len(data))
                while len(pending) > 1:  # two blocks in memory: one hashed, one written
                    pending.popleft().result()
        except BaseException:
            for future in pending:
                future.cancel()
            raise
        while pending:
            pending.popleft().result()
    return digest.hexdigest()


# -- verify and restore ------------------------------------------------------------------


def verify_backup(
    path: Path,
    passphrase: str,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    work_dir: Path | None = None,
) -> BackupInfo:
    """Decrypt and check every chunk, then the database inside with SQLCipher's checks.

    The database is extracted (still SQLCipher-encrypted) into a private temporary
    folder in ``work_dir`` (default: the system's), which is removed in every case.
    Raises WrongPassphrase, IntegrityFailure (saying what is wrong and where),
    NotFound, InvalidInput (a newer format) or BackupCancelled.
    """
    tracker = _Tracker(progress, cancel, "the verification was cancelled")
    work = Path(tempfile.mkdtemp(prefix=VERIFY_PREFIX, dir=work_dir))
    try:
        info = _extract(Path(path), passphrase, work, tracker, durable=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    tracker.finish()
    return info


def restore_backup(
    path: Path,
    passphrase: str,
    into: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> BackupInfo:
    """Restore a backup as a new vault in ``into`` (a new or empty folder).

    Everything is verified (every chunk, both checksums, SQLCipher's integrity checks)
    in a private staging folder inside ``into`` before the files take their places,
    ``vault.db`` first and ``vault.key`` last, since the header's presence is what makes
    a folder a vault. The folder is held with the vault lock for the whole restore, so
    a second restore (or the app) racing for it is refused (VaultInUse) and never
    clears the first one's files. An existing vault is never overwritten, and nothing
    found in ``into`` is deleted unless a restore marker proves this code wrote it
    (a ``vault.db`` without its header may be the newest copy of someone's notes).
    The restored vault opens with the vault passphrase (or recovery code) that was
    current at backup time.
    """
    into = check_new_vault_folder(Path(into))
    _check_restore_target(into, clear=False)  # refuse early, before creating anything
    tracker = _Tracker(progress, cancel, "the restore was cancelled; nothing was restored")
    created = not into.exists()
    secure_mkdir(into)
    with contextlib.suppress(OSError):
        into.chmod(DIR_MODE)
    lock = VaultLock(into)
    try:
        lock.acquire()
    except FileNotFoundError:  # the folder vanished: another restore failed and left
        raise VaultInUse(f"{into} is being restored by another process; try again") from None
    succeeded = False
    try:
        info = _restore_locked(path, passphrase, into, tracker)
        succeeded = True
    finally:
        lock.release()
        if created and not succeeded:
            with contextlib.suppress(OSError):  # only if empty: never another's files
                into.rmdir()
    tracker.finish()
    return info


def _restore_locked(path: Path, passphrase: str, into: Path, tracker: _Tracker) -> BackupInfo:
    """The restore proper, with ``into`` locked by this process."""
    _check_restore_target(into, clear=True)
    stage = Path(tempfile.mkdtemp(prefix=RESTORE_PREFIX, dir=into))
    placed: list[Path] = []
    header_placed = False
    try:
        _write_new(stage / STAGE_MARKER, [], durable=True)
        info = _extract(Path(path), passphrase, stage, tracker, durable=True)
        tracker.check()
        if any(entry not in (stage, into / LOCK_NAME) for entry in into.iterdir()):
            raise InvalidInput(f"{into} was changed during the restore; nothing was restored")
        database_names = [n for n in _DATABASE_FILES if (stage / n).is_file()]
        # Proof of ownership for whoever finds these files if this process dies before
        # the header is in place: what they hold, byte for byte.
        marker = {
            "format": RESTORE_MARKER_FORMAT,
            "files": {name: _file_digest(stage / name) for name in database_names},
        }
        atomic_write_bytes(into / RESTORE_MARKER, json.dumps(marker).encode("utf-8"))
        for name in database_names:
            (stage / name).replace(into / name)
            placed.append(into / name)
        (stage / HEADER_NAME).replace(into / HEADER_NAME)
        header_placed = True
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        for done in reversed(placed):  # this process placed them, under its lock
            done.unlink(missing_ok=True)
        (into / RESTORE_MARKER).unlink(missing_ok=True)
        raise
    finally:
        if header_placed:
            shutil.rmtree(stage, ignore_errors=True)
    # The header is in place: the folder is a complete vault. What follows only tidies.
    with contextlib.suppress(OSError):
        fsync_dir(into)
    with contextlib.suppress(OSError):
        (into / RESTORE_MARKER).unlink()
    return info


def _file_digest(path: Path) -> dict[str, object]:
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return {"size": path.stat().st_size, "sha256": digest}


def _check_restore_target(into: Path, *, clear: bool) -> None:
    """Refuse a target holding anything a restore did not provably write.

    With ``clear`` (only under the folder's lock) the provable remains of an interrupted
    restore are removed: staging folders carrying the stage marker (or empty), and the
    database files the restore marker lists with their exact size and SHA-256.
    """
    if into.exists() and not into.is_dir():
        raise InvalidInput(f"{into} is a file; restore into a new or empty folder")
    entries = list(into.iterdir()) if into.is_dir() else []
    listed = _restore_marker_files(into / RESTORE_MARKER)
    ours: list[Path] = []
    foreign: list[Path] = []
    for entry in entries:
        if entry.name in (LOCK_NAME, RESTORE_MARKER) and entry.is_file():
            continue  # the lock is taken over (or refused); the marker is read above
        (ours if _written_by_a_restore(entry, listed) else foreign).append(entry)
    names = {entry.name for entry in foreign}
    if HEADER_NAME in names:
        raise InvalidInput(
            f"{into} is not empty: it already holds a vault, and an existing vault is "
            "never overwritten; restore into a new or empty folder"
        )
    if names & set(_DATABASE_FILES):
        raise InvalidInput(
            f"{into} holds a vault database (vault.db) without its header; it may be the "
            "newest copy of someone's notes, so nothing was touched: move it elsewhere "
            "or restore into a new or empty folder"
        )
    if foreign:
        raise InvalidInput(
            f"{into} is not empty; restore into a new or empty folder "
            "(an existing vault is never overwritten)"
        )
    if clear:
        for entry in ours:
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        (into / RESTORE_MARKER).unlink(missing_ok=True)


def _written_by_a_restore(entry: Path, listed: dict[str, object]) -> bool:
    """Provably an interrupted restore's: its marked staging folder, or a database file
    whose size and SHA-256 the restore marker recorded before placing it."""
    if entry.is_symlink():
        return False
    if entry.is_dir():
        return entry.name.startswith(RESTORE_PREFIX) and _is_our_stage(entry)
    if _is_our_unplaced_marker(entry):
        return True
    return entry.is_file() and entry.name in listed and _file_digest(entry) == listed[entry.name]


def _is_our_unplaced_marker(entry: Path) -> bool:
    """The temporary file of a restore marker whose writer was killed before the
    rename: named as the atomic writer names it, and holding the start of a marker
    (or nothing yet)."""
    if (
        not (entry.name.startswith(f".{RESTORE_MARKER}.") and entry.name.endswith(".tmp"))
        or not entry.is_file()
    ):
        return False
    try:
        if entry.stat().st_size > 64 * 1024:
            return False
        held = entry.read_bytes()
    except OSError:
        return False
    start = _MARKER_START.encode("utf-8")
    return start.startswith(held) or held.startswith(start)


def _restore_marker_files(marker: Path) -> dict[str, object]:
    """The files a restore marker vouches for, ``{}`` if there is none or it is not ours."""
    try:
        if not marker.is_file() or marker.stat().st_size > 64 * 1024:
            return {}
        document = json.loads(marker.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    if not isinstance(document, dict) or document.get("format") != RESTORE_MARKER_FORMAT:
        return {}
    files = document.get("files")
    if not isinstance(files, dict):
        return {}
    return {name: value for name, value in files.items() if name in _DATABASE_FILES}


def _is_our_stage(folder: Path) -> bool:
    """A staging folder this code made: it carries the stage marker, or is still empty
    (a restore killed between creating it and writing the marker)."""
    try:
        return (folder / STAGE_MARKER).is_file() or not any(folder.iterdir())
    except OSError:
        return False


def _extract(
    path: Path, passphrase: str, dest: Path, tracker: _Tracker, durable: bool
) -> BackupInfo:
    """Verify ``path`` completely, leaving its vault.key and vault.db in ``dest``."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise NotFound(f"no backup file at {path}") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a backup file") from None
    except PermissionError:
        raise InvalidInput(f"cannot read {path}: permission denied") from None
    with handle:
        reader = StreamReader(handle, passphrase)
        header = reader.header
        # Work: decrypt the file, then SQLCipher reads every page of the database once.
        tracker.start(2 * header.file_size)
        payload = PayloadStream(_tracked(reader.chunks(), tracker))
        (length,) = LENGTH.unpack(payload.read_exact(LENGTH.size, "the manifest"))
        if not 1 <= length <= MAX_MANIFEST_BYTES:
            raise IntegrityFailure("the backup manifest has an impossible size")
        manifest = Manifest.parse(payload.read_exact(length, "the manifest"))
        if LENGTH.size + length + manifest.content_size != header.payload_size:
            raise IntegrityFailure("the backup manifest does not match the backup's size")

        key_entry = manifest.entry(HEADER_ENTRY)
        key_bytes = payload.read_exact(key_entry.size, HEADER_ENTRY)
        if hashlib.sha256(key_bytes).hexdigest() != key_entry.sha256:
            raise IntegrityFailure("the vault header inside the backup fails its checksum")
        try:
            vault_header = VaultHeader.parse(key_bytes)
        except IntegrityFailure as exc:
            raise IntegrityFailure(f"inside the backup: {exc}") from None
        if vault_header.vault_id != manifest.vault_id:
            raise IntegrityFailure("the vault header inside the backup belongs to another vault")
        _write_new(dest / HEADER_NAME, [memoryview(key_bytes)], durable)

        db_entry = manifest.entry(DATABASE_ENTRY)
        digest = _write_new(dest / DB_NAME, payload.pieces(db_entry.size, DATABASE_ENTRY), durable)
        if digest != db_entry.sha256:
            raise IntegrityFailure("the database inside the backup fails its checksum")
        payload.finish()
    _check_database(dest / DB_NAME, manifest, tracker)
    return _info(path, manifest, header, header.file_size)


def _tracked(chunks: Iterator[bytes], tracker: _Tracker) -> Iterator[bytes]:
    for chunk in chunks:
        tracker.check()
        yield chunk
        tracker.advance(len(chunk) + TAG_BYTES)


def _write_new(path: Path, pieces: Iterator[memoryview] | list[memoryview], durable: bool) -> str:
    """Write a new owner-only file from ``pieces``; returns the SHA-256 of what it wrote."""
    digest = hashlib.sha256()
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        for piece in pieces:
            digest.update(piece)
            out.write(piece)
        if durable:
            out.flush()
            os.fsync(out.fileno())
    return digest.hexdigest()


def _check_database(db_path: Path, manifest: Manifest, tracker: _Tracker) -> None:
    """SQLCipher's page MACs and SQLite's structural checks, cancellable."""
    try:
        conn = connect(db_path, manifest.data_key)
    except IntegrityFailure:
        raise IntegrityFailure(
            "the database inside the backup does not open with its data key"
        ) from None
    problems: list[str] = []
    try:
        if tracker.can_cancel:
            # Lets a cancel interrupt a long check; checked between the checks as well.
            conn.set_progress_handler(lambda: 1 if tracker.cancelled() else 0, 1000)
        try:
            tracker.check()
            for row in conn.execute("PRAGMA cipher_integrity_check"):
                problems.append(f"encryption check: {row[0]}")
            tracker.check()
            for row in conn.execute("PRAGMA integrity_check"):
                if row[0] != "ok":
                    problems.append(f"database check: {row[0]}")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version != manifest.schema_version:
                problems.append("schema version differs from the manifest")
        except sqlcipher3.DatabaseError:
            tracker.check()  # an interrupted check because of a cancel is not damage
            problems.append("the database is unreadable")
    finally:
        conn.close()
    tracker.advance(tracker.total)
    if problems:
        raise IntegrityFailure(
            f"the database inside the backup is damaged ({len(problems)} problem(s); "
            f"first: {problems[0]})"
        )


def _info(path: Path, manifest: Manifest, header: BackupHeader, file_size: int) -> BackupInfo:
    return BackupInfo(
        path=path,
        created_at=manifest.created_at,
        app_version=manifest.app_version,
        vault_id=manifest.vault_id,
        schema_version=manifest.schema_version,
        database_size=manifest.entry(DATABASE_ENTRY).size,
        file_size=file_size,
        chunk_size=header.chunk_size,
        chunk_count=header.chunk_count,
    )


def remove_stale_snapshots(vault: Vault) -> None:
    """Remove the snapshot folders killed backups left in the open ``vault``'s folder.

    Only folders this code provably made (they carry the snapshot marker, or are still
    empty), and only in the vault folder, whose lock the open vault holds: no other
    process can be using them. Called before each backup, and after a key rotation
    (a leftover snapshot is encrypted under the old data key).
    """
    for entry in vault.folder.iterdir():
        if (
            entry.name.startswith(SNAPSHOT_PREFIX)
            and entry.is_dir()
            and not entry.is_symlink()
            and ((entry / SNAPSHOT_MARKER).is_file() or not any(entry.iterdir()))
        ):
            shutil.rmtree(entry, ignore_errors=True)
