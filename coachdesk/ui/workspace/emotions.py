"""The Emotions tab: the client's emotion log, one entry at a time, and how it moves.

An entry is placed on the Mood Meter first (two numbers are easier than a name), then
named with one click on a nearby word; the rest (situation, trigger, body, thought,
reaction, regulation) is there for when the coach and client dig deeper. Entries save
themselves. A new entry is stored once it is placed on the Mood Meter and has a label
or a situation (the vault's rule); until then it is shown in italics and kept in the
editor, and an entry nobody touched goes when another is selected (the list editor's
rule, docs/architecture.md "A new row").

The chart of the log over time is ``emotion_chart.py`` (``EmotionChart``, still
importable from here).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core import fields
from coachdesk.core.emotions import (
    MOOD_WORDS,
    PLUTCHIK,
    PlutchikFamily,
    family_of,
    suggested_words,
)
from coachdesk.core.model import EmotionEntry, EmotionSource
from coachdesk.core.validation import RATING_MAX, RATING_MIN
from coachdesk.ui import text
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.controller import VaultController
from coachdesk.ui.layout import buddy_label, scroll_area
from coachdesk.ui.models.records import Column, Index
from coachdesk.ui.mood_meter import (
    PLACE_PROMPT,
    QUADRANT_DESCRIPTIONS,
    MoodMeterWidget,
    WordChips,
    quadrant_colour,
)
from coachdesk.ui.widgets import NoteEdit, section_title
from coachdesk.ui.workspace.emotion_chart import EmotionChart
from coachdesk.ui.workspace.record_log import RecordEditor, RecordLogModel, RecordLogTab
from coachdesk.vault.search import RecordKind
from coachdesk.vault.store import ClientRecordRepository

__all__ = ["COLUMNS", "EmotionChart", "EmotionEditor", "EmotionTableModel", "EmotionsTab"]

SUGGESTED_WORDS = 8
"""Chips offered for a point: two rows of four, enough to choose from, few enough to scan."""

_CHART_FIELDS = frozenset({"occurred_at", "pleasantness", "energy"})

_SHORT_SOURCE = {
    EmotionSource.SELF_REPORT: "Self-report",
    EmotionSource.OBSERVED: "Observed",
    EmotionSource.STAKEHOLDER: "Stakeholder",
    EmotionSource.WORKSHEET: "Worksheet",
}
"""Source as the narrow table column shows it (the tooltip has the full words)."""


def _intensity(entry: EmotionEntry) -> str:
    if entry.intensity_after is None:
        return str(entry.intensity)
    return f"{entry.intensity} → {entry.intensity_after}"


# Labels declared with the fields (coachdesk/core/fields.py).
_LABEL = fields.label(EmotionEntry, "label")
_SITUATION = fields.label(EmotionEntry, "situation")
_TEXTS = (
    "situation",
    "trigger",
    "body_sensation",
    "thought",
    "reaction",
    "perceived_by_others",
    "regulation_strategy",
)
"""The free-text fields of an entry, in the order the editor names them."""

COLUMNS: list[Column[EmotionEntry]] = [
    Column("When", lambda e: e.occurred_at),
    Column(_LABEL, lambda e: e.label, tooltip=lambda e: text.label(e.family) if e.family else ""),
    Column(
        "Quadrant",
        lambda e: e.quadrant if e.placed else "Not placed",
        tooltip=lambda e: QUADRANT_DESCRIPTIONS[e.quadrant] if e.placed else PLACE_PROMPT,
    ),
    Column("Intensity", _intensity, tooltip=lambda _e: "Intensity before → after regulating"),
    Column("Source", lambda e: _SHORT_SOURCE[e.source], tooltip=lambda e: text.label(e.source)),
    Column(_SITUATION, lambda e: text.first_line(e.situation, 60), tooltip=lambda e: e.situation),
]
QUADRANT_COLUMN = 2


class EmotionTableModel(RecordLogModel[EmotionEntry]):
    """The log's rows; a colour swatch per quadrant, italics for entries not yet stored."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            COLUMNS,
            "Not saved yet: place it on the Mood Meter, and give it a label or describe"
            " the situation",
            parent,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DecorationRole or index.column() != QUADRANT_COLUMN:
            return super().data(index, role)
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        entry = self.record(index.row())
        return quadrant_colour(entry.quadrant, strong=True) if entry.placed else None


def _family_value(label: str) -> str:
    family = family_of(label)
    return "" if family is None else family.value


