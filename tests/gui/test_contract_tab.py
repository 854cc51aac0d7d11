"""The Contract tab, used as a coach would: type, add, remove, sign, amend."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QAbstractListModel, QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.core.model import Client, Contract, ContractStatus, RiskLevel
from coachdesk.services.contracts import draft_contract
from coachdesk.ui.controller import VaultController
from coachdesk.ui.workspace.contract import ContractTab
from coachdesk.vault.search import RecordKind
from testsupport import sample_engagement

MARKER = "Zebrafinch"


@pytest.fixture
def tab(qtbot: QtBot, controller: VaultController) -> Iterator[ContractTab]:
    widget = ContractTab(controller)
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    widget.show()
    widget.show_client(controller.client_id)  # type: ignore[attr-defined]
    yield widget
    widget.clear()


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered Yes; the titles asked are recorded."""
    asked: list[str] = []

    def question(_parent: object, title: str, *_args: object, **_kwargs: object) -> Any:
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def child(tab: QWidget, kind: type[Any], name: str) -> Any:
    found = tab.findChild(kind, name)
    assert found is not None, name
    return found


def stored(controller: VaultController, client_id: int | None = None) -> Contract:
    contract = controller.store.contracts.for_client(
        client_id if client_id is not None else controller.client_id  # type: ignore[attr-defined]
    )
    assert contract is not None
    return contract


def retype(qtbot: QtBot, widget: QWidget, value: str) -> None:
    """Select what is there and type over it, as a person does."""
    widget.setFocus()
    if isinstance(widget, QPlainTextEdit):
        widget.selectAll()
    else:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, value)


def select_row(view: QAbstractItemView, row: int) -> None:
    view.setCurrentIndex(view.model().index(row, 0))


# --- Terms ------------------------------------------------------------------------------


def test_shows_the_stored_contract(tab: ContractTab) -> None:
    assert child(tab, QLineEdit, "contractFees").text() == "EUR 450 per session"
    assert child(tab, QLineEdit, "contractTitleEdit").text() == "Leadership coaching"
    assert child(tab, QPlainTextEdit, "coachResponsibilities").toPlainText().startswith("Process")
    assert (
        child(tab, QPlainTextEdit, "clientResponsibilities").toPlainText().startswith("Decisions")
    )
    header = child(tab, QLabel, "contractHeader").text()
    assert "Version 1" in header and "Signed" in header
    assert tab.outcomes.model.rowCount() == 2
    assert tab.milestones.model.rowCount() == 2
    assert tab.risks.model.rowCount() == 1
    assert not child(tab, QPushButton, "markSigned").isEnabled()  # already signed


