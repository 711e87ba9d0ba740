"""The SHACL engine: shapes/*.ttl over a filing's graph with pySHACL (inference none), results as Findings.

The shapes are for what is a property of nodes (presence, form, datatypes); sums are checked with
NetworkX on the document model (design.md). Each shape names its rule (bg:ruleId, a record of
check/shacl_rules.py) and carries its messages, expected and actual as Chinese and English templates:
{focus} is the focus node's label, {value} the result's value, {published} the printed text of a cell
that is not a number.

Fast enough to run on every filing (docs/performance.md): the shapes are parsed once per process, and so
is each SPARQL query in them, and both are kept on disk between runs (check/shacl_cache.py); pySHACL
validates only the part of the filing's graph the shapes and messages read (the view), which
tests/test_shacl_view.py holds to the same findings as the whole graph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.term import Node

from budget_graph.check import shacl_cache
from budget_graph.check.rules import Finding
from budget_graph.check.shacl_rules import BY_ID as _RULES
from budget_graph.graph import MappedGraph
from budget_graph.graph.namespaces import BG, bind_prefixes
from budget_graph.model import Location, TableKind
from budget_graph.profiles import topics
from budget_graph.resources import resource_dir

if TYPE_CHECKING:  # rdflib's SPARQL loads pyparsing: imported where a query is parsed, not for the catalogue
    from rdflib.plugins.sparql.parserutils import CompValue

Locate = Callable[[Node], Location | None]


@dataclass(frozen=True)
class _Texts:
    """A shape's rule and its templates, by language."""

    rule: str
    message: dict[str, str]
    expected: dict[str, str]
    actual: dict[str, str]


@dataclass(frozen=True)
class _Types:
    """The rdf:type triples the shapes read: those of the classes they name, and, when a query compares
    a node's type with a value it reads elsewhere ('?table a ?value'), those whose class is a term of
    another triple the view keeps."""

    named: frozenset[Node]
    of_terms: bool


@dataclass(frozen=True)
class _Shapes:
    graph: Graph
    texts: dict[Node, _Texts]  # by the shape or SPARQL constraint a result names as its source
    reads: frozenset[Node] | None  # the predicates the shapes and messages read; None: any of them
    types: _Types | None  # the rdf:type triples they read; None: every one


@cache
def shapes() -> _Shapes:
    """The shapes, their messages and what they read: parsed once per process, and kept on disk between
    runs (check/shacl_cache.py) with their SPARQL queries parsed."""
    files = sorted(resource_dir("shapes").glob("*.ttl"))
    kept_in = shacl_cache.cache_file(files)
    kept = shacl_cache.load(kept_in)
    if kept is None:
        parsing = _Recording()
        for path in files:
            parsing.parse(path, format="turtle")
        calls = parsing.calls
    else:
        calls = kept["calls"]
        _KEPT.update(kept["queries"])
    graph = _Remembering()  # made by the parser's own calls, whether just now or in an earlier run
    for name, arguments in calls:
        getattr(graph, name)(*arguments)
    read, types = _read_by_shapes(graph), _typed_by_shapes(graph)
    if kept is None:
        shacl_cache.store(kept_in, calls, dict(_PARSED))
    return _Shapes(graph, _texts(graph), None if read is None else read | LABELLING, types)


class _Remembering(Graph):
    """The shapes' graph, which nothing changes once it is made: the triples of each pattern are looked up
    in the store once and then remembered. pySHACL reads the same paths and lists of the shapes for every
    focus node (BG-C005's sh:alternativePath for each row), and that was a quarter of its time on the
    sample. A change to the graph forgets them all (adding a triple it holds changes nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self._remembered: dict[tuple, list] = {}

    def triples(self, triple):
        if isinstance(triple[1], Path):  # a property path: evaluated over the patterns, which are remembered
            return super().triples(triple)
        found = self._remembered.get(triple)
        if found is None:
            found = self._remembered[triple] = list(super().triples(triple))
        return iter(found)

    def add(self, triple):
        if triple not in self:  # pySHACL adds its two system triples again in every run
            self._remembered.clear()
        return super().add(triple)

    def addN(self, quads):
        self._remembered.clear()
        return super().addN(quads)

    def remove(self, triple):
        self._remembered.clear()
        return super().remove(triple)


class _Recording(Graph):
    """A graph that notes what the Turtle parser does to it: each triple added and prefix bound, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, tuple]] = []

    def add(self, triple):
        self.calls.append(("add", (triple,)))
        return super().add(triple)

    def bind(self, prefix, namespace, override=True, replace=False):
        self.calls.append(("bind", (prefix, namespace, override, replace)))
        return super().bind(prefix, namespace, override, replace)


