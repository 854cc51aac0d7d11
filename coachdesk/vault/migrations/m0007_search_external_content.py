"""Search without a second copy of every text, edits without FTS5's secure-delete.

Until migration 6 the FTS5 table ``search_index`` kept its own copy of every indexed
text (``search_index_content``) and ran with FTS5's ``secure-delete`` option, which
rewrites in place every index page that holds a word of the old version at *every*
edit: 34 of the 47 ms of an autosave at full scale, and a file 3.4 times the size of
the text it stores.

Now:

* ``search_source`` is a view that computes each record's indexed title and body from
  its own table (one arm per kind, the rowid ``id * 8 + kind`` as before, attachments
  ``-(id * 8)``), and ``search_index`` is an *external-content* FTS5 table over it:
  the index holds only the tokens. ``snippet()`` reads the text back through the view,
  for the shown hits only; an expression index per table (``…_search_rid``) makes that
  a lookup.
* An edit replaces the record's tokens without secure-delete: the old version's entries
  stay, shadowed, in older index segments until FTS5 merges them away. The record's id
  goes into ``search_stale``.
* A delete removes the record's tokens with secure-delete (in place, in every segment).
  If the record was edited since the index was last purged, its older versions' words
  may still sit in an old segment: the trigger marks the row in ``search_stale`` and
  :func:`coachdesk.vault.search.purge_deleted_text` (run by every delete path, and when
  a vault is opened) merges the whole index into one segment, which drops every
  shadowed entry; ``secure_delete`` zeroes the pages that held them.

Index leaves are at most 3,940 bytes (FTS5's ``pgsz``; 4,050 by default): a SQLCipher
page keeps 80 of its 4,096 bytes for the IV and HMAC, and a 4,050-byte leaf did not fit
in the rest, so each took a page plus an overflow page (4 % of the file at full scale).

The fields that are indexed are declared on the fields (``search=``,
:mod:`coachdesk.core.fields`, read by :func:`coachdesk.vault.search.index_body_sql`);
titles and client ids per table are in :data:`SOURCES`; the view, the triggers and the
expression indexes are generated from both.
"""

from __future__ import annotations

from coachdesk.vault.search import INDEXED, RecordKind, index_body_sql

VERSION = 7
DESCRIPTION = "search index over a view of the records (no second copy), secure delete on delete"

SOURCES: dict[str, tuple[int, str, str]] = {
    # table: (kind code, client id, title); {r} is the row (NEW, OLD or the table). The
    # body is the record's searchable fields (``search=`` on the fields, read by
    # :func:`coachdesk.vault.search.index_body_sql`).
    "clients": (0, "{r}.id", "{r}.name"),
    "sessions": (
        1,
        "{r}.client_id",
        "'Session ' || coalesce({r}.number, '') || ' · ' || substr({r}.started_at, 1, 10)",
    ),
    "contracts": (
        2,
        "{r}.client_id",
        "'Contract' || CASE WHEN {r}.title != '' THEN ': ' || {r}.title ELSE '' END",
    ),
    "outcomes": (
        3,
        "(SELECT client_id FROM contracts WHERE id = {r}.contract_id)",
        "'Outcome: ' || substr({r}.statement, 1, 80)",
    ),
    "milestones": (
        4,
        "(SELECT client_id FROM contracts WHERE id = {r}.contract_id)",
        "'Milestone: ' || substr({r}.title, 1, 80)",
    ),
    "emotion_entries": (
        5,
        "{r}.client_id",
        "'Emotion · ' || {r}.label || ' · ' || substr({r}.occurred_at, 1, 10)",
    ),
    "feedback_entries": (
        6,
        "{r}.client_id",
        "'Feedback · ' || {r}.from_role || ' · ' || {r}.received_on",
    ),
    "risks": (
        7,
        "(SELECT client_id FROM contracts WHERE id = {r}.contract_id)",
        "'Risk: ' || substr({r}.description, 1, 80)",
    ),
    "attachments": (8, "{r}.client_id", "'Attachment: ' || {r}.title"),
}
"""Per table: the kind code, the client id and the title of its search hits (the same
expressions as migrations 2 and 3); the view, triggers and indexes are built from it."""


