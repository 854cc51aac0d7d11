"""The window's own item models, checked by Qt's model tester on real vault data."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from coachdesk.core.model import ClientStatus
from coachdesk.ui.controller import VaultController
from coachdesk.ui.models.clients import (
    CLIENT_ID_ROLE,
    ClientFilterModel,
    ClientListModel,
)
from coachdesk.ui.models.search import HIT_ROLE, SearchResultsModel
from coachdesk.vault.search import search
from testsupport import sample_engagement


def test_client_list_and_filter(qtmodeltester: ModelTester, controller: VaultController) -> None:
    store = controller.store
    store.add_engagement(sample_engagement("Jonas Berg"))
    store.add_engagement(sample_engagement("Ana Müller"))
    model = ClientListModel()
    model.load(store)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["Ana Müller", "Jonas Berg", "Ирина Соколова"]
    assert model.index(0, 0).data(CLIENT_ID_ROLE) == model.summary(0).id

    proxy = ClientFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_text("MÜL")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    proxy.set_statuses({ClientStatus.CLOSED})
    assert proxy.rowCount() == 0
    model.clear()
    assert model.rowCount() == 0


def test_search_results_tree(qtmodeltester: ModelTester, controller: VaultController) -> None:
    controller.store.add_engagement(sample_engagement("Jonas Berg"))
    model = SearchResultsModel()
    model.set_hits(search(controller.store.conn, "summary"))
    qtmodeltester.check(model)
    assert model.rowCount() == 2  # grouped: one row per client
    first_client = model.index(0, 0)
    assert model.rowCount(first_client) > 0
    hit_index = model.index(0, 0, first_client)
    assert model.parent(hit_index) == first_client
    assert hit_index.data(HIT_ROLE) is not None
    assert model.hit(first_client) is None
    assert model.hit_count() == sum(model.rowCount(model.index(r, 0)) for r in range(2))
    model.clear()
    assert model.rowCount() == 0


def test_header_click_sorts_a_filled_table_and_edits_keep_order(
    qtbot: QtBot, qtmodeltester: ModelTester, controller: VaultController
) -> None:
    """The record table sorts itself (RecordSortProxy hands sort() to the model): a
    header click on a filled view reorders it, and an edited date moves its row."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QTableView

    from coachdesk.ui.models.records import Column, RecordSortProxy, RecordTableModel

    client_id = controller.client_id  # type: ignore[attr-defined]
    sessions = controller.store.sessions.for_client(client_id)
    model = RecordTableModel(
        [Column("Date", lambda s: s.started_at), Column("No.", lambda s: s.number)]
    )
    model.set_records(sessions)
    proxy = RecordSortProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.show()

    def column_values(column: int) -> list[str]:
        return [proxy.index(r, column).data() for r in range(proxy.rowCount())]

    header = view.horizontalHeader()
    on_number = QPoint(header.sectionViewportPosition(1) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=on_number)
    first = column_values(1)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=on_number)
    second = column_values(1)
    assert first in (sorted(first), sorted(first, reverse=True))
    assert second == first[::-1] and first != second

    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    earliest = model.record(model.index(0, 0).row())
    latest = sessions[-1] if sessions[-1] is not earliest else sessions[0]
    from datetime import timedelta

    earliest.started_at = latest.started_at + timedelta(days=1)
    model.record_changed(earliest)
    assert proxy.index(proxy.rowCount() - 1, 0).data(Qt.ItemDataRole.UserRole + 1) is earliest
    # The view outlives the test until Qt deletes it; leave it no client record
    # (tests/reliability checks that nothing references one after a lock).
    view.setModel(None)
    model.clear()
