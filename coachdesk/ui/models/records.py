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
    Qt,
)

from coachdesk.ui import text

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


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


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are records (kept in memory, the view's source of truth); columns are views
    of their fields. Editors change a record and call :meth:`record_changed`."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[R] = []

    # -- contents ------------------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
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
        row = len(self._records)
        self.beginInsertRows(QModelIndex(), row, row)
        self._records.append(record)
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

    # -- QAbstractItemModel ----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
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
