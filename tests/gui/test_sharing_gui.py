"""Who sees what, in the app: audience chips and choosers in the contract editor, the
sponsor confirmation and review before a report leaves, the disclosure log on Profile.

Screenshots of the chips and the review dialog are written to ``$COACHDESK_SHOTS`` when
set (they were looked at while building this; see docs/security.md)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QPushButton,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.core.audience import Audience, ReportCopy
from coachdesk.core.model import Contract
from coachdesk.core.sharing import review_items, withheld_note
from coachdesk.demo import demo_engagements
from coachdesk.reports import ReportKind
from coachdesk.ui.controller import VaultController
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.sharing import ReviewDialog
from coachdesk.ui.workspace.contract import ContractTab
from coachdesk.vault.keys import TEST_KDF
from dialogs import when_modal
from testsupport import PASSPHRASE, sample_engagement


def shoot(widget: QWidget, name: str, tmp_path: Path) -> Path:
    """Grab the widget as the coach sees it; kept in $COACHDESK_SHOTS when set."""
    folder = Path(os.environ.get("COACHDESK_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    image = widget.grab()
    assert not image.isNull() and image.width() > 100
    assert image.save(str(path))
    return path


def stored(controller: VaultController) -> Contract:
    contract = controller.store.contracts.for_client(controller.client_id)  # type: ignore[attr-defined]
    assert contract is not None
    return contract


@pytest.fixture
def tab(qtbot: QtBot, controller: VaultController) -> Iterator[ContractTab]:
    widget = ContractTab(controller)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.show_client(controller.client_id)  # type: ignore[attr-defined]
    yield widget
    widget.clear()


def choose(qtbot: QtBot, combo: QComboBox, label: str) -> None:
    """Pick a choice with the arrow keys, as with the keyboard."""
    target = combo.findText(label)
    assert target >= 0, label
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(target):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == label


def test_each_row_shows_who_sees_it_and_the_coach_changes_it(
    qtbot: QtBot, tab: ContractTab, controller: VaultController, tmp_path: Path
) -> None:
    version = stored(controller).version
    model = tab.outcomes.model
    chip_column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Who sees"
    )
    assert [model.index(r, chip_column).data() for r in range(model.rowCount())] == [
        "Client",
        "Client",
    ]  # the safe default: the client agreed the contract, the sponsor sees nothing yet

    tab.outcomes.select_row(0)
    choose(qtbot, tab.findChild(QComboBox, "outcomeAudience"), "Sponsor")
    assert model.index(0, chip_column).data() == "Sponsor"  # the chip follows at once
    tab.outcomes.select_row(1)
    choose(qtbot, tab.findChild(QComboBox, "outcomeAudience"), "Coach only")
    tab.milestones.select_row(0)
    choose(qtbot, tab.findChild(QComboBox, "milestoneAudience"), "Sponsor")
    choose(qtbot, tab.findChild(QComboBox, "milestoneEvidenceAudience"), "Client")
    choose(qtbot, tab.findChild(QComboBox, "riskAudience"), "Coach only")
    choose(qtbot, tab.findChild(QComboBox, "clauseAudience_confidentiality_limits"), "Client")
    choose(qtbot, tab.findChild(QComboBox, "clauseAudience_fees"), "Coach only")
    assert set(tab.clause_audiences) == {  # every clause has its chooser
        "fees", "cancellation_terms", "confidentiality", "confidentiality_limits",
        "sponsor_reporting", "coach_responsibilities", "client_responsibilities",
    }  # fmt: skip
    assert tab.flush()

    contract = stored(controller)
    assert [o.audience for o in contract.outcomes] == [Audience.SPONSOR, Audience.COACH]
    assert contract.milestones[0].audience == Audience.SPONSOR
    assert contract.milestones[0].evidence_audience == Audience.CLIENT
    assert contract.risks[0].audience == Audience.COACH
    assert [(c.clause, c.audience) for c in contract.clause_audiences] == [
        ("fees", Audience.COACH),
        ("confidentiality_limits", Audience.CLIENT),
    ]
    assert contract.version == version  # who sees what is consent, not a contract change

    # Shown again (another day), the chips and choosers say the same.
    tab.show_client(controller.client_id)  # type: ignore[attr-defined]
    assert model.index(1, chip_column).data() == "Coach only"
    tab.outcomes.select_row(0)
    assert tab.findChild(QComboBox, "outcomeAudience").currentText() == "Sponsor"
    shoot(tab.outcomes, "audience-chips-outcomes", tmp_path)
    shoot(tab.milestones, "audience-chips-milestones", tmp_path)
    terms = tab.findChild(QComboBox, "clauseAudience_fees").parentWidget()
    shoot(terms, "clause-audiences-terms", tmp_path)


def test_review_dialog_lists_items_with_audiences_and_takes_untick_and_approval(
    qtbot: QtBot, tmp_path: Path
) -> None:
    engagement = demo_engagements(date(2026, 12, 3))[1]  # Eleni
    items = review_items(engagement, ReportCopy.CONTRACT_SPONSOR)
    note = withheld_note(engagement, ReportCopy.CONTRACT_SPONSOR)
    assert note.endswith("2 outcomes, 1 milestone, 2 risks.")  # health, mood, burnout
    dialog = ReviewDialog(ReportCopy.CONTRACT_SPONSOR, items, withheld_note=note)
    qtbot.addWidget(dialog)
    dialog.show()
    tree = dialog.findChild(QTreeWidget, "reviewItems")
    assert tree.topLevelItemCount() == len(items)
    assert {tree.topLevelItem(i).text(2) for i in range(len(items))} == {"Sponsor"}
    texts = [tree.topLevelItem(i).text(0) for i in range(len(items))]
    assert "Protect and use time for strategic work" in texts
    assert not any("Burnout" in t or "low moods" in t for t in texts)  # never listed

    # Untick the second outcome with the keyboard, as a person would.
    outcome_rows = [i for i in range(len(items)) if items[i].kind == "Outcome"]
    row = tree.topLevelItem(outcome_rows[1])
    tree.setFocus()
    tree.setCurrentItem(row)
    qtbot.keyClick(tree, " ")
    assert dialog.excluded() == {items[outcome_rows[1]].ref}
    approved = dialog.findChild(QCheckBox, "clientApproved")
    qtbot.mouseClick(approved, Qt.MouseButton.LeftButton)
    assert approved.isChecked() and dialog.approval() is not None
    shoot(dialog, "review-dialog", tmp_path)
    qtbot.mouseClick(
        dialog.findChild(QPushButton, "reviewContinue"),
        Qt.MouseButton.LeftButton,
    )
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_sponsor_report_from_the_app_confirms_reviews_and_logs(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    controller.create(PASSPHRASE)
    client_id = controller.store.add_engagement(sample_engagement())
    controller.notify_changed(0)
    win.select_client(client_id)
    contract = controller.store.contracts.for_client(client_id)
    assert contract is not None and contract.sponsor_confirmed_on is None  # as after upgrade
    first, second = contract.outcomes[0], contract.outcomes[1]
    target = tmp_path / "out" / "sponsor.pdf"
    target.parent.mkdir()
    monkeypatch.setattr("coachdesk.ui.reports.choose_save_file", lambda *_a, **_k: target)
    seen: list[str] = []

    def answer(widget: QWidget) -> None:
        seen.append(widget.objectName())
        if widget.objectName() == "sponsorConfirmDialog":
            tree = widget.findChild(QTreeWidget, "sponsorItems")
            assert tree.topLevelItem(0).checkState(0) == Qt.CheckState.Unchecked  # nothing yet
            tree.setFocus()
            tree.setCurrentItem(tree.topLevelItem(0))  # the first outcome
            qtbot.keyClick(tree, " ")
            qtbot.mouseClick(
                widget.findChild(QPushButton, "sponsorConfirm"), Qt.MouseButton.LeftButton
            )
            when_modal(answer)
        elif widget.objectName() == "reviewDialog":
            approved = widget.findChild(QCheckBox, "clientApproved")
            qtbot.mouseClick(approved, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(
                widget.findChild(QPushButton, "reviewContinue"), Qt.MouseButton.LeftButton
            )

    def preview(dialog: QDialog) -> None:
        QTimer.singleShot(0, dialog.save)  # type: ignore[attr-defined]

    win.reports.preview_opened = preview
    when_modal(answer)
    win.request_report(ReportKind.SPONSOR)
    qtbot.waitUntil(target.exists, timeout=30_000)
    assert seen == ["sponsorConfirmDialog", "reviewDialog"]

    text = " ".join(
        " ".join(
            p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages
        ).split()
    )
    assert first.statement in text and second.statement not in text
    contract = controller.store.contracts.for_client(client_id)
    assert contract is not None and contract.sponsor_confirmed_on is not None
    assert contract.outcomes[0].audience == Audience.SPONSOR
    (entry,) = controller.store.disclosures.for_client(client_id)
    assert entry.kind == ReportCopy.SPONSOR and entry.approved_on is not None
    assert entry.item_ids == [f"outcome:{first.id}", "session-dates"]

    # The Profile tab lists it.
    index = next(i for i, t in enumerate(win.tab_pages) if t.title == "Profile")
    win.tabs.setCurrentIndex(index)
    QApplication.processEvents()
    log = win.tab_pages[index].findChild(QTreeWidget, "disclosureLog")
    qtbot.waitUntil(lambda: log.topLevelItemCount() == 1, timeout=5000)
    row = log.topLevelItem(0)
    assert row.text(1).startswith("Sponsor report") and row.text(2) == "Sponsor"
    assert row.text(3) == "1 outcome, session dates" and row.text(4).startswith("Approved")
    shoot(log, "profile-disclosure-log", tmp_path)
