"""Images of the pages a report cites, for the HTML report: rendered from the source PDF with pdfium.

Opening the source here is presentation, not reading: nothing of the filing is read again, the page is
only drawn. Each page is drawn once, in grey (the boxes over it carry the colour), in the frame the PDF
reader measured its boxes in (read/pdfium_page.py turns some pages, and says how far in
Filing.page_turns), and kept as a PNG data URI: crisp text at a size that keeps a 30-page filing's
report within a few megabytes.
"""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

# pixels per PDF point: an A4 page 893 px wide in landscape, 1.5 times its printed size on screen
SCALE = 1.5


@dataclass(frozen=True)
class PageImage:
    uri: str  # data:image/png;base64,…
    width: int  # pixels
    height: int


def page_images(
    path: str, pages: set[int], turns: dict[int, int] | None = None, scale: float = SCALE
) -> dict[int, PageImage]:
    """The cited pages of one PDF, by 1-based page number, each drawn turned as the reader measured it
    (`turns`, Filing.page_turns; a page left out is drawn as its /Rotate shows it); none when the file
    cannot be opened (the report is still written, without images)."""
    if not Path(path).is_file():
        return {}
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return {}
    try:
        return {
            number: _render(document[number - 1], (turns or {}).get(number), scale)
            for number in sorted(pages)
            if 0 < number <= len(document)
        }
    finally:
        document.close()


def _render(page: pdfium.PdfPage, turn: int | None, scale: float) -> PageImage:
    shown = page.get_rotation() // 90
    extra = ((shown if turn is None else turn) - shown) % 4 * 90  # pdfium applies /Rotate itself
    bitmap = page.render(scale=scale, rotation=extra, grayscale=True)
    rows = bytes(bitmap.buffer)
    png = _png(rows, bitmap.width, bitmap.height, bitmap.stride)
    return PageImage(
        "data:image/png;base64," + base64.b64encode(png).decode("ascii"), bitmap.width, bitmap.height
    )


def _png(pixels: bytes, width: int, height: int, stride: int) -> bytes:
    """An 8-bit greyscale PNG (no imaging library needed): each row with filter 0, deflated."""
    raw = b"".join(b"\x00" + pixels[y * stride : y * stride + width] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )
