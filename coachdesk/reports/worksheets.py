"""Fillable worksheets: PDF forms (AcroForm) a client fills in any PDF reader.

Laid out with the reports' house style (embedded DejaVu for the printed text, the same
header, footer, metadata and optional AES-256 password); the answer boxes are AcroForm
text fields whose names are the stable interface in docs/worksheets.md. Hidden,
read-only fields carry the stamp (kind, worksheet id, client id, issue date, outcome ids)
and its MAC, so the vault that issued a worksheet can recognise it when it comes back.

Field appearances use Helvetica (ReportLab's form fields only take the standard fonts)
and the form asks the reader to redraw them (NeedAppearances), so what a client types in
Greek or Cyrillic is shown in the reader's own font; the values themselves are Unicode
and read back exactly.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from coachdesk.core.emotions import SCALE_MAX, SCALE_MIN, Quadrant, suggested_words
from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import Engagement, Outcome
from coachdesk.core.worksheets import (
    DEFAULT_ROWS,
    EMOTION_FIELDS,
    FEEDBACK_FIELDS,
    MAX_ROWS,
    MAX_TEXT,
    OUTCOME_FIELDS,
    SESSION_PREP_FIELDS,
    Answer,
    FormField,
    Stamp,
    WorksheetKind,
    outcome_field,
    outcomes_for_stakeholder,
    row_field,
)
from coachdesk.reports.common import client_name
from coachdesk.reports.document import DocumentInfo, PaperSize, frame_width, render_story
from coachdesk.reports.fonts import SANS
from coachdesk.reports.style import (
    INK,
    MUTED,
    QUADRANT_BLUE,
    QUADRANT_GREEN,
    QUADRANT_RED,
    QUADRANT_YELLOW,
    RULE,
    TINT,
    WHITE,
    esc,
    fmt_date,
    heading,
    styles,
    title_block,
)
from coachdesk.vault.db import Connection
from coachdesk.vault.files import atomic_write_bytes
from coachdesk.vault.store import Store

LABEL_SIZE = 7.5
FIELD_FONT = "Helvetica"
LINE_HEIGHT = 7 * mm
LONG_HEIGHT = 14 * mm
ANSWER_HEIGHT = 30 * mm
"""Long answers on the single-answer forms: a short paragraph in the reader's font."""
LABEL_GAP = 3.6 * mm

TITLES = {
    WorksheetKind.EMOTION_LOG: "Emotion log",
    WorksheetKind.SESSION_PREP: "Preparing our next session",
    WorksheetKind.FEEDBACK_REQUEST: "Feedback request",
}


