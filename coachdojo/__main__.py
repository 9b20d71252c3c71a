"""Allow `python -m coachdojo`."""

from coachdojo.cli import main

raise SystemExit(main())
