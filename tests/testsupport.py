"""Types and constants shared by the tests (importable: tests/ is on pythonpath)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PASSPHRASE = "correct horse battery staple"


@dataclass
class NewVault:
    """A created, locked vault and the secrets that open it."""

    folder: Path
    passphrase: str
    recovery_code: str


# Runs ``python -m coachdesk ARGS`` (see the ``run_cli`` fixture).
CliRunner = Callable[..., subprocess.CompletedProcess[str]]
