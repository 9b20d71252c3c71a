"""Load a scenario file: read YAML, check structure and references, build the Scenario model.

Every problem in a file is collected (not just the first) as a Diagnostic with a path, line
and column, and a message that says what was expected. `load_scenario` raises ScenarioError
carrying all of them; `check_scenario_file` returns them along with the model when it loads.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachdojo.errors import Diagnostic, ScenarioError
from coachdojo.scenario.model import (
    DEFAULT_RAPPORT,
    DEFAULT_RAPPORT_RULES,
    Condition,
    Ending,
    Expectation,
    Line,
    Node,
    Persona,
    Reaction,
    Route,
    Scenario,
    TestPlan,
    TestStep,
    Variable,
    When,
)
from coachdojo.scenario.schema import VAR_PATTERN, check, did_you_mean
from coachdojo.scenario.yamlsource import MAX_FILE_BYTES, YamlSource, gc_paused, read_yaml_text

PathT = tuple[str | int, ...]
VAR_RE = re.compile(VAR_PATTERN)


@dataclass
class LoadResult:
    """What loading one file gave: the model (when there were no errors) and every diagnostic."""

    path: str
    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Load and validate a scenario file, or raise ScenarioError listing every error."""
    result = check_scenario_file(path)
    if result.scenario is None:
        raise ScenarioError(result.errors)
    return result.scenario


def check_scenario_file(path: str | os.PathLike[str]) -> LoadResult:
    """Read and validate one file; never raises for bad content."""
    shown = str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                size = os.fstat(fh.fileno()).st_size  # the read stays bounded; name the real size
                return LoadResult(
                    shown,
                    None,
                    [
                        Diagnostic(
                            shown,
                            0,
                            0,
                            "error",
                            f"file is {size / 1_048_576:.1f} MB; a scenario file may be at most "
                            f"{MAX_FILE_BYTES // 1_048_576} MB",
                        )
                    ],
                )
    except IsADirectoryError:
        return LoadResult(shown, None, [Diagnostic(shown, 0, 0, "error", "is a folder; expected a scenario file")])
    except FileNotFoundError:
        return LoadResult(shown, None, [Diagnostic(shown, 0, 0, "error", "no such file")])
    except OSError as exc:
        return LoadResult(shown, None, [Diagnostic(shown, 0, 0, "error", f"cannot read the file: {exc.strerror}")])
    return check_scenario_bytes(shown, raw)


def check_scenario_bytes(path: str, raw: bytes) -> LoadResult:
    """Validate scenario bytes as if read from `path`."""
    with gc_paused():
        return _check_bytes(path, raw)


def _check_bytes(path: str, raw: bytes) -> LoadResult:
    src = read_yaml_text(path, raw)
    if src.data is None:
        return LoadResult(path, None, sorted(src.diagnostics))
    data = src.data
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "a single value"
        src.diag((), f"the top level is {found}; expected a mapping with keys such as id, title, nodes, endings")
        return LoadResult(path, None, sorted(src.diagnostics))
    for at, message, at_key in check(data):
        src.diag(at, message, key=at_key)
    _check_references(data, src)
    scenario = None
    if src.ok:
        scenario = _build(data, src, hashlib.sha256(raw).hexdigest())
    return LoadResult(path, scenario, sorted(set(src.diagnostics)))


