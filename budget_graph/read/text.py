"""Reader for filings as text converted from PDF (markdown-ish headings, tab-separated table rows;
read/text_forms.py turns pipe tables, HTML tables and HTML pages into such lines).

The converter leaves `<p>`/`<math>` tags and LaTeX, splits sentences and table rows at page breaks,
and prints nested table headers that do not line up with the data. This reader recognises the parts
and tables by their titles and headers (read/layout.py), never by line numbers, and keeps every
element's 1-based source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from budget_graph.errors import InputError, printable
from budget_graph.model import (
    Diagnostic,
    Doubt,
    Filing,
    Heading,
    Location,
    NarrativePart,
    Paragraph,
    Table,
    TableKind,
    TocEntry,
    Unit,
    is_number,
)
from budget_graph.profiles import lines
from budget_graph.read.claims import stated_claims
from budget_graph.read.grid_rows import GridRow, TableGrid, unread
from budget_graph.read.layout import (
    CONTENTS_PAGE,
    ENUMERATOR,
    FILING_TITLE,
    NUMBERED_TITLE,
    UNIT_LINE,
    UNIT_STATED,
    chinese_number,
    is_note,
    normalise,
    page_numbers,
    part_core,
    recognise_table,
    titled_table,
    without_unit,
)
from budget_graph.read.metadata import Evidence, Metadata, filing_metadata
from budget_graph.read.performance import PROJECT_FORMS_NOT_READ, is_project_form, project_indicators
from budget_graph.read.source import read_text_file, text_start
from budget_graph.read.tables import (
    build_table,
    header_cells,
    header_unit,
    number_tables,
    unit_names,
    unstated_unit,
)
from budget_graph.read.text_forms import PICTURE, is_laid_out, read_lines, source_lines

_YEAR = re.compile(r"20\d{2}\s*年")
_TITLE = re.compile(
    r"(?P<year>\d{4})\s*年(?:度)?\s*(?P<unit>.+?)\s*(?P<level>部门|单位)\s*(?P<kind>预算|决算)"
)
_PART = re.compile(r"^#*\s*第([一二三四五六七八九十]+)部分\s*(.*)$")
_TABLE_TITLE = re.compile(r"^#*\s*附?表\s*([一二三四五六七八九十]+|\d{1,2})(?:[-—－]\d+)?\s*[：:]\s*(\S.*)$")
_TOC = re.compile(r"^#*\s*目\s*录\s*$")
_TOC_TABLE = re.compile(r"^[-*]\s*[（(]([一二三四五六七八九十]+)[)）]\s*(\S.*)$")
_TOC_PART = re.compile(r"^[-*]\s*第([一二三四五六七八九十]+)部分\s*(.*)$")
_APPENDIX = re.compile(r"^#*\s*附\s*表\s*[:：]?\s*$")
_HEADING = re.compile(r"^#+\s*(.+)$")
_UNIT_NAME = re.compile(rf"^(?:{lines().filer_keys})\s*[:：]\s*(.+)$")
_SENTENCE_MARK = re.compile(r"[。，,；;：:]")
_MAX_TITLE = 60  # characters
_CUT_AT_YEAR = re.compile(r"\d{4}\s*年度?$")  # a part's title that stops at its year has more to come
_WRAPPED_TITLE = 12  # characters: the rest of a part's title wrapped onto its own line
# a figure as a table prints it, inside a line: 1,234.56, 12.00 ('2024年', '第3部分' are none)
_FIGURE_IN_LINE = re.compile(
    r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d.])|(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d.,])"
)
_MALFORMED = (
    "网页表格结构有误（合并单元格覆盖了其他单元格，或单元格不在行内），各栏位置不确定 the web page's table is "
    "malformed (colspan/rowspan covering cells printed in their own right, or cells outside any row): which "
    "column each cell stands in is not certain"
)
_COVER_LINES = 80  # a title and filer line stand among the first lines
_NUMBERED_PART = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_TOC_NUMBERED_TABLE = re.compile(r"^\d+[.．、](.+)$")
_SENTENCE_END = re.compile(r"[。；;！!？?：:」”）)]$")
# '（三）一般公共预算财政拨款支出决算具体情况': an enumerated heading on its own line, no sentence to run on
_ENUMERATED_HEADING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)[^，,。；;：:！!？?\d元]+$"
)

_MARKUP = [
    (re.compile(r"<math>\s*\\geq?\s*</math>"), "≥"),
    (re.compile(r"<math>\s*\\leq?\s*</math>"), "≤"),
    (re.compile(r"</?p>|</?math>|</?br\s*/?>"), ""),
    (re.compile(r"\\geq?|\\ge\b"), "≥"),
    (re.compile(r"\\leq?|\\le\b"), "≤"),
    (re.compile(r"\\%"), "%"),
    # math between dollars ('$\geq 5$'); a lone '$' is no markup ('$12' where a figure stands: garbled)
    (re.compile(r"\$([^$\t|\n]*)\$"), r"\1"),
    # Word's field codes left in a page made from a document: its contents list's ('TOC \o "1-3" \h',
    # 'HYPERLINK \l "_Toc25831"', 'PAGEREF _Toc25831 \h 3', the backslash sometimes lost)
    (
        re.compile(
            r'(?<![A-Za-z])(?:TOC\s+\\?o\s+"[^"]*"(?:\s+\\?[a-z](?![A-Za-z]))*'
            r'|HYPERLINK\s+\\?l\s+"[^"]*"|PAGEREF\s+_Toc\w+(?:\s+\\?h(?![A-Za-z]))?)'
        ),
        " ",
    ),
]


def clean(line: str) -> str:
    """Undo the converter's markup: `<math>\\geq</math>` and `$\\geq 5$` → '≥ 5', `<p>` dropped."""
    for pattern, replacement in _MARKUP:
        line = pattern.sub(replacement, line)
    return line.rstrip(" \r\n\u3000")  # a row's trailing tabs stand for its blank cells


