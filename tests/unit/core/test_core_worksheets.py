"""Worksheet rules without PDF or database: the stamp's MAC, answers into records."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachdesk.core.audience import Audience
from coachdesk.core.errors import IntegrityFailure, InvalidInput
from coachdesk.core.model import (
    Contract,
    EmotionEntry,
    EmotionSource,
    FeedbackEntry,
    FeedbackSource,
    Outcome,
    Session,
)
from coachdesk.core.worksheets import (
    EMOTION_FIELDS,
    STAMP_FIELDS,
    SessionPrep,
    Stamp,
    WorksheetKind,
    next_session,
    outcome_field,
    outcomes_for_stakeholder,
    read_answers,
    read_stamp,
    row_field,
)

KEY = bytes(range(32))
TODAY = date(2026, 3, 1)


def _stamp(kind: WorksheetKind = WorksheetKind.EMOTION_LOG, **kw: object) -> Stamp:
    base = {"rows": 3} if kind == WorksheetKind.EMOTION_LOG else {}
    return Stamp.new(kind, 7, TODAY, **(base | kw))  # type: ignore[arg-type]


def test_stamp_round_trips_and_ids_are_random() -> None:
    stamp = _stamp(WorksheetKind.FEEDBACK_REQUEST, outcome_ids=[3, 9])
    assert read_stamp(stamp.fields(KEY), KEY) == stamp
    assert set(stamp.fields(KEY)) == set(STAMP_FIELDS)
    assert _stamp().worksheet_id != _stamp().worksheet_id
    assert re.fullmatch(r"[0-9a-f]{32}", stamp.worksheet_id)


@given(field=st.sampled_from(STAMP_FIELDS), junk=st.text(max_size=70))
def test_any_change_to_any_hidden_field_is_refused(field: str, junk: str) -> None:
    stamp = _stamp(WorksheetKind.FEEDBACK_REQUEST, outcome_ids=[3, 9])
    values = stamp.fields(KEY)
    if values[field] == junk:
        return
    with pytest.raises(IntegrityFailure):
        read_stamp(values | {field: junk}, KEY)


def test_another_key_is_refused_and_missing_fields_are_not_a_worksheet() -> None:
    values = _stamp().fields(KEY)
    with pytest.raises(IntegrityFailure, match="not issued by this vault"):
        read_stamp(values, bytes(32))
    with pytest.raises(InvalidInput, match="not a CoachDesk worksheet"):
        read_stamp({k: v for k, v in values.items() if k != "worksheet.mac"}, KEY)


def _row(**over: str) -> dict[str, str]:
    row = {"occurred_at": "2026-02-27 08:15", "label": "calm", "pleasantness": "2",
           "energy": "-3", "intensity": "4"}  # fmt: skip
    return row | over


def _values(rows: dict[int, dict[str, str]]) -> dict[str, object]:
    return {row_field(r, k): v for r, row in rows.items() for k, v in row.items()}


def test_rows_become_worksheet_emotion_entries_and_empty_rows_are_skipped() -> None:
    answers = read_answers(_stamp(), _values({1: _row(), 3: _row(label=" tense ")}), TODAY)
    assert [p.where for p in answers.proposals] == ["Row 1", "Row 3"]
    entry = answers.proposals[1].record
    assert isinstance(entry, EmotionEntry)
    assert entry.source == EmotionSource.WORKSHEET and entry.client_id == 7
    assert (entry.label, entry.pleasantness, entry.energy) == ("tense", 2, -3)
    assert entry.occurred_at == datetime(2026, 2, 27, 8, 15)


def test_rows_beyond_the_stamped_count_are_ignored() -> None:
    with pytest.raises(InvalidInput, match="no answers yet"):
        read_answers(_stamp(rows=2), _values({3: _row()}), TODAY)


@pytest.mark.parametrize(
    ("over", "expected"),
    [
        ({"pleasantness": "6"}, "Row 2, pleasantness: must be -5…+5"),
        ({"pleasantness": ""}, "Row 2, pleasantness: is required"),
        ({"energy": "−6"}, "Row 2, energy: must be -5…+5"),  # a typographic minus
        ({"intensity": "ten"}, "Row 2, intensity: must be a whole number"),
        ({"intensity_after": "11"}, "Row 2, intensity_after: must be 0…10"),
        ({"occurred_at": "2026-02-30 10:00"}, "Row 2, occurred_at: must be a date and time"),
        ({"label": "x" * 4001}, "Row 2, label: must be at most 4000 characters"),
        ({"label": "a\x00b"}, "Row 2, label: must not contain NUL"),
    ],
)
def test_bad_answers_name_row_and_field(over: dict[str, str], expected: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_answers(_stamp(), _values({1: _row(), 2: _row(**over)}), TODAY)
    assert expected in str(caught.value)
    assert "nothing was imported" in str(caught.value)


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        read_answers(_stamp(), _values({1: _row(energy="9"), 3: _row(intensity="-1")}), TODAY)
    assert "Row 1, energy" in str(caught.value) and "Row 3, intensity" in str(caught.value)


def test_feedback_answers() -> None:
    stamp = _stamp(WorksheetKind.FEEDBACK_REQUEST, outcome_ids=[11, 12, 13])
    values = {"from_role": "Peer", "observed_behaviour": "Listened", "suggestion": "More",
              outcome_field(1, "rating"): "0", outcome_field(3, "rating"): "10",
              outcome_field(3, "comment"): "Done"}  # fmt: skip
    proposals = read_answers(stamp, values, TODAY).proposals
    records = [p.record for p in proposals]
    assert all(
        isinstance(r, FeedbackEntry) and r.source == FeedbackSource.WORKSHEET for r in records
    )
    general, first, third = records  # type: ignore[misc]
    assert general.outcome_id is None and general.perceived_impact == "Suggestion: More"
    assert (first.outcome_id, third.outcome_id) == (11, 13)
    assert third.observed_behaviour.endswith("\nDone") and first.from_role == "Peer"
    with pytest.raises(InvalidInput, match="Outcome 2, rating: is required with a comment"):
        read_answers(stamp, values | {outcome_field(2, "comment"): "?"}, TODAY)
    with pytest.raises(InvalidInput, match="Feedback, observed_behaviour: Feedback observed"):
        read_answers(stamp, {"perceived_impact": "only impact"}, TODAY)


def test_session_prep_answers() -> None:
    stamp = _stamp(WorksheetKind.SESSION_PREP)
    (proposal,) = read_answers(stamp, {"got_in_the_way": "Travel\r\nand flu"}, TODAY).proposals
    assert isinstance(proposal.record, SessionPrep)
    text = proposal.record.agenda_text(stamp.issued)
    assert text.endswith("What got in the way: Travel\nand flu")


def test_next_session_is_the_first_from_today() -> None:
    def at(day: int) -> Session:
        return Session(started_at=datetime(2026, 3, day, 9) if day else datetime(2026, 2, 27))

    sessions = [at(0), at(9), at(1), at(5)]
    assert next_session(sessions, TODAY) is sessions[2]
    assert next_session(sessions[:1], TODAY) is None


def test_outcomes_for_stakeholder_skips_unsaved_and_blank_ones() -> None:
    sponsor = Audience.SPONSOR  # colleagues rate only what the sponsor may see (issue 13)
    outcomes = [
        Outcome(id=1, statement="A", audience=sponsor),
        Outcome(id=None, statement="B", audience=sponsor),
        Outcome(id=3, audience=sponsor),
        Outcome(id=4, statement="client only"),
    ]
    assert [o.id for o in outcomes_for_stakeholder(Contract(outcomes=outcomes))] == [1]
    assert outcomes_for_stakeholder(None) == []
    many = Contract(outcomes=[replace(outcomes[0], id=i) for i in range(1, 20)])
    assert len(outcomes_for_stakeholder(many)) == 12


def test_field_names_are_the_emotion_entry_fields() -> None:
    names = {f.name for f in EMOTION_FIELDS}
    assert names <= set(EmotionEntry.__dataclass_fields__)


@dataclass
class _WithAudience:
    """An outcome as issue 13 shapes it (an ``audience``), for the selection rule."""

    id: int
    statement: str
    audience: str


@dataclass
class _WithState:
    """A session as issue 14 shapes it (a ``state``)."""

    started_at: datetime
    state: str


def test_only_sponsor_visible_outcomes_once_outcomes_have_an_audience() -> None:
    outcomes = [_WithAudience(1, "A", "client"), _WithAudience(2, "B", "sponsor"),
                _WithAudience(3, "C", "coach")]  # fmt: skip
    chosen = outcomes_for_stakeholder(Contract(outcomes=outcomes))  # type: ignore[arg-type]
    assert [o.id for o in chosen] == [2]


def test_only_planned_sessions_once_sessions_have_a_state() -> None:
    held = _WithState(datetime(2026, 3, 2, 9), "held")
    cancelled = _WithState(datetime(2026, 3, 3, 9), "cancelled")
    planned = _WithState(datetime(2026, 3, 9, 9), "planned")
    sessions = [held, cancelled, planned]
    assert next_session(sessions, TODAY) is planned  # type: ignore[arg-type]
