"""Drive modal dialogs from tests: act on the dialog once it is open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def when_modal(action: Callable[[QWidget], None], attempts: int = 200) -> None:
    """Run ``action(dialog)`` as soon as a modal dialog is showing (from the event loop)."""

    def poll(remaining: int) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible():
            action(widget)
        elif remaining > 0:
            QTimer.singleShot(20, lambda: poll(remaining - 1))

    QTimer.singleShot(0, lambda: poll(attempts))


def when_dialog(
    kind: type[QWidget], action: Callable[[QWidget], None], attempts: int = 1500
) -> None:
    """Like :func:`when_modal`, for the first modal dialog of type ``kind`` (a dialog
    that opens another can schedule the next step before it closes)."""

    def poll(remaining: int) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            action(widget)
        elif remaining > 0:
            QTimer.singleShot(20, lambda: poll(remaining - 1))

    QTimer.singleShot(0, lambda: poll(attempts))
