"""The Textual app (the practice room). The only package that imports Textual; the CLI loads it
lazily. Use `create_app` from coachdojo.tui.app."""
