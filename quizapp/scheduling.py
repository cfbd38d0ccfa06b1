"""Spaced repetition with FSRS: a rating from each answer, and the card state to store."""

from __future__ import annotations

import hashlib
import statistics
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from quizapp.grading import Grade

# A right answer much slower than usual was hard; much faster, easy (after enough answers to know).
SLOW_FACTOR = 1.5
FAST_FACTOR = 0.5
MIN_TIMES = 5

_scheduler = Scheduler()

SELF_RATINGS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}


def card_id(bank_id: str, question_id: str) -> int:
    """A stable id for a question's card (fsrs sleeps to invent one when none is given)."""
    digest = hashlib.sha256(f"{bank_id}\x00{question_id}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def rating_for(grade: Grade, elapsed_ms: int, usual_ms: list[int], self_rating: str | None = None) -> Rating:
    """Wrong is Again; right is Good, or Hard/Easy from the time against the learner's usual time."""
    if not grade.correct:
        return Rating.Again
    if self_rating in SELF_RATINGS:
        return SELF_RATINGS[self_rating]
    if len(usual_ms) >= MIN_TIMES:
        usual = statistics.median(usual_ms)
        if elapsed_ms > usual * SLOW_FACTOR:
            return Rating.Hard
        if elapsed_ms < usual * FAST_FACTOR:
            return Rating.Easy
    return Rating.Good


def review(state: str | None, bank_id: str, question_id: str, rating: Rating, now: datetime) -> tuple[str, str]:
    """The card after this review: (due as ISO UTC text, state JSON)."""
    card = Card.from_json(state) if state else Card(card_id=card_id(bank_id, question_id), due=now)
    card, _ = _scheduler.review_card(card, rating, review_datetime=now.astimezone(UTC))
    return card.due.astimezone(UTC).isoformat(timespec="milliseconds"), card.to_json()
