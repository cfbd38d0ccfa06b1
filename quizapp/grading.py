"""Grading: a pure function of a question and a learner's response, and seeded shuffling."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.model import (
    ClozeQuestion,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from quizapp.textmatch import answer_matches, fold_text, normalize_answer


@dataclass(frozen=True, slots=True)
class Grade:
    """The outcome of one answer.

    `expected` is the right answer in the bank's own words (for `true_false`, "true" or "false";
    for `numeric`, the number formatted with its unit). `why_not` holds the bank's explanation for
    each wrong choice the learner picked. `marks` tells, part by part (each blank, pair or item),
    whether that part was right. `unreadable` is set when a typed number could not be read.
    """

    score: float
    correct: bool
    expected: tuple[str, ...]
    why_not: tuple[str, ...] = ()
    marks: tuple[bool, ...] = ()
    answered: bool = True
    unreadable: bool = False


def _grade(score: float, expected: Iterable[str], **kwargs: Any) -> Grade:
    score = min(1.0, max(0.0, score))
    return Grade(score=score, correct=score >= 1.0, expected=tuple(expected), **kwargs)


def grade(question: Question, response: Any) -> Grade:
    """Grade a response to a question; `None` (or an empty response) means skipped."""
    grader = _GRADERS[question.type]
    return grader(question, response)


def _grade_single(q: SingleQuestion, response: Any) -> Grade:
    if not isinstance(response, str) or response not in q.choices:
        return _grade(0.0, [q.answer], answered=False)
    if response == q.answer:
        return _grade(1.0, [q.answer])
    notes = (q.why_not[response],) if response in q.why_not else ()
    return _grade(0.0, [q.answer], why_not=notes)


def _grade_multiple(q: MultipleQuestion, response: Any) -> Grade:
    expected = [c for c in q.choices if c in q.answers]
    if isinstance(response, str) or not isinstance(response, Iterable):
        return _grade(0.0, expected, answered=False)
    picked = {c for c in response if isinstance(c, str) and c in q.choices}
    if not picked:
        return _grade(0.0, expected, answered=False)
    right = len(picked & q.answers)
    wrong = picked - q.answers
    score = (right - len(wrong)) / len(q.answers)
    notes = tuple(q.why_not[c] for c in q.choices if c in wrong and c in q.why_not)
    marks = tuple((c in q.answers) == (c in picked) for c in q.choices)
    return _grade(score, expected, why_not=notes, marks=marks)


def _grade_true_false(q: TrueFalseQuestion, response: Any) -> Grade:
    expected = ["true" if q.answer else "false"]
    if not isinstance(response, bool):
        return _grade(0.0, expected, answered=False)
    return _grade(1.0 if response == q.answer else 0.0, expected)


def _grade_short(q: ShortQuestion, response: Any) -> Grade:
    expected = [q.answers[0]]
    if not isinstance(response, str) or not normalize_answer(response):
        return _grade(0.0, expected, answered=False)
    ok = answer_matches(response, q.answers, q.typo_tolerance)
    return _grade(1.0 if ok else 0.0, expected)


# Words and letters that scale a number, after diacritics are folded away.
_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "nghin": 1e3,
    "ngan": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "trieu": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "ty": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# Words before a number that hedge it; the number is read as it stands. Diacritics are folded already.
_QUALIFIERS = re.compile(
    r"^(?:(?:about|around|approximately|approx\.?|roughly|nearly|almost|over|under|more than|less than|"
    r"fewer than|just over|just under|some|circa|ca\.|~|khoang|gan|hon|tren|duoi)\s*)+"
)
_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,200 or 1,140,000.5
    r"|\d{1,3}(?: \d{3})+(?:[.,]\d+)?"  # 1 200 (space-grouped)
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"  # 1.140.000 (dot-grouped, two groups or more)
    r"|\d+(?:[.,]\d+)?"  # 1200, 1.14, 1,5
    r"|[.,]\d+)"  # .5
    r"\s*(?P<mult>[a-z]+)?$"
)


def parse_number(text: str, units: Sequence[str] = ()) -> float | None:
    """Read a typed number such as `1,200`, `1.14 billion` or `US$1.14bn`; None if it is not one.

    Each of `units` may stand before or after the number and is ignored.
    """
    if not isinstance(text, str):
        return None
    folded = fold_text(text).rstrip("!?;:")
    folded = _QUALIFIERS.sub("", folded)  # "nearly 400", "about US$1.14 billion"
    if folded.endswith(".") and not folded.endswith(".."):
        folded = folded[:-1].rstrip()  # a full stop after the number
    folded_units = sorted({fold_text(u) for u in units} - {""}, key=len, reverse=True)
    for unit in folded_units:
        if folded.startswith(unit):
            folded = folded[len(unit) :].strip()
            break
    for unit in folded_units:  # after the number, or after a multiplier: "1.14 billion dollars"
        if folded.endswith(unit) and folded != unit:
            folded = folded[: -len(unit)].strip()
            break
    match = _NUMBER.match(folded)
    if match is None:
        return None
    digits = match["num"]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
        digits = digits.replace(",", "")
    elif " " in digits:
        digits = digits.replace(" ", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", digits):
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    multiplier = match["mult"]
    if multiplier:
        if multiplier not in _MULTIPLIERS:
            return None
        value *= _MULTIPLIERS[multiplier]
    if match["sign"] == "-":
        value = -value
    return value if math.isfinite(value) else None


def format_number(value: float) -> str:
    """A number as a learner reads it: thousands separated, no needless decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def numeric_expected(q: NumericQuestion) -> str:
    """The right answer of a numeric question, as text with its unit."""
    if q.answer is not None:
        text = format_number(q.answer)
    else:
        text = f"{format_number(q.low)}\u2013{format_number(q.high)}"
    return f"{text} {q.unit}".strip() if q.unit else text


