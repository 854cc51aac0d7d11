"""The command line as a user runs it: real subprocesses, real vault files, exit codes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, HEADER_NAME, Vault
from testsupport import CliRunner, sample_engagement

PASS = "correct horse battery staple"
CODE_RE = re.compile(r"Recovery code:\s+((?:[0-9A-Z]{4}-){7}[0-9A-Z]{4})")


def _one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    """The whole stderr, asserted to be a single 'coachdesk: …' line without traceback."""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("coachdesk: ")
    return lines[0]


def _init(run_cli: CliRunner, vault: Path) -> str:
    proc = run_cli("--vault", vault, "init", env={"COACHDESK_PASSPHRASE": PASS})
    assert proc.returncode == 0, proc.stderr
    match = CODE_RE.search(proc.stdout)
    assert match, proc.stdout
    assert proc.stdout.count(match.group(1)) == 1  # shown once
    assert "offline" in proc.stdout
    return match.group(1)


def test_init_check_passwd_recover(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    code = _init(run_cli, vault)
    assert run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": PASS}).returncode == 0

    proc = run_cli(
        "--vault",
        vault,
        "passwd",
        env={"COACHDESK_PASSPHRASE": PASS, "COACHDESK_NEW_PASSPHRASE": "second passphrase"},
    )
    assert proc.returncode == 0, proc.stderr
    old = run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": PASS})
    assert old.returncode == 3
    new = run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": "second passphrase"})
    assert new.returncode == 0

    proc = run_cli(
        "--vault",
        vault,
        "recover",
        env={"COACHDESK_RECOVERY_CODE": code, "COACHDESK_NEW_PASSPHRASE": "third passphrase"},
    )
    assert proc.returncode == 0, proc.stderr
    ok = run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": "third passphrase"})
    assert ok.returncode == 0
    gone = run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": "second passphrase"})
    assert gone.returncode == 3


def test_passphrase_file(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    proc = run_cli("--vault", vault, "--passphrase-file", secret, "check")
    assert proc.returncode == 0, proc.stderr


def test_wrong_passphrase_exit_3_one_line(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    proc = run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": "nope nope nope"})
    assert proc.returncode == 3
    assert "wrong passphrase" in _one_line_error(proc)


def test_wrong_recovery_code_exit_3(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    proc = run_cli(
        "--vault",
        vault,
        "recover",
        env={"COACHDESK_RECOVERY_CODE": "0000-0000-0000-0000-0000-0000-0000-0000",
             "COACHDESK_NEW_PASSPHRASE": "whatever new one"},
    )  # fmt: skip
    assert proc.returncode == 3
    assert "recovery code" in _one_line_error(proc)


def test_usage_errors_exit_2(run_cli: CliRunner, tmp_path: Path) -> None:
    proc = run_cli("frobnicate")
    assert proc.returncode == 2
    _one_line_error(proc)
    missing = run_cli("--vault", tmp_path / "none", "check", env={"COACHDESK_PASSPHRASE": PASS})
    assert missing.returncode == 2
    assert "init" in _one_line_error(missing)
    short = run_cli("--vault", tmp_path / "v", "init", env={"COACHDESK_PASSPHRASE": "short"})
    assert short.returncode == 2
    assert "at least" in _one_line_error(short)


def test_no_passphrase_and_no_terminal_exit_2(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    proc = run_cli("--vault", vault, "check", input="")
    assert proc.returncode == 2
    assert "COACHDESK_PASSPHRASE" in _one_line_error(proc)


def test_flipped_database_byte_exit_5(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    db = vault / DB_NAME
    for offset in (0, 5000, db.stat().st_size - 1):
        pristine = db.read_bytes()
        damaged = bytearray(pristine)
        damaged[offset] ^= 0x80
        db.write_bytes(bytes(damaged))
        proc = run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": PASS})
        assert proc.returncode == 5, (offset, proc.stderr)
        assert "Traceback" not in proc.stderr
        db.write_bytes(pristine)


def test_damaged_header_exit_3_or_5_with_clear_message(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    header = vault / HEADER_NAME
    pristine = header.read_bytes()
    for offset in range(10, len(pristine), max(1, len(pristine) // 12)):
        damaged = bytearray(pristine)
        damaged[offset] ^= 0x02
        header.write_bytes(bytes(damaged))
        proc = run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": PASS})
        assert proc.returncode in (3, 5), (offset, proc.stderr)
        line = _one_line_error(proc)
        assert "passphrase" in line or "header" in line
    header.write_bytes(pristine)
    assert run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": PASS}).returncode == 0


HOLD_OPEN = textwrap.dedent(
    """
    import sys, time
    from coachdesk.vault.vault import Vault
    vault = Vault.unlock(sys.argv[1], sys.argv[2])
    print("open", flush=True)
    time.sleep(60)
    """
)


def test_second_process_gets_exit_4_and_kill_frees_the_lock(
    run_cli: CliRunner, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(vault), PASS],
        env=cli_env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        proc = run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": PASS})
        assert proc.returncode == 4
        assert "open in another CoachDesk" in _one_line_error(proc)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # The killed process left its lock file behind; it must not block the next user.
    assert (vault / "vault.lock").exists()
    time.sleep(0.1)
    assert run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": PASS}).returncode == 0


def test_cli_process_is_hardened(cli_env: dict[str, str]) -> None:
    probe = textwrap.dedent(
        """
        import ctypes, os, resource
        from coachdesk.cli import harden_process
        harden_process()
        libc = ctypes.CDLL(None)
        print(resource.getrlimit(resource.RLIMIT_CORE)[0], libc.prctl(3, 0, 0, 0, 0),
              oct(os.umask(0)))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=cli_env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "0", "0o77"]


