"""Load the cue lexicon (lexicon.yaml) once, normalise it and compile it into matchers.

Phrases use a small notation (see the file's header) that becomes a regular expression
matched on whole words; apostrophes are optional ("dont" matches "don't"). Each category also
has a gate, the words and pairs of neighbouring words one of which every match holds; one index
of every gate (`Gates`) tells at once which categories a text can match, and the others are
not searched at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, reduce
from importlib import resources
from operator import or_
from typing import Any

import yaml

from coachdojo.scoring.text import WORD_RE, normalise, stem

# Whole words: a match starts where no word goes on before it and ends where none goes on after.
_BEFORE, _AFTER = r"(?<![\w'])", r"(?![\w'])"
# A phrase that opens with an apostrophe also starts right after a word ("'s got every right
# to" in "she's got every right to"). The apostrophe is tried first: it fails fast elsewhere.
_GLUED = r"'(?<=\w')"


def _absorb_spaces(p: str) -> str:
    """Make the space next to an optional part optional with it, so that the part can be left
    out: " (a bit)? more" becomes "( (a bit))? more" ("say more" and "say a bit more" both
    match, as does "tell me" for "tell me (more)?"), and an optional part that opens a phrase or
    an alternative takes the space after it: "(really)? tired" becomes "((really) )?tired".
    "( ?" after an optional part (an older way of writing the same) is read as a space, and
    "{w*} x" becomes "{w*}x" (the wildcard's words already carry their spaces)."""
    p = p.replace("{w*} ", "{w*}")
    out: list[str] = []
    i = 0
    while i < len(p):
        if p[i] != "(" or p.startswith("(?", i):
            out.append(p[i])
            i += 1
            continue
        depth, close = 0, -1
        for j in range(i, len(p)):
            depth += p[j] == "("
            depth -= p[j] == ")"
            if depth == 0:
                close = j
                break
        if close < 0:
            out.append(p[i:])
            break
        inner = _absorb_spaces(p[i + 1 : close])
        i = close + 1
        optional = p.startswith("?", i) and not p.startswith("? \\?", i)
        if not optional:
            out.append(f"({inner})")
            continue
        i += 1
        if p.startswith(" ?", i):
            i += 2
            p = p[:i] + " " + p[i:] if not p.startswith(" ", i) else p  # "(a)? ?b" is "(a)? b"
        if inner.endswith(" "):
            out.append(f"({inner})?")  # "(really )?tired" carries its own space
        elif out and out[-1] == " ":
            out.pop()
            out.append(f"( ({inner}))?")  # "x (a)? y" -> "x( (a))? y"
        elif (not out or out[-1] in "(|" or "".join(out[-4:]) == "{w*}") and p.startswith(" ", i):
            out.append(f"(({inner}) )?")  # "(a)? y" -> "((a) )?y"
            i += 1
        else:
            out.append(f"({inner})?")  # glued to a word: "ok(ay)?"
    return "".join(out)


def phrase_to_regex(phrase: str) -> str:
    """Turn one lexicon phrase into a regular expression (without word boundaries)."""
    p = _absorb_spaces(normalise(phrase.strip()))
    p = p.replace("{w*}", "\x00WSTAR\x00").replace("{w}", "\x00W\x00")
    p = re.sub(r"\((?!\?)", "(?:", p)
    p = p.replace(" \\?", "\x00Q\x00")
    p = p.replace("'", "'?")
    p = p.replace(" ", r"\s+")
    p = p.replace("\x00WSTAR\x00", r"(?:\S+\s+){0,4}?").replace("\x00W\x00", r"[\w']+")
    return p.replace("\x00Q\x00", r"\s*\?")


# The notation's pieces, as regular expressions; any other character stands for itself.
_ATOMS = {"{w*}": r"(?:\S+\s+){0,4}?", "{w}": r"[\w']+", " \\?": r"\s*\?", " ": r"\s+", "'": "'?"}
_PIECE_RE = re.compile(r"\{w\*\}|\{w\}| \\\?|.", re.S)
_NOT_NOTATION = set("\\[]{}.*+^$")  # raw regex: such a phrase is compiled as it is written
_MAX_SPELLINGS = 4096
_END = ""  # marks the end of a phrase in the trie
_TAIL = "\x01"  # marks a trie key that is the rest of a phrase, as a regex


def _write_out(p: str, head_only: bool, limit: int = _MAX_SPELLINGS) -> tuple[list[str], int] | None:
    """Every way the notation `p` (spaces absorbed) can be written, as text in which `{w}`,
    `{w*}` and ` \\?` stay as they are, and where the writing stopped: at the first space outside
    a group when `head_only`, else at the end (where a single optional character, ",?", is
    written with and without it). None for raw regex or more than `limit` ways."""
    if _NOT_NOTATION & set(p.replace("{w*}", "").replace("{w}", "").replace(" \\?", "")):
        return None
    pos = 0

    def sequence(top: bool) -> list[str] | None:
        nonlocal pos
        outs = [""]
        while pos < len(p) and p[pos] not in "|)":
            if top and head_only and p[pos] == " ":
                return outs  # the head ends at the first space outside a group
            if p[pos] == "(":
                pos += 1
                alternatives = group()
                if alternatives is None:
                    return None
                if pos < len(p) and p[pos] == "?":
                    alternatives.append("")
                    pos += 1
                outs = [o + a for o in outs for a in alternatives]
                if len(outs) > limit:
                    return None
            elif p[pos] == "?":
                if head_only or not outs[0] or outs[0][-1] in "}?":
                    return None  # a single optional character: raw regex
                outs = outs + [o[:-1] for o in outs]  # ",?": with and without the comma
                pos += 1
            else:
                piece = _PIECE_RE.match(p, pos).group(0)
                outs = [o + piece for o in outs]
                pos += len(piece)
        return outs

    def group() -> list[str] | None:
        nonlocal pos
        alternatives: list[str] = []
        while True:
            part = sequence(top=False)
            if part is None or pos >= len(p):
                return None
            alternatives.extend(part)
            pos += 1
            if p[pos - 1] == ")":
                return alternatives

    outs = sequence(top=True)
    if outs is None or (pos < len(p) and (not head_only or p[pos] != " ")):
        return None
    return outs, pos


def spellings(phrase: str) -> list[tuple[str, str]] | None:
    """A phrase as (head, tail) pairs: its first word written out every way it can be
    ("(that's|it's) (just)? ?silly" -> "that's", "it's"), and the rest as a regex. None for a
    phrase in raw regex or with too many heads."""
    p = _absorb_spaces(normalise(phrase.strip()))
    written = _write_out(p, head_only=True)
    if written is None:
        return None
    heads, pos = written
    tail = phrase_to_regex("x" + p[pos:])[1:] if pos < len(p) else ""  # "x": keep the leading space
    return [(head, tail) for head in heads]


_WILDCARD_RE = re.compile(r"\{w\*?\}")


def word_runs(phrase: str, limit: int = 1_000) -> list[list[list[str]]] | None:
    """Every way a phrase can be written, each as its runs of words with nothing but spaces or
    punctuation between them (`{w}` and `{w*}` end a run):
    "you('re| are) (so)? tired" -> [[["you're", "so", "tired"]], [["you're", "tired"]], ...].
    None for raw regex or more than `limit` ways."""
    p = normalise(phrase.strip())
    if p.endswith("$") and not p.endswith("\\$"):
        p = p[:-1]  # the end of the text: no word of its own
    written = _write_out(_absorb_spaces(p), head_only=False, limit=limit)
    if written is None:
        return None
    out = []
    for text in written[0]:
        pieces = _WILDCARD_RE.split(text.replace(" \\?", " ?"))
        runs = []
        for i, piece in enumerate(pieces):
            words = WORD_RE.findall(piece)
            # A word touching a wildcard may be glued to what the wildcard matches, and one
            # opening with an apostrophe ("'s got") to the word before it: neither is a word.
            if words and (i > 0 and not piece[:1].isspace() or piece.lstrip().startswith("'")):
                words = words[1:]
            if words and i < len(pieces) - 1 and not piece[-1:].isspace():
                words = words[:-1]
            runs.append(words)
        out.append(runs)
    return out


def _phrase_trie(phrases: list[str]) -> tuple[dict[str, dict], list[str]]:
    """The phrases as a trie of their first words' pieces (each written out every way it can
    be, the rest of the phrase as a regex leaf), and the phrases in raw regex, as regexes."""
    root: dict[str, dict] = {}
    raw: list[str] = []
    for phrase in phrases:
        written = spellings(str(phrase))
        if written is None:
            raw.append(phrase_to_regex(str(phrase)))
            continue
        for head, tail in written:
            node = root
            for piece in _PIECE_RE.findall(head):
                node = node.setdefault(piece, {})
            if tail:
                node = node.setdefault(_TAIL + tail, {})
            node[_END] = {}
    return root, raw


# Letters in about the order English words most often start with them (in conversation).
_OPENING_ORDER = {ch: rank for rank, ch in enumerate("twaiyshobdmcfnlgkrepuvjqxz0123456789")}


def _most_common_first(root: dict[str, dict]) -> dict[str, dict]:
    """The trie's first pieces with the most common word-opening letters first. Only one letter
    can match at a place, so their order changes nothing found, but the regex engine tries them
    in this order at every word and finds the one it needs sooner (reading fewer parts of a
    large pattern). An opening apostrophe is optional, so it can compete with the letters after
    it: it keeps its place before or after all of them, or nothing is reordered."""
    pieces = list(root)
    letters = [piece for piece in pieces if piece != "'"]
    if not all(len(piece) == 1 and piece in _OPENING_ORDER for piece in letters):
        return root
    order = sorted(letters, key=_OPENING_ORDER.__getitem__)
    if "'" in root:
        after = [piece for piece in root["'"] if piece != _END]
        if not all(len(piece) == 1 and piece in _OPENING_ORDER for piece in after):
            return root
        rivals = [pieces.index(piece) < pieces.index("'") for piece in after if piece in root]  # before it?
        if not any(rivals):
            order.insert(0, "'")
        elif all(rivals):
            order.append("'")
        else:
            return root
    return {piece: root[piece] for piece in order}


def phrases_to_regex(phrases: list[str], reorder: bool = True) -> str:
    """One regular expression for a list of phrases (without word boundaries), built as a
    trie of their first words' letters: the regex engine then tries each letter once at a
    position instead of every phrase in turn. Phrases in raw regex are added as they are.
    (`reorder=False` keeps the first letters in the phrases' order; tests compare the two.)"""
    root, raw = _phrase_trie(phrases)
    alternatives = ([_trie_regex(_most_common_first(root) if reorder else root)] if root else []) + raw
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!x)x"


