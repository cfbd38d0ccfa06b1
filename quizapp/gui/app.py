"""Starting the desktop app: the QApplication, preferences, logging, and the main window shown at once."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from quizapp import __version__
from quizapp.paths import assets_dir


def install_translations(app: QApplication) -> QTranslator | None:
    """Load the interface translation for the user's languages from assets/translations, if there is one."""
    translator = QTranslator(app)
    folder = assets_dir() / "translations"
    if translator.load(QLocale(), "quizapp", "_", str(folder)):
        app.installTranslator(translator)
        return translator
    return None


def run_app(data: Path, locations: list[Path]) -> int:
    """Show the main window first, then load what the first paint does not need."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("quizapp")
    app.setApplicationVersion(__version__)

    from quizapp.gui.errors import install_excepthook, setup_logging
    from quizapp.gui.mainwindow import MainWindow
    from quizapp.gui.preferences import Preferences, apply_appearance

    install_translations(app)
    log_path = setup_logging(data)
    install_excepthook(log_path)
    preferences = Preferences(data)
    apply_appearance(app, preferences)
    window = MainWindow(data, locations, preferences)
    window.show()
    QTimer.singleShot(0, window.start)
    return app.exec()
