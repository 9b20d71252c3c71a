"""Gated lexicon search finds exactly what the plain category regex finds.

`Category.search` skips phrases whose first word is absent and tries the rest only where their
first word starts a token. For every phrase of the lexicon (and for phrases another editor might
write in the documented notation) we build strings the phrase's regex matches and check that the
gated search returns the same span as `regex.search`, alone and inside longer text.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from coachdojo.scoring.lexicon import (
    Category,
    Words,
    _compile,
    _split_group,
    load_lexicon,
    phrase_to_regex,
)
from coachdojo.scoring.text import normalise

_RAW = [  # raw regex pieces some phrases use, and a text each can match
    (r"\w+", "xyz"), (r"\W+", " "), (r"\S+", "xyz"), (r"\d+", "12"), (r"\d", "7"),
    (r"\b", ""), (r".*", " "), ("$", ""), (r"\?", "?"), (r"\s", " "),
]


def examples(phrase: str, limit: int = 40) -> list[str]:
    """Texts a phrase should match: each group's alternatives in turn, optional parts on and
    off, {w} as 'xyz', {w*} as nothing or two words, raw regex pieces as a sample text."""
    p = normalise(phrase.strip())
    out: list[str] = []

    def expand(rest: str, done: str) -> None:
        if len(out) >= limit:
            return
        if not rest:
            out.append(done)
            return
        if rest.startswith("("):
            group = _split_group(rest)
            if group is not None:
                parts, after, optional = group
                for part in parts + ([""] if optional else []):
                    expand(part + after, done)
                return
        for token, text in (("{w*}", "xyz abc "), ("{w}", "xyz"), *_RAW):
            if rest.startswith(token):
                expand(rest[len(token) :], done + text)
                if token == "{w*}":
                    expand(rest[len(token) :], done)
                return
        if rest[0] in "+*?|)":  # a quantifier on a single character: take it once
            expand(rest[1:], done)
            return
        expand(rest[1:], done + rest[0])

    expand(p, "")
    return out


def contexts(example: str) -> list[str]:
    """The example alone and inside other text (before, after, after a discourse marker)."""
    return [
        example,
        f"so {example}",
        f"well, i think {example} and more",
        f"{example}?",
        f"the xyz {example}. {example}",
        f"x{example} {example}",
    ]


def _same(category: Category, text: str) -> None:
    gated = category.search(text, Words(text))
    plain = category.regex.search(text)
    # The gate is the category's first words (as it always was): when it lets a search
    # through, the anchored search must agree with the plain regex exactly.
    if category.triggers is None or not category.triggers.isdisjoint(Words(text).tokens):
        assert (gated and gated.span()) == (plain and plain.span()), (category.name, text)
    else:
        assert gated is None


def _lexicon_phrases() -> list[tuple[str, str, list[str]]]:
    data = yaml.safe_load(resources.files("coachdojo.scoring").joinpath("lexicon.yaml").read_text("utf-8"))
    out = []
    for name, value in data.items():
        if name in {"imperative_verbs", "feelings", "stopwords", "pronoun_turns"}:
            continue
        groups = value.items() if name == "stages" else [(name, value)]
        for group, phrases in groups:
            for phrase in phrases:
                out.append((str(group), str(phrase), list(phrases)))
    return out


PHRASES = _lexicon_phrases()


@pytest.mark.parametrize(("name", "phrase", "siblings"), PHRASES, ids=[f"{n}:{p}" for n, p, _ in PHRASES])
def test_gated_search_matches_like_the_plain_regex(name: str, phrase: str, siblings: list[str]) -> None:
    alone = _compile(name, [phrase])
    together = _compile(name, siblings)
    texts = examples(phrase)
    matched = [t for t in texts if alone.regex.search(t)]
    assert matched, f"no example of {phrase!r} matches its own regex: {texts}"
    for example in matched:
        for text in contexts(example):
            _same(alone, text)
            _same(together, text)


def test_the_packaged_lexicon_is_gated_like_a_fresh_compile() -> None:
    lexicon = load_lexicon()
    for example in ("you should just tell him", "it's your call", "what do you mean by stuck?"):
        for category in lexicon.categories.values():
            _same(category, example)


EDITOR_PHRASES = [
    "ok(ay)?s",
    "you('re| are) (so|very)? tired",
    "{w} matters",
    "{w*}matters",
    "y'all'd",
    "(a|an)? ?(very )?odd",
    "some {w*}who",
    "both {w*} and",
    "\\d+ minutes",
    "10 minutes",
    "word{w}",
    "re(try|do)s",
    "don't (you )?(think|feel)",
    "(it|that)('s| is) (really )?(hard|tough)",
    "'fine'",
    "-ish",
    "mm+",
    "(right|yes) \\?",
]


@pytest.mark.parametrize("phrase", EDITOR_PHRASES)
def test_gating_stays_exact_for_new_phrases_in_the_notation(phrase: str) -> None:
    category = _compile("edited", [phrase, "you should"])
    texts = [t for t in examples(phrase) if category.regex.search(t)]
    assert texts
    for example in texts:
        for text in [*contexts(example), f"you should {example}", f"{example} you should"]:
            _same(category, text)


def test_a_glued_word_is_found_where_the_plain_regex_finds_it() -> None:
    # "{w*}" compiles to a pattern that can glue "some" to the next word; the anchored search
    # treats such phrases as always searched, so it agrees with the regex once the gate opens.
    category = _compile("information", ["some {w*}who"])
    text = "some days it is someone who helps"
    assert category.search(text, Words(text)).span() == category.regex.search(text).span()


# The notation, as a trainer editing lexicon.yaml would expect it to read.
NOTATION_CASES = [
    ("say (a bit|a little)? more", ["say more", "say a bit more", "say a little more"], ["say a more"]),
    ("(that's|it's) (just|only)? ?(silly|an excuse)", ["that's silly", "it's just an excuse"], ["that's  just"]),
    ("i('d| would)? (just )?(like|want) to hear", ["i'd like to hear", "i would like to hear", "i just want to hear", "i like to hear"], ["ijust want to hear"]),
    ("both {w*} and", ["both tired and", "both really quite tired and"], ["both"]),
    ("you('re| are) (so|very)? tired", ["you're tired", "you are so tired"], ["you so tired"]),
    ("ok(ay)?s", ["oks", "okays"], ["ok s"]),
    ("tell me (more)?", ["tell me", "tell me more"], []),
    ("i (really)? (just)? want", ["i want", "i really want", "i just want", "i really just want"], ["ireally want"]),
    ("x {w*} (a)? y", ["x y", "x z y", "x a y", "x z a y"], []),
    ("(x|(a)? b) c", ["b c", "a b c", "x c"], []),
    ("(a (b)?|c) d", ["a d", "a b d", "c d"], ["b c d"]),
    ("(a|an)? ?(very )?odd", ["odd", "a very odd", "an odd"], []),
]


@pytest.mark.parametrize(("phrase", "matches", "misses"), NOTATION_CASES, ids=[c[0] for c in NOTATION_CASES])
def test_the_notation_reads_as_documented(phrase: str, matches: list[str], misses: list[str]) -> None:
    category = _compile("edited", [phrase])
    for text in matches:
        found = category.search(text, Words(text))
        assert found is not None and found.span() == (0, len(text)), (phrase, text)
    for text in misses:
        assert category.search(text, Words(text)) is None or category.search(text, Words(text)).span() != (0, len(text))


@pytest.mark.parametrize(("name", "phrase", "siblings"), PHRASES, ids=[f"{n}:{p}" for n, p, _ in PHRASES])
def test_the_compiled_category_finds_each_phrase_where_the_phrase_alone_does(name: str, phrase: str, siblings: list[str]) -> None:
    # A category is compiled as one trie of its phrases' first words; it must still find a
    # phrase wherever that phrase, compiled on its own, is found (at the same place or earlier).
    together = _compile(name, siblings)
    alone = re.compile(r"(?<![\w'])(?:" + phrase_to_regex(phrase) + r")(?![\w'])")
    for example in examples(phrase):
        for text in contexts(example):
            mine = alone.search(text)
            if mine is not None:
                theirs = together.regex.search(text)
                assert theirs is not None and theirs.start() <= mine.start(), (phrase, text)
