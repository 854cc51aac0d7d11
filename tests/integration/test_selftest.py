"""``coachdesk --self-test`` from source, as a user (or a packager) runs it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coachdesk import selftest
from testsupport import CliRunner

CHECKS = ["version", "sqlcipher", "vault", "report", "backup", "gui"]


def test_self_test_passes_and_prints_one_line_per_check(run_cli: CliRunner) -> None:
    proc = run_cli("--self-test")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert [line.split()[:2] for line in lines[: len(CHECKS)]] == [["ok", c] for c in CHECKS]
    assert lines[-1].startswith(f"self-test passed: {len(CHECKS)} checks")
    assert "Traceback" not in proc.stderr


def test_self_test_leaves_nothing_behind(run_cli: CliRunner, cli_env: dict[str, str]) -> None:
    home = Path(cli_env["HOME"])

    def files() -> list[Path]:
        # Caches (fontconfig, Mesa) are the system's, not CoachDesk's.
        return sorted(p.relative_to(home) for p in home.rglob("*") if ".cache" not in p.parts)

    before = files()
    assert run_cli("--self-test").returncode == 0
    # No vault in the data folder, no settings file, no temp folder left over.
    assert files() == before


def test_a_failing_check_stops_the_run_and_names_the_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[str] = []

    def broken(run: object) -> str:
        ran.append("broken")
        raise selftest.SelfTestFailure("broken on purpose")

    def later(run: object) -> str:
        ran.append("later")
        return "should not run"

    monkeypatch.setattr(
        selftest, "CHECKS", [("version", selftest.check_version), ("vault", broken), ("gui", later)]
    )
    out = io.StringIO()
    assert selftest.run_self_test(out) == selftest.EXIT_FAILED
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("ok    version")
    assert lines[1].split() == ["FAIL", "vault", "SelfTestFailure:", "broken", "on", "purpose"]
    assert lines[2] == "self-test FAILED at step 'vault'"
    assert ran == ["broken"]
