"""``coachdesk client archive|delete``: the same use cases as the main window, from a shell."""

from __future__ import annotations

import subprocess
from pathlib import Path

from coachdesk.core.model import ClientStatus
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import CliRunner, sample_engagement

PASS = "correct horse battery staple"
ENV = {"COACHDESK_PASSPHRASE": PASS}
MARKER = "NUMBAT-GONE-5150"


def _one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("coachdesk: ")
    return lines[0]


def _vault_with_two(run_cli: CliRunner, folder: Path) -> tuple[int, int]:
    assert run_cli("--vault", folder, "init", env=ENV).returncode == 0
    with Vault.unlock(folder, PASS) as vault:
        store = Store(vault.connection)
        kept = store.add_engagement(sample_engagement("Kept Client"))
        gone = store.add_engagement(sample_engagement("Gone Client", marker=MARKER))
    return kept, gone


def test_archive_marks_closed_and_keeps_records(run_cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "v"
    kept, other = _vault_with_two(run_cli, folder)
    proc = run_cli("--vault", folder, "client", "archive", str(other), env=ENV)
    assert proc.returncode == 0, proc.stderr
    assert f"Archived client {other}" in proc.stdout
    assert "Gone Client" not in proc.stdout  # no client text on the terminal
    with Vault.unlock(folder, PASS) as vault:
        store = Store(vault.connection)
        assert store.clients.get(other).status == ClientStatus.CLOSED
        assert store.clients.get(kept).status == ClientStatus.ACTIVE
        assert len(store.load_engagement(other).sessions) == 3


def test_delete_needs_yes_then_erases(run_cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "v"
    _, gone = _vault_with_two(run_cli, folder)
    refused = run_cli("--vault", folder, "client", "delete", str(gone), env=ENV)
    assert refused.returncode == 2
    assert "--yes" in _one_line_error(refused)
    listed = run_cli("--vault", folder, "clients", env=ENV).stdout
    assert "Gone Client" in listed  # nothing changed

    proc = run_cli("--vault", folder, "client", "delete", str(gone), "--yes", env=ENV)
    assert proc.returncode == 0, proc.stderr
    assert f"Deleted client {gone}" in proc.stdout and "Gone Client" not in proc.stdout
    listed = run_cli("--vault", folder, "clients", env=ENV).stdout
    assert "Gone Client" not in listed and "Kept Client" in listed
    found = run_cli("--vault", folder, "search", MARKER, env=ENV)
    assert found.returncode == 0 and "No matches" in found.stdout


def test_unknown_or_bad_id_exit_2_one_line(run_cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "v"
    _vault_with_two(run_cli, folder)
    for args in (("archive", "999"), ("delete", "999", "--yes"), ("delete", "abc", "--yes")):
        proc = run_cli("--vault", folder, "client", *args, env=ENV)
        assert proc.returncode == 2, (args, proc.stderr)
        _one_line_error(proc)
    with Vault.unlock(folder, PASS) as vault:
        assert len(Store(vault.connection).clients.ids()) == 2
