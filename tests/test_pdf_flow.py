"""Tables over page breaks and wrapped filer lines, on hand-built pages: no PDF needed.

Word exports continue a table on the next page without a rule above its first row, and wrap a long
filer line ('部门名称：江苏省高级人民法' / '院') inside its text box. Each case has its counterpart
that must stay as it was.
"""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from budget_graph.model import Unit
from budget_graph.read.pdf_flow import (
    TableBlock,
    _is_tail,
    _number,
    bare_title,
    document_flow,
    running_texts,
)
from budget_graph.read.pdf_grid import Grid, find_grids, page_content
from budget_graph.read.pdf_page import PageLayout, Rule, Word
from budget_graph.read.pdf_tables import (
    _captions_sent_on,
    _DataRow,
    _is_cut_label,
    _Rows,
    _rows,
    _sent_on,
    grid_texts,
)
from tests.test_pdf_geometry import ruled, word

XS = [60, 190, 420, 540]  # 科目编码 | 科目名称 | 金额
WIDTH, HEIGHT = 595, 842


def row(top: float, code: str, name: str, amount: str, xs: list[float] = XS) -> list:
    return [*word(code, xs[0] + 5, top, 6), *word(name, xs[1] + 5, top), *word(amount, xs[2] + 60, top, 6)]


def first_page() -> PageLayout:
    """A titled table: its header and one row, the page ending under it."""
    chars = [
        *word("一、财政拨款支出预算表", 80, 100),
        *word("单位：万元", 480, 120),
        *word("科目编码", 65, 145),
        *word("科目名称", 195, 145),
        *word("金额", 425, 145),
        *row(165, "2210201", "住房公积金", "1,029.15"),
    ]
    return PageLayout(1, WIDTH, HEIGHT, chars, ruled(XS, [140, 160, 180]))


def continuation(chars: list, rules: list[Rule]) -> PageLayout:
    return PageLayout(2, WIDTH, HEIGHT, chars, rules)


# --- a row without a top rule, enclosed by the frame's vertical rules -----------------------------


def framed(
    xs: list[float], ys: list[float], top: float | None = None, bottom: float | None = None
) -> list[Rule]:
    """Rules of a grid whose vertical rules run on above its first (or below its last) horizontal."""
    rules = [r for r in ruled(xs, ys) if r.horizontal]
    return rules + [Rule(False, x, top if top is not None else ys[0], bottom or ys[-1]) for x in xs]


def test_a_row_the_frame_encloses_without_a_top_rule_is_a_row() -> None:
    chars = [*row(75, "2210202", "提租补贴", "1,959.99"), *row(95, "2210203", "购房补贴", "12.00")]
    (grid,) = page_content(PageLayout(2, WIDTH, HEIGHT, chars, framed(XS, [90, 110], top=70))).grids
    assert grid_texts(grid) == [["2210202", "提租补贴", "1,959.99"], ["2210203", "购房补贴", "12.00"]]


def test_a_row_the_frame_encloses_without_a_bottom_rule_is_a_row() -> None:
    chars = [*row(75, "2210202", "提租补贴", "1,959.99"), *row(95, "2210203", "购房补贴", "12.00")]
    (grid,) = page_content(PageLayout(2, WIDTH, HEIGHT, chars, framed(XS, [70, 90], bottom=110))).grids
    assert len(grid.ys) == 3 and grid_texts(grid)[1] == ["2210203", "购房补贴", "12.00"]


def test_a_vertical_running_on_at_one_side_only_opens_no_row() -> None:
    rules = [*ruled(XS, [90, 110]), Rule(False, XS[0], 70, 90)]  # a stub at the left edge only
    (grid,) = find_grids(rules, page=2)
    assert grid.ys == [90, 110]


def test_a_continuation_page_without_a_top_rule_reads_whole() -> None:
    chars = [*row(75, "2210202", "提租补贴", "1,959.99"), *row(95, "2210203", "购房补贴", "12.00")]
    flow = document_flow([first_page(), continuation(chars, framed(XS, [90, 110], top=70))])
    (block,) = flow.blocks
    assert not flow.stray_grids and not flow.lines
    codes = [row.cells[0] for row in _rows(block).data]
    assert codes == ["2210201", "2210202", "2210203"]


# --- a row without any rule: its words fall into the grid's columns -------------------------------


def test_an_unruled_first_row_in_the_grids_columns_continues_the_table() -> None:
    chars = [*row(75, "2210202", "提租补贴", "1,959.99"), *row(95, "2210203", "购房补贴", "12.00")]
    flow = document_flow([first_page(), continuation(chars, ruled(XS, [90, 110]))])
    (block,) = flow.blocks
    assert not flow.stray_grids and not flow.doubts and not flow.lines
    assert [(row.page, row.cells[0]) for row in _rows(block).data] == [
        (1, "2210201"),
        (2, "2210202"),
        (2, "2210203"),
    ]


