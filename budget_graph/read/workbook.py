"""Reader for Excel workbooks (xlsx, and the older xls many sites still publish), the form in which
departments fill in their disclosure: one table per sheet.

python-calamine (Rust's calamine, read-only) gives each sheet's cell values and merged ranges. A sheet whose
title rows name a known table (read/layout.py, the layout profiles) is a table: its unit and filer lines,
its header (merged cells re-printed at their left edge, one row per nesting depth, as read/layout.py
nests them) and its data rows go to the shared table builder (read/tables.py). A sheet of paragraphs is a
narrative part, the contents sheet the contents list, a sheet of a few short lines the cover. Every
element keeps its sheet and cell ('表3!D12'). Filing metadata comes from the cover's title and filer line,
else the tables' titles and filer lines. A sheet is a ruled grid: the PDF reader's grid helpers (where a
header ends, 类/款/项 columns joined into one code) serve it as they are.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import reduce
from pathlib import Path
from typing import NoReturn

import python_calamine

from budget_graph.errors import InputError, printable
from budget_graph.limits import XLSX_CELLS, XLSX_SIZE, megabytes
from budget_graph.model import (
    Diagnostic,
    Filing,
    Heading,
    Location,
    NarrativePart,
    Paragraph,
    Table,
    TocEntry,
    Unit,
    is_number,
    prints_nothing,
)
from budget_graph.profiles import lines
from budget_graph.read.claims import stated_claims
from budget_graph.read.grid_rows import GridRow, TableGrid, join_codes
from budget_graph.read.layout import (
    FILING_TITLE,
    UNIT_LINE,
    chinese_number,
    is_note_row,
    is_text_header,
    normalise,
    recognise_table,
)
from budget_graph.read.metadata import Evidence, filing_metadata
from budget_graph.read.pdf_tables import _data_start
from budget_graph.read.source import OLE_FILE, encrypted_office_file, read_bytes, visible
from budget_graph.read.tables import (
    TWO_SIDED,
    build_table,
    header_unit,
    remarks_from,
    unit_names,
    unstated_unit,
)

_YEAR = re.compile(r"(20\d{2})\s*年")
_FILER = re.compile(rf"^(?:{lines().filer_keys})\s*[:：]\s*(.*)$")
_TOC = re.compile(r"^目录$")
# a contents line: '一、部门主要职能 ……', '1. 2026年部门财务收支预算总表 ……' (leader dots and page numbers cut)
_TOC_LINE = re.compile(r"^(?:([一二三四五六七八九十]+)、|\d+\s*[.．、])\s*(.+?)[\s.…·]*\d*$")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[^，,。；;：:！!？?]{1,40}$"
)
_CODE_HEADER = re.compile(r"代码|编码|^[类款项]$")
_SUBCODES = {"款", "项"}  # two digits each: a number typed as 2 under 款 is '02'
_TITLE_LENGTH = 60  # characters: a table's title is one line
_PARAGRAPH = 40  # characters: a cover's lines are shorter, a narrative's paragraphs longer
_SENTENCE = re.compile(r"[，。；,;]")
_BANNER = re.compile(r"^[（(]\d{4}年度?[)）]$")


@dataclass
class _Sheet:
    name: str
    values: list[list[str]]  # formatted cell texts, row by row from A1
    numeric: set[tuple[int, int]]  # cells that held a number, not text
    merged: list[tuple[tuple[int, int], tuple[int, int]]]  # ((top, left), (bottom, right)), 0-based
    role: str = "blank"  # table | contents | part | cover | unknown | blank (see _classify)
    title: str = ""
    title_at: tuple[int, int] = (0, 0)
    header_start: int = 0  # first row below the title and the unit and filer lines
    unit: Unit | None = None
    filer: str | None = None
    notes: list[str] = field(default_factory=list)

    def place(self, row: int, col: int) -> str:
        return cell_name(self.name, row, col)

    def filled(self, row: int) -> list[tuple[int, str]]:
        return [(c, text) for c, text in enumerate(self.values[row]) if text.strip()]

    def words(self, r: int) -> list[str]:
        """Row r's texts, normalised, a filer key and the name in the cell after it as one."""
        return _key_and_name_joined([normalise(text) for _, text in self.filled(r)])

    def texts(self) -> list[tuple[int, int, str]]:
        return [(r, c, text) for r in range(len(self.values)) for c, text in self.filled(r)]