def _body(table: str, row: str) -> str:
    _table, record_type = INDEXED[RecordKind(SOURCES[table][0])]
    return index_body_sql(record_type, row)


_OLD_TRIGGERS = [f"{table}_search_{when}" for table in SOURCES for when in ("ai", "au", "ad")]


def _rowid(table: str, row: str) -> str:
    kind = SOURCES[table][0]
    if table == "attachments":  # migration 3: attachments' rowids are -(id * 8)
        return f"-({row}.id * 8)"
    return f"{row}.id * 8 + {kind}"


_NAMES = ("rid", "kind", "record_id", "client_id", "title", "body")
_COLUMNS = "rowid, kind, record_id, client_id, title, body"


def _expressions(table: str, row: str) -> list[str]:
    """The indexed values of one row of ``table``, as SQL over ``row``."""
    kind, client, title = SOURCES[table]
    return [
        _rowid(table, row),
        str(kind),
        f"{row}.id",
        client.format(r=row),
        title.format(r=row),
        _body(table, row),
    ]


def _values(table: str, row: str) -> str:
    return ", ".join(_expressions(table, row))


def _view() -> str:
    arms = [
        "SELECT "
        + ", ".join(f"{e} AS {n}" for e, n in zip(_expressions(table, table), _NAMES, strict=True))
        + f" FROM {table}"
        for table in SOURCES
    ]
    return "CREATE VIEW search_source AS\n    " + "\n    UNION ALL ".join(arms) + ";\n"


def _triggers() -> str:
    parts = []
    for table in SOURCES:
        title = SOURCES[table][2]
        changed = (
            f"OLD.id IS NOT NEW.id OR ({title.format(r='OLD')}) IS NOT ({title.format(r='NEW')})"
            f" OR ({_body(table, 'OLD')}) IS NOT ({_body(table, 'NEW')})"
        )
        insert = f"INSERT INTO search_index ({_COLUMNS}) VALUES ({_values(table, 'NEW')});"
        forget = (
            f"INSERT INTO search_index (search_index, {_COLUMNS}) "
            f"VALUES ('delete', {_values(table, 'OLD')});"
        )
        parts.append(
            f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN\n"
            f"    {insert}\nEND;\n"
            f"CREATE TRIGGER {table}_search_au AFTER UPDATE ON {table} WHEN {changed} BEGIN\n"
            f"    INSERT OR IGNORE INTO search_stale (rid) VALUES ({_rowid(table, 'OLD')});\n"
            f"    {forget}\n    {insert}\nEND;\n"
            f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN\n"
            "    INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);\n"
            f"    {forget}\n"
            "    INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 0);\n"
            f"    UPDATE search_stale SET deleted = 1 WHERE rid = {_rowid(table, 'OLD')};\n"
            "END;\n"
        )
    return "\n".join(parts)


def _rid_indexes() -> str:
    """An index on each table's rowid expression: FTS5 reads a hit's text through the
    view with ``WHERE rid = ?``, which SQLite pushes into every arm."""
    return "".join(
        f"CREATE INDEX {table}_search_rid ON {table} ({_rowid(table, '').replace('.', '')});\n"
        for table in SOURCES
    )


SQL = (
    "".join(f"DROP TRIGGER {name};\n" for name in _OLD_TRIGGERS)
    + "DROP TABLE search_index;\n"
    + _view()
    + _rid_indexes()
    + """
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    record_id UNINDEXED,
    client_id UNINDEXED,
    title,
    body,
    content = 'search_source',
    content_rowid = 'rid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 0);
INSERT INTO search_index (search_index, rank) VALUES ('pgsz', 3940);
INSERT INTO search_index (rowid, kind, record_id, client_id, title, body)
    SELECT rid, kind, record_id, client_id, title, body FROM search_source;
INSERT INTO search_index (search_index) VALUES ('optimize');

CREATE TABLE search_stale (
    rid     INTEGER PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0
);
"""
    + _triggers()
)
