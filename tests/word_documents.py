"""Word documents (.docx) built here: the parts a reader needs, as Word writes them, and nothing else."""

from __future__ import annotations

import io
import re
import zipfile
from html import escape
from pathlib import Path

from budget_graph.read.layout import chinese_number

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
# ("heading", level, text, list, list level) numbered by Word, or ("item", text) bulleted as a list, or
# ("contents", text, page) an entry of Word's contents list; or a table's rows
Block = str | tuple | list[list[Cell]]


def paragraph(text: str, properties: str = "") -> str:
    return f'<w:p><w:pPr>{properties}</w:pPr><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _numbered(list_id: str, level: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list_id}"/></w:numPr>'


def styled(block: str | tuple) -> str:
    if isinstance(block, str):
        return paragraph(block)
    if block[0] == "heading":  # Chinese Word's style id for 标题 N is N
        numbered = _numbered(block[3], block[4]) if len(block) > 3 else ""
        return paragraph(block[2], f'<w:pStyle w:val="{block[1]}"/>{numbered}')
    if block[0] == "contents":  # the entry, a tab, the page (Word's TOC field result)
        return (
            f'<w:p><w:pPr><w:pStyle w:val="toc1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/>'
            f"</w:tabs></w:pPr><w:r><w:t>{escape(block[1])}</w:t></w:r><w:r><w:tab/></w:r>"
            f"<w:r><w:t>{block[2]}</w:t></w:r></w:p>"
        )
    return paragraph(block[1], _numbered(BULLETS, 0))


BULLETS, PARTS = "1", "2"  # the lists numbering.xml defines: bullets; parts over their headings


def numbering_xml() -> str:
    """Two lists: bullets, and Word's multi-level list for a filing's headings ('第%1部分' over '%2、',
    both counted in Chinese numerals)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_NS}>'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="●"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1部分"/>'
        "</w:lvl>"
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%2、"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="0"/></w:num>'
        f'<w:num w:numId="{PARTS}"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )


def styles_xml() -> str:
    """Heading styles as Chinese Word names them: id '1' for 标题 1 (name 'heading 1'), its level set."""
    headings = "".join(
        f'<w:style w:type="paragraph" w:styleId="{n}"><w:name w:val="heading {n}"/>'
        f'<w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr></w:style>'
        for n in range(1, 7)
    )
    contents = '<w:style w:type="paragraph" w:styleId="toc1"><w:name w:val="toc 1"/></w:style>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_NS}>{headings}{contents}</w:styles>'


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
        archive.writestr("word/numbering.xml", numbering_xml())
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


def as_numbered_blocks(lines: list[str]) -> list[Block]:
    """As as_blocks, with Word doing the numbering: each '第X部分' heading and each '一、' heading under it
    numbered by Word's multi-level list (the number left out of the text, where Word counts it to the
    same number), and the contents list Word's, each entry with its page."""
    blocks: list[Block] = []
    counts = [0, 0]
    for block in as_blocks(lines):
        if isinstance(block, tuple) and block[0] == "item":
            blocks.append(("contents", block[1], 3))
            continue
        if isinstance(block, tuple) and block[0] == "heading":
            part = re.match(r"^第([一二三四五六七八九十]+)部分\s*(.*)$", block[2])
            item = re.match(r"^([一二三四五六七八九十]+)、(.*)$", block[2])
            if part and chinese_number(part.group(1)) == counts[0] + 1:
                counts = [counts[0] + 1, 0]
                blocks.append(("heading", block[1], part.group(2), PARTS, 0))
                continue
            if item and chinese_number(item.group(1)) == counts[1] + 1:
                counts[1] += 1
                blocks.append(("heading", block[1], item.group(2), PARTS, 1))
                continue
        blocks.append(block)
    return blocks
