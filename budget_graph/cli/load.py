"""`budget-graph load`: filings, their findings and the national code lists into a SPARQL store."""

from __future__ import annotations

import click

from budget_graph.cli.app import main

STORE_OPTIONS = [
    click.option("--store", type=click.Path(file_okay=False), help="The store's folder (embedded Oxigraph)."),
    click.option(
        "--endpoint", metavar="URL", help="A SPARQL 1.1 server's query endpoint instead of a folder."
    ),
]


def store_options(command):
    for option in reversed(STORE_OPTIONS):
        command = option(command)
    return command


@main.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_options
@click.option(
    "--graph-store",
    metavar="URL",
    help="The server's Graph Store Protocol URL (default: the endpoint URL; Virtuoso: …/sparql-graph-crud).",
)
@click.option("--workers", type=int, help="Worker processes (default: one per core).")
def load_command(
    paths: tuple[str, ...],
    store: str | None,
    endpoint: str | None,
    graph_store: str | None,
    workers: int | None,
) -> None:
    """载入库 — load filings into a store: one graph per filing, its findings, the code lists.

    Loading a filing again replaces its graphs (unchanged graphs are not rewritten); a load that fails
    leaves the store as it was.

    \b
    Examples:
      budget-graph load samples/luohu-2024.md --store corpus.db
      budget-graph load ../shared/corpus --store corpus.db
      budget-graph load samples/ --endpoint http://localhost:8890/sparql \\
          --graph-store http://localhost:8890/sparql-graph-crud
    """
    from budget_graph.batch import read_many, run
    from budget_graph.store import open_store
    from budget_graph.store.load import PreparedFiling, load, prepare

    prepared = run(prepare, read_many(list(paths), workers), "载入 loading", workers)
    target = open_store(store, endpoint, graph_store)
    try:
        summary = load(target, prepared, notify=lambda message: click.echo(message, err=True))
    finally:
        target.close()
    seen: dict[tuple[str, int, str], PreparedFiling] = {}
    for filing in summary.filings:
        click.echo(
            f"{filing.unit} {filing.year} {filing.kind}: {filing.errors} errors, {filing.warnings} warnings"
        )
        earlier = seen.setdefault((filing.unit, filing.year, filing.kind), filing)
        if earlier is not filing:
            click.echo(
                f"  注意 note: same unit, year and kind as {', '.join(earlier.sources)}; "
                f"{', '.join(filing.sources)} replaces it in the store",
                err=True,
            )
    click.echo(
        f"载入 loaded {len(summary.filings)} filings: {summary.written} graphs written, "
        f"{summary.unchanged} unchanged; the store holds {summary.triples} triples"
    )
