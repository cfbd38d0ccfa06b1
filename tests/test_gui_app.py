"""The desktop app end to end, as a learner uses it: first start, library, sessions, results, statistics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from quizapp.gui.mainwindow import MainWindow
from quizapp.gui.preferences import Preferences
from tests.conftest import BANK_HEADER, FIXTURES, write_bank

VALID = FIXTURES / "valid"


@pytest.fixture
def window(qtbot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    broken = tmp_path / "broken"
    broken.mkdir()
    write_bank(
        broken,
        "- id: a\n  type: nope\n  prompt: P\n  explanation: E\n",
        name="broken.yaml",
        header=BANK_HEADER.replace("id: test-bank", "id: broken"),
    )
    monkeypatch.setattr("quizapp.gui.study.confirm", lambda *a, **k: True)
    monkeypatch.setattr("quizapp.gui.mainwindow.confirm", lambda *a, **k: True)
    messages: list[str] = []
    monkeypatch.setattr("quizapp.gui.mainwindow.show_error", lambda parent, text, detail="": messages.append(text))
    win = MainWindow(data_dir, [VALID, broken], Preferences(data_dir))
    win.messages = messages  # type: ignore[attr-defined]
    qtbot.addWidget(win)
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.library_loaded, timeout=10_000)
    return win


def first_profile(qtbot, win: MainWindow, name: str = "Lan") -> None:
    assert win.state == "profiles"
    win.profiles_screen.name.insert(name)  # as an input method types it (QTest knows only ASCII keys)
    qtbot.keyClick(win.profiles_screen.name, Qt.Key.Key_Return)
    assert win.state == "library"


def test_first_start_creates_a_profile_and_remembers_it(qtbot, window: MainWindow, data_dir: Path) -> None:
    first_profile(qtbot, window, "Nguyễn Thị Lan")
    assert window.windowTitle() == "quizapp \u2014 Nguyễn Thị Lan"
    assert Preferences(data_dir).last_profile == window.profile_id


def test_library_lists_banks_and_problems_and_the_rest_works(qtbot, window: MainWindow) -> None:
    first_profile(qtbot, window)
    screen = window.library_screen
    assert screen.bank_list.count() == 1
    assert screen.problems_box.isVisible()
    assert "broken.yaml:15:11: unknown question type 'nope'" in screen.problem_list.item(0).text()


def start(qtbot, win: MainWindow, mode: str, **settings: int) -> None:
    screen = win.library_screen
    screen.select_mode(mode)
    if "count" in settings:
        screen.count.setValue(settings["count"])
    if "minutes" in settings:
        screen.time_limit.setValue(settings["minutes"])
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)


def answer_right(qtbot, quiz) -> None:
    """Answer the shown question rightly, as a user does, with keys and clicks."""
    view = quiz.view
    question = view.question
    kind = question.type
    if kind in ("single", "true_false"):
        right = question.answer
        index = view.values().index(right)
        qtbot.keyClick(quiz, str(index + 1))
    elif kind == "multiple":
        for index, value in enumerate(view.values()):
            if value in question.answers:
                qtbot.keyClick(quiz, chr(ord("A") + index))
    elif kind == "short":
        qtbot.keyClicks(view.field, "dien bien phu")
    elif kind == "numeric":
        qtbot.keyClicks(view.field, "US$1.14 billion" if question.answer else "1,250")
    elif kind == "ordering":
        for target, item in enumerate(question.items):
            row = view.items().index(item)
            view.list.setCurrentRow(row)
            for _ in range(row - target):
                qtbot.keyClick(view.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    elif kind == "matching":
        for left, combo in view.combos:
            combo.setCurrentIndex(combo.findData(dict(question.pairs)[left]))
    else:
        for field, blank in zip(view.fields, question.blanks, strict=True):
            qtbot.keyClicks(field, blank.answers[0].upper())


def test_practice_every_type_right_and_wrong_with_feedback_and_records(qtbot, window: MainWindow) -> None:
    first_profile(qtbot, window)
    start(qtbot, window, "practice", count=18)
    quiz = window.quiz_screen
    assert window.state == "quiz"
    seen: set[str] = set()
    kinds: set[str] = set()
    for _ in range(18):
        question = quiz.view.question
        kind = question.type
        right = question.id not in seen  # each question comes twice: right the first time, wrong the second
        seen.add(question.id)
        kinds.add(kind)
        if right:
            answer_right(qtbot, quiz)
        elif kind in ("single", "true_false"):
            wrong = next(i for i, v in enumerate(quiz.view.values()) if v != question.answer)
            qtbot.keyClick(quiz, str(wrong + 1))
        elif kind in ("short", "numeric"):
            qtbot.keyClicks(quiz.view.field, "Hanoi 12")
        elif kind == "cloze":
            qtbot.keyClicks(quiz.view.fields[0], "wrong")
        elif kind == "multiple":
            qtbot.keyClick(quiz, "1")
            if quiz.view.values()[0] in question.answers:
                qtbot.keyClick(quiz, str(quiz.view.values().index("Military diplomacy") + 1))
        elif kind == "matching":
            quiz.view.combos[0][1].setCurrentIndex(quiz.view.combos[0][1].findData("1954"))
        else:
            quiz.view.list.setCurrentRow(0)
            qtbot.keyClick(quiz.view.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(quiz, Qt.Key.Key_Return)
        verdict = quiz.feedback.verdict.text()
        assert quiz.feedback.isVisible()
        if right:
            assert verdict == "\u2713 Right", (kind, verdict)
        else:
            assert verdict.startswith(("\u2717 Wrong", "\u25d0 Partly right")), (kind, verdict)
            assert quiz.feedback.expected.text().startswith("Right answer: ")
            if kind == "single":
                assert quiz.feedback.why_not.text().startswith("Why not your choice: ")
        assert quiz.feedback.explanation.text() == question.explanation
        if question.source is not None:
            assert question.source.quote.strip() in quiz.feedback.quote.text()
            assert "Guidelines of Historical Significance" in quiz.feedback.citation.text()
        qtbot.keyClick(quiz, Qt.Key.Key_Return)  # Enter again goes on
    assert len(seen) == 9 and len(kinds) == 8
    rows = window.records.db.execute("SELECT correct, elapsed_ms >= 0 FROM attempts ORDER BY id").fetchall()
    assert len(rows) == 18
    assert sum(correct for correct, _ in rows) == 9
    assert all(ok for _, ok in rows)
    assert window.state == "results"
    assert window.results_screen.answers.rowCount() == 18


def test_exam_with_a_time_limit_that_runs_out(qtbot, window: MainWindow) -> None:
    first_profile(qtbot, window)
    start(qtbot, window, "exam", count=5, minutes=1)
    quiz = window.quiz_screen
    started = window.study.session.started
    window.study.clock = lambda: started + timedelta(seconds=30)
    window.study._tick()
    assert quiz.countdown.text() == "Time left: 0:30"
    answer_right(qtbot, quiz)
    qtbot.keyClick(quiz, Qt.Key.Key_Return)
    assert not quiz.feedback.isVisible() and quiz.progress.text() == "Question 2 of 5"  # no feedback in an exam
    window.study.clock = lambda: started + timedelta(seconds=61)
    window.study._tick()
    assert window.state == "results"
    results = window.results_screen
    assert results.verdict.text() == "\u2717 Not passed \u2014 20%"
    assert "the time ran out" in results.details.text()
    assert results.answers.rowCount() == 5
    assert [results.answers.item(r, 0).text() for r in range(5)].count("\u2013 skipped") == 4


def test_review_session_schedules_cards(qtbot, window: MainWindow) -> None:
    first_profile(qtbot, window)
    window.preferences.new_per_day = 3
    start(qtbot, window, "review")
    quiz = window.quiz_screen
    assert quiz.progress.text() == "Question 1 of 3"
    for _ in range(3):
        answer_right(qtbot, quiz)
        qtbot.keyClick(quiz, Qt.Key.Key_Return)
        assert quiz.feedback.verdict.text() == "\u2713 Right"
        qtbot.keyClick(quiz, Qt.Key.Key_Return)
    assert window.state == "results"
    due = window.records.db.execute("SELECT min(due) FROM cards").fetchone()[0]
    assert window.records.db.execute("SELECT count(*) FROM cards").fetchone()[0] == 3
    assert datetime.fromisoformat(due) > datetime.now(UTC)
    qtbot.mouseClick(window.results_screen.back_button, Qt.MouseButton.LeftButton)
    start(qtbot, window, "review")  # nothing due, no new questions left today
    assert window.state == "library"
    assert window.messages == ["Nothing is due for review now, and no new questions are left for today."]


def test_leaving_keeps_answers_and_the_session_resumes(qtbot, window: MainWindow) -> None:
    first_profile(qtbot, window)
    start(qtbot, window, "practice", count=4)
    quiz = window.quiz_screen
    answer_right(qtbot, quiz)
    qtbot.keyClick(quiz, Qt.Key.Key_Return)
    qtbot.keyClick(quiz, Qt.Key.Key_Return)
    second = quiz.view.question.id
    qtbot.keyClick(quiz, Qt.Key.Key_Escape)  # asks (answered yes here), then leaves
    assert window.state == "library"
    assert window.records.db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 1
    assert window.library_screen.resume_box.isVisible()
    qtbot.mouseClick(window.library_screen.resume_button, Qt.MouseButton.LeftButton)
    assert window.state == "quiz" and quiz.view.question.id == second
    assert quiz.progress.text() == "Question 2 of 4"


def test_statistics_screen_on_a_learner_with_history(qtbot, window: MainWindow) -> None:
    first_profile(qtbot, window)
    start(qtbot, window, "practice", count=9)
    quiz = window.quiz_screen
    for index in range(9):
        if index % 3:
            answer_right(qtbot, quiz)
        else:
            qtbot.keyClicks(quiz.view.focusProxy() or quiz.view, "")
            quiz.skipped.emit(0)
            continue
        qtbot.keyClick(quiz, Qt.Key.Key_Return)
        qtbot.keyClick(quiz, Qt.Key.Key_Return)
    window.show_stats()
    stats = window.stats_screen
    assert window.state == "stats"
    assert "answers: 6" in stats.figures.text() and "study streak: 1 days" in stats.figures.text()
    bars = stats.time_chart.series()[0].barSets()[0]
    assert bars.at(bars.count() - 1) == 6  # today's bar
    assert sum(s.barSets()[0].count() for s in stats.topic_chart.series()) >= 1


def test_prompt_html_is_shown_literally(qtbot, data_dir: Path, tmp_path: Path) -> None:
    write_bank(
        tmp_path,
        "- {id: a, type: true_false, prompt: '<b>Bold</b> <img src=x> <a href=y>link</a>', "
        "answer: true, explanation: '<i>no</i>'}",
    )
    win = MainWindow(data_dir, [tmp_path], Preferences(data_dir))
    qtbot.addWidget(win)
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.library_loaded, timeout=10_000)
    first_profile(qtbot, win)
    start(qtbot, win, "practice", count=1)
    assert win.quiz_screen.prompt.text() == "<b>Bold</b> <img src=x> <a href=y>link</a>"
    assert win.quiz_screen.prompt.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(win.quiz_screen, "1")
    qtbot.keyClick(win.quiz_screen, Qt.Key.Key_Return)
    assert win.quiz_screen.feedback.explanation.text() == "<i>no</i>"
    for label in win.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_a_damaged_database_is_reported_and_the_app_keeps_working(
    qtbot,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (data_dir / "quizapp.sqlite3").write_bytes(b"definitely not sqlite" * 100)
    shown: list[str] = []
    monkeypatch.setattr("quizapp.gui.mainwindow.show_error", lambda parent, message, detail="": shown.append(message))
    win = MainWindow(data_dir, [VALID], Preferences(data_dir))
    qtbot.addWidget(win)
    monkeypatch.setattr(win, "ask_start_afresh", lambda message: False)
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.library_loaded, timeout=10_000)
    assert shown and "damaged" in shown[0] and str(data_dir) in shown[0]
    assert win.state == "library" and win.library_screen.bank_list.count() == 1
    assert (data_dir / "quizapp.sqlite3").read_bytes() == b"definitely not sqlite" * 100
    monkeypatch.setattr(win, "ask_start_afresh", lambda message: True)
    win.open_records()
    assert win.records is not None
    assert any(p.name.startswith("quizapp.sqlite3.damaged-") for p in data_dir.iterdir())


def test_every_control_has_an_accessible_name(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget, QSpinBox

    first_profile(qtbot, window)
    start(qtbot, window, "practice", count=9)
    for _ in range(9):
        for kind in (QLineEdit, QComboBox, QListWidget, QSpinBox):
            for widget in window.findChildren(kind):
                if widget.isVisible():
                    assert widget.accessibleName(), widget
        for button in window.findChildren(QAbstractButton):
            if button.isVisible():
                assert button.accessibleName() or button.text().strip(), button
        quiz = window.quiz_screen
        quiz.skipped.emit(0)


def test_dropping_a_bank_file_on_the_window_opens_it(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    first_profile(qtbot, window)
    extra = tmp_path / "extra"
    extra.mkdir()
    path = write_bank(
        extra,
        "- {id: a, type: true_false, prompt: P, answer: true, explanation: E}",
        header=BANK_HEADER.replace("id: test-bank", "id: dropped").replace("Test bank", "Dropped bank"),
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    event = QDropEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.library_screen.bank_list.count() == 2, timeout=10_000)
    titles = [window.library_screen.bank_list.item(i).text().splitlines()[0] for i in range(2)]
    assert "Dropped bank" in titles


def test_dark_theme_applies_a_dark_palette(qtbot, data_dir: Path) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from quizapp.gui.preferences import apply_appearance

    app = QApplication.instance()
    before = app.palette()
    preferences = Preferences(data_dir)
    preferences.theme = "dark"
    preferences.font_size = 15
    try:
        apply_appearance(app, preferences)
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert app.palette().color(QPalette.ColorRole.WindowText).lightness() > 180
        assert app.font().pointSize() == 15
    finally:
        preferences.theme = "light"
        preferences.font_size = 11
        apply_appearance(app, preferences)
        app.setPalette(before)