def cell_name(sheet: str, row: int, col: int) -> str:
    """'表3!D12' as a spreadsheet writes it (0-based row and column in); a sheet name with spaces or
    punctuation in quotes, "'部门 收入总表'!D12"."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    name = sheet if re.fullmatch(r"[\w.]+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{letters}{row + 1}"


def read_workbook(path: Path) -> Filing:
    source = printable(str(path))  # the name as reports write it
    sheets = _open(path, source)
    for sheet in sheets:
        _classify(sheet)
    if not any(sheet.role in {"table", "part"} for sheet in sheets):
        raise InputError(
            f"不是预决算公开文件：工作簿中没有预决算表格或说明 not a budget filing (no budget table, no "
            f"narrative in the workbook): {source}"
        )
    filing = _filing(sheets, source)
    names = unit_names(filing.unit, *(sheet.filer for sheet in sheets))
    filing.toc = next((_toc(sheet, source) for sheet in sheets if sheet.role == "contents"), [])
    number, previous = 0, ""
    for sheet in sheets:
        # parts take their number from the contents list, else their order, the run of table sheets
        # taking one number (五、部门预算表)
        if sheet.role == "part" or (sheet.role == "table" and previous != "table"):
            number = _listed_number(sheet, filing.toc) or number + 1
        if sheet.role == "table":
            filing.tables.append(_table(sheet, len(filing.tables) + 1, filing, names, source))
        elif sheet.role == "part":
            filing.parts.append(_part(sheet, number, source))
        elif sheet.role == "unknown":
            _unknown(sheet, filing, source)
        previous = sheet.role if sheet.role != "blank" else previous
    filing.claims.extend(stated_claims(filing))
    return filing


# --- opening the workbook ----------------------------------------------------------------------------------


def _open(path: Path, source: str) -> list[_Sheet]:
    """The visible worksheets; one clear error for a file that is no readable workbook. The format is
    told by the bytes, not the name: sites serve .xls files named .xlsx and the other way round."""
    data = read_bytes(path, XLSX_SIZE)
    if not data.startswith(OLE_FILE):
        _check_zip(data, source)
    return _in_child(data, source) if hasattr(os, "fork") else _calamine_sheets(data, source)


def _in_child(data: bytes, source: str) -> list[_Sheet]:
    """calamine's reading, in a forked process. Its .xls parser panics on some damaged files and, on
    others, asks for petabytes and aborts the process (found by fuzzing): the child's death is a damaged
    file, not a dead command. The sheets, or the error that refuses the file, come back pickled."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(data, source, write_end)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        payload = answer.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        raise _damaged(source)
    outcome = pickle.loads(payload)
    if isinstance(outcome, InputError):
        raise outcome
    return outcome


def _child(data: bytes, source: str, write_end: int) -> NoReturn:
    """The child's whole life: it never returns into the caller's code, whatever happens."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # Rust's panic message: the parent says one line
        try:
            outcome: list[_Sheet] | InputError = _calamine_sheets(data, source)
        except InputError as error:
            outcome = error
        with os.fdopen(write_end, "wb") as answer:
            pickle.dump(outcome, answer)
    except BaseException:
        os._exit(1)
    os._exit(0)


def _calamine_sheets(data: bytes, source: str) -> list[_Sheet]:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [
            _sheet(book, meta.name, source)
            for meta in book.sheets_metadata
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
            and meta.visible == python_calamine.SheetVisibleEnum.Visible
        ]
    except python_calamine.PasswordError as error:
        raise _encrypted(source) from error
    except (python_calamine.CalamineError, ValueError) as error:
        raise (_encrypted if _is_encrypted(data) else _damaged)(source) from error
    except BaseException as error:
        if not _panicked(error):
            raise
        raise _damaged(source) from error


def _panicked(error: BaseException) -> bool:
    """calamine's Rust code panicking on a damaged file (an .xls's OLE directory cut short) reaches Python
    as pyo3's PanicException: a BaseException, and not importable by name."""
    return type(error).__name__ == "PanicException"