def test_a_running_header_in_the_top_margin_does_not_stop_the_continuation() -> None:
    chars = [
        *word("江苏省某单位2019年度部门预算", 200, 30),
        *row(75, "2210202", "提租补贴", "1,959.99"),
        *row(95, "2210203", "购房补贴", "12.00"),
    ]
    flow = document_flow([first_page(), continuation(chars, ruled(XS, [90, 110]))])
    assert len(flow.blocks[0].grids) == 2 and not flow.stray_grids
    assert [line.text for line in flow.lines] == ["江苏省某单位2019年度部门预算"]


HEAD = "江苏省某单位2019年度部门预算"


def _headed(pages: list[PageLayout]) -> list[PageLayout]:
    for page in pages:
        page.chars = [*word(HEAD, 200, 30), *page.chars]
    return pages


def _three_pages() -> list[PageLayout]:
    rows = [*row(75, "2210202", "提租补贴", "1,959.99"), *row(95, "2210203", "购房补贴", "12.00")]
    last = PageLayout(3, WIDTH, HEIGHT, word("三、其他重要事项的情况说明", 80, 100), [])
    return [first_page(), continuation(rows, ruled(XS, [70, 90, 110])), last]


def test_a_running_head_over_the_pages_is_no_text_and_the_table_goes_on_under_it() -> None:
    flow = document_flow(_headed(_three_pages()))
    assert len(flow.blocks[0].grids) == 2 and not flow.stray_grids
    assert [line.text for line in flow.lines] == ["三、其他重要事项的情况说明"]


def test_a_line_in_the_margin_of_two_pages_is_no_running_head() -> None:
    pages = _three_pages()
    _headed(pages[:2])
    flow = document_flow(pages)
    assert [line.text for line in flow.lines].count(HEAD) == 2


@pytest.mark.parametrize(
    ("margin", "running"),
    [
        ("江苏省某单位2019年度部门预算  第 3 页", True),  # a head with its page number
        ("注：本表无数据。", False),  # a note under the tables of every page
        ("部门：江苏省某单位    单位：万元", False),  # the tables' filer and unit line
        ("收支预算总表", False),  # a table's title printed again over each of its pages
    ],
)
def test_what_a_margin_repeats_over_the_pages_is_a_running_head_unless_a_table_prints_it(
    margin: str, running: bool
) -> None:
    assert bool(running_texts([[margin]] * 3 + [[]] * 3)) is running


def test_a_grid_under_narrative_is_no_continuation() -> None:
    chars = [
        *word("纳入本部门预算编制范围的单位如下表所列。", 62, 200),
        *row(225, "1", "某某中心", "事业单位"),
    ]
    flow = document_flow([first_page(), continuation(chars, ruled(XS, [220, 240]))])
    assert len(flow.blocks[0].grids) == 1 and len(flow.stray_grids) == 1 and not flow.doubts


def test_a_grid_under_an_unruled_row_with_other_columns_is_doubted_not_joined() -> None:
    other = [60, 300, 400, 540]
    chars = [
        *row(75, "2210202", "提租补贴", "1,959.99", other),
        *row(95, "2210203", "购房补贴", "12.00", other),
    ]
    flow = document_flow([first_page(), continuation(chars, ruled(other, [90, 110]))])
    assert len(flow.blocks[0].grids) == 1 and len(flow.stray_grids) == 1
    assert [page for page, _ in flow.doubts] == [2]  # said in a warning, figures read as narrative


# --- a continuation page that says so: '续表', the title again with '（续）', the unit line again ------

CONTINUED_ROWS = [*row(95, "2210202", "提租补贴", "1,959.99"), *row(115, "2210203", "购房补贴", "12.00")]


def _continued_under(*lines: list) -> object:
    page = continuation(
        [*(char for line in lines for char in line), *CONTINUED_ROWS], ruled(XS, [90, 110, 130])
    )
    return document_flow([first_page(), page])


def test_a_grid_under_a_continued_mark_continues_the_table() -> None:
    for mark in ("续表", "续表1", "（续）", "续上表"):
        flow = _continued_under(word(mark, 480, 70))
        assert [len(block.grids) for block in flow.blocks] == [2] and not flow.lines, mark


@pytest.mark.parametrize("mark", ["（续）", "(续表)", "续表", " 续"])
def test_a_title_printed_again_with_its_continued_mark_continues_the_table(mark: str) -> None:
    flow = _continued_under(word("一、财政拨款支出预算表" + mark, 80, 60))
    assert [(block.title, len(block.grids)) for block in flow.blocks] == [("一、财政拨款支出预算表", 2)]


