"""What the PDF reader could not place in a table, and the tables it may therefore not have read whole.

Figures the flow left outside every table — an untitled ruled grid that holds figures, or lines of bare
figures printed without any ruling (rows a page break cut from their table) — are reported, counted as
unread (a required table said to be missing may be among them), and make the table printed just before
them doubtful: they may be its lost continuation. check/confidence.py then raises no error on that table.
"""

from __future__ import annotations

import re
from itertools import pairwise

from budget_graph.model import Diagnostic, Doubt, Filing, Location, Table, is_number, printed_as_figure
from budget_graph.model.meanings import WHOLE
from budget_graph.read.layout import ENUMERATOR, TOTAL_LABEL, UNIT_LINE, normalise, titled_table
from budget_graph.read.pdf_flow import Flow, PageLine
from budget_graph.read.pdf_grid import Grid

_ROW_FIGURES = 3  # bare figures on one line that make it a table row, not a sentence; or on a page's
# lines of nothing but figures (a table's cells read one to a line, as a converter without layout gives them)
_UNDER_TITLE = 6  # lines under a title (unit line, header) within which its first figures stand
# an item's number inside a label, after its words ('…预算一、基本支出'): two labels run together
_NUMBERING = re.compile(r"^(?:序号|行次|行号|编号)$")  # a caption over row numbers
_ITEM_NUMBER = re.compile(r"^\d{1,3}$")
_SECOND_ITEM = re.compile(r"[^一二三四五六七八九十（(\s][一二三四五六七八九十]{1,3}、")
_JOINED = (
    "按文字位置读取时两栏的名称连在一起，各行归属可能读错 labels of two columns read as one, placed by the "
    "position of the words: which line a figure belongs to may be misread"
)
_NO_LABEL = (
    "按文字位置读取时有金额的行未读到名称，名称可能落在别的行或栏 a row of figures read without a label, placed "
    "by the position of the words: its label may have landed in another row or column"
)
_PIECE = 3  # characters: the last piece of a wrapped label, no name of a line
_SPLIT = (
    "按文字位置读取时一个名称折行被读成两行，数字落在名称的末段，各行归属可能读错 a label wrapped over lines "
    "read as two rows, its figure on the label's last piece, placed by the position of the words: which line "
    "a figure belongs to may be misread"
)
_BLANK_TOTAL = (
    "合计栏每行皆空而分项栏有数，各栏位置可能读错 the total column is blank on every row while its parts "
    "print figures: the columns may be read a column off"
)
_SUSPECT_HEADER = (
    "按文字位置读出的表头有列未能识别或重复，各列归属可能读错 the header read from the position of its words "
    "has columns it could not name, or named twice: which figure stands in which column may be misread"
)


def mark_doubts(filing: Filing, flow: Flow, source: str, measured: bool = True) -> None:
    """`measured`: the pages are a PDF's, where a grid placed by alignment is a table printed without
    ruling lines (read/pdf_unruled.py), said once per table; in laid-out text every grid is."""
    for grid in flow.stray_grids:
        _stray_grid(filing, flow, grid, source)
    for block in flow.blocks:
        for grid in block.grids:
            _unplaced_cells(filing, block.title, grid, source)
        if any(grid.inferred for grid in block.grids):
            _inferred_header(filing, block.title, source)
            _joined_labels(filing, block.title)
            _figures_without_label(filing, block.title)
            _label_split_from_its_number(filing, block.title)
            _blank_total(filing, block.title)
            if measured:
                _read_by_alignment(filing, block.title, block.page, source)
    _titles_without_grid(filing, flow, source)
    rows = [line for line in flow.lines if line.cells is None and _as_text(line)]
    for page in sorted({line.page for line in rows}):
        on_page = [line for line in rows if line.page == page]
        if sum(_bare_figures(line) for line in on_page) >= _ROW_FIGURES:
            _rows_as_text(filing, flow, on_page, source)
    filing.diagnostics.extend(
        Diagnostic("warning", message, (Location(source, page=page),)) for page, message in flow.doubts
    )


def _stray_grid(filing: Filing, flow: Flow, grid: Grid, source: str) -> None:
    """A ruled grid under no title is read as narrative. When it holds figures, it may be a table whose
    title was missed or the continuation of the table before it."""
    place = Location(source, page=grid.page)
    numbering = _numbering_columns(grid)
    figures = sum(is_number(cell.text) for cell in grid.cells if cell.col not in numbering)
    if not figures:
        filing.diagnostics.append(
            Diagnostic(
                "info",
                "说明中的表格（无表题），不作为预决算表检查 a ruled grid without a table title, read as narrative, not checked",
                (place,),
            )
        )
        return
    _unread(
        filing,
        _table_before(filing, flow, grid.page, grid.top),
        place,
        f"第{grid.page}页有一个无表题、含{figures}个数字的表格",
        f"an untitled grid with {figures} figure(s) on page {grid.page}",
    )


