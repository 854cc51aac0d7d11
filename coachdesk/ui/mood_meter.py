"""The Mood Meter: a feeling placed by pleasantness (x) and energy (y), each −5…+5.

Clients find two numbers easier than a name, so the emotion log asks for a point first
and then offers the words that sit near it (:class:`WordChips`). The grid has one cell
per whole value; the middle row and column are "neutral" (exactly 0), matching
:func:`coachdesk.core.emotions.quadrant_of`, which does not force an axis point to a side.

One module of ~590 lines on purpose (issue 12): nearly all of it is the one painted
widget (drawing, mouse, keyboard and screen-reader support of the grid), and the word
chips beside it share its quadrant colours and descriptions, so a split would only part
a widget from its own colours.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QWidget,
)

from coachdesk.core.emotions import (
    SCALE_MAX,
    SCALE_MIN,
    Quadrant,
    mood_word,
    quadrant_of,
    suggested_words,
)

CELLS = SCALE_MAX - SCALE_MIN + 1
"""Cells per axis: one for every whole value, 0 included."""

# Soft fills that keep black (light theme) or white (dark theme) text readable, and a
# stronger shade of each for markers and swatches.
_SOFT_LIGHT = {
    Quadrant.RED: "#f5cbc6",
    Quadrant.YELLOW: "#fbe7a3",
    Quadrant.BLUE: "#cadcf2",
    Quadrant.GREEN: "#cfe9cb",
    Quadrant.NEUTRAL: "#e9e9e6",
}
_SOFT_DARK = {
    Quadrant.RED: "#5c3634",
    Quadrant.YELLOW: "#5b4f24",
    Quadrant.BLUE: "#2c405c",
    Quadrant.GREEN: "#2f4b32",
    Quadrant.NEUTRAL: "#3b3b3d",
}
_STRONG_LIGHT = {
    Quadrant.RED: "#c94a40",
    Quadrant.YELLOW: "#d4a200",
    Quadrant.BLUE: "#3a72b8",
    Quadrant.GREEN: "#3f8f45",
    Quadrant.NEUTRAL: "#7a7a78",
}
_STRONG_DARK = {
    Quadrant.RED: "#f08a82",
    Quadrant.YELLOW: "#f0cd5a",
    Quadrant.BLUE: "#84b3ec",
    Quadrant.GREEN: "#8acb8d",
    Quadrant.NEUTRAL: "#b4b4b0",
}

QUADRANT_DESCRIPTIONS = {
    Quadrant.RED: "red: high energy, unpleasant",
    Quadrant.YELLOW: "yellow: high energy, pleasant",
    Quadrant.BLUE: "blue: low energy, unpleasant",
    Quadrant.GREEN: "green: low energy, pleasant",
    Quadrant.NEUTRAL: "neutral: on an axis",
}


PLACE_PROMPT = "Click the Mood Meter where this feeling sits (or use the arrow keys)"
"""What the meter shows while an entry has no point yet."""
PLACE_HELP = "Not placed yet. Click where this feeling sits, or press an arrow key or Home."
"""The meter's accessible description while it has no point."""