def test_another_tables_title_with_a_continued_mark_starts_that_table() -> None:
    flow = _continued_under(word("二、一般公共预算支出预算表（续）", 80, 60))
    assert [len(block.grids) for block in flow.blocks] == [1, 1]


def test_a_grid_under_the_unit_line_printed_again_continues_the_table() -> None:
    flow = _continued_under(word("续表", 62, 60), word("单位：万元", 480, 75))
    assert [len(block.grids) for block in flow.blocks] == [2] and not flow.lines and not flow.stray_grids


def test_a_grid_under_a_unit_line_and_narrative_is_no_continuation() -> None:
    flow = _continued_under(
        word("纳入本部门预算编制范围的单位如下表所列。", 62, 60), word("单位：万元", 480, 75)
    )
    assert [len(block.grids) for block in flow.blocks] == [1] and len(flow.stray_grids) == 1


# --- a header alone at a page's foot, its body under finer columns on the next page ---------------


def test_a_header_left_at_the_page_foot_joins_the_body_under_finer_columns() -> None:
    coarse, fine = [60, 300, 540], [60, 190, 300, 420, 540]
    header = PageLayout(
        1, WIDTH, HEIGHT, [*word("收入", 150, 745), *word("支出", 400, 745)], ruled(coarse, [740, 760])
    )
    body = [
        *word("项目", 65, 75),
        *word("金额", 195, 75),
        *word("项目", 305, 75),
        *word("金额", 425, 75),
        *word("一般公共预算", 65, 95),
        *word("100.00", 195, 95, 6),
        *word("基本支出", 305, 95),
        *word("100.00", 425, 95, 6),
    ]
    grids = [
        *page_content(header).grids,
        *page_content(PageLayout(2, WIDTH, HEIGHT, body, ruled(fine, [70, 90, 110]))).grids,
    ]
    rows = _rows(TableBlock("财政拨款收支预算总表", 1, grids=grids), two_sided=True)
    assert rows.header == [["收入", "", "支出", ""], ["项目", "金额", "项目", "金额"]]
    assert [(row.page, row.cells) for row in rows.data] == [
        (2, ["一般公共预算", "100.00", "基本支出", "100.00"])
    ]


@pytest.mark.parametrize(
    ("caption", "x", "rest", "read"),
    [
        ("因公出国", 215, "（境）费", ["合计", "小计", "因公出国（境）费"]),  # it filled its cell
        ("出国", 215, "（境）费", ["合计", "小计", "出国（境）费"]),  # '（境）' could not follow it there
        ("出国", 215, "其他", ["合计", "小计", "出国", "其他"]),  # '其' could: its own caption
        ("出国", 235, "（境）费", ["合计", "小计", "出国", "（境）费"]),  # set right: no sign of room
    ],
)
def test_a_caption_that_ran_out_of_room_at_the_page_foot_takes_its_rest_from_the_next_page(
    caption: str, x: float, rest: str, read: list[str]
) -> None:
    """A word processor broke the header row over the page: '因公出国' filled its cell (50 wide), so
    '（境）费' under it on the next page is its rest; a caption with room for what is under it is
    another's."""
    xs = [60, 160, 210, 260]
    header = [*word("合计", 65, 745), *word("小计", 165, 745), *word(caption, x, 745)]
    body = [*word(rest, 215, 75), *word("100.00", 65, 95, 6), *word("60.00", 165, 95, 6)]
    grids = [
        *page_content(PageLayout(1, WIDTH, HEIGHT, header, ruled(xs, [740, 760]))).grids,
        *page_content(PageLayout(2, WIDTH, HEIGHT, body, ruled(xs, [70, 90, 110]))).grids,
    ]
    rows = _rows(TableBlock("“三公”经费支出预算表", 1, grids=grids))
    assert [caption for level in rows.tree for caption in level if caption] == read
    assert [row.cells for row in rows.data] == [["100.00", "60.00", ""]]


@pytest.mark.parametrize(
    ("opening", "caption"),
    [
        (["100.00", "60.00", "40.00"], "机动经费"),  # a figure under it
        (["100.00", "60.00", "一般公共服务"], "科目名称"),  # a row's label beside its figures
    ],
)
def test_the_first_row_of_the_body_is_no_rest_of_a_caption_that_filled_its_cell(
    opening: list[str], caption: str
) -> None:
    xs = [60, 160, 210, 260]
    header = [*word("合计", 65, 745), *word("小计", 165, 745), *word(caption, 215, 745)]
    body = [*word(opening[0], 65, 75, 6), *word(opening[1], 165, 75, 6), *word(opening[2], 215, 75, 6)]
    grids = [
        *page_content(PageLayout(1, WIDTH, HEIGHT, header, ruled(xs, [740, 760]))).grids,
        *page_content(PageLayout(2, WIDTH, HEIGHT, body, ruled(xs, [70, 90]))).grids,
    ]
    rows = _rows(TableBlock("支出预算总表", 1, grids=grids))
    assert rows.header == [["合计", "小计", caption]]
    assert [row.cells for row in rows.data] == [opening]


