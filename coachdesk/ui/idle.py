"""Lock the vault when the coach walks away.

An application-wide event filter restarts a countdown on every key press, mouse click
or movement and wheel turn; when it runs out, ``idle`` fires. A heartbeat also compares
the wall clock with the monotonic clock: when the machine slept, the wall clock jumps
ahead while the monotonic clock (which stops during suspend on Linux and macOS) does
not, and ``idle`` fires at once on wake-up, even if the countdown had time left.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
HEARTBEAT_MS = 10_000
SLEEP_JUMP_SECONDS = 60.0


class IdleWatcher(QObject):
    idle = Signal(str)  # the reason: "idle" or "sleep"

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._countdown = QTimer(self)
        self._countdown.setSingleShot(True)
        self._countdown.timeout.connect(lambda: self.idle.emit("idle"))
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._check_sleep)
        self._clocks = (time.time(), time.monotonic())
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(max(1, minutes) * 60_000)

    def set_timeout_ms(self, ms: int) -> None:
        self._countdown.setInterval(ms)
        if self._countdown.isActive():
            self._countdown.start()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._clocks = (time.time(), time.monotonic())
        self._countdown.start()
        self._heartbeat.start()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._countdown.stop()
        self._heartbeat.stop()

    @property
    def active(self) -> bool:
        return self._countdown.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of the app passes here: ask the cheap question first (reading
        # the type builds a Python enum member; all activity events are input events).
        if event.isInputEvent() and event.type() in _ACTIVITY and self._countdown.isActive():
            self._countdown.start()
        return False

    def _check_sleep(self) -> None:
        wall, mono = time.time(), time.monotonic()
        slept = (wall - self._clocks[0]) - (mono - self._clocks[1])
        self._clocks = (wall, mono)
        if slept > SLEEP_JUMP_SECONDS:
            self.idle.emit("sleep")
