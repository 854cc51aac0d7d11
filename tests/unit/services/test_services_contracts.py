"""The contract's use cases without Qt: draft, amend, sign, readings, removing outcomes.

The pure rules run on plain records; the operations over the repositories run on a real
vault (cheap KDF, so still fast)."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.core.errors import InvalidInput, NotFound, ValidationError
from coachdesk.core.model import (
    Contract,
    ContractStatus,
    Milestone,
    Outcome,
    OutcomeReading,
)
from coachdesk.core.validation import validate_contract
from coachdesk.services.contracts import (
    DRAFT_MONTHS,
    add_months,
    date_signature,
    draft_contract,
    record_reading,
    remove_outcome,
    save_contract,
    sign_contract,
    start_contract,
)
from coachdesk.vault.store import Store

TODAY = date(2026, 3, 10)


# --- Month arithmetic and the draft ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 10), 6, date(2026, 9, 10)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # no 31 February: its last day
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 10, 15), 3, date(2027, 1, 15)),  # across the year
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 5), 0, date(2026, 5, 5)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_the_draft_runs_six_months_from_today_and_is_valid() -> None:
    contract = draft_contract(7, TODAY)
    assert (contract.client_id, contract.status, contract.version) == (7, ContractStatus.DRAFT, 1)
    assert contract.start_date == TODAY
    assert contract.end_date == date(2026, 9, 10) == add_months(TODAY, DRAFT_MONTHS)
    assert (contract.session_count, contract.session_length_minutes) == (10, 90)
    assert contract.title and contract.confidentiality and contract.sponsor_reporting
    validate_contract(contract)  # a draft is stored as it is


def test_start_contract_stores_the_draft(store: Store, client_id: int) -> None:
    contract = start_contract(store, client_id)
    assert contract.id is not None
    stored = store.contracts.for_client(client_id)
    assert stored is not None and stored.id == contract.id
    expected = draft_contract(client_id, store.today())
    expected.id = contract.id
    assert stored == expected


def test_start_contract_never_replaces_one(store: Store, client_id: int) -> None:
    first = start_contract(store, client_id)
    first.fees = "EUR 400 per session"
    save_contract(store, first)
    with pytest.raises(InvalidInput, match="already has a contract"):
        start_contract(store, client_id)
    stored = store.contracts.for_client(client_id)
    assert stored is not None and stored.fees == "EUR 400 per session"


def test_start_contract_for_an_unknown_client(store: Store) -> None:
    with pytest.raises(NotFound):
        start_contract(store, 999)


# --- Signing and amending -----------------------------------------------------------------


def test_sign_then_change_starts_an_amendment(store: Store, client_id: int) -> None:
    contract = start_contract(store, client_id)
    sign_contract(store, contract, TODAY)
    stored = store.contracts.for_client(client_id)
    assert stored is not None
    assert (stored.status, stored.signed_date, stored.version) == (
        ContractStatus.SIGNED,
        TODAY,
        1,
    )
    assert contract.id is not None and store.contracts.versions(contract.id) == []

    contract.fees = "EUR 420 per session"
    assert save_contract(store, contract) is True
    assert (contract.version, contract.status) == (2, ContractStatus.AMENDED)
    kept = store.contracts.versions(contract.id)
    assert [(v.version, v.contract.fees, v.contract.status) for v in kept] == [
        (1, "", ContractStatus.SIGNED)
    ]

    contract.fees = "EUR 430 per session"  # an amendment in progress is edited in place
    assert save_contract(store, contract) is False
    assert contract.version == 2 and len(store.contracts.versions(contract.id)) == 1

    sign_contract(store, contract, date(2026, 4, 1))  # the amendment is signed again
    stored = store.contracts.for_client(client_id)
    assert stored is not None
    assert (stored.version, stored.status, stored.signed_date) == (
        2,
        ContractStatus.SIGNED,
        date(2026, 4, 1),
    )


def test_what_is_not_content_starts_no_amendment(store: Store, client_id: int) -> None:
    contract = start_contract(store, client_id)
    sign_contract(store, contract, TODAY)
    contract.signed_date = date(2026, 3, 9)  # correcting the date of signature
    assert save_contract(store, contract) is False
    assert (contract.version, contract.status) == (1, ContractStatus.SIGNED)


def test_a_draft_is_edited_in_place(store: Store, client_id: int) -> None:
    contract = start_contract(store, client_id)
    contract.title = "Leadership coaching"
    assert save_contract(store, contract) is False
    assert contract.version == 1 and contract.id is not None
    assert store.contracts.versions(contract.id) == []


def test_signing_what_cannot_be_stored_changes_nothing(store: Store, client_id: int) -> None:
    contract = start_contract(store, client_id)
    contract.end_date = date(2020, 1, 1)  # before the start: invalid
    with pytest.raises(ValidationError):
        sign_contract(store, contract, TODAY)
    assert (contract.status, contract.signed_date) == (ContractStatus.DRAFT, None)
    stored = store.contracts.for_client(client_id)
    assert stored is not None and stored.status == ContractStatus.DRAFT


def test_a_signed_version_is_not_signed_again(store: Store, client_id: int) -> None:
    contract = start_contract(store, client_id)
    sign_contract(store, contract, TODAY)
    with pytest.raises(InvalidInput, match="already signed"):
        sign_contract(store, contract, date(2026, 5, 1))
    assert contract.signed_date == TODAY  # the date of signature stays what it was
    stored = store.contracts.for_client(client_id)
    assert stored is not None and stored.signed_date == TODAY


def test_marked_signed_without_a_date_is_dated_today() -> None:
    contract = Contract(status=ContractStatus.SIGNED)
    assert date_signature(contract, TODAY) is True
    assert contract.signed_date == TODAY


@pytest.mark.parametrize(
    "contract",
    [
        Contract(status=ContractStatus.SIGNED, signed_date=date(2026, 1, 5)),
        Contract(status=ContractStatus.DRAFT),
        Contract(status=ContractStatus.AMENDED),
    ],
)
def test_a_date_of_signature_is_kept_and_unsigned_ones_get_none(contract: Contract) -> None:
    before = contract.signed_date
    assert date_signature(contract, TODAY) is False
    assert contract.signed_date == before


# --- Outcome readings -------------------------------------------------------------------


def test_a_reading_sets_the_current_value_and_dates_it() -> None:
    outcome = Outcome(statement="Delegate", current=4)
    record_reading(outcome, 5, TODAY)
    assert outcome.current == 5
    assert [(r.on, r.value) for r in outcome.history] == [(TODAY, 5)]


def test_one_reading_a_day_the_last_one_counts() -> None:
    outcome = Outcome(history=[OutcomeReading(on=date(2026, 3, 1), value=3)])
    for typed in (7, 7.5):  # "7.5" typed: 7 is not a reading of its own
        record_reading(outcome, typed, TODAY)
    assert [(r.on, r.value) for r in outcome.history] == [(date(2026, 3, 1), 3), (TODAY, 7.5)]
    record_reading(outcome, 8, date(2026, 3, 11))
    assert [r.value for r in outcome.history] == [3, 7.5, 8]


def test_replacing_todays_reading_keeps_its_note() -> None:
    outcome = Outcome(history=[OutcomeReading(on=TODAY, value=3, note="after the offsite")])
    record_reading(outcome, 4, TODAY)
    assert [(r.value, r.note) for r in outcome.history] == [(4, "after the offsite")]


# --- Removing an outcome ----------------------------------------------------------------


def test_removing_an_outcome_unlinks_its_milestones() -> None:
    kept, gone = Outcome(id=1, statement="Kept"), Outcome(id=2, statement="Gone")
    contract = Contract(
        outcomes=[kept, gone],
        milestones=[
            Milestone(title="To the kept one", outcome_id=1),
            Milestone(title="To the removed one", outcome_id=2),
            Milestone(title="To none"),
        ],
    )
    remove_outcome(contract, gone)
    assert contract.outcomes == [kept]
    assert [m.outcome_id for m in contract.milestones] == [1, None, None]
    assert [m.title for m in contract.milestones][1] == "To the removed one"  # it stays


def test_removing_one_of_two_equal_new_outcomes_removes_that_one() -> None:
    first, second = Outcome(), Outcome()
    milestone = Milestone(title="Unlinked", outcome_id=None)
    contract = Contract(outcomes=[first, second], milestones=[milestone])
    remove_outcome(contract, second)
    assert len(contract.outcomes) == 1 and contract.outcomes[0] is first
    assert milestone.outcome_id is None


def test_removing_an_outcome_already_taken_out_still_unlinks() -> None:
    """The contract tab's card takes the row out of the list first."""
    gone = Outcome(id=5)
    contract = Contract(outcomes=[], milestones=[Milestone(title="M", outcome_id=5)])
    remove_outcome(contract, gone)
    assert contract.milestones[0].outcome_id is None


def test_removing_an_outcome_is_stored_with_the_contract(store: Store, client_id: int) -> None:
    contract = start_contract(store, client_id)
    contract.outcomes = [Outcome(statement="Delegate"), Outcome(statement="Compose")]
    save_contract(store, contract)
    contract.milestones = [Milestone(title="Map agreed", outcome_id=contract.outcomes[0].id)]
    save_contract(store, contract)
    remove_outcome(contract, contract.outcomes[0])
    save_contract(store, contract)
    stored = store.contracts.for_client(client_id)
    assert stored is not None
    assert [o.statement for o in stored.outcomes] == ["Compose"]
    assert [(m.title, m.outcome_id) for m in stored.milestones] == [("Map agreed", None)]
