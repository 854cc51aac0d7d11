"""Reports in the app: generate off the GUI thread, preview, save (optionally with a
password) or print
(through :mod:`coachdesk.ui.printing`).

The engagement is read on the GUI thread (one quick query batch on the GUI's
connection, which must not be shared across threads); rendering, the slow part, is a
pure function of it and runs in a :class:`~coachdesk.ui.workers.Job`. The PDF stays in
memory until the coach saves it: no temp file. Suggested file names never contain a
client's name (they would end up in file-dialog history and recent-file lists).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# Only the kinds here: ReportLab (coachdesk.reports.api, .document) is imported when a
# report is first made, not when the app starts.
from coachdesk.core.audience import DisclosureAction, ReportCopy
from coachdesk.core.errors import CoachDeskError, InvalidInput
from coachdesk.core.model import Engagement
from coachdesk.core.sharing import (
    REPORT_AUDIENCE,
    confirm_sponsor_items,
    disclosure_for,
    needs_sponsor_confirmation,
    report_copy,
)
from coachdesk.reports import SHAREABLE, ReportKind
from coachdesk.reports.kinds import TITLES
from coachdesk.ui import settings as keys
from coachdesk.ui.controller import VaultController
from coachdesk.ui.files import choose_save_file
from coachdesk.ui.printing import SPOOL_NOTE, PrintRun, PrintState
from coachdesk.ui.screen import size_to_screen
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.sharing import SharePlan, SponsorConfirmDialog, choose_contract_copy, review
from coachdesk.ui.workers import Job
from coachdesk.vault.db import transaction
from coachdesk.vault.outputs import write_output_file

Disclose = Callable[[DisclosureAction], AbstractContextManager[None]]
"""Logs a shared report in the vault around the act of sharing (see ReportRunner)."""


def suggested_file_name(kind: ReportKind, today: date) -> str:
    return f"{kind.value}-{today.isoformat()}.pdf"


class ReportPreviewDialog(QDialog):
    """The rendered PDF, with Save and Print. The bytes live only in this dialog."""

    def __init__(
        self,
        kind: ReportKind,
        pdf: bytes,
        parent: QWidget | None = None,
        vault_folder: Path | None = None,
        disclose: Disclose | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault_folder = vault_folder
        self.setWindowTitle(f"{TITLES[kind]} — preview")
        self.kind = kind
        self.disclose = disclose
        """For a shareable report: logs the disclosure, committed only if the save or
        print inside it succeeds."""
        self.pdf = pdf
        self.saved_to: str | None = None
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("reportPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.protect = QCheckBox("Protect with a password", self)
        self.protect.setObjectName("protectCheck")
        self.password = QLineEdit(self)
        self.password.setObjectName("pdfPassword")
        self.password.setAccessibleName("PDF password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("PDF password")
        self.password.setEnabled(False)
        self.protect.toggled.connect(self.password.setEnabled)
        self.save_button = QPushButton("Save PDF…", self)
        self.save_button.setObjectName("savePdfButton")
        self.save_button.setDefault(True)
        self.print_button = QPushButton("Print…", self)
        self.print_button.setObjectName("printButton")
        self.print_button.setToolTip(SPOOL_NOTE)
        self.print_run: PrintRun | None = None
        close = QPushButton("Close", self)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_document)
        close.clicked.connect(self.reject)
        self.pages_label = QLabel(f"{self.document.pageCount()} page(s)", self)
        self.pages_label.setObjectName("hint")
        self.pages_label.setWordWrap(True)  # a long print message wraps, never widens
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label, 1)
        bar.addWidget(self.protect)
        bar.addWidget(self.password)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        size_to_screen(self, QSize(860, 900))

    def bytes_to_save(self) -> bytes | None:
        if not self.protect.isChecked():
            return self.pdf
        if not self.password.text():
            QMessageBox.warning(self, "Password", "Type a password, or untick the option.")
            return None
        from coachdesk.reports.document import encrypt_pdf

        return encrypt_pdf(self.pdf, self.password.text())

    def save(self) -> None:
        data = self.bytes_to_save()
        if data is None:
            return
        target = choose_save_file(
            self, "Save report", suggested_file_name(self.kind, date.today()), "PDF (*.pdf)"
        )
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            with self._disclosing(DisclosureAction.SAVED):
                write_output_file(target, data, vault_folder=self.vault_folder)
        except InvalidInput as exc:  # inside a vault folder, a hard link, not a file
            QMessageBox.warning(self, "Not saved", f"The PDF was not saved: {exc}.")
            return
        except OSError as exc:
            QMessageBox.warning(self, "Not saved", f"The PDF could not be saved: {exc.strerror}.")
            return
        self.saved_to = str(target)
        self.accept()

    def print_document(self) -> None:
        """Print through the operating system (coachdesk.ui.printing); with no printer,
        or if a file is asked for, the way on is this dialog's own Save."""
        self.print_run = PrintRun(self, self.pdf, self.document, save_instead=self.save)
        self.print_run.ended.connect(self._printed)
        self.print_run.start()

    def _printed(self, message: str) -> None:
        run = self.print_run
        if run is not None and run.state == PrintState.SENT and self.disclose is not None:
            # The job has left: log it (a printout cannot be taken back, so this comes
            # after; a failure to log is said, not hidden).
            try:
                with self.disclose(DisclosureAction.PRINTED):
                    pass
            except CoachDeskError as exc:
                message = f"{message} Not logged in the disclosure log: {exc}"
        if message:
            self.pages_label.setText(message)

    def _disclosing(self, action: DisclosureAction) -> AbstractContextManager[None]:
        return contextlib.nullcontext() if self.disclose is None else self.disclose(action)

    def done(self, result: int) -> None:
        # An empty document, not None: None makes Qt warn on stderr at every close.
        self.view.setDocument(QPdfDocument(self))
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray())
        self.pdf = b""
        self.disclose = None
        super().done(result)


