"""Accessibility basics (issue 15, item 9): every input has a name a screen reader
reads out, on every page, tab and dialog of the screenshot tour."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
    QWidget,
)

from coachdesk.ui.screenshots import Tour, walk

INPUTS = (
    QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox,
    QSlider, QAbstractItemView,
)  # fmt: skip


def accessible_name(widget: QWidget) -> str:
    """What assistive technology reads as the widget's name (its own, a buddy label's,
    its text...), through Qt's accessibility interface."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def is_part_of_another(widget: QWidget) -> bool:
    """Pieces Qt builds inside a control (a spin box's line edit, a clear button, a
    table's header), named through the control they belong to."""
    parent = widget.parentWidget()
    return (
        widget.objectName().startswith("qt_")
        or isinstance(widget, QHeaderView)
        or isinstance(parent, QLineEdit | QAbstractSpinBox | QComboBox)
    )


def unnamed_inputs(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if (
            isinstance(widget, INPUTS)
            and widget.isVisible()
            and not is_part_of_another(widget)
            and not accessible_name(widget)
        ):
            found.append(f"{type(widget).__name__} {widget.objectName() or '(no object name)'}")
    return found


def test_every_input_on_every_screen_has_an_accessible_name(
    qapp: QApplication, tmp_path: Path
) -> None:
    tour = Tour(tmp_path)
    unnamed: dict[str, list[str]] = {}

    def visit(name: str, widget: QWidget) -> None:
        missing = unnamed_inputs(widget)
        if missing:
            unnamed[name] = missing

    assert not walk(tour, visit)
    tour.controller.lock()
    assert not unnamed


def test_the_check_sees_an_unnamed_field(qapp: QApplication) -> None:
    page = QWidget()
    field = QLineEdit(page)
    field.setObjectName("nameless")
    page.show()
    assert unnamed_inputs(page) == ["QLineEdit nameless"]
    field.setAccessibleName("Client name")
    assert unnamed_inputs(page) == []
    page.close()


def test_main_flow_from_the_keyboard_alone(qapp: QApplication, tmp_path: Path) -> None:
    """Unlock, new client, new session, type a summary, lock: every step a key press
    sent to whatever has the keyboard focus, never a click."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from coachdesk.ui.main_window import UNLOCK, WORKSPACE
    from coachdesk.ui.screenshots import PASSPHRASE, settle
    from dialogs import when_modal

    tour = Tour(tmp_path)
    tour.locked()
    window = tour.window
    window.activateWindow()
    settle()

    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def keys(text: str) -> None:
        QTest.keyClicks(focus(), text)

    def key(name: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(focus(), name, modifiers)
        settle()

    assert window.stack.currentIndex() == UNLOCK
    keys(PASSPHRASE)
    key(Qt.Key.Key_Return)
    assert window.stack.currentIndex() == WORKSPACE

    focused: list[str] = []

    def name_the_client(dialog: QWidget) -> None:
        dialog.activateWindow()  # as a window manager would
        settle()
        field = QApplication.focusWidget()
        focused.append(field.objectName() if field is not None else "")
        if field is None or field.objectName() != "clientName":
            dialog.reject()  # fail below, not hang here
            return
        QTest.keyClicks(field, "Keyboard Client")
        QTest.keyClick(field, Qt.Key.Key_Return)  # the default button: Add client

    when_modal(name_the_client)
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focused == ["clientName"]
    window.activateWindow()
    settle()
    names = [s.name for s in tour.controller.store.clients.summaries()]
    assert "Keyboard Client" in names
    # To the Sessions tab: Ctrl+Page Down (from anywhere in the window) until current.
    for _ in range(len(window.tab_pages)):
        if window.tabs.currentWidget().title == "Sessions":  # type: ignore[attr-defined]
            break
        key(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget().title == "Sessions"  # type: ignore[attr-defined]
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle(400)  # a button's shortcut animates its click first
    assert focus().objectName() == "agenda"
    keys("Goals for the quarter")
    key(Qt.Key.Key_Tab)  # on to the shared summary
    assert focus().objectName() == "sharedSummary"
    keys("We agreed on three priorities.")
    key(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == UNLOCK
    tour.controller.unlock(PASSPHRASE)
    client = next(
        s.id for s in tour.controller.store.clients.summaries() if s.name == "Keyboard Client"
    )
    [session] = tour.controller.store.sessions.for_client(client)
    assert session.shared_summary == "We agreed on three priorities."
    assert session.agenda == "Goals for the quarter"
    tour.controller.lock()
