"""Switch clients while an edit is pending, many times, in a child process (a crash
here is a segfault: it must not take the test run down with it).

    python select_child.py ROUNDS

Each round types into the Profile tab's intake notes (the autosave has not fired yet),
then goes to another client: through ``select_client`` (new client, search hit) or by
clicking the client list. The pending save reloads the client list in the middle of
the selection change. Prints "ok N" per round.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import tempfile
from pathlib import Path

faulthandler.enable()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from coachdesk.core.model import Client  # noqa: E402
from coachdesk.ui.controller import VaultController  # noqa: E402
from coachdesk.ui.main_window import MainWindow  # noqa: E402
from coachdesk.ui.settings import AppSettings  # noqa: E402
from coachdesk.vault.keys import TEST_KDF  # noqa: E402
from testsupport import PASSPHRASE, sample_engagement  # noqa: E402


def main() -> None:
    app = QApplication([])
    folder = Path(tempfile.mkdtemp())
    controller = VaultController(folder / "vault", kdf=TEST_KDF)
    window = MainWindow(controller, AppSettings(folder / "settings.ini"))
    window.show()
    controller.create(PASSPHRASE)
    first = controller.store.add_engagement(sample_engagement())
    controller.notify_changed(0)
    window.select_client(first)
    for index, tab in enumerate(window.tab_pages):
        if tab.title == "Profile":
            window.tabs.setCurrentIndex(index)
            notes = tab.findChild(QPlainTextEdit, "intakeNotes")
    for n in range(int(sys.argv[1])):
        app.processEvents()
        notes.moveCursor(QTextCursor.MoveOperation.End)
        notes.insertPlainText(f" edit {n}")  # pending: the debounce has not fired
        if n % 3 == 0:
            new_id = controller.store.clients.save(Client(name=f"Client {n}"))
            window.clients.load(controller.store)
            window.select_client(new_id)
        elif n % 3 == 1:
            window.select_client(first)
        else:  # a click on another row of the list
            view = window.client_list
            row = (view.currentIndex().row() + 1) % window.filtered.rowCount()
            rect = view.visualRect(window.filtered.index(row, 0))
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        app.processEvents()
        print(f"ok {n}", flush=True)
    controller.lock()


if __name__ == "__main__":
    main()