def test_a_continuation_under_other_columns_is_reported_not_merged() -> None:
    first = page_content(first_page()).grids[0]
    other = page_content(
        continuation(
            row(95, "2210203", "购房补贴", "12.00", [100, 300, 450, 580]),
            ruled([100, 300, 450, 580], [90, 110]),
        )
    ).grids[0]
    rows = _rows(TableBlock("财政拨款支出预算表", 1, grids=[first, other]))
    assert [row.cells[0] for row in rows.data] == ["2210201"]
    assert [page for page, _ in rows.problems] == [2]


def _header_page(captions: list[tuple[str, float, float]], xs: list[float], ys: list[float]) -> Grid:
    """A continuation page opening with header rows (caption, x, top), then one row of figures."""
    chars = [char for text, x, top in captions for char in word(text, x, top)]
    chars += row(ys[-2] + 5, "2210203", "购房补贴", "12.00", xs)
    return page_content(continuation(chars, ruled(xs, ys))).grids[0]


def _data_after(continued: Grid) -> _Rows:
    return _rows(TableBlock("财政拨款支出预算表", 1, grids=[page_content(first_page()).grids[0], continued]))


def test_a_header_printed_again_with_its_captions_wrapped_otherwise_is_skipped() -> None:
    captions = [("科目", 65, 75), ("科目", 195, 75), ("金额", 425, 75), ("编码", 65, 95), ("名称", 195, 95)]
    rows = _data_after(_header_page(captions, XS, [70, 90, 110, 130]))
    assert [row.cells[0] for row in rows.data] == [
        "2210201",
        "2210203",
    ] and not rows.problems


def test_rows_without_figures_opening_a_continuation_that_are_not_its_header_are_kept() -> None:
    captions = [("其中", 65, 75), ("科目名称", 195, 75), ("金额", 425, 75)]
    rows = _data_after(_header_page(captions, XS, [70, 90, 110]))
    assert [row.cells[0] for row in rows.data] == ["2210201", "其中", "2210203"]


def test_a_continuation_at_another_width_under_the_header_printed_again_is_mapped_by_it() -> None:
    narrower = [80, 200, 400, 500]
    captions = [("科目编码", 85, 75), ("科目名称", 205, 75), ("金额", 405, 75)]
    rows = _data_after(_header_page(captions, narrower, [70, 90, 110]))
    assert [row.cells for row in rows.data][1] == [
        "2210203",
        "购房补贴",
        "12.00",
    ] and not rows.problems


def test_a_continuation_at_another_width_under_another_header_is_reported() -> None:
    narrower = [80, 200, 400, 500]
    captions = [("功能分类", 85, 75), ("科目名称", 205, 75), ("金额", 405, 75)]
    rows = _data_after(_header_page(captions, narrower, [70, 90, 110]))
    assert len(rows.data) == 1 and [page for page, _ in rows.problems] == [2]


# --- a row a word processor broke over the page: its label wrapped in its cell, the rest on the next --

NARROW = [60, 130, 230, 540]  # 科目编码 | 科目名称 (a line of 9 characters fills it) | 金额


def _broken_row(label: str, rest: str, inferred: bool = False, code: str = "2080505") -> _Rows:
    """A row whose label's last line on the first page is `label`, the next page opening with `rest`."""
    first = PageLayout(
        1,
        WIDTH,
        HEIGHT,
        [
            *word("一、财政拨款支出预算表", 80, 100),
            *word("科目编码", 65, 145),
            *word("科目名称", 135, 145),
            *word("金额", 235, 145),
            *row(165, code, label, "1,234.00", NARROW),
        ],
        ruled(NARROW, [140, 160, 180]),
    )
    chars = [*word(rest, 135, 75), *row(95, "2210203", "购房补贴", "12.00", NARROW)]
    grids = [
        page_content(first).grids[0],
        page_content(continuation(chars, ruled(NARROW, [70, 90, 110]))).grids[0],
    ]
    return _rows(
        TableBlock("财政拨款支出预算表", 1, grids=[replace(grid, inferred=inferred) for grid in grids])
    )


