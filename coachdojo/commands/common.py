"""Helpers shared by the command modules: exit codes and output."""

from __future__ import annotations

import sys

from coachdojo.errors import CoachdojoError

EXIT_OK, EXIT_FOUND_WANTING, EXIT_USAGE = 0, 1, 2


def out(text: str = "") -> None:
    sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))


def err(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")


def write_output(text: str, output: str | None) -> None:
    """Write `text` to the file `output`, or to standard output when it is None."""
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise CoachdojoError(f"{output}: cannot write: {exc.strerror}") from None
    else:
        out(text)
