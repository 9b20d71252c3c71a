"""The technique scorer: one coach reply plus the conversation so far -> an Annotation.

The reply is split into sentences (and a reflection and a question sharing one sentence
are split at the comma). Each part is read as a question or a statement:

- questions: open or closed by how they start (wh- words and invitations such as "tell me
  more" are open; yes/no starters, fact questions like "what time" and either/or are closed),
  then clarifying, leading, why, advice dressed as a question, asking permission;
- statements: summary, self-disclosure, confront, advice (including instructions), asking
  permission, autonomy, information, affirmation, then reflection — recognised by reflective
  stems or by giving back the coachee's own words (pronouns turned around) — and other.

The codes of the parts are gathered per turn as MITI counts a volley (once per code; complex
wins over simple; a summary is not also a reflection), and the primary behaviour follows the
order input > question > reflection > other (docs/labelling.md). docs/scoring.md describes
the method in full.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import reduce
from operator import itemgetter, or_

from rapidfuzz.distance import DamerauLevenshtein

from coachdojo.codes import INPUT_CODES, QUESTION_CODES, primary_of
from coachdojo.scoring.feedback import feedback
from coachdojo.scoring.lexicon import Lexicon, Words, load_lexicon
from coachdojo.scoring.text import (
    LETTER_OR_DIGIT_RE,
    WORD_RE,
    Sentence,
    blank_disfluency,
    normalise,
    sentences,
)
from coachdojo.transcript import COACHEE, Annotation, Evidence, Utterance

MAX_ANALYSED_CHARS = 4000
# How many of the coachee's latest turns the scorer reads (for reflections and summaries).
CONTEXT_COACHEE_TURNS = 8

_DISCOURSE_MARKERS = (
    "so", "and", "but", "ok", "okay", "right", "well", "now", "then", "alright", "hmm+", "mm+", "yeah", "yes",
    "oh", "ah", "i see", "sure", "great", "thanks", "thank you", "got it", "fair enough", "and so", "so then",
    "just", "also", "mm-hmm", "mhm", "uh-huh", "uh huh", "mm hmm", "honestly", "actually", "basically",
    "personally", "to be honest", "to be fair",
)
_DISCOURSE_ASIDES = ("you know", "i mean", "like")  # followed by a comma
_DISCOURSE_RE = re.compile(
    r"^(?:(?:" + "|".join(_DISCOURSE_MARKERS) + r")\b[,.!]?\s+|(?:" + "|".join(_DISCOURSE_ASIDES) + r"),\s+)+"
)
# The first two letters every match opens with (a cheap test first: most parts open otherwise).
_DISCOURSE_HEADS = frozenset(m[:2] for m in _DISCOURSE_MARKERS + _DISCOURSE_ASIDES)
_PRONOUN_NEXT = {
    "you", "it", "there", "that", "this", "they", "he", "she", "we", "i", "anything", "anyone",
    "your", "the", "any", "everyone", "anybody", "everything", "things", "he's", "she's", "u",
    "ya", "yall", "these", "those", "someone", "somebody", "something", "people", "other",
}
_TAG_RE = re.compile(
    r",\s*(?:is|isn't|isnt|are|aren't|arent|do|don't|dont|does|doesn't|doesnt|did|didn't|didnt|"
    r"was|wasn't|wasnt|were|weren't|won't|wont|would|wouldn't|wouldnt|will|can|can't|cant|could|couldn't|should|shouldn't|have|has|"
    r"haven't|hasn't|right|yeah|eh|no|ok|okay|surely)(?:\s+(?:it|you|they|he|she|we|that|there|i))?\s*\?\s*$"
)
_CLAUSE_SPLIT_RE = re.compile(
    r"(?:,|\u2014|\s-\s|(?<=\w)-\s)\s*(?:and\s+|so\s+|but\s+|then\s+)?(?=(?:what|how|where|when|who|which|why|"
    r"is|are|do|does|did|have|has|had|can|could|would|will|should|tell me|say more)\b)"
)
# A second question joined to the first. (Written to open with a space: the regex engine skips to those.)
_SECOND_QUESTION_RE = re.compile(r"\s(?<=\S\s)\s*(?:and|or|but)\s+(?:what|how|why|where|who)\b")
_EITHER_OR_RE = re.compile(r"\b[\w']+\s+or\s+(?!not\b|so\b|something\b|anything\b|whatever\b|otherwise\b)[\w']+")
_EXCLAIM_RE = re.compile(r"^(?:what\s+an?\s|how\s+(?:awful|hard|difficult|frustrating|annoying|exciting|lovely|great|sad|tough|stressful|horrible|scary|brilliant|wonderful|exhausting|upsetting|painful|strange|odd|funny|interesting|nice|good|bad|rough|unfair|lonely|disappointing)\b)")
_QUOTED_RE = re.compile(r"['\"]([a-z][a-z' -]{1,40})['\"]")
_SELF_START_RE = re.compile(r"^(?:i|i'm|im|i've|ive|i'd|id|i'll|me|my|we|we're|we've|let me|let's|lets)\b")
_SELF_HEADS = frozenset("imwl")  # the first letters of its matches
_NON_LATIN_RE = re.compile(r"[\u00bf\u00a1]|[\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_STRUCTURING_WH_RE = re.compile(r"^what\s+(?:i'?m|i\s+am|you'?re|you\s+are|i'?ve|you'?ve|matters|strikes|stands|i\s+notice|i\s+hear|i'?m\s+hearing|comes\s+across|i\s+see)\b")
_WHO_OPEN_RE = re.compile(r"^who\s+(?:could|might|would|else|can|else\s+could|holds|helps|supports|do\s+you\s+want\s+to\s+be)\b")
_WHEN_OPEN_RE = re.compile(r"^when\s+(?:do|does|did|have|were|are|was)\s+(?:you|it|things)\s+(?:feel|felt|notice|noticed|find|found|get|tend|become|feeling|most|at\s+your|been\s+at)")
_WHERE_CLOSED_RE = re.compile(r"^where(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the|it|that|he|she|they|your)\b")
_ADVICE_IN_LEADING_RE = re.compile(
    r"\b(?:should|ought to|needs? to|better to|better if|time to|worth|have to|go for it|make sense|(?:couldn't|wouldn't|can't) hurt"
    r"|(?:you'd|you would) (?:want|need|be better) to|if you (?:asked|tried|told|talked|spoke)|try|tell|talk|ask|speak|stop|start|let go|go back|take|delegate|apologi[sz]e|step back"
    r"|be (?:better|more|smarter|easier|wiser|simpler|safer|healthier)|(?:a|another) way to)\b"
)
_ECHO_QUESTION_MAX_WORDS = 5
# The coachee's stance in reported speech: "you're like, it's not that bad".
_REPORTED_RE = re.compile(
    r"\byou(?:'re|\s+are)?\s+(?:like|saying|say|said|think|thought|feel|felt|figure|reckon|(?:keep\s+)?telling\s+yourself|tell\s+yourself)\b"
)
# Comfort, not instruction: "Don't worry about it.", "Take care."
_REASSURANCE = (
    r"(?:(?:please|oh|no)\W+)?(?:(?:don't|dont|do not)\s+(?:worry|be\s+sorry|apologi[sz]e)|take\s+care|no\s+worries|never\s+mind"
    r"|take\s+your\s+time|no\s+rush|no\s+need\s+to\s+(?:apologi[sz]e|be\s+sorry)|(?:go|carry)\s+on|keep\s+going)"
    r"(?:\s+(?:about\s+(?:it|that|this|what\s+(?:they|he|she|people|others|anyone)\s+(?:think|thinks|say|says))|of\s+yourself"
    r"|at\s+all|too\s+much|then|now|there))?"
)
_REASSURANCE_RE = re.compile("^" + _REASSURANCE + r"[\s,.!]*$")
# The same opening a sentence, before what the coach goes on to say: "No worries, what would help?"
_REASSURING_OPENER_RE = re.compile("^" + _REASSURANCE + r"[,.!]+\s+")
# Hospitality at the door: "Hi Gary, come on in, have a seat."
# Greetings at the start of a sentence, each with a name after it when a comma follows.
_GREETING_RE = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|welcome(?:\s+back)?|good\s+(?:morning|afternoon|evening)|come\s+(?:on\s+)?in"
    r"|(?:have|take)\s+a\s+seat|(?:nice|good|great|lovely)\s+to\s+(?:see|meet)\s+you(?:\s+again)?)"
    r"(?:\s+[a-z]+(?=[,.!]))?(?:[\s,.!]+|$))+"
)
_LATE_OPENERS = ("if", "when", "since", "before", "after", "given", "now that", "once", "while", "because", "as")
_LATE_FIRST_WORDS = tuple(opener.split()[0] for opener in _LATE_OPENERS)  # a cheap test first
_LATE_WH_RE = re.compile(
    r"^(?:" + "|".join(opener.replace(" ", r"\s+") for opener in _LATE_OPENERS) + r")\b[^,?]*,\s*(?:and\s+|so\s+|then\s+)?"
    r"(?P<q>(?:what|what's|how|how's|why|where|who|which|can|could|would|will|do|does|did|is|are|was|were|have|has|had"
    r"|tell\s+me|say\s+more)\b.*)"
)
_EXAMPLES_RE = re.compile(r"(?:,|(?<=\S))\s+(?:like|such\s+as|for\s+example|for\s+instance|e\.g\.)\s+")
_HINDSIGHT_RE = re.compile(
    r"\s+(?:have|'ve)\s+(?:[a-z]+ed|been|done|said|gone|kept|told|made|left|taken|got|given|known|seen|thrown|hit|hurt|lost|caught|come|run|driven|quit)\b"
)
# "You could have hit someone.", "You should have told me.": judging what was done.
_BLAME_RE = re.compile(
    r"^you\s+(?:could|should)\s+(?:have|'ve)\s+(?:told|asked|said|called|rung|gone|hit|killed|stopped|left|waited|checked|tried"
    r"|listened|planned|prepared|thought|come|talked|spoken|mentioned|warned|done|emailed|got\s+help|seen\s+a)\b"
)
# "Smoking is smoking.", "Half a mile's still half a mile.": a tautology that dismisses a reason.
_TAUTOLOGY_RE = re.compile(
    r"^(?:[a-z']+\s+){0,2}?([a-z][a-z' ]{1,30}?)(?:'s|\s+is|\s+are)\s+(?:(?:still|just)\s+\1(?![\w'])|\1(?=,?\s+(?:whether|whatever|no\s+matter|either\s+way)\b))"
)


def _may_be_tautology(core: str) -> bool:
    """Whether `core` holds a word every tautology match needs (a cheap test before the regex)."""
    return (
        "still" in core or "just" in core or "whether" in core or "whatever" in core or "matter" in core or "either" in core
    )


# The coach's counterpoint: "Feeling better's usually the tablets working, though." (not about "you")
_COUNTERPOINT_RE = re.compile(r"(?<!even)(?<!as)\s+though(?:,?\s+(?:is|isn't|was|wasn't|are|aren't|does|doesn't|do|don't)\s+(?:it|that|they|he|she))?$")
# Sarcasm: "Sure, because recruiters love an empty profile."
_SARCASM_RE = re.compile(r"^(?:oh\s+)?(?:sure|yeah|right|of\s+course),?\s+because\b")
# Disbelief on its own: "Really?", "Seriously?", "Come on."
_DISBELIEF = frozenset({"really", "seriously", "come on", "oh come on", "honestly", "you're kidding", "are you kidding"})
# A rhetorical "do you though" / "is it though".
_RHETORICAL_THOUGH_RE = re.compile(r"^(?:do|does|did|is|are|was|were|have|has|can|will|would)\s+(?:you|it|they|he|she|that)\s+(?:really\s+)?though$")
_THANKS_RE = re.compile(r"^(?:thanks|thank you)\b")
_PLATITUDE_RE = re.compile(r"^(?:everyone|everybody|nobody|no one|noone|anyone|anybody|all of us|we all|most of us)\b|\beveryone's thing\b")
# The first two letters every match of the anchored patterns above opens with (cheap tests first).
_GREETING_HEADS = frozenset({"hi", "he", "we", "go", "co", "ha", "ta", "ni", "gr", "lo"})
_REASSURANCE_HEADS = frozenset({"pl", "oh", "no", "do", "ta", "ne", "ca", "go", "ke"})
_PLATITUDE_HEADS = frozenset({"ev", "no", "an", "al", "we", "mo"})
_FACTUAL_RE = re.compile(
    r"\d|\b(?:most|usually|typically|generally|standard|average|per cent|percent|rate|guidance|guidelines?|"
    r"contracts?|law|legally|research|studies|official|statutory|policy|highest|lowest|cost of living)\b"
)
_ACKNOWLEDGEMENTS = frozenset({
    "i hear you", "i see", "i get it", "i understand", "makes sense", "that makes sense", "i know", "gotcha",
    "fair", "fair enough", "true", "totally", "exactly", "absolutely", "of course", "course", "sure thing",
})
# "You must feel terrible": a guess at a feeling, not an instruction.
_INFERRED_FEELING_RE = re.compile(r"\s*(?:really\s+|so\s+)?(?:feel|be\s+feeling|have\s+felt|have\s+been|be\s+(?:so\s+|really\s+|pretty\s+)?(?:tired|exhausted|worried|frustrated|fed\s+up|gutted|upset|angry|sad|proud|relieved|scared|nervous|anxious|hurt|lonely)|wonder|be\s+wondering|think)\b")
_NEGATIVE_AUX = ("wouldn't", "wouldnt", "isn't", "isnt", "don't", "dont", "shouldn't", "shouldnt", "aren't", "arent", "won't", "couldn't", "doesn't", "didn't", "can't")
_DISCOURSE_WORDS = frozenset({"so", "and", "but", "ok", "okay", "right", "well", "now", "then", "hmm", "mm", "yeah", "yes", "oh", "ah", "alright", "sure"})
# How students type in a hurry; read as the words they stand for.
_TEXT_SPEAK = {
    "u": "you", "ur": "your", "r": "are", "ya": "you", "yr": "your", "wat": "what", "wot": "what",
    "y": "why", "coz": "because", "cos": "because", "bc": "because", "thx": "thanks", "pls": "please",
    "plz": "please", "abt": "about", "ppl": "people", "smth": "something", "tho": "though",
}
# "you", "your", "you're", "u", "ur"...: written to open with a letter, so the regex engine skips to it.
_SECOND_PERSON_RE = re.compile(r"(?:y(?<!\wy)ou(?:|r|'re|re|rself|'ve|ve|'d|d|'ll|ll|rs)|u(?<!\wu)r?)\b")
_GENERAL_STATEMENT_WORDS = 11
# One word the coach says back that is a reply, not an echo, even when the coachee used it.
_NOT_ECHOES = frozenset({
    "sorry", "okay", "right", "sure", "true", "fair", "yeah", "yep", "yes", "nope", "well", "thanks", "cool", "wow",
    "great", "good", "fine", "no", "maybe", "really", "ok", "oh", "hmm", "indeed", "perhaps", "definitely",
})
# Words of greeting, thanks and leave-taking: a reply made of them is social, not an echo.
_SOCIAL_WORDS = frozenset({"thank", "thanks", "bye", "goodbye", "hello", "hi", "hey", "welcome", "cheers", "see", "please", "congratulations"})
# "What people see as being thorough is, from the inside, fear.": a statement built on "what".
_WHAT_CLEFT_RE = re.compile(r"^what\s+(?:you|people|they|he|she|i|we|your|everyone|everybody|others|the)\b(?:\s+[\w']+){1,8}?,?\s+(?:is|was)\b,?\s+\S+\s+\S+")
_COACH_LISTENING_RE = re.compile(
    r"^(?:i\s+(?:hear|sense|get\s+the|wonder|notice|'m\s+hearing|am\s+hearing|'m\s+sensing|'m\s+getting|'m\s+struck|imagine)"
    r"|i'm\s+(?:hearing|sensing|getting|struck|noticing|guessing|wondering))"
)
_WH_WORDS = frozenset({"what", "what's", "whats", "how", "how's", "why", "why's", "who", "who's", "where", "where's", "when", "when's", "which"})
# Words after "I" that show the coach listening or sympathising, not telling their own story.
_COACH_STANCE = {
    "hear", "heard", "sense", "wonder", "wondered", "notice", "noticed", "get", "guess", "imagine",
    "think", "thought", "can", "can't", "appreciate", "admire", "respect", "want", "wanted", "would",
    "wouldn't", "could", "might", "may", "will", "won't", "am", "m", "see", "understand", "feel",
    "believe", "suppose", "mean", "really", "don't", "didn't", "do", "hope", "wish", "love", "like",
    "suggest", "recommend", "remember", "know", "agree", "disagree", "need", "should",
    "must", "have", "had", "just", "also", "'m", "'d", "d", "ll", "ve", "said", "asked",
}
_PAST_VERBS = {
    "was", "were", "did", "went", "got", "took", "left", "lost", "made", "told", "felt", "knew",
    "came", "became", "began", "ran", "quit", "taught", "grew", "gave", "found", "kept", "spent",
    "sat", "fell", "wrote", "drove", "saw", "won", "paid", "put", "bought", "brought", "built",
    "switched", "smoked", "failed", "passed", "turned", "nearly", "used", "managed", "coordinated",
    "mentored", "grind", "struggled", "worked", "moved", "retired", "trained", "studied", "lived", "tried", "burnt", "burned", "slipped", "resat", "dropped", "changed", "started",
    "finished", "gained", "signed", "applied", "hated", "loved",
}
# "I notice myself getting curious": the coach watching their own part in the session.
_NOTICING = {"notice", "noticed", "hear", "heard", "catch", "caught", "find", "found", "want", "wanted", "wonder", "see"}
_OWN_PEOPLE = {
    "own", "mum", "mom", "dad", "husband", "wife", "partner", "son", "daughter", "kids", "children",
    "brother", "sister", "first", "old", "last", "previous", "boss", "manager", "family", "friend",
    "mother", "father", "grandmother", "grandfather", "nan", "gran",
}


_ASKING_CODES = QUESTION_CODES - {"stacked_questions"}
_STAGED_CODES = QUESTION_CODES | {"asks_permission"}  # codes whose turn gets a GROW stage
_REFLECTIONS = frozenset({"simple_reflection", "complex_reflection"})


class _Part(Words):
    """One sentence or clause of a reply: its span, its words as the lexicon's searches read them
    (the core, its text without leading discourse markers; the gate reads the whole part), and
    what it does. The stems the reflection checks need are worked out once, when first asked."""

    __slots__ = (
        "start", "end", "question", "codes", "reflection_strength", "nothing_found",
        "words", "_lex", "_feelings", "_stems",
    )

    def __init__(self, start: int, end: int, text: str, core: str, lex: Lexicon, whole: list[str] | None = None):
        if whole is None:
            whole = WORD_RE.findall(text)
        self.text = core
        self.tokens = whole  # the words of the whole part
        self.opened = lex.gates.opened(text, whole)
        self.found = {}
        # The core's words, in order: the whole part's after the words of what was cut off the start.
        self.words: list[str] = whole if core is text else whole[len(WORD_RE.findall(text[: len(text) - len(core)])) :]
        self._lex = lex
        self._feelings: frozenset[str] | None = None
        self._stems: frozenset[str] | None = None
        self.start = start
        self.end = end
        self.question = False
        self.codes: dict[str, tuple[int, int]] = {}
        # How sure a reflection is: 2 reflective wording ("it sounds like", "part of you"),
        # 1 the coachee's own words or a feeling given back, 0 only a statement in reply to them.
        self.reflection_strength = 2
        # True when the part is "other" only because nothing else was found in it.
        self.nothing_found = False

    def add(self, code: str, span: tuple[int, int] | None = None) -> None:
        self.codes.setdefault(code, span or (self.start, self.end))

    @property
    def feelings(self) -> frozenset[str]:
        """Feeling stems among the words of the whole part (discourse markers included)."""
        if self._feelings is None:
            self._feelings = self._lex.feelings_in(self.tokens)
        return self._feelings

    @property
    def stems(self) -> frozenset[str]:
        """Content stems of the core: words over two letters that are not stopwords."""
        if self._stems is None:
            self._stems = self._lex.content_stems(self.words)
        return self._stems


class _Heard:
    """What the coachee said recently, prepared for comparison. The unions over turns are
    worked out when first asked for: many replies need none of them."""

    __slots__ = ("turns", "last_text", "_words", "_recent", "_latest", "_earlier")

    def __init__(self, turns: tuple[frozenset[str], ...], words: tuple[frozenset[str], ...], last_text: str):
        self.turns = turns  # content stems per coachee turn, oldest first
        self._words = words  # the words of each coachee turn, oldest first
        self.last_text = last_text
        self._recent: frozenset[str] | None = None
        self._latest: frozenset[str] | None = None
        self._earlier: frozenset[str] | None = None

    @property
    def recent(self) -> frozenset[str]:
        """Content stems of the last two coachee turns."""
        if self._recent is None:
            self._recent = _last_two(self.turns)
        return self._recent

    @property
    def words(self) -> frozenset[str]:
        """Every word of the last two coachee turns."""
        if self._latest is None:
            self._latest = _last_two(self._words)
        return self._latest

    @property
    def earlier_words(self) -> frozenset[str]:
        """Every word of the coachee turns read."""
        if self._earlier is None:
            self._earlier = self.words.union(*self._words[:-2]) if len(self._words) > 2 else self.words
        return self._earlier


def _last_two(turns: tuple[frozenset[str], ...]) -> frozenset[str]:
    """What the last two of `turns` hold between them."""
    return turns[-2].union(turns[-1]) if len(turns) > 1 else turns[-1] if turns else frozenset()


_NOTHING_HEARD = _Heard((), (), "")


class _CoacheeTurns(dict):
    """Each coachee turn read once, on first sight: its content stems and its words (a turn is in
    the context of every reply that follows it)."""

    def __init__(self, lex: Lexicon):
        super().__init__()
        self.lex = lex

    def __missing__(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        if len(self) > 20_000:
            self.clear()
        words = WORD_RE.findall(normalise(text))
        read = self[text] = (self.lex.content_stems(words), frozenset(words))
        return read


class Scorer:
    """Classifies coach replies. Build once (the lexicon is compiled once) and reuse."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or load_lexicon()
        lex = self.lex
        self._cues = lex.categories  # name -> Category
        # The GROW stages in the order they are tried: the first found names the turn's stage.
        self._stages = [(stage, lex.stages[stage]) for stage in ("contracting", "will", "options", "goal", "reality")]
        self._stage_gates = reduce(or_, (cues.bit for _, cues in self._stages))  # any stage's gate
        # Question starters and the like, matched at the start of a part (`Lexicon.starter`).
        self._open_start = lex.starter("open_starters")
        self._closed_start = lex.starter("closed_starters")
        self._fact_start = lex.starter("closed_fact_questions")
        self._invite_start = lex.starter("invitations")
        self._other_start = lex.starter("other")
        self._praise_start = lex.starter("generic_praise")
        self._known = lex.vocabulary | lex.stopwords | lex.feelings | lex.imperative_verbs | lex.not_typos
        self._corrections: dict[str, str | None] = {}
        self._unfixable: set[str] = set()  # words looked up before that have no fix (a fast path)
        # Each coachee turn read once: it is in the context of every reply that follows it.
        self._turns = _CoacheeTurns(lex)
        # One-deletion neighbourhoods of the cue words, for finding typos fast (as SymSpell does).
        self._deletes: dict[str, list[str]] = {}
        for cue in sorted(w.replace("'", "") for w in lex.vocabulary if len(w) >= 3):
            for variant in {cue, *_one_deletes(cue)}:
                self._deletes.setdefault(variant, []).append(cue)
        self._starters = frozenset({"what", "how", "where", "when", "who", "which", "why", "tell", "describe", "sounds", "seems", "mean", "should", "could", "would", "tried"})

    # --- public -----------------------------------------------------------------------------

    def score(self, text: str, context: Sequence[Utterance] = ()) -> Annotation:
        """Annotate one coach reply given the conversation before it (oldest first)."""
        original = text if isinstance(text, str) else str(text)
        analysed = original[:MAX_ANALYSED_CHARS]
        lowered = normalise(analysed)
        found = WORD_RE.findall(lowered)
        norm = blank_disfluency(lowered, found)
        if norm is not lowered:
            found = WORD_RE.findall(norm)
        reply = (norm, found)
        heard = self._heard(context)
        has_letters = found or LETTER_OR_DIGIT_RE.search(norm)  # words are made of letters and digits
        distinct = set(found)
        unknown = distinct.difference(self._known)  # words the scorer does not know
        if (
            not has_letters
            or self._foreign(norm, found, heard, len(distinct) - len(unknown))
            or self._gibberish(found, heard)
        ):
            span = (0, len(analysed.rstrip()))
            return self._finish(original, heard, [_part_other(span, self.lex)], reply)
        corrected, back = self._correct_typos(norm, unknown, heard)
        pieces = [piece for sentence in sentences(corrected) for piece in self._clauses(sentence)]
        # One piece and no typo fixed: the piece's words are the reply's (what is cut round a
        # sentence holds no letters or digits).
        words = found if len(pieces) == 1 and back is None else None
        parts = [part for part in [self._analyse(piece, heard, words) for piece in pieces] if part.codes]
        if not parts:
            parts = [_part_other((0, len(corrected)), self.lex)]
        if back is not None:
            for part in parts:
                part.codes = {c: (back[s], back[e]) for c, (s, e) in part.codes.items()}
                part.start, part.end = back[part.start], back[part.end]
        return self._finish(original, heard, parts, reply)

    # --- preparation --------------------------------------------------------------------------

    def _heard(self, context: Sequence[Utterance]) -> _Heard:
        # From the end, so that long conversations stay cheap.
        coachee = [u.text for u in context[-2 * CONTEXT_COACHEE_TURNS :] if u.speaker == COACHEE]
        if len(coachee) < CONTEXT_COACHEE_TURNS and len(context) > 2 * CONTEXT_COACHEE_TURNS:
            coachee = [u.text for u in context if u.speaker == COACHEE]
        if not coachee:
            return _NOTHING_HEARD
        if len(coachee) > CONTEXT_COACHEE_TURNS:
            coachee = coachee[-CONTEXT_COACHEE_TURNS:]
        stems, words = zip(*map(self._turns.__getitem__, coachee), strict=True)
        return _Heard(stems, words, coachee[-1])

    def _gibberish(self, tokens: list[str], heard: _Heard) -> bool:
        """One or two words that are neither English the scorer knows nor the coachee's ("x", "asdf")."""
        if len(tokens) > 2:
            return False
        return all(t not in self._known and t not in heard.words and self._fix_word(t) is None for t in tokens)

    def _foreign(self, norm: str, tokens: list[str], heard: _Heard, known_kinds: int) -> bool:
        """Not English: non-Latin letters, or (from three words) under 30% words the scorer
        knows or the coachee used (`known_kinds`: how many different words of `tokens` it knows)."""
        if not norm.isascii() and _NON_LATIN_RE.search(norm):
            return True
        if len(tokens) < 3:
            return False
        if known_kinds >= 0.3 * len(tokens):
            return False  # enough different words the scorer knows, without counting the coachee's
        english = sum(1 for t in tokens if t in self._known or t in heard.earlier_words)
        return english / len(tokens) < 0.3

    def _correct_typos(
        self, norm: str, unknown: set[str], heard: _Heard = _NOTHING_HEARD
    ) -> tuple[str, list[int] | None]:
        """Fix likely typos in cue words ("waht", "soudns"); returns text and an offset map.

        `unknown`: the words of `norm` the scorer does not know; known words are never
        corrected, nor are words the coachee used (`heard.words`: their names and their own
        words, picked up by the student). When none of the others has a fix the text is
        returned as it is without walking it."""
        unknown = unknown.difference(self._unfixable)  # (most often empty: a fast path)
        coachee_words = heard.words if unknown else frozenset()
        unknown.difference_update(coachee_words)
        if not unknown or all(self._fix_word(word) is None for word in unknown):
            return norm, None
        pieces: list[str] = []
        back: list[int] = []
        pos = 0
        changed = False
        for match in WORD_RE.finditer(norm):
            word = match.group(0)
            fix = None if word in coachee_words else self._fix_word(word)
            if fix is None:
                continue
            changed = True
            pieces.append(norm[pos : match.start()])
            back.extend(range(pos, match.start()))
            pieces.append(fix)
            back.extend(min(match.start() + i, match.end() - 1) for i in range(len(fix)))
            pos = match.end()
        if not changed:
            return norm, None
        pieces.append(norm[pos:])
        back.extend(range(pos, len(norm)))
        back.append(len(norm))
        return "".join(pieces), back

    def _fix_word(self, word: str) -> str | None:
        """The cue word a typo was meant to be ('waht' -> 'what'), or None to leave it alone."""
        if word in _TEXT_SPEAK:
            return _TEXT_SPEAK[word]
        if word in self._known:
            return None
        if word in self._corrections:
            return self._corrections[word]
        bare = word.replace("'", "")
        fix = None
        if len(word) < 3 or word.isdigit() or "'" in word and word.split("'", 1)[0] in self._known:
            pass  # short, a number, or a contraction of a known word ("it'd", "there'll"): not a typo
        elif bare not in self._known:
            candidates = set(self._deletes.get(bare, ()))
            for variant in _one_deletes(bare):
                candidates.update(self._deletes.get(variant, ()))
            letters = sorted(bare)
            # Keep true one-edit neighbours with the same first letter: two letters swapped
            # ("waht" -> "what"), or any one edit to a word in the lexicon's typo_targets
            # ("tryed" -> "tried"); prefer a swap over a different word ("wait").
            close = sorted(
                (
                    c
                    for c in candidates
                    if c[0] == bare[0]
                    and not _other_ending(c, bare)
                    and (sorted(c) == letters or c in self.lex.typo_targets and len(bare) >= 4)
                    and DamerauLevenshtein.distance(c, bare, score_cutoff=1) <= 1
                ),
                key=lambda c: (sorted(c) != letters, c not in self._starters, c),
            )
            fix = close[0] if close else None
        if len(self._corrections) > 50_000:
            self._corrections.clear()
            self._unfixable.clear()
        self._corrections[word] = fix
        if fix is None:
            self._unfixable.add(word)
        return fix

    def _clauses(self, sentence: Sentence) -> list[Sentence]:
        """Split "you're exhausted, what would help?" into a reflection and a question."""
        text = sentence.text
        opener = text[:2] in _GREETING_HEADS and _GREETING_RE.match(text)
        if not (opener and 0 < opener.end() < len(text)):
            opener = text[:2] in _REASSURANCE_HEADS and _REASSURING_OPENER_RE.match(text)
        if opener and 0 < opener.end() < len(text):  # "Hi Sam, you should talk to HR.", "No worries, what would help?"
            head = text[: opener.end()].rstrip()
            rest = Sentence(sentence.start + opener.end(), sentence.end, text[opener.end() :], sentence.question_mark)
            return [Sentence(sentence.start, sentence.start + len(head), head, False), *self._clauses(rest)]
        if not sentence.question_mark or not ("," in text or "-" in text or "\u2014" in text):
            return [sentence]
        for match in _CLAUSE_SPLIT_RE.finditer(text):
            head = text[: match.start()]
            if len(WORD_RE.findall(head)) < 3:
                continue
            # The head without its leading discourse markers (the last one read as if the comma
            # were still there): empty when the head is nothing else ("To be honest", "Right,
            # you know"), and then it only opens the question.
            head_stripped = _DISCOURSE_RE.sub("", head + ", ")[:-2]
            first = WORD_RE.match(head_stripped)
            if (
                not head_stripped
                or self._starts_question(head_stripped)
                or head.rstrip().endswith("?")
                or (first and first.group(0) in _WH_WORDS)
                or head_stripped.startswith(
                    ("on a scale", "if ", "out of", "in your", "given", "looking", "thinking", "when ", "before ", "after ", "since ", "while ", "once ", "until ", "because ")
                )
            ):
                continue
            cut = match.end()
            if len(WORD_RE.findall(text[cut:])) <= 2:
                continue  # ", are you?" is a tag on the statement, not a question of its own
            return [
                Sentence(sentence.start, sentence.start + len(head.rstrip()), head.rstrip(), False),
                Sentence(sentence.start + cut, sentence.end, text[cut:], True),
            ]
        return [sentence]

    def _starts_question(self, text: str) -> bool:
        return bool(
            self._open_start.match(text) or self._closed_start.match(text) or self._invite_start.match(text)
        ) and not _STRUCTURING_WH_RE.match(text)

    # --- one unit -------------------------------------------------------------------------------

    def _analyse(self, sentence: Sentence, heard: _Heard, words: list[str] | None = None) -> _Part:
        """What one sentence or clause does (`words`: its words, when already known)."""
        text = sentence.text.rstrip("?!. \"')")
        discourse = _DISCOURSE_RE.match(text) if text[:2] in _DISCOURSE_HEADS else None
        core = text[discourse.end() :] if discourse else text
        offset = sentence.start + (len(text) - len(core))
        if not core.strip():
            part = _Part(sentence.start, sentence.end, text, text, self.lex, words)
            if self._cues["other"].search(text, part) or self._cues["generic_praise"].search(text, part):
                part.add("other")
            return part
        part = _Part(sentence.start, sentence.end, text, core, self.lex, words)
        praise = self._praise_start.match(text)
        if praise and praise.end() == len(text):
            part.add("other")  # "Great plan!"
            return part
        if core.startswith("for ") and _THANKS_RE.match(text) and not sentence.question_mark:
            part.add("other")  # "Thanks for coming in today."
            return part
        invite = self._invite_start.match(core)
        if self._is_question(sentence, core, invite is not None, part):
            part.question = True
            self._question(part, sentence, core, offset, heard, invite is not None)
        else:
            self._statement(part, sentence, core, offset, heard)
        return part

    def _is_question(self, sentence: Sentence, core: str, invite: bool, part: _Part) -> bool:
        if (
            not sentence.question_mark
            and core.startswith(("what", "how"))
            and (_STRUCTURING_WH_RE.match(core) or _WHAT_CLEFT_RE.match(core) or _EXCLAIM_RE.match(core))
        ):
            return False
        if sentence.question_mark:
            if "?!" in sentence.text or "!?" in sentence.text:
                return False  # "Eight?!" is disbelief, not a question
            if "," in sentence.text and _TAG_RE.search(sentence.text) and (
                self._cues["confront"].search(core, part) or self._cues["advice"].search(core, part)
            ):
                return False  # a rhetorical tag on a judgement or an instruction
            return True
        if invite:
            return not core.startswith(("let me", "let's", "lets", "think about"))
        if self._open_start.match(core):
            words = core.split()
            return len(words) >= 2 and words[0] not in {"when", "where", "which", "who", "more"} or (
                len(words) >= 3 and words[1] in {"do", "did", "does", "is", "are", "was", "were", "would", "could", "can", "will", "have", "has"}
            )
        closed = self._closed_start.match(core)
        if closed:
            rest = core[closed.end() :].split()
            if len(rest) <= 2 and rest and rest[0] in {"it", "this", "that", "them"}:
                return False  # "Do it." is an instruction, not a question
            return bool(rest) and rest[0] in _PRONOUN_NEXT
        return False

    def _question(
        self, part: _Part, sentence: Sentence, core: str, offset: int, heard: _Heard, invite: bool
    ) -> None:
        cues = self._cues
        late = _LATE_WH_RE.match(core) if core.startswith(_LATE_FIRST_WORDS) else None
        if late:  # "If there's no reason to, why are you still doing it?": the question decides
            head = core[: late.start("q")]
            advice = cues["advice"].search(head, Words(head, self.lex.gates))
            if advice and not self._advice_is_reflection(head, advice):
                part.add("advice", (offset + advice.start(), offset + advice.end()))
            if re.match(r"when\s+you\s+(?:say|said|talk\s+about|mention)", head):
                part.add("clarifying", (offset, offset + len(head.rstrip(" ,"))))  # "When you say X, does that…?"
            offset += late.start("q")
            core = late.group("q")
        words = core.split()
        first = words[0] if words else ""

        def span_of(match: re.Match[str] | None, base: int = offset) -> tuple[int, int]:
            if match is None:
                return (part.start, part.end)
            return (base + match.start(), base + match.end())

        if core in _DISBELIEF or core.endswith("though") and _RHETORICAL_THOUGH_RE.match(core):
            part.add("confront")  # "Really?", "Do you though?": making a point, not asking
            return
        if len(words) <= 2 and not sentence.question_mark and cues["other"].search(core, part):
            part.add("other")
            return
        permission = cues["asks_permission"].search(core, part)
        if permission:
            part.add("asks_permission", span_of(permission))
            part.add("closed_question")
            if cues["autonomy"].search(core, part):
                part.add("autonomy")
            return
        advice_q = cues["advice_questions"].search(core, part)
        if advice_q and first in _WH_WORDS and advice_q.start() > 0:
            advice_q = None  # "What else could you try?" asks for the coachee's ideas
        if advice_q:
            part.add("advice", span_of(advice_q))
            if core.startswith(("why don't", "why dont", "why not", "why wouldn't")):
                part.add("leading")
            elif core.startswith(_NEGATIVE_AUX):
                part.add("leading")  # "Wouldn't it be better to…?" carries its answer
                part.add("closed_question")
            elif not core.startswith(("what if", "what about", "how about")):
                part.add("closed_question")
            return
        leading = cues["leading"].search(core, part) or (
            _TAG_RE.search(sentence.text) if sentence.question_mark and "," in sentence.text else None
        )
        if leading:
            part.add("leading", span_of(leading) if leading.re is not _TAG_RE else (part.start, part.end))
            if first == "why":
                part.add("why_question")
                part.add("open_question")
            else:
                part.add("closed_question")
            if _ADVICE_IN_LEADING_RE.search(core):
                part.add("advice")
            return
        if first == "why" or core.startswith(("but why", "and why", "so why")):
            part.add("why_question", (offset, offset + 3))
            part.add("open_question")
        elif invite:
            part.add("open_question")
        elif self._fact_start.match(core) or core.startswith(("on a scale", "out of ten", "out of 10")):
            part.add("closed_question")
        elif first == "which":
            part.add("closed_question")
        elif first in {"who", "whom"}:
            part.add("open_question" if _WHO_OPEN_RE.match(core) else "closed_question")
        elif first in {"when", "when's"} and not re.match(r"^when\s+you\s+(?:say|said|talk|mention)", core):
            part.add("open_question" if _WHEN_OPEN_RE.match(core) else "closed_question")
        elif first == "where" and _WHERE_CLOSED_RE.match(core):
            part.add("closed_question")
        elif self._open_start.match(core):
            # "What do you want, X or Y?" is closed; "like X or Y" gives examples.
            either = first in {"what", "which"} and "or" in core and _EITHER_OR_RE.search(_EXAMPLES_RE.split(core, 1)[0])
            if either and ("," in core or core.count(" or ") == 1 and len(words) <= 9):
                part.add("closed_question")
            else:
                part.add("open_question")
        elif self._closed_start.match(core):
            part.add("closed_question")
        else:
            # No question word: an echo of the coachee ("Everyone?") or a declarative question.
            if len(words) <= _ECHO_QUESTION_MAX_WORDS:
                if re.search(r"\b(?:how|why|what|whom|who|when|where)$", core):
                    part.add("clarifying")  # "Different how?"
                    part.add("open_question")
                    return
                if heard.words and (set(WORD_RE.findall(core)) & heard.words):
                    part.add("clarifying")
                    part.add("closed_question")
                    return
            if self._reflects(core, part, heard) and len(words) > _ECHO_QUESTION_MAX_WORDS:
                part.question = False
                self._statement(part, sentence, core, offset, heard)
                return
            part.add("closed_question")
        clarifying = cues["clarifying"].search(core, part)
        if clarifying and not (first == "what" and "kind of" in core and not heard.words):
            part.add("clarifying", span_of(clarifying))
        else:
            quoted = _QUOTED_RE.search(core)
            if quoted and set(WORD_RE.findall(quoted.group(1))) & heard.words:
                part.add("clarifying", span_of(quoted))
        if (
            ("open_question" in part.codes or "closed_question" in part.codes)
            and _SECOND_QUESTION_RE.search(core)
            and not _EITHER_OR_RE.fullmatch(core)
        ):
            part.add("stacked_questions")
            if "open_question" not in part.codes:
                part.add("open_question")
        if core.startswith(("shall we", "should we", "can we", "could we")) and cues["other"].search(core, part):
            part.add("other")

    def _statement(
        self, part: _Part, sentence: Sentence, core: str, offset: int, heard: _Heard
    ) -> None:
        cues = self._cues

        def span_of(match: re.Match[str]) -> tuple[int, int]:
            return (offset + match.start(), offset + match.end())

        summary = cues["summary_markers"].search(core, part) if len(heard.turns) >= 2 else None
        if summary:
            part.add("summary", span_of(summary))
            return
        greeting = core[:2] in _GREETING_HEADS and _GREETING_RE.match(core)
        if core[:2] in _REASSURANCE_HEADS and _REASSURANCE_RE.match(core) or greeting and greeting.end() == len(core):
            part.add("other")
            return
        directive = False
        if self._tells_own_story(core, part.words):
            part.add("self_disclosure")
            directive = True
        if (
            core.startswith("you") and _BLAME_RE.match(core)
            or _may_be_tautology(core) and _TAUTOLOGY_RE.match(core)
            or "because" in sentence.text and _SARCASM_RE.match(sentence.text)
            or "though" in core
            and _COUNTERPOINT_RE.search(core)
            and not _SECOND_PERSON_RE.match(core)
            and not core.startswith("part of")
        ):
            part.add("confront")
            directive = True
        for code in ("self_disclosure", "confront"):
            match = cues[code].search(core, part)
            if match and code == "confront" and self._reported(core, match.start()):
                match = None  # "you're like, it's not that bad": their stance, said back
            if match:
                part.add(code, span_of(match))
                directive = True
        advice = cues["advice"].search(core, part)
        if advice and not self._advice_is_reflection(core, advice):
            part.add("advice", span_of(advice))
            directive = True
        elif self._imperative(part.words):
            part.add("advice")
            directive = True
        permission = cues["asks_permission"].search(core, part)
        if permission:
            part.add("asks_permission", span_of(permission))
        autonomy = cues["autonomy"].search(core, part)
        if autonomy:
            part.add("autonomy", span_of(autonomy))
            confront = part.codes.get("confront")
            if confront and confront[0] < offset + autonomy.end() and offset + autonomy.start() < confront[1]:
                del part.codes["confront"]  # "you're the one who knows": the choice is theirs
                directive = bool(part.codes.keys() & {"advice", "self_disclosure"})
        if not directive:
            information = cues["information"].search(core, part)
            if information:
                part.add("information", span_of(information))
                directive = True
        if directive:
            return
        affirmation = cues["affirmation"].search(core, part)
        if affirmation:
            part.add("affirmation", span_of(affirmation))
        if permission:
            return
        length = len(core.split())
        short = length <= 3
        if (
            core not in _DISCOURSE_WORDS
            and core not in _ACKNOWLEDGEMENTS
            and not (core[:1] in _SELF_HEADS and _SELF_START_RE.match(core))
            and self._echoes(part.words, heard)
        ):
            part.add("simple_reflection")  # "Again.", "900.", "No lunch, then junk at night."
            part.reflection_strength = 1
            return
        if core in _DISCOURSE_WORDS or (
            (self._other_start.match(core) or self._praise_start.match(core) or (short and core in _ACKNOWLEDGEMENTS))
            and (short or not cues["reflection_stems"].search(core, part))
        ):
            part.add("other")  # "Thanks for walking me through it.", "Congratulations!"
            return
        strength = self._reflects(core, part, heard)
        if autonomy and strength == 2 and cues["double_sided"].search(core, part):
            part.codes.pop("autonomy", None)  # "part of you knows you're the expert, and…" is two-sided
        elif autonomy:
            return  # putting the choice with the coachee is its own move, not a reflection
        if sentence.text.endswith("!") and strength < 2 and not affirmation:
            part.add("other")  # reassurance or cheering: "You're not a failure!"
            return
        if sentence.text.startswith(("so ", "so, ")) and heard.turns and not (core[:1] in _SELF_HEADS and _SELF_START_RE.match(core)):
            strength = max(strength, 1)  # "So ..." opens a giving-back
        if (core[:2] in _PLATITUDE_HEADS or "everyone's thing" in core) and _PLATITUDE_RE.match(core) and not _SECOND_PERSON_RE.search(core) and len(part.stems & heard.recent) < 2:
            part.add("other")  # "Everyone gets nerves before a board meeting."
            return
        if (
            strength < 2
            and not affirmation
            and length >= 9
            and not _SECOND_PERSON_RE.search(core)
            and _FACTUAL_RE.search(core)
        ):
            part.add("information")  # a fact about the world, not about the coachee
            return
        if (
            strength == 0
            and not affirmation
            and length >= _GENERAL_STATEMENT_WORDS
            and not _SECOND_PERSON_RE.search(core)
        ):
            # A long statement about the world, not about the coachee: information.
            part.add("information")
            return
        if strength:
            depth = self._depth(core, part, heard)
            if not affirmation or strength == 2 and depth == "complex_reflection":
                # The coachee's strengths said back are the affirmation itself.
                part.add(depth)
                part.reflection_strength = strength
            return
        if affirmation or autonomy:
            return
        if cues["generic_praise"].search(core, part) or cues["other"].search(core, part):
            part.add("other")
            return
        if heard.turns and not (core[:1] in _SELF_HEADS and _SELF_START_RE.match(core)) and not sentence.text.endswith("!") and length > 1:
            # A statement about the coachee's world, in reply to them: giving back what was heard.
            part.add(self._depth(core, part, heard))
            part.reflection_strength = 0
            return
        part.add("other")
        part.nothing_found = True

    # --- helpers --------------------------------------------------------------------------------

    def _advice_is_reflection(self, core: str, match: re.Match[str]) -> bool:
        """'you could see it coming', 'you feel you should' and 'you must feel terrible' are not advice."""
        if re.fullmatch(r"you\s+(?:must|should|need\s+to|have\s+to)", match.group(0)) and _INFERRED_FEELING_RE.match(
            core, match.end()
        ):
            return True
        before = core[: match.start()]
        if re.search(r"\b(?:could|might|should)$", match.group(0)) and _HINDSIGHT_RE.match(core, match.end()):
            return True  # "you could have kept quiet": what might have been, not advice for now
        if re.fullmatch(r"you\s+(?:have|need|must|'ve\s+got)\s+to(?:\s+be)?", core[match.start() :].strip()):
            return True  # "...because you have to be": their obligation, not an instruction
        return bool(re.search(r"\b(?:feel|felt|think|thought|believe|worried|afraid|told|say|said|saying|wonder|wondering|sure|as if|like|because|since|cos)\s+(?:that\s+)?$", before))

    @staticmethod
    def _reported(core: str, at: int) -> bool:
        """Whether the words at `at` are the coachee's stance in reported speech: a few words
        after "you're like", "you say", "you keep telling yourself", with no "but" between."""
        markers = list(_REPORTED_RE.finditer(core, 0, at))
        if not markers:
            return False
        between = core[markers[-1].end() : at]
        return len(between.split()) <= 8 and not re.search(r"\b(?:but|though|although|yet)\b", between)

    def _echoes(self, tokens: list[str], heard: _Heard) -> bool:
        """A few of the coachee's own words given back: every content word of a short
        statement (`tokens`, its words) is one they just used ("Again.", "Everyone at work does it.")."""
        if not 1 <= len(tokens) <= 6 or not heard.earlier_words:
            return False
        if _SOCIAL_WORDS.intersection(tokens):
            return False
        if len(tokens) == 1:
            content = [] if tokens[0] in _NOT_ECHOES else tokens
        else:
            content = [t for t in tokens if t not in self.lex.stopwords]
        return bool(content) and all(t in heard.earlier_words for t in content)

    def _tells_own_story(self, core: str, words: list[str]) -> bool:
        """'I was made redundant in 2009', 'My own supervisor went on sabbatical', 'I get like that too'
        (`words`: the words of `core`)."""
        if len(words) < 3:
            return False
        if words[0] == "when" and words[1] in {"i", "my"}:
            return True
        if words[0] == "my" and (
            words[1] in _OWN_PEOPLE or any(w in _PAST_VERBS or w.endswith("ed") for w in words[2:5])
        ):
            return True  # "My lit review went through nine drafts."
        if words[0] not in {"i", "i'm", "im", "i've", "ive", "we"}:
            return False
        if "myself" in words and words[1] not in _NOTICING:
            return True  # "I had a bypass myself", "I feel that way myself" (not "I notice myself…")
        if words[1] in _COACH_STANCE:
            return False
        if words[-1] == "too" or "the same" in core:
            return True
        if words[1] in {"was", "were"} and words[2] in {"wondering", "thinking", "curious", "struck", "noticing", "hoping", "going", "just", "hearing", "interested"}:
            return False  # "I was wondering what you make of it"
        verb = words[2] if words[1] in {"once", "nearly", "also", "never", "still", "actually", "really", "always", "just"} else words[1]
        return verb in _PAST_VERBS or (verb.endswith("ed") and verb not in {"need", "feed", "seed"})

    def _imperative(self, words: list[str]) -> bool:
        """An instruction: the words of a statement open with a verb in the imperative."""
        if not words:
            return False
        while len(words) > 1 and words[0] in {"just", "maybe", "perhaps", "so", "then", "and", "definitely", "honestly"}:
            words = words[1:]
        first = words[0]
        if first in {"let", "lets", "let's"}:
            return len(words) > 1 and words[1] in {"them", "him", "her", "it", "go"}
        if first in {"think", "look", "imagine", "picture", "tell", "talk", "say", "share", "describe", "explain", "walk", "take", "give", "help"} and len(words) > 1 and words[1] in {"me", "us", "back", "about", "through", "of"}:
            return False
        if first == "do" and len(words) <= 3 and words[1:2] in (["it"], ["this"], ["that"]):
            return True  # "Do it."
        if first in {"do", "have", "be", "don't", "dont", "keep", "stay", "get"}:
            return len(words) > 1 and words[1] not in _PRONOUN_NEXT and words[1] not in {"n't", "not"}
        return first in self.lex.imperative_verbs

    def _reflects(self, core: str, part: _Part, heard: _Heard) -> int:
        """How surely this statement gives back what the coachee said: 2 by its wording, 1 by
        the coachee's own words or a feeling, 0 not at all."""
        cues = self._cues
        if core[:1] in _SELF_HEADS and _SELF_START_RE.match(core) and not _COACH_LISTENING_RE.match(core):
            return 0
        if cues["reflection_stems"].search(core, part) or cues["double_sided"].search(core, part):
            return 2
        if not heard.turns:
            return 1 if part.feelings else 0
        shared = part.stems & heard.recent
        if len(shared) >= 1 and len(core.split()) <= 14:
            return 1
        if len(shared) >= 2:
            return 1
        return 1 if part.feelings or cues["meaning_markers"].search(core, part) else 0

    def _depth(self, core: str, part: _Part, heard: _Heard) -> str:
        cues = self._cues
        if cues["double_sided"].search(core, part) or cues["meaning_markers"].search(core, part):
            return "complex_reflection"
        feelings = part.feelings
        if feelings and not (feelings & heard.recent):
            return "complex_reflection"
        stems = part.stems
        if heard.recent and len(stems) >= 4 and len(stems & heard.recent) / len(stems) < 0.34:
            return "complex_reflection"
        return "simple_reflection"

    # --- the whole turn -------------------------------------------------------------------------

    def _finish(
        self,
        original: str,
        heard: _Heard,
        parts: list[_Part],
        reply: tuple[str, list[str]],
    ) -> Annotation:
        """Gather the parts' codes for the whole turn; `reply`: the normalised analysed text and its words."""
        if len(parts) > 1:
            _drop_unsure_reflections(parts)
            spans: dict[str, tuple[int, int]] = {}
            for part in parts:
                for code, span in part.codes.items():
                    spans.setdefault(code, span)
        else:
            spans = parts[0].codes.copy()
        codes = set(spans)
        if "complex_reflection" in codes:
            codes.discard("simple_reflection")
        if (
            "summary" not in codes
            and not codes.isdisjoint(("simple_reflection", "complex_reflection", "information"))
            and codes.isdisjoint(("advice", "confront", "self_disclosure"))
            and len(heard.turns) >= 2
        ):
            if self._gathers(parts, original, heard):
                codes -= {"simple_reflection", "complex_reflection", "information"}
                codes.add("summary")
                first = next(p for p in parts if not p.question)
                spans["summary"] = (first.start, max(p.end for p in parts if not p.question))
        if "summary" in codes:
            codes -= {"simple_reflection", "complex_reflection"}
        if len(parts) > 1:
            asking = [p for p in parts if p.question and not _ASKING_CODES.isdisjoint(p.codes)]
            if len(asking) >= 2 and not all("advice" in p.codes and len(p.codes) <= 2 for p in asking):
                codes.add("stacked_questions")
                spans.setdefault("stacked_questions", (asking[0].start, asking[-1].end))
        if len(codes) > 1 and "other" in codes and not any(
            p.codes.keys() == {"other"} and not p.nothing_found for p in parts
        ):
            codes.discard("other")
        if "advice" in codes and all("open_question" in p.codes for p in parts if "advice" in p.codes):
            codes.discard("open_question")
        evidence = tuple([
            Evidence(code, s, e, original[s:e]) for code, (s, e) in sorted(spans.items(), key=itemgetter(1)) if code in codes
        ])
        stage = self._stage(reply, codes, parts)
        final = frozenset(codes)
        tip, rewrite = feedback(final, original, heard.last_text, self.lex)
        return Annotation(original, final, primary_of(final), stage, evidence, tip, rewrite)

    def _gathers(self, parts: list[_Part], original: str, heard: _Heard) -> bool:
        """A reflection that draws on two or more earlier coachee turns is a summary."""
        text = normalise(" ".join(original[u.start : u.end] for u in parts if not u.question))
        words = len(text.split())
        listed = text.count(",") >= 2 or (text.count(",") >= 1 and " and " in text)
        if words < 18 and not (words >= 9 and listed):
            return False  # long, or a list of the coachee's things: "the CV, the job, and the fear"
        stems = self.lex.content_stems(WORD_RE.findall(text))
        hits = [len(stems & turn) for turn in heard.turns]
        return sum(1 for h in hits if h >= 1) >= 2 and sum(hits) >= 3

    def _stage(self, reply: tuple[str, list[str]], codes: set[str], parts: list[_Part]) -> str | None:
        """The GROW stage a question or permission request belongs to (advice: options)."""
        if "advice" in codes:
            return "options"
        if _STAGED_CODES.isdisjoint(codes):
            return None
        norm, found = reply
        if len(parts) == 1 and parts[0].tokens is found:
            # A reply of one part has that part's words: its gates serve the whole reply.
            if not parts[0].opened & self._stage_gates:
                return None
            words = Words.alike(norm, parts[0])
        else:
            words = Words(norm, self.lex.gates, found)
        for stage, cues in self._stages:
            if cues.search(norm, words):
                return stage
        return None


