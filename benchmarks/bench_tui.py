"""The practice room's speed and memory.

- tui.cold_start: `python -m coachdojo` started in a pseudo-terminal (a real subprocess, the
  way a student starts it) until the picker shows its filled scenario list ("N scenarios."
  in the status line); median of 5 starts. Budget 1.0 s.
- tui.reply_to_screen: headless Textual Pilot (`run_test`), from pressing Enter on a reply to
  the coachee's answer being mounted in the conversation; median over 20 replies on a
  generated 500-node scenario (the bundled ones end within 16-18 turns). Budget 50 ms.
- tui.memory_40_turns: peak resident memory (resource.getrusage ru_maxrss) of a fresh process
  that runs the app headless through a 40-turn session. Budget 150 MB.
"""

from __future__ import annotations

import asyncio
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import Benchmark  # noqa: E402

REPO_ROOT = HERE.parent
REPLIES = [
    "What would you like to get from our time today?",
    "It sounds like you're carrying a lot.",
    "Tell me more about that.",
    "What matters most to you here?",
    "So part of you wants to help everyone, and part of you is tired.",
    "What have you tried so far?",
    "How would you know things had changed?",
    "You should talk to your manager.",
]


# --------------------------------------------------------------------------- cold start


def _cold_start_once(timeout: float = 20.0) -> float:
    import pty

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "COACHDOJO_HOME": home, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        master, slave = pty.openpty()
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "coachdojo"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=REPO_ROOT,
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        seen = b""
        elapsed = float("nan")
        try:
            while time.perf_counter() - start < timeout:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                seen = (seen + chunk)[-200_000:]
                if b"scenarios." in seen:
                    elapsed = time.perf_counter() - start
                    break
            os.write(master, b"\x11")  # ctrl+q
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            os.close(master)
        return elapsed


def cold_start_s() -> float:
    """Median seconds from process start to an interactive, filled picker (5 runs, 1 warm-up)."""
    _cold_start_once()
    return statistics.median(_cold_start_once() for _ in range(5))


# --------------------------------------------------------------------------- headless helpers


def _generated_scenario_file(folder: Path) -> Path:
    from bench_scenario import large_scenario_yaml

    path = folder / "generated-500.yaml"
    path.write_bytes(large_scenario_yaml(500))
    return path


async def _play(turns: int, home: Path, scenario: Path) -> list[float]:
    """Play `turns` replies; the seconds from each Enter to the coachee's answer laid out on screen.

    The Enter key is posted to the app as the terminal driver would post it (Pilot.press adds
    its own idle-detection waits of ~100 ms, which would measure the harness, not the app).
    """
    from textual import events
    from textual.widgets import Input

    from coachdojo.tui.app import create_app
    from coachdojo.tui.screens.conversation import ConversationScreen
    from coachdojo.tui.widgets.exchange import Exchange

    app = create_app(str(scenario), seed=1, data_dir=home)
    times: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # begin, from the briefing
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        for i in range(turns):
            if screen.practice.ended:
                break
            box = screen.query_one("#reply", Input)
            box.value = REPLIES[i % len(REPLIES)]
            before = len(screen.query(Exchange))
            start = time.perf_counter()
            app.post_message(events.Key("enter", "\r"))
            while True:
                exchanges = screen.query(Exchange)
                if len(exchanges) > before:
                    answer = exchanges.last().query(".coachee")
                    if answer and answer.first().region.height > 0:  # laid out on the screen
                        break
                await asyncio.sleep(0.0005)
            times.append(time.perf_counter() - start)
            await pilot.pause()
    return times


def reply_ms() -> float:
    """Median milliseconds from Enter to the coachee's answer on screen, over 20 replies."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scenario = _generated_scenario_file(folder)
        asyncio.run(_play(3, folder / "warm", scenario))  # warm the scorer and imports
        times = asyncio.run(_play(20, folder / "home", scenario))
    return statistics.median(times) * 1000


def memory_mb() -> float:
    """Peak resident memory (MB) of a fresh process after a 40-turn session in the app."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "--memory-child"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=300,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def _memory_child() -> None:
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times = asyncio.run(_play(40, folder / "home", _generated_scenario_file(folder)))
    assert len(times) == 40, f"the session ended after {len(times)} turns"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    print(rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024)


BENCHMARKS = [
    Benchmark("tui.cold_start", cold_start_s, "s", 1.0, "python -m coachdojo in a pty until the picker's list is filled (median of 5)"),
    Benchmark("tui.reply_to_screen", reply_ms, "ms", 50.0, "headless Pilot: Enter on a reply until the coachee's answer is mounted (median of 20)"),
    Benchmark("tui.memory_40_turns", memory_mb, "MB", 150.0, "peak RSS of a fresh process after a 40-turn session in the app (headless)"),
]

if __name__ == "__main__":
    if "--memory-child" in sys.argv:
        _memory_child()
    else:
        for b in BENCHMARKS:
            print(f"{b.name}: {b.fn():.3f} {b.unit} (budget {b.budget})")
