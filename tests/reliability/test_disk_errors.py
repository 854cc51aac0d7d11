"""Full disk and I/O errors: a write that fails says so clearly, leaves the vault
consistent and loses nothing that was committed.

Three ways to fail a write: ``OSError(ENOSPC/EIO)`` injected into the calls
``coachdesk.vault.files`` makes (write, fsync, rename); SQLite's own "database or disk
is full" via ``PRAGMA max_page_count``; and a real, tiny tmpfs in a private mount
namespace (``unshare``), where the CLI runs out of space for real.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from coachdesk.backup import create_backup, verify_backup
from coachdesk.core.errors import WrongPassphrase
from coachdesk.vault import files
from coachdesk.vault.exchange import write_export
from coachdesk.vault.header import VaultHeader
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import HEADER_NAME, Vault
from testsupport import PASSPHRASE, NewVault, sample_engagement

NEW_PASSPHRASE = "a brand new passphrase"
ERRORS = [errno.ENOSPC, errno.EIO]


class Faults:
    """Make the n-th call of an os function fail with an OSError (as a full disk would)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def fail(self, name: str, code: int, nth: int = 1) -> None:
        original: Callable[..., Any] = getattr(os, name)
        calls = 0

        def failing(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls == nth:
                raise OSError(code, os.strerror(code))
            return original(*args, **kwargs)

        self.monkeypatch.setattr(os, name, failing)

    def fail_file_writes(self, code: int) -> None:
        """Every ``write`` on files opened by files.atomic_writer fails."""
        original = os.fdopen

        class FullFile(io.BufferedWriter):
            def write(self, data: Any) -> int:
                raise OSError(code, os.strerror(code))

        def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if "w" in mode:
                return FullFile(io.FileIO(fd, "w"))
            return original(fd, mode, *args, **kwargs)

        self.monkeypatch.setattr(files.os, "fdopen", fdopen)


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> Faults:
    return Faults(monkeypatch)


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- atomic writes ------------------------------------------------------------------------------

FAILURE_POINTS = ["write", "fsync", "replace"]


def _inject(faults: Faults, point: str, code: int) -> None:
    if point == "write":
        faults.fail_file_writes(code)
    else:
        faults.fail(point, code)


@pytest.mark.parametrize("code", ERRORS)
@pytest.mark.parametrize("point", FAILURE_POINTS)
def test_atomic_write_failure_keeps_the_old_file_and_no_temp(
    tmp_path: Path, faults: Faults, point: str, code: int
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the previous version")
    _inject(faults, point, code)
    with pytest.raises(OSError) as caught:
        files.atomic_write_bytes(target, b"the new version" * 1000)
    assert caught.value.errno == code
    assert _listing(tmp_path) == {"report.pdf": b"the previous version"}


@pytest.mark.parametrize("code", ERRORS)
@pytest.mark.parametrize("point", FAILURE_POINTS)
def test_passphrase_change_that_cannot_be_written_changes_nothing(
    new_vault: NewVault, faults: Faults, point: str, code: int
) -> None:
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        before = _listing(new_vault.folder)
        _inject(faults, point, code)
        with pytest.raises(OSError):
            vault.change_passphrase(new_vault.passphrase, NEW_PASSPHRASE, kdf=TEST_KDF)
        faults.monkeypatch.undo()
        assert (new_vault.folder / HEADER_NAME).read_bytes() == before[HEADER_NAME]
        assert vault.check() == []  # still open and usable
    Vault.unlock(new_vault.folder, new_vault.passphrase).lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(new_vault.folder, NEW_PASSPHRASE)


@pytest.mark.parametrize("code", ERRORS)
@pytest.mark.parametrize("nth", [1, 2])
def test_rotation_whose_header_write_fails_keeps_a_working_vault(
    new_vault: NewVault, faults: Faults, code: int, nth: int
) -> None:
    """nth=1: the pending key cannot be recorded, nothing happens. nth=2: the database
    is already re-keyed when the final header write fails; the open vault must go on
    working with the new key (its worker and backup connections too) and the next
    unlock finishes the rotation from the pending key."""
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        store = Store(vault.connection)
        client_id = store.add_engagement(sample_engagement())
        faults.fail("replace", code, nth)
        with pytest.raises(OSError):
            vault.rotate_keys(new_vault.passphrase)
        faults.monkeypatch.undo()
        second = vault.open_connection()  # a worker thread's connection
        assert second.execute("SELECT count(*) FROM clients").fetchone() == (1,)
        second.close()
        create_backup(vault, new_vault.folder.parent / "b.cdbackup", PASSPHRASE, kdf=TEST_KDF)
        store.clients.save(store.clients.get(client_id))
        assert vault.check() == []
    header = VaultHeader.parse((new_vault.folder / HEADER_NAME).read_bytes())
    assert (header.pending_data_key is not None) == (nth == 2)
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        assert vault.check() == []
        assert Store(vault.connection).clients.ids() == [client_id]
    assert VaultHeader.parse((new_vault.folder / HEADER_NAME).read_bytes()).pending_data_key is None
    verify_backup(new_vault.folder.parent / "b.cdbackup", PASSPHRASE)


@pytest.mark.parametrize("code", ERRORS)
@pytest.mark.parametrize("point", FAILURE_POINTS)
def test_backup_that_cannot_be_written_leaves_the_previous_one(
    open_vault: Vault, tmp_path: Path, faults: Faults, point: str, code: int
) -> None:
    Store(open_vault.connection).add_engagement(sample_engagement())
    usb = tmp_path / "usb"
    usb.mkdir()
    target = usb / "vault.cdbackup"
    create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF)
    previous = target.read_bytes()
    Store(open_vault.connection).add_engagement(sample_engagement("Jonas Berg"))
    _inject(faults, point, code)
    with pytest.raises(OSError):
        create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF)
    faults.monkeypatch.undo()
    assert _listing(usb) == {"vault.cdbackup": previous}
    verify_backup(target, PASSPHRASE)
    assert not [p for p in open_vault.folder.iterdir() if p.name.startswith(".backup")]
    assert open_vault.check() == []


