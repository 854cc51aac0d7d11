"""The house style: palette, paragraph styles, and safe ways to put user text on a page.

Every style is built on the embedded DejaVu faces (see :mod:`coachdesk.reports.fonts`),
including bullet fonts, whose ReportLab default is Helvetica. User text never reaches a
Paragraph unescaped: ReportLab parses paragraph text as markup, so a note containing
``<b`` or ``&`` would either break the build or change the formatting.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from coachdesk.reports.fonts import MONO, SANS, SANS_BOLD, SANS_OBLIQUE, register_fonts

# --- Palette: ink and greys, one accent ------------------------------------------------

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B7A")
FAINT = colors.HexColor("#9AA5B1")
RULE = colors.HexColor("#D9DEE3")
TINT = colors.HexColor("#F3F5F7")
ACCENT = colors.HexColor("#0E7C7B")
ACCENT_TINT = colors.HexColor("#E4F1F0")
WHITE = colors.white

# Status colours are used sparingly (a dot and a word), never as large areas.
ON_TRACK = ACCENT
AT_RISK = colors.HexColor("#B7791F")
OFF_TRACK = colors.HexColor("#B83232")

# Mood Meter quadrants, muted versions of the colours coaches and clients know.
QUADRANT_RED = colors.HexColor("#C8553D")
QUADRANT_YELLOW = colors.HexColor("#E3B23C")
QUADRANT_BLUE = colors.HexColor("#4F7CAC")
QUADRANT_GREEN = colors.HexColor("#5E9C76")
QUADRANT_NEUTRAL = colors.HexColor("#BFC6CE")

BODY_SIZE = 9.5
"""DejaVu Sans is wide; 9.5 pt reads like 10.5 pt of most other faces."""

CHUNK_CHARS = 1500
"""Longest text put into one Paragraph. ReportLab's line breaking slows down sharply on
very long paragraphs; a 100,000-character note split into chunks renders in seconds."""


# --- Paragraph styles ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Styles:
    """The paragraph styles of the house style, all on the embedded fonts."""

    body: ParagraphStyle
    muted: ParagraphStyle
    small: ParagraphStyle
    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_muted: ParagraphStyle
    head: ParagraphStyle
    head_right: ParagraphStyle
    bullet: ParagraphStyle
    code: ParagraphStyle
    code_small: ParagraphStyle
    notice: ParagraphStyle


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": SANS,
        "bulletFontName": SANS,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.45,
        "textColor": INK,
        "alignment": TA_LEFT,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


@functools.cache
def styles() -> Styles:
    """The shared styles (built once; ParagraphStyle objects are not mutated)."""
    register_fonts()
    return Styles(
        body=_style("cd-body", spaceAfter=5),
        muted=_style("cd-muted", textColor=MUTED, spaceAfter=5),
        small=_style("cd-small", fontSize=7.5, leading=10, textColor=MUTED),
        kicker=_style(
            "cd-kicker",
            fontName=SANS_BOLD,
            fontSize=7.5,
            leading=10,
            textColor=ACCENT,
            spaceAfter=6,
        ),
        title=_style("cd-title", fontName=SANS_BOLD, fontSize=21, leading=26, spaceAfter=4),
        subtitle=_style("cd-subtitle", fontSize=10.5, leading=15, textColor=MUTED),
        h1=_style(
            "cd-h1",
            fontName=SANS_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=0,
            spaceAfter=0,
            keepWithNext=1,
        ),
        h2=_style(
            "cd-h2",
            fontName=SANS_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        h3=_style(
            "cd-h3",
            fontName=SANS_BOLD,
            fontSize=BODY_SIZE,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        label=_style(
            "cd-label",
            fontName=SANS_BOLD,
            fontSize=7,
            leading=9.5,
            textColor=MUTED,
            spaceBefore=6,
            spaceAfter=1.5,
            keepWithNext=1,
        ),
        cell=_style("cd-cell", fontSize=8.5, leading=11.5),
        cell_right=_style("cd-cell-right", fontSize=8.5, leading=11.5, alignment=TA_RIGHT),
        cell_muted=_style("cd-cell-muted", fontSize=8, leading=11, textColor=MUTED),
        head=_style("cd-head", fontName=SANS_BOLD, fontSize=7.5, leading=10, textColor=MUTED),
        head_right=_style(
            "cd-head-right",
            fontName=SANS_BOLD,
            fontSize=7.5,
            leading=10,
            textColor=MUTED,
            alignment=TA_RIGHT,
        ),
        bullet=_style("cd-bullet", leftIndent=12, bulletIndent=2, spaceAfter=3),
        code=_style("cd-code", fontName=MONO, fontSize=10, leading=14),
        code_small=_style("cd-code-small", fontName=MONO, fontSize=8, leading=11),
        notice=_style(
            "cd-notice",
            fontName=SANS_OBLIQUE,
            fontSize=8.5,
            leading=12,
            textColor=MUTED,
            spaceAfter=6,
        ),
    )


@functools.cache
def _continuation(style: ParagraphStyle) -> ParagraphStyle:
    """The same style without space after, for all but the last chunk of a block."""
    return ParagraphStyle(f"{style.name}-cont", parent=style, spaceAfter=0)


# --- User text ---------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


def clean(text: str) -> str:
    """Text with one kind of newline, no control characters (they break PDF strings or
    show as boxes) and tabs as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def esc(text: str) -> str:
    """User text made safe inside ReportLab paragraph markup, on one line."""
    return escape(" ".join(clean(text).split()))


