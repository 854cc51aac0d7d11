"""The one list editor on its own: rows, selection, pending rows and the one rule for an
untouched new row, on a bare table and one line edit (no vault: ``save`` is a list)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QMessageBox, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.core.errors import InvalidInput
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.models.records import Column
from coachdesk.ui.workspace.list_editor import ListEditor, PendingRowsModel


@dataclass(eq=False)
class Note:
    id: int | None = None
    text: str = ""


class Notes(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.model: PendingRowsModel[Note] = PendingRowsModel(
            [Column("Text", lambda n: n.text)], "Not saved yet", self
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.edit = QLineEdit()
        self.binder = RecordBinder(self)
        self.binder.text(self.edit, "text")
        self.rows: ListEditor[Note] = ListEditor(
            Note, self.model, self.view, self.binder, parent=self
        )
        self.stored: list[str] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.edit)

    def save(self, note: Note) -> None:
        if not note.text.strip():
            raise InvalidInput("The text is required.")
        note.id = note.id or len(self.stored) + 100
        self.stored.append(note.text)


@pytest.fixture
def notes(qtbot: QtBot) -> Notes:
    widget = Notes()
    qtbot.addWidget(widget)
    widget.rows.load([Note(1, "first"), Note(2, "second")])
    widget.show()
    return widget


def italic(notes: Notes, note: Note) -> bool:
    font = notes.model.data(
        notes.model.index(notes.model.row_of(note), 0), Qt.ItemDataRole.FontRole
    )
    return isinstance(font, QFont) and font.italic()


def test_loading_selects_the_first_row(notes: Notes) -> None:
    current = notes.rows.current()
    assert current is not None and current.text == "first"
    assert notes.edit.text() == "first"


def test_a_new_row_is_selected_focused_and_not_pending(qtbot: QtBot, notes: Notes) -> None:
    new = notes.rows.add(Note(), notes.edit)
    assert notes.rows.current() is new and notes.edit.hasFocus()
    assert notes.rows.is_untouched(new) and italic(notes, new)
    assert not notes.rows.save_pending(notes.save)  # never stored, blocks nothing
    assert notes.stored == []


def test_an_untouched_new_row_goes_when_another_is_selected(qtbot: QtBot, notes: Notes) -> None:
    gone: list[Note] = []
    notes.rows.removed.connect(gone.append)
    new = notes.rows.add(Note())
    notes.rows.select(notes.model.record(0))
    qtbot.waitUntil(lambda: notes.model.rowCount() == 2)
    assert gone == [new]


def test_an_untouched_new_row_goes_when_the_list_is_loaded_again(notes: Notes) -> None:
    notes.rows.add(Note())
    notes.rows.load([Note(1, "first"), Note(2, "second")], keep_edits=True)
    assert [n.text for n in notes.model.records()] == ["first", "second"]


def test_a_typed_new_row_is_pending_until_the_vault_takes_it(qtbot: QtBot, notes: Notes) -> None:
    new = notes.rows.add(Note(), notes.edit)
    qtbot.keyClicks(notes.edit, " ")  # only a space: refused
    assert notes.rows.is_pending(new)
    with pytest.raises(InvalidInput):
        notes.rows.save_pending(notes.save)
    assert notes.rows.is_pending(new) and italic(notes, new)
    # Leaving it, or loading the list again, keeps it: something was typed.
    notes.rows.select(notes.model.record(0))
    notes.rows.load([Note(1, "first"), Note(2, "second")], keep_edits=True)
    assert any(n is new for n in notes.model.records())
    notes.rows.select(new)
    qtbot.keyClicks(notes.edit, "kept")
    assert notes.rows.save_pending(notes.save)
    assert [t.strip() for t in notes.stored] == ["kept"] and not italic(notes, new)
    assert not notes.rows.pending()


def test_removing_asks_unless_the_row_is_new_and_untouched(
    qtbot: QtBot, notes: Notes, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def question(_parent: Any, title: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    deleted: list[int] = []
    new = notes.rows.add(Note())
    assert notes.rows.delete(notes, new, "Remove note", "Remove it?", deleted.append)
    assert asked == [] and deleted == []  # nothing stored, nothing asked
    stored = notes.model.record(0)
    assert not notes.rows.delete(notes, stored, "Remove note", "Remove it?", deleted.append)
    assert asked == ["Remove note"] and deleted == []
    assert notes.rows.delete(notes, stored, "Remove note", None, deleted.append)
    assert deleted == [1] and notes.model.rowCount() == 1


def test_a_refusal_by_the_vault_keeps_the_row(
    notes: Notes, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, _t: warned.append(title))

    def refuse(_record_id: int) -> None:
        raise InvalidInput("The vault is read-only.")

    assert not notes.rows.delete(notes, notes.model.record(0), "Remove note", None, refuse)
    assert warned == ["Remove note"] and notes.model.rowCount() == 2


def test_removing_selects_the_row_that_takes_its_place(notes: Notes) -> None:
    first = notes.model.record(0)
    notes.rows.remove(first)
    current = notes.rows.current()
    assert current is not None and current.text == "second"
    notes.rows.remove(current)
    assert notes.rows.current() is None and notes.edit.text() == ""


def test_clear_forgets_rows_and_pending(qtbot: QtBot, notes: Notes) -> None:
    notes.rows.add(Note(), notes.edit)
    qtbot.keyClicks(notes.edit, "typed")
    notes.rows.clear()
    assert notes.model.rowCount() == 0 and not notes.rows.pending()
    assert notes.rows.current() is None
