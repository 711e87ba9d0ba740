"""BG-R001–R003: roll-ups down the rows (code trees, classes by name, unit and department rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing, check_recorded
from budget_graph.check.rollups import check_rollups
from budget_graph.derive import rollups
from budget_graph.derive.rollups import (
    ROOT,
    Placement,
    code_placements,
    declared_rollups,
    parent_key,
    table_blocks,
    tree_key,
)
from budget_graph.model import TableKind
from budget_graph.read.text import read_text
from tests.tables import ITEM, TOTAL, UNIT, filing, table

FUNCTION = TableKind.GeneralBudgetByFunction
COLUMNS = ["total", ("basic", ("total",)), ("project", ("total",))]


def _findings(*tables, rule: str | None = None):
    found = list(check_rollups(filing(*tables)))
    return [f for f in found if rule is None or f.rule == rule]


def _errors(*tables, rule: str | None = None):
    return [f for f in _findings(*tables, rule=rule) if f.severity.value == "error"]


def _lines(finding) -> list[int]:
    return [place.line for place in finding.locations]


def test_procurement_codes_lose_their_zero_pairs_and_climb_by_pairs() -> None:
    assert tree_key("C16079900") == "C160799"
    assert tree_key("C16000000") == "C16"
    assert tree_key("B") == "B"
    assert [parent_key(k) for k in ("C160799", "C1607", "C16", "C")] == ["C1607", "C16", "C", None]
    assert [parent_key(k) for k in ("2011308", "20113", "201")] == ["20113", "201", None]


def test_code_tree_sums_in_every_column_and_names_every_figure() -> None:
    rows = [
        ("本级", ["10.00", "4.00", "6.00"], UNIT),
        ("一般公共服务支出", ["10.00", "4.00", "6.00"], ITEM, "201"),
        ("商贸事务", ["10.00", "4.00", "6.00"], ITEM, "20113"),
        ("招商引资", ["6.00", "0.00", "6.00"], ITEM, "2011308"),
        ("事业运行", ["4.00", "4.00", "0.00"], ITEM, "2011350"),
    ]
    assert _findings(table(FUNCTION, COLUMNS, rows)) == []
    rows[3] = ("招商引资", ["6.50", "0.00", "6.50"], ITEM, "2011308")
    errors = _errors(table(FUNCTION, COLUMNS, rows), rule="BG-R001")
    assert {f.locations[0].column for f in errors} == {"total", "project"}
    assert all(_lines(f) == [102, 103, 104] for f in errors)
    assert errors[0].expected.startswith("10.50") and errors[0].actual.startswith("10.00")


def test_item_without_its_section_hangs_under_the_class() -> None:
    rows = [
        ("本级", ["10.00", "4.00", "6.00"], UNIT),
        ("一般公共服务支出", ["10.00", "4.00", "6.00"], ITEM, "201"),
        ("招商引资", ["6.00", "0.00", "6.00"], ITEM, "2011308"),
        ("事业运行", ["3.00", "3.00", "0.00"], ITEM, "2011350"),
    ]
    errors = _errors(table(FUNCTION, COLUMNS, rows), rule="BG-R001")
    assert errors and all(_lines(f) == [101, 102, 103] for f in errors)


def test_rounding_only_is_info_and_printed_zeros_add_no_slack() -> None:
    rows = [
        ("本级", ["1.00", "0.00", "1.00"], UNIT),
        ("A", ["0.34", "0.00", "0.34"], ITEM, "201"),
        ("B", ["0.33", "0.00", "0.33"], ITEM, "205"),
        ("C", ["0.34", "0.00", "0.34"], ITEM, "208"),
    ]
    found = _findings(table(FUNCTION, COLUMNS, rows), rule="BG-R002")
    assert found and {f.severity.value for f in found} == {"info"}
    # one part and two zeros: a 0.02 difference is beyond rounding (the zeros stand for nothing)
    rows = [("本级", ["1.02", "0.00", "1.02"], UNIT), ("A", ["1.00", "0.00", "1.00"], ITEM, "201")]
    assert _errors(table(FUNCTION, COLUMNS, rows), rule="BG-R002")


def test_procurement_tree_from_letter_roots() -> None:
    rows = [
        ("本级", ["276.38"], UNIT),
        ("工程", ["26.38"], ITEM, "B"),
        ("装修工程", ["26.38"], ITEM, "B07000000"),
        ("服务", ["250.00"], ITEM, "C"),
        ("信息技术服务", ["200.00"], ITEM, "C16000000"),
        ("其他运行维护服务", ["200.00"], ITEM, "C16079900"),
        ("会议服务", ["50.00"], ITEM, "C22010000"),
    ]
    assert _findings(table(TableKind.Procurement, ["amount"], rows)) == []
    rows[5] = ("其他运行维护服务", ["210.00"], ITEM, "C16079900")
    errors = _errors(table(TableKind.Procurement, ["amount"], rows), rule="BG-R001")
    assert [_lines(f) for f in errors] == [[104, 105]]


def test_department_is_the_sum_of_its_units_and_each_unit_of_its_lines() -> None:
    rows = [
        ("部门", ["10.00", "4.00", "6.00"], UNIT),
        ("单位甲", ["7.00", "4.00", "3.00"], UNIT),
        ("一般公共服务支出", ["7.00", "4.00", "3.00"], ITEM, "201"),
        ("单位乙", ["3.00", "0.00", "3.00"], UNIT),
        ("教育支出", ["3.00", "0.00", "3.00"], ITEM, "205"),
    ]
    assert _findings(table(FUNCTION, COLUMNS, rows)) == []
    rows[0] = ("部门", ["11.00", "5.00", "6.00"], UNIT)
    errors = _errors(table(FUNCTION, COLUMNS, rows))
    assert {f.rule for f in errors} == {"BG-R003"}
    assert all(_lines(f) == [100, 101, 103] for f in errors)


def test_department_row_equals_its_only_unit() -> None:
    rows = [("部门", ["10.00", "4.00", "6.00"], UNIT), ("部门（本级）", ["10.00", "4.00", "6.02"], UNIT)]
    errors = _errors(table(TableKind.IncomeSummary, COLUMNS, rows), rule="BG-R003")
    assert [f.locations[0].column for f in errors] == ["project"]


def test_unit_rows_that_print_no_figure_are_no_units_to_add_up() -> None:
    """A name's wrapped rests read as rows of their own in the unit's column (a narrow page printed
    without rules): their zero sum is no department's; a unit left blank beside one that prints is."""
    rows = [
        ("合计", ["10.00", "4.00", "6.00"], TOTAL),
        ("养老保险缴费支出", ["", "", ""], UNIT),
        ("年金缴费支出", ["", "", ""], UNIT),
    ]
    assert _errors(table(FUNCTION, COLUMNS, rows), rule="BG-R003") == []
    rows[2] = ("单位乙", ["3.00", "0.00", "3.00"], UNIT)
    assert len(_errors(table(FUNCTION, COLUMNS, rows), rule="BG-R003")) == 3


