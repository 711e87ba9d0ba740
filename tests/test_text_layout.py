"""Text laid out with spaces (pdftotext -layout and the like): pages, tables found by their titles, columns
by alignment, rows a converter printed over several lines, and what the reader is unsure of."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.check.rules import Severity
from budget_graph.model import Filing, Kind, RowRole, Table, TableKind, Unit
from budget_graph.model.amounts import parse_amount
from budget_graph.read import read_file, read_paths
from budget_graph.read.layout import page_numbers
from budget_graph.read.text_columns import Column, chunks, columns, figures, kept_apart, place
from budget_graph.read.text_forms import is_laid_out
from tests.tables import reading


def at(*cells: tuple[int, str] | tuple[int, str, str]) -> str:
    """A line with each text starting at a column, or ending at it ('r': right-aligned, as figures are)."""
    line = ""
    for cell in cells:
        column, text = cell[0], cell[1]
        start = column - len(text) if cell[2:] == ("r",) else column
        line = line.ljust(start) + text
    return line


COVER = [at((12, "某某区某某局2024年部门预算")), "", at((1, "预算主管部门：某某区某某局"))]
CONTENTS = [
    at((24, "目    录")),
    "一、部门主要职能",
    "二、部门预算编制说明",
    "三、部门预算表",
    "  1. 2024年部门财务收支预算总表",
    "  2. 2024年部门一般公共预算支出功能分类预算表",
]
DUTIES = [
    at((20, "部门主要职能")),
    "",
    "  某某区某某局负责全区某某工作，承担某某事项的统筹协调和监督管理职能，组织实施有关政策。",
    "主要职能包括：一、拟订有关规划；二、组织实施有关工作。",
    "",
    at((19, "部门预算编制说明")),
    "",
    "  2024年，本部门收入预算1,200元，支出预算1,200元。",
]
SUMMARY = [
    at((25, "2024年部门财务收支预算总表")),
    at((0, "编制部门：某某区某某局"), (70, "单位：元")),
    "",
    at((16, "本年收入"), (56, "本年支出")),
    at((11, "项目"), (27, "预算数"), (52, "项目"), (66, "预算数")),
    "",
    at((0, "一、财政拨款收入"), (38, "1,200", "r"), (39, "一、一般公共服务支出"), (75, "1,000", "r")),
    at((0, "二、事业收入"), (40, "一、教育支出"), (75, "200", "r")),
    at((8, "收入总计"), (38, "1,200", "r"), (48, "支出总计"), (75, "1,200", "r")),
]
BY_FUNCTION = [
    at((20, "2024年部门一般公共预算支出功能分类预算表")),
    at((0, "编制部门：某某区某某局"), (70, "单位：元")),
    "",
    at((22, "项目"), (50, "一般公共预算支出")),
    at((0, "功能分类科目编码")),
    at((18, "功能分类科目名称"), (39, "合计"), (53, "基本支出"), (65, "项目支出")),
    at((0, "类"), (6, "款"), (11, "项")),
    "",
    at((16, "合计"), (43, "1,200", "r"), (58, "900", "r"), (70, "300", "r")),
    at((0, "201"), (16, "一般公共服务支出"), (43, "1,000", "r"), (58, "900", "r"), (70, "100", "r")),
    at((0, "201"), (6, "01"), (16, "人大事务"), (43, "1,000", "r"), (58, "900", "r"), (70, "100", "r")),
    # a label wrapped in its cell, its figures printed on the line between its two lines
    at((16, "其他一般公共服务支出中的")),
    at((0, "201"), (6, "01"), (11, "99"), (43, "100", "r"), (70, "100", "r")),
    at((16, "支出")),
    at((0, "201"), (6, "01"), (11, "01"), (16, "行政运行"), (43, "900", "r"), (58, "900", "r")),
]
CONTINUATION = [
    at((0, "205"), (16, "教育支出"), (43, "200", "r"), (70, "200", "r")),
    at((0, "205"), (6, "01"), (16, "教育管理事务"), (43, "200", "r"), (70, "200", "r")),
    "",
    at((30, "- 6 -")),
]


# a Jiangsu procurement table's title, filer line and header, as pdftotext lays them out
JIANGSU_PROCUREMENT_HEAD = [
    at((22, "2024年政府采购预算表")),
    at((0, "部门：某某局"), (58, "单位：万元")),
    at(
        (1, "采购品目大类"),
        (15, "专项名称"),
        (27, "经济科目"),
        (37, "采购物品名称"),
        (49, "采购组织形式"),
        (58, "总计"),
    ),
]


def filing_text(*pages: list[str]) -> str:
    return "".join("\n".join(page) + "\n\f" for page in pages)


def _only_table(tmp_path: Path, *pages: list[str]) -> Table:
    """The one table of a laid-out text of these pages."""
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(*pages), encoding="utf-8")
    (table,) = read_file(path).tables
    return table


def _totals(table: Table) -> list[tuple[str, object]]:
    """Each row's label and its total's value."""
    return [(row.label, row.cells["total"].amount.value) for row in table.rows]


@pytest.fixture
def laid_out(tmp_path: Path) -> Path:
    path = tmp_path / "filing.txt"
    path.write_text(
        filing_text(COVER, CONTENTS, DUTIES, SUMMARY, BY_FUNCTION, CONTINUATION), encoding="utf-8"
    )
    return path


def test_pages_form_feeds_and_metadata(laid_out: Path) -> None:
    filing = read_file(laid_out)
    assert (filing.unit, filing.year, filing.kind, filing.level) == (
        "某某区某某局",
        2024,
        Kind.BUDGET,
        "department",
    )
    assert [part.number for part in filing.parts] == [1, 2]  # centred headings named in the contents
    assert [table.kind for table in filing.tables] == [
        TableKind.IncomeExpenditureSummary,
        TableKind.GeneralBudgetByFunction,
    ]


def test_two_sided_table_sides_and_a_figure_one_space_from_the_next_label(laid_out: Path) -> None:
    summary = read_file(laid_out).tables[0]
    income = {
        row.label: row.cells["amount"].amount.value
        for row in summary.rows
        if row.side == "income" and row.cells["amount"].amount
    }
    spending = {
        row.label: row.cells["amount"].amount.value
        for row in summary.rows
        if row.side == "expenditure" and row.cells["amount"].amount
    }
    assert income == {"一、财政拨款收入": 1200, "收入总计": 1200}
    assert spending == {"一、一般公共服务支出": 1000, "一、教育支出": 200, "支出总计": 1200}


# the filer's name wrapped: under itself, back to the margin, or a blank line further down
WRAPPED_FILER = {
    "under": [at((0, "编制部门：某某区某某"), (70, "单位：元")), at((10, "局"))],
    "margin": [at((0, "编制部门：某某区某某"), (70, "单位：元")), at((0, "局"))],
    "blank": [at((0, "编制部门：某某区某某"), (70, "单位：元")), "", at((10, "局"))],
    # the key printed apart from the name, the rest under the name
    "apart": [at((0, "编制部门："), (12, "某某区某某"), (70, "单位：元")), at((12, "局"))],
}


@pytest.mark.parametrize("wrapped", WRAPPED_FILER)
def test_a_filers_name_wrapped_is_whole_and_no_line_of_the_header(tmp_path: Path, wrapped: str) -> None:
    # its rest printed over each page stands where a running head would, above the header
    summary = [SUMMARY[0], *WRAPPED_FILER[wrapped], *SUMMARY[2:]]
    path = tmp_path / "filing.txt"
    whole = filing_text(COVER, CONTENTS, DUTIES, SUMMARY, SUMMARY, SUMMARY)
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, summary, summary, summary), encoding="utf-8")
    (tmp_path / "whole.txt").write_text(whole, encoding="utf-8")
    table = read_file(path).tables[0]
    assert table.unit_name == "某某区某某局"
    assert reading(table) == reading(read_file(tmp_path / "whole.txt").tables[0])


def test_a_short_title_numbered_on_its_own_line_is_a_title(tmp_path: Path) -> None:
    # '表1 收支预算总表' is as short as a number line ('公开03表', '表十二') but names its table
    numbered = [at((25, "表1 收支预算总表")), *SUMMARY[1:]]
    table = _only_table(tmp_path, COVER, CONTENTS, DUTIES, numbered)
    assert (table.title, table.number) == ("表1收支预算总表", 1)
    assert len(table.rows) == 6


def test_a_title_whose_number_stands_apart_is_a_title(tmp_path: Path) -> None:
    # a centred title with its number in a cell of its own (a web page printed, then laid out)
    numbered = [at((20, "表1"), (40, "收支预算总表")), *SUMMARY[1:]]
    table = _only_table(tmp_path, COVER, CONTENTS, DUTIES, numbered)
    assert (table.title, table.number, len(table.rows)) == ("表1 收支预算总表", 1, 6)


@pytest.mark.parametrize("form_feeds", [True, False])
def test_a_table_its_rows_and_a_narrative_figure_cite_their_lines_in_the_file(
    laid_out: Path, form_feeds: bool
) -> None:
    # the first line a row is printed on, on a continuation page too, with or without form feeds (then
    # the continuation, under no page number, stays on its table's page)
    if not form_feeds:
        laid_out.write_text(laid_out.read_text(encoding="utf-8").replace("\f", ""), encoding="utf-8")
    lines = laid_out.read_text(encoding="utf-8").split("\n")
    rows = {row.code or row.label: row for row in read_file(laid_out).tables[1].rows}
    for code, printed in (
        ("20101", "人大事务"),
        ("2010199", "其他一般公共服务支出中的"),
        ("20501", "教育管理事务"),
    ):
        assert printed in lines[rows[code].location.line - 1]
    assert rows["20501"].location.page == rows["2010101"].location.page + form_feeds
    table = read_file(laid_out).tables[1]
    assert "2024年部门一般公共预算支出功能分类预算表" in lines[table.location.line - 1]
    if form_feeds:  # a narrative figure: the line printing it
        claim = next(c for c in read_file(laid_out).claims if c.subject == "收入")
        assert "收入预算1,200元" in lines[claim.location.line - 1]


def test_codes_in_columns_groups_wrapped_labels_and_continuation(laid_out: Path) -> None:
    table = read_file(laid_out).tables[1]
    assert [column.meaning for column in table.columns] == ["general_budget", "basic", "project"]
    rows = {row.code or row.label: row for row in table.rows}
    assert set(rows) == {"合计", "201", "20101", "2010199", "2010101", "205", "20501"}
    wrapped = rows["2010199"]
    assert wrapped.label == "其他一般公共服务支出中的支出"
    assert wrapped.cells["general_budget"].amount.value == 100
    assert wrapped.cells["basic"].amount is None  # blank: not shifted left
    assert rows["20501"].cells["project"].amount.value == 200  # the continuation page, on the table's columns
    assert not table.doubts


def test_a_sentence_with_figures_is_no_row() -> None:
    sentence = chunks("  本部门收入预算 1,200.50 万元，比上年增加 3.5 万元。")
    assert figures(sentence) == []
    row = chunks("一、财政拨款收入          164,978,640 一、一般公共服务支出        2,976,800")
    assert [c.text for c in figures(row)] == ["164,978,640", "2,976,800"]
    coded = chunks("201   05   06   统计管理     26,300      26,300")
    assert [c.text for c in figures(coded)] == ["26,300", "26,300"]


def test_a_figure_under_no_header_is_not_guessed_into_a_column(tmp_path: Path) -> None:
    stray = [
        *BY_FUNCTION[:-1],
        at((0, "201"), (6, "01"), (11, "01"), (16, "行政运行"), (43, "900", "r"), (47, "5")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, stray), encoding="utf-8")
    filing = read_file(path)
    table = filing.tables[1]
    assert any(doubt.columns_only for doubt in table.doubts)
    assert any("无法对应表头" in d.message for d in filing.diagnostics)
    row = next(row for row in table.rows if row.code == "2010101")
    assert row.cells["general_budget"].amount.value == 900  # the figures it is sure of stay where they are


def test_a_continuation_whose_columns_do_not_fit_is_not_read(tmp_path: Path) -> None:
    other = [at((0, "205"), (16, "教育支出"), (43, "200", "r"), (47, "5"), (70, "200", "r"))]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, BY_FUNCTION, other), encoding="utf-8")
    filing = read_file(path)
    table = filing.tables[1]
    assert any(not doubt.columns_only for doubt in table.doubts)
    assert "205" not in {row.code for row in table.rows} and filing.unread


def test_a_continuation_printed_narrower_is_read_on_the_tables_columns(tmp_path: Path) -> None:
    # the converter printed the page narrower: one stretch and shift carries its edges onto the table's
    # (the page has no 项 codes and no basic spending: fewer columns than the table)
    narrower = [
        at((0, "205"), (13, "教育支出"), (34, "200", "r"), (56, "200", "r")),
        at((0, "205"), (5, "01"), (13, "教育管理事务"), (34, "200", "r"), (56, "200", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, BY_FUNCTION, narrower), encoding="utf-8")
    table = read_file(path).tables[1]
    assert not table.doubts
    row = next(row for row in table.rows if row.code == "20501")
    assert {meaning: cell.amount.value for meaning, cell in row.cells.items() if cell.amount} == {
        "general_budget": 200,
        "project": 200,
    }


_NUMERALS = [
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
]


@pytest.mark.parametrize("broken", [False, True])
def test_many_rows_left_blank_under_a_header_are_rows(tmp_path: Path, broken: bool) -> None:
    # rows left blank before any figures, more of them than a header has lines: their item numbers say
    # they are rows (a header carries none), under the table's title, or under its header printed again
    # on the page after its first row
    blank = [at((0, f"{n}、其他收入"), (39, f"{n}、其他支出")) for n in _NUMERALS[:14]]
    rows = [
        *blank,
        at((39, "十六、教育支出"), (75, "200", "r")),
        at((8, "收入总计"), (38, "1,200", "r"), (48, "支出总计"), (75, "1,200", "r")),
    ]
    first = at((0, "一、财政拨款收入"), (38, "1,200", "r"), (39, "一、一般公共服务支出"), (75, "1,000", "r"))
    pages = [[*SUMMARY[:6], first], [*SUMMARY[3:5], *rows]] if broken else [[*SUMMARY[:6], *rows]]
    table = _only_table(tmp_path, COVER, CONTENTS, DUTIES, *pages)
    labels = [f"{n}、其他{side}" for n in _NUMERALS[:14] for side in ("收入", "支出")]
    labels += ["十六、教育支出", "收入总计", "支出总计"] + (
        ["一、财政拨款收入", "一、一般公共服务支出"] if broken else []
    )
    assert sorted(row.label for row in table.rows) == sorted(labels)
    amounts = {(row.label, m): c.amount.value for row in table.rows for m, c in row.cells.items() if c.amount}
    assert amounts[("十六、教育支出", "amount")] == 200
    assert amounts[("支出总计", "amount")] == 1200
    assert not table.doubts


def test_a_header_line_of_numbered_captions_stays_in_the_header(tmp_path: Path) -> None:
    # captions numbered over three columns are a header's line, not a row left blank
    page = [
        at((20, "2024年一般公共预算基本支出表")),
        at((0, "编制部门：某某区某某局"), (70, "单位：元")),
        at((0, "科目名称"), (26, "合计"), (44, "基本支出")),
        at((30, "1.工资福利支出"), (48, "2.商品和服务支出"), (68, "3.对个人和家庭的补助")),
        at((0, "合计"), (28, "1,200", "r"), (44, "900", "r"), (62, "200", "r"), (80, "100", "r")),
    ]
    table = _only_table(tmp_path, COVER, CONTENTS, DUTIES, page)
    assert [row.label for row in table.rows] == ["合计"]
    assert [column.label for column in table.columns][1:] == [
        "基本支出/1.工资福利支出",
        "基本支出/2.商品和服务支出",
        "基本支出/3.对个人和家庭的补助",
    ]


def test_a_page_of_rows_left_blank_then_the_tables_note_continues_the_table(tmp_path: Path) -> None:
    # a blank form's last page: labels alone, then the note printed under the table
    first = at((0, "一、财政拨款收入"), (38, "1,200", "r"), (39, "一、一般公共服务支出"), (75, "1,000", "r"))
    rest = [
        at((0, "二、其他收入"), (39, "二、教育支出")),
        at((0, "本年收入合计"), (39, "本年支出合计")),
        at((2, "注：本表反映部门本年度的总收支情况。")),
    ]
    table = _only_table(tmp_path, COVER, CONTENTS, DUTIES, [*SUMMARY[:6], first], rest)
    assert sorted(row.label for row in table.rows) == sorted(
        [
            "一、财政拨款收入",
            "一、一般公共服务支出",
            "二、其他收入",
            "二、教育支出",
            "本年收入合计",
            "本年支出合计",
        ]
    )


def test_a_continuation_with_a_column_of_groups_beside_the_names_is_not_joined_into_them(
    tmp_path: Path,
) -> None:
    # the first page holds the total alone; the next prints each group's name ('一般公共预算资金', a cell
    # merged down its rows) on the line of one of its rows: two fields side by side, not a name indented
    # by its level, so they are not joined into one label ('一般公共预算资金公共财政拨款资金')
    head = [
        at((20, "2024年收入预算总表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((15, "项目名称"), (36, "金额")),
        at((15, "收入总计"), (42, "1,200.00", "r")),
    ]
    rest = [
        at((15, "小计"), (42, "1,200.00", "r")),
        at((2, "一般公共预算资金"), (15, "公共财政拨款资金"), (42, "1,200.00", "r")),
        at((15, "专项收入")),
        at((4, "政府性基金"), (15, "小计")),
    ]
    table = _only_table(tmp_path, COVER, CONTENTS, DUTIES, head, rest)
    assert not any("资金" in row.label and row.label.startswith("一般公共预算") for row in table.rows)
    assert table.doubts


def test_label_columns_are_kept_apart_beside_codes_and_where_a_row_fills_both() -> None:
    # rows as the PDF reader gives them (each an iterator of (column, text)): a code column (0) joins
    # neither neighbour; a group's name beside a row's name (2 and 3 on one row) are two fields; a name
    # indented by its level (3 then 4, never on one row) may join the column left of it
    rows = [["201", "", "一般公共预算资金", "小计", "", "1.00"], ["20101", "", "", "", "人大事务", "1.00"]]
    assert kept_apart(map(enumerate, rows)) == {0, 1, 3, 5}


def test_two_figures_in_one_column_are_left_out() -> None:
    found = [Column("text", 0, 8), Column("amount", 10, 20)]
    cells, unplaced = place(chunks("合计      900  5"), found)
    assert cells == [(0, "合计")]
    assert [c.text for c in unplaced] == ["900", "5"]


def test_groups_under_groups_put_the_columns_in_doubt(tmp_path: Path) -> None:
    three_public = [
        at((25, "2024年部门“三公”经费预算表")),
        at((0, "编制部门：某某区某某局"), (70, "单位：万元")),
        at((30, "“三公”经费预算数")),
        at((46, "公务用车购置及运行费")),
        at((2, "合计"), (14, "因公出国(境)费"), (30, "公务接待费")),
        at((44, "小计"), (54, "购置费"), (64, "运行费")),
        at(
            (8, "10.00", "r"),
            (22, "4.00", "r"),
            (36, "2.00", "r"),
            (49, "4.00", "r"),
            (60, "1.00", "r"),
            (70, "3.00", "r"),
        ),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, three_public), encoding="utf-8")
    table = read_file(path).tables[0]
    assert table.kind is TableKind.ThreePublicExpenses
    assert any(doubt.columns_only for doubt in table.doubts)


def test_what_is_laid_out() -> None:
    assert is_laid_out(filing_text(COVER, DUTIES))  # pdftotext's form feeds
    assert not is_laid_out("# 标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\f")  # a pipe table
    assert not is_laid_out("项目\t金额\n合计\t1.00\n")  # tab rows
    assert not is_laid_out("一段说明文字，没有表格。\n")


def without_layout(page: list[str]) -> list[str]:
    """The page as a converter without layout gives it: each run of words on a line of its own."""
    return [piece for line in page for piece in (re.split(r" {2,}", line.strip()) or [""])]


def test_text_converted_without_its_layout_is_read_in_doubt(tmp_path: Path) -> None:
    # `pdftotext` without -layout: a table's cells one to a line, a line's pieces in an order of its own
    pages = [without_layout(page) for page in (COVER, CONTENTS, DUTIES, SUMMARY, BY_FUNCTION, CONTINUATION)]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(*pages), encoding="utf-8")
    assert is_laid_out(path.read_text(encoding="utf-8"))  # paged: the laid-out reader takes it
    filing = read_file(path)
    assert filing.tables and all(table.doubts for table in filing.tables)
    assert any("未保留版面" in d.message and d.severity == "warning" for d in filing.diagnostics)
    findings = check_filing(filing).findings
    assert not [f for f in findings if f.severity.value == "error"]  # the missing tables may be unread
    assert any(f.rule == "BG-C001" and "未保留版面的转换文本" in f.message for f in findings)


NARROWER = [  # the table's continuation laid out on a page of its own, its figures further left
    at((0, "205"), (13, "教育支出"), (34, "200", "r"), (56, "200", "r")),
    at((0, "205"), (5, "01"), (13, "教育管理事务"), (34, "200", "r"), (56, "200", "r")),
]


def test_text_without_page_breaks_is_parted_into_its_pages(tmp_path: Path) -> None:
    # `pdftotext -layout -nopgbrk`: pages run on; a page's number ends it, a table's title starts one,
    # and a table's rows set elsewhere are its continuation's page
    numbered = [[*page, "", at((30, f"- {n} -"))] for n, page in enumerate((COVER, CONTENTS, DUTIES), 1)]
    pages = [*numbered, SUMMARY, BY_FUNCTION, NARROWER]
    paged, run_on = tmp_path / "paged.txt", tmp_path / "run-on.txt"
    paged.write_text(filing_text(*pages), encoding="utf-8")
    run_on.write_text("\n".join(line for page in pages for line in page), encoding="utf-8")
    a, b = read_file(paged), read_file(run_on)
    assert [reading(t) for t in b.tables] == [reading(t) for t in a.tables]
    assert not any(t.doubts for t in b.tables)
    assert [(c.subject, c.amount) for c in b.claims] == [(c.subject, c.amount) for c in a.claims]


def test_page_numbers_rise_through_the_text() -> None:
    page = ["说明"] * 6
    lines = [*page, "  1", *page, "      302", "   03", *page, "  - 2 -", *page, "第 3 页 共 9 页", "   4"]
    # a code alone on a line ('302': more pages than the lines above hold; '03': a leading zero) is
    # none, nor a number closer under the one before than a page's lines
    assert page_numbers(lines) == [6, 21, 28]
    assert page_numbers([*page, "  1", *page, "  2"]) == []  # two are too few to tell from codes


def test_laid_out_text_is_not_taken_for_text_without_layout(laid_out: Path) -> None:
    filing = read_file(laid_out)
    assert not filing.unread and not any("未保留版面" in d.message for d in filing.diagnostics)


def test_a_laid_out_text_that_is_no_filing_exits_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from budget_graph.cli import main

    path = tmp_path / "notice.txt"
    path.write_text("关于开展某某活动的通知\n\n  各单位：请按时参加。\n\f", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2


def test_right_edges_that_drift_after_long_labels_are_one_column(tmp_path: Path) -> None:
    drifting = [
        at((20, "2024年部门一般公共预算支出预算表")),
        at((40, "单位：万元")),
        at((8, "功能科目代码"), (25, "功能科目名称"), (45, "金额")),
        at((29, "合计"), (48, "1,350.00", "r")),
        at((0, "204"), (17, "公共安全支出"), (48, "1,350.00", "r")),
        at((0, "2040501"), (17, "行政运行"), (48, "1,000.00", "r")),
        at((0, "2040502"), (17, "一般行政管理事务"), (52, "200.00", "r")),
        at((0, "2040599"), (17, "其他法院支出及其他未列明的支出"), (57, "150.00", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, drifting), encoding="utf-8")
    table = read_file(path).tables[0]
    assert [column.meaning for column in table.columns] == ["amount"]
    assert {row.code: row.cells["amount"].amount.value for row in table.rows if row.code}["2040599"] == 150
    assert not table.doubts


def test_chinese_words_squeezed_with_one_space_are_two_cells() -> None:
    from budget_graph.read.text_columns import cells_of

    (squeezed,) = chunks("          机要及电子政务业务费 办公设备购置")
    assert [c.text for c in cells_of(squeezed)] == ["机要及电子政务业务费", "办公设备购置"]
    (numbered,) = chunks("1. 一般公共预算")
    assert [c.text for c in cells_of(numbered)] == ["1. 一般公共预算"]
    # full-width brackets are Chinese text; an item number in them is no cell of its own
    (bracketed,) = chunks("便携式计算机（20万以下） 分散自行组织")
    assert [c.text for c in cells_of(bracketed)] == ["便携式计算机（20万以下）", "分散自行组织"]
    (item,) = chunks("（一） 一般公共服务支出")
    assert [c.text for c in cells_of(item)] == ["（一） 一般公共服务支出"]
    # a converter's padding between Chinese and digits is no cell's edge
    (padded,) = chunks("打印设备（20 万以下） 政府集中采购")
    assert [(c.text, c.x0) for c in cells_of(padded)] == [("打印设备（20 万以下）", 0), ("政府集中采购", 13)]


def test_a_title_without_the_converters_padding_between_chinese_and_digits(tmp_path: Path) -> None:
    # pdftotext pads narrow digits to its column grid: '公开 07 表', '2024 年'
    padded = [
        at((0, "公开 07 表")),
        at((14, "2024 年一般公共预算支出预算表")),
        at((40, "单位：万元")),
        at((8, "功能科目代码"), (25, "功能科目名称"), (45, "金额")),
        at((29, "合计"), (52, "1,350.00", "r")),
        at((0, "204"), (17, "公共安全支出"), (52, "1,350.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, padded)
    assert table.title == "公开07表 2024年一般公共预算支出预算表"
    from budget_graph.read.text_columns import PADDING

    assert PADDING.sub("", "占“三公”经费的 54.43 %；") == "占“三公”经费的54.43%；"
    assert PADDING.sub("", "1. 一般公共预算") == "1. 一般公共预算"  # not between Latin and digits


def test_letter_spaced_words_are_one_label(tmp_path: Path) -> None:
    from budget_graph.read.text_columns import letter_spaced

    spaced = [
        at((20, "2024年一般公共预算支出预算表")),
        at((40, "单位：万元")),
        at((8, "功能科目代码"), (25, "功能科目名称"), (44, "金"), (50, "额")),
        at((26, "合   计"), (54, "1,350.00", "r")),
        at((0, "204"), (17, "公共安全支出"), (54, "1,350.00", "r")),
        at((0, "2040501"), (17, "行政运行"), (54, "1,350.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, spaced)
    assert [column.meaning for column in table.columns] == ["amount"]
    assert [row.code or row.label for row in table.rows] == ["合计", "204", "2040501"]
    # the 类/款/项 captions stay three; a label's wrapped last character is no letter of a word
    assert [c.text for c in letter_spaced(chunks("类   款   项"))] == ["类", "款", "项"]
    above = chunks("项目支   上缴上级支")
    assert [c.text for c in letter_spaced(chunks(" 出        出"), above)] == ["出", "出"]


def test_one_caption_over_two_label_columns_and_a_figure_label_left_of_its_figures(tmp_path: Path) -> None:
    # Jiangsu's 收入预算总表: '项目名称' printed once over a category's and its items' columns; '金额'
    # printed left of its right-aligned figures
    income = [
        at((20, "收入预算总表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((8, "项目名称"), (28, "金额")),
        at((16, "收入总计"), (50, "80.00", "r")),
        at((2, "其他资金"), (16, "事业收入"), (50, "30.00", "r")),
        at((16, "其他收入"), (50, "50.00", "r")),
        at((16, "其中：动用上年结转和结余资金"), (50, "0.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, income)
    assert [column.meaning for column in table.columns] == ["amount"]
    assert {row.label: row.cells["amount"].amount.value for row in table.rows}["其他收入"] == 50


def test_a_category_cell_printed_between_the_rows_it_spans(tmp_path: Path) -> None:
    # a category's name printed beside its items' names, or alone at the middle of the rows it spans
    income = [
        at((20, "收入预算总表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((8, "项目名称"), (28, "金额")),
        at((16, "收入总计"), (50, "80.00", "r")),
        at((2, "其他资金"), (16, "事业收入"), (50, "30.00", "r")),
        at((16, "其他收入"), (50, "50.00", "r")),
        at((16, "小计"), (50, "0.00", "r")),
        at((2, "上年结转和结余资金")),
        at((16, "其中：动用上年结转和结余资金"), (50, "0.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, income)
    assert [row.label for row in table.rows] == [
        "收入总计",
        "事业收入",
        "其他收入",
        # not the category's: it starts where the items' column does; the name at the middle of its
        # group's lines names it
        "上年结转和结余资金小计",
        "其中:动用上年结转和结余资金",
    ]


JIANGSU_SUMMARY = [
    at((30, "收支预算总表")),
    at((0, "部门：某某局"), (80, "单位：万元")),
    at((12, "收入"), (58, "支出")),
    at((40, "功能分类"), (72, "支出用途")),
    at((4, "项目名称"), (19, "金额")),
    at((32, "功能科目名称"), (50, "金额"), (67, "项目名称"), (81, "金额")),
    at(
        (0, "一、财政拨款"),
        (26, "150.00", "r"),
        (29, "一、一般公共服务支出"),
        (56, "100.00", "r"),
        (63, "一、基本支出"),
        (88, "120.00", "r"),
    ),
    # a label wrapped in its cell around its figures, the rest printed left of the label
    at((4, "1.一般公共预")),
    at(
        (26, "150.00", "r"),
        (29, "二、住房保障支出"),
        (56, "50.00", "r"),
        (63, "二、项目支出"),
        (88, "30.00", "r"),
    ),
    at((1, "算")),
    # totals centred across both breakdowns, their figures under the second
    at((3, "收入合计"), (26, "150.00", "r"), (47, "支出合计"), (88, "150.00", "r")),
]


def test_a_side_broken_down_twice_reads_both_breakdowns(tmp_path: Path) -> None:
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, JIANGSU_SUMMARY), encoding="utf-8")
    filing = read_file(path)
    (table,) = filing.tables
    assert [column.meaning for column in table.columns] == ["amount", "amount", "amount"]
    read = {
        (row.side, row.label): row.cells["amount"].amount.value
        for row in table.rows
        if row.cells["amount"].amount
    }
    assert read == {
        ("income", "一、财政拨款"): 150,
        ("income", "1.一般公共预算"): 150,
        ("income", "收入合计"): 150,
        ("expenditure", "一、一般公共服务支出"): 100,
        ("expenditure", "二、住房保障支出"): 50,
        ("expenditure", "支出合计"): 150,
        # the by-purpose breakdown, as for the PDF: its lines, not the totals printed across both
        ("purpose", "一、基本支出"): 120,
        ("purpose", "二、项目支出"): 30,
    }
    assert not table.doubts


def test_text_the_pdf_clips_printed_again_at_the_next_page_is_read_once() -> None:
    from budget_graph.read.text_layout import _printed_once

    foot = [
        "    1.“一般公共服务支出（类）财政事务（款）行政运行（项）”1,623.18万元，主要用于人员经",
        "费及公用经费等的基本支出。",
        "    2.“住房保障支出（类）住房改革支出（款）购房补贴（项）”268.77万元，主要用于购房补贴支出。",
    ]
    again = [line.strip() for line in foot]  # the converter's repeat, indented otherwise
    pages = [["  某某局2025年部门预算说明", *foot], [*again, "", "   2025年部门财务收支预算总表"]]
    assert _printed_once(pages)[1] == ["", "", "", "", "   2025年部门财务收支预算总表"]
    # the same paragraph printed again in another part (not the lines just before) is the filing's own
    elsewhere = [["  某某局2025年部门预算说明", *foot, "  三、其他说明"], [*again]]
    assert _printed_once(elsewhere) == elsewhere


def test_a_second_sides_labels_under_their_own_caption_stay_a_column(tmp_path: Path) -> None:
    # one row only: the expenditure side's labels stand at an edge of their own under their caption
    summary = [
        at((20, "财政拨款收支预算总表")),
        at((0, "部门：某某局"), (60, "单位：万元")),
        at((18, "收入"), (54, "支出")),
        at((6, "项目名称"), (30, "金额"), (46, "项目名称"), (66, "金额")),
        at((0, "一、一般公共预算"), (40, "200.00", "r"), (41, "一、基本支出"), (75, "150.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, summary)
    assert {(row.side, row.label): row.cells["amount"].amount.value for row in table.rows} == {
        ("income", "一、一般公共预算"): 200,
        ("expenditure", "一、基本支出"): 150,
    }


# a 三公 table's columns under 合计, 三公 (因公出国, 公务用车: 购置, 运行; 公务接待), 会议费 and 培训费
THREE_PUBLIC_COLUMNS = [
    "total",
    "three_public",
    "overseas_travel",
    "vehicles",
    "vehicle_purchase",
    "vehicle_operation",
    "hospitality",
    "meetings",
    "training",
]


def _nine_figures(*edges: int) -> str:
    """One row under the nine columns, each figure ending at its edge: 合计 100 = 三公 60 + 会议费 30 + 培训费
    10, 三公 60 = 因公出国 10 + 公务用车 40 (购置 15, 运行 25) + 公务接待 10."""
    figures = ["100.00", "60.00", "10.00", "40.00", "15.00", "25.00", "10.00", "30.00", "10.00"]
    return at(*((edge, figure, "r") for edge, figure in zip(edges, figures, strict=True)))


def _three_public_columns(tmp_path: Path, header: list[str], figures_: str) -> list[str]:
    """The columns' meanings of a 三公 table printed with this header over one row of figures."""
    table = _only_table(tmp_path, COVER, _three_public(header, figures_))
    return [column.meaning for column in table.columns]


