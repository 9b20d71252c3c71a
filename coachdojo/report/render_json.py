"""JSON report, schema version 1 (docs/report-schema.json)."""

from __future__ import annotations

import json

from coachdojo.report.model import Report


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
