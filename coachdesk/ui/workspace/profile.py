"""The Profile tab: who the client is, who sponsors the coaching, how to reach them.

Every field autosaves. A client without a name cannot be stored, so emptying the name
says so next to the field and nothing is saved until a name is back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core import fields
from coachdesk.core.model import Client, ClientStatus, Disclosure, Focus
from coachdesk.core.sharing import disclosure_summary
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import (
    LabelColumn,
    WheelGuard,
    add_section,
    form_layout,
    hint,
    line_edit,
    note,
    scroll_area,
    with_hint,
)
from coachdesk.ui.sharing import AudienceChipDelegate
from coachdesk.ui.widgets import OptionalDateEdit
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.vault.search import RecordKind

NAME_REQUIRED = "A name is required"
ERROR_TEXT = QColor("#b3261e")
FORM_MAX_WIDTH = 760


def parse_tags(value: str) -> list[str]:
    """Comma-separated text as tags: trimmed, no empties, no repeats (ignoring case)."""
    tags: list[str] = []
    seen: set[str] = set()
    for part in value.split(","):
        tag = part.strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def error_label(text_: str, object_name: str) -> QLabel:
    label = QLabel(text_)
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_TEXT)
    label.setPalette(palette)
    label.hide()
    return label


class ProfileTab(WorkspaceTab):
    """Edits every field of the client record; saves to ``store.clients``."""

    title = "Profile"
    record_kinds = frozenset({RecordKind.CLIENT})

    def __init__(
        self,
        controller: VaultController,
        parent: QWidget | None = None,
        *,
        autosave_delay_ms: int | None = None,
    ) -> None:
        super().__init__(controller, parent)
        self._binder = RecordBinder(self, cursor_at_end=True)
        self._saver = self.make_autosaver(self._save, autosave_delay_ms)
        self._saver.state_changed.connect(self._save_state_changed)
        self._wheel_guard = WheelGuard(self)
        self._labels = LabelColumn()

        scroll = scroll_area("profileEditor")
        outer = QWidget()
        row = QHBoxLayout(outer)
        row.setContentsMargins(24, 8, 24, 24)
        page = QWidget()
        page.setMaximumWidth(FORM_MAX_WIDTH)
        self._page = QVBoxLayout(page)
        self._page.setContentsMargins(0, 0, 0, 0)
        self._page.setSpacing(6)
        row.addWidget(page, 1)
        row.addStretch(0)
        scroll.setWidget(outer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._problem = error_label("", "profileProblem")
        self._page.addWidget(self._problem)
        self._build()
        self._labels.align()
        self._page.addStretch(1)
        self._binder.set_record(None)
        self._tags.setEnabled(False)

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        b = self._binder

        form = form_layout()
        self._name = line_edit("clientName", "Full name")
        self._name.setAccessibleName("Name (required)")
        self._name_error = error_label(NAME_REQUIRED, "nameError")
        self._organisation = line_edit("organisation", "Company or institution")
        self._role = line_edit("role", "e.g. Chief Operating Officer")
        name_box = QVBoxLayout()
        name_box.setSpacing(2)
        name_box.addWidget(self._name)
        name_box.addWidget(self._name_error)
        form.addRow(self._label(fields.form_label(Client, "name"), self._name), name_box)
        form.addRow(
            self._label(fields.form_label(Client, "organisation"), self._organisation),
            self._organisation,
        )
        form.addRow(self._label(fields.form_label(Client, "role"), self._role), self._role)
        self._section("Client", form)
        b.text(self._name, "name")
        b.text(self._organisation, "organisation")
        b.text(self._role, "role")
        self._name.textEdited.connect(self._name_edited)

        form = form_layout()
        self._email = line_edit("email", "name@example.org")
        self._phone = line_edit("phone")
        form.addRow(self._label(fields.form_label(Client, "email"), self._email), self._email)
        form.addRow(self._label(fields.form_label(Client, "phone"), self._phone), self._phone)
        self._section("Contact", form)
        b.text(self._email, "email")
        b.text(self._phone, "phone")

        form = form_layout()
        self._sponsor_org = line_edit("sponsorOrganisation", "Who pays for the coaching")
        self._sponsor_contact = line_edit("sponsorContact", "Name, role, e-mail")
        form.addRow(
            self._label(fields.form_label(Client, "sponsor_organisation"), self._sponsor_org),
            self._sponsor_org,
        )
        form.addRow(
            self._label(fields.form_label(Client, "sponsor_contact"), self._sponsor_contact),
            self._sponsor_contact,
        )
        self._section("Sponsor", form)
        b.text(self._sponsor_org, "sponsor_organisation")
        b.text(self._sponsor_contact, "sponsor_contact")

        form = form_layout()
        self._status = QComboBox()
        self._status.setObjectName("clientStatus")
        self._focus = QComboBox()
        self._focus.setObjectName("clientFocus")
        self._tags = line_edit("tags", "Comma-separated, e.g. board, delegation")
        form.addRow(self._label("&Status", self._status), self._status)
        form.addRow(self._label("&Focus", self._focus), self._focus)
        form.addRow(self._label(fields.form_label(Client, "tags"), self._tags), self._tags)
        self._section("Coaching", form)
        b.choice(self._status, "status", ClientStatus)
        b.choice(self._focus, "focus", Focus)
        self._tags.textEdited.connect(self._tags_edited)

        self._intake = note("intakeNotes", "How the client came, what they hope for", 5)
        intake = fields.label(Client, "intake_notes")
        self._intake.setAccessibleName(intake)
        self._section(intake, self._intake)
        b.text(self._intake, "intake_notes")

        form = form_layout()
        self._retention = OptionalDateEdit()
        self._retention.setObjectName("retentionDate")
        retention = hint(
            "When this client’s records should be deleted under your retention policy. "
            "Ctrl+Delete clears the date."
        )
        form.addRow(
            self._label("&Delete records on", self._retention),
            with_hint(self._retention, retention),
        )
        self._section("Data protection", form)
        b.date(self._retention, "retention_date")

        self._disclosures = QTreeWidget()
        self._disclosures.setObjectName("disclosureLog")
        self._disclosures.setHeaderLabels(["When", "Report", "For", "Items", "Client approval"])
        self._disclosures.setRootIsDecorated(False)
        self._disclosures.setAlternatingRowColors(True)
        self._disclosures.setMinimumHeight(140)
        self._disclosures.setItemDelegateForColumn(2, AudienceChipDelegate(self._disclosures))
        self._disclosures.setToolTip(
            "Every report shared about this client: when, for whom and which items "
            "(never the content). Part of the client data export."
        )
        self._no_disclosures = hint("Nothing about this client has been shared yet.")
        shared = QVBoxLayout()
        shared.addWidget(self._no_disclosures)
        shared.addWidget(self._disclosures)
        self._section("Shared with others", shared)

        b.changed.connect(self._edited)
        for fixed in (self._status, self._focus, self._retention):
            fixed.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            fixed.setMinimumWidth(200)
        self._wheel_guard.guard(self._status, self._focus, self._retention)

    def _section(self, heading: str, content: QWidget | QLayout) -> None:
        add_section(self._page, heading, content)

    def _label(self, text_: str, buddy: QWidget) -> QLabel:
        return self._labels.label(text_, buddy)

    # -- WorkspaceTab ------------------------------------------------------------------

    def show_client(self, client_id: int) -> None:
        same = client_id == self.client_id
        if not self.flush() and same:
            return  # keep the unsaved (e.g. nameless) edits on screen
        if not same:
            self.clear()
        super().show_client(client_id)
        client = self.controller.store.clients.get(client_id)
        self._binder.set_record(client)
        tags = ", ".join(client.tags)
        if parse_tags(self._tags.text()) != client.tags:
            self._tags.setText(tags)
        self._tags.setEnabled(True)
        self._name_error.hide()
        self._problem.hide()
        self._show_disclosures(self.controller.store.disclosures.for_client(client_id))

    def _show_disclosures(self, entries: list[Disclosure]) -> None:
        self._disclosures.clear()
        for entry in reversed(entries):  # newest first
            row = QTreeWidgetItem(list(disclosure_summary(entry)))
            row.setToolTip(3, " ".join(entry.item_ids))
            self._disclosures.addTopLevelItem(row)
        for column in range(4):
            self._disclosures.resizeColumnToContents(column)
        self._disclosures.setVisible(bool(entries))
        self._no_disclosures.setVisible(not entries)

    def selected_record(self, kind: RecordKind) -> int | None:
        return self.client_id if kind == RecordKind.CLIENT else None

    def clear(self) -> None:
        super().clear()
        self._binder.set_record(None)
        self._tags.setText("")
        self._tags.setEnabled(False)
        self._name_error.hide()
        self._problem.setText("")
        self._problem.hide()
        self._show_disclosures([])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)

    # -- editing -------------------------------------------------------------------

    def _client(self) -> Client | None:
        record = self._binder.record
        return record if isinstance(record, Client) else None

    def _name_edited(self, value: str) -> None:
        self._name_error.setVisible(not value.strip())

    def _tags_edited(self, value: str) -> None:
        client = self._client()
        if client is None:
            return
        tags = parse_tags(value)
        if tags != client.tags:
            client.tags = tags
            self._edited("tags")

    def _edited(self, _field: str) -> None:
        self._saver.touch()

    def _save(self) -> None:
        client = self._client()
        if client is None:
            return
        self.controller.store.clients.save(client)
        if client.id is not None:
            self.controller.notify_changed(client.id)

    def _save_state_changed(self, state: SaveState, message: str) -> None:
        """Rule broken (a bad e-mail, say): say which, next to the form."""
        client = self._client()
        nameless = client is not None and not client.name.strip()
        self._name_error.setVisible(nameless)
        show = state in (SaveState.INVALID, SaveState.FAILED) and not nameless
        self._problem.setText(message if show else "")
        self._problem.setVisible(show)
