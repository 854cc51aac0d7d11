"""Reliability and security tests (issue 7): crash safety, full disk, bad input, leaks,
locking, concurrency. See docs/security.md for the claims they back.

A fast subset runs with the rest of the suite. The long randomized runs are marked
``slow``, which pyproject's ``addopts`` deselects; run them with
``python -m pytest -m slow tests/reliability``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coachdesk.vault.keys import TEST_KDF
from testsupport import PASSPHRASE, CliRunner, sample_engagement


@pytest.fixture
def real_window(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """The real main window with every real tab, unlocked, showing a sample client
    (its id in ``.client_id``); locked again at the end."""
    from coachdesk.ui.controller import VaultController
    from coachdesk.ui.main_window import MainWindow
    from coachdesk.ui.settings import AppSettings

    controller = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    win = MainWindow(controller, AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    controller.create(PASSPHRASE)
    client_id = controller.store.add_engagement(sample_engagement())
    controller.notify_changed(0)
    win.select_client(client_id)
    win.client_id = client_id
    yield win
    if controller.is_unlocked:
        controller.lock()


@pytest.fixture
def main_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cli_env: dict[str, str]
) -> CliRunner:
    """``coachdesk.cli.main`` in this process: the same code path as the command, without
    a process start per case (hardening is left to the subprocess tests)."""
    from coachdesk import cli

    monkeypatch.setattr(cli, "harden_process", lambda: None)
    for key in [k for k in os.environ if k.startswith("COACHDESK_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("COACHDESK_KDF_PROFILE", "test")
    monkeypatch.setenv("TMPDIR", cli_env["TMPDIR"])

    def run(
        *args: str | Path, env: dict[str, str] | None = None, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        with monkeypatch.context() as patch:
            for key, value in (env or {}).items():
                patch.setenv(key, value)
            capsys.readouterr()
            code = cli.main([str(a) for a in args])
            out, err = capsys.readouterr()
        return subprocess.CompletedProcess(list(map(str, args)), code, out, err)

    return run
