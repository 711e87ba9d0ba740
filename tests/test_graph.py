"""The map step: a filing's graph, its IRIs, its SKOS codes, and the ontology the graph speaks."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from budget_graph.check.requirements import explains, layouts_for, sentences, topics_of, with_requirements
from budget_graph.graph import MappedGraph, build_graph
from budget_graph.graph.codes import Code
from budget_graph.graph.iris import slug, unit_iri
from budget_graph.graph.namespaces import BG, BGM, OBEU_DIMENSION, OBEU_MEASURE, QB
from budget_graph.model import Cell, Heading, Kind, NarrativePart, Paragraph, TableKind
from budget_graph.model.meanings import MEANINGS
from budget_graph.profiles import topics
from tests.hand_filings import at, empty_fund_table, parts, small_filing

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "budget-graph.ttl"


def required(filing) -> MappedGraph:
    """The filing's graph with what the checks add of its requirements (check/requirements.py)."""
    return with_requirements(build_graph(filing), filing)


@pytest.fixture(scope="module")
def mapped():
    return build_graph(small_filing())


@pytest.fixture(scope="module")
def sample_mapped(sample_filing):
    return build_graph(sample_filing)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def _node(mapped, path: str) -> URIRef:
    return URIRef(f"{mapped.filing}/{path}")


def test_same_filing_same_triples_and_iris() -> None:
    first, second = build_graph(small_filing()), build_graph(small_filing())
    assert set(first.graph) == set(second.graph)
    assert first.filing == second.filing


def test_unit_slug_is_stable_and_ignores_width_and_spaces() -> None:
    assert slug("深圳市罗湖区企业服务中心（本级）") == "9587a811cd20"  # pinned: IRIs must never move
    assert slug("深圳市罗湖区企业服务中心 (本级)") == slug("深圳市罗湖区企业服务中心（本级）")
    assert unit_iri("深圳市罗湖区企业服务中心（本级）") == URIRef(
        "https://w3id.org/budget-graph/unit/9587a811cd20"
    )


def test_filing_iri_names_unit_year_and_kind(mapped) -> None:
    assert (
        str(mapped.filing) == f"https://w3id.org/budget-graph/filing/{slug(small_filing().unit)}/2024/budget"
    )
    graph = mapped.graph
    assert (mapped.filing, RDF.type, BG.Filing) in graph
    assert (mapped.filing, BG.filingKind, BG.DepartmentalBudget) in graph
    assert (
        mapped.filing,
        OBEU_DIMENSION.fiscalYear,
        URIRef("http://reference.data.gov.uk/id/year/2024"),
    ) in graph


def test_budget_line_keeps_yuan_and_the_published_figure(mapped) -> None:
    graph = mapped.graph
    line = _node(mapped, "table/GeneralBudgetByFunction/row/4/project")
    assert (line, RDF.type, BG.BudgetLine) in graph
    assert graph.value(line, OBEU_MEASURE.amount) == Literal("12000000.00", datatype=XSD.decimal)
    assert str(graph.value(line, BG.publishedValue)) == "1200.00"
    assert graph.value(line, BG.decimals).toPython() == 2
    assert graph.value(line, BG.columnMeaning) == BGM.project
    assert graph.value(line, QB.dataSet) == _node(mapped, "dataset")
    table = _node(mapped, "table/GeneralBudgetByFunction")
    assert graph.value(table, BG.publishedUnit) == BG.TenThousandYuan
    assert graph.value(line, OBEU_DIMENSION.functionalClassification) == _node(
        mapped, "code/functional/2011308"
    )


def test_zero_cells_are_no_budget_lines_and_text_cells_keep_their_text() -> None:
    filing = small_filing()
    filing.tables[1].rows[3].cells["basic"] = Cell(None, "见附表")
    mapped = build_graph(filing)
    zero = _node(mapped, "table/GeneralBudgetByFunction/row/5/project")  # 0.00
    assert (zero, None, None) not in mapped.graph
    text = _node(mapped, "table/GeneralBudgetByFunction/row/4/basic")
    assert str(mapped.graph.value(text, BG.publishedText)) == "见附表"
    assert mapped.graph.value(text, OBEU_MEASURE.amount) is None


