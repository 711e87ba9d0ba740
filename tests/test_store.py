"""The embedded store on small hand-made graphs: replace, skip unchanged, roll back, query, code lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from budget_graph.errors import InputError
from budget_graph.store import open_store, replace_changed
from budget_graph.store.graphs import named_graph
from budget_graph.store.iris import filing_graph
from budget_graph.store.load import PreparedFiling, load, reference_graphs
from budget_graph.store.oxigraph import LocalStore
from budget_graph.store.queries import with_prefixes
from budget_graph.store.results import render
from tests.conftest import ROOT

BG = "https://w3id.org/budget-graph/ontology#"


def graph(name: str, amount: str) -> str:
    return f'<https://example.org/{name}> <{BG}amount> "{amount}"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'


def prepared(unit: str, year: int, amount: str) -> PreparedFiling:
    iri = filing_graph(unit, year, "budget")
    return PreparedFiling(("x.md",), unit, year, "budget", (named_graph(iri, graph(unit, amount)),))


def amounts(store: LocalStore) -> dict[str, str]:
    answer = store.query(f"SELECT ?s ?a WHERE {{ ?s <{BG}amount> ?a }}")
    return {row["s"]: row["a"] for row in answer.values()}


@pytest.fixture
def store(tmp_path: Path):
    opened = LocalStore(tmp_path / "store")
    yield opened
    opened.close()


def test_digest_ignores_triple_order_and_blank_node_labels():
    first = named_graph(
        "https://example.org/g",
        '_:a <https://example.org/p> "x" .\n<https://example.org/s> <https://example.org/q> _:a .\n',
    )
    second = named_graph(
        "https://example.org/g",
        '<https://example.org/s> <https://example.org/q> _:zz .\n_:zz <https://example.org/p> "x" .\n',
    )
    assert first.digest == second.digest
    assert "_:" not in first.ntriples  # skolemised under the graph's own name
    assert (
        named_graph("https://example.org/g", graph("a", "1")).digest
        != named_graph("https://example.org/g", graph("a", "2")).digest
    )


def test_a_graph_is_its_ntriples_in_its_own_name_as_nquads():
    """A literal that holds ' .' and a line break (escaped in N-Triples) keeps them; each line names the graph."""
    text = f'<https://example.org/s> <{BG}text> "句末 .\\n下一行 ." .\n' + graph("a", "1")
    made = named_graph("https://example.org/g", text)
    quads = list(ox.parse(made.nquads, format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {"https://example.org/g"} and len(quads) == made.triples
    assert "句末 .\n下一行 ." in {q.object.value for q in quads}
    assert {q.triple for q in ox.parse(made.ntriples, format=ox.RdfFormat.N_TRIPLES)} == {
        q.triple for q in quads
    }


def test_replace_swaps_a_graph_and_skips_an_unchanged_one(store):
    with store.transaction():
        replace_changed(
            store,
            [
                named_graph("https://example.org/g1", graph("a", "1")),
                named_graph("https://example.org/g2", graph("b", "2")),
            ],
        )
    count = store.triple_count()
    with store.transaction():
        written = replace_changed(
            store,
            [
                named_graph("https://example.org/g1", graph("a", "1")),
                named_graph("https://example.org/g2", graph("b", "3")),
            ],
        )
    assert [g.iri for g in written] == ["https://example.org/g2"]
    assert store.triple_count() == count
    assert amounts(store) == {"https://example.org/a": "1", "https://example.org/b": "3"}


def test_a_load_that_fails_half_way_leaves_the_store_as_it_was(store):
    load(store, [prepared("甲单位", 2023, "10")])
    before = store.triple_count(), amounts(store)

    def filings():
        yield prepared("甲单位", 2023, "99")  # would replace the loaded filing …
        yield from [prepared(f"单位{i}", 2024, str(i)) for i in range(100)]  # … and be written in a batch …
        raise RuntimeError("reader failed on the last file")  # … before the load fails on purpose

    with pytest.raises(RuntimeError):
        load(store, filings())
    assert (store.triple_count(), amounts(store)) == before
    assert not (store.folder / "rollback").exists()


def die_inside_a_load(folder: Path, amount: str) -> None:
    """A process that writes `amount` inside a load's transaction and dies before the load ends."""
    script = (
        "import os\n"
        "from pathlib import Path\n"
        "from budget_graph.store import replace_changed\n"
        "from budget_graph.store.graphs import named_graph\n"
        "from budget_graph.store.oxigraph import LocalStore\n"
        f"store = LocalStore(Path({str(folder)!r}))\n"
        "with store.transaction():\n"
        f"    replace_changed(store, [named_graph('https://example.org/g1', {graph('a', amount)!r})])\n"
        "    os._exit(3)\n"
    )
    assert subprocess.run([sys.executable, "-c", script], cwd=ROOT).returncode == 3


