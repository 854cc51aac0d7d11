"""Showing an attachment without writing it anywhere, and saving a copy on request.

The bytes are read from the vault in chunks straight into one ``QByteArray`` (one copy
in memory, no temp file) and shown from a ``QBuffer``: PDFs in QtPdf's viewer, images
in a scrollable image view. Other kinds can only be saved out. "Save a copy…" first
reminds the coach that the copy is not encrypted, then writes only where they choose,
atomically and owner-only, streamed from the vault (never into a vault folder).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.attachments import Attachment, AttachmentKind, clean_file_name, kind_of
from coachdesk.core.errors import CoachDeskError
from coachdesk.ui.controller import VaultController
from coachdesk.ui.files import choose_save_file
from coachdesk.ui.screen import size_to_screen
from coachdesk.vault.attachments import check_copy_target

NOT_ENCRYPTED = (
    "The copy will NOT be encrypted: anyone who can open the folder you choose can read "
    "it, and backup or sync tools may copy it. Delete it when you no longer need it."
)


def read_into_memory(controller: VaultController, attachment: Attachment) -> QByteArray:
    """The attachment's bytes in one QByteArray, filled chunk by chunk."""
    data = QByteArray()
    data.reserve(attachment.size)
    for chunk in controller.store.attachments.chunks(attachment.id or 0):
        data.append(chunk)
    return data


def viewable_kind(data: QByteArray) -> str:
    """PDF, image (any format Qt reads, told from the content) or other."""
    if kind_of(bytes(data.left(1024).data())) == AttachmentKind.PDF:
        return AttachmentKind.PDF
    buffer = QBuffer()
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    readable = reader.canRead()
    buffer.close()
    return AttachmentKind.IMAGE if readable else AttachmentKind.OTHER


def save_copy_with_reminder(
    parent: QWidget, controller: VaultController, attachment: Attachment
) -> Path | None:
    """Remind, ask where, write (streamed from the vault). Returns where, or None."""
    answer = QMessageBox.warning(
        parent,
        "Save a copy",
        NOT_ENCRYPTED,
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Save:
        return None
    target = choose_save_file(
        parent,
        "Save a copy (not encrypted)",
        clean_file_name(attachment.file_name),
        "All files (*)",
    )
    if target is None:
        return None
    try:
        # The file dialog asked before replacing an existing file.
        check_copy_target(target, controller.vault_dir, may_exist=True)
        controller.store.attachments.save_copy(attachment.id or 0, target)
    except CoachDeskError as exc:
        QMessageBox.warning(parent, "Not saved", str(exc)[:1].upper() + str(exc)[1:])
        return None
    except OSError as exc:
        QMessageBox.warning(parent, "Not saved", f"The copy could not be saved: {exc.strerror}.")
        return None
    return target


class AttachmentViewer(QDialog):
    """One attachment, shown from memory. Forgets its bytes when closed."""

    def __init__(
        self, controller: VaultController, attachment: Attachment, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.setWindowTitle(attachment.title)
        self.controller = controller
        self.attachment = attachment
        self.saved_to: Path | None = None
        self.data = read_into_memory(controller, attachment)
        self.kind = viewable_kind(self.data)
        self._buffer = QBuffer(self)
        self._buffer.setData(self.data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document: QPdfDocument | None = None
        self.pdf_view: QPdfView | None = None
        self.image_label: QLabel | None = None
        layout = QVBoxLayout(self)
        if self.kind == AttachmentKind.PDF:
            layout.addWidget(self._pdf_view(), 1)
        elif self.kind == AttachmentKind.IMAGE:
            layout.addWidget(self._image_view(), 1)
        if self.kind == AttachmentKind.OTHER:
            message = QLabel(
                "CoachDesk cannot show this kind of file. Save a copy to open it in another "
                "program (the copy is not encrypted).",
                self,
            )
            message.setObjectName("cannotShow")
            message.setWordWrap(True)
            message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(message, 1)
        self.save_button = QPushButton("Save a copy…", self)
        self.save_button.setObjectName("saveCopyButton")
        self.save_button.clicked.connect(self.save_copy)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        info = QLabel(f"{attachment.file_name} · stored encrypted in the vault", self)
        info.setObjectName("hint")
        bar.addWidget(info)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(close)
        layout.addLayout(bar)
        # As the report preview: no taller than the screen (900 px fell off a laptop's).
        size_to_screen(self, QSize(860, 900 if self.kind == AttachmentKind.PDF else 700))

    def _pdf_view(self) -> QWidget:
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.kind = AttachmentKind.OTHER  # damaged or password-protected: save it out
            return QWidget(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("attachmentPdf")
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        return self.pdf_view

    def _image_view(self) -> QWidget:
        reader = QImageReader(self._buffer)
        reader.setDecideFormatFromContent(True)
        reader.setAutoTransform(True)  # photos taken upright show upright
        image: QImage = reader.read()
        self._buffer.seek(0)
        if image.isNull():
            self.kind = AttachmentKind.OTHER
            return QWidget(self)
        self.image_label = QLabel(self)
        self.image_label.setObjectName("attachmentImage")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap.fromImage(image)
        if pixmap.width() > 1600 or pixmap.height() > 1600:
            pixmap = pixmap.scaled(
                1600, 1600, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )  # fmt: skip
        self.image_label.setPixmap(pixmap)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image_label)
        scroll.setWidgetResizable(True)
        return scroll

    def save_copy(self) -> None:
        saved = save_copy_with_reminder(self, self.controller, self.attachment)
        if saved is not None:
            self.saved_to = saved

    def done(self, result: int) -> None:
        if self.pdf_view is not None:
            # An empty document, not None: None makes Qt warn on stderr at every close
            # (as the report preview does).
            self.pdf_view.setDocument(QPdfDocument(self))
        if self.document is not None:
            self.document.close()
        if self.image_label is not None:
            self.image_label.clear()
        self._buffer.close()
        self._buffer.setData(QByteArray())
        self.data = QByteArray()
        super().done(result)
