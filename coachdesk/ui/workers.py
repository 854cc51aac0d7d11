"""Long work (reports, backups) off the GUI thread, with progress and cancellation.

A :class:`Job` wraps a plain function ``fn(progress, cancelled) -> result`` and runs it
on the global thread pool; its signals arrive on the GUI thread. Failures are reported
as one sentence: a CoachDeskError's own message, or a generic one that never repeats
an exception's text (it could quote client data).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from coachdesk.core.errors import CoachDeskError, explain

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def _spent(_progress: Progress, _cancelled: Cancelled) -> Any:
    raise RuntimeError("a Job runs once")


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total (total 0: unknown)
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # a sentence for the coach
    cancelled = Signal()


class Job(QRunnable):
    def __init__(self, fn: Callable[[Progress, Cancelled], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the caller keeps it until a signal arrives
        self.signals = JobSignals()
        self._fn = fn
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._fn(self.signals.progress.emit, self._cancel.is_set)
        except Exception as exc:  # one vocabulary; never the message of a foreign error
            if isinstance(exc, CoachDeskError) and self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                if not isinstance(exc, CoachDeskError | OSError):
                    log.error("background job failed: %s", type(exc).__name__)
                self.signals.failed.emit(explain(exc).sentence())
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        finally:
            # The function closes over what it worked on (an engagement, a recovery
            # code, the passphrase): whoever keeps the Job must not keep those too.
            self._fn = _spent
            self.done.set()

    def start(self) -> None:
        QThreadPool.globalInstance().start(self)
