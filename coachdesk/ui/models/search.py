"""Search results grouped by client: a two-level tree (client → matching records)."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coachdesk.vault.search import SearchHit

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row as rich text: the matched words in bold (drawn by search.HighlightDelegate)."""

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def readable_dates(text_: str) -> str:
    """ISO dates in a result title as the app writes dates elsewhere (18 Jun 2026)."""

    def replace(match: re.Match[str]) -> str:
        try:
            return date(*map(int, match.groups())).strftime("%d %b %Y")
        except ValueError:
            return match[0]

    return _ISO_DATE.sub(replace, text_)


_TOP = 0  # internalId of client rows; hits use client row + 1


class SearchResultsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[int, str, list[SearchHit]]] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        """Group by client, clients in order of their best hit."""
        groups: dict[int, tuple[int, str, list[SearchHit]]] = {}
        for hit in hits:
            groups.setdefault(hit.client_id, (hit.client_id, hit.client_name, []))[2].append(hit)
        self.beginResetModel()
        self._groups = list(groups.values())
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def hit_count(self) -> int:
        return sum(len(group[2]) for group in self._groups)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _TOP:
            return QModelIndex()
        if row < len(self._groups[parent.row()][2]):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._groups[parent.row()][2])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hit(self, index: Index) -> SearchHit | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self._groups[int(index.internalId()) - 1][2][index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            _client_id, name, hits = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{name}  ({len(hits)})"
            return None
        hit = self.hit(index)
        if hit is None:
            return None
        title = readable_dates(hit.title)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title} — {' '.join(hit.plain_snippet.split())}"
        if role == HTML_ROLE:
            snippet = "".join(
                f"<b>{html.escape(piece)}</b>" if match else html.escape(piece)
                for piece, match in hit.snippet_parts()
            )
            return f"{html.escape(title)} — {' '.join(snippet.split())}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return title
        if role == HIT_ROLE:
            return hit
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