def inline(text: str) -> str:
    """User text made safe for markup, newlines kept as line breaks (for table cells)."""
    lines = [escape(" ".join(line.split())) for line in clean(text).strip().split("\n")]
    return "<br/>".join(lines)


def _pieces(line: str, size: int) -> Iterator[str]:
    """Cut a long line into pieces of at most ``size`` characters, at spaces when
    possible (a 100,000-character word still gets cut)."""
    while len(line) > size:
        cut = line.rfind(" ", size // 2, size)
        if cut <= 0:
            cut = size
        yield line[:cut]
        line = line[cut:].lstrip(" ")
    if line:
        yield line


def paragraphs(text: str, style: ParagraphStyle, *, size: int = CHUNK_CHARS) -> list[Flowable]:
    """User text as Paragraphs: one block per blank-line-separated block, single newlines
    kept, and no Paragraph longer than ``size`` characters. Empty text gives []."""
    out: list[Flowable] = []
    cont = _continuation(style)
    for block in _BLANK_LINE.split(clean(text).strip()):
        chunks: list[str] = []
        current: list[str] = []
        length = 0
        for line in block.split("\n"):
            line = " ".join(line.split())
            for index, piece in enumerate(_pieces(line, size)):
                # A piece continuing the same line must not be joined with <br/>.
                if current and (index > 0 or length + len(piece) > size):
                    chunks.append("<br/>".join(current))
                    current, length = [], 0
                current.append(escape(piece))
                length += len(piece)
        if current:
            chunks.append("<br/>".join(current))
        chunks = [c for c in chunks if c.replace("<br/>", "").strip()]
        for index, chunk in enumerate(chunks):
            out.append(Paragraph(chunk, style if index == len(chunks) - 1 else cont))
    return out


# --- Values ------------------------------------------------------------------------------

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

DASH = "—"


def month_name(month: int, short: bool = False) -> str:
    name = _MONTHS[month - 1]
    return name[:3] if short else name


def fmt_date(value: date | None, short: bool = False) -> str:
    """ "3 March 2025" in every locale, so a report reads the same on any machine."""
    if value is None:
        return DASH
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day} {month_name(value.month, short)} {value.year}"


def fmt_datetime(value: datetime | None) -> str:
    if value is None:
        return DASH
    return f"{fmt_date(value)}, {value:%H:%M}"


def fmt_number(value: float | None) -> str:
    """A measure without noise: 3, 3.5, 12.25; a dash when unknown."""
    if value is None or not math.isfinite(value):
        return DASH
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def fmt_percent(fraction: float | None) -> str:
    if fraction is None or not math.isfinite(fraction):
        return DASH
    return f"{round(fraction * 100)}%"


def humanise(value: str) -> str:
    """An enum value as words: "in_person" → "In person"."""
    words = str(value).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else DASH


def or_dash(text: str | None) -> str:
    return text if text and text.strip() else DASH


# --- Building blocks ---------------------------------------------------------------------