def is_dark(palette: QPalette) -> bool:
    """Dark themes get darker fills, so text stays light-on-dark and readable."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def quadrant_colour(quadrant: Quadrant, *, dark: bool = False, strong: bool = False) -> QColor:
    """The Mood Meter colour of a quadrant: soft for areas, strong for marks."""
    if strong:
        return QColor((_STRONG_DARK if dark else _STRONG_LIGHT)[quadrant])
    return QColor((_SOFT_DARK if dark else _SOFT_LIGHT)[quadrant])


def signed(value: int) -> str:
    """+3, 0, −2: the sign always shown (a typographic minus), as on the printed scale."""
    if value > 0:
        return f"+{value}"
    return "0" if value == 0 else f"−{-value}"


def describe_point(pleasantness: int, energy: int) -> str:
    quadrant = QUADRANT_DESCRIPTIONS[quadrant_of(pleasantness, energy)]
    return f"Pleasantness {signed(pleasantness)}, energy {signed(energy)} ({quadrant})"


def _clamp(value: int) -> int:
    return max(SCALE_MIN, min(SCALE_MAX, value))


class MoodMeterWidget(QWidget):
    """Pick a point on the Mood Meter with the mouse (click or drag) or the keyboard.

    Arrow keys move the point one step, Home returns to the centre. ``point_changed``
    is emitted whenever the point changes, also when set from code (as QSlider does).

    The point can be cleared (:meth:`clear_point`): a new emotion entry starts *not
    placed*, so nobody's feeling is filed as neutral (0, 0) by default. The meter then
    shows :data:`PLACE_PROMPT` instead of a marker; a click places the point, and so
    does the keyboard (an arrow key starts one step from the centre; Home or Space
    places it at the centre).
    """

    point_changed = Signal(int, int)  # pleasantness, energy

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pleasantness = 0
        self._energy = 0
        self._placed = True
        self._hover: tuple[int, int] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Mood Meter")
        self._update_description()

    # -- value ---------------------------------------------------------------------

    @property
    def pleasantness(self) -> int:
        return self._pleasantness

    @property
    def energy(self) -> int:
        return self._energy

    def point(self) -> tuple[int, int] | None:
        """The chosen point, or None while nothing is placed."""
        return (self._pleasantness, self._energy) if self._placed else None

    def is_placed(self) -> bool:
        return self._placed

    def set_point(self, pleasantness: int, energy: int) -> None:
        """Move the marker (values outside −5…+5 are clamped)."""
        point = (_clamp(int(pleasantness)), _clamp(int(energy)))
        if point == self.point():
            return
        self._pleasantness, self._energy = point
        self._placed = True
        self._update_description()
        self.update()
        self.point_changed.emit(*point)

    def clear_point(self) -> None:
        """Show no point and ask for one (no signal: nothing was chosen)."""
        if not self._placed:
            return
        self._placed = False
        self._pleasantness = self._energy = 0
        self._update_description()
        self.update()

    def _update_description(self) -> None:
        """Screen readers read the point as words, and hear when it changes."""
        self.setAccessibleDescription(
            describe_point(self._pleasantness, self._energy) if self._placed else PLACE_HELP
        )
        if QAccessible.isActive():
            event = QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
            QAccessible.updateAccessibility(event)

    # -- geometry ------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 260)

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def _margins(self) -> tuple[int, int, int, int]:
        """Left, top, right, bottom room for tick labels and axis titles."""
        metrics = self.fontMetrics()
        tick = metrics.horizontalAdvance("−5") + 6
        title = metrics.height() + 4
        return tick + title, 8, 10, metrics.height() + title + 4

    def plot_rect(self) -> QRectF:
        """The square grid area, centred in the widget, in whole pixels for crisp lines."""
        left, top, right, bottom = self._margins()
        available_w = self.width() - left - right
        available_h = self.height() - top - bottom
        cell = max(1, min(available_w, available_h) // CELLS)
        side = cell * CELLS
        x = left + (available_w - side) // 2
        y = top + (available_h - side) // 2
        return QRectF(x, y, side, side)

    def cell_rect(self, pleasantness: int, energy: int) -> QRectF:
        plot = self.plot_rect()
        cell = plot.width() / CELLS
        column = pleasantness - SCALE_MIN
        row = SCALE_MAX - energy
        return QRectF(plot.left() + column * cell, plot.top() + row * cell, cell, cell)

    def point_at(self, position: QPointF | QPoint) -> tuple[int, int] | None:
        """The grid value under a position, or None outside the grid."""
        plot = self.plot_rect()
        if not plot.contains(QPointF(position)):
            return None
        cell = plot.width() / CELLS
        column = int((position.x() - plot.left()) // cell)
        row = int((position.y() - plot.top()) // cell)
        return _clamp(SCALE_MIN + column), _clamp(SCALE_MAX - row)

    def position_of(self, pleasantness: int, energy: int) -> QPoint:
        """Centre of a value's cell, in widget coordinates (tests click here)."""
        return self.cell_rect(pleasantness, energy).center().toPoint()

    # -- input ---------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            picked = self.point_at(event.position())
            if picked is not None:
                self.setFocus(Qt.FocusReason.MouseFocusReason)
                self.set_point(*picked)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        picked = self.point_at(event.position())
        if event.buttons() & Qt.MouseButton.LeftButton and picked is not None:
            self.set_point(*picked)
        if picked != self._hover:
            self._hover = picked
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, 1),
            Qt.Key.Key_Down: (0, -1),
        }
        key = Qt.Key(event.key())
        if key in steps:
            dx, dy = steps[key]
            # Unplaced, the point is (0, 0) underneath: the first step starts at the centre.
            self.set_point(self._pleasantness + dx, self._energy + dy)
            event.accept()
            return
        if key == Qt.Key.Key_Home or (key == Qt.Key.Key_Space and not self._placed):
            self.set_point(0, 0)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            picked = self.point_at(event.pos())
            if picked is None:
                QToolTip.hideText()
            else:
                words = ", ".join(suggested_words(*picked, limit=3))
                QToolTip.showText(
                    event.globalPos(), f"{describe_point(*picked)}\ne.g. {words}", self
                )
            return True
        return super().event(event)

    # -- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        dark = is_dark(palette)
        plot = self.plot_rect()
        cell = plot.width() / CELLS
        text_colour = palette.color(QPalette.ColorRole.WindowText)

        # Quadrant areas and the neutral cross, cell by cell (exact, no seams).
        for pleasantness in range(SCALE_MIN, SCALE_MAX + 1):
            for energy in range(SCALE_MIN, SCALE_MAX + 1):
                colour = quadrant_colour(quadrant_of(pleasantness, energy), dark=dark)
                painter.fillRect(self.cell_rect(pleasantness, energy), colour)

        # Cell lines, faint; the axes and the frame, stronger.
        grid = QColor(text_colour)
        grid.setAlpha(28)
        painter.setPen(QPen(grid, 1))
        for index in range(1, CELLS):
            offset = index * cell
            painter.drawLine(
                QPointF(plot.left() + offset, plot.top()),
                QPointF(plot.left() + offset, plot.bottom()),
            )
            painter.drawLine(
                QPointF(plot.left(), plot.top() + offset),
                QPointF(plot.right(), plot.top() + offset),
            )
        frame = QColor(text_colour)
        frame.setAlpha(90)
        painter.setPen(QPen(frame, 1))
        painter.drawRect(plot.adjusted(0, 0, -1, -1))

        self._paint_quadrant_names(painter, plot, dark)
        self._paint_axes(painter, plot, text_colour)

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._hover is not None and self._hover != self.point() and self.isEnabled():
            hover = QColor(text_colour)
            hover.setAlpha(110)
            painter.setPen(QPen(hover, 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(*self._hover).adjusted(1.5, 1.5, -1.5, -1.5))
        if self._placed:
            self._paint_marker(painter, palette, dark, cell)
        else:
            self._paint_prompt(painter, plot, palette)

        if self.hasFocus():
            focus = palette.color(QPalette.ColorRole.Highlight)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(focus, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(plot.adjusted(-2, -2, 1, 1))
        painter.end()

    def _paint_quadrant_names(self, painter: QPainter, plot: QRectF, dark: bool) -> None:
        """Names in the outer corners, so the colours are not the only cue."""
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        pad = 5.0
        corners = (
            (
                Quadrant.RED,
                "High energy\nunpleasant",
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            ),
            (
                Quadrant.YELLOW,
                "High energy\npleasant",
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            ),
            (
                Quadrant.BLUE,
                "Low energy\nunpleasant",
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            ),
            (
                Quadrant.GREEN,
                "Low energy\npleasant",
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
            ),
        )
        area = plot.adjusted(pad, pad, -pad, -pad)
        for quadrant, caption, align in corners:
            colour = quadrant_colour(quadrant, dark=dark, strong=True)
            if not dark:
                colour = colour.darker(150)
            painter.setPen(colour)
            painter.drawText(area, int(align), caption)

    def _paint_axes(self, painter: QPainter, plot: QRectF, text_colour: QColor) -> None:
        metrics = self.fontMetrics()
        painter.setFont(self.font())
        muted = QColor(text_colour)
        muted.setAlpha(170)
        painter.setPen(muted)
        height = metrics.height()
        for value in (SCALE_MIN, 0, SCALE_MAX):
            label = signed(value)
            below = self.cell_rect(value, SCALE_MIN)
            painter.drawText(
                QRectF(below.left() - 10, plot.bottom() + 2, below.width() + 20, height),
                int(Qt.AlignmentFlag.AlignCenter),
                label,
            )
            beside = self.cell_rect(SCALE_MIN, value)
            painter.drawText(
                QRectF(plot.left() - 60 - 4, beside.top(), 60, beside.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 2 + height, plot.width(), height + 2),
            int(Qt.AlignmentFlag.AlignCenter),
            "Unpleasant ↔ Pleasant",
        )
        painter.save()
        title_left = plot.left() - metrics.horizontalAdvance("−5") - 8 - height
        painter.translate(title_left, plot.bottom())
        painter.rotate(-90)
        painter.drawText(
            QRectF(0, 0, plot.height(), height + 2),
            int(Qt.AlignmentFlag.AlignCenter),
            "Low ↔ High energy",
        )
        painter.restore()

    def _paint_prompt(self, painter: QPainter, plot: QRectF, palette: QPalette) -> None:
        """The request to place the feeling, on a card in the middle of the grid (the
        meter shows no marker until then)."""
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        width = plot.width() * 0.78
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        bounds = metrics.boundingRect(QRectF(0, 0, width - 16, plot.height()), flags, PLACE_PROMPT)
        card = QRectF(0, 0, width, bounds.height() + 14)
        card.moveCenter(plot.center())
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.5))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(card, 6, 6)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(card.adjusted(8, 7, -8, -7), flags, PLACE_PROMPT)

    def _paint_marker(self, painter: QPainter, palette: QPalette, dark: bool, cell: float) -> None:
        point = (self._pleasantness, self._energy)
        centre = self.cell_rect(*point).center()
        radius = max(5.0, cell * 0.36)
        fill = quadrant_colour(quadrant_of(*point), dark=dark, strong=True)
        if not self.isEnabled():
            fill.setAlpha(90)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 2))
        painter.setBrush(fill)
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius - 2, radius - 2)


