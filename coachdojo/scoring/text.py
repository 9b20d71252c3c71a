"""Text helpers for the scorer and the engine: normalising, sentences, content words, topics.

Normalising keeps the text's length, so a span found in the normalised text is the same
span in what the student typed (evidence is quoted from the original).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'", "`": "'"})
WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")  # a word of normalised text
_SENTENCE_END_RE = re.compile(r"[.!?\u2026]+[\"')\]]*(?=\s|$)|\n+|\s[-\u2013\u2014]{1,2}\s|;\s")
_SUFFIXES = ("ingly", "ing", "edly", "ed", "ies", "es", "s", "ly", "er")


def normalise(text: str) -> str:
    """Lower case, straight quotes, same length as the input (one char per char)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two; keep one
        lowered = "".join(ch.lower()[0] for ch in text)
    if lowered.isascii():  # the only ASCII character to straighten is the backtick
        return lowered.replace("`", "'") if "`" in lowered else lowered
    return lowered.translate(_QUOTES)


def words(text: str) -> list[str]:
    """Lower-case word tokens (apostrophes kept inside words)."""
    return WORD_RE.findall(normalise(text))


@dataclass(frozen=True)
class Sentence:
    """A sentence (or clause) of a reply: its span in the reply and how it ends."""

    start: int
    end: int
    text: str  # normalised
    question_mark: bool


def sentences(norm: str) -> list[Sentence]:
    """Split normalised text into sentences on . ! ? … new lines, dashes and semicolons."""
    out: list[Sentence] = []
    pos = 0
    for match in _SENTENCE_END_RE.finditer(norm):
        _add_sentence(out, norm, pos, match.end(), "?" in match.group(0))
        pos = match.end()
    _add_sentence(out, norm, pos, len(norm), False)
    return out


def _add_sentence(out: list[Sentence], norm: str, start: int, end: int, question: bool) -> None:
    chunk = norm[start:end]
    stripped = chunk.strip(" \t\n\r-\u2013\u2014;")
    if not any(c.isalnum() for c in stripped):
        if question and out:
            prev = out[-1]
            out[-1] = Sentence(prev.start, end, norm[prev.start:end], True)
        return
    lead = len(chunk) - len(chunk.lstrip(" \t\n\r-\u2013\u2014;"))
    s = start + lead
    text = norm[s:end].rstrip(" \t\n\r-\u2013\u2014;")
    out.append(Sentence(s, s + len(text), text, question or text.endswith("?")))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, enough to match 'stressed' with 'stress' and 'managing' with 'manage'."""
    word = word.replace("'", "")
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=8192)
def _phrase_tokens(phrase: str) -> str:
    return " " + " ".join(words(phrase)) + " "


def mentions(text: str, phrase: str, *, cutoff: float = 88.0) -> bool:
    """True when `text` mentions `phrase`: whole words, case and punctuation ignored, small typos
    tolerated for phrases of five letters or more (the alignment must cover the whole phrase)."""
    target = _phrase_tokens(phrase)
    haystack = " " + " ".join(words(text)) + " "
    if target.strip() == "":
        return False
    if target in haystack:
        return True
    core = target.strip()
    if len(core) < 5:
        return False
    # A stem match: "deadlines" mentions "deadline", "delegating" mentions "delegate".
    stems = " " + " ".join(stem(w) for w in haystack.split()) + " "
    if " " + " ".join(stem(w) for w in core.split()) + " " in stems:
        return True
    alignment = fuzz.partial_ratio_alignment(target, haystack, score_cutoff=cutoff)
    if alignment is None:
        return False
    covered = alignment.src_end - alignment.src_start
    return covered >= len(target) - 2
