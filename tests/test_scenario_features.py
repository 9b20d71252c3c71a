"""The scenario language working as documented: the model, lint, schema, graph and the CLI."""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import coachdojo
from coachdojo.cli import build_parser
from coachdojo.scenario import check_scenario_bytes, lint, load_scenario
from coachdojo.scenario.graph import to_dot, to_mermaid
from coachdojo.scenario.model import (
    Condition,
    Line,
    Persona,
    Variable,
    When,
    comparison_holds,
)
from coachdojo.scenario.schema import check

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PATH = REPO_ROOT / "docs" / "examples" / "first-scenario.yaml"
EXAMPLE = EXAMPLE_PATH.read_text(encoding="utf-8")
DOCS = REPO_ROOT / "docs" / "scenarios.md"
NAME = "scenario.yaml"


def edit(*pairs: tuple[str, str]) -> str:
    """The example with each (old, new) replacement applied; each `old` must occur exactly once."""
    text = EXAMPLE
    for old, new in pairs:
        assert text.count(old) == 1, f"the example should hold {old!r} exactly once"
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(scope="module")
def example():
    return load_scenario(EXAMPLE_PATH)


# --- the model ---------------------------------------------------------------------------------


def test_example_metadata(example) -> None:
    assert example.format == 1
    assert example.id == "first-scenario"
    assert example.title == "Ana wants more time for her team"
    assert example.difficulty == "beginner"
    assert example.tags == ("workplace", "new-manager")
    assert example.minutes == 10
    assert example.author == "Training team"
    assert example.practise == ("asking open questions", "reflecting what you hear")
    assert example.briefing.startswith("Ana was promoted to team lead three months ago.")
    assert example.briefing.endswith("Help her find out what she wants.\n")
    assert example.source == str(EXAMPLE_PATH)
    assert example.sha256 == hashlib.sha256(EXAMPLE_PATH.read_bytes()).hexdigest()


def test_example_coachee_keeps_trainer_notes_in_order(example) -> None:
    assert example.coachee == Persona(
        "Ana",
        "Team lead, three months in post",
        "plain",
        (
            ("goal", "Protect two mornings a week for her team."),
            ("values", "Being there for people."),
            ("obstacle", "She believes saying no lets people down."),
        ),
    )


def test_lines_get_automatic_ids_unless_given_one(example) -> None:
    assert example.nodes["opening"].lines == (
        Line("opening.1", "Thanks for making time. Honestly, I don't know where to start."),
        Line("opening-tired", "Sorry, it's been one of those weeks. Where do we even start?"),
    )
    assert example.nodes["busy"].lines == (
        Line("busy.1", "Every time I sit down to plan, someone needs me. I say yes to all of it."),
    )
    assert [line.id for r in example.reactions for line in r.lines] == [
        "reaction.advice.1",
        "reaction.advice.2",
        "reaction.closed_question.1",
        "reaction.default.1",
    ]
    assert example.endings["breakthrough"].lines == (
        Line(
            "ending.breakthrough.1", "Tuesday and Thursday mornings. I'll tell the team tomorrow."
        ),
    )


def test_nodes_keep_file_order_and_stages(example) -> None:
    assert example.start == "opening"
    assert [(n.id, n.stage) for n in example.nodes.values()] == [
        ("opening", "goal"),
        ("busy", "reality"),
        ("options", "options"),
        ("insight", "will"),
    ]


def test_routes_parse_codes_topics_conditions_and_effects(example) -> None:
    opening, busy, options, insight = (
        example.nodes[n].routes for n in ("opening", "busy", "options", "insight")
    )
    assert opening[0].when == When(codes_any=frozenset({"open_question", "reflection"}))
    assert opening[0].change == (("clarity", 1),)
    assert opening[0].goto == "busy"
    assert opening[1].when == When(topics_any=("team", "my people"))
    assert (opening[1].goto, opening[1].change, opening[1].index) == ("busy", (), 1)
    assert busy[0].when == When(
        codes_any=frozenset({"complex_reflection", "summary"}),
        conditions=(Condition("rapport", ">=", 6),),
    )
    assert busy[1].when == When(
        codes_any=frozenset({"open_question", "simple_reflection"}),
        codes_none=frozenset({"advice"}),
    )
    assert options[0].when == When(codes_any=frozenset({"listening"}))
    assert insight[0].when.conditions == (Condition("clarity", ">=", 2),)
    assert insight[0].goto == "breakthrough"
    assert not any(route.when.always for node in example.nodes.values() for route in node.routes)


