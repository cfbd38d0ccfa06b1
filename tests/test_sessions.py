"""Study sessions end to end on a small bank: practice, exam, review (FSRS), mistakes, resuming, statistics."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating

from quizapp.cli import main
from quizapp.grading import Grade
from quizapp.loader import Library, load_library
from quizapp.records import Records
from quizapp.scheduling import rating_for, review
from quizapp.sessions import (
    NothingToStudy,
    SessionFilter,
    SessionMode,
    SessionSpec,
    resume_session,
    start_session,
)
from quizapp.stats import profile_stats
from tests.conftest import FIXTURES, write_bank

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
BANK = ("every-type",)


def right_answer(question) -> object:
    kind = question.type
    if kind == "single":
        return question.answer
    if kind == "multiple":
        return sorted(question.answers)
    if kind == "true_false":
        return question.answer
    if kind == "short":
        return question.answers[0]
    if kind == "numeric":
        return str(question.low)
    if kind == "ordering":
        return list(question.items)
    if kind == "matching":
        return dict(question.pairs)
    return [blank.answers[0] for blank in question.blanks]


@pytest.fixture
def library() -> Library:
    return load_library([FIXTURES / "valid"])


@pytest.fixture
def records(data_dir: Path) -> Records:
    return Records.open(data_dir)


@pytest.fixture
def profile(records: Records) -> int:
    return records.create_profile("Lan").id


def test_practice_gives_feedback_and_stores_every_answer(records: Records, library: Library, profile: int) -> None:
    session = start_session(records, library, profile, SessionSpec(SessionMode.PRACTICE, BANK, count=9, seed=1), NOW)
    assert session.total == 9
    asked = []
    while not session.finished:
        _bank, question = session.current()  # type: ignore[misc]
        asked.append(question.id)
        outcome = session.answer(right_answer(question), 2000, NOW)
        assert outcome.show_feedback and outcome.grade.correct, question.id
    assert sorted(asked) == sorted(q.id for q in library.banks[0].questions)
    rows = records.db.execute("SELECT question_id, score, correct, mode, session_id FROM attempts").fetchall()
    assert len(rows) == 9 and all(r[1] == 1.0 and r[2] == 1 and r[3] == "practice" for r in rows)
    assert {r[4] for r in rows} == {session.id}


def test_practice_without_a_count_goes_on(records: Records, library: Library, profile: int) -> None:
    session = start_session(records, library, profile, SessionSpec(SessionMode.PRACTICE, BANK, seed=1), NOW)
    assert session.total is None
    for _ in range(20):
        assert not session.finished
        session.answer("wrong", 100, NOW)
    assert records.db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 20


def test_filters_choose_the_questions(records: Records, library: Library, profile: int) -> None:
    spec = SessionSpec(SessionMode.PRACTICE, BANK, SessionFilter(types=frozenset({"numeric", "cloze"})), count=10)
    session = start_session(records, library, profile, spec, NOW)
    kinds = set()
    while not session.finished:
        kinds.add(session.current()[1].type)  # type: ignore[index]
        session.skip()
    assert kinds == {"numeric", "cloze"}
    with pytest.raises(NothingToStudy, match="No questions match"):
        start_session(
            records,
            library,
            profile,
            SessionSpec(SessionMode.PRACTICE, BANK, SessionFilter(topics=frozenset({"nope"}))),
            NOW,
        )


def test_exam_is_reproducible_hides_feedback_and_scores_at_the_end(
    records: Records, library: Library, profile: int
) -> None:
    spec = SessionSpec(SessionMode.EXAM, BANK, count=5, time_limit_s=600, seed=42, pass_mark=0.6)
    first = start_session(records, library, profile, spec, NOW)
    second = start_session(records, library, profile, spec, NOW)
    assert first.queue == second.queue and len(first.queue) == 5
    assert first.time_left(NOW + timedelta(seconds=100)) == 500
    for index in range(4):  # three right, one wrong, the fifth never answered
        _, question = first.current()  # type: ignore[misc]
        outcome = first.answer(right_answer(question) if index < 3 else None, 1000, NOW)
        assert not outcome.show_feedback
    result = first.finish(NOW + timedelta(seconds=700), timed_out=True)
    assert result.score == pytest.approx(3 / 5)
    assert result.passed is True and result.pass_mark == 0.6
    assert result.seconds == 700
    assert sum(asked for _, _, asked in result.topics) == 5
    assert [item.grade is None for item in result.items].count(True) == 1
    assert first.time_left(NOW + timedelta(seconds=900)) == 0


def test_review_schedules_with_fsrs_and_respects_the_daily_limit(
    records: Records, library: Library, profile: int
) -> None:
    spec = SessionSpec(SessionMode.REVIEW, BANK, daily_new_limit=4, seed=1)
    session = start_session(records, library, profile, spec, NOW)
    assert len(session.queue) == 4  # new questions, up to the limit
    wrong_id = None
    while not session.finished:
        _, question = session.current()  # type: ignore[misc]
        if wrong_id is None:
            wrong_id = question.id
            session.answer(None, 1000, NOW)
        else:
            session.answer(right_answer(question), 1000, NOW)
    assert len(session.queue) == 5  # the wrong one came back once, and was then answered right
    cards = records.db.execute("SELECT question_id, due, state FROM cards").fetchall()
    assert len(cards) == 4
    for _question_id, due, state in cards:
        card = Card.from_json(state)
        assert card.due.isoformat(timespec="milliseconds") == due
        assert card.due > NOW
    with pytest.raises(NothingToStudy, match="Nothing is due"):
        start_session(records, library, profile, spec, NOW)  # the day's four new questions are used up
    later = start_session(records, library, profile, spec, NOW + timedelta(days=2))
    due_keys = [key for key in later.queue if key[1] in {c[0] for c in cards}]
    assert due_keys, "cards fall due again"


def test_fsrs_state_round_trips_exactly() -> None:
    due, state = review(None, "bank", "q1", Rating.Good, NOW)
    due2, state2 = review(state, "bank", "q1", Rating.Hard, NOW + timedelta(days=1))
    card = Card.from_json(state2)
    assert card.to_json() == state2
    assert json.loads(Card.from_json(state).to_json()) == json.loads(state)
    assert due2 > due


def test_ratings_from_answers_and_times() -> None:
    right = Grade(1.0, True, ("x",))
    wrong = Grade(0.0, False, ("x",))
    usual = [4000, 5000, 5000, 6000, 5000]
    assert rating_for(wrong, 100, usual) == Rating.Again
    assert rating_for(right, 5000, usual) == Rating.Good
    assert rating_for(right, 9000, usual) == Rating.Hard
    assert rating_for(right, 1000, usual) == Rating.Easy
    assert rating_for(right, 1000, usual[:2]) == Rating.Good  # too few answers to judge speed
    assert rating_for(right, 9000, usual, self_rating="easy") == Rating.Easy
    assert rating_for(wrong, 9000, usual, self_rating="easy") == Rating.Again


def test_mistakes_until_right(records: Records, library: Library, profile: int) -> None:
    with pytest.raises(NothingToStudy):
        start_session(records, library, profile, SessionSpec(SessionMode.MISTAKES, BANK), NOW)
    practice = start_session(records, library, profile, SessionSpec(SessionMode.PRACTICE, BANK, count=9), NOW)
    wrong = set()
    while not practice.finished:
        _, question = practice.current()  # type: ignore[misc]
        if question.type in ("single", "cloze"):
            practice.answer(None, 500, NOW)
            wrong.add(question.id)
        else:
            practice.answer(right_answer(question), 500, NOW)
    mistakes = start_session(records, library, profile, SessionSpec(SessionMode.MISTAKES, BANK), NOW)
    assert {q for _, q in mistakes.queue} == wrong
    _, first = mistakes.current()  # type: ignore[misc]
    mistakes.answer(None, 500, NOW)  # wrong again: it comes back
    seen = [first.id]
    while not mistakes.finished:
        _, question = mistakes.current()  # type: ignore[misc]
        seen.append(question.id)
        mistakes.answer(right_answer(question), 500, NOW)
    assert seen.count(first.id) == 2
    with pytest.raises(NothingToStudy, match="no mistakes"):
        start_session(records, library, profile, SessionSpec(SessionMode.MISTAKES, BANK), NOW)


def test_a_session_resumes_where_it_stopped(data_dir: Path, records: Records, library: Library, profile: int) -> None:
    session = start_session(records, library, profile, SessionSpec(SessionMode.EXAM, BANK, count=6, seed=5), NOW)
    session.answer(None, 100, NOW)
    session.flag(True, NOW)
    session.skip(0, NOW)
    position, queue = session.position, list(session.queue)
    records.close()
    again = Records.open(data_dir)
    assert [row[0] for row in again.unfinished_sessions(profile)] == [session.id]
    resumed = resume_session(again, library, session.id)
    assert (resumed.position, resumed.queue, resumed.mode) == (position, queue, SessionMode.EXAM)
    assert resumed.flags == {queue[1]} and resumed.skipped == [queue[1]]
    assert resumed.started == NOW
    resumed.finish(NOW)
    assert again.unfinished_sessions(profile) == []
    with pytest.raises(NothingToStudy):
        resume_session(again, library, session.id)


def test_a_removed_question_does_not_break_anything(tmp_path: Path, records: Records, profile: int) -> None:
    questions = "\n".join(
        f"- {{id: q{i}, type: true_false, prompt: P{i}, answer: true, explanation: E, topic: founding}}"
        for i in range(3)
    )
    path = write_bank(tmp_path, questions)
    library = load_library([tmp_path])
    session = start_session(records, library, profile, SessionSpec(SessionMode.PRACTICE, ("test-bank",), count=3), NOW)
    session.answer(True, 100, NOW)
    queue = session.queue
    path.write_text(path.read_text().replace(f"- {{id: {queue[1][1]},", "- {id: renamed,"))
    edited = load_library([tmp_path])
    resumed = resume_session(records, edited, session.id)
    _, question = resumed.current()  # type: ignore[misc]
    assert question.id == queue[2][1]
    stats = profile_stats(records, profile, load_library([]), NOW)
    assert stats.removed == 1 and stats.total.answered == 1


def test_statistics_of_a_learner_with_history(records: Records, library: Library, profile: int, tmp_path: Path) -> None:
    for day in range(3):
        moment = NOW - timedelta(days=2 - day)
        session = start_session(
            records, library, profile, SessionSpec(SessionMode.REVIEW, BANK, daily_new_limit=3, seed=day), moment
        )
        while not session.finished:
            _, question = session.current()  # type: ignore[misc]
            response = right_answer(question) if question.type != "short" else "no idea"
            session.answer(response, 1500, moment)
        session.finish(moment)
    exam = start_session(records, library, profile, SessionSpec(SessionMode.EXAM, BANK, count=3, seed=9), NOW)
    exam.answer(None, 10, NOW)
    exam.finish(NOW)
    stats = profile_stats(records, profile, library, NOW)
    assert stats.streak == 3
    assert stats.seen == 9
    answered = stats.total.answered
    assert answered == records.db.execute("SELECT count(*) FROM attempts").fetchone()[0]
    assert [d for d in stats.days if d[1]][-3:][0][0] == (NOW - timedelta(days=2)).date().isoformat()
    assert stats.by_type["short"].right == 0
    assert sum(t.answered for t in stats.by_topic.values()) == answered
    assert stats.weakest and stats.weakest[0].question_id == "short-dbp"
    assert len(stats.exams) == 1 and stats.exams[0][1] == 0.0
    assert len(stats.forecast) == 7 and stats.due_today == stats.forecast[0][1]
    json.loads(stats.to_json())
    # An edited question is still counted, and marked.
    text = (FIXTURES / "valid" / "every_type.yaml").read_text(encoding="utf-8")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "map.png").write_bytes((FIXTURES / "valid" / "images" / "map.png").read_bytes())
    (tmp_path / "bank.yaml").write_text(text.replace("Which victory helped", "Which battle helped"), encoding="utf-8")
    edited = profile_stats(records, profile, load_library([tmp_path]), NOW)
    assert edited.edited == 1 and edited.total.answered == answered
    assert edited.weakest[0].edited


def test_stats_and_export_commands(
    records: Records, library: Library, profile: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = start_session(records, library, profile, SessionSpec(SessionMode.PRACTICE, BANK, count=2, seed=1), NOW)
    session.answer("Điện Biên Phủ", 1234, NOW)
    session.answer(None, 10, NOW)
    assert main(["stats", str(FIXTURES / "valid"), "--json"] if False else ["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] == "Lan" and data["total"]["answered"] == 2
    assert main(["stats"]) == 0
    assert capsys.readouterr().out.startswith("Lan: 2 questions seen, 2 answers")
    records.create_profile("Minh")
    assert main(["stats"]) == 1
    assert "choose a learner with --profile NAME (learners: Lan, Minh)" in capsys.readouterr().err
    assert main(["stats", "--profile", "nobody"]) == 1
    target = tmp_path / "attempts.csv"
    assert main(["export", "--attempts", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("profile,bank,bank_version,question,fingerprint,edited_since,response,score")
    assert len(lines) == 3 and lines[1].startswith("Lan,every-type,1.0,")
    assert '"""Điện Biên Phủ"""' in lines[1] or "Điện Biên Phủ" in lines[1]


def test_commands_refuse_a_damaged_database(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_dir / "quizapp.sqlite3").write_bytes(b"not a database at all" * 10)
    assert main(["stats"]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err
