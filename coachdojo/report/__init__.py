"""Session reports: Transcript -> Report (metrics, MITI bands, ICF markers, GROW, notes) -> text,
Markdown, HTML or JSON. Pure Python; never imports Textual."""

from coachdojo.report.build import ScorerUnavailable, build_report, summarise_transcript
from coachdojo.report.model import SCHEMA_VERSION, Report
from coachdojo.report.render import FORMATS, render

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "Report",
    "ScorerUnavailable",
    "build_report",
    "render",
    "summarise_transcript",
]
