"""Emotion-log entries grouped into periods for the progress report's trend charts.

Only aggregates leave this module (shares and means per period): the progress report
shows how the mix of feelings and the effect of regulation change, not what any single
entry says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coachdesk.core.emotions import Quadrant
from coachdesk.core.model import EmotionEntry
from coachdesk.reports.style import month_name

WEEKLY_UP_TO_DAYS = 70
"""Entries spanning up to ten weeks are grouped by week; longer logs by month…"""
MONTHLY_UP_TO_DAYS = 3 * 366
"""…and logs longer than three years by quarter, so a chart keeps a readable width."""

QUADRANT_ORDER: tuple[Quadrant, ...] = (
    Quadrant.YELLOW,
    Quadrant.GREEN,
    Quadrant.RED,
    Quadrant.BLUE,
    Quadrant.NEUTRAL,
)
"""Pleasant quadrants first (bottom of the stack), then unpleasant, then neutral."""

QUADRANT_NAMES: dict[Quadrant, str] = {
    Quadrant.YELLOW: "Yellow: pleasant, high energy",
    Quadrant.GREEN: "Green: pleasant, low energy",
    Quadrant.RED: "Red: unpleasant, high energy",
    Quadrant.BLUE: "Blue: unpleasant, low energy",
    Quadrant.NEUTRAL: "Neutral",
}


@dataclass(frozen=True, slots=True)
class Period:
    """A week, month or quarter and the entries that fall in it."""

    label: str
    start: date
    entries: tuple[EmotionEntry, ...]


def _period_start(day: date, kind: str) -> date:
    if kind == "week":
        return day - timedelta(days=day.weekday())
    if kind == "month":
        return day.replace(day=1)
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_start(start: date, kind: str) -> date:
    if kind == "week":
        return start + timedelta(days=7)
    months = 1 if kind == "month" else 3
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def _label(start: date, kind: str) -> str:
    # "Sep '26", never "Sep 26": that reads as the 26th of September.
    year = f"'{start.year % 100:02d}"
    if kind == "week":
        return f"{start.day} {month_name(start.month, short=True)}"
    if kind == "month":
        return f"{month_name(start.month, short=True)} {year}"
    return f"Q{(start.month - 1) // 3 + 1} {year}"


def periods(entries: Sequence[EmotionEntry]) -> list[Period]:
    """Consecutive periods from the first entry to the last, empty ones included (a
    gap in the log is information too)."""
    if not entries:
        return []
    ordered = sorted(entries, key=lambda e: e.occurred_at)
    first, last = ordered[0].occurred_at.date(), ordered[-1].occurred_at.date()
    span = (last - first).days
    kind = (
        "week"
        if span <= WEEKLY_UP_TO_DAYS
        else "month"
        if span <= MONTHLY_UP_TO_DAYS
        else "quarter"
    )
    buckets: dict[date, list[EmotionEntry]] = {}
    start = _period_start(first, kind)
    while start <= last:
        buckets[start] = []
        start = _next_start(start, kind)
    for entry in ordered:
        buckets[_period_start(entry.occurred_at.date(), kind)].append(entry)
    return [Period(_label(s, kind), s, tuple(e)) for s, e in buckets.items()]


def quadrant_shares(period_list: Sequence[Period]) -> dict[Quadrant, list[float | None]]:
    """Per quadrant, its share (0–100) of each period's entries; None for empty periods."""
    shares: dict[Quadrant, list[float | None]] = {q: [] for q in QUADRANT_ORDER}
    for period in period_list:
        total = len(period.entries)
        for quadrant in QUADRANT_ORDER:
            if total == 0:
                shares[quadrant].append(None)
            else:
                count = sum(1 for e in period.entries if e.quadrant == quadrant)
                shares[quadrant].append(100.0 * count / total)
    return shares


def quadrant_totals(entries: Sequence[EmotionEntry]) -> dict[Quadrant, int]:
    totals = {q: 0 for q in QUADRANT_ORDER}
    for entry in entries:
        totals[entry.quadrant] += 1
    return totals


@dataclass(frozen=True, slots=True)
class RegulationTrend:
    """Mean intensity before and after regulation per period, over entries with both."""

    labels: list[str]
    before: list[float | None]
    after: list[float | None]
    count: int
    """Entries with a regulation outcome recorded (intensity after)."""
    mean_before: float | None
    mean_after: float | None


def regulated(entry: EmotionEntry) -> bool:
    return entry.intensity_after is not None


def regulation_trend(period_list: Sequence[Period]) -> RegulationTrend:
    labels: list[str] = []
    before: list[float | None] = []
    after: list[float | None] = []
    all_before: list[int] = []
    all_after: list[int] = []
    for period in period_list:
        pairs = [
            (e.intensity, e.intensity_after)
            for e in period.entries
            if e.intensity_after is not None
        ]
        labels.append(period.label)
        if pairs:
            before.append(sum(b for b, _ in pairs) / len(pairs))
            after.append(sum(a for _, a in pairs) / len(pairs))
            all_before += [b for b, _ in pairs]
            all_after += [a for _, a in pairs]
        else:
            before.append(None)
            after.append(None)
    count = len(all_before)
    return RegulationTrend(
        labels,
        before,
        after,
        count,
        sum(all_before) / count if count else None,
        sum(all_after) / count if count else None,
    )
