"""QApplication bootstrap for the desktop client."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from coachdesk import __version__
from coachdesk.vault.vault import is_vault


def build_main_window(vault_dir: Path) -> QMainWindow:
    """The first window the coach sees (a placeholder until the desktop client lands)."""
    window = QMainWindow()
    window.setWindowTitle("CoachDesk")
    state = "ready to unlock" if is_vault(vault_dir) else "not created yet (run 'coachdesk init')"
    label = QLabel(f"CoachDesk {__version__}\n\nVault: {state}")
    label.setObjectName("vaultState")
    label.setMargin(24)
    window.setCentralWidget(label)
    window.resize(900, 600)
    return window


def run_app(vault_dir: Path) -> int:
    """Start the GUI on ``vault_dir``; returns the process exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("CoachDesk")
    app.setOrganizationName("CoachDesk")
    app.setApplicationVersion(__version__)
    window = build_main_window(vault_dir)
    window.show()
    return int(app.exec())
