"""Benchmark: loading and validating a 10,000-question bank against a bare CSafeLoader parse of it."""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from quizapp.loader import load_bank

WORDS = (
    "people diplomacy friendship association committee peace solidarity resistance congress "
    "organisation integration renewal platform delegation movement cooperation partners support"
).split()


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def question(rng: random.Random, index: int) -> str:
    kind = ("single", "multiple", "true_false", "short", "numeric", "ordering", "matching", "cloze")[index % 8]
    lines = [
        f"  - id: q{index:05d}",
        f"    type: {kind}",
        f'    prompt: "{sentence(rng, 14)}"',
        f"    explanation: >-\n      {sentence(rng, 30)}",
        f"    topic: t{index % 10}",
        "    tags: [date, organisation]",
        f"    difficulty: {1 + index % 3}",
        f'    source:\n      id: s1\n      quote: "{sentence(rng, 25)}"',
    ]
    choices = [f"Choice {c} {sentence(rng, 4)}" for c in "abcd"]
    if kind in ("single", "multiple"):
        lines.append("    choices:\n" + "\n".join(f'      - "{c}"' for c in choices))
        if kind == "single":
            lines.append(f'    answer: "{choices[0]}"')
        else:
            lines.append(f'    answers: ["{choices[0]}", "{choices[1]}"]')
        lines.append("    why_not:\n" + "\n".join(f'      "{c}": "{sentence(rng, 10)}"' for c in choices[2:]))
    elif kind == "true_false":
        lines.append(f"    answer: {str(index % 2 == 0).lower()}")
    elif kind == "short":
        lines.append("    answers: [Điện Biên Phủ, Dien Bien Phu]\n    typo_tolerance: 1")
    elif kind == "numeric":
        lines.append(f"    answer: {rng.randint(1000, 10**9)}\n    tolerance: 10\n    unit: US$")
    elif kind == "ordering":
        lines.append("    items:\n" + "\n".join(f'      - "{c}"' for c in choices))
    elif kind == "matching":
        lines.append(
            "    pairs:\n"
            + "\n".join(f'      - left: "{c}"\n        right: "{1945 + i}"' for i, c in enumerate(choices))
        )
    else:
        lines.append('    text: "proactive, {{flexible}}, creative, and {{effective|efficient}}"')
    return "\n".join(lines)


def build_bank(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    header = [
        "format: 1",
        "id: synthetic",
        "title: Synthetic benchmark bank",
        "language: en",
        'version: "1.0"',
        "sources:",
        '  - {id: s1, title: A source, date: "2025"}',
        "topics:",
        *(f"  - {{id: t{i}, title: Topic {i}}}" for i in range(10)),
        "questions:",
    ]
    return "\n".join(header + [question(rng, i) for i in range(count)]) + "\n"


def best_of(repeats: int, action: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.yaml"
        path.write_text(build_bank(args.questions), encoding="utf-8")
        size = path.stat().st_size
        result = load_bank(path)
        assert result.bank is not None and not result.errors, result.errors[:3]
        assert len(result.bank.questions) == args.questions

        def bare() -> None:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def validated() -> None:
            load_bank(path)

        # Alternate the two so that neither profits from a warmer machine.
        bare_times, load_times = [], []
        for _ in range(args.repeats):
            bare_times.append(best_of(1, bare)[0])
            load_times.append(best_of(1, validated)[0])
    bare_median, load_median = statistics.median(bare_times), statistics.median(load_times)
    print(f"bank: {args.questions:,} questions of 8 types, {size / 2**20:.1f} MiB")
    print(f"bare yaml.load(CSafeLoader): median {bare_median:.3f} s (best {min(bare_times):.3f} s)")
    print(f"quizapp load + validate:     median {load_median:.3f} s (best {min(load_times):.3f} s)")
    print(f"ratio (goal <= 1.5):         {load_median / bare_median:.2f}")


if __name__ == "__main__":
    main()
