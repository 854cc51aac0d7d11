"""Transactions on a SQLCipher connection opened in autocommit mode.

``transaction(conn)`` nests: the outermost block is ``BEGIN IMMEDIATE … COMMIT``, inner
blocks are savepoints, so a repository method that is atomic on its own (saving a
contract with its outcomes) stays atomic inside a larger unit of work (an import).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from typing import Any

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
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
