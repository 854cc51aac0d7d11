"""The disclosure log: written with each shared report, never holding content, kept in
the vault, exported (JSON and the client data export PDF) and imported again."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import pypdf
import pytest

from coachdesk.core.audience import Audience, ReportCopy
from coachdesk.core.errors import InvalidInput
from coachdesk.reports.api import render_report
from coachdesk.reports.share import share_report
from coachdesk.vault.exchange import export_document, import_engagements, parse_document
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import sample_engagement

TODAY = date(2026, 6, 1)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


@pytest.fixture
def store(open_vault: Vault) -> Store:
    return Store(open_vault.connection)


def _client(store: Store) -> int:
    client_id = store.add_engagement(sample_engagement(marker=""))
    contract = store.contracts.for_client(client_id)
    assert contract is not None
    contract.outcomes[0].audience = Audience.SPONSOR
    contract.outcomes[1].audience = Audience.COACH
    contract.outcomes[1].statement = "COACH-ONLY-HYPOTHESIS-QV"
    contract.sponsor_confirmed_on = TODAY
    store.contracts.save(contract)
    return client_id


def test_sharing_logs_ids_and_approval_never_content(store: Store, tmp_path: Path) -> None:
    client_id = _client(store)
    engagement = store.load_engagement(client_id)
    entry = share_report(
        store, "sponsor", engagement, tmp_path / "s.pdf", today=TODAY,
        approved_on=date(2026, 5, 30), now=datetime(2026, 6, 1, 9, 30),
    )  # fmt: skip
    assert (tmp_path / "s.pdf").exists()
    (logged,) = store.disclosures.for_client(client_id)
    assert logged == entry
    assert logged.kind == ReportCopy.SPONSOR and logged.audience == Audience.SPONSOR
    assert logged.approved_on == date(2026, 5, 30)
    outcome = store.contracts.for_client(client_id).outcomes[0]  # type: ignore[union-attr]
    assert f"outcome:{outcome.id}" in logged.item_ids
    stored = store.conn.execute("SELECT * FROM disclosures").fetchall()
    assert outcome.statement not in repr(stored)


def test_a_failed_write_logs_nothing(store: Store, tmp_path: Path) -> None:
    client_id = _client(store)
    engagement = store.load_engagement(client_id)
    target = tmp_path / "missing-folder" / "x.pdf"
    with pytest.raises((InvalidInput, OSError)):
        share_report(store, "progress", engagement, target, today=TODAY)
    assert store.disclosures.for_client(client_id) == []


def test_the_log_travels_in_the_export_and_the_client_data_export(
    store: Store, tmp_path: Path
) -> None:
    client_id = _client(store)
    engagement = store.load_engagement(client_id)
    share_report(store, "progress", engagement, tmp_path / "p.pdf", today=TODAY)
    share_report(store, "contract", engagement, tmp_path / "c.pdf", today=TODAY,
                 audience="sponsor", approved_on=date(2026, 5, 31))  # fmt: skip

    document = export_document(store, [client_id])
    assert document["version"] in (1, 2)  # an optional key: no version of its own
    exported = document["clients"][0]["disclosures"]
    assert [d["kind"] for d in exported] == ["progress", "contract-sponsor"]
    assert exported[1]["approved_on"] == "2026-05-31" and exported[1]["audience"] == "sponsor"
    assert "COACH-ONLY-HYPOTHESIS-QV" not in json.dumps(exported)

    # Imported again (into the same vault: new records), the log comes along.
    (new_id,) = import_engagements(store, parse_document(json.dumps(document).encode()))
    assert len(store.disclosures.for_client(new_id)) == 2
    # An export written before this key existed still imports.
    del document["clients"][0]["disclosures"]
    (older,) = import_engagements(store, parse_document(json.dumps(document).encode()))
    assert store.disclosures.for_client(older) == []

    pdf = _text(render_report("client-export", store.load_engagement(client_id), today=TODAY))
    assert "What was shared, and with whom" in pdf
    assert "Contract (three-way copy for the sponsor)" in pdf and "Approved" in pdf
    # Coach-only items are the coach's notes: out unless private notes are included.
    assert "COACH-ONLY-HYPOTHESIS-QV" not in pdf
    full = render_report(
        "client-export", store.load_engagement(client_id), today=TODAY, include_private=True
    )
    assert "COACH-ONLY-HYPOTHESIS-QV" in _text(full)
