"""The main window's client list and what the right side shows for it: the selected
client's header and tabs, or, with no client open, the agenda.

A mixin of :class:`~coachdesk.ui.main_window.MainWindow`: the list, the tabs and the
agenda are the window's widgets (built in ``_build_workspace``), and its tests select
clients on the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolButton,
    QWidget,
)

from coachdesk.core.errors import CoachDeskError
from coachdesk.core.model import ClientStatus
from coachdesk.ui import text
from coachdesk.ui.controller import VaultController
from coachdesk.ui.dialogs.client import NewClientDialog
from coachdesk.ui.models.clients import CLIENT_ID_ROLE, ClientFilterModel, ClientListModel
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.search import RecordKind

if TYPE_CHECKING:
    from coachdesk.ui.agenda import AgendaPage
    from coachdesk.vault.agenda import AgendaItem

AFTER_PAINT_LATEST_MS = 300
"""Work put after the first paint (the agenda after unlocking) waits at most this."""

_STATUS_FILTERS: list[tuple[str, set[ClientStatus]]] = [
    ("Current clients", {ClientStatus.ACTIVE, ClientStatus.PROSPECT, ClientStatus.PAUSED}),
    ("Active", {ClientStatus.ACTIVE}),
    ("Prospects", {ClientStatus.PROSPECT}),
    ("Paused", {ClientStatus.PAUSED}),
    ("Closed (archive)", {ClientStatus.CLOSED}),
    ("All clients", set(ClientStatus)),
]


class WindowClients(QMainWindow):
    """Selecting, adding, archiving and deleting clients; the header and the agenda."""

    controller: VaultController
    workspace: QWidget
    clients: ClientListModel
    filtered: ClientFilterModel
    client_list: QListView
    client_filter: QLineEdit
    status_filter: QComboBox
    tabs: QTabWidget
    client_title: QLabel
    client_subtitle: QLabel
    _agenda_page: AgendaPage | None  # None until made: see MainWindow.agenda_page
    archive_button: QToolButton
    delete_button: QToolButton
    _stale: set[int]
    _agenda_after_paint: bool

    if TYPE_CHECKING:
        # Defined on the window and its other parts.
        @property
        def tab_pages(self) -> list[WorkspaceTab]: ...
        @property
        def agenda_page(self) -> AgendaPage: ...
        @property
        def empty_hint(self) -> QLabel: ...
        def _flush_all(self) -> bool: ...
        def _run(self, dialog: QDialog) -> int: ...
        def tab_for(self, kind: RecordKind) -> WorkspaceTab | None: ...
        def open_record(
            self,
            client_id: int,
            kind: RecordKind,
            record_id: int,
            tab_type: type[WorkspaceTab] | None = None,
        ) -> None: ...

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
        # The agenda is made when the open vault first shows it; a closed one only
        # updates it if it was made already (MainWindow.agenda_page).
        showing_agenda = not has_client and self.controller.is_unlocked
        agenda = self.agenda_page if showing_agenda else self._agenda_page
        if agenda is not None:
            agenda.setVisible(not has_client)
        if not has_client:
            self._refresh_agenda()
        self.archive_button.setEnabled(has_client)
        self.delete_button.setEnabled(has_client)
        if not has_client or client_id is None:
            if agenda is not None:
                agenda.hint.setText(self._empty_hint_text())
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

    def _empty_hint_text(self) -> str:
        """What the agenda's hint says: how to open a client, or to add the first."""
        if self.clients.rowCount():
            return "Select a client on the left, or add one with Ctrl+N."
        return "No clients yet. Add your first with New client (Ctrl+N)."

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
        from coachdesk.services import clients as client_cases

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
        from coachdesk.services import clients as client_cases

        for tab in self.tab_pages:
            tab.clear()
        client_cases.delete_client(self.controller.store, client_id)
        self.client_list.selectionModel().clearSelection()
        self.clients.load(self.controller.store)
        self._show_client_header(None)

    # -- agenda ------------------------------------------------------------------------

    def _refresh_agenda(self) -> None:
        if not self.controller.is_unlocked:
            if self._agenda_page is not None:  # nothing to forget in a page not yet made
                self._agenda_page.clear()
            return
        if self._agenda_after_paint:
            self._agenda_after_paint = False
            self.agenda_page.show_loading()
            _AfterFirstPaint(self.workspace, self._refresh_agenda)
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
        from coachdesk.vault.agenda import AgendaKind

        at_a_glance = item.kind == AgendaKind.AT_RISK or (
            # an action item of no session: the Overview lists it
            item.kind == AgendaKind.ACTIONS and item.record_kind == RecordKind.CLIENT
        )
        self.open_record(
            item.client_id, item.record_kind, item.record_id, OverviewTab if at_a_glance else None
        )


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, just after ``widget``'s next paint (from the event loop, so
    the paint reaches the screen first); at the latest after ``AFTER_PAINT_LATEST_MS``
    (a window that is not painted, minimised say, still gets its data)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        self._widget = widget
        widget.installEventFilter(self)
        QTimer.singleShot(AFTER_PAINT_LATEST_MS, self, self._fire)

    def _fire(self) -> None:
        if self._then is not None:
            then, self._then = self._then, None
            self._widget.removeEventFilter(self)
            then()
            self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self, self._fire)
        return False
