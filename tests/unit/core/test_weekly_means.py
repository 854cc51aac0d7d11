"""Weekly means for the emotions-over-time chart: one value per ISO week."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from coachdesk.core.emotions import SCALE_MAX, SCALE_MIN, weekly_means


def test_entries_are_grouped_by_iso_week_monday_to_sunday() -> None:
    entries = [
        (datetime(2026, 11, 30, 9), 4, -2),  # Monday
        (datetime(2026, 12, 6, 23, 59), -2, 2),  # Sunday, same week
        (datetime(2026, 12, 7, 0, 0), 5, 5),  # next Monday
        (datetime(2026, 11, 16, 12), 1, 1),  # two weeks before (a week without entries)
    ]
    weeks = weekly_means(entries)
    assert [w.monday.isoformat() for w in weeks] == ["2026-11-16", "2026-11-30", "2026-12-07"]
    assert (weeks[1].pleasantness, weeks[1].energy, weeks[1].count) == (1.0, 0.0, 2)
    assert weeks[1].middle == datetime(2026, 12, 3, 12)  # Thursday noon
    assert weekly_means([]) == []


values = st.integers(SCALE_MIN, SCALE_MAX)
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1))


@given(st.lists(st.tuples(moments, values, values), max_size=60))
def test_means_stay_on_the_scale_and_count_every_entry(
    entries: list[tuple[datetime, int, int]],
) -> None:
    weeks = weekly_means(entries)
    assert sum(w.count for w in weeks) == len(entries)
    assert [w.monday for w in weeks] == sorted({w.monday for w in weeks})
    for week in weeks:
        assert week.monday.weekday() == 0
        assert SCALE_MIN <= week.pleasantness <= SCALE_MAX
        assert SCALE_MIN <= week.energy <= SCALE_MAX
