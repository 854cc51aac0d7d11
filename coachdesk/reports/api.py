"""One entry point per kind of document: render to bytes, or write a file atomically.

Reports are pure functions of domain objects and ``today``: no database, no clock, no
locale. That keeps them testable on any pinned day and lets the CLI, the GUI (from a
worker thread) and tests share the same code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk.core.audience import ReportCopy
from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import Engagement
from coachdesk.core.sharing import (
    report_copy,
    shared_view,
    withheld_clauses,
)
from coachdesk.reports import (
    client_export,
    contract,
    progress_report,
    recovery_kit,
    session_summary,
    sponsor,
)
from coachdesk.reports.common import Context
from coachdesk.reports.document import PaperSize, frame_width, render_story
from coachdesk.reports.kinds import SHAREABLE, ReportKind
from coachdesk.vault.outputs import write_output_file

if TYPE_CHECKING:
    from coachdesk.vault.store import ContractVersion

__all__ = [
    "SHAREABLE",
    "ReportKind",
    "render_recovery_kit",
    "render_report",
    "write_recovery_kit",
    "write_report",
]


_COPY_LINES = {
    ReportCopy.CONTRACT_CLIENT: "Client's copy: the full agreement",
    ReportCopy.CONTRACT_SPONSOR: "Three-way copy for the sponsor",
}


def _kind(kind: ReportKind | str) -> ReportKind:
    try:
        return ReportKind(str(kind))
    except ValueError:
        names = ", ".join(k.value for k in ReportKind)
        raise InvalidInput(f"unknown report kind {kind!r}: use one of {names}") from None


def render_report(
    kind: ReportKind | str,
    engagement: Engagement,
    *,
    today: date,
    page_size: PaperSize | str = PaperSize.A4,
    session_id: int | None = None,
    include_private: bool = False,
    coach_name: str = "",
    password: str | None = None,
    contract_versions: Sequence[ContractVersion] = (),
    audience: str | None = None,
    exclude: Iterable[str] = (),
) -> bytes:
    """The PDF of one report about ``engagement`` as of ``today``.

    ``contract_versions`` (the earlier versions of the contract) are printed in the
    client data export, which must hold everything stored; other reports show the
    current contract only.

    ``session_id`` picks the session of a session summary (default: the latest held).
    ``include_private`` is accepted only for the client data export: private notes have
    no place in any other document, so asking for them elsewhere is an error rather than
    silently ignored. A non-empty ``password`` encrypts the PDF (AES-256).

    A shareable report is built from :func:`coachdesk.core.sharing.shared_view` only:
    what its audience may see, minus the items the coach unticked (``exclude``).
    ``audience`` picks the copy of the contract (client: full copy, sponsor: three-way
    copy); other reports have one audience and refuse another.
    """
    kind = _kind(kind)
    if kind == ReportKind.RECOVERY_KIT:
        raise InvalidInput("the recovery kit is made with render_recovery_kit (it has no client)")
    if include_private and kind != ReportKind.CLIENT_EXPORT:
        raise InvalidInput("private notes can only be included in a client data export")
    ctx = Context(today=today, width=frame_width(page_size), coach_name=coach_name)
    if kind in SHAREABLE:
        which = report_copy(kind, audience)
        if kind == ReportKind.SESSION:  # pick on the whole engagement, then filter
            session_id = session_summary.pick_session(engagement, session_id, today).id
        ctx = replace(
            ctx,
            copy_line=_COPY_LINES.get(which, ""),
            withheld=tuple(withheld_clauses(engagement, which, exclude)),
        )
        engagement = shared_view(engagement, which, exclude=exclude, session_id=session_id)
    elif audience is not None:
        raise InvalidInput(f"the {kind.value} document has no audience to choose")
    if kind == ReportKind.SESSION:
        session = session_summary.pick_session(engagement, session_id, today)
        story, info = session_summary.build(engagement, session, ctx)
    elif kind == ReportKind.CONTRACT:
        story, info = contract.build(engagement, ctx)
    elif kind == ReportKind.PROGRESS:
        story, info = progress_report.build(engagement, ctx)
    elif kind == ReportKind.SPONSOR:
        story, info = sponsor.build(engagement, ctx)
    else:
        story, info = client_export.build(engagement, ctx, include_private, contract_versions)
    return render_story(story, info, page_size, password)


def write_report(
    kind: ReportKind | str,
    engagement: Engagement,
    path: str | os.PathLike[str],
    *,
    today: date,
    page_size: PaperSize | str = PaperSize.A4,
    session_id: int | None = None,
    include_private: bool = False,
    coach_name: str = "",
    password: str | None = None,
    contract_versions: Sequence[ContractVersion] = (),
    audience: str | None = None,
    exclude: Iterable[str] = (),
) -> None:
    """Render like :func:`render_report`, then replace ``path`` atomically (owner-only):
    a failed render leaves any existing file untouched. ``path`` must be outside every
    vault folder (:func:`coachdesk.vault.outputs.check_output_file`)."""
    data = render_report(
        kind,
        engagement,
        today=today,
        page_size=page_size,
        session_id=session_id,
        include_private=include_private,
        coach_name=coach_name,
        password=password,
        contract_versions=contract_versions,
        audience=audience,
        exclude=exclude,
    )
    write_output_file(Path(path), data)


def render_recovery_kit(
    recovery_code: str,
    vault_location: str | os.PathLike[str],
    *,
    today: date,
    page_size: PaperSize | str = PaperSize.A4,
    password: str | None = None,
) -> bytes:
    """The recovery-kit PDF: the code, where the vault is, and what to do with them."""
    ctx = Context(today=today, width=frame_width(page_size), coach_name="")
    story, info = recovery_kit.build(recovery_code, os.fspath(vault_location), ctx)
    return render_story(story, info, page_size, password)


def write_recovery_kit(
    recovery_code: str,
    vault_location: str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    today: date,
    page_size: PaperSize | str = PaperSize.A4,
    password: str | None = None,
) -> None:
    """Render the recovery kit and replace ``path`` atomically (owner-only)."""
    data = render_recovery_kit(
        recovery_code, vault_location, today=today, page_size=page_size, password=password
    )
    write_output_file(Path(path), data)
