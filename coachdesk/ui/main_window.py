"""The main window: client list on the left, the client's workspace on the right,
and the welcome and lock screens in the same window while the vault is closed."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QItemSelection,
    QMimeData,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
)
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
from coachdesk.services import clients as client_cases
from coachdesk.ui import settings as keys
from coachdesk.ui import text
from coachdesk.ui.agenda import TODAY_SHORTCUT, AgendaPage
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
from coachdesk.ui.files import choose_open_file, choose_save_file
from coachdesk.ui.idle import IdleWatcher
from coachdesk.ui.models.clients import CLIENT_ID_ROLE, ClientFilterModel, ClientListModel
from coachdesk.ui.pages import UnlockPage, WelcomePage
from coachdesk.ui.reports import TITLES, ReportRunner
from coachdesk.ui.screen import place_in_screen
from coachdesk.ui.search import SearchDialog
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.theme import line_icon
from coachdesk.ui.workers import Cancelled, Job, Progress, run_with_progress
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.agenda import AgendaItem, AgendaKind
from coachdesk.vault.calendar import EventText, write_calendar
from coachdesk.vault.search import RecordKind, SearchHit

log = logging.getLogger(__name__)

WELCOME, UNLOCK, WORKSPACE = range(3)
CALENDAR_FILE_NAME = "coachdesk-sessions.ics"
"""Suggested name of a calendar export: never a client's name."""
PREPARE_TABS_AFTER_MS = 100
"""How long after the window first appears its workspace tabs are built (see tab_pages)."""
QUIT_BACKUP_FRESH = timedelta(hours=1)
DEFAULT_SIZE = QSize(1200, 780)
"""The window's size on first start, made smaller where the screen is (see screen.py)."""

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
        self._hold_welcome = False  # a new vault's recovery code is still being shown

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
        self.client_filter.setAccessibleName("Filter clients")
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
        self.client_list.setAccessibleName("Clients")
        self.client_list.setModel(self.filtered)
        self.client_list.setUniformItemSizes(True)
        self.client_list.selectionModel().selectionChanged.connect(self._client_selected)
        self.client_filter.textChanged.connect(self.filtered.set_text)
        self.status_filter.currentIndexChanged.connect(
            lambda i: self.filtered.set_statuses(_STATUS_FILTERS[i][1])
        )

        buttons = QHBoxLayout()
        self.new_client_button = self._tool_button("New client", "new-client")
        self.new_client_button.setObjectName("newClientButton")
        self.archive_button = self._tool_button("Archive", "archive")
        self.archive_button.setObjectName("archiveClientButton")
        self.delete_button = self._tool_button("Delete", "delete")
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
        for header in (self.client_title, self.client_subtitle):
            header.setWordWrap(True)  # a long name or organisation never widens the window
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workspaceTabs")
        self.tabs.setDocumentMode(True)
        # The tabs (most of the window's widgets) are built on first use, not before
        # the unlock screen can appear: see tab_pages.
        self._tab_classes = tab_classes
        self._tab_pages: list[WorkspaceTab] | None = None
        self.tabs.currentChanged.connect(self._tab_changed)
        # With no client open the right side is the agenda ("Today"), which also says
        # how to open or add a client.
        self.agenda_page = AgendaPage(self)
        self.agenda_page.open_requested.connect(self.open_agenda_item)
        self.empty_hint = self.agenda_page.hint

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 10, 8, 8)
        right_layout.addWidget(self.client_title)
        right_layout.addWidget(self.client_subtitle)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.agenda_page, 1)

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

    def _tool_button(self, label: str, icon: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(label)
        button.setProperty("lineIcon", icon)
        button.setIcon(line_icon(icon, self.palette()))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return button

    def _action(
        self,
        label: str,
        shortcuts: Sequence[QKeySequence.StandardKey | str],
        slot: Callable[[], object],
        icon: str | None = None,
    ) -> QAction:
        action = QAction(label, self)
        if icon is not None:
            action.setProperty("lineIcon", icon)
            action.setIcon(line_icon(icon, self.palette()))
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_client_action = self._action(
            "&New client…", [QKeySequence.StandardKey.New], self.new_client, "new-client"
        )
        self.search_action = self._action(
            "&Search…", ["Ctrl+K", QKeySequence.StandardKey.Find], self.open_search, "search"
        )
        self.lock_action = self._action("&Lock", ["Ctrl+L"], self.lock, "lock")
        self.today_action = self._action("&Today", [TODAY_SHORTCUT], self.show_today, "today")
        self.today_action.setToolTip(
            f"Today: sessions, due actions and warnings across all clients ({TODAY_SHORTCUT})"
        )
        self.settings_action = self._action("Se&ttings…", ["Ctrl+,"], self.open_settings)
        self.backup_action = self._action("&Back up now", ["Ctrl+Shift+B"], self.back_up_now)
        self.calendar_action = self._action("Export &calendar (.ics)…", [], self.export_calendar)
        self.calendar_action.setToolTip(
            "Planned sessions as a calendar file: the open client's, or everyone's from Today"
        )
        self.passphrase_action = self._action("Change &passphrase…", [], self.change_passphrase)
        self.revoke_action = self._action(
            "I think my passphrase or a backup was exposed…", [], self.revoke_keys
        )
        self.quit_action = self._action("&Quit", [QKeySequence.StandardKey.Quit], self.close)
        self.about_action = self._action("&About CoachDesk", [], self.about)
        # Tabs from anywhere in the window (the client list too), for the keyboard alone.
        self.next_tab_action = self._action("Next tab", ["Ctrl+PgDown"], lambda: self._step_tab(1))
        self.previous_tab_action = self._action(
            "Previous tab", ["Ctrl+PgUp"], lambda: self._step_tab(-1)
        )
        self.worksheet_action = self._action("&Import worksheet…", [], self.import_worksheet)
        self.new_worksheet_action = self._action("New &worksheet…", [], self.new_worksheet)
        self.vault_actions = [
            self.new_client_action, self.search_action, self.lock_action,
            self.passphrase_action, self.revoke_action, self.backup_action,
            self.today_action, self.calendar_action,
            self.worksheet_action, self.new_worksheet_action,
        ]  # fmt: skip
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.new_client_action)
        file_menu.addAction(self.new_worksheet_action)
        file_menu.addAction(self.worksheet_action)
        file_menu.addSeparator()
        file_menu.addAction(self.calendar_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.passphrase_action)
        file_menu.addAction(self.revoke_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = menu.addMenu("&Edit")
        self.edit_menu.addAction(self.search_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.today_action)
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
        # "New client" is the button under the list (and Ctrl+N), not here a second time.
        for action in (self.today_action, self.search_action, self.lock_action):
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
        # The recovery code is shown over the welcome page, before the workspace opens:
        # the coach's first task is to store it, not to glance past an open vault.
        self._hold_welcome = True
        try:
            code = self.controller.create(passphrase)
        except CoachDeskError as exc:
            self._hold_welcome = False
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Could not create the vault", str(exc))
            return
        QApplication.restoreOverrideCursor()
        dialog = RecoveryCodeDialog(code, lambda _parent: self._kit_for(code), self)
        try:
            self._run(dialog)
        finally:
            self._hold_welcome = False
        if self.controller.is_unlocked:
            self.stack.setCurrentIndex(WORKSPACE)

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
        outcome = run_with_progress(job, dialog, wait_s=5)
        if outcome.error is not None:
            QMessageBox.warning(self, "CoachDesk", outcome.error)
        return outcome.finished

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
        if not self._hold_welcome:
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
        self.agenda_page.clear()
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

    def _step_tab(self, step: int) -> None:
        if self.tabs.isVisible() and self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

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
        self.client_title.setVisible(has_client)  # the agenda has its own title
        self.client_subtitle.setVisible(has_client)
        self.agenda_page.setVisible(not has_client)
        if not has_client:
            self._refresh_agenda()
        self.archive_button.setEnabled(has_client)
        self.delete_button.setEnabled(has_client)
        if not has_client or client_id is None:
            self.empty_hint.setText(
                "Select a client on the left, or add one with Ctrl+N."
                if self.clients.rowCount()
                else "No clients yet. Add your first with New client (Ctrl+N)."
            )
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
        profile = self.tab_for(RecordKind.CLIENT)
        if profile is not None:
            self.tabs.setCurrentWidget(profile)

    def archive_client(self) -> None:
        client_id = self.current_client_id()
        if client_id is None:
            return
        self._flush_all()
        client_cases.archive_client(self.controller.store, client_id)
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
        client_cases.delete_client(self.controller.store, client_id)
        self.client_list.selectionModel().clearSelection()
        self.clients.load(self.controller.store)
        self._show_client_header(None)

    # -- agenda ------------------------------------------------------------------------

    def _refresh_agenda(self) -> None:
        if not self.controller.is_unlocked:
            self.agenda_page.clear()
            return
        store = self.controller.store
        self.agenda_page.refresh(store.conn, store.today(), datetime.now())

    def show_today(self) -> None:
        """Close the open client (after saving) and show the agenda."""
        if not self.controller.is_unlocked:
            return
        self._flush_all()
        self.client_list.selectionModel().clearSelection()
        self.client_list.setCurrentIndex(QModelIndex())
        self._show_client_header(None)

    def open_agenda_item(self, item: AgendaItem) -> None:
        """Open the record behind an agenda row: a session in the Sessions tab, a
        milestone or contract in the Contract tab, an engagement's Overview."""
        from coachdesk.ui.workspace.overview import OverviewTab

        at_a_glance = item.kind == AgendaKind.AT_RISK or (
            # an action item of no session: the Overview lists it
            item.kind == AgendaKind.ACTIONS and item.record_kind == RecordKind.CLIENT
        )
        self.open_record(
            item.client_id, item.record_kind, item.record_id, OverviewTab if at_a_glance else None
        )

    def export_calendar(self) -> None:
        """Planned sessions of the open client (or of everyone) to an .ics file, saying
        only "Coaching session" unless the coach chose otherwise in Settings."""
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

    # -- search ------------------------------------------------------------------------

    def open_search(self) -> None:
        if not self.controller.is_unlocked:
            return
        dialog = SearchDialog(self.controller, self)
        dialog.hit_chosen.connect(self.open_hit)
        self._run(dialog)

    def open_hit(self, hit: SearchHit) -> None:
        self.open_record(hit.client_id, hit.kind, hit.record_id)

    def tab_for(self, kind: RecordKind) -> WorkspaceTab | None:
        """The tab that shows records of ``kind``, by its declaration (``record_kinds``),
        never by its title; None when no tab of this window shows them."""
        return next((tab for tab in self.tab_pages if kind in tab.record_kinds), None)

    def open_record(
        self,
        client_id: int,
        kind: RecordKind,
        record_id: int,
        tab_type: type[WorkspaceTab] | None = None,
    ) -> None:
        """Select the client, show the tab that holds ``kind`` (or the ``tab_type`` tab,
        for a view such as the Overview) and select the record there."""
        self._flush_all()
        if not self.select_client(client_id):
            return
        tab = (
            self.tab_for(kind)
            if tab_type is None
            else next((t for t in self.tab_pages if isinstance(t, tab_type)), None)
        )
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        self._load_current_tab()
        if kind in tab.record_kinds:
            tab.focus_record(record_id, kind)

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
        if not geometry.isEmpty() and self.restoreGeometry(geometry):
            place_in_screen(self)
        else:
            place_in_screen(self, DEFAULT_SIZE)
        splitter = self.settings.get_bytes(keys.SPLITTER_STATE)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def changeEvent(self, event: QEvent) -> None:
        """Redraw the line icons in the new text colour when the theme changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            items: list[QToolButton | QAction] = [
                *self.findChildren(QToolButton),
                *self.findChildren(QAction),
            ]
            for item in items:
                name = item.property("lineIcon")
                if name:
                    item.setIcon(line_icon(str(name), self.palette()))

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
