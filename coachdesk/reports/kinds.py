"""The kinds of report and their titles, without ReportLab or Qt: the app's menus need
the names at start-up, the PDF machinery and the preview only when a report is made
(see :mod:`coachdesk.reports` and :mod:`coachdesk.ui.reports`)."""

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

TITLES = {
    ReportKind.SESSION: "Session summary",
    ReportKind.CONTRACT: "Contract",
    ReportKind.PROGRESS: "Progress report",
    ReportKind.SPONSOR: "Sponsor report",
    ReportKind.CLIENT_EXPORT: "Client data export",
    ReportKind.RECOVERY_KIT: "Recovery kit",
}
"""What the app calls each report: its Reports menu, dialogs and preview titles."""
