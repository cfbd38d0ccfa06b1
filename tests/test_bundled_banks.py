"""The banks that ship with quizapp: valid, grounded in their sources, and covering every topic and type."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.loader import load_bank
from quizapp.model import QUESTION_TYPES, Bank, MultipleQuestion, SingleQuestion
from quizapp.quotes import SourceTexts, check_quotes
from tests.conftest import REPO

BANK_FILES = sorted((REPO / "questions").glob("*.yaml"))
SOURCES = REPO.parent / "shared" / "sources"


def load(path: Path) -> Bank:
    result = load_bank(path)
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert result.bank is not None
    return result.bank


def test_there_are_bundled_banks() -> None:
    assert BANK_FILES, "questions/ holds no banks"


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.stem)
def test_bank_is_valid_and_complete(path: Path) -> None:
    bank = load(path)
    by_topic = bank.count_by_topic()
    assert bank.topics, "a bundled bank is organised by topics"
    for topic in bank.topics:
        assert by_topic.get(topic.id, 0) > 0, f"topic '{topic.id}' has no questions"
    assert "" not in by_topic, "every bundled question has a topic"
    assert set(bank.count_by_type()) == set(QUESTION_TYPES), "every question type is used"
    for question in bank.questions:
        assert question.source is not None, f"{question.id} cites no source"
        assert question.tags, f"{question.id} has no tags"
        if isinstance(question, SingleQuestion | MultipleQuestion):
            right = {question.answer} if isinstance(question, SingleQuestion) else question.answers
            missing = [c for c in question.choices if c not in right and c not in question.why_not]
            assert not missing, f"{question.id}: no 'why not' for {missing}"


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.stem)
def test_no_prompt_gives_its_answer_away(path: Path) -> None:
    bank = load(path)
    for question in bank.questions:
        answers: tuple[str, ...] = ()
        if question.type == "short":
            answers = question.answers  # type: ignore[attr-defined]
        elif question.type == "single":
            answers = (question.answer,)  # type: ignore[attr-defined]
        for answer in answers:
            if len(answer) >= 4:
                assert not re.search(rf"\b{re.escape(answer)}\b", question.prompt, re.IGNORECASE), (
                    f"{question.id}: the prompt contains its answer '{answer}'"
                )


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the source texts are kept beside the repository, in shared/")
@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.stem)
def test_every_quote_stands_in_its_source(path: Path) -> None:
    bank = load(path)
    assert check_quotes(bank, SourceTexts(SOURCES), str(path)) == []


def test_bank_ids_are_unique() -> None:
    ids = [load(path).id for path in BANK_FILES]
    assert len(ids) == len(set(ids))
