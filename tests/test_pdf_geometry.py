"""The PDF reader's geometry on hand-built pages: no PDF needed, so these run everywhere."""

from __future__ import annotations

from itertools import pairwise

import pytest

from budget_graph.model import Unit
from budget_graph.read.layout import is_note_row
from budget_graph.read.pdf_flow import TableBlock, pages_flow
from budget_graph.read.pdf_grid import _merge, find_grids, page_content
from budget_graph.read.pdf_page import Char, PageLayout, Rule, text_lines
from budget_graph.read.pdf_tables import _empty_notes, _header_tree, _rows, grid_texts


def glyph(text: str, x0: float, top: float, size: float = 10.0) -> Char:
    return Char(text, x0, x0 + size, top, top + size, x0 + size / 2, top + size / 2)


def word(text: str, x0: float, top: float, pitch: float = 10.0) -> list[Char]:
    return [glyph(ch, x0 + i * pitch, top) for i, ch in enumerate(text)]


def printed(value: str, x0: float, top: float, full: float = 10.0) -> list[Char]:
    """Characters from x0, each as wide as it prints: a digit or a Latin sign half a Chinese one."""
    chars, x = [], x0
    for ch in value:
        width = full / 2 if ch.isascii() else full
        chars.append(Char(ch, x, x + width, top, top + full, x + width / 2, top + full / 2))
        x += width
    return chars


def ruled(xs: list[float], ys: list[float], gaps: dict[tuple[float, int], bool] | None = None) -> list[Rule]:
    """Full horizontal rules at ys; vertical rules at xs, each row band drawn unless gaps[(x, band)]."""
    rules = [Rule(True, y, xs[0], xs[-1]) for y in ys]
    for x in xs:
        for band, (top, bottom) in enumerate(pairwise(ys)):
            if not (gaps or {}).get((x, band)):
                rules.append(Rule(False, x, top, bottom))
    return rules


def test_missing_rule_makes_a_spanning_cell() -> None:
    # a header '收入预算' over two columns: no vertical rule at x=200 in the first band
    (grid,) = find_grids(ruled([0, 100, 200, 300], [0, 20, 40, 60], {(200, 0): True}), page=1)
    assert grid.n_cols == 3 and len(grid.ys) == 4
    spanning = next(c for c in grid.cells if c.row == 0 and c.col == 1)
    assert (spanning.col_end, spanning.row_end) == (2, 0)


def test_a_region_that_is_no_rectangle_holds_every_band_it_covers() -> None:
    # the top-left cell closed by its own short rules, the two cells right of and under it one region
    # round it (an L), a column and a row of cells beside: a glyph in the L's lower-left band has a cell
    rules = [
        Rule(True, 0, 0, 300),
        Rule(True, 20, 0, 100),
        Rule(True, 20, 200, 300),
        Rule(True, 40, 0, 300),
        Rule(True, 60, 0, 300),
        Rule(False, 0, 0, 60),
        Rule(False, 100, 0, 20),
        Rule(False, 100, 40, 60),
        Rule(False, 200, 0, 60),
        Rule(False, 300, 0, 60),
    ]
    page = page_content(PageLayout(1, 595, 842, [glyph("合", 10, 25), glyph("计", 150, 5)], rules))
    (grid,) = page.grids
    assert all(owner is not None for row in grid.owner for owner in row)
    assert sorted(ch.text for cell in grid.cells for ch in cell.chars) == ["合", "计"]


def test_double_strokes_are_one_line_and_a_stub_is_no_boundary() -> None:
    rules = ruled([0, 100, 200], [0, 20, 40])
    rules += [Rule(True, 21.3, 0, 200)]  # a cell border drawn 1.3 pt inside the table's line
    rules += [Rule(False, 150, 20, 24)]  # a stub that crosses no band: parts no cell
    (grid,) = find_grids(rules, page=1)
    assert len(grid.ys) == 3  # 20 and 21.3 are one line
    assert grid.n_cols == 2


def test_blank_cell_keeps_its_place() -> None:
    chars = [*word("346.30", 2, 25, 5), *word("32.20", 202, 25, 5)]  # nothing in the middle column
    layout = PageLayout(1, 300, 100, chars, ruled([0, 100, 200, 300], [20, 40]))
    (grid,) = page_content(layout).grids
    assert grid_texts(grid) == [["346.30", "", "32.20"]]


