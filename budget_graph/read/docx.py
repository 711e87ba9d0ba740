"""Reader for Word documents (.docx, and files named .doc), in which many departments write the
narrative, and some the tables.

The document's body becomes an HTML page that the text reader reads as it reads any web page
(read/text_forms.py): each paragraph a block, each table an HTML table whose merged cells keep their
spans (gridSpan as colspan, a vMerge run as rowspan). The page sets each paragraph and each table row on
a line of its own, so a finding's line is the paragraph's number in the document, a table's row
counting as one paragraph. A Word table broken over pages is one table here: Word breaks it, the file
does not. lxml parses the XML with entities left unexpanded and no network.

A file is told by its bytes, not its name: many sites serve a Word "web page" (HTML) or a .docx under
the name .doc, and those are read; an old binary .doc, an RTF or an MHTML archive is refused with one
line that says to save it as .docx or PDF.
"""

from __future__ import annotations

import codecs
import html
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from budget_graph.errors import InputError, printable
from budget_graph.limits import DOCX_SIZE, megabytes
from budget_graph.model import Filing
from budget_graph.read.source import OLE_FILE, encrypted_office_file, read_bytes, read_text_file
from budget_graph.read.word_numbering import Numbering

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# what Word writes twice, as DrawingML and as VML for older readers (a text box on the cover)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OTHER_FORMS = ((b"{\\rtf", "RTF"), (b"MIME-Version:", "MHTML"))  # what Word also saves as .doc
_HTML_PAGE = re.compile(r"<(?:!DOCTYPE\s+html|html)\b", re.IGNORECASE)  # Word's "web page", named .doc
_SNIFF = 1024  # bytes: where a page's opening tag stands
# a picture, or an object shown as one (a table pasted from Excel as an embedded object)
_PICTURES = (f"{_W}drawing", f"{_W}pict", f"{_W}object")
_BODY = "word/document.xml"
_STYLES = "word/styles.xml"
_NUMBERING = "word/numbering.xml"
_TOC_NAME = re.compile(r"^toc\s*[1-9]$", re.IGNORECASE)  # the contents' entries: Word's 'toc 1' … styles
_PAGE_NUMBER = re.compile(r"\s+\d+$")  # a contents entry's page, after its tab
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_HTML_HEADINGS = 6  # h1–h6
_STYLE_DEPTH = 8  # styles based on styles: far more than Word's own chains


def read_word(path: Path) -> Filing:
    from budget_graph.read.text import read_lines_as

    source = printable(str(path))  # the name as reports write it
    data = read_bytes(path, DOCX_SIZE)
    if _HTML_PAGE.match(_opening(data)):
        return read_lines_as(read_text_file(path, DOCX_SIZE), source, ".html")  # Word saved as a web page
    return read_lines_as(docx_html(data, source), source, ".html")


def _opening(data: bytes) -> str:
    """The file's first characters, as a web page Word saved would open (UTF-16 when it says so)."""
    start = data[:_SNIFF]
    encoding = "utf-16" if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8"
    return start.decode(encoding, "replace").lstrip("\ufeff \t\r\n")


def docx_html(data: bytes, source: str) -> str:
    """The document's body as an HTML page, a line per paragraph or table row."""
    document, styles, numbering = _xml_parts(data, source)
    root = _parsed(document, source)
    for fallback in list(root.iter(_FALLBACK)):  # a text box's text again, for older readers
        fallback.getparent().remove(fallback)
    body = root.find(f"{_W}body")
    if body is None:
        raise _damaged(source)
    blocks = _Blocks(
        _Styles.of(_parsed(styles, source) if styles else None),
        Numbering.of(_parsed(numbering, source) if numbering else None),
    )
    if not "".join(text.strip() for text in body.itertext()):
        raise InputError(f"Word 文档中没有文字 the Word document holds no text: {source}")
    lines = [line for element in body for line in blocks.lines(element)]
    lines[0] = "<html><body>" + lines[0]
    lines[-1] += "</body></html>"
    return "\n".join(lines)


def _refused(data: bytes, source: str) -> None:
    """One line for a file in a format of Word's that is not read."""
    if data.startswith(OLE_FILE):
        if encrypted_office_file(data):
            raise InputError(f"Word 文档已加密 the Word document is encrypted (password-protected): {source}")
        raise InputError(
            f"旧版 Word 文档（.doc）无法读取，请另存为 .docx 或 PDF an old Word document (.doc) cannot be read: "
            f"save it as .docx or PDF: {source}"
        )
    for start, form in _OTHER_FORMS:
        if data.lstrip().startswith(start):
            raise InputError(
                f"{form} 文档无法读取，请另存为 .docx 或 PDF a {form} document cannot be read: save it as .docx or "
                f"PDF: {source}"
            )