@dataclass
class _Segment:
    """A run of lines that belong to one part, one table, the TOC or the preamble."""

    kind: str  # 'preamble' | 'toc' | 'part' | 'table' | 'appendix'
    start: int  # 1-based line of its heading
    title: str = ""
    number: int | None = None
    lines: list[tuple[int, str]] = field(default_factory=list)
    heading: str = ""  # the line that opened it, as printed


def read_text_filings(path: Path) -> list[Filing]:
    """Each filing the text holds: laid-out text may hold a compilation's (read/compilation.py)."""
    text = read_text_file(path)
    if is_laid_out(text, path.suffix):
        # here, not at the top: the PDF reader's stages it shares load only for laid-out text
        from budget_graph.read.text_layout import read_laid_out_filings

        return read_laid_out_filings(text, printable(str(path)), path)
    return [_read_lines(text, path)]


def read_text(path: Path) -> Filing:
    """The file as one filing."""
    text = read_text_file(path)
    if is_laid_out(text, path.suffix):
        from budget_graph.read.text_layout import read_laid_out_text

        return read_laid_out_text(text, printable(str(path)), path)
    return _read_lines(text, path)


def _read_lines(text: str, path: Path) -> Filing:
    """Text whose tables are rows of cells (tabs, pipes, HTML), not laid out with spaces."""
    return read_lines_as(text, printable(str(path)), path.suffix)  # the name as reports write it


def read_lines_as(text: str, source: str, suffix: str) -> Filing:
    """`text` read as a file of that suffix would be (read/docx.py gives a Word document's as HTML)."""
    read = read_lines(text, suffix)
    numbered = [(number, clean(line)) for number, line in read.lines]
    # a converter's page numbers left among the lines ('3' between two lines of one sentence) are dropped
    for index in page_numbers([line for _, line in numbered]):
        numbered[index] = (numbered[index][0], "")
    lines = [line for _, line in numbered]
    segments = _segments(numbered)
    metadata = _metadata(lines, segments, source)
    filing = metadata.filing(source)
    for segment in segments:
        if segment.kind == "toc":
            filing.toc = _toc(segment, source)
        elif segment.kind == "part":
            filing.parts.append(_part(segment, source))
        elif segment.kind == "table":
            table = _table(segment, source, filing, read.doubted)
            filing.tables.append(table)
    number_tables(filing)
    if not filing.tables and not filing.parts:
        raise InputError(
            f"不是预决算公开文件：未找到说明部分或表格 not a budget filing (no parts, no tables): {source}"
        )
    filing.claims.extend(stated_claims(filing))
    return filing


