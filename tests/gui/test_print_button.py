"""The preview's Print button, driven as a coach would, through Qt's real print dialog
and a real private CUPS scheduler (tests/cups_support.py)."""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cups_support import CUPS_PDF, FolderWatch, Scheduler, pdf_pages, pdf_text, reset_libcups
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.reports import ReportKind, render_recovery_kit, render_report
from coachdesk.ui import printing
from coachdesk.ui.printing import (
    NO_FILE_PRINTING,
    NO_PRINTER,
    SPOOL_NOTE,
    PrintState,
    paint_pages,
    print_options,
    prints_to_a_file,
)
from coachdesk.ui.reports import ReportPreviewDialog
from dialogs import when_dialog
from testsupport import sample_engagement

GREEK_NAME = "Ελένη Παπαδοπούλου"
TODAY = date(2026, 3, 1)


@pytest.fixture
def private_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return home, tmp


def _point_cups_at(server: str | None) -> None:
    if server is None:
        os.environ.pop("CUPS_SERVER", None)
    else:
        os.environ["CUPS_SERVER"] = server
    reset_libcups()  # Qt asks libcups, which caches the server


@pytest.fixture
def printers(cups_scheduler: Scheduler) -> Iterator[Scheduler]:
    """Qt and lp see the test scheduler's queues."""
    before = os.environ.get("CUPS_SERVER")
    _point_cups_at(str(cups_scheduler.socket))
    yield cups_scheduler
    _point_cups_at(before)


@pytest.fixture
def no_printer(tmp_path: Path) -> Iterator[None]:
    """A computer without a printer: the scheduler libcups would ask does not exist."""
    before = os.environ.get("CUPS_SERVER")
    _point_cups_at(str(tmp_path / "no-scheduler.sock"))
    yield
    _point_cups_at(before)


def _preview(
    qtbot: QtBot, pdf: bytes, kind: ReportKind = ReportKind.PROGRESS
) -> ReportPreviewDialog:
    dialog = ReportPreviewDialog(kind, pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose_in_print_dialog(
    seen: dict[str, Any], printer: str, first: int = 0, last: int = 0, copies: int = 1
) -> Any:
    """What a coach does in Qt's print dialog: pick the printer, pages and copies."""

    def act(dialog: QWidget) -> None:
        combo = dialog.findChild(QComboBox, "printers")
        assert combo is not None
        seen["printers"] = [combo.itemText(i) for i in range(combo.count())]
        note = dialog.findChild(QLabel, "spoolNote")
        seen["note"] = note.text() if note is not None else None
        combo.setCurrentIndex(combo.findText(printer))
        if first:
            dialog.findChild(QRadioButton, "printRange").setChecked(True)  # type: ignore[union-attr]
            dialog.findChild(QSpinBox, "from").setValue(first)  # type: ignore[union-attr]
            dialog.findChild(QSpinBox, "to").setValue(last)  # type: ignore[union-attr]
        dialog.findChild(QSpinBox, "copies").setValue(copies)  # type: ignore[union-attr]
        dialog.accept()  # type: ignore[attr-defined]

    return act


def test_print_button_prints_text_through_cups_and_writes_no_file(
    qtbot: QtBot, printers: Scheduler, private_places: tuple[Path, Path], tmp_path: Path
) -> None:
    pdf = render_report(ReportKind.PROGRESS, sample_engagement(GREEK_NAME), today=TODAY)
    preview = _preview(qtbot, pdf)
    seen: dict[str, Any] = {}
    home, tmp = private_places
    with FolderWatch(home, tmp) as watch:
        when_dialog(QPrintDialog, _choose_in_print_dialog(seen, CUPS_PDF, first=1, last=2))
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        run = preview.print_run
        assert run is not None
        qtbot.waitUntil(lambda: run.state in (PrintState.SENT, PrintState.FAILED), timeout=30_000)
        assert run.state is PrintState.SENT, run.message
        printed = printers.cups_pdf_output(run.job_id)
    assert watch.new == set(), "the app wrote files while printing"
    # The dialog offered the queues, never a file, and said what the spool keeps.
    assert CUPS_PDF in seen["printers"]
    assert not any("file" in item.lower() for item in seen["printers"]), seen["printers"]
    assert seen["note"] == SPOOL_NOTE
    assert preview.pages_label.text() == f"Sent to {CUPS_PDF}."
    # Pages 1-2 of 3, as text, named by the fixed title.
    assert pdf_pages(printed) == 2
    text = pdf_text(printed)
    assert "Progress report" in text and "Distance to the agreed results" in text
    assert printed.name.startswith("CoachDesk_report")
    # Look at it: the printed first page rendered, as a person would see it.
    png = tmp_path / "printed"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(printed), str(png)], check=True
    )
    image = QImage(str(next(tmp_path.glob("printed*.png"))))
    assert not image.isNull() and image.width() > 300
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if QColor(image.pixel(x, y)).lightness() < 100
    )
    assert dark > 200  # text and charts, not a blank page