def test_unit_rows_without_lines_before_a_unit_with_lines_are_not_guessed() -> None:
    """部门, 单位甲 (no lines), 单位乙 + lines: the lines may be the department's; nothing is checked on them."""
    rows = [
        ("部门", ["10.00", "4.00", "6.00"], UNIT),
        ("单位甲", ["7.00", "4.00", "3.00"], UNIT),
        ("单位乙", ["3.00", "0.00", "3.00"], UNIT),
        ("一般公共服务支出", ["10.00", "4.00", "6.00"], ITEM, "201"),
    ]
    assert _findings(table(FUNCTION, COLUMNS, rows)) == []


def test_a_code_printed_twice_makes_no_tree() -> None:
    rows = [
        ("本级", ["10.00", "4.00", "6.00"], UNIT),
        ("一般公共服务支出", ["10.00", "4.00", "6.00"], ITEM, "201"),
        ("一般公共服务支出", ["99.00", "4.00", "95.00"], ITEM, "201"),
    ]
    assert _findings(table(FUNCTION, COLUMNS, rows), rule="BG-R001") == []


def test_total_row_below_its_lines_heads_them() -> None:
    rows = [
        ("任务一", ["1.00", "1.00", "0.00"]),
        ("任务二", ["2.00", "2.00", "0.00"]),
        ("金额合计", ["3.10", "3.10", "0.00"], TOTAL),
    ]
    performance = table(TableKind.PerformanceTargets, COLUMNS, rows)
    assert table_blocks(performance)[0].head.label == "金额合计"
    errors = _errors(performance, rule="BG-R002")
    assert errors and all(_lines(f) == [102, 100, 101] for f in errors)