def category_regex(phrases: list[str], reorder: bool = True) -> str:
    """The regular expression of a category: its phrases on whole words (see `_BEFORE`)."""
    root, raw = _phrase_trie(phrases)
    alternatives = ([_trie_regex(_most_common_first(root) if reorder else root)] if root else []) + raw
    pattern = _BEFORE + ("(?:" + "|".join(alternatives) + ")" if alternatives else "(?!x)x")
    glued = root.get("'")  # what follows the phrases' opening apostrophe
    if glued:
        pattern = f"(?:{pattern}|{_GLUED}{_trie_regex(glued)})"
    return pattern + _AFTER


def _trie_regex(node: dict[str, dict]) -> str:
    # A phrase's end is tried after every longer way on: the longest phrase at a place wins.
    alternatives = [
        (piece[1:] if piece.startswith(_TAIL) else _ATOMS.get(piece, re.escape(piece))) + _trie_regex(child)
        for piece, child in node.items()
        if piece != _END
    ]
    if _END in node:
        alternatives.append("")
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def _split_group(p: str) -> tuple[list[str], str, bool] | None:
    """'(a|b c)? rest' -> (['a', 'b c'], 'rest', optional); None when p does not open a group."""
    if not p.startswith("("):
        return None
    depth, close = 0, -1
    for index, ch in enumerate(p):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            close = index
            break
    if close < 0:
        return None
    inner, rest = p[1:close], p[close + 1 :]
    # A quantifier after the group: "?", "*" and "{0,n}" make it optional; "+" and "{m,n}" do not.
    quantifier = re.match(r"\?|\*\??|\+\??|\{\d*(?:,\d*)?\}\??", rest)
    mark = quantifier.group(0) if quantifier else ""
    optional = mark.startswith(("?", "*", "{0", "{,"))
    rest = rest[len(mark) :]
    parts, depth, start = [], 0, 0
    for j, ch in enumerate(inner):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(inner[start:j])
            start = j + 1
    parts.append(inner[start:])
    return parts, rest, optional


