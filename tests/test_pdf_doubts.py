"""Figures the PDF flow left outside every table make the table before them doubtful (read/pdf_doubts.py),
and so does a code's part read as a row's name (read/tables.py); a code printed in the names' column is
taken out of the name: hand-built pages, both ways."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from budget_graph.errors import InputError
from budget_graph.model import Filing, Kind
from budget_graph.read.pdf import read_pages
from budget_graph.read.pdf_doubts import mark_doubts
from budget_graph.read.pdf_flow import document_flow
from budget_graph.read.pdf_grid import page_content
from budget_graph.read.pdf_page import PageLayout
from budget_graph.read.pdf_tables import read_table
from tests.test_pdf_geometry import ruled, word

XS = [60, 130, 260, 360, 460, 560]  # 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出
WIDTH, HEIGHT = 595, 842


def line(top: float, code: str, name: str, *amounts: str) -> list:
    chars = [*word(code, XS[0] + 5, top, 6), *word(name, XS[1] + 5, top)]
    for x, amount in zip(XS[2:], amounts, strict=False):
        chars += word(amount, x + 40, top, 6)
    return chars


def first_page() -> PageLayout:
    chars = [
        *word("一般公共预算支出预算表", 80, 100),
        *word("单位：万元", 480, 120),
        *line(145, "科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        *line(165, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"),
        *line(185, "22102", "住房改革支出", "3,000.00", "1,000.00", "2,000.00"),
    ]
    return PageLayout(1, WIDTH, HEIGHT, chars, ruled(XS, [140, 160, 180, 200]))


def read(*pages: PageLayout) -> Filing:
    flow = document_flow(list(pages))
    filing = Filing(["t.pdf"], "测试局", 2024, Kind.BUDGET)
    filing.tables = [read_table(block, "t.pdf", filing, set()) for block in flow.blocks]
    mark_doubts(filing, flow, "t.pdf")
    return filing


def test_rows_of_figures_printed_without_ruling_after_a_table_make_it_doubtful() -> None:
    # the page break cut the last rows from the table, and they lost every rule: read as text
    cut = PageLayout(
        2,
        WIDTH,
        HEIGHT,
        [
            *line(80, "2210201", "住房公积金", "1,000.00", "1,000.00", "0.00"),
            *line(100, "2210202", "提租补贴", "2,000.00", "0.00", "2,000.00"),
        ],
        [],
    )
    filing = read(first_page(), cut)
    (table,) = filing.tables
    assert table.doubts and "无表格线的数字行" in table.doubts[0].message
    assert [place.page for place in filing.unread] == [2]


def test_a_sentence_with_figures_after_a_table_is_no_row() -> None:
    text = PageLayout(2, WIDTH, HEIGHT, word("住房保障支出3,000.00万元，比上年增加12.50万元。", 60, 80), [])
    filing = read(first_page(), text)
    (table,) = filing.tables
    assert table.doubts == [] and filing.unread == []


def _unruled(title: str, *rows: list) -> PageLayout:
    chars = [*word(title, 80, 100), *word("单位：万元", 480, 120), *line(145, "科目编码", "科目名称", "合计")]
    return PageLayout(3, WIDTH, HEIGHT, [*chars, *(char for row in rows for char in row)], [])


def test_a_titled_table_printed_without_ruling_lines_is_said_unread() -> None:
    page = _unruled("二、一般公共预算“三公”经费支出预算表", line(165, "", "因公出国（境）费", "12.00"))
    filing = read(first_page(), page)
    assert [(place.page, place.table) for place in filing.unread] == [
        (3, "二、一般公共预算“三公”经费支出预算表")
    ]
    assert any("无表格线" in d.message and d.severity == "warning" for d in filing.diagnostics)


def test_a_titled_table_with_its_unit_line_and_no_figure_read_is_said_unread() -> None:
    # an empty form, or one whose cells a converter set one to a line: its title and unit line tell it
    page = _unruled("二、一般公共预算“三公”经费支出预算表", line(165, "", "因公出国（境）费", ""))
    filing = read(first_page(), page)
    assert [(place.page, place.table) for place in filing.unread] == [
        (3, "二、一般公共预算“三公”经费支出预算表")
    ]


def test_a_heading_naming_a_table_above_a_paragraph_is_no_unruled_table() -> None:
    page = _unruled("二、一般公共预算“三公”经费支出情况说明", line(165, "", "2024年安排", ""))
    assert not read(first_page(), page).unread


def test_a_file_of_tables_all_printed_without_ruling_lines_is_refused_saying_why() -> None:
    page = page_content(_unruled("一般公共预算支出预算表", line(165, "201", "一般公共服务支出", "12.00")))
    with pytest.raises(InputError, match="无表格线"):
        read_pages([page], "t.pdf", Path("某某局2024年部门预算公开表.pdf"))


def _two_lines(code: str, name: str):
    chars = [
        *word("一般公共预算支出预算表", 80, 100),
        *word("单位：万元", 480, 120),
        *line(145, "科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        *line(165, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"),
        *line(185, code, name, "3,000.00", "1,000.00", "2,000.00"),
    ]
    page = PageLayout(1, WIDTH, HEIGHT, chars, ruled(XS, [140, 160, 180, 200]))
    (block,) = document_flow([page]).blocks
    return read_table(block, "t.pdf", Filing(["t.pdf"], "某单位", 2025, Kind.BUDGET), set())


@pytest.mark.parametrize(("name", "doubted"), [("05", True), ("住房改革支出", False)])
def test_a_part_of_a_code_standing_as_the_rows_name_puts_the_table_in_doubt(name: str, doubted: bool) -> None:
    # '221 | 05 | 住房改革支出' read one column off: the 款 digits stand where the name belongs
    assert bool(_two_lines("221", name).doubts) is doubted


@pytest.mark.parametrize(("name", "doubted"), [("类款项合计", True), ("合计", True), ("住房改革支出", False)])
def test_a_code_on_a_totals_row_puts_the_table_in_doubt(name: str, doubted: bool) -> None:
    # no classification item is a total: the code of the row under it went up to the total's row (a
    # converter printing the total on the line of the 类/款/项 captions, its columns a space apart)
    assert bool(_two_lines("22102", name).doubts) is doubted


@pytest.mark.parametrize("name", ["22102住房改革支出", "22102 住房改革支出"])
def test_a_code_printed_in_the_names_column_is_the_rows_code(name: str) -> None:
    row = _two_lines("", name).rows[-1]
    assert (row.code, row.label) == ("22102", "住房改革支出")


def _unit_list(numbers: tuple[str, str], caption: str = "序号") -> PageLayout:
    """A narrative page listing the department's units in a ruled grid (序号 | 单位名称 | 备注), under no
    table's title, before the tables."""
    xs = [60, 130, 360, 560]

    def row(top: float, *cells: str) -> list:
        return [char for x, text in zip(xs, cells, strict=False) for char in word(text, x + 5, top) if text]

    chars = [
        *word("二、部门决算单位构成", 60, 80),
        *word("纳入本部门2024年度部门决算编制范围的单位包括：", 60, 100),
        *row(145, caption, "单位名称", "备注"),
        *row(165, numbers[0], "某某局（本级）", ""),
        *row(185, numbers[1], "某某局财政所", "预算不单列，并入本级"),
    ]
    return PageLayout(1, WIDTH, HEIGHT, chars, ruled(xs, [140, 160, 180, 200]))


def test_a_list_of_units_numbered_in_a_ruled_grid_is_narrative_not_an_unread_table() -> None:
    # its item numbers were counted as figures: the grid was said an unread table and the file unread
    page = _unit_list(("1", "2"))
    filing = read(page, replace(first_page(), number=2))
    assert filing.unread == []
    assert not [d for d in filing.diagnostics if d.severity != "info"]
    assert any("无表题" in d.message and d.severity == "info" for d in filing.diagnostics)


@pytest.mark.parametrize(("numbers", "caption"), [(("1", "2.50"), "序号"), (("1", "2"), "金额")])
def test_an_untitled_grid_of_figures_is_said_unread(numbers: tuple[str, str], caption: str) -> None:
    page = _unit_list(numbers, caption)
    filing = read(page, replace(first_page(), number=2))
    assert [place.page for place in filing.unread] == [1]