def test_basic_expenditure_classes_found_by_national_names() -> None:
    columns = ["total"]
    rows = [
        ("本级", ["13.00"], UNIT),
        ("工资福利支出", ["5.00"]),
        ("基本工资", ["5.00"]),
        ("商品和服务支出", ["6.00"]),
        ("办公费", ["2.00"]),
        ("物业管理费", ["4.00"]),
        ("其他支出", ["2.00"]),
        ("其他支出", ["2.00"]),  # 39999 under 399: an item that bears its class's name
    ]
    assert _findings(table(TableKind.BasicExpenditureSummary, columns, rows)) == []
    rows[4] = ("办公费", ["3.00"])
    errors = _errors(table(TableKind.BasicExpenditureSummary, columns, rows))
    assert [(f.rule, _lines(f)) for f in errors] == [("BG-R001", [103, 104, 105])]


def test_lines_before_any_class_leave_the_table_unchecked() -> None:
    rows = [("本级", ["9.00"], UNIT), ("基本工资", ["5.00"]), ("工资福利支出", ["5.00"])]
    assert _findings(table(TableKind.BasicExpenditureSummary, ["total"], rows)) == []


def test_sample_has_no_error_and_its_rounding_differences_are_info(sample_filing) -> None:
    found = list(check_rollups(sample_filing))
    assert [f.message for f in found if f.severity.value != "info"] == []
    infos = {(f.locations[0].line, f.locations[0].column) for f in found}
    assert (336, "上年结转") in infos  # 表五 5,614.27 against 5,614.28
    assert (431, "支出总计") in infos  # 表八 33,654.29 against 33,654.30
    assert (253, "支出总计") in infos and (396, "支出总计") in infos  # 201 in 表三 and 表七


def test_income_summary_by_code_with_its_total_below() -> None:
    """Shanghai's 收入预算总表 lists 功能科目 rows and a 合计 row at the bottom."""
    columns = ["total", ("appropriation", ("total",))]
    rows = [
        ("一般公共服务支出", ["100", "100"], ITEM, "201"),
        ("财政事务", ["100", "100"], ITEM, "20106"),
        ("社会保障和就业支出", ["50", "50"], ITEM, "208"),
        ("合计", ["152", "152"], TOTAL),  # yuan printed whole: 1 yuan off would be rounding
    ]
    errors = _errors(table(TableKind.IncomeSummary, columns, rows))
    assert [(f.rule, [p.line for p in f.locations]) for f in errors] == [("BG-R002", [103, 100, 102])] * 2


def test_two_subtotals_each_below_its_own_lines() -> None:
    """Shanghai's 基本支出决算表: 301, 303 then 人员经费合计; 302, 310 then 公用经费合计."""
    rows = [
        ("工资福利支出", ["2082.85"], ITEM, "301"),
        ("对个人和家庭的补助", ["69.41"], ITEM, "303"),
        ("人员经费合计", ["2152.26"], TOTAL),
        ("商品和服务支出", ["171.07"], ITEM, "302"),
        ("资本性支出", ["13.58"], ITEM, "310"),
        ("公用经费合计", ["184.65"], TOTAL),
    ]
    assert _findings(table(TableKind.GeneralBudgetByEconomicClass, ["actual"], rows)) == []


ECONOMIC = TableKind.GeneralBudgetByEconomicClass


def test_a_code_printed_apart_hangs_under_the_code_it_continues() -> None:
    """'301 2' (read 3012) under 301 is 30102: 301's line, not a second top-level line."""
    rows = [
        ("合计", ["300.00"], TOTAL),
        ("工资福利支出", ["300.00"], ITEM, "301"),
        ("基本工资", ["200.00"], ITEM, "30101"),
        ("津贴补贴", ["100.00"], ITEM, "3012"),
    ]
    assert _findings(table(ECONOMIC, ["total"], rows)) == []
    placements = code_placements([None, "301", "30101", "3012"])
    assert placements[3] == Placement(1, "30102")
    rows[3] = ("津贴补贴", ["110.00"], ITEM, "3012")  # a real difference is still found, under 301
    assert [(f.rule, _lines(f)) for f in _errors(table(ECONOMIC, ["total"], rows))] == [
        ("BG-R001", [101, 102, 103])
    ]


