"""Bad input, on every way data comes in: an export file to import, a backup file to
verify or restore, a vault header, command-line arguments, and every field of every
record. Each gets a clear, one-line error (a CoachDeskError; exit 2, 3 or 5 with no
traceback) and nothing is written; what is accepted comes back exactly as it went in.

Property-based (hypothesis): a real export is mutated one field at a time with hostile
values (control characters, NUL, lone surrogates, RTL and combining marks, emoji,
invalid dates, out-of-range numbers, wrong types, unknown and missing fields).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import struct
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coachdesk.backup import create_backup, verify_backup
from coachdesk.backup.container import HEADER_BYTES, MAGIC
from coachdesk.core.errors import (
    CoachDeskError,
    IntegrityFailure,
    InvalidInput,
    ValidationError,
    WrongPassphrase,
)
from coachdesk.core.model import EmotionEntry, Session
from coachdesk.vault import keys
from coachdesk.vault.exchange import export_document, import_engagements, parse_document
from coachdesk.vault.header import VaultHeader
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.search import search
from coachdesk.vault.store import Store
from coachdesk.vault.vault import HEADER_NAME, Vault
from testsupport import PASSPHRASE, CliRunner, sample_engagement

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
THOROUGH = settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- hostile values ---------------------------------------------------------------------------

TRICKY = [
    "\x00", "a\x00b", "\x07\x08\x1b[31m", "\r\n", "\u2028\u2029", "\ufeff",
    "\u202eevil\u202c", "\u200f\u200e", "שלום עולם", "مرحبا", "Ирина Соколова",
    "e\u0301\u0301\u0301", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "😀", "👩‍👩‍👧‍👦", "🏳️‍🌈", "\U0010ffff",
    "\ud800", "a\udfffb", "'; DROP TABLE clients; --", '" OR 1=1', "NEAR(", "*", "%_\\",
    "<b>bold</b><para>", "&amp;", "{}", "null",
]  # fmt: skip
BAD_DATES = [
    "2026-02-30", "2026-13-01", "2026-00-10", "0000-01-01", "2026-1-5", "26-01-01",
    "２０２６-０１-０１", "2026-01-01T25:00", "2026-01-01T10:00+02:00", "2026-01-01T10:00Z",
    "tomorrow", "", " 2026-01-01", "9999-12-31T23:59:60",
]  # fmt: skip

hostile_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=4).map("".join),
    st.lists(
        st.one_of(
            st.characters(categories=["Cc", "Cf", "Mn", "Zl", "Zp", "So", "Cs"]),
            st.sampled_from(TRICKY),
            st.text(max_size=3),
        ),
        max_size=12,
    ).map("".join),
)
hostile_value = st.one_of(
    hostile_text,
    st.sampled_from(BAD_DATES),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([-1, 0, 11, 5.5, -5.0, 10**19, 2**63, -(2**63) - 1, 1e308, 6]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


# -- a real export to mutate ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    folder = tmp_path_factory.mktemp("bad-input") / "vault"
    opened, _code = Vault.create(folder, PASSPHRASE, kdf=TEST_KDF)
    Store(opened.connection).add_engagement(sample_engagement())
    yield opened
    opened.lock()


@pytest.fixture(scope="module")
def base_document(vault: Vault) -> dict[str, Any]:
    return export_document(Store(vault.connection))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the document a value sits (objects' keys and lists' items)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*prefix, i)
            yield from _paths(value, (*prefix, i))


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    node = document
    for step in path[:-1]:
        node = node[step]
    return node


def _dumps(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


def _assert_clear(exc: CoachDeskError, value: Any = None) -> None:
    message = str(exc)
    assert message and "\n" not in message and len(message) < 400, message
    assert "Traceback" not in message
    if isinstance(value, str) and len(value) >= 8:
        assert value not in message, "an error message repeats what was in the field"


def _accepted_roundtrip(vault: Vault, raw: bytes, value: Any, field: str | None) -> None:
    """Parse; if accepted, import into the vault and check the value came back intact."""
    store = Store(vault.connection)
    before = len(store.clients.ids())
    try:
        items = parse_document(raw)
    except InvalidInput as exc:
        _assert_clear(exc, value)
        assert len(store.clients.ids()) == before
        return
    new_ids = import_engagements(store, items)
    assert len(store.clients.ids()) == before + len(new_ids)
    exported = export_document(store, new_ids)
    if isinstance(value, str) and field is not None and field not in NOT_FREE_TEXT:
        assert json.dumps(value) in json.dumps(exported), f"{field} changed on the way"
    for client_id in new_ids:
        store.delete_client(client_id)


# Text fields whose accepted values are normalised or are codes rather than free text.
NOT_FREE_TEXT = {
    "format", "version", "exported_at", "generator", "status", "focus", "template",
    "owner", "source", "family", "likelihood", "impact", "retention_date", "created_at",
    "start_date", "end_date", "signed_date", "deadline", "due", "done_on", "on",
    "started_at", "occurred_at", "received_on", "saved_at",
}  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn, document: dict[str, Any]) -> tuple[bytes, Any, str | None]:
    doc = copy.deepcopy(document)
    paths = list(_paths(doc))
    path = draw(st.sampled_from(paths))
    parent = _parent(doc, path)
    kind = draw(st.sampled_from(["set", "set", "set", "delete", "unknown"]))
    value: Any = None
    field = path[-1] if isinstance(path[-1], str) else (path[-2] if len(path) > 1 else None)
    if kind == "set":
        value = draw(hostile_value)
        parent[path[-1]] = value
    elif kind == "delete":
        del parent[path[-1]]
    else:
        target = parent if isinstance(parent, dict) else doc
        target[draw(st.sampled_from(["notes", "Name", "_id", "ñame"]))] = draw(hostile_value)
    return _dumps(doc), value, field if isinstance(field, str) else None


def _mutated_import(vault: Vault, base_document: dict[str, Any]) -> Any:
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        raw, value, field = data.draw(mutations(base_document))
        _accepted_roundtrip(vault, raw, value, field)

    return check


def test_every_field_of_an_import_with_hostile_values(
    vault: Vault, base_document: dict[str, Any]
) -> None:
    FAST(_mutated_import(vault, base_document))()


@pytest.mark.slow
def test_every_field_of_an_import_with_hostile_values_thoroughly(
    vault: Vault, base_document: dict[str, Any]
) -> None:
    THOROUGH(_mutated_import(vault, base_document))()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=20,
)


def _refused_clearly(raw: bytes) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_document(raw)
    _assert_clear(caught.value)


any_bytes = st.one_of(st.binary(max_size=300), json_values.map(_dumps))


@FAST
@given(raw=any_bytes)
def test_arbitrary_bytes_and_json_are_refused_clearly(raw: bytes) -> None:
    _refused_clearly(raw)


@pytest.mark.slow
@THOROUGH
@given(raw=any_bytes)
def test_arbitrary_bytes_and_json_are_refused_clearly_thoroughly(raw: bytes) -> None:
    _refused_clearly(raw)


@pytest.mark.parametrize(
    ("label", "raw"),
    [
        ("empty", b""),
        ("not json", b"Ceci n'est pas un export"),
        ("utf-16", json.dumps({"format": "coachdesk-export"}).encode("utf-16")),
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ("deeply nested", b"[" * 100_000 + b"]" * 100_000),
        ("deep object", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
        ("huge number", b'{"format": "coachdesk-export", "version": ' + b"9" * 5000 + b"}"),
        ("nan version", b'{"format": "coachdesk-export", "version": NaN, "clients": []}'),
        ("version 3", b'{"format": "coachdesk-export", "version": 3, "clients": []}'),
        ("version true", b'{"format": "coachdesk-export", "version": true, "clients": []}'),
        ("clients not a list", b'{"format": "coachdesk-export", "version": 1, "clients": {}}'),
        ("client not an object", b'{"format": "coachdesk-export", "version": 1, "clients": [1]}'),
        ("a backup", MAGIC + b"\x00" * 200),
    ],
)
def test_files_that_are_not_exports(label: str, raw: bytes) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_document(raw)
    _assert_clear(caught.value)


def _with(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> bytes:
    doc = copy.deepcopy(document)
    _parent(doc, path)[path[-1]] = value
    return _dumps(doc)


SESSION = ("clients", 0, "sessions", 0)
EMOTION = ("clients", 0, "emotions", 0)
CONTRACT = ("clients", 0, "contract")

OUT_OF_RANGE = [
    ((*SESSION, "process_rating"), v) for v in (-1, 11, 5.5, "5", True, 10**30)
] + [
    ((*SESSION, "result_rating"), 2**63),
    ((*SESSION, "duration_minutes"), 0),
    ((*SESSION, "duration_minutes"), 601),
    ((*SESSION, "number"), 10**30),
    ((*EMOTION, "pleasantness"), 6),
    ((*EMOTION, "energy"), -6),
    ((*EMOTION, "intensity"), 11),
    ((*EMOTION, "intensity_after"), -1),
    ((*CONTRACT, "version"), 10**30),
    ((*CONTRACT, "version"), 0),
    ((*CONTRACT, "session_count"), 10**19),
    ((*CONTRACT, "outcomes", 0, "baseline"), 10**400),
    ((*CONTRACT, "outcomes", 0, "target"), float("nan")),
    ((*CONTRACT, "outcomes", 0, "current"), float("inf")),
    (("clients", 0, "contract_versions"), [{"version": 10**20, "saved_at": "2026-01-01T00:00:00", "contract": {}}]),  # noqa: E501
    ((*SESSION, "outcome_ids"), [10**30]),
] + [((*SESSION, "started_at"), d) for d in BAD_DATES] + [
    (("clients", 0, "retention_date"), d) for d in BAD_DATES if d != ""
] + [(("clients", 0, "intake_notes"), t) for t in ("\ud800", "a\x00b")]  # fmt: skip


@pytest.mark.parametrize(("path", "value"), OUT_OF_RANGE, ids=lambda v: repr(v)[:30])
def test_out_of_range_and_invalid_values_are_refused(
    vault: Vault, base_document: dict[str, Any], path: tuple[Any, ...], value: Any
) -> None:
    """Found here: numbers beyond 64 bits, huge integer literals, lone surrogates and
    deep nesting passed validation and then failed inside SQLite or the JSON parser
    (OverflowError, UnicodeEncodeError, RecursionError: "internal error", exit 1)."""
    with pytest.raises(InvalidInput) as caught:
        parse_document(_with(base_document, path, value))
    _assert_clear(caught.value, value)


@pytest.mark.parametrize(
    "text", [t for t in TRICKY if "\x00" not in t and "\ud800" not in t and "\udfff" not in t]
)
def test_tricky_text_survives_import_export_and_search(
    vault: Vault, base_document: dict[str, Any], text: str
) -> None:
    doc = copy.deepcopy(base_document)
    client = doc["clients"][0]
    client["name"] = f"Client {text}"
    client["intake_notes"] = text
    client["tags"] = [f"tag{text}"] if text.strip() == text else ["tag"]
    client["sessions"][0]["private_notes"] = text * 3
    client["emotions"][0]["situation"] = text
    _accepted_roundtrip(vault, _dumps(doc), text, "intake_notes")
    search(vault.connection, text)  # whatever was typed: no FTS syntax error


def test_ten_megabytes_of_text_in_a_field(vault: Vault, base_document: dict[str, Any]) -> None:
    huge = ("Ирина 😀 e\u0301 \u202e notes " * 400_000)[:10_000_000]
    doc = copy.deepcopy(base_document)
    doc["clients"][0]["sessions"][0]["private_notes"] = huge
    started = time.perf_counter()
    store = Store(vault.connection)
    (client_id,) = import_engagements(store, parse_document(_dumps(doc)))
    session = store.sessions.for_client(client_id)[0]
    assert session.private_notes == huge
    assert time.perf_counter() - started < 60
    store.delete_client(client_id)
    assert vault.check() == []


# -- every field of every record, as the editors save them ----------------------------------------


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _store_keeps_text(vault: Vault, text: str) -> None:
    store = Store(vault.connection)
    client_id = store.clients.ids()[0]
    when = sample_engagement().sessions[0].started_at
    session = Session(client_id=client_id, started_at=when)
    for name in ("agenda", "shared_summary", "private_notes", "decisions", "next_steps"):
        setattr(session, name, text)
    emotion = EmotionEntry(client_id=client_id, occurred_at=when, situation="x", label=text)
    checks: list[tuple[Any, Any, str]] = [
        (session, store.sessions, "private_notes"),
        (emotion, store.emotions, "label"),
    ]
    for record, repo, field in checks:
        try:
            record_id = repo.save(record)
        except ValidationError as exc:
            _assert_clear(exc, text)
            assert "\x00" in text or _has_surrogate(text), str(exc)
            continue
        assert getattr(repo.get(record_id), field) == text
        repo.delete(record_id)
    search(vault.connection, text)


@FAST
@given(text=hostile_text)
def test_store_keeps_any_text_exactly_or_refuses(vault: Vault, text: str) -> None:
    """Every text field as an editor saves it: stored and read back exactly, or refused
    with a ValidationError (NUL, and lone surrogates, which no UTF-8 file can hold)."""
    _store_keeps_text(vault, text)


@pytest.mark.slow
@THOROUGH
@given(text=hostile_text)
def test_store_keeps_any_text_exactly_or_refuses_thoroughly(vault: Vault, text: str) -> None:
    _store_keeps_text(vault, text)


# -- backup files that are not backups -----------------------------------------------------------


@pytest.fixture(scope="module")
def good_backup(vault: Vault, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("backups") / "good.cdbackup"
    create_backup(vault, target, PASSPHRASE, kdf=TEST_KDF, chunk_size=4096)
    return target


def _header_with(raw: bytes, **fields: int) -> bytes:
    """A backup header with some parameters changed and a *valid* checksum, so the
    reader gets as far as the bounds (and would derive a key if they passed)."""
    names = [
        "version",
        "kdf",
        "memory",
        "iterations",
        "lanes",
        "salt",
        "chunk",
        "payload",
        "prefix",
    ]
    values = dict(zip(names, struct.unpack(">HBIII16sIQ7s", raw[15:65]), strict=True))
    values.update(fields)
    params = struct.pack(">HBIII16sIQ7s", *(values[n] for n in names))
    signed = raw[:15] + params
    mac = raw[65:97]
    return signed + mac + hashlib.sha256(signed + mac).digest() + raw[HEADER_BYTES:]


class _Argon2Spy:
    """Stands in for cryptography's Argon2id: records every derivation's parameters."""

    calls: ClassVar[list[dict[str, int]]] = []

    def __init__(self, **kwargs: Any) -> None:
        memory, iterations, lanes = kwargs["memory_cost"], kwargs["iterations"], kwargs["lanes"]
        _Argon2Spy.calls.append({"memory": memory, "iterations": iterations, "lanes": lanes})
        assert keys.MIN_MEMORY_KIB <= memory <= keys.MAX_MEMORY_KIB, "unbounded Argon2 memory"
        assert 1 <= iterations <= keys.MAX_ITERATIONS and 1 <= lanes <= keys.MAX_LANES
        self._real = _REAL_ARGON2(**kwargs)

    def derive(self, secret: bytes) -> bytes:
        return bytes(self._real.derive(secret))


_REAL_ARGON2 = keys.Argon2id


@pytest.fixture
def argon2_spy(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, int]]:
    _Argon2Spy.calls = []
    monkeypatch.setattr(keys, "Argon2id", _Argon2Spy)
    return _Argon2Spy.calls


ABSURD_KDF = [
    {"memory": 64 * 1024 * 1024},  # 64 GiB
    {"memory": 2**32 - 1},
    {"memory": 0},
    {"iterations": 2**31},
    {"iterations": 0},
    {"lanes": 0},
    {"lanes": 2**24},
    {"chunk": 0},
    {"chunk": 2**32 - 1},
    {"payload": 0},
    {"payload": 2**64 - 1},
    {"kdf": 7},
    {"version": 2},
]


@pytest.mark.parametrize(
    "fields", ABSURD_KDF, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items())
)
def test_backup_with_absurd_parameters_fails_fast_without_deriving(
    good_backup: Path, tmp_path: Path, argon2_spy: list[dict[str, int]], fields: dict[str, int]
) -> None:
    bad = tmp_path / "bad.cdbackup"
    bad.write_bytes(_header_with(good_backup.read_bytes(), **fields))
    started = time.perf_counter()
    with pytest.raises((IntegrityFailure, InvalidInput)) as caught:
        verify_backup(bad, PASSPHRASE, work_dir=tmp_path)
    assert time.perf_counter() - started < 0.5, "it tried"
    assert argon2_spy == [], "a key was derived from a hostile header"
    _assert_clear(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.cdbackup"]


def _damaged_backup_is_refused(
    good_backup: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    raw = bytearray(good_backup.read_bytes())
    how = data.draw(st.sampled_from(["flip", "cut", "append", "header", "splice"]))
    if how == "flip":
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] ^= data.draw(st.integers(1, 255))
    elif how == "cut":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif how == "append":
        raw += data.draw(st.binary(min_size=1, max_size=64))
    elif how == "header":
        fields = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "memory": st.integers(0, 2**32 - 1),
                    "iterations": st.integers(0, 2**32 - 1),
                    "lanes": st.integers(0, 2**32 - 1),
                    "chunk": st.integers(0, 2**32 - 1),
                    "payload": st.integers(0, 2**64 - 1),
                },
            )
        )
        assume(fields)
        raw = bytearray(_header_with(bytes(raw), **fields))
    else:
        start = data.draw(st.integers(HEADER_BYTES, len(raw) - 1))
        raw[start:start] = data.draw(st.binary(min_size=1, max_size=32))
    assume(bytes(raw) != good_backup.read_bytes())  # e.g. a "change" to the same value
    work = tmp_path_factory.mktemp("damaged")
    bad = work / "bad.cdbackup"
    bad.write_bytes(bytes(raw))
    started = time.perf_counter()
    with pytest.raises((IntegrityFailure, InvalidInput, WrongPassphrase)) as caught:
        verify_backup(bad, PASSPHRASE, work_dir=work)
    _assert_clear(caught.value)
    assert time.perf_counter() - started < 5
    assert [p.name for p in work.iterdir()] == ["bad.cdbackup"]


FEW = settings(FAST, max_examples=25)


@FEW
@given(data=st.data())
def test_any_damaged_backup_is_refused_clearly(
    good_backup: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    _damaged_backup_is_refused(good_backup, tmp_path_factory, data)


@pytest.mark.slow
@settings(THOROUGH, max_examples=600)
@given(data=st.data())
def test_any_damaged_backup_is_refused_clearly_thoroughly(
    good_backup: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    _damaged_backup_is_refused(good_backup, tmp_path_factory, data)


# -- vault headers that are not vault headers ---------------------------------------------


def _header_json(folder: Path) -> dict[str, Any]:
    return json.loads((folder / HEADER_NAME).read_text(encoding="utf-8"))


def _write_header(folder: Path, document: Any, *, fix_checksum: bool = True) -> None:
    if fix_checksum and isinstance(document, dict):
        body = {k: v for k, v in document.items() if k not in ("checksum", "mac")}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
        document["checksum"] = "sha256:" + hashlib.sha256(canonical).hexdigest()
    (folder / HEADER_NAME).write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture
def spare_vault(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    Vault.create(folder, PASSPHRASE, kdf=TEST_KDF)[0].lock()
    return folder


@pytest.mark.parametrize(
    ("slot", "kdf"),
    [
        ("passphrase", {"memory_kib": 64 * 1024 * 1024}),  # 64 GiB: must be refused, not tried
        ("passphrase", {"memory_kib": 2**62}),
        ("passphrase", {"iterations": 10**9}),
        ("passphrase", {"lanes": 0}),
        ("passphrase", {"memory_kib": "131072"}),
        ("passphrase", {"name": "scrypt"}),
        ("recovery", {"memory_kib": 64 * 1024 * 1024}),
    ],
)
def test_header_with_absurd_kdf_is_refused_before_deriving(
    spare_vault: Path, argon2_spy: list[dict[str, int]], slot: str, kdf: dict[str, Any]
) -> None:
    document = _header_json(spare_vault)
    document["slots"][slot]["kdf"].update(kdf)
    _write_header(spare_vault, document)
    started = time.perf_counter()
    with pytest.raises(IntegrityFailure) as caught:
        Vault.unlock(spare_vault, PASSPHRASE)
    assert time.perf_counter() - started < 0.5
    assert argon2_spy == []
    _assert_clear(caught.value)
    assert not (spare_vault / "vault.lock").exists()


def _mutated_header_is_refused(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("hdr") / "vault"
    Vault.create(folder, PASSPHRASE, kdf=TEST_KDF)[0].lock()
    original = _header_json(folder)
    document = copy.deepcopy(original)
    path = data.draw(st.sampled_from([p for p in _paths(document) if p[-1] not in ("checksum",)]))
    parent = _parent(document, path)
    if data.draw(st.booleans()):
        parent[path[-1]] = data.draw(hostile_value)
    else:
        del parent[path[-1]]
    assume(document != original)
    _write_header(folder, document, fix_checksum=data.draw(st.booleans()))
    spy: list[dict[str, int]] = []
    _Argon2Spy.calls = spy
    real = keys.Argon2id
    keys.Argon2id = _Argon2Spy  # type: ignore[misc]
    try:
        with pytest.raises((IntegrityFailure, WrongPassphrase)) as caught:
            Vault.unlock(folder, PASSPHRASE)
    finally:
        keys.Argon2id = real  # type: ignore[misc]
    _assert_clear(caught.value)


@settings(FAST, max_examples=25)
@given(data=st.data())
def test_any_mutated_header_is_refused(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    _mutated_header_is_refused(tmp_path_factory, data)


@pytest.mark.slow
@settings(THOROUGH, max_examples=500)
@given(data=st.data())
def test_any_mutated_header_is_refused_thoroughly(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    _mutated_header_is_refused(tmp_path_factory, data)


@pytest.mark.parametrize(
    "raw",
    [b"", b"\x00" * 100, b"[]", b"null", b'"vault"', b"{}", b"\xff\xfe{\x00", b"{" * 100_000],
    ids=["empty", "zeros", "array", "null", "string", "object", "utf16", "deep"],
)
def test_header_that_is_not_a_header(spare_vault: Path, raw: bytes) -> None:
    (spare_vault / HEADER_NAME).write_bytes(raw)
    with pytest.raises(IntegrityFailure) as caught:
        Vault.unlock(spare_vault, PASSPHRASE)
    _assert_clear(caught.value)
    with pytest.raises(IntegrityFailure):
        VaultHeader.parse(raw)


# -- the command line: one line, the right exit code, nothing written ----------------------------


@pytest.fixture
def main_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cli_env: dict[str, str]
) -> CliRunner:
    """``coachdesk.cli.main`` in this process: the same code path as the command, without
    a process start per case (hardening is left to the subprocess tests)."""
    from coachdesk import cli

    monkeypatch.setattr(cli, "harden_process", lambda: None)
    for key in [k for k in os.environ if k.startswith("COACHDESK_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("COACHDESK_KDF_PROFILE", "test")
    monkeypatch.setenv("TMPDIR", cli_env["TMPDIR"])

    def run(
        *args: str | Path, env: dict[str, str] | None = None, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        with monkeypatch.context() as patch:
            for key, value in (env or {}).items():
                patch.setenv(key, value)
            capsys.readouterr()
            code = cli.main([str(a) for a in args])
            out, err = capsys.readouterr()
        return subprocess.CompletedProcess(list(map(str, args)), code, out, err)

    return run


def _one_line(proc: subprocess.CompletedProcess[str], codes: tuple[int, ...]) -> str:
    assert proc.returncode in codes, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coachdesk: "), proc.stderr
    return lines[0]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def cli_vault(spare_vault: Path) -> Path:
    with Vault.unlock(spare_vault, PASSPHRASE) as opened:
        Store(opened.connection).add_engagement(sample_engagement())
    return spare_vault


ENV = {"COACHDESK_PASSPHRASE": PASSPHRASE}


def test_cli_import_of_bad_files(
    main_cli: CliRunner,
    run_cli: CliRunner,
    cli_vault: Path,
    tmp_path: Path,
    base_document: dict[str, Any],
) -> None:
    bad_files = {
        "not-json.json": b'{"format": "coachdesk-export", ',
        "deep.json": b"[" * 100_000,
        "huge-number.json": b'{"version": ' + b"1" * 10_000 + b"}",
        "surrogate.json": _with(base_document, ("clients", 0, "name"), "\ud800"),
        "overflow.json": _with(base_document, (*CONTRACT, "version"), 10**30),
        "rating.json": _with(base_document, (*SESSION, "result_rating"), 11),
        "date.json": _with(base_document, (*SESSION, "started_at"), "2026-02-30T10:00"),
        "unknown.json": _with(base_document, ("clients", 0, "nickname"), "Irka"),
        "binary.json": os.urandom(4096),
        "backup.json": MAGIC + os.urandom(200),
    }
    before = _snapshot(cli_vault)
    for name, raw in bad_files.items():
        path = tmp_path / name
        path.write_bytes(raw)
        line = _one_line(main_cli("--vault", cli_vault, "import", path, env=ENV), (2,))
        assert "Irka" not in line
    missing = tmp_path / "missing.json"
    _one_line(main_cli("--vault", cli_vault, "import", missing, env=ENV), (2,))
    _one_line(main_cli("--vault", cli_vault, "import", tmp_path, env=ENV), (2,))
    # And once as a real process, as a coach would run it.
    _one_line(run_cli("--vault", cli_vault, "import", tmp_path / "deep.json", env=ENV), (2,))
    assert _snapshot(cli_vault) == before, "a refused import changed the vault"


def test_cli_backup_files_that_are_not_backups(
    main_cli: CliRunner, run_cli: CliRunner, cli_vault: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.cdbackup"
    assert main_cli("--vault", cli_vault, "backup", "create", "-o", good, env=ENV).returncode == 0
    raw = good.read_bytes()
    cases: dict[str, tuple[bytes | None, tuple[int, ...]]] = {
        "empty": (b"", (5,)),
        "json": (b'{"format": "coachdesk-backup"}', (5,)),
        "vault-db": ((cli_vault / "vault.db").read_bytes(), (5,)),
        "pdf": (b"%PDF-1.4\n" + os.urandom(500), (5,)),
        "truncated": (raw[:100], (5,)),
        "half": (raw[: len(raw) // 2], (5,)),
        "appended": (raw + b"\x00", (5,)),
        "flipped": (raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:], (5,)),
        "64gib": (_header_with(raw, memory=64 * 1024 * 1024), (5,)),
        "newer": (_header_with(raw, version=9), (2,)),
        "text-mode": (raw.replace(b"\r\n", b"\n"), (5,)),
    }
    for name, (content, codes) in cases.items():
        path = tmp_path / f"{name}.cdbackup"
        assert content is not None
        path.write_bytes(content)
        started = time.perf_counter()
        _one_line(main_cli("backup", "verify", path, env=ENV), codes)
        into = tmp_path / f"into-{name}"
        _one_line(main_cli("backup", "restore", path, "--into", into, env=ENV), codes)
        assert not into.exists(), f"{name}: restore left {list(into.iterdir())}"
        assert time.perf_counter() - started < 5, name
    _one_line(main_cli("backup", "verify", tmp_path / "nothing.cdbackup", env=ENV), (2,))
    _one_line(main_cli("backup", "verify", tmp_path, env=ENV), (2,))
    wrong = {"COACHDESK_PASSPHRASE": "not the passphrase at all"}
    _one_line(main_cli("backup", "verify", good, env=wrong), (3,))
    # The 64 GiB header as a real process: refused at once, not attempted.
    started = time.perf_counter()
    _one_line(run_cli("backup", "restore", tmp_path / "64gib.cdbackup", "--into",
                      tmp_path / "into-64", env=ENV), (5,))  # fmt: skip
    assert time.perf_counter() - started < 10
    assert not (tmp_path / "into-64").exists()


def test_cli_vault_header_that_is_not_a_header(run_cli: CliRunner, cli_vault: Path) -> None:
    """As real processes: a 64 GiB header must be refused before anything is derived."""
    original = (cli_vault / HEADER_NAME).read_bytes()
    document = json.loads(original)
    document["slots"]["passphrase"]["kdf"]["memory_kib"] = 64 * 1024 * 1024
    variants: dict[str, bytes] = {"not json": b"not json at all", "empty": b""}
    _write_header(cli_vault, document)
    variants["64 GiB"] = (cli_vault / HEADER_NAME).read_bytes()
    for name, content in variants.items():
        (cli_vault / HEADER_NAME).write_bytes(content)
        started = time.perf_counter()
        line = _one_line(run_cli("--vault", cli_vault, "check", env=ENV), (5,))
        assert time.perf_counter() - started < 10, name
        assert "header" in line or "key-derivation" in line, line
    (cli_vault / HEADER_NAME).write_bytes(original)
    assert run_cli("--vault", cli_vault, "check", env=ENV).returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--client", "abc", "-o", "x.json"],
        ["export", "--client", "99999999999999999999999", "-o", "x.json"],
        ["export", "--client", "-3", "-o", "x.json"],
        ["report", "progress", "--client", "1" * 30, "-o", "x.pdf"],
        ["report", "session", "--session", "0", "-o", "x.pdf"],
        ["search", "x", "--limit", "10" * 20],
        ["search", "x", "--limit", "many"],
        ["report", "nonsense", "-o", "x.pdf"],
        ["frobnicate"],
    ],
)
def test_cli_bad_arguments_exit_2(main_cli: CliRunner, cli_vault: Path, args: list[str]) -> None:
    """Found here: ids and limits beyond 64 bits reached SQLite (OverflowError: exit 1,
    "internal error") instead of being refused as bad input."""
    _one_line(main_cli("--vault", cli_vault, *args, env=ENV), (2,))


def test_cli_search_with_hostile_text(main_cli: CliRunner, cli_vault: Path) -> None:
    for text in ['"', "NEAR(", "a AND", "*", "\u202e", "e\u0301", "😀", "' OR 1=1 --", "-"]:
        proc = main_cli("--vault", cli_vault, "search", text, env=ENV)
        assert proc.returncode == 0, (text, proc.stderr)
        assert re.fullmatch(r"(No matches\.\n|(\d+\t.*\n)+)", proc.stdout), proc.stdout
