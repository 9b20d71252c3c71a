"""End-to-end tests of `coachdojo history`, run as a subprocess like a user would."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from coachdojo.store import History, TranscriptWriter


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("COACHDOJO_HOME", str(home))
    return home


def run(home: Path, *args: str, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACHDOJO_HOME": str(home)}
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "coachdojo", "history", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def summary(
    session_id: str, scenario_id: str, day: int, ndi: float | None, **extra: Any
) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "scenario_id": scenario_id,
        "scenario_title": extra.pop("title", scenario_id.title()),
        "started_at": f"2025-03-{day:02d}T09:00:00.000Z",
        "finished_at": f"2025-03-{day:02d}T09:15:00.000Z",
        "ending": "plan",
        "ending_kind": "good",
        "turns": 10 + day,
        "transcript_path": f"/data/sessions/{session_id}.jsonl",
        "non_directive_index": ndi,
        "reflection_question_ratio": 0.5 + day / 10,
        "percent_open": 60.0,
        "percent_complex": 30.0,
        "mi_adherent": day,
        "mi_non_adherent": 1,
        "metrics": {"questions": day, "band": "fair", "per_turn": [1, 2]},
        **extra,
    }


@pytest.fixture
def filled(home: Path) -> Path:
    with History() as h:
        h.record(summary("i1", "inbox", 1, 0.40))
        h.record(summary("i2", "inbox", 2, 0.75))
        h.record(summary("i3", "inbox", 3, 0.60))
        h.record(summary("f1", "feedback", 4, 0.50, title='=HYPERLINK("x")\x1b[31m'))
    return home


def test_empty_history_prints_a_friendly_line(home: Path) -> None:
    result = run(home)
    assert result.returncode == 0, result.stderr
    assert "No finished sessions yet" in result.stdout and result.stderr == ""
    assert not (home / "history.sqlite3").exists()  # reading does not create anything


def test_empty_history_as_json_and_csv(home: Path) -> None:
    as_json = run(home, "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == {
        "sessions": [],
        "progress": [],
    }
    as_csv = run(home, "--csv")
    assert as_csv.returncode == 0
    assert as_csv.stdout.splitlines()[0].startswith("session_id,scenario_id,")
    assert len(as_csv.stdout.splitlines()) == 1


def test_table_lists_sessions_and_first_best_latest(filled: Path) -> None:
    result = run(filled)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2025-03-01 09:00" in out and "non-dir" in out and "R:Q" in out
    progress = out[out.index("Progress per scenario") :]
    inbox_line = next(line for line in progress.splitlines() if line.startswith("inbox"))
    assert inbox_line.split()[:2] == ["inbox", "3"]
    assert "0.40; 0.60" in inbox_line and "0.75; 0.70" in inbox_line and "0.60; 0.80" in inbox_line
    assert "\x1b" not in out


def test_scenario_filter(filled: Path) -> None:
    result = run(filled, "--scenario", "feedback", "--json")
    data = json.loads(result.stdout)
    assert [s["session_id"] for s in data["sessions"]] == ["f1"]
    assert [p["scenario_id"] for p in data["progress"]] == ["feedback"]
    none = run(filled, "--scenario", "nope")
    assert none.returncode == 0 and "No finished sessions for scenario nope" in none.stdout


def test_json_has_sessions_with_metrics_and_progress(filled: Path) -> None:
    data = json.loads(run(filled, "--json").stdout)
    assert [s["session_id"] for s in data["sessions"]] == ["i1", "i2", "i3", "f1"]
    assert data["sessions"][0]["metrics"]["band"] == "fair"
    inbox = next(p for p in data["progress"] if p["scenario_id"] == "inbox")
    assert inbox["count"] == 3
    assert [inbox[k]["session_id"] for k in ("first", "best", "latest")] == ["i1", "i2", "i3"]


def test_csv_lists_sessions_with_their_metrics(filled: Path) -> None:
    result = run(filled, "--csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["session_id"] for r in rows] == ["i1", "i2", "i3", "f1"]
    first = rows[0]
    assert float(first["non_directive_index"]) == 0.4
    assert float(first["reflection_question_ratio"]) == pytest.approx(0.6)
    assert first["percent_open"] == "60.0" and first["mi_adherent"] == "1"
    assert first["metrics.questions"] == "1" and first["metrics.band"] == "fair"
    assert "metrics.per_turn" not in first  # only scalar metrics become columns
    assert rows[3]["scenario_title"].startswith("'=HYPERLINK")  # no formula injection


def test_json_and_csv_together_is_a_usage_error(home: Path) -> None:
    result = run(home, "--json", "--csv")
    assert result.returncode == 2 and "not allowed with" in result.stderr


def test_damaged_database_is_moved_aside_with_a_way_forward(home: Path) -> None:
    w = TranscriptWriter.start(scenario_id="inbox")
    w.end("ended_by_student")
    w.close()
    before = w.path.read_bytes()
    home.mkdir(exist_ok=True)
    (home / "history.sqlite3").write_bytes(b"garbage\x00\xff" * 300)
    result = run(home)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "damaged" in result.stderr and "moved to" in result.stderr
    assert "coachdojo history --rebuild" in result.stderr
    assert len(list(home.glob("history.sqlite3.damaged-*"))) == 1
    assert w.path.read_bytes() == before
    again = run(home)
    assert again.returncode == 0 and "No finished sessions yet" in again.stdout


def test_a_history_table_of_the_wrong_shape_is_recovered_like_damage(home: Path) -> None:
    home.mkdir(exist_ok=True)
    conn = sqlite3.connect(home / "history.sqlite3")
    conn.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, what TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    result = run(home)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "damaged" in result.stderr and "moved to" in result.stderr
    assert "coachdojo history --rebuild" in result.stderr
    assert len(list(home.glob("history.sqlite3.damaged-*"))) == 1
    again = run(home)
    assert again.returncode == 0 and "No finished sessions yet" in again.stdout


def test_csv_columns_are_the_history_store_columns() -> None:
    from coachdojo.commands.history import _csv_columns
    from coachdojo.report.cohort import COLUMNS as COHORT
    from coachdojo.store.history import COLUMNS, METRIC_COLUMNS

    assert set(_csv_columns()) == set(COLUMNS) - {"metrics_json"}
    assert [c for c in COHORT if c in METRIC_COLUMNS] == list(METRIC_COLUMNS)


def _fake_report(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "fake_site"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


def test_rebuild_uses_the_report_builder(home: Path, tmp_path: Path) -> None:
    for n_turns in (2, 3):
        w = TranscriptWriter.start(scenario_id="inbox", scenario_title="Inbox")
        for n in range(1, n_turns + 1):
            w.turn(n, f"coach {n}", None, f"reply {n}", "n", 5)
        w.end("ending", "plan", "good")
        w.close()
    fake = _fake_report(
        tmp_path,
        """
        import sys, types
        module = types.ModuleType("coachdojo.report")
        def summarise_transcript(transcript):
            n = len(transcript.coach_turns())
            return {"non_directive_index": n / 10, "metrics": {"coach_turns": n}}
        module.summarise_transcript = summarise_transcript
        sys.modules["coachdojo.report"] = module
        """,
    )
    result = run(home, "--rebuild", pythonpath=fake)
    assert result.returncode == 0, result.stderr
    assert "2 sessions recorded" in result.stdout
    rows = list(csv.DictReader(io.StringIO(run(home, "--csv").stdout)))
    assert sorted(float(r["non_directive_index"]) for r in rows) == [0.2, 0.3]
    assert sorted(r["metrics.coach_turns"] for r in rows) == ["2", "3"]


def test_rebuild_without_the_report_builder_says_so(home: Path, tmp_path: Path) -> None:
    fake = _fake_report(tmp_path, 'import sys\nsys.modules["coachdojo.report"] = None\n')
    result = run(home, "--rebuild", pythonpath=fake)
    assert result.returncode == 1
    assert "cannot rebuild" in result.stderr and "Traceback" not in result.stderr
