"""Lock really locks: after a lock no widget holds client text (not even in an undo
stack), no model holds rows, the database connections are closed, the key and the
passphrase are gone, and no Python object references a client's records or text. And
the clipboard is cleared of text copied from the vault: after a delay, and on lock and
quit, but only if it still holds what the app put there.

Python cannot wipe freed strings (docs/security.md): what is tested is that nothing
*references* client data after a lock, so nothing in the app can show or leak it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from reliability_support import when_modal

from coachdesk.core.model import (
    ActionItem,
    Client,
    Contract,
    EmotionEntry,
    Engagement,
    FeedbackEntry,
    Milestone,
    Outcome,
    Risk,
    Session,
)
from coachdesk.reports import ReportKind
from coachdesk.ui import settings as keys
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.reports import ReportPreviewDialog
from coachdesk.ui.settings import AppSettings
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.search import SearchHit
from coachdesk.vault.store import ClientSummary
from coachdesk.vault.vault import Vault
from testsupport import PASSPHRASE, sample_engagement

MARK = "Pangolin" + "Lock" + "5519"  # built at run time: no constant holds it whole
RECORD_TYPES = (
    Client, Contract, Outcome, Milestone, Risk, Session, ActionItem, EmotionEntry,
    FeedbackEntry, Engagement, ClientSummary, SearchHit,
)  # fmt: skip


def _add_marked_clients(controller: VaultController) -> int:
    store = controller.store
    store.add_engagement(sample_engagement(f"Второй {MARK}", marker=MARK))
    return store.add_engagement(sample_engagement(f"Ирина {MARK}", marker=MARK))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    settings = AppSettings(tmp_path / "settings.ini")
    settings.set(keys.CLIPBOARD_CLEAR_SECONDS, 1)
    controller = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    controller.create(PASSPHRASE)
    client_id = _add_marked_clients(controller)
    controller.notify_changed(0)
    win.select_client(client_id)
    yield win
    if controller.is_unlocked:
        controller.lock()
    QGuiApplication.clipboard().clear()


# -- what a widget or a model can still show ------------------------------------------------------


def _widget_texts(widget: QWidget) -> Iterator[str]:
    for getter in ("windowTitle", "toolTip", "statusTip", "whatsThis", "accessibleName",
                   "accessibleDescription"):  # fmt: skip
        yield getattr(widget, getter)()
    if isinstance(widget, (QLineEdit, QLabel, QAbstractButton)):
        yield widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield widget.toPlainText()
        document = widget.document()
        steps = 0
        while document.isUndoAvailable() and steps < 500:  # what Ctrl+Z would bring back
            document.undo()
            steps += 1
            yield widget.toPlainText()
    if isinstance(widget, QLineEdit):
        steps = 0
        while widget.isUndoAvailable() and steps < 500:
            widget.undo()
            steps += 1
            yield widget.text()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield widget.itemText(i)
        yield widget.currentText()


USER = Qt.ItemDataRole.UserRole
ROLES = [
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole, *range(USER, USER + 8),
]  # fmt: skip


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # private in QAbstractListModel: one column
        return 1


def _has_children(model: QAbstractItemModel, index: QModelIndex) -> bool:
    try:
        return bool(model.hasChildren(index))
    except TypeError:  # private in list and table models: flat
        return False


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = parent or QModelIndex()
    for row in range(min(model.rowCount(parent), 2000)):
        for column in range(max(1, _columns(model, parent))):
            index = model.index(row, column, parent)
            for role in ROLES:
                yield str(model.data(index, role))
            if _has_children(model, index):
                yield from _model_texts(model, index)
    for section in range(_columns(model, parent)):
        yield str(model.headerData(section, Qt.Orientation.Horizontal))


def _everything_shown() -> list[str]:
    found = []
    for widget in QApplication.allWidgets():
        for text in _widget_texts(widget):
            if MARK in text:
                found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    for model in [o for o in gc.get_objects() if isinstance(o, QAbstractItemModel)]:
        try:
            texts = list(_model_texts(model))
        except RuntimeError:  # its C++ side was already deleted
            continue
        if any(MARK in text for text in texts):
            found.append(f"model {type(model).__name__} {model.objectName()!r}")
    return found


def _visit_everything(qtbot: QtBot, window: MainWindow) -> None:
    """Every tab loaded, a search run, a report previewed: all that can hold client data."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)

    def search(dialog: Any) -> None:
        dialog.findChild(QLineEdit, "searchQuery").insert(MARK)
        qtbot.waitUntil(lambda: dialog.model.hit_count() > 0)
        dialog.reject()

    when_modal(search)
    window.open_search()
    previews: list[ReportPreviewDialog] = []

    def preview(dialog: Any) -> None:
        if isinstance(dialog, ReportPreviewDialog):
            previews.append(dialog)
            dialog.reject()
        elif dialog.objectName() == "reviewDialog":  # what it holds, reviewed (issue 13)
            dialog.accept()
            when_modal(preview)
        else:
            when_modal(preview)  # the "preparing" progress dialog came first

    when_modal(preview)
    window.request_report(ReportKind.PROGRESS)
    qtbot.waitUntil(lambda: bool(previews), timeout=30_000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.tabs.setCurrentIndex(0)


def _contents(holder: Any) -> list[Any]:
    """What a live object refers to directly: items, attributes (``__dict__`` and
    ``__slots__``; Python 3.11 keeps most instance dicts inline, out of gc's sight) and
    closure cells."""
    try:
        if isinstance(holder, dict):
            return [*holder.values(), *holder]
        if isinstance(holder, list | tuple | set | frozenset):
            return list(holder)
        if type(holder).__name__ == "cell":
            return [holder.cell_contents]
        found: list[Any] = []
        if hasattr(holder, "__dict__") and not isinstance(holder, type):
            found += list(vars(holder).values())
        for cls in type(holder).__mro__:
            for name in getattr(cls, "__slots__", ()):
                if hasattr(holder, name):
                    found.append(getattr(holder, name))
        return found
    except Exception:  # a deleted Qt object, an empty cell
        return []


def _referenced_client_text() -> list[str]:
    """Client text still referenced by a live Python object (not freed memory)."""
    return [
        value[:60]
        for holder in gc.get_objects()
        for value in _contents(holder)
        if isinstance(value, str) and MARK in value and value != MARK
    ]


def test_lock_leaves_nothing_of_the_client(qtbot: QtBot, window: MainWindow) -> None:
    _visit_everything(qtbot, window)
    assert _everything_shown(), "the test shows nothing: it would prove nothing"
    controller = window.controller
    key = controller.vault.data_key()
    vault_ref = controller.vault
    # Controls: before the lock, the probes below do find the text and the key.
    assert _referenced_client_text()
    assert _key_holders(key)
    window.lock()
    qtbot.wait(50)  # deleteLater of dialogs
    QApplication.sendPostedEvents(None, 0)
    gc.collect()

    assert not controller.is_unlocked
    assert controller.backup_secret is None, "the passphrase is kept after lock"
    assert not vault_ref.is_open and vault_ref._data_key is None
    del vault_ref
    shown = _everything_shown()
    assert not shown, f"client text still shown after lock: {shown}"
    typed = [
        w for w in QApplication.allWidgets() if isinstance(w, QLineEdit) and PASSPHRASE in w.text()
    ]
    assert not typed, "the passphrase is still in a field"
    assert window.clients.rowCount() == 0
    gc.collect()
    records = sorted({type(o).__name__ for o in gc.get_objects() if isinstance(o, RECORD_TYPES)})
    assert not records, f"records still referenced after lock: {records}"
    assert not _referenced_client_text(), _referenced_client_text()[:5]
    assert not [o for o in gc.get_objects() if isinstance(o, Vault) and o.is_open]
    for conn in [o for o in gc.get_objects() if isinstance(o, sqlcipher3.Connection)]:
        with pytest.raises(sqlcipher3.ProgrammingError):
            conn.execute("SELECT 1")  # closed
    holders = _key_holders(key)
    assert not holders, f"the data key is still referenced by {holders}"
    # Unlocking again brings everything back: the lock forgot, it did not destroy.
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock_requested.emit(PASSPHRASE)
    assert controller.is_unlocked
    assert MARK in window.client_title.text()


def _key_holders(key: bytes) -> list[str]:
    holders = []  # plain loops: a comprehension would put ``key`` in a cell of its own
    for holder in gc.get_objects():
        for value in _contents(holder):
            if isinstance(value, bytes | bytearray) and value == key:
                holders.append(type(holder).__name__)
    return holders


# -- the clipboard ---------------------------------------------------------------------------------


def _copy_from(qtbot: QtBot, window: MainWindow) -> str:
    """Select a client's note in the Profile tab and copy it, as a coach would."""
    for index, tab in enumerate(window.tab_pages):
        if tab.title == "Profile":
            window.tabs.setCurrentIndex(index)
            notes = tab.findChild(QPlainTextEdit, "intakeNotes")
    qtbot.waitUntil(lambda: MARK in notes.toPlainText())
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    notes.selectAll()
    notes.copy()
    text = QGuiApplication.clipboard().text()
    assert MARK in text
    return text


def test_clipboard_cleared_after_the_delay(qtbot: QtBot, window: MainWindow) -> None:
    _copy_from(qtbot, window)
    assert window.clipboard_guard.armed
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=3000)
    assert window.controller.is_unlocked  # only the clipboard, not the vault


