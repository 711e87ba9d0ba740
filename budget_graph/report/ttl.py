"""The report as RDF: one SHACL sh:ValidationReport in Turtle carrying every finding, whichever engine found it.

Each finding is an sh:ValidationResult with its severity, its Chinese and English messages, its rule id
(bg:ruleId), expected and actual, and one bg:Location per place. Its sh:focusNode is the node of the
filing's graph (graph/iris.py) that stands where the finding's first place is, when there is one: a
budget line for a cell, a row, a table, a claim. IRIs are deterministic and blank-node free:
<filing IRI>/report/result/<n> and …/result/<n>/location/<m>, n in the report's order (severity,
place, rule, message).

A file of the run that could not be checked is named on the report too: a bg:Unchecked node
(<report IRI>/unchecked/<n>) with its bg:source and the error as rdfs:comment; the report then does not
conform, since nothing is known of that file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from budget_graph.check.engine import FilingReport, finding_order
from budget_graph.check.rules import Finding, Severity
from budget_graph.errors import Unchecked
from budget_graph.graph import build_graph
from budget_graph.graph.iris import FilingIris, child
from budget_graph.graph.namespaces import BG, bind_prefixes
from budget_graph.model import Location

SEVERITIES = {Severity.ERROR: SH.Violation, Severity.WARNING: SH.Warning, Severity.INFO: SH.Info}
REPORTS = "https://w3id.org/budget-graph/report/"


def render(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> str:
    return report_graph(reports, unchecked).serialize(format="turtle")


def report_graph(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> Graph:
    graph = bind_prefixes(Graph())
    filings = [FilingIris(report.filing).filing for report in reports]
    named = sorted([*filings, *(source for failed in unchecked for source in failed.sources)])
    node = URIRef(REPORTS + hashlib.sha1(" ".join(named).encode()).hexdigest()[:12])
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(not unchecked and not any(r.findings for r in reports))))
    for number, failed in enumerate(unchecked, start=1):
        _add_unchecked(graph, node, child(node, "unchecked", number), failed)
    for report, filing in zip(reports, filings, strict=True):
        graph.add((node, BG.filing, filing))
        focus = report.focus or (_focus_nodes(report) if report.findings else {})
        for number, finding in enumerate(sorted(report.findings, key=finding_order), start=1):
            result = child(filing, "report", "result", number)
            graph.add((node, SH.result, result))
            _add_result(graph, result, finding, focus)
    return graph


def _add_unchecked(graph: Graph, report: URIRef, node: URIRef, failed: Unchecked) -> None:
    graph.add((report, BG.unchecked, node))
    graph.add((node, RDF.type, BG.Unchecked))
    for source in failed.sources:
        graph.add((node, BG.source, Literal(source)))
    graph.add((node, RDFS.comment, Literal(failed.error)))


def _focus_nodes(report: FilingReport) -> dict[Location, Node]:
    """The graph node standing at each place of the filing, for a report made without its graph."""
    by_place: dict[Location, Node] = {}
    for node, place in build_graph(report.filing).locations.items():
        by_place.setdefault(place, node)
    return by_place


def _add_result(graph: Graph, result: URIRef, finding: Finding, focus: dict[Location, Node]) -> None:
    graph.add((result, RDF.type, SH.ValidationResult))
    graph.add((result, SH.resultSeverity, SEVERITIES[finding.severity]))
    graph.add((result, SH.resultMessage, Literal(finding.message, lang="zh")))
    graph.add((result, SH.resultMessage, Literal(finding.message_en, lang="en")))
    graph.add((result, BG.ruleId, Literal(finding.rule)))
    for predicate, text in ((BG.expected, finding.expected), (BG.actual, finding.actual)):
        if text is not None:
            graph.add((result, predicate, Literal(text)))
    focus_node = next((focus[p] for p in finding.locations if p in focus), None)
    if focus_node is not None:
        graph.add((result, SH.focusNode, focus_node))
    for number, place in enumerate(finding.locations, start=1):
        location = child(result, "location", number)
        graph.add((result, BG.location, location))
        _add_location(graph, location, place)


def _add_location(graph: Graph, node: URIRef, place: Location) -> None:
    graph.add((node, RDF.type, BG.Location))
    graph.add((node, BG.source, Literal(place.source)))
    for predicate, number in ((BG.line, place.line), (BG.page, place.page)):
        if number is not None:
            graph.add((node, predicate, Literal(number, datatype=XSD.integer)))
    for predicate, text in ((BG.table, place.table), (BG.row, place.row), (BG.column, place.column)):
        if text:
            graph.add((node, predicate, Literal(text, lang="zh")))
    if place.cell:
        graph.add((node, BG.cell, Literal(place.cell)))
