"""What the installed package contains: every subpackage, and the shipped resources."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "coachdesk").rglob("__init__.py")
    }
    assert found | {"coachdesk.resources"} == listed


def test_resources_reach_the_installed_package() -> None:
    fonts = files("coachdesk.resources") / "fonts"
    assert (fonts / "DejaVuSans.ttf").is_file()
    assert (fonts / "LICENSE").is_file()
