"""One list editor: a table of records, the selected one in its editor, new rows pending.

Every list a coach edits row by row works through :class:`ListEditor`: the Emotions and
Feedback logs (:class:`~coachdesk.ui.workspace.record_log.RecordLogTab`), the Sessions
tab (its sessions and each session's action items) and the contract's outcomes,
milestones and risks (``PartsCard``). They therefore share one rule for new rows, the
one written down in ``docs/architecture.md`` ("A new row"):

* "Add" (or "New …") puts a new record in the table, selected, with the focus in its
  editor. It is not stored yet, and the table shows it in italics.
* Once the coach changes any of its fields it is *pending*: the next autosave stores
  it, and it stays (in italics, the editor saying why) until the vault accepts it.
* A new row nobody changed is never stored: a save skips it, and it disappears when
  the coach selects another row or the list is loaded again (another client, the same
  client shown again, the vault locked).
* Deleting a row asks first (where the list asks at all), unless it is such an
  untouched new row: that just goes.

The widgets stay with the tab (table, editor, buttons, layout); this class owns the
rows, the selection, the pending records and the untouched-row rule, and tells the tab
through signals. It holds no coaching rule: what may be stored is the repository's call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QWidget

from coachdesk.core.errors import InvalidInput, NotFound
from coachdesk.ui.autosave import Autosaver
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.models.records import Column, Index, RecordTableModel


class Row(Protocol):
    """What a list needs of its records: stored ones have an id."""

    id: int | None


R = TypeVar("R", bound=Row)


class PendingRowsModel(RecordTableModel[R]):
    """The rows; records the vault has not accepted yet are shown in italics (and the
    first column says why on hover, when given ``unsaved_tip``)."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        unsaved_tip: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._unsaved_tip = unsaved_tip
        self._unsaved: list[R] = []

    def set_unsaved(self, records: Sequence[R]) -> None:
        """Records the vault has refused so far (or not yet seen): shown in italics."""
        before = self._unsaved
        self._unsaved = list(records)
        for record in [*before, *self._unsaved]:
            self.record_changed(record)

    def _is_unsaved(self, record: R) -> bool:
        return record.id is None or any(r is record for r in self._unsaved)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        record = self.record(index.row())
        if role == Qt.ItemDataRole.FontRole and self._is_unsaved(record):
            font = QFont()
            font.setItalic(True)
            return font
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.column() == 0
            and self._unsaved_tip
            and self._is_unsaved(record)
        ):
            return self._unsaved_tip
        return super().data(index, role)


