"""Shared fixtures: keep the developer's own data out of tests, and run the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(autouse=True)
def coachdojo_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point COACHDOJO_HOME at a fresh folder so no test reads or writes the real user data."""
    home = tmp_path_factory.mktemp("coachdojo-home")
    monkeypatch.setenv("COACHDOJO_HOME", str(home))
    return home


@pytest.fixture
def run_cli(coachdojo_home: Path) -> RunCli:
    """Run `python -m coachdojo ARGS...` in a subprocess from the repository root.

    Returns the CompletedProcess with text stdout/stderr. Extra keyword arguments go to
    subprocess.run (for example `input=` or `cwd=`); `env=` entries are added to the environment.
    """

    def run(
        *args: str | os.PathLike[str], env: dict[str, str] | None = None, **kwargs: object
    ) -> subprocess.CompletedProcess[str]:
        full_env = {
            **os.environ,
            "COACHDOJO_HOME": str(coachdojo_home),
            "PYTHONIOENCODING": "utf-8",
        }
        full_env.update(env or {})
        options: dict[str, object] = {"cwd": REPO_ROOT, "timeout": 60}
        options.update(kwargs)
        return subprocess.run(
            [sys.executable, "-m", "coachdojo", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=full_env,
            check=False,
            **options,  # type: ignore[arg-type]
        )

    return run
