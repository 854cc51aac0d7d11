"""Errors the user can act on.

Every error CoachDesk raises on purpose derives from :class:`CoachDeskError` and carries
the process exit code the command line uses for it (docs/architecture.md, "The command
line"), so the CLI and the GUI can report it in one clear line instead of a traceback.
Messages never contain client data: they name fields and files, not what was typed into
them.
"""

from __future__ import annotations

from dataclasses import dataclass


class CoachDeskError(Exception):
    """Base class: something the user or the environment can fix."""

    exit_code = 1


class InvalidInput(CoachDeskError):
    """Bad input (a field, a file, an argument); nothing was changed."""

    exit_code = 2


class ValidationError(InvalidInput):
    """A domain record breaks a rule; ``field`` names the offending field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(InvalidInput):
    """A record, file or vault that was asked for does not exist."""


class WrongPassphrase(CoachDeskError):
    """The passphrase or recovery code does not open this vault."""

    exit_code = 3


class VaultInUse(CoachDeskError):
    """Another CoachDesk process has this vault open."""

    exit_code = 4


class IntegrityFailure(CoachDeskError):
    """A vault, header or backup is corrupt or has been tampered with."""

    exit_code = 5


# -- One vocabulary for every failure --------------------------------------------------

EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130

# SQLite's primary result codes (https://sqlite.org/rescode.html); an extended code
# carries its primary one in the low byte.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL = 5, 6, 10, 11, 13
_SQLITE_NOTADB = 26
_ENOSPC = 28


@dataclass(frozen=True)
class Explanation:
    """What to tell the coach about a failure: an exit code and one sentence.

    ``message`` starts in lower case and has no final stop, so the CLI can print
    ``coachdesk: <message>``; :meth:`sentence` is the same text for a dialog or a
    status line. Neither ever quotes client data.
    """

    exit_code: int
    message: str

    def sentence(self) -> str:
        stop = "" if self.message.endswith((".", "!", "?", "…")) else "."
        return f"{self.message[:1].upper()}{self.message[1:]}{stop}"


DISK_FULL = "the disk is full; free some space and try again"


def _sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of a database driver error, else None.

    The driver (sqlcipher3) is duck-typed so that the domain layer needs no database
    driver. Errors raised without a code (by the driver's own checks, or by tests) are
    recognised from SQLite's fixed wording, in this one place only.
    """
    if not type(exc).__module__.startswith(("sqlcipher3", "sqlite3")):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc)
    if "disk is full" in text:
        return _SQLITE_FULL
    if "I/O error" in text:
        return _SQLITE_IOERR
    if "locked" in text:
        return _SQLITE_LOCKED
    if "busy" in text:
        return _SQLITE_BUSY
    if "malformed" in text:
        return _SQLITE_CORRUPT
    if "not a database" in text:
        return _SQLITE_NOTADB
    return 0


def explain(exc: BaseException) -> Explanation:
    """Map any exception to an exit code and a sentence without client data.

    The CLI, the autosaver, background jobs and the app's last-resort error hook all
    report failures through this function, so the same failure reads the same
    everywhere. Only CoachDesk's own errors keep their message (they are written never
    to contain client text); for anything else only its kind is named.
    """
    if isinstance(exc, WrongPassphrase) and str(exc) == "wrong passphrase":
        return Explanation(
            exc.exit_code, "wrong passphrase (or the vault header is damaged); nothing was changed"
        )
    if isinstance(exc, CoachDeskError):
        return Explanation(exc.exit_code, str(exc))
    if isinstance(exc, KeyboardInterrupt):
        return Explanation(EXIT_INTERRUPTED, "interrupted; nothing was changed")
    code = _sqlite_code(exc)
    if code is not None:
        if code == _SQLITE_FULL:
            return Explanation(EXIT_INTERNAL, DISK_FULL)
        if code == _SQLITE_IOERR:  # the OS failed a read or write: the disk, not the vault
            return Explanation(
                EXIT_INTERNAL,
                "a disk error stopped the work before it finished; check the disk, then run "
                "'coachdesk check'",
            )
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return Explanation(
                VaultInUse.exit_code, "the vault is busy in another process; try again"
            )
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return Explanation(
                IntegrityFailure.exit_code,
                "the vault database is damaged (it failed to read back); run 'coachdesk "
                "check' or restore a backup",
            )
    elif isinstance(exc, OSError):
        if exc.errno == _ENOSPC:
            return Explanation(EXIT_INTERNAL, DISK_FULL)
        # Disk full, permission denied, missing folder: say which. The file name is one
        # the coach chose or the vault's own, never record text.
        where = f" ({exc.filename})" if exc.filename else ""
        reason = exc.strerror or type(exc).__name__
        return Explanation(EXIT_INTERNAL, f"{reason}{where}")
    return Explanation(
        EXIT_INTERNAL,
        f"internal error ({type(exc).__name__}); nothing more is shown to keep client data "
        "private. Please report it",
    )
