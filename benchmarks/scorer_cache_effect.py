"""How much the scorer pays for memory: the same work timed in the benchmark's mix and repeated.

The scoring benchmark scores 6,000 different replies in turn, so each reply finds little of
what it needs (regex code, gate tables, stems) still in the processor's caches. This script
times the same work two ways and prints both, in CPU time:

- every reply of the workload scored `--repeat` times in a row, against the replies scored in
  turn (`--repeat` passes over each block of 300 different replies; the two ways alternate
  block by block, so that the machine's drift falls on both alike);
- each category search that passes its gate, as it runs inside the mix, against the same
  searches run again back to back on their texts.

    python benchmarks/scorer_cache_effect.py                 # the benchmark's 6,000 replies
    python benchmarks/scorer_cache_effect.py --replies 1000

A large gap means that touching less memory (smaller patterns and tables) would pay more than
cutting instructions.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import bench_scoring  # noqa: E402

from coachdojo.scoring import Scorer  # noqa: E402


class _TimedRegex:
    """Stands in for a category's compiled regex and times each search, keeping its text."""

    def __init__(self, name: str, regex: re.Pattern[str], spent: Counter[str], texts: dict[str, list[str]]) -> None:
        self.name, self.regex, self.spent, self.texts = name, regex, spent, texts

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        start = time.process_time_ns()
        match = self.regex.search(text, *args)
        self.spent[self.name] += time.process_time_ns() - start
        self.texts[self.name].append(text)
        return match


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replies", type=int, default=bench_scoring.REPLIES, help="replies from the workload (default all)")
    parser.add_argument("--repeat", type=int, default=10, help="times each reply is scored in a row (default 10)")
    args = parser.parse_args(argv)
    cases = bench_scoring.workload()[: args.replies]
    scorer = Scorer()
    for text, context in cases:  # warm up: lexicon compiled, coachee turns read
        scorer.score(text, context)

    # Both ways in turns, 300 replies at a time, so that the machine's drift falls on both alike.
    spent_mixed = spent_repeated = 0.0
    for number, first in enumerate(range(0, len(cases), 300)):
        block = cases[first : first + 300]
        for way in ("mixed", "repeated") if number % 2 == 0 else ("repeated", "mixed"):
            start = time.process_time()
            if way == "mixed":
                for _ in range(args.repeat):
                    for text, context in block:
                        scorer.score(text, context)
                spent_mixed += time.process_time() - start
            else:
                for text, context in block:
                    for _ in range(args.repeat):
                        scorer.score(text, context)
                spent_repeated += time.process_time() - start
    mixed = spent_mixed / (args.repeat * len(cases)) * 1e6
    repeated = spent_repeated / (args.repeat * len(cases)) * 1e6
    print(f"replies: {mixed:.1f} us each in the mix, {repeated:.1f} us each scored {args.repeat} times in a row")

    lexicon = scorer.lex
    categories = {**lexicon.categories, **{f"stage:{name}": cues for name, cues in lexicon.stages.items()}}
    spent: Counter[str] = Counter()
    texts: dict[str, list[str]] = defaultdict(list)
    for name, category in categories.items():
        category.regex = _TimedRegex(name, category.regex, spent, texts)
    try:
        for text, context in cases:
            scorer.score(text, context)
    finally:
        for category in categories.values():
            category.regex = category.regex.regex
    print("category searches that pass a gate, us each: in the mix / again back to back")
    for name, total in spent.most_common(8):
        regex = categories[name].regex
        start = time.process_time_ns()
        for text in texts[name]:
            regex.search(text)
        again = time.process_time_ns() - start
        count = len(texts[name])
        print(f"  {name:20s} {count / len(cases):5.2f} per reply  {total / count / 1000:6.2f} / {again / count / 1000:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
