"""`budget-graph export`: a filing's knowledge graph in Turtle, JSON-LD or N-Triples."""

from __future__ import annotations

import sys

import click

from budget_graph.cli.app import check_output, main, write_output

_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(_FORMATS)), default="ttl", show_default=True)
@click.option("--output", "-o", type=click.Path(), help="Write here instead of stdout.")
def export(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """导出知识图谱 — write the filing's RDF graph (same filing, same triples, every time).

    Codes are linked to the national code lists (skos:exactMatch) where the bundled lists know them.
    The filing is checked, and every identity the checks evaluated is a bg:Identity node with its total,
    its signed parts, each figure's rounding radius and, when it fails, its finding (docs/graph-model.md).
    A file that cannot be read gets one line on stderr and exit status 2; the graphs of the other
    filings are still written (nothing is written when none could be read).

    \b
    Example:
      budget-graph export samples/luohu-2024.md --format ttl -o luohu.ttl
    """
    from budget_graph.batch import name_unchecked, read_many, results_only, run, show_traces

    check_output(output)
    filings, unchecked = read_many(list(paths))
    # in this process: a graph is cheaper built again than sent back from a worker
    built = run(build, filings, "导出 exporting", workers=1)
    graphs = list(results_only(built, unchecked))
    if graphs:
        text = serialize(graphs, _FORMATS[fmt])
        if output:
            write_output(output, text)
        else:
            click.echo(text, nl=False)
    show_traces(unchecked)
    name_unchecked(unchecked)
    if unchecked:
        sys.exit(2)


def build(filing):
    """The filing's graph with a bg:Identity node for every identity its checks evaluated."""
    from budget_graph.check.engine import check_recorded
    from budget_graph.report.identities import identity_triples

    report, mapped, evaluated = check_recorded(filing)
    mapped.extend(identity_triples(report, mapped, evaluated))
    return mapped.graph


def serialize(graphs: list, rdf_format: str) -> str:
    """The graphs as one document, byte for byte the same every run.

    The default store iterates in hash order, which changes from process to process; a SimpleMemory
    store filled in sorted order iterates in that order, so N-Triples and JSON-LD come out stable too.
    """
    from rdflib import Graph

    from budget_graph.graph.namespaces import bind_prefixes

    ordered = bind_prefixes(Graph(store="SimpleMemory"))
    for triple in sorted({triple for graph in graphs for triple in graph}):
        ordered.add(triple)
    text = ordered.serialize(format=rdf_format)
    return _sorted_json(text) if rdf_format == "json-ld" else text


def _sorted_json(text: str) -> str:
    """JSON-LD with nodes in @id order and every value list sorted (the serializer walks a set)."""
    import json

    def ordered(value):
        if isinstance(value, dict):
            return {key: ordered(item) for key, item in sorted(value.items())}
        if isinstance(value, list):
            items = [ordered(item) for item in value]
            return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
        return value

    return json.dumps(ordered(json.loads(text)), ensure_ascii=False, indent=2) + "\n"
