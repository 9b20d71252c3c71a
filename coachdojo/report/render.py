"""One entry point for every report format."""

from __future__ import annotations

from coachdojo.report.model import Report

FORMATS = ("text", "md", "html", "json")


def render(report: Report, fmt: str = "text", *, width: int = 80) -> str:
    """The report in `fmt`: text, md, html or json."""
    if fmt == "text":
        from coachdojo.report.render_text import render_text

        return render_text(report, width)
    if fmt == "md":
        from coachdojo.report.render_markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from coachdojo.report.render_html import render_html

        return render_html(report)
    if fmt == "json":
        from coachdojo.report.render_json import render_json

        return render_json(report)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
