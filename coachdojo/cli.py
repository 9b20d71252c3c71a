"""The `coachdojo` command line: argparse entry point; heavy modules are imported lazily.

Exit codes: 0 success, 1 the input was found wanting (invalid file, failed test), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from coachdojo import __version__
from coachdojo.errors import CoachdojoError

EXIT_OK, EXIT_FOUND_WANTING, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


def _out(text: str = "") -> None:
    sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))


def _err(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")


# --- scenario commands ----------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from coachdojo.scenario import check_scenario_file, lint, scenario_files

    files = scenario_files(args.paths)
    if not files:
        _err(f"coachdojo validate: no .yaml scenario files found in {' '.join(args.paths)}")
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
            _out(str(d))
            errors += d.severity == "error"
            warnings += d.severity == "warning"
    if not args.quiet:
        _err(f"checked {len(files)} file{'s' * (len(files) != 1)}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
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
                _err(str(d))
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
        _out(json.dumps(rows, indent=2, ensure_ascii=False))
    elif rows:
        width = max(len(r["id"]) for r in rows)
        _out(f"{'id':<{width}}  {'difficulty':<12} {'nodes':>5} {'endings':>7} {'min':>4}  title")
        for r in rows:
            minutes = r["minutes"] if r["minutes"] is not None else "-"
            _out(f"{r['id']:<{width}}  {r['difficulty']:<12} {r['nodes']:>5} {r['endings']:>7} {minutes:>4}  {r['title']}")
    else:
        _err("no scenarios found")
    return EXIT_FOUND_WANTING if bad else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from coachdojo.scenario import SCHEMA

    _out(json.dumps(SCHEMA, indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from coachdojo.library import find_scenario
    from coachdojo.scenario.graph import to_dot, to_mermaid

    scenario = find_scenario(args.scenario)
    text = to_dot(scenario) if args.format == "dot" else to_mermaid(scenario)
    _write_output(text, args.output)
    return EXIT_OK


def _write_output(text: str, output: str | None) -> None:
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise CoachdojoError(f"{output}: cannot write: {exc.strerror}") from None
    else:
        _out(text)


# --- the parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coachdojo",
        description="A terminal practice room for coaching: rehearse with a scripted coachee, "
        "see how you coached, turn by turn.",
    )
    parser.add_argument("--version", action="version", version=f"coachdojo {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_OK
    try:
        return handler(args)
    except CoachdojoError as exc:
        _err(f"coachdojo {args.command}: {exc}")
        return EXIT_FOUND_WANTING
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
