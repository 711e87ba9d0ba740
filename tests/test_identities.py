"""BG-R004–R008: identities across a row's columns, the 三公 change row and the summary tables."""

from __future__ import annotations

import pytest

from budget_graph.check.identities import check_identities
from budget_graph.derive.table_identities import column_groups
from budget_graph.model import TableKind
from tests.tables import ITEM, PERIOD, TOTAL, UNIT, filing, table

INCOME = [
    "total",
    ("general_budget", ("total", "current_income", "appropriation")),
    ("general_budget_basic", ("total", "current_income", "appropriation", "general_budget")),
    ("general_budget_duty", ("total", "current_income", "appropriation", "general_budget")),
    ("gov_fund", ("total", "current_income", "appropriation")),
    ("service_revenue", ("total", "current_income", "own_funds")),
    ("carryover", ("total",)),
]


def _findings(*tables, rule: str | None = None):
    found = list(check_identities(filing(*tables)))
    return [f for f in found if rule is None or f.rule == rule]


def _errors(*tables, rule: str | None = None):
    return [f for f in _findings(*tables, rule=rule) if f.severity.value == "error"]


def test_unprinted_groups_are_replaced_by_their_parts() -> None:
    income = table(TableKind.IncomeSummary, INCOME, [])
    assert column_groups(income) == {
        "total": ["general_budget", "gov_fund", "service_revenue", "carryover"],
        "general_budget": ["general_budget_basic", "general_budget_duty"],
    }


def test_columns_the_reader_could_not_name_leave_their_group_unchecked() -> None:
    columns = ["total", ("basic", ("total",)), ("unknown:其他", ("total",)), ("project", ("total",))]
    assert column_groups(table(TableKind.ExpenditureSummary, columns, [])) == {}


def test_a_column_the_reader_could_not_name_under_a_groups_caption_leaves_the_group_unchecked() -> None:
    """A header split over a page break: '因公出国(境)费' read as '因公出' over '国(境)费', a column of no
    known meaning and no group, though it stands under '“三公”经费'. The 三公 total against its other
    parts was a false error; the table's total, over every column, is not checked either; the groups
    it does not stand under are."""
    columns = [
        "total",
        ("three_public", ("total",)),
        ("unknown:国(境)费", ()),
        ("vehicles", ("total", "three_public")),
        ("vehicle_purchase", ("total", "three_public", "vehicles")),
        ("vehicle_operation", ("total", "three_public", "vehicles")),
    ]
    sanggong = table(TableKind.ThreePublicExpenses, columns, [])
    labels = ["合计", "“三公”经费/小计", "“三公”经费/因公出/国(境)费", "“三公”经费/公务用车/小计"]
    labels += ["“三公”经费/公务用车/购置费", "“三公”经费/公务用车/运行维护费"]
    for column, label in zip(sanggong.columns, labels, strict=True):
        column.label = label
    assert column_groups(sanggong) == {"vehicles": ["vehicle_purchase", "vehicle_operation"]}


def test_group_column_against_its_parts_lists_every_figure() -> None:
    rows = [("部门", ["10.00", "8.00", "5.00", "3.00", "0.00", "0.00", "2.00"], UNIT)]
    assert _findings(table(TableKind.IncomeSummary, INCOME, rows)) == []
    rows = [("部门", ["10.00", "8.00", "5.00", "3.10", "0.00", "0.00", "2.00"], UNIT)]
    errors = _errors(table(TableKind.IncomeSummary, INCOME, rows))
    assert [f.rule for f in errors] == ["BG-R004"]
    assert [place.column for place in errors[0].locations] == [
        "general_budget",
        "general_budget_basic",
        "general_budget_duty",
    ]
    assert errors[0].expected == "8.10万元" and errors[0].actual == "8.00万元"


def test_rounding_only_group_difference_is_info() -> None:
    rows = [("部门", ["10.00", "8.01", "5.00", "3.00", "0.00", "0.00", "2.00"], UNIT)]
    found = _findings(
        table(TableKind.IncomeSummary, INCOME, rows)
    )  # 8.01 is in both groups, each off by 0.01
    assert [(f.rule, f.severity.value) for f in found] == [("BG-R004", "info"), ("BG-R004", "info")]


