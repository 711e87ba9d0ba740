"""Load filings into a store: each filing's graph, its findings as a SHACL report, and the code lists.

Everything a filing needs is prepared (read, mapped, checked, serialised: budget_graph/loading.py) before
anything of it is written, so a filing that cannot be read never touches the store; the writes of one
load run inside the store's transaction, so a load that fails half-way leaves the store as it was. Once
every filing of the run is in, the graphs the caller derives of the whole run are written (BG-F: the
run's filings checked against each other and against the store), one per filing. The store knows graphs,
not checks or reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from budget_graph.model import Filing
from budget_graph.resources import resource_dir
from budget_graph.store import GraphStore, replace_changed
from budget_graph.store.graphs import NamedGraph, from_turtle, named_graph
from budget_graph.store.iris import (
    ONTOLOGY_GRAPH,
    code_list_graph,
    crossfiling_graph,
    filing_graph,
    findings_graph,
    summary_graph,
)
from budget_graph.store.lean import store_graph
from budget_graph.store.summary import summarise, tallies

# quads written per bulk load: Oxigraph's bulk loader splits a load into 1 M-quad parts, one per core at a
# time, so two parts keep both cores busy (on a fresh store 8 µs a quad, against 11 µs at 1 M); ~600 MB
BATCH_QUADS = 2_000_000


@dataclass(frozen=True)
class PreparedFiling:
    """A filing ready to write: its two named graphs, what its checks found, and its outline for BG-F."""

    sources: tuple[str, ...]
    unit: str
    year: int
    kind: str
    graphs: tuple[NamedGraph, ...]
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    outline: Filing | None = None  # who, when, claims and function table: what cross-filing checks read


# graphs made of a whole run once its filings are written, from the store and the run's filings
Derived = Callable[[GraphStore, list[PreparedFiling]], list[NamedGraph]]


@dataclass
class LoadSummary:
    filings: list[PreparedFiling] = field(default_factory=list)  # as loaded, without their graphs
    written: int = 0  # graphs written
    quads: int = 0  # quads written
    unchanged: int = 0  # graphs already in the store with the same content
    triples: int = 0  # in the store afterwards


def filing_graphs(unit: str, year: int, kind: str, graph: str, findings: str) -> tuple[NamedGraph, ...]:
    """A filing's graphs, from its own graph and its findings' SHACL report (N-Triples): the filing's
    without its copies of the national codes (lean.py), its findings' with their tallies, and the summary
    the named queries read (made from the whole graph)."""
    return (
        named_graph(filing_graph(unit, year, kind), store_graph(graph)),
        named_graph(findings_graph(unit, year, kind), findings + tallies(findings)),
        named_graph(summary_graph(unit, year, kind), summarise(graph)),
    )


def crossfiling_findings(unit: str, year: int, kind: str, findings: str) -> NamedGraph:
    """The graph of a filing's findings against other filings (a SHACL report in N-Triples), with their
    tallies."""
    return named_graph(crossfiling_graph(unit, year, kind), findings + tallies(findings))


def reference_graphs() -> list[NamedGraph]:
    """The ontology and each national code list (ontology/codes/*.ttl), one graph each."""
    folder = resource_dir("ontology")
    graphs = [
        from_turtle(code_list_graph(path.stem), path.read_bytes())
        for path in sorted(folder.glob("codes/*.ttl"))
    ]
    ontology = folder / "budget-graph.ttl"
    if ontology.is_file():
        graphs.insert(0, from_turtle(ONTOLOGY_GRAPH, ontology.read_bytes()))
    return graphs


def load(
    store: GraphStore,
    filings: Iterable[PreparedFiling],
    notify: Callable[[str], None] | None = None,
    derived: Derived | None = None,
) -> LoadSummary:
    """Write the reference graphs once and every filing's graphs, replacing what they replace, then the
    graphs `derived` makes of the whole run (the caller's BG-F findings: the store knows no checks).

    A store that rolls back a failed transaction gets filings written as they come; a server without one
    gets them only once every filing is prepared. Once loads have written many quads the store is
    compacted (`notify` says so first: it takes minutes).
    """
    summary = LoadSummary()
    pending: Iterable[PreparedFiling] = filings if store.atomic else list(filings)
    with store.transaction():
        _write(store, reference_graphs(), summary)
        for batch in _batches(pending, summary):
            _write(store, [graph for filing in batch for graph in filing.graphs], summary)
        if derived:
            _write(store, derived(store, summary.filings), summary)
    if store.note_written(summary.quads):
        if notify:
            notify("整理索引 compacting the store's indexes after a large load (minutes) …")
        store.compact()
    summary.triples = store.triple_count()
    return summary


def _write(store: GraphStore, graphs: list[NamedGraph], summary: LoadSummary) -> None:
    written = replace_changed(store, graphs)
    summary.written += len(written)
    summary.quads += sum(graph.triples for graph in written)
    summary.unchanged += len(graphs) - len(written)


def _batches(filings: Iterable[PreparedFiling], summary: LoadSummary) -> Iterator[list[PreparedFiling]]:
    """Filings in batches of about BATCH_QUADS quads, a filing given twice in one batch kept once (the
    later one wins)."""
    batch: dict[str, PreparedFiling] = {}
    quads = 0
    for filing in filings:
        summary.filings.append(_without_graphs(filing))
        batch[filing.graphs[0].iri] = filing
        quads += sum(graph.triples for graph in filing.graphs)
        if quads >= BATCH_QUADS:
            yield list(batch.values())
            batch, quads = {}, 0
    if batch:
        yield list(batch.values())


def _without_graphs(filing: PreparedFiling) -> PreparedFiling:
    return PreparedFiling(
        filing.sources,
        filing.unit,
        filing.year,
        filing.kind,
        (),
        filing.errors,
        filing.warnings,
        filing.infos,
        filing.outline,
    )
