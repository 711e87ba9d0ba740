"""The document model as RDF: one deterministic graph per filing, and where each node came from.

Budget lines are RDF Data Cube observations (qb:Observation) with the OpenBudgets.eu dimensions and
measure; classification codes are SKOS concepts in per-filing schemes; narrative parts, claims, indicators
and table-of-contents entries keep their text and place. Triples are collected in a list, and repeated
literals are made once (literals.py). The rdflib graph of them all is made only when asked for (export, the
store): `validate` checks the part of them its shapes read (check/shacl.py, docs/performance.md).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Protocol
from urllib.parse import quote

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from budget_graph.graph import literals as lit
from budget_graph.graph.codes import ECONOMIC, FUNCTIONAL, PROCUREMENT, PROJECT_NAMED, Code, scheme_of
from budget_graph.graph.iris import FilingIris, child, unit_iri
from budget_graph.graph.namespaces import (
    BG,
    BGM,
    CURRENCY,
    OBEU_ATTRIBUTE,
    OBEU_BUDGETPHASE,
    OBEU_DIMENSION,
    OBEU_MEASURE,
    QB,
    YEAR,
    bind_prefixes,
)
from budget_graph.model import (
    Amount,
    Cell,
    Claim,
    Direction,
    Filing,
    Indicator,
    Kind,
    Location,
    NarrativePart,
    Row,
    RowRole,
    Table,
    TableKind,
    TocEntry,
    Unit,
    prints_nothing,
)

Triple = tuple[Node, Node, Node]

UNITS = {Unit.YUAN: BG.Yuan, Unit.WAN: BG.TenThousandYuan, Unit.YI: BG.HundredMillionYuan}
ROLES = {
    RowRole.UNIT: BG.UnitRow,
    RowRole.ITEM: BG.ItemRow,
    RowRole.TOTAL: BG.TotalRow,
    RowRole.PERIOD: BG.PeriodRow,
}
DIRECTIONS = {
    Direction.INCREASE: BG.Increase,
    Direction.DECREASE: BG.Decrease,
    Direction.UNCHANGED: BG.Unchanged,
}
COMPARATORS = {">=": BG.AtLeast, "<=": BG.AtMost, "=": BG.EqualTo, ">": BG.MoreThan, "<": BG.LessThan}
PHASES = {Kind.BUDGET: OBEU_BUDGETPHASE.approved, Kind.FINAL: OBEU_BUDGETPHASE.executed}
KINDS = {Kind.BUDGET: BG.DepartmentalBudget, Kind.FINAL: BG.FinalAccounts}
CLASSIFICATIONS = {
    FUNCTIONAL: (BG.FunctionalCode, OBEU_DIMENSION.functionalClassification, BG.FunctionalClassification),
    ECONOMIC: (BG.EconomicCode, OBEU_DIMENSION.economicClassification, BG.EconomicClassification),
    PROCUREMENT: (BG.ProcurementCategory, BG.procurementCategory, BG.ProcurementCatalogue),
}
# Terms of every budget line, looked up once (a Namespace attribute makes a new URIRef each time).
_BUDGET_LINE, _IN_ROW, _COLUMN_MEANING, _DATASET = BG.BudgetLine, BG.inRow, BG.columnMeaning, QB.dataSet
_AMOUNT, _PUBLISHED_VALUE, _DECIMALS = OBEU_MEASURE.amount, BG.publishedValue, BG.decimals


class CodeLists(Protocol):
    """The hook for the national code lists: the national concept a code as printed stands for.

    Given one, the mapper links each per-filing code concept to it with skos:exactMatch; checks of code
    names and membership then compare the two.
    """

    def match(self, scheme: str, notation: str, year: int, name: str = "") -> URIRef | None: ...


@dataclass
class MappedGraph:
    triples: list[Triple]  # the filing's graph, as made (a triple may come twice)
    locations: dict[Node, Location]  # every node a finding can be about → where it stands in the source
    filing: URIRef

    @cached_property
    def graph(self) -> Graph:
        """The whole graph, in rdflib's SimpleMemory store: three plain indexes, no named graphs and no
        event per triple, which is all one filing's graph needs; it fills in under a third of the default
        store's time."""
        graph = bind_prefixes(Graph(store="SimpleMemory"))
        add = graph.store.add
        with _no_collection():
            for triple in self.triples:
                add(triple, graph)
        return graph

    def extend(self, triples: list[Triple]) -> None:
        """More triples (the checks' requirements), in the whole graph too if it has been made already."""
        self.triples.extend(triples)
        if "graph" in vars(self):  # a cached_property keeps what it made in the instance
            for triple in triples:
                self.graph.add(triple)


