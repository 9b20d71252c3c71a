"""Count the machine instructions the scorer takes per reply, with valgrind (not a dependency).

Timings on this machine drift by a quarter or more from minute to minute; an instruction count
does not drift at all, so it shows whether a change did less work even when the clock cannot.
It is not a time: instructions inside the regex engine are cheap, Python's own are dear, so a
change can cut instructions by a tenth and time by much less. Confirm with
`compare_scorer_speed.py` before believing a speed-up.

    python benchmarks/count_scorer_instructions.py            # this checkout
    python benchmarks/count_scorer_instructions.py /tmp/before

Runs the scorer under `valgrind --tool=cachegrind` twice, with the benchmark's first 1,500
replies scored once (warm-up) and then with two more passes, and prints the difference per
reply. Takes about a minute.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPLIES = 1_500
PASSES = 2

_RUN = """
import sys
sys.path.insert(0, {checkout!r}); sys.path.insert(0, {here!r})
import bench_scoring
from coachdojo.scoring import Scorer
cases = bench_scoring.workload()[:{replies}]
scorer = Scorer()
for _ in range(1 + {passes}):
    for text, context in cases:
        scorer.score(text, context)
"""


def _instructions(checkout: Path, passes: int) -> int:
    script = _RUN.format(checkout=str(checkout), here=str(HERE), replies=REPLIES, passes=passes)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(script)
    command = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, handle.name,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    finally:
        Path(handle.name).unlink()
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit("valgrind printed no instruction count:\n" + done.stderr[-2000:])
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", type=Path, nargs="?", default=HERE.parent, help="a coachdojo checkout (default: this one)")
    args = parser.parse_args(argv)
    checkout = args.checkout.resolve()
    per_reply = (_instructions(checkout, PASSES) - _instructions(checkout, 0)) / (PASSES * REPLIES)
    print(f"{checkout}: {per_reply / 1000:.1f} thousand instructions per reply")
    return 0


if __name__ == "__main__":
    sys.exit(main())
