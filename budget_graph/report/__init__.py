"""Renderers: findings out as text for people, JSON for tools (design.md), RDF as a SHACL report, SARIF for
pipelines, CSV for spreadsheets and HTML for the officer to hand over."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from budget_graph.check.engine import FilingReport
from budget_graph.errors import Unchecked

# the reports of a run's filings, and the files of the run that could not be checked
Renderer = Callable[[list[FilingReport], Sequence[Unchecked]], str]


def renderer(name: str) -> Renderer:
    if name == "json":
        from budget_graph.report.json import render
    elif name == "ttl":
        from budget_graph.report.ttl import render
    elif name == "sarif":
        from budget_graph.report.sarif import render
    elif name == "csv":
        from budget_graph.report.csv import render
    elif name == "html":
        from budget_graph.report.html import render
    else:
        from budget_graph.report.text import render
    return render