class ReportRunner:
    """Builds a report for the selected client in the background, then previews it."""

    def __init__(self, controller: VaultController, settings: AppSettings, parent: QWidget) -> None:
        self.controller = controller
        self.settings = settings
        self.parent = parent
        self.job: Job | None = None
        self.last_dialog: ReportPreviewDialog | None = None
        self.preview_opened: Callable[[ReportPreviewDialog], None] | None = None
        self.contract_changed: Callable[[int], None] | None = None
        """Called after the coach confirmed what the sponsor sees (the contract changed)."""

    def _page_size(self) -> str:
        return "letter" if self.settings.get_str(keys.REPORT_PAGE_SIZE) == "Letter" else "a4"

    def generate(
        self,
        kind: ReportKind,
        client_id: int,
        session_id: int | None = None,
        include_private: bool = False,
    ) -> Job | None:
        """Render in the background, then preview. A shareable report is first reviewed
        (:meth:`plan_share`); None when the coach cancels there."""
        engagement = self.controller.store.load_engagement(client_id)
        versions = self.controller.store.contract_versions(engagement)
        today = date.today()
        page_size = self._page_size()
        coach = self.settings.get_str(keys.REPORT_COACH_NAME)
        plan: SharePlan | None = None
        if kind in SHAREABLE:
            if kind == ReportKind.SESSION:
                from coachdesk.reports.session_summary import pick_session

                session_id = pick_session(engagement, session_id, today).id
            plan = self.plan_share(kind, engagement, session_id)
            if plan is None:
                return None
            engagement = self.controller.store.load_engagement(client_id)
        audience = None if plan is None else REPORT_AUDIENCE[plan.which].value
        exclude = frozenset() if plan is None else plan.exclude

        def render(_progress: object, _cancelled: object) -> bytes:
            from coachdesk.reports import render_report

            return render_report(
                kind,
                engagement,
                today=today,
                page_size=page_size,
                session_id=session_id,
                include_private=include_private,
                coach_name=coach,
                contract_versions=versions,
                audience=audience if kind == ReportKind.CONTRACT else None,
                exclude=exclude,
            )

        disclose = None
        if plan is not None:
            disclose = self._discloser(engagement, plan, session_id)
        return self._start(kind, render, disclose)

    def plan_share(
        self, kind: ReportKind, engagement: Engagement, session_id: int | None
    ) -> SharePlan | None:
        """Which copy, the sponsor confirmation when due, and the review."""
        which: ReportCopy | None
        which = choose_contract_copy(self.parent) if kind == ReportKind.CONTRACT else None
        if kind == ReportKind.CONTRACT and which is None:
            return None
        which = which or report_copy(kind.value)
        if needs_sponsor_confirmation(engagement, which):
            dialog = SponsorConfirmDialog(engagement, self.parent)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            refs = dialog.sponsor_refs()
            dialog.deleteLater()
            if not accepted:
                return None
            contract = engagement.contract
            assert contract is not None
            confirm_sponsor_items(contract, refs, date.today())
            self.controller.store.contracts.save(contract)
            if self.contract_changed is not None and engagement.client.id is not None:
                self.contract_changed(engagement.client.id)
        return review(which, engagement, self.parent, session_id)

    def _discloser(
        self, engagement: Engagement, plan: SharePlan, session_id: int | None
    ) -> Disclose:
        """Holds only the log entry (ids, no client text) and the client's id, so a
        preview kept after a lock keeps nothing of the client alive."""
        store = self.controller.store
        entry = disclosure_for(
            engagement,
            plan.which,
            at=datetime.now(),
            exclude=plan.exclude,
            session_id=session_id,
            approved_on=plan.approved_on,
        )
        client_id = engagement.client.id
        controller = self.controller

        @contextlib.contextmanager
        def disclose(action: DisclosureAction) -> Iterator[None]:
            with transaction(store.conn):
                store.disclosures.save(
                    replace(entry, id=None, at=datetime.now().replace(microsecond=0), action=action)
                )
                yield
            if client_id is not None:
                controller.notify_changed(client_id)

        return disclose

    def generate_recovery_kit(self, code: str) -> Job:
        self.controller.vault.check_recovery_code(code)
        location = str(self.controller.vault_dir)
        page_size = self._page_size()

        def render(_progress: object, _cancelled: object) -> bytes:
            from coachdesk.reports import render_recovery_kit

            return render_recovery_kit(code, location, today=date.today(), page_size=page_size)

        return self._start(ReportKind.RECOVERY_KIT, render)

    def _start(
        self,
        kind: ReportKind,
        render: Callable[[object, object], bytes],
        disclose: Disclose | None = None,
    ) -> Job:
        job = Job(render)
        busy = QProgressDialog(f"Preparing the {TITLES[kind].lower()}…", "", 0, 0, self.parent)
        busy.setCancelButton(None)
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(400)
        job.signals.finished.connect(lambda pdf: self._show(kind, pdf, busy, disclose))
        job.signals.failed.connect(lambda message: self._failed(message, busy))
        self.job = job
        job.start()
        return job

    def _show(
        self, kind: ReportKind, pdf: bytes, busy: QProgressDialog, disclose: Disclose | None
    ) -> None:
        busy.close()
        busy.deleteLater()
        if not self.controller.is_unlocked:
            return  # locked while rendering: show nothing
        dialog = ReportPreviewDialog(
            kind, pdf, self.parent, vault_folder=self.controller.vault_dir, disclose=disclose
        )
        self.last_dialog = dialog
        if self.preview_opened is not None:
            self.preview_opened(dialog)
        dialog.exec()
        dialog.deleteLater()

    def _failed(self, message: str, busy: QProgressDialog) -> None:
        busy.close()
        busy.deleteLater()
        QMessageBox.warning(self.parent, "Report not created", message)
