"""Ruling lines → grids of cells, and a page's content as text lines and grids top to bottom.

Cells are placed by the ruling lines, not by text alignment: a blank cell is a cell with no
characters in it, so figures right-aligned under a neighbour's header can never shift column.
Merged cells (a header spanning columns, a label spanning rows) are found where a separating
ruling line is missing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from budget_graph.model import Doubt, printed_as_figure
from budget_graph.read.pdf_page import Char, Line, PageLayout, Rule, moved_line, text_lines
from budget_graph.read.text_columns import Column

_SNAP = 1.6  # points: ruling lines closer than this are one line (strokes drawn twice, hairline boxes)
_TOUCH = 2.5  # points: a line ending this close to another still meets it
# points: collinear pieces this far apart are one rule (a frame drawn cell by cell, each piece stopping
# short of the crossings); a rule broken on purpose, round a merged cell, is broken by a whole cell
_GAP = 4.0
_SLIVER = 0.5  # points: a glyph box reaching this little over a line stands on its side
_MIN_BAND = 3.0  # points: narrower row or column bands are drawing artefacts
COLUMN_SLACK = 3.0  # points: column lines of a table's pages agree within this


@dataclass
class Cell:
    row: int  # first row band
    col: int  # first column band
    row_end: int  # last row band (inclusive)
    col_end: int
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list[Char] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cell's lines joined: a wrapped label reads as one."""
        return "".join(line.text for line in self.lines)


@dataclass
class Grid:
    """A ruled table region: row bands `ys` (top-down) and column bands `xs`."""

    page: int
    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    owner: list[list[Cell]] = field(default_factory=list)  # the cell covering each (row band, column band)
    # what its reader could not place for sure (laid-out text)
    doubts: list[Doubt] = field(default_factory=list)
    inferred: bool = False  # its cells were placed by the alignment of text, not by ruling lines
    # an inferred grid's columns where its text prints them (character columns): to place a continuation's
    printed: list[Column] = field(default_factory=list)
    # laid-out text: the line of the text file each row band was read from (1-based)
    source_lines: list[int] | None = None
    # row bands no rule closes at the grid's top or foot, only the frame's sides (a page break's cut)
    open_rows: frozenset[int] = frozenset()
    reach: float = 0.0  # where its row rules end on the right: past its last column line when cut there

    def __post_init__(self) -> None:
        self.owner = [[None] * (len(self.xs) - 1) for _ in range(len(self.ys) - 1)]  # type: ignore[list-item]
        for cell in self.cells:
            for row in range(cell.row, cell.row_end + 1):
                for col in range(cell.col, cell.col_end + 1):
                    self.owner[row][col] = cell

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def rows(self) -> list[list[Cell]]:
        """Cells by their first row band, left to right."""
        rows: list[list[Cell]] = [[] for _ in range(len(self.ys) - 1)]
        for cell in self.cells:
            rows[cell.row].append(cell)
        for row in rows:
            row.sort(key=lambda c: c.col)
        return rows


def stack(upper: Grid, lower: Grid, slack: float) -> Grid | None:
    """A table's header printed alone at the foot of a page (`upper`) and its body on the next
    (`lower`) as one grid on the body's columns, on the body's page. None unless every column line
    of the header is one of the body's (within `slack` points): the body refines the header."""
    header = refined(upper, lower.xs, slack)
    if header is None:
        return None
    shift = upper.bottom - lower.top
    rows = len(upper.ys) - 1
    body = [
        replace(c, row=c.row + rows, row_end=c.row_end + rows, top=c.top + shift, bottom=c.bottom + shift)
        for c in lower.cells
    ]
    return Grid(lower.page, lower.xs, [*upper.ys, *(y + shift for y in lower.ys[1:])], header.cells + body)


def refined(grid: Grid, xs: list[float], slack: float, ys: list[float] | None = None) -> Grid | None:
    """`grid` on the finer column lines `xs` (its own all among them, within `slack` points: the same
    frame), and on the finer row lines `ys` when given: each cell spans the finer bands between its
    lines. None when they do not refine it."""
    ys = grid.ys if ys is None else ys
    columns, rows = _line_indices(grid.xs, xs, slack), _line_indices(grid.ys, ys, slack)
    if columns is None or rows is None:
        return None
    cells = [
        replace(
            c,
            col=columns[c.col],
            col_end=columns[c.col_end + 1] - 1,
            row=rows[c.row],
            row_end=rows[c.row_end + 1] - 1,
        )
        for c in grid.cells
    ]
    lines = grid.source_lines if ys is grid.ys else None  # finer row bands: their lines are not known
    return Grid(
        grid.page,
        xs,
        ys,
        cells,
        doubts=grid.doubts,
        inferred=grid.inferred,
        printed=grid.printed,
        source_lines=lines,
    )


