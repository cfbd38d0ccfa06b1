"""The `quizapp` command: start the app, validate banks, list them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp import __version__
from quizapp.paths import DATA_DIR_VARIABLE, bundled_banks_dir, data_dir, user_banks_dir

if TYPE_CHECKING:
    from quizapp.loader import Library

# The core (YAML, the model) is imported inside the commands that need it, so that starting the
# desktop app shows its window before anything else is loaded.

COMMANDS = ("validate", "list", "stats", "export", "gui")


def library_locations(data: Path, extra: Sequence[str] = ()) -> list[Path]:
    """Where banks come from: the bundled ones, the user's folder (if any), and named paths."""
    locations = [bundled_banks_dir()]
    user = user_banks_dir(data)
    if user.is_dir():
        locations.append(user)
    locations.extend(Path(p) for p in extra)
    return locations


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="A desktop quiz app: practise, take exams and review with spaced repetition.",
        epilog="With no command, quizapp starts the desktop app (on any bank files or folders named).",
    )
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep all of the user's data in DIR (also ${DATA_DIR_VARIABLE}); "
        "default: the platform's user data folder",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help="start the desktop app (the default)")
    gui.add_argument("paths", nargs="*", metavar="PATH", help="more bank files or folders to open")

    validate = commands.add_parser(
        "validate",
        help="check bank files and report every problem as path:line:column: message",
        description="Check bank files. Exits 0 when all are valid, 1 when any problem is found.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="bank files or folders (default: the bundled banks)")
    validate.add_argument(
        "--sources",
        metavar="DIR",
        help="also check that every quote stands in its source's text file in DIR",
    )

    listing = commands.add_parser("list", help="list the banks found, with question counts")
    listing.add_argument("paths", nargs="*", metavar="PATH", help="more bank files or folders")

    stats = commands.add_parser("stats", help="a learner's statistics: accuracy, progress, streak, what is due")
    stats.add_argument("--profile", metavar="NAME", help="the learner (default: the only one)")
    stats.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")

    export = commands.add_parser("export", help="write every attempt as CSV, for a teacher's spreadsheet")
    export.add_argument("--attempts", metavar="FILE.csv", required=True, help="the CSV file to write")
    export.add_argument("--profile", metavar="NAME", help="only this learner (default: everyone)")
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """Insert `gui` when the first word is not a command, so `quizapp bank.yaml` opens the app."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--data-dir":
            index += 2
            continue
        if word.startswith("-"):
            index += 1
            continue
        if word not in COMMANDS:
            return [*argv[:index], "gui", *argv[index:]]
        return argv
    return [*argv, "gui"]


def run_validate(paths: Sequence[str], sources: str | None) -> int:
    from quizapp.loader import display_path, load_library
    from quizapp.quotes import SourceTexts, check_quotes

    locations = [Path(p) for p in paths] or [bundled_banks_dir()]
    texts = None
    if sources is not None:
        folder = Path(sources)
        if not folder.is_dir():
            print(f"quizapp validate: the sources folder {sources} does not exist", file=sys.stderr)
            return 2
        texts = SourceTexts(folder)
    library = load_library(locations)
    problems = list(library.problems)
    quotes = 0
    if texts is not None:
        for result in library.results:
            if result.bank is not None:
                quotes += sum(1 for q in result.bank.questions if q.source is not None)
                problems.extend(check_quotes(result.bank, texts, display_path(result.path)))
    for problem in problems:
        print(problem)
    files = len(library.results)
    questions = sum(len(b.questions) for b in library.banks)
    checked = f", {quotes} quotes checked against {sources}" if texts is not None else ""
    if files == 0 and not problems:
        print("quizapp validate: no bank files found", file=sys.stderr)
        return 1
    summary = f"{files} bank files, {questions} questions in the valid ones{checked}"
    if problems:
        print(f"{len(problems)} problems; {summary}", file=sys.stderr)
        return 1
    print(f"all valid: {summary}", file=sys.stderr)
    return 0


def format_library(library: Library) -> str:
    from quizapp.loader import display_path
    from quizapp.model import QUESTION_TYPES

    lines: list[str] = []
    for bank in library.banks:
        lines.append(f"{bank.id}  {bank.title}  ({len(bank.questions)} questions, {bank.language}, v{bank.version})")
        lines.append(f"  file: {display_path(bank.path)}")
        by_type = bank.count_by_type()
        types = ", ".join(f"{t} {by_type[t]}" for t in QUESTION_TYPES if t in by_type)
        lines.append(f"  by type: {types}")
        by_topic = bank.count_by_topic()
        if bank.topics or "" in by_topic:
            lines.append("  by topic:")
            for topic in bank.topics:
                lines.append(f"    {by_topic.get(topic.id, 0):4d}  {topic.title}")
            if "" in by_topic:
                lines.append(f"    {by_topic['']:4d}  (no topic)")
    if library.problems:
        lines.append(f"{len(library.problems)} problems; banks with problems are skipped:")
        lines.extend(f"  {p}" for p in library.problems)
    if not library.banks and not library.problems:
        lines.append("no banks found")
    return "\n".join(lines)


def _open_records(data: Path):
    from quizapp.records import DatabaseError, Records

    try:
        return Records.open(data)
    except DatabaseError as error:
        print(f"quizapp: {error}", file=sys.stderr)
        return None


def _pick_profile(records, name: str | None):
    profiles = records.profiles()
    if name is not None:
        profile = records.profile_by_name(name)
        if profile is None:
            known = ", ".join(p.name for p in profiles) or "none yet"
            print(f"quizapp: there is no learner called {name!r} (learners: {known})", file=sys.stderr)
        return profile
    if len(profiles) == 1:
        return profiles[0]
    if not profiles:
        print("quizapp: there are no learners yet: start the app and create one", file=sys.stderr)
    else:
        names = ", ".join(p.name for p in profiles)
        print(f"quizapp: choose a learner with --profile NAME (learners: {names})", file=sys.stderr)
    return None


def _percent(value: float | None) -> str:
    return "\u2013" if value is None else f"{value:.0%}"


def format_stats(stats) -> str:
    lines = [
        f"{stats.profile}: {stats.seen} questions seen, {stats.total.answered} answers, "
        f"{_percent(stats.total.accuracy)} right",
        f"study streak: {stats.streak} days; due today: {stats.due_today}",
    ]
    if stats.edited or stats.removed:
        lines.append(
            f"({stats.edited} questions were edited since they were answered; "
            f"{stats.removed} answered questions are no longer in the banks)"
        )
    for title, table in (
        ("by bank", stats.by_bank),
        ("by topic", stats.by_topic),
        ("by type", stats.by_type),
        ("by difficulty", stats.by_difficulty),
    ):
        if table:
            lines.append(f"{title}:")
            for key, tally in sorted(table.items(), key=lambda kv: str(kv[0])):
                lines.append(f"  {tally.answered:6d} answers  {_percent(tally.accuracy):>5}  {key or '(no topic)'}")
    active = [(d, a, r) for d, a, r in stats.days if a]
    if active:
        lines.append("by day:")
        lines.extend(f"  {day}  {a:5d} answers  {_percent(r / a):>5}" for day, a, r in active)
    lines.append("review forecast: " + ", ".join(f"{day[5:]} {n}" for day, n in stats.forecast))
    if stats.weakest:
        lines.append("weakest questions:")
        lines.extend(
            f"  {w.right}/{w.answered}  {w.prompt[:70]}" + ("  (edited since)" if w.edited else "")
            for w in stats.weakest
        )
    if stats.exams:
        lines.append("exams:")
        lines.extend(f"  {when[:16].replace('T', ' ')}  {_percent(score)}" for when, score in stats.exams)
    return "\n".join(lines)


def run_stats(data: Path, profile_name: str | None, as_json: bool) -> int:
    from quizapp.loader import load_library
    from quizapp.stats import profile_stats

    records = _open_records(data)
    if records is None:
        return 1
    profile = _pick_profile(records, profile_name)
    if profile is None:
        return 1
    library = load_library(library_locations(data))
    stats = profile_stats(records, profile.id, library)
    print(stats.to_json() if as_json else format_stats(stats))
    return 0


def run_export(data: Path, target: str, profile_name: str | None) -> int:
    import csv

    from quizapp.loader import load_library

    records = _open_records(data)
    if records is None:
        return 1
    profile_id = None
    if profile_name is not None:
        profile = _pick_profile(records, profile_name)
        if profile is None:
            return 1
        profile_id = profile.id
    library = load_library(library_locations(data))
    columns = [
        "profile",
        "bank",
        "bank_version",
        "question",
        "fingerprint",
        "edited_since",
        "response",
        "score",
        "correct",
        "ms",
        "session",
        "mode",
        "answered_at",
    ]
    count = 0
    try:
        with open(target, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(columns)
            for row in records.attempts(profile_id):
                bank = library.bank(row["bank_id"])
                question = bank.question(row["question_id"]) if bank is not None else None
                edited = "" if question is None else ("yes" if question.fingerprint() != row["fingerprint"] else "no")
                writer.writerow(
                    [
                        row["profile"],
                        row["bank_id"],
                        row["bank_version"],
                        row["question_id"],
                        row["fingerprint"],
                        edited,
                        row["response"],
                        row["score"],
                        row["correct"],
                        row["elapsed_ms"],
                        row["session_id"] or "",
                        row["mode"],
                        row["answered_at"],
                    ]
                )
                count += 1
    except OSError as error:
        print(f"quizapp export: cannot write {target}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {count} attempts to {target}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run quizapp with the given arguments (default: the process's) and return the exit code."""
    args = build_parser().parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv)))
    data = data_dir(args.data_dir)
    if args.command == "validate":
        return run_validate(args.paths, args.sources)
    if args.command == "stats":
        return run_stats(data, args.profile, args.json)
    if args.command == "export":
        return run_export(data, args.attempts, args.profile)
    if args.command == "list":
        from quizapp.loader import load_library

        print(format_library(load_library(library_locations(data, args.paths))))
        return 0
    from quizapp.gui.app import run_app  # the GUI is imported only when it is needed

    return run_app(data, library_locations(data, args.paths))
