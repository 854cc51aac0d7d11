"""An editor's row label is the field's declaration (coachdesk/core/fields.py), not a
second copy of its name in the widget: renaming a field is one edit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.core import fields
from coachdesk.core.model import Client, EmotionEntry, FeedbackEntry, Session
from coachdesk.ui.controller import VaultController
from coachdesk.ui.workspace.emotions import EmotionEditor
from coachdesk.ui.workspace.feedback import FeedbackEditor
from coachdesk.ui.workspace.profile import ProfileTab
from coachdesk.ui.workspace.sessions import SessionsTab


def row_label(form: QWidget, field: QWidget) -> str:
    """The text of the label whose buddy is ``field`` (what the coach reads beside it)."""
    found = [label for label in form.findChildren(QLabel) if label.buddy() is field]
    assert len(found) == 1, field.objectName()
    return found[0].text()


def test_the_feedback_form_labels_its_rows_from_the_declarations(qtbot: QtBot) -> None:
    editor = FeedbackEditor()
    qtbot.addWidget(editor)
    names = ("from_role", "from_name", "observed_behaviour", "perceived_impact")
    for name in names:
        assert row_label(editor, getattr(editor, name)) == fields.form_label(FeedbackEntry, name)
    assert row_label(editor, editor.observed_behaviour) == "O&bserved behaviour"


def test_the_profile_labels_its_rows_from_the_declarations(
    qtbot: QtBot, controller: VaultController
) -> None:
    tab = ProfileTab(controller)
    qtbot.addWidget(tab)
    shown = {
        "clientName": "name",
        "organisation": "organisation",
        "role": "role",
        "email": "email",
        "phone": "phone",
        "sponsorOrganisation": "sponsor_organisation",
        "sponsorContact": "sponsor_contact",
        "tags": "tags",
    }
    for object_name, name in shown.items():
        widget = tab.findChild(QWidget, object_name)
        assert widget is not None, object_name
        assert row_label(tab, widget) == fields.form_label(Client, name), name


def test_a_field_without_a_form_label_shows_its_label() -> None:
    assert fields.form_label(Client, "intake_notes") == fields.label(Client, "intake_notes")
    assert fields.form_label(Client, "sponsor_contact") == "&Contact"


def test_the_emotion_form_labels_its_rows_from_the_declarations(qtbot: QtBot) -> None:
    editor = EmotionEditor()
    qtbot.addWidget(editor)
    names = [f.name for f in fields.text_fields(EmotionEntry) if f.info.form]
    assert len(names) == 9
    for name in names:
        assert row_label(editor, getattr(editor, name)) == fields.form_label(EmotionEntry, name)


def test_the_session_notes_label_their_rows_from_the_declarations(
    qtbot: QtBot, controller: VaultController
) -> None:
    tab = SessionsTab(controller)
    qtbot.addWidget(tab)
    shown = {
        "agenda": "_agenda",
        "grow_goal": "_grow_goal",
        "grow_reality": "_grow_reality",
        "grow_options": "_grow_options",
        "grow_way_forward": "_grow_way",
        "decisions": "_decisions",
        "insights": "_insights",
        "comfort_zone_steps": "_comfort",
        "next_steps": "_next_steps",
        "focus_area": "_focus_area",
    }
    sections = {"shared_summary"}  # a section title above the note, not a form row
    assert set(shown) | sections == {f.name for f in fields.text_fields(Session) if f.info.form}
    titles = {label.text() for label in tab.findChildren(QLabel)}
    assert fields.form_label(Session, "shared_summary") in titles
    for name, attribute in shown.items():
        assert row_label(tab, getattr(tab, attribute)) == fields.form_label(Session, name), name
