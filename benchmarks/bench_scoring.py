"""Technique scorer speed: replies scored per second, each with three turns of context.

The replies are the gold replies plus deterministic recombinations of gold sentences and
clauses shaped like the gold replies (one sentence or clause swapped), 6,000 in all and no two alike (the scorer caches nothing keyed by the whole reply, and
the figure must not depend on repeats). Each reply gets the last three turns of a gold context
that has at least three turns. One warm-up pass, then the median of REPEAT timed passes.

    python benchmarks/bench_scoring.py          # prints the figure
    python benchmarks/run.py --only scoring.reply_us
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import time
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import Benchmark  # noqa: E402

from coachdojo.scoring import Utterance, default_scorer  # noqa: E402

GOLD = HERE.parent / "tests" / "data" / "gold.jsonl"
REPLIES = 6_000
REPEAT = 5
BUDGET = 20_000.0  # replies per second, at least
SEED = 7


@cache
def workload(n: int = REPLIES) -> tuple[tuple[str, tuple[Utterance, ...]], ...]:
    """`n` distinct replies, each with the last three turns of a gold context (built once)."""
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    contexts = [
        tuple(Utterance(u["speaker"], u["text"]) for u in r["context"][-3:]) for r in rows if len(r["context"]) >= 3
    ]
    replies: list[str] = []
    seen: set[str] = set()

    def add(text: str) -> None:
        if text not in seen and len(replies) < n:
            seen.add(text)
            replies.append(text)

    for row in rows:
        add(row["text"])
    split = [[s for s in re.split(r"(?<=[.!?])\s+", r["text"]) if s.strip()] for r in rows]
    sentences = sorted({s for parts in split for s in parts})
    clauses = sorted({c.strip() for s in sentences for c in s.split(",") if len(c.split()) >= 2})
    by_length: dict[int, list[str]] = {}
    for sentence in sentences:
        by_length.setdefault(len(sentence) // 20, []).append(sentence)
    rng = random.Random(SEED)
    # Recombinations keep the shape of the gold set: take a gold reply and swap one of its
    # sentences for a gold sentence of about the same length, or (one in three) swap what
    # follows a comma for another gold clause.
    while len(replies) < n:
        parts = list(rng.choice(split))
        if not parts:
            continue
        i = rng.randrange(len(parts))
        if rng.randrange(3) == 0 and "," in parts[i]:
            head = parts[i].split(",")[0]
            tail = rng.choice(clauses)
            parts[i] = f"{head}, {tail[:1].lower()}{tail[1:]}"
        else:
            parts[i] = rng.choice(by_length[len(parts[i]) // 20])
        add(" ".join(parts))
    return tuple((text, contexts[i % len(contexts)]) for i, text in enumerate(replies))


def replies_per_second(repeat: int = REPEAT) -> float:
    """The median over `repeat` passes of replies scored per second (after one warm-up pass)."""
    cases = workload()
    scorer = default_scorer()

    def one_pass() -> None:
        for text, context in cases:
            scorer.score(text, context)

    one_pass()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        one_pass()
        times.append(time.perf_counter() - start)
    return len(cases) / statistics.median(times)


def microseconds_per_reply() -> float:
    """The same measurement as `replies_per_second`, as microseconds per reply (lower is better)."""
    return 1e6 / replies_per_second()


BENCHMARKS = [
    Benchmark(
        "scoring.reply_us",
        microseconds_per_reply,
        "us/reply",
        1e6 / BUDGET,
        f"median of {REPEAT}: Scorer.score on {REPLIES:,} distinct replies with three turns of context"
        f" (budget {1e6 / BUDGET:g} us = {BUDGET:,.0f} replies/s)",
    ),
]

if __name__ == "__main__":
    rate = replies_per_second()
    print(f"scoring: {rate:,.0f} replies/s (median of {REPEAT} passes over {REPLIES:,} distinct replies; "
          f"budget {BUDGET:,.0f}/s, {'within' if rate >= BUDGET else 'OVER'} budget)")
