"""Every text field of the domain is declared once: label, searchable, who may read it.

The test that matters most is the first: a text field added to a record without saying
whether search indexes it and who may read it in a report fails here.
"""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass
from datetime import date, datetime

import pytest

from coachdesk.core import attachments, fields, model
from coachdesk.core.audience import Audience, ReportCopy
from coachdesk.core.fields import BY_CLAUSE, FieldInfo, text, text_fields, undeclared
from coachdesk.core.model import (
    ClauseAudience,
    Client,
    Contract,
    EmotionEntry,
    Engagement,
    Milestone,
    Outcome,
    OutcomeReading,
    Session,
)
from coachdesk.core.sharing import CLAUSES, REPORT_AUDIENCE, blank_unseen, may_see, shared_view
from coachdesk.demo import demo_engagements

RECORDS = [
    cls
    for module in (model, attachments)
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__
]


def test_the_domain_records_are_all_found() -> None:
    names = {cls.__name__ for cls in RECORDS}
    assert {"Client", "Contract", "Session", "EmotionEntry", "Attachment"} <= names
    assert len(RECORDS) >= 13


@pytest.mark.parametrize("record_type", RECORDS, ids=lambda c: c.__name__)
def test_every_text_field_declares_search_and_a_sharing_rule(record_type: type) -> None:
    assert undeclared(record_type) == [], (
        f"declare these {record_type.__name__} fields with coachdesk.core.fields.text(label, "
        "search=..., audience=...): whether search indexes them and who may read them"
    )
    for declared in text_fields(record_type):
        info = declared.info
        assert isinstance(info.search, bool)
        assert isinstance(info.audience, Audience)
        assert info.label.strip() and info.label == info.label.strip()
        if info.follows and info.follows != BY_CLAUSE:
            assert info.follows in {f.name for f in dataclasses.fields(record_type)}


def test_a_text_field_without_a_declaration_is_found() -> None:
    """The control: the check above can fail."""

    @dataclass
    class Careless:
        note: str = ""
        maybe: str | None = None
        words: list[str] = dataclasses.field(default_factory=list)
        count: int = 0
        said: str = text("Said", search=True, audience=Audience.COACH)

    assert undeclared(Careless) == ["note", "maybe", "words"]


def test_text_declares_defaults_like_dataclasses_field() -> None:
    @dataclass(kw_only=True)
    class Record:
        needed: str = text("Needed", search=False, audience=Audience.COACH, required=True)
        plain: str = text("Plain", search=True, audience=Audience.CLIENT)
        typed: str = text("Typed", search=False, audience=Audience.COACH, default="x/y")
        many: list[str] = text("Many", search=False, audience=Audience.COACH, many=True)

    with pytest.raises(TypeError):
        Record()  # type: ignore[call-arg]
    one, two = Record(needed="a"), Record(needed="b")
    assert (one.plain, one.typed, one.many) == ("", "x/y", [])
    one.many.append("m")
    assert two.many == []  # a fresh list each time


def test_labels_searchable_and_audiences_read_back() -> None:
    assert fields.label(Session, "shared_summary") == "Shared summary"
    assert fields.label(EmotionEntry, "perceived_by_others") == "How others perceived it"
    assert fields.searchable(Client) == (
        "name",
        "organisation",
        "role",
        "sponsor_organisation",
        "intake_notes",
    )
    private = fields.info(Session, "private_notes")
    assert (private.client, private.sponsor) == (False, False)
    summary = fields.info(Session, "shared_summary")
    assert (summary.client, summary.sponsor) == (True, False)
    assert fields.info(Client, "name").sponsor
    with pytest.raises(KeyError):
        fields.info(Session, "started_at")  # not text


def test_the_contract_clauses_are_the_fields_that_follow_their_clause() -> None:
    assert CLAUSES == {
        "fees": "Fees",
        "cancellation_terms": "Cancellation",
        "confidentiality": "What stays between coach and client",
        "confidentiality_limits": "Limits of confidentiality",
        "sponsor_reporting": "What is reported to the sponsor",
        "coach_responsibilities": "The coach's responsibilities",
        "client_responsibilities": "The client's responsibilities",
    }


def test_private_session_notes_and_feedback_reach_no_report() -> None:
    never = {
        (cls.__name__, f.name)
        for cls in RECORDS
        for f in text_fields(cls)
        if f.info.audience == Audience.COACH
    }
    assert {
        ("Session", "private_notes"),
        ("Client", "intake_notes"),
        ("Client", "tags"),
        ("FeedbackEntry", "observed_behaviour"),
        ("EmotionEntry", "situation"),
    } <= never


def test_blank_unseen_follows_each_kind_of_rule() -> None:
    session = Session(
        started_at=datetime(2026, 1, 5, 9),
        agenda="agenda",
        private_notes="private",
        shared_summary="summary",
    )
    blank_unseen(session, Audience.CLIENT)
    assert (session.agenda, session.shared_summary, session.private_notes) == (
        "agenda",
        "summary",
        "",
    )
    blank_unseen(session, Audience.SPONSOR)
    assert session.agenda == session.shared_summary == ""

    client = Client(name="N", intake_notes="intake", tags=["t"])
    blank_unseen(client, Audience.SPONSOR)
    assert (client.name, client.intake_notes, client.tags) == ("N", "", [])

    milestone = Milestone(
        title="t", evidence="e", audience=Audience.SPONSOR, evidence_audience=Audience.CLIENT
    )
    blank_unseen(milestone, Audience.SPONSOR, milestone.audience)
    assert (milestone.title, milestone.evidence) == ("t", "")

    reading = OutcomeReading(on=date(2026, 1, 5), value=1.0, note="n")
    blank_unseen(reading, Audience.SPONSOR, Outcome().audience)  # follows a client outcome
    assert reading.note == ""

    contract = Contract(
        title="T",
        fees="fees",
        confidentiality="conf",
        clause_audiences=[ClauseAudience(clause="fees", audience=Audience.CLIENT)],
    )
    blank_unseen(contract, Audience.SPONSOR)
    assert (contract.title, contract.fees, contract.confidentiality) == ("T", "", "conf")


def test_field_info_is_immutable() -> None:
    info = FieldInfo("Label", True, Audience.CLIENT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.search = False  # type: ignore[misc]


def _records(engagement: Engagement) -> list[object]:
    found: list[object] = [engagement.client, *engagement.sessions, *engagement.action_items]
    found += [*engagement.emotions, *engagement.feedback, *engagement.disclosures]
    if engagement.contract is not None:
        contract = engagement.contract
        found += [contract, *contract.outcomes, *contract.milestones, *contract.risks]
        found += [reading for outcome in contract.outcomes for reading in outcome.history]
    return found


@pytest.mark.parametrize("which", list(ReportCopy), ids=str)
def test_no_report_holds_a_field_its_reader_may_never_read(which: ReportCopy) -> None:
    """The class, not the case: every text field of every demo record is given a word of
    its own, and no report copy keeps one whose declared audience excludes its reader."""
    reader = REPORT_AUDIENCE[which]
    for engagement in demo_engagements(date(2026, 12, 3)):
        for record in _records(engagement):
            for declared in text_fields(type(record)):
                word = f"QZ{declared.name}"
                many = isinstance(getattr(record, declared.name), list)
                setattr(record, declared.name, [word] if many else word)
        view = shared_view(engagement, which)
        for record in _records(view):
            for declared in text_fields(type(record)):
                if not may_see(reader, declared.info.audience):
                    # Empty, or a word of the report's own ("tried" for a strategy).
                    value = str(getattr(record, declared.name))
                    assert "QZ" not in value, (which, type(record).__name__, declared.name)