def _drop_unsure_reflections(parts: list[_Part]) -> None:
    """A statement read as a reflection only because it answers the coachee (strength 0) gives
    way when the turn does something else; one resting on the coachee's words (strength 1)
    gives way to telling or affirming, which is what such a turn is doing."""
    reflections = _REFLECTIONS
    if len(parts) < 2:
        return  # one part: there is nothing else in the turn to give way to
    for part in parts:
        if reflections.isdisjoint(part.codes):
            continue
        others: set[str] = set()
        for other in parts:
            if other is not part:
                others |= other.codes.keys()
        others -= reflections | {"other"}
        if part.reflection_strength >= 2:
            # Describing the effort behind a named strength is part of the affirmation.
            if "affirmation" in others and "simple_reflection" in part.codes:
                part.codes.pop("simple_reflection")
                if not part.codes:
                    part.add("other")
                    part.nothing_found = True
            continue
        if part.reflection_strength == 0 and others or others & INPUT_CODES or "affirmation" in others:
            for code in reflections:
                part.codes.pop(code, None)
            if not part.codes:
                part.add("other")
                part.nothing_found = True


def _other_ending(cue: str, word: str) -> bool:
    """True when `word` looks like another form of `cue` rather than a typo of it: one more or
    other last letter that makes a plural, past or -er form ("smoked"/"smoker", "years"/"year"),
    while "whay" and "shoul" are still read as "what" and "should"."""
    if len(word) < 4:
        return False
    if cue[:-1] == word[:-1]:
        return word[-1] in "sdr" or cue[-1] in "sdr"
    if cue == word[:-1]:
        return word[-1] in "sdr"
    return cue[:-1] == word and cue[-1] == "s"


def _one_deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _part_other(span: tuple[int, int], lex: Lexicon) -> _Part:
    part = _Part(span[0], span[1], "", "", lex, [])
    part.add("other")
    return part


