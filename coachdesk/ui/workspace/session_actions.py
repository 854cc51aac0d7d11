"""The Sessions tab's action items: the commitments made in the selected session, their
list and one-line editor, adding, removing and saving them.

A mixin of :class:`~coachdesk.ui.workspace.sessions.SessionsTab`: the items follow the
tab's selected session (the tab loads them when it shows one), and the tab's tests
reach the list and editor on the tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.model import ActionItem, Session
from coachdesk.ui.autosave import Autosaver
from coachdesk.ui.layout import WheelGuard, line_edit, record_table
from coachdesk.ui.models.records import Column
from coachdesk.ui.widgets import OptionalDateEdit
from coachdesk.ui.workspace.base import WorkspaceTab
from coachdesk.ui.workspace.list_editor import ListEditor, PendingRowsModel


class SessionActionItems(WorkspaceTab):
    """Builds and runs the action items of the selected session on the tab."""

    _actions: list[ActionItem]
    _actions_model: PendingRowsModel[ActionItem]
    _action_rows: ListEditor[ActionItem]
    _session_rows: ListEditor[Session]
    _session_saver: Autosaver
    _wheel_guard: WheelGuard

    if TYPE_CHECKING:
        # Defined on the tab and its notes page.
        def _section(self, heading: str, content: QWidget | QLayout) -> None: ...
        def _current_session(self) -> Session | None: ...

    @staticmethod
    def _action_columns() -> list[Column[ActionItem]]:
        return [
            Column("Owner", lambda a: a.owner),
            Column("Action", lambda a: a.text, tooltip=lambda a: a.text),
            Column("Due", lambda a: a.due),
            Column("Status", lambda a: a.status),
        ]

    def _build_actions(self) -> None:
        box = QVBoxLayout()
        box.setSpacing(6)
        self._action_list = record_table(self._actions_model, "actionItemList", plain=True)
        self._action_list.setAccessibleName("Action items of this session")
        self._action_list.setMinimumHeight(110)
        self._action_list.setMaximumHeight(170)
        header = self._action_list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self._action_list)

        self._action_owner = QComboBox()
        self._action_owner.setObjectName("actionOwner")
        self._action_owner.setAccessibleName("Owner")
        self._action_text = line_edit("actionText", "What will be done")
        self._action_text.setAccessibleName("Action item")
        self._action_due = OptionalDateEdit()
        self._action_due.setObjectName("actionDue")
        self._action_due.setAccessibleName("Due")
        self._action_due.setToolTip("Due date; Ctrl+Delete empties it")
        self._action_status = QComboBox()
        self._action_status.setObjectName("actionStatus")
        self._action_status.setAccessibleName("Status")
        editor = QHBoxLayout()
        editor.setSpacing(6)
        editor.addWidget(self._action_owner)
        editor.addWidget(self._action_text, 1)
        editor.addWidget(QLabel("Due"))
        editor.addWidget(self._action_due)
        editor.addWidget(self._action_status)
        box.addLayout(editor)
        self._wheel_guard.guard(self._action_owner, self._action_due, self._action_status)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self._add_action = QPushButton("Add action item")
        self._add_action.setObjectName("addActionButton")
        self._add_action.clicked.connect(self.add_action_item)
        self._remove_action = QPushButton("Remove")
        self._remove_action.setObjectName("removeActionButton")
        self._remove_action.clicked.connect(self.remove_action_item)
        buttons.addWidget(self._add_action)
        buttons.addWidget(self._remove_action)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self._section("Action items", box)

    def add_action_item(self) -> None:
        """A new, empty commitment for this session; stored once it has text."""
        session = self._current_session()
        if session is None or self.client_id is None:
            return
        if session.id is None:  # a commitment is something typed in: keep the session
            self._session_rows.mark_edited(session, "action_items")
            if not self._session_saver.flush() or session.id is None:
                return
        item = ActionItem(client_id=self.client_id, session_id=session.id)
        self._action_rows.add(item, self._action_text)

    def remove_action_item(self) -> None:
        """Remove the selected commitment (without asking: it is one line, soon retyped)."""
        item = self._action_rows.current()
        if item is None:
            return
        store = self.controller.store
        if (
            self._action_rows.delete(
                self, item, "Remove action item", None, store.action_items.delete
            )
            and item.id is not None
            and self.client_id is not None
        ):
            self.controller.notify_changed(self.client_id)

    def _actions_of(self, session: Session) -> list[ActionItem]:
        return [a for a in self._actions if a.session_id is not None and a.session_id == session.id]

    def _action_shown(self, item: ActionItem | None) -> None:
        self._remove_action.setEnabled(item is not None)

    def _action_removed(self, item: ActionItem) -> None:
        self._actions = [a for a in self._actions if a is not item]

    def _save_actions(self) -> None:
        """Save every edited action item; one without text is not stored (yet)."""
        store = self.controller.store

        def save(item: ActionItem) -> None:
            store.action_items.save(item)
            if not any(a is item for a in self._actions):
                self._actions.append(item)

        if self._action_rows.save_pending(save) and self.client_id is not None:
            self.controller.notify_changed(self.client_id)
