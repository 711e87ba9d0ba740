"""`budget-graph query`: SPARQL over a store, with a library of named research queries."""

from __future__ import annotations

import click

from budget_graph.cli.app import main
from budget_graph.cli.load import store_options


@main.command("query")
@click.argument("query", required=False)
@store_options
@click.option("--name", help="A named query from the library (see --list).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and what each answers.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for people; csv and json are the SPARQL 1.1 result formats.",
)
def query_command(
    query: str | None, store: str | None, endpoint: str | None, name: str | None, list_queries: bool, fmt: str
) -> None:
    """查询库 — ask a store in SPARQL: QUERY as text, @file.rq, or --name NAME.

    The default graph is the union of all graphs, so a query needs no GRAPH clause; filings, findings
    and code lists are each in their own named graph (docs/store.md). The prefixes bg:, skos:, qb:,
    obeu-dimension:, obeu-measure:, sh:, dcterms:, prov:, xsd:, rdfs:, rdf: need no declaration.

    \b
    Examples:
      budget-graph query --list
      budget-graph query --store corpus.db --name three-public-by-unit-year
      budget-graph query --store corpus.db @my-question.rq --format csv
      budget-graph query --store corpus.db 'SELECT ?l WHERE { ?c skos:notation "2011308"; skos:prefLabel ?l }'
    """
    from budget_graph.errors import InputError
    from budget_graph.store import open_store
    from budget_graph.store.queries import named_queries, named_query, query_text, with_prefixes
    from budget_graph.store.results import render

    if list_queries:
        for named in named_queries().values():
            click.echo(f"{named.name:34} {named.title}")
        return
    if bool(query) == bool(name):
        raise InputError("请给出查询或 --name（二选一） give a QUERY or --name NAME (one)")
    sparql = named_query(name).text if name else query_text(query)
    target = open_store(store, endpoint, read_only=True)
    try:
        answer = target.query(with_prefixes(sparql))
    finally:
        target.close()
    click.echo(render(answer, fmt), nl=False)
