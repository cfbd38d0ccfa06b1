"""The settings dialog: font size, theme, the daily limit of new review questions, and sounds."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from quizapp.gui.preferences import THEMES, Preferences


class SettingsDialog(QDialog):
    """Edits the preferences; the caller applies them when the dialog is accepted."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout()
        self.font_size = QSpinBox(self)
        self.font_size.setRange(8, 32)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(preferences.font_size)
        self.font_size.setAccessibleName(self.tr("Font size"))
        form.addRow(self.tr("&Font size:"), self.font_size)
        self.theme = QComboBox(self)
        self.theme.setAccessibleName(self.tr("Theme"))
        names = {"system": self.tr("As the system"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for theme in THEMES:
            self.theme.addItem(names[theme], theme)
        self.theme.setCurrentIndex(THEMES.index(preferences.theme))
        form.addRow(self.tr("&Theme:"), self.theme)
        self.new_per_day = QSpinBox(self)
        self.new_per_day.setRange(0, 9999)
        self.new_per_day.setValue(preferences.new_per_day)
        self.new_per_day.setAccessibleName(self.tr("New questions per day in review"))
        form.addRow(self.tr("&New questions per day (review):"), self.new_per_day)
        self.sounds = QCheckBox(self.tr("Play a sound after each answer"), self)
        self.sounds.setChecked(preferences.sounds)
        form.addRow(self.tr("&Sounds:"), self.sounds)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.preferences.font_size = self.font_size.value()
        self.preferences.theme = self.theme.currentData()
        self.preferences.new_per_day = self.new_per_day.value()
        self.preferences.sounds = self.sounds.isChecked()
        self.preferences.sync()
        super().accept()
