"""Untrusted bank files: refused quickly and safely, each with a message and never a traceback."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from quizapp.loader import MAX_FILE_BYTES, load_bank

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
questions: *i
"""


def only_error(path: Path) -> tuple[int, int, str]:
    result = load_bank(path)
    assert result.bank is None
    assert len(result.errors) == 1, result.errors
    error = result.errors[0]
    assert error.path == str(path)
    return error.line, error.column, error.message


def test_billion_laughs_is_refused_fast_and_small(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(BILLION_LAUGHS)
    tracemalloc.start()
    started = time.perf_counter()
    _line, _column, message = only_error(path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert message == "anchors and aliases (&name, *name) are not allowed in a bank"
    assert elapsed < 1.0 and peak < 20 * 2**20


def test_a_single_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("title: &t Hello\ndescription: *t\n")
    assert only_error(path) == (1, 8, "anchors and aliases (&name, *name) are not allowed in a bank")


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['echo hacked > {marker}']",
        "!!python/name:os.system",
        "!custom {a: 1}",
        "!!binary aGVsbG8=",
    ],
)
def test_tags_are_refused_and_nothing_runs(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "marker"
    path = tmp_path / "tag.yaml"
    path.write_text("id: x\ntitle: " + payload.replace("{marker}", str(marker)) + "\n")
    line, column, message = only_error(path)
    assert (line, column) == (2, 8)
    assert message.startswith("the tag '") and message.endswith("' is not allowed in a bank")
    assert not marker.exists()


@pytest.mark.parametrize("depth", [40, 900, 20_000])
def test_deep_nesting_is_refused_fast(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("questions: " + "[" * depth + "]" * depth + "\n")
    started = time.perf_counter()
    _line, _column, message = only_error(path)
    assert time.perf_counter() - started < 1.0
    assert "nest" in message


def test_block_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("questions:\n" + "- " * 50 + "x\n")
    assert only_error(path)[2] == "nested more than 32 levels deep"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_error(path) == (1, 1, "this is not a text file (it holds binary data)")


def test_not_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\ntitle: Caf\u00e9\n".encode("latin-1"))
    assert only_error(path) == (2, 11, "this file is not UTF-8 text (byte 0xe9); save it as UTF-8")


def test_utf8_with_byte_order_mark_is_fine(tmp_path: Path) -> None:
    from tests.conftest import write_bank

    path = write_bank(tmp_path, "- {id: a, type: true_false, prompt: P, answer: true, explanation: E}")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_bank(path).bank is not None


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    assert only_error(path) == (1, 1, "the file is 16.0 MiB; a bank may be at most 16 MiB")


def test_half_written_file(tmp_path: Path) -> None:
    path = tmp_path / "half.yaml"
    path.write_text('format: 1\nid: x\ntitle: "Unfinished')
    line, _column, message = only_error(path)
    assert line == 3 and message.startswith("YAML syntax error: found unexpected end of stream")


def test_unreadable_path(tmp_path: Path) -> None:
    assert only_error(tmp_path)[2].startswith("cannot read the file: ")


def test_two_documents(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text("id: a\n---\nid: b\n")
    line, _column, message = only_error(path)
    assert (line, message) == (
        2,
        "YAML syntax error: expected a single document in the stream, but found another document",
    )
