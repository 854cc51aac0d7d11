"""Charts drawn as vector graphics (reportlab.graphics), never as pictures of text.

Every label names the embedded font explicitly: ReportLab's chart widgets default to
Helvetica, which would put an unembedded font (without Cyrillic) back into the PDF.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.colors import Color

from coachdesk.core.progress import OutcomeProgress, SessionRatings
from coachdesk.reports.fonts import SANS, SANS_BOLD
from coachdesk.reports.style import (
    ACCENT,
    FAINT,
    INK,
    MUTED,
    RULE,
    TINT,
    fmt_date,
    fmt_number,
    fmt_percent,
)

LABEL_SIZE = 7
MAX_CATEGORY_LABELS = 16
"""More categories than this and only every n-th one is labelled, so labels never overlap."""
MAX_BARS = 24
"""Up to this many sessions get grouped bars; beyond it, lines read better."""


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose renderer starts in the embedded font (its default is Helvetica,
    which would be referenced in the PDF even if no text used it)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = SANS
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def _style_axis_labels(axis: Any, size: float = LABEL_SIZE) -> None:
    axis.labels.fontName = SANS
    axis.labels.fontSize = size
    axis.labels.fillColor = MUTED
    axis.strokeColor = RULE
    axis.strokeWidth = 0.6


def _value_axis(axis: Any, lo: float, hi: float, step: float) -> None:
    _style_axis_labels(axis)
    axis.valueMin = lo
    axis.valueMax = hi
    axis.valueStep = step
    axis.visibleGrid = 1
    axis.gridStrokeColor = RULE
    axis.gridStrokeWidth = 0.35
    axis.visibleAxis = 0
    axis.visibleTicks = 0


def _legend(
    pairs: Sequence[tuple[Color, str]], x: float, y: float, columns: int | None = None
) -> Legend:
    legend = Legend()
    legend.fontName = SANS
    legend.fontSize = LABEL_SIZE
    legend.fillColor = MUTED
    legend.strokeColor = None
    legend.strokeWidth = 0
    legend.dx = 7
    legend.dy = 7
    legend.swdx = 0
    legend.dxTextSpace = 4
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.x = x
    legend.y = y
    legend.deltay = 10
    legend.columnMaximum = 1 if columns is None else columns
    legend.deltax = 0
    legend.autoXPadding = 14
    legend.colorNamePairs = list(pairs)
    return legend


def _thin_labels(names: Sequence[str]) -> list[str]:
    """Blank all but every n-th label when there are too many to read."""
    if len(names) <= MAX_CATEGORY_LABELS:
        return list(names)
    step = -(-len(names) // MAX_CATEGORY_LABELS)
    return [name if i % step == 0 else "" for i, name in enumerate(names)]


def _bar_chart(
    width: float,
    height: float,
    categories: Sequence[str],
    series: Sequence[Sequence[float | None]],
    fills: Sequence[Color],
    *,
    value_range: tuple[float, float, float],
    stacked: bool = False,
) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x = 26
    chart.y = 30
    chart.width = width - chart.x - 4
    chart.height = height - chart.y - 8
    chart.data = [list(s) for s in series]
    chart.strokeColor = None
    chart.barSpacing = 0 if stacked else 1
    chart.groupSpacing = 4 if len(categories) < 20 else 1.5
    chart.barLabels.fontName = SANS
    for index, fill in enumerate(fills):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = None
        chart.bars[index].strokeWidth = 0
    _style_axis_labels(chart.categoryAxis)
    chart.categoryAxis.categoryNames = _thin_labels(categories)
    chart.categoryAxis.visibleTicks = 0
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.labels.boxAnchor = "n"
    if stacked:
        chart.categoryAxis.style = "stacked"
    _value_axis(chart.valueAxis, *value_range)
    return chart


# --- Outcomes ----------------------------------------------------------------------------


def outcome_track(progress: OutcomeProgress, width: float) -> Drawing:
    """Baseline → current → target as a filled track, with the share of contract time
    gone as a marker: the fill behind the marker means behind schedule."""
    height = 40
    drawing = _drawing(width, height)
    track_y, track_h = 15, 8
    drawing.add(Rect(0, track_y, width, track_h, fillColor=TINT, strokeColor=RULE, strokeWidth=0.4))
    if progress.fraction_of_way is not None:
        fill = max(progress.fraction_of_way * width, 0.8)
        drawing.add(Rect(0, track_y, fill, track_h, fillColor=ACCENT, strokeColor=None))
    if progress.time_elapsed is not None:
        x = progress.time_elapsed * width
        drawing.add(
            Line(x, track_y - 3, x, track_y + track_h + 3, strokeColor=INK, strokeWidth=1.1)
        )
        anchor = "start" if x < 60 else "end" if x > width - 60 else "middle"
        drawing.add(
            String(
                x,
                track_y + track_h + 6,
                f"time elapsed {fmt_percent(progress.time_elapsed)}",
                fontName=SANS,
                fontSize=LABEL_SIZE,
                fillColor=MUTED,
                textAnchor=anchor,
            )
        )
    baseline = f"Baseline {fmt_number(progress.baseline)}"
    target = f"Target {fmt_number(progress.target)}"
    for x, text, anchor in ((0, baseline, "start"), (width, target, "end")):
        drawing.add(
            String(
                x, 3, text, fontName=SANS, fontSize=LABEL_SIZE, fillColor=MUTED, textAnchor=anchor
            )
        )
    if progress.fraction_of_way is not None:
        way = fmt_percent(progress.fraction_of_way)
        now = f"Now {fmt_number(progress.current)} · {way} of the way"
        drawing.add(
            String(
                width / 2,
                3,
                now,
                fontName=SANS_BOLD,
                fontSize=LABEL_SIZE,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    return drawing


def _date_label(value: float) -> str:
    return fmt_date(date.fromordinal(round(value)), short=True)


def outcome_history_chart(
    readings: Sequence[tuple[date, float]],
    baseline: float | None,
    target: float | None,
    width: float,
    height: float = 82,
) -> Drawing:
    """The measured values over time, with the target (dashed) and baseline (dotted)."""
    drawing = _drawing(width, height)
    points = [(float(d.toordinal()), v) for d, v in sorted(readings) if math.isfinite(v)]
    if not points:
        return drawing
    baseline = baseline if baseline is not None and math.isfinite(baseline) else None
    target = target if target is not None and math.isfinite(target) else None
    values = [v for _, v in points] + [v for v in (baseline, target) if v is not None]
    lo, hi, step = _axis_range(min(values), max(values))
    x_lo, x_hi = points[0][0], points[-1][0]
    if x_hi == x_lo:
        x_lo, x_hi = x_lo - 1, x_hi + 1

    plot = LinePlot()
    plot.x, plot.y = 30, 24
    plot.width = width - plot.x - 60
    plot.height = height - plot.y - 8
    data: list[list[tuple[float, float]]] = [points]
    guides: list[tuple[float, Color, tuple[float, float]]] = []
    if target is not None:
        guides.append((target, ACCENT, (3, 2)))
    if baseline is not None:
        guides.append((baseline, FAINT, (1, 2)))
    for value, _, _ in guides:
        data.append([(x_lo, value), (x_hi, value)])
    plot.data = data
    plot.lines[0].strokeColor = INK
    plot.lines[0].strokeWidth = 1.4
    plot.lines[0].symbol = makeMarker("FilledCircle", size=3.2, fillColor=INK, strokeColor=INK)
    for index, (_, colour, dash) in enumerate(guides, start=1):
        plot.lines[index].strokeColor = colour
        plot.lines[index].strokeWidth = 0.9
        plot.lines[index].strokeDashArray = dash
    plot.lineLabels.fontName = SANS
    _style_axis_labels(plot.xValueAxis)
    plot.xValueAxis.valueMin = x_lo
    plot.xValueAxis.valueMax = x_hi
    plot.xValueAxis.valueSteps = _date_steps(x_lo, x_hi)
    plot.xValueAxis.labelTextFormat = _date_label
    plot.xValueAxis.visibleTicks = 0
    _value_axis(plot.yValueAxis, lo, hi, step)
    plot.yValueAxis.labelTextFormat = _axis_number
    drawing.add(plot)
    for value, colour, _ in guides:
        y = plot.y + (value - lo) / (hi - lo) * plot.height
        label = "target" if colour is ACCENT else "baseline"
        drawing.add(
            String(
                plot.x + plot.width + 4,
                y - 2.5,
                f"{label} {fmt_number(value)}",
                fontName=SANS,
                fontSize=LABEL_SIZE - 0.5,
                fillColor=colour if colour is ACCENT else MUTED,
            )
        )
    return drawing


def _axis_number(value: float) -> str:
    return fmt_number(round(value, 2))


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving three to five gridlines."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / 4
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if magnitude * factor >= raw:
            return magnitude * factor
    return raw


def _axis_range(lo: float, hi: float) -> tuple[float, float, float]:
    """Axis bounds on whole steps around ``lo``…``hi``."""
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    step = _nice_step(hi - lo)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def _date_steps(lo: float, hi: float, count: int = 5) -> list[float]:
    """Tick positions: every whole value on a short axis, else ``count`` evenly spread."""
    if hi - lo < count:
        return [float(v) for v in range(int(lo), int(hi) + 1)]
    return [lo + (hi - lo) * i / (count - 1) for i in range(count)]


# --- Sessions ------------------------------------------------------------------------------


PROCESS_COLOUR = FAINT
RESULT_COLOUR = ACCENT


def process_result_chart(
    series: Sequence[SessionRatings], width: float, height: float = 150
) -> Drawing:
    """Process and result rating (0–10) of each session: bars for a normal engagement,
    lines when there are too many sessions for bars to stay readable."""
    drawing = _drawing(width, height)
    names = [str(p.number) if p.number is not None else str(i) for i, p in enumerate(series, 1)]
    process = [_rating(p.process) for p in series]
    result = [_rating(p.result) for p in series]
    chart_height = height - 16
    if len(series) <= MAX_BARS:
        chart = _bar_chart(
            width,
            chart_height,
            names,
            [process, result],
            [PROCESS_COLOUR, RESULT_COLOUR],
            value_range=(0, 10, 2),
        )
        chart.y += 16
        chart.height -= 16
        drawing.add(chart)
    else:
        drawing.add(_rating_lines(names, process, result, width, chart_height))
    drawing.add(
        String(
            26,
            3 + 16 if len(series) <= MAX_BARS else 3,
            "Session",
            fontName=SANS,
            fontSize=LABEL_SIZE,
            fillColor=FAINT,
        )
    )
    drawing.add(
        _legend(
            [
                (PROCESS_COLOUR, "Process (how the session went)"),
                (RESULT_COLOUR, "Result (progress towards outcomes)"),
            ],
            x=width - 330,
            y=height - 2,
            columns=1,
        )
    )
    return drawing


def _rating(value: int | None) -> float | None:
    return float(value) if value is not None else None


def _rating_lines(
    names: Sequence[str],
    process: Sequence[float | None],
    result: Sequence[float | None],
    width: float,
    height: float,
) -> LinePlot:
    plot = LinePlot()
    plot.x, plot.y = 26, 30
    plot.width = width - plot.x - 4
    plot.height = height - plot.y - 8
    plot.data = [
        [(i, v) for i, v in enumerate(process, 1) if v is not None] or [(1, 0)],
        [(i, v) for i, v in enumerate(result, 1) if v is not None] or [(1, 0)],
    ]
    for index, colour in enumerate((PROCESS_COLOUR, RESULT_COLOUR)):
        plot.lines[index].strokeColor = colour
        plot.lines[index].strokeWidth = 1.1
    plot.lineLabels.fontName = SANS
    _style_axis_labels(plot.xValueAxis)
    plot.xValueAxis.valueMin = 1
    plot.xValueAxis.valueMax = max(len(names), 2)
    plot.xValueAxis.visibleTicks = 0
    labels = dict(enumerate(names, 1))
    plot.xValueAxis.valueSteps = [float(v) for v in _date_steps(1, max(len(names), 2), 8)]
    plot.xValueAxis.labelTextFormat = _index_label(labels)
    _value_axis(plot.yValueAxis, 0, 10, 2)
    return plot


def _index_label(labels: dict[int, str]) -> Callable[[float], str]:
    def label(value: float) -> str:
        return labels.get(round(value), "")

    return label


# --- Emotions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Series:
    """One coloured series of a chart, with its legend text."""

    name: str
    colour: Color
    values: Sequence[float | None]


def stacked_share_chart(
    periods: Sequence[str], series: Sequence[Series], width: float, height: float = 170
) -> Drawing:
    """Shares (0–100%) per period stacked into one bar each: how the mix changes."""
    drawing = _drawing(width, height)
    legend_h = 14 * ((len(series) + 2) // 3)
    chart = _bar_chart(
        width,
        height - legend_h,
        periods,
        [s.values for s in series],
        [s.colour for s in series],
        value_range=(0, 100, 25),
        stacked=True,
    )
    chart.y += legend_h
    chart.valueAxis.labelTextFormat = "%d%%"
    drawing.add(chart)
    drawing.add(
        _legend(
            [(s.colour, s.name) for s in series],
            x=26,
            y=legend_h - 2,
            columns=(len(series) + 2) // 3,
        )
    )
    return drawing


def paired_bar_chart(
    periods: Sequence[str],
    first: Series,
    second: Series,
    width: float,
    height: float = 150,
    value_range: tuple[float, float, float] = (0, 10, 2),
) -> Drawing:
    """Two values side by side per period (intensity before and after regulation)."""
    drawing = _drawing(width, height)
    chart = _bar_chart(
        width,
        height - 16,
        periods,
        [first.values, second.values],
        [first.colour, second.colour],
        value_range=value_range,
    )
    chart.y += 16
    drawing.add(chart)
    drawing.add(
        _legend([(first.colour, first.name), (second.colour, second.name)], x=26, y=12, columns=1)
    )
    return drawing
