"""How a coachee's speaking style shapes their answers.

Scenario lines carry most of the persona; the style adds what people do without thinking:
a reserved coachee answers a closed question in as few words as they can; a verbose one
wanders before getting to the point; a defensive one bristles when nothing in the reply
invites them in; a people-pleaser apologises; a tangential one drifts off and back.
"""

from __future__ import annotations

import re

_FIRST_SENTENCE_RE = re.compile(r"^(.+?[.!?…])(\s|$)")

# Said before the node's line again when nothing in the reply moved the coachee on.
_FALLBACK_OPENERS: dict[str, str] = {
    "verbose": "Well, it's hard to say really, there's so much going on, but",
    "defensive": "I'm not sure what you're getting at.",
    "people-pleasing": "Sorry, I'm not sure I'm giving you what you need here.",
    "tangential": "Sorry, I've lost my thread a bit.",
    "reserved": "",
    "plain": "",
}


def first_sentence(text: str) -> str:
    match = _FIRST_SENTENCE_RE.match(text.strip())
    return match.group(1) if match else text.strip()


def shape_line(style: str, text: str, codes: frozenset[str], *, fallback: bool) -> str:
    """The line as this coachee would say it after a reply with these codes.

    `fallback` is True when nothing in the scenario answered the reply and the coachee
    is saying their current line again."""
    closed_only = "closed_question" in codes and "open_question" not in codes
    if style == "reserved" and (closed_only or fallback):
        return first_sentence(text)
    if not fallback:
        return text
    opener = _FALLBACK_OPENERS.get(style, "")
    if not opener:
        return text
    if opener.endswith(","):
        return f"{opener} {text[:1].lower()}{text[1:]}" if text[:2] != "I " else f"{opener} {text}"
    if style == "verbose" or opener.endswith("but"):
        body = text[:1].lower() + text[1:] if not text.startswith(("I ", "I'")) else text
        return f"{opener} {body}"
    return f"{opener} {text}"