def _first_words(phrase: str) -> set[str] | None:
    """The word tokens a phrase can start with, or None when that cannot be told simply.

    A token is what the scorer's word pattern finds (letters, digits and apostrophes; see
    `Words`), with or without its apostrophes. A phrase starting with a digit gives
    {"<digit>"}, and one whose first word is followed by `{w*}` gives that word, as the notation
    means ("up to four words"). Anything else unclear (a phrase starting with `{w}`, a raw regex piece or
    punctuation; a word glued to what follows) gives None: the phrase is always searched."""
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
    match = re.match(r"[a-z][a-z0-9']*", p)
    if not match:
        return None
    word, after = match.group(0), p[match.end() :]
    if after.startswith("("):
        # "you('re| are)": the token is the word joined to each alternative's first piece.
        group = _split_group(after)
        if group is None:
            return None
        parts, rest, optional = group
        if not _ends_token(rest):
            return None
        out = {word} if optional else set()
        for part in parts:
            piece = re.match(r"[a-z0-9']*", part)
            glued = piece.group(0) if piece else ""
            if not _ends_token(part[len(glued) :]):
                return None
            out.add(word + glued)
        return {v for w in out for v in _apostrophe_variants(w)}
    if not _ends_token(after):
        return None
    return _apostrophe_variants(word)


