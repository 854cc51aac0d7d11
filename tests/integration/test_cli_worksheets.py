"""``coachdesk worksheet`` from the command line: issue, fill, dry run, import, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from coachdesk.core.worksheets import row_field
from coachdesk.reports.worksheet_import import MAX_FILE_BYTES
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import CliRunner, sample_engagement
from worksheet_forms import fill_with_pypdf

PASS = "correct horse battery staple"
ENV = {"COACHDESK_PASSPHRASE": PASS}
ROW = {
    "occurred_at": "2026-02-27 08:15",
    "label": "άγχος",
    "pleasantness": "-3",
    "energy": "4",
    "intensity": "7",
    "situation": "Board call",
}


@pytest.fixture
def vault(tmp_path: Path) -> tuple[Path, int]:
    folder = tmp_path / "v"
    opened, _code = Vault.create(folder, PASS, kdf=TEST_KDF)
    with opened:
        client_id = Store(opened.connection).add_engagement(sample_engagement("Ελένη"))
    return folder, client_id


def _emotions(folder: Path) -> int:
    with Vault.unlock(folder, PASS) as opened:
        return int(opened.connection.execute("SELECT count(*) FROM emotion_entries").fetchone()[0])


@pytest.mark.parametrize("kind", ["emotion-log", "session-prep", "feedback-request"])
def test_each_kind_is_written_owner_only(
    run_cli: CliRunner, vault: tuple[Path, int], tmp_path: Path, kind: str
) -> None:
    folder, client_id = vault
    out = tmp_path / f"{kind}.pdf"
    proc = run_cli("--vault", folder, "worksheet", kind, "--client", client_id, "-o", out, env=ENV)
    assert proc.returncode == 0, proc.stderr
    assert f"Wrote the {kind} worksheet" in proc.stdout and "Ελένη" not in proc.stdout
    assert out.stat().st_mode & 0o077 == 0
    assert PdfReader(out).get_fields()


def test_issue_fill_dry_run_import_and_refuse_a_second_time(
    run_cli: CliRunner, vault: tuple[Path, int], tmp_path: Path
) -> None:
    folder, client_id = vault
    blank = tmp_path / "log.pdf"
    proc = run_cli(
        "--vault", folder, "worksheet", "emotion-log", "--client", client_id, "-o", blank,
        "--rows", "2", env=ENV,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert len(PdfReader(blank).get_fields() or {}) == 2 * 13 + 7
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, {row_field(2, k): v for k, v in ROW.items()})
    before = _emotions(folder)
    dry = run_cli("--vault", folder, "worksheet", "import", filled, "--dry-run", env=ENV)
    assert dry.returncode == 0, dry.stderr
    assert "- Row 2" in dry.stdout and "άγχος" in dry.stdout and "Row 1" not in dry.stdout
    assert "nothing was written" in dry.stdout
    assert _emotions(folder) == before
    real = run_cli("--vault", folder, "worksheet", "import", filled, env=ENV)
    assert real.returncode == 0, real.stderr
    assert "Imported 1 record(s)" in real.stdout
    assert _emotions(folder) == before + 1
    again = run_cli("--vault", folder, "worksheet", "import", filled, env=ENV)
    assert again.returncode == 2
    assert "already imported" in again.stderr and len(again.stderr.strip().splitlines()) == 1
    assert _emotions(folder) == before + 1


def test_protected_worksheet_round_trip(
    run_cli: CliRunner, vault: tuple[Path, int], tmp_path: Path
) -> None:
    folder, client_id = vault
    blank = tmp_path / "log.pdf"
    env = ENV | {"COACHDESK_PDF_PASSWORD": "pdf pw"}
    proc = run_cli(
        "--vault", folder, "worksheet", "emotion-log", "--client", client_id, "-o", blank,
        "--protect", env=env,
    )  # fmt: skip
    assert proc.returncode == 0 and "password-protected" in proc.stdout
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, {row_field(1, k): v for k, v in ROW.items()}, "pdf pw")
    wrong = run_cli("--vault", folder, "worksheet", "import", filled, env=ENV | {
        "COACHDESK_PDF_PASSWORD": "nope"})  # fmt: skip
    assert wrong.returncode == 3 and "wrong password" in wrong.stderr
    ok = run_cli("--vault", folder, "worksheet", "import", filled, env=env)
    assert ok.returncode == 0, ok.stderr


def test_bad_values_exit_2_naming_row_and_field(
    run_cli: CliRunner, vault: tuple[Path, int], tmp_path: Path
) -> None:
    folder, client_id = vault
    blank = tmp_path / "log.pdf"
    run_cli(
        "--vault", folder, "worksheet", "emotion-log", "--client", client_id, "-o", blank, env=ENV
    )
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, {row_field(3, k): v for k, v in (ROW | {"energy": "9"}).items()})
    proc = run_cli("--vault", folder, "worksheet", "import", filled, env=ENV)
    assert proc.returncode == 2
    assert "Row 3, energy: must be -5…+5" in proc.stderr and "άγχος" not in proc.stderr
    assert "Traceback" not in proc.stderr


def test_tampered_stamp_exits_5(
    run_cli: CliRunner, vault: tuple[Path, int], tmp_path: Path
) -> None:
    folder, client_id = vault
    blank = tmp_path / "log.pdf"
    run_cli(
        "--vault", folder, "worksheet", "emotion-log", "--client", client_id, "-o", blank, env=ENV
    )
    filled = tmp_path / "filled.pdf"
    values = {row_field(1, k): v for k, v in ROW.items()} | {"worksheet.issued": "2020-01-01"}
    fill_with_pypdf(blank, filled, values)
    proc = run_cli("--vault", folder, "worksheet", "import", filled, env=ENV)
    assert proc.returncode == 5 and "hidden fields were changed" in proc.stderr


def test_usage_errors(run_cli: CliRunner, vault: tuple[Path, int], tmp_path: Path) -> None:
    folder, client_id = vault
    out = tmp_path / "x.pdf"
    cases = [
        (("worksheet", "emotion-log", "-o", out), "needs --client ID"),
        (("worksheet", "emotion-log", "--client", client_id), "needs --client ID and -o"),
        (("worksheet", "session-prep", "--client", client_id, "-o", out, "--rows", "3"),
         "--rows applies to the emotion-log"),
        (("worksheet", "emotion-log", "--client", client_id, "-o", out, "--rows", "40"),
         "1 to 31 rows"),
        (("worksheet", "emotion-log", "--client", "999", "-o", out), "999"),
        (("worksheet", "diary", "--client", client_id, "-o", out), "invalid choice"),
        (("worksheet", "import"), "give the filled-in worksheet"),
        (("worksheet", "emotion-log", "--client", client_id, "-o", tmp_path), "is a folder"),
    ]  # fmt: skip
    for args, message in cases:
        proc = run_cli("--vault", folder, *args, env=ENV)
        assert proc.returncode == 2, (args, proc.stderr)
        assert message in proc.stderr, (args, proc.stderr)
    assert not out.exists()


def test_huge_or_endless_input_exits_2_before_the_vault_is_opened(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    for source in (huge, Path("/dev/zero")):
        # No vault and no passphrase: the file is refused first.
        proc = run_cli("--vault", tmp_path / "none", "worksheet", "import", source)
        assert proc.returncode == 2 and "larger than 20 MB" in proc.stderr
