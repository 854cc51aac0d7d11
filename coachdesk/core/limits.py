"""How long each text field may be: declared once here, enforced by validation (every
save, every import) and read by the editors (a line edit's maximum length, a note cut
to size with a message when something larger is pasted).

A name, a label or a title is one line of at most :data:`LINE_MAX` characters; a note
(session notes, contract terms, an emotion's situation) at most :data:`TEXT_MAX`
characters — a few megabytes, more than any coaching note, small enough that an import
or a paste of a runaway file cannot exhaust memory or make the vault unusable.
"""

from __future__ import annotations

from coachdesk.core.model import (
    ActionItem,
    Client,
    Contract,
    EmotionEntry,
    FeedbackEntry,
    Milestone,
    Outcome,
    Risk,
    Session,
)

LINE_MAX = 500
"""Characters in a single-line field (a name, a label, a title, an e-mail address)."""

TEXT_MAX = 1_000_000
"""Characters in a note (at most 4 MB of UTF-8)."""

SINGLE_LINE_FIELDS: dict[type, frozenset[str]] = {
    Client: frozenset(
        {
            "name",
            "organisation",
            "role",
            "sponsor_organisation",
            "sponsor_contact",
            "email",
            "phone",
            "tags",
        }
    ),
    Contract: frozenset({"title", "cadence", "fees"}),
    Outcome: frozenset({"statement", "measure", "owner"}),
    Milestone: frozenset({"title"}),
    Risk: frozenset({"description"}),
    Session: frozenset({"focus_area"}),
    ActionItem: frozenset({"text"}),
    EmotionEntry: frozenset({"label", "body_sensation", "regulation_strategy"}),
    FeedbackEntry: frozenset({"from_role", "from_name"}),
}
"""The single-line text fields of each record; every other text field is a note."""


def max_length(record_type: type, field: str) -> int:
    """The most characters ``field`` of ``record_type`` may hold (each item of a list)."""
    return LINE_MAX if field in SINGLE_LINE_FIELDS.get(record_type, frozenset()) else TEXT_MAX
