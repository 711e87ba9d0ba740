"""Tables printed without ruling lines, read by the alignment of their words (read/pdf_unruled.py):
hand-built pages, both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.model import Filing
from budget_graph.read.pdf import read_pages
from budget_graph.read.pdf_grid import page_content
from budget_graph.read.pdf_page import Char, PageLayout, Rule, text_lines
from budget_graph.read.pdf_unruled import _laying_out, with_unruled_tables
from budget_graph.read.text_columns import printed_width
from budget_graph.read.text_layout import laid_out_grids
from tests.test_pdf_geometry import printed, ruled

WIDTH, HEIGHT = 595, 842
FULL, HALF = 10.0, 5.0  # a Chinese character's width, a digit's


def text(value: str, x0: float, top: float) -> list[Char]:
    """Characters from x0, each as wide as it prints."""
    return printed(value, x0, top, FULL)


def right(value: str, x1: float, top: float) -> list[Char]:
    """A figure ending at x1, as tables print figures."""
    return text(value, x1 - HALF * len(value), top)


def row(top: float, code: str, name: str, *amounts: str, indent: float = 0) -> list[Char]:
    chars = [*text(code, 60, top), *text(name, 130 + indent, top)]
    for x1, amount in zip((330, 430, 530), amounts, strict=False):
        chars += right(amount, x1, top)
    return chars


def header(*labels: list[Char], top: float = 145) -> list[Char]:
    """The label columns' captions, then 合计 基本支出 项目支出."""
    return [
        *(char for label in labels for char in label),
        *text("合计", 300, top),
        *text("基本支出", 390, top),
        *text("项目支出", 490, top),
    ]


def unruled_page(
    *rows: list[Char],
    title: str = "一般公共预算支出预算表",
    heads: list[Char] | None = None,
    number: int = 1,
) -> PageLayout:
    """A table's page: its title, unit, header and rows."""
    heads = heads or header(text("科目编码", 60, 145), text("科目名称", 130, 145))
    chars = [*text(title, 180, 100), *text("单位：万元", 480, 120), *heads]
    return PageLayout(number, WIDTH, HEIGHT, [*chars, *(char for r in rows for char in r)], [])


def read(*layouts: PageLayout) -> Filing:
    pages = with_unruled_tables([page_content(layout) for layout in layouts])
    return read_pages(pages, "t.pdf", Path("测试局2024年部门预算.pdf"))


