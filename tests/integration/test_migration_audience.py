"""Migration 6 (audiences): upgrading a vault makes nothing sponsor-visible silently."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pypdf
import pytest
import sqlcipher3

from coachdesk.core.audience import Audience, ReportCopy
from coachdesk.core.errors import InvalidInput
from coachdesk.core.sharing import needs_sponsor_confirmation, review_items
from coachdesk.reports.api import render_report
from coachdesk.reports.share import share_report
from coachdesk.vault.migrations import all_migrations, current_version, migrate
from coachdesk.vault.store import Store
from coachdesk.vault.vault import connect

KEY = bytes(range(32))
AUDIENCE_VERSION = 6


def _version_2_vault(path: Path) -> object:
    """A vault as it was before audiences (one client with a full contract)."""
    conn = connect(path, KEY)
    migrate(conn, all_migrations()[: AUDIENCE_VERSION - 1])
    conn.execute("INSERT INTO clients (id, name) VALUES (1, 'Ana')")
    conn.execute(
        "INSERT INTO contracts (id, client_id, status, sponsor_reporting, start_date, end_date)"
        " VALUES (1, 1, 'signed', 'Quarterly summary', '2026-01-01', '2026-12-31')"
    )
    conn.execute(
        "INSERT INTO outcomes (id, contract_id, statement, baseline, target, current) "
        "VALUES (1, 1, 'OUTCOME-ONE', 0, 10, 5), (2, 1, 'OUTCOME-TWO', 0, 10, 2)"
    )
    conn.execute(
        'INSERT INTO outcome_readings (outcome_id, "on", value, note) '
        "VALUES (1, '2026-02-01', 2, 'READING-NOTE')"
    )
    conn.execute(
        "INSERT INTO milestones (contract_id, outcome_id, title, evidence) "
        "VALUES (1, 1, 'MILESTONE-ONE', 'EVIDENCE-ONE')"
    )
    conn.execute(
        "INSERT INTO risks (contract_id, description, likelihood, impact) "
        "VALUES (1, 'RISK-HIGH-ONE', 'high', 'high')"
    )
    return conn


def test_upgrade_keeps_everything_client_visible_and_asks_before_the_first_sponsor_report(
    tmp_path: Path,
) -> None:
    conn = _version_2_vault(tmp_path / "v.db")
    assert migrate(conn) == list(range(AUDIENCE_VERSION, len(all_migrations()) + 1))
    assert current_version(conn) >= AUDIENCE_VERSION
    store = Store(conn)  # type: ignore[arg-type]
    engagement = store.load_engagement(1)
    contract = engagement.contract
    assert contract is not None
    parts = [*contract.outcomes, *contract.milestones, *contract.risks]
    assert {p.audience for p in parts} == {Audience.CLIENT}
    assert contract.outcomes[0].history[0].note_audience is None  # follows its outcome
    assert contract.milestones[0].evidence_audience is None
    assert contract.clause_audiences == [] and contract.sponsor_confirmed_on is None
    assert needs_sponsor_confirmation(engagement, ReportCopy.SPONSOR)
    assert needs_sponsor_confirmation(engagement, ReportCopy.CONTRACT_SPONSOR)
    assert not needs_sponsor_confirmation(engagement, ReportCopy.PROGRESS)

    # Nothing reaches the sponsor: not an outcome, milestone or risk, not the high risk's
    # "High risk open" headline.
    assert [i.kind for i in review_items(engagement, ReportCopy.SPONSOR)] == []
    pdf = render_report("sponsor", engagement, today=date(2026, 6, 1))
    text = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for token in ("OUTCOME-ONE", "OUTCOME-TWO", "MILESTONE-ONE", "RISK-HIGH-ONE", "EVIDENCE"):
        assert token not in text
    # Sharing refuses until the coach confirms, and writes and logs nothing.
    out = tmp_path / "sponsor.pdf"
    with pytest.raises(InvalidInput, match="confirm first"):
        share_report(store, "sponsor", engagement, out, today=date(2026, 6, 1))
    assert not out.exists() and store.disclosures.for_client(1) == []
    # The client's documents are unaffected.
    progress = render_report("progress", engagement, today=date(2026, 6, 1))
    text = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(progress)).pages)
    assert "OUTCOME-ONE" in text and "RISK-HIGH-ONE" in text and "EVIDENCE-ONE" in text


def test_audience_is_checked_by_the_database(tmp_path: Path) -> None:
    conn = _version_2_vault(tmp_path / "v.db")
    migrate(conn)
    with pytest.raises(sqlcipher3.IntegrityError):
        conn.execute("UPDATE outcomes SET audience = 'board' WHERE id = 1")  # type: ignore[attr-defined]
