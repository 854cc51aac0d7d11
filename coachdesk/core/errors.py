"""Errors the user can act on.

Every error CoachDesk raises on purpose derives from :class:`CoachDeskError` and carries
the process exit code the command line uses for it (docs/architecture.md, "The command
line"), so the CLI and the GUI can report it in one clear line instead of a traceback.
Messages never contain client data: they name fields and files, not what was typed into
them.
"""

from __future__ import annotations


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
