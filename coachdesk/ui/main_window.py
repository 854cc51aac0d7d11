"""The main window: client list on the left, the client's workspace on the right,
and the welcome and lock screens in the same window while the vault is closed.

Its menus and status bar, its File-menu commands and its client list's handlers are
mixins in ``ui/window/`` (see that package); this module keeps the pages, opening and
locking, navigation to a record and the window's own state."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QCloseEvent,
    QIcon,
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
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.errors import CoachDeskError, WrongPassphrase
from coachdesk.ui import settings as keys
from coachdesk.ui.clipboard import ClipboardGuard
from coachdesk.ui.controller import VaultController
from coachdesk.ui.dialogs.vault_dialogs import (
    RecoverDialog,
    RecoveryCodeDialog,
)
from coachdesk.ui.files import choose_open_file
from coachdesk.ui.idle import IdleWatcher
from coachdesk.ui.models.clients import ClientFilterModel, ClientListModel
from coachdesk.ui.pages import UnlockPage, WelcomePage
from coachdesk.ui.screen import place_in_screen
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.window.clients import _STATUS_FILTERS, WindowClients
from coachdesk.ui.window.commands import WindowCommands
from coachdesk.ui.window.menus import WindowMenus
from coachdesk.ui.workers import Cancelled, Job, Progress, run_with_progress
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.search import RecordKind, SearchHit

if TYPE_CHECKING:
    from coachdesk.ui.agenda import AgendaPage
    from coachdesk.ui.reports import ReportRunner
    from coachdesk.ui.workspace.attachments import ClientListDrop

log = logging.getLogger(__name__)

WELCOME, UNLOCK, WORKSPACE = range(3)
PREPARE_TABS_AFTER_MS = 100
"""How long after the window first appears its workspace tabs, agenda and client-list
file drop are built (see _prepare_workspace)."""
DEFAULT_SIZE = QSize(1200, 780)
"""The window's size on first start, made smaller where the screen is (see screen.py)."""


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


class MainWindow(WindowMenus, WindowCommands, WindowClients):
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
        self._agenda_after_paint = False  # see _on_unlocked

        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(str(controller.vault_dir), self)
        self.unlock_page = UnlockPage(self)
        self.workspace = QWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.unlock_page)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)

        self._build_workspace(list(tab_classes) if tab_classes is not None else None)
        # Files dropped on a client become attachments: installed with the workspace's
        # other parts, after the first screen (see _prepare_workspace).
        self.client_drop: ClientListDrop | None = None
        self._build_actions()
        self._build_status_bar()

        self._reports: ReportRunner | None = None  # made on the first report: see reports
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
        # how to open or add a client. It is made after the first screen is up, like the
        # tabs (see agenda_page), and goes below them.
        self._agenda_page: AgendaPage | None = None

        right = QWidget(self)
        self._right_layout = QVBoxLayout(right)
        self._right_layout.setContentsMargins(12, 10, 8, 8)
        self._right_layout.addWidget(self.client_title)
        self._right_layout.addWidget(self.client_subtitle)
        self._right_layout.addWidget(self.tabs, 1)

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

    @property
    def agenda_page(self) -> AgendaPage:
        """The agenda ("Today"), made the first time it is needed: shortly after the
        first screen is up (see showEvent), or when something asks for it before that.
        Its module and the agenda queries it brings take ~25 ms to import, which the lock
        screen does not wait for (docs/performance.md, round two)."""
        if self._agenda_page is None:
            from coachdesk.ui.agenda import AgendaPage

            page = AgendaPage(self)
            page.open_requested.connect(self.open_agenda_item)
            self._right_layout.addWidget(page, 1)
            page.setVisible(self.tabs.isHidden())  # shown where no client is open
            page.hint.setText(self._empty_hint_text())
            self._agenda_page = page
        return self._agenda_page

    @property
    def empty_hint(self) -> QLabel:
        """The agenda's line that says how to open or add a client."""
        return self.agenda_page.hint

    @property
    def reports(self) -> ReportRunner:
        """The report runner, made when the first report is asked for: its module brings
        the PDF preview (QtPdf), printing and sharing, which the lock screen does not
        need (docs/performance.md, round two). The menus take the report titles from
        :mod:`coachdesk.reports.kinds`."""
        if self._reports is None:
            from coachdesk.ui.reports import ReportRunner

            self._reports = ReportRunner(self.controller, self.settings, self)
            self._reports.contract_changed = self._contract_changed_elsewhere
        return self._reports

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._tab_pages is None or self._agenda_page is None or self.client_drop is None:
            # Once the first screen is up, build the tabs while the coach types the
            # passphrase (a timer, so the first paint is not held up).
            QTimer.singleShot(PREPARE_TABS_AFTER_MS, self._prepare_workspace)

    def _prepare_workspace(self) -> None:
        """Build what the open vault shows (the tabs, the agenda, the client list's file
        drop) while the coach types the passphrase, so that unlocking does not wait."""
        self.tab_pages  # noqa: B018 - building them is the point
        self.agenda_page  # noqa: B018 - the page the workspace opens on
        self._install_client_drop()

    def _install_client_drop(self) -> None:
        """Files dropped on a client in the list become its attachments (only while the
        vault is open: the list is not shown otherwise). Its module brings the attachment
        viewer and QtPdf, so it is installed after the first screen, at the latest on
        unlocking."""
        if self.client_drop is None:
            from coachdesk.ui.workspace.attachments import install_client_list_drop

            self.client_drop = install_client_list_drop(self.client_list, self.controller)

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
        if self.controller.is_unlocked or self.unlock_page.progress.isVisible():
            return  # already open, or already unlocking
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.unlock_page.set_busy(True)
        message = ""
        try:
            # The key derivation runs on a worker thread; the window keeps painting.
            self.controller.unlock_in_background(passphrase)
        except WrongPassphrase:
            message = "That passphrase does not open this vault."
        except CoachDeskError as exc:
            message = str(exc)[:1].upper() + str(exc)[1:]
        finally:
            self.unlock_page.set_busy(False)
            QApplication.restoreOverrideCursor()
        if message:
            self.unlock_page.show_error(message)

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
            from coachdesk.backup import restore_backup

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

    def _on_unlocked(self) -> None:
        self._install_client_drop()
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
            # The agenda reads every client's open work (the slowest part of opening):
            # the window is painted first, with the client list, and the agenda's rows
            # follow right after that first paint.
            self._agenda_after_paint = True
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
        if self._agenda_page is not None:
            self._agenda_page.clear()
        self.client_list.selectionModel().clearSelection()
        self.clients.clear()
        self.client_filter.clear()
        self._show_client_header(None)
        self._show_closed_page()

    # -- search ------------------------------------------------------------------------

    def open_search(self) -> None:
        if not self.controller.is_unlocked:
            return
        from coachdesk.ui.search import SearchDialog  # on first use, not at start-up

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


def window_icon() -> QIcon:
    from importlib.resources import files

    path = files("coachdesk.resources") / "icons" / "coachdesk.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
