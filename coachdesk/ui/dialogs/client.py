"""A new client: the name is all it takes; the rest is edited in the Profile tab."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from coachdesk.core.model import Client, Focus
from coachdesk.ui import text
from coachdesk.ui.layout import dialog_buttons


class NewClientDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New client")
        self.name = QLineEdit(self)
        self.name.setObjectName("clientName")
        self.organisation = QLineEdit(self)
        self.organisation.setObjectName("clientOrganisation")
        self.focus = QComboBox(self)
        for member in Focus:
            self.focus.addItem(text.label(member), member.value)
        self.buttons, self.ok_button = dialog_buttons(self, "Add client", enabled=False)
        self.name.textChanged.connect(lambda value: self.ok_button.setEnabled(bool(value.strip())))
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Organisation", self.organisation)
        form.addRow("Focus", self.focus)
        form.addRow(self.buttons)
        self.setMinimumWidth(420)

    def client(self) -> Client:
        return Client(
            name=self.name.text().strip(),
            organisation=self.organisation.text().strip(),
            focus=Focus(self.focus.currentData()),
        )
