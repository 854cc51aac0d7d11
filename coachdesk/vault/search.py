"""Full-text search over everything a coach writes, inside the encrypted database.

SQLite FTS5 with the ``unicode61`` tokenizer and ``remove_diacritics 2``: case and
accents do not matter ("muller" finds "Müller", "cafe" finds "Café"). Every word typed
must match, the last one as a prefix, so results can update as the coach types.
The index is kept in sync by triggers (migrations 2, 3 and 7); which fields of a record
go into its body is declared on the fields themselves (``search=`` in
:mod:`coachdesk.core.fields`) and read here by :func:`index_body_sql`. Since migration 7
the index holds only the tokens and reads the text of a hit through the view
``search_source``.

A very common word matches tens of thousands of records, and BM25 must score every
match. While the coach types, :func:`search` ranks at most the :data:`RECENT_BOUND`
newest matching records (the highest rowids: ``id * 8 + kind``, so per kind the most
recently added) and says so (:attr:`SearchHits.ranked_among`); a query with fewer
matches runs exactly the unbounded query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from coachdesk.core.attachments import Attachment
from coachdesk.core.fields import searchable
from coachdesk.core.model import (
    Client,
    Contract,
    EmotionEntry,
    FeedbackEntry,
    Milestone,
    Outcome,
    Risk,
    Session,
)
from coachdesk.vault.db import Connection

# Marks around matched words inside a snippet: control characters that never occur in
# typed text, so the UI can highlight matches without parsing any markup.
MATCH_START = "\x02"
MATCH_END = "\x03"

_WORD = re.compile(r"\w+", re.UNICODE)

BODY_COLUMN = 0
"""The index's columns (migration 8): body, title, kind, record_id, client_id. The body
comes first because FTS5 stores a column number with every word of any other column."""

RANK = "bm25(1.0, 4.0, 0.0, 0.0, 0.0)"
"""BM25 with the title weighing four times the body; kind, record_id and client_id are
not text (weight 0). Given per query as FTS5's rank function; the weights follow the
columns."""

RECENT_BOUND = 5_000
"""At most this many matching records are ranked while the coach types (see above)."""


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
    ATTACHMENT = 8  # rowids -(id * 8): see migration 3


INDEXED: dict[RecordKind, tuple[str, type]] = {
    RecordKind.CLIENT: ("clients", Client),
    RecordKind.SESSION: ("sessions", Session),
    RecordKind.CONTRACT: ("contracts", Contract),
    RecordKind.OUTCOME: ("outcomes", Outcome),
    RecordKind.MILESTONE: ("milestones", Milestone),
    RecordKind.EMOTION: ("emotion_entries", EmotionEntry),
    RecordKind.FEEDBACK: ("feedback_entries", FeedbackEntry),
    RecordKind.RISK: ("risks", Risk),
    RecordKind.ATTACHMENT: ("attachments", Attachment),
}
"""Each kind of search hit: the table its rows live in and the record type declaring
which of its fields are searchable."""


def index_body_sql(record_type: type, row: str = "NEW") -> str:
    """The SQL expression of a record's index body: its searchable fields, in declaration
    order, joined by spaces (``NEW.agenda || ' ' || NEW.shared_summary …``).

    The one place that decides what goes into the index: a migration that (re)creates
    the index or its triggers builds the body with this. Migrations 2 and 3 predate it
    and keep their SQL as shipped (a shipped migration never changes);
    ``tests/integration/test_search_fields.py`` proves that what they index is exactly
    what the fields declare. The order of the fields changes no ranking (BM25 counts
    words, not their order).
    """
    names = searchable(record_type)
    if not names:
        raise ValueError(f"{record_type.__name__} declares no searchable field")
    return " || ' ' || ".join(f"{row}.{name}" for name in names)


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


class SearchHits(list[SearchHit]):
    """Hits, best first; ``ranked_among`` is the bound when only the most recent
    matching records were ranked (more matched), else None."""

    ranked_among: int | None = None


def search(
    conn: Connection,
    text: str,
    limit: int = 50,
    client_id: int | None = None,
    *,
    recent: int | None = RECENT_BOUND,
) -> SearchHits:
    """Best matches first (BM25, titles weigh more than bodies).

    With ``recent`` set and more matching records than that, only the ``recent``
    newest are ranked (``ranked_among`` says so); ``recent=None`` ranks every match.
    """
    found = SearchHits()
    query = fts_query(text)
    if query is None:
        return found
    where = "search_index MATCH ?"
    params: list[object] = [query]
    if client_id is not None:
        where += " AND search_index.client_id = ?"
        params.append(client_id)
    if recent is not None:
        # Matches come out of FTS5 in rowid order without ranking; the one past the
        # bound, if any, is where the candidates end.
        past = conn.execute(
            f"SELECT rowid FROM search_index WHERE {where} ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [*params, recent],
        ).fetchone()
        if past is not None:
            where += " AND search_index.rowid > ?"
            params.append(int(past[0]))
            found.ranked_among = recent
    where += " AND rank MATCH ?"
    params.append(RANK)
    # ORDER BY rank lets FTS5 rank every match itself and hand over only the best
    # `limit` rows, so snippet() runs for those alone. (Ordering by a bm25() column
    # instead made SQLite build the snippet of every match before sorting: a word in
    # 40,000 records cost 40,000 snippets for 100 results.)
    sql = f"""
        SELECT hit.kind, hit.record_id, hit.client_id, coalesce(c.name, ''), hit.title,
               hit.snippet, hit.score
          FROM (SELECT kind, record_id, client_id, title,
                       snippet(search_index, {BODY_COLUMN}, '{MATCH_START}', '{MATCH_END}', '…', 16)
                           AS snippet,
                       rank AS score
                  FROM search_index
                 WHERE {where}
                 ORDER BY rank
                 LIMIT ?) AS hit
          LEFT JOIN clients c ON c.id = hit.client_id
         ORDER BY hit.score
    """
    params.append(limit)
    found.extend(
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
    )
    return found
