"""The results of a session: score, pass or fail, time, per-topic breakdown, and every answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.grading import Grade
from quizapp.gui.answers import describe_expected, describe_response
from quizapp.model import Question


@dataclass(frozen=True)
class ResultRow:
    """One question of a finished session, as the results list shows it."""

    question: Question
    response: Any
    grade: Grade | None  # None: not reached (an exam that ran out of time)


@dataclass(frozen=True)
class ResultSummary:
    """The figures at the top of the results."""

    mode: str
    score: float
    passed: bool | None  # None outside exams
    pass_mark: float | None
    seconds: float
    topics: Sequence[tuple[str, int, int]]  # (topic title, right, asked)
    timed_out: bool = False


class ResultsScreen(QWidget):
    """Shows a finished session; offers to retry the mistakes or go back to the library."""

    retry_mistakes = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.verdict = QLabel(self)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setAccessibleName(self.tr("Result"))
        font = self.verdict.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.verdict.setFont(font)
        layout.addWidget(self.verdict)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.topics = QTableWidget(0, 3, self)
        self.topics.setAccessibleName(self.tr("Results by topic"))
        self.topics.setHorizontalHeaderLabels([self.tr("Topic"), self.tr("Right"), self.tr("Score")])
        self.topics.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.topics.verticalHeader().hide()
        self.topics.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.topics.setMaximumHeight(180)
        layout.addWidget(self.topics)
        self.answers = QTableWidget(0, 4, self)
        self.answers.setAccessibleName(self.tr("Your answers"))
        self.answers.setHorizontalHeaderLabels(
            [self.tr(""), self.tr("Question"), self.tr("Your answer"), self.tr("Right answer")]
        )
        header = self.answers.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.answers.verticalHeader().hide()
        # Row heights follow the wrapped text as the columns get their widths.
        self.answers.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.answers.setWordWrap(True)
        self.answers.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.answers, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.retry_button = QPushButton(self.tr("&Retry the mistakes"), self)
        self.retry_button.clicked.connect(self.retry_mistakes)
        buttons.addWidget(self.retry_button)
        self.back_button = QPushButton(self.tr("Back to the &library"), self)
        self.back_button.setDefault(True)
        self.back_button.clicked.connect(self.back_requested)
        buttons.addWidget(self.back_button)
        layout.addLayout(buttons)

    def show_results(self, summary: ResultSummary, rows: Sequence[ResultRow]) -> None:
        score = f"{summary.score:.0%}"
        if summary.passed is None:
            self.verdict.setText(self.tr("Score: {score}").format(score=score))
        elif summary.passed:
            self.verdict.setText(self.tr("\u2713 Passed \u2014 {score}").format(score=score))
        else:
            self.verdict.setText(self.tr("\u2717 Not passed \u2014 {score}").format(score=score))
        minutes, seconds = divmod(int(summary.seconds), 60)
        parts = [self.tr("Time taken: {m} min {s:02d} s").format(m=minutes, s=seconds)]
        right = sum(1 for r in rows if r.grade is not None and r.grade.correct)
        parts.append(self.tr("{right} of {total} right").format(right=right, total=len(rows)))
        if summary.pass_mark is not None:
            parts.append(self.tr("pass mark {mark:.0%}").format(mark=summary.pass_mark))
        if summary.timed_out:
            parts.append(self.tr("the time ran out"))
        self.details.setText(" \u00b7 ".join(parts))
        self.topics.setRowCount(len(summary.topics))
        for row, (title, topic_right, asked) in enumerate(summary.topics):
            self.topics.setItem(row, 0, QTableWidgetItem(title or self.tr("(no topic)")))
            self.topics.setItem(row, 1, QTableWidgetItem(f"{topic_right} / {asked}"))
            self.topics.setItem(row, 2, QTableWidgetItem(f"{topic_right / asked:.0%}" if asked else "\u2013"))
        self.answers.setRowCount(len(rows))
        for row, result in enumerate(rows):
            grade = result.grade
            if grade is None or not grade.answered:
                mark = self.tr("\u2013 skipped")
            elif grade.correct:
                mark = self.tr("\u2713 right")
            elif grade.score > 0:
                mark = self.tr("\u25d0 {score:.0%}").format(score=grade.score)
            else:
                mark = self.tr("\u2717 wrong")
            cells = [
                mark,
                result.question.prompt,
                describe_response(result.question, result.response),
                describe_expected(result.question, grade) if grade is not None else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.answers.setItem(row, column, item)
        self.retry_button.setEnabled(any(r.grade is None or not r.grade.correct for r in rows))
        self.back_button.setFocus()
