"""Automatic backups from the app: on a schedule and on quit, with rotation.

Backups go to the folder chosen in Settings, protected by the vault passphrase (the
controller holds it only while the vault is unlocked; see docs/security.md). The work
runs in a :class:`~coachdesk.ui.workers.Job` with a progress bar and a Cancel button in
the status bar; locking cancels a running backup and waits for it, so the vault is
never closed under it. The status bar says when the last backup was made, and warns
when that is more than a week ago.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from coachdesk.core.errors import CoachDeskError, InvalidInput
from coachdesk.ui import settings as keys
from coachdesk.ui.controller import VaultController
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.workers import Job
from coachdesk.vault.files import secure_mkdir
from coachdesk.vault.keys import KdfParams, calibrate_kdf
from coachdesk.vault.outputs import check_output_folder

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 10 * 60_000
STALE_AFTER = timedelta(days=7)


def describe_age(last: datetime | None, now: datetime) -> tuple[str, bool]:
    """("Last backup: 2 days ago", stale?) for the status bar."""
    if last is None:
        return "No backup yet", True
    age = now - last
    if age < timedelta(minutes=2):
        words = "just now"
    elif age < timedelta(hours=1):
        words = f"{int(age.total_seconds() // 60)} minutes ago"
    elif age < timedelta(days=1):
        hours = int(age.total_seconds() // 3600)
        words = f"{hours} hour{'s' if hours != 1 else ''} ago"
    else:
        days = age.days
        words = f"{days} day{'s' if days != 1 else ''} ago"
    return f"Last backup: {words}", age > STALE_AFTER


class BackupScheduler(QObject):
    """Decides when to back up, runs it in the background, shows it in the status bar."""

    finished = Signal(bool, str)  # ok, message

    def __init__(
        self,
        controller: VaultController,
        settings: AppSettings,
        status_bar: QStatusBar,
        kdf: KdfParams | None = None,
    ) -> None:
        super().__init__(status_bar)
        self.controller = controller
        self.settings = settings
        self._kdf = kdf
        self.job: Job | None = None
        self.label = QLabel(status_bar)
        self.label.setObjectName("backupState")
        self.progress = QProgressBar(status_bar)
        self.progress.setObjectName("backupProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", status_bar)
        self.cancel_button.setObjectName("cancelBackupButton")
        self.cancel_button.setFlat(True)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        status_bar.addPermanentWidget(self.progress)
        status_bar.addPermanentWidget(self.cancel_button)
        status_bar.addPermanentWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.run_if_due)
        controller.unlocked.connect(self._on_unlocked)
        controller.about_to_lock.connect(self._on_locking)
        # Soon, not now: the backup code (and a look at the folder) need not delay the
        # first screen (issue 17). Until then the label says nothing.
        self._mark("")
        QTimer.singleShot(0, self, self.refresh_label)

    # -- state -----------------------------------------------------------------------

    @property
    def folder(self) -> Path | None:
        text = self.settings.get_str(keys.BACKUP_FOLDER).strip()
        return Path(text) if text else None

    @property
    def interval(self) -> timedelta:
        return timedelta(hours=max(1, self.settings.get_int(keys.BACKUP_INTERVAL_HOURS)))

    @property
    def running(self) -> bool:
        return self.job is not None

    def last_backup(self) -> datetime | None:
        """This vault's newest backup in the folder (another vault's, sharing the
        folder, do not count: see rotation.vault_tag)."""
        folder = self.folder
        if folder is None or not folder.is_dir() or not self.controller.vault_exists:
            return None
        from coachdesk.backup.rotation import last_backup_time, vault_id_of

        try:
            return last_backup_time(folder, vault_id_of(self.controller.vault_dir))
        except (OSError, CoachDeskError):
            return None

    def refresh_label(self) -> None:
        if not self.controller.vault_exists:  # the welcome page: nothing to back up yet
            self.label.clear()
            self._mark("")
            return
        if self.folder is None:
            self.label.setText("Backups off: choose a folder in Settings")
            self._mark("true")
            return
        text, stale = describe_age(self.last_backup(), datetime.now(UTC))
        self.label.setText(text)
        self._mark("stale" if stale else "")

    def _mark(self, problem: str) -> None:
        """Colour the label through the app stylesheet (readable in light and dark)."""
        self.label.setProperty("problem", problem)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)

    def is_due(self) -> bool:
        from coachdesk.backup.rotation import backup_due

        return self.folder is not None and backup_due(
            self.last_backup(), datetime.now(UTC), self.interval
        )

    # -- running ---------------------------------------------------------------------

    def run_if_due(self) -> Job | None:
        return self.run() if self.is_due() else None

    def run(self) -> Job | None:
        """Start a backup now (if unlocked, a folder is set and none is running)."""
        folder, secret = self.folder, self.controller.backup_secret
        if self.job is not None or folder is None or secret is None:
            return None
        if not self.controller.is_unlocked:
            return None
        try:
            secure_mkdir(check_output_folder(folder))
        except InvalidInput as exc:
            self._done(False, f"Backup folder not used: {exc}")
            return None
        except OSError as exc:
            self._done(False, f"Backup folder not available: {exc.strerror}")
            return None
        vault = self.controller.vault
        if self._kdf is None:
            self._kdf = calibrate_kdf()  # once per run of the app, not per backup
        kdf = self._kdf

        from coachdesk.backup.rotation import write_scheduled_backup

        def work(progress: object, cancelled: object) -> object:
            return write_scheduled_backup(
                vault,
                folder,
                secret,
                kdf=kdf,
                progress=progress,  # type: ignore[arg-type]
                cancel=cancelled,  # type: ignore[arg-type]
            )

        job = Job(work)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(lambda _result: self._done(True, "Backup done"))
        job.signals.failed.connect(lambda message: self._done(False, message))
        job.signals.cancelled.connect(lambda: self._done(False, "Backup cancelled"))
        self.job = job
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.label.setText("Backing up…")
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def wait(self, timeout_s: float = 120.0) -> bool:
        """Block until the running backup (if any) has finished; True when none runs."""
        job = self.job
        if job is None:
            return True
        return job.done.wait(timeout_s)

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))

    def _done(self, ok: bool, message: str) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.refresh_label()
        if not ok:
            self.label.setText(message)
            self._mark("true")
        log.info("backup finished: %s", "ok" if ok else "failed")
        self.finished.emit(ok, message)

    def _on_unlocked(self) -> None:
        self.refresh_label()
        self._timer.start()
        QTimer.singleShot(5_000, self.run_if_due)

    def _on_locking(self) -> None:
        self._timer.stop()
        job = self.job
        if job is not None:
            job.cancel()
            self.wait()
            job.signals.blockSignals(True)  # its queued outcome is answered here
            self._done(False, "Backup stopped: the vault was locked")
