"""Worksheets end to end: a real vault issues the PDF, a real filler (pypdf or pdftk)
fills it in, and the import reads it back into the vault, or refuses it and writes
nothing."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from coachdesk.core.audience import Audience
from coachdesk.core.errors import IntegrityFailure, InvalidInput, WrongPassphrase
from coachdesk.core.model import (
    EmotionSource,
    Engagement,
    FeedbackSource,
    Session,
)
from coachdesk.core.worksheets import (
    EMOTION_FIELDS,
    FEEDBACK_FIELDS,
    SESSION_PREP_FIELDS,
    STAMP_FIELDS,
    WorksheetKind,
    outcome_field,
    row_field,
)
from coachdesk.reports.worksheet_import import (
    MAX_FILE_BYTES,
    form_values,
    plan_import,
    read_worksheet_file,
    store_import,
)
from coachdesk.reports.worksheets import issue_worksheet
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import PASSPHRASE, sample_engagement
from worksheet_forms import (
    FILLERS,
    fill_with_pypdf,
    needs_pdftk,
    pdftk_field_names,
)

TODAY = date(2026, 3, 1)
NOW = datetime(2026, 3, 1, 12, 0)
Filler = Callable[..., None]

GREEK_ROW = {
    "occurred_at": "2026-02-27 08:15",
    "label": "άγχος",
    "pleasantness": "-3",
    "energy": "+4",
    "intensity": "7",
    "situation": "Συνάντηση με το διοικητικό συμβούλιο\nμε τον πρόεδρο",
    "trigger": "Ερώτηση για τον προϋπολογισμό",
    "body_sensation": "σφιγμένο στομάχι",
    "thought": "«Δεν είμαι έτοιμη»",
    "reaction": "Μίλησα πιο γρήγορα",
    "perceived_by_others": "Nervous, said Jürgen",
    "regulation_strategy": "Ανάσα 4-7-8",
    "intensity_after": "3",
}
"""Every emotion-log field, in Greek and other scripts, a newline included."""


@pytest.fixture
def vault(open_vault: Vault) -> Vault:
    open_vault.client_id = Store(open_vault.connection).add_engagement(  # type: ignore[attr-defined]
        _outcomes_for_the_sponsor(sample_engagement("Ελένη Παπαδάκη"))
    )
    return open_vault


def _outcomes_for_the_sponsor(engagement: Engagement) -> Engagement:
    """Colleagues rate only outcomes marked for the sponsor (issue 13): mark them all."""
    assert engagement.contract is not None
    for outcome in engagement.contract.outcomes:
        outcome.audience = Audience.SPONSOR
    return engagement


def _client(vault: Vault) -> int:
    return int(vault.client_id)  # type: ignore[attr-defined]


def _issue(vault: Vault, kind: WorksheetKind, tmp_path: Path, **kw: object) -> Path:
    data = issue_worksheet(
        vault.connection, vault.worksheet_key(), kind, _client(vault), today=TODAY, **kw
    )  # type: ignore[arg-type]
    path = tmp_path / f"{kind.value}.pdf"
    path.write_bytes(data)
    return path


def _plan(vault: Vault, path: Path, password: str | None = None):  # type: ignore[no-untyped-def]
    return plan_import(
        vault.connection, vault.worksheet_key(), read_worksheet_file(path), today=TODAY,
        password=password,
    )  # fmt: skip


def _import(vault: Vault, path: Path, password: str | None = None) -> int:
    plan = _plan(vault, path, password)
    return store_import(vault.connection, plan, [p.record for p in plan.proposals], now=NOW)


def _counts(vault: Vault) -> tuple[object, ...]:
    """Row counts of every table an import may touch, and every agenda's text."""
    conn = vault.connection
    counts = [
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("emotion_entries", "feedback_entries", "worksheet_imports", "sessions")
    ]
    agendas = conn.execute("SELECT group_concat(agenda, '|') FROM sessions").fetchone()[0]
    return (*counts, agendas)


# -- what the PDF holds ----------------------------------------------------------------


def test_emotion_log_has_the_documented_fields_for_each_row(vault: Vault, tmp_path: Path) -> None:
    path = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=3)
    names = set(form_values(path.read_bytes()))
    expected = {row_field(r, f.name) for r in (1, 2, 3) for f in EMOTION_FIELDS}
    assert names == expected | set(STAMP_FIELDS)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Ελένη Παπαδάκη" in text and "1 March 2026" in text
    assert "High energy, unpleasant" in text  # the Mood Meter legend
    assert "Ελένη" not in str(PdfReader(path).metadata)  # metadata names no one


