"""The idle lock's activity filter: what the coach does with keys, mouse and wheel
restarts the countdown; the app's own events (paints, layouts, timers) do not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from coachdesk.ui.idle import IdleWatcher


class CountingCountdown:
    """Stands in for the watcher's countdown: counts the restarts the filter asks for."""

    def __init__(self) -> None:
        self.restarts = 0

    def isActive(self) -> bool:
        return True

    def start(self) -> None:
        self.restarts += 1

    def stop(self) -> None:
        pass


@pytest.fixture
def watcher(qtbot: QtBot) -> Iterator[IdleWatcher]:
    idle = IdleWatcher(minutes=1)
    idle.start()
    idle._countdown = CountingCountdown()  # type: ignore[assignment]
    yield idle
    idle.stop()


def _restarts(watcher: IdleWatcher, event: QEvent, target: QLineEdit) -> bool:
    countdown = watcher._countdown
    assert isinstance(countdown, CountingCountdown)
    before = countdown.restarts
    QApplication.sendEvent(target, event)
    return countdown.restarts > before


def test_input_restarts_the_countdown_and_other_events_do_not(
    qtbot: QtBot, watcher: IdleWatcher
) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    centre = QPointF(5, 5)
    activity = [
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
        QMouseEvent(
            QEvent.Type.MouseButtonPress,
            centre,
            centre,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
        QMouseEvent(
            QEvent.Type.MouseMove,
            centre,
            centre,
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        ),
        QWheelEvent(
            centre,
            centre,
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    ]
    for event in activity:
        assert _restarts(watcher, event, field), event.type()
    quiet: list[QEvent] = [
        QEvent(QEvent.Type.UpdateRequest),
        QEvent(QEvent.Type.LayoutRequest),
        QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
    ]
    for event in quiet:
        assert not _restarts(watcher, event, field), event.type()
