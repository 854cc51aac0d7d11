"""Layout helpers shared by the workspace tabs: forms, labels, hints, pages that scroll.

The widgets themselves (notes, optional dates, cards) are in :mod:`coachdesk.ui.widgets`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QHelpEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from coachdesk.ui.widgets import NoteEdit, section_title

_Standard = QDialogButtonBox.StandardButton


def dialog_buttons(
    dialog: QDialog,
    ok_text: str = "",
    *,
    on_ok: Callable[[], None] | None = None,
    ok: _Standard = _Standard.Ok,
    cancel: bool = True,
    enabled: bool = True,
    name: str = "",
) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's OK (or Save) and Cancel row, with the OK button named for what it does.

    ``on_ok`` runs on OK (default: accept the dialog; a dialog that may refuse, such as a
    wrong passphrase, passes its own); Cancel and Escape reject. Returns the box and its
    OK button, for the dialog to enable as its fields fill in.
    """
    # No parent yet: the dialog's layout adopts the box, so its buttons come after the
    # fields in the Tab order (a parent now would put them first).
    buttons = QDialogButtonBox(ok | _Standard.Cancel if cancel else ok)
    button = buttons.button(ok)
    if ok_text:
        button.setText(ok_text)
    if name:
        button.setObjectName(name)
    button.setEnabled(enabled)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, button


def tab_order(*widgets: QWidget) -> None:
    """Tab visits ``widgets`` in this order (as they read on screen), whatever order they
    were made in; a widget made after the layout is otherwise visited last."""
    for before, after in itertools.pairwise(widgets):
        QWidget.setTabOrder(before, after)


def error_label(parent: QWidget) -> QLabel:
    """Where a dialog says what went wrong, in its own words and wrapped (empty until then;
    the app's stylesheet colours ``#error``)."""
    label = QLabel(parent)
    label.setObjectName("error")
    label.setWordWrap(True)
    return label


def form_layout() -> QFormLayout:
    """A form of one section of a page: labels right-aligned, fields as wide as it is."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    form.setContentsMargins(0, 0, 0, 0)
    return form


class LabelColumn:
    """The field labels of several forms on one page, made equally wide so every field
    starts at the same x and the page reads as one form."""

    def __init__(self) -> None:
        self._labels: list[QLabel] = []

    def label(self, text_: str, buddy: QWidget | None = None) -> QLabel:
        label = QLabel(text_)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if buddy is not None:
            label.setBuddy(buddy)
        self._labels.append(label)
        return label

    def align(self) -> None:
        width = max((label.sizeHint().width() for label in self._labels), default=0)
        for label in self._labels:
            label.setMinimumWidth(width)


def buddy_label(text_: str, buddy: QWidget) -> QLabel:
    """A label whose mnemonic (Alt+letter) moves the cursor into ``buddy``."""
    label = QLabel(text_)
    label.setBuddy(buddy)
    return label


def with_hint(field: QWidget | QLayout, explanation: QLabel) -> QVBoxLayout:
    """A field with its explanation right under it (a form row of its own sits too far)."""
    box = QVBoxLayout()
    box.setSpacing(4)
    if isinstance(field, QLayout):
        box.addLayout(field)
    else:
        box.addWidget(field)
    box.addWidget(explanation)
    return box


def title(text_: str) -> QLabel:
    """A section title, bold until the app's stylesheet styles ``#sectionTitle``."""
    label = section_title(text_)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.08)
    label.setFont(font)
    label.setIndent(0)  # a stylesheet margin would otherwise indent it by half an "x"
    label.setContentsMargins(0, 6, 0, 0)
    return label


def add_section(page: QVBoxLayout, heading: str, content: QWidget | QLayout) -> None:
    """A titled section at the end of a page: its :func:`title`, then its content."""
    page.addWidget(title(heading))
    if isinstance(content, QLayout):
        page.addLayout(content)
    else:
        page.addWidget(content)


def hint(text_: str) -> QLabel:
    """A quiet explanatory line under a field."""
    label = QLabel(text_)
    label.setObjectName("hint")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    return label


def line_edit(object_name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setPlaceholderText(placeholder)
    return edit


def note(object_name: str, placeholder: str = "", lines: int = 4) -> NoteEdit:
    """A note on a scrolling page: at least ``lines`` high, growing with its text."""
    edit = NoteEdit(placeholder)
    edit.setObjectName(object_name)
    fit_lines(edit, lines)
    return edit


def fit_lines(edit: QPlainTextEdit, lines: int, most: int = 18) -> None:
    """Size a note to its text, between ``lines`` and ``most`` lines: the page scrolls,
    so short notes stay compact and long ones do not hide in a tiny box."""
    spacing = edit.fontMetrics().lineSpacing()
    frame = 2 * edit.frameWidth() + round(2 * edit.document().documentMargin()) + 2
    layout = edit.document().documentLayout()

    def fit() -> None:
        count = round(layout.documentSize().height())  # lines, for a plain-text layout
        edit.setFixedHeight(min(max(count, lines), most) * spacing + frame)

    layout.documentSizeChanged.connect(lambda _size: fit())
    edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    fit()


def scroll_area(object_name: str = "") -> QScrollArea:
    """A frameless scroll area whose page grows with it (set the page with setWidget)."""
    scroll = QScrollArea()
    if object_name:
        scroll.setObjectName(object_name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    return scroll


def record_table(
    model: QAbstractItemModel, object_name: str = "", *, plain: bool = False
) -> QTableView:
    """A read-only table of records, selected one whole row at a time.

    ``plain``: no grid, left-aligned headers that never highlight (a list on a page)."""
    view = QTableView()
    if object_name:
        view.setObjectName(object_name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setItemDelegate(FullTextTips(view))
    view.verticalHeader().hide()
    if plain:
        view.setShowGrid(False)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


class FullTextTips(QStyledItemDelegate):
    """A cell cut short with "…" shows its whole text when hovered (unless the model
    gives a tooltip of its own): a narrow laptop window cuts many cells."""

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip and not index.data(Qt.ItemDataRole.ToolTipRole):
            text_ = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            rect = option.rect  # the cell, as the view laid it out
            margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 4
            if text_ and option.fontMetrics.horizontalAdvance(text_) + margin > rect.width():
                QToolTip.showText(event.globalPos(), text_, view)
                return True
            QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)


class WheelGuard(QObject):
    """Lets the page scroll under the mouse wheel without changing a rating, date or
    choice the pointer passes over (an autosaved edit the coach never meant); a field
    the coach clicked into still takes the wheel."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()  # passes on to the scroll area
            return True
        return False

    def guard(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(self)
