"""A PDF's pages as one flow: table blocks (title, unit line, grids over pages, notes) and the
narrative lines between them, each with its page.

A grid starts a table when a title sits above it on its page; a grid at the top of a page with no
title continues the table before it (the header it repeats is dropped later), as does one under a
'续表' or the filer and unit lines printed again, or under the table's title printed again with its
mark ('…预算表（续）'). So does an untitled grid under nothing but its own first row printed without
rules (or a running header), when its columns fit the table's; when they do not, the grid is read as
narrative and a warning names its page. A sheet printed over pages by its columns puts the rest of
each table's columns on the next page, level with its rows, under its unit line or the part of its
title that falls there: such a grid goes on with its table (read/pdf_tables.py's rest_of_columns says
when), whatever stands between, and its unit line says the table's unit when the page before did not.
Notes printed under a table ('注：本部门…故本表为空表') belong to that table. Page numbers are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

from budget_graph.model import Box, Location, Unit
from budget_graph.profiles import lines
from budget_graph.read.grid_rows import union
from budget_graph.read.layout import (
    ENUMERATOR,
    KEY_LINE,
    NUMBERED_TITLE,
    NUMERAL,
    PAGE_NUMBER,
    UNIT_PART,
    UNIT_STATED,
    chinese_number,
    is_key_line,
    is_note,
    normalise,
    recognise_table,
    without_unit,
)
from budget_graph.read.pdf_grid import (
    COLUMN_SLACK,
    Grid,
    PageContent,
    columns_fit,
    page_content,
    with_open_row,
)
from budget_graph.read.pdf_page import Char, Line, PageLayout, Word
from budget_graph.read.pdf_tables import (
    TableBlock,
    across_the_seam,
    banner_rows,
    columns_over_pages,
    grid_texts,
    rest_of_columns,
)

MARGIN_SHARE = 0.1  # page numbers, running heads and feet sit in the top or bottom tenth of the page
_RUNNING_SHARE = 1 / 3  # of a file's pages: a line printed in the margin of so many is a running head
_RUNNING_AT_LEAST = 3  # and of no fewer pages
# a page number printed in a running head or foot ('某局2024年部门预算  第3页'): not part of what repeats
_NUMBER_IN_MARGIN = re.compile(
    r"[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页|共\s*\d{1,3}\s*页|\d{1,3}\s*[/／]\s*\d{1,3}"
)
_UNIT = UNIT_STATED
_FILER_KEYS = lines().filer_keys
_FILER = re.compile(rf"(?:{_FILER_KEYS})\s*[:：]\s*(\S+)")
_UNIT_KEY = re.compile(r"^单位\s*[:：]")
_KEY_ONLY = re.compile(rf"^(?:{_FILER_KEYS})\s*[:：]$")
_KEY_INSIDE = re.compile(rf"(?:{_FILER_KEYS}|单位)\s*[:：]")  # where a filer or unit line starts in a cell
_NO_TAIL = re.compile(r"[:：。；;]")  # a key of its own or a sentence: no wrapped filer's tail
_SENTENCE_END = re.compile(r"[。；;]$")
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
# what a continuation page prints above the table it continues: '续表', '续表1', '（续）', '续上表'
_CONTINUED = re.compile(rf"^[（(]?续(?:表|上表)?\s*(?:{NUMERAL}|\d+)?[)）]?$")
# and around a title it prints again: '一、财政拨款支出预算表（续）', '续表：财政拨款支出预算表', '…预算表 续'
_CONTINUED_TITLE = re.compile(r"[（(]续表?[)）]$|^续表\s*[:：]?|续表$|(?<=表)\s*续$")
_MAX_TITLE_LINES = 3
_UNSURE = (
    "页首的无表题表格可能续接上一表格，但列不一致，按说明文字读取、其数字未检查 "
    "an untitled grid opening the page may continue the table before, but its columns differ: "
    "read as narrative, its figures not checked"
)
_NO_LINE_BETWEEN = 6.0  # points: a gap narrower than a line of text holds none
_SHORT_TAIL = 8  # characters: a title's wrapped tail ('支出预算表'), a filer's ('院')
_NAME_TAIL = 16  # characters: the most of a filer's name a wrap leaves on a line of its own
_DIGIT = re.compile(r"\d")
_WRAP_SLACK = 2.0  # points: a wrapped tail starts and ends inside the width of the line it continues


@dataclass
class PageLine:
    page: int
    line: Line
    width: float
    cells: list[str] | None = None  # a row of a ruled grid that is no budget table (a list of units …)

    @property
    def text(self) -> str:
        return self.line.text

    def place(self, source: str, bbox: Box | None = None) -> Location:
        """Where the line stands: its page, and its line in the file when read from laid-out text."""
        return Location(source, line=self.line.source_line, page=self.page, bbox=bbox)


@dataclass
class Flow:
    blocks: list[TableBlock] = field(default_factory=list)
    lines: list[PageLine] = field(default_factory=list)  # narrative, in reading order
    stray_grids: list[Grid] = field(default_factory=list)  # ruled grids that are no budget table
    doubts: list[tuple[int, str]] = field(default_factory=list)  # (page, message): warnings on the reading
    floor: int = 0  # lines before this index are above the last grid placed: no title of a later grid


def document_flow(layouts: list[PageLayout]) -> Flow:
    return pages_flow([page_content(layout) for layout in layouts])


def pages_flow(pages: list[PageContent]) -> Flow:
    """The flow of pages already split into text lines and grids (a PDF's, or laid-out text's)."""
    flow = Flow()
    margins = [_margin_lines(page) for page in pages]
    # what a file prints in the top or bottom margin of many pages ('某局2024年部门预算' over each page):
    # running heads and feet, which stand between a table and its continuation like a page number
    running = running_texts([[line.text for line in in_margin] for in_margin in margins])
    for page, in_margin in zip(pages, margins, strict=True):
        _add_page(flow, page, running, {id(line) for line in in_margin})
    return flow


def running_texts(margins: list[list[str]]) -> frozenset[str]:
    """Of each page's lines in its margins, those printed on a third of the pages or more (at least three),
    as running_text gives them. Never a table's title, filer or unit line, which a table prints again on
    each of its pages, nor a note under a table ('本表无数据'), which may stand under many."""
    pages_of: dict[str, int] = {}
    for texts in margins:
        for text in {running_text(text) for text in texts}:
            pages_of[text] = pages_of.get(text, 0) + 1
    least = max(_RUNNING_AT_LEAST, _RUNNING_SHARE * len(margins))
    return frozenset(
        text
        for text, count in pages_of.items()
        if count >= least
        and text
        and recognise_table(text) is None
        and not is_key_line(text)
        and not is_note(text)
    )


def running_text(text: str) -> str:
    """A margin line as it repeats: width-folded, without a page number printed in it."""
    return normalise(_NUMBER_IN_MARGIN.sub("", text))


def _margin_lines(page: PageContent) -> list[Line]:
    """The page's lines in its margins: in its top or bottom tenth, or above or below all else on it
    (a page printed smaller than its paper, 'at 90%', moves its number and running head inward; a
    line alone on its page is its text)."""
    items = page.items()
    outer = {id(items[0]), id(max(items, key=lambda item: item.bottom))} if len(items) > 1 else set()
    return [
        line
        for line in page.lines
        if line.top > page.height * (1 - MARGIN_SHARE)
        or line.bottom < page.height * MARGIN_SHARE
        or id(line) in outer
    ]


def _add_page(flow: Flow, page: PageContent, running: frozenset[str], margin: set[int]) -> None:
    """`margin`: the ids of the page's lines in its margins (_margin_lines)."""
    first_on_page = len(flow.lines)
    block: TableBlock | None = None  # the table whose grid was the last item on this page
    for item in page.items():
        if isinstance(item, Grid):
            block = _place_grid(flow, item, first_on_page, page)
            flow.floor = len(flow.lines)
        elif id(item) in margin and (PAGE_NUMBER.match(item.text) or running_text(item.text) in running):
            continue
        elif block is not None and is_note(normalise(item.text)):
            block.notes.append(item.text)
        else:
            block = None
            flow.lines.append(PageLine(page.number, item, page.width))


