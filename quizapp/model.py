"""The question bank as the rest of quizapp sees it: frozen, validated dataclasses."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import ClassVar

FORMAT_VERSION = 1

QUESTION_TYPES = (
    "single",
    "multiple",
    "true_false",
    "short",
    "numeric",
    "ordering",
    "matching",
    "cloze",
)


@dataclass(frozen=True, slots=True)
class BankError:
    """A problem in a bank file, with the place it was found (1-based line and column)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class Source:
    """A text that questions are drawn from."""

    id: str
    title: str
    date: str
    publisher: str = ""
    url: str = ""
    file: str = ""

    def citation(self) -> str:
        """Title, publisher and date, as shown under a quoted passage."""
        parts = [self.title]
        if self.publisher:
            parts.append(self.publisher)
        if self.date:
            parts.append(self.date)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic that questions can belong to."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a question comes from: a source of the bank and the verbatim passage."""

    id: str
    quote: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True, kw_only=True)
class Question:
    """What every question type has in common."""

    type: ClassVar[str] = ""

    id: str
    prompt: str
    explanation: str
    topic: str = ""
    tags: tuple[str, ...] = ()
    difficulty: int = 2
    image: str = ""
    source: SourceRef | None = None
    line: int = 0

    def fingerprint(self) -> str:
        """A short hash of the question's content, to tell when it was edited."""
        cached = self.__dict__.get("_fingerprint")
        if cached is None:
            cached = self._compute_fingerprint()
            object.__setattr__(self, "_fingerprint", cached)  # frozen, but the hash never changes
        return cached

    def _compute_fingerprint(self) -> str:
        content = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("line",)}
        if self.source is not None:
            content["source"] = (self.source.id, self.source.quote)
        content["type"] = self.type
        text = json.dumps(content, sort_keys=True, default=_plain, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, kw_only=True)
class SingleQuestion(Question):
    """One right choice among several."""

    type: ClassVar[str] = "single"
    choices: tuple[str, ...]
    answer: str
    why_not: dict[str, str] = field(default_factory=dict)
    shuffle: bool = True


@dataclass(frozen=True, kw_only=True)
class MultipleQuestion(Question):
    """Several right choices; partial credit, wrong picks cost."""

    type: ClassVar[str] = "multiple"
    choices: tuple[str, ...]
    answers: frozenset[str]
    why_not: dict[str, str] = field(default_factory=dict)
    shuffle: bool = True


@dataclass(frozen=True, kw_only=True)
class TrueFalseQuestion(Question):
    """A statement that is true or false."""

    type: ClassVar[str] = "true_false"
    answer: bool


@dataclass(frozen=True, kw_only=True)
class ShortQuestion(Question):
    """A typed answer compared leniently with a list of accepted answers."""

    type: ClassVar[str] = "short"
    answers: tuple[str, ...]
    typo_tolerance: int = 0


@dataclass(frozen=True, kw_only=True)
class NumericQuestion(Question):
    """A number, right within a tolerance or a range, optionally with a unit."""

    type: ClassVar[str] = "numeric"
    low: float
    high: float
    answer: float | None = None
    unit: str = ""
    units: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class OrderingQuestion(Question):
    """Items to put in order; `items` holds the right order."""

    type: ClassVar[str] = "ordering"
    items: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class MatchingQuestion(Question):
    """Left items to pair with right items, with optional distractors on the right."""

    type: ClassVar[str] = "matching"
    pairs: tuple[tuple[str, str], ...]
    distractors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Blank:
    """One blank of a cloze: the answers it accepts."""

    answers: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ClozeQuestion(Question):
    """A text with blanks; `parts` alternates text and blanks, starting with text."""

    type: ClassVar[str] = "cloze"
    text: str
    parts: tuple[str | Blank, ...]
    typo_tolerance: int = 0

    @property
    def blanks(self) -> tuple[Blank, ...]:
        return tuple(p for p in self.parts if isinstance(p, Blank))


def _plain(value: object) -> object:
    """JSON for what json.dumps does not know, in a stable order."""
    if isinstance(value, Blank):
        return {"blank": list(value.answers)}
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


QUESTION_CLASSES: dict[str, type[Question]] = {
    cls.type: cls
    for cls in (
        SingleQuestion,
        MultipleQuestion,
        TrueFalseQuestion,
        ShortQuestion,
        NumericQuestion,
        OrderingQuestion,
        MatchingQuestion,
        ClozeQuestion,
    )
}


@dataclass(frozen=True)
class Bank:
    """A loaded, valid question bank."""

    id: str
    title: str
    language: str
    version: str
    path: Path
    description: str = ""
    authors: tuple[str, ...] = ()
    license: str = ""
    sources: tuple[Source, ...] = ()
    topics: tuple[Topic, ...] = ()
    questions: tuple[Question, ...] = ()

    def source(self, source_id: str) -> Source | None:
        """The source with this id, or None."""
        for source in self.sources:
            if source.id == source_id:
                return source
        return None

    def topic_title(self, topic_id: str) -> str:
        """The title of a topic, or its id when the bank does not define it."""
        for topic in self.topics:
            if topic.id == topic_id:
                return topic.title
        return topic_id

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return self._by_id.get(question_id)

    def count_by_type(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for question in self.questions:
            counts[question.type] = counts.get(question.type, 0) + 1
        return counts

    def count_by_topic(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for question in self.questions:
            counts[question.topic] = counts.get(question.topic, 0) + 1
        return counts
