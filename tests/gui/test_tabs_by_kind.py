"""Tabs are found by what they hold (``record_kinds``), never by their title: every kind
of record search can return has its tab, and a search hit opens it and selects the
record even when every tab is renamed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.core.model import EmotionEntry, FeedbackEntry, Milestone, Session
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import MainWindow, default_tab_classes
from coachdesk.ui.settings import AppSettings
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.search import RecordKind, search
from dialogs import when_modal
from testsupport import PASSPHRASE, sample_engagement

MARK = "Quokkalantern"  # in one record only: the search's one hit


def test_every_kind_search_can_return_has_exactly_one_tab(
    controller: VaultController,
) -> None:
    indexed = {
        RecordKind(int(row[0]))
        for row in controller.store.conn.execute("SELECT DISTINCT kind FROM search_index")
    }
    assert indexed  # the sample engagement is indexed
    for kind in {*RecordKind, *indexed}:  # a hit's kind is a RecordKind, always
        holders = [cls.__name__ for cls in default_tab_classes() if kind in cls.record_kinds]
        assert len(holders) == 1, f"{kind.name} is shown by {holders or 'no tab'}"


def add_marked(controller: VaultController, client_id: int, kind: RecordKind) -> None:
    store = controller.store
    if kind == RecordKind.SESSION:
        store.sessions.save(
            Session(client_id=client_id, started_at=datetime(2026, 2, 2, 10), agenda=MARK)
        )
    elif kind == RecordKind.MILESTONE:
        contract = store.contracts.for_client(client_id)
        assert contract is not None
        contract.milestones.append(Milestone(title=MARK))
        store.contracts.save(contract)
    elif kind == RecordKind.FEEDBACK:
        store.feedback.save(
            FeedbackEntry(
                client_id=client_id, received_on=date(2026, 2, 3), observed_behaviour=MARK
            )
        )
    elif kind == RecordKind.EMOTION:
        store.emotions.save(
            EmotionEntry(client_id=client_id, occurred_at=datetime(2026, 2, 4, 9), situation=MARK)
        )


@pytest.mark.parametrize(
    "kind",
    [RecordKind.SESSION, RecordKind.MILESTONE, RecordKind.FEEDBACK, RecordKind.EMOTION],
    ids=lambda kind: kind.name.lower(),
)
def test_a_search_hit_opens_its_tab_and_record_without_titles(
    qtbot: QtBot,
    tmp_path: Path,
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
    kind: RecordKind,
) -> None:
    classes = default_tab_classes()
    for number, cls in enumerate(classes):  # a title lookup would find nothing now
        monkeypatch.setattr(cls, "title", f"Renamed {number}")
    controller = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    window = MainWindow(controller, settings)
    qtbot.addWidget(window)
    window.show()
    controller.create(PASSPHRASE)
    store = controller.store
    store.add_engagement(sample_engagement("Jonas Berg"))
    client_id = store.add_engagement(sample_engagement("Ирина Соколова"))
    add_marked(controller, client_id, kind)
    [hit] = search(store.conn, MARK)
    assert hit.kind == kind
    controller.notify_changed(0)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    def find(dialog: QWidget) -> None:
        query = dialog.findChild(QLineEdit, "searchQuery")
        assert query is not None
        qtbot.keyClicks(query, MARK.lower())
        qtbot.waitUntil(lambda: dialog.model.hit_count() == 1)  # type: ignore[attr-defined]
        qtbot.keyClick(query, Qt.Key.Key_Return)

    when_modal(find)
    qtbot.keyClick(window.client_list, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_client_id() == client_id)
    shown = window.tabs.currentWidget()
    assert shown is window.tab_for(kind)
    assert kind in type(shown).record_kinds
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("Renamed")
    assert shown.selected_record(kind) == hit.record_id  # type: ignore[attr-defined]
