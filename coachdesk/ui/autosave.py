"""Debounced autosave: editors save on their own, a moment after the last keystroke.

The coach never sees "save changes?". An editor calls :meth:`Autosaver.touch` on every
change; the save runs ``delay_ms`` later, or at once on :meth:`flush` (switching
client, locking, quitting). A save that fails (full disk, I/O error, a rule the record
breaks) keeps the edits in the editor, says so, and is retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal

from coachdesk.core.errors import InvalidInput, explain

log = logging.getLogger(__name__)

DEFAULT_DELAY_MS = 1200
RETRY_MS = 5000


class SaveState(Enum):
    SAVED = "Saved"
    PENDING = "Editing…"
    INVALID = "Not saved"
    FAILED = "Not saved — retrying"


class Autosaver(QObject):
    """Calls ``save`` once edits settle; tracks and reports the save state."""

    state_changed = Signal(object, str)  # SaveState, message for the coach

    def __init__(
        self,
        save: Callable[[], None],
        delay_ms: int = DEFAULT_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._dirty = False
        self.state = SaveState.SAVED
        self.message = ""

    @property
    def dirty(self) -> bool:
        return self._dirty

    def touch(self) -> None:
        """Something changed: save after the delay (restarted by each change)."""
        self._dirty = True
        self._set_state(SaveState.PENDING, "")
        self._timer.start()

    def flush(self) -> bool:
        """Save now if anything is pending. True when nothing is left unsaved."""
        self._timer.stop()
        if not self._dirty:
            return True
        try:
            self._save()
        except InvalidInput as exc:
            # The record breaks a rule (e.g. a required field is empty): the text stays
            # in the editor and is saved as soon as the coach fixes it.
            self._set_state(SaveState.INVALID, str(exc))
            return False
        except Exception as exc:  # disk full, I/O error, database busy: keep and retry
            log.warning("autosave failed: %s", type(exc).__name__)  # type only: no client text
            self._set_state(SaveState.FAILED, _describe(exc))
            self._timer.start(RETRY_MS)
            return False
        self._dirty = False
        self._set_state(SaveState.SAVED, "")
        return True

    def discard(self) -> None:
        """Forget pending edits (the record they belong to was deleted)."""
        self._timer.stop()
        self._dirty = False
        self._set_state(SaveState.SAVED, "")

    def _set_state(self, state: SaveState, message: str) -> None:
        self.state, self.message = state, message
        self.state_changed.emit(state, message)


def _describe(exc: Exception) -> str:
    """Why the save failed, in the app's one vocabulary, and that nothing is lost."""
    return f"{explain(exc).sentence()} Your text is kept here and saved again when possible."
