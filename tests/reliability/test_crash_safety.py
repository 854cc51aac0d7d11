"""Crash safety: a process writing through the real code is killed with SIGKILL at
random moments (and at chosen system calls); afterwards the vault opens, passes
``Vault.check()`` and holds everything the process acknowledged.

The child (crash_child.py) prints a line after each commit; whatever it printed before
the kill must be in the vault. SIGKILL leaves the kernel's page cache intact, so this
tests atomicity (no torn header, no half transaction, no unusable key state), not
durability against power loss, which ``fsync`` and ``synchronous = FULL`` are for.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coachdesk.backup import create_backup, restore_backup, verify_backup
from coachdesk.backup.archive import SNAPSHOT_PREFIX
from coachdesk.core.errors import CoachDeskError, WrongPassphrase
from coachdesk.vault.exchange import write_export
from coachdesk.vault.header import VaultHeader
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import HEADER_NAME, Vault, is_vault
from testsupport import PASSPHRASE, sample_engagement

CHILD = Path(__file__).with_name("crash_child.py")
TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
PASSPHRASE_B = "the second passphrase, for switching"  # as in crash_child.py


@dataclass
class Run:
    """What one killed child acknowledged, and how it ended."""

    lines: list[str]
    returncode: int
    stderr: str

    def acks(self, kind: str) -> list[int]:
        return [int(line.split()[1]) for line in self.lines if line.startswith(kind + " ")]

    def last(self, kind: str, default: int = 0) -> int:
        found = self.acks(kind)
        return found[-1] if found else default


def _env(crash_at: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CRASH_AT"}
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), str(REPO), env.get("PYTHONPATH", "")])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["QT_QPA_PLATFORM"] = "offscreen"
    if crash_at:
        env["CRASH_AT"] = crash_at
    return env


def run_child(
    mode: str,
    folder: Path,
    extra: str = "",
    *,
    delay: float | None = None,
    crash_at: str | None = None,
    passphrase: str = PASSPHRASE,
    timeout: float = 60.0,
) -> Run:
    """Start the child, let it work for ``delay`` seconds (or until it kills itself at
    ``crash_at``), SIGKILL it, and return what it acknowledged."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), mode, str(folder), passphrase, extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(crash_at),
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            if line.strip() == "ready":
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + timeout
        while not ready.wait(0.02):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                assert proc.stderr is not None
                raise AssertionError(f"child never became ready: {proc.stderr.read()[-3000:]}")
        if crash_at is not None:
            try:
                proc.wait(timeout=delay if delay is not None else 20)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
        else:
            time.sleep(delay or 0)
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(timeout=10)
    stderr = proc.stderr.read() if proc.stderr else ""  # type: ignore[union-attr]
    assert proc.returncode == -signal.SIGKILL, f"child ended on its own: {stderr[-3000:]}"
    return Run([line for line in lines if line != "ready"], proc.returncode, stderr)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Path]:
    """A vault with one client (the crash children add to it)."""
    folder = tmp_path / "vault"
    created, _code = Vault.create(folder, PASSPHRASE, kdf=TEST_KDF)
    Store(created.connection).add_engagement(sample_engagement())
    created.lock()
    yield folder


@dataclass
class Ledger:
    """Everything acknowledged over all the runs so far (sessions, note versions)."""

    sessions: set[int] = field(default_factory=set)
    note_version: int = 0

    def add(self, run: Run) -> None:
        self.sessions.update(run.acks("S"))
        self.note_version = max(self.note_version, run.last("C"))


def _crash_sessions(store: Store) -> list[int]:
    client_id = store.clients.ids()[0]
    return sorted(
        int(s.agenda.rsplit("-", 1)[1])
        for s in store.sessions.for_client(client_id)
        if s.agenda.startswith("crash-session-")
    )


def assert_vault_holds(
    folder: Path, ledger: Ledger, passphrase: str = PASSPHRASE, *, exact_notes: bool = True
) -> None:
    """Opens, passes every check, holds every acknowledged record (and at most one more)."""
    with Vault.unlock(folder, passphrase) as opened:
        assert opened.check() == []
        store = Store(opened.connection)
        numbers = _crash_sessions(store)
        assert len(numbers) == len(set(numbers)), "a session was stored twice"
        missing = ledger.sessions - set(numbers)
        assert not missing, f"acknowledged sessions lost: {sorted(missing)}"
        assert numbers == list(range(1, len(numbers) + 1)), "a gap: a commit was lost"
        assert len(numbers) <= max(ledger.sessions, default=0) + 1
        client = store.clients.get(store.clients.ids()[0])
        notes = client.intake_notes
        stored = int(notes.removeprefix("note-")) if notes.startswith("note-") else 0
        if exact_notes:
            # The acknowledged version, or the next one if its commit beat the kill.
            assert stored in (ledger.note_version, ledger.note_version + 1)
        else:
            assert stored >= ledger.note_version
    # What was found is durable now; the next child carries on from it.
    ledger.sessions.update(numbers)
    ledger.note_version = stored
    header = VaultHeader.parse((folder / HEADER_NAME).read_bytes())
    assert header.pending_data_key is None, "unlock finishes an interrupted rotation"


