"""RapportMeter: the coachee's rapport as a text meter with its number (never colour alone)."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static


class RapportMeter(Static):
    """"Rapport ■■■■■■□□□□ 6/10"; hidden with the `hidden` class."""

    value: reactive[int] = reactive(0)

    def __init__(self, value: int, minimum: int, maximum: int, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.minimum = minimum
        self.maximum = maximum
        self.set_reactive(RapportMeter.value, value)

    def on_mount(self) -> None:
        self.update(self.render_meter())

    def watch_value(self, _value: int) -> None:
        self.update(self.render_meter())

    def render_meter(self) -> str:
        span = max(1, self.maximum - self.minimum)
        slots = 10
        filled = round(slots * (self.value - self.minimum) / span)
        filled = max(0, min(slots, filled))
        return f"Rapport {'■' * filled}{'□' * (slots - filled)} {self.value}/{self.maximum}"
