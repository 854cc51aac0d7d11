"""QApplication bootstrap for the desktop client."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from coachdesk import __version__
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import MainWindow, window_icon
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
            f"Something went wrong ({kind.__name__}). Your saved work is safe in the vault. "
            "If this keeps happening, please report it.",
        )


def build_main_window(vault_dir: Path, settings: AppSettings | None = None) -> MainWindow:
    controller = VaultController(vault_dir)
    window = MainWindow(controller, settings or AppSettings())
    window.setWindowIcon(window_icon())
    return window


def run_app(vault_dir: Path) -> int:
    """Start the GUI on ``vault_dir``; returns the process exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("CoachDesk")
    app.setOrganizationName("CoachDesk")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(True)
    apply_theme(app)
    sys.excepthook = _private_excepthook
    window = build_main_window(vault_dir)
    window.show()
    return int(app.exec())
