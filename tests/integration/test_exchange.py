"""JSON export and import: documented format, strict validation, all-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import Client, ContractStatus
from coachdesk.vault.exchange import (
    FORMAT,
    VERSION,
    export_document,
    import_engagements,
    parse_document,
    read_export_file,
    write_export,
)
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import sample_engagement

_REFS = {"outcome_id": "outcome", "session_id": "session", "reviewed_session_id": "session"}


def canonical(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The clients of an export with database ids replaced by their order in the file."""
    clients = json.loads(json.dumps(document["clients"]))
    for client in clients:
        maps: dict[str, dict[int, int]] = {"outcome": {}, "session": {}}
        contract = client["contract"]
        for outcome in contract["outcomes"] if contract else []:
            maps["outcome"][outcome["id"]] = len(maps["outcome"]) + 1
        for session in client["sessions"]:
            maps["session"][session["id"]] = len(maps["session"]) + 1

        def fix(node: Any, maps: dict[str, dict[int, int]] = maps) -> None:
            if isinstance(node, dict):
                for key in list(node):
                    value = node[key]
                    if key in {"id", "client_id", "contract_id"}:
                        node[key] = "·"
                    elif key in _REFS and value is not None:
                        node[key] = maps[_REFS[key]].get(value, "?")
                    elif key == "outcome_ids":
                        node[key] = [maps["outcome"].get(v, "?") for v in value]
                    elif key != "saved_at":
                        fix(value)
            elif isinstance(node, list):
                for item in node:
                    fix(item)

        fix(client)
    return clients


@pytest.fixture
def store(open_vault: Vault) -> Store:
    return Store(open_vault.connection)


def test_export_format_fields(store: Store) -> None:
    store.add_engagement(sample_engagement())
    document = export_document(store)
    assert document["format"] == FORMAT and document["version"] == VERSION
    client = document["clients"][0]
    assert client["name"] == "Ирина Соколова"
    assert client["sessions"][0]["shared_summary"].startswith("Shared summary 0")
    assert client["sessions"][0]["private_notes"].startswith("Private observation 0")
    assert client["contract"]["outcomes"][0]["history"][0] == {
        "on": "2026-02-01", "value": 10.0, "note": "first check", "note_audience": None
    }  # fmt: skip
    assert client["contract"]["outcomes"][0]["audience"] == "client"  # safe default
    assert client["emotions"][0]["pleasantness"] == -3
    assert set(client) >= {"contract_versions", "action_items", "feedback", "tags"}


def test_round_trip_into_an_empty_vault(store: Store, tmp_path: Path) -> None:
    # Ids in the source are not sequential: records were added and deleted.
    store.clients.delete(store.clients.save(Client(name="Temporary")))
    first = store.add_engagement(sample_engagement("Ирина Соколова"))
    store.add_engagement(sample_engagement("Jonas Berg", marker="second"))
    contract = store.contracts.for_client(first)
    assert contract is not None
    contract.fees = "amended fees"  # makes a contract version
    store.contracts.save(contract)
    exported = tmp_path / "all.json"
    assert write_export(store, exported) == 2
    assert exported.stat().st_mode & 0o077 == 0

    other_dir = tmp_path / "other"
    other, _code = Vault.create(other_dir, "another passphrase", kdf=TEST_KDF)
    with other:
        other_store = Store(other.connection)
        new_ids = import_engagements(other_store, read_export_file(exported))
        assert len(new_ids) == 2
        again = export_document(other_store)
    assert canonical(again) == canonical(json.loads(exported.read_text()))
    versions = again["clients"][0]["contract_versions"]
    assert versions[0]["contract"]["status"] == ContractStatus.SIGNED


def test_importing_twice_adds_new_records(store: Store) -> None:
    store.add_engagement(sample_engagement())
    items = parse_document(json.dumps(export_document(store)).encode())
    import_engagements(store, items)
    import_engagements(store, items)
    assert len(store.clients.all()) == 3


def test_single_client_export(store: Store) -> None:
    store.add_engagement(sample_engagement("A Client"))
    second = store.add_engagement(sample_engagement("B Client"))
    document = export_document(store, [second])
    assert [c["name"] for c in document["clients"]] == ["B Client"]


