"""Tips and better alternatives for a scored reply, built from the coachee's own words.

A tip is one line on what the reply did. For closed, leading, why, stacked and directive
replies the student also gets a rewrite: an open question or a reflection that picks up a
phrase the coachee actually used ("your inbox"), so the alternative fits the moment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from coachdojo.scoring.text import normalise
from coachdojo.transcript import COACHEE, Utterance

if TYPE_CHECKING:
    from coachdojo.scoring.lexicon import Lexicon

TIPS: dict[str, str] = {
    "advice": "Advice without permission: the coachee's own ideas stick better. Ask what they have tried or what they could do.",
    "confront": "Confronting tends to raise defences. Reflect what you heard and get curious instead.",
    "self_disclosure": "Self-disclosure moves the focus to you (a mentoring move). Keep the spotlight on the coachee.",
    "leading": "A leading question carries your answer. Ask it open, without the answer inside.",
    "why_question": "'Why' can sound like judgement. 'What led you to…' asks the same more softly.",
    "stacked_questions": "Several questions at once: the coachee can answer only one. Ask one at a time (ICF 7.6).",
    "closed_question": "Closed question: it invites a yes/no or a fact. Open it with 'what' or 'how' to invite more.",
    "information": "Information: useful when asked for. Check what the coachee makes of it.",
    "asks_permission": "Asking permission before offering an idea keeps the coachee in charge (MITI: seeking collaboration).",
    "summary": "A summary gathers what the coachee said and shows you listened. Follow it with one open question.",
    "complex_reflection": "Complex reflection: you added meaning or feeling. This is what moves a conversation deeper.",
    "simple_reflection": "Simple reflection: you gave back what you heard. Try adding the feeling or meaning underneath.",
    "affirmation": "Affirmation of a specific strength or effort: it builds confidence and trust (ICF 4.1).",
    "autonomy": "You put the choice with the coachee (ICF 5.3). That supports their ownership.",
    "clarifying": "Clarifying: you explored the coachee's own words (ICF 6.2).",
    "open_question": "Open question: it invites the coachee to think and talk. Let them take their time.",
    "other": "No coaching move here. That's fine for greetings; otherwise try a reflection or an open question.",
}

# The order in which codes decide the tip: what most needs attention first.
TIP_ORDER = (
    "advice", "confront", "self_disclosure", "leading", "stacked_questions", "why_question",
    "asks_permission", "clarifying", "closed_question", "information", "summary",
    "complex_reflection", "affirmation", "autonomy", "simple_reflection", "open_question", "other",
)

_TIP_RANK = {code: rank for rank, code in enumerate(TIP_ORDER)}
DIRECTIVE = frozenset({"advice", "confront", "self_disclosure", "leading", "why_question", "stacked_questions"})
NEEDS_REWRITE = frozenset(
    {"advice", "confront", "self_disclosure", "leading", "why_question", "stacked_questions", "closed_question"}
)

_NOUN_PHRASE_RE = re.compile(
    r"\b(my|our|the|this|that|his|her|their)\s+((?:(?!and\b|but\b|or\b|is\b|was\b|are\b|were\b|to\b|of\b|in\b|on\b|at\b|for\b|with\b|it\b|i\b)[a-z'-]+\s+){0,2}?[a-z'-]{3,})\b",
    re.IGNORECASE,
)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_LOWER_FIRST = {
    "somebody", "someone", "something", "anybody", "anyone", "everybody", "nobody", "none",
    "everyone", "everything", "nothing", "it", "it's", "that", "this", "there", "there's",
    "the", "a", "an", "we", "they", "people", "no", "not", "all", "every", "some", "most", "sometimes",
    "maybe", "work", "things", "life", "now", "today", "he", "she", "he's", "she's", "they're",
}
_WEAK_NOUNS = {"thing", "things", "time", "way", "point", "moment", "day", "lot", "bit", "end", "same", "whole", "other", "rest"}
# The speaker's own body in a figure of speech ("my mouth says yes"), not a topic; "the head" can be a person.
_FIGURES = {"mouth", "head", "brain", "mind", "heart", "gut", "stomach", "hands", "eyes", "face", "chest", "shoulders"}
_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]?")


def _flip(text: str, turns: dict[str, str]) -> str:
    """Turn the coachee's words round to be said back, keeping names as written:
    'Jodie snapped at me' -> 'Jodie snapped at you' (`turns`: the lexicon's pronoun_turns)."""
    out = []
    for word in text.split():
        core = word.strip(",;:")
        tail = word[len(core):]
        flipped = turns.get(core.lower())
        out.append((flipped if flipped is not None else core) + tail)
    return " ".join(out)


def _last_coachee(context: Sequence[Utterance]) -> str:
    return next((u.text for u in reversed(context) if u.speaker == COACHEE), "")


def coachee_phrase(context: Sequence[Utterance]) -> str | None:
    """A noun phrase from the coachee's last turn, from the coach's side ('my inbox' -> 'your inbox')."""
    return _phrase_of(_last_coachee(context))


@lru_cache(maxsize=2048)
def _phrase_of(last: str) -> str | None:
    found = [
        m
        for m in _NOUN_PHRASE_RE.finditer(last.translate(_QUOTES))
        if m.group(2).split()[-1].lower() not in _WEAK_NOUNS
        and not m.group(2).lower().endswith("'s")
        and not (m.group(1).lower() in {"my", "our"} and m.group(2).split()[-1].lower() in _FIGURES)
    ]
    if not found:
        return None
    match = max(found, key=lambda m: (m.group(1).lower() in {"my", "our"}, len(m.group(2))))
    det = match.group(1).lower()
    return f"{ {'my': 'your', 'our': 'your'}.get(det, det)} {match.group(2)}"


@lru_cache(maxsize=2048)
def _clause_of(last: str, lexicon: Lexicon) -> str | None:
    """The coachee's most telling sentence of `last`, turned round to be said back ('I'm stuck'
    -> 'you're stuck')."""
    feelings, pronoun_turns, common = lexicon.feelings, lexicon.pronoun_turns, lexicon.stopwords
    text = last.translate(_QUOTES)
    candidates = [s.strip(" .!?\n") for s in _SENTENCE_RE.findall(text) if len(s.split()) >= 3]
    if not candidates:
        return None

    def weight(sentence: str) -> tuple[int, int]:
        words = set(re.findall(r"[a-z']+", sentence.lower()))
        return (len(words & feelings) + (("i" in words) or ("i'm" in words)), -abs(len(sentence.split()) - 9))

    best = max(candidates, key=weight)
    best = re.sub(r"^(?:and|but|so|honestly|i mean|well|yeah|like|just|um|uh)[, ]+", "", best, flags=re.IGNORECASE)
    words = best.split()
    if len(words) > 16:
        best = " ".join(words[:16])
    turns = dict(pronoun_turns)
    flipped = _flip(best, turns)
    first = flipped.split(" ", 1)[0]
    if first.lower() in _LOWER_FIRST or first.lower() in turns.values() or first.lower() in common:
        flipped = flipped[:1].lower() + flipped[1:]  # said after "It sounds like"; names stay
    return flipped


def _why_rewrite(text: str) -> str | None:
    norm = normalise(text).strip().rstrip("?")
    m = re.match(r"^(?:but |and |so )?why (?:did|do|would|didn't|don't) you (.+)$", norm)
    if m:
        rest = m.group(1)
        if rest.startswith("think "):
            return f"What makes you think {rest[6:]}?"
        return f"What led you to {rest}?"
    m = re.match(r"^(?:but |and |so )?why (?:are|were) you (.+)$", norm)
    if m:
        return f"What's behind being {m.group(1)}?"
    m = re.match(r"^(?:but |and |so )?why (?:is|was) (that|it|this)$", norm)
    if m:
        return f"What's behind {m.group(1)}, do you think?"
    m = re.match(r"^(?:but |and |so )?why (?:is|was) (.+)$", norm)
    if m:
        return f"What do you make of {m.group(1)}?"
    return None


_LIKING_RE = re.compile(
    r"^(?:so |and |but |ok,? )?(?:do|did|don't|dont) you (enjoy|like|love|hate|miss|value|mind|dread|resent|want) (.+?)\??$",
    re.IGNORECASE,
)
_OWN_PHRASE_RE = re.compile(r"\b((?:your|the|this|that|these|those|his|her|their) [a-z'-]+(?: [a-z'-]+)?)\??$", re.IGNORECASE)


def _open_up(text: str) -> str | None:
    """Turn the student's own closed question into an open one about the same thing:
    'Do you enjoy the job?' -> 'What do you enjoy about the job?'."""
    question = text.strip()
    if not question.isascii():  # curly quotes straightened (every one is outside ASCII)
        question = question.translate(_QUOTES)
    if "?" in question[:-1]:
        return None
    liking = _LIKING_RE.match(question)
    if liking and liking.group(1).lower() != "want":
        return f"What do you {liking.group(1).lower()} about {liking.group(2).rstrip('?. ')}?"
    subject = _OWN_PHRASE_RE.search(question.rstrip("?. ") + "?")
    if subject and " or " not in question.lower():
        return f"What's {subject.group(1)} like for you at the moment?"
    return None


def _first_question(text: str) -> str | None:
    for sentence in _SENTENCE_RE.findall(text):
        if sentence.strip().endswith("?"):
            return sentence.strip()
    return None


def rewrite_for(codes: frozenset[str], text: str, last: str, lexicon: Lexicon) -> str | None:
    """A better alternative for replies that need one; None for replies that are already coaching
    (`last`: the coachee's last turn, whose words the alternative picks up)."""
    if not codes & NEEDS_REWRITE or (codes & {"asks_permission", "clarifying"} and not codes & DIRECTIVE):
        return None  # asking permission and picking up the coachee's word are already good moves
    phrase = _phrase_of(last)
    clause = _clause_of(last, lexicon)
    about = f" about {phrase}" if phrase else ""
    if codes & {"advice", "confront", "self_disclosure"}:
        if "advice" in codes:
            question = f"What ideas do you have{about}?" if phrase else "What have you already tried, and what could you try next?"
        elif "confront" in codes:
            question = "What do you make of that yourself?"
        else:
            question = "What has this been like for you?"
        if clause:
            return f"It sounds like {clause}. {question}"
        return question
    if "leading" in codes:
        return f"How do you see {phrase}?" if phrase else "How do you see it yourself?"
    if "why_question" in codes:
        return _why_rewrite(text) or "What led you to that?"
    if "stacked_questions" in codes:
        first = _first_question(text)
        return f"Ask one question, then wait: {first}" if first else "Ask one question, then wait for the answer."
    if "closed_question" in codes and "open_question" not in codes:
        opened = _open_up(text)
        if opened:
            return opened
        if " or " in text.lower():
            return "How would you describe what's going on?"
        if clause:
            return f"It sounds like {clause}. What would you like to happen?"
        return "What would you like to get from this?"
    return None


def feedback(codes: frozenset[str], text: str, last: str, lexicon: Lexicon) -> tuple[str, str | None]:
    """(tip, rewrite) for an annotated reply (`last`: the coachee's last turn, "" if none)."""
    code = min(codes, key=_TIP_RANK.__getitem__, default="other")
    return TIPS[code], rewrite_for(codes, text, last, lexicon)
