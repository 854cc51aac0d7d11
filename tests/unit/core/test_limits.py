"""Every text field of every record has a maximum length, declared once and enforced by
validation (coachdesk/core/limits.py); the editors and the import read the same limits."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, datetime
from typing import Any

import pytest

from coachdesk.core.errors import ValidationError
from coachdesk.core.fields import text_fields
from coachdesk.core.limits import LINE_MAX, TEXT_MAX, max_length
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
from coachdesk.core.validation import validate

WHEN = datetime(2026, 3, 1, 9, 0)

SINGLE_LINE_FIELDS: dict[type, frozenset[str]] = {
    Client: frozenset(
        {"name", "organisation", "role", "sponsor_organisation", "sponsor_contact", "email"}
        | {"phone", "tags"}
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
"""The single-line fields as core/limits.py listed them before the fields declared it
themselves (``line=True``): the declarations must say exactly this."""


def _valid(cls: type) -> Any:
    """The smallest valid record of each kind."""
    required: dict[type, dict[str, Any]] = {
        Client: {"name": "A"},
        Contract: {},
        Outcome: {"statement": "A"},
        Milestone: {"title": "A"},
        Risk: {"description": "A"},
        Session: {"started_at": WHEN},
        ActionItem: {"text": "A"},
        EmotionEntry: {"occurred_at": WHEN, "label": "calm"},
        FeedbackEntry: {"received_on": date(2026, 3, 1), "observed_behaviour": "A"},
    }
    return cls(**required[cls])


def _text_fields() -> list[tuple[type, str, bool]]:
    """(record type, field, is a list of texts) for every text field of every record."""
    found = []
    for cls in SINGLE_LINE_FIELDS:
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            if (cls, f.name) == (EmotionEntry, "family"):
                continue  # a choice (PlutchikFamily): stricter than any length
            if hints[f.name] is str:
                found.append((cls, f.name, False))
            elif hints[f.name] == list[str]:
                found.append((cls, f.name, True))
    return found


TEXT_FIELDS = _text_fields()


def test_the_declarations_name_exactly_the_single_line_fields() -> None:
    for cls, fields in SINGLE_LINE_FIELDS.items():
        declared = {f.name for f in text_fields(cls) if f.info.line}
        assert declared == fields, cls.__name__


def test_every_single_line_field_exists() -> None:
    names = {(cls, name) for cls, name, _ in TEXT_FIELDS}
    for cls, fields in SINGLE_LINE_FIELDS.items():
        for name in fields:
            assert (cls, name) in names, (cls.__name__, name)


@pytest.mark.parametrize(
    ("cls", "name", "is_list"), TEXT_FIELDS, ids=[f"{c.__name__}.{n}" for c, n, _ in TEXT_FIELDS]
)
def test_each_text_field_holds_its_limit_and_not_one_more(
    cls: type, name: str, is_list: bool
) -> None:
    limit = max_length(cls, name)
    assert limit == (LINE_MAX if name in SINGLE_LINE_FIELDS[cls] else TEXT_MAX)
    filler = "a@b.co" if name == "email" else ""
    at_limit = (filler + "x" * limit)[:limit] if not filler else "x" * (limit - 5) + "@b.co"
    record = _valid(cls)
    setattr(record, name, [at_limit] if is_list else at_limit)
    validate(record)
    setattr(record, name, [at_limit + "x"] if is_list else at_limit + "x")
    with pytest.raises(ValidationError) as caught:
        validate(record)
    assert caught.value.field == name
    assert f"{limit:,}" in str(caught.value)


def test_outcome_history_notes_are_notes() -> None:
    from coachdesk.core.model import OutcomeReading

    outcome = _valid(Outcome)
    outcome.history = [OutcomeReading(on=date(2026, 3, 1), value=1, note="x" * (TEXT_MAX + 1))]
    with pytest.raises(ValidationError) as caught:
        validate(outcome)
    assert caught.value.field == "history"
