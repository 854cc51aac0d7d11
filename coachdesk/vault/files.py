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

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700


def secure_mkdir(path: Path) -> None:
    """Create ``path`` (and parents) owner-only; an existing folder is left as it is."""
    if path.is_dir():
        return
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # not every file system keeps POSIX modes
        path.chmod(DIR_MODE)


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
