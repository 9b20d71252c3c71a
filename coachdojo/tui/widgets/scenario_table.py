"""ScenarioTable: the library as rows (title, level, tags, minutes, last and best score)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from coachdojo.scenario.model import Scenario
from coachdojo.tui.text import one_line

COLUMNS = ("Scenario", "Level", "Min", "Last", "Best", "Tags")


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def matches(scenario: Scenario, query: str) -> bool:
    """True when every word of `query` is in the scenario's title, id, tags, level or summary."""
    haystack = " ".join(
        [scenario.title, scenario.id, scenario.difficulty, scenario.summary, scenario.coachee.name, *scenario.tags]
    ).lower()
    return all(word in haystack for word in query.lower().split())


class ScenarioTable(DataTable):
    """Rows keyed by scenario id; cells are rich Text (DataTable parses plain strings as markup)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.scenarios: dict[str, Scenario] = {}
        self.progress: dict[str, Any] = {}

    def on_mount(self) -> None:
        for name in COLUMNS:
            self.add_column(name, key=name.lower())

    def fill(self, scenarios: Sequence[Scenario], query: str = "", progress: dict[str, Any] | None = None) -> None:
        """Show the scenarios matching `query`, keeping the cursor on the same scenario if it can."""
        if progress is not None:
            self.progress = progress
        current = self.current_id()
        self.scenarios = {s.id: s for s in scenarios}
        self.clear()
        for s in scenarios:
            if query and not matches(s, query):
                continue
            p = self.progress.get(s.id)
            last = p.latest.non_directive_index if p else None
            best = p.best.non_directive_index if p and p.best else None
            self.add_row(
                Text(one_line(s.title, 40)),
                Text(one_line(s.difficulty, 12)),
                Text(str(s.minutes) if s.minutes else "–", justify="right"),
                Text(_score(last), justify="right"),
                Text(_score(best), justify="right"),
                Text(one_line(", ".join(s.tags), 40)),
                key=s.id,
            )
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current))

    def current_id(self) -> str | None:
        """The id of the scenario under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return key.value

    def current(self) -> Scenario | None:
        sid = self.current_id()
        return self.scenarios.get(sid) if sid else None
