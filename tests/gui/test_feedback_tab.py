"""The Feedback tab, driven as a coach would: add, type, pick a role and an outcome,
wait for autosave, delete, and read the vault back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from coachdesk.core.model import FeedbackEntry, Outcome
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.controller import VaultController
from coachdesk.ui.workspace.feedback import COMMON_ROLES, FeedbackTab
from testsupport import sample_engagement

FAST = 40  # ms: autosave delay in tests that wait for it
NEVER = 600_000  # ms: autosave delay in tests that must not rely on the timer
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def client_id(controller: VaultController) -> int:
    return int(controller.client_id)  # type: ignore[attr-defined]


def stored(controller: VaultController) -> list[FeedbackEntry]:
    return controller.store.feedback.for_client(client_id(controller))


def outcomes(controller: VaultController) -> list[Outcome]:
    contract = controller.store.contracts.for_client(client_id(controller))
    assert contract is not None
    return contract.outcomes


def make_tab(qtbot: QtBot, controller: VaultController, delay: int) -> FeedbackTab:
    tab = FeedbackTab(controller, autosave_delay_ms=delay)
    qtbot.addWidget(tab)
    tab.resize(1100, 750)
    tab.show_client(client_id(controller))
    tab.show()
    qtbot.waitExposed(tab)
    return tab


@pytest.fixture
def tab(qtbot: QtBot, controller: VaultController) -> Iterator[FeedbackTab]:
    yield make_tab(qtbot, controller, FAST)


@pytest.fixture
def slow_tab(qtbot: QtBot, controller: VaultController) -> Iterator[FeedbackTab]:
    yield make_tab(qtbot, controller, NEVER)


def type_at_end(qtbot: QtBot, widget: QPlainTextEdit | QLineEdit, text: str) -> None:
    widget.setFocus()
    if isinstance(widget, QPlainTextEdit):
        widget.moveCursor(widget.textCursor().MoveOperation.End)
    else:
        widget.end(False)
    qtbot.keyClicks(widget, text)


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(
        _parent: QWidget, title: str, text: str, *_args: Any
    ) -> QMessageBox.StandardButton:
        asked.append(f"{title}: {text}")
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def add_two_more(controller: VaultController) -> None:
    for day, role, behaviour in (
        (20, "Peer", "Asked for input"),
        (3, "Board member", "Stayed calm"),
    ):
        controller.store.feedback.save(
            FeedbackEntry(
                client_id=client_id(controller),
                received_on=date(2026, 2, day),
                from_role=role,
                observed_behaviour=behaviour,
            )
        )


def row_texts(tab: FeedbackTab, row: int) -> list[str]:
    return [str(tab.proxy.index(row, column).data()) for column in range(5)]


# -- the list ------------------------------------------------------------------------


def test_lists_feedback_newest_first_with_the_linked_outcome(
    qtbot: QtBot, controller: VaultController
) -> None:
    add_two_more(controller)
    tab = make_tab(qtbot, controller, FAST)
    assert tab.proxy.rowCount() == 3
    assert row_texts(tab, 0) == ["20 Feb 2026", "Peer", "", "Asked for input", ""]
    assert row_texts(tab, 1) == [
        "10 Feb 2026",
        "Direct report",  # stored as "direct report"; shown capitalised
        "Sam",
        "Cut people off in stand-ups",
        "Delegate operational decisions to direct reports",
    ]
    assert row_texts(tab, 2)[0] == "03 Feb 2026"
    # The newest is open in the editor.
    assert tab.editor.observed_behaviour.toPlainText() == "Asked for input"


def test_models_are_valid_qt_models(qtmodeltester: ModelTester, tab: FeedbackTab) -> None:
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_editor_shows_the_entry(tab: FeedbackTab, controller: VaultController) -> None:
    editor = tab.editor
    assert editor.received_on.value() == date(2026, 2, 10)
    assert editor.from_role.currentText() == "direct report"
    assert editor.from_name.text() == "Sam"
    assert editor.perceived_impact.toPlainText() == "Team stopped raising issues"
    first = outcomes(controller)[0]
    assert editor.outcome.currentData() == first.id
    assert [editor.from_role.itemText(i) for i in range(editor.from_role.count())] == list(
        COMMON_ROLES
    )
    assert editor.from_role.isEditable()


def test_focus_record_selects_that_feedback(qtbot: QtBot, controller: VaultController) -> None:
    add_two_more(controller)
    tab = make_tab(qtbot, controller, FAST)
    sam = next(f for f in stored(controller) if f.from_name == "Sam")
    assert sam.id is not None
    tab.focus_record(sam.id)
    current = tab.current_entry()
    assert current is not None and current.id == sam.id
    assert tab.table.currentIndex().row() == 1


# -- create and edit -----------------------------------------------------------------


def test_add_feedback_type_and_autosave(
    qtbot: QtBot, tab: FeedbackTab, controller: VaultController
) -> None:
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    entry = tab.current_entry()
    assert entry is not None and entry.id is None
    assert entry.received_on == controller.store.today()
    assert tab.editor.from_role.hasFocus()
    assert tab.proxy.rowCount() == 2
    editor = tab.editor
    editor.from_role.setCurrentIndex(COMMON_ROLES.index("Peer"))
    type_at_end(qtbot, editor.from_name, "Aisha")
    assert len(stored(controller)) == 1  # no behaviour yet: not storable
    type_at_end(qtbot, editor.observed_behaviour, "Asked the team before deciding")
    type_at_end(qtbot, editor.perceived_impact, "People felt heard")
    qtbot.waitUntil(lambda: len(stored(controller)) == 2)
    qtbot.waitUntil(
        lambda: any(f.perceived_impact == "People felt heard" for f in stored(controller))
    )
    saved = next(f for f in stored(controller) if f.from_name == "Aisha")
    assert saved.from_role == "Peer"
    assert saved.observed_behaviour == "Asked the team before deciding"
    assert saved.received_on == controller.store.today()
    assert saved.outcome_id is None
    assert row_texts(tab, 0)[1:4] == ["Peer", "Aisha", "Asked the team before deciding"]


def test_a_typed_role_is_kept(
    qtbot: QtBot, slow_tab: FeedbackTab, controller: VaultController
) -> None:
    editor = slow_tab.editor
    editor.from_role.setFocus()
    editor.from_role.lineEdit().selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(editor.from_role, "Skip-level report")
    assert slow_tab.flush()
    assert stored(controller)[0].from_role == "Skip-level report"
    assert editor.from_role.count() == len(COMMON_ROLES)  # typed roles do not pile up


def test_add_feedback_shortcut(qtbot: QtBot, tab: FeedbackTab) -> None:
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, CTRL | SHIFT)
    assert tab.model.rowCount() == 2
    current = tab.current_entry()
    assert current is not None and current.id is None


def test_link_to_an_outcome_and_unlink(
    qtbot: QtBot, tab: FeedbackTab, controller: VaultController
) -> None:
    first, second = outcomes(controller)
    combo = tab.editor.outcome
    assert combo.itemText(0) == "Not linked to an outcome"
    assert combo.itemText(2) == "Stay composed in board meetings"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # first → second outcome
    qtbot.waitUntil(lambda: stored(controller)[0].outcome_id == second.id)
    assert row_texts(tab, 0)[4] == "Stay composed in board meetings"
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: stored(controller)[0].outcome_id is None)
    assert row_texts(tab, 0)[4] == ""
    assert first.id is not None


def test_received_on_is_editable(
    qtbot: QtBot, slow_tab: FeedbackTab, controller: VaultController
) -> None:
    slow_tab.editor.received_on.setDate(QDate(2026, 1, 30))
    assert slow_tab.flush()
    assert stored(controller)[0].received_on == date(2026, 1, 30)


def test_flush_stores_without_waiting(
    qtbot: QtBot, slow_tab: FeedbackTab, controller: VaultController
) -> None:
    type_at_end(qtbot, slow_tab.editor.observed_behaviour, " twice")
    assert slow_tab.save_state == SaveState.PENDING
    assert slow_tab.flush()
    assert stored(controller)[0].observed_behaviour == "Cut people off in stand-ups twice"
    assert slow_tab.save_state == SaveState.SAVED


def test_feedback_without_behaviour_waits_and_says_why(
    qtbot: QtBot, slow_tab: FeedbackTab, controller: VaultController
) -> None:
    slow_tab.add_feedback()
    type_at_end(qtbot, slow_tab.editor.from_name, "Lee")
    assert not slow_tab.flush()
    assert slow_tab.save_state == SaveState.INVALID
    assert "behaviour" in slow_tab.editor.status.text()
    assert slow_tab.editor.status.isVisibleTo(slow_tab)
    type_at_end(qtbot, slow_tab.editor.observed_behaviour, "Interrupted twice")
    assert slow_tab.flush()
    assert not slow_tab.editor.status.isVisibleTo(slow_tab)
    assert any(f.from_name == "Lee" for f in stored(controller))


def test_an_untouched_new_feedback_disappears_when_left(qtbot: QtBot, tab: FeedbackTab) -> None:
    tab.add_feedback()
    assert tab.model.rowCount() == 2
    tab.table.setCurrentIndex(tab.proxy.index(1, 0))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.flush()


def test_outcome_choices_follow_the_contract(
    qtbot: QtBot, tab: FeedbackTab, controller: VaultController
) -> None:
    contract = controller.store.contracts.for_client(client_id(controller))
    assert contract is not None
    contract.outcomes[1].statement = "Chair the board review calmly"
    controller.store.contracts.save(contract)
    tab.show_client(client_id(controller))  # the window reloads a stale tab like this
    combo = tab.editor.outcome
    assert [combo.itemText(i) for i in range(combo.count())][2] == "Chair the board review calmly"
    assert tab.current_entry() is not None


# -- delete --------------------------------------------------------------------------


def test_delete_no_keeps_the_feedback(
    qtbot: QtBot, tab: FeedbackTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "direct report Sam" in asked[0]
    assert len(stored(controller)) == 1
    assert tab.model.rowCount() == 1


def test_delete_yes_removes_the_feedback(
    qtbot: QtBot, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_two_more(controller)
    tab = make_tab(qtbot, controller, FAST)
    tab.table.setCurrentIndex(tab.proxy.index(1, 0))  # Sam's
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert sorted(f.from_role for f in stored(controller)) == ["Board member", "Peer"]
    assert tab.model.rowCount() == 2
    current = tab.current_entry()
    assert current is not None and current.from_role == "Board member"  # the next one down
    for _ in range(2):
        assert tab.delete_current()
    assert tab.current_entry() is None
    assert tab.stack.currentIndex() == 0
    assert not tab.delete_button.isEnabled()
    assert tab.add_button.isEnabled()


def test_delete_key_asks_too(
    qtbot: QtBot, tab: FeedbackTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert stored(controller) == []


# -- client switching, locking -------------------------------------------------------


def visible_text(root: QWidget) -> list[str]:
    """Every piece of text a widget tree shows or holds (items, tooltips, models)."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        if isinstance(widget, QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
            assert not widget.document().isUndoAvailable()
        elif isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
            texts.extend(
                str(widget.itemData(i, Qt.ItemDataRole.ToolTipRole)) for i in range(widget.count())
            )
            texts.append(widget.currentText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                for column in range(model.columnCount(QModelIndex())):
                    index = model.index(row, column)
                    texts.append(str(index.data()))
                    texts.append(str(index.data(Qt.ItemDataRole.ToolTipRole)))
    return texts


def test_clear_leaves_no_client_text(qtbot: QtBot, controller: VaultController) -> None:
    marked = controller.store.add_engagement(sample_engagement("Zed Client", marker="QQMARK"))
    tab = FeedbackTab(controller, autosave_delay_ms=NEVER)
    qtbot.addWidget(tab)
    tab.show_client(marked)
    tab.show()
    assert "QQMARK" in "\n".join(visible_text(tab))
    tab.editor.from_name.selectAll()
    qtbot.keyClicks(tab.editor.from_name, "Quentin QQMARK")
    qtbot.keyClicks(tab.editor.from_role, " QQMARK")
    assert tab.flush()

    tab.clear()
    texts = "\n".join(visible_text(tab))
    assert "QQMARK" not in texts
    assert "Quentin" not in texts
    assert "stand-ups" not in texts
    assert "Delegate operational" not in texts  # outcome statements in the link combo
    assert tab.model.rowCount() == 0
    assert tab.client_id is None
    assert tab.current_entry() is None
    assert tab.add_feedback() is None
    assert not tab.add_button.isEnabled() and not tab.delete_button.isEnabled()
    assert tab.flush()


def test_showing_another_client_shows_only_theirs(
    qtbot: QtBot, tab: FeedbackTab, controller: VaultController
) -> None:
    other = controller.store.add_engagement(sample_engagement("Other", marker="OTHER"))
    tab.show_client(other)
    assert tab.model.rowCount() == 1
    entry = tab.model.record(0)
    assert entry.client_id == other and "OTHER" in entry.observed_behaviour
    combo = tab.editor.outcome
    assert all("OTHER" in combo.itemText(i) for i in range(1, combo.count()))
    assert combo.currentData() == entry.outcome_id
