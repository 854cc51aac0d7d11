"""The domain layer must run without Qt or the database driver (docs/architecture.md, "Layers")."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import coachdesk.core

FORBIDDEN = ("PySide6", "shiboken6", "sqlcipher3", "sqlite3")
FORBIDDEN_PACKAGES = ("coachdesk.vault", "coachdesk.ui", "coachdesk.reports", "coachdesk.backup")


def core_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(coachdesk.core.__path__, prefix="coachdesk.core.")
    )


def test_the_modules_this_test_expects_are_there() -> None:
    modules = core_modules()
    for name in ("model", "emotions", "validation", "progress", "errors"):
        assert f"coachdesk.core.{name}" in modules


def test_core_imports_neither_qt_nor_database_nor_higher_layers() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}\n"
        f"             or m.startswith({FORBIDDEN_PACKAGES!r}))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
