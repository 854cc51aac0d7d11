"""Shared fixtures: real vaults on disk, the real CLI in a subprocess, offscreen Qt."""

from __future__ import annotations

import os
import shutil
import tempfile

# Qt must never try to open a real display in tests; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.vault import Vault
from testsupport import PASSPHRASE, CliRunner, NewVault

# Opening a CUPS printer, Qt's print support asks libcups for the printer's description
# (PPD). libcups copies it into $TMPDIR unless it finds it under CUPS_SERVERROOT, where it
# reads it in place (a symlink in $TMPDIR, no bytes): the printing tests' schedulers put
# their PPDs there, so every byte written to a watched $TMPDIR is the app's (or Qt's).
# libcups reads the variable once per thread, on first use: set before anything prints.
_CUPS_CLIENT_ROOT = None
if "CUPS_SERVERROOT" not in os.environ:
    _CUPS_CLIENT_ROOT = tempfile.mkdtemp(prefix="cd-cups-client-")
    os.environ["CUPS_SERVERROOT"] = _CUPS_CLIENT_ROOT


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def new_vault(vault_dir: Path) -> NewVault:
    """A freshly created, locked vault (cheap KDF) and the secrets that open it."""
    vault, code = Vault.create(vault_dir, PASSPHRASE, kdf=TEST_KDF)
    vault.lock()
    return NewVault(vault_dir, PASSPHRASE, code)


@pytest.fixture
def open_vault(new_vault: NewVault) -> Iterator[Vault]:
    vault = Vault.unlock(new_vault.folder, new_vault.passphrase)
    yield vault
    vault.lock()


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """An environment for the CLI: private HOME, XDG folders and TMPDIR, cheap KDF."""
    home = tmp_path / "home"
    for sub in ("", ".config", ".local/share", ".cache", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("COACHDESK_")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TMPDIR=str(home / "tmp"),
        COACHDESK_KDF_PROFILE="test",
        QT_QPA_PLATFORM="offscreen",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


@pytest.fixture
def run_cli(cli_env: dict[str, str], tmp_path: Path) -> CliRunner:
    """Run ``python -m coachdesk ARGS`` as a user would; returns the finished process."""

    def run(
        *args: str | Path, env: dict[str, str] | None = None, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "coachdesk", *map(str, args)],
            env={**cli_env, **(env or {})},
            cwd=tmp_path,
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.fixture(scope="module")
def cups_scheduler() -> Iterator[object]:
    """A private CUPS scheduler with a cups-pdf queue and a PDF printer (cups_support);
    skips, saying what is missing, where it cannot run. Always stopped."""
    import cups_support

    reason = cups_support.missing()
    if reason is not None:
        pytest.skip(f"no private CUPS scheduler: {reason}")
    with cups_support.Scheduler() as scheduler:
        yield scheduler


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CUPS_CLIENT_ROOT is not None:
        shutil.rmtree(_CUPS_CLIENT_ROOT, ignore_errors=True)