def test_when_describe_reads_like_the_file(example) -> None:
    assert (
        example.nodes["busy"].routes[0].when.describe()
        == "any complex_reflection/summary; rapport >= 6"
    )
    assert (
        example.nodes["busy"].routes[1].when.describe()
        == "any open_question/simple_reflection; not advice"
    )
    assert When().describe() == "otherwise"


def test_variables_include_the_built_in_rapport(example) -> None:
    assert example.variables["clarity"] == Variable(
        "clarity", 0, 0, 3, "How clear Ana is about what she wants."
    )
    rapport = example.variables["rapport"]
    assert (rapport.default, rapport.minimum, rapport.maximum) == (5, 0, 10)
    assert example.initial_variables() == {"rapport": 5, "clarity": 0}
    assert example.variables["clarity"].clamp(7) == 3
    assert example.variables["clarity"].clamp(-2) == 0


def test_rapport_rules_replace_only_the_given_codes(example) -> None:
    assert example.rapport_rules["advice"] == -2
    assert example.rapport_rules["complex_reflection"] == 1
    assert example.rapport_rules["confront"] == -2


def test_reactions_keep_file_order_and_effects(example) -> None:
    assert [r.code for r in example.reactions] == ["advice", "closed_question", "default"]
    advice = example.reactions[0]
    assert advice.change == (("rapport", -1),)
    assert advice.goto is None and advice.conditions == ()


def test_endings_and_turn_limit(example) -> None:
    assert list(example.endings) == ["breakthrough", "out_of_time"]
    assert example.endings["breakthrough"].kind == "breakthrough"
    assert example.endings["breakthrough"].title == "Ana finds her own answer"
    assert example.endings["out_of_time"].title == ""
    assert example.endings["out_of_time"].debrief.startswith("Time ran out")
    assert (example.max_turns, example.turn_limit_ending) == (6, "out_of_time")
    assert example.target("busy") is example.nodes["busy"]
    assert example.target("out_of_time") is example.endings["out_of_time"]


def test_test_plans_with_expectations_and_lines(example) -> None:
    first, second = example.tests
    assert (first.name, first.ending, first.seed, first.line) == (
        "listening reaches the breakthrough",
        "breakthrough",
        0,
        119,
    )
    assert [step.line for step in first.steps] == [121, 126, 128, 130]
    step = first.steps[0]
    assert step.student == "What would you like to get out of today?"
    assert step.expect.codes == frozenset({"open_question"})
    assert step.expect.node == "busy"
    assert step.expect.variables == (("clarity", 1),)
    assert first.steps[3].expect.node is None
    assert (second.name, second.ending, len(second.steps)) == (
        "telling runs out the clock",
        "out_of_time",
        6,
    )
    assert second.steps[0].expect.not_codes == frozenset({"open_question"})
    assert second.steps[1].expect.variables == (("rapport", "<= 3"),)


def test_model_is_immutable(example) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        example.id = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "variables", "holds"),
    [
        ("rapport >= 6", {"rapport": 6}, True),
        ("rapport>=6", {"rapport": 5}, False),
        (" clarity == 2 ", {"clarity": 2}, True),
        ("clarity != -1", {"clarity": -1}, False),
        ("clarity < 1", {}, True),
    ],
)
def test_conditions_parse_and_hold(text: str, variables: dict[str, int], holds: bool) -> None:
    assert Condition.parse(text).holds(variables) is holds


def test_comparisons_in_expectations() -> None:
    assert comparison_holds(3, 3) and not comparison_holds(3, 4)
    assert comparison_holds("<= 3", 2) and not comparison_holds(">= 3", 2)
    with pytest.raises(ValueError):
        comparison_holds("about 3", 3)


# --- lint --------------------------------------------------------------------------------------


def lint_lines(text: str) -> list[str]:
    result = check_scenario_bytes(NAME, text.encode("utf-8"))
    assert result.scenario is not None, [str(d) for d in result.diagnostics]
    return [str(d) for d in lint(result.scenario)]


