"""The app's first window, offscreen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coachdesk.app import build_main_window
from testsupport import NewVault


def test_window_says_when_no_vault_exists(qtbot: QtBot, tmp_path: Path) -> None:
    window = build_main_window(tmp_path / "nothing")
    qtbot.addWidget(window)
    window.show()
    label = window.findChild(QLabel, "vaultState")
    assert label is not None and "not created yet" in label.text()


def test_window_with_a_vault(qtbot: QtBot, new_vault: NewVault) -> None:
    window = build_main_window(new_vault.folder)
    qtbot.addWidget(window)
    label = window.findChild(QLabel, "vaultState")
    assert label is not None and "ready to unlock" in label.text()
