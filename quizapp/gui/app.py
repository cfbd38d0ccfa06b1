"""Starting the desktop app: the QApplication, preferences, logging, and the main window shown at once."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer, QTranslator
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
    preferences = Preferences(data)
    apply_appearance(app, preferences)
    window = MainWindow(data, locations, preferences)
    window.show()

    def start() -> None:
        install_excepthook(setup_logging(data))
        window.start()

    # Everything else waits until the window is on screen: its first expose, or a moment at most.
    first_paint = FirstExpose(start, app)
    handle = window.windowHandle()
    if handle is not None:
        handle.installEventFilter(first_paint)
    QTimer.singleShot(300, first_paint.fire)
    return app.exec()


class FirstExpose(QObject):
    """Calls a function once, when a window is first exposed (shown and about to be painted)."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.callback = callback
        self.fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and not self.fired:
            QTimer.singleShot(0, self.fire)  # after this expose has been painted
        return False

    def fire(self) -> None:
        if not self.fired:
            self.fired = True
            self.callback()
