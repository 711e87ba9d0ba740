"""What a table prints in a figure's place. A dash or a slash ('-', '—', '/': a spreadsheet's accounting
format prints 0 as '-') is no figure and no word: the column stays a column of figures. A word there
('详见说明') moves where the row's amounts start past figures; those figures are said unread, in doubt,
never dropped in silence. The PDF, text and xlsx readers share this."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from rdflib import RDF

from budget_graph.check.engine import check_filing
from budget_graph.graph.mapper import build_graph
from budget_graph.graph.namespaces import BG
from budget_graph.model import TableKind, garbled_amount, is_number, printed_as_figure, prints_nothing
from budget_graph.read import read_file
from budget_graph.read.pdf import read_pages
from budget_graph.read.pdf_grid import page_content
from budget_graph.read.pdf_page import PageLayout
from budget_graph.read.tables import _confirm_doubtful_columns
from tests.tables import ITEM, TOTAL, table
from tests.test_pdf_geometry import ruled, word

XS = [60, 150, 300, 400, 500]  # 科目编码 | 科目名称 | 合计 | 基本支出


def _pdf_filing(second: str):
    def row(top: float, code: str, name: str, total: str, basic: str) -> list:
        return [
            *word(code, 65, top, 6),
            *word(name, 155, top),
            *word(total, 310, top, 6),
            *word(basic, 410, top, 6),
        ]

    chars = [
        *word("2024年某某局一般公共预算支出预算表", 80, 100),
        *word("单位：万元", 430, 120),
        *word("科目编码", 65, 145),
        *word("科目名称", 155, 145),
        *word("合计", 310, 145),
        *word("基本支出", 410, 145),
        *row(165, "201", "一般公共服务支出", "30.00", "20.00"),
        *row(185, "20101", "人大事务", "10.00", second),
        *row(205, "20102", "政协事务", "20.00", "20.00"),
    ]
    page = PageLayout(1, 595, 842, chars, ruled(XS, [140, 160, 180, 200, 220]))
    return read_pages([page_content(page)], "某某局.pdf", Path("某某局2024年部门预算.pdf"))


@pytest.mark.parametrize("mark", ["-", "—", "/", "－", "--"])
def test_a_dash_in_a_figure_column_leaves_the_columns_as_printed(mark: str) -> None:
    filing = _pdf_filing(mark)
    [table] = filing.tables
    assert [c.meaning for c in table.columns] == ["total", "basic"] and not table.doubts
    assert [row.amount("total").value for row in table.rows] == [30, 10, 20]
    assert table.rows[1].amount("basic") is None


def test_a_word_in_a_figure_column_puts_the_table_in_doubt_not_its_figures_in_silence() -> None:
    filing = _pdf_filing("详见说明")
    [table] = filing.tables
    assert table.doubts
    [said] = [d for d in filing.diagnostics if "落在名称栏" in d.message]
    assert said.severity == "warning" and len(said.locations) == 3


MARKDOWN = """# 某某局2024年部门预算

## 表一：2024年某某局一般公共预算支出预算表

单位：万元

| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |
|---|---|---|---|---|
| 201 | 一般公共服务支出 | 30.00 | 20.00 | 10.00 |
| 20101 | 人大事务 | 10.00 | {mark} | 10.00 |
| 20102 | 政协事务 | 20.00 | 20.00 | {mark} |
"""


def test_a_dash_in_a_text_table_keeps_the_rows_figures_in_their_columns(tmp_path: Path) -> None:
    path = tmp_path / "filing.md"
    path.write_text(MARKDOWN.format(mark="-"), encoding="utf-8")
    [table] = read_file(path).tables
    assert [(r.code, r.amount("total"), r.amount("project")) for r in table.rows][1][2].value == 10
    assert table.rows[2].amount("basic").value == 20 and not table.doubts


def test_a_word_in_a_text_tables_figure_column_is_said(tmp_path: Path) -> None:
    path = tmp_path / "filing.md"
    path.write_text(MARKDOWN.format(mark="见附表"), encoding="utf-8")
    filing = read_file(path)
    assert filing.tables[0].doubts or any("落在名称栏" in d.message for d in filing.diagnostics)


ONE_COLUMN = """# 某某局2024年部门预算