ORPHAN = edit(
    (
        "# --- Reactions",
        '  orphan:\n    say: "Hello?"\n    routes:\n      - goto: breakthrough\n\n# --- Reactions',
    )
)
DEAD_END = edit(
    (
        "        goto: insight\n  insight:",
        '        goto: insight\n      - when:\n          codes: [advice]\n        goto: stuck\n  stuck:\n    say: "I give up."\n  insight:',
    )
)
UNREAD = edit(('          if: "clarity >= 2"\n', ""))
UNSET = edit(
    ("variables:\n", "variables:\n  trust:\n    default: 1\n"),
    ('if: "clarity >= 2"', 'if: ["clarity >= 2", "trust >= 1"]'),
)
SHADOW_AFTER_ALWAYS = edit(
    (
        "        goto: breakthrough\n",
        "        goto: breakthrough\n      - goto: busy\n      - when:\n          codes: [advice]\n        goto: opening\n",
    )
)
SHADOW_BY_BROADER = edit(
    (
        "      - when:\n          codes: [listening]                      # any listening move\n        change: {clarity: 1}\n        goto: insight\n",
        "      - when:\n          codes: {any: [listening]}\n        change: {clarity: 1}\n        goto: insight\n"
        "      - when:\n          codes: [open_question, affirmation]\n        goto: busy\n",
    )
)
UNTESTED_ENDING = edit(
    (
        "  out_of_time:\n    kind",
        '  stalled:\n    kind: stalled\n    debrief: "Ana went quiet."\n  out_of_time:\n    kind',
    ),
    (
        "        goto: breakthrough\n",
        "        goto: breakthrough\n      - when:\n          codes: [confront]\n        goto: stalled\n",
    ),
)

LINT_CASES = [
    (
        "unreachable_node",
        ORPHAN,
        [
            "scenario.yaml:93:3: warning: nodes.orphan: no route leads here from the start node 'opening'"
        ],
    ),
    (
        "node_with_no_way_to_an_ending",
        DEAD_END,
        [
            "scenario.yaml:87:3: warning: nodes.stuck: no ending can be reached from here except by running out of turns"
        ],
    ),
    (
        "variable_never_read",
        UNREAD,
        ["scenario.yaml:33:3: warning: variables.clarity: never read by any condition"],
    ),
    (
        "variable_never_set",
        UNSET,
        [
            "scenario.yaml:33:3: warning: variables.trust: never set or changed by any route or reaction"
        ],
    ),
    (
        "route_shadowed_by_an_unconditional_route",
        SHADOW_AFTER_ALWAYS,
        [
            "scenario.yaml:93:9: warning: nodes.insight.routes[2]: can never fire: route 1 (otherwise) always wins first"
        ],
    ),
    (
        "route_shadowed_by_a_broader_codes_any",
        SHADOW_BY_BROADER,
        [
            "scenario.yaml:84:9: warning: nodes.options.routes[1]: can never fire: route 0 (any listening) always wins first"
        ],
    ),
    (
        "ending_no_test_plan_reaches",
        UNTESTED_ENDING,
        ["scenario.yaml:115:3: warning: endings.stalled: no test plan reaches this ending"],
    ),
]


def test_the_example_lints_clean(example) -> None:
    assert lint(example) == []


@pytest.mark.parametrize(("name", "text", "expected"), LINT_CASES, ids=[c[0] for c in LINT_CASES])
def test_lint_warning(name: str, text: str, expected: list[str]) -> None:
    assert lint_lines(text) == expected


def test_narrower_route_before_a_broader_one_is_not_shadowed() -> None:
    text = edit(
        (
            "      - when:\n          codes: [listening]                      # any listening move\n",
            "      - when:\n          codes: [affirmation]\n        goto: busy\n"
            "      - when:\n          codes: [listening]                      # any listening move\n",
        )
    )
    assert lint_lines(text) == []


def test_validate_prints_warnings_and_exits_0(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "orphan.yaml"
    path.write_text(ORPHAN, encoding="utf-8")
    done = run_cli("validate", path)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        f"{path}:93:3: warning: nodes.orphan: no route leads here from the start node 'opening'"
    ]
    assert done.stderr.strip() == "checked 1 file: 0 errors, 1 warning"


