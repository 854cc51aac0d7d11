"""Sharing a report: render what its audience may see, write it, and log the disclosure.

The GUI (after the review dialog) and the CLI both come through here, so every report
that leaves the vault is in the client's disclosure log: when, which copy, for whom,
which items (by id) and whether the client approved it, never its content. The log entry
and the file go together: the entry is written in a transaction that commits only once
the file is in place, so a failed write logs nothing and a logged report exists.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from coachdesk.core.audience import DisclosureAction, ReportCopy
from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import Disclosure, Engagement
from coachdesk.core.sharing import (
    disclosure_for,
    needs_sponsor_confirmation,
    report_copy,
)
from coachdesk.reports.api import render_report
from coachdesk.reports.document import PaperSize
from coachdesk.vault.db import transaction
from coachdesk.vault.outputs import write_output_file
from coachdesk.vault.store import Store

SPONSOR_NOT_CONFIRMED = (
    "confirm first which outcomes and milestones the sponsor sees for this client "
    "(the app asks when you open the sponsor report; from the command line add "
    "--sponsor-confirmed once you have marked them)"
)


def check_ready(engagement: Engagement, which: ReportCopy) -> None:
    """Refuse a sponsor document until the coach confirmed what the sponsor sees."""
    if needs_sponsor_confirmation(engagement, which):
        raise InvalidInput(SPONSOR_NOT_CONFIRMED)


def share_report(
    store: Store,
    kind: str,
    engagement: Engagement,
    path: str | os.PathLike[str],
    *,
    today: date,
    audience: str | None = None,
    exclude: Iterable[str] = (),
    session_id: int | None = None,
    approved_on: date | None = None,
    page_size: PaperSize | str = PaperSize.A4,
    coach_name: str = "",
    password: str | None = None,
    now: datetime | None = None,
) -> Disclosure:
    """Write the report to ``path`` (atomically) and log its disclosure; returns the entry."""
    which = report_copy(kind, audience)
    check_ready(engagement, which)
    left_out = frozenset(exclude)
    data = render_report(
        kind,
        engagement,
        today=today,
        page_size=page_size,
        session_id=session_id,
        coach_name=coach_name,
        password=password,
        audience=audience,
        exclude=left_out,
    )
    entry = log_entry(engagement, which, exclude=left_out, session_id=session_id,
                      approved_on=approved_on, now=now, today=today)  # fmt: skip
    with transaction(store.conn):
        store.disclosures.save(entry)
        # The one output rule: never into any vault folder, never through a link.
        write_output_file(Path(path), data)
    return entry


def log_entry(
    engagement: Engagement,
    which: ReportCopy,
    *,
    exclude: Iterable[str] = (),
    session_id: int | None = None,
    approved_on: date | None = None,
    now: datetime | None = None,
    today: date | None = None,
    action: DisclosureAction = DisclosureAction.SAVED,
) -> Disclosure:
    """The disclosure-log entry for a report (printing logs one without a file)."""
    if session_id is None and which == ReportCopy.SESSION and today is not None:
        from coachdesk.reports.session_summary import pick_session

        session_id = pick_session(engagement, None, today).id
    return disclosure_for(
        engagement,
        which,
        at=now or datetime.now(),
        exclude=exclude,
        session_id=session_id,
        approved_on=approved_on,
        action=action,
    )
