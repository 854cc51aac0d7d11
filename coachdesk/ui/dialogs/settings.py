"""Preferences: auto-lock, backups, report defaults. Nothing personal is stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from coachdesk.core.errors import InvalidInput
from coachdesk.ui import settings as keys
from coachdesk.ui.files import choose_folder
from coachdesk.ui.layout import dialog_buttons
from coachdesk.ui.settings import AppSettings
from coachdesk.vault.outputs import check_output_folder

CALENDAR_CHOICES = (
    ("“Coaching session” only (recommended)", "generic"),
    ("With the client's initials", "initials"),
    ("With the client's name", "name"),
)
CALENDAR_WARNING = (
    "Calendar files leave the encrypted vault: calendar apps sync them to the cloud, "
    "show them on lock screens and share them with anyone who sees your calendar. "
    "With initials or the name, those people can tell who you coach and when."
)


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._settings = settings
        self.autolock = QSpinBox(self)
        self.autolock.setObjectName("autolockMinutes")
        self.autolock.setRange(1, 240)
        self.autolock.setSuffix(" min")
        self.autolock.setValue(settings.get_int(keys.AUTOLOCK_MINUTES))
        self.backup_folder = QLineEdit(settings.get_str(keys.BACKUP_FOLDER), self)
        self.backup_folder.setObjectName("backupFolder")
        self.backup_folder.setAccessibleName("Backup folder")
        self.backup_folder.setPlaceholderText("No automatic backups")
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_folder, 1)
        folder_row.addWidget(browse)
        self.backup_interval = QSpinBox(self)
        self.backup_interval.setObjectName("backupInterval")
        self.backup_interval.setRange(1, 24 * 7)
        self.backup_interval.setSuffix(" h")
        self.backup_interval.setValue(settings.get_int(keys.BACKUP_INTERVAL_HOURS))
        self.page_size = QComboBox(self)
        self.page_size.setObjectName("pageSize")
        self.page_size.addItems(["A4", "Letter"])
        self.page_size.setCurrentText(settings.get_str(keys.REPORT_PAGE_SIZE))
        self.coach_name = QLineEdit(settings.get_str(keys.REPORT_COACH_NAME), self)
        self.coach_name.setObjectName("coachName")
        self.coach_name.setPlaceholderText("Your name, for contracts and report footers")
        self.event_text = QComboBox(self)
        self.event_text.setObjectName("calendarEventText")
        for label, value in CALENDAR_CHOICES:
            self.event_text.addItem(label, value)
        chosen = self.event_text.findData(settings.get_str(keys.CALENDAR_EVENT_TEXT))
        self.event_text.setCurrentIndex(max(chosen, 0))
        self.event_warning = QLabel(CALENDAR_WARNING, self)
        self.event_warning.setObjectName("calendarWarning")
        self.event_warning.setWordWrap(True)
        self.event_warning.setStyleSheet("color: #b3261e;")
        self.event_text.currentIndexChanged.connect(self._event_text_changed)
        self._event_text_changed()
        buttons, _save = dialog_buttons(self, ok=QDialogButtonBox.StandardButton.Save)
        # Numbers and short choices as wide as their content, not the whole dialog.
        for short in (self.autolock, self.backup_interval, self.page_size):
            short.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Lock after", self.autolock)
        form.addRow("Backup folder", folder_row)
        form.addRow("Back up every", self.backup_interval)
        form.addRow("Report paper", self.page_size)
        form.addRow("Coach name", self.coach_name)
        form.addRow("Calendar events", self.event_text)
        form.addRow("", self.event_warning)
        form.addRow(buttons)
        self.setMinimumWidth(480)

    def _event_text_changed(self, _index: int = 0) -> None:
        self.event_warning.setVisible(self.event_text.currentData() != "generic")

    def _choose_folder(self) -> None:
        folder = choose_folder(self, "Backup folder", self.backup_folder.text())
        if folder is not None:
            self.backup_folder.setText(str(folder))

    def accept(self) -> None:
        folder = self.backup_folder.text().strip()
        if folder:
            try:
                check_output_folder(Path(folder).expanduser())
            except InvalidInput as exc:
                QMessageBox.warning(self, "Backup folder", f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
                return
        self._settings.set(keys.AUTOLOCK_MINUTES, self.autolock.value())
        self._settings.set(keys.BACKUP_FOLDER, folder)
        self._settings.set(keys.BACKUP_INTERVAL_HOURS, self.backup_interval.value())
        self._settings.set(keys.REPORT_PAGE_SIZE, self.page_size.currentText())
        self._settings.set(keys.REPORT_COACH_NAME, self.coach_name.text().strip())
        self._settings.set(keys.CALENDAR_EVENT_TEXT, str(self.event_text.currentData()))
        self._settings.sync()
        super().accept()
