"""Repositories: domain records in and out of the vault's tables.

One generic mapping (:class:`Table`) does the column work for every record type through
the shared codec (:mod:`coachdesk.core.codec`); the few records with children (a
contract's outcomes, milestones and risks; an outcome's readings; a session's outcomes)
have small repositories of their own on top. Every save validates first
(:mod:`coachdesk.core.validation`) and runs in one transaction.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar

from coachdesk.core import codec
from coachdesk.core.errors import NotFound
from coachdesk.core.model import (
    ActionItem,
    ActionStatus,
    Client,
    ClientStatus,
    Contract,
    ContractStatus,
    Disclosure,
    EmotionEntry,
    Engagement,
    FeedbackEntry,
    Focus,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    Session,
)
from coachdesk.core.validation import validate, validate_session
from coachdesk.vault.attachments import (
    AttachmentRepository,
    empty_orphaned_contents,
    small_page_cache,
)
from coachdesk.vault.db import Connection, forget_deleted_pages, transaction
from coachdesk.vault.snapshot import ClientSnapshot

R = TypeVar("R")


class _ContractPart(Protocol):
    id: int | None
    contract_id: int | None


P = TypeVar("P", bound=_ContractPart)


def _q(name: str) -> str:
    return f'"{name}"'


def _from_sqlite_bool(decode: codec.Decoder) -> codec.Decoder:
    """A bool field's decoder that first turns SQLite's 0/1 back into False/True."""

    def decode_stored(value: Any, path: str) -> Any:
        if type(value) is int and value in (0, 1):
            value = bool(value)
        return decode(value, path)

    return decode_stored


_INT_MAX = 2**63 - 1  # as the codec's: the range SQLite can store


def _compile_from_row(
    record: type[Any],
    decoders: Sequence[tuple[str, codec.Decoder, str, bool]],
    hints: dict[str, Any],
    offset: int,
) -> Any:
    """A function that builds ``record`` from a row, with the common checks inline.

    Per column it tests the cheap sufficient condition of the field's decoder (an ``int``
    in SQLite's range, an ASCII ``str``, a known choice value, an ISO date or local time
    parsed as the decoder parses it, ``None`` for an optional field); anything else
    (JSON, floats, booleans, a non-ASCII text, a wrong type) goes through the decoder
    itself, which accepts it or raises its usual error. One call per row instead of one
    or two per field: decoding a long emotion log took most of a tab's time.
    """
    env: dict[str, Any] = {
        "_cls": record,
        "_json_loads": json.loads,
        "_INT_MAX": _INT_MAX,
        "_date": date,
        "_datetime": datetime,
    }
    lines = ["def from_row(row):"]
    arguments = []
    for i, (field, decode, path, is_json) in enumerate(decoders):
        v, d, p = f"v{i}", f"_d{i}", f"_p{i}"
        env[d], env[p] = decode, path
        lines.append(f"    {v} = row[{i + offset}]")
        hint = hints.get(field)
        optional = False
        if typing.get_origin(hint) in (types.UnionType, typing.Union):
            inner = [a for a in typing.get_args(hint) if a is not type(None)]
            optional, hint = True, inner[0] if len(inner) == 1 else None
        if is_json:
            lines.append(f"    {v} = {d}(_json_loads({v}), {p})")
            arguments.append(f"{field}={v}")
            continue
        if hint is str:
            check = f"type({v}) is not str or not {v}.isascii()"
        elif hint is int:
            check = f"type({v}) is not int or not -_INT_MAX <= {v} <= _INT_MAX"
        elif isinstance(hint, type) and issubclass(hint, enum.Enum):
            members = f"_m{i}"
            env[members] = {member.value: member for member in hint}
            lines.append(f"    {v} = {members}.get({v}, {v}) if type({v}) is str else {v}")
            check = f"type({v}) is not {members}_type"
            env[f"{members}_type"] = hint
        elif hint is date or hint is datetime:
            # The decoder's own test (ISO text of its length, parsed, no time zone),
            # inline; whatever it does not pass is left to the decoder to judge.
            parse = f"_p{i}_parse"
            env[parse] = hint.fromisoformat
            wanted = "len({v}) == 10" if hint is date else "10 < len({v}) <= 32"
            lines.append(f"    if type({v}) is str and {wanted.format(v=v)}:")
            lines.append("        try:")
            lines.append(f"            parsed = {parse}({v})")
            lines.append("        except ValueError:")
            lines.append("            parsed = None")
            naive = "" if hint is date else " and parsed.tzinfo is None"
            lines.append(f"        if parsed is not None{naive}:")
            lines.append(f"            {v} = parsed")
            check = f"type({v}) is not {'_date' if hint is date else '_datetime'}"
        else:
            check = "True"  # floats, booleans…: the decoder itself
        if optional:
            check = f"{v} is not None and ({check})"
        lines.append(f"    if {check}:")
        lines.append(f"        {v} = {d}({v}, {p})")
        arguments.append(f"{field}={v}")
    lines.append(f"    return _cls({', '.join(arguments)})")
    exec("\n".join(lines), env)  # noqa: S102 - generated from the record's own fields
    return env["from_row"]


class Table(Generic[R]):
    """How one record type maps to one table.

    ``skip`` names fields that are not columns (children stored elsewhere); ``json``
    names list fields stored as JSON text; ``extra`` are columns that are not fields
    (e.g. ``position``), given on write.
    """

    def __init__(
        self,
        name: str,
        record: type[R],
        *,
        skip: Sequence[str] = (),
        json_fields: Sequence[str] = (),
        extra: Sequence[str] = (),
        order_by: str = "id",
    ) -> None:
        self.name = name
        self.record = record
        self.skip = frozenset(skip)
        self.json_fields = frozenset(json_fields)
        self.fields = [
            f.name for f in codec.fields_of(record) if f.name not in self.skip and f.name != "id"
        ]
        self.columns = [*self.fields, *extra]
        self.has_id = any(f.name == "id" for f in codec.fields_of(record))
        self.order_by = order_by
        cols = ", ".join(_q(c) for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self.insert_sql = f"INSERT INTO {name} ({cols}) VALUES ({marks})"
        sets = ", ".join(f"{_q(c)} = ?" for c in self.columns)
        self.update_sql = f"UPDATE {name} SET {sets} WHERE id = ?"
        self.select_sql = f"SELECT id, {', '.join(_q(c) for c in self.fields)} FROM {name}"
        # Per selected column: the field's decoder from the shared codec, and the path
        # codec.decode would name in an error. Built once, used for every row read.
        field_codecs = {f.name: f for f in codec.fields_of(record)}
        selected = (["id"] if self.has_id else []) + self.fields
        missing = [f.name for f in field_codecs.values() if f.required and f.name not in selected]
        if missing:
            raise TypeError(f"{name}: required fields not stored: {', '.join(missing)}")
        # SQLite has no booleans: a bool field is stored as 0 or 1 and read back as such.
        hints = typing.get_type_hints(record)
        self._decoders = [
            (
                field,
                _from_sqlite_bool(field_codecs[field].decode)
                if hints.get(field) is bool
                else field_codecs[field].decode,
                f"{name}.{field}",
                field in self.json_fields,
            )
            for field in selected
        ]
        self._fast_from_row = _compile_from_row(
            record, self._decoders, hints, offset=0 if self.has_id else 1
        )

    def values(self, record: R, extra: Sequence[Any] = ()) -> list[Any]:
        encoded = codec.encode(record)
        out = []
        for name in self.fields:
            value = encoded[name]
            out.append(json.dumps(value, ensure_ascii=False) if name in self.json_fields else value)
        return [*out, *extra]

    def from_row(self, row: Sequence[Any]) -> R:
        """A record from ``(id, *fields)``; the id is dropped for id-less records.

        Every value goes through its field's strict decoder, as with
        ``codec.decode(self.record, …, self.name)`` (same checks, same error paths), but
        without an intermediate dict and per-row path strings: a client's emotion log
        is thousands of rows, read each time a tab shows it. The reader is compiled once
        per table (:func:`_compile_from_row`): it checks the common cases inline and hands
        any value it is not sure of to the field's own decoder, so a row is decoded, or
        refused with the same message, exactly as :meth:`strict_from_row` would.
        """
        if len(row) == len(self._decoders) + (0 if self.has_id else 1):
            record: R = self._fast_from_row(row)
            return record
        return self.strict_from_row(row)

    def strict_from_row(self, row: Sequence[Any]) -> R:
        """:meth:`from_row` one field at a time through the codec's decoders (the
        reference the compiled reader is tested against, and what it falls back to)."""
        cells = row if self.has_id else row[1:]
        values: dict[str, Any] = {}
        for (field, decode, path, is_json), value in zip(self._decoders, cells, strict=True):
            values[field] = decode(json.loads(value) if is_json else value, path)
        return self.record(**values)

    def insert(self, conn: Connection, record: R, extra: Sequence[Any] = ()) -> int:
        cursor = conn.execute(self.insert_sql, self.values(record, extra))
        new_id = int(cursor.lastrowid)
        record.id = new_id  # type: ignore[attr-defined]
        return new_id

    def update(self, conn: Connection, record: R, extra: Sequence[Any] = ()) -> None:
        record_id = record.id  # type: ignore[attr-defined]
        cursor = conn.execute(self.update_sql, [*self.values(record, extra), record_id])
        if cursor.rowcount != 1:
            raise NotFound(f"no {self.name} record with id {record_id}")

    def get(self, conn: Connection, record_id: int) -> R:
        row = conn.execute(f"{self.select_sql} WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise NotFound(f"no {self.name} record with id {record_id}")
        return self.from_row(row)

    def where(self, conn: Connection, clause: str, params: Sequence[Any]) -> list[R]:
        sql = f"{self.select_sql} WHERE {clause} ORDER BY {self.order_by}"
        return [self.from_row(row) for row in conn.execute(sql, params)]

    def delete(self, conn: Connection, record_id: int) -> None:
        cursor = conn.execute(f"DELETE FROM {self.name} WHERE id = ?", (record_id,))
        if cursor.rowcount != 1:
            raise NotFound(f"no {self.name} record with id {record_id}")


CLIENTS = Table("clients", Client, json_fields=("tags",))
CONTRACTS = Table(
    "contracts",
    Contract,
    skip=("outcomes", "milestones", "risks"),
    json_fields=("clause_audiences",),
)
OUTCOMES = Table(
    "outcomes", Outcome, skip=("history",), extra=("position",), order_by="position, id"
)
READINGS = Table(
    "outcome_readings",
    OutcomeReading,
    extra=("outcome_id", "position"),
    order_by="position, id",
)
MILESTONES = Table("milestones", Milestone, extra=("position",), order_by="position, id")
RISKS = Table("risks", Risk, extra=("position",), order_by="position, id")
SESSIONS = Table("sessions", Session, skip=("outcome_ids",), order_by="started_at, id")
ACTION_ITEMS = Table("action_items", ActionItem, order_by="coalesce(due, '9999'), id")
EMOTIONS = Table("emotion_entries", EmotionEntry, order_by="occurred_at, id")
FEEDBACK = Table("feedback_entries", FeedbackEntry, order_by="received_on, id")
DISCLOSURES = Table("disclosures", Disclosure, json_fields=("item_ids",), order_by="at, id")


class ClientRecordRepository(Generic[R]):
    """Create, read, update, delete for a record type that belongs to a client."""

    def __init__(self, conn: Connection, table: Table[R]) -> None:
        self.conn = conn
        self.table = table

    def get(self, record_id: int) -> R:
        return self.table.get(self.conn, record_id)

    def for_client(self, client_id: int) -> list[R]:
        return self.table.where(self.conn, "client_id = ?", (client_id,))

    def save(self, record: R) -> int:
        validate(record)  # type: ignore[arg-type]
        with transaction(self.conn):
            if record.id is None:  # type: ignore[attr-defined]
                return self.table.insert(self.conn, record)
            self.table.update(self.conn, record)
            return int(record.id)  # type: ignore[attr-defined]

    def delete(self, record_id: int) -> None:
        with transaction(self.conn):
            self.table.delete(self.conn, record_id)
        forget_deleted_pages(self.conn)  # its words out of the index, its pages out of the WAL


@dataclass(frozen=True, slots=True)
class ClientSummary:
    """One line of the client list: enough to find a client, nothing more."""

    id: int
    name: str
    organisation: str
    status: ClientStatus
    focus: Focus
    session_count: int
    """Sessions held (a planned or cancelled one is not a session the client had)."""
    last_session: datetime | None
    """When the latest session held started."""
    open_actions: int


class ClientRepository(ClientRecordRepository[Client]):
    def __init__(self, conn: Connection) -> None:
        super().__init__(conn, CLIENTS)

    def save(self, record: Client) -> int:
        if record.created_at is None:
            record.created_at = datetime.now().replace(microsecond=0)
        return super().save(record)

    def all(self) -> list[Client]:
        return self.table.where(self.conn, "1", ())

    def ids(self) -> list[int]:
        return [int(row[0]) for row in self.conn.execute("SELECT id FROM clients ORDER BY id")]

    def summaries(
        self, text: str = "", statuses: Iterable[ClientStatus] | None = None
    ) -> list[ClientSummary]:
        """The client list, filtered by name/organisation text and status, by name."""
        clauses, params = ["1"], []
        if text.strip():
            clauses.append("(c.name LIKE ? ESCAPE '\\' OR c.organisation LIKE ? ESCAPE '\\')")
            pattern = "%" + _like_escape(text.strip()) + "%"
            params += [pattern, pattern]
        if statuses is not None:
            wanted = [s.value for s in statuses]
            clauses.append(f"c.status IN ({', '.join('?' for _ in wanted)})" if wanted else "0")
            params += wanted
        sql = f"""
            SELECT c.id, c.name, c.organisation, c.status, c.focus,
                   (SELECT count(*) FROM sessions s
                     WHERE s.client_id = c.id AND s.state = 'held'),
                   (SELECT max(started_at) FROM sessions s
                     WHERE s.client_id = c.id AND s.state = 'held'),
                   (SELECT count(*) FROM action_items a
                     WHERE a.client_id = c.id AND a.status = 'open')
              FROM clients c
             WHERE {" AND ".join(clauses)}
             ORDER BY c.name COLLATE NOCASE, c.id
        """
        return [
            ClientSummary(
                id=row[0],
                name=row[1],
                organisation=row[2],
                status=ClientStatus(row[3]),
                focus=Focus(row[4]),
                session_count=row[5],
                last_session=datetime.fromisoformat(row[6]) if row[6] else None,
                open_actions=row[7],
            )
            for row in self.conn.execute(sql, params)
        ]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class SessionRepository(ClientRecordRepository[Session]):
    """Sessions, with the outcomes each one touched."""

    def __init__(self, conn: Connection) -> None:
        super().__init__(conn, SESSIONS)

    def _attach_outcomes(self, sessions: list[Session]) -> list[Session]:
        by_id = {s.id: s for s in sessions}
        if not by_id:
            return sessions
        rows = self.conn.execute(
            "SELECT so.session_id, so.outcome_id FROM session_outcomes so "
            "JOIN sessions s ON s.id = so.session_id WHERE s.client_id = ? "
            "ORDER BY so.outcome_id",
            (sessions[0].client_id,),
        )
        for session_id, outcome_id in rows:
            if session_id in by_id:
                by_id[session_id].outcome_ids.append(outcome_id)
        return sessions

    def get(self, record_id: int) -> Session:
        session = self.table.get(self.conn, record_id)
        session.outcome_ids = [
            row[0]
            for row in self.conn.execute(
                "SELECT outcome_id FROM session_outcomes WHERE session_id = ? ORDER BY 1",
                (record_id,),
            )
        ]
        return session

    def for_client(self, client_id: int) -> list[Session]:
        return self._attach_outcomes(super().for_client(client_id))

    def save(self, record: Session, contract: Contract | None = None) -> int:
        validate_session(record, contract)
        with transaction(self.conn):
            if record.id is None:
                self.table.insert(self.conn, record)
            else:
                self.table.update(self.conn, record)
            self.conn.execute("DELETE FROM session_outcomes WHERE session_id = ?", (record.id,))
            self.conn.executemany(
                "INSERT OR IGNORE INTO session_outcomes (session_id, outcome_id) VALUES (?, ?)",
                [(record.id, outcome_id) for outcome_id in record.outcome_ids],
            )
            return int(record.id)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class ContractVersion:
    """An earlier version of a contract, as it stood before it was amended."""

    version: int
    saved_at: datetime
    contract: Contract


# Fields whose change does not make a new contract version (signing is not amending;
# who may see an item is the client's consent to sharing, not the agreement itself).
_NOT_CONTENT = {
    "id",
    "client_id",
    "version",
    "status",
    "signed_date",
    "clause_audiences",
    "sponsor_confirmed_on",
}
_PART_NOT_CONTENT = ("contract_id", "audience", "evidence_audience")


def _content(contract: Contract) -> dict[str, Any]:
    encoded = codec.encode(contract)
    for name in _NOT_CONTENT:
        encoded.pop(name)
    for child in ("outcomes", "milestones", "risks"):
        for item in encoded[child]:
            for name in _PART_NOT_CONTENT:
                item.pop(name, None)
            for reading in item.get("history", []):
                reading.pop("note_audience", None)
    return encoded


class ContractRepository:
    """The current contract of each client, its parts, and its earlier versions.

    A draft or an amendment in progress is edited in place (the coach autosaves as they
    type). Changing the content of a *signed* contract starts an amendment: the signed
    version is kept as a snapshot in ``contract_versions`` and the contract becomes
    version n+1 with status "amended" until it is signed again.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def for_client(self, client_id: int) -> Contract | None:
        row = self.conn.execute(
            f"{CONTRACTS.select_sql} WHERE client_id = ?", (client_id,)
        ).fetchone()
        return None if row is None else self._with_parts(CONTRACTS.from_row(row))

    def get(self, contract_id: int) -> Contract:
        return self._with_parts(CONTRACTS.get(self.conn, contract_id))

    def _with_parts(self, contract: Contract) -> Contract:
        key = (contract.id,)
        contract.outcomes = OUTCOMES.where(self.conn, "contract_id = ?", key)
        readings: dict[int, list[OutcomeReading]] = {}
        rows = self.conn.execute(
            f"SELECT r.outcome_id, r.id, {', '.join(_q(c) for c in READINGS.fields)} "
            "FROM outcome_readings r JOIN outcomes o ON o.id = r.outcome_id "
            "WHERE o.contract_id = ? ORDER BY r.position, r.id",
            key,
        )
        for row in rows:
            readings.setdefault(row[0], []).append(READINGS.from_row(row[1:]))
        for outcome in contract.outcomes:
            outcome.history = readings.get(outcome.id or -1, [])
        contract.milestones = MILESTONES.where(self.conn, "contract_id = ?", key)
        contract.risks = RISKS.where(self.conn, "contract_id = ?", key)
        return contract

    def save(self, contract: Contract) -> int:
        validate(contract)
        with transaction(self.conn):
            if contract.id is None:
                CONTRACTS.insert(self.conn, contract)
            else:
                stored = self.get(contract.id)
                if stored.status == ContractStatus.SIGNED and _content(stored) != _content(
                    contract
                ):
                    self._keep_version(stored)
                    contract.version = stored.version + 1
                    if contract.status == ContractStatus.SIGNED:
                        contract.status = ContractStatus.AMENDED
                CONTRACTS.update(self.conn, contract)
            assert contract.id is not None
            removed = self._sync_parts(contract)
        if removed:
            forget_deleted_pages(self.conn)
        return contract.id

    def add_copy(self, contract: Contract, client_id: int) -> dict[int, int]:
        """Store a copy of ``contract`` (and its parts) as the client's new contract.

        Returns how the copy's outcome ids map from the original's, for relinking
        sessions and feedback; milestones are relinked here.
        """
        copy = codec.decode(Contract, codec.encode(contract))
        validate(copy)
        copy.id, copy.client_id = None, client_id
        outcome_ids: dict[int, int] = {}
        with transaction(self.conn):
            contract_id = CONTRACTS.insert(self.conn, copy)
            for position, outcome in enumerate(copy.outcomes):
                old_id, outcome.id, outcome.contract_id = outcome.id, None, contract_id
                new_id = OUTCOMES.insert(self.conn, outcome, (position,))
                if old_id is not None:
                    outcome_ids[old_id] = new_id
            for milestone in copy.milestones:
                milestone.id = None
                if milestone.outcome_id is not None:
                    milestone.outcome_id = outcome_ids.get(milestone.outcome_id)
            for risk in copy.risks:
                risk.id = None
            self._sync_parts(copy)
        return outcome_ids

    def _keep_version(self, stored: Contract) -> None:
        assert stored.id is not None
        self.add_version(
            stored.id,
            ContractVersion(stored.version, datetime.now().replace(microsecond=0), stored),
        )

    def add_version(self, contract_id: int, version: ContractVersion) -> None:
        """Record an earlier version (amendment, or import of an export's history)."""
        self.conn.execute(
            "INSERT INTO contract_versions (contract_id, version, saved_at, snapshot) "
            "VALUES (?, ?, ?, ?)",
            (
                contract_id,
                version.version,
                version.saved_at.isoformat(timespec="seconds"),
                json.dumps(codec.encode(version.contract), ensure_ascii=False),
            ),
        )

    def _sync_parts(self, contract: Contract) -> bool:
        """Make the stored outcomes, milestones and risks exactly the contract's lists,
        keeping ids of parts that stay (sessions and feedback link to outcome ids)."""
        assert contract.id is not None
        removed = self._sync(OUTCOMES, contract.outcomes, contract.id)
        removed |= self._sync(MILESTONES, contract.milestones, contract.id)
        removed |= self._sync(RISKS, contract.risks, contract.id)
        for outcome in contract.outcomes:
            self.conn.execute("DELETE FROM outcome_readings WHERE outcome_id = ?", (outcome.id,))
            self.conn.executemany(
                READINGS.insert_sql,
                [
                    READINGS.values(reading, (outcome.id, position))
                    for position, reading in enumerate(outcome.history)
                ],
            )
        return removed

    def _sync(self, table: Table[P], items: list[P], contract_id: int) -> bool:
        """Store ``items`` as the contract's parts; returns whether any were removed."""
        keep = [item.id for item in items if item.id is not None]
        marks = ", ".join("?" for _ in keep)
        clause = f"contract_id = ? AND id NOT IN ({marks})" if keep else "contract_id = ?"
        cursor = self.conn.execute(f"DELETE FROM {table.name} WHERE {clause}", (contract_id, *keep))
        for position, item in enumerate(items):
            item.contract_id = contract_id
            if item.id is None:
                table.insert(self.conn, item, (position,))
            else:
                table.update(self.conn, item, (position,))
        return bool(cursor.rowcount)

    def versions(self, contract_id: int) -> list[ContractVersion]:
        """Earlier versions, oldest first."""
        rows = self.conn.execute(
            "SELECT version, saved_at, snapshot FROM contract_versions "
            "WHERE contract_id = ? ORDER BY version",
            (contract_id,),
        )
        return [
            ContractVersion(
                version=row[0],
                saved_at=datetime.fromisoformat(row[1]),
                contract=codec.decode(Contract, json.loads(row[2]), "contract_versions"),
            )
            for row in rows
        ]

    def delete(self, contract_id: int) -> None:
        with transaction(self.conn):
            CONTRACTS.delete(self.conn, contract_id)
        forget_deleted_pages(self.conn)


