"""ConversationScreen: the session itself — the coachee's lines and the student's replies in a
scroll pinned to the bottom, a reply box that keeps focus, cues, coach mode, hints and rewind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from coachdojo.engine.session import EmptyReply, SessionOver, Step
from coachdojo.errors import CoachdojoError
from coachdojo.transcript import COACH
from coachdojo.tui.hints import hint, stage_name
from coachdojo.tui.practice import Practice
from coachdojo.tui.text import one_line
from coachdojo.tui.widgets.chat_turn import ChatTurn
from coachdojo.tui.widgets.cue import Cue
from coachdojo.tui.widgets.exchange import Exchange
from coachdojo.tui.widgets.rapport_meter import RapportMeter
from coachdojo.tui.widgets.saving_notice import SavingNotice
from coachdojo.tui.widgets.turn_counter import TurnCounter

if TYPE_CHECKING:
    from coachdojo.tui.app import CoachdojoApp


class ConversationScreen(Screen[None]):
    """Type a reply and press Enter; the coachee answers. Keys: see BINDINGS (and F1)."""

    AUTO_FOCUS = "#reply"
    BINDINGS = [
        Binding("ctrl+t,f2", "coach_mode", "Coach", id="conversation.coach_mode", tooltip="Show the tip and a better alternative under each reply"),
        Binding("ctrl+g,f3", "hint", "Hint", id="conversation.hint", tooltip="Suggest an open question for this moment"),
        Binding("ctrl+r,f4", "rewind", "Rewind", id="conversation.rewind", tooltip="Take back your last reply and try another"),
        Binding("ctrl+b,f5", "rapport", "Rapport", id="conversation.rapport", tooltip="Show or hide the rapport meter"),
        Binding("escape", "end", "End", id="conversation.end", tooltip="End the session now"),
    ]

    app: CoachdojoApp

    def __init__(self, practice: Practice) -> None:
        super().__init__(id="conversation")
        self.practice = practice
        self.coachee_name = practice.scenario.coachee.name
        self.hints_given = 0

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        practice = self.practice
        rapport = practice.rapport()
        with Horizontal(id="status"):
            yield Static(
                f"{one_line(self.coachee_name, 24)} · {one_line(practice.scenario.title, 60)}",
                markup=False,
                id="status-title",
            )
            yield TurnCounter(practice.turn, practice.scenario.max_turns, id="turns")
            if rapport is not None:
                yield RapportMeter(*rapport, id="rapport")
        yield SavingNotice(id="saving")
        with VerticalScroll(id="chat"):
            yield from self.earlier_widgets()
        with Horizontal(id="after-end", classes="hidden"):
            yield Button("See your report", variant="primary", id="see-report")
        yield Input(placeholder="Your reply… (Enter to send)", id="reply", max_length=10_000)
        yield Footer()

    def earlier_widgets(self) -> ComposeResult:
        """The opening, or the whole conversation so far when resuming."""
        practice = self.practice
        turns = practice.earlier_turns
        if not turns:
            yield ChatTurn(self.coachee_name, practice.opening_line, "coachee")
            return
        yield ChatTurn("", "Resumed: the conversation so far.", "note")
        n = 0
        index = 0
        while index < len(turns):
            turn = turns[index]
            if turn.speaker == COACH:
                n += 1
                reply = turns[index + 1] if index + 1 < len(turns) and turns[index + 1].speaker != COACH else None
                changes = practice.earlier_rapport_changes
                change = changes[n - 1] if n <= len(changes) else 0
                yield Exchange(
                    n, turn.text, turn.annotation, self.coachee_name, reply.text if reply else None, change,
                    details=self.has_class("coach-mode"),
                )
                index += 2 if reply else 1
            else:
                yield ChatTurn(self.coachee_name, turn.text, "coachee")
                index += 1

    def on_mount(self) -> None:
        self.query_one("#chat", VerticalScroll).anchor()
        self.show_saving()
        if self.practice.ended:
            self.session_over(None)

    # --- replying --------------------------------------------------------------------------------

    @on(Input.Submitted, "#reply")
    def send(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if not text.strip():
            return  # an empty reply is not a turn
        try:
            step = self.practice.reply(text)
        except EmptyReply:
            return
        except SessionOver:
            self.session_over(None)
            return
        event.input.clear()
        self.show_step(step)

    def show_step(self, step: Step) -> None:
        chat = self.query_one("#chat", VerticalScroll)
        chat.mount(
            Exchange(
                step.turn, step.student, step.annotation, self.coachee_name, step.coachee, step.rapport_change,
                details=self.has_class("coach-mode"),
            )
        )
        self.query_one(TurnCounter).turns = step.turn
        for meter in self.query(RapportMeter):
            meter.value = step.rapport
        self.show_saving()
        if step.ending is not None:
            self.session_over(step)

    def session_over(self, step: Step | None) -> None:
        """Show the coachee's last words and the debrief; offer the report."""
        chat = self.query_one("#chat", VerticalScroll)
        scenario = self.practice.scenario
        ending = step.ending if step is not None else scenario.endings.get(self.practice.session.state.ending or "")
        if step is not None and step.ending_line:
            chat.mount(ChatTurn(self.coachee_name, step.ending_line, "coachee"))
        if ending is not None:
            title = ending.title or ending.id.replace("_", " ")
            chat.mount(ChatTurn("Ending", f"{title} ({ending.kind})", "ending"))
            chat.mount(ChatTurn("Debrief", " ".join(ending.debrief.split()), "debrief"))
        reply = self.query_one("#reply", Input)
        reply.disabled = True
        reply.display = False
        self.query_one("#after-end").remove_class("hidden")
        self.query_one("#see-report", Button).focus()
        self.refresh_bindings()

    @on(Button.Pressed, "#see-report")
    def see_report(self) -> None:
        self.app.show_report(self.practice)

    def show_saving(self) -> None:
        self.query_one(SavingNotice).show(self.practice.saving_error)

    # --- keys ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("hint", "rewind", "end") and self.practice.ended:
            return None  # shown dimmed: the session is over
        if action == "rapport" and not self.practice.has_rapport:
            return False
        return True

    def action_coach_mode(self) -> None:
        on_now = not self.has_class("coach-mode")
        self.set_class(on_now, "coach-mode")
        for cue in self.query(Cue):
            cue.show_details(on_now)
        self.notify(
            "Coach mode on: tips and better alternatives under each reply."
            if on_now
            else "Coach mode off.",
            markup=False,
            timeout=3,
        )

    def action_hint(self) -> None:
        stage = self.practice.session.node.stage
        question = hint(stage, self.practice.session.history, self.hints_given)
        self.hints_given += 1
        chat = self.query_one("#chat", VerticalScroll)
        chat.mount(ChatTurn("Hint", f"({stage_name(stage)}) try an open question: {question}", "hint"))

    def action_rewind(self) -> None:
        reply = self.query_one("#reply", Input)
        exchanges = self.query(Exchange)
        taken = self.practice.rewind()
        if taken is None:
            self.notify("Nothing to take back yet.", markup=False, timeout=3)
            return
        chat = self.query_one("#chat", VerticalScroll)
        last = exchanges.last() if exchanges else None
        stale_hints = 0
        if last is not None:
            reply.value = last.student
            reply.cursor_position = len(reply.value)
            # Hints given after the reply taken back were built from the coachee's answer to it.
            after = chat.children[chat.children.index(last) + 1 :]
            for widget in after:
                if isinstance(widget, ChatTurn) and widget.has_class("hint"):
                    widget.remove()
                    stale_hints += 1
            last.remove()
        chat.mount(ChatTurn("", f"↶ Reply {taken} taken back (kept in the transcript). Try another.", "note"))
        if stale_hints:
            self.action_hint()  # a fresh hint, for the moment the conversation is back at
        self.query_one(TurnCounter).turns = self.practice.turn
        rapport = self.practice.rapport()
        if rapport is not None:
            for meter in self.query(RapportMeter):
                meter.value = rapport[0]
        self.show_saving()
        reply.focus()

    def action_rapport(self) -> None:
        for meter in self.query(RapportMeter):
            meter.display = not meter.display

    def action_end(self) -> None:
        from coachdojo.tui.screens.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.end_now()

        self.app.push_screen(
            ConfirmDialog("End the session now and see your report?", yes="End session", no="Keep going"),
            answered,
        )

    def end_now(self) -> None:
        try:
            self.practice.end_by_student()
        except CoachdojoError as exc:  # pragma: no cover - the writer never raises OSError
            self.notify(one_line(exc, 300), severity="error", markup=False)
        self.app.show_report(self.practice)
