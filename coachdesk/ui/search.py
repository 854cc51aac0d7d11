"""Global search (Ctrl+K / Ctrl+F): results as you type, grouped by client."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.ui.controller import VaultController
from coachdesk.ui.models.search import HTML_ROLE, SearchResultsModel
from coachdesk.ui.screen import size_to_screen
from coachdesk.vault.search import RECENT_BOUND, SearchHit, SearchHits, search

TYPING_DELAY_MS = 150


class HighlightDelegate(QStyledItemDelegate):
    """Draws a result row with the matched words in bold (its ``HTML_ROLE``); rows
    without it (the client headings) are drawn as usual."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rich = index.data(HTML_ROLE)
        if not rich:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        document = QTextDocument()
        document.setDefaultFont(item.font)
        document.setDocumentMargin(0)
        document.setHtml(rich)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(role))
        painter.save()
        painter.translate(area.left(), area.top() + (area.height() - document.size().height()) / 2)
        painter.setClipRect(area.translated(-area.left(), -area.top()))
        document.documentLayout().draw(painter, context)
        painter.restore()


class SearchDialog(QDialog):
    """Type to search; Enter or double-click opens the record at the match."""

    hit_chosen = Signal(object)  # SearchHit

    recent: int | None = RECENT_BOUND
    """Rank at most this many of the newest matches as the coach types (see search)."""

    def __init__(self, controller: VaultController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search")
        self.controller = controller
        self.query = QLineEdit(self)
        self.query.setObjectName("searchQuery")
        self.query.setAccessibleName("Search")
        self.query.setPlaceholderText("Search notes, summaries, contracts, emotions, feedback…")
        self.query.setClearButtonEnabled(True)
        self.model = SearchResultsModel(self)
        self.results = QTreeView(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Results")
        self.results.setModel(self.model)
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setItemDelegate(HighlightDelegate(self.results))
        self.results.doubleClicked.connect(self._open)
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self._open_current)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        size_to_screen(self, QSize(720, 480))

    def run_search(self) -> None:
        self._timer.stop()
        if not self.controller.is_unlocked:  # locked while the coach was typing
            self.model.clear()
            return
        text = self.query.text()
        hits = (
            search(self.controller.store.conn, text, limit=100, recent=self.recent)
            if text.strip()
            else SearchHits()
        )
        self.model.set_hits(hits)
        self.results.expandAll()
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0, self.model.index(0, 0)))
        said = "" if not text.strip() else f"{len(hits)} match{'es' if len(hits) != 1 else ''}"
        if hits.ranked_among is not None:
            said += (
                f" · showing the best of the most recent {hits.ranked_among:,} matching "
                "records (more words narrow the search)"
            )
        self.status.setText(said)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.query.hasFocus():
            self.results.setFocus()
            self.results.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _open_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        self._open(self.results.currentIndex())

    def _open(self, index: QModelIndex) -> None:
        hit: SearchHit | None = self.model.hit(index)
        if hit is None:
            return
        self.hit_chosen.emit(hit)
        self.accept()

    def done(self, result: int) -> None:
        self.model.clear()
        self.query.clear()
        self._timer.stop()  # clearing the query started it; nothing is left to search
        super().done(result)
