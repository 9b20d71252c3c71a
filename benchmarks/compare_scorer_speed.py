"""Compare the scorer's speed in two checkouts, interleaved in one process.

This machine's speed drifts by a quarter or more from one minute to the next, so two versions
timed one after the other (or side by side on the two cores) can differ by more than the change
being measured. Here both versions are loaded into one process and timed in turns over the
scoring benchmark's workload (6,000 replies, three turns of context each), in CPU time, a block
of 300 replies at a time, so drift falls on both alike.

    git worktree add /tmp/before <commit>
    python benchmarks/compare_scorer_speed.py /tmp/before .            # 6 rounds
    python benchmarks/compare_scorer_speed.py /tmp/before . --rounds 12

Prints each version's best and median microseconds per reply over the rounds and the ratio B/A:
of all the time taken, of the best rounds, and the median of the blocks' ratios. Two identical
checkouts gave 0.99-1.01 here by the first and last; read smaller differences as noise.
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
    parser.add_argument("--rounds", type=int, default=6, help="timed passes of each version (default 6)")
    parser.add_argument("--block", type=int, default=300, help="replies timed for one version before the other (default 300)")
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
    # Each round is one pass over the workload in blocks of `--block` replies, each block timed
    # for both versions in turn (the first alternating), so that drift within a pass falls on
    # both alike; a version's time for the round is the sum of its blocks.
    times: dict[str, list[float]] = {"A": [], "B": []}
    block_ratios: list[float] = []
    for round_ in range(args.rounds):
        spent = {"A": 0.0, "B": 0.0}
        for number, first in enumerate(range(0, len(cases), args.block)):
            block = cases[first : first + args.block]
            taken = {}
            for label in ("A", "B") if (round_ + number) % 2 == 0 else ("B", "A"):
                scorer = scorers[label]
                start = time.process_time()
                for text, context in block:
                    scorer.score(text, context)
                taken[label] = time.process_time() - start
                spent[label] += taken[label]
            if taken["A"] > 0:
                block_ratios.append(taken["B"] / taken["A"])
        for label in ("A", "B"):
            times[label].append(spent[label] / len(cases) * 1e6)
    for label, checkout in (("A", args.a), ("B", args.b)):
        print(f"{label} {checkout}: best {min(times[label]):.1f} us/reply, median {statistics.median(times[label]):.1f}")
    best = min(times["B"]) / min(times["A"])
    total = sum(times["B"]) / sum(times["A"])
    blocks = statistics.median(block_ratios) if block_ratios else float("nan")
    print(f"B/A: {total:.3f} (all rounds), {best:.3f} (best round), {blocks:.3f} (median of blocks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
