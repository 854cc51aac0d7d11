"""The main window's flows, driven as a coach would: create, unlock, lock, clients, search."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.core.errors import WrongPassphrase
from coachdesk.core.model import ClientStatus
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import UNLOCK, WELCOME, WORKSPACE, MainWindow
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.widgets import NoteEdit
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.search import RecordKind
from coachdesk.vault.vault import Vault
from dialogs import when_modal
from testsupport import PASSPHRASE, sample_engagement


class NotesTab(WorkspaceTab):
    """A minimal tab (the client's intake notes) to exercise the window's contract."""

    title = "Profile"
    record_kinds = frozenset({RecordKind.CLIENT})

    def __init__(self, controller: VaultController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.notes = NoteEdit(parent=self)
        self.notes.setObjectName("intakeNotes")
        self.binder = RecordBinder(self)
        self.binder.text(self.notes, "intake_notes")
        self.autosaver = self.make_autosaver(self._save, delay_ms=60_000)
        self.binder.changed.connect(lambda _f: self.autosaver.touch())
        self.focused: list[int] = []

    def _save(self) -> None:
        self.controller.store.clients.save(self.binder.record)

    def show_client(self, client_id: int) -> None:
        super().show_client(client_id)
        self.binder.set_record(self.controller.store.clients.get(client_id))

    def focus_record(self, record_id: int, kind: RecordKind | None = None) -> None:
        self.focused.append(record_id)

    def clear(self) -> None:
        super().clear()
        self.binder.set_record(None)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, settings: AppSettings) -> MainWindow:
    controller = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    win = MainWindow(controller, settings, tab_classes=[NotesTab])
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts only reach the active window
    return win


def _create(qtbot: QtBot, win: MainWindow) -> str:
    seen: dict[str, str] = {}

    def confirm(dialog: QWidget) -> None:
        label = dialog.findChild(QLabel, "recoveryCode")
        seen["code"] = label.text()
        ok = dialog.ok_button  # type: ignore[attr-defined]
        assert not ok.isEnabled()  # must confirm first
        qtbot.mouseClick(dialog.findChild(QCheckBox, "storedCheck"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert win.stack.currentIndex() == WELCOME
    qtbot.keyClicks(win.welcome.fields.first, PASSPHRASE)
    assert not win.welcome.create_button.isEnabled()
    qtbot.keyClicks(win.welcome.fields.second, PASSPHRASE)
    when_modal(confirm)
    qtbot.mouseClick(win.welcome.create_button, Qt.MouseButton.LeftButton)
    assert win.stack.currentIndex() == WORKSPACE
    return seen["code"]


def _unlock(qtbot: QtBot, win: MainWindow, passphrase: str = PASSPHRASE) -> None:
    qtbot.keyClicks(win.unlock_page.passphrase, passphrase)
    qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Return)


def _add_client(qtbot: QtBot, win: MainWindow, name: str) -> None:
    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "clientName"), name)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    when_modal(fill)
    qtbot.mouseClick(win.new_client_button, Qt.MouseButton.LeftButton)


def test_create_vault_shows_recovery_code_once(qtbot: QtBot, window: MainWindow) -> None:
    code = _create(qtbot, window)
    assert len(code.replace("-", "")) == 32
    assert window.controller.is_unlocked
    window.lock()
    assert window.stack.currentIndex() == UNLOCK
    # The code really opens the vault.
    Vault.recover(window.controller.vault_dir, code, "another passphrase").lock()


def test_wrong_passphrase_says_so_then_unlock(qtbot: QtBot, window: MainWindow) -> None:
    _create(qtbot, window)
    window.lock()
    _unlock(qtbot, window, "wrong passphrase")
    assert window.stack.currentIndex() == UNLOCK
    assert "does not open" in window.unlock_page.error.text()
    window.unlock_page.passphrase.clear()
    _unlock(qtbot, window)
    assert window.stack.currentIndex() == WORKSPACE


def test_add_client_type_notes_lock_saves_and_forgets(qtbot: QtBot, window: MainWindow) -> None:
    _create(qtbot, window)
    _add_client(qtbot, window, "Jonas Berg")
    assert window.client_title.text() == "Jonas Berg"
    tab = window.tab_pages[0]
    assert isinstance(tab, NotesTab)
    qtbot.keyClicks(tab.notes, "Wants to delegate the budget review")
    assert tab.autosaver.dirty  # the 60 s debounce has not fired: only lock can save it
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(tab.notes, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == UNLOCK
    assert not window.controller.is_unlocked
    # Nothing of the client is left in any widget or model.
    for widget in window.findChildren(QLineEdit) + window.findChildren(QLabel):
        assert "Jonas" not in widget.text()
    for widget in window.findChildren(QPlainTextEdit):
        assert widget.toPlainText() == ""
    assert window.clients.rowCount() == 0
    gc.collect()
    assert not any(isinstance(o, Vault) and o.is_open for o in gc.get_objects())
    # Unlocking returns to where the coach was, with the text saved.
    _unlock(qtbot, window)
    assert window.client_title.text() == "Jonas Berg"
    assert tab.notes.toPlainText() == "Wants to delegate the budget review"


def test_closing_the_window_saves_pending_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _create(qtbot, window)
    _add_client(qtbot, window, "Jonas Berg")
    tab = window.tab_pages[0]
    qtbot.keyClicks(tab.notes, "Typed just before quitting")  # type: ignore[attr-defined]
    window.close()
    with Vault.unlock(tmp_path / "vault", PASSPHRASE) as vault:
        from coachdesk.vault.store import Store

        (client,) = Store(vault.connection).clients.all()
        assert client.intake_notes == "Typed just before quitting"


def test_idle_lock(qtbot: QtBot, window: MainWindow) -> None:
    _create(qtbot, window)
    _add_client(qtbot, window, "Idle Client")
    window.idle.set_timeout_ms(300)
    qtbot.keyClicks(window.tab_pages[0].notes, "x")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not window.controller.is_unlocked, timeout=5000)
    assert window.stack.currentIndex() == UNLOCK
    _unlock(qtbot, window)
    assert window.client_title.text() == "Idle Client"
    assert window.tab_pages[0].notes.toPlainText() == "x"  # type: ignore[attr-defined]


def test_lock_closes_open_dialogs(qtbot: QtBot, window: MainWindow) -> None:
    _create(qtbot, window)
    closed: list[bool] = []

    def lock_while_open(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        window.lock()
        closed.append(not dialog.isVisible())

    when_modal(lock_while_open)
    window.open_search()
    assert closed == [True]


def test_forgot_passphrase_recovers(qtbot: QtBot, window: MainWindow) -> None:
    code = _create(qtbot, window)
    window.lock()

    def recover(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "recoveryCodeInput"), code.lower())
        qtbot.keyClicks(dialog.findChild(QLineEdit, "newPassphrase"), "a fresh passphrase")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "repeatPassphrase"), "a fresh passphrase")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    when_modal(recover)
    qtbot.mouseClick(window.unlock_page.forgot_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentIndex() == WORKSPACE
    window.lock()
    _unlock(qtbot, window, "a fresh passphrase")
    assert window.controller.is_unlocked


def test_revoke_keys_after_an_exposure_shows_a_new_recovery_code(
    qtbot: QtBot, window: MainWindow
) -> None:
    """File > "I think my passphrase or a backup was exposed…": confirm with the
    passphrase (a wrong one changes nothing), then the new recovery code is shown once
    with the recovery-kit flow; the old code stops working, the passphrase stays."""
    old_code = _create(qtbot, window)
    folder = window.controller.vault_dir
    header_before = (folder / "vault.key").read_bytes()
    actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "I think my passphrase or a backup was exposed…" in actions
    errors: list[str] = []

    def wrong(dialog: QWidget) -> None:
        assert not dialog.ok_button.isEnabled()  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.findChild(QLineEdit, "currentPassphrase"), "not the passphrase")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        errors.append(dialog.error.text())  # type: ignore[attr-defined]
        dialog.reject()

    when_modal(wrong)
    window.revoke_action.trigger()
    assert "does not open" in errors[0]
    assert (folder / "vault.key").read_bytes() == header_before
    seen: dict[str, str] = {}

    def show_code(dialog: QWidget) -> None:
        seen["code"] = dialog.findChild(QLabel, "recoveryCode").text()
        assert dialog.findChild(QPushButton, "saveKitButton") is not None
        qtbot.mouseClick(dialog.findChild(QCheckBox, "storedCheck"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    def revoke(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "currentPassphrase"), PASSPHRASE)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        when_modal(show_code)

    when_modal(revoke)
    window.revoke_action.trigger()
    qtbot.waitUntil(lambda: "code" in seen)
    assert seen["code"] != old_code
    assert window.controller.is_unlocked
    assert "Keys replaced" in window.statusBar().currentMessage()
    window.controller.vault.check_recovery_code(seen["code"])
    with pytest.raises(WrongPassphrase):
        window.controller.vault.check_recovery_code(old_code)
    window.lock()
    _unlock(qtbot, window)
    assert window.stack.currentIndex() == WORKSPACE


def test_wrong_recovery_code_is_explained(qtbot: QtBot, window: MainWindow) -> None:
    _create(qtbot, window)
    window.lock()
    messages: list[str] = []

    def recover(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "recoveryCodeInput"), "0000-" * 7 + "0000")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "newPassphrase"), "a fresh passphrase")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "repeatPassphrase"), "a fresh passphrase")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        messages.append(dialog.error.text())  # type: ignore[attr-defined]
        dialog.reject()  # type: ignore[attr-defined]

    when_modal(recover)
    qtbot.mouseClick(window.unlock_page.forgot_button, Qt.MouseButton.LeftButton)
    assert "recovery code" in messages[0].lower()
    assert window.stack.currentIndex() == UNLOCK


def test_filter_archive_and_delete_clients(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _create(qtbot, window)
    store = window.controller.store
    store.add_engagement(sample_engagement("Ирина Соколова"))
    store.add_engagement(sample_engagement("Jonas Berg"))
    window.controller.notify_changed(0)
    assert window.filtered.rowCount() == 2
    window.client_filter.insert("СОКОЛ")  # QTest cannot type Cyrillic; insert is what an IME does
    assert window.filtered.rowCount() == 1
    window.client_filter.clear()

    window.select_client(store.clients.ids()[1])
    qtbot.mouseClick(window.archive_button, Qt.MouseButton.LeftButton)
    assert store.clients.get(store.clients.ids()[1]).status == ClientStatus.CLOSED
    assert window.filtered.rowCount() == 1  # archived clients leave the current list

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.button(QMessageBox.StandardButton.Cancel).click()

    window.select_client(store.clients.ids()[0])
    when_modal(cancel)
    qtbot.mouseClick(window.delete_button, Qt.MouseButton.LeftButton)
    assert len(store.clients.ids()) == 2

    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        (delete,) = [b for b in dialog.buttons() if b.text() == "Delete permanently"]
        delete.click()

    when_modal(confirm)
    qtbot.mouseClick(window.delete_button, Qt.MouseButton.LeftButton)
    assert len(store.clients.ids()) == 1
    assert window.client_title.text() == ""


def test_search_opens_the_record(qtbot: QtBot, window: MainWindow) -> None:
    _create(qtbot, window)
    store = window.controller.store
    store.add_engagement(sample_engagement("Jonas Berg"))
    irina = store.add_engagement(sample_engagement("Ирина Соколова"))
    window.controller.notify_changed(0)

    def search(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "searchQuery").insert("соколова")
        qtbot.waitUntil(lambda: dialog.model.hit_count() > 0)  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.findChild(QLineEdit, "searchQuery"), Qt.Key.Key_Return)

    when_modal(search)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.client_list, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.current_client_id() == irina
    assert window.client_title.text() == "Ирина Соколова"
    assert window.tab_pages[0].focused == [irina]  # type: ignore[attr-defined]


def test_settings_dialog_stores_preferences_only(
    qtbot: QtBot, window: MainWindow, settings: AppSettings
) -> None:
    _create(qtbot, window)

    def edit(dialog: QWidget) -> None:
        spin = dialog.autolock  # type: ignore[attr-defined]
        spin.setValue(12)
        qtbot.keyClicks(dialog.findChild(QLineEdit, "coachName"), "Maria Coach")
        dialog.accept()  # type: ignore[attr-defined]

    when_modal(edit)
    window.open_settings()
    from coachdesk.ui import settings as keys

    assert settings.get_int(keys.AUTOLOCK_MINUTES) == 12
    assert settings.get_str(keys.REPORT_COACH_NAME) == "Maria Coach"


def test_welcome_page_screenshot(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    image = window.grab()
    assert not image.isNull()
    assert window.findChild(QPushButton, "restoreButton") is not None


def test_report_buttons_on_the_tabs_open_a_preview(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings
) -> None:
    """Sessions, Contract and Overview each have a button that makes their report."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton as Button

    from coachdesk.reports import ReportKind
    from coachdesk.ui.reports import ReportPreviewDialog

    controller = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    controller.create(PASSPHRASE)
    client_id = controller.store.add_engagement(sample_engagement())
    controller.notify_changed(0)
    win.select_client(client_id)
    opened: list[tuple[ReportKind, int]] = []

    def record(dialog: ReportPreviewDialog) -> None:
        opened.append((dialog.kind, dialog.document.pageCount()))
        QTimer.singleShot(0, dialog.reject)  # once its exec() is running

    win.reports.preview_opened = record
    asked: list[str] = []

    def go_ahead(dialog: QWidget) -> None:
        """Answer what comes before a shareable report: the contract copy, the sponsor
        confirmation, the review (issue 13)."""
        asked.append(dialog.objectName())
        names = ("clientCopyButton", "sponsorConfirm", "reviewContinue")
        button = next(b for n in names if (b := dialog.findChild(Button, n)) is not None)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    for title, button_name in (
        ("Sessions", "sessionSummaryButton"),
        ("Contract", "contractPdfButton"),
        ("Overview", "progressReportButton"),
        ("Overview", "sponsorReportButton"),
    ):
        index = next(i for i, t in enumerate(win.tab_pages) if t.title == title)
        win.tabs.setCurrentIndex(index)
        button = win.tab_pages[index].findChild(Button, button_name)
        assert button is not None and button.isVisible(), button_name
        before = len(opened)
        steps = 2 if button_name in ("contractPdfButton", "sponsorReportButton") else 1
        for step in range(steps):
            QTimer.singleShot(0, lambda step=step: when_modal(go_ahead))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda before=before: len(opened) > before, timeout=30_000)
    kinds = [kind for kind, _pages in opened]
    assert kinds == [
        ReportKind.SESSION,
        ReportKind.CONTRACT,
        ReportKind.PROGRESS,
        ReportKind.SPONSOR,
    ]
    assert all(pages >= 1 for _kind, pages in opened)
    assert asked == [
        "reviewDialog",
        "contractCopyChoice",
        "reviewDialog",
        "reviewDialog",
        "sponsorConfirmDialog",
        "reviewDialog",
    ]
    # The session summary is of the session selected in the Sessions tab.
    sessions_tab = next(t for t in win.tab_pages if t.title == "Sessions")
    assert sessions_tab.current_session_id() is not None  # type: ignore[attr-defined]


