"""The two screens shown while the vault is closed: welcome (no vault yet) and unlock."""

from __future__ import annotations

from PySide6.QtCore import QPropertyAnimation, QRect, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.ui.dialogs.passphrase import NewPassphraseFields
from coachdesk.ui.layout import error_label, tab_order


def _card(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame(parent)
    card.setObjectName("card")
    card.setFixedWidth(460)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(28, 24, 28, 24)
    layout.setSpacing(12)
    outer = QVBoxLayout(parent)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card)
    row.addStretch(1)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return card, layout


class WelcomePage(QWidget):
    """First start: create the vault (or restore one from a backup)."""

    create_requested = Signal(str)
    restore_requested = Signal()

    def __init__(self, vault_location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _card_widget, layout = _card(self)
        title = QLabel("Welcome to CoachDesk", self)
        title.setObjectName("pageTitle")
        intro = QLabel(
            "Your client notes will live in an encrypted vault on this computer. Choose a "
            "passphrase you will remember: it is never stored, and without it (or the "
            "recovery code shown next) nobody can read the vault, not even you.",
            self,
        )
        intro.setWordWrap(True)
        where = QLabel(f"Vault location: {vault_location}", self)
        where.setObjectName("hint")
        where.setWordWrap(True)
        self.fields = NewPassphraseFields(self)
        self.create_button = QPushButton("Create vault", self)
        self.create_button.setObjectName("primary")
        self.create_button.setEnabled(False)
        self.fields.valid_changed.connect(self.create_button.setEnabled)
        self.create_button.clicked.connect(self._create)
        self.fields.second.returnPressed.connect(self._create)
        self.restore_button = QPushButton("Restore from a backup…", self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setFlat(True)
        self.restore_button.clicked.connect(self.restore_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        for widget in (title, intro, where, self.fields):
            layout.addWidget(widget)
        layout.addLayout(buttons)

    def _create(self) -> None:
        if self.fields.is_valid():
            passphrase = self.fields.passphrase
            self.fields.clear()
            self.create_requested.emit(passphrase)


class UnlockPage(QWidget):
    """The lock screen: passphrase, Unlock, and a way in when it is forgotten."""

    unlock_requested = Signal(str)
    forgot_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card, layout = _card(self)
        title = QLabel("CoachDesk is locked", self)
        title.setObjectName("pageTitle")
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("unlockPassphrase")
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Passphrase")
        self.passphrase.returnPressed.connect(self._unlock)
        self.error = error_label(self)
        self.unlock_button = QPushButton("Unlock", self)
        self.unlock_button.setObjectName("primary")
        self.unlock_button.clicked.connect(self._unlock)
        self.forgot_button = QPushButton("Forgot passphrase?", self)
        self.forgot_button.setObjectName("forgotButton")
        self.forgot_button.setFlat(True)
        self.forgot_button.clicked.connect(self.forgot_requested)
        # Shown while the key is being derived (about half a second, off the GUI thread).
        self.progress = QProgressBar(self)
        self.progress.setObjectName("unlockProgress")
        self.progress.setAccessibleName("Unlocking")
        self.progress.setRange(0, 0)  # busy: the derivation reports no steps
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout.addWidget(title)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        tab_order(self.passphrase, self.forgot_button, self.unlock_button)  # as they read
        self._shake: QPropertyAnimation | None = None

    def _unlock(self) -> None:
        text = self.passphrase.text()
        if text:
            self.unlock_requested.emit(text)

    def set_busy(self, busy: bool) -> None:
        """While unlocking: show the progress, take no second passphrase."""
        self.progress.setVisible(busy)
        # Read-only rather than disabled: the field keeps the keyboard focus, which then
        # moves on to the workspace as it always did.
        self.passphrase.setReadOnly(busy)
        for widget in (self.unlock_button, self.forgot_button):
            widget.setEnabled(not busy)
        if busy:
            self.error.setText("Unlocking…")
        else:
            self.error.clear()

    def reset(self) -> None:
        self.passphrase.clear()
        self.error.clear()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, message: str) -> None:
        """Say what went wrong, clear the field and shake the card."""
        self.error.setText(message)
        self.passphrase.selectAll()
        start = self._card.geometry()
        animation = QPropertyAnimation(self._card, b"geometry", self)
        animation.setDuration(300)
        for step, dx in enumerate((0, -10, 10, -6, 6, 0)):
            animation.setKeyValueAt(step / 5, QRect(start.translated(dx, 0)))
        animation.start()
        self._shake = animation
