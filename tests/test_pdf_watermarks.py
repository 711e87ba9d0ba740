"""A watermark over the pages is not the filing's text: text drawn at a slant (a diagonal watermark, a
seal's ring of characters) or see-through is dropped (read/pdfium_page.py); an italic's shear is not a
slant. Hand-built pages, and corpus PDFs with a watermark printed over every page with pdfium, which
must read as the originals (skipped cleanly without the corpus or the CJK font)."""

from __future__ import annotations

import ctypes
import math
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from budget_graph.check.engine import check_filing
from budget_graph.read import read_file
from budget_graph.read.pdfium_page import read_page
from tests.running_heads import FONT
from tests.synthetic_pdf import mapped_text_pdf
from tests.tables import reading


def _print(document: pdfium.PdfDocument, font, text: str, size: float, matrix: tuple, alpha: int) -> None:
    """`text` on every page, placed by `matrix` (a b c d e f), filled grey at opacity `alpha` of 255."""
    for page in document:
        obj = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, ctypes.c_float(size))
        wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_SetFillColor(obj, 160, 160, 160, alpha)
        pdfium_c.FPDFPageObj_Transform(obj, *matrix)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)


def _across(page_width: float, page_height: float, length: float, degrees: float) -> tuple:
    """The matrix of a line of `length` points turned `degrees` about the page's middle."""
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return (cos, sin, -sin, cos, page_width / 2 - cos * length / 2, page_height / 2 - sin * length / 2)


def test_text_at_a_slant_or_see_through_is_dropped_and_an_italics_shear_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(mapped_text_pdf(["一般公共预算支出表 1,000.00"]))
    document = pdfium.PdfDocument(path)
    try:
        helvetica = pdfium_c.FPDFText_LoadStandardFont(document.raw, b"Helvetica")
        _print(document, helvetica, "DRAFT", 60, _across(595, 842, 180, 45), 255)  # opaque, diagonal
        _print(document, helvetica, "COPY", 60, (1, 0, 0, 1, 200, 400), 90)  # upright, see-through
        _print(document, helvetica, "SLOPED", 12, (1, 0, 0.33, 1, 72, 300), 255)  # an italic's shear
        page = read_page(document[0], 1)
    finally:
        document.close()
    text = "".join(char.text for char in page.chars)
    assert "一般公共预算支出表" in text and "SLOPED" in text
    assert not {"D", "R", "A", "F", "C", "Y"} & set(text.replace("SLOPED", ""))


def _snapshot(path: Path) -> tuple:
    filing = read_file(path)
    errors = sorted((f.rule, f.actual) for f in check_filing(filing).findings if f.severity.value == "error")
    return [reading(table) for table in filing.tables], [c.subject for c in filing.claims], errors


WATERMARKED = [
    "js-procuratorate/2018年省检察院部门预算公开.pdf",  # italic figures in its narrative
    "js-party-office/江苏省委办公厅2019年度部门预算公开表格.pdf",  # tables on pages turned a quarter
    "sh-putuo-caizhengju-2025-yusuan/上海市普陀区财政局部门25年预算.pdf",
]


@pytest.mark.skipif(not FONT.exists(), reason="the CJK font (fonts-droid-fallback) is absent")
@pytest.mark.parametrize(("degrees", "alpha"), [(45, 255), (0, 110)])
@pytest.mark.parametrize("name", WATERMARKED)
def test_a_filing_with_a_watermark_over_every_page_reads_as_the_original(
    corpus: Path, tmp_path: Path, name: str, degrees: float, alpha: int
) -> None:
    original = corpus / name
    if not original.exists():
        pytest.skip(f"{name} is not in the corpus")
    document = pdfium.PdfDocument(original)
    try:
        data = FONT.read_bytes()
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        font = pdfium_c.FPDFText_LoadFont(document.raw, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, 1)
        width, height = document[0].get_size()
        _print(document, font, "上海市普陀区财政局公开", 36, _across(width, height, 396, degrees), alpha)
        document.save(tmp_path / original.name)
    finally:
        document.close()
    assert _snapshot(tmp_path / original.name) == _snapshot(original)
