"""The `coachdojo` command line: argparse entry point; heavy modules are imported lazily.

Each group of subcommands lives in a module of coachdojo.commands with a `register(sub)`
function. Exit codes: 0 success, 1 the input was found wanting (invalid file, failed test),
2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence

from coachdojo import __version__
from coachdojo.commands.common import EXIT_FOUND_WANTING, EXIT_OK, err
from coachdojo.errors import CoachdojoError

COMMAND_MODULES = [
    "coachdojo.commands.scenarios",
    "coachdojo.commands.engine",
    "coachdojo.commands.score",
    "coachdojo.commands.history",
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
        parser.print_help()
        return EXIT_OK
    try:
        return handler(args)
    except CoachdojoError as exc:
        err(f"coachdojo {args.command}: {exc}")
        return EXIT_FOUND_WANTING
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
