"""Export a scenario's branches as a Mermaid or Graphviz (dot) diagram."""

from __future__ import annotations

from coachdojo.scenario.model import Scenario


def _label(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mermaid_text(text: str) -> str:
    # Mermaid labels sit inside double quotes; "#quot;" is its escape for a quote.
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_mermaid(scenario: Scenario) -> str:
    """A Mermaid flowchart: nodes as boxes, endings as rounded boxes, routes as labelled edges."""
    ids = {name: f"n{i}" for i, name in enumerate(list(scenario.nodes) + list(scenario.endings))}
    out = ["flowchart TD"]
    for name, node in scenario.nodes.items():
        stage = f" [{node.stage}]" if node.stage else ""
        out.append(f'    {ids[name]}["{_mermaid_text(name + stage)}"]')
    for name, ending in scenario.endings.items():
        out.append(f'    {ids[name]}(["{_mermaid_text(f"{name} ({ending.kind})")}"])')
    out.append(f"    start((start)) --> {ids[scenario.start]}")
    for name, node in scenario.nodes.items():
        for route in node.routes:
            label = _mermaid_text(_label(route.when.describe()))
            out.append(f'    {ids[name]} -->|"{label}"| {ids[route.goto]}')
    for reaction in scenario.reactions:
        if reaction.goto:
            out.append(f'    any{{{{"any node"}}}} -.->|"{_mermaid_text(reaction.code)}"| {ids[reaction.goto]}')
    if scenario.max_turns and scenario.turn_limit_ending:
        out.append(f'    limit{{{{"after {scenario.max_turns} turns"}}}} -.-> {ids[scenario.turn_limit_ending]}')
    return "\n".join(out) + "\n"


def to_dot(scenario: Scenario) -> str:
    """A Graphviz digraph of the same shape."""
    out = [f'digraph "{_dot_text(scenario.id)}" {{', "    rankdir=TB;", '    node [shape=box, fontname="Helvetica"];']
    for name, node in scenario.nodes.items():
        stage = f"\\n[{node.stage}]" if node.stage else ""
        out.append(f'    "{_dot_text(name)}" [label="{_dot_text(name)}{stage}"];')
    for name, ending in scenario.endings.items():
        out.append(f'    "{_dot_text(name)}" [shape=doubleoctagon, label="{_dot_text(name)}\\n({ending.kind})"];')
    out.append('    "__start" [shape=point];')
    out.append(f'    "__start" -> "{_dot_text(scenario.start)}";')
    for name, node in scenario.nodes.items():
        for route in node.routes:
            out.append(f'    "{_dot_text(name)}" -> "{_dot_text(route.goto)}" [label="{_dot_text(_label(route.when.describe()))}"];')
    for reaction in scenario.reactions:
        if reaction.goto:
            out.append(f'    "__any" -> "{_dot_text(reaction.goto)}" [style=dashed, label="{_dot_text(reaction.code)}"];')
    if scenario.max_turns and scenario.turn_limit_ending:
        out.append(f'    "__limit" [shape=note, label="after {scenario.max_turns} turns"];')
        out.append(f'    "__limit" -> "{_dot_text(scenario.turn_limit_ending)}" [style=dashed];')
    out.append("}")
    return "\n".join(out) + "\n"
