"""Read a YAML file safely into plain data plus the line and column of every value.

Only the safe YAML subset is read (the node tree is composed with PyYAML's SafeLoader, and
scalars are resolved as `yaml.safe_load` would). On top of that this module:

- rejects files that are too large, binary, not UTF-8 or empty, with a located message;
- reports duplicate keys (PyYAML silently keeps the last one);
- reads YAML 1.1 booleans (`on`, `no`) and dates as the text they show (the format has no
  yes/no or date fields), and warns where such a word is used as a key;
- bounds how far aliases may expand, so an alias bomb fails fast instead of eating memory.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml

from coachdojo.errors import Diagnostic

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000

Path_ = tuple[str | int, ...]

_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


@dataclass
class YamlSource:
    """Plain data read from a YAML file, with positions for each path inside it."""

    path: str
    data: Any = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw_scalars: dict[Path_, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path` (or its key), else its nearest parent."""
        table = self.key_marks if key else self.marks
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (1, 1))

    def diag(self, path: Path_, message: str, *, severity: str = "error", key: bool = False) -> None:
        line, col = self.where(path, key=key)
        self.diagnostics.append(Diagnostic(self.path, line, col, severity, message))

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


class _TooLarge(Exception):
    pass


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _line_col_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def read_yaml_text(path: str, raw: bytes) -> YamlSource:
    """Parse YAML bytes read from `path`; problems land in `.diagnostics`, never raise."""
    src = YamlSource(path)
    if len(raw) > MAX_FILE_BYTES:
        src.diagnostics.append(
            Diagnostic(
                path,
                0,
                0,
                "error",
                f"file is {len(raw) / 1_048_576:.1f} MB; a scenario file may be at most "
                f"{MAX_FILE_BYTES // 1_048_576} MB",
            )
        )
        return src
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col_of_offset(raw, nul)
        src.diagnostics.append(
            Diagnostic(path, line, col, "error", "this looks like a binary file (it contains a NUL byte); expected YAML text")
        )
        return src
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_offset(raw, exc.start)
        src.diagnostics.append(
            Diagnostic(
                path,
                line,
                col,
                "error",
                f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 text",
            )
        )
        return src
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        src.diagnostics.append(
            Diagnostic(path, 0, 0, "error", "the file is empty; expected a scenario: a mapping with keys such as id, title, nodes")
        )
        return src
    try:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or "not valid YAML"
        context = f" ({exc.context})" if exc.context else ""
        src.diagnostics.append(
            Diagnostic(path, line, col, "error", f"YAML syntax: {problem}{context}")
        )
        return src
    except yaml.YAMLError as exc:
        src.diagnostics.append(Diagnostic(path, 0, 0, "error", f"YAML syntax: {exc}"))
        return src
    except RecursionError:
        src.diagnostics.append(
            Diagnostic(path, 0, 0, "error", "the file nests too deeply to be a scenario")
        )
        return src
    if root is None:
        src.diagnostics.append(
            Diagnostic(path, 0, 0, "error", "the file is empty; expected a scenario: a mapping with keys such as id, title, nodes")
        )
        return src
    budget = [MAX_EXPANDED_NODES]
    try:
        src.data = _to_data(root, (), src, budget, depth=0)
    except _TooLarge:
        line, col = _mark(root)
        src.data = None
        src.diagnostics.append(
            Diagnostic(
                path,
                line,
                col,
                "error",
                f"the file expands to more than {MAX_EXPANDED_NODES:,} values (aliases such as "
                "*name repeat whole sections); a scenario is far smaller",
            )
        )
    except RecursionError:
        src.data = None
        src.diagnostics.append(Diagnostic(path, 0, 0, "error", "the file nests too deeply to be a scenario"))
    return src


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode) -> Any:
    """Resolve one scalar exactly as `yaml.safe_load` would (int, float, bool, date, text)."""
    build = yaml.constructor.SafeConstructor.yaml_constructors.get(node.tag)
    if build is None:
        return node.value
    try:
        value = build(_CONSTRUCTOR, node)
    except (yaml.YAMLError, ValueError):
        return node.value
    return value if not hasattr(value, "__next__") else node.value


def _to_data(node: yaml.Node, path: Path_, src: YamlSource, budget: list[int], depth: int) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if depth > 60:
        raise RecursionError
    src.marks.setdefault(path, _mark(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null" and node.style is None:
            return None
        value = _scalar(node)
        if node.style is None and not isinstance(value, str):
            if isinstance(value, (bool, datetime.date)):
                # The format has no yes/no or date fields: `no`, `on`, `2024-01-01` mean text.
                return node.value
            src.raw_scalars[path] = node.value
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(child, path + (i,), src, budget, depth + 1) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        first_seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:merge":
                merged = _to_data(value_node, path, src, budget, depth + 1)
                for item in merged if isinstance(merged, list) else [merged]:
                    if isinstance(item, dict):
                        for k, v in item.items():
                            out.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node)
                src.diagnostics.append(
                    Diagnostic(src.path, line, col, "error", "a key must be plain text, not a list or mapping")
                )
                continue
            key = key_node.value
            kline, kcol = _mark(key_node)
            if key_node.style is None and key.lower() in _BOOL_WORDS:
                src.diagnostics.append(
                    Diagnostic(
                        src.path,
                        kline,
                        kcol,
                        "warning",
                        f"key `{key}` is a yes/no word that many YAML tools read as true/false; "
                        f"coachdojo reads it as the text '{key}' — quote it (\"{key}\") to be clear",
                    )
                )
            if key in first_seen:
                fl, _ = first_seen[key]
                src.diagnostics.append(
                    Diagnostic(
                        src.path,
                        kline,
                        kcol,
                        "error",
                        f"duplicate key '{key}' (first given on line {fl}); each key may appear once in a mapping",
                    )
                )
                continue
            first_seen[key] = (kline, kcol)
            child = path + (key,)
            src.key_marks[child] = (kline, kcol)
            out[key] = _to_data(value_node, child, src, budget, depth + 1)
        return out
    return None
