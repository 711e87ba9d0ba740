"""What a filing must contain and what explains it, decided from the layout profiles by the checks.

The profiles (budget_graph/profiles/) hold the requirement sets (disclosure-rules.md A.1, A.2, A.4, the
Shenzhen, Shanghai and Jiangsu sets) and the narrative topics. Here they are applied to one filing and
written into its graph beside what the map stage wrote, for the completeness shapes (BG-C001 to BG-C003)
to compare the filing with: each layout that applies (bg:layout, its bg:requiresTable / bg:requiresPart),
the topics each narrative part explains (recognised from part titles and headings, because parts are
numbered and titled differently in every region), and the note or narrative paragraph that explains each
empty table (disclosure-rules.md A.3, G.36).

An empty table must be kept and explained, either by a note printed with it ('故本表为空表',
'本部门无相关收支项目') or by a narrative sentence that says the unit has none of what the table shows
('本单位无政府性基金预算支出、国有资本经营预算支出和上级专项转移支付支出预算。') or that it is zero
('政府性基金拨款支出预算为0').
"""

from __future__ import annotations

import re
from functools import cache

from rdflib.namespace import RDF, RDFS

from budget_graph.graph import MappedGraph
from budget_graph.graph import literals as lit
from budget_graph.graph.iris import FilingIris, child
from budget_graph.graph.namespaces import BG, BGL
from budget_graph.model import Filing, NarrativePart, Paragraph, Table, TableKind
from budget_graph.profiles import Layout, Topic, layouts_for, topics


def with_requirements(mapped: MappedGraph, filing: Filing) -> MappedGraph:
    """The filing's graph with its requirements and what meets them added (the graph is changed)."""
    iris = FilingIris(filing)
    added = []
    for layout in layouts_for(filing):
        added.append((iris.filing, BG.layout, BGL[layout.name]))
        added.extend(_layout(layout))
    for part in filing.parts:
        for topic in topics_of(part):
            added.append((iris.part(part.number), RDF.type, BG[topic.name]))
    empty = [table for table in filing.tables if table.kind is not None and table.is_empty]
    explaining = _explaining(filing, {table.kind for table in empty}, iris)
    for table in empty:
        node = iris.table(table)
        note = explaining_note(table)
        if note is not None:
            added.append((node, BG.explainedBy, child(node, "note", note + 1)))
        added.extend((node, BG.explainedBy, paragraph) for paragraph in explaining.get(table.kind, ()))
    mapped.extend(added)
    return mapped


def _explaining(filing: Filing, kinds: set[TableKind], iris: FilingIris) -> dict[TableKind, list]:
    """The narrative paragraphs (their nodes) that explain each kind of empty table: each paragraph's
    sentences split once, however many tables are empty (a file of many filings has many)."""
    found: dict[TableKind, list] = {}
    for part in filing.parts if kinds else ():
        for index, paragraph in enumerate(part.paragraphs, start=1):
            said = sentences(paragraph)
            for kind in kinds:
                if explains(said, kind):
                    found.setdefault(kind, []).append(child(iris.part(part.number), "p", index))
    return found


def _layout(layout: Layout) -> list[tuple]:
    node = BGL[layout.name]
    return [
        (node, RDF.type, BG.Layout),
        (node, RDFS.label, lit.text(layout.label, "zh")),
        (node, RDFS.label, lit.text(layout.label_en, "en")),
        *((node, BG.requiresTable, BG[kind.name]) for kind in layout.tables),
        *((node, BG.requiresPart, BG[topic.name]) for topic in layout.topics),
    ]


# A paragraph the reader did not recognise as a heading: short and enumerated (一、… （二）…).
_HEADING_LIKE = re.compile(r"^\s*(（?[一二三四五六七八九十]+[、）]|第[一二三四五六七八九十]+部分)")
_HEADING_MAX = 40


def topics_of(part: NarrativePart) -> list[Topic]:
    """The topics a part explains: named in its title, its headings or its heading-like lines."""
    texts = [part.title, *(heading.text for heading in part.headings)]
    texts += [p.heading for p in part.paragraphs if p.heading]
    texts += [p.text for p in part.paragraphs if len(p.text) <= _HEADING_MAX and _HEADING_LIKE.match(p.text)]
    joined = "\n".join(texts)
    return [topic for topic in topics() if topic.pattern.search(joined)]


EMPTY_NOTE = re.compile(
    r"空表|无数据|(无|没有)(相关|此类|该类)?.{0,12}(收支|支出|收入|项目|经费)|不涉及"
)  # 我单位无2017年政府性基金支出安排

# The words a narrative sentence uses for what each table shows.
SUBJECTS: dict[TableKind, str] = {
    TableKind.GovernmentFundBudget: "政府性基金",
    TableKind.StateCapitalBudget: "国有资本经营",
    TableKind.SpecialTransfers: "专项转移支付",
    TableKind.ThreePublicExpenses: "三公",
    TableKind.Procurement: "政府采购",
    TableKind.OfficeOperatingCosts: "机关运行经费",
    TableKind.ProjectExpenditureSummary: "项目支出",
    TableKind.PerformanceTargets: "绩效目标",
}

_SENTENCE = re.compile(r"[^。；;！!\n]+")
_NONE = r"(无|没有|未安排|不涉及)"
_ZERO = r"[^，,。；;]*?(为零|(?<![\d.])0(\.0+)?(?![\d.]))"  # '…支出预算为0', '…拨款支出预算0.00万元'


def explaining_note(table: Table) -> int | None:
    """Index of the table's own note that says why it is empty."""
    return next((i for i, note in enumerate(table.notes) if EMPTY_NOTE.search(note)), None)


def sentences(paragraph: Paragraph) -> list[str]:
    """The paragraph's sentences, split once for every kind of empty table asked of them."""
    return _SENTENCE.findall(paragraph.text)


def explains(sentences: list[str], kind: TableKind) -> bool:
    """Does one of a paragraph's sentences say the unit has none of what a `kind` table shows
    (无政府性基金…), or that its amount is zero (政府性基金拨款支出预算为0)?"""
    patterns = _subject_patterns(kind)
    return patterns is not None and any(p.search(sentence) for sentence in sentences for p in patterns)


@cache
def _subject_patterns(kind: TableKind) -> tuple[re.Pattern, re.Pattern] | None:
    subject = SUBJECTS.get(kind)
    if subject is None:
        return None
    return re.compile(_NONE + r"[^。；;]*?" + re.escape(subject)), re.compile(re.escape(subject) + _ZERO)