def _document(store: Store) -> dict[str, Any]:
    store.add_engagement(sample_engagement("First"))
    store.add_engagement(sample_engagement("Second"))
    return export_document(store)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="something-else"), "not a CoachDesk export"),
        (lambda d: d.update(version=99), "version 99"),
        (lambda d: d["clients"][1].update(name=""), "clients[1]"),
        (lambda d: d["clients"][1]["sessions"][0].update(result_rating=11), "clients[1]"),
        (lambda d: d["clients"][1]["sessions"][0].update(started_at="yesterday"), "started_at"),
        (lambda d: d["clients"][1]["emotions"][0].update(energy=6), "clients[1]"),
        (lambda d: d["clients"][1].update(surprise="field"), "unknown field 'surprise'"),
        (lambda d: d["clients"][1]["sessions"][0].pop("started_at"), "missing field"),
        (lambda d: d["clients"][0]["contract"].update(status="pending"), "one of"),
        (lambda d: d["clients"][0]["contract"]["outcomes"][0].update(target="high"), "a number"),
        (lambda d: d.update(clients={}), "clients: expected a list"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_written(
    store: Store, mutate: Any, message: str
) -> None:
    document = _document(store)
    mutate(document)
    before = len(store.clients.all())
    with pytest.raises(InvalidInput, match=message.replace("[", r"\[").replace("]", r"\]")):
        import_engagements(store, parse_document(json.dumps(document).encode()))
    assert len(store.clients.all()) == before


@pytest.mark.parametrize(
    "raw", [b"", b"{", b"\xff\xfe\x00", b"[]", b'{"format": "coachdesk-export"}', b"null"]
)
def test_malformed_files(raw: bytes) -> None:
    with pytest.raises(InvalidInput):
        parse_document(raw)


def test_failure_mid_import_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    items = parse_document(json.dumps(_document(store)).encode())
    before = len(store.clients.all())
    original = store.add_engagement
    calls = []

    def fail_on_second(engagement: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return original(engagement)

    monkeypatch.setattr(store, "add_engagement", fail_on_second)
    with pytest.raises(OSError):
        import_engagements(store, items)
    assert len(store.clients.all()) == before


def test_export_saved_with_a_byte_order_mark_imports(store: Store) -> None:
    store.add_engagement(sample_engagement())
    raw = json.dumps(export_document(store), ensure_ascii=False).encode("utf-8")
    items = parse_document(b"\xef\xbb\xbf" + raw)
    assert items[0][0].client.name == "Ирина Соколова"


# --- Version 2: session states; version 1 still imports ------------------------------------

V1_DOCUMENT = """{
  "format": "coachdesk-export",
  "version": 1,
  "exported_at": "2026-11-28T17:05:00",
  "generator": "CoachDesk 0.1.0",
  "clients": [
    {
      "id": 7, "name": "Jeanne Dupré", "status": "active", "tags": [],
      "contract": {"id": 3, "client_id": 7, "version": 1, "session_count": 6,
                   "status": "draft", "cancellation_terms": "Late cancellations count.",
                   "outcomes": [], "milestones": [], "risks": []},
      "contract_versions": [],
      "sessions": [
        {"id": 11, "client_id": 7, "started_at": "2026-11-20T09:00:00",
         "duration_minutes": 60, "number": 1, "agenda": "Past", "process_rating": 7},
        {"id": 12, "client_id": 7, "started_at": "2026-12-10T09:00:00",
         "duration_minutes": 60, "number": 2, "agenda": "Future"}
      ],
      "action_items": [{"id": 1, "client_id": 7, "session_id": 12, "text": "Prepare"}],
      "emotions": [],
      "feedback": []
    }
  ]
}"""


def test_a_version_1_export_imports_with_states_by_time(store: Store, tmp_path: Path) -> None:
    from datetime import datetime

    from coachdesk.core.model import SessionState

    items = parse_document(V1_DOCUMENT.encode(), now=datetime(2026, 12, 3, 12, 0))
    (client_id,) = import_engagements(store, items)
    sessions = store.sessions.for_client(client_id)
    assert [(s.agenda, s.state) for s in sessions] == [
        ("Past", SessionState.HELD),
        ("Future", SessionState.PLANNED),
    ]
    contract = store.contracts.for_client(client_id)
    assert contract is not None and contract.late_cancellation_counts and contract.no_show_counts
    (item,) = store.action_items.for_client(client_id)
    assert item.session_id == sessions[1].id
    # From a file, as 'coachdesk import' reads it (the clock decides past and future).
    path = tmp_path / "old.json"
    path.write_text(V1_DOCUMENT, encoding="utf-8")
    assert len(read_export_file(path)) == 1


def test_version_2_carries_states_and_the_contract_rule(store: Store) -> None:
    from coachdesk.core.model import SessionState

    engagement = sample_engagement("States")
    assert engagement.contract is not None
    engagement.contract.no_show_counts = False
    states = [SessionState.CANCELLED_LATE, SessionState.NO_SHOW, SessionState.PLANNED]
    for session, state in zip(engagement.sessions, states, strict=False):
        session.state = state
    store.add_engagement(engagement)
    document = export_document(store)
    assert document["version"] == 2
    exported = document["clients"][0]
    assert [s["state"] for s in exported["sessions"]][:3] == [s.value for s in states]
    assert exported["contract"]["no_show_counts"] is False
    assert exported["contract"]["late_cancellation_counts"] is True
    (new_id,) = import_engagements(store, parse_document(json.dumps(document).encode()))
    again = store.sessions.for_client(new_id)
    assert [s.state for s in again][:3] == states
    assert store.contracts.for_client(new_id).no_show_counts is False  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["clients"][0]["sessions"][0].update(state="maybe"), "one of planned"),
        (lambda d: d["clients"][0]["contract"].update(no_show_counts="yes"), "true or false"),
        (lambda d: d.update(version=3), "versions 1 to 2"),
        (lambda d: d.update(version=0), "version 0 is not supported"),
        (lambda d: d.update(version=True), "is not supported"),
    ],
)
def test_bad_states_and_versions_are_refused(store: Store, mutate: Any, message: str) -> None:
    document = _document(store)
    mutate(document)
    with pytest.raises(InvalidInput, match=message):
        parse_document(json.dumps(document).encode())
