"""Import a filled-in worksheet: review what it adds, record by record, then store.

The rules (reading the PDF, the MAC, validation, storing in one transaction) live in
:mod:`coachdesk.reports.worksheet_import`; this module only shows the proposed records,
lets the coach edit or skip each, and reports the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.errors import CoachDeskError, ValidationError, explain
from coachdesk.core.model import EmotionEntry, FeedbackEntry
from coachdesk.core.worksheets import (
    DEFAULT_ROWS,
    EMOTION_FIELDS,
    MAX_ROWS,
    SESSION_PREP_FIELDS,
    Answer,
    FormField,
    Proposal,
    ProposedRecord,
    SessionPrep,
    WorksheetKind,
)
from coachdesk.reports.worksheet_import import (
    ImportPlan,
    is_protected,
    plan_import,
    read_worksheet_file,
    store_import,
)
from coachdesk.reports.worksheets import TITLES, issue_worksheet, write_worksheet
from coachdesk.ui import text
from coachdesk.ui.controller import VaultController
from coachdesk.ui.files import choose_open_file, choose_save_file
from coachdesk.ui.layout import dialog_buttons

TITLE = "Import worksheet"
_FEEDBACK_FIELDS = (
    FormField("from_name", "From (name)"),
    FormField("from_role", "From (role)"),
    FormField("observed_behaviour", "Observed behaviour", Answer.LONG_TEXT),
    FormField("perceived_impact", "Impact", Answer.LONG_TEXT),
)
_OPTIONAL_NUMBERS = frozenset({"intensity_after"})
"""Numbers a record may leave empty; their spin box has one step below the range for it."""


@dataclass
class _Binding:
    spec: FormField
    widget: QWidget


class RecordEditor(QWidget):
    """The fields of one proposed record, editable; :meth:`record` reads them back."""

    def __init__(self, plan: ImportPlan, proposal: Proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.bindings: list[_Binding] = []
        form = QFormLayout(self)
        record = proposal.record
        if isinstance(record, EmotionEntry):
            specs: tuple[FormField, ...] = EMOTION_FIELDS
            values = {spec.name: getattr(record, spec.name) for spec in specs}
        elif isinstance(record, FeedbackEntry):
            specs = _FEEDBACK_FIELDS
            values = {spec.name: getattr(record, spec.name) for spec in specs}
            outcome = plan.outcomes.get(record.outcome_id or 0)
            if outcome is not None:
                form.addRow("Outcome", _wrapped(outcome.statement))
        else:
            specs = SESSION_PREP_FIELDS
            values = dict(record.answers)
            session = plan.session
            when = text.fmt_datetime(session.started_at) if session else "–"
            form.addRow("Goes to the agenda of", _wrapped(f"the session on {when}"))
        for spec in specs:
            widget = _widget(spec, values.get(spec.name))
            widget.setObjectName(spec.name)
            form.addRow(spec.label, widget)
            self.bindings.append(_Binding(spec, widget))

    def widget(self, name: str) -> QWidget:
        """The editor of the field ``name`` (tests and keyboard focus use it)."""
        return next(b.widget for b in self.bindings if b.spec.name == name)

    def record(self) -> ProposedRecord:
        """The proposal's record with what the coach left in the fields."""
        record = self.proposal.record
        for binding in self.bindings:
            value = _value(binding)
            if isinstance(record, SessionPrep):
                record.answers[binding.spec.name] = str(value or "")
            else:
                setattr(record, binding.spec.name, value)
        return record


def _wrapped(value: str) -> QLabel:
    label = QLabel(value)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _widget(spec: FormField, value: object) -> QWidget:
    if spec.answer == Answer.WHEN:
        edit = QDateTimeEdit()
        edit.setDisplayFormat("dd MMM yyyy, HH:mm")  # as the Emotions tab shows it
        edit.setCalendarPopup(True)
        if isinstance(value, datetime):
            edit.setDateTime(
                QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)
            )
        return edit
    if spec.answer == Answer.NUMBER:
        spin = QSpinBox()
        optional = spec.name in _OPTIONAL_NUMBERS
        spin.setRange(spec.low - 1 if optional else spec.low, spec.high)
        if optional:
            spin.setSpecialValueText("–")  # shown for the minimum: "not given"
        spin.setValue(value if isinstance(value, int) else spin.minimum())
        return spin
    if spec.answer == Answer.LONG_TEXT:
        text_edit = QPlainTextEdit(str(value or ""))
        text_edit.setTabChangesFocus(True)
        text_edit.setFixedHeight(64)
        return text_edit
    return QLineEdit(str(value or ""))


def _value(binding: _Binding) -> object:
    widget = binding.widget
    if isinstance(widget, QDateTimeEdit):
        moment = widget.dateTime()
        day, time = moment.date(), moment.time()
        return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())
    if isinstance(widget, QSpinBox):
        value = widget.value()
        empty = binding.spec.name in _OPTIONAL_NUMBERS and value == widget.minimum()
        return None if empty else value
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    raise TypeError(type(widget))


def _title(plan: ImportPlan, proposal: Proposal) -> str:
    record = proposal.record
    if isinstance(record, EmotionEntry):
        return f"{proposal.where} · {text.fmt_datetime(record.occurred_at)} · {record.label}"
    return proposal.where


