"""Automatic backups from the app: schedule, status, cancel, on quit, restore."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coachdesk.backup import backup_name, list_backups, verify_backup
from coachdesk.backup.rotation import vault_id_of
from coachdesk.ui import main_window as main_window_module
from coachdesk.ui import settings as keys
from coachdesk.ui.backups import describe_age
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import UNLOCK, MainWindow
from coachdesk.ui.settings import AppSettings
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import PASSPHRASE, sample_engagement


def test_describe_age() -> None:
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    assert describe_age(None, now) == ("No backup yet", True)
    assert describe_age(now - timedelta(seconds=30), now) == ("Last backup: just now", False)
    assert describe_age(now - timedelta(minutes=5), now)[0] == "Last backup: 5 minutes ago"
    assert describe_age(now - timedelta(hours=1), now)[0] == "Last backup: 1 hour ago"
    assert describe_age(now - timedelta(days=2), now) == ("Last backup: 2 days ago", False)
    assert describe_age(now - timedelta(days=8), now) == ("Last backup: 8 days ago", True)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, settings: AppSettings) -> MainWindow:
    settings.set(keys.BACKUP_FOLDER, str(tmp_path / "backups"))
    controller = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    controller.create(PASSPHRASE)
    controller.store.add_engagement(sample_engagement())
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    return win


def _wait_done(qtbot: QtBot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.backups.running, timeout=60_000)


def test_back_up_now_writes_a_verified_backup(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.backups.label.text() == "No backup yet"
    assert window.backups.is_due()
    window.back_up_now()
    assert window.backups.running
    assert window.backups.progress.isVisible()
    _wait_done(qtbot, window)
    (backup,) = list_backups(tmp_path / "backups")
    assert window.backups.label.text() == "Last backup: just now"
    assert not window.backups.is_due()
    info = verify_backup(backup.path, PASSPHRASE)
    assert info.vault_id
    assert backup.path.stat().st_mode & 0o077 == 0


def test_stale_backup_is_flagged_and_due(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o700)
    old = datetime.now(UTC) - timedelta(days=9)
    (folder / backup_name(old, vault_id_of(window.controller.vault_dir))).write_bytes(b"x")
    window.backups.refresh_label()
    assert window.backups.label.text() == "Last backup: 9 days ago"
    assert window.backups.label.property("problem") == "stale"  # the warning style
    assert window.backups.is_due()


def test_cancel_leaves_no_partial_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    job = window.backups.run()
    assert job is not None
    qtbot.mouseClick(window.backups.cancel_button, main_window_module.Qt.MouseButton.LeftButton)
    _wait_done(qtbot, window)
    leftovers = [p for p in (tmp_path / "backups").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert all(verify_backup(b.path, PASSPHRASE) for b in list_backups(tmp_path / "backups"))


def test_lock_waits_for_a_running_backup(qtbot: QtBot, window: MainWindow) -> None:
    window.backups.run()
    window.lock()
    assert not window.backups.running
    assert window.stack.currentIndex() == UNLOCK


def test_quitting_makes_a_backup(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.close()
    assert len(list_backups(tmp_path / "backups")) == 1
    assert not window.controller.is_unlocked


def test_restore_from_the_welcome_page(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.back_up_now()
    _wait_done(qtbot, window)
    (backup,) = list_backups(tmp_path / "backups")
    window.lock()

    fresh = MainWindow(VaultController(tmp_path / "restored", kdf=TEST_KDF), AppSettings(
        tmp_path / "other.ini"))  # fmt: skip
    qtbot.addWidget(fresh)
    monkeypatch.setattr(main_window_module, "choose_open_file", lambda *_a: backup.path)
    monkeypatch.setattr(
        main_window_module.QInputDialog, "getText", lambda *_a, **_k: (PASSPHRASE, True)
    )
    monkeypatch.setattr(main_window_module.QMessageBox, "information", lambda *_a, **_k: None)
    qtbot.mouseClick(fresh.welcome.restore_button, main_window_module.Qt.MouseButton.LeftButton)
    assert fresh.stack.currentIndex() == UNLOCK
    with Vault.unlock(tmp_path / "restored", PASSPHRASE) as vault:
        (client,) = Store(vault.connection).clients.all()
        assert client.name == "Ирина Соколова"


def test_restore_with_wrong_passphrase_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.back_up_now()
    _wait_done(qtbot, window)
    (backup,) = list_backups(tmp_path / "backups")
    fresh = MainWindow(VaultController(tmp_path / "restored", kdf=TEST_KDF), AppSettings(
        tmp_path / "other.ini"))  # fmt: skip
    qtbot.addWidget(fresh)
    warnings: list[str] = []
    monkeypatch.setattr(main_window_module, "choose_open_file", lambda *_a: backup.path)
    monkeypatch.setattr(
        main_window_module.QInputDialog, "getText", lambda *_a, **_k: ("not it at all", True)
    )
    monkeypatch.setattr(
        main_window_module.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text)
    )
    fresh._restore_requested()
    assert warnings and "passphrase" in warnings[0].lower()
    assert not (tmp_path / "restored" / "vault.key").exists()


def test_status_counts_only_this_vaults_backups(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings
) -> None:
    """A second vault sharing the backup folder says "No backup yet", not the first
    vault's "Last backup: 4 minutes ago", and its timer finds a backup due."""
    folder = tmp_path / "backups"
    settings.set(keys.BACKUP_FOLDER, str(folder))
    first, _code = Vault.create(tmp_path / "first", PASSPHRASE, kdf=TEST_KDF)
    from coachdesk.backup import write_scheduled_backup

    write_scheduled_backup(first, folder, PASSPHRASE, kdf=TEST_KDF)
    first.lock()
    controller = VaultController(tmp_path / "second", kdf=TEST_KDF)
    controller.create(PASSPHRASE)
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.backups.refresh_label()
    assert win.backups.label.text() == "No backup yet"
    assert win.backups.last_backup() is None
    assert win.backups.is_due()
    controller.lock()


def test_no_backup_warning_before_a_vault_exists(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings
) -> None:
    win = MainWindow(VaultController(tmp_path / "none", kdf=TEST_KDF), settings)
    qtbot.addWidget(win)
    assert win.backups.label.text() == ""
    assert win.backups.label.property("problem") == ""
