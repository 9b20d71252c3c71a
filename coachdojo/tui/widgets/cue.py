"""Cue: the sparse feedback under a reply — glyphs and code names — and, in coach mode, the
tip and a better alternative. One widget, so a long conversation stays light to lay out."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coachdojo.transcript import Annotation
from coachdojo.tui.cues import cue_parts
from coachdojo.tui.text import visible

# Colour only doubles the glyph: ✓ ✗ ~ · carry the meaning on their own.
KIND_STYLES = {
    "good": "bold $text-success",
    "bad": "bold $text-error",
    "watch": "bold $text-warning",
    "neutral": "$text-muted",
}


class Cue(Static):
    """"✓ open question  ✗ advice" on one line; with `details`, the tip and the rewrite below."""

    def __init__(self, annotation: Annotation | None, rapport_change: int = 0, *, details: bool = False) -> None:
        self.annotation = annotation
        self.rapport_change = rapport_change
        self.details = details
        super().__init__(self._content(), markup=False, classes="cue")

    def show_details(self, on: bool) -> None:
        """Coach mode on or off: add or drop the tip and the better alternative."""
        if on != self.details:
            self.details = on
            self.update(self._content())

    @property
    def detail_text(self) -> str:
        """The tip and rewrite lines as shown in coach mode (for tests and screen readers)."""
        return "\n".join(line.plain for line in self._detail_lines())

    def _detail_lines(self) -> list[Content]:
        lines: list[Content] = []
        if self.annotation is not None:
            if self.annotation.tip:
                lines.append(Content.from_markup("[b]Tip[/b]  $t", t=visible(self.annotation.tip)))
            if self.annotation.rewrite:
                lines.append(Content.from_markup("[b]Try[/b]  $t", t=visible(self.annotation.rewrite)))
        return lines

    def _content(self) -> Content:
        parts = cue_parts(self.annotation.codes) if self.annotation else []
        pieces = [Content.styled(f"{part.glyph} {part.label}", KIND_STYLES[part.kind]) for part in parts]
        line = Content("   ").join(pieces) if pieces else Content("· not scored")
        if self.rapport_change:
            sign = "▲" if self.rapport_change > 0 else "▼"
            line = line + Content(f"   {sign} rapport {self.rapport_change:+d}")
        if not self.details:
            return line
        details = [detail.stylize("$text-muted") for detail in self._detail_lines()]
        return Content("\n").join([line, *details])
