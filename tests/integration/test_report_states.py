"""Each session state's effect on every report, read back from the real PDFs.

The engagement: two sessions held, one session in the state under test (its agenda
carries a marker), one planned ahead; a contract of five sessions whose rule says
whether late cancellations and no-shows count.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_reports import text_of

from coachdesk.core.model import Client, Contract, ContractStatus, Engagement, Session, SessionState
from coachdesk.reports import ReportKind, render_report

TODAY = date(2026, 3, 10)
S = SessionState
MARK = "Agenda-under-test"


def engagement(state: SessionState, counts: bool) -> Engagement:
    contract = Contract(
        id=1,
        title="Coaching agreement",
        start_date=date(2026, 1, 5),
        end_date=date(2026, 6, 30),
        session_count=5,
        session_length_minutes=60,
        status=ContractStatus.SIGNED,
        signed_date=date(2026, 1, 2),
        late_cancellation_counts=counts,
        no_show_counts=counts,
    )

    def one(sid: int, when: datetime, st: SessionState, p: int, r: int, agenda: str) -> Session:
        return Session(
            id=sid, started_at=when, duration_minutes=60, state=st, process_rating=p,
            result_rating=r, agenda=agenda, shared_summary=f"Summary of {agenda}",
        )  # fmt: skip

    return Engagement(
        client=Client(id=1, name="Zoë Test", sponsor_contact="Sam Sponsor"),
        contract=contract,
        sessions=[
            one(1, datetime(2026, 1, 12, 9), S.HELD, 8, 4, "First agenda"),
            one(2, datetime(2026, 2, 2, 9), S.HELD, 6, 6, "Second agenda"),
            one(3, datetime(2026, 2, 23, 9), state, 0, 10, MARK),
            one(4, datetime(2026, 3, 30, 9), S.PLANNED, 5, 5, "Fourth agenda"),
        ],
    )


def render(kind: ReportKind, state: SessionState, counts: bool = True, **kw: object) -> str:
    pdf = render_report(kind, engagement(state, counts), today=TODAY, **kw)  # type: ignore[arg-type]
    return text_of(pdf)


STATES = list(SessionState)


@pytest.mark.parametrize("counts", [True, False], ids=["counted", "not-counted"])
@pytest.mark.parametrize("state", STATES, ids=str)
def test_progress_report(state: SessionState, counts: bool) -> None:
    text = render(ReportKind.PROGRESS, state, counts)
    held = 3 if state == S.HELD else 2
    counted = state in (S.CANCELLED_LATE, S.NO_SHOW) and counts
    used = held + counted
    assert f"{used} of 5 " in text
    caption = "sessions held" if used == held else "sessions used (held, cancelled late or missed)"
    assert caption in text
    # The averages are over the sessions held only (the session under test rates 0 / 10).
    expected = "process 4.7, result 6.7" if state == S.HELD else "process 7.0, result 5.0"
    assert f"Averages: {expected}" in text


@pytest.mark.parametrize("counts", [True, False], ids=["counted", "not-counted"])
@pytest.mark.parametrize("state", STATES, ids=str)
def test_sponsor_report(state: SessionState, counts: bool) -> None:
    text = render(ReportKind.SPONSOR, state, counts)
    held = 3 if state == S.HELD else 2
    counted = state in (S.CANCELLED_LATE, S.NO_SHOW) and counts
    remaining = 5 - held - counted
    line = f"{held} held of 5 planned"
    if counted:
        line += "; 1 more used by late cancellation or no-show"
    line += f"; {remaining} remaining"
    assert line in text
    assert "1 scheduled" in text  # the session ahead
    if state == S.PLANNED:
        assert "1 waiting for their outcome" in text
    assert f"{held} h of coaching" in text
    # The attendance table lists what uses the allowance, with its state in words.
    label = {S.CANCELLED_LATE: "Cancelled late", S.NO_SHOW: "No-show"}.get(state)
    if state == S.HELD:
        assert "Session 3 of 5 23 February 2026 Held" in text
    elif label is not None and counts:
        assert f"Session 23 February 2026 {label}" in text
    else:
        assert "23 February 2026" not in text
    assert MARK not in text  # never session content


@pytest.mark.parametrize("state", STATES, ids=str)
def test_session_summary_takes_the_latest_session_held(state: SessionState) -> None:
    text = render(ReportKind.SESSION, state)
    if state == S.HELD:
        assert MARK in text and "Session 3 of 5" in text
        assert "Next session: 30 March 2026" in text
    else:
        assert MARK not in text and "Second agenda" in text
        # The next session skips a cancelled or missed one; a planned one is next.
        following = "23 February 2026" if state == S.PLANNED else "30 March 2026"
        assert f"Next session: {following}" in text


@pytest.mark.parametrize("state", STATES, ids=str)
def test_session_summary_of_a_session_not_held_says_so(state: SessionState) -> None:
    text = render(ReportKind.SESSION, state, session_id=3)
    words = {
        S.HELD: None,
        S.PLANNED: "Did this session happen?",
        S.CANCELLED: "Cancelled in time",
        S.CANCELLED_LATE: "Cancelled late",
        S.NO_SHOW: "No-show",
    }[state]
    heading = text.split("Prepared")[0]
    if words is None:
        assert heading.endswith("60 minutes · In person ")
    else:
        assert heading.endswith(f"60 minutes · In person · {words} ")


@pytest.mark.parametrize("counts", [True, False], ids=["counted", "not-counted"])
@pytest.mark.parametrize("state", STATES, ids=str)
def test_client_export(state: SessionState, counts: bool) -> None:
    text = render(ReportKind.CLIENT_EXPORT, state, counts)
    label = {
        S.HELD: "Held",
        S.PLANNED: "Did this session happen?",
        S.CANCELLED: "Cancelled in time",
        S.CANCELLED_LATE: "Cancelled late",
        S.NO_SHOW: "No-show",
    }[state]
    number = "Session 3 of 5" if state in (S.HELD, S.PLANNED) else "Session"
    assert f"{number} — 23 February 2026 {label} · 23 February 2026, 09:00" in text
    held = 3 if state == S.HELD else 2
    counted = state in (S.CANCELLED_LATE, S.NO_SHOW) and counts
    assert f"{held} held of 5 planned" in text
    assert f"{5 - held - counted} remaining" in text
    rule = (
        "Sessions held, late cancellations and no-shows"
        if counts
        else "Only sessions held; late cancellations and no-shows do not count"
    )
    assert rule in text


@pytest.mark.parametrize("counts", [True, False], ids=["counted", "not-counted"])
def test_contract_report_states_the_rule(counts: bool) -> None:
    text = render(ReportKind.CONTRACT, S.HELD, counts)
    assert "Counted against the sessions" in text
    assert ("late cancellations and no-shows" in text) and (("do not count" in text) != counts)