def _is_encrypted(data: bytes) -> bool:
    """An OLE file calamine could not read: an encrypted xlsx (its EncryptedPackage stream), or an .xls
    with a password. Read from memory, calamine tells neither from a damaged file; read from a file named
    .xls, it says the password."""
    if not data.startswith(OLE_FILE):
        return False
    if encrypted_office_file(data):
        return True
    with tempfile.NamedTemporaryFile(suffix=".xls") as copy:
        copy.write(data)
        copy.flush()
        try:
            python_calamine.CalamineWorkbook.from_path(copy.name)
        except python_calamine.PasswordError:
            return True
        except (python_calamine.CalamineError, ValueError):
            return False
        except BaseException as error:
            if not _panicked(error):
                raise
            return False
    return False


def _check_zip(data: bytes, source: str) -> None:
    """An xlsx is a zip: refused unzipped too large (by its declared sizes, before unzipping: a zip bomb)
    or with a sheet too large to allocate. An .xls needs no such check: its format bounds a sheet at
    65,536 × 256 cells, which calamine allocates (about 1 GB) before _sheet refuses the sheet."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
            if unzipped > XLSX_SIZE.bytes():
                raise XLSX_SIZE.exceeded(
                    f"XLSX 解压后过大 the XLSX unzips too large: {source}", megabytes(unzipped)
                )
            _check_extents(archive, source)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise _damaged(source) from error


# a cell holding a value (calamine leaves out cells that only carry a style), and its place
_FILLED_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>(?=\s*<(?:\w+:)?(?:v|is|f)\b)')


def _check_extents(archive: zipfile.ZipFile, source: str) -> None:
    """Each worksheet's rows × columns up to its farthest filled cell, from its XML, within the cell
    limit: calamine allocates the whole range before a sheet can be measured, and one value at
    XFD1048576 made it ask for 500 GB and abort the process."""
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            places = _FILLED_CELL.findall(archive.read(name))
            rows = max((int(row) for _, row in places), default=0)
            columns = max(
                (reduce(lambda n, c: n * 26 + c - 64, letters, 0) for letters, _ in places), default=0
            )
            if rows * columns > XLSX_CELLS.value():
                sheet = name.rsplit("/", 1)[-1]
                raise XLSX_CELLS.exceeded(
                    f"工作表过大 a sheet is too large: {sheet} in {source}", f"{rows * columns} 格 cells"
                )


def _damaged(source: str) -> InputError:
    return InputError(
        f"不是可读取的 Excel 工作簿（xlsx 或 xls；损坏或截断） not a readable Excel workbook (xlsx or xls; "
        f"damaged or truncated): {source}"
    )


def _encrypted(source: str) -> InputError:
    return InputError(f"工作簿已加密 the workbook is encrypted (password-protected): {source}")


def _sheet(book: python_calamine.CalamineWorkbook, name: str, source: str) -> _Sheet:
    sheet = book.get_sheet_by_name(name)
    bottom, right = sheet.end or (-1, -1)  # the last cell with a value
    if (bottom + 1) * (right + 1) > XLSX_CELLS.value():
        raise XLSX_CELLS.exceeded(
            f"工作表过大 a sheet is too large: {name} in {source}", f"{(bottom + 1) * (right + 1)} 格 cells"
        )
    values: list[list[str]] = []
    numeric: set[tuple[int, int]] = set()
    for r, row in enumerate(sheet.to_python(skip_empty_area=False)):
        values.append([_text(value) for value in row])
        numeric.update((r, c) for c, value in enumerate(row) if _is_figure(value))
    return _Sheet(name, values, numeric, list(sheet.merged_cell_ranges or []))


def _is_figure(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: object) -> str:
    """A cell's value as the printed text."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A cell holds a binary double, not the figure as typed: 0.1 + 0.2 computed in the sheet is
        # 0.30000000000000004. Amounts are printed to the fen (2 decimals), rates to at most 4: rounding to
        # 4 decimals drops the noise and keeps every decimal a filing prints. Trailing zeros go (the cell's
        # display format is not read), so 12.0 reads '12' and 12.5 '12.5', never an invented '12.50'.
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        return "0" if text in {"-0", ""} else text
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return visible(str(value)).strip()  # text pasted from a web page brings its zero-width spaces


