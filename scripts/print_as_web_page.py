"""Set each corpus filing as a web page and print it to PDF with a browser engine, then compare.

Each filing is written as a web page (its parts as headings and paragraphs, each table an HTML table
with borders, as `remake_with_libreoffice.document_html` sets it) and printed by Chromium (headless
`--print-to-pdf`) or by WeasyPrint. The printed filing is read like any other and compared with the
original: its tables, its stated figures and its error findings (`remake_with_libreoffice.compare`).
What the sweeps found is in docs/unseen-filings.md ("A web page printed to PDF").

Not a test: it needs Chromium or WeasyPrint and a font with Chinese glyphs, and it takes about a
minute. tests/test_pdf_printed_pages_corpus.py holds three filings to it.

    python scripts/print_as_web_page.py ../shared/corpus OUT [--printer chromium|weasyprint]
        [--paper A4|A5|"A4 landscape"] [--no-borders] [--cell-size 9] [--repeat-header]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from remake_with_libreoffice import compare, document_html, kind_name

from budget_graph.model import Filing
from budget_graph.read import read_file, read_paths
from budget_graph.read.pdf import read_layouts
from budget_graph.read.pdf_flow import document_flow
from tests.printing import print_page


def web_page(original: Filing, repeat_header: bool, cell_size: float, css: str) -> str:
    """The filing as one web page, `css` added to its style."""
    halves = []
    for source in map(Path, original.sources):
        blocks = document_flow(read_layouts(source)).blocks
        halves.append((read_file(source), [block for block in blocks if block.grids]))
    return document_html(halves, repeat_header, cell_size).replace("</style>", css + "</style>", 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--printer", choices=["chromium", "weasyprint"], default="chromium")
    parser.add_argument("--paper", default="A4", help="the CSS page size: A4, A5, 'A4 landscape'")
    parser.add_argument("--no-borders", action="store_true", help="the tables printed without borders")
    parser.add_argument("--cell-size", type=float, default=9, help="the tables' type, in points")
    parser.add_argument("--repeat-header", action="store_true", help="each table's header on every page")
    args = parser.parse_args()
    css = f"@page{{size:{args.paper};margin:2cm}}"
    if args.no_borders:
        css += "table,td{border:none !important}"
    for corpus_folder in sorted(p for p in args.corpus.iterdir() if p.is_dir()):
        for original in read_paths([str(corpus_folder)]):
            folder = args.out / corpus_folder.name / str(original.year)
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            page = folder.parent / f"{original.year}.html"
            page.write_text(web_page(original, args.repeat_header, args.cell_size, css), encoding="utf-8")
            target = folder / f"{original.unit}{original.year}年{kind_name(original)}.pdf"
            print_page(page, target, args.printer)
            compare(f"{corpus_folder.name} {original.year}", original, read_paths([str(folder)]))


if __name__ == "__main__":
    main()
