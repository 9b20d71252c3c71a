"""The benchmark protocol: a named figure with a unit and a budget, and a timing helper.

Each `benchmarks/bench_*.py` module exposes `BENCHMARKS: list[Benchmark]`; `run.py` finds them.
A benchmark's `fn` does the whole measurement (set-up included) and returns one number in
`unit`; lower is better, and the figure is within budget when it is at most `budget`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Benchmark:
    """One measured figure: `fn()` returns its value in `unit`; at most `budget` is good."""

    name: str
    fn: Callable[[], float]
    unit: str
    budget: float | None = None
    description: str = ""


def median_seconds(fn: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    """The median wall-clock time of `repeat` calls of `fn`, after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
