"""The store's form of a filing's graph (store/lean.py): no copies of the national codes, nothing else lost."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from budget_graph.graph.namespaces import PREFIXES
from budget_graph.store.lean import store_graph

_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@pytest.fixture(scope="module")
def graphs(sample_filing) -> tuple[ox.Store, ox.Store]:
    """The sample's graph as validate makes it, and as the store keeps it."""
    from budget_graph.check.engine import check_mapped

    full = check_mapped(sample_filing)[1].graph.serialize(format="nt")
    return _store(full), _store(store_graph(full))


def _store(ntriples: str) -> ox.Store:
    store = ox.Store()
    store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def rows(store: ox.Store, where: str) -> set[tuple[str, ...]]:
    return {
        tuple(str(term) for term in row) for row in store.query(_PREFIXES + f"SELECT * WHERE {{ {where} }}")
    }


# what a researcher queries of a budget line: amount, printed decimals and unit, column meaning, row, code,
# data set, table, page or line
_LINE = """?line a bg:BudgetLine ; qb:dataSet ?dataset ; bg:inRow ?row ; bg:columnMeaning ?meaning ;
  obeu-measure:amount ?amount ; bg:publishedValue ?value ; bg:decimals ?decimals .
  ?table bg:hasRow ?row ; bg:publishedUnit ?unit .
  OPTIONAL { ?line obeu-dimension:functionalClassification|obeu-dimension:economicClassification ?code }
  OPTIONAL { ?row bg:page ?page } OPTIONAL { ?row bg:line ?at }"""


def test_every_budget_line_keeps_what_researchers_query(graphs):
    full, lean = graphs
    answer = rows(full, _LINE)
    assert len(answer) > 400
    assert rows(lean, _LINE) == answer


def test_each_printed_code_keeps_its_notation_level_and_national_concept(graphs):
    full, lean = graphs
    printed = (
        "?row bg:code ?code . ?code skos:notation ?notation ; bg:codeLevel ?level ; skos:exactMatch ?national"
    )
    assert len(rows(full, printed)) > 50
    assert rows(lean, printed) == rows(full, printed)


def test_the_copies_of_the_national_code_tree_are_gone(graphs):
    full, lean = graphs
    copies = "?row bg:code ?code . ?code skos:broader|skos:prefLabel|skos:altLabel|skos:inScheme|a ?x"
    assert rows(full, copies)
    assert not rows(lean, copies)
    # every concept kept is one the filing prints (an ancestor reached only by skos:broader goes: below)
    unprinted = "?code skos:notation ?n FILTER NOT EXISTS { ?row bg:code ?code }"
    assert not rows(lean, unprinted)


def test_nothing_outside_the_code_tree_is_dropped(graphs):
    full, lean = graphs
    outside = "?s ?p ?o FILTER(!CONTAINS(STR(?s), '/code/') && !CONTAINS(STR(?s), '/scheme/'))"
    assert rows(lean, outside) == rows(full, outside)


def test_a_code_printed_nowhere_goes_and_one_printed_stays():
    base = "https://w3id.org/budget-graph/filing/abc/2024/budget/"
    skos = "http://www.w3.org/2004/02/skos/core#"
    ntriples = (
        f'<{base}code/functional/201> <{skos}notation> "201" .\n'
        f'<{base}code/functional/20101> <{skos}notation> "20101" .\n'
        f"<{base}code/functional/20101> <{skos}broader> <{base}code/functional/201> .\n"
        f"<{base}table/T/row/1> <https://w3id.org/budget-graph/ontology#code> <{base}code/functional/20101> .\n"
    )
    kept = store_graph(ntriples)
    assert f'<{base}code/functional/20101> <{skos}notation> "20101" .' in kept
    assert "code/functional/201>" not in kept.replace(f"<{base}table/T/row/1>", "")
    assert len(kept.splitlines()) == 2
