"""End to end: `coachdojo play` in a real terminal (tmux), typed into like a student would.

Skips where tmux is absent. Polls the screen with a deadline instead of fixed sleeps.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from coachdojo.store import read_records

REPO_ROOT = Path(__file__).resolve().parent.parent
TMUX = shutil.which("tmux")

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    done = subprocess.run([TMUX, *args], capture_output=True, text=True, timeout=30, check=False)  # type: ignore[list-item]
    return done.stdout


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def terminal(coachdojo_home: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A detached tmux session at 100x30 (its own server socket), killed afterwards."""
    socket = str(tmp_path / "tmux.sock")
    name = f"coachdojo-{uuid.uuid4().hex[:8]}"

    def run(*args: str) -> str:
        return tmux("-S", socket, *args)

    def start(command: list[str]) -> None:
        env = f"COACHDOJO_HOME={shlex.quote(str(coachdojo_home))} TERM=xterm-256color PYTHONIOENCODING=utf-8"
        line = f"cd {shlex.quote(str(REPO_ROOT))} && env {env} {shlex.join(command)}; sleep 60"
        run("-f", os.devnull, "new-session", "-d", "-s", name, "-x", "100", "-y", "30", line)

    def screen() -> str:
        return run("capture-pane", "-p", "-t", name)

    def keys(*k: str) -> None:
        run("send-keys", "-t", name, *k)

    yield start, screen, keys
    run("kill-server")


def test_play_in_a_real_terminal_types_replies_and_keeps_the_transcript(terminal, coachdojo_home: Path) -> None:  # type: ignore[no-untyped-def]
    start, screen, keys = terminal
    start([sys.executable, "-m", "coachdojo", "play", "new-team-lead", "--seed", "1"])
    wait_for(lambda: "Begin the session" in screen(), what="the briefing")
    assert "Priya" in screen()
    keys("Enter")
    wait_for(lambda: "Your reply" in screen(), what="the conversation")

    keys("-l", "What would you like to get from our time today?")
    keys("Enter")
    wait_for(lambda: "You (1)" in screen() and "✓ open question" in screen(), what="the first cue")
    wait_for(lambda: "Turn 1 of 16" in screen(), what="the turn counter")
    sessions = coachdojo_home / "sessions"
    (path,) = sessions.glob("*.jsonl")
    first = [r for r in read_records(path)[0] if r["type"] == "turn"][0]
    reply_words = " ".join(first["coachee"].split()[:4])
    wait_for(lambda: reply_words in " ".join(screen().split()), what="the coachee's reply")

    keys("-l", "It sounds like evenings matter a lot to you.")
    keys("Enter")
    wait_for(lambda: "Turn 2 of 16" in screen(), what="the second turn")

    keys("C-q")
    wait_for(lambda: "Your reply" not in screen(), what="the app to quit")

    records, warnings = read_records(path)
    assert not warnings
    turns = [r for r in records if r["type"] == "turn"]
    assert [t["coach"] for t in turns] == [
        "What would you like to get from our time today?",
        "It sounds like evenings matter a lot to you.",
    ]
    assert all(t["state"]["turn"] == t["n"] for t in turns)
    assert records[-1]["type"] == "turn"  # quit mid-session: unfinished, resumable


def test_app_killed_mid_session_resumes_at_the_same_place(terminal, coachdojo_home: Path) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL the app after three replies: all three are on disk, and `coachdojo resume`
    continues with the same node, variables and rapport as an uninterrupted session would."""
    import signal

    from coachdojo.engine import Session
    from coachdojo.library import find_scenario

    replies = [
        "What would you like to get from our time today?",
        "It sounds like evenings matter a lot to you.",
        "What would a good week look like?",
        "Part of you wants to help everyone, and part of you is running on empty.",
    ]
    start, screen, keys = terminal
    start([sys.executable, "-m", "coachdojo", "play", "new-team-lead", "--seed", "1"])
    wait_for(lambda: "Begin the session" in screen(), what="the briefing")
    keys("Enter")
    wait_for(lambda: "Your reply" in screen(), what="the conversation")
    for n, reply in enumerate(replies[:3], start=1):
        keys("-l", reply)
        keys("Enter")
        wait_for(lambda n=n: f"Turn {n} of 16" in screen(), what=f"turn {n}")

    (path,) = (coachdojo_home / "sessions").glob("*.jsonl")
    wait_for(lambda: len([r for r in read_records(path)[0] if r["type"] == "turn"]) == 3, what="three turns on disk")
    children = subprocess.run(["pgrep", "-f", "coachdojo play new-team-lead"], capture_output=True, text=True, check=False)
    pids = [int(p) for p in children.stdout.split() if int(p) != os.getpid()]
    assert pids, "the app's process was not found"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    wait_for(lambda: "Your reply" not in screen(), what="the app to die")

    records, warnings = read_records(path)
    turns = [r for r in records if r["type"] == "turn"]
    assert [t["coach"] for t in turns] == replies[:3]
    assert records[-1]["type"] == "turn"

    expected = Session(find_scenario("new-team-lead"), seed=1)
    expected.opening()
    steps = [expected.reply(r) for r in replies]
    assert (turns[-1]["node"], turns[-1]["variables"]) == (steps[2].node, steps[2].variables)

    start([sys.executable, "-m", "coachdojo", "resume"])
    wait_for(lambda: "Turn 3 of 16" in screen(), what="the resumed conversation")
    assert f"{steps[2].rapport}/10" in screen()
    keys("-l", replies[3])
    keys("Enter")
    wait_for(lambda: "Turn 4 of 16" in screen(), what="the fourth turn")
    wait_for(lambda: len([r for r in read_records(path)[0] if r["type"] == "turn"]) == 4, what="the fourth turn on disk")
    fourth = [r for r in read_records(path)[0] if r["type"] == "turn"][-1]
    assert (fourth["node"], fourth["variables"], fourth["coachee"]) == (steps[3].node, steps[3].variables, steps[3].coachee)
