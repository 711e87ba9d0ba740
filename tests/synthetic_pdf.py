"""A minimal PDF made in the test: lines of text whose characters the font maps to any Unicode text."""

from __future__ import annotations


def mapped_text_pdf(lines: list[str]) -> bytes:
    """One page printing `lines` through a ToUnicode map: each distinct character (a lone surrogate too,
    as a damaged font's map gives) gets a one-byte code, and pdfium reports what the map says."""
    chars = sorted({c for line in lines for c in line})
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
    shown = "".join(
        f"BT /F1 14 Tf 72 {760 - 24 * i} Td <{''.join(f'{code[c]:02X}' for c in line)}> Tj ET\n"
        for i, line in enumerate(lines)
    ).encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(shown), shown),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/ToUnicode 6 0 R>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(cmap), cmap),
    ]
    body = b"".join(b"%d 0 obj%s\nendobj\n" % (i, o) for i, o in enumerate(objects, start=1))
    return b"%PDF-1.4\n" + body + b"trailer<</Root 1 0 R>>\n%%EOF\n"