class _Stamp(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """The hidden, read-only fields that identify the worksheet (no size on the page)."""

    def __init__(self, values: dict[str, str]) -> None:
        super().__init__()
        self.values = values

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        form = self.canv.acroForm
        # Readers draw the answers themselves, in a font that has the client's script.
        form.extras["NeedAppearances"] = "true"
        for name, value in self.values.items():
            form.textfield(
                name=name,
                value=value,
                x=0,
                y=0,
                width=1,
                height=1,
                relative=True,
                annotationFlags="hidden",
                fieldFlags="readOnly",
                maxlen=None,
                borderWidth=0,
            )


Cell = tuple[FormField, str, float]
"""A field on a line: its spec, its full field name and its share of the line width."""


class _FieldLine(Flowable):  # type: ignore[misc]
    """One line of labelled answer boxes side by side."""

    def __init__(
        self, cells: Sequence[Cell], width: float, long_height: float = LONG_HEIGHT
    ) -> None:
        super().__init__()
        self.cells = cells
        self.line_width = width
        tall = any(spec.answer == Answer.LONG_TEXT for spec, _, _ in cells)
        self.box = long_height if tall else LINE_HEIGHT
        self.height = self.box + LABEL_GAP + 1.2 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.line_width, self.height

    def draw(self) -> None:
        canv = self.canv
        gap = 3 * mm
        room = self.line_width - gap * (len(self.cells) - 1)
        x = 0.0
        for spec, name, share in self.cells:
            width = room * share
            canv.setFont(SANS, LABEL_SIZE)
            canv.setFillColor(MUTED)
            canv.drawString(x, self.box + 1.4 * mm, _label(spec))
            multiline = spec.answer == Answer.LONG_TEXT
            canv.acroForm.textfield(
                name=name,
                tooltip=_label(spec),
                value="",
                x=x,
                y=0,
                width=width,
                height=self.box,
                relative=True,
                fontName=FIELD_FONT,
                fontSize=0 if multiline else 10,
                borderWidth=0.6,
                borderColor=RULE,
                fillColor=WHITE,
                textColor=INK,
                fieldFlags="multiline" if multiline else "",
                maxlen=MAX_TEXT if spec.answer != Answer.NUMBER else 3,
            )
            x += width + gap


def _label(spec: FormField) -> str:
    if spec.answer == Answer.NUMBER:
        return f"{spec.label} ({spec.range_text})"
    if spec.hint:
        return f"{spec.label} ({spec.hint})"
    return spec.label


_EMOTION_LINES: tuple[tuple[tuple[str, float], ...], ...] = (
    (("occurred_at", 0.32), ("label", 0.68)),
    (("pleasantness", 1 / 3), ("energy", 1 / 3), ("intensity", 1 / 3)),
    (("situation", 1.0),),
    (("trigger", 0.5), ("body_sensation", 0.5)),
    (("thought", 0.5), ("reaction", 0.5)),
    (("perceived_by_others", 0.37), ("regulation_strategy", 0.4), ("intensity_after", 0.23)),
)
"""How an emotion log entry is laid out: field name and share of the line."""


def _emotion_entry(row: int, width: float) -> Flowable:
    st = styles()
    by_name = {f.name: f for f in EMOTION_FIELDS}
    parts: list[Flowable] = [Paragraph(f"Entry {row}", st.h3)]
    for line in _EMOTION_LINES:
        cells = [(by_name[name], row_field(row, name), share) for name, share in line]
        parts.append(_FieldLine(cells, width))
    parts.append(Spacer(1, 3 * mm))
    return KeepTogether(parts)


def _legend(width: float) -> Table:
    """A small Mood Meter: four quadrants, a few words each, to help choose a word."""
    st = styles()
    quadrants = (
        (Quadrant.RED, QUADRANT_RED, "High energy, unpleasant", -3, 3),
        (Quadrant.YELLOW, QUADRANT_YELLOW, "High energy, pleasant", 3, 3),
        (Quadrant.BLUE, QUADRANT_BLUE, "Low energy, unpleasant", -3, -3),
        (Quadrant.GREEN, QUADRANT_GREEN, "Low energy, pleasant", 3, -3),
    )
    cells = []
    for _, _, title, pleasantness, energy in quadrants:
        words = ", ".join(suggested_words(pleasantness, energy, limit=6))
        cells.append(Paragraph(f"<b>{esc(title)}</b><br/>{esc(words)}", st.cell))
    table = Table([cells[0:2], cells[2:4]], colWidths=[width / 2] * 2)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    for index, (_, colour, _, _, _) in enumerate(quadrants):
        col, row = index % 2, index // 2
        commands.append(("LINEBEFORE", (col, row), (col, row), 3, colour))
        commands.append(("BACKGROUND", (col, row), (col, row), TINT))
    table.setStyle(TableStyle(commands))
    return table


def _instructions(text: str) -> list[Flowable]:
    st = styles()
    return [Paragraph(text, st.body), Spacer(1, 4 * mm)]


def _emotion_story(stamp: Stamp, width: float) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = _instructions(
        "Each time a feeling stands out, fill in one entry: when it happened (written "
        f"like {esc(date(2026, 3, 9).strftime('%Y-%m-%d'))} 14:30), the situation, and a "
        "word for the emotion. Then place it on two scales: <b>pleasantness</b> from "
        f"{SCALE_MIN:+d} (very unpleasant) to +{SCALE_MAX} (very pleasant) and "
        f"<b>energy</b> from {SCALE_MIN:+d} (drained) to +{SCALE_MAX} (charged); "
        "<b>intensity</b> is how strong it was, 0 to 10. The other boxes are optional. "
        "Leave unused entries empty. Save the file and send it back to your coach."
    )
    story += [Paragraph("Finding a word", st.h3), _legend(width), Spacer(1, 6 * mm)]
    for row in range(1, stamp.rows + 1):
        story.append(_emotion_entry(row, width))
    return story


def _single_answers(fields: Sequence[FormField], width: float) -> list[Flowable]:
    """One answer a line; room for a paragraph in the long ones (a page holds them)."""
    return [_FieldLine([(spec, spec.name, 1.0)], width, ANSWER_HEIGHT) for spec in fields]


def _session_prep_story(width: float) -> list[Flowable]:
    story = _instructions(
        "A few minutes before we meet, note what you want to bring. Short answers are "
        "fine and any box may stay empty. Save the file and send it back to your coach; "
        "your answers go into the agenda of our next session."
    )
    return story + _single_answers(SESSION_PREP_FIELDS, width)


def _feedback_story(engagement: Engagement, stamp: Stamp, width: float) -> list[Flowable]:
    st = styles()
    name = esc(client_name(engagement.client))
    story = _instructions(
        f"{name} has asked for your feedback as part of their coaching. Describe one "
        "behaviour you observed (what they did, when), its impact, and one suggestion. "
        "Be specific and kind; describe what you saw, not the person. Your answers go "
        f"to {name}'s coach, who discusses them with {name}. Save the file and send it "
        "back to the coach."
    )
    story += _single_answers(FEEDBACK_FIELDS, width)
    outcomes = _outcomes(engagement, stamp.outcome_ids)
    if outcomes:
        story += [
            CondPageBreak(60 * mm),
            heading("Progress on the goals of the coaching"),
            Paragraph(
                "For each goal, how much progress have you seen? 0 means none, 10 means "
                "the goal is reached. Leave a goal empty if you cannot tell.",
                st.body,
            ),
            Spacer(1, 3 * mm),
        ]
        for position, outcome in enumerate(outcomes, start=1):
            rating, comment = OUTCOME_FIELDS
            story.append(
                KeepTogether(
                    [
                        Paragraph(f"{position}. {esc(outcome.statement)}", st.body),
                        Spacer(1, 1.5 * mm),
                        _FieldLine(
                            [
                                (rating, outcome_field(position, rating.name), 0.28),
                                (comment, outcome_field(position, comment.name), 0.72),
                            ],
                            width,
                        ),
                        Spacer(1, 2 * mm),
                    ]
                )
            )
    return story


def _outcomes(engagement: Engagement, ids: Sequence[int]) -> list[Outcome]:
    contract = engagement.contract
    by_id = {o.id: o for o in (contract.outcomes if contract else [])}
    return [by_id[i] for i in ids if i in by_id]


def render_worksheet(
    stamp: Stamp,
    key: bytes,
    engagement: Engagement,
    *,
    page_size: PaperSize | str = PaperSize.A4,
    password: str | None = None,
) -> bytes:
    """The fillable PDF of one worksheet for ``engagement``'s client, stamped and signed
    with ``key`` (the vault's worksheet key); encrypted (AES-256) when ``password``."""
    width = frame_width(page_size)
    name = client_name(engagement.client)
    title = TITLES[stamp.kind]
    for_whom = "about" if stamp.kind == WorksheetKind.FEEDBACK_REQUEST else "for"
    if stamp.kind == WorksheetKind.FEEDBACK_REQUEST:
        lines = [f"About <b>{esc(name)}</b>", f"Requested on {fmt_date(stamp.issued)}"]
    else:
        lines = [f"For <b>{esc(name)}</b>", f"Issued on {fmt_date(stamp.issued)}"]
    story: list[Flowable] = [_Stamp(stamp.fields(key))]
    story += title_block("Worksheet", title, lines)
    if stamp.kind == WorksheetKind.EMOTION_LOG:
        story += _emotion_story(stamp, width)
    elif stamp.kind == WorksheetKind.SESSION_PREP:
        story += _session_prep_story(width)
    else:
        story += _feedback_story(engagement, stamp, width)
    info = DocumentInfo(
        title=f"CoachDesk worksheet: {title}",
        subject="Worksheet",
        keywords=["worksheet", stamp.kind.value],
        header=f"{title} · {for_whom} {name} · {fmt_date(stamp.issued)}",
        footer=f"CoachDesk worksheet · {stamp.kind.value} · issued {stamp.issued.isoformat()}",
    )
    return render_story(story, info, page_size, password)


def issue_worksheet(
    conn: Connection,
    key: bytes,
    kind: WorksheetKind | str,
    client_id: int,
    *,
    today: date,
    rows: int = DEFAULT_ROWS,
    page_size: PaperSize | str = PaperSize.A4,
    password: str | None = None,
) -> bytes:
    """A new worksheet of ``kind`` for a client of the vault (NotFound for an unknown id).

    Nothing is written to the vault: a worksheet is recognised later by its MAC, and
    only its import is recorded.
    """
    try:
        kind = WorksheetKind(str(kind))
    except ValueError:
        names = " | ".join(k.value for k in WorksheetKind)
        raise InvalidInput(f"unknown worksheet kind {kind!r}: use {names}") from None
    if kind == WorksheetKind.EMOTION_LOG and not 1 <= rows <= MAX_ROWS:
        raise InvalidInput(f"an emotion log has 1 to {MAX_ROWS} rows")
    store = Store(conn)
    engagement = store.load_engagement(client_id, emotions_since=today)
    outcome_ids: list[int] = []
    if kind == WorksheetKind.FEEDBACK_REQUEST:
        outcome_ids = [o.id for o in outcomes_for_stakeholder(engagement.contract) if o.id]
    stamp = Stamp.new(
        kind,
        client_id,
        today,
        rows=rows if kind == WorksheetKind.EMOTION_LOG else 0,
        outcome_ids=outcome_ids,
    )
    return render_worksheet(stamp, key, engagement, page_size=page_size, password=password)


def write_worksheet(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` atomically, owner-only (a failed write leaves the old file)."""
    atomic_write_bytes(Path(path), data)
