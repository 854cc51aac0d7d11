"""Text the app shows reads at WCAG AA (4.5:1) on its background, light and dark: the
palette roles widgets draw with, and the colours of the app's own stylesheet."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from coachdesk.ui import theme

AA = 4.5
Role = QPalette.ColorRole

ROLE_PAIRS = [
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.WindowText, Role.Window),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base),
    (Role.PlaceholderText, Role.Window),  # hints under fields (layout.hint)
    (Role.Link, Role.Base),
]


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def over(foreground: QColor, background: QColor) -> QColor:
    """The colour seen when a translucent ``foreground`` is drawn on ``background``."""
    alpha = foreground.alphaF()
    return QColor.fromRgbF(
        *(
            alpha * f + (1 - alpha) * b
            for f, b in zip(
                (foreground.redF(), foreground.greenF(), foreground.blueF()),
                (background.redF(), background.greenF(), background.blueF()),
                strict=True,
            )
        )
    )


def contrast(foreground: QColor | str, background: QColor | str) -> float:
    fg, bg = QColor(foreground), QColor(background)
    lighter, darker = sorted((luminance(over(fg, bg)), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # just fails AA
    assert contrast(QColor(0, 0, 0, 0), "#ffffff") == pytest.approx(1.0)  # invisible


def palettes(qapp: QApplication) -> dict[str, QPalette]:
    fusion = QStyleFactory.create("Fusion")
    return {"light": theme.light_palette(fusion.standardPalette()), "dark": theme.dark_palette()}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("text", "background"), ROLE_PAIRS, ids=lambda r: r.name)
def test_palette_roles_meet_aa(
    qapp: QApplication, scheme: str, text: Role, background: Role
) -> None:
    palette = palettes(qapp)[scheme]
    ratio = contrast(palette.color(text), palette.color(background))
    assert ratio >= AA, f"{scheme}: {text.name} on {background.name} is {ratio:.2f}:1"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_stylesheet_colours_meet_aa(qapp: QApplication, dark: bool) -> None:
    palette = palettes(qapp)["dark" if dark else "light"]
    window = palette.color(Role.Window).name()
    base = palette.color(Role.Base).name()
    colours = theme._colours(dark)
    pairs = {
        "muted on window": (colours["muted"], window),
        "muted on card": (colours["muted"], colours["card"]),
        "private note label": (colours["private_text"], colours["private_bg"]),
        "private label on window": (colours["private_text"], window),
        "error on window": (theme.ERROR_TEXT[dark], window),
        "error on card": (theme.ERROR_TEXT[dark], base),
        "primary button": ("#ffffff", theme.ACCENT),
    }
    low = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < AA}
    assert not low, f"below {AA}:1: {low}"


def test_dark_fields_and_indicators_have_a_visible_edge(qapp: QApplication) -> None:
    """Fields in cards, radio buttons and check boxes: their edge stands out from the
    card (3:1, WCAG's contrast for the boundary of a control)."""
    sheet = theme.stylesheet(dark=True)
    for selector in ("QLineEdit", "QRadioButton::indicator", "QCheckBox::indicator"):
        assert selector in sheet
    assert theme.DARK_FIELD_BORDER in sheet and theme.DARK_INDICATOR in sheet
    palette = theme.dark_palette()
    # cards: the app's (#card) and the tabs' own (palette base)
    for card in (theme._colours(True)["card"], palette.color(Role.Base).name()):
        assert contrast(theme.DARK_FIELD_BORDER, card) >= 3.0
        assert contrast(theme.DARK_INDICATOR, card) >= 3.0
    assert "QLineEdit" not in theme.stylesheet(dark=False)  # light keeps the native look
