"""The sparse cue after each reply: a glyph and a name per code, never colour alone.

✓ a listening move (open question, reflection, ...), ✗ a directive move (advice, leading,
confront, self-disclosure), ~ something to watch (closed, why or stacked questions,
information), · anything else. The groups come from coachdojo.codes. Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coachdojo.codes import CODE_LABELS, CODES, DIRECTIVE_CODES, LISTENING_CODES

WATCH_CODES = frozenset({"closed_question", "why_question", "stacked_questions", "information"})
GLYPHS = {"good": "✓", "bad": "✗", "watch": "~", "neutral": "·"}


@dataclass(frozen=True)
class CuePart:
    """One code as shown: its glyph, its name and its kind (good, bad, watch, neutral)."""

    code: str
    glyph: str
    label: str
    kind: str

    def __str__(self) -> str:
        return f"{self.glyph} {self.label}"


def kind_of(code: str) -> str:
    if code in DIRECTIVE_CODES:
        return "bad"
    if code in LISTENING_CODES:
        return "good"
    if code in WATCH_CODES:
        return "watch"
    return "neutral"


def cue_parts(codes: Iterable[str]) -> list[CuePart]:
    """The codes of a reply in the scorer's order, each with its glyph and name."""
    present = set(codes)
    ordered = [c for c in CODES if c in present] + sorted(present - set(CODES))
    return [
        CuePart(c, GLYPHS[kind_of(c)], CODE_LABELS.get(c, c.replace("_", " ")), kind_of(c))
        for c in ordered
    ]


def cue_text(codes: Iterable[str]) -> str:
    """"✓ open question  ✗ advice": the whole cue as one line."""
    return "  ".join(str(p) for p in cue_parts(codes)) or "· no code"
