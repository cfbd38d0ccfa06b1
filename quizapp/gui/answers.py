"""A learner's response and a question's right answer, as text for the feedback, the results and exports."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from quizapp.grading import Grade
from quizapp.model import Question


def _separator(question: Question) -> str:
    return " \u2192 " if question.type == "ordering" else " / " if question.type == "cloze" else "; "


def describe_response(question: Question, response: Any) -> str:
    """A learner's response as text, for the results list and exports."""
    tr = QCoreApplication.translate
    if response is None:
        return tr("results", "(skipped)")
    if question.type == "true_false" and isinstance(response, bool):
        return tr("results", "True") if response else tr("results", "False")
    if isinstance(response, dict):
        return "; ".join(f"{left} \u2192 {right}" for left, right in response.items())
    if isinstance(response, list | tuple | set | frozenset):
        return _separator(question).join(str(item) for item in response)
    return str(response)


def describe_expected(question: Question, grade: Grade) -> str:
    """The right answer as text; for true or false, translated."""
    if question.type == "true_false":
        tr = QCoreApplication.translate
        return tr("results", "True") if grade.expected == ("true",) else tr("results", "False")
    return _separator(question).join(grade.expected)