# --- what each sheet is ------------------------------------------------------------------------------------


def _classify(sheet: _Sheet) -> None:
    """A sheet's role: a table when its title rows name a known table (else its name does and it holds a
    grid); the contents list; a narrative part when it holds a paragraph; a cover when it prints the
    filing's title; an unknown table when it holds figures."""
    texts = sheet.texts()
    if not texts:
        return
    if _table_title(sheet):
        sheet.role = "table"
        _table_lines(sheet)
    elif _TOC.match(normalise(texts[0][2])):
        sheet.role = "contents"
    elif any(_is_body(text) for _, _, text in texts[1:]):
        sheet.role = "part"
    elif any(FILING_TITLE.search(normalise(text)) for _, _, text in texts):
        sheet.role = "cover"
    elif sheet.numeric or any(is_number(text) for _, _, text in texts):
        sheet.role = "unknown"


def _is_body(text: str) -> bool:
    """A narrative's text, not a cover's line (its title, filer line or date)."""
    flat = normalise(text)
    return not _FILER.match(flat) and (len(flat) > _PARAGRAPH or bool(_SENTENCE.search(flat)))


def _table_title(sheet: _Sheet) -> bool:
    """A sheet holding a grid (a row of several cells) is a table when a title row above the grid (a row
    of one short cell) names a known table, else when the sheet's name does."""
    grid = next((r for r in range(len(sheet.values)) if len(sheet.filled(r)) > 1), None)
    if grid is None:
        return False
    for r in range(grid):
        filled = sheet.filled(r)
        text = " ".join(filled[0][1].split()) if filled else ""
        if len(text) <= _TITLE_LENGTH and "。" not in text and recognise_table(text):
            sheet.title, sheet.title_at, sheet.header_start = text, (r, filled[0][0]), r + 1
            return True
    if recognise_table(sheet.name):
        sheet.title, sheet.title_at, sheet.header_start = sheet.name.strip(), (0, 0), 0
        return True
    return False


def _table_lines(sheet: _Sheet) -> None:
    """The unit and filer lines (and a year banner) between the title and the header."""
    for r in range(sheet.header_start, len(sheet.values)):
        words = sheet.words(r)
        if not words:
            continue
        if not all(UNIT_LINE.match(normalise(w)) or _FILER.match(w) or _BANNER.match(w) for w in words):
            sheet.header_start = r
            return
        for word in words:
            if unit := UNIT_LINE.match(normalise(word)):
                sheet.unit = Unit.from_text(unit.group(1))
            elif filer := _FILER.match(word):
                sheet.filer = filer.group(1) or sheet.filer
            else:
                sheet.notes.append(word)
    sheet.header_start = len(sheet.values)


def _key_and_name_joined(words: list[str]) -> list[str]:
    """A filer key in a cell of its own, the name typed in the next ('编制部门：' | '上海市XX局'), as one."""
    joined: list[str] = []
    for word in words:
        key = _FILER.match(joined[-1]) if joined else None
        if (
            key
            and not key.group(1)
            and not (UNIT_LINE.match(normalise(word)) or _FILER.match(word) or _BANNER.match(word))
        ):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


# --- the filing's metadata ---------------------------------------------------------------------------------


def _filing(sheets: list[_Sheet], source: str) -> Filing:
    """Unit, year, kind and level: from the cover's title and filer line, else the tables' titles and
    filer lines (read/metadata.py weighs them as for every reader)."""
    titles = [normalise(s.title) for s in sheets if s.role == "table"]
    evidence = Evidence(
        cover=[
            word for s in sheets if s.role == "cover" for r in range(len(s.values)) for word in s.words(r)
        ],
        lines=[],
        titles=titles,
        filers=[s.filer for s in sheets if s.filer],
        notes=[],
        stem=Path(source).stem,
    )
    return filing_metadata(evidence, _FILER, source).filing(source)


