"""The agenda page ("Today"): the practice at a glance, across every client.

Shown after unlocking when no client is open, and from the Today button (Ctrl+T) at any
time. It only displays :func:`coachdesk.vault.agenda.build_agenda`: what belongs on it
and why is decided there. Every row is a button that opens its record.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coachdesk.ui.layout import scroll_area
from coachdesk.ui.widgets import CARD_STYLE
from coachdesk.vault.agenda import (
    EMPTY,
    TITLES,
    Agenda,
    AgendaItem,
    AgendaKind,
    build_agenda,
    lead,
)
from coachdesk.vault.db import Connection

ROWS_SHOWN = 40
"""Rows a card shows; the rest are counted ("… and 12 more") so a practice with years of
overdue items still opens at once."""
CLIENT_COLUMN_MAX = 170
"""Widest the client column of a card gets, in pixels; longer names are shortened."""

# Left column: what happens when; right column: what needs a decision.
_LEFT = (AgendaKind.SESSIONS, AgendaKind.AWAITING, AgendaKind.ACTIONS)
_RIGHT = (
    AgendaKind.AT_RISK,
    AgendaKind.MILESTONES,
    AgendaKind.CONTRACTS,
    AgendaKind.RETENTION,
)

_TWO_LINES = frozenset(
    {AgendaKind.ACTIONS, AgendaKind.MILESTONES, AgendaKind.AT_RISK, AgendaKind.CONTRACTS}
)
"""Kinds whose text is long: it goes on a second line under the client's name."""

_STYLE = (
    CARD_STYLE
    + """
QPushButton#agendaRow {
    text-align: left; border: none; border-radius: 4px; padding: 5px 6px;
    background: transparent;
}
QPushButton#agendaRow:hover, QPushButton#agendaRow:focus { background: palette(alternate-base); }
QLabel#agendaLead { color: palette(placeholder-text); }
QLabel#agendaLead[urgent="true"] { color: #b3261e; font-weight: 600; }
QLabel#agendaClient { font-weight: 600; }
QLabel#agendaCount {
    background: palette(midlight); border-radius: 8px; padding: 0 7px; font-weight: 600;
}
QLabel#agendaCount[urgent="true"] { background: #f6d5d2; color: #8c1d18; }
QLabel#agendaTitle { font-size: 18pt; font-weight: 600; }
QLabel#agendaDate { color: palette(placeholder-text); font-size: 11pt; }
"""
)


def _label(text_: str, name: str) -> QLabel:
    """A label styled by its object name (the page's stylesheet keys on the names)."""
    label = QLabel(text_)
    label.setObjectName(name)
    return label


class ElidedLabel(QLabel):
    """One line that shortens itself with "…" to the room it gets (the full text is in
    the row's tooltip), so a long action item never pushes the page wider."""

    def __init__(self, full: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full = full
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.setText(full)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self.full, Qt.TextElideMode.ElideRight, self.width()))


