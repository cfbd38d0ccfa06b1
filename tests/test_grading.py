"""Grading of every question type, and the properties that must hold for any answer."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.grading import display_choices, grade, parse_number
from quizapp.loader import load_bank
from quizapp.model import Bank, Blank, ClozeQuestion, Question, ShortQuestion
from quizapp.textmatch import answer_matches, normalize_answer
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def bank() -> Bank:
    loaded = load_bank(FIXTURES / "valid" / "every_type.yaml").bank
    assert loaded is not None
    return loaded


def q(bank: Bank, question_id: str) -> Question:
    question = bank.question(question_id)
    assert question is not None
    return question


def test_single(bank: Bank) -> None:
    question = q(bank, "single-first-org")
    right = grade(question, "Vietnam-America Friendship Association")
    assert (right.score, right.correct, right.why_not) == (1.0, True, ())
    wrong = grade(question, "Vietnam-China Friendship Association")
    assert (wrong.score, wrong.correct) == (0.0, False)
    assert wrong.why_not == ("It was founded in 1950.",)
    assert wrong.expected == ("Vietnam-America Friendship Association",)
    skipped = grade(question, None)
    assert not skipped.answered and skipped.score == 0.0


def test_multiple_partial_credit_and_wrong_picks_cost(bank: Bank) -> None:
    question = q(bank, "multiple-pillars")
    assert grade(question, ["Party diplomacy", "State diplomacy", "People-to-people diplomacy"]).correct
    assert grade(question, ["Party diplomacy", "State diplomacy"]).score == pytest.approx(2 / 3)
    mixed = grade(question, ["Party diplomacy", "State diplomacy", "Military diplomacy"])
    assert mixed.score == pytest.approx(1 / 3)
    assert mixed.why_not == ("The Congress named Party, State and people-to-people diplomacy.",)
    assert grade(question, ["Military diplomacy"]).score == 0.0
    assert grade(question, question.choices).score == pytest.approx(2 / 3)  # type: ignore[attr-defined]


def test_true_false(bank: Bank) -> None:
    question = q(bank, "tf-committee")
    assert grade(question, True).correct
    assert not grade(question, False).correct
    assert grade(question, False).expected == ("true",)
    assert not grade(question, "true").answered


@pytest.mark.parametrize(
    ("typed", "correct"),
    [
        ("Điện Biên Phủ", True),
        ("dien bien phu", True),
        ("  DIEN   BIEN PHU. ", True),
        ("Dien Bien Phu!", True),
        ("Điên Biên Phu", True),
        ("Dien Bien Pu", True),  # one letter missing, tolerance 1
        ("Dein Bien Phu", True),  # two letters swapped
        ("Dien Ben Pu", False),  # two typos
        ("Hanoi", False),
        ("Dien Bien", False),
    ],
)
def test_short_answers(bank: Bank, typed: str, correct: bool) -> None:
    assert grade(q(bank, "short-dbp"), typed).correct is correct


def test_short_without_typo_tolerance() -> None:
    question = ShortQuestion(id="x", prompt="p", explanation="e", answers=("Hanoi",))
    assert grade(question, "hà nội").correct
    assert not grade(question, "Hanoy").correct
    assert not grade(question, "   ").answered


def test_d_with_stroke_folds_to_d() -> None:
    assert normalize_answer("Đồng Đăng") == "dong dang"
    assert answer_matches("dong dang", ("Đồng Đăng",))


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1140000000", 1_140_000_000),
        ("1,140,000,000", 1_140_000_000),
        ("1.14 billion", 1_140_000_000),
        ("US$1.14 billion", 1_140_000_000),
        ("US$ 1.14bn", 1_140_000_000),
        ("1.14 billion dollars", 1_140_000_000),
        ("1 140 000 000", 1_140_000_000),
        ("1.140.000.000", 1_140_000_000),
        ("1,2 tỷ", 1_200_000_000),
        ("1,200", 1200),
        ("1200", 1200),
        ("-3.5", -3.5),
        (".5", 0.5),
        ("nearly 400", 400),
        ("more than 1,200", 1200),
        ("about US$1.14 billion", 1_140_000_000),
        ("khoảng 1,2 tỷ", 1_200_000_000),
        ("twelve", None),
        ("nearly", None),
        ("12 apples", None),
        ("1.2.3", None),
        ("", None),
    ],
)
def test_parse_number(typed: str, value: float | None) -> None:
    parsed = parse_number(typed, ("US$", "USD", "dollars"))
    assert parsed == (pytest.approx(value) if value is not None else None)


def test_numeric_with_tolerance_and_unit(bank: Bank) -> None:
    question = q(bank, "numeric-aid")
    for typed in ("US$1.14 billion", "1,140,000,000", "1.14bn", "1.135 billion USD"):
        assert grade(question, typed).correct, typed
    assert not grade(question, "1.2 billion").correct
    unreadable = grade(question, "about a billion")
    assert unreadable.unreadable and not unreadable.correct
    assert question.type == "numeric"
    assert grade(question, "1.2 billion").expected == ("1,140,000,000 US$",)


def test_numeric_range(bank: Bank) -> None:
    question = q(bank, "numeric-range")
    assert grade(question, "1,250 organisations").correct
    assert grade(question, 1200).correct
    assert not grade(question, "1199").correct
    assert grade(question, "1").expected == ("1,200\u20131,300 organisations",)


def test_ordering_partial_credit(bank: Bank) -> None:
    question = q(bank, "ordering-events")
    items = list(question.items)  # type: ignore[attr-defined]
    assert grade(question, items).correct
    swapped = [items[1], items[0], items[2], items[3]]
    assert grade(question, swapped).score == pytest.approx(5 / 6)
    assert grade(question, list(reversed(items))).score == 0.0
    assert grade(question, swapped).marks == (False, False, True, True)
    assert grade(question, items[:3]).score < 1.0


def test_matching_partial_credit(bank: Bank) -> None:
    question = q(bank, "matching-years")
    right = dict(question.pairs)  # type: ignore[attr-defined]
    assert grade(question, right).correct
    two_wrong = {**right, "Vietnam-China Friendship Group": "1954", "Vietnam-America Friendship Association": "1946"}
    result = grade(question, two_wrong)
    assert result.score == pytest.approx(1 / 3)
    assert result.marks == (False, False, True)


def test_cloze(bank: Bank) -> None:
    question = q(bank, "cloze-motto")
    assert grade(question, ["Flexible", "efficient"]).correct
    half = grade(question, ["flexible", "fast"])
    assert half.score == 0.5 and half.marks == (True, False)
    assert half.expected == ("flexible", "effective")
    assert not grade(question, ["", ""]).answered


def test_shuffling_is_seeded(bank: Bank) -> None:
    question = q(bank, "single-first-org")
    first = display_choices(question, 42)
    assert first == display_choices(question, 42)
    assert sorted(first) == sorted(question.choices)  # type: ignore[attr-defined]
    orders = {tuple(display_choices(question, seed)) for seed in range(30)}
    assert len(orders) > 1


def test_ordering_never_shown_in_order(bank: Bank) -> None:
    question = q(bank, "ordering-events")
    for seed in range(200):
        assert display_choices(question, seed) != list(question.items)  # type: ignore[attr-defined]


# -- properties ------------------------------------------------------------------------------

VIETNAMESE = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
answer_text = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz " + VIETNAMESE + VIETNAMESE.upper()),
    min_size=1,
    max_size=30,
).filter(lambda s: normalize_answer(s) != "")


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@given(
    answer=answer_text,
    pad_left=st.sampled_from(["", " ", "  \t"]),
    pad_right=st.sampled_from(["", " ", ".", "!"]),
    upper=st.booleans(),
)
def test_any_accepted_answer_matches_in_any_form(answer: str, pad_left: str, pad_right: str, upper: bool) -> None:
    question = ShortQuestion(id="x", prompt="p", explanation="e", answers=("decoy", answer))
    typed = strip_diacritics(answer)
    typed = typed.upper() if upper else typed.lower()
    assert grade(question, pad_left + typed + pad_right).correct


@given(answers=st.lists(answer_text, min_size=1, max_size=3), typed=st.text(max_size=40), tolerance=st.integers(0, 2))
def test_short_scores_stay_in_range(answers: list[str], typed: str, tolerance: int) -> None:
    question = ShortQuestion(id="x", prompt="p", explanation="e", answers=tuple(answers), typo_tolerance=tolerance)
    result = grade(question, typed)
    assert 0.0 <= result.score <= 1.0 and result.correct == (result.score == 1.0)


@given(typed=st.lists(st.text(max_size=10), max_size=4))
def test_cloze_scores_stay_in_range(typed: list[str]) -> None:
    question = ClozeQuestion(
        id="x",
        prompt="p",
        explanation="e",
        text="{{a}} {{b}}",
        parts=("", Blank(("alpha",)), " ", Blank(("beta", "b")), ""),
    )
    result = grade(question, typed)
    assert 0.0 <= result.score <= 1.0


@given(data=st.data())
def test_every_type_scores_stay_in_range_for_any_response(bank: Bank, data: st.DataObject) -> None:
    question = data.draw(st.sampled_from(bank.questions))
    choices = display_choices(question, 1) or ["x"]
    response = data.draw(
        st.one_of(
            st.none(),
            st.booleans(),
            st.text(max_size=20),
            st.integers(),
            st.floats(allow_nan=True),
            st.lists(st.sampled_from(choices), max_size=6),
            st.lists(st.text(max_size=5), max_size=4),
            st.dictionaries(st.text(max_size=5), st.sampled_from(choices), max_size=4),
        )
    )
    result = grade(question, response)
    assert 0.0 <= result.score <= 1.0
    assert result.correct == (result.score >= 1.0)


@given(value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), grouped=st.booleans())
def test_numbers_read_back(value: float, grouped: bool) -> None:
    value = round(value, 2)
    text = f"{value:,.2f}" if grouped else f"{value:.2f}"
    assert parse_number(text) == pytest.approx(value)
