"""The `budget-graph` command line. Each command lives in its own module, imported when it runs (app.COMMANDS)."""

from budget_graph.cli.app import main

__all__ = ["main"]
