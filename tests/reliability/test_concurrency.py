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
