"""Tables printed without ruling lines — borders switched off when a sheet was printed, or only a rule
above and below — read by the alignment of their text, as laid-out text is read.

A page with a table's title and no grid under it (or continuing such a table from the page before) is
laid out as text: each word at the character column of its place on the page, a figure by its right
edge (figures are right-aligned), other words by their left edge, one column per character as
converters print them. The laid-out text reader (read/text_layout.py) then finds the tables on those
lines; its grids are put back on the page in place of the lines they hold. Such a grid is inferred:
what its alignment cannot place for sure is a doubt (read/pdf_doubts.py), and it has no boxes on the
page. When no table is found the page stays as it was, and its figures are said unread.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from itertools import takewhile
from statistics import median

from budget_graph.model import Doubt, printed_as_figure
from budget_graph.read.layout import is_key_line, normalise, titled_table
from budget_graph.read.pdf_grid import Grid, PageContent
from budget_graph.read.pdf_page import Char, Line, moved_line, text_lines
from budget_graph.read.text_columns import Layout, chinese_word, printed_width
from budget_graph.read.text_layout import LINE_HEIGHT, laid_out_grids

_FIGURE = re.compile(r"^[-−+]?[\d,]*\.?\d+%?$")  # right-aligned in its cell
_FIGURE_CHARS = set("0123456789,.-−+%")
_LARGER = 1.2  # wider than the laid-out reader takes them by this much: printed larger
_ROWS = 2  # lines of figures under a ruled header: its rows printed without rules
_SLACK = 2.0  # points
_GAP = 2  # columns: words the page sets apart stay apart (one space joins words of one cell)
_PUSHED = 2  # columns a figure set right of its place leaves its column in doubt (one is rounding)
_CROWDED = (
    "按文字位置读取时数字挤在一起，无法按其位置排入各栏，各列归属可能读错 figures printed too close to set "
    "where they stand, placed by the alignment of the words: which column a figure stands in may be misread"
)


def with_unruled_tables(pages: list[PageContent]) -> list[PageContent]:
    """The pages, each holding an unruled table read as inferred grids. A table's title (and its filer and
    unit lines) left alone at the foot of such a page goes on to the next, over the rows it titles."""
    read: list[PageContent] = []
    running: Layout | None = None  # the columns of an unruled table that ran to the foot of the page before
    head: list[Line] = []  # a title left at the foot of the page before
    for page in map(_without_frames, pages):
        page, head = _under(head, page), []
        if _unruled_title(page) or (running is not None and not page.grids):
            page, running = _by_alignment(page, running)
            if running is None:
                page, head = _head_at_foot(page)
        else:
            running = None
        read.append(page)
    return read


def _head_at_foot(page: PageContent) -> tuple[PageContent, list[Line]]:
    """The page without the title, and its filer and unit lines, standing at its foot under everything
    else, no table under them; and those lines."""
    lines = sorted(page.lines, key=lambda line: line.top)
    below = max((grid.bottom for grid in page.grids), default=0.0)
    for index in range(len(lines) - 1, -1, -1):
        flat = normalise(lines[index].text)
        if titled_table(flat) is not None:
            if lines[index].top < below:
                break
            return replace(page, lines=lines[:index]), lines[index:]
        if not is_key_line(flat):
            break
    return page, []


def _under(head: list[Line], page: PageContent) -> PageContent:
    """The page with the head carried from the page before set over its first line."""
    if not head:
        return page
    top = min([line.top for line in page.lines] + [grid.top for grid in page.grids], default=head[-1].bottom)
    shift = top - head[-1].bottom - (head[-1].bottom - head[-1].top)
    moved = [moved_line(line, lambda x: x, lambda y: y + shift) for line in head]
    return replace(page, lines=[*moved, *page.lines])


def _without_frames(page: PageContent) -> PageContent:
    """The page with rules that hold no table's cells taken for none, their text the page's lines, to be
    read by alignment: a frame drawn round a table with no rule inside (one column band holding rows of
    figures), or rules round the header alone with the rows printed under it unruled."""
    frames = [grid for grid in page.grids if _frame(grid) or _header_alone(grid, page)]
    if not frames:
        return page
    chars = [c for line in page.lines for c in line.chars]
    chars += [c for grid in frames for cell in grid.cells for c in cell.chars]
    grids = [grid for grid in page.grids if grid not in frames]
    return PageContent(page.number, page.width, page.height, text_lines(chars), grids)


def _frame(grid: Grid) -> bool:
    return grid.n_cols == 1 and any(_row_of_figures(line) for cell in grid.cells for line in cell.lines)


def _header_alone(grid: Grid, page: PageContent) -> bool:
    """A grid without figures right above lines of figures printed without rules: a ruled header."""
    if any(printed_as_figure(word.text) for cell in grid.cells for line in cell.lines for word in line.words):
        return False
    below = sorted((line for line in page.lines if line.top >= grid.bottom - _SLACK), key=lambda ln: ln.top)
    rows = list(takewhile(_row_of_figures, below))
    return len(rows) >= _ROWS and rows[0].top - grid.bottom < 2 * (rows[0].bottom - rows[0].top)


def _row_of_figures(line: Line) -> bool:
    """Words set apart on one line, one a figure: a table's row, not a framed paragraph."""
    return len(line.words) > 1 and any(printed_as_figure(word.text) for word in line.words)


def _unruled_title(page: PageContent) -> bool:
    """Does a table's title stand on the page with no grid under it?"""
    below = max((grid.top for grid in page.grids), default=None)
    return any(
        (below is None or line.top > below) and titled_table(normalise(line.text)) is not None
        for line in page.lines
    )


