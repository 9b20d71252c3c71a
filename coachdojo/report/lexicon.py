"""Cue lexicons for the report (feelings, values, contracting cues), loaded once from lexicon.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class CueSet:
    """A named list of words or phrases, matched case-insensitively on word boundaries."""

    name: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]

    def search(self, text: str) -> tuple[int, str] | None:
        """(position in the normalised text, cue) of the first cue in `text`, or None."""
        m = self.pattern.search(normalise(text))
        return (m.start(), " ".join(m.group(0).split())) if m else None

    def find(self, text: str) -> str | None:
        """The first cue in `text` (by position), or None."""
        hit = self.search(text)
        return hit[1] if hit else None

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.pattern.search(normalise(text)) is not None


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(text.translate(_QUOTES).lower().split())


def _compile(name: str, phrases: list[str]) -> CueSet:
    cleaned = sorted({normalise(p) for p in phrases if str(p).strip()}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in cleaned)
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)" if body else r"(?!x)x")
    return CueSet(name, tuple(cleaned), pattern)


@cache
def lexicon() -> dict[str, CueSet]:
    """All cue sets from lexicon.yaml, compiled once per process."""
    raw = yaml.safe_load(resources.files("coachdojo.report").joinpath("lexicon.yaml").read_text("utf-8"))
    return {name: _compile(name, [str(p) for p in phrases or ()]) for name, phrases in raw.items()}


def cues(name: str) -> CueSet:
    return lexicon()[name]