def test_clipboard_cleared_on_lock(qtbot: QtBot, window: MainWindow) -> None:
    window.clipboard_guard.set_seconds(600)
    _copy_from(qtbot, window)
    window.lock()
    assert QGuiApplication.clipboard().text() == ""


def test_clipboard_cleared_on_quit(qtbot: QtBot, window: MainWindow) -> None:
    window.clipboard_guard.set_seconds(600)
    _copy_from(qtbot, window)
    window.close()
    assert QGuiApplication.clipboard().text() == ""


def test_clipboard_left_alone_when_something_else_was_copied(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.clipboard_guard.set_seconds(1)
    _copy_from(qtbot, window)
    other = QLineEdit("the coach's own shopping list")  # another program's window
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    other.selectAll()
    other.copy()
    assert not window.clipboard_guard.armed
    qtbot.wait(1500)
    window.lock()
    window.close()
    assert QGuiApplication.clipboard().text() == "the coach's own shopping list"


def test_clipboard_not_armed_by_text_copied_elsewhere(qtbot: QtBot, window: MainWindow) -> None:
    other = QLineEdit("copied in another program")
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    other.selectAll()
    other.copy()
    assert not window.clipboard_guard.armed
    window.lock()
    assert QGuiApplication.clipboard().text() == "copied in another program"


def test_clipboard_guard_keeps_no_client_text(qtbot: QtBot, window: MainWindow) -> None:
    text = _copy_from(qtbot, window)
    state = vars(window.clipboard_guard)
    assert all(v != text and not (isinstance(v, str) and MARK in v) for v in state.values())
    assert isinstance(state["_fingerprint"], bytes) and len(state["_fingerprint"]) == 32
