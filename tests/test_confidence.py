"""No error rests on a reading in doubt (check/confidence.py): both ways for every kind of doubt.

A table the reader doubts, or whose roll-ups fail by majority, has its errors lowered to warnings; one
slip in an otherwise consistent table stays an error. A required table said to be missing is a warning
when the file holds the narrative only or figures went unread; otherwise it stays an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.check import narrative
from budget_graph.check.confidence import temper
from budget_graph.check.engine import check_filing
from budget_graph.check.identities import check_identities
from budget_graph.check.rollups import check_rollups
from budget_graph.check.rules import Finding, Rule, Severity
from budget_graph.check.shacl_rules import REQUIRED_TABLES
from budget_graph.check.shares import SHARE
from budget_graph.check.subjects import UNLISTED
from budget_graph.derive.crosstable import department_row
from budget_graph.model import (
    Cell,
    Claim,
    Doubt,
    Filing,
    Indicator,
    Kind,
    Location,
    NarrativePart,
    TableKind,
    Unit,
    parse_amount,
)
from budget_graph.read.text import read_text
from tests.conftest import SAMPLE, sample_lines
from tests.tables import ITEM, UNIT, filing, table

FUNCTION = TableKind.GeneralBudgetByFunction


def _function_table(**changed: str):
    """本级 30 = 201 + 205 + 208, each 类 over one 款 over one 项: seven roll-ups, all adding up."""
    figures = {
        "201": "10.00",
        "20113": "10.00",
        "2011308": "10.00",
        "205": "10.00",
        "20502": "10.00",
        "2050201": "10.00",
        "208": "10.00",
        "20805": "10.00",
        "2080501": "10.00",
    } | changed
    rows = [("本级", ["30.00"], UNIT)]
    rows += [(f"科目{code}", [figure], ITEM, code) for code, figure in figures.items()]
    return table(FUNCTION, ["total"], rows)


def _checked(*tables):
    found = filing(*tables)
    return found, temper(found, check_rollups(found))


def _severities(findings) -> list[str]:
    return sorted(f.severity.value for f in findings)


def test_one_slip_in_a_consistent_table_stays_an_error() -> None:
    found, findings = _checked(_function_table(**{"2011308": "6.50"}))
    assert _severities(findings) == ["error"]
    assert not any("读取存疑" in d.message for d in found.diagnostics)


def test_a_table_whose_roll_ups_fail_by_majority_is_in_doubt() -> None:
    # four of seven roll-ups fail together: a misreading, not four slips
    misread = _function_table(**{"20113": "9.00", "2011308": "7.00", "2050201": "3.00", "2080501": "2.00"})
    found, findings = _checked(misread)
    assert _severities(findings) == ["warning"] * 4
    assert all("读取存疑" in f.message and "lowered to a warning" in f.message_en for f in findings)
    assert any("4个与其分项不符" in d.message for d in found.diagnostics)


def test_an_error_on_a_table_the_reader_doubts_is_lowered() -> None:
    slip = _function_table(**{"2011308": "6.50"})
    slip.doubts.append(Doubt("第3页有一个无表题的表格 an untitled grid on page 3"))
    found, findings = _checked(slip)
    assert _severities(findings) == ["warning"]
    assert any("无表题" in d.message for d in found.diagnostics)


def test_a_doubt_of_the_columns_leaves_the_sums_down_the_rows_sure() -> None:
    # the roll-up holds in every column whatever it means: an unplaced column does not lower it
    slip = _function_table(**{"2011308": "6.50"})
    slip.doubts.append(Doubt("有一列无法对应表头 a column could not be placed", columns_only=True))
    _, findings = _checked(slip)
    assert _severities(findings) == ["error"]


def _tempered(found: Filing, rule: Rule, message: str) -> list[str]:
    """The severity a finding of `rule` (an error, placed nowhere but the file) keeps once tempered."""
    return [f.severity.value for f in temper(found, [rule.finding(message, message, [Location("x.pdf")])])]


def _missing_table(found: Filing) -> list[str]:
    return _tempered(found, REQUIRED_TABLES, "缺少必须公开的表格：收入总表")


def test_a_missing_table_is_an_error_when_everything_was_read() -> None:
    assert _missing_table(filing(_function_table())) == ["error"]


def test_a_missing_table_is_a_warning_when_figures_went_unread() -> None:
    found = filing(_function_table())
    found.unread.append(Location("x.pdf", page=7))
    assert _missing_table(found) == ["warning"]


def test_a_missing_table_is_a_warning_when_the_file_holds_the_narrative_only() -> None:
    narrative = Filing(["说明.pdf"], "测试单位", 2024, Kind.BUDGET)
    narrative.parts.append(NarrativePart(1, "第一部分 部门概况", Location("说明.pdf", page=2)))
    assert _missing_table(narrative) == ["warning"]


def test_a_missing_table_is_a_warning_when_the_file_holds_performance_forms_only() -> None:
    forms = Filing(["绩效目标.pdf"], "测试单位", 2024, Kind.BUDGET)
    forms.tables.append(table(None, [], []))  # a project's form: no table of the filing's design
    forms.indicators.append(Indicator("培训人次", "≥100人次", Location("绩效目标.pdf", page=1)))
    assert _missing_table(forms) == ["warning"]
    forms.tables.append(_function_table())
    assert _missing_table(forms) == ["error"]  # a table of the filing's design read, another missing


def test_findings_of_other_severities_are_left_as_they_are() -> None:
    found = filing()
    info = REQUIRED_TABLES.finding("m", "m", [Location("x.pdf")], severity=Severity.INFO)
    assert temper(found, [info]) == [info]


def _unlisted_line(found: Filing) -> list[str]:
    return _tempered(found, UNLISTED, "说明中的科目“行政运行（项）”没有表格列出")


def test_a_line_no_table_prints_is_an_error_when_every_table_was_read_sure() -> None:
    assert _unlisted_line(filing(_function_table())) == ["error"]


def test_a_line_no_table_prints_is_a_warning_when_a_table_is_in_doubt() -> None:
    doubted = _function_table()
    doubted.doubts.append(Doubt("编码各列可能错位 the code columns may be misread"))
    assert _unlisted_line(filing(doubted)) == ["warning"]


# ---- a doubt of which header group a column stands in, settled by the table's own column sums --------

THREE = TableKind.ThreePublicExpenses
GROUPED = [
    "total",
    ("three_public", ("total",)),
    ("overseas_travel", ("total", "three_public")),
    ("vehicles", ("total", "three_public")),
    ("vehicle_purchase", ("total", "three_public", "vehicles")),
    ("vehicle_operation", ("total", "three_public", "vehicles")),
    ("hospitality", ("total", "three_public")),
    ("meetings", ("total",)),
]


def _share_of(*figures: str, columns: list = GROUPED) -> list[str]:
    """The severity a narrative share computed against a 三公 table (its groups placed by position in a
    laid-out text, in doubt), printing these figures in its columns, keeps once tempered."""
    grouped = table(THREE, columns, [("合计", list(figures), ITEM)], title="三公经费表")
    grouped.doubts.append(
        Doubt("表头分组由文字位置推定 groups placed by position", columns_only=True, grouping=True)
    )
    found = filing(grouped)
    share = SHARE.finding("占比不符", "share differs", [Location("x.pdf", table="三公经费表", row="合计")])
    return [f.severity.value for f in temper(found, [*check_identities(found), share]) if f.rule == SHARE.id]


def test_groups_placed_by_position_are_settled_when_every_group_adds_up() -> None:
    # 584.35 = 110 + 317.80 + 156.55, 317.80 = 50 + 267.80, 752.35 = 584.35 + 168
    assert _share_of("752.35", "584.35", "110.00", "317.80", "50.00", "267.80", "156.55", "168.00") == [
        "error"
    ]


def test_groups_placed_by_position_stay_in_doubt_when_a_group_does_not_add_up() -> None:
    # 会议费 read into the 三公 group would make it 752.35: a sum fails, the doubt stands
    assert _share_of("752.35", "584.35", "110.00", "317.80", "50.00", "267.80", "150.00", "168.00") == [
        "warning"
    ]


def test_groups_placed_by_position_stay_in_doubt_when_a_column_prints_only_zeros() -> None:
    # a column of zeros adds up in any group: where it stands is not settled
    assert _share_of("634.35", "466.35", "0.00", "317.80", "50.00", "267.80", "148.55", "168.00") == [
        "warning"
    ]


def test_groups_placed_by_position_stay_in_doubt_when_a_named_group_holds_every_column() -> None:
    # 基本支出 spread over 项目支出 too, the total's column read as 基本支出: it adds up as the total would
    spread = [
        "basic",
        ("personnel", ("basic",)),
        ("operating", ("basic",)),
        ("project", ("basic",)),
    ]
    assert _share_of("100.00", "50.00", "20.00", "30.00", columns=spread) == ["warning"]


@pytest.mark.parametrize("garbled", ["1,2,3", "+5", ".", "1\u00a0234"])
def test_a_garbled_figure_puts_its_table_in_doubt(tmp_path: Path, garbled: str) -> None:
    """表一's only figure of a line garbled (sample line 203): the line read as printing nothing, and the
    same money in 表三 was an error, 'no such line in 表一', resting on a cell the reader could not read."""
    lines = list(sample_lines())
    assert lines[202].endswith("\t30,412.12")
    lines[202] = lines[202].replace("30,412.12", garbled)
    path = tmp_path / "garbled.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = check_filing(read_text(path))
    [lone] = [f for f in report.findings if f.rule == "BG-X001" and "无此行" in f.message]
    assert lone.severity is Severity.WARNING and "读取存疑" in lone.message
    assert [f.rule for f in report.findings if f.severity is Severity.ERROR] == ["BG-Y001"]  # the real one


def _code_garbled(tmp_path: Path, line: str, garbled: str, nth: int = 0):
    """The check of the sample with the code opening its `nth` line `line` (code, tab, name) garbled."""
    lines = list(sample_lines())
    at = [n for n, text in enumerate(lines) if text.startswith(f"\t{line}")][nth]
    code = line.split("\t")[0]
    lines[at] = lines[at].replace(f"\t{code}\t", f"\t{garbled}\t", 1)
    path = tmp_path / "garbled.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return check_filing(read_text(path))


def test_an_items_number_where_a_code_stands_puts_its_table_in_doubt(tmp_path: Path) -> None:
    """表七's 208 garbled to '5.' (an item's number to look at): its line read without a code, and the same
    money in 表三 was an error, 'no such line in 表七', resting on a cell the reader could not read."""
    report = _code_garbled(tmp_path, "208\t社会保障和就业支出", "5.")
    [lone] = [f for f in report.findings if f.rule == "BG-X003" and "无此行" in f.message]
    assert lone.severity is Severity.WARNING and "读取存疑" in lone.message


@pytest.mark.parametrize("garbled", ["1\xa0234", "1\u2009234"])
def test_a_code_grouped_as_a_figure_is_a_code_garbled(tmp_path: Path, garbled: str) -> None:
    """表七's 2080505 garbled to digits grouped by a no-break or thin space (the fuzzer's): folded, '1234'
    read as a code of no line, and the sums of 208 and 表三's line 'not in 表七' were errors."""
    report = _code_garbled(tmp_path, "2080505\t机关事业单位基本养老保险缴费支出", garbled, nth=1)
    assert [f.rule for f in report.findings if f.severity is Severity.ERROR] == ["BG-Y001"]  # the real one