def looks_like_filing(path: Path) -> bool:
    """Does the file open with a budget title and hold a narrative part or a table? (A PROVENANCE.txt
    that names '…2024年度部门决算.pdf' does not.)"""
    start = text_start(path)
    if is_laid_out(start, path.suffix):  # pdftotext's pages: a title may wrap, a tables file has none
        flat = [normalise(line) for line in start.split("\n")]
        # tables may print no year (paired with their narrative: read.group_filings); a part must
        parted = bool(_YEAR.search(start)) and any(_PART.match(line) for line in flat)
        return parted or any(recognise_table(line) for line in flat)
    lines = [clean(line).strip() for _, line in source_lines(start, path.suffix)]
    titled = any(
        _TITLE.search(line.lstrip("# ")) or FILING_TITLE.match(normalise(line.lstrip("# ")))
        for line in lines[:80]
    )
    tabled = any(_PART.match(line) or _TABLE_TITLE.match(line) or recognise_table(line) for line in lines)
    return titled and tabled


def _metadata(lines: list[str], segments: list[_Segment], source: str) -> Metadata:
    """Unit, year, kind and level, weighed as for every reader (read/metadata.py): the title and filer
    line among the first lines, else the tables' titles, else the file's name."""
    evidence = Evidence(
        # as printed, not normalised: the unit keeps its own characters ('（本级）', which reports show)
        cover=[line.lstrip("# ").strip() for line in lines[:_COVER_LINES] if line.strip()],
        lines=[],
        titles=[normalise(segment.title) for segment in segments if segment.kind == "table"],
        filers=[],
        notes=[],
        stem=Path(source).stem,
    )
    return filing_metadata(evidence, _UNIT_NAME, source)


def _segments(numbered: list[tuple[int, str]]) -> list[_Segment]:
    segments = _split(numbered, {})
    if not any(segment.kind == "part" for segment in segments):
        # parts numbered '一、部门主要职能' in the contents and headed '部门主要职能' (no '第X部分')
        listed = _listed_parts(segments)
        if listed:
            segments = _split(numbered, listed)
    return segments


def _split(numbered: list[tuple[int, str]], listed: dict[str, int]) -> list[_Segment]:
    return _contents_unmarked(_segments_by_headings(numbered, listed))


def _contents_unmarked(segments: list[_Segment]) -> list[_Segment]:
    """A contents list whose entries carry no list marks (paragraphs of a web page or a Word document:
    '第一部分 部门概况', '（一）收支总表') opens a part or a table at each entry. Titles right after the
    contents' heading, each holding nothing of its own (a group's heading at most, '二、表格部分') before
    the next title, are its entries: listed there, as if marked, and read as no part and no table."""
    kept: list[_Segment] = []
    for index, segment in enumerate(segments):
        if (
            kept
            and kept[-1].kind == "toc"
            and segment.kind in ("part", "table")
            and index + 1 < len(segments)
            and all(_listing_line(line) for _, line in segment.lines)
        ):
            kept[-1].lines.append((segment.start, "- " + segment.heading.lstrip("# ")))
            kept[-1].lines.extend(segment.lines)
        else:
            kept.append(segment)
    return kept


def _listing_line(line: str) -> bool:
    """A blank line, or a contents list's group heading ('二、表格部分'): short, no sentence, no figure."""
    flat = normalise(_entry(line.lstrip("#-* ")))
    return not flat or (
        len(flat) <= _MAX_TITLE and not _SENTENCE_MARK.search(flat) and not re.search(r"\d", flat)
    )


def _segments_by_headings(numbered: list[tuple[int, str]], listed: dict[str, int]) -> list[_Segment]:
    segments = [_Segment("preamble", 1)]
    seen: set[str] = set()
    in_contents = False  # after the contents' heading, titles only, holding nothing of their own
    for number, line in numbered:
        stripped = _entry(line) if in_contents else line.strip()
        started = _start_of_segment(stripped, number, segments[-1]) or _listed_part(
            stripped, number, listed, seen
        )
        if started:
            started.heading = stripped
            segments.append(started)
            in_contents = started.kind == "toc" or (in_contents and started.kind in ("part", "table"))
        elif _ends_part_title(segments[-1], stripped):
            segments[-1].title += normalise(stripped.lstrip("# "))
        else:
            segments[-1].lines.append((number, line))
            in_contents = in_contents and (segments[-1].kind == "toc" or _listing_line(line))
    return segments


