"""Reader for filings as published: PDF files, into the same document model as the text reader.

pdfium (Apache-2.0/BSD) gives each visible glyph's box and the page's ruling lines; pdf_page groups
them into lines, pdf_grid into ruled cells, pdf_flow into tables and narrative, pdf_text into the
contents list and parts, pdf_tables into the shared table builder's rows. Every element keeps its
1-based page. Filing metadata (unit, year, budget or final accounts, 部门 or 单位) comes from the
document: its cover, its headings and its tables' filer lines.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from budget_graph.errors import InputError, printable
from budget_graph.limits import PDF_PAGES, PDF_SIZE
from budget_graph.model import Diagnostic, Doubt, Filing, Location, Table
from budget_graph.profiles import lines
from budget_graph.read.claims import stated_claims
from budget_graph.read.compilation import apart, filing_spans, span_note
from budget_graph.read.grid_rows import union
from budget_graph.read.layout import normalise
from budget_graph.read.metadata import Evidence, Metadata, filing_metadata
from budget_graph.read.pdf_doubts import mark_doubts, unruled_titles
from budget_graph.read.pdf_flow import Flow, pages_flow
from budget_graph.read.pdf_grid import PageContent, page_content
from budget_graph.read.pdf_page import Char, PageLayout
from budget_graph.read.pdf_streams import damaged_streams
from budget_graph.read.pdf_tables import project_forms_not_read, read_table
from budget_graph.read.pdf_text import read_narrative
from budget_graph.read.source import INVISIBLE, read_bytes
from budget_graph.read.tables import number_tables, unit_names

_FILER = re.compile(rf"^(?:{lines().filer_keys})\s*[:：]\s*(\S+)$")
_COVER_LINES = 12
_PICTURE_SHARE = 0.25  # of a page: a picture this large may be a table printed as an image
_FEW_CHARACTERS = 60  # on a page: its number, a caption, a heading; a page of narrative prints more
_OUTLINED_AT_LEAST = 20  # glyphs drawn as outlines on a page: its text printed as a picture
_HIGH, _LOW = 0xD800, 0xDC00  # the first high and low UTF-16 surrogates
_REPLACEMENT = "\ufffd"
# Characters a Chinese disclosure does not print but a font's broken map to Unicode gives (a map rebuilt by
# a rewriting tool, a font exported without one): control characters, Latin-1 signs and accented Latin letters,
# U+FFFD, and invisible format characters (a zero-width space, a byte order mark: a glyph drawn on the page
# that its map calls invisible; the text readers drop them, a PDF's glyph is not dropped unread). Signs a
# disclosure may print (¥ ° ² · × ÷ …) and the no-break space are not among them. Nor are the scripts of
# China's other languages (Tibetan, Mongolian, Arabic for Uyghur, Hangul, Yi): a bilingual filing prints them.
# A font's broken map to Unicode, or none (a CID font read by its glyph numbers) gives also characters of
# scripts no Chinese disclosure prints, among Han characters (江苏省 as ⊏㣿ⴱ):
_NEVER_PRINTED = "".join(
    (
        "\u0400-\u05ff",  # Cyrillic, Armenian, Hebrew
        "\u0700-\u074f\u0780-\u07ff",  # Syriac, Thaana, NKo
        "\u0900-\u0eff",  # the scripts of India and South-East Asia
        "\u1000-\u10ff\u1200-\u17ff",  # Myanmar, Georgian, Ethiopic … Khmer
        "\u1b00-\u1cff",  # Balinese … Vedic signs
        "\u2c00-\u2dff",  # Glagolitic, Coptic, Tifinagh
        "\u3400-\u4dbf",  # the rare Han characters of extension A
        "\ue000-\uf8ff",  # private use
    )
)
_GARBLED = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xa1-\xa4\xa6\xa8\xaa-\xad\xaf\xb4\xb6\xb8\xba\xbb\xbf-\xd6\xd8-\xf6\xf8-\u024f\ufffd{INVISIBLE}"
    f"{_NEVER_PRINTED}]"
)
_GARBLED_SHARE = 0.5  # of a file's pages with text: garbled on so many, the file's text is not read
_GARBLED_AT_LEAST = 10  # and no fewer garbled characters in all: a stray accented name is no damage
_SURROGATES = re.compile("[\ud800-\udfff]")


def read_pdf(path: Path) -> Filing:
    """The file as one filing (a compilation of several too: read_pdf_filings tells them apart)."""
    layouts, damaged = _opened(path)
    return _read_span(path, layouts, _contents(layouts), damaged)


def read_pdf_filings(path: Path) -> list[Filing]:
    """Each filing the file holds: one, or each of a compilation's (read/compilation.py)."""
    layouts, damaged = _opened(path)
    pages = _contents(layouts)
    flow = pages_flow(pages)
    spans = filing_spans(flow, layouts[0].number, layouts[-1].number)
    if len(spans) < 2:
        return [_read_span(path, layouts, pages, damaged, flow)]
    # each span's pages made again: reading a flow joins wrapped lines in the pages' own lines
    filings = []
    for first, last in spans:
        some = [layout for layout in layouts if first <= layout.number <= last]
        filing = _read_span(path, some, _contents(some), damaged)
        filing.diagnostics.append(span_note(filing.sources[0], first, last))
        filings.append(filing)
    return filings if apart(filings) else [_read_span(path, layouts, pages, damaged, flow)]


