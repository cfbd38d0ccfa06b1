"""Small dialogs that show their text as plain text, whatever a name or bank contains."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "", default_no: bool = True) -> bool:
    """Ask a yes/no question; True when the user says yes."""
    from PySide6.QtWidgets import QMessageBox  # not needed before the first question

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    yes_button = box.addButton(QMessageBox.StandardButton.Yes)
    no_button = box.addButton(QMessageBox.StandardButton.No)
    if yes:
        yes_button.setText(yes)
    box.setDefaultButton(no_button if default_no else yes_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button