@pytest.mark.parametrize("point", FAILURE_POINTS)
def test_export_that_cannot_be_written_leaves_nothing(
    open_vault: Vault, tmp_path: Path, faults: Faults, point: str
) -> None:
    Store(open_vault.connection).add_engagement(sample_engagement())
    out = tmp_path / "out"
    out.mkdir()
    _inject(faults, point, errno.ENOSPC)
    with pytest.raises(OSError):
        write_export(Store(open_vault.connection), out / "export.json")
    assert list(out.iterdir()) == []


# -- SQLite: "database or disk is full" ----------------------------------------------------------


def _fill_up(conn: Any) -> None:
    """From now on this connection cannot grow the database by a single page."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}").fetchone()


def _unlimit(conn: Any) -> None:
    conn.execute("PRAGMA max_page_count = 4294967294").fetchone()


def test_full_database_rolls_back_the_whole_save(open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    kept = store.add_engagement(sample_engagement("Kept Client"))
    _fill_up(open_vault.connection)
    big = sample_engagement("Too Big", marker="y" * 200_000)
    with pytest.raises(sqlcipher3.OperationalError, match="full"):
        store.add_engagement(big)
    assert not open_vault.connection.in_transaction
    assert store.clients.ids() == [kept]  # nothing of the failed engagement
    assert open_vault.check() == []
    _unlimit(open_vault.connection)
    store.add_engagement(big)  # space again: the same save works
    assert len(store.clients.ids()) == 2
    assert open_vault.check() == []


# -- the app: the autosaver keeps the text, shows it, retries ------------------------------------


@pytest.fixture
def window(real_window: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from coachdesk.ui import autosave

    monkeypatch.setattr(autosave, "RETRY_MS", 300)
    yield real_window
    if real_window.controller.is_unlocked:
        _unlimit(real_window.controller.store.conn)


def _profile(win: Any) -> Any:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QPlainTextEdit

    for i, tab in enumerate(win.tab_pages):
        if tab.title == "Profile":
            win.tabs.setCurrentIndex(i)
            notes = tab.findChild(QPlainTextEdit, "intakeNotes")
            notes.moveCursor(QTextCursor.MoveOperation.End)
            return tab, notes
    raise AssertionError("no Profile tab")


def _stored_notes(win: Any) -> str:
    conn = win.controller.vault.open_connection()  # what is really on disk
    try:
        row = conn.execute("SELECT intake_notes FROM clients WHERE id = ?", (win.client_id,))
        return str(row.fetchone()[0])
    finally:
        conn.close()


def test_autosave_on_a_full_disk_keeps_the_text_shows_it_and_retries(
    qtbot: Any, window: Any
) -> None:
    from coachdesk.ui.autosave import SaveState

    tab, notes = _profile(window)
    before = _stored_notes(window)
    _fill_up(window.controller.store.conn)
    typed = "Wants to leave the company before the merger. " * 4000  # ~190 kB: new pages
    notes.setFocus()
    notes.insertPlainText(typed)
    qtbot.waitUntil(lambda: tab.save_state == SaveState.FAILED, timeout=10_000)
    assert notes.toPlainText().endswith(typed)  # the coach's text is still there
    assert "disk is full" in window.save_label.text().lower()
    problem = [
        w for w in tab.findChildren(type(window.save_label)) if w.objectName() == "profileProblem"
    ]
    assert problem and problem[0].isVisible() and "disk is full" in problem[0].text().lower()
    assert _stored_notes(window) == before  # nothing half-written
    qtbot.wait(700)  # it retries, and keeps failing while the disk is full
    assert tab.save_state == SaveState.FAILED
    _unlimit(window.controller.store.conn)  # the coach frees some space
    qtbot.waitUntil(lambda: tab.save_state == SaveState.SAVED, timeout=10_000)
    assert _stored_notes(window).endswith(typed)
    assert window.save_label.text() == SaveState.SAVED.value
    assert window.controller.vault.check() == []


def test_autosave_on_an_io_error_keeps_the_text_and_retries(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachdesk.ui.autosave import SaveState

    tab, notes = _profile(window)
    store = window.controller.store
    real_save = store.clients.save
    failures = {"left": 3}

    def flaky(record: Any) -> int:
        if failures["left"]:
            failures["left"] -= 1
            raise sqlcipher3.OperationalError("disk I/O error")
        return real_save(record)

    monkeypatch.setattr(store.clients, "save", flaky)
    notes.setFocus()
    notes.insertPlainText(" Private: considering a move to the competitor.")
    qtbot.waitUntil(lambda: tab.save_state == SaveState.FAILED, timeout=10_000)
    assert "kept" in window.save_label.text().lower()
    assert "I/O" not in window.save_label.text()  # a sentence, not SQLite's words
    qtbot.waitUntil(lambda: tab.save_state == SaveState.SAVED, timeout=10_000)
    assert failures["left"] == 0
    assert _stored_notes(window).endswith("considering a move to the competitor.")


def test_lock_with_a_failing_save_asks_before_losing_the_text(qtbot: Any, window: Any) -> None:
    """Locking saves first; when that save fails (disk full), Ctrl+L must not silently
    throw the coach's text away: it asks, and "No" keeps the vault open with the text."""
    from PySide6.QtWidgets import QMessageBox
    from reliability_support import when_modal

    from coachdesk.ui.autosave import SaveState

    tab, notes = _profile(window)
    _fill_up(window.controller.store.conn)
    typed = "Decided to resign in March. " * 8000
    notes.setFocus()
    notes.insertPlainText(typed)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Callable[[Any], None]:
        def act(box: Any) -> None:
            asked.append(box.text())
            box.button(button).click()

        return act

    when_modal(answer(QMessageBox.StandardButton.No))
    window.lock()
    assert asked and "could not be saved" in asked[0]
    assert window.controller.is_unlocked
    assert notes.toPlainText().endswith(typed)
    assert tab.save_state == SaveState.FAILED
    when_modal(answer(QMessageBox.StandardButton.No))
    window.close()  # quitting asks the same
    assert len(asked) == 2 and "Quit anyway" in asked[1]
    assert window.isVisible() and window.controller.is_unlocked
    assert notes.toPlainText().endswith(typed)
    when_modal(answer(QMessageBox.StandardButton.Yes))
    window.lock()  # the coach chose to lock anyway
    assert not window.controller.is_unlocked
    assert notes.toPlainText() == ""


