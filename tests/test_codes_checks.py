"""BG-K on the document model alone (no graph, no SHACL): the issue's cases. The rule fixtures run in
test_rule_fixtures.py, through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.check.codes import check_codes
from budget_graph.model import Cell, Column, Filing, Kind, Location, Row, RowRole, Table, TableKind, Unit
from budget_graph.model.amounts import parse_amount
from budget_graph.read.text import read_text
from tests.edits import edited_sample


def findings_of(edits: list[dict], folder: Path):
    return list(check_codes(read_text(edited_sample(edits, folder))))


def test_the_sample_has_no_code_finding_above_info(sample_filing) -> None:
    assert [f.message for f in check_codes(sample_filing) if f.severity.value != "info"] == []


def test_every_code_of_the_sample_resolves(sample_filing) -> None:
    from budget_graph.codes import lookup

    codes = {row.code for table in sample_filing.tables for row in table.rows if row.code}
    assert len(codes) > 60
    assert [c for c in codes if lookup(c, sample_filing.year) is None] == []


@pytest.mark.parametrize(
    ("line", "old", "new", "national"),
    [
        (255, "招商引资", "企业服务", "招商引资"),
        (398, "招商引资", "投资推广", "招商引资"),
        (455, "委托业务费", "咨询费", "委托业务费"),
    ],
)
def test_renamed_row_names_the_national_name(
    line: int, old: str, new: str, national: str, tmp_path: Path
) -> None:
    found = [
        f
        for f in findings_of([{"line": line, "old": old, "new": new}], tmp_path)
        if f.severity.value == "warning"
    ]
    assert any(
        f.expected == national and national in f.message and f.locations[0].line == line for f in found
    )


def _table(kind: TableKind, rows: list[tuple[str | None, str]]) -> Table:
    """A table of coded rows; a row without a code is a budget unit's own row."""
    table = Table(kind, "表", None, Unit.WAN, Location("t.md", 1, table="表"))
    for number, (code, label) in enumerate(rows, 2):
        role = RowRole.ITEM if code else RowRole.UNIT
        table.rows.append(Row(label, role, Location("t.md", number, table="表", row=label), code))
    return table


def _rules_fired(rows: list[tuple[str | None, str]], kind: TableKind = TableKind.BasicExpenditureSummary):
    filing = Filing(["t.md"], "单位", 2024, Kind.BUDGET, tables=[_table(kind, rows)])
    return sorted({(f.rule, f.severity.value) for f in check_codes(filing)})


def test_functional_and_economic_rows_in_one_table_nest_separately() -> None:
    rows = [
        ("201", "一般公共服务支出"),
        ("20113", "商贸事务"),
        ("2011350", "事业运行"),
        ("301", "工资福利支出"),
        ("30101", "基本工资"),
        ("2011399", "其他商贸事务支出"),
    ]
    assert _rules_fired(rows) == []


def test_each_unit_block_has_its_own_parents() -> None:
    rows = [
        (None, "甲单位"),
        ("221", "住房保障支出"),
        ("22102", "住房改革支出"),
        ("2210201", "住房公积金"),
        (None, "乙单位"),
        ("2210201", "住房公积金"),
    ]
    assert _rules_fired(rows, TableKind.GeneralBudgetByFunction) == [("BG-K003", "warning")]


def test_a_table_of_items_only_needs_no_parents() -> None:
    assert _rules_fired([("2210201", "住房公积金"), ("2101102", "事业单位医疗")]) == []


def test_project_names_in_coded_project_tables_are_not_code_names() -> None:
    assert _rules_fired([("2011308", "企聚罗湖招商推介会")], TableKind.ProjectExpenditureSummary) == []
    assert _rules_fired([("2011308", "企聚罗湖招商推介会")]) == [("BG-K002", "warning")]


def test_a_malformed_procurement_code_is_not_national() -> None:
    assert _rules_fired([("C1607", "运行维护服务")], TableKind.Procurement) == [("BG-K001", "warning")]
    assert _rules_fired([("201130", "商贸事务")]) == []  # BG-K010 (SHACL) reports the length of 科目编码


def test_procurement_names_before_the_2022_catalogue_are_info() -> None:
    table = _table(TableKind.Procurement, [("C16070000", "运维服务")])
    for year, severity in ((2021, "info"), (2022, "warning")):
        filing = Filing(["t.md"], "单位", year, Kind.BUDGET, tables=[table])
        assert [f.severity.value for f in check_codes(filing)] == [severity]


def _tied_filing(year: int, functional: dict[str, str], economic: dict[str, str]) -> Filing:
    """General-budget tables by function and by (basic-only) economic class, one tied pair each."""

    def table(kind: TableKind, code: str, cells: dict[str, str]) -> Table:
        table = _table(kind, [(code, "住房公积金")])
        table.columns = [Column(meaning, meaning) for meaning in cells]
        table.rows[0].cells = {m: Cell(parse_amount(v, Unit.WAN), v) for m, v in cells.items()}
        return table

    economic_code = "30113" if year >= 2018 else "30311"
    return Filing(
        ["t.md"],
        "单位",
        year,
        Kind.BUDGET,
        tables=[
            table(TableKind.GeneralBudgetByFunction, "2210201", functional),
            table(TableKind.GeneralBudgetByEconomicClass, economic_code, economic),
        ],
    )


@pytest.mark.parametrize(
    ("year", "functional", "economic", "expected"),
    [
        (
            2025,
            {"general_budget": "95.00", "basic": "91.93", "project": "3.07"},
            {"general_budget": "91.93"},
            [],
        ),
        (
            2025,
            {"general_budget": "91.93", "basic": "91.93", "project": "0"},
            {"general_budget": "81.93"},
            ["warning"],
        ),
        (2019, {"amount": "95.00"}, {"amount": "91.93"}, ["info"]),  # may be project spending
        (2019, {"amount": "90.00"}, {"amount": "91.93"}, ["warning"]),  # basic above the total
        (2017, {"amount": "90.00"}, {"amount": "91.93"}, ["warning"]),  # 30311 before the 2018 reform
    ],
)
def test_tied_pairs_against_a_basic_only_economic_table(year, functional, economic, expected) -> None:
    found = [f for f in check_codes(_tied_filing(year, functional, economic)) if f.rule == "BG-K006"]
    assert [f.severity.value for f in found] == expected


def test_a_misprinted_code_is_read_by_its_place_and_rows_under_it_are_not_misplaced() -> None:
    function = TableKind.GeneralBudgetByFunction
    fragment = [("201", "一般公共服务支出"), ("7", "文化旅游体育与传媒支出"), ("20701", "文化和旅游")]
    assert _rules_fired(fragment, function) == [("BG-K007", "warning")]  # not BG-K003/K004 for 20701
    filing = Filing(["t.md"], "单位", 2024, Kind.BUDGET, tables=[_table(function, fragment)])
    (finding,) = [f for f in check_codes(filing) if f.rule == "BG-K007"]
    assert finding.expected == "207" and [p.line for p in finding.locations] == [3]
    apart = [("301", "工资福利支出"), ("30101", "基本工资"), ("3012", "津贴补贴")]
    assert _rules_fired(apart) == [("BG-K007", "warning")]
    assert _rules_fired([("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴")]) == []