def test_a_load_whose_process_dies_is_undone_when_the_store_is_next_opened(tmp_path):
    folder = tmp_path / "store"
    first = LocalStore(folder)
    with first.transaction():
        replace_changed(first, [named_graph("https://example.org/g1", graph("a", "1"))])
    first.close()
    die_inside_a_load(folder, "7")
    assert (folder / "rollback").is_dir()
    reopened = LocalStore(folder)
    assert amounts(reopened) == {"https://example.org/a": "1"}
    reopened.close()


def test_the_count_of_triples_is_the_sum_of_the_sizes_the_graphs_state(store):
    first = load(store, [prepared("甲单位", 2023, "10"), prepared("乙单位", 2024, "20")])
    assert first.triples == len(store._store)  # reference graphs, two filings, each its digest and size
    replaced = load(store, [prepared("乙单位", 2024, "25")])
    assert replaced.triples == len(store._store) == first.triples


def test_a_graph_without_a_stated_size_gets_every_quad_counted(store):
    load(store, [prepared("甲单位", 2023, "10")])
    stated = store.triple_count()
    # a graph as an older version wrote it: no size of its own
    older = named_graph("https://example.org/older", graph("a", "1")).ntriples.splitlines()[:-1]
    with store.transaction():
        store._store.bulk_load(
            input="".join(line[:-1] + "<https://example.org/older> .\n" for line in older).encode(),
            format=ox.RdfFormat.N_QUADS,
        )
    assert store.triple_count() == stated + len(older) == len(store._store)


def test_only_one_process_writes(store):
    with pytest.raises(InputError, match="another process"):
        LocalStore(store.folder)


def test_reloading_the_same_filings_leaves_triple_counts_unchanged(store):
    first = load(store, [prepared("甲单位", 2023, "10"), prepared("乙单位", 2024, "20")])
    again = load(store, [prepared("甲单位", 2023, "10"), prepared("乙单位", 2024, "20")])
    assert again.triples == first.triples
    assert again.written == 0 and again.unchanged == first.written


def test_loads_that_add_up_to_many_quads_compact_the_store_and_say_so_first(store, monkeypatch):
    said = []
    first = load(store, [prepared("甲单位", 2023, "10")], notify=said.append)
    assert first.quads > 0 and not said  # the code lists and one filing: far from a large load
    monkeypatch.setattr("budget_graph.store.oxigraph.COMPACT_AFTER", first.quads + 2)
    load(store, [prepared("乙单位", 2024, "20")], notify=said.append)  # 2 quads: due now
    assert len(said) == 1 and "compacting" in said[0]
    assert (store.folder / "uncompacted").read_text() == "0"
    assert amounts(store) == {"https://example.org/甲单位": "10", "https://example.org/乙单位": "20"}
    load(store, [prepared("乙单位", 2024, "20")], notify=said.append)  # nothing written, nothing due
    assert len(said) == 1


def test_a_filing_given_twice_in_one_load_is_kept_once(store):
    load(store, [prepared("甲单位", 2023, "10"), prepared("甲单位", 2023, "11")])
    assert amounts(store) == {"https://example.org/甲单位": "11"}


def test_code_lists_answer_a_skos_only_query(store):
    load(store, [])
    answer = store.query(with_prefixes('SELECT ?l WHERE { ?c skos:notation "2011308"; skos:prefLabel ?l }'))
    assert answer.values() == [{"l": "招商引资"}]
    assert {g.iri.rsplit("/", 1)[1] for g in reference_graphs()} >= {"functional", "economic"}


def test_results_render_as_table_csv_and_json(store):
    load(store, [prepared("甲单位", 2023, "10")])
    answer = store.query(f"SELECT ?s ?a WHERE {{ ?s <{BG}amount> ?a }}")
    assert render(answer, "csv") == "s,a\r\nhttps://example.org/甲单位,10\r\n"
    assert '"bindings"' in render(answer, "json")
    table = render(answer, "table").splitlines()
    assert table[0].split() == ["s", "a"] and table[-1] == "(1 row)"
    assert render(store.query("ASK { ?s ?p ?o }"), "table") == "true\n"


def test_a_bad_query_is_an_input_error(store):
    with pytest.raises(InputError, match="invalid query"):
        store.query("SELECT WHERE {")


def test_a_command_names_exactly_one_store(tmp_path):
    with pytest.raises(InputError):
        open_store(None, None)
    with pytest.raises(InputError):
        open_store(str(tmp_path), "http://localhost:1/sparql")
    with pytest.raises(InputError, match="no store"):
        open_store(str(tmp_path / "absent"), None, read_only=True)
