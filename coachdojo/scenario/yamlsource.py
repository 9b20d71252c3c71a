"""Read a YAML file safely into plain data, and find the line and column of any path on demand.

Only the safe YAML subset is read: the node tree is composed with PyYAML's C parser
(`yaml.CSafeLoader`, falling back to the pure-Python `SafeLoader` when the C extension is
missing), and scalars are resolved as `yaml.safe_load` would. On top of that this module:

- rejects files that are too large, binary, UTF-16/32, not UTF-8, empty or only null, and
  files holding characters YAML does not allow, with a located message;
- words the common YAML syntax errors for people (unclosed quotes, indentation, tabs, ...);
- reports duplicate keys (PyYAML silently keeps the last one);
- reads YAML 1.1 booleans (`on`, `no`) and dates as the text they show (the format has no
  yes/no or date fields), and warns where such a word is used as a key;
- bounds how many values a file may hold or expand to (aliases), and how deeply it nests,
  while the tree is composed, so hostile files fail fast instead of eating memory or stack.

Positions are lazy: the composed node tree is kept, and a path's node is looked up only when
a diagnostic or the model asks for it (each mapping's key index is built on first use).
"""

from __future__ import annotations

import datetime
import gc
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coachdojo.errors import Diagnostic

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 60  # levels below the top-level value

EMPTY_MESSAGE = (
    "the file is empty; expected a scenario: a mapping with keys such as id, title, nodes"
)
DEEP_MESSAGE = "the file nests too deeply to be a scenario"

Path_ = tuple[str | int, ...]

_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"

# What PyYAML's reader refuses (yaml.reader.Reader.NON_PRINTABLE), checked up front so the
# message is located in characters whichever parser runs.
_NOT_ALLOWED = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class _TooMany(Exception):
    pass


class _TooDeep(Exception):
    pass


class _Guard:
    """Loader mixin: bounds the values and the depth while PyYAML composes the tree.

    PyYAML's composer (the C one too) calls `descend_resolver` before and `ascend_resolver`
    after every node it composes (aliases excepted), so counting there stops a file with too
    many values or too deep a nesting before the tree is built, and before the C composer's
    recursion could exhaust the C stack. `resolve` is the SafeLoader's (there are no path
    resolvers), remembering the tag of each plain scalar text it has seen.
    """

    _depth = 0
    _values = 0
    _tags: dict[str, str]

    def descend_resolver(self, parent: Node | None, index: Any) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH + 1:
            raise _TooDeep
        if index is not None or parent is None or parent.__class__ is SequenceNode:
            self._values += 1  # a value, not a mapping key
            if self._values > MAX_EXPANDED_NODES:
                raise _TooMany

    def ascend_resolver(self) -> None:
        self._depth -= 1

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                tags = self.__dict__.get("_tags")
                if tags is None:
                    tags = self._tags = {}
                tag = tags.get(value)
                if tag is None:
                    base = yaml.resolver.BaseResolver
                    tag = tags[value] = base.resolve(self, kind, value, implicit)  # type: ignore[arg-type]
                return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


class _PyLoader(_Guard, yaml.SafeLoader):
    pass


