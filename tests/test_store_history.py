"""Tests for the SQLite history: schema and migrations, recording, progress, damage, concurrency."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from coachdojo.store import (
    History,
    HistoryError,
    TranscriptWriter,
    base_summary,
    history_path,
    open_history,
    sessions_dir,
)
from coachdojo.store import history as history_module
from coachdojo.transcript import Transcript


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's own data folder out of the tests."""
    monkeypatch.setenv("COACHDOJO_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def summary(
    session_id: str, scenario_id: str = "inbox", started: str = "2025-01-01", **metrics: Any
) -> dict[str, Any]:
    values = {
        "non_directive_index": 0.5,
        "reflection_question_ratio": 1.0,
        "percent_open": 50.0,
        "percent_complex": 40.0,
        "mi_adherent": 2,
        "mi_non_adherent": 1,
        **metrics,
    }
    return {
        "session_id": session_id,
        "scenario_id": scenario_id,
        "scenario_title": scenario_id.title(),
        "started_at": f"{started}T10:00:00.000Z",
        "finished_at": f"{started}T10:20:00.000Z",
        "ending": "plan",
        "ending_kind": "good",
        "turns": 12,
        "transcript_path": f"/sessions/{session_id}.jsonl",
        **values,
        "metrics": {"questions": 6, "reflections": 6, "bands": {"mi": "fair"}},
    }


def write_finished_transcript(n_turns: int = 2, reason: str = "ending") -> Path:
    w = TranscriptWriter.start(scenario_id="inbox", scenario_title="Inbox", seed=1)
    w.opening("Hi.", "intro", {})
    for n in range(1, n_turns + 1):
        w.turn(n, f"coach {n}", None, f"reply {n}", "n", 5, {}, {})
    w.end(reason, ending="plan" if reason == "ending" else None, ending_kind="good")
    w.close()
    return w.path


# --------------------------------------------------------------------------- schema


def test_new_database_uses_wal_busy_timeout_and_current_schema() -> None:
    with History() as h:
        assert h.path == history_path()
        assert h.schema_version == history_module.SCHEMA_VERSION == len(history_module.MIGRATIONS)
        conn = h._db()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == history_module.BUSY_TIMEOUT_MS
        columns = [row[1] for row in conn.execute("PRAGMA table_info(sessions)")]
        assert columns == list(history_module.COLUMNS)


