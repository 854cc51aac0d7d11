"""The Emotions tab's chart: pleasantness and energy of every entry over time, with the
weekly means a coach reads and the selected entry marked; clicking a point selects it.

A widget of its own (the tab only hands it the entries and the selection), split from
``emotions.py`` to keep that module to the log, the editor and the tab.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDateTime, QEvent, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from coachdesk.core.emotions import SCALE_MAX, SCALE_MIN, weekly_means
from coachdesk.core.model import EmotionEntry
from coachdesk.ui.mood_meter import is_dark


class EmotionChart(QChartView):
    """Pleasantness and energy of every entry over time; the selected entry stands out.

    Clicking a point selects its entry (``entry_clicked``).
    """

    entry_clicked = Signal(object)  # EmotionEntry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[EmotionEntry] = []
        self._plotted: list[tuple[int, datetime, int, int]] | None = None  # None: never plotted
        chart = QChart()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundRoundness(0)
        chart.setBackgroundVisible(False)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setTitle("Pleasantness and energy by week")
        # Each entry is a faint dot (two overlaid zigzags were unreadable); the weekly
        # means are the lines a coach reads (core.emotions.weekly_means).
        self._pleasant = QLineSeries()
        self._pleasant.setName("Pleasantness")
        self._energy = QLineSeries()
        self._energy.setName("Energy")
        self._pleasant_week = QLineSeries()
        self._pleasant_week.setName("Pleasantness, week mean")
        self._energy_week = QLineSeries()
        self._energy_week.setName("Energy, week mean")
        self._selected = QScatterSeries()
        self._selected.setName("Selected entry")
        self._selected.setMarkerSize(13)
        for series in (self._pleasant, self._energy):
            series.setPointsVisible(True)
            series.clicked.connect(self._clicked)
        for series in (self._pleasant_week, self._energy_week):
            series.clicked.connect(self._clicked)
        everything: tuple[QXYSeries, ...] = (
            self._pleasant, self._energy, self._pleasant_week, self._energy_week, self._selected
        )  # fmt: skip
        for each in everything:
            chart.addSeries(each)
        self._x = QDateTimeAxis()
        self._x.setFormat("dd MMM")
        self._x.setTickCount(5)
        self._y = QValueAxis()
        self._y.setRange(SCALE_MIN - 0.5, SCALE_MAX + 0.5)
        self._y.setTickType(QValueAxis.TickType.TicksDynamic)
        self._y.setTickAnchor(0)
        self._y.setTickInterval(5)
        self._y.setLabelFormat("%d")
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        for each in everything:
            each.attachAxis(self._x)
            each.attachAxis(self._y)
        for hidden in (self._selected, self._pleasant, self._energy):
            for marker in chart.legend().markers(hidden):
                marker.setVisible(False)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        self.setAccessibleName("Chart of pleasantness and energy over time")
        self._apply_palette()
        self.set_entries([], None)

    def series_points(self) -> tuple[list[QPointF], list[QPointF]]:
        """Pleasantness and energy points, oldest first (x: ms since the epoch)."""
        return self._pleasant.points(), self._energy.points()

    def set_entries(self, entries: Sequence[EmotionEntry], selected: EmotionEntry | None) -> None:
        # Selecting another entry, or editing one's text, leaves the plotted values as
        # they were: then only the selection marker moves (a long log has thousands of
        # points to rebuild).
        # An empty chart stays empty: clearing the tab before another client's log is
        # loaded no longer plots nothing twice (each plot re-lays out the axes).
        # An entry not yet placed on the Mood Meter has nothing to plot.
        entries = [e for e in entries if e.placed]
        plotted = [(id(e), e.occurred_at, e.pleasantness or 0, e.energy or 0) for e in entries]
        if plotted != self._plotted:
            self._plotted = plotted
            self._plot(entries)
        self._selected.replace(
            []
            if selected is None or not any(e is selected for e in self._entries)
            else [
                QPointF(_ms(selected.occurred_at), selected.pleasantness or 0),
                QPointF(_ms(selected.occurred_at), selected.energy or 0),
            ]
        )

    def _plot(self, entries: Sequence[EmotionEntry]) -> None:
        """Plot placed entries (the caller filters; ``or 0`` only satisfies the type)."""
        self._entries = sorted(entries, key=lambda e: e.occurred_at)
        points = [(_ms(e.occurred_at), e.pleasantness or 0, e.energy or 0) for e in self._entries]
        xs = [x for x, _, _ in points]
        day = 86_400_000.0
        if xs:
            low, high = float(min(xs)), float(max(xs))
            pad = max((high - low) * 0.05, day / 2)
        else:
            high = _ms(datetime.now())
            low, pad = high - 30 * day, 0.0
        # The axis first, then the points: a new range re-lays out every point already
        # plotted, so setting it while the old (usually no) points are there is cheap.
        self._x.setRange(_qdatetime(low - pad), _qdatetime(high + pad))
        self._x.setFormat("dd MMM HH:mm" if high - low < 2 * day and xs else "dd MMM")
        self._pleasant.replace([QPointF(x, p) for x, p, _ in points])
        self._energy.replace([QPointF(x, e) for x, _, e in points])
        weeks = weekly_means(
            (e.occurred_at, e.pleasantness or 0, e.energy or 0) for e in self._entries
        )
        self._pleasant_week.replace([QPointF(_ms(w.middle), w.pleasantness) for w in weeks])
        self._energy_week.replace([QPointF(_ms(w.middle), w.energy) for w in weeks])

    def clear(self) -> None:
        self.set_entries([], None)

    def _clicked(self, point: QPointF) -> None:
        if self._entries:
            nearest = min(self._entries, key=lambda e: abs(_ms(e.occurred_at) - point.x()))
            self.entry_clicked.emit(nearest)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        """Follow the light or dark palette: QtCharts' themes do not."""
        palette = self.palette()
        dark = is_dark(palette)
        ink = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(ink)
        grid.setAlpha(40)
        chart = self.chart()
        self.setBackgroundBrush(palette.color(QPalette.ColorRole.Window))
        chart.setTitleBrush(ink)
        title_font = QFont(self.font())
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.legend().setLabelColor(ink)
        for axis in (self._x, self._y):
            axis.setLabelsColor(ink)
            axis.setGridLineColor(grid)
            axis.setLinePenColor(grid)
        zero = QPen(grid)
        self._y.setGridLinePen(zero)
        colours = ("#4fc1c1", "#f0a35e") if dark else ("#17807f", "#c8661b")
        pairs = ((self._pleasant, self._pleasant_week), (self._energy, self._energy_week))
        for (entries, week), colour in zip(pairs, colours, strict=True):
            faint = QColor(colour)
            faint.setAlpha(110)
            entries.setPen(QPen(Qt.PenStyle.NoPen))  # dots only
            entries.setColor(faint)
            entries.setMarkerSize(5)
            week.setPen(QPen(QColor(colour), 3))
            week.setColor(QColor(colour))
        self._selected.setColor(QColor(0, 0, 0, 0))
        self._selected.setBorderColor(ink)
        self._selected.setPen(QPen(ink, 2))


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000.0


def _qdatetime(ms: float) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(ms))