def _locked_window(qtbot: QtBot, tmp_path: Path, settings: AppSettings) -> MainWindow:
    vault, _code = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=TEST_KDF)
    vault.lock()
    win = MainWindow(VaultController(tmp_path / "vault", kdf=TEST_KDF), settings, [NotesTab])
    qtbot.addWidget(win)
    return win


def test_the_lock_screen_comes_before_the_workspace_parts(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings
) -> None:
    """The agenda and the client list's file drop are made once the first screen is up,
    before unlocking; the report runner on the first report (issue 17). The menus have
    every report and the Today shortcut from the start."""
    win = _locked_window(qtbot, tmp_path, settings)
    assert win.stack.currentIndex() == UNLOCK
    assert win._agenda_page is None and win.client_drop is None and win._reports is None
    assert [a.text() for a in win.reports_menu.actions()][:2] == ["Session summary…", "Contract…"]
    assert win.today_action.shortcut().toString() == "Ctrl+T"
    win.show()
    qtbot.waitUntil(lambda: win._agenda_page is not None and win.client_drop is not None)
    assert win._tab_pages is not None and win._reports is None
    _unlock(qtbot, win)
    assert win.stack.currentIndex() == WORKSPACE
    assert win.agenda_page.isVisible() and not win.tabs.isVisible()
    assert win.empty_hint.text() == "No clients yet. Add your first with New client (Ctrl+N)."
    assert win.reports is win.reports  # one runner, made on first use


def test_unlocking_at_once_makes_what_the_workspace_shows(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings
) -> None:
    """A window unlocked before its workspace was prepared (not yet shown) builds the
    agenda and the file drop on unlocking, and shows the agenda in the right place."""
    win = _locked_window(qtbot, tmp_path, settings)
    win.unlock_page.unlock_requested.emit(PASSPHRASE)
    qtbot.waitUntil(lambda: win.controller.is_unlocked)
    assert win.client_drop is not None and win._agenda_page is not None
    win.show()
    qtbot.waitUntil(win.agenda_page.isVisible)
    layout = win.tabs.parentWidget().layout()
    assert layout.indexOf(win.agenda_page) == layout.indexOf(win.tabs) + 1  # below the tabs
    _add_client(qtbot, win, "Ana")
    assert win.tabs.isVisible() and not win.agenda_page.isVisible()
    win.show_today()
    assert win.agenda_page.isVisible()
    assert win.empty_hint.text() == "Select a client on the left, or add one with Ctrl+N."
