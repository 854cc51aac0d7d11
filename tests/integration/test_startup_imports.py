"""Start-up imports only what the first page needs (issue 17).

``startup_to_unlock_ms`` (docs/performance.md) is mostly imports. The agenda, reports
(QtPdf, printing, ReportLab), search, calendar export, attachments, the repositories and
``importlib.metadata`` are loaded on first use or while the lock screen shows, never
before it is painted. Timing is left to the benchmark; this checks the structure: which
modules a real start-up has imported at the first paint of its first page.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from testsupport import NewVault

CHILD = Path(__file__).with_name("startup_child.py")

LOADED_ON_FIRST_USE = (
    "coachdesk.ui.agenda",  # the Today page: built after the first paint
    "coachdesk.vault.agenda",
    "coachdesk.core.progress",
    "coachdesk.ui.reports",  # the report runner: built on the first report
    "coachdesk.ui.printing",
    "coachdesk.ui.sharing",
    "coachdesk.reports.api",
    "reportlab",
    "pypdf",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "coachdesk.ui.search",  # the search dialog
    "coachdesk.vault.calendar",  # the calendar export
    "icalendar",
    "zoneinfo",
    "coachdesk.ui.workspace.attachments",  # the client list's file drop
    "coachdesk.ui.attachment_viewer",
    "coachdesk.vault.attachments",
    "coachdesk.vault.store",  # the repositories: when a vault opens
    "coachdesk.services.clients",
    "coachdesk.backup",
    "coachdesk.vault.exchange",
    "importlib.metadata",  # the version: on --version, in About, after the first paint
)


def _modules_at_first_paint(
    vault: Path, env: dict[str, str], tmp_path: Path
) -> tuple[str, set[str]]:
    proc = subprocess.run(
        [sys.executable, str(CHILD), str(vault)],
        env={**env, "COACHDESK_BENCH_EXIT_WHEN_READY": "1"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith("MODULES ")]
    assert len(lines) == 1, proc.stdout + proc.stderr
    report = json.loads(lines[0].removeprefix("MODULES "))
    assert "COACHDESK_READY" in proc.stdout  # the app's own first-paint report came too
    return report["page"], set(report["modules"])


def _early(modules: set[str]) -> list[str]:
    return sorted(
        name
        for name in modules
        if any(name == m or name.startswith(m + ".") for m in LOADED_ON_FIRST_USE)
    )


@pytest.mark.parametrize("existing", [True, False], ids=["unlock", "welcome"])
def test_the_first_page_is_painted_before_the_heavy_modules_load(
    existing: bool, new_vault: NewVault, cli_env: dict[str, str], tmp_path: Path
) -> None:
    vault = new_vault.folder if existing else tmp_path / "no vault yet"
    page, modules = _modules_at_first_paint(vault, cli_env, tmp_path)
    assert page == ("UnlockPage" if existing else "WelcomePage")
    # The report is of a real start-up: the window and the vault code are there.
    assert {"coachdesk.app", "coachdesk.ui.main_window", "coachdesk.vault.vault"} <= modules
    assert _early(modules) == []


def test_the_check_sees_a_module_imported_too_early(
    new_vault: NewVault, cli_env: dict[str, str], tmp_path: Path
) -> None:
    """The same start-up with the agenda imported eagerly (as before issue 17) is
    caught: the test above can fail."""
    site = tmp_path / "eager"
    site.mkdir()
    # Python runs sitecustomize at start-up, before the app imports anything.
    (site / "sitecustomize.py").write_text("import coachdesk.ui.agenda\n", encoding="utf-8")
    env = {**cli_env, "PYTHONPATH": str(site)}
    _page, modules = _modules_at_first_paint(new_vault.folder, env, tmp_path)
    assert "coachdesk.ui.agenda" in _early(modules)
