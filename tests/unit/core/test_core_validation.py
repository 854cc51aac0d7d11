from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from coachdesk.core.errors import InvalidInput, ValidationError
from coachdesk.core.model import (
    ActionItem,
    Client,
    Contract,
    ContractStatus,
    EmotionEntry,
    Engagement,
    FeedbackEntry,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    Session,
)
from coachdesk.core.validation import (
    validate,
    validate_action_item,
    validate_client,
    validate_contract,
    validate_emotion,
    validate_engagement,
    validate_feedback,
    validate_milestone,
    validate_outcome,
    validate_risk,
    validate_session,
)

WHEN = datetime(2024, 5, 6, 9, 30)
SECRET = "Anna Secret-Person"


def good_client(**changes: Any) -> Client:
    return Client(
        **{
            "name": "Anna Example",
            "email": "anna@example.org",
            "tags": ["board", "new role"],
            **changes,
        }
    )


def good_contract(**changes: Any) -> Contract:
    return Contract(
        **{
            "start_date": date(2024, 1, 1),
            "end_date": date(2024, 12, 31),
            "session_count": 10,
            "session_length_minutes": 90,
            "status": ContractStatus.SIGNED,
            "signed_date": date(2023, 12, 15),
            "outcomes": [Outcome(statement="Delegate more", baseline=2, target=8, current=4)],
            "milestones": [Milestone(title="Delegation plan agreed")],
            "risks": [Risk(description="Reorganisation")],
            **changes,
        }
    )


def good_session(**changes: Any) -> Session:
    return Session(**{"started_at": WHEN, "duration_minutes": 90, **changes})


def good_emotion(**changes: Any) -> EmotionEntry:
    return EmotionEntry(
        **{"occurred_at": WHEN, "label": "anxious", "pleasantness": -3, "energy": 3, **changes}
    )


def good_feedback(**changes: Any) -> FeedbackEntry:
    return FeedbackEntry(
        **{"received_on": date(2024, 5, 1), "observed_behaviour": "Interrupts", **changes}
    )


