"""`load` around the store: each filing mapped, checked and serialised for it, and the run's BG-F findings.

This is the pipeline's end for a store: the checks and the report's Turtle run here and hand the store
named graphs (store/load.py), and the facts of filings already stored reach the cross-filing checks as
data read here (store/facts.py), so neither the store nor the checks import the other.
"""

from __future__ import annotations

from rdflib import URIRef

from budget_graph.check.crossfiling import cross_check
from budget_graph.check.engine import FilingReport, check_recorded
from budget_graph.check.evaluator import Evaluated
from budget_graph.check.rules import Finding
from budget_graph.graph import MappedGraph
from budget_graph.model import Filing, TableKind
from budget_graph.report.identities import identity_triples
from budget_graph.report.ttl import REPORTS, report_graph
from budget_graph.store import GraphStore
from budget_graph.store.facts import known_in_store
from budget_graph.store.graphs import NamedGraph, as_ntriples
from budget_graph.store.load import PreparedFiling, crossfiling_findings, filing_graphs


def prepare(filing: Filing) -> PreparedFiling:
    """Map and check a filing, and serialise its graphs and its summary (runs in a worker process)."""
    # the graph the checks read, its codes linked to the national lists, and the identities that fail
    report, mapped, failing = check_recorded(filing, every=False)
    kind = filing.kind.value
    graph = mapped.graph.serialize(format="nt")
    graphs = filing_graphs(filing.unit, filing.year, kind, graph, findings_ntriples(report, mapped, failing))
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


def findings_ntriples(report: FilingReport, mapped: MappedGraph, failing: list[Evaluated]) -> str:
    """The findings' SHACL report with the identities that fail beside their results: a store keeps those
    alone, not every identity `export` writes (they would more than double a filing's triples; docs/store.md)."""
    findings = report_graph([report])
    for triple in identity_triples(report, mapped, failing):
        findings.add(triple)
    return as_ntriples(findings.serialize(format="turtle"))


def crossfiling_graphs(store: GraphStore | None, loaded: list[PreparedFiling]) -> list[NamedGraph]:
    """BG-F findings of each filing of the run, against the run and the store if any (one graph per
    filing; `export-corpus` has no store: the run is the corpus)."""
    outlines = list({(f.unit, f.year, f.kind): f.outline for f in loaded if f.outline}.values())
    if not outlines:
        return []
    findings = cross_check(outlines, known_in_store(store, outlines) if store else [])
    return [_crossfiling_graph(outline, found) for outline, found in zip(outlines, findings, strict=True)]


def _crossfiling_graph(outline: Filing, findings: list[Finding]) -> NamedGraph:
    """A SHACL report of the BG-F findings, its nodes renamed …/crossfiling/… beside the filing's own report."""
    graph = report_graph([FilingReport(outline, findings)])

    def renamed(node):
        text = str(node)
        if text.startswith(REPORTS):
            return URIRef(text + "/crossfiling")
        return URIRef(text.replace("/report/", "/crossfiling/", 1)) if "/report/result/" in text else node

    lines = "".join(f"{renamed(s).n3()} {p.n3()} {renamed(o).n3()} .\n" for s, p, o in graph)
    return crossfiling_findings(outline.unit, outline.year, outline.kind.value, lines)