def test_init_creates_owner_only_files_with_default_location(
    run_cli: CliRunner, cli_env: dict[str, str]
) -> None:
    proc = run_cli("init", env={"COACHDESK_PASSPHRASE": PASS})
    assert proc.returncode == 0, proc.stderr
    default = Path(cli_env["XDG_DATA_HOME"]) / "CoachDesk" / "vault"
    assert (default / HEADER_NAME).is_file()
    for path in [default, *default.iterdir()]:
        assert path.stat().st_mode & 0o077 == 0, path
    env_vault = Path(cli_env["HOME"]) / "elsewhere"
    proc = run_cli("init", env={"COACHDESK_PASSPHRASE": PASS, "COACHDESK_VAULT": str(env_vault)})
    assert proc.returncode == 0
    assert (env_vault / HEADER_NAME).is_file()


def test_rotate_key(run_cli: CliRunner, tmp_path: Path) -> None:
    """rotate-key is the revocation: a new recovery code printed once, the old one dead."""
    vault = tmp_path / "v"
    old_code = _init(run_cli, vault)
    before = (vault / HEADER_NAME).read_text()
    killed_backup = vault / ".backup-snapshot-killed"  # under the old data key
    killed_backup.mkdir()
    (killed_backup / "coachdesk-backup-snapshot").write_bytes(b"")
    proc = run_cli("--vault", vault, "rotate-key", env={"COACHDESK_PASSPHRASE": PASS})
    assert proc.returncode == 0, proc.stderr
    assert (vault / HEADER_NAME).read_text() != before
    assert not killed_backup.exists()
    match = CODE_RE.search(proc.stdout)
    assert match and match.group(1) != old_code, proc.stdout
    assert proc.stdout.count(match.group(1)) == 1
    assert "old recovery code no longer works" in proc.stdout
    assert run_cli("--vault", vault, "check", env={"COACHDESK_PASSPHRASE": PASS}).returncode == 0
    new = {"COACHDESK_NEW_PASSPHRASE": "a recovered passphrase"}
    refused = run_cli("--vault", vault, "recover", env={**new, "COACHDESK_RECOVERY_CODE": old_code})
    assert refused.returncode == 3, refused.stderr
    recovered = run_cli(
        "--vault", vault, "recover", env={**new, "COACHDESK_RECOVERY_CODE": match.group(1)}
    )
    assert recovered.returncode == 0, recovered.stderr


