"""Corpus filings published as a web page and printed to PDF, by Chromium and by WeasyPrint, read as the
filing they came from.

Many departments publish the disclosure as a web page, and a PDF of it is what a browser prints. Each
filing here is set as such a page (its parts as headings and paragraphs, each table an HTML table with
borders) and printed by two engines, as `scripts/print_as_web_page.py` does for the whole corpus. They
draw it in their own ways: Chromium strokes each cell's border; WeasyPrint fills a ring (the cell's
box with a box a line's width inside it cut out), breaks a line on neither side of a quotation mark
('（项）”87.70'), wraps a long table title wherever its line fills and puts a part's first heading
under a page of tables. Each printed filing must give the original's tables, stated figures and
errors, and no error the original does not give.

Skips when the corpus, Chromium, WeasyPrint or a font with Chinese glyphs is absent (.ci/run installs
Chromium and such a font; WeasyPrint comes with the test extras and draws with the pango Chromium
brings).
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from budget_graph.model import Filing, Table
from budget_graph.read import read_file, read_paths
from tests.conftest import CORPUS
from tests.printing import print_page, skip_unless_printer
from tests.tables import error_findings, reading

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus absent")

# a Jiangsu 预算 whose 三公 title wraps after '会议'; Shanghai 预算 whose '（项）”' sentences wrap and
# whose 三公 part opens under a page of tables
FILINGS = [
    ("js-court", 2017),
    ("sh-putuo-caizhengju-2025-yusuan", 2025),
    ("sh-shi-caizhengju-2025-yusuan", 2025),
]


def _script():
    """scripts/print_as_web_page.py, which sets a filing as a web page and prints it."""
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    sys.path.insert(0, str(scripts))  # it imports remake_with_libreoffice beside it
    try:
        spec = importlib.util.spec_from_file_location("print_as_web_page", scripts / "print_as_web_page.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(scripts))
    return module


def _original(folder: str, year: int) -> Filing:
    return next(filing for filing in read_paths([str(CORPUS / folder)]) if filing.year == year)


def _printed(tmp_path: Path, original: Filing, printer: str, paper: str = "A4") -> Filing:
    """The filing set as a web page, printed by `printer` on `paper`, read."""
    skip_unless_printer(printer)
    script = _script()
    page = tmp_path / "page.html"
    page.write_text(
        script.web_page(original, False, 9, f"@page{{size:{paper};margin:2cm}}"), encoding="utf-8"
    )
    print_page(page, tmp_path / "printed.pdf", printer)
    return read_file(tmp_path / "printed.pdf")


def _read_as(table: Table) -> str:
    """A table's reading, its title without spaces (a gap a printer sets or not between its number
    and its name)."""
    title, *rest = reading(table)
    return repr(("".join(title.split()), *rest))


@pytest.mark.parametrize("printer", ["chromium", "weasyprint"])
@pytest.mark.parametrize(("folder", "year"), FILINGS, ids=[f"{f}-{y}" for f, y in FILINGS])
def test_a_web_page_printed_to_pdf_reads_as_the_filing(
    tmp_path: Path, printer: str, folder: str, year: int
) -> None:
    original = _original(folder, year)
    printed = _printed(tmp_path, original, printer)
    assert Counter(map(_read_as, printed.tables)) == Counter(map(_read_as, original.tables))
    assert Counter((c.subject, c.amount) for c in printed.claims) == Counter(
        (c.subject, c.amount) for c in original.claims
    )
    assert error_findings([printed]) == error_findings([original])


NARROW = [("js-court", 2017), ("js-procuratorate", 2018)]


@pytest.mark.parametrize(("folder", "year"), NARROW, ids=[f"{f}-{y}" for f, y in NARROW])
def test_a_web_page_printed_on_narrow_paper_gives_the_filings_figures_and_errors(
    tmp_path: Path, folder: str, year: int
) -> None:
    """Printed on A5, titles and headings fill their lines, and a row's wrapped labels go on to the next
    page whole while its figures stay ('28,849.38' / '一、财政拨款'): every stated figure is read, and
    the errors are the original's (sides that did not balance were false BG-R008 errors)."""
    original = _original(folder, year)
    printed = _printed(tmp_path, original, "weasyprint", paper="A5")
    assert Counter((c.subject, c.amount) for c in printed.claims) == Counter(
        (c.subject, c.amount) for c in original.claims
    )
    assert error_findings([printed]) == error_findings([original])
