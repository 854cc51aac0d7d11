"""Every screen fits a 13-inch laptop: 1280x720 less the window's title bar and frame.

The walk is the screenshot tour's (coachdesk/ui/screenshots.py): every page, every tab
on the demo vault, every dialog. A widget whose minimum size exceeds the screen forces
the window wider than the screen (the Contract tab once forced 1,375 px).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget

from coachdesk.ui import screen as screen_module
from coachdesk.ui import settings as keys
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.screen import fitted, place_in_screen
from coachdesk.ui.screenshots import DIALOGS, PAGES, Tour, offscreen_platform, walk
from coachdesk.ui.settings import AppSettings
from coachdesk.vault.keys import TEST_KDF

LAPTOP = QSize(1280, 680)
"""1280x720 less a title bar: the most any window may ask for."""


def too_big(size: QSize) -> bool:
    return size.width() > LAPTOP.width() or size.height() > LAPTOP.height()


def test_every_page_tab_and_dialog_fits_1280x720(qapp: QApplication, tmp_path: Path) -> None:
    tour = Tour(tmp_path)
    seen: dict[str, tuple[QSize, QSize]] = {}

    def visit(name: str, widget: QWidget) -> None:
        seen[name] = (widget.minimumSizeHint(), widget.minimumSize())

    missing = walk(tour, visit)
    tour.controller.lock()
    tour.window.close()
    assert not missing
    assert set(seen) == {name for name, _ in PAGES} | {name for name, _ in DIALOGS}
    offending = {
        name: (hint.toTuple(), minimum.toTuple())
        for name, (hint, minimum) in seen.items()
        if too_big(hint) or too_big(minimum)
    }
    assert not offending, f"minimum size over {LAPTOP.toTuple()}: {offending}"


def test_long_contract_title_does_not_widen_the_window(qapp: QApplication, tmp_path: Path) -> None:
    """The class of the 1,375-px bug: a long text in a header label wraps."""
    tour = Tour(tmp_path)
    tour.client("Contract")
    tab = tour.tab("Contract")
    tab.title_label.setText("A very long contract title " * 12)  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert not too_big(tour.window.minimumSizeHint())
    tour.controller.lock()


def test_outcome_measure_is_shown_whole(qapp: QApplication, tmp_path: Path) -> None:
    """Cut short, "10 → 45 → 70 Share of unpleasant…" reads as aiming for more low moods."""
    tour = Tour(tmp_path)
    tour.client("Overview")
    store = tour.controller.store
    client_id = tour.window.current_client_id()
    assert client_id is not None
    contract = store.contracts.for_client(client_id)
    assert contract is not None
    measures = [o.measure for o in contract.outcomes if len(o.measure) > 60]
    assert measures, "the demo has a long measure"
    shown = [label.text() for label in tour.tab("Overview").findChildren(QWidget)
             if label.objectName() == "outcomeNumbers"]  # fmt: skip
    for measure in measures:
        assert any(" ".join(measure.split()) in line for line in shown)
    tour.controller.lock()


@pytest.mark.parametrize(
    ("saved", "screen"),
    [(None, QRect(0, 0, 1280, 720)), (None, QRect(0, 30, 1366, 738)),
     ("offscreen", QRect(0, 0, 1280, 720))],
)  # fmt: skip
def test_main_window_opens_inside_the_available_screen(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    saved: str | None,
    screen: QRect,
) -> None:
    """On first start and with a geometry saved on a bigger screen: inside the screen."""
    window = MainWindow(
        VaultController(tmp_path / "vault", kdf=TEST_KDF), AppSettings(tmp_path / "s.ini")
    )
    if saved:
        window.setGeometry(2000, 1500, 1900, 1200)  # as if saved on a big monitor
    # The test process has one offscreen screen; the laptop's room stands in for it.
    monkeypatch.setattr(screen_module, "available", lambda _widget: screen)
    place_in_screen(window, None if saved else QSize(1200, 780))
    frame = QRect(window.pos(), window.size() + QSize(0, 40))
    assert screen.contains(frame), (frame, screen)
    assert window.size() == fitted(window.size(), screen)


def test_screenshot_command_at_1280x720(tmp_path: Path) -> None:
    """The real command on a 1280x720 offscreen screen: every picture written, every
    window (main window maximised, dialogs as opened) within the screen."""
    out = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-m", "coachdesk.ui.screenshots", "--out", str(out),
         "--size", "1280x720", "--scheme", "dark"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "QPdfLinkModel" not in done.stderr  # no Qt warning when a preview closes
    sizes = json.loads((out / "sizes-1280x720-dark.json").read_text())
    names = {name for name, _ in PAGES} | {name for name, _ in DIALOGS}
    assert set(sizes) == names
    for name in names:
        assert (out / f"1280x720-dark-{name}.png").stat().st_size > 1000
        width, height = sizes[name]["size"]
        assert width <= 1280 and height <= 680, (name, width, height)
        assert not too_big(QSize(*sizes[name]["minimum_size_hint"])), name


def test_offscreen_platform_describes_one_screen(tmp_path: Path) -> None:
    value = offscreen_platform("1366x768", tmp_path, scale=2.0)
    config = json.loads(Path(value.split("configfile=", 1)[1]).read_text())
    assert config["screens"][0]["width"] == 1366 and config["screens"][0]["dpr"] == 2.0


def test_saved_geometry_key_is_still_used(qapp: QApplication, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "s.ini")
    first = MainWindow(VaultController(tmp_path / "v", kdf=TEST_KDF), settings)
    first.resize(700, 500)
    settings.set(keys.WINDOW_GEOMETRY, first.saveGeometry())
    again = MainWindow(VaultController(tmp_path / "v", kdf=TEST_KDF), settings)
    assert again.size() == QSize(700, 500)
    assert isinstance(settings.get_bytes(keys.WINDOW_GEOMETRY), QByteArray)


def test_no_label_widens_the_window_whatever_its_text(qapp: QApplication, tmp_path: Path) -> None:
    """The class of the 1,375-px bug: every visible label that does not wrap, given a
    very long text (a long client name, title, organisation), leaves the window's
    minimum width within the laptop's."""
    from PySide6.QtWidgets import QLabel

    tour = Tour(tmp_path)
    long_text = "a long name " * 40
    offending: set[str] = set()
    for name, arrange in PAGES:
        arrange(tour)
        for label in tour.window.findChildren(QLabel):
            if not label.isVisible() or label.wordWrap() or not label.text():
                continue
            before = label.text()
            label.setText(long_text)
            QApplication.processEvents()
            if too_big(tour.window.minimumSizeHint()):
                offending.add(f"{name}: {label.objectName() or before[:30]}")
            label.setText(before)
            QApplication.processEvents()
    tour.controller.lock()
    assert not offending


@pytest.mark.parametrize("width", [1200, 1280])
def test_pages_never_scroll_sideways(qapp: QApplication, tmp_path: Path, width: int) -> None:
    """At the default width (1200) and at 1280 no page needs a horizontal scroll bar
    (the Overview used to); tables may, for their columns."""
    from PySide6.QtWidgets import QScrollArea

    tour = Tour(tmp_path)
    tour.window.resize(width, LAPTOP.height())
    sideways = []
    for name, arrange in PAGES:
        arrange(tour)
        for _ in range(3):
            QApplication.processEvents()
        for area in tour.window.findChildren(QScrollArea):
            if area.isVisible() and area.horizontalScrollBar().maximum() > 0:
                sideways.append((name, area.objectName(), area.horizontalScrollBar().maximum()))
    tour.controller.lock()
    assert not sideways
