"""The wheel ships every package and data file, and an installed coachdojo finds its scenarios."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_is_listed_for_the_wheel():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "coachdojo").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"add to pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"


def test_every_data_file_is_declared_as_package_data():
    package_data = _pyproject()["tool"]["setuptools"]["package-data"]
    for path in (ROOT / "coachdojo").rglob("*"):
        if path.is_file() and path.suffix in {".yaml", ".tcss", ".json"} and "__pycache__" not in path.parts:
            package = ".".join(path.parent.relative_to(ROOT).parts)
            patterns = package_data.get(package, [])
            assert any(path.match(p) for p in patterns), f"{path.relative_to(ROOT)} is not in package-data"


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a checkout")
def test_installed_wheel_finds_the_bundled_library(tmp_path):
    """Build the wheel, install it into a fresh virtual environment, and list the library."""
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr[-300:]}")
    wheel = next(wheel_dir.glob("coachdojo-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "coachdojo/commands/scenarios.py",
        "coachdojo/tui/app.tcss",
        "coachdojo/scoring/lexicon.yaml",
        "coachdojo/engine/student_bank.yaml",
        "coachdojo/report/lexicon.yaml",
        "coachdojo/bundled_scenarios/new-team-lead.yaml",
    ):
        assert needed in names, needed
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    listing = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); from coachdojo.cli import main; raise SystemExit(main(['list', '--json']))", str(target)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert listing.returncode == 0, listing.stderr
    assert str(target) in listing.stdout and "new-team-lead" in listing.stdout
