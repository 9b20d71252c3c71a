"""ResumeDialog: an unfinished session was found; resume it, start fresh, or discard it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from coachdojo.store import SessionInfo
from coachdojo.tui.text import one_line


def describe(info: SessionInfo) -> str:
    """"Priya says yes to everything, started 2025-05-01 14:22 UTC, 3 replies"."""
    title = one_line(info.scenario_title or info.scenario_id or "a scenario", 60)
    when = (info.started_at or "").replace("T", " ")[:16]
    replies = f"{info.turns} repl{'y' if info.turns == 1 else 'ies'}"
    return f"{title}, started {when} UTC, {replies}" if when else f"{title}, {replies}"


class ResumeDialog(ModalScreen[str]):
    """Dismisses with "resume", "fresh" (leave it for later) or "discard" (close it for good)."""

    BINDINGS = [Binding("escape", "choose('fresh')", "Not now", id="resume.later")]

    def __init__(self, info: SessionInfo) -> None:
        super().__init__(classes="dialog-screen")
        self.info = info

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("You have an unfinished session:", classes="dialog-title", markup=False)
            yield Static(describe(self.info), markup=False, classes="dialog-text", id="resume-what")
            yield Static(
                "Resume it where you left off, start something fresh (it stays for later), "
                "or discard it (the transcript is kept, but not offered again).",
                markup=False,
                classes="dialog-help",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume", variant="primary", id="resume")
                yield Button("Start fresh", id="fresh")
                yield Button("Discard", variant="error", id="discard")
        yield Footer()  # this dialog's keys, not the screen's behind it

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "fresh")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
