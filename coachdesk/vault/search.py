"""Full-text search over everything a coach writes, inside the encrypted database.

SQLite FTS5 with the ``unicode61`` tokenizer and ``remove_diacritics 2``: case and
accents do not matter ("muller" finds "Müller", "cafe" finds "Café"). Every word typed
must match, the last one as a prefix, so results can update as the coach types.
The index is kept in sync by triggers (migration 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from coachdesk.vault.db import Connection

# Marks around matched words inside a snippet: control characters that never occur in
# typed text, so the UI can highlight matches without parsing any markup.
MATCH_START = "\x02"
MATCH_END = "\x03"

_WORD = re.compile(r"\w+", re.UNICODE)


class RecordKind(IntEnum):
    """What a search hit points at (the codes are part of the index's rowids)."""

    CLIENT = 0
    SESSION = 1
    CONTRACT = 2
    OUTCOME = 3
    MILESTONE = 4
    EMOTION = 5
    FEEDBACK = 6
    RISK = 7


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: RecordKind
    record_id: int
    client_id: int
    client_name: str
    title: str
    snippet: str
    rank: float

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for highlighting."""
        parts: list[tuple[str, bool]] = []
        for i, piece in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", self.snippet)):
            if piece:
                parts.append((piece, i % 2 == 1))
        return parts

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(MATCH_START, "").replace(MATCH_END, "")


def fts_query(text: str) -> str | None:
    """An FTS5 query for what the user typed: every word, the last as a prefix.

    Words are quoted, so FTS5 operators typed by the user (AND, NEAR, quotes,
    parentheses, column filters) are plain words, never syntax errors.
    """
    words = _WORD.findall(text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(
    conn: Connection, text: str, limit: int = 50, client_id: int | None = None
) -> list[SearchHit]:
    """Best matches first (BM25, titles weigh more than bodies)."""
    query = fts_query(text)
    if query is None:
        return []
    where = "search_index MATCH ?"
    params: list[object] = [query]
    if client_id is not None:
        where += " AND search_index.client_id = ?"
        params.append(client_id)
    sql = f"""
        SELECT search_index.kind, search_index.record_id, search_index.client_id,
               coalesce(c.name, ''), search_index.title,
               snippet(search_index, 4, '{MATCH_START}', '{MATCH_END}', '…', 16),
               bm25(search_index, 0, 0, 0, 4.0, 1.0) AS score
          FROM search_index
          LEFT JOIN clients c ON c.id = search_index.client_id
         WHERE {where}
         ORDER BY score
         LIMIT ?
    """
    params.append(limit)
    return [
        SearchHit(
            kind=RecordKind(int(row[0])),
            record_id=int(row[1]),
            client_id=int(row[2]),
            client_name=row[3],
            title=row[4],
            snippet=row[5],
            rank=float(row[6]),
        )
        for row in conn.execute(sql, params)
    ]