def test_passwd_says_it_does_not_revoke_old_copies(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    env = {"COACHDESK_PASSPHRASE": PASS, "COACHDESK_NEW_PASSPHRASE": "a changed passphrase"}
    proc = run_cli("--vault", vault, "passwd", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "rotate-key" in proc.stdout and "old passphrase" in proc.stdout


def test_help_lists_commands(run_cli: CliRunner) -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0
    for command in ("init", "check", "passwd", "recover"):
        assert command in proc.stdout
    assert os.linesep in proc.stdout


def test_clients_export_import_search(run_cli: CliRunner, tmp_path: Path) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    _init(run_cli, source)
    _init(run_cli, target)
    env = {"COACHDESK_PASSPHRASE": PASS}
    with Vault.unlock(source, PASS) as vault:
        Store(vault.connection).add_engagement(sample_engagement("Ирина Соколова"))

    listed = run_cli("--vault", source, "clients", env=env)
    assert listed.returncode == 0, listed.stderr
    line = listed.stdout.strip().splitlines()[0]
    client_id = line.split("\t")[0]
    assert client_id.isdigit() and "Ирина Соколова" in line

    exported = tmp_path / "export.json"
    proc = run_cli("--vault", source, "export", "--client", client_id, "-o", exported, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "NOT encrypted" in proc.stdout

    proc = run_cli("--vault", target, "import", exported, env=env)
    assert proc.returncode == 0, proc.stderr
    listed = run_cli("--vault", target, "clients", env=env)
    assert "Ирина Соколова" in listed.stdout

    found = run_cli("--vault", target, "search", "muller", env=env)
    assert found.returncode == 0 and "Müller" in found.stdout
    none = run_cli("--vault", target, "search", "zzzqqq", env=env)
    assert none.returncode == 0 and "No matches" in none.stdout


def test_bad_import_exit_2_nothing_written(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    env = {"COACHDESK_PASSPHRASE": PASS}
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "coachdesk-export", "version": 1, "clients": [{"name": ""}]}')
    proc = run_cli("--vault", vault, "import", bad, env=env)
    assert proc.returncode == 2
    assert "clients[0]" in _one_line_error(proc)
    bad.write_text("{ not json")
    proc = run_cli("--vault", vault, "import", bad, env=env)
    assert proc.returncode == 2 and "not valid JSON" in _one_line_error(proc)
    proc = run_cli("--vault", vault, "import", tmp_path / "missing.json", env=env)
    assert proc.returncode == 2
    _one_line_error(proc)
    assert run_cli("--vault", vault, "clients", env=env).stdout == ""


def test_export_unknown_client_and_bad_output(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    env = {"COACHDESK_PASSPHRASE": PASS}
    proc = run_cli("--vault", vault, "export", "--client", "42", "-o", tmp_path / "x.json", env=env)
    assert proc.returncode == 2 and "42" in _one_line_error(proc)
    assert not (tmp_path / "x.json").exists()
    proc = run_cli("--vault", vault, "export", "-o", tmp_path / "nope" / "x.json", env=env)
    assert proc.returncode == 2
    _one_line_error(proc)


def test_demo_then_search_finds_every_kind(run_cli: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(run_cli, vault)
    env = {"COACHDESK_PASSPHRASE": PASS}
    proc = run_cli("--vault", vault, "demo", env=env)
    assert proc.returncode == 0, proc.stderr
    listed = run_cli("--vault", vault, "clients", env=env).stdout.strip().splitlines()
    assert len(listed) >= 4
    assert any(ord(ch) > 0x36F for line in listed for ch in line)  # a non-Latin name
    kinds = set()
    for word in ("delegation", "board", "breathing", "contract", "feedback", "risk", "milestone"):
        out = run_cli("--vault", vault, "search", word, env=env).stdout
        kinds |= {line.split("\t")[2].split()[0] for line in out.splitlines() if "\t" in line}
    assert {"session", "emotion", "contract", "feedback", "risk", "milestone"} <= kinds, kinds
    raw = b"".join(p.read_bytes() for p in vault.iterdir() if p.is_file())
    for line in listed:
        name = line.split("\t")[1].split(" (")[0]
        assert name.encode() not in raw  # the plaintext scan of the vault folder stays clean


def test_a_reader_that_stops_early_gets_no_error_line(
    run_cli: CliRunner, cli_env: dict[str, str], tmp_path: Path
) -> None:
    """`coachdesk agenda | head -1`: a closed pipe is the reader's choice, not a failure
    to report ("coachdesk: Broken pipe" was printed before)."""
    vault = tmp_path / "v"
    env = {**cli_env, "COACHDESK_PASSPHRASE": PASS}
    assert run_cli("--vault", vault, "init", env=env).returncode == 0
    assert run_cli("--vault", vault, "demo", env=env).returncode == 0
    with subprocess.Popen(
        [sys.executable, "-m", "coachdesk", "--vault", str(vault), "export", "-o", "-"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before the command (still unlocking) writes
        stderr = proc.stderr.read()
        code = proc.wait(timeout=120)
    assert b"Broken pipe" not in stderr and b"coachdesk:" not in stderr, stderr
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr, stderr
    assert code in (0, 141)
