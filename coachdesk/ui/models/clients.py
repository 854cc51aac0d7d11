"""The client list: one row per client, filterable by text and status."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from coachdesk.core.model import ClientStatus
from coachdesk.ui import text

if TYPE_CHECKING:  # the store is imported when a vault is opened, not at start-up
    from coachdesk.vault.store import ClientSummary, Store

Index = QModelIndex | QPersistentModelIndex

CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 3

STATUS_COLOURS = {
    ClientStatus.PROSPECT: QColor("#8a8f98"),
    ClientStatus.ACTIVE: QColor("#2e8b57"),
    ClientStatus.PAUSED: QColor("#d08c2c"),
    ClientStatus.CLOSED: QColor("#9aa0a6"),
}


_DOTS: dict[ClientStatus, QIcon] = {}


def status_dot(status: ClientStatus) -> QIcon:
    """A small filled circle in the status colour (cached)."""
    if status not in _DOTS:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(STATUS_COLOURS[status])
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _DOTS[status] = QIcon(pixmap)
    return _DOTS[status]


class ClientListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ClientSummary] = []

    def load(self, store: Store) -> None:
        self.beginResetModel()
        self._rows = store.clients.summaries()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def row_of(self, client_id: int) -> int:
        for row, summary in enumerate(self._rows):
            if summary.id == client_id:
                return row
        return -1

    def summary(self, row: int) -> ClientSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return s.name
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [s.organisation, text.label(s.status), f"{s.session_count} sessions held"]
            if s.last_session:
                parts.append(f"last {text.fmt_date(s.last_session.date())}")
            return " · ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.DecorationRole:
            return status_dot(s.status)
        if role == CLIENT_ID_ROLE:
            return s.id
        if role == STATUS_ROLE:
            return s.status.value
        if role == SEARCH_TEXT_ROLE:
            return f"{s.name} {s.organisation}".casefold()
        return None


class ClientFilterModel(QSortFilterProxyModel):
    """Text (name or organisation, any case) and a set of statuses."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._statuses: set[str] = {s.value for s in ClientStatus if s != ClientStatus.CLOSED}

    def set_text(self, value: str) -> None:
        self.beginFilterChange()
        self._text = value.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_statuses(self, statuses: set[ClientStatus]) -> None:
        self.beginFilterChange()
        self._statuses = {s.value for s in statuses}
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if model.data(index, STATUS_ROLE) not in self._statuses:
            return False
        return not self._text or self._text in str(model.data(index, SEARCH_TEXT_ROLE))
