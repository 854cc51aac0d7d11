"""Who may see each item (coach only, client, sponsor) and the disclosure log.

Upgrading makes nothing sponsor-visible: every existing outcome, milestone and risk
becomes client-visible (the client agreed the contract), readings' notes and milestone
evidence follow their parent (NULL), no clause is marked, and ``sponsor_confirmed_on``
stays NULL so the first sponsor document for each client asks the coach to confirm which
outcomes and milestones the sponsor sees (see coachdesk/core/sharing.py).

``disclosures`` records each shared report: when, which copy, for whom, the item ids and
the client's approval — never the report's content.
"""

VERSION = 6
DESCRIPTION = "per-item audience, disclosure log"
SQL = """
ALTER TABLE outcomes ADD COLUMN audience TEXT NOT NULL DEFAULT 'client'
    CHECK (audience IN ('coach', 'client', 'sponsor'));
ALTER TABLE outcome_readings ADD COLUMN note_audience TEXT
    CHECK (note_audience IN ('coach', 'client', 'sponsor'));
ALTER TABLE milestones ADD COLUMN audience TEXT NOT NULL DEFAULT 'client'
    CHECK (audience IN ('coach', 'client', 'sponsor'));
ALTER TABLE milestones ADD COLUMN evidence_audience TEXT
    CHECK (evidence_audience IN ('coach', 'client', 'sponsor'));
ALTER TABLE risks ADD COLUMN audience TEXT NOT NULL DEFAULT 'client'
    CHECK (audience IN ('coach', 'client', 'sponsor'));
ALTER TABLE contracts ADD COLUMN clause_audiences TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contracts ADD COLUMN sponsor_confirmed_on TEXT;

CREATE TABLE disclosures (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    audience    TEXT NOT NULL CHECK (audience IN ('client', 'sponsor')),
    item_ids    TEXT NOT NULL DEFAULT '[]',
    approved_on TEXT,
    action      TEXT NOT NULL DEFAULT 'saved'
);
CREATE INDEX disclosures_by_client ON disclosures (client_id, at);
"""
