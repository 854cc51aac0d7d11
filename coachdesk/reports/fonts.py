"""The embedded fonts every report uses.

ReportLab's built-in Helvetica is a standard-14 font: it is never embedded and it has no
Cyrillic or Greek glyphs (a client called Ковалёва comes out as black squares). The
reports therefore register DejaVu Sans and DejaVu Sans Mono, shipped in
``coachdesk.resources/fonts``, and use them for every paragraph style, every chart label
and as the canvas's initial font, so no PDF references a font it does not embed.
"""

from __future__ import annotations

import io
import threading
from importlib import resources
from importlib.abc import Traversable

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from coachdesk.core.errors import CoachDeskError

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_OBLIQUE = "DejaVuSans-Oblique"
SANS_BOLD_OBLIQUE = "DejaVuSans-BoldOblique"
MONO = "DejaVuSansMono"
MONO_BOLD = "DejaVuSansMono-Bold"

_FILES: dict[str, str] = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_OBLIQUE: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf",
    MONO: "DejaVuSansMono.ttf",
    MONO_BOLD: "DejaVuSansMono-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


class MissingFonts(CoachDeskError):
    """The font files are not where the installation should have put them."""


def _fonts_folder() -> Traversable:
    """``coachdesk.resources/fonts``, wherever the package is installed (wheel, editable,
    zip or frozen app); a missing font fails loudly in :func:`register_fonts`, never
    silently falling back to Helvetica."""
    return resources.files("coachdesk.resources") / "fonts"


def register_fonts() -> None:
    """Register the DejaVu faces and their bold/italic family once per process.

    Safe to call from several threads (reports may be rendered by background workers).
    """
    global _registered
    with _lock:
        if _registered:
            return
        folder = _fonts_folder()
        for name, filename in _FILES.items():
            source = folder / filename
            try:
                data = source.read_bytes()
            except OSError as exc:
                raise MissingFonts(
                    f"the report font {filename} is missing from the installation"
                ) from exc
            # A file-like object, not a path: resources may live inside a zip.
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        pdfmetrics.registerFontFamily(
            SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_OBLIQUE, boldItalic=SANS_BOLD_OBLIQUE
        )
        # <font face="DejaVuSansMono"><b>…</b></font> needs its own mapping.
        addMapping(MONO, 0, 0, MONO)
        addMapping(MONO, 1, 0, MONO_BOLD)
        addMapping(MONO, 0, 1, MONO)
        addMapping(MONO, 1, 1, MONO_BOLD)
        _registered = True
