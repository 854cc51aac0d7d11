"""Windows that fit the screen they open on: a 13-inch laptop (1280x720 available, less
the panel and title bar) must show every window whole, buttons included."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

TITLE_BAR = 40
"""Room left for a window manager's title bar and frame (not known before showing)."""
MARGIN = 0.92
"""A dialog takes at most this share of the screen, so its parent still shows around it."""


def screen_of(widget: QWidget) -> QScreen | None:
    parent = widget.parentWidget()
    screen = (parent.window() if parent is not None else widget).screen()
    return screen or QGuiApplication.primaryScreen()


def available(widget: QWidget) -> QRect:
    """The part of the widget's screen windows may use (without panels and docks)."""
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def fitted(wanted: QSize, room: QRect, share: float = 1.0, frame: int = TITLE_BAR) -> QSize:
    """``wanted``, made no larger than ``share`` of ``room`` less a title bar."""
    return QSize(
        min(wanted.width(), int(room.width() * share)),
        min(wanted.height(), int(room.height() * share) - frame),
    )


def size_to_screen(widget: QWidget, wanted: QSize, share: float = MARGIN) -> None:
    """Resize a dialog to ``wanted`` or, on a small screen, to what the screen allows."""
    widget.resize(fitted(wanted, available(widget), share))


def place_in_screen(widget: QWidget, default: QSize | None = None) -> None:
    """Fit the main window into the available screen: ``default`` (its size on first
    start) or its restored size, no larger than the screen, moved back in when a
    restored position lies off it (a smaller or unplugged screen since)."""
    room = available(widget)
    size = fitted(default if default is not None else widget.size(), room)
    widget.resize(size)
    frame = QRect(widget.pos(), size + QSize(0, TITLE_BAR))  # move() places the frame
    if default is not None or not room.contains(frame):
        left = room.left() + max(0, (room.width() - size.width()) // 2)
        top = room.top() + max(0, (room.height() - size.height() - TITLE_BAR) // 2)
        widget.move(left, top)
