"""The agenda page ("Today") in the real main window, over the demo vault."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coachdesk.demo import demo_engagements
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.workspace.sessions import SessionsTab
from coachdesk.vault.agenda import AgendaKind
from coachdesk.vault.exchange import import_engagements
from coachdesk.vault.keys import TEST_KDF
from testsupport import PASSPHRASE

SHOTS = os.environ.get("COACHDESK_SCREENSHOTS", "")
"""A folder to keep the agenda screenshots in (to look at them); a temp folder if unset."""


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, settings: AppSettings) -> MainWindow:
    """The real window, unlocked, with the five demo clients and nothing selected."""
    controller = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    controller.create(PASSPHRASE)
    import_engagements(controller.store, [(e, []) for e in demo_engagements(date.today())])
    controller.lock()
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClicks(win.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.is_unlocked)
    return win


def _names(win: MainWindow, kind: AgendaKind) -> list[str]:
    return [button.full_text for button in win.agenda_page.rows(kind)]


def test_agenda_is_the_page_after_unlock(window: MainWindow) -> None:
    page = window.agenda_page
    assert page.isVisible() and not window.tabs.isVisible()
    assert window.current_client_id() is None
    sessions = _names(window, AgendaKind.SESSIONS)
    assert len(sessions) == 2
    assert any("Marta Lindqvist" in row and "Session 9" in row for row in sessions)
    assert any("Daniel Okafor" in row for row in _names(window, AgendaKind.AWAITING))
    assert _names(window, AgendaKind.MILESTONES)
    assert any("Off track" in row for row in _names(window, AgendaKind.AT_RISK))
    assert page.sections[AgendaKind.RETENTION].empty.isVisible()
    assert page.sections[AgendaKind.AWAITING].count.text() == "1"


def test_a_row_opens_its_session_and_ctrl_t_comes_back(qtbot: QtBot, window: MainWindow) -> None:
    (row,) = window.agenda_page.rows(AgendaKind.AWAITING)
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert window.client_title.text() == "Daniel Okafor"
    tab = window.tabs.currentWidget()
    assert isinstance(tab, SessionsTab)
    session = tab._current_session()
    assert session is not None and session.number == 11
    assert tab._question.isVisible()  # "Did this session happen?"
    qtbot.mouseClick(tab._answers[next(iter(tab._answers))], Qt.MouseButton.LeftButton)
    assert tab.flush()
    assert window.controller.store.sessions.get(session.id or 0).state == "held"

    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.current_client_id() is None
    assert window.agenda_page.isVisible()
    assert _names(window, AgendaKind.AWAITING) == []  # answered: it left the list


def test_milestone_and_at_risk_rows_open_their_tabs(qtbot: QtBot, window: MainWindow) -> None:
    row = window.agenda_page.rows(AgendaKind.AT_RISK)[0]
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Overview"
    window.today_action.trigger()
    row = window.agenda_page.rows(AgendaKind.MILESTONES)[0]
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Contract"


def test_lock_forgets_the_agenda(qtbot: QtBot, window: MainWindow) -> None:
    window.lock(ask=False)
    assert window.agenda_page.agenda is None
    assert all(not window.agenda_page.rows(kind) for kind in AgendaKind)


@pytest.mark.parametrize("size", [(1280, 720), (1440, 900)], ids=["1280x720", "1440x900"])
def test_agenda_screenshots(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, size: tuple[int, int]
) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"agenda-{size[0]}x{size[1]}.png"
    image = window.grab()
    assert image.save(str(target))
    assert target.stat().st_size > 10_000
    # Every row fits the window's width: nothing is cut off on the right.
    for kind in AgendaKind:
        for button in window.agenda_page.rows(kind):
            assert button.geometry().right() <= window.agenda_page.width()


def test_export_calendar_from_today_and_from_a_client(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, settings: AppSettings
) -> None:
    import icalendar
    from PySide6.QtWidgets import QFileDialog, QWidget

    from coachdesk.ui import settings as keys
    from dialogs import when_modal

    def save_as(path: Path) -> None:
        def act(dialog: QWidget) -> None:
            assert isinstance(dialog, QFileDialog)
            assert "coachdesk-sessions.ics" in dialog.selectedFiles()[0]  # no client name
            dialog.selectFile(str(path))
            dialog.accept()

        when_modal(act)

    everyone = tmp_path / "all.ics"
    save_as(everyone)
    window.calendar_action.trigger()
    events = list(icalendar.Calendar.from_ical(everyone.read_bytes()).walk("VEVENT"))
    assert len(events) == 3 and {str(e["summary"]) for e in events} == {"Coaching session"}

    settings.set(keys.CALENDAR_EVENT_TEXT, "initials")
    (row,) = [r for r in window.agenda_page.rows(AgendaKind.SESSIONS) if "Marta" in r.full_text]
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert window.client_title.text() == "Marta Lindqvist"
    one = tmp_path / "marta"  # no suffix: the app adds .ics
    save_as(one)
    window.calendar_action.trigger()
    events = list(
        icalendar.Calendar.from_ical((tmp_path / "marta.ics").read_bytes()).walk("VEVENT")
    )
    assert {str(e["summary"]) for e in events} == {"Coaching session · M. L."}
    assert len(events) == 2


def test_settings_warn_before_names_go_into_calendars(
    qtbot: QtBot, window: MainWindow, settings: AppSettings
) -> None:
    from PySide6.QtWidgets import QComboBox, QLabel, QWidget

    from coachdesk.ui import settings as keys
    from dialogs import when_modal

    seen: dict[str, bool] = {}

    def choose(dialog: QWidget) -> None:
        box = dialog.findChild(QComboBox, "calendarEventText")
        warning = dialog.findChild(QLabel, "calendarWarning")
        seen["hidden_at_first"] = not warning.isVisible()
        box.setCurrentIndex(box.findData("name"))
        seen["warned"] = warning.isVisible() and "leave the encrypted vault" in warning.text()
        dialog.accept()  # type: ignore[attr-defined]

    when_modal(choose)
    window.open_settings()
    assert seen == {"hidden_at_first": True, "warned": True}
    assert settings.get_str(keys.CALENDAR_EVENT_TEXT) == "name"
