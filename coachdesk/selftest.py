"""``coachdesk --self-test``: does this installation of CoachDesk work on this machine?

It runs the app's critical paths end to end in a throwaway folder: the encrypted vault
(SQLCipher), a record written and read back, full-text search, a PDF report with its
fonts embedded, a backup verified byte for byte, and the main window built on Qt's
offscreen platform (window icon, unlock, About box, PDF preview). One line is printed per
check. Its first audience is the packaged app: a frozen build that lacks a font, a Qt
plugin, SQLCipher or its own version metadata fails here, naming the step, rather than on
a coach's laptop.

Exit 0 when every check passed; 1 at the first failure (later checks build on earlier
ones). Nothing outside the temporary folder is touched: not the coach's vault, not the
app's settings, not the network. The data is synthetic, so messages may quote it.
"""

from __future__ import annotations

import io
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import sqlcipher3

from coachdesk import __version__
from coachdesk.core.model import Client, Session

PASSPHRASE = "self-test passphrase, not a secret"  # noqa: S105 - throwaway vault
CLIENT_NAME = "Self-Test Ирина Čapková"  # non-Latin text: the PDF fonts must cover it
MARKER = "selftestmarker"  # a word only the self-test's session contains

EXIT_OK = 0
EXIT_FAILED = 1


class SelfTestFailure(Exception):
    """A check ran but found something wrong (as opposed to crashing)."""


@dataclass
class _Run:
    """What the checks share: the temporary folder and what earlier checks made."""

    folder: Path
    client_id: int = 0
    pdf_path: Path | None = None

    @property
    def vault_dir(self) -> Path:
        return self.folder / "vault"


# -- the checks ------------------------------------------------------------------------


def check_version(run: _Run) -> str:
    if "unknown" in __version__:
        raise SelfTestFailure(
            "the package metadata is missing, so the version is unknown "
            "(a frozen build needs copy_metadata('coachdesk'))"
        )
    where = "frozen" if getattr(sys, "frozen", False) else "from source"
    return f"CoachDesk {__version__} ({where}; Python {platform.python_version()}, {sys.platform})"


def check_sqlcipher(run: _Run) -> str:
    conn = sqlcipher3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
        options = {str(r[0]) for r in conn.execute("PRAGMA compile_options")}
    finally:
        conn.close()
    if not row or not row[0]:
        raise SelfTestFailure("sqlcipher3 is plain SQLite here: PRAGMA cipher_version is empty")
    if "ENABLE_FTS5" not in options:
        raise SelfTestFailure("this SQLCipher was built without FTS5 (search needs it)")
    return f"SQLCipher {row[0]}, FTS5 available"


def check_vault(run: _Run) -> str:
    from coachdesk.vault.keys import TEST_KDF
    from coachdesk.vault.search import search
    from coachdesk.vault.store import Store
    from coachdesk.vault.vault import Vault

    vault, _code = Vault.create(run.vault_dir, PASSPHRASE, kdf=TEST_KDF)
    with vault:
        store = Store(vault.connection)
        run.client_id = store.clients.save(Client(name=CLIENT_NAME, organisation="Self-test"))
        store.sessions.save(
            Session(
                client_id=run.client_id,
                started_at=datetime(2026, 1, 15, 10, 0),  # local time, as the app stores it
                shared_summary=f"The {MARKER} session: a record written and read back.",
            )
        )
    # Locked and opened again: the records come back from the encrypted file itself.
    with Vault.unlock(run.vault_dir, PASSPHRASE) as vault:
        store = Store(vault.connection)
        client = store.clients.get(run.client_id)
        if client.name != CLIENT_NAME:
            raise SelfTestFailure(f"the client came back as {client.name!r}")
        sessions = store.sessions.for_client(run.client_id)
        if len(sessions) != 1 or MARKER not in sessions[0].shared_summary:
            raise SelfTestFailure("the session did not come back as written")
        hits = search(store.conn, MARKER)
        if not any(hit.client_id == run.client_id for hit in hits):
            raise SelfTestFailure("full-text search did not find the session")
        problems = vault.check()
        if problems:
            raise SelfTestFailure(f"integrity check: {problems[0]}")
    return "created, record written, locked, unlocked and read back; search and integrity ok"


