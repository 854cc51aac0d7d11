"""Printing a report from the app: the print dialog, then the PDF to the printer.

Qt's own way (paint each page onto a QPrinter) prints pictures: on Linux and macOS its
CUPS engine first writes the whole job, as 1200-dpi page images, to a temporary file,
and with no printer it offers "Print to File", an unprotected PDF outside the app's own
save path. So here:

* **CUPS** (Linux, macOS): the coach chooses in Qt's print dialog, the choices are read
  off the QPrinter into plain :class:`~coachdesk.reports.printing.PrintOptions`, and the
  report's PDF bytes stream to ``lp`` (:func:`coachdesk.reports.printing.send_pdf`):
  vector, the size of the PDF, no file.
* **Windows**: pages are painted on the printer's device context in horizontal bands
  (bounded memory) at the printer's resolution, at most :data:`MAX_PAINT_DPI`.
* **No printer**: "No printer is set up on this computer" and the way on, Save as PDF
  (the preview's Save: atomic, owner-only, optional password). The dialog never offers
  "Print to File", and a QPrinter that still ends up pointing at a file is refused.

Kept apart from the preview dialog so other steps before printing can be added there.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrinterInfo,
)
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from coachdesk.reports.printing import (
    JOB_TITLE,
    PrintOptions,
    Route,
    Sides,
    print_route,
    send_pdf,
)
from coachdesk.ui.workers import Job

NO_PRINTER = "No printer is set up on this computer."
NO_PRINTER_WAY_ON = (
    "Save the report as a PDF instead: CoachDesk keeps the file private to you and can "
    "protect it with a password. Print it once a printer is set up, or from another "
    "computer."
)
NO_FILE_PRINTING = (
    "CoachDesk does not print to a file. Save the report as a PDF instead: the file is "
    "private to you and can be protected with a password."
)
SPOOL_NOTE = (
    "Your computer's print queue keeps a copy of each job for a while (CUPS: "
    "PreserveJobFiles No removes it once printed)."
)
"""The print dialog's help line: what the operating system keeps (docs/security.md)."""

MAX_PAINT_DPI = 600
"""Where pages are painted (Windows), never finer than this: 1200 dpi made a 4-page
report a 28 MB job for no visible gain."""
BAND_BYTES = 16 * 1024 * 1024
"""Pages are painted in bands of at most this many bytes: memory stays bounded
whatever the resolution or the number of pages."""

# IPP/PWG media names (PWG 5101.1): every CUPS scheduler maps them to its printers' own
# paper names, whatever a PPD calls them ("Letter", "AnsiA", …).
_PWG_MEDIA = {
    QPageSize.PageSizeId.A3: "iso_a3_297x420mm",
    QPageSize.PageSizeId.A4: "iso_a4_210x297mm",
    QPageSize.PageSizeId.A5: "iso_a5_148x210mm",
    QPageSize.PageSizeId.B5: "iso_b5_176x250mm",
    QPageSize.PageSizeId.Letter: "na_letter_8.5x11in",
    QPageSize.PageSizeId.Legal: "na_legal_8.5x14in",
    QPageSize.PageSizeId.Executive: "na_executive_7.25x10.5in",
    QPageSize.PageSizeId.Tabloid: "na_ledger_11x17in",
}

_DUPLEX = {
    QPrinter.DuplexMode.DuplexNone: Sides.ONE_SIDED,
    QPrinter.DuplexMode.DuplexLongSide: Sides.LONG_EDGE,
    QPrinter.DuplexMode.DuplexShortSide: Sides.SHORT_EDGE,
}


def installed_printers() -> list[str]:
    """The printers the operating system offers (CUPS's queues, Windows' printers)."""
    return list(QPrinterInfo.availablePrinterNames())


def page_ranges(printer: QPrinter, page_count: int) -> list[tuple[int, int]]:
    """The pages the coach chose, as (first, last) pairs; empty means all of them."""
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return []
    ranges = [(r.from_, r.to) for r in printer.pageRanges().toRangeList()]
    if not ranges and printer.fromPage() > 0:
        ranges = [(printer.fromPage(), printer.toPage() or page_count)]
    return [(max(1, a), min(b, page_count)) for a, b in ranges if a <= page_count]


