"""The unlocked-or-locked state of the app, owned in one place.

Widgets never hold the vault themselves: they ask the controller for the store and
listen to its signals. Locking first asks every editor to save (``about_to_lock``),
then closes the database and drops the key, then tells every widget to forget what it
shows (``locked``).
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Signal

from coachdesk.core.errors import InvalidInput
from coachdesk.vault.keys import KdfParams
from coachdesk.vault.vault import Vault, is_vault

if TYPE_CHECKING:
    from coachdesk.vault.store import Store


class _Finished(QObject):
    """Tells the GUI thread's event loop that a worker is done (a queued signal)."""

    done = Signal()


class VaultController(QObject):
    unlocked = Signal()
    about_to_lock = Signal()
    locked = Signal()
    data_changed = Signal(int)  # client id whose records changed (0: the client list)

    def __init__(self, vault_dir: Path, kdf: KdfParams | None = None) -> None:
        super().__init__()
        self.vault_dir = Path(vault_dir)
        self._kdf = kdf  # None: calibrated; tests pass the cheap profile
        self._vault: Vault | None = None
        self._store: Store | None = None
        # The passphrase, kept only while unlocked, so automatic backups can be
        # protected by it without asking. Dropped on lock (docs/security.md).
        self.backup_secret: str | None = None

    @property
    def kdf(self) -> KdfParams | None:
        """Argon2id parameters for new keys (None: calibrated on this machine)."""
        return self._kdf

    @property
    def vault_exists(self) -> bool:
        return is_vault(self.vault_dir)

    @property
    def is_unlocked(self) -> bool:
        return self._vault is not None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise InvalidInput("the vault is locked")
        return self._store

    @property
    def vault(self) -> Vault:
        if self._vault is None:
            raise InvalidInput("the vault is locked")
        return self._vault

    def create(self, passphrase: str) -> str:
        """Create the vault, leave it unlocked; returns the recovery code to show once."""
        vault, code = Vault.create(self.vault_dir, passphrase, kdf=self._kdf)
        self.backup_secret = passphrase
        self._opened(vault)
        return code

    def unlock(self, passphrase: str) -> None:
        vault = Vault.unlock(self.vault_dir, passphrase)
        self.backup_secret = passphrase
        self._opened(vault)

    def unlock_in_background(self, passphrase: str) -> None:
        """:meth:`unlock`, with the key derivation (about half a second of Argon2id) and
        the opening of the database on a worker thread.

        Returns once the vault is open (or raises what :meth:`unlock` raises), like
        :meth:`unlock`, but the GUI thread runs its event loop meanwhile: the window
        repaints, animates the progress and stays responsive. The caller must keep the
        coach from asking twice (the unlock page turns busy: MainWindow._unlock).
        """
        outcome: dict[str, object] = {}
        finished = _Finished()
        loop = QEventLoop()
        finished.done.connect(loop.quit)

        def work() -> None:
            try:
                outcome["vault"] = Vault.unlock(self.vault_dir, passphrase)
            except BaseException as exc:  # re-raised on the GUI thread below
                outcome["error"] = exc
            finally:
                finished.done.emit()  # queued to the GUI thread's loop

        worker = threading.Thread(target=work, name="coachdesk-unlock", daemon=True)
        worker.start()
        while "vault" not in outcome and "error" not in outcome:
            loop.exec()
        worker.join()
        error = outcome.get("error")
        if isinstance(error, BaseException):
            raise error
        vault = outcome["vault"]
        assert isinstance(vault, Vault)
        self.backup_secret = passphrase
        self._opened(vault)

    def recover(self, recovery_code: str, new_passphrase: str) -> None:
        vault = Vault.recover(self.vault_dir, recovery_code, new_passphrase, kdf=self._kdf)
        self.backup_secret = new_passphrase
        self._opened(vault)

    def change_passphrase(self, old: str, new: str) -> None:
        self.vault.change_passphrase(old, new, kdf=self._kdf)
        self.backup_secret = new

    def rotate_keys(self, passphrase: str) -> str:
        """Revoke every old key (Vault.rotate_keys); the new recovery code, to show once."""
        from coachdesk.backup import remove_stale_snapshots

        code = self.vault.rotate_keys(passphrase, kdf=self._kdf)
        remove_stale_snapshots(self.vault)  # a killed backup's, under the old data key
        return code

    def _opened(self, vault: Vault) -> None:
        # The repositories are imported when first needed (~35 ms): by the workspace
        # tabs, built while the lock screen shows, or here (docs/performance.md).
        from coachdesk.vault.store import Store

        self._vault = vault
        self._store = Store(vault.connection)
        self.unlocked.emit()

    def lock(self) -> None:
        """Save, close, forget. Safe to call when already locked."""
        if self._vault is None:
            return
        self.about_to_lock.emit()
        if self._store is not None:
            self._store.forget_snapshot()  # the client's records it read for the tabs
        vault, self._vault, self._store = self._vault, None, None
        self.backup_secret = None
        vault.lock()
        del vault
        gc.collect()
        self.locked.emit()

    def notify_changed(self, client_id: int) -> None:
        self.data_changed.emit(client_id)
