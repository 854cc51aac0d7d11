"""Reading a filled-in worksheet back: from PDF file to reviewed records in the vault.

Two steps, so the coach sees everything before anything is written:

1. :func:`plan_import` reads the PDF (bounded in size, opened with its password when it
   has one), checks the hidden stamp's MAC with the vault's worksheet key, refuses a
   worksheet already imported or for a client who is not in the vault, and turns the
   answers into proposed records, validated like typed input;
2. :func:`store_import` writes the records the coach kept (possibly edited) and marks
   the worksheet as imported, all in one transaction, checking again that it was not
   imported in the meantime.

No Qt here: the CLI and the import dialog share both steps.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import NameObject

from coachdesk.core.errors import CoachDeskError, InvalidInput, NotFound, WrongPassphrase
from coachdesk.core.model import Client, EmotionEntry, FeedbackEntry, Outcome, Session
from coachdesk.core.validation import validate_emotion, validate_feedback, validate_session
from coachdesk.core.worksheets import (
    EMOTION_FIELDS,
    Answer,
    Proposal,
    ProposedRecord,
    SessionPrep,
    Stamp,
    WorksheetKind,
    next_session,
    read_answers,
    read_stamp,
)
from coachdesk.vault.db import Connection, transaction
from coachdesk.vault.store import Store
from coachdesk.vault.worksheets import imported, record_import

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A worksheet is a few hundred KB; anything past 20 MB is not one (or is /dev/zero)."""


def read_worksheet_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a worksheet file, refusing folders, missing files and huge input."""
    where = Path(path)
    try:
        with where.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise InvalidInput(f"{where.name} is a folder, not a worksheet PDF") from None
    except FileNotFoundError:
        raise NotFound(f"no file {where.name}; check the path") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {where.name}: {exc.strerror or 'read error'}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(
            f"{where.name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
            "it is not a worksheet"
        )
    return data


def is_protected(data: bytes) -> bool:
    """Whether a worksheet PDF needs a password to be read."""
    try:
        return bool(PdfReader(io.BytesIO(data)).is_encrypted)
    except Exception:  # unreadable: form_values says so, in one sentence
        return False


def form_values(data: bytes, password: str | None = None) -> dict[str, str]:
    """Every form field of a PDF with its value as text (empty when unfilled)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            if not password:
                raise InvalidInput(
                    "this worksheet is protected with a password; give it "
                    "(COACHDESK_PDF_PASSWORD, or the prompt)"
                )
            if not reader.decrypt(password):
                raise WrongPassphrase("wrong password for this worksheet; nothing was imported")
        found = reader.get_fields() or {}
    except CoachDeskError:
        raise
    except Exception:  # a damaged PDF fails in many ways inside pypdf (fuzz-tested)
        raise InvalidInput("this file is not a readable PDF worksheet") from None
    values: dict[str, str] = {}
    for name, spec in found.items():
        value = spec.get("/V")
        # A name (/Off) or an array is no answer a text field can hold.
        plain = isinstance(value, str) and not isinstance(value, NameObject)
        values[str(name)] = str(value) if plain else ""
    return values


@dataclass(slots=True)
class ImportPlan:
    """What a worksheet would add, for the coach to review."""

    stamp: Stamp
    client: Client
    proposals: list[Proposal]
    session: Session | None = None
    """The session a preparation worksheet's answers go to."""
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    """The rated outcomes still in the contract, by id."""

    @property
    def kind(self) -> WorksheetKind:
        return self.stamp.kind


