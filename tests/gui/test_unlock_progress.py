"""Unlocking derives the key off the GUI thread: the window keeps painting (issue 17).

Driven as a coach does it: the passphrase typed into the unlock page, then Enter. The
derivation itself is the real Argon2id; a wrapper around it waits, on the worker
thread, until the GUI thread has run a timer and repainted the progress bar. Were the
derivation on the GUI thread, the timer could not run while it waits, and the test
fails instead of hanging.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from pytestqt.qtbot import QtBot

from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.settings import AppSettings
from coachdesk.vault import keys
from coachdesk.vault.keys import TEST_KDF
from testsupport import PASSPHRASE, NewVault

UNLOCK, WORKSPACE = 1, 2


class PaintCounter(QObject):
    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture
def locked_window(qtbot: QtBot, new_vault: NewVault, tmp_path: Path) -> Iterator[MainWindow]:
    window = MainWindow(
        VaultController(new_vault.folder, kdf=TEST_KDF), AppSettings(tmp_path / "s.ini")
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.stack.currentIndex() == UNLOCK
    yield window
    window.controller.lock()


def test_the_key_is_derived_off_the_gui_thread_while_the_window_paints(
    qtbot: QtBot, locked_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = locked_window
    page = window.unlock_page
    gui_thread = threading.get_ident()
    paints = PaintCounter(page.progress)
    deriving = threading.Event()
    responded = threading.Event()
    during: dict[str, Any] = {}
    real_derive = keys.derive_key

    def observed_derive(*args: Any, **kwargs: Any) -> bytes:
        during["thread"] = threading.get_ident()
        deriving.set()
        # Hold the derivation until the GUI thread has shown that it is alive.
        during["gui_responded"] = responded.wait(timeout=10)
        deriving.clear()
        return real_derive(*args, **kwargs)

    def on_gui_thread() -> None:
        if deriving.is_set() and not responded.is_set():
            before = paints.count
            page.progress.repaint()  # a real paint, on the GUI thread, mid-derivation
            during["progress_visible"] = page.progress.isVisible()
            during["typing_blocked"] = page.passphrase.isReadOnly()
            during["buttons_off"] = not page.unlock_button.isEnabled()
            during["painted"] = paints.count > before
            during["timer_thread"] = threading.get_ident()
            responded.set()

    monkeypatch.setattr(keys, "derive_key", observed_derive)
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(on_gui_thread)
    ticker.start()
    try:
        qtbot.keyClicks(page.passphrase, PASSPHRASE)
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.controller.is_unlocked, timeout=30_000)
    finally:
        ticker.stop()
    assert during["thread"] != gui_thread  # the derivation ran on a worker thread
    assert during["gui_responded"] is True  # ... while the GUI thread ran its timer
    assert during["timer_thread"] == gui_thread
    assert during["painted"] and during["progress_visible"]
    assert during["typing_blocked"] and during["buttons_off"]
    qtbot.waitUntil(lambda: window.stack.currentIndex() == WORKSPACE)
    assert not page.progress.isVisible() and not page.passphrase.isReadOnly()


def test_a_wrong_passphrase_ends_the_progress_and_says_so(
    qtbot: QtBot, locked_window: MainWindow
) -> None:
    page = locked_window.unlock_page
    qtbot.keyClicks(page.passphrase, "not the passphrase at all")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "does not open" in page.error.text(), timeout=30_000)
    assert not page.progress.isVisible() and not page.passphrase.isReadOnly()
    assert not locked_window.controller.is_unlocked
    assert locked_window.stack.currentIndex() == UNLOCK
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: locked_window.controller.is_unlocked, timeout=30_000)


def test_enter_pressed_again_while_unlocking_starts_no_second_unlock(
    qtbot: QtBot, locked_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = locked_window.unlock_page
    calls: list[int] = []
    real_unlock = VaultController.unlock_in_background

    def counting(self: VaultController, passphrase: str) -> None:
        calls.append(1)
        # The coach presses Enter and clicks Unlock again while the key is derived.
        QTimer.singleShot(0, lambda: page.unlock_requested.emit(PASSPHRASE))
        QTimer.singleShot(0, lambda: page.unlock_button.click())
        real_unlock(self, passphrase)

    monkeypatch.setattr(VaultController, "unlock_in_background", counting)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: locked_window.controller.is_unlocked, timeout=30_000)
    qtbot.wait(50)
    assert calls == [1]
