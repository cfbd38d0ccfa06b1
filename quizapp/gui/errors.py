"""Errors the user should hear about: logged to a file in the data folder and shown in plain words."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger("quizapp")
LOG_NAME = "quizapp.log"


def setup_logging(data: Path) -> Path | None:
    """Log to `quizapp.log` in the data folder; None when the folder cannot be written."""
    from logging.handlers import RotatingFileHandler

    try:
        data.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(data / LOG_NAME, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return data / LOG_NAME


def show_error(parent: QWidget | None, message: str, detail: str = "") -> None:
    """Tell the user something went wrong, in words they understand; never a traceback."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("errors", "quizapp"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    if detail:
        box.setInformativeText(detail)
    box.exec()


def install_excepthook(log_path: Path | None) -> None:
    """Any uncaught error is logged and shown as a short message; the app keeps running."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if QApplication.instance() is None:
            sys.__excepthook__(kind, error, tb)
            return
        where = (
            QCoreApplication.translate("errors", "The details are in {path}.").format(path=log_path) if log_path else ""
        )
        show_error(
            QApplication.activeWindow(),
            QCoreApplication.translate(
                "errors", "Something went wrong: {error}\nYour answers so far are saved."
            ).format(error=str(error) or kind.__name__),
            where,
        )

    sys.excepthook = hook
