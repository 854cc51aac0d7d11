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

import copy
from collections.abc import Callable
from dataclasses import fields, replace
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


_LIST_FIELDS: dict[type, tuple[str, ...]] = {}


def own_copy(record: T) -> T:
    """A copy of ``record`` whose list fields are lists of its own (the records inside
    them are immutable values: ids and strings)."""
    kind = type(record)
    names = _LIST_FIELDS.get(kind)
    if names is None:
        names = tuple(f.name for f in fields(record) if isinstance(getattr(record, f.name), list))  # type: ignore[arg-type]
        _LIST_FIELDS[kind] = names
    return replace(record, **{name: list(getattr(record, name)) for name in names})  # type: ignore[type-var]


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

    # -- what the tabs read (copies of their own) ---------------------------------------

    def client(self) -> Client:
        store = self._store
        client: Client = self._part("client", lambda: store.clients.get(self.client_id))
        return own_copy(client)

    def contract(self) -> Contract | None:
        store = self._store
        contract = self._part("contract", lambda: store.contracts.for_client(self.client_id))
        return None if contract is None else copy.deepcopy(contract)

    def sessions(self) -> list[Session]:
        store = self._store
        stored = self._part("sessions", lambda: store.sessions.for_client(self.client_id))
        return [own_copy(session) for session in stored]

    def action_items(self) -> list[ActionItem]:
        store = self._store
        stored = self._part("actions", lambda: store.action_items.for_client(self.client_id))
        return [own_copy(item) for item in stored]

    def feedback(self) -> list[FeedbackEntry]:
        store = self._store
        stored = self._part("feedback", lambda: store.feedback.for_client(self.client_id))
        return [own_copy(entry) for entry in stored]

    def disclosures(self) -> list[Disclosure]:
        store = self._store
        stored = self._part("disclosures", lambda: store.disclosures.for_client(self.client_id))
        return [own_copy(disclosure) for disclosure in stored]

    def emotions_since(self, since: date | None) -> list[EmotionEntry]:
        """The client's emotion entries (from the start of ``since``, when given)."""
        store = self._store
        if since is None:
            stored = self._part("emotions", lambda: store.emotions.for_client(self.client_id))
        else:
            start = datetime.combine(since, datetime.min.time())
            stored = self._part(
                f"emotions since {since.isoformat()}",
                lambda: store.emotions_since(self.client_id, start),
            )
        return [own_copy(entry) for entry in stored]

    def engagement(self, *, emotions_since: date | None = None) -> Engagement:
        """What :meth:`Store.load_engagement` returns, from the records read once."""
        with transaction(self._store.conn):
            return Engagement(
                client=self.client(),
                contract=self.contract(),
                sessions=self.sessions(),
                action_items=self.action_items(),
                emotions=self.emotions_since(emotions_since),
                feedback=self.feedback(),
                disclosures=self.disclosures(),
            )
