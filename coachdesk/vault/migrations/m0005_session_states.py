"""Session states and the contract's rule for late cancellations and no-shows.

Before this version a session counted as held as soon as its date came; there was no
planned, cancelled or no-show. Sessions that started before the moment of migration
become held (that is what the app showed for them), later ones planned. The contract's
two flags default to "counts", which is what the usual cancellation terms say.

Three indexes serve the agenda and the client list, which look across every client:
sessions by date; sessions by client, state and date (how much of each allowance is
used, the latest session held, read from the index alone, never from the rows with
their notes); open action items by due date.
"""

VERSION = 5
DESCRIPTION = "session states; whether late cancellations and no-shows count"

SQL = """
ALTER TABLE sessions ADD COLUMN state TEXT NOT NULL DEFAULT 'planned'
    CHECK (state IN ('planned', 'held', 'cancelled', 'cancelled_late', 'no_show'));
UPDATE sessions SET state = 'held'
 WHERE started_at <= strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime');
ALTER TABLE contracts ADD COLUMN late_cancellation_counts INTEGER NOT NULL DEFAULT 1
    CHECK (late_cancellation_counts IN (0, 1));
ALTER TABLE contracts ADD COLUMN no_show_counts INTEGER NOT NULL DEFAULT 1
    CHECK (no_show_counts IN (0, 1));
CREATE INDEX sessions_by_start ON sessions (started_at, state);
CREATE INDEX sessions_by_client_state ON sessions (client_id, state, started_at);
CREATE INDEX action_items_open_by_due ON action_items (status, due);
"""
