"""Shared test set-up: headless Qt, a temporary data folder, and helpers to write banks."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent

BANK_HEADER = """\
format: 1
id: test-bank
title: Test bank
language: en
version: "1.0"
sources:
  - id: history
    title: History article
    date: "2025"
topics:
  - id: founding
    title: Founding
questions:
"""
# Lines in BANK_HEADER: a question written after it starts on this line.
FIRST_QUESTION_LINE = BANK_HEADER.count("\n") + 1


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; the user's real one is never touched."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(folder))
    return folder


def write_bank(folder: Path, questions: str, header: str = BANK_HEADER, name: str = "bank.yaml") -> Path:
    """Write a bank made of the standard header and the given questions (YAML, dedented)."""
    path = folder / name
    path.write_text(header + textwrap.indent(textwrap.dedent(questions).strip("\n"), "  ") + "\n", encoding="utf-8")
    return path
