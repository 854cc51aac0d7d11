"""Before the GUI starts on Linux: are the system libraries Qt's X11 plugin needs there?

Without them Qt aborts with "could not load the Qt platform plugin xcb" and blames
``libxcb-cursor0`` whatever is really missing (on a fresh Debian it was
``libxcb-icccm4`` and ``libxcb-keysyms1``). This asks the dynamic linker (``ldd``)
which of the plugin's libraries it cannot find and turns that into one line with the
``apt install`` command. No Qt is imported here: it runs before ``QApplication``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
"""Debian/Ubuntu package of each library the xcb plugin loads (README lists them)."""

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def package_for(library: str) -> str:
    """The Debian package that ships ``library`` (a guess from its name if unknown:
    ``libfoo-bar.so.2`` is in ``libfoo-bar2``)."""
    if library in PACKAGES:
        return PACKAGES[library]
    stem, _, version = library.partition(".so.")
    return (stem + version.split(".")[0]).lower()


def xcb_plugin() -> Path | None:
    """PySide6's X11 platform plugin, where it is installed (or bundled)."""
    try:
        import PySide6  # the package only: no Qt library is loaded by this
    except ImportError:
        return None
    path = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.is_file() else None


def wants_xcb(environ: dict[str, str] | os._Environ[str]) -> bool:
    """Will Qt pick its X11 plugin (and nothing else to fall back on)?"""
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(":")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY") and bool(environ.get("DISPLAY"))


def missing_libraries(plugin: Path) -> list[str]:
    """The libraries ``plugin`` needs that the dynamic linker cannot find (``ldd``)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(set(_NOT_FOUND.findall(out)))


def advice(missing: list[str]) -> str:
    """One line: what is missing and the command that installs it."""
    packages = sorted({package_for(library) for library in missing})
    return (
        f"coachdesk: the window cannot open: missing system libraries {', '.join(missing)}. "
        f"Install them with: sudo apt install {' '.join(packages)}"
    )


def check_gui_libraries(environ: dict[str, str] | os._Environ[str] | None = None) -> str | None:
    """None when the GUI can start (or this cannot tell), else the line to print."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or not wants_xcb(environ):
        return None
    plugin = xcb_plugin()
    if plugin is None:
        return None
    missing = missing_libraries(plugin)
    return advice(missing) if missing else None
