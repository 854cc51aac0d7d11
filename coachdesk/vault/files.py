"""Owner-only, atomic file writes.

Everything CoachDesk writes (vault header, PDFs, backups, exports) goes through here so
that a crash, a kill or a full disk leaves either the old file or the new one, never a
torn one, and never a file another user of the machine can read.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from coachdesk.core.errors import InvalidInput

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700


def secure_mkdir(path: Path) -> None:
    """Create ``path`` and every missing parent owner-only; an existing folder is left
    as it is (:func:`coachdesk.vault.outputs.tighten_folder` judges those).

    ``Path.mkdir(parents=True)`` would make the parents with the process umask, so a
    umask of 000 left ``…/CoachDesk`` open to everyone, who could then swap the vault
    folder inside it; each missing folder is therefore made and set to 0700 here.
    """
    path = Path(path)
    if path.is_dir():
        return
    missing = []
    folder = path
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by another process meanwhile: not ours to change
        with contextlib.suppress(OSError):  # not every file system keeps POSIX modes
            folder.chmod(DIR_MODE)


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (a no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``target`` only if the block finishes.

    The temporary file lives in the target's folder (so the final rename is atomic),
    is created owner-only, and is fsynced before the rename. On any exception it is
    removed and ``target`` is untouched.
    """
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        tmp.chmod(FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    try:
        fsync_dir(target.parent)
    except OSError as exc:
        # The new file is in place and complete; only its survival of a power cut is
        # less certain. Reporting the write as failed would be false (a passphrase
        # change would look undone while it is in force), so it is logged instead.
        log.warning("could not fsync the folder after a rename (%s)", exc.strerror)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` atomically and durably."""
    with atomic_writer(target) as handle:
        handle.write(data)


def read_limited(source: Path, limit: int, what: str) -> bytes:
    """Read at most ``limit`` bytes of ``source``; a larger input raises InvalidInput.

    The size is found by reading, not from ``stat``: ``/dev/zero``, a pipe or a file
    still growing report a size of 0 and would otherwise be read until memory runs out.
    ``what`` names the input in messages ("the passphrase file").
    """
    try:
        with Path(source).open("rb") as handle:
            data = handle.read(limit + 1)
    except IsADirectoryError:
        raise InvalidInput(f"{what} {source} is a folder, not a file") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {what} {source}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InvalidInput(f"{what} {source} is larger than {_size(limit)}; is it the right file?")
    return data


def _size(limit: int) -> str:
    if limit >= 2**20:
        return f"{limit // 2**20} MiB"
    if limit >= 2**10:
        return f"{limit // 2**10} KiB"
    return f"{limit} bytes"
