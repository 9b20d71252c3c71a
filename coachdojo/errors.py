"""Typed errors a user can cause, each carrying messages a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in a file: where it is, how bad, and what was expected."""

    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    col: int  # 1-based
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{self.path}: {self.severity}: {self.message}"


class CoachdojoError(Exception):
    """Base class: an error caused by input, with a message fit to show a user."""


class ScenarioError(CoachdojoError):
    """A scenario file could not be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class TranscriptError(CoachdojoError):
    """A transcript could not be read."""


class GoldFileError(CoachdojoError):
    """A labelled (gold) file could not be read."""
