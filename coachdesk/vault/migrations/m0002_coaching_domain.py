"""The coaching domain: clients and everything of theirs, plus full-text search.

Every child row references its client (directly or through the contract) with
ON DELETE CASCADE, so deleting a client removes everything of theirs in one statement;
``secure_delete`` (a connection pragma) and FTS5's own ``secure-delete`` option make
sure the text is overwritten in the file, not just unlinked.

Search: one FTS5 table over every kind of text. Its rowid encodes the record
(``id * 8 + kind``) so triggers keep it in sync with O(log n) deletes; ``kind`` codes are
listed in :mod:`coachdesk.vault.search`.
"""

VERSION = 2
DESCRIPTION = "clients, contracts, sessions, emotions, feedback, search"

_FTS_SOURCES = {
    # table: (kind code, client id expression, title expression, body expression)
    "sessions": (
        1,
        "NEW.client_id",
        "'Session ' || coalesce(NEW.number, '') || ' · ' || substr(NEW.started_at, 1, 10)",
        "NEW.agenda || ' ' || NEW.shared_summary || ' ' || NEW.private_notes || ' ' || "
        "NEW.decisions || ' ' || NEW.insights || ' ' || NEW.comfort_zone_steps || ' ' || "
        "NEW.focus_area || ' ' || NEW.next_steps || ' ' || NEW.grow_goal || ' ' || "
        "NEW.grow_reality || ' ' || NEW.grow_options || ' ' || NEW.grow_way_forward",
    ),
    "contracts": (
        2,
        "NEW.client_id",
        "'Contract' || CASE WHEN NEW.title != '' THEN ': ' || NEW.title ELSE '' END",
        "NEW.title || ' ' || NEW.cadence || ' ' || NEW.fees || ' ' || NEW.cancellation_terms"
        " || ' ' || NEW.confidentiality || ' ' || NEW.confidentiality_limits || ' ' || "
        "NEW.sponsor_reporting || ' ' || NEW.coach_responsibilities || ' ' || "
        "NEW.client_responsibilities",
    ),
    "outcomes": (
        3,
        "(SELECT client_id FROM contracts WHERE id = NEW.contract_id)",
        "'Outcome: ' || substr(NEW.statement, 1, 80)",
        "NEW.statement || ' ' || NEW.measure || ' ' || NEW.owner",
    ),
    "milestones": (
        4,
        "(SELECT client_id FROM contracts WHERE id = NEW.contract_id)",
        "'Milestone: ' || substr(NEW.title, 1, 80)",
        "NEW.title || ' ' || NEW.evidence",
    ),
    "emotion_entries": (
        5,
        "NEW.client_id",
        "'Emotion · ' || NEW.label || ' · ' || substr(NEW.occurred_at, 1, 10)",
        "NEW.label || ' ' || NEW.family || ' ' || NEW.situation || ' ' || NEW.trigger || ' ' "
        "|| NEW.body_sensation || ' ' || NEW.thought || ' ' || NEW.reaction || ' ' || "
        "NEW.perceived_by_others || ' ' || NEW.regulation_strategy",
    ),
    "feedback_entries": (
        6,
        "NEW.client_id",
        "'Feedback · ' || NEW.from_role || ' · ' || NEW.received_on",
        "NEW.from_role || ' ' || NEW.from_name || ' ' || NEW.observed_behaviour || ' ' || "
        "NEW.perceived_impact",
    ),
    "risks": (
        7,
        "(SELECT client_id FROM contracts WHERE id = NEW.contract_id)",
        "'Risk: ' || substr(NEW.description, 1, 80)",
        "NEW.description || ' ' || NEW.mitigation",
    ),
    "clients": (
        0,
        "NEW.id",
        "NEW.name",
        "NEW.name || ' ' || NEW.organisation || ' ' || NEW.role || ' ' || "
        "NEW.sponsor_organisation || ' ' || NEW.intake_notes",
    ),
}


