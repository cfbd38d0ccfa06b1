"""Study sessions: practice, exam, spaced review and mistakes, kept in the records so they can be resumed."""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from quizapp.grading import Grade, display_choices, grade
from quizapp.loader import Library
from quizapp.model import Bank, Question
from quizapp.records import Records, iso
from quizapp.scheduling import rating_for, review

DEFAULT_EXAM_COUNT = 20
DEFAULT_PASS_MARK = 0.8
# A question answered Again in review comes back in the same session, at most this many times.
MAX_RELEARN = 2

Key = tuple[str, str]  # (bank id, question id)


class SessionMode(StrEnum):
    PRACTICE = "practice"
    EXAM = "exam"
    REVIEW = "review"
    MISTAKES = "mistakes"


class NothingToStudy(ValueError):
    """The session would have no questions; the message says why, for the learner."""


@dataclass(frozen=True)
class SessionFilter:
    """Which questions a session takes; an empty set means all."""

    topics: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    difficulties: frozenset[int] = frozenset()

    def accepts(self, question: Question) -> bool:
        return (
            (not self.topics or question.topic in self.topics)
            and (not self.tags or bool(self.tags.intersection(question.tags)))
            and (not self.types or question.type in self.types)
            and (not self.difficulties or question.difficulty in self.difficulties)
        )


@dataclass(frozen=True)
class SessionSpec:
    """What the learner asked for: the mode, the banks, the filter and the mode's settings."""

    mode: SessionMode
    bank_ids: tuple[str, ...]
    filter: SessionFilter = field(default_factory=SessionFilter)
    count: int | None = None
    time_limit_s: int | None = None
    seed: int = 0
    pass_mark: float = DEFAULT_PASS_MARK
    daily_new_limit: int = 20

    def to_json(self) -> str:
        data = asdict(self)
        data["filter"] = {key: sorted(value) for key, value in data["filter"].items()}
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SessionSpec:
        data = json.loads(text)
        data["mode"] = SessionMode(data["mode"])
        data["bank_ids"] = tuple(data["bank_ids"])
        data["filter"] = SessionFilter(**{key: frozenset(value) for key, value in data["filter"].items()})
        return cls(**data)


@dataclass(frozen=True)
class AnswerOutcome:
    """What one answer gave: the grade, whether to show feedback now, and the stored attempt's id."""

    grade: Grade
    show_feedback: bool
    attempt_id: int


@dataclass(frozen=True)
class ResultItem:
    bank: Bank
    question: Question
    response: Any
    grade: Grade | None  # None: not answered


@dataclass(frozen=True)
class SessionResult:
    """The end of a session: score, pass or fail (exams), time, per-topic breakdown and every answer."""

    score: float
    passed: bool | None
    pass_mark: float | None
    seconds: float
    topics: list[tuple[str, int, int]]  # (topic title, right, asked)
    items: list[ResultItem]


def _pool(library: Library, spec: SessionSpec) -> list[tuple[Bank, Question]]:
    return [
        (bank, question)
        for bank_id in spec.bank_ids
        if (bank := library.bank(bank_id)) is not None
        for question in bank.questions
        if spec.filter.accepts(question)
    ]


