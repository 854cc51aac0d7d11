"""The contract's earlier versions: the list on the tab and a read-only view of each.

A signed contract is never overwritten; the store keeps each replaced version, and this
card lists them and opens one read-only beside the editor.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core import fields
from coachdesk.core.attendance import allowance_rule
from coachdesk.core.model import (
    Contract,
)
from coachdesk.ui import text
from coachdesk.ui.screen import size_to_screen
from coachdesk.ui.widgets import (
    fill_card,
)
from coachdesk.vault.store import ContractVersion

# --- A version, read-only -------------------------------------------------------------------


def _row(label: str, value: str) -> str:
    shown = html.escape(value).replace("\n", "<br>") if value else "<i>—</i>"
    return (
        f"<tr><td style='color:#6b7280; padding:3px 14px 3px 0; vertical-align:top'>"
        f"{html.escape(label)}</td><td style='padding:3px 0'>{shown}</td></tr>"
    )


def version_html(contract: Contract) -> str:
    """A read-only rendering of a contract version (all user text escaped)."""
    c = contract
    length = f"{c.session_length_minutes} minutes" if c.session_length_minutes else ""
    terms = [
        (fields.label(Contract, "title"), c.title),
        ("Status", text.label(c.status)),
        ("Signed on", text.fmt_date(c.signed_date)),
        ("Start", text.fmt_date(c.start_date)),
        ("End", text.fmt_date(c.end_date)),
        ("Sessions", "" if c.session_count is None else str(c.session_count)),
        ("Session length", length),
        (fields.label(Contract, "cadence"), c.cadence),
        ("Format", text.label(c.format)),
        (fields.label(Contract, "fees"), c.fees),
        (fields.label(Contract, "cancellation_terms"), c.cancellation_terms),
        ("Counted against the sessions", allowance_rule(c)),
        ("Confidentiality", c.confidentiality),
        ("Limits of confidentiality", c.confidentiality_limits),
        ("Reported to the sponsor", c.sponsor_reporting),
        ("Coach (the process)", c.coach_responsibilities),
        ("Client (the decisions)", c.client_responsibilities),
    ]
    out = [
        f"<h2 style='margin-bottom:2px'>Version {c.version}</h2>",
        "<table cellspacing='0'>",
        *(_row(label, value) for label, value in terms),
        "</table>",
    ]
    if c.outcomes:
        out.append("<h3>Outcomes</h3><ol>")
        for o in c.outcomes:
            numbers = (
                f"{text.fmt_number(o.baseline)} → {text.fmt_number(o.current)} → "
                f"{text.fmt_number(o.target)}"
            )
            detail = " · ".join(
                part
                for part in (
                    html.escape(o.measure),
                    numbers,
                    f"by {text.fmt_date(o.deadline)}" if o.deadline else "",
                    f"owner: {html.escape(o.owner)}" if o.owner else "",
                )
                if part
            )
            out.append(f"<li><b>{html.escape(o.statement)}</b><br>{detail}</li>")
        out.append("</ol>")
    if c.milestones:
        out.append("<h3>Milestones</h3><ul>")
        for m in c.milestones:
            when = " · ".join(
                part
                for part in (
                    f"due {text.fmt_date(m.due)}" if m.due else "",
                    f"done {text.fmt_date(m.done_on)}" if m.done_on else "",
                )
                if part
            )
            out.append(f"<li>{html.escape(m.title)}{' — ' + when if when else ''}</li>")
        out.append("</ul>")
    if c.risks:
        out.append("<h3>Risks</h3><ul>")
        for r in c.risks:
            levels = (
                f"likelihood {text.label(r.likelihood).lower()}, impact "
                f"{text.label(r.impact).lower()}, {text.label(r.status).lower()}"
            )
            mitigation = f"<br>Mitigation: {html.escape(r.mitigation)}" if r.mitigation else ""
            out.append(f"<li>{html.escape(r.description)} — {levels}{mitigation}</li>")
        out.append("</ul>")
    return "".join(out)


class ContractVersionDialog(QDialog):
    """An earlier version, read-only: what was signed stays what was signed."""

    def __init__(self, version: ContractVersion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractVersionDialog")
        self.setWindowTitle(
            f"Contract version {version.version} — kept {text.fmt_datetime(version.saved_at)}"
        )
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("versionView")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(version_html(version.contract))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        size_to_screen(self, QSize(640, 720))


# --- The card on the tab -------------------------------------------------------------------


class VersionsCard(QFrame):
    """The list of earlier versions with an Open button; each opens non-modal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions: list[ContractVersion] = []
        self.dialogs: list[ContractVersionDialog] = []
        layout, _heading = fill_card(
            self, "Earlier versions", "kept as they were signed; read-only"
        )
        row = QHBoxLayout()
        self.open_button = QPushButton("Open")
        self.version_list = QListWidget()
        self.version_list.setObjectName("versionList")
        self.version_list.setMaximumHeight(110)
        self.version_list.itemActivated.connect(
            lambda item: self.open_version(self.version_list.row(item))
        )
        self.version_list.currentRowChanged.connect(
            lambda row: self.open_button.setEnabled(row >= 0)
        )
        row.addWidget(self.version_list, 1)
        self.open_button.setObjectName("openVersion")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: self.open_version(self.version_list.currentRow()))
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.no_versions_label = QLabel(
            "None yet: the first change to a signed contract keeps the signed one here."
        )
        self.no_versions_label.setObjectName("cardHint")
        layout.addWidget(self.no_versions_label)

    def set_versions(self, versions: list[ContractVersion]) -> None:
        """Show ``versions``, newest first as given."""
        self.versions = versions
        self.version_list.clear()
        for version in self.versions:
            signed = version.contract.signed_date
            parts = [f"Version {version.version}"]
            if signed is not None:
                parts.append(f"signed {text.fmt_date(signed)}")
            parts.append(f"replaced {text.fmt_datetime(version.saved_at)}")
            item = QListWidgetItem(" · ".join(parts))
            item.setToolTip("Open a read-only view of this version")
            self.version_list.addItem(item)
        self.no_versions_label.setVisible(not self.versions)
        self.version_list.setVisible(bool(self.versions))
        self.open_button.setVisible(bool(self.versions))
        self.open_button.setEnabled(False)

    def open_version(self, row: int) -> ContractVersionDialog | None:
        """Show an earlier version read-only (non-modal, so it can sit beside the editor)."""
        if not 0 <= row < len(self.versions):
            return None
        dialog = ContractVersionDialog(self.versions[row], self)
        dialog.finished.connect(lambda _result: self.forget_dialog(dialog))
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    def close_all(self) -> None:
        for dialog in list(self.dialogs):
            self.forget_dialog(dialog)

    def forget_dialog(self, dialog: ContractVersionDialog) -> None:
        """Close the view and drop its text now, not at the next event loop."""
        if dialog not in self.dialogs:
            return
        self.dialogs.remove(dialog)
        dialog.browser.clear()
        dialog.hide()
        dialog.setParent(None)
        dialog.deleteLater()