def test_codes_are_skos_concepts_whose_parent_is_their_prefix(mapped) -> None:
    graph = mapped.graph
    item = _node(mapped, "code/functional/2011308")
    assert (item, RDF.type, SKOS.Concept) in graph and (item, RDF.type, BG.FunctionalCode) in graph
    assert str(graph.value(item, SKOS.notation)) == "2011308"
    assert graph.value(item, SKOS.prefLabel) == Literal("招商引资", lang="zh")
    assert graph.value(item, SKOS.broader) == _node(mapped, "code/functional/20113")
    assert graph.value(_node(mapped, "code/functional/20113"), SKOS.broader) == _node(
        mapped, "code/functional/201"
    )
    assert graph.value(item, SKOS.inScheme) == _node(mapped, "scheme/functional")
    economic = _node(mapped, "code/economic/30201")
    assert (economic, RDF.type, BG.EconomicCode) in graph
    assert graph.value(economic, SKOS.broader) == _node(mapped, "code/economic/302")


def test_a_second_name_for_a_code_is_an_alt_label() -> None:
    filing = small_filing()
    rows = filing.tables[2].rows
    rows.append(replace(rows[1], label="办公经费"))
    graph = build_graph(filing).graph
    concept = next(graph.subjects(SKOS.notation, Literal("30201")))
    assert graph.value(concept, SKOS.prefLabel) == Literal("办公费", lang="zh")
    assert graph.value(concept, SKOS.altLabel) == Literal("办公经费", lang="zh")


@pytest.mark.parametrize(
    ("scheme", "notation", "level", "parent"),
    [
        ("functional", "2011308", 3, "20113"),
        ("functional", "201", 1, None),
        ("functional", "201130", None, None),
        ("economic", "30201", 2, "302"),
        ("economic", "3020101", None, None),
        ("procurement", "C16079900", 4, "C16070000"),
        ("procurement", "C16000000", 2, "C"),
        ("procurement", "C", 1, None),
    ],
)
def test_code_levels_and_parents(scheme: str, notation: str, level: int | None, parent: str | None) -> None:
    code = Code(scheme, notation)
    assert code.level == level
    assert (code.parent.notation if code.parent else None) == parent


def test_national_code_lists_hook_adds_exact_matches() -> None:
    class Lists:
        def match(self, scheme: str, notation: str, year: int, name: str = "") -> URIRef | None:
            return (
                URIRef(f"https://example.org/{scheme}/{year}/{notation}")
                if notation.startswith("2")
                else None
            )

    mapped = build_graph(small_filing(), Lists())
    item = _node(mapped, "code/functional/2011308")
    assert mapped.graph.value(item, SKOS.exactMatch) == URIRef("https://example.org/functional/2024/2011308")
    assert mapped.graph.value(_node(mapped, "code/economic/30201"), SKOS.exactMatch) is None


def test_project_with_its_funding_sources_indicators_and_claims(mapped) -> None:
    graph = mapped.graph
    project = next(graph.subjects(RDFS.label, Literal("企业服务", lang="zh")))
    assert (project, RDF.type, BG.Project) in graph
    # leaf funding columns with money; the subtotal (一般公共预算拨款 小计) and zero columns are not sources
    assert set(graph.objects(project, BG.fundingSource)) == {BGM.general_budget_duty, BGM.carryover}
    assert (_node(mapped, "indicator/1"), BG.project, project) in graph
    assert (_node(mapped, "claim/1"), BG.about, project) in graph


def test_claim_states_amount_change_percent_and_base(mapped) -> None:
    graph, claim = mapped.graph, _node(mapped, "claim/1")
    amount = graph.value(claim, BG.statedAmount)
    assert graph.value(amount, OBEU_MEASURE.amount) == Literal("4400000.00", datatype=XSD.decimal)
    assert graph.value(amount, BG.publishedUnit) == BG.TenThousandYuan
    change = graph.value(claim, BG.statedChange)
    assert graph.value(change, BG.publishedValue) == Literal("415.0", datatype=XSD.decimal)  # canonical form
    assert graph.value(change, BG.decimals).toPython() == 0  # as printed: 415
    assert graph.value(claim, BG.changeDirection) == BG.Decrease
    assert graph.value(claim, BG.percent).toPython() == Decimal("48.5")
    assert graph.value(claim, BG.baseYear).toPython() == 2023


