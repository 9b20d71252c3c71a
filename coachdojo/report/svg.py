"""Inline SVG charts for the HTML report: code counts, rapport over turns, MITI bands.

Every label goes through html.escape; no scripts, no external references.
"""

from __future__ import annotations

from html import escape

from coachdojo.report.model import Band
from coachdojo.report.view import scale_max

_BAND_COLOURS = {"good": "#2e7d32", "fair": "#f9a825", "below fair": "#c62828", "n/a": "#9e9e9e"}


def bar_chart(title: str, items: tuple[tuple[str, int], ...]) -> str:
    """Horizontal bars, one per label."""
    row_h, label_w, bar_w = 22, 150, 360
    top = max((v for _, v in items), default=0) or 1
    h = row_h * len(items) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{label_w + bar_w + 50}" '
        f'height="{h}" viewBox="0 0 {label_w + bar_w + 50} {h}"><title>{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(items):
        y = 5 + i * row_h
        w = round(bar_w * value / top)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" class="bar"/>'
            f'<text x="{label_w + w + 5}" y="{y + 15}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(title: str, points: tuple[tuple[int, int], ...]) -> str:
    """A polyline of values over turns, with dots and the min/max on the axis."""
    w, h, pad = 520, 200, 36
    xs = [n for n, _ in points]
    ys = [v for _, v in points]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys + [0]), max(ys + [1])
    sx = lambda x: pad + (w - 2 * pad) * ((x - x0) / (x1 - x0) if x1 > x0 else 0.5)  # noqa: E731
    sy = lambda y: h - pad - (h - 2 * pad) * ((y - y0) / (y1 - y0) if y1 > y0 else 0.5)  # noqa: E731
    coords = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points)
    dots = "".join(
        f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3"><title>turn {x}: {y}</title></circle>' for x, y in points
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}"><title>{escape(title)}</title>'
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" class="axis"/>'
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" class="axis"/>'
        f'<text x="{pad - 4}" y="{sy(y1) + 4:.1f}" text-anchor="end">{y1}</text>'
        f'<text x="{pad - 4}" y="{sy(y0) + 4:.1f}" text-anchor="end">{y0}</text>'
        f'<text x="{sx(x0):.1f}" y="{h - pad + 16}" text-anchor="middle">turn {x0}</text>'
        f'<text x="{sx(x1):.1f}" y="{h - pad + 16}" text-anchor="middle">turn {x1}</text>'
        f'<polyline points="{coords}" class="line"/>{dots}</svg>'
    )


def band_chart(bands: tuple[Band, ...]) -> str:
    """Each summary score on a scale shaded below fair / fair / good, with a marker for the value."""
    w, row_h, label_w, scale_w = 700, 46, 200, 320
    h = row_h * len(bands) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}"><title>MITI 4.2.1 bands</title>'
    ]
    for i, b in enumerate(bands):
        y = 8 + i * row_h
        top = scale_max(b)
        sx = lambda v, top=top: label_w + scale_w * min(v, top) / top  # noqa: E731
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(b.label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{sx(b.fair) - label_w:.1f}" height="16" fill="#f4c7c3"/>'
            f'<rect x="{sx(b.fair):.1f}" y="{y + 4}" width="{sx(b.good) - sx(b.fair):.1f}" height="16" fill="#fce8b2"/>'
            f'<rect x="{sx(b.good):.1f}" y="{y + 4}" width="{label_w + scale_w - sx(b.good):.1f}" height="16" fill="#b7e1cd"/>'
            f'<text x="{sx(b.fair) - 3:.1f}" y="{y + 34}" text-anchor="end" class="small">fair {b.fair:g}</text>'
            f'<text x="{sx(b.good) + 3:.1f}" y="{y + 34}" text-anchor="start" class="small">good {b.good:g}</text>'
        )
        if b.value is not None:
            x = sx(b.value)
            parts.append(
                f'<rect x="{x - 2:.1f}" y="{y}" width="4" height="24" fill="{_BAND_COLOURS[b.band]}"/>'
            )
        parts.append(
            f'<text x="{label_w + scale_w + 8}" y="{y + 16}">{escape(b.display)} ({escape(b.band)})</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
