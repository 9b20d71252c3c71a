"""The tools in benchmarks/ that compare two versions of the scorer, run as a developer would.

`check_scorer_identity.py` records the scorer's outputs and reports any that change after a
refactor; `compare_scorer_speed.py` times two checkouts in turns in one process;
`scorer_cache_effect.py` times the same work in the benchmark's mix and repeated. None asserts
on time: these tests check what the tools print and how they exit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_identity_check_passes_on_its_own_baseline_and_names_a_changed_output(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    recorded = _run(str(BENCHMARKS / "check_scorer_identity.py"), "--record", str(baseline))
    assert recorded.returncode == 0, recorded.stderr
    same = _run(str(BENCHMARKS / "check_scorer_identity.py"), "--compare", str(baseline))
    assert same.returncode == 0, same.stdout
    assert ", 0 differ" in same.stdout

    outputs = json.loads(baseline.read_text(encoding="utf-8"))
    outputs[3]["primary"] = "not-a-behaviour"  # as if the scorer had changed its mind on case 3
    baseline.write_text(json.dumps(outputs), encoding="utf-8")
    changed = _run(str(BENCHMARKS / "check_scorer_identity.py"), "--compare", str(baseline))
    assert changed.returncode == 1
    assert "case 3 " in changed.stdout
    assert "primary: 'not-a-behaviour' ->" in changed.stdout
    assert ", 1 differ" in changed.stdout


def test_speed_comparison_times_both_checkouts_and_prints_the_ratio() -> None:
    result = _run(str(BENCHMARKS / "compare_scorer_speed.py"), str(ROOT), str(ROOT), "--rounds", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("A ") and " us/reply, median " in lines[0]
    assert lines[1].startswith("B ") and " us/reply, median " in lines[1]
    assert lines[2].startswith("B/A: ")
    ratio = float(lines[2].split()[1])
    assert ratio > 0


def test_speed_comparison_refuses_a_folder_without_coachdojo(tmp_path: Path) -> None:
    result = _run(str(BENCHMARKS / "compare_scorer_speed.py"), str(tmp_path), str(ROOT), "--rounds", "1")
    assert result.returncode != 0
    assert f"{tmp_path.resolve()}: coachdojo was imported from" in result.stderr
    assert "Traceback" not in result.stderr


def test_cache_effect_prints_both_timings_and_the_category_searches() -> None:
    result = _run(str(BENCHMARKS / "scorer_cache_effect.py"), "--replies", "200", "--repeat", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("replies: ") and " us each in the mix, " in lines[0] and "2 times in a row" in lines[0]
    assert lines[1].startswith("category searches that pass a gate")
    rows = [line.split() for line in lines[2:]]
    assert rows and all(row[2:4] == ["per", "reply"] and row[-2] == "/" for row in rows)
    assert {row[0] for row in rows} <= {"confront", "information", "other", "reflection_stems", "autonomy", "affirmation",
                                        "advice_questions", "advice", "asks_permission", "meaning_markers", "double_sided",
                                        "leading", "clarifying", "self_disclosure", "summary_markers", "generic_praise",
                                        "stage:contracting", "stage:goal", "stage:reality", "stage:options", "stage:will"}
