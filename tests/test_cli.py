"""The command line as a user runs it: validate, list, version, help and the data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp import __version__
from quizapp.cli import main
from quizapp.paths import data_dir
from tests.conftest import FIXTURES, REPO, write_bank

VALID = FIXTURES / "valid"


def run(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_validate_valid_bank_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(VALID / "every_type.yaml")]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "all valid: 1 bank files, 9 questions" in err


def test_validate_reports_every_problem_and_exits_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_bank(
        tmp_path,
        """\
        - id: a
          type: singel
          prompt: P
          explanation: E
        - id: b
          type: true_false
          prompt: P
          answer: maybe
          explanation: E
        """,
    )
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}:15:11: unknown question type 'singel' (did you mean 'single'?); the types are: single, multiple, "
        "true_false, short, numeric, ordering, matching, cloze",
        f"{path}:21:13: 'answer' must be true or false, not text; write true or false without quotes",
    ]


def test_validate_sources_reports_a_quote_that_is_not_in_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(VALID, tmp_path, dirs_exist_ok=True)
    bank = tmp_path / "every_type.yaml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("(October 17, 1945)", "(October 18, 1945)"), encoding="utf-8"
    )
    assert main(["validate", str(bank), "--sources", str(VALID)]) == 1
    out = capsys.readouterr().out
    assert out == (f"{bank}:39:14: the quote of question 'single-first-org' does not stand in history.txt\n")
    assert main(["validate", str(VALID), "--sources", str(VALID)]) == 0


def test_validate_sources_names_a_missing_source_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(VALID), "--sources", str(tmp_path)]) == 1
    assert f"the text of source 'history' (history.txt) is not in {tmp_path}" in capsys.readouterr().out


def test_validate_missing_sources_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(VALID), "--sources", "/nonexistent/sources"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_list_shows_counts_by_type_and_topic(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(VALID)]) == 0
    out = capsys.readouterr().out
    assert "every-type  Every question type  (9 questions, en, v1.0)" in out
    assert "by type: single 1, multiple 1, true_false 1, short 1, numeric 2, ordering 1, matching 1, cloze 1" in out
    assert "   1  Founding, 1930 to 1945" in out and "   6  (no topic)" in out


def test_list_includes_the_users_banks_folder(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_dir / "banks").mkdir()
    write_bank(
        data_dir / "banks", "- {id: a, type: true_false, prompt: P, answer: true, explanation: E}", name="mine.yaml"
    )
    assert main(["list"]) == 0
    assert "test-bank  Test bank  (1 questions" in capsys.readouterr().out


def test_data_dir_option_and_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path / "from-env"))
    assert data_dir() == tmp_path / "from-env"
    assert data_dir(str(tmp_path / "from-option")) == tmp_path / "from-option"
    monkeypatch.delenv("QUIZAPP_DATA_DIR")
    assert data_dir().name == "quizapp"


def test_version_and_help_from_a_real_process() -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"quizapp {__version__}"
    for command in ("validate", "list", "gui"):
        help_ = run(command, "--help")
        assert help_.returncode == 0 and help_.stdout.startswith(f"usage: quizapp {command}")
    top = run("--help")
    assert "validate" in top.stdout and "--data-dir" in top.stdout


def test_validate_from_a_real_process_exit_codes(tmp_path: Path) -> None:
    good = run("validate", str(VALID))
    assert good.returncode == 0, good.stdout + good.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("- not a bank\n")
    result = run("validate", str(bad))
    assert result.returncode == 1 and result.stdout.startswith(f"{bad}:1:1: a bank must be a mapping")
    assert "Traceback" not in result.stdout + result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    # An unknown word is taken as a bank path for the app; a bad option is a usage error.
    result = run("validate", "--no-such-option")
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr
