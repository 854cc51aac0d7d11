"""The Profile tab, driven as a coach would: type, wait for autosave, read the vault back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.core.model import Client, ClientStatus, Focus
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.controller import VaultController
from coachdesk.ui.widgets import OptionalDateEdit
from coachdesk.ui.workspace.profile import ProfileTab, parse_tags
from testsupport import sample_engagement

FAST = 40  # ms
NEVER = 600_000  # ms
CTRL = Qt.KeyboardModifier.ControlModifier


def client_id(controller: VaultController) -> int:
    return int(controller.client_id)  # type: ignore[attr-defined]


def stored(controller: VaultController) -> Client:
    return controller.store.clients.get(client_id(controller))


def line(tab: QWidget, name: str) -> QLineEdit:
    widget = tab.findChild(QLineEdit, name)
    assert isinstance(widget, QLineEdit), name
    return widget


def combo(tab: QWidget, name: str) -> QComboBox:
    widget = tab.findChild(QComboBox, name)
    assert isinstance(widget, QComboBox), name
    return widget


def label(tab: QWidget, name: str) -> QLabel:
    widget = tab.findChild(QLabel, name)
    assert isinstance(widget, QLabel), name
    return widget


def replace_text(qtbot: QtBot, edit: QLineEdit | QPlainTextEdit, typed: str) -> None:
    """Select everything in the field and type over it (nothing typed: delete it)."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    if typed:
        qtbot.keyClicks(edit, typed)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)


def make_tab(qtbot: QtBot, controller: VaultController, delay: int = FAST) -> ProfileTab:
    tab = ProfileTab(controller, autosave_delay_ms=delay)
    qtbot.addWidget(tab)
    tab.resize(1100, 750)
    tab.show()
    tab.show_client(client_id(controller))
    return tab


@pytest.fixture
def tab(qtbot: QtBot, controller: VaultController) -> Iterator[ProfileTab]:
    tab = make_tab(qtbot, controller)
    yield tab
    tab.flush()


def test_shows_the_client(tab: ProfileTab) -> None:
    assert line(tab, "clientName").text() == "Ирина Соколова"
    assert line(tab, "organisation").text() == "Northwind Logistics"
    assert line(tab, "sponsorContact").text() == "Dana Hill"
    assert line(tab, "tags").text() == "board, delegation"
    assert combo(tab, "clientFocus").currentText() == "People management"
    assert not label(tab, "nameError").isVisible()


def test_rename_client_saves_and_tells_the_client_list(
    qtbot: QtBot, tab: ProfileTab, controller: VaultController
) -> None:
    with qtbot.waitSignal(controller.data_changed, timeout=3000) as signal:
        replace_text(qtbot, line(tab, "clientName"), "Anna Berg")
    assert signal.args == [client_id(controller)]
    assert stored(controller).name == "Anna Berg"
    assert [s.name for s in controller.store.clients.summaries()] == ["Anna Berg"]


def test_an_empty_name_is_refused_until_fixed(
    qtbot: QtBot, tab: ProfileTab, controller: VaultController
) -> None:
    name = line(tab, "clientName")
    replace_text(qtbot, name, "")
    assert label(tab, "nameError").isVisible()
    assert label(tab, "nameError").text() == "A name is required"
    qtbot.keyClicks(line(tab, "role"), ", interim CEO")  # other edits wait too
    qtbot.waitUntil(lambda: tab.save_state == SaveState.INVALID)
    assert stored(controller).name == "Ирина Соколова"
    assert stored(controller).role == "Chief Operating Officer"
    assert not tab.flush()  # still nothing saved, and it says so
    assert not label(tab, "profileProblem").isVisible()  # the name message is enough

    qtbot.keyClicks(name, "Irina Sokolova")
    assert not label(tab, "nameError").isVisible()
    qtbot.waitUntil(lambda: stored(controller).name == "Irina Sokolova")
    assert stored(controller).role.endswith(", interim CEO")
    assert tab.save_state == SaveState.SAVED


