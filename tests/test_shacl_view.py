"""`validate`'s SHACL (a view of the graph, each SPARQL query parsed once, the shapes loaded once) finds what
a plain pySHACL run finds on the filing's whole graph: on the sample, on hand filings that break the shapes,
and on every corpus filing (skipped cleanly without the corpus)."""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from budget_graph.check import shacl
from budget_graph.check.engine import map_filing
from budget_graph.graph import MappedGraph
from budget_graph.graph.namespaces import BG, bind_prefixes
from budget_graph.model import Cell, Kind
from tests.hand_filings import parts, small_filing


def _plain(mapped: MappedGraph):
    """The findings of pySHACL on every triple, in rdflib's default store, as `validate` ran it before:
    with the shapes in a plain graph too, which remembers nothing it has read."""
    whole = bind_prefixes(Graph())
    whole.addN((s, p, o, whole) for s, p, o in mapped.triples)
    _, results, _ = validate(
        whole, shacl_graph=_plain_shapes(), inference="none", allow_infos=True, allow_warnings=True
    )
    return shacl.findings(results, whole, mapped.locations.get, mapped.locations.get(mapped.filing))


def _plain_shapes() -> Graph:
    """The shapes' triples (their very nodes, which the messages are found by) and prefixes, in a Graph."""
    kept = shacl.shapes().graph
    plain = Graph()
    for prefix, namespace in kept.namespaces():
        plain.bind(prefix, namespace, override=True, replace=True)
    for triple in kept:
        plain.add(triple)
    assert type(plain) is not type(kept)
    return plain


def _hand_filings():
    broken = small_filing(unit="上海市示例局", parts=parts(other_matters="无。"))
    broken.tables[1].rows[3].cells["basic"] = Cell(None, "见附表")  # BG-C006
    broken.tables[1].rows[3].code = "201130"  # BG-K010
    unnamed = broken.tables[2].rows[1]
    unnamed.code, unnamed.label = None, ""  # BG-C005
    broken.parts[0].paragraphs[0].text = "本年度预算与上年持平。"  # BG-C004
    return [small_filing(), broken, small_filing(unit="上海市示例局", kind=Kind.FINAL)]


def test_hand_filings_find_the_same_as_plain_pyshacl() -> None:
    found = set()
    for filing in _hand_filings():
        mapped = map_filing(filing)
        findings = shacl.check(mapped)
        assert findings == _plain(mapped)
        found |= {f.rule for f in findings}
    assert {"BG-C001", "BG-C002", "BG-C003", "BG-C004", "BG-C005", "BG-C006", "BG-K010", "BG-I001"} <= found


def test_the_sample_finds_the_same_as_plain_pyshacl(sample_filing) -> None:
    mapped = map_filing(sample_filing)
    assert shacl.check(mapped) == _plain(mapped)


def test_every_corpus_filing_finds_the_same_as_plain_pyshacl(corpus: Path) -> None:
    from budget_graph.read import read_paths

    filings = read_paths([str(p) for p in sorted(corpus.glob("*/*.pdf"))])
    assert filings
    for filing in filings:
        mapped = map_filing(filing)
        assert shacl.check(mapped) == _plain(mapped), filing.sources


def test_a_view_without_what_a_shape_reads_finds_otherwise() -> None:
    """The comparison can fail: leave out the indicators' target values and BG-I001 fires for each."""
    mapped = map_filing(small_filing())
    narrowed = shacl.view(t for t in mapped.triples if t[1] != BG.targetText)
    findings = shacl.findings(shacl.report(narrowed), narrowed, mapped.locations.get)
    assert findings != _plain(mapped)


def test_the_view_keeps_the_predicates_of_paths_targets_and_queries() -> None:
    reads = shacl.shapes().reads
    assert reads is not None
    assert {
        BG.targetText,
        BG.inRow,
        BG.soleRowOf,
        BG.requiresTable,
        BG.hasPart,
    } <= reads  # path, target, query
    assert BG.publishedValue not in reads and BG.columnMeaning not in reads


