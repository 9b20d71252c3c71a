"""Scorer commands: `coachdojo classify` (one reply) and `coachdojo eval` (agreement with a gold file)."""

from __future__ import annotations

import argparse
import json

from coachdojo.commands.common import EXIT_OK, EXIT_USAGE, err, out

_SPEAKERS = {"coach": "coach", "me": "coach", "coachee": "coachee", "client": "coachee", "them": "coachee"}


def parse_context(items: list[str]) -> list:
    """`--context "coachee: I'm stuck"`; a line without a known speaker prefix is the coachee's."""
    from coachdojo.transcript import Utterance

    turns = []
    for item in items:
        head, sep, rest = item.partition(":")
        speaker = _SPEAKERS.get(head.strip().lower()) if sep else None
        turns.append(Utterance(speaker, rest.strip()) if speaker else Utterance("coachee", item.strip()))
    return turns


def cmd_classify(args: argparse.Namespace) -> int:
    from coachdojo.codes import CODE_LABELS
    from coachdojo.scoring import score

    if not args.text.strip():
        err("coachdojo classify: nothing to classify; give the reply as TEXT, e.g. coachdojo classify \"What would help?\"")
        return EXIT_USAGE
    annotation = score(args.text, parse_context(args.context))
    if args.json:
        out(json.dumps(annotation.to_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    out(f"codes:   {', '.join(CODE_LABELS[c] for c in sorted(annotation.codes))}")
    out(f"primary: {annotation.primary}")
    if annotation.stage:
        out(f"stage:   {annotation.stage}")
    for evidence in annotation.evidence:
        out(f"  {CODE_LABELS[evidence.code]:<20} \"{evidence.text}\" (characters {evidence.start}-{evidence.end})")
    out(f"tip:     {annotation.tip}")
    if annotation.rewrite:
        out(f"try:     {annotation.rewrite}")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from coachdojo.scoring import score
    from coachdojo.scoring.evaluate import evaluate, format_table, read_gold

    gold = read_gold(args.gold)
    result, predictions = evaluate(gold, score)
    if args.json:
        out(json.dumps(result, indent=2))
        return EXIT_OK
    out(format_table(result))
    if args.disagreements:
        shown = 0
        out("")
        out("disagreements (gold -> scorer):")
        for g, p in predictions:
            judged_gold = g.codes & g.judged
            judged_pred = p.codes & g.judged
            if judged_gold == judged_pred:
                continue
            out(f"  {g.id} line {g.line}: {sorted(judged_gold)} -> {sorted(judged_pred)}: {g.text[:100]}")
            shown += 1
            if shown >= args.disagreements:
                break
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coachdojo classify` and `coachdojo eval`."""
    p = sub.add_parser(
        "classify",
        help="the codes, evidence and tip for one reply",
        description="Classify one coach reply: technique codes, primary behaviour, GROW stage, the evidence "
        "behind each code, a tip and a better alternative.",
    )
    p.add_argument("text", metavar="TEXT", help="the coach's reply")
    p.add_argument(
        "--context",
        action="append",
        default=[],
        metavar="TEXT",
        help="an earlier turn, oldest first; prefix with 'coach:' or 'coachee:' (default coachee). Repeatable.",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_classify)

    p = sub.add_parser(
        "eval",
        help="scorer agreement with a labelled file",
        description="Score every line of a gold JSON Lines file and report per-code precision, recall and F1, "
        "and agreement on the primary behaviour (accuracy, macro F1, Cohen's kappa, confusion).",
    )
    p.add_argument("gold", metavar="GOLD.jsonl", help="labelled replies (format in docs/scoring.md)")
    p.add_argument("--json", action="store_true", help="print the result as JSON (a documented contract)")
    p.add_argument("--disagreements", type=int, default=0, metavar="N", help="also list the first N disagreements")
    p.set_defaults(handler=cmd_eval)
