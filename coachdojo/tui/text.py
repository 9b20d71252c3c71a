"""Untrusted text (scenario lines, replies, error messages, file paths) made safe to show literally.

Widgets are given these strings with markup off; this module also makes control characters and
terminal escape sequences visible (ESC becomes "␛") so they are shown, never obeyed.
"""

from __future__ import annotations

_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(32) if code not in (9, 10)}
_TABLE[9] = "    "  # a tab, as four spaces
_TABLE[0x7F] = "\u2421"  # DEL
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls (CSI and friends)
# Bidirectional overrides and isolates could reorder what is shown: make them visible too.
_TABLE.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def visible(text: object) -> str:
    """`text` as a string with every control character replaced by a visible symbol.

    Newlines are kept; tabs become four spaces; ESC becomes "␛", so "\\x1b[31mred" is shown
    as "␛[31mred" and colours nothing.
    """
    return str(text).translate(_TABLE)


def one_line(text: object, limit: int = 80) -> str:
    """`visible(text)` on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= limit else flat[: max(1, limit - 1)] + "…"
