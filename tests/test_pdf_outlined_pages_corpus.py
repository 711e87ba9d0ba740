"""A page whose text is drawn as outlines (a table pasted as a vector picture, a page printed "as curves"):
it holds no characters to read. Pages of corpus PDFs are replaced by the same pages with their text turned
into outlines by ghostscript (`-dNoOutputFonts`): a table page standing alone, a table's continuation, the
page a table the narrative's figure matched stands on, and a narrative page whose last sentence goes on
over the next. Each must read with no error its original does not have, and say the page is not read
(skipped cleanly when ../shared/corpus or ghostscript is absent). docs/unseen-filings.md gives the sweep of
every page of every corpus PDF."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from budget_graph.read import group_filings, read_file
from tests.conftest import CORPUS
from tests.tables import error_findings

pytestmark = pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript absent")

CASES = [
    ("sh-putuo-caizhengju-2025-yusuan/上海市普陀区财政局部门25年预算.pdf", 14),  # a required table, alone
    ("sh-putuo-caizhengju-2025-yusuan/上海市普陀区财政局部门25年预算.pdf", 20),  # a table's continuation
    ("js-procuratorate/2017年省检察院部门预算.pdf", 10),  # the 收支总表, whose figure the narrative gives
    (
        "js-court/江苏省高级人民法院2019年度部门预算公开.pdf",
        24,
    ),  # narrative: '其中：' | page | '支出1637.72万元'
]


@cache
def _outlined(name: str, folder: Path) -> Path:
    target = folder / f"{Path(name).stem}-outlined.pdf"
    outlining = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-dNoOutputFonts"]
    subprocess.run([*outlining, f"-sOutputFile={target}", str(CORPUS / name)], check=True)
    return target


def _with_page_outlined(name: str, page: int, outlined: Path, target: Path) -> Path:
    original, drawn, made = (
        pdfium.PdfDocument(CORPUS / name),
        pdfium.PdfDocument(outlined),
        pdfium.PdfDocument.new(),
    )
    try:
        for index in range(len(original)):
            made.import_pages(drawn if index == page - 1 else original, [index])
        made.save(target)
    finally:
        for document in (made, drawn, original):
            document.close()
    return target


@pytest.mark.parametrize(("name", "page"), CASES)
def test_a_page_drawn_as_outlines_is_said_and_raises_no_false_error(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory, name: str, page: int
) -> None:
    folder = tmp_path_factory.getbasetemp()
    target = folder / Path(name).name  # the file's own name: its year and kind may be read from it
    target.unlink(missing_ok=True)
    drawn = read_file(_with_page_outlined(name, page, _outlined(name, folder), target))
    assert any(d.locations[0].page == page and "outlines" in d.message for d in drawn.diagnostics)
    original = read_file(corpus / name)
    assert not error_findings(group_filings([drawn])) - error_findings(group_filings([original]))