def test_a_table_printed_without_ruling_lines_is_read_by_the_alignment_of_its_words() -> None:
    filing = read(
        unruled_page(
            row(165, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"),
            row(185, "22102", "住房改革支出", "3,000.00", "1,000.00", "2,000.00"),
            row(205, "2210201", "住房公积金", "12.50", "12.50", ""),
        )
    )
    (table,) = filing.tables
    assert [column.meaning for column in table.columns] == ["total", "basic", "project"]
    figures = {(r.code, k): str(c.amount.value) for r in table.rows for k, c in r.cells.items() if c.amount}
    assert figures[("2210201", "total")] == "12.50" and ("2210201", "project") not in figures
    assert figures[("22102", "project")] == "2000.00"
    assert not filing.unread and not table.doubts
    assert any(
        "无表格线，按文字对齐位置读取" in d.message and d.severity == "info" for d in filing.diagnostics
    )


def test_a_title_over_a_paragraph_is_no_table_and_its_page_stays_as_printed() -> None:
    page = PageLayout(
        1,
        WIDTH,
        HEIGHT,
        [
            *text("一般公共预算支出预算表", 180, 100),
            *text("本年度一般公共预算支出3,000.00万元，主要用于住房保障。", 60, 130),
        ],
        [],
    )
    content = page_content(page)
    assert with_unruled_tables([content]) == [content]


def test_a_table_running_onto_the_next_page_without_its_header_continues_it() -> None:
    first = unruled_page(
        row(165, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"),
        row(185, "22102", "住房改革支出", "3,000.00", "1,000.00", "2,000.00"),
        *(row(205 + 20 * i, "2210201", "住房公积金", "1,000.00", "1,000.00", "") for i in range(30)),
    )
    second = PageLayout(2, WIDTH, HEIGHT, row(60, "2210203", "购房补贴", "2,000.00", "", "2,000.00"), [])
    (table,) = read(first, second).tables
    assert "2210203" in {r.code for r in table.rows}


def test_a_tables_head_alone_at_a_pages_foot_is_continued_by_the_rows_on_the_next() -> None:
    """Title, unit line and header at the foot of a page, the rows all on the next: the rows continue
    the table (they were left as lines, and the table read blank: false BG-N009 errors)."""
    first = unruled_page()
    rows = [
        row(60, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"),
        row(80, "22102", "住房改革支出", "3,000.00", "1,000.00", "2,000.00"),
        row(100, "2210201", "住房公积金", "3,000.00", "1,000.00", "2,000.00"),
    ]
    second = PageLayout(2, WIDTH, HEIGHT, [char for r in rows for char in r], [])
    (table,) = read(first, second).tables
    assert [r.code for r in table.rows] == ["221", "22102", "2210201"]
    assert table.rows[0].cells["total"].text == "3,000.00"


@pytest.mark.parametrize(("under", "runs_on"), [("经费", True), ("本表无数据。", False), ("", True)])
def test_a_head_at_the_foot_runs_on_under_the_rests_of_its_captions(under: str, runs_on: bool) -> None:
    """The head's columns go on to the next page when nothing but words (a caption's wrapped rest, set
    apart from the header) stands under it; not under a sentence."""
    raw = [
        " " * 25 + "一般公共预算支出预算表",
        "编制单位：某某局" + " " * 36 + "单位：万元",
        "科目编码    科目名称             合计        基本支出      项目支出",
        " " * 56 + under,
    ]
    assert (laid_out_grids(1, raw, None)[2] is not None) is runs_on


def test_a_title_left_at_a_pages_foot_titles_the_table_on_the_next() -> None:
    """The next table's title and unit line at the foot of a page, its header and rows on the next: the
    title goes on over them (the table was lost, and a required one said missing: false BG-C001)."""
    first = unruled_page(row(165, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"))
    foot = [*text("一般公共预算基本支出预算表", 180, 760), *text("单位：万元", 480, 780)]
    first = PageLayout(1, WIDTH, HEIGHT, [*first.chars, *foot], [])
    heads = header(text("科目编码", 60, 60), text("科目名称", 130, 60), top=60)
    second = PageLayout(
        2, WIDTH, HEIGHT, [*heads, *row(80, "301", "工资福利支出", "500.00", "500.00", "")], []
    )
    tables = read(first, second).tables
    assert [(t.title, [r.code for r in t.rows]) for t in tables] == [
        ("一般公共预算支出预算表", ["221"]),
        ("一般公共预算基本支出预算表", ["301"]),
    ]


def _ruled_table(top: float, name: str, *amounts: str) -> tuple[list[Char], list[Rule]]:
    """A ruled table at `top`: a header (科目名称 合计 基本支出 项目支出) and one row."""
    chars = header(text("科目名称", 60, top + 5), top=top + 5)
    chars += [
        *text(name, 60, top + 25),
        *(c for x1, a in zip((380, 470, 560), amounts, strict=False) for c in right(a, x1, top + 25)),
    ]
    return chars, ruled([50, 290, 385, 480, 570], [top, top + 20, top + 40])


def test_a_title_at_a_pages_foot_under_a_ruled_table_titles_the_ruled_table_on_the_next() -> None:
    """Under a ruled table, the next table's title alone at the page's foot, its filer and unit line and
    its ruled table on the next page: a title is never the header of the table whose unit line it stands
    under (that table's rows are ruled, not among the page's lines). The next table had been read as
    the first one's continuation, and said missing (a false BG-C001)."""
    chars, rules = _ruled_table(140, "住房保障支出", "3,000.00", "1,000.00", "2,000.00")
    top = [*text("公开01表", 150, 100), *text("一般公共预算支出预算表", 260, 100)]
    top += [*text("编制单位：某某局", 50, 120), *text("单位：万元", 480, 120)]
    foot = [*text("公开02表", 150, 780), *text("一般公共预算基本支出预算表", 260, 780)]
    first = PageLayout(1, WIDTH, HEIGHT, [*top, *chars, *foot], rules)
    chars, rules = _ruled_table(80, "工资福利支出", "500.00", "500.00", "")
    keys = [*text("编制单位：某某局", 50, 60), *text("单位：万元", 480, 60)]
    second = PageLayout(2, WIDTH, HEIGHT, [*keys, *chars], rules)
    tables = read(first, second).tables
    assert [(t.title, [r.label for r in t.rows]) for t in tables] == [
        ("公开01表 一般公共预算支出预算表", ["住房保障支出"]),
        ("公开02表 一般公共预算基本支出预算表", ["工资福利支出"]),
    ]


def _narrow(value: str, x0: float, top: float) -> list[Char]:
    """A figure from x0 whose commas and point print half a digit's width, as most fonts print them."""
    chars, x = [], x0
    for ch in value:
        width = HALF if ch.isdigit() else HALF / 2
        chars.append(Char(ch, x, x + width, top, top + FULL, x + width / 2, top + FULL / 2))
        x += width
    return chars


def _touching(top: float, *amounts: str, gap: float) -> list[Char]:
    """A row whose figures follow one another `gap` points apart from x=250."""
    chars, x = [*text("201", 60, top), *text("一般公共服务支出", 130, top)], 250.0
    for amount in amounts:
        chars += _narrow(amount, x, top)
        x = chars[-1].x1 + gap
    return chars


@pytest.mark.parametrize(("gap", "crowded"), [(3.0, True), (40.0, False)])
def test_figures_printed_too_close_to_set_where_they_stand_put_the_table_in_doubt(
    gap: float, crowded: bool
) -> None:
    """On a narrow page figures may nearly touch; a comma or a point prints narrower than a column, so a
    figure set by its right edge no longer fits after the one before it and is pushed into the next
    column (a 项目支出 figure read as 基本支出: false BG-R001 errors on a web page printed on A5)."""
    figures = ("22,186,440.80", "16,093,326.00", "6,093,114.80")
    heads = header(text("科目编码", 60, 145), text("科目名称", 130, 145))
    filing = read(
        PageLayout(
            1,
            WIDTH,
            HEIGHT,
            [
                *text("一般公共预算支出预算表", 180, 100),
                *text("单位：元", 480, 120),
                *heads,
                *_touching(165, *figures, gap=gap),
            ],
            [],
        )
    )
    (table,) = filing.tables
    assert any("数字挤在一起" in doubt.message for doubt in table.doubts) is crowded


def test_a_forms_title_printed_again_inside_its_frame_heads_the_form() -> None:
    """Under its filer line a form prints its own title again, in its frame: that line is the form's,
    not the next table's title (only another table's title never heads a table)."""
    raw = [
        " " * 24 + "财政项目支出绩效目标填报表",
        "编制单位：某某局",
        "财政项目支出绩效目标填报表",
        "（2023年度）",
        " " * 50 + "阶段性项",
        "项目名称      新建社区服务中心      项目性质      目",
        "项目资金总额        4,100,000.00   年度资金申请总额       4,100,000.00",
    ]
    assert len(laid_out_grids(1, raw, None)[0]) == 1


def _laid(chars: list[Char]) -> str:
    (line,) = text_lines(chars)
    return _laying_out(line, HALF)[0]


def test_a_figure_printed_close_to_the_next_cells_label_stands_apart_from_it() -> None:
    # without a rule between them, a cell's right-aligned figure and the next cell's label 3 points apart
    laid = _laid(
        [
            *text("一、财政拨款", 60, 100),
            *right("31,214.80", 300, 100),
            *text("一、一般公共服务支出", 303, 100),
        ]
    )
    assert "31,214.80  一、一般公共服务支出" in laid or "31,214.80 一、一般公共服务支出" in laid
    assert "31,214.80一" not in laid


def test_two_cells_chinese_words_set_close_stand_where_they_print() -> None:
    # an item's name filling its cell and the next cell's name a few points after it: the second is set
    # where it stands on the page (under its column), as far as after a short name, not right after
    long = _laid([*text("租赁服务（不带操作员）", 130, 100), *text("政府集中采购", 248, 100)])
    short = _laid([*text("电信服务", 130, 100), *text("政府集中采购", 248, 100)])
    assert long.index("政府集中采购") == short.index("政府集中采购")


def test_figures_stand_at_their_right_edges_whatever_precedes_them() -> None:
    long = _laid([*text("机关事业单位基本养老保险缴费支出", 130, 100), *right("160.75", 325, 100)])
    short = _laid([*text("行政运行", 130, 100), *right("1,511.89", 325, 100)])
    assert long.index("160.75") + len("160.75") == short.index("1,511.89") + len("1,511.89")


def test_a_table_number_printed_with_spaces_in_its_title_stays_in_the_title() -> None:
    # '公开 01 表': the digits a quarter of a character from the words; no column apart
    laid = _laid([*text("公开", 60, 100), *text("01", 83, 100), *text("表：收支预算总表", 96, 100)])
    assert laid.strip() == "公开 01 表：收支预算总表"


def test_a_header_printed_larger_than_the_figures_keeps_its_middle_over_its_column() -> None:
    # '基本支出' in 17-point characters over a column of figures in 5-point digits: the laid-out reader
    # takes a Chinese character as two digits wide, so it is placed by its middle, not its left edge
    large = [
        Char(ch, 248 + 17 * i, 265 + 17 * i, 100, 117, 256.5 + 17 * i, 108.5)
        for i, ch in enumerate("基本支出")
    ]
    laid = _laid(large)
    middle = laid.index("基本支出") + printed_width("基本支出") / 2
    assert abs(middle - (248 + 316) / 2 / HALF) <= 1


RULES = {
    "three rules (above and under the header, under the last row)": [
        Rule(True, 140, 55, 540),
        Rule(True, 160, 55, 540),
        Rule(True, 200, 55, 540),
    ],
    "rules round the header alone": ruled([55, 120, 250, 340, 440, 540], [140, 160]),
    "a frame round the table, no rule inside": [
        Rule(True, 140, 55, 540),
        Rule(True, 200, 55, 540),
        Rule(False, 55, 140, 200),
        Rule(False, 540, 140, 200),
    ],
}


@pytest.mark.parametrize("rules", RULES.values(), ids=RULES.keys())
def test_a_table_with_rules_that_make_no_cells_is_read_by_alignment(rules: list[Rule]) -> None:
    page = unruled_page(
        row(165, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"),
        row(185, "22102", "住房改革支出", "3,000.00", "1,000.00", "2,000.00"),
    )
    page.rules = rules
    (table,) = read(page).tables
    assert [column.meaning for column in table.columns] == ["total", "basic", "project"]
    assert len(table.rows) == 2


def test_a_ruled_header_over_rows_with_their_own_rules_stays_a_grid() -> None:
    page = unruled_page(
        row(165, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"),
        row(185, "22102", "住房改革支出", "3,000.00", "1,000.00", "2,000.00"),
    )
    page.rules = ruled([55, 120, 250, 340, 440, 540], [140, 160, 180, 200])
    content = page_content(page)
    assert with_unruled_tables([content])[0].grids == content.grids


def test_a_framed_paragraph_stays_a_frame() -> None:
    page = PageLayout(
        1,
        WIDTH,
        HEIGHT,
        [*text("一般公共预算支出预算表", 180, 100), *text("本表无数据。", 60, 150)],
        [
            Rule(True, 140, 55, 540),
            Rule(True, 170, 55, 540),
            Rule(False, 55, 140, 170),
            Rule(False, 540, 140, 170),
        ],
    )
    content = page_content(page)
    assert with_unruled_tables([content])[0].grids == content.grids


# --- a table cut over pages whose first page gives its alignment little to go by --------------------------
def _figures(filing: Filing) -> dict[tuple[str | None, str], str]:
    (table,) = filing.tables
    assert not table.doubts, [doubt.message for doubt in table.doubts]
    return {(r.code, k): str(c.amount.value) for r in table.rows for k, c in r.cells.items() if c.amount}


_REST = (
    row(165, "22102", "住房改革支出", "3,000.00", "1,000.00", "2,000.00"),
    row(185, "2210201", "住房公积金", "1,000.00", "1,000.00", ""),
    row(205, "2210203", "购房补贴", "2,000.00", "", "2,000.00"),
)


def test_a_first_page_of_one_row_under_one_caption_over_code_and_name_keeps_the_name_a_column() -> None:
    # one row: each of its words is a column; its name is not run on to its code for want of a second
    # row starting where it starts ('功能分类科目' stands over both)
    caption = header(text("功能分类科目", 90, 145))
    first = unruled_page(row(165, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"), heads=caption)
    figures = _figures(read(first, unruled_page(*_REST, heads=caption, number=2)))
    assert figures[("221", "total")] == "3000.00" and figures[("2210203", "project")] == "2000.00"


def test_a_page_under_its_header_again_whose_indented_names_make_a_column_goes_on_the_names() -> None:
    # the first page's names all start at one edge; the next page's items are indented, enough of them
    # for a column of their own: the page has a label column more than the table, and its indented
    # names go on the names' column (the columns placed where the pages print them)
    first = unruled_page(
        row(165, "221", "住房保障支出", "3,000.00", "1,000.00", "2,000.00"),
        row(185, "22102", "住房改革支出", "3,000.00", "1,000.00", "2,000.00"),
    )
    second = unruled_page(
        row(165, "2210201", "住房公积金", "1,000.00", "1,000.00", "", indent=30),
        row(185, "2210202", "提租补贴", "1,000.00", "1,000.00", "", indent=30),
        row(205, "22103", "保障性住房", "1,000.00", "", "1,000.00"),
        row(225, "2210301", "公租房", "1,000.00", "", "1,000.00", indent=30),
        row(245, "2210302", "廉租房", "1,000.00", "", "1,000.00", indent=30),
        row(265, "22104", "其他支出", "1,000.00", "", "1,000.00"),
        number=2,
    )
    filing = read(first, second)
    assert _figures(filing)[("22104", "project")] == "1000.00"
    assert [r.label for r in filing.tables[0].rows][2:4] == ["住房公积金", "提租补贴"]
