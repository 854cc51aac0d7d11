"""A damaged write-ahead log after an unclean shutdown (issue 16, item 7).

After a crash the newest commits live only in ``vault.db-wal``. SQLite replays it up to
the first bad frame and silently drops the rest; before, a flipped byte or a cut in the
middle of the log opened with exit 0, fewer clients, and ``check`` said OK. Now the log is
checked frame by frame before the first connection (coachdesk/vault/wal.py): damage stops
every command with exit 5 and leaves every file as it was; ``--accept-wal-loss`` opens
it anyway after keeping a copy. What a crash legitimately leaves (an unfinished
transaction, a torn last frame, stale frames of an earlier log generation) still opens.

The crashed vaults are real: files copied while a connection is open (what a SIGKILL
leaves, since the page cache survives it), and a child process killed mid-write.
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path
from typing import Any

import pytest
from test_crash_safety import run_child

from coachdesk.core.errors import IntegrityFailure
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, SHM_NAME, WAL_COPY_NAME, WAL_NAME, Vault
from coachdesk.vault.wal import FRAME_HEADER, WAL_HEADER, inspect_wal
from testsupport import PASSPHRASE, CliRunner, NewVault, sample_engagement

ENV = {"COACHDESK_PASSPHRASE": PASSPHRASE}
CLIENTS = 4


def _page_size(wal: Path) -> int:
    return int(WAL_HEADER.unpack(wal.read_bytes()[: WAL_HEADER.size])[2])


def _frame_offset(wal: Path, number: int) -> int:
    return WAL_HEADER.size + (number - 1) * (FRAME_HEADER.size + _page_size(wal))


def _files(folder: Path) -> dict[str, bytes]:
    """Every file but the lock (a stale one from a killed process is taken over)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "vault.lock"
    }


def _clients(folder: Path, **kwargs: bool) -> int:
    with Vault.unlock(folder, PASSPHRASE, **kwargs) as vault:
        assert vault.check() == []
        return len(Store(vault.connection).clients.ids())


@pytest.fixture
def crashed(new_vault: NewVault, tmp_path: Path) -> Path:
    """A vault copied (every file) while its connection is open, after CLIENTS commits
    that live only in the WAL: the state a crash leaves."""
    with Vault.unlock(new_vault.folder, PASSPHRASE) as vault:
        vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        store = Store(vault.connection)
        for i in range(CLIENTS):
            store.add_engagement(sample_engagement(f"Client {i}"))
        copy = tmp_path / "crashed"
        shutil.copytree(new_vault.folder, copy)
    (copy / "vault.lock").unlink(missing_ok=True)
    report = inspect_wal(copy / WAL_NAME, copy / SHM_NAME)
    assert report.problem is None and report.commits >= CLIENTS, report
    return copy


def test_an_intact_crashed_log_opens_with_every_commit_and_a_copy_is_kept(crashed: Path) -> None:
    wal = (crashed / WAL_NAME).read_bytes()
    assert _clients(crashed) == CLIENTS
    assert (crashed / WAL_COPY_NAME).read_bytes() == wal
    assert (crashed / WAL_COPY_NAME).stat().st_mode & 0o077 == 0
    # The copy's pages are under the current data key: a key rotation removes it.
    with Vault.unlock(crashed, PASSPHRASE) as vault:
        vault.rotate_keys(PASSPHRASE)
    assert not (crashed / WAL_COPY_NAME).exists()


def _flip_page(wal: Path, frame: int) -> None:
    data = bytearray(wal.read_bytes())
    data[_frame_offset(wal, frame) + FRAME_HEADER.size + 100] ^= 0x01
    wal.write_bytes(bytes(data))


def _flip_checksum(wal: Path, frame: int) -> None:
    data = bytearray(wal.read_bytes())
    data[_frame_offset(wal, frame) + 20] ^= 0x80
    wal.write_bytes(bytes(data))


def _cut_mid_frame(wal: Path, frame: int) -> None:
    data = wal.read_bytes()
    wal.write_bytes(data[: _frame_offset(wal, frame) + FRAME_HEADER.size + 1000])


