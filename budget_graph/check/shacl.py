"""The SHACL engine: shapes/*.ttl over a filing's graph with pySHACL (inference none), results as Findings.

The shapes are for what is a property of nodes (presence, form, datatypes); sums are checked with
NetworkX on the document model (design.md). Each shape names its rule (bg:ruleId) and carries its
messages, expected and actual as Chinese and English templates: {focus} is the focus node's label,
{value} the result's value, {published} the printed text of a cell that is not a number.

Fast enough to run on every filing (docs/performance.md): the shapes are parsed once per process, and so is
each SPARQL query in them; pySHACL validates only the part of the filing's graph the shapes and messages
read (the view), which tests/test_shacl_view.py holds to the same findings as the whole graph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.term import Node

from budget_graph.check.rules import Finding, Rule, Severity, rule
from budget_graph.graph import MappedGraph
from budget_graph.graph.namespaces import BG, bind_prefixes
from budget_graph.model import Location, TableKind
from budget_graph.profiles import topics
from budget_graph.resources import resource_dir

if TYPE_CHECKING:  # rdflib's SPARQL loads pyparsing: imported where a query is parsed, not for the catalogue
    from rdflib.plugins.sparql.parserutils import CompValue

BASIS_TABLES = (
    "《地方预决算公开操作规程》（财预〔2016〕143号）及各地部门预决算公开目录; disclosure-rules.md A.1, A.2, G"
)

REQUIRED_TABLES = rule(
    id="BG-C001",
    title="必须公开的表格齐全",
    title_en="Every required table is published",
    severity=Severity.ERROR,
    basis=BASIS_TABLES,
    engine="shacl",
    checks="The filing has a table of every kind its layouts require: the national eight 部门预算 tables (nine "
    "决算 tables) and, for Shenzhen budgets, the 14-table set. Tables are recognised by kind, not by title.",
    why="A missing table is information the public is entitled to and does not get.",
    fail_example="表格部分没有“三公”经费支出表",
    pass_example="表一至表十四俱全",
)
REQUIRED_TOPICS = rule(
    id="BG-C002",
    title="必须说明的事项齐全",
    title_en="Every required narrative topic is explained",
    severity=Severity.WARNING,
    basis="预算法第十四条; 财预〔2016〕143号; disclosure-rules.md A.4",
    engine="shacl",
    checks="Some part title or heading of the narrative names each topic the filing's layouts require "
    "(duties, organisation, income and expenditure overview, office operating costs, procurement, the three "
    "public expenses, glossary; the nine Shenzhen parts).",
    why="The law requires the narrative to explain these matters; a missing section is a disclosure gap.",
    fail_example="说明中没有“机关运行经费”的内容",
    pass_example="第八部分 一、机关运行经费",
)
EMPTY_TABLE_EXPLAINED = rule(
    id="BG-C003",
    title="空表应有说明",
    title_en="Every empty table is explained",
    severity=Severity.WARNING,
    basis="公开目录“没有数据的表格应当列出空表并说明”; disclosure-rules.md A.3, G.36",
    engine="shacl",
    checks="A table whose figures are all zero or blank has a note saying why (故本表为空表, 本部门无相关收支) or a "
    "narrative sentence saying the unit has none of what it shows (本单位无政府性基金预算支出…).",
    why="Without the note a reader cannot tell an empty table from a table left unfilled by mistake.",
    fail_example="表十全为0.00，说明中也未提及政府性基金",
    pass_example="第八部分：本单位无政府性基金预算支出…",
)
THREE_PUBLIC_EXPLAINED = rule(
    id="BG-C004",
    title="说明“三公”经费",
    title_en="The three public expenses are explained in words",
    severity=Severity.WARNING,
    basis="财预〔2016〕143号; disclosure-rules.md C.10",
    engine="shacl",
    checks="The narrative part on the three public expenses (第五部分 in Shenzhen) has text about them.",
    why="The 三公 explanation (amounts and the reasons for their change) is a required disclosure.",
    fail_example="第五部分 财政拨款“三公”经费预算情况（无正文）",
    pass_example="2024 年财政拨款“三公”经费预算 3.15 万元，较 2023 年年初预算减少 0.10 万元。",
)
ROW_NAMED = rule(
    id="BG-C005",
    title="数据行应有编码或名称",
    title_en="Every row with figures has a code or a name",
    severity=Severity.WARNING,
    basis="table design",
    engine="shacl",
    checks="Every table row with a non-zero figure has a classification code or a row name.",
    why="A figure nobody can attribute is not a disclosure; it is usually a misprinted or shifted row.",
    fail_example="|  |  | 12.00 |",
    pass_example="| 2011308 | 招商引资 | 1,200.00 |",
)
AMOUNT_IS_NUMBER = rule(
    id="BG-C006",
    title="金额应为数字",
    title_en="Every amount is a number",
    severity=Severity.WARNING,
    basis="table design",
    engine="shacl",
    checks="Every budget line (a cell of an amount column) holds exactly one decimal number.",
    why="Text in an amount column cannot be added up or compared; it hides the figure it replaces.",
    fail_example="支出总计 | 见附表",
    pass_example="支出总计 | 33,654.29",
)
CODE_LENGTH = rule(
    id="BG-K010",
    title="科目编码位数正确",
    title_en="Classification codes have the right number of digits",
    severity=Severity.WARNING,  # a misprinted code; no figure is wrong for it (BG-K007 says where it is counted)
    basis="《政府收支分类科目》: 类3位、款5位、项7位",
    engine="shacl",
    checks="Functional codes have 3, 5 or 7 digits (类/款/项); economic codes 3 or 5 (类/款).",
    why="A code of another length is no code of the national classification: misprinted or truncated.",
    fail_example="201130 商贸事务",
    pass_example="20113 商贸事务",
)
CODE_PARENT = rule(
    id="BG-K011",
    title="上级科目是编码前缀",
    title_en="A code's parent is its prefix",
    severity=Severity.ERROR,
    basis="《政府收支分类科目》: a 款 code extends its 类 code, a 项 code its 款 code",
    engine="shacl",
    checks="In every SKOS scheme of codes (a filing's own, or a national list loaded beside it), the skos:broader "
    "of a code is a shorter code that is its prefix.",
    why="Roll-ups and cross-filing queries follow skos:broader; a wrong parent sums spending into the wrong class.",
    fail_example="2011308 skos:broader 20132",
    pass_example="2011308 skos:broader 20113",
)
INDICATOR_TARGET = rule(
    id="BG-I001",
    title="绩效指标应有目标值",
    title_en="Every performance indicator has a target value",
    severity=Severity.WARNING,
    basis="预算绩效目标管理办法: indicators state target values; disclosure-rules.md D.17",
    engine="shacl",
    checks="Every named level-3 performance indicator states its target value.",
    why="An indicator without a target cannot be evaluated.",
    fail_example="服务企业 | （空白）",
    pass_example="服务企业 | 500家以上",
)

# the shapes' rules by the id each shape names (bg:ruleId)
_RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        REQUIRED_TABLES,
        REQUIRED_TOPICS,
        EMPTY_TABLE_EXPLAINED,
        THREE_PUBLIC_EXPLAINED,
        ROW_NAMED,
        AMOUNT_IS_NUMBER,
        CODE_LENGTH,
        CODE_PARENT,
        INDICATOR_TARGET,
    )
}

Locate = Callable[[Node], Location | None]


@dataclass(frozen=True)
class _Texts:
    """A shape's rule and its templates, by language."""

    rule: str
    message: dict[str, str]
    expected: dict[str, str]
    actual: dict[str, str]


