#!/usr/bin/env python3
"""Build the Linux release of CoachDesk: ``dist/CoachDesk-<version>-linux-<arch>.tar.gz``.

    python packaging/build_linux.py            (or: python3 dev.py package)

Runs in the project's environment (PyInstaller installed there) and does, in order:

1. checks that the installed coachdesk has pyproject.toml's version, and that the
   AppStream metadata has a <release> entry for it;
2. renders the icons (packaging/make_icons.py) and validates the .desktop file and the
   AppStream metadata (desktop-file-validate, appstreamcli validate --no-net) where
   those tools are installed;
3. runs PyInstaller on packaging/coachdesk.spec: the one-folder app in dist/CoachDesk;
4. checks that every bundled library finds the libraries it links (ldd), so the app does
   not depend on something only the build machine happens to have;
5. runs the frozen app's ``--self-test`` on Qt's offscreen platform;
6. packs the app, the .desktop file, the AppStream metadata, the icons and install.sh.

Exit 0 on success; 1 with the failing step otherwise.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed_version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
SPEC = PACKAGING / "coachdesk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_ID = "io.coachdesk.CoachDesk"
APP_DIR_NAME = "CoachDesk"
EXECUTABLE = "coachdesk"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
HICOLOR = LINUX / "icons" / "hicolor"

# Left to the host on purpose (see HOST_LIBRARIES in the spec): without it, only printing
# is unavailable.
HOST_PROVIDED = ("libcups.so",)
# What Qt's xcb and wayland plugins link on Debian and Ubuntu, for the hint below.
DEBIAN_BUILD_LIBRARIES = (
    "libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 "
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 "
    "libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libwayland-client0 "
    "libwayland-cursor0 libcups2"
)


class BuildError(Exception):
    """A step failed; the message says which and why."""


def step(message: str) -> None:
    print(f"\n== {message}", flush=True)


# -- checks before building --------------------------------------------------------------


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def check_versions() -> str:
    """pyproject.toml's version, after checking the installed metadata agrees with it.

    The frozen app reads its version from the installed package's metadata (copied into
    the bundle), so a stale editable install would ship the previous number.
    """
    wanted = project_version()
    try:
        have = installed_version("coachdesk")
    except PackageNotFoundError:
        raise BuildError("coachdesk is not installed here: pip install -e .") from None
    if have != wanted:
        raise BuildError(
            f"pyproject.toml says {wanted} but the installed coachdesk is {have}: "
            "run 'pip install -e .' (or 'python3 dev.py setup') first"
        )
    metainfo = METAINFO_FILE.read_text(encoding="utf-8")
    if not re.search(rf'<release\s+version="{re.escape(wanted)}"', metainfo):
        raise BuildError(
            f'{METAINFO_FILE.relative_to(ROOT)} has no <release version="{wanted}">: '
            "add the release notes for this version first"
        )
    return wanted


def check_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError(
            "PyInstaller is not installed in this environment: "
            "pip install 'pyinstaller>=6.10' (or use 'python3 dev.py package')"
        )


def make_icons() -> None:
    subprocess.run([sys.executable, str(PACKAGING / "make_icons.py")], check=True)


def validate_metadata() -> list[str]:
    """Run the freedesktop validators that are installed; returns what each printed."""
    reports = []
    checks = [
        ("desktop-file-validate", [str(DESKTOP_FILE)], "desktop-file-utils"),
        ("appstreamcli", ["validate", "--no-net", str(METAINFO_FILE)], "appstream"),
    ]
    for tool, args, package in checks:
        path = shutil.which(tool)
        if path is None:
            reports.append(f"{tool}: not installed, skipped (apt-get install {package})")
            continue
        proc = subprocess.run([path, *args], capture_output=True, text=True)
        output = (proc.stdout + proc.stderr).strip() or "no findings"
        reports.append(f"{tool}: exit {proc.returncode}: {output}")
        if proc.returncode != 0:
            raise BuildError(f"{tool} rejected the metadata:\n{output}")
    return reports


# -- building ----------------------------------------------------------------------------


def run_pyinstaller(dist: Path, work: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    proc = subprocess.run(command, cwd=ROOT)
    if proc.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit {proc.returncode})")
    app_dir = dist / APP_DIR_NAME
    if not (app_dir / EXECUTABLE).is_file():
        raise BuildError(f"PyInstaller made no {app_dir / EXECUTABLE}")
    return app_dir


def _shared_objects(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and re.search(r"\.so(\.\d+)*$", path.name):
            yield path


def audit_libraries(app_dir: Path) -> list[str]:
    """Libraries that bundled code links but that neither the bundle nor the host has."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    internal = app_dir / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    missing: set[str] = set()
    for path in _shared_objects(internal):
        proc = subprocess.run([ldd, str(path)], capture_output=True, text=True, env=env)
        for line in proc.stdout.splitlines():
            if "not found" in line:
                name = line.split("=>")[0].strip()
                if not name.startswith(HOST_PROVIDED):
                    missing.add(f"{name} (needed by {path.relative_to(app_dir)})")
    return sorted(missing)