def test_a_query_that_may_read_any_predicate_keeps_the_whole_graph() -> None:
    shapes = Graph().parse(
        format="turtle",
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        [] sh:select "SELECT $this WHERE { $this ?p ?o }" .
        [] sh:select "SELECT $this WHERE { $this <urn:a>/!<urn:b> ?o }" .
    """,
    )
    assert shacl._read_by_shapes(shapes) is None
    narrow = Graph().parse(
        format="turtle",
        data='[] <http://www.w3.org/ns/shacl#select> "SELECT $this WHERE { $this <urn:a>/^<urn:b> ?o }" .',
    )
    assert {"urn:a", "urn:b"} <= {str(p) for p in shacl._read_by_shapes(narrow)}


def test_the_view_keeps_the_types_of_the_classes_the_shapes_read() -> None:
    # a target class's, and the types a query compares with a value it reads ('?table a ?value'): the
    # required tables' kinds; not a cell's or a row's
    types = shacl.shapes().types
    assert types is not None and types.of_terms and BG.Filing in types.named
    mapped = map_filing(small_filing())
    kept = {o for s, p, o in shacl.view(mapped.triples).triples((None, RDF.type, None))}
    tables = {o for s, p, o in mapped.triples if p == BG.hasTable}
    kinds = {o for s, p, o in mapped.triples if p == RDF.type and s in tables}
    required = {o for s, p, o in mapped.triples if p == BG.requiresTable}
    assert BG.Filing in kept and kinds & required and kinds & required <= kept
    assert kept < {o for s, p, o in mapped.triples if p == RDF.type}


def test_a_type_a_query_binds_nowhere_else_or_a_path_through_types_keeps_every_type() -> None:
    def typed(query: str):
        return shacl._typed_by_shapes(
            Graph().parse(format="turtle", data=f'[] <http://www.w3.org/ns/shacl#select> """{query}""" .')
        )

    assert typed("SELECT $this WHERE { $this a <urn:C> }").named == {URIRef("urn:C")}
    assert typed("SELECT $this WHERE { $this <urn:p> ?c . ?x a ?c }").of_terms
    assert typed("SELECT $this WHERE { $this a ?c . ?x a ?c }") is None
    assert typed("SELECT $this WHERE { $this a/<urn:p> ?c }") is None
    assert typed("SELECT $this WHERE { $this <urn:p>/a ?c }") is None


def test_a_data_graph_naming_subclasses_keeps_every_type() -> None:
    # pySHACL finds a target class's instances through rdfs:subClassOf in the data
    mapped = map_filing(small_filing())
    sub = URIRef("urn:SubTable")
    triples = [*mapped.triples, (sub, RDFS.subClassOf, BG.Filing), (URIRef("urn:x"), RDF.type, sub)]
    assert (URIRef("urn:x"), RDF.type, sub) in shacl.view(triples)


def test_each_query_is_parsed_once_per_process(sample_filing) -> None:
    """Once in all: the view's reading of a query (for its predicates) and pySHACL's, run after run."""
    shacl.shapes.cache_clear()
    shacl._prepared.cache_clear()
    mapped = map_filing(sample_filing)
    shacl.check(mapped)
    shacl.check(mapped)
    queries = set(shacl.shapes().graph.objects(None, SH.select))
    assert len(queries) == 3
    assert shacl._prepared.cache_info().misses == len(queries)
    assert shacl._prepared.cache_info().hits > 0


def test_the_shapes_graph_reads_each_pattern_from_its_store_once(sample_filing, monkeypatch) -> None:
    """pySHACL reads the same paths and lists of the shapes for every focus node; after a first run, the
    shapes' graph answers them all without its store (a plain graph asked it thousands of times)."""
    mapped = map_filing(sample_filing)
    shacl.check(mapped)
    shacl.check(mapped)  # pySHACL adds its two system triples once more, which are there already
    plain = _plain(mapped)
    shapes, asked = shacl.shapes().graph, []
    plain_triples = Graph.triples

    def counting(graph, triple):
        if graph is shapes:
            asked.append(triple)
        return plain_triples(graph, triple)

    monkeypatch.setattr(Graph, "triples", counting)
    assert shacl.check(mapped) == plain
    assert asked == []


def test_a_prefix_that_names_another_namespace_is_another_query() -> None:
    body = "SELECT ?s WHERE { ?s bg:code ?o }"
    ours = shacl.prepared(body, {"bg": str(BG)}, None)
    assert shacl.prepared(f"PREFIX bg: <{BG}>\n{body}", {"bg": "urn:other#"}, None) is ours
    other = shacl.prepared(f"PREFIX bg: <urn:other#>\n{body}", {"bg": str(BG)}, None)
    assert other is not ours
    assert str(BG.code) not in str(other.algebra) and str(BG.code) in str(ours.algebra)
