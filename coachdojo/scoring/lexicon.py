"""Load the cue lexicon (lexicon.yaml) once, normalise it and compile it into matchers.

Phrases use a small notation (see the file's header) that becomes a regular expression
matched on whole words; apostrophes are optional ("dont" matches "don't"). Each category also
keeps the set of words its phrases can start with, so a reply that contains none of them
skips that category's search altogether.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from coachdojo.scoring.text import normalise, stem

_META = set("()|?{}*.\\[]+^$")


def phrase_to_regex(phrase: str) -> str:
    """Turn one lexicon phrase into a regular expression (without word boundaries)."""
    p = normalise(phrase.strip())
    p = p.replace("{w*}", "\x00WSTAR\x00").replace("{w}", "\x00W\x00")
    p = re.sub(r"\((?!\?)", "(?:", p)
    p = p.replace(" \\?", "\x00Q\x00")
    p = p.replace("'", "'?")
    p = p.replace(" ", r"\s+")
    p = p.replace("\x00WSTAR\x00", r"(?:\S+\s+){0,4}?").replace("\x00W\x00", r"[\w']+")
    p = p.replace(r"\s+(?:\S+", r"\s*(?:\S+")
    return p.replace("\x00Q\x00", r"\s*\?")


def _split_group(p: str) -> tuple[list[str], str, bool] | None:
    """'(a|b c)? rest' -> (['a', 'b c'], 'rest', optional); None when p does not open a group."""
    if not p.startswith("("):
        return None
    depth = 0
    for i, ch in enumerate(p):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            break
    else:
        return None
    inner, rest = p[1:i], p[i + 1 :]
    optional = rest.startswith("?")
    parts, depth, start = [], 0, 0
    for j, ch in enumerate(inner):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(inner[start:j])
            start = j + 1
    parts.append(inner[start:])
    return parts, rest[1:] if optional else rest, optional


def _first_words(phrase: str) -> set[str] | None:
    """The word tokens a phrase can start with, or None when that cannot be told simply.

    Used to skip a category when a reply holds none of its first words. Tokens are the
    scorer's: letters, digits and apostrophes, with or without the apostrophe."""
    p = normalise(phrase).lstrip()
    if not p:
        return None
    group = _split_group(p)
    if group is not None:
        parts, rest, optional = group
        out: set[str] = set()
        for part in parts:
            sub = _first_words(part + rest) if part.strip() else _first_words(rest)
            if sub is None:
                return None
            out |= sub
        if optional:
            sub = _first_words(rest)
            if sub is None:
                return None
            out |= sub
        return out
    if p[0].isdigit() or p.startswith("\\d"):
        return {"<digit>"}
    match = re.match(r"[a-z0-9']+", p)
    if not match:
        return None
    word, after = match.group(0), p[match.end() :]
    if after.startswith("("):
        # "you('re| are)": the token is the word joined to each alternative's first piece.
        group = _split_group(after)
        if group is None:
            return None
        parts, _, optional = group
        out = {word} if optional else set()
        for part in parts:
            if part.startswith(" ") or part == "":
                out.add(word)
            else:
                piece = re.match(r"[a-z0-9']*", part)
                out.add(word + (piece.group(0) if piece else ""))
        return out | {w.replace("'", "") for w in out}
    if after and after[0] not in " -,$":
        return None
    return {word, word.replace("'", "")}


@dataclass(frozen=True)
class Category:
    """The compiled cues of one lexicon category."""

    name: str
    regex: re.Pattern[str]
    triggers: frozenset[str] | None  # None: always search
    literals: tuple[str, ...]  # plain multi-word phrases, for typo-tolerant matching

    def search(self, norm: str, tokens: frozenset[str]) -> re.Match[str] | None:
        if self.triggers is not None and not (self.triggers & tokens):
            return None
        return self.regex.search(norm)

    def finditer(self, norm: str, tokens: frozenset[str]) -> list[re.Match[str]]:
        if self.triggers is not None and not (self.triggers & tokens):
            return []
        return list(self.regex.finditer(norm))


class Lexicon:
    """Every category of cues, plus word lists (feelings, stopwords, pronoun turns)."""

    def __init__(self, data: dict[str, Any]):
        _require_text(data, "lexicon")
        self._phrases: dict[str, list[str]] = {k: v for k, v in data.items() if isinstance(v, list)}
        self.categories: dict[str, Category] = {}
        for name, phrases in data.items():
            if name in {"imperative_verbs", "feelings", "stopwords", "pronoun_turns", "stages"}:
                continue
            self.categories[name] = _compile(name, phrases)
        self.stages = {stage: _compile(f"stage:{stage}", phrases) for stage, phrases in data["stages"].items()}
        self.imperative_verbs = frozenset(normalise(w) for w in data["imperative_verbs"])
        self.feelings = frozenset(normalise(w) for w in data["feelings"])
        self.feeling_stems = frozenset(stem(w) for w in self.feelings)
        self.stopwords = frozenset(normalise(w).replace("'", "") for w in data["stopwords"]) | frozenset(
            normalise(w) for w in data["stopwords"]
        )
        self.pronoun_turns = {normalise(k): normalise(v) for k, v in data["pronoun_turns"].items()}
        vocab: set[str] = set()
        for phrases in list(data.values()):
            if isinstance(phrases, dict):
                phrases = [p for group in phrases.values() if isinstance(group, list) for p in group]
            if isinstance(phrases, list):
                for phrase in phrases:
                    vocab.update(re.findall(r"[a-z]+(?:'[a-z]+)?", normalise(str(phrase))))
        self.vocabulary = frozenset(w for w in vocab if len(w) > 1)

    def __getitem__(self, name: str) -> Category:
        return self.categories[name]

    def anchored(self, name: str) -> re.Pattern[str]:
        """A category's phrases matched only at the start of a text (for question starters)."""
        body = "|".join(phrase_to_regex(p) for p in self._phrases[name])
        return re.compile(r"^(?:" + body + r")(?![\w'])")


def _require_text(value: Any, where: str) -> None:
    """Every phrase must be text: an unquoted yes/no in YAML would silently become a boolean."""
    if isinstance(value, dict):
        for key, item in value.items():
            _require_text(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _require_text(item, f"{where}[{i}]")
    elif not isinstance(value, str):
        raise ValueError(f"{where}: {value!r} is not text; quote it in lexicon.yaml")


def _compile(name: str, phrases: list[str]) -> Category:
    patterns = [phrase_to_regex(p) for p in phrases]
    regex = re.compile(r"(?<![\w'])(?:" + "|".join(patterns) + r")(?![\w'])")
    triggers: set[str] | None = set()
    for phrase in phrases:
        first = _first_words(str(phrase))
        if first is None:
            triggers = None
            break
        triggers |= first
        triggers |= {w.replace("'", "") for w in first}
    literals = tuple(
        normalise(p)
        for p in phrases
        if " " in p and not (set(p) & _META) and len(p) >= 8
    )
    return Category(name, regex, frozenset(triggers) if triggers is not None else None, literals)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, loaded and compiled once."""
    text = resources.files("coachdojo.scoring").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return Lexicon(yaml.safe_load(text))
