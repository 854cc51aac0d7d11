"""Two-way binding between editor widgets and one domain record, with autosave.

An editor declares which widget edits which field once; the binder fills the widgets
when a record is shown (without triggering a save), writes each change into the record,
and asks the :class:`~coachdesk.ui.autosave.Autosaver` to save. Editors therefore hold
no business rules: the record is validated and stored by the repository. Showing
another record also forgets the undo history of the text fields, so Ctrl+Z never brings
back the text of a record that is no longer shown.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolTip,
    QWidget,
)

from coachdesk.core.limits import max_length
from coachdesk.ui import text
from coachdesk.ui.widgets import OptionalDateEdit

_QT_DEFAULT_MAX_LENGTH = 32767


class RecordBinder(QObject):
    """Binds widgets to attributes of the current record.

    After another record is shown, a line edit's cursor stays where loading put it (at
    the start of new text, so long text shows its start), or with ``cursor_at_end`` goes
    to the end of the text (ready to add to it, as the Profile and Sessions forms do)."""

    changed = Signal(str)  # the field that the coach changed
    too_long = Signal(str, int)  # a field, its limit: typed or pasted text did not fit

    def __init__(self, parent: QObject | None = None, *, cursor_at_end: bool = False) -> None:
        super().__init__(parent)
        self._cursor_at_end = cursor_at_end
        self._record: Any = None
        self._loading = False
        self._loaders: list[Callable[[Any], None]] = []
        self._widgets: list[QWidget] = []
        self._texts: list[QLineEdit | QPlainTextEdit] = []
        self._text_fields: list[tuple[QLineEdit | QPlainTextEdit, str]] = []

    @property
    def record(self) -> Any:
        return self._record

    def set_record(self, record: Any) -> None:
        """Show ``record`` (None: empty and disabled) without reporting changes.

        A different record (not a fresh copy of the shown one) starts every text field
        with no undo history: Ctrl+Z must not bring back the previous record's text."""
        another = not self._is_shown(record)
        self._record = record
        self._loading = True
        try:
            for load in self._loaders:
                load(record)
        finally:
            self._loading = False
        for widget in self._widgets:
            widget.setEnabled(record is not None)
        if another:
            self._forget_undo()

    def _is_shown(self, record: Any) -> bool:
        """``record`` is the shown record, or the same stored record read again."""
        shown = self._record
        if record is shown:
            return True
        if record is None or shown is None or type(record) is not type(shown):
            return False
        key = getattr(record, "id", None)
        return key is not None and key == getattr(shown, "id", None)

    def _forget_undo(self) -> None:
        for widget in self._texts:
            if isinstance(widget, QPlainTextEdit):
                widget.document().clearUndoRedoStacks()
            else:
                cursor = widget.cursorPosition()
                widget.setText(widget.text())  # resets its history; the cursor goes to the end
                if not self._cursor_at_end:
                    widget.setCursorPosition(cursor)

    def _set(self, field: str, value: Any) -> None:
        if self._loading or self._record is None:
            return
        if getattr(self._record, field) == value:
            return
        setattr(self._record, field, value)
        self.changed.emit(field)

    def _add(self, widget: QWidget, load: Callable[[Any], None]) -> None:
        self._widgets.append(widget)
        self._loaders.append(load)

    def custom(self, widget: QWidget, load: Callable[[Any], None]) -> None:
        """Bind a widget of a kind not covered below (a slider, a picker, a combo of
        plain strings): ``load`` fills it from the record (None when there is none);
        the widget's own change handler reports the coach's choice with :meth:`update`."""
        self._add(widget, load)

    def update(self, field: str, value: Any) -> None:
        """The coach set ``field`` in a :meth:`custom` widget (ignored while loading)."""
        self._set(field, value)

    # -- widget kinds --------------------------------------------------------------

    def text(self, widget: QLineEdit | QPlainTextEdit, field: str) -> None:
        """Bind a text field, held to its maximum length from :mod:`coachdesk.core.limits`:
        a line edit refuses longer input, a note cuts a longer paste to size; both then
        emit :attr:`too_long` and show why in a tooltip. Text already stored longer (from
        an older version) is shown whole and may shrink, never grow."""
        self._texts.append(widget)
        self._text_fields.append((widget, field))
        allowed = {"length": 0}

        def limit_for(record: Any, value: str) -> int:
            if record is None:
                return 0
            allowed["length"] = max(max_length(type(record), field), len(value))
            return allowed["length"]

        if isinstance(widget, QLineEdit):
            line = widget

            def load_line(record: Any) -> None:
                value = "" if record is None else getattr(record, field)
                most = limit_for(record, value) or _QT_DEFAULT_MAX_LENGTH
                if line.maxLength() != most:  # setting it moves the cursor to the end
                    line.setMaxLength(most)
                if line.text() != value:
                    line.setText(value)
                    line.setCursorPosition(0)  # show the start of long text, not its end

            line.textEdited.connect(lambda value: self._set(field, value))
            line.inputRejected.connect(lambda: self._too_long(line, field, allowed["length"]))
            self._add(line, load_line)
            return
        note = widget

        def load_note(record: Any) -> None:
            value = "" if record is None else getattr(record, field)
            limit_for(record, value)
            if note.toPlainText() != value:
                note.setPlainText(value)

        def note_changed() -> None:
            value = note.toPlainText()
            if not self._loading and self._record is not None and len(value) > allowed["length"]:
                _cut_to(note, value, allowed["length"])  # changes the text again: saved then
                self._too_long(note, field, allowed["length"])
                return
            self._set(field, value)

        note.textChanged.connect(note_changed)
        self._add(note, load_note)

    def text_fields(self) -> list[tuple[QLineEdit | QPlainTextEdit, str]]:
        """Each bound text widget and the record field it edits (for checks and tests)."""
        return list(self._text_fields)

    def _too_long(self, widget: QWidget, field: str, limit: int) -> None:
        message = f"This field holds at most {limit:,} characters; the rest was not added."
        QToolTip.showText(widget.mapToGlobal(QPoint(0, 0)), message, widget)
        self.too_long.emit(field, limit)

    def integer(self, widget: QSpinBox, field: str, *, optional: bool = False) -> None:
        """Optional integers use the spin box's minimum as "not set" (specialValueText)."""
        if optional:
            widget.setMinimum(widget.minimum() - 1)
            widget.setSpecialValueText("—")
        empty = widget.minimum()

        def load(record: Any) -> None:
            value = None if record is None else getattr(record, field)
            widget.setValue(empty if value is None else int(value))

        def changed(value: int) -> None:
            self._set(field, None if optional and value == empty else value)

        widget.valueChanged.connect(changed)
        self._add(widget, load)

    def number(self, widget: QDoubleSpinBox, field: str) -> None:
        """Optional float; the minimum is "not set"."""
        widget.setMinimum(widget.minimum() - 1)
        widget.setSpecialValueText("—")
        empty = widget.minimum()

        def load(record: Any) -> None:
            value = None if record is None else getattr(record, field)
            widget.setValue(empty if value is None else float(value))

        widget.valueChanged.connect(lambda v: self._set(field, None if v == empty else float(v)))
        self._add(widget, load)

    def date(self, widget: OptionalDateEdit, field: str) -> None:
        def load(record: Any) -> None:
            widget.set_value(None if record is None else getattr(record, field))

        widget.dateChanged.connect(lambda _d: self._set(field, widget.value()))
        self._add(widget, load)

    def datetime(self, widget: QDateTimeEdit, field: str) -> None:
        def load(record: Any) -> None:
            if record is not None:
                widget.setDateTime(getattr(record, field))

        widget.dateTimeChanged.connect(
            lambda value: self._set(field, value.toPython().replace(second=0, microsecond=0))
        )
        self._add(widget, load)

    def choice(self, widget: QComboBox, field: str, choices: type[StrEnum]) -> None:
        if widget.count() == 0:
            for member in choices:
                widget.addItem(text.label(member), member.value)

        def load(record: Any) -> None:
            if record is not None:
                widget.setCurrentIndex(widget.findData(getattr(record, field).value))

        def changed(index: int) -> None:
            if index >= 0:
                self._set(field, choices(widget.itemData(index)))

        widget.currentIndexChanged.connect(changed)
        self._add(widget, load)

    def flag(self, widget: QCheckBox, field: str) -> None:
        def load(record: Any) -> None:
            widget.setChecked(bool(record is not None and getattr(record, field)))

        widget.toggled.connect(lambda value: self._set(field, bool(value)))
        self._add(widget, load)


def _cut_to(note: QPlainTextEdit, value: str, limit: int) -> None:
    """Remove everything after ``limit`` characters, as one more undoable edit."""
    cursor = QTextCursor(note.document())
    cursor.setPosition(len(value[:limit].encode("utf-16-le")) // 2)  # Qt counts UTF-16 units
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
