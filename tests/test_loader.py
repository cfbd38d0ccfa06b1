"""The strict loader: valid banks load, and every rule reports its exact message and place."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from quizapp.loader import load_bank, load_library
from quizapp.model import ClozeQuestion, MatchingQuestion, NumericQuestion, SingleQuestion
from tests.conftest import BANK_HEADER, FIRST_QUESTION_LINE, FIXTURES, write_bank

GOOD_SINGLE = """\
- id: q1
  type: single
  prompt: Which year?
  choices: ["1945", "1950"]
  answer: "1945"
  explanation: Because.
"""


def messages(path: Path) -> list[tuple[int, int, str]]:
    result = load_bank(path)
    assert result.bank is None, "a bank with problems must not load"
    return [(e.line, e.column, e.message) for e in result.errors]


def test_every_type_fixture_loads() -> None:
    result = load_bank(FIXTURES / "valid" / "every_type.yaml")
    assert result.errors == []
    bank = result.bank
    assert bank is not None
    assert bank.id == "every-type"
    assert [q.type for q in bank.questions] == [
        "single",
        "multiple",
        "true_false",
        "short",
        "numeric",
        "numeric",
        "ordering",
        "matching",
        "cloze",
    ]
    single = bank.questions[0]
    assert isinstance(single, SingleQuestion)
    assert single.why_not["Vietnam-China Friendship Association"] == "It was founded in 1950."
    assert single.source is not None and single.source.line == 39
    numeric = bank.questions[4]
    assert isinstance(numeric, NumericQuestion)
    assert (numeric.low, numeric.high) == (1_130_000_000, 1_150_000_000)
    matching = bank.questions[7]
    assert isinstance(matching, MatchingQuestion) and matching.distractors == ("1954",)
    cloze = bank.questions[8]
    assert isinstance(cloze, ClozeQuestion)
    assert [b.answers for b in cloze.blanks] == [("flexible",), ("effective", "efficient")]


def test_fingerprint_changes_when_content_changes(tmp_path: Path) -> None:
    first = load_bank(write_bank(tmp_path, GOOD_SINGLE)).bank
    second = load_bank(write_bank(tmp_path, GOOD_SINGLE.replace("Because.", "Because it was."))).bank
    moved = load_bank(
        write_bank(
            tmp_path, "- id: q0\n  type: true_false\n  prompt: P\n  answer: true\n  explanation: E\n" + GOOD_SINGLE
        )
    ).bank
    assert first and second and moved
    assert first.questions[0].fingerprint() != second.questions[0].fingerprint()
    # Moving a question within the file is not an edit.
    assert moved.questions[1].fingerprint() == first.questions[0].fingerprint()


L = FIRST_QUESTION_LINE
QUESTION_RULES = [
    pytest.param(
        GOOD_SINGLE.replace("  answer:", "  anwser:"),
        [
            (L + 4, 5, "unknown key 'anwser' in a 'single' question (did you mean 'answer'?)"),
            (L, 5, "a 'single' question is missing the required key 'answer'"),
        ],
        id="unknown-key-did-you-mean",
    ),
    pytest.param(
        GOOD_SINGLE.replace("  answer:", "  answers:"),
        [
            (L + 4, 5, "'answers' is not a key of a 'single' question (did you mean 'answer'?)"),
            (L, 5, "a 'single' question is missing the required key 'answer'"),
        ],
        id="key-of-another-type",
    ),
    pytest.param(
        GOOD_SINGLE + GOOD_SINGLE,
        [(L + 6, 9, "the question id 'q1' is used twice (first at line 14)")],
        id="duplicate-id",
    ),
    pytest.param(
        GOOD_SINGLE.replace('answer: "1945"', 'answer: "1954"'),
        [(L + 4, 13, "the answer '1954' is not one of the choices (did you mean '1950'?)")],
        id="answer-not-in-choices",
    ),
    pytest.param(
        GOOD_SINGLE.replace('choices: ["1945", "1950"]', 'choices: ["1945"]'),
        [(L + 3, 14, "'choices' must have at least 2 entries, not 1")],
        id="one-choice",
    ),
    pytest.param(
        GOOD_SINGLE.replace('choices: ["1945", "1950"]', 'choices: [1945, "1950"]'),
        [(L + 3, 15, "each of 'choices' must be text, not a whole number; put it in quotes")],
        id="unquoted-number-choice",
    ),
    pytest.param(
        GOOD_SINGLE.replace("type: single", "type: singel"),
        [
            (
                L + 1,
                11,
                "unknown question type 'singel' (did you mean 'single'?); the types are: single, "
                "multiple, true_false, short, numeric, ordering, matching, cloze",
            )
        ],
        id="unknown-type",
    ),
    pytest.param(
        GOOD_SINGLE.replace("  prompt: Which year?\n", ""),
        [(L, 5, "a 'single' question is missing the required key 'prompt'")],
        id="missing-prompt",
    ),
    pytest.param(
        GOOD_SINGLE.replace("  prompt: Which year?", "  prompt: ''"),
        [(L + 2, 13, "'prompt' must not be empty")],
        id="empty-prompt",
    ),
    pytest.param(
        GOOD_SINGLE + "  topic: foundng\n",
        [(L + 6, 12, "unknown topic 'foundng' (did you mean 'founding'?); the bank's topics are: founding")],
        id="unknown-topic",
    ),
    pytest.param(
        GOOD_SINGLE + "  source: {id: histroy, quote: Some words}\n",
        [(L + 6, 18, "unknown source 'histroy' (did you mean 'history'?); the bank's sources are: history")],
        id="unknown-source",
    ),
    pytest.param(
        GOOD_SINGLE + "  difficulty: 4\n",
        [(L + 6, 17, "'difficulty' must be from 1 to 3, not 4")],
        id="difficulty-range",
    ),
    pytest.param(
        GOOD_SINGLE + "  image: ../../etc/passwd.png\n",
        [(L + 6, 12, "the image '../../etc/passwd.png' must be a path inside the bank's folder")],
        id="image-leaves-folder",
    ),
    pytest.param(
        GOOD_SINGLE + "  image: /etc/hosts.png\n",
        [(L + 6, 12, "the image '/etc/hosts.png' must be a path inside the bank's folder")],
        id="image-absolute",
    ),
    pytest.param(
        GOOD_SINGLE + "  image: missing.png\n",
        [(L + 6, 12, "the image 'missing.png' is not in the bank's folder")],
        id="image-missing",
    ),
    pytest.param(
        GOOD_SINGLE + "  why_not: {'1945': Nope}\n",
        [(L + 6, 15, "'why_not' explains '1945', which is a right answer")],
        id="why-not-right-answer",
    ),
    pytest.param(
        GOOD_SINGLE + "  why_not: {'1951': Nope}\n",
        [(L + 6, 15, "'why_not' names '1951', which is not one of the choices (did you mean '1950'?)")],
        id="why-not-unknown-choice",
    ),
    pytest.param(
        """\
        - id: n1
          type: numeric
          prompt: How many?
          answer: 1200
          tolerance: -5
          explanation: E
        """,
        [(L + 4, 16, "'tolerance' must not be below zero, not -5")],
        id="negative-tolerance",
    ),
    pytest.param(
        """\
        - id: n1
          type: numeric
          prompt: How many?
          range: [10, 5]
          explanation: E
        """,
        [(L + 3, 12, "the low end of 'range' (10) is above the high end (5)")],
        id="range-reversed",
    ),
    pytest.param(
        """\
        - id: n1
          type: numeric
          prompt: How many?
          explanation: E
        """,
        [(L, 5, "a 'numeric' question needs 'answer' (with an optional 'tolerance') or 'range'")],
        id="numeric-without-answer",
    ),
    pytest.param(
        """\
        - id: t1
          type: true_false
          prompt: Is it?
          answer: "true"
          explanation: E
        """,
        [(L + 3, 13, "'answer' must be true or false, not text; write true or false without quotes")],
        id="true-false-quoted",
    ),
    pytest.param(
        """\
        - id: o1
          type: ordering
          prompt: Order them.
          items: [only one]
          explanation: E
        """,
        [(L + 3, 12, "'items' must have at least 2 entries, not 1")],
        id="ordering-one-item",
    ),
    pytest.param(
        """\
        - id: m1
          type: matching
          prompt: Match.
          pairs:
            - {left: A, right: "1"}
            - {left: B, right: "1"}
          explanation: E
        """,
        [(L + 5, 26, "'1' stands twice on the right (first at line 18)")],
        id="matching-duplicate-right",
    ),
    pytest.param(
        """\
        - id: m1
          type: matching
          prompt: Match.
          pairs:
            - {left: A, right: "1"}
            - {left: B, right: "2"}
          distractors: ["2"]
          explanation: E
        """,
        [(L + 6, 19, "the distractor '2' is also a right-hand answer")],
        id="matching-distractor-is-answer",
    ),
    pytest.param(
        """\
        - id: c1
          type: cloze
          prompt: Fill in.
          text: No blanks here.
          explanation: E
        """,
        [(L + 3, 11, "'text' must have at least one blank, written {{answer}}")],
        id="cloze-without-blank",
    ),
    pytest.param(
        """\
        - id: c1
          type: cloze
          prompt: Fill in.
          text: "One {{blank}} and {{an open one"
          explanation: E
        """,
        [(L + 3, 11, "'text' has a '{{' without its '}}' (or the other way round)")],
        id="cloze-unclosed",
    ),
    pytest.param(
        """\
        - id: s1
          type: short
          prompt: Type it.
          answers: ["..."]
          explanation: E
        """,
        [(L + 3, 14, "the answer '...' in 'answers' is only punctuation or spaces")],
        id="short-only-punctuation",
    ),
    pytest.param(
        """\
        - id: s1
          type: short
          prompt: Type it.
          answers: [Hanoi]
          typo_tolerance: 3
          explanation: E
        """,
        [(L + 4, 21, "'typo_tolerance' must be from 0 to 2, not 3")],
        id="typo-tolerance-range",
    ),
    pytest.param(
        "- just a string\n",
        [(L, 5, "each question must be a mapping of keys, not text")],
        id="question-not-mapping",
    ),
    pytest.param(
        GOOD_SINGLE.replace("- id: q1", "- id: q 1"),
        [
            (
                L,
                9,
                "a question 'id' 'q 1' may hold only letters, digits, '-', '_' and '.' "
                "(at most 100, starting with a letter or digit)",
            )
        ],
        id="bad-id",
    ),
    pytest.param(
        GOOD_SINGLE + "  prompt: again\n",
        [(L + 6, 5, "the key 'prompt' is repeated (first at line 16)")],
        id="repeated-key",
    ),
]


@pytest.mark.parametrize(("questions", "expected"), QUESTION_RULES)
def test_question_rules(tmp_path: Path, questions: str, expected: list[tuple[int, int, str]]) -> None:
    path = write_bank(tmp_path, questions)
    assert messages(path) == expected


def test_all_problems_reported_in_one_run(tmp_path: Path) -> None:
    broken = (
        GOOD_SINGLE.replace('answer: "1945"', 'answer: "1999"')
        + GOOD_SINGLE.replace("q1", "q2").replace("type: single", "type: nope")
        + GOOD_SINGLE.replace("q1", "q3")
        + "  difficulty: 0\n"
    )
    found = messages(write_bank(tmp_path, broken))
    assert [m[0] for m in found] == [L + 4, L + 7, L + 18]


BANK_RULES = [
    pytest.param("", [(1, 1, "the file is empty: a bank needs 'id', 'title', 'questions' and more")], id="empty"),
    pytest.param(
        "# only a comment\n",
        [(1, 1, "the file is empty: a bank needs 'id', 'title', 'questions' and more")],
        id="only-comment",
    ),
    pytest.param(
        "- a\n- b\n",
        [(1, 1, "a bank must be a mapping with keys such as 'id', 'title' and 'questions', not a list")],
        id="top-level-list",
    ),
    pytest.param(
        "hello\n",
        [(1, 1, "a bank must be a mapping with keys such as 'id', 'title' and 'questions', not text")],
        id="top-level-scalar",
    ),
    pytest.param(
        "id: x\ntitle: [unclosed\n",
        [(3, 1, "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)")],
        id="syntax-error",
    ),
    pytest.param(
        BANK_HEADER.replace("format: 1", "format: 2") + "  - x\n",
        [(1, 9, "this bank is written in format 2; this version of quizapp reads format 1: update quizapp to open it")],
        id="newer-format",
    ),
    pytest.param(
        BANK_HEADER.replace("language: en", "language: English!")
        + GOOD_SINGLE.replace("\n", "\n  ").replace("- id", "  - id", 1),
        [(4, 11, "'language' must be a BCP 47 tag such as 'en' or 'vi', not 'English!'")],
        id="bad-language",
    ),
    pytest.param(
        BANK_HEADER.replace("title: Test bank\n", "") + "  []\n".replace("  []", ""),
        [(1, 1, "the bank is missing the required key 'title'"), (12, 11, "'questions' must be a list, not nothing")],
        id="missing-title",
    ),
    pytest.param(
        BANK_HEADER.replace("version:", "verison:") + textwrap.indent(GOOD_SINGLE, "  "),
        [
            (5, 1, "unknown key 'verison' in the bank (did you mean 'version'?)"),
            (1, 1, "the bank is missing the required key 'version'"),
        ],
        id="bank-unknown-key",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BANK_RULES)
def test_bank_rules(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    assert messages(path) == expected


def test_messages_name_the_file(tmp_path: Path) -> None:
    path = write_bank(tmp_path, GOOD_SINGLE.replace("type: single", "type: nope"))
    result = load_bank(path)
    assert str(result.errors[0]).startswith(f"{path}:{L + 1}:11: unknown question type 'nope'")


def test_library_skips_broken_banks_and_loads_the_rest(tmp_path: Path) -> None:
    write_bank(tmp_path, GOOD_SINGLE, name="good.yaml")
    write_bank(
        tmp_path,
        GOOD_SINGLE.replace("type: single", "type: nope"),
        header=BANK_HEADER.replace("id: test-bank", "id: other"),
        name="bad.yaml",
    )
    (tmp_path / "notes.txt").write_text("not a bank")
    library = load_library([tmp_path])
    assert [b.id for b in library.banks] == ["test-bank"]
    assert len(library.problems) == 1 and library.problems[0].path.endswith("bad.yaml")


def test_library_refuses_a_second_bank_with_the_same_id(tmp_path: Path) -> None:
    write_bank(tmp_path, GOOD_SINGLE, name="a.yaml")
    write_bank(tmp_path, GOOD_SINGLE, name="b.yaml")
    library = load_library([tmp_path])
    assert len(library.banks) == 1
    assert library.problems[0].message.startswith("the bank id 'test-bank' is already used by ")


def test_library_reports_a_missing_location(tmp_path: Path) -> None:
    library = load_library([tmp_path / "nowhere"])
    assert library.banks == [] and library.problems[0].message == "no such file or folder"


def test_fingerprints_are_stable_across_processes_for_every_type() -> None:
    import subprocess
    import sys

    code = (
        "from quizapp.loader import load_bank; "
        "b = load_bank('tests/fixtures/valid/every_type.yaml').bank; "
        "print(' '.join(q.fingerprint() for q in b.questions))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
            cwd=FIXTURES.parent.parent,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(runs) == 1
    assert len(set(runs.pop().split())) == 9
