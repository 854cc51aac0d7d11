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

from coachdesk.reports.api import (
    SHAREABLE,
    ReportKind,
    render_recovery_kit,
    render_report,
    write_recovery_kit,
    write_report,
)
from coachdesk.reports.document import PaperSize

__all__ = [
    "SHAREABLE",
    "PaperSize",
    "ReportKind",
    "render_recovery_kit",
    "render_report",
    "write_recovery_kit",
    "write_report",
]
