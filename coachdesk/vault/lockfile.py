"""One process per vault: an OS-level lock on the vault folder and on ``vault.lock``.

The lock is an advisory ``flock`` on the vault folder itself and on a file,
``vault.lock``, that records the owner's pid and host (on Windows, where folders cannot
be locked, ``msvcrt.locking`` on the file only). The folder lock is what keeps a second
writer out: a file can be deleted under its holder, and a second process would then
lock a fresh file of the same name and get in (issue 16); a folder that still holds the
vault cannot be. The operating system drops both locks when the owner dies, so a stale
file left by a killed process never blocks the coach: the next process simply takes the
lock and rewrites the owner.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
from pathlib import Path

from coachdesk.core.errors import VaultInUse

LOCK_NAME = "vault.lock"


class VaultLock:
    """Held from unlock to lock; ``release`` is idempotent."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._fd: int | None = None
        self._folder_fd: int | None = None

    def acquire(self) -> None:
        self._folder_fd = self._lock_folder()
        try:
            self._lock_file()
        except BaseException:
            self._release_folder()
            raise

    def _in_use(self) -> VaultInUse:
        return VaultInUse(
            "this vault is open in another CoachDesk window or command"
            f"{self._describe_owner()}; close it there first"
        )

    def _lock_folder(self) -> int | None:
        """flock the folder itself; None where folders cannot be locked (Windows, some
        network file systems): the file lock then stands alone."""
        if sys.platform == "win32":
            return None
        fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            _lock_fd(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise self._in_use() from None
            return None
        return fd

    def _release_folder(self) -> None:
        fd, self._folder_fd = self._folder_fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                _unlock_fd(fd)
            os.close(fd)

    def _lock_file(self) -> None:
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                _lock_fd(fd)
            except OSError:
                os.close(fd)
                raise self._in_use() from None
            if _same_file(fd, self.path):
                break
            # The previous owner removed the file between our open and our lock:
            # we hold a lock on an orphan inode. Try again on the new file.
            os.close(fd)
        else:
            raise VaultInUse("could not take the vault lock; try again")
        owner = {"pid": os.getpid(), "host": socket.gethostname()}
        if hasattr(os, "fchmod"):  # a stale file from elsewhere may be world-readable
            with contextlib.suppress(OSError):
                os.fchmod(fd, 0o600)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(owner).encode("utf-8"))
        self._fd = fd

    def _describe_owner(self) -> str:
        try:
            owner = json.loads(self.path.read_text(encoding="utf-8"))
            return f" (process {int(owner['pid'])})"
        except (OSError, ValueError, KeyError, TypeError):
            return ""

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if _same_file(fd, self.path):  # never another process's file of the same name
            with contextlib.suppress(OSError):
                self.path.unlink()
        with contextlib.suppress(OSError):
            _unlock_fd(fd)
        os.close(fd)
        self._release_folder()

    @property
    def held(self) -> bool:
        return self._fd is not None


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), path.stat())
    except OSError:
        return False


if sys.platform == "win32":
    import msvcrt

    def _lock_fd(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
