"""The `budget-graph` command line. Each command lives in its own module and registers on `main`."""

from budget_graph.cli import codes, export, load, query, rules, serve, validate  # noqa: F401  (registers the commands)
from budget_graph.cli.app import main

__all__ = ["main"]