def _grade_numeric(q: NumericQuestion, response: Any) -> Grade:
    expected = [numeric_expected(q)]
    if isinstance(response, bool):
        return _grade(0.0, expected, answered=False)
    if isinstance(response, int | float):
        value: float | None = float(response)
    elif isinstance(response, str) and response.strip():
        value = parse_number(response, (q.unit, *q.units))
        if value is None:
            return _grade(0.0, expected, unreadable=True)
    else:
        return _grade(0.0, expected, answered=False)
    # A relative epsilon absorbs the float error of e.g. 1.14 * 1e9.
    eps = 1e-9 * max(1.0, abs(q.low), abs(q.high))
    ok = value is not None and q.low - eps <= value <= q.high + eps
    return _grade(1.0 if ok else 0.0, expected)


def _grade_ordering(q: OrderingQuestion, response: Any) -> Grade:
    expected = list(q.items)
    if isinstance(response, str) or not isinstance(response, Sequence) or not response:
        return _grade(0.0, expected, answered=False)
    position = {item: i for i, item in enumerate(response) if item in q.items}
    n = len(q.items)
    pairs = n * (n - 1) // 2
    concordant = 0
    for i in range(n):
        for j in range(i + 1, n):
            a, b = q.items[i], q.items[j]
            if a in position and b in position and position[a] < position[b]:
                concordant += 1
    marks = tuple(i < len(response) and response[i] == item for i, item in enumerate(q.items))
    score = concordant / pairs if pairs else 1.0
    if len(response) != n or set(response) != set(q.items):
        score = min(score, (n - 1) / n)
    return _grade(score, expected, marks=marks)


def _grade_matching(q: MatchingQuestion, response: Any) -> Grade:
    expected = [f"{left} \u2192 {right}" for left, right in q.pairs]
    if not isinstance(response, Mapping) or not response:
        return _grade(0.0, expected, answered=False)
    marks = tuple(response.get(left) == right for left, right in q.pairs)
    return _grade(sum(marks) / len(q.pairs), expected, marks=marks)


def _grade_cloze(q: ClozeQuestion, response: Any) -> Grade:
    blanks = q.blanks
    expected = [blank.answers[0] for blank in blanks]
    if isinstance(response, str) or not isinstance(response, Sequence):
        return _grade(0.0, expected, answered=False)
    given = [r if isinstance(r, str) else "" for r in response]
    if not any(normalize_answer(g) for g in given):
        return _grade(0.0, expected, answered=False)
    given += [""] * (len(blanks) - len(given))
    marks = tuple(
        answer_matches(text, blank.answers, q.typo_tolerance) for text, blank in zip(given, blanks, strict=False)
    )
    return _grade(sum(marks) / len(blanks), expected, marks=marks)


_GRADERS: dict[str, Any] = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "true_false": _grade_true_false,
    "short": _grade_short,
    "numeric": _grade_numeric,
    "ordering": _grade_ordering,
    "matching": _grade_matching,
    "cloze": _grade_cloze,
}


def _rng(question: Question, seed: int | str) -> random.Random:
    return random.Random(f"{seed}\x00{question.id}")


def display_choices(question: Question, seed: int | str) -> list[str]:
    """The order in which to show a question's choices, items or right-hand options.

    The same seed gives the same order, so that a session can be replayed. An ordering question is
    never shown already in order.
    """
    if isinstance(question, SingleQuestion | MultipleQuestion):
        choices = list(question.choices)
        if question.shuffle:
            _rng(question, seed).shuffle(choices)
        return choices
    if isinstance(question, OrderingQuestion):
        items = list(question.items)
        _rng(question, seed).shuffle(items)
        if items == list(question.items) and len(items) > 1:
            items = items[1:] + items[:1]
        return items
    if isinstance(question, MatchingQuestion):
        rights = [right for _, right in question.pairs] + list(question.distractors)
        _rng(question, seed).shuffle(rights)
        return rights
    return []