def _gate_words(phrase: str, common: frozenset[str] = frozenset()) -> set[str] | None:
    """Words one of which every match of `phrase` holds, chosen to be as rare as can be told:
    the words that can start the phrase (`_first_words`), or those that can start what follows
    a space outside a group or an optional part that opens a word ("you (should|must)" ->
    {"should", "must"} rather than {"you"}; "(it |that )?sounds" -> {"sounds"}; "('s|has) got
    every right to" -> {"every"}). The set least likely to be in a text wins (`_word_cost`).
    None when no word is certain (raw regex such as "hmm+", alternatives at the top)."""
    p = normalise(phrase).strip()
    if _has_top_level_bar(p):
        return None
    candidates: list[set[str]] = []
    first = _first_words(p)
    if first is not None:
        candidates.append(first)
    depth = 0
    for i, ch in enumerate(p):
        depth += ch == "("
        depth -= ch == ")"
        rest = None
        if depth == 0 and ch == " ":
            rest = p[i + 1 :]
        elif depth == 1 and ch == "(" and (i == 0 or p[i - 1] == " "):
            group = _split_group(p[i:])  # an optional part that opens a word: "(it |that )?sounds"
            if group is not None and group[2] and (all(part.endswith(" ") for part in group[0]) or group[1].startswith(" ")):
                rest = group[1].lstrip(" ")
        if rest and not rest.startswith(("?", "(?", ")")):
            words = _first_words(rest)
            if words is not None:
                candidates.append(words)
    if not candidates:
        return None
    return min(candidates, key=lambda words: sum(_word_cost(w, common) for w in words))


def _word_cost(word: str, common: frozenset[str]) -> float:
    """How likely a word is to be in a text, roughly: stopwords and short words are frequent."""
    return (1.0 if word in common else 0.05) / max(len(word), 1)