def test_line_grouping_tolerates_marks_of_other_heights() -> None:
    quote = Char("“", 20, 25, 1, 4, 22.5, 2.5)  # a quotation mark sits high in the line
    chars = [*word("三公", 0, 0), quote, *word("经费", 26, 0), *word("合计", 200, 0)]
    (line,) = text_lines(chars)
    assert [w.text for w in line.words] == ["三公“经费", "合计"]


def test_cells_wrapped_at_other_heights_stay_lines_apart() -> None:
    # a header's cells set in their middle: '小计' half a line below '因公出国', '（境）费' a line below it,
    # right under it; the bands overlap in a chain, but no line prints one glyph over another
    chars = [
        *word("因公出国", 100, 0),
        *word("小计", 20, 5),
        *word("（境）费", 100, 10),
        *word("费", 200, 10),
    ]
    assert [line.text for line in text_lines(chars)] == ["小计 因公出国", "（境）费 费"]


def test_a_centred_cells_wrapped_line_set_half_a_character_off_is_a_line_of_its_own() -> None:
    # '八、社会保障和就业' / '支出' centred in a cell with tight line spacing: each of '支出' straddles two
    # characters above, under neither by half its width; read as one line they interleaved ('社会支保出障')
    chars = [*word("八、社会保障和就业", 0, 0), *word("支出", 35, 4)]
    assert [line.text for line in text_lines(chars)] == ["八、社会保障和就业", "支出"]


def test_type_printed_twice_a_fraction_aside_stays_one_line() -> None:
    chars = [*word("合计", 0, 0), *word("合计", 0.4, 0.3)]  # bold made by printing it again
    assert len(text_lines(chars)) == 1


def test_header_tree_follows_the_rules_not_the_print_rows() -> None:
    """公务接待费 spans three header rows beside a group with two levels below it: its own two
    columns (预算数/决算数) must hang under it, not under the neighbour printed in the row above."""
    xs = [0, 50, 100, 150, 200]
    ys = [0, 20, 40, 60, 80]
    gaps = {(50, 0): True, (50, 1): True, (150, 0): True, (150, 1): True, (150, 2): True}
    rules = [r for r in ruled(xs, ys, gaps) if not (r.horizontal and r.pos in {20, 40} and r.start >= 100)]
    rules += [Rule(True, 20, 0, 100), Rule(True, 40, 0, 100)]
    chars = [
        *word("车辆", 5, 5),
        *word("接待", 105, 5),
        *word("购置", 5, 25),
        *word("小计", 5, 45),
        *word("运行", 55, 45),
        *word("预算", 5, 65),
        *word("决算", 55, 65),
        *word("预算", 105, 65),
        *word("决算", 155, 65),
    ]
    (grid,) = page_content(PageLayout(1, 200, 100, chars, rules)).grids
    tree = _header_tree(grid, 0, 4)
    assert tree[0][2] == "接待" and tree[1][2] == "预算"  # 接待's columns one level below it


def test_codes_in_class_section_item_columns_become_one_code() -> None:
    xs = [0, 30, 60, 90, 200, 300]
    ys = [0, 20, 40, 60]
    header = [
        *word("类", 5, 5),
        *word("款", 35, 5),
        *word("项", 65, 5),
        *word("名称", 95, 5),
        *word("合计", 205, 5),
    ]
    first = [*word("201", 2, 25, 6), *word("一般公共服务", 95, 25), *word("1,000", 205, 25, 6)]
    second = [
        *word("201", 2, 45, 6),
        *word("06", 32, 45, 6),
        *word("01", 62, 45, 6),
        *word("行政运行", 95, 45),
    ]
    second += word("1,000", 205, 45, 6)
    (grid,) = page_content(PageLayout(1, 300, 100, header + first + second, ruled(xs, ys))).grids
    rows = _rows(TableBlock("收入预算总表", 1, grids=[grid]))
    assert [row.cells[0] for row in rows.data] == ["201", "2010601"]
    assert rows.data[1].cells[3] == "行政运行"
    boxes = rows.data[1].boxes  # the joined code's box spans the three code cells; the others are blank
    assert boxes[0] is not None and boxes[0][0] == 2 and boxes[0][2] > 62
    assert boxes[1] is None and boxes[2] is None
    assert boxes[4] is not None and boxes[4][0] == 205


def test_one_row_under_no_rule_is_a_grid_when_the_frame_runs_above_it() -> None:
    """A table's last row alone at the top of the next page: Word draws its bottom rule and its column
    lines, not the rule above it (that one ended the page before)."""
    rules = [Rule(True, 40, 0, 300), *(Rule(False, x, 20, 40) for x in (0, 100, 300))]
    (grid,) = find_grids(rules, page=2)
    assert (grid.ys, grid.xs) == ([20, 40], [0, 100, 300])


