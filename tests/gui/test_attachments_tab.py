"""The Attachments tab, driven as a coach would: add by dialog and by dropping files,
view a PDF and an image from memory, save a copy (after the reminder), edit, delete;
and files dropped on a client in the main window's client list."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from coachdesk.core.attachments import MAX_ATTACHMENT_BYTES
from coachdesk.ui import attachment_viewer as viewer_module
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.workspace import attachments as tab_module
from coachdesk.ui.workspace.attachments import AttachmentDetailsDialog, AttachmentsTab
from coachdesk.vault.search import search
from dialogs import when_modal


def client_id(controller: VaultController) -> int:
    return int(controller.client_id)  # type: ignore[attr-defined]


def make_pdf(path: Path, heading: str = "360 feedback report") -> bytes:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Assessment")
    pdf.setFont("Helvetica-Bold", 28)
    pdf.drawString(72, 760, heading)
    pdf.setFont("Helvetica", 14)
    for i, line in enumerate(["Raters: 11", "Strengths: clarity, calm", "Derailers: impatience"]):
        pdf.drawString(72, 720 - 24 * i, line)
    pdf.rect(72, 400, 300, 200, fill=0)
    pdf.showPage()
    pdf.save()
    return path.read_bytes()


def make_png(path: Path) -> bytes:
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6f97"))
    for x in range(40, 280):
        for y in range(80, 120):
            image.setPixelColor(x, y, QColor("#f4d35e"))
    assert image.save(str(path), "PNG")
    return path.read_bytes()


@pytest.fixture
def tab(qtbot: QtBot, controller: VaultController) -> AttachmentsTab:
    widget = AttachmentsTab(controller)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    widget.show_client(client_id(controller))
    return widget


def drop(target: QWidget, paths: list[Path], at: QPoint | None = None) -> bool:
    """A drag entering ``target``, moving to ``at`` and dropping there, as the window
    system delivers them (Qt delivers a drop only where the drag was accepted)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = at if at is not None else target.rect().center()
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    enter = QDragEnterEvent(point, *args)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(point, *args)
    QApplication.sendEvent(target, move)
    if not move.isAccepted():
        return False
    QApplication.sendEvent(target, QDropEvent(QPointF(point), *args))
    return True


def vault_bytes(controller: VaultController, attachment_id: int) -> bytes:
    return b"".join(controller.store.attachments.chunks(attachment_id))


def test_add_by_dialog_with_details_and_link(
    qtbot: QtBot, tab: AttachmentsTab, controller: VaultController, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    data = make_pdf(tmp_path / "hogan.pdf")
    monkeypatch.setattr(tab_module, "choose_open_file", lambda *_a: tmp_path / "hogan.pdf")
    session = controller.store.sessions.for_client(client_id(controller))[0]

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AttachmentDetailsDialog)
        title = dialog.findChild(QLineEdit, "attachmentTitle")
        assert title.text() == "hogan"  # from the file name
        title.setText("Hogan profile")
        dialog.note_edit.setPlainText("Derailers worth a session")
        for i in range(dialog.link_combo.count()):
            if dialog.link_combo.itemData(i) == ("session_id", session.id):
                dialog.link_combo.setCurrentIndex(i)
        dialog.accept()

    when_modal(fill)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    stored = controller.store.attachments.for_client(client_id(controller))
    assert [(a.title, a.session_id, a.note) for a in stored] == [
        ("Hogan profile", session.id, "Derailers worth a session")
    ]
    assert vault_bytes(controller, stored[0].id or 0) == data
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 0).text() == "Hogan profile"
    assert tab.table.item(0, 2).text().startswith("Session")
    assert tab.selected_id() == stored[0].id
    assert search(controller.store.conn, "derailers")[0].record_id == stored[0].id


