"""Renderers: text, Markdown, HTML and JSON, including escaping of untrusted text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_report_helpers import FIXTURES, load_fixture, make

from coachdojo.report import FORMATS, SCHEMA_VERSION, build_report, render
from coachdojo.report.render_markdown import md_escape

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "docs" / "report-schema.json").read_text("utf-8"))
NASTY = "<script>alert('x')</script> | `rm -rf` **bold** [link](http://evil) & \x1b[31mred\x1b[0m"


def nasty_report():
    return build_report(
        make(
            [
                ("coach", NASTY, ["advice"], "options", "<b>rewrite</b>"),
                ("coachee", "# heading\n1. list <img src=x onerror=alert(1)>"),
                ("coach", "What | else?", ["open_question"]),
            ],
            scenario_id="s1",
            scenario_title="<script>title()</script>",
            rapport={1: 1, 3: 2},
            ending="<i>end</i>",
            ending_kind="good",
        )
    )


@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_every_fixture(name: str, fmt: str) -> None:
    out = render(build_report(load_fixture(name)), fmt)
    assert out.strip()
    assert "Session report" in out


def test_text_report_fits_the_width_and_has_the_key_sections() -> None:
    report = build_report(load_fixture("coach_client"))
    for width in (60, 80, 120):
        out = render(report, "text", width=width)
        assert max(len(line) for line in out.splitlines()) <= width
    out = render(report, "text")
    for heading in ("Summary", "MITI 4.2.1 bands", "Strengths", "Growth areas", "Missed opportunities", "ICF PCC markers", "Turn by turn"):
        assert f"\n{heading}\n" in out
    assert "Non-directive index:        61.1 / 100" in out
    assert 'turn 3: "You\'re frustrated, and it sounds like' in out


def test_text_report_strips_terminal_escape_sequences_and_keeps_markup_literal() -> None:
    out = render(nasty_report(), "text")
    assert "\x1b" not in out
    assert "<script>alert('x')</script>" in out  # plain text: shown as typed, never interpreted


def test_markdown_escapes_student_text() -> None:
    out = render(nasty_report(), "md")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<img" not in out and "<b>" not in out
    assert "\\`rm -rf\\`" in out
    assert "\\*\\*bold\\*\\*" in out and "\\[link\\]" in out
    assert "What \\| else?" in out
    assert "\x1b" not in out
    for line in out.splitlines():
        if line.startswith("|"):
            # every row of a table keeps its column count: pipes inside cells are escaped
            assert len(re.findall(r"(?<!\\)\|", line)) in (6, 8, 3, 7, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a bullet", "\\- not a bullet"),
        ("a < b > c & d", "a &lt; b &gt; c &amp; d"),
        ("pipe | here", "pipe \\| here"),
        ("`tick`", "\\`tick\\`"),
        ("two\nlines", "two lines"),
    ],
)
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs


def test_html_escapes_everything_including_the_scenario_title() -> None:
    out = render(nasty_report(), "html")
    p = _Collector()
    p.feed(out)
    assert "script" not in p.tags and "img" not in p.tags and "b" not in p.tags and "i" not in p.tags
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "&lt;script&gt;title()&lt;/script&gt;" in out
    assert "\x1b" not in out


def test_html_is_self_contained_with_inline_svg_charts() -> None:
    out = render(nasty_report(), "html")
    p = _Collector()
    p.feed(out)
    assert p.tags.count("svg") == 3  # code counts, MITI bands, rapport curve
    assert "style" in p.tags and "link" not in p.tags and "script" not in p.tags
    urls = [v for k, v in p.attrs if k in ("src", "href") and v]
    assert urls == []
    assert "http://" not in out.replace('xmlns="http://www.w3.org/2000/svg"', "").replace("http://evil", "")
    for svg in re.findall(r"<svg.*?</svg>", out, flags=re.S):
        ET.fromstring(svg)  # each chart is well-formed XML


def test_html_without_rapport_has_two_charts() -> None:
    out = render(build_report(load_fixture("coach_client")), "html")
    assert out.count("<svg") == 2


def test_json_is_versioned_and_matches_the_schema_required_keys() -> None:
    data = json.loads(render(build_report(load_fixture("coach_client")), "json"))
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert SCHEMA["properties"]["schema_version"]["const"] == SCHEMA_VERSION

    def check(value: object, schema: dict, path: str) -> None:
        if "$ref" in schema:
            schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
        if isinstance(value, dict):
            missing = set(schema.get("required", ())) - set(value)
            assert not missing, f"{path}: missing {missing}"
            for key, sub in schema.get("properties", {}).items():
                if key in value:
                    check(value[key], sub, f"{path}.{key}")
        elif isinstance(value, list) and "items" in schema:
            for i, item in enumerate(value):
                check(item, schema["items"], f"{path}[{i}]")

    check(data, SCHEMA, "$")
    assert data["metrics"]["non_directive_index"] == 61.1
    assert data["contracting"]["agreed"] is True


@pytest.mark.parametrize("name", FIXTURES)
def test_json_validates_against_the_full_schema(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    data = json.loads(render(build_report(load_fixture(name)), "json"))
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_json_of_an_app_session_with_rapport_validates() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(render(nasty_report(), "json"))
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["rapport"] == [{"turn": 1, "rapport": 1}, {"turn": 2, "rapport": 2}]


def test_unknown_format_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render(build_report(make([])), "pdf")


def test_importing_the_report_package_does_not_load_textual() -> None:
    code = (
        "import sys, coachdojo.report, coachdojo.report.render_html, coachdojo.report.render_text, "
        "coachdojo.report.render_markdown, coachdojo.report.parse, coachdojo.report.cohort, "
        "coachdojo.commands.score; print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
