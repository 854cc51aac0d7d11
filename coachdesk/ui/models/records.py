"""A table model over a list of domain records, with columns declared once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from coachdesk.ui import text

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        RECORD_ROLE,
        SORT_ROLE,
    }
)
"""The roles :meth:`RecordTableModel.data` answers (subclasses answer more themselves)."""


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    value: Callable[[R], Any]
    tooltip: Callable[[R], str] | None = None
    align_right: bool = False


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return text.fmt_datetime(value)
    if isinstance(value, date):
        return text.fmt_date(value)
    if isinstance(value, Enum):
        return text.label(value)
    if isinstance(value, float):
        return text.fmt_number(value)
    return str(value)


def _sort_key(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return value


def _order_key(value: Any) -> tuple[int, Any]:
    """A total order over one column's values: empty first, then numbers, then text."""
    key = _sort_key(value)
    if isinstance(key, bool):
        return (1, int(key))
    if isinstance(key, int | float):
        return (1, key)
    return (0, "") if key == "" else (2, str(key))


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are records (kept in memory, the view's source of truth); columns are views
    of their fields. Editors change a record and call :meth:`record_changed`.

    After :meth:`sort` the rows stay in that order: new records are inserted in place,
    and an edited record moves to where it now belongs. Each row's key is computed once,
    in Python; :class:`RecordSortProxy` hands its sorting here, because Qt's own sort
    proxy asks ``data()`` twice per comparison (tens of thousands of calls into Python
    for a long emotion log).
    """

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[R] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- order ---------------------------------------------------------------------

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def _key(self, record: R) -> tuple[int, Any]:
        return _order_key(self._columns[self._sort_column].value(record))

    def _sorting(self) -> bool:
        return 0 <= self._sort_column < len(self._columns)

    def _in_order(self, records: Sequence[R]) -> list[R]:
        if not self._sorting():
            return list(records)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(records, key=self._key, reverse=descending)  # stable, as Qt's

    def _place(self, records: Sequence[R], record: R) -> int:
        """Where ``record`` goes among ``records`` (already in order): after its equals."""
        key = self._key(record)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        for row, other in enumerate(records):
            other_key = self._key(other)
            if (other_key < key) if descending else (other_key > key):
                return row
        return len(records)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (its sort values) and keep them in that order."""
        self._sort_column, self._sort_order = column, order
        if not self._records:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._records[index.row()], index.column()) for index in persistent]
        self._records = self._in_order(self._records)
        rows = {id(record): row for row, record in enumerate(self._records)}
        self.changePersistentIndexList(
            persistent, [self.index(rows[id(record)], column) for record, column in held]
        )
        self.layoutChanged.emit()

    def _keep_in_order(self, row: int) -> None:
        """Move the record at ``row`` to where its (changed) sort value puts it."""
        if not self._sorting():
            return
        record = self._records[row]
        others = self._records[:row] + self._records[row + 1 :]
        key = self._key(record)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        before = self._key(others[row - 1]) if row > 0 else None
        after = self._key(others[row]) if row < len(others) else None
        low, high = (after, before) if descending else (before, after)
        if (low is None or low <= key) and (high is None or key <= high):
            return  # still in order: the usual case (a text field was edited)
        target = self._place(others, record)
        if target == row:
            return
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + (target > row))
        self._records = [*others[:target], record, *others[target:]]
        self.endMoveRows()

    # -- contents ------------------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = self._in_order(records)
        self.endResetModel()

    def clear(self) -> None:
        self.set_records([])

    def records(self) -> list[R]:
        return list(self._records)

    def record(self, row: int) -> R:
        return self._records[row]

    def row_of(self, record: R) -> int:
        for row, candidate in enumerate(self._records):
            if candidate is record:
                return row
        return -1

    def append(self, record: R) -> int:
        """Add ``record`` (at the end, or where the sort order puts it); returns its row."""
        row = self._place(self._records, record) if self._sorting() else len(self._records)
        self.beginInsertRows(QModelIndex(), row, row)
        self._records.insert(row, record)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> R:
        self.beginRemoveRows(QModelIndex(), row, row)
        record = self._records.pop(row)
        self.endRemoveRows()
        return record

    def record_changed(self, record: R) -> None:
        row = self.row_of(record)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))
            self._keep_in_order(row)

    # -- QAbstractItemModel ----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role not in _ANSWERED
            or not index.isValid()
            or not 0 <= index.row() < len(self._records)
        ):
            return None  # views ask every role of every cell they size: most have no answer
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(column.value(record))
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return _sort_key(column.value(record))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None


class RecordSortProxy(QSortFilterProxyModel):
    """A sort proxy over a :class:`RecordTableModel` that lets the model do the sorting.

    ``sort()`` (a header click, ``QTableView.sortByColumn``, code) is passed on to the
    source model, which orders its own rows by keys computed once per row and keeps
    them in order. The proxy itself never sorts (Qt's sort column stays -1), so opening
    a client with a long log costs one Python sort instead of n·log n ``data()`` calls.
    Filtering, if a subclass adds it, still works as in Qt.
    """

    def _records(self) -> RecordTableModel[Any] | None:
        source = self.sourceModel()
        return source if isinstance(source, RecordTableModel) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        records = self._records()
        if records is None:
            super().sort(column, order)
        else:
            records.sort(column, order)

    def sortColumn(self) -> int:
        records = self._records()
        return super().sortColumn() if records is None else records.sort_column

    def sortOrder(self) -> Qt.SortOrder:
        records = self._records()
        return super().sortOrder() if records is None else records.sort_order