def test_reserved_shares_are_inequalities() -> None:
    columns = ["procurement", "procurement_sme", "procurement_micro"]
    rows = [("A", ["250.00", "250.00", "0.00"], ITEM, "201"), ("B", ["26.38", "26.39", "0.00"], ITEM, "205")]
    found = _findings(table(TableKind.ExpenditureSummary, columns, rows))
    assert [(f.rule, f.severity.value) for f in found] == [("BG-R005", "info")]
    rows = [("A", ["26.38", "30.00", "31.00"], ITEM, "201")]
    errors = _errors(table(TableKind.ExpenditureSummary, columns, rows))
    assert [(f.locations[0].column, f.locations[1].column) for f in errors] == [
        ("procurement_sme", "procurement"),
        ("procurement_micro", "procurement_sme"),
    ]


def test_change_row_is_later_year_minus_earlier_year() -> None:
    columns = ["total", ("hospitality", ("total",)), ("vehicles", ("total",))]
    rows = [
        ("增减变化金额", ["-0.10", "-0.10", "0.00"], PERIOD),
        ("2024年", ["3.15", "0.50", "2.65"], PERIOD),
        ("2023年", ["3.25", "0.60", "2.65"], PERIOD),
    ]
    assert _findings(table(TableKind.ThreePublicExpenses, columns, rows)) == []
    rows[0] = ("增减变化金额", ["-0.20", "-0.20", "0.00"], PERIOD)
    errors = _errors(table(TableKind.ThreePublicExpenses, columns, rows))
    assert {f.rule for f in errors} == {"BG-R006"}
    assert [place.line for place in errors[0].locations] == [100, 101, 102]


def test_change_row_is_not_guessed_with_three_years() -> None:
    rows = [
        ("2022年", ["1.00"], PERIOD),
        ("2023年", ["2.00"], PERIOD),
        ("2024年", ["3.00"], PERIOD),
        ("增减", ["9.00"], PERIOD),
    ]
    assert _findings(table(TableKind.ThreePublicExpenses, ["total"], rows)) == []


def _summary(income: list[tuple[str, str]], expenditure: list[tuple[str, str]]):
    rows = [
        (label, [amount], TOTAL if "合计" in label or "总计" in label else ITEM) for label, amount in income
    ]
    summary = table(TableKind.IncomeExpenditureSummary, ["amount"], rows, side="income")
    right = table(
        TableKind.IncomeExpenditureSummary,
        ["amount"],
        [(label, [amount]) for label, amount in expenditure],
        side="expenditure",
    )
    for row in right.rows:
        row.location = row.location.at(line=row.location.line + 50)
    summary.columns += right.columns
    summary.rows += right.rows
    return summary


INCOME_SIDE = [
    ("政府预算资金", "28.00"),
    ("一般公共预算资金", "28.00"),
    ("一般公共预算资金", "28.00"),  # restated, not added: never summed
    ("本年收入合计", "28.00"),
    ("上年结余、结转", "5.00"),
    ("1.财政拨款结余、结转", "5.00"),
    ("2.非财政拨款结余、结转", "0.00"),
    ("收入总计", "33.00"),
]
EXPENDITURE_SIDE = [
    ("一般公共服务支出", "30.00"),
    ("商贸事务", "30.00"),
    ("教育支出", "3.00"),
    ("进修及培训", "3.00"),
    ("本年支出合计", "33.00"),
    ("结转下年", "0.00"),
    ("支出总计", "33.00"),
]


def test_summary_table_balances() -> None:
    assert _findings(_summary(INCOME_SIDE, EXPENDITURE_SIDE)) == []


