"""The learner's records in SQLite: profiles, every attempt, review cards, sessions and settings."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DB_NAME = "quizapp.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000
_SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """The records cannot be opened; `kind` is "newer", "damaged" or "unreadable"."""

    def __init__(self, kind: str, path: Path, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path


@dataclass(frozen=True)
class Profile:
    """A learner on this computer."""

    id: int
    name: str
    created: str


def iso(moment: datetime) -> str:
    """A UTC time as sortable ISO 8601 text."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript would commit the migration's transaction half way."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    for statement in "\n".join(lines).split(";"):
        if statement.strip():
            db.execute(statement)


def _schema_v1(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            mode TEXT NOT NULL,
            spec TEXT NOT NULL,
            state TEXT NOT NULL,
            started TEXT NOT NULL,
            updated TEXT NOT NULL,
            finished TEXT,
            score REAL
        );
        CREATE INDEX sessions_by_profile ON sessions(profile_id, finished);
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
            mode TEXT NOT NULL,
            bank_id TEXT NOT NULL,
            bank_version TEXT NOT NULL,
            question_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            response TEXT NOT NULL,
            score REAL NOT NULL,
            correct INTEGER NOT NULL,
            elapsed_ms INTEGER NOT NULL,
            answered_at TEXT NOT NULL
        );
        CREATE INDEX attempts_by_profile ON attempts(profile_id, answered_at);
        CREATE INDEX attempts_by_session ON attempts(session_id);
        -- Running totals, kept in the same transaction as each attempt, so statistics never scan attempts.
        CREATE TABLE question_totals (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            answered INTEGER NOT NULL,
            right INTEGER NOT NULL,
            score REAL NOT NULL,
            last_correct INTEGER NOT NULL,
            last_fingerprint TEXT NOT NULL,
            last_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, bank_id, question_id)
        ) WITHOUT ROWID;
        CREATE TABLE day_totals (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            answered INTEGER NOT NULL,
            right INTEGER NOT NULL,
            PRIMARY KEY (profile_id, day)
        ) WITHOUT ROWID;
        CREATE TABLE type_times (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            question_type TEXT NOT NULL,
            times TEXT NOT NULL,
            PRIMARY KEY (profile_id, question_type)
        ) WITHOUT ROWID;
        CREATE TABLE cards (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            due TEXT NOT NULL,
            state TEXT NOT NULL,
            introduced TEXT NOT NULL,
            PRIMARY KEY (profile_id, bank_id, question_id)
        ) WITHOUT ROWID;
        CREATE INDEX cards_by_due ON cards(profile_id, due);
        CREATE INDEX cards_by_introduced ON cards(profile_id, introduced);
        CREATE TABLE settings (
            profile_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (profile_id, key)
        ) WITHOUT ROWID;
        """,
    )


# Migration N takes a database at version N-1 to version N. Append, never edit, to change the schema.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_schema_v1]
assert len(MIGRATIONS) == SCHEMA_VERSION


def _check_file(path: Path) -> None:
    """Refuse, without writing to it, a file that is not a healthy quizapp database of a known version."""
    afresh = (
        f'Your answers in that file are kept as they are. To start afresh, choose "Start afresh" in the app '
        f"(the file is then renamed, not deleted) or move {path.name} out of {path.parent}."
    )
    try:
        with path.open("rb") as f:
            header = f.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError("unreadable", path, f"Cannot read your records at {path}: {exc.strerror}.") from exc
    if not header:
        return  # an empty file becomes a new database
    if header != _SQLITE_HEADER:
        raise DatabaseError("damaged", path, f"Your records at {path} are damaged: this is not a database. {afresh}")
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError("damaged", path, f"Your records at {path} are damaged ({exc}). {afresh}") from exc
    if check != "ok":
        raise DatabaseError("damaged", path, f"Your records at {path} are damaged ({check}). {afresh}")
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            "newer",
            path,
            f"Your records at {path} were written by a newer version of quizapp (schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Update quizapp to open them; the file has not been changed.",
        )


class Records:
    """One learner-records database; every write is committed at once."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, data_dir: Path) -> Records:
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / DB_NAME
        if path.exists():
            _check_file(path)
        try:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")  # a committed answer survives a power cut too
            db.execute("PRAGMA foreign_keys = ON")
            records = cls(db, path)
            records._migrate()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError("damaged", path, f"Your records at {path} cannot be opened ({exc}).") from exc
        return records

    @staticmethod
    def start_afresh(data_dir: Path, now: datetime | None = None) -> Path:
        """Rename a damaged database aside (its bytes untouched, nothing overwritten); return the new name."""
        path = data_dir / DB_NAME
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{DB_NAME}.damaged-{stamp}")
        counter = 1
        while aside.exists():
            counter += 1
            aside = path.with_name(f"{DB_NAME}.damaged-{stamp}-{counter}")
        path.rename(aside)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(DB_NAME + suffix)
            if side.exists():
                side.rename(aside.with_name(aside.name + suffix))
        return aside

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:  # another copy of quizapp upgraded it meanwhile
            raise DatabaseError("newer", self.path, f"Your records at {self.path} need a newer version of quizapp.")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                current = self.db.execute("PRAGMA user_version").fetchone()[0]
                if current >= number:
                    continue
                MIGRATIONS[number - 1](self.db)
                self.db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed unit of work; BEGIN IMMEDIATE so that two copies of the app queue up."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- profiles -------------------------------------------------------------------------------

    @staticmethod
    def _name(name: str) -> tuple[str, str]:
        clean = " ".join(name.split())
        if not clean:
            raise ValueError("A learner's name cannot be empty.")
        if len(clean) > 60:
            raise ValueError("A learner's name can be at most 60 characters long.")
        return clean, clean.casefold()

    def profiles(self) -> list[Profile]:
        rows = self.db.execute("SELECT id, name, created FROM profiles ORDER BY name_key").fetchall()
        return [Profile(*row) for row in rows]

    def profile(self, profile_id: int) -> Profile | None:
        row = self.db.execute("SELECT id, name, created FROM profiles WHERE id = ?", (profile_id,)).fetchone()
        return Profile(*row) if row else None

    def profile_by_name(self, name: str) -> Profile | None:
        key = " ".join(name.split()).casefold()
        row = self.db.execute("SELECT id, name, created FROM profiles WHERE name_key = ?", (key,)).fetchone()
        return Profile(*row) if row else None

    def create_profile(self, name: str, now: datetime | None = None) -> Profile:
        clean, key = self._name(name)
        created = iso(now or datetime.now(UTC))
        try:
            with self.transaction() as db:
                cursor = db.execute(
                    "INSERT INTO profiles (name, name_key, created) VALUES (?, ?, ?)", (clean, key, created)
                )
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"There is already a learner called {clean}.") from exc
        return Profile(int(cursor.lastrowid or 0), clean, created)

    def rename_profile(self, profile_id: int, name: str) -> None:
        clean, key = self._name(name)
        try:
            with self.transaction() as db:
                db.execute("UPDATE profiles SET name = ?, name_key = ? WHERE id = ?", (clean, key, profile_id))
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"There is already a learner called {clean}.") from exc

    def delete_profile(self, profile_id: int) -> None:
        """Remove a learner and everything of theirs (and nothing of anyone else's)."""
        with self.transaction() as db:
            db.execute("DELETE FROM settings WHERE profile_id = ?", (profile_id,))
            db.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))

    # -- settings -------------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None, profile_id: int = 0) -> str | None:
        row = self.db.execute(
            "SELECT value FROM settings WHERE profile_id = ? AND key = ?", (profile_id, key)
        ).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str, profile_id: int = 0) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO settings (profile_id, key, value) VALUES (?, ?, ?) "
                "ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value",
                (profile_id, key, value),
            )

    # -- attempts -------------------------------------------------------------------------------

    def record_attempt(
        self,
        *,
        profile_id: int,
        bank_id: str,
        bank_version: str,
        question_id: str,
        question_type: str,
        fingerprint: str,
        response: Any,
        score: float,
        correct: bool,
        elapsed_ms: int,
        mode: str,
        now: datetime,
        session_id: int | None = None,
        card: tuple[str, str] | None = None,
        session_state: tuple[str, float | None, str | None] | None = None,
    ) -> int:
        """Store one answer durably, with the totals, the review card and the session's place, in one commit.

        `card` is (due, state JSON); `session_state` is (state JSON, score, finished) for `session_id`.
        """
        when = iso(now)
        day = when[:10]
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO attempts (profile_id, session_id, mode, bank_id, bank_version, question_id, fingerprint,"
                " response, score, correct, elapsed_ms, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    profile_id,
                    session_id,
                    mode,
                    bank_id,
                    bank_version,
                    question_id,
                    fingerprint,
                    json.dumps(response, ensure_ascii=False, default=list),
                    score,
                    int(correct),
                    max(0, int(elapsed_ms)),
                    when,
                ),
            )
            db.execute(
                "INSERT INTO question_totals VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?) "
                "ON CONFLICT (profile_id, bank_id, question_id) DO UPDATE SET answered = answered + 1, "
                "right = right + excluded.right, score = score + excluded.score, last_correct = excluded.last_correct,"
                " last_fingerprint = excluded.last_fingerprint, last_at = excluded.last_at",
                (profile_id, bank_id, question_id, int(correct), score, int(correct), fingerprint, when),
            )
            db.execute(
                "INSERT INTO day_totals VALUES (?, ?, 1, ?) ON CONFLICT (profile_id, day) DO UPDATE SET "
                "answered = answered + 1, right = right + excluded.right",
                (profile_id, day, int(correct)),
            )
            if correct:
                self._add_time(profile_id, question_type, elapsed_ms)
            if card is not None:
                db.execute(
                    "INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (profile_id, bank_id, question_id) "
                    "DO UPDATE SET due = excluded.due, state = excluded.state",
                    (profile_id, bank_id, question_id, card[0], card[1], day),
                )
            if session_state is not None and session_id is not None:
                self._save_session(session_id, *session_state, when)
        return int(cursor.lastrowid or 0)

    _TIMES_KEPT = 50

    def _add_time(self, profile_id: int, question_type: str, elapsed_ms: int) -> None:
        row = self.db.execute(
            "SELECT times FROM type_times WHERE profile_id = ? AND question_type = ?", (profile_id, question_type)
        ).fetchone()
        times = json.loads(row[0]) if row else []
        times = ([*times, int(elapsed_ms)])[-self._TIMES_KEPT :]
        self.db.execute(
            "INSERT INTO type_times VALUES (?, ?, ?) ON CONFLICT (profile_id, question_type) "
            "DO UPDATE SET times = excluded.times",
            (profile_id, question_type, json.dumps(times)),
        )

    def usual_times(self, profile_id: int, question_type: str) -> list[int]:
        """The learner's recent times (ms) for right answers to questions of a type."""
        row = self.db.execute(
            "SELECT times FROM type_times WHERE profile_id = ? AND question_type = ?", (profile_id, question_type)
        ).fetchone()
        return json.loads(row[0]) if row else []

    def attempts(self, profile_id: int | None = None) -> Iterator[sqlite3.Row]:
        """Every attempt, oldest first, with its learner's name (for exports)."""
        self.db.row_factory = sqlite3.Row
        try:
            query = (
                "SELECT a.*, p.name AS profile FROM attempts a JOIN profiles p ON p.id = a.profile_id"
                + (" WHERE a.profile_id = ?" if profile_id is not None else "")
                + " ORDER BY a.id"
            )
            yield from self.db.execute(query, (profile_id,) if profile_id is not None else ())
        finally:
            self.db.row_factory = None

    def session_attempts(self, session_id: int) -> list[tuple[str, str, Any, float, bool]]:
        rows = self.db.execute(
            "SELECT bank_id, question_id, response, score, correct FROM attempts WHERE session_id = ? ORDER BY id",
            (session_id,),
        ).fetchall()
        return [(b, q, json.loads(r), s, bool(c)) for b, q, r, s, c in rows]

    def wrong_last(self, profile_id: int, bank_ids: list[str]) -> set[tuple[str, str]]:
        """(bank id, question id) of the questions whose last answer by the learner was wrong."""
        marks = ",".join("?" * len(bank_ids))
        rows = self.db.execute(
            f"SELECT bank_id, question_id FROM question_totals WHERE profile_id = ? AND last_correct = 0 "
            f"AND bank_id IN ({marks})",
            (profile_id, *bank_ids),
        ).fetchall()
        return {(b, q) for b, q in rows}

    # -- review cards ---------------------------------------------------------------------------

    def card_state(self, profile_id: int, bank_id: str, question_id: str) -> str | None:
        row = self.db.execute(
            "SELECT state FROM cards WHERE profile_id = ? AND bank_id = ? AND question_id = ?",
            (profile_id, bank_id, question_id),
        ).fetchone()
        return row[0] if row else None

    def due_cards(self, profile_id: int, bank_ids: list[str], until: datetime) -> list[tuple[str, str]]:
        """(bank id, question id) of the cards due by `until`, most overdue first."""
        marks = ",".join("?" * len(bank_ids))
        rows = self.db.execute(
            f"SELECT bank_id, question_id FROM cards WHERE profile_id = ? AND due <= ? AND bank_id IN ({marks}) "
            "ORDER BY due",
            (profile_id, iso(until), *bank_ids),
        ).fetchall()
        return [(b, q) for b, q in rows]

    def carded_ids(self, profile_id: int, bank_id: str) -> set[str]:
        """The ids of a bank's questions that already have a review card."""
        rows = self.db.execute(
            "SELECT question_id FROM cards WHERE profile_id = ? AND bank_id = ?", (profile_id, bank_id)
        ).fetchall()
        return {question_id for (question_id,) in rows}

    def introduced_on(self, profile_id: int, day: str) -> int:
        """How many new questions entered review on a day (for the daily limit)."""
        return self.db.execute(
            "SELECT count(*) FROM cards WHERE profile_id = ? AND introduced = ?", (profile_id, day)
        ).fetchone()[0]

    def due_forecast(self, profile_id: int, until: datetime) -> list[tuple[str, int]]:
        """(day, count) of cards falling due up to `until`; overdue cards count on the first day."""
        return self.db.execute(
            "SELECT substr(due, 1, 10), count(*) FROM cards WHERE profile_id = ? AND due <= ? GROUP BY 1 ORDER BY 1",
            (profile_id, iso(until)),
        ).fetchall()

    # -- sessions -------------------------------------------------------------------------------

    def create_session(self, profile_id: int, mode: str, spec: str, state: str, now: datetime) -> int:
        when = iso(now)
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (profile_id, mode, spec, state, started, updated) VALUES (?, ?, ?, ?, ?, ?)",
                (profile_id, mode, spec, state, when, when),
            )
        return int(cursor.lastrowid or 0)

    def _save_session(self, session_id: int, state: str, score: float | None, finished: str | None, when: str) -> None:
        self.db.execute(
            "UPDATE sessions SET state = ?, score = ?, finished = ?, updated = ? WHERE id = ?",
            (state, score, finished, when, session_id),
        )

    def save_session(
        self, session_id: int, state: str, now: datetime, score: float | None = None, finished: bool = False
    ) -> None:
        when = iso(now)
        with self.transaction():
            self._save_session(session_id, state, score, when if finished else None, when)

    def session_row(self, session_id: int) -> tuple[int, str, str, str, str, str | None] | None:
        """(profile id, mode, spec, state, started, finished) of a session."""
        return self.db.execute(
            "SELECT profile_id, mode, spec, state, started, finished FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()

    def unfinished_sessions(self, profile_id: int) -> list[tuple[int, str, str, str]]:
        """(id, mode, started, updated) of the learner's sessions that were left before the end."""
        return self.db.execute(
            "SELECT id, mode, started, updated FROM sessions WHERE profile_id = ? AND finished IS NULL "
            "ORDER BY updated DESC",
            (profile_id,),
        ).fetchall()

    def abandon_session(self, session_id: int, now: datetime) -> None:
        """Mark a session as ended without results (the learner will not resume it)."""
        with self.transaction() as db:
            db.execute("UPDATE sessions SET finished = ? WHERE id = ? AND finished IS NULL", (iso(now), session_id))