def test_a_class_printed_as_its_last_digit_heads_its_sections() -> None:
    """'7' above 20701 is the 类 207: 20701 hangs under it, and both are not top-level lines."""
    rows = [
        ("合计", ["400.00"], TOTAL),
        ("一般公共服务支出", ["100.00"], ITEM, "201"),
        ("文化旅游体育与传媒支出", ["300.00"], ITEM, "7"),
        ("文化和旅游", ["300.00"], ITEM, "20701"),
        ("行政运行", ["300.00"], ITEM, "2070101"),
    ]
    assert _findings(table(FUNCTION, ["total"], rows)) == []
    assert code_placements([None, "201", "7", "20701", "2070101"]) == {
        1: Placement(ROOT),
        2: Placement(ROOT, "207"),
        3: Placement(2),
        4: Placement(3),
    }


def test_a_stray_fragment_counts_under_the_class_above_it() -> None:
    rows = [
        ("合计", ["400.00"], TOTAL),
        ("一般公共服务支出", ["400.00"], ITEM, "201"),
        ("人大事务", ["300.00"], ITEM, "20101"),
        ("政协事务", ["100.00"], ITEM, "7"),
    ]
    assert _findings(table(FUNCTION, ["total"], rows)) == []
    rows[1] = ("一般公共服务支出", ["410.00"], ITEM, "201")
    assert sorted(f.rule for f in _errors(table(FUNCTION, ["total"], rows))) == ["BG-R001", "BG-R002"]


def test_items_without_any_printed_ancestor_stay_top_level() -> None:
    """A list of 项 codes only (no 类 or 款 rows): each is a top-level line of its unit."""
    rows = [
        ("本级", ["3.00"], UNIT),
        ("行政运行", ["1.00"], ITEM, "2011301"),
        ("事业运行", ["2.00"], ITEM, "2011350"),
    ]
    assert _findings(table(FUNCTION, ["total"], rows)) == []
    assert code_placements(["2011301", "2050201"]) == {0: Placement(ROOT), 1: Placement(ROOT)}


def test_a_misprint_is_read_only_as_a_line_that_could_be_its_parent() -> None:
    # an economic 款 (30101) has no sub-lines: '301011' continues the 类 301 and reads as nothing
    assert code_placements(["301", "30101", "301011"])[2] == Placement(0)
    # '1' ends 20101, which is printed: it is no second 20101 but a stray line under the 类
    assert code_placements(["201", "20101", "1", "2010101"])[2] == Placement(0)
    # a procurement code below a fragment says nothing of it
    assert code_placements(["7", "C16070000"])[0] == Placement(ROOT)


def test_a_row_without_code_or_name_counts_only_where_the_structure_or_the_sum_says_it_is_a_line() -> None:
    basic = TableKind.BasicExpenditureSummary

    def errors(kind: TableKind, stray: str, total: str) -> list:
        rows = [("本级", [total], UNIT), ("商品和服务支出", [total]), ("办公费", ["1.00"]), ("", [stray])]
        rows += [("邮电费", ["2.00"])]
        return sorted(f.rule for f in _errors(table(kind, ["total"], rows)))

    # 基本支出总表 lists items by name: an unnamed row under a class is an item only if the sums need it
    assert errors(basic, "3.00", "3.00") == []  # met without it (a repeated subtotal, say)
    assert errors(basic, "0.50", "3.50") == []  # met with it: an item whose name was not printed
    assert errors(basic, "0.50", "4.00") == ["BG-R001"]  # neither: the class's figure is wrong
    # in a list of projects every row under the unit is a line: it counts
    assert errors(TableKind.ProjectExpenditureSummary, "3.00", "3.00") == ["BG-R002"]
    # above the first class it has no place: the unit is not checked against the classes
    rows = [("本级", ["9.00"], UNIT), ("", ["1.00"]), ("商品和服务支出", ["3.00"]), ("办公费", ["3.00"])]
    assert _findings(table(basic, ["total"], rows)) == []


# ---- a 三公 table printing its items as rows ---------------------------------------------------------

THREE_PUBLIC = TableKind.ThreePublicExpenses


