"""JSON export and import of whole engagements (docs/export-format.md).

Import is all-or-nothing: the whole file is parsed, decoded and validated before the
first write, then every client is added in one transaction as new records with new
ids, so importing into another vault, or twice, never overwrites anything.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from coachdesk import __version__
from coachdesk.core import codec
from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import (
    ActionItem,
    Client,
    Contract,
    EmotionEntry,
    Engagement,
    FeedbackEntry,
    Session,
)
from coachdesk.core.validation import validate_engagement
from coachdesk.vault.db import transaction
from coachdesk.vault.files import read_limited
from coachdesk.vault.outputs import check_output_file, write_output_file
from coachdesk.vault.store import ContractVersion, Store

FORMAT = "coachdesk-export"
VERSION = 1
MAX_IMPORT_BYTES = 512 * 1024 * 1024

_LISTS: dict[str, type] = {
    "sessions": Session,
    "action_items": ActionItem,
    "emotions": EmotionEntry,
    "feedback": FeedbackEntry,
}


def engagement_to_json(engagement: Engagement, versions: list[ContractVersion]) -> dict[str, Any]:
    data = codec.encode(engagement.client)
    data["contract"] = None if engagement.contract is None else codec.encode(engagement.contract)
    data["contract_versions"] = [
        {
            "version": v.version,
            "saved_at": v.saved_at.isoformat(timespec="seconds"),
            "contract": codec.encode(v.contract),
        }
        for v in versions
    ]
    for name in _LISTS:
        data[name] = [codec.encode(record) for record in getattr(engagement, name)]
    return data


def export_document(store: Store, client_ids: list[int] | None = None) -> dict[str, Any]:
    """Everything about the given clients (all when None), as a JSON-ready dict."""
    ids = (
        [c.id for c in store.clients.all() if c.id is not None]
        if client_ids is None
        else client_ids
    )
    clients = []
    with transaction(store.conn):
        for client_id in ids:
            engagement = store.load_engagement(client_id)
            versions = store.contract_versions(engagement)
            clients.append(engagement_to_json(engagement, versions))
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "generator": f"CoachDesk {__version__}",
        "clients": clients,
    }


def export_text(store: Store, client_ids: list[int] | None = None) -> tuple[str, int]:
    """The export as JSON text, and how many clients it holds."""
    document = export_document(store, client_ids)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n", len(document["clients"])


def write_export(
    store: Store,
    target: Path,
    client_ids: list[int] | None = None,
    *,
    vault_folder: Path | None = None,
) -> int:
    """Write the export atomically (owner-only), never into a vault folder
    (:func:`~coachdesk.vault.outputs.check_output_file`); returns how many clients."""
    check_output_file(target, vault_folder=vault_folder)
    text, count = export_text(store, client_ids)
    write_output_file(target, text.encode("utf-8"), vault_folder=vault_folder)
    return count


def parse_document(raw: bytes) -> list[tuple[Engagement, list[ContractVersion]]]:
    """Decode and validate a whole export; raises InvalidInput naming the first problem."""
    try:
        # utf-8-sig: an export re-saved by an editor that adds a byte-order mark still reads.
        document = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_JsonObject.of)
    except UnicodeDecodeError:
        raise InvalidInput("the file is not UTF-8 text; is it a CoachDesk export?") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except (ValueError, RecursionError):  # a number of thousands of digits; deep nesting
        raise InvalidInput(
            "the file is not a CoachDesk export (a number too long or lists nested too deeply)"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput("the file is not a CoachDesk export (no 'format' field)")
    version = document.get("version")
    if version != VERSION:
        # Named only when it is a plausible number: the field may hold anything at all.
        shown = f" {version}" if type(version) is int and 0 <= version < 10**6 else ""
        raise InvalidInput(
            f"export format version{shown} is not supported "
            f"(this CoachDesk reads version {VERSION})"
        )
    duplicate = _first_duplicate_key(document)
    if duplicate is not None:
        where, key = duplicate
        raise InvalidInput(
            f"{where or 'the document'}: the field {key!r} appears twice; "
            "which one is meant is unclear, so nothing was imported"
        )
    clients = document.get("clients")
    if not isinstance(clients, list):
        raise InvalidInput("clients: expected a list")
    items = [_decode_client(item, f"clients[{i}]") for i, item in enumerate(clients)]
    _check_ids_and_links([engagement for engagement, _ in items])
    return items


class _JsonObject(dict[str, Any]):
    """A JSON object that remembers the first key it held twice (``json`` keeps the last
    one silently; an export edited by hand could hide a second ``private_notes``)."""

    duplicate: str | None = None

    @classmethod
    def of(cls, pairs: list[tuple[str, Any]]) -> _JsonObject:
        made = cls()
        for key, value in pairs:
            if key in made and made.duplicate is None:
                made.duplicate = key
            made[key] = value
        return made


def _first_duplicate_key(document: Any) -> tuple[str, str] | None:
    """(path, key) of the first object holding a key twice, in document order."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _JsonObject):
            if value.duplicate is not None:
                return path, value.duplicate
            children = [(f"{path}.{k}" if path else k, v) for k, v in value.items()]
        elif isinstance(value, list):
            children = [(f"{path}[{i}]", v) for i, v in enumerate(value)]
        else:
            continue
        stack.extend(reversed(children))
    return None


