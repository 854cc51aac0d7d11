"""Signature lines of the contract PDF line up, whatever the parties' details (issue 15:
"misaligned signature lines" when one party's role wrapped onto more lines)."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium

from coachdesk.reports import ReportKind, render_report
from testsupport import sample_engagement


def _label_heights(pdf: bytes, word: str) -> list[float]:
    """The baseline heights of every ``word`` on the last page, top to bottom."""
    document = pdfium.PdfDocument(pdf)
    page = document[len(document) - 1]
    text = page.get_textpage()
    heights = []
    searcher = text.search(word, match_case=True, match_whole_word=True)
    while (found := searcher.get_next()) is not None:
        index, _count = found
        heights.append(round(text.get_charbox(index)[1], 1))
    searcher.close()
    text.close()
    page.close()
    document.close()
    return sorted(heights, reverse=True)


def test_signature_lines_side_by_side_share_one_height() -> None:
    engagement = sample_engagement()
    engagement.client.role = "Chief Operating Officer and interim head of " * 3 + "logistics"
    engagement.client.organisation = "A very long organisation name for wrapping purposes"
    pdf = render_report(
        ReportKind.CONTRACT, engagement, today=date(2026, 12, 1), coach_name="Ada Coach"
    )
    heights = _label_heights(pdf, "Signature")
    assert len(heights) >= 2
    # Coach and client sit side by side: their "Signature" labels are at one height.
    assert heights[0] == heights[1], heights