class Heading(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A section heading with a hairline under it, kept with what follows."""

    def __init__(self, text: str, style: ParagraphStyle, space_before: float = 16) -> None:
        super().__init__()
        self._para = Paragraph(text, style)
        self._space_before = space_before
        self.keepWithNext = 1
        self._width = 0.0
        self._height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self._para.wrap(avail_width, avail_height)
        self._width = avail_width
        self._height = h + 5
        return avail_width, self._height

    def getSpaceBefore(self) -> float:
        return self._space_before

    def getSpaceAfter(self) -> float:
        return 7

    def draw(self) -> None:
        self._para.drawOn(self.canv, 0, 5)
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0.5, self._width, 0.5)


class AccentBar(Flowable):  # type: ignore[misc]
    """The short accent rule under the title block."""

    def __init__(self, width: float = 28 * mm, thickness: float = 2.2) -> None:
        super().__init__()
        self._bar_width = width
        self._thickness = thickness

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self._bar_width, self._thickness

    def draw(self) -> None:
        self.canv.setFillColor(ACCENT)
        self.canv.rect(0, 0, self._bar_width, self._thickness, stroke=0, fill=1)


def title_block(kicker: str, title: str, lines: Sequence[str]) -> list[Flowable]:
    """Kicker, title, subtitle lines (markup, already escaped) and the accent bar."""
    st = styles()
    out: list[Flowable] = [
        Paragraph(esc(kicker.upper()), st.kicker),
        Paragraph(esc(title), st.title),
    ]
    out.extend(Paragraph(line, st.subtitle) for line in lines)
    out += [Spacer(1, 9), AccentBar(), Spacer(1, 14)]
    return out


def heading(text: str) -> Heading:
    return Heading(esc(text), styles().h1)


def subheading(text: str) -> Paragraph:
    return Paragraph(esc(text), styles().h2)


def labelled(label: str, text: str, *, empty: str | None = None) -> list[Flowable]:
    """A small label above the user's text (split into paragraphs); nothing when the
    text is empty, unless ``empty`` says what to print instead."""
    st = styles()
    body = paragraphs(text, st.body)
    if not body:
        if empty is None:
            return []
        body = [Paragraph(esc(empty), st.muted)]
    return [Paragraph(esc(label.upper()), st.label), *body]


Cell: TypeAlias = str | Flowable | list[Flowable]
"""A table cell: plain user text (escaped here), or flowables built by the caller."""


def _cell(value: Cell, style: ParagraphStyle) -> Flowable | list[Flowable]:
    if isinstance(value, str):
        if len(value) > CHUNK_CHARS:
            return paragraphs(value, style)
        return Paragraph(inline(value) or DASH, style)
    return value


def _rule_style(header: bool) -> list[tuple[object, ...]]:
    commands: list[tuple[object, ...]] = [
        # Cells are Paragraphs, but the cell style's own font (Helvetica by default) is
        # still set on the canvas: name the embedded font so Helvetica never appears.
        ("FONT", (0, 0), (-1, -1), SANS, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), TINT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, FAINT),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
        ]
    return commands


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    total_width: float,
    *,
    right: Sequence[int] = (),
) -> Table:
    """A table with a tinted header row repeated on every page and light rules.

    ``widths`` are fractions of ``total_width``; columns in ``right`` are right-aligned
    (numbers). Rows may split inside a cell, so a long cell never overflows a page.
    """
    st = styles()
    data: list[list[Flowable | list[Flowable]]] = [
        [Paragraph(esc(h), st.head_right if i in right else st.head) for i, h in enumerate(header)]
    ]
    for row in rows:
        data.append(
            [_cell(value, st.cell_right if i in right else st.cell) for i, value in enumerate(row)]
        )
    table = Table(
        data,
        colWidths=[w * total_width for w in widths],
        repeatRows=1,
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(_rule_style(header=True) + _no_orphans(len(data))))
    return table


ORPHAN_ROWS = 3
"""A table split across pages keeps at least this many rows on each side of the break
(with the header): one to three rows alone on a page read as a leftover."""


def _no_orphans(count: int) -> list[tuple[Any, ...]]:
    """NOSPLIT commands that keep a table's first and last rows together."""
    commands: list[tuple[Any, ...]] = []
    if count > 1:
        commands.append(("NOSPLIT", (0, 0), (-1, min(ORPHAN_ROWS, count - 1))))
    if count - 1 > 2 * ORPHAN_ROWS:
        # ReportLab may break after a range's first row: start the range one row early.
        commands.append(("NOSPLIT", (0, count - ORPHAN_ROWS - 1), (-1, count - 1)))
    return commands


def kv_table(
    rows: Sequence[tuple[str, Cell]],
    total_width: float,
    label_width: float = 0.28,
    *,
    compact: bool = False,
) -> Table:
    """Label/value pairs (a contract's terms, a client's profile) with light rules;
    ``compact`` tightens the rows for long listings such as an emotion log."""
    st = styles()
    data = [[Paragraph(esc(label), st.cell_muted), _cell(value, st.cell)] for label, value in rows]
    table = Table(
        data,
        colWidths=[label_width * total_width, (1 - label_width) * total_width],
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    commands = _rule_style(header=False)
    commands.append(("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE))
    if compact:
        commands += [
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    table.setStyle(TableStyle(commands))
    return table


def text_cell(text: str) -> list[Flowable]:
    """Long user text inside a table cell, chunked like body text."""
    return paragraphs(text, styles().cell) or [Paragraph(DASH, styles().cell)]


def bullet_list(items: Sequence[str]) -> list[Flowable]:
    """Short items of the code's own wording (already markup) as a bulleted list."""
    st = styles()
    return [Paragraph(item, st.bullet, bulletText="•") for item in items]
