"""What the vault keeps about worksheets: the secret their MACs are keyed from, and
which worksheets were already imported (so a second import is refused)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from coachdesk.core.worksheets import Stamp
from coachdesk.vault.db import Connection, transaction

_SECRET = "worksheet_secret"  # noqa: S105 - a vault_meta key name, not a secret


def worksheet_secret(conn: Connection) -> bytes:
    """The vault's worksheet secret (32 random bytes), created once, in the database."""
    with transaction(conn):
        conn.execute(
            "INSERT OR IGNORE INTO vault_meta (key, value) VALUES (?, ?)",
            (_SECRET, secrets.token_hex(32)),
        )
        (value,) = conn.execute("SELECT value FROM vault_meta WHERE key = ?", (_SECRET,)).fetchone()
    return bytes.fromhex(value)


@dataclass(frozen=True, slots=True)
class ImportedWorksheet:
    worksheet_id: str
    kind: str
    client_id: int
    issued_on: date
    imported_at: datetime
    records: int


def imported(conn: Connection, worksheet_id: str) -> ImportedWorksheet | None:
    """The earlier import of this worksheet, if any."""
    row = conn.execute(
        "SELECT worksheet_id, kind, client_id, issued_on, imported_at, records "
        "FROM worksheet_imports WHERE worksheet_id = ?",
        (worksheet_id,),
    ).fetchone()
    if row is None:
        return None
    return ImportedWorksheet(
        row[0],
        row[1],
        int(row[2]),
        date.fromisoformat(row[3]),
        datetime.fromisoformat(row[4]),
        int(row[5]),
    )


def record_import(conn: Connection, stamp: Stamp, imported_at: datetime, records: int) -> None:
    """Remember an import; fails (IntegrityError) if the worksheet was imported already,
    so two racing imports cannot both commit."""
    conn.execute(
        "INSERT INTO worksheet_imports "
        "(worksheet_id, kind, client_id, issued_on, imported_at, records) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            stamp.worksheet_id,
            stamp.kind.value,
            stamp.client_id,
            stamp.issued.isoformat(),
            imported_at.isoformat(timespec="seconds"),
            records,
        ),
    )