# --- a table sheet -----------------------------------------------------------------------------------------


def _table(sheet: _Sheet, number: int, filing: Filing, names: set[str], source: str) -> Table:
    kind = recognise_table(sheet.title)
    location = Location(source, table=sheet.title, cell=sheet.place(*sheet.title_at))
    table = Table(
        kind,
        sheet.title,
        number,
        sheet.unit or Unit.WAN,
        location,
        notes=list(sheet.notes),
        unit_name=sheet.filer,
    )
    width = max((len(cells) for cells in sheet.values), default=0)
    rows = [(r, _padded(sheet.values[r], width)) for r in range(sheet.header_start, len(sheet.values))]
    rows = [(r, cells) for r, cells in rows if any(c.strip() for c in cells)]
    start = _data_start([cells for _, cells in rows])
    header, data = rows[:start], rows[start:]
    if sheet.unit is None:  # the header may name it ('金额（元）'), else 万元, in doubt
        table.unit = header_unit(cells for _, cells in header) or unstated_unit(table)
    table.notes.extend(text for _, cells in data if is_note_row(cells) for text in cells if text.strip())
    data = [(r, cells) for r, cells in data if not is_note_row(cells)]
    _pad_subcodes(sheet, header, data)
    # 类/款/项 columns → one code in the first of them (the cells are joined in place; a sheet has no boxes)
    join_codes([cells for _, cells in header], [(cells, [None] * width) for _, cells in data])
    tree = _header_by_depth(sheet, header, width)
    if kind in TWO_SIDED:  # each side is [label, amounts …]; read/tables.py finds the sides
        grid = [GridRow(None, cells) for cells in tree]
        amounts_from = 1
    else:  # the label columns' captions name no amount: the header is cut to the amount columns
        amounts_from = _amounts_from(header, data)
        grid = [GridRow(None, cells[amounts_from:]) for cells in tree]
    grid += [
        GridRow(None, cells, amounts_from=amounts_from, places=[sheet.place(r, c) for c in range(width)])
        for r, cells in data
    ]
    reading = build_table(table, TableGrid(grid), names)
    filing.diagnostics.extend(reading.diagnostics)
    filing.indicators.extend(reading.indicators)
    return table


def _padded(cells: list[str], width: int) -> list[str]:
    return [*cells, *[""] * (width - len(cells))]


def _pad_subcodes(
    sheet: _Sheet, header: list[tuple[int, list[str]]], data: list[tuple[int, list[str]]]
) -> None:
    """款 and 项 are two digits each: typed as a number (2 shown as '02' by the cell's format) they read '2'."""
    columns = {c for _, cells in header for c, text in enumerate(cells) if normalise(text) in _SUBCODES}
    for r, cells in data:
        for c in columns:
            if (r, c) in sheet.numeric and len(cells[c]) == 1:
                cells[c] = cells[c].zfill(2)


def _amounts_from(header: list[tuple[int, list[str]]], data: list[tuple[int, list[str]]]) -> int:
    """The first amount column: after every column captioned as a code or a name, or holding words
    (not remarks printed after the figures: read/tables.py keeps them as the rows' text)."""
    text = {
        c
        for _, cells in header
        for c, caption in enumerate(cells)
        if caption.strip() and (_CODE_HEADER.search(normalise(caption)) or is_text_header(caption))
    }
    text |= {
        c
        for _, cells in data
        for c, cell in enumerate(cells)
        if not prints_nothing(cell) and not is_number(cell)
    }
    remarks = remarks_from([cells for _, cells in header])
    text = {c for c in text if remarks is None or c < remarks}
    return max(text) + 1 if text else 0