def _phrase_gate(phrase: str, common: frozenset[str]) -> tuple[set[str], set[tuple[str, str]]] | None:
    """Words and pairs of neighbouring words, one of which every match of `phrase` holds: for
    each way the phrase can be written, its rarest word or pair ("you should" -> the pair ("you",
    "should"), which is rarer than either word), each with its apostrophes kept or dropped as
    the text may have them. A phrase in raw regex falls back to `_gate_words`. None when
    nothing is certain."""
    runs_list = word_runs(phrase, limit=10_000)
    if runs_list is None and _has_top_level_bar(normalise(phrase)):
        return None  # "a b|c d" at the top: no one opening is certain
    if runs_list is None:
        # Raw regex: gate on the longest opening, up to a space outside a group, that is
        # written in the notation ("if you (don't|keep)\\b.*\\byou'll" -> "if you"), since
        # every match starts with it; else on single words.
        p = normalise(phrase).strip()
        for cut in reversed(_top_level_spaces(p)):
            opening = _phrase_gate(p[:cut], common)
            if opening is not None:
                return opening
        words = _gate_words(phrase, common)
        return None if words is None else (words, set())
    singles: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for runs in runs_list:
        best: tuple[float, str | tuple[str, str]] | None = None
        for run in runs:
            for word in run:
                cost = _word_cost(word, common)
                if best is None or cost < best[0]:
                    best = (cost, word)
            for a, b in zip(run, run[1:], strict=False):
                cost = _word_cost(a, common) * _word_cost(b, common) / 2  # rarer than either word
                if best is None or cost < best[0]:
                    best = (cost, (a, b))
        if best is None:
            return None  # written without a single certain word
        if isinstance(best[1], tuple):
            first, second = best[1]
            pairs.update((a, b) for a in _apostrophe_variants(first) for b in _apostrophe_variants(second))
        else:
            singles.update(_apostrophe_variants(best[1]))
    return singles, pairs


def _has_top_level_bar(p: str) -> bool:
    """Whether `p` has alternatives outside any group ("you should|try harder")."""
    depth = 0
    for ch in p:
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch == "|":
            return True
    return False


def _top_level_spaces(p: str) -> list[int]:
    """Where `p` has a space outside any group, in order."""
    out, depth = [], 0
    for i, ch in enumerate(p):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch == " ":
            out.append(i)
    return out


def _ends_token(after: str) -> bool:
    """Whether the text after a phrase's first word ends the scorer's token there."""
    return after == "" or after[0] in " -,$"


def _apostrophe_variants(word: str) -> set[str]:
    """A phrase word with each of its (optional) apostrophes kept or dropped: "y'all'd" -> 4."""
    pieces = word.split("'")
    out = {pieces[0]}
    for piece in pieces[1:]:
        out = {w + piece for w in out} | {w + "'" + piece for w in out}
    return out




_DIGIT_RE = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    """Whether `text` holds a digit (as `\\d` finds them; ASCII text is tested without a regex)."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, b"0123456789")) < len(text)
    return _DIGIT_RE.search(text) is not None


class Category:
    """The compiled cues of one lexicon category: every phrase in one alternation, and its gate:
    words and pairs of neighbouring words one of which each phrase's matches hold. A text with
    none of them skips the search. `bit` is the category's place in its `Gates`."""

    __slots__ = ("name", "regex", "gate", "bit", "gates")

    def __init__(self, name: str, regex: re.Pattern[str], gate: frozenset[str] | None):
        self.name = name
        self.regex = regex
        self.gate = gate  # gate words and pairs ("you should"); None: always searched
        Gates([self])  # on its own until a lexicon gathers it with others (sets bit and gates)

    def __repr__(self) -> str:
        return f"Category({self.name!r})"

    def words(self, text: str) -> Words:
        """A `Words` of `text` as this category's gates read it (to search the category alone)."""
        return Words(text, self.gates)

    def opens(self, words: Words) -> bool:
        """Whether `words` may hold a match (False: it certainly does not)."""
        return bool(words.opened & self.bit)

    def search(self, norm: str, words: Words) -> re.Match[str] | None:
        """The leftmost match in `norm` (a longer phrase is preferred at one place), as
        `regex.search` gives it; `words` must be a `Words` of `norm` (or of a text ending with
        it) made by this category's `Gates`. The search is kept in `words`, so a category is
        searched once per text. (The gate is tested here rather than by calling `opens`: this
        runs a dozen times for every reply.)"""
        if not words.opened & self.bit:
            return None
        if norm is not words.text:
            return self.regex.search(norm)
        found = words.found
        match = found.get(self.name, _UNSEARCHED)
        if match is _UNSEARCHED:
            match = found[self.name] = self.regex.search(norm)
        return match


