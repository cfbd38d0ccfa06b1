"""The user's preferences and window state, kept with QSettings in the data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")
DEFAULT_FONT_SIZE = 11
DEFAULT_NEW_PER_DAY = 20


class Preferences:
    """Typed access to the settings file `settings.ini` in the data folder."""

    def __init__(self, data: Path) -> None:
        self.qsettings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)

    def _int(self, key: str, default: int, low: int, high: int) -> int:
        try:
            value = int(self.qsettings.value(key, default))
        except (TypeError, ValueError):
            return default
        return min(high, max(low, value))

    @property
    def font_size(self) -> int:
        return self._int("appearance/font_size", DEFAULT_FONT_SIZE, 8, 32)

    @font_size.setter
    def font_size(self, value: int) -> None:
        self.qsettings.setValue("appearance/font_size", int(value))

    @property
    def theme(self) -> str:
        value = str(self.qsettings.value("appearance/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.qsettings.setValue("appearance/theme", value if value in THEMES else "system")

    @property
    def new_per_day(self) -> int:
        return self._int("review/new_per_day", DEFAULT_NEW_PER_DAY, 0, 9999)

    @new_per_day.setter
    def new_per_day(self, value: int) -> None:
        self.qsettings.setValue("review/new_per_day", int(value))

    @property
    def sounds(self) -> bool:
        return str(self.qsettings.value("sound/enabled", "false")).lower() == "true"

    @sounds.setter
    def sounds(self, value: bool) -> None:
        self.qsettings.setValue("sound/enabled", "true" if value else "false")

    @property
    def last_profile(self) -> int | None:
        value = self.qsettings.value("profile/last")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    @last_profile.setter
    def last_profile(self, value: int | None) -> None:
        if value is None:
            self.qsettings.remove("profile/last")
        else:
            self.qsettings.setValue("profile/last", int(value))

    def geometry(self) -> QByteArray | None:
        value = self.qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def save_geometry(self, geometry: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)

    def sync(self) -> None:
        self.qsettings.sync()


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, with enough contrast for text and focus."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#2f2f2f",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6cb4ff",
        QPalette.ColorRole.Highlight: "#3d7cc9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    return palette


def apply_appearance(app: QApplication, preferences: Preferences) -> None:
    """Apply the font size and the light, dark or system colour scheme."""
    font = QFont(app.font())
    font.setPointSize(preferences.font_size)
    app.setFont(font)
    theme = preferences.theme
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
    app.styleHints().setColorScheme(scheme)
    if theme == "system":
        return
    # Not every desktop follows the hint above, so the chosen scheme is also set as a palette.
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
