"""Benchmark: recording an answer, a learner's statistics, and building a review, with 1,000,000 attempts."""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.loader import Library
from quizapp.model import Bank, ShortQuestion, SingleQuestion, Topic
from quizapp.records import Records, iso
from quizapp.scheduling import Rating, review
from quizapp.sessions import SessionMode, SessionSpec, start_session
from quizapp.stats import profile_stats

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def build_library(questions: int) -> Library:
    topics = tuple(Topic(f"t{i}", f"Topic {i}") for i in range(10))
    items = []
    for i in range(questions):
        common = {
            "id": f"q{i:05d}",
            "prompt": f"Question {i}?",
            "explanation": "Because.",
            "topic": f"t{i % 10}",
            "difficulty": 1 + i % 3,
            "tags": ("date",),
        }
        if i % 2:
            items.append(SingleQuestion(**common, choices=("a", "b", "c"), answer="a"))
        else:
            items.append(ShortQuestion(**common, answers=("Hanoi",)))
    bank = Bank(
        id="big",
        title="Big bank",
        language="en",
        version="1",
        path=Path("big.yaml"),
        topics=topics,
        questions=tuple(items),
    )
    return Library(banks=[bank])


def fill(records: Records, library: Library, profile_id: int, attempts: int, cards: int) -> None:
    """Bulk-load a long history in one transaction, keeping the running totals consistent."""
    rng = random.Random(7)
    bank = library.banks[0]
    questions = bank.questions
    fingerprints = {q.id: q.fingerprint() for q in questions}
    totals: dict[str, list] = {}
    days: dict[str, list[int]] = {}
    rows = []
    start = NOW - timedelta(days=400)
    for i in range(attempts):
        question = questions[rng.randrange(len(questions))]
        when = start + timedelta(seconds=i * 400 * 86400 // attempts)
        correct = rng.random() < 0.7
        stamp = iso(when)
        rows.append(
            (
                profile_id,
                None,
                "practice",
                bank.id,
                "1",
                question.id,
                fingerprints[question.id],
                '"x"',
                1.0 if correct else 0.0,
                int(correct),
                3000,
                stamp,
            )
        )
        total = totals.setdefault(question.id, [0, 0, 0.0, 0, "", ""])
        total[0] += 1
        total[1] += int(correct)
        total[2] += float(correct)
        total[3], total[4], total[5] = int(correct), fingerprints[question.id], stamp
        day = days.setdefault(stamp[:10], [0, 0])
        day[0] += 1
        day[1] += int(correct)
    with records.transaction() as db:
        db.executemany(
            "INSERT INTO attempts (profile_id, session_id, mode, bank_id, bank_version, question_id,"
            " fingerprint, response, score, correct, elapsed_ms, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.executemany(
            "INSERT INTO question_totals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(profile_id, bank.id, qid, *t) for qid, t in totals.items()],
        )
        db.executemany(
            "INSERT INTO day_totals VALUES (?, ?, ?, ?)", [(profile_id, day, a, r) for day, (a, r) in days.items()]
        )
        card_rows = []
        for question in questions[:cards]:
            reviewed = NOW - timedelta(days=rng.randrange(1, 60))
            due, state = review(None, bank.id, question.id, Rating.Good, reviewed)
            due = iso(reviewed + timedelta(days=rng.randrange(0, 90)))
            card_rows.append((profile_id, bank.id, question.id, due, state, iso(reviewed)[:10]))
        db.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?)", card_rows)


def timed(action, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--cards", type=int, default=20_000)
    args = parser.parse_args()
    library = build_library(max(args.cards, 20_000))
    bank = library.banks[0]
    with tempfile.TemporaryDirectory() as folder:
        records = Records.open(Path(folder))
        profile = records.create_profile("Benchmark").id
        started = time.perf_counter()
        fill(records, library, profile, args.attempts, args.cards)
        load_s = time.perf_counter() - started
        size = (Path(folder) / "quizapp.sqlite3").stat().st_size + (Path(folder) / "quizapp.sqlite3-wal").stat().st_size
        question = bank.questions[1]
        counter = iter(range(10**9))

        def record() -> None:
            records.record_attempt(
                profile_id=profile,
                bank_id=bank.id,
                bank_version="1",
                question_id=question.id,
                question_type=question.type,
                fingerprint=question.fingerprint(),
                response="a",
                score=1.0,
                correct=True,
                elapsed_ms=next(counter),
                mode="practice",
                now=NOW,
            )

        record_ms = timed(record, 300)
        stats_ms = timed(lambda: profile_stats(records, profile, library, NOW), 7)
        spec = SessionSpec(SessionMode.REVIEW, (bank.id,), daily_new_limit=20)
        review_ms = timed(lambda: start_session(records, library, profile, spec, NOW), 7)
        queue = len(start_session(records, library, profile, spec, NOW).queue)
        count = records.db.execute("SELECT count(*) FROM attempts").fetchone()[0]
        cards = records.db.execute("SELECT count(*) FROM cards").fetchone()[0]
    print(f"database: {count:,} attempts, {cards:,} review cards, {size / 2**20:.0f} MiB (filled in {load_s:.1f} s)")
    print(
        f"record one answer (committed, synchronous=FULL): median {statistics.median(record_ms):.2f} ms, "
        f"95th percentile {sorted(record_ms)[int(len(record_ms) * 0.95)]:.2f} ms (goal: median < 2 ms)"
    )
    print(
        f"full statistics for one profile:                 median {statistics.median(stats_ms):.1f} ms (goal < 200 ms)"
    )
    print(
        f"build a review session ({queue:,} due + new):       median {statistics.median(review_ms):.1f} ms "
        "(goal < 50 ms)"
    )


if __name__ == "__main__":
    main()