def fails(check: Callable[[], None], field: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check()
    assert caught.value.field == field, str(caught.value)
    assert isinstance(caught.value, InvalidInput)
    return caught.value


# --- Good records pass ----------------------------------------------------------------


def test_good_records_pass() -> None:
    validate_client(good_client())
    validate_client(Client(name="Minimal"))
    validate_contract(good_contract())
    validate_contract(Contract())  # a fresh draft has nothing to break yet
    validate_session(good_session(number=10, process_rating=0, result_rating=10), good_contract())
    validate_emotion(good_emotion())
    validate_feedback(good_feedback())
    validate_action_item(ActionItem(text="Book the 1:1s"))


def test_dispatcher_validates_any_record() -> None:
    validate(good_client())
    validate(good_contract())
    fails(lambda: validate(Client()), "name")
    fails(lambda: validate(Outcome()), "statement")
    fails(lambda: validate(Milestone()), "title")
    fails(lambda: validate(Risk()), "description")
    fails(lambda: validate(ActionItem()), "text")
    fails(lambda: validate(good_session(duration_minutes=0)), "duration_minutes")
    fails(lambda: validate(good_emotion(label="", situation="")), "label")
    fails(lambda: validate(good_feedback(observed_behaviour="")), "observed_behaviour")
    fails(lambda: validate(good_contract(version=0)), "version")


# --- Client ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "\n\t"])
def test_client_needs_a_name(name: str) -> None:
    fails(lambda: validate_client(good_client(name=name)), "name")


@pytest.mark.parametrize(
    "email", ["anna", "anna@", "@example.org", "anna@example", "an na@example.org", "a@b@c.org"]
)
def test_client_email_must_look_like_an_address(email: str) -> None:
    fails(lambda: validate_client(good_client(email=email)), "email")


def test_client_email_may_be_empty() -> None:
    validate_client(good_client(email=""))


@pytest.mark.parametrize("tags", [[""], ["  "], [" board"], ["board "], ["board", "Board"]])
def test_client_tags_are_non_empty_trimmed_and_distinct(tags: list[str]) -> None:
    fails(lambda: validate_client(good_client(tags=tags)), "tags")


def test_client_choices_and_dates() -> None:
    fails(lambda: validate_client(good_client(status="retired")), "status")
    fails(lambda: validate_client(good_client(focus="sales")), "focus")
    fails(lambda: validate_client(good_client(retention_date=WHEN)), "retention_date")
    fails(lambda: validate_client(good_client(created_at=date(2024, 1, 1))), "created_at")
    fails(
        lambda: validate_client(good_client(created_at=datetime(2024, 1, 1, tzinfo=UTC))),
        "created_at",
    )
    fails(lambda: validate_client(good_client(tags="board")), "tags")
    fails(lambda: validate_client(good_client(id="7")), "id")
    validate_client(good_client(status="paused", focus="people_management"))


@pytest.mark.parametrize(
    "field", ["name", "organisation", "role", "sponsor_contact", "phone", "intake_notes"]
)
def test_client_text_must_not_contain_nul(field: str) -> None:
    fails(lambda: validate_client(good_client(**{field: "Anna\x00"})), field)


def test_nul_in_a_tag_is_caught() -> None:
    fails(lambda: validate_client(good_client(tags=["a\x00b"])), "tags")


def test_messages_never_repeat_what_was_typed() -> None:
    cases: list[tuple[Callable[[], None], str]] = [
        (lambda: validate_client(good_client(email=SECRET)), "email"),
        (lambda: validate_client(good_client(tags=[SECRET + " "])), "tags"),
        (lambda: validate_client(good_client(intake_notes=SECRET + "\x00")), "intake_notes"),
        (lambda: validate_client(good_client(status=SECRET)), "status"),
        (lambda: validate_emotion(good_emotion(family=SECRET)), "family"),
    ]
    for check, field in cases:
        error = fails(check, field)
        assert "Secret" not in str(error)
        assert field.replace("_", " ") in str(error) or field in str(error)


# --- Contract and its parts -----------------------------------------------------------


def test_contract_dates_in_order() -> None:
    fails(
        lambda: validate_contract(
            good_contract(start_date=date(2024, 6, 1), end_date=date(2024, 5, 31))
        ),
        "end_date",
    )
    validate_contract(good_contract(start_date=date(2024, 6, 1), end_date=date(2024, 6, 1)))
    validate_contract(good_contract(start_date=None, end_date=date(2024, 6, 1)))
    fails(lambda: validate_contract(good_contract(start_date=WHEN)), "start_date")


def test_signed_contract_needs_signed_date() -> None:
    fails(lambda: validate_contract(good_contract(signed_date=None)), "signed_date")
    validate_contract(good_contract(status=ContractStatus.DRAFT, signed_date=None))


def test_contract_numbers() -> None:
    fails(lambda: validate_contract(good_contract(version=0)), "version")
    fails(lambda: validate_contract(good_contract(session_count=0)), "session_count")
    fails(
        lambda: validate_contract(good_contract(session_length_minutes=0)), "session_length_minutes"
    )
    fails(
        lambda: validate_contract(good_contract(session_length_minutes=601)),
        "session_length_minutes",
    )
    fails(lambda: validate_contract(good_contract(status="cancelled")), "status")
    fails(lambda: validate_contract(good_contract(format="carrier pigeon")), "format")
    fails(lambda: validate_contract(good_contract(fees="€\x00")), "fees")


def test_contract_parts_are_validated_with_their_position() -> None:
    outcomes = [Outcome(statement="One"), Outcome(statement=" ")]
    error = fails(lambda: validate_contract(good_contract(outcomes=outcomes)), "statement")
    assert str(error).startswith("Outcome 2: ")
    error = fails(lambda: validate_contract(good_contract(milestones=[Milestone()])), "title")
    assert str(error).startswith("Milestone 1: ")
    error = fails(lambda: validate_contract(good_contract(risks=[Risk()])), "description")
    assert str(error).startswith("Risk 1: ")


def test_outcome_rules() -> None:
    fails(lambda: validate_outcome(Outcome()), "statement")
    fails(lambda: validate_outcome(Outcome(statement="x", baseline=float("nan"))), "baseline")
    fails(lambda: validate_outcome(Outcome(statement="x", target=float("inf"))), "target")
    fails(lambda: validate_outcome(Outcome(statement="x", current="7")), "current")
    fails(lambda: validate_outcome(Outcome(statement="x", current=True)), "current")
    fails(lambda: validate_outcome(Outcome(statement="x", deadline=WHEN)), "deadline")
    bad_readings = [
        OutcomeReading(on=WHEN, value=1.0),
        OutcomeReading(on=date(2024, 1, 1), value=float("nan")),
        OutcomeReading(on=date(2024, 1, 1), value=1.0, note="\x00"),
    ]
    for reading in bad_readings:
        fails(lambda r=reading: validate_outcome(Outcome(statement="x", history=[r])), "history")
    validate_outcome(
        Outcome(
            statement="x",
            baseline=12,
            target=3.5,
            current=8,
            history=[OutcomeReading(on=date(2024, 2, 1), value=10)],
        )
    )


def test_milestone_and_risk_rules() -> None:
    fails(lambda: validate_milestone(Milestone(title="x", due=WHEN)), "due")
    fails(lambda: validate_milestone(Milestone(title="x", done_on=WHEN)), "done_on")
    fails(lambda: validate_milestone(Milestone(title="x", outcome_id="1")), "outcome_id")
    fails(lambda: validate_risk(Risk(description="x", likelihood="huge")), "likelihood")
    fails(lambda: validate_risk(Risk(description="x", impact="tiny")), "impact")
    fails(lambda: validate_risk(Risk(description="x", status="gone")), "status")
    validate_risk(Risk(description="x", likelihood="high", impact="low", status="mitigated"))


# --- Session --------------------------------------------------------------------------


def test_session_needs_a_local_start_time() -> None:
    fails(lambda: validate_session(good_session(started_at=None)), "started_at")
    fails(lambda: validate_session(good_session(started_at=date(2024, 5, 6))), "started_at")
    fails(lambda: validate_session(good_session(started_at=WHEN.replace(tzinfo=UTC))), "started_at")


@pytest.mark.parametrize(
    ("minutes", "ok"), [(0, False), (1, True), (600, True), (601, False), (-5, False)]
)
def test_session_duration(minutes: int, ok: bool) -> None:
    if ok:
        validate_session(good_session(duration_minutes=minutes))
    else:
        fails(lambda: validate_session(good_session(duration_minutes=minutes)), "duration_minutes")


@pytest.mark.parametrize("field", ["process_rating", "result_rating"])
@pytest.mark.parametrize(
    ("rating", "ok"),
    [(-1, False), (0, True), (10, True), (11, False), (None, True), (5.5, False), (True, False)],
)
def test_session_ratings(field: str, rating: object, ok: bool) -> None:
    session = good_session(**{field: rating})
    if ok:
        validate_session(session)
    else:
        fails(lambda: validate_session(session), field)


def test_session_number_within_contract() -> None:
    contract = good_contract(session_count=8)
    fails(lambda: validate_session(good_session(number=0)), "number")
    fails(lambda: validate_session(good_session(number=9), contract), "number")
    validate_session(good_session(number=8), contract)
    validate_session(good_session(number=9))  # no contract: no upper bound known
    validate_session(good_session(number=9), good_contract(session_count=None))


def test_session_other_rules() -> None:
    fails(lambda: validate_session(good_session(template="star")), "template")
    fails(lambda: validate_session(good_session(format="letter")), "format")
    fails(lambda: validate_session(good_session(outcome_ids=["1"])), "outcome_ids")
    fails(lambda: validate_session(good_session(private_notes="a\x00b")), "private_notes")
    fails(lambda: validate_session(good_session(grow_goal="\x00")), "grow_goal")


# --- Action items, emotions, feedback ---------------------------------------------------


def test_action_item_rules() -> None:
    fails(lambda: validate_action_item(ActionItem(text="  ")), "text")
    fails(lambda: validate_action_item(ActionItem(text="x", owner="sponsor")), "owner")
    fails(lambda: validate_action_item(ActionItem(text="x", status="later")), "status")
    fails(lambda: validate_action_item(ActionItem(text="x", due=WHEN)), "due")
    fails(lambda: validate_action_item(ActionItem(text="x", session_id="3")), "session_id")


def test_emotion_needs_time_and_label_or_situation() -> None:
    fails(lambda: validate_emotion(good_emotion(occurred_at=None)), "occurred_at")
    fails(lambda: validate_emotion(good_emotion(label=" ", situation="")), "label")
    validate_emotion(good_emotion(label="", situation="Board meeting"))
    validate_emotion(good_emotion(label="my own word", situation=""))


def test_an_emotion_not_placed_on_the_mood_meter_is_refused_not_made_neutral() -> None:
    """A new entry starts unplaced (None, None); storing it as (0, 0) would invent a
    neutral feeling, so the vault refuses it with words that say what to do."""
    entry = good_emotion(pleasantness=None, energy=None)
    assert not entry.placed
    with pytest.raises(ValidationError, match="not placed on the Mood Meter") as caught:
        validate_emotion(entry)
    assert caught.value.field == "pleasantness"
    placed = good_emotion(pleasantness=0, energy=0)
    assert placed.placed
    validate_emotion(placed)


@pytest.mark.parametrize("field", ["pleasantness", "energy"])
@pytest.mark.parametrize(
    ("value", "ok"), [(-6, False), (-5, True), (0, True), (5, True), (6, False), (None, False)]
)
def test_emotion_scales(field: str, value: object, ok: bool) -> None:
    entry = good_emotion(**{field: value})
    if ok:
        validate_emotion(entry)
    else:
        fails(lambda: validate_emotion(entry), field)


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("intensity", -1, False),
        ("intensity", 0, True),
        ("intensity", 10, True),
        ("intensity", 11, False),
        ("intensity", None, False),
        ("regulation_effect", None, True),
        ("regulation_effect", 11, False),
        ("intensity_after", None, True),
        ("intensity_after", -1, False),
        ("intensity_after", 10, True),
    ],
)
def test_emotion_zero_to_ten_fields(field: str, value: object, ok: bool) -> None:
    entry = good_emotion(**{field: value})
    if ok:
        validate_emotion(entry)
    else:
        fails(lambda: validate_emotion(entry), field)


