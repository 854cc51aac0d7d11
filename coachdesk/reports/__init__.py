"""Shareable PDF documents built with ReportLab.

Public API::

    render_report(kind, engagement, *, today, page_size, session_id, include_private,
                  coach_name, password) -> bytes
    write_report(kind, engagement, path, *, …same…) -> None
    render_recovery_kit(recovery_code, vault_location, *, today, page_size, password) -> bytes
    write_recovery_kit(recovery_code, vault_location, path, *, …same…) -> None

Every PDF embeds its fonts (DejaVu), carries no client name in its metadata, and can be
encrypted with AES-256. Private notes appear only in a client data export, and only
when asked for.
"""

from typing import TYPE_CHECKING, Any

from coachdesk.reports.kinds import SHAREABLE, ReportKind

if TYPE_CHECKING:
    from coachdesk.reports.api import (
        render_recovery_kit,
        render_report,
        write_recovery_kit,
        write_report,
    )
    from coachdesk.reports.document import PaperSize

# ReportLab and pypdf take about half a second to import: the app's start-up needs only
# the report kinds (its menus), so the rest is imported on first use.
_LAZY = {
    "render_recovery_kit": "coachdesk.reports.api",
    "render_report": "coachdesk.reports.api",
    "write_recovery_kit": "coachdesk.reports.api",
    "write_report": "coachdesk.reports.api",
    "PaperSize": "coachdesk.reports.document",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SHAREABLE",
    "PaperSize",
    "ReportKind",
    "render_recovery_kit",
    "render_report",
    "write_recovery_kit",
    "write_report",
]
