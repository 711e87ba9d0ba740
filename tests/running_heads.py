"""A real filing with a running head printed at the top of every page ('某某单位部门预算公开' over each
page, as many word processors' page headers print it), made in the test with pdfium and a CJK font of
the machine's (Debian's fonts-droid-fallback, which ghostscript brings)."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

FONT = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
_SIZE = 8.0  # points
_FROM_TOP = 10.0  # points from the page box's top to the head's baseline: above anything a filing prints


def with_running_head(source: Path, target: Path, text: str) -> Path:
    """`source` with `text` printed at the top left of each page shown upright."""
    document = pdfium.PdfDocument(source)
    try:
        data = FONT.read_bytes()
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        font = pdfium_c.FPDFText_LoadFont(document.raw, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, 1)
        for page in document:
            if page.get_rotation() % 180:  # shown turned: its top is another edge of the stored page
                continue
            left, _, _, top = page.get_cropbox()
            _print(document, font, page, text, (left + 40, top - _FROM_TOP))
            pdfium_c.FPDFPage_GenerateContent(page.raw)
        document.save(target)
    finally:
        document.close()
    return target


def _print(
    document: pdfium.PdfDocument, font, page: pdfium.PdfPage, text: str, at: tuple[float, float]
) -> None:
    obj = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, ctypes.c_float(_SIZE))
    wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, *at)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)
