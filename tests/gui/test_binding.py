"""RecordBinder: showing another record leaves no undo history behind."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.widgets import NoteEdit


@dataclass
class Note:
    id: int | None = None
    title: str = ""
    body: str = ""


def bound(qtbot: QtBot, *, cursor_at_end: bool = False) -> tuple[RecordBinder, QLineEdit, NoteEdit]:
    title, body = QLineEdit(), NoteEdit()
    qtbot.addWidget(title)
    qtbot.addWidget(body)
    binder = RecordBinder(cursor_at_end=cursor_at_end)
    binder.text(title, "title")
    binder.text(body, "body")
    return binder, title, body


def test_another_record_cannot_be_undone_into(qtbot: QtBot) -> None:
    binder, title, body = bound(qtbot)
    binder.set_record(Note(1, "Same words", "Same words"))
    qtbot.keyClicks(title, "!")
    qtbot.keyClicks(body, "!")
    # The next record holds the very text typed: only the history tells them apart.
    binder.set_record(Note(2, title.text(), body.toPlainText()))
    assert not title.isUndoAvailable()
    assert not body.document().isUndoAvailable()
    assert title.text() == "!Same words"
    assert title.cursorPosition() == 1  # where typing left it


def test_none_is_another_record_too(qtbot: QtBot) -> None:
    binder, title, body = bound(qtbot)
    binder.set_record(Note(1, "Title", "Body"))
    qtbot.keyClicks(body, " more")
    binder.set_record(None)
    assert body.toPlainText() == "" and not body.document().isUndoAvailable()
    assert not title.isEnabled()


def test_the_same_record_read_again_keeps_its_history(qtbot: QtBot) -> None:
    binder, title, _body = bound(qtbot)
    binder.set_record(Note(1, "Title", "Body"))
    qtbot.keyClicks(title, " typed")
    binder.set_record(Note(1, title.text(), "Body"))  # reloaded from the vault
    assert title.isUndoAvailable()
    new = Note(None, "", "")
    binder.set_record(new)
    qtbot.keyClicks(title, "x")
    binder.set_record(new)  # a record not stored yet is the same only as itself
    assert title.isUndoAvailable()
    binder.set_record(Note(None, "x", ""))
    assert not title.isUndoAvailable()


def test_cursor_at_end(qtbot: QtBot) -> None:
    binder, title, _body = bound(qtbot, cursor_at_end=True)
    binder.set_record(Note(1, "A long title", ""))
    assert title.cursorPosition() == len("A long title")
    binder, title, _body = bound(qtbot)
    binder.set_record(Note(1, "A long title", ""))
    assert title.cursorPosition() == 0
