"""Plain-text transcripts with speaker prefixes ("Coach: ...", "CLIENT - ...") -> Transcript.

Pure: takes the text and a name for messages, never touches the file system. Rules:
- a speaker line is `LABEL:` or `LABEL -` (spaces around the colon allowed, any case);
- coach labels: coach, me; client labels: client, coachee, them (or --coach-label/--client-label);
- when exactly one side is recognised and exactly one other label is used, that label is the
  other side ("Coach:" / "Sam:");
- lines without a speaker label continue the current turn; blank lines are ignored;
- no speaker labels, more than two speakers (unless both labels are given, in which case other
  "Label:" lines are ordinary text), or text before the first speaker is a TranscriptError
  naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachdojo.errors import TranscriptError
from coachdojo.transcript import COACH, COACHEE, Transcript, Turn

COACH_LABELS = ("coach", "me")
CLIENT_LABELS = ("client", "coachee", "them")

# "Coach: text", "Coach : text", "COACH - text", "Dr. Lee: text". A label is 1-3 words.
_SPEAKER = re.compile(
    r"^\s*(?P<label>[^\W\d_][\w.'\u2019]*(?:[ ][\w.'\u2019]+){0,2}?)"
    r"(?:\s*(?P<colon>:)|\s+[-\u2013\u2014](?=\s|$))\s*(?P<rest>.*)$"
)


@dataclass(frozen=True)
class _Line:
    number: int
    label: str | None  # normalised label when the line starts with one
    raw_label: str
    colon: bool
    rest: str
    text: str


def _norm(label: str) -> str:
    return " ".join(label.replace("\u2019", "'").casefold().split())


def _scan(text: str) -> list[_Line]:
    lines: list[_Line] = []
    # Split on "\n" only (dropping a "\r" before it): str.splitlines() would also split on
    # U+2028, U+0085, form feeds and other breaks that belong inside a line of text.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip():
            continue
        m = _SPEAKER.match(line)
        if m:
            lines.append(_Line(number, _norm(m.group("label")), m.group("label").strip(), bool(m.group("colon")), m.group("rest").strip(), line.strip()))
        else:
            lines.append(_Line(number, None, "", False, "", line.strip()))
    return lines


def _looks_like_speaker(line: _Line) -> bool:
    """An unknown label counts as a speaker when it is one or two capitalised words, like a name
    or a role, and ends in a colon (a dash only counts after an all-capitals label: "OBSERVER -")."""
    raw = line.raw_label
    words = raw.split()
    return len(words) <= 2 and all(w[:1].isupper() for w in words) and (line.colon or raw.isupper())


def parse_transcript_text(
    text: str,
    name: str = "<transcript>",
    *,
    coach_label: str | None = None,
    client_label: str | None = None,
) -> Transcript:
    """Parse a plain-text transcript. `name` is used in error messages and as the source."""
    lines = _scan(text.lstrip("\ufeff"))
    if not lines:
        raise TranscriptError(f"{name}: the file is empty; expected lines such as 'Coach: ...' and 'Client: ...'")
    coach_set = {_norm(coach_label)} if coach_label else set(COACH_LABELS)
    client_set = {_norm(client_label)} if client_label else set(CLIENT_LABELS)
    if coach_set & client_set:
        raise TranscriptError(f"{name}: the coach and client labels must differ")
    told_both = bool(coach_label and client_label)

    first_use: dict[str, _Line] = {}
    for ln in lines:
        if ln.label is not None and ln.label not in first_use:
            if ln.label in coach_set or ln.label in client_set or (not told_both and _looks_like_speaker(ln)):
                first_use[ln.label] = ln
    coach_found = [lab for lab in first_use if lab in coach_set]
    client_found = [lab for lab in first_use if lab in client_set]
    others = [lab for lab in first_use if lab not in coach_set and lab not in client_set]
    hint = "name the two speakers with --coach-label and --client-label"

    def quoted(labels: list[str]) -> str:
        return ", ".join(f"'{first_use[lab].raw_label}' (line {first_use[lab].number})" for lab in labels)

    if not coach_found and not client_found:
        if others:
            first = first_use[others[0]]
            raise TranscriptError(
                f"{name}:{first.number}: cannot tell which speaker is the coach: found {quoted(others)}; {hint}"
            )
        raise TranscriptError(
            f"{name}:{lines[0].number}: no speaker labels found; expected lines such as "
            "'Coach: ...' and 'Client: ...' (or 'Me:'/'Them:'); " + hint
        )
    if len(coach_found) > 1 or len(client_found) > 1:
        extra = (coach_found[1:] or client_found[1:])[0]
        raise TranscriptError(
            f"{name}:{first_use[extra].number}: more than two speakers: {quoted(sorted(first_use, key=lambda k: first_use[k].number))}; {hint}"
        )
    if others:
        if coach_found and client_found or len(others) > 1:
            extra = others[0] if coach_found and client_found else others[1]
            raise TranscriptError(
                f"{name}:{first_use[extra].number}: more than two speakers: {quoted(sorted(first_use, key=lambda k: first_use[k].number))}; "
                + hint
            )
        # One side recognised, one other label: that label is the other side.
        if coach_found:
            client_found = others
        else:
            coach_found = others
    roles = {lab: COACH for lab in coach_found} | {lab: COACHEE for lab in client_found}

    turns: list[Turn] = []
    speaker: str | None = None
    start = 0
    buf: list[str] = []

    def flush() -> None:
        if speaker is not None:
            turns.append(Turn(speaker=speaker, text=" ".join(p for p in buf if p), line=start))

    for ln in lines:
        role = roles.get(ln.label) if ln.label is not None else None
        if role is not None:
            flush()
            speaker, start, buf = role, ln.number, [ln.rest]
        elif speaker is None:
            raise TranscriptError(
                f"{name}:{ln.number}: text before the first speaker label: {ln.text[:60]!r}; "
                "every turn must start with a label such as 'Coach:' or 'Client:'"
            )
        else:
            buf.append(ln.text)
    flush()
    labels = {
        COACH: first_use[coach_found[0]].raw_label if coach_found else None,
        COACHEE: first_use[client_found[0]].raw_label if client_found else None,
    }
    return Transcript(turns=tuple(turns), source=name, meta={"format": "plain-text", "labels": labels})