def beside(left: Grid, right: Grid, skip: int, slack: float) -> Grid | None:
    """A wide table printed over two pages by its columns as one grid on `left`'s page: `right` (the
    next page) without its first `skip` columns (its row labels printed again) goes on from `left`'s
    right frame, moved there, and the rows of both stand on the row lines of both. None unless the two
    frames' tops and bottoms agree (within `slack` points) and no cell of `right` spans its labels and
    the rest. The moved cells keep their text, not their glyphs: those stand on the other page, where no
    box on this one can show them."""
    if any(c.col < skip <= c.col_end for c in right.cells):
        return None
    dx, dy = left.x1 - right.xs[skip], left.top - right.top
    rest = Grid(
        left.page,
        [x + dx for x in right.xs[skip:]],
        [y + dy for y in right.ys],
        [_moved(c, dx, dy, skip) for c in right.cells if c.col >= skip],
    )
    ys = _all_lines(left.ys, rest.ys, slack)
    first, second = refined(left, left.xs, slack, ys), refined(rest, rest.xs, slack, ys)
    if first is None or second is None:
        return None
    width = first.n_cols
    cells = [replace(c, col=c.col + width, col_end=c.col_end + width) for c in second.cells]
    return Grid(left.page, [*first.xs, *second.xs[1:]], ys, first.cells + cells)


def _moved(cell: Cell, dx: float, dy: float, skip: int) -> Cell:
    """A cell moved by (dx, dy) and `skip` columns to the left, its lines with it, its glyphs left."""
    return replace(
        cell,
        col=cell.col - skip,
        col_end=cell.col_end - skip,
        x0=cell.x0 + dx,
        x1=cell.x1 + dx,
        top=cell.top + dy,
        bottom=cell.bottom + dy,
        chars=[],
        lines=[moved_line(line, lambda x: x + dx, lambda y: y + dy) for line in cell.lines],
    )


def _all_lines(one: list[float], other: list[float], slack: float) -> list[float]:
    """The lines of both, one's kept as they are, other's added where none of one's is within `slack`."""
    added = [y for y in other if all(abs(y - line) > slack for line in one)]
    return sorted([*one, *added])


def with_open_row(grid: Grid, lines: list[Line]) -> Grid:
    """`grid` with one more row band on top holding `lines`: a row printed without any rule."""
    top = min(line.top for line in lines)
    body = [replace(c, row=c.row + 1, row_end=c.row_end + 1) for c in grid.cells]
    row = [Cell(0, c, 0, c, grid.xs[c], grid.xs[c + 1], top, grid.top) for c in range(grid.n_cols)]
    opened = Grid(grid.page, grid.xs, [top, *grid.ys], row + body)
    for char in (char for line in lines for char in line.chars):
        _place(opened, char)
    for cell in row:
        cell.lines = text_lines(cell.chars)
    return opened


def columns_fit(a: Grid, b: Grid, slack: float) -> bool:
    """Do two grids share their frame, the column lines of one all among the other's (a table's
    page under the same columns, or under its header's coarser or finer ones)?"""
    fewer, more = sorted((a.xs, b.xs), key=len)
    return _line_indices(fewer, more, slack) is not None


def _line_indices(lines: list[float], xs: list[float], slack: float) -> list[int] | None:
    """Where each of `lines` is among the column lines `xs` (within `slack` points); None unless
    all are there and the outer ones are the outer ones (the same frame)."""
    index = [next((i for i, x in enumerate(xs) if abs(x - line) <= slack), -1) for line in lines]
    return index if -1 not in index and index[0] == 0 and index[-1] == len(xs) - 1 else None


@dataclass
class PageContent:
    """A page as the reader sees it: text lines outside tables, and grids, in reading order."""

    number: int
    width: float
    height: float
    lines: list[Line]
    grids: list[Grid]

    def items(self) -> list[Line | Grid]:
        return sorted([*self.lines, *self.grids], key=lambda item: item.top)


def page_content(layout: PageLayout) -> PageContent:
    grids = find_grids(layout.rules, layout.number)
    outside: list[Char] = []
    for char in layout.chars:
        grid = next((g for g in grids if _contains(g, char)), None) if grids else None
        if grid is None:
            outside.append(char)
        else:
            _place(grid, char)
    for grid in grids:
        for cell in grid.cells:
            cell.lines = text_lines(cell.chars)
        if any(_past_last_column(grid, char) for char in outside):
            grid.doubts.append(Doubt(_CUT_COLUMNS))
    grids = [_rules_lost_in_rows(grid) for grid in grids]
    return PageContent(layout.number, layout.width, layout.height, text_lines(outside), grids)


