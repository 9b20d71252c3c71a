"""Text helpers for the scorer and the engine: normalising, tidying transcribed speech,
sentences, content words, topics.

Normalising keeps the text's length, so a span found in the normalised text is the same
span in what the student typed (evidence is quoted from the original).
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import eq
from typing import NamedTuple

from rapidfuzz import fuzz

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'", "`": "'"})
WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")  # a word of normalised text
# Where a sentence ends: . ! ? … (with closing quotes), new lines, a spaced dash, "; ". Written to
# open with one character class, so the regex engine skips ahead to those characters quickly;
# only each match's end is used.
_SENTENCE_END_RE = re.compile(
    r"[.!?\u2026\n;\-\u2013\u2014](?:(?<=[.!?\u2026])[.!?\u2026]*[\"')\]]*(?=\s|$)|(?<=\n)\n*"
    r"|(?<=\s[-\u2013\u2014])[-\u2013\u2014]?\s|(?<=;)\s)"
)
# Spoken fillers, blanked before reading (same length, so spans still point at what was typed).
_FILLER_RE = re.compile(
    r"(?<![\w'])(?:u+m+|u+h+|erm+|er(?=\s*,)|uhm+)(?![\w'-]),?"
    r"|[(\[](?:laughs?|laughing|laughter|chuckles?|pause[sd]?|long pause|sighs?|inaudible|unclear|crosstalk|silence|coughs?)[)\]]"
)
# A word said twice in a row ("what, what do you", "what's- what's that"): the first is blanked.
_REPEAT_RE = re.compile(r"(?<![\w'])([a-z']+)(?:[,-]?\s+)(?=\1(?![\w']))")
# A false start cut off with a dash ("is she- how's she been", "how've you- how've you"): up
# to four words at the start of a sentence, dropped when the speaker starts again with the
# same word or with a question after an unfinished one.
_FALSE_START_RE = re.compile(r"(?:^|(?<=[,.?!;:]))(\s*((?:[a-z0-9']+\s+){0,3}[a-z0-9']+)-\s+)(?=([a-z0-9']+))")
_QUESTION_OPENERS = frozenset({
    "what", "what's", "how", "how's", "how've", "how'd", "why", "where", "where's", "who", "who's", "when", "which",
    "is", "are", "was", "were", "do", "does", "did", "have", "has", "had", "can", "could", "would", "will", "should",
})
# Cheap tests that must pass before the patterns above can match (most replies have no fillers).
_ER_COMMA_RE = re.compile(r"er\s*,")
_APOSTROPHE_REPEAT_RE = re.compile(r"'[,-]?\s+'")
LETTER_OR_DIGIT_RE = re.compile(r"[^\W_]")  # a letter or digit of any script
_SUFFIXES = ("ingly", "ing", "edly", "ed", "ies", "es", "s", "ly", "er")


def normalise(text: str) -> str:
    """Lower case, straight quotes, same length as the input (one char per char)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two; keep one
        lowered = "".join(ch.lower()[0] for ch in text)
    if lowered.isascii():  # the only ASCII character to straighten is the backtick
        return lowered.replace("`", "'") if "`" in lowered else lowered
    return lowered.translate(_QUOTES)


def blank_disfluency(norm: str, tokens: list[str] | None = None) -> str:
    """Tidy transcribed speech in normalised text by blanking, never removing, characters (so
    spans still point at what was typed): fillers ("um", "uh"), stage directions ("(laughs)"),
    the first of a word said twice ("what, what do you think") and a false start cut off with a
    dash ("is she- how's she been"). `tokens`: the words of `norm`, if known."""
    may_have_filler = (
        "(" in norm or "[" in norm or "um" in norm or "uh" in norm or "erm" in norm
        or "," in norm and _ER_COMMA_RE.search(norm) is not None
    )
    if may_have_filler and _FILLER_RE.search(norm):
        norm = _FILLER_RE.sub(lambda m: " " * len(m.group(0)), norm)
        tokens = None
    if tokens is None:
        tokens = WORD_RE.findall(norm)
    # A word said twice gives the same token twice in a row (or is made of apostrophes).
    said_twice = any(map(eq, tokens, tokens[1:])) or norm.count("'") > 1 and ("''" in norm or _APOSTROPHE_REPEAT_RE.search(norm))
    if said_twice and _REPEAT_RE.search(norm):
        norm = _REPEAT_RE.sub(lambda m: " " * len(m.group(0)), norm)
    if "- " in norm and _FALSE_START_RE.search(norm):
        norm = _FALSE_START_RE.sub(_drop_false_start, norm)
    return norm


def _drop_false_start(match: re.Match[str]) -> str:
    """Blank "how've you- " before "how've you been", or "is she- " before "how's she been";
    keep a dash that joins two thoughts ("delegate more- what do you think?")."""
    fragment = match.group(2).split()
    after = match.group(3)
    restart = fragment[0] == after or (
        len(fragment) <= 2 and fragment[0] in _QUESTION_OPENERS and after in _QUESTION_OPENERS
    )
    return " " * len(match.group(1)) if restart else match.group(0)


def words(text: str) -> list[str]:
    """Lower-case word tokens (apostrophes kept inside words)."""
    return WORD_RE.findall(normalise(text))


class Sentence(NamedTuple):
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
        end = match.end()
        _add_sentence(out, norm, pos, end, "?" in match.group(0))
        pos = end
    if pos < len(norm):
        _add_sentence(out, norm, pos, len(norm), False)
    return out


# Trimmed from both ends of a sentence: every kind of space (as `\s` and str.isspace() know them,
# the no-break space included), dashes and semicolons.
_EDGE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000-\u2013\u2014;"
)


def _add_sentence(out: list[Sentence], norm: str, start: int, end: int, question: bool) -> None:
    body = norm[start:end].lstrip(_EDGE)
    text = body.rstrip(_EDGE)
    if not (text[:1].isalnum() or LETTER_OR_DIGIT_RE.search(text)):
        if question and out:
            prev = out[-1]
            out[-1] = Sentence(prev.start, end, norm[prev.start:end], True)
        return
    s = end - len(body)
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