def _opened(path: Path) -> tuple[list[PageLayout], int]:
    """The file's pages, and how many of its streams do not inflate (the bytes read once for both)."""
    data = read_bytes(path, PDF_SIZE)
    return _layouts(data, path), damaged_streams(data)


def _contents(layouts: list[PageLayout]) -> list[PageContent]:
    # imported here: the laid-out text reader it uses reads its pages through read_pages below
    from budget_graph.read.pdf_unruled import with_unruled_tables

    return with_unruled_tables([page_content(layout) for layout in layouts])


def _read_span(
    path: Path, layouts: list[PageLayout], pages: list[PageContent], damaged: int, flow: Flow | None = None
) -> Filing:
    """The filing printed on these pages; `damaged`: how many of the file's streams do not inflate."""
    source = printable(str(path))  # the name as reports write it
    filing = read_pages(pages, source, path, flow=flow)
    filing.page_turns = {source: {layout.number: layout.turn for layout in layouts}}
    _unread_pages(filing, layouts, source)
    for layout in layouts:
        if layout.cut_off or layout.clipped:
            _not_shown(filing, layout, source)
    _damaged(filing, damaged, source)
    return filing


def read_pages(
    pages: list[PageContent], source: str, path: Path, measured: bool = True, flow: Flow | None = None
) -> Filing:
    """A filing from its pages' text lines and grids: a PDF's, or text laid out as pages
    (read/text_layout.py), whose positions are not the page's (`measured` False: no boxes, no sizes)."""
    garbled = _garbled_pages(pages, path)
    flow = flow or pages_flow(pages)
    narrative = read_narrative(flow.lines, source, measured)
    if not flow.blocks and not narrative.parts:
        if garbled:  # a broken map hid the titles and headings the filing was to be known by
            raise _garbled_file(garbled, pages, path)
        if unruled_titles(flow):
            raise InputError(
                f"表题下未能读出表格（无表格线、各栏也未对齐，或文本未保留版面） no table could be read under "
                f"the tables' titles (no ruling lines and no aligned columns, or text without its layout): {path}"
            )
        raise InputError(
            f"不是预决算公开文件：未找到说明部分或表格 not a budget filing (no parts, no tables): {path}"
        )
    metadata = _metadata(flow, path, pages[0].number if pages else 1)
    filing = metadata.filing(
        source,
        parts=narrative.parts,
        toc=narrative.toc,
        page_sizes={source: {page.number: (page.width, page.height) for page in pages}} if measured else {},
    )
    names = unit_names(filing.unit, *(block.unit_name for block in flow.blocks))
    for block in flow.blocks:
        try:
            filing.tables.append(read_table(block, source, filing, names))
        except (IndexError, KeyError, ValueError) as error:  # a layout this reader has not met: say so, go on
            filing.diagnostics.append(
                Diagnostic(
                    "error",
                    f"表格无法读取 table could not be read: “{block.title}” ({type(error).__name__}: {error})",
                    (Location(source, page=block.page, table=block.title),),
                )
            )
    filing.diagnostics.extend(project_forms_not_read(flow.blocks, source))
    number_tables(filing)
    mark_doubts(filing, flow, source, measured)
    filing.claims.extend(stated_claims(filing))
    _garbled(filing, garbled, source)
    return filing