def test_summary_totals_that_do_not_balance() -> None:
    income = [*INCOME_SIDE[:-1], ("收入总计", "34.00")]
    errors = _errors(_summary(income, EXPENDITURE_SIDE))
    assert [f.rule for f in errors] == ["BG-R007", "BG-R007"]
    assert [place.line for place in errors[0].locations] == [107, 103, 104]
    assert [place.line for place in errors[1].locations] == [107, 156]


def test_carry_over_is_the_sum_of_its_numbered_lines() -> None:
    income = [*INCOME_SIDE[:6], ("2.非财政拨款结余、结转", "1.00"), INCOME_SIDE[7]]
    errors = _errors(_summary(income, EXPENDITURE_SIDE))
    assert [(f.rule, [p.line for p in f.locations]) for f in errors] == [("BG-R008", [104, 105, 106])]


def test_current_expenditure_is_the_sum_of_the_class_lines_by_national_name() -> None:
    expenditure = [("一般公共服务支出", "31.00"), *EXPENDITURE_SIDE[1:]]
    errors = _errors(_summary(INCOME_SIDE, expenditure))
    assert [(f.rule, [p.line for p in f.locations]) for f in errors] == [("BG-R008", [154, 150, 152])]


@pytest.mark.parametrize(("amount", "errors"), [("3.00", 0), ("4.00", 1)])
def test_numbered_lines_are_summed_past_a_wrapped_names_rest_of_no_figure(amount: str, errors: int) -> None:
    """'八、社会保障和' / '就业支出' read as two lines: the rest, unnumbered with no figure, numbers nothing
    and adds nothing; the numbered lines are summed (the first is no class's name in full)."""
    expenditure = [
        ("一、一般公共服务支出", "30.00"),
        ("八、社会保障和", amount),
        ("就业支出", ""),
        *EXPENDITURE_SIDE[4:],
    ]
    assert len(_errors(_summary(INCOME_SIDE, expenditure), rule="BG-R008")) == errors


def test_class_lines_are_not_guessed_when_a_class_name_repeats() -> None:
    expenditure = [("其他支出", "30.00"), ("其他支出", "30.00"), ("其他支出", "30.00"), *EXPENDITURE_SIDE[4:]]
    expenditure[0] = ("其他支出", "33.00")
    assert _findings(_summary(INCOME_SIDE, expenditure), rule="BG-R008") == []


def test_class_lines_by_alignment_with_the_functional_table() -> None:
    """其他支出 is a 类, a 款 and a 项 name: the 支出总表's codes tell which line is which."""
    expenditure = [("其他支出", "33.00"), ("其他支出", "33.00"), ("其他支出", "33.00"), *EXPENDITURE_SIDE[4:]]
    columns = ["total", ("basic", ("total",)), ("project", ("total",))]
    function_rows = [
        ("本级", ["33.00", "0.00", "33.00"], UNIT),
        ("其他支出", ["33.00", "0.00", "33.00"], ITEM, "229"),
        ("其他支出", ["33.00", "0.00", "33.00"], ITEM, "22999"),
        ("其他支出", ["33.00", "0.00", "33.00"], ITEM, "2299999"),
    ]
    functional = table(TableKind.ExpenditureSummary, columns, function_rows)
    assert list(check_identities(filing(_summary(INCOME_SIDE, expenditure), functional))) == []
    expenditure[0] = ("其他支出", "34.00")
    found = [
        f
        for f in check_identities(filing(_summary(INCOME_SIDE, expenditure), functional))
        if f.rule == "BG-R008"
    ]
    assert [[p.line for p in f.locations] for f in found] == [[153, 150]]


def test_sample_has_no_error_and_its_summary_sides_roll_up_like_the_expenditure_table(sample_filing) -> None:
    found = list(check_identities(sample_filing))
    assert [f.message for f in found if f.severity.value != "info"] == []
    # 表一 and 表六 list 表三's lines: 201 is its 款 rounded there too
    assert {(f.rule, f.locations[0].line) for f in found} == {
        ("BG-R001", line) for line in (199, 212, 222, 354, 367, 377)
    }


