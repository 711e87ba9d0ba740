"""BG-X cross-table identities: silent on the sample, an error at the line of any one changed figure that
another table restates, inequalities only where one table covers part of another's money."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from budget_graph.check.crosstable import check_crosstable, findings_of
from budget_graph.check.rules import declared_rule
from budget_graph.derive.crosstable import (
    Tables,
    align,
    block_pairs,
    by_code,
    by_name,
    department_row,
    function_lines,
    line_meaning,
    lines,
    plain,
    summary_lines,
)
from budget_graph.model import Amount, Cell, Filing, Row, RowRole, TableKind
from budget_graph.read.text import read_text
from tests.conftest import sample_lines
from tests.edits import edited_sample


def _shifted(text: str, step: str = "0.02") -> str:
    value = Decimal(text.replace(",", "")) + Decimal(step)
    return f"{value:,.2f}" if "," in text else f"{value:.2f}"


def _errors_at(filing: Filing, line: int) -> list[str]:
    return [
        f.rule
        for f in check_crosstable(filing)
        if f.severity.value == "error" and any(place.line == line for place in f.locations)
    ]


def _edit_cell(tmp_path: Path, line: int, index: int, step: str = "0.02") -> Filing:
    """The sample with the amount in tab-separated cell `index` of `line` moved by `step`."""
    cells = sample_lines()[line - 1].split("\t")
    changed = list(cells)
    changed[index] = _shifted(cells[index].strip(), step)
    path = edited_sample([{"line": line, "old": "\t".join(cells), "new": "\t".join(changed)}], tmp_path)
    return read_text(path)


def _set(
    filing: Filing, kind: TableKind, line: int, meaning: str, value: str, side: str | None = None
) -> None:
    table = filing.table(kind)
    row = next(r for r in table.rows if r.location.line == line and meaning in r.cells and r.side == side)
    row.cells[meaning] = Cell(Amount(Decimal(value), table.unit), value)


# ---------------------------------------------------------------- the sample


def test_sample_has_no_cross_table_finding(sample_filing: Filing) -> None:
    assert [f.message for f in check_crosstable(sample_filing)] == []


def test_sample_spending_is_all_general_budget(sample_filing: Filing) -> None:
    tables = Tables(sample_filing)
    assert tables.government_only and tables.no_fund_spending and tables.general_only
    assert tables.nothing_carried_forward(tables.IncomeExpenditureSummary)


# ---------------------------------------------------------------- lines and their meanings


@pytest.mark.parametrize(
    ("label", "meaning"),
    [
        ("政府预算资金", "appropriation"),
        ("一、财政拨款收入", "appropriation"),
        ("1.一般公共预算资金", "general_budget"),
        ("2.政府性基金", "gov_fund"),
        ("二、财政专户管理资金", "special_account"),
        ("本年收入合计", "current_income"),
        ("当年收入小计", "current_income"),
        ("本年支出合计", "current_expenditure"),
        ("上年结余、结转", "carryover"),
        ("年初结转和结余", "carryover"),
        ("1.财政拨款结余、结转", "carryover:appropriation"),
        ("2.非财政拨款结余、结转", "carryover:other"),
        ("1.一般公共预算拨款结余、结转", "carryover:general_budget"),
        ("3.国有资本经营预算拨款结余、结转", "carryover:state_capital"),
        ("结转下年", "carry_forward"),
        ("年末结转和结余", "carry_forward"),
        ("收入总计", "total"),
    ],
)
def test_summary_line_meanings(label: str, meaning: str) -> None:
    assert line_meaning(label) == meaning


def test_numbered_lines_under_a_carry_over_are_its_parts() -> None:
    """Shanghai 决算: 年初财政拨款结转和结余 / 一、一般公共预算财政拨款 is carry-over, not income."""
    from budget_graph.model import Location, Table, Unit

    table = Table(TableKind.AppropriationSummary, "财政拨款收入支出决算总表", 4, Unit.WAN, Location("x"))
    labels = [
        "一、一般公共预算财政拨款",
        "本年收入合计",
        "年初财政拨款结转和结余",
        "一、一般公共预算财政拨款",
        "总计",
    ]
    roles = [RowRole.ITEM, RowRole.TOTAL, RowRole.ITEM, RowRole.ITEM, RowRole.TOTAL]
    table.rows = [
        Row(label, role, Location("x"), side="income") for label, role in zip(labels, roles, strict=True)
    ]
    meanings = [m for _, m in summary_lines(table, "income")]
    assert meanings == [
        "general_budget",
        "current_income",
        "carryover:appropriation",
        "carryover:general_budget",
        "total",
    ]


def test_plain_names_fold_numbering_width_and_spaces() -> None:
    assert plain("一、一般公共服 务支出") == plain("一般公共服务支出")
    assert plain("维修（护）费") == plain("维修(护)费")


def test_summary_function_lines_align_with_coded_lines_in_order(sample_filing: Filing) -> None:
    summary = sample_filing.table(TableKind.IncomeExpenditureSummary)
    spending = sample_filing.table(TableKind.ExpenditureSummary)
    lines = function_lines(summary)
    assert len(lines) == 26 and lines[-1].label == "购房补贴"
    alignment = align(lines, [r for r in spending.rows if r.code], by_name)
    assert alignment and not alignment.extra and not alignment.missing and not alignment.renamed
    # 其他一般公共服务支出 is printed at 款 and at 项 level: each pairs with its own code, in order
    codes = [b.code for a, b in alignment.pairs if a.label == "其他一般公共服务支出"]
    assert codes == ["20199", "2019999"]


def test_lines_printed_in_another_order_still_pair(sample_filing: Filing) -> None:
    summary = sample_filing.table(TableKind.IncomeExpenditureSummary)
    spending = sample_filing.table(TableKind.ExpenditureSummary)
    listed = function_lines(summary)
    listed = listed[:19] + listed[22:] + listed[19:22]  # 卫生健康 printed after 住房保障
    alignment = align(listed, lines(spending), by_name)
    assert alignment and not alignment.extra and not alignment.missing and not alignment.renamed
    assert all(plain(a.label) == plain(b.label) for a, b in alignment.pairs)


def _summary_and_spending(filing: Filing) -> tuple[list[Row], list[Row]]:
    summary = filing.table(TableKind.IncomeExpenditureSummary)
    return function_lines(summary), lines(filing.table(TableKind.ExpenditureSummary))


def test_a_line_under_a_former_national_name_pairs_with_its_code(sample_filing: Filing) -> None:
    """210 was 医疗卫生与计划生育支出 before 2018/2019 (卫生健康支出 since): one line under either name."""
    listed, coded = _summary_and_spending(sample_filing)
    health = next(r for r in listed if plain(r.label) == "卫生健康支出")
    for former, paired in (("医疗卫生与计划生育支出", True), ("医疗卫生支出", False)):
        renamed = [copy.copy(r) for r in listed]
        renamed[listed.index(health)].label = former
        alignment = align(renamed, coded, by_name)
        pairs = {a.label: b.code for a, b in alignment.pairs}
        assert (pairs.get(former) == "210") is paired
        assert bool(alignment.renamed) is not paired  # a name no edition had is still reported renamed


@pytest.mark.parametrize(("cut", "renamed"), [("卫生健康", True), ("卫生", False)])
def test_a_name_cut_short_pairs_with_the_one_name_it_begins(
    sample_filing: Filing, cut: str, renamed: bool
) -> None:
    """A summary listing the 类 alone, one name's wrapped rest lost as it was read ('卫生健康' for
    卫生健康支出): the same line, named otherwise (a warning), not a line the other table lacks (an
    error). A stub shorter than four characters pairs with nothing."""
    _, coded = _summary_and_spending(sample_filing)
    classes = [copy.copy(r) for r in coded if len(r.code) == 3]
    next(r for r in classes if r.code == "210").label = cut
    alignment = align(classes, coded, by_name)
    assert [(a.label, b.code) for a, b in alignment.renamed] == ([(cut, "210")] if renamed else [])
    assert ("210" in [r.code for r in alignment.missing]) is not renamed


def test_a_row_without_code_or_name_is_no_line_to_match(sample_filing: Filing) -> None:
    """A stray row of figures in both tables pairs with nothing and is no line the other table lacks."""
    listed, coded = _summary_and_spending(sample_filing)
    stray = copy.copy(listed[3])
    stray.label, stray.code = "", None
    alignment = align([*listed, stray], [*coded, copy.copy(stray)], by_name)
    assert alignment and not alignment.extra and not alignment.missing and not alignment.renamed
    assert all(a.label for a, _ in alignment.pairs)
    by_codes = align([*coded, stray], [*coded, copy.copy(stray)], by_code)
    assert by_codes and len(by_codes.pairs) == len(coded) and not by_codes.extra


def test_a_listing_of_another_kind_is_not_aligned(sample_filing: Filing) -> None:
    spending = sample_filing.table(TableKind.ExpenditureSummary)
    coded = [r for r in spending.rows if r.code]
    by_purpose = [
        Row(name, RowRole.ITEM, coded[0].location) for name in ("基本支出", "项目支出", "单位预留机动经费")
    ]
    assert align(by_purpose, coded, by_name) is None


def test_basic_summary_lines_take_the_economic_codes(sample_filing: Filing) -> None:
    alignment = Tables(sample_filing).basic_lines
    assert alignment and not alignment.extra and not alignment.renamed
    codes = {a.label: b.code for a, b in alignment.pairs}
    assert codes["资本性支出"] == "310" and codes["公务接待费"] == "30217"
    assert {r.code for r in alignment.missing} == {"30216", "309", "30906", "312", "31204"}  # no basic money


def test_units_with_lines_of_their_own_are_not_read_as_the_departments(sample_filing: Filing) -> None:
    """Where several units print their own lines, 收支总表's consolidated lines have no one listing to
    align with; the coded tables still align unit by unit."""
    filing = copy.deepcopy(sample_filing)
    spending = filing.table(TableKind.ExpenditureSummary)
    place = spending.rows[-1].location
    second = Row("某二级单位", RowRole.UNIT, place)
    line = Row(
        "事业运行",
        RowRole.ITEM,
        place,
        code="2011350",
        cells={"total": Cell(Amount(Decimal("10.00"), spending.unit), "10.00")},
    )
    spending.rows += [second, line]
    assert lines(spending) is None
    assert [len(a) for a, _ in block_pairs(spending, filing.table(TableKind.GeneralBudgetByFunction))] == [26]
    assert [f.message for f in check_crosstable(filing) if f.severity.value != "info"] == []


def test_department_row_is_ambiguous_with_two_totals(sample_filing: Filing) -> None:
    table = copy.deepcopy(sample_filing.table(TableKind.GeneralBudgetByEconomicClass))
    first = table.rows[0]
    table.rows[:0] = [
        Row("人员经费合计", RowRole.TOTAL, first.location),
        Row("公用经费合计", RowRole.TOTAL, first.location),
    ]
    assert department_row(table) is None


# ---------------------------------------------------------------- one changed figure, one error at its line


SUMMARY_EXPENDITURE_LINES = range(199, 225)  # 表一's functional lines: only BG-X can tie them to a table
APPROPRIATION_EXPENDITURE_LINES = range(354, 380)  # 表六's


@pytest.mark.parametrize("line", [*SUMMARY_EXPENDITURE_LINES, *APPROPRIATION_EXPENDITURE_LINES])
@pytest.mark.parametrize("step", ["0.02", "-0.02"])
def test_each_expenditure_line_of_the_summaries_is_tied(line: int, step: str, tmp_path: Path) -> None:
    cells = sample_lines()[line - 1].split("\t")
    filing = _edit_cell(tmp_path, line, len(cells) - 1, step)
    assert {"BG-X001", "BG-X002"} & set(_errors_at(filing, line))


@pytest.mark.parametrize("line", [199, 200, 201, 225, 226, 227, 229, 354, 355, 356, 380, 381, 382, 383, 384])
def test_each_income_line_of_the_summaries_is_tied(line: int, tmp_path: Path) -> None:
    filing = _edit_cell(tmp_path, line, 1)
    assert _errors_at(filing, line), f"no BG-X error at line {line}"


@pytest.mark.parametrize("line", [n for n in range(290, 325) if n != 315])
def test_each_basic_summary_line_is_tied_to_the_economic_table(line: int, tmp_path: Path) -> None:
    filing = _edit_cell(tmp_path, line, 1)
    assert {"BG-X007", "BG-X009"} & set(_errors_at(filing, line))


@pytest.mark.parametrize("line", range(549, 562))
def test_each_performance_task_amount_is_tied(line: int, tmp_path: Path) -> None:
    cells = sample_lines()[line - 1].split("\t")
    total = next(i for i, c in enumerate(cells) if c.strip().replace(".", "").isdigit())
    filing = _edit_cell(tmp_path, line, total)
    assert "BG-X011" in _errors_at(filing, line)


@pytest.mark.parametrize(
    ("line", "index"), [(394, 3), (395, 4), (430, 5), (431, 3), (528, 3), (529, 3), (252, 9)]
)
def test_department_and_unit_totals_are_tied(line: int, index: int, tmp_path: Path) -> None:
    filing = _edit_cell(tmp_path, line, index)
    assert _errors_at(filing, line)


def test_rounding_only_difference_is_info(sample_filing: Filing) -> None:
    filing = copy.deepcopy(sample_filing)
    # printed with one decimal, 959.8 is what 959.75 rounds to
    _set(filing, TableKind.IncomeExpenditureSummary, 202, "amount", "959.8", "expenditure")
    found = [f for f in check_crosstable(filing) if any(p.line == 202 for p in f.locations)]
    assert found and {f.severity.value for f in found} == {"info"}


# ---------------------------------------------------------------- part of the money: inequalities only


def _with_own_funds(sample_filing: Filing) -> Filing:
    """The sample as if the unit also spent money of its own: 收支总表 spends more than 财政拨款收支总表."""
    filing = copy.deepcopy(sample_filing)
    _set(filing, TableKind.IncomeExpenditureSummary, 225, "amount", "33700.00", "expenditure")
    tables = Tables(filing)
    assert not tables.government_only and not tables.general_only
    return filing


def test_general_budget_below_all_spending_is_no_error(sample_filing: Filing) -> None:
    filing = _with_own_funds(sample_filing)
    _set(filing, TableKind.ExpenditureSummary, 256, "basic", "960.00")  # 表三 事业运行: more than 表七
    assert "BG-X003" not in _errors_at(filing, 256)


def test_general_budget_above_all_spending_is_an_error(sample_filing: Filing) -> None:
    filing = _with_own_funds(sample_filing)
    _set(filing, TableKind.GeneralBudgetByFunction, 399, "basic", "960.00")  # 表七 事业运行: more than 表三
    assert "BG-X003" in _errors_at(filing, 399)


def test_three_public_expenses_are_an_upper_bound_only(sample_filing: Filing) -> None:
    filing = copy.deepcopy(sample_filing)
    _set(filing, TableKind.ThreePublicExpenses, 479, "vehicle_operation", "3.00")
    assert not _errors_at(filing, 479)
    _set(filing, TableKind.ThreePublicExpenses, 479, "vehicle_operation", "2.60")
    assert _errors_at(filing, 479) == ["BG-X013"]


def test_a_line_whose_name_contradicts_its_code_is_not_taken_for_the_code(sample_filing: Filing) -> None:
    """30231 printed for 办公费 (a list renumbered): the 三公 cap on 30231 公务用车运行维护费 does not bound it;
    printed with its own name, the same figure would be bounded."""
    filing = copy.deepcopy(sample_filing)
    economic = filing.table(TableKind.GeneralBudgetByEconomicClass)
    office = next(r for r in economic.rows if r.code == "30201")
    vehicles = next(r for r in economic.rows if r.code == "30231")
    economic.rows.remove(vehicles)
    office.code = "30231"
    assert not [f for f in check_crosstable(filing) if f.rule == "BG-X013" and f.severity.value == "error"]
    office.label = "公务用车运行维护费"
    assert "BG-X013" in [f.rule for f in check_crosstable(filing) if f.severity.value == "error"]


def test_a_missing_table_skips_its_identities(sample_filing: Filing) -> None:
    filing = copy.deepcopy(sample_filing)
    filing.tables = [
        t for t in filing.tables if t.kind not in {TableKind.ExpenditureSummary, TableKind.IncomeSummary}
    ]
    assert list(check_crosstable(filing)) == []


def test_corpus_filings_raise_no_cross_table_error(corpus: Path) -> None:
    from budget_graph.read import read_file

    for path in sorted(corpus.glob("*/*.pdf")):
        errors = [f.message for f in check_crosstable(read_file(path)) if f.severity.value == "error"]
        assert not errors, f"{path.name}: {errors[0]}"


# ---------------------------------------------------------------- another layout (Jiangsu)

# '|' stands for the tab between cells
JIANGSU = """# 2019年江苏省某厅 部门预算

