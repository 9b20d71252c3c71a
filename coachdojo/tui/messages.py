"""Small messages that workers post back to the screens that started them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message


@dataclass
class LibraryLoaded(Message):
    """The scenario library was read: the loaded entries and the files that failed."""

    entries: list[Any]
    problems: list[str] = field(default_factory=list)


@dataclass
class ProgressLoaded(Message):
    """The history's per-scenario progress (for the picker's last and best columns)."""

    progress: list[Any]
    problem: str | None = None


@dataclass
class HistoryLoaded(Message):
    """The history: every session (oldest first) and the per-scenario progress."""

    sessions: list[Any]
    progress: list[Any]
    problem: str | None = None


@dataclass
class ReportReady(Message):
    """The report of the session is built (and the session recorded in the history)."""

    report: Any
    text: str
    notice: str | None = None


@dataclass
class ReportFailed(Message):
    """The report could not be built."""

    error: str
