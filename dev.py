#!/usr/bin/env python3
"""One entry point for developers and CI:
``python3 dev.py run|test|lint|bench|package|screenshots``.

It creates ``.venv`` beside this file on first use and reinstalls the project only when
``pyproject.toml`` changes, so the README's two commands work on a machine that has
nothing but Python 3.11+ and pip.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".coachdesk-installed"


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _ensure_venv() -> Path:
    python = _venv_python()
    if not python.exists():
        print("dev.py: creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("dev.py: installing CoachDesk and its dependencies into .venv …", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"], check=True
        )
        STAMP.write_text(wanted)
    return python


def _ensure_packaging_tools(python: str) -> None:
    """PyInstaller (the ``package`` extra of pyproject.toml), installed on first use only."""
    if subprocess.call([python, "-c", "import PyInstaller"], stderr=subprocess.DEVNULL) == 0:
        return
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = config["project"]["optional-dependencies"]["package"]
    print("dev.py: installing the packaging tools into .venv …", flush=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", *wanted], check=True)


COMMANDS = {"run", "test", "lint", "bench", "setup", "package", "screenshots"}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(
            "usage: python3 dev.py run|test|lint|bench|setup|package|screenshots [args …]",
            file=sys.stderr,
        )
        return 2
    command, rest = argv[0], argv[1:]
    python = str(_ensure_venv())
    if command == "setup":
        return 0
    if command == "run":
        return subprocess.call([python, "-m", "coachdesk", *rest])
    if command == "test":
        return subprocess.call([python, "-m", "pytest", *rest], cwd=ROOT)
    if command == "screenshots":  # every screen, offscreen, on a scratch demo vault
        return subprocess.call([python, "-m", "coachdesk.ui.screenshots", *rest], cwd=ROOT)
    if command == "bench":
        return subprocess.call([python, str(ROOT / "bench" / "run.py"), *rest], cwd=ROOT)
    if command == "package":
        if not sys.platform.startswith("linux"):
            print(
                "dev.py: 'package' builds the Linux release; see packaging/README.md for "
                "Windows and macOS",
                file=sys.stderr,
            )
            return 2
        _ensure_packaging_tools(python)
        return subprocess.call(
            [python, str(ROOT / "packaging" / "build_linux.py"), *rest], cwd=ROOT
        )
    ruff = subprocess.call([python, "-m", "ruff", "check", "."], cwd=ROOT)
    fmt = subprocess.call([python, "-m", "ruff", "format", "--check", "."], cwd=ROOT)
    mypy = subprocess.call([python, "-m", "mypy"], cwd=ROOT)
    layers = subprocess.call([str(Path(python).parent / "lint-imports")], cwd=ROOT)
    return 1 if (ruff or fmt or mypy or layers) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
