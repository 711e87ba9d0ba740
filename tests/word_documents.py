"""Word documents (.docx) built here: the parts a reader needs, as Word writes them, and nothing else."""

from __future__ import annotations

import io
import zipfile
from html import escape
from pathlib import Path

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)

# a table cell: its text, or (text, colspan, vmerge) with vmerge "restart", "continue" or ""
Cell = str | tuple[str, int, str]
# a paragraph: its text, or ("heading", level, text) in Word's heading style of that level (1–9), or
# ("item", text) numbered as a list; or a table's rows
Block = str | tuple | list[list[Cell]]


def paragraph(text: str, properties: str = "") -> str:
    return f'<w:p><w:pPr>{properties}</w:pPr><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def styled(block: str | tuple) -> str:
    if isinstance(block, str):
        return paragraph(block)
    if block[0] == "heading":
        return paragraph(block[2], f'<w:pStyle w:val="{block[1]}"/>')  # Chinese Word's id for 标题 N
    return paragraph(block[1], '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')


def styles_xml() -> str:
    """Heading styles as Chinese Word names them: id '1' for 标题 1 (name 'heading 1'), its level set."""
    headings = "".join(
        f'<w:style w:type="paragraph" w:styleId="{n}"><w:name w:val="heading {n}"/>'
        f'<w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr></w:style>'
        for n in range(1, 7)
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_NS}>{headings}</w:styles>'


def cell(spec: Cell) -> str:
    text, span, merge = (spec, 1, "") if isinstance(spec, str) else spec
    properties = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge, "")
    )
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraph(text)}</w:tc>"


def document_xml(blocks: list[Block]) -> str:
    body = "".join(
        styled(block)
        if not isinstance(block, list)
        else "<w:tbl>" + "".join("<w:tr>" + "".join(map(cell, row)) + "</w:tr>" for row in block) + "</w:tbl>"
        for block in blocks
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}><w:body>{body}</w:body></w:document>'


def write_docx(path: Path, blocks: list[Block], body: str | None = None) -> Path:
    """A .docx of these paragraphs and tables (or of `body`, word/document.xml as given)."""
    path.write_bytes(write_docx_bytes(body if body is not None else document_xml(blocks)))
    return path


def write_docx_bytes(body: str) -> bytes:
    """A .docx whose word/document.xml is `body`, as bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", body)
        archive.writestr("word/styles.xml", styles_xml())
    return buffer.getvalue()


def as_blocks(lines: list[str]) -> list[Block]:
    """A markdown text of tab-separated table rows (the bundled sample) as Word holds it: each line a
    paragraph, a heading in its heading style and a list item numbered (their marks left off), each run
    of tab-separated lines a table."""
    blocks: list[Block] = []
    for line in lines:
        if "\t" in line:
            if not blocks or not isinstance(blocks[-1], list):
                blocks.append([])
            blocks[-1].append(line.split("\t"))
        elif line.startswith("#"):
            blocks.append(("heading", len(line) - len(line.lstrip("#")), line.lstrip("#").strip()))
        elif line.startswith("- "):
            blocks.append(("item", line[2:]))
        else:
            blocks.append(line)
    return blocks
