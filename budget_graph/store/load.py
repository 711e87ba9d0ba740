"""Load filings into a store: each filing's graph, its findings as a SHACL report, and the code lists.

Everything a filing needs is prepared (read, mapped, checked, serialised) before anything of it is
written, so a filing that cannot be read never touches the store; the writes of one load run inside the
store's transaction, so a load that fails half-way leaves the store as it was. Once every filing of the
run is in, the run's filings are checked against each other and against the store (BG-F: a change
statement against the unit's previous-year budget) and those findings get a graph of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import URIRef

from budget_graph.model import Filing, TableKind
from budget_graph.resources import resource_dir
from budget_graph.store import GraphStore, replace_changed
from budget_graph.store.graphs import NamedGraph, as_ntriples, from_turtle, named_graph
from budget_graph.store.iris import (
    ONTOLOGY_GRAPH,
    code_list_graph,
    crossfiling_graph,
    filing_graph,
    findings_graph,
    summary_graph,
)
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


@dataclass
class LoadSummary:
    filings: list[PreparedFiling] = field(default_factory=list)  # as loaded, without their graphs
    written: int = 0  # graphs written
    quads: int = 0  # quads written
    unchanged: int = 0  # graphs already in the store with the same content
    triples: int = 0  # in the store afterwards


def prepare(filing: Filing) -> PreparedFiling:
    """Map and check a filing, and serialise its graphs and its summary (runs in a worker process)."""
    from budget_graph.check.engine import check_mapped
    from budget_graph.report.ttl import render

    report, mapped = check_mapped(filing)  # the graph the checks read, its codes linked to the national lists
    graph = mapped.graph.serialize(format="nt")
    kind = filing.kind.value
    findings = as_ntriples(render([report]))
    graphs = (
        named_graph(filing_graph(filing.unit, filing.year, kind), graph),
        named_graph(findings_graph(filing.unit, filing.year, kind), findings + tallies(findings)),
        named_graph(summary_graph(filing.unit, filing.year, kind), summarise(graph)),
    )
    # what the cross-filing checks read: the claims, and the function table (决算 年初预算 against 预算)
    by_function = [t for t in filing.tables if t.kind is TableKind.GeneralBudgetByFunction]
    outline = Filing(
        list(filing.sources), filing.unit, filing.year, filing.kind, claims=filing.claims, tables=by_function
    )
    return PreparedFiling(
        tuple(filing.sources),
        filing.unit,
        filing.year,
        kind,
        graphs,
        report.count("error"),
        report.count("warning"),
        report.count("info"),
        outline,
    )


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
    store: GraphStore, filings: Iterable[PreparedFiling], notify: Callable[[str], None] | None = None
) -> LoadSummary:
    """Write the reference graphs once and every filing's graphs, replacing what they replace.

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
        _write(store, crossfiling_graphs(store, summary.filings), summary)
    if store.note_written(summary.quads):
        if notify:
            notify("整理索引 compacting the store's indexes after a large load (minutes) …")
        store.compact()
    summary.triples = store.triple_count()
    return summary


def crossfiling_graphs(store: GraphStore, loaded: list[PreparedFiling]) -> list[NamedGraph]:
    """BG-F findings of each filing of the run, against the run and the store (one graph per filing)."""
    from budget_graph.check.crossfiling import cross_check, known_in_store

    outlines = list({(f.unit, f.year, f.kind): f.outline for f in loaded if f.outline}.values())
    if not outlines:
        return []
    findings = cross_check(outlines, known_in_store(store, outlines))
    return [_crossfiling_graph(outline, found) for outline, found in zip(outlines, findings, strict=True)]


def _crossfiling_graph(outline: Filing, findings: list) -> NamedGraph:
    """A SHACL report of the BG-F findings, its nodes renamed …/crossfiling/… beside the filing's own report."""
    from budget_graph.check.engine import FilingReport
    from budget_graph.report.ttl import REPORTS, report_graph

    graph = report_graph([FilingReport(outline, findings)])

    def renamed(node):
        text = str(node)
        if text.startswith(REPORTS):
            return URIRef(text + "/crossfiling")
        return URIRef(text.replace("/report/", "/crossfiling/", 1)) if "/report/result/" in text else node

    lines = "".join(f"{renamed(s).n3()} {p.n3()} {renamed(o).n3()} .\n" for s, p, o in graph)
    iri = crossfiling_graph(outline.unit, outline.year, outline.kind.value)
    return named_graph(iri, lines + tallies(lines))


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
