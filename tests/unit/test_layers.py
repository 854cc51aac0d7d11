"""The layers of docs/architecture.md: only ui/ and app.py may import PySide6.

import-linter checks the import graph (pyproject.toml); this test also proves at run time
that everything below ui/ imports with PySide6 made unimportable.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "coachdesk"
ORDER = ["core", "vault", "backup", "reports", "services", "ui"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_lower_layers_never_import_higher_ones() -> None:
    for rank, layer in enumerate(ORDER):
        higher = ORDER[rank + 1 :]
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                assert not name.startswith("PySide6") or layer == "ui", f"{path}: {name}"
                for upper in higher:
                    assert not name.startswith(f"coachdesk.{upper}"), f"{path} imports {name}"
                assert name not in {"coachdesk.cli", "coachdesk.app"}, f"{path} imports {name}"


def test_everything_below_ui_runs_without_pyside6() -> None:
    probe = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class NoQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"PySide6", "shiboken6"}:
                    raise ImportError("PySide6 is not allowed here")
                return None

        sys.meta_path.insert(0, NoQt())
        import coachdesk
        for layer in ("core", "demo", "vault", "backup", "reports", "services"):
            package = importlib.import_module(f"coachdesk.{layer}")
            for info in pkgutil.walk_packages(package.__path__, f"coachdesk.{layer}."):
                importlib.import_module(info.name)
        importlib.import_module("coachdesk.cli")
        assert not any(m.split(".")[0] == "PySide6" for m in sys.modules)
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_demo_data_uses_the_domain_alone_and_only_front_ends_use_it() -> None:
    """The demo package may import core only; nothing below the use cases imports it."""
    for path in (PACKAGE / "demo").rglob("*.py"):
        for name in _imports(path):
            if name.startswith("coachdesk."):
                assert name.startswith(("coachdesk.core", "coachdesk.demo")), f"{path}: {name}"
            assert not name.startswith(("PySide6", "sqlcipher3", "reportlab")), f"{path}: {name}"
    for layer in ("core", "vault", "backup", "reports"):
        for path in (PACKAGE / layer).rglob("*.py"):
            assert not any(n.startswith("coachdesk.demo") for n in _imports(path)), path