@needs_pdftk
def test_an_independent_reader_lists_the_same_fields(vault: Vault, tmp_path: Path) -> None:
    for kind in WorksheetKind:
        path = _issue(vault, kind, tmp_path)
        assert sorted(pdftk_field_names(path)) == sorted(form_values(path.read_bytes()))
    feedback = pdftk_field_names(tmp_path / "feedback-request.pdf")
    assert {f.name for f in FEEDBACK_FIELDS} <= set(feedback)
    assert outcome_field(2, "rating") in feedback and outcome_field(3, "rating") not in feedback
    prep = pdftk_field_names(tmp_path / "session-prep.pdf")
    assert {f.name for f in SESSION_PREP_FIELDS} <= set(prep)


def test_rows_are_bounded(vault: Vault, tmp_path: Path) -> None:
    for rows in (0, 32):
        with pytest.raises(InvalidInput, match="1 to 31 rows"):
            _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=rows)


# -- round trips through two independent fillers ----------------------------------------


@pytest.mark.parametrize("fill", FILLERS)
def test_every_emotion_field_round_trips(vault: Vault, tmp_path: Path, fill: Filler) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=4)
    values = {row_field(2, name): value for name, value in GREEK_ROW.items()}
    values |= {row_field(4, "occurred_at"): "2026-02-28 21:05", row_field(4, "situation"): "x",
               row_field(4, "pleasantness"): "0", row_field(4, "energy"): "-5",
               row_field(4, "intensity"): "10"}  # fmt: skip
    filled = tmp_path / "filled.pdf"
    fill(blank, filled, values)
    assert _import(vault, filled) == 2
    stored = Store(vault.connection).emotions.for_client(_client(vault))
    mine = sorted(
        (e for e in stored if e.source == EmotionSource.WORKSHEET), key=lambda e: e.occurred_at
    )
    assert len(mine) == 2  # rows 1 and 3 were empty and skipped
    first, second = mine
    assert first.occurred_at == datetime(2026, 2, 27, 8, 15)
    for name, value in GREEK_ROW.items():
        if name in ("occurred_at",):
            continue
        got = getattr(first, name)
        assert str(got) == value.lstrip("+"), name
    assert (second.label, second.trigger, second.intensity_after) == ("", "", None)
    assert (second.pleasantness, second.energy, second.intensity) == (0, -5, 10)


@pytest.mark.parametrize("fill", FILLERS)
def test_feedback_request_becomes_feedback_entries(
    vault: Vault, tmp_path: Path, fill: Filler
) -> None:
    blank = _issue(vault, WorksheetKind.FEEDBACK_REQUEST, tmp_path)
    values = {
        "from_name": "Γιώργος Νικολάου",
        "from_role": "Direct report",
        "observed_behaviour": "Asked the team for options before deciding",
        "perceived_impact": "We felt trusted",
        "suggestion": "Keep doing it in the weekly meeting",
        outcome_field(1, "rating"): "7",
        outcome_field(1, "comment"): "Fewer escalations to her",
        outcome_field(2, "rating"): "",
    }
    filled = tmp_path / "filled.pdf"
    fill(blank, filled, values)
    assert _import(vault, filled) == 2
    feedback = [
        f for f in Store(vault.connection).feedback.for_client(_client(vault))
        if f.source == FeedbackSource.WORKSHEET
    ]  # fmt: skip
    general = next(f for f in feedback if f.outcome_id is None)
    rated = next(f for f in feedback if f.outcome_id is not None)
    assert general.from_name == "Γιώργος Νικολάου" and general.from_role == "Direct report"
    assert general.observed_behaviour == values["observed_behaviour"]
    assert (
        general.perceived_impact
        == "We felt trusted\n\nSuggestion: Keep doing it in the weekly meeting"
    )
    outcomes = Store(vault.connection).contracts.for_client(_client(vault)).outcomes  # type: ignore[union-attr]
    assert rated.outcome_id == outcomes[0].id
    assert "Rated 7 of 10" in rated.observed_behaviour
    assert "Fewer escalations to her" in rated.observed_behaviour
    assert general.received_on == TODAY