def _entry(line: str) -> str:
    """A contents list's line without the page it gives ('第一部分 部门概况……3', '（一）收支总表 22')."""
    return CONTENTS_PAGE.sub("", line).strip()


def _ends_part_title(segment: _Segment, line: str) -> bool:
    """A part's title wrapped after its unit and year ('第三部分 江苏省高级人民法院2017年度' / '部门预算
    情况说明'): the next line, short, no sentence and no item, ends it. A title so cut names no topic, and
    the part's figures would not be read."""
    flat = normalise(line.lstrip("# "))
    return (
        segment.kind == "part"
        and not any(text.strip() for _, text in segment.lines)
        and bool(_CUT_AT_YEAR.search(segment.title))
        and 0 < len(flat) <= _WRAPPED_TITLE
        and not _SENTENCE_MARK.search(flat)
        and not ENUMERATOR.match(flat)
        and not _is_table_title(line)
    )


def _listed_parts(segments: list[_Segment]) -> dict[str, int]:
    """The parts the contents list numbers '一、…' (not its tables): each title's core → its number."""
    listed: dict[str, int] = {}
    for segment in segments:
        if segment.kind != "toc":
            continue
        for _, line in segment.lines:
            match = _NUMBERED_PART.match(normalise(line).lstrip("-*"))
            if match and not _is_table_title(match.group(2)):
                core = part_core(match.group(2))
                if core:
                    listed[core] = chinese_number(match.group(1)) or 0
    return listed


def _listed_part(line: str, number: int, listed: dict[str, int], seen: set[str]) -> _Segment | None:
    """A heading that ends with a listed part's title, met after the contents listed it (its first
    line, in the contents, is the listing itself)."""
    flat = normalise(line.lstrip("# "))
    if not listed or "\t" in line or len(flat) > _MAX_TITLE or _SENTENCE_MARK.search(flat):
        return None
    core = next((core for core in listed if flat.endswith(core)), None)
    if core is None:
        return None
    if core not in seen:
        seen.add(core)
        return None
    return _Segment("part", number, flat, listed[core])


def _start_of_segment(line: str, number: int, current: _Segment) -> _Segment | None:
    if _TOC.match(line):
        return _Segment("toc", number, "目录")
    if _APPENDIX.match(line):
        return _Segment("appendix", number, line)
    table = _TABLE_TITLE.match(line)
    if table:
        return _Segment("table", number, line.lstrip("# ").strip(), chinese_number(table.group(1)))
    if current.kind != "toc" and _is_table_title(line):  # a title without '表X：', named by the profiles
        return _Segment("table", number, line.lstrip("# ").strip())
    part = _PART.match(line)
    if part and not (current.kind == "toc" and line.startswith(("-", "*"))):
        return _Segment("part", number, part.group(2).strip(), chinese_number(part.group(1)))
    return None


def _unnumbered(title: str) -> str:
    """A title without the table's number before it ('公开01表：收支预算总表': Jiangsu's numbering): its
    colon is no sentence's."""
    number = NUMBERED_TITLE.match(title)
    return title[number.end() :].lstrip("：: ") if number and title[number.end() :].strip("：: ") else title


def _is_table_title(line: str) -> bool:
    """A line on its own that names a table and ends like a title ('## 2025年部门收支预算总表',
    '一般公共预算支出表（按功能科目）', '公开01表：收支预算总表'), not a sentence about one ('……见收支总表。')."""
    flat = _unnumbered(normalise(line.lstrip("# ")))
    if (
        "\t" in line
        or len(flat) > _MAX_TITLE
        or _SENTENCE_MARK.search(flat)
        or line.lstrip().startswith(("-", "*"))
    ):
        return False
    return titled_table(flat) is not None