_CSafeLoader = getattr(yaml, "CSafeLoader", None)
if _CSafeLoader is not None:

    class _CLoader(_Guard, _CSafeLoader):  # type: ignore[misc, valid-type]
        pass

    _Loader: type = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PyLoader


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree of acyclic objects is built.

    Composing and checking a large file allocates hundreds of thousands of small objects that
    all stay alive until the check ends; the collector would re-scan them again and again
    (most of the time spent). Nothing here makes reference cycles except a recursive alias,
    which is refused and collected once the collector is back. Nesting is allowed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class YamlSource:
    """Plain data read from a YAML file, with the positions of the paths inside it on demand."""

    path: str
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    root: Node | None = field(default=None, repr=False, compare=False)
    _indexes: dict[int, dict[str, tuple[Node | None, Node]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path` (or its key), else its nearest parent."""
        node = self.root
        if node is None:
            return 1, 1
        key_node: Node | None = None
        for part in path:
            cls = node.__class__
            entry: tuple[Node | None, Node] | None = None
            if cls is MappingNode:
                if isinstance(part, str):
                    entry = self._index(node).get(part)
            elif cls is SequenceNode and isinstance(part, int) and 0 <= part < len(node.value):
                entry = (None, node.value[part])
            if entry is None:
                break
            key_node, node = entry
        mark = (key_node if key and key_node is not None else node).start_mark
        return mark.line + 1, mark.column + 1

    def diag(
        self, path: Path_, message: str, *, severity: str = "error", key: bool = False
    ) -> None:
        line, col = self.where(path, key=key)
        self.diagnostics.append(Diagnostic(self.path, line, col, severity, message))

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def _index(self, node: MappingNode) -> dict[str, tuple[Node | None, Node]]:
        """key text -> (key node, value node) of a mapping, as the data reads it (built once)."""
        index = self._indexes.get(id(node))
        if index is not None:
            return index
        index = {}
        merged: dict[str, tuple[Node | None, Node]] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                continue
            if key_node.tag == _MERGE:
                sources = value_node.value if value_node.__class__ is SequenceNode else [value_node]
                for source in sources:
                    if source.__class__ is MappingNode and source is not node:
                        for k, (_, v) in self._index(source).items():
                            merged.setdefault(k, (None, v))
                continue
            index.setdefault(key_node.value, (key_node, value_node))
        for k, entry in merged.items():
            index.setdefault(k, entry)
        self._indexes[id(node)] = index
        return index


# --- reading ----------------------------------------------------------------------------------


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character `offset`, counting line breaks as YAML does."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line += 1
        start = match.end()
    return line, offset - start + 1


def _line_col_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes carry such a byte order mark or NUL pattern."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:4096]
    if len(head) < 4:
        return None

    def mostly_nul(part: bytes) -> bool:
        return part.count(0) >= 0.9 * len(part)

    for offset in (0, 3):  # little- and big-endian UTF-32 of mostly ASCII text
        if not head[offset::4].count(0) and all(
            mostly_nul(head[i::4]) for i in range(4) if i != offset
        ):
            return "UTF-32"
    even, odd = head[0::2], head[1::2]
    if (not even.count(0) and mostly_nul(odd)) or (not odd.count(0) and mostly_nul(even)):
        return "UTF-16"
    return None


def read_yaml_text(path: str, raw: bytes) -> YamlSource:
    """Parse YAML bytes read from `path`; problems land in `.diagnostics`, never raise."""
    src = YamlSource(path)

    def fail(line: int, col: int, message: str) -> YamlSource:
        src.diagnostics.append(Diagnostic(path, line, col, "error", message))
        src.data = None
        return src

    if len(raw) > MAX_FILE_BYTES:
        return fail(
            0,
            0,
            f"file is {len(raw) / 1_048_576:.1f} MB; a scenario file may be at most "
            f"{MAX_FILE_BYTES // 1_048_576} MB",
        )
    wide = _wide_encoding(raw)
    if wide:
        return fail(0, 0, f"the file is {wide}; save it as UTF-8 text")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col_of_offset(raw, nul)
        return fail(
            line, col, "this looks like a binary file (it contains a NUL byte); expected YAML text"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_offset(raw, exc.start)
        return fail(
            line, col, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 text"
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        return fail(0, 0, EMPTY_MESSAGE)
    bad = _NOT_ALLOWED.search(text)
    if bad:
        return fail(*_line_col(text, bad.start()), _character_message(bad.group()))

    with gc_paused():
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        except _TooMany:
            return fail(
                0,
                0,
                f"the file has more than {MAX_EXPANDED_NODES:,} values; a scenario is far smaller",
            )
        except (_TooDeep, RecursionError):
            return fail(0, 0, DEEP_MESSAGE)
        except yaml.reader.ReaderError as exc:
            return fail(*_reader_error_position(text, exc), _character_message(exc.character))
        except yaml.MarkedYAMLError as exc:
            if "maximum nesting depth" in (exc.problem or ""):
                return fail(0, 0, DEEP_MESSAGE)  # libyaml 0.2.6+ (PyYAML 6.0.4) has its own limit
            src.diagnostics.append(_syntax_diagnostic(path, text, exc))
            return src
        except yaml.YAMLError as exc:
            return fail(0, 0, "YAML syntax: " + " ".join(str(exc).split()))
        finally:
            loader.dispose()
        if root is None:  # no document at all: only blank lines and comments
            return fail(0, 0, EMPTY_MESSAGE)
        try:
            if "*" in text:  # aliases can repeat whole sections: bound what they expand to
                _expanded_size(root, 0, {})
            data = _value(root, src)
        except _TooMany:
            line, col = _mark(root)
            return fail(
                line,
                col,
                f"the file expands to more than {MAX_EXPANDED_NODES:,} values (aliases such as "
                "*name repeat whole sections); a scenario is far smaller",
            )
        except (_TooDeep, RecursionError):
            return fail(0, 0, DEEP_MESSAGE)
    if data is None:  # a document that is only null: `~`, `null`, `--- # nothing`
        return fail(0, 0, EMPTY_MESSAGE)
    src.data = data
    src.root = root  # positions are looked up in the tree only once it is known to be sound
    return src


def _character_message(char: Any) -> str:
    code = (
        char
        if isinstance(char, int)
        else ord(char)
        if isinstance(char, str) and len(char) == 1
        else None
    )
    if code is None:
        return "the file contains a character that YAML does not allow; remove it"
    kind = "a control character" if unicodedata.category(chr(code)) == "Cc" else "a character"
    return f"the file contains {kind} (U+{code:04X}) that YAML does not allow; remove it"


def _reader_error_position(text: str, exc: yaml.reader.ReaderError) -> tuple[int, int]:
    # The C reader counts bytes, the Python one characters: find the character itself.
    char = exc.character
    if isinstance(char, int):
        offset = text.find(chr(char))
        if offset >= 0:
            return _line_col(text, offset)
    return 0, 0


# --- from nodes to plain data -----------------------------------------------------------------


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _expanded_size(node: Node, depth: int, memo: dict[int, tuple[int, int]]) -> int:
    """How many values `node` expands to once aliases are followed (memoised per node)."""
    if depth > MAX_DEPTH:
        raise _TooDeep
    known = memo.get(id(node))
    if known is not None:
        size, height = known
        if depth + height > MAX_DEPTH:
            raise _TooDeep
        return size
    size, height = 1, 0
    cls = node.__class__
    if cls is SequenceNode:
        children = node.value
    elif cls is MappingNode:
        children = [v for _, v in node.value]
    else:
        children = []
    for child in children:
        size += _expanded_size(child, depth + 1, memo)
        if size > MAX_EXPANDED_NODES:
            raise _TooMany
        height = max(height, memo[id(child)][1] + 1)
    memo[id(node)] = (size, height)
    return size


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_CONSTRUCTORS = yaml.constructor.SafeConstructor.yaml_constructors


def _scalar(node: ScalarNode) -> Any:
    """Resolve one non-text scalar exactly as `yaml.safe_load` would (int, float, null...)."""
    tag = node.tag
    plain = not node.style  # None from the Python parser, '' from the C one
    if plain:
        if tag == _NULL:
            return None
        if tag == _BOOL or tag == _TIMESTAMP:
            # The format has no yes/no or date fields: `no`, `on`, `2024-01-01` mean text.
            return node.value
    build = _CONSTRUCTORS.get(tag)
    if build is None:
        return node.value
    try:
        value = build(_CONSTRUCTOR, node)
    except Exception:  # an explicit tag on text it cannot read, such as `!!int ""`
        return node.value
    if hasattr(value, "__next__") or (plain and isinstance(value, (bool, datetime.date))):
        return node.value
    return value


def _value(node: Node, src: YamlSource) -> Any:
    cls = node.__class__
    if cls is ScalarNode:
        return node.value if node.tag == _STR else _scalar(node)
    if cls is SequenceNode:
        out = []
        append = out.append
        for child in node.value:
            if child.__class__ is ScalarNode and child.tag == _STR:
                append(child.value)
            else:
                append(_value(child, src))
        return out
    if cls is MappingNode:
        return _mapping(node, src)
    return None


def _mapping(node: MappingNode, src: YamlSource) -> dict[str, Any]:
    out: dict[str, Any] = {}
    merged: set[str] | None = None
    for key_node, value_node in node.value:
        if key_node.__class__ is not ScalarNode:
            line, col = _mark(key_node)
            src.diagnostics.append(
                Diagnostic(
                    src.path, line, col, "error", "a key must be plain text, not a list or mapping"
                )
            )
            continue
        key = key_node.value
        if key_node.tag == _MERGE:
            value = _value(value_node, src)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    for k, v in item.items():
                        if k not in out:
                            out[k] = v
                            if merged is None:
                                merged = set()
                            merged.add(k)
            continue
        if not key_node.style and len(key) <= 5 and key.lower() in _BOOL_WORDS:
            line, col = _mark(key_node)
            src.diagnostics.append(
                Diagnostic(
                    src.path,
                    line,
                    col,
                    "warning",
                    f"key `{key}` is a yes/no word that many YAML tools read as true/false; "
                    f"coachdojo reads it as the text '{key}' — quote it (\"{key}\") to be clear",
                )
            )
        if key in out:
            if merged is not None and key in merged:
                merged.discard(key)  # a key given here wins over a merged one
            else:
                first = next(
                    k for k, _ in node.value if k.__class__ is ScalarNode and k.value == key
                )
                line, col = _mark(key_node)
                src.diagnostics.append(
                    Diagnostic(
                        src.path,
                        line,
                        col,
                        "error",
                        f"duplicate key '{key}' (first given on line {first.start_mark.line + 1}); "
                        "each key may appear once in a mapping",
                    )
                )
                continue
        if value_node.__class__ is ScalarNode and value_node.tag == _STR:
            out[key] = value_node.value
        else:
            out[key] = _value(value_node, src)
    return out


# --- syntax errors in words a trainer can act on ---------------------------------------------


def _syntax_diagnostic(path: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    line, col, message = _syntax_words(text, exc)
    return Diagnostic(path, line, col, "error", "YAML syntax: " + " ".join(message.split()))


def _at(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _char_at(text: str, mark: Any) -> str:
    if mark is None or not 0 <= mark.index < len(text):
        return ""
    return text[mark.index]


def _shown(char: str) -> str:
    if not char:
        return "the end of the file"
    if char in "\r\n\x85\u2028\u2029":
        return "the end of the line"
    return "a tab" if char == "\t" else f"'{char}'"


def _line_text(text: str, mark: Any) -> str:
    start = text.rfind("\n", 0, mark.index) + 1 if mark.index > 0 else 0
    end = text.find("\n", mark.index)
    return text[start : end if end >= 0 else len(text)]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_indent(line: str) -> int:
    """Where a line's content starts, after its indentation and any '- ' list markers."""
    match = re.match(r"[ ]*(?:-[ ]+)*", line)
    return match.end() if match else 0


def _previous_content_line(text: str, mark: Any) -> str | None:
    lines = text.split("\n", mark.line + 1)[: mark.line]
    for line in reversed(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return None


def _missing_space(before: str, above: str | None) -> str | None:
    """A `key:value` word (a ':' with no space after it) just before the problem, if any."""
    for line in (before, above or ""):
        if line.lstrip().startswith("#"):
            continue
        match = re.search(r"(?:^|\s)(-\s+)?([A-Za-z_][\w-]*:[^\s:/\\]\S*)", line)
        if match:
            return match.group(2)
    return None


def _quoted_run_on(text: str, problem: Any) -> Any:
    """The quoted scalar token that ends right before `problem` and spans lines, if any."""
    if problem is None or problem.index == 0 or text[problem.index - 1] not in "\"'":
        return None
    loader = _Loader(text)
    last = None
    try:
        while True:
            token = loader.get_token()
            if token is None or token.start_mark.index >= problem.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    if (
        isinstance(last, yaml.ScalarToken)
        and last.style in ("'", '"')
        and last.end_mark.index == problem.index
        and last.start_mark.line < last.end_mark.line
    ):
        return last
    return None


def _run_on_words(token: Any) -> tuple[int, int, str]:
    quote = token.style
    return (
        *_at(token.start_mark),
        f"the text quoted here is not closed on this line, so it runs on to the next {quote} "
        f"on line {token.end_mark.line + 1}; add the missing closing {quote}",
    )


def _syntax_words(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """(line, col, message) for a PyYAML syntax error, from the C or the Python parser."""
    problem = exc.problem or ""
    context = exc.context or ""
    pm, cm = exc.problem_mark, exc.context_mark
    found = _char_at(text, pm)

    if "end of stream" in problem and "quoted scalar" in context and cm is not None:
        quote = _char_at(text, cm) or '"'
        return (
            *_at(cm),
            f"the quote ({quote}) opened here is never closed; add the closing {quote} where the text ends",
        )

    if (
        "block end" in problem
        or problem.startswith("did not find expected key")
        or "expected '-'" in problem
    ):
        token = _quoted_run_on(text, pm)
        if token is not None:
            return _run_on_words(token)
        if found == "-":
            return (
                *_at(pm),
                "a list item ('- ') cannot start here; indent the list under the key it belongs to, "
                "or line it up with the other items of its list",
            )
        if found == ":":
            return (*_at(pm), "a ':' with no key before it; write 'key: value'")
        spaces = _indent(_line_text(text, pm)) if pm is not None else 0
        return (
            *_at(pm),
            f"this line is indented {spaces} space{'s' * (spaces != 1)}, which does not line up "
            "with the lines above it; indent it exactly like the other keys (or list items) it "
            "belongs with",
        )

    if problem.startswith("mapping values are not allowed") and pm is not None:
        line = _line_text(text, pm)
        above = _previous_content_line(text, pm)
        spaces = _indent(line)
        first_colon = line.find(": ")
        if (
            above is not None
            and spaces > _content_indent(above)
            and first_colon == pm.column
            and line.strip()
        ):
            return (
                pm.line + 1,
                spaces + 1,
                f"this line is indented more than the line above ({spaces} spaces, not "
                f"{_content_indent(above)}), so YAML reads it as more of the value above; line it up "
                "with the line above",
            )
        squeezed = _missing_space(line[: pm.column], above)
        if squeezed:
            return (
                *_at(pm),
                f"unexpected ':' here, where no new key can start; is a space missing after the ':' "
                f"in '{squeezed}'? (write 'key: value')",
            )
        return (
            *_at(pm),
            "unexpected ':' — a ':' followed by a space starts a key, which is not allowed here; "
            "if the ':' is part of the text, put the whole value in quotes (\"...\")",
        )

    if "document start" in problem:
        token = _quoted_run_on(text, pm)
        if token is not None:
            return _run_on_words(token)
        return (
            *_at(pm),
            "this line starts further left than the first line of the file; start every "
            "top-level key at the same column (normally the first)",
        )

    if "tab" in problem and "violates" in problem:  # libyaml's word for a tab in indentation
        return (
            *_at(pm),
            "a tab character here; YAML does not allow tabs for indentation, use spaces",
        )

    if "block scalar" in context and ("indicator" in problem or "line break" in problem):
        return (
            *_at(pm),
            "after '|' or '>' only a comment may follow on the same line; put the text on the "
            "lines below, indented",
        )

    if "node content" in problem:
        return (*_at(pm), f"expected a value here, but found {_shown(found)}")

    if "anchor" in context or "alias" in context:
        return (
            *_at(cm or pm),
            "'&' and '*' start YAML anchors and aliases and must be followed by a name; "
            'if the value starts with & or *, put it in quotes ("...")',
        )

    if "directive" in context:
        return (
            *_at(cm or pm),
            "a line cannot start with '%'; if it is text, put it in quotes (\"...\")",
        )

    if "cannot start any token" in problem:
        if found == "\t":
            return (
                *_at(pm),
                "a tab character here; YAML does not allow tabs for indentation, use spaces",
            )
        return (
            *_at(pm),
            f'a value cannot start with {_shown(found)}; put the value in quotes ("...")',
        )

    if "could not find expected ':'" in problem:
        start = cm or pm
        squeezed = _missing_space(_line_text(text, start), None) if start is not None else None
        if squeezed:
            return (
                *_at(start),
                f"is a space missing after the ':' in '{squeezed}'? (write 'key: value')",
            )
        return (
            *_at(cm or pm),
            "expected a ':' after this key; write 'key: value' (if the line continues the text "
            "above it, indent it further than the key above)",
        )

    flow = re.search(r"expected ',' or '([\]}])'", problem)
    if flow:
        closer = flow.group(1)
        kind = "list" if closer == "]" else "mapping"
        opener = f" opened on line {cm.line + 1}" if cm is not None else ""
        if not found and cm is not None:
            return (*_at(cm), f"the {kind} opened here is never closed; add the closing '{closer}'")
        return (
            *_at(pm),
            f"expected ',' or '{closer}' here, but found {_shown(found)}; "
            f"is the closing '{closer}' of the {kind}{opener} missing?",
        )

    if "sequence entries are not allowed" in problem:
        return (
            *_at(pm),
            "a list item ('- ') cannot start here; put the items on the lines below the key, indented",
        )

    if "unknown escape character" in problem and pm is not None:
        index = pm.index if found == "\\" else pm.index - 1
        escape = text[index : index + 2] if 0 <= index < len(text) and text[index] == "\\" else "\\"
        line, col = _line_col(text, index) if text[index : index + 1] == "\\" else _at(pm)
        return (
            line,
            col,
            f"'{escape}' is not a valid escape in double-quoted text; write \\\\ for a backslash, "
            "or use single quotes ('...')",
        )

    if "another document" in problem:
        return (
            *_at(pm),
            "a second document starts here; a scenario file holds exactly one (remove the "
            "'---' line, or split the file)",
        )

    if "undefined alias" in problem and pm is not None:
        name = re.match(r"\*([^\s,\[\]{}]+)", text[pm.index :])
        alias = name.group(1) if name else "?"
        return (
            *_at(pm),
            f"unknown alias '*{alias}'; an alias must refer to an anchor (&{alias}) given earlier in the file",
        )

    words = problem or "not valid YAML"
    if context:
        words += f" ({context})"
    return (*_at(pm or cm), words)