def _texts(graph: Graph) -> dict[Node, _Texts]:
    """Every shape with messages, under its own rule id or its node shape's."""
    texts = {}
    for shape, rule_id in graph.subject_objects(BG.ruleId):
        for source in [shape, *graph.objects(shape, SH.property), *graph.objects(shape, SH.sparql)]:
            if (source, SH.message, None) in graph:
                texts[source] = _Texts(
                    str(rule_id),
                    _by_language(graph, source, SH.message),
                    _by_language(graph, source, BG.expected),
                    _by_language(graph, source, BG.actual),
                )
    return texts


def _by_language(graph: Graph, node: Node, predicate: URIRef) -> dict[str, str]:
    return {o.language or "": str(o) for o in graph.objects(node, predicate) if isinstance(o, Literal)}


# Predicates in shapes that name data predicates; class targets and sh:class follow rdf:type and rdfs:subClassOf.
_NAMING_PREDICATES = (
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
)
_PATH_STEPS = (SH.alternativePath, SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath)


def _read_by_shapes(graph: Graph) -> frozenset[Node] | None:
    """Every data predicate a shape reads (its paths, the predicates its targets and constraints name, those
    of its SPARQL); None when a query can read any predicate (a variable or a negated path in its place)."""
    read: set[Node] = {RDF.type, RDFS.subClassOf}
    for predicate in _NAMING_PREDICATES:
        read.update(graph.objects(None, predicate))
    for path in graph.objects(None, SH.path):
        read |= _path_predicates(graph, path)
    namespaces = _namespaces(graph)
    for select in graph.objects(None, SH.select):
        in_query = _query_predicates(prepared(str(select), namespaces, None).algebra)
        if in_query is None:
            return None
        read |= in_query
    return frozenset(read)


def _namespaces(graph: Graph) -> dict[str, str]:
    """The prefixes of the shapes' queries: as the Turtle binds them, and as sh:declare does."""
    declared = {
        str(graph.value(d, SH.prefix)): str(graph.value(d, SH.namespace))
        for d in graph.objects(None, SH.declare)
    }
    return {**dict(graph.namespaces()), **declared}


def _typed_by_shapes(graph: Graph) -> _Types | None:
    """The rdf:type triples the shapes read (see _Types); None when they may read any: a path through
    rdf:type, a target on it, or a query reading a type it binds nowhere else."""
    if RDF.type in {*graph.objects(None, SH.path), *graph.objects(None, SH.targetSubjectsOf)}:
        return None
    if RDF.type in graph.objects(None, SH.targetObjectsOf):
        return None
    named = {*graph.objects(None, SH.targetClass), *graph.objects(None, SH["class"])}
    named |= set(graph.subjects(RDF.type, RDFS.Class))  # a shape that is a class targets its instances
    of_terms, namespaces = False, _namespaces(graph)
    for select in graph.objects(None, SH.select):
        patterns = list(_query_patterns(prepared(str(select), namespaces, None).algebra))
        elsewhere = {term for s, p, o in patterns if p != RDF.type for term in (s, o)}
        for _, predicate, type_ in patterns:
            if predicate != RDF.type:
                steps = _sparql_path_predicates(predicate)
                if steps is None or RDF.type in steps:
                    return None  # a variable or a path that may step through a type
            elif isinstance(type_, URIRef):
                named.add(type_)
            elif type_ in elsewhere:
                of_terms = True
            else:
                return None  # a type the query binds nowhere else
    return _Types(frozenset(named), of_terms)


def _path_predicates(graph: Graph, path: Node) -> set[Node]:
    """The predicates of a SHACL property path: an IRI, a list (a sequence) or a node of one path step."""
    if isinstance(path, URIRef):
        return {path}
    if (path, RDF.first, None) in graph:
        steps = list(Collection(graph, path))
    else:
        steps = [o for p, o in graph.predicate_objects(path) if p in _PATH_STEPS]
    return set().union(*(_path_predicates(graph, step) for step in steps))


def _query_predicates(algebra: CompValue) -> set[Node] | None:
    """The predicates in a SPARQL query's triple patterns (FILTER EXISTS ones too), through its paths."""

    found: set[Node] = set()
    for triple in _query_patterns(algebra):
        predicates = _sparql_path_predicates(triple[1])
        if predicates is None:
            return None
        found |= predicates
    return found


