"""Broken scenarios: each kind of mistake gives exact `path:line:col: severity: message` lines.

Every case starts from the valid docs/examples/first-scenario.yaml and changes one thing, so
the line and column in each expected line can be checked against that file by eye.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdojo.errors import ScenarioError
from coachdojo.scenario import check_scenario_bytes, check_scenario_file, load_scenario

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PATH = REPO_ROOT / "docs" / "examples" / "first-scenario.yaml"
EXAMPLE = EXAMPLE_PATH.read_text(encoding="utf-8")
NAME = "scenario.yaml"


def edit(*pairs: tuple[str, str]) -> str:
    """The example with each (old, new) replacement applied; each `old` must occur exactly once."""
    text = EXAMPLE
    for old, new in pairs:
        assert text.count(old) == 1, f"the example should hold {old!r} exactly once"
        text = text.replace(old, new, 1)
    return text


def lines_for(text: str) -> list[str]:
    return [str(d) for d in check_scenario_bytes(NAME, text.encode("utf-8")).diagnostics]


CASES: list[tuple[str, str, list[str]]] = [
    # --- YAML syntax -------------------------------------------------------------------------
    (
        "yaml_bad_indentation",
        edit(('  role: "Team lead', '   role: "Team lead')),
        [
            "scenario.yaml:24:4: error: YAML syntax: this line is indented more than the line above "
            "(3 spaces, not 2), so YAML reads it as more of the value above; line it up with the "
            "line above"
        ],
    ),
    (
        "yaml_unclosed_quote",
        edit(
            (
                'title: "Ana wants more time for her team"',
                'title: "Ana wants more time for her team',
            )
        ),
        [
            "scenario.yaml:6:8: error: YAML syntax: the text quoted here is not closed on this "
            'line, so it runs on to the next " on line 7; add the missing closing "'
        ],
    ),
    (
        "yaml_tab_indentation",
        edit(("  name: Ana", "\tname: Ana")),
        [
            "scenario.yaml:23:1: error: YAML syntax: a tab character here; YAML does not allow "
            "tabs for indentation, use spaces"
        ],
    ),
    (
        "yaml_unclosed_bracket",
        edit(("tags: [workplace, new-manager]", "tags: [workplace, new-manager")),
        [
            "scenario.yaml:10:8: error: YAML syntax: expected ',' or ']' here, but found ':'; "
            "is the closing ']' of the list opened on line 9 missing?"
        ],
    ),
    # --- duplicate keys ----------------------------------------------------------------------
    (
        "duplicate_top_level_key",
        edit(("minutes: 10 ", 'title: "Again"\nminutes: 10 ')),
        [
            "scenario.yaml:10:1: error: duplicate key 'title' (first given on line 6); "
            "each key may appear once in a mapping"
        ],
    ),
    (
        "duplicate_nested_key",
        edit(
            (
                '  role: "Team lead, three months in post"\n',
                '  role: "Team lead, three months in post"\n  name: Anna\n',
            )
        ),
        [
            "scenario.yaml:25:3: error: duplicate key 'name' (first given on line 23); "
            "each key may appear once in a mapping"
        ],
    ),
    # --- unknown and missing keys ------------------------------------------------------------
    (
        "unknown_top_level_key_did_you_mean",
        edit(("author:", "autor:")),
        [
            "scenario.yaml:11:1: error: autor: unknown key 'autor' (did you mean 'author'?); "
            "expected one of format, id, title, summary, difficulty, tags, minutes, author, "
            "briefing, practise, coachee, variables, turns, rapport_rules, start, nodes, "
            "reactions, endings, tests"
        ],
    ),
    (
        "unknown_route_key_did_you_mean",
        edit(
            (
                "        change: {clarity: 1}\n        goto: busy",
                "        chnage: {clarity: 1}\n        goto: busy",
            )
        ),
        [
            "scenario.yaml:59:9: error: nodes.opening.routes[0].chnage: unknown key 'chnage' "
            "(did you mean 'change'?); expected one of when, goto, say, set, change, note"
        ],
    ),
    (
        "misspelt_goto_is_unknown_and_missing",
        edit(("        goto: busy\n      - when:", "        gotoo: busy\n      - when:")),
        [
            "scenario.yaml:57:9: error: nodes.opening.routes[0]: missing required key 'goto'",
            "scenario.yaml:60:9: error: nodes.opening.routes[0].gotoo: unknown key 'gotoo' "
            "(did you mean 'goto'?); expected one of when, goto, say, set, change, note",
        ],
    ),
    (
        "unknown_when_key_did_you_mean",
        edit(('          topics: [team, "my people"]', '          topic: [team, "my people"]')),
        [
            "scenario.yaml:62:11: error: nodes.opening.routes[1].when.topic: unknown key 'topic' "
            "(did you mean 'topics'?); expected one of codes, topics, if"
        ],
    ),
    (
        "unknown_codes_key_did_you_mean",
        edit(("{any: [complex_reflection, summary]}", "{anyy: [complex_reflection, summary]}")),
        [
            "scenario.yaml:69:19: error: nodes.busy.routes[0].when.codes.anyy: unknown key 'anyy' "
            "(did you mean 'any'?); expected one of any, all, none"
        ],
    ),
    (
        "unknown_trainer_note",
        edit(('    goal: "Protect', '    gaol: "Protect')),
        [
            "scenario.yaml:27:5: error: coachee.trainer_notes.gaol: unknown key 'gaol' "
            "(did you mean 'goal'?); expected one of goal, values, obstacle, notes"
        ],
    ),
    (
        "missing_required_top_level_keys",
        edit(
            ('title: "Ana wants more time for her team"\n', ""),
            (
                'summary: "A new team lead who spends her days firefighting. Can you help her find her own way?"\n',
                "",
            ),
        ),
        ["scenario.yaml:2:1: error: (top level): missing required keys 'title', 'summary'"],
    ),
    (
        "missing_node_say",
        edit(
            (
                '    say: "Being there for them doesn\'t mean being there every minute, does it?"\n',
                "",
            )
        ),
        ["scenario.yaml:85:5: error: nodes.insight: missing required key 'say'"],
    ),
    (
        "missing_route_goto",
        edit(("        goto: breakthrough\n", "")),
        ["scenario.yaml:88:9: error: nodes.insight.routes[0]: missing required key 'goto'"],
    ),
    (
        "missing_ending_kind",
        edit(("    kind: out_of_time\n", "")),
        ["scenario.yaml:113:5: error: endings.out_of_time: missing required key 'kind'"],
    ),
    # --- wrong types and values --------------------------------------------------------------
    (
        "say_is_a_mapping",
        edit(('    say: "Yes. I suppose so."', '    say: {text2: "Yes."}')),
        [
            "scenario.yaml:101:10: error: reactions.closed_question.say: expected a list of lines "
            "(or a single line), found a mapping"
        ],
    ),
    (
        "say_is_empty",
        edit(('    say: "Yes. I suppose so."', '    say: ""')),
        ["scenario.yaml:101:10: error: reactions.closed_question.say: must not be empty"],
    ),
    (
        "minutes_is_text",
        edit(("minutes: 10", "minutes: ten")),
        ["scenario.yaml:10:10: error: minutes: expected a whole number, found text"],
    ),
    (
        "minutes_is_a_fraction",
        edit(("minutes: 10", "minutes: 10.5")),
        ["scenario.yaml:10:10: error: minutes: expected a whole number, found a number"],
    ),
    (
        "minutes_above_maximum",
        edit(("minutes: 10", "minutes: 1000")),
        ["scenario.yaml:10:10: error: minutes: 1000 is above the maximum 240"],
    ),
    (
        "tags_is_text",
        edit(("tags: [workplace, new-manager]", "tags: workplace")),
        ["scenario.yaml:9:7: error: tags: expected a list, found text"],
    ),
    (
        "title_is_empty",
        edit(('title: "Ana wants more time for her team"', "title:")),
        ["scenario.yaml:6:7: error: title: expected text, found nothing (an empty value)"],
    ),
    (
        "variable_default_is_text",
        edit(("    default: 0\n", "    default: none\n")),
        [
            "scenario.yaml:34:14: error: variables.clarity.default: expected a whole number, found text"
        ],
    ),
    (
        "bad_difficulty_did_you_mean",
        edit(("difficulty: beginner", "difficulty: beginer")),
        [
            "scenario.yaml:8:13: error: difficulty: unknown value 'beginer' (did you mean 'beginner'?); "
            "expected beginner, intermediate, advanced"
        ],
    ),
    (
        "bad_style",
        edit(("style: plain", "style: chatty")),
        [
            "scenario.yaml:25:10: error: coachee.style: unknown value 'chatty'; expected plain, "
            "reserved, verbose, tangential, defensive, people-pleasing"
        ],
    ),
    (
        "bad_style_did_you_mean",
        edit(("style: plain", "style: defensiv")),
        [
            "scenario.yaml:25:10: error: coachee.style: unknown value 'defensiv' (did you mean "
            "'defensive'?); expected plain, reserved, verbose, tangential, defensive, people-pleasing"
        ],
    ),
    (
        "bad_stage_did_you_mean",
        edit(("    stage: reality", "    stage: realty")),
        [
            "scenario.yaml:65:12: error: nodes.busy.stage: unknown value 'realty' (did you mean "
            "'reality'?); expected contracting, goal, reality, options, will"
        ],
    ),
    (
        "bad_ending_kind",
        edit(("    kind: out_of_time\n", "    kind: timeout\n")),
        [
            "scenario.yaml:113:11: error: endings.out_of_time.kind: unknown value 'timeout'; "
            "expected breakthrough, partial, stalled, out_of_time"
        ],
    ),
    (
        "rapport_rule_out_of_range",
        edit(("  advice: -2", "  advice: -5")),
        ["scenario.yaml:44:11: error: rapport_rules.advice: -5 is below the minimum -3"],
    ),
    (
        "rapport_rule_unknown_code",
        edit(("  advice: -2", "  advise: -2")),
        [
            "scenario.yaml:44:3: error: rapport_rules.advise: unknown name 'advise' (did you mean 'advice'?)"
        ],
    ),
    (
        "empty_codes_list",
        edit(("codes: [listening]", "codes: []")),
        [
            "scenario.yaml:81:18: error: nodes.options.routes[0].when.codes: the list is empty; expected at least 1 item"
        ],
    ),
    (
        "format_2",
        edit(("format: 1", "format: 2")),
        ["scenario.yaml:2:9: error: format: this version of coachdojo reads format 1, found 2"],
    ),
    (
        "format_is_text",
        edit(("format: 1", "format: one")),
        ["scenario.yaml:2:9: error: format: expected a whole number, found text"],
    ),
    # --- references --------------------------------------------------------------------------
    (
        "unknown_goto_did_you_mean",
        edit(("        goto: insight\n  insight:", "        goto: insigth\n  insight:")),
        [
            "scenario.yaml:83:15: error: nodes.options.routes[0].goto: unknown node or ending "
            "'insigth' (did you mean 'insight'?)"
        ],
    ),
    (
        "unknown_reaction_goto",
        edit(
            (
                '    say: "Sorry, I\'m not sure what you mean."',
                '    say: "Sorry."\n    goto: brekthrough',
            )
        ),
        [
            "scenario.yaml:104:11: error: reactions.default.goto: unknown node or ending "
            "'brekthrough' (did you mean 'breakthrough'?)"
        ],
    ),
    (
        "start_not_a_node",
        edit(("start: opening", "start: openin")),
        [
            "scenario.yaml:47:8: error: start: 'openin' is not a node (did you mean 'opening'?); "
            "expected one of the nodes: opening, busy, options, insight"
        ],
    ),
    (
        "start_is_an_ending",
        edit(("start: opening", "start: breakthrough")),
        [
            "scenario.yaml:47:8: error: start: 'breakthrough' is an ending; "
            "expected one of the nodes: opening, busy, options, insight"
        ],
    ),
    (
        "unknown_variable_in_change",
        edit(
            (
                "        change: {clarity: 1}\n        goto: busy",
                "        change: {clarty: 1}\n        goto: busy",
            )
        ),
        [
            "scenario.yaml:59:18: error: nodes.opening.routes[0].change.clarty: unknown variable "
            "'clarty' (did you mean 'clarity'?); declare it under 'variables'"
        ],
    ),
    (
        "unknown_variable_in_set",
        edit(("    change: {rapport: -1}", "    set: {raport: 3}")),
        [
            "scenario.yaml:99:11: error: reactions.advice.set.raport: unknown variable 'raport' "
            "(did you mean 'rapport'?); declare it under 'variables'"
        ],
    ),
    (
        "unknown_variable_in_if",
        edit(('if: "clarity >= 2"', 'if: "clearity >= 2"')),
        [
            "scenario.yaml:90:15: error: nodes.insight.routes[0].when.if: unknown variable "
            "'clearity' (did you mean 'clarity'?); declare it under 'variables'"
        ],
    ),
    (
        "unknown_variable_in_test_expectation",
        edit(("vars: {clarity: 1}", "vars: {clarty: 1}")),
        [
            "scenario.yaml:125:18: error: tests[0].steps[0].expect.vars.clarty: unknown variable "
            "'clarty' (did you mean 'clarity'?); declare it under 'variables'"
        ],
    ),
    (
        "malformed_condition",
        edit(('if: "rapport >= 6"', 'if: "rapport is high"')),
        [
            "scenario.yaml:70:15: error: nodes.busy.routes[0].when.if: 'rapport is high' is not a "
            "condition like 'rapport >= 6' (a variable, a comparison, a whole number)"
        ],
    ),
    (
        "unknown_code_did_you_mean",
        edit(
            ("codes: [open_question, reflection]    #", "codes: [open_questoin, reflection]    #")
        ),
        [
            "scenario.yaml:58:19: error: nodes.opening.routes[0].when.codes[0]: unknown value "
            "'open_questoin' (did you mean 'open_question'?); expected a code from docs/scenarios.md"
        ],
    ),
    (
        "unknown_reaction_code_did_you_mean",
        edit(("  closed_question:\n    say", "  closed_questions:\n    say")),
        [
            "scenario.yaml:100:3: error: reactions.closed_questions: unknown name "
            "'closed_questions' (did you mean 'closed_question'?)"
        ],
    ),
    (
        "bad_turns_ending",
        edit(("ending: out_of_time          #", "ending: out_of_tim          #")),
        [
            "scenario.yaml:41:11: error: turns.ending: unknown ending 'out_of_tim' "
            "(did you mean 'out_of_time'?); expected one of: breakthrough, out_of_time"
        ],
    ),
    (
        "variable_min_above_default",
        edit(("    default: 0\n    min: 0", "    default: 0\n    min: 2")),
        [
            "scenario.yaml:34:5: error: variables.clarity: expected min <= default <= max, found min 2, default 0, max 3"
        ],
    ),
    (
        "duplicate_line_id",
        edit(
            (
                '    say: "Every time I sit down to plan, someone needs me. I say yes to all of it."',
                '    say:\n      - id: opening-tired\n        text: "Every time."',
            )
        ),
        [
            "scenario.yaml:67:13: error: nodes.busy.say[0].id: line id 'opening-tired' is already "
            "used on line 54; line ids must be unique"
        ],
    ),
    (
        "node_and_ending_share_an_id",
        edit(
            (
                "  out_of_time:\n    kind",
                "  insight:\n    kind: stalled\n    debrief: x\n  out_of_time:\n    kind",
            )
        ),
        [
            "scenario.yaml:112:3: error: endings.insight: 'insight' is both a node and an ending; give them different ids"
        ],
    ),
    (
        "test_plan_expects_unknown_node",
        edit(("expect: {node: options}", "expect: {node: option}")),
        [
            "scenario.yaml:127:24: error: tests[0].steps[1].expect.node: 'option' is not a node (did you mean 'options'?)"
        ],
    ),
    (
        "test_plan_expects_an_ending_as_node",
        edit(("expect: {node: options}", "expect: {node: breakthrough}")),
        [
            "scenario.yaml:127:24: error: tests[0].steps[1].expect.node: 'breakthrough' is an "
            "ending (check the plan's 'ending' instead)"
        ],
    ),
    (
        "test_plan_expects_unknown_ending",
        edit(("    ending: breakthrough           #", "    ending: breakthru           #")),
        [
            "scenario.yaml:131:13: error: tests[0].ending: unknown ending 'breakthru' (did you mean 'breakthrough'?)"
        ],
    ),
    # --- ids ---------------------------------------------------------------------------------
    (
        "scenario_id_with_upper_case_and_space",
        edit(("id: first-scenario", "id: First Scenario")),
        [
            "scenario.yaml:5:5: error: id: 'First Scenario' is not a valid id (lower-case letters, "
            "digits, '-' and '_', starting with a letter or digit)"
        ],
    ),
    (
        "line_id_with_upper_case_and_space",
        edit(("id: opening-tired", "id: Opening Tired")),
        [
            "scenario.yaml:54:13: error: nodes.opening.say[1].id: 'Opening Tired' is not a valid id "
            "(lower-case letters, digits, '-' and '_', starting with a letter or digit)"
        ],
    ),
    (
        "node_id_with_upper_case",
        edit(
            ("  options:\n    stage", "  Options:\n    stage"),
            ("goto: options", "goto: Options"),
            ("expect: {node: options}", "expect: {node: Options}"),
        ),
        [
            "scenario.yaml:75:15: error: nodes.busy.routes[1].goto: 'Options' is not a valid id "
            "(lower-case letters, digits, '-' and '_', starting with a letter or digit)",
            "scenario.yaml:76:3: error: nodes.Options: 'Options' is not a valid id "
            "(lower-case letters, digits, '-' and '_', starting with a letter or digit)",
            "scenario.yaml:127:24: error: tests[0].steps[1].expect.node: 'Options' is not a valid id "
            "(lower-case letters, digits, '-' and '_', starting with a letter or digit)",
        ],
    ),
    # --- yes/no words ------------------------------------------------------------------------
    (
        "yes_no_word_as_reaction_key",
        edit(("  closed_question:\n    say", "  on:\n    say")),
        [
            "scenario.yaml:100:3: error: reactions.on: unknown name 'on'",
            "scenario.yaml:100:3: warning: key `on` is a yes/no word that many YAML tools read as "
            "true/false; coachdojo reads it as the text 'on' — quote it (\"on\") to be clear",
        ],
    ),
]


def test_the_example_itself_is_clean() -> None:
    assert lines_for(EXAMPLE) == []


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_scenario_reports_exact_lines(name: str, text: str, expected: list[str]) -> None:
    result = check_scenario_bytes(NAME, text.encode("utf-8"))
    assert [str(d) for d in result.diagnostics] == expected
    if any(d.severity == "error" for d in result.diagnostics):
        assert result.scenario is None


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_load_scenario_raises_scenario_error_with_the_same_errors(
    tmp_path: Path, name: str, text: str, expected: list[str]
) -> None:
    path = tmp_path / NAME
    path.write_text(text, encoding="utf-8")
    errors = [line.replace(NAME, str(path), 1) for line in expected if ": error: " in line]
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [str(d) for d in caught.value.diagnostics] == errors
    assert str(caught.value) == "\n".join(errors)


def test_there_are_at_least_twenty_kinds_of_broken_scenario() -> None:
    assert len(CASES) >= 20
    assert len({name for name, _, _ in CASES}) == len(CASES)


def test_every_error_in_a_file_is_reported_in_one_run() -> None:
    text = edit(
        ("difficulty: beginner", "difficulty: hard"),
        ("style: plain", "style: chatty"),
        ("        goto: insight\n  insight:", "        goto: nowhere\n  insight:"),
    )
    assert lines_for(text) == [
        "scenario.yaml:8:13: error: difficulty: unknown value 'hard'; expected beginner, intermediate, advanced",
        "scenario.yaml:25:10: error: coachee.style: unknown value 'chatty'; expected plain, reserved, "
        "verbose, tangential, defensive, people-pleasing",
        "scenario.yaml:83:15: error: nodes.options.routes[0].goto: unknown node or ending 'nowhere'",
    ]


def test_validate_prints_every_error_with_the_file_path_and_exits_1(
    tmp_path: Path, run_cli
) -> None:
    path = tmp_path / "three.yaml"
    path.write_text(
        edit(
            ("difficulty: beginner", "difficulty: hard"),
            ("style: plain", "style: chatty"),
            ("        goto: insight\n  insight:", "        goto: nowhere\n  insight:"),
        ),
        encoding="utf-8",
    )
    done = run_cli("validate", path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{path}:8:13: error: difficulty: unknown value 'hard'; expected beginner, intermediate, advanced",
        f"{path}:25:10: error: coachee.style: unknown value 'chatty'; expected plain, reserved, "
        "verbose, tangential, defensive, people-pleasing",
        f"{path}:83:15: error: nodes.options.routes[0].goto: unknown node or ending 'nowhere'",
    ]
    assert done.stderr.strip() == "checked 1 file: 3 errors, 0 warnings"


def test_check_scenario_file_names_the_path_it_was_given(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(edit(("format: 1", "format: 2")), encoding="utf-8")
    result = check_scenario_file(path)
    assert result.scenario is None
    assert [str(d) for d in result.errors] == [
        f"{path}:2:9: error: format: this version of coachdojo reads format 1, found 2"
    ]


# --- yes/no words: a warning for keys, plain text for values ----------------------------------


def test_yes_no_word_as_node_id_warns_and_still_loads() -> None:
    text = edit(
        ("  options:\n    stage", "  no:\n    stage"),
        ("        goto: options", "        goto: no"),
        ("expect: {node: options}", "expect: {node: no}"),
    )
    result = check_scenario_bytes(NAME, text.encode())
    assert [str(d) for d in result.diagnostics] == [
        "scenario.yaml:76:3: warning: key `no` is a yes/no word that many YAML tools read as "
        "true/false; coachdojo reads it as the text 'no' — quote it (\"no\") to be clear"
    ]
    scenario = result.scenario
    assert scenario is not None
    assert list(scenario.nodes) == ["opening", "busy", "no", "insight"]
    assert scenario.nodes["busy"].routes[1].goto == "no"  # the value `no` is the text "no"
    assert scenario.tests[0].steps[1].expect.node == "no"


def test_yes_no_word_as_ending_id_warns_and_still_loads() -> None:
    text = edit(
        ("  out_of_time:\n    kind", "  off:\n    kind"),
        ("ending: out_of_time          #", "ending: off          #"),
        ("    ending: out_of_time            #", "    ending: off            #"),
    )
    result = check_scenario_bytes(NAME, text.encode())
    assert [str(d) for d in result.diagnostics] == [
        "scenario.yaml:112:3: warning: key `off` is a yes/no word that many YAML tools read as "
        "true/false; coachdojo reads it as the text 'off' — quote it (\"off\") to be clear"
    ]
    assert result.scenario is not None
    assert list(result.scenario.endings) == ["breakthrough", "off"]
    assert result.scenario.turn_limit_ending == "off"


def test_quoted_yes_no_key_gives_no_warning() -> None:
    text = edit(
        ("  out_of_time:\n    kind", '  "off":\n    kind'),
        ("ending: out_of_time          #", "ending: off          #"),
        ("    ending: out_of_time            #", "    ending: off            #"),
    )
    result = check_scenario_bytes(NAME, text.encode())
    assert result.diagnostics == []
    assert result.scenario is not None and "off" in result.scenario.endings


def test_yes_no_words_as_values_are_read_as_the_text_written() -> None:
    text = edit(
        ('title: "Ana wants more time for her team"', "title: no"),
        ("tags: [workplace, new-manager]", "tags: [workplace, no, on, off, Yes]"),
        ('author: "Training team"', "author: yes"),
        ('    goal: "Protect two mornings a week for her team."', "    goal: on"),
    )
    result = check_scenario_bytes(NAME, text.encode())
    assert result.diagnostics == []
    scenario = result.scenario
    assert scenario is not None
    assert scenario.title == "no"
    assert scenario.tags == ("workplace", "no", "on", "off", "Yes")
    assert scenario.author == "yes"
    assert dict(scenario.coachee.trainer_notes)["goal"] == "on"


def test_dates_and_true_false_as_values_are_read_as_text() -> None:
    text = edit(('author: "Training team"', "author: 2024-01-01"), ("  name: Ana", "  name: true"))
    scenario = check_scenario_bytes(NAME, text.encode()).scenario
    assert scenario is not None
    assert scenario.author == "2024-01-01"
    assert scenario.coachee.name == "true"


# --- fixed bugs: each test was a strict xfail until the loader was fixed ---------------------


def test_unclosed_quote_at_end_of_file_points_at_the_opening_quote() -> None:
    text = edit(
        ("    ending: out_of_time            # six", '    ending: "out_of_time            # six')
    )
    (diag,) = check_scenario_bytes(NAME, text.encode()).diagnostics
    assert str(diag) == (
        'scenario.yaml:142:13: error: YAML syntax: the quote (") opened here is never closed; '
        'add the closing " where the text ends'
    )


def test_bad_comparison_in_test_expectation_names_the_expected_form() -> None:
    text = edit(('vars: {rapport: "<= 3"}', 'vars: {rapport: "about 3"}'))
    assert lines_for(text) == [
        "scenario.yaml:137:51: error: tests[1].steps[1].expect.vars.rapport: 'about 3' is not "
        "a whole number or a comparison like '>= 6'"
    ]


def test_turn_limit_ending_with_no_endings_says_there_are_none() -> None:
    text = edit(
        ("endings:\n  breakthrough:", "endings: {}\nold_endings:\n  breakthrough:"),
    )
    lines = lines_for(text)
    assert (
        "scenario.yaml:41:11: error: turns.ending: unknown ending 'out_of_time'; there are no "
        "endings yet; add one under 'endings'"
    ) in lines
    assert not any(line.endswith("expected one of: ") for line in lines)


def test_misdeclared_variable_gives_one_error_not_a_chain_of_suggestions() -> None:
    text = edit(("  clarity:                     #", "  Clarity:                     #"))
    assert lines_for(text) == [
        "scenario.yaml:33:3: error: variables.Clarity: 'Clarity' is not a valid variable name "
        "(lower-case letters, digits and '_', starting with a letter)"
    ]


def test_unknown_variable_is_never_told_to_use_an_invalid_name() -> None:
    text = edit(
        ("  clarity:                     #", "  Clarity:                     #"),
        ("vars: {clarity: 1}", "vars: {clarty: 1}"),
    )
    lines = lines_for(text)
    assert (
        "scenario.yaml:125:18: error: tests[0].steps[0].expect.vars.clarty: unknown variable "
        "'clarty'; declare it under 'variables'"
    ) in lines
    assert not any("did you mean 'Clarity'" in line for line in lines)


# --- syntax errors: the same words from the C parser and the pure-Python one -----------------

SYNTAX: list[tuple[str, str, str]] = [
    (
        "value_with_a_colon",
        'summary: "A new team lead who spends her days firefighting. Can you help her find her own way?"',
        "summary: Note: she is new",
        "scenario.yaml:7:14: error: YAML syntax: unexpected ':' — a ':' followed by a space starts "
        "a key, which is not allowed here; if the ':' is part of the text, put the whole value in "
        'quotes ("...")',
    ),
    (
        "missing_space_after_colon",
        "  name: Ana",
        "  name:Ana",
        "scenario.yaml:24:7: error: YAML syntax: unexpected ':' here, where no new key can start; "
        "is a space missing after the ':' in 'name:Ana'? (write 'key: value')",
    ),
    (
        "line_indented_less_than_its_siblings",
        '  role: "Team lead',
        ' role: "Team lead',
        "scenario.yaml:24:2: error: YAML syntax: this line is indented 1 space, which does not "
        "line up with the lines above it; indent it exactly like the other keys (or list items) "
        "it belongs with",
    ),
    (
        "key_without_colon",
        '    obstacle: "She believes',
        '    obstacle "She believes',
        "scenario.yaml:29:5: error: YAML syntax: expected a ':' after this key; write 'key: value' "
        "(if the line continues the text above it, indent it further than the key above)",
    ),
    (
        "bad_escape_in_double_quotes",
        'author: "Training team"',
        'author: "C:\\people"',
        "scenario.yaml:11:12: error: YAML syntax: '\\p' is not a valid escape in double-quoted "
        "text; write \\\\ for a backslash, or use single quotes ('...')",
    ),
    (
        "list_item_after_a_value",
        "tags: [workplace, new-manager]",
        "tags: - workplace",
        "scenario.yaml:9:7: error: YAML syntax: a list item ('- ') cannot start here; put the "
        "items on the lines below the key, indented",
    ),
    (
        "value_starting_with_at",
        'author: "Training team"',
        "author: @training",
        "scenario.yaml:11:9: error: YAML syntax: a value cannot start with '@'; put the value in "
        'quotes ("...")',
    ),
]


@pytest.mark.parametrize("parser", ["c", "python"])
@pytest.mark.parametrize(
    ("old", "new", "expected"), [c[1:] for c in SYNTAX], ids=[c[0] for c in SYNTAX]
)
def test_syntax_error_is_worded_for_people(
    monkeypatch: pytest.MonkeyPatch, parser: str, old: str, new: str, expected: str
) -> None:
    from coachdojo.scenario import yamlsource

    if parser == "python":
        monkeypatch.setattr(yamlsource, "_Loader", yamlsource._PyLoader)
    elif not yaml_has_c_parser():
        pytest.skip("PyYAML was built without libyaml")
    assert lines_for(edit((old, new))) == [expected]


@pytest.mark.parametrize("parser", ["c", "python"])
@pytest.mark.parametrize(
    ("name", "text", "expected"), [c for c in CASES if c[0].startswith("yaml_")]
)
def test_syntax_cases_read_the_same_with_either_parser(
    monkeypatch: pytest.MonkeyPatch, parser: str, name: str, text: str, expected: list[str]
) -> None:
    from coachdojo.scenario import yamlsource

    if parser == "python":
        monkeypatch.setattr(yamlsource, "_Loader", yamlsource._PyLoader)
    elif not yaml_has_c_parser():
        pytest.skip("PyYAML was built without libyaml")
    assert lines_for(text) == expected


def yaml_has_c_parser() -> bool:
    import yaml

    return hasattr(yaml, "CSafeLoader")
