"""The filing's graph links each coded budget line to its national concept; SPARQL joins them to names."""

from __future__ import annotations

from copy import deepcopy
from functools import cache

from rdflib import Graph
from rdflib.namespace import SKOS

from budget_graph.codes import NationalCodeLists, same_name
from budget_graph.codes.index import source_dir
from budget_graph.graph import build_graph

LINES_WITH_NATIONAL_NAMES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dim: <http://data.openbudgets.eu/ontology/dsd/dimension/>
PREFIX bg: <https://w3id.org/budget-graph/ontology#>
SELECT ?line ?notation ?name ?printed WHERE {
  ?line dim:functionalClassification|dim:economicClassification|bg:procurementCategory ?code .
  ?code skos:exactMatch ?national .
  ?national skos:notation ?notation ; skos:prefLabel ?name .
  FILTER (lang(?name) = "zh")
  OPTIONAL { ?code skos:prefLabel ?printed }
}
"""
CODED_LINES = """
PREFIX dim: <http://data.openbudgets.eu/ontology/dsd/dimension/>
PREFIX bg: <https://w3id.org/budget-graph/ontology#>
SELECT DISTINCT ?line WHERE { ?line dim:functionalClassification|dim:economicClassification|bg:procurementCategory ?c }
"""


@cache
def _code_lists() -> Graph:
    graph = Graph()
    for name in ("functional.ttl", "economic.ttl", "procurement.ttl"):
        graph.parse(source_dir().parent / name)
    return graph


def test_every_coded_line_joins_to_its_national_name(sample_filing) -> None:
    graph = build_graph(sample_filing, NationalCodeLists()).graph
    graph += _code_lists()
    rows = list(graph.query(LINES_WITH_NATIONAL_NAMES))
    joined = {str(row.line) for row in rows}
    assert joined == {str(row.line) for row in graph.query(CODED_LINES)}
    names = {(str(row.notation), str(row.name)) for row in rows}
    assert {("2011308", "招商引资"), ("30227", "委托业务费"), ("C16070000", "运行维护服务")} <= names
    assert all(same_name(str(row.printed), str(row.name)) for row in rows if row.printed is not None)


def test_a_code_printed_with_another_codes_name_is_not_linked() -> None:
    """30212 printed for 会议费 (a list renumbered) is not 因公出国（境）费用; its own name links."""
    lists = NationalCodeLists()
    assert lists.match("economic", "30212", 2024, "会议费") is None
    assert lists.match("economic", "30212", 2024, "因公出国(境)费") is not None
    assert lists.match("economic", "30212", 2024) is not None  # no name printed: the code alone


def test_the_graph_does_not_link_a_code_printed_with_another_codes_name(sample_filing) -> None:
    filing = deepcopy(sample_filing)
    for row in (r for t in filing.tables for r in t.rows):
        if row.code == "30231":
            row.code = None
        elif row.code == "30201":  # 办公费 printed under 30231 (公务用车运行维护费): a list renumbered
            row.code = "30231"
    graph = build_graph(filing, NationalCodeLists()).graph
    concept = {str(notation): node for node, notation in graph.subject_objects(SKOS.notation)}
    assert graph.value(concept["30231"], SKOS.exactMatch) is None
    assert graph.value(concept["30227"], SKOS.exactMatch) is not None  # 委托业务费, under its own name
