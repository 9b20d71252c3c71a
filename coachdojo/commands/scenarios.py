"""Scenario commands: validate, list, schema, graph."""

from __future__ import annotations

import argparse
import json

from coachdojo.commands.common import EXIT_FOUND_WANTING, EXIT_OK, err, out, write_output


def cmd_validate(args: argparse.Namespace) -> int:
    from coachdojo.scenario import check_scenario_file, lint, scenario_files

    files = scenario_files(args.paths)
    if not files:
        err(f"coachdojo validate: no .yaml scenario files found in {' '.join(args.paths)}")
        return EXIT_FOUND_WANTING
    errors = warnings = 0
    for path in files:
        result = check_scenario_file(path)
        diagnostics = list(result.diagnostics)
        if result.scenario is not None:
            diagnostics += lint(result.scenario)
        for d in sorted(set(diagnostics)):
            if d.severity == "warning" and args.strict:
                d = type(d)(d.path, d.line, d.col, "error", d.message)
            out(str(d))
            errors += d.severity == "error"
            warnings += d.severity == "warning"
    if not args.quiet:
        err(f"checked {len(files)} file{'s' * (len(files) != 1)}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return EXIT_FOUND_WANTING if errors else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from coachdojo.library import load_library

    entries = load_library(args.paths)
    rows = []
    bad = 0
    for entry in entries:
        s = entry.scenario
        if s is None:
            bad += 1
            for d in entry.result.errors:
                err(str(d))
            continue
        rows.append(
            {
                "id": s.id,
                "title": s.title,
                "difficulty": s.difficulty,
                "minutes": s.minutes,
                "tags": list(s.tags),
                "coachee": s.coachee.name,
                "style": s.coachee.style,
                "nodes": len(s.nodes),
                "endings": len(s.endings),
                "tests": len(s.tests),
                "path": str(entry.path),
            }
        )
    if args.json:
        out(json.dumps(rows, indent=2, ensure_ascii=False))
    elif rows:
        width = max(len(r["id"]) for r in rows)
        out(f"{'id':<{width}}  {'difficulty':<12} {'nodes':>5} {'endings':>7} {'min':>4}  title")
        for r in rows:
            minutes = r["minutes"] if r["minutes"] is not None else "-"
            out(f"{r['id']:<{width}}  {r['difficulty']:<12} {r['nodes']:>5} {r['endings']:>7} {minutes:>4}  {r['title']}")
    else:
        err("no scenarios found")
    return EXIT_FOUND_WANTING if bad else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from coachdojo.scenario import SCHEMA

    out(json.dumps(SCHEMA, indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from coachdojo.library import find_scenario
    from coachdojo.scenario.graph import to_dot, to_mermaid

    scenario = find_scenario(args.scenario)
    text = to_dot(scenario) if args.format == "dot" else to_mermaid(scenario)
    write_output(text, args.output)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the `coachdojo` parser."""
    p = sub.add_parser("validate", help="check scenario files", description="Check scenario files; print path:line:col: error: ... lines; exit 1 on any error.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("list", help="the scenarios found", description="List scenarios (default: the bundled library).")
    p.add_argument("paths", nargs="*", metavar="PATH", help="folders or files (default: the bundled library)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("schema", help="JSON Schema of the scenario format", description="Print the JSON Schema (draft 2020-12) of the scenario format, for editor completion.")
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser("graph", help="a scenario's branches as a diagram", description="Print a scenario's nodes, routes and endings as a Mermaid or Graphviz diagram.")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario id or file")
    p.add_argument("--format", choices=["mermaid", "dot"], default="mermaid", help="diagram language (default: mermaid)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(handler=cmd_graph)

