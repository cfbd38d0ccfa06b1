"""Starting the desktop app: the QApplication and the main window listing the loaded banks."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from quizapp import __version__
from quizapp.loader import Library, load_library


class MainWindow(QMainWindow):
    """The main window: for now, the banks found and the problems of those that failed."""

    def __init__(self, locations: list[Path]) -> None:
        super().__init__()
        self.locations = locations
        self.setWindowTitle(self.tr("quizapp"))
        self.resize(1000, 640)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.heading = QLabel(self.tr("Loading question banks\u2026"), central)
        self.heading.setAccessibleName(self.tr("Status"))
        layout.addWidget(self.heading)
        splitter = QSplitter(central)
        self.banks = QListWidget(splitter)
        self.banks.setAccessibleName(self.tr("Question banks"))
        self.problems = QListWidget(splitter)
        self.problems.setAccessibleName(self.tr("Problems in bank files"))
        self.problems.hide()
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def load(self) -> None:
        """Load the banks after the window is shown, so that the first paint is not delayed."""
        self.show_library(load_library(self.locations))

    def show_library(self, library: Library) -> None:
        self.banks.clear()
        for bank in library.banks:
            text = self.tr("{title}\n{count} questions \u2014 {description}").format(
                title=bank.title, count=len(bank.questions), description=bank.description
            )
            item = QListWidgetItem(text)
            item.setToolTip(str(bank.path))
            self.banks.addItem(item)
        self.problems.clear()
        for problem in library.problems:
            self.problems.addItem(str(problem))
        self.problems.setVisible(bool(library.problems))
        self.heading.setText(
            self.tr("{banks} question banks, {problems} problems").format(
                banks=len(library.banks), problems=len(library.problems)
            )
        )


def run_app(data: Path, locations: list[Path]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("quizapp")
    app.setApplicationVersion(__version__)
    window = MainWindow(locations)
    window.show()
    QTimer.singleShot(0, window.load)
    return app.exec()
