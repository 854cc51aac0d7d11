"""Period labels in report charts: a month reads as a month ("Sep '26"), never as a
day of it ("Sep 26")."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from coachdesk.core.model import EmotionEntry
from coachdesk.reports.trends import periods


def _entries(first: datetime, days: int) -> list[EmotionEntry]:
    return [
        EmotionEntry(client_id=1, occurred_at=first + timedelta(days=d), label="calm")
        for d in range(0, days + 1, 5)
    ]


def test_month_labels_carry_an_apostrophe_year() -> None:
    labels = [p.label for p in periods(_entries(datetime(2026, 6, 3, 9), 120))]
    assert labels[:2] == ["Jun '26", "Jul '26"]
    assert not any(re.fullmatch(r"[A-Z][a-z]{2} \d{2}", label) for label in labels)


def test_quarter_and_week_labels() -> None:
    quarters = [p.label for p in periods(_entries(datetime(2022, 1, 10, 9), 1200))]
    assert quarters[0] == "Q1 '22"
    weeks = [p.label for p in periods(_entries(datetime(2026, 9, 7, 9), 20))]
    assert weeks[0] == "7 Sep"  # a week: its Monday's day and month