class Gates:
    """The gates of a set of categories, indexed by what opens them. Each category is one bit;
    a text's tokens, its pairs of neighbouring tokens and its digits give at once every gate
    the text opens (`opened`): one dictionary lookup per token and pair, rather than one set
    test per category searched. A category gathered here gets its `bit` and `gates`."""

    def __init__(self, categories: list[Category]):
        self.always = 0  # categories with no gate: always searched
        self.digit = 0  # categories that a digit opens
        self.by_word: dict[str, int] = {}
        self.by_pair: dict[tuple[str, str], int] = {}
        for place, category in enumerate(categories):
            bit = category.bit = 1 << place
            category.gates = self
            if category.gate is None:
                self.always |= bit
                continue
            for key in category.gate:
                if key == "<digit>":
                    self.digit |= bit
                elif " " in key:
                    first, second = key.split(" ")
                    self.by_pair[first, second] = self.by_pair.get((first, second), 0) | bit
                else:
                    self.by_word[key] = self.by_word.get(key, 0) | bit

    def opened(self, text: str, found: list[str] | None = None) -> int:
        """The bits of the categories whose gates `text` opens (`found`: its tokens, if known)."""
        found = WORD_RE.findall(text) if found is None else found
        # Most words and pairs open nothing: find the few that do first (an intersection with
        # the dictionary's keys, in C: its index is a quarter the size of a set of the same
        # keys, and a miss, the usual case, reads little else), then gather their bits.
        opened = reduce(or_, map(self.by_word.__getitem__, self.by_word.keys() & found), self.always)
        if len(found) > 1:
            pairs = self.by_pair.keys() & zip(found, found[1:], strict=False)
            if pairs:
                opened = reduce(or_, map(self.by_pair.__getitem__, pairs), opened)
        if self.digit & ~opened and _has_digit(text):  # (looked for only when it can open more)
            opened |= self.digit
        return opened


class Words:
    """A normalised text to search, the gates it opens (`Gates.opened`) and each category's
    search (each worked out once).

    `tokens` and `opened` may come from a longer text ending with this one (a sentence whose
    discourse markers were dropped): the category gate then looks at the whole sentence.
    """

    __slots__ = ("text", "tokens", "opened", "found")

    def __init__(self, text: str, gates: Gates, words: list[str] | None = None):
        self.text = text
        self.tokens = WORD_RE.findall(text) if words is None else words  # its words
        self.opened = gates.opened(text, self.tokens)
        self.found: dict[str, re.Match[str] | None] = {}  # category name -> its search in `text`

    @classmethod
    def alike(cls, text: str, other: Words) -> Words:
        """A Words of `text` opening the gates `other` opens: for a text with the same words."""
        words = cls.__new__(cls)
        words.text, words.tokens, words.opened, words.found = text, other.tokens, other.opened, {}
        return words


_UNSEARCHED = object()
_NO_STEM = (None,)


class _StemTable(dict):
    """A stem for each word, worked out on first sight by `rule` (None: no stem of this kind):
    a text's stems are then one lookup per word, in C."""

    def __init__(self, rule: Callable[[str], str | None]):
        super().__init__()
        self.rule = rule

    def __missing__(self, word: str) -> str | None:
        if len(self) > 50_000:
            self.clear()
        found = self[word] = self.rule(word)
        return found

    def of(self, words: list[str]) -> frozenset[str]:
        """The stems of `words` (those that have one)."""
        return frozenset(map(self.__getitem__, words)).difference(_NO_STEM)