def _header_by_depth(sheet: _Sheet, header: list[tuple[int, list[str]]], width: int) -> list[list[str]]:
    """The header one row per nesting depth, each label at its left edge, when the sheet merges its
    header cells: a label's parent is the nearest label above its first column, looking through merged
    cells (公务用车购置及运行费 over 小计/购置费/运行费; a label merged down beside them is no parent of
    theirs). Without merged cells the rows go as they are: read/layout.py nests labels by their left edge."""
    rows = {r: cells for r, cells in header}
    first, last = min(rows, default=0), max(rows, default=-1)
    # a merged range counts only where it covers the header: a damaged file's may reach past the sheet
    owner = {
        (r, c): (top, left)
        for (top, left), (bottom, right) in sheet.merged
        for r in range(max(top, first), min(bottom, last) + 1)
        for c in range(left, min(right + 1, width))
        if r in rows
    }
    if not owner:
        return [cells for _, cells in header]
    depth: dict[tuple[int, int], int] = {}
    by_depth: dict[int, list[str]] = {}
    for r, cells in header:
        for c, text in enumerate(cells):
            if not text.strip():
                continue
            parent = _label_above(rows, owner, r, c)
            depth[(r, c)] = depth[parent] + 1 if parent in depth else 0
            by_depth.setdefault(depth[(r, c)], [""] * width)[c] = text
    return [by_depth[level] for level in sorted(by_depth)]


def _label_above(
    rows: dict[int, list[str]], owner: dict[tuple[int, int], tuple[int, int]], r: int, c: int
) -> tuple[int, int] | None:
    above, first = r - 1, min(rows)
    while above >= first:
        top, left = owner.get((above, c), (above, c))
        if top in rows and rows[top][left].strip():
            return top, left
        above = top - 1
    return None


# --- narrative, contents, unknown sheets -------------------------------------------------------------------


def _part(sheet: _Sheet, number: int, source: str) -> NarrativePart:
    """A narrative sheet: its first cell the title, each line of the other cells a paragraph or heading."""
    (title_row, title_col, title), *cells = sheet.texts()
    part = NarrativePart(
        number, " ".join(title.split()), Location(source, cell=sheet.place(title_row, title_col))
    )
    heading: str | None = None
    for r, c, text in cells:
        where = Location(source, cell=sheet.place(r, c))
        for line in (line.strip() for line in text.split("\n")):
            if not line:
                continue
            if _HEADING.match(line):
                heading = line
                part.headings.append(Heading(line, where))
            else:
                part.paragraphs.append(Paragraph(line, where, heading=heading, starts=((0, where),)))
    return part


def _listed_number(sheet: _Sheet, toc: list[TocEntry]) -> int | None:
    """The number the contents list gives a narrative sheet: its entry's words ('部门主要职能' less 部门/单位)
    stand in the sheet's title ('XX（部门）主要职能')."""
    title = normalise(sheet.texts()[0][2]) if sheet.role == "part" else ""
    for entry in toc:
        words = re.sub(r"^(部门|单位)", "", normalise(entry.title))
        if entry.part is not None and words and words in title:
            return entry.part
    return None


def _toc(sheet: _Sheet, source: str) -> list[TocEntry]:
    entries = []
    for r, c, text in sheet.texts():
        where = Location(source, cell=sheet.place(r, c))
        for line in (normalise(line) for line in text.split("\n")):
            match = _TOC_LINE.match(line)
            if not match:
                continue
            numeral, title = match.groups()
            if numeral:
                entries.append(TocEntry(title, where, part=chinese_number(numeral)))
            else:
                entries.append(TocEntry(title, where, kind=recognise_table(title)))
    return entries


def _unknown(sheet: _Sheet, filing: Filing, source: str) -> None:
    """A sheet of figures that names no known table: said so, and kept as a place a missing table may be."""
    location = Location(source, table=sheet.name, cell=sheet.place(0, 0))
    count = sum(is_number(text) for _, _, text in sheet.texts())
    filing.diagnostics.append(
        Diagnostic(
            "warning",
            f"未识别的工作表“{sheet.name}”：{count} 个数字未读取、未检查 unknown sheet “{sheet.name}”: "
            f"{count} figure(s) not read, not checked",
            (location,),
        )
    )
    filing.unread.append(location)
