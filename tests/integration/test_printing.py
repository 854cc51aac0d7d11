"""Printing through a real CUPS scheduler the test starts itself (tests/cups_support.py).

The report's PDF goes to ``lp`` (coachdesk.reports.printing.send_pdf) and comes out of
a cups-pdf queue (the PostScript route of an ordinary driver) and of a PDF printer (the
route of driverless printers); both outputs are read back with poppler.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from cups_support import (
    CUPS_PDF,
    PDF_PRINTER,
    FolderWatch,
    Scheduler,
    missing,
    pdf_pages,
    pdf_text,
)

from coachdesk.core.errors import InvalidInput
from coachdesk.reports import ReportKind, render_recovery_kit, render_report
from coachdesk.reports.printing import (
    JOB_TITLE,
    PrintCancelled,
    PrintFailed,
    PrintOptions,
    Sides,
    send_pdf,
)
from testsupport import sample_engagement

GREEK_NAME = "Ελένη Παπαδοπούλου"
HEADINGS = ["Progress report", "Distance to the agreed results", "Milestones", "Risks"]
TODAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def progress_pdf() -> bytes:
    return render_report(ReportKind.PROGRESS, sample_engagement(GREEK_NAME), today=TODAY)


@pytest.fixture
def private_places(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cups_scheduler: Scheduler
) -> Iterator[tuple[Path, Path]]:
    """HOME and TMPDIR of their own (to watch), and lp pointed at the test scheduler."""
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setenv("CUPS_SERVER", str(cups_scheduler.socket))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield home, tmp


def _page_log(scheduler: Scheduler, job_id: str) -> str:
    number = scheduler.job_number(job_id)
    lines = (scheduler.root / "log" / "page_log").read_text().splitlines()
    found = [line for line in lines if line.split()[2] == str(number)]
    assert found, lines
    return found[-1]


def _gray_pages(pdf: Path, out: Path, first: int, last: int) -> list[list[bytes]]:
    """Pages rendered by pdftoppm at 20 dpi, grey, as rows of pixels."""
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "72",
            "-f",
            str(first),
            "-l",
            str(last),
            str(pdf),
            str(out / "p"),
        ],
        check=True,
    )
    pages = []
    for path in sorted(out.glob("p-*.pgm")):
        magic, size, _depth, pixels = path.read_bytes().split(b"\n", 3)
        assert magic == b"P5"
        width, height = map(int, size.split())
        pages.append([pixels[row * width : (row + 1) * width] for row in range(height)])
        path.unlink()
    return pages


def _difference(a: list[bytes], b: list[bytes]) -> float:
    """Mean absolute grey difference (0-255) over the area both pages cover."""
    total = count = 0
    for row_a, row_b in zip(a, b, strict=False):
        for x, y in zip(row_a, row_b, strict=False):
            total += abs(x - y)
            count += 1
    return total / count


def test_cups_pdf_prints_every_page_as_text_the_size_of_the_pdf(
    cups_scheduler: Scheduler,
    private_places: tuple[Path, Path],
    progress_pdf: bytes,
    tmp_path: Path,
) -> None:
    home, tmp = private_places
    source = tmp_path / "source.pdf"
    source.write_bytes(progress_pdf)
    with FolderWatch(home, tmp) as watch:
        job_id = send_pdf(progress_pdf, PrintOptions(printer=CUPS_PDF))
        printed = cups_scheduler.cups_pdf_output(job_id)
    assert watch.new == set(), "the app wrote files while printing"
    assert pdf_pages(printed) == pdf_pages(source) == 3
    text = pdf_text(printed)
    for heading in HEADINGS:
        assert heading in text  # text stays text: no page pictures
    # What the scheduler spooled is the PDF itself; what came out is about its size
    # (the 1200-dpi page pictures were 28.5 MB for a 4-page report).
    assert cups_scheduler.spooled_documents()[cups_scheduler.job_number(job_id)] == len(
        progress_pdf
    )
    assert printed.stat().st_size < 3 * len(progress_pdf)
    # The job and the printed file are named by the fixed title, never the client.
    assert printed.name.startswith(JOB_TITLE.replace(" ", "_"))
    assert "Ελένη" not in printed.name
    # The PostScript route keeps every glyph but not the fonts' Unicode maps, so the
    # Greek name is checked by sight: the printed page's header band (where the name
    # is) looks like the report's, and clearly less like the same report for a client
    # named in Latin script; every printed page looks like its own page, not another.
    latin = tmp_path / "latin.pdf"
    latin.write_bytes(
        render_report(ReportKind.PROGRESS, sample_engagement("Eleni Papadopoulou"), today=TODAY)
    )
    ours = _gray_pages(source, tmp_path / "ours", 1, 3)
    theirs = _gray_pages(printed, tmp_path / "theirs", 1, 3)
    other = _gray_pages(latin, tmp_path / "latin", 1, 1)[0]
    band = len(ours[0]) // 6
    assert _difference(ours[0][:band], theirs[0][:band]) * 2 < _difference(
        other[:band], theirs[0][:band]
    )
    for page in range(3):
        mismatch = _difference(ours[(page + 1) % 3], theirs[page])
        assert _difference(ours[page], theirs[page]) * 3 < mismatch, page


def test_a_pdf_printer_gets_the_greek_name_and_the_headings_as_text(
    cups_scheduler: Scheduler,
    private_places: tuple[Path, Path],
    progress_pdf: bytes,
    tmp_path: Path,
) -> None:
    home, tmp = private_places
    with FolderWatch(home, tmp) as watch:
        job_id = send_pdf(progress_pdf, PrintOptions(printer=PDF_PRINTER))
        received = cups_scheduler.pdf_printer_output(job_id)
    assert watch.new == set()
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(received)
    assert pdf_pages(printed) == 3
    text = pdf_text(printed)
    assert GREEK_NAME in text
    for heading in HEADINGS:
        assert heading in text
    assert len(received) < 2 * len(progress_pdf)


def test_the_coach_s_choices_reach_the_printer(
    cups_scheduler: Scheduler,
    private_places: tuple[Path, Path],
    progress_pdf: bytes,
    tmp_path: Path,
) -> None:
    options = PrintOptions(
        printer=PDF_PRINTER,
        copies=2,
        page_ranges=((2, 3),),
        sides=Sides.LONG_EDGE,
        media="Letter",
    )
    job_id = send_pdf(progress_pdf, options)
    received = cups_scheduler.pdf_printer_output(job_id)
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(received)
    log = _page_log(cups_scheduler, job_id)
    assert " Letter two-sided-long-edge" in log, log
    assert " total 4 " in log, log  # pages 2-3, two copies
    assert pdf_pages(printed) in (2, 4)  # copies may be made by the device
    text = pdf_text(printed)
    assert "Prepared on" not in text  # page 1 was left out
    assert "Process and results" in text


def test_the_recovery_kit_prints_under_the_same_title(
    cups_scheduler: Scheduler, private_places: tuple[Path, Path], tmp_path: Path
) -> None:
    code = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"
    pdf = render_recovery_kit(code, "/home/coach/vault", today=TODAY)
    home, tmp = private_places
    with FolderWatch(home, tmp) as watch:
        job_id = send_pdf(pdf, PrintOptions(printer=CUPS_PDF))
        printed = cups_scheduler.cups_pdf_output(job_id)
    assert watch.new == set()
    assert pdf_pages(printed) == 1
    assert printed.name.startswith("CoachDesk_report")
    assert "Recovery" in pdf_text(printed)


def test_an_unknown_printer_is_one_clear_sentence(
    cups_scheduler: Scheduler, private_places: tuple[Path, Path], progress_pdf: bytes
) -> None:
    with pytest.raises(PrintFailed) as caught:
        send_pdf(progress_pdf, PrintOptions(printer="no-such-printer"))
    message = str(caught.value)
    assert message.startswith("The printer did not take the job:")
    assert message == ("The printer did not take the job: The printer or class does not exist."), (
        message
    )


def test_pages_beyond_the_document_are_refused_before_printing(
    cups_scheduler: Scheduler, private_places: tuple[Path, Path], progress_pdf: bytes
) -> None:
    with pytest.raises(InvalidInput):
        PrintOptions(printer=CUPS_PDF, page_ranges=((2, 9),)).validate(page_count=3)


def test_cancel_while_sending_cancels_the_job_and_nothing_prints(
    progress_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lp is never cut off halfway (the scheduler could print the part it got): the
    whole job is handed over, then cancelled. Under PreserveJobFiles No (what
    docs/security.md recommends) its document leaves the spool at once."""
    reason = missing()
    if reason is not None:
        pytest.skip(f"no private CUPS scheduler: {reason}")
    big = progress_pdf + b"\n%" + os.urandom(4 * 1024 * 1024)  # after %%EOF: still a PDF
    with Scheduler(preserve_job_files=False) as scheduler:
        monkeypatch.setenv("CUPS_SERVER", str(scheduler.socket))
        # A busy printer: the job waits in the queue, as it would behind others.
        subprocess.run(["cupsdisable", CUPS_PDF], env=scheduler.env(), check=True)
        chunks: list[int] = []
        with pytest.raises(PrintCancelled, match=r"^Printing was cancelled$"):
            send_pdf(
                big,
                PrintOptions(printer=CUPS_PDF),
                progress=lambda done, _total: chunks.append(done),
                cancelled=lambda: len(chunks) > 3,
            )
        assert chunks[-1] == len(big)
        assert scheduler.incoming_jobs() == []
        assert scheduler.spooled_documents() == {}
        subprocess.run(["cupsenable", CUPS_PDF], env=scheduler.env(), check=True)
        job_id = send_pdf(progress_pdf, PrintOptions(printer=CUPS_PDF))
        assert scheduler.job_number(job_id) == 2
        scheduler.cups_pdf_output(job_id)
        assert len(list(scheduler.output.iterdir())) == 1  # job 2's only


