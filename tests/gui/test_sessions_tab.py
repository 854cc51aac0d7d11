"""The Sessions tab, driven as a coach would: click, type, wait for autosave, read back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence, QPalette, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from coachdesk.core.model import (
    ActionOwner,
    ActionStatus,
    Session,
    SessionTemplate,
)
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.controller import VaultController
from coachdesk.ui.models.records import RECORD_ROLE, RecordTableModel
from coachdesk.ui.workspace.sessions import SessionsTab

FAST = 40  # ms: autosave delay in tests that wait for it
NEVER = 600_000  # ms: autosave delay in tests that must not rely on the timer

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

# Text of the sample engagement that must never outlive clear().
CLIENT_TEXT = [
    "Ирина",
    "Northwind",
    "Müller",
    "Shared summary 2",
    "Shared summary 0",
    "Private observation",
    "Agenda 0",
    "Agenda 2",
    "Decision 2",
    "Insight 2",
    "Next steps 2",
    "Delegate operational",
    "Stay composed",
    "Draft delegation",
    "typed by the coach",
]


# -- helpers -------------------------------------------------------------------------


def client_id(controller: VaultController) -> int:
    return int(controller.client_id)  # type: ignore[attr-defined]


def stored_sessions(controller: VaultController) -> list[Session]:
    return controller.store.sessions.for_client(client_id(controller))


def stored(controller: VaultController, session_id: int) -> Session:
    return controller.store.sessions.get(session_id)


def child(tab: QWidget, kind: type, name: str) -> object:
    found = tab.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def note(tab: QWidget, name: str) -> QPlainTextEdit:
    widget = child(tab, QPlainTextEdit, name)
    assert isinstance(widget, QPlainTextEdit)
    return widget


def line(tab: QWidget, name: str) -> QLineEdit:
    widget = child(tab, QLineEdit, name)
    assert isinstance(widget, QLineEdit)
    return widget


def button(tab: QWidget, name: str) -> QAbstractButton:
    widget = child(tab, QAbstractButton, name)
    assert isinstance(widget, QAbstractButton)
    return widget


def spin(tab: QWidget, name: str) -> QSpinBox:
    widget = child(tab, QSpinBox, name)
    assert isinstance(widget, QSpinBox)
    return widget


def session_list(tab: QWidget) -> QAbstractItemView:
    widget = child(tab, QAbstractItemView, "sessionList")
    assert isinstance(widget, QAbstractItemView)
    return widget


def selected(tab: QWidget) -> Session:
    """The session the list has selected (the editor shows it)."""
    record = session_list(tab).currentIndex().data(RECORD_ROLE)
    assert isinstance(record, Session)
    return record


def select_row(qtbot: QtBot, tab: QWidget, row: int) -> None:
    view = session_list(tab)
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def indicator(box: QCheckBox) -> QPoint:
    """Where a person clicks a check box: its box, not the empty space after the text."""
    return QPoint(8, box.height() // 2)


def type_at_end(qtbot: QtBot, edit: QPlainTextEdit | QLineEdit, typed: str) -> None:
    edit.setFocus()
    modifier = CTRL if isinstance(edit, QPlainTextEdit) else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(edit, Qt.Key.Key_End, modifier)
    qtbot.keyClicks(edit, typed)


def replace_text(qtbot: QtBot, edit: QPlainTextEdit | QLineEdit, typed: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    if typed:
        qtbot.keyClicks(edit, typed)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)


def make_tab(
    qtbot: QtBot, controller: VaultController, delay: int = FAST, *, owned: bool = True
) -> SessionsTab:
    """A shown tab on the sample client; ``owned=False``: the test destroys it itself."""
    tab = SessionsTab(controller, autosave_delay_ms=delay)
    if owned:
        qtbot.addWidget(tab)
    tab.resize(1100, 750)
    tab.show()
    tab.show_client(client_id(controller))
    return tab


@pytest.fixture
def tab(qtbot: QtBot, controller: VaultController) -> Iterator[SessionsTab]:
    tab = make_tab(qtbot, controller)
    yield tab
    tab.flush()


# -- the list ------------------------------------------------------------------------


def test_lists_sessions_newest_first_with_n_of_n(tab: SessionsTab) -> None:
    view = session_list(tab)
    model = view.model()
    assert model.rowCount() == 3
    dates = [model.index(row, 0).data() for row in range(3)]
    assert dates == ["26 Jan 2026, 09:30", "19 Jan 2026, 09:30", "12 Jan 2026, 09:30"]
    assert [model.index(row, 1).data() for row in range(3)] == ["3 of 10", "2 of 10", "1 of 10"]
    assert model.index(0, 5).data() == "7"  # result rating of the newest (5 + 2 % 3)
    # The newest session is open in the editor.
    assert note(tab, "sharedSummary").toPlainText().startswith("Shared summary 2")
    assert child(tab, QLabel, "sessionOfCount").text() == "of 10"  # type: ignore[attr-defined]


def test_session_list_model_is_a_valid_qt_model(
    tab: SessionsTab, qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    model = tab.findChild(RecordTableModel, "sessionListModel")
    assert model is not None
    qtmodeltester.check(model)
    # Still valid while it changes: a new session, an edit, a deletion.
    qtbot.mouseClick(button(tab, "newSessionButton"), Qt.MouseButton.LeftButton)
    type_at_end(qtbot, line(tab, "focusArea"), "delegation")
    qtmodeltester.check(model)


def test_selecting_a_session_shows_its_notes(qtbot: QtBot, tab: SessionsTab) -> None:
    select_row(qtbot, tab, 2)
    assert selected(tab).number == 1
    assert note(tab, "sharedSummary").toPlainText().startswith("Shared summary 0")
    assert note(tab, "privateNote").toPlainText().startswith("Private observation 0")
    assert child(tab, QLabel, "sessionHeading").text().startswith("Session 1 of 10")  # type: ignore[attr-defined]


def test_focus_record_selects_that_session(tab: SessionsTab, controller: VaultController) -> None:
    oldest = min(stored_sessions(controller), key=lambda s: s.started_at)
    assert oldest.id is not None
    tab.focus_record(oldest.id)
    assert selected(tab).id == oldest.id
    assert note(tab, "agenda").toPlainText() == "Agenda 0"
    tab.focus_record(10_000)  # not this client's: nothing changes
    assert selected(tab).id == oldest.id


# -- new session ---------------------------------------------------------------------


def test_new_session_is_prefilled_and_typed_notes_autosave(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    before = datetime.now()
    qtbot.mouseClick(button(tab, "newSessionButton"), Qt.MouseButton.LeftButton)

    # One rule for new rows (list_editor): stored once the coach types in it.
    assert len(stored_sessions(controller)) == 3
    new = selected(tab)
    assert new.id is None and session_list(tab).model().rowCount() == 4
    assert new.number == 4
    assert new.duration_minutes == 90  # the contract's session length
    assert new.started_at.minute % 15 == 0 and new.started_at.second == 0
    assert abs(new.started_at - before) <= timedelta(minutes=8)
    assert session_list(tab).currentIndex().row() == 0  # newest first
    assert note(tab, "sharedSummary").toPlainText() == ""

    type_at_end(qtbot, note(tab, "sharedSummary"), "We mapped what to delegate.")
    type_at_end(qtbot, note(tab, "privateNote"), "Tense when the CFO came up.")
    qtbot.waitUntil(lambda: new.id is not None)
    qtbot.waitUntil(
        lambda: stored(controller, new.id or 0).private_notes == "Tense when the CFO came up."
    )
    assert len(stored_sessions(controller)) == 4
    saved = stored(controller, new.id or 0)
    assert saved.number == 4
    assert saved.shared_summary == "We mapped what to delegate."
    assert tab.save_state == SaveState.SAVED


def test_new_session_shortcut(qtbot: QtBot, tab: SessionsTab, controller: VaultController) -> None:
    new_button = button(tab, "newSessionButton")
    assert new_button.shortcut() == QKeySequence("Ctrl+Shift+N")
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    note(tab, "agenda").setFocus()
    qtbot.keyClick(note(tab, "agenda"), Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: session_list(tab).model().rowCount() == 4)  # buttons animate
    assert selected(tab).id is None and note(tab, "agenda").hasFocus()


def test_an_untouched_new_session_is_never_stored_and_goes_when_left(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    qtbot.mouseClick(button(tab, "newSessionButton"), Qt.MouseButton.LeftButton)
    assert tab.flush()  # nothing typed: nothing to store, nothing blocked
    assert len(stored_sessions(controller)) == 3
    select_row(qtbot, tab, 2)
    qtbot.waitUntil(lambda: session_list(tab).model().rowCount() == 3)
    model = tab.findChild(RecordTableModel, "sessionListModel")
    assert model is not None and all(s.id is not None for s in model.records())
    # Showing the client again drops one too.
    qtbot.mouseClick(button(tab, "newSessionButton"), Qt.MouseButton.LeftButton)
    tab.show_client(client_id(controller))
    assert session_list(tab).model().rowCount() == 3
    assert len(stored_sessions(controller)) == 3


def test_an_action_item_keeps_a_new_session(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    qtbot.mouseClick(button(tab, "newSessionButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(tab, "addActionButton"), Qt.MouseButton.LeftButton)
    session = selected(tab)
    assert session.id is not None  # adding a commitment is a change: the session is kept
    qtbot.keyClicks(line(tab, "actionText"), "Book the offsite")
    assert tab.flush()
    items = controller.store.action_items.for_client(client_id(controller))
    assert [a.text for a in items if a.session_id == session.id] == ["Book the offsite"]


def test_notify_changed_after_a_save(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    with qtbot.waitSignal(controller.data_changed) as signal:
        type_at_end(qtbot, note(tab, "decisions"), " and more")
    assert signal.args == [client_id(controller)]


# -- editing ---------------------------------------------------------------------------


def test_every_field_is_stored(qtbot: QtBot, tab: SessionsTab, controller: VaultController) -> None:
    session_id = selected(tab).id or 0
    type_at_end(qtbot, note(tab, "agenda"), ": board prep")
    type_at_end(qtbot, note(tab, "insights"), "; noticed a pattern")
    type_at_end(qtbot, note(tab, "comfortZoneSteps"), "Said no to the CEO")
    type_at_end(qtbot, note(tab, "nextSteps"), " + send map")
    type_at_end(qtbot, line(tab, "focusArea"), "delegation")
    duration = spin(tab, "duration")
    duration.setFocus()
    qtbot.keyClick(duration, Qt.Key.Key_Up)  # one step of 15 minutes
    fmt = child(tab, QComboBox, "sessionFormat")
    assert isinstance(fmt, QComboBox)
    fmt.setFocus()
    qtbot.keyClick(fmt, Qt.Key.Key_Down)  # in person → video
    qtbot.waitUntil(lambda: stored(controller, session_id).format == "video")
    saved = stored(controller, session_id)
    assert saved.agenda == "Agenda 2: board prep"
    assert saved.insights == "Insight 2; noticed a pattern"
    assert saved.comfort_zone_steps == "Said no to the CEO"
    assert saved.next_steps == "Next steps 2 + send map"
    assert saved.focus_area == "delegation"
    assert saved.duration_minutes == 75
    assert session_list(tab).model().index(0, 3).data() == "delegation"


def test_grow_template_shows_four_fields(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    session_id = selected(tab).id or 0
    grow_box = child(tab, QWidget, "growFields")
    assert isinstance(grow_box, QWidget)
    assert not grow_box.isVisible()

    qtbot.mouseClick(button(tab, "templateGrow"), Qt.MouseButton.LeftButton)
    assert grow_box.isVisible()
    for name in ("growGoal", "growReality", "growOptions", "growWayForward"):
        assert note(tab, name).isVisible()
    type_at_end(qtbot, note(tab, "growGoal"), "Run the board meeting calmly")
    type_at_end(qtbot, note(tab, "growWayForward"), "Prepare three answers")
    qtbot.waitUntil(lambda: stored(controller, session_id).grow_way_forward != "")
    saved = stored(controller, session_id)
    assert saved.template == SessionTemplate.GROW
    assert saved.grow_goal == "Run the board meeting calmly"
    assert saved.grow_way_forward == "Prepare three answers"

    qtbot.mouseClick(button(tab, "templateFree"), Qt.MouseButton.LeftButton)
    assert not grow_box.isVisible()
    qtbot.waitUntil(lambda: stored(controller, session_id).template == SessionTemplate.FREE)
    assert stored(controller, session_id).grow_goal == "Run the board meeting calmly"  # kept


def test_ratings_are_optional_0_to_10(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    session_id = selected(tab).id or 0
    process, result = spin(tab, "processRating"), spin(tab, "resultRating")
    assert (process.minimum(), process.maximum()) == (-1, 10)
    hints = [label.text() for label in tab.findChildren(QLabel, "hint")]
    assert any(text.startswith("Process: how well") for text in hints)

    process.setFocus()
    process.lineEdit().selectAll()
    qtbot.keyClicks(process, "9")
    result.setFocus()
    qtbot.keyClick(result, Qt.Key.Key_PageDown)  # ten steps down: to "—", not rated
    assert result.text() == "—"
    qtbot.waitUntil(lambda: stored(controller, session_id).result_rating is None)
    assert stored(controller, session_id).process_rating == 9
    assert session_list(tab).model().index(0, 4).data() == "9"
    assert session_list(tab).model().index(0, 5).data() == ""


def test_outcomes_touched(qtbot: QtBot, tab: SessionsTab, controller: VaultController) -> None:
    session = selected(tab)
    contract = controller.store.contracts.for_client(client_id(controller))
    assert contract is not None
    first, second = (o.id for o in contract.outcomes)
    assert session.outcome_ids == [first]
    boxes = tab.findChild(QWidget, "outcomesTouched").findChildren(QCheckBox)  # type: ignore[union-attr]
    assert [box.text() for box in boxes] == [
        "Delegate operational decisions to direct reports",
        "Stay composed in board meetings",
    ]
    assert [box.isChecked() for box in boxes] == [True, False]

    qtbot.mouseClick(boxes[1], Qt.MouseButton.LeftButton, pos=indicator(boxes[1]))
    qtbot.waitUntil(lambda: stored(controller, session.id or 0).outcome_ids == [first, second])
    qtbot.mouseClick(boxes[0], Qt.MouseButton.LeftButton, pos=indicator(boxes[0]))
    qtbot.waitUntil(lambda: stored(controller, session.id or 0).outcome_ids == [second])


def test_action_items_add_edit_remove(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    cid = client_id(controller)
    select_row(qtbot, tab, 2)  # the first session has the sample's action item
    first = selected(tab)
    actions = child(tab, QAbstractItemView, "actionItemList")
    assert isinstance(actions, QAbstractItemView)
    assert actions.model().rowCount() == 1
    assert actions.model().index(0, 1).data() == "Draft delegation map"

    select_row(qtbot, tab, 0)
    session = selected(tab)
    assert actions.model().rowCount() == 0
    qtbot.mouseClick(button(tab, "addActionButton"), Qt.MouseButton.LeftButton)
    assert actions.model().rowCount() == 1
    qtbot.keyClicks(line(tab, "actionText"), "Talk to two direct reports")
    owner = child(tab, QComboBox, "actionOwner")
    assert isinstance(owner, QComboBox)
    owner.setFocus()
    qtbot.keyClick(owner, Qt.Key.Key_Down)  # client → coach

    def mine() -> list[str]:
        return [
            a.text
            for a in controller.store.action_items.for_client(cid)
            if a.session_id == session.id
        ]

    qtbot.waitUntil(lambda: mine() == ["Talk to two direct reports"])
    item = next(
        a for a in controller.store.action_items.for_client(cid) if a.session_id == session.id
    )
    qtbot.waitUntil(
        lambda: controller.store.action_items.get(item.id or 0).owner == ActionOwner.COACH
    )
    assert item.status == ActionStatus.OPEN
    assert actions.model().index(0, 0).data() == "Coach"

    status = child(tab, QComboBox, "actionStatus")
    assert isinstance(status, QComboBox)
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_Down)  # open → done
    qtbot.waitUntil(lambda: controller.store.action_items.get(item.id or 0).status == "done")

    qtbot.mouseClick(button(tab, "removeActionButton"), Qt.MouseButton.LeftButton)
    assert actions.model().rowCount() == 0
    assert mine() == []
    # The other session's item is untouched.
    assert [
        a.text for a in controller.store.action_items.for_client(cid) if a.session_id == first.id
    ] == ["Draft delegation map"]


def test_an_empty_action_item_is_not_stored(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    count = len(controller.store.action_items.for_client(client_id(controller)))
    qtbot.mouseClick(button(tab, "addActionButton"), Qt.MouseButton.LeftButton)
    assert tab.flush()
    assert len(controller.store.action_items.for_client(client_id(controller))) == count


# -- saving without waiting, closing, undo ------------------------------------------


def test_flush_saves_typed_text_at_once(qtbot: QtBot, controller: VaultController) -> None:
    tab = make_tab(qtbot, controller, delay=NEVER)
    session_id = selected(tab).id or 0
    type_at_end(qtbot, note(tab, "sharedSummary"), " typed by the coach")
    assert tab.save_state == SaveState.PENDING
    assert "typed by the coach" not in stored(controller, session_id).shared_summary
    assert tab.flush()
    assert stored(controller, session_id).shared_summary.endswith(" typed by the coach")
    assert tab.save_state == SaveState.SAVED


def test_typed_text_survives_closing_the_tab(qtbot: QtBot, controller: VaultController) -> None:
    tab = make_tab(qtbot, controller, delay=NEVER, owned=False)
    session_id = selected(tab).id or 0
    type_at_end(qtbot, note(tab, "privateNote"), " typed by the coach")
    tab.flush()  # what the main window does before it closes
    type_at_end(qtbot, note(tab, "decisions"), " then closed")
    tab.close()  # closing saves what is still pending
    with qtbot.waitSignal(tab.destroyed):
        tab.deleteLater()
    saved = stored(controller, session_id)
    assert saved.private_notes.endswith(" typed by the coach")
    assert saved.decisions == "Decision 2 then closed"


def test_switching_session_keeps_pending_edits(qtbot: QtBot, controller: VaultController) -> None:
    tab = make_tab(qtbot, controller, delay=NEVER)
    newest = selected(tab).id or 0
    type_at_end(qtbot, note(tab, "nextSteps"), " before switching")
    select_row(qtbot, tab, 1)
    assert note(tab, "nextSteps").toPlainText() == "Next steps 1"
    assert tab.flush()
    assert stored(controller, newest).next_steps == "Next steps 2 before switching"


def test_undo_and_redo_in_a_note(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    session_id = selected(tab).id or 0
    summary = note(tab, "sharedSummary")
    original = summary.toPlainText()
    type_at_end(qtbot, summary, " - oops")
    qtbot.waitUntil(lambda: stored(controller, session_id).shared_summary == original + " - oops")

    qtbot.keyClick(summary, Qt.Key.Key_Z, CTRL)
    assert summary.toPlainText() == original
    qtbot.waitUntil(lambda: stored(controller, session_id).shared_summary == original)
    qtbot.keyClick(summary, Qt.Key.Key_Z, CTRL | SHIFT)
    assert summary.toPlainText() == original + " - oops"

    # Undo never reaches into another session's text.
    select_row(qtbot, tab, 1)
    assert not summary.document().isUndoAvailable()
    qtbot.keyClick(summary, Qt.Key.Key_Z, CTRL)
    assert summary.toPlainText().startswith("Shared summary 1")


def test_private_notes_look_different_and_are_marked(tab: SessionsTab) -> None:
    private, shared = note(tab, "privateNote"), note(tab, "sharedSummary")
    base = QPalette.ColorRole.Base
    assert private.palette().color(base) != shared.palette().color(base)
    banner = child(tab, QLabel, "privateBanner")
    assert isinstance(banner, QLabel) and "never shared" in banner.text()
    labels = [label.text() for label in tab.findChildren(QLabel)]
    assert "Shared summary — may be shared with the client" in labels


# -- delete --------------------------------------------------------------------------


def test_delete_asks_first_and_no_keeps_the_session(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[object, ...]] = []

    def answer_no(*args: object) -> QMessageBox.StandardButton:
        asked.append(args)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    qtbot.mouseClick(button(tab, "deleteSessionButton"), Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert asked[0][-1] == QMessageBox.StandardButton.No  # the default button
    assert "26 Jan 2026, 09:30" in str(asked[0][2])
    assert len(stored_sessions(controller)) == 3
    assert session_list(tab).model().rowCount() == 3


def test_delete_yes_removes_the_session(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    select_row(qtbot, tab, 2)  # the oldest, which has an action item
    doomed = selected(tab).id
    type_at_end(qtbot, note(tab, "agenda"), " pending edit")  # must not resurrect it
    qtbot.mouseClick(button(tab, "deleteSessionButton"), Qt.MouseButton.LeftButton)

    assert [s.id for s in stored_sessions(controller)] == [
        s.id for s in stored_sessions(controller) if s.id != doomed
    ]
    assert doomed not in {s.id for s in stored_sessions(controller)}
    assert len(stored_sessions(controller)) == 2
    assert session_list(tab).model().rowCount() == 2
    assert selected(tab).id != doomed  # a neighbour is shown
    items = controller.store.action_items.for_client(client_id(controller))
    assert any(a.text == "Draft delegation map" and a.session_id is None for a in items)
    assert tab.flush()
    assert len(stored_sessions(controller)) == 2


# -- forgetting ----------------------------------------------------------------------


def visible_text(tab: QWidget) -> list[str]:
    """Every piece of text a widget or model of the tab holds."""
    texts: list[str] = []
    for widget in tab.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QLineEdit | QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
            assert not widget.document().isUndoAvailable(), widget.objectName()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            if not isinstance(model, QStandardItemModel):  # a combo box's fixed choices
                assert model.rowCount() == 0, widget.objectName()
            for row in range(model.rowCount(QModelIndex())):
                texts += [str(model.index(row, c).data()) for c in range(model.columnCount())]
    return texts


def test_clear_leaves_no_client_text(
    qtbot: QtBot, tab: SessionsTab, controller: VaultController
) -> None:
    select_row(qtbot, tab, 2)  # a session with an action item
    actions = child(tab, QAbstractItemView, "actionItemList")
    assert isinstance(actions, QAbstractItemView)
    actions.setCurrentIndex(actions.model().index(0, 1))
    assert line(tab, "actionText").text() == "Draft delegation map"
    type_at_end(qtbot, note(tab, "sharedSummary"), " typed by the coach")
    tab.flush()

    tab.clear()
    texts = "\n".join(visible_text(tab))
    for secret in CLIENT_TEXT:
        assert secret not in texts
    assert tab.client_id is None
    assert not button(tab, "deleteSessionButton").isEnabled()
    assert not tab.findChild(QWidget, "outcomesTouched").findChildren(QCheckBox)  # type: ignore[union-attr]
    assert tab.flush()  # nothing pending, nothing to save into a locked vault


def test_showing_the_client_again_keeps_the_selection(qtbot: QtBot, tab: SessionsTab) -> None:
    select_row(qtbot, tab, 1)
    chosen = selected(tab).id
    tab.show_client(tab.client_id or 0)
    assert selected(tab).id == chosen


def test_template_switch_is_a_pair_of_radio_buttons(tab: SessionsTab) -> None:
    free, grow = button(tab, "templateFree"), button(tab, "templateGrow")
    assert isinstance(free, QRadioButton) and isinstance(grow, QRadioButton)
    assert free.isChecked() and not grow.isChecked()
    assert isinstance(button(tab, "newSessionButton"), QPushButton)
