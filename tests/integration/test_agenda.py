"""The agenda ("Today") over the demo vault, for a fixed day, in a real vault."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from coachdesk.core.model import ClientStatus, SessionState
from coachdesk.demo import demo_engagements
from coachdesk.vault.agenda import AgendaKind, build_agenda, lead
from coachdesk.vault.exchange import import_engagements
from coachdesk.vault.search import RecordKind
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault

TODAY = date(2026, 12, 3)  # a Thursday
NOW = datetime(2026, 12, 3, 12, 0)
K = AgendaKind


@pytest.fixture
def store(open_vault: Vault) -> Iterator[Store]:
    store = Store(open_vault.connection)
    import_engagements(store, [(e, []) for e in demo_engagements(TODAY)])
    yield store


def rows(store: Store, kind: AgendaKind, **kw: object) -> list[tuple[str, str, str]]:
    agenda = build_agenda(store.conn, TODAY, NOW, **kw)  # type: ignore[arg-type]
    return [(item.client_name, lead(item, TODAY), item.text) for item in agenda.sections[kind]]


def test_the_demo_agenda_on_a_fixed_day(store: Store) -> None:
    assert rows(store, K.SESSIONS) == [
        ("Marta Lindqvist", "Mon 7 Dec 08:00", "Session 9 · video · 90 min"),
        ("Ελένη Παπαδάκη", "Mon 7 Dec 09:00", "Session 8 · in person · 90 min"),
    ]
    assert rows(store, K.AWAITING) == [
        ("Daniel Okafor", "Wed 2 Dec 16:30", "Session 11 · video · 90 min"),
    ]
    actions = rows(store, K.ACTIONS)
    assert [(name, when) for name, when, _ in actions] == [
        ("Daniel Okafor", "Overdue 29 Sep"),
        ("Ελένη Παπαδάκη", "Overdue 10 Nov"),
        ("Marta Lindqvist", "Due Tue 8 Dec"),
        ("Tomasz Wierzbicki", "Due Tue 8 Dec"),
        ("Tomasz Wierzbicki", "Due Tue 8 Dec"),
        ("Ελένη Παπαδάκη", "Due 10 Dec"),
    ]
    owners = [text.split(":")[0] for _, _, text in actions]
    assert "Coach" in owners and "Client" in owners  # the coach's own items too
    assert rows(store, K.MILESTONES) == [
        (
            "Daniel Okafor",
            "Due 21 Oct",
            "Release ownership (RACI) published for the next major release",
        ),
        ("Ελένη Παπαδάκη", "Due 20 Nov", "Product roadmap sign-off delegated to the CPO"),
    ]
    at_risk = rows(store, K.AT_RISK)
    assert [(name, when) for name, when, _ in at_risk] == [
        ("Daniel Okafor", "Off track"),
        ("Tomasz Wierzbicki", "At risk"),
        ("Ελένη Παπαδάκη", "At risk"),
    ]
    assert at_risk[0][2] == "Outcome 1 is 38% of the way with 84% of the contract time gone"
    assert rows(store, K.CONTRACTS) == [
        (
            "Daniel Okafor",
            "Ends 1 Jan 2027",
            "29 days left · Leadership coaching: from expert to leader of leaders",
        )
    ]
    assert rows(store, K.RETENTION) == []


def test_every_row_opens_a_record_of_its_client(store: Store) -> None:
    agenda = build_agenda(store.conn, TODAY, NOW)
    assert agenda.items()
    for item in agenda.items():
        if item.record_kind == RecordKind.SESSION:
            assert store.sessions.get(item.record_id).client_id == item.client_id
        elif item.record_kind == RecordKind.CONTRACT:
            assert store.contracts.get(item.record_id).client_id == item.client_id
        elif item.record_kind == RecordKind.MILESTONE:
            contract = store.contracts.for_client(item.client_id)
            assert contract is not None
            assert item.record_id in {m.id for m in contract.milestones}
        else:
            assert item.record_kind == RecordKind.CLIENT and item.record_id == item.client_id


def test_answering_the_question_and_the_days_ahead(store: Store) -> None:
    (waiting,) = build_agenda(store.conn, TODAY, NOW).sections[K.AWAITING]
    session = store.sessions.get(waiting.record_id)
    session.state = SessionState.HELD
    store.sessions.save(session)
    assert rows(store, K.AWAITING) == []
    assert rows(store, K.SESSIONS, days=2) == []  # Monday is four days ahead
    assert len(rows(store, K.SESSIONS, days=4)) == 2
    # Daniel's contract: ten held, one late cancellation counted, now eleven held: used up.
    contracts = rows(store, K.CONTRACTS)
    assert contracts[0][2].startswith("29 days left, all 12 sessions used")


def test_closed_clients_leave_the_agenda_but_for_retention(store: Store) -> None:
    ids = {c.name: c.id for c in store.clients.all()}
    daniel = store.clients.get(ids["Daniel Okafor"] or 0)
    daniel.status = ClientStatus.CLOSED
    daniel.retention_date = TODAY - timedelta(days=1)
    store.clients.save(daniel)
    marta = store.clients.get(ids["Marta Lindqvist"] or 0)
    marta.retention_date = TODAY
    store.clients.save(marta)
    agenda = build_agenda(store.conn, TODAY, NOW)
    for kind in (K.ACTIONS, K.MILESTONES, K.AT_RISK, K.CONTRACTS):
        assert all(i.client_name != "Daniel Okafor" for i in agenda.sections[kind]), kind
    assert rows(store, K.RETENTION) == [
        ("Daniel Okafor", "Since Wed 2 Dec", "Records due for deletion"),
        ("Marta Lindqvist", "Since today", "Records due for deletion (client not closed)"),
    ]


@pytest.mark.parametrize("today", [date(2026, 6, 6), date(2026, 6, 8), date(2027, 1, 1)])
def test_any_day_has_two_sessions_ahead_and_one_waiting(open_vault: Vault, today: date) -> None:
    """The demo is dated around its day: the agenda is never empty of sessions."""
    store = Store(open_vault.connection)
    import_engagements(store, [(e, []) for e in demo_engagements(today)])
    agenda = build_agenda(store.conn, today, datetime.combine(today, datetime.min.time()))
    assert len(agenda.sections[K.SESSIONS]) == 2
    assert len(agenda.sections[K.AWAITING]) == 1


def test_an_empty_vault_has_an_empty_agenda(open_vault: Vault) -> None:
    agenda = build_agenda(open_vault.connection, TODAY)
    assert agenda.items() == [] and set(agenda.sections) == set(AgendaKind)


def test_the_client_list_counts_sessions_held(store: Store) -> None:
    """The list's "10 sessions held, last …" ignores the planned, cancelled and missed."""
    daniel = next(s for s in store.clients.summaries() if s.name == "Daniel Okafor")
    sessions = store.sessions.for_client(daniel.id)
    held = [s for s in sessions if s.state == SessionState.HELD]
    assert len(sessions) == 12 and daniel.session_count == len(held) == 10
    assert daniel.last_session == max(s.started_at for s in held)
    assert daniel.last_session < max(s.started_at for s in sessions)


@pytest.mark.parametrize("today", [TODAY, date(2026, 6, 8), date(2027, 3, 1)])
def test_at_risk_agrees_with_each_engagements_own_progress(open_vault: Vault, today: date) -> None:
    """The agenda reads only what the status is made of, for every client at once; it
    must reach the status the Overview computes from the whole engagement."""
    from coachdesk.core.progress import ProgressStatus, contract_ended, engagement_progress

    store = Store(open_vault.connection)
    import_engagements(store, [(e, []) for e in demo_engagements(date(2026, 12, 3))])
    found = {
        (item.client_id, item.urgent, item.text)
        for item in build_agenda(store.conn, today).sections[K.AT_RISK]
    }
    expected = set()
    for client in store.clients.all():
        engagement = store.load_engagement(client.id or 0)
        contract = engagement.contract
        if client.status == ClientStatus.CLOSED or contract is None:
            continue
        if contract_ended(contract, today):
            continue
        progress = engagement_progress(engagement, today)
        if progress.status != ProgressStatus.ON_TRACK:
            off = progress.status == ProgressStatus.OFF_TRACK
            expected.add((client.id, off, progress.reasons[0]))
    assert found == expected
    assert expected or today != TODAY
