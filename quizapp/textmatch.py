"""Lenient comparison of typed answers: case, spacing, end punctuation and diacritics do not count."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter and a combining mark.
_FOLD_LETTERS = str.maketrans(
    {
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)

# Typographic forms that a learner's keyboard may or may not produce.
TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)

_SPACES = re.compile(r"\s+")


def _is_edge_junk(char: str) -> bool:
    """True for punctuation and symbols that may stand at the ends of a typed answer."""
    return unicodedata.category(char)[0] in "PZ" or char in "\"'`"


def fold_text(text: str) -> str:
    """Case, diacritics (including đ), typographic quotes and dashes, and runs of white space folded."""
    text = unicodedata.normalize("NFKC", text).translate(TYPOGRAPHIC)
    text = text.casefold().translate(_FOLD_LETTERS)
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def normalize_answer(text: str) -> str:
    """Fold a typed answer to the form in which answers are compared.

    Case, diacritics (including đ), typographic quotes and dashes, white space at the ends and
    repeated inside, and punctuation at the ends do not count.
    """
    text = fold_text(text)
    start, end = 0, len(text)
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    return text[start:end]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        row_min = current[0]
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _compact(text: str) -> str:
    """Without spaces and hyphens, so that "Viet Nam" meets "Vietnam" and "people to people" its hyphens."""
    return text.replace(" ", "").replace("-", "")


# Typos are forgiven only in answers long enough that one letter cannot make another word.
MIN_LENGTH_FOR_TYPOS = 4


def answer_matches(response: str, accepted: tuple[str, ...], typo_tolerance: int = 0) -> bool:
    """Whether a typed response matches any of the accepted answers."""
    given = normalize_answer(response)
    if not given:
        return False
    compact = _compact(given)
    for answer in accepted:
        wanted = normalize_answer(answer)
        if given == wanted or compact == _compact(wanted):
            return True
        if (
            typo_tolerance > 0
            and len(wanted) >= MIN_LENGTH_FOR_TYPOS
            and edit_distance(given, wanted, typo_tolerance) <= typo_tolerance
        ):
            return True
    return False
