"""The folder watch the printing tests rely on to say "no file was written": it must see
what lives a moment, keep what it can read, and excuse only libcups' printer
descriptions (tests/cups_support.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from cups_support import FolderWatch

PPD = b'*PPD-Adobe: "4.3"\n*ModelName: "Some Printer"\n'


@pytest.fixture(autouse=True)
def office_printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A printer description libcups could read in place (CUPS_SERVERROOT/ppd)."""
    ppd = tmp_path / "cups-client" / "ppd" / "office.ppd"
    ppd.parent.mkdir(parents=True)
    ppd.write_bytes(PPD)
    monkeypatch.setenv("CUPS_SERVERROOT", str(ppd.parent.parent))
    return ppd


def _places(tmp_path: Path) -> tuple[Path, Path]:
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    return home, tmp


def test_a_file_deleted_at_once_is_still_seen(tmp_path: Path) -> None:
    home, tmp = _places(tmp_path)
    (home / "already-there").write_text("old")
    with FolderWatch(home, tmp) as watch:
        fd = os.open(tmp / "brief", os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)
        os.unlink(tmp / "brief")
    assert watch.new == {tmp / "brief"}


def test_nested_folders_and_their_files_are_seen(tmp_path: Path) -> None:
    home, tmp = _places(tmp_path)
    with FolderWatch(home, tmp) as watch:
        deep = home / ".cache" / "coachdesk"
        deep.mkdir(parents=True)
        (deep / "thumb.png").write_bytes(b"x")
    assert watch.new == {home / ".cache", deep, deep / "thumb.png"}


def test_the_bytes_of_a_deleted_file_are_kept(tmp_path: Path) -> None:
    home, tmp = _places(tmp_path)
    secret = tmp / "job-0001"
    with FolderWatch(home, tmp) as watch:
        with secret.open("wb") as out:
            time.sleep(0.3)  # the watch links it while it is open
            out.write(b"%!PS Ada Lovelace")
        secret.unlink()
    assert watch.new == {secret}
    assert watch.kept[secret] == b"%!PS Ada Lovelace"


def test_only_a_printer_description_right_in_a_watched_folder_is_excused(
    tmp_path: Path, office_printer: Path
) -> None:
    home, tmp = _places(tmp_path)
    copy, link = tmp / "0000abcd00001", tmp / "0000abcd00002"
    more, elsewhere = tmp / "0000abcd00005", tmp / "0000abcd00006"
    nested = home / "x" / "p.ppd"
    with FolderWatch(home, tmp) as watch:
        for path, data in ((copy, PPD), (more, PPD + b"Ada Lovelace")):
            with path.open("wb") as out:
                time.sleep(0.3)  # the watch links it while it is open
                out.write(data)
            path.unlink()
        link.symlink_to(office_printer)
        elsewhere.symlink_to(tmp_path / "notes.txt")
        time.sleep(0.3)
        link.unlink()
        elsewhere.unlink()
        nested.parent.mkdir()
        nested.write_bytes(PPD)
    assert watch.printer_descriptions == {copy, link}
    assert watch.new == {more, elsewhere, home / "x", nested}


def test_written_bytes_are_never_excused_even_when_gone_too_fast_to_keep(
    tmp_path: Path, office_printer: Path
) -> None:
    """Kept or not, a file that was written is the app's; a symlink libcups made and
    removed at once, kept or not, is excused."""
    home, tmp = _places(tmp_path)
    written, link = tmp / "0000abcd00003", tmp / "0000abcd00004"
    with FolderWatch(home, tmp) as watch:
        for _ in range(20):
            written.write_bytes(PPD + b"Ada Lovelace")
            written.unlink()
            link.symlink_to(office_printer)
            link.unlink()
    assert watch.new == {written}
    assert watch.printer_descriptions == {link}
