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
    Disclosure,
    EmotionEntry,
    Engagement,
    FeedbackEntry,
    Session,
)
from coachdesk.core.validation import validate_engagement
from coachdesk.vault.db import transaction
from coachdesk.vault.files import atomic_write_bytes
from coachdesk.vault.store import ContractVersion, Store

FORMAT = "coachdesk-export"
VERSION = 1
MAX_IMPORT_BYTES = 512 * 1024 * 1024

_LISTS: dict[str, type] = {
    "sessions": Session,
    "action_items": ActionItem,
    "emotions": EmotionEntry,
    "feedback": FeedbackEntry,
    "disclosures": Disclosure,  # optional in version 1 (docs/export-format.md)
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
            versions = (
                store.contracts.versions(engagement.contract.id)
                if engagement.contract is not None and engagement.contract.id is not None
                else []
            )
            clients.append(engagement_to_json(engagement, versions))
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "generator": f"CoachDesk {__version__}",
        "clients": clients,
    }


def write_export(store: Store, target: Path, client_ids: list[int] | None = None) -> int:
    """Write the export atomically (owner-only); returns how many clients it holds."""
    document = export_document(store, client_ids)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(target, text.encode("utf-8"))
    return len(document["clients"])


def parse_document(raw: bytes) -> list[tuple[Engagement, list[ContractVersion]]]:
    """Decode and validate a whole export; raises InvalidInput naming the first problem."""
    try:
        # utf-8-sig: an export re-saved by an editor that adds a byte-order mark still reads.
        document = json.loads(raw.decode("utf-8-sig"))
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
    clients = document.get("clients")
    if not isinstance(clients, list):
        raise InvalidInput("clients: expected a list")
    return [_decode_client(item, f"clients[{i}]") for i, item in enumerate(clients)]


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
    versions = []
    for i, item in enumerate(versions_data):
        where = f"{path}.contract_versions[{i}]"
        if not isinstance(item, dict) or set(item) != {"version", "saved_at", "contract"}:
            raise InvalidInput(f"{where}: expected version, saved_at and contract")
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
    try:
        if source.stat().st_size > MAX_IMPORT_BYTES:
            raise InvalidInput(f"{source.name} is larger than {MAX_IMPORT_BYTES // 2**20} MiB")
        raw = source.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {source.name}: {exc.strerror or exc}") from None
    return parse_document(raw)


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