def test_preserve_job_files_no_leaves_no_copy_in_the_spool(
    progress_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit docs/security.md recommends: with PreserveJobFiles No the scheduler
    deletes its copy of the document once the job has printed."""
    reason = missing()
    if reason is not None:
        pytest.skip(f"no private CUPS scheduler: {reason}")
    with Scheduler(preserve_job_files=False) as scheduler:
        monkeypatch.setenv("CUPS_SERVER", str(scheduler.socket))
        job_id = send_pdf(progress_pdf, PrintOptions(printer=CUPS_PDF))
        scheduler.cups_pdf_output(job_id)
        assert scheduler.spooled_documents() == {}


def test_printing_a_20_page_export_stays_under_300_mb() -> None:
    """bench/print_memory.py: peak resident memory of a fresh app process that prints
    a client export of 20+ pages, through CUPS and by painting at 600 dpi."""
    reason = missing()
    if reason is not None:
        pytest.skip(f"no private CUPS scheduler: {reason}")
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(root / "bench" / "print_memory.py")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    import json

    results = json.loads(done.stdout)
    cups, paint = results["cups"], results["paint"]
    assert cups["pages"] >= 20
    assert cups["printed_pages"] == cups["pages"]
    assert cups["printed_bytes"] < 3 * cups["pdf_bytes"]
    assert paint["painted_pages"] == paint["pages"]
    assert cups["peak_mib"] < 300, results
    assert paint["peak_mib"] < 300, results