## 表一：收支预算总表

单位：万元

收入||支出|
项目|金额|项目|金额
一、财政拨款|300.00|一、公共安全支出|100.00
1.一般公共预算|300.00|二、社会保障和就业支出|200.00
二、其他资金|10.00|当年支出小计|310.00
当年收入小计|310.00|结转下年资金|
收入合计|310.00|支出合计|310.00

## 表三：支出预算总表

单位：万元

单位名称|合计|基本支出|项目支出
江苏省某厅|310.00|210.00|100.00

## 表四：财政拨款收支预算总表

单位：万元

收入||支出|
项目|金额|项目|金额
一、一般公共预算|300.00|一、基本支出|200.00
二、政府性基金预算||二、项目支出|100.00
收入合计|300.00|支出合计|300.00

## 表五：财政拨款支出预算表（功能科目）

单位：万元

科目编码|科目名称|金额
204|公共安全支出|100.00
20404|检察|100.00
2040401|行政运行|100.00
208|社会保障和就业支出|200.00
20805|行政事业单位离退休|200.00
2080501|归口管理的行政单位离退休|200.00
|合计|300.00

## 表六：财政拨款基本支出预算表

单位：万元

科目编码|科目名称|金额
301|工资福利支出|200.00
30101|基本工资|200.00
|合计|200.00
""".replace("|", "\t")


def _jiangsu(tmp_path: Path, old: str = "", new: str = "") -> Filing:
    old, new = old.replace("|", "\t"), new.replace("|", "\t")
    assert old in JIANGSU
    path = tmp_path / "jiangsu.md"
    path.write_text(JIANGSU.replace(old, new, 1), encoding="utf-8")
    return read_text(path)


def _line_of(text: str) -> int:
    return JIANGSU.split("\n").index(text.replace("|", "\t")) + 1


def test_another_layout_is_checked_without_false_alarm(tmp_path: Path) -> None:
    filing = _jiangsu(tmp_path)
    tables = Tables(filing)
    assert tables.functional_spending.title.startswith("表五")  # 支出总表 prints no coded lines
    assert not tables.government_only  # 其他资金 10.00
    assert [f.message for f in check_crosstable(filing)] == []


def test_spending_by_purpose_restates_the_appropriation_basic_table(tmp_path: Path) -> None:
    filing = _jiangsu(tmp_path, "一、基本支出|200.00", "一、基本支出|205.00")
    assert "BG-X009" in _errors_at(filing, _line_of("一、一般公共预算|300.00|一、基本支出|200.00"))


def test_appropriation_by_function_may_be_below_all_spending_but_not_above(tmp_path: Path) -> None:
    below = _jiangsu(tmp_path, "2040401|行政运行|100.00", "2040401|行政运行|90.00")
    assert "BG-X001" not in _errors_at(below, _line_of("2040401|行政运行|100.00"))
    above = _jiangsu(tmp_path, "204|公共安全支出|100.00", "204|公共安全支出|120.00")
    assert "BG-X001" in _errors_at(above, _line_of("204|公共安全支出|100.00"))


def test_a_code_printed_with_a_name_of_no_code_is_matched_on_neither_side(sample_filing: Filing) -> None:
    """2011308 printed for a project name in one table: neither it nor the other table's 2011308 pairs,
    and neither is reported as a line the other table lacks."""
    spending = lines(sample_filing.table(TableKind.ExpenditureSummary))
    general = lines(sample_filing.table(TableKind.GeneralBudgetByFunction))
    renamed = [copy.copy(r) for r in spending]
    next(r for r in renamed if r.code == "2011308").label = "某某招商专项活动"
    alignment = align(renamed, general, by_code)
    assert alignment and not alignment.extra and not alignment.missing
    assert "2011308" not in {a.code for a, _ in alignment.pairs}
    assert len(alignment.pairs) == len(general) - 1


# ---- identities declared as data (crosstable.yaml) ---------------------------------------------------

NEW_IDENTITY = """
id: BG-X901
title: 支出总表政府采购与政府采购表（测试）
title_en: Procurement against the procurement table, declared by a test
severity: warning
basis: a declaration made in a test
checks: test
why: test
same_lines:
  first: ExpenditureSummary
  second: Procurement
  columns: [[procurement, whole]]
  lines: [units]
  equal: always
  what: 新的表间关系
  what_en: a new identity
