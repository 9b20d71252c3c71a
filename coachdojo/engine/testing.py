"""Testing scenarios: their own test plans, and seeded random playthroughs by simulated students.

A simulated student draws generic replies (engine/student_bank.yaml) of the codes its style
allows — directive (advice, closed and leading questions), non-directive (open questions,
reflections, summaries) or mixed (every code) — and every reply is scored for real, so a
playthrough exercises the scorer and the routes together. The realism check asks that a
directive student never reach a breakthrough and a non-directive one reach it in at least
80 % of runs.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from coachdojo.engine.session import Session
from coachdojo.scenario.model import Scenario, TestPlan, comparison_holds

STUDENT_STYLES: dict[str, tuple[str, ...]] = {
    "directive": ("advice", "closed_question", "leading"),
    "nondirective": ("open_question", "simple_reflection", "complex_reflection", "summary"),
    "mixed": (),  # every code in the bank
}
NONDIRECTIVE_BREAKTHROUGH_FLOOR = 0.80
SAFETY_TURNS = 60
# An ending no playthrough reached is a failure only with this many runs per student style:
# with fewer, a rare but reachable ending (running out of time, say) may simply not come up.
ENDING_CHECK_RUNS = 100  # a playthrough of a scenario without a turn limit stops here: a dead end


@lru_cache(maxsize=1)
def student_bank() -> dict[str, tuple[str, ...]]:
    """Generic student replies by code."""
    text = resources.files("coachdojo.engine").joinpath("student_bank.yaml").read_text(encoding="utf-8")
    return {code: tuple(lines) for code, lines in yaml.safe_load(text).items()}


@dataclass(frozen=True)
class PlanResult:
    plan: TestPlan
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def run_plan(scenario: Scenario, plan: TestPlan) -> PlanResult:
    """Play a test plan's student lines and check every expectation."""
    session = Session(scenario, seed=plan.seed)
    session.opening()
    failures: list[str] = []
    where = f"{scenario.source}:{plan.line}: test '{plan.name}'"
    for number, step in enumerate(plan.steps, start=1):
        if session.ended:
            failures.append(f"{where}: the session ended at '{session.state.ending}' before step {number}")
            break
        result = session.reply(step.student)
        at = f"{scenario.source}:{step.line}: test '{plan.name}' step {number}"
        codes = result.annotation.codes
        missing = step.expect.codes - codes
        if missing:
            failures.append(
                f"{at}: expected codes {sorted(step.expect.codes)} for {step.student!r}, the scorer gave {sorted(codes)}"
            )
        unwanted = step.expect.not_codes & codes
        if unwanted:
            failures.append(f"{at}: did not expect {sorted(unwanted)} for {step.student!r} (codes {sorted(codes)})")
        if step.expect.node and result.node != step.expect.node:
            fired = f" ({result.fired})" if result.fired else ""
            ended = f", session ended at '{result.ending.id}'" if result.ending else ""
            failures.append(f"{at}: expected to be at node '{step.expect.node}', but at '{result.node}'{fired}{ended}")
        for name, expected in step.expect.variables:
            actual = result.variables.get(name, 0)
            if not comparison_holds(expected, actual):
                failures.append(f"{at}: expected {name} {expected if isinstance(expected, str) else '== ' + str(expected)}, but it is {actual}")
    if plan.ending is not None and session.state.ending != plan.ending:
        reached = session.state.ending or f"no ending (at node '{session.state.node}')"
        failures.append(f"{where}: expected to end at '{plan.ending}', reached {reached}")
    return PlanResult(plan, tuple(failures))


@dataclass(frozen=True)
class Playthrough:
    style: str
    seed: int
    ending: str | None
    ending_kind: str | None
    turns: int
    visited: tuple[str, ...]


def playthrough(scenario: Scenario, style: str, seed: int) -> Playthrough:
    """One seeded simulated student, from the opening to an ending (or the safety limit)."""
    bank = student_bank()
    codes = STUDENT_STYLES[style] or tuple(bank)
    rng = random.Random(f"student/{style}/{seed}")
    session = Session(scenario, seed=seed)
    session.opening()
    limit = scenario.max_turns or SAFETY_TURNS
    while not session.ended and session.state.turn < limit:
        code = rng.choice(codes)
        session.reply(rng.choice(bank[code]))
    ending = session.state.ending
    kind = scenario.endings[ending].kind if ending else None
    return Playthrough(style, seed, ending, kind, session.state.turn, tuple(session.state.visited))


