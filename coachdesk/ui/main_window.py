"""The main window: client list on the left, the client's workspace on the right,
and the welcome and lock screens in the same window while the vault is closed."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QItemSelection, QMimeData, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk import __version__
from coachdesk.backup import restore_backup
from coachdesk.core.errors import CoachDeskError, WrongPassphrase
from coachdesk.core.model import ClientStatus
from coachdesk.reports import ReportKind
from coachdesk.ui import settings as keys
from coachdesk.ui import text
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.backups import BackupScheduler
from coachdesk.ui.clipboard import ClipboardGuard
from coachdesk.ui.controller import VaultController
from coachdesk.ui.dialogs.client import NewClientDialog
from coachdesk.ui.dialogs.settings import SettingsDialog
from coachdesk.ui.dialogs.vault_dialogs import (
    ChangePassphraseDialog,
    RecoverDialog,
    RecoveryCodeDialog,
    RevokeKeysDialog,
)
from coachdesk.ui.files import choose_open_file
from coachdesk.ui.idle import IdleWatcher
from coachdesk.ui.models.clients import CLIENT_ID_ROLE, ClientFilterModel, ClientListModel
from coachdesk.ui.pages import UnlockPage, WelcomePage
from coachdesk.ui.reports import TITLES, ReportRunner
from coachdesk.ui.search import SearchDialog
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.workers import Cancelled, Job, Progress
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.search import RecordKind, SearchHit

log = logging.getLogger(__name__)

WELCOME, UNLOCK, WORKSPACE = range(3)
PREPARE_TABS_AFTER_MS = 100
"""How long after the window first appears its workspace tabs are built (see tab_pages)."""
QUIT_BACKUP_FRESH = timedelta(hours=1)

_STATUS_FILTERS: list[tuple[str, set[ClientStatus]]] = [
    ("Current clients", {ClientStatus.ACTIVE, ClientStatus.PROSPECT, ClientStatus.PAUSED}),
    ("Active", {ClientStatus.ACTIVE}),
    ("Prospects", {ClientStatus.PROSPECT}),
    ("Paused", {ClientStatus.PAUSED}),
    ("Closed (archive)", {ClientStatus.CLOSED}),
    ("All clients", set(ClientStatus)),
]


def default_tab_classes() -> list[type[WorkspaceTab]]:
    from coachdesk.ui.workspace.attachments import AttachmentsTab
    from coachdesk.ui.workspace.contract import ContractTab
    from coachdesk.ui.workspace.emotions import EmotionsTab
    from coachdesk.ui.workspace.feedback import FeedbackTab
    from coachdesk.ui.workspace.overview import OverviewTab
    from coachdesk.ui.workspace.profile import ProfileTab
    from coachdesk.ui.workspace.sessions import SessionsTab

    return [
        OverviewTab, ProfileTab, ContractTab, SessionsTab, EmotionsTab, FeedbackTab,
        AttachmentsTab,
    ]  # fmt: skip


class MainWindow(QMainWindow):
    def __init__(
        self,
        controller: VaultController,
        settings: AppSettings,
        tab_classes: Sequence[type[WorkspaceTab]] | None = None,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.settings = settings
        self.setWindowTitle("CoachDesk")
        self.setAcceptDrops(True)  # a filled-in worksheet dropped on the window is imported
        self._where: tuple[int | None, int] = (None, 0)  # client and tab, kept across a lock
        self._stale: set[int] = set()

        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(str(controller.vault_dir), self)
        self.unlock_page = UnlockPage(self)
        self.workspace = QWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.unlock_page)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)

        self._build_workspace(list(tab_classes) if tab_classes is not None else None)
        from coachdesk.ui.workspace.attachments import install_client_list_drop

        self.client_drop = install_client_list_drop(self.client_list, controller)
        self._build_actions()
        self._build_status_bar()

        self.reports = ReportRunner(controller, settings, self)
        self.reports.contract_changed = self._contract_changed_elsewhere
        self.idle = IdleWatcher(settings.get_int(keys.AUTOLOCK_MINUTES), self)
        self.idle.idle.connect(self._idle_lock)
        self.clipboard_guard = ClipboardGuard(
            self, settings.get_int(keys.CLIPBOARD_CLEAR_SECONDS), self
        )

        self.welcome.create_requested.connect(self._create_vault)
        self.welcome.restore_requested.connect(self._restore_requested)
        self.unlock_page.unlock_requested.connect(self._unlock)
        self.unlock_page.forgot_requested.connect(self._forgot)
        controller.unlocked.connect(self._on_unlocked)
        controller.about_to_lock.connect(self._flush_all)
        controller.locked.connect(self._on_locked)
        controller.data_changed.connect(self._on_data_changed)

        self._restore_window_state()
        self._show_closed_page()

    # -- building ------------------------------------------------------------------

    def _build_workspace(self, tab_classes: list[type[WorkspaceTab]] | None) -> None:
        self.client_filter = QLineEdit(self)
        self.client_filter.setObjectName("clientFilter")
        self.client_filter.setPlaceholderText("Filter clients")
        self.client_filter.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        for label, _statuses in _STATUS_FILTERS:
            self.status_filter.addItem(label)
        self.clients = ClientListModel(self)
        self.filtered = ClientFilterModel(self)
        self.filtered.setSourceModel(self.clients)
        self.client_list = QListView(self)
        self.client_list.setObjectName("clientList")
        self.client_list.setModel(self.filtered)
        self.client_list.setUniformItemSizes(True)
        self.client_list.selectionModel().selectionChanged.connect(self._client_selected)
        self.client_filter.textChanged.connect(self.filtered.set_text)
        self.status_filter.currentIndexChanged.connect(
            lambda i: self.filtered.set_statuses(_STATUS_FILTERS[i][1])
        )

        buttons = QHBoxLayout()
        self.new_client_button = self._tool_button("New client", QStyle.StandardPixmap.SP_FileIcon)
        self.new_client_button.setObjectName("newClientButton")
        self.archive_button = self._tool_button(
            "Archive", QStyle.StandardPixmap.SP_DialogSaveButton
        )
        self.archive_button.setObjectName("archiveClientButton")
        self.delete_button = self._tool_button("Delete", QStyle.StandardPixmap.SP_TrashIcon)
        self.delete_button.setObjectName("deleteClientButton")
        for button in (self.new_client_button, self.archive_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.new_client_button.clicked.connect(self.new_client)
        self.archive_button.clicked.connect(self.archive_client)
        self.delete_button.clicked.connect(self.delete_client)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.client_filter)
        left_layout.addWidget(self.status_filter)
        left_layout.addWidget(self.client_list, 1)
        left_layout.addLayout(buttons)

        self.client_title = QLabel(self)
        self.client_title.setObjectName("clientTitle")
        self.client_subtitle = QLabel(self)
        self.client_subtitle.setObjectName("clientSubtitle")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workspaceTabs")
        self.tabs.setDocumentMode(True)
        # The tabs (most of the window's widgets) are built on first use, not before
        # the unlock screen can appear: see tab_pages.
        self._tab_classes = tab_classes
        self._tab_pages: list[WorkspaceTab] | None = None
        self.tabs.currentChanged.connect(self._tab_changed)
        self.empty_hint = QLabel("Select a client on the left, or add one with Ctrl+N.", self)
        self.empty_hint.setObjectName("hint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 10, 8, 8)
        right_layout.addWidget(self.client_title)
        right_layout.addWidget(self.client_subtitle)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.empty_hint, 1)

        self.splitter = QSplitter(self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 940])
        layout = QVBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._show_client_header(None)

    @property
    def tab_pages(self) -> list[WorkspaceTab]:
        """The workspace tabs, built the first time they are needed (at the latest when
        the vault is unlocked; see showEvent). Building them takes about as long as the
        rest of start-up together, so the lock screen does not wait for them."""
        if self._tab_pages is None:
            classes = self._tab_classes
            if classes is None:
                classes = default_tab_classes()
            self._tab_pages = []
            self.tabs.blockSignals(True)  # no tab is "shown" while they are being added
            try:
                for cls in classes:
                    tab = cls(self.controller, self)
                    tab.save_state_changed.connect(self._update_save_state)
                    tab.report_requested.connect(self.request_report)
                    self._tab_pages.append(tab)
                    self.tabs.addTab(tab, cls.title)
            finally:
                self.tabs.blockSignals(False)
        return self._tab_pages

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._tab_pages is None:
            # Once the first screen is up, build the tabs while the coach types the
            # passphrase (a timer, so the first paint is not held up).
            QTimer.singleShot(PREPARE_TABS_AFTER_MS, self._prepare_tabs)

    def _prepare_tabs(self) -> None:
        self.tab_pages  # noqa: B018 - building them is the point

    def _tool_button(self, label: str, icon: QStyle.StandardPixmap) -> QToolButton:
        button = QToolButton(self)
        button.setText(label)
        button.setIcon(self.style().standardIcon(icon))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return button

    def _action(
        self,
        label: str,
        shortcuts: Sequence[QKeySequence.StandardKey | str],
        slot: Callable[[], object],
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(label, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_client_action = self._action(
            "&New client…", [QKeySequence.StandardKey.New], self.new_client,
            QStyle.StandardPixmap.SP_FileIcon,
        )  # fmt: skip
        self.search_action = self._action(
            "&Search…", ["Ctrl+K", QKeySequence.StandardKey.Find], self.open_search,
            QStyle.StandardPixmap.SP_FileDialogContentsView,
        )  # fmt: skip
        self.lock_action = self._action(
            "&Lock", ["Ctrl+L"], self.lock, QStyle.StandardPixmap.SP_DialogCloseButton
        )
        self.settings_action = self._action("Se&ttings…", ["Ctrl+,"], self.open_settings)
        self.backup_action = self._action("&Back up now", ["Ctrl+Shift+B"], self.back_up_now)
        self.passphrase_action = self._action("Change &passphrase…", [], self.change_passphrase)
        self.revoke_action = self._action(
            "I think my passphrase or a backup was exposed…", [], self.revoke_keys
        )
        self.quit_action = self._action("&Quit", [QKeySequence.StandardKey.Quit], self.close)
        self.about_action = self._action("&About CoachDesk", [], self.about)
        self.worksheet_action = self._action("&Import worksheet…", [], self.import_worksheet)
        self.new_worksheet_action = self._action("New &worksheet…", [], self.new_worksheet)
        self.vault_actions = [
            self.new_client_action, self.search_action, self.lock_action,
            self.passphrase_action, self.revoke_action, self.backup_action,
            self.worksheet_action, self.new_worksheet_action,
        ]  # fmt: skip
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.new_client_action)
        file_menu.addAction(self.new_worksheet_action)
        file_menu.addAction(self.worksheet_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.passphrase_action)
        file_menu.addAction(self.revoke_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = menu.addMenu("&Edit")
        self.edit_menu.addAction(self.search_action)
        self.reports_menu = menu.addMenu("&Reports")
        self.report_actions: dict[ReportKind, QAction] = {}
        for kind, shortcut in (
            (ReportKind.SESSION, "Ctrl+Shift+S"),
            (ReportKind.CONTRACT, ""),
            (ReportKind.PROGRESS, "Ctrl+Shift+P"),
            (ReportKind.SPONSOR, ""),
            (ReportKind.CLIENT_EXPORT, ""),
        ):
            action = self._action(
                TITLES[kind] + "…",
                [shortcut] if shortcut else [],
                functools.partial(self.request_report, kind),
            )
            self.reports_menu.addAction(action)
            self.report_actions[kind] = action
        self.reports_menu.addSeparator()
        self.kit_action = self._action("Recovery kit…", [], self.recovery_kit)
        self.reports_menu.addAction(self.kit_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_client_action, self.search_action, self.lock_action):
            toolbar.addAction(action)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        self.statusBar().addWidget(self.save_label, 1)
        self.backups = BackupScheduler(
            self.controller, self.settings, self.statusBar(), kdf=self.controller.kdf
        )

    # -- opening and locking -----------------------------------------------------------

    def _show_closed_page(self) -> None:
        for action in self.vault_actions:
            action.setEnabled(False)
        self.reports_menu.setEnabled(False)
        self.toolbar.setVisible(False)
        if self.controller.vault_exists:
            self.stack.setCurrentIndex(UNLOCK)
            self.unlock_page.reset()
        else:
            self.stack.setCurrentIndex(WELCOME)

    def _create_vault(self, passphrase: str) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            code = self.controller.create(passphrase)
        except CoachDeskError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Could not create the vault", str(exc))
            return
        QApplication.restoreOverrideCursor()
        dialog = RecoveryCodeDialog(code, lambda _parent: self._kit_for(code), self)
        self._run(dialog)

    def _unlock(self, passphrase: str) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.controller.unlock(passphrase)
        except WrongPassphrase:
            self.unlock_page.show_error("That passphrase does not open this vault.")
        except CoachDeskError as exc:
            self.unlock_page.show_error(str(exc)[:1].upper() + str(exc)[1:])
        finally:
            QApplication.restoreOverrideCursor()

    def _forgot(self) -> None:
        self._run(RecoverDialog(self.controller.recover, self))

    def _restore_requested(self) -> None:
        """Welcome page: make this computer's vault from a backup file."""
        source = choose_open_file(self, "Restore from a backup", "CoachDesk backups (*.cdbackup)")
        if source is None:
            return
        secret, ok = QInputDialog.getText(
            self,
            "Restore from a backup",
            "The passphrase the backup was made with:",
            QLineEdit.EchoMode.Password,
        )
        if not ok or not secret:
            return
        target = self.controller.vault_dir

        def work(progress: Progress, cancelled: Cancelled) -> object:
            return restore_backup(source, secret, target, progress=progress, cancel=cancelled)

        if self._run_job_with_progress("Restoring the backup…", Job(work)):
            QMessageBox.information(
                self,
                "Backup restored",
                "The vault was restored and checked. Unlock it with the passphrase that "
                "was in force when the backup was made.",
            )
        self._show_closed_page()

    def _run_job_with_progress(self, label: str, job: Job) -> bool:
        """Run ``job`` with a modal progress dialog and Cancel; True when it succeeded."""
        dialog = QProgressDialog(label, "Cancel", 0, 1000, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        loop = QEventLoop(self)
        outcome: dict[str, object] = {}

        def progress(done: int, total: int) -> None:
            if total > 0:
                dialog.setValue(int(1000 * done / total))

        job.signals.progress.connect(progress)

        def finished(_result: object) -> None:
            outcome["ok"] = True
            loop.quit()

        def failed(message: str) -> None:
            outcome["error"] = message
            loop.quit()

        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        job.signals.cancelled.connect(loop.quit)
        dialog.canceled.connect(job.cancel)
        job.start()
        if not job.done.is_set():
            loop.exec()
        job.done.wait(5)
        dialog.close()
        dialog.deleteLater()
        if "error" in outcome:
            QMessageBox.warning(self, "CoachDesk", str(outcome["error"]))
        return bool(outcome.get("ok"))

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

    def _on_unlocked(self) -> None:
        self.stack.setCurrentIndex(WORKSPACE)
        self.unlock_page.reset()
        for action in self.vault_actions:
            action.setEnabled(True)
        self.reports_menu.setEnabled(True)
        self.toolbar.setVisible(True)
        self.clients.load(self.controller.store)
        client_id, tab = self._where
        self._stale = set(range(len(self.tab_pages)))
        if client_id is not None and self.select_client(client_id):
            self.tabs.setCurrentIndex(tab)
        else:
            self._show_client_header(None)
        self.idle.set_minutes(self.settings.get_int(keys.AUTOLOCK_MINUTES))
        self.idle.start()
        self._update_save_state()

    def lock(self, *, ask: bool = True) -> None:
        """Save everything, close the vault, forget every shown client detail.

        Locking forgets unsaved text, so when a save fails (a full disk) the coach is
        asked first. The idle lock does not ask: notes left on an unattended screen are
        worse than losing the last edits.
        """
        if not self.controller.is_unlocked:
            return
        if ask and not self._may_lose_unsaved("Lock"):
            return
        self._where = (self.current_client_id(), self.tabs.currentIndex())
        self.controller.lock()

    def _idle_lock(self, reason: str) -> None:
        log.info("locking: %s", reason)
        self.lock(ask=False)

    def _flush_all(self) -> bool:
        """Save every tab now; True when nothing is left unsaved."""
        return all([tab.flush() for tab in self.tab_pages])

    def _may_lose_unsaved(self, verb: str) -> bool:
        """Save everything; if some of it cannot be saved, ask whether to go on anyway."""
        if self._flush_all():
            return True
        reasons = [message for tab in self.tab_pages for message in tab.save_messages]
        answer = QMessageBox.warning(
            self,
            "Changes not saved",
            "Some changes could not be saved"
            + (f": {reasons[0]}" if reasons else ".")
            + f"\n\n{verb} anyway and lose them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_locked(self) -> None:
        self.idle.stop()
        self.clipboard_guard.release()
        # Dialogs may show client text (search results, confirmations): close them all.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        for tab in self.tab_pages:
            tab.clear()
        self.client_list.selectionModel().clearSelection()
        self.clients.clear()
        self.client_filter.clear()
        self._show_client_header(None)
        self._show_closed_page()

    # -- clients ---------------------------------------------------------------------

    def current_client_id(self) -> int | None:
        indexes = self.client_list.selectionModel().selectedIndexes()
        if not indexes:
            return None
        value = indexes[0].data(CLIENT_ID_ROLE)
        return int(value) if value is not None else None

    def select_client(self, client_id: int) -> bool:
        # Pending edits first: saving one reloads the client list, and a reload while
        # the selection changes left `index` dangling (scrollTo then crashed the app).
        self._flush_all()
        row = self.clients.row_of(client_id)
        if row < 0:
            return False
        index = self.filtered.mapFromSource(self.clients.index(row, 0))
        if not index.isValid():
            self.status_filter.setCurrentIndex(len(_STATUS_FILTERS) - 1)  # show all
            self.client_filter.clear()
            index = self.filtered.mapFromSource(self.clients.index(row, 0))
        self.client_list.setCurrentIndex(index)
        row = self.clients.row_of(client_id)  # the list may still have been reloaded
        if row >= 0:
            self.client_list.scrollTo(self.filtered.mapFromSource(self.clients.index(row, 0)))
        return True

    def _client_selected(self, _selected: QItemSelection, deselected: QItemSelection) -> None:
        if not deselected.isEmpty():
            self._flush_all()
        client_id = self.current_client_id()
        self._stale = set(range(len(self.tab_pages)))
        if client_id is None:
            for tab in self.tab_pages:
                tab.clear()
            self._show_client_header(None)
            return
        self._show_client_header(client_id)
        self._load_current_tab()

    def _tab_changed(self, _index: int) -> None:
        self._load_current_tab()

    def _contract_changed_elsewhere(self, client_id: int) -> None:
        """The contract was saved outside its tab (the sponsor confirmation): every tab,
        the shown one too, reloads it rather than autosave an older copy over it."""
        self.controller.notify_changed(client_id)
        if client_id == self.current_client_id():
            self._stale.add(self.tabs.currentIndex())
            self._load_current_tab()

    def _load_current_tab(self) -> None:
        index = self.tabs.currentIndex()
        client_id = self.current_client_id()
        if client_id is None or index < 0 or index not in self._stale:
            return
        self._stale.discard(index)
        self.tab_pages[index].show_client(client_id)

    def _show_client_header(self, client_id: int | None) -> None:
        has_client = client_id is not None and self.controller.is_unlocked
        self.tabs.setVisible(has_client)
        self.empty_hint.setVisible(not has_client)
        self.archive_button.setEnabled(has_client)
        self.delete_button.setEnabled(has_client)
        if not has_client or client_id is None:
            self.client_title.clear()
            self.client_subtitle.clear()
            return
        row = self.clients.row_of(client_id)
        if row < 0:
            return
        summary = self.clients.summary(row)
        self.client_title.setText(summary.name)
        parts = [summary.organisation, text.label(summary.focus), text.label(summary.status)]
        self.client_subtitle.setText(" · ".join(p for p in parts if p))

    def _on_data_changed(self, client_id: int) -> None:
        current = self.current_client_id()
        self.clients.load(self.controller.store)
        if current is not None:
            row = self.clients.row_of(current)
            if row >= 0:
                index = self.filtered.mapFromSource(self.clients.index(row, 0))
                self.client_list.selectionModel().blockSignals(True)
                self.client_list.setCurrentIndex(index)
                self.client_list.selectionModel().blockSignals(False)
            self._show_client_header(current)
        if client_id == current:
            shown = self.tabs.currentIndex()
            self._stale = {i for i in range(len(self.tab_pages)) if i != shown}

    def new_client(self) -> None:
        if not self.controller.is_unlocked:
            return
        dialog = NewClientDialog(self)
        if self._run(dialog) != QDialog.DialogCode.Accepted:
            return
        try:
            client_id = self.controller.store.clients.save(dialog.client())
        except CoachDeskError as exc:
            QMessageBox.warning(self, "Could not add the client", str(exc))
            return
        self.clients.load(self.controller.store)
        self.select_client(client_id)
        for i, tab in enumerate(self.tab_pages):
            if tab.title == "Profile":
                self.tabs.setCurrentIndex(i)

    def archive_client(self) -> None:
        client_id = self.current_client_id()
        if client_id is None:
            return
        self._flush_all()
        store = self.controller.store
        client = store.clients.get(client_id)
        client.status = ClientStatus.CLOSED
        store.clients.save(client)
        self.controller.notify_changed(client_id)
        self.statusBar().showMessage("Client archived (status closed).", 4000)

    def delete_client(self) -> None:
        client_id = self.current_client_id()
        if client_id is None:
            return
        name = self.clients.summary(self.clients.row_of(client_id)).name
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Delete client",
            f"Delete {name} and everything recorded about them — contract, sessions, notes, "
            "emotion log, feedback? This cannot be undone.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        delete = box.addButton("Delete permanently", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self._run(box)
        if box.clickedButton() is not delete:
            return
        for tab in self.tab_pages:
            tab.clear()
        self.controller.store.delete_client(client_id)
        self.client_list.selectionModel().clearSelection()
        self.clients.load(self.controller.store)
        self._show_client_header(None)

    # -- search ------------------------------------------------------------------------

    def open_search(self) -> None:
        if not self.controller.is_unlocked:
            return
        dialog = SearchDialog(self.controller, self)
        dialog.hit_chosen.connect(self.open_hit)
        self._run(dialog)

    def open_hit(self, hit: SearchHit) -> None:
        self._flush_all()
        self.select_client(hit.client_id)
        wanted = {
            RecordKind.CLIENT: "Profile",
            RecordKind.SESSION: "Sessions",
            RecordKind.CONTRACT: "Contract",
            RecordKind.OUTCOME: "Contract",
            RecordKind.MILESTONE: "Contract",
            RecordKind.RISK: "Contract",
            RecordKind.EMOTION: "Emotions",
            RecordKind.FEEDBACK: "Feedback",
            RecordKind.ATTACHMENT: "Attachments",
        }[hit.kind]
        for i, tab in enumerate(self.tab_pages):
            if tab.title == wanted:
                self.tabs.setCurrentIndex(i)
                self._load_current_tab()
                tab.focus_record(hit.record_id, hit.kind)

    # -- reports -----------------------------------------------------------------------

    def request_report(self, kind: ReportKind, session_id: int | None = None) -> None:
        client_id = self.current_client_id()
        if client_id is None or not self.controller.is_unlocked:
            QMessageBox.information(self, TITLES[kind], "Select a client first.")
            return
        self._flush_all()
        include_private = False
        if kind == ReportKind.CLIENT_EXPORT:
            answer = QMessageBox.question(
                self,
                TITLES[kind],
                "Include your private session notes? They are marked confidential in the "
                "export. Choose No for an export without them.",
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            include_private = answer == QMessageBox.StandardButton.Yes
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
        for tab in self.tab_pages:
            session_id = getattr(tab, "current_session_id", None)
            if callable(session_id):
                value = session_id()
                return int(value) if value is not None else None
        return None

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
        QMessageBox.about(
            self,
            "About CoachDesk",
            f"<b>CoachDesk {__version__}</b><p>An encrypted, offline workspace for coaches.</p>",
        )

    # -- status --------------------------------------------------------------------------

    def _update_save_state(self, *_args: object) -> None:
        states = [tab.save_state for tab in self.tab_pages]
        messages = [message for tab in self.tab_pages for message in tab.save_messages]
        if SaveState.FAILED in states:
            text_ = messages[0] if messages else SaveState.FAILED.value
        elif SaveState.INVALID in states:
            text_ = "Not saved: " + (messages[0] if messages else "check the highlighted field")
        elif SaveState.PENDING in states:
            text_ = SaveState.PENDING.value
        else:
            text_ = SaveState.SAVED.value if self.controller.is_unlocked else ""
        self.save_label.setText(text_)

    # -- window state ---------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = self.settings.get_bytes(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        splitter = self.settings.get_bytes(keys.SPLITTER_STATE)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.controller.is_unlocked and not self._may_lose_unsaved("Quit"):
            event.ignore()
            return
        self._back_up_before_quitting()
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.SPLITTER_STATE, self.splitter.saveState())
        self.settings.sync()
        self.lock(ask=False)
        self.clipboard_guard.release()
        super().closeEvent(event)


def _dropped_pdf(mime: QMimeData) -> Path | None:
    """The one local PDF file being dropped, if that is what it is."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() == ".pdf" else None


def window_icon() -> QIcon:
    from importlib.resources import files

    path = files("coachdesk.resources") / "icons" / "coachdesk.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
