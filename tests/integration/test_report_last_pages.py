"""No report ends on a near-empty page (issue 15): a last page holding only a closing
sentence, or a heading and one line, reads as a printing accident.

Every report kind is rendered for every demo client, on A4 and Letter (and both copies
of the contract), and read back with pypdf: the last page must carry at least
:data:`MIN_LINES` lines of text between the running header and the footer.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from coachdesk.demo import demo_engagements
from coachdesk.reports import ReportKind
from coachdesk.reports.api import render_report
from coachdesk.reports.document import MARGIN_BOTTOM, MARGIN_TOP

TODAY = date(2026, 12, 3)
MIN_LINES = 4
"""Fewer lines than this on a last page (a heading and two lines, say) is near-empty."""

VARIANTS = [
    (kind, audience)
    for kind in ReportKind
    if kind != ReportKind.RECOVERY_KIT  # one page, no client
    for audience in (("client", "sponsor") if kind == ReportKind.CONTRACT else (None,))
]


def body_lines(page: object) -> int:
    """Lines of text on a page between the running header and the footer (the page's
    margins), counted by their baselines."""
    height = float(page.mediabox.height)  # type: ignore[attr-defined]
    top, bottom = height - MARGIN_TOP, MARGIN_BOTTOM
    baselines: set[int] = set()

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and bottom <= y <= top:
            baselines.add(round(y))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return len(baselines)


def last_page_lines(pdf: bytes) -> tuple[int, int]:
    """(pages, lines of text on the last page); a one-page report reports its lines."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return len(pages), body_lines(pages[-1])


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_no_report_ends_on_a_near_empty_page(paper: str) -> None:
    near_empty = []
    for engagement in demo_engagements(TODAY):
        for kind, audience in VARIANTS:
            pdf = render_report(kind, engagement, today=TODAY, page_size=paper, audience=audience)
            pages, lines = last_page_lines(pdf)
            if pages > 1 and lines < MIN_LINES:
                near_empty.append(
                    f"{kind.value}{' (' + audience + ')' if audience else ''} of "
                    f"{engagement.client.name}: "
                    f"page {pages} holds {lines} line(s)"
                )
    assert not near_empty, "\n".join(near_empty)


def test_the_count_sees_a_lonely_closing_sentence() -> None:
    """The measure itself: a story that ends with one sentence on a page of its own."""
    from reportlab.platypus import PageBreak, Paragraph

    from coachdesk.reports.document import DocumentInfo, render_story
    from coachdesk.reports.style import styles

    st = styles()
    story = [Paragraph(f"Line {i}", st.body) for i in range(30)]
    story += [PageBreak(), Paragraph("A closing sentence, alone.", st.body)]
    pdf = render_story(
        story,
        DocumentInfo(title="t", subject="s", keywords=(), header="Header", footer="Footer"),
        "A4",
    )
    assert last_page_lines(pdf) == (2, 1)
