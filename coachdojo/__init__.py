"""coachdojo: a terminal practice room for coaching students."""

__version__ = "0.1.0"
