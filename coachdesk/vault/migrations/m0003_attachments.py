"""Attachments: documents kept with a client, inside the encrypted database.

``attachment_contents`` holds each distinct file once (keyed by its SHA-256), as one
BLOB written and read with SQLite's incremental BLOB I/O; ``attachments`` holds what the
coach sees (title, date, note, links) and points at its content. A trigger removes a
content row when the last attachment using it goes, whether the attachment was deleted
by itself or with its client (ON DELETE CASCADE fires triggers), so erasing a client
leaves no file of theirs behind; ``secure_delete`` overwrites the freed pages.

Search: titles, notes and file names (never the contents) go into the shared FTS5
index. Kinds 0-7 use rowids ``id * 8 + kind``; kinds 8-15 use the negative range,
``-(id * 8 + kind - 8)``, so the attachment kind (8) cannot collide with them.
"""

VERSION = 3
DESCRIPTION = "attachments (encrypted files per client, deduplicated by content)"

_ROWID = "-(NEW.id * 8)"
_OLD_ROWID = "-(OLD.id * 8)"
_INSERT = (
    "INSERT INTO search_index (rowid, kind, record_id, client_id, title, body) "
    f"VALUES ({_ROWID}, 8, NEW.id, NEW.client_id, 'Attachment: ' || NEW.title, "
    "NEW.title || ' ' || NEW.note || ' ' || NEW.file_name);"
)

SQL = f"""
CREATE TABLE attachment_contents (
    id      INTEGER PRIMARY KEY,
    sha256  TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    size    INTEGER NOT NULL CHECK (size >= 0),
    content BLOB NOT NULL
);

CREATE TABLE attachments (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    content_id       INTEGER NOT NULL REFERENCES attachment_contents (id),
    title            TEXT NOT NULL CHECK (title != ''),
    file_name        TEXT NOT NULL,
    media_type       TEXT NOT NULL DEFAULT 'application/octet-stream',
    dated            TEXT,
    note             TEXT NOT NULL DEFAULT '',
    session_id       INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
    contract_version INTEGER,
    outcome_id       INTEGER REFERENCES outcomes (id) ON DELETE SET NULL,
    feedback_id      INTEGER REFERENCES feedback_entries (id) ON DELETE SET NULL,
    added_at         TEXT
);
CREATE INDEX attachments_by_client ON attachments (client_id, dated);
CREATE INDEX attachments_by_content ON attachments (content_id);
CREATE INDEX attachments_by_session ON attachments (session_id);
CREATE INDEX attachments_by_outcome ON attachments (outcome_id);
CREATE INDEX attachments_by_feedback ON attachments (feedback_id);

CREATE TRIGGER attachments_content_gc AFTER DELETE ON attachments
WHEN NOT EXISTS (SELECT 1 FROM attachments WHERE content_id = OLD.content_id)
BEGIN
    DELETE FROM attachment_contents WHERE id = OLD.content_id;
END;

CREATE TRIGGER attachments_content_gc_au AFTER UPDATE OF content_id ON attachments
WHEN NOT EXISTS (SELECT 1 FROM attachments WHERE content_id = OLD.content_id)
BEGIN
    DELETE FROM attachment_contents WHERE id = OLD.content_id;
END;

CREATE TRIGGER attachments_search_ai AFTER INSERT ON attachments BEGIN
    {_INSERT}
END;

CREATE TRIGGER attachments_search_au AFTER UPDATE ON attachments BEGIN
    DELETE FROM search_index WHERE rowid = {_OLD_ROWID};
    {_INSERT}
END;

CREATE TRIGGER attachments_search_ad AFTER DELETE ON attachments BEGIN
    DELETE FROM search_index WHERE rowid = {_OLD_ROWID};
END;
"""
