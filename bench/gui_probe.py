"""The GUI half of the benchmarks, run by bench/run.py in a subprocess of its own.

    python bench/gui_probe.py workspace --vault DIR --client ID --other ID [--repeat N]
    python bench/gui_probe.py rss --vault DIR --client ID
    python bench/gui_probe.py unlock --vault DIR

Both build the real :class:`MainWindow` (offscreen Qt platform, settings in a scratch
file), show it, and unlock it with the bench passphrase from ``COACHDESK_PASSPHRASE``.

``workspace``: times loading the client list into the window, and opening the
``--client``'s workspace with every tab populated (:func:`_open_workspace`); also, as
context, looking at every tab in turn (each painted) and a plain click in the client
list (only the visible tab loads, as the app does). Alternates with ``--other`` so
every opening is a real switch of client.

``rss``: a fresh process that does what a coach does once (unlock, open the client,
look at every tab) and reports its peak resident memory (``VmHWM``, see
:func:`_peak_rss_kib`; ``ru_maxrss`` alongside).

``unlock``: a fresh app process, as the coach meets it: the lock screen shown, the
passphrase typed, then Enter pressed; times Enter to the first paint of the main
window's workspace, and subtracts the time spent in the key derivation (Argon2id,
whatever the vault's parameters: it is measured, not assumed). The agenda's rows are
filled right after that first paint; ``unlock_to_agenda_ms`` is Enter to their paint,
minus the derivation.

Prints one JSON object on the last line of stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The bench drives the real GUI.
from PySide6.QtCore import QEvent, QObject, Qt  # noqa: TID251
from PySide6.QtTest import QTest  # noqa: TID251
from PySide6.QtWidgets import QApplication  # noqa: TID251

from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.theme import apply_theme
from coachdesk.vault import keys

TYPING_SECONDS = 1.0
"""Time between the lock screen appearing and the passphrase being entered."""


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _open_window(vault: Path, settings_dir: Path) -> tuple[QApplication, MainWindow]:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    apply_theme(app)
    window = MainWindow(VaultController(vault), AppSettings(settings_dir / "settings.ini"))
    window.resize(1200, 780)
    window.show()
    app.processEvents()
    return app, window


CPU_SECONDS: list[float] = []
"""Processor time of each :func:`_open_workspace` (on a busy shared machine the wall
clock includes waiting for a core; this does not)."""


def _open_workspace(app: QApplication, window: MainWindow, client_id: int) -> float:
    """Select the client and populate every tab; seconds until the window is painted.

    The window loads a tab when it becomes current, so each tab is made current once
    (its ``show_client`` fills its widgets and models), then the first tab is shown
    again and Qt lays out and paints the window: every tab holds the client's data, and
    the coach sees the Overview.
    """
    started, cpu = time.perf_counter(), time.process_time()
    if not window.select_client(client_id):
        raise SystemExit(f"client {client_id} is not in the list")
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
    window.tabs.setCurrentIndex(0)
    app.processEvents()
    CPU_SECONDS.append(time.process_time() - cpu)
    return time.perf_counter() - started


def _view_every_tab(app: QApplication, window: MainWindow, client_id: int) -> float:
    """Select the client, then look at every tab in turn (each laid out and painted)."""
    started = time.perf_counter()
    if not window.select_client(client_id):
        raise SystemExit(f"client {client_id} is not in the list")
    app.processEvents()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        app.processEvents()
    window.tabs.setCurrentIndex(0)
    app.processEvents()
    return time.perf_counter() - started


def _open_first_tab(app: QApplication, window: MainWindow, client_id: int) -> float:
    """What one click in the client list does: the current tab loads and is painted."""
    window.tabs.setCurrentIndex(0)
    app.processEvents()
    started = time.perf_counter()
    if not window.select_client(client_id):
        raise SystemExit(f"client {client_id} is not in the list")
    app.processEvents()
    return time.perf_counter() - started


def _loaded_tabs(window: MainWindow, client_id: int) -> int:
    return sum(1 for tab in window.tab_pages if tab.client_id == client_id)


def _type_passphrase(app: QApplication, seconds: float = TYPING_SECONDS) -> None:
    """Keep the event loop running as while a coach types the passphrase (the window
    uses that time to build its workspace tabs)."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.01)