def _cut_at_frame(wal: Path, frame: int) -> None:
    data = wal.read_bytes()
    wal.write_bytes(data[: _frame_offset(wal, frame)])


def _flip_header(wal: Path, _frame: int) -> None:
    data = bytearray(wal.read_bytes())
    data[17] ^= 0x04  # a salt byte: the header's checksum no longer matches
    wal.write_bytes(bytes(data))


DAMAGE = {
    "flipped-page-byte": _flip_page,
    "flipped-checksum": _flip_checksum,
    "cut-mid-frame": _cut_mid_frame,
    "cut-at-a-frame": _cut_at_frame,
    "flipped-header": _flip_header,
}


def _middle_and_last(wal: Path) -> list[int]:
    frames = inspect_wal(wal).frames
    return [frames // 2, frames]


@pytest.mark.parametrize("where", ["middle", "last"])
@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_log_stops_everything_and_changes_nothing(
    crashed: Path, run_cli: CliRunner, damage: str, where: str
) -> None:
    wal = crashed / WAL_NAME
    middle, last = _middle_and_last(wal)
    DAMAGE[damage](wal, middle if where == "middle" else last)
    before = _files(crashed)
    with pytest.raises(IntegrityFailure, match="write-ahead log"):
        Vault.unlock(crashed, PASSPHRASE)
    assert _files(crashed) == before
    for command in (["check"], ["clients"], ["backup", "create", "-o", "b.cdbackup"]):
        proc = run_cli("--vault", crashed, *command, env=ENV)
        assert proc.returncode == 5, (command, proc.stderr)
        line = proc.stderr.strip()
        assert "\n" not in line and "restore" in line and "--accept-wal-loss" in line, line
        assert _files(crashed) == before, f"{command} changed a file"


@pytest.mark.parametrize("damage", ["flipped-page-byte", "cut-at-a-frame"])
def test_the_loss_can_be_accepted_explicitly(
    crashed: Path, run_cli: CliRunner, damage: str
) -> None:
    wal = crashed / WAL_NAME
    DAMAGE[damage](wal, _middle_and_last(wal)[0])
    damaged_log = wal.read_bytes()
    proc = run_cli("--vault", crashed, "--accept-wal-loss", "check", env=ENV)
    assert proc.returncode == 0, proc.stderr
    assert (crashed / WAL_COPY_NAME).read_bytes() == damaged_log  # kept, as it was
    assert _clients(crashed) < CLIENTS  # what followed the damage is gone, knowingly


def test_without_its_index_a_flipped_byte_is_still_caught(crashed: Path) -> None:
    """The -shm index may be missing (copied without it); frames of the same log after
    a bad one still give the damage away."""
    (crashed / SHM_NAME).unlink()
    wal = crashed / WAL_NAME
    _flip_page(wal, 2)
    with pytest.raises(IntegrityFailure, match="frame 2 is damaged"):
        Vault.unlock(crashed, PASSPHRASE)


def _append(wal: Path, data: bytes) -> None:
    wal.write_bytes(wal.read_bytes() + data)


def test_what_a_crash_legitimately_leaves_still_opens(crashed: Path) -> None:
    """No false alarm: a torn last frame, an uncommitted frame of the same log with a
    bad checksum, and stale frames of an earlier log generation are not damage."""
    wal = crashed / WAL_NAME
    page = _page_size(wal)
    _magic, _v, _ps, _seq, salt1, salt2, _c1, _c2 = WAL_HEADER.unpack(
        wal.read_bytes()[: WAL_HEADER.size]
    )
    uncommitted = FRAME_HEADER.pack(2, 0, salt1, salt2, 1, 2) + b"\x5a" * page
    stale = FRAME_HEADER.pack(3, 7, salt1 - 1, salt2 ^ 1, 3, 4) + b"\xa5" * page
    _append(wal, uncommitted + stale + stale + uncommitted[: page // 2])
    assert inspect_wal(wal, crashed / SHM_NAME).problem is None
    assert _clients(crashed) == CLIENTS


def test_a_killed_writer_with_a_flipped_byte_in_its_log(new_vault: NewVault) -> None:
    """A real crash: the store child is SIGKILLed mid-write; its log is intact (the
    vault opens with every acknowledged commit), but with one flipped byte it stops."""
    with Vault.unlock(new_vault.folder, PASSPHRASE) as vault:
        Store(vault.connection).add_engagement(sample_engagement())
    wal = new_vault.folder / WAL_NAME
    for attempt in range(10):
        backup = new_vault.folder.parent / f"before-{attempt}"
        run = run_child("store", new_vault.folder, delay=0.4)
        assert run.acks("S"), "the child committed nothing"
        report = inspect_wal(wal, new_vault.folder / SHM_NAME) if wal.exists() else None
        if report is not None and report.frames >= 2:
            break
        _clients(new_vault.folder)  # opens (and checkpoints); the next child tries again
    else:
        pytest.fail("the killed child never left a log with frames")
    assert report.problem is None
    shutil.copytree(new_vault.folder, backup)
    assert _clients(backup) >= 1  # the intact crash state opens
    _flip_page(wal, 1)
    before = _files(new_vault.folder)
    with pytest.raises(IntegrityFailure, match="write-ahead log"):
        Vault.unlock(new_vault.folder, PASSPHRASE)
    assert _files(new_vault.folder) == before
    with Vault.unlock(new_vault.folder, PASSPHRASE, accept_wal_loss=True) as vault:
        assert vault.check() == []
    assert (new_vault.folder / WAL_COPY_NAME).read_bytes() == before[WAL_NAME]


def test_an_empty_log_needs_no_check(new_vault: NewVault) -> None:
    (new_vault.folder / WAL_NAME).write_bytes(b"")
    assert _clients(new_vault.folder) == 0
    assert not (new_vault.folder / WAL_COPY_NAME).exists()


def test_a_log_shorter_than_its_header_is_damage(new_vault: NewVault) -> None:
    (new_vault.folder / WAL_NAME).write_bytes(struct.pack(">I", 0x377F0682))
    with pytest.raises(IntegrityFailure, match="shorter than its own header"):
        Vault.unlock(new_vault.folder, PASSPHRASE)
    assert (new_vault.folder / DB_NAME).stat().st_size > 0


def test_the_app_says_the_log_is_damaged_and_opens_nothing(
    qtbot: Any, tmp_path: Path, crashed: Path
) -> None:
    from coachdesk.ui.controller import VaultController
    from coachdesk.ui.main_window import UNLOCK, MainWindow
    from coachdesk.ui.settings import AppSettings
    from coachdesk.vault.keys import TEST_KDF

    wal = crashed / WAL_NAME
    _flip_page(wal, _middle_and_last(wal)[0])
    before = _files(crashed)
    win = MainWindow(VaultController(crashed, kdf=TEST_KDF), AppSettings(tmp_path / "s.ini"))
    qtbot.addWidget(win)
    win.show()
    win.unlock_page.unlock_requested.emit(PASSPHRASE)
    assert not win.controller.is_unlocked
    assert win.stack.currentIndex() == UNLOCK
    assert "write-ahead log" in win.unlock_page.error.text()
    assert _files(crashed) == before


def test_erasing_a_client_removes_the_kept_copy_of_a_crashed_log(crashed: Path) -> None:
    """The copy holds frames from before an erasure; an erased client must not survive
    in any vault file (the page scan of docs/security.md covers every file)."""
    from pages import decrypted_file, decrypted_wal

    with Vault.unlock(crashed, PASSPHRASE) as vault:
        key = bytes(vault._data_key or b"")
        assert b"Client 0" in decrypted_wal(crashed / WAL_COPY_NAME, key)
        store = Store(vault.connection)
        gone = next(c.id for c in store.clients.all() if c.name == "Client 0")
        store.delete_client(gone or 0)
        assert not (crashed / WAL_COPY_NAME).exists()
    assert b"Client 1" in decrypted_file(crashed / DB_NAME, key)  # the scan sees live text
    for path in crashed.iterdir():
        if path.name == DB_NAME:
            assert b"Client 0" not in decrypted_file(path, key)
        elif path.name.startswith(DB_NAME) and path.stat().st_size:
            assert b"Client 0" not in decrypted_wal(path, key), path.name
