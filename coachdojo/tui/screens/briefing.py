"""BriefingScreen: who the coachee is, the situation and what to practise; Enter to begin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from coachdojo.scenario.model import Scenario
from coachdojo.tui.text import one_line
from coachdojo.tui.widgets.briefing_panel import BriefingPanel

if TYPE_CHECKING:
    from coachdojo.tui.app import CoachdojoApp


class BriefingScreen(Screen[None]):
    """The full briefing, then the conversation."""

    # The briefing text takes the focus (arrows scroll it) so Enter reaches the screen's
    # Begin binding and the footer shows it; a focused Button would keep Enter to itself.
    AUTO_FOCUS = "#briefing-body"
    BINDINGS = [
        Binding("enter", "begin", "Begin", id="briefing.begin", tooltip="Start the conversation"),
        Binding("escape", "back", "Back", id="briefing.back", tooltip="Back to the scenarios"),
    ]

    app: CoachdojoApp

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(id="briefing")
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        yield Static(f"Briefing · {one_line(self.scenario.title, 60)}", classes="title-bar", markup=False)
        with VerticalScroll(id="briefing-body"):
            yield BriefingPanel(self.scenario, full=True, id="briefing-text")
        with Horizontal(id="briefing-buttons"):
            yield Button("Begin the session", variant="primary", id="begin")
            yield Button("Back", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.warm_scorer()

    @work(thread=True, exclusive=True, group="warm-scorer")
    def warm_scorer(self) -> None:
        """Build the scorer's lexicon while the student reads, so the first reply is quick."""
        from coachdojo.scoring import default_scorer

        default_scorer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "begin":
            self.action_begin()
        else:
            self.action_back()

    def action_begin(self) -> None:
        self.app.begin_session(self.scenario)

    def action_back(self) -> None:
        self.app.back_to_picker()
