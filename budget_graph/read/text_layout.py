"""Text laid out in columns with spaces (`pdftotext -layout` and converters like it), read as the pages
it came from.

A form feed ends each page. Each page becomes what the PDF reader makes of a PDF page
(pdf_grid.PageContent): text lines with each character at its column, and a grid for each table. No
ruling lines say where the cells are, so a table is found by its title (the layout profiles' titles)
with its unit line and header, or as rows opening the page after a table that ran to the foot of the
page before (its continuation). Its columns are found by alignment: figures are right-aligned (a column
per right edge), codes and labels left-aligned (a column per left edge), and each header label stands
over the columns it heads (a label over several columns is their group). From there the PDF reader's
flow, narrative, table and metadata stages read the pages as they read a PDF's, so converted text gives
the PDF's findings. Locations are pages: the converter's form feeds are the PDF's page breaks.

A cell the alignment cannot place for certain (two figures in one column) is not guessed: the grid
says so and the table is in doubt (read/pdf_doubts.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import dropwhile, pairwise, takewhile
from pathlib import Path

from budget_graph.model import Doubt, Filing, Location
from budget_graph.model.amounts import MOST_DIGITS
from budget_graph.profiles import column_meaning
from budget_graph.profiles import lines as vocabulary
from budget_graph.read.compilation import apart, filing_spans, span_note
from budget_graph.read.grid_rows import numbers_columns
from budget_graph.read.layout import (
    CODE_CAPTIONS,
    ENUMERATOR,
    NUMBERED_TITLE,
    PAGE_NUMBER,
    TITLE_END,
    TOTAL_LABEL,
    UNIT_STATED,
    is_note,
    is_text_header,
    normalise,
    page_numbers,
    titled_table,
)
from budget_graph.read.pdf import read_pages, whole_file_in_doubt
from budget_graph.read.pdf_flow import (
    MARGIN_SHARE,
    PART_HEADING,
    Flow,
    continued_mark,
    is_key_line,
    pages_flow,
    running_text,
    running_texts,
    unmarked,
)
from budget_graph.read.pdf_grid import Cell, Grid, PageContent
from budget_graph.read.pdf_page import Char, Line, Word
from budget_graph.read.text_columns import (
    PADDING,
    Chunk,
    Column,
    Layout,
    carried,
    cells_of,
    chunks,
    code_parts,
    coded,
    columns,
    continued_from,
    figures,
    kept_apart,
    letter_spaced,
    overlap,
    place,
    printed_width,
    side_reach,
    totals,
    without_remarks,
)

CHAR_WIDTH = 5.0  # points per character column
LINE_HEIGHT = 12.0  # points per line
_GLYPH = 10.0  # a character's height: a first-line indent of two columns is wider than it
_SLOT = 60.0  # points per table column: every grid of the same columns has the same frame
_MAX_CELL = 30  # characters: a longer run of words is a sentence, not a cell
_DIGIT_RUN = re.compile(rf"^\d{{{MOST_DIGITS + 1},}}$")  # more whole digits than any budget prints
_MAX_HEADER_LINES = 12
_NARRATIVE_PAGE = 5  # lines: a page with fewer holds too little narrative to show the text block's width
_TAIL = 3  # characters: the most a label's wrapped rest holds
_ALIGN = 2  # characters: a wrapped label's rest starts this close to where the label starts
_PROSE = re.compile(r"[，。；]")
_REPEATED = 20  # characters: lines this long printed again in a run are a converter's repeat
_OUTDENT = 6  # characters: how far left of its label a wrapped rest may start (the label indented)
# lines: a row's lines stand no further apart (a blank line between, as some converters set them)
_ROW_GAP = 2
_SHORT_LINE = 8  # characters: a table's number line ('公开03表'), a title's wrapped end ('支出预算表')
_SENTENCE = re.compile(r"[。；;]")
_HEADING_PUNCTUATION = re.compile(r"[。；;，,：:]")
_HEADING_INDENT = 6  # characters: deeper than a paragraph's first-line indent
_MAX_HEADING = 40  # characters
_YEAR_BANNER = re.compile(r"^[（(]\d{4}年度?[)）]$")
_MAX_TITLE = 60  # characters
_LAID_OUT = re.compile(r"^ {2,}\S|\S {2,}\S")  # a line indented, or words set apart by spaces
_FILER_KEY = re.compile(rf"^(?:{vocabulary().filer_keys})\s*[:：]")
_NAME_TAIL = 8  # characters: the most of a filer's name a wrap leaves for the next line
_WRAP_GAP = 2  # lines: a wrapped name's rest stands on the next line, or the one after a blank line
_NOT_A_NAME = re.compile(r"[:：。；;\d]")  # a key, a sentence or a figure: no piece of a name
_MOVED = 4  # characters: a figure further from every column's edge on a page is set on another page


@dataclass
class _TextLine:
    number: int  # 0-based line within its page
    text: str
    chunks: list[Chunk]
    kind: str  # blank | page_number | title | key | row | note | sentence | words

    @property
    def flat(self) -> str:
        return normalise(self.text)


@dataclass
class _Table:
    """The lines of one table region on a page: header lines, then body lines."""

    header: list[_TextLine] = field(default_factory=list)
    body: list[_TextLine] = field(default_factory=list)
    titled: bool = True  # under its title (not a page continuing the table before)


def read_laid_out_text(text: str, source: str, path: Path) -> Filing:
    """The text as one filing (a compilation of several too: read_laid_out_filings tells them apart)."""
    return _read(_contents(text), without_layout(text), source, path)


def read_laid_out_filings(text: str, source: str, path: Path) -> list[Filing]:
    """Each filing the text holds: one, or each of a compilation's (read/compilation.py)."""
    contents = _contents(text)
    flow = pages_flow(contents)
    spans = filing_spans(flow, 1, len(contents)) if contents else []
    bare = without_layout(text)
    if len(spans) < 2:
        return [_read(contents, bare, source, path, flow)]
    filings = []
    for first, last in spans:  # each span's pages made again: reading a flow joins wrapped lines in them
        some = [content for content in _contents(text) if first <= content.number <= last]
        filing = _read(some, bare, source, path)
        filing.diagnostics.append(span_note(source, first, last))
        filings.append(filing)
    return filings if apart(filings) else [_read(contents, bare, source, path, flow)]


def _read(
    contents: list[PageContent], bare: bool, source: str, path: Path, flow: Flow | None = None
) -> Filing:
    """The pages as a filing; `bare`: the text kept no layout (without_layout)."""
    filing = read_pages(contents, source, path, measured=False, flow=flow)
    if bare:
        _read_without_layout(filing, source)
    return filing


def without_layout(text: str) -> bool:
    """Pages of text in which no line is indented or sets words apart by spaces: a converter's text
    without the page's layout (`pdftotext` without `-layout`, or with `-raw`), which gives a table's
    cells one to a line or a row's cells run together, and a line's pieces set far apart in an order of
    its own. (Laid-out text indents its centred titles and paragraphs, and spaces a table's columns.)"""
    return not any(_LAID_OUT.search(line) for line in text.splitlines())


