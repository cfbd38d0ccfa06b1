"""A built wheel carries the bundled banks and assets, and runs from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (path,) = out.glob("quizapp-*.whl")
    return path


def test_wheel_holds_banks_assets_and_schema(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    banks = [n for n in names if n.startswith("quizapp/questions/") and n.endswith(".yaml")]
    bundled = sorted(p.name for p in (REPO / "questions").glob("*.yaml"))
    assert sorted(Path(n).name for n in banks) == bundled
    assert "quizapp/questions/FORMAT.md" in names
    assert "quizapp/questions/bank.schema.json" in names
    assert "quizapp/assets/README.md" in names
    assert "quizapp/cli.py" in names and "quizapp/gui/app.py" in names


def test_installed_wheel_finds_its_bundled_banks_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    bundled = len(list((REPO / "questions").glob("*.yaml")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"all valid: {bundled} bank files" in result.stderr
    where = subprocess.run(
        [sys.executable, "-c", "import quizapp.paths as p; print(p.bundled_banks_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert where.stdout.strip() == str(site / "quizapp" / "questions")
