"""The coaching contract, as the coach works on it: draft, amend, sign, outcomes.

The contract tab calls these instead of holding the rules itself. What the store
guarantees stays in the store: a signed contract is never overwritten (changing its
content keeps the signed text as an earlier version, see
:class:`coachdesk.vault.store.ContractRepository`); these functions decide *what* the
coach's action means and report what happened, so the tab only has to show it.
"""

from __future__ import annotations

import calendar
from datetime import date

from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import Contract, ContractStatus, Outcome, OutcomeReading, SessionFormat
from coachdesk.vault.store import Store

DRAFT_MONTHS = 6
"""A draft runs this many months from today: a common length for an engagement."""
DRAFT_SESSIONS = 10
DRAFT_SESSION_MINUTES = 90


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier); a day the month does not have becomes
    its last day (31 August + 6 months = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def draft_contract(client_id: int, today: date) -> Contract:
    """A sensible starting point: the coach edits it, rather than starting from blank."""
    return Contract(
        client_id=client_id,
        title="Coaching agreement",
        start_date=today,
        end_date=add_months(today, DRAFT_MONTHS),
        session_count=DRAFT_SESSIONS,
        session_length_minutes=DRAFT_SESSION_MINUTES,
        cadence="Every two to three weeks",
        format=SessionFormat.IN_PERSON,
        cancellation_terms="Sessions cancelled less than 48 hours ahead are charged in full.",
        confidentiality="What is said in sessions stays between the coach and the client.",
        confidentiality_limits=(
            "The coach breaks confidentiality only where there is a serious risk of harm "
            "to the client or others, or where the law requires it."
        ),
        sponsor_reporting=(
            "Attendance and progress against the agreed outcomes; never what is said in sessions."
        ),
        coach_responsibilities=(
            "The coaching process: structure, questions, feedback and challenge; "
            "preparing each session; keeping confidentiality."
        ),
        client_responsibilities=(
            "Decisions and actions between sessions; bringing the topics that matter; "
            "saying what helps and what does not."
        ),
        status=ContractStatus.DRAFT,
    )


def start_contract(store: Store, client_id: int) -> Contract:
    """Store a draft as the client's contract and return it. A client has one contract
    (later changes are versions of it), so one that exists is never replaced."""
    store.clients.get(client_id)  # NotFound for an unknown client
    if store.contracts.for_client(client_id) is not None:
        raise InvalidInput("This client already has a contract; change it rather than start over.")
    contract = draft_contract(client_id, store.today())
    store.contracts.save(contract)
    return contract


def save_contract(store: Store, contract: Contract) -> bool:
    """Store the coach's edits; True when they started an amendment.

    Changing the content of a signed contract keeps the signed text as an earlier
    version and makes this one version n+1, "amended" until it is signed again (the
    store does it in the same transaction, so no caller can skip it). Signing, dates of
    signature and who sees which clause are not content."""
    version, status = contract.version, contract.status
    store.contracts.save(contract)
    return (contract.version, contract.status) != (version, status)


def date_signature(contract: Contract, today: date) -> bool:
    """A contract marked signed without a date was signed today; True when dated here."""
    if contract.status != ContractStatus.SIGNED or contract.signed_date is not None:
        return False
    contract.signed_date = today
    return True


def sign_contract(store: Store, contract: Contract, today: date) -> None:
    """Record that this version was signed today. Any later change to its content starts
    an amendment (:func:`save_contract`). Nothing changes when the contract cannot be
    stored (the validation error says why) or is already signed."""
    if contract.status == ContractStatus.SIGNED:
        raise InvalidInput(f"Version {contract.version} is already signed.")
    previous = contract.status, contract.signed_date
    contract.status = ContractStatus.SIGNED
    contract.signed_date = today
    try:
        store.contracts.save(contract)
    except Exception:
        contract.status, contract.signed_date = previous
        raise


def record_reading(outcome: Outcome, value: float, today: date) -> None:
    """``value`` becomes the outcome's current value and today's reading.

    One reading a day: a second one the same day replaces the first (while the coach
    types "7.5", 7 is not a reading of its own, and a correction is not progress)."""
    outcome.current = value
    if outcome.history and outcome.history[-1].on == today:
        outcome.history[-1].value = value
    else:
        outcome.history.append(OutcomeReading(on=today, value=value))


def remove_outcome(contract: Contract, outcome: Outcome) -> None:
    """Take ``outcome`` out of the contract and unlink the milestones that led to it
    (they stay, linked to no outcome). Saving the contract makes it so in the vault."""
    contract.outcomes[:] = [o for o in contract.outcomes if o is not outcome]
    if outcome.id is None:
        return
    for milestone in contract.milestones:
        if milestone.outcome_id == outcome.id:
            milestone.outcome_id = None