@pytest.mark.parametrize("fill", FILLERS)
def test_session_prep_lands_in_the_next_sessions_agenda(
    vault: Vault, tmp_path: Path, fill: Filler
) -> None:
    store = Store(vault.connection)
    past = Session(client_id=_client(vault), started_at=datetime(2026, 2, 20, 9), agenda="old")
    later = Session(client_id=_client(vault), started_at=datetime(2026, 3, 20, 9), agenda="")
    nearest = Session(client_id=_client(vault), started_at=datetime(2026, 3, 5, 9), agenda="Budget")
    ids = [store.sessions.save(s) for s in (past, later, nearest)]
    blank = _issue(vault, WorksheetKind.SESSION_PREP, tmp_path)
    values = {
        "want_from_session": "Να προετοιμάσω τη συνάντηση",
        "progress_on_actions": "Delegation map drafted",
        "got_in_the_way": "",
        "noticed_about_myself": "I rush when tired",
    }
    filled = tmp_path / "filled.pdf"
    fill(blank, filled, values)
    assert _import(vault, filled) == 1
    agenda = store.sessions.get(ids[2]).agenda
    assert agenda.startswith(
        "Budget\n\nFrom the client's preparation worksheet (issued 2026-03-01)"
    )
    assert "What I want from our next session: Να προετοιμάσω τη συνάντηση" in agenda
    assert "What got in the way" not in agenda  # empty answers are left out
    assert store.sessions.get(ids[0]).agenda == "old" and store.sessions.get(ids[1]).agenda == ""


def test_session_prep_without_an_upcoming_session_is_refused(vault: Vault, tmp_path: Path) -> None:
    blank = _issue(vault, WorksheetKind.SESSION_PREP, tmp_path)  # sample sessions are past
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, {"want_from_session": "x"})
    before = _counts(vault)
    with pytest.raises(InvalidInput, match="no upcoming session"):
        _import(vault, filled)
    assert _counts(vault) == before


# -- refusals: nothing written ---------------------------------------------------------


@pytest.mark.parametrize("fill", FILLERS)
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pleasantness", "6", "Row 2, pleasantness: must be -5…+5"),
        ("energy", "-6", "Row 2, energy: must be -5…+5"),
        ("intensity", "11", "Row 2, intensity: must be 0…10"),
        ("intensity_after", "-1", "Row 2, intensity_after: must be 0…10"),
        ("intensity", "7.5", "Row 2, intensity: must be a whole number 0…10"),
        ("occurred_at", "27/02/2026", "Row 2, occurred_at: must be a date and time"),
        ("occurred_at", "", "Row 2, occurred_at: is required"),
    ],
)
def test_bad_values_are_refused_naming_row_and_field(
    vault: Vault, tmp_path: Path, fill: Filler, field: str, value: str, message: str
) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=2)
    row = GREEK_ROW | {field: value}
    values = {row_field(1, k): v for k, v in GREEK_ROW.items()}
    values |= {row_field(2, k): v for k, v in row.items()}
    filled = tmp_path / "filled.pdf"
    fill(blank, filled, values)
    before = _counts(vault)
    with pytest.raises(InvalidInput, match=re.escape(message)) as caught:
        _import(vault, filled)
    assert "άγχος" not in str(caught.value)  # messages never repeat what was written
    assert _counts(vault) == before


def test_a_row_without_label_or_situation_is_refused_like_typed_input(
    vault: Vault, tmp_path: Path
) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, {row_field(1, "occurred_at"): "2026-02-27 08:15",
                                    row_field(1, "pleasantness"): "1", row_field(1, "energy"): "1",
                                    row_field(1, "intensity"): "1"})  # fmt: skip
    with pytest.raises(InvalidInput, match="Row 1, label: Emotion entry needs a label"):
        _import(vault, filled)


def test_an_unfilled_worksheet_is_refused(vault: Vault, tmp_path: Path) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path)
    with pytest.raises(InvalidInput, match="no answers yet"):
        _import(vault, blank)


