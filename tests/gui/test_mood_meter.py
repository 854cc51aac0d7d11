"""The Mood Meter grid and the word chips, used as a person would: mouse and keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from coachdesk.core.emotions import MOOD_METER, Quadrant, suggested_words
from coachdesk.ui.mood_meter import (
    PLACE_HELP,
    MoodMeterWidget,
    WordChips,
    describe_point,
    quadrant_colour,
)


@pytest.fixture
def meter(qtbot: QtBot) -> MoodMeterWidget:
    widget = MoodMeterWidget()
    qtbot.addWidget(widget)
    widget.resize(320, 320)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_is_sized_for_reading(meter: MoodMeterWidget) -> None:
    hint = meter.minimumSizeHint()
    assert hint.width() >= 260 and hint.height() >= 260
    plot = meter.plot_rect()
    assert plot.width() == plot.height()  # square cells
    assert plot.width() >= 220


def test_click_in_the_upper_right_picks_a_pleasant_high_energy_point(
    qtbot: QtBot, meter: MoodMeterWidget
) -> None:
    with qtbot.waitSignal(meter.point_changed) as signal:
        qtbot.mouseClick(meter, Qt.MouseButton.LeftButton, pos=meter.position_of(3, 2))
    assert signal.args == [3, 2]
    assert meter.point() == (3, 2)
    assert meter.hasFocus()  # so the arrow keys work next
    assert "yellow" in meter.accessibleDescription()


def test_every_cell_maps_back_to_its_value(meter: MoodMeterWidget) -> None:
    for pleasantness in range(-5, 6):
        for energy in range(-5, 6):
            assert meter.point_at(meter.position_of(pleasantness, energy)) == (pleasantness, energy)


def test_click_outside_the_grid_changes_nothing(qtbot: QtBot, meter: MoodMeterWidget) -> None:
    meter.set_point(-2, -2)
    with qtbot.assertNotEmitted(meter.point_changed):
        qtbot.mouseClick(meter, Qt.MouseButton.LeftButton, pos=QPoint(1, 1))
    assert meter.point() == (-2, -2)


def test_arrow_keys_move_the_point_and_stop_at_the_edge(
    qtbot: QtBot, meter: MoodMeterWidget
) -> None:
    meter.setFocus()
    qtbot.keyClick(meter, Qt.Key.Key_Right)
    qtbot.keyClick(meter, Qt.Key.Key_Up)
    qtbot.keyClick(meter, Qt.Key.Key_Up)
    assert meter.point() == (1, 2)
    qtbot.keyClick(meter, Qt.Key.Key_Left)
    qtbot.keyClick(meter, Qt.Key.Key_Left)
    qtbot.keyClick(meter, Qt.Key.Key_Down)
    assert meter.point() == (-1, 1)
    for _ in range(12):
        qtbot.keyClick(meter, Qt.Key.Key_Down)
    assert meter.point() == (-1, -5)
    qtbot.keyClick(meter, Qt.Key.Key_Home)
    assert meter.point() == (0, 0)


def test_set_point_clamps_and_emits_only_on_change(qtbot: QtBot, meter: MoodMeterWidget) -> None:
    with qtbot.waitSignal(meter.point_changed) as signal:
        meter.set_point(9, -9)
    assert signal.args == [5, -5]
    with qtbot.assertNotEmitted(meter.point_changed):
        meter.set_point(5, -5)


def test_is_reachable_and_named_for_assistive_technology(meter: MoodMeterWidget) -> None:
    assert meter.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert meter.accessibleName() == "Mood Meter"
    meter.set_point(-4, 3)
    assert meter.accessibleDescription() == describe_point(-4, 3)
    assert "red" in meter.accessibleDescription()


def _pixel(meter: MoodMeterWidget, pleasantness: int, energy: int) -> QColor:
    image = meter.grab().toImage()
    # Off-centre, so the marker (drawn at the current point) does not cover it.
    spot = meter.cell_rect(pleasantness, energy).topLeft().toPoint() + QPoint(3, 3)
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(spot.x() * ratio), int(spot.y() * ratio))


def test_paints_the_four_quadrants_in_light_and_dark_palettes(meter: MoodMeterWidget) -> None:
    light = QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f4f4f4"))
    light.setColor(QPalette.ColorRole.WindowText, QColor("#202020"))
    meter.setPalette(light)
    assert _pixel(meter, 4, 4) == quadrant_colour(Quadrant.YELLOW)
    assert _pixel(meter, -4, 4) == quadrant_colour(Quadrant.RED)
    assert _pixel(meter, -4, -4) == quadrant_colour(Quadrant.BLUE)
    assert _pixel(meter, 4, -4) == quadrant_colour(Quadrant.GREEN)

    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2d"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
    meter.setPalette(dark)
    for pleasantness, energy, quadrant in ((4, 4, Quadrant.YELLOW), (4, -4, Quadrant.GREEN)):
        colour = _pixel(meter, pleasantness, energy)
        assert colour == quadrant_colour(quadrant, dark=True)
        assert colour.lightness() < 128  # light text stays readable on it


def test_word_chips_offer_words_and_report_the_click(qtbot: QtBot) -> None:
    chips = WordChips()
    qtbot.addWidget(chips)
    chips.show()
    words = suggested_words(3, 3, limit=8)
    chips.set_words(words)
    assert chips.words() == words
    assert all(word in MOOD_METER[Quadrant.YELLOW] for word in words)
    with qtbot.waitSignal(chips.word_chosen) as signal:
        qtbot.mouseClick(chips.button(words[2]), Qt.MouseButton.LeftButton)
    assert signal.args == [words[2]]
    assert chips.button(words[2]).isChecked()
    assert not chips.button(words[0]).isChecked()
    chips.set_words(suggested_words(-3, -3, limit=4))
    assert len(chips.words()) == 4
    assert all(word in MOOD_METER[Quadrant.BLUE] for word in chips.words())
    with pytest.raises(KeyError):
        chips.button(words[0])


def test_a_cleared_meter_asks_to_be_placed_and_the_keys_place_it(
    qtbot: QtBot, meter: MoodMeterWidget
) -> None:
    meter.set_point(3, 3)
    with qtbot.assertNotEmitted(meter.point_changed):
        meter.clear_point()
    assert meter.point() is None and not meter.is_placed()
    assert meter.accessibleDescription() == PLACE_HELP
    meter.setFocus()
    with qtbot.waitSignal(meter.point_changed) as signal:
        qtbot.keyClick(meter, Qt.Key.Key_Right)  # one step from the centre
    assert signal.args == [1, 0]
    meter.clear_point()
    qtbot.keyClick(meter, Qt.Key.Key_Space)
    assert meter.point() == (0, 0)
    assert "neutral" in meter.accessibleDescription()
    meter.clear_point()
    qtbot.mouseClick(meter, Qt.MouseButton.LeftButton, pos=meter.position_of(-4, 2))
    assert meter.point() == (-4, 2)


def test_a_cleared_meter_draws_the_prompt_not_a_marker(meter: MoodMeterWidget) -> None:
    """The centre cell holds the marker when placed at (0, 0) and the prompt card when
    not placed; the two pictures differ there (and not only by the marker's ring)."""
    meter.set_point(0, 0)
    placed = meter.grab().toImage()
    meter.clear_point()
    unplaced = meter.grab().toImage()
    plot = meter.plot_rect()
    # Left of the centre cell, where the card's text runs and no marker reaches.
    probe = meter.cell_rect(-2, 0).center().toPoint()
    ratio = placed.width() / meter.width()
    spot = (int(probe.x() * ratio), int(probe.y() * ratio))
    assert placed.pixelColor(*spot) != unplaced.pixelColor(*spot)
    assert plot.contains(probe)