def test_the_rest_of_a_label_that_filled_its_cell_joins_it_over_the_page_break() -> None:
    rows = _broken_row("机关事业单位基本养", "老保险缴费支出")
    assert [row.cells[1] for row in rows.data] == [
        "机关事业单位基本养老保险缴费支出",
        "购房补贴",
    ]


def test_cells_placed_from_the_alignment_of_text_say_nothing_of_room() -> None:
    """Laid-out text: a column's cells are as wide as its text, so every label fills its cell."""
    rows = _broken_row("机关事业单位基本养", "老保险缴费支出", inferred=True)
    assert [row.cells[1] for row in rows.data] == [
        "机关事业单位基本养",
        "老保险缴费支出",
        "购房补贴",
    ]


def test_a_row_without_figures_under_a_label_that_ended_short_is_a_row() -> None:
    rows = _broken_row("住房公积金", "老保险缴费支出")
    assert [row.cells[1] for row in rows.data] == [
        "住房公积金",
        "老保险缴费支出",
        "购房补贴",
    ]


def test_a_numbered_item_under_a_label_that_filled_its_cell_is_a_row() -> None:
    rows = _broken_row("机关事业单位基本养", "八、社会保障支出")
    assert [row.cells[1] for row in rows.data] == [
        "机关事业单位基本养",
        "八、社会保障支出",
        "购房补贴",
    ]


@pytest.mark.parametrize("inferred", [False, True])
def test_a_cell_a_browser_sent_on_whole_joins_the_row_it_left_blank(inferred: bool) -> None:
    """A browser sends a cell's lines on when they do not fit, leaving its row's other cells above the
    break: the continuation opens with words alone, under the row's blank cell. Not where the columns
    were placed from the alignment of text (a row of words there is a row)."""
    rows = _broken_row("", "台式计算机", inferred=inferred)
    labels = [row.cells[1] for row in rows.data]
    assert labels == (["", "台式计算机", "购房补贴"] if inferred else ["台式计算机", "购房补贴"])


@pytest.mark.parametrize(("code", "joined"), [("", True), ("2080505", False)])
def test_labels_a_browser_sent_on_whole_join_a_row_of_figures_alone(code: str, joined: bool) -> None:
    """A row whose labels all went on over the break, item number and all, leaving its figures alone
    above it ('28,849.38' / '一、财政拨款'); a row with a code of its own keeps a numbered item apart."""
    labels = [row.cells[1] for row in _broken_row("", "八、社会保障支出", code=code).data]
    assert labels == (["八、社会保障支出", "购房补贴"] if joined else ["", "八、社会保障支出", "购房补贴"])


def test_a_label_sent_on_beside_the_other_sides_row_that_stayed_joins_its_figure() -> None:
    """A two-sided row: the income label, wrapped, went on over the break; its figure and the whole
    expenditure side stayed above. The label joins where its figure stayed; a label where the row
    above has its own does not, nor a numbered item under a coded line."""
    above = SimpleNamespace(page=1, inferred=False)
    below = SimpleNamespace(page=2, inferred=False)

    def rows(*cells: str) -> _Rows:
        return _Rows([], [_DataRow(1, list(cells), [None] * len(cells))])

    two_sided = rows("", "21,940.96", "一、基本支出", "13,979.92")
    assert _sent_on(two_sided, above, below, ["一、一般公共预算", "", "", ""])
    assert not _sent_on(two_sided, above, below, ["", "", "二、项目支出", ""])
    assert not _sent_on(rows("2080505", "", "1,234.00"), above, below, ["", "八、社会保障支出", ""])


def test_the_headers_row_of_code_captions_the_break_sent_on_is_no_row() -> None:
    # a browser breaks a header between its rows: '类 | 款' opens the next page, over the rows
    assert _captions_sent_on([["类", "款", "", ""], ["301", "01", "基本工资", "1.00"]]) == 1
    assert _captions_sent_on([["", "款", "", ""], ["301", "01", "基本工资", "1.00"]]) == 0  # a label's rest


def test_a_placeholder_row_of_dots_is_no_label_cut_by_the_page_break() -> None:
    assert _is_cut_label(["", "出", ""]) and not _is_cut_label(["…", "…", ""])


# --- filer and unit lines wrapped in their text box ------------------------------------------------


def titled_page(lines: list[list]) -> PageLayout:
    chars = [char for line in lines for char in line]
    chars += [*word("科目编码", 65, 145), *word("科目名称", 195, 145), *word("金额", 425, 145)]
    chars += row(165, "2210201", "住房公积金", "1,029.15")
    return PageLayout(1, WIDTH, HEIGHT, chars, ruled(XS, [140, 160, 180]))


