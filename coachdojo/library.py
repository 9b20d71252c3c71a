"""The scenario library: find scenarios by id or path, bundled or the trainer's own."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coachdojo.errors import CoachdojoError, ScenarioError
from coachdojo.paths import bundled_scenarios_dir
from coachdojo.scenario import LoadResult, Scenario, check_scenario_file, scenario_files


@dataclass(frozen=True)
class LibraryEntry:
    """One scenario file of a library, loaded or not."""

    path: Path
    result: LoadResult

    @property
    def scenario(self) -> Scenario | None:
        return self.result.scenario


def load_library(paths: list[str | os.PathLike[str]] | None = None) -> list[LibraryEntry]:
    """Every scenario file under `paths` (default: the bundled library), in a stable order."""
    files = scenario_files(list(paths) if paths else [bundled_scenarios_dir()])
    return [LibraryEntry(f, check_scenario_file(f)) for f in files]


def find_scenario(name: str) -> Scenario:
    """A scenario by file path, or by id in the bundled library; raises CoachdojoError."""
    candidate = Path(name)
    if candidate.suffix in {".yaml", ".yml"} or candidate.exists():
        result = check_scenario_file(candidate)
        if result.scenario is None:
            raise ScenarioError(result.errors)
        return result.scenario
    entries = load_library()
    for entry in entries:
        if entry.scenario is not None and entry.scenario.id == name:
            return entry.scenario
    known = sorted(e.scenario.id for e in entries if e.scenario is not None)
    from coachdojo.scenario.schema import did_you_mean

    raise CoachdojoError(
        f"no scenario '{name}'{did_you_mean(name, known)}; known scenarios: {', '.join(known) or 'none'}"
    )