def _three_public(header: list[str], figures_: str) -> list[str]:
    return [
        at((25, "2024年部门“三公”经费预算表")),
        at((0, "编制部门：某某局"), (80, "单位：万元")),
        *header,
        figures_,
    ]


def test_groups_under_groups_placed_by_how_deep_their_columns_labels_stand(tmp_path: Path) -> None:
    # the groups' labels printed off the middle of their columns; the columns' labels stand deeper
    # the more groups are over them (合计 beside the groups, 小计 under both)
    header = [
        at((28, "“三公”经费预算数")),
        at((61, "机关运行经费预算")),
        at((42, "公务用车购置及运行费")),
        at((65, "数")),
        at((3, "合计"), (15, "因公出国(境)费"), (26, "公务接待费")),
        at((37, "小计"), (45, "购置费"), (55, "运行费")),
    ]
    figures_ = at(
        (12, "10.00", "r"),
        (23, "2.00", "r"),
        (34, "3.00", "r"),
        (41, "5.00", "r"),
        (48, "1.00", "r"),
        (58, "4.00", "r"),
        (72, "20.00", "r"),
    )
    assert _three_public_columns(tmp_path, header, figures_) == [
        "total",
        "overseas_travel",
        "hospitality",
        "vehicles",
        "vehicle_purchase",
        "vehicle_operation",
        "office_operating",
    ]


