"""Check that the technique scorer's outputs have not changed: record a baseline, then compare.

    python benchmarks/check_scorer_identity.py --record /tmp/scorer_baseline.json
    python benchmarks/check_scorer_identity.py --compare /tmp/scorer_baseline.json

It scores every line of tests/data/gold.jsonl with its context, plus a few hundred synthetic and
odd replies built deterministically (empty, emoji, a 5,000-character paste, non-English, typos,
lower case, no question marks, recombined gold sentences), and writes `Annotation.to_dict()` for
each. `--compare` prints every difference and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from coachdojo.scoring import Utterance, score

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold.jsonl"
SEED = 20240611


def _gold_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _typo(word: str, rng: random.Random) -> str:
    """Swap two neighbouring letters, drop one or double one (a deterministic typo)."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def cases() -> list[tuple[str, list[dict[str, str]]]]:
    """Every (reply, context) pair to score, in a fixed order."""
    rows = _gold_rows()
    out: list[tuple[str, list[dict[str, str]]]] = [(r["text"], r["context"]) for r in rows]
    rng = random.Random(SEED)
    contexts = [r["context"] for r in rows if r["context"]]
    texts = [r["text"] for r in rows]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s.strip()]

    def ctx() -> list[dict[str, str]]:
        return rng.choice(contexts)

    odd = [
        "", " ", "\n\n", "?", "...", "!!!", "\U0001f600", "\U0001f44d\U0001f44d", "ok \U0001f642",
        "12345", "3?", "-- -- --", "\u2014", "'", '"quoted"', "[/]", "[@click=app.quit]x[/]",
        "¿Qué te gustaría lograr hoy?", "Was möchtest du heute erreichen?", "Qu'est-ce qui compte pour vous ?",
        "Что для вас важно?", "今日は何について話しましょうか？", "무엇을 원하세요?", "ما الذي تريده؟",
        "Wie fühlst du dich dabei", "Co chcesz osiągnąć?", "İstanbul'da ne yaptın?",
        "waht do you want?", "how does taht feel", "soudns like you're stuck", "tell me moer",
        "it sonuds like a lot", "yuo should delegate", "wehn you say stuck, what do you mean",
        "WHAT WOULD HELP?", "YOU SHOULD JUST TELL HIM", "So. Um. Yeah.", "hmm", "mm", "right?",
        "Really?", "Everyone?", "isn't it?", "you know", "you did that yourself",
        "You\u2019re exhausted, what would help?", "\u201cStuck\u201d \u2014 what does that mean?",
        "\u0130stanbul", "ß" * 10, "ﬁne, what next", "a" * 300, "why " * 50,
        "We have 30 minutes. What would you like to cover?", "It's 50% of the work; is that right?",
    ]
    for text in odd:
        out.append((text, ctx()))
        out.append((text, []))
    # A long paste: gold sentences joined until past 5,000 characters (longer than analysed).
    paste = []
    while sum(len(s) + 1 for s in paste) < 5200:
        paste.append(rng.choice(sentences))
    out.append((" ".join(paste), ctx()))
    out.append(("\n".join(paste[:40]), ctx()))
    for _ in range(120):  # lower case, no question marks, typos
        text = rng.choice(texts)
        out.append((text.lower(), ctx()))
        out.append((text.replace("?", ""), ctx()))
        out.append((" ".join(_typo(w, rng) for w in text.split()), ctx()))
    for _ in range(200):  # recombined gold sentences, in fresh contexts
        k = rng.randrange(1, 4)
        out.append((" ".join(rng.choice(sentences) for _ in range(k)), ctx()))
    for _ in range(60):  # clauses joined with commas and dashes
        a, b = rng.choice(sentences).rstrip(".!?"), rng.choice(sentences)
        out.append((f"{a}, {b[:1].lower()}{b[1:]}", ctx()))
        out.append((f"{a} \u2014 {b}", ctx()))
    return out


def run() -> list[dict[str, Any]]:
    """Score every case; each result is `Annotation.to_dict()` with the case's index."""
    results = []
    for i, (text, context) in enumerate(cases()):
        turns = [Utterance(u["speaker"], u["text"]) for u in context]
        results.append({"case": i, **score(text, turns).to_dict()})
    return results


def compare(baseline: list[dict[str, Any]], current: list[dict[str, Any]]) -> list[str]:
    """A line per difference between two runs (empty when identical)."""
    problems = []
    if len(baseline) != len(current):
        problems.append(f"case count differs: baseline {len(baseline)}, now {len(current)}")
    for old, new in zip(baseline, current, strict=False):
        if old != new:
            keys = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
            problems.append(f"case {old['case']} {old['text'][:70]!r}:")
            problems.extend(f"    {k}: {old.get(k)!r} -> {new.get(k)!r}" for k in keys)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", type=Path, metavar="JSON", help="write the current outputs here")
    mode.add_argument("--compare", type=Path, metavar="JSON", help="compare the current outputs with this baseline")
    args = parser.parse_args(argv)
    results = run()
    if args.record:
        args.record.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"recorded {len(results)} outputs to {args.record}")
        return 0
    baseline = json.loads(args.compare.read_text(encoding="utf-8"))
    problems = compare(baseline, results)
    for line in problems:
        print(line)
    changed = sum(1 for line in problems if line.startswith("case "))
    print(f"{len(results)} cases compared, {changed} differ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
