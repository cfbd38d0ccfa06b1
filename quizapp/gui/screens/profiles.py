"""Profiles: the first start (create or pick a learner) and creating, renaming, switching and deleting them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.gui.dialogs import confirm


class ProfilesScreen(QWidget):
    """A list of learners with buttons; asks the main window to act through signals."""

    chosen = Signal(int)  # profile id
    create_requested = Signal(str)  # name
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        self.heading = QLabel(self.tr("Who is studying?"), self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.note)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Learners"))
        self.list.itemActivated.connect(self._activated)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.list, 1)
        new_row = QHBoxLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Your name"))
        self.name.setAccessibleName(self.tr("Name of a new learner"))
        self.name.setMaxLength(60)
        self.name.returnPressed.connect(self._create)
        self.name.textChanged.connect(self._update_buttons)
        new_row.addWidget(self.name, 1)
        self.create_button = QPushButton(self.tr("&Add learner"), self)
        self.create_button.clicked.connect(self._create)
        new_row.addWidget(self.create_button)
        layout.addLayout(new_row)
        buttons = QHBoxLayout()
        self.rename_button = QPushButton(self.tr("Re&name\u2026"), self)
        self.rename_button.clicked.connect(self._rename)
        self.delete_button = QPushButton(self.tr("&Delete\u2026"), self)
        self.delete_button.clicked.connect(self._delete)
        self.open_button = QPushButton(self.tr("&Continue"), self)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        layout.addStretch(0)
        self._update_buttons()

    def show_profiles(self, profiles: list, current: int | None) -> None:
        """Fill the list with (id, name) profiles, selecting the current one."""
        self.list.clear()
        for profile in profiles:
            item = QListWidgetItem(profile.name)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            self.list.addItem(item)
            if profile.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.setVisible(bool(profiles))
        if profiles:
            self.note.setText(self.tr("Pick your name and press Continue, or add a new learner."))
        else:
            self.note.setText(
                self.tr(
                    "Welcome to quizapp. Type your name to create your profile: your answers and progress "
                    "stay on this computer."
                )
            )
            self.name.setFocus()
        self._update_buttons()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for button in (self.rename_button, self.delete_button, self.open_button):
            button.setEnabled(has)
        self.create_button.setEnabled(bool(self.name.text().strip()))

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _open(self) -> None:
        if (profile_id := self.selected_id()) is not None:
            self.chosen.emit(profile_id)

    def _create(self) -> None:
        name = self.name.text().strip()
        if name:
            self.create_requested.emit(name)

    def _rename(self) -> None:
        profile_id, item = self.selected_id(), self.list.currentItem()
        if profile_id is None or item is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Rename learner"), self.tr("New name:"), QLineEdit.EchoMode.Normal, item.text()
        )
        if ok and name.strip():
            self.rename_requested.emit(profile_id, name.strip())

    def _delete(self) -> None:
        profile_id, item = self.selected_id(), self.list.currentItem()
        if profile_id is None or item is None:
            return
        if confirm(
            self,
            self.tr("Delete learner"),
            self.tr("Delete {name} and all of their answers and progress? This cannot be undone.").format(
                name=item.text()
            ),
            yes=self.tr("Delete"),
        ):
            self.delete_requested.emit(profile_id)