def _triggers() -> str:
    parts = []
    for table, (kind, client, title, body) in _FTS_SOURCES.items():
        rowid = f"NEW.id * 8 + {kind}"
        insert = (
            f"INSERT INTO search_index (rowid, kind, record_id, client_id, title, body) "
            f"VALUES ({rowid}, {kind}, NEW.id, {client}, {title}, {body});"
        )
        parts.append(
            f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN\n"
            f"    {insert}\nEND;\n"
            f"CREATE TRIGGER {table}_search_au AFTER UPDATE ON {table} BEGIN\n"
            f"    DELETE FROM search_index WHERE rowid = OLD.id * 8 + {kind};\n"
            f"    {insert}\nEND;\n"
            f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN\n"
            f"    DELETE FROM search_index WHERE rowid = OLD.id * 8 + {kind};\nEND;\n"
        )
    return "\n".join(parts)


SQL = """
CREATE TABLE clients (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL CHECK (name != ''),
    organisation         TEXT NOT NULL DEFAULT '',
    role                 TEXT NOT NULL DEFAULT '',
    sponsor_organisation TEXT NOT NULL DEFAULT '',
    sponsor_contact      TEXT NOT NULL DEFAULT '',
    email                TEXT NOT NULL DEFAULT '',
    phone                TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT 'active',
    focus                TEXT NOT NULL DEFAULT 'other',
    tags                 TEXT NOT NULL DEFAULT '[]',
    intake_notes         TEXT NOT NULL DEFAULT '',
    retention_date       TEXT,
    created_at           TEXT
);
CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE);

CREATE TABLE contracts (
    id                      INTEGER PRIMARY KEY,
    client_id               INTEGER NOT NULL UNIQUE REFERENCES clients (id) ON DELETE CASCADE,
    version                 INTEGER NOT NULL DEFAULT 1,
    title                   TEXT NOT NULL DEFAULT '',
    start_date              TEXT,
    end_date                TEXT,
    session_count           INTEGER,
    session_length_minutes  INTEGER,
    cadence                 TEXT NOT NULL DEFAULT '',
    format                  TEXT NOT NULL DEFAULT 'in_person',
    fees                    TEXT NOT NULL DEFAULT '',
    cancellation_terms      TEXT NOT NULL DEFAULT '',
    confidentiality         TEXT NOT NULL DEFAULT '',
    confidentiality_limits  TEXT NOT NULL DEFAULT '',
    sponsor_reporting       TEXT NOT NULL DEFAULT '',
    coach_responsibilities  TEXT NOT NULL DEFAULT '',
    client_responsibilities TEXT NOT NULL DEFAULT '',
    status                  TEXT NOT NULL DEFAULT 'draft',
    signed_date             TEXT
);

-- Earlier versions of a contract, each a JSON snapshot of the whole contract
-- (outcomes, milestones and risks included) as it stood before it was amended.
CREATE TABLE contract_versions (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    saved_at    TEXT NOT NULL,
    snapshot    TEXT NOT NULL,
    UNIQUE (contract_id, version)
);

CREATE TABLE outcomes (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    statement   TEXT NOT NULL,
    measure     TEXT NOT NULL DEFAULT '',
    baseline    REAL,
    target      REAL,
    current     REAL,
    deadline    TEXT,
    owner       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outcomes_by_contract ON outcomes (contract_id, position);

CREATE TABLE outcome_readings (
    id         INTEGER PRIMARY KEY,
    outcome_id INTEGER NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    "on"       TEXT NOT NULL,
    value      REAL NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outcome_readings_by_outcome ON outcome_readings (outcome_id, position);

CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    outcome_id  INTEGER REFERENCES outcomes (id) ON DELETE SET NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    title       TEXT NOT NULL,
    due         TEXT,
    done_on     TEXT,
    evidence    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX milestones_by_contract ON milestones (contract_id, position);
CREATE INDEX milestones_by_outcome ON milestones (outcome_id);

CREATE TABLE risks (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL,
    likelihood  TEXT NOT NULL DEFAULT 'medium',
    impact      TEXT NOT NULL DEFAULT 'medium',
    mitigation  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open'
);
CREATE INDEX risks_by_contract ON risks (contract_id, position);

CREATE TABLE sessions (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    started_at         TEXT NOT NULL,
    duration_minutes   INTEGER NOT NULL DEFAULT 60,
    number             INTEGER,
    format             TEXT NOT NULL DEFAULT 'in_person',
    agenda             TEXT NOT NULL DEFAULT '',
    template           TEXT NOT NULL DEFAULT 'free',
    grow_goal          TEXT NOT NULL DEFAULT '',
    grow_reality       TEXT NOT NULL DEFAULT '',
    grow_options       TEXT NOT NULL DEFAULT '',
    grow_way_forward   TEXT NOT NULL DEFAULT '',
    shared_summary     TEXT NOT NULL DEFAULT '',
    private_notes      TEXT NOT NULL DEFAULT '',
    decisions          TEXT NOT NULL DEFAULT '',
    insights           TEXT NOT NULL DEFAULT '',
    comfort_zone_steps TEXT NOT NULL DEFAULT '',
    focus_area         TEXT NOT NULL DEFAULT '',
    process_rating     INTEGER CHECK (process_rating BETWEEN 0 AND 10),
    result_rating      INTEGER CHECK (result_rating BETWEEN 0 AND 10),
    next_steps         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_client ON sessions (client_id, started_at);

CREATE TABLE session_outcomes (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    outcome_id INTEGER NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, outcome_id)
) WITHOUT ROWID;
CREATE INDEX session_outcomes_by_outcome ON session_outcomes (outcome_id);

CREATE TABLE action_items (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    session_id          INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
    owner               TEXT NOT NULL DEFAULT 'client',
    text                TEXT NOT NULL,
    due                 TEXT,
    status              TEXT NOT NULL DEFAULT 'open',
    reviewed_session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL
);
CREATE INDEX action_items_by_client ON action_items (client_id, status);
CREATE INDEX action_items_by_session ON action_items (session_id);
CREATE INDEX action_items_by_review ON action_items (reviewed_session_id);

CREATE TABLE emotion_entries (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    occurred_at         TEXT NOT NULL,
    source              TEXT NOT NULL DEFAULT 'self_report',
    situation           TEXT NOT NULL DEFAULT '',
    "trigger"           TEXT NOT NULL DEFAULT '',
    label               TEXT NOT NULL DEFAULT '',
    family              TEXT NOT NULL DEFAULT '',
    pleasantness        INTEGER NOT NULL CHECK (pleasantness BETWEEN -5 AND 5),
    energy              INTEGER NOT NULL CHECK (energy BETWEEN -5 AND 5),
    intensity           INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
    body_sensation      TEXT NOT NULL DEFAULT '',
    thought             TEXT NOT NULL DEFAULT '',
    reaction            TEXT NOT NULL DEFAULT '',
    perceived_by_others TEXT NOT NULL DEFAULT '',
    regulation_strategy TEXT NOT NULL DEFAULT '',
    regulation_effect   INTEGER CHECK (regulation_effect BETWEEN 0 AND 10),
    intensity_after     INTEGER CHECK (intensity_after BETWEEN 0 AND 10)
);
CREATE INDEX emotion_entries_by_client ON emotion_entries (client_id, occurred_at);

CREATE TABLE feedback_entries (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    received_on        TEXT NOT NULL,
    from_role          TEXT NOT NULL DEFAULT '',
    from_name          TEXT NOT NULL DEFAULT '',
    observed_behaviour TEXT NOT NULL,
    perceived_impact   TEXT NOT NULL DEFAULT '',
    outcome_id         INTEGER REFERENCES outcomes (id) ON DELETE SET NULL
);
CREATE INDEX feedback_entries_by_client ON feedback_entries (client_id, received_on);
CREATE INDEX feedback_entries_by_outcome ON feedback_entries (outcome_id);

CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    record_id UNINDEXED,
    client_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);
""" + _triggers()