def _page(number: int, chars: list[Char], rules: list[Rule]):
    (grid,) = page_content(PageLayout(number, 300, 100, chars, rules)).grids
    return grid


def test_a_total_row_alone_on_the_next_page_keeps_its_columns() -> None:
    """Its merged label cell spans the label columns of a breakdown: it stands in the first of them."""
    header = [*word("项目", 5, 5), *word("功能", 102, 5), *word("用途", 135, 5), *word("金额", 205, 5)]
    item = [*word("一、支出", 5, 25), *word("行政", 102, 25), *word("1.00", 205, 25, 6)]
    first = _page(1, header + item, ruled([0, 100, 130, 200, 300], [0, 20, 40]))
    total = [*word("合计", 5, 25), *word("支出合计", 105, 25), *word("1.00", 205, 25, 6)]
    merged = ruled([0, 100, 200, 300], [20, 40])  # the total's label spans 功能 and 用途
    rows = _rows(TableBlock("收支预算总表", 1, grids=[first, _page(2, total, merged)]))
    assert [row.cells for row in rows.data][-1] == ["合计", "支出合计", "", "1.00"]


def test_a_first_page_of_merged_cells_takes_the_columns_its_continuation_refines() -> None:
    """Its one row spans a category column and its items' column: the next page's rows fill both."""
    header = [*word("项目名称", 5, 5), *word("金额", 205, 5)]
    total = [*word("收入总计", 5, 25), *word("2.00", 205, 25, 6)]
    first = _page(1, header + total, ruled([0, 200, 300], [0, 20, 40]))
    items = [*word("财政拨款", 5, 5), *word("小计", 105, 5), *word("2.00", 205, 5, 6)]
    rows = _rows(
        TableBlock("收入预算总表", 1, grids=[first, _page(2, items, ruled([0, 100, 200, 300], [0, 20]))])
    )
    assert [row.cells for row in rows.data] == [
        ["收入总计", "", "2.00"],
        ["财政拨款", "小计", "2.00"],
    ]


@pytest.mark.parametrize(
    ("xs", "mapped"),
    [
        # the same columns at 80 %, shifted: a sheet fitted to each page on its own
        ([20, 76, 116, 180, 260], True),
        # as many columns, their inner lines elsewhere: another table, not mapped
        ([20, 100, 140, 160, 260], False),
    ],
)
def test_a_continuation_printed_at_another_scale_maps_onto_the_first_pages_columns(
    xs: list[float], mapped: bool
) -> None:
    header = [
        *word("科目编码", 5, 5),
        *word("科目名称", 75, 5),
        *word("合计", 155, 5),
        *word("基本支出", 235, 5),
    ]
    first = _page(
        1,
        [*header, *word("201", 5, 25), *word("1.00", 255, 25, 6)],
        ruled([0, 70, 120, 200, 300], [0, 20, 40]),
    )
    second = _page(2, [*word("20101", 25, 5), *word("2.00", 230, 5, 6)], ruled(xs, [0, 20]))
    rows = _rows(TableBlock("一般公共预算支出预算表", 1, grids=[first, second]))
    assert (["20101", "", "", "2.00"] in [row.cells for row in rows.data]) is mapped
    assert bool(rows.lost_pages) is not mapped


def _wide_first_page() -> list:
    """An expenditure table's first page as a sheet too wide for it prints it: the labels and 合计, under
    a group caption ('支出预算') that stands over the next page's columns; two rows."""
    chars = [
        *word("项目", 5, 5),
        *word("科目名称", 5, 25),
        *word("合计", 105, 25),
        *word("一、支出", 5, 45),
        *printed("3.00", 105, 45),
        *word("二、支出", 5, 65),
        *printed("1.00", 105, 65),
    ]
    return [chars, ruled([0, 100, 200], [0, 20, 40, 60, 80])]


def _rest_page(number: int, left: float, top: float = 0, labels: bool = False):
    """The rest of its columns on the next page from `left`: the caption over them, 基本支出 and 项目支出."""
    at = 100 + left if labels else left
    chars = [
        *word("支出预算", at + 5, top + 5),
        *word("基本", at + 5, top + 25),
        *word("项目", at + 105, top + 25),
        *printed("2.00", at + 5, top + 45),
        *printed("1.00", at + 105, top + 45),
        *printed("1.00", at + 5, top + 65),
    ]
    xs = [at, at + 100, at + 200]
    if labels:  # the labels printed again, as a sheet's print titles
        chars = [
            *word("项目", 5, 5),
            *word("科目名称", 5, 25),
            *word("一、支出", 5, 45),
            *word("二、支出", 5, 65),
            *chars,
        ]
        xs = [left, *xs]
    ys = [top + y for y in (0, 20, 40, 60, 80)]
    return _page(number, chars, ruled(xs, ys, {(at + 100, 0): True}))