def read_layouts(path: Path) -> list[PageLayout]:
    """Every page's visible characters and ruling lines; a clear error for what is no readable PDF."""
    return _layouts(read_bytes(path, PDF_SIZE), path)


def _layouts(data: bytes, path: Path) -> list[PageLayout]:
    # pdfium loads here, not with this module: laid-out text shares the stages after it (read_pages)
    import pypdfium2 as pdfium

    from budget_graph.read.pdfium_page import read_page

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise InputError(f"PDF 已加密，无法读取 encrypted PDF: {path}") from error
        raise InputError(
            f"不是可读取的 PDF 文件（损坏或截断） not a readable PDF (damaged or truncated): {path}"
        ) from error
    try:
        if len(document) > PDF_PAGES.value():
            raise PDF_PAGES.exceeded(f"PDF 页数过多 too many pages: {path}", f"{len(document)} 页 pages")
        layouts = [_sanitised(read_page(document[index], index + 1)) for index in range(len(document))]
    except pdfium.PdfiumError as error:
        raise InputError(f"PDF 页面无法读取 a page of the PDF cannot be read: {path}") from error
    finally:
        document.close()
    if not any(layout.chars for layout in layouts):
        if any(layout.hidden for layout in layouts):
            raise InputError(
                "PDF 的文字均不显示（可能是扫描件的 OCR 识别层），不能可靠读取 the PDF's text is all "
                f"hidden (a scan's layer of recognised text?) and cannot be relied on: {path}"
            )
        raise InputError(f"PDF 中没有文字（可能是扫描件） the PDF has no text (a scan?): {path}")
    return layouts


def _sanitised(layout: PageLayout) -> PageLayout:
    """pdfium gives UTF-16 code units: a surrogate pair becomes the one character it encodes, and a
    lone surrogate (a damaged font's map) becomes U+FFFD, which no output can fail to write."""
    if not _SURROGATES.search("".join(c.text for c in layout.chars)):
        return layout  # nearly every page: one look at its text instead of three per character
    chars: list[Char] = []
    for char in layout.chars:
        if chars and _surrogate(char.text, _LOW) and _surrogate(chars[-1].text, _HIGH):
            code = 0x10000 + ((ord(chars[-1].text) - _HIGH) << 10) + ord(char.text) - _LOW
            chars[-1] = replace(chars[-1], text=chr(code), x1=char.x1)
        else:
            chars.append(char)
    lone = (_surrogate(c.text, _HIGH) or _surrogate(c.text, _LOW) for c in chars)
    layout.chars = [replace(c, text=_REPLACEMENT) if bad else c for c, bad in zip(chars, lone, strict=True)]
    return layout


def _surrogate(text: str, first: int) -> bool:
    return len(text) == 1 and first <= ord(text) < first + 0x400


def _garbled_pages(pages: list[PageContent], path: Path) -> list[int]:
    """The pages whose text holds garbled characters; a clear error when nearly the whole file's does:
    its fonts map glyphs to the wrong characters (the same broken map also turns some into other Chinese
    characters, digits or signs), and nothing read from it can be trusted."""
    counts = {page.number: len(_GARBLED.findall(_text(page))) for page in pages}
    garbled = [number for number, count in counts.items() if count]
    if len(garbled) >= _GARBLED_SHARE * _with_text(pages) and sum(counts.values()) >= _GARBLED_AT_LEAST:
        raise _garbled_file(garbled, pages, path)
    return garbled


def _with_text(pages: list[PageContent]) -> int:
    return sum(1 for page in pages if page.lines or page.grids)


def _garbled_file(garbled: list[int], pages: list[PageContent], path: Path) -> InputError:
    count, with_text = len(garbled), _with_text(pages)
    return InputError(
        f"文字编码已损坏（{count}/{with_text} 页出现乱码字符），无法可靠读取，请取原文件或经 OCR 识别 "
        f"the fonts map the glyphs to wrong characters (garbled text on {count} of {with_text} "
        f"pages): the file cannot be read reliably: {path}"
    )


def _text(page: PageContent) -> str:
    lines = (word.text for line in page.lines for word in line.words)
    return "".join([*lines, *(cell.text for grid in page.grids for cell in grid.cells)])


