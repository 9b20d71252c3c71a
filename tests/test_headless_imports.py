"""Only coachdojo.tui may import Textual: the headless packages load without it."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
HEADLESS = [
    "coachdojo.scenario",
    "coachdojo.scoring",
    "coachdojo.engine",
    "coachdojo.report",
    "coachdojo.store",
]

# Imports the package (which must work), then each module inside it as far as it imports
# (a module still being written is another test's business), and reports what got loaded.
PROBE = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
broken = []
for info in pkgutil.walk_packages(getattr(package, "__path__", []), prefix=package.__name__ + ".", onerror=broken.append):
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        broken.append(f"{info.name}: {exc!r}")
print(json.dumps({"textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual"), "broken": broken}))
"""


def test_scenario_package_exists() -> None:
    assert importlib.util.find_spec("coachdojo.scenario") is not None


@pytest.mark.parametrize("package", HEADLESS)
def test_headless_package_does_not_load_textual(package: str) -> None:
    if importlib.util.find_spec(package) is None:
        pytest.skip(f"{package} does not exist yet")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, package],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["textual"] == [], (
        f"{package} loads Textual (modules that failed to import: {report['broken']})"
    )


def test_cli_help_does_not_load_textual() -> None:
    """`coachdojo --help` and the scenario commands import the TUI lazily, if at all."""
    code = "import sys; from coachdojo.cli import build_parser; build_parser(); print('textual' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
