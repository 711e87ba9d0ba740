"""The forms a text filing comes in, turned into the lines the text reader reads.

Converters print a table's rows in different forms: tab-separated (the bundled sample), markdown pipe
tables, HTML `<table>` blocks inside markdown (what PDF-to-markdown tools emit), or a whole HTML page (as
many governments publish their disclosures). Each form becomes the same numbered lines: a table row is
one tab-separated line, a heading a markdown heading ('#'), a list item '- ', any other block one line.
Every line keeps the 1-based line of the file where it starts (a row: where its `<tr>` or pipe row
starts), so findings cite the file's real lines. HTML is read by lxml, never by patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from budget_graph.errors import InputError
from budget_graph.read.source import visible

if TYPE_CHECKING:
    import lxml.html

Line = tuple[int, str]  # (1-based line in the file, text)

HTML_SUFFIXES = frozenset({".html", ".htm"})
PICTURE = "〔图片〕"  # the line a picture on a web page becomes (read/text.py: a table printed as one)

# '|---|:---:|': the row that makes the line above a pipe table's header (markdown syntax, not HTML)
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")

_ALIGNED_ROWS = 5  # lines of figures set apart by spaces that make a text laid out
_ALIGNED_ROW = re.compile(r"\S {2,}[-−]?\d[\d,]*(?:\.\d+)?(?: |$)")  # a figure set apart by spaces

# what a browser does not show, and site navigation around the disclosure
_SKIPPED = frozenset({"head", "script", "style", "noscript", "template", "svg", "nav"})
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details"),
        *("div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr"),
        *("html", "li", "main", "ol", "p", "section", "summary", "ul"),
        *("h1", "h2", "h3", "h4", "h5", "h6"),
    }
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# libxml2 counts source lines up to this and no further
_LINE_CAP = 65535
# the blank cells a table's spans may cover: far above any published table (tens of columns, hundreds
# of rows), far below what a page of crafted spans would cost (each cell spanning 1000 columns down
# to the last row: quadratic)
SPANNED_CELLS = 2_000_000


@dataclass
class SourceText:
    """A file's numbered lines, and the lines of the rows of HTML tables whose cells may not stand in
    their columns: spans covering cells printed in their own right, cells outside any row."""

    lines: list[Line] = field(default_factory=list)
    doubted: set[int] = field(default_factory=set)

    def extend(self, other: SourceText) -> None:
        self.lines.extend(other.lines)
        self.doubted.update(other.doubted)


def read_lines(text: str, suffix: str = "") -> SourceText:
    """The file's text as numbered lines, in whichever form its tables come."""
    if is_html_page(text, suffix):
        return _html_lines(text, 1)
    return _markdown_lines(text.split("\n"))


def source_lines(text: str, suffix: str = "") -> list[Line]:
    return read_lines(text, suffix).lines


def has_markup_tables(text: str, suffix: str) -> bool:
    """Does the text mark its tables up (an HTML page, HTML tables, pipe tables), rather than lay them
    out with spaces?"""
    lines = text.split("\n")
    return (
        is_html_page(text, suffix)
        or any(_opens_table(line) for line in lines)
        or any(_is_delimiter_row(line) for line in lines)
    )


def is_laid_out(text: str, suffix: str = "") -> bool:
    """Is this text laid out with spaces: no tab-separated rows nor marked-up tables, and pages split
    by form feeds (as pdftotext writes them) or rows of figures set apart by runs of spaces?"""
    if "\t" in text or has_markup_tables(text, suffix):
        return False
    paged = text.count("\f") >= 1
    rows = sum(1 for line in text.splitlines() if _ALIGNED_ROW.search(line))
    return paged or rows >= _ALIGNED_ROWS


def is_html_page(text: str, suffix: str) -> bool:
    start = text.lstrip("\ufeff \t\r\n")[:14].lower()
    return suffix.lower() in HTML_SUFFIXES or start.startswith(("<!doctype html", "<html"))


