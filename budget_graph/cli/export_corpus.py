"""`budget-graph export-corpus`: a corpus as N-Quads files for a SPARQL server's bulk loader."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from budget_graph.cli.app import main

if TYPE_CHECKING:
    from budget_graph.model import Filing


@main.command("export-corpus")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(),
    help="A folder (one .nq file per filing), or one file named …nq.gz (gzip) or …nq.",
)
@click.option("--workers", type=int, help="Worker processes (default: one per core).")
def export_corpus(paths: tuple[str, ...], output: str, workers: int | None) -> None:
    """导出语料 — write filings as N-Quads for a server's bulk loader (Virtuoso, QLever, Jena).

    The same named graphs `budget-graph load` writes into a store — each filing's graph, its findings,
    its summary, its cross-filing findings, and the ontology and national code lists once — as files:
    for corpora larger than one machine's embedded store. Each filing is read and checked as `load`
    does (a progress bar shows on a terminal); a file that cannot be read is named and left out, and
    the exit status is 2.

    \b
    OUTPUT a folder: reference.nq (ontology, code lists), <unit>-<year>-<kind>.nq
      per filing, crossfiling.nq; a server's loader reads the files in parallel.
    OUTPUT …nq.gz: all of it in one gzip file (…nq: uncompressed).

    \b
    Examples:
      budget-graph export-corpus ../shared/corpus samples/ -o dump/
      budget-graph export-corpus ../shared/corpus -o corpus.nq.gz
    Then, into Virtuoso (its bulk loader; the folder must be in DirsAllowed of virtuoso.ini):
      isql-vt 1111 dba PASSWORD exec="ld_dir('/abs/dump', '*.nq', 'https://w3id.org/budget-graph/graph/unnamed'); rdf_loader_run(); checkpoint;"
    docs/store.md (Bulk loading) says more, for Virtuoso and the other servers.
    """
    from budget_graph.batch import read_many, results_only, run, show_traces
    from budget_graph.loading import crossfiling_graphs, prepare
    from budget_graph.store.dump import Dump
    from budget_graph.store.load import reference_graphs

    filings, unchecked = read_many(list(paths), workers)
    written = []
    if filings:  # when no file could be read, nothing is written
        with Dump(Path(output)) as dump:
            dump.reference(reference_graphs())
            for prepared in results_only(
                run(prepare, _last_of_each(filings), "导出 exporting", workers), unchecked
            ):
                dump.filing(prepared.graphs)
                written.append(replace(prepared, graphs=()))  # what the cross-filing checks read
            dump.crossfiling(crossfiling_graphs(None, written))
        quads = dump.quads
    show_traces(unchecked)
    for failed in unchecked:
        click.echo(f"未能导出 not exported: {failed.error}", err=True)
    not_exported = f" ({len(unchecked)} not exported)" if unchecked else ""
    if written:
        click.echo(
            f"导出 exported {len(written)} filings{not_exported}: {quads:,} quads in {output}", err=True
        )
    else:
        click.echo(f"导出 exported 0 filings{not_exported}; nothing written", err=True)
    if unchecked:
        sys.exit(2)


def _last_of_each(filings: list[Filing]) -> list[Filing]:
    """One filing per unit, year and kind: the last given, as `load` keeps (a note names the other)."""
    last: dict[tuple, Filing] = {}
    for filing in filings:
        key = (filing.unit, filing.year, filing.kind)
        if key in last:
            click.echo(
                f"注意 note: {', '.join(filing.sources)} has the same unit, year and kind as "
                f"{', '.join(last[key].sources)}; only the former is exported",
                err=True,
            )
            del last[key]  # re-inserted below: the order stays that of the later file
        last[key] = filing
    return list(last.values())