# --- references -----------------------------------------------------------------------------


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _listing(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _lines_with_paths(value: Any, path: PathT) -> list[tuple[PathT, Any]]:
    if isinstance(value, list):
        return [(path + (i,), item) for i, item in enumerate(value)]
    if value is not None:
        return [(path, value)]
    return []


def _check_references(data: dict[str, Any], src: YamlSource) -> None:
    nodes = _mapping(data.get("nodes"))
    endings = _mapping(data.get("endings"))
    declared = set(_mapping(data.get("variables")))
    variables = declared | {"rapport"}
    # Suggest only names that are valid; a use such as `clarity` of a declaration `Clarity`
    # is left to the declaration's own error (renaming it fixes both).
    valid_names = sorted(n for n in variables if isinstance(n, str) and VAR_RE.match(n))
    misdeclared = {n.lower() for n in variables if isinstance(n, str) and not VAR_RE.match(n)}
    targets = list(nodes) + list(endings)

    for name in nodes:
        if name in endings:
            src.diag(("endings", name), f"endings.{name}: '{name}' is both a node and an ending; give them different ids", key=True)

    start = data.get("start")
    if isinstance(start, str) and nodes and start not in nodes:
        where = "an ending" if start in endings else "not a node"
        src.diag(("start",), f"start: '{start}' is {where}{did_you_mean(start, list(nodes))}; expected one of the nodes: {', '.join(nodes)}")

    def check_goto(path: PathT, target: Any) -> None:
        if isinstance(target, str) and target not in nodes and target not in endings:
            src.diag(path, f"{_dotted(path)}: unknown node or ending '{target}'{did_you_mean(target, targets)}")

    def check_vars(path: PathT, names: Any) -> None:
        for name in _mapping(names):
            if name not in variables and name not in misdeclared:
                src.diag(path + (name,), f"{_dotted(path + (name,))}: unknown variable '{name}'{did_you_mean(name, valid_names)}; declare it under 'variables'", key=True)

    def check_conditions(path: PathT, value: Any) -> None:
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            at = path + (i,) if isinstance(value, list) else path
            if not isinstance(item, str):
                continue
            try:
                condition = Condition.parse(item)
            except ValueError:
                continue  # the schema check reports the form
            if condition.variable not in variables and condition.variable not in misdeclared:
                src.diag(at, f"{_dotted(at)}: unknown variable '{condition.variable}'{did_you_mean(condition.variable, valid_names)}; declare it under 'variables'")

    for name, var in _mapping(data.get("variables")).items():
        var = _mapping(var)
        default, low, high = var.get("default"), var.get("min"), var.get("max")
        if name == "rapport":
            low = DEFAULT_RAPPORT[1] if low is None else low
            high = DEFAULT_RAPPORT[2] if high is None else high
        numbers = [v for v in (low, default, high) if isinstance(v, int)]
        if len(numbers) >= 2 and numbers != sorted(numbers):
            src.diag(("variables", name), f"variables.{name}: expected min <= default <= max, found min {low}, default {default}, max {high}")

    line_ids: dict[str, PathT] = {}

    def check_line_ids(path: PathT, value: Any) -> None:
        for at, item in _lines_with_paths(value, path):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                line_id = item["id"]
                if line_id in line_ids:
                    first = src.where(line_ids[line_id])[0]
                    src.diag(at + ("id",), f"{_dotted(at + ('id',))}: line id '{line_id}' is already used on line {first}; line ids must be unique")
                else:
                    line_ids[line_id] = at + ("id",)

    for name, node in nodes.items():
        node = _mapping(node)
        check_line_ids(("nodes", name, "say"), node.get("say"))
        for i, route in enumerate(_listing(node.get("routes"))):
            route = _mapping(route)
            at = ("nodes", name, "routes", i)
            check_goto(at + ("goto",), route.get("goto"))
            check_vars(at + ("set",), route.get("set"))
            check_vars(at + ("change",), route.get("change"))
            check_line_ids(at + ("say",), route.get("say"))
            when = _mapping(route.get("when"))
            if "if" in when:
                check_conditions(at + ("when", "if"), when["if"])
    for code, reaction in _mapping(data.get("reactions")).items():
        reaction = _mapping(reaction)
        at = ("reactions", code)
        check_goto(at + ("goto",), reaction.get("goto"))
        check_vars(at + ("set",), reaction.get("set"))
        check_vars(at + ("change",), reaction.get("change"))
        check_line_ids(at + ("say",), reaction.get("say"))
        if "if" in reaction:
            check_conditions(at + ("if",), reaction["if"])
    for name, ending in _mapping(data.get("endings")).items():
        check_line_ids(("endings", name, "say"), _mapping(ending).get("say"))

    turns = _mapping(data.get("turns"))
    limit_ending = turns.get("ending")
    if isinstance(limit_ending, str) and limit_ending not in endings:
        choices = f"expected one of: {', '.join(endings)}" if endings else "there are no endings yet; add one under 'endings'"
        src.diag(("turns", "ending"), f"turns.ending: unknown ending '{limit_ending}'{did_you_mean(limit_ending, list(endings))}; {choices}")

    for i, plan in enumerate(_listing(data.get("tests"))):
        plan = _mapping(plan)
        ending = plan.get("ending")
        if isinstance(ending, str) and ending not in endings:
            src.diag(("tests", i, "ending"), f"tests[{i}].ending: unknown ending '{ending}'{did_you_mean(ending, list(endings))}")
        for j, step in enumerate(_listing(plan.get("steps"))):
            expect = _mapping(_mapping(step).get("expect"))
            at = ("tests", i, "steps", j, "expect")
            node = expect.get("node")
            if isinstance(node, str) and node not in nodes:
                kind = "an ending (check the plan's 'ending' instead)" if node in endings else "not a node"
                src.diag(at + ("node",), f"{_dotted(at + ('node',))}: '{node}' is {kind}{did_you_mean(node, list(nodes))}")
            check_vars(at + ("vars",), expect.get("vars"))


def _dotted(path: PathT) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- building the model ---------------------------------------------------------------------


def _lines(value: Any, prefix: str) -> tuple[Line, ...]:
    items = value if isinstance(value, list) else ([value] if value is not None else [])
    out = []
    for i, item in enumerate(items, start=1):
        if isinstance(item, dict):
            out.append(Line(item.get("id") or f"{prefix}.{i}", str(item["text"])))
        else:
            out.append(Line(f"{prefix}.{i}", str(item)))
    return tuple(out)


def _conditions(value: Any) -> tuple[Condition, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(Condition.parse(item) for item in items)


def _pairs(value: Any) -> tuple[tuple[str, int], ...]:
    return tuple(_mapping(value).items())


def _when(value: Any) -> When:
    when = _mapping(value)
    codes = when.get("codes")
    if isinstance(codes, list):
        codes = {"any": codes}
    codes = _mapping(codes)
    topics = when.get("topics")
    if isinstance(topics, list):
        topics = {"any": topics}
    topics = _mapping(topics)
    return When(
        codes_any=frozenset(codes.get("any", ())),
        codes_all=frozenset(codes.get("all", ())),
        codes_none=frozenset(codes.get("none", ())),
        topics_any=tuple(topics.get("any", ())),
        topics_none=tuple(topics.get("none", ())),
        conditions=_conditions(when.get("if")),
    )


def _build(data: dict[str, Any], src: YamlSource, digest: str) -> Scenario:
    positions: dict[str, tuple[int, int]] = {}
    variables: dict[str, Variable] = {
        "rapport": Variable("rapport", *DEFAULT_RAPPORT, description="How safe and heard the coachee feels.")
    }
    for name, spec in _mapping(data.get("variables")).items():
        positions[f"var:{name}"] = src.where(("variables", name), key=True)
        base = variables.get(name)
        low = spec.get("min", base.minimum if base else -1_000_000)
        high = spec.get("max", base.maximum if base else 1_000_000)
        variables[name] = Variable(name, spec["default"], low, high, spec.get("description", ""))

    nodes: dict[str, Node] = {}
    for name, spec in data["nodes"].items():
        positions[name] = src.where(("nodes", name), key=True)
        routes = []
        for i, route in enumerate(spec.get("routes") or []):
            positions[f"{name}#{i}"] = src.where(("nodes", name, "routes", i))
            routes.append(
                Route(
                    when=_when(route.get("when")),
                    goto=route["goto"],
                    lines=_lines(route.get("say"), f"{name}.route{i + 1}"),
                    set=_pairs(route.get("set")),
                    change=_pairs(route.get("change")),
                    index=i,
                )
            )
        nodes[name] = Node(name, _lines(spec["say"], name), tuple(routes), spec.get("stage"))

    endings: dict[str, Ending] = {}
    for name, spec in data["endings"].items():
        positions[name] = src.where(("endings", name), key=True)
        endings[name] = Ending(name, spec["kind"], spec["debrief"], spec.get("title", ""), _lines(spec.get("say"), f"ending.{name}"))

    reactions = []
    for code, spec in _mapping(data.get("reactions")).items():
        positions[f"reaction:{code}"] = src.where(("reactions", code), key=True)
        reactions.append(
            Reaction(
                code,
                _lines(spec["say"], f"reaction.{code}"),
                _conditions(spec.get("if")),
                _pairs(spec.get("set")),
                _pairs(spec.get("change")),
                spec.get("goto"),
            )
        )

    plans = []
    for i, plan in enumerate(data.get("tests") or []):
        steps = []
        for j, step in enumerate(plan["steps"]):
            expect = _mapping(step.get("expect"))
            steps.append(
                TestStep(
                    step["student"],
                    Expectation(
                        frozenset(expect.get("codes", ())),
                        frozenset(expect.get("not_codes", ())),
                        expect.get("node"),
                        tuple(_mapping(expect.get("vars")).items()),
                    ),
                    src.where(("tests", i, "steps", j))[0],
                )
            )
        plans.append(TestPlan(plan["name"], tuple(steps), plan.get("ending"), plan.get("seed", 0), src.where(("tests", i))[0]))

    rules = dict(DEFAULT_RAPPORT_RULES)
    rules.update(_mapping(data.get("rapport_rules")))
    coachee = data["coachee"]
    turns = _mapping(data.get("turns"))
    return Scenario(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        difficulty=data["difficulty"],
        briefing=data["briefing"],
        coachee=Persona(coachee["name"], coachee["role"], coachee["style"], tuple(_mapping(coachee.get("trainer_notes")).items())),
        start=data["start"],
        nodes=nodes,
        endings=endings,
        variables=variables,
        reactions=tuple(reactions),
        rapport_rules=rules,
        max_turns=turns.get("max"),
        turn_limit_ending=turns.get("ending"),
        tests=tuple(plans),
        tags=tuple(data.get("tags") or ()),
        practise=tuple(data.get("practise") or ()),
        minutes=data.get("minutes"),
        author=data.get("author", ""),
        format=data["format"],
        source=src.path,
        sha256=digest,
        positions=positions,
    )


def scenario_files(paths: list[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders into the .yaml/.yml files inside them (sorted); files pass through."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix in {".yaml", ".yml"} and f.is_file()))
        else:
            out.append(p)
    return out
