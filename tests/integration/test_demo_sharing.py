"""The demo vault shares with sponsors only work results: nothing about health or mood.

The demo engagements go through a real vault, then every sponsor document (the sponsor
report and the three-way copy of the contract) is rendered and read back with pypdf.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pypdf
import pytest

from coachdesk.core.audience import Audience, ReportCopy
from coachdesk.core.sharing import needs_sponsor_confirmation
from coachdesk.demo import demo_engagements
from coachdesk.reports.api import render_report
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault

TODAY = date(2026, 12, 3)

# Words about health, mood, energy and inner life that have no place before a sponsor.
SENSITIVE = re.compile(
    r"health|mood|sleep|burnout|therapist|emotion|energy|self-criticism|screen-free|"
    r"body|jaw|tired|exhaust|anxi|stress|wellbeing|feel",
    re.IGNORECASE,
)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def demo_store(open_vault: Vault) -> Store:
    store = Store(open_vault.connection)
    for engagement in demo_engagements(TODAY):
        store.add_engagement(engagement)
    return store


@pytest.mark.parametrize("kind, audience", [("sponsor", None), ("contract", "sponsor")])
def test_demo_sponsor_documents_say_nothing_about_health_or_mood(
    demo_store: Store, kind: str, audience: str | None
) -> None:
    for client_id in demo_store.clients.ids():
        engagement = demo_store.load_engagement(client_id)
        assert engagement.contract is not None
        assert not needs_sponsor_confirmation(engagement, ReportCopy.SPONSOR)
        text = _text(render_report(kind, engagement, today=TODAY, audience=audience))
        # The agreed-reporting clause promises exactly this silence ("the board chair
        # hears nothing about Eleni's health or mood"); it is the one place allowed to
        # name the words, so it is taken out before looking.
        for clause in (
            engagement.contract.sponsor_reporting,
            engagement.contract.confidentiality,
            engagement.contract.coach_responsibilities,
        ):
            text = text.replace(_flat(clause), "")
        found = sorted({m.group(0).lower() for m in SENSITIVE.finditer(text)})
        assert not found, f"{engagement.client.name} {kind}: {found}"
        # And the sponsor still gets the work results they pay for.
        shared = [o for o in engagement.contract.outcomes if o.audience == Audience.SPONSOR]
        assert shared
        for outcome in shared:
            assert _flat(outcome.statement) in text


def test_demo_issue_examples_stay_with_the_client(demo_store: Store) -> None:
    """The cases of issue 13: Eleni's burnout risk and low-mood outcome, Marta's
    coach observation, and the therapist in the contract the sponsor signs."""
    texts = {}
    for client_id in demo_store.clients.ids():
        engagement = demo_store.load_engagement(client_id)
        texts[engagement.client.name] = _text(
            render_report("sponsor", engagement, today=TODAY)
        ) + _text(render_report("contract", engagement, today=TODAY, audience="sponsor"))
    eleni, marta = texts["Ελένη Παπαδάκη"], texts["Marta Lindqvist"]
    assert "Burnout" not in eleni and "High risk open" not in eleni
    assert "Notice low moods" not in eleni and "therapist" not in eleni
    assert "self-criticism" not in marta
    # The client's own copy keeps them: the client agreed the whole contract.
    for client_id in demo_store.clients.ids():
        engagement = demo_store.load_engagement(client_id)
        if engagement.client.name == "Ελένη Παπαδάκη":
            full = _text(render_report("contract", engagement, today=TODAY, audience="client"))
            assert "Burnout during the Series B preparation" in full
            assert "therapist" in full