def check_report(run: _Run) -> str:
    from coachdesk.reports import ReportKind, render_report
    from coachdesk.vault.store import Store
    from coachdesk.vault.vault import Vault

    with Vault.unlock(run.vault_dir, PASSPHRASE) as vault:
        engagement = Store(vault.connection).load_engagement(run.client_id)
    pdf = render_report(ReportKind.CLIENT_EXPORT, engagement, today=date.today())
    if not pdf.startswith(b"%PDF-"):
        raise SelfTestFailure("the report does not start with %PDF-")
    pages, fonts = pdf_fonts(pdf)
    missing = sorted(name for name, embedded in fonts.items() if not embedded)
    if missing:
        raise SelfTestFailure(f"fonts not embedded: {', '.join(missing)}")
    if not any("DejaVu" in name for name in fonts):
        raise SelfTestFailure(f"the DejaVu fonts are not used: {', '.join(sorted(fonts))}")
    run.pdf_path = run.folder / "self-test-report.pdf"
    run.pdf_path.write_bytes(pdf)
    families = sorted({name.split("+")[-1] for name in fonts})
    return f"client export, {pages} page(s), {len(pdf):,} bytes, fonts embedded: " + ", ".join(
        families
    )


def pdf_fonts(pdf: bytes) -> tuple[int, dict[str, bool]]:
    """The page count, and every font the pages use with whether its file is embedded."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in _fonts_in(page.get("/Resources"), set()):
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont", "?")).lstrip("/")] = embedded
    return len(reader.pages), fonts


def _fonts_in(resources: Any, seen: set[int]) -> Iterator[Any]:
    """Font dictionaries of a resource dictionary, following form XObjects (charts)."""
    if resources is None:
        return
    resources = resources.get_object()
    if id(resources) in seen:
        return
    seen.add(id(resources))
    for ref in (resources.get("/Font") or {}).values():
        yield ref.get_object()
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _fonts_in(xobject.get("/Resources"), seen)


def check_backup(run: _Run) -> str:
    from coachdesk.backup import BACKUP_SUFFIX, create_backup, verify_backup
    from coachdesk.vault.keys import TEST_KDF
    from coachdesk.vault.vault import Vault

    target = run.folder / f"self-test{BACKUP_SUFFIX}"
    with Vault.unlock(run.vault_dir, PASSPHRASE) as vault:
        create_backup(vault, target, PASSPHRASE, kdf=TEST_KDF)
    info = verify_backup(target, PASSPHRASE, work_dir=run.folder)
    if info.app_version != __version__:
        raise SelfTestFailure(f"the backup says it was made by {info.app_version}")
    return f"created and verified ({info.file_size:,} bytes, {info.chunk_count} chunk(s))"


def check_gui(run: _Run) -> str:
    # The self-test is an entry point like app.py: the one place outside ui/ that starts Qt.
    from PySide6.QtCore import (  # noqa: TID251
        QCoreApplication,
        QMessageLogContext,
        QTimer,
        QtMsgType,
        qInstallMessageHandler,
        qVersion,
    )
    from PySide6.QtPdf import QPdfDocument  # noqa: TID251
    from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: TID251

    from coachdesk.app import build_main_window
    from coachdesk.ui.settings import AppSettings

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Qt aborts the process when it cannot load the platform plugin; look first, so a
        # missing plugin is a failed check with a reason rather than a crash.
        if "offscreen" not in _platform_plugins(QCoreApplication.libraryPaths()):
            raise SelfTestFailure(
                "Qt's offscreen platform plugin is missing from "
                + ", ".join(QCoreApplication.libraryPaths())
            )
        app = QApplication(["coachdesk", "-platform", "offscreen"])
    platforms = ", ".join(_platform_plugins(QCoreApplication.libraryPaths()))

    def quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        # The offscreen platform warns about window hints it ignores; say the rest.
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    previous_handler = qInstallMessageHandler(quiet)
    try:
        window = build_main_window(run.vault_dir, AppSettings(run.folder / "settings.ini"))
    except BaseException:
        qInstallMessageHandler(previous_handler)
        raise

    def unlocked() -> bool:
        return window.controller.is_unlocked

    def about_box_text() -> str:
        """Open the About box as a user would, read it and close it (it is modal)."""
        seen: list[str] = []

        def close_boxes() -> None:
            for widget in app.topLevelWidgets():
                if isinstance(widget, QMessageBox) and widget.isVisible():
                    seen.append(widget.text())
                    widget.done(0)

        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(close_boxes)
        timer.start()
        try:
            window.about_action.trigger()
        finally:
            timer.stop()
        return seen[0] if seen else ""

    try:
        window.show()
        app.processEvents()
        icon = window.windowIcon()
        if icon.isNull() or icon.pixmap(64, 64).isNull():
            raise SelfTestFailure(
                "the window icon (coachdesk.resources/icons/coachdesk.svg) did not load: "
                "the icon or Qt's SVG icon engine is missing"
            )
        window.controller.unlock(PASSPHRASE)
        app.processEvents()
        if not unlocked():
            raise SelfTestFailure("the main window did not unlock the vault")

        about = about_box_text()
        if f"CoachDesk {__version__}" not in about:
            raise SelfTestFailure(f"the About box does not show the version: {about!r}")

        document = QPdfDocument()
        if run.pdf_path is not None:
            document.load(str(run.pdf_path))
            if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
                raise SelfTestFailure("QtPdf could not open the report for the preview")
    finally:
        window.close()  # saves the window state (to the temp settings file) and locks
        app.processEvents()
        qInstallMessageHandler(previous_handler)
    if unlocked():
        raise SelfTestFailure("closing the main window did not lock the vault")
    return (
        f"Qt {qVersion()} on '{app.platformName()}' (platforms here: {platforms}): main "
        f"window, SVG icon, unlock, About shows {__version__}, PDF preview "
        f"{document.pageCount()} page(s), lock on close"
    )


def _platform_plugins(library_paths: list[str]) -> list[str]:
    """Names of the Qt platform plugins on the plugin path (offscreen, xcb, wayland …)."""
    names: set[str] = set()
    for folder in library_paths:
        platforms = Path(folder) / "platforms"
        if platforms.is_dir():
            for plugin in platforms.iterdir():
                stem = plugin.name.split(".")[0]
                names.add(stem.removeprefix("lib").removeprefix("q"))
    return sorted(names)


CHECKS: list[tuple[str, Callable[[_Run], str]]] = [
    ("version", check_version),
    ("sqlcipher", check_sqlcipher),
    ("vault", check_vault),
    ("report", check_report),
    ("backup", check_backup),
    ("gui", check_gui),
]


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check, print one line each; 0 if all passed, 1 at the first failure."""
    stream = out if out is not None else sys.stdout

    def say(line: str) -> None:
        if stream is not None:  # a Windows GUI-subsystem program has no stdout
            print(line, file=stream, flush=True)

    started = time.monotonic()
    width = max(len(name) for name, _ in CHECKS)
    with tempfile.TemporaryDirectory(
        prefix="coachdesk-selftest-", ignore_cleanup_errors=True
    ) as folder:
        run = _Run(Path(folder))
        for name, check in CHECKS:
            try:
                detail = check(run)
            except Exception as exc:
                reason = str(exc) or "no details"
                say(f"FAIL  {name:<{width}}  {type(exc).__name__}: {reason}")
                say(f"self-test FAILED at step '{name}'")
                return EXIT_FAILED
            say(f"ok    {name:<{width}}  {detail}")
    say(f"self-test passed: {len(CHECKS)} checks in {time.monotonic() - started:.1f} s")
    return EXIT_OK
