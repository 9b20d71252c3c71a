"""SavingNotice: a persistent line saying the session is not being saved, and why."""

from __future__ import annotations

from textual.widgets import Static

from coachdojo.tui.text import one_line


class SavingNotice(Static):
    """Hidden while all is well; shows "Not saving: …" (literally) once writing fails."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id, classes="hidden")
        self.message: str | None = None

    def show(self, message: str | None) -> None:
        """Show `message` (None hides the notice)."""
        if message == self.message:
            return
        self.message = message
        self.update(one_line(message or "", 400))
        self.set_class(message is None, "hidden")
