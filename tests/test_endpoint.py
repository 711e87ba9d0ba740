"""`--endpoint`: the same load and query against a real SPARQL 1.1 server (Virtuoso Open Source).

The server comes from BUDGET_GRAPH_TEST_ENDPOINT / BUDGET_GRAPH_TEST_GRAPH_STORE (as `.ci/run` sets
them), or is started here from Debian's virtuoso-opensource; the tests skip when neither is possible.
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from budget_graph.cli import main
from budget_graph.store.graphs import named_graph
from budget_graph.store.iris import filing_graph
from budget_graph.store.load import PreparedFiling, load
from budget_graph.store.remote import RemoteStore

BG = "https://w3id.org/budget-graph/ontology#"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if os.environ.get("BUDGET_GRAPH_TEST_ENDPOINT"):
        yield os.environ["BUDGET_GRAPH_TEST_ENDPOINT"], os.environ.get("BUDGET_GRAPH_TEST_GRAPH_STORE")
        return
    from tests import virtuoso

    for started in virtuoso.started_or_skip(tmp_path_factory.mktemp("virtuoso")):
        yield started.endpoint, started.graph_store


@pytest.fixture
def store(server):
    return RemoteStore(*server)


def prepared(unit: str, year: int, amount: str) -> PreparedFiling:
    iri = filing_graph(unit, year, "budget")
    line = f'<https://example.org/{year}/{unit}> <{BG}amount> "{amount}"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
    return PreparedFiling(("x.md",), unit, year, "budget", (named_graph(iri, line),))


def total(store: RemoteStore) -> str:
    answer = store.query(f"SELECT (SUM(?a) AS ?total) WHERE {{ GRAPH ?g {{ ?s <{BG}amount> ?a }} }}")
    return answer.values()[0]["total"]


def test_load_puts_code_lists_and_filings_on_the_server(store):
    load(store, [prepared("甲单位", 2023, "10.50"), prepared("乙单位", 2023, "2")])
    answer = store.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        'SELECT ?l WHERE { ?c skos:notation "2011308"; skos:prefLabel ?l }'
    )
    assert {row["l"] for row in answer.values()} == {"招商引资"}
    assert float(total(store)) == 12.5


def test_reloading_rewrites_nothing_and_a_changed_filing_replaces_its_graph(store):
    first = load(store, [prepared("甲单位", 2023, "10.50"), prepared("乙单位", 2023, "2")])
    again = load(store, [prepared("甲单位", 2023, "10.50"), prepared("乙单位", 2023, "2")])
    assert again.written == 0 and again.triples == first.triples
    changed = load(store, [prepared("乙单位", 2023, "5")])
    assert changed.written == 1 and changed.triples == first.triples
    assert float(total(store)) == 15.5


def test_query_command_against_the_endpoint(server):
    endpoint, _ = server
    result = CliRunner().invoke(
        main,
        [
            "query",
            "--endpoint",
            endpoint,
            "--format",
            "csv",
            'SELECT ?l WHERE { ?c skos:notation "2011308"; skos:prefLabel ?l }',
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["l", "招商引资"]


def test_an_unreachable_server_is_a_one_line_error():
    result = CliRunner().invoke(main, ["query", "--endpoint", "http://127.0.0.1:9/sparql", "ASK {}"])
    assert result.exit_code == 2 and "cannot reach" in result.output
