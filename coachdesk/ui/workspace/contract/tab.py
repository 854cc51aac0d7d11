"""The Contract tab: the coaching agreement, its outcomes, milestones and risks.

The coach re-reads and adjusts the contract before sessions, so everything is edited in
place and autosaved; there is no "save" button. A signed contract is never overwritten:
the store keeps the signed text as an earlier version and the first change starts an
amendment (version n+1), which the header line makes visible at once.

This module holds the tab itself (load, save, sign, create); the cards live beside it:
``terms.py``, ``parts.py`` (outcomes, milestones, risks) and ``versions.py``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import (
    Contract,
    ContractStatus,
)
from coachdesk.reports.kinds import ReportKind
from coachdesk.services.contracts import (
    date_signature,
    save_contract,
    sign_contract,
    start_contract,
)
from coachdesk.ui import text
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import WheelGuard, scroll_area
from coachdesk.ui.widgets import (
    CARD_STYLE,
)
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.ui.workspace.contract.parts import ContractParts, PartsCard
from coachdesk.ui.workspace.contract.terms import ContractTerms
from coachdesk.ui.workspace.contract.versions import ContractVersionDialog, VersionsCard
from coachdesk.vault.search import RecordKind

STATUS_COLOURS = {
    ContractStatus.DRAFT: "#6b7280",
    ContractStatus.SIGNED: "#2e7d32",
    ContractStatus.AMENDED: "#b26a00",
    ContractStatus.ENDED: "#52606d",
}

TAB_STYLE = (
    CARD_STYLE
    + """
