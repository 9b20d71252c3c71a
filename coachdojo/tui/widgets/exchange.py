"""Exchange: one student reply, its cue and the coachee's answer — the unit a rewind takes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from coachdojo.transcript import Annotation
from coachdojo.tui.widgets.chat_turn import ChatTurn
from coachdojo.tui.widgets.cue import Cue


class Exchange(Vertical):
    """The student's turn n, the cue on it, and what the coachee said back."""

    def __init__(
        self,
        n: int,
        student: str,
        annotation: Annotation | None,
        coachee_name: str,
        coachee: str | None,
        rapport_change: int = 0,
        *,
        details: bool = False,
    ) -> None:
        super().__init__(classes="exchange")
        self.n = n
        self.student = student
        self.annotation = annotation
        self.coachee_name = coachee_name
        self.coachee = coachee
        self.rapport_change = rapport_change
        self.details = details

    def compose(self) -> ComposeResult:
        yield ChatTurn(f"You ({self.n})", self.student, "student")
        yield Cue(self.annotation, self.rapport_change, details=self.details)
        if self.coachee:
            yield ChatTurn(self.coachee_name, self.coachee, "coachee")
