"""PickerScreen: the scenario library, filtered by typing, with the selected briefing beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from coachdojo.tui.messages import LibraryLoaded, ProgressLoaded
from coachdojo.tui.text import one_line
from coachdojo.tui.widgets.briefing_panel import BriefingPanel
from coachdojo.tui.widgets.scenario_table import ScenarioTable

if TYPE_CHECKING:
    from coachdojo.tui.app import CoachdojoApp


class PickerScreen(Screen[None]):
    """Type to filter; ↑/↓ to choose; Enter to read the briefing."""

    AUTO_FOCUS = "#filter"
    BINDINGS = [
        Binding("enter", "start", "Start", id="picker.start", tooltip="Read the briefing of the selected scenario"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("f2", "app.history", "History", id="picker.history", tooltip="Your past sessions and progress"),
    ]

    app: CoachdojoApp

    def __init__(self) -> None:
        super().__init__(id="picker")
        self.scenarios: list[Any] = []
        self.progress: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Static("coachdojo · the practice room — choose a scenario", classes="title-bar", markup=False)
        yield Input(placeholder="Type to filter (title, tag, level)…", id="filter")
        with Vertical(id="picker-body"):
            yield ScenarioTable(id="scenarios")
            with VerticalScroll(id="picker-briefing"):
                yield BriefingPanel(None, full=False, id="picker-briefing-text")
        yield Static("Loading scenarios…", id="picker-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load_library()
        self.load_progress()

    def on_screen_resume(self) -> None:
        if self.scenarios:
            self.load_progress()

    # --- workers ---------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        from coachdojo.library import load_library

        entries = load_library(self.app.library_paths)
        problems = [str(d) for e in entries if e.scenario is None for d in e.result.errors[:1]]
        self.post_message(LibraryLoaded([e.scenario for e in entries if e.scenario], problems))

    @work(thread=True, exclusive=True, group="progress")
    def load_progress(self) -> None:
        from coachdojo.store import History, HistoryError

        path = self.app.history_path
        if not path.exists():
            self.post_message(ProgressLoaded([]))
            return
        try:
            with History(path) as history:
                progress = history.progress()
        except HistoryError as exc:
            self.post_message(ProgressLoaded([], str(exc)))
            return
        self.post_message(ProgressLoaded(progress))

    @on(LibraryLoaded)
    def library_loaded(self, message: LibraryLoaded) -> None:
        self.scenarios = message.entries
        self.refill()
        count = len(self.scenarios)
        status = f"{count} scenario{'s' * (count != 1)}. ↑/↓ to choose, Enter to read the briefing."
        if message.problems:
            status += f" {len(message.problems)} file(s) could not be read: run `coachdojo validate`."
        self.query_one("#picker-status", Static).update(status)
        self.show_selected()

    @on(ProgressLoaded)
    def progress_loaded(self, message: ProgressLoaded) -> None:
        self.progress = {p.scenario_id: p for p in message.progress}
        if message.problem:
            self.notify(one_line(message.problem, 300), severity="warning", markup=False)
        if self.scenarios:
            self.refill()

    # --- filtering and choosing -------------------------------------------------------------------

    def refill(self) -> None:
        query = self.query_one("#filter", Input).value
        self.query_one(ScenarioTable).fill(self.scenarios, query, self.progress)
        self.show_selected()

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.action_start()

    @on(DataTable.RowHighlighted)
    def show_selected(self) -> None:
        self.query_one(BriefingPanel).show(self.query_one(ScenarioTable).current())

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_start()

    def action_move(self, delta: int) -> None:
        table = self.query_one(ScenarioTable)
        if delta < 0:
            table.action_cursor_up()
        else:
            table.action_cursor_down()

    def action_start(self) -> None:
        scenario = self.query_one(ScenarioTable).current()
        if scenario is None:
            self.notify("No scenario matches the filter.", severity="warning", markup=False)
            return
        self.app.open_briefing(scenario)