## 表一：2024年某某局一般公共预算支出预算表

单位：万元

| 科目编码 | 科目名称 | 金额 |
|---|---|---|
| 201 | 一般公共服务支出 | {first} |
| 20101 | 人大事务 | 30.00 |
"""


@pytest.mark.parametrize("first", ["12%", "30.00"])
def test_a_percent_in_the_first_rows_figure_is_a_figure_garbled_not_a_rate_columns_caption(
    tmp_path: Path, first: str
) -> None:
    """'12%' where the first row's amount stood: that row was taken into the header, whose last caption
    then ended in % like a rate column's ('增长率(%)'), so the 金额 column read as remarks and the table
    as blank and sure (a false BG-N009). A caption is words: the row is data, its cell in doubt."""
    path = tmp_path / "filing.md"
    path.write_text(ONE_COLUMN.format(first=first), encoding="utf-8")
    [table] = read_file(path).tables
    assert [c.meaning for c in table.columns] == ["amount"]
    assert [row.code for row in table.rows] == ["201", "20101"]
    assert bool(table.doubts) is (first == "12%")


def test_a_dash_typed_into_a_workbooks_figure_cell_is_no_word(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表3"
    for row in (
        ["2024年部门支出预算总表"],
        ["编制部门：上海市普陀区测试局", None, None, None, "单位：万元"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", 30, 20, 10],
        ["20101", "人大事务", 10, "-", 10],
    ):
        sheet.append(row)
    book.save(tmp_path / "表.xlsx")
    [table] = read_file(tmp_path / "表.xlsx").tables
    assert [c.meaning for c in table.columns] == ["total", "basic", "project"]
    assert table.rows[1].amount("project").value == 10


def test_a_dash_is_no_budget_line_and_no_cell_that_holds_no_number() -> None:
    filing = _pdf_filing("-")
    triples = build_graph(filing).triples
    assert not [t for t in triples if t[1] == BG.publishedText]
    assert len([t for t in triples if t[1:] == (RDF.type, BG.BudgetLine)]) == 5  # three totals, two basic
    assert not [f for f in check_filing(filing).findings if f.rule == "BG-C006"]


def test_what_prints_nothing_and_what_is_printed_as_a_figure() -> None:
    assert all(map(prints_nothing, ["", " - ", "—", "／", "——"]))
    assert not any(map(prints_nothing, ["0.00", "0", "合计", "-1.00"]))
    assert all(map(printed_as_figure, ["1,029.15", "0.00", "-3.5"]))
    assert not any(map(printed_as_figure, ["201", "2010101", "一、"]))


@pytest.mark.parametrize(
    ("text", "figure", "garbled"),
    [
        ("1,234.00", True, False),
        ("１,２３４", True, False),  # full-width digits are folded
        ("٣٤٥", False, True),  # another script's digits: a font's broken map, no figure
        ("+5", False, True),
        ("NaN", False, True),
        ("...", False, False),  # a form's row of "and so on"
        ("-", False, False),
        ("B", False, False),  # a code
        ("详见说明", False, False),
        ("一百", False, True),  # a number in Chinese numerals: in a code's or a figure's cell, garbled
        ("壹佰", False, True),
        ("一", False, False),  # an item's number
    ],
)
def test_what_is_a_figure_and_what_a_figure_garbled(text: str, figure: bool, garbled: bool) -> None:
    assert (is_number(text), garbled_amount(text)) == (figure, garbled)


@pytest.mark.parametrize(("other", "split"), [("", True), ("5.00", False)])
def test_an_unheaded_column_filling_the_rows_another_leaves_blank_is_one_column_read_as_two(
    other: str, split: bool
) -> None:
    # 合计's figure under no header, its parts' under 金额: one printed column read as two, so the sums
    # down the rows are in doubt too (not only what the unheaded column means)
    read = table(
        TableKind.GeneralBudgetByFunction,
        ["total", "unplaced_2"],
        [
            ("合计", [other, "15.00"], TOTAL),
            ("科目201", ["10.00", ""], ITEM, "201"),
            ("科目205", ["5.00", ""], ITEM, "205"),
        ],
    )
    _confirm_doubtful_columns(read)
    (doubt,) = read.doubts
    assert doubt.columns_only is not split
