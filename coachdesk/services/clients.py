"""Archiving and deleting a client: the two ways a coach ends a client's presence.

Archiving is reversible and keeps everything: the client's status becomes *closed*, so
the client list files them under "Closed (archive)" and the agenda no longer asks about
them. Deleting is the data-protection erasure of docs/security.md: the client and every
record of theirs (contract and its versions, sessions, notes, emotion log, feedback,
disclosure log, attachments whose files no other client holds) go in one transaction,
their text is overwritten in the vault file (``secure_delete``) and in the search index,
and the write-ahead log is emptied, so no byte of theirs stays behind. The main window
and ``coachdesk client archive|delete`` both call these functions.
"""

from __future__ import annotations

from coachdesk.core.model import Client, ClientStatus
from coachdesk.vault.store import Store


def archive_client(store: Store, client_id: int) -> Client:
    """Mark the client closed and return them as stored; their records stay untouched.

    Raises :class:`~coachdesk.core.errors.NotFound` for an unknown id (nothing changes).
    Archiving an archived client changes nothing either.
    """
    client = store.clients.get(client_id)
    if client.status != ClientStatus.CLOSED:
        client.status = ClientStatus.CLOSED
        store.clients.save(client)
    return client


def delete_client(store: Store, client_id: int) -> None:
    """Erase the client and everything of theirs, provably (see the module docstring).

    The id is checked first, so an unknown id raises
    :class:`~coachdesk.core.errors.NotFound` before anything is written.
    """
    store.clients.get(client_id)
    store.delete_client(client_id)
