"""The emotion chart's time axis always spans the points it shows, whatever was shown
before (the axis is set before the points since it re-lays out what is plotted)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from coachdesk.core.model import EmotionEntry
from coachdesk.ui.workspace.emotions import EmotionChart


def _entries(start: datetime, count: int, step: timedelta) -> list[EmotionEntry]:
    return [
        EmotionEntry(occurred_at=start + i * step, pleasantness=(i % 11) - 5, energy=5 - (i % 11))
        for i in range(count)
    ]


def _span(chart: EmotionChart) -> tuple[float, float]:
    axis = chart._x
    low: QDateTime = axis.min()
    high: QDateTime = axis.max()
    return float(low.toMSecsSinceEpoch()), float(high.toMSecsSinceEpoch())


def _assert_spans_points(chart: EmotionChart, count: int) -> None:
    pleasantness, energy = chart.series_points()
    assert len(pleasantness) == len(energy) == count
    low, high = _span(chart)
    assert all(low < p.x() < high for p in pleasantness)


def test_the_axis_follows_every_change_of_entries(qtbot: QtBot) -> None:
    chart = EmotionChart()
    qtbot.addWidget(chart)
    chart.show()
    long_ago = _entries(datetime(2019, 1, 7, 9), 400, timedelta(days=1))
    recent = _entries(datetime(2025, 3, 3, 8), 30, timedelta(hours=5))
    for entries in (long_ago, recent, [], recent, long_ago, []):
        chart.set_entries(entries, None)
        _assert_spans_points(chart, len(entries))
        if entries:
            weeks = {
                (e.occurred_at - timedelta(days=e.occurred_at.weekday())).date() for e in entries
            }
            assert len(chart._pleasant_week.points()) == len(weeks)
    chart.set_entries(recent[:3], None)  # within two days: hours on the axis
    assert "HH" in chart._x.format()
    chart.set_entries(long_ago, None)
    assert "HH" not in chart._x.format()
