"""`coachdojo test`: test plans, simulated students and the realism check."""

from __future__ import annotations

import json

import pytest

from coachdojo.engine.testing import STUDENT_STYLES, playthrough, run_scenario_tests, student_bank
from coachdojo.paths import bundled_scenarios_dir
from coachdojo.scenario import load_scenario
from coachdojo.scoring import score
from coachdojo.transcript import Utterance

CONTEXT = [
    Utterance("coachee", "There's just so much going on at work and I don't know where to start."),
    Utterance("coach", "What's the hardest part?"),
    Utterance("coachee", "Everyone wants something from me, and I feel I'm letting them down."),
]

BANK = [(code, line) for code, lines in student_bank().items() for line in lines]


@pytest.mark.parametrize(("code", "line"), BANK, ids=[f"{c}:{line[:30]}" for c, line in BANK])
def test_every_simulated_student_line_is_scored_as_its_code(code, line):
    codes = score(line, CONTEXT).codes
    assert code in codes, f"{line!r} -> {sorted(codes)}"
    if STUDENT_STYLES["directive"] and code in {"open_question", "simple_reflection", "complex_reflection", "summary"}:
        assert not codes & {"advice", "leading", "confront"}, f"{line!r} -> {sorted(codes)}"


def test_simulated_students_keep_to_their_style():
    scenario = load_scenario(bundled_scenarios_dir() / "new-team-lead.yaml")
    run = playthrough(scenario, "directive", 3)
    assert run.ending is not None
    assert run.ending_kind != "breakthrough"


def test_bundled_scenarios_pass_their_plans_and_the_realism_check():
    for path in sorted(bundled_scenarios_dir().glob("*.yaml")):
        report = run_scenario_tests(load_scenario(path), runs=200, seed=1)
        assert not report.failures, report.failures
        assert report.breakthrough_rate("directive") == 0
        assert report.breakthrough_rate("nondirective") >= 0.8


BROKEN_PLAN = """
format: 1
id: broken-plan
title: Broken plan
summary: A plan that expects the wrong thing.
difficulty: beginner
briefing: Brief.
coachee: {name: Sam, role: Tester, style: plain}
start: a
nodes:
  a:
    say: "Hello."
    routes:
      - when: {codes: [open_question]}
        goto: done
      - when: {codes: [closed_question]}
        goto: b
  b:
    say: "Well, yes."
    routes:
      - goto: done
endings:
  done: {kind: breakthrough, debrief: "Done."}
tests:
  - name: expects the wrong node
    steps:
      - student: "Do you like it?"
        expect: {codes: [open_question], node: a}
    ending: done
"""


def test_failed_plan_exits_1_and_names_the_line(tmp_path, run_cli):
    path = tmp_path / "broken-plan.yaml"
    path.write_text(BROKEN_PLAN)
    result = run_cli("test", str(path))
    assert result.returncode == 1
    step_line = BROKEN_PLAN.splitlines().index('      - student: "Do you like it?"') + 1
    assert f"{path}:{step_line}: test 'expects the wrong node' step 1: expected codes ['open_question']" in result.stdout
    assert "expected to be at node 'a', but at 'b' (route 1)" in result.stdout
    assert "expected to end at 'done', reached no ending (at node 'b')" in result.stdout
    assert "Traceback" not in result.stderr


def test_dead_end_is_reported(tmp_path, run_cli):
    path = tmp_path / "dead.yaml"
    dead_end = BROKEN_PLAN.split("tests:")[0].replace(
        '      - when: {codes: [closed_question]}\n        goto: b\n', ""
    ).replace('  b:\n    say: "Well, yes."\n    routes:\n      - goto: done\n', "")
    path.write_text(dead_end)
    result = run_cli("test", str(path), "--random", "3", "--student", "directive", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert "dead end" in data["scenarios"][0]["failures"][0]


def test_json_gives_ending_rates_per_student_style(run_cli):
    result = run_cli("test", str(bundled_scenarios_dir() / "new-team-lead.yaml"), "--random", "20", "--seed", "1", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    rates = data["scenarios"][0]["random"]["ending_rates"]
    assert set(rates) == {"directive", "mixed", "nondirective"}
    assert rates["directive"].get("breakthrough", 0) == 0
    assert data["scenarios"][0]["random"]["breakthrough_rate"]["nondirective"] >= 0.8


def test_documented_examples_pass_their_own_tests():
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "docs" / "examples"
    for path in sorted(examples.glob("*.yaml")):
        report = run_scenario_tests(load_scenario(path), runs=50, seed=1)
        assert not report.failures, report.failures


@pytest.mark.parametrize("junk", ["x", "That's wrong.", "lol", "Good."])
def test_junk_replies_never_reach_a_breakthrough(junk):
    for path in sorted(bundled_scenarios_dir().glob("*.yaml")):
        scenario = load_scenario(path)
        from coachdojo.engine import Session

        session = Session(scenario, seed=1)
        session.opening()
        while not session.ended:
            session.reply(junk)
        assert scenario.endings[session.state.ending].kind != "breakthrough", (path.name, junk)