def test_a_wrapped_filer_line_is_no_title() -> None:
    page = titled_page(
        [
            word("一般公共预算支出预算表", 150, 90),
            word("部门名称：江苏省高级人民法", 65, 112),
            [*word("院", 65, 125), *word("单位：万元", 480, 125)],
        ]
    )
    (block,) = document_flow([page]).blocks
    assert (block.title, block.unit_name, block.unit) == (
        "一般公共预算支出预算表",
        "江苏省高级人民法院",
        Unit.WAN,
    )


def test_a_filer_line_wrapped_over_three_lines_is_whole() -> None:
    page = titled_page(
        [
            word("一般公共预算支出预算表", 150, 90),
            word("部门名称：中国共产党江苏", 65, 100),
            word("省委员会办公", 65, 112),
            [*word("厅", 65, 125), *word("单位：万元", 480, 125)],
        ]
    )
    (block,) = document_flow([page]).blocks
    assert block.unit_name == "中国共产党江苏省委员会办公厅"


_TITLE = word("一般公共预算支出预算表", 150, 80)
_UNIT_AT = 480


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(  # a cell's wrap: under the name printed apart from its key
            [[*word("编制单位：", 65, 100), *word("江苏省高级人民法", 140, 100)], [*word("院", 140, 113)]],
            id="under-the-name",
        ),
        pytest.param(  # a paragraph's wrap: back to where the key starts
            [[*word("编制单位：", 65, 100), *word("江苏省高级人民法", 140, 100)], [*word("院", 65, 113)]],
            id="back-to-the-key",
        ),
        pytest.param(  # the unit on the filer's line, the tail alone under the name
            [
                [
                    *word("编制单位：", 65, 100),
                    *word("江苏省高级人民法", 140, 100),
                    *word("单位：万元", _UNIT_AT, 100),
                ],
                word("院", 140, 113),
            ],
            id="tail-alone-under-the-name",
        ),
        pytest.param(  # a centred filer line whose tail went to the margin, on the unit's line
            [
                word("编制单位：江苏省高级人民法", 150, 100),
                [*word("院", 65, 113), *word("单位：万元", _UNIT_AT, 113)],
            ],
            id="tail-at-the-margin-on-the-unit-line",
        ),
        pytest.param(  # the same, the tail on a line of its own
            [
                [*word("编制单位：江苏省高级人民法", 150, 100), *word("单位：万元", _UNIT_AT, 100)],
                word("院", 65, 113),
            ],
            id="tail-at-the-margin-alone",
        ),
        pytest.param(  # double spacing: the tail more than a line's height below
            [
                [*word("编制单位：江苏省高级人民法", 65, 100), *word("单位：万元", _UNIT_AT, 100)],
                word("院", 65, 126),
            ],
            id="tail-a-line-further-down",
        ),
    ],
)
def test_a_filer_name_wrapped_any_way_is_whole_and_its_table_kept(lines: list[list]) -> None:
    (block,) = document_flow([titled_page([_TITLE, *lines])]).blocks
    assert (block.title, block.unit_name) == ("一般公共预算支出预算表", "江苏省高级人民法院")


@pytest.mark.parametrize(
    ("filer", "under", "name"),
    [
        # a long tail on a line of its own finishes the name
        (
            "上海市普陀区长征镇人民政府",
            "社区事务受理服务中心",
            "上海市普陀区长征镇人民政府社区事务受理服务中心",
        ),
        # a line with figures under a filer line is no part of it
        ("江苏省高级人民法院", "2025年", "江苏省高级人民法院"),
    ],
)
def test_what_a_line_under_a_filer_line_adds_to_the_name(filer: str, under: str, name: str) -> None:
    filer_line = [*word(f"编制单位：{filer}", 65, 100), *word("单位：万元", _UNIT_AT, 100)]
    (block,) = document_flow([titled_page([_TITLE, filer_line, word(under, 65, 113)])]).blocks
    assert (block.title, block.unit_name) == ("一般公共预算支出预算表", name)


@pytest.mark.parametrize(
    "key", ["编制单位", "填报单位", "报送单位", "编制单位（盖章）", "单位名称(公章)", "部门（单位）名称"]
)
def test_a_filer_line_opens_with_any_of_the_keys_forms_print(key: str) -> None:
    page = titled_page(
        [
            word("一般公共预算支出预算表", 150, 90),
            [*word(f"{key}：江苏省高级人民法院", 65, 125), *word("单位：万元", 480, 125)],
        ]
    )
    (block,) = document_flow([page]).blocks
    assert (block.unit_name, block.unit) == ("江苏省高级人民法院", Unit.WAN)


