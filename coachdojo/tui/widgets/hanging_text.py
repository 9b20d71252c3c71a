"""HangingText: plain lines that wrap to the widget's width with a hanging indent, so a
continuation starts under its line's text column instead of at column 0."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from textual.events import Resize
from textual.widgets import Static

from coachdojo.tui.text import visible

NBSP = "\u00a0"  # joins words that must stay on one line ("(fair 1, good 2)")


def hang(lines: Sequence[tuple[str, int]], width: int) -> str:
    """Each (text, indent) wrapped to `width`; continuation lines start `indent` columns in.
    Runs of spaces inside a line are kept (they align columns); NBSP never breaks."""
    out: list[str] = []
    for text, indent in lines:
        if width <= indent + 8 or len(text) <= width:
            out.append(text)
            continue
        out.extend(
            textwrap.wrap(
                text,
                width=width,
                subsequent_indent=" " * indent,
                break_long_words=True,
                break_on_hyphens=False,
                drop_whitespace=True,
            )
            or [""]
        )
    return "\n".join(out)


class HangingText(Static):
    """Untrusted-safe text (markup off, control characters visible), re-wrapped on resize."""

    def __init__(self, lines: Sequence[tuple[str, int]] = (), *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", markup=False, id=id, classes=classes)
        self.lines = [(visible(text), indent) for text, indent in lines]

    def set_lines(self, lines: Sequence[tuple[str, int]]) -> None:
        self.lines = [(visible(text), indent) for text, indent in lines]
        self.reflow()

    def on_mount(self) -> None:
        self.reflow()

    def on_resize(self, _event: Resize) -> None:
        self.reflow()

    def reflow(self) -> None:
        width = self.content_region.width or self.size.width
        text = hang(self.lines, width) if width else "\n".join(t for t, _ in self.lines)
        self.update(text.replace(NBSP, " "))
