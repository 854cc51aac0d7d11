"""Printing a report's PDF through the operating system's print scheduler, without Qt.

Where the platform prints PDF natively (CUPS on Linux and macOS) the PDF bytes go
straight to the scheduler through ``lp`` reading its standard input: text stays text,
the job is the size of the PDF, and CoachDesk writes no file (``lp`` streams what it
reads to the scheduler; it makes no copy). The scheduler keeps its own copy in its
spool while the job prints, and by default for a while after (docs/security.md).

The job title is always :data:`JOB_TITLE`: queue listings, printer logs and PDF-printer
file names never name a client. The print dialog's choices arrive here as a plain
:class:`PrintOptions`, so this module is tested without a dialog.
"""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from coachdesk.core.errors import CoachDeskError, InvalidInput

JOB_TITLE = "CoachDesk report"
"""The only title a print job ever has: never a client's name, nor the report's kind."""

CHUNK = 64 * 1024
LP_TIMEOUT_SECONDS = 120.0
"""How long ``lp`` may take to hand the job to the scheduler once it has every byte."""

CANCEL_GRACE_SECONDS = 5.0
"""After Cancel, how long an lp that has stopped reading is waited for before it is
given up on (killing it halfway is the last resort: see :func:`send_pdf`)."""

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class PrintFailed(CoachDeskError):
    """The scheduler did not take the job; the message says what it answered."""


class PrintCancelled(CoachDeskError):
    """The coach cancelled before the scheduler had the whole job: nothing prints."""


class Sides(StrEnum):
    """CUPS ``sides`` values (IPP keywords)."""

    ONE_SIDED = "one-sided"
    LONG_EDGE = "two-sided-long-edge"
    SHORT_EDGE = "two-sided-short-edge"


class Route(StrEnum):
    """How this computer prints a PDF."""

    CUPS = "cups"  # PDF bytes to the scheduler through lp: vector, no file
    PAINT = "paint"  # pages painted on the printer's device context (Windows)
    NONE = "none"  # nothing here can print


# CUPS forbids space, tab, '/', '\\', '#', quotes and control characters in queue names;
# a name starting with '-' would read as an option. Anything else is refused outright.
_PRINTER_NAME = re.compile(r"[^\s/\\#'\"\x00-\x1f\x7f-][^\s/\\#'\"\x00-\x1f\x7f]{0,126}")
_MEDIA = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_REQUEST_ID = re.compile(r"request id is (\S+)")


@dataclass(frozen=True)
class PrintOptions:
    """What the coach chose in the print dialog, in plain values.

    ``page_ranges`` are 1-based inclusive (first, last) pairs; empty means every page.
    ``media`` is a paper name the scheduler knows (``A4``, ``Letter``); empty leaves the
    printer's default. ``sides`` None leaves the printer's default too.
    """

    printer: str
    copies: int = 1
    page_ranges: Sequence[tuple[int, int]] = field(default_factory=tuple)
    sides: Sides | None = None
    media: str = ""
    collate: bool = True
    grayscale: bool = False

    def validate(self, page_count: int | None = None) -> None:
        """Refuse what could reach ``lp`` as something else, before anything runs."""
        if not _PRINTER_NAME.fullmatch(self.printer):
            raise InvalidInput("the printer's name is not one CUPS accepts")
        if not 1 <= self.copies <= 999:
            raise InvalidInput("copies must be between 1 and 999")
        if self.media and not _MEDIA.fullmatch(self.media):
            raise InvalidInput("the paper size is not one the printer can be asked for")
        for first, last in self.page_ranges:
            if not 1 <= first <= last:
                raise InvalidInput("a page range must run from a page to a later one")
            if page_count is not None and last > page_count:
                raise InvalidInput(f"the document has only {page_count} page(s)")


def lp_command(options: PrintOptions, lp: str = "lp") -> list[str]:
    """The ``lp`` command line that prints standard input with ``options``.

    No file argument: ``lp`` reads the PDF from its standard input. Nothing here names
    the client; the title is :data:`JOB_TITLE`.
    """
    options.validate()
    command = [lp, "-d", options.printer, "-n", str(options.copies), "-t", JOB_TITLE]
    if options.page_ranges:
        ranges = ",".join(
            str(first) if first == last else f"{first}-{last}"
            for first, last in options.page_ranges
        )
        command += ["-o", f"page-ranges={ranges}"]
    if options.sides is not None:
        command += ["-o", f"sides={options.sides.value}"]
    if options.media:
        command += ["-o", f"media={options.media}"]
    if options.copies > 1:
        command += ["-o", f"collate={'true' if options.collate else 'false'}"]
    if options.grayscale:
        command += ["-o", "print-color-mode=monochrome"]
    return command