def workspace(args: argparse.Namespace, settings_dir: Path) -> dict[str, object]:
    app, window = _open_window(args.vault, settings_dir)
    _type_passphrase(app)
    started = time.perf_counter()
    window.controller.unlock(os.environ["COACHDESK_PASSPHRASE"])
    app.processEvents()
    unlock_s = time.perf_counter() - started
    lists = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        window.clients.load(window.controller.store)
        app.processEvents()
        lists.append(time.perf_counter() - started)
    opens: list[float] = []
    cpu: list[float] = []
    viewed: list[float] = []
    clicks: list[float] = []
    for _ in range(args.repeat + 1):  # the first round warms Python's and Qt's caches
        _open_workspace(app, window, args.other)
        opens.append(_open_workspace(app, window, args.client))
        cpu.append(CPU_SECONDS[-1])
        if _loaded_tabs(window, args.client) != window.tabs.count():
            raise SystemExit("not every tab was loaded for the client")
        _open_workspace(app, window, args.other)
        viewed.append(_view_every_tab(app, window, args.client))
        _open_workspace(app, window, args.other)
        clicks.append(_open_first_tab(app, window, args.client))
    window.controller.lock()
    window.close()
    return {
        "unlock_and_list_ms": _ms(unlock_s),
        "client_list_ms": _ms(statistics.median(lists)),
        "open_workspace_ms": _ms(statistics.median(opens[1:])),
        "open_workspace_first_ms": _ms(opens[0]),
        "open_workspace_cpu_ms": _ms(statistics.median(cpu[1:])),
        "open_workspace_all_ms": [_ms(x) for x in opens],
        "view_every_tab_ms": _ms(statistics.median(viewed[1:])),
        "open_client_overview_only_ms": _ms(statistics.median(clicks[1:])),
        "tabs": window.tabs.count(),
    }


def _peak_rss_kib() -> tuple[int, int]:
    """(peak resident set of this program, ``ru_maxrss``), both in KiB.

    On Linux ``ru_maxrss`` is carried across ``execve`` from the process that forked
    us: a child of a big parent reports the parent's size. The kernel's high-water
    mark of this program's own memory (``VmHWM``) starts afresh at ``execve``, so it is
    the figure used where it exists; elsewhere ``ru_maxrss`` is all there is.
    """
    maxrss = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux
    if sys.platform == "darwin":
        maxrss //= 1024  # bytes there
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]), maxrss
    except OSError:
        pass
    return maxrss, maxrss


def rss(args: argparse.Namespace, settings_dir: Path) -> dict[str, object]:
    app, window = _open_window(args.vault, settings_dir)
    _type_passphrase(app)
    window.controller.unlock(os.environ["COACHDESK_PASSPHRASE"])
    app.processEvents()
    _open_workspace(app, window, args.client)
    loaded = _loaded_tabs(window, args.client)
    peak_kib, maxrss_kib = _peak_rss_kib()
    window.controller.lock()
    window.close()
    return {
        "peak_rss_mb": round(peak_kib / 1024, 1),
        "ru_maxrss_mb": round(maxrss_kib / 1024, 1),
        "tabs_loaded": loaded,
    }


class _FirstPaint(QObject):
    """The moment ``widget`` is first painted after :meth:`arm`."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.at: float | None = None
        self._armed = False
        widget.installEventFilter(self)

    def arm(self) -> None:
        self.at, self._armed = None, True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and self.at is None and event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
        return False


def unlock(args: argparse.Namespace, settings_dir: Path) -> dict[str, object]:
    app, window = _open_window(args.vault, settings_dir)
    derivations: list[float] = []
    real_derive = keys.derive_key

    def timed_derive(*a: object, **k: object) -> bytes:
        started = time.perf_counter()
        try:
            return real_derive(*a, **k)  # type: ignore[arg-type]
        finally:
            derivations.append(time.perf_counter() - started)

    keys.derive_key = timed_derive
    _type_passphrase(app)  # the lock screen is up; the coach types
    field = window.unlock_page.passphrase
    QTest.keyClicks(field, os.environ["COACHDESK_PASSPHRASE"])
    app.processEvents()
    painted = _FirstPaint(window.workspace)
    painted.arm()
    derivations.clear()
    started = time.perf_counter()
    QTest.keyClick(field, Qt.Key.Key_Return)
    deadline = started + 120
    while painted.at is None and time.perf_counter() < deadline:
        app.processEvents()
    if painted.at is None or not window.controller.is_unlocked:
        raise SystemExit("the workspace was not painted after unlocking")
    kdf_s = sum(derivations)
    # The agenda's rows follow the first paint: when they are painted too.
    agenda = _FirstPaint(window.agenda_page)
    while window.agenda_page.agenda is None and time.perf_counter() < deadline:
        app.processEvents()
    agenda.arm()
    window.agenda_page.update()
    while agenda.at is None and time.perf_counter() < deadline:
        app.processEvents()
    result: dict[str, object] = {
        "unlock_to_workspace_ms": _ms(painted.at - started - kdf_s),
        "unlock_to_agenda_ms": _ms((agenda.at or deadline) - started - kdf_s),
        "kdf_ms": _ms(kdf_s),
        "with_kdf_ms": _ms(painted.at - started),
    }
    window.controller.lock()
    window.close()
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["workspace", "rss", "unlock"])
    parser.add_argument("--vault", type=Path, required=True)
    parser.add_argument("--client", type=int, default=0)
    parser.add_argument("--other", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="coachdesk-gui-probe-") as scratch:
        job = {"workspace": workspace, "rss": rss, "unlock": unlock}[args.mode]
        result = job(args, Path(scratch))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
