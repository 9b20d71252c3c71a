"""Where things live: the bundled scenario library and the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

# A wheel installs the scenarios/ folder as coachdojo/bundled_scenarios (see pyproject.toml).
_INSTALLED_SCENARIOS = Path(__file__).resolve().parent / "bundled_scenarios"
_CHECKOUT_SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def bundled_scenarios_dir() -> Path:
    """The folder of scenarios shipped with coachdojo, from an installed wheel or a checkout."""
    if _INSTALLED_SCENARIOS.is_dir() and any(_INSTALLED_SCENARIOS.glob("*.yaml")):
        return _INSTALLED_SCENARIOS
    return _CHECKOUT_SCENARIOS


def data_dir() -> Path:
    """The user's coachdojo data folder: $COACHDOJO_HOME, else the platform's user data dir."""
    home = os.environ.get("COACHDOJO_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("coachdojo", appauthor=False))