QLabel#fieldHint { color: palette(placeholder-text); }
QLabel#contractTitle { font-size: 15pt; font-weight: 600; }
QLabel#statusChip {
    color: white; border-radius: 9px; padding: 2px 10px; font-weight: 600;
}
QLabel#saveState { color: palette(placeholder-text); }
QLabel#emptyTitle { font-size: 14pt; font-weight: 600; }
"""
)


def header_text(contract: Contract, earlier_versions: int) -> str:
    """One line that says which version the coach is editing and whether it is signed."""
    parts = [f"Version {contract.version}", text.label(contract.status)]
    if contract.status == ContractStatus.SIGNED and contract.signed_date is not None:
        parts[-1] = f"Signed on {text.fmt_date(contract.signed_date)}"
        parts.append("a change starts an amendment")
    elif contract.status == ContractStatus.AMENDED:
        parts.append("changed since it was signed; sign again when agreed")
    elif contract.status == ContractStatus.DRAFT:
        parts.append("not signed yet")
    if earlier_versions:
        noun = "version" if earlier_versions == 1 else "versions"
        parts.append(f"{earlier_versions} earlier {noun} kept")
    return " · ".join(parts)


# --- The tab -----------------------------------------------------------------------------


class ContractTab(ContractTerms, ContractParts, WorkspaceTab):
    """Edit the client's current contract; autosaved through the contract repository."""

    title = "Contract"
    record_kinds = frozenset(
        {RecordKind.CONTRACT, RecordKind.OUTCOME, RecordKind.MILESTONE, RecordKind.RISK}
    )

    def __init__(self, controller: VaultController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("contractTab")
        self.setStyleSheet(TAB_STYLE)
        self.contract: Contract | None = None
        self.autosaver = self.make_autosaver(self._save)
        self.autosaver.state_changed.connect(self._show_save_state)
        self.binder = RecordBinder(self)
        self.clause_audiences: dict[str, QComboBox] = {}
        self.binder.changed.connect(self._contract_field_changed)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty_page())
        self.stack.addWidget(self._build_editor_page())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.guard.guard(*self.findChildren(QAbstractSpinBox), *self.findChildren(QComboBox))
        self._show_contract(None)

    # -- construction --------------------------------------------------------------------

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("noContractPage")
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(520)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(12)
        heading = QLabel("No contract yet")
        heading.setObjectName("emptyTitle")
        inner.addWidget(heading)
        explain = QLabel(
            "The contract records what coach, client and sponsor agree: dates, sessions, "
            "fees, confidentiality, responsibilities, and the outcomes progress is "
            "measured against. Start from a draft and adjust it."
        )
        explain.setWordWrap(True)
        inner.addWidget(explain)
        row = QHBoxLayout()
        row.addStretch(1)
        self.create_button = QPushButton("Create contract")
        self.create_button.setObjectName("createContract")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_contract)
        row.addWidget(self.create_button)
        inner.addLayout(row)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card, 3)
        centre.addStretch(1)
        layout.addLayout(centre)
        layout.addStretch(3)
        return page

    def _build_editor_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("contractEditorPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_header())
        self.scroll_area = scroll_area("contractScroll")
        self.guard = WheelGuard(self.scroll_area)
        content = QWidget()
        content.setObjectName("contractContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 12, 16, 16)
        column.setSpacing(12)
        column.addWidget(self._build_terms_card())
        column.addWidget(self._build_confidentiality_card())
        column.addWidget(self._build_responsibilities_card())
        self.outcomes = self._build_outcomes_card()
        self.milestones = self._build_milestones_card()
        self.risks = self._build_risks_card()
        for card in (self.outcomes, self.milestones, self.risks):
            card.edited.connect(self.autosaver.touch)
            column.addWidget(card)
        self.outcomes.removed.connect(self._outcome_removed)
        self.outcomes.edited.connect(self.milestones.refresh)
        self.versions_card = VersionsCard()
        column.addWidget(self.versions_card)
        column.addStretch(1)
        self.scroll_area.setWidget(content)
        layout.addWidget(self.scroll_area, 1)
        return page

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("contractHeaderBar")
        row = QHBoxLayout(header)
        row.setContentsMargins(20, 14, 20, 10)
        row.setSpacing(12)
        text_column = QVBoxLayout()
        text_column.setSpacing(2)
        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        self.title_label = QLabel()
        self.title_label.setObjectName("contractTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)  # a long title wraps; it never widens the window
        self.status_chip = QLabel()
        self.status_chip.setObjectName("statusChip")
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignTop)
        text_column.addLayout(title_row)
        self.header_label = QLabel()
        self.header_label.setObjectName("contractHeader")
        self.header_label.setWordWrap(True)
        text_column.addWidget(self.header_label)
        row.addLayout(text_column, 1)
        self.save_label = QLabel()
        self.save_label.setObjectName("saveState")
        row.addWidget(self.save_label)
        self.pdf_button = QPushButton("Contract PDF…")
        self.pdf_button.setObjectName("contractPdfButton")
        self.pdf_button.setToolTip("The contract for signature, as a PDF to preview, save or print")
        self.pdf_button.clicked.connect(
            lambda: self.report_requested.emit(ReportKind.CONTRACT, None)
        )
        row.addWidget(self.pdf_button)
        self.sign_button = QPushButton("Mark signed…")
        self.sign_button.setObjectName("markSigned")
        self.sign_button.setToolTip("Record that this version was signed today")
        self.sign_button.clicked.connect(self.mark_signed)
        row.addWidget(self.sign_button)
        return header

    # -- WorkspaceTab ------------------------------------------------------------------------

    def show_client(self, client_id: int) -> None:
        if client_id == self.client_id and not self.flush():
            return  # unsaved (invalid) edits stay on screen rather than being reloaded away
        super().show_client(client_id)
        self._show_contract(self.controller.store.contracts.for_client(client_id))

    def focus_record(self, record_id: int, kind: RecordKind | None = None) -> None:
        """Select the outcome, milestone or risk of a search hit. Their ids are counted
        per table, so pass the hit's ``kind``; without it the first match wins."""
        for card_kind, card in self._cards():
            if kind is not None and kind != card_kind:
                continue
            if card.rows.select_id(record_id) is not None:
                self.scroll_area.ensureWidgetVisible(card)
                card.view.setFocus()
                return

    def selected_record(self, kind: RecordKind) -> int | None:
        if kind == RecordKind.CONTRACT:
            return None if self.contract is None else self.contract.id
        part = next((card.rows.current() for k, card in self._cards() if k == kind), None)
        return None if part is None else part.id

    def _cards(self) -> list[tuple[RecordKind, PartsCard]]:
        return [
            (RecordKind.OUTCOME, self.outcomes),
            (RecordKind.MILESTONE, self.milestones),
            (RecordKind.RISK, self.risks),
        ]

    def clear(self) -> None:
        super().clear()
        self.versions_card.close_all()
        self._show_contract(None)
        self.save_label.clear()

    # -- loading and saving -----------------------------------------------------------------

    def _show_contract(self, contract: Contract | None) -> None:
        self.contract = contract
        self.binder.set_record(contract)
        self.outcomes.set_parts(None if contract is None else contract.outcomes)
        self.milestones.set_parts(None if contract is None else contract.milestones)
        self.risks.set_parts(None if contract is None else contract.risks)
        for card in (self.outcomes, self.milestones, self.risks):
            card.set_editable(contract is not None)
        self._fill_outcome_choices()
        self._show_history()
        self._load_versions()
        self._update_header()
        self.stack.setCurrentIndex(0 if contract is None else 1)
        self.create_button.setEnabled(self.client_id is not None)

    def _load_versions(self) -> None:
        contract = self.contract
        self.versions_card.set_versions(
            []
            if contract is None or contract.id is None
            else list(reversed(self.controller.store.contracts.versions(contract.id)))
        )

    def open_version(self, row: int) -> ContractVersionDialog | None:
        """Show an earlier version read-only (row 0 is the newest)."""
        return self.versions_card.open_version(row)

    def _save(self) -> None:
        contract = self.contract
        if contract is None or self.client_id is None:
            return
        outcomes, milestones, risks = contract.outcomes, contract.milestones, contract.risks
        # A row just added and not yet touched is not part of the contract yet: it must
        # neither block saving the rest nor, on a signed contract, start an amendment.
        contract.outcomes = self.outcomes.stored_parts()
        contract.milestones = self.milestones.stored_parts()
        contract.risks = self.risks.stored_parts()
        try:
            amended = save_contract(self.controller.store, contract)
        finally:  # the cards edit these very lists
            contract.outcomes, contract.milestones, contract.risks = outcomes, milestones, risks
        for card in (self.outcomes, self.milestones, self.risks):
            card.rows.mark_saved()
        if amended:  # a signed contract just became an amendment: show it and its kept version
            self.binder.set_record(contract)
            self._load_versions()
        self._update_header()
        self._fill_outcome_choices()  # new outcomes now have ids and can be linked
        self.controller.notify_changed(self.client_id)

    def create_contract(self) -> None:
        """Start the client's contract from a draft, stored at once."""
        if self.client_id is None or self.contract is not None:
            return
        try:
            contract = start_contract(self.controller.store, self.client_id)
        except InvalidInput as exc:
            QMessageBox.warning(self, "Contract not created", str(exc))
            return
        self._show_contract(contract)
        self.controller.notify_changed(self.client_id)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def mark_signed(self) -> None:
        """Record the signature (after asking); later changes become an amendment."""
        contract = self.contract
        if contract is None or self.client_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Mark the contract signed",
            f"Mark version {contract.version} as signed today?\n\n"
            "It is kept as signed: any later change starts an amendment "
            f"(version {contract.version + 1}).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not self.autosaver.flush():
            QMessageBox.warning(
                self,
                "Contract not signed",
                "Some changes could not be saved yet; correct them first.\n\n"
                + self.autosaver.message,
            )
            return
        try:
            sign_contract(self.controller.store, contract, self.controller.store.today())
        except InvalidInput as exc:
            QMessageBox.warning(self, "Contract not signed", str(exc))
            return
        self.binder.set_record(contract)
        self._update_header()
        self.controller.notify_changed(self.client_id)

    # -- reacting to edits -------------------------------------------------------------------

    def _contract_field_changed(self, field: str) -> None:
        contract = self.contract
        if contract is None:
            return
        if field == "status" and date_signature(contract, self.controller.store.today()):
            self.signed_edit.set_value(contract.signed_date)
        self._update_header()
        self.autosaver.touch()

    def _update_header(self) -> None:
        contract = self.contract
        self.sign_button.setVisible(contract is not None)
        self.pdf_button.setVisible(contract is not None)
        if contract is None:
            self.title_label.clear()
            self.header_label.clear()
            self.status_chip.clear()
            self.status_chip.hide()
            return
        self.title_label.setText(contract.title.strip() or "Untitled contract")
        self.header_label.setText(header_text(contract, len(self.versions_card.versions)))
        self.status_chip.setText(text.label(contract.status))
        colour = STATUS_COLOURS.get(contract.status, "#6b7280")
        self.status_chip.setStyleSheet(f"background: {colour};")
        self.status_chip.show()
        self.sign_button.setEnabled(contract.status != ContractStatus.SIGNED)

    def _show_save_state(self, state: SaveState, message: str) -> None:
        if state == SaveState.SAVED:
            self.save_label.setText("All changes saved" if self.contract is not None else "")
            self.save_label.setStyleSheet("")
        elif state == SaveState.PENDING:
            self.save_label.setText(state.value)
            self.save_label.setStyleSheet("")
        else:
            self.save_label.setText(f"{state.value}: {message}" if message else state.value)
            self.save_label.setStyleSheet("color: #b3261e;")