def test_every_field_is_stored(qtbot: QtBot, tab: ProfileTab, controller: VaultController) -> None:
    replace_text(qtbot, line(tab, "organisation"), "Contoso")
    replace_text(qtbot, line(tab, "role"), "CFO")
    replace_text(qtbot, line(tab, "sponsorOrganisation"), "Contoso People Team")
    replace_text(qtbot, line(tab, "sponsorContact"), "Lee Park")
    replace_text(qtbot, line(tab, "email"), "anna@contoso.example")
    replace_text(qtbot, line(tab, "phone"), "+44 20 7946 0000")
    replace_text(qtbot, line(tab, "tags"), "board, , Delegation, board , new role")
    status = combo(tab, "clientStatus")
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_Down)  # active → paused
    focus = combo(tab, "clientFocus")
    focus.setFocus()
    qtbot.keyClick(focus, Qt.Key.Key_Up)  # people management → self-management
    intake = tab.findChild(QPlainTextEdit, "intakeNotes")
    assert isinstance(intake, QPlainTextEdit)
    intake.setFocus()
    qtbot.keyClick(intake, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(intake, "; second contract")
    retention = tab.findChild(OptionalDateEdit, "retentionDate")
    assert isinstance(retention, OptionalDateEdit)
    retention.set_value(date(2032, 12, 31))  # the calendar pop-up's choice

    qtbot.waitUntil(lambda: stored(controller).retention_date == date(2032, 12, 31))
    client = stored(controller)
    assert client.organisation == "Contoso"
    assert client.role == "CFO"
    assert client.sponsor_organisation == "Contoso People Team"
    assert client.sponsor_contact == "Lee Park"
    assert client.email == "anna@contoso.example"
    assert client.phone == "+44 20 7946 0000"
    assert client.tags == ["board", "Delegation", "new role"]
    assert client.status == ClientStatus.PAUSED
    assert client.focus == Focus.SELF_MANAGEMENT
    assert client.intake_notes == "Referred by HR; second contract"

    retention.setFocus()
    qtbot.keyClick(retention, Qt.Key.Key_Delete, CTRL)  # clears the date
    qtbot.waitUntil(lambda: stored(controller).retention_date is None)


def test_tags_parse() -> None:
    assert parse_tags("") == []
    assert parse_tags(" a ,b,, A, c ") == ["a", "b", "c"]


def test_a_broken_rule_is_explained_and_nothing_saved(
    qtbot: QtBot, tab: ProfileTab, controller: VaultController
) -> None:
    replace_text(qtbot, line(tab, "email"), "irina at example")
    qtbot.waitUntil(lambda: label(tab, "profileProblem").isVisible())
    assert "email" in label(tab, "profileProblem").text().lower()
    assert stored(controller).email == "irina@example.com"
    replace_text(qtbot, line(tab, "email"), "irina@example.org")
    qtbot.waitUntil(lambda: stored(controller).email == "irina@example.org")
    assert not label(tab, "profileProblem").isVisible()


def test_flush_saves_at_once(qtbot: QtBot, controller: VaultController) -> None:
    tab = make_tab(qtbot, controller, delay=NEVER)
    qtbot.keyClicks(line(tab, "phone"), "+49 30 1234")
    assert stored(controller).phone == ""
    assert tab.flush()
    assert stored(controller).phone == "+49 30 1234"


def test_undo_in_a_field(qtbot: QtBot, tab: ProfileTab, controller: VaultController) -> None:
    role = line(tab, "role")
    role.setFocus()
    qtbot.keyClick(role, Qt.Key.Key_End)
    qtbot.keyClicks(role, " (acting)")
    qtbot.keyClick(role, Qt.Key.Key_Z, CTRL)
    assert role.text() == "Chief Operating Officer"
    assert tab.flush()
    assert stored(controller).role == "Chief Operating Officer"


def test_another_client_replaces_everything(
    qtbot: QtBot, tab: ProfileTab, controller: VaultController
) -> None:
    qtbot.keyClicks(line(tab, "role"), " and more")
    other = controller.store.add_engagement(sample_engagement("Jonas Weber", marker="other"))
    tab.show_client(other)
    assert stored(controller).role == "Chief Operating Officer and more"  # flushed first
    assert line(tab, "clientName").text() == "Jonas Weber"
    assert line(tab, "organisation").text() == "Northwind Logistics other"
    role = line(tab, "role")
    assert not role.isUndoAvailable()  # Ctrl+Z cannot bring the first client back


def test_clear_leaves_no_client_text(qtbot: QtBot, tab: ProfileTab) -> None:
    qtbot.keyClicks(line(tab, "role"), " typed by the coach")
    tab.flush()
    tab.clear()
    texts = []
    for widget in tab.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QLineEdit | QLabel):
            texts.append(widget.text())
            if isinstance(widget, QLineEdit):
                assert not widget.isUndoAvailable(), widget.objectName()
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
            assert not widget.document().isUndoAvailable()
    blob = "\n".join(texts)
    for secret in ("Ирина", "Northwind", "Chief Operating", "Dana Hill", "irina@", "board"):
        assert secret not in blob
    assert tab.client_id is None
    assert not line(tab, "clientName").isEnabled()
    assert tab.flush()
