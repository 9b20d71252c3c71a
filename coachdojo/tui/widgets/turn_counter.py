"""TurnCounter: "Turn 3 of 16" — the replies so far and the scenario's limit, if any."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static


class TurnCounter(Static):
    """How many replies the student has made (taken-back replies do not count)."""

    turns: reactive[int] = reactive(0)

    def __init__(self, turns: int, limit: int | None, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.limit = limit
        self.set_reactive(TurnCounter.turns, turns)

    def on_mount(self) -> None:
        self.update(self.label())

    def watch_turns(self, _turns: int) -> None:
        self.update(self.label())

    def label(self) -> str:
        return f"Turn {self.turns} of {self.limit}" if self.limit else f"Turn {self.turns}"