def _delays(count: int, low: float, high: float, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [rng.uniform(low, high) for _ in range(count)]


# -- the autosave loop ---------------------------------------------------------------------


def _kill_store_loop(vault: Path, delays: list[float], mode: str = "store") -> Ledger:
    ledger = Ledger()
    for delay in delays:
        run = run_child(mode, vault, delay=delay)
        ledger.add(run)
        assert_vault_holds(vault, ledger, exact_notes=mode == "store")
    assert ledger.sessions or ledger.note_version, "the child never committed anything"
    return ledger


def test_killed_store_saves_lose_nothing_acknowledged(vault: Path) -> None:
    _kill_store_loop(vault, _delays(4, 0.05, 0.5, seed=1))


def test_killed_autosaver_loses_nothing_saved(vault: Path) -> None:
    _kill_store_loop(vault, _delays(2, 0.3, 0.8, seed=2), mode="autosaver")


@pytest.mark.slow
def test_killed_store_saves_many_times(vault: Path) -> None:
    _kill_store_loop(vault, _delays(60, 0.0, 1.0, seed=11))


@pytest.mark.slow
def test_killed_autosaver_many_times(vault: Path) -> None:
    _kill_store_loop(vault, _delays(30, 0.25, 1.2, seed=12), mode="autosaver")


# -- import: one transaction or nothing ----------------------------------------------------


def _kill_imports(vault: Path, tmp_path: Path, delays: list[float]) -> None:
    export = tmp_path / "three.json"
    with Vault.unlock(vault, PASSPHRASE) as opened:
        store = Store(opened.connection)
        for name in ("Ana Lima", "Björn Ek"):
            store.add_engagement(sample_engagement(name))
        assert write_export(store, export) == 3
        base = len(store.clients.ids())
    acked = 0
    for delay in delays:
        run = run_child("import", vault, str(export), delay=delay)
        acked += run.last("I")
        with Vault.unlock(vault, PASSPHRASE) as opened:
            assert opened.check() == []
            added = len(Store(opened.connection).clients.ids()) - base
        assert added % 3 == 0, f"a partial import: {added} clients added"
        assert added // 3 in (acked, acked + 1)
        acked = added // 3


def test_killed_import_is_all_or_nothing(vault: Path, tmp_path: Path) -> None:
    _kill_imports(vault, tmp_path, _delays(3, 0.1, 0.5, seed=3))


@pytest.mark.slow
def test_killed_import_many_times(vault: Path, tmp_path: Path) -> None:
    _kill_imports(vault, tmp_path, _delays(30, 0.0, 1.0, seed=13))


# -- passphrase change: the old or the new one, never neither --------------------------------


def _opens_with(folder: Path) -> list[str]:
    which = []
    for name, candidate in (("A", PASSPHRASE), ("B", PASSPHRASE_B)):
        try:
            with Vault.unlock(folder, candidate) as opened:
                assert opened.check() == []
                which.append(name)
        except WrongPassphrase:
            pass
    return which


def _check_passwd_kill(vault: Path, run: Run, code: str, point: str | None = None) -> None:
    opens = _opens_with(vault)
    assert len(opens) == 1, f"opens with {opens}: must be exactly one of the two"
    acked = [line.split()[1] for line in run.lines if line.startswith("P ")]
    if point is not None and point.startswith("replace:"):
        # Killed just before the header's rename: the passphrase acknowledged last (or
        # the one it started with); just after it: the one being set.
        before = acked[-1] if acked else _START[vault]
        after = "B" if before == "A" else "A"
        assert opens == [before if point.endswith(":before") else after]
    _START[vault] = opens[0]
    # The recovery code is another slot of the same header: it must survive too.
    with Vault.unlock(vault, PASSPHRASE if opens == ["A"] else PASSPHRASE_B) as opened:
        opened.check_recovery_code(code)
    leftovers = [p.name for p in vault.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".vault.key.") for name in leftovers)


_START: dict[Path, str] = {}  # which passphrase opened the vault when a child started


