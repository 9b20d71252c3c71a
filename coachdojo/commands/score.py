"""`coachdojo score`: the session report for any transcript, or a cohort CSV for a folder."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from coachdojo.commands.common import EXIT_FOUND_WANTING, EXIT_OK, EXIT_USAGE, err, write_output
from coachdojo.errors import CoachdojoError, TranscriptError
from coachdojo.transcript import Transcript

TRANSCRIPT_SUFFIXES = (".txt", ".text", ".transcript", ".jsonl")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise TranscriptError(f"{path}: is a directory") from None
    except OSError as exc:
        raise TranscriptError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TranscriptError(f"{path}:{line}: not UTF-8 text (byte {exc.start})") from None


def _looks_like_jsonl(path: Path, text: str) -> bool:
    return path.suffix.lower() == ".jsonl" or text.lstrip().startswith("{")


def load_any_transcript(path: Path, coach_label: str | None = None, client_label: str | None = None) -> Transcript:
    """A coachdojo JSONL transcript (through coachdojo.store) or a plain-text one."""
    from coachdojo.report.parse import parse_transcript_text

    text = _read_text(path)
    try:
        from coachdojo.store.transcripts import is_coachdojo_transcript, load_transcript
    except ImportError:
        if _looks_like_jsonl(path, text):
            raise TranscriptError(
                f"{path}: looks like a coachdojo JSONL transcript, which this installation cannot read "
                "yet (coachdojo.store.transcripts is missing); plain-text transcripts work"
            ) from None
    else:
        if is_coachdojo_transcript(path):
            return load_transcript(path)
        if path.suffix.lower() == ".jsonl":
            raise TranscriptError(f"{path}: not a coachdojo transcript")
    return parse_transcript_text(text, str(path), coach_label=coach_label, client_label=client_label)


def _width() -> int:
    if sys.stdout.isatty():
        return max(60, min(shutil.get_terminal_size((80, 24)).columns, 120))
    return 80


def cmd_score(args: argparse.Namespace) -> int:
    from coachdojo.report import build_report, render

    path = Path(args.transcript)
    if path.is_dir():
        if args.format is not None:
            err(
                f"coachdojo score: {path} is a folder, which gives a cohort CSV (one row per transcript); "
                "--format applies to a single transcript"
            )
            return EXIT_USAGE
        return _cohort(path, args)
    transcript = load_any_transcript(path, args.coach_label, args.client_label)
    report = build_report(transcript)
    width = _width() if args.output is None else 80
    write_output(render(report, args.format or "text", width=width), args.output)
    return EXIT_OK


def _cohort(folder: Path, args: argparse.Namespace) -> int:
    from coachdojo.report import build_report
    from coachdojo.report.cohort import cohort_csv, cohort_row

    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TRANSCRIPT_SUFFIXES)
    if not files:
        raise TranscriptError(f"{folder}: no transcripts found (looked for {', '.join(TRANSCRIPT_SUFFIXES)} files)")
    rows, failed = [], 0
    for file in files:
        try:
            report = build_report(load_any_transcript(file, args.coach_label, args.client_label))
        except CoachdojoError as exc:
            err(f"coachdojo score: {exc}")
            failed += 1
            continue
        rows.append(cohort_row(file.name, report))
    write_output(cohort_csv(rows), args.output)
    return EXIT_FOUND_WANTING if failed else EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add `score` to the `coachdojo` parser."""
    p = sub.add_parser(
        "score",
        help="report on any transcript",
        description="Report on a coaching transcript: plain text with speaker prefixes "
        "(Coach:/Client:, Coach:/Coachee:, Me:/Them:, or your own labels) or coachdojo's own "
        "JSONL. Given a folder, print a cohort CSV with one row per transcript.",
    )
    p.add_argument("transcript", metavar="TRANSCRIPT", help="a transcript file, or a folder of them")
    p.add_argument("--format", choices=["text", "md", "html", "json"], default=None, help="report format for one transcript (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--coach-label", metavar="L", help="the coach's speaker label (default: Coach or Me)")
    p.add_argument("--client-label", metavar="L", help="the client's speaker label (default: Client, Coachee or Them)")
    p.set_defaults(handler=cmd_score)