def test_emotion_family_and_source() -> None:
    validate_emotion(good_emotion(family="fear"))
    validate_emotion(good_emotion(family=""))
    fails(lambda: validate_emotion(good_emotion(family="worry")), "family")
    fails(lambda: validate_emotion(good_emotion(source="rumour")), "source")
    fails(lambda: validate_emotion(good_emotion(thought="\x00")), "thought")


def test_feedback_rules() -> None:
    fails(lambda: validate_feedback(good_feedback(observed_behaviour="")), "observed_behaviour")
    fails(lambda: validate_feedback(good_feedback(received_on=None)), "received_on")
    fails(lambda: validate_feedback(good_feedback(received_on=WHEN)), "received_on")
    fails(lambda: validate_feedback(good_feedback(perceived_impact="\x00")), "perceived_impact")


# --- Engagement -----------------------------------------------------------------------


def good_engagement(**changes: Any) -> Engagement:
    return Engagement(
        **{
            "client": good_client(id=1),
            "contract": good_contract(id=5, client_id=1),
            "sessions": [good_session(client_id=1, number=1), good_session(number=2)],
            "action_items": [ActionItem(client_id=1, text="Book 1:1s")],
            "emotions": [good_emotion(client_id=1)],
            "feedback": [good_feedback(client_id=1)],
            **changes,
        }
    )


