"""The PDFs themselves: embedded fonts, metadata, paper, encryption, rendering, size limits."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError
from pypdf.generic import DictionaryObject, IndirectObject

from coachdesk.core.errors import InvalidInput
from coachdesk.core.model import Client, Engagement
from coachdesk.reports import (
    PaperSize,
    ReportKind,
    render_recovery_kit,
    render_report,
    write_recovery_kit,
    write_report,
)
from report_fixtures import (
    CLIENT_NAME,
    COACH,
    PRIVATE_MARKER,
    RECOVERY_CODE,
    SPONSOR_CONTACT,
    SPONSOR_ORG,
    TODAY,
    large_engagement,
    long_note_engagement,
    rich_engagement,
)

ENGAGEMENT_KINDS = [k for k in ReportKind if k != ReportKind.RECOVERY_KIT]
TITLES = {
    ReportKind.SESSION: "Session summary",
    ReportKind.CONTRACT: "Coaching agreement",
    ReportKind.PROGRESS: "Progress report",
    ReportKind.SPONSOR: "Sponsor report",
    ReportKind.CLIENT_EXPORT: "Client data export",
    ReportKind.RECOVERY_KIT: "Recovery kit",
}
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def build(kind: ReportKind, **kw: Any) -> bytes:
    if kind == ReportKind.RECOVERY_KIT:
        return render_recovery_kit(RECOVERY_CODE, "/vault", today=TODAY, **kw)
    engagement = kw.pop("engagement", None) or rich_engagement()
    return render_report(kind, engagement, today=TODAY, coach_name=COACH, **kw)


@pytest.fixture(scope="module")
def rich_pdfs() -> dict[ReportKind, bytes]:
    """Every report of the rich engagement, rendered once for the module."""
    return {kind: build(kind) for kind in ReportKind}


def reader(pdf: bytes, password: str | None = None) -> PdfReader:
    r = PdfReader(io.BytesIO(pdf))
    if password is not None:
        r.decrypt(password)
    return r


def resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def fonts_of(r: PdfReader) -> Iterator[DictionaryObject]:
    """Every font dictionary used by a page, including descendants of composite fonts."""
    for page in r.pages:
        resources = resolve(page.get("/Resources")) or {}
        fonts = resolve(resources.get("/Font")) or {}
        for ref in fonts.values():
            font = resolve(ref)
            yield font
            for descendant in resolve(font.get("/DescendantFonts")) or []:
                yield resolve(descendant)


def text_of(r: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in r.pages).split())


# --- Fonts --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_font_is_embedded_dejavu(
    kind: ReportKind, rich_pdfs: dict[ReportKind, bytes]
) -> None:
    fonts = list(fonts_of(reader(rich_pdfs[kind])))
    assert fonts
    for font in fonts:
        if font.get("/Subtype") == "/Type0":
            continue  # its descendant carries the descriptor
        name = str(font.get("/BaseFont"))
        assert "DejaVu" in name, name  # never Helvetica or another standard font
        descriptor = resolve(font.get("/FontDescriptor"))
        assert descriptor is not None, name
        assert "/FontFile2" in descriptor, name


def test_names_in_cyrillic_greek_and_accented_latin_come_back_as_text(
    rich_pdfs: dict[ReportKind, bytes],
) -> None:
    text = text_of(reader(rich_pdfs[ReportKind.CONTRACT]))
    for name in (CLIENT_NAME, SPONSOR_CONTACT, COACH):
        assert name in text


def test_charts_are_vector_graphics_not_images(rich_pdfs: dict[ReportKind, bytes]) -> None:
    for kind, pdf in rich_pdfs.items():
        for page in reader(pdf).pages:
            resources = resolve(page.get("/Resources")) or {}
            xobjects = resolve(resources.get("/XObject")) or {}
            for ref in xobjects.values():
                assert resolve(ref).get("/Subtype") != "/Image", kind


# --- Metadata -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ReportKind))
def test_metadata_names_no_one(kind: ReportKind, rich_pdfs: dict[ReportKind, bytes]) -> None:
    meta = reader(rich_pdfs[kind]).metadata
    assert meta is not None
    assert meta.title == TITLES[kind]
    assert meta.author == "CoachDesk"
    assert meta.creator == "CoachDesk"
    everything = " ".join(str(v) for v in meta.values())
    names = [*CLIENT_NAME.split(), *SPONSOR_CONTACT.split(), *COACH.split(), SPONSOR_ORG]
    for name in names:
        assert name not in everything, name
    raw = rich_pdfs[kind]
    for name in names:  # nor anywhere unencoded in the file, e.g. an XMP packet
        assert name.encode("utf-8") not in raw
        assert name.encode("utf-16-be") not in raw


# --- Paper --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ReportKind))
@pytest.mark.parametrize(
    ("paper", "size"), [(PaperSize.A4, A4), (PaperSize.LETTER, LETTER), ("letter", LETTER)]
)
def test_paper_size(kind: ReportKind, paper: PaperSize | str, size: tuple[float, float]) -> None:
    for page in reader(build(kind, page_size=paper)).pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


def test_unknown_paper_size_is_refused() -> None:
    with pytest.raises(InvalidInput):
        build(ReportKind.RECOVERY_KIT, page_size="tabloid")


# --- Footer -------------------------------------------------------------------------------


def test_every_page_says_page_x_of_y(rich_pdfs: dict[ReportKind, bytes]) -> None:
    r = reader(rich_pdfs[ReportKind.CLIENT_EXPORT])
    total = len(r.pages)
    assert total > 5
    for number, page in enumerate(r.pages, 1):
        assert f"Page {number} of {total}" in (page.extract_text() or "")


def test_long_tables_repeat_their_header_row() -> None:
    r = reader(build(ReportKind.SPONSOR, engagement=large_engagement(200)))
    pages_with_sessions = [p for p in r.pages if "Session 1" in (p.extract_text() or "")]
    assert len(pages_with_sessions) > 2
    for page in pages_with_sessions[1:]:
        text = page.extract_text() or ""
        assert "Session Date Attendance Length Format" in " ".join(text.split())


# --- Encryption ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [ReportKind.CLIENT_EXPORT, ReportKind.RECOVERY_KIT])
def test_password_encrypts_with_aes_256_revision_6(kind: ReportKind) -> None:
    password = "Λέξη-κλειδί 42"
    pdf = build(kind, password=password)
    locked = reader(pdf)
    assert locked.is_encrypted
    encrypt = resolve(locked.trailer["/Encrypt"])
    assert encrypt["/V"] == 5
    assert encrypt["/R"] == 6
    assert encrypt["/Filter"] == "/Standard"
    assert locked.decrypt("wrong password") == 0  # PasswordType.NOT_DECRYPTED
    with pytest.raises(FileNotDecryptedError):
        reader(pdf).pages[0].extract_text()
    opened = reader(pdf, password)
    assert RECOVERY_CODE.split("-")[0] in text_of(opened) or CLIENT_NAME in text_of(opened)
    assert opened.metadata is not None
    assert opened.metadata.title == TITLES[kind]
    if kind == ReportKind.CLIENT_EXPORT:
        assert CLIENT_NAME.encode("utf-8") not in pdf


def test_no_password_means_no_encryption(rich_pdfs: dict[ReportKind, bytes]) -> None:
    assert not reader(rich_pdfs[ReportKind.SESSION]).is_encrypted
    assert not reader(build(ReportKind.SESSION, password="")).is_encrypted


# --- Rendering ----------------------------------------------------------------------------


def ink(bitmap: Any) -> int:
    """Pixels clearly darker than white in a grey-scale bitmap."""
    data = bytes(bitmap.buffer)
    return sum(1 for value in data if value < 200)


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_page_renders_and_is_not_blank(
    kind: ReportKind, rich_pdfs: dict[ReportKind, bytes]
) -> None:
    document = pdfium.PdfDocument(rich_pdfs[kind])
    try:
        assert len(document) >= 1
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=0.4, grayscale=True)
            area = bitmap.width * bitmap.height
            # Header, footer and body text: well above a stray mark, well below a
            # page painted over (a black square per glyph would be).
            assert area * 0.003 < ink(bitmap) < area * 0.5, (kind, index)
    finally:
        document.close()


def test_first_page_of_progress_report_has_coloured_charts(
    rich_pdfs: dict[ReportKind, bytes],
) -> None:
    document = pdfium.PdfDocument(rich_pdfs[ReportKind.PROGRESS])
    try:
        bitmap = document[0].render(scale=0.5)
        data = bytes(bitmap.buffer)  # BGR(A) per pixel
        step = len(data) // (bitmap.width * bitmap.height)
        accent = sum(
            1
            for i in range(0, len(data) - 2, step)
            if data[i + 1] - data[i + 2] > 60  # green channel well above red: the accent
        )
        assert accent > 200
    finally:
        document.close()


# --- Size limits --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ENGAGEMENT_KINDS)
def test_a_200_session_client_renders(kind: ReportKind) -> None:
    engagement = large_engagement(200)
    pdf = build(kind, engagement=engagement, include_private=kind == ReportKind.CLIENT_EXPORT)
    r = reader(pdf)
    assert len(r.pages) >= 1
    if kind == ReportKind.CLIENT_EXPORT:
        assert len(r.pages) > 100
        assert "Session 200 of 200" in text_of(r)


def test_a_100000_character_note_renders() -> None:
    engagement = long_note_engagement(100_000)
    summary = reader(build(ReportKind.SESSION, engagement=engagement, session_id=108))
    assert len(summary.pages) > 10
    text = text_of(summary)
    assert "Анастасия spoke about delegation, trust & the <team> leads’ ownership." in text
    assert PRIVATE_MARKER not in text
    export = reader(build(ReportKind.CLIENT_EXPORT, engagement=engagement, include_private=True))
    assert text_of(export).count(PRIVATE_MARKER) > 1000


# --- Writing files ------------------------------------------------------------------------


def test_write_report_is_atomic_and_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    write_report(ReportKind.SESSION, rich_engagement(), target, today=TODAY)
    assert target.read_bytes().startswith(b"%PDF-")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    before = target.read_bytes()
    with pytest.raises(InvalidInput):  # no contract: the old file must survive intact
        write_report(ReportKind.CONTRACT, Engagement(client=Client(name="X")), target, today=TODAY)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]  # no temp file left


def test_write_recovery_kit(tmp_path: Path) -> None:
    target = tmp_path / "kit.pdf"
    write_recovery_kit(RECOVERY_CODE, tmp_path, target, today=TODAY, password="pw")
    assert reader(target.read_bytes()).is_encrypted
    assert RECOVERY_CODE in text_of(reader(target.read_bytes(), "pw"))