def test_the_watch_sees_what_qt_s_own_print_engine_wrote(
    qtbot: QtBot, printers: Scheduler, private_places: tuple[Path, Path]
) -> None:
    """The old way, for contrast: painting on a QPrinter makes Qt's CUPS engine write
    the job to a temporary file first. The folder watch sees it, so its silence in the
    tests above means something."""
    pdf = render_report(ReportKind.PROGRESS, sample_engagement(GREEK_NAME), today=TODAY)
    document, _buffer = _document(pdf)
    home, tmp = private_places
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(CUPS_PDF)
    printer.setResolution(100)
    with FolderWatch(home, tmp) as watch:
        assert paint_pages(document, printer, [0]) == 1
    jobs = [path for path in watch.new if path.parent == tmp]
    assert jobs, watch.new
    # and it reads what was in it: the page, as PostScript or PDF, not a printer's PPD
    assert any((watch.kept[path] or b"")[:4] in (b"%!PS", b"%PDF") for path in jobs), {
        path: (watch.kept[path] or b"")[:40] for path in jobs
    }


def test_the_recovery_kit_prints_from_its_preview(
    qtbot: QtBot, printers: Scheduler, private_places: tuple[Path, Path]
) -> None:
    pdf = render_recovery_kit("ABCD-EFGH-JKLM-NPQR", "/home/coach/vault", today=TODAY)
    preview = _preview(qtbot, pdf, ReportKind.RECOVERY_KIT)
    seen: dict[str, Any] = {}
    home, tmp = private_places
    with FolderWatch(home, tmp) as watch:
        when_dialog(QPrintDialog, _choose_in_print_dialog(seen, CUPS_PDF))
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        run = preview.print_run
        assert run is not None
        qtbot.waitUntil(lambda: run.state in (PrintState.SENT, PrintState.FAILED), timeout=30_000)
        printed = printers.cups_pdf_output(run.job_id)
    assert watch.new == set()
    assert pdf_pages(printed) == 1
    assert "Recovery" in pdf_text(printed)


def test_no_printer_says_so_and_saves_only_through_the_app(
    qtbot: QtBot, no_printer: None, private_places: tuple[Path, Path]
) -> None:
    pdf = render_report(ReportKind.PROGRESS, sample_engagement(GREEK_NAME), today=TODAY)
    preview = _preview(qtbot, pdf)
    home, tmp = private_places
    preview.protect.setChecked(True)
    qtbot.keyClicks(preview.password, "pdf secret")
    target = home / "report.pdf"
    seen: dict[str, str] = {}

    def save_here(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(target))
        dialog.accept()

    def message(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        seen["more"] = box.informativeText()
        when_dialog(QFileDialog, save_here)
        button = box.findChild(QPushButton, "saveInsteadButton")
        assert button is not None
        button.click()

    with FolderWatch(home, tmp) as watch:
        when_dialog(QMessageBox, message)
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: preview.saved_to is not None, timeout=10_000)
    assert seen["text"] == NO_PRINTER == "No printer is set up on this computer."
    assert "Save the report as a PDF" in seen["more"]
    assert preview.print_run is not None and preview.print_run.state is PrintState.NOT_PRINTED
    # The one file written is the app's own save: owner-only and encrypted.
    pdfs = {p for p in watch.new if p.suffix == ".pdf" or p.name.startswith(".")}
    assert {p for p in pdfs if p.is_file()} == {target}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    from pypdf import PdfReader

    assert PdfReader(str(target)).is_encrypted