def test_a_sum_of_classes_rests_on_the_table_whose_codes_name_them(tmp_path: Path) -> None:
    """表八's 301 garbled to '1.0e-3' (the fuzzer's): 表四's lines of class 301, found by name through
    表八's codes, were lost, and 人员经费 in 表十四 was an error against 303 alone (BG-X011), resting on a
    code the reader could not read."""
    report = _code_garbled(tmp_path, "301\t工资福利支出", "1.0e-3")
    [personnel] = [f for f in report.findings if f.rule == "BG-X011"]
    assert personnel.severity is Severity.WARNING and "表八" in personnel.message
    assert [f.rule for f in report.findings if f.severity is Severity.ERROR] == ["BG-Y001"]  # the real one


def _projects_printing_no_duty_money(doubt: Doubt | None) -> list:
    """The sample with its project summary's 履职类项目拨款 left blank on the department's row (the reader
    could not place that column: the fuzzer's web page with its colspans broken): the income summary's
    1,699.66 against no part at all (BG-X010)."""
    found = read_text(SAMPLE)
    projects = found.table(TableKind.ProjectExpenditureSummary)
    department_row(projects).cells["general_budget_duty"] = Cell(None, "")
    if doubt:
        projects.doubts.append(doubt)
    return [f for f in check_filing(found).findings if f.rule == "BG-X010" and "履职类" in f.message]


