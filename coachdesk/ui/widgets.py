"""Small reusable widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

_NONE_DATE = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A date field that can be empty (shown as "—"); Delete or Backspace empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd MMM yyyy")
        self.setMinimumDate(_NONE_DATE)
        self.setSpecialValueText("—")
        self.setDate(_NONE_DATE)

    def value(self) -> date | None:
        current = self.date()
        if current == _NONE_DATE:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(_NONE_DATE if value is None else QDate(value.year, value.month, value.day))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Delete empties the date (there is no "no date" to type)."""
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() == Qt.Key.Key_Delete and ctrl:
            self.set_value(None)
            return
        super().keyPressEvent(event)


class NoteEdit(QPlainTextEdit):
    """Multi-line note with undo/redo (Ctrl+Z / Ctrl+Shift+Z) and a placeholder."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(True)


class PrivateNoteEdit(NoteEdit):
    """The coach-only field: visibly different, never part of anything shareable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Only you see this. It never appears in a shared report.", parent)
        self.setObjectName("privateNote")
        self.setAccessibleName("Private notes (never shared)")


def private_banner(parent: QWidget | None = None) -> QLabel:
    label = QLabel("PRIVATE — only you see this; never shared", parent)
    label.setObjectName("privateBanner")
    return label


def section_title(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("sectionTitle")
    return label


CARD_STYLE = """
QFrame#card {
    background: palette(base);
    border: 1px solid palette(midlight);
    border-radius: 8px;
}
QLabel#sectionTitle { font-weight: 600; font-size: 11pt; }
QLabel#cardHint { color: palette(placeholder-text); }
"""
"""How cards look until the app's stylesheet styles ``QFrame#card`` (tabs that use
cards set it on themselves, so they look right on their own and in tests)."""


def make_card(title: str, hint: str = "") -> tuple[QFrame, QVBoxLayout]:
    """A titled panel (``QFrame#card``) grouping related fields; returns it and its
    layout. ``hint`` is a quiet line of help beside the title."""
    card = QFrame()
    layout, _heading = fill_card(card, title, hint)
    return card, layout


def fill_card(card: QFrame, title: str, hint: str = "") -> tuple[QVBoxLayout, QHBoxLayout]:
    """Make ``card`` a :func:`make_card` panel (for a card class of its own); returns its
    layout and the heading row, where buttons may follow the title."""
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    heading = QHBoxLayout()
    heading.addWidget(section_title(title))
    if hint:
        note = QLabel(hint)
        note.setObjectName("cardHint")
        note.setWordWrap(True)  # a narrow card wraps its hint instead of growing
        heading.addWidget(note, 1)
    else:
        heading.addStretch(1)
    layout.addLayout(heading)
    return layout, heading