def _toc(segment: _Segment, source: str) -> list[TocEntry]:
    entries = []
    for number, line in segment.lines:
        stripped = _entry(line)
        table = _TOC_TABLE.match(stripped)
        part = _TOC_PART.match(stripped)
        where = Location(source, line=number, excerpt=line.strip())
        numbered = _NUMBERED_PART.match(normalise(stripped).lstrip("-*"))
        listed_table = _TOC_NUMBERED_TABLE.match(normalise(stripped).lstrip("-*"))
        if table:
            title = table.group(2).strip()
            entries.append(TocEntry(title, where, kind=recognise_table(title)))
        elif part:
            entries.append(TocEntry(part.group(2).strip(), where, part=chinese_number(part.group(1))))
        elif listed_table and _is_table_title(listed_table.group(1)):  # '1. 2024年部门收支预算总表'
            entries.append(
                TocEntry(listed_table.group(1), where, kind=recognise_table(listed_table.group(1)))
            )
        elif numbered and not _is_table_title(numbered.group(2)):  # '一、部门主要职能'
            entries.append(TocEntry(numbered.group(2), where, part=chinese_number(numbered.group(1))))
    return entries


def _part(segment: _Segment, source: str) -> NarrativePart:
    location = Location(source, line=segment.start, table=None)
    part = NarrativePart(segment.number or 0, segment.title, location)
    heading: str | None = None
    for paragraph in _paragraphs(segment.lines, source):
        match = _HEADING.match(paragraph.text)
        if match:
            heading = match.group(1).strip()
            part.headings.append(Heading(heading, paragraph.location))
            continue
        paragraph.heading = heading
        part.paragraphs.append(paragraph)
    return part


def _paragraphs(lines: list[tuple[int, str]], source: str) -> list[Paragraph]:
    """Join what a page break split: a line that does not end a sentence runs on into the next text
    line unless that starts a new item; a tab-row line that starts with empty cells continues the
    row above it (a wrapped cell)."""
    paragraphs: list[Paragraph] = []
    runs_on = False
    for number, line in lines:
        if not line.strip() or line.strip() == PICTURE:
            continue
        where = Location(source, line=number, excerpt=line.strip())
        text = line.strip() if "\t" not in line else line.strip("\n")
        continues_row = line.startswith("\t") and paragraphs and "\t" in paragraphs[-1].text
        continues_sentence = (
            runs_on and not ENUMERATOR.match(text) and not text.startswith("#") and "\t" not in line
        )
        if paragraphs and (continues_row or continues_sentence):
            previous = paragraphs[-1]
            joined = text.strip() if continues_row else text
            previous.starts = (*previous.starts, (len(previous.text), where))
            previous.text += joined
        else:
            paragraphs.append(Paragraph(text, where, starts=((0, where),)))
        runs_on = (
            "\t" not in line
            and not _SENTENCE_END.search(paragraphs[-1].text)
            and not line.startswith("#")
            and not _ENUMERATED_HEADING.match(text)
        )
    return paragraphs


@dataclass
class _Header:
    """A table's header lines as printed, to know one printed again (a converter repeats the header at
    each page break) for a header and not read it as a row nor as another header level."""

    watched: bool = True
    lines: set[tuple[str, ...]] = field(default_factory=set)
    # a line with an amount has been read: the header is over (as read/tables.py splits it)
    ended: bool = False
    repeated: list[Location] = field(default_factory=list)

    def repeats(self, cells: list[str]) -> bool:
        if not self.watched:
            return False
        key = tuple(normalise(cell) for cell in cells if cell.strip())
        if key in self.lines:
            return True
        self.ended = self.ended or any(is_number(cell) for cell in cells[1:])
        if not self.ended:
            self.lines.add(key)
        return False


