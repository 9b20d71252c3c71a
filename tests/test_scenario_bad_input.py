"""Files that are not scenarios at all: each ends in a clear error, never a traceback.

Covers text that is not YAML, wrong encodings, binary files, empty files, the wrong top-level
shape, oversized files, alias bombs and deep nesting, through the loader and through
`coachdojo validate`; then a property test feeds arbitrary and mutated input to the loader.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdojo.errors import Diagnostic, ScenarioError
from coachdojo.scenario import (
    LoadResult,
    check_scenario_bytes,
    check_scenario_file,
    lint,
    load_scenario,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (REPO_ROOT / "docs" / "examples" / "first-scenario.yaml").read_bytes()

# "Billion laughs": nine levels of nine aliases, a few hundred bytes that would expand to
# 9**9 (387 million) strings if anything walked the whole tree.
ALIAS_BOMB = (
    b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    b"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    b"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    b"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    b"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)
TEN_MB = b"title: " + b"x" * (10 * 1024 * 1024) + b"\n"
EMPTY_MESSAGE = (
    "the file is empty; expected a scenario: a mapping with keys such as id, title, nodes"
)
BINARY_MESSAGE = "this looks like a binary file (it contains a NUL byte); expected YAML text"
DEEP_MESSAGE = "the file nests too deeply to be a scenario"
TOO_MANY_MESSAGE = "the file has more than 200,000 values; a scenario is far smaller"
UTF16_MESSAGE = "the file is UTF-16; save it as UTF-8 text"

# name, file bytes, the exact diagnostics with the file shown as {path}
BAD_FILES: list[tuple[str, bytes, list[str]]] = [
    (
        "not_yaml_braces",
        b"{{{ this is : not [ yaml",
        [
            "{path}:1:19: error: YAML syntax: expected ',' or '}' here, but found '['; "
            "is the closing '}' of the mapping opened on line 1 missing?"
        ],
    ),
    (
        "not_yaml_prose",
        b"Dear trainer: here is: my scenario\n",
        [
            "{path}:1:22: error: YAML syntax: unexpected ':' — a ':' followed by a space starts a "
            "key, which is not allowed here; if the ':' is part of the text, put the whole value "
            'in quotes ("...")'
        ],
    ),
    (
        "latin1_bytes",
        "title: caf\u00e9\n".encode("latin-1"),
        ["{path}:1:11: error: the file is not UTF-8 (byte 0xe9); save it as UTF-8 text"],
    ),
    (
        "png_header",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        [f"{{path}}:3:1: error: {BINARY_MESSAGE}"],
    ),
    ("empty", b"", [f"{{path}}: error: {EMPTY_MESSAGE}"]),
    ("only_blank_lines", b"\n   \n\n", [f"{{path}}: error: {EMPTY_MESSAGE}"]),
    ("only_comments", b"# a scenario\n  # will go here\n", [f"{{path}}: error: {EMPTY_MESSAGE}"]),
    (
        "list_at_top_level",
        b"- id: a\n- id: b\n",
        [
            "{path}:1:1: error: the top level is a list; expected a mapping with keys such as id, title, nodes, endings"
        ],
    ),
    (
        "single_scalar",
        b"hello\n",
        [
            "{path}:1:1: error: the top level is a single value; expected a mapping with keys such as id, title, nodes, endings"
        ],
    ),
    (
        "two_documents",
        b"a: 1\n---\nb: 2\n",
        [
            "{path}:2:1: error: YAML syntax: a second document starts here; a scenario file holds "
            "exactly one (remove the '---' line, or split the file)"
        ],
    ),
    (
        "ten_megabytes",
        TEN_MB,
        ["{path}: error: file is 10.0 MB; a scenario file may be at most 2 MB"],
    ),
    (
        "alias_bomb",
        ALIAS_BOMB,
        [
            "{path}:1:1: error: the file expands to more than 200,000 values (aliases such as *name "
            "repeat whole sections); a scenario is far smaller"
        ],
    ),
    (
        "many_plain_values",
        b"a: [" + b"1," * 500_000 + b"1]\n",
        [f"{{path}}: error: {TOO_MANY_MESSAGE}"],
    ),
    (
        "control_character",
        b"title: a\x07b\n",
        [
            "{path}:1:9: error: the file contains a control character (U+0007) that YAML does not "
            "allow; remove it"
        ],
    ),
    (
        "utf16_with_bom",
        "title: caf\u00e9\n".encode("utf-16"),
        [f"{{path}}: error: {UTF16_MESSAGE}"],
    ),
    (
        "utf16le_no_bom",
        "title: x\nid: y\n".encode("utf-16-le"),
        [f"{{path}}: error: {UTF16_MESSAGE}"],
    ),
    (
        "utf16be_no_bom",
        "title: x\nid: y\n".encode("utf-16-be"),
        [f"{{path}}: error: {UTF16_MESSAGE}"],
    ),
    (
        "utf32_with_bom",
        "title: x\n".encode("utf-32"),
        ["{path}: error: the file is UTF-32; save it as UTF-8 text"],
    ),
    ("null_document", b"~\n", [f"{{path}}: error: {EMPTY_MESSAGE}"]),
    ("recursive_alias", b"a: &a [*a]\n", [f"{{path}}: error: {DEEP_MESSAGE}"]),
    ("deeply_nested_flow_lists", b"[" * 5000 + b"]" * 5000, [f"{{path}}: error: {DEEP_MESSAGE}"]),
    # Deep enough to overflow the C stack if the C composer were allowed to recurse into it.
    ("very_deeply_nested_flow_lists", b"[" * 500_000, [f"{{path}}: error: {DEEP_MESSAGE}"]),
    (
        "deeply_nested_block_lists",
        "".join("  " * i + "-\n" for i in range(100)).encode() + b"  " * 100 + b"- x\n",
        [f"{{path}}: error: {DEEP_MESSAGE}"],
    ),
    (
        "deeply_nested_mappings",
        "".join("  " * i + f"k{i}:\n" for i in range(100)).encode() + b"  " * 100 + b"leaf: 1\n",
        [f"{{path}}: error: {DEEP_MESSAGE}"],
    ),
]
IDS = [name for name, _, _ in BAD_FILES]


def _expect(expected: list[str], path: object) -> list[str]:
    return [line.replace("{path}", str(path)) for line in expected]


def _lines(result: LoadResult) -> list[str]:
    return [str(d) for d in result.diagnostics]


@pytest.mark.parametrize(("name", "raw", "expected"), BAD_FILES, ids=IDS)
def test_bad_file_ends_in_a_located_error(
    tmp_path: Path, name: str, raw: bytes, expected: list[str]
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(raw)
    result = check_scenario_file(path)
    assert result.scenario is None
    assert _lines(result) == _expect(expected, path)
    assert all(isinstance(d, Diagnostic) and d.severity == "error" for d in result.diagnostics)


@pytest.mark.parametrize(("name", "raw", "expected"), BAD_FILES, ids=IDS)
def test_bad_bytes_give_the_same_error_as_the_file(
    name: str, raw: bytes, expected: list[str]
) -> None:
    result = check_scenario_bytes("x.yaml", raw)
    assert result.scenario is None
    assert _lines(result) == _expect(expected, "x.yaml")


@pytest.mark.parametrize(("name", "raw", "expected"), BAD_FILES, ids=IDS)
def test_load_scenario_raises_only_scenario_error(
    tmp_path: Path, name: str, raw: bytes, expected: list[str]
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(raw)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert str(caught.value) == "\n".join(_expect(expected, path))


@pytest.mark.parametrize(("name", "raw", "expected"), BAD_FILES, ids=IDS)
def test_validate_exits_1_without_a_traceback(
    tmp_path: Path, run_cli, name: str, raw: bytes, expected: list[str]
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(raw)
    done = run_cli("validate", path)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.splitlines() == _expect(expected, path)
    assert done.stderr.strip() == "checked 1 file: 1 error, 0 warnings"


def test_ten_megabyte_bytes_are_refused_before_parsing() -> None:
    # check_scenario_file reads at most 2 MB + 1 byte; the bytes entry point refuses by size too.
    result = check_scenario_bytes("big.yaml", TEN_MB)
    assert [d.message for d in result.diagnostics] == [
        "file is 10.0 MB; a scenario file may be at most 2 MB"
    ]


@pytest.mark.skipif(
    sys.platform != "linux", reason="address-space limits are set with RLIMIT_AS on Linux"
)
def test_alias_bomb_is_refused_within_a_small_memory_limit(tmp_path: Path, run_cli) -> None:
    """Under a 1 GB address-space cap, expanding the bomb would die with MemoryError."""
    import resource

    def cap_memory() -> None:
        limit = 1024 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    path = tmp_path / "bomb.yaml"
    path.write_bytes(ALIAS_BOMB)
    done = run_cli("validate", path, preexec_fn=cap_memory)
    assert "MemoryError" not in done.stderr and "Traceback" not in done.stderr
    assert done.returncode == 1
    assert "expands to more than 200,000 values" in done.stdout


def test_a_folder_is_not_a_scenario_file(tmp_path: Path) -> None:
    result = check_scenario_file(tmp_path)
    assert _lines(result) == [f"{tmp_path}: error: is a folder; expected a scenario file"]


def test_a_missing_file_is_reported(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "nowhere.yaml"
    assert _lines(check_scenario_file(path)) == [f"{path}: error: no such file"]
    done = run_cli("validate", path)
    assert done.returncode == 1
    assert done.stdout.strip() == f"{path}: error: no such file"
    assert "Traceback" not in done.stderr


def test_a_byte_order_mark_is_accepted() -> None:
    result = check_scenario_bytes("bom.yaml", b"\xef\xbb\xbf" + EXAMPLE)
    assert result.diagnostics == []
    assert result.scenario is not None


def test_many_plain_values_fail_fast_while_parsing() -> None:
    """500k plain values: refused by the count kept while composing, not after building data."""
    raw = b"a: [" + b"1," * 500_000 + b"1]\n"
    result = check_scenario_bytes("many.yaml", raw)
    assert [d.message for d in result.diagnostics] == [TOO_MANY_MESSAGE]


def test_the_pure_python_parser_gives_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The C parser is used when PyYAML has it; the fallback must read every bad file alike."""
    from coachdojo.scenario import yamlsource

    monkeypatch.setattr(yamlsource, "_Loader", yamlsource._PyLoader)
    for name, raw, expected in BAD_FILES:
        if len(raw) > 100_000:
            continue  # the fallback is slow on megabytes; the size guards are parser-independent
        assert _lines(check_scenario_bytes("x.yaml", raw)) == _expect(expected, "x.yaml"), name
    assert check_scenario_bytes("ok.yaml", EXAMPLE).diagnostics == []


