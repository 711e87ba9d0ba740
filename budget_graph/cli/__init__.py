"""The `budget-graph` command line. Each command lives in its own module and registers on `main`."""

from budget_graph.cli import (  # noqa: F401  (registers the commands)
    codes,
    export,
    export_corpus,
    load,
    query,
    rules,
    serve,
    validate,
)
from budget_graph.cli.app import main

__all__ = ["main"]