def run_frozen_self_test(app_dir: Path) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [str(app_dir / EXECUTABLE), "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    output = proc.stdout + (f"\n{proc.stderr}" if proc.stderr.strip() else "")
    if proc.returncode != 0:
        raise BuildError(f"the frozen self-test failed (exit {proc.returncode}):\n{output}")
    return output.strip()


# -- packing -----------------------------------------------------------------------------

README = """\
CoachDesk {version} for Linux ({arch})

Install for your user (no root needed):      ./install.sh
Remove again (your vault is kept):           ./install.sh --uninstall
Or run it in place:                          ./CoachDesk/coachdesk
Check that it works on this machine:         ./CoachDesk/coachdesk --self-test

Needs a desktop with X11 or Wayland (glibc {glibc} or newer); printing needs CUPS
(libcups2). Your vault lives in ~/.local/share/CoachDesk, apart from the app.
"""


def _normalised(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if "SOURCE_DATE_EPOCH" in os.environ:
        info.mtime = int(os.environ["SOURCE_DATE_EPOCH"])
    return info


def make_tarball(app_dir: Path, version: str, arch: str, dist: Path) -> Path:
    top = f"CoachDesk-{version}-linux-{arch}"
    target = dist / f"{top}.tar.gz"
    partial = target.with_name(target.name + ".part")
    readme = README.format(version=version, arch=arch, glibc=platform.libc_ver()[1] or "?")
    with tarfile.open(partial, "w:gz", compresslevel=9) as tar:

        def add_dir(name: str) -> None:
            info = tarfile.TarInfo(f"{top}/{name}".rstrip("/"))
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, int(time.time())
            tar.addfile(_normalised(info))

        def add_file(source: Path, name: str, mode: int = 0o644) -> None:
            info = _normalised(tar.gettarinfo(str(source), f"{top}/{name}"))
            info.mode = mode
            with source.open("rb") as handle:
                tar.addfile(info, handle)

        add_dir("")
        tar.add(app_dir, arcname=f"{top}/{APP_DIR_NAME}", filter=_normalised)
        for folder in ("share", "share/applications", "share/metainfo", "share/icons"):
            add_dir(folder)
        add_file(DESKTOP_FILE, f"share/applications/{DESKTOP_FILE.name}")
        add_file(METAINFO_FILE, f"share/metainfo/{METAINFO_FILE.name}")
        tar.add(HICOLOR, arcname=f"{top}/share/icons/hicolor", filter=_normalised)
        add_file(LINUX / "install.sh", "install.sh", mode=0o755)
        data = readme.encode("utf-8")
        info = tarfile.TarInfo(f"{top}/README.txt")
        info.size, info.mode, info.mtime = len(data), 0o644, int(time.time())
        tar.addfile(_normalised(info), io.BytesIO(data))
    partial.replace(target)
    return target


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# -- main --------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def build(
    *, dist: Path = DIST, work: Path = WORK, self_test: bool = True, tarball: bool = True
) -> Path | None:
    """Build (and check) the release; returns the tarball, if one was asked for."""
    if not sys.platform.startswith("linux"):
        raise BuildError("this script builds the Linux release; see packaging/README.md")
    started = time.monotonic()
    arch = platform.machine() or "unknown"

    step("checking versions and tools")
    version = check_versions()
    check_pyinstaller()
    print(f"CoachDesk {version} for linux-{arch}")

    step("icons and desktop metadata")
    make_icons()
    for line in validate_metadata():
        print(line)

    step("PyInstaller (one-folder app)")
    app_dir = run_pyinstaller(dist, work)
    print(f"{_shown(app_dir)}: {megabytes(folder_size(app_dir))}")

    step("bundled libraries")
    missing = audit_libraries(app_dir)
    if missing:
        raise BuildError(
            "these libraries are linked but neither bundled nor on this machine, so the app "
            "would not start where they are missing:\n  "
            + "\n  ".join(missing)
            + f"\nInstall them here and build again (Debian/Ubuntu: apt-get install "
            f"{DEBIAN_BUILD_LIBRARIES})."
        )
    print("every bundled library resolves")

    if self_test:
        step("frozen self-test (offscreen)")
        print(run_frozen_self_test(app_dir))

    target = None
    if tarball:
        step("tarball")
        target = make_tarball(app_dir, version, arch, dist)
        print(f"{_shown(target)}: {megabytes(target.stat().st_size)}")

    print(f"\nbuilt in {time.monotonic() - started:.0f} s")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Linux release of CoachDesk.")
    parser.add_argument(
        "--skip-self-test", action="store_true", help="do not run the frozen --self-test"
    )
    parser.add_argument(
        "--no-tarball", action="store_true", help="stop after the one-folder app in dist/"
    )
    parser.add_argument("--dist", type=Path, default=DIST, help="output folder (default: dist/)")
    parser.add_argument(
        "--work", type=Path, default=WORK, help="PyInstaller's work folder (build/pyinstaller/)"
    )
    args = parser.parse_args(argv)
    try:
        build(
            dist=args.dist.resolve(),
            work=args.work.resolve(),
            self_test=not args.skip_self_test,
            tarball=not args.no_tarball,
        )
    except BuildError as exc:
        print(f"\nbuild_linux: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"\nbuild_linux: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