# -- a real full disk: a tiny tmpfs in a private mount namespace ----------------------------------


def _unshare_prefix() -> list[str] | None:
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return None
    for prefix in ([unshare, "--mount"], [unshare, "--user", "--map-root-user", "--mount"]):
        probe = subprocess.run(
            [*prefix, "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True
        )
        if probe.returncode == 0:
            return prefix
    return None


UNSHARE = _unshare_prefix()
needs_tmpfs = pytest.mark.skipif(UNSHARE is None, reason="needs unshare and tmpfs mounts")


@needs_tmpfs
def test_cli_on_a_really_full_disk(tmp_path: Path, cli_env: dict[str, str]) -> None:
    """Import, backup, export and report on a 24 MiB tmpfs that fills up for real."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    script = Path(__file__).with_name("disk_full_child.py")
    assert UNSHARE is not None
    tests = Path(__file__).resolve().parents[1]
    env = {**cli_env, "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent)])}
    mount_then_run = 'mount -t tmpfs -o size=24m,mode=0700 tmpfs "$1" && shift && exec "$@"'
    proc = subprocess.run(
        [*UNSHARE, "sh", "-c", mount_then_run,
         "sh", str(mount), sys.executable, str(script), str(mount), str(tmp_path / "work")],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "all disk-full checks passed" in proc.stdout


def test_a_transaction_sqlite_already_rolled_back_reports_the_real_error(
    open_vault: Vault,
) -> None:
    """Found on the real full disk: SQLite rolls back by itself on SQLITE_FULL, and the
    extra ROLLBACK raised "cannot rollback - no transaction is active", which hid the
    full disk; the CLI then called the vault damaged and said to restore a backup."""
    from coachdesk.vault.db import transaction

    conn = open_vault.connection
    with pytest.raises(sqlcipher3.OperationalError, match="disk is full"), transaction(conn):
        conn.execute("INSERT INTO clients (name) VALUES ('x')")
        with transaction(conn):
            conn.execute("ROLLBACK")  # what SQLite does on SQLITE_FULL / IOERR
            raise sqlcipher3.OperationalError("database or disk is full")
    assert not conn.in_transaction
    with transaction(conn):  # and the connection is usable at once
        conn.execute("SELECT 1")