@dataclass
class ScenarioReport:
    """Everything `coachdojo test` found for one scenario."""

    scenario: Scenario
    plans: list[PlanResult] = field(default_factory=list)
    runs: list[Playthrough] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def ending_rates(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for style in sorted({r.style for r in self.runs}):
            runs = [r for r in self.runs if r.style == style]
            counts = Counter(r.ending or "(none)" for r in runs)
            out[style] = {name: round(counts[name] / len(runs), 4) for name in sorted(counts)}
        return out

    def breakthrough_rate(self, style: str) -> float | None:
        runs = [r for r in self.runs if r.style == style]
        if not runs:
            return None
        return sum(1 for r in runs if r.ending_kind == "breakthrough") / len(runs)

    def coverage(self) -> float:
        seen = {n for r in self.runs for n in r.visited}
        return len(seen & set(self.scenario.nodes)) / len(self.scenario.nodes) if self.runs else 0.0

    def to_dict(self) -> dict[str, Any]:
        s = self.scenario
        seen = {n for r in self.runs for n in r.visited}
        reached = {r.ending for r in self.runs if r.ending}
        return {
            "id": s.id,
            "path": s.source,
            "passed": not self.failures,
            "plans": {"run": len(self.plans), "passed": sum(p.passed for p in self.plans)},
            "random": {
                "runs": len(self.runs),
                "ending_rates": self.ending_rates(),
                "breakthrough_rate": {style: self.breakthrough_rate(style) for style in sorted({r.style for r in self.runs})},
                "node_coverage": round(self.coverage(), 4),
                "nodes_never_reached": sorted(set(s.nodes) - seen) if self.runs else [],
                "endings_never_reached": sorted(set(s.endings) - reached) if self.runs else [],
                "mean_turns": round(sum(r.turns for r in self.runs) / len(self.runs), 2) if self.runs else None,
            },
            "failures": list(self.failures),
            "warnings": list(self.warnings),
        }


def run_scenario_tests(scenario: Scenario, *, runs: int = 0, seed: int = 0, styles: tuple[str, ...] = ()) -> ScenarioReport:
    """Run a scenario's test plans and `runs` random playthroughs per student style."""
    report = ScenarioReport(scenario)
    for plan in scenario.tests:
        result = run_plan(scenario, plan)
        report.plans.append(result)
        report.failures.extend(result.failures)
    if runs <= 0:
        return report
    styles = styles or tuple(STUDENT_STYLES)
    for style in styles:
        for i in range(runs):
            report.runs.append(playthrough(scenario, style, seed * 1_000_003 + i))
    where = scenario.source
    dead = [r for r in report.runs if r.ending is None]
    if dead:
        report.failures.append(
            f"{where}: {len(dead)} playthrough(s) found no ending within {SAFETY_TURNS} turns "
            f"(a dead end; e.g. {dead[0].style} student, seed {dead[0].seed}, stuck at '{dead[0].visited[-1]}')"
        )
    breakthroughs = [e.id for e in scenario.endings.values() if e.kind == "breakthrough"]
    directive = report.breakthrough_rate("directive")
    if directive and breakthroughs:
        count = sum(1 for r in report.runs if r.style == "directive" and r.ending_kind == "breakthrough")
        report.failures.append(
            f"{where}: a directive student reached a breakthrough in {count} of {runs} runs; it should reach none"
        )
    nondirective = report.breakthrough_rate("nondirective")
    if nondirective is not None and breakthroughs and nondirective < NONDIRECTIVE_BREAKTHROUGH_FLOOR:
        report.failures.append(
            f"{where}: a non-directive student reached a breakthrough in {nondirective:.0%} of runs; "
            f"it should reach one in at least {NONDIRECTIVE_BREAKTHROUGH_FLOOR:.0%}"
        )
    if set(styles) == set(STUDENT_STYLES):
        reached = {r.ending for r in report.runs if r.ending}
        for name in scenario.endings:
            if name in reached:
                continue
            message = f"{where}: no random playthrough reached the ending '{name}'"
            if runs >= ENDING_CHECK_RUNS:
                report.failures.append(message)
            else:
                report.warnings.append(f"{message} in {runs} runs per student (it counts as a failure from {ENDING_CHECK_RUNS})")
    seen = {n for r in report.runs for n in r.visited}
    for name in scenario.nodes:
        if name not in seen:
            report.warnings.append(f"{where}: no random playthrough reached the node '{name}'")
    return report
