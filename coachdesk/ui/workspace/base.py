"""What every workspace tab is: it shows one client, saves itself, forgets on lock."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from coachdesk.ui.autosave import Autosaver, SaveState
from coachdesk.ui.controller import VaultController
from coachdesk.vault.search import RecordKind


class WorkspaceTab(QWidget):
    """Base class of the Overview, Profile, Contract, Sessions, Emotions, Feedback tabs.

    The main window calls :meth:`show_client` when the tab becomes visible for a client
    (tabs load lazily), :meth:`flush` before switching client, locking or quitting, and
    :meth:`clear` after locking: a cleared tab holds no client text in any widget or
    model. Subclasses create their autosavers with :meth:`make_autosaver` so the window's
    status bar shows one save state for all of them.

    A tab is found by what it holds, never by its title: ``record_kinds`` declares the
    kinds of record it shows, :meth:`focus_record` selects one of them (a search hit,
    an agenda row) and :meth:`selected_record` says which one is selected (what a
    report on "the selected session" is about). ``title`` is only the tab's label.
    """

    title = ""
    record_kinds: ClassVar[frozenset[RecordKind]] = frozenset()
    save_state_changed = Signal(object, str)  # SaveState, message
    # A report asked for from the tab's own button: (ReportKind, session id or None).
    # The main window makes it (worker thread, preview) exactly as from the menu.
    report_requested = Signal(object, object)

    def __init__(self, controller: VaultController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.client_id: int | None = None
        self._autosavers: list[Autosaver] = []

    def make_autosaver(self, save: object, delay_ms: int | None = None) -> Autosaver:
        autosaver = (
            Autosaver(save, parent=self)  # type: ignore[arg-type]
            if delay_ms is None
            else Autosaver(save, delay_ms, parent=self)  # type: ignore[arg-type]
        )
        autosaver.state_changed.connect(self.save_state_changed)
        self._autosavers.append(autosaver)
        return autosaver

    def show_client(self, client_id: int) -> None:
        """Load everything this tab shows for ``client_id`` from the store."""
        self.client_id = client_id

    def focus_record(self, record_id: int, kind: RecordKind | None = None) -> None:
        """Select and reveal one record of a kind in ``record_kinds`` (a search result);
        tabs that declare kinds override it.

        ``kind`` tells records of different tables apart where one tab shows several
        (outcome, milestone and risk ids each count from 1)."""

    def selected_record(self, kind: RecordKind) -> int | None:
        """The id of the selected stored record of ``kind`` (None: none, or not here)."""
        return None

    def flush(self) -> bool:
        """Save pending edits now; True when nothing is left unsaved."""
        return all([autosaver.flush() for autosaver in self._autosavers])

    def clear(self) -> None:
        """Forget the client: empty every widget and model (after lock)."""
        for autosaver in self._autosavers:
            autosaver.discard()
        self.client_id = None

    @property
    def save_state(self) -> SaveState:
        worst = SaveState.SAVED
        for autosaver in self._autosavers:
            if autosaver.state != SaveState.SAVED:
                worst = autosaver.state
        return worst

    @property
    def save_messages(self) -> list[str]:
        """What the autosavers say about unsaved edits (empty when all is saved)."""
        return [autosaver.message for autosaver in self._autosavers if autosaver.message]