def _query_patterns(algebra: CompValue) -> Iterator[tuple[Node, Node, Node]]:
    """The triple patterns of a SPARQL query (FILTER EXISTS ones too)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    parts: list = [algebra]
    while parts:
        part = parts.pop()
        if isinstance(part, CompValue):
            yield from dict.get(part, "triples") or ()  # CompValue.get answers a missing key with the key
            parts.extend(part.values())
        elif isinstance(part, list | tuple):
            parts.extend(part)


def _sparql_path_predicates(path) -> set[Node] | None:
    if isinstance(path, URIRef):
        return {path}
    if isinstance(path, SequencePath | AlternativePath):
        steps = [_sparql_path_predicates(step) for step in path.args]
        return None if None in steps else set().union(*steps)
    if isinstance(path, InvPath):
        return _sparql_path_predicates(path.arg)
    if isinstance(path, MulPath):
        return _sparql_path_predicates(path.path)
    return None  # a variable, or a negated path: any predicate


class _PreparedQueries(Graph):
    """A graph that parses each SPARQL text once per process. pySHACL hands every sh:select to Graph.query
    as text, for every focus node of every run, and rdflib's parser (pyparsing) took about 30% of the SHACL
    time; the parsed query is the one rdflib would make, with the same namespaces and base."""

    def query(self, query_object, processor="sparql", result="sparql", initNs=None, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = prepared(query_object, initNs or dict(self.namespaces()), kwargs.get("base"))
        return super().query(query_object, processor, result, initNs, *args, **kwargs)


_PREFIX_LINE = re.compile(r"\s*PREFIX\s+([^\s:]*):\s*<([^>]*)>", re.IGNORECASE)


def prepared(text: str, namespaces: Mapping[str, str], base: str | None):
    """The query parsed, once per process for one body and what the prefixes it names stand for.

    pySHACL words a query with PREFIX lines before it (in no fixed order); the view reads the same query
    with the shapes' namespaces. Both come to the query's body and the namespaces of the prefixes written
    in it, so the one parse serves both, and it is the parse rdflib would make of either text."""
    declared = {}
    while line := _PREFIX_LINE.match(text):
        declared[line.group(1)] = line.group(2)
        text = text[line.end() :]
    body = text.strip()
    named = {**namespaces, **declared}  # a PREFIX line wins over a namespace given beside the query
    return _prepared(body, tuple(sorted((p, str(n)) for p, n in named.items() if f"{p}:" in body)), base)


# Queries parsed in this process, and those the disk cache gave (by _prepared's arguments).
_PARSED: dict[tuple, object] = {}
_KEPT: dict[tuple, object] = {}


@lru_cache(maxsize=64)
def _prepared(body: str, namespaces: tuple, base: str | None):
    key = (body, namespaces, base)
    if key in _KEPT:
        return _KEPT[key]
    from rdflib.plugins.sparql import prepareQuery

    _PARSED[key] = prepareQuery(body, initNs=dict(namespaces), base=base)
    return _PARSED[key]


def check(mapped: MappedGraph) -> list[Finding]:
    """The SHACL findings on a mapped filing, each at its focus node's place in the source."""
    data = view(mapped.triples)
    return findings(report(data), data, mapped.locations.get, mapped.locations.get(mapped.filing))


def validate_graph(data_graph: Graph) -> list[Finding]:
    """The SHACL findings on any graph (a Turtle fixture); places come from its bg:line / bg:page triples."""
    data = view(data_graph)
    return findings(
        report(data), data, lambda node: _graph_location(data_graph, node), Location(source="graph")
    )


