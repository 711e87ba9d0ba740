"""`budget-graph load`: filings, their findings and the national code lists into a SPARQL store."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from budget_graph.cli.app import main

if TYPE_CHECKING:  # the store's modules load rdflib: imported where a command runs, not at start-up
    from budget_graph.errors import Unchecked
    from budget_graph.store.load import LoadSummary, PreparedFiling


STORE_OPTIONS = [
    # no click.Path checks: the store itself says in one line what is wrong with the folder
    click.option("--store", metavar="DIR", help="The store's folder (embedded Oxigraph)."),
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
    leaves the store as it was. A file that cannot be read (or checked) is named and left out, nothing
    of it written; the other filings are loaded, and the exit status is 2. When no file could be read,
    the store is not touched.

    \b
    Examples:
      budget-graph load samples/luohu-2024.md --store corpus.db
      budget-graph load ../shared/corpus --store corpus.db
      budget-graph load samples/ --endpoint http://localhost:8890/sparql \\
          --graph-store http://localhost:8890/sparql-graph-crud
    """
    from budget_graph.batch import read_many, results_only, run
    from budget_graph.loading import crossfiling_graphs, prepare
    from budget_graph.store import open_store
    from budget_graph.store.load import load

    filings, unchecked = read_many(list(paths), workers)
    summary = None
    if filings:  # when no file could be read, the store is not even opened
        prepared = results_only(run(prepare, filings, "载入 loading", workers), unchecked)
        target = open_store(store, endpoint, graph_store)
        try:
            summary = load(
                target,
                prepared,
                notify=lambda message: click.echo(message, err=True),
                derived=crossfiling_graphs,
            )
        finally:
            target.close()
    _tell(summary, unchecked)
    if unchecked:
        sys.exit(2)


def _tell(summary: LoadSummary | None, unchecked: list[Unchecked]) -> None:
    """A line per filing loaded (a note on stderr when one replaces another of the run), a line per file
    not loaded, then the totals (`summary` is None when the store was not opened)."""
    from budget_graph.batch import show_traces

    seen: dict[tuple[str, int, str], PreparedFiling] = {}
    for filing in summary.filings if summary else ():
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
    show_traces(unchecked)
    for failed in unchecked:
        click.echo(f"未能载入 not loaded: {failed.error}")
    not_loaded = f" ({len(unchecked)} not loaded)" if unchecked else ""
    if summary is None:
        click.echo(f"载入 loaded 0 filings{not_loaded}; the store was not touched")
        return
    loaded = f"载入 loaded {len(summary.filings)} filings{not_loaded}"
    click.echo(
        f"{loaded}: {summary.written} graphs written, "
        f"{summary.unchanged} unchanged; the store holds {summary.triples} triples"
    )
