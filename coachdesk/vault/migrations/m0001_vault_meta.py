"""The vault's own bookkeeping: when it was created, by which version."""

VERSION = 1
DESCRIPTION = "vault metadata table"
SQL = """
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO vault_meta (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
"""