@dataclass(frozen=True)
class _Shapes:
    graph: Graph
    texts: dict[Node, _Texts]  # by the shape or SPARQL constraint a result names as its source
    reads: frozenset[Node] | None  # the predicates the shapes and messages read; None: any of them


@cache
def shapes() -> _Shapes:
    graph = Graph()
    for path in sorted(resource_dir("shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    read = _read_by_shapes(graph)
    return _Shapes(graph, _texts(graph), None if read is None else read | LABELLING)


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
    declared = {
        str(graph.value(d, SH.prefix)): str(graph.value(d, SH.namespace))
        for d in graph.objects(None, SH.declare)
    }
    namespaces = {**dict(graph.namespaces()), **declared}  # as the Turtle binds them, and as sh:declare does
    for select in graph.objects(None, SH.select):
        in_query = _query_predicates(prepared(str(select), namespaces, None).algebra)
        if in_query is None:
            return None
        read |= in_query
    return frozenset(read)


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
    from rdflib.plugins.sparql.parserutils import CompValue

    found: set[Node] = set()
    parts: list = [algebra]
    while parts:
        part = parts.pop()
        if isinstance(part, CompValue):
            for triple in dict.get(part, "triples") or ():  # CompValue.get answers a missing key with the key
                predicates = _sparql_path_predicates(triple[1])
                if predicates is None:
                    return None
                found |= predicates
            parts.extend(part.values())
        elif isinstance(part, list | tuple):
            parts.extend(part)
    return found


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


@lru_cache(maxsize=64)
def _prepared(body: str, namespaces: tuple, base: str | None):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(body, initNs=dict(namespaces), base=base)


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
    reads = shapes().reads
    graph = bind_prefixes(_PreparedQueries())
    add = graph.store.add  # straight to the store: Graph.addN checks every term again (a fifth of the time)
    for triple in triples:
        if reads is None or triple[1] in reads:
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
