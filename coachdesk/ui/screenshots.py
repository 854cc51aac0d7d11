"""A tour of every screen of the app on the demo data: pictures for the coach's eye, and
the list of screens the size tests walk.

    python3 dev.py screenshots [--out DIR] [--size 1280x720 ...] [--scheme light|dark]

Each screen size and colour scheme runs in a process of its own, on Qt's offscreen
platform with one screen of exactly that size (a screen cannot change size under a
running app). The process makes a throw-away vault (cheap key derivation) in a temp
folder, walks :data:`PAGES` and :data:`DIALOGS` and writes one PNG per entry, named
``<size>-<scheme>-<name>.png``, plus ``sizes-<size>-<scheme>.json`` with each screen's
minimum and actual size. Nothing of the coach's own vault or settings is touched.

To add a screen, add one ``(name, how to open it)`` entry: a page arranges the main
window; a dialog entry starts whatever opens the dialog (usually the action a coach
would use) and the tour grabs the dialog once it shows, then closes it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from coachdesk.demo import demo_engagements
from coachdesk.reports import ReportKind
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import WELCOME, MainWindow
from coachdesk.ui.screen import available, fitted
from coachdesk.ui.settings import AppSettings
from coachdesk.vault.exchange import import_engagements
from coachdesk.vault.keys import TEST_KDF

SIZES = ("1280x720", "1440x900")
SCHEMES = ("light", "dark")
PASSPHRASE = "screenshot tour passphrase"  # noqa: S105 - a throw-away scratch vault
PREVIEW_RENDER_MS = 1500
"""How long a report preview is given to render its first page before it is pictured."""
DEMO_CLIENT = "Marta Lindqvist"
"""The demo client shown on the workspace pages: the most complete engagement."""


class Tour:
    """The real main window on a scratch vault in ``root``, driven through the screens."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.controller = VaultController(root / "vault", kdf=TEST_KDF)
        self.settings = AppSettings(root / "settings.ini")
        self.window = MainWindow(self.controller, self.settings)
        # As a coach would on a small screen: the window as large as the screen allows.
        self.window.resize(fitted(QSize(100_000, 100_000), available(self.window)))
        self.window.show()
        settle()

    # -- states the entries ask for ---------------------------------------------------

    def ensure_vault(self) -> None:
        """The vault exists, holds the demo clients, and is unlocked."""
        if not self.controller.vault_exists:
            self.controller.create(PASSPHRASE)
            import_engagements(
                self.controller.store, [(e, []) for e in demo_engagements(date.today())]
            )
            self.controller.notify_changed(0)
        elif not self.controller.is_unlocked:
            self.controller.unlock(PASSPHRASE)
        settle()

    def locked(self) -> None:
        self.ensure_vault()
        self.window.lock(ask=False)
        settle()

    def client(self, tab: str | None = None, name: str = DEMO_CLIENT) -> None:
        """The demo client's workspace, on ``tab`` (its title) when given."""
        self.ensure_vault()
        window = self.window
        summaries = window.controller.store.clients.summaries()
        client_id = next(s.id for s in summaries if s.name == name)
        if window.current_client_id() != client_id:
            window.select_client(client_id)
        if tab is not None:
            titles = [page.title for page in window.tab_pages]
            window.tabs.setCurrentIndex(titles.index(tab))
        settle()

    def no_client(self) -> None:
        self.ensure_vault()
        self.window.client_list.selectionModel().clearSelection()
        settle()

    def tab(self, title: str) -> QWidget:
        return next(page for page in self.window.tab_pages if page.title == title)


def settle(ms: int = 0) -> None:
    """Let Qt lay out, load and paint what was just asked for (and, with ``ms``, go on
    running the event loop that long: a PDF preview renders its pages in the background)."""
    app = QApplication.instance()
    for _ in range(3):
        if app is not None:
            app.processEvents()
    if ms > 0:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()


def _welcome(tour: Tour) -> None:
    tour.window.stack.setCurrentIndex(WELCOME)


PAGES: list[tuple[str, Callable[[Tour], None]]] = [
    ("welcome", _welcome),
    ("unlock", Tour.locked),
    ("workspace-empty", Tour.no_client),
    ("tab-overview", lambda t: t.client("Overview")),
    ("tab-profile", lambda t: t.client("Profile")),
    ("tab-contract", lambda t: t.client("Contract")),
    ("tab-sessions", lambda t: t.client("Sessions")),
    ("tab-emotions", lambda t: t.client("Emotions")),
    ("tab-feedback", lambda t: t.client("Feedback")),
    ("tab-attachments", lambda t: t.client("Attachments")),
]
"""Screens of the main window: (name, arrange the window)."""


