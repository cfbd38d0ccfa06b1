"""Runs a study session on screen: asks the core for each question, records answers, shows results."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from quizapp.gui.dialogs import confirm
from quizapp.gui.screens.quiz import QuizScreen
from quizapp.gui.screens.results import ResultRow, ResultsScreen, ResultSummary

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


class StudyController(QObject):
    """Owns the running session; the quiz and results screens only show what it tells them."""

    show_screen = Signal(str)  # "quiz", "results" or "library"

    def __init__(self, quiz: QuizScreen, results: ResultsScreen, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.quiz = quiz
        self.results = results
        self.session: Any = None
        self.library: Any = None
        self.sounds = False
        self.clock = utc_now
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._tick)
        quiz.submitted.connect(self.answer)
        quiz.skipped.connect(self.skip)
        quiz.next_requested.connect(self.next_question)
        quiz.leave_requested.connect(self.leave)
        quiz.flag_toggled.connect(self.flag)
        quiz.finish_requested.connect(self.finish_early)
        results.back_requested.connect(lambda: self.show_screen.emit("library"))

    # -- running -----------------------------------------------------------------------------------

    def run(self, session: Any, library: Any) -> None:
        """Show a session that was just started or resumed."""
        self.session = session
        self.library = library
        if session.spec.time_limit_s:
            self.timer.start()
        else:
            self.quiz.set_time_left(None)
        self._tick()
        self.next_question()

    def next_question(self) -> None:
        session = self.session
        if session is None:
            return
        if session.finished:
            self.finish()
            return
        current = session.current()
        if current is None:
            self.finish()
            return
        bank, question = current
        total = session.total if getattr(session, "total", None) else None
        self.quiz.show_question(
            bank, question, session.choices_order(), session.position, total, flagged=session.is_flagged()
        )
        self.show_screen.emit("quiz")

    def answer(self, response: Any, elapsed_ms: int) -> None:
        session = self.session
        if session is None:
            return
        current = session.current()
        outcome = session.answer(response, elapsed_ms, self.clock())
        if self.sounds:
            QApplication.beep()
        if outcome.show_feedback and current is not None:
            bank, question = current
            self.quiz.show_feedback(bank, question, outcome.grade)
        else:
            self.next_question()

    def skip(self, elapsed_ms: int) -> None:
        if self.session is not None:
            self.session.skip(elapsed_ms, self.clock())
            self.next_question()

    def flag(self, flagged: bool) -> None:
        if self.session is not None:
            self.session.flag(flagged)

    def _tick(self) -> None:
        session = self.session
        if session is None or not session.spec.time_limit_s:
            return
        left = session.time_left(self.clock())
        self.quiz.set_time_left(left)
        if left is not None and left <= 0:
            self.timer.stop()
            log.info("exam time ran out")
            self.finish(timed_out=True)

    def leave(self) -> None:
        if self.session is None:
            self.show_screen.emit("library")
            return
        if confirm(
            self.window,
            self.tr("Leave the session"),
            self.tr("Leave this session? Every answer you gave is saved, and you can resume it from the library."),
            yes=self.tr("Leave"),
        ):
            self.timer.stop()
            self.session = None
            self.show_screen.emit("library")

    def finish_early(self) -> None:
        if self.session is not None and confirm(
            self.window,
            self.tr("Finish the session"),
            self.tr("Finish now and see your results? Questions not answered yet count as not answered."),
            yes=self.tr("Finish"),
        ):
            self.finish()

    def finish(self, timed_out: bool = False) -> None:
        session = self.session
        if session is None:
            return
        self.timer.stop()
        result = session.finish(self.clock(), timed_out=timed_out)
        rows = [ResultRow(item.question, item.response, item.grade) for item in result.items]
        summary = ResultSummary(
            mode=str(session.mode),
            score=result.score,
            passed=result.passed,
            pass_mark=result.pass_mark,
            seconds=result.seconds,
            topics=result.topics,
            timed_out=timed_out,
        )
        self.results.show_results(summary, rows)
        self.session = None
        self.show_screen.emit("results")