def test_no_printer_and_close_writes_nothing(
    qtbot: QtBot, no_printer: None, private_places: tuple[Path, Path]
) -> None:
    pdf = render_report(ReportKind.SESSION, sample_engagement(GREEK_NAME), today=TODAY)
    preview = _preview(qtbot, pdf, ReportKind.SESSION)
    home, tmp = private_places

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Close).click()  # type: ignore[union-attr]

    with FolderWatch(home, tmp) as watch:
        when_dialog(QMessageBox, close)
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        run = preview.print_run
        assert run is not None
        qtbot.waitUntil(lambda: run.message == NO_PRINTER, timeout=10_000)
    assert watch.new == set()
    assert preview.saved_to is None and preview.isVisible()


def test_a_printer_pointed_at_a_file_is_refused(
    qtbot: QtBot, printers: Scheduler, private_places: tuple[Path, Path]
) -> None:
    """Whatever sets an output file on the QPrinter (Qt's "Print to File", a platform
    dialog), CoachDesk does not write it: it offers its own Save instead."""
    pdf = render_report(ReportKind.PROGRESS, sample_engagement(GREEK_NAME), today=TODAY)
    preview = _preview(qtbot, pdf)
    home, tmp = private_places
    sneaky = home / "printed.pdf"
    seen: dict[str, str] = {}

    def to_a_file(dialog: QWidget) -> None:
        assert isinstance(dialog, QPrintDialog)
        when_dialog(QMessageBox, refuse)
        dialog.printer().setOutputFileName(str(sneaky))
        dialog.done(QPrintDialog.DialogCode.Accepted)

    def refuse(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.Close).click()  # type: ignore[union-attr]

    with FolderWatch(home, tmp) as watch:
        when_dialog(QPrintDialog, to_a_file)
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "text" in seen, timeout=10_000)
    assert seen["text"] == NO_FILE_PRINTING
    assert watch.new == set() and not sneaky.exists()


def test_prints_to_a_file_catches_every_way_qt_writes_a_file(qapp: object, tmp_path: Path) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    assert prints_to_a_file(printer)
    printer = QPrinter()
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    assert prints_to_a_file(printer)


def test_the_dialog_s_choices_become_plain_options(qapp: object, printers: Scheduler) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(CUPS_PDF)
    printer.setCopyCount(2)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)  # cups-pdf cannot: Qt says so
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    options = print_options(printer, page_count=5)
    assert options.printer == CUPS_PDF
    assert options.copies == 2
    assert list(options.page_ranges) == [(2, 3)]
    assert options.sides is not None and options.sides.value == "one-sided"
    assert options.media == "na_letter_8.5x11in"
    assert options.grayscale
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    assert print_options(printer, page_count=5).page_ranges == ()


# -- painting pages (Windows, where the print engine draws on the printer) -----------------