def _report(kind: ReportKind) -> Callable[[Tour], None]:
    def open_(tour: Tour) -> None:
        tour.client("Sessions")
        tour.window.request_report(kind)

    return open_


def _contract(action: str) -> Callable[[Tour], None]:
    def open_(tour: Tour) -> None:
        tour.client("Contract")
        tab = tour.tab("Contract")
        getattr(tab, action)()

    return open_


def _recovery_code(tour: Tour) -> None:
    """The dialog that shows a new vault's recovery code (on an empty scratch vault)."""
    extra = VaultController(tour.root / "second-vault", kdf=TEST_KDF)
    window = MainWindow(extra, AppSettings(tour.root / "second.ini"))
    window.show()
    try:
        window._create_vault(PASSPHRASE)
    finally:
        extra.lock()
        window.close()
        window.deleteLater()


def _locked_then(action: Callable[[MainWindow], None]) -> Callable[[Tour], None]:
    def open_(tour: Tour) -> None:
        tour.locked()
        action(tour.window)

    return open_


def _unlocked_then(action: Callable[[MainWindow], None]) -> Callable[[Tour], None]:
    def open_(tour: Tour) -> None:
        tour.client("Overview")
        action(tour.window)

    return open_


DIALOGS: list[tuple[str, Callable[[Tour], None]]] = [
    ("dialog-recovery-code", _recovery_code),
    ("dialog-forgot-passphrase", _locked_then(lambda w: w._forgot())),
    ("dialog-new-client", _unlocked_then(lambda w: w.new_client())),
    ("dialog-search", _unlocked_then(lambda w: w.open_search())),
    ("dialog-settings", _unlocked_then(lambda w: w.open_settings())),
    ("dialog-change-passphrase", _unlocked_then(lambda w: w.change_passphrase())),
    ("dialog-delete-client", _unlocked_then(lambda w: w.delete_client())),
    ("dialog-recovery-kit", _unlocked_then(lambda w: w.recovery_kit())),
    ("dialog-about", _unlocked_then(lambda w: w.about())),
    ("dialog-new-worksheet", _unlocked_then(lambda w: w.new_worksheet())),
    ("dialog-export-question", _report(ReportKind.CLIENT_EXPORT)),
    ("dialog-contract-sign", _contract("mark_signed")),
    ("preview-session", _report(ReportKind.SESSION)),
    ("preview-contract", _report(ReportKind.CONTRACT)),
    ("preview-progress", _report(ReportKind.PROGRESS)),
    ("preview-sponsor", _report(ReportKind.SPONSOR)),
]
"""Dialogs: (name, start what opens it). The first modal dialog that shows is the one
pictured; a question that leads to another dialog is answered with Cancel/Escape."""


def _search_for(words: str) -> Callable[[QDialog], None]:
    def fill(dialog: QDialog) -> None:
        dialog.query.setText(words)  # type: ignore[attr-defined]
        dialog.run_search()  # type: ignore[attr-defined]

    return fill


def _type_passphrase(dialog: QDialog) -> None:
    fields = dialog.fields  # type: ignore[attr-defined]
    fields.first.setText("correct horse")
    fields.second.setText("correct horse")


DIALOG_INPUT: dict[str, Callable[[QDialog], None]] = {
    "dialog-search": _search_for("board"),
    "dialog-change-passphrase": _type_passphrase,
}
"""What a coach would have typed into a dialog when it is pictured (by dialog name)."""


def capture_modal(
    trigger: Callable[[], None], visit: Callable[[QDialog], None], timeout_ms: int = 30_000
) -> bool:
    """Run ``trigger``; call ``visit`` with the first modal dialog it shows (progress
    dialogs aside), then close that dialog. False when no dialog showed in time."""
    seen: dict[str, bool] = {}
    loop = QEventLoop()

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if (
            isinstance(widget, QDialog)
            and widget.isVisible()
            and not isinstance(widget, QProgressDialog)
            and not seen
        ):
            seen["done"] = True
            settle()
            try:
                visit(widget)
            finally:
                if isinstance(widget, QMessageBox):
                    cancel: QAbstractButton | None = widget.escapeButton()  # None: none set
                    if cancel is not None:
                        cancel.click()
                    else:
                        widget.reject()
                else:  # done(), not reject(): some dialogs refuse Escape on purpose
                    widget.done(QDialog.DialogCode.Rejected)
                timer.stop()
                QTimer.singleShot(0, loop.quit)

    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(poll)
    timer.start()
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(loop.quit)
    give_up.start(timeout_ms)
    trigger()
    if not seen:  # the dialog comes later (a report renders in the background)
        loop.exec()
    timer.stop()
    give_up.stop()
    settle()
    return bool(seen)


