"""The smaller defects a new user met on a 13-inch laptop (issue 15, item 7), each
driven through the real window on the demo data (the screenshot tour's vault)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QMessageBox,
    QSizePolicy,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.reports import ReportKind
from coachdesk.ui.controller import VaultController
from coachdesk.ui.dialogs.passphrase import STRENGTH_COLOURS
from coachdesk.ui.dialogs.settings import SettingsDialog
from coachdesk.ui.main_window import WELCOME, WORKSPACE, MainWindow
from coachdesk.ui.models.search import HTML_ROLE, readable_dates
from coachdesk.ui.screenshots import DIALOGS, Tour, capture_modal
from coachdesk.ui.search import SearchDialog
from coachdesk.ui.settings import AppSettings
from coachdesk.vault.keys import TEST_KDF
from dialogs import when_modal
from testsupport import PASSPHRASE


@pytest.fixture
def tour(qapp: QApplication, tmp_path: Path) -> Tour:
    tour = Tour(tmp_path)
    tour.ensure_vault()
    yield tour  # type: ignore[misc]
    tour.controller.lock()
    tour.window.close()


def test_new_client_appears_once_and_icons_mean_what_they_say(tour: Tour) -> None:
    window = tour.window
    toolbar_texts = [a.text() for a in window.toolbar.actions()]
    assert not any("New client" in t for t in toolbar_texts)  # the button under the list
    visible = [b.text() for b in window.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    assert visible.count("New client") == 1
    assert window.lock_action.property("lineIcon") == "lock"  # not a red close cross
    assert window.archive_button.property("lineIcon") == "archive"  # not a floppy disk
    for item in (window.lock_action, window.archive_button, window.search_action):
        assert not item.icon().isNull()


def test_hint_without_clients_says_how_to_add_one(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings
) -> None:
    controller = VaultController(tmp_path / "v", kdf=TEST_KDF)
    controller.create(PASSPHRASE)
    window = MainWindow(controller, settings)
    qtbot.addWidget(window)
    window._on_unlocked()
    assert window.empty_hint.text().startswith("No clients yet")
    assert "left" not in window.empty_hint.text()
    controller.lock()


def test_recovery_code_is_shown_before_the_workspace_opens(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings
) -> None:
    window = MainWindow(VaultController(tmp_path / "v", kdf=TEST_KDF), settings)
    qtbot.addWidget(window)
    window.show()
    pages: list[int] = []

    def confirm(dialog: QWidget) -> None:
        pages.append(window.stack.currentIndex())
        dialog.findChild(QCheckBox, "storedCheck").setChecked(True)
        dialog.ok_button.click()  # type: ignore[attr-defined]

    when_modal(confirm)
    window._create_vault(PASSPHRASE)
    assert pages == [WELCOME]  # behind the dialog: the welcome page, no client list
    assert window.stack.currentIndex() == WORKSPACE
    window.controller.lock()


def test_export_question_offers_verbs_not_yes_no(tour: Tour) -> None:
    tour.client("Overview")
    seen: dict[str, list[str]] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        seen["buttons"] = [b.text() for b in dialog.buttons()]

    assert capture_modal(lambda: tour.window.request_report(ReportKind.CLIENT_EXPORT), look)
    buttons = seen["buttons"]
    assert "Include private notes" in buttons and "Export without private notes" in buttons
    assert not {"&Yes", "&No", "Yes", "No"} & set(buttons)


def test_strength_meter_is_coloured_and_its_advice_whole(tour: Tour) -> None:
    fields = tour.window.welcome.fields
    assert fields.meter.height() >= 8 or fields.meter.minimumHeight() >= 8
    fields.first.setText("ab")
    weak = fields.meter.styleSheet()
    fields.first.setText("four long random words here please")
    strong = fields.meter.styleSheet()
    assert STRENGTH_COLOURS[0] in weak and STRENGTH_COLOURS[-1] in strong
    assert fields.hint.wordWrap()


def test_no_backup_warning_on_the_welcome_page(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings
) -> None:
    window = MainWindow(VaultController(tmp_path / "none", kdf=TEST_KDF), settings)
    qtbot.addWidget(window)
    assert window.stack.currentIndex() == WELCOME
    assert window.backups.label.text() == ""


def test_empty_logs_have_no_scroll_bar_and_whole_headings(tour: Tour) -> None:
    """Marta has no feedback: its log is empty (the demo's "Intensit" / scroll bar)."""
    tour.client("Feedback")
    tab = tour.tab("Feedback")
    table = tab.findChild(QTableView, "feedbackLog") or tab.table  # type: ignore[attr-defined]
    assert table.model().rowCount() == 0
    assert table.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    for title in ("Emotions", "Feedback"):
        tour.client(title)
        table = tour.tab(title).table  # type: ignore[attr-defined]
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(table.model().columnCount() - 1):  # the last one stretches
            heading = str(table.model().headerData(column, Qt.Orientation.Horizontal))
            assert header.sectionSize(column) >= metrics.horizontalAdvance(heading), heading


def test_ctrl_e_shows_the_mood_meter(qtbot: QtBot, tour: Tour) -> None:
    tour.client("Emotions")
    tab = tour.tab("Emotions")
    scroll = tab._editor_scroll  # type: ignore[attr-defined]
    tab.table.selectRow(0)  # type: ignore[attr-defined]
    QApplication.processEvents()
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    assert scroll.verticalScrollBar().value() > 0  # the meter is out of view now
    tab.log_emotion()  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert scroll.verticalScrollBar().value() == 0
    meter = tab.editor.meter  # type: ignore[attr-defined]
    assert meter.visibleRegion().boundingRect().height() == meter.height()
    # ...and the entry is not at (0, 0): the meter asks where the feeling sits.
    assert meter.point() is None and meter.hasFocus()
    assert tab.current_entry().placed is False  # type: ignore[attr-defined]


def test_not_saved_line_keeps_its_room_while_hidden(tour: Tour) -> None:
    editor = tour.tab("Emotions").editor  # type: ignore[attr-defined]
    assert editor.status.sizePolicy().retainSizeWhenHidden()


def test_search_results_read_dates_and_show_matches_in_bold(tour: Tour) -> None:
    assert readable_dates("Feedback · Chair · 2026-06-18") == "Feedback · Chair · 18 Jun 2026"
    assert readable_dates("2026-13-45") == "2026-13-45"  # not a date: left alone
    dialog = SearchDialog(tour.controller, tour.window)
    dialog.query.setText("board")
    dialog.run_search()
    model = dialog.model
    group = model.index(0, 0)
    rows = [model.index(r, 0, group) for r in range(model.rowCount(group))]
    assert rows
    texts = [str(index.data()) for index in rows]
    assert not any(readable_dates(t) != t for t in texts)  # no ISO date left
    rich = [str(index.data(HTML_ROLE)) for index in rows]
    assert all("<b>" in r.lower() and "board</b>" in r.lower() for r in rich)
    assert "most recent" not in dialog.status.text()
    dialog.done(0)


def test_search_says_when_only_the_most_recent_matches_were_ranked(tour: Tour) -> None:
    dialog = SearchDialog(tour.controller, tour.window)
    dialog.query.setText("board")
    dialog.run_search()
    everything = dialog.model.rowCount(dialog.model.index(0, 0))
    assert everything > 2
    dialog.recent = 2
    dialog.run_search()
    assert dialog.status.text().endswith(
        "showing the best of the most recent 2 matching records (more words narrow the search)"
    )
    model = dialog.model
    shown = sum(model.rowCount(model.index(g, 0)) for g in range(model.rowCount()))
    assert shown == 2
    dialog.done(0)


def test_settings_numbers_are_not_stretched(qapp: QApplication, settings: AppSettings) -> None:
    dialog = SettingsDialog(settings)
    dialog.resize(700, 300)
    dialog.show()
    QApplication.processEvents()
    assert dialog.autolock.width() < 200 and dialog.backup_interval.width() < 200
    assert dialog.coach_name.width() > 400  # text still takes the room
    assert dialog.autolock.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Fixed
    dialog.close()


def test_change_passphrase_advice_is_not_cut(tour: Tour) -> None:
    from coachdesk.ui.dialogs.vault_dialogs import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(lambda _old, _new: None, tour.window)
    dialog.show()
    dialog.fields.first.setText("ab cd")
    QApplication.processEvents()
    hint = dialog.fields.hint
    assert hint.wordWrap() and hint.text()
    assert hint.width() >= hint.fontMetrics().horizontalAdvance(hint.text()) or (
        hint.height() > hint.fontMetrics().height()  # wrapped onto more lines
    )
    dialog.done(0)


@pytest.mark.parametrize("screen", ["preview-session", "dialog-attachment-viewer"])
def test_pdf_views_close_without_qt_warnings(tour: Tour, qtbot: QtBot, screen: str) -> None:
    """Closing a preview, or the attachment viewer on a PDF, printed
    "QObject::connect(QPdfDocument, QPdfLinkModel)"."""
    open_ = dict(DIALOGS)[screen]
    messages: list[str] = []
    from PySide6.QtCore import qInstallMessageHandler

    previous = qInstallMessageHandler(lambda _kind, _ctx, text: messages.append(text))
    try:
        assert capture_modal(lambda: open_(tour), lambda d: None)
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in messages if "QPdf" in m], messages


def test_a_cell_cut_short_shows_its_whole_text_on_hover(tour: Tour, qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QStyleOptionViewItem, QToolTip

    from coachdesk.ui.layout import FullTextTips

    tour.client("Sessions")
    table = tour.tab("Sessions").findChild(QTableView, "sessionList")
    assert isinstance(table.itemDelegate(), FullTextTips)
    model = table.model()
    # a cell made narrow, with a long text and no tooltip of its own: the date column
    column = 0
    table.horizontalHeader().setSectionResizeMode(
        column, table.horizontalHeader().ResizeMode.Interactive
    )
    table.setColumnWidth(column, 30)
    index = model.index(0, column)
    assert not index.data(Qt.ItemDataRole.ToolTipRole)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.rect = table.visualRect(index)
    event = QHelpEvent(
        QHelpEvent.Type.ToolTip, QPoint(5, 5), table.viewport().mapToGlobal(QPoint(5, 5))
    )
    assert table.itemDelegate().helpEvent(event, table, option, index)
    assert QToolTip.isVisible() and QToolTip.text() == str(index.data())
    QToolTip.hideText()
