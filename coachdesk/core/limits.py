"""How long each text field may be: the two limits are here; whether a field is one
line or a note is declared on the field itself (:func:`coachdesk.core.fields.text`).
Enforced by validation (every save, every import) and read by the editors (a line
edit's maximum length, a note cut to size with a message when something larger is
pasted).

A name, a label or a title is one line of at most :data:`LINE_MAX` characters; a note
(session notes, contract terms, an emotion's situation) at most :data:`TEXT_MAX`
characters — a few megabytes, more than any coaching note, small enough that an import
or a paste of a runaway file cannot exhaust memory or make the vault unusable.
"""

from __future__ import annotations

from coachdesk.core.fields import info

LINE_MAX = 500
"""Characters in a single-line field (a name, a label, a title, an e-mail address)."""

TEXT_MAX = 1_000_000
"""Characters in a note (at most 4 MB of UTF-8)."""


def max_length(record_type: type, field: str) -> int:
    """The most characters ``field`` of ``record_type`` may hold (each item of a list):
    a field declared ``line=True`` (:func:`coachdesk.core.fields.text`) is one line,
    every other text field a note."""
    try:
        return LINE_MAX if info(record_type, field).line else TEXT_MAX
    except KeyError:  # not a declared text field: the note limit, as before
        return TEXT_MAX
