"""A real filing printed without ruling lines: every path object (rules, cell borders, shading) taken
off its pages with pdfium, the text left where it was — as a sheet printed with its borders switched off."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def without_rules(source: Path, target: Path) -> Path:
    document = pdfium.PdfDocument(source)
    try:
        for index in range(len(document)):
            page = document[index]
            for obj in [o for o in page.get_objects(max_depth=1) if o.type == pdfium_c.FPDF_PAGEOBJ_PATH]:
                page.remove_obj(obj)
            page.gen_content()
        document.save(target)
    finally:
        document.close()
    return target
