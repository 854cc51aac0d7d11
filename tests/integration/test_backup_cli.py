"""``coachdesk backup create|verify|restore`` as a user runs it: exit codes, one-line errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

from coachdesk.backup import parse_backup_name
from coachdesk.backup.container import HEADER_BYTES
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.vault import Vault
from testsupport import CliRunner

PASS = "correct horse battery staple"
BACKUP_PASS = "another passphrase for backups"
MARKER = "Client decided to leave the company in March"


def _one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("coachdesk: ")
    return lines[0]


def _vault_with_notes(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    vault, _code = Vault.create(folder, PASS, kdf=TEST_KDF)
    with vault.transaction() as conn:
        conn.execute("CREATE TABLE test_notes (body TEXT)")
        for i in range(500):
            conn.execute("INSERT INTO test_notes VALUES (?)", (f"{MARKER} #{i}",))
    vault.lock()
    return folder


def _notes(folder: Path, passphrase: str = PASS) -> list[str]:
    with Vault.unlock(folder, passphrase) as vault:
        rows = vault.connection.execute("SELECT body FROM test_notes ORDER BY rowid").fetchall()
    return [r[0] for r in rows]


def test_create_verify_restore_end_to_end(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = _vault_with_notes(tmp_path)
    backup = tmp_path / "usb" / "monday.cdbackup"
    backup.parent.mkdir()
    env = {"COACHDESK_PASSPHRASE": PASS}

    proc = run_cli("--vault", vault, "backup", "create", "-o", backup, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert str(backup) in proc.stdout
    assert MARKER.encode() not in backup.read_bytes()

    proc = run_cli("backup", "verify", backup, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Backup OK" in proc.stdout

    into = tmp_path / "restored"
    proc = run_cli("backup", "restore", backup, "--into", into, env=env)
    assert proc.returncode == 0, proc.stderr
    assert _notes(into) == _notes(vault)
    check = run_cli("--vault", into, "check", env=env)
    assert check.returncode == 0, check.stderr


def test_backup_passphrase_variable_and_passphrase_file(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = _vault_with_notes(tmp_path)
    backup = tmp_path / "b.cdbackup"
    proc = run_cli(
        "--vault",
        vault,
        "backup",
        "create",
        "-o",
        backup,
        env={"COACHDESK_PASSPHRASE": PASS, "COACHDESK_BACKUP_PASSPHRASE": BACKUP_PASS},
    )
    assert proc.returncode == 0, proc.stderr

    # The vault passphrase does not open a backup made with its own passphrase: exit 3.
    wrong = run_cli("backup", "verify", backup, env={"COACHDESK_PASSPHRASE": PASS})
    assert wrong.returncode == 3
    assert "wrong passphrase" in _one_line_error(wrong)

    ok = run_cli("backup", "verify", backup, env={"COACHDESK_BACKUP_PASSPHRASE": BACKUP_PASS})
    assert ok.returncode == 0, ok.stderr
    # The backup variable wins over the vault one.
    both = run_cli(
        "backup",
        "verify",
        backup,
        env={"COACHDESK_PASSPHRASE": PASS, "COACHDESK_BACKUP_PASSPHRASE": BACKUP_PASS},
    )
    assert both.returncode == 0, both.stderr

    secret = tmp_path / "secret.txt"
    secret.write_text(BACKUP_PASS + "\n")
    from_file = run_cli("--passphrase-file", secret, "backup", "restore", backup, "--into", "r")
    assert from_file.returncode == 0, from_file.stderr
    assert _notes(tmp_path / "r") == _notes(vault)  # opens with the *vault* passphrase


def test_create_into_a_folder_uses_a_dated_name(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = _vault_with_notes(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    proc = run_cli(
        "--vault", vault, "backup", "create", "-o", folder, env={"COACHDESK_PASSPHRASE": PASS}
    )
    assert proc.returncode == 0, proc.stderr
    [made] = list(folder.iterdir())
    assert parse_backup_name(made.name) is not None


def test_errors_are_one_line_with_the_documented_exit_codes(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    vault = _vault_with_notes(tmp_path)
    env = {"COACHDESK_PASSPHRASE": PASS}
    backup = tmp_path / "b.cdbackup"
    assert run_cli("--vault", vault, "backup", "create", "-o", backup, env=env).returncode == 0
    data = backup.read_bytes()

    cases: list[tuple[list[object], int, str]] = []
    modified = bytearray(data)
    modified[HEADER_BYTES + 100] ^= 0x10
    (tmp_path / "modified.cdbackup").write_bytes(bytes(modified))
    cases.append(
        (
            ["backup", "verify", tmp_path / "modified.cdbackup"],
            5,
            f"modified at byte {HEADER_BYTES}",
        )
    )
    (tmp_path / "short.cdbackup").write_bytes(data[: len(data) // 2])
    cases.append((["backup", "verify", tmp_path / "short.cdbackup"], 5, "truncated"))
    (tmp_path / "long.cdbackup").write_bytes(data + b"\n")
    cases.append((["backup", "verify", tmp_path / "long.cdbackup"], 5, "appended"))
    (tmp_path / "notes.txt").write_text("just some text")
    cases.append((["backup", "verify", tmp_path / "notes.txt"], 5, "not a CoachDesk backup"))
    cases.append((["backup", "verify", tmp_path / "missing.cdbackup"], 2, "no backup file"))
    cases.append((["backup", "restore", backup, "--into", vault], 2, "not empty"))
    cases.append((["backup", "restore", tmp_path / "modified.cdbackup", "--into", "r"], 5, "byte"))
    cases.append((["backup"], 2, "required"))
    cases.append((["backup", "restore", backup], 2, "--into"))
    cases.append((["--vault", tmp_path / "none", "backup", "create", "-o", "x"], 2, "no vault"))
    cases.append(
        (["--vault", vault, "backup", "create", "-o", tmp_path / "no" / "b"], 2, "does not exist")
    )
    for args, code, text in cases:
        proc = run_cli(*args, env=env)
        assert proc.returncode == code, (args, proc.stderr)
        assert text in _one_line_error(proc), (args, proc.stderr)
    assert not (tmp_path / "r").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    wrong = run_cli("backup", "verify", backup, env={"COACHDESK_PASSPHRASE": "not it at all"})
    assert wrong.returncode == 3
    _one_line_error(wrong)
    wrong = run_cli(
        "backup", "restore", backup, "--into", "r", env={"COACHDESK_PASSPHRASE": "not it at all"}
    )
    assert wrong.returncode == 3
    assert not (tmp_path / "r").exists()


def test_no_passphrase_and_no_terminal_exit_2(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = _vault_with_notes(tmp_path)
    backup = tmp_path / "b.cdbackup"
    env = {"COACHDESK_PASSPHRASE": PASS}
    assert run_cli("--vault", vault, "backup", "create", "-o", backup, env=env).returncode == 0
    proc = run_cli("backup", "verify", backup, input="")
    assert proc.returncode == 2
    assert "passphrase" in _one_line_error(proc).lower()


def test_help_lists_the_backup_commands(run_cli: CliRunner) -> None:
    proc = run_cli("backup", "--help")
    assert proc.returncode == 0
    for action in ("create", "verify", "restore"):
        assert action in proc.stdout