class WordChips(QWidget):
    """The Mood Meter words nearest a point, as buttons: one click names the feeling.

    Each chip wears its own quadrant's colour (near an axis, neighbours can differ);
    the chip matching the current label is shown as chosen.
    """

    word_chosen = Signal(str)

    def __init__(
        self, columns: int = 4, parent: QWidget | None = None, *, capacity: int = 8
    ) -> None:
        super().__init__(parent)
        self._columns = columns
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(6)
        self._layout.setVerticalSpacing(6)
        self._buttons: list[QToolButton] = []
        self._shown = 0
        self._current = ""
        self._empty = QLabel("Pick a point on the Mood Meter to see words.", self)
        self._empty.setObjectName("hint")
        self._empty.setWordWrap(True)
        self._layout.addWidget(self._empty, 0, 0, 1, columns)
        self.setAccessibleName("Suggested words")
        # The usual number of chips is made now, hidden, so they take their place in the
        # Tab order with this widget (chips made later would be visited last).
        for index in range(capacity):
            self._buttons.append(self._make_button(index))
            self._buttons[-1].setVisible(False)

    def words(self) -> list[str]:
        return [button.text() for button in self._buttons[: self._shown]]

    def button(self, word: str) -> QToolButton:
        for candidate in self._buttons[: self._shown]:
            if candidate.text() == word:
                return candidate
        raise KeyError(word)

    def set_words(self, words: Sequence[str]) -> None:
        """Show these words (buttons are reused, so the row does not flicker)."""
        while len(self._buttons) < len(words):
            self._buttons.append(self._make_button(len(self._buttons)))
        for index, button in enumerate(self._buttons):
            shown = index < len(words)
            word = words[index] if shown else ""
            button.setText(word)
            button.setAccessibleName(f"Use the word {word}")
            button.setToolTip(f"Label this emotion “{word}”")
            button.setVisible(shown)
        self._shown = len(words)
        self._empty.setVisible(not words)
        self._restyle()

    def _make_button(self, index: int) -> QToolButton:
        button = QToolButton(self)
        button.setCheckable(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False, b=button: self._choose(b.text()))
        self._layout.addWidget(button, 1 + index // self._columns, index % self._columns)
        return button

    def set_current(self, label: str) -> None:
        """Mark the chip equal to the current label (case and spacing ignored)."""
        self._current = label
        wanted = " ".join(label.split()).casefold()
        for button in self._buttons:
            button.setChecked(bool(button.text()) and button.text() == wanted)

    def _choose(self, word: str) -> None:
        self.set_current(word)
        self.word_chosen.emit(word)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.EnabledChange):
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        dark = is_dark(self.palette())
        text = self.palette().color(QPalette.ColorRole.WindowText).name()
        focus = self.palette().color(QPalette.ColorRole.Highlight).name()
        for button in self._buttons[: self._shown]:
            entry = mood_word(button.text())
            quadrant = entry.quadrant if entry is not None else Quadrant.NEUTRAL
            soft = quadrant_colour(quadrant, dark=dark)
            strong = quadrant_colour(quadrant, dark=dark, strong=True)
            hover = soft.lighter(108) if dark else soft.darker(106)
            sheet = (
                "QToolButton {"
                f" background: {soft.name()}; color: {text};"
                f" border: 1px solid {strong.name()}; border-radius: 11px;"
                " padding: 3px 10px; }"
                f"QToolButton:hover {{ background: {hover.name()}; }}"
                f"QToolButton:checked {{ border: 2px solid {strong.name()}; font-weight: bold;"
                f" background: {hover.name()}; }}"
                f"QToolButton:focus {{ border: 2px solid {focus}; }}"
                "QToolButton:disabled { color: palette(mid); }"
            )
            if button.styleSheet() != sheet:  # Qt re-polishes even for the same sheet
                button.setStyleSheet(sheet)
        self.set_current(self._current)
