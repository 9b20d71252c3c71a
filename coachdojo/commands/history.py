"""`coachdojo history`: past sessions and per-scenario progress, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import json
import unicodedata
from typing import Any

from coachdojo.commands.common import EXIT_FOUND_WANTING, EXIT_OK, err, out


def _csv_columns() -> tuple[str, ...]:
    """CSV columns, one row per session: the history's columns (store.history.COLUMNS) without
    metrics_json, transcript_path last; the metrics' other scalar values follow as
    "metrics.<key>"."""
    from coachdojo.store.history import COLUMNS

    moved = ("metrics_json", "transcript_path")
    return (*(c for c in COLUMNS if c not in moved), "transcript_path")


def _clean(text: Any) -> str:
    """Text fit for a terminal: control characters (escape sequences) shown as '?'."""
    if text is None:
        return "-"
    return "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in str(text))


def _num(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def _when(iso: str | None) -> str:
    """'2025-05-01T14:22:33.120Z' -> '2025-05-01 14:22'."""
    if not iso:
        return "-"
    return iso[:16].replace("T", " ")


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def fmt(cells: list[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return [fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)]


def _csv_cell(value: Any) -> Any:
    """Guard against spreadsheet formula injection in text cells (=, +, -, @ at the start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _render_text(sessions: list[Any], progress: list[Any]) -> str:
    lines = ["Sessions", ""]
    rows = [
        [
            _when(s.started_at),
            _clean(s.scenario_id),
            _num(s.turns),
            _clean(s.ending or "-"),
            _num(s.non_directive_index),
            _num(s.reflection_question_ratio),
            _num(s.percent_open, 0),
            _num(s.percent_complex, 0),
        ]
        for s in sessions
    ]
    headers = [
        "started (UTC)",
        "scenario",
        "turns",
        "ending",
        "non-dir",
        "R:Q",
        "%open",
        "%complex",
    ]
    lines += _table(headers, rows, right={2, 4, 5, 6, 7})
    lines += ["", "Progress per scenario (non-directive index; R:Q)", ""]
    prow = []
    for p in progress:
        best = p.best
        prow.append(
            [
                _clean(p.scenario_id),
                str(p.count),
                f"{_num(p.first.non_directive_index)}; {_num(p.first.reflection_question_ratio)}",
                f"{_num(best.non_directive_index)}; {_num(best.reflection_question_ratio)}"
                if best
                else "-",
                f"{_num(p.latest.non_directive_index)}; {_num(p.latest.reflection_question_ratio)}",
            ]
        )
    lines += _table(["scenario", "sessions", "first", "best", "latest"], prow, right={1})
    return "\n".join(lines)


def _render_csv(sessions: list[Any]) -> str:
    columns = _csv_columns()
    extra: list[str] = sorted(
        {
            key
            for s in sessions
            for key, value in s.metrics.items()
            if key not in columns and (value is None or isinstance(value, str | int | float))
        }
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*columns, *(f"metrics.{k}" for k in extra)])
    for s in sessions:
        row = [_csv_cell(getattr(s, c)) for c in columns]
        for key in extra:
            value = s.metrics.get(key)
            row.append(
                _csv_cell(value if value is None or isinstance(value, str | int | float) else None)
            )
        writer.writerow(row)
    return buffer.getvalue()


def _rebuild(history: Any) -> int:
    try:
        from coachdojo.report import summarise_transcript  # type: ignore[attr-defined]
    except ImportError:
        err(
            "coachdojo history: cannot rebuild: the report builder "
            "(coachdojo.report.summarise_transcript) is not available in this installation"
        )
        return EXIT_FOUND_WANTING
    result = history.rebuild_from_transcripts(summarise_transcript)
    for problem in result.skipped:
        err(f"skipped {problem}")
    noun = "session" if result.recorded == 1 else "sessions"
    out(f"rebuilt the history: {result.recorded} {noun} recorded from the transcripts")
    if result.skipped:
        err(f"{len(result.skipped)} transcript(s) could not be read; see the lines above")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from coachdojo.store.history import History, HistoryError, history_path

    path = history_path()
    if not path.exists() and not args.rebuild:
        sessions: list[Any] = []
        progress: list[Any] = []
    else:
        try:
            history = History(path)
        except HistoryError as exc:
            if not exc.damaged:
                raise
            moved_to = History.recover(path)
            err(f"coachdojo history: {History.recovery_message(path, moved_to)}")
            if not args.rebuild:
                return EXIT_FOUND_WANTING
            history = History(path)
        with history:
            if args.rebuild:
                return _rebuild(history)
            sessions = history.sessions(args.scenario)
            progress = history.progress(args.scenario)

    if args.json:
        data = {
            "sessions": [s.to_dict() for s in sessions],
            "progress": [p.to_dict() for p in progress],
        }
        out(json.dumps(data, indent=2, ensure_ascii=False))
    elif args.csv:
        out(_render_csv(sessions))
    elif not sessions:
        if args.scenario:
            out(f"No finished sessions for scenario {_clean(args.scenario)} yet.")
        else:
            out(
                "No finished sessions yet. Practise with `coachdojo play` and your progress will show here."
            )
    else:
        out(_render_text(sessions, progress))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coachdojo history` to the parser."""
    p = sub.add_parser(
        "history",
        help="past sessions and progress",
        description="List finished sessions with their metrics, and per scenario the first, "
        "best and latest non-directive index and reflection-to-question ratio (R:Q).",
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON (sessions and progress)")
    fmt.add_argument(
        "--csv", action="store_true", help="print CSV, one row per session with its metrics"
    )
    p.add_argument("--scenario", metavar="ID", help="only sessions of this scenario")
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="re-create the history from the saved transcripts (after damage or an upgrade)",
    )
    p.set_defaults(handler=cmd_history)