def test_typed_fees_are_stored_by_flush_without_waiting(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    fees = child(tab, QLineEdit, "contractFees")
    retype(qtbot, fees, "EUR 500 per session, invoiced monthly")
    assert tab.autosaver.dirty
    with qtbot.waitSignal(controller.data_changed, timeout=1000) as changed:
        assert tab.flush()
    assert changed.args == [controller.client_id]  # type: ignore[attr-defined]
    assert stored(controller).fees == "EUR 500 per session, invoiced monthly"


def test_every_term_is_editable(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    retype(qtbot, child(tab, QLineEdit, "contractCadence"), "monthly")
    retype(qtbot, child(tab, QPlainTextEdit, "contractLimits"), "Only a risk of serious harm")
    retype(qtbot, child(tab, QPlainTextEdit, "contractSponsorReporting"), "Attendance only")
    child(tab, QComboBox, "contractFormat").setCurrentIndex(1)
    tab.sessions_spin.setValue(12)
    tab.end_edit.setDate(QDate(2026, 9, 30))
    assert tab.flush()
    contract = stored(controller)
    assert contract.cadence == "monthly"
    assert contract.confidentiality_limits == "Only a risk of serious harm"
    assert contract.sponsor_reporting == "Attendance only"
    assert contract.format == "video"
    assert contract.session_count == 12
    assert contract.end_date == date(2026, 9, 30)


# --- Outcomes, milestones, risks ----------------------------------------------------------


def test_add_an_outcome_and_record_its_current_value(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    qtbot.mouseClick(child(tab, QPushButton, "addOutcome"), Qt.MouseButton.LeftButton)
    assert tab.outcomes.model.rowCount() == 3
    statement = child(tab, QLineEdit, "outcomeStatement")
    assert statement.hasFocus()  # ready to type at once
    qtbot.keyClicks(statement, "Hold a weekly one-to-one with each report")
    retype(qtbot, child(tab, QWidget, "outcomeBaseline"), "2")
    retype(qtbot, child(tab, QWidget, "outcomeTarget"), "8")
    retype(qtbot, child(tab, QWidget, "outcomeCurrent"), "5")
    index = tab.outcomes.model.index(2, 1)
    assert tab.outcomes.model.data(index) == "Hold a weekly one-to-one with each report"
    assert tab.flush()

    outcome = stored(controller).outcomes[2]
    assert outcome.statement == "Hold a weekly one-to-one with each report"
    assert (outcome.baseline, outcome.target, outcome.current) == (2, 8, 5)
    assert [(r.on, r.value) for r in outcome.history] == [(controller.store.today(), 5)]


def test_changing_the_current_value_grows_the_history(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    select_row(tab.outcomes.view, 0)
    before = len(stored(controller).outcomes[0].history)
    retype(qtbot, child(tab, QWidget, "outcomeCurrent"), "6.5")
    assert tab.flush()
    history = stored(controller).outcomes[0].history
    assert len(history) == before + 1  # one reading for today, not one per keystroke
    assert (history[-1].on, history[-1].value) == (controller.store.today(), 6.5)
    assert "6.5" in child(tab, QLabel, "outcomeHistory").text()


def test_an_outcome_without_statement_is_not_saved_until_typed(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    qtbot.mouseClick(child(tab, QPushButton, "addOutcome"), Qt.MouseButton.LeftButton)
    assert tab.flush()  # an untouched new row blocks nothing and starts no amendment
    assert stored(controller).version == 1

    qtbot.keyClicks(child(tab, QLineEdit, "outcomeMeasure"), "minutes late")
    assert not tab.flush()
    assert "statement is required" in child(tab, QLabel, "saveState").text()
    assert len(stored(controller).outcomes) == 2
    qtbot.keyClicks(child(tab, QLineEdit, "outcomeStatement"), "Start meetings on time")
    assert tab.flush()
    assert len(stored(controller).outcomes) == 3


def test_add_a_milestone_and_a_risk_then_remove_one(
    qtbot: QtBot, tab: ContractTab, controller: VaultController, answer_yes: list[str]
) -> None:
    qtbot.mouseClick(child(tab, QPushButton, "addMilestone"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(tab, QLineEdit, "milestoneTitle"), "Team offsite held")
    outcome_combo = child(tab, QComboBox, "milestoneOutcome")
    assert outcome_combo.count() == 3  # none + the two stored outcomes
    outcome_combo.setCurrentIndex(2)
    tab.milestone_due.setDate(QDate(2026, 5, 15))

    qtbot.mouseClick(child(tab, QPushButton, "addRisk"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(tab, QLineEdit, "riskDescription"), "Budget freeze")
    child(tab, QComboBox, "riskLikelihood").setCurrentIndex(2)
    assert tab.flush()

    contract = stored(controller)
    assert [m.title for m in contract.milestones][-1] == "Team offsite held"
    assert contract.milestones[-1].outcome_id == contract.outcomes[1].id
    assert contract.milestones[-1].due == date(2026, 5, 15)
    assert contract.risks[-1].description == "Budget freeze"
    assert contract.risks[-1].likelihood == RiskLevel.HIGH
    assert tab.milestones.model.data(tab.milestones.model.index(2, 1)) == "Outcome 2"

    select_row(tab.risks.view, 0)
    qtbot.mouseClick(child(tab, QPushButton, "removeRisk"), Qt.MouseButton.LeftButton)
    assert answer_yes == ["Remove risk"]
    assert tab.risks.model.rowCount() == 1
    assert tab.flush()
    assert [r.description for r in stored(controller).risks] == ["Budget freeze"]


def test_removing_an_outcome_unlinks_its_milestones(
    qtbot: QtBot, tab: ContractTab, controller: VaultController, answer_yes: list[str]
) -> None:
    select_row(tab.outcomes.view, 0)
    qtbot.mouseClick(child(tab, QPushButton, "removeOutcome"), Qt.MouseButton.LeftButton)
    assert tab.flush()
    contract = stored(controller)
    assert [o.statement for o in contract.outcomes] == ["Stay composed in board meetings"]
    assert all(m.outcome_id is None for m in contract.milestones)


def test_declining_the_confirmation_keeps_the_row(
    qtbot: QtBot, tab: ContractTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    select_row(tab.milestones.view, 0)
    qtbot.mouseClick(child(tab, QPushButton, "removeMilestone"), Qt.MouseButton.LeftButton)
    assert tab.milestones.model.rowCount() == 2
    assert not tab.autosaver.dirty


def test_table_models_are_well_behaved(tab: ContractTab, qtmodeltester: Any) -> None:
    for card in (tab.outcomes, tab.milestones, tab.risks):
        qtmodeltester.check(card.model)


# --- Creating, signing, amending -------------------------------------------------------------


def test_create_a_contract_for_a_client_without_one(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    client_id = controller.store.clients.save(Client(name="Jonas Berg"))
    tab.show_client(client_id)
    create = child(tab, QPushButton, "createContract")
    assert create.isVisible()
    with qtbot.waitSignal(controller.data_changed, timeout=1000):
        qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    contract = stored(controller, client_id)
    draft = draft_contract(client_id, controller.store.today())  # its terms: unit-tested
    draft.id = contract.id
    assert contract == draft
    assert not create.isVisible()
    assert child(tab, QLineEdit, "contractTitleEdit").text() == contract.title
    assert "Draft" in child(tab, QLabel, "contractHeader").text()


def test_mark_signed_then_edit_makes_an_amendment(
    qtbot: QtBot, tab: ContractTab, controller: VaultController, answer_yes: list[str]
) -> None:
    client_id = controller.store.clients.save(Client(name="Jonas Berg"))
    tab.show_client(client_id)
    qtbot.mouseClick(child(tab, QPushButton, "createContract"), Qt.MouseButton.LeftButton)
    retype(qtbot, child(tab, QLineEdit, "contractFees"), "EUR 400 per session")

    sign = child(tab, QPushButton, "markSigned")
    qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)
    assert answer_yes == ["Mark the contract signed"]
    contract = stored(controller, client_id)
    assert contract.status == ContractStatus.SIGNED
    assert contract.signed_date == controller.store.today()
    assert contract.fees == "EUR 400 per session"  # pending edits were saved first
    assert not sign.isEnabled()
    assert "Signed" in child(tab, QLabel, "contractHeader").text()
    assert child(tab, QListWidget, "versionList").count() == 0

    retype(qtbot, child(tab, QLineEdit, "contractFees"), "EUR 420 per session")
    assert tab.flush()
    contract = stored(controller, client_id)
    assert (contract.version, contract.status) == (2, ContractStatus.AMENDED)
    header = child(tab, QLabel, "contractHeader").text()
    assert "Version 2" in header and "Amended" in header
    assert child(tab, QComboBox, "contractStatus").currentText() == "Amended"
    assert sign.isEnabled()

    versions = child(tab, QListWidget, "versionList")
    assert versions.count() == 1
    assert versions.item(0).text().startswith("Version 1")
    dialog = tab.open_version(0)
    assert dialog is not None
    view = dialog.findChild(QTextEdit, "versionView")
    assert view is not None and view.isReadOnly()
    assert "EUR 400 per session" in view.toPlainText()
    assert "EUR 420" not in view.toPlainText()

    qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)  # the amendment is signed again
    contract = stored(controller, client_id)
    assert (contract.version, contract.status) == (2, ContractStatus.SIGNED)


def test_declining_to_sign_changes_nothing(
    qtbot: QtBot, tab: ContractTab, controller: VaultController, monkeypatch: pytest.MonkeyPatch
) -> None:
    client_id = controller.store.clients.save(Client(name="Jonas Berg"))
    tab.show_client(client_id)
    qtbot.mouseClick(child(tab, QPushButton, "createContract"), Qt.MouseButton.LeftButton)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(child(tab, QPushButton, "markSigned"), Qt.MouseButton.LeftButton)
    assert stored(controller, client_id).status == ContractStatus.DRAFT


def test_choosing_signed_in_the_status_list_dates_it_today(
    tab: ContractTab, controller: VaultController
) -> None:
    client_id = controller.store.clients.save(Client(name="Jonas Berg"))
    tab.show_client(client_id)
    tab.create_contract()
    combo = child(tab, QComboBox, "contractStatus")
    combo.setCurrentIndex(combo.findData(ContractStatus.SIGNED.value))
    assert tab.flush()
    assert stored(controller, client_id).signed_date == controller.store.today()


# --- Forgetting ---------------------------------------------------------------------------------


def _visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for label in root.findChildren(QLabel):
        texts.append(label.text())
    for line in root.findChildren(QLineEdit):
        texts.append(line.text())
    for note in root.findChildren(QPlainTextEdit):
        texts.append(note.toPlainText())
    for rich in root.findChildren(QTextEdit):
        texts.append(rich.toPlainText())
    for combo in root.findChildren(QComboBox):
        texts.extend(combo.itemText(i) for i in range(combo.count()))
    for listing in root.findChildren(QListWidget):
        texts.extend(listing.item(i).text() for i in range(listing.count()))
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for row in range(model.rowCount()):
            for column in range(columns):
                texts.append(str(model.data(model.index(row, column)) or ""))
    return texts


def test_clear_leaves_no_client_text(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    client_id = controller.store.add_engagement(sample_engagement(marker=MARKER))
    tab.show_client(client_id)
    retype(qtbot, child(tab, QLineEdit, "contractFees"), f"EUR 1 {MARKER}")
    assert tab.flush()  # an amendment: the signed version is listed
    tab.open_version(0)
    assert any(MARKER in text for text in _visible_texts(tab))

    tab.clear()
    assert tab.client_id is None
    assert not any(MARKER in text for text in _visible_texts(tab))
    assert not [d for d in tab.findChildren(QDialog) if d.isVisible()]
    for card in (tab.outcomes, tab.milestones, tab.risks):
        assert card.model.rowCount() == 0
    assert not child(tab, QPushButton, "createContract").isEnabled()


def test_showing_the_same_client_keeps_unsaved_edits(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    qtbot.mouseClick(child(tab, QPushButton, "addOutcome"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(tab, QLineEdit, "outcomeMeasure"), "minutes late")
    tab.show_client(controller.client_id)  # type: ignore[attr-defined]
    assert tab.outcomes.model.rowCount() == 3  # the half-typed outcome is still there
    assert child(tab, QLineEdit, "outcomeMeasure").text() == "minutes late"


def test_a_search_hit_selects_the_part(tab: ContractTab, controller: VaultController) -> None:
    risk_id = stored(controller).risks[0].id
    milestone_id = stored(controller).milestones[1].id
    assert risk_id is not None and milestone_id is not None
    tab.focus_record(milestone_id, RecordKind.MILESTONE)
    assert tab.milestones.selected_row() == 1
    assert child(tab, QLineEdit, "milestoneTitle").text() == "First 360 debrief"
    tab.focus_record(risk_id, RecordKind.RISK)
    assert tab.risks.view.hasFocus()


def test_scrolling_over_a_field_does_not_change_it(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    spin = tab.sessions_spin
    assert not spin.hasFocus()
    centre = QPointF(spin.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(spin.mapToGlobal(spin.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(spin, wheel)
    assert spin.value() == 10
    assert not tab.autosaver.dirty


def test_an_untouched_new_part_goes_when_left_and_is_never_stored(
    qtbot: QtBot, tab: ContractTab, controller: VaultController
) -> None:
    """The one rule for new rows (list_editor), as in every other list."""
    qtbot.mouseClick(child(tab, QPushButton, "addRisk"), Qt.MouseButton.LeftButton)
    assert tab.risks.model.rowCount() == 2
    assert tab.flush()
    assert len(stored(controller).risks) == 1
    select_row(tab.risks.view, 0)
    qtbot.waitUntil(lambda: tab.risks.model.rowCount() == 1)
    assert len(tab.contract.risks) == 1  # type: ignore[union-attr]  # the contract's list too
    assert tab.flush()
    assert stored(controller).version == 1


def test_removing_a_new_part_asks_only_once_something_was_typed(
    qtbot: QtBot, tab: ContractTab, answer_yes: list[str]
) -> None:
    qtbot.mouseClick(child(tab, QPushButton, "addMilestone"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(child(tab, QPushButton, "removeMilestone"), Qt.MouseButton.LeftButton)
    assert answer_yes == []  # nothing in it: it just goes
    assert tab.milestones.model.rowCount() == 2
    qtbot.mouseClick(child(tab, QPushButton, "addMilestone"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(tab, QLineEdit, "milestoneTitle"), "Half a thought")
    qtbot.mouseClick(child(tab, QPushButton, "removeMilestone"), Qt.MouseButton.LeftButton)
    assert answer_yes == ["Remove milestone"]
    assert tab.milestones.model.rowCount() == 2
