"""How values read on screen: dates, choices, ratings. One place, so every view agrees."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

_LABELS = {
    "self_management": "Self-management",
    "people_management": "People management",
    "in_person": "In person",
    "self_report": "Client self-report",
    "observed": "Observed in session",
    "worksheet": "From a worksheet",
    "grow": "GROW",
    # Session states (coachdesk.core.attendance.STATE_LABELS says the same).
    "cancelled": "Cancelled in time",
    "cancelled_late": "Cancelled late",
    "no_show": "No-show",
}


def label(value: object) -> str:
    """A choice as words: ``people_management`` → "People management"."""
    raw = value.value if isinstance(value, Enum) else str(value)
    return _LABELS.get(raw, raw.replace("_", " ").capitalize())


def fmt_date(value: date | None) -> str:
    return "" if value is None else value.strftime("%d %b %Y")


def fmt_datetime(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%d %b %Y, %H:%M")


def fmt_number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}"


def fmt_percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def first_line(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
