"""HelpScreen: every key of every screen, read from the screens' own bindings."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from coachdojo.tui.widgets.hanging_text import HangingText

KEY_COLUMN = 19  # where a key's description starts: "  " + 16 for the keys + " "


def key_table(app_bindings: Sequence[Binding | tuple[str, ...]], display: Callable[[str], str]) -> str:
    """The keys of each screen as plain text lines (generated, so never out of date)."""
    return "\n".join(text for text, _indent in key_lines(app_bindings, display))


def key_lines(
    app_bindings: Sequence[Binding | tuple[str, ...]], display: Callable[[str], str]
) -> list[tuple[str, int]]:
    """key_table's lines, each with the column a wrapped continuation starts at."""
    from coachdojo.tui.screens.briefing import BriefingScreen
    from coachdojo.tui.screens.conversation import ConversationScreen
    from coachdojo.tui.screens.history import HistoryScreen
    from coachdojo.tui.screens.picker import PickerScreen
    from coachdojo.tui.screens.report import ReportScreen

    sections = [
        ("Everywhere", list(app_bindings)),
        ("Scenarios", PickerScreen.BINDINGS),
        ("Briefing", BriefingScreen.BINDINGS),
        ("Conversation", ConversationScreen.BINDINGS),
        ("Report", ReportScreen.BINDINGS),
        ("History", HistoryScreen.BINDINGS),
    ]
    lines: list[tuple[str, int]] = []
    for title, bindings in sections:
        lines.append((title, 2))
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = " / ".join(display(k.strip()) for k in binding.key.split(","))
            what = binding.tooltip or binding.description
            lines.append((f"  {keys:<16} {what}", max(KEY_COLUMN, len(keys) + 3)))
        lines.append(("", 0))
    lines.append(("In the conversation, type your reply and press Enter. An empty reply does nothing.", 0))
    lines.append(("Glyphs after a reply: ✓ listening move, ✗ directive move, ~ watch this, · other.", 0))
    return lines


class HelpScreen(ModalScreen[None]):
    """The keys; Escape, F1 or q closes it."""

    BINDINGS = [Binding("escape,f1,q", "app.pop_screen", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        app = self.app
        lines = key_lines(list(type(app).BINDINGS), lambda key: app.get_key_display(Binding(key, "")))
        with Vertical(classes="dialog help-dialog"):
            yield Static("Keys", classes="dialog-title", markup=False)
            with VerticalScroll(id="help-body"):
                yield HangingText(lines, id="help-text")
            yield Static("Escape closes this.", markup=False, classes="dialog-help")
        yield Footer()
