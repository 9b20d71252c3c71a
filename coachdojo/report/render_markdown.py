"""Markdown report. Student and coachee text is escaped so it cannot inject Markdown or HTML."""

from __future__ import annotations

import re

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
)

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_BLOCK_MARKER = re.compile(r"^(#|[+\-=](?=\s|$))")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")


def md_escape(text: str) -> str:
    """Escape text for Markdown: HTML entities for & < >, backslashes for Markdown syntax
    (backslash, backticks, emphasis, links, pipes), and for block markers at the start
    (#, "- ", "+ ", "1. "). Newlines become spaces, so text stays inside its block."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _BLOCK_MARKER.sub(r"\\\1", text)
    return _LIST_NUMBER.sub(r"\1\\\2", text)


def render_markdown(report: Report) -> str:
    return render_document(document(report))


def render_document(doc: Document) -> str:
    out = [f"# {md_escape(doc.title)}"]
    for section in doc.sections:
        out += ["", f"## {md_escape(section.title)}", ""]
        for block in section.blocks:
            out += _block(block)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _table(headers: tuple[str, ...] | list[str], rows: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> list[str]:
    line = lambda cells: "| " + " | ".join(md_escape(c) or " " for c in cells) + " |"  # noqa: E731
    return [line(headers), "|" + "|".join(" --- " for _ in headers) + "|", *(line(r) for r in rows)]


def _block(block: Block) -> list[str]:
    if isinstance(block, Para):
        head = f"**{md_escape(block.label)}:** " if block.label else ""
        return [head + md_escape(block.text)]
    if isinstance(block, Facts):
        return [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in block.rows]
    if isinstance(block, Bullets):
        return [f"- {md_escape(item)}" for item in block.items]
    if isinstance(block, QuoteBlock):
        return [f"> Turn {block.turn}: {md_escape(block.text)}"]
    if isinstance(block, Table):
        return _table(block.headers, block.rows)
    if isinstance(block, Bars):
        return _table(("code", "turns"), [(label, str(v)) for label, v in block.items])
    if isinstance(block, LineChart):
        return [f"**{md_escape(block.title)}**", "", *_table(("turn", "rapport"), [(str(n), str(v)) for n, v in block.points])]
    if isinstance(block, BandChart):
        return []  # the bands table that follows says it in words
    raise TypeError(f"unknown block {block!r}")
