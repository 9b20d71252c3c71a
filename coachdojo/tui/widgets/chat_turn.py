"""ChatTurn: one thing said in the conversation (coachee, student, hint or note), shown literally."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coachdojo.tui.text import visible


class ChatTurn(Static):
    """A speaker's name in bold and their words as plain text (never markup, never escapes).

    `kind` is a CSS class: "coachee", "student", "hint", "note", "ending" or "debrief".
    """

    def __init__(self, speaker: str, text: str, kind: str, *, id: str | None = None) -> None:
        content = Content.from_markup("[b]$speaker[/b]  $text", speaker=visible(speaker), text=visible(text))
        super().__init__(content, markup=False, classes=f"turn {kind}", id=id)
        self.speaker = speaker
        self.text = text