def _items(vehicles: str = "2.65", operation: str = "2.65", total: str = "3.15") -> list[tuple]:
    """合计 = 因公出国 + 公务接待 + 公务用车, and 公务用车 = 其中 购置 + 运行维护 (this year, last year)."""
    return [
        ("合计", [total, "3.25"], TOTAL),
        ("因公出国（境）费", ["0.00", "0.00"]),
        ("公务接待费", ["0.50", "0.60"]),
        ("公务用车购置及运行维护费", [vehicles, "2.65"]),
        ("其中：公务用车购置费", ["0.00", "0.00"]),
        ("公务用车运行维护费", [operation, "2.65"]),
    ]


def test_a_three_public_table_of_items_as_rows_adds_up_by_its_items() -> None:
    columns = ["amount", "prior_year"]
    assert not _findings(table(THREE_PUBLIC, columns, _items()))
    (head,) = _errors(table(THREE_PUBLIC, columns, _items(total="3.35")), rule="BG-R002")
    assert (head.expected, head.actual) == ("3.15万元", "3.35万元")
    (vehicles,) = _errors(table(THREE_PUBLIC, columns, _items(operation="2.45")), rule="BG-R001")
    assert (vehicles.expected, vehicles.actual) == ("2.45万元", "2.65万元")


def test_a_row_naming_no_item_leaves_a_three_public_table_unsummed() -> None:
    rows = [*_items(total="3.35"), ("其他", ["0.20", "0.00"])]
    assert not _findings(table(THREE_PUBLIC, ["amount", "prior_year"], rows))


# ---- roll-ups declared as data (rollups.yaml) --------------------------------------------------------

DECLARATIONS = (Path(rollups.__file__).parent / "rollups.yaml").read_text(encoding="utf-8")
OFFICE = TableKind.OfficeOperatingCosts


def test_a_table_kind_declared_under_a_tree_is_rolled_up(monkeypatch) -> None:
    rows = [
        ("本级", ["10.00", "4.00", "6.00"], UNIT),
        ("一般公共服务支出", ["10.00", "4.00", "6.00"], ITEM, "201"),
        ("商贸事务", ["10.50", "4.00", "6.50"], ITEM, "20113"),
    ]
    assert _errors(table(OFFICE, COLUMNS, rows), rule="BG-R001")
    _, trees, _ = declared_rollups(DECLARATIONS.replace("    - OfficeOperatingCosts\n", "").encode())
    monkeypatch.setattr(rollups, "CODED", trees["code"])  # the kind no longer declared: no tree serves it
    assert not _errors(table(OFFICE, COLUMNS, rows), rule="BG-R001")


def test_each_declared_sum_has_its_rule() -> None:
    assert {d.node: d.rule for d in rollups.DECLARED} == {
        "lines": "BG-R001",
        "head": "BG-R002",
        "units": "BG-R003",
    }
    assert {
        TableKind.ProjectExpenditureSummary,
        TableKind.PerformanceTargets,
        TableKind.SpecialTransfers,
    } == rollups.FLAT


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("sum_of_children: head", "sum_of_children: top"),
        ("sum_of_children: units", "sum_of_children: lines"),
        ("  flat:", "  list:"),
        ("[BasicExpenditureSummary,", "[BasicSummary,"),
        ("trees:", "tree:"),
        ("vehicle_purchase: vehicles", "vehicle_purchase: cars"),
    ],
)
def test_a_roll_up_declaration_with_a_word_it_does_not_know_is_refused(old: str, new: str) -> None:
    assert old in DECLARATIONS
    with pytest.raises(ValueError):
        declared_rollups(DECLARATIONS.replace(old, new).encode())


