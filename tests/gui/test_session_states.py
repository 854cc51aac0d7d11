"""The session state in the Sessions tab: the State control, the question on a planned
session whose time has passed, and the counts that follow, driven as a coach would."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame
from pytestqt.qtbot import QtBot
from test_sessions_tab import (
    button,
    child,
    client_id,
    make_tab,
    selected,
    session_list,
    stored,
    stored_sessions,
)

from coachdesk.core.attendance import AWAITING_LABEL, session_counts
from coachdesk.core.model import SessionState
from coachdesk.ui.controller import VaultController


def state_box(tab: object) -> QComboBox:
    box = child(tab, QComboBox, "sessionState")  # type: ignore[arg-type]
    assert isinstance(box, QComboBox)
    return box


def question(tab: object) -> QFrame:
    frame = child(tab, QFrame, "outcomeQuestion")  # type: ignore[arg-type]
    assert isinstance(frame, QFrame)
    return frame


def test_state_control_lists_every_state_and_saves_the_choice(
    qtbot: QtBot, controller: VaultController
) -> None:
    tab = make_tab(qtbot, controller)
    box = state_box(tab)
    assert [box.itemText(i) for i in range(box.count())] == [
        "Planned", "Held", "Cancelled in time", "Cancelled late", "No-show",
    ]  # fmt: skip
    session = selected(tab)
    assert box.currentText() == "Held"  # the sample's sessions were held
    before = session_counts(stored_sessions(controller), None, datetime.now())
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # held → cancelled in time
    qtbot.waitUntil(lambda: stored(controller, session.id or 0).state == "cancelled")
    after = session_counts(stored_sessions(controller), None, datetime.now())
    assert after.held == before.held - 1 and after.cancelled == 1
    # The list says it too.
    model = session_list(tab).model()
    row = session_list(tab).currentIndex().row()
    assert model.index(row, 2).data() == "Cancelled in time"


def test_a_planned_session_in_the_past_asks_until_answered(
    qtbot: QtBot, controller: VaultController
) -> None:
    tab = make_tab(qtbot, controller)
    qtbot.mouseClick(button(tab, "newSessionButton"), Qt.MouseButton.LeftButton)
    session = selected(tab)
    assert session.state == SessionState.PLANNED  # a new session is planned, not held
    assert not question(tab).isVisible()  # it starts now: not over yet
    # The coach sets it to yesterday morning: it is over, and nobody said what happened.
    session.started_at = (datetime.now() - timedelta(days=1)).replace(hour=9, minute=0)
    controller.store.sessions.save(session)
    tab.show_client(client_id(controller))
    tab.focus_record(session.id or 0)
    assert selected(tab).id == session.id
    assert question(tab).isVisible()
    model = session_list(tab).model()
    row = session_list(tab).currentIndex().row()
    assert model.index(row, 2).data() == AWAITING_LABEL
    qtbot.mouseClick(button(tab, "answer_no_show"), Qt.MouseButton.LeftButton)
    assert not question(tab).isVisible()
    assert state_box(tab).currentText() == "No-show"
    qtbot.waitUntil(lambda: stored(controller, session.id or 0).state == "no_show")
    # Back to planned: the question comes back.
    state_box(tab).setCurrentIndex(state_box(tab).findData("planned"))
    assert question(tab).isVisible()
    qtbot.mouseClick(button(tab, "answer_held"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(controller, session.id or 0).state == "held")


def test_the_contract_says_whether_late_cancellations_and_no_shows_count(
    qtbot: QtBot, controller: VaultController
) -> None:
    from PySide6.QtWidgets import QCheckBox

    from coachdesk.ui.workspace.contract import ContractTab

    tab = ContractTab(controller)
    qtbot.addWidget(tab)
    tab.resize(1100, 750)
    tab.show()
    tab.show_client(client_id(controller))
    late = child(tab, QCheckBox, "contractLateCancellationCounts")
    no_show = child(tab, QCheckBox, "contractNoShowCounts")
    assert isinstance(late, QCheckBox) and isinstance(no_show, QCheckBox)
    assert late.isChecked() and no_show.isChecked()  # the default: they count
    qtbot.mouseClick(no_show, Qt.MouseButton.LeftButton, pos=no_show.rect().center())
    assert tab.flush()
    contract = controller.store.contracts.for_client(client_id(controller))
    assert contract is not None
    assert contract.late_cancellation_counts and not contract.no_show_counts
    # A no-show now leaves the allowance as it was.
    sessions = stored_sessions(controller)
    sessions[0].state = SessionState.NO_SHOW
    counts = session_counts(sessions, contract, datetime.now())
    assert counts.used == counts.held == len(sessions) - 1