def _note(placeholder: str, lines: int) -> NoteEdit:
    note = NoteEdit(placeholder)
    metrics = note.fontMetrics()
    margins = note.contentsMargins()
    note.setFixedHeight(
        metrics.lineSpacing() * lines
        + int(note.document().documentMargin() * 2)
        + margins.top()
        + margins.bottom()
        + 2
    )
    return note


class EmotionEditor(RecordEditor):
    """Every field of one emotion entry, bound to it with a :class:`RecordBinder`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        binder = self.binder
        self._family_follows_label = True

        self.meter = MoodMeterWidget()
        self.chips = WordChips(columns=4, capacity=SUGGESTED_WORDS)
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd MMM yyyy, HH:mm")
        self.source = QComboBox()
        self.label = QLineEdit()
        self.label.setPlaceholderText("Their own word, or pick below")
        self.label.setClearButtonEnabled(True)
        vocabulary = sorted(
            {w.word for w in MOOD_WORDS} | {w for words in PLUTCHIK.values() for w in words}
        )
        completer = QCompleter(vocabulary, self.label)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.label.setCompleter(completer)
        self.family = QComboBox()
        self.family.addItem("—", "")
        for family in PlutchikFamily:
            self.family.addItem(text.label(family), family.value)
            self.family.setItemData(
                self.family.count() - 1,
                " · ".join(PLUTCHIK[family]),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.intensity = QSlider(Qt.Orientation.Horizontal)
        self.intensity.setRange(RATING_MIN, RATING_MAX)
        self.intensity.setPageStep(1)
        self.intensity.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.intensity.setTickInterval(1)
        self.intensity_value = QLabel()
        self.intensity_value.setMinimumWidth(self.fontMetrics().horizontalAdvance("10 / 10") + 4)
        self.intensity_value.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )

        self.situation = _note("What was happening — where, with whom?", 2)
        self.trigger = _note("What set it off?", 2)
        self.body_sensation = QLineEdit()
        self.body_sensation.setPlaceholderText("e.g. tight chest, hot face")
        self.thought = _note("What went through their mind?", 2)
        self.reaction = _note("What they did or said", 2)
        self.perceived_by_others = _note("How others saw it, if known", 2)
        self.regulation_strategy = QLineEdit()
        self.regulation_strategy.setPlaceholderText("e.g. breathing, pausing, reframing")
        self.regulation_effect = QSpinBox()
        self.regulation_effect.setRange(RATING_MIN, RATING_MAX)
        self.regulation_effect.setSuffix(" / 10")
        self.intensity_after = QSpinBox()
        self.intensity_after.setRange(RATING_MIN, RATING_MAX)
        self.intensity_after.setSuffix(" / 10")

        self._name_widgets()
        self._bind(binder)
        self._lay_out()

    def _name_widgets(self) -> None:
        self.meter.setObjectName("moodMeter")
        self.chips.setObjectName("suggestedWords")
        for widget, name in (
            (self.when, "When"),
            (self.source, "Source"),
            (self.label, fields.label(EmotionEntry, "label")),
            (self.family, fields.label(EmotionEntry, "family")),
            (self.intensity, "Intensity, 0 to 10"),
            *((getattr(self, name), fields.label(EmotionEntry, name)) for name in _TEXTS),
            (self.regulation_effect, "Effect of the strategy, 0 to 10"),
            (self.intensity_after, "Intensity after, 0 to 10"),
        ):
            widget.setAccessibleName(name)

    def _bind(self, binder: RecordBinder) -> None:
        binder.datetime(self.when, "occurred_at")
        binder.choice(self.source, "source", EmotionSource)
        binder.text(self.label, "label")
        for field in (
            "situation",
            "trigger",
            "body_sensation",
            "thought",
            "reaction",
            "perceived_by_others",
            "regulation_strategy",
        ):
            binder.text(getattr(self, field), field)
        binder.integer(self.regulation_effect, "regulation_effect", optional=True)
        binder.integer(self.intensity_after, "intensity_after", optional=True)

        def load_point(entry: EmotionEntry | None) -> None:
            if entry is None or entry.pleasantness is None or entry.energy is None:
                self.meter.clear_point()  # a new entry asks to be placed
            else:
                self.meter.set_point(entry.pleasantness, entry.energy)
            self._suggest()

        def point_changed(pleasantness: int, energy: int) -> None:
            binder.update("pleasantness", pleasantness)
            binder.update("energy", energy)
            self._suggest()

        binder.custom(self.meter, load_point)
        self.meter.point_changed.connect(point_changed)

        def load_family(entry: EmotionEntry | None) -> None:
            family = "" if entry is None else entry.family
            self.family.setCurrentIndex(max(self.family.findData(family), 0))
            # The family follows the label until the coach picks a different one.
            self._family_follows_label = entry is None or family in ("", _family_value(entry.label))

        binder.custom(self.family, load_family)
        self.family.currentIndexChanged.connect(
            lambda _i: binder.update("family", self.family.currentData() or "")
        )
        self.family.activated.connect(self._family_chosen)

        def load_intensity(entry: EmotionEntry | None) -> None:
            self.intensity.setValue(5 if entry is None else entry.intensity)
            self._show_intensity(self.intensity.value())

        binder.custom(self.intensity, load_intensity)
        self.intensity.valueChanged.connect(self._show_intensity)
        self.intensity.valueChanged.connect(lambda value: binder.update("intensity", value))

        binder.custom(self.chips, lambda _entry: None)
        self.chips.word_chosen.connect(self.choose_word)
        self.label.textChanged.connect(self.chips.set_current)
        self.label.textEdited.connect(self._family_from_label)

    def _lay_out(self) -> None:
        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        top.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addRow("&When", self.when)
        top.addRow("S&ource", self.source)
        top.addRow(fields.form_label(EmotionEntry, "label"), self.label)
        top.addRow(fields.form_label(EmotionEntry, "family"), self.family)
        intensity = QHBoxLayout()
        intensity.addWidget(self.intensity, 1)
        intensity.addWidget(self.intensity_value)
        top.addRow(buddy_label("&Intensity", self.intensity), intensity)

        self.meter.setFixedSize(300, 300)  # room to aim: the plot is most of it
        meter_row = QHBoxLayout()
        meter_row.setSpacing(12)
        meter_row.addWidget(self.meter, 0, Qt.AlignmentFlag.AlignTop)
        meter_row.addLayout(top, 1)

        words_title = QLabel("Words near this point — click one to use it:")
        words_title.setObjectName("hint")
        self._words_title = words_title
        policy = words_title.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # placing the point moves nothing below it
        words_title.setSizePolicy(policy)

        happened = QFormLayout()
        happened.addRow(fields.form_label(EmotionEntry, "situation"), self.situation)
        happened.addRow(fields.form_label(EmotionEntry, "trigger"), self.trigger)

        inside = QFormLayout()
        inside.addRow(fields.form_label(EmotionEntry, "body_sensation"), self.body_sensation)
        inside.addRow(fields.form_label(EmotionEntry, "thought"), self.thought)
        inside.addRow(fields.form_label(EmotionEntry, "reaction"), self.reaction)
        inside.addRow(
            fields.form_label(EmotionEntry, "perceived_by_others"), self.perceived_by_others
        )

        regulation = QFormLayout()
        regulation.addRow(
            fields.form_label(EmotionEntry, "regulation_strategy"), self.regulation_strategy
        )
        numbers = QHBoxLayout()
        numbers.addWidget(self.regulation_effect)
        numbers.addSpacing(16)
        numbers.addWidget(buddy_label("I&ntensity after", self.intensity_after))
        numbers.addWidget(self.intensity_after)
        numbers.addStretch(1)
        regulation.addRow(buddy_label("Its effe&ct", self.regulation_effect), numbers)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addWidget(self.status)
        layout.addLayout(meter_row)
        layout.addWidget(words_title)
        layout.addWidget(self.chips)
        for title, form in (
            ("What happened", happened),
            ("Inside and outside", inside),
            ("Regulation", regulation),
        ):
            layout.addWidget(section_title(title))
            layout.addLayout(form)
        layout.addStretch(1)
        # One label column width for the lower forms, so their fields line up.
        width = self.fontMetrics().horizontalAdvance("Perceived by others") + 6
        for form in (happened, inside, regulation):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                widget = None if item is None else item.widget()
                if isinstance(widget, QLabel):
                    widget.setMinimumWidth(width)
                    widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                    widget.setContentsMargins(0, 4, 0, 0)  # level with the field's first line

    # -- behaviour -------------------------------------------------------------------

    def _suggest(self) -> None:
        point = self.meter.point()
        # Unplaced, the chips' own line says to pick a point; "words near this point"
        # would point at nothing.
        self._words_title.setVisible(point is not None)
        self.chips.set_words(
            [] if point is None else suggested_words(*point, limit=SUGGESTED_WORDS)
        )
        self.chips.set_current(self.label.text())

    def _show_intensity(self, value: int) -> None:
        self.intensity_value.setText(f"{value} / {RATING_MAX}")

    def choose_word(self, word: str) -> None:
        """A suggested word was clicked: it becomes the label, and its family follows."""
        if self.binder.record is None:
            return
        self.label.setText(word)
        self.binder.update("label", word)
        self._family_follows_label = True
        self._family_from_label(word)

    def _family_from_label(self, label: str) -> None:
        """While the coach has not chosen a family, it is the label's (or none)."""
        if self.binder.record is not None and self._family_follows_label:
            self.family.setCurrentIndex(max(self.family.findData(_family_value(label)), 0))

    def _family_chosen(self, _index: int) -> None:
        self._family_follows_label = False


