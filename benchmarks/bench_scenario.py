"""Scenario language speed: load, validate and lint a large generated scenario, and the example.

The large scenario is realistic in shape, only bigger than any trainer would write: 2,000
nodes, each with two line variants and three routes (codes, topics, conditions, effects),
a few variables, reactions and three endings, with test plans reaching every ending.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from common import Benchmark, median_seconds

from coachdojo.scenario import check_scenario_bytes, lint

NODES = 2_000
REPEAT = 7
EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "first-scenario.yaml"


@cache
def large_scenario_yaml(nodes: int = NODES) -> bytes:
    """A valid, lint-clean scenario of `nodes` nodes, as YAML bytes (built once)."""
    out = [
        "format: 1",
        "id: benchmark-large",
        'title: "A very long conversation"',
        'summary: "A generated scenario for measuring the loader."',
        "difficulty: advanced",
        "tags: [benchmark, generated]",
        "minutes: 60",
        "briefing: |",
        "  A generated coachee with a great many things on her mind.",
        "coachee:",
        "  name: Bea",
        '  role: "Head of operations"',
        "  style: verbose",
        "  trainer_notes:",
        '    goal: "Find one thing to stop doing."',
        "variables:",
        '  clarity: {default: 0, min: 0, max: 10, description: "How clear Bea is."}',
        "  trust: {default: 2, min: 0, max: 5}",
        "  energy: {default: 3, min: 0, max: 6}",
        "turns: {max: 400, ending: out_of_time}",
        "rapport_rules: {advice: -2, summary: 2}",
        "start: n0",
        "nodes:",
    ]
    for i in range(nodes):
        last = i == nodes - 1
        near = "breakthrough" if last else f"n{i + 1}"
        far = "stalled" if i >= nodes - 2 else f"n{i + 2}"
        stage = ["contracting", "goal", "reality", "options", "will"][i % 5]
        out += [
            f"  n{i}:",
            f"    stage: {stage}",
            "    say:",
            f'      - "Topic {i}: I keep going round in circles about this, honestly."',
            f"      - id: n{i}-alt",
            f'        text: "Where was I? Oh yes, topic {i}. It is all a bit much."',
            "    routes:",
            "      - when:",
            "          codes: {any: [complex_reflection, summary]}",
            f'          if: "rapport >= {4 + i % 3}"',
            "        change: {clarity: 1, trust: 1}",
            f"        goto: {near}",
            "      - when:",
            f'          topics: [deadline {i}, "my team", budget]',
            f'          if: ["energy >= 1", "trust <= {3 + i % 2}"]',
            "        set: {energy: 2}",
            f'        say: "Yes, the deadlines. Topic {i} again."',
            f"        goto: {far}",
            "      - when:",
            "          codes: {any: [open_question, clarifying], none: [advice, leading]}",
            "        change: {energy: -1}",
            f"        goto: {near}",
        ]
    out += [
        "reactions:",
        "  advice:",
        '    say: ["I have tried that.", "Easy for you to say."]',
        "    change: {trust: -1}",
        "  confront:",
        '    say: "That is not fair."',
        '    if: ["trust <= 1", "clarity < 3"]',
        "    goto: stalled",
        "  closed_question:",
        '    say: "Yes."',
        "  default:",
        '    say: "Sorry, say that again?"',
        "endings:",
        "  breakthrough:",
        "    kind: breakthrough",
        '    say: "I will stop the Monday report."',
        '    debrief: "Bea found her own answer."',
        "  stalled:",
        "    kind: stalled",
        '    debrief: "Bea closed down."',
        "  out_of_time:",
        "    kind: out_of_time",
        '    debrief: "Time ran out."',
        "tests:",
    ]
    for ending in ("breakthrough", "stalled", "out_of_time"):
        out += [
            f"  - name: reaches {ending}",
            "    seed: 1",
            "    steps:",
            '      - student: "What would you like to talk about?"',
            '        expect: {codes: [open_question], node: n1, vars: {energy: ">= 0"}}',
            f"    ending: {ending}",
        ]
    return ("\n".join(out) + "\n").encode("utf-8")


def _check_and_lint(raw: bytes, name: str) -> None:
    result = check_scenario_bytes(name, raw)
    if result.scenario is None:
        raise RuntimeError(f"the benchmark scenario does not load: {result.errors[:3]}")
    lint(result.scenario)


def check_and_lint_large() -> float:
    raw = large_scenario_yaml()
    return median_seconds(lambda: _check_and_lint(raw, "large.yaml"), repeat=REPEAT)


def check_and_lint_example() -> float:
    raw = EXAMPLE.read_bytes()
    return median_seconds(lambda: _check_and_lint(raw, EXAMPLE.name), repeat=REPEAT) * 1000


BENCHMARKS = [
    Benchmark(
        "scenario.check_lint_2000_nodes",
        check_and_lint_large,
        "s",
        1.0,
        f"median of {REPEAT}: check_scenario_bytes + lint of a generated {NODES:,}-node scenario",
    ),
    Benchmark(
        "scenario.check_lint_example",
        check_and_lint_example,
        "ms",
        50.0,
        f"median of {REPEAT}: check_scenario_bytes + lint of docs/examples/first-scenario.yaml",
    ),
]
