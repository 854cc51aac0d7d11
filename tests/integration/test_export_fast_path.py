"""The export written by orjson from the records themselves (issue 17) is the same JSON
value, and the same text, as the codec's dicts written by ``json.dumps(indent=2)``
(the implementation before it), on the demo vault and on awkward content."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from coachdesk.core import codec
from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import Engagement
from coachdesk.demo import demo_engagements
from coachdesk.vault.exchange import (
    _dumps,
    engagement_to_json,
    export_document,
    export_text,
    import_engagements,
    read_export_file,
    write_export,
)
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import sample_engagement

TODAY = date(2025, 6, 11)


@pytest.fixture
def store(open_vault: Vault) -> Store:
    return Store(open_vault.connection)


def _previous_text(store: Store) -> str:
    """The export exactly as the implementation before orjson wrote it."""
    return json.dumps(export_document(store), ensure_ascii=False, indent=2) + "\n"


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def _set_time(text: str, moment: str) -> str:
    document = json.loads(text)
    return text.replace(f'"exported_at": "{document["exported_at"]}"', f'"exported_at": "{moment}"')


def _add_demo(store: Store) -> None:
    for engagement in demo_engagements(TODAY):
        store.add_engagement(engagement)
    first = store.clients.all()[0].id
    assert first is not None
    contract = store.contracts.for_client(first)
    assert contract is not None
    contract.fees = "amended fees"  # an earlier contract version in the export
    store.contracts.save(contract)


def _awkward(marker: str) -> Engagement:
    """Unicode, emoji, every control character, quotes and backslashes, a huge note,
    floats that print differently in Python and in orjson."""
    engagement = sample_engagement("Zoë 🧭 Ångström-Nuñez 李", marker=marker)
    controls = "".join(chr(c) for c in range(1, 32)) + "\x7f\u2028\u2029"
    session = engagement.sessions[0]
    session.private_notes = f'tab\there "quoted" back\\slash {controls} ✓ 🙂👩🏽‍💻 \ufeff'
    session.shared_summary = "Long note. " * 90_000  # ~1 MB, the field limit is 1,000,000
    assert engagement.contract is not None
    outcome = engagement.contract.outcomes[0]
    outcome.baseline, outcome.target, outcome.current = 0.1, 1e-7, 1e300
    outcome.history[0].value = -2.5e-308
    engagement.client.tags = ["naïve", "😀", 'a"b', "x\\y"]
    return engagement


def test_the_demo_vault_exports_the_same_text_and_value(store: Store, tmp_path: Path) -> None:
    _add_demo(store)
    target = tmp_path / "demo.json"
    assert write_export(store, target) == len(demo_engagements(TODAY))
    new = target.read_text(encoding="utf-8")
    old = _previous_text(store)
    assert _without_time(json.loads(new)) == _without_time(json.loads(old))
    assert new == _set_time(old, json.loads(new)["exported_at"])  # indentation kept too
    text, count = export_text(store)
    assert count == len(demo_engagements(TODAY))
    assert _without_time(json.loads(text)) == _without_time(json.loads(old))


def test_awkward_content_exports_the_same_value_and_imports(store: Store, tmp_path: Path) -> None:
    store.add_engagement(_awkward("first"))
    store.add_engagement(sample_engagement("Second", marker="second"))
    target = tmp_path / "awkward.json"
    write_export(store, target)
    raw = target.read_bytes()
    old = _previous_text(store)
    assert _without_time(json.loads(raw)) == _without_time(json.loads(old))
    assert raw.isascii() is False and b"\xf0\x9f\xa7\xad" in raw  # UTF-8, not \\u escapes
    client = json.loads(raw)["clients"][0]
    outcome = client["contract"]["outcomes"][0]
    assert (outcome["baseline"], outcome["target"], outcome["current"]) == (0.1, 1e-7, 1e300)
    assert outcome["history"][0]["value"] == -2.5e-308

    other, _code = Vault.create(tmp_path / "other", "another passphrase", kdf=TEST_KDF)
    with other:
        other_store = Store(other.connection)
        import_engagements(other_store, read_export_file(target))
        again = _without_time(json.loads(_previous_text(other_store)))
    exported = _without_time(json.loads(raw))
    # New ids on import; everything else equal.
    assert _strip_ids(again) == _strip_ids(exported)


def _strip_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if not k.endswith(("id", "ids"))}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value


def test_records_are_written_as_the_codec_writes_them() -> None:
    """Times to the second, dates, choices and nested records, field order kept."""
    engagement = sample_engagement()
    engagement.sessions[0].started_at = datetime(2026, 3, 1, 9, 30, 15, 123456)
    old = json.dumps(engagement_to_json(engagement, []), ensure_ascii=False, indent=2)
    new = _dumps(engagement_to_json(engagement, [], lambda record: record)).decode()
    assert new == old + "\n"
    assert json.loads(new)["sessions"][0]["started_at"] == "2026-03-01T09:30:15"
    fields = [f.name for f in codec.fields_of(type(engagement.sessions[0]))]
    assert list(json.loads(new)["sessions"][0]) == fields


@pytest.mark.parametrize("value", ["lone \ud800 surrogate", 2**64])
def test_values_json_cannot_hold_are_refused_with_a_message(value: object) -> None:
    with pytest.raises(InvalidInput, match="cannot be written as JSON"):
        _dumps({"clients": [{"name": value}]})


def test_an_earlier_indented_export_still_imports(store: Store, tmp_path: Path) -> None:
    _add_demo(store)
    old = tmp_path / "old.json"
    old.write_text(_previous_text(store), encoding="utf-8")
    assert len(read_export_file(old)) == len(demo_engagements(TODAY))
