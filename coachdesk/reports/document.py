"""Page layout, running header and footer, metadata and encryption of every report.

A report is rendered to memory; encryption (pypdf) and the atomic write happen on the
finished bytes, so a failed render never leaves a half-written or unencrypted file.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from coachdesk.core.errors import InvalidInput
from coachdesk.reports.fonts import SANS, SANS_BOLD, register_fonts
from coachdesk.reports.style import BODY_SIZE, FAINT, INK, MUTED, RULE, clean

AUTHOR = "CoachDesk"
"""Author and creator of every PDF: metadata never names the client or the coach."""


class PaperSize(StrEnum):
    """Paper for printing: A4 in most of the world, Letter in North America."""

    A4 = "a4"
    LETTER = "letter"


_SIZES: dict[PaperSize, tuple[float, float]] = {PaperSize.A4: A4, PaperSize.LETTER: LETTER}

MARGIN_X: float = 22 * mm
MARGIN_TOP: float = 24 * mm
MARGIN_BOTTOM: float = 22 * mm


def paper_size(value: PaperSize | str) -> tuple[float, float]:
    """Width and height in points of a paper size given as enum or its name."""
    try:
        width, height = _SIZES[PaperSize(str(value).lower())]
    except ValueError:
        raise InvalidInput(f"unknown paper size {value!r}: use a4 or letter") from None
    return float(width), float(height)


def frame_width(page_size: PaperSize | str) -> float:
    """Width of the text column, for tables and charts sized to fit it."""
    return paper_size(page_size)[0] - 2 * MARGIN_X


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the running header/footer and the PDF metadata say.

    ``title``/``subject``/``keywords`` go into the metadata and must not name anyone;
    ``header`` is printed on pages after the first and may name the client (the reader
    is the client or the sponsor, who know whom it is about).
    """

    title: str
    subject: str
    keywords: Sequence[str]
    header: str
    footer: str
    confidential: bool = False


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that holds pages back until the end, so each footer can say
    "page x of y" in one rendering pass (no second build of the whole document)."""

    def __init__(self, *args: Any, info: DocumentInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._info = info
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # ReportLab's API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        width, height = self._pagesize
        number = self._pageNumber
        info = self._info
        self.saveState()
        top = height - MARGIN_TOP + 9 * mm
        if number > 1:
            room = width - 2 * MARGIN_X - (30 * mm if info.confidential else 0)
            self.setFont(SANS, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN_X, top, _fit(info.header, SANS, 7.5, room))
            if info.confidential:
                self.setFont(SANS_BOLD, 7.5)
                self.setFillColor(INK)
                self.drawRightString(width - MARGIN_X, top, "CONFIDENTIAL")
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, top - 3.5 * mm, width - MARGIN_X, top - 3.5 * mm)
        bottom = MARGIN_BOTTOM - 11 * mm
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_X, bottom + 4 * mm, width - MARGIN_X, bottom + 4 * mm)
        self.setFont(SANS, 7)
        self.setFillColor(FAINT)
        self.drawString(
            MARGIN_X, bottom, _fit(info.footer, SANS, 7, width - 2 * MARGIN_X - 30 * mm)
        )
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN_X, bottom, f"Page {number} of {total}")
        self.restoreState()


def _fit(text: str, font: str, size: float, room: float) -> str:
    """``text`` shortened with an ellipsis to fit ``room`` points (a very long client
    name must not run into the page number)."""
    text = " ".join(clean(text).split())
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def render_story(
    story: Sequence[Flowable],
    info: DocumentInfo,
    page_size: PaperSize | str,
    password: str | None = None,
) -> bytes:
    """Lay ``story`` out on pages and return the PDF bytes (encrypted when ``password``).

    The embedded DejaVu Sans is the canvas's initial font as well as every style's, so
    the PDF references no standard (unembedded) font at all.
    """
    register_fonts()
    size = paper_size(page_size)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=info.title,
        author=AUTHOR,
        subject=info.subject,
        keywords=list(info.keywords),
        creator=AUTHOR,
        producer=AUTHOR,
        lang="en",
        pageCompression=1,
        initialFontName=SANS,
        initialFontSize=BODY_SIZE,
        displayDocTitle=1,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(list(story), canvasmaker=functools.partial(_NumberedCanvas, info=info))
    data = buffer.getvalue()
    return encrypt_pdf(data, password) if password else data


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """Encrypt a finished PDF with AES-256 (PDF 2.0 security handler, revision 6).

    Done with pypdf because ReportLab's own encryption offers only RC4 or AES-128.
    The metadata (already free of names) is kept, encrypted like the rest.
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def footer_text(*parts: str) -> str:
    """Footer line from parts, plain text (drawn directly, not as markup)."""
    return "  ·  ".join(p for p in parts if p)
