"""ReportScreen: the report builder's report on this session, with charts, and exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Sparkline, Static

from coachdojo.errors import CoachdojoError
from coachdojo.transcript import Transcript
from coachdojo.tui.messages import ReportFailed, ReportReady
from coachdojo.tui.practice import NOTHING_TO_RECORD
from coachdojo.tui.text import one_line, visible
from coachdojo.tui.widgets.band_chart import BandChart
from coachdojo.tui.widgets.code_bars import CodeBars

if TYPE_CHECKING:
    from coachdojo.tui.app import CoachdojoApp

FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "json": "JSON"}


def rapport_caption(start: int | None, after: list[float]) -> str:
    """"started at 5, ended at 7 (low 4, high 7)": rapport in words, the start included."""
    if not after:
        return "no rapport recorded for this session" if start is None else f"started at {start}, no replies"
    values = after if start is None else [float(start), *after]
    head = f"from {after[0]:.0f}" if start is None else f"started at {start}"
    return f"{head}, ended at {values[-1]:.0f} (low {min(values):.0f}, high {max(values):.0f})"


class ReportScreen(Screen[None]):
    """Built in a worker; the session is recorded in the history at the same time."""

    BINDINGS = [
        Binding("m", "export('md')", "MD", id="report.markdown", tooltip="Export the report as Markdown"),
        Binding("h", "export('html')", "HTML", id="report.html", tooltip="Export the report as HTML"),
        Binding("j", "export('json')", "JSON", id="report.json", tooltip="Export the report as JSON"),
        Binding("y", "app.history", "History", id="report.history", tooltip="Your past sessions"),
        Binding("escape", "done", "Back", id="report.done", tooltip="Back to the scenarios"),
    ]

    app: CoachdojoApp

    def __init__(self, transcript: Transcript, *, record: bool = True, start_rapport: int | None = None) -> None:
        super().__init__(id="report")
        self.transcript = transcript
        self.record = record
        self.start_rapport = start_rapport  # rapport before the first reply, when the app knows it
        self.report: Any = None

    def compose(self) -> ComposeResult:
        title = self.transcript.scenario_title or self.transcript.scenario_id or "session"
        yield Static(f"Report · {one_line(title, 60)}", classes="title-bar", markup=False)
        with VerticalScroll(id="report-body"):
            yield LoadingIndicator(id="report-loading")
            yield Static("", markup=False, id="report-headline")
            yield Static("Techniques used", classes="section-title", markup=False)
            yield CodeBars(id="report-codes")
            yield Static("Rapport over the turns", classes="section-title", markup=False)
            yield Static("", markup=False, id="rapport-caption")
            yield Sparkline([0.0], id="rapport-line", summary_function=max)
            yield Static("MITI bands", classes="section-title", markup=False)
            yield BandChart(id="report-bands")
            yield Static("The full report", classes="section-title", markup=False)
            yield Static("", markup=False, id="report-text")
        yield Footer()

    def on_mount(self) -> None:
        self.build(max(40, min(100, self.app.size.width - 4)))

    @work(thread=True, exclusive=True, group="report")
    def build(self, width: int) -> None:
        from coachdojo.report import build_report, render
        from coachdojo.tui.practice import record_history

        try:
            report = build_report(self.transcript)
            text = render(report, "text", width=width)
        except CoachdojoError as exc:
            self.post_message(ReportFailed(str(exc)))
            return
        notice = record_history(self.transcript, report, self.app.history_path) if self.record else None
        self.post_message(ReportReady(report, text, notice))

    @on(ReportReady)
    def show(self, message: ReportReady) -> None:
        report = self.report = message.report
        self.query_one("#report-loading").display = False
        m = report.metrics
        if m.coach_turns:
            headline = (
                f"Non-directive index {m.non_directive_index:.0f}/100 · "
                f"{m.coach_turns} repl{'y' if m.coach_turns == 1 else 'ies'}"
                + (f" · {m.rewound_turns} taken back" if m.rewound_turns else "")
            )
        else:
            headline = "No replies, so nothing to score" + (" and nothing to record yet" if self.record else "")
        if report.ending:
            headline += f" · ending: {visible(report.ending)}"
        self.query_one("#report-headline", Static).update(headline)
        self.query_one(CodeBars).show(m.code_counts)
        points = [float(r) for _n, r in report.rapport]
        self.query_one("#rapport-caption", Static).update(rapport_caption(self.start_rapport, points))
        if self.start_rapport is not None:
            points = [float(self.start_rapport), *points]
        line = self.query_one("#rapport-line", Sparkline)
        line.data = points * 2 if len(points) == 1 else points or [0.0, 0.0]
        line.styles.width = max(12, 3 * len(points))
        self.query_one(BandChart).show(report.bands)
        self.query_one("#report-text", Static).update(visible(message.text))
        if message.notice == NOTHING_TO_RECORD:
            self.notify(NOTHING_TO_RECORD, markup=False, timeout=8)
        elif message.notice:
            self.notify(one_line(message.notice, 400), severity="warning", markup=False, timeout=10)

    @on(ReportFailed)
    def failed(self, message: ReportFailed) -> None:
        self.query_one("#report-loading").display = False
        self.query_one("#report-text", Static).update("The report could not be built: " + visible(message.error))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export" and self.report is None:
            return None
        return True

    def action_export(self, fmt: str) -> None:
        from coachdojo.tui.practice import export_report

        if self.report is None:
            return
        stem = self.report.session_id or Path(self.transcript.source or "session").stem
        try:
            path = export_report(self.report, fmt, self.app.exports_dir, stem)
        except CoachdojoError as exc:
            self.notify(one_line(exc, 400), severity="error", markup=False, timeout=10)
            return
        self.notify(f"{FORMAT_NAMES[fmt]} report saved to {visible(path)}", markup=False, timeout=8)

    def action_done(self) -> None:
        self.app.back_to_picker()
