"""`coachdojo test`: run scenarios' test plans and seeded random playthroughs."""

from __future__ import annotations

import argparse
import json

from coachdojo.commands.common import EXIT_FOUND_WANTING, EXIT_OK, err, out


def cmd_test(args: argparse.Namespace) -> int:
    from coachdojo.engine.testing import STUDENT_STYLES, run_scenario_tests
    from coachdojo.scenario import check_scenario_file, scenario_files

    files = scenario_files(args.paths)
    if not files:
        err(f"coachdojo test: no .yaml scenario files found in {' '.join(args.paths)}")
        return EXIT_FOUND_WANTING
    styles = (args.student,) if args.student else tuple(STUDENT_STYLES)
    reports = []
    broken = 0
    for path in files:
        result = check_scenario_file(path)
        if result.scenario is None:
            broken += 1
            for d in result.errors:
                err(str(d))
            continue
        reports.append(run_scenario_tests(result.scenario, runs=args.random, seed=args.seed, styles=styles))
    failed = broken + sum(1 for r in reports if r.failures)
    if args.json:
        out(json.dumps({"passed": failed == 0, "scenarios": [r.to_dict() for r in reports]}, indent=2))
        return EXIT_FOUND_WANTING if failed else EXIT_OK
    for report in reports:
        data = report.to_dict()
        status = "ok  " if not report.failures else "FAIL"
        plans = data["plans"]
        out(f"{status} {report.scenario.id}: {plans['passed']}/{plans['run']} test plans passed")
        rnd = data["random"]
        if rnd["runs"]:
            for style, rates in rnd["ending_rates"].items():
                runs = sum(1 for r in report.runs if r.style == style)
                shown = ", ".join(f"{name} {round(rate * runs)}/{runs}" for name, rate in rates.items())
                out(f"     {style:<12} {shown}")
            out(f"     node coverage {rnd['node_coverage']:.0%}, mean {rnd['mean_turns']} turns per run")
        for line in report.failures:
            out(f"     {line}")
        for line in report.warnings:
            if args.verbose or "ending" in line:
                out(f"     warning: {line}")
    total = len(reports) + broken
    err(f"{total - failed} of {total} scenario{'s' * (total != 1)} passed")
    return EXIT_FOUND_WANTING if failed else EXIT_OK


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, found {value}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coachdojo test`."""
    p = sub.add_parser(
        "test",
        help="run scenarios' test plans and random playthroughs",
        description="Run each scenario's own test plans, and N seeded random playthroughs per simulated "
        "student style (directive, nondirective, mixed). Exit 1 on any failure: a failed plan, a dead end, "
        "an ending no playthrough reaches, a directive student reaching a breakthrough, or a "
        "non-directive one reaching it in under 80 %% of runs.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    p.add_argument("--random", type=_count, default=0, metavar="N", help="random playthroughs per student style (default 0)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed for the playthroughs (default 0)")
    p.add_argument("--student", choices=["directive", "nondirective", "mixed"], help="only this student style")
    p.add_argument("--json", action="store_true", help="print JSON (ending rates per scenario and student style)")
    p.add_argument("-v", "--verbose", action="store_true", help="also list nodes no playthrough reached")
    p.set_defaults(handler=cmd_test)
