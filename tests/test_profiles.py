"""Layout profiles as data (budget_graph/profiles/): what they declare is what readers and rules use."""

from __future__ import annotations

import pytest

from budget_graph.check import shacl
from budget_graph.check.engine import map_filing
from budget_graph.model import TableKind
from budget_graph.profiles import layouts, profiles, topics
from budget_graph.read.layout import column_meaning, is_text_header, place_columns, recognise_table
from tests.hand_filings import small_filing


def test_the_national_base_comes_first_and_every_region_has_an_id() -> None:
    ids = [profile.id for profile in profiles()]
    assert ids[0] == "national" and {"shenzhen", "shanghai", "jiangsu"} <= set(ids)
    assert len({layout.name for layout in layouts()}) == len(layouts())


def test_national_final_accounts_add_the_state_capital_table_to_the_budget_set() -> None:
    by_name = {layout.name: layout for layout in layouts()}
    budget, final = by_name["NationalBudgetLayout"], by_name["NationalFinalAccountsLayout"]
    assert len(budget.tables) == 8
    assert final.tables == (*budget.tables, TableKind.StateCapitalBudget)
    assert {topic.name for topic in budget.topics} <= {topic.name for topic in topics()}


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("公开04表 财政拨款收支预算总表", TableKind.AppropriationSummary),
        (
            "十一、2017年江苏省高级人民法院部门一般公共预算“三公”经费、会议费、培训费支出预算表",
            TableKind.ThreePublicExpenses,
        ),
        ("表八 一般公共预算基本支出表", TableKind.GeneralBudgetByEconomicClass),
        ("2025年部门财务收支预算总表", TableKind.IncomeExpenditureSummary),
        ("部门名称：江苏省高级人民法", None),
        # the Ministry of Finance's template
        ("表1 部门收支总体情况表", TableKind.IncomeExpenditureSummary),
        ("2024年部门收入总体情况表", TableKind.IncomeSummary),
        ("部门支出总体情况表", TableKind.ExpenditureSummary),
        ("财政拨款收支总体情况表", TableKind.AppropriationSummary),
        ("一般公共预算支出情况表", TableKind.GeneralBudgetByFunction),
        ("一般公共预算基本支出情况表", TableKind.GeneralBudgetByEconomicClass),
        # a title naming its classification (部门综合预算 layouts print all four)
        ("一般公共预算支出明细表（按功能科目）", TableKind.GeneralBudgetByFunction),
        ("一般公共预算支出明细表（按经济科目）", TableKind.GeneralBudgetByEconomicClass),
        ("一般公共预算基本支出明细表（按功能科目）", TableKind.GeneralBudgetBasicByFunction),
        ("一般公共预算基本支出明细表（按经济科目）", TableKind.GeneralBudgetByEconomicClass),
        ("一般公共预算支出表（部门经济分类）", TableKind.GeneralBudgetByEconomicClass),
        ("收支总体情况", None),  # a narrative's heading, not a table's title
        # 总 left out
        ("2024年部门财政拨款收支预算表", TableKind.AppropriationSummary),
        ("财政拨款收入支出决算表", TableKind.AppropriationSummary),
        ("2023年度某某局收入支出决算表", TableKind.IncomeExpenditureSummary),
        ("收入决算表", TableKind.IncomeSummary),
        ("一般公共预算财政拨款支出预算表", TableKind.GeneralBudgetByFunction),
        ("政府性基金预算财政拨款收入支出决算表", TableKind.GovernmentFundBudget),
        # project tables by other names
        ("项目支出表", TableKind.ProjectExpenditureSummary),
        ("2024年项目支出预算明细表", TableKind.ProjectExpenditureSummary),
        ("项目支出绩效目标表", TableKind.PerformanceTargets),
        # the 三公 items (会议费, 培训费 beside them) under a name that does not say 三公; it was taken for
        # the general budget's spending by function and held to that table's sums
        ("表六 一般公共预算相关经费支出决算表", TableKind.ThreePublicExpenses),
    ],
)
def test_titles_are_recognised_by_the_profiles_vocabulary(title: str, kind: TableKind | None) -> None:
    assert recognise_table(title) is kind


@pytest.mark.parametrize(
    ("header", "meaning"),
    [
        ("合计", "total"),  # a table's grand total
        ("“三公”经费", "three_public"),  # Jiangsu: the 三公 total beside 会议费 and 培训费
        ("会议费", "meetings"),
        ("“三公”经费预算数", "total"),  # Shanghai: the 三公 table's total is the 三公 total
        ("购置费", "vehicle_purchase"),
        ("结转下年资金", "carryforward"),
        ("上年结转", "carryover"),
        ("科目名称", None),
        # the year before and the change on it; a percentage is no amount
        ("上年预算数", "prior_year"),
        ("上年执行数", "prior_year"),
        ("本年预算数", "amount"),
        ("比上年增减", None),  # an amount or a percentage: it does not say
        ("增减额", "change"),
        ("增减%", None),
        ("决算数为预算数的%", None),
    ],
)
def test_header_words_are_placed_by_the_profiles_vocabulary(header: str, meaning: str | None) -> None:
    assert column_meaning(header) == meaning


def test_label_columns_are_known_by_their_headers() -> None:
    assert is_text_header("科目编码（按支出功能科目编列至“项”级）")
    assert is_text_header("项目") and not is_text_header("项目支出")
    # other regions' words for the unit, code and project columns
    for caption in ("科目代码", "代码", "部门（单位）", "单位编码", "单位代码", "项目编码", "部门代码"):
        assert is_text_header(caption), caption


def _missing(filing) -> set[str]:
    return {f.message_en for f in shacl.check(map_filing(filing)) if f.rule == "BG-C001"}


def test_a_jiangsu_filing_must_publish_the_office_operating_costs_table() -> None:
    # the hand filing has no 机关运行经费 table: a Jiangsu filing must publish one, a Zhejiang one need not
    assert "A required table is missing: OfficeOperatingCosts" in _missing(small_filing(unit="江苏省示例厅"))
    assert "A required table is missing: OfficeOperatingCosts" not in _missing(
        small_filing(unit="浙江省示例厅")
    )


def test_of_two_years_printed_side_by_side_the_earlier_is_the_year_before() -> None:
    header = [["2023年预算数", "2024年预算数", "增减额", "增减%"]]
    placed = place_columns(header, 4).columns
    assert [c.meaning for c in placed] == ["prior_year", "amount", "change", "unknown:增减%"]
    assert all(c.path == () for c in placed[:3])  # none is a part of a total


def test_one_year_printed_alone_is_the_tables_own() -> None:
    assert [c.meaning for c in place_columns([["2024年预算数"]], 1).columns] == ["amount"]