def test_strict_turns_warnings_into_errors(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "orphan.yaml"
    path.write_text(ORPHAN, encoding="utf-8")
    done = run_cli("validate", "--strict", path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{path}:93:3: error: nodes.orphan: no route leads here from the start node 'opening'"
    ]
    assert done.stderr.strip() == "checked 1 file: 1 error, 0 warnings"


def test_validate_a_folder_and_quiet(run_cli) -> None:
    done = run_cli("validate", "-q", "--strict", "docs/examples")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


# --- JSON Schema -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed_schema(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What `coachdojo schema` prints, parsed (run once for the module)."""
    env = {**os.environ, "COACHDOJO_HOME": str(tmp_path_factory.mktemp("home"))}
    done = subprocess.run(
        [sys.executable, "-m", "coachdojo", "schema"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_schema_is_json_schema_draft_2020_12(printed_schema: dict) -> None:
    assert printed_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed_schema["type"] == "object"
    assert {"format", "id", "nodes", "endings"} <= set(printed_schema["required"])


def test_loader_checks_the_example_with_the_same_schema(printed_schema: dict) -> None:
    from coachdojo.scenario import SCHEMA

    assert printed_schema == json.loads(json.dumps(SCHEMA))
    assert check(yaml.safe_load(EXAMPLE)) == []


def test_example_validates_against_the_printed_schema(printed_schema: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator_class = jsonschema.Draft202012Validator
    validator_class.check_schema(printed_schema)
    validator = validator_class(printed_schema)
    assert list(validator.iter_errors(yaml.safe_load(EXAMPLE))) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("difficulty: beginner", "difficulty: hard"),
        ("format: 1", "format: 2"),
        ("author:", "autor:"),
        ("        goto: breakthrough\n", ""),
    ],
)
def test_printed_schema_rejects_what_the_loader_rejects(
    printed_schema: dict, old: str, new: str
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = yaml.safe_load(edit((old, new)))
    assert list(jsonschema.Draft202012Validator(printed_schema).iter_errors(data))
    assert check(data)


# --- graph -------------------------------------------------------------------------------------

EXAMPLE_EDGES = [
    ("opening", "busy"),
    ("opening", "busy"),
    ("busy", "insight"),
    ("busy", "options"),
    ("options", "insight"),
    ("insight", "breakthrough"),
]


def test_mermaid_has_every_node_and_edge(run_cli) -> None:
    done = run_cli("graph", EXAMPLE_PATH)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("flowchart TD\n")
    ids = {
        label: box for box, label in re.findall(r'^\s+(n\d+)\(?\["([a-z0-9_-]+)', text, flags=re.M)
    }
    assert set(ids) == {"opening", "busy", "options", "insight", "breakthrough", "out_of_time"}
    edges = re.findall(r"^\s+(n\d+) -->\|\"[^\"]*\"\| (n\d+)$", text, flags=re.M)
    assert edges == [(ids[a], ids[b]) for a, b in EXAMPLE_EDGES]
    assert f"start((start)) --> {ids['opening']}" in text
    assert f'limit{{{{"after 6 turns"}}}} -.-> {ids["out_of_time"]}' in text
    assert "rapport #gt;= 6" in text  # '>' is escaped inside Mermaid labels


def test_dot_has_every_node_and_edge(run_cli) -> None:
    done = run_cli("graph", EXAMPLE_PATH, "--format", "dot")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith('digraph "first-scenario" {\n') and text.rstrip().endswith("}")
    for name in ("opening", "busy", "options", "insight"):
        assert re.search(rf'^\s+"{name}" \[label="{name}\\n\[', text, flags=re.M)
    for name in ("breakthrough", "out_of_time"):
        assert f'"{name}" [shape=doubleoctagon' in text
    edges = re.findall(r'^\s+"([a-z_]+)" -> "([a-z_]+)" \[label=', text, flags=re.M)
    assert edges == EXAMPLE_EDGES
    assert '"__start" -> "opening";' in text
    assert '"__limit" -> "out_of_time" [style=dashed];' in text


def test_graph_writes_to_a_file(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "g.dot"
    done = run_cli("graph", EXAMPLE_PATH, "--format", "dot", "-o", out)
    assert done.returncode == 0 and done.stdout == ""
    assert out.read_text(encoding="utf-8") == to_dot(load_scenario(EXAMPLE_PATH))


QUOTED = edit(
    ('          topics: [team, "my people"]', "          topics: ['say \"no\"', 'back\\slash']"),
    ('    say: "Sorry, I\'m not sure what you mean."', '    say: "Sorry."\n    goto: breakthrough'),
    ("id: first-scenario", 'id: "first-scenario"'),
)


def test_graph_escapes_quotes_in_labels() -> None:
    scenario = check_scenario_bytes(NAME, QUOTED.encode()).scenario
    assert scenario is not None
    mermaid = to_mermaid(scenario)
    assert '-->|"mentions say #quot;no#quot; / back\\slash"| n1' in mermaid
    assert 'any{{"any node"}} -.->|"default"| n4' in mermaid
    for line in mermaid.splitlines():
        # Inside a Mermaid label only the delimiting quotes may appear.
        for label in re.findall(r'\|"(.*?)"\|', line):
            assert '"' not in label
    dot = to_dot(scenario)
    assert '"opening" -> "busy" [label="mentions say \\"no\\" / back\\\\slash"];' in dot
    assert '"__any" -> "breakthrough" [style=dashed, label="default"];' in dot


def test_graph_of_a_broken_file_exits_1_with_its_errors(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(edit(("format: 1", "format: 2")), encoding="utf-8")
    done = run_cli("graph", path)
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == f"coachdojo graph: {path}:2:9: error: format: this version of coachdojo reads format 1, found 2"
    )
    assert "Traceback" not in done.stderr


def test_graph_of_an_unknown_scenario_id_exits_1(run_cli) -> None:
    done = run_cli("graph", "no-such-scenario")
    assert done.returncode == 1
    assert done.stderr.startswith("coachdojo graph: no scenario 'no-such-scenario'")
    assert "Traceback" not in done.stderr


# --- list and the command line -----------------------------------------------------------------


def test_list_json_on_the_examples(run_cli) -> None:
    done = run_cli("list", "--json", "docs/examples/first-scenario.yaml")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        {
            "id": "first-scenario",
            "title": "Ana wants more time for her team",
            "difficulty": "beginner",
            "minutes": 10,
            "tags": ["workplace", "new-manager"],
            "coachee": "Ana",
            "style": "plain",
            "nodes": 4,
            "endings": 2,
            "tests": 2,
            "path": "docs/examples/first-scenario.yaml",
        }
    ]


def test_list_as_a_table(run_cli) -> None:
    done = run_cli("list", "docs/examples")
    assert done.returncode == 0
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["id", "difficulty", "nodes", "endings", "min", "title"]
    assert [row.split()[:5] for row in rows] == [
        ["first-scenario", "beginner", "4", "2", "10"],
        ["tutorial-sam", "beginner", "4", "3", "10"],
    ]


def test_version(run_cli) -> None:
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"coachdojo {coachdojo.__version__}"


def _subcommands() -> list[str]:
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(action.choices)


def test_known_subcommands_are_registered() -> None:
    assert {"validate", "list", "schema", "graph"} <= set(_subcommands())


@pytest.mark.parametrize("command", ["", *_subcommands()])
def test_help_exits_0(run_cli, command: str) -> None:
    done = run_cli(*([command] if command else []), "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: coachdojo")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["no-such-command"],
        ["validate"],
        ["graph", "first-scenario", "--format", "png"],
        ["list", "--bogus-flag"],
    ],
    ids=["unknown command", "missing argument", "bad choice", "unknown option"],
)
def test_usage_error_exits_2(run_cli, args: list[str]) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert "usage: coachdojo" in done.stderr
    assert "Traceback" not in done.stderr


# --- docs --------------------------------------------------------------------------------------


def test_docs_example_is_byte_identical_to_the_example_file() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    section = docs.split("## A complete annotated example", 1)[1]
    match = re.search(r"^```yaml\n(.*?)^```$", section, flags=re.M | re.S)
    assert match, "no ```yaml block after '## A complete annotated example'"
    assert match.group(1).encode("utf-8") == EXAMPLE_PATH.read_bytes()
