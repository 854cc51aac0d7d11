"""The kinds of report, without ReportLab: the app's menus need the names at start-up,
the PDF machinery only when a report is made (see :mod:`coachdesk.reports`)."""

from __future__ import annotations

from enum import StrEnum


class ReportKind(StrEnum):
    """The documents CoachDesk produces; values are the CLI's ``report KIND`` names."""

    SESSION = "session"
    CONTRACT = "contract"
    PROGRESS = "progress"
    SPONSOR = "sponsor"
    CLIENT_EXPORT = "client-export"
    RECOVERY_KIT = "recovery-kit"


SHAREABLE = frozenset(
    {ReportKind.SESSION, ReportKind.CONTRACT, ReportKind.PROGRESS, ReportKind.SPONSOR}
)
"""Documents meant to be sent to the client or the sponsor."""