def _document(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def test_painted_pages_come_in_bands_that_add_up_to_the_page(qapp: object) -> None:
    pdf = render_report(ReportKind.PROGRESS, sample_engagement(GREEK_NAME), today=TODAY)
    document, _buffer = _document(pdf)

    def paint(band_bytes: int) -> QImage:
        image = QImage(827, 1169, QImage.Format.Format_ARGB32)  # A4 at 100 dpi
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        printing._paint_page(document, 0, painter, band_bytes)
        painter.end()
        return image

    whole = paint(1 << 30)
    banded = paint(200_000)  # bands of 60 rows: 19 seams on the page

    def grey(image: QImage, x: int, y: int) -> int:
        return QColor(image.pixel(x, min(max(y, 0), image.height() - 1))).lightness()

    def differing(shifts: tuple[int, ...]) -> int:
        return sum(
            1
            for y in range(0, whole.height(), 2)
            for x in range(0, whole.width(), 2)
            if min(abs(grey(whole, x, y) - grey(banded, x, y + dy)) for dy in shifts) > 40
        )

    # The same page, to a pixel row (band edges may round a thin rule to the next row)
    same = differing((-1, 0, 1))
    assert same < whole.width() * whole.height() // 4 // 1000, same
    # ... while a page off by three rows is told apart at once.
    assert differing((3,)) > 10 * max(same, 1)


def test_painting_stops_at_cancel_and_reports_progress(qapp: object) -> None:
    pdf = render_report(ReportKind.PROGRESS, sample_engagement(GREEK_NAME), today=TODAY)
    document, _buffer = _document(pdf)
    writer = QPdfWriter(os.devnull)  # painting is what is tested, not what is kept
    writer.setResolution(printing.MAX_PAINT_DPI)
    steps: list[tuple[int, int]] = []
    done = paint_pages(
        document,
        writer,
        [0, 1, 2],
        progress=lambda d, t: steps.append((d, t)),
        cancelled=lambda: len(steps) >= 2,
    )
    assert done == 2 and steps == [(1, 3), (2, 3)]


def test_without_the_cups_print_command_it_is_the_no_printer_path(
    qtbot: QtBot,
    printers: Scheduler,
    private_places: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Printers listed but no lp (CUPS's client tools missing): nothing could print
    them without Qt's engine and its temp file, so the coach is told, as with none."""
    monkeypatch.setenv("PATH", str(private_places[1]))
    pdf = render_report(ReportKind.CONTRACT, sample_engagement(GREEK_NAME), today=TODAY)
    preview = _preview(qtbot, pdf, ReportKind.CONTRACT)
    seen: dict[str, str] = {}

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.Close).click()  # type: ignore[union-attr]

    when_dialog(QMessageBox, close)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "text" in seen, timeout=10_000)
    assert seen["text"] == NO_PRINTER


def test_a_printer_that_refuses_the_job_is_one_clear_sentence(
    qtbot: QtBot, printers: Scheduler, private_places: tuple[Path, Path]
) -> None:
    pdf = render_report(ReportKind.SPONSOR, sample_engagement(GREEK_NAME), today=TODAY)
    preview = _preview(qtbot, pdf, ReportKind.SPONSOR)
    seen: dict[str, Any] = {}
    warning: dict[str, str] = {}

    def choose_then_printer_goes_away(dialog: QWidget) -> None:
        # Between the dialog and the job the queue stops accepting (unplugged, paused).
        subprocess.run(["cupsreject", CUPS_PDF], env=printers.env(), check=True)
        when_dialog(QMessageBox, read_warning)
        _choose_in_print_dialog(seen, CUPS_PDF)(dialog)

    def read_warning(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        warning["text"] = box.text()
        box.button(QMessageBox.StandardButton.Ok).click()  # type: ignore[union-attr]

    try:
        when_dialog(QPrintDialog, choose_then_printer_goes_away)
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "text" in warning, timeout=30_000)
    finally:
        subprocess.run(["cupsaccept", CUPS_PDF], env=printers.env(), check=True)
    assert warning["text"].startswith("The printer did not take the job:")
    assert "\n" not in warning["text"] and "Traceback" not in warning["text"]
    assert preview.print_run is not None and preview.print_run.state is PrintState.FAILED


def test_cancel_in_the_progress_dialog_cancels_the_job(
    qtbot: QtBot, printers: Scheduler, private_places: tuple[Path, Path]
) -> None:
    """A long document (40 MB, an attachment makes it so) shows progress; Cancel there
    cancels the job in the scheduler, so nothing prints."""
    import io

    from pypdf import PdfReader, PdfWriter

    small = render_report(ReportKind.PROGRESS, sample_engagement(GREEK_NAME), today=TODAY)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small)))
    writer.add_attachment("padding.bin", os.urandom(40 * 1024 * 1024))
    out = io.BytesIO()
    writer.write(out)
    pdf = out.getvalue()
    preview = _preview(qtbot, pdf)
    assert preview.document.pageCount() == 3
    # A busy printer: the job waits behind others, so Cancel reaches it in time.
    subprocess.run(["cupsdisable", CUPS_PDF], env=printers.env(), check=True)
    seen: dict[str, Any] = {}
    progress: list[int] = []

    def cancel_once_sending(done: int, _total: int) -> None:
        progress.append(done)
        run = preview.print_run
        if len(progress) == 3 and run is not None and run.progress is not None:
            cancel = run.progress.findChild(QPushButton)
            assert cancel is not None and cancel.text() == "Cancel"
            cancel.click()

    def choose(dialog: QWidget) -> None:
        run = preview.print_run
        assert run is not None
        run.progressed.connect(cancel_once_sending)
        _choose_in_print_dialog(seen, CUPS_PDF)(dialog)

    try:
        when_dialog(QPrintDialog, choose)
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        run = preview.print_run
        assert run is not None
        qtbot.waitUntil(
            lambda: run.state not in (PrintState.CHOOSING, PrintState.SENDING), timeout=60_000
        )
        assert run.state is PrintState.CANCELLED, run.message
        assert len(progress) >= 3 and progress[2] < len(pdf)
        assert printers.incoming_jobs() == []  # cancelled, not waiting to print
    finally:
        subprocess.run(["cupsenable", CUPS_PDF], env=printers.env(), check=True)
