"""BandChart: the MITI summary scores against their fair and good thresholds, in words and marks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coachdojo.tui.text import visible
from coachdojo.tui.widgets.hanging_text import NBSP, HangingText

BAND_MARKS = {"good": "●●●", "fair": "●●○", "below fair": "●○○", "n/a": "○○○"}
LABEL_COLUMN = 16  # where the band's label starts: after "●●○ below fair  "


def band_lines(bands: Sequence[Any]) -> list[tuple[str, int]]:
    """"●●○ fair        % open questions  55 %   (fair 50, good 70)" per band, with the column a
    wrapped line continues at (the thresholds stay together, under the label)."""
    if not bands:
        return [("No MITI bands for this session.", 0)]
    label_width = max(len(b.label) for b in bands)
    display_width = max(8, *(len(b.display) for b in bands))
    lines = []
    for b in bands:
        mark = BAND_MARKS.get(b.band, "○○○")
        thresholds = f"(fair {b.fair:g}, good {b.good:g})".replace(" ", NBSP)
        lines.append(
            (
                f"{mark} {b.band:<10}  {visible(b.label):<{label_width}}  {visible(b.display):>{display_width}}"
                f"   {thresholds}",
                LABEL_COLUMN,
            )
        )
    return lines


class BandChart(HangingText):
    """The report's MITI bands: a three-dot mark and the band's name (never colour alone)."""

    def __init__(self, bands: Sequence[Any] = (), *, id: str | None = None) -> None:
        super().__init__(band_lines(bands), id=id)

    def show(self, bands: Sequence[Any]) -> None:
        self.set_lines(band_lines(bands))
