"""Worksheets: feedback remembers where it came from, and imported worksheets are kept
so the same form cannot be imported twice (docs/worksheets.md)."""

VERSION = 4
DESCRIPTION = "feedback source; imported worksheets"
SQL = """
ALTER TABLE feedback_entries ADD COLUMN source TEXT NOT NULL DEFAULT 'coach'
    CHECK (source IN ('coach', 'worksheet'));

CREATE TABLE worksheet_imports (
    worksheet_id TEXT PRIMARY KEY CHECK (length(worksheet_id) = 32),
    kind         TEXT NOT NULL,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    issued_on    TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    records      INTEGER NOT NULL CHECK (records >= 0)
) WITHOUT ROWID;
CREATE INDEX worksheet_imports_by_client ON worksheet_imports (client_id);
"""