def _income_list(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "income.md"
    title = ["# 江苏省某某局2024年度部门预算", "## 公开02表 收入预算总表", "单位：万元", "项目名称\t\t金额"]
    path.write_text("\n".join([*title, *rows]), encoding="utf-8")
    return path


# Jiangsu's 收入预算总表 prints each group's name in a column of its own, merged over the group's rows; a
# converter (laid-out text, a PDF printed without rules) sets it at the middle of the group's lines
GROUP_NAMES_AT_THE_MIDDLE = [
    "收入总计\t\t100.00",
    "\t小计\t90.00",
    "一般公共预算资金\t公共财政拨款（补助）资金\t60.00",
    "\t专项收入\t30.00",
    "政府性基金\t小计\t",
    "\t小计\t10.00",
    "\t专户管理教育收费\t4.00",
    "财政专户管理资金\t其他非税收入\t6.00",
]


def test_a_groups_name_set_on_another_line_of_its_group_names_its_subtotal(tmp_path: Path) -> None:
    path = _income_list(tmp_path, GROUP_NAMES_AT_THE_MIDDLE)
    (income,) = read_text(path).tables
    assert [(row.label, row.label_span[0]) for row in income.rows][1:] == [
        ("一般公共预算资金小计", 0),
        ("公共财政拨款(补助)资金", 1),
        ("专项收入", 1),
        ("政府性基金小计", 0),
        ("财政专户管理资金小计", 0),
        ("专户管理教育收费", 1),
        ("其他非税收入", 1),
    ]
    assert not [f for f in check_filing(read_text(path)).findings if f.rule in ("BG-R001", "BG-R002")]
    changed = [line.replace("\t30.00", "\t31.00") for line in GROUP_NAMES_AT_THE_MIDDLE]
    found = check_filing(read_text(_income_list(tmp_path, changed))).findings
    assert [(f.rule, f.expected) for f in found if f.rule == "BG-R001"] == [("BG-R001", "91.00万元")]


def test_a_group_with_two_names_beside_its_lines_makes_no_groups(tmp_path: Path) -> None:
    """Two lines of one group with words in the group's column: which names the group is not known, and
    the lines hang in no groups (a line taken for a group's would be summed with its neighbours)."""
    rows = [
        "收入总计\t\t105.00",
        *GROUP_NAMES_AT_THE_MIDDLE[1:4],
        "政府性基金\t小计\t5.00",
        GROUP_NAMES_AT_THE_MIDDLE[5],
        "某某\t专户管理教育收费\t4.00",
        GROUP_NAMES_AT_THE_MIDDLE[7],
    ]
    path = _income_list(tmp_path, rows)
    (income,) = read_text(path).tables
    assert [row.label for row in income.rows][5] == "小计"
    assert not [f for f in check_filing(read_text(path)).findings if f.rule in ("BG-R001", "BG-R002")]


PROCUREMENT = [
    "采购品目大类\t专项名称\t经济科目\t采购物品名称\t采购组织形式\t总计",
    "合计\t\t\t\t\t100.00",
    "A\t货物\t\t\t\t60.00",
    "\t办公设备购置费\t办公设备购置\t\t\t60.00",
    "\t\t\t台式计算机\t政府集中采购\t40.00",
    "\t\t\t打印设备\t政府集中采购\t20.00",
    "C\t服务\t\t\t\t40.00",
    "\t物业管理费\t物业管理费\t\t\t40.00",
    "\t\t\t物业管理服务\t分散自行组织\t15.00",
    "\t\t\t\t部门集中采购\t25.00",
]


def _procurement_sums(tmp_path: Path, rows: list[str]) -> list[str]:
    path = tmp_path / "procurement.md"
    title = ["# 江苏省某某局2024年度部门预算", "## 公开12表 政府采购支出预算表", "单位：万元"]
    path.write_text("\n".join([*title, *rows]), encoding="utf-8")
    _, _, evaluated = check_recorded(read_text(path))
    return [e.identity.rule for e in evaluated if e.identity.rule in ("BG-R001", "BG-R002")]


@pytest.mark.parametrize(
    ("line", "misread"),
    [
        (7, "\t物业管理费\t\t\t\t40.00"),  # a 专项 read a column short: on the categories' level, no letter
        (8, "\t\t\t物业管理服务\t\t15.00"),  # an item's last cell left blank: a fourth level
        (6, "\tC\t服务\t\t\t40.00"),  # a category read a column to the right: among the 专项
    ],
)
def test_a_procurement_line_read_on_another_level_hangs_no_line(
    tmp_path: Path, line: int, misread: str
) -> None:
    """Jiangsu's 政府采购支出预算表 nests its lines by the label column each ends in: a category (A, C),
    the 专项 under it, the items bought for each. A line read a column off would hang among the wrong
    lines (a false sum): then no line hangs by level."""
    assert sorted(_procurement_sums(tmp_path, PROCUREMENT)) == ["BG-R001"] * 4 + ["BG-R002"]
    rows = [misread if index == line else row for index, row in enumerate(PROCUREMENT)]
    assert _procurement_sums(tmp_path, rows) == []
