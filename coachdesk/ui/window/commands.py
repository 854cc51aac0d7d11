"""The main window's commands behind the File, Reports and Help menus: backups, the
calendar export, worksheets, reports, the recovery kit, settings, the passphrase and the
keys.

A mixin of :class:`~coachdesk.ui.main_window.MainWindow`: each command works on the
window's vault, settings and status bar, and its tests call them on the window.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QMimeData, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
)

from coachdesk.core.errors import CoachDeskError
from coachdesk.reports import ReportKind
from coachdesk.reports.kinds import TITLES
from coachdesk.ui import settings as keys
from coachdesk.ui.backups import BackupScheduler
from coachdesk.ui.clipboard import ClipboardGuard
from coachdesk.ui.controller import VaultController
from coachdesk.ui.dialogs.settings import SettingsDialog
from coachdesk.ui.dialogs.vault_dialogs import (
    ChangePassphraseDialog,
    RecoveryCodeDialog,
    RevokeKeysDialog,
)
from coachdesk.ui.files import choose_save_file
from coachdesk.ui.idle import IdleWatcher
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.search import RecordKind

if TYPE_CHECKING:
    from coachdesk.ui.reports import ReportRunner

CALENDAR_FILE_NAME = "coachdesk-sessions.ics"
"""Suggested name of a calendar export: never a client's name."""
QUIT_BACKUP_FRESH = timedelta(hours=1)