Visitor = Callable[[str, QWidget], None]


def walk(tour: Tour, visit: Visitor, names: set[str] | None = None) -> list[str]:
    """Show every page and dialog in turn, calling ``visit(name, widget)`` while each is
    on screen; returns the names of dialogs that never appeared."""
    missing: list[str] = []
    for name, arrange in PAGES:
        if names is None or name in names:
            arrange(tour)
            settle()
            visit(name, tour.window)
    for name, open_ in DIALOGS:
        if names is not None and name not in names:
            continue

        def on_dialog(dialog: QDialog, name: str = name) -> None:
            if name in DIALOG_INPUT:
                DIALOG_INPUT[name](dialog)
                settle()
            visit(name, dialog)

        shown = capture_modal(lambda open_=open_: open_(tour), on_dialog)  # type: ignore[misc]
        if not shown:
            missing.append(name)
    return missing


def _size_record(widget: QWidget) -> dict[str, list[int]]:
    def pair(size: QSize) -> list[int]:
        return [size.width(), size.height()]

    return {
        "size": pair(widget.size()),
        "minimum_size_hint": pair(widget.minimumSizeHint()),
        "minimum_size": pair(widget.minimumSize()),
    }


def take(out: Path, size: str, scheme: str) -> int:
    """This process: one size and scheme (the screen is already that size)."""
    from coachdesk.ui.main_window import window_icon
    from coachdesk.ui.theme import force_scheme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName("CoachDesk")
    force_scheme(app, scheme == "dark")
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, dict[str, list[int]]] = {}
    with tempfile.TemporaryDirectory(prefix="coachdesk-screens-") as scratch:
        tour = Tour(Path(scratch))
        tour.window.setWindowIcon(window_icon())

        def visit(name: str, widget: QWidget) -> None:
            settle(PREVIEW_RENDER_MS if name.startswith("preview-") else 0)
            widget.grab().save(str(out / f"{size}-{scheme}-{name}.png"))
            sizes[name] = _size_record(widget)

        missing = walk(tour, visit)
        tour.controller.lock()
        tour.window.close()
    (out / f"sizes-{size}-{scheme}.json").write_text(json.dumps(sizes, indent=1) + "\n")
    for name in missing:
        print(f"screenshots: {name} did not open a dialog", file=sys.stderr)
    print(f"screenshots: {len(sizes)} pictures at {size}, {scheme}, in {out}")
    return 1 if missing else 0


def offscreen_platform(size: str, folder: Path, scale: float = 1.0) -> str:
    """A ``QT_QPA_PLATFORM`` value for an offscreen screen of ``size`` (e.g. 1280x720)."""
    width, height = (int(part) for part in size.split("x"))
    config = {
        "windowFrameMargins": False,
        "screens": [
            {"name": "screen", "x": 0, "y": 0, "width": width, "height": height,
             "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": scale}
        ],
    }  # fmt: skip
    path = folder / f"screen-{size}-{scale}.json"
    path.write_text(json.dumps(config))
    return f"offscreen:configfile={path}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dev.py screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--size", action="append", choices=None, help="e.g. 1280x720")
    parser.add_argument("--scheme", action="append", choices=SCHEMES)
    parser.add_argument("--this-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = args.size or list(SIZES)
    schemes = args.scheme or list(SCHEMES)
    if args.this_process:
        return take(args.out, sizes[0], schemes[0])
    failed = 0
    with tempfile.TemporaryDirectory(prefix="coachdesk-screen-config-") as config:
        for size in sizes:
            for scheme in schemes:
                env = {**os.environ, "QT_QPA_PLATFORM": offscreen_platform(size, Path(config))}
                failed |= subprocess.call(
                    [sys.executable, "-m", "coachdesk.ui.screenshots", "--this-process",
                     "--out", str(args.out), "--size", size, "--scheme", scheme],
                    env=env,
                )  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
