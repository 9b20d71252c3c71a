"""Engine speed: one step (scoring the reply plus routing) on a generated 500-node scenario."""

from __future__ import annotations

import statistics
import time
from functools import cache

from bench_scenario import large_scenario_yaml
from common import Benchmark

from coachdojo.engine import Session
from coachdojo.engine.testing import student_bank
from coachdojo.scenario import check_scenario_bytes

NODES = 500
STEPS = 300


@cache
def _scenario():
    result = check_scenario_bytes("generated-500.yaml", large_scenario_yaml(NODES))
    assert result.scenario is not None, result.errors[:3]
    return result.scenario


def step_ms() -> float:
    """Median milliseconds per `Session.reply` over STEPS replies of every code."""
    scenario = _scenario()
    replies = [line for lines in student_bank().values() for line in lines]
    times: list[float] = []
    session = Session(scenario, seed=1)
    session.opening()
    for i in range(STEPS):
        if session.ended:
            session = Session(scenario, seed=i)
            session.opening()
        reply = replies[(i * 7) % len(replies)]
        start = time.perf_counter()
        session.reply(reply)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


BENCHMARKS = [
    Benchmark(
        "engine.step_500_nodes",
        step_ms,
        "ms",
        2.0,
        f"median time of one Session.reply (score + route) on a generated {NODES}-node scenario",
    ),
]

if __name__ == "__main__":
    print(f"engine.step_500_nodes: {step_ms():.3f} ms")