class ListEditor(QObject, Generic[R]):
    """The rows of ``model`` shown in ``view`` (directly or through a sort proxy), the
    selected one in ``binder``, and the records changed but not stored yet.

    ``shown`` says which record the editor now shows (None: none), ``edited`` which
    field of which record the coach changed (after it became pending and its save was
    scheduled on ``autosaver``), ``removed`` which record left the list (deleted, or an
    untouched new row dropped), so a tab that mirrors the rows elsewhere can follow.
    Leaving a row saves it at once (``autosaver.flush``).
    """

    shown = Signal(object)  # the record now in the editor, or None
    edited = Signal(object, str)  # record, field
    removed = Signal(object)  # a record no longer in the list

    def __init__(
        self,
        record_type: type[R],
        model: RecordTableModel[R],
        view: QAbstractItemView,
        binder: RecordBinder,
        *,
        autosaver: Autosaver | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else view)  # lives as long as its view
        self.model = model
        self.view = view
        self.binder = binder
        self.autosaver = autosaver
        self._record_type = record_type
        self._pending: list[R] = []
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        binder.changed.connect(self._field_changed)

    # -- what is there -------------------------------------------------------------

    def records(self) -> list[R]:
        return self.model.records()

    def current(self) -> R | None:
        record = self.binder.record
        return record if isinstance(record, self._record_type) else None

    def pending(self) -> list[R]:
        """Records changed and not yet accepted by the vault, in the order changed."""
        return list(self._pending)

    def is_pending(self, record: R) -> bool:
        return any(r is record for r in self._pending)

    def is_untouched(self, record: R) -> bool:
        """A new row nobody changed: never stored, dropped when left."""
        return record.id is None and not self.is_pending(record)

    def first(self) -> R | None:
        """The record on the view's first row (the newest in a newest-first list)."""
        return self._record_at(self.view.model().index(0, 0))

    # -- loading -------------------------------------------------------------------

    def load(
        self, records: Sequence[R], *, keep_edits: bool = False, select_first: bool = True
    ) -> None:
        """Show ``records`` (fresh from the store) and select the first row (or, without
        ``select_first``, none).

        With ``keep_edits`` (the same list shown again) pending records stay, in place
        of their stored copies, and the selected row stays selected; untouched new rows
        go, as always."""
        selected = self.current() if keep_edits else None
        keep = list(self._pending) if keep_edits else []
        by_id: dict[int, R] = {r.id: r for r in keep if r.id is not None}
        rows = [by_id.get(r.id, r) if r.id is not None else r for r in records]
        rows += [r for r in keep if r.id is None]
        if self._pending and not keep and self.autosaver is not None:
            self.autosaver.discard()  # what it was to save is no longer shown
        self._pending = keep
        self.binder.set_record(None)
        self.model.set_records(rows)
        self._mark_unsaved()
        target = None
        if selected is not None:
            target = next(
                (
                    r
                    for r in rows
                    if r is selected or (selected.id is not None and r.id == selected.id)
                ),
                None,
            )
        if target is None and select_first:
            target = self.first()
        self.select(target)

    def clear(self) -> None:
        """Forget every row and pending record (a lock, another client)."""
        self._pending = []
        self.binder.set_record(None)
        self._mark_unsaved()
        self.model.clear()
        self.shown.emit(None)

    # -- selecting -----------------------------------------------------------------

    def select(self, record: R | None) -> None:
        """Select ``record`` (None: nothing) and show it in the editor."""
        if record is None:
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
            self._show(None)
            return
        index = self._view_index(record)
        if not index.isValid():
            return
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        if self.current() is not record:  # the same row: no currentRowChanged
            self._show(record)

    def select_id(self, record_id: int) -> R | None:
        """Select the stored record ``record_id`` (a search hit); None when not here."""
        record = next((r for r in self.records() if r.id == record_id), None)
        if record is not None:
            self.select(record)
        return record

    # -- adding and removing ---------------------------------------------------------

    def add(
        self,
        record: R,
        focus: QWidget | None = None,
        reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason,
    ) -> R:
        """A new row, selected and shown, the focus on ``focus``; stored once changed."""
        self.model.append(record)
        self.select(record)
        if focus is not None:
            focus.setFocus(reason)
        return record

    def delete(
        self,
        parent: QWidget,
        record: R,
        title: str,
        question: str | None,
        delete_stored: Callable[[int], object] | None = None,
    ) -> bool:
        """Remove ``record`` after the coach confirms ``question`` (No is the default;
        None: a list that never asks), its stored copy first with ``delete_stored``.

        An untouched new row goes without asking. A refusal by the vault is shown
        (under ``title``) and keeps the row; a copy already deleted elsewhere is no
        reason to keep it. True when the row went."""
        if question is not None and not self.is_untouched(record):
            answer = QMessageBox.question(
                parent,
                title,
                question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if record.id is not None and delete_stored is not None:
            try:
                delete_stored(record.id)
            except NotFound:
                pass  # already gone (deleted elsewhere)
            except InvalidInput as exc:
                QMessageBox.warning(parent, title, str(exc))
                return False
        self.remove(record)
        return True

    def remove(self, record: R) -> None:
        """Take ``record`` out of the list (its stored copy is the caller's) and select
        the row that takes its place."""
        row = self.model.row_of(record)
        if row < 0:
            return
        view_row = self._view_index(record).row()
        self._pending = [r for r in self._pending if r is not record]
        if not self._pending and self.autosaver is not None:
            self.autosaver.discard()
        if self.current() is record:
            self.binder.set_record(None)
        self.model.remove(row)
        self._mark_unsaved()
        self.removed.emit(record)
        count = self.view.model().rowCount()
        if count:
            self.select(self._record_at(self.view.model().index(min(view_row, count - 1), 0)))
        else:
            self.select(None)

    # -- editing and saving ----------------------------------------------------------

    def mark_edited(self, record: R, field: str) -> None:
        """``record`` changed (by the binder, or by a control the tab handles itself)."""
        if not self.is_pending(record):
            self._pending.append(record)
        self.model.record_changed(record)
        self.edited.emit(record, field)
        if self.autosaver is not None:
            self.autosaver.touch()

    def save_pending(self, save: Callable[[R], object]) -> bool:
        """Store every pending record with ``save``; those the vault refuses stay
        pending (the first refusal is raised after the rest were tried). True when at
        least one was stored. Untouched new rows are never passed to ``save``."""
        problem: InvalidInput | None = None
        saved = False
        for record in list(self._pending):
            try:
                save(record)
            except InvalidInput as exc:
                problem = problem or exc
                continue
            self._pending = [r for r in self._pending if r is not record]
            saved = True
        self._mark_unsaved()
        if problem is not None:
            raise problem
        return saved

    def mark_saved(self) -> None:
        """Every pending record was stored by other means (a whole contract saved)."""
        self._pending = []
        self._mark_unsaved()

    def refresh(self) -> None:
        """Re-read every row (derived columns, such as positions, may have changed)."""
        model = self.model
        if model.rowCount():
            last = model.index(model.rowCount() - 1, model.columnCount() - 1)
            model.dataChanged.emit(model.index(0, 0), last)

    # -- internals -----------------------------------------------------------------

    def _mark_unsaved(self) -> None:
        if isinstance(self.model, PendingRowsModel):
            self.model.set_unsaved(self._pending)

    def _view_index(self, record: R) -> QModelIndex:
        row = self.model.row_of(record)
        if row < 0:
            return QModelIndex()
        index = self.model.index(row, 0)
        shown = self.view.model()
        return shown.mapFromSource(index) if isinstance(shown, QSortFilterProxyModel) else index

    def _record_at(self, index: QModelIndex | QPersistentModelIndex) -> R | None:
        if not index.isValid():
            return None
        shown = self.view.model()
        if isinstance(shown, QSortFilterProxyModel):
            index = shown.mapToSource(index)
        if not 0 <= index.row() < self.model.rowCount():
            return None
        return self.model.record(index.row())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self._record_at(current)
        previous = self.current()
        if previous is record:
            return
        if self.autosaver is not None:
            self.autosaver.flush()  # save the record being left, now
        if previous is not None and self.is_untouched(previous):
            # Added and left untouched: nothing to keep; drop it once selection settles.
            QTimer.singleShot(0, lambda r=previous: self._drop_untouched(r))
        self._show(record)

    def _show(self, record: R | None) -> None:
        self.binder.set_record(record)
        self.shown.emit(record)

    def _drop_untouched(self, record: R) -> None:
        if self.is_untouched(record) and self.current() is not record:
            row = self.model.row_of(record)
            if row >= 0:
                self.model.remove(row)
                self.removed.emit(record)

    def _field_changed(self, field: str) -> None:
        record = self.current()
        if record is not None:
            self.mark_edited(record, field)