def _read_without_layout(filing: Filing, source: str) -> None:
    """No table's columns can be known, and a sentence's pieces may stand in another order: every table
    is in doubt, and the whole file counts as unread (check/confidence.py lowers what rests on it)."""
    whole_file_in_doubt(
        filing,
        Location(source, excerpt="未保留版面的转换文本 text converted without its layout"),
        "文本转换时未保留版面（如 pdftotext 未加 -layout）：表格各栏无法对齐，句子各段可能错序，表格读取存疑 "
        "the text was converted without its layout (pdftotext without -layout, say): no table's columns "
        "can be placed and a sentence's pieces may be out of order; the tables are in doubt",
        "文本未保留版面，各栏无法对齐 the text keeps no layout: the columns cannot be placed",
    )


def _contents(text: str) -> list[PageContent]:
    """The text's pages (form feeds part them) as the PDF reader's pages: lines and grids placed, each
    line and each grid's row band with the file's line it was read from."""
    pages = _pages(text)
    contents: list[PageContent] = []
    headings: list[tuple[int, Line]] = []  # (page, line)
    running: Layout | None = None  # the columns of a table that ran to the foot of the page before
    cleaned = _without_running_heads(_printed_once([_filers_whole(raw) for _, raw in pages]))
    orders = [_reading_order(raw) for raw in cleaned]
    ordered = [[raw[i] for i in order] for raw, order in zip(cleaned, orders, strict=True)]
    files = [[first + i for i in order] for (first, _), order in zip(pages, orders, strict=True)]
    carried: list[tuple[str, int]] = []  # a table's head left at the foot of the page before, its lines
    for number, (raw, at) in enumerate(zip(ordered, files, strict=True), start=1):
        lines = _classify([text.rstrip() for text, _ in carried] + [line.rstrip() for line in raw])
        at = [line for _, line in carried] + at
        start = _head_at_foot(lines) if number < len(ordered) else None
        head = [] if start is None else [line for line in lines[start:] if line.kind != "page_number"]
        carried = [(line.text, at[line.number]) for line in head]
        if start is not None:  # the page without the head it leaves to the next, its number kept
            kept = lines[:start] + [line for line in lines[start:] if line.kind == "page_number"]
            lines, at = _classify([line.text for line in kept]), [at[line.number] for line in kept]
        content, running = _page(number, lines, running, headings)
        for grid in content.grids:
            grid.source_lines = [at[min(int(y // LINE_HEIGHT), len(at) - 1)] for y in grid.ys[:-1]]
        for text_line in content.lines:
            text_line.source_line = at[int(text_line.top // LINE_HEIGHT)]
        contents.append(content)
    _set_widths(contents)
    _centre(headings, {content.number: content.width for content in contents})
    return contents


def _pages(text: str) -> list[tuple[int, list[str]]]:
    """The text's pages, each as (the file's line its first line stands on, 1-based; its lines). Form
    feeds part them; text written without them (`pdftotext -nopgbrk`, a viewer's copy) is parted after
    each page's number and before each table's title, since a table starts a page in every filing the
    project has seen: a page's number joined into a sentence changed its figures, and a table read with
    the one after it took the next table's rows for its own."""
    if "\f" not in text:
        return _parted(text.split("\n"))
    pages, first = [], 1
    for page in text.split("\f"):
        pages.append((first, page.split("\n")))
        first += page.count("\n")  # a form feed opens the next page on the line it stands on
    if pages and not any(line.strip() for line in pages[-1][1]):
        pages.pop()  # the form feed after the last page
    return pages


def _parted(lines: list[str]) -> list[tuple[int, list[str]]]:
    numbers = page_numbers(lines)
    classified = _classify(lines)
    starts = [line.number for line in classified if line.kind == "title"]
    starts = [_head_start(classified, start) for start in starts]
    breaks = sorted({0, *starts, *(n + 1 for n in numbers), *_shifted(classified), len(lines)})
    return [(a + 1, lines[a:b]) for a, b in pairwise(breaks) if any(line.strip() for line in lines[a:b])]


def _shifted(lines: list[_TextLine]) -> list[int]:
    """Where a table's rows go on with a figure set where no column of the rows above stands, and the
    next row keeps it there: a converter lays each page out on its own, so that is a page's first row (a
    row drifting after a long label comes back on the next; a column's figures on one page stand a
    character or two apart)."""
    found = []
    for rows in _runs_of_rows(lines):
        for index in range(1, len(rows) - 1):
            (last_line, last), (number, edges), (_, after) = rows[index - 1 : index + 2]
            above_last = {edge for _, earlier in rows[: index - 1] for edge in earlier}
            moved = _elsewhere(edges, above_last | set(last))
            settled = index == 1 or not _elsewhere(last, above_last)  # the row before no drift of its own
            if moved and settled and not _elsewhere(moved, set(after)):
                found.append(_header_again(lines, last_line, number))
    return found


def _header_again(lines: list[_TextLine], last: int, first: int) -> int:
    """Where the page that starts with row `first` starts: at the header printed again above it (lines
    printed earlier in the text, word for word), else at the row."""
    between = [line for line in lines[last + 1 : first] if line.kind != "blank"]
    printed = {line.flat for line in lines[: between[0].number]} if between else set()
    return between[0].number if between and all(line.flat in printed for line in between) else first


def _runs_of_rows(lines: list[_TextLine]) -> list[list[tuple[int, list[int]]]]:
    """Each run of a table's rows with their figures' right edges: rows and their labels' wrapped rests
    (no title, header, unit line or sentence between them)."""
    runs: list[list[tuple[int, list[int]]]] = [[]]
    for line in lines:
        if line.kind == "row" and not _PROSE.search(line.text) and (edges := _edges(line)):
            runs[-1].append((line.number, edges))
        elif line.kind not in ("blank", "words") and runs[-1]:
            runs.append([])
    return runs


def _edges(line: _TextLine) -> list[int]:
    return [chunk.x1 for chunk in figures(line.chunks)]


def _elsewhere(edges: list[int], seen: set[int]) -> list[int]:
    """The edges that stand where none seen does."""
    return [edge for edge in edges if all(abs(edge - other) > _MOVED for other in seen)]


def _head_start(lines: list[_TextLine], title: int) -> int:
    """Where a table's head starts: its title, or the number line printed over it ('公开03表')."""
    above = [line for line in lines[:title] if line.kind != "blank"]
    return above[-1].number if above and above[-1].kind == "number" else title


def _head_at_foot(lines: list[_TextLine]) -> int | None:
    """Where a table's title, unit line and header printed at the foot of a page start, its rows all on
    the next (js-court 2018's 财政拨款收支预算总表: its header's first line at the foot, the rest over its
    rows): they go on to the next page, above its rows. Not when rows left blank follow them."""
    filled = [line for line in lines if line.kind not in ("blank", "page_number")]
    titles = [index for index, line in enumerate(filled) if line.kind == "title"]
    if not titles:
        return None
    after = filled[titles[-1] + 1 :]
    keyed = any(line.kind == "key" for line in after)  # a unit line: a table's head, not a list of titles
    # rows left blank ('十一、城乡社区支出', opening with an item number, which no header carries) are rows
    rows = any(line.kind == "row" or _enumerated(line) or PART_HEADING.match(line.flat) for line in after)
    if not keyed or rows:
        return None
    return filled[titles[-1]].number


def _centre(headings: list[tuple[int, Line]], widths: dict[int, float]) -> None:
    """A short line set apart by a wide indent is a heading centred on its page: converters keep where
    it starts but not how wide Chinese text prints, so it is put in the middle (where the PDF has it)."""
    for page, line in headings:
        shift = widths[page] / 2 - (line.x0 + line.x1) / 2
        line.chars = [replace(c, x0=c.x0 + shift, x1=c.x1 + shift, cx=c.cx + shift) for c in line.chars]
        line.words = [replace(w, x0=w.x0 + shift, x1=w.x1 + shift) for w in line.words]


def _set_widths(contents: list[PageContent]) -> None:
    """Each page's width is its text block's (a heading centred in it is centred on the page): how far
    the lines of a page of narrative reach; a page of tables, often wider, or of a few lines takes what
    most pages of narrative have."""
    reaches = {
        content.number: max(line.x1 for line in content.lines)
        for content in contents
        if len(content.lines) >= _NARRATIVE_PAGE and not content.grids
    }
    usual = sorted(reaches.values())[len(reaches) // 2] if reaches else 80 * CHAR_WIDTH
    for content in contents:
        content.width = reaches.get(content.number, usual)


def _printed_once(pages: list[list[str]]) -> list[list[str]]:
    """The pages without the lines a converter printed again: text the PDF clips at a page's foot shows
    once more at the top of the next page, the page's first lines repeating the last lines before
    them, in order, with two long lines of prose or more (a continuation's repeated header is no
    prose). Blanked, so line numbers stay the file's."""
    kept: list[list[str]] = []
    last: list[tuple[str, str]] = []  # the page before's filled lines: (raw, flat)
    for raw in pages:
        filled = [(i, line, flat) for i, line in enumerate(raw) if (flat := normalise(line))]
        repeated = next(
            (
                n
                for n in range(min(len(filled), len(last)), 1, -1)
                if [flat for _, _, flat in filled[:n]] == [flat for _, flat in last[-n:]]
                and sum(len(flat) >= _REPEATED and bool(_PROSE.search(line)) for _, line, flat in filled[:n])
                >= 2
            ),
            0,
        )
        dropped = {i for i, _, _ in filled[:repeated]}
        kept.append(["" if i in dropped else line for i, line in enumerate(raw)])
        last = [(line, flat) for _, line, flat in filled]
    return kept


def _without_running_heads(pages: list[list[str]]) -> list[list[str]]:
    """The pages with their running heads and feet blanked (pdf_flow.running_texts): found here, before
    the table regions, since a head over a page a table runs onto would be read as that table's row."""
    margins = [_margin_lines(raw) for raw in pages]
    running = running_texts([[raw[i] for i in lines] for raw, lines in zip(pages, margins, strict=True)])
    return [
        ["" if i in lines and running_text(line) in running else line for i, line in enumerate(raw)]
        for raw, lines in zip(pages, margins, strict=True)
    ]


def _filers_whole(raw: list[str]) -> list[str]:
    """The page with each filer's name that wrapped onto the next line or the one after a blank line
    ('部门：江苏省高级人民' / '法院') put back whole on its key line, the rest's line left blank. Else
    the rest stands between the filer line and the header, where it reads as the header's first line,
    and a rest printed at the head of many pages reads as a running head."""
    page = list(raw)
    filled = [i for i, text in enumerate(page) if text.strip()]
    for above, index in pairwise(filled):
        if index - above > _WRAP_GAP or not is_key_line(normalise(page[above])):
            continue
        key, line = (_TextLine(0, page[i], chunks(page[i]), "") for i in (above, index))
        if not _filer_tail(key, line):
            continue
        name = _filer_name(key)[-1]
        end = page[above].find(name.text) + len(name.text)
        page[above] = page[above][:end] + line.chunks[0].text + page[above][end:]
        page[index] = ""
    return page


def _margin_lines(raw: list[str]) -> set[int]:
    """The filled lines in the top or bottom tenth of a page's lines (at least its first and last)."""
    filled = [i for i, line in enumerate(raw) if line.strip()]
    if not filled:
        return set()
    edge = max(1, round(MARGIN_SHARE * len(raw)))
    return {i for i in filled if i < filled[0] + edge or i > filled[-1] - edge}


def _reading_order(raw: list[str]) -> list[int]:
    """The page's lines in reading order, as indices, a paragraph's last line put back after its first:
    a converter may print a short last line, set to the left margin and ending its sentence, above the
    paragraph's indented first line, which then breaks off mid-phrase before a blank line
    ('603.14万元，占20.51%；' over '    本年支出合计…项目支出')."""
    order = list(range(len(raw)))
    for i in range(1, len(raw) - 1):
        above, last, first = raw[order[i - 1]], raw[order[i]], raw[order[i + 1]]
        below = raw[order[i + 2]] if i + 2 < len(raw) else ""
        if not above.strip() and not below.strip() and _last_before_first(last, first):
            order[i], order[i + 1] = order[i + 1], order[i]
    return order


def _last_before_first(last: str, first: str) -> bool:
    """Is `last` the end of the paragraph `first` opens: flush left and ending its sentence, under a
    first line that is indented, prose, and breaks off mid-phrase?"""
    indent = len(first) - len(first.lstrip())
    flush = bool(last.strip()) and not last[:1].isspace()
    ends = bool(re.search(r"[。；;]\s*$", last))
    broken = bool(first.strip()) and not re.search(r"[。；;：:，,、）)]\s*$", first)
    return flush and ends and broken and indent >= 2 and bool(_PROSE.search(first))


def _page(
    number: int, lines: list[_TextLine], running: Layout | None, headings: list[tuple[int, Line]]
) -> tuple[PageContent, Layout | None]:
    """The page's content, and the columns of its last table when it runs to the page's foot (the next
    page may continue it); lines that are headings set apart are added to `headings`."""
    grids, in_table, running = _grids(number, lines, running)
    text = []
    for line in lines:
        if line.kind in ("blank", "page_number", "banner") or line.number in in_table:
            continue
        text.append(_line(line))
        if _set_apart(line):
            headings.append((number, text[-1]))
    height = max(len(lines), 1) * LINE_HEIGHT
    return PageContent(number, 0.0, height, text, grids), running


def laid_out_grids(
    number: int, raw: list[str], running: Layout | None
) -> tuple[list[Grid], set[int], Layout | None]:
    """The tables on a page of laid-out lines as grids placed by alignment (a row band's top is its
    line's number × LINE_HEIGHT), the numbers of the lines they hold, and the columns of the last one
    when it runs to the page's foot."""
    return _grids(number, _classify([line.rstrip() for line in raw]), running)


def _grids(
    number: int, lines: list[_TextLine], running: Layout | None
) -> tuple[list[Grid], set[int], Layout | None]:
    tables = _tables(lines, running is not None)
    in_table = {line.number for table in tables for line in (*table.header, *table.body)}
    grids, layouts = [], []
    for index, table in enumerate(tables):
        goes_on = running if index == 0 and not table.titled else None
        grid, layout = _under_header_again(number, table, goes_on) or _grid(number, table, goes_on)
        grids.append(grid)
        layouts.append(layout)
    return grids, in_table, layouts[-1] if tables and _runs_on(tables[-1], lines) else None


def _runs_on(table: _Table, lines: list[_TextLine]) -> bool:
    """Does the page's last table run to its foot: its rows, or its head alone, the rows all on the next
    page (words under the head, no figure and no title, are its captions' wrapped rests)?"""
    held = table.body or table.header
    after = [line for line in lines if line.number > held[-1].number] if held else []
    filled = [line for line in after if line.kind not in ("blank", "page_number")]
    return bool(held) and (not filled or (not table.body and all(line.kind == "words" for line in filled)))


def _under_header_again(number: int, table: _Table, running: Layout | None) -> tuple[Grid, Layout] | None:
    """A page continuing a table under its header printed again, word for word: its rows in the table's
    columns when they fit them, as on a page that prints no header (None: read under its own header;
    a table under a title of its own may print the same header, and is no continuation)."""
    if running is None or not table.header or _words(table.header) != running.header_words:
        return None
    grid, layout = _grid(number, replace(table, header=[]), running)
    return (grid, layout) if layout.page_before is not None else None


def _set_apart(line: _TextLine) -> bool:
    """A heading set apart: one short run of words, indented further than a paragraph, no sentence."""
    indent = len(line.text) - len(line.text.lstrip())
    short = len(line.flat) <= _MAX_HEADING and not _HEADING_PUNCTUATION.search(line.flat)
    return line.kind == "words" and len(line.chunks) == 1 and indent >= _HEADING_INDENT and short


def _classify(raw: list[str]) -> list[_TextLine]:
    lines = [_TextLine(i, text, chunks(text), "") for i, text in enumerate(raw)]
    filled = [line for line in lines if line.text.strip()]
    for line, below in zip(filled, [*filled[1:], None], strict=False):
        line.kind = _kind(line, below)
    for line in filled[:1] + filled[-1:]:
        if PAGE_NUMBER.match(line.text.strip()):
            line.kind = "page_number"
    for above, line in pairwise(filled):
        if above.kind == "title" and _YEAR_BANNER.match(line.flat):
            line.kind = "banner"  # '（2023年度）' under a form's title: no line of its own (as in the PDF's)
        elif above.kind == "title" and line.kind == "words" and not TITLE_END.search(above.flat):
            line.kind = "title_end"  # '算表' ending a title wrapped onto it
    for line in lines:
        line.kind = line.kind or "blank"
    return lines


def _filer_tail(key: _TextLine, line: _TextLine) -> bool:
    """Is `line` the rest of the filer's name on the key line above it ('部门：江苏省高级人民' / '法院'),
    wrapped under the name or back to the margin, a blank line between or not: one short piece of words
    starting inside the name's width, no caption of a header ('项目', '合计')?"""
    name = _filer_name(key)
    if len(line.chunks) != 1 or not name or not _FILER_KEY.match(key.flat):
        return False
    piece, text = line.chunks[0], line.flat
    inside = name[0].x0 <= piece.x0 < name[-1].x1
    words = len(text) <= _NAME_TAIL and not _NOT_A_NAME.search(text) and not UNIT_STATED.search(text)
    caption = is_text_header(text) or column_meaning(text) is not None or bool(TOTAL_LABEL.match(text))
    return inside and words and not caption and titled_table(text) is None


def _filer_name(key: _TextLine) -> list[Chunk]:
    """The key line's words but its unit's: the filer's key and name."""
    return [chunk for chunk in key.chunks if not UNIT_STATED.search(normalise(chunk.text))]


def _kind(line: _TextLine, below: _TextLine | None) -> str:
    flat = line.flat
    if is_key_line(flat):
        return "key"
    if is_note(flat):
        return "note"
    if PART_HEADING.match(flat):
        return "heading"
    if continued_mark(flat):
        return "continued"  # '续表', '表5（续）': a table's continuation marked, no title of its own
    if (number := NUMBERED_TITLE.match(flat)) and not flat[number.end() :].strip("：:"):
        # '表十二', '公开03表': the number alone, over a table's title ('表2 收入决算表' is a title)
        return "number"
    if (
        figures(line.chunks)
        or coded(line.chunks)
        or any(_DIGIT_RUN.match(normalise(c.text)) for c in line.chunks)
    ):
        # a coded line of no figures is a blank form's row; a run of digits no figure is that long is a
        # figure garbled in its cell, no sentence
        return "row"
    if _is_title(line, below):
        return "title"
    if _SENTENCE.search(flat) or any(len(normalise(c.text)) > _MAX_CELL for c in line.chunks):
        return "sentence"
    return "words"


def _is_title(line: _TextLine, below: _TextLine | None) -> bool:
    """A table's title: one run of words (a header's labels stand apart), no sentence, naming a table
    and ending like one ('…支出预算表', '…预算表（按功能分类）'), or wrapped onto a short next line that does
    ('…会议费、培训费支出预算' / '表'). A row label that names a kind of money ('其中：动用上年结转') is
    not one. The table's number may stand apart from the rest ('公开02表      收入预算总表', a title
    centred with its number in a cell of its own)."""
    flat = line.flat
    runs = len(line.chunks) - _number_apart(line)
    if runs != 1 or len(flat) > _MAX_TITLE or _SENTENCE.search(flat):
        return False
    wrapped = (
        below is not None
        and len(below.flat) <= _SHORT_LINE
        and bool(TITLE_END.search(below.flat))
        and not ENUMERATOR.match(below.flat)  # '三、支出预算总表' is a title of its own, not a title's end
    )
    whole = flat + below.flat if wrapped and below is not None else flat
    return titled_table(unmarked(whole)) is not None  # a continuation's title may end in its mark


def _number_apart(line: _TextLine) -> bool:
    """Does the line open with a table's number set apart from the words after it ('公开02表', '表3')?"""
    if len(line.chunks) < 2:
        return False
    first = normalise(line.chunks[0].text).rstrip("：:")
    number = NUMBERED_TITLE.match(first)
    return number is not None and number.end() == len(first)


def _tables(lines: list[_TextLine], continuing: bool) -> list[_Table]:
    """Table regions: under a title (and its unit line) whose next lines are a header or rows, or
    opening the page with rows when the table before ran to the foot of the page before."""
    tables: list[_Table] = []
    index = 0
    filled = [line for line in lines if line.kind not in ("blank", "page_number")]
    # a continuation may print its mark ('续表') and the table's filer and unit line again above its
    # header or rows
    opening = list(dropwhile(lambda line: line.kind in ("key", "continued"), filled)) if continuing else []
    if opening and opening[0].kind in ("row", "words"):
        table = _continuation(lines, opening)
        if table.body:
            tables.append(table)
            index = table.body[-1].number + 1
    while index < len(lines):
        start = _table_start(lines, index) if lines[index].kind == "title" else None
        table = _region(lines, start[0], start[1], lines[index].flat) if start else _Table()
        if table.header or table.body:
            tables.append(table)
            index = (table.body or table.header)[-1].number + 1
        else:
            index += 1
    return tables


def _continuation(lines: list[_TextLine], filled: list[_TextLine]) -> _Table:
    """The rows opening a page that continues the table before; lines above its first row are rows
    left blank, or the rest of a label the page break cut off, rather than a header printed again, when
    one of them carries an item number or the first is such a rest — but never under the code columns'
    captions ('类  款  项'), which only a header prints."""
    table = _region(lines, filled[0].number, keyed=False) if _has_rows(filled) else _labels_only(filled)
    table.titled = False
    header = table.header
    rows_left = any(_enumerated(line) for line in header) or (header and _is_cut_rest(header[0]))
    if (rows_left or _opens_wrapped(table)) and not any(_code_captions(line) for line in header):
        table.header, table.body = [], [*header, *table.body]
    return table


def _opens_wrapped(table: _Table) -> bool:
    """Does the page open with a label wrapped round its first row ('台式计算机（20 万以' / '分散自行组织
    12.00' / '下）')? A header's line has no rest under it below the rows."""
    if not table.header or len(table.body) < 2:
        return False
    label, (first, rest, *_) = table.header[-1], table.body
    return _wraps_round(_Row(label.number, label.chunks), _Row(first.number, first.chunks), rest)


def _is_cut_rest(line: _TextLine) -> bool:
    """A label's rest, short and alone on its line ('十七、国土海洋气象等支' / '出')."""
    return len(line.chunks) == 1 and len(line.flat) <= _TAIL and _is_rest(line)


def _enumerated(line: _TextLine) -> bool:
    """Does the line open with an item number ('十四、…', '1.…')? Headers carry none."""
    return bool(line.chunks) and bool(ENUMERATOR.match(normalise(line.chunks[0].text)))


def _has_rows(filled: list[_TextLine]) -> bool:
    """Does the page's opening run of table lines hold a row of figures?"""
    for line in filled:
        if line.kind == "row":
            return True
        if line.kind != "words":
            return False
    return False


def _labels_only(filled: list[_TextLine]) -> _Table:
    """A page continuing a table with rows left blank: its opening label-only lines, when a title, a
    table's number, a unit line or a note under the table (or the page's end) follows them (a header is
    never printed without rows under it)."""
    run = list(takewhile(lambda line: line.kind == "words", filled))
    after = filled[len(run)] if len(run) < len(filled) else None
    ends = after is None or after.kind in ("title", "number", "key", "note")
    return _Table([], run if ends else [])


def _table_start(lines: list[_TextLine], title: int) -> tuple[int, bool] | None:
    """The first line of the table under a title — past its unit and filer lines, a header or a row —
    and whether a unit or filer line stood above it (then a header line may read like a title:
    '财政拨款“三公”经费' heads the columns of its table)."""
    keyed = False
    for line in lines[title + 1 :]:
        if line.kind == "blank":
            continue
        if line.kind == "key":
            keyed = True
            continue
        if line.kind in ("banner", "title_end"):
            continue
        # under a unit line any words head the table; else a header's labels stand apart
        header = (
            _may_head(line, lines[title].flat) if keyed else line.kind == "words" and len(line.chunks) >= 2
        )
        if header or line.kind == "row":
            return line.number, keyed
        return None
    return None


def _may_head(line: _TextLine, title: str) -> bool:
    """Can the line under a table's unit line be its header's: words, or a line that reads like a title
    ('财政拨款“三公”经费' heads its columns, a form prints its title again in its frame) but not the next
    table's title, with its number or ending like one ('公开02表  收入预算总表' at a page's foot, under a
    table whose rows are ruled)."""
    if line.kind == "words" or line.flat == title:
        return True
    return line.kind == "title" and not NUMBERED_TITLE.match(line.flat) and not TITLE_END.search(line.flat)


def _region(lines: list[_TextLine], start: int, keyed: bool, title: str = "") -> _Table:
    """Header lines up to the first row (`title`: the table's, which its frame may print again), then
    rows and the label-only lines between them. A region
    ends at a sentence, a note, a heading, a title, a table's number or a unit line; label-only lines at
    its end are its rows when a table or the page's end follows them, and a heading of the narrative
    when narrative does."""
    table = _Table()
    kept: list[_TextLine] = []
    ends_table = True  # what follows the region: the page's end until a line says otherwise
    for line in lines[start:]:
        if line.kind in ("blank", "page_number", "banner"):
            continue
        # the code columns' captions ('类  款  项') are a header's last line: a label under them is a row's
        captioned = bool(table.header) and _code_captions(table.header[-1])
        # a header carries no item number: a line under it opening with one is a row left blank (a
        # label, or each side's; a header's numbered captions stand over three columns or more)
        left_blank = bool(table.header) and _enumerated(line) and len(line.chunks) <= 2
        opens_body = table.body or _total_row(line) or captioned or left_blank
        if line.kind == "row" or (line.kind == "words" and opens_body):
            table.body.append(line)
        elif (
            not table.body
            and (_may_head(line, title) if keyed else line.kind == "words")
            and len(table.header) < _MAX_HEADER_LINES
        ):
            table.header.append(line)
        else:
            ends_table = line.kind in ("title", "number", "key")
            break
        if line.kind == "row" or _total_row(line) or (not table.body and len(line.chunks) >= 2):
            kept = [*table.header, *table.body]
    if ends_table and table.body:
        kept = [*table.header, *table.body]
    for line in table.body[len(kept) - len(table.header) :] if kept else ():
        # a short rest right under the table's last line ends that line's cell ('分散自行组' / '织'), no
        # heading of the narrative after it
        if line.number != kept[-1].number + 1 or len(line.flat) > _TAIL or not _is_rest(line):
            break
        kept.append(line)
    numbers = {line.number for line in kept}
    return _Table(
        [line for line in table.header if line.number in numbers],
        [line for line in table.body if line.number in numbers],
    )


def _total_row(line: _TextLine) -> bool:
    """Is the line a total's label alone ('合计', '合   计' letter-spaced), or each side's ('人员经费合计
    公用经费合计'), a row left blank? A header's labels ending in one ('专项名称  经济科目  总计') are no
    row."""
    labels = letter_spaced(line.chunks)
    return len(labels) <= 2 and totals(labels)


def _line(line: _TextLine) -> Line:
    """A narrative line from its first column, each character as wide as it prints (a Chinese one two
    columns: a converter gives it one), so that where a line stops says whether it broke early as on
    the page; a converter's one space between Chinese and Latin letters or digits ('公开 02 表', '2017
    年度': it pads narrow digits to the column grid) is not printed."""
    top = line.number * LINE_HEIGHT
    text = PADDING.sub("", line.text)
    column, chars = float(len(text) - len(text.lstrip())), []
    for ch in text.lstrip():
        width = printed_width(ch)
        if not ch.isspace():
            chars.append(_char(ch, column * CHAR_WIDTH, (column + width) * CHAR_WIDTH, top))
        column += width
    words = [
        Word(PADDING.sub("", c.text), c.x0 * CHAR_WIDTH, c.x1 * CHAR_WIDTH, top, top + _GLYPH)
        for c in line.chunks
    ]
    return Line(chars, top, top + _GLYPH, words)


def _char(text: str, x0: float, x1: float, top: float) -> Char:
    return Char(text, x0, x1, top, top + _GLYPH, (x0 + x1) / 2, top + _GLYPH / 2)


def _grid(page: int, table: _Table, running: Layout | None) -> tuple[Grid, Layout]:
    """The region as a grid: a row band per row, a column band per column found by alignment; a page
    continuing a table without its header keeps the table's columns when its own fit them."""
    # Chinese words a converter squeezed together with one space are the cells they were
    lines, above = [], []  # above: the lowest words printed at each place so far
    # the row numbering the columns ('栏次  1  2  3') is neither header nor body: its numbers, centred
    # in their columns, are no figures to align them by, but say which label heads which column
    numbering = [line for line in table.body if numbers_columns([c.text for c in line.chunks])]
    for line in (line for line in table.body if line not in numbering):
        cells = [cell for chunk in line.chunks for cell in cells_of(chunk)]
        lines.append(replace(line, chunks=letter_spaced(cells, cells_above=above)))
        words = [cell for cell in cells if cell not in figures(cells)]
        above = [*(c for c in above if not any(overlap(c, word) for word in words)), *words]
    body, captions = _rows(lines)
    header_lines = [*table.header, *captions]
    numbers = [c for c in numbering[0].chunks if c.text.isdigit()] if len(numbering) == 1 else []
    layout = columns([line.chunks for line in header_lines], [row.chunks for row in body], numbers)
    layout.header_words = _words(table.header)
    figured = without_remarks(layout.columns, [chunk for line in header_lines for chunk in line.chunks])
    if len(sides := side_reach(figured)) > 1:
        # each side's cells wrap on their own (a side's label over two lines, the other's on one)
        body = _side_by_side([_rows(_side_lines(lines, side))[0] for side in sides])
    mapping = None
    if running is not None and not table.header:
        not_joined = kept_apart(place(row.chunks, layout.columns)[0] for row in body)
        mapping = continued_from(running, layout, not_joined)
    if running is not None and mapping is not None:
        own = layout.columns
        carried_onto = [Column(c.kind, c.x0, c.x1, aligned=c.aligned) for c in running.columns]
        layout = Layout(carried_onto, [], running.doubts, (own, mapping), running.header_words)
        body = [replace(row, chunks=carried(row.chunks, own, layout.columns, mapping)) for row in body]
    found, header = layout.columns, layout.header
    xs = [index * _SLOT for index in range(len(found) + 1)]
    # captions printed among the rows stand in the header, under its last line
    last = table.header[-1].number if table.header else (body[0].number if body else 0) - 1
    numbers = [line.number for line in table.header] + [last + 0.5] * len(captions)
    rows = [
        (numbers[line], [(c.first, c.last, c.text) for c in header if c.line == line])
        for line in sorted({cell.line for cell in header})
    ]
    unplaced: list[str] = []
    placed: list[_Placed] = []
    for row in body:
        cells, figures_left_out = place(row.chunks, found)
        unplaced += [chunk.text for chunk in figures_left_out]
        placed.append((row.number, cells))
    rows += [
        (number, [(i, i, text) for i, text in cells])
        for number, cells in _spanning_cells_joined(placed, found)
    ]
    ys = [number * LINE_HEIGHT for number, _ in rows]
    ys.append(ys[-1] + LINE_HEIGHT)
    cells = []
    for index, (number, placed) in enumerate(rows):
        taken = set()
        for first, last, text in placed:
            cells.append(_cell(index, first, last, text, xs, ys, number))
            taken.update(range(first, last + 1))
        cells += [_cell(index, col, col, "", xs, ys, number) for col in range(len(found)) if col not in taken]
    grid = Grid(page, xs, ys, cells, inferred=True, printed=found)
    if unplaced:
        grid.doubts.append(
            Doubt(
                f"有 {len(unplaced)} 个数字与同行另一数字落在同一列，未读取 {len(unplaced)} figure(s) fall in "
                f"one column with another figure of their row, not read: {' '.join(unplaced[:6])}"
            )
        )
    grid.doubts.extend(layout.doubts)
    return grid, layout


def _words(lines: list[_TextLine]) -> tuple[str, ...]:
    """A header's words, wherever the converter set them on the page."""
    return tuple(sorted(normalise(chunk.text).replace(" ", "") for line in lines for chunk in line.chunks))


_Placed = tuple[int, list[tuple[int, str]]]  # a body row: its line, its cells (column, text)


def _spanning_cells_joined(rows: list[_Placed], found: list[Column]) -> list[_Placed]:
    """The rows, a cell spanning several of them joined to the one below it: a name alone on a line in
    a label column with another label column after it, between two rows that leave it blank and fill
    that next column, is the category cell of the rows round it printed at its middle (no row of its
    own, as in the PDF's grid)."""

    def spans(index: int) -> bool:
        if not rows[index][1]:  # a row of no cell (a converter's line the columns left nothing of)
            return False
        (column, _), *rest = rows[index][1]
        around = (dict(rows[index - 1][1]), dict(rows[index + 1][1]))
        labels_after = column + 1 < len(found) and found[column].kind == found[column + 1].kind == "text"
        return not rest and labels_after and all(column not in a and column + 1 in a for a in around)

    lone = {index for index in range(1, len(rows) - 1) if spans(index)}
    return [
        (number, sorted([*cells, *rows[index - 1][1]]) if index - 1 in lone else cells)
        for index, (number, cells) in enumerate(rows)
        if index not in lone
    ]


@dataclass
class _Row:
    """A table row: the words of one line, or of the lines one printed row spans."""

    number: int  # its first line
    chunks: list[Chunk]
    label_below: bool = False  # its label was printed under its figures: the label's rest may follow
    figures_below: bool = False  # its figures were printed on a line of their own under its labels
    closed: bool = False  # its label's rest was read: figures printed below it are another row's
    last: list[Chunk] = field(default_factory=list)  # the words of the lowest line it spans

    @classmethod
    def of(cls, line: _TextLine) -> _Row:
        return cls(line.number, list(line.chunks), last=line.chunks)


def _rows(body: list[_TextLine]) -> tuple[list[_Row], list[_TextLine]]:
    """The body's lines as rows, and the code captions ('类 款 项') printed among them (决算 tables
    print them under the total row), which belong to the header.

    A converter prints a row whose label wraps in its cell on several lines, and its figures on
    whichever line the cell's middle falls: a line of figures without code or label joins a label-only
    line just above it ('四、文化旅游体育与传媒' / figures), a label-only line joins a row of figures
    without a label just above it (figures / '合计'), and so does the rest of that label on the next
    line; a short rest of a label joins the row above it ('支' / '出'); a label wrapped round a row
    whose figures and other cells stand clear of it joins that row with its rest
    ('其他办公消耗用品及类似物' / '分散自行组织  4.50' / '品'). In a table whose cells are set in their middle,
    the lines of a row's cells printed over and under its figures join that row first (_centred_cells)."""
    rows: list[_Row] = []
    captions: list[_TextLine] = []
    owner = _centred_cells(body)
    over: list[_TextLine] = []  # lines of the next row's cells printed over its figures
    before = None  # the number of the line before
    for index, line in enumerate(body):
        near, before = before is None or line.number - before <= _ROW_GAP, line.number
        anchor = owner.get(line.number)
        if anchor is not None and anchor > line.number:
            over.append(line)
        elif over and line.number == owner.get(over[0].number):
            chunks_ = over[0].chunks
            for below in [*over[1:], line]:
                chunks_ = _joined(chunks_, below.chunks, True)
            rows.append(_Row(over[0].number, chunks_, last=line.chunks))
            over = []
        elif anchor is not None and rows:  # under its row's figures: the rest of its cells
            rows[-1].chunks = _joined(rows[-1].chunks, line.chunks, True)
            rows[-1].closed = True
        elif _code_captions(line):
            captions.append(line)
        elif len(rows) >= 2 and _wraps_round(rows[-2], rows[-1], line):
            middle = rows.pop()
            rows[-1].chunks = _joined(_joined(rows[-1].chunks, middle.chunks, False), line.chunks, True)
        elif rows and near and (how := _continues(rows[-1], line, body[index + 1 : index + 2])):
            rest = how == "rest"
            rows[-1].chunks = _joined(rows[-1].chunks, line.chunks, rest)
            rows[-1].label_below = how == "label below"
            rows[-1].figures_below = how == "figures below"
            rows[-1].closed = rest
            rows[-1].last = line.chunks
        else:
            rows.append(_Row.of(line))
    rows += [_Row.of(line) for line in over]  # no figures came
    return rows, captions


def _centred_cells(body: list[_TextLine]) -> dict[int, int]:
    """The lines of words each belongs to the line of figures of its row, when the table's cells are set
    in their middle: a cell's lines stand as many over its row's figures as under them, one on the
    figures' line when they are odd in number ('台式计算机' / '（20万以  27.00' / '上）'), none when even
    ('部门集中采' / 27.00 / '购'). So each such line has its mirror, as far on the other side of its row's
    figures, each word over the line under having its rest under it (_mirrors); a line that could
    mirror lines round two rows is taken with the one it alone can mirror first. Nothing when no cell
    of two lines round its row's figures shows it: the lines are read as rows and rests (cells set at
    their top)."""
    at = {line.number: line for line in body}
    anchors = [line.number for line in body if figures(line.chunks)]
    if not any(_straddled(at, number) for number in anchors):
        return {}
    near: dict[int, list[int]] = {}  # a line of words alone: the rows' figures it may stand round
    for above, below in pairwise([None, *anchors, None]):
        between = [n for n in at if (above is None or n > above) and (below is None or n < below)]
        if all(_loose(at[number]) for number in between):
            near |= {n: [a for a in (below, above) if a is not None] for n in between}
    pairs = set()  # (a line over a row's figures, its mirror under them, that row's figures' line)
    for number, candidates in near.items():
        for anchor in candidates:
            mirror = 2 * anchor - number
            if number < anchor and anchor in near.get(mirror, ()) and _mirrors(at[number], at[mirror]):
                pairs.add((number, mirror, anchor))
    owner: dict[int, int] = {}
    while pairs:
        count = Counter(n for pair in pairs for n in pair[:2])
        sure = min((pair for pair in pairs if count[pair[0]] == 1 or count[pair[1]] == 1), default=None)
        if sure is None:  # each line could stand round two rows: left as rows and rests
            break
        one, other, anchor = sure
        owner[one] = owner[other] = anchor
        pairs = {pair for pair in pairs if not {one, other} & set(pair[:2])}
    return owner


def _loose(line: _TextLine) -> bool:
    """A line of words alone: no figure, no code, no total, no item number of its own."""
    return (
        not figures(line.chunks) and not code_parts(line.chunks) and _is_rest(line) and not _total_row(line)
    )


def _straddled(at: dict[int, _TextLine], number: int) -> bool:
    """Does a cell of two lines print one line over the figures' line and its short rest under it, with
    nothing of its own on that line ('分散自行组' / 20.00 / '织')?"""
    up, down, middle = at.get(number - 1), at.get(number + 1), at[number]
    if up is None or down is None or not (_loose(up) and _loose(down)):
        return False
    return any(
        _aligned(u, d) and len(normalise(d.text)) <= _TAIL and not any(_set_over(u, m) for m in middle.chunks)
        for u in up.chunks
        for d in down.chunks
    )


def _set_over(one: Chunk, other: Chunk) -> bool:
    """Do the two words share a place as the converter set them (how far a word prints is a guess)?"""
    return one.x0 < other.end and other.x0 < one.end


def _mirrors(over: _TextLine, under: _TextLine) -> bool:
    """Is each word of the line over a row's figures over one of the line under them, starting where it
    starts or centred where it is, as a cell's lines are? The line under may hold more: the first line
    of a cell merged over this row and the next, set between them ('物业管理服  购')."""
    return all(any(_aligned(a, b) for b in under.chunks) for a in over.chunks)


def _aligned(one: Chunk, other: Chunk) -> bool:
    """One over the other, starting where it starts or centred where it is."""
    starts, centres = abs(one.x0 - other.x0), abs(one.centre - other.centre)
    return overlap(one, other) and min(starts, centres) <= _ALIGN


def _code_captions(line: _TextLine) -> bool:
    return len(line.chunks) >= 2 and all(normalise(c.text) in CODE_CAPTIONS for c in line.chunks)


def _wraps_round(label: _Row, middle: _Row, line: _TextLine) -> bool:
    """Is a label-only line the start of a label wrapped round the row on the next line — that row's
    figures and cells clear of it, the line after its short rest, under it?"""
    own = [c for c in label.chunks if c not in figures(label.chunks)]
    adjacent = middle.number == label.number + 1 and line.number == middle.number + 1
    if not adjacent or figures(label.chunks) or not own or not figures(middle.chunks) or figures(line.chunks):
        return False
    under = _each_under(own, line)
    # the row's words clear of the label and of its rest, as the converter set them (how far a label
    # prints is a guess): a rest under one of them may be that word's
    clear = not any(
        _set_over(c, m) or m.x0 - _OUTDENT <= r.x0 < m.end
        for c in own
        for r in line.chunks
        for m in middle.chunks
    )
    return under and clear and len(line.flat) <= _SHORT_LINE and _is_rest(line)


def _joined(row: list[Chunk], below: list[Chunk], rest: bool) -> list[Chunk]:
    """A row's words with a line below it that continues it, in print order left to right (a code
    printed under its label comes first); a label's rest ends the label it is printed under, however
    it is indented ('1.一般公共预' / '算'); a code or a figure is no label's rest."""
    chunks_ = list(row)
    labels = [i for i, c in enumerate(row) if c not in figures(row)] if rest else []
    numbers = [*below[: code_parts(below)], *figures(below)]
    for chunk in below:
        # the label it is printed under, the nearest by where they start (a rest starts under its label)
        under = min(
            (i for i in labels if chunk not in numbers and _rest_of(chunks_[i], chunk)),
            key=lambda i: abs(chunks_[i].x0 - chunk.x0),
            default=None,
        )
        if under is None:
            chunks_.append(chunk)
        else:
            label = chunks_[under]
            x0, x1, end = min(label.x0, chunk.x0), max(label.x1, chunk.x1), max(label.end, chunk.end)
            chunks_[under] = Chunk(label.text + chunk.text, x0, x1, end)
    return sorted(chunks_, key=lambda c: c.x0)


def _rest_of(label: Chunk, chunk: Chunk) -> bool:
    """Can the words be the next line of the label: starting under it, and ending no further than it
    ends (a cell's lines fill it no wider than its first; words that start under the label's end and
    run on past it are the next cell's, set close by the converter: '其他电信和' / '分散自行组')?"""
    return _starts_under(label, chunk) and chunk.end <= label.end + _ALIGN


def _side_lines(lines: list[_TextLine], side: tuple[float, float]) -> list[_TextLine]:
    """The lines with only the words of one side of a many-sided table."""
    kept = []
    for line in lines:
        chunks_ = [c for c in line.chunks if side[0] <= c.centre < side[1]]
        if chunks_:
            text = "".join(c.text.rjust(c.x1 - c.x0) for c in chunks_)
            kept.append(_TextLine(line.number, text, chunks_, "row" if figures(chunks_) else "words"))
    return kept


def _side_by_side(sides: list[list[_Row]]) -> list[_Row]:
    """The rows of a table's sides, each side's joined on its own, as one row per line they start on
    (a total's label on one side of the table and its figure on the other stay one row)."""
    by_line: dict[int, _Row] = {}
    for row in (row for side in sides for row in side):
        if row.number in by_line:
            joined = by_line[row.number]
            joined.chunks = sorted([*joined.chunks, *row.chunks], key=lambda c: c.x0)
            joined.label_below = joined.label_below or row.label_below
        else:
            by_line[row.number] = replace(row)
    return [by_line[number] for number in sorted(by_line)]


def _continues(above: _Row, line: _TextLine, after: list[_TextLine]) -> str | None:
    """How a line continues the row above it, if it does (`after`: the line after it, if any)."""
    above_figures, above_label = bool(figures(above.chunks)), _label(above.chunks)
    beside = not any(overlap(a, b) for a in figures(above.chunks) for b in figures(line.chunks))
    if figures(line.chunks) and not _label(line.chunks):
        if not above_figures and above_label and not above.closed:
            return "figures below"
        # a row's figures printed over two lines above its label ('2,336.91  603.14' / '2,940.05' / '合计')
        two_lines = _bare(above.chunks) and _bare(line.chunks) and not above.closed
        if two_lines and beside:
            return "label below"
        # a row whose cells a converter set on two lines by their heights on the page: its label with
        # some figures, then its other figures with its code ('行政运行  1,503.52' / '201  06  01
        # 1,511.89  8.37'), or a total's ('合计  2,336.91  603.14' / '2,940.05')
        split = above_figures and above_label and not code_parts(above.chunks) and not above.closed
        # what the line adds says it is the row's: its code, or a total's other figures (a bare line
        # under a side-by-side table's row may be the other side's)
        own = bool(code_parts(line.chunks)) or bool(TOTAL_LABEL.match(normalise(above_label)))
        return "cells below" if split and own and beside else None
    if above_figures and not above_label:
        # a row's figures printed on the line above its label, the rest beside it
        return "label below" if beside else None
    if figures(line.chunks):
        return None
    if above.label_below and len(line.flat) <= _SHORT_LINE and _is_rest(line):
        return "rest"
    if above.figures_below and _rest_of_each_label(above.chunks, line) and _is_rest(line):
        return "rest"
    # short rests, one under each label the row wraps ('信息网络建设维  信息网络及软件购' / '护费  置更新')
    short = all(len(normalise(c.text)) <= _TAIL for c in line.chunks)
    if (above_figures or above_label) and short and _is_rest(line):
        return "rest"
    # a coded row's name wrapped onto the line under the line of its code and name ('208 05 05
    # 机关事业单位基本养老保险' / '缴费支出') is no row; under a line of a code alone, it is the next row's name
    # printed over its code (as some converters set a row's cells on two lines)
    coded_name = bool(code_parts(above.last)) and _under_label(above.last, line)
    # or set in its cell's middle, over and under the line of its code and figures ('机关事业单位基本养老' /
    # '2080505  95.98' / '保险缴费支出'), unless the line after is a row's figures without a name, which
    # the line heads (names set at their cells' top)
    headless = bool(after) and bool(figures(after[0].chunks)) and not _label(after[0].chunks)
    centred = above.figures_below and bool(code_parts(above.last)) and not _label(above.last) and not headless
    coded_name = coded_name or (centred and _under_label(above.chunks, line))
    return "rest" if coded_name and len(line.flat) <= _SHORT_LINE and _is_rest(line) else None


def _under_label(row: list[Chunk], line: _TextLine) -> bool:
    """Does every word of the line start under the row's name (as a wrapped rest does)?"""
    return _each_under([c for c in row[code_parts(row) :] if c not in figures(row)], line)


def _each_under(labels: list[Chunk], line: _TextLine) -> bool:
    """Does every word of the line start under one of the labels?"""
    return all(any(_starts_under(label, chunk) for label in labels) for chunk in line.chunks)


def _starts_under(label: Chunk, chunk: Chunk) -> bool:
    """Does the chunk start under the label, as the label's wrapped rest does (however indented)?"""
    return label.x0 - _OUTDENT <= chunk.x0 < label.x1


def _rest_of_each_label(row: list[Chunk], line: _TextLine) -> bool:
    """Is the line, short, the rests of each of the row's two labels or more, each starting where its
    label starts ('信息网络建设维护  信息网络及软件' / figures / '费  购置更新': the figures printed at the
    middle of cells both labels wrap in)?"""
    labels = [c for c in row[code_parts(row) :] if c not in figures(row)]
    starts = len(labels) >= 2 and len(labels) == len(line.chunks)
    return (
        starts
        and len(line.flat) <= _SHORT_LINE
        and all(abs(label.x0 - rest.x0) <= _ALIGN for label, rest in zip(labels, line.chunks, strict=True))
    )


def _bare(row: list[Chunk]) -> bool:
    """Does the row hold figures and nothing else (no code, no label)?"""
    return len(figures(row)) == len(row) > 0


def _label(row: list[Chunk]) -> str:
    """A row's words other than its figures and its code."""
    numbers = figures(row)
    return "".join(c.text for c in row[code_parts(row) :] if c not in numbers)


def _is_rest(line: _TextLine) -> bool:
    """Can the line be the rest of a wrapped label: no item number, total or subtotal of its own?"""
    return not ENUMERATOR.match(line.flat) and not TOTAL_LABEL.match(line.flat) and line.flat != "小计"


def _cell(
    row: int, first: int, last: int, text: str, xs: list[float], ys: list[float], number: float
) -> Cell:
    x0, x1 = xs[first], xs[last + 1]
    top = number * LINE_HEIGHT
    cell = Cell(row, first, row, last, x0, x1, ys[row], ys[row + 1])
    if text:
        step = (x1 - x0 - 4) / len(text)
        cell.chars = [_char(ch, x0 + 2 + i * step, x0 + 2 + (i + 1) * step, top) for i, ch in enumerate(text)]
        cell.lines = [Line(cell.chars, top, top + _GLYPH, [Word(text, x0 + 2, x1 - 2, top, top + _GLYPH)])]
    return cell
