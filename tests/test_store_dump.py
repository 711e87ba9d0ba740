"""`export-corpus`: the graphs `load` writes, as N-Quads files, and Virtuoso's bulk loader on them.

The dump holds exactly the quads of the embedded store loaded from the same filings, in both forms (a
folder of files, one gzip file); bulk-loaded into a private Virtuoso (`ld_dir` + `rdf_loader_run`, as
docs/store.md says), every named query answers as on the embedded store. The Virtuoso test starts its
own server and skips when Virtuoso is not installed.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from budget_graph.cli import main
from budget_graph.store.oxigraph import LocalStore
from budget_graph.store.queries import named_queries, with_prefixes
from budget_graph.store.remote import RemoteStore
from tests import virtuoso
from tests.conftest import CORPUS, SAMPLE
from tests.edits import edited_sample
from tests.test_store_load import OTHER_UNIT, budget_2023


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--workers", "1"])


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[str]:
    """The sample, it under another unit, the unit's 2023 budget (change statements), two corpus PDFs."""
    folder = tmp_path_factory.mktemp("sources")
    made = [
        SAMPLE,
        edited_sample(OTHER_UNIT, folder, "other.md"),
        edited_sample(budget_2023(), folder, "2023.md"),
    ]
    return [str(path) for path in [*made, *sorted(CORPUS.glob("js-court/*.pdf"))[:2]]]


@pytest.fixture(scope="module")
def embedded(sources, tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("store") / "store"
    result = run("load", *sources, "--store", str(store))
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="module")
def folder(sources, tmp_path_factory) -> Path:
    dump = tmp_path_factory.mktemp("dump") / "dump"
    result = run("export-corpus", *sources, "-o", str(dump))
    assert result.exit_code == 0, result.output
    return dump


def quads(data: bytes) -> set[ox.Quad]:
    """The quads as a store keeps them (literals in canonical form: "90000.0"^^xsd:decimal is 90000)."""
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_QUADS)
    return set(store)


def test_the_folder_holds_exactly_the_stores_graphs(sources, folder, embedded):
    names = {path.name for path in folder.iterdir()}
    assert {"reference.nq", "crossfiling.nq"} < names and len(names) == len(sources) + 2
    dumped = set().union(*(quads(path.read_bytes()) for path in folder.iterdir()))
    store = ox.Store.read_only(str(embedded / "oxigraph"))
    assert dumped == set(store)


def test_one_gzip_file_holds_the_same_quads(sources, folder, tmp_path):
    result = run("export-corpus", *sources, "-o", str(tmp_path / "corpus.nq.gz"))
    assert result.exit_code == 0, result.output
    assert f"导出 exported {len(sources)} filings" in result.output  # two corpus PDFs where the corpus is
    in_folder = set().union(*(quads(path.read_bytes()) for path in folder.iterdir()))
    assert quads(gzip.decompress((tmp_path / "corpus.nq.gz").read_bytes())) == in_folder


def test_a_file_not_read_is_named_and_the_others_exported(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("这不是预算文件\n", encoding="utf-8")
    result = run("export-corpus", str(SAMPLE), str(bad), "-o", str(tmp_path / "one.nq"))
    assert result.exit_code == 2
    assert "未能导出 not exported: 不是预决算公开文件" in result.output and str(bad) in result.output
    assert "导出 exported 1 filings (1 not exported)" in result.output
    assert "<https://w3id.org/budget-graph/graph/filing/" in (tmp_path / "one.nq").read_text(encoding="utf-8")


def test_an_output_that_is_neither_a_folder_nor_a_dump_is_refused(tmp_path):
    taken = tmp_path / "notes.txt"
    taken.write_text("mine", encoding="utf-8")
    result = run("export-corpus", str(SAMPLE), "-o", str(taken))
    assert result.exit_code == 2 and "is a file" in result.output
    assert taken.read_text(encoding="utf-8") == "mine"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from virtuoso.started_or_skip(tmp_path_factory.mktemp("virtuoso"))


def test_bulk_loaded_into_virtuoso_every_named_query_answers_as_the_embedded_store(sources, embedded, server):
    dump = server.folder / "dump"  # inside the server's DirsAllowed
    assert run("export-corpus", *sources, "-o", str(dump)).exit_code == 0
    server.bulk_load(dump, loaders=2)
    remote, local = RemoteStore(server.endpoint, None), LocalStore(embedded, read_only=True)
    try:
        answered = {}
        for query in named_queries().values():
            there = virtuoso.comparable(remote.query(with_prefixes(query.text)).bindings)
            here = virtuoso.comparable(local.query(with_prefixes(query.text)).bindings)
            assert there == here, query.name
            answered[query.name] = len(here)
    finally:
        local.close()
    assert answered["filings"] == len(sources)
    assert answered["change-disagrees-with-previous-year"] and answered["spending-by-function-class"]
