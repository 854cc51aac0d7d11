"""Numbered schema migrations, tracked with ``PRAGMA user_version``.

Each migration lives in its own module ``mNNNN_<what>.py`` and exposes ``VERSION``
(its number), ``DESCRIPTION`` and ``SQL`` (a script of complete statements). They run in
order, each in its own transaction together with the ``user_version`` bump, so a crash
mid-migration leaves the vault at the previous version, and running ``migrate`` again
is a no-op once the vault is current.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import sqlcipher3

from coachdesk.core.errors import InvalidInput


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str

    def statements(self) -> list[str]:
        return split_statements(self.sql)


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (triggers included)."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines(keepends=True):
        current.append(line)
        candidate = "".join(current)
        if sqlcipher3.complete_statement(candidate):
            statements.append(candidate.strip())
            current = []
    rest = "".join(current).strip()
    if rest:
        raise ValueError(f"incomplete SQL statement at the end of a migration: {rest[:60]!r}")
    return statements


def _load(module: ModuleType) -> Migration:
    return Migration(int(module.VERSION), str(module.DESCRIPTION), str(module.SQL))


def all_migrations() -> list[Migration]:
    """Every migration shipped with this version of CoachDesk, in order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            found.append(_load(importlib.import_module(f"{__name__}.{info.name}")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1, 2, 3 … without gaps: {versions}")
    return found


def latest_version() -> int:
    return len(all_migrations())


def current_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Any, migrations: list[Migration] | None = None) -> list[int]:
    """Bring the schema up to date; returns the versions applied (empty if current)."""
    migrations = all_migrations() if migrations is None else migrations
    have = current_version(conn)
    newest = migrations[-1].version if migrations else 0
    if have > newest:
        raise InvalidInput(
            f"this vault was written by a newer CoachDesk (schema {have}, this version "
            f"knows up to {newest}); update CoachDesk to open it"
        )
    applied = []
    for migration in migrations:
        if migration.version <= have:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in migration.statements():
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
