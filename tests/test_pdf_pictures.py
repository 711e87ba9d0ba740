"""A table printed as a picture (a sheet pasted as a screenshot): a large picture after the cover is said
and counted as unread, so that its table, required and not found, is no error. Made in the test from a
corpus PDF: one table page's text and rules replaced by a picture, or taken off with nothing in place."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from budget_graph.check.engine import check_filing
from budget_graph.read import read_file
from tests.conftest import CORPUS

FILING = CORPUS / "sh-putuo-wanli-jiedao-2025-yusuan" / "上海市普陀区人民政府万里街道办事处25年预算.pdf"
THREE_PUBLIC_PAGE = 29  # “三公”经费和机关运行经费预算表, the filing's last table

pytestmark = pytest.mark.skipif(not FILING.exists(), reason="corpus absent")


def _table_page_as(target: Path, picture: bool) -> Path:
    document = pdfium.PdfDocument(FILING)
    try:
        page = document[THREE_PUBLIC_PAGE - 1]
        for obj in list(page.get_objects(max_depth=1)):
            page.remove_obj(obj)
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
