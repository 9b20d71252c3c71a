"""Report speed: a 1,000-turn transcript (500 coach, 500 client) parsed, scored, built and
rendered in every format. Budget: under 1 s for the whole path (issue 5).

Two figures: the whole path with the real scorer (plain text in, four formats out), and the
report alone on a transcript whose coach turns already carry annotations (no scorer).
Runs under benchmarks/run.py, or on its own: `python benchmarks/bench_report.py`.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Benchmark, median_seconds  # noqa: E402

from coachdojo.codes import primary_of  # noqa: E402
from coachdojo.report import FORMATS, build_report, render  # noqa: E402
from coachdojo.report.parse import parse_transcript_text  # noqa: E402
from coachdojo.transcript import COACH, Annotation, Transcript, Turn  # noqa: E402

TURNS = 1_000
REPEAT = 5

COACH_LINES = (
    ("What would you like to focus on today?", {"open_question"}, "contracting"),
    ("How will you know this time was useful?", {"open_question"}, "contracting"),
    ("So the deadlines keep slipping, and you're carrying it yourself.", {"simple_reflection"}, "reality"),
    ("Part of you wants to step in, and part of you wants the team to own it.", {"complex_reflection"}, "reality"),
    ("Have you tried a daily stand-up?", {"advice", "closed_question"}, "options"),
    ("What have you tried so far? And what happened?", {"open_question", "stacked_questions"}, "reality"),
    ("You've kept going through a hard month, which took real persistence.", {"affirmation"}, "reality"),
    ("Would it help if I shared what others in your role often do?", {"asks_permission"}, "options"),
    ("It's your call which one to try first.", {"autonomy"}, "will"),
    ("When you say 'stuck', what do you mean?", {"clarifying", "open_question"}, "reality"),
)
CLIENT_LINES = (
    "My team keeps missing deadlines and I feel frustrated.",
    "Honestly I'm exhausted; I stay late most nights to fix things.",
    "Reliability matters to me, and I don't think they see that.",
    "Maybe. I don't know, I've tried reminders and it didn't work.",
    "I suppose I could ask them what gets in the way.",
)


@cache
def transcript_text(turns: int = TURNS) -> str:
    lines = []
    for i in range(turns // 2):
        lines.append(f"Coach: {COACH_LINES[i % len(COACH_LINES)][0]}")
        lines.append(f"Client: {CLIENT_LINES[(i * 3) % len(CLIENT_LINES)]}")
    return "\n".join(lines) + "\n"


@cache
def annotated_transcript(turns: int = TURNS) -> Transcript:
    out = []
    for i in range(turns // 2):
        text, codes, stage = COACH_LINES[i % len(COACH_LINES)]
        codes = frozenset(codes)
        out.append(Turn(COACH, text, Annotation(text, codes, primary_of(codes), stage)))
        out.append(Turn("coachee", CLIENT_LINES[(i * 3) % len(CLIENT_LINES)]))
    return Transcript(turns=tuple(out), source="bench.txt")


def _render_all(transcript: Transcript) -> int:
    report = build_report(transcript)
    return sum(len(render(report, fmt)) for fmt in FORMATS)


def score_and_render_1000_turns() -> float:
    text = transcript_text()
    return median_seconds(lambda: _render_all(parse_transcript_text(text, "bench.txt")), repeat=REPEAT)


def report_only_1000_annotated_turns() -> float:
    transcript = annotated_transcript()
    return median_seconds(lambda: _render_all(transcript), repeat=REPEAT)


BENCHMARKS = [
    Benchmark(
        "report.score_and_render_1000_turns",
        score_and_render_1000_turns,
        "s",
        1.0,
        "median of 5: parse a 1,000-turn plain-text transcript, score its 500 coach turns with the "
        "real scorer, build the report and render text, Markdown, HTML and JSON",
    ),
    Benchmark(
        "report.build_render_1000_annotated",
        report_only_1000_annotated_turns,
        "s",
        0.5,
        "median of 5: build and render (all four formats) a 1,000-turn transcript whose coach "
        "turns are already annotated (no scorer)",
    ),
]


if __name__ == "__main__":
    for bench in BENCHMARKS:
        value = bench.fn()
        verdict = "" if bench.budget is None else ("  within budget" if value <= bench.budget else "  OVER BUDGET")
        print(f"{bench.name}: {value:.3f} {bench.unit} (budget {bench.budget} {bench.unit}){verdict}")
