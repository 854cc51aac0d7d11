"""Attachments in the vault: descriptions in ``attachments``, bytes in
``attachment_contents`` (migration 3), streamed with SQLite's incremental BLOB I/O.

Adding reads the source twice, a chunk at a time: first to hash it (an identical file
already in the vault is then only referenced, never written again), then to write it
into a ``zeroblob`` of the right size, hashing again so a file that changed in between
is refused instead of stored under the wrong hash. No step holds the whole file: the
page cache is kept small while a file streams (a 100 MB file would otherwise fill the
64 MiB cache with its own pages), and rows holding a file's bytes are never UPDATEd
(SQLite would rebuild the whole record in memory).

Deleting the last attachment that uses some content deletes the content (a trigger);
``secure_delete`` zeroes the freed pages and the WAL is truncated afterwards, so the
file's pages are not left behind in old WAL frames either.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from coachdesk.core.attachments import (
    CHUNK_BYTES,
    Attachment,
    check_size,
    clean_file_name,
    media_type_for,
    title_from_file_name,
    validate_attachment,
)
from coachdesk.core.errors import CoachDeskError, InvalidInput, NotFound, ValidationError
from coachdesk.vault.db import Connection, forget_deleted_pages, transaction
from coachdesk.vault.files import atomic_writer
from coachdesk.vault.vault import is_vault

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Opener = Callable[[], BinaryIO]

STREAM_CACHE_KIB = 4 * 1024
"""The page cache while a file streams in or out (restored afterwards)."""

_COLUMNS = (
    "a.id, a.client_id, a.title, a.file_name, a.media_type, a.dated, a.note, a.session_id, "
    "a.contract_version, a.outcome_id, a.feedback_id, c.size, c.sha256, a.added_at"
)
_SELECT = f"SELECT {_COLUMNS} FROM attachments a JOIN attachment_contents c ON c.id = a.content_id"


class AttachmentCancelled(CoachDeskError):
    """The coach cancelled adding a file; nothing was stored."""


@dataclass(frozen=True, slots=True)
class AddedFile:
    attachment_id: int
    deduplicated: bool
    """True when identical content was already in the vault and only referenced."""


def _from_row(row: tuple[object, ...]) -> Attachment:
    return Attachment(
        id=int(row[0]),  # type: ignore[call-overload]
        client_id=int(row[1]),  # type: ignore[call-overload]
        title=str(row[2]),
        file_name=str(row[3]),
        media_type=str(row[4]),
        dated=date.fromisoformat(str(row[5])) if row[5] else None,
        note=str(row[6]),
        session_id=row[7],  # type: ignore[arg-type]
        contract_version=row[8],  # type: ignore[arg-type]
        outcome_id=row[9],  # type: ignore[arg-type]
        feedback_id=row[10],  # type: ignore[arg-type]
        size=int(row[11]),  # type: ignore[call-overload]
        sha256=str(row[12]),
        added_at=datetime.fromisoformat(str(row[13])) if row[13] else None,
    )


def _outermost_transaction(conn: Connection) -> contextlib.AbstractContextManager[object]:
    """A transaction, or none inside the caller's (an import: all or nothing anyway).

    Not a savepoint: pages a savepoint changes are journaled in memory, and a large
    file written over freed pages would be journaled whole. If this fails inside the
    caller's transaction, the caller must roll back (``db.transaction`` does)."""
    if conn.in_transaction:
        return contextlib.nullcontext()
    return transaction(conn)


