"""A table printed as a picture (a sheet pasted as a screenshot), or its text drawn as outlines (a table
pasted as a vector picture, text printed "as curves"): a large picture, or more glyph outlines than
characters, on a page after the cover is said and counted as unread, so that its table, required and not
found, is no error. Made in the test from a corpus PDF: one table page's text and rules replaced by a
picture or by glyph outlines, or taken off with nothing in place."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from budget_graph.check.engine import check_filing
from budget_graph.model import Location, Table, TableKind
from budget_graph.read import read_file
from budget_graph.read.pdf import _printed_on
from tests.conftest import CORPUS
from tests.tables import table

FILING = CORPUS / "sh-putuo-wanli-jiedao-2025-yusuan" / "上海市普陀区人民政府万里街道办事处25年预算.pdf"
THREE_PUBLIC_PAGE = 29  # “三公”经费和机关运行经费预算表, the filing's last table

pytestmark = pytest.mark.skipif(not FILING.exists(), reason="corpus absent")


def _glyph(page: pdfium.PdfPage, x: float, y: float, size: float = 9.0) -> None:
    """A filled path of a glyph's size and intricacy: a closed ring of twelve strokes."""
    path = pdfium_c.FPDFPageObj_CreateNewPath(x, y)
    for k in range(1, 12):
        pdfium_c.FPDFPath_LineTo(path, x + size * (k % 4) / 3, y + size * (k // 4) / 2)
    pdfium_c.FPDFPath_Close(path)
    pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_WINDING, False)
    pdfium_c.FPDFPage_InsertObject(page.raw, path)


def _table_page_as(target: Path, picture: bool, outlines: int = 0) -> Path:
    document = pdfium.PdfDocument(FILING)
    try:
        page = document[THREE_PUBLIC_PAGE - 1]
        for obj in list(page.get_objects(max_depth=1)):
            page.remove_obj(obj)
        for k in range(outlines):  # rows of glyphs as a table's text prints them
            _glyph(page, 60 + 12 * (k % 40), 700 - 20 * (k // 40))
        if picture:
            image = pdfium.PdfImage.new(document)
            bitmap = pdfium.PdfBitmap.new_native(64, 48, pdfium_c.FPDFBitmap_BGR)
            bitmap.fill_rect((200, 200, 200, 255), 0, 0, 64, 48)
            image.set_bitmap(bitmap)
            width, height = page.get_size()
            image.set_matrix(
                pdfium.PdfMatrix().scale(width * 0.8, height * 0.6).translate(width * 0.1, height * 0.2)
            )
            page.insert_obj(image)
        page.gen_content()
        document.save(target)
    finally:
        document.close()
    return target


def _missing_three_public(path: Path) -> list[str]:
    filing = read_file(path)
    return [
        f.severity.value
        for f in check_filing(filing).findings
        if f.rule == "BG-C001" and "三公" in f.expected
    ]


def test_a_table_printed_as_a_picture_is_said_and_not_an_error(tmp_path: Path) -> None:
    path = _table_page_as(tmp_path / "picture.pdf", picture=True)
    filing = read_file(path)
    assert any(d.locations[0].page == THREE_PUBLIC_PAGE and "大图" in d.message for d in filing.diagnostics)
    assert _missing_three_public(path) == ["warning"]


def test_a_table_left_out_with_nothing_in_its_place_is_an_error(tmp_path: Path) -> None:
    assert _missing_three_public(_table_page_as(tmp_path / "blank.pdf", picture=False)) == ["error"]


def test_a_table_drawn_as_outlines_is_said_and_not_an_error(tmp_path: Path) -> None:
    path = _table_page_as(tmp_path / "outlines.pdf", picture=False, outlines=120)
    filing = read_file(path)
    assert any(
        d.locations[0].page == THREE_PUBLIC_PAGE and "outlines" in d.message for d in filing.diagnostics
    )
    assert _missing_three_public(path) == ["warning"]


def test_a_few_glyph_outlines_are_no_page_drawn_as_outlines(tmp_path: Path) -> None:
    # a seal's or an emblem's lettering: fewer outlines than a page of text prints
    filing = read_file(_table_page_as(tmp_path / "seal.pdf", picture=False, outlines=12))
    assert not any("outlines" in d.message for d in filing.diagnostics)


def test_the_table_the_page_before_ends_with_may_go_on_on_a_page_not_read() -> None:
    def on(*pages: int) -> Table:
        printed = table(TableKind.IncomeSummary, ["合计"], [(f"行{page}", ["1.00"]) for page in pages])
        printed.location = Location("t.pdf", page=pages[0])
        for row, page in zip(printed.rows, pages, strict=True):
            row.location = Location("t.pdf", page=page)
        return printed

    first, second, third = on(3, 4), on(5), on(7, 9)
    tables = [first, second, third]
    assert _printed_on(tables, 4) == [first]
    assert _printed_on(tables, 5) == [second, first]  # the first may go on above the second's title
    assert _printed_on(tables, 6) == [second]
    assert _printed_on(tables, 8) == [third]  # printed before and after it
    assert _printed_on(tables, 10) == [third]
    assert _printed_on(tables, 11) == []
    assert _printed_on(tables, 5, going_on=False) == [second]  # a page of narrative round its picture