def _place_grid(flow: Flow, grid: Grid, first_on_page: int, page: PageContent) -> TableBlock | None:
    """A grid starts a table under a title (on its page, or ending the page before when the grid
    opens its page), continues the table before it when it opens its page untitled (under nothing, its
    own unruled first row, a '续表' or the filer and unit lines it repeats; see the module's docstring),
    or is no table."""
    if not any(cell.text for cell in grid.cells):
        return flow.blocks[-1] if flow.blocks else None  # an empty ruled box (a table's last rule)
    _join_wrapped_keys(flow.lines, max(flow.floor, first_on_page))
    _drop_continued_marks(flow.lines, first_on_page)
    heading = _title_block(flow.lines, flow.floor) or _title_row(grid)
    rest = _columns_host(flow, grid, heading[1] if heading else None)
    if rest is not None:
        _rest_of_columns_under(flow, *rest, grid, max(flow.floor, first_on_page), page)
        return rest[0]
    if heading is not None:
        count, block = heading
        del flow.lines[len(flow.lines) - count :]
        if flow.blocks and _repeats(flow.blocks[-1], block, grid):
            flow.blocks[-1].grids.append(grid)  # a continuation page that prints the title again
            return flow.blocks[-1]
        block.grids.append(grid)
        flow.blocks.append(block)
        _keys_inside(block, grid)
        return block
    if flow.blocks and _right_under(flow.blocks[-1].grids[-1], grid):
        flow.blocks[-1].grids.append(grid)  # its frame broken by a gap: the table goes on
        return flow.blocks[-1]
    opening = flow.lines[first_on_page:]
    if flow.blocks and (not opening or (_opens_page(grid, page) and all(map(_repeated_key, opening)))):
        del flow.lines[first_on_page:]  # a continuation page, under the filer and unit lines it may repeat
        flow.blocks[-1].grids.append(grid)
        return flow.blocks[-1]
    row = _open_row(flow.lines[first_on_page:], grid, page) if flow.blocks else None
    if row is not None:
        if columns_fit(flow.blocks[-1].grids[-1], grid, COLUMN_SLACK):
            del flow.lines[len(flow.lines) - len(row) :]
            flow.blocks[-1].grids.append(with_open_row(grid, [line.line for line in row]))
            return flow.blocks[-1]
        flow.doubts.append((grid.page, _UNSURE))
    flow.stray_grids.append(grid)
    flow.lines.extend(_grid_lines(grid, page.width))
    return None