def _markdown_lines(lines: list[str]) -> SourceText:
    """Markdown lines as they are, but pipe tables and HTML table blocks as tab rows."""
    read = SourceText()
    numbered = read.lines
    index = 0
    while index < len(lines):
        line = lines[index]
        if _opens_table(line):
            end = _table_block_end(lines, index)
            read.extend(_html_lines("\n".join(lines[index : end + 1]), index + 1))
            index = end + 1
        elif "|" in line and index + 1 < len(lines) and _is_delimiter_row(lines[index + 1]):
            numbered.append((index + 1, "\t".join(pipe_cells(line))))
            index += 2
            while index < len(lines) and lines[index].strip() and "|" in lines[index]:
                # a delimiter row is no row (a converter may start the table again at a page break)
                if not _is_delimiter_row(lines[index]):
                    numbered.append((index + 1, "\t".join(pipe_cells(lines[index]))))
                index += 1
        else:
            numbered.append((index + 1, line))
            index += 1
    return read


def _is_delimiter_row(line: str) -> bool:
    return "|" in line and "-" in line and bool(_DELIMITER_ROW.match(line))


def pipe_cells(line: str) -> list[str]:
    """A pipe table row's cells: outer pipes stripped, `\\|` a pipe inside a cell; leading empty
    cells kept (a row a page break split continues under the cells above it)."""
    cells: list[str] = []
    cell: list[str] = []
    escaped = closed = False
    for char in line.strip():
        closed = False
        if escaped:
            cell.append(char if char == "|" else "\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append("".join(cell))
            cell = []
            closed = True
        else:
            cell.append(char)
    if escaped:
        cell.append("\\")
    if not closed:
        cells.append("".join(cell))
    if line.strip().startswith("|"):
        cells = cells[1:]
    return [" ".join(text.split("\t")).strip() for text in cells]


def _opens_table(line: str) -> bool:
    return _count_tag(line, "<table") > 0


def _count_tag(line: str, opening: str) -> int:
    """How often a tag opens (or closes, for '</table') in a line: the name followed by '>', a space
    or '/', in any case."""
    lowered = line.lower()
    count = start = 0
    while (found := lowered.find(opening, start)) >= 0:
        start = found + len(opening)
        after = lowered[start : start + 1]
        count += after in ("", ">", "/") or after.isspace()
    return count


def _table_block_end(lines: list[str], first: int) -> int:
    """The index of the line that closes the table opened at `first` (tables nest); the last line
    when it is never closed."""
    depth = 0
    for index in range(first, len(lines)):
        depth += _count_tag(lines[index], "<table") - _count_tag(lines[index], "</table")
        if depth <= 0:
            return index
    return len(lines) - 1


def _html_lines(html: str, first_line: int) -> SourceText:
    """HTML (a page, or a block of a markdown file starting at `first_line`) as numbered lines."""
    if not html.strip():
        return SourceText()
    import lxml.html  # here, not at the top: most text filings have no HTML, and lxml takes a while to load
    from lxml.etree import ParserError

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        # bytes with the encoding named: the text is decoded already, whatever the page declares
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except ParserError:  # nothing but comments or white space
        return SourceText()
    page = _Page(first_line - 1)
    page.element(root)
    page.flush()
    # an entity ('&#8203;') gives the invisible characters reading the file dropped
    return SourceText([(number, visible(text)) for number, text in page.lines], page.doubted)


@dataclass
class _Page:
    """Walks an HTML tree in document order, gathering the text of each block into one line."""

    offset: int  # the file's line before the HTML's first line
    lines: list[Line] = field(default_factory=list)
    cursor: int = 1  # the HTML's line at the walk's position
    pending: list[str] = field(default_factory=list)
    pending_line: int | None = None
    prefix: str = ""  # '## ' in a heading, '- ' in a list item
    doubted: set[int] = field(default_factory=set)  # the file's lines of rows whose spans overlap cells

    def element(self, element: lxml.html.HtmlElement) -> None:
        self._at(element.sourceline)
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _SKIPPED:
            self.cursor += sum(text.count("\n") for text in element.itertext())
        elif tag == "table" and _lays_out(element):
            self._block(element, "div")  # a page's layout: its cells hold the page's own blocks
        elif tag == "table":
            self.flush()
            self._table(element)
        elif tag == "br":
            self.flush()
        elif tag == "img":  # a picture on the page: a table may be printed as one
            self.flush()
            self.lines.append((self.offset + self.cursor, PICTURE))
        elif tag == "pre":
            self._preformatted(element)
        elif tag in _BLOCKS:
            self._block(element, tag)
        else:
            self._inline(element)
        self.text(element.tail)

    def _block(self, element: lxml.html.HtmlElement, tag: str) -> None:
        self.flush()
        outer = self.prefix
        if tag in _HEADINGS:
            self.prefix = "#" * _HEADINGS[tag] + " "
        elif tag == "li":
            self.prefix = "- "
        self._inline(element)
        self.flush()
        self.prefix = outer

    def _preformatted(self, element: lxml.html.HtmlElement) -> None:
        """`<pre>` shows its lines as they are: each one line, tabs kept (a converter's text put on a
        page as it is)."""
        self.flush()
        text = element.text_content()
        for line, piece in enumerate(text.split("\n"), start=self.cursor):
            if piece.strip():
                self.lines.append((self.offset + line, self.prefix + piece.rstrip()))
        self.cursor += text.count("\n")

    def _inline(self, element: lxml.html.HtmlElement) -> None:
        self.text(element.text)
        for child in element:
            self.element(child)

    def text(self, piece: str | None) -> None:
        if not piece:
            return
        if piece.strip() and self.pending_line is None:
            self.pending_line = self.cursor + piece[: len(piece) - len(piece.lstrip())].count("\n")
        self.pending.append(piece)
        self.cursor += piece.count("\n")

    def flush(self) -> None:
        text = " ".join("".join(self.pending).split())
        if text and self.pending_line is not None:
            self.lines.append((self.offset + self.pending_line, self.prefix + text))
        self.pending = []
        self.pending_line = None

    def _at(self, sourceline: int | None) -> None:
        """libxml2's line of an element, where it can count it (else the walk's own count)."""
        if sourceline and sourceline < _LINE_CAP:
            self.cursor = sourceline

    def _table(self, table: lxml.html.HtmlElement) -> None:
        for caption in table.xpath("./caption"):
            self.element(caption)
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        stray = table.xpath(_STRAY_CELLS)
        if stray:  # cells outside any <tr>: a browser shows them as a row of their own
            rows.append(_implied_row(table, stray))
        starts = []
        for row in rows:
            self._at(row.sourceline)
            starts.append(self.cursor)
            self.cursor += sum(text.count("\n") for text in row.itertext()) + (row.tail or "").count("\n")
        grid = table_grid(rows)
        if stray or overlapping_spans(rows, grid):
            self.doubted.update(self.offset + line for line in starts)
        for line, cells in zip(starts, grid, strict=True):
            if cells is not None and any(cell.strip() for cell in cells):
                self.lines.append((self.offset + line, cells[0] if len(cells) == 1 else "\t".join(cells)))


# a table's cells outside any row: written without their <tr> (libxml2 puts in none, as browsers do)
def _lays_out(table: lxml.html.HtmlElement) -> bool:
    """A table that lays a page out, not one of figures: a cell of it holds a table or a heading (many
    government sites set the whole disclosure in a cell of such a table, beside the site's menu)."""
    cells = table.xpath(_OWN_CELLS)
    return any(cell.xpath(".//table | .//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6") for cell in cells)


_STRAY_CELLS = "|".join(
    f"./{part}{cell}" for part in ("", "thead/", "tbody/", "tfoot/") for cell in ("td", "th")
)


# a table's own cells, in its rows (a nested table's cells are its own)
_OWN_CELLS = "|".join(
    f"./{part}tr/{cell}" for part in ("", "thead/", "tbody/", "tfoot/") for cell in ("td", "th")
)


def _implied_row(table: lxml.html.HtmlElement, cells: list[lxml.html.HtmlElement]) -> lxml.html.HtmlElement:
    row = table.makeelement("tr", {})
    row.extend(cells)
    row.sourceline = cells[0].sourceline
    return row


def table_grid(rows: list[lxml.html.HtmlElement]) -> list[list[str] | None]:
    """Each `<tr>` as the row of cells it prints: a cell spanning columns or rows printed once at its
    left and top edge, the cells it covers blank (as read/layout.header_tree expects). A row of one
    cell that nothing above reaches into (a title, a unit, a note laid inside the table) is one cell,
    so it reads as a line of text; a row without cells is None. A span reaches no further than the
    table does: a colspan to its widest row, a rowspan to its last row. Spans covering more than
    SPANNED_CELLS cells refuse the file (InputError)."""
    widest = _width(rows)
    covered: set[tuple[int, int]] = set()  # (row, column) under a spanning cell, below or right of it
    reached: dict[int, int] = {}  # a row a span above reaches into: the width the span gives it
    spanned = 0
    grid: list[list[str] | None] = []
    for index, row in enumerate(rows):
        cells = _cells(row)
        printed: list[str] = []
        for cell in cells:
            column = len(printed)
            while (index, column) in covered:
                column += 1
            across = _span(cell, "colspan", widest - column)
            down = _span(cell, "rowspan", len(rows) - index)
            spanned += across * down - 1
            if spanned > SPANNED_CELLS:
                raise InputError(
                    f"表格的合并单元格过多（超过 {SPANNED_CELLS:,} 格） a table's colspan/rowspan cover "
                    f"more than {SPANNED_CELLS:,} cells"
                )
            printed.extend([""] * (column - len(printed)) + [_cell_text(cell)] + [""] * (across - 1))
            for below in range(1, down):
                covered.update((index + below, column + right) for right in range(across))
                reached[index + below] = max(reached.get(index + below, 0), column + across)
        reach = reached.get(index, 0)
        printed.extend([""] * (reach - len(printed)))
        covered.difference_update((index, column) for column in range(reach))
        if not cells:
            grid.append(None)
        elif len(cells) == 1 and index not in reached:
            grid.append(printed[:1])
        else:
            grid.append(printed)
        reached.pop(index, None)
    return grid


def overlapping_spans(rows: list[lxml.html.HtmlElement], grid: list[list[str] | None]) -> bool:
    """Do the table's rows of cells come out of different widths once its spans are placed, or would
    a row's spans reach past the table's width? A table's rows are as wide as each other; a span that
    covers cells that are there (a rowspan of 1000 over the data below, a colspan of 999999 beside a
    header, a rowspan of 2 in a header) pushes them past the others, and a colspan too wide in a header
    pushes the cells after it right, the last one's span cut at the table's edge: which column each cell
    stands in is not certain."""
    several = [(row, cells) for row, cells in zip(rows, grid, strict=True) if cells and len(_cells(row)) > 1]
    widths = {len(cells) for _, cells in several}
    asked = (sum(_span(cell, "colspan", SPANNED_CELLS) for cell in _cells(row)) for row, _ in several)
    return len(widths) > 1 or any(width > max(widths, default=0) for width in asked)


def _width(rows: list[lxml.html.HtmlElement]) -> int:
    """The table's widest row, in cells printed in their own right."""
    return max((len(_cells(row)) for row in rows), default=0)


def _cells(row: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _span(cell: lxml.html.HtmlElement, name: str, most: int) -> int:
    """A colspan/rowspan as HTML reads it: a whole number from 1 to `most`; anything else is 1 (a
    rowspan of 0, 'to the end of the table', is the rows left)."""
    value = (cell.get(name) or "1").strip()
    if not value.isdigit():
        return 1
    number = int(value)
    if number == 0 and name == "rowspan":
        return most
    return min(max(number, 1), max(most, 1))


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    """A cell's text as shown: white space collapsed; a `<br>` inside (a wrapped label) joins the
    pieces, as the PDF reader joins a wrapped cell."""
    return " ".join(cell.text_content().split())