def test_a_later_migration_is_applied_once_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as h:
        h.record(summary("s1"))

    def add_notes(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE sessions ADD COLUMN notes TEXT")

    monkeypatch.setattr(history_module, "MIGRATIONS", [*history_module.MIGRATIONS, add_notes])
    monkeypatch.setattr(history_module, "SCHEMA_VERSION", 2)
    with History(path) as h:
        assert h.schema_version == 2
        assert [s.session_id for s in h.sessions()] == ["s1"]
    with History(path) as h:  # already at version 2: nothing re-applied
        assert h.schema_version == 2


def test_a_database_from_a_newer_coachdojo_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    History(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(HistoryError, match="newer coachdojo") as info:
        History(path)
    assert not info.value.damaged


# --------------------------------------------------------------------------- recording


def test_record_is_idempotent_on_session_id() -> None:
    with History() as h:
        h.record(summary("s1", non_directive_index=0.2))
        h.record(summary("s1", non_directive_index=0.7))
        rows = h.sessions()
    assert len(rows) == 1
    row = rows[0]
    assert row.non_directive_index == 0.7 and row.turns == 12 and row.mi_adherent == 2
    assert row.metrics == {"questions": 6, "reflections": 6, "bands": {"mi": "fair"}}
    assert row.to_dict()["metrics"]["bands"] == {"mi": "fair"}


def test_record_accepts_missing_metrics_as_null() -> None:
    with History() as h:
        h.record({"session_id": "s1", "scenario_id": "inbox", "non_directive_index": float("nan")})
        (row,) = h.sessions()
    assert row.non_directive_index is None and row.metrics == {} and row.turns is None


def test_record_needs_session_and_scenario_ids() -> None:
    with History() as h, pytest.raises(ValueError, match="session_id"):
        h.record({"scenario_id": "inbox"})


def test_sessions_filter_by_scenario_oldest_first() -> None:
    with History() as h:
        h.record(summary("b", started="2025-02-01"))
        h.record(summary("a", started="2025-01-01"))
        h.record(summary("c", scenario_id="feedback", started="2025-01-15"))
        assert [s.session_id for s in h.sessions()] == ["a", "c", "b"]
        assert [s.session_id for s in h.sessions("inbox")] == ["a", "b"]


def test_progress_gives_first_best_latest_and_count_per_scenario() -> None:
    with History() as h:
        h.record(summary("i1", started="2025-01-01", non_directive_index=0.3))
        h.record(summary("i2", started="2025-01-02", non_directive_index=0.8))
        h.record(summary("i3", started="2025-01-03", non_directive_index=0.6))
        h.record(
            summary("f1", scenario_id="feedback", started="2025-01-05", non_directive_index=None)
        )
        progress = {p.scenario_id: p for p in h.progress()}
    inbox = progress["inbox"]
    assert (
        inbox.count,
        inbox.first.session_id,
        inbox.best and inbox.best.session_id,
        inbox.latest.session_id,
    ) == (
        3,
        "i1",
        "i2",
        "i3",
    )
    assert progress["feedback"].count == 1 and progress["feedback"].best is None
    assert inbox.to_dict()["best"]["non_directive_index"] == 0.8


# --------------------------------------------------------------------------- faults


def test_corrupt_database_gives_clear_error_and_recovery_keeps_transcripts(home: Path) -> None:
    transcript = write_finished_transcript()
    before = transcript.read_bytes()
    path = history_path()
    path.write_bytes(b"this is not a database, it is garbage \x00\xff" * 100)
    with pytest.raises(HistoryError) as info:
        History()
    message = str(info.value)
    assert info.value.damaged
    assert str(path) in message and "damaged" in message
    assert "coachdojo history --rebuild" in message and str(sessions_dir()) in message

    moved = History.recover()
    assert moved.name.startswith("history.sqlite3.damaged-") and moved.exists()
    assert moved.read_bytes().startswith(b"this is not a database")
    with History() as h:
        assert h.sessions() == []
    assert transcript.read_bytes() == before
    note = History.recovery_message(path, moved)
    assert str(moved) in note and "untouched" in note


def test_malformed_pages_are_reported_as_damage(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as h:
        for i in range(200):
            h.record(summary(f"s{i}"))
        h._db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 6] = b"\xa5" * (page * 4)  # scribble over table pages, keep header
    path.write_bytes(bytes(data))
    with pytest.raises(HistoryError) as info:
        with History(path) as h:
            h.sessions()
    assert info.value.damaged


def test_open_history_recovers_and_says_so(home: Path) -> None:
    history_path().parent.mkdir(parents=True)
    history_path().write_bytes(b"\x00garbage" * 50)
    h, message = open_history()
    with h:
        h.record(summary("s1"))
    assert message is not None and "moved to" in message
    h2, message2 = open_history()
    with h2:
        assert message2 is None and len(h2.sessions()) == 1


def test_history_under_a_regular_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COACHDOJO_HOME", str(blocker / "sub"))
    with pytest.raises(HistoryError, match="cannot create the folder") as info:
        History()
    assert not info.value.damaged


def _record_at_barrier(home: str, session_id: str, barrier: Any, results: Any) -> None:
    import os

    os.environ["COACHDOJO_HOME"] = home
    try:
        with History() as h:
            barrier.wait(timeout=30)
            h.record(summary(session_id))
        results.put((session_id, "ok"))
    except BaseException as exc:  # report, do not hang the test
        results.put((session_id, f"{type(exc).__name__}: {exc}"))


@pytest.mark.parametrize("fresh", [True, False], ids=["creating", "existing"])
def test_two_processes_recording_at_the_same_moment_are_both_kept(home: Path, fresh: bool) -> None:
    if not fresh:
        History().close()
    ctx = multiprocessing.get_context("spawn")
    workers = 4
    barrier = ctx.Barrier(workers)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_record_at_barrier, args=(str(home), f"s{i}", barrier, results))
        for i in range(workers)
    ]
    for p in procs:
        p.start()
    outcomes = dict(results.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert outcomes == {f"s{i}": "ok" for i in range(workers)}
    with History() as h:
        assert sorted(s.session_id for s in h.sessions()) == [f"s{i}" for i in range(workers)]


# --------------------------------------------------------------------------- rebuild


def test_rebuild_records_finished_transcripts_only() -> None:
    finished = write_finished_transcript(3)
    write_finished_transcript(1, reason="abandoned")
    unfinished = TranscriptWriter.start(scenario_id="inbox")
    unfinished.close()
    (sessions_dir() / "broken.jsonl").write_text('{"type": "session", "format": 1}\n{oops\n{}\n')
    seen: list[Transcript] = []

    def summarise(t: Transcript) -> dict[str, Any]:
        seen.append(t)
        return {"non_directive_index": 0.9, "metrics": {"questions": 3}}

    with History() as h:
        result = h.rebuild_from_transcripts(summarise)
        (row,) = h.sessions()
    assert result.recorded == 1
    assert len(result.skipped) == 1 and "broken.jsonl:2" in result.skipped[0]
    assert [t.source for t in seen] == [str(finished)]
    assert row.session_id == finished.stem and row.turns == 3 and row.ending == "plan"
    assert row.non_directive_index == 0.9 and row.metrics == {"questions": 3}
    assert row.transcript_path == str(finished) and row.finished_at


def test_rebuild_survives_a_summarise_that_fails() -> None:
    write_finished_transcript()

    def summarise(t: Transcript) -> dict[str, Any]:
        raise ZeroDivisionError("no coach turns")

    with History() as h:
        result = h.rebuild_from_transcripts(summarise)
    assert result.recorded == 0 and "could not summarise: ZeroDivisionError" in result.skipped[0]


def test_base_summary_fills_the_columns_from_a_transcript() -> None:
    from coachdojo.store import load_transcript

    path = write_finished_transcript(2)
    base = base_summary(load_transcript(path))
    assert base["session_id"] == path.stem and base["scenario_id"] == "inbox"
    assert base["turns"] == 2 and base["ending_kind"] == "good"


@pytest.mark.parametrize(
    ("make_table", "version"),
    [
        ("CREATE TABLE sessions (id INTEGER PRIMARY KEY, what TEXT)", 0),  # in the way of version 1
        ("CREATE TABLE sessions (id INTEGER PRIMARY KEY, what TEXT)", 1),  # version 1, other shape
        ("CREATE TABLE notes (id INTEGER)", 1),  # version 1 without a sessions table
    ],
    ids=["in-the-way", "wrong-columns", "no-sessions-table"],
)
def test_a_table_of_the_wrong_shape_is_treated_as_damage(tmp_path: Path, make_table: str, version: int) -> None:
    path = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(make_table)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    with pytest.raises(HistoryError) as info:
        History(path)
    assert info.value.damaged
    assert "not the shape" in str(info.value) and "coachdojo history --rebuild" in str(info.value)
    h, message = open_history(path)  # the usual recovery: moved aside, a new one started
    with h:
        h.record(summary("s1"))
        assert [s.session_id for s in h.sessions()] == ["s1"]
    assert message is not None and "moved to" in message
    assert len(list(tmp_path.glob("h.sqlite3.damaged-*"))) == 1


def test_rebuild_leaves_out_sessions_ended_before_any_reply() -> None:
    write_finished_transcript(0, reason="ended_by_student")
    kept = write_finished_transcript(1)
    with History() as h:
        result = h.rebuild_from_transcripts(lambda t: {"metrics": {}})
        assert [s.transcript_path for s in h.sessions()] == [str(kept)]
    assert result.recorded == 1 and not result.skipped
