"""JSON export and import of whole engagements (docs/export-format.md).

Import is all-or-nothing: the whole file is parsed, decoded and validated before the
first write, then every client is added in one transaction as new records with new
ids, so importing into another vault, or twice, never overwrites anything.
"""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from coachdesk import __version__
from coachdesk.core import codec
from coachdesk.core.attachments import Attachment, validate_attachment
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
    SessionState,
)
from coachdesk.core.validation import validate_engagement
from coachdesk.vault.db import transaction
from coachdesk.vault.files import atomic_writer, read_limited
from coachdesk.vault.outputs import check_output_file, write_output_file
from coachdesk.vault.store import ContractVersion, Store

FORMAT = "coachdesk-export"
VERSION = 2
"""Version 2 added a session's ``state`` and the contract's ``late_cancellation_counts``
and ``no_show_counts``."""
READABLE_VERSIONS = (1, 2)
MAX_IMPORT_BYTES = 512 * 1024 * 1024
ARCHIVE_SUFFIX = ".attachments.zip"
ARCHIVE_MARKER = "COACHDESK-ATTACHMENTS"
"""The first member of every attachments archive: what makes it CoachDesk's own."""

ParsedClient = tuple[Engagement, list[ContractVersion]]


@dataclass(frozen=True)
class ExportedAttachment:
    """An attachment described in an export, and where its bytes are in the archive."""

    attachment: Attachment
    member: str


@dataclass(frozen=True)
class ExportContents:
    """A whole parsed export: its clients, their attachments (a list per client, in the
    same order) and the archive beside the JSON that holds the attachments' files."""

    clients: list[ParsedClient]
    attachments: list[list[ExportedAttachment]] = field(default_factory=list)
    archive: Path | None = None


_LISTS: dict[str, type] = {
    "sessions": Session,
    "action_items": ActionItem,
    "emotions": EmotionEntry,
    "feedback": FeedbackEntry,
    "disclosures": Disclosure,  # optional in version 1 (docs/export-format.md)
}


def engagement_to_json(
    engagement: Engagement,
    versions: list[ContractVersion],
    encode: Callable[[Any], Any] = codec.encode,
) -> dict[str, Any]:
    """One client of the export. ``encode`` turns each record into its JSON form: the
    codec's dicts by default; the written export keeps the records themselves, which
    :func:`_dumps` writes exactly as the codec would encode them."""
    data = codec.encode(engagement.client)
    data["contract"] = None if engagement.contract is None else encode(engagement.contract)
    data["contract_versions"] = [
        {
            "version": v.version,
            "saved_at": v.saved_at.isoformat(timespec="seconds"),
            "contract": encode(v.contract),
        }
        for v in versions
    ]
    for name in _LISTS:
        data[name] = [encode(record) for record in getattr(engagement, name)]
    return data


def export_document(
    store: Store,
    client_ids: list[int] | None = None,
    encode: Callable[[Any], Any] = codec.encode,
) -> dict[str, Any]:
    """Everything about the given clients (all when None), as a JSON-ready dict (with
    ``encode`` left as it is; see :func:`engagement_to_json`)."""
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
            data = engagement_to_json(engagement, versions, encode)
            attachments = store.attachments.for_client(client_id)
            if attachments:  # optional key: exports without attachments stay as they were
                data["attachments"] = [
                    {**codec.encode(a), "file": archive_member(a.sha256)} for a in attachments
                ]
            clients.append(data)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "generator": f"CoachDesk {__version__}",
        "clients": clients,
    }


def _as_is(record: Any) -> Any:
    return record


_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_OMIT_MICROSECONDS | orjson.OPT_APPEND_NEWLINE
"""Two-space indentation and a final newline, as ``json.dumps(indent=2)`` wrote them;
times to the second, as the codec writes them."""