def build_graph(filing: Filing, code_lists: CodeLists | None = None) -> MappedGraph:
    with _no_collection():
        mapper = _Mapper(filing, code_lists)
        mapper.map_filing()
    return MappedGraph(mapper.triples, mapper.locations, mapper.iris.filing)


@contextmanager
def _no_collection():
    """rdflib makes tens of thousands of small objects; a full garbage collection in the middle of them
    costs as much as the mapping itself (measured: 80 ms becomes 80–200 ms). Nothing here makes cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Mapper:
    def __init__(self, filing: Filing, code_lists: CodeLists | None):
        self.filing = filing
        self.code_lists = code_lists
        self.iris = FilingIris(filing)
        self.triples: list[Triple] = []
        self.locations: dict[Node, Location] = {}
        self.codes: dict[Code, URIRef] = {}
        self.tables: dict[int, URIRef] = {}
        self.projects: dict[str, URIRef] = {}
        self.labels: dict[URIRef, str] = {}  # a code's first printed name

    def add(self, subject: Node, *pairs: tuple[Node, Node | None]) -> None:
        """Triples of one subject; a pair whose object is None (absent in the model) is left out."""
        self.triples.extend((subject, p, o) for p, o in pairs if o is not None)

    def place(self, node: Node, location: Location) -> None:
        self.locations[node] = location
        self.add(
            node,
            (BG.line, _int(location.line)),
            (BG.page, _int(location.page)),
            (BG.cell, lit.text(location.cell) if location.cell else None),
        )

    # -- the filing ---------------------------------------------------------------------------------------

    def map_filing(self) -> None:
        filing, node = self.filing, self.iris.filing
        unit = unit_iri(filing.unit)
        year = YEAR[str(filing.year)]
        self.locations[node] = Location(source=filing.sources[0] if filing.sources else "")
        self.add(
            node,
            (RDF.type, BG.Filing),
            (BG.filingKind, KINDS[filing.kind]),
            (BG.fiscalYear, lit.integer(filing.year)),
            (OBEU_DIMENSION.fiscalYear, year),
            (OBEU_DIMENSION.organization, unit),
            (DCTERMS.publisher, unit),
            (OBEU_DIMENSION.budgetPhase, PHASES[filing.kind]),
            (BG.level, lit.text(filing.level)),
            (RDFS.label, lit.text(f"{filing.year}年{filing.unit}{_kind_zh(filing.kind)}", "zh")),
        )
        self.add(node, *((DCTERMS.source, lit.text(source)) for source in filing.sources))
        self.add(unit, (RDF.type, BG.BudgetUnit), (RDFS.label, lit.text(filing.unit, "zh")))
        self.add(
            self.iris.dataset,
            (RDF.type, QB.DataSet),
            (QB.structure, BG.BudgetLineStructure),
            (BG.filing, node),
            (OBEU_DIMENSION.fiscalYear, year),
            (OBEU_DIMENSION.organization, unit),
            (OBEU_DIMENSION.budgetPhase, PHASES[filing.kind]),
            (OBEU_ATTRIBUTE.currency, CURRENCY.CNY),
        )
        # Claims before parts: a claim, not its paragraph, is the node a finding at its line is about.
        for table in filing.tables:
            self.map_table(table)
        for index, claim in enumerate(filing.claims, start=1):
            self.map_claim(index, claim)
        for index, indicator in enumerate(filing.indicators, start=1):
            self.map_indicator(index, indicator)
        for part in filing.parts:
            self.map_part(part)
        self.mark_empty_tables()
        for index, entry in enumerate(filing.toc, start=1):
            self.map_toc_entry(index, entry)

    # -- tables, rows, budget lines -------------------------------------------------------------------------

    def map_table(self, table: Table) -> None:
        node = self.iris.table(table)
        self.tables[id(table)] = node
        self.place(node, table.location)
        self.add(self.iris.filing, (BG.hasTable, node))
        self.add(
            node,
            (RDF.type, BG.Table),
            (RDF.type, BG[table.kind.name] if table.kind else None),
            (RDFS.label, lit.text(table.title, "zh")),
            (BG.tableNumber, _int(table.number)),
            (BG.publishedUnit, UNITS[table.unit]),
            (BG.unitName, lit.text(table.unit_name) if table.unit_name else None),
        )
        for index, note in enumerate(table.notes, start=1):
            note_node = child(node, "note", index)
            self.add(node, (BG.note, note_node))
            self.add(note_node, (RDF.type, BG.TableNote), (BG.text, lit.text(note, "zh")))
        self.map_columns(table, node)
        funding = _funding_meanings(table)
        for index, row in enumerate(table.rows, start=1):
            row_node = child(node, "row", index)
            self.map_row(table, row, row_node, index)
            if table.kind is TableKind.ProjectExpenditureSummary and row.role is RowRole.ITEM and row.label:
                self.map_project(row, row_node, funding)
        if len(table.rows) == 1:  # its figures are the table's: a sole row needs no name of its own
            self.add(child(node, "row", 1), (BG.soleRowOf, node))

    def map_columns(self, table: Table, node: URIRef) -> dict[tuple[str, str | None], URIRef]:
        columns = {}
        for column in table.columns:
            key = f"{column.side}-{column.meaning}" if column.side else column.meaning
            column_node = child(node, "column", key)
            columns[column.meaning, column.side] = column_node
            self.add(node, (BG.hasColumn, column_node))
            self.add(
                column_node,
                (RDF.type, BG.Column),
                (BG.columnMeaning, _meaning(column.meaning)),
                (RDFS.label, lit.text(column.label, "zh")),
                (BG.side, lit.text(column.side) if column.side else None),
                (BG.parentColumn, columns.get((column.parent, column.side)) if column.parent else None),
            )
        return columns

    def map_row(self, table: Table, row: Row, node: URIRef, index: int) -> None:
        self.place(node, row.location)
        self.add(self.tables[id(table)], (BG.hasRow, node))
        self.add(
            node,
            (RDF.type, BG.TableRow),
            (BG.rowIndex, lit.integer(index)),
            (BG.rowRole, ROLES[row.role]),
            (BG.rowLabel, lit.text(row.label, "zh") if row.label else None),
            (BG.side, lit.text(row.side) if row.side else None),
        )
        if row.role is RowRole.UNIT and row.label:
            self.add(node, (BG.budgetUnit, unit_iri(row.label)))
        if table.kind is TableKind.Procurement and row.code:
            self.add(node, (RDF.type, BG.ProcurementItem))
        code = self.code(table, row) if row.code else None
        if code is not None:
            self.add(node, (BG.code, code))
        for key, value in row.texts.items():
            text_node = child(node, "text", key)
            self.add(node, (BG.textCell, text_node))
            self.add(
                text_node, (RDF.type, BG.TextCell), (BG.key, lit.text(key)), (BG.text, lit.text(value, "zh"))
            )
        for meaning, cell in row.cells.items():
            if _is_blank(cell):
                if cell.amount is not None:  # a printed 0.00: one triple, not a budget line of its own
                    self.add(node, (BG.zeroIn, _meaning(meaning)))
                continue
            line = child(node, meaning)
            self.locations[line] = table.cell_location(row, meaning)
            self.triples += [
                (line, RDF.type, _BUDGET_LINE),
                (line, _DATASET, self.iris.dataset),
                (line, _IN_ROW, node),
                (line, _COLUMN_MEANING, _meaning(meaning)),
            ]
            if table.kind is TableKind.ThreePublicExpenses:
                self.add(line, (RDF.type, BG.ThreePublicExpenseLine), (BG.referenceYear, _year_of(row)))
            if code is not None:
                self.add(line, (CLASSIFICATIONS[scheme_of(table.kind)][1], code))
            if cell.amount is None:
                self.add(line, (BG.publishedText, lit.text(cell.text)))
            else:
                self.map_amount(line, cell.amount, table.unit)

    def map_amount(self, node: Node, amount: Amount, table_unit: Unit | None = None) -> None:
        """An amount in yuan (the measure) and as published: its value, its decimals and its unit (a
        table's lines leave the unit to their table, which states it once)."""
        self.triples += [
            (node, _AMOUNT, lit.decimal(amount.yuan)),
            (node, _PUBLISHED_VALUE, lit.decimal(amount.value)),
            (node, _DECIMALS, lit.integer(amount.decimals)),
        ]
        if amount.unit is not table_unit:
            self.triples.append((node, BG.publishedUnit, UNITS[amount.unit]))

    # -- codes ---------------------------------------------------------------------------------------------

    def code(self, table: Table, row: Row) -> URIRef:
        """The row's code concept; its first printed name is its skos:prefLabel, other names altLabels."""
        name = "" if table.kind in PROJECT_NAMED else row.label
        node = self.concept(Code(scheme_of(table.kind), row.code.strip()), name)
        self.locations.setdefault(node, row.location)
        if row.label:
            first = self.labels.setdefault(node, row.label)
            label_property = SKOS.prefLabel if first == row.label else SKOS.altLabel
            self.add(node, (label_property, lit.text(row.label, "zh")))
        return node

    def concept(self, code: Code, name: str = "") -> URIRef:
        """The per-filing SKOS concept of a code, with its ancestors (their prefixes) up to the top; it
        matches the national concept unless `name`, as first printed with it, contradicts that."""
        if code in self.codes:
            return self.codes[code]
        node = self.iris.code(code.scheme, code.notation)
        self.codes[code] = node
        kind, _, classification = CLASSIFICATIONS[code.scheme]
        scheme = self.iris.scheme(code.scheme)
        self.add(
            node,
            (RDF.type, SKOS.Concept),
            (RDF.type, kind),
            (SKOS.notation, lit.text(code.notation)),
            (SKOS.inScheme, scheme),
            (BG.codeLevel, _int(code.level)),
        )
        self.add(scheme, (RDF.type, SKOS.ConceptScheme), (BG.classification, classification))
        parent = code.parent
        if parent is not None:
            self.add(node, (SKOS.broader, self.concept(parent)))
        if self.code_lists is not None:
            self.add(
                node,
                (SKOS.exactMatch, self.code_lists.match(code.scheme, code.notation, self.filing.year, name)),
            )
        return node

    # -- projects --------------------------------------------------------------------------------------------

    def map_project(self, row: Row, row_node: URIRef, funding: set[str]) -> None:
        """A project of the project-expenditure table, with the funding sources it draws on (non-zero)."""
        node = self.project(row.label)
        self.add(self.iris.filing, (BG.hasProject, node))
        self.add(node, (BG.projectRow, row_node))
        self.locations.setdefault(node, row.location)
        for meaning in sorted(funding):
            amount = row.amount(meaning)
            if amount is not None and amount.value != 0:
                self.add(node, (BG.fundingSource, BGM[meaning]))

    def project(self, name: str) -> URIRef:
        if name not in self.projects:
            node = self.iris.project(name)
            self.projects[name] = node
            self.add(node, (RDF.type, BG.Project), (RDFS.label, lit.text(name, "zh")))
        return self.projects[name]

    # -- narrative -----------------------------------------------------------------------------------------

    def map_part(self, part: NarrativePart) -> None:
        node = self.iris.part(part.number)
        self.place(node, part.location)
        self.add(self.iris.filing, (BG.hasPart, node))
        self.add(
            node,
            (RDF.type, BG.NarrativePart),
            (BG.partNumber, lit.integer(part.number)),
            (RDFS.label, lit.text(part.title, "zh")),
        )
        self.add(node, *((BG.heading, lit.text(heading.text, "zh")) for heading in part.headings))
        for index, paragraph in enumerate(part.paragraphs, start=1):
            paragraph_node = child(node, "p", index)
            self.place(paragraph_node, paragraph.location)
            self.add(node, (BG.paragraph, paragraph_node))
            self.add(
                paragraph_node,
                (RDF.type, BG.Paragraph),
                (BG.position, lit.integer(index)),
                (BG.text, lit.text(paragraph.text, "zh")),
                (BG.heading, lit.text(paragraph.heading, "zh") if paragraph.heading else None),
            )

    def mark_empty_tables(self) -> None:
        """Mark each empty table of a known kind (what explains it is the checks' to say:
        check/requirements.py)."""
        for table in self.filing.tables:
            if table.kind is not None and table.is_empty:
                self.add(self.tables[id(table)], (RDF.type, BG.EmptyTable))

    def map_claim(self, index: int, claim: Claim) -> None:
        node = self.iris.numbered("claim", index)
        self.place(node, claim.location)
        self.add(self.iris.filing, (BG.hasClaim, node))
        self.add(
            node,
            (RDF.type, BG.NarrativeClaim),
            (BG.subject, lit.text(claim.subject, "zh")),
            (BG.text, lit.text(claim.text, "zh")),
            (BG.part, self.iris.part(claim.part)),
            (BG.parentSubject, lit.text(claim.parent, "zh") if claim.parent else None),
            (BG.section, lit.text(claim.section, "zh") if claim.section else None),
            (BG.about, self.projects.get(claim.subject)),
            (BG.changeDirection, DIRECTIONS.get(claim.change_direction)),
            (BG.changeWord, lit.text(claim.change_word, "zh") if claim.change_word else None),
            (BG.percent, lit.decimal(claim.percent) if claim.percent is not None else None),
            (BG.percentDirection, DIRECTIONS.get(claim.percent_direction)),
            (BG.percentWord, lit.text(claim.percent_word, "zh") if claim.percent_word else None),
            (BG.baseLabel, lit.text(claim.base_label, "zh") if claim.base_label else None),
            (BG.baseYear, _int(claim.base_year)),
            (BG["count"], _int(claim.count)),
            (BG.countUnit, lit.text(claim.count_unit, "zh") if claim.count_unit else None),
        )
        versus = claim.versus_budget
        if versus is not None:  # a 决算 statement: its budget figure, completion rate, comparison and reason
            self.add(
                node,
                (BG.budgetLabel, lit.text(versus.budget_label, "zh") if versus.budget_label else None),
                (
                    BG.completionRate,
                    lit.decimal(versus.completion) if versus.completion is not None else None,
                ),
                (
                    BG.completionOf,
                    lit.text(versus.completion_label, "zh") if versus.completion_label else None,
                ),
                (BG.comparisonWord, lit.text(versus.word, "zh") if versus.word else None),
                (BG.reason, lit.text(versus.reason, "zh") if versus.reason else None),
            )
            if versus.difference is not None:
                difference = versus.difference
                self.add(
                    node,
                    (BG.differenceDirection, DIRECTIONS.get(difference.direction)),
                    (BG.differenceFrom, lit.text(difference.label, "zh")),
                    (
                        BG.differenceRate,
                        lit.decimal(difference.percent) if difference.percent is not None else None,
                    ),
                )
        stated = (
            (BG.statedAmount, claim.amount),
            (BG.statedChange, claim.change),
            (BG.statedBase, claim.base_amount),
            (BG.statedBudget, versus.budget if versus else None),
            (BG.statedDifference, versus.difference.amount if versus and versus.difference else None),
        )
        for predicate, amount in stated:
            if amount is not None:
                amount_node = child(node, predicate.removeprefix(str(BG)))
                self.add(node, (predicate, amount_node))
                self.add(amount_node, (RDF.type, BG.StatedAmount))
                self.map_amount(amount_node, amount)

    def map_indicator(self, index: int, indicator: Indicator) -> None:
        node = self.iris.numbered("indicator", index)
        self.place(node, indicator.location)
        self.add(self.iris.filing, (BG.hasIndicator, node))
        self.add(
            node,
            (RDF.type, BG.PerformanceIndicator),
            (BG.indicatorName, lit.text(indicator.name, "zh") if indicator.name else None),
            (BG.level1Name, lit.text(indicator.level1, "zh") if indicator.level1 else None),
            (BG.level2Name, lit.text(indicator.level2, "zh") if indicator.level2 else None),
            (BG.targetText, lit.text(indicator.target_text, "zh") if indicator.target_text.strip() else None),
            (BG.comparator, COMPARATORS.get(indicator.comparator or "")),
            (
                BG.targetValue,
                lit.decimal(indicator.target_value) if indicator.target_value is not None else None,
            ),
            (BG.targetUnit, lit.text(indicator.target_unit, "zh") if indicator.target_unit else None),
            (BG.project, self.project(indicator.project) if indicator.project else None),
        )

    def map_toc_entry(self, index: int, entry: TocEntry) -> None:
        node = self.iris.numbered("toc", index)
        self.place(node, entry.location)
        self.add(self.iris.filing, (BG.hasTocEntry, node))
        self.add(
            node,
            (RDF.type, BG.TocEntry),
            (BG.position, lit.integer(index)),
            (RDFS.label, lit.text(entry.title, "zh")),
            (BG.tableKind, BG[entry.kind.name] if entry.kind else None),
            (BG.partNumber, _int(entry.part)),
        )


@lru_cache(maxsize=256)
def _meaning(key: str) -> URIRef:
    """The column-meaning concept; keys a reader made up ('amount#1') are escaped into one path step."""
    return BGM[quote(key, safe="")]


def _int(value: int | None):
    return lit.integer(value) if value is not None else None


def _kind_zh(kind: Kind) -> str:
    return "部门预算" if kind is Kind.BUDGET else "部门决算"


def _is_blank(cell: Cell) -> bool:
    """Zero and blank cells are no budget lines: layouts print the same nothing as 0.00, '-' or blank."""
    if cell.amount is not None:
        return cell.amount.value == 0
    return prints_nothing(cell.text)


def _year_of(row: Row):
    """The year a period row of the 三公 table stands for ('2023年'), if it names one."""
    digits = row.label.strip()[:4]
    return lit.integer(int(digits)) if row.role is RowRole.PERIOD and digits.isdigit() else None


def _funding_meanings(table: Table) -> set[str]:
    """The leaf columns of a project table: each one funding source (subtotal and total columns excluded)."""
    parents = {column.parent for column in table.columns if column.parent}
    return {
        c.meaning for c in table.columns if c.meaning not in parents and c.meaning not in {"total", "amount"}
    }
