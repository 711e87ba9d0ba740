"""`python -m budget_graph …` is the `budget-graph` command."""

from budget_graph.cli import main

main(prog_name="budget-graph")