def print_options(printer: QPrinter, page_count: int) -> PrintOptions:
    """Read the print dialog's choices off ``printer`` into plain values."""
    duplex = printer.duplex()
    if duplex == QPrinter.DuplexMode.DuplexAuto:
        landscape = printer.pageLayout().orientation() != printer.pageLayout().Orientation.Portrait
        sides: Sides | None = Sides.SHORT_EDGE if landscape else Sides.LONG_EDGE
    else:
        sides = _DUPLEX.get(duplex)
    size = printer.pageLayout().pageSize()
    media = ""
    if size.isValid() and size.id() != QPageSize.PageSizeId.Custom:
        media = _PWG_MEDIA.get(size.id(), size.key())
    return PrintOptions(
        printer=printer.printerName(),
        copies=max(1, printer.copyCount()),
        page_ranges=tuple(page_ranges(printer, page_count)),
        sides=sides,
        media=media,
        collate=printer.collateCopies(),
        grayscale=printer.colorMode() == QPrinter.ColorMode.GrayScale,
    )


def prints_to_a_file(printer: QPrinter) -> bool:
    """True if Qt would write this job to a file rather than hand it to a printer."""
    return printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or bool(
        printer.outputFileName()
    )


def make_print_dialog(printer: QPrinter, page_count: int, parent: QWidget) -> QPrintDialog:
    """Qt's print dialog without "Print to File", with the spool note as its help line."""
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    option = QAbstractPrintDialog.PrintDialogOption
    dialog.setOption(option.PrintToFile, False)
    dialog.setOption(option.PrintSelection, False)
    dialog.setOption(option.PrintCurrentPage, False)
    dialog.setOption(option.PrintPageRange, True)
    dialog.setOption(option.PrintCollateCopies, True)
    dialog.setOption(option.PrintShowPageSize, True)
    dialog.setMinMax(1, max(1, page_count))
    dialog.setWindowTitle("Print")
    dialog.setToolTip(SPOOL_NOTE)
    dialog.setWhatsThis(SPOOL_NOTE)
    layout = dialog.layout()
    if isinstance(layout, QBoxLayout):  # Qt's own dialog (Linux); native ones have none
        note = QLabel(SPOOL_NOTE, dialog)
        note.setObjectName("spoolNote")
        note.setWordWrap(True)
        layout.insertWidget(max(0, layout.count() - 1), note)
    return dialog


def offer_save_instead(parent: QWidget, text: str, save: Callable[[], None]) -> None:
    """Say why nothing prints and offer the app's own Save as PDF."""
    box = QMessageBox(QMessageBox.Icon.Information, "Print", text, parent=parent)
    box.setObjectName("noPrinterMessage")
    box.setInformativeText(NO_PRINTER_WAY_ON if text == NO_PRINTER else "")
    save_button = box.addButton("Save as PDF…", QMessageBox.ButtonRole.AcceptRole)
    save_button.setObjectName("saveInsteadButton")
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(save_button)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is save_button:
        save()


class PrintState(StrEnum):
    CHOOSING = "choosing"
    SENDING = "sending"
    SENT = "sent"
    CANCELLED = "cancelled"
    FAILED = "failed"
    NOT_PRINTED = "not printed"  # no printer, dialog closed, or a file was asked for