def find_lp() -> str | None:
    """The ``lp`` program on PATH (CUPS, Linux and macOS), or None."""
    return shutil.which("lp")


def print_route(platform: str = sys.platform) -> Route:
    """Which way this computer prints: through CUPS if it has ``lp``, by painting pages
    on Windows (its print engine draws on the printer's device context, no file)."""
    if platform == "win32":
        return Route.PAINT
    return Route.CUPS if find_lp() is not None else Route.NONE


def _lp_environment() -> dict[str, str]:
    """The environment without CoachDesk's secrets (a passphrase in the environment
    has no business in the print command's), and lp's answer untranslated: it is
    parsed ("request id is …")."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("COACHDESK_")}
    env["LC_ALL"] = "C"
    env.pop("LANGUAGE", None)
    return env


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    line = re.sub(r"^\S*lp: (Error - )?", "", line).strip()  # "/usr/bin/lp: Error - …"
    return (line[:200] or "no reason given").rstrip(".") + "."


def send_pdf(
    pdf: bytes,
    options: PrintOptions,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    lp: str | None = None,
    timeout: float = LP_TIMEOUT_SECONDS,
) -> str:
    """Stream ``pdf`` to the CUPS scheduler with ``options``; returns the job's id.

    The bytes go to ``lp``'s standard input in chunks, reporting ``progress(sent,
    total)``. ``lp`` is never killed halfway while it reads: the scheduler may take a
    cut-off stream as the whole document and print it. So a ``cancelled()`` seen while
    sending cancels the job once ``lp`` has handed it over (``cancel JOB``), and
    raises :class:`PrintCancelled`; only an ``lp`` that stops reading for good is
    killed. A refusal by the scheduler raises :class:`PrintFailed` with its reason.
    """
    if not pdf.startswith(b"%PDF-"):
        raise InvalidInput("only a PDF can be printed")
    program = lp or find_lp()
    if program is None:
        raise PrintFailed("This computer has no CUPS print command (lp)")
    command = lp_command(options, program)
    is_cancelled = cancelled or (lambda: False)
    report = progress or (lambda _done, _total: None)
    total = len(pdf)
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_lp_environment(),
            close_fds=True,
        )
    except OSError as exc:
        raise PrintFailed(f"The print command could not start: {exc.strerror}") from None
    assert process.stdin is not None
    try:
        _stream(process, pdf, report, is_cancelled, timeout)
        out, err = _finish(process, timeout)
    except BaseException:
        _kill(process)
        raise
    if process.returncode != 0:
        raise PrintFailed(f"The printer did not take the job: {_one_line(err)}")
    report(total, total)
    found = _REQUEST_ID.search(out)
    job_id = found.group(1) if found else ""
    if is_cancelled():
        if job_id and cancel_job(job_id):
            raise PrintCancelled("Printing was cancelled")
        raise PrintCancelled(
            "Printing was cancelled too late: the job may still print; its print queue can stop it"
        )
    return job_id


def cancel_job(job_id: str) -> bool:
    """Ask the scheduler to cancel ``job_id``; True if it did."""
    program = shutil.which("cancel")
    if program is None or not _PRINTER_NAME.fullmatch(job_id):
        return False
    try:
        done = subprocess.run(
            [program, job_id], env=_lp_environment(), capture_output=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _stream(
    process: subprocess.Popen[bytes],
    pdf: bytes,
    report: Progress,
    cancelled: Cancelled,
    timeout: float,
) -> None:
    """Write ``pdf`` to lp without blocking: an lp that stops reading is given up on
    after ``timeout`` seconds without progress, or at once if the coach cancels then."""
    assert process.stdin is not None
    fd = process.stdin.fileno()
    os.set_blocking(fd, False)
    view = memoryview(pdf)
    sent, total = 0, len(pdf)
    report(0, total)
    stalled_since = time.monotonic()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_WRITE)
        while sent < total:
            if process.poll() is not None:
                break  # lp gave up early: its own message says why
            if not selector.select(timeout=0.1):
                stalled = time.monotonic() - stalled_since
                if stalled > timeout or (cancelled() and stalled > CANCEL_GRACE_SECONDS):
                    # lp holds part of the job and reads no more: whatever it does
                    # with it, it gets no further byte.
                    raise PrintFailed(
                        "The print scheduler stopped taking the job; check the printer's queue"
                    )
                continue
            try:
                sent += os.write(fd, view[sent : sent + CHUNK])
            except BlockingIOError:
                continue
            except BrokenPipeError:
                break
            stalled_since = time.monotonic()
            report(sent, total)
    # communicate() closes standard input: that tells lp the document is complete.


def _finish(process: subprocess.Popen[bytes], timeout: float) -> tuple[str, str]:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PrintFailed("The print scheduler did not answer") from None
    return out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    with contextlib.suppress(Exception):
        process.communicate(timeout=5)