def _right_under(last: Grid, grid: Grid) -> bool:
    """Does `grid` stand right under the table's last grid on its page, in its columns, with no room for
    a line of text between (a frame drawn cell by cell whose pieces stop short of a row's rule)?"""
    gap = grid.ys[0] - last.ys[-1]
    return last.page == grid.page and 0 <= gap < _NO_LINE_BETWEEN and columns_fit(last, grid, COLUMN_SLACK)


def _columns_host(flow: Flow, grid: Grid, heading: TableBlock | None) -> tuple[TableBlock, Grid] | None:
    """The table on the page before whose columns `grid` goes on with (a sheet printed over pages by its
    columns: read/pdf_tables.py's rest_of_columns), and the two pages as one grid; not under a title
    naming another table. A page may hold several such tables, one under another: each finds its own."""
    for block in reversed(flow.blocks):
        last = block.grids[-1]
        if last.page < grid.page - 1:
            return None
        titled_otherwise = (
            heading is not None
            and recognise_table(heading.title) is not None
            and not _title_part(heading.title, block.title)
        )
        whole = _gone_on(block, grid) if last.page == grid.page - 1 and not titled_otherwise else None
        if whole is not None:
            return block, whole
    return None


def _gone_on(block: TableBlock, grid: Grid) -> Grid | None:
    """`block`'s last page with the rest of its columns in `grid` as one grid (one its first page's
    columns know, when that page prints no header)."""
    table = columns_over_pages(block.grids[:-1], block.rests)[0] if len(block.grids) > 1 else None
    return rest_of_columns(block.grids[-1], grid, table)


