"""Gated lexicon search finds exactly what the plain category regex finds.

`Category.search` skips a category when none of its gate words is in the text: for each phrase,
one of the words that can start it or can start what follows a space outside a group (the
rarest that can be told). For every phrase of the lexicon (and for phrases another editor might
write in the documented notation) we build strings the phrase's regex matches and check that the
gated search returns the same span as `regex.search`, alone and inside longer text.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from coachdojo.scoring.lexicon import (
    Category,
    Gates,
    Words,
    _compile,
    _gate_words,
    _phrase_gate,
    _split_group,
    category_regex,
    load_lexicon,
    phrase_to_regex,
    phrases_to_regex,
    word_runs,
)
from coachdojo.scoring.text import WORD_RE, normalise

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
    gated = category.search(text, category.words(text))
    plain = category.regex.search(text)
    # The gate never hides a match: whatever the plain regex finds, the gated search finds too,
    # at the same span; and a closed gate means no match at all.
    assert (gated and gated.span()) == (plain and plain.span()), (category.name, text)
    if not category.opens(category.words(text)):
        assert gated is None and plain is None


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
    common = load_lexicon().stopwords  # the packaged lexicon gates on words other than these
    alone = _compile(name, [phrase], common)
    together = _compile(name, siblings, common)
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


@pytest.mark.parametrize("common", [frozenset(), frozenset({"you", "a", "an", "some", "both", "don't", "it", "that"})])
@pytest.mark.parametrize("phrase", EDITOR_PHRASES)
def test_gating_stays_exact_for_new_phrases_in_the_notation(phrase: str, common: frozenset[str]) -> None:
    category = _compile("edited", [phrase, "you should"], common)
    texts = [t for t in examples(phrase) if category.regex.search(t)]
    assert texts
    for example in texts:
        for text in [*contexts(example), f"you should {example}", f"{example} you should"]:
            _same(category, text)


def test_the_gate_uses_the_rarest_certain_word() -> None:
    common = frozenset({"you", "i", "it", "is", "a", "to"})
    assert _gate_words("you (should|must) go", common) == {"should", "must"}
    assert _gate_words("you (really)? should", common) == {"should"}
    assert _gate_words("('s|has) got every right to", common) == {"every"}
    assert _gate_words("(isn't|is not|'s not) (old|too old)", common) == {"old", "too"}
    assert _gate_words("i {w*} wonder", common) == {"wonder"}
    assert _gate_words("tell me (more)?", common) == {"tell"}  # an optional last part is never the gate
    assert _gate_words("hmm+", common) is None
    category = _compile("confront", ["('s|has) got every right to"], common)
    for text, found in [("she has got every right to be cross", "has got every right to"),
                        ("she's got every right to be cross", "'s got every right to")]:
        assert category.search(text, category.words(text)).group(0) == found


def test_a_phrase_opening_with_an_apostrophe_joins_the_word_before_it() -> None:
    # "'s not old" is written to follow a word ("sixty's not old"); it does not start one.
    category = _compile("confront", ["(isn't|'s not) old"], load_lexicon().stopwords)
    for text in ["sixty's not old", "sixty isn't old"]:
        assert category.search(text, category.words(text)) is not None, text
    for text in ["sixty is old", "s not old's"]:
        assert (category.search(text, category.words(text)) and category.search(text, category.words(text)).span()) == (
            category.regex.search(text) and category.regex.search(text).span()
        )


def test_phrases_are_written_out_as_runs_of_words() -> None:
    assert word_runs("you('re| are) (so)? tired") == [
        [["you're", "so", "tired"]], [["you're", "tired"]], [["you", "are", "so", "tired"]], [["you", "are", "tired"]],
    ]
    assert word_runs("(sure|right),? because") == [[["sure", "because"]], [["right", "because"]]] * 2
    assert word_runs("both {w*} and") == [[["both"], []]]  # "and" may follow a glued word
    assert word_runs("i {w} it") == [[["i"], ["it"]]]
    assert word_runs("word{w}") == [[[], []]]
    assert word_runs("well-being") == [[["well", "being"]]]
    assert word_runs("mm+") is None  # raw regex
    assert word_runs("you know( that)?$") == [[["you", "know", "that"]], [["you", "know"]]]  # "$" has no word


def test_the_gate_of_a_phrase_is_its_rarest_word_or_pair() -> None:
    common = frozenset({"you", "i", "it", "is", "a", "to", "should", "you're", "youre"})
    assert _phrase_gate("you should", common) == (set(), {("you", "should")})
    # Apostrophes as the text may have them; an optional part gives a pair for each way.
    assert _phrase_gate("i'm (just)? saying", common) == (set(), {("i'm", "saying"), ("im", "saying"), ("just", "saying")})
    assert _phrase_gate("exhausted", common) == ({"exhausted"}, set())
    assert _phrase_gate("{w*}", common) is None
    assert _phrase_gate("hmm+", common) is None  # raw regex, no certain word
    # Raw regex after an opening in the notation: the opening is the gate.
    assert _phrase_gate("if you (don't|keep)\\b.*\\byou('ll| will)", common) == (set(), {("if", "you")})


@pytest.mark.parametrize(
    ("phrase", "text"),
    [("(really )*stuck", "stuck"), ("(so ){0,2}tired", "tired"), ("(so ){1,2}tired", "so so tired"), ("(really )+stuck", "really stuck")],
)
def test_a_group_that_may_be_left_out_is_never_the_gate(phrase: str, text: str) -> None:
    category = _compile("edited", [phrase, "you should"], frozenset({"so", "really", "you"}))
    assert category.regex.search(text)
    assert category.search(text, category.words(text)).span() == category.regex.search(text).span()


def test_a_pair_gate_opens_only_on_neighbouring_words() -> None:
    category = _compile("advice", ["you should"], frozenset({"you", "should"}))
    assert category.opens(category.words("maybe you should call her"))
    assert not category.opens(category.words("you said you never should"))
    assert category.search("you said you never should", category.words("you said you never should")) is None


def test_a_glued_word_is_found_where_the_plain_regex_finds_it() -> None:
    # "{w*}" compiles to a pattern that can glue "some" to the next word; the anchored search
    # treats such phrases as always searched, so it agrees with the regex once the gate opens.
    category = _compile("information", ["some {w*}who"])
    text = "some days it is someone who helps"
    assert category.search(text, category.words(text)).span() == category.regex.search(text).span()


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
        found = category.search(text, category.words(text))
        assert found is not None and found.span() == (0, len(text)), (phrase, text)
    for text in misses:
        assert category.search(text, category.words(text)) is None or category.search(text, category.words(text)).span() != (0, len(text))


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


_STARTERS = ["open_starters", "closed_starters", "closed_fact_questions", "invitations", "generic_praise", "other"]


@pytest.mark.parametrize("name", _STARTERS)
def test_a_starter_match_always_opens_with_one_of_its_heads(name: str) -> None:
    # The scorer tries an anchored starter only when the text's first two letters (or its first
    # letter) are among the starter's heads: no match may open any other way.
    lexicon = load_lexicon()
    heads = lexicon.heads(name)
    if heads is None:
        assert name == "other"  # raw regex phrases ("hmm+"): always tried
        return
    anchored = lexicon.anchored(name)
    tried = 0
    phrases = [phrase for group, phrase, _ in PHRASES if group == name]
    for phrase in phrases:
        for example in examples(str(phrase)):
            for text in (example, f"{example} and more", f"{example}?"):
                if anchored.match(text):
                    tried += 1
                    assert text[:2] in heads or text[:1] in heads, (phrase, text)
    assert tried >= len(phrases)  # about one matching example per phrase, at least


def test_heads_are_the_first_two_letters_of_the_first_words() -> None:
    lexicon = load_lexicon()
    heads = lexicon.heads("closed_fact_questions")
    assert heads is not None and {"wh", "ho"} <= heads
    assert "i" in lexicon.heads("open_starters")  # "I wonder…": a one-letter word is its own head


def test_pairs_in_a_gate_are_written_with_a_space() -> None:
    category = _compile("t", ["you should"], frozenset({"you", "should"}))
    assert category.gate == frozenset({"you should"})
    assert category.gates.by_pair == {("you", "should"): category.bit}
    assert category.gates.by_word == {}


def test_gates_gathered_in_one_index_open_each_category_on_its_own_words() -> None:
    advice = _compile("advice", ["you should"], frozenset({"you", "should"}))
    feeling = _compile("feeling", ["exhausted"])
    numbers = _compile("numbers", ["10 minutes"])
    anything = _compile("anything", ["hmm+"])  # raw regex with no certain word: always searched
    gates = Gates([advice, feeling, numbers, anything])
    assert len({c.bit for c in (advice, feeling, numbers, anything)}) == 4

    def opened(text: str) -> set[str]:
        words = Words(text, gates)
        return {c.name for c in (advice, feeling, numbers, anything) if c.opens(words)}

    assert opened("maybe you should rest") == {"advice", "anything"}
    assert opened("you are exhausted, you should rest") == {"advice", "feeling", "anything"}
    assert opened("should you") == {"anything"}  # the pair, not its words in another order
    assert opened("give it 10 minutes") == {"numbers", "anything"}
    assert opened("") == {"anything"}
    maybe = Words("maybe you should rest", gates)
    assert Words.alike("Maybe you should rest.", maybe).opened == maybe.opened


def _plain_keys(text: str) -> set[str]:
    """What a gate can hold, found the slow way: tokens, neighbouring pairs, "<digit>"."""
    found = WORD_RE.findall(text)
    keys = set(found) | {f"{a} {b}" for a, b in zip(found, found[1:], strict=False)}
    return keys | {"<digit>"} if any(ch.isdigit() for ch in text) else keys


def test_the_packaged_index_opens_exactly_the_gates_a_text_holds() -> None:
    # One lookup per token and pair must open the same categories as testing each category's
    # gate against the text's words, on every gold reply.
    lexicon = load_lexicon()
    categories = [*lexicon.categories.values(), *lexicon.stages.values()]
    assert all(c.gates is lexicon.gates for c in categories)
    assert len({c.bit for c in categories}) == len(categories)
    gold = Path(__file__).parent / "data" / "gold.jsonl"
    texts = [normalise(json.loads(line)["text"]) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    assert len(texts) >= 600
    for text in texts:
        keys = _plain_keys(text)
        words = Words(text, lexicon.gates)
        for category in categories:
            assert category.opens(words) == (category.gate is None or not category.gate.isdisjoint(keys)), (category.name, text)


@pytest.mark.parametrize("name", _STARTERS)
def test_a_starter_matches_exactly_where_its_anchored_pattern_does(name: str) -> None:
    # `Lexicon.starter` skips the pattern for texts that cannot open a match: it must find the
    # same as the plain anchored pattern on matching texts and on texts that open otherwise.
    lexicon = load_lexicon()
    starter, anchored = lexicon.starter(name), lexicon.anchored(name)
    texts = [t for group, phrase, _ in PHRASES if group == name for t in examples(str(phrase))]
    texts += ["what would help here", "i wonder", "i", "you should", "", "x", "hmm", "mm-hmm, go on", "2 things"]
    for text in texts:
        for variant in (text, f"{text} and more", f"so {text}"):
            mine, plain = starter.match(variant), anchored.match(variant)
            assert (mine and mine.span()) == (plain and plain.span()), (name, variant)


def test_a_digit_opens_the_gates_of_phrases_that_start_with_one() -> None:
    category = _compile("information", ["\\d+ minutes", "most people"], frozenset({"most", "people"}))
    assert category.opens(category.words("give it 10 minutes"))
    assert category.opens(category.words("give it \u0661\u0660 minutes"))  # Arabic-Indic digits are digits too
    assert not category.opens(category.words("give it ten minutes"))
    assert category.search("give it 10 minutes", category.words("give it 10 minutes")).group(0) == "10 minutes"


@pytest.mark.parametrize("name", sorted({group for group, _, _ in PHRASES}))
def test_putting_common_first_letters_first_changes_nothing_found(name: str) -> None:
    # The first letters of a category's trie are tried in order of how often words start with
    # them; only one can match at a place, and an opening apostrophe keeps its place, so the
    # regex must find exactly what the phrases' own order finds.
    phrases = [phrase for group, phrase, _ in PHRASES if group == name]
    reordered = re.compile(category_regex(phrases))
    ordered = re.compile(category_regex(phrases, reorder=False))
    anchored = re.compile("^" + phrases_to_regex(phrases) + r"(?![\w'])")
    anchored_ordered = re.compile("^" + phrases_to_regex(phrases, reorder=False) + r"(?![\w'])")
    texts = [text for phrase in phrases for example in examples(str(phrase)) for text in contexts(example)]
    texts += ["you should", "'s got every right to", "s got every right to", "that's just silly", "i'd tell her"]
    for text in texts:
        mine, theirs = reordered.search(text), ordered.search(text)
        assert (mine and mine.span()) == (theirs and theirs.span()), (name, text)
        mine, theirs = anchored.match(text), anchored_ordered.match(text)
        assert (mine and mine.span()) == (theirs and theirs.span()), (name, text)


def test_an_opening_apostrophe_keeps_its_place_among_the_letters_it_competes_with() -> None:
    # "'s got" may match "s got" (the apostrophe is optional): its order against "s…" phrases
    # decides which is found, so it must not move across them.
    for phrases in (["s got", "'s got every right to", "that's it"], ["'s got every right to", "s got", "that's it"]):
        for text in ("s got every right to", "s got", "'s got every right to", "she's got every right to"):
            mine = re.compile(category_regex(phrases)).search(text)
            theirs = re.compile(category_regex(phrases, reorder=False)).search(text)
            assert (mine and mine.span()) == (theirs and theirs.span()), (phrases, text)