# --- fixed bugs: each test was a strict xfail until the loader was fixed -----------------------


@pytest.mark.parametrize("raw", [b"~\n", b"null\n", b"---\n", b"--- # nothing here\n...\n"])
def test_null_document_is_an_error(tmp_path: Path, run_cli, raw: bytes) -> None:
    result = check_scenario_bytes("null.yaml", raw)
    assert result.scenario is None
    assert [str(d) for d in result.errors] == [f"null.yaml: error: {EMPTY_MESSAGE}"]
    path = tmp_path / "null.yaml"
    path.write_bytes(raw)
    done = run_cli("validate", path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"{path}: error: {EMPTY_MESSAGE}"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b"title: a\x07b\n",
            "the file contains a control character (U+0007) that YAML does not allow; remove it",
        ),
        (
            "title: a\ufffeb\n".encode(),
            "the file contains a character (U+FFFE) that YAML does not allow; remove it",
        ),
    ],
)
def test_control_character_is_located_on_one_line(raw: bytes, message: str) -> None:
    (diag,) = check_scenario_bytes("ctl.yaml", raw).diagnostics
    assert diag.severity == "error"
    assert (diag.line, diag.col) == (1, 9)
    assert "\n" not in str(diag)
    assert "<unicode string>" not in diag.message
    assert diag.message == message


