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
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog

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


@dataclass
class JobOutcome:
    """How a job run under a progress dialog ended: finished (with its result), failed
    (with a sentence for the coach), or neither (cancelled)."""

    finished: bool = False
    result: object = None
    error: str | None = None


def run_with_progress(job: Job, dialog: QProgressDialog, *, wait_s: float) -> JobOutcome:
    """Run ``job`` while ``dialog`` (a modal 0–1000 progress dialog whose Cancel cancels
    the job) shows its progress; return once it has ended, waiting at most ``wait_s`` for
    the worker thread after the last signal. The dialog is closed and deleted."""
    loop = QEventLoop(dialog)
    outcome = JobOutcome()

    def progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setValue(int(1000 * done / total))

    def finished(result: object) -> None:
        outcome.finished, outcome.result = True, result
        loop.quit()

    def failed(message: str) -> None:
        outcome.error = message
        loop.quit()

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(loop.quit)
    dialog.canceled.connect(job.cancel)
    job.start()
    if not job.done.is_set():
        loop.exec()
    job.done.wait(wait_s)
    dialog.close()
    dialog.deleteLater()
    return outcome