class AgendaRow(QPushButton):
    """A row: when (or how bad), the client, what it is; a click opens the record."""

    def __init__(
        self, item: AgendaItem, today: date, widths: tuple[int, int], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("agendaRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        first = lead(item, today)
        self.full_text = " · ".join(p for p in (first, item.client_name, item.text) if p)
        self.setAccessibleName(self.full_text)
        self.setToolTip(f"{self.full_text}\n\nClick to open {item.client_name}.")
        row = QGridLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.setHorizontalSpacing(10)
        row.setVerticalSpacing(1)
        self.lead = _label(first, "agendaLead")
        self.lead.setProperty("urgent", item.urgent)
        self.lead.setFixedWidth(widths[0])
        self.client = ElidedLabel(item.client_name)
        self.client.setObjectName("agendaClient")
        self.client.setFixedWidth(widths[1])
        self.client.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.what = ElidedLabel(item.text)
        self.what.setObjectName("agendaText")
        for label in (self.lead, self.client, self.what):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(self.lead, 0, 0)
        row.addWidget(self.client, 0, 1)
        if item.kind in _TWO_LINES:  # long texts get the whole width, under the name
            self.what.setProperty("secondLine", True)
            row.addWidget(self.what, 1, 1, 1, 2)
        else:
            row.addWidget(self.what, 0, 2)
        row.setColumnStretch(2, 1)
        self.setMinimumHeight(row.sizeHint().height())

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()


class AgendaSection(QFrame):
    """One card: the section's title, how many rows, and the rows."""

    def __init__(self, kind: AgendaKind, page: AgendaPage) -> None:
        super().__init__(page)
        self.kind = kind
        self.page = page
        self.setObjectName("card")
        self.setProperty("agendaKind", kind.value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(2)
        heading = QHBoxLayout()
        self.count = _label("0", "agendaCount")
        heading.addWidget(_label(TITLES[kind], "sectionTitle"))
        heading.addWidget(self.count)
        heading.addStretch(1)
        layout.addLayout(heading)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(0)
        layout.addLayout(self.rows)
        self.empty = _label(EMPTY[kind], "cardHint")
        self.more = _label("", "cardHint")
        layout.addWidget(self.empty)
        layout.addWidget(self.more)
        self.buttons: list[AgendaRow] = []

    def show_items(self, items: list[AgendaItem], today: date) -> None:
        for button in self.buttons:
            button.setParent(None)
            button.deleteLater()
        self.buttons = []
        # Columns line up within a card: as wide as the widest lead (bold, as urgent ones
        # are drawn) and client name, the name capped so the text keeps its room.
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        shown, hidden = items[:ROWS_SHOWN], len(items) - ROWS_SHOWN
        lead_width = max((metrics.horizontalAdvance(lead(i, today)) for i in shown), default=0)
        name_width = max((metrics.horizontalAdvance(i.client_name) for i in shown), default=0)
        widths = (lead_width + 6, min(name_width + 6, CLIENT_COLUMN_MAX))
        self.more.setText(f"… and {hidden} more" if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        for item in shown:
            button = AgendaRow(item, today, widths, self)
            button.clicked.connect(lambda _checked=False, it=item: self.page.open_item(it))
            self.rows.addWidget(button)
            self.buttons.append(button)
        self.count.setText(str(len(items)))
        urgent = any(item.urgent for item in items)
        self.count.setProperty("urgent", urgent)
        self.count.style().unpolish(self.count)
        self.count.style().polish(self.count)
        self.empty.setVisible(not items)


class AgendaPage(QWidget):
    """Sessions, commitments and warnings of the whole practice, for one day."""

    open_requested = Signal(object)
    """An :class:`AgendaItem` whose record the coach wants to open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPage")
        self.setStyleSheet(_STYLE)
        self.agenda: Agenda | None = None

        self.title = _label("Today", "agendaTitle")
        self.date_label = _label("", "agendaDate")
        self.hint = _label("Select a client on the left, or add one with Ctrl+N.", "hint")
        self.hint.setWordWrap(True)  # a long hint wraps; it never widens the window
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.title)
        header.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBaseline)
        header.addStretch(1)
        header.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignBaseline)

        # In the order they read (the left column, then the right): a section's rows are
        # made in this order, and Tab visits them in the order they are made.
        self.sections = {kind: AgendaSection(kind, self) for kind in (*_LEFT, *_RIGHT)}
        columns = QGridLayout()
        columns.setHorizontalSpacing(12)
        for column, kinds in enumerate((_LEFT, _RIGHT)):
            box = QVBoxLayout()
            box.setSpacing(12)
            for kind in kinds:
                box.addWidget(self.sections[kind])
            box.addStretch(1)
            columns.addLayout(box, 0, column)
            columns.setColumnStretch(column, 1)

        body = QWidget()
        body.setObjectName("agendaBody")
        inner = QVBoxLayout(body)
        inner.setContentsMargins(4, 0, 4, 8)
        inner.addLayout(columns)
        inner.addStretch(1)
        scroll = scroll_area("agendaScroll")
        scroll.setWidget(body)
        self._scroll = scroll
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)

    def refresh(self, conn: Connection, today: date, now: datetime | None = None) -> None:
        """Rebuild from the vault (a few queries, well under a tenth of a second)."""
        self.show_agenda(build_agenda(conn, today, now))

    def show_loading(self) -> None:
        """Right after unlocking the window is painted first and the day's rows follow
        at once (:meth:`MainWindow._on_unlocked`); meanwhile no section claims to be
        empty."""
        self.agenda = None
        self.date_label.setText("Loading…")
        self._scroll.setVisible(False)

    def show_agenda(self, agenda: Agenda) -> None:
        self._scroll.setVisible(True)
        self.agenda = agenda
        day = agenda.today
        self.date_label.setText(f"{day:%A} {day.day} {day:%B %Y}")
        for kind, section in self.sections.items():
            section.show_items(agenda.sections.get(kind, []), agenda.today)

    def clear(self) -> None:
        """Forget every client detail (after lock)."""
        self._scroll.setVisible(True)
        self.agenda = None
        self.date_label.clear()
        for section in self.sections.values():
            section.show_items([], date.today())

    def rows(self, kind: AgendaKind) -> list[AgendaRow]:
        return list(self.sections[kind].buttons)

    def open_item(self, item: AgendaItem) -> None:
        self.open_requested.emit(item)
