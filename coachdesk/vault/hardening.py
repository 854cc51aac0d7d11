"""Process-wide protections applied once by every entry point (CLI, GUI).

Decrypted notes and keys live in this process's memory; a core dump would write them to
disk in plaintext, so dumps are switched off. The umask makes every file and folder the
process creates owner-only, including those created by libraries (SQLite's WAL and SHM
files, Qt's caches).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys

_PR_SET_DUMPABLE = 4


def harden_process() -> None:
    """Owner-only files, no core dumps. Safe to call more than once."""
    os.umask(0o077)
    if sys.platform != "win32":
        import resource

        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        _set_not_dumpable()


def _set_not_dumpable() -> None:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(libc_name, use_errno=True)
        libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def core_dumps_disabled() -> bool:
    """True when this process can produce no core dump (used by tests and ``check``)."""
    if sys.platform == "win32":
        return True
    import resource

    soft, _hard = resource.getrlimit(resource.RLIMIT_CORE)
    return soft == 0
