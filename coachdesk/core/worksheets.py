"""Worksheets: fillable forms a client (or a colleague) fills in any PDF reader.

This module is the part without PDF or database: which fields each kind of worksheet
has (their names are a documented, stable interface, see docs/worksheets.md), how the
hidden stamp (kind, worksheet id, client id, issue date, outcome ids) is authenticated,
and how filled-in values become records, validated exactly like typed input.

Messages name the row and the field ("Row 3, pleasantness: …") and never repeat what
was written in it: a worksheet's text is client data.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from coachdesk.core.audience import Audience
from coachdesk.core.emotions import SCALE_MAX, SCALE_MIN
from coachdesk.core.errors import IntegrityFailure, InvalidInput, ValidationError
from coachdesk.core.model import (
    Contract,
    EmotionEntry,
    EmotionSource,
    FeedbackEntry,
    FeedbackSource,
    Outcome,
    Session,
)
from coachdesk.core.sharing import may_see
from coachdesk.core.validation import RATING_MAX, RATING_MIN, validate_emotion, validate_feedback


class WorksheetKind(StrEnum):
    """The three worksheets; the values are the CLI's KIND words."""

    EMOTION_LOG = "emotion-log"
    SESSION_PREP = "session-prep"
    FEEDBACK_REQUEST = "feedback-request"


DEFAULT_ROWS = 7
"""An emotion log covers a week by default: one entry a day."""
MAX_ROWS = 31
"""A month of daily entries; more makes a PDF nobody finishes."""
MAX_TEXT = 4000
"""Characters per answer: a long paragraph, not a document."""
MAX_OUTCOMES = 12
"""Outcomes rated on one feedback request (contracts have a handful)."""

DATETIME_FORMAT = "%Y-%m-%d %H:%M"
"""How ``occurred_at`` is written on a worksheet: ``2026-12-03 14:30``."""

# -- Fields --------------------------------------------------------------------------


