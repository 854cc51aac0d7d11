"""The one-line advice when Qt's X11 plugin lacks system libraries (issue: a fresh
Debian needed libxcb-icccm4 and libxcb-keysyms1 while Qt blamed libxcb-cursor0)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coachdesk.ui import platform_libs
from coachdesk.ui.platform_libs import (
    advice,
    check_gui_libraries,
    missing_libraries,
    package_for,
    wants_xcb,
    xcb_plugin,
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def test_package_names() -> None:
    assert package_for("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert package_for("libxcb-keysyms.so.1") == "libxcb-keysyms1"
    assert package_for("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert package_for("libxcb-ewmh.so.2") == "libxcb-ewmh2"  # not in the table: guessed


def test_advice_is_one_line_naming_libraries_and_command() -> None:
    line = advice(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "\n" not in line
    assert "libxcb-icccm.so.4" in line and "libxcb-keysyms.so.1" in line
    assert line.endswith("sudo apt install libxcb-icccm4 libxcb-keysyms1")


def test_which_platform_qt_will_use() -> None:
    assert wants_xcb({"DISPLAY": ":0"})
    assert wants_xcb({"QT_QPA_PLATFORM": "xcb"})
    assert not wants_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    assert not wants_xcb({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"})
    assert not wants_xcb({})  # no display at all: Qt's own message says so


@linux_only
def test_missing_libraries_are_found_with_the_real_linker(tmp_path: Path) -> None:
    """A real ELF file needing a library that does not exist, read by the real ldd."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or shutil.which("ldd") is None:
        pytest.skip("needs a C compiler and ldd")
    stub = tmp_path / "libstub.so"
    real = tmp_path / "libcoachdesk-nowhere.so.7"
    (tmp_path / "a.c").write_text("int f(void) { return 1; }\n")
    subprocess.run(
        [cc, "-shared", "-fPIC", "-o", str(real), "-Wl,-soname,libcoachdesk-nowhere.so.7",
         str(tmp_path / "a.c")], check=True,
    )  # fmt: skip
    subprocess.run(
        [
            cc,
            "-shared",
            "-fPIC",
            "-Wl,--no-as-needed",
            "-o",
            str(stub),
            str(tmp_path / "a.c"),
            str(real),
        ],
        check=True,
    )
    real.unlink()  # now the linker cannot find it
    assert missing_libraries(stub) == ["libcoachdesk-nowhere.so.7"]


@linux_only
def test_this_machines_plugin_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled plugin exists, and the check agrees with ldd on this machine."""
    plugin = xcb_plugin()
    assert plugin is not None
    found = missing_libraries(plugin)
    result = check_gui_libraries({"QT_QPA_PLATFORM": "xcb"})
    assert (result is None) == (not found)
    if found:
        assert result is not None and all(library in result for library in found)
    assert check_gui_libraries({"QT_QPA_PLATFORM": "offscreen"}) is None


@linux_only
def test_the_app_prints_the_line_and_stops(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """run_app says what to install and returns 1, before any QApplication exists."""
    from coachdesk import app

    monkeypatch.setattr(platform_libs, "missing_libraries", lambda _p: ["libxcb-icccm.so.4"])
    monkeypatch.setattr(
        app, "check_gui_libraries", lambda: platform_libs.check_gui_libraries({"DISPLAY": ":0"})
    )
    assert app.run_app(tmp_path / "vault") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "coachdesk: the window cannot open: missing system libraries libxcb-icccm.so.4. "
        "Install them with: sudo apt install libxcb-icccm4"
    ]


@linux_only
def test_the_real_command_under_xcb_without_its_libraries(cli_env: dict[str, str]) -> None:
    """End to end on this machine when it lacks the libraries (as the CI image does):
    the real `coachdesk gui` with the X11 platform prints one line, no Qt abort."""
    plugin = xcb_plugin()
    if plugin is None or not missing_libraries(plugin):
        pytest.skip("this machine has every library the X11 plugin needs")
    env = {**cli_env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"}
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "coachdesk", "--vault", os.devnull + "-x", "gui"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "sudo apt install" in lines[0], done.stderr
