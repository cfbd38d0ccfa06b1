"""A learner's statistics: accuracy by bank, topic, type and difficulty, days, streak, forecast, weakest questions."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta

from quizapp.loader import Library
from quizapp.records import Records


@dataclass
class Tally:
    """How many answers, and how many of them right."""

    answered: int = 0
    right: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answered if self.answered else None

    def add(self, answered: int, right: int) -> None:
        self.answered += answered
        self.right += right


@dataclass
class WeakQuestion:
    bank_id: str
    question_id: str
    prompt: str
    answered: int
    right: int
    edited: bool


@dataclass
class ProfileStats:
    """Everything the statistics screen and `quizapp stats` show for one learner."""

    profile: str
    seen: int = 0
    total: Tally = field(default_factory=Tally)
    by_bank: dict[str, Tally] = field(default_factory=dict)
    by_topic: dict[str, Tally] = field(default_factory=dict)
    by_type: dict[str, Tally] = field(default_factory=dict)
    by_difficulty: dict[int, Tally] = field(default_factory=dict)
    days: list[tuple[str, int, int]] = field(default_factory=list)  # (ISO day, answered, right)
    streak: int = 0
    due_today: int = 0
    forecast: list[tuple[str, int]] = field(default_factory=list)  # (ISO day, due)
    weakest: list[WeakQuestion] = field(default_factory=list)
    exams: list[tuple[str, float]] = field(default_factory=list)  # (finished, score)
    edited: int = 0  # questions answered before their last edit
    removed: int = 0  # questions answered that are no longer in any loaded bank

    def to_json(self) -> str:
        def tallies(d: dict) -> dict:
            return {str(k): {"answered": t.answered, "right": t.right, "accuracy": t.accuracy} for k, t in d.items()}

        data = asdict(self)
        data["total"] = {"answered": self.total.answered, "right": self.total.right, "accuracy": self.total.accuracy}
        for key in ("by_bank", "by_topic", "by_type", "by_difficulty"):
            data[key] = tallies(getattr(self, key))
        data["days"] = [{"day": d, "answered": a, "right": r} for d, a, r in self.days]
        data["forecast"] = [{"day": d, "due": n} for d, n in self.forecast]
        data["exams"] = [{"finished": f, "score": s} for f, s in self.exams]
        return json.dumps(data, ensure_ascii=False, indent=2)


def _streak(days_with_answers: set[str], today: date) -> int:
    """Days in a row with answers, ending today (or yesterday, when today has none yet)."""
    day = today if today.isoformat() in days_with_answers else today - timedelta(days=1)
    count = 0
    while day.isoformat() in days_with_answers:
        count += 1
        day -= timedelta(days=1)
    return count


def profile_stats(
    records: Records,
    profile_id: int,
    library: Library | None = None,
    now: datetime | None = None,
    days: int = 30,
    forecast_days: int = 7,
    weakest: int = 10,
) -> ProfileStats:
    now = now or datetime.now(UTC)
    today = now.astimezone(UTC).date()
    profile = records.profile(profile_id)
    stats = ProfileStats(profile=profile.name if profile else "")
    db = records.db
    banks = {bank.id: bank for bank in library.banks} if library is not None else {}
    weak: list[tuple[float, int, str, str, int, int, str]] = []
    for bank_id, question_id, answered, right, fingerprint in db.execute(
        "SELECT bank_id, question_id, answered, right, last_fingerprint FROM question_totals WHERE profile_id = ?",
        (profile_id,),
    ):
        stats.seen += 1
        stats.total.add(answered, right)
        stats.by_bank.setdefault(bank_id, Tally()).add(answered, right)
        bank = banks.get(bank_id)
        question = bank.question(question_id) if bank is not None else None
        if question is None:
            stats.removed += 1
        else:
            topic = bank.topic_title(question.topic) if question.topic else ""  # type: ignore[union-attr]
            stats.by_topic.setdefault(topic, Tally()).add(answered, right)
            stats.by_type.setdefault(question.type, Tally()).add(answered, right)
            stats.by_difficulty.setdefault(question.difficulty, Tally()).add(answered, right)
            if question.fingerprint() != fingerprint:
                stats.edited += 1
        if answered >= 2 and right < answered:
            weak.append((right / answered, -answered, bank_id, question_id, answered, right, fingerprint))
    for _, _, bank_id, question_id, answered, right, fingerprint in sorted(weak)[:weakest]:
        bank = banks.get(bank_id)
        question = bank.question(question_id) if bank is not None else None
        prompt = question.prompt if question is not None else f"{bank_id}/{question_id}"
        edited = question is not None and question.fingerprint() != fingerprint
        stats.weakest.append(WeakQuestion(bank_id, question_id, prompt, answered, right, edited))

    first = (today - timedelta(days=days - 1)).isoformat()
    by_day = dict(
        (day, (answered, right))
        for day, answered, right in db.execute(
            "SELECT day, answered, right FROM day_totals WHERE profile_id = ? AND day >= ?", (profile_id, first)
        )
    )
    stats.days = [
        (day, *by_day.get(day, (0, 0)))
        for day in ((today - timedelta(days=days - 1 - i)).isoformat() for i in range(days))
    ]
    answered_days = {
        day for (day,) in db.execute("SELECT day FROM day_totals WHERE profile_id = ? AND answered > 0", (profile_id,))
    }
    stats.streak = _streak(answered_days, today)

    end_of_today = datetime.combine(today, datetime.max.time(), UTC)
    horizon = end_of_today + timedelta(days=forecast_days - 1)
    due = dict(records.due_forecast(profile_id, horizon))
    overdue = sum(n for day, n in due.items() if day < today.isoformat())
    stats.forecast = []
    for i in range(forecast_days):
        day = (today + timedelta(days=i)).isoformat()
        stats.forecast.append((day, due.get(day, 0) + (overdue if i == 0 else 0)))
    stats.due_today = stats.forecast[0][1] if stats.forecast else 0
    stats.exams = [
        (finished, score)
        for finished, score in db.execute(
            "SELECT finished, score FROM sessions WHERE profile_id = ? AND mode = 'exam' AND finished IS NOT NULL "
            "AND score IS NOT NULL ORDER BY finished",
            (profile_id,),
        )
    ]
    return stats
