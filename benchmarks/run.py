"""Run coachdojo's benchmarks and print their figures as a table or as JSON.

    python benchmarks/run.py                 # every benchmark, as a table
    python benchmarks/run.py --json          # {"figures": [{"name", "value", "unit", "budget", "within_budget"}]}
    python benchmarks/run.py --only NAME     # one benchmark (repeat --only for more)
    python benchmarks/run.py --list          # the names, without running anything

Benchmarks live in `benchmarks/bench_*.py`, each exposing `BENCHMARKS: list[Benchmark]`
(see common.py). Exit code: 0, or 1 with --fail-over-budget when a figure is over its budget,
or 2 for an unknown --only name.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))  # bench modules import `common` from this folder

from common import Benchmark  # noqa: E402


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"coachdojo_benchmarks.{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def discover(folder: Path = HERE) -> list[Benchmark]:
    """Every Benchmark of every bench_*.py module in `folder`, in file then list order."""
    found: list[Benchmark] = []
    for path in sorted(folder.glob("bench_*.py")):
        module = _load(path)
        benchmarks = getattr(module, "BENCHMARKS", None)
        if not isinstance(benchmarks, list) or not all(
            isinstance(b, Benchmark) for b in benchmarks
        ):
            raise SystemExit(f"{path.name}: expected BENCHMARKS = [Benchmark(...), ...]")
        found.extend(benchmarks)
    names = [b.name for b in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SystemExit(f"benchmark names used twice: {', '.join(duplicates)}")
    return found


def measure(benchmark: Benchmark) -> dict[str, object]:
    value = float(benchmark.fn())
    within = None if benchmark.budget is None else value <= benchmark.budget
    return {
        "name": benchmark.name,
        "value": value,
        "unit": benchmark.unit,
        "budget": benchmark.budget,
        "within_budget": within,
    }


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.4g}"


def table(figures: list[dict[str, object]]) -> str:
    rows = [("name", "value", "unit", "budget", "ok")]
    for f in figures:
        ok = {True: "yes", False: "OVER", None: "-"}[f["within_budget"]]  # type: ignore[index]
        rows.append((str(f["name"]), _number(f["value"]), str(f["unit"]), _number(f["budget"]), ok))  # type: ignore[arg-type]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        cells = [
            r[0].ljust(widths[0]),
            r[1].rjust(widths[1]),
            r[2].ljust(widths[2]),
            r[3].rjust(widths[3]),
            r[4],
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run coachdojo's benchmarks and print their figures."
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run only this benchmark (repeatable)"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmark names and exit")
    parser.add_argument(
        "--fail-over-budget", action="store_true", help="exit 1 when a figure is over its budget"
    )
    args = parser.parse_args(argv)

    benchmarks = discover()
    if args.list:
        for b in benchmarks:
            print(f"{b.name}  ({b.unit}, budget {_number(b.budget)})  {b.description}")
        return 0
    if args.only:
        known = {b.name for b in benchmarks}
        unknown = [n for n in args.only if n not in known]
        if unknown:
            print(
                f"unknown benchmark {', '.join(unknown)}; known: {', '.join(sorted(known))}",
                file=sys.stderr,
            )
            return 2
        benchmarks = [b for b in benchmarks if b.name in args.only]

    figures = []
    for b in benchmarks:
        if not args.json:
            print(f"running {b.name} ...", file=sys.stderr, flush=True)
        figures.append(measure(b))
    if args.json:
        print(json.dumps({"figures": figures}, indent=2))
    else:
        print(table(figures))
    over = any(f["within_budget"] is False for f in figures)
    return 1 if over and args.fail_over_budget else 0


if __name__ == "__main__":
    raise SystemExit(main())
