"""The words of sharing: audiences, report copies, disclosure actions.

The rules that use them live in :mod:`coachdesk.core.sharing`; these enums sit apart so
the domain model can use them without importing the rules.
"""

from __future__ import annotations

from enum import StrEnum


class Audience(StrEnum):
    """Who may see an item; each audience includes the ones before it."""

    COACH = "coach"
    """Coach only."""
    CLIENT = "client"
    """The client (and the coach)."""
    SPONSOR = "sponsor"
    """The sponsor (and the client and the coach)."""


class ReportCopy(StrEnum):
    """A shareable document and the copy of it: who it is for."""

    SESSION = "session"
    PROGRESS = "progress"
    SPONSOR = "sponsor"
    CONTRACT_CLIENT = "contract-client"
    CONTRACT_SPONSOR = "contract-sponsor"


class DisclosureAction(StrEnum):
    SAVED = "saved"
    PRINTED = "printed"