def test_control_character_after_wide_characters_is_located_in_characters() -> None:
    (diag,) = check_scenario_bytes(
        "ctl.yaml", "title: ok\nsay: caf\u00e9 \U0001f600\x1bx\n".encode()
    ).diagnostics
    assert (diag.line, diag.col) == (2, 12)


# --- property tests: whatever comes in, the loader answers with diagnostics ------------------


def _assert_answers_with_a_load_result(raw: bytes) -> None:
    result = check_scenario_bytes("fuzz.yaml", raw)
    assert isinstance(result, LoadResult)
    assert all(
        isinstance(d, Diagnostic) and d.severity in {"error", "warning"} for d in result.diagnostics
    )
    if result.scenario is None:
        assert result.errors, "no scenario, yet no error"
    if result.scenario is not None:
        assert not result.errors
        lint(result.scenario)  # lint of anything that loads must not crash either


@st.composite
def mutated_example(draw: st.DrawFn) -> bytes:
    """The valid example after a few random edits: delete, duplicate or swap lines, replace
    characters, truncate."""
    lines = EXAMPLE.decode("utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "truncate"]))
        if not lines:
            break
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "replace":
            line = lines[i]
            k = draw(st.integers(min_value=0, max_value=max(len(line) - 1, 0)))
            char = draw(
                st.one_of(st.sampled_from(list(" \t:-#'\"[]{}&*!|>%@`,?\n")), st.characters())
            )
            lines[i] = line[:k] + char + line[k + 1 :]
        else:
            text = "".join(lines)
            cut = draw(st.integers(min_value=0, max_value=len(text)))
            lines = text[:cut].splitlines(keepends=True)
    return "".join(lines).encode("utf-8", errors="surrogatepass")


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    _assert_answers_with_a_load_result(raw)


@PROPERTY
@given(st.text(max_size=2048))
def test_arbitrary_text_never_raises(text: str) -> None:
    _assert_answers_with_a_load_result(text.encode("utf-8", errors="surrogatepass"))


@PROPERTY
@given(mutated_example())
def test_mutated_example_never_raises(raw: bytes) -> None:
    _assert_answers_with_a_load_result(raw)


@pytest.fixture(scope="module")
def scratch_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"


@PROPERTY
@given(
    raw=st.one_of(
        mutated_example(), st.binary(max_size=1024), st.text(max_size=1024).map(str.encode)
    )
)
def test_load_scenario_raises_nothing_but_scenario_error(scratch_file: Path, raw: bytes) -> None:
    scratch_file.write_bytes(raw)
    try:
        scenario = load_scenario(scratch_file)
    except ScenarioError as exc:
        assert all(isinstance(d, Diagnostic) for d in exc.diagnostics)
    else:
        assert scenario.id
