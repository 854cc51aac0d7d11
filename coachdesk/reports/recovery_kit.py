"""Recovery kit: the recovery code on paper, with what to do with it.

The sheet carries the code and the vault's location only — no client data — so it can
be kept in a drawer or a safe away from the laptop.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from coachdesk.core.errors import InvalidInput
from coachdesk.reports.common import Context
from coachdesk.reports.document import DocumentInfo, footer_text
from coachdesk.reports.fonts import MONO, MONO_BOLD, SANS
from coachdesk.reports.style import (
    ACCENT,
    ACCENT_TINT,
    INK,
    MUTED,
    RULE,
    bullet_list,
    esc,
    fmt_date,
    heading,
    styles,
    title_block,
)

GROUP = 4


def code_groups(code: str) -> list[str]:
    """The code as groups of four, however it was typed (spaces, hyphens, case)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    if not cleaned:
        raise InvalidInput("the recovery code is empty")
    return [cleaned[i : i + GROUP] for i in range(0, len(cleaned), GROUP)]


def _code_grid(groups: list[str], width: float) -> Table:
    """The code in large monospace, four groups to a row, each group numbered so a
    reader typing it back cannot lose their place."""
    st = styles()
    big = st.code.clone(
        "cd-code-big",
        fontName=MONO_BOLD,
        fontSize=22,
        leading=28,
        textColor=INK,
        alignment=TA_CENTER,
    )
    num = st.small.clone(
        "cd-code-num", fontSize=6.5, leading=8, textColor=MUTED, alignment=TA_CENTER
    )
    per_row = 4
    rows: list[list[Flowable | str]] = []
    for start in range(0, len(groups), per_row):
        chunk = groups[start : start + per_row]
        rows.append([Paragraph(esc(g), big) for g in chunk] + [""] * (per_row - len(chunk)))
        rows.append(
            [Paragraph(str(start + i + 1), num) for i in range(len(chunk))]
            + [""] * (per_row - len(chunk))
        )
    col = (width - 16 * mm) / per_row
    table = Table(rows, colWidths=[col] * per_row, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), MONO, 10),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    frame = Table([[table]], colWidths=[width], hAlign="LEFT")
    frame.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 8),
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 14),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ]
        )
    )
    return frame


def _write_in(width: float) -> Table:
    """Lines to note by hand where the sheet is kept and when it was printed."""
    st = styles()
    rows = [
        [Paragraph("Kept at", st.small), ""],
        [Paragraph("Printed on", st.small), ""],
    ]
    table = Table(
        rows, colWidths=[28 * mm, width - 28 * mm], rowHeights=[10 * mm, 10 * mm], hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 8),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, RULE),
            ]
        )
    )
    return table


def build(code: str, vault_location: str, ctx: Context) -> tuple[list[Flowable], DocumentInfo]:
    st = styles()
    groups = code_groups(code)
    story: list[Flowable] = title_block(
        "CoachDesk · Recovery kit",
        "Recovery kit",
        [
            "Your way back into CoachDesk if you forget your passphrase.",
            f"Created on {fmt_date(ctx.today)}",
        ],
    )
    story.append(
        KeepTogether(
            [
                Paragraph("<b>Recovery code</b>", st.h2),
                _code_grid(groups, ctx.width),
                Spacer(1, 6),
                Paragraph(
                    f'In one line: <font face="{MONO}">{esc("-".join(groups))}</font>', st.small
                ),
                Paragraph(
                    "Upper or lower case, with or without the hyphens: both work. What looks "
                    "like an O is a zero; what looks like an I or an L is a one.",
                    st.small,
                ),
            ]
        )
    )
    story.append(Paragraph("<b>Vault</b>", st.h2))
    story.append(Paragraph(esc(vault_location) or "—", st.code_small))

    story.append(heading("If you forget your passphrase"))
    story += bullet_list(
        [
            "Open CoachDesk, choose to unlock with the recovery code, type the code above "
            "and choose a new passphrase.",
            "From a terminal: "
            f'<font face="{MONO}">coachdesk --vault {esc(_quoted(vault_location))} recover</font>',
            "The recovery code stays the same after you set a new passphrase: keep this sheet.",
        ]
    )
    story.append(heading("Keep it safe"))
    story += bullet_list(
        [
            "Anyone with this code and a copy of your vault folder can read your clients' "
            "records. Treat the sheet like the key to a safe.",
            "Store it away from the laptop: a locked drawer, a safe, or with your important "
            "papers. Do not photograph it or keep it in e-mail or cloud notes.",
        ]
    )
    story += [Spacer(1, 14), _write_in(ctx.width)]
    info = DocumentInfo(
        title="Recovery kit",
        subject="CoachDesk vault recovery kit",
        keywords=["CoachDesk", "recovery kit"],
        header="CoachDesk recovery kit",
        footer=footer_text("Recovery kit · keep private · contains no client data"),
    )
    return story, info


def _quoted(path: str) -> str:
    return f'"{path}"' if any(ch.isspace() for ch in path) else path
