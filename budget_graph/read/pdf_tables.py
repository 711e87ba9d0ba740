"""Ruled grids of one printed table → the shared table builder's rows (read/tables.py).

A table may run over several pages, each page repeating the header, or a table too wide for its page
go on by its columns on the next (a sheet printed over, then down); its codes may be split into
类/款/项 columns; a long list may be printed in two halves side by side (决算 基本支出表); the 决算
“三公” table pairs 预算数 and 决算数 under each item; Jiangsu's 收支预算总表 breaks the expenditure down
twice. This module undoes all of that so that every row reaches the builder as [code, name …,
amounts …] with its page, and tells the builder exactly where the amounts start (blank cells stay
where the rules put them). Figures it cannot read are counted in a diagnostic, never dropped unsaid.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field, replace
from itertools import pairwise, takewhile

from budget_graph.model import (
    Box,
    Diagnostic,
    Doubt,
    Filing,
    Indicator,
    Location,
    Table,
    TableKind,
    Unit,
    is_number,
    printed_as_figure,
    prints_nothing,
)
from budget_graph.read.grid_rows import (
    GridRow,
    TableGrid,
    halves_at,
    items_as_columns,
    join_codes,
    label_columns,
    numbers_columns,
    stacked_parts,
    union,
    unread,
)
from budget_graph.read.layout import (
    CODE_CAPTIONS,
    TOTAL_LABEL,
    is_key_line,
    is_note_row,
    is_text_header,
    normalise,
    recognise_table,
)
from budget_graph.read.pdf_grid import COLUMN_SLACK, Cell, Grid, beside, refined, stack
from budget_graph.read.pdf_page import first_piece
from budget_graph.read.performance import PROJECT_FORMS_NOT_READ, is_project_form, project_indicators
from budget_graph.read.tables import TWO_SIDED, build_table, header_unit, remarks_from, unstated_unit
from budget_graph.read.text_columns import Layout, continued, kept_apart

_CODE_HEADER = re.compile(r"代码|编码")
_SPACE = re.compile(r"\s+")
_SCALED_LINES = 4  # column lines a page printed at another scale needs: its frame and two inner lines
_WORD = re.compile(r"\w")
_ITEM_LABEL = re.compile(r"^([一二三四五六七八九十]+、|\d+[.、．](?!\d)|[（(][一二三四五六七八九十]+[)）])")
_BANNER = re.compile(r"表$|^[（(]\d{4}年度?[)）]$")


@dataclass
class TableBlock:
    """A printed table: its title, unit line and the grids it spans (one per page, in order)."""

    title: str
    page: int
    number: int | None = None
    unit: Unit | None = None
    unit_name: str | None = None
    grids: list[Grid] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # pages whose grid holds the rest of the columns of the page before (a sheet printed over, then down):
    # read as one grid with it (columns_over_pages)
    rests: set[int] = field(default_factory=set)
    line: int | None = None  # laid-out text: the file's line of the line naming the table
    box: Box | None = None  # the title's lines on its page, as printed (PDF input)


@dataclass
class _DataRow:
    """A row of a table's body as read: its cells' texts on the first page's columns."""

    page: int
    cells: list[str]
    boxes: list[Box | None]  # each cell's printed box
    line: int | None = None  # laid-out text: the file's line it was read from


@dataclass
class _Rows:
    """A table's rows as text matrices (cell text at a span's top-left, blank elsewhere)."""

    header: list[list[str]]  # as printed: to recognise the header repeated on a continuation page
    data: list[_DataRow]
    problems: list[tuple[int, str]] = field(default_factory=list)  # (page, message)
    tree: list[list[str]] = field(default_factory=list)  # the header by nesting depth (see _header_tree)
    lost_pages: list[int] = field(default_factory=list)  # continuation pages whose rows could not be read