@contextlib.contextmanager
def small_page_cache(conn: Connection) -> Iterator[None]:
    """While a large file's pages are written, read or freed: every one of them passes
    through the page cache, and at the normal 64 MiB (more while they are dirty) the
    cache, not the chunk, would set the memory a 100 MB file needs."""
    before = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = -{STREAM_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {before}")


def _chunks(source: BinaryIO, size: int, cancel: Cancelled | None) -> Iterator[bytes]:
    """Exactly ``size`` bytes in bounded reads; a file that grew or shrank is refused."""
    remaining = size
    while remaining > 0:
        if cancel is not None and cancel():
            raise AttachmentCancelled("adding the file was cancelled; nothing was stored")
        chunk = source.read(min(CHUNK_BYTES, remaining))
        if not chunk:
            raise InvalidInput("the file got shorter while it was being read; try again")
        remaining -= len(chunk)
        yield chunk
    if source.read(1):
        raise InvalidInput("the file grew while it was being read; try again")


class AttachmentRepository:
    """Add, list, read, describe and delete a client's attachments."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- reading -----------------------------------------------------------------------

    def get(self, attachment_id: int) -> Attachment:
        row = self.conn.execute(f"{_SELECT} WHERE a.id = ?", (attachment_id,)).fetchone()
        if row is None:
            raise NotFound(f"no attachment with id {attachment_id} (see 'coachdesk attachments')")
        return _from_row(row)

    def for_client(self, client_id: int) -> list[Attachment]:
        rows = self.conn.execute(
            f"{_SELECT} WHERE a.client_id = ? ORDER BY coalesce(a.dated, '0000'), a.id",
            (client_id,),
        )
        return [_from_row(row) for row in rows]

    def chunks(self, attachment_id: int, cancel: Cancelled | None = None) -> Iterator[bytes]:
        """The attachment's bytes, one bounded chunk at a time (incremental BLOB I/O)."""
        row = self.conn.execute(
            "SELECT content_id FROM attachments WHERE id = ?", (attachment_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no attachment with id {attachment_id} (see 'coachdesk attachments')")
        with small_page_cache(self.conn):
            blob = self.conn.open_blob("attachment_contents", "content", int(row[0]), True)
            try:
                total = len(blob)
                done = 0
                while done < total:
                    if cancel is not None and cancel():
                        raise AttachmentCancelled("cancelled; nothing was written")
                    chunk = blob.read(min(CHUNK_BYTES, total - done))
                    done += len(chunk)
                    yield chunk
            finally:
                blob.close()

    def save_copy(self, attachment_id: int, target: Path) -> int:
        """Write the attachment to ``target`` (atomic, owner-only); returns its size.

        The copy is NOT encrypted: callers say so to the coach. The hash is checked on
        the way out, so a copy that does not match what was stored is never left.
        """
        expected = self.get(attachment_id)
        digest = hashlib.sha256()
        size = 0
        with atomic_writer(target) as handle:
            for chunk in self.chunks(attachment_id):
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
            if digest.hexdigest() != expected.sha256 or size != expected.size:
                raise InvalidInput(
                    "the stored attachment does not match its hash; run 'coachdesk check'"
                )
        return size

    # -- writing -----------------------------------------------------------------------

    def check_links(self, attachment: Attachment) -> None:
        """Every link must point at a record of the same client."""
        client_id = attachment.client_id
        if client_id is None:
            raise ValidationError("Attachment client is required.", field="client_id")
        if self.conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
            raise NotFound(f"no client with id {client_id} (see 'coachdesk clients')")
        checks = (
            ("session_id", "session", "SELECT client_id FROM sessions WHERE id = ?"),
            (
                "outcome_id",
                "outcome",
                "SELECT c.client_id FROM outcomes o JOIN contracts c ON c.id = o.contract_id "
                "WHERE o.id = ?",
            ),
            (
                "feedback_id",
                "feedback entry",
                "SELECT client_id FROM feedback_entries WHERE id = ?",
            ),
        )
        for field, label, sql in checks:
            value = getattr(attachment, field)
            if value is None:
                continue
            row = self.conn.execute(sql, (value,)).fetchone()
            if row is None or row[0] != client_id:
                raise ValidationError(
                    f"Attachment {label} {value} is not a {label} of this client.", field=field
                )
        version = attachment.contract_version
        if version is not None:
            row = self.conn.execute(
                "SELECT id, version FROM contracts WHERE client_id = ?", (client_id,)
            ).fetchone()
            known = row is not None and (
                row[1] == version
                or self.conn.execute(
                    "SELECT 1 FROM contract_versions WHERE contract_id = ? AND version = ?",
                    (row[0], version),
                ).fetchone()
                is not None
            )
            if not known:
                raise ValidationError(
                    f"Attachment contract version {version} is not a version of this "
                    "client's contract.",
                    field="contract_version",
                )

    def add(
        self,
        attachment: Attachment,
        opener: Opener,
        size: int,
        progress: Progress | None = None,
        cancel: Cancelled | None = None,
        expected_sha256: str | None = None,
    ) -> AddedFile:
        """Store ``size`` bytes from ``opener()`` (called twice) as a new attachment.

        ``expected_sha256`` (an import) must match the content, or nothing is stored.
        """
        check_size(size)
        attachment.size = size
        attachment.sha256 = ""
        attachment.id = None
        if attachment.added_at is None:
            attachment.added_at = datetime.now().replace(microsecond=0)
        validate_attachment(attachment)
        total = 2 * size
        report = progress or (lambda _done, _total: None)

        digest = hashlib.sha256()
        done = 0
        with opener() as source:
            for chunk in _chunks(source, size, cancel):
                digest.update(chunk)
                done += len(chunk)
                report(done, total)
        sha256 = digest.hexdigest()
        if expected_sha256 is not None and sha256 != expected_sha256:
            raise InvalidInput("an attachment does not match its recorded SHA-256 hash")
        attachment.sha256 = sha256

        with _outermost_transaction(self.conn):
            self.check_links(attachment)
            row = self.conn.execute(
                "SELECT id FROM attachment_contents WHERE sha256 = ?", (sha256,)
            ).fetchone()
            deduplicated = row is not None
            if row is not None:
                content_id = int(row[0])
            else:
                content_id = self._write_content(opener, size, sha256, done, report, cancel)
            attachment.id = self._insert(attachment, content_id)
        report(total, total)
        forget_deleted_pages(self.conn)  # the WAL held the whole file: move it, shrink it
        return AddedFile(attachment.id, deduplicated)

    def _write_content(
        self,
        opener: Opener,
        size: int,
        sha256: str,
        done: int,
        report: Progress,
        cancel: Cancelled | None,
    ) -> int:
        # The zeroblob's pages are dirty pages too: the small cache must be in force
        # before the INSERT, or the zeros alone fill the normal 64 MiB cache.
        with small_page_cache(self.conn), opener() as source:
            cursor = self.conn.execute(
                "INSERT INTO attachment_contents (sha256, size, content) "
                "VALUES (?, ?, zeroblob(?))",
                (sha256, size, size),
            )
            content_id = int(cursor.lastrowid)
            digest = hashlib.sha256()
            blob = self.conn.open_blob("attachment_contents", "content", content_id)
            try:
                for chunk in _chunks(source, size, cancel):
                    digest.update(chunk)
                    blob.write(chunk)
                    done += len(chunk)
                    report(done, 2 * size)
            finally:
                blob.close()
        if digest.hexdigest() != sha256:
            raise InvalidInput("the file changed while it was being added; try again")
        return content_id

    def _insert(self, attachment: Attachment, content_id: int) -> int:
        cursor = self.conn.execute(
            "INSERT INTO attachments (client_id, content_id, title, file_name, media_type, "
            "dated, note, session_id, contract_version, outcome_id, feedback_id, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                attachment.client_id,
                content_id,
                attachment.title.strip(),
                attachment.file_name,
                attachment.media_type,
                attachment.dated.isoformat() if attachment.dated else None,
                attachment.note,
                attachment.session_id,
                attachment.contract_version,
                attachment.outcome_id,
                attachment.feedback_id,
                attachment.added_at.isoformat(timespec="seconds") if attachment.added_at else None,
            ),
        )
        return int(cursor.lastrowid)

    def add_file(
        self,
        client_id: int,
        path: Path,
        *,
        title: str = "",
        note: str = "",
        dated: date | None = None,
        session_id: int | None = None,
        contract_version: int | None = None,
        outcome_id: int | None = None,
        feedback_id: int | None = None,
        progress: Progress | None = None,
        cancel: Cancelled | None = None,
    ) -> AddedFile:
        """Add a regular file from disk (not a device, pipe or folder; at most 100 MB)."""
        path = Path(path)
        size, identity = _regular_file(path)
        name = clean_file_name(path.name)
        attachment = Attachment(
            client_id=client_id,
            title=title.strip() or title_from_file_name(name),
            file_name=name,
            media_type=media_type_for(name),
            dated=dated or date.today(),
            note=note,
            session_id=session_id,
            contract_version=contract_version,
            outcome_id=outcome_id,
            feedback_id=feedback_id,
        )

        def opener() -> BinaryIO:
            handle = path.open("rb")  # the caller closes it
            if _identity(os.fstat(handle.fileno())) != identity:
                handle.close()
                raise InvalidInput(f"{path.name} changed while it was being added; try again")
            return handle

        return self.add(attachment, opener, size, progress, cancel)

    def describe(self, attachment: Attachment) -> None:
        """Save a changed title, date, note or links (never the content)."""
        if attachment.id is None:
            raise InvalidInput("the attachment is not stored yet")
        stored = self.get(attachment.id)
        attachment.client_id = stored.client_id
        attachment.size, attachment.sha256 = stored.size, stored.sha256
        validate_attachment(attachment)
        with transaction(self.conn):
            self.check_links(attachment)
            self.conn.execute(
                "UPDATE attachments SET title = ?, dated = ?, note = ?, session_id = ?, "
                "contract_version = ?, outcome_id = ?, feedback_id = ? WHERE id = ?",
                (
                    attachment.title.strip(),
                    attachment.dated.isoformat() if attachment.dated else None,
                    attachment.note,
                    attachment.session_id,
                    attachment.contract_version,
                    attachment.outcome_id,
                    attachment.feedback_id,
                    attachment.id,
                ),
            )

    def delete(self, attachment_id: int) -> None:
        """Delete the attachment; its content goes too unless another attachment uses it."""
        with small_page_cache(self.conn), transaction(self.conn):
            empty_orphaned_contents(
                self.conn,
                "SELECT content_id FROM attachments a WHERE a.id = ? AND NOT EXISTS "
                "(SELECT 1 FROM attachments b WHERE b.content_id = a.content_id AND b.id != a.id)",
                (attachment_id,),
            )
            cursor = self.conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            if cursor.rowcount != 1:
                raise NotFound(
                    f"no attachment with id {attachment_id} (see 'coachdesk attachments')"
                )
        forget_deleted_pages(self.conn)


def empty_orphaned_contents(conn: Connection, select_ids: str, params: tuple[object, ...]) -> None:
    """Shrink to nothing the contents about to lose their last attachment, each in a
    statement of its own, before the DELETE that removes them.

    A DELETE whose triggers or cascades remove a large row journals every page it
    frees in SQLite's statement journal, which lives in memory (``temp_store`` is
    MEMORY so that nothing decrypted reaches a temp file): 100 MB of file, 100 MB of
    RAM. A single-row UPDATE needs no statement journal; its freed pages are zeroed
    (``secure_delete``) and the trigger then deletes a row of a few bytes.
    """
    ids = [int(row[0]) for row in conn.execute(select_ids, params)]
    for content_id in ids:
        conn.execute(
            "UPDATE attachment_contents SET content = zeroblob(0) WHERE id = ?", (content_id,)
        )


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _regular_file(path: Path) -> tuple[int, tuple[int, int, int, int]]:
    try:
        st = path.stat()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInput(f"{path.name} is not a regular file; attach a document or an image")
    check_size(st.st_size, path.name)
    return st.st_size, _identity(st)


def check_source(path: Path) -> int:
    """The size of a file that may be attached; InvalidInput (or ValidationError beyond
    the size limit) for anything else, before a byte is read."""
    return _regular_file(Path(path))[0]


def check_copy_target(
    target: Path, vault_folder: Path | None = None, *, may_exist: bool = False
) -> None:
    """Refuse to write an unencrypted copy into a vault folder, or over an existing file.

    A copy inside a vault folder would sit next to the encrypted data (and in its
    backups' source), and overwriting a file CoachDesk did not write could destroy
    something of the coach's (``may_exist``: the coach confirmed replacing it in a file
    dialog). Symlinks are resolved first, so a link into a vault folder is refused too.
    (Minimal guard; issue 16 adds one shared by every output.)
    """
    if not may_exist and (target.exists() or target.is_symlink()):
        raise InvalidInput(f"{target} already exists; choose a new file name")
    resolved = target.resolve(strict=False)
    folders = [resolved.parent, *resolved.parent.parents]
    vault = vault_folder.resolve(strict=False) if vault_folder is not None else None
    if any(is_vault(folder) or folder == vault for folder in folders):
        raise InvalidInput(f"{target} is inside a vault folder; save the copy somewhere else")