@pytest.fixture
def recovery_vault(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "vault"
    created, code = Vault.create(folder, PASSPHRASE, kdf=TEST_KDF)
    Store(created.connection).add_engagement(sample_engagement())
    created.lock()
    _START[folder] = "A"
    return folder, code


# The slow test below goes through every rename and fsync; by default, the two sides
# of the one rename that matters, and the fsync before it.
PASSWD_POINTS = ["replace:1:before", "replace:1:after", "fsync:1:before"]


@pytest.mark.parametrize("point", PASSWD_POINTS)
def test_passphrase_change_killed_at_a_system_call(
    recovery_vault: tuple[Path, str], point: str
) -> None:
    folder, code = recovery_vault
    run = run_child("passwd", folder, crash_at=point)
    _check_passwd_kill(folder, run, code, point)


def test_passphrase_change_killed_at_random(recovery_vault: tuple[Path, str]) -> None:
    folder, code = recovery_vault
    for delay in _delays(3, 0.0, 0.3, seed=4):
        _check_passwd_kill(folder, run_child("passwd", folder, delay=delay), code)


@pytest.mark.slow
def test_passphrase_change_killed_many_times(recovery_vault: tuple[Path, str]) -> None:
    folder, code = recovery_vault
    for delay in _delays(60, 0.0, 0.6, seed=14):
        _check_passwd_kill(folder, run_child("passwd", folder, delay=delay), code)
    for n in range(1, 12):
        for when in ("before", "after"):
            for call in ("replace", "fsync"):
                point = f"{call}:{n}:{when}"
                _check_passwd_kill(folder, run_child("passwd", folder, crash_at=point), code, point)


# -- data-key rotation: the pending-key mechanism --------------------------------------------


def _check_rotate_kill(vault: Path, ledger: Ledger, run: Run, code: str) -> str:
    """Returns the recovery code now in force: the one acknowledged last, or the one a
    rotation killed after its final header write had just set (never neither)."""
    ledger.add(run)
    assert_vault_holds(vault, ledger)
    announced = [line.split()[1] for line in run.lines if line.startswith("K ")]
    candidates = [code, *announced]
    working = []
    with Vault.unlock(vault, PASSPHRASE) as opened:
        for candidate in candidates:
            try:
                opened.check_recovery_code(candidate)
                working.append(candidate)
            except WrongPassphrase:
                pass
    assert len(working) == 1, f"{len(working)} recovery codes open the vault"
    code = working[0]
    acked = run.last("R")
    if acked and announced:
        # Every rotation acknowledged made its code current; only the one in flight
        # (announced after the last acknowledgement) may or may not have.
        assert code in announced[acked - 1 :]
    # And with the recovery code (a new passphrase is set; set the old one back).
    Vault.recover(vault, code, PASSPHRASE_B, kdf=TEST_KDF).lock()
    with Vault.unlock(vault, PASSPHRASE_B) as opened:
        opened.change_passphrase(PASSPHRASE_B, PASSPHRASE, kdf=TEST_KDF)
    return code


# Per rotation: pending header (fsync file, replace, fsync folder), PRAGMA rekey, the new
# header (fsync, replace, fsync). "replace:2:before" is the window after the re-key,
# before the new header is in place: the database opens only with the pending key, and
# the old recovery code still works; "replace:2:after": the new header and code rule.
ROTATE_POINTS = ["replace:1:after", "replace:2:before", "replace:2:after"]


@pytest.mark.parametrize("point", ROTATE_POINTS)
def test_rotation_killed_at_a_system_call(recovery_vault: tuple[Path, str], point: str) -> None:
    folder, code = recovery_vault
    ledger = Ledger()
    _check_rotate_kill(folder, ledger, run_child("rotate", folder, crash_at=point), code)


def test_rotation_killed_at_random(recovery_vault: tuple[Path, str]) -> None:
    folder, code = recovery_vault
    ledger = Ledger()
    for delay in _delays(2, 0.05, 0.6, seed=5):
        code = _check_rotate_kill(folder, ledger, run_child("rotate", folder, delay=delay), code)


@pytest.mark.slow
def test_rotation_killed_many_times(recovery_vault: tuple[Path, str]) -> None:
    folder, code = recovery_vault
    ledger = Ledger()
    for delay in _delays(50, 0.0, 1.5, seed=15):
        code = _check_rotate_kill(folder, ledger, run_child("rotate", folder, delay=delay), code)
    for n in range(1, 9):
        for when in ("before", "after"):
            for call in ("replace", "fsync"):
                run = run_child("rotate", folder, crash_at=f"{call}:{n}:{when}")
                code = _check_rotate_kill(folder, ledger, run, code)


# -- backups: no partial file, the previous one intact -------------------------------------


def _check_backup_kill(vault: Path, target: Path, ledger: Ledger, run: Run, state: dict) -> None:
    ledger.add(run)
    assert_vault_holds(vault, ledger)
    backups = [line.split() for line in run.lines if line.startswith("B ")]
    if backups:
        state["sessions_in_backup"] = int(backups[-1][2])
    # Whatever sits under the target's name is a complete, valid backup…
    if state.get("sessions_in_backup") is not None:
        assert target.exists(), "an acknowledged backup disappeared"
    if target.exists():
        verify_backup(target, PASSPHRASE)
        into = target.parent / f"restored-{len(ledger.sessions)}-{time.monotonic_ns()}"
        restore_backup(target, PASSPHRASE, into)
        with Vault.unlock(into, PASSPHRASE) as restored:
            numbers = _crash_sessions(Store(restored.connection))
        # …and it is the last acknowledged backup or a newer one.
        assert len(numbers) >= state.get("sessions_in_backup", 0)
    # Only the hidden temporary file of an interrupted write may be left next to it.
    for entry in target.parent.iterdir():
        if entry == target or entry.name.startswith("restored-"):
            continue
        assert entry.name.startswith(f".{target.name}.") and entry.name.endswith(".tmp"), entry


def _kill_backups(vault: Path, tmp_path: Path, delays: list[float], points: list[str]) -> None:
    target_dir = tmp_path / "usb"
    target_dir.mkdir()
    target = target_dir / "vault.cdbackup"
    ledger, state = Ledger(), {}
    for point in points:
        run = run_child("backup", vault, str(target), crash_at=point)
        _check_backup_kill(vault, target, ledger, run, state)
    for delay in delays:
        run = run_child("backup", vault, str(target), delay=delay)
        _check_backup_kill(vault, target, ledger, run, state)
    # The next backup removes the scratch folders killed backups left in the vault.
    with Vault.unlock(vault, PASSPHRASE) as opened:
        create_backup(opened, target, PASSPHRASE, kdf=TEST_KDF)
    assert not [p for p in vault.iterdir() if p.name.startswith(SNAPSHOT_PREFIX)]


def test_killed_backup_leaves_no_partial_file(vault: Path, tmp_path: Path) -> None:
    # replace:1:before = the new backup is complete but not yet renamed over the old one.
    _kill_backups(
        vault,
        tmp_path,
        _delays(3, 0.05, 0.6, seed=6),
        ["fsync:1:before", "replace:1:after", "replace:2:before"],
    )


@pytest.mark.slow
def test_killed_backup_many_times(vault: Path, tmp_path: Path) -> None:
    points = [
        f"{c}:{n}:{w}" for c in ("replace", "fsync") for n in (1, 2, 3) for w in ("before", "after")
    ]
    _kill_backups(vault, tmp_path, _delays(40, 0.0, 1.2, seed=16), points)


# -- restore: a folder is a complete vault or no vault ---------------------------------------


def _kill_restores(vault: Path, tmp_path: Path, delays: list[float]) -> None:
    backup = tmp_path / "vault.cdbackup"
    with Vault.unlock(vault, PASSPHRASE) as opened:
        create_backup(opened, backup, PASSPHRASE, kdf=TEST_KDF)
    into_root = tmp_path / "restores"
    into_root.mkdir()
    done: set[int] = set()
    for delay in delays:
        run = run_child("restore", backup, str(into_root), delay=delay)
        done.update(run.acks("X"))
    for folder in sorted(into_root.iterdir()):
        if int(folder.name) in done:
            assert is_vault(folder)
        if is_vault(folder):
            with Vault.unlock(folder, PASSPHRASE) as restored:
                assert restored.check() == []
        else:  # an interrupted restore: never opened half-made; no header means no
            # vault, so restoring again clears the remains and succeeds
            with pytest.raises(CoachDeskError):
                Vault.unlock(folder, PASSPHRASE)
            restore_backup(backup, PASSPHRASE, folder)
            with Vault.unlock(folder, PASSPHRASE) as restored:
                assert restored.check() == []


def test_killed_restore_never_leaves_half_a_vault(vault: Path, tmp_path: Path) -> None:
    _kill_restores(vault, tmp_path, _delays(3, 0.05, 0.5, seed=7))


@pytest.mark.slow
def test_killed_restore_many_times(vault: Path, tmp_path: Path) -> None:
    _kill_restores(vault, tmp_path, _delays(30, 0.0, 0.8, seed=17))


def test_child_protocol_is_what_the_parent_reads(vault: Path) -> None:
    """Guard against a silent child: it must acknowledge steps before being killed."""
    run = run_child("store", vault, delay=0.6)
    assert run.acks("C") and run.acks("S"), json.dumps(run.lines[:5])


def test_check_is_clean_right_after_a_rotation(open_vault: Vault) -> None:
    """Found by the kill tests: after ``PRAGMA rekey`` the re-keyed pages sat in the WAL
    and ``cipher_integrity_check`` (which reads the file, not the WAL) reported every
    page as tampered, until the next checkpoint; ``coachdesk check`` after a crash said
    "restore from a backup" about a healthy vault."""
    Store(open_vault.connection).add_engagement(sample_engagement())
    open_vault.rotate_keys(PASSPHRASE)
    assert open_vault.check() == []