@pytest.mark.parametrize("gap", ["", " "])
def test_a_filer_line_running_on_to_the_unit_after_a_narrow_space_names_the_filer(gap: str) -> None:
    # a spreadsheet's export prints '部门：XX院 单位：万元' in one cell: no wide gap splits the words
    page = titled_page(
        [word("一般公共预算支出预算表", 150, 90), word(f"部门：江苏省高级人民法院{gap}单位：万元", 65, 125)]
    )
    (block,) = document_flow([page]).blocks
    assert (block.unit_name, block.unit) == ("江苏省高级人民法院", Unit.WAN)


def test_a_line_naming_the_person_who_filled_it_in_names_no_filer() -> None:
    page = titled_page(
        [
            word("一般公共预算支出预算表", 150, 90),
            [*word("填报人：张三", 65, 125), *word("单位：万元", 480, 125)],
        ]
    )
    assert [block.unit_name for block in document_flow([page]).blocks] == [None]


def _keys_in_frame(page_number: int, first: list) -> PageLayout:
    """The filer and unit lines as the grid's first row (the frame drawn round them), then the header."""
    chars = [
        *word("编制部门：江苏省高级人民法院", 65, 125),
        *word("单位：元", 480, 125),
        *word("科目编码", 65, 145),
        *word("科目名称", 195, 145),
        *word("金额", 425, 145),
        *first,
    ]
    gaps = {(x, 0): True for x in XS[1:-1]}  # one cell across the first row
    return PageLayout(page_number, WIDTH, HEIGHT, chars, ruled(XS, [120, 140, 160, 180], gaps))


def test_filer_and_unit_lines_inside_the_frame_are_no_header() -> None:
    page = _keys_in_frame(
        1, [*word("一、财政拨款支出预算表", 80, 100), *row(165, "2210201", "住房公积金", "1,029.15")]
    )
    (block,) = document_flow([page]).blocks
    assert (block.unit_name, block.unit) == ("江苏省高级人民法院", Unit.YUAN)
    rows = _rows(block)
    assert rows.header == [["科目编码", "科目名称", "金额"]] and len(rows.data) == 1


def test_filer_and_unit_lines_inside_a_continuations_frame_are_no_rows() -> None:
    first = _keys_in_frame(
        1, [*word("一、财政拨款支出预算表", 80, 100), *row(165, "2210201", "住房公积金", "1,029.15")]
    )
    (block,) = document_flow([first, _keys_in_frame(2, row(165, "2210202", "提租补贴", "1,959.99"))]).blocks
    assert [row.cells[0] for row in _rows(block).data] == ["2210201", "2210202"]


def test_a_filer_key_alone_takes_the_name_printed_under_it() -> None:
    page = titled_page(
        [
            word("一般公共预算支出预算表", 150, 90),
            word("编制单位：", 65, 112),
            [*word("江苏省高级人民法院", 65, 125), *word("单位：万元", 480, 125)],
        ]
    )
    flow = document_flow([page])
    assert [block.unit_name for block in flow.blocks] == ["江苏省高级人民法院"] and not flow.lines


def test_a_filer_key_alone_takes_no_line_starting_elsewhere() -> None:
    page = titled_page(
        [
            word("一般公共预算支出预算表", 150, 90),
            word("编制单位：", 65, 112),
            [*word("江苏省高级人民法院", 120, 125), *word("单位：万元", 480, 125)],
        ]
    )
    assert [block.unit_name for block in document_flow([page]).blocks] == [None]


def test_a_wrapped_unit_line_is_no_title() -> None:
    page = titled_page(
        [
            word("“三公”经费支出预算表", 150, 90),
            word("单位：万", 500, 112),
            [*word("部门名称：江苏省高级人民法院", 65, 125), *word("元", 530, 125)],
        ]
    )
    (block,) = document_flow([page]).blocks
    assert (block.title, block.unit_name, block.unit) == (
        "“三公”经费支出预算表",
        "江苏省高级人民法院",
        Unit.WAN,
    )


@pytest.mark.parametrize(
    ("first", "tail"),
    [
        ("一般公共预算“三公”经费、会议费、培训费", "支出预算表"),
        # a longer tail naming another table alone ('…支出预算表' reads as the 支出预算总表): a browser
        # wraps a title wherever its line fills
        ("十一、一般公共预算“三公”经费、会议", "费、培训费支出预算表"),
        # on narrow paper: the first line filled, naming no table alone, the tail naming it
        ("十、2017年度江苏省高级人民法院部门一般公", "共预算机关运行经费支出预算表"),
    ],
)
def test_a_wrapped_title_still_joins_above_a_filer_line(first: str, tail: str) -> None:
    page = titled_page(
        [
            word(first, 100, 70),
            word(tail, 200, 85),
            [*word("部门名称：某单位", 65, 112), *word("单位：万元", 480, 112)],
        ]
    )
    (block,) = document_flow([page]).blocks
    assert (block.title, block.unit_name) == (first + tail, "某单位")


