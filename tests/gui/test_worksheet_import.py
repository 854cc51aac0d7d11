"""Importing a filled-in worksheet in the app: review, edit one record, skip one, store;
File → Import worksheet… and a file dropped on the window open the same review."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.core.model import EmotionSource
from coachdesk.core.worksheets import WorksheetKind, row_field
from coachdesk.reports.worksheet_import import plan_import
from coachdesk.reports.worksheets import issue_worksheet
from coachdesk.ui.controller import VaultController
from coachdesk.ui.dialogs.worksheet import NewWorksheetDialog, WorksheetImportDialog
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.settings import AppSettings
from dialogs import when_modal
from worksheet_forms import fill_with_pypdf

TODAY = date(2026, 3, 1)


def _row(day: int, label: str) -> dict[str, str]:
    return {
        "occurred_at": f"2026-02-{day:02d} 09:00",
        "label": label,
        "pleasantness": "2",
        "energy": "-1",
        "intensity": "4",
        "situation": f"Situation {day}",
    }


def _filled(controller: VaultController, tmp_path: Path) -> Path:
    vault = controller.vault
    client_id = controller.client_id  # type: ignore[attr-defined]
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(
        issue_worksheet(
            vault.connection,
            vault.worksheet_key(),
            WorksheetKind.EMOTION_LOG,
            client_id,
            today=TODAY,
            rows=3,
        )
    )
    values: dict[str, str] = {}
    for row, (day, label) in enumerate(((25, "calm"), (26, "tense"), (27, "Ζήλια")), start=1):
        values |= {row_field(row, k): v for k, v in _row(day, label).items()}
    filled = tmp_path / "filled.pdf"
    fill_with_pypdf(blank, filled, values)
    return filled


def _worksheet_entries(controller: VaultController) -> list[tuple[str, str]]:
    entries = controller.store.emotions.for_client(controller.client_id)  # type: ignore[attr-defined]
    return sorted(
        (e.occurred_at.strftime("%d"), e.label)
        for e in entries
        if e.source == EmotionSource.WORKSHEET
    )


def _dialog(qtbot: QtBot, controller: VaultController, path: Path) -> WorksheetImportDialog:
    plan = plan_import(
        controller.vault.connection, controller.vault.worksheet_key(), path.read_bytes(),
        today=TODAY,
    )  # fmt: skip
    dialog = WorksheetImportDialog(controller, plan)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_edit_one_skip_one_and_store(
    qtbot: QtBot, controller: VaultController, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, controller, _filled(controller, tmp_path))
    assert dialog.records.count() == 3
    assert dialog.store_button.text() == "Store 3 records"
    # Edit the label of row 2, as typed.
    dialog.records.setCurrentRow(1)
    label = dialog.editor(1).widget("label")
    assert isinstance(label, QLineEdit) and label.isVisible() and label.text() == "tense"
    label.selectAll()
    qtbot.keyClicks(label, "anxious")
    situation = dialog.editor(1).widget("situation")
    assert isinstance(situation, QPlainTextEdit)
    # Skip row 3: untick it.
    dialog.records.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.store_button.text() == "Store 2 records"
    assert _worksheet_entries(controller) == []  # nothing written before Store
    qtbot.mouseClick(dialog.store_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == WorksheetImportDialog.DialogCode.Accepted
    assert dialog.stored == 2
    assert _worksheet_entries(controller) == [("25", "calm"), ("26", "anxious")]


def test_an_edit_that_breaks_a_rule_is_said_and_nothing_is_stored(
    qtbot: QtBot, controller: VaultController, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, controller, _filled(controller, tmp_path))
    editor = dialog.editor(0)
    label, situation = editor.widget("label"), editor.widget("situation")
    assert isinstance(label, QLineEdit) and isinstance(situation, QPlainTextEdit)
    label.clear()
    situation.clear()
    seen: list[str] = []

    def close_warning(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    when_modal(close_warning)
    qtbot.mouseClick(dialog.store_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert "needs a label" in seen[0] and "Nothing was stored" in seen[0]
    assert dialog.isVisible()  # the coach can fix it
    assert _worksheet_entries(controller) == []
    qtbot.keyClicks(label, "calm")
    qtbot.mouseClick(dialog.store_button, Qt.MouseButton.LeftButton)
    assert dialog.stored == 3


def test_a_file_dropped_on_the_window_is_reviewed_and_imported(
    qtbot: QtBot, controller: VaultController, settings: AppSettings, tmp_path: Path
) -> None:
    path = _filled(controller, tmp_path)
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    controller.unlocked.emit()
    assert win.worksheet_action.isEnabled()
    assert "Import worksheet" in win.worksheet_action.text()
    seen: list[int] = []

    def store_all(dialog: QWidget) -> None:
        assert isinstance(dialog, WorksheetImportDialog)
        seen.append(dialog.records.count())
        qtbot.mouseClick(dialog.store_button, Qt.MouseButton.LeftButton)

    when_modal(store_all)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, buttons, keys)
    enter.ignore()
    # Offscreen Qt has no drag session to route synthetic drag events through the
    # application, so they go to the window's own event handler, as a drag would.
    win.event(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, buttons, keys)
    win.event(drop)
    qtbot.waitUntil(lambda: len(_worksheet_entries(controller)) == 3)
    assert seen == [3]
    # The same file again: refused with a clear message, nothing added.
    warnings: list[str] = []

    def close_warning(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        warnings.append(box.text())
        box.accept()

    when_modal(close_warning)
    win.import_worksheet(path)
    assert warnings and "already imported" in warnings[0]
    assert len(_worksheet_entries(controller)) == 3


def test_other_drops_are_ignored(qapp: object, tmp_path: Path) -> None:
    from coachdesk.ui.window.commands import _dropped_pdf

    text = tmp_path / "notes.txt"
    text.write_text("x")
    for urls in ([QUrl.fromLocalFile(str(text))], [QUrl("https://example.org/a.pdf")], []):
        mime = QMimeData()
        mime.setUrls(urls)
        assert _dropped_pdf(mime) is None


def test_a_new_worksheet_is_made_from_the_file_menu(
    qtbot: QtBot, controller: VaultController, settings: AppSettings, tmp_path: Path
) -> None:
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    controller.unlocked.emit()
    win.select_client(controller.client_id)  # type: ignore[attr-defined]
    target = tmp_path / "for-the-client.pdf"

    def save_as(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(target))
        dialog.accept()

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, NewWorksheetDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData(WorksheetKind.SESSION_PREP.value))
        assert not dialog.rows.isEnabled()  # rows are for the emotion log only
        dialog.kind.setCurrentIndex(dialog.kind.findData(WorksheetKind.EMOTION_LOG.value))
        dialog.rows.setValue(2)
        qtbot.mouseClick(dialog.protect, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.password, "pdf pw")
        when_modal(save_as)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(choose)
    win.new_worksheet_action.trigger()
    qtbot.waitUntil(target.exists)
    reader = PdfReader(target)
    assert reader.is_encrypted and reader.decrypt("pdf pw")
    fields = reader.get_fields() or {}
    assert "row2.label" in fields and "row3.label" not in fields
    assert target.stat().st_mode & 0o077 == 0
