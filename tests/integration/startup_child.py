"""The app's start-up as ``coachdesk --vault DIR`` runs it, reporting which modules were
imported when its first page (unlock or welcome) was first painted. Run by
test_startup_imports.py, offscreen, with ``COACHDESK_BENCH_EXIT_WHEN_READY=1`` so the
app quits right after that paint.

    python startup_child.py VAULT_DIR

Prints one ``MODULES {json}`` line: the page's class and the sorted ``sys.modules``.
Only Qt is imported before the app's own start-up, which imports it first anyway.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

FIRST_PAGES = ("UnlockPage", "WelcomePage")


class FirstPagePaint(QObject):
    """Sees every event before the widgets do; notes the first paint of a first page."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.seen
            and event.type() == QEvent.Type.Paint
            and type(watched).__name__ in FIRST_PAGES
        ):
            self.seen = True
            page = type(watched).__name__
            sys.stdout.write(
                f"MODULES {json.dumps({'page': page, 'modules': sorted(sys.modules)})}\n"
            )
            sys.stdout.flush()
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])  # the app takes the existing QApplication
    spy = FirstPagePaint()
    app.installEventFilter(spy)
    from coachdesk.cli import main as coachdesk_main

    return coachdesk_main(["--vault", sys.argv[1]])


if __name__ == "__main__":
    sys.exit(main())