def _garbled(filing: Filing, pages: list[int], source: str) -> None:
    """Pages with garbled characters are said; what stands on them is in doubt: their tables (no error
    rests on a figure a broken map may have changed), their narrative figures (not checked), and they
    count as unread (a garbled title may hide a required table)."""
    if not pages:
        return
    places = tuple(Location(source, page=page) for page in pages)
    filing.diagnostics.append(
        Diagnostic(
            "warning",
            "有乱码字符（字体编码损坏），所在页的表格读取存疑，说明中的数字未检查 characters the fonts "
            "map to the wrong text (damaged encoding): the tables on those pages are in doubt, the narrative's "
            "figures on them are not checked",
            places,
        )
    )
    filing.unread.extend(places)
    garbled = set(pages)
    doubt = Doubt(
        "所在页有乱码字符（字体编码损坏），数字可能读错 a page of the table has garbled characters: figures may be misread"
    )
    for table in filing.tables:
        if {table.location.page, *(row.location.page for row in table.rows)} & garbled:
            table.doubts.append(doubt)
    filing.claims = [claim for claim in filing.claims if claim.location.page not in garbled]


def _damaged(filing: Filing, streams: int, source: str) -> None:
    """Streams that fail to inflate are said; which page's they are is not known (a stream may serve
    many pages), so every table is in doubt (rows or a whole table may be lost, a font's map with them)
    and the file counts as unread: a required table said to be missing may be in what was lost."""
    if not streams:
        return
    whole_file_in_doubt(
        filing,
        Location(source, excerpt="数据流损坏 damaged streams"),
        f"文件有{streams}个数据流已损坏，无法完整解码，读到的内容可能不全，表格读取存疑 {streams} of the "
        "file's compressed streams are damaged and cannot be decoded whole: what was read may be "
        "incomplete, the tables are in doubt",
        "文件有损坏的数据流，表格可能读取不全 the file has damaged streams: the table may be incomplete",
    )


def whole_file_in_doubt(filing: Filing, place: Location, said: str, doubt: str) -> None:
    """A reading in doubt as a whole, on no page known: `said` in a warning, every table in `doubt`, and
    the file counted as unread at `place` (on no page, line or cell: its excerpt says why, Chinese then
    English), which check/confidence.py takes for the whole file."""
    filing.diagnostics.append(Diagnostic("warning", said, (place,)))
    filing.unread.append(place)
    in_doubt = Doubt(doubt)
    for table in filing.tables:
        table.doubts.append(in_doubt)


def _unread_pages(filing: Filing, layouts: list[PageLayout], source: str) -> None:
    """A large picture after the cover may be a table printed as an image (a sheet pasted as a
    screenshot), and glyphs drawn as outlines, more of them than the page's characters, text printed as
    a vector picture: what they show is not read, so it is said and counted as unread — a required table
    said to be missing may be in it — and a table read from the page is in doubt."""
    for layout in layouts[1:]:
        if layout.picture >= _PICTURE_SHARE:
            said = (
                f"第{layout.number}页有一幅大图（如以图片印出的表格），图中内容未读取、未检查 page "
                f"{layout.number} holds a large picture (a table printed as an image?): what it shows is "
                "not read, not checked"
            )
        elif layout.outlines >= _OUTLINED_AT_LEAST and layout.outlines > len(layout.chars):
            said = (
                f"第{layout.number}页的文字以图形轮廓绘出（如以矢量图粘贴的表格），未读取、未检查 page "
                f"{layout.number} draws its text as outlines (a table pasted as a vector picture?): it is "
                "not read, not checked"
            )
        else:
            continue
        place = Location(source, page=layout.number)
        filing.unread.append(place)
        filing.diagnostics.append(Diagnostic("warning", said, (place,)))
        doubt = Doubt(f"第{layout.number}页的内容未能全部读取 page {layout.number} is not read whole")
        going_on = len(layout.chars) < _FEW_CHARACTERS  # no narrative on it: a table may go on there
        for table in _printed_on(filing.tables, layout.number, going_on):
            table.doubts.append(doubt)