def test_indicator_levels_comparator_and_target(mapped) -> None:
    graph, indicator = mapped.graph, _node(mapped, "indicator/1")
    assert graph.value(indicator, BG.level1Name) == Literal("产出指标", lang="zh")
    assert graph.value(indicator, BG.comparator) == BG.AtLeast
    assert graph.value(indicator, BG.targetValue).toPython() == Decimal("500")
    assert graph.value(_node(mapped, "indicator/2"), BG.targetText) is None  # published blank


def test_empty_table_is_marked_and_linked_to_its_explanation(mapped) -> None:
    table = _node(mapped, "table/GovernmentFundBudget")
    assert (table, RDF.type, BG.EmptyTable) in mapped.graph
    assert mapped.graph.value(table, BG.explainedBy) is None  # what explains it is the checks' to say
    assert required(small_filing()).graph.value(table, BG.explainedBy) == _node(mapped, "part/8/p/1")


def test_the_map_stage_writes_no_requirement(mapped) -> None:
    """Layouts and the topics parts explain come from the profiles in the check stage, not the mapper."""
    topic_classes = {BG[topic.name] for topic in topics()}
    assert mapped.graph.value(mapped.filing, BG.layout) is None
    assert not topic_classes & set(mapped.graph.objects(None, RDF.type))
    with_them = required(small_filing()).graph
    assert with_them.value(mapped.filing, BG.layout) is not None
    assert topic_classes & set(with_them.objects(None, RDF.type))


def test_an_empty_table_note_explains_it() -> None:
    filing = small_filing(parts=parts(other_matters="无。"))
    filing.tables[3] = empty_fund_table(
        notes=["注：本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。"]
    )
    mapped = required(filing)
    table = _node(mapped, "table/GovernmentFundBudget")
    assert mapped.graph.value(table, BG.explainedBy) == _node(mapped, "table/GovernmentFundBudget/note/1")


def test_unrelated_sentence_explains_nothing() -> None:
    mapped = required(small_filing(parts=parts(other_matters="本单位无国有资本经营预算支出。")))
    assert mapped.graph.value(_node(mapped, "table/GovernmentFundBudget"), BG.explainedBy) is None


def test_part_topics_come_from_titles_and_headings() -> None:
    part = NarrativePart(
        3,
        "部门预算情况说明",
        at(1),
        [
            Paragraph("八、一般公共预算“三公”经费支出预算情况说明", at(2)),
            Paragraph(
                "十、“三公”经费：指部门用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
                at(3),
            ),
        ],
        headings=[Heading("九、机关运行经费", at(4))],
    )
    names = {topic.name for topic in topics_of(part)}
    assert {"ThreePublicExpensesPart", "OfficeOperatingCostsPart"} <= names
    glossary_only = NarrativePart(9, "名词解释", at(1), [part.paragraphs[1]])
    assert {topic.name for topic in topics_of(glossary_only)} == {
        "GlossaryPart"
    }  # a long definition is no heading


def test_layouts_by_kind_and_region() -> None:
    assert [layout.name for layout in layouts_for(small_filing())] == [
        "NationalBudgetLayout",
        "ShenzhenBudgetLayout",
    ]
    assert [layout.name for layout in layouts_for(small_filing(unit="上海市普陀区财政局"))] == [
        "NationalBudgetLayout",
        "ShanghaiLayout",
    ]
    final = small_filing(unit="上海市普陀区财政局", kind=Kind.FINAL)
    assert [layout.name for layout in layouts_for(final)] == ["NationalFinalAccountsLayout", "ShanghaiLayout"]
    unit_level = small_filing(unit="江苏省示例厅", level="unit")
    assert [layout.name for layout in layouts_for(unit_level)] == [
        "NationalBudgetLayout",
        "JiangsuBudgetLayout",
    ]
    assert [layout.name for layout in layouts_for(small_filing(unit="浙江省示例厅"))] == [
        "NationalBudgetLayout"
    ]


def test_every_node_a_finding_can_be_about_has_a_location(mapped) -> None:
    typed = {
        BG.Filing,
        BG.Table,
        BG.TableRow,
        BG.BudgetLine,
        BG.NarrativePart,
        BG.Paragraph,
        BG.NarrativeClaim,
        BG.PerformanceIndicator,
        BG.TocEntry,
        BG.Project,
    }
    nodes = {s for cls in typed for s in mapped.graph.subjects(RDF.type, cls)}
    printed_codes = set(mapped.graph.objects(None, BG.code))
    assert nodes and printed_codes
    assert not (nodes | printed_codes) - set(mapped.locations)
    line = _node(mapped, "table/GeneralBudgetByFunction/row/4/project")
    assert mapped.locations[line].line == 104 and mapped.locations[line].column == "项目支出"


def test_sample_graph_size(sample_mapped) -> None:
    assert 5_000 < len(sample_mapped.graph) < 12_000  # timings: scripts/benchmark.py


def test_sample_tables_and_codes(sample_mapped, sample_filing) -> None:
    graph = sample_mapped.graph
    tables = set(graph.objects(sample_mapped.filing, BG.hasTable))
    assert len(tables) == 14
    kinds = {o for t in tables for o in graph.objects(t, RDF.type)} - {BG.Table, BG.EmptyTable}
    assert kinds == {
        BG[kind.name]
        for kind in set(TableKind) - {TableKind.OfficeOperatingCosts, TableKind.GeneralBudgetBasicByFunction}
    }
    empty = set(graph.subjects(RDF.type, BG.EmptyTable))
    assert {str(e).rsplit("/", 1)[-1] for e in empty} == {
        "GovernmentFundBudget",
        "StateCapitalBudget",
        "SpecialTransfers",
    }
    assert all(required(sample_filing).graph.value(e, BG.explainedBy) is not None for e in empty)
    category = next(graph.subjects(SKOS.notation, Literal("C16079900")))
    assert (category, RDF.type, BG.ProcurementCategory) in graph
    assert str(graph.value(graph.value(category, SKOS.broader), SKOS.notation)) == "C16070000"


# -- the ontology ------------------------------------------------------------------------------------------


def test_every_term_the_graph_and_shapes_use_is_declared_with_both_labels(ontology, sample_mapped) -> None:
    from budget_graph.check.shacl import shapes

    used = {
        term
        for graph in (sample_mapped.graph, shapes().graph)
        for triple in graph
        for term in triple
        if isinstance(term, URIRef)
        and term.startswith(str(BG))
        and not term.endswith("Shape")
        and term != BG.shapes
    }
    declared = set(ontology.subjects(RDFS.label, None))
    assert not used - declared
    for term in declared:
        if term.startswith(str(BG)):
            languages = {label.language for label in ontology.objects(term, RDFS.label)}
            assert languages >= {"zh", "en"}, term
            assert (term, RDFS.comment, None) in ontology, term


def test_table_kind_classes_agree_with_the_model(ontology) -> None:
    for kind in TableKind:
        assert (BG[kind.name], RDFS.subClassOf, BG.Table) in ontology
        assert Literal(kind.value, lang="zh") in set(ontology.objects(BG[kind.name], RDFS.label))


def test_column_meaning_scheme_agrees_with_meanings(ontology) -> None:
    concepts = set(ontology.subjects(SKOS.inScheme, BG.ColumnMeanings))
    assert concepts == {BGM[key] for key in MEANINGS}
    for key, (zh, en) in MEANINGS.items():
        labels = set(ontology.objects(BGM[key], SKOS.prefLabel))
        assert labels == {Literal(zh, lang="zh"), Literal(en, lang="en")}, key


