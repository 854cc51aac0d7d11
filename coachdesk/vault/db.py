"""Transactions on a SQLCipher connection opened in autocommit mode.

``transaction(conn)`` nests: the outermost block is ``BEGIN IMMEDIATE … COMMIT``, inner
blocks are savepoints, so a repository method that is atomic on its own (saving a
contract with its outcomes) stays atomic inside a larger unit of work (an import).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

Connection = Any  # sqlcipher3.Connection: the module ships no type information

_savepoints = itertools.count(1)


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """All statements in the block commit together or not at all."""
    if conn.in_transaction:
        name = f"sp{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # see below: SQLite may have rolled back everything
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        # On a full disk or an I/O error SQLite rolls the transaction back by itself; a
        # second ROLLBACK would fail and hide the real error ("database or disk is full")
        # behind "cannot rollback - no transaction is active". A COMMIT that fails must
        # not leave the transaction open either, or every later save would silently
        # become a savepoint inside it and never be committed.
        if conn.in_transaction:
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
        raise


WAL_COPY_SUFFIX = "-wal.unclean"
"""The copy of a crashed write-ahead log that the vault keeps beside ``vault.db``."""


def purge_deleted_text(conn: Connection) -> bool:
    """Merge the search index into one segment when a deleted record had been edited
    since the last merge (migration 7); returns whether it did.

    A delete removes the record's words from the index in place (FTS5 secure-delete),
    but an edit leaves the previous version's entries, shadowed, in an older segment,
    and only a merge drops them; ``secure_delete`` zeroes the pages they were in.
    Outside a transaction only, so the merge does not pile up in a savepoint journal
    (in memory); the vault runs it again when it opens and when it locks.
    """
    if conn.in_transaction:
        return False
    try:
        due = conn.execute("SELECT 1 FROM search_stale WHERE deleted = 1 LIMIT 1").fetchone()
    except sqlcipher3.OperationalError:  # a database before migration 7
        return False
    if due is None:
        return False
    with transaction(conn):
        conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
        conn.execute("DELETE FROM search_stale")
    return True


def forget_deleted_pages(conn: Connection) -> None:
    """Drop deleted records' last words from the search index
    (:func:`purge_deleted_text`), copy the WAL into the database and truncate it
    (outside a transaction only), and remove the kept copy of a crashed log.

    ``secure_delete`` zeroes freed pages, but the WAL may still hold older frames of
    them (a large attachment is written there first); a truncating checkpoint leaves
    none. The copy of a log kept after an unclean shutdown holds frames from before the
    erasure too, and an erased client must not survive in any vault file. Best effort:
    another connection reading at this moment makes the checkpoint a no-op, and the
    vault does the same when it locks.
    """
    if conn.in_transaction:
        return
    purge_deleted_text(conn)
    with contextlib.suppress(Exception):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    for _seq, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            Path(file + WAL_COPY_SUFFIX).unlink(missing_ok=True)
