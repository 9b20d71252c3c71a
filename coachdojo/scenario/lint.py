"""Lint a loaded scenario: warnings about things that are valid but almost certainly mistakes.

- nodes the session can never reach from `start`;
- nodes from which no ending can be reached (other than by running out of turns);
- variables that are never read, or never set;
- routes that can never fire because an earlier route of the same node always wins;
- endings that no test plan reaches.
"""

from __future__ import annotations

from coachdojo.codes import expand_codes
from coachdojo.errors import Diagnostic
from coachdojo.scenario.model import Route, Scenario


def edges(scenario: Scenario) -> dict[str, set[str]]:
    """Where each node can lead: its routes, plus reactions that move the session."""
    reaction_targets = {r.goto for r in scenario.reactions if r.goto}
    out: dict[str, set[str]] = {}
    for name, node in scenario.nodes.items():
        out[name] = {route.goto for route in node.routes} | reaction_targets
    return out


def reachable_from(start: str, graph: dict[str, set[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _shadows(earlier: Route, later: Route) -> bool:
    """True when `earlier` fires whenever `later` would, so `later` can never fire."""
    a, b = earlier.when, later.when
    if a.always:
        return True
    if a.conditions or a.topics_any or a.topics_none or a.codes_none or a.codes_all:
        return a == b
    # `a` needs only "any of A". `b` fires only with some code of B present (any-set),
    # or with all of its all-set present: either way an A code is there if B ⊆ A.
    codes_a = expand_codes(a.codes_any)
    if b.codes_any and expand_codes(b.codes_any) <= codes_a:
        return True
    if b.codes_all and expand_codes(b.codes_all) & codes_a and all(
        len(expand_codes([c])) == 1 for c in b.codes_all
    ):
        return True
    return False


def lint(scenario: Scenario) -> list[Diagnostic]:
    """Warnings for a scenario that loaded without errors."""
    out: list[Diagnostic] = []
    path = scenario.source

    def warn(key: str, message: str) -> None:
        line, col = scenario.positions.get(key, (1, 1))
        out.append(Diagnostic(path, line, col, "warning", message))

    graph = edges(scenario)
    reached = reachable_from(scenario.start, graph)
    for name in scenario.nodes:
        if name not in reached:
            warn(name, f"nodes.{name}: no route leads here from the start node '{scenario.start}'")

    endings = set(scenario.endings)
    reverse: dict[str, set[str]] = {}
    for src_node, targets in graph.items():
        for t in targets:
            reverse.setdefault(t, set()).add(src_node)
    can_end: set[str] = set()
    todo = list(endings)
    while todo:
        for prev in reverse.get(todo.pop(), ()):
            if prev not in can_end:
                can_end.add(prev)
                todo.append(prev)
    for name in scenario.nodes:
        if name in reached and name not in can_end:
            warn(name, f"nodes.{name}: no ending can be reached from here except by running out of turns")

    reads: set[str] = set()
    writes: set[str] = set()
    for node in scenario.nodes.values():
        for route in node.routes:
            reads.update(c.variable for c in route.when.conditions)
            writes.update(name for name, _ in route.set + route.change)
    for reaction in scenario.reactions:
        reads.update(c.variable for c in reaction.conditions)
        writes.update(name for name, _ in reaction.set + reaction.change)
    for name in scenario.variables:
        if name == "rapport":
            continue  # set by the rapport rules every turn, shown to the student
        if name not in reads:
            warn(f"var:{name}", f"variables.{name}: never read by any condition")
        if name not in writes:
            warn(f"var:{name}", f"variables.{name}: never set or changed by any route or reaction")

    for name, node in scenario.nodes.items():
        for i, later in enumerate(node.routes):
            for earlier in node.routes[:i]:
                if _shadows(earlier, later):
                    warn(
                        f"{name}#{later.index}",
                        f"nodes.{name}.routes[{later.index}]: can never fire: route {earlier.index} "
                        f"({earlier.when.describe()}) always wins first",
                    )
                    break

    tested = {plan.ending for plan in scenario.tests if plan.ending}
    for name in scenario.endings:
        if name not in tested:
            warn(name, f"endings.{name}: no test plan reaches this ending")
    return sorted(out)
