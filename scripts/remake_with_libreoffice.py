"""Re-make each corpus filing as a department using office software would publish it, and compare.

The tables are set again in LibreOffice Calc from the grids the reader found (a sheet per page: each
cell with its spans, outer borders and row heights; the lines outside the grids as rows above; one scale
for every sheet; the page's number in the sheet's footer), the narrative in LibreOffice Writer from the
parts, headings and paragraphs as read (block paragraphs, 1.5 spacing), and the two written as two PDFs
in one folder. The re-made filing is read like any other and compared with the original: its tables
(title, columns' meanings, every row), its narrative claims and its error findings. With `--text`, the
re-made PDFs' `pdftotext -layout` text is compared with them too; with `--fit-each-page` each sheet is
fitted to its page at its own scale, so a table's pages are printed at different scales.

With `--writer-tables` the whole filing is one Writer document instead, as departments that write it all
in Word publish it: the parts as read and each table among them where its page falls, a title paragraph
and a filer/unit line above one table over all its pages, broken over pages by Writer (its header rows
repeated on every page with `--repeat-header`; the tables' text size `--cell-size`, 9 pt by default);
with `--docx` the document is saved as a Word .docx and read as such.

Not a test: it needs LibreOffice (`apt-get install libreoffice-calc-nogui libreoffice-writer-nogui
fonts-noto-cjk`) and takes about two minutes. What it found and what it still shows is in
docs/unseen-filings.md.

    python scripts/remake_with_libreoffice.py ../shared/corpus OUT [--text] [--fit-each-page]
    python scripts/remake_with_libreoffice.py ../shared/corpus OUT --writer-tables [--repeat-header] [--docx]
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from itertools import pairwise
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from budget_graph.model import Filing, Kind, Table
from budget_graph.read import read_file, read_paths
from budget_graph.read.layout import recognise_table
from budget_graph.read.pdf import read_layouts
from budget_graph.read.pdf_flow import document_flow
from budget_graph.read.pdf_grid import Cell, Grid, PageContent, page_content
from budget_graph.read.pdf_tables import (
    TableBlock,
    _data_start,
    _header_again,
    _header_over_pages,
    _is_cut_label,
    _joined,
    _rests,
    _with_cells,
    banner_rows,
    grid_texts,
)
from tests.tables import error_findings, reading

THIN = Side(style="thin")
FONT = "Noto Sans CJK SC"
PAGE_NUMBER = re.compile(r"^[-—–]?\s*\d{1,3}\s*[-—–]?$|^第\s*\d+\s*页")
FIGURE = re.compile(r"^-?[\d,]+(\.\d+)?%?$")
NUMERALS = "零一二三四五六七八九十"
WRITER = "--infilter=HTML (StarWriter)"  # the HTML read into Writer, and exported by Writer's PDF filter
PROFILE = f"-env:UserInstallation=file://{tempfile.gettempdir()}/remake_with_libreoffice_profile"


def column_lines(grids: list[Grid], width: float) -> list[float]:
    """The column lines of the grids, as one set of columns (a sheet's, or a table's over its pages)."""
    xs: list[float] = []
    for x in sorted(x for grid in grids for x in grid.xs):
        if not xs or x - xs[-1] > 2.5:
            xs.append(x)
    return xs or [width * 0.1, width * 0.9]


def placed(grid: Grid, xs: list[float]) -> list[int]:
    """Each column line of a grid as the nearest of a set of columns."""
    return [min(range(len(xs)), key=lambda k, x=x: abs(xs[k] - x)) for x in grid.xs]


def alignment(cell: Cell) -> str:
    return "right" if FIGURE.match(cell.text) else "left" if cell.col <= 1 else "center"


def tables_only(items: list) -> list:
    """A titled table's grid with its title, filer and unit lines above it (≤4) and its notes under it;
    a grid opening a page (a continuation)."""
    grids = [
        k
        for k, item in enumerate(items)
        if isinstance(item, Grid)
        and (
            k == 0
            or any(not isinstance(x, Grid) and recognise_table(x.text) for x in items[max(0, k - 4) : k])
        )
    ]
    items = [x for k, x in enumerate(items) if not isinstance(x, Grid) or k in grids]
    at = [k for k, item in enumerate(items) if isinstance(item, Grid)]
    return [
        item
        for k, item in enumerate(items)
        if isinstance(item, Grid)
        or any(
            0 < g - k <= 4 or (k - g in (1, 2) and item.text.lstrip().startswith(("注", "说明"))) for g in at
        )
    ]


def sheet(ws, page: PageContent, xs: list[float], fit_each_page: bool) -> None:
    columns = len(xs) - 1
    for index in range(columns):
        ws.column_dimensions[get_column_letter(index + 1)].width = max((xs[index + 1] - xs[index]) / 5.6, 2)
    row = 1
    for item in tables_only(page.items()):
        if isinstance(item, Grid):
            place = placed(item, xs)
            for cell in item.cells:
                c0, c1 = place[cell.col] + 1, place[cell.col_end + 1]
                r0, r1 = row + cell.row, row + cell.row_end
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        ws.cell(r, c).border = Border(
                            left=THIN if c == c0 else None,
                            right=THIN if c == c1 else None,
                            top=THIN if r == r0 else None,
                            bottom=THIN if r == r1 else None,
                        )
                if c1 > c0 or r1 > r0:
                    ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
                target = ws.cell(r0, c0)
                target.value = cell.text
                target.font = Font(name=FONT, size=9)
                target.alignment = Alignment(horizontal=alignment(cell), vertical="center", wrap_text=True)
            for band in range(len(item.ys) - 1):
                ws.row_dimensions[row + band].height = max(item.ys[band + 1] - item.ys[band], 12)
            row += len(item.ys) - 1
            continue
        if item.top > page.height * 0.9 and PAGE_NUMBER.match(item.text.strip()):
            continue  # printed in the footer instead
        centred = (
            abs((item.x0 + item.x1) / 2 - page.width / 2) < page.width * 0.05 and item.x0 > page.width * 0.2
        )
        title = centred and item.bottom - item.top > 12
        target = ws.cell(row, 1)
        target.value = item.text
        target.font = Font(name=FONT, size=14 if title else 10, bold=title)
        if columns > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        target.alignment = Alignment(horizontal="center" if centred else "left")
        row += 1
    wide = type(ws.cell(1, columns)).__name__ != "MergedCell" and not ws.cell(1, columns).value
    if wide and not fit_each_page:
        ws.cell(1, columns).value = " "  # every sheet as wide: fitted to the page at one scale
    ws.oddFooter.center.text = "- &P -"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.orientation = "landscape" if page.width > page.height else "portrait"


def convert(source: Path, folder: Path, *options: str, to: str = "pdf") -> None:
    command = ["soffice", PROFILE, "--headless", *options, "--convert-to", to, "--outdir", str(folder)]
    command.append(str(source))
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    source.unlink()


def remake_tables(pdf: Path, filing: Filing, folder: Path, fit_each_page: bool) -> None:
    pages = [page for page in map(page_content, read_layouts(pdf)) if page.grids]
    book = Workbook()
    book.remove(book.active)
    xs = column_lines([grid for page in pages for grid in page.grids], pages[0].width)
    for page in pages:
        sheet(book.create_sheet(f"p{page.number}"), page, xs, fit_each_page)
    target = folder / f"{filing.year}年预算公开表.xlsx"
    book.save(target)
    convert(target, folder)


def remake_narrative(filing: Filing, folder: Path) -> None:
    target = folder / f"{filing.unit}{filing.year}年预算说明.html"
    target.write_text(document_html([(filing, [])], repeat_header=False), encoding="utf-8")
    convert(target, folder, WRITER)


def remake_in_writer(
    original: Filing, folder: Path, repeat_header: bool, cell_size: float, to: str = "pdf"
) -> None:
    """The whole filing as one word-processor document: its parts, and each table (read from the
    original's ruled grids, as the flow placed them) where its page falls among them."""
    halves = []
    for source in map(Path, original.sources):
        blocks = document_flow(read_layouts(source)).blocks
        halves.append((read_file(source), [block for block in blocks if block.grids]))
    target = folder / f"{original.unit}{original.year}年{kind_name(original)}.html"
    target.write_text(document_html(halves, repeat_header, cell_size), encoding="utf-8")
    convert(target, folder, WRITER, to=to)


def kind_name(filing: Filing) -> str:
    return ("单位" if filing.level == "unit" else "部门") + ("决算" if filing.kind is Kind.FINAL else "预算")


def document_html(
    halves: list[tuple[Filing, list[TableBlock]]], repeat_header: bool, cell_size: float = 9
) -> str:
    """A document for Writer: a title, then each half's parts (block paragraphs) with its tables set
    among them by page."""
    first = halves[0][0]
    out = [
        '<html><head><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC";font-size:12pt}'
        "p{margin:0 0 6pt 0;line-height:150%} h2{font-size:14pt} h3{font-size:12pt}"
        f"td{{font-size:{cell_size}pt;line-height:100%}}</style></head><body>",
        '<p style="text-align:center;font-size:18pt;font-weight:bold">'
        f"{html.escape(first.unit)}{first.year}年{kind_name(first)}</p>",
    ]
    for filing, blocks in halves:
        pending = list(blocks)
        for part in filing.parts:
            if part.paragraphs:
                out.extend(
                    tables_before(pending, part.paragraphs[0].location.page, filing.unit, repeat_header)
                )
            out.append(f"<h2>第{NUMERALS[part.number]}部分 {html.escape(part.title)}</h2>")
            heading = None
            for paragraph in part.paragraphs:
                out.extend(tables_before(pending, paragraph.location.page, filing.unit, repeat_header))
                if paragraph.heading and paragraph.heading != heading:
                    heading = paragraph.heading
                    out.append(f"<h3>{html.escape(heading)}</h3>")
                out.append(f"<p>{html.escape(paragraph.text)}</p>")
        out.extend(tables_before(pending, None, filing.unit, repeat_header))
    return "\n".join([*out, "</body></html>"])


def tables_before(pending: list[TableBlock], page: int | None, unit: str, repeat_header: bool) -> list[str]:
    """The tables printed before a page (all that are left, for None), taken off `pending`."""
    out = []
    while pending and (page is None or pending[0].page < page):
        out.extend(table_html(pending.pop(0), unit, repeat_header))
    return out


def table_html(block: TableBlock, unit: str, repeat_header: bool) -> list[str]:
    """A table as a word processor sets it: its title and filer/unit line as paragraphs above, one
    table over its pages (the header once, in <thead> when Writer is to repeat it on every page; the
    header a continuation printed again left out), long labels wrapping in their cells."""
    xs = column_lines(block.grids, 600)
    filer = f"编制单位：{html.escape(block.unit_name or unit)}"
    if block.unit is not None:
        filer += "&nbsp;" * 12 + f"单位：{block.unit.value}"
    out = [
        f'<p style="text-align:center;font-size:14pt;font-weight:bold">{html.escape(block.title)}</p>',
        f"<p>{filer}</p>",
        '<table border="1" cellspacing="0" cellpadding="2" width="100%">',
        *(f'<col width="{round(100 * (b - a) / (xs[-1] - xs[0]))}%">' for a, b in pairwise(xs)),
    ]
    first, *rest = _header_over_pages(block.grids)  # a header alone at a page's foot: with its body
    banner = banner_rows(first)
    texts = grid_texts(first)[banner:]
    end = banner + _data_start(texts)
    header = texts[: end - banner]
    pages = [(first, end)]  # each page's grid, and the band its rows start at
    for grid in rest:
        skip = banner_rows(grid)
        skip += _header_again(header, grid_texts(grid)[skip:])
        if skip < len(grid.ys) - 1 and row_goes_on(pages[-1][0], grid, skip):
            pages[-1] = (with_rest(pages[-1][0], grid, skip), pages[-1][1])
            skip += 1
        pages.append((grid, skip))
    first = pages[0][0]
    out.append("<thead>" if repeat_header else "<tbody>")
    out.extend(grid_rows(first, xs, 0, end))
    out.append("</thead><tbody>" if repeat_header else "")
    for grid, start in pages:
        out.extend(grid_rows(grid, xs, start, len(grid.ys) - 1))
    out.append("</tbody></table>")
    out.extend(f"<p>{html.escape(note)}</p>" for note in block.notes)
    return out


def row_goes_on(previous: Grid, grid: Grid, band: int) -> bool:
    """Does a page's row `band` hold the rest of the last row of the page before, as the reader joins
    it (a row the original's page break cut)? Set again, it is one row."""
    filled = {cell.col for cell in grid.cells if cell.row == band and cell.text.strip()}
    rests = _rests(previous, grid, band, list(range(grid.n_cols)))
    return _is_cut_label(grid_texts(grid)[band]) or (bool(filled) and filled <= rests)


def with_rest(previous: Grid, grid: Grid, band: int) -> Grid:
    """The page before with the rest of its last row (`grid`'s row `band`) in its cells."""
    last = len(previous.ys) - 2
    rests = [cell for cell in grid.cells if cell.row == band and cell.text.strip()]
    cells = []
    for cell in previous.cells:
        for rest in rests:
            if cell.row_end == last and cell.x0 <= (rest.x0 + rest.x1) / 2 <= cell.x1:
                cell = _joined(cell, rest)
        cells.append(cell)
    return _with_cells(previous, cells)


def grid_rows(grid: Grid, xs: list[float], start: int, end: int) -> list[str]:
    """A grid's row bands start..end as HTML rows on the columns xs (a cell spanning in from above
    starts at `start`)."""
    place = placed(grid, xs)
    rows = []
    for band in range(start, end):
        cells = []
        for cell in sorted(grid.cells, key=lambda c: c.col):
            if max(cell.row, start) != band or cell.row_end < start:
                continue
            span = f' colspan="{max(place[cell.col_end + 1] - place[cell.col], 1)}"'
            span += f' rowspan="{min(cell.row_end, end - 1) - band + 1}"'
            cells.append(f'<td{span} align="{alignment(cell)}">{html.escape(cell.text)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return rows


def remake(original: Filing, folder: Path, fit_each_page: bool) -> None:
    for source in map(Path, original.sources):
        half = read_file(source)
        if half.parts:
            remake_narrative(half, folder)
        if half.tables:
            remake_tables(source, half, folder, fit_each_page)


def same_table(table: Table) -> str:
    """A table's reading to compare, its title without spaces: the space a title prints between its
    number and its name ('公开01表 收支预算总表') is a gap the reader measures, and says nothing of the table."""
    title, *rest = reading(table)
    return repr(("".join(title.split()), *rest))


def compare(name: str, original: Filing, remade: list[Filing]) -> None:
    if len(remade) != 1:
        print(f"{name}: {len(remade)} filings from the re-made files")
        return
    new = remade[0]
    tables = Counter(map(same_table, original.tables)), Counter(map(same_table, new.tables))
    claims = [Counter((c.subject, c.amount) for c in f.claims) for f in (original, new)]
    errors = error_findings([original]), error_findings([new])
    print(
        f"{name}: tables {sum((tables[0] & tables[1]).values())}/{sum(tables[0].values())}, "
        f"claims {sum((claims[0] & claims[1]).values())}/{sum(claims[0].values())}, "
        f"errors missed {sum((errors[0] - errors[1]).values())}, extra {sum((errors[1] - errors[0]).values())}"
    )
    for finding in errors[1] - errors[0]:
        print("    extra", finding)


def as_text(folder: Path) -> Path:
    text = Path(tempfile.mkdtemp())
    for pdf in folder.glob("*.pdf"):
        subprocess.run(["pdftotext", "-layout", str(pdf), str(text / f"{pdf.stem}.txt")], check=True)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--text", action="store_true", help="compare the re-made PDFs' pdftotext -layout too")
    parser.add_argument("--fit-each-page", action="store_true", help="fit each sheet at its own scale")
    parser.add_argument(
        "--writer-tables", action="store_true", help="the whole filing as one Writer document"
    )
    parser.add_argument("--repeat-header", action="store_true", help="with --writer-tables: on every page")
    parser.add_argument("--docx", action="store_true", help="with --writer-tables: saved as .docx, not PDF")
    parser.add_argument("--cell-size", type=float, default=9, help="with --writer-tables: the tables' points")
    args = parser.parse_args()
    for corpus_folder in sorted(p for p in args.corpus.iterdir() if p.is_dir()):
        for original in read_paths([str(corpus_folder)]):
            folder = args.out / corpus_folder.name / str(original.year)
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            if args.writer_tables:
                to = "docx:MS Word 2007 XML" if args.docx else "pdf"
                remake_in_writer(original, folder, args.repeat_header, args.cell_size, to)
            else:
                remake(original, folder, args.fit_each_page)
            name = f"{corpus_folder.name} {original.year}"
            compare(name, original, read_paths([str(folder)]))
            if args.text:
                text = as_text(folder)
                compare(f"{name} (laid-out text)", read_paths([str(folder)])[0], read_paths([str(text)]))
                shutil.rmtree(text)


if __name__ == "__main__":
    main()