def _rest_of_columns_under(
    flow: Flow, host: TableBlock, whole: Grid, grid: Grid, start: int, page: PageContent
) -> None:
    """`grid` goes on with `host`'s columns: what stands over it saying the table's unit and filer, or a
    part of its title, is of that table; other lines above it stay in the narrative. The two pages are
    read as one grid unless a caption is cut at the page's edge (the table is then not whole: in doubt)."""
    said = [line for line in flow.lines[start:] if _repeated_key(line) or _title_part(line.text, host.title)]
    _take_keys(host, [line.text for line in said])
    flow.lines[start:] = [line for line in flow.lines[start:] if all(line is not s for s in said)]
    if not _cut_at_the_edge(flow, host.grids[-1], whole, grid, page):
        host.rests.add(grid.page)
    host.grids.append(grid)


def _cut_at_the_edge(flow: Flow, last: Grid, whole: Grid, grid: Grid, page: PageContent) -> bool:
    """Does text run across the edge between the two pages, or stand beside either there, level with
    their rows: a caption cut in two, whose words neither page holds whole? The glyphs inside a frame
    are its cells': a line beside it reaches past it."""
    beyond = [line.line for line in flow.lines if line.page == last.page and line.line.x1 > last.x1]
    before = [line for line in page.lines if line.x0 < grid.x0]
    return (
        across_the_seam(whole, last.n_cols)
        or any(_beside(line, last) for line in beyond)
        or any(_beside(line, grid) for line in before)
    )


def _beside(line: Line, grid: Grid) -> bool:
    """Does a line stand beside the grid, level with one of its rows?"""
    return grid.top < (line.top + line.bottom) / 2 < grid.bottom


def _title_part(text: str, title: str) -> bool:
    """Is `text` a part of a table's title ('公开01表' of '公开01表 收支预算总表'), cut at a page's edge (a
    sheet's title centred across its columns and printed over two pages)?"""
    part, whole = (normalise(words) for words in (text, title))
    return bool(part) and part != whole and part in whole


def _keys_inside(block: TableBlock, grid: Grid) -> None:
    """Filer and unit lines printed as the grid's first rows, inside its frame, say what they say above it."""
    _take_keys(
        block, ["  ".join(cell for cell in cells if cell) for cells in grid_texts(grid)[: banner_rows(grid)]]
    )


def _take_keys(block: TableBlock, texts: list[str]) -> None:
    """What filer and unit lines say that the table has not said yet: inside its frame, or over a
    continuation (a sheet printed over pages by its columns prints its unit, at the right, on the next)."""
    for text in texts:
        unit, filer = _unit_line(text)
        block.unit, block.unit_name = block.unit or unit, block.unit_name or filer


def _opens_page(grid: Grid, page: PageContent) -> bool:
    return min(page.grids, key=lambda g: g.top) is grid


def _repeated_key(line: PageLine) -> bool:
    """A filer or unit line a continuation page prints again above the table ('单位：万元')."""
    return is_key_line(normalise(line.text))


def _drop_continued_marks(lines: list[PageLine], first_on_page: int) -> None:
    """A page's '续表' says the table before goes on: no narrative, no title."""
    lines[first_on_page:] = [line for line in lines[first_on_page:] if not continued_mark(line.text)]


def continued_mark(text: str) -> bool:
    """Does the line only mark a table's continuation, with no title of its own ('续表', '（续）',
    '续上表', '表5（续）', '公开05表（续）')?"""
    flat = normalise(text)
    return bool(_CONTINUED.match(flat)) or ("续" in flat and not bare_title(flat))


def _open_row(lead: list[PageLine], grid: Grid, page: PageContent) -> list[PageLine] | None:
    """The lines opening a page above an untitled grid that are its first row printed without rules:
    stacked right above it, every word inside one of its columns, two columns filled at least. Lines
    before them may only be a running header in the top margin. None when the page opens otherwise."""
    start, below = len(lead), grid.top
    while start > 0 and _in_columns(lead[start - 1].line, grid) and _touches(lead[start - 1].line, below):
        start -= 1
        below = lead[start].line.top
    row, header = lead[start:], lead[:start]
    if not row or any(line.line.bottom > page.height * MARGIN_SHARE for line in header):
        return None
    spread = {_column(word.x0, word.x1, grid) for line in row for word in line.line.words}
    return row if len(spread) >= 2 else None