def test_a_sum_with_no_part_in_a_table_still_rests_on_that_table() -> None:
    [sure] = _projects_printing_no_duty_money(None)
    assert sure.severity is Severity.ERROR  # the column printed blank: a slip
    assert "表五：项目支出汇总表" in [place.table for place in sure.locations]
    [doubted] = _projects_printing_no_duty_money(Doubt("有一列数据无法对应表头 a column could not be placed"))
    assert doubted.severity is Severity.WARNING and "表五" in doubted.message


def _functional_claim(found: Filing) -> list[str]:
    """The severity of BG-N008 on '公共安全（类）支出13,656.34万元', which the only function table read
    prints as 13,641.34 (the 收支总表, which a class is looked up in too, was not found)."""
    found.claims.append(
        Claim(
            "公共安全（类）支出",
            Location("x.pdf", page=19),
            "公共安全（类）支出13,656.34万元",
            2,
            amount=parse_amount("13,656.34", Unit.WAN),
        )
    )
    findings = [f for f in temper(found, narrative.check(found)) if f.rule == "BG-N008"]
    return _severities(findings)


def _safety_table():
    return table(FUNCTION, ["total"], [("公共安全支出", ["13,641.34"], ITEM, "204")])


def test_a_narrative_figure_no_table_agrees_with_is_an_error_when_everything_was_read() -> None:
    assert _functional_claim(filing(_safety_table())) == ["error"]


