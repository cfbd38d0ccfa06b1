"""The `quizapp` command: start the app, validate banks, list them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from quizapp import __version__
from quizapp.loader import Library, display_path, load_library
from quizapp.model import QUESTION_TYPES
from quizapp.paths import DATA_DIR_VARIABLE, bundled_banks_dir, data_dir, user_banks_dir
from quizapp.quotes import SourceTexts, check_quotes

COMMANDS = ("validate", "list", "gui")


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run quizapp with the given arguments (default: the process's) and return the exit code."""
    args = build_parser().parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv)))
    data = data_dir(args.data_dir)
    if args.command == "validate":
        return run_validate(args.paths, args.sources)
    if args.command == "list":
        print(format_library(load_library(library_locations(data, args.paths))))
        return 0
    from quizapp.gui.app import run_app  # the GUI is imported only when it is needed

    return run_app(data, library_locations(data, args.paths))