class Lexicon:
    """Every category of cues, plus word lists (feelings, stopwords, pronoun turns)."""

    def __init__(self, data: dict[str, Any]):
        _require_text(data, "lexicon")
        self._phrases: dict[str, list[str]] = {k: v for k, v in data.items() if isinstance(v, list)}
        self.stopwords = frozenset(normalise(w).replace("'", "") for w in data["stopwords"]) | frozenset(
            normalise(w) for w in data["stopwords"]
        )
        stopwords = self.stopwords
        self._content_stems = _StemTable(lambda word: None if len(word) <= 2 or word in stopwords else stem(word))
        self.categories: dict[str, Category] = {}
        for name, phrases in data.items():
            if name in {"imperative_verbs", "feelings", "stopwords", "pronoun_turns", "stages", "typo_targets", "not_typos"}:
                continue
            self.categories[name] = _compile(name, phrases, self.stopwords)
        self.stages = {
            stage: _compile(f"stage:{stage}", phrases, self.stopwords) for stage, phrases in data["stages"].items()
        }
        # Every category's and stage's gate in one index: a text's words are looked up once.
        self.gates = Gates([*self.categories.values(), *self.stages.values()])
        self.imperative_verbs = frozenset(normalise(w) for w in data["imperative_verbs"])
        self.typo_targets = frozenset(normalise(w).replace("'", "") for w in data.get("typo_targets", ()))
        self.not_typos = frozenset(normalise(w) for w in data.get("not_typos", ()))
        self.feelings = frozenset(normalise(w) for w in data["feelings"])
        self.feeling_stems = frozenset(stem(w) for w in self.feelings)
        feeling_stems = self.feeling_stems
        self._feeling_stems = _StemTable(lambda word: found if (found := stem(word)) in feeling_stems else None)
        # Keys are matched lower-cased; values are said back as written ("you" -> "I").
        self.pronoun_turns: tuple[tuple[str, str], ...] = tuple(
            (normalise(k), v) for k, v in data["pronoun_turns"].items()
        )
        vocab: set[str] = set()
        for phrases in list(data.values()):
            if isinstance(phrases, dict):
                phrases = [p for group in phrases.values() if isinstance(group, list) for p in group]
            if isinstance(phrases, list):
                for phrase in phrases:
                    vocab.update(re.findall(r"[a-z]+(?:'[a-z]+)?", normalise(str(phrase))))
        self.vocabulary = frozenset(w for w in vocab if len(w) > 1)

    def content_stems(self, words: list[str]) -> frozenset[str]:
        """Stems of the content words among `words` (over two letters, not stopwords): what an
        echo of the coachee shares with what they said."""
        return self._content_stems.of(words)

    def feelings_in(self, words: list[str]) -> frozenset[str]:
        """The feeling stems among `words` ("stressed" -> "stress")."""
        return self._feeling_stems.of(words)

    def __getitem__(self, name: str) -> Category:
        return self.categories[name]

    def anchored(self, name: str) -> re.Pattern[str]:
        """A category's phrases matched only at the start of a text (for question starters)."""
        return re.compile("^" + phrases_to_regex(self._phrases[name]) + _AFTER)

    def starter(self, name: str) -> Starter:
        """A category's phrases matched only at the start of a text, tried only on texts that
        open as one of its matches can (`anchored` and `heads` together)."""
        return Starter(self.anchored(name), self.heads(name))

    def heads(self, name: str) -> frozenset[str] | None:
        """How a text `anchored(name)` matches can begin: the first two letters of the words its
        phrases can start with (the word itself when it has one letter). A text whose `text[:2]`
        and `text[:1]` are both missing here cannot match, so the match need not be tried.
        None when that cannot be told (a phrase in raw regex or starting with a number)."""
        out: set[str] = set()
        for phrase in self._phrases[name]:
            first = _first_words(str(phrase))
            if first is None or "<digit>" in first:
                return None
            out.update(word[:2] for word in first)
        return frozenset(out)


class Starter:
    """A lexicon category matched only at the start of a text (question starters, praise), with
    `heads`, how its matches can begin (`Lexicon.heads`): a text opening otherwise is not
    matched against the pattern at all (a cheap test, as these are tried on every part)."""

    __slots__ = ("regex", "heads")

    def __init__(self, regex: re.Pattern[str], heads: frozenset[str] | None):
        self.regex = regex
        self.heads = heads  # None: every text is tried

    def match(self, text: str) -> re.Match[str] | None:
        """The pattern's match at the start of `text`, as `regex.match` gives it."""
        heads = self.heads
        if heads is None or text[:2] in heads or text[:1] in heads:
            return self.regex.match(text)
        return None


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


def _compile(name: str, phrases: list[str], common: frozenset[str] = frozenset()) -> Category:
    regex = re.compile(category_regex(phrases))
    keys: set[str] = set()
    for phrase in phrases:
        gate = _phrase_gate(str(phrase), common)
        if gate is None:
            return Category(name, regex, None)
        keys |= gate[0]
        keys.update(map(" ".join, gate[1]))
    return Category(name, regex, frozenset(keys))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, loaded and compiled once."""
    text = resources.files("coachdojo.scoring").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return Lexicon(yaml.safe_load(text))