@pytest.mark.parametrize("labels", [False, True])
def test_a_table_printed_over_two_pages_by_its_columns_reads_as_one(labels: bool) -> None:
    first = _page(1, *_wide_first_page())
    rows = _rows(TableBlock("支出预算表", 1, grids=[first, _rest_page(2, 0, labels=labels)], rests={2}))
    assert [row.cells for row in rows.data] == [
        ["一、支出", "3.00", "2.00", "1.00"],
        ["二、支出", "1.00", "1.00", ""],
    ]
    assert not rows.lost_pages
    assert rows.tree[0] == ["项目", "支出预算", "", ""]  # the caption over all three, as printed whole


@pytest.mark.parametrize(
    "rest",
    [
        lambda: _rest_page(2, 0, top=10),  # its rows elsewhere on the page
        lambda: _page(  # the next page's rows under the header again: a continuation, not the rest
            2,
            [*word("项目", 5, 5), *word("科目名称", 5, 25), *word("合计", 105, 25), *word("三、支出", 5, 45)],
            ruled([0, 100, 200], [0, 20, 40, 60, 80]),
        ),
    ],
)
def test_a_next_page_that_is_not_the_rest_of_the_columns_is_not_joined(rest) -> None:
    first = _page(1, *_wide_first_page())
    rows = _rows(TableBlock("支出预算表", 1, grids=[first, rest()], rests={2}))
    assert rows.lost_pages or len(rows.header[0]) == 2


@pytest.mark.parametrize("cut_caption", [False, True])
def test_the_flow_takes_the_rest_of_the_columns_to_its_table_unless_a_caption_is_cut_at_the_edge(
    cut_caption: bool,
) -> None:
    """The rest under its unit line on the next page goes on with the table; a caption's words standing
    beyond the first page's frame (cut at the page's edge) leave it a page of its own: in doubt."""
    chars, rules = _wide_first_page()
    title = word("支出预算表", 50, -40)
    beyond = word("出", 205, 25) if cut_caption else []
    first = page_content(PageLayout(1, 300, 100, [*title, *chars, *beyond], rules))
    rest = _rest_page(2, 0)
    second = page_content(PageLayout(2, 300, 100, word("单位：元", 5, -20), []))
    second.grids = [rest]
    (block,) = pages_flow([first, second]).blocks
    assert [grid.page for grid in block.grids] == [1, 2]
    assert block.rests == (set() if cut_caption else {2})
    assert block.unit is Unit.YUAN


@pytest.mark.parametrize("filer", [True, False], ids=["with its filer line", "title alone"])
def test_a_title_row_framed_with_the_table_gives_its_filer_and_unit(filer: bool) -> None:
    """A sheet's title rows framed with the table: the title, and under it in the same cell the filer and
    unit line, in one cell across the whole width."""
    chars = word("2025年部门收入预算总表", 60, 3)
    if filer:
        chars += word("编制部门：上海市某局", 5, 14, 8) + word("单位：元", 240, 14, 8)
    chars += [*word("项目", 5, 30), *word("合计", 205, 30), *word("合计", 5, 50), *word("1.00", 205, 50, 6)]
    page = page_content(PageLayout(1, 300, 100, chars, ruled([0, 100, 300], [0, 25, 45, 65], _top_cell())))
    (block,) = pages_flow([page]).blocks
    assert block.title == "2025年部门收入预算总表"
    assert (block.unit, block.unit_name) == ((Unit.YUAN, "上海市某局") if filer else (None, None))


def _top_cell() -> dict[tuple[float, int], bool]:
    return {(100, 0): True}  # no column line in the first band: one cell across


