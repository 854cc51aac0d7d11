"""The sharing rules in core.sharing: audiences, copies, confirmation, the review list."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coachdesk.core.audience import Audience
from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import (
    Client,
    Contract,
    EmotionEntry,
    Engagement,
    FeedbackEntry,
    Milestone,
    Outcome,
    Risk,
    Session,
)
from coachdesk.core.sharing import (
    ReportCopy,
    clause_audience,
    confirm_sponsor_items,
    disclosure_for,
    effective,
    may_see,
    report_copy,
    review_items,
    set_clause_audience,
    shared_view,
)

C, K, S = Audience.COACH, Audience.CLIENT, Audience.SPONSOR


def test_audiences_nest() -> None:
    assert [may_see(K, a) for a in (C, K, S)] == [False, True, True]
    assert [may_see(S, a) for a in (C, K, S)] == [False, False, True]
    assert all(may_see(C, a) for a in (C, K, S))


def test_a_detail_follows_its_parent_and_is_never_wider() -> None:
    assert effective(None, S) == S and effective(None, C) == C
    assert effective(C, S) == C
    assert effective(S, K) == K  # evidence marked for the sponsor under a client milestone


def test_safe_defaults() -> None:
    assert Outcome().audience == K and Milestone().audience == K and Risk().audience == K
    assert Contract().sponsor_confirmed_on is None


def test_only_the_contract_has_two_copies() -> None:
    assert report_copy("contract") == ReportCopy.CONTRACT_CLIENT
    assert report_copy("contract", "sponsor") == ReportCopy.CONTRACT_SPONSOR
    assert report_copy("sponsor") == ReportCopy.SPONSOR
    for kind, audience in (("progress", "sponsor"), ("sponsor", "client"), ("session", "coach")):
        with pytest.raises(InvalidInput):
            report_copy(kind, audience)
    with pytest.raises(InvalidInput, match="not a shareable"):
        report_copy("client-export")
    with pytest.raises(InvalidInput, match="unknown audience"):
        report_copy("contract", "board")


def _engagement() -> Engagement:
    contract = Contract(
        id=1,
        client_id=1,
        fees="FEES",
        confidentiality_limits="LIMITS",
        outcomes=[
            Outcome(id=10, statement="O-SPONSOR", audience=S),
            Outcome(id=11, statement="O-CLIENT"),
            Outcome(id=12, statement="O-COACH", audience=C),
        ],
        milestones=[
            Milestone(id=20, title="M-SPONSOR", outcome_id=11, audience=S, evidence="EV"),
            Milestone(id=21, title="M-CLIENT"),
        ],
        risks=[Risk(id=30, description="R-CLIENT"), Risk(id=31, description="R-S", audience=S)],
    )
    set_clause_audience(contract, "confidentiality_limits", K)
    return Engagement(
        client=Client(id=1, name="N", intake_notes="INTAKE", tags=["t"]),
        contract=contract,
        sessions=[
            Session(
                id=40,
                client_id=1,
                started_at=datetime(2026, 1, 5, 9),
                shared_summary="SUMMARY",
                private_notes="PRIVATE",
                process_rating=7,
                outcome_ids=[10, 11, 12],
            )
        ],
        emotions=[EmotionEntry(id=50, occurred_at=datetime(2026, 1, 6), label="LABEL")],
        feedback=[FeedbackEntry(id=60, received_on=date(2026, 1, 7), observed_behaviour="FB")],
    )


def test_the_sponsor_view_holds_only_sponsor_items_and_session_dates() -> None:
    original = _engagement()
    view = shared_view(original, ReportCopy.SPONSOR)
    assert view.contract is not None
    assert [o.statement for o in view.contract.outcomes] == ["O-SPONSOR"]
    assert [m.title for m in view.contract.milestones] == ["M-SPONSOR"]
    assert view.contract.milestones[0].outcome_id is None  # its outcome is not shared
    assert view.contract.milestones[0].evidence == "EV"  # follows its (sponsor) milestone
    assert [r.description for r in view.contract.risks] == ["R-S"]
    assert view.contract.confidentiality_limits == "" and view.contract.fees == "FEES"
    session = view.sessions[0]
    assert (session.shared_summary, session.private_notes, session.process_rating) == ("", "", None)
    assert session.outcome_ids == []
    assert view.emotions == [] and view.feedback == [] and view.action_items == []
    assert view.client.intake_notes == "" and view.client.tags == []
    # The original is untouched: the view is a copy.
    assert original.contract is not None and len(original.contract.outcomes) == 3
    assert original.sessions[0].private_notes == "PRIVATE"


def test_the_client_progress_view_keeps_client_items_ratings_and_no_session_text() -> None:
    view = shared_view(_engagement(), ReportCopy.PROGRESS, exclude={"outcome:11"})
    assert view.contract is not None
    assert [o.statement for o in view.contract.outcomes] == ["O-SPONSOR"]  # 11 unticked
    assert [r.description for r in view.contract.risks] == ["R-CLIENT", "R-S"]
    assert view.sessions[0].process_rating == 7 and view.sessions[0].shared_summary == ""
    assert view.emotions and view.emotions[0].label == "" and view.feedback == []


def test_review_lists_each_item_with_its_audience_and_the_log_keeps_only_ids() -> None:
    engagement = _engagement()
    items = review_items(engagement, ReportCopy.CONTRACT_SPONSOR)
    assert [(i.kind, i.audience) for i in items] == [
        ("Clause", S),
        ("Outcome", S),
        ("Milestone", S),
        ("Risk", S),
    ]
    entry = disclosure_for(
        engagement,
        ReportCopy.CONTRACT_SPONSOR,
        at=datetime(2026, 2, 1, 10, 0, 0, 123),
        exclude={"risk:31"},
        approved_on=date(2026, 1, 31),
    )
    assert entry.item_ids == ["clause:fees", "outcome:10", "milestone:20"]
    assert entry.audience == S and entry.at.microsecond == 0
    client_items = review_items(engagement, ReportCopy.PROGRESS)
    assert ("Outcome", C) not in [(i.kind, i.audience) for i in client_items]
    assert {"ratings", "emotion-trends"} <= {i.ref for i in client_items}


def test_confirming_sponsor_items_sets_exactly_the_ticked_ones() -> None:
    contract = _engagement().contract
    assert contract is not None
    confirm_sponsor_items(contract, {"outcome:11", "milestone:21"}, date(2026, 3, 1))
    assert [o.audience for o in contract.outcomes] == [K, S, C]
    assert [m.audience for m in contract.milestones] == [K, S]
    assert [r.audience for r in contract.risks] == [K, S]  # risks stay as marked
    assert contract.sponsor_confirmed_on == date(2026, 3, 1)


def test_clause_marks_store_only_exceptions() -> None:
    contract = Contract()
    set_clause_audience(contract, "fees", C)
    assert clause_audience(contract, "fees") == C and len(contract.clause_audiences) == 1
    set_clause_audience(contract, "fees", S)
    assert contract.clause_audiences == [] and clause_audience(contract, "fees") == S
    with pytest.raises(InvalidInput):
        set_clause_audience(contract, "title", C)


def test_status_headline_is_truthful() -> None:
    from coachdesk.core.model import ContractStatus
    from coachdesk.core.progress import engagement_progress, final_distances, status_headline

    today = date(2026, 6, 1)
    none = engagement_progress(Engagement(client=Client(name="N")), today)
    assert status_headline(none) == "No contract"
    contract = Contract(
        start_date=date(2026, 1, 1),
        end_date=date(2026, 5, 1),
        status=ContractStatus.ENDED,
        outcomes=[
            Outcome(statement="a", baseline=0, target=10, current=10),
            Outcome(statement="b", baseline=0, target=10, current=4),
            Outcome(statement="c"),
        ],
    )
    ended = engagement_progress(Engagement(client=Client(name="N"), contract=contract), today)
    assert status_headline(ended) == "Ended: 1 of 3 outcomes reached"
    assert final_distances(ended) == [
        "Outcome 1: target reached",
        "Outcome 2: ended 40% of the way",
        "Outcome 3: not measured",
    ]
    contract.end_date, contract.status = date(2026, 12, 1), ContractStatus.SIGNED
    running = engagement_progress(Engagement(client=Client(name="N"), contract=contract), today)
    assert status_headline(running) in ("On track", "At risk", "Off track")
    assert status_headline(running, closed=True).startswith("Ended")


def test_the_session_review_item_reads_its_date_as_the_app_does() -> None:
    """Not ISO ("2026-01-05 09:00"): the review dialog speaks the app's dates."""
    (session, *_rest) = review_items(_engagement(), ReportCopy.SESSION, session_id=40)
    assert session.text.startswith("05 Jan 2026, 09:00: agenda")
