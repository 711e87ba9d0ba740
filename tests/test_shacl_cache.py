"""The shapes kept on disk between runs (check/shacl_cache.py): a run that finds them parses neither the
Turtle nor a SPARQL query, and finds what a run without them finds; a changed shape names another file;
a cache that cannot be read or written is passed by."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pytest
import rdflib.plugins.sparql
from rdflib.compare import isomorphic
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Prologue, Query

from budget_graph.check import shacl, shacl_cache
from budget_graph.check.engine import map_filing
from budget_graph.resources import resource_dir


def _afresh() -> None:
    """As a new process starts: nothing parsed, nothing taken from the disk."""
    shacl.shapes.cache_clear()
    shacl._prepared.cache_clear()
    shacl._PARSED.clear()
    shacl._KEPT.clear()


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch):
    _afresh()
    yield monkeypatch
    monkeypatch.undo()
    _afresh()


def _parsing_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("parsed, though the cache holds it")

    monkeypatch.setattr(shacl._Recording, "parse", refuse)
    monkeypatch.setattr(rdflib.plugins.sparql, "prepareQuery", refuse)


def test_a_kept_cache_spares_every_parse_and_finds_the_same(fresh, tmp_path: Path, sample_filing) -> None:
    fresh.setenv("BUDGET_GRAPH_CACHE", "")
    mapped = map_filing(sample_filing)
    uncached = shacl.check(mapped)
    parsed = {key: query for key, query in shacl._PARSED.items()}
    graph = shacl.shapes().graph
    _afresh()
    fresh.setenv("BUDGET_GRAPH_CACHE", str(tmp_path))
    shacl.shapes()  # parses, then keeps what it parsed
    assert [p.name for p in tmp_path.iterdir()] == [shacl_cache.cache_file(_files()).name]
    _afresh()
    _parsing_refused(fresh)
    assert shacl.check(mapped) == uncached  # the shapes and every query pySHACL asks for, from the disk
    kept = shacl.shapes().graph
    assert isomorphic(kept, graph) and list(kept.namespaces()) == list(graph.namespaces())
    assert set(shacl._KEPT) == set(parsed)
    for key, query in parsed.items():
        assert _plain(shacl._KEPT[key]) == _plain(query)


def test_a_changed_shape_or_library_names_another_file(fresh, tmp_path: Path) -> None:
    fresh.setenv("BUDGET_GRAPH_CACHE", str(tmp_path))
    shape = tmp_path / "a.ttl"
    shape.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    first = shacl_cache.cache_file([shape])
    shape.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> . # changed\n", encoding="utf-8")
    assert shacl_cache.cache_file([shape]) != first
    fresh.setattr(shacl_cache, "FORMAT", shacl_cache.FORMAT + 1)
    assert shacl_cache.cache_file([shape]) not in {first, None}
    fresh.setenv("BUDGET_GRAPH_CACHE", "")
    assert shacl_cache.cache_file([shape]) is None


def test_a_damaged_cache_is_parsed_over(fresh, tmp_path: Path) -> None:
    fresh.setenv("BUDGET_GRAPH_CACHE", str(tmp_path))
    kept = shacl_cache.cache_file(_files())
    kept.write_bytes(b"not a pickle")
    assert shacl_cache.load(kept) is None
    assert shacl.shapes().texts  # parsed, and kept anew
    assert shacl_cache.load(kept) is not None


def test_a_cache_that_cannot_be_written_is_passed_by(fresh, tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    fresh.setenv("BUDGET_GRAPH_CACHE", str(blocker / "cache"))  # a folder inside a file cannot be made
    assert shacl.shapes().texts
    assert shacl_cache.store(shacl_cache.cache_file(_files()), [], {}) is False


def _files() -> list[Path]:
    return sorted(resource_dir("shapes").glob("*.ttl"))


def _plain(part):
    """A parsed query as plain values, sets sorted: what it means, not where Python keeps it."""
    if isinstance(part, CompValue):
        attributes = {k: v for k, v in vars(part).items() if k not in ("_evalfn", "ctx")}
        function = getattr(vars(part).get("_evalfn"), "__func__", None)
        items = tuple((k, _plain(OrderedDict.__getitem__(part, k))) for k in OrderedDict.keys(part))
        return type(part), function, items, tuple(sorted((k, _plain(v)) for k, v in attributes.items()))
    if isinstance(part, Query):
        return _plain(part.prologue), _plain(part.algebra), part._original_args
    if isinstance(part, Prologue):
        return part.base, tuple(sorted(part.namespace_manager.namespaces()))
    if isinstance(part, set | frozenset):
        return tuple(sorted((_plain(p) for p in part), key=repr))
    if isinstance(part, list | tuple):
        return tuple(_plain(p) for p in part)
    if isinstance(part, dict):
        return tuple((_plain(k), _plain(v)) for k, v in part.items())
    return part if isinstance(part, str | int | float | type(None)) else repr(part)
