from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

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
    SessionTemplate,
)

# Storage, JSON export, reports and the UI are built on these names: renaming one is a
# breaking change, so it has to show up here.
FIELDS = {
    Client: "id name organisation role sponsor_organisation sponsor_contact email phone "
    "status focus tags intake_notes retention_date created_at",
    Contract: "id client_id version title start_date end_date session_count "
    "session_length_minutes cadence format fees cancellation_terms confidentiality "
    "confidentiality_limits sponsor_reporting coach_responsibilities "
    "client_responsibilities status signed_date late_cancellation_counts no_show_counts "
    "outcomes milestones risks clause_audiences sponsor_confirmed_on",
    OutcomeReading: "on value note note_audience",
    Outcome: "id contract_id statement measure baseline target current history deadline owner "
    "audience",
    Milestone: "id contract_id outcome_id title due done_on evidence audience evidence_audience",
    Risk: "id contract_id description likelihood impact mitigation status audience",
    Session: "id client_id started_at duration_minutes state number format agenda template "
    "grow_goal grow_reality grow_options grow_way_forward shared_summary private_notes "
    "decisions insights comfort_zone_steps focus_area process_rating result_rating "
    "outcome_ids next_steps",
    ActionItem: "id client_id session_id owner text due status reviewed_session_id",
    EmotionEntry: "id client_id occurred_at source situation trigger label family "
    "pleasantness energy intensity body_sensation thought reaction perceived_by_others "
    "regulation_strategy regulation_effect intensity_after",
    FeedbackEntry: "id client_id received_on from_role from_name observed_behaviour "
    "perceived_impact outcome_id source",
    Engagement: "client contract sessions action_items emotions feedback disclosures",
}


@pytest.mark.parametrize("record_type", list(FIELDS), ids=lambda t: t.__name__)
def test_field_names_are_the_agreed_ones(record_type: type) -> None:
    names = [f.name for f in dataclasses.fields(record_type)]
    assert names == FIELDS[record_type].split()


def test_enum_values_are_the_stored_strings() -> None:
    expected = {
        ClientStatus: ["prospect", "active", "paused", "closed"],
        Focus: ["self_management", "people_management", "other"],
        ContractStatus: ["draft", "signed", "amended", "ended"],
        SessionFormat: ["in_person", "video", "phone", "mixed"],
        RiskLevel: ["low", "medium", "high"],
        RiskStatus: ["open", "mitigated", "occurred", "closed"],
        SessionTemplate: ["free", "grow"],
        ActionOwner: ["client", "coach"],
        ActionStatus: ["open", "done", "dropped"],
        EmotionSource: ["self_report", "observed", "stakeholder", "worksheet"],
        FeedbackSource: ["coach", "worksheet"],
    }
    for enum_type, values in expected.items():
        assert [member.value for member in enum_type] == values
    # A plain string read back from the database compares equal to the member.
    assert ClientStatus.ACTIVE == "active"
    assert ClientStatus("paused") is ClientStatus.PAUSED


def test_defaults_make_a_new_unstored_record() -> None:
    client = Client()
    assert client.id is None
    assert client.name == ""
    assert client.status is ClientStatus.ACTIVE
    assert client.focus is Focus.OTHER
    assert client.tags == []
    assert client.retention_date is None and client.created_at is None
    contract = Contract()
    assert contract.version == 1
    assert contract.status is ContractStatus.DRAFT
    assert contract.outcomes == [] and contract.milestones == [] and contract.risks == []
    risk = Risk()
    assert risk.status is RiskStatus.OPEN
    item = ActionItem()
    assert item.owner is ActionOwner.CLIENT and item.status is ActionStatus.OPEN
    session = Session(started_at=datetime(2024, 5, 1, 9))
    assert session.template is SessionTemplate.FREE
    assert session.process_rating is None and session.outcome_ids == []


def test_lists_are_not_shared_between_records() -> None:
    first, second = Client(), Client()
    first.tags.append("board")
    assert second.tags == []


def test_records_are_mutable_keyword_only_and_slotted() -> None:
    client = Client(name="A")
    client.name = "B"
    assert client.name == "B"
    with pytest.raises(AttributeError):
        client.nickname = "x"
    with pytest.raises(TypeError):
        Client(1, "A")


def test_records_that_need_a_moment_in_time_require_it() -> None:
    with pytest.raises(TypeError):
        Session()
    with pytest.raises(TypeError):
        EmotionEntry()
    with pytest.raises(TypeError):
        FeedbackEntry()


def test_milestone_is_done_once_a_done_date_is_set() -> None:
    milestone = Milestone(title="First 1:1s held", due=date(2024, 3, 1))
    assert not milestone.done
    milestone.done_on = date(2024, 2, 28)
    assert milestone.done


def test_engagement_holds_everything_about_one_client() -> None:
    engagement = Engagement(client=Client(name="A"))
    assert engagement.contract is None
    assert engagement.sessions == engagement.action_items == []
    assert engagement.emotions == engagement.feedback == []
