"""The window's own item models, checked by Qt's model tester on real vault data."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

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
