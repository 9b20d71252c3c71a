"""CodeBars: a text bar chart of how often each technique code was used."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.widgets import Static

from coachdojo.codes import CODE_LABELS, CODES
from coachdojo.tui.cues import GLYPHS, kind_of

BAR_WIDTH = 30


def bars_content(counts: Mapping[str, int], width: int = BAR_WIDTH) -> Content:
    """One line per code used: glyph, name, a bar and the count (the number, not only length)."""
    used = [(c, counts[c]) for c in CODES if counts.get(c)]
    if not used:
        return Content("No replies were scored.")
    top = max(n for _, n in used)
    label_width = max(len(CODE_LABELS.get(c, c)) for c, _ in used)
    lines = []
    for code, n in used:
        length = max(1, round(width * n / top))
        label = CODE_LABELS.get(code, code)
        lines.append(f"{GLYPHS[kind_of(code)]} {label:<{label_width}}  {'█' * length} {n}")
    return Content("\n".join(lines))


class CodeBars(Static):
    """Counts of each code over the session's replies (taken-back replies excluded)."""

    def __init__(self, counts: Mapping[str, int] | None = None, *, id: str | None = None) -> None:
        super().__init__(bars_content(counts or {}), markup=False, id=id)

    def show(self, counts: Mapping[str, int]) -> None:
        self.update(bars_content(counts))