_CUT_COLUMNS = (
    "表格的横线越过最后一条竖线，其后的列被截去，未读取 the table's row rules run on past its last column "
    "line: the columns there were cut off (a page's clip), not read"
)


def _past_last_column(grid: Grid, char: Char) -> bool:
    """Does a character stand level with the grid's rows, past its last column line but under its row
    rules? A browser clips a table wider than its page at the margin: the frame's right side and the
    lines of the columns past the clip are lost, the row rules and the start of the next column's
    text are not ('84,8')."""
    return grid.x1 < char.x0 and char.x1 <= grid.reach + _TOUCH and grid.top < char.cy < grid.bottom


def _rules_lost_in_rows(grid: Grid) -> Grid:
    """The grid with a row's cell across columns read in those columns when their lines would part no
    character, and one column's text is a printed figure or the row is cut by the page's edge (no rule
    closes it): a row that lost its inner rules (a browser draws none round the piece of a row a page
    break cuts) is no cell merged over the columns, and its cells' words ran together as one label
    (`网络、电子检务、实验 维修（护）费 470.00`), or its one label stood in the first column. A merged
    cell of text (a group's caption, a note) runs over the lines, or holds no figure of a column's width
    and is ruled round."""
    parts = {id(cell): _in_columns(grid, cell) for cell in grid.cells}
    if not any(parts.values()):
        return grid
    cells = [part for cell in grid.cells for part in parts[id(cell)] or [cell]]
    return replace(grid, cells=cells, owner=[])


def _in_columns(grid: Grid, cell: Cell) -> list[Cell]:
    """The cell's pieces, a column each, when its characters stand apart at the columns' lines."""
    if cell.col == cell.col_end or cell.row != cell.row_end or not cell.chars:
        return []
    lines = grid.xs[cell.col + 1 : cell.col_end + 1]
    if any(c.x0 + _SLIVER < x < c.x1 - _SLIVER for c in cell.chars for x in lines):
        return []
    parts = []
    for col in range(cell.col, cell.col_end + 1):
        part = Cell(cell.row, col, cell.row_end, col, grid.xs[col], grid.xs[col + 1], cell.top, cell.bottom)
        part.chars = [c for c in cell.chars if grid.xs[col] <= c.cx < grid.xs[col + 1]]
        part.lines = text_lines(part.chars)
        parts.append(part)
    if cell.row in grid.open_rows and cell.col == 0 and cell.col_end == grid.n_cols - 1:
        return parts  # the row's piece at the page's edge, across the whole table
    filled = [part for part in parts if part.chars]
    return parts if len(filled) > 1 and any(printed_as_figure(part.text) for part in filled) else []


def _contains(grid: Grid, char: Char) -> bool:
    return grid.x0 <= char.cx <= grid.x1 and grid.top <= char.cy <= grid.bottom


def _place(grid: Grid, char: Char) -> None:
    row = min(max(bisect_right(grid.ys, char.cy) - 1, 0), len(grid.ys) - 2)
    col = min(max(bisect_right(grid.xs, char.cx) - 1, 0), len(grid.xs) - 2)
    grid.owner[row][col].chars.append(char)


def find_grids(rules: list[Rule], page: int) -> list[Grid]:
    horizontals = _merge([r for r in rules if r.horizontal])
    verticals = _merge([r for r in rules if not r.horizontal])
    grids = []
    for hs, vs in _components(horizontals, verticals):
        if hs and len(vs) >= 2:  # one rule may do: the frame's sides close an open row (_open_rows)
            grid = _grid(hs, vs, page)
            if grid is not None:
                grids.append(grid)
    return sorted(grids, key=lambda g: g.top)


def _merge(rules: list[Rule]) -> list[Rule]:
    """Collinear pieces that touch or overlap become one rule; double strokes become one.

    Rules are clustered by position (a chain of lines each within _SNAP of the next: a stroked
    cell border drawn next to the table's own line), then each cluster's intervals are joined.
    """
    merged: list[Rule] = []
    cluster: list[Rule] = []
    for rule in sorted(rules, key=lambda r: r.pos):
        if cluster and rule.pos - cluster[-1].pos > _SNAP:
            merged.extend(_join(cluster))
            cluster = []
        cluster.append(rule)
    if cluster:
        merged.extend(_join(cluster))
    return merged


