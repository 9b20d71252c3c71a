"""Tests for session transcripts: the JSONL writer, reading, recovery and resume points."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coachdojo.errors import TranscriptError
from coachdojo.store import (
    TranscriptWriter,
    abandon,
    file_sha256,
    is_coachdojo_transcript,
    list_sessions,
    load_transcript,
    read_records,
    resume_point,
    sessions_dir,
    unfinished_sessions,
)
from coachdojo.transcript import COACH, COACHEE, Annotation, Evidence

HOSTILE = 'He said "[/" and [@click=app.quit]x[/]\n\u2028then {"type": "end"}\x00 ünïcödé'


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's own data folder out of the tests."""
    monkeypatch.setenv("COACHDOJO_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "inbox.yaml"
    path.write_text("id: inbox\ntitle: Inbox overload\n", encoding="utf-8")
    return path


def annotation(text: str = "What matters most?") -> Annotation:
    return Annotation(
        text=text,
        codes=frozenset({"open_question"}),
        primary="question",
        stage="goal",
        evidence=(Evidence("open_question", 0, 4, "What"),),
        tip="Nice open question.",
    )


def start(scenario_file: Path | None = None, **kwargs: object) -> TranscriptWriter:
    return TranscriptWriter.start(
        scenario_id="inbox",
        scenario_title="Inbox overload",
        scenario_path=scenario_file,
        seed=42,
        coachee_name="Sam",
        **kwargs,  # type: ignore[arg-type]
    )


def write_turns(writer: TranscriptWriter, first: int, last: int) -> None:
    for n in range(first, last + 1):
        writer.turn(
            n,
            f"coach {n}",
            annotation(f"coach {n}"),
            f"reply {n}",
            node=f"node{n}",
            rapport=5 + n,
            variables={"rapport": 5 + n, "trust": n},
            state={"node": f"node{n}", "turn": n, "vars": {"rapport": 5 + n}},
        )


# --------------------------------------------------------------------------- writing


def test_writer_creates_named_file_under_sessions_with_header(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        assert w.saving and w.error is None
    assert w.path.parent == sessions_dir()
    assert w.path.name.endswith("-inbox-" + w.path.stem.rsplit("-", 1)[1] + ".jsonl")
    header = json.loads(w.path.read_text(encoding="utf-8").splitlines()[0])
    assert header["type"] == "session" and header["format"] == 1
    assert header["session_id"] == w.session_id == w.path.stem
    assert header["scenario_sha256"] == file_sha256(scenario_file)
    assert header["seed"] == 42 and header["coachee_name"] == "Sam"
    assert header["started_at"].endswith("Z") and header["app_version"]


def test_every_record_is_one_line_and_hostile_text_round_trips(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        w.opening(HOSTILE, "intro", {"node": "intro"})
        w.turn(1, HOSTILE, annotation(HOSTILE), HOSTILE, "intro", 5, {}, {"x": HOSTILE})
        w.end("ending", ending="breakthrough", ending_kind="good", coachee=HOSTILE)
    raw = w.path.read_bytes()
    assert raw.count(b"\n") == 4 and raw.endswith(b"\n")
    assert "ünïcödé".encode() in raw  # stored as UTF-8, not \u escapes
    transcript = load_transcript(w.path)
    assert [t.text for t in transcript.turns] == [HOSTILE] * 4
    assert transcript.turns[1].annotation == annotation(HOSTILE)


def test_transcript_from_records_builds_turns_rewinds_and_ending(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        w.opening("I can't keep up.", "intro", {"node": "intro"})
        write_turns(w, 1, 3)
        w.rewind(3)
        write_turns(w, 3, 3)
        w.end("ending", ending="plan", ending_kind="good", coachee="Thanks, I have a plan.")
    t = load_transcript(w.path)
    assert t.scenario_id == "inbox" and t.coachee_name == "Sam"
    assert (t.ending, t.ending_kind) == ("plan", "good")
    assert t.meta["reason"] == "ending" and t.meta["seed"] == 42
    assert t.meta["session_id"] == w.session_id
    assert t.meta["scenario_sha256"] == file_sha256(scenario_file)
    speakers = [(turn.speaker, turn.text, turn.rewound) for turn in t.turns]
    assert speakers == [
        (COACHEE, "I can't keep up.", False),
        (COACH, "coach 1", False),
        (COACHEE, "reply 1", False),
        (COACH, "coach 2", False),
        (COACHEE, "reply 2", False),
        (COACH, "coach 3", True),
        (COACHEE, "reply 3", True),
        (COACH, "coach 3", False),
        (COACHEE, "reply 3", False),
        (COACHEE, "Thanks, I have a plan.", False),
    ]
    assert [c.text for c in t.coach_turns()] == ["coach 1", "coach 2", "coach 3"]
    assert t.turns[1].annotation == annotation("coach 1")
    assert t.turns[1].rapport == 6 and t.turns[1].node == "node1"
    assert t.turns[1].line == 3  # header, opening, then turn 1


def test_is_coachdojo_transcript(tmp_path: Path, scenario_file: Path) -> None:
    with start(scenario_file) as w:
        pass
    plain = tmp_path / "plain.txt"
    plain.write_text("Coach: hello\nClient: hi\n", encoding="utf-8")
    other = tmp_path / "other.jsonl"
    other.write_text('{"type": "turn"}\n', encoding="utf-8")
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert is_coachdojo_transcript(w.path)
    for path in (plain, other, binary, tmp_path / "missing.jsonl", tmp_path):
        assert not is_coachdojo_transcript(path)


# --------------------------------------------------------------------------- faults


def test_sigkill_after_n_turns_loses_no_completed_turn(tmp_path: Path, home: Path) -> None:
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("no SIGKILL on this platform")
    turns = 7
    script = textwrap.dedent(
        f"""
        import sys
        from coachdojo.store import TranscriptWriter
        w = TranscriptWriter.start(scenario_id="inbox", seed=3)
        w.opening("Hi.", "intro", {{"node": "intro"}})
        for n in range(1, {turns} + 1):
            w.turn(n, f"coach {{n}}", None, f"reply {{n}}", f"node{{n}}", 5 + n,
                   {{"rapport": 5 + n}}, {{"node": f"node{{n}}", "turn": n}})
        print(w.path, flush=True)
        sys.stdin.read()  # block until killed
        """
    )
    env = {**os.environ, "COACHDOJO_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert proc.stdout is not None
        path = Path(proc.stdout.readline().strip())
        proc.kill()  # SIGKILL: no cleanup, no atexit, no close()
        assert proc.wait() == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    records, warnings = read_records(path)
    assert warnings == []
    assert [r["n"] for r in records if r["type"] == "turn"] == list(range(1, turns + 1))
    point = resume_point(path)
    assert point.node == f"node{turns}" and point.rapport == 5 + turns
    assert point.variables == {"rapport": 5 + turns}
    assert point.state == {"node": f"node{turns}", "turn": turns}
    assert point.next_turn == turns + 1
    assert [s.path for s in unfinished_sessions()] == [path]


def test_cut_off_last_line_is_recovered_up_to_last_whole_turn(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        w.opening("Hi.", "intro", {})
        write_turns(w, 1, 3)
    data = w.path.read_bytes()
    whole = data.splitlines(keepends=True)
    cut = b"".join(whole[:-1]) + whole[-1][: len(whole[-1]) // 2]  # power loss mid-line
    w.path.write_bytes(cut)
    records, warnings = read_records(w.path)
    assert [r["n"] for r in records if r["type"] == "turn"] == [1, 2]
    assert len(warnings) == 1
    assert "line 5 was cut off; recovered up to turn 2" in warnings[0]
    t = load_transcript(w.path)
    assert len(t.coach_turns()) == 2 and t.meta["warnings"] == warnings
    point = resume_point(w.path)
    assert point.next_turn == 3 and point.warnings == tuple(warnings)


def test_cut_off_inside_a_multibyte_character_is_recovered(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        write_turns(w, 1, 1)
        w.turn(2, "ééééé", None, "ééé", "n", 5)
    data = w.path.read_bytes()
    w.path.write_bytes(data[: data.index("ééééé".encode()) + 3])
    records, warnings = read_records(w.path)
    assert [r["n"] for r in records if r["type"] == "turn"] == [1]
    assert "recovered up to turn 1" in warnings[0]


def test_reopen_after_cut_off_appends_cleanly(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        write_turns(w, 1, 2)
    w.path.write_bytes(w.path.read_bytes()[:-10])
    with TranscriptWriter.reopen(w.path) as again:
        assert again.saving
        write_turns(again, 2, 3)
    records, warnings = read_records(w.path)
    assert warnings == []
    assert [r["n"] for r in records if r["type"] == "turn"] == [1, 2, 3]


def test_bad_line_in_the_middle_names_file_and_line(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        write_turns(w, 1, 3)
    lines = w.path.read_bytes().splitlines(keepends=True)
    lines[2] = b'{"type": "turn", oops\n'
    w.path.write_bytes(b"".join(lines))
    with pytest.raises(TranscriptError, match=rf"{w.path.name}:3:.*not valid JSON"):
        read_records(w.path)


def test_binary_file_is_a_transcript_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "photo.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xd8binary\n")
    with pytest.raises(TranscriptError, match=r"photo.jsonl:1: not UTF-8"):
        read_records(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b'{"type": "turn", "n": 1}\n', 'expected a "session" record first'),
        (b'[1, 2]\n{"type": "end"}\n', "expected a JSON object"),
        (b'{"type": "session", "format": 99}\n', "newer coachdojo"),
    ],
)
def test_files_that_are_not_transcripts_are_rejected(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(TranscriptError, match=message):
        load_transcript(path)


def test_missing_file_is_a_transcript_error(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match="cannot read"):
        load_transcript(tmp_path / "nope.jsonl")


def test_path_under_a_regular_file_means_not_saving_without_raising(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("COACHDOJO_HOME", str(blocker / "sub"))
    w = start()
    assert not w.saving
    assert w.error is not None and w.error.startswith("Not saving:")
    assert f"{blocker} is a file, not a folder" in w.error
    w.opening("Hi.", "intro", {})
    assert w.turn(1, "What matters?", annotation(), "Sleep.", "n1", 6) is False
    assert [r["type"] for r in w.records] == ["session", "opening", "turn"]
    assert len(w.transcript().coach_turns()) == 1
    w.close()


def test_read_only_data_folder_means_not_saving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        probe = folder / "probe"
        try:
            probe.mkdir()
        except PermissionError:
            pass
        else:
            probe.rmdir()
            pytest.skip("running with privileges that ignore folder permissions (root)")
        monkeypatch.setenv("COACHDOJO_HOME", str(folder))
        w = start()
        assert not w.saving
        assert w.error == f"Not saving: {folder} is read-only (no permission to write there)"
        assert w.turn(1, "Hm?", None, "Yes.", "n", 5) is False
    finally:
        folder.chmod(0o700)


def test_permission_denied_creating_the_file_means_not_saving(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as a read-only folder, simulated so that it also holds when run as root."""
    real_open = os.open

    def denied(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    w = start()
    assert not w.saving
    assert w.error == f"Not saving: {sessions_dir()} is read-only (no permission to write there)"
    assert w.opening("Hi.", "intro", {}) is False
    assert len(w.records) == 2


def test_full_disk_mid_session_stops_saving_and_keeps_earlier_turns(
    scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = start(scenario_file)
    write_turns(w, 1, 2)
    real_write = os.write
    fd = w._fd

    def full_disk(target: int, data: bytes) -> int:
        if target == fd:
            real_write(target, bytes(data[:7]))  # a partial line reaches the disk first
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(target, data)

    monkeypatch.setattr(os, "write", full_disk)
    assert w.turn(3, "And then?", annotation(), "Then nothing.", "n3", 7) is False
    assert not w.saving
    assert w.error == f"Not saving: the disk holding {w.path} is full"
    assert w.end("ending", "plan", "good", "Bye.") is False  # still no exception
    monkeypatch.undo()
    assert len(w.transcript().coach_turns()) == 3  # all kept in memory
    records, warnings = read_records(w.path)
    assert warnings == []  # the half-written line was taken back
    assert [r["n"] for r in records if r["type"] == "turn"] == [1, 2]


def test_fsync_failure_also_means_not_saving(
    scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = start(scenario_file)

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    assert w.turn(1, "So?", None, "So.", "n1", 5) is False
    assert not w.saving and w.error is not None and "Input/output error" in w.error


# --------------------------------------------------------------------------- sessions and resume


def test_unfinished_sessions_newest_first_and_finished_ones_left_out(tmp_path: Path) -> None:
    older = start(started_at="2025-01-01T10:00:00.000Z")
    older.opening("Hi.", "intro", {"node": "intro"})
    older.close()
    newer = start(started_at="2025-02-01T10:00:00.000Z")
    write_turns(newer, 1, 1)
    newer.close()
    done = start(started_at="2025-03-01T10:00:00.000Z")
    done.end("turn_limit")
    done.close()
    (sessions_dir() / "junk.jsonl").write_bytes(b"\x00\x01")
    found = unfinished_sessions()
    assert [s.path for s in found] == [newer.path, older.path]
    assert [s.turns for s in found] == [1, 0]
    problems: list[str] = []
    assert len(list_sessions(problems=problems)) == 3
    assert len(problems) == 1 and "junk.jsonl" in problems[0]


def test_unfinished_sessions_with_no_folder_is_empty() -> None:
    assert unfinished_sessions() == []


def test_resume_point_after_rewind_uses_the_turn_before(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        w.opening("Hi.", "intro", {"node": "intro", "turn": 0})
        write_turns(w, 1, 3)
        w.rewind(3)
        w.rewind(2)
    point = resume_point(w.path)
    assert point.scenario_id == "inbox" and point.seed == 42
    assert point.scenario_path == str(scenario_file)
    assert point.scenario_sha256 == file_sha256(scenario_file)
    assert point.state == {"node": "node1", "turn": 1, "vars": {"rapport": 6}}
    assert (point.node, point.rapport, point.next_turn) == ("node1", 6, 2)
    assert [t.text for t in point.turns] == ["Hi.", "coach 1", "reply 1"]
    assert not point.scenario_changed()
    scenario_file.write_text("id: inbox\ntitle: Changed\n", encoding="utf-8")
    assert point.scenario_changed()


def test_resume_point_rewound_to_the_opening(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        w.opening("Hi.", "intro", {"node": "intro"})
        write_turns(w, 1, 1)
        w.rewind(1)
    point = resume_point(w.path)
    assert point.state == {"node": "intro"} and point.node == "intro"
    assert point.next_turn == 1 and point.variables == {}


def test_resume_continues_the_same_file(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        w.opening("Hi.", "intro", {})
        write_turns(w, 1, 2)
    point = resume_point(w.path)
    with TranscriptWriter.reopen(point.path) as again:
        write_turns(again, point.next_turn, 4)
        again.end("ending", "plan", "good", "Thanks.")
    t = load_transcript(w.path)
    assert [c.text for c in t.coach_turns()] == [f"coach {n}" for n in range(1, 5)]
    assert unfinished_sessions() == []
    with pytest.raises(TranscriptError, match="already ended"):
        resume_point(w.path)


def test_abandon_closes_a_session_so_it_is_not_offered_again(scenario_file: Path) -> None:
    with start(scenario_file) as w:
        write_turns(w, 1, 1)
    assert abandon(w.path)
    assert unfinished_sessions() == []
    assert load_transcript(w.path).meta["reason"] == "abandoned"


def test_end_rejects_an_unknown_reason(scenario_file: Path) -> None:
    with start(scenario_file) as w, pytest.raises(ValueError, match="end reason"):
        w.end("bored")
