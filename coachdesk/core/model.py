"""The records of a coaching engagement.

Plain mutable dataclasses, so editors can change them in place and storage, JSON export,
reports and the UI all share one shape. Every record has ``id: int | None``; None means
"not stored yet". All fields are keyword-only: records have many fields and a positional
call would silently put a value in the wrong one.

Choices are :class:`enum.StrEnum` members whose values are the snake_case strings stored
in the database and written to JSON exports; a plain string of the same value compares
equal, so data read back needs no special handling. Dates are :class:`datetime.date`,
times naive local :class:`datetime.datetime` (a coach's day is in local time).

Checks live in :mod:`coachdesk.core.validation`, not here, so a half-filled record can
exist while the coach is still typing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from coachdesk.core.audience import Audience, DisclosureAction, ReportCopy
from coachdesk.core.emotions import Quadrant, quadrant_of
from coachdesk.core.fields import BY_CLAUSE, text

# --- Clients -------------------------------------------------------------------------


class ClientStatus(StrEnum):
    PROSPECT = "prospect"
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"


class Focus(StrEnum):
    """What the coaching is mainly about; people management enables stakeholder feedback."""

    SELF_MANAGEMENT = "self_management"
    PEOPLE_MANAGEMENT = "people_management"
    OTHER = "other"


@dataclass(slots=True, kw_only=True)
class Client:
    """The person being coached, and who sponsors (pays for) the coaching."""

    id: int | None = None
    name: str = text("Name", search=True, audience=Audience.SPONSOR, line=True, form="&Name")
    organisation: str = text(
        "Organisation", search=True, audience=Audience.SPONSOR, line=True, form="&Organisation"
    )
    role: str = text("Role", search=True, audience=Audience.SPONSOR, line=True, form="&Role")
    sponsor_organisation: str = text(
        "Sponsor organisation",
        search=True,
        audience=Audience.SPONSOR,
        line=True,
        form="Or&ganisation",  # under the heading "Sponsor"
    )
    sponsor_contact: str = text(
        "Sponsor contact", search=False, audience=Audience.SPONSOR, line=True, form="&Contact"
    )
    email: str = text("Email", search=False, audience=Audience.SPONSOR, line=True, form="&Email")
    phone: str = text("Phone", search=False, audience=Audience.SPONSOR, line=True, form="&Phone")
    status: ClientStatus = ClientStatus.ACTIVE
    focus: Focus = Focus.OTHER
    tags: list[str] = text(
        "Tags", search=False, audience=Audience.COACH, many=True, line=True, form="&Tags"
    )
    intake_notes: str = text("Intake notes", search=True, audience=Audience.COACH)
    retention_date: date | None = None
    """When the client's records should be deleted (data-protection retention)."""
    created_at: datetime | None = None


# --- Contracts, outcomes, milestones, risks ------------------------------------------


class ContractStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    AMENDED = "amended"
    ENDED = "ended"


