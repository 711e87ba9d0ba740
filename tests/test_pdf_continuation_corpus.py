"""A table broken across pages reads as the table printed whole: each corpus PDF has its longest table page
cut in the middle of its rows, after its first or before its last, the rows below moved to a page added
after it (tests/cut_pages.py) under nothing, under its header printed again (a repeated header row), or
under its title, filer, unit and header printed again; the table must read row for row, figure for figure, as before (skipped cleanly
when ../shared/corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from budget_graph.model import Filing, Table
from budget_graph.read import read_file
from tests.conftest import CORPUS
from tests.cut_pages import CannotCut, Cut, cut_page

# pages whose text pdfium cannot write back as it read it (their marked content is left unbalanced)
_UNWRITABLE = {"江苏省委办公厅2017年预算公开表格.pdf"}
PDFS = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("*/*.pdf")) if CORPUS.is_dir() else []
_MIN_ROWS = 6  # on the table's first page, so that both pages hold rows


def _rows(table: Table) -> list[tuple]:
    return [
        (row.code, row.label, row.role, row.side, sorted((k, c.text, c.amount) for k, c in row.cells.items()))
        for row in table.rows
    ]


def _longest_first(filing: Filing) -> list[Table]:
    """The tables with enough rows on their first page, printed upright, most rows first."""
    upright = [
        t for t in filing.tables if not filing.page_turns.get(filing.sources[0], {}).get(t.location.page)
    ]
    candidates = [t for t in upright if len(_first_page_rows(t)) >= _MIN_ROWS]
    return sorted(candidates, key=lambda t: -len(_first_page_rows(t)))


def _first_page_rows(table: Table) -> list:
    return [r for r in table.rows if r.location.page == table.location.page and r.location.bbox]


def _rules_at(page: pdfium.PdfPage) -> list[float]:
    """Where the page's horizontal rules stand (PDF points from the foot)."""
    boxes = [
        obj.get_bounds() for obj in page.get_objects(max_depth=1) if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH
    ]
    return [(y0 + y1) / 2 for x0, y0, x1, y1 in boxes if y1 - y0 < 2 and x1 - x0 > 20]


def _rows_on(filing: Filing, page: int) -> list:
    return [r for t in filing.tables for r in t.rows if r.location.page == page and r.location.bbox]


def _cut(path: Path, filing: Filing, table: Table, again: str, where: str) -> Cut:
    """Between the two middle rows, after the first row or before the last; the page's foot (below every row) stays; the rest moves to the top,
    or under what stands above the table's first row printed `again`: its header (the grid's rows
    above it), or everything up to the rows of a table above on the page (title, filer and unit)."""
    document = pdfium.PdfDocument(path)
    try:
        page = document[table.location.page - 1]
        height, rules = page.get_height(), _rules_at(page)
        top = max(obj.get_bounds()[3] for obj in page.get_objects(max_depth=1))
    finally:
        document.close()
    rows = _first_page_rows(table)
    split = {"middle": len(rows) // 2, "first row alone": 1, "last row alone": len(rows) - 1}[where]
    above, below = rows[split - 1].location.bbox, rows[split].location.bbox
    lowest = min(height - r.location.bbox[3] for r in _rows_on(filing, table.location.page))
    at = height - (above[3] + below[1]) / 2
    foot = min(60, lowest - 1, *(y - 1 for y in rules if y < lowest))  # the tables' bottom rules move too
    if again != "nothing":  # the band from the rule over the first row up to the rows of a table above
        glyphs = height - min((r.location.bbox[1] + r.location.bbox[3]) / 2 for r in rows)  # its middle
        rule = min((y for y in rules if y > glyphs), default=glyphs + 1)
        others = [height - r.location.bbox[3] for r in _rows_on(filing, table.location.page) if r not in rows]
        ceiling = min((y for y in others if y > rule), default=top + 1)
        if again == "header":
            ceiling = max((y for y in rules if rule <= y < ceiling), default=rule) + 1.5
        return Cut(table.location.page, at, foot, rise=max(rule - at, 0), repeat=(rule - 1.5, ceiling))
    return Cut(table.location.page, at, foot, rise=max(top - at, 0))


def cut_longest(
    path: Path, filing: Filing, source: Path, target: Path, where: str, again: str
) -> tuple[Table, Path]:
    """`source` (the file at `path`, or a form of it printing its text alike) with the longest table of
    `filing` (read from `path`) that can be cut cut over two pages; skips the test when none can."""
    if path.name in _UNWRITABLE:
        pytest.skip("pdfium cannot write this file's pages back as read")
    for table in _longest_first(filing):
        try:
            return table, cut_page(source, target, _cut(path, filing, table, again, where))
        except CannotCut:  # text printed across the cut as one object: try the next table
            continue
    pytest.skip("no upright table with enough rows on one page to cut")


# where the page breaks the table's rows, and what the added page prints above those it holds: the last row
# alone on the next page (a total that did not fit: merged cells that drop column lines, no top rule) and
# the first row alone on the first page (its rows under the title printed again, on finer columns)
CASES = [
    ("middle", "nothing"),
    ("middle", "header"),
    ("middle", "title-and-header"),
    ("last row alone", "nothing"),
    ("first row alone", "title-and-header"),
]


@pytest.mark.parametrize(("where", "again"), CASES)
@pytest.mark.parametrize("name", PDFS)
def test_a_table_broken_across_pages_reads_as_printed_whole(
    corpus: Path, tmp_path: Path, name: str, where: str, again: str
) -> None:
    path = corpus / name
    whole = read_file(path)
    table, cut = cut_longest(path, whole, path, tmp_path / path.name, where, again)
    broken = read_file(cut)
    read = next(t for t in broken.tables if t.title == table.title)
    assert {r.location.page for r in read.rows} >= {table.location.page, table.location.page + 1}
    assert [c.meaning for c in read.columns] == [c.meaning for c in table.columns]
    assert _rows(read) == _rows(table)