def _touches(line: Line, below: float) -> bool:
    """Is `line` less than its own height above `below` (the next line of the row, or the grid)?"""
    return below - line.bottom < line.bottom - line.top


def _in_columns(line: Line, grid: Grid) -> bool:
    return all(_column(word.x0, word.x1, grid) is not None for word in line.words)


def _column(x0: float, x1: float, grid: Grid) -> int | None:
    """The column band a word lies inside (within the slack of a rule), if any."""
    return next(
        (
            index
            for index, (left, right) in enumerate(pairwise(grid.xs))
            if left - COLUMN_SLACK <= x0 and x1 <= right + COLUMN_SLACK
        ),
        None,
    )


def _grid_lines(grid: Grid, width: float) -> list[PageLine]:
    """A ruled grid in the narrative read as text, one line per row, its cells kept apart."""
    lines = []
    for row in grid.rows():
        filled = [cell for cell in row if cell.text]
        if not filled:
            continue
        chars = sorted((char for cell in filled for char in cell.chars), key=lambda c: c.x0)
        words = [Word(cell.text, cell.x0, cell.x1, cell.top, cell.bottom) for cell in filled]
        line = Line(chars, min(c.top for c in chars), max(c.bottom for c in chars), words)
        lines.append(PageLine(grid.page, line, width, [cell.text for cell in filled]))
    return lines


def _join_wrapped_keys(lines: list[PageLine], start: int) -> None:
    """Filer and unit lines wrapped in their text box ('部门名称：江苏省高级人民法' / '院', '单位：万' /
    '元') made whole: a short word right under a key word, inside its width, is that word's tail."""
    index = start + 1
    while index < len(lines):
        upper, lower = lines[index - 1].line, lines[index].line
        if _right_below(upper, lower):
            lines[index].line = _take_tails(upper, lower)
            if not lines[index].line.words:
                del lines[index]
                continue
        index += 1


def _right_below(upper: Line, lower: Line) -> bool:
    """Is `lower` the next line of the same text box (less than a line's height below)?"""
    return lower.top > upper.top and lower.top - upper.bottom < lower.bottom - lower.top


def _take_tails(upper: Line, lower: Line) -> Line:
    """Move the tails of `upper`'s key words out of `lower`; `lower` without them."""
    kept: list[Word] = []
    for word in lower.words:
        head = _head_of(upper.words, word)
        if head is None:
            kept.append(word)
            continue
        head.text += word.text
        head.x1, head.bottom = max(head.x1, word.x1), max(head.bottom, word.bottom)
        upper.chars = sorted([*upper.chars, *_chars_of(lower, word)], key=lambda c: c.x0)
    if len(kept) < len(lower.words):  # the next line of the box may finish the word again ('…办公' / '厅')
        upper.bottom = max(upper.bottom, lower.bottom)
    chars = [c for c in lower.chars if any(w.x0 <= c.cx <= w.x1 for w in kept)]
    return Line(chars, lower.top, lower.bottom, kept, lower.source_line)


def _chars_of(line: Line, word: Word) -> list[Char]:
    return [c for c in line.chars if word.x0 <= c.cx <= word.x1]


def _head_of(words: list[Word], word: Word) -> Word | None:
    """The word of the line above that `word` finishes, if any. A name printed apart from its key
    ('编制单位：' · '江苏省高级人民法' / '院') wraps under itself (in a cell) or back to where the key starts
    (a paragraph); otherwise the key word itself is finished (_is_tail)."""
    for index, key in enumerate(words):
        name = words[index + 1] if index + 1 < len(words) else None
        if _KEY_ONLY.match(normalise(key.text)) and name and not KEY_LINE.match(normalise(name.text)):
            under = _inside(name, word) or abs(word.x0 - key.x0) <= _WRAP_SLACK
            return name if under and _short_tail(normalise(word.text)) else None
        if _is_tail(key, word):
            return key
    return None


def _inside(upper: Word, word: Word) -> bool:
    return upper.x0 - _WRAP_SLACK <= word.x0 and word.x1 <= upper.x1 + _WRAP_SLACK