def test_a_group_label_over_a_longer_group_label_is_no_wrapped_label(tmp_path: Path) -> None:
    # '“三公”经费' over '公务用车购置及运行维护费', each alone on its line: a cell's text fills its
    # first line before it wraps, so the shorter one above is a group of its own
    header = [
        at((37, "“三公”经费")),
        at((37, "公务用车购置及运行维护费")),
        at((2, "合计"), (25, "因公出国"), (77, "会议费"), (88, "培训费")),
        at((15, "小计"), (66, "公务接待费")),
        at((25, "（境）费"), (46, "公务用车购置 公务用车运行")),
        at((36, "小计")),
        at((48, "费"), (54, "维护费")),
    ]
    figures_ = _nine_figures(12, 22, 33, 43, 52, 63, 74, 85, 95)
    assert _three_public_columns(tmp_path, header, figures_) == THREE_PUBLIC_COLUMNS


def test_the_short_rest_of_a_label_without_figures_ends_that_label(tmp_path: Path) -> None:
    income = [
        at((20, "收入预算总表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((8, "项目名称"), (28, "金额")),
        at((0, "一、财政拨款"), (50, "150.00", "r")),
        at((0, "二、财政专户管理")),
        at((0, "资金")),
        at((0, "三、其他资金"), (50, "50.00", "r")),
        at((6, "收入总计"), (50, "200.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, income)
    assert [row.label for row in table.rows] == [
        "一、财政拨款",
        "二、财政专户管理资金",
        "三、其他资金",
        "收入总计",
    ]


def test_a_wrapped_labels_rest_starting_where_it_starts_among_other_labels(tmp_path: Path) -> None:
    # '因公出国' / '（境）费': the rest of a wrapped label on a line with other labels, starting where the
    # label starts, is no column of its own ('因公出国' heads no group)
    header = [
        at((35, "“三公”经费")),
        at((35, "公务用车购置及运行维护费")),
        at((6, "合计"), (22, "因公出国"), (62, "公务接"), (71, "会议费"), (81, "培训费")),
        at((14, "小计"), (43, "公务用车"), (50, "公务用车运")),
        at((22, "（境）费"), (32, "小计"), (62, "待费")),
        at((43, "购置费"), (51, "行维护费")),
    ]
    figures_ = _nine_figures(10, 19, 29, 40, 47, 59, 68, 77, 88)
    assert _three_public_columns(tmp_path, header, figures_) == THREE_PUBLIC_COLUMNS


def test_a_continuation_printed_wider_fits_its_table_within_the_converters_rounding() -> None:
    from budget_graph.read.text_columns import Layout, continued

    def layout(*edges: tuple[str, int]) -> Layout:
        # text columns by their left edge, figure columns by their right edge
        return Layout(
            [Column(kind, x, x + 8) if kind == "text" else Column(kind, x - 8, x) for kind, x in edges], []
        )

    table = layout(("text", 0), ("amount", 23), ("text", 26), ("amount", 52), ("text", 55), ("amount", 77))
    # a two-sided page printed wider, its second breakdown's labels absorbed into its first: edges within
    # three columns of one stretch of the table's
    page = layout(("text", 0), ("amount", 25), ("text", 29), ("amount", 61), ("amount", 85))
    assert continued(table, page) == [0, 1, 2, 3, 5]


def test_a_label_wrapped_round_a_row_whose_cells_stand_clear_of_it(tmp_path: Path) -> None:
    # the item's name wraps over three lines, its row's other cells printed on the middle one
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (50, "单位：万元")),
        at((0, "采购品目"), (10, "采购物品名称"), (30, "采购组织形式"), (50, "总计")),
        at((0, "合计"), (54, "10.00", "r")),
        at((10, "台式计算机"), (30, "分散自行组织"), (54, "5.50", "r")),
        at((10, "其他办公消耗用品及类似物")),
        at((30, "部门集中采购"), (54, "4.50", "r")),
        at((10, "品")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert _totals(table) == [
        ("合计", 10),
        ("分散自行组织", 5.5),
        ("部门集中采购", 4.5),
    ]


def test_a_continuation_of_rows_left_blank_is_read_on_its_tables_label_columns(tmp_path: Path) -> None:
    income = [
        at((20, "收入预算总表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((8, "项目名称"), (28, "金额")),
        at((16, "收入总计"), (50, "80.00", "r")),
        at((16, "小计"), (50, "80.00", "r")),
        at((2, "其他资金"), (16, "事业收入"), (50, "30.00", "r")),
        at((16, "其他收入"), (50, "50.00", "r")),
    ]
    # no figures on the page, printed shifted; a category's name alone between the rows it spans
    blank_rows = [
        at((30, "债务资金(银行贷款)")),
        at((30, "小计")),
        at((2, "上年结转和结余资金")),
        at((30, "其中：动用上年结转和结余资金")),
    ]
    table = _only_table(tmp_path, COVER, income, blank_rows)
    assert not table.doubts
    assert [row.label for row in table.rows] == [
        "收入总计",
        "其他资金小计",
        "事业收入",
        "其他收入",
        "债务资金(银行贷款)",
        "上年结转和结余资金小计",
        "其中:动用上年结转和结余资金",
    ]


def test_a_header_label_wrapped_character_by_character_is_no_group(tmp_path: Path) -> None:
    by_fund = [
        at((20, "2024年财政拨款支出决算表")),
        at((0, "编制单位：某某局"), (60, "单位：万元")),
        at((30, "一般公共预算"), (46, "政府性基金预")),
        at((4, "项目"), (18, "合计"), (32, "财"), (48, "算")),
        at((30, "政拨款"), (46, "财政拨款")),
        at((0, "一、一般公共服务支出"), (24, "100.00", "r"), (38, "80.00", "r"), (54, "20.00", "r")),
        at((0, "二、教育支出"), (24, "50.00", "r"), (38, "50.00", "r"), (54, "0.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, by_fund)
    assert [column.meaning for column in table.columns] == ["total", "general_budget", "gov_fund"]


def _by_purpose(*body: str) -> list[str]:
    return [
        at((20, "2024年支出决算表")),
        at((0, "编制单位：某某局"), (50, "单位：万元")),
        at((8, "项目"), (28, "合计"), (40, "基本支出")),
        *body,
    ]


def test_figures_printed_over_a_totals_label_are_not_the_wrapped_row_above_it(tmp_path: Path) -> None:
    # the row above is whole once its label's rest is read; the total printed its figures on two lines
    table_text = _by_purpose(
        at((0, "一、一般公共服务支出"), (32, "30.00", "r"), (46, "30.00", "r")),
        at((0, "二、抗疫特别国债安排")),
        at((0, "的支出")),
        at((32, "30.00", "r")),
        at((4, "本年支出合计"), (46, "30.00", "r")),
    )
    table = _only_table(tmp_path, COVER, table_text)
    read = {row.label: {k: c.amount.value for k, c in row.cells.items() if c.amount} for row in table.rows}
    assert read == {
        "一、一般公共服务支出": {"total": 30, "basic": 30},
        "二、抗疫特别国债安排的支出": {},
        "本年支出合计": {"total": 30, "basic": 30},
    }


def test_a_lone_code_caption_character_is_the_rest_of_a_wrapped_label(tmp_path: Path) -> None:
    table_text = _by_purpose(
        at((0, "一、一般公共预算财政拨"), (32, "30.00", "r"), (46, "30.00", "r")),
        at((0, "款")),
    )
    table = _only_table(tmp_path, COVER, table_text)
    assert [row.label for row in table.rows] == ["一、一般公共预算财政拨款"]


def test_a_continuation_opening_with_numbered_rows_left_blank_has_no_header(tmp_path: Path) -> None:
    first = _by_purpose(
        at((0, "一、一般公共服务支出"), (32, "30.00", "r"), (46, "30.00", "r")),
        at((0, "二、外交支出")),
    )
    rest = [
        at((0, "三、国防支出")),
        at((0, "四、公共安全支出")),
        at((0, "五、教育支出"), (32, "20.00", "r"), (46, "20.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, first, rest)
    assert not table.doubts
    assert [row.label for row in table.rows] == [
        "一、一般公共服务支出",
        "二、外交支出",
        "三、国防支出",
        "四、公共安全支出",
        "五、教育支出",
    ]


def test_a_paragraphs_last_line_printed_above_its_first_is_put_back() -> None:
    from budget_graph.read.text_layout import _reading_order

    page = [
        "  三、支出决算情况说明",
        "",
        "603.14万元，占20.51%；",
        "    本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%； 项目支出",
        "",
        "  四、财政拨款收入支出决算总体情况说明",
    ]
    assert _reading_order(page)[2:4] == [3, 2]
    # a paragraph in order, or a short line of its own, stays where it is
    in_order = ["", "    本年支出合计2940.05万元，其中：基本支出2336.91万元；", "项目支出603.14万元。", ""]
    assert _reading_order(in_order) == [0, 1, 2, 3]


def test_a_total_row_on_a_page_of_its_own_goes_on_the_tables_figure_columns_in_order(tmp_path: Path) -> None:
    # its label shorter, its figures printed further left, on the table's spacing
    total = [at((0, "合计"), (16, "1,200", "r"), (31, "900", "r"), (43, "300", "r"))]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, BY_FUNCTION, total), encoding="utf-8")
    table = read_file(path).tables[1]
    assert not table.doubts
    last = table.rows[-1]
    assert last.label == "合计"
    assert {k: c.amount.value for k, c in last.cells.items()} == {
        "general_budget": 1200,
        "basic": 900,
        "project": 300,
    }


def test_the_rest_of_a_label_the_page_break_cut_off_is_no_header(tmp_path: Path) -> None:
    first = _by_purpose(
        at((0, "一、一般公共服务支出"), (32, "30.00", "r"), (46, "30.00", "r")),
        at((0, "二、国土海洋气象等支")),
    )
    # the page holds no basic spending: its own columns are fewer than the table's
    rest = [at((0, "出")), at((0, "三、住房保障支出"), (32, "20.00", "r"))]
    table = _only_table(tmp_path, COVER, first, rest)
    assert not table.doubts
    assert [row.label for row in table.rows] == [
        "一、一般公共服务支出",
        "二、国土海洋气象等支出",
        "三、住房保障支出",
    ]


def test_short_rests_of_two_wrapped_labels_on_one_line(tmp_path: Path) -> None:
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (50, "单位：万元")),
        at((0, "专项名称"), (16, "经济科目"), (32, "采购组织形式"), (50, "总计")),
        at((0, "合计"), (54, "274.00", "r")),
        at((0, "信息网络建设维"), (16, "信息网络及软件购")),
        at((54, "274.00", "r")),
        at((0, "护费"), (16, "置更新")),
        at((32, "部门集中采购"), (54, "274.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert [row.label for row in table.rows] == ["合计", "信息网络及软件购置更新", "部门集中采购"]


def test_a_subtotal_over_pieces_of_its_neighbours_wrapped_labels_heads_its_own_column(tmp_path: Path) -> None:
    header = [
        at((35, "“三公”经费")),
        at((35, "公务用车购置及运行维护费")),
        at((2, "合计"), (23, "因公出"), (69, "会议费"), (79, "培训费")),
        at((61, "公务接")),
        at((14, "小计"), (23, "国（境）"), (42, "公务用车购"), (50, "公务用车运")),
        at((33, "小计"), (62, "待费")),
        at((24, "费"), (43, "置费"), (50, "行维护费")),
    ]
    # nothing bought: the purchase column is blank all down the table
    figures_ = at(
        (11, "100.00", "r"),
        (20, "60.00", "r"),
        (30, "10.00", "r"),
        (39, "40.00", "r"),
        (58, "40.00", "r"),
        (66, "10.00", "r"),
        (75, "30.00", "r"),
        (87, "10.00", "r"),
    )
    assert _three_public_columns(tmp_path, header, figures_) == THREE_PUBLIC_COLUMNS


def test_a_wrapped_labels_rest_starting_where_it_starts_beside_a_label_touching_it(tmp_path: Path) -> None:
    # '公务接' / '待费': its rest starts where it starts, another label ends right where it begins
    header = [
        at((33, "“三公”经费")),
        at((33, "公务用车购置及运行维护费")),
        at((4, "合计"), (23, "因公出国"), (53, "公务接"), (66, "会议费"), (75, "培训费")),
        at((14, "小计")),
        at((23, "（境）费"), (42, "公务用车 公务用车运 待费")),
        at((33, "小计")),
        at((43, "购置费 行维护费")),
    ]
    figures_ = _nine_figures(11, 20, 30, 39, 46, 54, 63, 72, 80)
    assert _three_public_columns(tmp_path, header, figures_) == THREE_PUBLIC_COLUMNS


HEAD = at((30, "某某区某某局2024年部门预算公开"))


@pytest.mark.parametrize("headed", [True, False])
def test_a_running_head_over_the_pages_is_no_row_of_the_table_it_stands_over(
    tmp_path: Path, headed: bool
) -> None:
    """A head printed over every page (pdftotext keeps it as the page's first line) is dropped before the
    table regions are found: over the page a table runs onto it would be that table's first row."""
    pages = [COVER, CONTENTS, DUTIES, SUMMARY, BY_FUNCTION, CONTINUATION]
    path = tmp_path / "filing.txt"
    path.write_text(
        filing_text(*([HEAD, "", *page] for page in pages) if headed else pages), encoding="utf-8"
    )
    filing = read_file(path)
    table = filing.tables[1]
    assert {row.code or row.label for row in table.rows} >= {"205", "20501"} and not table.doubts
    narrative = [paragraph.text for part in filing.parts for paragraph in part.paragraphs]
    assert not [text for text in narrative if "部门预算公开" in text]


def test_a_tables_file_naming_no_unit_joins_the_narrative_beside_it(tmp_path: Path) -> None:
    """No cover, no filer line, no unit in its titles or its file name: it stands under its file name,
    and as the only other file of its year and kind in the folder it is the narrative's tables."""
    unnamed = [
        [line for line in page if "编制部门" not in line] for page in (SUMMARY, BY_FUNCTION, CONTINUATION)
    ]
    (tmp_path / "说明.txt").write_text(filing_text(COVER, CONTENTS, DUTIES), encoding="utf-8")
    (tmp_path / "2024年部门预算表.txt").write_text(filing_text(*unnamed), encoding="utf-8")
    (filing,) = read_paths([str(tmp_path)])
    assert filing.unit == "某某区某某局" and len(filing.tables) == 2 and filing.parts


HEADERS = ((12, "合计"), (33, "基本支出"), (52, "项目支出"), (69, "单位预留机动经费"), (89, "结转下年资金"))


def _one_line_of_figures(figures: tuple, headers: tuple = HEADERS) -> list[str]:
    """A 支出预算总表 of one unlabelled line: five headers over the figures given."""
    return [
        at((30, "2024年部门支出预算总表")),
        at((0, "编制部门：某某区某某局"), (70, "单位：万元")),
        "",
        at(*headers),
        "",
        at(*figures),
    ]


@pytest.mark.parametrize(
    ("figures", "headers", "doubted"),
    [
        # printed right-aligned half a column right of left-aligned headers: is 合计 blank, or 结转?
        (
            ((28, "9,146.79", "r"), (46, "5,916.27", "r"), (66, "3,123.68", "r"), (87, "106.84", "r")),
            HEADERS,
            True,
        ),
        # 合计 at the left edge of its wide cell, its figure at the right edge: a fit twice as bad is close
        (
            ((32, "37,188.34", "r"), (52, "21,968.00", "r"), (70, "10,208.94", "r"), (92, "5,011.40", "r")),
            ((0, "合计"), (35, "基本支出"), (57, "项目支出"), (70, "单位预留机动经费"), (94, "结转下年资金")),
            True,
        ),
        # under their headers: the last is blank, no doubt
        (((11, "9,146.79"), (32, "5,916.27"), (52, "3,123.68"), (72, "106.84")), HEADERS, False),
        # right-aligned and drifting right, but each over its own header's characters, which no other
        # fit gives (one with 合计 blank puts the first figure under no header): no doubt
        (
            ((15, "17,996.68", "r"), (32, "12,323.48", "r"), (48, "5,533.00", "r"), (63, "140.20", "r")),
            ((6, "合计"), (21, "基本支出"), (37, "项目支出"), (51, "单位预留机动经费"), (66, "结转下年资金")),
            False,
        ),
    ],
)
def test_a_header_naming_more_columns_than_the_figures_fill_is_a_guess_when_two_fits_are_close(
    tmp_path: Path, figures: tuple, headers: tuple, doubted: bool
) -> None:
    path = tmp_path / "filing.txt"
    lines = _one_line_of_figures(figures, headers)
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, lines), encoding="utf-8")
    table = next(t for t in read_file(path).tables if t.kind is TableKind.ExpenditureSummary)
    assert bool(table.doubts) is doubted


@pytest.mark.parametrize("shift", [0, 3])
def test_a_rows_figures_moved_a_few_characters_stay_in_their_columns(tmp_path: Path, shift: int) -> None:
    # the converter prints a row's figures further right after a longer label: right edges 3 apart, the
    # figures still over the same characters, never two in one row: one column each
    rows = [
        *BY_FUNCTION[:9],
        at((0, "201"), (16, "一般公共服务支出"), (43, "1,000", "r"), (58, "900", "r"), (70, "100", "r")),
        at((0, "205"), (16, "教育支出"), (43 + shift, "1,000", "r"), (70 + shift, "1,000", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, rows), encoding="utf-8")
    table = read_file(path).tables[1]
    assert [column.meaning for column in table.columns] == ["general_budget", "basic", "project"]
    education = next(row for row in table.rows if row.code == "205")
    assert {k: c.text for k, c in education.cells.items() if c.text} == {
        "general_budget": "1,000",
        "project": "1,000",
    }


FULL_LINE = "本部门" * 13 + "。"  # forty characters: a full line of the text block


@pytest.mark.parametrize(("last_line", "paragraphs"), [("其他情况说明如下。", 2), ("其他情况说明如下，", 1)])
def test_block_paragraphs_end_where_a_sentence_ends_short_of_the_margin(
    tmp_path: Path, last_line: str, paragraphs: int
) -> None:
    # paragraphs set apart without indenting them: a line closing a sentence far short of the margin
    # ends its paragraph, as on the page the text came from (a Chinese character prints two columns)
    duties = [
        at((20, "部门主要职能")),
        "",
        *[FULL_LINE] * 4,
        last_line,
        *[FULL_LINE] * 4,
        "以上。",
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, duties, SUMMARY), encoding="utf-8")
    part = read_file(path).parts[0]
    assert len(part.paragraphs) == paragraphs


@pytest.mark.parametrize(
    ("figure", "doubted"),
    [
        ("1,000", False),
        ("1,0,0", True),
        ("1.0.0", True),
        (".", True),
        ("-.", True),
        (".-", True),
        ("．", True),
        (",", True),
        ("NaN", True),
        ("½", True),
        ("∞", True),  # a sign, no letter nor digit
        ("一百", True),  # Chinese numerals
        ("1\xa0234", True),  # digits grouped by a no-break space: one garbled figure, not two
        ("$12", True),
        ("#VALUE!", True),
        ("12%", True),
        ("(1,234.00)", True),
        ("（123）", True),
        ("12万", True),  # a figure with its unit, no column's figure
    ],
)
def test_a_garbled_figure_that_joins_its_rows_name_puts_the_table_in_doubt(
    tmp_path: Path, figure: str, doubted: bool
) -> None:
    # no number, it is read as words and joins the name before it ('一般公共服务支出1,0,0'): the line's
    # total then seems blank, and no error may rest on that
    rows = [
        *BY_FUNCTION[:9],
        at((0, "201"), (16, "一般公共服务支出"), (43, figure, "r"), (58, "900", "r"), (70, "100", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, rows), encoding="utf-8")
    assert bool(read_file(path).tables[1].doubts) is doubted


@pytest.mark.parametrize("figure", ["1\xa0234", "1\u2009234", "1,200.00.", "12.34."])
def test_a_garbled_figure_that_joins_the_next_name_puts_the_table_in_doubt(
    tmp_path: Path, figure: str
) -> None:
    # digits grouped by a no-break or thin space stand nearer the other side's name and open it
    # ('1234支出总计', the fuzzer's), and so does a figure with a point too many ('12.34.当年支出小计'):
    # the income total then seems blank, and no error may rest on that
    summary = [
        *SUMMARY[:-1],
        at((8, "收入总计"), (38, figure, "r"), (40, "支出总计"), (75, "1,200", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, summary), encoding="utf-8")
    table = read_file(path).tables[0]
    assert [row.label for row in table.rows if row.label.endswith("支出总计")] == [
        figure.replace("\xa0", "").replace("\u2009", "") + "支出总计"
    ]
    assert table.doubts


@pytest.mark.parametrize("figure", ["٣٤٥", "NaN", "1,2,3"])
def test_a_garbled_figure_set_where_the_figure_starts_puts_the_table_in_doubt(
    tmp_path: Path, figure: str
) -> None:
    # the fuzzer's: '2,928.22' replaced in place, its start kept, stands clear of the figures' right edge
    # in a column of its own that no header names; its words were dropped, the line's total read blank
    rows = [
        *BY_FUNCTION[:-1],
        at((0, "201"), (6, "01"), (11, "01"), (16, "行政运行"), (38, figure), (58, "900", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, rows), encoding="utf-8")
    table = read_file(path).tables[1]
    first = next(iter(table.rows[-1].cells.values()))  # the line's total
    assert first.amount is None  # never guessed
    assert table.doubts


def test_digits_after_a_rows_name_are_a_figure_among_its_labels(tmp_path: Path) -> None:
    # the fuzzer's: '25.00' garbled to '1\xa0234' (one figure garbled, not two) in a table of no codes;
    # folded to '1234' it read as the row's code, the name before it dropped and the total read blank
    procurement = [
        *JIANGSU_PROCUREMENT_HEAD,
        at((0, "三、服务C"), (69, "75.00", "r")),
        at((10, "商品和服务支出"), (24, "会议费"), (69, "50.00", "r")),
        at((37, "会议服务"), (49, "分散自行组织"), (69, "50.00", "r")),
        at((24, "培训费"), (69, "1\xa0234", "r")),
        at((37, "会议服务"), (49, "分散自行组织"), (69, "25.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert table.doubts
    assert all(
        row.cells["total"].amount is None for row in table.rows if row.code == "1234" or "培训费" in row.label
    )


def test_a_label_wrapped_round_a_row_whose_label_starts_left_of_it(tmp_path: Path) -> None:
    # '信息网络及软件购' / '信息网络建设费  966.50' / '置更新': the row's own label in the column left of the
    # wrapped one, set clear of it (its printed reach is a guess), and the rest starting under its label
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (50, "单位：万元")),
        at((0, "采购品目"), (10, "专项名称"), (20, "经济科目"), (34, "采购物品名称"), (60, "总计")),
        at((0, "合计"), (64, "1,000.00", "r")),
        at((20, "信息网络及软件购")),
        at((10, "信息网络建设费"), (64, "966.50", "r")),
        at((20, "置更新")),
        at((34, "计算机软件"), (64, "966.50", "r")),
        at((10, "设备购置费"), (20, "办公设备购置"), (64, "33.50", "r")),
        at((34, "其他办公设备"), (64, "33.50", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert _totals(table) == [
        ("合计", 1000),
        ("信息网络及软件购置更新", 966.5),
        ("计算机软件", 966.5),
        ("办公设备购置", 33.5),
        ("其他办公设备", 33.5),
    ]


def test_a_label_joined_from_its_lines_reaches_no_further_than_its_longest(tmp_path: Path) -> None:
    # '网络通讯维护及专' / '用线路租赁费' is 14 characters joined, but set over 8: the label column after it,
    # starting 11 characters on, is a column of its own (its rows never share a row with the items')
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (50, "单位：万元")),
        at((0, "专项名称"), (11, "经济科目"), (25, "采购物品名称"), (40, "采购组织形式"), (60, "总计")),
        at((0, "合计"), (64, "1,000.00", "r")),
        at((0, "网络通讯维护及专")),
        at((11, "维修（护）费"), (64, "600.00", "r")),
        at((0, "用线路租赁费")),
        at((25, "运行维护服务"), (40, "部门集中采购"), (64, "600.00", "r")),
        at((0, "交通运行费"), (11, "租赁费"), (64, "400.00", "r")),
        at((25, "房屋租赁服务"), (40, "部门集中采购"), (64, "400.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert _totals(table) == [
        ("合计", 1000),
        ("维修(护)费", 600),
        ("部门集中采购", 600),
        ("租赁费", 400),
        ("部门集中采购", 400),
    ]


def _procurement_first_page(total: str) -> list[str]:
    """A procurement table's first page: title, filer, header, its total and one class with one item."""
    return [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((0, "经济科目"), (20, "采购物品名称"), (42, "总计")),
        at((0, "合计"), (46, total, "r")),
        at((0, "办公费"), (46, "100.00", "r")),
        at((20, "其他办公设备"), (46, "100.00", "r")),
    ]


def test_a_column_of_items_under_the_rows_before_is_no_total_centred_across_them(tmp_path: Path) -> None:
    # a continuation printed narrower, without its header: each item on a row of its own under its
    # economic class, starting inside the printed width of a long class name
    procurement = _procurement_first_page("230.00")
    narrower = [
        at((4, "公务用车运行维护费"), (40, "110.00", "r")),
        at((20, "车辆维修和保养服务"), (40, "110.00", "r")),
        at((4, "会议费"), (40, "20.00", "r")),
        at((20, "会议服务"), (40, "20.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement, narrower)
    assert not table.doubts
    assert _totals(table)[3:] == [
        ("公务用车运行维护费", 110),
        ("车辆维修和保养服务", 110),
        ("会议费", 20),
        ("会议服务", 20),
    ]


def test_rows_left_blank_round_a_subtotal_in_their_column_are_no_wrapped_label(tmp_path: Path) -> None:
    # three labels starting within two columns of each other are three rows of one column, however
    # short the middle one is as the converter set it
    income = [
        at((20, "收入预算总表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((8, "项目名称"), (52, "金额")),
        at((2, "一般公共预算资金"), (20, "公共财政拨款"), (56, "10.00", "r")),
        at((2, "财政专户管理资金"), (20, "其他非税收入")),
        at((18, "小计"), (56, "80.00", "r")),
        at((2, "其他资金"), (19, "事业收入")),
        at((20, "其他收入"), (56, "80.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, income)
    labels = ["公共财政拨款", "其他非税收入", "其他资金小计", "事业收入", "其他收入"]
    assert [row.label for row in table.rows] == labels


def test_a_continuation_opening_with_a_label_wrapped_round_its_first_row_has_no_header(
    tmp_path: Path,
) -> None:
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((0, "经济科目"), (20, "采购物品名称"), (36, "采购组织形式"), (56, "总计")),
        at((0, "合计"), (60, "117.00", "r")),
        at((0, "办公设备购置"), (60, "100.00", "r")),
        at((20, "复印机"), (36, "分散自行组织"), (60, "88.00", "r")),
    ]
    # the page break fell inside an item: its name wraps round the row's other cells
    continued = [
        at((20, "台式计算机（20 万以")),
        at((36, "分散自行组织"), (60, "12.00", "r")),
        at((20, "下）")),
        at((0, "办公费"), (60, "17.00", "r")),
        at((20, "其他办公设备"), (36, "分散自行组织"), (60, "17.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement, continued)
    assert not table.doubts
    assert _totals(table)[3:] == [
        ("分散自行组织", 12),
        ("办公费", 17),
        ("分散自行组织", 17),
    ]


def test_a_sparse_columns_drifting_edges_under_one_caption_are_one_column(tmp_path: Path) -> None:
    # two names in each class column, set a few characters apart: each caption stands over its own
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (50, "单位：万元")),
        at(
            (2, "采购品目大类"),
            (19, "专项名称"),
            (35, "经济科目"),
            (46, "采购物品名称"),
            (62, "采购组织形式"),
            (80, "总计"),
        ),
        at((0, "合计"), (85, "30.00", "r")),
        at((0, "一、货物A"), (85, "30.00", "r")),
        at((15, "办公设备购置费"), (33, "办公设备购置"), (85, "20.00", "r")),
        at((46, "台式计算机"), (62, "政府集中采购"), (85, "12.00", "r")),
        at((46, "复印机"), (62, "政府集中采购"), (85, "8.00", "r")),
        at((20, "机要及电子政务业务费"), (37, "办公设备购置"), (85, "10.00", "r")),
        at((46, "路由器"), (62, "政府集中采购"), (85, "6.00", "r")),
        at((46, "交换设备"), (62, "政府集中采购"), (85, "4.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert not table.doubts
    assert [row.label for row in table.rows][2:4] == ["办公设备购置", "政府集中采购"]
    assert [row.label for row in table.rows][5] == "办公设备购置"


def test_a_continuation_of_a_table_with_one_figure_column_fits_in_its_only_order(tmp_path: Path) -> None:
    # the converter set the second page's labels far off their columns (no one stretch fits), but its
    # columns are the table's one by one, and its figures can land in no other column; the third page,
    # without categories, then fits the table's columns
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((0, "采购品目大类"), (20, "经济科目"), (36, "采购物品名称"), (56, "总计")),
        at((0, "合计"), (60, "100.00", "r")),
        at((0, "一、货物A"), (60, "50.00", "r")),
        at((20, "办公费"), (60, "40.00", "r")),
        at((36, "复印机"), (60, "30.00", "r")),
        at((36, "家具用具"), (60, "10.00", "r")),
    ]
    distorted = [
        at((6, "印刷费"), (50, "10.00", "r")),
        at((30, "复印纸"), (50, "10.00", "r")),
        at((0, "三、服务C"), (50, "50.00", "r")),
        at((6, "会议费"), (50, "30.00", "r")),
        at((30, "会议服务"), (50, "30.00", "r")),
    ]
    fitting = [
        at((16, "培训费"), (55, "20.00", "r")),
        at((32, "培训服务"), (55, "20.00", "r")),
        at((16, "租赁费"), (55, "5.00", "r")),
        at((32, "租赁服务"), (55, "5.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement, distorted, fitting)
    assert not table.doubts
    assert _totals(table)[10:] == [
        ("培训费", 20),
        ("培训服务", 20),
        ("租赁费", 5),
        ("租赁服务", 5),
    ]


def test_a_continuation_fits_where_most_of_a_columns_cells_line_up(tmp_path: Path) -> None:
    # (Jiangsu's 2018 procurement table, as pdftotext lays it out) the converter set one 采购组织形式
    # cell two places left of the others, under an item's name wrapped, and the next page's columns
    # one to two places off the first's: they fit as printed by where most of each column's cells line
    # up. By the leftmost cell the page's 专项 names went on the 采购品目大类 in a stretched fit, and a
    # wrapped one joined the 经济科目 beside it into one label ('文印、机要及办公自动化经费印刷费')
    procurement = [
        *JIANGSU_PROCUREMENT_HEAD,
        at((10, "机要及电子政务业务费 办公设备购置"), (69, "30.00", "r")),
        at((34, "家具用具"), (49, "分散自行组织"), (69, "4.00", "r")),
        at((34, "复印纸"), (49, "分散自行组织"), (69, "6.00", "r")),
        at((47, "分散自行组织"), (69, "19.64", "r")),
    ]
    continued = [
        at((36, "会议服务"), (51, "分散自行组织"), (66, "25.00", "r")),
        at((9, "文印、机要及办公自动")),
        at((20, "印刷费"), (66, "152.00", "r")),
        at((9, "化经费")),
        at((36, "印刷服务"), (51, "政府集中采购"), (66, "152.00", "r")),
        at((9, "行政运转保障经费"), (22, "物业管理费"), (66, "210.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement, continued)
    assert not table.doubts
    assert _totals(table)[-4:] == [
        ("分散自行组织", 25),  # a row's label: its last label cell
        ("印刷费", 152),
        ("政府集中采购", 152),
        ("物业管理费", 210),
    ]


def test_cells_set_in_their_middle_show_by_a_cell_clear_of_its_rows_words_where_the_converter_set_them(
    tmp_path: Path,
) -> None:
    # (Jiangsu's 2019 procurement table) '打印设备（20 万以' / '上）' straddle their row's figures, the
    # first line ending before '部门集中采购' in the converter's columns, though its eleven characters
    # would reach past it at two columns each; so the table's cells are set in their middle, and a
    # project's name of five lines with blank lines between goes with the row they stand round
    procurement = [
        *JIANGSU_PROCUREMENT_HEAD,
        "",
        at((32, "打印设备（20 万以")),
        at((45, "部门集中采购"), (66, "5.00", "r")),
        at((32, "上）")),
        "",
        at((10, "网络、电子检")),
        "",
        at((10, "务、实验室、机")),
        at((20, "信息网络及软件购置")),
        at((10, "要通道、档案数"), (66, "100.00", "r")),
        at((20, "更新")),
        at((10, "字化系统运行")),
        "",
        at((10, "维护费")),
        "",
        at((32, "路由器"), (45, "部门集中采购"), (66, "100.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert _totals(table) == [
        ("部门集中采购", 5),
        ("信息网络及软件购置更新", 100),
        ("部门集中采购", 100),
    ]


def test_a_total_across_both_breakdowns_printing_words_for_its_figure_puts_its_table_in_doubt(
    tmp_path: Path,
) -> None:
    # Jiangsu's 收支预算总表 breaks spending down by function and by purpose, and a total's figure stands
    # in the purpose part. Garbled there ('+5', the fuzzer's; pdftotext's lines cut down to what shows
    # it), it was read on the purpose part's side as a word, joined to that part's last line far above
    # as its rest, and the total read blank in no doubt: an error rested on it
    summary = [
        "                                                  收支预算总表",
        "                                                 功能科目名称             金额"
        "                    项目名称           金额",
        " 2.政府性基金预算                              三、国防支出                                       "
        "三、单位预留机动经费                2,938.21",
        "                                        十八、住房保障支出                         3,894.09",
        "",
        "         当年收入小计             27,664.22                            当年支出小计"
        "                                       +5",
        "         上年结转资金                                                  结转下年资金",
        "",
        "          收入合计              27,664.22                             支出合计"
        "                                        27,664.22",
    ]
    table = _only_table(tmp_path, COVER, summary)
    assert [d.message for d in table.doubts if "当年支出小计 +5" in d.message]
    subtotal = next(row for row in table.rows if row.label == "当年支出小计")
    assert all(cell.amount is None for cell in subtotal.cells.values())  # never guessed


def test_a_cell_merged_over_two_rows_set_between_them_leaves_each_rows_cells_round_its_figures(
    tmp_path: Path,
) -> None:
    # (Jiangsu's 2018 procurement table) '物业管理服务' is one cell over two rows, each set in its middle:
    # the converter prints its two lines between the rows, beside the first row's rest ('购') and the
    # second row's first line ('分散自行组'). The first row's cells still mirror round its figures: the
    # line under them holds the rest of each cell over them, and more
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (50, "单位：万元")),
        at(
            (0, "采购品目"),
            (10, "专项名称"),
            (20, "经济科目"),
            (34, "采购物品名称"),
            (48, "采购组织形式"),
            (60, "总计"),
        ),
        at((0, "合计"), (64, "386.00", "r")),
        "",
        at((10, "租赁费"), (64, "16.00", "r")),
        "",
        at((34, "租赁服务（不"), (48, "分散自行组")),
        at((64, "16.00", "r")),
        at((34, "带操作员）"), (48, "织")),
        "",
        at((10, "物业管理费"), (64, "370.00", "r")),
        "",
        at((48, "部门集中采")),
        at((64, "330.00", "r")),
        at((34, "物业管理服"), (48, "购")),
        at((34, "务"), (48, "分散自行组")),
        at((64, "40.00", "r")),
        at((48, "织")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert _totals(table) == [
        ("合计", 386),
        ("租赁费", 16),
        ("分散自行组织", 16),
        ("物业管理费", 370),
        ("部门集中采购", 330),
        ("分散自行组织", 40),
    ]


def test_a_continuation_printed_as_the_page_before_it_fits_through_that_pages_columns(
    tmp_path: Path,
) -> None:
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        at((0, "品目大类"), (20, "经济科目"), (36, "采购物品名称"), (52, "采购组织形式"), (68, "总计")),
        at((0, "合计"), (72, "100.00", "r")),
        at((0, "一、货物A"), (72, "50.00", "r")),
        at((20, "办公费"), (72, "40.00", "r")),
        at((36, "复印机"), (52, "分散自行组织"), (72, "30.00", "r")),
        at((36, "家具用具"), (52, "分散自行组织"), (72, "10.00", "r")),
    ]
    # both continuation pages set their labels far off the table's columns (no one stretch fits); the
    # second holds no category, so only the first goes on the table's columns in one order
    distorted = [
        at((6, "印刷费"), (62, "10.00", "r")),
        at((30, "复印纸"), (44, "分散自行组织"), (62, "10.00", "r")),
        at((0, "三、服务C"), (62, "50.00", "r")),
        at((6, "会议费"), (62, "30.00", "r")),
        at((30, "会议服务"), (44, "分散自行组织"), (62, "30.00", "r")),
    ]
    alike = [
        at((6, "培训费"), (62, "20.00", "r")),
        at((30, "培训服务"), (44, "分散自行组织"), (62, "20.00", "r")),
        at((6, "租赁费"), (62, "5.00", "r")),
        at((30, "租赁服务"), (44, "分散自行组织"), (62, "5.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement, distorted, alike)
    assert not table.doubts
    assert _totals(table)[10:] == [
        ("培训费", 20),
        ("分散自行组织", 20),
        ("租赁费", 5),
        ("分散自行组织", 5),
    ]


def test_a_label_caption_clear_of_the_words_beside_another_heads_a_blank_column(tmp_path: Path) -> None:
    # the table's second page prints its title and header again, and holds no category: '采购品目大类'
    # heads a column left blank there, not the class column beside it
    header = at((1, "采购品目大类"), (16, "专项名称"), (28, "经济科目"), (44, "总计"))
    first = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        header,
        at((0, "合计"), (48, "100.00", "r")),
        at((0, "一、货物A"), (48, "100.00", "r")),
        at((14, "办公设备购置费"), (26, "办公设备购置"), (48, "60.00", "r")),
    ]
    again = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (40, "单位：万元")),
        header,
        at((14, "会议费"), (26, "会议服务"), (48, "30.00", "r")),
        at((14, "培训费"), (26, "培训服务"), (48, "10.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, first, again)
    assert not table.doubts
    assert _totals(table)[3:] == [
        ("会议服务", 30),
        ("培训服务", 10),
    ]


def test_a_header_line_ending_in_a_totals_label_is_no_row(tmp_path: Path) -> None:
    # '专项名称  经济科目  总计' is the header's middle line, between the first lines and the rests of
    # wrapped labels
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (50, "单位：万元")),
        at((0, "采购品目大"), (41, "采购物品"), (51, "采购组织")),
        at((18, "专项名称"), (32, "经济科目"), (62, "总计")),
        at((6, "类"), (43, "名称"), (55, "形式")),
        at((6, "合计"), (66, "60.00", "r")),
        at((0, "一、货物A"), (66, "60.00", "r")),
        at((13, "办公设备购置费"), (30, "办公设备购置"), (66, "60.00", "r")),
        at((41, "复印机"), (51, "分散自行组织"), (66, "20.00", "r")),
        at((41, "交换设备"), (51, "部门集中采购"), (66, "40.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert not table.doubts
    assert [column.meaning for column in table.columns] == ["total"]
    assert [row.label for row in table.rows] == [
        "合计",
        "货物",
        "办公设备购置",
        "分散自行组织",
        "部门集中采购",
    ]


def test_items_under_the_one_class_opening_a_page_are_no_totals_centred_across_it(tmp_path: Path) -> None:
    procurement = _procurement_first_page("210.00")
    # a continuation printed narrower: one class on it, its items on the rows after it
    narrower = [
        at((4, "公务用车运行维护费"), (40, "110.00", "r")),
        at((20, "车辆维修和保养服务"), (40, "60.00", "r")),
        at((20, "车辆加油服务"), (40, "50.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement, narrower)
    assert not table.doubts
    assert _totals(table)[3:] == [
        ("公务用车运行维护费", 110),
        ("车辆维修和保养服务", 60),
        ("车辆加油服务", 50),
    ]


def test_code_captions_squeezed_together_go_on_the_code_columns_in_order(tmp_path: Path) -> None:
    # '类 款 项' printed closer than the codes under them, under a caption wrapped over two lines
    by_function = [
        at((30, "一般公共预算财政拨款支出决算表")),
        at((60, "单位：万元")),
        at((16, "项目")),
        at((2, "支出功能分类"), (36, "合计"), (48, "基本支出"), (60, "项目支出")),
        at((21, "科目名称")),
        at((3, "科目编码")),
        at((1, "类"), (5, "款"), (8, "项")),
        at((16, "合计"), (40, "1,000.00", "r"), (54, "900.00", "r"), (66, "100.00", "r")),
        at(
            (0, "201"),
            (16, "一般公共服务支出"),
            (40, "1,000.00", "r"),
            (54, "900.00", "r"),
            (66, "100.00", "r"),
        ),
        at(
            (0, "201"),
            (6, "06"),
            (16, "财政事务"),
            (40, "1,000.00", "r"),
            (54, "900.00", "r"),
            (66, "100.00", "r"),
        ),
        at((0, "201"), (6, "06"), (11, "01"), (16, "行政运行"), (40, "900.00", "r"), (54, "900.00", "r")),
        at((0, "201"), (6, "06"), (11, "07"), (16, "信息化建设"), (40, "100.00", "r"), (66, "100.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, by_function)
    assert not table.doubts
    assert [(row.code, row.label) for row in table.rows][1:] == [
        ("201", "一般公共服务支出"),
        ("20106", "财政事务"),
        ("2010601", "行政运行"),
        ("2010607", "信息化建设"),
    ]


DECIDED_HEADER = [
    at((30, "支出决算表")),
    at((70, "单位：万元")),
    at((16, "项目"), (32, "本年支出合"), (54, "项目支"), (63, "上缴上级支"), (77, "对附属单位")),
    # a label on one line prints at its cell's middle, beside the first lines of wrapped labels
    at((3, "支出功能分类"), (43, "基本支出"), (79, "补")),
    at((23, "科目名称"), (34, "计"), (55, "出"), (65, "出"), (78, "助支出")),
]


def test_a_label_at_its_cells_middle_is_no_group_over_the_rests_beside_it(tmp_path: Path) -> None:
    rows = [
        at((16, "合计"), (41, "1,000.00", "r"), (51, "900.00", "r"), (60, "100.00", "r")),
        at((16, "一般公共服务支出"), (41, "1,000.00", "r"), (51, "900.00", "r"), (60, "100.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, DECIDED_HEADER + rows)
    assert not table.doubts
    meanings = ["total", "basic", "project", "remit_to_superior", "subsidy_to_affiliates"]
    assert [column.meaning for column in table.columns] == meanings


def test_a_totals_figures_printed_over_two_lines_above_its_label_are_one_row(tmp_path: Path) -> None:
    rows = [
        at((51, "900.00", "r"), (60, "100.00", "r")),
        at((41, "1,000.00", "r")),
        at((24, "合计")),
        at((16, "一般公共服务支出"), (41, "1,000.00", "r"), (51, "900.00", "r"), (60, "100.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, DECIDED_HEADER + rows)
    total = table.rows[0]
    assert total.label == "合计"
    assert {k: c.amount.value for k, c in total.cells.items() if c.amount} == {
        "total": 1000,
        "basic": 900,
        "project": 100,
    }


def test_the_rests_of_two_labels_wrapped_round_their_figures_line(tmp_path: Path) -> None:
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (50, "单位：万元")),
        at((0, "采购品目"), (9, "专项名称"), (21, "经济科目"), (35, "采购物品名称"), (52, "总计")),
        at((0, "合计"), (56, "700.00", "r")),
        at((9, "信息网络建设维护"), (21, "信息网络及软件")),
        at((56, "676.00", "r")),
        at((9, "费"), (21, "购置更新")),
        at((35, "计算机软件"), (56, "676.00", "r")),
        # the rest under one label of two is a row of its own (figures printed below their labels)
        at((9, "设备购置费"), (21, "办公设备购置")),
        at((56, "24.00", "r")),
        at((21, "其他设备")),
    ]
    table = _only_table(tmp_path, COVER, procurement)
    assert [row.label for row in table.rows] == [
        "合计",
        "信息网络及软件购置更新",
        "计算机软件",
        "办公设备购置",
        "其他设备",
    ]


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"])
def test_an_invisible_character_inside_a_figure_is_dropped(tmp_path: Path, mark: str) -> None:
    # pasted from a web page or an editor: '1,0\u200b00' shows as 1,000, and read as words it left the
    # line's total blank under a name '一般公共服务支出1,0\u200b00' (a false BG-R002)
    rows = [
        *BY_FUNCTION[:9],
        at(
            (0, "201"),
            (16, "一般公共服务支出"),
            (43, f"1,0{mark}00", "r"),
            (58, "900", "r"),
            (70, "100", "r"),
        ),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, rows), encoding="utf-8")
    table = read_file(path).tables[1]
    [row] = [row for row in table.rows if row.code == "201"]
    assert row.label == "一般公共服务支出" and row.cells["general_budget"].text == "1,000"
    assert not table.doubts


@pytest.mark.parametrize("head", [6, 4], ids=["title-unit-and-header", "title-unit-and-header-first-line"])
def test_a_tables_head_left_at_a_pages_foot_goes_on_over_its_rows(tmp_path: Path, head: int) -> None:
    # the page breaks under the table's head (title, unit line, the header or its first line): its rows,
    # and the rest of the header, are all on the next page
    foot = [*SUMMARY, "", "", *BY_FUNCTION[:head], "", at((30, "- 4 -"))]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, foot, BY_FUNCTION[head:]), encoding="utf-8")
    whole = tmp_path / "whole.txt"
    whole.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, BY_FUNCTION), encoding="utf-8")
    read, printed = read_file(path), read_file(whole)
    assert [t.title for t in read.tables] == [t.title for t in printed.tables]
    assert reading(read.tables[1]) == reading(printed.tables[1]) and not read.tables[1].doubts


# --- a continuation page of one row: little for the alignment to go by ----------------------------------
_BY_FUNCTION_HEAD = [
    at((20, "2024年部门一般公共预算支出预算表")),
    at((40, "单位：万元")),
    at((8, "功能科目代码"), (25, "功能科目名称"), (45, "金额")),
]


def test_a_code_run_on_to_its_name_on_a_page_of_one_row_is_the_code(tmp_path: Path) -> None:
    # alone under the header printed again, the row's code and name were one cell, read as a unit's row
    first = [
        *_BY_FUNCTION_HEAD,
        at((29, "合计"), (52, "1,350.00", "r")),
        at((0, "221"), (17, "住房保障支出"), (52, "1,350.00", "r")),
        at((0, "22102"), (17, "住房改革支出"), (52, "1,350.00", "r")),
        at((0, "2210201"), (17, "住房公积金"), (52, "1,000.00", "r")),
    ]
    second = [*_BY_FUNCTION_HEAD, at((0, "2210202提租补贴"), (52, "350.00", "r"))]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, first, second), encoding="utf-8")
    (table,) = read_file(path).tables
    assert (table.rows[-1].code, table.rows[-1].label, table.rows[-1].role) == (
        "2210202",
        "提租补贴",
        RowRole.ITEM,
    )
    findings = check_filing(read_file(path)).findings
    assert not [f for f in findings if f.rule.startswith("BG-R")]  # 22102 is its two lines' sum


def test_a_procurement_code_run_on_to_its_item_is_the_code(tmp_path: Path) -> None:
    # printed without rules, a catalogue code set close to its item's name read as one label with it
    # ('B07000000装修工程'): its category's total was then missing, a false BG-N004 against the narrative
    page = [
        at((20, "2024年政府采购项目支出表")),
        at((40, "单位：万元")),
        at((0, "品目编码"), (12, "采购品目"), (40, "金额")),
        at((12, "合计"), (44, "226.38", "r")),
        at((0, "B工程"), (44, "26.38", "r")),
        at((0, "B07000000装修工程"), (44, "26.38", "r")),
        at((0, "C服务"), (44, "200.00", "r")),
        at((0, "C16000000信息技术服务"), (44, "200.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, page)
    assert [(row.code, row.label) for row in table.rows[1:]] == [
        ("B", "工程"),
        ("B07000000", "装修工程"),
        ("C", "服务"),
        ("C16000000", "信息技术服务"),
    ]


def test_two_sides_labels_read_as_one_put_the_table_in_doubt(tmp_path: Path) -> None:
    # a two-sided table's one row on its page: the expenditure side's label ran on to the income side's
    summary = [
        at((25, "2024年部门财政拨款收支预算总表")),
        at((70, "单位：万元")),
        at((16, "收入"), (56, "支出")),
        at((11, "项目"), (27, "预算数"), (52, "项目"), (66, "预算数")),
        at((0, "一、一般公共预算一、基本支出"), (38, "1,200", "r"), (75, "1,000", "r")),
    ]
    table = _only_table(tmp_path, COVER, summary)
    assert any("两栏的名称连在一起" in doubt.message for doubt in table.doubts)
    # an item's number at a label's start, or after another's ('二十一、'), is no second label
    from budget_graph.read.pdf_doubts import _SECOND_ITEM

    assert not any(map(_SECOND_ITEM.search, ["一、一般公共预算", "二十一、其他支出", "（一）基本支出"]))


def test_a_blank_column_guessed_puts_the_sums_down_the_columns_in_doubt_too(tmp_path: Path) -> None:
    # which column is blank was guessed: the page's figures may stand one column off, so a column's sum
    # (a roll-up over lines on two pages guessed apart) rests on the guess as much as a row's
    figures = ((28, "9,146.79", "r"), (46, "5,916.27", "r"), (66, "3,123.68", "r"), (87, "106.84", "r"))
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, _one_line_of_figures(figures)), encoding="utf-8")
    table = next(t for t in read_file(path).tables if t.kind is TableKind.ExpenditureSummary)
    assert table.doubts and not any(doubt.columns_only for doubt in table.doubts)


def test_a_page_of_one_sides_rows_alone_set_flush_left_is_not_put_on_the_other_side(tmp_path: Path) -> None:
    # pdftotext sets each page flush with its leftmost word: the expenditure side's rows alone print
    # where the income side's would. They fit either side, so the page is not guessed onto one.
    first = [
        *SUMMARY[:6],  # its title, filer line and header
        at((0, "一、财政拨款收入"), (38, "1,200", "r"), (40, "一、一般公共服务支出"), (75, "1,000", "r")),
        at((0, "二、事业收入"), (40, "二、教育支出"), (75, "100", "r")),
        at((40, "三、科学技术支出")),
    ]
    right_side = [at((0, "四、卫生健康支出"), (35, "100", "r")), at((0, "五、住房保障支出"))]
    totals = [at((8, "收入总计"), (38, "1,200", "r"), (48, "支出总计"), (75, "1,200", "r"))]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, first, right_side, totals), encoding="utf-8")
    filing = read_file(path)
    (table,) = filing.tables
    assert not [row for row in table.rows if row.side == "income" and "支出" in row.label]
    assert table.doubts
    assert not [
        f for f in check_filing(filing).findings if f.rule == "BG-R008" and f.severity.value == "error"
    ]


def _indented_row(code: str, name: str, indent: int, *amounts: str) -> str:
    return at(
        (0, code),
        (14 + indent, name),
        *((x, a, "r") for x, a in zip((40, 56, 68), amounts, strict=False) if a),
    )


@pytest.mark.parametrize("header_again", [False, True])
def test_a_continuation_whose_indented_names_make_a_column_of_their_own_goes_on_the_names(
    tmp_path: Path, header_again: bool
) -> None:
    head = [
        at((20, "2024年部门一般公共预算支出预算表")),
        at((60, "单位：万元")),
        at((0, "科目编码"), (14, "科目名称"), (36, "合计"), (48, "基本支出"), (60, "项目支出")),
    ]
    first = [
        *head,
        _indented_row("221", "住房保障支出", 0, "3,000.00", "1,000.00", "2,000.00"),
        _indented_row("22102", "住房改革支出", 0, "3,000.00", "1,000.00", "2,000.00"),
    ]
    rows = [
        _indented_row("2210201", "住房公积金", 8, "1,000.00", "1,000.00"),
        _indented_row("2210202", "提租补贴", 8, "1,000.00", "1,000.00"),
        _indented_row("22103", "保障性住房", 0, "1,000.00", "", "1,000.00"),
        _indented_row("2210301", "公租房", 8, "1,000.00", "", "1,000.00"),
        _indented_row("2210302", "廉租房", 8, "1,000.00", "", "1,000.00"),
        _indented_row("22104", "其他支出", 0, "1,000.00", "", "1,000.00"),
    ]
    table = _only_table(tmp_path, COVER, first, [*head, *rows] if header_again else rows)
    assert not table.doubts
    assert [(r.code, r.label) for r in table.rows][-2:] == [("2210302", "廉租房"), ("22104", "其他支出")]
    assert table.rows[-1].cells["project"].amount.value == 1000


def test_code_captions_over_a_row_printing_its_class_code_alone_head_blank_columns() -> None:
    # a first page holding '221 住房保障支出' alone under '类 款 项': its 款 and 项 columns are blank there,
    # not one column captioned '类款项'; the next page's 款 and 项 codes go in them
    header = [
        at((8, "科目编码")),
        at((22, "科目名称"), (40, "合计"), (50, "基本支出"), (62, "项目支出")),
        at((0, "类"), (6, "款"), (11, "项")),
    ]
    body = [
        at(
            (0, "221"),
            (22, "住房保障支出"),
            (44, "3,000.00", "r"),
            (58, "1,000.00", "r"),
            (70, "2,000.00", "r"),
        )
    ]
    layout = columns([chunks(line) for line in header], [chunks(line) for line in body])
    assert [(c.kind, c.x0) for c in layout.columns][:4] == [
        ("text", 0),
        ("text", 6),
        ("text", 11),
        ("text", 22),
    ]
    assert [cell.text for cell in layout.header if cell.line == 2][:3] == ["类", "款", "项"]


@pytest.mark.parametrize("header_again", [False, True])
def test_a_first_page_of_the_total_alone_keeps_blank_columns_under_class_section_and_item(
    tmp_path: Path, header_again: bool
) -> None:
    # the page breaks after the total row: no code on the first page, so no column under '类 款 项'
    # for the next page's codes but the blank ones their captions head
    head, rows = BY_FUNCTION[:8], BY_FUNCTION[8:]
    path, whole = tmp_path / "cut.txt", tmp_path / "whole.txt"
    rest = [*head[3:], *rows[1:]] if header_again else rows[1:]
    path.write_text(filing_text(COVER, [*head, rows[0]], rest), encoding="utf-8")
    whole.write_text(filing_text(COVER, BY_FUNCTION), encoding="utf-8")
    (read,), (printed,) = read_file(path).tables, read_file(whole).tables
    assert not read.doubts and reading(read) == reading(printed)


def test_a_continuations_code_columns_are_never_joined_to_the_names_as_if_indented(tmp_path: Path) -> None:
    # one label column on the first page (its total alone; one caption over the codes, no '类 款 项');
    # the next page prints its codes split over columns before the names: they are no indented names,
    # so the page is not read rather than read with each code run on to its name
    head = [line for index, line in enumerate(BY_FUNCTION[:8]) if index != 6]
    rows = BY_FUNCTION[8:]
    table = _only_table(tmp_path, COVER, [*head, rows[0]], rows[1:])
    assert not any(row.label[:1].isdigit() for row in table.rows) and table.doubts


@pytest.mark.parametrize("space", ["\xa0", "\u2009"])
def test_digits_grouped_by_a_no_break_space_are_one_garbled_figure(tmp_path: Path, space: str) -> None:
    # '1 500' in the only figure column: two figures would put '1' under 金额 and '500' in a column of
    # its own, and the 类 would be short of its 款 in a table in no doubt
    rows = [
        at((20, "2024年部门一般公共预算基本支出部门预算经济分类预算表")),
        at((0, "编制部门：某某区某某局"), (60, "单位：元")),
        "",
        at((0, "经济分类科目编码"), (18, "经济分类科目名称"), (44, "金额")),
        "",
        at((16, "合计"), (48, "1,500", "r")),
        at((0, "301"), (16, "工资福利支出"), (48, f"1{space}500", "r")),
        at((0, "30101"), (16, "基本工资"), (48, "1,000", "r")),
        at((0, "30102"), (16, "津贴补贴"), (48, "500", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, rows), encoding="utf-8")
    filing = read_file(path)
    assert filing.tables[1].doubts
    errors = [f.rule for f in check_filing(filing).findings if f.severity.value == "error"]
    assert not [rule for rule in errors if rule.startswith("BG-R")]  # the sums rest on no guessed figure


def _final_accounts_page(*body: str) -> list[str]:
    """A 决算 table as pdfplumber's layout text prints it: its code captions ('类  款  项') under the
    header, each row's cells on two lines by their heights on the page."""
    return [
        at((20, "一般公共预算财政拨款支出决算表")),
        at((60, "单位：万元")),
        at((2, "科目编码"), (18, "科目名称"), (40, "合计"), (50, "基本支出"), (60, "项目支出")),
        at((0, "类"), (5, "款"), (10, "项")),
        *body,
    ]


def _read_rows(tmp_path: Path, page: list[str]) -> dict[str, tuple[str, dict[str, int]]]:
    table = _only_table(tmp_path, COVER, CONTENTS, DUTIES, page)
    assert not table.doubts
    return {
        row.code or row.label: (row.label, {m: c.amount.value for m, c in row.cells.items() if c.amount})
        for row in table.rows
    }


def test_a_label_under_the_code_captions_is_the_first_rows(tmp_path: Path) -> None:
    # each label on a line of its own above its code and figures: the first is no header's line
    rows = _read_rows(
        tmp_path,
        _final_accounts_page(
            at((18, "一般公共服务支出")),
            at((0, "201"), (43, "100.00", "r"), (53, "60.00", "r"), (63, "40.00", "r")),
            at((18, "行政运行")),
            at((0, "201"), (5, "01"), (10, "01"), (43, "60.00", "r"), (53, "60.00", "r")),
            at((18, "一般行政管理事务")),
            at((0, "201"), (5, "01"), (10, "02"), (43, "40.00", "r"), (63, "40.00", "r")),
        ),
    )
    assert {code: label for code, (label, _) in rows.items()} == {
        "201": "一般公共服务支出",
        "2010101": "行政运行",
        "2010102": "一般行政管理事务",
    }


def test_a_rows_cells_set_on_two_lines_are_one_row(tmp_path: Path) -> None:
    # the label with some figures a little higher, the code and the other figures on the next line
    rows = _read_rows(
        tmp_path,
        _final_accounts_page(
            at((18, "合计"), (53, "60.00", "r"), (63, "40.00", "r")),
            at((43, "100.00", "r")),
            at((18, "一般公共服务支出"), (53, "60.00", "r"), (63, "40.00", "r")),
            at((0, "201"), (43, "100.00", "r")),
            at((18, "行政运行"), (53, "60.00", "r")),
            at((0, "201"), (5, "01"), (10, "01"), (43, "60.00", "r")),
            at((18, "一般行政管理事务")),
            at((0, "201"), (5, "01"), (10, "02"), (43, "40.00", "r"), (63, "40.00", "r")),
        ),
    )
    figures = {"total": 100, "basic": 60, "project": 40}
    assert rows["合计"] == ("合计", figures)
    assert rows["201"] == ("一般公共服务支出", figures)
    assert rows["2010101"] == ("行政运行", {"total": 60, "basic": 60})
    assert rows["2010102"] == ("一般行政管理事务", {"total": 40, "project": 40})


def test_a_header_printed_again_over_a_continuation_is_no_row(tmp_path: Path) -> None:
    # its short line ('编码', a caption wrapped in its cell) is no label's rest cut off by the page
    header = [
        at((18, "项目"), (48, "一般公共预算支出")),
        at((2, "功能分类科目")),
        at((4, "编码")),
        at((18, "科目名称"), (40, "合计"), (50, "基本支出"), (60, "项目支出")),
        at((0, "类"), (5, "款")),
    ]
    first = [
        at((20, "2024年部门一般公共预算支出功能分类预算表")),
        at((0, "编制部门：某某区某某局"), (60, "单位：元")),
        *header,
        at((0, "201"), (18, "一般公共服务支出"), (43, "1,000", "r"), (53, "900", "r"), (63, "100", "r")),
        at((0, "201"), (5, "01"), (18, "人大事务"), (43, "1,000", "r"), (53, "900", "r"), (63, "100", "r")),
    ]
    again = [*header, at((0, "205"), (18, "教育支出"), (43, "200", "r"), (63, "200", "r"))]
    table = _only_table(tmp_path, COVER, CONTENTS, DUTIES, first, again)
    assert [row.code for row in table.rows] == ["201", "20101", "205"]
    assert not table.doubts


def _appropriation_summary(tmp_path: Path, *lines: str) -> Filing:
    """A two-sided 财政拨款收支预算总表 laid out: one row on each side, then `lines` on the expenditure
    side, then each side's total of 1,200.00 (the expenditure lines owe it 200.00)."""
    summary = [
        at((25, "2024年部门财政拨款收支预算总表")),
        at((70, "单位：万元")),
        at((16, "收入"), (56, "支出")),
        at((11, "项目"), (27, "预算数"), (52, "项目"), (66, "预算数")),
        at(
            (0, "一、一般公共预算"),
            (38, "1,200.00", "r"),
            (44, "一、一般公共服务支出"),
            (75, "1,000.00", "r"),
        ),
        *lines,
        at((0, "收入合计"), (38, "1,200.00", "r"), (44, "支出合计"), (75, "1,200.00", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, summary), encoding="utf-8")
    return read_file(path)


def test_a_row_of_figures_whose_label_landed_elsewhere_puts_the_table_in_doubt(tmp_path: Path) -> None:
    # a label centred in its cell, set far left of its column, lands under the income side's labels:
    # its figure stands on the expenditure side under no line, and that side fell short of its total
    read = _appropriation_summary(
        tmp_path,
        at((44, "二、教育支出"), (75, "0.00", "r")),
        at((12, "三、住房保障支出"), (75, "200.00", "r")),
    )
    assert any("未读到名称" in doubt.message for doubt in read.tables[0].doubts)
    sums = [f for f in check_filing(read).findings if f.rule.startswith("BG-R")]
    assert sums and all(f.severity is Severity.WARNING for f in sums)


@pytest.mark.parametrize("wrapped", [True, False])
def test_a_numbered_label_whose_last_piece_took_the_figure_puts_the_table_in_doubt(
    tmp_path: Path, wrapped: bool
) -> None:
    # a cell's label wrapped over two lines, its figure printed by the last piece (as WeasyPrint sets a
    # narrow cell): `二、公共安全` left blank and `支出` holding the figure, the numbered lines short of
    # their total (a false BG-R008); the label whole on one line is no doubt
    lines = (
        [at((44, "二、公共安全")), at((46, "支出"), (75, "200.00", "r"))]
        if wrapped
        else [at((44, "二、公共安全支出"), (75, "200.00", "r"))]
    )
    read = _appropriation_summary(tmp_path, *lines)
    assert any("折行被读成两行" in doubt.message for doubt in read.tables[0].doubts) is wrapped
    errors = [
        f for f in check_filing(read).findings if f.rule.startswith("BG-R") and f.severity is Severity.ERROR
    ]
    assert errors == []


def test_a_table_of_figures_alone_is_not_in_doubt_for_rows_without_labels(tmp_path: Path) -> None:
    # Jiangsu's 支出预算总表: one row of figures under its header, no label column at all
    alone = [
        at((25, "支出预算总表")),
        at((0, "部门名称：某某区某某局"), (60, "单位：万元")),
        at((3, "合计"), (14, "基本支出"), (28, "项目支出")),
        at((8, "1,200.00", "r"), (21, "1,000.00", "r"), (35, "200.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, alone)
    assert [len(row.cells) for row in table.rows] == [3]
    assert not any("未读到名称" in doubt.message for doubt in table.doubts)


def test_a_total_column_blank_on_every_row_puts_the_table_in_doubt(tmp_path: Path) -> None:
    # the parts' figures under their captions, none under 合计 on any row: placed by position, the
    # figures stand a column off (a converter spaced them otherwise), for no table leaves its total out
    shifted = [
        *BY_FUNCTION[:6],
        at((16, "合计"), (58, "900", "r"), (70, "300", "r")),
        at((0, "201"), (16, "一般公共服务支出"), (58, "900", "r"), (70, "100", "r")),
        at((0, "201"), (6, "01"), (16, "人大事务"), (58, "900", "r"), (70, "100", "r")),
        at((0, "201"), (6, "01"), (11, "01"), (16, "行政运行"), (58, "900", "r"), (70, "100", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, shifted), encoding="utf-8")
    table = read_file(path).tables[1]
    assert any("合计栏每行皆空" in doubt.message and not doubt.columns_only for doubt in table.doubts)


def test_a_figure_garbled_into_a_run_of_digits_is_no_sentence_ending_the_table(tmp_path: Path) -> None:
    # longer than any cell's words, it was taken for a sentence: the table ended there, its rows below
    # read as no table's, and the sums short of them were errors in no doubt
    garbled = "9" * 60
    rows = [
        *BY_FUNCTION[:8],
        at((0, "201"), (6, "01"), (16, "人大事务"), (43, garbled), (58, "900", "r"), (70, "100", "r")),
        *BY_FUNCTION[9:],
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, CONTENTS, DUTIES, SUMMARY, rows), encoding="utf-8")
    table = read_file(path).tables[1]
    assert table.doubts
    assert {"2010199", "2010101"} <= {row.code for row in table.rows}  # the rows below it are the table's


def _halves(left: tuple[str, ...], right: tuple[str, ...]) -> str:
    """A line of a list printed in two halves side by side: each half's code, name and figure (if any)."""
    cells = [(0, left[0]), (10, left[1]), (34, right[0]), (44, right[1])]
    figures_ = [(30, figure, "r") for figure in left[2:]] + [(64, figure, "r") for figure in right[2:]]
    return at(*sorted([*cells, *figures_], key=lambda cell: cell[0]))


ECONOMIC_HALVES_HEAD = [
    at((16, "一般公共预算财政拨款基本支出决算表")),
    at((60, "单位：万元")),
    at((0, "经济分类"), (34, "经济分类")),
    at((10, "科目名称"), (24, "决算数"), (44, "科目名称"), (58, "决算数")),
    at((0, "科目编码"), (34, "科目编码")),
]


def test_a_second_side_of_coded_rows_opens_with_its_code(tmp_path: Path) -> None:
    # 基本支出 by economic class printed in two halves side by side, each half's codes printed whole: the
    # right half's code is no figure of the left half
    page = [
        *ECONOMIC_HALVES_HEAD,
        _halves(("301", "工资福利支出", "30.00"), ("302", "商品和服务支出", "5.00")),
        _halves(("30101", "基本工资", "20.00"), ("30201", "办公费", "3.00")),
        _halves(("30102", "津贴补贴", "10.00"), ("30202", "印刷费", "2.00")),
    ]
    rows = _read_rows(tmp_path, page)
    assert {code: cells["actual"] for code, (_, cells) in rows.items()} == {
        "301": 30,
        "30101": 20,
        "30102": 10,
        "302": 5,
        "30201": 3,
        "30202": 2,
    }


def test_a_blank_forms_coded_rows_are_read_without_figures(tmp_path: Path) -> None:
    # a form published empty (no figure in any row): its coded lines are rows, not header lines, and no
    # code is taken for a figure; both halves' totals printed on one line over a note are two rows
    page = [
        *ECONOMIC_HALVES_HEAD,
        _halves(("301", "工资福利支出"), ("302", "商品和服务支出")),
        _halves(("30101", "基本工资"), ("30201", "办公费")),
        _halves(("30102", "津贴补贴"), ("30202", "印刷费")),
        at((6, "人员经费合计"), (40, "公用经费合计")),
        at((4, "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")),
    ]
    assert _read_rows(tmp_path, page) == {
        "301": ("工资福利支出", {}),
        "30101": ("基本工资", {}),
        "30102": ("津贴补贴", {}),
        "302": ("商品和服务支出", {}),
        "30201": ("办公费", {}),
        "30202": ("印刷费", {}),
        "人员经费合计": ("人员经费合计", {}),
        "公用经费合计": ("公用经费合计", {}),
    }


def test_a_coded_rows_name_wrapped_onto_the_next_line_is_one_row(tmp_path: Path) -> None:
    # the name's rest ('缴费支出', longer than a few characters) under the name, with no code or figure
    rows = _read_rows(
        tmp_path,
        _final_accounts_page(
            at((0, "208"), (18, "社会保障和就业支出"), (43, "80.00", "r"), (53, "80.00", "r")),
            at((0, "208"), (5, "05"), (18, "行政事业单位养老支出"), (43, "80.00", "r"), (53, "80.00", "r")),
            at(
                (0, "208"),
                (5, "05"),
                (10, "05"),
                (13, "机关事业单位基本养老保险"),
                (43, "50.00", "r"),
                (53, "50.00", "r"),
            ),
            at((17, "缴费支出")),
            at(
                (0, "208"),
                (5, "05"),
                (10, "06"),
                (13, "机关事业单位职业年金缴费"),
                (43, "30.00", "r"),
                (53, "30.00", "r"),
            ),
            at((17, "支出")),
        ),
    )
    assert {code: label for code, (label, _) in rows.items()} == {
        "208": "社会保障和就业支出",
        "20805": "行政事业单位养老支出",
        "2080505": "机关事业单位基本养老保险缴费支出",
        "2080506": "机关事业单位职业年金缴费支出",
    }


def test_cells_set_in_their_middle_are_read_round_their_figures(tmp_path: Path) -> None:
    # a procurement table whose cells are set in their middle: a cell of two lines prints one over its
    # row's figures and one under them ('部门集中采' / '购'), a cell of three its middle line with them
    # ('台式计算机' / '（20万以' / '上）'); two cells set close ('其他电信和' / '分散自行组'); two cells'
    # one-letter rests on one line ('备  织'); the last row's short rest over the narrative that follows
    page = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (60, "单位：万元")),
        at((0, "采购品目"), (10, "专项名称"), (24, "采购物品名称"), (38, "采购组织形式"), (66, "总计")),
        at((0, "合计"), (70, "213.00", "r")),
        at((24, "台式计算机")),
        at((38, "部门集中采")),
        at((24, "（20万以"), (70, "27.00", "r")),
        at((38, "购")),
        at((24, "上）")),
        at((24, "便携式计算")),
        at((38, "分散自行组")),
        at((24, "机（20万以"), (70, "16.00", "r")),
        at((38, "织")),
        at((24, "下）")),
        at((24, "其他电信和")),
        at((33, "分散自行组")),
        at((24, "信息传输服"), (70, "90.00", "r")),
        at((33, "织")),
        at((24, "务")),
        at((24, "其他专用设"), (38, "分散自行组")),
        at((70, "20.00", "r")),
        at((24, "备"), (38, "织")),
        "",
        at((10, "会议费")),
        at((38, "分散自行组")),
        at((24, "会议服务"), (70, "60.00", "r")),
        at((38, "织")),
        "",
        "  第三部分  名词解释",
    ]
    table = _only_table(tmp_path, COVER, page)
    assert not table.doubts
    assert _totals(table) == [
        ("合计", 213),
        ("部门集中采购", 27),
        ("分散自行组织", 16),
        ("分散自行组织", 90),
        ("分散自行组织", 20),
        ("分散自行组织", 60),
    ]


def test_one_letter_rests_of_two_cells_are_no_letter_spaced_word(tmp_path: Path) -> None:
    # '务  织' ends '数据处理服' and '分散自行组', set close; the figures' line between them stands under
    # the second (a narrow table): the two letters are two cells' rests, not one word printed spaced
    page = [
        at((16, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (36, "单位：万元")),
        at((0, "专项名称"), (10, "经济科目"), (21, "采购物品"), (30, "组织形式"), (40, "总计")),
        at((10, "维修（护）费"), (44, "370.00", "r")),
        at((21, "数据处理服"), (30, "分散自行组")),
        at((44, "100.00", "r")),
        at((21, "务"), (30, "织")),
        at((21, "运行维护服"), (30, "分散自行组")),
        at((44, "270.00", "r")),
        at((21, "务"), (30, "织")),
    ]
    table = _only_table(tmp_path, COVER, page)
    assert _totals(table) == [
        ("维修(护)费", 370),
        ("分散自行组织", 100),
        ("分散自行组织", 270),
    ]


def test_a_total_centred_under_its_label_columns_caption_is_that_columns(tmp_path: Path) -> None:
    # the labels set at their cells' left, the caption and the totals' labels centred in the wide cells:
    # the totals stand clear of the labels, under the caption, and are still the label column's
    summary = [
        at((24, "财政拨款收支预算总表")),
        at((0, "部门：某某局"), (70, "单位：万元")),
        at((14, "收入"), (62, "支出")),
        at((20, "项目名称"), (42, "金额"), (66, "项目名称"), (90, "金额")),
        at((0, "一、一般公共预算"), (50, "100.00", "r"), (51, "一、基本支出"), (96, "60.00", "r")),
        at((0, "二、政府性基金预算"), (51, "二、项目支出"), (96, "40.00", "r")),
        at((20, "收入合计"), (50, "100.00", "r"), (66, "支出合计"), (96, "100.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, summary)
    assert not table.doubts
    assert {(row.side, row.label): row.cells["amount"].amount for row in table.rows} == {
        ("income", "一、一般公共预算"): parse_amount("100.00", Unit.WAN),
        ("income", "二、政府性基金预算"): None,
        ("income", "收入合计"): parse_amount("100.00", Unit.WAN),
        ("expenditure", "一、基本支出"): parse_amount("60.00", Unit.WAN),
        ("expenditure", "二、项目支出"): parse_amount("40.00", Unit.WAN),
        ("expenditure", "支出合计"): parse_amount("100.00", Unit.WAN),
    }


def test_a_short_group_label_over_two_columns_set_wider_than_it_heads_those_two_only(tmp_path: Path) -> None:
    # 基本支出 touches neither of its columns' labels; 合计 and 项目支出 span the header's rows, so they
    # print at its middle, above 人员经费 and 公用经费; 预算数 names a figure and heads the figures
    summary = [
        at((27, "2025年预算单位财务收支预算总表")),
        at((0, "编制单位：某某区某某局"), (99, "单位：元")),
        "",
        at((12, "本年收入"), (51, "本年支出")),
        at((66, "预算数")),
        at((5, "项目"), (19, "预算数"), (38, "项目"), (66, "基本支出")),
        at((46, "合计"), (86, "项目支出")),
        at((59, "人员经费"), (73, "公用经费")),
        at(
            (0, "一、财政拨款收入"),
            (30, "1,200", "r"),
            (31, "一、一般公共服务支出"),
            (56, "1,000", "r"),
            (70, "600", "r"),
            (83, "300", "r"),
            (96, "100", "r"),
        ),
        at((0, "二、事业收入"), (31, "二、教育支出"), (56, "200", "r"), (70, "200", "r")),
        at(
            (4, "收入总计"),
            (30, "1,200", "r"),
            (35, "支出总计"),
            (56, "1,200", "r"),
            (70, "800", "r"),
            (83, "300", "r"),
            (96, "100", "r"),
        ),
    ]
    table = _only_table(tmp_path, COVER, summary)
    expenditure = [(c.meaning, c.label) for c in table.columns if c.side == "expenditure"]
    assert expenditure == [
        ("amount", "预算数/合计"),
        ("personnel", "预算数/基本支出/人员经费"),
        ("operating", "预算数/基本支出/公用经费"),
        ("project", "预算数/项目支出"),
    ]


def test_two_labels_wrapped_into_each_other_over_a_blank_column_are_two_columns(tmp_path: Path) -> None:
    # 公务用车购置费 (left blank all down) and 公务用车运行维护费 wrap a line apart, touching: two labels,
    # and the blank column between the vehicles' subtotal and their upkeep is their purchase
    three_public = [
        at((15, "“三公”经费、会议费、培训费支出预算表")),
        at((0, "部门：某某区某某局"), (94, "单位：万元")),
        "",
        at((41, "“三公”经费")),
        "",
        at((41, "公务用车购置及运行维护费")),
        at((4, "合计"), (30, "因公出国"), (61, "公务接待"), (66, "会议费"), (87, "培训费")),
        at((20, "小计"), (56, "公务用车")),
        at((30, "（境）费"), (51, "公务用车"), (63, "费")),
        at((41, "小计"), (56, "运行维护")),
        at((52, "购置费")),
        at((58, "费")),
        at(
            (17, "2,224.43", "r"),
            (27, "660.10", "r"),
            (38, "106.00", "r"),
            (48, "156.60", "r"),
            (64, "156.60", "r"),
            (73, "397.50", "r"),
            (84, "1,282.56", "r"),
            (95, "281.77", "r"),
        ),
    ]
    table = _only_table(tmp_path, COVER, three_public)
    assert [column.meaning for column in table.columns] == [
        "total",
        "three_public",
        "overseas_travel",
        "vehicles",
        "vehicle_purchase",
        "vehicle_operation",
        "hospitality",
        "meetings",
        "training",
    ]
    assert table.rows[0].cells["vehicle_purchase"].amount is None
    assert table.rows[0].cells["hospitality"].amount.value == parse_amount("397.50", Unit.WAN).value


def test_a_first_page_of_the_total_and_one_category_keeps_a_column_under_each_caption(
    tmp_path: Path,
) -> None:
    # (Jiangsu's procurement table cut after its first category, as pdftotext lays it out) the first
    # page fills the category column alone, its caption wrapped round the other captions' line: each of
    # those heads a column of its own, the last (采购组织形式) too, so the next pages' label columns fit
    # under them and no page is left unread
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门：某某局"), (55, "单位：万元")),
        at((0, "采购品目大")),
        at((11, "专项名称"), (25, "经济科目"), (33, "采购物品名称"), (46, "采购组织形式"), (57, "总计")),
        at((3, "类")),
        at((2, "合"), (6, "计"), (65, "100.00", "r")),
        at((0, "一、货物 A"), (64, "60.00", "r")),
    ]
    second = [
        at((10, "办公设备购置"), (20, "办公设备购置"), (64, "17.00", "r")),
        at((32, "台式计算机"), (45, "分散自行组织"), (64, "9.00", "r")),
        at((32, "复印机"), (45, "部门集中采购"), (64, "8.00", "r")),
        at((10, "网络运行")),
        at((20, "信息网络购置"), (64, "43.00", "r")),
        at((10, "维护费")),
        at((32, "路由器"), (45, "部门集中采购"), (64, "43.00", "r")),
    ]
    third = [
        at((0, "三、服务 C"), (58, "40.00", "r")),
        at((9, "会议经费"), (19, "会议费"), (57, "30.00", "r")),
        at((31, "会议服务"), (41, "分散自行组织"), (57, "30.00", "r")),
        at((9, "培训经费"), (19, "培训费"), (57, "10.00", "r")),
        at((31, "培训服务"), (41, "分散自行组织"), (57, "10.00", "r")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, procurement, second, third), encoding="utf-8")
    filing = read_file(path)
    (table,) = filing.tables
    assert not table.doubts
    assert [(row.code, row.label) for row in table.rows if row.code] == [("A", "货物"), ("C", "服务")]
    assert not [f for f in check_filing(filing).findings if f.rule == "BG-R002"]


def test_captions_wrapped_in_their_cells_over_a_page_of_the_total_alone_head_a_column_each(
    tmp_path: Path,
) -> None:
    # (Jiangsu's procurement header as pdftotext lays it out) 采购品目大/类 and 采购物品/名称 each head
    # one column, and 采购组织/形式, whose halves alone name nothing, heads words, not figures: the next
    # page's columns, its names wrapped in their cells, fit under them
    procurement = [
        at((20, "2024年政府采购预算表")),
        at((0, "部门："), (18, "某某局"), (61, "单位：万元")),
        at((0, "采购品目大"), (41, "采购物品"), (51, "采购组织")),
        at((18, "专项名称"), (32, "经济科目"), (62, "总计")),
        at((6, "类"), (43, "名称"), (55, "形式")),
        at((6, "合计"), (69, "100.00", "r")),
    ]
    rows = [
        at((0, "一、货物 A"), (68, "100.00", "r")),
        "",
        at((13, "网络、电子检务、实验")),
        at((30, "信息网络及软件购")),
        at((13, "室、机要通道、档案数"), (68, "60.00", "r")),
        at((30, "置更新")),
        at((13, "字化系统运行维护费")),
        at((51, "部门集中采")),
        at((41, "PC 服务器"), (68, "40.00", "r")),
        at((51, "购")),
        at((51, "分散自行组")),
        at((41, "交换设备"), (68, "20.00", "r")),
        at((51, "织")),
        "",
        at((22, "专用设备购置"), (58, "40.00", "r")),
        "",
        at((33, "政法、检测专"), (43, "分散自行组")),
        at((58, "40.00", "r")),
        at((33, "用设备"), (43, "织")),
    ]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, procurement, rows), encoding="utf-8")
    filing = read_file(path)
    (table,) = filing.tables
    assert not table.doubts
    assert [total for _, total in _totals(table)] == [100, 100, 60, 40, 20, 40, 40]
    assert not [f for f in check_filing(filing).findings if f.rule == "BG-R002"]


def test_a_page_of_the_total_alone_under_neither_caption_keeps_its_names_caption(tmp_path: Path) -> None:
    # '合计' stands under neither '功能科目编码' nor '功能科目名称': its column is the names', headed by
    # the caption starting right of it; the next page's codes and names then fit under the two
    by_function = [
        at((14, "一般公共预算支出预算表（功能科目）")),
        at((0, "部门名称：某某局"), (46, "单位：万元")),
        "",
        at((10, "功能科目编码"), (27, "功能科目名称"), (48, "金   额")),
        "",
        at((19, "合计"), (55, "1,200.00", "r")),
    ]
    rows = [
        at((0, "204"), (19, "公共安全支出"), (55, "1,200.00", "r")),
        "",
        at((0, "20405"), (19, "法院"), (55, "1,200.00", "r")),
        "",
        at((0, "2040501"), (19, "行政运行"), (55, "900.00", "r")),
        "",
        at((0, "2040502"), (19, "一般行政管理事务"), (55, "300.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, by_function, rows)
    assert not table.doubts
    assert [(row.code, row.label) for row in table.rows][1:] == [
        ("204", "公共安全支出"),
        ("20405", "法院"),
        ("2040501", "行政运行"),
        ("2040502", "一般行政管理事务"),
    ]


def test_a_long_name_carried_onto_a_column_left_blank_stays_in_it(tmp_path: Path) -> None:
    # (Jiangsu's procurement table cut after its first category) the first page's 专项名称 column is
    # only as wide as its caption; the next page's names, moved onto it, reached the 经济科目 column and
    # the two names of a row were read as one
    procurement = [
        at((3, "十二、2024年某某局政府采购预算表")),
        at((53, "单位：万元")),
        at((0, "采购品目"), (44, "采购组织形")),
        at((14, "专项名称"), (22, "经济科目"), (35, "采购物品名称"), (53, "总计")),
        at((2, "大类"), (46, "式")),
        at((0, "合计"), (61, "100.00", "r")),
        at((0, "一、货物 A"), (60, "100.00", "r")),
    ]
    rows = [
        at((9, "信息网络建设维护"), (21, "信息网络及软件")),
        at((60, "60.00", "r")),
        at((9, "费"), (21, "购置更新")),
        at((31, "其他计算机设备及软")),
        at((44, "政府集中采购"), (60, "60.00", "r")),
        at((31, "件")),
        at((21, "信息网络及软件")),
        at((9, "应用软件购建费"), (60, "40.00", "r")),
        at((21, "购置更新")),
        at((31, "软件开发服务"), (44, "政府集中采购"), (60, "40.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, procurement, rows)
    assert not table.doubts
    assert [label for label, _ in _totals(table)] == [
        "合计",
        "货物",
        "信息网络及软件购置更新",
        "政府集中采购",
        "信息网络及软件购置更新",
        "政府集中采购",
    ]


def test_a_total_across_both_breakdowns_set_under_the_second_on_a_continuation_is_read(
    tmp_path: Path,
) -> None:
    # (Jiangsu's 收支预算总表 cut after its first row) the next page's totals print their labels right
    # of the functional names, and moved onto the table's columns they fell under the purpose
    # breakdown's names: they were dropped with that breakdown, with nothing said
    summary = [
        at((50, "收支预算总表")),
        at((0, "部门：某某局"), (110, "单位：万元")),
        at((18, "收入"), (76, "支出")),
        "",
        at((58, "功能分类"), (98, "支出用途")),
        at((10, "项目名称"), (23, "金额")),
        at((49, "功能科目名称"), (68, "金额"), (90, "项目名称"), (105, "金额")),
        "",
        at(
            (0, "一、财政拨款"),
            (37, "1,000.00", "r"),
            (38, "一、一般公共服务支出"),
            (83, "800.00", "r"),
            (85, "一、基本支出"),
            (119, "600.00", "r"),
        ),
    ]
    rest = [
        at(
            (1, "1.一般公共预算"),
            (37, "1,000.00", "r"),
            (40, "二、外交支出"),
            (85, "二、项目支出"),
            (119, "400.00", "r"),
        ),
        "",
        at((1, "2.政府性基金预算"), (40, "三、国防支出")),
        "",
        at((0, "二、其他资金"), (40, "四、公共安全支出"), (82, "200.00", "r")),
        "",
        at((40, "五、教育支出")),
        "",
        at((40, "六、其他支出")),
        "",
        at((9, "当年收入小计"), (37, "1,000.00", "r"), (65, "当年支出小计"), (119, "1,000.00", "r")),
        "",
        at((9, "上年结转资金"), (65, "结转下年资金")),
        "",
        at((10, "收入合计"), (37, "1,000.00", "r"), (66, "支出合计"), (119, "1,000.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, summary, rest)
    expenditure = {row.label: row.cells["amount"].text for row in table.rows if row.side == "expenditure"}
    assert expenditure["当年支出小计"] == expenditure["支出合计"] == "1,000.00"
    assert "结转下年资金" in expenditure


@pytest.mark.parametrize("again", [2, 7], ids=["filer-and-unit", "filer-unit-and-header"])
def test_a_continuation_printing_its_filer_and_unit_line_again_goes_on_with_the_table(
    tmp_path: Path, again: int
) -> None:
    # a sheet printed with its filer and unit line (and header) on every page: the next page opens with
    # that line, not with rows; its rows were left out of the table with nothing said
    split = 10  # BY_FUNCTION[:10] ends after the first 201 01 row
    rest = [*BY_FUNCTION[1:again], *BY_FUNCTION[split:]]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, BY_FUNCTION[:split], rest), encoding="utf-8")
    whole = tmp_path / "whole.txt"
    whole.write_text(filing_text(COVER, BY_FUNCTION), encoding="utf-8")
    (read,), (printed,) = read_file(path).tables, read_file(whole).tables
    assert reading(read) == reading(printed) and not read.doubts


@pytest.mark.parametrize(
    "mark",
    [
        [at((30, "续表")), at((14, "2024年部门一般公共预算支出预算表（按功能分类）"))],
        ["表2（续）", BY_FUNCTION[1]],
        ["2024年部门一般公共预算支出预算表（按功能分类）（续）", BY_FUNCTION[1]],
    ],
    ids=["continued-over-the-title", "number-continued", "title-continued"],
)
def test_a_continuation_marked_as_one_goes_on_with_the_table(tmp_path: Path, mark: list[str]) -> None:
    # the next page opens with a continuation's mark ('续表' over the title printed again, '表2（续）', or
    # the title ending in it, which two parenthesised parts ended no title before), then the header
    # printed again and the rows
    title = at((14, "2024年部门一般公共预算支出预算表（按功能分类）"))
    table = [title, *BY_FUNCTION[1:]]
    split = 10  # after the first 201 01 row
    path = tmp_path / "filing.txt"
    path.write_text(
        filing_text(COVER, table[:split], [*mark, *BY_FUNCTION[2:8], *table[split:]]), encoding="utf-8"
    )
    whole = tmp_path / "whole.txt"
    whole.write_text(filing_text(COVER, table), encoding="utf-8")
    (read,), (printed,) = read_file(path).tables, read_file(whole).tables
    assert reading(read) == reading(printed) and not read.doubts


def test_a_page_of_rows_left_blank_under_the_title_printed_again_is_no_head_left_at_its_foot(
    tmp_path: Path,
) -> None:
    # the table's second page prints its title (marked as continued), unit line and header again over
    # rows left blank ('三、…' with no figure), the third its rows with figures: the second page is the
    # table's, not a head left at the foot to go over the third page's rows (a table of its own then)
    title = at((16, "2024年部门收入预算表"))
    head = [at((0, "编制部门：某某区某某局"), (40, "单位：元")), at((8, "项目"), (36, "金额"))]
    first = [
        title,
        *head,
        at((0, "一、财政拨款收入"), (40, "1,000", "r")),
        at((0, "二、事业收入"), (40, "200", "r")),
    ]
    second = [
        at((16, "2024年部门收入预算表（续）")),
        *head,
        at((0, "三、事业单位经营收入")),
        at((0, "四、其他收入")),
    ]
    third = [at((0, "五、上级补助收入"), (40, "100", "r")), at((6, "收入合计"), (40, "1,300", "r"))]
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, first, second, third), encoding="utf-8")
    (table,) = read_file(path).tables
    assert [row.label for row in table.rows] == [
        "一、财政拨款收入",
        "二、事业收入",
        "三、事业单位经营收入",
        "四、其他收入",
        "五、上级补助收入",
        "收入合计",
    ]


def test_a_tables_header_printed_again_over_its_rows_goes_on_in_its_columns(tmp_path: Path) -> None:
    # (Jiangsu's 收支预算总表, as pdftotext lays it out) the next page prints the header again over
    # functional rows alone: read under that header by itself, its part label '功能分类' became a
    # column, the page's columns fit the table's nowhere and the page was said unread
    head = [
        at((35, "收支预算总表")),
        at((0, "部门：某某局"), (85, "单位：万元")),
        at((15, "收入"), (62, "支出")),
        at((44, "功能分类"), (78, "支出用途")),
        at((8, "项目名称"), (20, "金额")),
        at((35, "功能科目名称"), (53, "金额"), (71, "项目名称"), (85, "金额")),
    ]
    first = [
        at(
            (0, "一、财政拨款"),
            (20, "1,000.00 一、一般公共服务支出"),
            (53, "700.00 一、基本支出"),
            (86, "600.00"),
        ),
        at((1, "1.一般公共预算"), (20, "1,000.00 二、外交支出"), (67, "二、项目支出"), (86, "400.00")),
        at((1, "2.政府性基金预算"), (32, "三、国防支出")),
        at((0, "二、财政专户管理资金"), (32, "四、公共安全支出")),
        at((0, "三、其他资金"), (32, "五、教育支出")),
        at((32, "六、社会保障和就业支出"), (58, "200.00")),
        at((32, "七、节能环保支出")),
    ]
    rest = [
        at((32, "八、农林水支出")),
        at((32, "九、交通运输支出")),
        at((32, "十、住房保障支出"), (58, "100.00")),
        at((32, "十一、其他支出")),
        at((4, "当年收入小计"), (20, "1,000.00"), (51, "当年支出小计"), (85, "1,000.00")),
        at((4, "上年结转资金"), (51, "结转下年资金")),
        at((8, "收入合计"), (20, "1,000.00"), (52, "支出合计"), (85, "1,000.00")),
    ]
    table = _only_table(tmp_path, COVER, [*head, *first], [*head[1:], *rest])
    spent = {row.label: row.cells["amount"].text for row in table.rows if row.side == "expenditure"}
    assert not table.doubts
    assert (spent["十、住房保障支出"], spent["支出合计"]) == ("100.00", "1,000.00")


def test_codes_in_columns_squeezed_to_one_space_are_the_codes_parts(tmp_path: Path) -> None:
    """Narrow 类/款/项 columns, as pdftotext lays out a web page's print: '201 05 01 行政运行' is the code's
    three parts and the name, not one figure 2010501 and a name (which put a column of codes among
    the figures and every figure a column off)."""
    assert [c.text for c in chunks("201 05 01 行政运行    900.00")] == [
        "201",
        "05",
        "01",
        "行政运行",
        "900.00",
    ]
    assert [c.text for c in chunks("201 05      人大事务    1,000.00")] == [
        "201",
        "05",
        "人大事务",
        "1,000.00",
    ]
    squeezed = [
        *BY_FUNCTION[:6],
        at((0, "类"), (4, "款"), (7, "项")),
        "",
        at((16, "合计"), (43, "1,200.00", "r"), (58, "900.00", "r"), (70, "300.00", "r")),
        at(
            (0, "201"),
            (16, "一般公共服务支出"),
            (43, "1,200.00", "r"),
            (58, "900.00", "r"),
            (70, "300.00", "r"),
        ),
        at((0, "201 01"), (16, "人大事务"), (43, "1,200.00", "r"), (58, "900.00", "r"), (70, "300.00", "r")),
        at((0, "201 01 01 行政运行"), (43, "900.00", "r"), (58, "900.00", "r")),
        at((0, "201 01 99 其他人大事务支出"), (43, "300.00", "r"), (70, "300.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, squeezed)
    assert [c.meaning for c in table.columns] == ["general_budget", "basic", "project"]
    assert [(row.code, row.label) for row in table.rows[1:]] == [
        ("201", "一般公共服务支出"),
        ("20101", "人大事务"),
        ("2010101", "行政运行"),
        ("2010199", "其他人大事务支出"),
    ]
    assert not table.doubts


def test_a_coded_rows_name_set_in_its_cells_middle_is_one_name(tmp_path: Path) -> None:
    """A name wrapped in a narrow cell and set in its middle prints over and under the line of its code
    and figures ('机关事业单位基本养老' / '208 05 05  95.98' / '保险缴费支出'): one name, not a row of its own.
    Names set at their cells' top head the line of figures under them instead ('一般行政管理事务' over
    '201 01 02  300.00'), and stay that row's."""
    centred = [
        *BY_FUNCTION[:8],
        at((16, "合计"), (43, "1,295.98", "r"), (58, "995.98", "r"), (70, "300.00", "r")),
        at((16, "机关事业单位基本养老")),
        at((0, "208"), (6, "05"), (11, "05"), (43, "95.98", "r"), (58, "95.98", "r")),
        at((16, "保险缴费支出")),
        at((16, "行政运行")),
        at((0, "201"), (6, "01"), (11, "01"), (43, "900.00", "r"), (58, "900.00", "r")),
        at((16, "一般行政管理事务")),
        at((0, "201"), (6, "01"), (11, "02"), (43, "300.00", "r"), (70, "300.00", "r")),
    ]
    table = _only_table(tmp_path, COVER, centred)
    assert [(row.code, row.label) for row in table.rows[1:]] == [
        ("2080505", "机关事业单位基本养老保险缴费支出"),
        ("2010101", "行政运行"),
        ("2010102", "一般行政管理事务"),
    ]


def test_a_column_numbers_row_standing_against_the_captions_puts_the_placement_in_doubt(
    tmp_path: Path,
) -> None:
    """A 决算's 收入决算表 in narrow columns, as pdftotext set WeasyPrint's print: a Chinese caption takes one
    place a character, so `经营` stands right over the figure printed under `事业收入`, and the figure
    was read as 经营收入 (two false BG-D007 and a BG-X004). Figures set right end at their cell's edge
    and the 栏次 numbers stand at its middle: the number of the caption the figure was put under, `5`,
    stands past the figure's end, so the placement is said to be a guess."""
    header = [
        at((34, "收入决算表")),
        at((0, "部门：某某区某某局"), (84, "单位：万元")),
        "",
        at((0, "项目")),
        at(
            (23, "本年收入"),
            (38, "财政拨款"),
            (53, "上级补"),
            (59, "事业收"),
            (63, "经营"),
            (74, "附属单位"),
            (81, "其他收"),
        ),
        at((0, "科目编码")),
        at(
            (12, "科目名称"),
            (23, "合计"),
            (38, "收入"),
            (53, "助收入"),
            (59, "入"),
            (63, "收入"),
            (74, "上缴收入"),
            (81, "入"),
        ),
        at((0, "类"), (6, "款"), (8, "项")),
        at((0, "栏次"), (23, "1"), (38, "2"), (53, "3"), (59, "4"), (70, "5"), (74, "6"), (81, "7")),
    ]

    def row(code: str, name: str, total: str, appropriated: str, service: str = "", other: str = "") -> str:
        cells = [(0, code), (12, name), (35, total, "r"), (50, appropriated, "r")]
        return at(*cells, *([(67, service, "r"), (89, other, "r")] if service else []))

    rows = [
        row("", "合计", "1,693.64", "1,686.18", "4.47", "2.99"),
        row("201", "一般公共服务支出", "1,416.73", "1,409.27", "4.47", "2.99"),
        row("201 05 01", "行政运行", "724.23", "724.23"),
        row("201 05 05", "专项统计业务", "294.05", "286.59", "4.47", "2.99"),
    ]
    table = _only_table(tmp_path, COVER, [*header, *rows])
    assert [c.meaning for c in table.columns][:2] == ["current_income", "appropriation"]
    assert any("推定" in doubt.message for doubt in table.doubts)
