"""Agreement of the scorer with a labelled (gold) file: per-code P/R/F1, primary kappa, confusion.

The gold format and the JSON this produces are contracts (see docs/scoring.md and design.md).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachdojo.codes import CODES, PRIMARIES
from coachdojo.errors import GoldFileError
from coachdojo.transcript import Annotation, Utterance


@dataclass(frozen=True)
class GoldLine:
    id: str
    context: tuple[Utterance, ...]
    text: str
    codes: frozenset[str]
    primary: str | None
    judged: frozenset[str]
    line: int


def read_gold(path: str | Path) -> list[GoldLine]:
    """Read a gold JSONL file; any bad line raises GoldFileError naming the file and line."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise GoldFileError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GoldFileError(f"{path}:{line}: not UTF-8 text") from None
    out: list[GoldLine] = []
    # Split on new lines only: U+2028 and friends may stand inside a JSON string.
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFileError(f"{path}:{n}:{exc.colno}: not valid JSON: {exc.msg}") from None
        out.append(_gold_line(obj, path, n))
    if not out:
        raise GoldFileError(f"{path}: no labelled lines found; expected one JSON object per line")
    return out


def _gold_line(obj: Any, path: str | Path, n: int) -> GoldLine:
    where = f"{path}:{n}"
    if not isinstance(obj, dict):
        raise GoldFileError(f"{where}: expected a JSON object with 'text' and 'codes'")
    text = obj.get("text")
    if not isinstance(text, str):
        raise GoldFileError(f"{where}: 'text' must be a string")
    codes = obj.get("codes")
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise GoldFileError(f"{where}: 'codes' must be a non-empty list of code names (a reply with nothing else is 'other')")
    unknown = [c for c in codes if c not in CODES]
    if unknown:
        raise GoldFileError(f"{where}: unknown code '{unknown[0]}'; expected codes from: {', '.join(CODES)}")
    primary = obj.get("primary")
    if primary is not None and primary not in PRIMARIES:
        raise GoldFileError(f"{where}: unknown primary '{primary}'; expected one of {', '.join(PRIMARIES)}")
    judged = obj.get("judged")
    if judged is not None and (not isinstance(judged, list) or any(c not in CODES for c in judged)):
        raise GoldFileError(f"{where}: 'judged' must be a list of code names")
    context = []
    for i, turn in enumerate(obj.get("context") or []):
        if not isinstance(turn, dict) or not isinstance(turn.get("text"), str) or turn.get("speaker") not in {"coach", "coachee"}:
            raise GoldFileError(f"{where}: context[{i}] must be {{'speaker': 'coach'|'coachee', 'text': ...}}")
        context.append(Utterance(turn["speaker"], turn["text"]))
    return GoldLine(
        str(obj.get("id", f"line-{n}")),
        tuple(context),
        text,
        frozenset(codes),
        primary,
        frozenset(judged) if judged is not None else frozenset(CODES),
        n,
    )


def cohen_kappa(pairs: Iterable[tuple[str, str]]) -> float:
    pairs = list(pairs)
    if not pairs:
        return 0.0
    n = len(pairs)
    observed = sum(1 for g, p in pairs if g == p) / n
    gold_counts = Counter(g for g, _ in pairs)
    pred_counts = Counter(p for _, p in pairs)
    expected = sum(gold_counts[k] * pred_counts.get(k, 0) for k in gold_counts) / (n * n)
    if expected >= 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(
    gold: list[GoldLine], scorer: Callable[[str, tuple[Utterance, ...]], Annotation]
) -> tuple[dict[str, Any], list[tuple[GoldLine, Annotation]]]:
    """Score every gold line; return the contract JSON object and the (gold, prediction) pairs."""
    started = time.perf_counter()
    predictions = [(g, scorer(g.text, g.context)) for g in gold]
    seconds = time.perf_counter() - started
    per_code: dict[str, dict[str, float | int]] = {}
    for code in CODES:
        tp = fp = fn = support = 0
        for g, p in predictions:
            if code not in g.judged:
                continue
            in_gold, in_pred = code in g.codes, code in p.codes
            support += in_gold
            tp += in_gold and in_pred
            fp += in_pred and not in_gold
            fn += in_gold and not in_pred
        if support == 0 and fp == 0:
            continue
        precision, recall, f1 = _f1(tp, fp, fn)
        per_code[code] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": support}
    scored = [v["f1"] for v in per_code.values() if v["support"] > 0]
    pairs = [(g.primary, p.primary) for g, p in predictions if g.primary is not None]
    confusion: dict[str, dict[str, int]] = {}
    for g_label, p_label in pairs:
        confusion.setdefault(g_label, {}).setdefault(p_label, 0)
        confusion[g_label][p_label] += 1
    primary_f1 = []
    for label in PRIMARIES:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fn:
            primary_f1.append(_f1(tp, fp, fn)[2])
    result = {
        "n": len(gold),
        "per_code": per_code,
        "macro_f1": round(sum(scored) / len(scored), 4) if scored else 0.0,
        "primary": {
            "accuracy": round(sum(1 for g, p in pairs if g == p) / len(pairs), 4) if pairs else 0.0,
            "macro_f1": round(sum(primary_f1) / len(primary_f1), 4) if primary_f1 else 0.0,
            "kappa": round(cohen_kappa(pairs), 4),
            "confusion": confusion,
        },
        "seconds": round(seconds, 4),
        "utterances_per_second": round(len(gold) / seconds, 1) if seconds > 0 else 0.0,
    }
    return result, predictions


def format_table(result: dict[str, Any]) -> str:
    """The evaluation as a readable table."""
    lines = [f"{'code':<20} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}"]
    for code, row in result["per_code"].items():
        lines.append(f"{code:<20} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f} {row['support']:>8}")
    primary = result["primary"]
    lines += [
        "",
        f"macro F1 over codes: {result['macro_f1']:.3f}",
        (
            f"primary behaviour:   accuracy {primary['accuracy']:.3f}, macro F1 {primary['macro_f1']:.3f}, kappa {primary['kappa']:.3f}"
            if primary["confusion"]
            else "primary behaviour:   n/a (no line carries a 'primary' label)"
        ),
        "",
        "confusion (rows gold, columns predicted):",
        " " * 12 + "".join(f"{label:>12}" for label in PRIMARIES),
    ]
    for label in PRIMARIES:
        row = primary["confusion"].get(label, {})
        lines.append(f"{label:<12}" + "".join(f"{row.get(p, 0):>12}" for p in PRIMARIES))
    lines.append("")
    lines.append(f"{result['n']} utterances in {result['seconds']:.2f} s ({result['utterances_per_second']:,.0f} per second)")
    return "\n".join(lines)