def _short_tail(tail: str) -> bool:
    """A short piece of a name: no key, sentence, figure or unit of its own."""
    return (
        len(tail) <= _SHORT_TAIL
        and not _NO_TAIL.search(tail)
        and not _DIGIT.search(tail)
        and not _UNIT.search(tail)
    )


def _is_tail(key: Word, word: Word) -> bool:
    """Does `word` finish the filer or unit line `key` ('单位：万' + '元')?"""
    text, tail = normalise(key.text), normalise(word.text)
    if _KEY_ONLY.match(text):  # the key alone ('编制单位：'), its value on the next line, where it starts
        return abs(word.x0 - key.x0) <= _WRAP_SLACK and not _NO_TAIL.search(tail) and not _UNIT.search(tail)
    if not _inside(key, word) or not _short_tail(tail) or _UNIT.search(text):
        return False
    if _UNIT_KEY.match(text):
        return bool(_UNIT.search(text + tail))
    return bool(KEY_LINE.match(text))


def _title_block(lines: list[PageLine], floor: int) -> tuple[int, TableBlock] | None:
    """The title and unit lines right above a grid, if they name a table: (lines used, block)."""
    unit: Unit | None = None
    filer: str | None = None
    titles: list[PageLine] = []
    tail = ""  # a filer's name wrapped on to the unit line under it ('…人民法' / '院  单位：万元')
    index = len(lines) - 1
    while index >= floor and len(titles) < _MAX_TITLE_LINES:
        text = normalise(lines[index].text)
        if not titles and _titled_unit(text):  # '一、…预算表（单位：万元）': the title, with its unit
            unit = unit or _unit_line(lines[index].text)[0]
            titles.insert(0, lines[index])
        elif not titles and (_UNIT.search(text) or KEY_LINE.match(text)):
            line_unit, line_filer = _unit_line(lines[index].text)
            unit, filer = unit or line_unit, filer or _with_tail(line_filer, tail)
            tail = "" if line_filer else without_unit(text) + tail
        elif titles and KEY_LINE.match(text) and filer is None and recognise_table(_title(titles)) is None:
            # what stands between a filer line and the grid, naming no table, is the name's wrapped tail
            # where the wrap left it (at the margin, a line further down): the table is not lost for it
            line_unit, line_filer = _unit_line(lines[index].text)
            unit, filer = unit or line_unit, _with_tail(line_filer, _title(titles) + tail)
            titles, tail = [], ""
        elif _is_title_line(text, titles):
            titles.insert(0, lines[index])
        else:
            break
        index -= 1
    title = UNIT_PART.sub("", _title(titles)).strip()
    if not title or (unit is None and recognise_table(title) is None):
        return None
    number = _number(titles[0].text)
    page = titles[-1].page  # the line naming the table (a number line may end the page before)
    used = len(lines) - 1 - index
    line = next(title.line.source_line for title in titles if title.page == page)  # its first on the page
    box = union((t.line.x0, t.line.top, t.line.x1, t.line.bottom) for t in titles if t.page == page)
    return used, TableBlock(title, page, number, unit, filer, line=line, box=box)


def _with_tail(name: str | None, tail: str) -> str | None:
    """A filer's name and the lines left under it: joined when they read as the rest of a name."""
    tail = normalise(tail)
    if name is None or len(tail) > _NAME_TAIL or _DIGIT.search(tail) or _NO_TAIL.search(tail):
        return name
    return name + tail


def _titled_unit(text: str) -> bool:
    """A table's title that prints its unit too."""
    return (
        bool(_UNIT.search(text))
        and not KEY_LINE.match(text)
        and bool(recognise_table(UNIT_PART.sub("", text)))
    )


def _repeats(previous: TableBlock, block: TableBlock, grid: Grid) -> bool:
    last = previous.grids[-1]
    same_title = bare_title(previous.title) == bare_title(block.title)
    # a page of merged cells drops the column lines they span (a total row alone under the header);
    # columns placed from text alignment differ from page to page: the title printed again says enough
    same_columns = last.n_cols == grid.n_cols or columns_fit(last, grid, COLUMN_SLACK) or grid.inferred
    return same_title and last.page == grid.page - 1 and same_columns


