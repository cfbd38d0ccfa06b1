"""The library, settings, results and statistics screens, driven headless as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from quizapp.grading import grade
from quizapp.gui.preferences import Preferences
from quizapp.gui.screens.library import BankProgress, LibraryScreen
from quizapp.gui.screens.results import ResultRow, ResultsScreen, ResultSummary
from quizapp.gui.screens.settings import SettingsDialog
from quizapp.gui.screens.stats import StatsData, StatsScreen
from quizapp.loader import load_library
from tests.conftest import BANK_HEADER, FIXTURES, write_bank


@pytest.fixture
def library(tmp_path: Path):
    write_bank(
        tmp_path,
        "- id: a\n  type: nope\n  prompt: P\n  explanation: E\n",
        name="broken.yaml",
        header=BANK_HEADER.replace("id: test-bank", "id: broken"),
    )
    html = BANK_HEADER.replace("title: Test bank", 'title: "<b>Bold</b> <img src=x>"')
    write_bank(
        tmp_path, "- {id: a, type: true_false, prompt: P, answer: true, explanation: E}", header=html, name="html.yaml"
    )
    return load_library([FIXTURES / "valid", tmp_path])


def test_library_lists_banks_and_problems(qtbot, library) -> None:
    screen = LibraryScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.show_library(library, {"every-type": BankProgress(accuracy=0.5, answered=4, due_today=3)})
    titles = [screen.bank_list.item(i).text().splitlines()[0] for i in range(screen.bank_list.count())]
    assert titles == ["Every question type", "<b>Bold</b> <img src=x>"]
    assert "9 questions \u00b7 50% right \u00b7 3 due today" in screen.bank_list.item(0).text()
    assert screen.problems_box.isVisible()
    assert screen.problems_box.title() == "Problems (1)"
    assert "broken.yaml:15:11: unknown question type 'nope'" in screen.problem_list.item(0).text()
    # The first bank is selected and described; its sources are listed.
    assert screen.title.text() == "Every question type"
    assert "People-to-people Diplomacy: Guidelines of Historical Significance, 2025" in screen.sources.text()
    assert screen.progress_label.text().startswith("Your progress: 4 answers, 50% right; 3 due")


def test_bank_text_is_never_html(qtbot, library) -> None:
    screen = LibraryScreen()
    qtbot.addWidget(screen)
    screen.show_library(library, {})
    screen.bank_list.item(0).setSelected(False)
    screen.bank_list.item(1).setSelected(True)
    assert screen.title.text() == "<b>Bold</b> <img src=x>"
    for label in screen.findChildren(QLabel):
        if "<b>" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText


def test_start_request_carries_mode_and_filters(qtbot, library) -> None:
    screen = LibraryScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.show_library(library, {})
    requests = []
    screen.start_requested.connect(requests.append)
    screen.select_mode("exam")
    screen.topic_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    screen.difficulty_boxes[3].setChecked(False)
    screen.count.setValue(5)
    screen.time_limit.setValue(2)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    (request,) = requests
    assert request.mode == "exam" and request.bank_ids == ("every-type",)
    assert request.topics == frozenset({"founding"})
    assert request.difficulties == frozenset({1, 2}) and request.types == frozenset()
    assert (request.count, request.time_limit_s) == (5, 120)
    screen.select_mode("review")
    assert not screen.time_limit.isEnabled() and screen.request().count is None


def test_settings_are_saved(qtbot, data_dir: Path) -> None:
    preferences = Preferences(data_dir)
    dialog = SettingsDialog(preferences)
    qtbot.addWidget(dialog)
    dialog.font_size.setValue(14)
    dialog.theme.setCurrentIndex(2)
    dialog.new_per_day.setValue(7)
    dialog.sounds.setChecked(True)
    dialog.accept()
    again = Preferences(data_dir)
    assert (again.font_size, again.theme, again.new_per_day, again.sounds) == (14, "dark", 7, True)


def test_preferences_survive_nonsense_values(data_dir: Path) -> None:
    (data_dir / "settings.ini").write_text("[appearance]\nfont_size=huge\ntheme=neon\n[review]\nnew_per_day=-4\n")
    preferences = Preferences(data_dir)
    assert (preferences.font_size, preferences.theme, preferences.new_per_day) == (11, "system", 0)


def test_results_show_score_and_every_answer(qtbot) -> None:
    bank = load_library([FIXTURES / "valid"]).banks[0]
    single, tf = bank.question("single-first-org"), bank.question("tf-committee")
    assert single is not None and tf is not None
    rows = [
        ResultRow(
            single, "Vietnam-China Friendship Association", grade(single, "Vietnam-China Friendship Association")
        ),
        ResultRow(tf, True, grade(tf, True)),
    ]
    screen = ResultsScreen()
    qtbot.addWidget(screen)
    screen.show_results(ResultSummary("exam", 0.5, False, 0.8, 95, [("Founding", 0, 1), ("", 1, 1)]), rows)
    assert screen.verdict.text() == "\u2717 Not passed \u2014 50%"
    assert screen.details.text() == "Time taken: 1 min 35 s \u00b7 1 of 2 right \u00b7 pass mark 80%"
    cells = [[screen.answers.item(r, c).text() for c in range(4)] for r in range(2)]
    assert cells[0] == [
        "\u2717 wrong",
        single.prompt,
        "Vietnam-China Friendship Association",
        "Vietnam-America Friendship Association",
    ]
    assert cells[1][0] == "\u2713 right" and cells[1][2:] == ["True", "True"]
    assert screen.topics.item(1, 0).text() == "(no topic)"
    assert screen.retry_button.isEnabled()


def test_statistics_charts_hold_the_figures(qtbot) -> None:
    screen = StatsScreen()
    qtbot.addWidget(screen)
    data = StatsData(
        seen=3,
        answered=5,
        accuracy=0.6,
        streak=2,
        due_today=1,
        days=[("1 Nov", 2, 1), ("2 Nov", 0, 0), ("3 Nov", 3, 2)],
        topics=[("Founding", 4, 3)],
        forecast=[("today", 1), ("Wed", 4)],
        weakest=[("Which year?", 3, 0)],
    )
    screen.show_stats(data)
    assert "answers: 5" in screen.figures.text() and "right: 60%" in screen.figures.text()
    bars, line = screen.time_chart.series()
    assert [bars.barSets()[0].at(i) for i in range(3)] == [2, 0, 3]
    assert [(p.x(), round(p.y())) for p in line.points()] == [(0, 50), (2, 67)]
    (forecast,) = screen.forecast_chart.series()
    assert [forecast.barSets()[0].at(i) for i in range(2)] == [1, 4]
    assert screen.weakest.item(0, 0).text() == "Which year?" and screen.weakest.item(0, 1).text() == "0 / 3"
