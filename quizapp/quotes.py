"""Checking that each question's quoted passage really stands in the text of its source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quizapp.model import Bank, BankError
from quizapp.textmatch import TYPOGRAPHIC

_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\s*){3}\s*")


def normalize_passage(text: str) -> str:
    """White space folded, quote marks and dashes in one form, ellipses as '...'."""
    return _SPACE.sub(" ", text.translate(TYPOGRAPHIC)).strip()


def quote_in_text(quote: str, text: str) -> bool:
    """Whether a quote stands in a normalised text; '...' in the quote stands for left-out words."""
    position = 0
    for piece in _ELLIPSIS.split(normalize_passage(quote)):
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


@dataclass
class SourceTexts:
    """The plain-text copies of sources in a folder, read once and kept normalised."""

    folder: Path

    def __post_init__(self) -> None:
        self._cache: dict[str, str | None] = {}

    def text(self, name: str) -> str | None:
        if name not in self._cache:
            path = self.folder / name
            try:
                self._cache[name] = normalize_passage(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                self._cache[name] = None
        return self._cache[name]


def check_quotes(bank: Bank, texts: SourceTexts, display: str) -> list[BankError]:
    """Every quote of the bank that does not stand in its source's text, as an error."""
    errors: list[BankError] = []
    for question in bank.questions:
        ref = question.source
        if ref is None:
            continue
        source = bank.source(ref.id)
        if source is None:
            continue
        name = source.file or f"{source.id}.txt"
        text = texts.text(name)
        if text is None:
            errors.append(
                BankError(
                    display, ref.line, ref.column, f"the text of source '{source.id}' ({name}) is not in {texts.folder}"
                )
            )
        elif not quote_in_text(ref.quote, text):
            errors.append(
                BankError(
                    display, ref.line, ref.column, f"the quote of question '{question.id}' does not stand in {name}"
                )
            )
    return errors