class Session:
    """A running session; every change is stored at once, so it can be resumed after anything."""

    def __init__(
        self,
        records: Records,
        library: Library,
        profile_id: int,
        spec: SessionSpec,
        session_id: int,
        started: datetime,
        state: dict[str, Any],
    ) -> None:
        self.records = records
        self.library = library
        self.profile_id = profile_id
        self.spec = spec
        self.id = session_id
        self.started = started
        self.queue: list[Key] = [tuple(k) for k in state.get("queue", [])]  # type: ignore[misc]
        self.position: int = state.get("position", 0)
        self.flags: set[Key] = {tuple(k) for k in state.get("flags", [])}  # type: ignore[misc]
        self.skipped: list[Key] = [tuple(k) for k in state.get("skipped", [])]  # type: ignore[misc]
        self.relearn: dict[str, int] = state.get("relearn", {})
        self.round: int = state.get("round", 0)
        self.ended = bool(state.get("ended", False))

    @property
    def mode(self) -> SessionMode:
        return self.spec.mode

    # -- state ----------------------------------------------------------------------------------

    def state_json(self) -> str:
        return json.dumps(
            {
                "queue": self.queue,
                "position": self.position,
                "flags": sorted(self.flags),
                "skipped": self.skipped,
                "relearn": self.relearn,
                "round": self.round,
                "ended": self.ended,
            },
            ensure_ascii=False,
        )

    def _save(self, now: datetime, score: float | None = None) -> None:
        self.records.save_session(self.id, self.state_json(), now, score=score, finished=self.ended)

    # -- the questions --------------------------------------------------------------------------

    @property
    def total(self) -> int | None:
        """How many questions the session asks; None for a practice that goes on as long as wanted."""
        if self.mode is SessionMode.PRACTICE and self.spec.count is None:
            return None
        return len(self.queue)

    @property
    def finished(self) -> bool:
        return self.ended or (self.position >= len(self.queue) and not self._can_grow())

    def _can_grow(self) -> bool:
        return self.mode is SessionMode.PRACTICE and self.spec.count is None and bool(_pool(self.library, self.spec))

    def _grow(self) -> None:
        """Practice without a count: another round of every question, shuffled anew."""
        self.round += 1
        keys = [(b.id, q.id) for b, q in _pool(self.library, self.spec)]
        random.Random(f"{self.spec.seed}:{self.id}:{self.round}").shuffle(keys)
        self.queue.extend(keys)

    def current(self) -> tuple[Bank, Question] | None:
        """The question to ask now; questions removed from their bank since are passed over."""
        while True:
            if self.position >= len(self.queue):
                if self.ended or not self._can_grow():
                    return None
                self._grow()
            bank_id, question_id = self.queue[self.position]
            bank = self.library.bank(bank_id)
            question = bank.question(question_id) if bank is not None else None
            if bank is not None and question is not None:
                return bank, question
            self.position += 1

    def choices_order(self) -> list[str]:
        current = self.current()
        if current is None:
            return []
        return display_choices(current[1], f"{self.spec.seed}:{self.id}:{self.position}")

    def is_flagged(self) -> bool:
        return self.position < len(self.queue) and self.queue[self.position] in self.flags

    def flag(self, flagged: bool, now: datetime | None = None) -> None:
        if self.position >= len(self.queue):
            return
        key = self.queue[self.position]
        if flagged:
            self.flags.add(key)
        else:
            self.flags.discard(key)
        self._save(now or datetime.now(UTC))

    def time_left(self, now: datetime) -> float | None:
        """Seconds left in a timed exam (never below 0); None without a limit."""
        if not self.spec.time_limit_s:
            return None
        return max(0.0, self.spec.time_limit_s - (now - self.started).total_seconds())

    # -- answering ------------------------------------------------------------------------------

    def answer(self, response: Any, elapsed_ms: int, now: datetime, self_rating: str | None = None) -> AnswerOutcome:
        """Grade the answer, store it durably (with the review card and the session's place), move on."""
        current = self.current()
        if current is None:
            raise ValueError("the session has no question to answer")
        bank, question = current
        result = grade(question, response)
        key = (bank.id, question.id)
        card = None
        if self.mode is SessionMode.REVIEW:
            usual = self.records.usual_times(self.profile_id, question.type)
            rating = rating_for(result, elapsed_ms, usual, self_rating)
            state = self.records.card_state(self.profile_id, bank.id, question.id)
            card = review(state, bank.id, question.id, rating, now)
            again = f"{bank.id}\x00{question.id}"
            if not result.correct and self.relearn.get(again, 0) < MAX_RELEARN:
                self.relearn[again] = self.relearn.get(again, 0) + 1
                self.queue.append(key)
        elif self.mode is SessionMode.MISTAKES and not result.correct:
            self.queue.append(key)  # until the learner gets it right
        self.position += 1
        attempt_id = self.records.record_attempt(
            profile_id=self.profile_id,
            bank_id=bank.id,
            bank_version=bank.version,
            question_id=question.id,
            question_type=question.type,
            fingerprint=question.fingerprint(),
            response=response,
            score=result.score,
            correct=result.correct,
            elapsed_ms=elapsed_ms,
            mode=str(self.mode),
            now=now,
            session_id=self.id,
            card=card,
            session_state=(self.state_json(), None, None),
        )
        return AnswerOutcome(result, self.mode is not SessionMode.EXAM, attempt_id)

    def skip(self, elapsed_ms: int = 0, now: datetime | None = None) -> None:
        """Pass over the current question without answering it (nothing is graded or stored as an attempt)."""
        del elapsed_ms
        if self.current() is None:
            return
        self.skipped.append(self.queue[self.position])
        self.position += 1
        self._save(now or datetime.now(UTC))

    # -- the end --------------------------------------------------------------------------------

    def finish(self, now: datetime, timed_out: bool = False) -> SessionResult:
        """End the session (an exam whose time ran out, or the learner is done) and give its results."""
        del timed_out
        self.ended = True
        result = self.result(now)
        self._save(now, score=result.score)
        return result

    def result(self, now: datetime) -> SessionResult:
        answers = self.records.session_attempts(self.id)
        items: list[ResultItem] = []
        seen: set[Key] = set()
        for bank_id, question_id, response, _score, _correct in answers:
            bank = self.library.bank(bank_id)
            question = bank.question(question_id) if bank is not None else None
            if bank is None or question is None:
                continue
            items.append(ResultItem(bank, question, response, grade(question, response)))
            seen.add((bank_id, question_id))
        if self.mode is SessionMode.EXAM:
            for bank_id, question_id in self.queue:  # an exam scores every question drawn
                if (bank_id, question_id) in seen:
                    continue
                bank = self.library.bank(bank_id)
                question = bank.question(question_id) if bank is not None else None
                if bank is not None and question is not None:
                    items.append(ResultItem(bank, question, None, None))
        scores = [item.grade.score if item.grade is not None else 0.0 for item in items]
        score = sum(scores) / len(scores) if scores else 0.0
        topics: dict[str, list[int]] = {}
        for item in items:
            title = item.bank.topic_title(item.question.topic) if item.question.topic else ""
            totals = topics.setdefault(title, [0, 0])
            totals[0] += int(item.grade is not None and item.grade.correct)
            totals[1] += 1
        exam = self.mode is SessionMode.EXAM
        return SessionResult(
            score=score,
            passed=score >= self.spec.pass_mark if exam else None,
            pass_mark=self.spec.pass_mark if exam else None,
            seconds=max(0.0, (now - self.started).total_seconds()),
            topics=[(title, right, asked) for title, (right, asked) in topics.items()],
            items=items,
        )


