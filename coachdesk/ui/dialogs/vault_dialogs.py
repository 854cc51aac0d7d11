"""Dialogs around the vault's keys: the recovery code, recovery, passphrase change,
and revoking every old key after an exposure."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.errors import CoachDeskError, WrongPassphrase
from coachdesk.ui.dialogs.passphrase import NewPassphraseFields
from coachdesk.ui.layout import dialog_buttons, error_label


class RecoveryCodeDialog(QDialog):
    """Shows the recovery code once; the coach confirms having stored it.

    There is deliberately no "copy" button: the clipboard is readable by every program
    and often synced. ``save_kit`` (when given) saves the printable recovery-kit PDF.
    """

    def __init__(
        self,
        code: str,
        save_kit: Callable[[QWidget], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your recovery code")
        self.setModal(True)
        intro = QLabel(
            "This code is the only way back into your vault if you forget the passphrase. "
            "Write it down or print the recovery kit, and keep it offline, away from this "
            "laptop. It will not be shown again.",
            self,
        )
        intro.setWordWrap(True)
        self.code_label = QLabel(code, self)
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if save_kit is not None:  # made before the check box below it: Tab reads down
            self.kit_button = QPushButton("Save recovery kit (PDF)…", self)
            self.kit_button.setObjectName("saveKitButton")
            self.kit_button.clicked.connect(lambda: save_kit(self))
        self.stored = QCheckBox("I have stored the recovery code somewhere safe", self)
        self.stored.setObjectName("storedCheck")
        self.buttons, self.ok_button = dialog_buttons(self, "Continue", cancel=False, enabled=False)
        self.stored.toggled.connect(self.ok_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        if save_kit is not None:
            layout.addWidget(self.kit_button)
        layout.addWidget(self.stored)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def reject(self) -> None:
        # Escape must not skip the confirmation: the code is never shown again.
        if self.stored.isChecked():
            super().reject()

    def done(self, result: int) -> None:
        self.code_label.clear()  # do not keep the code in a widget longer than needed
        super().done(result)


class RecoverDialog(QDialog):
    """Forgot the passphrase: the recovery code and a new passphrase."""

    def __init__(self, recover: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover access")
        self._recover = recover
        self.code = QLineEdit(self)
        self.code.setObjectName("recoveryCodeInput")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.fields = NewPassphraseFields(self)
        self.error = error_label(self)
        self.buttons, self.ok_button = dialog_buttons(
            self, "Set new passphrase", on_ok=self._try, enabled=False
        )
        self.fields.valid_changed.connect(self._update)
        self.code.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow("Recovery code", self.code)
        layout = QVBoxLayout(self)
        explain = QLabel(
            "Enter the recovery code you stored when the vault was created, then choose a "
            "new passphrase. The old passphrase will stop working.",
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.code.text().strip()) and self.fields.is_valid())

    def _try(self) -> None:
        try:
            self._recover(self.code.text(), self.fields.passphrase)
        except CoachDeskError as exc:
            self.error.setText(_sentence(str(exc)))
            return
        self.accept()

    def done(self, result: int) -> None:
        self.code.clear()
        self.fields.clear()
        super().done(result)


class ChangePassphraseDialog(QDialog):
    def __init__(self, change: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self._change = change
        self.current = QLineEdit(self)
        self.current.setObjectName("currentPassphrase")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields = NewPassphraseFields(self)
        self.error = error_label(self)
        self.buttons, self.ok_button = dialog_buttons(self, on_ok=self._try, enabled=False)
        self.fields.valid_changed.connect(
            lambda valid: self.ok_button.setEnabled(valid and bool(self.current.text()))
        )
        self.current.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text) and self.fields.is_valid())
        )
        form = QFormLayout()
        form.addRow("Current passphrase", self.current)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)  # room for the strength advice on one or two lines

    def _try(self) -> None:
        try:
            self._change(self.current.text(), self.fields.passphrase)
        except CoachDeskError as exc:
            self.error.setText(_sentence(str(exc)))
            return
        self.accept()

    def done(self, result: int) -> None:
        self.current.clear()
        self.fields.clear()
        super().done(result)


class RevokeKeysDialog(QDialog):
    """For "I think my passphrase or a backup was exposed": explain, confirm, rotate.

    ``rotate(passphrase)`` replaces every key (Vault.rotate_keys) and returns the new
    recovery code, kept in :attr:`recovery_code` for the caller to show once. The
    re-encryption takes seconds on a large vault, so the wait cursor shows meanwhile.
    """

    def __init__(self, rotate: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Revoke old keys")
        self._rotate = rotate
        self.recovery_code = ""
        explain = QLabel(
            "If your passphrase, your recovery code, a backup or a copy of the vault may "
            "have been exposed, this makes every old key useless: the vault is "
            "re-encrypted under new keys, old backups and old copies of the vault header "
            "no longer open it, and you get a NEW recovery code (the old one stops "
            "working). Your passphrase stays the same; change it too if it was exposed. "
            "Backups made before keep their own keys: delete them if they may be exposed.",
            self,
        )
        explain.setWordWrap(True)
        self.current = QLineEdit(self)
        self.current.setObjectName("currentPassphrase")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label(self)
        self.buttons, self.ok_button = dialog_buttons(
            self, "Revoke old keys", on_ok=self._try, enabled=False
        )
        self.current.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        form = QFormLayout()
        form.addRow("Current passphrase", self.current)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _try(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.recovery_code = self._rotate(self.current.text())
        except WrongPassphrase:
            self.error.setText("That passphrase does not open this vault; nothing was changed.")
            return
        except CoachDeskError as exc:
            self.error.setText(_sentence(str(exc)))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()

    def done(self, result: int) -> None:
        self.current.clear()
        super().done(result)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