class Store:
    """All repositories over one connection, and the operations that span them."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.clients = ClientRepository(conn)
        self.contracts = ContractRepository(conn)
        self.sessions = SessionRepository(conn)
        self.action_items = ClientRecordRepository(conn, ACTION_ITEMS)
        self.emotions = ClientRecordRepository(conn, EMOTIONS)
        self.feedback = ClientRecordRepository(conn, FEEDBACK)
        self.disclosures = ClientRecordRepository(conn, DISCLOSURES)
        self.attachments = AttachmentRepository(conn)
        self._snapshot: ClientSnapshot | None = None

    def transaction(self) -> Any:
        return transaction(self.conn)

    def contract_versions(self, engagement: Engagement) -> list[ContractVersion]:
        """The earlier versions of the engagement's contract, oldest first."""
        contract = engagement.contract
        if contract is None or contract.id is None:
            return []
        return self.contracts.versions(contract.id)

    def load_engagement(self, client_id: int, *, emotions_since: date | None = None) -> Engagement:
        """Everything about one client, in one call (one read transaction).

        ``emotions_since`` keeps only the emotion entries from that day on, for a view
        that shows the last weeks of a log that may hold years (the Overview).
        """
        with transaction(self.conn):
            if emotions_since is None:
                emotions = self.emotions.for_client(client_id)
            else:
                since = datetime.combine(emotions_since, datetime.min.time())
                emotions = self.emotions_since(client_id, since)
            return Engagement(
                client=self.clients.get(client_id),
                contract=self.contracts.for_client(client_id),
                sessions=self.sessions.for_client(client_id),
                action_items=self.action_items.for_client(client_id),
                emotions=emotions,
                feedback=self.feedback.for_client(client_id),
                disclosures=self.disclosures.for_client(client_id),
            )

    def emotions_since(self, client_id: int, since: datetime) -> list[EmotionEntry]:
        """The client's emotion entries from ``since`` on, oldest first."""
        return EMOTIONS.where(
            self.conn,
            "client_id = ? AND occurred_at >= ?",
            (client_id, since.isoformat(timespec="seconds")),
        )

    def snapshot(self, client_id: int) -> ClientSnapshot:
        """The client's records as the workspace tabs read them, each kind read once
        while the vault does not change (:class:`ClientSnapshot`); one client at a time."""
        held = self._snapshot
        if held is None or held.client_id != client_id or not held.is_current():
            held = self._snapshot = ClientSnapshot(self, client_id)
        return held

    def forget_snapshot(self) -> None:
        """Drop the records the snapshot holds (on lock: no client record may outlive it)."""
        self._snapshot = None

    def delete_client(self, client_id: int) -> None:
        """Remove the client and everything of theirs (cascade, attachments included),
        overwritten in the file and gone from the WAL."""
        # Their attachments' files: emptied first, with a small cache (see there).
        with small_page_cache(self.conn), transaction(self.conn):
            empty_orphaned_contents(
                self.conn,
                "SELECT DISTINCT content_id FROM attachments a WHERE a.client_id = ? AND NOT "
                "EXISTS (SELECT 1 FROM attachments b WHERE b.content_id = a.content_id "
                "AND b.client_id != a.client_id)",
                (client_id,),
            )
            self.clients.delete(client_id)
        forget_deleted_pages(self.conn)

    def add_engagement(
        self, engagement: Engagement, id_maps: dict[str, dict[int, int]] | None = None
    ) -> int:
        """Store a whole engagement as new records with new ids (import, demo).

        References inside the engagement (a session's outcomes, a milestone's outcome,
        an action item's session, feedback's outcome) are remapped to the new ids.
        ``id_maps``, when given, receives old -> new ids of "sessions", "outcomes" and
        "feedback", for records stored alongside (an import's attachments).
        """
        with transaction(self.conn):
            client = replace(engagement.client, id=None, tags=list(engagement.client.tags))
            client_id = self.clients.save(client)
            outcome_ids: dict[int, int] = {}
            if engagement.contract is not None:
                outcome_ids = self.contracts.add_copy(engagement.contract, client_id)
            session_ids: dict[int, int] = {}
            for original in engagement.sessions:
                session = replace(
                    original,
                    id=None,
                    client_id=client_id,
                    outcome_ids=[outcome_ids[o] for o in original.outcome_ids if o in outcome_ids],
                )
                new_id = self.sessions.save(session)
                if original.id is not None:
                    session_ids[original.id] = new_id
            for item in engagement.action_items:
                self.action_items.save(
                    replace(
                        item,
                        id=None,
                        client_id=client_id,
                        session_id=session_ids.get(item.session_id or -1),
                        reviewed_session_id=session_ids.get(item.reviewed_session_id or -1),
                    )
                )
            for entry in engagement.emotions:
                self.emotions.save(replace(entry, id=None, client_id=client_id))
            feedback_ids: dict[int, int] = {}
            for feedback in engagement.feedback:
                new_id = self.feedback.save(
                    replace(
                        feedback,
                        id=None,
                        client_id=client_id,
                        outcome_id=outcome_ids.get(feedback.outcome_id or -1),
                    )
                )
                if feedback.id is not None:
                    feedback_ids[feedback.id] = new_id
            for disclosure in engagement.disclosures:
                self.disclosures.save(replace(disclosure, id=None, client_id=client_id))
            if id_maps is not None:
                id_maps.update(sessions=session_ids, outcomes=outcome_ids, feedback=feedback_ids)
            return client_id

    def open_action_items(self, client_id: int) -> list[ActionItem]:
        return [a for a in self.action_items.for_client(client_id) if a.status == ActionStatus.OPEN]

    def today(self) -> date:
        return date.today()
