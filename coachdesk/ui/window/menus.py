"""The main window's actions, menus, toolbar and status bar.

A mixin of :class:`~coachdesk.ui.main_window.MainWindow`: the actions are attributes of
the window (its tests and the vault lock reach them there), so they are built on the
window rather than on a widget of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar, QToolButton

from coachdesk.reports import ReportKind
from coachdesk.reports.kinds import TITLES
from coachdesk.ui.autosave import SaveState
from coachdesk.ui.backups import BackupScheduler
from coachdesk.ui.controller import VaultController
from coachdesk.ui.settings import AppSettings
from coachdesk.ui.theme import line_icon
from coachdesk.ui.workspace.base import WorkspaceTab

TODAY_SHORTCUT = "Ctrl+T"
"""The Today action's key: the agenda, from anywhere in the open vault."""


class WindowMenus(QMainWindow):
    """Builds the actions, menus, toolbar and status bar on the window."""

    controller: VaultController
    settings: AppSettings
    backups: BackupScheduler
    save_label: QLabel
    toolbar: QToolBar

    if TYPE_CHECKING:
        # The commands the actions run, defined on the window and its other parts.
        @property
        def tab_pages(self) -> list[WorkspaceTab]: ...
        def new_client(self) -> None: ...
        def open_search(self) -> None: ...
        def lock(self, *, ask: bool = True) -> None: ...
        def show_today(self) -> None: ...
        def open_settings(self) -> None: ...
        def back_up_now(self) -> None: ...
        def export_calendar(self) -> None: ...
        def change_passphrase(self) -> None: ...
        def revoke_keys(self) -> None: ...
        def about(self) -> None: ...
        def _step_tab(self, step: int) -> None: ...
        def import_worksheet(self, path: Path | None = None) -> None: ...
        def new_worksheet(self) -> None: ...
        def request_report(self, kind: ReportKind, session_id: int | None = None) -> None: ...
        def recovery_kit(self) -> None: ...

    def _tool_button(self, label: str, icon: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(label)
        button.setProperty("lineIcon", icon)
        button.setIcon(line_icon(icon, self.palette()))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return button

    def _action(
        self,
        label: str,
        shortcuts: Sequence[QKeySequence.StandardKey | str],
        slot: Callable[[], object],
        icon: str | None = None,
    ) -> QAction:
        action = QAction(label, self)
        if icon is not None:
            action.setProperty("lineIcon", icon)
            action.setIcon(line_icon(icon, self.palette()))
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_client_action = self._action(
            "&New client…", [QKeySequence.StandardKey.New], self.new_client, "new-client"
        )
        self.search_action = self._action(
            "&Search…", ["Ctrl+K", QKeySequence.StandardKey.Find], self.open_search, "search"
        )
        self.lock_action = self._action("&Lock", ["Ctrl+L"], self.lock, "lock")
        self.today_action = self._action("&Today", [TODAY_SHORTCUT], self.show_today, "today")
        self.today_action.setToolTip(
            f"Today: sessions, due actions and warnings across all clients ({TODAY_SHORTCUT})"
        )
        self.settings_action = self._action("Se&ttings…", ["Ctrl+,"], self.open_settings)
        self.backup_action = self._action("&Back up now", ["Ctrl+Shift+B"], self.back_up_now)
        self.calendar_action = self._action("Export &calendar (.ics)…", [], self.export_calendar)
        self.calendar_action.setToolTip(
            "Planned sessions as a calendar file: the open client's, or everyone's from Today"
        )
        self.passphrase_action = self._action("Change &passphrase…", [], self.change_passphrase)
        self.revoke_action = self._action(
            "I think my passphrase or a backup was exposed…", [], self.revoke_keys
        )
        self.quit_action = self._action("&Quit", [QKeySequence.StandardKey.Quit], self.close)
        self.about_action = self._action("&About CoachDesk", [], self.about)
        # Tabs from anywhere in the window (the client list too), for the keyboard alone.
        self.next_tab_action = self._action("Next tab", ["Ctrl+PgDown"], lambda: self._step_tab(1))
        self.previous_tab_action = self._action(
            "Previous tab", ["Ctrl+PgUp"], lambda: self._step_tab(-1)
        )
        self.worksheet_action = self._action("&Import worksheet…", [], self.import_worksheet)
        self.new_worksheet_action = self._action("New &worksheet…", [], self.new_worksheet)
        self.vault_actions = [
            self.new_client_action, self.search_action, self.lock_action,
            self.passphrase_action, self.revoke_action, self.backup_action,
            self.today_action, self.calendar_action,
            self.worksheet_action, self.new_worksheet_action,
        ]  # fmt: skip
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.new_client_action)
        file_menu.addAction(self.new_worksheet_action)
        file_menu.addAction(self.worksheet_action)
        file_menu.addSeparator()
        file_menu.addAction(self.calendar_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.passphrase_action)
        file_menu.addAction(self.revoke_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = menu.addMenu("&Edit")
        self.edit_menu.addAction(self.search_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.today_action)
        self.reports_menu = menu.addMenu("&Reports")
        self.report_actions: dict[ReportKind, QAction] = {}
        for kind, shortcut in (
            (ReportKind.SESSION, "Ctrl+Shift+S"),
            (ReportKind.CONTRACT, ""),
            (ReportKind.PROGRESS, "Ctrl+Shift+P"),
            (ReportKind.SPONSOR, ""),
            (ReportKind.CLIENT_EXPORT, ""),
        ):
            action = self._action(
                TITLES[kind] + "…",
                [shortcut] if shortcut else [],
                functools.partial(self.request_report, kind),
            )
            self.reports_menu.addAction(action)
            self.report_actions[kind] = action
        self.reports_menu.addSeparator()
        self.kit_action = self._action("Recovery kit…", [], self.recovery_kit)
        self.reports_menu.addAction(self.kit_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # "New client" is the button under the list (and Ctrl+N), not here a second time.
        for action in (self.today_action, self.search_action, self.lock_action):
            toolbar.addAction(action)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        self.statusBar().addWidget(self.save_label, 1)
        self.backups = BackupScheduler(
            self.controller, self.settings, self.statusBar(), kdf=self.controller.kdf
        )

    # -- status --------------------------------------------------------------------------

    def _update_save_state(self, *_args: object) -> None:
        states = [tab.save_state for tab in self.tab_pages]
        messages = [message for tab in self.tab_pages for message in tab.save_messages]
        if SaveState.FAILED in states:
            text_ = messages[0] if messages else SaveState.FAILED.value
        elif SaveState.INVALID in states:
            text_ = "Not saved: " + (messages[0] if messages else "check the highlighted field")
        elif SaveState.PENDING in states:
            text_ = SaveState.PENDING.value
        else:
            text_ = SaveState.SAVED.value if self.controller.is_unlocked else ""
        self.save_label.setText(text_)

    def changeEvent(self, event: QEvent) -> None:
        """Redraw the line icons in the new text colour when the theme changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            items: list[QToolButton | QAction] = [
                *self.findChildren(QToolButton),
                *self.findChildren(QAction),
            ]
            for item in items:
                name = item.property("lineIcon")
                if name:
                    item.setIcon(line_icon(str(name), self.palette()))
