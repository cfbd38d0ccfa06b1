"""The core stays free of Qt, the code passes ruff, and every module says what it is for."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

CORE_MODULES = [
    "quizapp.model",
    "quizapp.loader",
    "quizapp.grading",
    "quizapp.textmatch",
    "quizapp.quotes",
    "quizapp.paths",
    "quizapp.cli",
]


def test_core_imports_no_qt() -> None:
    code = (
        f"import sys; import {', '.join(CORE_MODULES)}; "
        "bad = [m for m in sys.modules if m.startswith('PySide6')]; print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_core_file_imports_qt() -> None:
    for path in (REPO / "quizapp").rglob("*.py"):
        if "gui" in path.relative_to(REPO / "quizapp").parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            assert not any(n.split(".")[0] == "PySide6" for n in names), f"{path} imports Qt"


def test_every_module_opens_with_a_docstring() -> None:
    for path in [
        *(REPO / "quizapp").rglob("*.py"),
        *(REPO / "tests").glob("*.py"),
        *(REPO / "benchmarks").glob("*.py"),
    ]:
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert docstring, f"{path} has no module docstring"


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff is not None, "ruff is part of the test extras: pip install -e '.[test]'"
    result = subprocess.run([ruff, "check", "quizapp", "tests", "benchmarks"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout
