"""The SHACL engine: shapes and catalogue agree, the sample is clean, findings carry places and both languages."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

from budget_graph.check import shacl
from budget_graph.check.catalogue import CATALOGUE
from budget_graph.check.engine import map_filing
from budget_graph.check.rules import Severity
from budget_graph.graph.namespaces import BG
from budget_graph.model import Cell, Kind
from tests.hand_filings import parts, small_filing

SEVERITIES = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}
SHACL_RULES = {rule.id for rule in CATALOGUE.values() if rule.engine == "shacl"}


def _shaped_rules() -> dict[str, set[Severity]]:
    """Rule id → the severities its shapes declare."""
    graph = shacl.shapes().graph
    found: dict[str, set[Severity]] = {}
    for shape, rule_id in graph.subject_objects(BG.ruleId):
        for source in [shape, *graph.objects(shape, SH.property), *graph.objects(shape, SH.sparql)]:
            severity = graph.value(source, SH.severity)
            if severity is not None:
                found.setdefault(str(rule_id), set()).add(SEVERITIES[severity])
    return found


def test_every_shacl_rule_has_shapes_and_every_shape_a_rule() -> None:
    assert set(_shaped_rules()) == SHACL_RULES


def test_shape_severities_are_the_catalogue_severities() -> None:
    for rule_id, severities in _shaped_rules().items():
        assert severities == {CATALOGUE[rule_id].severity}, rule_id


def test_every_shape_speaks_both_languages() -> None:
    for texts in shacl.shapes().texts.values():
        assert set(texts.message) == {"zh", "en"}
        assert set(texts.expected) == {"zh", "en"} and set(texts.actual) == {"zh", "en"}


def test_shapes_are_loaded_once() -> None:
    assert shacl.shapes() is shacl.shapes()


def test_the_sample_has_no_shacl_finding_above_info(sample_filing) -> None:
    findings = shacl.check(map_filing(sample_filing))
    assert [f for f in findings if f.severity is not Severity.INFO] == []


def _rules(findings) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for finding in findings:
        grouped.setdefault(finding.rule, []).append(finding)
    return grouped


def test_a_clean_hand_filing_outside_shenzhen_only_misses_national_items() -> None:
    findings = _rules(shacl.check(map_filing(small_filing(unit="上海市示例局"))))
    assert set(findings) == {"BG-C001", "BG-C002", "BG-I001"}
    missing = {f.message for f in findings["BG-C001"]}
    assert "缺少必须公开的表格：收入总表" in missing
    assert "A required table is missing: IncomeSummary" in {f.message_en for f in findings["BG-C001"]}
    assert "公开收入总表 (IncomeSummary published)" in {f.expected for f in findings["BG-C001"]}
    assert all(f.locations[0].source == "hand.md" for f in findings["BG-C001"])


def test_final_accounts_require_the_state_capital_table() -> None:
    findings = shacl.check(map_filing(small_filing(unit="上海市示例局", kind=Kind.FINAL)))
    assert any("StateCapitalBudget" in f.message_en for f in findings if f.rule == "BG-C001")


def test_unexplained_empty_table_is_found_at_its_title() -> None:
    filing = small_filing(unit="上海市示例局", parts=parts(other_matters="无。"))
    (finding,) = _rules(shacl.check(map_filing(filing)))["BG-C003"]
    assert finding.severity is Severity.WARNING
    assert finding.locations[0].line == 160
    assert finding.message == "空表没有说明：表10：政府性基金预算支出表"
    assert finding.message_en == "Empty table without an explanation: 表10：政府性基金预算支出表"
    assert finding.expected and finding.actual


def test_a_cell_that_is_no_number_is_found_at_its_cell() -> None:
    filing = small_filing(unit="上海市示例局")
    filing.tables[1].rows[3].cells["basic"] = Cell(None, "见附表")
    (finding,) = _rules(shacl.check(map_filing(filing)))["BG-C006"]
    assert finding.locations[0].line == 104 and finding.locations[0].column == "基本支出"
    assert "见附表" in finding.message and finding.actual == "见附表"


def test_indicator_without_target_is_found_at_its_line() -> None:
    (finding,) = _rules(shacl.check(map_filing(small_filing(unit="上海市示例局"))))["BG-I001"]
    assert finding.locations[0].line == 201
    assert finding.message == "绩效指标没有目标值：满意度"


def test_a_malformed_code_is_a_warning_at_its_row() -> None:
    filing = small_filing(unit="上海市示例局")
    filing.tables[1].rows[3].code = "201130"
    (finding,) = _rules(shacl.check(map_filing(filing)))["BG-K010"]
    assert finding.severity is Severity.WARNING
    assert finding.locations[0].line == 104
    assert "201130" in finding.message


def test_validate_graph_reads_places_from_the_graph() -> None:
    data = Graph().parse(
        format="turtle",
        data="""
        @prefix bg: <https://w3id.org/budget-graph/ontology#> .
        <https://example.org/i> a bg:PerformanceIndicator ; bg:indicatorName "服务企业"@zh ; bg:line 565 .
    """,
    )
    (finding,) = shacl.validate_graph(data)
    assert finding.rule == "BG-I001" and finding.locations[0].line == 565
    assert finding.locations[0].source == "graph"


@pytest.mark.parametrize("rule_id", sorted(SHACL_RULES))
def test_messages_have_no_unfilled_placeholders(rule_id: str) -> None:
    for texts in shacl.shapes().texts.values():
        if texts.rule == rule_id:
            filled = shacl._Filler(Graph(), Literal("x"), Literal("y"))
            assert "{" not in filled(texts.message["zh"], "zh") + filled(texts.message["en"], "en")


REAL_FILINGS = [  # whole filings in one PDF (the Jiangsu CPPCC years come as two PDFs each; the template is none)
    "js-procuratorate/2017年省检察院部门预算.pdf",
    "js-procuratorate/2018年省检察院部门预算公开.pdf",
    "js-procuratorate/2019年度部门预算公开.pdf",
    "sh-putuo-caizhengju-2024-juesuan/上海市普陀区财政局2024年度部门决算.pdf",
    "sh-putuo-caizhengju-2025-yusuan/上海市普陀区财政局部门25年预算.pdf",
    "sh-putuo-wanli-jiedao-2023-yusuan/1770007475548-818404804.pdf",
    "sh-putuo-wanli-jiedao-2025-yusuan/上海市普陀区人民政府万里街道办事处25年预算.pdf",
    "sh-shi-caizhengju-2025-yusuan/上海市财政局25年预算.pdf",
]


@pytest.mark.parametrize("name", REAL_FILINGS)
def test_real_filings_raise_no_shacl_alarm(corpus, name: str) -> None:
    from budget_graph.read import read_file

    path = corpus / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the corpus")
    findings = shacl.check(map_filing(read_file(path)))
    assert [(f.rule, f.message) for f in findings if f.severity is not Severity.INFO] == []


def test_empty_table_notes_as_printed_in_the_regions() -> None:
    from budget_graph.check.requirements import EMPTY_NOTE

    for note in (
        "注：本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
        "说明：本部门无相关收支项目。",
        "注：我单位无2017年政府性基金支出安排。",
    ):
        assert EMPTY_NOTE.search(note), note
    assert not EMPTY_NOTE.search("注：本表金额单位为万元。")