class PrintRun(QObject):
    """One press of Print: the dialog, then the job, with progress and Cancel."""

    ended = Signal(str)  # a sentence for the coach
    progressed = Signal(int, int)  # bytes or pages done, of total

    def __init__(
        self,
        parent: QWidget,
        pdf: bytes,
        document: QPdfDocument,
        save_instead: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.pdf = pdf
        self.document = document
        self.save_instead = save_instead
        self.state = PrintState.CHOOSING
        self.job_id = ""
        self.message = ""
        self.printer_name = ""
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None

    def start(self) -> None:
        route = print_route()
        if route is Route.NONE or not installed_printers():
            self._end(PrintState.NOT_PRINTED, NO_PRINTER)
            offer_save_instead(self.parent_widget, NO_PRINTER, self.save_instead)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(JOB_TITLE)
        first = self.document.pagePointSize(0)
        size = QPageSize(QSize(round(first.width()), round(first.height())))
        if size.id() != QPageSize.PageSizeId.Custom:
            printer.setPageSize(QPageSize(size.id()))
        pages = self.document.pageCount()
        dialog = make_print_dialog(printer, pages, self.parent_widget)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            self._end(PrintState.NOT_PRINTED, "")
            return
        if prints_to_a_file(printer):
            self._end(PrintState.NOT_PRINTED, NO_FILE_PRINTING)
            offer_save_instead(self.parent_widget, NO_FILE_PRINTING, self.save_instead)
            return
        if route is Route.CUPS:
            self._send(print_options(printer, pages))
        else:
            self._paint(printer)

    def _show_progress(self, label: str, maximum: int) -> QProgressDialog:
        progress = QProgressDialog(label, "Cancel", 0, maximum, self.parent_widget)
        progress.setObjectName("printProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self.progress = progress
        return progress

    def _send(self, options: PrintOptions) -> None:
        pdf = self.pdf

        def run(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> str:
            return send_pdf(pdf, options, progress=progress, cancelled=cancelled)

        self.state = PrintState.SENDING
        self.printer_name = options.printer
        job = Job(run)
        dialog = self._show_progress("Sending the report to the printer…", 100)
        dialog.canceled.connect(job.cancel)
        # Bound methods of this QObject: if the preview closes meanwhile (a lock), Qt
        # drops the connections with it.
        job.signals.progress.connect(self._sending)
        job.signals.finished.connect(self._sent)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._cancelled)
        self.job = job
        job.start()

    def _sending(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setValue(done * 100 // total if total else 0)
        self.progressed.emit(done, total)

    def _sent(self, job_id: object) -> None:
        self.job_id = str(job_id)
        self._end(PrintState.SENT, f"Sent to {self.printer_name}.")

    def _failed(self, message: str) -> None:
        self._end(PrintState.FAILED, message, warn=True)

    def _cancelled(self) -> None:
        self._end(PrintState.CANCELLED, "Printing was cancelled.")

    def _paint(self, printer: QPrinter) -> None:
        pages = _pages_to_paint(printer, self.document.pageCount())
        dialog = self._show_progress("Printing…", len(pages))
        self.state = PrintState.SENDING

        def step(done: int, total: int) -> None:
            dialog.setValue(done)
            self.progressed.emit(done, total)
            QApplication.processEvents()

        printer.setResolution(min(printer.resolution(), MAX_PAINT_DPI))
        printed = paint_pages(
            self.document, printer, pages, progress=step, cancelled=dialog.wasCanceled
        )
        if dialog.wasCanceled():
            printer.abort()
            self._cancelled()
        elif printed < len(pages):
            self._end(PrintState.FAILED, "The printer could not be started.", True)
        else:
            self._end(PrintState.SENT, f"Sent to {printer.printerName()}.")

    def _end(self, state: PrintState, message: str, warn: bool = False) -> None:
        self.state = state
        self.message = message
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.job = None  # its function kept the PDF alive
        self.pdf = b""
        if warn:
            QMessageBox.warning(self.parent_widget, "Not printed", message)
        self.ended.emit(message)


def _pages_to_paint(printer: QPrinter, page_count: int) -> list[int]:
    ranges = page_ranges(printer, page_count) or [(1, page_count)]
    return [page - 1 for first, last in ranges for page in range(first, last + 1)]


def paint_pages(
    document: QPdfDocument,
    device: QPagedPaintDevice,
    pages: list[int],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    band_bytes: int = BAND_BYTES,
) -> int:
    """Paint ``pages`` (0-based) of ``document`` on ``device`` at its resolution, one
    horizontal band at a time so memory stays bounded; returns the pages painted.

    The caller chooses the device's resolution (at most :data:`MAX_PAINT_DPI`).
    """
    painter = QPainter()
    if not painter.begin(device):
        return 0
    done = 0
    try:
        for index, page in enumerate(pages):
            if cancelled is not None and cancelled():
                break
            if index:
                device.newPage()
            _paint_page(document, page, painter, band_bytes)
            done += 1
            if progress is not None:
                progress(done, len(pages))
    finally:
        painter.end()
    return done


def _paint_page(document: QPdfDocument, page: int, painter: QPainter, band_bytes: int) -> None:
    target = painter.viewport()
    size = document.pagePointSize(page)
    scale = min(target.width() / size.width(), target.height() / size.height())
    width, height = int(size.width() * scale), int(size.height() * scale)
    rows = max(1, band_bytes // (4 * max(1, width)))
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(QSize(width, height))
    for top in range(0, height, rows):
        band = min(rows, height - top)
        # Qt 6 scales a clipped render by (right - left) / image width and (bottom - top)
        # / image height, and QRect's right() and bottom() are inclusive: one more pixel
        # each way makes the band exactly the page's scale (else 15-row bands shrink
        # the page by 1/15). Were Qt to change that, a band would be off by one row.
        options.setScaledClipRect(QRect(0, top, width + 1, band + 1))
        image: QImage = document.render(page, QSize(width, band), options)
        painter.drawImage(QPoint(0, top), image)
        del image
