"""Clear client text from the system clipboard when it is no longer needed.

Every program the coach runs can read the clipboard, and clipboard managers keep a
history of it. Text copied out of CoachDesk's own widgets (a session note pasted into
an e-mail) is therefore wiped a little later: after ``CLIPBOARD_CLEAR_SECONDS``, and at
once when the vault locks or the app quits, but only if the clipboard still holds what
was copied from CoachDesk. Something the coach copied since, in any program, is never
touched.

"Copied from CoachDesk" means: the clipboard changed while this application was the
active one and the keyboard focus was in one of its windows. The guard remembers a
keyed hash of the text, never the text itself, so it holds no client data.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget


class ClipboardGuard(QObject):
    """Watches the clipboard for text copied from ``window`` (or its dialogs)."""

    def __init__(self, window: QWidget, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._key = os.urandom(32)  # per process: the hash is useless outside it
        self._fingerprint: bytes | None = None
        self._clearing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_now)
        self.set_seconds(seconds)
        self._clipboard: QClipboard = QGuiApplication.clipboard()
        self._clipboard.dataChanged.connect(self._changed)

    @property
    def armed(self) -> bool:
        """True while the clipboard holds text copied from the app, not yet cleared."""
        return self._fingerprint is not None

    def set_seconds(self, seconds: int) -> None:
        self._timer.setInterval(max(1, int(seconds)) * 1000)
        if self._timer.isActive():
            self._timer.start()

    def _digest(self, text: str) -> bytes:
        return hmac.new(self._key, text.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()

    def _from_app(self) -> bool:
        if QGuiApplication.applicationState() != Qt.ApplicationState.ApplicationActive:
            return False
        widget = QApplication.focusWidget()
        while widget is not None:  # the window itself, or a dialog parented to it
            if widget is self._window:
                return True
            widget = widget.parentWidget()
        return False

    def _changed(self) -> None:
        if self._clearing:
            return
        text = self._clipboard.text()
        if text and self._from_app():
            self._fingerprint = self._digest(text)
            self._timer.start()
        else:  # someone else's data now (or nothing): leave it alone
            self._fingerprint = None
            self._timer.stop()

    def clear_now(self) -> None:
        """Empty the clipboard if it still holds what was copied from the app."""
        self._timer.stop()
        fingerprint, self._fingerprint = self._fingerprint, None
        if fingerprint is None:
            return
        if hmac.compare_digest(self._digest(self._clipboard.text()), fingerprint):
            self._clearing = True
            try:
                self._clipboard.clear(QClipboard.Mode.Clipboard)
            finally:
                self._clearing = False

    def release(self) -> None:
        """On lock and quit: clear what the app copied, and (X11) the selection it owns.

        Selecting text in a widget makes it the X11 primary selection, which any
        program can paste with a middle click; it is dropped only if the app still
        owns it, i.e. nothing was selected elsewhere since.
        """
        self.clear_now()
        clipboard = self._clipboard
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            self._clearing = True
            try:
                clipboard.clear(QClipboard.Mode.Selection)
            finally:
                self._clearing = False
