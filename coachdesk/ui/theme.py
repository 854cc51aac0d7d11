"""Light and dark looks that follow the system, and the app's one stylesheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap

ACCENT = "#2f6f8f"
ERROR_TEXT = {False: "#b3261e", True: "#f28b82"}
"""Error and warning text, light and dark: each at least 4.5:1 on its window and cards."""
DARK_FIELD_BORDER = "#7c818a"
DARK_INDICATOR = "#9aa0a6"
"""Edges of fields and of radio/check indicators in the dark theme (3:1 on cards)."""

_STYLESHEET = """
QLabel#sectionTitle {{ font-weight: 600; font-size: 11pt; margin-top: 8px; }}
QLabel#pageTitle {{ font-size: 20pt; font-weight: 600; }}
QLabel#clientTitle {{ font-size: 15pt; font-weight: 600; }}
QLabel#clientSubtitle {{ color: {muted}; }}
QLabel#hint {{ color: {muted}; }}
QLabel#error {{ color: {error}; }}
QLabel#backupState[problem="true"] {{ color: {error}; }}
QLabel#backupState[problem="stale"] {{ color: {error}; font-weight: 600; }}
QLabel#privateBanner {{ color: {private_text}; font-weight: 600; }}
QPlainTextEdit#privateNote {{
    background: {private_bg}; border: 1px solid {private_border}; border-radius: 4px;
}}
QFrame#card {{
    background: {card}; border: 1px solid {border}; border-radius: 8px;
}}
QLabel#recoveryCode {{
    font-family: "DejaVu Sans Mono", monospace; font-size: 16pt; font-weight: 600;
    padding: 12px; border: 1px dashed {border}; border-radius: 6px;
}}
QPushButton#primary {{
    background: {accent}; color: white; border: none; border-radius: 5px;
    padding: 6px 16px; font-weight: 600;
}}
QPushButton#primary:disabled {{ background: {muted}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QListView#clientList::item {{ padding: 5px 4px; }}
"""


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_colour(palette: QPalette) -> str:
    """The error text colour that reads on ``palette`` (for a widget's own stylesheet)."""
    return ERROR_TEXT[is_dark(palette)]


def light_palette(base: QPalette) -> QPalette:
    """The Fusion light palette with CoachDesk's accent for selections (Fusion's own blue
    gives white text only 3.7:1) and an opaque, readable placeholder grey."""
    palette = QPalette(base)
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#5b6270"))
    return palette


_DARK_CONTROLS = """
QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox {{
    border: 1px solid {field_border}; border-radius: 3px;
}}
QLineEdit, QAbstractSpinBox, QComboBox {{ padding: 2px 4px; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractSpinBox:focus,
QComboBox:focus {{ border-color: {focus}; }}
QLineEdit:disabled, QAbstractSpinBox:disabled, QComboBox:disabled {{
    border-color: {disabled_border};
}}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 16px; border: none; }}
QAbstractSpinBox::up-arrow {{ image: url("{up}"); width: 8px; height: 8px; }}
QAbstractSpinBox::down-arrow {{ image: url("{down}"); width: 8px; height: 8px; }}
QRadioButton::indicator, QCheckBox::indicator {{
    width: 13px; height: 13px; border: 1px solid {indicator}; background: {field_bg};
}}
QRadioButton::indicator {{ border-radius: 7px; }}
QCheckBox::indicator {{ border-radius: 3px; }}
QRadioButton::indicator:checked {{
    background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,
        stop:0 {focus}, stop:0.45 {focus}, stop:0.55 {field_bg}, stop:1 {field_bg});
    border-color: {focus};
}}
QCheckBox::indicator:checked {{
    background: {accent}; border-color: {focus}; image: url("{check}");
}}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{
    border-color: {disabled_border};
}}
"""
"""Dark only: Fusion draws field frames and radio/check outlines darker than the
window, which vanishes on a dark one; these give them a visible, lighter edge."""


def _icon_path(name: str) -> str:
    from importlib.resources import files

    return str(files("coachdesk.resources") / "icons" / name).replace("\\", "/")


def stylesheet(dark: bool) -> str:
    if dark:
        controls = _DARK_CONTROLS.format(
            field_border=DARK_FIELD_BORDER, focus="#5fa8cc", disabled_border="#3a3d42",
            indicator=DARK_INDICATOR, field_bg="#18191b", accent=ACCENT,
            check=_icon_path("check.svg"), up=_icon_path("arrow-up.svg"),
            down=_icon_path("arrow-down.svg"),
        )  # fmt: skip
        return _STYLESHEET.format(accent=ACCENT, **_colours(dark)) + controls
    return _STYLESHEET.format(accent=ACCENT, **_colours(dark))


def _colours(dark: bool) -> dict[str, str]:
    if dark:
        colours = {
            "muted": "#9aa0a6", "private_bg": "#3a3222", "private_border": "#8a6d2f",
            "private_text": "#e0b562", "card": "#2b2d31", "border": "#45484e",
        }  # fmt: skip
    else:
        colours = {
            "muted": "#5b6270", "private_bg": "#fff7e0", "private_border": "#e5c07b",
            "private_text": "#8a5a00", "card": "#ffffff", "border": "#dcdfe4",
        }  # fmt: skip
    colours["error"] = ERROR_TEXT[dark]
    return colours


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, for platforms whose theme gives none."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#18191b",
        QPalette.ColorRole.AlternateBase: "#26282c",
        QPalette.ColorRole.ToolTipBase: "#2b2d31",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#8a8f98",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2b2d31",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7cb8d6",
        QPalette.ColorRole.Mid: "#45484e",
        QPalette.ColorRole.Dark: "#111214",
        QPalette.ColorRole.Light: "#3a3d42",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b6f76"))
    return palette


def _wants_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QGuiApplication) -> None:
    """Follow the system's colour scheme, now and when it changes.

    Where the platform theme reports a dark scheme but supplies no dark palette (some
    Linux desktops), the Fusion style with CoachDesk's dark palette stands in.
    """

    def refresh() -> None:
        _apply(app, _wants_dark(app))

    hints = app.styleHints()
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(lambda _scheme: refresh())
    refresh()


def force_scheme(app: QGuiApplication, dark: bool) -> None:
    """Switch scheme explicitly (screenshots, tests)."""
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    _apply(app, dark)


def _apply(app: QGuiApplication, dark: bool) -> None:
    from PySide6.QtWidgets import QApplication

    if not isinstance(app, QApplication):
        return
    if dark and not is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif not dark and app.style().name().lower() == "fusion":
        app.setPalette(light_palette(app.style().standardPalette()))
    app.setStyleSheet(stylesheet(is_dark(app.palette())))


def line_icon(name: str, palette: QPalette) -> QIcon:
    """One of CoachDesk's line icons (``resources/icons/<name>.svg``) drawn in the
    palette's text colour, so it reads on light and dark alike (the platform's stock
    icons offered a floppy disk for Archive and a red cross for Lock)."""
    from importlib.resources import files

    path = files("coachdesk.resources") / "icons" / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8")
    icon = QIcon()
    for group, mode in (
        (QPalette.ColorGroup.Active, QIcon.Mode.Normal),
        (QPalette.ColorGroup.Disabled, QIcon.Mode.Disabled),
    ):
        colour = palette.color(group, QPalette.ColorRole.ButtonText).name()
        pixmap = QPixmap()
        pixmap.loadFromData(svg.replace("#000000", colour).encode(), "SVG")
        icon.addPixmap(pixmap, mode)
    return icon
