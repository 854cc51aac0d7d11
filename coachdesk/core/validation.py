"""Rules a record must meet before it is stored or exported.

One function per record type, plus :func:`validate` (any record) and
:func:`validate_engagement` (a client and everything loaded with it). Each raises
:class:`~coachdesk.core.errors.ValidationError` for the first broken rule, with ``field``
set to the offending dataclass field so an editor can put the cursor there.

Messages name the field and the rule and never repeat what was typed: they end up in
logs and dialogs, and a record's text is client data. Values are checked for their
runtime type too, because records also arrive from JSON imports and older databases.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias, TypeGuard, TypeVar

from coachdesk.core.emotions import SCALE_MAX, SCALE_MIN, PlutchikFamily
from coachdesk.core.errors import ValidationError
from coachdesk.core.limits import TEXT_MAX, max_length
from coachdesk.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Client,
    ClientStatus,
    Contract,
    ContractStatus,
    EmotionEntry,
    EmotionSource,
    Engagement,
    FeedbackEntry,
    FeedbackSource,
    Focus,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    RiskLevel,
    RiskStatus,
    Session,
    SessionFormat,
    SessionState,
    SessionTemplate,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_T = TypeVar("_T")

RATING_MIN = 0
RATING_MAX = 10
"""Process and result ratings, intensity and regulation effect are all 0–10."""

SESSION_MINUTES_MIN = 1
SESSION_MINUTES_MAX = 600
"""A session lasts at least a minute and at most ten hours (a long workshop day)."""

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
"""Deliberately loose: catches typos (no @, no domain), not every RFC 5322 corner."""

Record: TypeAlias = (
    Client
    | Contract
    | Outcome
    | Milestone
    | Risk
    | Session
    | ActionItem
    | EmotionEntry
    | FeedbackEntry
)
"""Any single record :func:`validate` accepts."""


# --- Building blocks -----------------------------------------------------------------
# They take ``object`` so they can check the runtime type of values that the type
# checker already believes are correct (imports and old data can still be wrong).


def _no_nul_characters(record: DataclassInstance, kind: str) -> None:
    """SQLite and many tools cut text at a NUL, silently losing the rest; and a lone
    UTF-16 surrogate (from a JSON escape or a broken paste) cannot be stored at all.
    Every text is also held to its field's maximum length (:mod:`coachdesk.core.limits`)."""
    for f in fields(record):
        value = getattr(record, f.name)
        texts = value if isinstance(value, list) else [value]
        limit = max_length(type(record), f.name)
        for text in texts:
            if isinstance(text, str) and len(text) > limit:
                raise ValidationError(
                    f"{kind} {f.name} must be at most {limit:,} characters.", field=f.name
                )
            if isinstance(text, str) and "\x00" in text:
                raise ValidationError(
                    f"{kind} {f.name} must not contain NUL characters.", field=f.name
                )
            if isinstance(text, str) and not _encodable(text):
                raise ValidationError(
                    f"{kind} {f.name} holds an invalid Unicode character.", field=f.name
                )


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _required_text(value: object, field: str, message: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(message, field=field)


def _is_date(value: object) -> bool:
    # A datetime is a date too, but comparing one with a date raises TypeError.
    return isinstance(value, date) and not isinstance(value, datetime)


def _optional_date(value: object, field: str, kind: str) -> None:
    if value is not None and not _is_date(value):
        raise ValidationError(f"{kind} {field} must be a calendar date.", field=field)


def _required_date(value: object, field: str, message: str) -> None:
    if not _is_date(value):
        raise ValidationError(message, field=field)


def _local_time(value: object, field: str, message: str) -> None:
    if not isinstance(value, datetime):
        raise ValidationError(message, field=field)
    if value.tzinfo is not None:
        raise ValidationError(f"{field} must be in local time, without a time zone.", field=field)


def _optional_local_time(value: object, field: str, kind: str) -> None:
    if value is not None:
        _local_time(value, field, f"{kind} {field} must be a date and time.")


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_between(value: object, low: int, high: int, field: str, message: str) -> None:
    if not _is_int(value) or not low <= value <= high:
        raise ValidationError(message, field=field)


def _optional_int_between(value: object, low: int, high: int, field: str, message: str) -> None:
    if value is not None:
        _int_between(value, low, high, field, message)


def _optional_id(value: object, field: str, kind: str) -> None:
    if value is not None and not _is_int(value):
        raise ValidationError(f"{kind} {field} must be a record id.", field=field)


def _optional_number(value: object, field: str, kind: str) -> None:
    if value is not None:
        _number(value, field, f"{kind} {field} must be a finite number.")


def _number(value: object, field: str, message: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(message, field=field)


def _choice(value: object, choices: type[StrEnum], field: str, kind: str) -> None:
    if not isinstance(value, str) or value not in {member.value for member in choices}:
        allowed = ", ".join(member.value for member in choices)
        raise ValidationError(f"{kind} {field} must be one of: {allowed}.", field=field)


def _list_of(value: object, item_type: type[_T], field: str, kind: str) -> list[_T]:
    if not isinstance(value, list) or not all(isinstance(item, item_type) for item in value):
        raise ValidationError(
            f"{kind} {field} must be a list of {item_type.__name__}.", field=field
        )
    return value


# --- One function per record -------------------------------------------------------


def validate_client(client: Client) -> None:
    """A client needs a name; contact details, when given, must look plausible."""
    kind = "Client"
    _optional_id(client.id, "id", kind)
    _required_text(client.name, "name", "Client name is required.")
    if not isinstance(client.email, str):
        raise ValidationError("Client email must be text.", field="email")
    if client.email and not _EMAIL.fullmatch(client.email):
        raise ValidationError(
            "Client email must look like name@example.org (no spaces, one @).", field="email"
        )
    _choice(client.status, ClientStatus, "status", kind)
    _choice(client.focus, Focus, "focus", kind)
    tags = _list_of(client.tags, str, "tags", kind)
    seen: set[str] = set()
    for tag in tags:
        if not tag.strip():
            raise ValidationError("Client tags must not be empty.", field="tags")
        if tag != tag.strip():
            raise ValidationError("Client tags must not start or end with spaces.", field="tags")
        if tag.casefold() in seen:
            raise ValidationError("Client tags must not repeat.", field="tags")
        seen.add(tag.casefold())
    _optional_date(client.retention_date, "retention_date", kind)
    _optional_local_time(client.created_at, "created_at", kind)
    _no_nul_characters(client, kind)


def validate_outcome(outcome: Outcome) -> None:
    """An outcome needs a statement; its numbers must be real numbers to chart."""
    kind = "Outcome"
    _optional_id(outcome.id, "id", kind)
    _optional_id(outcome.contract_id, "contract_id", kind)
    _required_text(outcome.statement, "statement", "Outcome statement is required.")
    for name in ("baseline", "target", "current"):
        _optional_number(getattr(outcome, name), name, kind)
    _optional_date(outcome.deadline, "deadline", kind)
    for reading in _list_of(outcome.history, OutcomeReading, "history", kind):
        _required_date(reading.on, "history", "Outcome history readings need a date.")
        _number(reading.value, "history", "Outcome history readings need a finite value.")
        note = reading.note
        if isinstance(note, str) and len(note) > max_length(OutcomeReading, "note"):
            raise ValidationError(
                f"Outcome history notes must be at most {TEXT_MAX:,} characters.", field="history"
            )
        if not isinstance(note, str) or "\x00" in note or not _encodable(note):
            raise ValidationError(
                "Outcome history notes must be text without NUL characters.", field="history"
            )
    _no_nul_characters(outcome, kind)


def validate_milestone(milestone: Milestone) -> None:
    kind = "Milestone"
    _optional_id(milestone.id, "id", kind)
    _optional_id(milestone.contract_id, "contract_id", kind)
    _optional_id(milestone.outcome_id, "outcome_id", kind)
    _required_text(milestone.title, "title", "Milestone title is required.")
    _optional_date(milestone.due, "due", kind)
    _optional_date(milestone.done_on, "done_on", kind)
    _no_nul_characters(milestone, kind)


def validate_risk(risk: Risk) -> None:
    kind = "Risk"
    _optional_id(risk.id, "id", kind)
    _optional_id(risk.contract_id, "contract_id", kind)
    _required_text(risk.description, "description", "Risk description is required.")
    _choice(risk.likelihood, RiskLevel, "likelihood", kind)
    _choice(risk.impact, RiskLevel, "impact", kind)
    _choice(risk.status, RiskStatus, "status", kind)
    _no_nul_characters(risk, kind)


def validate_contract(contract: Contract) -> None:
    """Dates in order, a signed contract has a signing date, and every outcome,
    milestone and risk in it is valid (messages then say which one, by position)."""
    kind = "Contract"
    _optional_id(contract.id, "id", kind)
    _optional_id(contract.client_id, "client_id", kind)
    if not _is_int(contract.version) or contract.version < 1:
        raise ValidationError("Contract version must be 1 or more.", field="version")
    _optional_date(contract.start_date, "start_date", kind)
    _optional_date(contract.end_date, "end_date", kind)
    _optional_date(contract.signed_date, "signed_date", kind)
    if (
        contract.start_date is not None
        and contract.end_date is not None
        and contract.end_date < contract.start_date
    ):
        raise ValidationError(
            "Contract end date must not be before its start date.", field="end_date"
        )
    if contract.session_count is not None and (
        not _is_int(contract.session_count) or contract.session_count < 1
    ):
        raise ValidationError(
            "Contract session count must be 1 or more when given.", field="session_count"
        )
    _optional_int_between(
        contract.session_length_minutes,
        SESSION_MINUTES_MIN,
        SESSION_MINUTES_MAX,
        "session_length_minutes",
        f"Contract session length must be {SESSION_MINUTES_MIN}–{SESSION_MINUTES_MAX} minutes.",
    )
    _choice(contract.format, SessionFormat, "format", kind)
    _choice(contract.status, ContractStatus, "status", kind)
    if contract.status == ContractStatus.SIGNED and contract.signed_date is None:
        raise ValidationError(
            "A signed contract needs the date it was signed.", field="signed_date"
        )
    for name in ("late_cancellation_counts", "no_show_counts"):
        if not isinstance(getattr(contract, name), bool):
            raise ValidationError(f"Contract {name} must be true or false.", field=name)
    _no_nul_characters(contract, kind)
    for position, outcome in enumerate(
        _list_of(contract.outcomes, Outcome, "outcomes", kind), start=1
    ):
        _in_context(f"Outcome {position}", validate_outcome, outcome)
    for position, milestone in enumerate(
        _list_of(contract.milestones, Milestone, "milestones", kind), start=1
    ):
        _in_context(f"Milestone {position}", validate_milestone, milestone)
    for position, risk in enumerate(_list_of(contract.risks, Risk, "risks", kind), start=1):
        _in_context(f"Risk {position}", validate_risk, risk)


def validate_session(session: Session, contract: Contract | None = None) -> None:
    """Session rules; with the contract, the session number is checked against its count."""
    kind = "Session"
    _optional_id(session.id, "id", kind)
    _optional_id(session.client_id, "client_id", kind)
    _local_time(session.started_at, "started_at", "Session start date and time is required.")
    _int_between(
        session.duration_minutes,
        SESSION_MINUTES_MIN,
        SESSION_MINUTES_MAX,
        "duration_minutes",
        f"Session duration must be {SESSION_MINUTES_MIN}–{SESSION_MINUTES_MAX} minutes.",
    )
    if session.number is not None:
        if not _is_int(session.number) or session.number < 1:
            raise ValidationError("Session number must be 1 or more.", field="number")
        planned = contract.session_count if contract is not None else None
        if _is_int(planned) and session.number > planned:
            raise ValidationError(
                "Session number must not exceed the contract's session count.", field="number"
            )
    _choice(session.state, SessionState, "state", kind)
    _choice(session.format, SessionFormat, "format", kind)
    _choice(session.template, SessionTemplate, "template", kind)
    for name in ("process_rating", "result_rating"):
        _optional_int_between(
            getattr(session, name),
            RATING_MIN,
            RATING_MAX,
            name,
            f"Session {name.replace('_', ' ')} must be {RATING_MIN}–{RATING_MAX}.",
        )
    ids = _list_of(session.outcome_ids, int, "outcome_ids", kind)
    if any(isinstance(i, bool) for i in ids):
        raise ValidationError("Session outcome_ids must be record ids.", field="outcome_ids")
    _no_nul_characters(session, kind)


def validate_action_item(item: ActionItem) -> None:
    kind = "Action item"
    _optional_id(item.id, "id", kind)
    _optional_id(item.client_id, "client_id", kind)
    _optional_id(item.session_id, "session_id", kind)
    _optional_id(item.reviewed_session_id, "reviewed_session_id", kind)
    _choice(item.owner, ActionOwner, "owner", kind)
    _required_text(item.text, "text", "Action item text is required.")
    _optional_date(item.due, "due", kind)
    _choice(item.status, ActionStatus, "status", kind)
    _no_nul_characters(item, kind)


def validate_emotion(entry: EmotionEntry) -> None:
    """An entry needs a time and either a label or a situation; scales stay in range."""
    kind = "Emotion entry"
    _optional_id(entry.id, "id", kind)
    _optional_id(entry.client_id, "client_id", kind)
    _local_time(entry.occurred_at, "occurred_at", "Emotion entry date and time is required.")
    _choice(entry.source, EmotionSource, "source", kind)
    has_label = isinstance(entry.label, str) and entry.label.strip()
    has_situation = isinstance(entry.situation, str) and entry.situation.strip()
    if not has_label and not has_situation:
        raise ValidationError(
            "Emotion entry needs a label (the emotion's name) or a situation.", field="label"
        )
    if entry.family != "":
        _choice(entry.family, PlutchikFamily, "family", kind)
    if entry.pleasantness is None or entry.energy is None:
        # A new entry starts unplaced; storing it as (0, 0) would invent a neutral feeling.
        raise ValidationError(
            "Emotion entry is not placed on the Mood Meter yet: click where the feeling"
            " sits (or use the arrow keys on the meter).",
            field="pleasantness" if entry.pleasantness is None else "energy",
        )
    for name in ("pleasantness", "energy"):
        _int_between(
            getattr(entry, name),
            SCALE_MIN,
            SCALE_MAX,
            name,
            f"Emotion entry {name} must be {SCALE_MIN}…+{SCALE_MAX}.",
        )
    _int_between(
        entry.intensity,
        RATING_MIN,
        RATING_MAX,
        "intensity",
        f"Emotion entry intensity must be {RATING_MIN}–{RATING_MAX}.",
    )
    for name in ("regulation_effect", "intensity_after"):
        _optional_int_between(
            getattr(entry, name),
            RATING_MIN,
            RATING_MAX,
            name,
            f"Emotion entry {name.replace('_', ' ')} must be {RATING_MIN}–{RATING_MAX}.",
        )
    _no_nul_characters(entry, kind)


def validate_feedback(entry: FeedbackEntry) -> None:
    kind = "Feedback"
    _optional_id(entry.id, "id", kind)
    _optional_id(entry.client_id, "client_id", kind)
    _optional_id(entry.outcome_id, "outcome_id", kind)
    _required_date(entry.received_on, "received_on", "Feedback date received is required.")
    _choice(entry.source, FeedbackSource, "source", kind)
    _required_text(
        entry.observed_behaviour,
        "observed_behaviour",
        "Feedback observed behaviour is required.",
    )
    _no_nul_characters(entry, kind)


def validate(record: Record) -> None:
    """Validate any single record (a contract with its outcomes, milestones and risks)."""
    match record:
        case Client():
            validate_client(record)
        case Contract():
            validate_contract(record)
        case Outcome():
            validate_outcome(record)
        case Milestone():
            validate_milestone(record)
        case Risk():
            validate_risk(record)
        case Session():
            validate_session(record)
        case ActionItem():
            validate_action_item(record)
        case EmotionEntry():
            validate_emotion(record)
        case FeedbackEntry():
            validate_feedback(record)


def validate_engagement(engagement: Engagement) -> None:
    """Validate a client and everything loaded with it, as an import or export would.

    Beyond each record's own rules, every record must belong to this client and the
    contract's parts to this contract (ids that are still None are not yet stored and
    pass). Messages say which record failed by kind and position ("Session 3: …").
    """
    client = engagement.client
    validate_client(client)
    contract = engagement.contract
    if contract is not None:
        _in_context("Contract", validate_contract, contract)
        _belongs(contract.client_id, client.id, "client_id", "Contract")
        _parts_belong("Outcome", contract.outcomes, contract.id)
        _parts_belong("Milestone", contract.milestones, contract.id)
        _parts_belong("Risk", contract.risks, contract.id)
    for position, session in enumerate(engagement.sessions, start=1):
        _in_context(f"Session {position}", validate_session, session, contract)
        _belongs(session.client_id, client.id, "client_id", f"Session {position}")
    for position, item in enumerate(engagement.action_items, start=1):
        _in_context(f"Action item {position}", validate_action_item, item)
        _belongs(item.client_id, client.id, "client_id", f"Action item {position}")
    for position, emotion in enumerate(engagement.emotions, start=1):
        _in_context(f"Emotion entry {position}", validate_emotion, emotion)
        _belongs(emotion.client_id, client.id, "client_id", f"Emotion entry {position}")
    for position, feedback in enumerate(engagement.feedback, start=1):
        _in_context(f"Feedback {position}", validate_feedback, feedback)
        _belongs(feedback.client_id, client.id, "client_id", f"Feedback {position}")


def _parts_belong(
    label: str, parts: Sequence[Outcome | Milestone | Risk], contract_id: int | None
) -> None:
    for position, part in enumerate(parts, start=1):
        _belongs(part.contract_id, contract_id, "contract_id", f"{label} {position}")


def _belongs(owner_id: int | None, expected: int | None, field: str, where: str) -> None:
    if owner_id is not None and expected is not None and owner_id != expected:
        raise ValidationError(f"{where}: {field} does not match its owner record.", field=field)


def _in_context(where: str, check: Callable[..., None], *args: object) -> None:
    """Run a check and prefix its message with the record's position, keeping ``field``."""
    try:
        check(*args)
    except ValidationError as error:
        raise ValidationError(f"{where}: {error}", field=error.field) from error
