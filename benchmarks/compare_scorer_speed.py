"""Compare the scorer's speed in two checkouts, interleaved in one process.

This machine's speed drifts by a quarter or more from one minute to the next, so two versions
timed one after the other (or side by side on the two cores) can differ by more than the change
being measured. Here both versions are loaded into one process and timed in turns over the
scoring benchmark's workload (6,000 replies, three turns of context each), in CPU time, so
drift falls on both alike.

    git worktree add /tmp/before <commit>
    python benchmarks/compare_scorer_speed.py /tmp/before .            # 16 rounds
    python benchmarks/compare_scorer_speed.py /tmp/before . --rounds 30

Prints each version's best and median microseconds per reply and the ratio B/A. Two identical
checkouts give ratios within about 4% of 1 here; read smaller differences as noise.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def _load_scoring(checkout: Path) -> ModuleType:
    """Import `coachdojo.scoring` from `checkout`, leaving no coachdojo module behind in
    `sys.modules` for the next checkout (the loaded scorer keeps its own modules alive)."""
    for name in [n for n in sys.modules if n == "coachdojo" or n.startswith("coachdojo.")]:
        del sys.modules[name]
    sys.path.insert(0, str(checkout))
    try:
        scoring = importlib.import_module("coachdojo.scoring")
    finally:
        sys.path.remove(str(checkout))
    if not Path(scoring.__file__).resolve().is_relative_to(checkout):
        raise SystemExit(f"{checkout}: coachdojo was imported from {scoring.__file__} instead")
    return scoring


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path, help="checkout A (for example a git worktree of the previous commit)")
    parser.add_argument("b", type=Path, help="checkout B")
    parser.add_argument("--rounds", type=int, default=16, help="timed passes of each version (default 16)")
    args = parser.parse_args(argv)
    scorers = {}
    for label, checkout in (("A", args.a.resolve()), ("B", args.b.resolve())):
        scorers[label] = _load_scoring(checkout).Scorer()
    sys.path.insert(0, str(HERE))
    import bench_scoring  # the workload only; its Utterance type is read by attribute

    cases = bench_scoring.workload()
    for scorer in scorers.values():  # warm up: lexicon compiled, coachee turns read
        for text, context in cases:
            scorer.score(text, context)
    times: dict[str, list[float]] = {"A": [], "B": []}
    for round_ in range(args.rounds):
        order = ("A", "B") if round_ % 2 == 0 else ("B", "A")
        for label in order:
            scorer = scorers[label]
            start = time.process_time()
            for text, context in cases:
                scorer.score(text, context)
            times[label].append((time.process_time() - start) / len(cases) * 1e6)
    for label, checkout in (("A", args.a), ("B", args.b)):
        print(f"{label} {checkout}: best {min(times[label]):.1f} us/reply, median {statistics.median(times[label]):.1f}")
    best = min(times["B"]) / min(times["A"])
    median = statistics.median(times["B"]) / statistics.median(times["A"])
    print(f"B/A: {best:.3f} (best), {median:.3f} (median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