class SessionFormat(StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"
    MIXED = "mixed"


@dataclass(slots=True, kw_only=True)
class OutcomeReading:
    """One measurement of an outcome, so progress can be shown over time."""

    on: date
    value: float
    note: str = text("Note", search=False, audience=Audience.SPONSOR, follows="note_audience")
    note_audience: Audience | None = None
    """Who may read the note; None follows the outcome (see core.sharing)."""


@dataclass(slots=True, kw_only=True)
class Outcome:
    """A result agreed in the contract, measured on a scale from baseline to target.

    A target below the baseline is allowed: "reduce escalations from 12 to 3 a month".
    """

    id: int | None = None
    contract_id: int | None = None
    statement: str = text(
        "Statement", search=True, audience=Audience.SPONSOR, follows="audience", line=True
    )
    measure: str = text(
        "Measure", search=True, audience=Audience.SPONSOR, follows="audience", line=True
    )
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    history: list[OutcomeReading] = field(default_factory=list)
    deadline: date | None = None
    owner: str = text(
        "Owner", search=True, audience=Audience.SPONSOR, follows="audience", line=True
    )
    audience: Audience = Audience.CLIENT
    """Who may see it; the sponsor only once the coach marks it (see core.sharing)."""


@dataclass(slots=True, kw_only=True)
class Milestone:
    """An intermediate result on the way to an outcome."""

    id: int | None = None
    contract_id: int | None = None
    outcome_id: int | None = None
    title: str = text(
        "Milestone",
        search=True,
        audience=Audience.SPONSOR,
        follows="audience",
        line=True,
        form="Title",  # in the milestone's own editor
    )
    due: date | None = None
    done_on: date | None = None
    evidence: str = text(
        "Evidence", search=True, audience=Audience.SPONSOR, follows="evidence_audience"
    )
    audience: Audience = Audience.CLIENT
    evidence_audience: Audience | None = None
    """Who may read the evidence; None follows the milestone."""

    @property
    def done(self) -> bool:
        """A milestone is done once the day it was reached is recorded."""
        return self.done_on is not None


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RiskStatus(StrEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    OCCURRED = "occurred"
    CLOSED = "closed"


@dataclass(slots=True, kw_only=True)
class Risk:
    """Something that could keep the engagement from its results."""

    id: int | None = None
    contract_id: int | None = None
    description: str = text(
        "Risk",
        search=True,
        audience=Audience.SPONSOR,
        follows="audience",
        line=True,
        form="Description",  # in the risk's own editor
    )
    likelihood: RiskLevel = RiskLevel.MEDIUM
    impact: RiskLevel = RiskLevel.MEDIUM
    mitigation: str = text("Mitigation", search=True, audience=Audience.SPONSOR, follows="audience")
    status: RiskStatus = RiskStatus.OPEN
    audience: Audience = Audience.CLIENT


@dataclass(slots=True, kw_only=True)
class ClauseAudience:
    """A contract clause marked narrower than the three-way agreement (see core.sharing)."""

    clause: str = text("Clause", search=False, audience=Audience.COACH, required=True)
    audience: Audience


@dataclass(slots=True, kw_only=True)
class Contract:
    """The coaching agreement; amended contracts are stored as new versions."""

    id: int | None = None
    client_id: int | None = None
    version: int = 1
    title: str = text("Title", search=True, audience=Audience.SPONSOR, line=True)
    start_date: date | None = None
    end_date: date | None = None
    session_count: int | None = None
    session_length_minutes: int | None = None
    cadence: str = text("Cadence", search=True, audience=Audience.SPONSOR, line=True)
    format: SessionFormat = SessionFormat.IN_PERSON
    fees: str = text("Fees", search=True, audience=Audience.SPONSOR, follows=BY_CLAUSE, line=True)
    cancellation_terms: str = text(
        "Cancellation", search=True, audience=Audience.SPONSOR, follows=BY_CLAUSE
    )
    confidentiality: str = text(
        "What stays between coach and client",
        search=True,
        audience=Audience.SPONSOR,
        follows=BY_CLAUSE,
    )
    confidentiality_limits: str = text(
        "Limits of confidentiality", search=True, audience=Audience.SPONSOR, follows=BY_CLAUSE
    )
    sponsor_reporting: str = text(
        "What is reported to the sponsor", search=True, audience=Audience.SPONSOR, follows=BY_CLAUSE
    )
    """What is reported to the sponsor, as agreed by everyone."""
    coach_responsibilities: str = text(
        "The coach's responsibilities", search=True, audience=Audience.SPONSOR, follows=BY_CLAUSE
    )
    client_responsibilities: str = text(
        "The client's responsibilities", search=True, audience=Audience.SPONSOR, follows=BY_CLAUSE
    )
    status: ContractStatus = ContractStatus.DRAFT
    signed_date: date | None = None
    late_cancellation_counts: bool = True
    """Whether a session cancelled late counts against the session allowance (as the
    cancellation terms say in words; most coaching contracts say it does)."""
    no_show_counts: bool = True
    """Whether a session the client missed counts against the session allowance."""
    outcomes: list[Outcome] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    clause_audiences: list[ClauseAudience] = field(default_factory=list)
    """Clauses kept from the sponsor's copy (confidential) or from every copy."""
    sponsor_confirmed_on: date | None = None
    """When the coach confirmed which outcomes and milestones the sponsor sees."""


# --- Sessions and action items -------------------------------------------------------


class SessionState(StrEnum):
    """What became of a session. Only the coach can say a session was held: a planned
    session whose time has passed stays planned ("did this session happen?") until then.
    Counts come from these states alone (:mod:`coachdesk.core.attendance`)."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    """Cancelled in time (as the contract's terms define it): never counted."""
    CANCELLED_LATE = "cancelled_late"
    """Cancelled too late: counted when the contract says so."""
    NO_SHOW = "no_show"
    """The client did not come: counted when the contract says so."""


class SessionTemplate(StrEnum):
    FREE = "free"
    GROW = "grow"  # Goal, Reality, Options, Way forward


@dataclass(slots=True, kw_only=True)
class Session:
    """One coaching conversation.

    ``shared_summary`` may go to the client; ``private_notes`` are for the coach's eyes
    only and must never reach a shareable report.
    """

    id: int | None = None
    client_id: int | None = None
    started_at: datetime
    duration_minutes: int = 60
    state: SessionState = SessionState.PLANNED
    number: int | None = None
    """n of N: the session's place in the contract, when the coach counts."""
    format: SessionFormat = SessionFormat.IN_PERSON
    agenda: str = text("Agenda", search=True, audience=Audience.CLIENT, form="&Agenda")
    template: SessionTemplate = SessionTemplate.FREE
    grow_goal: str = text("Goal", search=True, audience=Audience.COACH, form="&Goal")
    grow_reality: str = text("Reality", search=True, audience=Audience.COACH, form="&Reality")
    grow_options: str = text("Options", search=True, audience=Audience.COACH, form="&Options")
    grow_way_forward: str = text(
        "Way forward", search=True, audience=Audience.COACH, form="&Way forward"
    )
    shared_summary: str = text(
        "Shared summary",
        search=True,
        audience=Audience.CLIENT,
        form="Shared summary — may be shared with the client",
    )
    private_notes: str = text("Private notes", search=True, audience=Audience.COACH)
    decisions: str = text("Decisions", search=True, audience=Audience.CLIENT, form="De&cisions")
    insights: str = text(
        "Insights and resources", search=True, audience=Audience.COACH, form="&Insights"
    )
    comfort_zone_steps: str = text(
        "Comfort-zone steps", search=True, audience=Audience.COACH, form="Comfort &zone"
    )
    focus_area: str = text(
        "Focus", search=True, audience=Audience.COACH, line=True, form="Focu&s area"
    )
    process_rating: int | None = None
    """0–10: how well the conversation itself went."""
    result_rating: int | None = None
    """0–10: how much it moved the client towards the agreed results."""
    outcome_ids: list[int] = field(default_factory=list)
    next_steps: str = text("Next steps", search=True, audience=Audience.CLIENT, form="Ne&xt steps")


class ActionOwner(StrEnum):
    CLIENT = "client"
    COACH = "coach"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(slots=True, kw_only=True)
class ActionItem:
    """A commitment made in a session, reviewed in a later one."""

    id: int | None = None
    client_id: int | None = None
    session_id: int | None = None
    owner: ActionOwner = ActionOwner.CLIENT
    text: str = text("Commitment", search=False, audience=Audience.CLIENT, line=True)
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    reviewed_session_id: int | None = None


# --- Emotion log and feedback ----------------------------------------------------------


class EmotionSource(StrEnum):
    SELF_REPORT = "self_report"
    OBSERVED = "observed"  # noticed by the coach in a session
    STAKEHOLDER = "stakeholder"
    WORKSHEET = "worksheet"  # read back from a worksheet the client filled in


@dataclass(slots=True, kw_only=True)
class EmotionEntry:
    """One emotional episode, placed on the Mood Meter and, optionally, Plutchik's wheel."""

    id: int | None = None
    client_id: int | None = None
    occurred_at: datetime
    source: EmotionSource = EmotionSource.SELF_REPORT
    situation: str = text("Situation", search=True, audience=Audience.COACH, form="&Situation")
    trigger: str = text("Trigger", search=True, audience=Audience.COACH, form="&Trigger")
    label: str = text("Label", search=True, audience=Audience.COACH, line=True, form="&Label")
    """A Mood Meter word or the client's own word."""
    family: str = text("Plutchik family", search=True, audience=Audience.CLIENT, form="Fa&mily")
    """A Plutchik family (see :class:`coachdesk.core.emotions.PlutchikFamily`) or ""."""
    pleasantness: int | None = 0
    """−5…+5; None while a new entry is not yet placed on the Mood Meter (never stored)."""
    energy: int | None = 0
    """−5…+5; None while not yet placed, like ``pleasantness``."""
    intensity: int = 5
    body_sensation: str = text(
        "Body sensation", search=True, audience=Audience.COACH, line=True, form="&Body sensation"
    )
    thought: str = text("Thought", search=True, audience=Audience.COACH, form="Thou&ght")
    reaction: str = text("Reaction", search=True, audience=Audience.COACH, form="Re&action")
    perceived_by_others: str = text(
        "How others perceived it", search=True, audience=Audience.COACH, form="&Perceived by others"
    )
    regulation_strategy: str = text(
        "Regulation strategy", search=True, audience=Audience.COACH, line=True, form="Strateg&y"
    )
    regulation_effect: int | None = None
    intensity_after: int | None = None

    @property
    def placed(self) -> bool:
        """Whether the entry has its point on the Mood Meter. A new entry starts
        unplaced, so an entry nobody placed is never mistaken for a neutral (0, 0)."""
        return self.pleasantness is not None and self.energy is not None

    @property
    def quadrant(self) -> Quadrant:
        """Derived from pleasantness and energy, never stored, so it cannot disagree.
        An unplaced entry has no quadrant yet and reads as neutral; check ``placed``."""
        if self.pleasantness is None or self.energy is None:
            return Quadrant.NEUTRAL
        return quadrant_of(self.pleasantness, self.energy)


class FeedbackSource(StrEnum):
    """How feedback reached the vault."""

    COACH = "coach"  # typed in by the coach
    WORKSHEET = "worksheet"  # read back from a feedback request a colleague filled in


@dataclass(slots=True, kw_only=True)
class FeedbackEntry:
    """What a stakeholder observed (behaviour) and how it landed (impact)."""

    id: int | None = None
    client_id: int | None = None
    received_on: date
    from_role: str = text(
        "From (role)", search=True, audience=Audience.COACH, line=True, form="From (r&ole)"
    )
    from_name: str = text(
        "From (name)", search=True, audience=Audience.COACH, line=True, form="&Name"
    )
    observed_behaviour: str = text(
        "Observed behaviour", search=True, audience=Audience.COACH, form="O&bserved behaviour"
    )
    perceived_impact: str = text(
        "Perceived impact", search=True, audience=Audience.COACH, form="&Perceived impact"
    )
    outcome_id: int | None = None
    source: FeedbackSource = FeedbackSource.COACH


@dataclass(slots=True, kw_only=True)
class Disclosure:
    """One report that left the vault: when, which copy, for whom, which items (by id)
    and whether the client approved it. Never its content (see core.sharing)."""

    id: int | None = None
    client_id: int | None = None
    at: datetime
    kind: ReportCopy
    audience: Audience
    item_ids: list[str] = text("Items", search=False, audience=Audience.COACH, many=True)
    approved_on: date | None = None
    """The day the client approved this report, when the coach recorded it."""
    action: DisclosureAction = DisclosureAction.SAVED


# --- The whole engagement -----------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Engagement:
    """Everything about one client, as loaded in one call: what the coach re-reads
    before a session and what progress is computed from."""

    client: Client
    contract: Contract | None = None
    """The current contract version, if any."""
    sessions: list[Session] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    emotions: list[EmotionEntry] = field(default_factory=list)
    feedback: list[FeedbackEntry] = field(default_factory=list)
    disclosures: list[Disclosure] = field(default_factory=list)
    """What was shared about the client, and with whom (the disclosure log)."""