def test_a_longer_line_above_a_title_without_the_tables_number_is_not_its_start() -> None:
    # a form's last indicator above the next form's title: no number opens it, so it is no title's start
    page = titled_page(
        [
            word("党员群众满意度党员群众满意度不少于百分之八十", 100, 70),
            word("财政项目支出绩效目标填报表", 200, 85),
            [*word("部门名称：某单位", 65, 112), *word("单位：万元", 480, 112)],
        ]
    )
    (block,) = document_flow([page]).blocks
    assert block.title == "财政项目支出绩效目标填报表"


def test_nothing_above_a_tables_number_line_joins_its_title() -> None:
    # a line left over above (a row printed without rules, a heading) is not the start of the title
    page = titled_page(
        [
            word("2,224.43", 100, 55, 6),
            word("公开10表", 65, 70),
            word("财政拨款政府性基金支出预算表", 150, 85),
            word("单位：万元", 480, 112),
        ]
    )
    (block,) = document_flow([page]).blocks
    assert block.title == "公开10表 财政拨款政府性基金支出预算表"


def test_only_a_short_word_under_a_key_word_and_inside_its_width_is_its_tail() -> None:
    def at(text: str, x0: float, x1: float) -> Word:
        return Word(text, x0, x1, 0, 10)

    filer = at("部门名称：江苏省高级人民法", 65, 195)
    assert _is_tail(filer, at("院", 65, 75))
    assert not _is_tail(filer, at("院", 300, 310))  # outside the filer's width
    assert not _is_tail(filer, at("单位：万元", 100, 150))  # a key of its own
    assert not _is_tail(at("一般公共预算支出", 65, 195), at("预算表", 65, 95))  # no key: a title's tail
    assert _is_tail(at("单位：万", 500, 540), at("元", 530, 540))
    assert not _is_tail(at("单位：万元", 490, 540), at("元", 530, 540))  # the unit is whole already
    assert not _is_tail(at("单位：万", 500, 540), at("人", 530, 540))  # no unit formed


@pytest.mark.parametrize(
    "foot", ["- 3 -", "第3页", "第 3 页 共 20 页", "第3页/共20页", "共20页 第3页", "3/20"]
)
def test_a_page_number_at_the_foot_is_no_text(foot: str) -> None:
    page = PageLayout(
        1, WIDTH, HEIGHT, [*word("本部门主要职责是某某工作。", 62, 100), *word(foot, 280, 800)], []
    )
    assert [line.text for line in document_flow([page]).lines] == ["本部门主要职责是某某工作。"]


def test_a_figure_of_pages_in_the_text_is_kept() -> None:
    page = PageLayout(1, WIDTH, HEIGHT, [*word("第3页 共20页", 62, 400)], [])
    assert [line.text for line in document_flow([page]).lines] == ["第3页 共20页"]


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("表八 一般公共预算支出表", 8),
        ("表8 一般公共预算支出表", 8),
        ("附表8：一般公共预算支出表", 8),
        ("表 12 部门收支总表", 12),
        ("表1-1 部门收支总表", 1),
        ("公开08表 一般公共预算支出表", 8),
        ("表2024年一般公共预算支出表", None),
    ],
)
def test_a_tables_printed_number_in_chinese_or_arabic_numerals(title: str, number: int | None) -> None:
    assert _number(title) == number and (number is None or bare_title(title).endswith("表"))


def test_a_titles_number_is_taken_off_before_its_spaces() -> None:
    # table ten's title opening with 一 is no table eleven's (a page continuing it prints the title alone)
    assert bare_title("表十 一般公共预算机关运行经费支出预算表") == "一般公共预算机关运行经费支出预算表"
    assert bare_title("表十一 一般公共预算“三公”经费支出表") == "一般公共预算“三公”经费支出表"


def test_a_page_number_below_all_else_is_no_text_though_above_the_pages_foot() -> None:
    # printed at 80% of its paper: the number stands a fifth of the page above its foot, under the text
    # (read as text, '3' ran into the sentence it split: '增长' / '3' / '17.31%' gave 317.31%)
    first = PageLayout(1, WIDTH, HEIGHT, [*word("与上年相比增长", 62, 600), *word("3", 295, 650)], [])
    second = PageLayout(2, WIDTH, HEIGHT, [*word("17.31%。", 62, 180), *word("4", 295, 650)], [])
    assert [line.text for line in document_flow([first, second]).lines] == ["与上年相比增长", "17.31%。"]
