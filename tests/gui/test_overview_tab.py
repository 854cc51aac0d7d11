"""The Overview tab: the distance-to-contract dashboard, read as a coach reads it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCharts import QStackedBarSeries
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.core.model import Client, Risk, RiskLevel
from coachdesk.core.progress import engagement_progress, status_headline
from coachdesk.ui.controller import VaultController
from coachdesk.ui.workspace.overview import GapBar, OutcomeRow, OverviewTab
from testsupport import sample_engagement

MARKER = "Kingfisher"


@pytest.fixture
def tab(qtbot: QtBot, controller: VaultController) -> Iterator[OverviewTab]:
    widget = OverviewTab(controller)
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    widget.show()
    widget.show_client(controller.client_id)  # type: ignore[attr-defined]
    yield widget
    widget.clear()


def label_text(tab: QWidget, name: str) -> str:
    """The text of the label called ``name`` that the tab shows (rows of its lists are
    kept, hidden and empty, for the next client)."""
    labels = tab.findChildren(QLabel, name)
    assert labels, name
    shown = [label for label in labels if label.isVisibleTo(tab)]
    return (shown or labels)[0].text()


def shown_rows(tab: QWidget) -> list[OutcomeRow]:
    return [row for row in tab.findChildren(OutcomeRow) if row.isVisibleTo(tab)]


def all_texts(root: QWidget) -> list[str]:
    """Everything the tab shows in words, tooltips included."""
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        texts.append(widget.toolTip())
        texts.append(widget.accessibleDescription())
        if isinstance(widget, QLabel | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
    return texts


def test_shows_the_status_and_its_reasons(tab: OverviewTab, controller: VaultController) -> None:
    store = controller.store
    expected = engagement_progress(
        store.load_engagement(controller.client_id),  # type: ignore[attr-defined]
        store.today(),
    )
    assert label_text(tab, "statusBadge") == status_headline(expected)
    reasons = label_text(tab, "statusReasons")
    for reason in expected.reasons:
        assert reason in reasons
    assert "3 of 10 sessions held" in label_text(tab, "engagementFacts")


def test_one_progress_row_per_outcome(tab: OverviewTab, controller: VaultController) -> None:
    rows = shown_rows(tab)
    assert [row.progress.statement for row in rows if row.progress] == [
        "Delegate operational decisions to direct reports",
        "Stay composed in board meetings",
    ]
    first = rows[0]
    assert "12 → 8 → 3" in first.numbers.text()
    assert "44 % of the way" in first.way.text()
    bar = first.findChild(GapBar)
    assert bar is not None
    assert bar.fraction == pytest.approx(4 / 9)
    assert bar.marker == first.progress.time_elapsed


def test_milestones_risks_and_open_actions(tab: OverviewTab) -> None:
    assert label_text(tab, "countValue")  # tiles are filled
    done = tab.milestones_done.text(), tab.milestones_overdue.text()
    assert done == ("1", "1")  # the 360 debrief is done; the delegation map is overdue
    assert "Delegation map agreed" in label_text(tab, "overdueMilestone")
    assert "Reorganisation may change the team" in label_text(tab, "riskDescription")
    actions = [
        label.text() for label in tab.findChildren(QLabel, "openAction") if label.isVisibleTo(tab)
    ]
    assert len(actions) == 1 and "Draft delegation map" in actions[0]  # the done one is not
    assert "in balance" in label_text(tab, "balanceVerdict")
    assert label_text(tab, "processMean") == "7.0"


def test_last_session_summary_but_never_private_notes(
    tab: OverviewTab, controller: VaultController
) -> None:
    assert label_text(tab, "lastSessionMeta").startswith("Session 3 of 10")
    assert "Shared summary 2" in label_text(tab, "lastSessionSummary")
    sessions = controller.store.sessions.for_client(controller.client_id)  # type: ignore[attr-defined]
    for session in sessions:
        for shown in all_texts(tab):
            assert session.private_notes not in shown
            assert "Private observation" not in shown


def test_updates_when_a_session_changes(tab: OverviewTab, controller: VaultController) -> None:
    client_id: int = controller.client_id  # type: ignore[attr-defined]
    last = controller.store.sessions.for_client(client_id)[-1]
    last.shared_summary = "Agreed to hand the budget review to Priya"
    last.result_rating = 10
    controller.store.sessions.save(last)
    assert "Agreed to hand" not in label_text(tab, "lastSessionSummary")
    controller.notify_changed(client_id)
    assert label_text(tab, "lastSessionSummary") == "Agreed to hand the budget review to Priya"
    assert label_text(tab, "resultMean") == "7.0"  # (5 + 6 + 10) / 3, was 6.0


def test_updates_status_when_a_high_risk_is_added(
    tab: OverviewTab, controller: VaultController
) -> None:
    client_id: int = controller.client_id  # type: ignore[attr-defined]
    contract = controller.store.contracts.for_client(client_id)
    assert contract is not None
    contract.risks.append(
        Risk(description="Sponsor leaves", likelihood=RiskLevel.HIGH, impact=RiskLevel.HIGH)
    )
    controller.store.contracts.save(contract)
    controller.notify_changed(client_id)
    assert "High risk open: Sponsor leaves" in label_text(tab, "statusReasons")
    chips = tab.findChildren(QLabel, "highRiskChip")
    assert [chip.text() for chip in chips if chip.isVisibleTo(tab)] == ["HIGH"]


def test_ignores_other_clients_and_catches_up_when_shown_again(
    tab: OverviewTab, controller: VaultController
) -> None:
    client_id: int = controller.client_id  # type: ignore[attr-defined]
    other = controller.store.clients.save(Client(name="Someone else"))
    controller.notify_changed(other)
    assert "Shared summary 2" in label_text(tab, "lastSessionSummary")

    tab.hide()
    last = controller.store.sessions.for_client(client_id)[-1]
    controller.store.sessions.save(replace(last, shared_summary="Written while away"))
    controller.notify_changed(client_id)
    tab.show()
    assert label_text(tab, "lastSessionSummary") == "Written while away"


def test_emotion_chart_counts_the_last_eight_weeks(
    tab: OverviewTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not tab.chart.series()  # the sample's entries are long ago
    assert "No emotion-log entries" in tab.no_emotions.text()

    monkeypatch.setattr(controller.store, "today", lambda: date(2026, 2, 1))
    tab.refresh()
    (series,) = tab.chart.series()
    assert isinstance(series, QStackedBarSeries)
    counts = {bar_set.label(): sum(bar_set.at(i) for i in range(bar_set.count()))
              for bar_set in series.barSets()}  # fmt: skip
    assert counts == {"Red": 2.0, "Yellow": 1.0, "Green": 1.0}
    assert all(bar_set.count() == 8 for bar_set in series.barSets())


def test_a_client_without_contract(tab: OverviewTab, controller: VaultController) -> None:
    client_id = controller.store.clients.save(Client(name="Jonas Berg"))
    tab.show_client(client_id)
    assert label_text(tab, "statusBadge") == "No contract"  # not a hollow "On track" (issue 13)
    assert "No contract yet" in label_text(tab, "statusReasons")
    assert not shown_rows(tab)
    assert "No session held yet" in label_text(tab, "lastSessionMeta")


def test_clear_leaves_no_client_text(tab: OverviewTab, controller: VaultController) -> None:
    client_id = controller.store.add_engagement(sample_engagement(marker=MARKER))
    tab.show_client(client_id)
    assert any(MARKER in shown for shown in all_texts(tab))
    tab.clear()
    assert tab.client_id is None
    assert not any(MARKER in shown for shown in all_texts(tab))
    assert not shown_rows(tab)
    assert not tab.chart.series()


def test_switching_clients_reuses_the_rows_and_leaves_nothing_of_the_other(
    tab: OverviewTab, controller: VaultController
) -> None:
    """The rows of the lists are made once and filled again (a click in the client list
    no longer builds and polishes new widgets); the rows the next client does not need
    are hidden and hold no word of the previous one."""
    first: int = controller.client_id  # type: ignore[attr-defined]
    other = controller.store.add_engagement(sample_engagement(marker=MARKER))
    tab.show_client(other)
    assert any(MARKER in shown for shown in all_texts(tab))
    rows_made = len(tab.findChildren(OutcomeRow)), len(tab.findChildren(QLabel))
    for _ in range(5):
        tab.show_client(first)
        assert not any(MARKER in shown for shown in all_texts(tab))
        tab.show_client(other)
    assert (len(tab.findChildren(OutcomeRow)), len(tab.findChildren(QLabel))) == rows_made
    # the other client's outcomes, risks and open actions, as they are now
    tab.show_client(first)
    assert [row.progress.statement for row in shown_rows(tab) if row.progress] == [
        "Delegate operational decisions to direct reports",
        "Stay composed in board meetings",
    ]
    assert "Reorganisation may change the team" in label_text(tab, "riskDescription")
