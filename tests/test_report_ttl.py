"""The RDF report (a SHACL sh:ValidationReport carrying every finding) and `budget-graph export`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

from budget_graph.check.catalogue import CATALOGUE
from budget_graph.check.engine import FilingReport, check_filing
from budget_graph.check.rules import Finding, Severity
from budget_graph.cli import main
from budget_graph.graph import build_graph
from budget_graph.graph.namespaces import BG, OBEU_MEASURE
from budget_graph.model import Location
from budget_graph.report.ttl import render
from tests.hand_filings import SOURCE, small_filing


@pytest.fixture(scope="module")
def sample_report_graph(sample_report) -> Graph:
    return Graph().parse(data=render([sample_report]), format="turtle")


def _results(graph: Graph) -> list:
    return sorted(graph.subjects(RDF.type, SH.ValidationResult))


def test_every_finding_is_a_validation_result(sample_report, sample_report_graph) -> None:
    assert sample_report.findings, "the sample has findings (rounding infos at least)"
    results = _results(sample_report_graph)
    assert len(results) == len(sample_report.findings)
    rules = sorted(str(sample_report_graph.value(r, BG.ruleId)) for r in results)
    assert rules == sorted(f.rule for f in sample_report.findings)
    engines = {CATALOGUE[rule].engine for rule in rules}
    assert engines - {"shacl"}, "the document-model checks' findings are in the report too"


def test_results_carry_severity_messages_and_places(sample_report_graph) -> None:
    graph = sample_report_graph
    for result in _results(graph):
        assert graph.value(result, SH.resultSeverity) in {SH.Violation, SH.Warning, SH.Info}
        languages = {m.language for m in graph.objects(result, SH.resultMessage)}
        assert languages == {"zh", "en"}
        places = list(graph.objects(result, BG.location))
        assert places
        assert all(graph.value(p, BG.source) is not None for p in places)
        assert any(graph.value(p, BG.line) is not None for p in places)


def test_report_is_blank_node_free_and_conforms_only_without_results(sample_report_graph) -> None:
    assert not any(isinstance(term, BNode) for triple in sample_report_graph for term in triple)
    (report,) = sample_report_graph.subjects(RDF.type, SH.ValidationReport)
    assert sample_report_graph.value(report, SH.conforms) == Literal(False)
    clean = Graph().parse(data=render([FilingReport(small_filing())]), format="turtle")
    (report,) = clean.subjects(RDF.type, SH.ValidationReport)
    assert clean.value(report, SH.conforms) == Literal(True)


def test_focus_node_is_the_graph_node_at_the_finding_place() -> None:
    filing = small_filing()
    cell = filing.tables[1].cell_location(filing.tables[1].rows[3], "project")
    finding = Finding(
        "BG-R001", Severity.ERROR, "合计不符", "total disagrees", (cell,), "1,200.00", "1,300.00"
    )
    graph = Graph().parse(data=render([FilingReport(filing, [finding])]), format="turtle")
    (result,) = _results(graph)
    focus = graph.value(result, SH.focusNode)
    assert str(focus).endswith("/table/GeneralBudgetByFunction/row/4/project")
    mapped = build_graph(filing)
    assert mapped.graph.value(focus, OBEU_MEASURE.amount) is not None
    (place,) = graph.objects(result, BG.location)
    assert graph.value(place, BG.line).toPython() == 104
    assert graph.value(place, BG.column) == Literal("项目支出", lang="zh")
    assert (
        str(graph.value(result, BG.expected)) == "1,200.00"
        and str(graph.value(result, BG.actual)) == "1,300.00"
    )


def test_a_finding_elsewhere_has_places_but_no_focus_node() -> None:
    finding = Finding("BG-T001", Severity.INFO, "标点", "punctuation", (Location(SOURCE, line=999),))
    graph = Graph().parse(data=render([FilingReport(small_filing(), [finding])]), format="turtle")
    (result,) = _results(graph)
    assert graph.value(result, SH.focusNode) is None
    assert graph.value(result, SH.resultSeverity) == SH.Info


def test_report_is_the_same_every_time(sample_report) -> None:
    assert render([sample_report]) == render([check_filing(sample_report.filing)])


# -- budget-graph export ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "rdf_format"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_writes_the_filing_graph(
    fmt: str, rdf_format: str, sample_path, sample_filing, tmp_path
) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(main, ["export", str(sample_path), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = Graph().parse(out, format=rdf_format)
    own = build_graph(sample_filing).graph
    assert set(own) <= set(exported)  # plus the links to the national code lists
    assert len(exported) > len(own)
    if fmt == "jsonld":
        assert isinstance(json.loads(out.read_text(encoding="utf-8")), list)


def test_export_is_byte_stable(sample_path) -> None:
    runs = [CliRunner().invoke(main, ["export", str(sample_path), "--format", "nt"]).output for _ in range(2)]
    assert runs[0] == runs[1] and runs[0].count("\n") > 5_000


def test_export_of_a_missing_file_is_a_usage_error(tmp_path) -> None:
    result = CliRunner().invoke(main, ["export", str(tmp_path / "none.md")])
    assert result.exit_code == 2
