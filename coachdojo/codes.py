"""The scorer's vocabulary: technique codes, primary behaviours, stages and code groups."""

from __future__ import annotations

CODES: tuple[str, ...] = (
    "open_question",
    "closed_question",
    "clarifying",
    "leading",
    "why_question",
    "stacked_questions",
    "simple_reflection",
    "complex_reflection",
    "summary",
    "affirmation",
    "advice",
    "asks_permission",
    "autonomy",
    "information",
    "self_disclosure",
    "confront",
    "other",
)

PRIMARIES: tuple[str, ...] = ("question", "reflection", "input", "other")
STAGES: tuple[str, ...] = ("contracting", "goal", "reality", "options", "will")

QUESTION_CODES = frozenset(
    {"open_question", "closed_question", "clarifying", "leading", "why_question", "stacked_questions"}
)
REFLECTION_CODES = frozenset({"simple_reflection", "complex_reflection", "summary"})
INPUT_CODES = frozenset({"advice", "information", "self_disclosure", "confront"})
LISTENING_CODES = frozenset(
    {
        "open_question",
        "clarifying",
        "simple_reflection",
        "complex_reflection",
        "summary",
        "affirmation",
        "autonomy",
        "asks_permission",
    }
)
DIRECTIVE_CODES = frozenset({"advice", "leading", "confront", "self_disclosure"})

# Names a scenario may use in place of a single code ("any listening move").
CODE_GROUPS: dict[str, frozenset[str]] = {
    "question": QUESTION_CODES,
    "reflection": REFLECTION_CODES,
    "input": INPUT_CODES,
    "listening": LISTENING_CODES,
    "directive": DIRECTIVE_CODES,
}

# Short human names and a glyph per code, for cues that never rely on colour alone.
CODE_LABELS: dict[str, str] = {
    "open_question": "open question",
    "closed_question": "closed question",
    "clarifying": "clarifying",
    "leading": "leading question",
    "why_question": "why question",
    "stacked_questions": "stacked questions",
    "simple_reflection": "simple reflection",
    "complex_reflection": "complex reflection",
    "summary": "summary",
    "affirmation": "affirmation",
    "advice": "advice",
    "asks_permission": "asks permission",
    "autonomy": "autonomy",
    "information": "information",
    "self_disclosure": "self-disclosure",
    "confront": "confront",
    "other": "other",
}


def expand_codes(names: list[str] | tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    """Expand group names ("listening") into their codes; plain codes pass through."""
    out: set[str] = set()
    for name in names:
        out |= CODE_GROUPS.get(name, {name})
    return frozenset(out)


def primary_of(codes: frozenset[str] | set[str]) -> str:
    """The primary behaviour implied by a set of codes, by the fixed order of
    docs/labelling.md: input > question > reflection > other (affirmation or autonomy alone
    is "other"; a reflection followed by a question is a question)."""
    if codes & INPUT_CODES:
        return "input"
    if codes & QUESTION_CODES or "asks_permission" in codes:
        return "question"
    if codes & REFLECTION_CODES:
        return "reflection"
    return "other"
