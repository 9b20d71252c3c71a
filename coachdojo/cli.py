"""The `coachdojo` command line: argparse entry point; heavy modules are imported lazily.

Each group of subcommands lives in a module of coachdojo.commands with a `register(sub)`
function. Exit codes: 0 success, 1 the input was found wanting (invalid file, failed test),
2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from coachdojo import __version__
from coachdojo.commands.common import EXIT_FOUND_WANTING, EXIT_OK, err
from coachdojo.errors import CoachdojoError

COMMAND_MODULES = [
    "coachdojo.commands.scenarios",
    "coachdojo.commands.engine",
    "coachdojo.commands.scoring",
    "coachdojo.commands.score",
    "coachdojo.commands.history",
    "coachdojo.commands.play",
]

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coachdojo",
        description="A terminal practice room for coaching: rehearse with a scripted coachee, "
        "see how you coached, turn by turn.",
    )
    parser.add_argument("--version", action="version", version=f"coachdojo {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            from coachdojo.commands.play import open_picker

            return _run(open_picker, "play")
        parser.print_help()  # not a terminal: there is no app to open
        return EXIT_OK
    return _run(lambda: handler(args), args.command)


def _run(call: Callable[[], int], command: str) -> int:
    """Run a command, turning a user's error into a message and an exit code."""
    try:
        return call()
    except CoachdojoError as exc:
        err(f"coachdojo {command}: {exc}")
        return EXIT_FOUND_WANTING
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, not the user's doing: say so plainly, keep the details
        if os.environ.get("COACHDOJO_DEBUG"):
            raise
        log = _write_crash_log()
        err(f"coachdojo {command}: internal error ({type(exc).__name__}: {exc}). This is a bug in coachdojo, not in your input.")
        if log:
            err(f"The details are in {log}; set COACHDOJO_DEBUG=1 to see them here.")
        return EXIT_FOUND_WANTING


def _write_crash_log() -> str | None:
    """Save the current traceback to the data folder's crash.log; its path, or None."""
    import traceback

    from coachdojo.paths import data_dir

    try:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc() + "\n")
        return str(path)
    except OSError:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
