"""One module per group of `coachdojo` subcommands; each has register(subparsers)."""