JIANGSU_INCOME = [
    ("一、财政拨款", "17981.68"),
    ("1.一般公共预算", "17981.68"),
    ("2.政府性基金预算", ""),
    ("二、财政专户管理资金", ""),
    ("三、其他资金", "15.00"),
    ("当年收入小计", "17996.68"),
    ("上年结转资金", ""),
    ("收入合计", "17996.68"),
]
JIANGSU_EXPENDITURE = [
    ("一、公共安全支出", "13656.34"),
    ("二、社会保障和就业支出", "2021.18"),
    ("三、住房保障支出", "2319.16"),
    ("当年支出小计", "17996.68"),
    ("结转下年资金", ""),
    ("支出合计", "17996.68"),
]


def test_numbered_outline_of_another_region() -> None:
    """当年收入小计 = 一 + 二 + 三; 一、财政拨款 = 1. + 2.; 收入合计 = 当年收入小计 + 上年结转资金."""
    assert _findings(_summary(JIANGSU_INCOME, JIANGSU_EXPENDITURE)) == []
    income = [*JIANGSU_INCOME[:4], ("三、其他资金", "16.00"), *JIANGSU_INCOME[5:]]
    errors = _errors(_summary(income, JIANGSU_EXPENDITURE))
    assert [(f.rule, [p.line for p in f.locations]) for f in errors] == [
        ("BG-R008", [105, 100, 104])
    ]  # the blank line is no figure
    income = [("一、财政拨款", "17981.68"), ("1.一般公共预算", "17980.68"), *JIANGSU_INCOME[2:]]
    errors = _errors(_summary(income, JIANGSU_EXPENDITURE))
    assert [(f.rule, [p.line for p in f.locations]) for f in errors] == [("BG-R008", [100, 101])]
    expenditure = [
        *JIANGSU_EXPENDITURE[:3],
        ("当年支出小计", "17996.68"),
        ("结转下年资金", "1.00"),
        JIANGSU_EXPENDITURE[5],
    ]
    errors = _errors(_summary(JIANGSU_INCOME, expenditure))
    assert [(f.rule, [p.line for p in f.locations]) for f in errors] == [("BG-R007", [155, 153, 154])]


def test_final_accounts_summary_with_a_bare_total() -> None:
    """决算: 本年收入合计, 年初结转和结余 with its numbered parts, 总计."""
    income = [
        ("一、一般公共预算财政拨款", "2940.05"),
        ("本年收入合计", "2940.05"),
        ("年初财政拨款结转和结余", "21.63"),
        ("一、一般公共预算财政拨款", "21.63"),
        ("二、政府性基金预算财政拨款", ""),
        ("总计", "2961.68"),
    ]
    expenditure = [
        ("一、一般公共服务支出", "2940.05"),
        ("本年支出合计", "2940.05"),
        ("年末财政拨款结转和结余", "21.63"),
        ("总计", "2961.68"),
    ]
    assert _findings(_summary(income, expenditure)) == []
    income[5] = ("总计", "2971.68")
    errors = _errors(_summary(income, expenditure))
    assert [(f.rule, [p.line for p in f.locations]) for f in errors] == [
        ("BG-R007", [105, 101, 102]),
        ("BG-R007", [105, 153]),
    ]


def test_alignment_with_a_table_that_prints_a_code_twice_gives_no_tree() -> None:
    expenditure = [("一般公共服务支出", "33.00"), ("一般公共服务支出", "33.00"), *EXPENDITURE_SIDE[4:]]
    rows = [
        ("本级", ["33.00", "0.00", "33.00"], UNIT),
        ("一般公共服务支出", ["33.00", "0.00", "33.00"], ITEM, "201"),
        ("一般公共服务支出", ["33.00", "0.00", "33.00"], ITEM, "201"),
    ]
    functional = table(
        TableKind.ExpenditureSummary, ["total", ("basic", ("total",)), ("project", ("total",))], rows
    )
    found = list(check_identities(filing(_summary(INCOME_SIDE, expenditure), functional)))
    assert [f for f in found if f.rule in ("BG-R001", "BG-R008") and f.locations[0].line >= 150] == []