def test_dropped_files_are_added_and_too_large_ones_refused_clearly(
    tab: AttachmentsTab, controller: VaultController, tmp_path: Path
) -> None:
    small = tmp_path / "whiteboard.png"
    data = make_png(small)
    big = tmp_path / "scan.tiff"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    messages: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        if not isinstance(dialog, QMessageBox):  # a progress dialog: not yet
            when_modal(read_and_close)
            return
        messages.append(dialog.text())
        if len(messages) < 2:
            when_modal(read_and_close)  # one message per refused file
        dialog.accept()

    when_modal(read_and_close)
    drop(tab, [small, big, tmp_path])  # a folder too: refused with its own message
    stored = controller.store.attachments.for_client(client_id(controller))
    assert [a.file_name for a in stored] == ["whiteboard.png"]
    assert vault_bytes(controller, stored[0].id or 0) == data
    assert tab.table.rowCount() == 1
    assert len(messages) == 2
    assert "at most 100.0 MB" in messages[0] and "scan.tiff" in messages[0]
    assert tab.adder.last_error is not None and "not a regular file" in tab.adder.last_error


def test_a_large_file_goes_in_with_progress_and_comes_out_identical(
    tab: AttachmentsTab, controller: VaultController, tmp_path: Path
) -> None:
    data = os.urandom(24 * 1024 * 1024 + 5)
    source = tmp_path / "recording.m4a"
    source.write_bytes(data)
    values: list[int] = []
    original = tab_module.QProgressDialog.setValue

    def record(dialog: object, value: int) -> None:
        values.append(value)
        original(dialog, value)  # type: ignore[arg-type]

    tab_module.QProgressDialog.setValue = record  # type: ignore[method-assign]
    try:
        assert tab.add_dropped([source]) == 1
    finally:
        tab_module.QProgressDialog.setValue = original  # type: ignore[method-assign]
    assert values and values == sorted(values) and values[-1] == 1000
    (stored,) = controller.store.attachments.for_client(client_id(controller))
    assert vault_bytes(controller, stored.id or 0) == data


def _view(qtbot: QtBot, tab: AttachmentsTab, row: int) -> viewer_module.AttachmentViewer:
    tab.table.selectRow(row)
    seen: list[viewer_module.AttachmentViewer] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, viewer_module.AttachmentViewer)
        seen.append(dialog)
        dialog.accept()

    when_modal(look)
    qtbot.mouseClick(tab.view_button, Qt.MouseButton.LeftButton)
    assert seen
    return seen[0]


