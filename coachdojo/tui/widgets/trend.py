"""Trend: a named Sparkline over sessions with the first, best and latest values in words."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static


def _fmt(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


class Trend(Vertical):
    """"Non-directive index  first 41  best 68  latest 62" over a sparkline of every value."""

    def __init__(self, title: str, values: Sequence[float | None] = (), *, digits: int = 0, id: str | None = None) -> None:
        super().__init__(id=id, classes="trend")
        self.title = title
        self.digits = digits
        self.values = list(values)

    def compose(self) -> ComposeResult:
        yield Static(self.caption(), markup=False, classes="trend-caption")
        yield Sparkline(self.points(), summary_function=max, classes="trend-line")

    def points(self) -> list[float]:
        known = [float(v) for v in self.values if v is not None] or [0.0]
        return known * 2 if len(known) == 1 else known  # one point would fill the whole box

    def caption(self) -> str:
        known = [v for v in self.values if v is not None]
        count = len(self.values)
        sessions = f"{count} session{'s' * (count != 1)}"
        if not count:
            return f"{self.title}: no sessions yet"
        if not known:
            return f"{self.title}: not measured in your {sessions} yet"
        shown = sessions if len(known) == count else f"{len(known)} of {sessions}"
        return (
            f"{self.title}  first {_fmt(known[0], self.digits)}  best {_fmt(max(known), self.digits)}"
            f"  latest {_fmt(known[-1], self.digits)}  ({shown})"
        )

    def show(self, values: Sequence[float | None]) -> None:
        self.values = list(values)
        self.query_one(".trend-caption", Static).update(self.caption())
        line = self.query_one(Sparkline)
        line.data = self.points()
        line.styles.width = max(12, 3 * len(self.points()))