@pytest.mark.parametrize("fill", FILLERS)
def test_a_second_import_is_refused(vault: Vault, tmp_path: Path, fill: Filler) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    filled = tmp_path / "filled.pdf"
    fill(blank, filled, {row_field(1, k): v for k, v in GREEK_ROW.items()})
    _import(vault, filled)
    before = _counts(vault)
    again = tmp_path / "again.pdf"  # a re-saved copy is the same worksheet
    fill(filled, again, {row_field(1, "label"): "calm"})
    with pytest.raises(InvalidInput, match="already imported on 2026-03-01 12:00"):
        _import(vault, again)
    assert _counts(vault) == before


def test_a_plan_made_before_another_import_cannot_store_twice(vault: Vault, tmp_path: Path) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, {row_field(1, k): v for k, v in GREEK_ROW.items()})
    first, second = _plan(vault, filled), _plan(vault, filled)  # two dialogs open at once
    store_import(vault.connection, first, [p.record for p in first.proposals], now=NOW)
    before = _counts(vault)
    with pytest.raises(InvalidInput, match="already imported"):
        store_import(vault.connection, second, [p.record for p in second.proposals], now=NOW)
    assert _counts(vault) == before


@pytest.mark.parametrize("fill", FILLERS)
def test_a_form_from_another_vault_is_refused(vault: Vault, tmp_path: Path, fill: Filler) -> None:
    other_folder = tmp_path / "other"
    other, _code = Vault.create(other_folder, PASSPHRASE, kdf=TEST_KDF)
    try:
        other_client = Store(other.connection).add_engagement(sample_engagement())
        assert other_client == _client(vault)  # same client id, still not ours
        data = issue_worksheet(
            other.connection, other.worksheet_key(), WorksheetKind.EMOTION_LOG, other_client,
            today=TODAY,
        )  # fmt: skip
    finally:
        other.lock()
    blank = tmp_path / "foreign.pdf"
    blank.write_bytes(data)
    filled = tmp_path / "filled.pdf"
    fill(blank, filled, {row_field(1, k): v for k, v in GREEK_ROW.items()})
    before = _counts(vault)
    with pytest.raises(IntegrityFailure, match="not issued by this vault"):
        _import(vault, filled)
    assert _counts(vault) == before


@pytest.mark.parametrize("fill", FILLERS)
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("worksheet.client", "2"),
        ("worksheet.kind", "feedback-request"),
        ("worksheet.issued", "2026-03-02"),
        ("worksheet.id", "0" * 32),
        ("worksheet.rows", "9"),
        ("worksheet.outcomes", "1"),
        ("worksheet.mac", "0" * 64),
        ("worksheet.client", "not a number"),
    ],
)
def test_a_tampered_hidden_field_is_refused(
    vault: Vault, tmp_path: Path, fill: Filler, field: str, value: str
) -> None:
    Store(vault.connection).add_engagement(sample_engagement("Another client"))  # id 2 exists
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    filled = tmp_path / "filled.pdf"
    fill(blank, filled, {row_field(1, k): v for k, v in GREEK_ROW.items()} | {field: value})
    assert form_values(filled.read_bytes())[field] == value  # the filler did change it
    before = _counts(vault)
    with pytest.raises(IntegrityFailure, match="hidden fields were changed"):
        _import(vault, filled)
    assert _counts(vault) == before


def test_a_form_without_the_stamp_is_not_a_worksheet(vault: Vault, tmp_path: Path) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    writer = PdfWriter(clone_from=PdfReader(blank))
    fields = writer._root_object["/AcroForm"]["/Fields"]
    for ref in list(fields):
        if str(ref.get_object()["/T"]) == "worksheet.mac":
            fields.remove(ref)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InvalidInput, match="not a CoachDesk worksheet"):
        plan_import(vault.connection, vault.worksheet_key(), out.getvalue(), today=TODAY)


def test_a_worksheet_for_another_client_than_expected_is_refused(
    vault: Vault, tmp_path: Path
) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, {row_field(1, k): v for k, v in GREEK_ROW.items()})
    with pytest.raises(InvalidInput, match="issued for another client"):
        plan_import(
            vault.connection, vault.worksheet_key(), filled.read_bytes(), today=TODAY,
            client_id=_client(vault) + 1,
        )  # fmt: skip


def test_a_deleted_client_is_said(vault: Vault, tmp_path: Path) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, {row_field(1, k): v for k, v in GREEK_ROW.items()})
    Store(vault.connection).delete_client(_client(vault))
    with pytest.raises(InvalidInput, match="no longer in this vault"):
        _import(vault, filled)