"""


def _declared(text: str):
    """The identity an entry declares, and its rule."""
    import yaml

    from budget_graph.derive.crosstable import _same_lines

    entry = yaml.safe_load(text)
    declared = _same_lines(entry["id"], entry.pop("same_lines"))
    return declared, declared_rule(entry.items(), "python")


def _found(declared, tables: Tables, rule=None) -> list:
    """The findings of one declared identity on a filing's tables, under its rule (the catalogue's)."""
    from budget_graph.check.catalogue import CATALOGUE

    rules = {declared.rule: rule or CATALOGUE[declared.rule]}
    return list(findings_of(declared.derive(tables), rules))


def test_a_kinds_balance_rests_on_the_summary_that_printed_no_carry_over(sample_filing: Filing) -> None:
    """表六 read without its source and carry-over lines (a web page's broken spans pushed its cells
    about): the balance took 表二's income and no carry-over, and found 表七 short by it. The summary said
    nothing was carried only by printing no such line, so the finding rests on it: in doubt, a warning."""
    from budget_graph.check.engine import check_filing
    from budget_graph.model import Doubt

    filing = copy.deepcopy(sample_filing)
    summary = filing.table(TableKind.AppropriationSummary)
    kept = {"本年收入合计", "收入总计"}
    summary.rows = [r for r in summary.rows if r.side != "income" or r.label in kept]
    balance = [f for f in check_filing(filing).findings if f.rule == "BG-X006"]
    assert [(f.severity.value, f.expected, f.actual) for f in balance] == [
        ("error", "28,040.02万元", "33,654.29万元")
    ]
    assert summary.title in [place.table for place in balance[0].locations]
    summary.doubts.append(Doubt("broken spans"))
    assert [f.severity.value for f in check_filing(filing).findings if f.rule == "BG-X006"] == ["warning"]


def test_a_declared_identity_needs_no_python(sample_filing: Filing, tmp_path: Path) -> None:
    from budget_graph.check.evaluator import recording

    declared, rule = _declared(NEW_IDENTITY)
    with recording() as evaluated:
        assert not _found(declared, Tables(sample_filing), rule)
    assert evaluated and {e.identity.rule for e in evaluated} == {"BG-X901"}
    edited = read_text(edited_sample([{"line": 528, "old": "276.38", "new": "276.40"}], tmp_path))
    found = _found(declared, Tables(edited), rule)
    assert [(f.rule, f.severity.value, f.message.split("：")[0]) for f in found] == [
        ("BG-X901", "warning", "新的表间关系")
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("equal: always", "equal: sometimes"),
        ("equal: always", "equal: [government_only, sometimes]"),
        ("lines: [units]", "lines: [rows]"),
        ("  what: 新", "  wat: 新"),
        ("[[procurement, whole]]", "[{if_second_prints: procurement, pairs: [[procurement, whole]]}]"),
        ("[[procurement, whole]]", "[{pairs: [[procurement, whole]], when: always}]"),
        ("[[procurement, whole]]", "[{if_first_prints: procurement, pairs: [[procurement, whole]]}]"),
        ("[[procurement, whole]]", "[{pairs: [[procurement, whole]], equal: sometimes}]"),
        ("lines: [units]", "lines: [{first: total, second: spend}]"),
        ("lines: [units]", 'lines: [{first: total, second: "line:nothing"}]'),
        ("lines: [units]", "lines: [{first: total, second: total, third: total}]"),
        ("lines: [units]", 'lines: [{first: year, second: "code:30x17"}]'),
        ("  what: 新的表间关系", "  what: 新的{third_label}表间关系"),
    ],
)
def test_a_declaration_with_a_word_the_template_does_not_know_is_refused(old: str, new: str) -> None:
    with pytest.raises((ValueError, KeyError)):
        _declared(NEW_IDENTITY.replace(old, new))


def test_the_declared_rules_are_in_the_catalogue() -> None:
    from budget_graph.check.catalogue import CATALOGUE
    from budget_graph.check.crosstable import DECLARED

    assert {r.id for r in DECLARED} == {
        "BG-X001",
        "BG-X002",
        "BG-X003",
        "BG-X006",
        "BG-X007",
        "BG-X008",
        "BG-X009",
        "BG-X012",
        "BG-X013",
        "BG-X014",
        "BG-X016",
    }
    assert all(CATALOGUE[r.id] is r for r in DECLARED)


def _declared_rule(rule_id: str):
    from budget_graph.derive.crosstable import DECLARED

    return next(d for d in DECLARED if d.rule == rule_id)


def test_a_column_choice_follows_the_layout_of_the_second_table(sample_filing: Filing) -> None:
    """BG-X008 against an economic table of basic spending only (no 基本支出 column): its whole is compared
    with the basic spending by function, not with the total."""
    filing = copy.deepcopy(sample_filing)
    economic = filing.table(TableKind.GeneralBudgetByEconomicClass)
    economic.title = "表八：一般公共预算基本支出表"
    economic.columns = [c for c in economic.columns if c.meaning == "total"]
    for row in economic.rows:
        row.cells = {"total": row.cells["basic"]} if "basic" in row.cells else {}
    declared = _declared_rule("BG-X008")
    assert not _found(declared, Tables(filing))
    department = economic.rows[0]
    department.cells["total"] = Cell(Amount(Decimal("1440.38"), economic.unit), "1,440.38")
    found = _found(declared, Tables(filing))
    assert [(f.rule, f.expected, f.actual) for f in found] == [("BG-X008", "1,440.38万元", "1,440.36万元")]


def test_equal_when_any_condition_holds(sample_filing: Filing) -> None:
    """BG-X001 holds its lines equal when the second table covers all funds or all money is
    appropriation; with neither, a line below 支出总表's is no error, one above is."""
    filing = copy.deepcopy(sample_filing)
    spending = filing.table(TableKind.ExpenditureSummary)
    spending.title = "表三：财政拨款支出总表"  # now covers appropriation only
    tables = Tables(filing)
    tables.__dict__["government_only"] = False  # and the unit spends other money too
    declared = _declared_rule("BG-X001")
    assert not _found(declared, tables)
    _set(filing, TableKind.IncomeExpenditureSummary, 202, "amount", "959.77", side="expenditure")
    assert not _found(declared, tables)
    tables.__dict__["government_only"] = True  # one condition suffices
    assert [f.rule for f in _found(declared, tables)] == ["BG-X001"]
    tables.__dict__["government_only"] = False
    _set(filing, TableKind.IncomeExpenditureSummary, 202, "amount", "959.70", side="expenditure")
    assert [f.rule for f in _found(declared, tables)] == ["BG-X001"]


SUM_OF_TABLES = {
    "table": "AppropriationSummary",
    "figure": "spent",
    "parts": ["GeneralBudgetByFunction", "GovernmentFundBudget"],
    "what": "w",
    "what_en": "w",
}


@pytest.mark.parametrize(
    "changed",
    [{"table": "AppropriationSumary"}, {"figure": "spend"}, {"parts": ["GeneralBudget"]}, {"when": "always"}],
)
def test_a_sum_over_tables_declared_with_a_word_it_does_not_know_is_refused(changed: dict) -> None:
    from budget_graph.derive.crosstable import _sum_of_tables

    assert _sum_of_tables("BG-X902", dict(SUM_OF_TABLES))  # as declared, it is taken
    with pytest.raises(ValueError):
        _sum_of_tables("BG-X902", {**SUM_OF_TABLES, **changed})
