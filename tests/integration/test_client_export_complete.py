"""The client data export PDF holds everything the vault holds about the client.

A subject-access answer that leaves out a stored field is wrong, so the test does not
list fields: it takes every string of the client's JSON export (the complete record,
contract version history included) and looks for each in the PDF's extracted text. A
field the PDF forgets, or a new field nobody added to the report, fails it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from coachdesk.core.model import ContractStatus, EmotionEntry
from coachdesk.reports import ReportKind, render_report
from coachdesk.reports.style import fmt_date, fmt_datetime, humanise
from coachdesk.vault.exchange import export_document
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import CliRunner, NewVault, sample_engagement

TODAY = date(2026, 3, 1)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?")


def _squeezed(text: str) -> str:
    """Without any whitespace: a PDF breaks lines (and table cells) anywhere."""
    return "".join(text.split())


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, str) and value.strip():
        yield path, value


def _forms(value: str) -> list[str]:
    """How a stored string may read in the PDF: itself; a date or time as the reports
    write dates; a choice in words."""
    if _DATETIME.fullmatch(value):
        moment = datetime.fromisoformat(value)
        return [fmt_datetime(moment), fmt_date(moment), fmt_date(moment, short=True)]
    if _DATE.fullmatch(value):
        day = date.fromisoformat(value)
        return [fmt_date(day), fmt_date(day, short=True)]
    return [value, humanise(value)]


def _amended_vault(vault: Vault) -> tuple[Store, int]:
    """A client whose signed contract was amended twice (two earlier versions), with a
    marker in every text field of every version and every record."""
    store = Store(vault.connection)
    engagement = sample_engagement(marker="mk0")
    engagement.emotions.append(
        EmotionEntry(
            occurred_at=datetime(2026, 2, 20, 8, 15),
            situation="Quarterly review mk0",
            label="hopeful",
            family="anticipation",
            body_sensation="light chest mk0",
            perceived_by_others="seemed upbeat mk0",
            regulation_strategy="reframing mk0",
        )
    )
    client_id = store.add_engagement(engagement)
    for n, (title, fees) in enumerate(
        [("Leadership coaching, first draft v1x", "EUR 400 v1x"), ("Board focus v2x", "v2x")]
    ):
        contract = store.contracts.for_client(client_id)
        assert contract is not None
        contract = replace(contract, title=title, fees=fees, cadence=f"monthly c{n}x")
        store.contracts.save(contract)
        signed = store.contracts.for_client(client_id)
        assert signed is not None
        store.contracts.save(replace(signed, status=ContractStatus.SIGNED, signed_date=TODAY))
    return store, client_id


def test_every_stored_string_of_the_client_is_in_the_export_pdf(open_vault: Vault) -> None:
    store, client_id = _amended_vault(open_vault)
    record = export_document(store, [client_id])["clients"][0]
    assert len(record["contract_versions"]) == 2
    engagement = store.load_engagement(client_id)
    pdf = render_report(
        ReportKind.CLIENT_EXPORT,
        engagement,
        today=TODAY,
        include_private=True,
        contract_versions=store.contract_versions(engagement),
    )
    text = _squeezed(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))
    strings = list(_strings(record))
    assert len(strings) > 150  # the walk really reached every record
    missing = [
        (path, value)
        for path, value in strings
        if not any(_squeezed(form) in text for form in _forms(value))
    ]
    assert missing == []
    # Each earlier version's own wording is there, not only the current contract's.
    for old in ("Leadership coaching mk0", "first draft v1x", "EUR 400 v1x", "monthly c0x"):
        assert _squeezed(old) in text


def test_without_versions_the_earlier_wording_is_missing(open_vault: Vault) -> None:
    """The comparison above can fail: the current contract alone lacks the history."""
    store, client_id = _amended_vault(open_vault)
    pdf = render_report(ReportKind.CLIENT_EXPORT, store.load_engagement(client_id), today=TODAY)
    text = _squeezed(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))
    assert _squeezed("Board focus v2x") in text  # the current (third) version
    assert _squeezed("first draft v1x") not in text  # version 2
    assert _squeezed("Leadership coaching mk0") not in text  # version 1


def test_the_command_line_export_holds_the_history(
    new_vault: NewVault, run_cli: CliRunner, tmp_path: Path
) -> None:
    """``coachdesk report client-export`` passes the contract history to the report."""
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        _store, client_id = _amended_vault(vault)
    target = tmp_path / "export.pdf"
    proc = run_cli(
        "--vault", new_vault.folder, "report", "client-export", "--client", client_id,
        "-o", target, env={"COACHDESK_PASSPHRASE": new_vault.passphrase},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    pages = PdfReader(io.BytesIO(target.read_bytes())).pages
    text = _squeezed(" ".join(p.extract_text() or "" for p in pages))
    assert _squeezed("first draft v1x") in text and _squeezed("Leadership coaching mk0") in text
