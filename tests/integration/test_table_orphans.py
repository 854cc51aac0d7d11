"""Report tables split across pages keep rows together at both ends of the break (no
page holding one to three orphan rows), and a row taller than a page still renders."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Spacer

from coachdesk.reports import ReportKind, render_report
from coachdesk.reports.style import ORPHAN_ROWS, data_table
from testsupport import sample_engagement


def _rows_per_page(pdf: bytes, marker: str) -> list[int]:
    document = pdfium.PdfDocument(pdf)
    counts = []
    for page in document:
        text = page.get_textpage()
        counts.append(text.get_text_range().count(marker))
        text.close()
        page.close()
    document.close()
    return counts


def _render(lead_in: float, rows: int) -> bytes:
    import io

    out = io.BytesIO()
    width = A4[0] - 100
    table = data_table(
        ["Row", "Text"], [[f"ROW{i:03d}", "some text"] for i in range(rows)], [0.3, 0.7], width
    )
    SimpleDocTemplate(out, pagesize=A4).build([Spacer(1, lead_in), table])
    return out.getvalue()


def test_no_page_holds_only_a_few_rows_of_a_table() -> None:
    """Wherever the page break falls (the table starting lower and lower on the first
    page), each page of the table holds at least ORPHAN_ROWS of its rows."""
    for lead_in in range(0, 680, 9):  # a taller spacer would not fit a page itself
        counts = [c for c in _rows_per_page(_render(lead_in, 30), "ROW") if c]
        assert sum(counts) == 30
        if len(counts) > 1:
            assert min(counts) >= ORPHAN_ROWS, (lead_in, counts)


def test_a_row_taller_than_a_page_still_renders() -> None:
    engagement = sample_engagement()
    for session in engagement.sessions:
        session.shared_summary = "A very long summary sentence. " * 1500
    pdf = render_report(
        ReportKind.CLIENT_EXPORT, engagement, today=date(2026, 12, 1), include_private=True
    )
    assert len(pdfium.PdfDocument(pdf)) > 3
