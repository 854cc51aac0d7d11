"""Helpers shared by the reliability tests (importable: this folder is on sys.path)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def when_modal(action: Callable[[Any], None], attempts: int = 250) -> None:
    """Run ``action(dialog)`` as soon as a modal dialog shows (from the event loop)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll(remaining: int) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible():
            action(widget)
        elif remaining > 0:
            QTimer.singleShot(20, lambda: poll(remaining - 1))

    QTimer.singleShot(0, lambda: poll(attempts))
