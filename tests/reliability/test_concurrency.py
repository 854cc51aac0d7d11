"""One vault, several processes: two app instances and CLI commands. One wins; the
others say so clearly (exit 4 with one line; a message on the unlock page); a lock
file left by a killed process does not block anyone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from coachdesk.core.errors import VaultInUse
from coachdesk.vault.exchange import FORMAT, VERSION, engagement_to_json
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.lockfile import LOCK_NAME
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import PASSPHRASE, CliRunner, NewVault, sample_engagement

TESTS = Path(__file__).resolve().parents[1]
ENV = {"COACHDESK_PASSPHRASE": PASSPHRASE}

# The real app (``coachdesk gui``), unlocked on its unlock page, then left open.
APP_INSTANCE = """
import sys
from coachdesk import app, cli
original = app.build_main_window
def build(*args, **kwargs):
    window = original(*args, **kwargs)
    from PySide6.QtCore import QTimer
    def unlock():
        window.unlock_page.unlock_requested.emit(sys.argv[2])
        print("unlocked" if window.controller.is_unlocked else "refused: "
              + window.unlock_page.error.text(), flush=True)
    QTimer.singleShot(0, unlock)
    return window
app.build_main_window = build
sys.exit(cli.main(["--vault", sys.argv[1], "gui"]))
"""


def _start_app(folder: Path, cli_env: dict[str, str]) -> subprocess.Popen[str]:
    env = {**cli_env, "PYTHONPATH": os.pathsep.join([str(TESTS), str(TESTS.parent)])}
    proc = subprocess.Popen(
        [sys.executable, "-c", APP_INSTANCE, str(folder), PASSPHRASE],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == "unlocked", (line, proc.stderr.read() if proc.poll() is not None else "")  # type: ignore[union-attr]
    return proc


def _one_line(proc: subprocess.CompletedProcess[str], code: int) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def _window(qtbot: QtBot, tmp_path: Path, folder: Path) -> Any:
    from coachdesk.ui.controller import VaultController
    from coachdesk.ui.main_window import MainWindow
    from coachdesk.ui.settings import AppSettings

    win = MainWindow(VaultController(folder, kdf=TEST_KDF), AppSettings(tmp_path / "s.ini"))
    qtbot.addWidget(win)
    win.show()
    return win


def test_two_app_instances_and_the_cli(
    qtbot: QtBot, tmp_path: Path, new_vault: NewVault, run_cli: CliRunner,
    cli_env: dict[str, str],
) -> None:  # fmt: skip
    first = _start_app(new_vault.folder, cli_env)
    try:
        # A second app instance: its unlock page says why, and stays usable.
        second = _window(qtbot, tmp_path, new_vault.folder)
        second.unlock_page.unlock_requested.emit(PASSPHRASE)
        assert not second.controller.is_unlocked
        message = second.unlock_page.error.text()
        assert "open in another CoachDesk window" in message, message
        assert f"process {first.pid}" in message
        # The command line: exit 4, one line, for a read and for a write.
        line = _one_line(run_cli("--vault", new_vault.folder, "clients", env=ENV), 4)
        assert "open in another CoachDesk window" in line
        _one_line(run_cli("--vault", new_vault.folder, "passwd",
                          env={**ENV, "COACHDESK_NEW_PASSPHRASE": "x" * 12}), 4)  # fmt: skip
        # The first instance is killed: its lock file stays behind, stale.
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        assert (new_vault.folder / LOCK_NAME).exists()
        assert json.loads((new_vault.folder / LOCK_NAME).read_text())["pid"] == first.pid
        # And nobody is blocked by it: the second window unlocks, then the CLI.
        second.unlock_page.unlock_requested.emit(PASSPHRASE)
        assert second.controller.is_unlocked
        assert run_cli("--vault", new_vault.folder, "check", env=ENV).returncode == 4
        second.lock()
        assert run_cli("--vault", new_vault.folder, "check", env=ENV).returncode == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()


def test_same_process_second_unlock_is_refused(new_vault: NewVault) -> None:
    with Vault.unlock(new_vault.folder, new_vault.passphrase):
        with pytest.raises(VaultInUse, match="another CoachDesk window"):
            Vault.unlock(new_vault.folder, new_vault.passphrase)
        with pytest.raises(VaultInUse):
            Vault.recover(new_vault.folder, new_vault.recovery_code, "a new passphrase!")
    Vault.unlock(new_vault.folder, new_vault.passphrase).lock()


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b'{"pid": 999999, "host": "elsewhere"}', b'{"pid": 1}', b"\x00" * 64],
    ids=["empty", "garbage", "dead-pid", "init-pid", "zeros"],
)
def test_stale_lock_files_are_recovered(new_vault: NewVault, content: bytes) -> None:
    (new_vault.folder / LOCK_NAME).write_bytes(content)
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        owner = json.loads((new_vault.folder / LOCK_NAME).read_text())
        assert owner == {"pid": os.getpid(), "host": owner["host"]}
        assert (new_vault.folder / LOCK_NAME).stat().st_mode & 0o777 == 0o600
        assert vault.check() == []
    assert not (new_vault.folder / LOCK_NAME).exists()


def _export(tmp_path: Path) -> Path:
    document = {
        "format": FORMAT, "version": VERSION, "exported_at": "2026-01-01T00:00:00",
        "generator": "test", "clients": [engagement_to_json(sample_engagement(), [])],
    }  # fmt: skip
    path = tmp_path / "one.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _race(tmp_path: Path, folder: Path, cli_env: dict[str, str], count: int) -> None:
    export = _export(tmp_path)
    env = {**cli_env, **ENV}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "coachdesk", "--vault", str(folder), "import", str(export)],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    results = [(p.wait(120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for code, err in results:
        assert code in (0, 4), err
        if code == 4:
            assert len(err.strip().splitlines()) == 1 and "another CoachDesk" in err
    winners = sum(1 for code, _ in results if code == 0)
    assert winners >= 1
    with Vault.unlock(folder, PASSPHRASE) as vault:
        assert vault.check() == []
        assert len(Store(vault.connection).clients.ids()) == winners


def test_racing_commands_one_wins_at_a_time(
    tmp_path: Path, new_vault: NewVault, cli_env: dict[str, str]
) -> None:
    _race(tmp_path, new_vault.folder, cli_env, 4)


@pytest.mark.slow
def test_racing_commands_many_rounds(
    tmp_path: Path, new_vault: NewVault, cli_env: dict[str, str]
) -> None:
    for round_ in range(10):
        folder = tmp_path / f"v{round_}"
        Vault.create(folder, PASSPHRASE, kdf=TEST_KDF)[0].lock()
        _race(tmp_path, folder, cli_env, 8)


def test_a_killed_holder_never_blocks(
    tmp_path: Path, new_vault: NewVault, run_cli: CliRunner
) -> None:
    """A process killed at any moment while it holds the vault leaves a lock file that
    the next process takes over at once (the OS dropped the flock with the process)."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from coachdesk.vault.vault import Vault; "
         "v = Vault.unlock(sys.argv[1], sys.argv[2]); print('held', flush=True); time.sleep(60)",
         str(new_vault.folder), PASSPHRASE],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert run_cli("--vault", new_vault.folder, "check", env=ENV).returncode == 4
    holder.kill()
    holder.wait()
    started = time.perf_counter()
    assert run_cli("--vault", new_vault.folder, "check", env=ENV).returncode == 0
    assert time.perf_counter() - started < 30