def bare_title(title: str) -> str:
    """The title without its number or a continuation's mark ('表五：…（续）' → '…'). The number goes
    before the spaces do: '表十 一般…' is table ten's '一般…', not table eleven's '般…'."""
    numbered = unicodedata.normalize("NFKC", title).strip()
    return unmarked(normalise(NUMBERED_TITLE.sub("", numbered, count=1)).lstrip("：:")).strip("：: ")


def unmarked(title: str) -> str:
    """The title without a continuation's mark ('…（功能科目）（续）' → '…（功能科目）')."""
    return _CONTINUED_TITLE.sub("", title)


def _title_row(grid: Grid) -> tuple[int, TableBlock] | None:
    """A form that prints its title in its own first row, across the whole width; a sheet's title rows
    framed with the table may hold its filer and unit line in the same cell, under the title."""
    first = next((c for c in grid.cells if c.row == 0 and c.col == 0), None)
    text = first.text.strip() if first else ""
    key = _KEY_INSIDE.search(text)
    title, unit_line = (text[: key.start()].strip(), text[key.start() :]) if key else (text, "")
    # a single column's caption spans its width too, and names no table ('机关运行经费预算数')
    if first is None or first.col_end != grid.n_cols - 1 or grid.n_cols < 2 or recognise_table(title) is None:
        return None
    unit, filer = _unit_line(unit_line)
    return 0, TableBlock(title, grid.page, unit=unit, unit_name=filer)


def _unit_line(text: str) -> tuple[Unit | None, str | None]:
    unit_match = _UNIT.search(normalise(text))
    filer_match = _FILER.search(without_unit(text.replace("：", ":").replace(": ", ":")))
    unit = Unit.from_text(unit_match.group(1)) if unit_match else None
    filer = filer_match.group(1).strip() if filer_match else None
    return unit, filer if filer and not filer.startswith(("元", "万元")) else None


def _is_title_line(text: str, below: list[PageLine]) -> bool:
    """A short line without a sentence's end; a part heading ('第二部分…') ends the search."""
    if not text or _SENTENCE_END.search(text) or PART_HEADING.match(text) or len(text) > 60:
        return False
    if KEY_LINE.match(text):
        return False
    if not below:
        return True
    lower = normalise(below[0].text)
    if NUMBERED_TITLE.match(lower):
        return False  # a table's number opens its title: what stands above is not of it
    # join a wrapped title ('…会议费、培训费' + '支出预算表', or a longer tail that names no table of its
    # own: '…“三公”经费、会议' + '费、培训费支出预算表') and a number line ('表一' + '收支预算总表')
    wrapped = not text.endswith("表") and (len(lower) <= _SHORT_TAIL or _completes(text, lower))
    return wrapped or bool(NUMBERED_TITLE.match(text))


def _completes(text: str, tail: str) -> bool:
    """Do a line and the tail under it name a table together that the tail alone does not? Or, when the
    line opens with the table's number, is the longer (it was filled before it wrapped) and names no
    table alone, the tail's table ('十、…部门一般公' / '共预算机关运行经费支出预算表', a title wrapped
    on narrow paper)?"""
    joined = recognise_table(text + tail)
    if joined is None:
        return False
    numbered = bool(ENUMERATOR.match(text) or NUMBERED_TITLE.match(text))
    filled = numbered and len(text) > len(tail) and recognise_table(text) is None
    return joined != recognise_table(tail) or filled


def _title(lines: list[PageLine]) -> str:
    parts = [line.text.strip() for line in lines]
    if len(parts) > 1 and NUMBERED_TITLE.match(normalise(parts[0])) and len(normalise(parts[0])) <= 6:
        return f"{parts[0]} {''.join(parts[1:])}"
    return "".join(parts)


def _number(first_line: str) -> int | None:
    """'表十一' → 11, '表11' → 11, '公开09表：…' → 9, from the title's first line ('表八' + '一般…' is not 81)."""
    match = NUMBERED_TITLE.match(normalise(first_line))
    if not match:
        return None
    return chinese_number(match.group(1) or match.group(2))
