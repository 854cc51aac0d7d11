"""A child process that writes to a vault through the real code until it is killed.

Run as ``python crash_child.py MODE VAULT PASSPHRASE [EXTRA]``. It prints ``ready`` once
the vault is open, then one line per durable step, *after* the step committed::

    C <n>   the client's intake notes were saved as version n        (store, autosaver)
    S <n>   session number n was added                              (store, rotate, backup)
    I <n>   the n-th import transaction committed                   (import)
    P <A|B> the passphrase is now A or B                            (passwd)
    K <code> the next key rotation sets this recovery code            (rotate)
    R <n>   the n-th key rotation finished                          (rotate)
    B <n>   the n-th backup is in place                             (backup)
    X <n>   the n-th restore (into EXTRA/<n>) finished               (restore)

The parent kills it with SIGKILL at a random moment and checks that everything
acknowledged is there. ``CRASH_AT=<call>:<n>:<before|after>`` makes the child kill
itself at the n-th call of ``os.replace``, ``os.fsync`` or ``os.write`` instead, to hit
the narrow windows (between the re-key and the header update, say) every time.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from datetime import datetime, timedelta
from pathlib import Path

from coachdesk.core.model import Session
from coachdesk.vault.keys import TEST_KDF, new_recovery_code
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault

PASSPHRASE_B = "the second passphrase, for switching"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    if line == "ready" and os.environ.get("CRASH_AT"):
        # Counted from here: opening the vault is not what is being tested.
        _install_crash_point(os.environ["CRASH_AT"])


def _install_crash_point(spec: str) -> None:
    name, count_text, when = spec.split(":")
    target = int(count_text)
    original = getattr(os, name)
    calls = 0

    def wrapper(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == target and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if calls == target and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(os, name, wrapper)


def _session(n: int) -> Session:
    return Session(
        client_id=None,
        started_at=datetime(2026, 1, 1, 9, 0) + timedelta(hours=n),
        agenda=f"crash-session-{n}",
        private_notes="x" * 2000,  # a few pages per session: real writes, real checkpoints
    )


def _add_session(store: Store, client_id: int, n: int) -> None:
    session = _session(n)
    session.client_id = client_id
    store.sessions.save(session)
    say(f"S {n}")


def _version(notes: str) -> int:
    return int(notes.removeprefix("note-")) if notes.startswith("note-") else 0


def _first_client(store: Store) -> int:
    return store.clients.ids()[0]


def _next_number(store: Store, client_id: int) -> int:
    numbers = [
        int(s.agenda.rsplit("-", 1)[1])
        for s in store.sessions.for_client(client_id)
        if s.agenda.startswith("crash-session-")
    ]
    return max(numbers, default=0) + 1


def run_store(vault: Vault) -> None:
    """What the Autosaver does all day: update a record, add records, one commit each."""
    store = Store(vault.connection)
    client_id = _first_client(store)
    client = store.clients.get(client_id)
    version = _version(client.intake_notes)
    n = _next_number(store, client_id)
    say("ready")
    while True:
        version += 1
        client.intake_notes = f"note-{version}"
        store.clients.save(client)
        say(f"C {version}")
        _add_session(store, client_id, n)
        n += 1


def run_autosaver(vault: Vault) -> None:
    """The real Autosaver, debouncing a stream of edits, in a Qt event loop."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from coachdesk.ui.autosave import Autosaver, SaveState

    app = QCoreApplication([])
    store = Store(vault.connection)
    client = store.clients.get(_first_client(store))
    state = {"version": _version(client.intake_notes)}
    saved: dict[str, int] = {}

    def save() -> None:
        store.clients.save(client)
        saved["version"] = _version(client.intake_notes)

    autosaver = Autosaver(save, delay_ms=3)

    def on_state(new_state: object, _message: str) -> None:
        if new_state == SaveState.SAVED and "version" in saved:
            say(f"C {saved.pop('version')}")

    autosaver.state_changed.connect(on_state)

    def type_something() -> None:
        state["version"] += 1
        client.intake_notes = f"note-{state['version']}"
        autosaver.touch()

    typing = QTimer()
    typing.setInterval(8)  # pauses longer than the debounce: each pause saves
    typing.timeout.connect(type_something)
    typing.start()
    say("ready")
    app.exec()


def run_import(vault: Vault, export_file: Path) -> None:
    from coachdesk.vault.exchange import import_engagements, read_export_file

    store = Store(vault.connection)
    items = read_export_file(export_file)
    n = 0
    say("ready")
    while True:
        import_engagements(store, items)
        n += 1
        say(f"I {n}")


def run_passwd(vault: Vault, current: str, passphrase_a: str) -> None:
    say("ready")
    names = {passphrase_a: "A", PASSPHRASE_B: "B"}
    while True:
        new = PASSPHRASE_B if current == passphrase_a else passphrase_a
        vault.change_passphrase(current, new, kdf=TEST_KDF)
        current = new
        say(f"P {names[current]}")


def run_rotate(vault: Vault, passphrase: str) -> None:
    store = Store(vault.connection)
    client_id = _first_client(store)
    n = _next_number(store, client_id)
    rotations = 0
    say("ready")
    while True:
        code = new_recovery_code()
        say(f"K {code}")
        vault.rotate_keys(passphrase, recovery_code=code, kdf=TEST_KDF)
        store = Store(vault.connection)
        rotations += 1
        say(f"R {rotations}")
        _add_session(store, client_id, n)
        n += 1


def run_backup(vault: Vault, passphrase: str, target: Path) -> None:
    from coachdesk.backup import create_backup

    store = Store(vault.connection)
    client_id = _first_client(store)
    n = _next_number(store, client_id)
    backups = 0
    say("ready")
    while True:
        _add_session(store, client_id, n)
        n += 1
        create_backup(vault, target, passphrase, kdf=TEST_KDF, chunk_size=64 * 1024)
        backups += 1
        say(f"B {backups} {n - 1}")


def run_restore(backup: Path, passphrase: str, into_root: Path) -> None:
    from coachdesk.backup import restore_backup

    n = 0
    say("ready")
    while True:
        n += 1
        while (into_root / str(n)).exists():
            n += 1
        restore_backup(backup, passphrase, into_root / str(n))
        say(f"X {n}")


def main() -> None:
    mode, folder, passphrase = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    extra = sys.argv[4] if len(sys.argv) > 4 else ""
    if mode == "restore":
        run_restore(folder, passphrase, Path(extra))
        return
    if mode == "passwd":
        # The parent does not know which of the two passphrases is current: try both.
        for candidate in (passphrase, PASSPHRASE_B):
            try:
                vault = Vault.unlock(folder, candidate)
            except Exception:  # noqa: S112 - WrongPassphrase: try the other one
                continue
            run_passwd(vault, candidate, passphrase)
        raise SystemExit("neither passphrase opens the vault")
    vault = Vault.unlock(folder, passphrase)
    if mode == "store":
        run_store(vault)
    elif mode == "autosaver":
        run_autosaver(vault)
    elif mode == "import":
        run_import(vault, Path(extra))
    elif mode == "rotate":
        run_rotate(vault, passphrase)
    elif mode == "backup":
        run_backup(vault, passphrase, Path(extra))
    else:
        raise SystemExit(f"unknown mode {mode}: {json.dumps(sys.argv)}")


if __name__ == "__main__":
    main()