def _dumps(document: dict[str, Any]) -> bytes:
    """The export as UTF-8 JSON, by orjson (in C; ``json.dumps`` with ``indent`` takes
    its pure-Python path, most of an export's time). Records left as they are
    (dataclasses, dates, times, choices) come out as :func:`codec.encode` writes them:
    fields in declaration order, ISO dates, times to the second, choices' values
    (tests/integration/test_export_fast_path.py compares the two on whole vaults).
    A float read from the vault is finite (the codec refuses NaN and infinities), so
    orjson's writing of NaN as null never applies."""
    try:
        return orjson.dumps(document, option=_DUMP_OPTIONS)
    except orjson.JSONEncodeError:  # a lone surrogate, an integer beyond 64 bits
        raise InvalidInput(
            "a record holds a value that cannot be written as JSON; nothing was exported"
        ) from None


def export_text(store: Store, client_ids: list[int] | None = None) -> tuple[str, int]:
    """The export as JSON text, and how many clients it holds (for standard output:
    refused when the clients have attachments, whose archive needs a file beside it)."""
    document = export_document(store, client_ids, _as_is)
    if any(client.get("attachments") for client in document["clients"]):
        raise InvalidInput(
            "these clients have attachments, which go into an archive beside the export: "
            "give a file name with -o"
        )
    return _dumps(document).decode("utf-8"), len(document["clients"])


def archive_name(target: Path) -> str:
    """The attachments archive beside an export: ``clients.json`` -> ``clients.attachments.zip``."""
    return f"{target.stem}{ARCHIVE_SUFFIX}"


def archive_member(sha256: str) -> str:
    return f"attachments/{sha256}"


def write_export(
    store: Store,
    target: Path,
    client_ids: list[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    vault_folder: Path | None = None,
) -> int:
    """Write the export atomically (owner-only); returns how many clients it holds.

    When the clients have attachments, their files go into a zip beside the JSON
    (written first, streamed a chunk at a time, each identical file once); the JSON
    names it in ``attachments_archive``. An existing file of that name is replaced only
    if it is an archive CoachDesk wrote.
    """
    check_output_file(target, vault_folder=vault_folder)  # before any work: not in a vault
    document = export_document(store, client_ids, _as_is)
    contents: dict[str, int] = {}
    for client in document["clients"]:
        for item in client.get("attachments", []):
            attachment_id = int(item["id"])
            contents.setdefault(str(item["sha256"]), attachment_id)
    if contents:
        archive = check_output_file(
            target.with_name(archive_name(target)), vault_folder=vault_folder
        )
        _check_archive_target(archive)
        document["attachments_archive"] = archive.name
        _write_archive(store, archive, contents, progress)
    write_output_file(target, _dumps(document), vault_folder=vault_folder)
    return len(document["clients"])


def _check_archive_target(archive: Path) -> None:
    if not (archive.exists() or archive.is_symlink()):
        return
    ours = False
    if archive.is_file() and not archive.is_symlink():
        try:
            with zipfile.ZipFile(archive) as existing:
                names = existing.namelist()
                ours = bool(names) and names[0] == ARCHIVE_MARKER
        except (OSError, zipfile.BadZipFile):
            ours = False
    if not ours:
        raise InvalidInput(
            f"{archive.name} already exists and was not written by CoachDesk; move it away "
            "or choose another export name"
        )


def _write_archive(
    store: Store,
    archive: Path,
    contents: dict[str, int],
    progress: Callable[[int, int], None] | None,
) -> None:
    total = sum(store.attachments.get(i).size for i in contents.values())
    done = 0
    with (
        atomic_writer(archive) as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf,
    ):
        zf.writestr(ARCHIVE_MARKER, "Attachments of a CoachDesk export (docs/export-format.md).\n")
        for sha256, attachment_id in contents.items():
            info = zipfile.ZipInfo(archive_member(sha256), time.localtime()[:6])
            with zf.open(info, "w") as member:
                for chunk in store.attachments.chunks(attachment_id):
                    member.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)


def parse_document(raw: bytes, now: datetime | None = None) -> list[ParsedClient]:
    """Decode and validate a whole export; raises InvalidInput naming the first problem.

    An export with attachments is refused here: its files are in the archive beside
    it, so it must be read from its file (:func:`read_export`), or they would be lost.
    """
    contents = parse_export(raw, None, now)
    return contents.clients