class WorksheetImportDialog(QDialog):
    """Every record a worksheet would add, each with a check box (keep or skip) and an
    editor. Store writes the kept ones in one transaction; nothing is written before."""

    def __init__(
        self, controller: VaultController, plan: ImportPlan, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.plan = plan
        self.stored = 0
        self.setWindowTitle(TITLE)
        self.resize(820, 560)
        issued = text.fmt_date(plan.stamp.issued)
        heading = QLabel(
            f"<b>{TITLES[plan.kind]}</b> for {_escape(plan.client.name)}, "
            f"issued {issued}. Untick what you do not want; edit before storing."
        )
        heading.setWordWrap(True)
        self.records = QListWidget()
        self.records.setObjectName("records")
        self.records.setAccessibleName("Records in this worksheet")
        self.editors = QStackedWidget()
        for proposal in plan.proposals:
            item = QListWidgetItem(_title(plan, proposal))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.records.addItem(item)
            self.editors.addWidget(RecordEditor(plan, proposal))
        self.records.currentRowChanged.connect(self.editors.setCurrentIndex)
        self.records.itemChanged.connect(self._update_button)
        self.records.setCurrentRow(0)
        body = QHBoxLayout()
        body.addWidget(self.records, 3)
        body.addWidget(self.editors, 5)
        self.buttons, self.store_button = dialog_buttons(self, on_ok=self.store)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self._update_button()

    def editor(self, row: int) -> RecordEditor:
        widget = self.editors.widget(row)
        assert isinstance(widget, RecordEditor)
        return widget

    def kept_rows(self) -> list[int]:
        return [
            row
            for row in range(self.records.count())
            if self.records.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _update_button(self, *_args: object) -> None:
        count = len(self.kept_rows())
        self.store_button.setText(f"Store {count} record{'s' if count != 1 else ''}")

    def store(self) -> None:
        """Write the kept records; on a rule broken by an edit, say which and stay open."""
        rows = self.kept_rows()
        try:
            keep = [self.editor(row).record() for row in rows]
            self.stored = store_import(
                self.controller.vault.connection, self.plan, keep, now=datetime.now()
            )
        except ValidationError as exc:
            QMessageBox.warning(self, TITLE, f"Nothing was stored: {exc}")
            return
        except CoachDeskError as exc:
            QMessageBox.warning(self, TITLE, explain(exc).sentence())
            self.reject()
            return
        self.accept()


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class NewWorksheetDialog(QDialog):
    """Which worksheet to make for the open client: kind, rows, an optional password."""

    def __init__(self, client_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New worksheet")
        self.kind = QComboBox()
        self.kind.setObjectName("worksheetKind")
        for kind in WorksheetKind:
            self.kind.addItem(TITLES[kind], kind.value)
        self.rows = QSpinBox()
        self.rows.setObjectName("worksheetRows")
        self.rows.setRange(1, MAX_ROWS)
        self.rows.setValue(DEFAULT_ROWS)
        self.protect = QCheckBox("Protect with a password")
        self.password = QLineEdit()
        self.password.setObjectName("worksheetPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setEnabled(False)
        self.protect.toggled.connect(self.password.setEnabled)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        intro = _wrapped(
            f"A fillable PDF for {client_name}, or for a colleague of theirs (feedback "
            "request). Send it; when it comes back filled in, use File → Import worksheet."
        )
        form = QFormLayout()
        form.addRow("&Worksheet", self.kind)
        form.addRow("&Entries (emotion log)", self.rows)
        form.addRow(self.protect)
        form.addRow("&Password", self.password)
        buttons, self.ok_button = dialog_buttons(
            self, on_ok=self._accept, ok=QDialogButtonBox.StandardButton.Save
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_kind(self) -> WorksheetKind:
        return WorksheetKind(self.kind.currentData())

    def chosen_password(self) -> str | None:
        return self.password.text() if self.protect.isChecked() else None

    def _kind_changed(self, _index: int) -> None:
        self.rows.setEnabled(self.chosen_kind() == WorksheetKind.EMOTION_LOG)

    def _accept(self) -> None:
        if self.protect.isChecked() and not self.password.text():
            QMessageBox.information(self, "New worksheet", "Type the password first.")
            return
        self.accept()


def new_worksheet(parent: QWidget, controller: VaultController, client_id: int) -> Path | None:
    """Ask which worksheet, where to save it, then write it. Returns the file or None."""
    client = controller.store.clients.get(client_id)
    dialog = NewWorksheetDialog(client.name, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        kind, rows, password = dialog.chosen_kind(), dialog.rows.value(), dialog.chosen_password()
    finally:
        dialog.deleteLater()
    today = controller.store.today()
    target = choose_save_file(
        parent, "Save worksheet", f"{kind.value}-{today.isoformat()}.pdf", "PDF (*.pdf)"
    )
    if target is None:
        return None
    try:
        vault = controller.vault
        data = issue_worksheet(
            vault.connection, vault.worksheet_key(), kind, client_id, today=today, rows=rows,
            password=password,
        )  # fmt: skip
        write_worksheet(target, data)
    except (CoachDeskError, OSError) as exc:
        QMessageBox.warning(parent, "New worksheet", explain(exc).sentence())
        return None
    return target


def choose_worksheet(parent: QWidget) -> Path | None:
    return choose_open_file(parent, TITLE, "Worksheets (*.pdf)")


def import_worksheet(parent: QWidget, controller: VaultController, path: Path) -> int | None:
    """The whole flow for one file: read, check, review, store. Returns the client id
    whose records changed, or None when nothing was stored (every failure is said)."""
    try:
        data = read_worksheet_file(path)
        password = None
        if is_protected(data):
            password, ok = QInputDialog.getText(
                parent, TITLE, "This worksheet is protected. Its password:",
                QLineEdit.EchoMode.Password,
            )  # fmt: skip
            if not ok:
                return None
        plan = plan_import(
            controller.vault.connection,
            controller.vault.worksheet_key(),
            data,
            today=controller.store.today(),
            password=password,
        )
    except CoachDeskError as exc:
        QMessageBox.warning(parent, TITLE, explain(exc).sentence())
        return None
    dialog = WorksheetImportDialog(controller, plan, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
    finally:
        dialog.deleteLater()
    return plan.client.id
