"""BriefingPanel: who the coachee is, the situation and what to practise, shown literally."""

from __future__ import annotations

import re

from textual.content import Content
from textual.widgets import Static

from coachdojo.scenario.model import Scenario
from coachdojo.tui.text import visible


def reflow(text: str) -> str:
    """Paragraphs joined into single lines (a YAML block keeps the author's line breaks)."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def briefing_content(scenario: Scenario | None, *, full: bool = True) -> Content:
    """The briefing as Content: scenario text only ever enters as $variables (never markup)."""
    if scenario is None:
        return Content("Choose a scenario to read its briefing.")
    persona = scenario.coachee
    parts = [
        Content.from_markup(
            "[b]$title[/b]\n[b]Coachee[/b]  $name, $role\n",
            title=visible(scenario.title),
            name=visible(persona.name),
            role=visible(persona.role),
        ),
        Content(visible(reflow(scenario.summary)) + "\n"),
    ]
    if full:
        parts.append(Content.from_markup("\n[b]The situation[/b]\n"))
        parts.append(Content(visible(reflow(scenario.briefing)) + "\n"))
    if scenario.practise:
        parts.append(Content.from_markup("\n[b]What to practise[/b]\n"))
        parts.append(Content("\n".join(f"• {visible(p)}" for p in scenario.practise)))
    return Content("").join(parts)


class BriefingPanel(Static):
    """The briefing of one scenario (or a prompt to choose one)."""

    def __init__(self, scenario: Scenario | None = None, *, full: bool = True, id: str | None = None) -> None:
        super().__init__(briefing_content(scenario, full=full), markup=False, id=id)
        self.full = full

    def show(self, scenario: Scenario | None) -> None:
        self.update(briefing_content(scenario, full=self.full))