def parse_export(raw: bytes, folder: Path | None, now: datetime | None = None) -> ExportContents:
    """Decode and validate a whole export, and check its attachments archive (which is
    looked for in ``folder``: the JSON's own) holds every file it names, before any
    vault is touched.

    A version-1 file has no session states: as the vault's migration does, sessions
    that started before ``now`` become held, later ones planned."""
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
    if type(version) is not int or version not in READABLE_VERSIONS:
        # Named only when it is a plausible number: the field may hold anything at all.
        shown = f" {version}" if type(version) is int and 0 <= version < 10**6 else ""
        raise InvalidInput(
            f"export format version{shown} is not supported "
            f"(this CoachDesk reads versions {READABLE_VERSIONS[0]} to {VERSION})"
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
    decoded = [_decode_client(item, f"clients[{i}]") for i, item in enumerate(clients)]
    _check_ids_and_links([engagement for engagement, _versions, _found in decoded])
    if version == 1:
        moment = datetime.now() if now is None else now
        for engagement, _versions, _found in decoded:
            for session in engagement.sessions:
                past = session.started_at <= moment
                session.state = SessionState.HELD if past else SessionState.PLANNED
    attachments = [found for _engagement, _versions, found in decoded]
    archive = None
    if any(attachments):
        archive = _find_archive(document.get("attachments_archive"), folder)
        _check_archive(archive, attachments)
    return ExportContents(
        clients=[(engagement, versions) for engagement, versions, _found in decoded],
        attachments=attachments,
        archive=archive,
    )


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
            for link in ("session_id", "reviewed_session_id"):
                where = f"{base}.action_items[{j}].{link}"
                linked(getattr(item, link), session_ids, where, "session")
        for j, feedback in enumerate(engagement.feedback):
            where = f"{base}.feedback[{j}].outcome_id"
            linked(feedback.outcome_id, outcome_ids, where, "outcome")


def _find_archive(name: object, folder: Path | None) -> Path:
    if folder is None:
        raise InvalidInput(
            "this export has attachments, whose files are beside it: import it from its file"
        )
    if not isinstance(name, str) or not name.endswith(ARCHIVE_SUFFIX) or Path(name).name != name:
        raise InvalidInput(
            f"attachments_archive: expected the name of a file ending in {ARCHIVE_SUFFIX} "
            "beside the export"
        )
    archive = folder / name
    if not archive.is_file():
        raise InvalidInput(
            f"the export's attachments are missing: put {name} beside the export file"
        )
    return archive


def _check_archive(archive: Path, attachments: list[list[ExportedAttachment]]) -> None:
    try:
        with zipfile.ZipFile(archive) as zf:
            sizes = {info.filename: info.file_size for info in zf.infolist()}
    except (OSError, zipfile.BadZipFile):
        raise InvalidInput(f"{archive.name} is not a readable zip archive") from None
    for exported in (item for client in attachments for item in client):
        if sizes.get(exported.member) != exported.attachment.size:
            raise InvalidInput(
                f"{archive.name} lacks {exported.member} (or holds a different size); "
                "the export is incomplete"
            )


def _decode_attachments(
    items: Any, path: str, engagement: Engagement, versions: list[ContractVersion]
) -> list[ExportedAttachment]:
    if not isinstance(items, list):
        raise InvalidInput(f"{path}: expected a list")
    contract = engagement.contract
    known: dict[str, set[int | None]] = {
        "session_id": {s.id for s in engagement.sessions},
        "outcome_id": {o.id for o in contract.outcomes} if contract is not None else set(),
        "feedback_id": {f.id for f in engagement.feedback},
        "contract_version": (
            {contract.version, *(v.version for v in versions)} if contract is not None else set()
        ),
    }
    found = []
    for i, item in enumerate(items):
        where = f"{path}[{i}]"
        if not isinstance(item, dict):
            raise InvalidInput(f"{where}: expected an object")
        data = dict(item)
        member = data.pop("file", None)
        attachment = codec.decode(Attachment, data, where)
        try:
            validate_attachment(attachment)
        except InvalidInput as exc:
            raise InvalidInput(f"{where}: {exc}") from None
        if not attachment.sha256 or member != archive_member(attachment.sha256):
            raise InvalidInput(f"{where}: expected sha256 and file 'attachments/<sha256>'")
        for name, ids in known.items():
            value = getattr(attachment, name)
            if value is not None and value not in ids:
                raise InvalidInput(f"{where}.{name}: no such record of this client in the export")
        found.append(ExportedAttachment(attachment, member))
    return found


def _decode_client(
    data: Any, path: str
) -> tuple[Engagement, list[ContractVersion], list[ExportedAttachment]]:
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected an object")
    data = dict(data)
    attachments_data = data.pop("attachments", [])
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
    attachments = _decode_attachments(attachments_data, f"{path}.attachments", engagement, versions)
    return engagement, versions, attachments


def read_export(source: Path) -> ExportContents:
    """Read, decode and validate an export file (and its attachments archive) without
    touching any vault."""
    raw = read_limited(source, MAX_IMPORT_BYTES, "the import file")
    return parse_export(raw, source.parent)


def read_export_file(source: Path) -> list[ParsedClient]:
    """The clients of an export file; refused when it has attachments (see read_export)."""
    contents = read_export(source)
    if contents.archive is not None:
        raise InvalidInput("this export has attachments: import it with import_export")
    return contents.clients


def import_export(
    store: Store,
    contents: ExportContents,
    progress: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Add every client of an export, and their attachments, in one transaction.

    Each file is streamed from the archive into the vault and must match its recorded
    SHA-256 and size, or nothing at all is imported.
    """
    attachments = contents.attachments or [[] for _ in contents.clients]
    total = sum(e.attachment.size for client in attachments for e in client)
    done = 0
    new_ids = []
    with transaction(store.conn):
        zf = zipfile.ZipFile(contents.archive) if contents.archive is not None else None
        try:
            for (engagement, versions), exported in zip(contents.clients, attachments, strict=True):
                id_maps: dict[str, dict[int, int]] = {}
                client_id = _import_one(store, engagement, versions, id_maps)
                for item in exported:
                    assert zf is not None  # parse_export found the archive
                    record = _relinked(item.attachment, client_id, id_maps)

                    def opener(member: str = item.member) -> BinaryIO:
                        assert zf is not None
                        return zf.open(member)  # type: ignore[return-value]

                    def step(part: int, _total: int, base: int = done) -> None:
                        if progress is not None:
                            progress(base + part // 2, total)

                    store.attachments.add(
                        record, opener, item.attachment.size, step,
                        expected_sha256=item.attachment.sha256,
                    )  # fmt: skip
                    done += item.attachment.size
                new_ids.append(client_id)
        except zipfile.BadZipFile:
            raise InvalidInput("the attachments archive is damaged; nothing was imported") from None
        finally:
            if zf is not None:
                zf.close()
    return new_ids


def _relinked(
    attachment: Attachment, client_id: int, maps: dict[str, dict[int, int]]
) -> Attachment:
    return replace(
        attachment,
        id=None,
        client_id=client_id,
        session_id=maps["sessions"].get(attachment.session_id or -1),
        outcome_id=maps["outcomes"].get(attachment.outcome_id or -1),
        feedback_id=maps["feedback"].get(attachment.feedback_id or -1),
    )


def _import_one(
    store: Store,
    engagement: Engagement,
    versions: list[ContractVersion],
    id_maps: dict[str, dict[int, int]] | None = None,
) -> int:
    client_id = (
        store.add_engagement(engagement)
        if id_maps is None
        else store.add_engagement(engagement, id_maps=id_maps)
    )
    contract = store.contracts.for_client(client_id)
    if contract is not None and contract.id is not None:
        for version in versions:
            store.contracts.add_version(contract.id, version)
    return client_id


def import_engagements(
    store: Store, items: list[tuple[Engagement, list[ContractVersion]]]
) -> list[int]:
    with transaction(store.conn):
        return [_import_one(store, engagement, versions) for engagement, versions in items]