def test_pdf_and_image_are_shown_from_memory(
    qtbot: QtBot, tab: AttachmentsTab, controller: VaultController, tmp_path: Path
) -> None:
    make_pdf(tmp_path / "report.pdf")
    png = make_png(tmp_path / "photo.png")
    tab.add_dropped([tmp_path / "report.pdf", tmp_path / "photo.png"])
    rows = {tab.table.item(r, 3).text(): r for r in range(tab.table.rowCount())}

    attachment = controller.store.attachments.get(tab.table.item(rows["report.pdf"], 0).data(
        tab_module.ID_ROLE
    ))  # fmt: skip
    viewer = viewer_module.AttachmentViewer(controller, attachment)
    qtbot.addWidget(viewer)
    assert viewer.kind == "pdf" and viewer.document is not None
    assert viewer.document.status() == QPdfDocument.Status.Ready
    assert viewer.document.pageCount() == 1
    page = viewer.document.render(0, viewer.document.pagePointSize(0).toSize())
    dark = [
        (x, y)
        for x in range(0, page.width(), 3)
        for y in range(0, page.height() // 3, 3)
        if page.pixelColor(x, y).alpha() > 200 and page.pixelColor(x, y).lightness() < 100
    ]
    assert dark  # the heading was drawn: the PDF really rendered
    assert page.pixelColor(5, 5).alpha() == 0  # QtPdf leaves the page background clear
    viewer.reject()
    assert viewer.data.isEmpty()  # the bytes are dropped on close

    image_viewer = _view(qtbot, tab, rows["photo.png"])
    assert image_viewer.kind == "image" and image_viewer.image_label is not None
    assert image_viewer.data.isEmpty()
    assert QImage.fromData(png).size().width() == 320


def test_other_kinds_can_only_be_saved_out_after_the_reminder(
    qtbot: QtBot, tab: AttachmentsTab, controller: VaultController, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    data = os.urandom(5000)
    (tmp_path / "notes.docx").write_bytes(data)
    tab.add_dropped([tmp_path / "notes.docx"])
    attachment = controller.store.attachments.for_client(client_id(controller))[0]
    viewer = viewer_module.AttachmentViewer(controller, attachment)
    qtbot.addWidget(viewer)
    assert viewer.kind == "other" and viewer.pdf_view is None and viewer.image_label is None

    target = tmp_path / "out" / "notes.docx"
    target.parent.mkdir()
    monkeypatch.setattr(viewer_module, "choose_save_file", lambda *_a: target)
    reminders: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        def act(dialog: QWidget) -> None:
            assert isinstance(dialog, QMessageBox)
            reminders.append(dialog.text())
            dialog.button(button).click()

        when_modal(act)

    answer(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(viewer.save_button, Qt.MouseButton.LeftButton)
    assert not target.exists() and "NOT be encrypted" in reminders[0]
    answer(QMessageBox.StandardButton.Save)
    qtbot.mouseClick(viewer.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == data and viewer.saved_to == target
    assert target.stat().st_mode & 0o777 == 0o600

    # Never into the vault folder, even when chosen in the dialog.
    inside = controller.vault_dir / "copy.docx"
    monkeypatch.setattr(viewer_module, "choose_save_file", lambda *_a: inside)
    when_modal_after: list[str] = []  # the refusal is a second message box

    def refuse(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        when_modal_after.append(dialog.text())
        dialog.accept()

    def chain(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.button(QMessageBox.StandardButton.Save).click()
        when_modal(refuse)

    when_modal(chain)
    viewer.save_copy()
    assert not inside.exists()
    assert when_modal_after and "inside a vault folder" in when_modal_after[0]


def test_edit_and_delete(
    qtbot: QtBot, tab: AttachmentsTab, controller: VaultController, tmp_path: Path
) -> None:
    make_pdf(tmp_path / "contract-scan.pdf")
    tab.add_dropped([tmp_path / "contract-scan.pdf"])
    tab.table.selectRow(0)

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, AttachmentDetailsDialog)
        dialog.title_edit.setText("Signed contract (three signatures)")
        dialog.accept()

    when_modal(rename)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert tab.table.item(0, 0).text() == "Signed contract (three signatures)"

    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.button(QMessageBox.StandardButton.Yes).click()

    when_modal(confirm)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 0
    assert (
        controller.store.conn.execute("SELECT count(*) FROM attachment_contents").fetchone()[0] == 0
    )
    tab.clear()
    assert not tab.add_button.isEnabled()


def test_files_dropped_on_a_client_in_the_list_and_search_hits(
    qtbot: QtBot, controller: VaultController, settings: AppSettings, tmp_path: Path
) -> None:
    window = MainWindow(controller, settings)
    qtbot.addWidget(window)
    window.show()
    window._on_unlocked()
    data = make_pdf(tmp_path / "profile.pdf")
    cid = client_id(controller)
    row = window.clients.row_of(cid)
    index = window.filtered.mapFromSource(window.clients.index(row, 0))
    at = window.client_list.visualRect(index).center()
    assert drop(window.client_list.viewport(), [tmp_path / "profile.pdf"], at)
    (stored,) = controller.store.attachments.for_client(cid)
    assert vault_bytes(controller, stored.id or 0) == data
    # Dropped below the last client: nobody's, nothing stored.
    assert not drop(window.client_list.viewport(), [tmp_path / "profile.pdf"], QPoint(5, 5000))
    assert len(controller.store.attachments.for_client(cid)) == 1

    hit = search(controller.store.conn, "profile")[0]
    window.open_hit(hit)
    current = window.tab_pages[window.tabs.currentIndex()]
    assert isinstance(current, AttachmentsTab)
    assert current.selected_id() == stored.id
    # A viewer left open when the vault locks is closed and forgets the file.
    viewer = viewer_module.AttachmentViewer(controller, stored, window)
    viewer.show()
    assert not viewer.data.isEmpty()
    window.lock(ask=False)
    assert not viewer.isVisible() and viewer.data.isEmpty()
    assert current.table.rowCount() == 0
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            assert not widget.isVisible()
