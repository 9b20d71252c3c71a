"""Cue: the sparse feedback under a reply — glyphs and code names, plus the tip and a better
alternative that coach mode reveals."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
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


class Cue(Vertical):
    """"✓ open question  ✗ advice" on one line; the tip and rewrite below it, shown only when the
    conversation screen has the `coach-mode` class."""

    def __init__(self, annotation: Annotation | None, rapport_change: int = 0) -> None:
        super().__init__(classes="cue")
        self.annotation = annotation
        self.rapport_change = rapport_change

    def compose(self) -> ComposeResult:
        parts = cue_parts(self.annotation.codes) if self.annotation else []
        pieces: list[Content] = []
        for part in parts:
            pieces.append(Content.styled(f"{part.glyph} {part.label}", KIND_STYLES[part.kind]))
        line = Content("   ").join(pieces) if pieces else Content("· not scored")
        if self.rapport_change:
            sign = "▲" if self.rapport_change > 0 else "▼"
            line = line + Content(f"   {sign} rapport {self.rapport_change:+d}")
        yield Static(line, markup=False, classes="cue-line")
        if self.annotation is not None:
            if self.annotation.tip:
                yield Static(
                    Content.from_markup("[b]Tip[/b]  $t", t=visible(self.annotation.tip)),
                    markup=False,
                    classes="coach-detail cue-tip",
                )
            if self.annotation.rewrite:
                yield Static(
                    Content.from_markup("[b]Try[/b]  $t", t=visible(self.annotation.rewrite)),
                    markup=False,
                    classes="coach-detail cue-rewrite",
                )