def view(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """The triples the shapes and the messages read, as a graph for pySHACL (which wants rdflib's default
    store: per triple, its cost is most of the time a filing's graph takes to make)."""
    reads, types = shapes().reads, shapes().types
    graph = bind_prefixes(_PreparedQueries())
    add = graph.store.add  # straight to the store: Graph.addN checks every term again (a fifth of the time)
    typing = {} if types is None else {RDF.type: "type", RDFS.subClassOf: "subclass"}
    of_terms = types is not None and types.of_terms
    typed, terms, subclassing = [], set(), False
    for triple in triples:
        if reads is not None and triple[1] not in reads:
            continue
        role = typing.get(triple[1])
        if role == "type":
            typed.append(triple)  # kept or not once the other triples' terms are known
            continue
        add(triple, graph)
        subclassing = subclassing or role == "subclass"
        if of_terms:
            terms.add(triple[0])
            if type(triple[2]) is URIRef:
                terms.add(triple[2])
    for triple in typed:  # a class's subclasses in the data are its instances' types too: all kept then
        if subclassing or triple[2] in types.named or (of_terms and triple[2] in terms):
            add(triple, graph)
    return graph


def report(data: Graph) -> Graph:
    """pySHACL's validation report on a graph, against the shapes (inference none)."""
    from pyshacl import validate

    _, results, _ = validate(
        data,
        shacl_graph=shapes().graph,
        inference="none",
        advanced=False,
        allow_infos=True,
        allow_warnings=True,
    )
    return results


def findings(report: Graph, data: Graph, locate: Locate, fallback: Location | None = None) -> list[Finding]:
    """A validation report's results as findings, their messages filled from the data graph."""
    loaded = shapes()
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceConstraint)
        texts = loaded.texts.get(source) or loaded.texts.get(report.value(result, SH.sourceShape))
        if texts is None:
            continue  # a shape of no rule (none today); nothing to report against
        focus, value = report.value(result, SH.focusNode), report.value(result, SH.value)
        fill = _Filler(data, focus, value)
        # A value that is a node of its own (a row, a code) is where the trouble is; else the focus node.
        location = (locate(value) if isinstance(value, URIRef) else None) or locate(focus) or fallback
        found.append(
            _RULES[texts.rule].finding(
                fill(texts.message.get("zh", ""), "zh"),
                fill(texts.message.get("en", ""), "en"),
                [location] if location else [],
                expected=_both(fill, texts.expected),
                actual=_both(fill, texts.actual),
            )
        )
    return sorted(set(found), key=lambda f: (f.rule, f.message))


def _both(fill: _Filler, templates: dict[str, str]) -> str | None:
    zh, en = fill(templates.get("zh", ""), "zh"), fill(templates.get("en", ""), "en")
    return f"{zh} ({en})" if zh and en and zh != en else (zh or en or None)


class _Filler:
    """Fills a template's placeholders from the result and the data graph, looking up only what it names."""

    def __init__(self, data: Graph, focus: Node, value: Node | None):
        self.data, self.focus, self.value = data, focus, value

    def __call__(self, template: str, language: str) -> str:
        if "{" not in template:
            return template
        names = {
            "focus": lambda: label(self.data, self.focus, language),
            "value": lambda: label(self.data, self.value, language) if self.value is not None else "",
            "published": lambda: str(self.data.value(self.focus, BG.publishedText) or ""),
        }
        return template.format_map(
            {name: look() for name, look in names.items() if "{" + name + "}" in template}
        )


# Table kinds and narrative topics by their glossary names, in each language.
_NAMES = {
    "zh": {**{BG[k.name]: k.value for k in TableKind}, **{BG[t.name]: t.label for t in topics()}},
    "en": {**{BG[k.name]: k.name for k in TableKind}, **{BG[t.name]: t.label_en for t in topics()}},
}


# Every predicate label() and _Filler read: the view keeps them beside what the shapes read.
LABELLING = frozenset(
    {
        BG.code,
        BG.rowLabel,
        BG.indicatorName,
        BG.rowIndex,
        BG.publishedText,
        SKOS.notation,
        SKOS.prefLabel,
        RDFS.label,
    }
)


def label(graph: Graph, node: Node | None, language: str = "zh") -> str:
    """What to call a node in a message: a table kind or topic by name, a code by notation and name,
    a row by its code and label (or its position), anything else by its label or its IRI's last step."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node)
    known = _NAMES[language].get(node)
    if known:
        return known
    code = graph.value(node, BG.code)
    if code is not None:
        return " ".join(
            filter(None, [label(graph, code, language), str(graph.value(node, BG.rowLabel) or "")])
        )
    notation = graph.value(node, SKOS.notation)
    if notation is not None:
        return " ".join(filter(None, [str(notation), str(graph.value(node, SKOS.prefLabel) or "")]))
    for predicate in (BG.rowLabel, BG.indicatorName, RDFS.label):
        named = graph.value(node, predicate)
        if named is not None:
            return str(named)
    index = graph.value(node, BG.rowIndex)
    if index is not None:
        return f"第{index}行 (row {index})"
    return str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _graph_location(graph: Graph, node: Node) -> Location | None:
    """A place read from the graph itself: the node's line, page or cell, or its row's; None when it has none."""
    row = graph.value(node, BG.inRow)
    for holder in (node, row):
        if holder is None:
            continue
        line, page, cell = (graph.value(holder, p) for p in (BG.line, BG.page, BG.cell))
        if line is not None or page is not None or cell is not None:
            return Location(
                source="graph",
                line=line.toPython() if line is not None else None,
                page=page.toPython() if page is not None else None,
                row=label(graph, holder),
                cell=str(cell) if cell is not None else None,
            )
    return None