def _xml_parts(data: bytes, source: str) -> tuple[bytes, bytes | None, bytes | None]:
    """word/document.xml, and word/styles.xml and word/numbering.xml if there are any; one clear error
    for a file that is no readable .docx."""
    _refused(data, source)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if _BODY not in names:
                raise _damaged(source)
            body, styles, numbering = (
                _unzipped(archive, name, source) if name in names else None
                for name in (_BODY, _STYLES, _NUMBERING)
            )
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise _damaged(source) from error
    return body, styles, numbering


def _unzipped(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    """A part, refused by its declared size before it is unzipped (a zip bomb), and cut off at the
    limit when that size lies."""
    limit = DOCX_SIZE.bytes()
    if archive.getinfo(name).file_size > limit:
        raise DOCX_SIZE.exceeded(
            f"DOCX 解压后过大 the DOCX unzips too large: {source}", megabytes(archive.getinfo(name).file_size)
        )
    with archive.open(name) as part:
        xml = part.read(limit + 1)
    if len(xml) > limit:
        raise DOCX_SIZE.exceeded(f"DOCX 解压后过大 the DOCX unzips too large: {source}", megabytes(len(xml)))
    return xml


def _parsed(xml: bytes, source: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(xml, parser=parser)
    except etree.XMLSyntaxError as error:
        raise _damaged(source) from error


def _damaged(source: str) -> InputError:
    return InputError(
        f"不是可读取的 Word 文档（损坏或截断） not a readable Word document (damaged or truncated): {source}"
    )


@dataclass(frozen=True)
class _Styles:
    """What a paragraph style makes of its paragraphs: a heading's outline level (0 for 标题 1 / heading
    1), or a list item (bulleted or numbered by the style)."""

    outline: dict[str, int]
    numbered: dict[str, tuple[str, int]]  # style → the list and level its paragraphs are numbered in
    contents: frozenset[str]  # the styles of a contents list's entries

    @classmethod
    def of(cls, styles: etree._Element | None) -> _Styles:
        own: dict[str, int] = {}  # the level a style sets itself
        based: dict[str, str] = {}
        numbered: dict[str, tuple[str, int]] = {}
        contents: set[str] = set()
        for style in [] if styles is None else styles.iter(f"{_W}style"):
            key = style.get(f"{_W}styleId", "")
            name = _val(style.find(f"{_W}name"))
            heading = _HEADING_NAME.match(name)
            level = _level(style.find(f"{_W}pPr"))
            if level is not None or heading:
                own[key] = level if level is not None else int(heading.group(1)) - 1
            if (listed := _list_of(style.find(f"{_W}pPr"))) is not None:
                numbered[key] = listed
            if _TOC_NAME.match(name):
                contents.add(key)
            if _val(style.find(f"{_W}basedOn")):
                based[key] = _val(style.find(f"{_W}basedOn"))

        def inherited(key: str | None) -> int | None:  # a style based on a heading style is that heading
            for _ in range(_STYLE_DEPTH):
                if key is None or key in own:
                    return own.get(key) if key is not None else None
                key = based.get(key)
            return None

        levels = {key: level for key in {*own, *based} if (level := inherited(key)) is not None}
        return cls(levels, numbered, frozenset(contents))

    def heading(self, properties: etree._Element | None, style: str) -> int | None:
        """A heading's outline level (its own, else its style's), for h1–h6."""
        level = _level(properties)
        level = self.outline.get(style) if level is None else level
        return level if level is not None and level < _HTML_HEADINGS else None

    def listed(self, properties: etree._Element | None, style: str) -> tuple[str, int] | None:
        """The list and level a paragraph is numbered in: its own (numId 0 takes the style's off), else
        its style's at the level the paragraph names."""
        own = _list_of(properties)
        if own is not None:
            return own if own[0] != "0" else None
        if style in self.numbered:
            level = _int_val(properties.find(f"{_W}numPr/{_W}ilvl") if properties is not None else None)
            return self.numbered[style][0], level if level is not None else self.numbered[style][1]
        return None


@dataclass(frozen=True)
class _Blocks:
    styles: _Styles
    numbering: Numbering

    def lines(self, element: etree._Element) -> list[str]:
        """An element of the body as lines: a paragraph one, a table one per row; content controls and
        tracked insertions (a contents list Word generates sits in one) as what they hold."""
        if element.tag == f"{_W}p":
            tag, text = self._paragraph(element)
            picture = "<img>" if next(element.iter(*_PICTURES), None) is not None else ""
            return [f"<{tag}>{html.escape(text)}{picture}</{tag}>"]
        if element.tag == f"{_W}tbl":
            return _table(element)
        if element.tag in {f"{_W}sdt", f"{_W}sdtContent", f"{_W}ins", f"{_W}customXml"}:
            return [line for child in element for line in self.lines(child)]
        return []

    def _paragraph(self, paragraph: etree._Element) -> tuple[str, str]:
        """The paragraph's tag and text: a heading h1–h6; a contents entry a list item without its page;
        a numbered paragraph its number before its text (a list item when it is a bullet)."""
        properties = paragraph.find(f"{_W}pPr")
        style = _val(properties.find(f"{_W}pStyle")) if properties is not None else ""
        text = _text(paragraph)
        if style in self.styles.contents:
            return "li", _PAGE_NUMBER.sub("", text)
        listed = self.styles.listed(properties, style)
        number = self.numbering.label(*listed) if listed else ""
        level = self.styles.heading(properties, style)
        if level is not None:
            return f"h{level + 1}", number + text
        if listed and not number:
            return "li", text
        return "p", number + text


def _list_of(properties: etree._Element | None) -> tuple[str, int] | None:
    """The list (numId) and level (ilvl, 0 if not given) named in paragraph properties."""
    numbering = properties.find(f"{_W}numPr") if properties is not None else None
    if numbering is None or not _val(numbering.find(f"{_W}numId")):
        return None
    level = _int_val(numbering.find(f"{_W}ilvl"))
    return _val(numbering.find(f"{_W}numId")), level if level is not None else 0


def _in_controls(element: etree._Element, tag: str) -> list[etree._Element]:
    """A table's rows, or a row's cells, those a content control wraps included (a template's
    repeating sections: w:sdt/w:sdtContent/w:tr)."""
    return element.xpath(f"./w:{tag} | ./w:sdt/w:sdtContent/w:{tag}", namespaces={"w": _W[1:-1]})


def _int_val(element: etree._Element | None) -> int | None:
    value = _val(element)
    return int(value) if value.isdigit() else None


def _level(properties: etree._Element | None) -> int | None:
    """The outline level a paragraph's properties give (w:outlineLvl; 9 is body text)."""
    value = _val(properties.find(f"{_W}outlineLvl")) if properties is not None else ""
    return int(value) if value.isdigit() and int(value) < 9 else None


def _val(element: etree._Element | None) -> str:
    return element.get(f"{_W}val", "") if element is not None else ""


def _text(element: etree._Element) -> str:
    """A paragraph's text as Word shows it: its runs' text (in links and fields too), a tab a space;
    deleted text (w:delText) and the paragraph's tab stops (w:pPr/w:tabs/w:tab) are no text."""
    return "".join(
        (node.text or "") if node.tag == f"{_W}t" else " "
        for run in element.iter(f"{_W}r")
        for node in run
        if node.tag in {f"{_W}t", f"{_W}tab"}
    )


def _table(table: etree._Element) -> list[str]:
    """One line per row: `<tr>` of `<td colspan rowspan>`; a cell continuing a vertical merge is left
    out and counted in the rowspan of the cell that starts it, in the same grid column."""
    rows = _in_controls(table, "tr")
    starts: dict[tuple[int, int], int] = {}  # (row, grid column) of a merge's first cell → its rows
    placed: list[list[tuple[int, etree._Element, int]]] = []  # per row: (grid column, cell, colspan)
    open_merges: dict[int, tuple[int, int]] = {}  # grid column → the (row, column) its merge started at
    for r, row in enumerate(rows):
        column = _int_val(row.find(f"{_W}trPr/{_W}gridBefore")) or 0
        cells = []
        for cell in _in_controls(row, "tc"):
            span = max(1, _int_val(cell.find(f"{_W}tcPr/{_W}gridSpan")) or 1)
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            if (
                merge is not None
                and merge.get(f"{_W}val", "continue") == "continue"
                and column in open_merges
            ):
                starts[open_merges[column]] += 1
            else:
                cells.append((column, cell, span))
                if merge is not None:  # restart
                    open_merges[column] = (r, column)
                    starts[(r, column)] = 1
                else:
                    open_merges.pop(column, None)
            column += span
        placed.append(cells)
    lines = []
    for r, cells in enumerate(placed):
        tds = "".join(
            f'<td colspan="{span}" rowspan="{starts.get((r, column), 1)}">'
            f"{html.escape(''.join(_text(p) for p in cell.iter(f'{_W}p')))}</td>"
            for column, cell, span in cells
        )
        lines.append(f"<tr>{tds}</tr>")
    if lines:
        lines[0], lines[-1] = "<table>" + lines[0], lines[-1] + "</table>"
    return lines