def read_table(block: TableBlock, source: str, filing: Filing, unit_names: set[str]) -> Table:
    kind = recognise_table(block.title)
    location = Location(
        source, line=block.line, page=block.page, table=block.title, bbox=block.box, excerpt=block.title
    )
    unit = block.unit or Unit.WAN
    table = Table(
        kind, block.title, block.number, unit, location, notes=list(block.notes), unit_name=block.unit_name
    )
    if is_project_form(block.title):
        table.kind = None  # one project's form (项目名称, 项目资金, indicators): not the unit-wide table
        filing.indicators.extend(
            indicator for grid in block.grids for indicator in _project_indicators(grid, table)
        )
        return table  # its amounts are not read: project_forms_not_read says so for all the forms
    if kind is None:
        _not_read(block, location, filing, f"未识别的表格“{block.title}”", f"unknown table “{block.title}”")
        filing.unread.append(location)
        return table
    rows = _rows(block, two_sided=kind in TWO_SIDED)
    if block.unit is None:  # no unit line: the header may name it ('金额（元）'), else 万元, in doubt
        table.unit = header_unit(rows.header) or unstated_unit(table)
    if kind is TableKind.ThreePublicExpenses:
        _phases_as_rows(rows)
    filing.diagnostics.extend(
        Diagnostic("warning", f"{block.title}: {message}", (location.at(page=page),))
        for page, message in rows.problems
    )
    if rows.lost_pages:  # its rows there are missing: no sum or comparison over the table is sure
        table.doubts.append(
            Doubt("续表未能读取，本表不全 a continuation page could not be read: the table is not whole")
        )
        filing.unread.extend(location.at(page=page) for page in rows.lost_pages)
    table.notes.extend(_empty_notes(rows))
    aligned = any(grid.inferred for grid in block.grids)
    grid = TableGrid(_grid_rows(rows, two_sided=kind in TWO_SIDED), _label_captions(rows), aligned)
    reading = build_table(table, grid, unit_names)
    filing.diagnostics.extend(reading.diagnostics)
    filing.indicators.extend(reading.indicators)
    return table


def _project_indicators(grid: Grid, table: Table) -> list[Indicator]:
    return project_indicators([GridRow(None, cells, grid.page) for cells in grid_texts(grid)], table)


def _not_read(block: TableBlock, location: Location, filing: Filing, why_zh: str, why_en: str) -> None:
    for grid in block.grids:
        count = sum(is_number(c.text) for c in grid.cells)
        filing.diagnostics.append(
            Diagnostic("warning", unread(count, why_zh, why_en), (location.at(page=grid.page),))
        )


def project_forms_not_read(blocks: list[TableBlock], source: str) -> list[Diagnostic]:
    """Project forms' amounts are not read yet: said once for all the filing's forms (a filing may print
    dozens), with their pages and the figures on them counted together."""
    forms = [block for block in blocks if is_project_form(block.title)]
    places = tuple(
        Location(source, page=grid.page, table=form.title, excerpt=form.title)
        for form in forms
        for grid in form.grids
    )
    if not places:
        return []
    figures = sum(is_number(cell.text) for form in forms for grid in form.grids for cell in grid.cells)
    pages = len(places)
    why_zh, why_en = (
        f"{PROJECT_FORMS_NOT_READ[0]}（{pages} 页）",
        f"{PROJECT_FORMS_NOT_READ[1]} ({pages} pages)",
    )
    return [Diagnostic("warning", unread(figures, why_zh, why_en), places)]