def _numbering_columns(grid: Grid) -> set[int]:
    """The columns under a caption of row numbers (序号, 行次) that hold nothing but small whole numbers: a
    list's item numbers (the units a narrative lists, 序号 | 单位名称 | 备注), no figures."""
    cells = [cell for cell in grid.cells if cell.col == cell.col_end]
    return {
        head.col
        for head in cells
        if head.row == 0
        and _NUMBERING.match(normalise(head.text))
        and all(_ITEM_NUMBER.match(c.text.strip() or "0") for c in cells if c.col == head.col and c.row > 0)
    }


def _unplaced_cells(filing: Filing, title: str, grid: Grid, source: str) -> None:
    """What a table's reader could not place for sure (laid-out text): the table is in doubt, and
    figures left out are unread."""
    if not grid.doubts:
        return
    place = Location(source, page=grid.page, table=title)
    if not all(doubt.columns_only for doubt in grid.doubts):
        filing.unread.append(place)
    table = _titled(filing, title)
    if table is not None:
        table.doubts.extend(grid.doubts)
    filing.diagnostics.extend(
        Diagnostic("warning", f"{title}: {doubt.message}", (place,)) for doubt in grid.doubts
    )


def _inferred_header(filing: Filing, title: str, source: str) -> None:
    """A header read from the alignment of text whose columns did not all come out as distinct known
    meanings (a label placed under the wrong group, a piece of a wrapped label taken for a column):
    which figure stands in which column is in doubt; the sums down the rows are not."""
    table = _titled(filing, title)
    if table is None or not any(_suspect(column.meaning) for column in table.columns):
        return
    table.doubts.append(Doubt(_SUSPECT_HEADER, columns_only=True))
    filing.diagnostics.append(Diagnostic("warning", f"{title}: {_SUSPECT_HEADER}", (table.location,)))


def _joined_labels(filing: Filing, title: str) -> None:
    """Labels of two columns read as one ('一、一般公共预算一、基本支出', the next column's figures then
    under no label): on a page of few rows the alignment had too little to set the columns apart."""
    table = _titled(filing, title)
    joined = [row.label for row in table.rows if _SECOND_ITEM.search(row.label)] if table else []
    if table is not None and joined:
        doubt = f"{_JOINED}: {'；'.join(joined[:2])}"
        table.doubts.append(Doubt(doubt))
        filing.diagnostics.append(Diagnostic("warning", f"{title}: {doubt}", (table.location,)))


def _figures_without_label(filing: Filing, title: str) -> None:
    """A row with a figure and neither code nor label, among rows (of its side) that have them, its cells
    placed by alignment: a label centred in its cell or set off its column landed elsewhere (on the
    other side of a two-sided table, or a row of its own), and the figure stands under no line. A table
    of figures alone (Jiangsu's 支出预算总表: one row under its header) labels none of its rows."""
    table = _titled(filing, title)
    rows = table.rows if table else []
    labelled = {row.side for row in rows if row.label or row.code}  # a table of figures alone has none
    bare = [
        row for row in rows if not row.label and not row.code and row.side in labelled and row.has_amount()
    ]
    if table is not None and bare:
        table.doubts.append(Doubt(_NO_LABEL))
        filing.diagnostics.append(Diagnostic("warning", f"{title}: {_NO_LABEL}", (bare[0].location,)))


def _label_split_from_its_number(filing: Filing, title: str) -> None:
    """A numbered row left blank (`四、公共安全`) right above a row of its side whose label is a short
    unnumbered piece holding the figure (`支出`), its cells placed by alignment: one label wrapped over
    lines, its figure set by its first line's or its last's, read as two rows. The numbered line's sums
    then miss the figure, which a piece of a name carries as a line of its own."""
    table = _titled(filing, title)
    if table is None:
        return
    for side in {row.side for row in table.rows}:
        rows = [row for row in table.rows if row.side == side]
        split = [
            lower
            for upper, lower in pairwise(rows)
            if ENUMERATOR.match(upper.label)
            and not upper.has_amount()
            and lower.has_amount()
            and len(lower.label) <= _PIECE
            and not ENUMERATOR.match(lower.label)
            and not TOTAL_LABEL.match(lower.label)
        ]
        if split:
            table.doubts.append(Doubt(_SPLIT))
            filing.diagnostics.append(Diagnostic("warning", f"{title}: {_SPLIT}", (split[0].location,)))
            return