def test_worksheets_survive_a_data_key_rotation(vault: Vault, tmp_path: Path) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    key = vault.worksheet_key()
    vault.rotate_keys(PASSPHRASE)
    assert vault.worksheet_key() == key
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, {row_field(1, k): v for k, v in GREEK_ROW.items()})
    assert _import(vault, filled) == 1


def test_the_worksheet_key_is_not_the_data_key(vault: Vault) -> None:
    key = vault.worksheet_key()
    assert len(key) == 32 and key != vault.data_key()
    assert key == vault.worksheet_key()  # stable


# -- password protection -----------------------------------------------------------------


def test_a_protected_worksheet_is_filled_and_imported_with_its_password(
    vault: Vault, tmp_path: Path
) -> None:
    # pypdf only: pdftk-java 3.3 cannot open AES-256 (revision 6) files at all
    # ("unknown.encryption.type.r"); docs/worksheets.md says so.
    fill = fill_with_pypdf
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1, password="pw Ω 1")
    reader = PdfReader(blank)
    assert reader.is_encrypted and "/AESV3" in str(reader.trailer["/Encrypt"])
    filled = tmp_path / "filled.pdf"
    fill(blank, filled, {row_field(1, k): v for k, v in GREEK_ROW.items()}, password="pw Ω 1")
    before = _counts(vault)
    with pytest.raises(InvalidInput, match="protected with a password"):
        _import(vault, filled)
    with pytest.raises(WrongPassphrase, match="wrong password"):
        _import(vault, filled, password="nope")
    assert _counts(vault) == before
    assert _import(vault, filled, password="pw Ω 1") == 1


# -- hostile files -------------------------------------------------------------------------


def test_huge_folders_and_non_pdfs_are_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InvalidInput, match="larger than 20 MB"):
        read_worksheet_file(huge)
    with pytest.raises(InvalidInput, match="larger than 20 MB"):
        read_worksheet_file(Path("/dev/zero"))
    with pytest.raises(InvalidInput, match="is a folder"):
        read_worksheet_file(tmp_path)
    with pytest.raises(InvalidInput, match="no file"):
        read_worksheet_file(tmp_path / "missing.pdf")
    for junk in (b"", b"%PDF-1.7\n" + b"\x00" * 1000, b"hello", b"%PDF-1.4\n1 0 obj <<"):
        with pytest.raises(InvalidInput):
            form_values(junk)


def test_a_non_text_value_in_a_field_reads_as_empty(vault: Vault, tmp_path: Path) -> None:
    blank = _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    writer = PdfWriter(clone_from=PdfReader(blank))
    for ref in writer._root_object["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if str(field["/T"]) == "row1.label":
            field[NameObject("/V")] = NameObject("/Odd")
        if str(field["/T"]) == "row1.situation":
            field[NameObject("/V")] = TextStringObject("a situation")
    out = io.BytesIO()
    writer.write(out)
    values = form_values(out.getvalue())
    assert values["row1.label"] == "" and values["row1.situation"] == "a situation"


def test_the_feedback_request_is_about_the_client_on_every_page(
    vault: Vault, tmp_path: Path
) -> None:
    path = _issue(vault, WorksheetKind.FEEDBACK_REQUEST, tmp_path)
    pages = [page.extract_text() for page in PdfReader(path).pages]
    assert "About Ελένη Παπαδάκη" in pages[0]
    assert all("about Ελένη Παπαδάκη" in page for page in pages[1:])
    assert "Delegate operational decisions" in "".join(pages)  # an outcome to rate


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_damaged_worksheet_is_refused_cleanly(
    vault: Vault, tmp_path: Path, data: st.DataObject
) -> None:
    """Bytes flipped, cut or inserted anywhere: a clear refusal or a clean import,
    never an unexpected exception (the class of damaged files, not one case)."""
    blank = tmp_path / "emotion-log.pdf"
    if not blank.exists():
        _issue(vault, WorksheetKind.EMOTION_LOG, tmp_path, rows=1)
    raw = bytearray(blank.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            raw[at] ^= data.draw(st.integers(1, 255))
        elif action == "cut":
            del raw[at : at + data.draw(st.integers(1, 4096))]
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=64))
    with contextlib.suppress(InvalidInput, IntegrityFailure):
        plan_import(vault.connection, vault.worksheet_key(), bytes(raw), today=TODAY)
