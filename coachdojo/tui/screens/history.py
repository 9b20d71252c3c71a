"""HistoryScreen: past sessions; first, best and latest per scenario; trend lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from coachdojo.tui.messages import HistoryLoaded
from coachdojo.tui.text import one_line
from coachdojo.tui.widgets.trend import Trend

if TYPE_CHECKING:
    from coachdojo.tui.app import CoachdojoApp


def _num(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


class HistoryScreen(Screen[None]):
    """Loaded in a worker from the SQLite history."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="history.back")]

    app: CoachdojoApp

    def __init__(self) -> None:
        super().__init__(id="history")

    def compose(self) -> ComposeResult:
        yield Static("History · your sessions and progress", classes="title-bar", markup=False)
        with VerticalScroll(id="history-body"):
            yield Static("Loading…", markup=False, id="history-status")
            yield Trend("Non-directive index", id="trend-index")
            yield Trend("Reflections per question", digits=2, id="trend-ratio")
            yield Static("Per scenario (non-directive index)", classes="section-title", markup=False)
            yield DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)
            yield Static("Sessions", classes="section-title", markup=False)
            yield DataTable(id="sessions-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        progress = self.query_one("#progress-table", DataTable)
        for name in ("Scenario", "Sessions", "First", "Best", "Latest"):
            progress.add_column(name, key=name.lower())
        sessions = self.query_one("#sessions-table", DataTable)
        for name in ("Started", "Scenario", "Ending", "Replies", "Index", "R:Q"):
            sessions.add_column(name, key=name.lower())
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        from coachdojo.store import HistoryError, open_history

        try:
            history, message = open_history(self.app.history_path)
            with history:
                sessions = history.sessions()
                progress = history.progress()
        except HistoryError as exc:
            self.post_message(HistoryLoaded([], [], str(exc)))
            return
        self.post_message(HistoryLoaded(sessions, progress, message))

    @on(HistoryLoaded)
    def show(self, message: HistoryLoaded) -> None:
        status = self.query_one("#history-status", Static)
        if message.problem:
            self.notify(one_line(message.problem, 400), severity="warning", markup=False, timeout=10)
        count = len(message.sessions)
        status.update(
            f"{count} finished session{'s' * (count != 1)}." if count else "No finished sessions yet: pick a scenario and practise."
        )
        self.query_one("#trend-index", Trend).show([s.non_directive_index for s in message.sessions])
        self.query_one("#trend-ratio", Trend).show([s.reflection_question_ratio for s in message.sessions])
        table = self.query_one("#progress-table", DataTable)
        table.clear()
        for p in message.progress:
            table.add_row(
                Text(one_line(p.scenario_title or p.scenario_id, 36)),
                Text(str(p.count), justify="right"),
                Text(_num(p.first.non_directive_index), justify="right"),
                Text(_num(p.best.non_directive_index if p.best else None), justify="right"),
                Text(_num(p.latest.non_directive_index), justify="right"),
            )
        sessions = self.query_one("#sessions-table", DataTable)
        sessions.clear()
        for s in reversed(message.sessions):  # newest first
            sessions.add_row(
                Text(one_line((s.started_at or "").replace("T", " ")[:16], 16)),
                Text(one_line(s.scenario_title or s.scenario_id, 30)),
                Text(one_line(s.ending or "–", 16)),
                Text(_num(s.turns), justify="right"),
                Text(_num(s.non_directive_index), justify="right"),
                Text(_num(s.reflection_question_ratio, 2), justify="right"),
            )
