"""A practice session: the scripted coachee reacting, turn by turn, to how the student coaches.

Each reply is scored; rapport moves by the scenario's rapport rules (at most 2 a turn); the
current node's routes are tried in order, then the scenario-wide reactions, then the coachee
stays put and says another variant of the node's line, shaped by their speaking style. Every
choice of variant is drawn from a generator seeded by (seed, turn, node), so a session is
deterministic for a given seed and can be resumed from its saved state.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from coachdojo.codes import expand_codes
from coachdojo.engine.styles import shape_line
from coachdojo.errors import CoachdojoError
from coachdojo.scenario.model import Ending, Line, Node, Reaction, Route, Scenario, When
from coachdojo.scenario.schema import did_you_mean
from coachdojo.scoring.text import mentions
from coachdojo.transcript import COACH, COACHEE, Annotation, Utterance

MAX_REPLY_CHARS = 10_000
MAX_RAPPORT_STEP = 2
STATE_FORMAT = 1

Scorer = Callable[[str, Sequence[Utterance]], Annotation]


class EmptyReply(CoachdojoError):
    """The student sent nothing to respond to."""


class SessionOver(CoachdojoError):
    """The session has already reached an ending."""


@dataclass
class SessionState:
    """Everything needed to continue a session: JSON-friendly (see to_dict / from_dict)."""

    node: str
    variables: dict[str, int]
    turn: int = 0
    last_line: str | None = None
    ending: str | None = None
    visited: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "node": self.node,
            "variables": dict(self.variables),
            "turn": self.turn,
            "last_line": self.last_line,
            "ending": self.ending,
            "visited": list(self.visited),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionState:
        return cls(
            node=str(data["node"]),
            variables={str(k): int(v) for k, v in data["variables"].items()},
            turn=int(data.get("turn", 0)),
            last_line=data.get("last_line"),
            ending=data.get("ending"),
            visited=list(data.get("visited", [])),
        )


@dataclass(frozen=True)
class Step:
    """What happened on one student reply."""

    turn: int
    student: str
    annotation: Annotation
    coachee: str  # what the coachee says in reply
    line_id: str
    node: str  # where the session stands after the reply
    variables: dict[str, int]
    rapport_change: int
    fired: str  # "route 2", "reaction advice", "style" — why the coachee said what they said
    ending: Ending | None = None
    ending_line: str | None = None  # the coachee's last words, when the session ends here
    ending_reason: str | None = None  # "ending" or "turn_limit"

    @property
    def rapport(self) -> int:
        return self.variables.get("rapport", 0)


def _default_scorer() -> Scorer:
    from coachdojo.scoring import score

    return score


class Session:
    """One run of a scenario. Call `opening()` once, then `reply(text)` for each student turn."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        seed: int = 0,
        start: str | None = None,
        overrides: dict[str, int] | None = None,
        scorer: Scorer | None = None,
        state: SessionState | None = None,
        history: Sequence[Utterance] = (),
    ):
        self.scenario = scenario
        self.seed = seed
        self.scorer = scorer or _default_scorer()
        if state is not None:
            self._check_state(state)
            self.state = state
        else:
            node = start or scenario.start
            if node not in scenario.nodes:
                raise CoachdojoError(
                    f"no node '{node}' in scenario '{scenario.id}'{did_you_mean(node, list(scenario.nodes))}"
                )
            variables = scenario.initial_variables()
            for name, value in (overrides or {}).items():
                if name not in scenario.variables:
                    raise CoachdojoError(
                        f"no variable '{name}' in scenario '{scenario.id}'{did_you_mean(name, list(scenario.variables))}; "
                        f"known: {', '.join(scenario.variables)}"
                    )
                variables[name] = scenario.variables[name].clamp(int(value))
            self.state = SessionState(node=node, variables=variables, visited=[node])
        self.history: list[Utterance] = list(history)
        self._undo: list[tuple[SessionState, int]] = []

    @classmethod
    def resumed(
        cls,
        scenario: Scenario,
        *,
        seed: int = 0,
        opening: tuple[str, SessionState],
        turns: Sequence[tuple[str, str, SessionState]] = (),
        scorer: Scorer | None = None,
    ) -> Session:
        """A session continued from its saved states, with its undo history rebuilt.

        `opening` is the coachee's first line and the state after it; `turns` are the earlier
        replies not taken back, in order, each as (student text, coachee answer, state after
        it). The result is the session an uninterrupted run would have reached: `rewind()`
        takes back those replies one by one, and the same next reply gets the same answer.
        Raises CoachdojoError when a saved state does not fit the scenario.
        """
        line, state = opening
        session = cls(scenario, seed=seed, scorer=scorer, state=_copy(state), history=[Utterance(COACHEE, line)])
        for student, coachee, after in turns:
            session._check_state(after)
            session._undo.append((_copy(session.state), len(session.history)))
            session.history.append(Utterance(COACH, student))
            session.history.append(Utterance(COACHEE, coachee))
            session.state = _copy(after)
        return session

    # --- the conversation ---------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.state.ending is not None

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.state.node]

    def opening(self) -> tuple[str, str]:
        """The coachee's first line (text, line id), spoken from the current node."""
        line = self._pick(self.node.lines, "opening")
        self.state.last_line = line.id
        self.history.append(Utterance(COACHEE, line.text))
        return line.text, line.id

    def reply(self, text: str) -> Step:
        """Take the student's reply; return the coachee's response and the new state."""
        if self.ended:
            raise SessionOver(f"the session has ended ({self.state.ending})")
        if not text or not text.strip():
            raise EmptyReply("type a reply first: the coachee is waiting for you")
        text = text[:MAX_REPLY_CHARS]
        self._undo.append((_copy(self.state), len(self.history)))
        annotation = self.scorer(text, tuple(self.history))
        state = self.state
        state.turn += 1
        before = state.variables.get("rapport", 0)
        self._apply_rapport(annotation.codes)
        node = self.node
        fired, say, target = self._route(node, annotation, text)
        if fired is None:
            fired, say, target = self._react(annotation)
        if fired is None:
            fired = "style"
            say = tuple(
                Line(line.id, shape_line(self.scenario.coachee.style, line.text, annotation.codes, fallback=True))
                for line in node.lines
            )
            target = node.id
        elif not fired.startswith("route"):
            say = tuple(
                Line(line.id, shape_line(self.scenario.coachee.style, line.text, annotation.codes, fallback=False))
                for line in say
            )
        ending: Ending | None = None
        ending_line: str | None = None
        reason: str | None = None
        if target in self.scenario.endings:
            ending = self.scenario.endings[target]
            reason = "ending"
            if not say:
                say = ending.lines or (Line(f"ending.{target}.silent", "…"),)
        else:
            state.node = target
            if target not in state.visited:
                state.visited.append(target)
            if not say:
                say = self.scenario.nodes[target].lines
        line = self._pick(say, f"turn{state.turn}")
        state.last_line = line.id
        if ending is None and self.scenario.max_turns and state.turn >= self.scenario.max_turns:
            ending = self.scenario.endings[self.scenario.turn_limit_ending]  # type: ignore[index]
            reason = "turn_limit"
        if ending is not None:
            state.ending = ending.id
            if reason == "turn_limit" and ending.lines:
                ending_line = self._pick(ending.lines, "ending").text
        self.history.append(Utterance(COACH, text))
        self.history.append(Utterance(COACHEE, line.text))
        return Step(
            turn=state.turn,
            student=text,
            annotation=annotation,
            coachee=line.text,
            line_id=line.id,
            node=state.node,
            variables=dict(state.variables),
            rapport_change=state.variables.get("rapport", 0) - before,
            fired=fired,
            ending=ending,
            ending_line=ending_line,
            ending_reason=reason,
        )

    def rewind(self) -> bool:
        """Take back the last reply; False when there is nothing to take back."""
        if not self._undo:
            return False
        state, length = self._undo.pop()
        self.state = state
        del self.history[length:]
        return True

    @property
    def can_rewind(self) -> bool:
        return bool(self._undo)

    # --- routing ---------------------------------------------------------------------------------

    def _apply_rapport(self, codes: frozenset[str]) -> None:
        if "rapport" not in self.state.variables:
            return
        delta = sum(self.scenario.rapport_rules.get(code, 0) for code in codes)
        delta = max(-MAX_RAPPORT_STEP, min(MAX_RAPPORT_STEP, delta))
        self._change("rapport", delta)

    def _change(self, name: str, delta: int) -> None:
        var = self.scenario.variables[name]
        self.state.variables[name] = var.clamp(self.state.variables.get(name, var.default) + delta)

    def _set(self, name: str, value: int) -> None:
        self.state.variables[name] = self.scenario.variables[name].clamp(value)

    def _effects(self, sets: tuple[tuple[str, int], ...], changes: tuple[tuple[str, int], ...]) -> None:
        for name, value in sets:
            self._set(name, value)
        for name, delta in changes:
            self._change(name, delta)

    def _holds(self, when: When, codes: frozenset[str], text: str) -> bool:
        if when.codes_any and not (expand_codes(when.codes_any) & codes):
            return False
        if when.codes_all and not all(expand_codes([c]) & codes for c in when.codes_all):
            return False
        if when.codes_none and expand_codes(when.codes_none) & codes:
            return False
        if when.topics_any and not any(mentions(text, phrase) for phrase in when.topics_any):
            return False
        if when.topics_none and any(mentions(text, phrase) for phrase in when.topics_none):
            return False
        return all(c.holds(self.state.variables) for c in when.conditions)

    def _route(self, node: Node, annotation: Annotation, text: str) -> tuple[str | None, tuple[Line, ...], str]:
        route: Route
        for route in node.routes:
            if self._holds(route.when, annotation.codes, text):
                self._effects(route.set, route.change)
                return f"route {route.index}", route.lines, route.goto
        return None, (), node.id

    def _react(self, annotation: Annotation) -> tuple[str | None, tuple[Line, ...], str]:
        reaction: Reaction
        default: Reaction | None = None
        for reaction in self.scenario.reactions:
            if reaction.code == "default":
                default = default or reaction
                continue
            if expand_codes([reaction.code]) & annotation.codes and all(
                c.holds(self.state.variables) for c in reaction.conditions
            ):
                return self._use(reaction)
        if default is not None and all(c.holds(self.state.variables) for c in default.conditions):
            return self._use(default)
        return None, (), self.state.node

    def _use(self, reaction: Reaction) -> tuple[str, tuple[Line, ...], str]:
        self._effects(reaction.set, reaction.change)
        return f"reaction {reaction.code}", reaction.lines, reaction.goto or self.state.node

    def _pick(self, lines: Sequence[Line], salt: str) -> Line:
        """A variant, never the line said last when there is another."""
        choices = [line for line in lines if line.id != self.state.last_line] or list(lines)
        rng = random.Random(f"{self.seed}/{self.state.turn}/{self.state.node}/{salt}")
        return choices[rng.randrange(len(choices))]

    # --- resuming --------------------------------------------------------------------------------

    def _check_state(self, state: SessionState) -> None:
        if state.node not in self.scenario.nodes:
            raise CoachdojoError(f"the saved session stands at node '{state.node}', which this scenario no longer has")
        unknown = set(state.variables) - set(self.scenario.variables)
        if unknown:
            raise CoachdojoError(f"the saved session has variables this scenario no longer has: {', '.join(sorted(unknown))}")


def _copy(state: SessionState) -> SessionState:
    return replace(state, variables=dict(state.variables), visited=list(state.visited))


def parse_assignments(items: Sequence[str]) -> dict[str, int]:
    """`--set rapport=7 --set insight=2` -> {'rapport': 7, 'insight': 2}; CoachdojoError if malformed."""
    out: dict[str, int] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        try:
            number = int(value)
        except ValueError:
            number = None
        if not sep or not name or number is None:
            raise CoachdojoError(f"--set {item!r}: expected NAME=NUMBER, for example --set rapport=7")
        out[name] = number
    return out
