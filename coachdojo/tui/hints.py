"""Hints: an open question that fits the moment, by GROW stage and the coachee's own words.

The coachee's phrase comes from the scorer's feedback module (`coachee_phrase`), so the hint
and the scorer's rewrites pick up the same words. Pure Python: no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from coachdojo.scoring.feedback import coachee_phrase
from coachdojo.transcript import Utterance

# Open questions per stage. "{phrase}" is filled with the coachee's words ("your inbox"); a
# question that needs a phrase is skipped when the coachee gave none.
OPEN_QUESTIONS: dict[str, tuple[str, ...]] = {
    "contracting": (
        "What would you like to get from our time today?",
        "What would make this conversation worthwhile for you?",
        "How will you know at the end that this was useful?",
    ),
    "goal": (
        "What would you like to be different about {phrase}?",
        "What would good look like for you?",
        "What makes this important to you right now?",
    ),
    "reality": (
        "What's happening with {phrase} at the moment?",
        "What have you tried so far?",
        "What's the hardest part of this for you?",
    ),
    "options": (
        "What could you do about {phrase}?",
        "What else could you try?",
        "If you knew you couldn't fail, what would you do?",
    ),
    "will": (
        "What will you do first?",
        "What might get in the way, and how will you handle it?",
        "When will you take that first step?",
    ),
}
GENERAL: tuple[str, ...] = (
    "What's on your mind about {phrase}?",
    "Tell me more about that.",
    "What matters most to you here?",
)


_VAGUE = {"that", "this", "too", "one", "ones", "much", "many", "more", "most", "kind", "sort", "stuff"}


def usable_phrase(context: Sequence[Utterance]) -> str | None:
    """The coachee's phrase from the scorer's feedback module, when it names something concrete."""
    phrase = coachee_phrase(context)
    if not phrase:
        return None
    words = phrase.split()
    if words[0] not in ("your", "the") or any(w in _VAGUE for w in words[1:]) or len(words[-1]) < 4:
        return None
    return phrase


def hint(stage: str | None, context: Sequence[Utterance], n: int = 0) -> str:
    """The n-th open question (rotating) for `stage`, using the coachee's last words if it can."""
    phrase = usable_phrase(context)
    choices = OPEN_QUESTIONS.get(stage or "", GENERAL)
    usable = [q for q in choices if phrase or "{phrase}" not in q] or list(GENERAL[1:])
    question = usable[n % len(usable)]
    return question.format(phrase=phrase) if phrase else question


def stage_name(stage: str | None) -> str:
    """A stage as the student reads it: "reality" -> "Reality"; None -> "the conversation"."""
    return stage.capitalize() if stage else "the conversation"
