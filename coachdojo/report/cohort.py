"""Cohort CSV: one row of headline figures per transcript, for trainers comparing sessions."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from coachdojo.report.model import Report
from coachdojo.store.history import METRIC_COLUMNS

# The history's metric columns (the single list is store.history.METRIC_COLUMNS), framed by
# the cohort's own figures.
COLUMNS = (
    "file",
    "turns",
    "coach_turns",
    *METRIC_COLUMNS,
    "advice_turns",
    "stacked_question_turns",
    "coach_word_share",
    "missed_opportunities",
    "stance",
)


def cohort_row(name: str, report: Report) -> dict[str, object]:
    """The headline figures of one report; empty cells for figures that do not apply."""
    m = report.metrics
    blank = lambda v: "" if v is None else v  # noqa: E731
    return {
        "file": name,
        "turns": sum(1 for t in report.turns if not t.rewound),
        "coach_turns": m.coach_turns,
        **{name: blank(getattr(m, name)) for name in METRIC_COLUMNS},
        "advice_turns": len(m.advice_turns),
        "stacked_question_turns": len(m.stacked_question_turns),
        "coach_word_share": blank(m.coach_word_share),
        "missed_opportunities": m.missed_opportunities,
        "stance": report.stance_overall,
    }


def cohort_csv(rows: Iterable[dict[str, object]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()