def test_a_narrative_figure_no_table_agrees_with_is_a_warning_when_its_table_may_be_unread() -> None:
    found = filing(_safety_table())
    found.unread.append(Location("x.pdf", page=10))  # the 收支总表 printed as a picture, say
    assert _functional_claim(found) == ["warning"]


def _narrative_error(found: Filing) -> list[str]:
    """The severity of an error that rests on a narrative sentence alone (a change rate, BG-Y001)."""
    sentence = Location("x.pdf", page=12, excerpt="比上年增加30.03万元，增长2.31%")
    error = Finding("BG-Y001", Severity.ERROR, "变动率与变动额不符", "the rate disagrees", (sentence,))
    return _severities(temper(found, [error]))


def test_an_error_on_the_narrative_of_a_file_read_whole_stays_an_error() -> None:
    found = filing(_safety_table())
    found.unread.append(Location("x.pdf", page=10))  # a page read as a picture: the others were read
    assert _narrative_error(found) == ["error"]


def test_an_error_on_the_narrative_of_a_file_with_damaged_streams_is_a_warning() -> None:
    found = filing(_safety_table())
    found.unread.append(Location("x.pdf", excerpt="数据流损坏 damaged streams"))  # on no page known
    assert _narrative_error(found) == ["warning"]


def test_an_error_on_the_narrative_of_text_without_its_layout_is_a_warning_that_says_why() -> None:
    found = filing(_safety_table())
    found.unread.append(Location("x.txt", excerpt="未保留版面的转换文本 text converted without its layout"))
    sentence = Location("x.txt", line=12, excerpt="比上年增加30.03万元，增长2.31%")
    error = Finding("BG-Y001", Severity.ERROR, "变动率与变动额不符", "the rate disagrees", (sentence,))
    (lowered,) = temper(found, [error])
    assert lowered.severity is Severity.WARNING
    assert "未保留版面的转换文本" in lowered.message and "converted without its layout" in lowered.message_en
    assert "converted" not in lowered.message  # each message in its own language


def _income_printed_blank(doubt: Doubt | None) -> list:
    """The sample with its income summary's appropriation left blank on the department's row (the
    reader lost those figures): the summary's 财政拨款 against nothing printed there (BG-X004)."""
    found = read_text(SAMPLE)
    income = found.table(TableKind.IncomeSummary)
    row = department_row(income)
    for meaning in [
        m for m in row.cells if m.startswith("general_budget") or m in ("gov_fund", "state_capital")
    ]:
        row.cells[meaning] = Cell(None, "")
    if doubt:
        income.doubts.append(doubt)
    return [f for f in check_filing(found).findings if f.rule == "BG-X004"]


def test_a_check_against_cells_left_blank_rests_on_their_table() -> None:
    sure = _income_printed_blank(None)
    assert sure and all(f.severity is Severity.ERROR for f in sure)  # blank where the summary prints: a slip
    assert all(any(place.table == "表二：收入总表" for place in f.locations) for f in sure)
    doubted = _income_printed_blank(Doubt("有一列数据无法对应表头 a column could not be placed"))
    assert doubted and all(f.severity is Severity.WARNING for f in doubted)
