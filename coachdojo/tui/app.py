"""The practice room: the Textual app, and `create_app`, the one factory the CLI and tests use."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from coachdojo.errors import CoachdojoError
from coachdojo.scenario.model import Scenario
from coachdojo.tui.practice import Practice
from coachdojo.tui.text import one_line


class CoachdojoApp(App[None]):
    """Picker → briefing → conversation → report, with history and help on the side."""

    CSS_PATH = "app.tcss"
    TITLE = "coachdojo"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Leave (ctrl+c too); every finished turn is already saved"),
        Binding("ctrl+c", "quit", "", show=False, priority=True, system=True),
        Binding("f1", "help", "Help", id="app.help", tooltip="List the keys"),
    ]

    def __init__(
        self,
        *,
        scenario: Scenario | None = None,
        seed: int = 0,
        start: str | None = None,
        overrides: dict[str, int] | None = None,
        data_dir: Path | None = None,
        resume: Path | None = None,
        library_paths: list[str | os.PathLike[str]] | None = None,
    ) -> None:
        super().__init__()
        from coachdojo.paths import data_dir as default_data_dir

        self.requested = scenario
        self.seed = seed
        self.start_node = start
        self.overrides = dict(overrides or {})
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.resume_path = Path(resume) if resume is not None else None
        self.library_paths = library_paths
        self.practice: Practice | None = None

    # --- where files go --------------------------------------------------------------------------

    @property
    def sessions_dir(self) -> Path:
        return self.data_dir / "sessions"

    @property
    def history_path(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    # --- start -----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        from coachdojo.tui.screens.picker import PickerScreen

        self.push_screen(PickerScreen())
        if self.resume_path is not None:
            self.resume_session(self.resume_path)
            return
        if self.requested is not None:
            self.open_briefing(self.requested)
        self.offer_resume()

    def offer_resume(self) -> None:
        """If a session was left unfinished (a crash, a closed terminal), offer to resume it."""
        from coachdojo.store import abandon, unfinished_sessions
        from coachdojo.tui.screens.resume import ResumeDialog

        unfinished = unfinished_sessions(self.sessions_dir)
        if not unfinished:
            return
        info = unfinished[0]

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self.resume_session(info.path)
            elif choice == "discard":
                if abandon(info.path):
                    self.notify("Discarded. The transcript is kept but will not be offered again.", markup=False)
                else:
                    self.notify(f"Could not mark {one_line(info.path, 200)} as discarded.", severity="error", markup=False)

        self.push_screen(ResumeDialog(info), chosen)

    def resume_session(self, path: Path) -> None:
        """Continue the unfinished session in `path`; if its scenario changed, offer a fresh start."""
        from coachdojo.store import abandon, resume_point
        from coachdojo.tui.practice import scenario_for
        from coachdojo.tui.screens.confirm import ConfirmDialog

        try:
            point = resume_point(path)
        except CoachdojoError as exc:
            self.notify(f"Cannot resume: {one_line(exc, 300)}", severity="error", markup=False, timeout=10)
            return
        for warning in point.warnings:
            self.notify(one_line(warning, 300), severity="warning", markup=False, timeout=10)
        scenario, changed, problem = scenario_for(point)
        if scenario is None:
            self.notify(f"Cannot resume: {one_line(problem or 'scenario not found', 300)}", severity="error", markup=False, timeout=10)
            return
        if changed:
            title = one_line(point.scenario_title or point.scenario_id, 60)

            def fresh(yes: bool | None) -> None:
                if yes:
                    abandon(point.path)
                    self.open_briefing(scenario)

            self.push_screen(
                ConfirmDialog(
                    f"The scenario “{title}” has changed since this session began, so it cannot be "
                    "resumed where it stopped. Start it afresh? (The old transcript is kept.)",
                    yes="Start afresh",
                    no="Not now",
                ),
                fresh,
            )
            return
        try:
            practice = Practice.resume(point, scenario)
        except CoachdojoError as exc:
            self.notify(f"Cannot resume: {one_line(exc, 300)}", severity="error", markup=False, timeout=10)
            return
        self.start_conversation(practice)

    # --- moving between screens -------------------------------------------------------------------

    def open_briefing(self, scenario: Scenario) -> None:
        from coachdojo.tui.screens.briefing import BriefingScreen

        self.push_screen(BriefingScreen(scenario))

    def begin_session(self, scenario: Scenario) -> None:
        """Start a new session of `scenario` (the CLI's --seed/--from/--set apply to the one it named)."""
        named = self.requested is not None and scenario.id == self.requested.id
        try:
            practice = Practice.begin(
                scenario,
                seed=self.seed,
                start=self.start_node if named else None,
                overrides=self.overrides if named else None,
                sessions_dir=self.sessions_dir,
            )
        except CoachdojoError as exc:
            self.notify(one_line(exc, 300), severity="error", markup=False, timeout=10)
            return
        self.start_conversation(practice)

    def start_conversation(self, practice: Practice) -> None:
        from coachdojo.tui.screens.conversation import ConversationScreen
        from coachdojo.tui.screens.picker import PickerScreen

        if self.practice is not None:
            self.practice.close()
        self.practice = practice
        screen = ConversationScreen(practice)
        if isinstance(self.screen, PickerScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def show_report(self, practice: Practice) -> None:
        from coachdojo.tui.screens.report import ReportScreen

        transcript = practice.transcript()
        practice.close()
        self.switch_screen(ReportScreen(transcript, record=practice.ended, start_rapport=practice.start_rapport))

    def back_to_picker(self) -> None:
        from coachdojo.tui.screens.picker import PickerScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, PickerScreen):
            self.pop_screen()

    def action_history(self) -> None:
        from coachdojo.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_help(self) -> None:
        from coachdojo.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    # --- the command palette ----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from coachdojo.tui.screens.conversation import ConversationScreen
        from coachdojo.tui.screens.report import ReportScreen

        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys", "List every key of every screen", self.action_help)
        yield SystemCommand("History", "Past sessions, first/best/latest, trend lines", self.action_history)
        yield SystemCommand("Light or dark", "Switch between the light and dark theme", self.action_toggle_theme)
        if isinstance(screen, ConversationScreen):
            yield SystemCommand("Coach mode", "Show or hide tips and better alternatives", screen.action_coach_mode)
            yield SystemCommand("Hint", "Suggest an open question for this moment", screen.action_hint)
            yield SystemCommand("Rewind", "Take back your last reply", screen.action_rewind)
            yield SystemCommand("Rapport meter", "Show or hide the rapport meter", screen.action_rapport)
            yield SystemCommand("End session", "End now and see the report", screen.action_end)
        if isinstance(screen, ReportScreen):
            yield SystemCommand("Export Markdown", "Save the report as Markdown", lambda: screen.action_export("md"))
            yield SystemCommand("Export HTML", "Save the report as HTML", lambda: screen.action_export("html"))
            yield SystemCommand("Export JSON", "Save the report as JSON", lambda: screen.action_export("json"))

    def on_unmount(self) -> None:
        if self.practice is not None:
            self.practice.close()


def create_app(
    scenario: Scenario | str | None = None,
    seed: int = 0,
    start: str | None = None,
    overrides: dict[str, int] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    *,
    resume: str | os.PathLike[str] | None = None,
    library_paths: list[str | os.PathLike[str]] | None = None,
) -> CoachdojoApp:
    """The app, for the CLI and the tests alike.

    `scenario` (a Scenario, or an id or path) opens its briefing; None opens the picker.
    `data_dir` defaults to $COACHDOJO_HOME or the platform's data folder. `resume` continues the
    unfinished session in that transcript. `library_paths` lists the picker's scenario folders
    (default: the bundled library). Raises CoachdojoError for an unknown scenario.
    """
    if isinstance(scenario, str):
        from coachdojo.library import find_scenario

        scenario = find_scenario(scenario)
    return CoachdojoApp(
        scenario=scenario,
        seed=seed,
        start=start,
        overrides=overrides,
        data_dir=Path(data_dir) if data_dir is not None else None,
        resume=Path(resume) if resume is not None else None,
        library_paths=library_paths,
    )
