"""Types and constants shared by the tests (importable: tests/ is on pythonpath)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from coachdesk.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Client,
    Contract,
    ContractStatus,
    EmotionEntry,
    EmotionSource,
    Engagement,
    FeedbackEntry,
    Focus,
    Milestone,
    Outcome,
    OutcomeReading,
    Risk,
    Session,
    SessionState,
)

PASSPHRASE = "correct horse battery staple"


@dataclass
class NewVault:
    """A created, locked vault and the secrets that open it."""

    folder: Path
    passphrase: str
    recovery_code: str


# Runs ``python -m coachdesk ARGS`` (see the ``run_cli`` fixture).
CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def sample_engagement(name: str = "Ирина Соколова", marker: str = "") -> Engagement:
    """A small but complete engagement: every record type, links between them.

    ``marker`` is woven into every free-text field so tests can trace where text goes.
    """
    m = f" {marker}" if marker else ""
    today = date(2026, 3, 1)
    contract = Contract(
        title=f"Leadership coaching{m}",
        start_date=date(2026, 1, 5),
        end_date=date(2026, 6, 30),
        session_count=10,
        session_length_minutes=90,
        cadence="every two weeks",
        fees=f"EUR 450 per session{m}",
        cancellation_terms="48 hours notice",
        confidentiality=f"Session content stays between coach and client{m}",
        confidentiality_limits="Risk of harm to self or others",
        sponsor_reporting="Attendance and progress against outcomes only",
        coach_responsibilities="Process, structure, challenge",
        client_responsibilities="Decisions, actions between sessions",
        status=ContractStatus.SIGNED,
        signed_date=date(2026, 1, 5),
        outcomes=[
            Outcome(
                id=101,
                statement=f"Delegate operational decisions to direct reports{m}",
                measure="decisions escalated per week",
                baseline=12,
                target=3,
                current=8,
                history=[OutcomeReading(on=date(2026, 2, 1), value=10, note=f"first check{m}")],
                deadline=date(2026, 6, 30),
                owner="client",
            ),
            Outcome(
                id=102,
                statement=f"Stay composed in board meetings{m}",
                measure="self-rated composure 0-10",
                baseline=4,
                target=8,
                current=6,
            ),
        ],
        milestones=[
            Milestone(id=201, outcome_id=101, title=f"Delegation map agreed{m}", due=today),
            Milestone(
                title=f"First 360 debrief{m}", due=date(2026, 2, 15), done_on=date(2026, 2, 14)
            ),
        ],
        risks=[Risk(description=f"Reorganisation may change the team{m}", mitigation=f"Review{m}")],
    )
    sessions = [
        Session(
            id=301 + i,
            started_at=datetime(2026, 1, 12 + 14 * i // 2, 9, 30),
            state=SessionState.HELD,
            number=i + 1,
            agenda=f"Agenda {i}{m}",
            shared_summary=f"Shared summary {i}: delegation of the Müller account{m}",
            private_notes=f"Private observation {i}: defensive when challenged{m}",
            decisions=f"Decision {i}{m}",
            insights=f"Insight {i}{m}",
            process_rating=7,
            result_rating=5 + i % 3,
            outcome_ids=[101] if i % 2 == 0 else [101, 102],
            next_steps=f"Next steps {i}{m}",
        )
        for i in range(3)
    ]
    return Engagement(
        client=Client(
            name=name,
            organisation=f"Northwind Logistics{m}",
            role="Chief Operating Officer",
            sponsor_organisation="Northwind HR",
            sponsor_contact="Dana Hill",
            email="irina@example.com",
            focus=Focus.PEOPLE_MANAGEMENT,
            tags=["board", "delegation"],
            intake_notes=f"Referred by HR{m}",
        ),
        contract=contract,
        sessions=sessions,
        action_items=[
            ActionItem(
                session_id=301,
                owner=ActionOwner.CLIENT,
                text=f"Draft delegation map{m}",
                due=date(2026, 1, 20),
            ),
            ActionItem(
                owner=ActionOwner.COACH, text=f"Send reading list{m}", status=ActionStatus.DONE
            ),
        ],
        emotions=[
            EmotionEntry(
                occurred_at=datetime(2026, 1, 15 + i, 18, 0),
                source=EmotionSource.SELF_REPORT,
                situation=f"Board meeting {i}{m}",
                trigger=f"Interrupted by the CFO{m}",
                label=["frustrated", "calm", "anxious", "proud"][i % 4],
                pleasantness=[-3, 3, -4, 4][i % 4],
                energy=[3, -2, 2, 3][i % 4],
                intensity=6,
                thought=f"They do not respect me{m}",
                reaction=f"Raised voice{m}",
                regulation_strategy="breathing",
                regulation_effect=6,
                intensity_after=3,
            )
            for i in range(4)
        ],
        feedback=[
            FeedbackEntry(
                received_on=date(2026, 2, 10),
                from_role="direct report",
                from_name="Sam",
                observed_behaviour=f"Cut people off in stand-ups{m}",
                perceived_impact=f"Team stopped raising issues{m}",
                outcome_id=101,
            )
        ],
    )
