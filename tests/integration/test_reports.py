"""What each report says: real PDFs rendered from a hand-made engagement, read back.

Confidentiality is proved with marker strings planted in every private field: a marker
absent from the extracted text cannot have been printed.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time

import pytest
from pypdf import PdfReader

from coachdesk.core.errors import InvalidInput, NotFound
from coachdesk.core.model import (
    ActionItem,
    Client,
    Contract,
    EmotionEntry,
    Engagement,
    FeedbackEntry,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    Session,
    SessionState,
)
from coachdesk.reports import ReportKind, render_recovery_kit, render_report
from report_fixtures import (
    CLIENT_NAME,
    COACH,
    EMOTION_MARKER,
    EVIDENCE_MARKER,
    FEEDBACK_MARKER,
    INSIGHT_MARKER,
    INTAKE_MARKER,
    PRIVATE_MARKER,
    RECOVERY_CODE,
    SPONSOR_CONTACT,
    SPONSOR_ORG,
    TODAY,
    rich_engagement,
)

ALL_MARKERS = (
    PRIVATE_MARKER,
    EMOTION_MARKER,
    INSIGHT_MARKER,
    FEEDBACK_MARKER,
    EVIDENCE_MARKER,
    INTAKE_MARKER,
)


def text_of(pdf: bytes) -> str:
    """All text of a PDF with whitespace normalised (line breaks fall anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def render(kind: ReportKind | str, engagement: Engagement | None = None, **kw: object) -> str:
    pdf = render_report(
        kind,
        engagement if engagement is not None else rich_engagement(),
        today=kw.pop("today", TODAY),  # type: ignore[arg-type]
        coach_name=COACH,
        **kw,  # type: ignore[arg-type]
    )
    return text_of(pdf)


def today_at(hour: int) -> datetime:
    return datetime.combine(TODAY, time(hour))


# --- Session summary -------------------------------------------------------------------


def test_session_summary_shows_what_the_client_needs() -> None:
    text = render(ReportKind.SESSION)  # latest session held by TODAY: number 8
    assert "Session 8 of 12" in text
    assert CLIENT_NAME in text
    assert "16 June 2025, 09:00" in text
    assert "Mid-point review of the agreed outcomes" in text  # agenda
    assert "What stood out" in text  # shared summary
    assert "Team leads decide on shift swaps" in text  # decisions
    assert "Talk to Grigorij about owning the night-shift roster (session 8)" in text
    assert "Send the decision-matrix template (session 8)" in text  # the coach's own
    assert COACH in text  # as owner of a commitment
    assert "30 Jun 2025" in text  # a due date
    assert "Still open from earlier sessions" in text
    assert "(session 7)" in text
    assert "Try the new escalation rule" in text  # next steps
    assert "Next session: 7 July 2025, 09:00" in text


def test_user_text_is_printed_literally_not_as_markup() -> None:
    text = render(ReportKind.SESSION)
    assert "<b>“if in doubt, escalate”</b> & habits" in text


@pytest.mark.parametrize("session_id", range(101, 111))
def test_session_summary_never_shows_notes_emotions_or_working_notes(session_id: int) -> None:
    text = render(ReportKind.SESSION, session_id=session_id)
    for marker in ALL_MARKERS:
        assert marker not in text
    assert "Over-responsibility" not in text  # insights
    assert "tension when talking about the COO" not in text  # private notes


def test_session_summary_picks_the_session_asked_for() -> None:
    text = render(ReportKind.SESSION, session_id=103)
    assert "Session 3 of 12" in text
    assert "Decision rights for the team leads" in text
    assert "Next session: 24 March 2025, 09:00" in text


def test_session_summary_errors() -> None:
    with pytest.raises(NotFound):
        render(ReportKind.SESSION, session_id=999)
    empty = Engagement(client=Client(name="Ωμέγα"))
    with pytest.raises(InvalidInput):
        render(ReportKind.SESSION, empty)


def test_session_summary_without_contract_or_number() -> None:
    engagement = Engagement(
        client=Client(name="Zoë"),
        sessions=[
            Session(id=1, started_at=today_at(9), state=SessionState.HELD, agenda="First"),
            Session(id=2, started_at=today_at(11), state=SessionState.HELD, agenda="Second"),
        ],
        action_items=[ActionItem(id=1, session_id=2, text="Read the book")],
    )
    text = render(ReportKind.SESSION, engagement)
    assert "Session 2" in text
    assert "Session 2 of" not in text
    assert "Read the book" in text
    assert "No decisions were recorded" in text


# --- Contract --------------------------------------------------------------------------------


def test_contract_has_every_agreed_term_and_signature_lines() -> None:
    text = render(ReportKind.CONTRACT)
    for expected in (
        "Leadership coaching agreement 2025",
        "Version 2",
        "Signed on 10 January 2025",
        COACH,
        CLIENT_NAME,
        SPONSOR_CONTACT,
        SPONSOR_ORG,
        "13 January 2025 – 30 September 2025",  # term
        "12 sessions of 90 minutes each",
        "Every three weeks",
        "EUR 450 per session",  # fees
        "less than 48 hours ahead",  # cancellation
        "stays between coach and client",  # confidentiality
        "risk of serious harm",  # its limits
        "short progress report each quarter",  # sponsor reporting
        "Delegate operational decisions to the three team leads",  # outcome
        "Measure: Escalations per month",
        "31 Aug 2025",  # an outcome deadline
        "Decision rights agreed with the three team leads",  # milestone
        "Peak season from July",  # risk
        "Interim cover by the shift supervisor",  # mitigation
        "Prepare each session, keep time",  # coach's responsibilities
        "Come prepared, follow through",  # client's responsibilities
        "Signatures",
        "For the sponsor",
    ):
        assert expected in text, expected
    assert text.count("Signature") >= 4  # heading + one line per party
    for marker in ALL_MARKERS:
        assert marker not in text


def test_contract_needs_a_contract() -> None:
    with pytest.raises(InvalidInput):
        render(ReportKind.CONTRACT, Engagement(client=Client(name="Ωμέγα")))


# --- Progress report ------------------------------------------------------------------------


def test_progress_report_shows_distance_milestones_risks_balance_and_trends() -> None:
    text = render(ReportKind.PROGRESS)
    for expected in (
        "Progress report",
        CLIENT_NAME,
        "59%",  # contract time gone
        "8 of 12",  # sessions held
        "3 of 6",  # milestones reached
        "At risk",
        "Outcome 3 is 26% of the way with 59% of the contract time gone",
        "Delegate operational decisions to the three team leads",
        "Baseline 20",
        "Target 70",
        "Now 50 · 60% of the way",
        "time elapsed 59%",
        "Overdue",  # the meeting-format milestone
        EVIDENCE_MARKER,  # evidence is the client's own business
        "Peak season from July",
        "Process and results",
        "Process and results are in balance",
        "Mood Meter quadrants over time",
        "Yellow: pleasant, high energy",
        "Intensity before and after regulation",
        "Before regulation",
        "After regulation",
    ):
        assert expected in text, expected
    for marker in (PRIVATE_MARKER, EMOTION_MARKER, INSIGHT_MARKER, FEEDBACK_MARKER, INTAKE_MARKER):
        assert marker not in text


def test_progress_report_without_contract_or_data() -> None:
    text = render(ReportKind.PROGRESS, Engagement(client=Client(name="Ωμέγα")))
    assert "No contract yet" in text
    assert "No outcomes have been agreed yet" in text
    assert "No emotion-log entries yet" in text


# --- Sponsor report -----------------------------------------------------------------------------


def test_sponsor_report_shows_progress_and_sessions_held() -> None:
    text = render(ReportKind.SPONSOR)
    for expected in (
        "Progress report for the sponsor",
        f"For {SPONSOR_CONTACT}, {SPONSOR_ORG}",
        "It contains nothing of what was discussed",
        "short progress report each quarter",  # the agreed reporting
        "Delegate operational decisions to the three team leads",
        "Now 50 · 60% of the way",
        "Decision rights agreed with the three team leads",
        "8 held of 12 planned; 4 remaining; 2 scheduled; 12 h of coaching",
        "Session 1 of 12",
        "20 January 2025",
        "16 June 2025",
    ):
        assert expected in text, expected


def test_sponsor_report_has_no_session_content_emotions_or_notes() -> None:
    engagement = rich_engagement()
    text = render(ReportKind.SPONSOR, engagement)
    for marker in ALL_MARKERS:
        assert marker not in text
    for session in engagement.sessions:
        assert session.agenda not in text
    for item in engagement.action_items:
        assert item.text not in text
    for forbidden in (
        "What stood out",  # shared summary
        "shift swaps",  # decisions
        "escalation rule",  # next steps
        "Mood Meter",
        "regulation",
        "Process (how",  # session ratings
        "Grigorij",  # named in commitments and feedback
    ):
        assert forbidden not in text, forbidden


# --- Client data export ----------------------------------------------------------------------


def test_client_export_has_everything_and_private_notes_only_when_asked() -> None:
    with_private = render(ReportKind.CLIENT_EXPORT, include_private=True)
    without = render(ReportKind.CLIENT_EXPORT)
    for text in (with_private, without):
        assert "CONFIDENTIAL" in text
        for marker in (EMOTION_MARKER, INSIGHT_MARKER, FEEDBACK_MARKER, EVIDENCE_MARKER):
            assert marker in text
        assert INTAKE_MARKER in text
        for expected in (
            CLIENT_NAME,
            "a.kovaleva@nordwind.example",
            "Führung",  # a tag
            "31 December 2028",  # retention date
            "Session 10 of 12",
            "Team leads own the roster",  # an outcome reading's note
            "Three slow breaths, then a question",
            "Jürgen Weiß",
            "Łucja",
        ):
            assert expected in text, expected
    assert PRIVATE_MARKER in with_private
    assert "Includes the coach's private notes" in with_private
    assert PRIVATE_MARKER not in without
    assert "private session notes are not included" in without
    assert with_private.count(PRIVATE_MARKER) == 10


@pytest.mark.parametrize(
    "kind", [ReportKind.SESSION, ReportKind.CONTRACT, ReportKind.PROGRESS, ReportKind.SPONSOR]
)
def test_private_notes_cannot_be_asked_for_in_shareable_reports(kind: ReportKind) -> None:
    with pytest.raises(InvalidInput):
        render(kind, include_private=True)


# --- Recovery kit -----------------------------------------------------------------------------


def test_recovery_kit_has_the_code_the_location_and_instructions() -> None:
    pdf = render_recovery_kit(RECOVERY_CODE, "/home/zoë/Coach Vault", today=TODAY)
    text = text_of(pdf)
    for group in RECOVERY_CODE.split("-"):
        assert group in text
    assert RECOVERY_CODE in text  # the one-line form
    assert "/home/zoë/Coach Vault" in text
    assert 'coachdesk --vault "/home/zoë/Coach Vault" recover' in text
    assert "If you forget your passphrase" in text
    assert "Keep it safe" in text


def test_recovery_kit_accepts_a_code_typed_any_way_and_refuses_an_empty_one() -> None:
    text = text_of(render_recovery_kit(RECOVERY_CODE.lower().replace("-", " "), "v", today=TODAY))
    assert RECOVERY_CODE in text
    with pytest.raises(InvalidInput):
        render_recovery_kit(" - ", "v", today=TODAY)


# --- Entry point ------------------------------------------------------------------------------


def test_kinds_are_checked() -> None:
    with pytest.raises(InvalidInput):
        render("minutes")
    with pytest.raises(InvalidInput):
        render(ReportKind.RECOVERY_KIT)
    with pytest.raises(InvalidInput):
        render(ReportKind.SESSION, page_size="a5")
    # Kinds also work as their CLI names.
    assert "Session 8 of 12" in render("session")
    assert "Personal data export" in render("client-export")


def test_hostile_text_is_escaped_and_control_characters_dropped() -> None:
    engagement = rich_engagement()
    session = engagement.sessions[7]
    session.agenda = 'a <para> b <font name="x"> c &amp; d & e </b> f \x00\x07\x1b g \ud800 h'
    session.decisions = "line one\r\nline two\rline three\n\n\n\tindented"
    text = render(ReportKind.SESSION, engagement)
    assert 'a <para> b <font name="x"> c &amp; d & e </b> f g h' in text
    assert "line one line two line three indented" in text


def test_reports_are_pure_functions_of_the_engagement() -> None:
    """Same input, same day: same text (no clock, locale or database involved)."""
    assert render(ReportKind.PROGRESS) == render(ReportKind.PROGRESS)
    later = render(ReportKind.PROGRESS, today=date(2025, 8, 1))
    assert "As of 1 August 2025" in later


def sparse_engagement() -> Engagement:
    """Half-filled records, as they exist while a coach is still typing."""
    return Engagement(
        client=Client(name=""),
        contract=Contract(
            outcomes=[
                Outcome(statement="No numbers yet"),
                Outcome(statement="Flat", baseline=5, target=5, current=5),
                Outcome(
                    statement="Odd readings",
                    baseline=1,
                    target=2,
                    current=float("nan"),
                    history=[
                        OutcomeReading(on=date(2025, 3, 1), value=1.5),
                        OutcomeReading(on=date(2025, 3, 1), value=float("inf")),
                        OutcomeReading(on=date(2025, 3, 2), value=1.5),
                    ],
                ),
            ],
            milestones=[Milestone(title=""), Milestone(title="Also undated")],
            risks=[Risk()],
        ),
        sessions=[Session(started_at=today_at(8), state=SessionState.HELD)],
        action_items=[ActionItem(text="")],
        emotions=[EmotionEntry(occurred_at=today_at(7))],
        feedback=[FeedbackEntry(received_on=TODAY)],
    )


@pytest.mark.parametrize("kind", [k for k in ReportKind if k != ReportKind.RECOVERY_KIT])
def test_half_filled_records_still_render(kind: ReportKind) -> None:
    text = render(kind, sparse_engagement())
    assert "Page 1 of" in text
