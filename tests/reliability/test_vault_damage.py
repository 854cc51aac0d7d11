"""A vault whose header is there but whose database is not (issue 16, item 2).

``vault.key`` is what makes a folder a vault. A ``vault.db`` that is missing, empty
(0 bytes), or not the header's database is damage: every command stops with exit 5
and one line that says to restore a backup, and nothing is written, above all not a
new, empty vault (before, an emptied ``vault.db`` opened as a fresh vault and ``check``
said "Vault OK"). The same holds for every command that opens the vault and for the app.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3
from pytestqt.qtbot import QtBot

from coachdesk.core.errors import IntegrityFailure
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, Vault
from testsupport import PASSPHRASE, CliRunner, NewVault, sample_engagement

ENV = {"COACHDESK_PASSPHRASE": PASSPHRASE, "COACHDESK_NEW_PASSPHRASE": "a brand new passphrase"}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _empty(folder: Path, _tmp: Path) -> None:
    (folder / DB_NAME).write_bytes(b"")


def _missing(folder: Path, _tmp: Path) -> None:
    (folder / DB_NAME).unlink()


def _schema_less(folder: Path, _tmp: Path) -> None:
    """A database that opens with this vault's own key but holds nothing: the shape of
    a vault.db replaced by a fresh one (what the old code made of an empty file)."""
    with Vault.unlock(folder, PASSPHRASE) as vault:
        key = vault.data_key()
    (folder / DB_NAME).unlink()
    conn = sqlcipher3.connect(str(folder / DB_NAME), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.close()
    assert (folder / DB_NAME).stat().st_size > 0


def _another_vaults(folder: Path, tmp: Path) -> None:
    other, _code = Vault.create(tmp / "other", PASSPHRASE, kdf=TEST_KDF)
    other.lock()
    shutil.copyfile(tmp / "other" / DB_NAME, folder / DB_NAME)


DAMAGE: dict[str, Callable[[Path, Path], None]] = {
    "empty": _empty,
    "missing": _missing,
    "schema-less": _schema_less,
    "another-vaults": _another_vaults,
}

COMMANDS = [
    ["check"],
    ["clients"],
    ["search", "anything"],
    ["demo"],
    ["client", "archive", "1"],
    ["client", "delete", "1", "--yes"],
    ["passwd"],
    ["rotate-key"],
    ["export", "-o", "out.json"],
    ["backup", "create", "-o", "backup.cdbackup"],
]


@pytest.fixture
def filled(new_vault: NewVault) -> NewVault:
    with Vault.unlock(new_vault.folder, PASSPHRASE) as vault:
        Store(vault.connection).add_engagement(sample_engagement())
    return new_vault


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_database_is_never_a_new_vault(
    filled: NewVault, tmp_path: Path, run_cli: CliRunner, damage: str
) -> None:
    DAMAGE[damage](filled.folder, tmp_path)
    before = _snapshot(filled.folder)
    for command in COMMANDS:
        proc = run_cli("--vault", filled.folder, *command, env=ENV)
        assert proc.returncode == 5, (command, proc.stdout, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert "restore" in lines[0] and "vault.db" in lines[0], lines[0]
        assert "OK" not in proc.stdout
        assert _snapshot(filled.folder) == before, f"{command} changed the vault folder"
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "backup.cdbackup").exists()


def test_the_recovery_code_does_not_open_an_empty_database(filled: NewVault) -> None:
    _empty(filled.folder, filled.folder)
    with pytest.raises(IntegrityFailure, match="empty"):
        Vault.recover(filled.folder, filled.recovery_code, "another passphrase here")
    assert (filled.folder / DB_NAME).stat().st_size == 0
    with pytest.raises(IntegrityFailure):  # nor the passphrase: restore a backup
        Vault.unlock(filled.folder, PASSPHRASE)


def test_the_app_says_damaged_and_offers_no_new_vault(
    qtbot: QtBot, tmp_path: Path, filled: NewVault
) -> None:
    from coachdesk.ui.controller import VaultController
    from coachdesk.ui.main_window import UNLOCK, MainWindow
    from coachdesk.ui.settings import AppSettings

    _empty(filled.folder, tmp_path)
    win = MainWindow(VaultController(filled.folder, kdf=TEST_KDF), AppSettings(tmp_path / "s.ini"))
    qtbot.addWidget(win)
    win.show()
    assert win.stack.currentIndex() == UNLOCK
    win.unlock_page.unlock_requested.emit(PASSPHRASE)
    assert not win.controller.is_unlocked
    assert "empty" in win.unlock_page.error.text()
    assert (filled.folder / DB_NAME).stat().st_size == 0
