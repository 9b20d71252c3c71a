"""The history of finished sessions and their report metrics, in SQLite.

WAL journal, a busy timeout and one short transaction per write let several app instances
record at the same moment. The schema version lives in `PRAGMA user_version`; MIGRATIONS is
applied in order (append a function to add version 2). A damaged database is moved aside by
`History.recover()`; the transcripts are the source of truth and `rebuild_from_transcripts`
re-records them.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coachdojo.errors import CoachdojoError, TranscriptError
from coachdojo.paths import data_dir
from coachdojo.store.transcripts import list_sessions, load_transcript, sessions_dir
from coachdojo.transcript import Transcript

BUSY_TIMEOUT_MS = 5000
DB_NAME = "history.sqlite3"

# The metric columns, in table order; each summary may carry them (None when unknown).
METRIC_COLUMNS: tuple[str, ...] = (
    "non_directive_index",
    "reflection_question_ratio",
    "percent_open",
    "percent_complex",
    "mi_adherent",
    "mi_non_adherent",
)
COLUMNS: tuple[str, ...] = (
    "session_id",
    "scenario_id",
    "scenario_title",
    "started_at",
    "finished_at",
    "ending",
    "ending_kind",
    "turns",
    "transcript_path",
    "metrics_json",
    *METRIC_COLUMNS,
)
_INTEGER_METRICS: dict[str, type] = {"mi_adherent": int, "mi_non_adherent": int}  # others are REAL
_SQLITE_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
# A sessions table (or index) of another shape than this coachdojo made: treated as damage.
_WRONG_SHAPE = ("no such column", "no such table", "has no column named", "already exists")
_SQLITE_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED"}


def history_path() -> Path:
    """Where the history database lives: data_dir()/history.sqlite3."""
    return data_dir() / DB_NAME


class HistoryError(CoachdojoError):
    """The history database could not be used. `damaged` is True when it is corrupt and
    History.recover() should move it aside."""

    def __init__(self, message: str, path: Path | None = None, damaged: bool = False) -> None:
        super().__init__(message)
        self.path = path
        self.damaged = damaged


# --------------------------------------------------------------------------- migrations


def _migration_1(conn: sqlite3.Connection) -> None:
    """Version 1: the sessions table."""
    conn.execute(
        """
        CREATE TABLE sessions (
            session_id TEXT PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            scenario_title TEXT,
            started_at TEXT,
            finished_at TEXT,
            ending TEXT,
            ending_kind TEXT,
            turns INTEGER,
            transcript_path TEXT,
            metrics_json TEXT NOT NULL DEFAULT '{}',
            non_directive_index REAL,
            reflection_question_ratio REAL,
            percent_open REAL,
            percent_complex REAL,
            mi_adherent INTEGER,
            mi_non_adherent INTEGER
        )
        """
    )
    conn.execute("CREATE INDEX sessions_by_scenario ON sessions (scenario_id, started_at)")


# Migration i (0-based) brings the schema from version i to version i + 1. Never edit a
# released migration; append a new one.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1]
SCHEMA_VERSION = len(MIGRATIONS)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class SessionRecord:
    """One row of the history: a finished session and its metrics."""

    session_id: str
    scenario_id: str
    scenario_title: str | None
    started_at: str | None
    finished_at: str | None
    ending: str | None
    ending_kind: str | None
    turns: int | None
    transcript_path: str | None
    non_directive_index: float | None
    reflection_question_ratio: float | None
    percent_open: float | None
    percent_complex: float | None
    mi_adherent: int | None
    mi_non_adherent: int | None
    metrics: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ScenarioProgress:
    """One scenario's sessions at a glance: the first, the best (highest non-directive
    index; None when no session has one) and the latest."""

    scenario_id: str
    scenario_title: str | None
    count: int
    first: SessionRecord
    best: SessionRecord | None
    latest: SessionRecord

    def to_dict(self) -> dict[str, Any]:
        def brief(r: SessionRecord | None) -> dict[str, Any] | None:
            if r is None:
                return None
            keys = ("session_id", "started_at", "non_directive_index", "reflection_question_ratio")
            return {k: getattr(r, k) for k in keys}

        return {
            "scenario_id": self.scenario_id,
            "scenario_title": self.scenario_title,
            "count": self.count,
            "first": brief(self.first),
            "best": brief(self.best),
            "latest": brief(self.latest),
        }


@dataclass
class RebuildResult:
    """What rebuild_from_transcripts did: how many sessions it recorded, and the transcripts
    it skipped with the reason."""

    recorded: int = 0
    skipped: list[str] = field(default_factory=list)


def base_summary(transcript: Transcript) -> dict[str, Any]:
    """The non-metric columns of a history row, taken from a finished Transcript.

    A `summarise` callback may start from this and add the metric keys and "metrics".
    """
    meta = transcript.meta
    return {
        "session_id": meta.get("session_id"),
        "scenario_id": transcript.scenario_id,
        "scenario_title": transcript.scenario_title,
        "started_at": transcript.started_at,
        "finished_at": meta.get("finished_at"),
        "ending": transcript.ending,
        "ending_kind": transcript.ending_kind,
        "turns": len(transcript.coach_turns()),
        "transcript_path": transcript.source,
    }


def _number(value: Any, kind: type) -> Any:
    """`value` as int or float for a column; None when missing, not a number, or not finite."""
    if isinstance(value, bool | int | float) and math.isfinite(value):
        return kind(value)
    return None


# --------------------------------------------------------------------------- the database


class History:
    """The SQLite history of finished sessions. Use as a context manager.

    Raises HistoryError when the database cannot be opened; with `damaged = True` when it is
    corrupt (call History.recover() to move it aside and start afresh).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else history_path()
        self._conn: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(
                f"cannot create the folder for the history database {self.path}: "
                f"{exc.strerror or exc}",
                self.path,
            ) from None
        with self._errors(close=True):
            self._conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._set_wal()
            self._migrate()
            self._check_shape()

    # -- errors

    @contextmanager
    def _errors(self, close: bool = False) -> Iterator[None]:
        """Turn sqlite3 errors into HistoryError with a message a person can act on
        (closing the connection when `close`, as when opening fails)."""
        try:
            yield
        except sqlite3.Error as exc:
            if close:
                self.close()
            raise self._history_error(exc) from None

    def _history_error(self, exc: sqlite3.Error) -> HistoryError:
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc)
        if any(phrase in text for phrase in _WRONG_SHAPE):
            return self._wrong_shape(text)
        if name in _SQLITE_DAMAGED or "malformed" in text or "not a database" in text:
            return HistoryError(
                f"the history database {self.path} is damaged ({text}). Your transcripts are "
                f"untouched in {sessions_dir()}. Run `coachdojo history --rebuild` to move the "
                "damaged file aside and rebuild the history from them.",
                self.path,
                damaged=True,
            )
        if name in _SQLITE_BUSY or "locked" in text:
            return HistoryError(
                f"the history database {self.path} is busy (another coachdojo is writing to "
                "it); try again in a moment",
                self.path,
            )
        if name in ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM") or "readonly" in text:
            return HistoryError(
                f"cannot write the history database {self.path} ({text}); check that the "
                "folder exists and is writable, or set COACHDOJO_HOME to a writable folder",
                self.path,
            )
        if name == "SQLITE_FULL" or "full" in text:
            return HistoryError(f"the disk holding {self.path} is full", self.path)
        return HistoryError(f"the history database {self.path}: {text}", self.path)

    def _wrong_shape(self, detail: str) -> HistoryError:
        return HistoryError(
            f"the history database {self.path} is damaged: its sessions table is not the shape "
            f"this coachdojo expects ({detail}). Your transcripts are untouched in "
            f"{sessions_dir()}. Run `coachdojo history --rebuild` to move the damaged file aside "
            "and rebuild the history from them.",
            self.path,
            damaged=True,
        )

    # -- setup

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise HistoryError(f"the history database {self.path} is closed", self.path)
        return self._conn

    def _set_wal(self) -> None:
        conn = self._db()
        for attempt in range(10):
            try:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 9:
                    raise
                time.sleep(0.05 * (attempt + 1))
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch to WAL journal mode (got {mode})")

    def _migrate(self) -> None:
        conn = self._db()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"the history database {self.path} was written by a newer coachdojo (schema "
                f"version {version}; this version knows {SCHEMA_VERSION}). Upgrade coachdojo.",
                self.path,
            )
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock: look again.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                MIGRATIONS[number](conn)
                conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _check_shape(self) -> None:
        """A sessions table without the columns this version writes is damage (found at
        opening, so open_history and `coachdojo history` recover from it)."""
        have = {row[1] for row in self._db().execute("PRAGMA table_info(sessions)")}
        missing = [c for c in COLUMNS if c not in have]
        if missing:
            error = self._wrong_shape(
                "no sessions table" if not have else f"no such column: {', '.join(missing)}"
            )
            self.close()
            raise error

    @property
    def schema_version(self) -> int:
        with self._errors():
            return int(self._db().execute("PRAGMA user_version").fetchone()[0])

    # -- recovery

    @classmethod
    def recover(cls, path: str | os.PathLike[str] | None = None) -> Path:
        """Move a damaged database (and its -wal/-shm files) aside to
        `<name>.damaged-<time>`; the next History() starts a new one. Returns the new name."""
        path = Path(path) if path is not None else history_path()
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.damaged-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        try:
            if path.exists():
                os.replace(path, target)
            for suffix in ("-wal", "-shm", "-journal"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    os.replace(side, target.with_name(target.name + suffix))
        except OSError as exc:
            raise HistoryError(
                f"the history database {path} is damaged and could not be moved aside "
                f"({exc.strerror or exc}); move or delete it yourself, then run "
                "`coachdojo history --rebuild`",
                path,
            ) from None
        return target

    @staticmethod
    def recovery_message(path: Path, moved_to: Path) -> str:
        """What to tell the user after recover()."""
        return (
            f"the history database {path} was damaged; it has been moved to {moved_to} and a "
            f"new one started — your transcripts are untouched in {sessions_dir()}; "
            "rebuild the history with `coachdojo history --rebuild`"
        )

    # -- writing

    def record(self, summary: Mapping[str, Any]) -> None:
        """Insert or replace one finished session (idempotent on session_id).

        `summary` has the column keys (session_id and scenario_id required; the others may be
        missing or None) plus "metrics": a JSON-able dict with the full report metrics.
        """
        session_id = summary.get("session_id")
        scenario_id = summary.get("scenario_id")
        if not isinstance(session_id, str) or not session_id:
            raise ValueError("a history summary needs a session_id")
        if not isinstance(scenario_id, str) or not scenario_id:
            raise ValueError("a history summary needs a scenario_id")
        metrics = summary.get("metrics") or {}
        row = {
            "session_id": session_id,
            "scenario_id": scenario_id,
            "scenario_title": summary.get("scenario_title"),
            "started_at": summary.get("started_at"),
            "finished_at": summary.get("finished_at"),
            "ending": summary.get("ending"),
            "ending_kind": summary.get("ending_kind"),
            "turns": _number(summary.get("turns"), int),
            "transcript_path": (
                str(summary["transcript_path"]) if summary.get("transcript_path") else None
            ),
            "metrics_json": json.dumps(metrics, ensure_ascii=False, default=str),
            **{c: _number(summary.get(c), _INTEGER_METRICS.get(c, float)) for c in METRIC_COLUMNS},
        }
        names = ", ".join(COLUMNS)
        marks = ", ".join(f":{c}" for c in COLUMNS)
        with self._errors():
            # A single statement in autocommit mode: one short write transaction.
            self._db().execute(f"INSERT OR REPLACE INTO sessions ({names}) VALUES ({marks})", row)

    # -- reading

    def sessions(self, scenario_id: str | None = None) -> list[SessionRecord]:
        """Recorded sessions, oldest first, optionally for one scenario."""
        query = f"SELECT {', '.join(COLUMNS)} FROM sessions"
        params: tuple[Any, ...] = ()
        if scenario_id is not None:
            query += " WHERE scenario_id = ?"
            params = (scenario_id,)
        query += " ORDER BY started_at, finished_at, session_id"
        with self._errors():
            rows = self._db().execute(query, params).fetchall()
        return [self._to_record(dict(zip(COLUMNS, row, strict=True))) for row in rows]

    @staticmethod
    def _to_record(row: dict[str, Any]) -> SessionRecord:
        try:
            metrics = json.loads(row.pop("metrics_json") or "{}")
        except ValueError:
            metrics = {}
        if not isinstance(metrics, dict):
            metrics = {}
        return SessionRecord(**row, metrics=metrics)

    def progress(self, scenario_id: str | None = None) -> list[ScenarioProgress]:
        """Per scenario (sorted by id): the first, best and latest session, and the count."""
        by_scenario: dict[str, list[SessionRecord]] = {}
        for rec in self.sessions(scenario_id):
            by_scenario.setdefault(rec.scenario_id, []).append(rec)
        result = []
        for sid in sorted(by_scenario):
            recs = by_scenario[sid]  # oldest first
            scored = [r for r in recs if r.non_directive_index is not None]
            # Highest index wins; on a tie, the earlier session (it got there first).
            best = max(scored, key=lambda r: r.non_directive_index or 0.0) if scored else None
            result.append(
                ScenarioProgress(
                    scenario_id=sid,
                    scenario_title=recs[-1].scenario_title,
                    count=len(recs),
                    first=recs[0],
                    best=best,
                    latest=recs[-1],
                )
            )
        return result

    # -- rebuilding

    def rebuild_from_transcripts(
        self,
        summarise: Callable[[Transcript], Mapping[str, Any]],
        directory: Path | None = None,
    ) -> RebuildResult:
        """Re-record every finished transcript in `directory` (default sessions_dir()).

        `summarise(transcript) -> dict` returns the column keys and "metrics" (see record());
        keys it leaves out are filled from the transcript (base_summary). Sessions the student
        abandoned, and sessions ended before any reply (not taken back), are not history.
        Unreadable transcripts are skipped and listed.
        """
        result = RebuildResult()
        problems: list[str] = []
        for info in list_sessions(directory, problems):
            if not info.finished or info.reason == "abandoned" or info.turns == 0:
                continue  # unfinished, abandoned, or ended before a reply: not history
            try:
                transcript = load_transcript(info.path)
                summary = {**base_summary(transcript), **dict(summarise(transcript))}
                self.record(summary)
            except HistoryError:
                raise
            except (TranscriptError, ValueError) as exc:
                problems.append(f"{info.path}: {exc}")
                continue
            except Exception as exc:  # the report builder failed on this transcript
                problems.append(f"{info.path}: could not summarise: {type(exc).__name__}: {exc}")
                continue
            result.recorded += 1
        result.skipped = problems
        return result

    # -- lifetime

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_history(path: str | os.PathLike[str] | None = None) -> tuple[History, str | None]:
    """Open the history, recovering from a damaged database on the way.

    Returns (history, message): message is None normally, or the text to show the user when
    a damaged database was moved aside and a new one started. Other problems (read-only
    folder, a newer schema) raise HistoryError.
    """
    try:
        return History(path), None
    except HistoryError as exc:
        if not exc.damaged:
            raise
        original = exc.path or (Path(path) if path is not None else history_path())
        moved_to = History.recover(original)
        return History(original), History.recovery_message(original, moved_to)