def _review_queue(records: Records, library: Library, profile_id: int, spec: SessionSpec, now: datetime) -> list[Key]:
    """What is due, most overdue first, then new questions up to the day's limit.

    The bank's questions are only walked when a filter is set or there is room for new ones, so that
    building a review stays quick with tens of thousands of cards.
    """
    due = records.due_cards(profile_id, list(spec.bank_ids), now)
    if spec.filter != SessionFilter():
        allowed = {(bank.id, question.id) for bank, question in _pool(library, spec)}
        due = [key for key in due if key in allowed]
    room = max(0, spec.daily_new_limit - records.introduced_on(profile_id, iso(now)[:10]))
    fresh: list[Key] = []
    filtered = spec.filter != SessionFilter()
    for bank_id in spec.bank_ids:
        bank = library.bank(bank_id)
        if bank is None or len(fresh) >= room:
            continue
        carded = records.carded_ids(profile_id, bank_id)
        for question in bank.questions:
            if question.id not in carded and (not filtered or spec.filter.accepts(question)):
                fresh.append((bank_id, question.id))
                if len(fresh) >= room:
                    break
    return due + fresh


def _queue(records: Records, library: Library, profile_id: int, spec: SessionSpec, now: datetime) -> list[Key]:
    if spec.mode is SessionMode.REVIEW:
        return _review_queue(records, library, profile_id, spec, now)
    pool = _pool(library, spec)
    keys = [(bank.id, question.id) for bank, question in pool]
    rng = random.Random(spec.seed)
    if spec.mode is SessionMode.PRACTICE:
        rng.shuffle(keys)
        if spec.count is not None and keys:
            rounds = []
            while len(rounds) < spec.count:
                batch = keys[:]
                rng.shuffle(batch)
                rounds.extend(batch)
            keys = rounds[: spec.count]
        return keys
    if spec.mode is SessionMode.EXAM:
        return rng.sample(keys, min(spec.count or DEFAULT_EXAM_COUNT, len(keys)))
    wrong = records.wrong_last(profile_id, list(spec.bank_ids))
    mistakes = [key for key in keys if key in wrong]
    rng.shuffle(mistakes)
    return mistakes


_EMPTY = {
    SessionMode.PRACTICE: "No questions match these filters.",
    SessionMode.EXAM: "No questions match these filters.",
    SessionMode.REVIEW: "Nothing is due for review now, and no new questions are left for today.",
    SessionMode.MISTAKES: "There are no mistakes to retry here: every question you answered, you last got right.",
}


def start_session(
    records: Records, library: Library, profile_id: int, spec: SessionSpec, now: datetime | None = None
) -> Session:
    """Build a session's questions and store it; NothingToStudy when there would be none."""
    now = now or datetime.now(UTC)
    queue = _queue(records, library, profile_id, spec, now)
    if not queue:
        raise NothingToStudy(_EMPTY[spec.mode])
    state = {"queue": queue, "position": 0}
    session_id = records.create_session(profile_id, str(spec.mode), spec.to_json(), json.dumps(state), now)
    return Session(records, library, profile_id, spec, session_id, now, state)


def resume_session(records: Records, library: Library, session_id: int) -> Session:
    """Take up a session where it was left; questions removed from their banks since are passed over."""
    row = records.session_row(session_id)
    if row is None:
        raise NothingToStudy("That session no longer exists.")
    profile_id, _mode, spec, state, started, finished = row
    if finished is not None:
        raise NothingToStudy("That session is already finished.")
    return Session(
        records,
        library,
        profile_id,
        SessionSpec.from_json(spec),
        session_id,
        datetime.fromisoformat(started),
        json.loads(state),
    )