class WindowCommands(QMainWindow):
    """The File, Reports and Help menus' commands, run on the window."""

    controller: VaultController
    settings: AppSettings
    backups: BackupScheduler
    idle: IdleWatcher
    clipboard_guard: ClipboardGuard

    if TYPE_CHECKING:
        # Defined on the window and its other parts.
        @property
        def reports(self) -> ReportRunner: ...
        def _flush_all(self) -> bool: ...
        def current_client_id(self) -> int | None: ...
        def tab_for(self, kind: RecordKind) -> WorkspaceTab | None: ...

    def _back_up_before_quitting(self) -> None:
        """The backup "on quit": unless one was made in the last hour."""
        if not self.controller.is_unlocked or self.backups.folder is None:
            return
        if self.backups.running:
            self.backups.wait()
            return
        last = self.backups.last_backup()
        if last is not None and datetime.now(UTC) - last < QUIT_BACKUP_FRESH:
            return
        job = self.backups.run()
        if job is not None:
            label = "Backing up before quitting…"
            dialog = QProgressDialog(label, "Skip", 0, 0, self)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.canceled.connect(job.cancel)
            loop = QEventLoop(self)
            self.backups.finished.connect(loop.quit)
            if not job.done.is_set():
                loop.exec()
            self.backups.finished.disconnect(loop.quit)
            dialog.close()
            dialog.deleteLater()

    def back_up_now(self) -> None:
        if self.backups.folder is None:
            QMessageBox.information(
                self, "Back up now", "Choose a backup folder in Settings first."
            )
            self.open_settings()
            return
        self._flush_all()
        self.backups.run()

    def export_calendar(self) -> None:
        """Planned sessions of the open client (or of everyone) to an .ics file, saying
        only "Coaching session" unless the coach chose otherwise in Settings."""
        from coachdesk.vault.calendar import EventText, write_calendar  # zoneinfo: on use

        if not self.controller.is_unlocked:
            return
        self._flush_all()
        client_id = self.current_client_id()
        title = (
            "Export this client's planned sessions"
            if client_id is not None
            else "Export all planned sessions"
        )
        target = choose_save_file(self, title, CALENDAR_FILE_NAME, "Calendar files (*.ics)")
        if target is None:
            return
        if target.suffix.lower() != ".ics":
            target = target.with_name(target.name + ".ics")
        try:
            text_choice = EventText(self.settings.get_str(keys.CALENDAR_EVENT_TEXT))
        except ValueError:
            text_choice = EventText.GENERIC
        store = self.controller.store
        try:
            count = write_calendar(
                store.conn,
                target,
                today=store.today(),
                client_id=client_id,
                text=text_choice,
                vault_dir=self.controller.vault_dir,
            )
        except CoachDeskError as exc:
            QMessageBox.warning(self, "Calendar not written", str(exc))
            return
        except OSError as exc:
            QMessageBox.warning(
                self, "Calendar not written", f"{exc.strerror or exc}: nothing was written."
            )
            return
        self.statusBar().showMessage(
            f"{count} session(s) written to {target.name}. Import it again after changes: "
            "the same events are updated.",
            8000,
        )

    # -- reports -----------------------------------------------------------------------

    def request_report(self, kind: ReportKind, session_id: int | None = None) -> None:
        client_id = self.current_client_id()
        if client_id is None or not self.controller.is_unlocked:
            QMessageBox.information(self, TITLES[kind], "Select a client first.")
            return
        self._flush_all()
        include_private = False
        if kind == ReportKind.CLIENT_EXPORT:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                TITLES[kind],
                "Include your private session notes? They are marked confidential in the export.",
                QMessageBox.StandardButton.Cancel,
                self,
            )
            without = box.addButton("Export without private notes", QMessageBox.ButtonRole.NoRole)
            with_private = box.addButton("Include private notes", QMessageBox.ButtonRole.YesRole)
            box.setDefaultButton(without)
            self._run(box)
            if box.clickedButton() not in (without, with_private):
                return
            include_private = box.clickedButton() is with_private
        if kind == ReportKind.SESSION and session_id is None:
            session_id = self._selected_session_id()
            if session_id is None and not self.controller.store.sessions.for_client(client_id):
                QMessageBox.information(self, TITLES[kind], "This client has no sessions yet.")
                return
        try:
            self.reports.generate(kind, client_id, session_id, include_private)
        except CoachDeskError as exc:
            QMessageBox.warning(self, TITLES[kind], str(exc))

    def _selected_session_id(self) -> int | None:
        """The session selected in the tab that holds sessions (for its summary)."""
        tab = self.tab_for(RecordKind.SESSION)
        return None if tab is None else tab.selected_record(RecordKind.SESSION)

    # -- recovery kit ---------------------------------------------------------------------

    def recovery_kit(self) -> None:
        """Print a new kit: the coach types the code, which is checked against the vault."""
        code, ok = QInputDialog.getText(
            self,
            "Recovery kit",
            "Type your recovery code (it is checked before the kit is made):",
            QLineEdit.EchoMode.Normal,
        )
        if ok and code.strip():
            self._kit_for(code)

    def _kit_for(self, code: str) -> None:
        try:
            self.reports.generate_recovery_kit(code)
        except CoachDeskError as exc:
            QMessageBox.warning(self, "Recovery kit", str(exc)[:1].upper() + str(exc)[1:])

    # -- worksheets (the flow is in ui/dialogs/worksheet.py) ------------------------------

    def import_worksheet(self, path: Path | None = None) -> None:
        from coachdesk.ui.dialogs.worksheet import choose_worksheet, import_worksheet

        if not self.controller.is_unlocked:
            return
        self._flush_all()
        path = path or choose_worksheet(self)
        if path is not None and (client_id := import_worksheet(self, self.controller, path)):
            self.controller.notify_changed(client_id)
            self.statusBar().showMessage("Worksheet imported.", 5000)

    def new_worksheet(self) -> None:
        from coachdesk.ui.dialogs.worksheet import new_worksheet

        client_id = self.current_client_id()
        if client_id is None or not self.controller.is_unlocked:
            QMessageBox.information(self, "New worksheet", "Select a client first.")
            return
        if new_worksheet(self, self.controller, client_id) is not None:
            self.statusBar().showMessage("Worksheet saved.", 5000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.controller.is_unlocked and _dropped_pdf(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_pdf(event.mimeData())
        if path is not None and self.controller.is_unlocked:
            event.acceptProposedAction()
            QTimer.singleShot(0, functools.partial(self.import_worksheet, path))

    # -- dialogs ------------------------------------------------------------------------

    def _run(self, dialog: QDialog) -> int:
        """Show a modal dialog; afterwards it is destroyed (no client text lingers in a
        hidden dialog) and the main window gets the keyboard back."""
        try:
            return int(dialog.exec())
        finally:
            dialog.deleteLater()
            self.activateWindow()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if self._run(dialog) == QDialog.DialogCode.Accepted:
            self.idle.set_minutes(self.settings.get_int(keys.AUTOLOCK_MINUTES))
            self.clipboard_guard.set_seconds(self.settings.get_int(keys.CLIPBOARD_CLEAR_SECONDS))
            self.backups.refresh_label()

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.controller.change_passphrase, self)
        if self._run(dialog) == QDialog.DialogCode.Accepted:
            # A passphrase change re-seals one slot; the master key stays, so backups and
            # old copies of vault.key still open with the old passphrase (docs/security.md).
            self.statusBar().showMessage(
                "Passphrase changed. Old backups still open with the old one; if it was "
                "exposed, use File > I think my passphrase or a backup was exposed.",
                10000,
            )

    def revoke_keys(self) -> None:
        """New keys and a new recovery code after an exposure; the code is shown once."""
        dialog = RevokeKeysDialog(self.controller.rotate_keys, self)
        if self._run(dialog) != QDialog.DialogCode.Accepted:
            return
        code, dialog.recovery_code = dialog.recovery_code, ""
        self._run(RecoveryCodeDialog(code, lambda _parent: self._kit_for(code), self))
        self.statusBar().showMessage(
            "Keys replaced: old backups and old copies of the vault header no longer open "
            "this vault; the old recovery code no longer works.",
            10000,
        )

    def about(self) -> None:
        from coachdesk import __version__  # importlib.metadata: read when shown

        QMessageBox.about(
            self,
            "About CoachDesk",
            f"<b>CoachDesk {__version__}</b><p>An encrypted, offline workspace for coaches.</p>",
        )


def _dropped_pdf(mime: QMimeData) -> Path | None:
    """The one local PDF file being dropped, if that is what it is."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() == ".pdf" else None
