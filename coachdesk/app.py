"""QApplication bootstrap for the desktop client."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coachdesk import installed_version
from coachdesk.core.errors import explain
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import PREPARE_TABS_AFTER_MS, MainWindow, window_icon
from coachdesk.ui.platform_libs import check_gui_libraries
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.theme import apply_theme


def _private_excepthook(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Report an unexpected error without its message: it may quote client text.

    Only the exception type and the code locations (file, line, function) are printed;
    never the message or local values.
    """
    frames = traceback.extract_tb(tb)
    where = "; ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames[-6:])
    print(f"coachdesk: internal error {kind.__name__} at {where}", file=sys.stderr)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        QMessageBox.critical(
            None,
            "CoachDesk",
            f"{explain(error).sentence()} Your saved work is safe in the vault.",
        )


BENCH_EXIT_WHEN_READY = "COACHDESK_BENCH_EXIT_WHEN_READY"
"""Benchmark hook (bench/run.py): with this variable set to 1, the app prints
:data:`READY_MARKER` and the page's name once its first page (unlock or welcome) has
been painted, then quits. It opens nothing and changes nothing."""
READY_MARKER = "COACHDESK_READY"


class _ReadyWatcher(QObject):
    """Waits for the first paint of the shown page, then reports and quits."""

    def __init__(self, app: QApplication, page: QWidget, name: str) -> None:
        super().__init__(page)
        self._app = app
        self._name = name
        self._done = False
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            print(f"{READY_MARKER} {self._name}", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def build_main_window(vault_dir: Path, settings: AppSettings | None = None) -> MainWindow:
    controller = VaultController(vault_dir)
    window = MainWindow(controller, settings or AppSettings())
    window.setWindowIcon(window_icon())
    return window


def run_app(vault_dir: Path) -> int:
    """Start the GUI on ``vault_dir``; returns the process exit code."""
    problem = check_gui_libraries()
    if problem is not None:  # Qt would abort with a message that blames the wrong library
        print(problem, file=sys.stderr)
        return 1
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("CoachDesk")
    app.setOrganizationName("CoachDesk")
    app.setDesktopFileName("io.coachdesk.CoachDesk")  # Wayland app id = the .desktop file
    app.setQuitOnLastWindowClosed(True)
    apply_theme(app)
    sys.excepthook = _private_excepthook
    window = build_main_window(vault_dir)
    if os.environ.get(BENCH_EXIT_WHEN_READY) == "1":
        locked = window.stack.currentWidget() is window.unlock_page
        page: QWidget = window.unlock_page if locked else window.welcome
        _ReadyWatcher(app, page, "unlock" if locked else "welcome")
    window.show()
    # The version is read once the first screen is up: importlib.metadata takes ~25 ms
    # to import, and the lock screen does not show it (docs/performance.md, round two).
    QTimer.singleShot(PREPARE_TABS_AFTER_MS, lambda: app.setApplicationVersion(installed_version()))
    return int(app.exec())
