"""The Scenario model: immutable dataclasses built from a validated scenario file."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field

_OPS = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "=": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}
_CONDITION_RE = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(>=|<=|==|!=|>|<|=)\s*(-?\d+)\s*$")
_COMPARISON_RE = re.compile(r"^\s*(>=|<=|==|!=|>|<|=)\s*(-?\d+)\s*$")

DEFAULT_RAPPORT = (5, 0, 10)  # default, min, max

# Built-in change in rapport per code; a scenario's `rapport_rules` replaces entries.
DEFAULT_RAPPORT_RULES: dict[str, int] = {
    "simple_reflection": 1,
    "complex_reflection": 1,
    "summary": 1,
    "affirmation": 1,
    "autonomy": 1,
    "asks_permission": 1,
    "advice": -1,
    "leading": -1,
    "confront": -2,
    "self_disclosure": -1,
}


@dataclass(frozen=True)
class Condition:
    """A comparison of a variable with a whole number, such as `rapport >= 6`."""

    variable: str
    op: str
    value: int

    @classmethod
    def parse(cls, text: str) -> Condition:
        match = _CONDITION_RE.match(text)
        if not match:
            raise ValueError(f"not a condition: {text!r}")
        return cls(match.group(1), match.group(2), int(match.group(3)))

    def holds(self, variables: dict[str, int]) -> bool:
        return _OPS[self.op](variables.get(self.variable, 0), self.value)

    def __str__(self) -> str:
        return f"{self.variable} {self.op} {self.value}"


def comparison_holds(expected: int | str, actual: int) -> bool:
    """True when `actual` meets an expected value: a number, or a comparison like '>= 6'."""
    if isinstance(expected, int):
        return actual == expected
    match = _COMPARISON_RE.match(expected)
    if not match:
        raise ValueError(f"not a comparison: {expected!r}")
    return _OPS[match.group(1)](actual, int(match.group(2)))


@dataclass(frozen=True)
class Line:
    """One variant of something the coachee says, with a stable id."""

    id: str
    text: str


@dataclass(frozen=True)
class Variable:
    name: str
    default: int
    minimum: int
    maximum: int
    description: str = ""

    def clamp(self, value: int) -> int:
        return max(self.minimum, min(self.maximum, value))


@dataclass(frozen=True)
class When:
    """What must hold for a route or reaction to fire (all given parts)."""

    codes_any: frozenset[str] = frozenset()
    codes_all: frozenset[str] = frozenset()
    codes_none: frozenset[str] = frozenset()
    topics_any: tuple[str, ...] = ()
    topics_none: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()

    @property
    def always(self) -> bool:
        return not (
            self.codes_any
            or self.codes_all
            or self.codes_none
            or self.topics_any
            or self.topics_none
            or self.conditions
        )

    def describe(self) -> str:
        parts = []
        if self.codes_any:
            parts.append("any " + "/".join(sorted(self.codes_any)))
        if self.codes_all:
            parts.append("all " + "+".join(sorted(self.codes_all)))
        if self.codes_none:
            parts.append("not " + "/".join(sorted(self.codes_none)))
        if self.topics_any:
            parts.append("mentions " + " / ".join(self.topics_any))
        if self.topics_none:
            parts.append("not mentioning " + " / ".join(self.topics_none))
        parts.extend(str(c) for c in self.conditions)
        return "; ".join(parts) or "otherwise"


@dataclass(frozen=True)
class Route:
    when: When
    goto: str
    lines: tuple[Line, ...] = ()
    set: tuple[tuple[str, int], ...] = ()
    change: tuple[tuple[str, int], ...] = ()
    index: int = 0


@dataclass(frozen=True)
class Reaction:
    code: str  # a code, a code group, or "default"
    lines: tuple[Line, ...]
    conditions: tuple[Condition, ...] = ()
    set: tuple[tuple[str, int], ...] = ()
    change: tuple[tuple[str, int], ...] = ()
    goto: str | None = None


@dataclass(frozen=True)
class Node:
    id: str
    lines: tuple[Line, ...]
    routes: tuple[Route, ...] = ()
    stage: str | None = None


@dataclass(frozen=True)
class Ending:
    id: str
    kind: str
    debrief: str
    title: str = ""
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Expectation:
    codes: frozenset[str] = frozenset()
    not_codes: frozenset[str] = frozenset()
    node: str | None = None
    variables: tuple[tuple[str, int | str], ...] = ()


@dataclass(frozen=True)
class TestStep:
    student: str
    expect: Expectation
    line: int = 0


@dataclass(frozen=True)
class TestPlan:
    name: str
    steps: tuple[TestStep, ...]
    ending: str | None = None
    seed: int = 0
    line: int = 0


@dataclass(frozen=True)
class Persona:
    name: str
    role: str
    style: str
    trainer_notes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A scripted coachee: metadata, persona, state, the node graph, reactions, endings, tests."""

    id: str
    title: str
    summary: str
    difficulty: str
    briefing: str
    coachee: Persona
    start: str
    nodes: dict[str, Node]
    endings: dict[str, Ending]
    variables: dict[str, Variable]
    reactions: tuple[Reaction, ...] = ()
    rapport_rules: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RAPPORT_RULES))
    max_turns: int | None = None
    turn_limit_ending: str | None = None
    tests: tuple[TestPlan, ...] = ()
    tags: tuple[str, ...] = ()
    practise: tuple[str, ...] = ()
    minutes: int | None = None
    author: str = ""
    format: int = 1
    source: str = ""
    sha256: str = ""
    # 1-based line of each node, ending and route in the source, for lint messages.
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def target(self, name: str) -> Node | Ending:
        return self.nodes.get(name) or self.endings[name]

    def initial_variables(self) -> dict[str, int]:
        return {name: var.default for name, var in self.variables.items()}
