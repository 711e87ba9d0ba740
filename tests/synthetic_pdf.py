"""A minimal PDF made in the test: lines of text whose characters the font maps to any Unicode text."""

from __future__ import annotations


def mapped_text_pdf(
    lines: list[str],
    *more_pages: list[str],
    drawn: str = "",
    overprinted: float | None = None,
    clip: tuple[float, float, float, float] | None = None,
) -> bytes:
    """Pages printing `lines` (then each of `more_pages`) through a ToUnicode map: each distinct character
    (a lone surrogate too, as a damaged font's map gives) gets a one-byte code, and pdfium reports what
    the map says. `drawn`: PDF path operators drawn on the first page after its text (points, y up; each
    line of 14-point text starts at x 72, the first at y 760, the next 24 lower). `overprinted`: the
    page's lines printed again after them all, this many points to the right (type made bold by printing
    it twice; pdfium drops a copy only when it follows within five text objects of its original). `clip`:
    the first page's text shown only inside this rectangle (x, y, width, height), as a cell cuts its text."""
    pages = [lines, *more_pages]
    chars = sorted({c for page in pages for line in page for c in line})
    code = {c: 0x21 + i for i, c in enumerate(chars)}
    entries = "".join(
        f"<{code[c]:02X}> <{c.encode('utf-16-be', 'surrogatepass').hex().upper()}>\n" for c in chars
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def "
        "1 begincodespacerange <00> <FF> endcodespacerange "
        f"{len(chars)} beginbfchar\n{entries}endbfchar endcmap "
        "CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    font = 3 + 2 * len(pages)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[%s]/Count %d>>"
        % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages))), len(pages)),
    ]
    for i, page in enumerate(pages):
        shown = "".join(
            (f"q 1 0 0 1 {x} 0 cm " if x else "")
            + f"BT /F1 14 Tf 72 {760 - 24 * k} Td <{''.join(f'{code[c]:02X}' for c in line)}> Tj ET"
            + (" Q\n" if x else "\n")
            for x in ([0.0] if overprinted is None else [0.0, overprinted])  # the page's text, then again
            for k, line in enumerate(page)
        )
        if i == 0 and clip:
            shown = "q {} {} {} {} re W n\n{}Q\n".format(*clip, shown)
        shown += drawn if i == 0 else ""
        content = shown.encode()
        objects += [
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents %d 0 R/Resources<</Font<</F1 %d 0 R>>>>>>"
            % (4 + 2 * i, font),
            b"<</Length %d>>stream\n%s\nendstream" % (len(content), content),
        ]
    objects += [
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/ToUnicode %d 0 R>>" % (font + 1),
        b"<</Length %d>>stream\n%s\nendstream" % (len(cmap), cmap),
    ]
    body = b"".join(b"%d 0 obj%s\nendobj\n" % (i, o) for i, o in enumerate(objects, start=1))
    return b"%PDF-1.4\n" + body + b"trailer<</Root 1 0 R>>\n%%EOF\n"
