"""RecordLogTab on its own: the smallest log a tab can make of it (feedback, with two
fields), driven through the base's behaviour: list, add, wait until storable, drop
when untouched, delete after asking, forget on clear."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.core.model import FeedbackEntry
from coachdesk.ui.controller import VaultController
from coachdesk.ui.models.records import Column
from coachdesk.ui.widgets import NoteEdit
from coachdesk.ui.workspace.record_log import RecordEditor, RecordLogModel, RecordLogTab
from coachdesk.vault.store import ClientRecordRepository

NEVER = 600_000  # ms: saves happen on flush only
NEW_DAY = date(2026, 3, 1)


class NoteEditor(RecordEditor):
    def __init__(self) -> None:
        super().__init__()
        self.behaviour = NoteEdit("What was seen")
        self.name = QLineEdit()
        self.binder.text(self.behaviour, "observed_behaviour")
        self.binder.text(self.name, "from_name")
        layout = QVBoxLayout(self)
        for widget in (self.status, self.behaviour, self.name):
            layout.addWidget(widget)


class NotesTab(RecordLogTab[FeedbackEntry, NoteEditor]):
    def __init__(self, controller: VaultController) -> None:
        columns: list[Column[FeedbackEntry]] = [
            Column("Received", lambda f: f.received_on),
            Column("Behaviour", lambda f: f.observed_behaviour),
        ]
        super().__init__(
            controller,
            None,
            record_type=FeedbackEntry,
            model=RecordLogModel(columns, "Not saved yet"),
            editor=NoteEditor(),
            autosave_delay_ms=NEVER,
        )
        self.add_action, self.add_button = self._add_controls(
            "Add note", ("Ctrl+Shift+N",), "Add a note", self.add_note
        )
        self.delete_action.setText("Delete note…")
        self._lay_out("Notes", self.table, self.editor)
        self.clear()

    def add_note(self) -> FeedbackEntry | None:
        return self._add(self.editor.behaviour, Qt.FocusReason.OtherFocusReason)

    def _repository(self) -> ClientRecordRepository[FeedbackEntry]:
        return self.controller.store.feedback

    def _new_record(self, client_id: int) -> FeedbackEntry:
        return FeedbackEntry(client_id=client_id, received_on=NEW_DAY)

    def _delete_question(self, record: FeedbackEntry) -> tuple[str, str]:
        return "Delete note", f"Delete “{record.observed_behaviour}”?"

    def _empty_text(self, has_records: bool) -> str:
        return "Pick a note." if has_records else "No notes yet."


def client_id(controller: VaultController) -> int:
    return int(controller.client_id)  # type: ignore[attr-defined]


def stored(controller: VaultController) -> list[FeedbackEntry]:
    return controller.store.feedback.for_client(client_id(controller))


@pytest.fixture
def tab(qtbot: QtBot, controller: VaultController) -> Iterator[NotesTab]:
    controller.store.feedback.save(
        FeedbackEntry(
            client_id=client_id(controller),
            received_on=date(2026, 2, 20),
            observed_behaviour="Asked for input",
        )
    )
    notes = NotesTab(controller)
    qtbot.addWidget(notes)
    notes.show_client(client_id(controller))
    notes.show()
    qtbot.waitExposed(notes)
    yield notes


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: QWidget, title: str, text: str, *args: Any) -> Any:
        asked.append(f"{title}: {text} {args[-1] == QMessageBox.StandardButton.No}")
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def behaviours(tab: NotesTab) -> list[str]:
    return [str(tab.proxy.index(row, 1).data()) for row in range(tab.proxy.rowCount())]


def test_lists_newest_first_and_opens_the_newest(tab: NotesTab) -> None:
    assert behaviours(tab) == ["Asked for input", "Cut people off in stand-ups"]
    assert tab.editor.behaviour.toPlainText() == "Asked for input"
    assert tab.stack.currentIndex() == 1
    assert tab.delete_button.isEnabled() and tab.add_button.isEnabled()


def test_a_new_record_waits_until_the_vault_takes_it(
    qtbot: QtBot, tab: NotesTab, controller: VaultController
) -> None:
    entry = tab.add_note()
    assert entry is not None and tab.current_entry() is entry
    assert tab.editor.behaviour.hasFocus()
    qtbot.keyClicks(tab.editor.name, "Sam")  # no behaviour yet: the vault refuses it
    assert not tab.flush()
    assert tab.editor.status.isVisibleTo(tab)
    assert tab.model.data(tab.model.index(tab.model.row_of(entry), 0), Qt.ItemDataRole.FontRole)
    tab.show_client(client_id(controller))  # showing the client again keeps it
    assert tab.current_entry() is entry
    qtbot.keyClicks(tab.editor.behaviour, "Stayed calm")
    with qtbot.waitSignal(controller.data_changed):
        assert tab.flush()
    assert entry.id is not None
    assert not tab.editor.status.isVisibleTo(tab)
    assert any(f.observed_behaviour == "Stayed calm" for f in stored(controller))


def test_an_untouched_new_record_disappears_when_left(qtbot: QtBot, tab: NotesTab) -> None:
    tab.add_note()
    assert tab.model.rowCount() == 3
    tab.table.setCurrentIndex(tab.proxy.index(1, 0))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert tab.flush()


def test_delete_asks_and_no_is_the_default(
    tab: NotesTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    assert not tab.delete_current()
    assert asked == [
        "Delete note: Delete “Asked for input”?\nThis cannot be undone. True",
    ]
    assert len(stored(controller)) == 2
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert tab.delete_current()
    assert [f.observed_behaviour for f in stored(controller)] == ["Cut people off in stand-ups"]
    current = tab.current_entry()
    assert current is not None and current.observed_behaviour == "Cut people off in stand-ups"
    assert tab.delete_current()
    assert tab.current_entry() is None
    assert tab.stack.currentIndex() == 0
    assert tab.empty_hint.text() == "No notes yet."


def test_switching_records_leaves_nothing_to_undo(qtbot: QtBot, tab: NotesTab) -> None:
    qtbot.keyClicks(tab.editor.behaviour, " twice")
    qtbot.keyClicks(tab.editor.name, "Sam")  # as the next one's name: the same text
    assert tab.editor.behaviour.document().isUndoAvailable()
    assert tab.editor.name.isUndoAvailable()
    tab.table.setCurrentIndex(tab.proxy.index(1, 0))
    assert tab.editor.name.text() == "Sam"
    assert not tab.editor.behaviour.document().isUndoAvailable()
    assert not tab.editor.name.isUndoAvailable()


def test_clear_forgets_the_client(tab: NotesTab) -> None:
    tab.add_note()
    tab.clear()
    assert tab.model.rowCount() == 0
    assert tab.current_entry() is None
    assert tab.editor.behaviour.toPlainText() == ""
    assert not tab.editor.behaviour.document().isUndoAvailable()
    assert not tab.add_button.isEnabled() and not tab.add_action.isEnabled()
    assert not tab.delete_button.isEnabled()
    assert tab.add_note() is None
