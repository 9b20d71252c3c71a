"""`coachdojo score` end to end, as a user runs it: every format, the cohort CSV, and errors.

Reports on plain-text transcripts need the real scorer; those tests skip (with the reason)
until coachdojo.scoring can be imported. Error cases fail before scoring and always run.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
import sys
import types
from pathlib import Path

import pytest
from test_report_helpers import DATA, FIXTURES, ann

from coachdojo import cli


def _scorer_available() -> bool:
    spec = importlib.util.find_spec("coachdojo.scoring")
    if spec is None or spec.origin is None:  # missing, or an empty namespace folder
        return False
    try:
        from coachdojo.scoring import score  # noqa: F401
    except ImportError:
        return False
    return True


needs_scorer = pytest.mark.skipif(
    not _scorer_available(), reason="coachdojo.scoring (score) is not importable yet; runs once the scorer lands"
)


@needs_scorer
@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_score_every_fixture_in_every_format(run_cli, name: str, fmt: str) -> None:
    result = run_cli("score", DATA / f"{name}.txt", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Session report" in result.stdout
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["schema_version"] == 1
        assert data["metrics"]["coach_turns"] == sum(1 for t in data["turns"] if t["speaker"] == "coach")
    if fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>") and "<svg" in result.stdout


@needs_scorer
def test_score_writes_to_a_file_with_o(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run_cli("score", DATA / "coach_client.txt", "--format", "html", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "<svg" in out.read_text("utf-8")


@needs_scorer
def test_score_with_custom_labels(run_cli) -> None:
    result = run_cli("score", DATA / "custom" / "anna_ben.txt", "--format", "json", "--coach-label", "Anna", "--client-label", "Ben")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [t["speaker"] for t in data["turns"]] == ["coach", "coachee", "coach", "coachee"]


@needs_scorer
def test_score_folder_gives_a_cohort_csv(run_cli, tmp_path: Path) -> None:
    result = run_cli("score", DATA)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["file"] for r in rows] == sorted(f"{n}.txt" for n in FIXTURES)
    for row in rows:
        assert 0 <= float(row["non_directive_index"]) <= 100
        assert set(row) >= {"turns", "reflection_question_ratio", "percent_open", "percent_complex", "mi_adherent",
                            "mi_non_adherent", "advice_turns", "coach_word_share"}
    out = tmp_path / "cohort.csv"
    assert run_cli("score", DATA, "-o", out).returncode == 0
    assert out.read_text("utf-8") == result.stdout


@needs_scorer
def test_cohort_reports_bad_files_and_exits_1(run_cli, tmp_path: Path) -> None:
    shutil.copy(DATA / "coach_client.txt", tmp_path / "good.txt")
    shutil.copy(DATA / "bad" / "three_speakers.txt", tmp_path / "bad.txt")
    result = run_cli("score", tmp_path)
    assert result.returncode == 1
    assert "bad.txt:3: more than two speakers" in result.stderr
    assert "good.txt" in result.stdout and "bad.txt" not in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("three_speakers.txt", "three_speakers.txt:3: more than two speakers"),
        ("no_labels.txt", "no_labels.txt:1: no speaker labels found"),
        ("text_before_speaker.txt", "text_before_speaker.txt:2: text before the first speaker label"),
    ],
)
def test_bad_transcripts_exit_1_with_file_and_line(run_cli, name: str, expected: str) -> None:
    result = run_cli("score", DATA / "bad" / name)
    assert result.returncode == 1
    assert expected in result.stderr
    assert result.stderr.startswith("coachdojo score: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_ambiguous_names_ask_for_labels(run_cli) -> None:
    result = run_cli("score", DATA / "custom" / "anna_ben.txt")
    assert result.returncode == 1
    assert "anna_ben.txt:1: cannot tell which speaker is the coach" in result.stderr
    assert "--coach-label" in result.stderr


def test_missing_file_and_non_utf8_file(run_cli, tmp_path: Path) -> None:
    result = run_cli("score", tmp_path / "nope.txt")
    assert result.returncode == 1 and "nope.txt: no such file" in result.stderr
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"Coach: hi\n\xff\xfe\n")
    result = run_cli("score", binary)
    assert result.returncode == 1 and "bin.txt:2: not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_folder_is_an_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("score", tmp_path)
    assert result.returncode == 1 and "no transcripts found" in result.stderr


def test_bad_format_is_a_usage_error(run_cli) -> None:
    result = run_cli("score", DATA / "coach_client.txt", "--format", "pdf")
    assert result.returncode == 2


def test_help_lists_the_options(run_cli) -> None:
    result = run_cli("score", "--help")
    assert result.returncode == 0
    for option in ("--format", "--output", "--coach-label", "--client-label"):
        assert option in result.stdout


def test_score_command_in_process_with_a_stand_in_scorer(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The command's wiring, independent of the real scorer: every turn is an open question."""
    fake = types.ModuleType("coachdojo.scoring")
    fake.score = lambda text, context=(): ann(text, ["open_question"], "goal")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "coachdojo.scoring", fake)
    assert cli.main(["score", str(DATA / "me_them.txt"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["metrics"]["open_questions"] == 6 and data["metrics"]["percent_open"] == 100.0
    assert cli.main(["score", str(DATA)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(FIXTURES)


def _write_app_session(folder: Path) -> Path:
    transcripts = pytest.importorskip("coachdojo.store.transcripts", reason="coachdojo.store.transcripts is not there yet")
    w = transcripts.TranscriptWriter.start(
        scenario_id="inbox", scenario_title="Inbox <overload>", coachee_name="Sam", directory=folder
    )
    w.opening("I'm drowning in email and I feel overwhelmed.", node="start")
    w.turn(1, "You should just turn off notifications.", ann("You should just turn off notifications.", ["advice"], "options"),
           "I've tried that.", node="n1", rapport=3)
    w.rewind(1)
    w.turn(1, "You feel overwhelmed by it.", ann("You feel overwhelmed by it.", ["simple_reflection"], "reality"),
           "Yes, completely.", node="n2", rapport=6)
    w.turn(2, "What would a good day look like?", ann("What would a good day look like?", ["open_question"], "goal"),
           "Inbox zero by noon.", node="n3", rapport=7)
    w.end("ending", ending="opened_up", ending_kind="good")
    w.close()
    return w.path


def test_score_reads_coachdojo_jsonl_transcripts(run_cli, tmp_path: Path) -> None:
    path = _write_app_session(tmp_path)
    result = run_cli("score", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["session"]["scenario_title"] == "Inbox <overload>"
    assert (data["session"]["ending"], data["session"]["ending_kind"]) == ("opened_up", "good")
    assert data["metrics"]["advice_turns"] == [] and data["metrics"]["rewound_turns"] == 1
    text = run_cli("score", path)
    assert "(+1 rewound, not counted)" in text.stdout  # one take-back, counted once
    assert [p["rapport"] for p in data["rapport"]] == [6, 7]
    html = run_cli("score", path, "--format", "html")
    assert html.returncode == 0 and html.stdout.count("<svg") == 3
    assert "Inbox &lt;overload&gt;" in html.stdout


def test_summarise_transcript_of_an_app_session(tmp_path: Path) -> None:
    from coachdojo.report import summarise_transcript
    from coachdojo.store.transcripts import load_transcript

    path = _write_app_session(tmp_path)
    row = summarise_transcript(load_transcript(path))
    assert row["session_id"] == path.stem
    assert row["scenario_id"] == "inbox" and row["ending_kind"] == "good"
    assert row["transcript_path"] == str(path)
    assert row["metrics"]["count_advice"] == 0


def test_jsonl_that_is_not_a_coachdojo_transcript_is_refused(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "other.jsonl"
    path.write_text('{"hello": 1}\n', encoding="utf-8")
    result = run_cli("score", path)
    assert result.returncode == 1 and "not a coachdojo transcript" in result.stderr