def _blank_total(filing: Filing, title: str) -> None:
    """A side's total column (合计) blank on every row while its parts print figures, the columns placed
    by the position of the words: the figures stand a column off (no table leaves out the total of the
    parts it prints on every line; where the cells are ruled, that is the table's own slip)."""
    table = _titled(filing, title)
    if table is None:
        return
    for side in {column.side for column in table.columns}:
        meanings = [column.meaning for column in table.columns if column.side == side]
        whole = next((meaning for meaning in WHOLE if meaning in meanings), None)
        printed = {m for m in meanings if any((c := row.cells.get(m)) and c.amount for row in table.rows)}
        if len(meanings) > 1 and whole and printed and whole not in printed:
            table.doubts.append(Doubt(_BLANK_TOTAL))
            filing.diagnostics.append(Diagnostic("warning", f"{title}: {_BLANK_TOTAL}", (table.location,)))
            return


def _read_by_alignment(filing: Filing, title: str, page: int, source: str) -> None:
    filing.diagnostics.append(
        Diagnostic(
            "info",
            f"{title}: 表格无表格线，按文字对齐位置读取 printed without ruling lines, read by the alignment of its words",
            (Location(source, page=page, table=title),),
        )
    )


def _suspect(meaning: str) -> bool:
    return "#" in meaning or meaning.startswith(("unknown:", "unplaced_"))


def unruled_titles(flow: Flow) -> list[PageLine]:
    """Tables' titles left in the text with figures or a unit line printed under them: tables printed
    without ruling lines (borders switched off when a sheet was printed), or in text that keeps no
    layout, which this reader does not place."""
    lines = flow.lines
    return [
        line
        for index, line in enumerate(lines)
        if line.cells is None
        and titled_table(line.text) is not None
        and any(
            (_bare_figures(other) or UNIT_LINE.match(normalise(other.text))) and other.page == line.page
            for other in lines[index + 1 : index + 1 + _UNDER_TITLE]
        )
    ]


def _titles_without_grid(filing: Filing, flow: Flow, source: str) -> None:
    """Each table printed without ruling lines is said, and counted as unread, so that no check takes
    the table for missing."""
    for line in unruled_titles(flow):
        title = normalise(line.text)
        _unread(
            filing,
            None,
            Location(source, page=line.page, table=title),
            f"第{line.page}页的“{title}”无表格线",
            f"“{title}” on page {line.page} is printed without ruling lines",
        )


def _rows_as_text(filing: Filing, flow: Flow, rows: list[PageLine], source: str) -> None:
    """Lines of bare figures printed without ruling, read as text: rows cut from a table."""
    page = rows[0].page
    _unread(
        filing,
        _table_before(filing, flow, page, rows[0].line.top),
        Location(source, page=page),
        f"第{page}页有{len(rows)}行无表格线的数字行",
        f"{len(rows)} line(s) of figures without ruling on page {page}",
    )


def _unread(filing: Filing, before: Table | None, place: Location, what: str, what_en: str) -> None:
    filing.unread.append(place)
    if before is not None:
        before.doubts.append(
            Doubt(f"{what}，可能是本表未接上的续页 {what_en} may be this table's continuation, not joined")
        )
    filing.diagnostics.append(
        Diagnostic(
            "warning",
            f"{what}，未作为预决算表读取、未检查 {what_en}, not read as a budget table, not checked",
            (place,),
        )
    )


def _bare_figures(line: PageLine) -> int:
    return sum(1 for word in line.line.words if printed_as_figure(word.text))


def _as_text(line: PageLine) -> bool:
    """A table's row read as text: figures enough for a row, or nothing but figures."""
    figures = _bare_figures(line)
    return figures >= _ROW_FIGURES or 0 < figures == len(line.line.words)


def _table_before(filing: Filing, flow: Flow, page: int, top: float) -> Table | None:
    """The table printed last before this place, if it ended on this page or the page before: the one
    what stands here may continue."""
    ends = [
        (block.grids[-1].page, block.grids[-1].top, block.title)
        for block in flow.blocks
        if block.grids and (block.grids[-1].page, block.grids[-1].top) < (page, top)
    ]
    if not ends or max(ends)[0] < page - 1:
        return None
    title = max(ends)[2]
    return _titled(filing, title)


def _titled(filing: Filing, title: str) -> Table | None:
    return next((table for table in filing.tables if table.title == title), None)
