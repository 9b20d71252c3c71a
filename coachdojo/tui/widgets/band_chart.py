"""BandChart: the MITI summary scores against their fair and good thresholds, in words and marks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content
from textual.widgets import Static

from coachdojo.tui.text import visible

BAND_MARKS = {"good": "●●●", "fair": "●●○", "below fair": "●○○", "n/a": "○○○"}


def bands_content(bands: Sequence[Any]) -> Content:
    """"●●○ fair        % open questions  55 %   (fair 50, good 70)" per band."""
    if not bands:
        return Content("No MITI bands for this session.")
    label_width = max(len(b.label) for b in bands)
    lines = []
    for b in bands:
        mark = BAND_MARKS.get(b.band, "○○○")
        lines.append(
            f"{mark} {b.band:<10}  {visible(b.label):<{label_width}}  {visible(b.display):>8}"
            f"   (fair {b.fair:g}, good {b.good:g})"
        )
    return Content("\n".join(lines))


class BandChart(Static):
    """The report's MITI bands: a three-dot mark and the band's name (never colour alone)."""

    def __init__(self, bands: Sequence[Any] = (), *, id: str | None = None) -> None:
        super().__init__(bands_content(bands), markup=False, id=id)

    def show(self, bands: Sequence[Any]) -> None:
        self.update(bands_content(bands))