class Answer(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    WHEN = "when"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class FormField:
    """One answer on a worksheet: its stable name, the question and what it accepts."""

    name: str
    label: str
    answer: Answer = Answer.TEXT
    low: int = 0
    high: int = 0
    hint: str = ""

    @property
    def range_text(self) -> str:
        low = f"{self.low:+d}" if self.low < 0 else str(self.low)
        high = f"+{self.high}" if self.low < 0 else str(self.high)
        return f"{low}…{high}"


EMOTION_FIELDS: tuple[FormField, ...] = (
    FormField("occurred_at", "When", Answer.WHEN, hint="YYYY-MM-DD HH:MM"),
    FormField("label", "The emotion, in a word"),
    FormField("pleasantness", "Pleasantness", Answer.NUMBER, SCALE_MIN, SCALE_MAX),
    FormField("energy", "Energy", Answer.NUMBER, SCALE_MIN, SCALE_MAX),
    FormField("intensity", "Intensity", Answer.NUMBER, RATING_MIN, RATING_MAX),
    FormField("situation", "Situation: where, with whom, what happened", Answer.LONG_TEXT),
    FormField("trigger", "What set it off"),
    FormField("body_sensation", "What I felt in my body"),
    FormField("thought", "What I thought"),
    FormField("reaction", "What I did"),
    FormField("perceived_by_others", "How others saw it"),
    FormField("regulation_strategy", "What I did to handle the feeling"),
    FormField("intensity_after", "Intensity after", Answer.NUMBER, RATING_MIN, RATING_MAX),
)
"""An emotion log row: the EmotionEntry fields a client can answer, in form order."""

SESSION_PREP_FIELDS: tuple[FormField, ...] = (
    FormField("want_from_session", "What I want from our next session", Answer.LONG_TEXT),
    FormField("progress_on_actions", "Progress on my actions since last time", Answer.LONG_TEXT),
    FormField("got_in_the_way", "What got in the way", Answer.LONG_TEXT),
    FormField("noticed_about_myself", "One thing I noticed about myself", Answer.LONG_TEXT),
)

FEEDBACK_FIELDS: tuple[FormField, ...] = (
    FormField("from_name", "Your name (optional)"),
    FormField("from_role", "Your role, in relation to the person"),
    FormField("observed_behaviour", "A behaviour you observed (what, when)", Answer.LONG_TEXT),
    FormField("perceived_impact", "Its impact, on you or the team", Answer.LONG_TEXT),
    FormField("suggestion", "One suggestion", Answer.LONG_TEXT),
)

OUTCOME_FIELDS: tuple[FormField, ...] = (
    FormField("rating", "Progress you have seen", Answer.NUMBER, RATING_MIN, RATING_MAX),
    FormField("comment", "What you saw (optional)"),
)
"""Per outcome on a feedback request: ``outcome1.rating``, ``outcome1.comment``, …"""


def row_field(row: int, name: str) -> str:
    """``row3.label``: the stable name of a field in row ``row`` (1-based)."""
    return f"row{row}.{name}"


def outcome_field(position: int, name: str) -> str:
    return f"outcome{position}.{name}"


# -- The stamp ----------------------------------------------------------------------

STAMP_KIND = "worksheet.kind"
STAMP_ID = "worksheet.id"
STAMP_CLIENT = "worksheet.client"
STAMP_ISSUED = "worksheet.issued"
STAMP_ROWS = "worksheet.rows"
STAMP_OUTCOMES = "worksheet.outcomes"
STAMP_MAC = "worksheet.mac"
STAMP_FIELDS = (
    STAMP_KIND,
    STAMP_ID,
    STAMP_CLIENT,
    STAMP_ISSUED,
    STAMP_ROWS,
    STAMP_OUTCOMES,
    STAMP_MAC,
)
"""Hidden, read-only fields on every worksheet."""

_ID = re.compile(r"[0-9a-f]{32}")
_MAC = re.compile(r"[0-9a-f]{64}")
_MAC_LABEL = b"CoachDesk worksheet v1"


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a worksheet says about itself; authenticated by :func:`mac`."""

    kind: WorksheetKind
    worksheet_id: str
    client_id: int
    issued: date
    rows: int = 0
    outcome_ids: tuple[int, ...] = ()

    @classmethod
    def new(
        cls,
        kind: WorksheetKind,
        client_id: int,
        issued: date,
        *,
        rows: int = 0,
        outcome_ids: Sequence[int] = (),
    ) -> Stamp:
        """A fresh stamp with a random 128-bit worksheet id."""
        return cls(kind, secrets.token_hex(16), client_id, issued, rows, tuple(outcome_ids))

    def message(self) -> bytes:
        """The bytes the MAC covers: every hidden field but the MAC, unambiguously."""
        parts = [
            _MAC_LABEL.decode(),
            self.kind.value,
            self.worksheet_id,
            str(self.client_id),
            self.issued.isoformat(),
            str(self.rows),
            ",".join(str(i) for i in self.outcome_ids),
        ]
        return "\n".join(parts).encode()

    def fields(self, key: bytes) -> dict[str, str]:
        """The hidden field values, MAC included."""
        return {
            STAMP_KIND: self.kind.value,
            STAMP_ID: self.worksheet_id,
            STAMP_CLIENT: str(self.client_id),
            STAMP_ISSUED: self.issued.isoformat(),
            STAMP_ROWS: str(self.rows),
            STAMP_OUTCOMES: ",".join(str(i) for i in self.outcome_ids),
            STAMP_MAC: mac(self, key),
        }


def mac(stamp: Stamp, key: bytes) -> str:
    """HMAC-SHA256 of the stamp under the vault's worksheet key, as hex."""
    return hmac.new(key, stamp.message(), hashlib.sha256).hexdigest()


NOT_A_WORKSHEET = (
    "this PDF is not a CoachDesk worksheet (its hidden fields are missing); "
    "to keep a document, add it as an attachment instead"
)
NOT_OURS = (
    "this worksheet was not issued by this vault, or its hidden fields were changed; "
    "nothing was imported"
)


def read_stamp(values: Mapping[str, str], key: bytes) -> Stamp:
    """The verified stamp of a filled-in form.

    InvalidInput when the hidden fields are missing (not a worksheet); IntegrityFailure
    when they do not authenticate under ``key`` (another vault's form, or altered).
    """
    if any(name not in values for name in STAMP_FIELDS):
        raise InvalidInput(NOT_A_WORKSHEET)
    try:
        kind = WorksheetKind(values[STAMP_KIND])
        worksheet_id = values[STAMP_ID]
        client_id = _whole(values[STAMP_CLIENT])
        issued = date.fromisoformat(values[STAMP_ISSUED])
        rows = _whole(values[STAMP_ROWS])
        outcomes = values[STAMP_OUTCOMES]
        outcome_ids = tuple(_whole(i) for i in outcomes.split(",")) if outcomes else ()
    except ValueError:
        raise IntegrityFailure(NOT_OURS) from None
    if not _ID.fullmatch(worksheet_id) or not _MAC.fullmatch(values[STAMP_MAC]):
        raise IntegrityFailure(NOT_OURS)
    stamp = Stamp(kind, worksheet_id, client_id, issued, rows, outcome_ids)
    if not hmac.compare_digest(mac(stamp, key), values[STAMP_MAC]):
        raise IntegrityFailure(NOT_OURS)
    return stamp


def _whole(text: str) -> int:
    if not re.fullmatch(r"-?[0-9]{1,18}", text):
        raise ValueError(text)
    return int(text)


# -- Reading answers ------------------------------------------------------------------


@dataclass(slots=True)
class SessionPrep:
    """The answers of a session preparation worksheet, as the agenda text they become."""

    answers: dict[str, str]

    def agenda_text(self, issued: date) -> str:
        lines = [f"From the client's preparation worksheet (issued {issued.isoformat()}):"]
        for spec in SESSION_PREP_FIELDS:
            answer = self.answers.get(spec.name, "")
            if answer:
                lines.append(f"{spec.label}: {answer}")
        return "\n".join(lines)


ProposedRecord = EmotionEntry | FeedbackEntry | SessionPrep


@dataclass(slots=True)
class Proposal:
    """One record a worksheet would add, and where it came from on the form."""

    where: str
    """"Row 3", "Feedback", "Outcome 2", "Preparation": how the coach finds it on paper."""
    record: ProposedRecord
    outcome_position: int | None = None


@dataclass(slots=True)
class Answers:
    """Every record a filled-in worksheet proposes, in form order."""

    stamp: Stamp
    proposals: list[Proposal] = field(default_factory=list)


class _Problems:
    """Collects every broken field, so the coach sees them all at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, name: str, message: str) -> None:
        self.items.append(f"{where}, {name}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            shown = self.items[:8]
            more = len(self.items) - len(shown)
            tail = f" (and {more} more)" if more else ""
            raise InvalidInput(
                "the worksheet has answers that cannot be stored: "
                + "; ".join(shown)
                + tail
                + "; nothing was imported"
            )


def _clean(value: object) -> str:
    """A field value as stored: text with CR LF made LF, spaces at the ends dropped."""
    text = value if isinstance(value, str) else ""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _text(spec: FormField, raw: str, where: str, problems: _Problems) -> str:
    if len(raw) > MAX_TEXT:
        problems.add(where, spec.name, f"must be at most {MAX_TEXT} characters")
    if "\x00" in raw:
        problems.add(where, spec.name, "must not contain NUL characters")
    return raw


def _number(spec: FormField, raw: str, where: str, problems: _Problems) -> int | None:
    if not raw:
        return None
    normal = raw.replace("−", "-").replace("+", "").strip()
    if not re.fullmatch(r"-?[0-9]{1,4}", normal):
        problems.add(where, spec.name, f"must be a whole number {spec.range_text}")
        return None
    number = int(normal)
    if not spec.low <= number <= spec.high:
        problems.add(where, spec.name, f"must be {spec.range_text}")
        return None
    return number


def _when(spec: FormField, raw: str, where: str, problems: _Problems) -> datetime | None:
    if not raw:
        problems.add(where, spec.name, "is required (YYYY-MM-DD HH:MM)")
        return None
    try:
        return datetime.strptime(" ".join(raw.split()), DATETIME_FORMAT)
    except ValueError:
        problems.add(where, spec.name, "must be a date and time written YYYY-MM-DD HH:MM")
        return None


def _validated(
    check: Callable[[EmotionEntry], None] | Callable[[FeedbackEntry], None],
    record: EmotionEntry | FeedbackEntry,
    where: str,
    problems: _Problems,
) -> None:
    try:
        check(record)  # type: ignore[arg-type]
    except ValidationError as error:
        problems.add(where, error.field or "record", str(error).rstrip("."))


def read_answers(stamp: Stamp, values: Mapping[str, object], today: date) -> Answers:
    """The records a filled-in worksheet proposes; InvalidInput naming every bad field.

    ``values`` maps field names to what the PDF holds (missing fields count as empty).
    Empty rows are skipped; a worksheet with no answer at all is refused.
    """
    text = {name: _clean(value) for name, value in values.items()}
    problems = _Problems()
    answers = Answers(stamp)
    if stamp.kind == WorksheetKind.EMOTION_LOG:
        answers.proposals = _emotion_rows(stamp, text, problems)
    elif stamp.kind == WorksheetKind.SESSION_PREP:
        answers.proposals = _session_prep(text, problems)
    else:
        answers.proposals = _feedback(stamp, text, today, problems)
    problems.raise_if_any()
    if not answers.proposals:
        raise InvalidInput("the worksheet has no answers yet; nothing was imported")
    return answers


def _emotion_rows(stamp: Stamp, text: Mapping[str, str], problems: _Problems) -> list[Proposal]:
    proposals = []
    for row in range(1, stamp.rows + 1):
        raw = {spec.name: text.get(row_field(row, spec.name), "") for spec in EMOTION_FIELDS}
        if not any(raw.values()):
            continue
        where = f"Row {row}"
        before = len(problems.items)
        entry = EmotionEntry(
            client_id=stamp.client_id,
            occurred_at=datetime.min,
            source=EmotionSource.WORKSHEET,
        )
        for spec in EMOTION_FIELDS:
            value = raw[spec.name]
            if spec.answer == Answer.WHEN:
                when = _when(spec, value, where, problems)
                if when is not None:
                    entry.occurred_at = when
            elif spec.answer == Answer.NUMBER:
                number = _number(spec, value, where, problems)
                if number is None and spec.name != "intensity_after" and not value:
                    problems.add(where, spec.name, f"is required ({spec.range_text})")
                elif number is not None:
                    setattr(entry, spec.name, number)
            else:
                setattr(entry, spec.name, _text(spec, value, where, problems))
        if len(problems.items) == before:
            _validated(validate_emotion, entry, where, problems)
        proposals.append(Proposal(where, entry))
    return proposals


def _session_prep(text: Mapping[str, str], problems: _Problems) -> list[Proposal]:
    answers = {
        spec.name: _text(spec, text.get(spec.name, ""), "Preparation", problems)
        for spec in SESSION_PREP_FIELDS
    }
    if not any(answers.values()):
        return []
    return [Proposal("Preparation", SessionPrep(answers))]


def feedback_impact(impact: str, suggestion: str) -> str:
    """Impact and suggestion in the one impact field a FeedbackEntry has."""
    if not suggestion:
        return impact
    return f"{impact}\n\nSuggestion: {suggestion}" if impact else f"Suggestion: {suggestion}"


def rating_text(rating: int, comment: str) -> str:
    """What a colleague's rating of an outcome says, as an observed behaviour."""
    said = f"Rated {rating} of {RATING_MAX} for progress seen towards this outcome."
    return f"{said}\n{comment}" if comment else said


def _feedback(
    stamp: Stamp, text: Mapping[str, str], today: date, problems: _Problems
) -> list[Proposal]:
    where = "Feedback"
    main = {
        spec.name: _text(spec, text.get(spec.name, ""), where, problems) for spec in FEEDBACK_FIELDS
    }
    base = FeedbackEntry(
        client_id=stamp.client_id,
        received_on=today,
        from_name=main["from_name"],
        from_role=main["from_role"],
        source=FeedbackSource.WORKSHEET,
    )
    proposals = []
    if main["observed_behaviour"] or main["perceived_impact"] or main["suggestion"]:
        entry = replace(base)
        entry.observed_behaviour = main["observed_behaviour"]
        entry.perceived_impact = feedback_impact(main["perceived_impact"], main["suggestion"])
        _validated(validate_feedback, entry, where, problems)
        proposals.append(Proposal(where, entry))
    for position, outcome_id in enumerate(stamp.outcome_ids, start=1):
        place = f"Outcome {position}"
        rating_spec, comment_spec = OUTCOME_FIELDS
        raw_rating = text.get(outcome_field(position, rating_spec.name), "")
        comment = _text(
            comment_spec, text.get(outcome_field(position, comment_spec.name), ""), place, problems
        )
        rating = _number(rating_spec, raw_rating, place, problems)
        if rating is None:
            if comment and not raw_rating:
                problems.add(
                    place,
                    rating_spec.name,
                    f"is required with a comment ({rating_spec.range_text})",
                )
            continue
        entry = replace(base)
        entry.outcome_id = outcome_id
        entry.observed_behaviour = rating_text(rating, comment)
        _validated(validate_feedback, entry, place, problems)
        proposals.append(Proposal(place, entry, outcome_position=position))
    return proposals


def next_session(sessions: Sequence[Session], today: date) -> Session | None:
    """The session a preparation worksheet is for: the first one dated today or later
    that is still planned (sessions carry a state once issue 14 is in; until then every
    session of today or later counts as planned)."""
    start = datetime.combine(today, datetime.min.time())
    upcoming = [
        s
        for s in sessions
        if s.started_at >= start and str(getattr(s, "state", "planned")) == "planned"
    ]
    return min(upcoming, key=lambda s: s.started_at, default=None)


def outcomes_for_stakeholder(contract: Contract | None) -> list[Outcome]:
    """The outcomes a colleague of the client is asked to rate: only those the sponsor
    may see (core.sharing), since a colleague is no closer to the client than the sponsor."""
    if contract is None:
        return []
    return [
        o
        for o in contract.outcomes
        if o.id is not None and o.statement.strip() and may_see(Audience.SPONSOR, o.audience)
    ][:MAX_OUTCOMES]