# -- the lock cannot be deleted from under its holder (issue 16, item 5) --------------------

# A process holding the vault that saves a client each time it reads a line.
HOLDER = """
import sys
from coachdesk.core.model import Client
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
vault = Vault.unlock(sys.argv[1], sys.argv[2])
store = Store(vault.connection)
print("held", flush=True)
for line in sys.stdin:
    store.clients.save(Client(name="Saved by the holder"))
    print("saved", len(store.clients.ids()), flush=True)
vault.lock()
"""


def test_deleting_the_lock_file_lets_no_second_writer_in(
    new_vault: NewVault, run_cli: CliRunner
) -> None:
    """Before, a second process created a fresh vault.lock, locked it and got in; its
    rotate-key then broke the first one's saves. The folder itself is locked now."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(new_vault.folder), PASSPHRASE],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        (new_vault.folder / LOCK_NAME).unlink()
        new = {**ENV, "COACHDESK_NEW_PASSPHRASE": "a second writer's passphrase"}
        for command in (["clients"], ["rotate-key"], ["passwd"], ["demo"]):
            line = _one_line(run_cli("--vault", new_vault.folder, *command, env=new), 4)
            assert "open in another CoachDesk window" in line
        with pytest.raises(VaultInUse):
            Vault.unlock(new_vault.folder, PASSPHRASE)
        assert not (new_vault.folder / LOCK_NAME).exists()  # the refused left no file
        holder.stdin.write("save\n")
        holder.stdin.flush()
        assert holder.stdout.readline().split() == ["saved", "1"]  # its saves still work
        holder.stdin.close()
        assert holder.wait(30) == 0, holder.stderr.read()  # type: ignore[union-attr]
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    with Vault.unlock(new_vault.folder, PASSPHRASE) as vault:
        assert vault.check() == []
        assert len(Store(vault.connection).clients.ids()) == 1


def test_the_lock_never_removes_another_processes_lock_file(new_vault: NewVault) -> None:
    vault = Vault.unlock(new_vault.folder, PASSPHRASE)
    (new_vault.folder / LOCK_NAME).unlink()
    (new_vault.folder / LOCK_NAME).write_text('{"pid": 1, "host": "someone else"}')
    vault.lock()
    assert (new_vault.folder / LOCK_NAME).read_text() == '{"pid": 1, "host": "someone else"}'


# -- two restores into one new folder (issue 16, item 4) ------------------------------------

# A restore that stops once its staging folder exists, until it reads a line.
PAUSED_RESTORE = """
import sys
from pathlib import Path
from coachdesk.backup import restore_backup
paused = []
def progress(done, total):
    if not paused:
        paused.append(True)
        print("staging", flush=True)
        sys.stdin.readline()