class EmotionsTab(RecordLogTab[EmotionEntry, EmotionEditor]):
    """The emotion log of one client: table and chart on the left, the entry on the right."""

    title = "Emotions"
    record_kinds = frozenset({RecordKind.EMOTION})

    def __init__(
        self,
        controller: VaultController,
        parent: QWidget | None = None,
        *,
        autosave_delay_ms: int | None = None,
    ) -> None:
        super().__init__(
            controller,
            parent,
            record_type=EmotionEntry,
            model=EmotionTableModel(),
            editor=EmotionEditor(),
            autosave_delay_ms=autosave_delay_ms,
        )
        self.table.setAccessibleName("Emotion log")
        self._size_columns(
            ("28 Feb 2026, 18:00", "disappointed", "■ Neutral", "10 → 10", "Stakeholder"), 12
        )
        self.chart = EmotionChart()
        self.log_action, self.log_button = self._add_controls(
            "Log emotion",
            ("Ctrl+E", "Ctrl+Shift+N"),
            "Log a new emotion, now (Ctrl+E)",
            self.log_emotion,
        )
        self.delete_action.setText("Delete entry…")
        self.delete_button.setToolTip("Delete the selected entry")
        for widget, name in (
            (self.table, "emotionLog"),
            (self.chart, "emotionChart"),
            (self.log_button, "logEmotionButton"),
            (self.delete_button, "deleteEmotionButton"),
        ):
            widget.setObjectName(name)

        log = QSplitter(Qt.Orientation.Vertical)
        log.addWidget(self.table)
        log.addWidget(self.chart)
        log.setStretchFactor(0, 3)
        log.setStretchFactor(1, 2)
        log.setChildrenCollapsible(False)
        scroll = scroll_area()
        scroll.setWidget(self.editor)
        self._editor_scroll = scroll
        scroll.setMinimumWidth(self.editor.minimumSizeHint().width() + 20)
        splitter = self._lay_out("Emotion log", log, scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.chart.entry_clicked.connect(self._select)
        self.model.rowsInserted.connect(self._refresh_chart)
        self.model.rowsRemoved.connect(self._refresh_chart)
        self.model.modelReset.connect(self._refresh_chart)
        self.clear()

    def clear(self) -> None:
        super().clear()
        self.chart.clear()

    def log_emotion(self) -> EmotionEntry | None:
        """A new entry at the current minute; it is stored once it has a label or situation."""
        entry = self._add(self.editor.meter, Qt.FocusReason.ShortcutFocusReason)
        # The new entry starts on the Mood Meter: show it, not the field last scrolled to.
        self._editor_scroll.verticalScrollBar().setValue(0)
        return entry

    # -- RecordLogTab ----------------------------------------------------------------

    def _repository(self) -> ClientRecordRepository[EmotionEntry]:
        return self.controller.store.emotions

    def _new_record(self, client_id: int) -> EmotionEntry:
        # Not placed: the coach places it on the Mood Meter (validation refuses to store
        # it before), so a feeling nobody placed is never filed as neutral (0, 0).
        return EmotionEntry(
            client_id=client_id,
            occurred_at=datetime.now().replace(second=0, microsecond=0),
            pleasantness=None,
            energy=None,
        )

    def _delete_question(self, entry: EmotionEntry) -> tuple[str, str]:
        name = f"“{entry.label}”" if entry.label.strip() else "this emotion"
        return (
            "Delete emotion entry",
            f"Delete the entry {name} of {text.fmt_datetime(entry.occurred_at)}?",
        )

    def _empty_text(self, has_records: bool) -> str:
        if has_records:
            return "Select an entry in the log, or log a new emotion (Ctrl+E)."
        return (
            "No emotions logged yet.\n\nLog one with Ctrl+E: place it on the Mood Meter,\n"
            "then pick the word that fits."
        )

    def _shown(self, entry: EmotionEntry | None) -> None:
        self._refresh_chart()

    def _edited(self, entry: EmotionEntry, field: str) -> None:
        if field in _CHART_FIELDS:
            self._refresh_chart()

    def _refresh_chart(self) -> None:
        self.chart.set_entries(self.model.records(), self.current_entry())