def test_ontology_is_an_owl_ontology(ontology) -> None:
    assert (URIRef("https://w3id.org/budget-graph/ontology"), RDF.type, OWL.Ontology) in ontology


@pytest.mark.parametrize(
    ("text", "explained"),
    [
        ("本单位无政府性基金预算支出、国有资本经营预算支出和上级专项转移支付支出预算。", True),
        ("支出预算17,192万元；政府性基金拨款支出预算为0；国有资本经营预算拨款支出预算为0", True),
        ("政府性基金拨款支出预算0.00万元，比2024年预算持平", True),
        ("政府性基金拨款支出预算10.00万元，比2024年预算持平", False),
        ("政府性基金拨款支出预算0.5万元", False),
        ("本单位无国有资本经营预算支出。", False),
    ],
)
def test_narrative_sentences_that_explain_an_empty_fund_table(text: str, explained: bool) -> None:
    assert explains(sentences(Paragraph(text, at(1))), TableKind.GovernmentFundBudget) is explained


def test_the_sole_row_of_a_table_is_named_by_its_table(mapped) -> None:
    fund = _node(mapped, "table/GovernmentFundBudget")
    assert (_node(mapped, "table/GovernmentFundBudget/row/1"), BG.soleRowOf, fund) in mapped.graph
    assert (None, BG.soleRowOf, _node(mapped, "table/GeneralBudgetByFunction")) not in mapped.graph


def test_a_made_up_column_meaning_stays_one_iri_step() -> None:
    filing = small_filing()
    filing.tables[1].rows[1].cells["amount#1"] = filing.tables[1].rows[1].cells["total"]
    mapped = build_graph(filing)
    line = _node(mapped, "table/GeneralBudgetByFunction/row/2/amount%231")
    assert mapped.graph.value(line, BG.columnMeaning) == URIRef(
        "https://w3id.org/budget-graph/meaning/amount%231"
    )


def _numeric_cells(filing) -> int:
    return sum(1 for t in filing.tables for r in t.rows for c in r.cells.values() if c.amount is not None)


def _cells_in_graph(graph: Graph) -> int:
    """Budget lines of tables (non-zero figures) and bg:zeroIn triples (printed zeros)."""
    table_lines = {s for s, _ in graph.subject_objects(OBEU_MEASURE.amount) if "/table/" in str(s)}
    return len(table_lines) + sum(1 for _ in graph.subject_objects(BG.zeroIn))


def test_every_numeric_cell_of_the_sample_is_in_the_graph(sample_filing, sample_mapped) -> None:
    assert _cells_in_graph(sample_mapped.graph) == _numeric_cells(sample_filing) > 1000


def test_every_numeric_cell_of_the_corpus_is_in_the_graph(corpus: Path) -> None:
    from budget_graph.read import read_paths

    for filing in read_paths([str(corpus)]):
        assert _cells_in_graph(build_graph(filing).graph) == _numeric_cells(filing), filing.sources


def test_final_accounts_statements_are_in_the_graph(corpus: Path) -> None:
    from budget_graph.read import read_paths

    filing = read_paths([str(corpus / "sh-putuo-caizhengju-2024-juesuan")])[0]
    graph = build_graph(filing).graph
    rates = {
        (str(s), str(r), str(w))
        for s, r, w in graph.query(
            "SELECT ?s ?r ?w WHERE { ?c bg:subject ?s ; bg:completionRate ?r ; bg:comparisonWord ?w }",
            initNs={"bg": BG},
        )
    }
    assert ("一般公共预算财政拨款支出", "98.20", "小于") in rates


def test_a_vocabulary_term_is_made_once_and_is_the_namespace_s_iri() -> None:
    term = BG.aTermNoShapeNames
    assert term == URIRef("https://w3id.org/budget-graph/ontology#aTermNoShapeNames")
    assert BG.aTermNoShapeNames is term
    assert BG["aTermNoShapeNames"] == term and BG.anotherTerm != term
    with pytest.raises(AttributeError):
        getattr(BG, "__wrapped__")  # noqa: B009  (Python's own names are no terms)