restore_backup(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), progress=progress)
print("restored", flush=True)
"""


@pytest.fixture
def backup_file(new_vault: NewVault, tmp_path: Path) -> Path:
    from coachdesk.backup import create_backup

    path = tmp_path / "one.cdbackup"
    with Vault.unlock(new_vault.folder, PASSPHRASE) as vault:
        Store(vault.connection).add_engagement(sample_engagement())
        create_backup(vault, path, PASSPHRASE, kdf=TEST_KDF)
    return path


def test_a_second_restore_never_clears_the_first_ones_files(
    tmp_path: Path, backup_file: Path, run_cli: CliRunner
) -> None:
    """Before: the second restore took the first one's staging folder for remains,
    deleted it and restored; then the first failed and removed the whole folder with
    the second's vault in it: a success reported, and no vault left."""
    into = tmp_path / "restored"
    first = subprocess.Popen(
        [sys.executable, "-c", PAUSED_RESTORE, str(backup_file), PASSPHRASE, str(into)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert first.stdin is not None and first.stdout is not None
    try:
        assert first.stdout.readline().strip() == "staging", first.stderr.read()  # type: ignore[union-attr]
        second = run_cli("backup", "restore", backup_file, "--into", into, env=ENV)
        assert second.returncode in (2, 4), second.stderr
        _one_line(second, second.returncode)
        first.stdin.write("go\n")
        first.stdin.close()
        assert first.stdout.readline().strip() == "restored", first.stderr.read()  # type: ignore[union-attr]
        assert first.wait(30) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    with Vault.unlock(into, PASSPHRASE) as vault:
        assert vault.check() == []
        assert len(Store(vault.connection).clients.ids()) == 1


@pytest.mark.parametrize("round_", range(3))
def test_racing_restores_leave_exactly_one_vault(
    tmp_path: Path, backup_file: Path, cli_env: dict[str, str], round_: int
) -> None:
    into = tmp_path / f"race-{round_}"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "coachdesk",
                "backup",
                "restore",
                str(backup_file),
                "--into",
                str(into),
            ],
            env={**cli_env, **ENV},
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(p.wait(120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    codes = sorted(code for code, _ in results)
    assert codes.count(0) == 1 and set(codes) <= {0, 2, 4}, results
    for code, err in results:
        if code:
            assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    with Vault.unlock(into, PASSPHRASE) as vault:
        assert vault.check() == []
    assert sorted(p.name for p in into.iterdir()) == ["vault.db", "vault.key"]