def plan_import(
    conn: Connection,
    key: bytes,
    data: bytes,
    *,
    today: date,
    password: str | None = None,
    client_id: int | None = None,
) -> ImportPlan:
    """Read and check a filled-in worksheet; nothing is written.

    ``client_id``, when given, is the client the coach expects: a worksheet for anyone
    else is refused rather than silently filed under another person.
    """
    values = form_values(data, password)
    stamp = read_stamp(values, key)
    if client_id is not None and stamp.client_id != client_id:
        raise InvalidInput(
            "this worksheet was issued for another client; open that client to import it"
        )
    earlier = imported(conn, stamp.worksheet_id)
    if earlier is not None:
        raise InvalidInput(
            f"this worksheet was already imported on {earlier.imported_at:%Y-%m-%d %H:%M}; "
            "nothing was imported again"
        )
    store = Store(conn)
    try:
        client = store.clients.get(stamp.client_id)
    except NotFound:
        raise InvalidInput(
            "the client this worksheet was issued for is no longer in this vault"
        ) from None
    answers = read_answers(stamp, values, today)
    plan = ImportPlan(stamp, client, answers.proposals)
    if stamp.kind == WorksheetKind.SESSION_PREP:
        plan.session = next_session(store.sessions.for_client(stamp.client_id), today)
        if plan.session is None:
            raise InvalidInput(
                "there is no upcoming session for this client to prepare; add the next "
                "session first, then import the worksheet"
            )
    if stamp.kind == WorksheetKind.FEEDBACK_REQUEST:
        contract = store.contracts.for_client(stamp.client_id)
        plan.outcomes = {o.id: o for o in (contract.outcomes if contract else []) if o.id}
        for proposal in plan.proposals:
            record = proposal.record
            if isinstance(record, FeedbackEntry) and record.outcome_id not in plan.outcomes:
                record.outcome_id = None  # the outcome was removed since the request
    return plan


def store_import(
    conn: Connection, plan: ImportPlan, keep: list[ProposedRecord], *, now: datetime
) -> int:
    """Store the records the coach kept and mark the worksheet imported (one
    transaction). Returns how many records were added or updated.

    Marking happens even when the coach kept nothing: the worksheet was reviewed, and
    importing it again would only offer the same records.
    """
    store = Store(conn)
    with transaction(conn):
        if imported(conn, plan.stamp.worksheet_id) is not None:
            raise InvalidInput("this worksheet was already imported; nothing was imported again")
        count = 0
        for record in keep:
            if isinstance(record, EmotionEntry):
                entry = replace(record, id=None, client_id=plan.client.id)
                validate_emotion(entry)
                store.emotions.save(entry)
            elif isinstance(record, FeedbackEntry):
                feedback = replace(record, id=None, client_id=plan.client.id)
                validate_feedback(feedback)
                store.feedback.save(feedback)
            elif isinstance(record, SessionPrep):
                _add_to_agenda(store, plan, record)
            count += 1
        record_import(conn, plan.stamp, now, count)
    return count


def _add_to_agenda(store: Store, plan: ImportPlan, prep: SessionPrep) -> None:
    if plan.session is None or plan.session.id is None:
        raise InvalidInput("there is no upcoming session to add the preparation to")
    session = store.sessions.get(plan.session.id)
    addition = prep.agenda_text(plan.stamp.issued)
    session.agenda = (
        f"{session.agenda.rstrip()}\n\n{addition}" if session.agenda.strip() else addition
    )
    validate_session(session)
    store.sessions.save(session, store.contracts.for_client(plan.client.id or 0))


def describe(plan: ImportPlan, record: ProposedRecord) -> list[tuple[str, str]]:
    """A proposed record as (label, value) lines, for the CLI's dry run and the dialog."""
    if isinstance(record, EmotionEntry):
        lines = [("When", record.occurred_at.strftime("%Y-%m-%d %H:%M")), ("Emotion", record.label)]
        lines.append(
            (
                "Scales",
                f"pleasantness {record.pleasantness:+d}, energy {record.energy:+d}, "
                f"intensity {record.intensity}",
            )
        )
        for spec in EMOTION_FIELDS:
            value = getattr(record, spec.name)
            if spec.answer in (Answer.TEXT, Answer.LONG_TEXT) and spec.name != "label" and value:
                lines.append((spec.label, value))
        if record.intensity_after is not None:
            lines.append(("Intensity after", str(record.intensity_after)))
        return lines
    if isinstance(record, FeedbackEntry):
        lines = [("From", ", ".join(p for p in (record.from_name, record.from_role) if p) or "–")]
        if record.outcome_id is not None and record.outcome_id in plan.outcomes:
            lines.append(("Outcome", plan.outcomes[record.outcome_id].statement))
        lines.append(("Observed", record.observed_behaviour))
        if record.perceived_impact:
            lines.append(("Impact", record.perceived_impact))
        return lines
    session = plan.session
    when = session.started_at.strftime("%Y-%m-%d %H:%M") if session else "–"
    return [
        ("Adds to the agenda of the session on", when),
        ("Text", record.agenda_text(plan.stamp.issued)),
    ]
