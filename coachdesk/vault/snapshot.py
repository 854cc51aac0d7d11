"""One client's records as the workspace reads them: each kind read once per change.

Opening a client fills several tabs that show the same records: the Overview reads the
whole engagement, the Sessions tab the sessions, action items and contract again, the
Attachments tab the sessions, contract and feedback once more. A :class:`ClientSnapshot`
reads each kind of record once and hands every tab its own copies (tabs edit their
records in place until they are saved).

A snapshot is only used while the vault is exactly as it was when its records were
read: every write through the app's connection moves ``total_changes``, and a commit by
any other connection moves ``PRAGMA data_version``. When either has moved, the snapshot
forgets what it read and reads again, so no tab is ever given records older than the
vault's (an autosave from such a copy would overwrite newer edits).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

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
from coachdesk.vault.db import Connection, transaction

if TYPE_CHECKING:
    from coachdesk.vault.store import Store

T = TypeVar("T")


def vault_state(conn: Connection) -> tuple[int, int]:
    """What changes whenever the vault's contents may have: this connection's count of
    changed rows and SQLite's counter of other connections' commits."""
    return conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]


_COPIERS: dict[type, Callable[[Any], Any]] = {}


def own_copy(record: T) -> T:
    """A copy of ``record`` that shares nothing mutable with it: its lists are new
    lists, and the records inside them (a contract's outcomes and their readings) are
    copies too; other fields hold immutable values (text, numbers, dates, choices)."""
    kind = type(record)
    copier = _COPIERS.get(kind)
    if copier is None:
        copier = _COPIERS[kind] = _compile_copier(kind)
    copied: T = copier(record)
    return copied


def _compile_copier(kind: type) -> Callable[[Any], Any]:
    """``lambda r: kind(a=r.a, tags=list(r.tags), outcomes=[own_copy(o) …], …)`` for
    the dataclass ``kind``: one constructor call, where ``dataclasses.replace`` or
    ``copy.deepcopy`` walk every field in Python (thousands of rows per client switch)."""
    hints = typing.get_type_hints(kind)
    arguments = []
    for f in dataclasses.fields(kind):
        hint = hints[f.name]
        if typing.get_origin(hint) is list:
            (item,) = typing.get_args(hint)
            if dataclasses.is_dataclass(item):
                arguments.append(f"{f.name}=[_own_copy(x) for x in r.{f.name}]")
            else:
                arguments.append(f"{f.name}=list(r.{f.name})")
        elif any(dataclasses.is_dataclass(a) for a in (hint, *typing.get_args(hint))):
            arguments.append(f"{f.name}=None if r.{f.name} is None else _own_copy(r.{f.name})")
        else:
            arguments.append(f"{f.name}=r.{f.name}")
    env: dict[str, Any] = {"_kind": kind, "_own_copy": own_copy}
    exec(f"def copier(r):\n    return _kind({', '.join(arguments)})", env)  # noqa: S102
    copier: Callable[[Any], Any] = env["copier"]
    return copier


class ClientSnapshot:
    """The records of one client, read once while the vault does not change."""

    def __init__(self, store: Store, client_id: int) -> None:
        self._store = store
        self.client_id = client_id
        self._state = vault_state(store.conn)
        self._parts: dict[str, Any] = {}

    def is_current(self) -> bool:
        """True while nothing was written to the vault since the records were read."""
        return vault_state(self._store.conn) == self._state

    def _part(self, name: str, load: Callable[[], Any]) -> Any:
        state = vault_state(self._store.conn)
        if state != self._state:
            self._parts.clear()
            self._state = state
        if name not in self._parts:
            self._parts[name] = load()
        return self._parts[name]

    # -- what was read, shared: never handed to a tab as it is ------------------------

    def _client(self) -> Client:
        store = self._store
        client: Client = self._part("client", lambda: store.clients.get(self.client_id))
        return client

    def _contract(self) -> Contract | None:
        store = self._store
        contract: Contract | None = self._part(
            "contract", lambda: store.contracts.for_client(self.client_id)
        )
        return contract

    def _sessions(self) -> list[Session]:
        store = self._store
        sessions: list[Session] = self._part(
            "sessions", lambda: store.sessions.for_client(self.client_id)
        )
        return sessions

    def _action_items(self) -> list[ActionItem]:
        store = self._store
        items: list[ActionItem] = self._part(
            "actions", lambda: store.action_items.for_client(self.client_id)
        )
        return items

    def _feedback(self) -> list[FeedbackEntry]:
        store = self._store
        entries: list[FeedbackEntry] = self._part(
            "feedback", lambda: store.feedback.for_client(self.client_id)
        )
        return entries

    def _disclosures(self) -> list[Disclosure]:
        store = self._store
        disclosures: list[Disclosure] = self._part(
            "disclosures", lambda: store.disclosures.for_client(self.client_id)
        )
        return disclosures

    def _emotions_since(self, since: date | None) -> list[EmotionEntry]:
        store = self._store
        if since is None:
            entries: list[EmotionEntry] = self._part(
                "emotions", lambda: store.emotions.for_client(self.client_id)
            )
            return entries
        start = datetime.combine(since, datetime.min.time())
        entries = self._part(
            f"emotions since {since.isoformat()}",
            lambda: store.emotions_since(self.client_id, start),
        )
        return entries

    # -- what the tabs read (copies of their own) ---------------------------------------

    def client(self) -> Client:
        return own_copy(self._client())

    def contract(self) -> Contract | None:
        contract = self._contract()
        return None if contract is None else own_copy(contract)

    def sessions(self) -> list[Session]:
        return [own_copy(session) for session in self._sessions()]

    def action_items(self) -> list[ActionItem]:
        return [own_copy(item) for item in self._action_items()]

    def feedback(self) -> list[FeedbackEntry]:
        return [own_copy(entry) for entry in self._feedback()]

    def disclosures(self) -> list[Disclosure]:
        return [own_copy(disclosure) for disclosure in self._disclosures()]

    def emotions_since(self, since: date | None) -> list[EmotionEntry]:
        """The client's emotion entries (from the start of ``since``, when given)."""
        return [own_copy(entry) for entry in self._emotions_since(since)]

    def engagement(self, *, emotions_since: date | None = None) -> Engagement:
        """What :meth:`Store.load_engagement` returns, from the records read once."""
        return self._engagement(emotions_since, own_copy)

    def engagement_to_display(self, *, emotions_since: date | None = None) -> Engagement:
        """:meth:`engagement` without the copies, for a view that only displays and
        keeps nothing of it but what it computed (the Overview: a click in the client
        list copied 1,200 records for nothing). The records are the snapshot's own,
        which every tab gets copies of: nothing may change or save them (the lists are
        the view's own)."""
        return self._engagement(emotions_since, _as_read)

    def _engagement(self, since: date | None, copy: Callable[[Any], Any]) -> Engagement:
        with transaction(self._store.conn):
            contract = self._contract()
            return Engagement(
                client=copy(self._client()),
                contract=None if contract is None else copy(contract),
                sessions=[copy(session) for session in self._sessions()],
                action_items=[copy(item) for item in self._action_items()],
                emotions=[copy(entry) for entry in self._emotions_since(since)],
                feedback=[copy(entry) for entry in self._feedback()],
                disclosures=[copy(disclosure) for disclosure in self._disclosures()],
            )


def _as_read(record: T) -> T:
    """No copy: :meth:`ClientSnapshot.engagement_to_display`."""
    return record
