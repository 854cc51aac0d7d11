"""Guard against a PySide6 regression that would crash the app after long use.

PySide6 6.12.0 on CPython 3.11 decrements None's reference count on every call to a
Qt method that returns nothing, and True's on every signal emit; after a few hundred
keystrokes the interpreter aborts ("none_dealloc", "bool_dealloc"). pyproject.toml
excludes that release; this test fails if a future upgrade brings the bug back.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_void_qt_calls_do_not_leak_references_to_none() -> None:
    probe = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication, QWidget

        class Emitter(QObject):
            changed = Signal(int)

        app = QApplication([])
        widget = QWidget()
        emitter = Emitter()
        before = sys.getrefcount(None), sys.getrefcount(True)
        for n in range(2000):
            widget.update()
            widget.setEnabled(True)
            emitter.changed.emit(n)
        after = sys.getrefcount(None), sys.getrefcount(True)
        print(before[0] - after[0], before[1] - after[1])
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        timeout=60,
    )
    assert out.returncode == 0, out.stderr[-500:]
    lost_none, lost_true = (int(v) for v in out.stdout.split())
    assert abs(lost_none) < 50 and abs(lost_true) < 50, out.stdout
