"""`coachdojo play` and `coachdojo resume`: open the practice room (Textual is imported lazily)."""

from __future__ import annotations

import argparse
import sys

from coachdojo.commands.common import EXIT_FOUND_WANTING, EXIT_OK, EXIT_USAGE, err
from coachdojo.errors import CoachdojoError


def is_interactive() -> bool:
    """True when both standard input and standard output are a terminal."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def run_app(command: str, **options: object) -> int:
    """Build the app with `create_app(**options)` and run it until the student leaves.

    Without a terminal (a pipe, a file, a CI job) the full-screen app would wait for keys that
    never come: say so and exit 2 instead.
    """
    if not is_interactive():
        err(
            f"{' '.join(('coachdojo', command)).strip()} needs an interactive terminal (standard input and output must "
            "be a terminal); to score a transcript without one, use `coachdojo score`"
        )
        return EXIT_USAGE
    from coachdojo.tui.app import create_app

    app = create_app(**options)  # type: ignore[arg-type]
    app.run()
    return app.return_code or EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    from coachdojo.engine.session import Session, parse_assignments

    try:
        overrides = parse_assignments(args.assignments or [])
    except CoachdojoError as exc:
        err(f"coachdojo play: {exc}")
        return EXIT_USAGE
    if (args.start or overrides) and not args.scenario:
        err("coachdojo play: --from and --set need a SCENARIO")
        return EXIT_USAGE
    scenario = None
    if args.scenario:
        from coachdojo.library import find_scenario

        scenario = find_scenario(args.scenario)
        # Check --from and --set before the screen changes, so mistakes read as plain errors.
        session = Session(scenario, seed=args.seed, start=args.start, overrides=overrides)
        for name, value in overrides.items():
            kept = session.state.variables[name]
            if kept != value:
                var = scenario.variables[name]
                err(f"coachdojo play: {name} is kept between {var.minimum} and {var.maximum}: starting at {kept}, not {value}")
    return run_app("play", scenario=scenario, seed=args.seed, start=args.start, overrides=overrides)


def cmd_resume(args: argparse.Namespace) -> int:
    from coachdojo.store import unfinished_sessions

    unfinished = unfinished_sessions()
    if not unfinished:
        err("coachdojo resume: there is no unfinished session to resume; start one with `coachdojo play`")
        return EXIT_FOUND_WANTING
    return run_app("resume", resume=unfinished[0].path)


def open_picker() -> int:
    """`coachdojo` with no arguments: the app on the scenario picker."""
    return run_app("")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coachdojo play` and `coachdojo resume`."""
    p = sub.add_parser(
        "play",
        help="practise one scenario in the app",
        description="Open the practice room. With SCENARIO (an id from `coachdojo list`, or a path to "
        "a scenario file) its briefing opens; without it, the scenario picker.",
    )
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="scenario id or path (default: choose in the app)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="seed for the coachee's choice of lines (default 0)")
    p.add_argument("--from", dest="start", metavar="NODE", help="start at this node instead of the scenario's start")
    p.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="VAR=N",
        help="start with a variable set, e.g. --set rapport=7 (repeatable)",
    )
    p.set_defaults(handler=cmd_play)

    r = sub.add_parser(
        "resume",
        help="continue the last unfinished session",
        description="Continue the newest unfinished session in the app, at the same node with the same "
        "variables. If its scenario file changed since, you are told and offered a fresh start. "
        "Exit 1 when there is nothing to resume.",
    )
    r.set_defaults(handler=cmd_resume)
