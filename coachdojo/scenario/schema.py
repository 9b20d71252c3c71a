"""The scenario format as a JSON Schema (draft 2020-12), and a small checker that applies it.

The loader checks the structure of a file with this very schema, so the schema that
`coachdojo schema` prints for editors and the rules the loader enforces cannot drift apart.
Only the parts of JSON Schema used here are implemented; messages are written for people.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from coachdojo.codes import CODE_GROUPS, CODES, STAGES

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
VAR_PATTERN = r"^[a-z][a-z0-9_]*$"
CONDITION_PATTERN = r"^\s*[a-z][a-z0-9_]*\s*(>=|<=|==|!=|>|<|=)\s*-?\d+\s*$"
COMPARISON_PATTERN = r"^\s*(>=|<=|==|!=|>|<|=)\s*-?\d+\s*$"
CODE_NAMES = list(CODES) + sorted(CODE_GROUPS)
STYLES = ["plain", "reserved", "verbose", "tangential", "defensive", "people-pleasing"]
DIFFICULTIES = ["beginner", "intermediate", "advanced"]
ENDING_KINDS = ["breakthrough", "partial", "stalled", "out_of_time"]


def _text(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description, **extra}


_LINE = {
    "description": "A coachee line: plain text, or a mapping with a stable id and the text.",
    "x-expected": "a line of text, or a mapping with 'text' (and optionally 'id')",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {
                "id": {"type": "string", "pattern": ID_PATTERN, "description": "Stable line id."},
                "text": _text("What the coachee says."),
            },
            "required": ["text"],
            "additionalProperties": False,
        },
    ],
}

_LINES = {
    "description": "One or more variants of what the coachee says; one is picked each time.",
    "x-expected": "a list of lines (or a single line)",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "items": {"$ref": "#/$defs/line"}, "minItems": 1},
    ],
}

_CODE_LIST = {
    "type": "array",
    "items": {"type": "string", "enum": CODE_NAMES},
    "minItems": 1,
}

_NUMBERS = {
    "type": "object",
    "description": "Variable name to a whole number.",
    "propertyNames": {"pattern": VAR_PATTERN},
    "additionalProperties": {"type": "integer"},
}

_CONDITIONS = {
    "description": "A condition such as 'rapport >= 6', or a list of them that must all hold.",
    "x-expected": "a condition like 'rapport >= 6', or a list of them",
    "anyOf": [
        {"type": "string", "pattern": CONDITION_PATTERN},
        {"type": "array", "items": {"type": "string", "pattern": CONDITION_PATTERN}, "minItems": 1},
    ],
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://coachdojo.invalid/schema/scenario-v1.json",
    "title": "coachdojo scenario (format 1)",
    "description": "A scripted coachee for coachdojo. See docs/scenarios.md.",
    "type": "object",
    "required": ["format", "id", "title", "summary", "difficulty", "briefing", "coachee", "start", "nodes", "endings"],
    "additionalProperties": False,
    "properties": {
        "format": {"description": "Scenario format version.", "const": FORMAT_VERSION, "type": "integer"},
        "id": {"type": "string", "pattern": ID_PATTERN, "description": "Short unique name, lower case with - or _."},
        "title": _text("Title shown in the scenario picker."),
        "summary": _text("One or two sentences for the picker."),
        "difficulty": {"type": "string", "enum": DIFFICULTIES},
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "minutes": {"type": "integer", "minimum": 1, "maximum": 240, "description": "Estimated minutes."},
        "author": {"type": "string"},
        "briefing": _text("What the student reads before starting."),
        "practise": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "description": "What this scenario lets the student practise (shown in the briefing).",
        },
        "coachee": {
            "type": "object",
            "required": ["name", "role", "style"],
            "additionalProperties": False,
            "properties": {
                "name": _text("The coachee's name."),
                "role": _text("Who they are, in a few words."),
                "style": {"type": "string", "enum": STYLES, "description": "How they speak."},
                "trainer_notes": {
                    "type": "object",
                    "description": "Hidden from the student while playing: the coachee's inner world.",
                    "additionalProperties": False,
                    "properties": {
                        "goal": {"type": "string"},
                        "values": {"type": "string"},
                        "obstacle": {"type": "string"},
                        "notes": {"type": "string"},
                    },
                },
            },
        },
        "variables": {
            "type": "object",
            "description": "State the conversation keeps. 'rapport' is built in (0-10, starts at 5).",
            "propertyNames": {"pattern": VAR_PATTERN},
            "additionalProperties": {
                "type": "object",
                "required": ["default"],
                "additionalProperties": False,
                "properties": {
                    "default": {"type": "integer"},
                    "min": {"type": "integer"},
                    "max": {"type": "integer"},
                    "description": {"type": "string"},
                },
            },
        },
        "turns": {
            "type": "object",
            "description": "Turn limit: after 'max' student replies the session ends at 'ending'.",
            "required": ["max", "ending"],
            "additionalProperties": False,
            "properties": {
                "max": {"type": "integer", "minimum": 1, "maximum": 500},
                "ending": {"type": "string", "pattern": ID_PATTERN},
            },
        },
        "rapport_rules": {
            "type": "object",
            "description": "Change in rapport when a reply carries a code (replaces the built-in value).",
            "propertyNames": {"enum": list(CODES)},
            "additionalProperties": {"type": "integer", "minimum": -3, "maximum": 3},
        },
        "start": {"type": "string", "pattern": ID_PATTERN, "description": "The node the session opens on."},
        "nodes": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {"$ref": "#/$defs/node"},
        },
        "reactions": {
            "type": "object",
            "description": "What the coachee does when no route of the node fires, by the reply's code.",
            "propertyNames": {"enum": CODE_NAMES + ["default"]},
            "additionalProperties": {"$ref": "#/$defs/reaction"},
        },
        "endings": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {"$ref": "#/$defs/ending"},
        },
        "tests": {"type": "array", "items": {"$ref": "#/$defs/test"}},
    },
    "$defs": {
        "line": _LINE,
        "lines": _LINES,
        "node": {
            "type": "object",
            "required": ["say"],
            "additionalProperties": False,
            "properties": {
                "stage": {"type": "string", "enum": list(STAGES)},
                "say": {"$ref": "#/$defs/lines"},
                "routes": {"type": "array", "items": {"$ref": "#/$defs/route"}},
                "note": {"type": "string", "description": "A comment for trainers."},
            },
        },
        "when": {
            "type": "object",
            "description": "All given parts must hold for the route to fire.",
            "additionalProperties": False,
            "properties": {
                "codes": {
                    "description": "The technique codes of the student's reply.",
                    "x-expected": "a list of codes (any of them), or a mapping with any/all/none",
                    "anyOf": [
                        _CODE_LIST,
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "minProperties": 1,
                            "properties": {"any": _CODE_LIST, "all": _CODE_LIST, "none": _CODE_LIST},
                        },
                    ],
                },
                "topics": {
                    "description": "Phrases the student mentions (matched fuzzily, typos tolerated).",
                    "x-expected": "a list of phrases (any of them), or a mapping with any/none",
                    "anyOf": [
                        {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "minProperties": 1,
                            "properties": {
                                "any": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                                "none": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                            },
                        },
                    ],
                },
                "if": {"$ref": "#/$defs/conditions"},
            },
        },
        "conditions": _CONDITIONS,
        "route": {
            "type": "object",
            "required": ["goto"],
            "additionalProperties": False,
            "properties": {
                "when": {"$ref": "#/$defs/when"},
                "goto": {"type": "string", "pattern": ID_PATTERN, "description": "A node or an ending."},
                "say": {"$ref": "#/$defs/lines"},
                "set": _NUMBERS,
                "change": _NUMBERS,
                "note": {"type": "string"},
            },
        },
        "reaction": {
            "type": "object",
            "required": ["say"],
            "additionalProperties": False,
            "properties": {
                "say": {"$ref": "#/$defs/lines"},
                "if": {"$ref": "#/$defs/conditions"},
                "set": _NUMBERS,
                "change": _NUMBERS,
                "goto": {"type": "string", "pattern": ID_PATTERN},
                "note": {"type": "string"},
            },
        },
        "ending": {
            "type": "object",
            "required": ["kind", "debrief"],
            "additionalProperties": False,
            "properties": {
                "kind": {"type": "string", "enum": ENDING_KINDS},
                "title": {"type": "string"},
                "say": {"$ref": "#/$defs/lines"},
                "debrief": _text("What the student reads when the session ends here."),
            },
        },
        "test": {
            "type": "object",
            "required": ["name", "steps"],
            "additionalProperties": False,
            "properties": {
                "name": _text("What this test plan shows."),
                "seed": {"type": "integer"},
                "steps": {"type": "array", "items": {"$ref": "#/$defs/step"}, "minItems": 1},
                "ending": {"type": "string", "pattern": ID_PATTERN},
            },
        },
        "step": {
            "type": "object",
            "required": ["student"],
            "additionalProperties": False,
            "properties": {
                "student": _text("What the student types."),
                "expect": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "codes": {"type": "array", "items": {"type": "string", "enum": list(CODES)}},
                        "not_codes": {"type": "array", "items": {"type": "string", "enum": list(CODES)}},
                        "node": {"type": "string", "pattern": ID_PATTERN},
                        "vars": {
                            "type": "object",
                            "propertyNames": {"pattern": VAR_PATTERN},
                            "additionalProperties": {
                                "x-expected": "a whole number or a comparison like '>= 6'",
                                "anyOf": [
                                    {"type": "integer"},
                                    {"type": "string", "pattern": COMPARISON_PATTERN},
                                ],
                            },
                        },
                    },
                },
            },
        },
    },
}

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "boolean": "true or false",
}


def _type_of(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _is_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "boolean":
        return isinstance(value, bool)
    return False


def _show(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def did_you_mean(word: str, choices: list[str]) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


Report = list[tuple[tuple[str | int, ...], str, bool]]  # (path, message, at_key)


def check(value: Any, schema: dict[str, Any] = SCHEMA, path: tuple[str | int, ...] = ()) -> Report:
    """Check `value` against `schema`; return every problem as (path, message, at_key)."""
    problems: Report = []
    _check(value, schema, path, problems)
    return problems


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = SCHEMA["$defs"][name]
    return schema


def _expected(schema: dict[str, Any]) -> str:
    schema = _resolve(schema)
    if "x-expected" in schema:
        return schema["x-expected"]
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    kind = schema.get("type")
    return _TYPE_NAMES.get(kind, "a value") if isinstance(kind, str) else "a value"


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _matches(pattern: str, value: str) -> bool:
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        compiled = _PATTERNS[pattern] = re.compile(pattern)
    return compiled.search(value) is not None


def _check(value: Any, schema: dict[str, Any], path: tuple[str | int, ...], out: Report) -> None:
    # Hot path: runs once per value of the file. Messages (and `_show(path)`) are only built
    # for problems; a valid value costs a few dictionary look-ups.
    while "$ref" in schema:
        schema = _resolve(schema)
    if "anyOf" in schema:
        options = [_resolve(s) for s in schema["anyOf"]]
        for option in options:
            trial: Report = []
            _check(value, option, path, trial)
            if not trial:
                return
        # Report the inner problems of the option whose type fits, else a summary.
        fitting = [o for o in options if "type" in o and _is_type(value, o["type"])]
        if len(fitting) == 1:
            _check(value, fitting[0], path, out)
        else:
            out.append((path, f"{_show(path)}: expected {_expected(schema)}, found {_type_of(value)}", False))
        return
    kind = schema.get("type")
    if kind and not _is_type(value, kind):
        out.append((path, f"{_show(path)}: expected {_expected(schema)}, found {_type_of(value)}", False))
        return
    if "const" in schema and value != schema["const"]:
        out.append((path, f"{_show(path)}: this version of coachdojo reads format {schema['const']!r}, found {value!r}", False))
        return
    if "enum" in schema and value not in schema["enum"]:
        hint = did_you_mean(str(value), [str(v) for v in schema["enum"]])
        choices = ", ".join(str(v) for v in schema["enum"])
        if len(schema["enum"]) > 8:
            choices = "a code from docs/scenarios.md"
        out.append((path, f"{_show(path)}: unknown value '{value}'{hint}; expected {choices}", False))
        return
    cls = value.__class__
    if cls is str:
        min_length = schema.get("minLength")
        if min_length and (len(value) < min_length or not value.strip()):
            out.append((path, f"{_show(path)}: must not be empty", False))
        pattern = schema.get("pattern")
        if pattern and not _matches(pattern, value):
            out.append((path, f"{_show(path)}: '{value}' is not {_pattern_words(pattern)}", False))
    elif cls is int:
        if "minimum" in schema and value < schema["minimum"]:
            out.append((path, f"{_show(path)}: {value} is below the minimum {schema['minimum']}", False))
        if "maximum" in schema and value > schema["maximum"]:
            out.append((path, f"{_show(path)}: {value} is above the maximum {schema['maximum']}", False))
    elif cls is list:
        if len(value) < schema.get("minItems", 0):
            out.append((path, f"{_show(path)}: the list is empty; expected at least {schema['minItems']} item", False))
        items = schema.get("items")
        if items:
            for i, item in enumerate(value):
                _check(item, items, path + (i,), out)
    elif cls is dict:
        props: dict[str, Any] = schema.get("properties", {})
        if len(value) < schema.get("minProperties", 0):
            out.append((path, f"{_show(path)}: is empty; expected at least one entry", False))
        required = schema.get("required")
        if required:
            missing = [key for key in required if key not in value]
            if missing:
                keys = ", ".join(f"'{k}'" for k in missing)
                out.append((path, f"{_show(path)}: missing required key{'s' * (len(missing) > 1)} {keys}", False))
        names = schema.get("propertyNames")
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            child = path + (key,)
            sub = props.get(key)
            if sub is not None:
                _check(item, sub, child, out)
                continue
            if extra is False:
                hint = did_you_mean(key, list(props))
                allowed = ", ".join(props)
                out.append((child, f"{_show(child)}: unknown key '{key}'{hint}; expected one of {allowed}", True))
                continue
            if names:
                bad: Report = []
                _check(key, names, child, bad)
                if bad:
                    if "enum" in names:
                        hint = did_you_mean(key, [str(v) for v in names["enum"]])
                        out.append((child, f"{_show(child)}: unknown name '{key}'{hint}", True))
                    else:
                        out.append((child, f"{_show(child)}: '{key}' is not {_pattern_words(names.get('pattern', ''))}", True))
                    continue
            if isinstance(extra, dict):
                _check(item, extra, child, out)


def _pattern_words(pattern: str) -> str:
    if pattern == ID_PATTERN:
        return "a valid id (lower-case letters, digits, '-' and '_', starting with a letter or digit)"
    if pattern == VAR_PATTERN:
        return "a valid variable name (lower-case letters, digits and '_', starting with a letter)"
    if pattern == CONDITION_PATTERN:
        return "a condition like 'rapport >= 6' (a variable, a comparison, a whole number)"
    if pattern == COMPARISON_PATTERN:
        return "a whole number or a comparison like '>= 6'"
    return "in the expected form"
