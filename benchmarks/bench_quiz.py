"""Benchmark: moving to the next question and showing feedback on the quiz screen, against one frame (16 ms)."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from PySide6.QtWidgets import QApplication

from quizapp.grading import display_choices, grade
from quizapp.gui.screens.quiz import QuizScreen
from quizapp.loader import load_library
from quizapp.paths import bundled_banks_dir


def wrong_response(question: object, order: list[str]) -> object:
    """A plausible wrong answer of the right shape, so that feedback shows a 'why not'."""
    kind = question.type  # type: ignore[attr-defined]
    if kind == "single":
        return next(c for c in order if c != question.answer)  # type: ignore[attr-defined]
    if kind == "multiple":
        return order[:1]
    if kind == "true_false":
        return not question.answer  # type: ignore[attr-defined]
    if kind in ("short", "numeric"):
        return "12"
    if kind == "ordering":
        return list(reversed(question.items))  # type: ignore[attr-defined]
    if kind == "matching":
        return {left: order[0] for left, _ in question.pairs}  # type: ignore[attr-defined]
    return ["x"] * len(question.blanks)  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    library = load_library([bundled_banks_dir()])
    screen = QuizScreen()
    screen.resize(1280, 800)
    screen.show()
    app.processEvents()
    show_times: list[float] = []
    feedback_times: list[float] = []
    for round_ in range(args.rounds):
        for bank in library.banks:
            for index, question in enumerate(bank.questions):
                order = display_choices(question, round_)
                started = time.perf_counter()
                screen.show_question(bank, question, order, index, len(bank.questions))
                app.processEvents()
                screen.repaint()
                show_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                result = grade(question, wrong_response(question, order))
                screen.show_feedback(bank, question, result)
                app.processEvents()
                screen.repaint()
                feedback_times.append(time.perf_counter() - started)
    count = len(show_times)
    print(f"questions shown: {count} ({args.rounds} rounds over {len(library.banks)} bundled banks), 1280x800")
    for name, times in (("next question", show_times), ("show feedback", feedback_times)):
        ms = sorted(t * 1000 for t in times)
        print(
            f"{name:14s} median {statistics.median(ms):5.1f} ms, 95th percentile {ms[int(len(ms) * 0.95) - 1]:5.1f} ms,"
            f" max {ms[-1]:5.1f} ms (goal < 16 ms)"
        )


if __name__ == "__main__":
    main()
