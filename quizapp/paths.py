"""Where quizapp finds its bundled banks and assets, and where it keeps the user's data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "quizapp"
DATA_DIR_VARIABLE = "QUIZAPP_DATA_DIR"

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """A folder shipped with quizapp: inside the installed package, or beside it in a checkout."""
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def bundled_banks_dir() -> Path:
    return _bundled("questions")


def assets_dir() -> Path:
    return _bundled("assets")


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for all of the user's data: the override, $QUIZAPP_DATA_DIR, or the platform's."""
    chosen = override or os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_banks_dir(data: Path) -> Path:
    """The folder where the user keeps banks of their own."""
    return data / "banks"