def _table(segment: _Segment, source: str, filing: Filing, doubted: set[int]) -> Table:
    kind = recognise_table(segment.title)
    unit = Unit.WAN
    unit_seen = False
    unit_name = None
    grid = TableGrid()
    # a performance form is read row by row (read/performance.py): a row may repeat one above it
    header = _Header(watched=kind is not TableKind.PerformanceTargets)
    notes: list[str] = []
    unsplit: list[Location] = []  # lines of figures that are no row of cells: a form of row not known
    pictures: list[Location] = []  # pictures under the title: the table may be printed as one
    for number, line in segment.lines:
        stripped = line.strip()
        if not stripped:
            continue
        if "\t" in line:
            cells = line.split("\t")
            if header.repeats(cells):
                header.repeated.append(Location(source, line=number, table=segment.title))
            else:
                grid.rows.append(GridRow(number, cells, excerpt=stripped))
        elif UNIT_LINE.match(flat := normalise(stripped)) or _UNIT_NAME.match(stripped):
            # a unit line, a filer line, or both on one line ('编制部门：某局　　单位：元')
            if found := UNIT_STATED.search(flat):
                unit, unit_seen = Unit.from_text(found.group(1)) or unit, True
            if named := _UNIT_NAME.match(without_unit(flat)):
                unit_name = named.group(1).strip()
        elif stripped == PICTURE:
            pictures.append(Location(source, line=number, table=segment.title, excerpt=stripped))
        else:
            notes.append(stripped)
            if _FIGURE_IN_LINE.search(stripped) and not is_note(flat):
                unsplit.append(Location(source, line=number, table=segment.title, excerpt=stripped))
    location = Location(source, line=segment.start, table=segment.title, excerpt=segment.title)
    table = Table(kind, segment.title, segment.number, unit, location, notes=notes, unit_name=unit_name)
    if unsplit:
        _rows_not_split(filing, table, unsplit)
    if pictures and not any(_FIGURE_IN_LINE.search(row.excerpt or "") for row in grid.rows):
        _printed_as_picture(filing, table, pictures)
    if header.repeated:
        filing.diagnostics.append(
            Diagnostic(
                "info",
                f"{segment.title}: 表头行重复出现（分页时重印），已略过 {len(header.repeated)} "
                f"repeated header line(s) (reprinted at a page break) skipped",
                tuple(header.repeated),
            )
        )
    if is_project_form(segment.title):
        return _project_form(table, grid, filing)
    if kind is None:
        filing.diagnostics.append(
            Diagnostic(
                "warning",
                f"未识别的表格 unknown table: “{segment.title}”; its figures are not checked",
                (location,),
            )
        )
        filing.unread.append(location)
        return table
    if not unit_seen:  # the header may name it ('金额（元）'), else 万元, in doubt
        table.unit = header_unit(header_cells(grid)) or unstated_unit(table)
    reading = build_table(table, grid, unit_names(filing.unit, unit_name))
    if any(row.line in doubted for row in grid.rows):
        table.doubts.append(Doubt(_MALFORMED))
    filing.diagnostics.extend(reading.diagnostics)
    filing.indicators.extend(reading.indicators)
    return table


def _project_form(table: Table, grid: TableGrid, filing: Filing) -> Table:
    """One project's performance form: its indicators are read, its amounts not, as the PDF reader
    reads it (read/pdf_tables.py)."""
    table.kind = None
    filing.indicators.extend(project_indicators(grid.rows, table))
    figures = sum(is_number(cell) for row in grid.rows for cell in row.cells)
    message = f"{table.title}: {unread(figures, *PROJECT_FORMS_NOT_READ)}"
    filing.diagnostics.append(Diagnostic("warning", message, (table.location,)))
    return table


def _printed_as_picture(filing: Filing, table: Table, pictures: list[Location]) -> None:
    """A table whose title stands over a picture and no row of figures: printed as a picture (many web
    pages paste the tables so). It is not read, and not taken for an empty table."""
    table.doubts.append(Doubt("表格为图片，未读取 the table is printed as a picture: not read"))
    filing.unread.extend(pictures)
    filing.diagnostics.append(
        Diagnostic(
            "warning",
            f"{table.title}: 表格为图片，其数字未读取、未检查 the table is printed as a picture: its figures "
            "are not read, not checked",
            tuple(pictures),
        )
    )


def _rows_not_split(filing: Filing, table: Table, lines: list[Location]) -> None:
    """Lines under a table's title that print figures but are no row of cells (tabs, pipes, an HTML
    table): rows in a form this reader does not split (comma-separated values, cells set apart by some
    other mark). What they print is not read: the table is in doubt and they count as unread."""
    table.doubts.append(
        Doubt(f"有{len(lines)}行数字未能分栏读取 {len(lines)} line(s) of figures not split into cells")
    )
    filing.unread.extend(lines)
    filing.diagnostics.append(
        Diagnostic(
            "warning",
            f"{table.title}: {len(lines)} 行含数字的文字未能分栏读取，未检查 {len(lines)} line(s) with figures "
            "could not be split into cells (no tabs, pipes or HTML cells), not checked",
            tuple(lines),
        )
    )
