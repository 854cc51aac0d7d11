"""The Attachments tab: a client's documents, kept encrypted in the vault.

Files come in by "Add file…" or by dragging them onto the tab or onto a client in the
client list. The rules (100 MB at most, links to this client's records only,
identical files stored once) are the vault's (:mod:`coachdesk.vault.attachments`);
this module only asks, shows progress and reports. A file is written off the GUI
thread on a connection of its own, with a progress bar and Cancel for large files.

One module of ~520 lines on purpose (issue 12): the tab, its details dialog, the
off-thread adder and the client-list drop are the one way files come in, sharing the
adder and the link choices, so splitting them would scatter a single flow.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.attachments import (
    MAX_ATTACHMENT_BYTES,
    Attachment,
    format_size,
    title_from_file_name,
)
from coachdesk.core.errors import CoachDeskError
from coachdesk.ui import text
from coachdesk.ui.attachment_viewer import AttachmentViewer, save_copy_with_reminder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.files import choose_open_file
from coachdesk.ui.layout import dialog_buttons, tab_order
from coachdesk.ui.models.clients import CLIENT_ID_ROLE
from coachdesk.ui.widgets import NoteEdit
from coachdesk.ui.workers import Cancelled, Job, Progress, run_with_progress
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.attachments import AddedFile, AttachmentRepository, check_source
from coachdesk.vault.search import RecordKind

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LINK_FIELDS = ("session_id", "contract_version", "outcome_id", "feedback_id")


def local_files(urls: Sequence[object]) -> list[Path]:
    """The local files among dropped URLs (web links and the like are ignored)."""
    paths = []
    for url in urls:
        if getattr(url, "isLocalFile", lambda: False)():
            paths.append(Path(url.toLocalFile()))  # type: ignore[attr-defined]
    return paths


def link_choices(controller: VaultController, client_id: int) -> list[tuple[str, str, int]]:
    """(label, field, id) for every record of the client an attachment may be linked to."""
    store = controller.store
    snapshot = store.snapshot(client_id)  # the records the other tabs read too
    choices: list[tuple[str, str, int]] = []
    for session in snapshot.sessions():
        number = f"Session {session.number}" if session.number else "Session"
        choices.append(
            (f"{number} · {session.started_at.date().isoformat()}", "session_id", session.id or 0)
        )
    contract = snapshot.contract()
    if contract is not None and contract.id is not None:
        versions = [v.version for v in store.contracts.versions(contract.id)]
        for version in [*versions, contract.version]:
            choices.append((f"Contract, version {version}", "contract_version", version))
        for outcome in contract.outcomes:
            choices.append(
                (
                    f"Outcome: {text.first_line(outcome.statement, 60)}",
                    "outcome_id",
                    outcome.id or 0,
                )
            )
    for entry in snapshot.feedback():
        choices.append(
            (
                f"Feedback · {entry.from_role or 'stakeholder'} · {entry.received_on.isoformat()}",
                "feedback_id",
                entry.id or 0,
            )
        )
    return choices


def link_label(attachment: Attachment, choices: list[tuple[str, str, int]]) -> str:
    labels = {(field, value): label for label, field, value in choices}
    shown = [
        labels.get((field, getattr(attachment, field)), field.replace("_id", ""))
        for field in LINK_FIELDS
        if getattr(attachment, field) is not None
    ]
    return "; ".join(shown)


class AttachmentDetailsDialog(QDialog):
    """Title, date, note and one link, for a new attachment or an existing one."""

    def __init__(
        self,
        attachment: Attachment,
        choices: list[tuple[str, str, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Attachment details")
        self.attachment = attachment
        self.title_edit = QLineEdit(attachment.title, self)
        self.title_edit.setObjectName("attachmentTitle")
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("attachmentDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        dated = attachment.dated or date.today()
        self.date_edit.setDate(QDate(dated.year, dated.month, dated.day))
        self.note_edit = NoteEdit("What it is, who sent it, what to look at", self)
        self.note_edit.setObjectName("attachmentNote")
        self.note_edit.setPlainText(attachment.note)
        self.link_combo = QComboBox(self)
        self.link_combo.setObjectName("attachmentLink")
        self.link_combo.addItem("Not linked", None)
        for label, field, value in choices:
            self.link_combo.addItem(label, (field, value))
            if getattr(attachment, field) == value:
                self.link_combo.setCurrentIndex(self.link_combo.count() - 1)
        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        form.addRow("Date", self.date_edit)
        form.addRow("Linked to", self.link_combo)
        form.addRow("Note", self.note_edit)
        buttons, _ok = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def result_attachment(self) -> Attachment:
        """The attachment with what was entered (checked by the vault when stored)."""
        a = self.attachment
        a.title = self.title_edit.text()
        a.dated = self.date_edit.date().toPython()  # type: ignore[assignment]
        a.note = self.note_edit.toPlainText()
        for field in LINK_FIELDS:
            setattr(a, field, None)
        link = self.link_combo.currentData()
        if link is not None:
            field, value = link
            setattr(a, field, int(value))
        return a


class AttachmentAdder(QObject):
    """Adds files to a client, one after the other, each off the GUI thread."""

    added = Signal(int)  # client id

    def __init__(self, controller: VaultController, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
        self.parent_widget = parent
        self.last_error: str | None = None
        self.last_added: AddedFile | None = None

    def add_files(
        self, client_id: int, paths: Sequence[Path], details: Attachment | None = None
    ) -> int:
        """Add each file (the details, when given, apply to a single file); returns how
        many were stored. Refusals are explained in a message box, one per file."""
        stored = 0
        for path in paths:
            try:
                size = check_source(path)
            except CoachDeskError as exc:
                self._refuse(path, str(exc))
                continue
            if self._add_one(client_id, path, size, details):
                stored += 1
        if stored:
            self.added.emit(client_id)
            self.controller.notify_changed(client_id)
        return stored

    def _refuse(self, path: Path, message: str) -> None:
        self.last_error = message[:1].upper() + message[1:]
        QMessageBox.warning(
            self.parent_widget,
            "Not attached",
            f"{path.name} was not attached.\n\n{self.last_error}",
        )

    def _add_one(self, client_id: int, path: Path, size: int, details: Attachment | None) -> bool:
        vault = self.controller.vault
        fields = {
            "title": details.title if details else title_from_file_name(path.name),
            "note": details.note if details else "",
            "dated": details.dated if details else None,
            **{f: getattr(details, f) if details else None for f in LINK_FIELDS},
        }

        def work(progress: Progress, cancelled: Cancelled) -> AddedFile:
            conn = vault.open_connection()
            try:
                return AttachmentRepository(conn).add_file(
                    client_id,
                    path,
                    progress=progress,
                    cancel=cancelled,
                    **fields,  # type: ignore[arg-type]
                )
            finally:
                conn.close()

        job = Job(work)
        dialog = QProgressDialog(
            f"Adding {path.name} ({format_size(size)}) to the vault…", "Cancel", 0, 1000,
            self.parent_widget,
        )  # fmt: skip
        dialog.setObjectName("attachmentProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        outcome = run_with_progress(job, dialog, wait_s=30)
        if outcome.error is not None:
            self._refuse(path, outcome.error)
            return False
        added = outcome.result
        if isinstance(added, AddedFile):
            self.last_added = added
            return True
        return False  # cancelled


class AttachmentsTab(WorkspaceTab):
    title = "Attachments"
    record_kinds = frozenset({RecordKind.ATTACHMENT})

    def __init__(self, controller: VaultController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setAcceptDrops(True)
        self.adder = AttachmentAdder(controller, self)
        self.adder.added.connect(self._added)
        # Files dropped on this client in the client list arrive through the controller.
        controller.data_changed.connect(self._data_changed)
        self.last_viewer: AttachmentViewer | None = None
        self._choices: list[tuple[str, str, int]] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("attachmentTable")
        self.table.setAccessibleName("Attachments")
        self.table.setHorizontalHeaderLabels(["Title", "Date", "Linked to", "File", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.view_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton("Add file…", self)
        self.add_button.setObjectName("addAttachmentButton")
        self.view_button = QPushButton("View", self)
        self.view_button.setObjectName("viewAttachmentButton")
        self.save_button = QPushButton("Save a copy…", self)
        self.save_button.setObjectName("saveAttachmentButton")
        self.edit_button = QPushButton("Edit details…", self)
        self.edit_button.setObjectName("editAttachmentButton")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setObjectName("deleteAttachmentButton")
        self.add_button.clicked.connect(self.add_by_dialog)
        self.view_button.clicked.connect(self.view_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (
            self.add_button, self.view_button, self.save_button, self.edit_button,
            self.delete_button,
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        tab_order(self.delete_button, self.table)  # the buttons stand above the table
        hint = QLabel(
            "Reports, assessments, signed contracts, photos: drop files here or on a client "
            f"in the list (up to {format_size(MAX_ATTACHMENT_BYTES)} each). They are kept "
            "encrypted in the vault; PDFs and images open here without leaving it.",
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    # -- showing -----------------------------------------------------------------------

    def show_client(self, client_id: int) -> None:
        super().show_client(client_id)
        self._choices = link_choices(self.controller, client_id)
        items = self.controller.store.attachments.for_client(client_id)
        self.table.setRowCount(0)
        for row, item in enumerate(items):
            self.table.insertRow(row)
            cells = [
                item.title,
                item.dated.isoformat() if item.dated else "",
                link_label(item, self._choices),
                item.file_name,
                format_size(item.size),
            ]
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setData(ID_ROLE, item.id)
                if column == 0 and item.note:
                    cell.setToolTip(text.first_line(item.note, 200))
                self.table.setItem(row, column, cell)
        self._update_buttons()

    def focus_record(self, record_id: int, kind: RecordKind | None = None) -> None:
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 0)
            if cell is not None and cell.data(ID_ROLE) == record_id:
                self.table.selectRow(row)
                self.table.scrollToItem(cell)

    def clear(self) -> None:
        super().clear()
        self.table.setRowCount(0)
        self._choices = []
        self._update_buttons()

    def selected_record(self, kind: RecordKind) -> int | None:
        return self.selected_id() if kind == RecordKind.ATTACHMENT else None

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        value = cell.data(ID_ROLE) if cell is not None else None
        return int(value) if value is not None else None

    def _update_buttons(self) -> None:
        has_client = self.client_id is not None
        chosen = self.selected_id() is not None
        self.add_button.setEnabled(has_client)
        for button in (self.view_button, self.save_button, self.edit_button, self.delete_button):
            button.setEnabled(chosen)

    def _data_changed(self, client_id: int) -> None:
        if client_id == self.client_id and self.controller.is_unlocked:
            selected = self.selected_id()
            self.show_client(client_id)
            if selected is not None:
                self.focus_record(selected)

    def _added(self, client_id: int) -> None:
        if client_id == self.client_id:
            self.show_client(client_id)
            if self.adder.last_added is not None:
                self.focus_record(self.adder.last_added.attachment_id)

    # -- actions -------------------------------------------------------------------------

    def add_by_dialog(self) -> None:
        if self.client_id is None:
            return
        path = choose_open_file(self, "Attach a file", "All files (*)")
        if path is None:
            return
        client_id = self.client_id
        details = AttachmentDetailsDialog(
            Attachment(client_id=client_id, title=title_from_file_name(path.name)),
            self._choices,
            self,
        )
        try:
            if details.exec() != QDialog.DialogCode.Accepted:
                return
            self.adder.add_files(client_id, [path], details.result_attachment())
        finally:
            details.deleteLater()

    def add_dropped(self, paths: Sequence[Path]) -> int:
        if self.client_id is None:
            return 0
        return self.adder.add_files(self.client_id, paths)

    def view_selected(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is None:
            return
        attachment = self.controller.store.attachments.get(attachment_id)
        viewer = AttachmentViewer(self.controller, attachment, self)
        self.last_viewer = viewer
        try:
            viewer.exec()
        finally:
            viewer.deleteLater()

    def save_selected(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is not None:
            attachment = self.controller.store.attachments.get(attachment_id)
            save_copy_with_reminder(self, self.controller, attachment)

    def edit_selected(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is None or self.client_id is None:
            return
        attachment = self.controller.store.attachments.get(attachment_id)
        dialog = AttachmentDetailsDialog(attachment, self._choices, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            try:
                self.controller.store.attachments.describe(dialog.result_attachment())
            except CoachDeskError as exc:
                QMessageBox.warning(self, "Not saved", str(exc))
                return
        finally:
            dialog.deleteLater()
        self.show_client(self.client_id)
        self.focus_record(attachment_id)

    def delete_selected(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is None or self.client_id is None:
            return
        answer = QMessageBox.warning(
            self,
            "Delete attachment",
            "Delete this attachment? Its file is erased from the vault (unless another "
            "attachment holds the same file). This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.controller.store.attachments.delete(attachment_id)
        self.show_client(self.client_id)

    # -- drag and drop -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.client_id is not None and local_files(event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.client_id is not None and local_files(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_files(event.mimeData().urls())
        if not paths or self.client_id is None:
            return
        event.acceptProposedAction()
        self.add_dropped(paths)


class ClientListDrop(QObject):
    """Files dropped on a client in the client list become that client's attachments."""

    def __init__(self, client_list: QListView, adder: AttachmentAdder) -> None:
        super().__init__(client_list)
        self.client_list = client_list
        self.adder = adder
        viewport = client_list.viewport()
        viewport.setAcceptDrops(True)
        viewport.installEventFilter(self)

    def client_at(self, event: QDropEvent | QDragMoveEvent) -> int | None:
        index = self.client_list.indexAt(event.position().toPoint())
        value = index.data(CLIENT_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)  # DragEnter is a DragMove
            ok = self.adder.controller.is_unlocked and bool(local_files(event.mimeData().urls()))
            if ok and (kind == QEvent.Type.DragEnter or self.client_at(event) is not None):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            client_id = self.client_at(event)
            paths = local_files(event.mimeData().urls())
            if client_id is not None and paths and self.adder.controller.is_unlocked:
                event.acceptProposedAction()
                self.adder.add_files(client_id, paths)
            return True
        return False


def install_client_list_drop(client_list: QListView, controller: VaultController) -> ClientListDrop:
    """Let files be dropped on the clients of ``client_list`` (the main window's)."""
    adder = AttachmentAdder(controller, client_list.window())
    return ClientListDrop(client_list, adder)
