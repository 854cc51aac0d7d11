"""The Linux release, built for real: frozen self-test, tarball contents, install.sh.

Slow (a PyInstaller build, about a minute and a half) and needs PyInstaller, so it is
marked ``packaging`` and excluded by default; run it with ``pytest -m packaging``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build"),
]

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.coachdesk.CoachDesk"
CHECKS = ["version", "sqlcipher", "vault", "report", "backup", "gui"]
ICON_SIZES = [16, 22, 24, 32, 48, 64, 128, 256, 512]


def _version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACHDESK_")}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(home / "data"))
    return env


def _self_test(executable: Path, env: dict[str, str]) -> None:
    proc = subprocess.run(
        [str(executable), "--self-test"], capture_output=True, text=True, env=env, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert [line.split()[:2] for line in lines[: len(CHECKS)]] == [["ok", c] for c in CHECKS]
    assert "(frozen;" in lines[0]
    assert f"About shows {_version()}" in lines[CHECKS.index("gui")]


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the release once for this module; returns the tarball."""
    pytest.importorskip("PyInstaller", reason="pip install 'coachdesk[package]'")
    out = tmp_path_factory.mktemp("release")
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build_linux.py"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "self-test passed" in proc.stdout  # the build ran the frozen self-test itself
    tarball = out / "dist" / f"CoachDesk-{_version()}-linux-x86_64.tar.gz"
    assert tarball.is_file()
    return tarball


def test_tarball_holds_app_desktop_entry_metadata_icons_and_installer(
    release: Path, tmp_path: Path
) -> None:
    top = release.name.removesuffix(".tar.gz")
    with tarfile.open(release) as tar:
        members = {m.name: m for m in tar.getmembers()}
        tar.extractall(tmp_path, filter="tar")
    expected = [
        f"{top}/CoachDesk/coachdesk",
        f"{top}/CoachDesk/_internal/coachdesk/resources/fonts/DejaVuSans.ttf",
        f"{top}/CoachDesk/_internal/coachdesk/resources/icons/coachdesk.svg",
        f"{top}/share/applications/{APP_ID}.desktop",
        f"{top}/share/metainfo/{APP_ID}.metainfo.xml",
        f"{top}/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"{top}/install.sh",
        f"{top}/README.txt",
        *(f"{top}/share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in ICON_SIZES),
    ]
    assert [name for name in expected if name not in members] == []
    assert members[f"{top}/install.sh"].mode & 0o111
    assert members[f"{top}/CoachDesk/coachdesk"].mode & 0o111
    assert all(m.uid == 0 and m.gid == 0 for m in members.values())
    # Nothing of Qt that the app does not use.
    qt = [n for n in members if "/PySide6/" in n]
    for unwanted in ("QtWebEngine", "Qt6Quick", "Qt6Qml", "Qt3D", "QtMultimedia", "/translations/"):
        assert not [n for n in qt if unwanted in n], unwanted

    _self_test(tmp_path / top / "CoachDesk" / "coachdesk", _env(tmp_path / "home"))


def test_install_sh_installs_runs_and_uninstalls_keeping_the_vault(
    release: Path, tmp_path: Path
) -> None:
    with tarfile.open(release) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    folder = tmp_path / "unpacked" / release.name.removesuffix(".tar.gz")
    home, prefix = tmp_path / "home", tmp_path / "home" / ".local"
    env = {**_env(home), "PREFIX": str(prefix)}
    vault = home / "data" / "CoachDesk" / "vault"
    vault.mkdir(parents=True)
    (vault / "vault.key").write_text("{}")

    proc = subprocess.run(
        ["sh", str(folder / "install.sh")], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stderr
    command = prefix / "bin" / "coachdesk"
    desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    assert command.is_symlink()
    assert f"Exec={prefix}/lib/coachdesk/coachdesk" in desktop.read_text().splitlines()
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (prefix / "share/icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True)
        assert check.returncode == 0, check.stdout
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"coachdesk {_version()}"
    _self_test(command, env)

    # Installing again is an upgrade in place.
    again = subprocess.run(["sh", str(folder / "install.sh")], capture_output=True, env=env)
    assert again.returncode == 0

    proc = subprocess.run(
        ["sh", str(folder / "install.sh"), "--uninstall"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert not command.exists() and not command.is_symlink()
    assert not desktop.exists()
    assert not (prefix / "lib" / "coachdesk").exists()
    assert not list((prefix / "share" / "icons").rglob(f"{APP_ID}.*"))
    assert (vault / "vault.key").read_text() == "{}"  # the coach's data is never touched