def _by_alignment(page: PageContent, running: Layout | None) -> tuple[PageContent, Layout | None]:
    lines = sorted(page.lines, key=lambda line: line.top)
    if not lines:
        return page, None
    unit = _column_width(lines)
    laid = [_laying_out(line, unit) for line in lines]
    grids, held, running = laid_out_grids(page.number, [text for text, _ in laid], running)
    if not grids:
        return page, None
    crowded = {index for index, (_, pushed) in enumerate(laid) if pushed >= _PUSHED}
    for grid in grids:
        if any(grid.ys[0] <= index * LINE_HEIGHT < grid.ys[-1] for index in crowded):
            grid.doubts.append(Doubt(_CROWDED))
    tops = [line.top for line in lines] + [lines[-1].bottom]
    placed = [_on_page(grid, tops) for grid in grids]
    kept = [line for i, line in enumerate(lines) if i not in held]
    return PageContent(page.number, page.width, page.height, kept, [*page.grids, *placed]), running


def _column_width(lines: list[Line]) -> float:
    """The width of one character column: a digit's (half a full-width character)."""
    digits = [c.x1 - c.x0 for line in lines for c in line.chars if c.text.isdigit()]
    if digits:
        return median(digits)
    return median(c.bottom - c.top for line in lines for c in line.chars) / 2


def _laying_out(line: Line, unit: float) -> tuple[str, int]:
    """The line as a converter lays it out: a word set apart by more than a full-width character at
    the column of its place on the page (a figure by its right edge), a word close to the one before
    one space after it (a run of Chinese prints in half its width, so a near word placed by its
    position would stand apart). And how far a figure was pushed right of its place to stand apart
    from the word before it: figures printed touching on a narrow page ('22,186,440.8016,093,326.00',
    commas and points narrower than a column) can no longer be set where they stand."""
    em = line.bottom - line.top
    text, end, before, pushed = "", None, "", 0
    for word, x0, x1 in _cells(line.chars, unit, em):
        if end is None or x0 - end > em or printed_as_figure(word):
            start = round(x1 / unit) - len(word) if _FIGURE.match(word) else _start(word, x0, x1, unit)
            if text and start < len(text) + _GAP:
                if printed_as_figure(word):
                    pushed = max(pushed, len(text) + _GAP - start)
                start = len(text) + _GAP
        elif chinese_word(before) and chinese_word(word):
            # two cells' Chinese words set close (the laid-out reader splits them): the second where it
            # stands, under its column, not right after the first
            start = max(_start(word, x0, x1, unit), len(text) + 1)
        else:
            start = len(text) + 1
        text, end, before = text.ljust(start) + word, x1, word
    return text, pushed


def _start(word: str, x0: float, x1: float, unit: float) -> int:
    """Where words start: where they start on the page; words printed larger than the figures (a
    header) so that their middle stays where it is, as wide as the laid-out reader takes them (a
    full-width character two columns), over the column they head."""
    width = printed_width(word) * unit
    if x1 - x0 <= width * _LARGER:
        return round(x0 / unit)
    return round((x0 + x1) / 2 / unit - printed_width(word) / 2)


def _cells(chars: list[Char], unit: float, em: float) -> list[tuple[str, float, float]]:
    """The line's words as (text, x0, x1). Without ruling lines a cell's figure may print closer to the
    next cell's label than the width of a character, so words split where a gap is wider than a
    full-width character, between a figure and words by more than a third of a column, and by more
    than half a column where a full-width character stands (Chinese text prints without gaps, so
    there two cells meet); the digits of one figure stay together unless half a column apart."""
    words: list[list[Char]] = [[chars[0]]] if chars else []
    for char in chars[1:]:
        if _apart(words[-1], char, unit, em):
            words.append([char])
        else:
            words[-1].append(char)
    return [("".join(c.text for c in word), word[0].x0, word[-1].x1) for word in words]


def _apart(word: list[Char], char: Char, unit: float, em: float) -> bool:
    gap = char.x0 - word[-1].x1
    if gap > em:
        return True
    before, after = word[-1].text in _FIGURE_CHARS, char.text in _FIGURE_CHARS
    if before and after:
        return gap > unit / 2
    if before:
        return gap > unit / 3 and bool(_FIGURE.match("".join(c.text for c in word)))
    if after:
        return gap > unit / 3 and _wide(word[-1].text)
    return gap > unit / 2 and (_wide(word[-1].text) or _wide(char.text))


def _wide(text: str) -> bool:
    """A full-width character: Chinese, or full-width punctuation ('）')."""
    return unicodedata.east_asian_width(text) in "WF"


def _on_page(grid: Grid, tops: list[float]) -> Grid:
    """The grid's row bands moved from line numbers to where its lines stand on the page. Its columns
    keep the laid-out reader's frame, a slot each, the same for every page of the table (a continuation's
    columns are matched to its first page's by that frame, as for text)."""

    def y(value: float) -> float:
        at = value / LINE_HEIGHT
        index = min(max(int(at), 0), len(tops) - 2)
        return tops[index] + (at - index) * (tops[index + 1] - tops[index])

    def char(c: Char) -> Char:
        return replace(c, top=y(c.top), bottom=y(c.bottom), cy=y(c.cy))

    cells = [
        replace(
            c,
            top=y(c.top),
            bottom=y(c.bottom),
            chars=[char(ch) for ch in c.chars],
            lines=[moved_line(ln, lambda x: x, y) for ln in c.lines],
        )
        for c in grid.cells
    ]
    return replace(grid, ys=[y(v) for v in grid.ys], cells=cells)