def _join(cluster: list[Rule]) -> list[Rule]:
    pos = sorted(r.pos for r in cluster)[len(cluster) // 2]
    joined: list[Rule] = []
    for rule in sorted(cluster, key=lambda r: r.start):
        if joined and rule.start <= joined[-1].end + _GAP:
            last = joined[-1]
            joined[-1] = Rule(last.horizontal, pos, last.start, max(last.end, rule.end))
        else:
            joined.append(Rule(rule.horizontal, pos, rule.start, rule.end))
    return joined


def _meets(h: Rule, v: Rule) -> bool:
    return h.start - _TOUCH <= v.pos <= h.end + _TOUCH and v.start - _TOUCH <= h.pos <= v.end + _TOUCH


def _components(hs: list[Rule], vs: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of ruling lines connected by crossings: each group is one table."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _meets(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _bands(positions: list[float]) -> list[float]:
    """Distinct line positions, snapping near-equal ones and dropping slivers."""
    out: list[float] = []
    for pos in sorted(positions):
        if out and pos - out[-1] < _MIN_BAND:
            continue
        out.append(pos)
    return out


def _grid(hs: list[Rule], vs: list[Rule], page: int) -> Grid | None:
    xs = _bands([v.pos for v in vs])
    ruled_ys = _bands([h.pos for h in hs])
    ys = _open_rows(ruled_ys, xs, vs)
    if len(ys) < 2 or len(xs) < 2:
        return None
    hs, vs = sorted(hs, key=lambda r: r.pos), sorted(vs, key=lambda r: r.pos)
    spans = _spans(hs, vs, xs, ys)
    # a line that separates no cell anywhere (a stub of a rule) is no column or row boundary
    starts_col, starts_row = {s[1] for s in spans}, {s[0] for s in spans}
    xs = [x for i, x in enumerate(xs) if i in {0, len(xs) - 1} or i in starts_col]
    ys = [y for i, y in enumerate(ys) if i in {0, len(ys) - 1} or i in starts_row]
    spans = _spans(hs, vs, xs, ys)
    cells = [Cell(r0, c0, r1, c1, xs[c0], xs[c1 + 1], ys[r0], ys[r1 + 1]) for r0, c0, r1, c1 in spans]
    opened = {0} if ys[0] not in ruled_ys else set()
    opened |= {len(ys) - 2} if ys[-1] not in ruled_ys else set()
    return Grid(page, xs, ys, cells, open_rows=frozenset(opened), reach=max(h.end for h in hs))


def _open_rows(ys: list[float], xs: list[float], vs: list[Rule]) -> list[float]:
    """Row bands with the frame's ends added where no rule closes the table.

    Word exports continue a table on the next page without a rule above its first row (and may
    end a page without one below its last): the frame's outer vertical rules still enclose that
    row, so where both run past the outermost horizontal rule, their ends bound one more row.
    """
    left = [v for v in vs if abs(v.pos - xs[0]) <= _SNAP]
    right = [v for v in vs if abs(v.pos - xs[-1]) <= _SNAP]
    if not ys or not left or not right:
        return ys
    top = max(min(v.start for v in left), min(v.start for v in right))
    bottom = min(max(v.end for v in left), max(v.end for v in right))
    above = [top] if top < ys[0] - _MIN_BAND else []
    below = [bottom] if bottom > ys[-1] + _MIN_BAND else []
    return [*above, *ys, *below]


def _spans(
    hs: list[Rule], vs: list[Rule], xs: list[float], ys: list[float]
) -> list[tuple[int, int, int, int]]:
    """Cells as (first row, first column, last row, last column): bands joined where no rule parts them."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            middle_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < n_cols and not _ruled(vs, xs[c + 1], middle_y):
                parent[find(r * n_cols + c)] = find(r * n_cols + c + 1)
            if r + 1 < n_rows and not _ruled(hs, ys[r + 1], middle_x):
                parent[find(r * n_cols + c)] = find((r + 1) * n_cols + c)
    spans: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            span = spans.setdefault(find(r * n_cols + c), [r, c, r, c])
            # a region that is no rectangle (a rule missing at one corner) spans its bounding box: its
            # first band in reading order need not be its leftmost
            span[1], span[2], span[3] = min(span[1], c), max(span[2], r), max(span[3], c)
    return [(r0, c0, r1, c1) for r0, c0, r1, c1 in spans.values()]


def _ruled(rules: list[Rule], pos: float, across: float) -> bool:
    """Is there a ruling line at `pos` passing `across` (the middle of the band it would separate)?
    `rules` are sorted by position. A rule nearer the line than a band's least width is that line
    (_bands kept one of the two): a Word export may set a column's line in the header a point or two
    off its line in the body."""
    reach = _MIN_BAND
    index = bisect_left(rules, pos - reach, key=lambda r: r.pos)
    while index < len(rules) and rules[index].pos <= pos + reach:
        rule = rules[index]
        if rule.start - _TOUCH <= across <= rule.end + _TOUCH:
            return True
        index += 1
    return False
