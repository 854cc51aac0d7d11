"""The lp command built from the print dialog's choices (coachdesk.reports.printing)."""

from __future__ import annotations

import pytest

from coachdesk.core.errors import InvalidInput
from coachdesk.reports.printing import (
    JOB_TITLE,
    PrintFailed,
    PrintOptions,
    Route,
    Sides,
    lp_command,
    print_route,
    send_pdf,
)


def test_every_choice_reaches_lp_and_the_title_is_fixed() -> None:
    options = PrintOptions(
        printer="Office_Laser",
        copies=3,
        page_ranges=((1, 2), (4, 4), (6, 9)),
        sides=Sides.LONG_EDGE,
        media="Letter",
        collate=False,
        grayscale=True,
    )
    assert lp_command(options, "/usr/bin/lp") == [
        "/usr/bin/lp",
        "-d",
        "Office_Laser",
        "-n",
        "3",
        "-t",
        JOB_TITLE,
        "-o",
        "page-ranges=1-2,4,6-9",
        "-o",
        "sides=two-sided-long-edge",
        "-o",
        "media=Letter",
        "-o",
        "collate=false",
        "-o",
        "print-color-mode=monochrome",
    ]


def test_defaults_leave_the_printer_s_own_settings() -> None:
    assert lp_command(PrintOptions(printer="p")) == ["lp", "-d", "p", "-n", "1", "-t", JOB_TITLE]


def test_the_job_title_names_no_one() -> None:
    assert JOB_TITLE == "CoachDesk report"


@pytest.mark.parametrize(
    "name",
    [
        "",
        "-o",
        "--help",
        "two words",
        "a/b",
        "a#b",
        "tab\there",
        "nl\nx",
        "q'x",
        'q"x',
        "nul\x00",
        "del\x7f",
        "x" * 128,
        "back\\slash",
    ],
)
def test_printer_names_cups_would_not_accept_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput):
        lp_command(PrintOptions(printer=name))


@pytest.mark.parametrize("name", ["HP_LaserJet_M404", "Büro-Drucker", "Εκτυπωτής", "x" * 127])
def test_printer_names_cups_accepts_pass(name: str) -> None:
    assert lp_command(PrintOptions(printer=name))[2] == name


@pytest.mark.parametrize(
    "options",
    [
        PrintOptions(printer="p", copies=0),
        PrintOptions(printer="p", copies=1000),
        PrintOptions(printer="p", page_ranges=((0, 2),)),
        PrintOptions(printer="p", page_ranges=((3, 2),)),
        PrintOptions(printer="p", media="A4 -o x"),
        PrintOptions(printer="p", media="-A4"),
    ],
)
def test_bad_choices_are_refused_before_lp_runs(options: PrintOptions) -> None:
    with pytest.raises(InvalidInput):
        lp_command(options)


def test_page_ranges_beyond_the_document_are_refused() -> None:
    with pytest.raises(InvalidInput, match="only 3 page"):
        PrintOptions(printer="p", page_ranges=((2, 4),)).validate(page_count=3)


def test_only_a_pdf_is_sent() -> None:
    with pytest.raises(InvalidInput):
        send_pdf(b"client notes", PrintOptions(printer="p"), lp="/bin/false")


def test_a_missing_print_command_is_a_clear_failure(tmp_path: object) -> None:
    with pytest.raises(PrintFailed, match="could not start"):
        send_pdf(b"%PDF-1.4\n", PrintOptions(printer="p"), lp="/nonexistent/lp")


def test_windows_paints_and_elsewhere_cups_needs_lp(monkeypatch: pytest.MonkeyPatch) -> None:
    assert print_route("win32") is Route.PAINT
    monkeypatch.setenv("PATH", "")
    assert print_route("linux") is Route.NONE


def test_the_print_command_gets_no_coachdesk_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    from coachdesk.reports.printing import _lp_environment

    monkeypatch.setenv("COACHDESK_PASSPHRASE", "hunter2")
    monkeypatch.setenv("COACHDESK_PDF_PASSWORD", "pdf secret")
    monkeypatch.setenv("CUPS_SERVER", "/run/cups/cups.sock")
    env = _lp_environment()
    assert not any(key.startswith("COACHDESK_") for key in env)
    assert env["CUPS_SERVER"] == "/run/cups/cups.sock" and env["LC_ALL"] == "C"
