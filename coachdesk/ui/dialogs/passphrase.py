"""Choosing a passphrase: typed twice, with a strength meter."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QWidget

from coachdesk.vault.keys import MIN_PASSPHRASE_CHARS, passphrase_strength

STRENGTH_COLOURS = ("#c62828", "#c62828", "#e08a00", "#7cb342", "#2e7d32")
"""The meter's colour for each score 0-4: red, amber, light green, green."""
_METER_STYLE = """
QProgressBar {{ border: none; border-radius: 4px; background: palette(mid); }}
QProgressBar::chunk {{ border-radius: 4px; background: {colour}; }}
"""


class NewPassphraseFields(QWidget):
    """Two hidden fields and a meter; ``valid_changed`` says whether they can be used."""

    valid_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit(self)
        self.first.setObjectName("newPassphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setPlaceholderText(f"At least {MIN_PASSPHRASE_CHARS} characters; a few words")
        self.second = QLineEdit(self)
        self.second.setObjectName("repeatPassphrase")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(8)
        self.meter.setObjectName("strengthMeter")
        self.meter.setAccessibleName("Passphrase strength")
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)  # the whole advice, never "a fe…"
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow("Passphrase", self.first)
        layout.addRow("Repeat", self.second)
        layout.addRow("", self.meter)
        layout.addRow("", self.hint)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    @property
    def passphrase(self) -> str:
        return self.first.text()

    def is_valid(self) -> bool:
        text = self.first.text()
        return len(text) >= MIN_PASSPHRASE_CHARS and text == self.second.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def _update(self) -> None:
        score, hint = passphrase_strength(self.first.text())
        self.meter.setValue(score)
        self.meter.setStyleSheet(_METER_STYLE.format(colour=STRENGTH_COLOURS[score]))
        self.meter.setAccessibleDescription(hint)
        if self.first.text() and self.second.text() and self.first.text() != self.second.text():
            hint = "The two passphrases differ."
        self.hint.setText(hint if self.first.text() else "")
        self.valid_changed.emit(self.is_valid())
