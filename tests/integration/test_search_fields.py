"""What the full-text index holds is what the fields declare (``search=`` in
coachdesk/core/fields.py), in a real vault: every declared text field of every indexed
record kind is written with a word of its own, and search finds the record by that
word exactly when the field is declared searchable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coachdesk.core.fields import searchable, text_fields
from coachdesk.vault.db import Connection
from coachdesk.vault.search import INDEXED, RecordKind, index_body_sql, search
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import sample_engagement


@pytest.fixture
def conn(open_vault: Vault, tmp_path: Path) -> Connection:
    store = Store(open_vault.connection)
    client_id = store.add_engagement(sample_engagement())
    document = tmp_path / "notes.txt"
    document.write_text("a document")
    store.attachments.add_file(client_id, document, title="Notes", note="a note")
    return open_vault.connection


def _columns(conn: Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


@pytest.mark.parametrize("kind", list(RecordKind), ids=lambda k: k.name.lower())
def test_search_finds_a_record_by_exactly_its_searchable_fields(
    conn: Connection, kind: RecordKind
) -> None:
    table, record_type = INDEXED[kind]
    record_id = int(conn.execute(f"SELECT id FROM {table} ORDER BY id LIMIT 1").fetchone()[0])
    columns = _columns(conn, table)
    checked = 0
    for number, declared in enumerate(text_fields(record_type)):
        if declared.name not in columns or declared.name in {"tags"}:
            continue  # not a text column of its own (e.g. a checksum kept elsewhere)
        word = f"zqx{kind.value}w{number}marker"
        conn.execute(f"UPDATE {table} SET {declared.name} = ? WHERE id = ?", (word, record_id))
        found = any(hit.kind == kind and hit.record_id == record_id for hit in search(conn, word))
        assert found == declared.info.search, f"{record_type.__name__}.{declared.name}"
        checked += 1
    assert checked >= len(searchable(record_type))  # every searchable field was tried


def test_the_index_body_function_names_the_searchable_columns(conn: Connection) -> None:
    """What a migration that rebuilds the index would write: the same fields the
    shipped triggers index (order aside), every one a column of the table."""
    for kind, (table, record_type) in INDEXED.items():
        body = index_body_sql(record_type)
        names = re.findall(r"NEW\.(\w+)", body)
        assert names == list(searchable(record_type)), kind
        assert set(names) <= _columns(conn, table), kind
        trigger = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            (f"{table}_search_ai",),
        ).fetchone()
        if trigger is not None:  # migration 2's triggers: the body is the last value
            shipped = trigger[0].rsplit(",", 1)[-1]
            assert set(re.findall(r"NEW\.(\w+)", shipped)) <= set(names), kind


def test_index_body_sql_refuses_a_record_with_nothing_to_index() -> None:
    from coachdesk.core.model import ActionItem

    with pytest.raises(ValueError, match="ActionItem"):
        index_body_sql(ActionItem)