def test_good_engagement_passes() -> None:
    validate_engagement(good_engagement())
    validate_engagement(Engagement(client=Client(name="Alone")))


def test_engagement_reports_which_record_failed() -> None:
    sessions = [good_session(number=1), good_session(number=11)]
    error = fails(lambda: validate_engagement(good_engagement(sessions=sessions)), "number")
    assert str(error).startswith("Session 2: ")
    error = fails(
        lambda: validate_engagement(
            good_engagement(emotions=[good_emotion(), good_emotion(energy=9)])
        ),
        "energy",
    )
    assert str(error).startswith("Emotion entry 2: ")
    fails(lambda: validate_engagement(good_engagement(client=Client())), "name")
    fails(lambda: validate_engagement(good_engagement(action_items=[ActionItem()])), "text")
    fails(
        lambda: validate_engagement(
            good_engagement(feedback=[good_feedback(observed_behaviour="")])
        ),
        "observed_behaviour",
    )
    error = fails(
        lambda: validate_engagement(good_engagement(contract=good_contract(outcomes=[Outcome()]))),
        "statement",
    )
    assert "Outcome 1" in str(error)


def test_engagement_records_belong_to_the_client() -> None:
    fails(
        lambda: validate_engagement(good_engagement(sessions=[good_session(client_id=2)])),
        "client_id",
    )
    fails(
        lambda: validate_engagement(good_engagement(contract=good_contract(client_id=2))),
        "client_id",
    )
    fails(
        lambda: validate_engagement(
            good_engagement(action_items=[ActionItem(client_id=2, text="x")])
        ),
        "client_id",
    )
    fails(
        lambda: validate_engagement(good_engagement(emotions=[good_emotion(client_id=2)])),
        "client_id",
    )
    fails(
        lambda: validate_engagement(good_engagement(feedback=[good_feedback(client_id=2)])),
        "client_id",
    )
    stray = good_contract(id=5, client_id=1, risks=[Risk(contract_id=6, description="x")])
    fails(lambda: validate_engagement(good_engagement(contract=stray)), "contract_id")
