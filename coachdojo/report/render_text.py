"""Plain-text report for the terminal: width-aware, no colour, no markup of any kind."""

from __future__ import annotations

import textwrap

from coachdojo.report.model import Report
from coachdojo.report.view import (
    BandChart,
    Bars,
    Block,
    Bullets,
    Document,
    Facts,
    LineChart,
    Para,
    QuoteBlock,
    Table,
    document,
    scale_max,
)

DEFAULT_WIDTH = 80
MIN_WIDTH = 40


def render_text(report: Report, width: int = DEFAULT_WIDTH) -> str:
    """The report as plain text, wrapped to `width` columns (at least 40)."""
    return render_document(document(report), max(MIN_WIDTH, width))


def render_document(doc: Document, width: int) -> str:
    out = [doc.title, "=" * min(width, len(doc.title))]
    for section in doc.sections:
        out += ["", section.title, "-" * min(width, len(section.title))]
        for block in section.blocks:
            out += _block(block, width)
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    lines: list[str] = []
    for i, para in enumerate(text.split("\n") or [""]):
        lines += textwrap.wrap(
            para,
            width=width,
            initial_indent=first if i == 0 else rest,
            subsequent_indent=rest,
            break_long_words=True,
            break_on_hyphens=False,
        ) or [(first if i == 0 else rest).rstrip()]
    return lines


def _block(block: Block, width: int) -> list[str]:
    if isinstance(block, Para):
        head = f"{block.label}: " if block.label else ""
        return _wrap(head + block.text, width)
    if isinstance(block, Facts):
        return _facts(block.rows, width)
    if isinstance(block, Bullets):
        return [line for item in block.items for line in _wrap(item, width, "  - ", "    ")]
    if isinstance(block, QuoteBlock):
        return _wrap(f'"{block.text}"', width, f"  turn {block.turn}: ", "    ")
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Bars):
        return _bars(block.title, [(label, value) for label, value in block.items], width)
    if isinstance(block, LineChart):
        return _bars(block.title, [(f"turn {n}", v) for n, v in block.points], width)
    if isinstance(block, BandChart):
        return _band_chart(block, width)
    raise TypeError(f"unknown block {block!r}")


def _facts(rows: tuple[tuple[str, str], ...], width: int) -> list[str]:
    if not rows:
        return []
    label_w = min(max(len(k) for k, _ in rows) + 2, width // 2)
    out: list[str] = []
    for key, value in rows:
        head = f"{key}:".ljust(label_w)
        if len(head) > label_w:
            out.append(f"{key}:")
            head = " " * label_w
        out += _wrap(value, width, head, " " * label_w)
    return out


def _fit(natural: list[int], available: int) -> list[int] | None:
    """Column widths that fit `available`, shrinking the widest first; None when a column that
    must wrap would end up narrower than 16 characters."""
    widths = list(natural)
    while sum(widths) > available:
        i = max(range(len(widths)), key=lambda k: widths[k])
        if widths[i] <= 16:
            return None
        widths[i] -= 1
    return widths


def _table(table: Table, width: int) -> list[str]:
    cols = len(table.headers)
    cells = [[" ".join(c.split()) for c in row] for row in table.rows]
    natural = [max([len(table.headers[i])] + [len(r[i]) for r in cells]) for i in range(cols)]
    widths = _fit(natural, width - 2 * (cols - 1))
    if widths is not None:
        out: list[str] = []
        for row in [list(table.headers), ["-" * w for w in widths], *cells]:
            wrapped = [textwrap.wrap(c, w, break_long_words=True) or [""] for c, w in zip(row, widths, strict=True)]
            for k in range(max(len(w) for w in wrapped)):
                parts = [(w[k] if k < len(w) else "").ljust(n) for w, n in zip(wrapped, widths, strict=True)]
                out.append("  ".join(parts).rstrip())
        return out
    # Too wide even when wrapped: one record per row, "header: value" lines.
    out = []
    label_w = max(len(h) for h in table.headers) + 2
    for row in cells:
        out.append("")
        for header, cell in zip(table.headers, row, strict=True):
            if cell:
                out += _wrap(cell, width, f"{header}:".ljust(label_w), " " * label_w)
    return out


def _bars(title: str, items: list[tuple[str, int]], width: int) -> list[str]:
    if not items:
        return []
    label_w = max(len(label) for label, _ in items)
    top = max((v for _, v in items), default=0)
    num_w = max(len(str(v)) for _, v in items)
    room = max(10, width - label_w - num_w - 4)
    out = [f"{title}:"]
    for label, value in items:
        bar = "#" * (round(room * value / top) if top > 0 and value > 0 else 0)
        out.append(f"{label.rjust(label_w)} {str(value).rjust(num_w)} {bar}".rstrip())
    return out


def _band_chart(chart: BandChart, width: int) -> list[str]:
    out: list[str] = []
    scale_w = max(20, min(50, width - 30))
    for b in chart.bands:
        top = scale_max(b)

        def pos(v: float, top: float = top) -> int:
            return min(scale_w - 1, round((scale_w - 1) * v / top))

        line = ["-"] * scale_w
        line[pos(b.fair)] = "F"
        line[pos(b.good)] = "G"
        if b.value is not None:
            line[pos(b.value)] = "*"
        out.append(f"{b.label}: {b.display} ({b.band})")
        out.append(f"  [{''.join(line)}]  * you, F fair, G good")
    return out
