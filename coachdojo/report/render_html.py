"""A self-contained HTML page: inline CSS and inline SVG, no scripts, no network, all text escaped."""

from __future__ import annotations

from html import escape

from coachdojo.report import svg
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

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 62rem;
       margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .8rem; border-left: 3px solid #8ab4f8; }
.turn { color: #555; font-size: .85rem; }
svg.chart { display: block; margin: .5rem 0; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1b1b; } svg .small { font-size: 10px; }
svg .bar { fill: #5b8def; } svg .axis { stroke: #999; } svg .line { fill: none; stroke: #5b8def; stroke-width: 2; }
svg circle { fill: #5b8def; }
@media print { body { margin: 0; } }
""".strip()


def render_html(report: Report) -> str:
    return render_document(document(report))


def render_document(doc: Document) -> str:
    body: list[str] = [f"<h1>{escape(doc.title)}</h1>"]
    for section in doc.sections:
        body.append(f"<section><h2>{escape(section.title)}</h2>")
        body += [_block(b) for b in section.blocks]
        body.append("</section>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{escape(doc.title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _block(block: Block) -> str:
    if isinstance(block, Para):
        head = f"<strong>{escape(block.label)}:</strong> " if block.label else ""
        return f"<p>{head}{escape(block.text)}</p>"
    if isinstance(block, Facts):
        items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in block.rows)
        return f"<dl>{items}</dl>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, QuoteBlock):
        return f'<blockquote><span class="turn">turn {block.turn}</span> {escape(block.text)}</blockquote>'
    if isinstance(block, Table):
        head = "".join(f"<th>{escape(h)}</th>" for h in block.headers)
        rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Bars):
        return svg.bar_chart(block.title, block.items)
    if isinstance(block, LineChart):
        return svg.line_chart(block.title, block.points)
    if isinstance(block, BandChart):
        return svg.band_chart(block.bands)
    raise TypeError(f"unknown block {block!r}")
