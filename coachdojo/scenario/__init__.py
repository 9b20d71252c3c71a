"""Scenario files: loading with located errors, the model, lint, JSON Schema and graph export."""

from coachdojo.scenario.lint import lint
from coachdojo.scenario.loader import (
    LoadResult,
    check_scenario_bytes,
    check_scenario_file,
    load_scenario,
    scenario_files,
)
from coachdojo.scenario.model import Scenario
from coachdojo.scenario.schema import SCHEMA

__all__ = [
    "SCHEMA",
    "LoadResult",
    "Scenario",
    "check_scenario_bytes",
    "check_scenario_file",
    "lint",
    "load_scenario",
    "scenario_files",
]
