"""The attachment commands as a coach runs them: real subprocesses, real vault files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from testsupport import CliRunner

PASS = "correct horse battery staple"
ENV = {"COACHDESK_PASSPHRASE": PASS}


def _one_line_error(proc: object) -> str:
    stderr = proc.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coachdesk: "), stderr
    return str(lines[0])


@pytest.fixture
def vault(run_cli: CliRunner, tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    assert run_cli("--vault", folder, "init", env=ENV).returncode == 0
    assert run_cli("--vault", folder, "demo", env=ENV).returncode == 0
    return folder


def test_attach_list_save_delete_round_trip(
    run_cli: CliRunner, vault: Path, tmp_path: Path
) -> None:
    data = os.urandom(2 * 1024 * 1024 + 11)
    source = tmp_path / "Hogan profile.pdf"
    source.write_bytes(data)
    proc = run_cli(
        "--vault", vault, "attach", "--client", "1", source, "--title", "Hogan profile",
        "--session", "1", "--note", "derailers", "--date", "2026-02-03", env=ENV,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "attachment 1" in proc.stdout
    again = run_cli("--vault", vault, "attach", "--client", "2", source, env=ENV)
    assert again.returncode == 0 and "stored once" in again.stdout

    listing = run_cli("--vault", vault, "attachments", "--client", "1", env=ENV)
    assert listing.returncode == 0
    fields = listing.stdout.strip().split("\t")
    assert fields[:4] == ["1", "2026-02-03", "Hogan profile", "Hogan profile.pdf"]
    assert fields[-1] == "session 1"
    empty = run_cli("--vault", vault, "attachments", "--client", "3", env=ENV)
    assert empty.stdout.strip() == "No attachments."
    found = run_cli("--vault", vault, "search", "derailers", env=ENV)
    assert "\tattachment 1\t" in found.stdout

    out = tmp_path / "copy.pdf"
    saved = run_cli("--vault", vault, "attachment", "save", "1", "-o", out, env=ENV)
    assert saved.returncode == 0, saved.stderr
    assert "NOT encrypted" in saved.stdout
    assert out.read_bytes() == data
    assert out.stat().st_mode & 0o777 == 0o600

    assert run_cli("--vault", vault, "attachment", "delete", "1", env=ENV).returncode == 0
    gone = run_cli("--vault", vault, "attachment", "save", "1", "-o", tmp_path / "x", env=ENV)
    assert gone.returncode == 2 and "no attachment with id 1" in _one_line_error(gone)
    # The second client's attachment (same content) is still whole.
    other = tmp_path / "other.pdf"
    assert (
        run_cli("--vault", vault, "attachment", "save", "2", "-o", other, env=ENV).returncode == 0
    )
    assert other.read_bytes() == data


def test_bad_input_is_one_line_and_exit_2(run_cli: CliRunner, vault: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF-1.4 x")
    huge = tmp_path / "huge.bin"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024 + 1)
    existing = tmp_path / "exists.pdf"
    existing.write_bytes(b"the coach's own file")
    link = tmp_path / "link"
    link.symlink_to(vault)
    cases: list[tuple[list[str | Path], str]] = [
        (["attach", "--client", "999", source], "no client"),
        (["attach", "--client", "1", tmp_path / "missing.pdf"], "cannot read"),
        (["attach", "--client", "1", "/dev/zero"], "not a regular file"),
        (["attach", "--client", "1", tmp_path], "not a regular file"),
        (["attach", "--client", "1", huge], "at most 100.0 MB"),
        (["attach", "--client", "1", source, "--session", "99999"], "not a session"),
        (["attach", "--client", "1", source, "--date", "03/02/2026"], "not a date"),
        (["attach", "--client", "1", source, "--title", "a\x01" * 200], "longer than"),
        (["attach", "--client", "x", source], "not a whole number"),
        (["attachments", "--client", "999"], "no client"),
        (["attachment", "save", "999", "-o", tmp_path / "none.pdf"], "no attachment"),
        (["attachment", "delete", "999"], "no attachment"),
    ]
    assert run_cli("--vault", vault, "attach", "--client", "1", source, env=ENV).returncode == 0
    cases += [
        (["attachment", "save", "1", "-o", existing], "already exists"),
        (["attachment", "save", "1", "-o", vault / "copy.pdf"], "inside a vault folder"),
        (["attachment", "save", "1", "-o", link / "copy.pdf"], "inside a vault folder"),
        (["attachment", "save", "1", "-o", tmp_path / "nofolder" / "x.pdf"], "does not exist"),
        (["attachment", "save", "1", "-o", tmp_path], "is a folder"),
    ]
    for args, expected in cases:
        proc = run_cli("--vault", vault, *args, env=ENV)
        assert proc.returncode == 2, (args, proc.stderr)
        assert expected in _one_line_error(proc), (args, proc.stderr)
    assert existing.read_bytes() == b"the coach's own file"
    assert not (vault / "copy.pdf").exists()
    listing = run_cli("--vault", vault, "attachments", "--client", "1", env=ENV)
    assert len(listing.stdout.strip().splitlines()) == 1
    wrong = run_cli("--vault", vault, "attachments", "--client", "1",
                    env={"COACHDESK_PASSPHRASE": "wrong"})  # fmt: skip
    assert wrong.returncode == 3


def test_export_and_import_carry_attachments(
    run_cli: CliRunner, vault: Path, tmp_path: Path
) -> None:
    data = os.urandom(3 * 1024 * 1024 + 1)
    source = tmp_path / "signed-contract.pdf"
    source.write_bytes(data)
    assert run_cli("--vault", vault, "attach", "--client", "2", source, env=ENV).returncode == 0
    exported = tmp_path / "out" / "clients.json"
    exported.parent.mkdir()
    proc = run_cli("--vault", vault, "export", "-o", exported, env=ENV)
    assert proc.returncode == 0 and "clients.attachments.zip" in proc.stdout
    other = tmp_path / "other"
    assert run_cli("--vault", other, "init", env=ENV).returncode == 0
    assert run_cli("--vault", other, "import", exported, env=ENV).returncode == 0
    listing = run_cli("--vault", other, "attachments", "--client", "2", env=ENV).stdout
    attachment_id = listing.split("\t")[0]
    copy = tmp_path / "copy.pdf"
    saved = run_cli("--vault", other, "attachment", "save", attachment_id, "-o", copy, env=ENV)
    assert saved.returncode == 0 and copy.read_bytes() == data
    # Without its archive the export is refused, and nothing is imported.
    (exported.parent / "clients.attachments.zip").rename(tmp_path / "elsewhere.zip")
    refused = run_cli("--vault", other, "import", exported, env=ENV)
    assert refused.returncode == 2 and "missing" in _one_line_error(refused)
    count = run_cli("--vault", other, "clients", env=ENV).stdout.strip().splitlines()
    assert len(count) == 5