def grid_texts(grid: Grid) -> list[list[str]]:
    """Each row band as texts by column band: a spanning cell's text at its top-left only."""
    rows = [[""] * grid.n_cols for _ in range(len(grid.ys) - 1)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text.strip()
    return rows


def _source_lines(grid: Grid) -> list[int | None]:
    """Each row band's line in the text file it was read from (laid-out text), else None."""
    return grid.source_lines or [None] * (len(grid.ys) - 1)


def grid_boxes(grid: Grid) -> list[list[Box | None]]:
    """Each row band's printed text boxes by column band, as grid_texts places the texts. The glyphs'
    own boxes: they stay on their page when a header is stacked over a body from the next page. A grid
    placed from the alignment of text (read/text_layout.py) has no boxes on a page."""
    rows: list[list[Box | None]] = [[None] * grid.n_cols for _ in range(len(grid.ys) - 1)]
    for cell in [] if grid.inferred else grid.cells:
        rows[cell.row][cell.col] = union((c.x0, c.top, c.x1, c.bottom) for c in cell.chars if c.text.strip())
    return rows


def _rows(block: TableBlock, two_sided: bool = False) -> _Rows:
    first, *rest = _header_over_pages(columns_over_pages(block.grids, block.rests))
    first = _on_finest_columns(first, rest)
    banner = banner_rows(first)
    texts = grid_texts(first)[banner:]
    boxes = grid_boxes(first)[banner:]
    start = _data_start(texts)
    lines = _source_lines(first)[banner:]
    data = [
        _DataRow(first.page, cells, box, line) for cells, box, line in zip(texts, boxes, lines, strict=True)
    ]
    rows = _Rows(texts[:start], data[start:])
    rows.tree = _header_tree(first, banner, banner + start)
    for previous, grid in pairwise([first, *rest]):
        _continue(rows, first, previous, grid)
    halves = halves_at(rows.header, named=not two_sided)
    if halves:
        rows = _stack(rows, *halves)
    join_codes(rows.header, [(row.cells, row.boxes) for row in rows.data])
    return rows


def _on_finest_columns(first: Grid, rest: list[Grid]) -> Grid:
    """The first page on the columns of a continuation that refines them: a first page holding only
    rows of merged cells (a total across a category column and its items) drops the lines they span."""
    finer = [grid for grid in rest if grid.n_cols > first.n_cols and not grid.inferred]
    for grid in sorted(finer, key=lambda g: -g.n_cols):
        if (placed := refined(first, grid.xs, COLUMN_SLACK)) is not None:
            return placed
    return first


def columns_over_pages(grids: list[Grid], rests: set[int]) -> list[Grid]:
    """A table too wide for its page printed over, then down (as a spreadsheet prints): the columns that
    did not fit go on the next page, at its margin, under the rest of the header, with the rows' labels
    printed again or not. Each page and the rest of its columns on a page of `rests` become one grid."""
    joined, last = grids[:1], grids[0].page
    for grid in grids[1:]:
        table = joined[0] if len(joined) > 1 else None
        rest = grid.page in rests and grid.page == last + 1
        whole = rest_of_columns(joined[-1], grid, table) if rest else None
        joined[-1:] = [joined[-1], grid] if whole is None else [whole]
        last = grid.page
    return joined


def rest_of_columns(first: Grid, grid: Grid, table: Grid | None = None) -> Grid | None:
    """`first` and the rest of its columns printed on the next page (`grid`) as one grid; None unless the
    evidence is clear: ruled grids whose rows stand on the same lines, at the same place, `grid`'s own
    columns holding nothing but figures (no labels) under captions no column of `first` prints, and the
    labels it prints again, if any, `first`'s cell for cell. A page under no header (a continuation)
    has no captions to go by: the two then go on with `table`'s columns (its first page, joined), line
    for line. Otherwise `grid` stays a page of its own (a continuation whose columns differ: in doubt)."""
    # a sheet prints the same rows at the same place on each page across
    if first.inferred or grid.inferred or abs(first.top - grid.top) > COLUMN_SLACK:
        return None
    start = _body_start(first)
    whole = None if start is None else beside(first, grid, _labels_again(first, grid), COLUMN_SLACK)
    if start is None or whole is None:
        return None
    body = len(whole.ys) - len(first.ys) + start  # the header may gain the rest's lines, never the body
    texts = grid_texts(whole)
    if not (
        whole.ys[body:] == first.ys[start:]
        and _ruled_row_by_row(whole, first.n_cols, body)
        and (_rest_of_header(texts[:body], first.n_cols) if body else _same_columns(table, whole))
        and all(_figures_only(cells[first.n_cols :]) for cells in texts[body:])
    ):
        return None
    return _seam_closed(whole, first.n_cols, body)


def _body_start(grid: Grid) -> int | None:
    """The row band where the grid's body starts under its header (its first when it prints none)."""
    banner = banner_rows(grid)
    texts = grid_texts(grid)[banner:]
    start = _data_start(texts)
    return (banner + start if start else 0) if start < len(texts) else None


def _same_columns(table: Grid | None, whole: Grid) -> bool:
    return (
        table is not None and len(table.xs) == len(whole.xs) and _mapped_columns(table, whole.xs) is not None
    )


def _labels_again(first: Grid, grid: Grid) -> int:
    """How many columns opening `grid` print `first`'s again (a spreadsheet's print titles, the rows'
    labels): on its column lines, cell for cell the same texts on the same rows. 0 when it prints none."""
    lines, width = 0, min(first.n_cols, grid.n_cols - 1)
    while lines < width and all(abs(grid.xs[i] - first.xs[i]) <= COLUMN_SLACK for i in (lines, lines + 1)):
        lines += 1
    # the rest's columns may stand on the first page's lines too, as wide as its own
    return next((count for count in range(lines, 0, -1) if _same_cells_in(first, grid, count)), 0)


def _same_cells_in(first: Grid, grid: Grid, width: int) -> bool:
    mine, again = _printed(first, width), _printed(grid, width)
    return len(mine) == len(again) and all(map(_same_place, mine, again))


def _printed(grid: Grid, width: int) -> list[tuple[int, int, float, str]]:
    """The cells of the grid's first `width` columns: their columns, how far below the frame's top each
    stands, and its text."""
    return sorted(
        (c.col, c.col_end, c.top - grid.top, normalise(c.text)) for c in grid.cells if c.col_end < width
    )


def _same_place(one: tuple[int, int, float, str], other: tuple[int, int, float, str]) -> bool:
    return one[:2] == other[:2] and abs(one[2] - other[2]) <= COLUMN_SLACK and one[3] == other[3]


def _ruled_row_by_row(whole: Grid, seam: int, body: int) -> bool:
    """Does the rest (the columns from `seam`) rule every row of the body as the first page does: no
    cell of it across the header's foot or over two rows of the body?"""
    return all(
        cell.row_end < body or (cell.row >= body and cell.row == cell.row_end)
        for cell in whole.cells
        if cell.col >= seam
    )


def across_the_seam(whole: Grid, seam: int) -> bool:
    """Does text run across the seam, out of its cell: a caption centred over columns on both pages, cut
    at the page's edge, its words on neither page whole?"""
    x = whole.xs[seam]
    return any(
        line.x1 > x if cell.col_end < seam else line.x0 < x
        for row in whole.owner
        for cell in (row[seam - 1], row[seam])
        if not cell.col < seam <= cell.col_end  # a caption made one again over the seam stands over both
        for line in cell.lines
    )


def _rest_of_header(header: list[list[str]], seam: int) -> bool:
    """Do the rest's header cells complete the first page's header: captions, none a figure, and not the
    first page's last columns printed again (a caption may recur: each side of a two-sided table has its
    '金额')?"""
    rest = [[normalise(c) for c in cells[seam:]] for cells in header]
    width = len(rest[0]) if rest else 0
    again = [[normalise(c) for c in cells[max(seam - width, 0) : seam]] for cells in header]
    captions = [c for cells in rest for c in cells if c]
    return bool(captions) and not any(is_number(c) for c in captions) and rest != again


def _figures_only(cells: list[str]) -> bool:
    return all(is_number(c) or prints_nothing(c) for c in cells)


def _seam_closed(whole: Grid, seam: int, body: int) -> Grid:
    """A header cell the page's edge cut in two (a caption over columns on both pages, printed on one of
    them) made one again: a caption and a blank cell meeting at the seam over the same rows."""
    halves = [(whole.owner[row][seam - 1], whole.owner[row][seam]) for row in range(body)]
    cut = [
        (left, right)
        for row, (left, right) in enumerate(halves)
        if left.row == right.row == row
        and left.row_end == right.row_end
        and bool(left.text.strip()) != bool(right.text.strip())
    ]
    if not cut:
        return whole
    parts = {id(cell) for pair in cut for cell in pair}
    kept = [cell for cell in whole.cells if id(cell) not in parts]
    return _with_cells(whole, kept + [_merged(left, right) for left, right in cut])


def _merged(left: Cell, right: Cell) -> Cell:
    return replace(
        left,
        col_end=right.col_end,
        x1=right.x1,
        chars=[*left.chars, *right.chars],
        lines=[*left.lines, *right.lines],
    )


def _header_over_pages(grids: list[Grid]) -> list[Grid]:
    """A header left alone at the foot of a page, the body on the next page under finer columns
    ('收入 | 支出' over '项目名称 | 金额 | 项目名称 | 金额'): one grid, the header over the body."""
    first, *rest = grids
    texts = grid_texts(first)
    if not rest or _data_start(texts) < len(texts) or _repeats_header(texts, grid_texts(rest[0])):
        return grids
    joined = stack(*_captions_over_the_break(first, rest[0]), COLUMN_SLACK)
    return [joined, *rest[1:]] if joined is not None else grids


def _captions_over_the_break(upper: Grid, lower: Grid) -> tuple[Grid, Grid]:
    """A header row a page break cut (a word processor breaks a row over pages): a caption at the
    page's foot goes on in the cell as wide opening the next page when it ran out of room there
    ('因公出国' / '（境）费'); that cell takes nothing else. Not when the next page opens with the body
    (a row with its figures), nor on grids placed from the alignment of text."""
    if upper.inferred or lower.inferred or _data_start(grid_texts(lower)) == 0:
        return upper, lower
    last = len(upper.ys) - 2
    moved: dict[int, Cell] = {}
    for rest in lower.cells:
        if rest.row == 0 and _a_rest(rest.text):
            home = next(
                (c for c in upper.cells if c.row_end == last and _as_wide(c, rest) and runs_on(c, rest)), None
            )
            if home is not None:
                moved[id(home)] = rest
    if not moved:
        return upper, lower
    rests = {id(cell) for cell in moved.values()}
    return (
        _with_cells(upper, [_joined(c, moved[id(c)]) if id(c) in moved else c for c in upper.cells]),
        _with_cells(lower, [replace(c, lines=[], chars=[]) if id(c) in rests else c for c in lower.cells]),
    )


def _as_wide(one: Cell, other: Cell) -> bool:
    return abs(one.x0 - other.x0) <= COLUMN_SLACK and abs(one.x1 - other.x1) <= COLUMN_SLACK


def _joined(cell: Cell, rest: Cell) -> Cell:
    return replace(cell, lines=[*cell.lines, *rest.lines])


def _with_cells(grid: Grid, cells: list[Cell]) -> Grid:
    return replace(grid, cells=cells)


def runs_on(cell: Cell, rest: Cell) -> bool:
    """Did a cell's text go on in `rest` (under it, at the top of the next page)? Its last line stops
    nearer the cell's right side than the rest's first unbreakable piece and a line's height (the
    cell's margin) need, and no nearer its left side (set left or centred): a word processor broke the
    line there for want of room, and the row at the page break. A figure is no label that goes on."""
    if not cell.lines or not rest.lines or is_number(cell.text):
        return False
    last = max(cell.lines, key=lambda line: line.top)
    first = min(rest.lines, key=lambda line: line.top)
    room, em = cell.x1 - last.x1, last.bottom - last.top
    return room < first_piece(first.chars) + em and last.x0 - cell.x0 <= room + em


def _rests(previous: Grid, grid: Grid, band: int, mapping: list[int]) -> set[int]:
    """The columns (the first page's) in which a continuation's row holds the rest of a label the page
    break cut off the last row of the page before: text under a cell that ran out of room there, no
    figure, no item's number or total of its own. None on grids placed from the alignment of text,
    whose cells say nothing of room."""
    if previous.inferred or grid.inferred:
        return set()
    cut = [cell for cell in previous.cells if cell.row_end == len(previous.ys) - 2]
    return {
        mapping[cell.col]
        for cell in grid.cells
        if cell.row == band
        and cell.text.strip()
        and _a_rest(cell.text)
        and any(
            c.x0 - COLUMN_SLACK <= (cell.x0 + cell.x1) / 2 <= c.x1 + COLUMN_SLACK and runs_on(c, cell)
            for c in cut
        )
    }


def _a_label(text: str) -> bool:
    """Words that may name a row, an item's or a total's: no figure."""
    text = normalise(text)
    return bool(_WORD.search(text)) and not is_number(text)


def _a_rest(text: str) -> bool:
    """Could a cell's text be the rest of a label: words, and no figure, item's number or total?"""
    text = normalise(text)
    return _a_label(text) and not (_ITEM_LABEL.match(text) or TOTAL_LABEL.match(text))


def _repeats_header(header: list[list[str]], texts: list[list[str]]) -> bool:
    """Does a continuation page open with the header printed again?"""

    def filled(cells: list[str]) -> list[str]:
        return [normalise(c) for c in cells if c]

    return bool(texts) and filled(texts[0]) == filled(header[0])


def _header_tree(grid: Grid, top: int, end: int) -> list[list[str]]:
    """The header re-printed one row per nesting depth, each label at its left edge.

    read/layout.py hangs a label under the nearest label at or left of it in the row above; a label
    spanning several row bands (公务接待费 beside 公务用车购置及运行费 → 小计/购置费/运行费) would hang
    its children under the wrong parent in the printed rows. The ruling lines say the true parent: the
    nearest non-blank cell above the label's first column.
    """
    depth: dict[int, int] = {}
    by_depth: dict[int, list[str]] = {}
    for cell in sorted(
        (c for c in grid.cells if top <= c.row < end and c.text), key=lambda c: (c.row, c.col)
    ):
        parent = _cell_above(grid, cell, top)
        level = depth[id(parent)] + 1 if parent is not None else 0
        depth[id(cell)] = level
        by_depth.setdefault(level, [""] * grid.n_cols)[cell.col] = cell.text.strip()
    return [by_depth[level] for level in sorted(by_depth)]


def _cell_above(grid: Grid, cell: Cell, top: int) -> Cell | None:
    row = cell.row - 1
    while row >= top:
        above = grid.owner[row][cell.col]
        if above.text:
            return above
        row = above.row - 1
    return None


def banner_rows(grid: Grid) -> int:
    """Leading rows that are no header: one cell across the whole width holding a form's title or
    year, or the filer and unit lines printed inside the frame ('编制部门：… | 单位：万元')."""
    count = 0
    while _is_banner([c for c in grid.cells if c.row == count and c.text.strip()], grid.n_cols):
        count += 1
    return count


def _is_banner(cells: list[Cell], width: int) -> bool:
    whole = len(cells) == 1 and cells[0].col == 0 and cells[0].col_end == width - 1
    return bool(cells) and (
        (whole and bool(_BANNER.search(normalise(cells[0].text))))
        or all(is_key_line(normalise(c.text)) for c in cells)
    )


def _data_start(texts: list[list[str]]) -> int:
    """The header ends at the first row that carries a figure, starts with an item's number
    ('一、…', '1.…'), or holds a total label and nothing else (tables printed without figures)."""
    for index, cells in enumerate(texts):
        filled = [normalise(c) for c in cells if c]
        if any(is_number(c) for c in filled) or (filled and _ITEM_LABEL.match(filled[0])):
            return index
        if filled and TOTAL_LABEL.match(filled[0]) and len(filled) == 1:
            return index
    return len(texts)


def _continue(rows: _Rows, first: Grid, previous: Grid, grid: Grid) -> None:
    """Append a continuation page (`previous` the page before): skip the header it prints again, map its
    columns onto the first page's (by place, or by that header when printed at another width), and
    join a label the page break cut in two."""
    banner = banner_rows(grid)
    texts = grid_texts(grid)[banner:]
    again = _header_again(rows.header, texts)
    # the 栏次 row printed again under the header is no row of the page: the cut label's rest comes after it
    again += sum(1 for _ in takewhile(numbers_columns, texts[again:]))
    captions = _captions_sent_on(texts[again:])
    mapping = (
        _column_map(first, grid)
        or _same_header(first, grid, rows.header, texts[:again])
        or _placed_as_printed(first, grid, texts[again + captions :])
    )
    again += captions
    if mapping is None:
        count = sum(is_number(c.text) for c in grid.cells)
        rows.problems.append(
            (grid.page, unread(count, "续表的列与首页不一致", "a continuation has other columns"))
        )
        rows.lost_pages.append(grid.page)
        return
    boxed = grid_boxes(grid)[banner + again :]
    lines = _source_lines(grid)[banner + again :]
    for index, (cells, boxes) in enumerate(zip(texts[again:], boxed, strict=True)):
        mapped = [""] * first.n_cols
        placed: list[Box | None] = [None] * first.n_cols
        for column, text in enumerate(cells):
            if text:
                mapped[mapping[column]] = (
                    (mapped[mapping[column]] + text) if mapped[mapping[column]] else text
                )
                placed[mapping[column]] = union(b for b in (placed[mapping[column]], boxes[column]) if b)
        filled = {k for k, text in enumerate(mapped) if text}
        rests = set()
        if index == 0 and rows.data and rows.data[-1].page == previous.page:
            rests = _rests(previous, grid, banner + again, mapping)
        if (
            index == 0
            and rows.data
            and (
                _is_cut_label(mapped)
                or (filled and filled <= rests)
                or _sent_on(rows, previous, grid, mapped, rests)
            )
        ):
            _join_cut_label(rows.data[-1].cells, mapped)
            continue
        rows.data.append(_DataRow(grid.page, mapped, placed, lines[index]))


def _sent_on(
    rows: _Rows, previous: Grid, grid: Grid, mapped: list[str], rests: Set[int] = frozenset()
) -> bool:
    """Does a continuation's first row hold only the words of cells of the page before's last row,
    which a browser sent on whole when their lines did not fit ('台式计算机（20万以上）' over the page
    break, '政府集中采购' and '99.00' left above it), or the rests of its labels cut there (`rests`: a
    list in parts side by side sends one part's name on and cuts another's)? Words, no figure, each in a
    column that last row left blank, and that row with figures. A label with an item's number or a
    total's goes on too when the figure beside it stayed above, or nothing of its side did ('28,849.38'
    above, '一、财政拨款' on the next page), unless that row has a code (a coded line's name is no
    numbered item). Not on grids placed from the alignment of text, whose rows say nothing of the
    break."""
    if not rows.data or rows.data[-1].page != previous.page or previous.inferred or grid.inferred:
        return False
    last = rows.data[-1].cells
    coded = any(is_number(text) and not printed_as_figure(normalise(text)) for text in last if text)

    def left_behind(k: int) -> bool:  # the cell after the label: its figure, or blank
        after = normalise(last[k + 1]) if k + 1 < len(last) else ""
        return not coded and (not after or printed_as_figure(after))

    filled = [k for k, text in enumerate(mapped) if text]
    return (
        bool(filled)
        and all(
            k in rests or (not last[k] and (_a_rest(mapped[k]) or (_a_label(mapped[k]) and left_behind(k))))
            for k in filled
        )
        and any(is_number(text) for text in last)
    )


def _captions_sent_on(texts: list[list[str]]) -> int:
    """How many rows opening a continuation hold the 类/款/项 captions alone: the header's last row, which
    the page break sent on (a browser breaks a header between its rows), no row of the table."""
    count = 0
    while count < len(texts) and _captions_only(texts[count]):
        count += 1
    return count


def _captions_only(cells: list[str]) -> bool:
    filled = [normalise(cell) for cell in cells if cell]
    return len(filled) >= 2 and set(filled) <= CODE_CAPTIONS


def _header_again(header: list[list[str]], texts: list[list[str]]) -> int:
    """How many rows opening a continuation page print the header again: row for row as on the first
    page, or its words in rows and cells cut otherwise (a caption wrapped or merged differently)."""
    printed = {_flat(cells) for cells in header}
    count = 0
    while count < len(texts) and any(texts[count]) and _flat(texts[count]) in printed:
        count += 1
    start = _data_start(texts)
    if count < start and sorted("".join(map(_flat, texts[:start]))) == sorted("".join(map(_flat, header))):
        return start
    return count


def _flat(cells: list[str]) -> str:
    return _SPACE.sub("", normalise("".join(cells)))


def _same_header(
    first: Grid, grid: Grid, header: list[list[str]], again: list[list[str]]
) -> list[int] | None:
    """A continuation printed at another width under the first page's header, cell for cell: its
    columns are the first page's, in order."""
    same = grid.n_cols == first.n_cols and len(again) == len(header) > 0
    if same and all(map(_same_cells, again, header)):
        return list(range(grid.n_cols))
    return None


def _same_cells(one: list[str], other: list[str]) -> bool:
    return [normalise(c) for c in one] == [normalise(c) for c in other]


def _column_map(first: Grid, grid: Grid) -> list[int] | None:
    """Column index on the first page for each column of a continuation page (None: no fit), by place;
    or, for a page printed at another scale (a sheet fitted to each page on its own), by place once its
    frame is stretched onto the first page's, when its inner column lines then fall on the first's too."""
    mapping = _mapped_columns(first, grid.xs)
    if mapping is None and len(grid.xs) >= _SCALED_LINES:
        scale = (first.x1 - first.x0) / (grid.x1 - grid.x0)
        stretched = [first.x0 + (x - grid.x0) * scale for x in grid.xs]
        if all(any(abs(x - line) <= COLUMN_SLACK for line in first.xs) for x in stretched):
            mapping = _mapped_columns(first, stretched)
    return mapping


def _placed_as_printed(first: Grid, grid: Grid, rows: list[list[str]]) -> list[int] | None:
    """Columns found by alignment on each page (the header printed again over rows that fill fewer or
    more columns than the first page's): the page's columns go where the first page prints them
    (text_columns.continued). Only over rows of figures: a page whose rows the alignment left out of
    its grid must stay unread, not pass as whole."""
    if not (first.printed and grid.printed and any(is_number(text) for row in rows for text in row)):
        return None
    return continued(Layout(first.printed, []), Layout(grid.printed, []), kept_apart(map(enumerate, rows)))


def _mapped_columns(first: Grid, xs: list[float]) -> list[int] | None:
    """A column whose edges are two of the first page's lines spans its columns between them, as a merged
    cell ('支出合计' over a breakdown's labels) does on the first page: it stands in the first of them."""
    if abs(first.x0 - xs[0]) > COLUMN_SLACK or abs(first.x1 - xs[-1]) > COLUMN_SLACK:
        return None
    mapping = []
    for left, right in pairwise(xs):
        start = next((i for i, x in enumerate(first.xs[:-1]) if abs(x - left) <= COLUMN_SLACK), None)
        spans = start is not None and any(abs(x - right) <= COLUMN_SLACK for x in first.xs[start + 1 :])
        middle = (left + right) / 2
        index = (
            start
            if spans
            else next((i for i in range(first.n_cols) if first.xs[i] <= middle <= first.xs[i + 1]), None)
        )
        if index is None:
            return None
        mapping.append(index)
    return mapping


def _is_cut_label(cells: list[str]) -> bool:
    """The rest of a label a page break cut off ('十七、国土海洋气象等支' / '出'): a few characters of
    text, no figure, no item number of its own; not a placeholder row of dots ('…')."""
    filled = [c for c in cells if c]
    return bool(filled) and all(
        len(c) <= 3 and _WORD.search(c) and not is_number(c) and not TOTAL_LABEL.match(c) for c in filled
    )


def _join_cut_label(previous: list[str], rest: list[str]) -> None:
    for index, text in enumerate(rest):
        if text:
            previous[index] += text


def _stack(rows: _Rows, part: int, first: int) -> _Rows:
    """A list printed in parts side by side: the first parts (all pages), then the second, as it is read.
    The header is the first part's from its `first` row, where the parts repeat (not their names)."""
    stacked = []
    for index, columns in stacked_parts([row.cells for row in rows.data], part):
        row = rows.data[index]
        stacked.append(
            replace(row, cells=[row.cells[c] for c in columns], boxes=[row.boxes[c] for c in columns])
        )
    return _Rows(
        [cells[:part] for cells in rows.header[first:]],
        stacked,
        rows.problems,
        [cells[:part] for cells in rows.tree[first:]],  # the names stand at the top depths
        rows.lost_pages,
    )


def _phases_as_rows(rows: _Rows) -> None:
    """A “三公” table whose items each head a 预算数 and a 决算数 column, or that heads them once under
    each year: read as the budget tables' “三公” table is read — items as columns — with one row per
    phase ('预算数', '决算数') or year ('2023年预算数')."""
    turned = items_as_columns(rows.tree, sum(1 for row in rows.data if any(row.cells)))
    if turned is None:
        return
    rows.tree, phases = turned
    rows.header = []  # continuation pages are already joined
    rows.data = [
        _DataRow(
            row.page,
            [name, *(row.cells[i] for i in columns)],
            [None, *(row.boxes[i] for i in columns)],
            row.line,
        )
        for row in rows.data
        for name, columns in phases.items()
    ]


def _label_columns(rows: _Rows) -> set[int]:
    return label_columns(row.cells for row in rows.data)


def _text_columns(rows: _Rows) -> set[int]:
    """Columns of labels and codes: a code or name caption in the header, or words in the data; not
    remarks printed after the figures (read/tables.py keeps them as the rows' text)."""
    columns: set[int] = set()
    for cells in rows.header:
        columns.update(i for i, c in enumerate(cells) if c and (_CODE_HEADER.search(c) or is_text_header(c)))
    remarks = remarks_from(rows.tree)
    return {i for i in columns | _label_columns(rows) if remarks is None or i < remarks}


def _grid_rows(rows: _Rows, two_sided: bool) -> list[GridRow]:
    """Header rows, then data rows that say where their amounts start. A one-sided table's header is
    cut to the amount columns: the label columns' captions name no amount."""
    data = [row for row in rows.data if any(row.cells) and not is_note_row(row.cells)]
    if two_sided:  # each side is [label, amounts …]; read/tables.py finds the sides
        return [GridRow(None, cells) for cells in rows.tree] + [
            GridRow(row.line, row.cells, row.page, amounts_from=1, boxes=row.boxes) for row in data
        ]
    text = _text_columns(rows)
    start = max(text) + 1 if text else 0
    header = [GridRow(None, cells[start:]) for cells in rows.tree]
    return header + [
        GridRow(row.line, row.cells, row.page, amounts_from=start, boxes=row.boxes) for row in data
    ]


def _label_captions(rows: _Rows) -> list[str]:
    """The captions over the label columns, which `_grid_rows` cuts from the header."""
    text = _text_columns(rows)
    return [cells[i] for cells in rows.tree for i in sorted(text) if i < len(cells) and cells[i]]


def _empty_notes(rows: _Rows) -> list[str]:
    """A note printed inside the grid, in a row of its own ('此表为空', '注：本部门无该项目'), is the table's."""
    return [c for row in rows.data if is_note_row(row.cells) for c in row.cells if c]
