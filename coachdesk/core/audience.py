"""The audiences an item can have (the rules that use them: :mod:`coachdesk.core.sharing`)."""

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