def _not_shown(filing: Filing, layout: PageLayout, source: str) -> None:
    """Text a viewer does not show is not read: printed past the page's edge (a table wider than its page,
    its last columns run off the side, its last rows off the foot), or cut at its cell's edge by the
    cell's clip (a sheet's long name in a narrow cell). A table with such text level with its title or
    rows has lost cells, or a title, name or figure cut short (a figure cut in two reads as another
    figure); text past the page's top or foot may be any table's lost rows: such tables are in doubt. A
    page cut at its edge counts as not read whole (a table said missing may be there), and its narrative
    lines lose their starts or ends, so its stated figures are not checked; a narrative clipped is one
    printed again on the next page (some exports), and is left alone."""
    page = layout.number
    beside = [char.cy for char in layout.cut_off if 0 <= char.cy <= layout.height]  # lines cut short
    off_page = len(beside) < len(layout.cut_off)  # past the top or the foot: whole lines
    level: set[float] = set()  # the lines cut short that are a table's
    in_doubt = False
    for table in filing.tables:
        bands = _bands(table, page)
        if not bands:
            continue
        past = {y for y in beside if any(top <= y <= foot for top, foot in bands)}
        clipped = any(top <= char.cy <= foot for char in layout.clipped for top, foot in bands)
        if past or off_page:
            table.doubts.append(Doubt(_PAST_EDGE.format(page=page)))
        if clipped:
            table.doubts.append(Doubt(_CUT_IN_CELL))
        level |= past
        in_doubt = in_doubt or bool(past or off_page or clipped)
    if layout.cut_off:
        said = [
            (
                f"第{page}页有文字印在页面边缘之外，未显示、未读取",
                f"page {page} prints text past its edge, not shown, not read",
            )
        ]
        filing.unread.append(Location(source, page=page))
    else:
        said = [
            (
                f"第{page}页表格中有文字超出单元格被截去",
                f"page {page} cuts a table cell's text at the cell's edge",
            )
        ]
    if in_doubt:
        said.append(("该页的表格读取存疑", "its tables are in doubt"))
    if any(y not in level for y in beside) and any(claim.location.page == page for claim in filing.claims):
        filing.claims = [claim for claim in filing.claims if claim.location.page != page]
        said.append(("该页说明中的数字未检查", "the figures its narrative states are not checked"))
    if layout.cut_off or in_doubt:
        zh, en = "；".join(z for z, _ in said), "; ".join(e for _, e in said)
        severity = "warning" if len(said) > 1 else "info"  # info: nothing read was touched
        filing.diagnostics.append(Diagnostic(severity, f"{zh} {en}", (Location(source, page=page),)))


_PAST_EDGE = (
    "表格超出第{page}页边缘，页外的内容未印出、未读取 the table runs past the edge of page {page}: what lies "
    "beyond it is not shown, not read"
)
_CUT_IN_CELL = (
    "表格有文字超出其格子被截去，表题、名称或数字可能不全 text of the table is cut at its cell's edge: a title, "
    "name or figure may be incomplete"
)


def _bands(table: Table, page: int) -> list[tuple[float, float]]:
    """Where the table's title and rows stand on the page, top to foot: its title's lines (a title cut
    short may name only a part of the table, or another table), and its first row to its last."""
    rows = union(row.location.bbox for row in table.rows if row.location.page == page and row.location.bbox)
    title = table.location.bbox if table.location.page == page else None
    return [(box[1], box[3]) for box in (rows, title) if box]


def _printed_on(tables: list[Table], page: int, going_on: bool = True) -> list[Table]:
    """The tables printed on the page or on both sides of it, and, when a table may go on on it, the one
    the page before ends with."""
    pages = [{table.location.page, *(row.location.page for row in table.rows)} for table in tables]
    on = [table for table, printed in zip(tables, pages, strict=True) if min(printed) <= page <= max(printed)]
    before = [table for table, printed in zip(tables, pages, strict=True) if max(printed) == page - 1]
    return on + before[-1:] if going_on else on


def _metadata(flow: Flow, path: Path, first: int) -> Metadata:
    """`first`: the filing's first page, where its cover stands."""
    evidence = Evidence(
        cover=[normalise(line.text) for line in flow.lines if line.page == first][:_COVER_LINES],
        lines=[normalise(line.text) for line in flow.lines],
        titles=[normalise(block.title) for block in flow.blocks],
        filers=[block.unit_name for block in flow.blocks if block.unit_name],
        notes=[normalise(note) for block in flow.blocks for note in block.notes],
        stem=path.stem,
    )
    return filing_metadata(evidence, _FILER, str(path))