@pytest.mark.parametrize("note", ["注：本部门无该项目", "说明：我单位无政府性基金支出安排。", "此表为空"])
def test_a_note_in_a_row_of_its_own_across_the_grid_is_the_tables_note(note: str) -> None:
    chars = [*word("科目名称", 5, 5), *word("合计", 205, 5), *word("合计", 5, 25), *word(note, 5, 45)]
    gaps = {(100, 2): True}  # the last row one cell across
    grid = _page(1, chars, ruled([0, 100, 300], [0, 20, 40, 60], gaps))
    rows = _rows(TableBlock("政府性基金预算支出表", 1, grids=[grid]))
    assert _empty_notes(rows) == [note]
    assert [row.cells for row in rows.data if any(row.cells) and not is_note_row(row.cells)] == [["合计", ""]]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # a browser draws no inner rule round the piece of a row a page break cuts: the words stand apart
        ((("维修费", 105), ("470.00", 220)), ["", "维修费", "470.00"]),
        # a merged cell of text, even with a figure, reads as printed
        ((("本表无数据，合计0.00元", 5),), ["本表无数据，合计0.00元", "", ""]),
        ((("维修费", 105), ("说明", 220)), ["维修费 说明", "", ""]),
    ],
)
def test_a_rows_cell_across_columns_with_a_figure_apart_is_read_in_its_columns(cells, expected) -> None:
    header = [*word("项目", 5, 5), *word("品目", 105, 5), *word("金额", 205, 5)]
    row = [char for text, x0 in cells for char in word(text, x0, 25, 6 if text[0].isdigit() else 10)]
    gaps = {(100, 1): True, (200, 1): True}  # the last row lost its inner column lines
    grid = _page(1, header + row, ruled([0, 100, 200, 300], [0, 20, 40], gaps))
    assert grid_texts(grid)[1] == expected


@pytest.mark.parametrize(
    ("label", "x0", "expected"),
    [
        ("七、文化旅游体育与传媒支", 105, ["", "七、文化旅游体育与传媒支", ""]),
        ("注：本表无数据", 5, ["注：本表无数据", "", ""]),
    ],
)
def test_a_row_cut_by_the_pages_foot_without_its_inner_rules_keeps_its_columns(label, x0, expected) -> None:
    """The piece of a row a page break cuts, drawn inside the frame's sides alone: its label stands in its
    own column, not in the first (it had landed on the income side of a 收支总表)."""
    header = [*word("项目", 5, 5), *word("功能分类", 105, 5), *word("金额", 205, 5)]
    rules = [*ruled([0, 100, 200, 300], [0, 20, 40]), Rule(False, 0, 40, 60), Rule(False, 300, 40, 60)]
    grid = _page(1, [*header, *word(label, x0, 45, 7)], rules)
    assert grid_texts(grid)[-1] == expected


def test_collinear_pieces_a_few_points_apart_are_one_rule() -> None:
    # a frame drawn cell by cell, each piece stopping short of the crossing: 3.6 points apart
    assert _merge([Rule(False, 100, 0, 18.2), Rule(False, 100, 21.8, 40)]) == [Rule(False, 100, 0, 40)]


def test_a_rule_broken_round_a_merged_cell_stays_broken() -> None:
    pieces = [Rule(False, 100, 0, 20), Rule(False, 100, 40, 60)]  # a cell spans both columns between
    assert _merge(pieces) == pieces


def test_a_grid_right_under_the_tables_grid_goes_on_with_the_table() -> None:
    """A frame broken by a gap narrower than a line of text: the rows under it are the table's."""
    xs = [0, 100, 300]
    chars = word("以下为本部门的收入预算。", 5, -70) + word("收入预算总表", 50, -40)
    chars += [*word("项目", 5, 5), *word("金额", 205, 5)]
    chars += [
        *word("合计", 5, 25),
        *word("2.00", 205, 25, 6),
        *word("行政运行", 5, 50),
        *word("2.00", 205, 50, 6),
    ]
    rules = ruled(xs, [0, 20, 40]) + ruled(xs, [45, 65])
    page = page_content(PageLayout(1, 300, 100, chars, rules))
    assert len(page.grids) == 2
    (block,) = pages_flow([page]).blocks
    assert len(block.grids) == 2
    assert [row.cells for row in _rows(block).data] == [
        ["合计", "2.00"],
        ["行政运行", "2.00"],
    ]


@pytest.mark.parametrize("off", [1.2, 2.4, 2.9])
def test_a_column_line_set_a_little_off_in_the_header_still_parts_the_body(off: float) -> None:
    # a Word export: the code column's line at x=100 in the header, `off` points right of it below
    rules = [Rule(True, y, 0, 300) for y in (0, 20, 40, 60)]
    rules += [Rule(False, x, 0, 60) for x in (0, 200, 300)]
    rules += [Rule(False, 100, 0, 20), Rule(False, 100 + off, 20, 60)]
    (grid,) = find_grids(rules, page=1)
    assert grid.n_cols == 3
    assert all(cell.col == cell.col_end for cell in grid.cells)  # no code cell joined to its name
