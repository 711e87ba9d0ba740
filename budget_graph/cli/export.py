"""`budget-graph export`: a filing's knowledge graph in Turtle, JSON-LD or N-Triples."""

from __future__ import annotations

from pathlib import Path

import click

from budget_graph.cli.app import main

_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(_FORMATS)), default="ttl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def export(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """导出知识图谱 — write the filing's RDF graph (same filing, same triples, every time).

    \b
    Example:
      budget-graph export samples/luohu-2024.md --format ttl -o luohu.ttl
    """
    from rdflib import Graph

    from budget_graph.graph import build_graph
    from budget_graph.read import read_paths

    graph = Graph()
    for filing in read_paths(list(paths)):
        graph += build_graph(filing).graph
    text = graph.serialize(format=_FORMATS[fmt])
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