def _check_ids_and_links(engagements: list[Engagement]) -> None:
    """Every id names one record of its kind, and every link names a record of the same
    client: import relinks by id, so a repeated id or a link to nothing (or to another
    client's record) would silently attach data to the wrong record or drop the link."""
    seen: dict[tuple[str, int], str] = {}

    def claim(kind: str, record_id: int | None, where: str) -> None:
        if record_id is None:
            return
        first = seen.setdefault((kind, record_id), where)
        if first != where:
            raise InvalidInput(f"{where}.id: id {record_id} is also used by {first}")

    for i, engagement in enumerate(engagements):
        base = f"clients[{i}]"
        claim("client", engagement.client.id, base)
        contract = engagement.contract
        outcome_ids: set[int] = set()
        if contract is not None:
            claim("contract", contract.id, f"{base}.contract")
            for name in ("outcomes", "milestones", "risks"):
                for j, part in enumerate(getattr(contract, name)):
                    claim(name, part.id, f"{base}.contract.{name}[{j}]")
            outcome_ids = {o.id for o in contract.outcomes if o.id is not None}
        for name in _LISTS:
            for j, record in enumerate(getattr(engagement, name)):
                claim(name, record.id, f"{base}.{name}[{j}]")
        session_ids = {s.id for s in engagement.sessions if s.id is not None}

        def linked(target: int | None, known: set[int], where: str, kind: str) -> None:
            if target is not None and target not in known:
                raise InvalidInput(
                    f"{where}: {kind} {target} is not one of this client's {kind}s "
                    "(it does not exist in the file or belongs to another client)"
                )

        if contract is not None:
            for j, milestone in enumerate(contract.milestones):
                where = f"{base}.contract.milestones[{j}].outcome_id"
                linked(milestone.outcome_id, outcome_ids, where, "outcome")
        for j, session in enumerate(engagement.sessions):
            for target in session.outcome_ids:
                where = f"{base}.sessions[{j}].outcome_ids"
                linked(target, outcome_ids, where, "outcome")
        for j, item in enumerate(engagement.action_items):
            for field in ("session_id", "reviewed_session_id"):
                where = f"{base}.action_items[{j}].{field}"
                linked(getattr(item, field), session_ids, where, "session")
        for j, feedback in enumerate(engagement.feedback):
            where = f"{base}.feedback[{j}].outcome_id"
            linked(feedback.outcome_id, outcome_ids, where, "outcome")


def _decode_client(data: Any, path: str) -> tuple[Engagement, list[ContractVersion]]:
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected an object")
    data = dict(data)
    nested = {name: data.pop(name, []) for name in _LISTS}
    contract_data = data.pop("contract", None)
    versions_data = data.pop("contract_versions", [])
    client = codec.decode(Client, data, path)
    contract = (
        None if contract_data is None else codec.decode(Contract, contract_data, f"{path}.contract")
    )
    lists: dict[str, list[Any]] = {}
    for name, record_type in _LISTS.items():
        items = nested[name]
        if not isinstance(items, list):
            raise InvalidInput(f"{path}.{name}: expected a list")
        lists[name] = [
            codec.decode(record_type, item, f"{path}.{name}[{i}]") for i, item in enumerate(items)
        ]
    engagement = Engagement(client=client, contract=contract, **lists)
    try:
        validate_engagement(engagement)
    except InvalidInput as exc:
        raise InvalidInput(f"{path}: {exc}") from None
    if not isinstance(versions_data, list):
        raise InvalidInput(f"{path}.contract_versions: expected a list")
    versions: list[ContractVersion] = []
    for i, item in enumerate(versions_data):
        where = f"{path}.contract_versions[{i}]"
        if not isinstance(item, dict) or set(item) != {"version", "saved_at", "contract"}:
            raise InvalidInput(f"{where}: expected version, saved_at and contract")
        if any(v.version == item["version"] for v in versions):
            raise InvalidInput(f"{where}.version: version {item['version']} appears twice")
        versions.append(
            ContractVersion(
                version=codec.decode_value(int, item["version"], f"{where}.version"),
                saved_at=codec.decode_value(datetime, item["saved_at"], f"{where}.saved_at"),
                contract=codec.decode(Contract, item["contract"], f"{where}.contract"),
            )
        )
    return engagement, versions


def read_export_file(source: Path) -> list[tuple[Engagement, list[ContractVersion]]]:
    """Read, decode and validate an export file without touching any vault."""
    return parse_document(read_limited(source, MAX_IMPORT_BYTES, "the import file"))


def import_engagements(
    store: Store, items: list[tuple[Engagement, list[ContractVersion]]]
) -> list[int]:
    new_ids = []
    with transaction(store.conn):
        for engagement, versions in items:
            client_id = store.add_engagement(engagement)
            contract = store.contracts.for_client(client_id)
            if contract is not None and contract.id is not None:
                for version in versions:
                    store.contracts.add_version(contract.id, version)
            new_ids.append(client_id)
    return new_ids
