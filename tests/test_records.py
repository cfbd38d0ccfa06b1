"""Learner records: schema versions, refusing newer or damaged files untouched, profiles, durable attempts."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.records import DB_NAME, SCHEMA_VERSION, DatabaseError, Records
from tests.conftest import REPO

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_a_new_database_has_the_schema_wal_and_foreign_keys(data_dir: Path) -> None:
    records = Records.open(data_dir)
    assert (data_dir / DB_NAME).exists()
    assert records.schema_version() == SCHEMA_VERSION
    assert records.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert records.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert records.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_migrates_from_an_empty_file_and_from_version_zero(data_dir: Path) -> None:
    (data_dir / DB_NAME).write_bytes(b"")
    assert Records.open(data_dir).schema_version() == SCHEMA_VERSION
    other = data_dir / "v0"
    other.mkdir()
    sqlite3.connect(other / DB_NAME).execute("CREATE TABLE unrelated (x)").connection.close()
    records = Records.open(other)
    assert records.schema_version() == SCHEMA_VERSION
    assert records.profiles() == []


def test_a_failing_migration_leaves_the_database_as_it_was(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizapp.records as module

    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk on fire")

    monkeypatch.setattr(module, "MIGRATIONS", [broken])
    with pytest.raises(DatabaseError):
        Records.open(data_dir)
    db = sqlite3.connect(data_dir / DB_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_a_newer_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    Records.open(data_dir).close()
    path = data_dir / DB_NAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    before = snapshot(path)
    with pytest.raises(DatabaseError) as caught:
        Records.open(data_dir)
    assert caught.value.kind == "newer"
    assert "newer version of quizapp" in str(caught.value) and str(path) in str(caught.value)
    assert snapshot(path) == before


@pytest.mark.parametrize(
    "content",
    [b"this is my shopping list, not a database\n" * 50, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["not-a-database", "garbage-after-header"],
)
def test_a_damaged_database_is_refused_left_untouched_and_can_be_started_afresh(data_dir: Path, content: bytes) -> None:
    path = data_dir / DB_NAME
    path.write_bytes(content)
    before = snapshot(path)
    with pytest.raises(DatabaseError) as caught:
        Records.open(data_dir)
    assert caught.value.kind == "damaged"
    message = str(caught.value)
    assert str(path) in message and "damaged" in message and "Start afresh" in message
    assert snapshot(path) == before
    aside = Records.start_afresh(data_dir, NOW)
    assert aside.name == f"{DB_NAME}.damaged-20261124-093000"
    assert aside.read_bytes() == content
    assert Records.open(data_dir).profiles() == []


def test_a_truncated_database_is_refused(data_dir: Path) -> None:
    records = Records.open(data_dir)
    profile = records.create_profile("Lan")
    for i in range(300):
        records.record_attempt(
            profile_id=profile.id,
            bank_id="b",
            bank_version="1",
            question_id=f"q{i}",
            question_type="short",
            fingerprint="f",
            response="x" * 200,
            score=1.0,
            correct=True,
            elapsed_ms=100,
            mode="practice",
            now=NOW,
        )
    records.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    records.close()
    path = data_dir / DB_NAME
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = snapshot(path)
    with pytest.raises(DatabaseError) as caught:
        Records.open(data_dir)
    assert caught.value.kind == "damaged"
    assert snapshot(path) == before


def test_profiles_create_rename_delete(data_dir: Path) -> None:
    records = Records.open(data_dir)
    lan = records.create_profile("  Nguyễn   Thị Lan ")
    assert lan.name == "Nguyễn Thị Lan"
    duc = records.create_profile("Đức")
    with pytest.raises(ValueError, match="already a learner called"):
        records.create_profile("đỨC")
    with pytest.raises(ValueError, match="cannot be empty"):
        records.create_profile("   ")
    records.rename_profile(duc.id, "Minh Đức")
    assert [p.name for p in records.profiles()] == ["Minh Đức", "Nguyễn Thị Lan"]
    with pytest.raises(ValueError):
        records.rename_profile(duc.id, "nguyễn thị lan")
    for profile in (lan, duc):
        records.record_attempt(
            profile_id=profile.id,
            bank_id="b",
            bank_version="1",
            question_id="q",
            question_type="short",
            fingerprint="f",
            response="x",
            score=1.0,
            correct=True,
            elapsed_ms=100,
            mode="practice",
            now=NOW,
        )
        records.set_setting("new_per_day", "7", profile.id)
    records.delete_profile(duc.id)
    assert [p.name for p in records.profiles()] == ["Nguyễn Thị Lan"]
    counts = {
        table: records.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("attempts", "question_totals", "day_totals", "settings")
    }
    assert counts == {"attempts": 1, "question_totals": 1, "day_totals": 1, "settings": 1}


ANSWERING_CHILD = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from quizapp.records import Records
records = Records.open(Path(sys.argv[1]))
profile = records.profile_by_name(sys.argv[2]) or records.create_profile(sys.argv[2])
for i in range(int(sys.argv[3])):
    attempt = records.record_attempt(
        profile_id=profile.id, bank_id="bank", bank_version="1", question_id=f"q{i % 50}", question_type="short",
        fingerprint="f", response=f"answer {i}", score=1.0, correct=i % 2 == 0, elapsed_ms=i,
        mode="practice", now=datetime.now(UTC))
    print(attempt, flush=True)
"""


def test_killing_the_process_loses_no_committed_attempt(data_dir: Path) -> None:
    Records.open(data_dir).create_profile("Lan")
    child = subprocess.Popen(
        [sys.executable, "-c", ANSWERING_CHILD, str(data_dir), "Lan", "1000000"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    committed: list[int] = []
    assert child.stdout is not None
    while len(committed) < 300:
        committed.append(int(child.stdout.readline()))
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    records = Records.open(data_dir)
    assert records.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in records.db.execute("SELECT id FROM attempts")}
    assert set(committed) <= stored
    total = records.db.execute("SELECT sum(answered) FROM question_totals").fetchone()[0]
    assert total == len(stored)  # the running totals moved in step with every stored attempt


def test_two_processes_answering_at_once(data_dir: Path) -> None:
    records = Records.open(data_dir)
    records.create_profile("Lan")
    records.create_profile("Minh")
    records.close()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", ANSWERING_CHILD, str(data_dir), name, "400"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for name in ("Lan", "Minh")
    ]
    outputs = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0], [err for _, err in outputs]
    records = Records.open(data_dir)
    assert records.db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 800
    per_profile = dict(
        records.db.execute(
            "SELECT p.name, sum(t.answered) FROM question_totals t JOIN profiles p ON p.id = t.profile_id GROUP BY 1"
        )
    )
    assert per_profile == {"Lan": 400, "Minh": 400}


def test_opening_does_not_wait_forever_when_another_copy_holds_a_write(data_dir: Path) -> None:
    records = Records.open(data_dir)
    records.create_profile("Lan")
    other = Records.open(data_dir)
    records.db.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.db.execute("PRAGMA busy_timeout = 200")
        other.create_profile("Minh")
    assert time.monotonic() - started < 5
    records.db.execute("ROLLBACK")
    other.db.execute("PRAGMA busy_timeout = 5000")
    assert other.create_profile("Minh").name == "Minh"
