"""The Emotions tab, driven as a coach would: click the Mood Meter, pick a word, type,
wait for autosave, and read the vault back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
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

from coachdesk.core.emotions import MOOD_METER, PlutchikFamily, Quadrant, family_of
from coachdesk.core.model import EmotionEntry, EmotionSource
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.controller import VaultController
from coachdesk.ui.workspace.emotions import EmotionsTab
from testsupport import sample_engagement

FAST = 40  # ms: autosave delay in tests that wait for it
NEVER = 600_000  # ms: autosave delay in tests that must not rely on the timer
CTRL = Qt.KeyboardModifier.ControlModifier


def client_id(controller: VaultController) -> int:
    return int(controller.client_id)  # type: ignore[attr-defined]


def stored(controller: VaultController) -> list[EmotionEntry]:
    return controller.store.emotions.for_client(client_id(controller))


def stored_by_label(controller: VaultController, label: str) -> EmotionEntry:
    return next(e for e in stored(controller) if e.label == label)


def make_tab(qtbot: QtBot, controller: VaultController, delay: int) -> EmotionsTab:
    tab = EmotionsTab(controller, autosave_delay_ms=delay)
    qtbot.addWidget(tab)
    tab.resize(1100, 750)
    tab.show_client(client_id(controller))
    tab.show()
    qtbot.waitExposed(tab)
    return tab


@pytest.fixture
def tab(qtbot: QtBot, controller: VaultController) -> Iterator[EmotionsTab]:
    yield make_tab(qtbot, controller, FAST)


@pytest.fixture
def slow_tab(qtbot: QtBot, controller: VaultController) -> Iterator[EmotionsTab]:
    yield make_tab(qtbot, controller, NEVER)


def labels_in_table(tab: EmotionsTab) -> list[str]:
    return [str(tab.proxy.index(row, 1).data()) for row in range(tab.proxy.rowCount())]


def select_label(qtbot: QtBot, tab: EmotionsTab, label: str) -> EmotionEntry:
    row = labels_in_table(tab).index(label)
    rect = tab.table.visualRect(tab.proxy.index(row, 1))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    entry = tab.current_entry()
    assert entry is not None and entry.label == label
    return entry


def click_meter(qtbot: QtBot, tab: EmotionsTab, pleasantness: int, energy: int) -> None:
    meter = tab.editor.meter
    qtbot.mouseClick(meter, Qt.MouseButton.LeftButton, pos=meter.position_of(pleasantness, energy))


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


# -- the log -------------------------------------------------------------------------


def test_log_is_newest_first_with_quadrant_and_intensity(tab: EmotionsTab) -> None:
    assert labels_in_table(tab) == ["proud", "anxious", "calm", "frustrated"]
    row = [str(tab.proxy.index(0, column).data()) for column in range(6)]
    assert row == [
        "18 Jan 2026, 18:00",
        "proud",
        "Yellow",
        "6 → 3",
        "Self-report",
        "Board meeting 3",
    ]
    assert tab.proxy.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is not None
    # The newest entry is open in the editor.
    assert tab.editor.label.text() == "proud"
    assert tab.editor.meter.point() == (4, 3)


def test_models_are_valid_qt_models(qtmodeltester: ModelTester, tab: EmotionsTab) -> None:
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_focus_record_selects_that_entry(tab: EmotionsTab, controller: VaultController) -> None:
    calm = stored_by_label(controller, "calm")
    assert calm.id is not None
    tab.focus_record(calm.id)
    current = tab.current_entry()
    assert current is not None and current.id == calm.id
    assert tab.editor.situation.toPlainText() == "Board meeting 1"
    assert tab.table.currentIndex().row() == labels_in_table(tab).index("calm")


# -- the Mood Meter and the words ----------------------------------------------------


def test_click_upper_right_stores_a_pleasant_energetic_point_and_offers_yellow_words(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController
) -> None:
    frustrated = select_label(qtbot, tab, "frustrated")
    click_meter(qtbot, tab, 3, 2)
    qtbot.waitUntil(lambda: stored_by_label(controller, "frustrated").pleasantness == 3)
    entry = stored_by_label(controller, "frustrated")
    assert entry.id == frustrated.id
    assert entry.pleasantness > 0 and entry.energy > 0
    assert entry.quadrant == Quadrant.YELLOW
    words = tab.editor.chips.words()
    assert words and all(word in MOOD_METER[Quadrant.YELLOW] for word in words)
    assert str(tab.proxy.index(labels_in_table(tab).index("frustrated"), 2).data()) == "Yellow"


def test_log_emotion_then_point_then_word(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController
) -> None:
    qtbot.mouseClick(tab.log_button, Qt.MouseButton.LeftButton)
    entry = tab.current_entry()
    assert entry is not None and entry.id is None
    assert tab.editor.meter.hasFocus()  # the first thing to do is place it
    click_meter(qtbot, tab, 2, 4)
    words = tab.editor.chips.words()
    assert all(word in MOOD_METER[Quadrant.YELLOW] for word in words)
    assert len(stored(controller)) == 4  # no label, no situation: not storable yet
    word = next(w for w in words if family_of(w) is not None)
    qtbot.mouseClick(tab.editor.chips.button(word), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored(controller)) == 5)
    saved = stored_by_label(controller, word)
    assert (saved.pleasantness, saved.energy) == (2, 4)
    family = family_of(word)
    assert family is not None and saved.family == family.value
    assert tab.editor.label.text() == word
    assert tab.editor.family.currentData() == family.value
    assert tab.editor.chips.button(word).isChecked()
    assert labels_in_table(tab)[0] == word  # logged now: the newest


def test_a_word_without_a_family_clears_the_family(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController
) -> None:
    select_label(qtbot, tab, "proud")
    tab.editor.family.setCurrentIndex(tab.editor.family.findData(PlutchikFamily.JOY.value))
    words = tab.editor.chips.words()
    plain = next(w for w in words if family_of(w) is None)
    qtbot.mouseClick(tab.editor.chips.button(plain), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(e.label == plain for e in stored(controller)))
    assert stored_by_label(controller, plain).family == ""


def test_ctrl_e_logs_an_emotion(qtbot: QtBot, tab: EmotionsTab) -> None:
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_E, CTRL)
    assert tab.model.rowCount() == 5
    entry = tab.current_entry()
    assert entry is not None and entry.id is None


def test_keyboard_arrows_move_the_point(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController
) -> None:
    select_label(qtbot, tab, "calm")  # (3, -2)
    meter = tab.editor.meter
    meter.setFocus()
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Up):
        qtbot.keyClick(meter, key)
    assert meter.point() == (1, 1)
    qtbot.waitUntil(lambda: stored_by_label(controller, "calm").energy == 1)
    assert stored_by_label(controller, "calm").pleasantness == 1


def test_the_family_follows_a_typed_label_until_the_coach_chooses_one(
    qtbot: QtBot, slow_tab: EmotionsTab, controller: VaultController
) -> None:
    editor = slow_tab.editor
    select_label(qtbot, slow_tab, "calm")
    assert editor.family.currentData() == ""
    editor.label.selectAll()
    qtbot.keyClicks(editor.label, "furious")
    assert editor.family.currentData() == PlutchikFamily.ANGER.value
    assert slow_tab.flush()
    assert stored_by_label(controller, "furious").family == PlutchikFamily.ANGER.value
    qtbot.keyClicks(editor.label, "ly")  # "furiously": not a word the wheel knows
    assert editor.family.currentData() == ""
    # The coach picks a family: typing no longer changes it.
    editor.family.setFocus()
    qtbot.keyClick(editor.family, Qt.Key.Key_Down)  # → the first family, "Joy"
    assert editor.family.currentData() == PlutchikFamily.JOY.value
    editor.label.selectAll()
    qtbot.keyClicks(editor.label, "sad")
    assert editor.family.currentData() == PlutchikFamily.JOY.value
    assert slow_tab.flush()
    entry = stored_by_label(controller, "sad")
    assert entry.family == PlutchikFamily.JOY.value


def test_free_text_label_is_kept(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController
) -> None:
    select_label(qtbot, tab, "anxious")
    tab.editor.label.selectAll()
    qtbot.keyClicks(tab.editor.label, "sandbagged")
    qtbot.waitUntil(lambda: any(e.label == "sandbagged" for e in stored(controller)))
    assert stored_by_label(controller, "sandbagged").family == ""


# -- the other fields ----------------------------------------------------------------


def test_typed_situation_autosaves(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController
) -> None:
    select_label(qtbot, tab, "anxious")
    type_at_end(qtbot, tab.editor.situation, " - Q3 budget review")
    qtbot.waitUntil(
        lambda: (
            stored_by_label(controller, "anxious").situation == "Board meeting 2 - Q3 budget review"
        )
    )
    assert tab.save_state == SaveState.SAVED


def test_every_field_is_stored(
    qtbot: QtBot, slow_tab: EmotionsTab, controller: VaultController
) -> None:
    tab = slow_tab
    tab.log_emotion()
    editor = tab.editor
    qtbot.keyClick(editor.meter, Qt.Key.Key_Left)  # placed from the keyboard: (−1, 0)
    type_at_end(qtbot, editor.label, "overlooked")
    editor.source.setCurrentIndex(editor.source.findData(EmotionSource.OBSERVED.value))
    editor.family.setCurrentIndex(editor.family.findData(PlutchikFamily.SADNESS.value))
    editor.intensity.setFocus()
    for _ in range(3):
        qtbot.keyClick(editor.intensity, Qt.Key.Key_Right)  # 5 → 8
    type_at_end(qtbot, editor.situation, "Strategy offsite")
    type_at_end(qtbot, editor.trigger, "Idea credited to a peer")
    type_at_end(qtbot, editor.body_sensation, "hot face")
    type_at_end(qtbot, editor.thought, "Nobody listens")
    type_at_end(qtbot, editor.reaction, "Went quiet")
    type_at_end(qtbot, editor.perceived_by_others, "Seemed disengaged")
    type_at_end(qtbot, editor.regulation_strategy, "named it to self")
    editor.regulation_effect.setValue(7)
    editor.intensity_after.setValue(4)
    assert tab.flush()
    entry = stored_by_label(controller, "overlooked")
    assert (entry.pleasantness, entry.energy) == (-1, 0)
    assert entry.source == EmotionSource.OBSERVED
    assert entry.family == PlutchikFamily.SADNESS.value
    assert entry.intensity == 8
    assert (entry.situation, entry.trigger, entry.body_sensation) == (
        "Strategy offsite",
        "Idea credited to a peer",
        "hot face",
    )
    assert (entry.thought, entry.reaction, entry.perceived_by_others) == (
        "Nobody listens",
        "Went quiet",
        "Seemed disengaged",
    )
    assert (entry.regulation_strategy, entry.regulation_effect, entry.intensity_after) == (
        "named it to self",
        7,
        4,
    )
    # The optional numbers can be emptied again ("—").
    editor.regulation_effect.setValue(editor.regulation_effect.minimum())
    assert tab.flush()
    assert stored_by_label(controller, "overlooked").regulation_effect is None


def test_flush_stores_without_waiting(
    qtbot: QtBot, slow_tab: EmotionsTab, controller: VaultController
) -> None:
    select_label(qtbot, slow_tab, "calm")
    type_at_end(qtbot, slow_tab.editor.thought, ". Finally some quiet")
    assert slow_tab.save_state == SaveState.PENDING
    assert slow_tab.flush()
    assert (
        stored_by_label(controller, "calm").thought == "They do not respect me. Finally some quiet"
    )
    assert slow_tab.save_state == SaveState.SAVED


def test_switching_entries_saves_the_one_left(
    qtbot: QtBot, slow_tab: EmotionsTab, controller: VaultController
) -> None:
    select_label(qtbot, slow_tab, "calm")
    type_at_end(qtbot, slow_tab.editor.reaction, ", then smiled")
    select_label(qtbot, slow_tab, "proud")
    assert stored_by_label(controller, "calm").reaction == "Raised voice, then smiled"


def test_notify_changed_after_a_save(
    qtbot: QtBot, slow_tab: EmotionsTab, controller: VaultController
) -> None:
    select_label(qtbot, slow_tab, "calm")
    type_at_end(qtbot, slow_tab.editor.trigger, "!")
    with qtbot.waitSignal(controller.data_changed) as signal:
        slow_tab.flush()
    assert signal.args == [client_id(controller)]


def test_an_entry_without_label_or_situation_waits_and_says_why(
    qtbot: QtBot, slow_tab: EmotionsTab, controller: VaultController
) -> None:
    tab = slow_tab
    tab.log_emotion()
    click_meter(qtbot, tab, -3, -3)
    assert not tab.flush()
    assert tab.save_state == SaveState.INVALID
    assert tab.editor.status.isVisibleTo(tab) and "label" in tab.editor.status.text()
    assert len(stored(controller)) == 4
    row = [e.id for e in tab.model.records()].index(None)
    font = tab.model.index(row, 0).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.italic()
    # Moving to another entry keeps it (the click is the coach's work), unsaved.
    select_label(qtbot, tab, "calm")
    qtbot.wait(10)
    assert tab.model.rowCount() == 5
    # Back to it: a situation makes it storable.
    new_row = [e.id for e in tab.model.records()].index(None)
    tab.table.setCurrentIndex(tab.proxy.mapFromSource(tab.model.index(new_row, 0)))
    type_at_end(qtbot, tab.editor.situation, "Reorg announced")
    assert tab.flush()
    assert not tab.editor.status.isVisibleTo(tab)
    saved = next(e for e in stored(controller) if e.situation == "Reorg announced")
    assert (saved.pleasantness, saved.energy, saved.label) == (-3, -3, "")


def test_a_new_entry_is_not_placed_and_is_not_stored_until_it_is(
    qtbot: QtBot, slow_tab: EmotionsTab, controller: VaultController
) -> None:
    """Ctrl+E used to start the entry at (0, 0): a neutral feeling nobody chose."""
    tab = slow_tab
    select_label(qtbot, tab, "calm")  # the meter showed calm's point before
    entry = tab.log_emotion()
    assert entry is not None and not entry.placed
    meter = tab.editor.meter
    assert meter.point() is None and meter.hasFocus()
    assert "Not placed" in meter.accessibleDescription()
    assert tab.editor.chips.words() == []  # no point, no words near it
    row = tab.model.row_of(entry)
    assert tab.model.index(row, 2).data() == "Not placed"
    assert tab.model.index(row, 2).data(Qt.ItemDataRole.DecorationRole) is None
    assert len(tab.chart.series_points()[0]) == 4  # nothing to plot yet
    # Named but not placed: kept, unsaved, and the editor says what is missing.
    type_at_end(qtbot, tab.editor.label, "wary")
    assert not tab.flush()
    assert "Mood Meter" in tab.editor.status.text()
    assert len(stored(controller)) == 4
    # Placed from the keyboard (the first arrow starts at the centre): stored.
    meter.setFocus()
    qtbot.keyClick(meter, Qt.Key.Key_Down)
    qtbot.keyClick(meter, Qt.Key.Key_Left)
    assert meter.point() == (-1, -1)
    assert tab.flush()
    assert (stored_by_label(controller, "wary").pleasantness,
            stored_by_label(controller, "wary").energy) == (-1, -1)  # fmt: skip
    assert len(tab.chart.series_points()[0]) == 5
    assert tab.editor.chips.words()  # words near (−1, −1) now


def test_home_places_a_new_entry_at_the_centre(
    qtbot: QtBot, slow_tab: EmotionsTab, controller: VaultController
) -> None:
    """Neutral is still a choice: Home (or Space) places the point at (0, 0)."""
    tab = slow_tab
    tab.log_emotion()
    qtbot.keyClick(tab.editor.meter, Qt.Key.Key_Home)
    type_at_end(qtbot, tab.editor.label, "flat")
    assert tab.flush()
    saved = stored_by_label(controller, "flat")
    assert (saved.pleasantness, saved.energy, saved.quadrant) == (0, 0, Quadrant.NEUTRAL)


def test_an_untouched_new_entry_disappears_when_left(qtbot: QtBot, tab: EmotionsTab) -> None:
    tab.log_emotion()
    assert tab.model.rowCount() == 5
    select_label(qtbot, tab, "calm")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4)
    assert tab.flush()


# -- the chart -----------------------------------------------------------------------


def test_chart_shows_every_entry_and_follows_edits(qtbot: QtBot, tab: EmotionsTab) -> None:
    pleasantness, energy = tab.chart.series_points()
    assert [p.y() for p in pleasantness] == [-3, 3, -4, 4]  # oldest first
    assert [p.y() for p in energy] == [3, -2, 2, 3]
    select_label(qtbot, tab, "frustrated")
    click_meter(qtbot, tab, 1, -1)
    pleasantness, energy = tab.chart.series_points()
    assert pleasantness[0].y() == 1 and energy[0].y() == -1


def test_clicking_a_chart_point_selects_its_entry(tab: EmotionsTab) -> None:
    anxious = next(e for e in tab.model.records() if e.label == "anxious")
    tab.chart.entry_clicked.emit(anxious)
    assert tab.current_entry() is anxious


# -- delete --------------------------------------------------------------------------


def test_delete_no_keeps_the_entry(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_label(qtbot, tab, "anxious")
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "anxious" in asked[0]
    assert len(stored(controller)) == 4
    assert labels_in_table(tab) == ["proud", "anxious", "calm", "frustrated"]


def test_delete_yes_removes_the_entry(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_label(qtbot, tab, "anxious")
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert sorted(e.label for e in stored(controller)) == ["calm", "frustrated", "proud"]
    assert labels_in_table(tab) == ["proud", "calm", "frustrated"]
    current = tab.current_entry()
    assert current is not None and current.label == "calm"  # the next one down
    assert [p.y() for p in tab.chart.series_points()[0]] == [-3, 3, 4]


def test_delete_key_in_the_log_asks_too(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_label(qtbot, tab, "proud")
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert "proud" not in [e.label for e in stored(controller)]


def test_deleting_a_new_unsaved_entry_forgets_it(
    qtbot: QtBot,
    slow_tab: EmotionsTab,
    controller: VaultController,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow_tab.log_emotion()
    click_meter(qtbot, slow_tab, 2, 2)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert slow_tab.delete_current()
    assert slow_tab.model.rowCount() == 4
    assert slow_tab.flush()
    assert len(stored(controller)) == 4


def test_delete_the_last_entry_shows_the_empty_hint(
    qtbot: QtBot, tab: EmotionsTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    for _ in range(4):
        assert tab.delete_current()
    assert tab.current_entry() is None
    assert tab.stack.currentIndex() == 0
    assert not tab.delete_button.isEnabled()
    assert tab.log_button.isEnabled()


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
            texts.append(widget.currentText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                for column in range(model.columnCount(QModelIndex())):
                    index = model.index(row, column)
                    texts.append(str(index.data()))
                    texts.append(str(index.data(Qt.ItemDataRole.ToolTipRole)))
    return texts


def test_clear_leaves_no_client_text(
    qtbot: QtBot, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked = controller.store.add_engagement(sample_engagement("Zed Client", marker="QQMARK"))
    tab = EmotionsTab(controller, autosave_delay_ms=NEVER)
    qtbot.addWidget(tab)
    tab.show_client(marked)
    tab.show()
    assert "QQMARK" in "\n".join(visible_text(tab))
    type_at_end(qtbot, tab.editor.body_sensation, "QQMARK typed")
    tab.flush()

    tab.clear()
    texts = "\n".join(visible_text(tab))
    assert "QQMARK" not in texts
    assert "Board meeting" not in texts
    assert tab.model.rowCount() == 0
    assert tab.chart.series_points() == ([], [])
    assert tab.client_id is None
    assert tab.current_entry() is None
    assert not tab.log_button.isEnabled() and not tab.delete_button.isEnabled()
    assert tab.log_emotion() is None
    assert tab.flush()  # nothing pending, nothing to save into a locked vault


def test_showing_another_client_shows_only_theirs(
    qtbot: QtBot, tab: EmotionsTab, controller: VaultController
) -> None:
    other = controller.store.add_engagement(sample_engagement("Other", marker="OTHER"))
    tab.show_client(other)
    assert tab.model.rowCount() == 4
    assert all("OTHER" in e.situation for e in tab.model.records())
    assert all(e.client_id == other for e in tab.model.records())


def test_showing_the_client_again_keeps_the_selection_and_unsaved_entries(
    qtbot: QtBot, slow_tab: EmotionsTab, controller: VaultController
) -> None:
    tab = slow_tab
    select_label(qtbot, tab, "calm")
    tab.show_client(client_id(controller))
    current = tab.current_entry()
    assert current is not None and current.label == "calm"
    tab.log_emotion()
    click_meter(qtbot, tab, 1, 1)  # not storable yet
    tab.show_client(client_id(controller))
    assert tab.model.rowCount() == 5
    current = tab.current_entry()
    assert current is not None and current.id is None and current.pleasantness == 1


def test_chart_draws_weekly_means_over_faint_entry_dots(tab: EmotionsTab) -> None:
    """Issue 15: two overlaid zigzags nobody could read; the lines are weekly means now,
    each entry a dot, and the legend names only the lines."""
    from coachdesk.core.emotions import weekly_means

    chart = tab.chart
    entries = sorted(tab.model.records(), key=lambda e: e.occurred_at)
    weeks = weekly_means((e.occurred_at, e.pleasantness, e.energy) for e in entries)
    assert [p.y() for p in chart._pleasant_week.points()] == [w.pleasantness for w in weeks]
    assert [p.y() for p in chart._energy_week.points()] == [w.energy for w in weeks]
    assert chart._pleasant.pen().style() == Qt.PenStyle.NoPen  # entries: dots, no line
    legend = [m.label() for m in chart.chart().legend().markers() if m.isVisible()]
    assert legend == ["Pleasantness, week mean", "Energy, week mean"]
