"""From a grid of cells (any reader's) to a Table: header rows, data rows, codes, labels, roles.

A reader hands over the table's rows as cells with their line or page; this module finds where the
header ends, places the amount columns by meaning (layout.place_columns) and reads each row. What it
cannot place for certain becomes a diagnostic, never a guessed figure.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from budget_graph.model import (
    Diagnostic,
    Doubt,
    Filing,
    Indicator,
    Location,
    Row,
    RowRole,
    Table,
    TableKind,
    Unit,
    garbled_amount,
    is_number,
    parse_amount,
    printed_as_figure,
    prints_nothing,
)
from budget_graph.model.amounts import NUMERAL_DIGITS, NUMERAL_UNITS
from budget_graph.profiles import column_meaning, lines
from budget_graph.read.grid_rows import (
    GridRow,
    TableGrid,
    fold_second_breakdown,
    halves_at,
    items_as_columns,
    join_codes,
    label_columns,
    numbers_columns,
    stacked_parts,
)
from budget_graph.read.layout import (
    ENUMERATOR,
    REMARKS_CAPTION,
    YEAR_IN,
    Placement,
    is_text_header,
    normalise,
    place_columns,
)
from budget_graph.read.performance import read_performance_targets

# What a code cell looks like; whether its length is a valid one is for the checks (BG-K010) to say.
CODE = re.compile(r"^(\d{3,9}|[ABC]\d{0,8})$")
_CODE_ONLY = re.compile(r"^\d{1,7}$")
_CODE_START = re.compile(r"^[0-9]{3}")
_DIGITS = re.compile(r"^[0-9]{3,}$")
# a procurement category and its letter ('一、货物A')
_CATEGORY = re.compile(r"^(?:[一二三四五六七八九十]+、)?(货物|工程|服务)([ABC])$")
_GROUPED_DIGITS = re.compile(r"[0-9][\u00a0\u2007\u2009\u202f]+[0-9]")  # '1\xa0234': a figure's grouping
_HAN = re.compile(r"[\u3400-\u9fff]")
_NAME_CHARACTER = re.compile(rf"(?![{NUMERAL_DIGITS}{NUMERAL_UNITS}])[\u3400-\u9fff]")  # no numeral
_LABEL_TAIL = re.compile(r"(?<=[\u3400-\u9fff])[^\u3400-\u9fff（(]+$")  # what follows a name's last Chinese
_ITEM_NUMBER = re.compile(r"^[(（]?\d{1,2}[)）.、]?$")  # '1', '(2)', '3.': a row's number, not its code
# digits run through a separator at a name's end, a point or comma with no digit ('.', '-.', '.-', ','),
# or a figure in brackets (an accountant's negative): a figure read as words, not the end of a name (no
# table prints a point for "nothing here", as it prints a dash)
_FIGURE_AT_END = re.compile(
    r"\d[\d,，]*[.,，．][\d,，.．]*$|(?<![\d.．,])(?:[-−–]?[.．,]|[.．,][-−–])$"
    r"|[(（](?:\d{3,}|\d[\d,，]*[.,，．][\d,，.．]*)[)）]$"  # '(1,234.00)', '(123)': not an item's '(2)'
    # three digits or more right after a name's last character ('补助1\xa0234' folded to '补助1234'): no
    # figure of a column prints so, and no name ends so
    r"|(?<=[\u3400-\u9fff])\d{3,}$"
    # a figure with its unit run on to a name ('一般公共服务支出12万'): a cell's figure printed with a unit
    r"|(?<=[\u3400-\u9fff])\d[\d,，.．]*\s*(?:万元|亿元|万|亿|元)$"
    # a number in Chinese numerals after a name ('基本工资一百'): no name ends in hundreds or thousands
    rf"|(?<=[\u3400-\u9fff])[{NUMERAL_DIGITS}]*[{NUMERAL_UNITS}][{NUMERAL_DIGITS}{NUMERAL_UNITS}]*$"
)
# a figure run on to the start of the next name (its cell's column nearest that name's): digits run
# through a separator ('1,234当年支出小计'), or a run of digits no code or year is ('1\xa0234' folded to
# '1234'; 3, 5 and 7 digits are a code's, split off, and '2024年' a year's) before a Chinese character
_FIGURE_AT_START = re.compile(
    r"^\d[\d,，]*[.．,，]\d+[\d.．,，]*(?=[\u3400-\u9fff])|^(?:\d{4}|\d{6}|\d{8,})(?=[\u3400-\u9fff])(?![年月日万亿元])"
)
# a row of rates of change under the years' rows of a 三公 table: '增减变化率', '比上年增减（%）'
_RATE_ROW = re.compile(
    r"^.{0,6}(增减|增长|变化|变动|同比|比上年).{0,4}(率|比例|幅度|百分比|[(（]?[%％][)）]?)$"
)
_A_RATE = re.compile(r"^[-−+]?[\d,.]+\s*[%％]$")  # '12%': a row's figure, never a header's caption
# a subject's code, or a procurement item's (a letter and digits, or its category's letter alone before
# the category's name: 'B工程'), run on to its name
_CODE_AND_NAME = re.compile(
    r"^(\d{3}|\d{5}|\d{7}|[ABC]\d{2,8}|[ABC](?=\s*(?:货物|工程|服务)))\s*([\u4e00-\u9fff].*)$"
)
_CODE_AS_NAME = "科目名称栏读到编码数字，编码各列可能错位 a code's digits stand in the name column: the code columns may be misread"
_CODED_TOTAL = (
    "合计行读到科目编码，编码与行可能错位 a total's row carries a code: codes and rows may be misread"
)
_TOTAL = lines().total_row
_PERIOD = lines().period_row
TWO_SIDED = {TableKind.IncomeExpenditureSummary, TableKind.AppropriationSummary}


@dataclass
class Reading:
    """What reading a table gives besides the table itself."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


def build_table(table: Table, grid: TableGrid, unit_names: set[str]) -> Reading:
    """Fill `table.columns` and `table.rows` from the grid."""
    rows = [row for row in grid.rows if not numbers_columns(row.cells)]
    if not rows:
        return Reading()
    if table.kind is TableKind.PerformanceTargets:
        reading = Reading(indicators=read_performance_targets(table, rows))
        _doubt_unread_amounts(table)
        return reading
    header, data = _without_row_numbers(*_split_header(rows), two_sided=table.kind in TWO_SIDED)
    header, data = _halves_stacked(header, data, named=table.kind not in TWO_SIDED)
    if table.kind is TableKind.ThreePublicExpenses:
        header, data = _phases_as_rows(header, data)
    # 类/款/项 columns of a text's rows (a reader that places the amounts has joined its own)
    text_rows = [row for row in data if row.amounts_from is None]
    join_codes([row.cells for row in header], [(row.cells, [None] * len(row.cells)) for row in text_rows])
    _category_codes([row.cells for row in data])
    if not data and (garbled := _garbled_figures(header)):
        # no row carries a figure, so every row was taken for the header: the table is not empty, unread
        table.doubts.append(
            Doubt(
                f"有似数字而读不出的内容，本表数字均未读取 figure-like cells that read as no figure: {garbled}"
            )
        )
    if table.kind in TWO_SIDED and header:
        reading = Reading(_two_sided(table, header, data))
    else:
        reading = Reading(_one_sided(table, header, data, unit_names, grid.aligned))
        _units_by_code(table, [*(c for row in header for c in row.cells), *grid.label_captions])
        _codes_out_of_names(table)
        if any(row.code and _CODE_ONLY.match(row.label) for row in table.rows):
            # a part of a code ('05' under 款) stands where the name belongs: the code columns were misplaced
            table.doubts.append(Doubt(_CODE_AS_NAME))
        if any(row.code and _TOTAL.match(row.label) for row in table.rows):
            # no classification item is a total: the code of the row under it went up to the total's row
            table.doubts.append(Doubt(_CODED_TOTAL))
    _doubt_unread_amounts(table)
    return reading


def _category_codes(rows: list[list[str]]) -> None:
    """Procurement categories printed as words with their letter ('一、货物A', a cell of a PDF, a
    workbook or a web page alike): the letter is the code, the word the name beside it."""
    for cells in rows:
        for index, text in enumerate(cells):
            match = _CATEGORY.match(normalise(text))
            if match:
                cells[index] = match.group(2)
                if index + 1 < len(cells) and not cells[index + 1]:
                    cells[index + 1] = match.group(1)


def _doubt_unread_amounts(table: Table) -> None:
    """An amount cell that holds no figure and is no blank or dash ('1,2,3', '+5', '.': a garbled
    figure) is not guessed: the line then counts as printing nothing there, so the table is in doubt and
    no error rests on it (a line of the table seemed missing, or a total short of its parts)."""
    unread = [
        f"{row.label} {cell.text}"
        for row in table.rows
        for cell in row.cells.values()
        if cell.amount is None and not prints_nothing(cell.text.strip())
    ]
    # where the columns were placed by position (laid-out text, an unruled PDF), a garbled figure is no
    # number and joins the words before it: '住房改革支出1,2,3', '住房改革支出.', its amount cell left blank
    unread += [
        row.label
        for row in table.rows
        if _FIGURE_AT_END.search(row.label) or _garbled_tail(row.label) or _FIGURE_AT_START.match(row.label)
    ]
    if unread:
        table.doubts.append(
            Doubt(
                f"金额栏中有不能读作数字的内容 amount cells that read as no figure: {'；'.join(unread[:3])}"
            )
        )


def _garbled_tail(label: str) -> bool:
    """Does the name end in letters, digits or signs no Chinese name ends in ('工资福利支出NaN', '支出½',
    '工会经费∞'): a garbled figure read as words (a bracket's note, '（PPP）', and a mark, '其他支出*',
    are the name's own)?"""
    tail = _LABEL_TAIL.search(label.strip())
    return (
        bool(tail)
        and any(not unicodedata.category(c).startswith(("P", "Z")) for c in tail.group())
        and garbled_amount(tail.group().strip())
    )


def _codes_out_of_names(table: Table) -> None:
    """In a table of coded lines, a name that opens with a code ('204公共安全支出': a code printed in the
    names' column, right-aligned against it) is the code and the name. So is a row read as a unit's (its
    name across the code columns): no unit's name opens with a code, but a code run on to its name does
    when the columns were placed by the words' positions (a page of one row). A table with no code
    column is one of coded lines when its names open with codes of a tree, one inside another
    ('201一般公共服务支出' over '20101人大事务': one column of 科目, or its code column's rule not read)."""
    named = [
        (row, match)
        for row in table.rows
        if row.code is None
        and row.role in (RowRole.ITEM, RowRole.UNIT)
        and (match := _CODE_AND_NAME.match(row.label))
    ]
    if not any(row.code for row in table.rows) and not _a_tree({m.group(1) for _, m in named}):
        return
    for row, match in named:
        row.code, row.label, row.role = match.group(1), match.group(2), RowRole.ITEM
        row.location = replace(row.location, row=f"{row.code} {row.label}")


_UNIT_CODE_CAPTION = re.compile(r"^(预算)?(单位|部门)(编码|代码)$")
_SUBJECT_CODE_CAPTION = re.compile(r"科目|功能|经济分类|品目")


def _units_by_code(table: Table, header: list[str]) -> None:
    """A table listing units by their codes (单位编码 | 单位名称, as many provinces print the 收入总表):
    each coded row is a unit's, its code no classification's ('301001'). Not where the header also
    captions a classification's codes: which code a row's is, is not sure."""
    captions = [normalise(cell) for cell in header if cell.strip()]
    if not any(map(_UNIT_CODE_CAPTION.match, captions)) or any(map(_SUBJECT_CODE_CAPTION.search, captions)):
        return
    for row in table.rows:
        if row.code and row.code.isdigit():
            row.code, row.role = None, RowRole.UNIT


def _a_tree(codes: set[str]) -> bool:
    """Does one of the codes head another (a 类 over its 款, a 款 over its 项; a procurement category's
    letter over its items)?"""
    return any(code[:cut] in codes for code in codes for cut in (1, 3, 5) if cut < len(code))


def _garbled_figures(rows: list[GridRow]) -> str:
    """Cells after a row's first that print a figure among other signs or words ('¥3.25', '12.5-',
    '1,234.00万'): no caption prints a figure with decimals or thousands separators."""
    cells = [c for row in rows for c in row.cells[1:] if _FIGURE_INSIDE.search(normalise(c))]
    return "；".join(cells[:3])


_FIGURE_INSIDE = re.compile(r"\d\.\d|\d,\d{3}")
# a figure printed with its unit ('1,234.00万'): no figure to the readers, and no name either
_FIGURE_AND_UNIT = re.compile(r"^[-−]?[\d,]*\d(\.\d+)?(万元|万|元|亿元)$")


_ROW_NUMBER_CAPTION = re.compile(r"^(?:行次|行号)$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")


def _without_row_numbers(
    header: list[GridRow], data: list[GridRow], two_sided: bool
) -> tuple[list[GridRow], list[GridRow]]:
    """A column of row numbers ('行次', a 决算 form's: 1, 2, 3 … down the rows) holds no figures: it is
    left out, each side's in a two-sided table."""
    width = max((len(row.cells) for row in (*header, *data)), default=0)
    numbered = [
        k
        for k in range(width)
        if any(k < len(row.cells) and _ROW_NUMBER_CAPTION.match(normalise(row.cells[k])) for row in header)
        and all(k >= len(row.cells) or _ROW_NUMBER.match(row.cells[k].strip() or "0") for row in data)
    ]
    if not numbered:
        return header, data
    return [_drop(row, numbered, two_sided) for row in header], [
        _drop(row, numbered, two_sided) for row in data
    ]


def _drop(row: GridRow, columns: list[int], two_sided: bool) -> GridRow:
    keep = [k for k in range(len(row.cells)) if k not in columns]
    start = row.amounts_from
    if start is not None and not two_sided:  # a two-sided row counts its amounts' start within each side
        start -= sum(1 for k in columns if k < start)
    return replace(
        row,
        cells=[row.cells[k] for k in keep],
        places=row.places and [row.places[k] for k in keep if k < len(row.places)],
        boxes=row.boxes and [row.boxes[k] for k in keep if k < len(row.boxes)],
        amounts_from=start,
    )


def _halves_stacked(
    header: list[GridRow], data: list[GridRow], named: bool
) -> tuple[list[GridRow], list[GridRow]]:
    """A list printed in parts side by side (its header printed two or three times across): the first
    parts, then the second's, as it is read. (The PDF reader stacks its pages' parts before:
    read/pdf_tables.py.)"""
    halves = halves_at([row.cells for row in header], named)
    if halves is None:
        return header, data
    part, first = halves
    stacked = [
        data[index].part(columns) for index, columns in stacked_parts([row.cells for row in data], part)
    ]
    return [row.part(slice(0, part)) for row in header[first:]], stacked


def _phases_as_rows(header: list[GridRow], data: list[GridRow]) -> tuple[list[GridRow], list[GridRow]]:
    """A “三公” table whose items each head a 预算数 and a 决算数 column, or that heads them once under
    each year: items as columns, a row per phase or year, as the budget's “三公” table reads. (The PDF
    reader turns its grid before.)"""
    turned = items_as_columns([row.cells for row in header], sum(1 for row in data if any(row.cells)))
    if turned is None:
        return header, data
    items, phases = [GridRow(None, cells) for cells in turned[0]], turned[1]
    width = max(len(row.cells) for row in header)
    # a header handed over without the rows' label columns (the PDF reader cuts their captions): the
    # rows' cells run that many columns ahead of it
    shifts = [max(0, len(row.cells) - width) for row in data]
    return items, [
        replace(
            row,
            cells=[name, *(row.cells[i + shift] if i + shift < len(row.cells) else "" for i in columns)],
            places=[row.place(0), *(row.place(i + shift) for i in columns)] if row.places else None,
            boxes=None,
            amounts_from=None if row.amounts_from is None else 1,
        )
        for row, shift in zip(data, shifts, strict=True)
        for name, columns in phases.items()
    ]


def _split_header(rows: list[GridRow]) -> tuple[list[GridRow], list[GridRow]]:
    """Header rows are those before the first row that carries an amount (or that the reader knows is data),
    or a figure with a percent sign ('12%' where an amount stood: a caption is words, '增长率(%)')."""
    for index, row in enumerate(rows):
        if row.amounts_from is not None or any(_figure_cell(cell) for cell in row.cells[1:]):
            return rows[:index], rows[index:]
    return rows, []


def _figure_cell(cell: str) -> bool:
    return is_number(cell) or bool(_A_RATE.match(normalise(cell)))


def _amount_start(cells: list[str]) -> int:
    """Index of the first cell of the row's trailing run of amounts (blank cells and dashes allowed inside;
    a garbled figure too: at the run's start it would otherwise join the words and leave its column blank)."""
    start = len(cells)
    for index in range(len(cells) - 1, -1, -1):
        text = cells[index].strip()
        if not prints_nothing(text) and not is_number(text) and not garbled_amount(normalise(text)):
            break
        if text:
            start = index
    return start


def _start(row: GridRow, cells: list[str]) -> int:
    return row.amounts_from if row.amounts_from is not None else _amount_start(cells)


def _labels_end(header: list[GridRow], starts: list[int], width: int) -> int:
    """Where the rows' figures start (`starts`, `width` of the widest run), as a column of the header:
    only when the header spans the rows' labels as well as their figures (a reader may hand over the
    header's figure columns alone)."""
    # where most rows' start (the least of ties): a converter may set a row a cell to the left
    counts = Counter(starts)
    end = max(sorted(counts), key=counts.__getitem__, default=0)
    return end if max((len(row.cells) for row in header), default=0) >= end + width else 0


def _word_among_figures(row: GridRow, cells: list[str], start: int, labels_end: int, columns: int) -> bool:
    """Does a word stand in one of the row's amount columns ('大型修缮 | 壹佰 | 0.00 | 28.69'), its name in
    place before them? Its figures after the word would otherwise be the run of amounts, paired with the
    columns from the first: each one column off. From where the rows' figures start, each cell keeps its
    column, and the word is an amount cell that reads as no figure (the table in doubt)."""
    return (
        row.amounts_from is None
        and 0 < labels_end < start
        and len(cells) - labels_end <= columns
        and any(cell.strip() for cell in cells[:labels_end])
    )


def _filled(row: GridRow) -> list[str]:
    """A row's cells up to its last one filled: a reader that places the amounts (a ruled grid, a sheet)
    knows its blank cells are cells; a row of text may have lost them."""
    return row.cells if row.amounts_from is not None else _trim(row.cells)


def _trim(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _one_sided_placement(
    header: list[GridRow], data: list[GridRow], year: int | None
) -> tuple[list[tuple[GridRow, list[str]]], list[int], int, Placement]:
    """The rows' cells, where each row's amounts start, where the labels end, and the columns. Rows of
    text may end early (a converter drops blank cells at a row's end) or print every blank cell (a web
    page's or a Word table's): as printed when the header names just as many columns, else as filled."""
    printed = [(row, row.cells) for row in data]
    filled = [(row, _filled(row)) for row in data]
    for split in [printed, filled] if printed != filled else [filled]:
        starts = [_start(row, cells) for row, cells in split]  # scanned once: each row's cells are asked
        width = max((len(cells) - start for (_, cells), start in zip(split, starts, strict=True)), default=0)
        labels_end = _labels_end(header, starts, width)
        placement = place_columns([row.cells for row in header], width, labels_end=labels_end, year=year)
        if not placement.doubts:
            break
    return split, starts, labels_end, placement


def _one_sided(
    table: Table, header: list[GridRow], data: list[GridRow], unit_names: set[str], aligned: bool
) -> list[Diagnostic]:
    source = table.location.source
    header, data, caption, noted = _remarks_apart(header, data)
    split, starts, labels_end, placement = _one_sided_placement(header, data, _year(table))
    _group_names_on_subtotals([(cells, start) for (_, cells), start in zip(split, starts, strict=True)])
    table.columns = placement.columns
    diagnostics = [
        Diagnostic("info", f"{table.title}: {doubt}", (table.location,)) for doubt in placement.doubts
    ]
    placeholders: list[Location] = []
    rates: list[Location] = []
    stranded: list[Location] = []
    uncoded: list[str] = []
    numbers: list[tuple[str | None, bool]] = []  # each row's item number, and whether a code stands by it
    for (grid_row, cells), start, note in zip(split, starts, noted, strict=True):
        if _word_among_figures(grid_row, cells, start, labels_end, len(table.columns)):
            start = labels_end
        texts, amounts = cells[:start], cells[start:]
        words = [normalise(t) for t in texts]
        if any(map(_figure_like, words)) or _digits_after_name(words):
            stranded.append(grid_row.location(source, table.title))
        uncoded += _garbled_codes(texts)
        numbers.append(_item_number(texts))
        if not any(t.strip() for t in texts) and _all_zero(amounts, table):
            placeholders.append(grid_row.location(source, table.title))  # the blank rows of an empty table
            continue
        row = _row(table, grid_row, texts, unit_names, source, aligned)
        if _RATE_ROW.match(row.label):  # percentages, not amounts: no sum holds over them
            rates.append(grid_row.location(source, table.title))
            continue
        if note:
            row.texts[caption] = note
        row.set_cells(
            table.columns,
            amounts,
            table.unit,
            grid_row.places_from(slice(start, None)),
            grid_row.boxes_from(start),
        )
        table.rows.append(row)
    diagnostics.extend(_confirm_doubtful_columns(table))
    _confirm_guessed_columns(table, placement.guessed)
    if not any(coded for number, coded in numbers if number):  # no column of item numbers beside the codes
        uncoded += [number for number, _ in numbers if number]
    if uncoded and any(row.code for row in table.rows):
        # the line is there, its code unread: it would be said missing where its code is looked for
        table.doubts.append(
            Doubt(f"科目编码栏有不能读作编码的内容 code cells that read as no code: {'；'.join(uncoded[:3])}")
        )
    if stranded:
        diagnostics.append(_figures_among_labels(table, stranded))
    if rates:
        diagnostics.append(
            Diagnostic(
                "info",
                f"{table.title}: 增减率行（百分比）未作为金额读取 a row of rates of change (percentages) not read as amounts",
                tuple(rates),
            )
        )
    if placeholders:
        diagnostics.append(
            Diagnostic(
                "info",
                f"{table.title}: {len(placeholders)} 行无名称、全为0的占位行未作为预算行读取 "
                f"{len(placeholders)} unlabelled all-zero placeholder row(s) not read as budget lines",
                tuple(placeholders),
            )
        )
    return diagnostics


def _group_names_on_subtotals(rows: list[tuple[list[str], int]]) -> None:
    """A list may print each group's name in a column of its own, merged over the group's rows, on the
    row of its 小计 (Jiangsu's 收入预算总表: 一般公共预算资金 | 小计). Where a merged cell's text is set at
    the middle of its rows (laid-out text, a PDF printed without rules) it stands on another line of the
    group: when a 小计 whose first column is blank has exactly one line of its group (up to the next
    小计) with words there, those words are the group's name and move to the 小计's row. `rows`: each
    row's cells, moved in place, and where its amounts start."""
    labelled = [cells if start > 1 else None for cells, start in rows]
    subtotals = [i for i, cells in enumerate(labelled) if cells and normalise(_last_word(cells)) == "小计"]
    for start, end in pairwise([*subtotals, len(rows)]):
        named = [i for i in range(start + 1, end) if labelled[i] and labelled[i][0].strip()]
        if not labelled[start][0].strip() and len(named) == 1:
            labelled[start][0], labelled[named[0]][0] = labelled[named[0]][0], ""


def _last_word(cells: list[str]) -> str:
    return next((cell for cell in reversed(cells) if cell.strip() and not is_number(cell)), "")


def _remarks_apart(
    header: list[GridRow], data: list[GridRow]
) -> tuple[list[GridRow], list[GridRow], str, list[str]]:
    """The header and the rows without the columns after the figures that hold no amounts (remarks_from),
    the caption of those columns, and each row's words there (kept as the row's text cell)."""
    remarks = remarks_from([row.cells for row in header])
    if remarks is None:
        return header, data, "", [""] * len(data)
    caption = next(normalise(r.cells[remarks]) for r in header if r.cells[remarks:] and r.cells[remarks])
    # a reader that says where a row's amounts start has cut the header there
    ends = [remarks + (row.amounts_from or 0) for row in data]
    noted = [
        " ".join(c.strip() for c in row.cells[end:] if c.strip()) for row, end in zip(data, ends, strict=True)
    ]
    return (
        [row.part(slice(0, remarks)) for row in header],
        [row.part(slice(0, end)) for row, end in zip(data, ends, strict=True)],
        caption,
        noted,
    )


def remarks_from(header: list[list[str]]) -> int | None:
    """Where the columns printed after the figures that hold no amounts start ('备注', '说明', '增长率(%)'
    closing a header row): words would otherwise end the row's run of figures before any figure, and a
    rate would be read as an amount."""
    starts = []
    for cells in header:
        filled = [i for i, cell in enumerate(cells) if cell.strip()]
        if len(filled) > 1 and REMARKS_CAPTION.search(normalise(cells[filled[-1]])):
            starts.append(filled[-1])
    return min(starts, default=None)


def _garbled_codes(texts: list[str]) -> list[str]:
    """Words before a row's name that are no code, no number of an item and no Chinese ('NaN', '.',
    '(123)', '1,2,3'), or digits grouped by a no-break or thin space as a figure's are ('1\xa0234', no
    code once the space is folded): where a code stands, a code garbled."""
    kept = [(text, normalise(text)) for text in texts if text.strip()][:-1]
    return [
        word
        for text, word in kept
        if (garbled_amount(word) and not _ITEM_NUMBER.match(word)) or _GROUPED_DIGITS.search(text)
    ]


def _item_number(texts: list[str]) -> tuple[str | None, bool]:
    """The item's number among the words before a row's name ('5.', '(2)'), and whether a code stands
    with it: in a table of coded lines without a column of item numbers, a number alone where the code
    stands is a code garbled ('208' read '5.')."""
    words = [normalise(text) for text in texts if text.strip()][:-1]
    number = next((word for word in words if _ITEM_NUMBER.match(word)), None)
    return number, any(CODE.match(word) for word in words)


def _figure_like(text: str) -> bool:
    """A figure where the labels stand: printed as one ('1,029.15'), with its unit ('12万'), or garbled
    in a column of its own between the names and the figures ('٣٤٥': its column went unnamed; a code
    garbled, '2050205...', is said as a code). A name's character says words (asked first: most are)."""
    if printed_as_figure(text) or _FIGURE_AND_UNIT.match(text):
        return True
    return not _NAME_CHARACTER.search(text) and garbled_amount(text) and not _CODE_START.match(text)


def _digits_after_name(words: list[str]) -> bool:
    """Digits standing after the row's name among its labels (normalised): a code stands before its name,
    so they are a figure set among the labels ('培训费 | 1234', its digits once grouped by a no-break
    space)."""
    named = False
    for word in words:
        if _HAN.search(word):
            named = True
        elif named and _DIGITS.match(word):
            return True
    return False


def _figures_among_labels(table: Table, rows: list[Location]) -> Diagnostic:
    """Figures left of where a row's amounts start (a word printed in an amount column moves the start
    past them) are read as no amount: the table is not read whole, and the reader says so."""
    table.doubts.append(
        Doubt("有数字落在名称栏，未作为金额读取 figures fall among the labels and are not read as amounts")
    )
    return Diagnostic(
        "warning",
        f"{table.title}: {len(rows)} 行的数字落在名称栏（金额栏中疑有文字），未读取、未检查 "
        f"figures of {len(rows)} row(s) fall among the labels (words in an amount column?): not read, not checked",
        tuple(rows),
    )


def _all_zero(cells: list[str], table: Table) -> bool:
    amounts = [parse_amount(c, table.unit) for c in cells]
    return all(a is None or a.value == 0 for a in amounts)


def _row(
    table: Table, grid_row: GridRow, texts: list[str], unit_names: set[str], source: str, aligned: bool
) -> Row:
    words = [normalise(t) for t in texts]
    code_index = next((i for i, w in enumerate(words) if CODE.match(w)), None)
    location = grid_row.location(source, table.title)
    filled_at = [i for i, w in enumerate(words) if w]
    # the label columns it fills: not where the columns were placed by the alignment of words
    span = (filled_at[0], filled_at[-1]) if len(words) > 1 and filled_at and not aligned else None
    if code_index is not None:
        name = next((w for w in words[code_index + 1 :] if w), "")
        where = location.at(row=f"{words[code_index]} {name}".strip())
        return Row(name, RowRole.ITEM, where, code=words[code_index], label_span=span)
    filled = [w for w in words if w]
    if not filled:
        return Row("", RowRole.ITEM, location)  # figures without a label: the shapes report it
    label = filled[-1]
    if label == "小计" and len(filled) > 1:  # a group's, its name beside it ('一般公共预算资金 | 小计')
        label = filled[-2] + label
    role = _role(label, words, unit_names)
    return Row(label.rstrip(":："), role, location.at(row=label.rstrip(":：")), label_span=span)


def unit_names(*names: str | None) -> set[str]:
    """The names a table's unit rows may carry, as unit_base_name gives them."""
    return {unit_base_name(name) for name in names if name}


def unit_base_name(name: str) -> str:
    """'深圳市罗湖区企业服务中心（本级）' and '深圳市罗湖区企业服务中心' name the same unit rows."""
    return re.sub(r"[(（]本级[)）]", "", normalise(name))


def _role(label: str, words: list[str], unit_names: set[str]) -> RowRole:
    if _TOTAL.match(label):
        return RowRole.TOTAL
    if _PERIOD.match(label):
        return RowRole.PERIOD
    if (
        unit_base_name(label) in unit_names
        or _cut_short(label, unit_names)
        or (len(words) > 1 and words[0] == label)
    ):
        return RowRole.UNIT
    return RowRole.ITEM


_SHOWN_AT_LEAST = 6  # characters of a unit's name a narrow cell shows, and most of the name:
_SHOWN_SHARE = 0.6  # fewer could open another name ('深圳市罗湖' any of the district's units)
_CUT_SUFFIX = re.compile(r"[(（]本?级?$")  # '（本级）' cut short: '（本', '（'


def _cut_short(label: str, unit_names: set[str]) -> bool:
    """Is the label a unit's name cut short at its cell's edge ('深圳市罗湖区企业服', '…服务中心（本':
    a sheet prints a long name in a narrow cell only as far as the cell reaches), most of it, from its
    start?"""
    base = _CUT_SUFFIX.sub("", unit_base_name(label))
    return len(base) >= _SHOWN_AT_LEAST and any(
        name.startswith(base) and len(base) >= _SHOWN_SHARE * len(name) for name in unit_names
    )


def _split_column(table: Table, meaning: str) -> bool:
    """Does another figure column fill the rows this one leaves blank and leave blank those it fills?
    Then one printed column was read as two (its figures set apart on some rows), and the sums down
    the rows are in doubt too, not only what the column means."""

    def filled(rows_of: str) -> set[int]:
        return {i for i, row in enumerate(table.rows) if (cell := row.cells.get(rows_of)) and cell.amount}

    own = filled(meaning)
    return any(
        (other := filled(column.meaning)) and not own & other
        for column in table.columns
        if column.meaning != meaning
    )


def _confirm_guessed_columns(table: Table, guessed: tuple[str, ...], side: str | None = None) -> None:
    """The header names more columns than the rows fill, so their figures were placed by a guess (the
    first and last columns anchored, the rest from the left): harmless while every figure there is
    zero; otherwise the table is in doubt, and no error rests on where its figures stand."""
    rows = [row for row in table.rows if side is None or row.side == side]
    if any(
        cell.amount and cell.amount.value != 0
        for row in rows
        for meaning, cell in row.cells.items()
        if meaning in guessed
    ):
        table.doubts.append(
            Doubt(
                "表头列数多于数据列数，数字所在的栏是推测的 the header names more columns than the rows "
                "fill: the columns the figures stand in are guessed"
            )
        )


def _confirm_doubtful_columns(table: Table) -> list[Diagnostic]:
    """A column the header did not name is harmless when every value in it is zero; otherwise the
    reader cannot say what those figures are, and says so."""
    diagnostics = []
    for column in table.columns:
        if not column.meaning.startswith("unplaced_"):
            continue
        values = [r.cells[column.meaning] for r in table.rows if column.meaning in r.cells]
        nonzero = [c for c in values if c.amount and c.amount.value != 0]
        if nonzero:
            table.doubts.append(
                Doubt(
                    "有一列数据无法对应表头，各列的位置可能读错 a column could not be placed under a header: "
                    "the columns' places may be misread",
                    columns_only=not _split_column(table, column.meaning),
                )
            )
            diagnostics.append(
                Diagnostic(
                    "warning",
                    f"{table.title}: 有一列数据无法对应表头，其数字只参与合计检查 a column could not be placed under a header; "
                    f"its {len(nonzero)} non-zero figure(s) are checked only as parts of the totals",
                    tuple(r.location for r in table.rows if r.cells.get(column.meaning) in nonzero),
                )
            )
        else:
            diagnostics.append(
                Diagnostic(
                    "info",
                    f"{table.title}: 多出的一列无表头，但其数字全为0，不影响任何检查 an unheaded column holds only zeros; "
                    "no figure depends on its placement",
                    (table.location,),
                )
            )
    return diagnostics


def _two_sided(table: Table, header: list[GridRow], data: list[GridRow]) -> list[Diagnostic]:
    """收支总表: income on the left, expenditure on the right, each with its own label and amounts;
    Jiangsu's expenditure broken down a second time, by purpose, further right (side 'purpose')."""
    second = _second_breakdown(header, data)
    top = [normalise(c) for c in header[0].cells]
    boundary = next(
        (i for i, c in enumerate(top) if re.match(r"(本年|财政拨款)?支出", c) and i > 0),
        (second or len(top)) // 2,  # else the middle of the columns before a second breakdown
    )
    diagnostics: list[Diagnostic] = []
    sides = [("income", slice(0, boundary)), ("expenditure", slice(boundary, second))]
    if second is not None:
        sides.append(("purpose", slice(second, None)))
    source = table.location.source
    for side, cut in sides:
        grid = [row.cells[cut][1:] for row in header[1:]]  # below 收入/支出, after 项目
        placement = _side_placement(grid, [row.part(cut) for row in data], side, _year(table))
        table.columns.extend(placement.columns)
        diagnostics += [
            Diagnostic("info", f"{table.title}: {d}", (table.location,)) for d in placement.doubts
        ]
        for grid_row in data:
            side_row = grid_row.part(cut)
            cells = side_row.cells
            label = normalise(cells[0]) if cells else ""
            amounts = cells[1:]
            if not label and not any(a.strip() for a in amounts):
                continue
            role = RowRole.TOTAL if _TOTAL.match(label) else RowRole.ITEM
            location = side_row.location(source, table.title).at(row=label)
            row = Row(label, role, location, side=side)
            side_places = side_row.places
            row.set_cells(
                placement.columns,
                amounts,
                table.unit,
                side_places[1:] if side_places else None,
                side_row.boxes_from(1),
            )
            table.rows.append(row)
        _confirm_guessed_columns(table, placement.guessed, side)
    diagnostics += _confirm_doubtful_columns(table)
    if split := _split_labels(table):
        table.doubts.append(
            Doubt(f"标签疑被拆成两行读取，各行可能读错 a label seems read as two rows: {split}")
        )
    return diagnostics


_LINE_END = re.compile(r"(支出|收入|拨款|资金|结转|结余)$")


def _split_labels(table: Table) -> str:
    """A side's line that prints no figure, its label the start of the next line's: a label wrapped in a
    narrow cell, its lines read as rows ('（一）一般' / '公共预算拨款 1,657.70'), so a line's items
    are not under it. Either the two labels run on name a line the reader knows while neither does
    alone, or a numbered label that ends no line's name runs on to an unnumbered one that does
    ('（二）社会' / '保障和就业支出'). The pairs, said."""
    found = []
    for side in dict.fromkeys(r.side for r in table.rows):
        rows = [r for r in table.rows if r.side == side]
        for row, after in pairwise(rows):
            if row.has_amount() or row.role is RowRole.TOTAL:
                continue
            first, rest = row.label, after.label
            known = column_meaning(first + rest) and not column_meaning(first) and not column_meaning(rest)
            numbered = ENUMERATOR.match(first) and not ENUMERATOR.match(rest)
            if known or (numbered and _LINE_END.search(rest) and not _LINE_END.search(first)):
                found.append(f"{first} / {rest}")
    return "；".join(found[:3])


def _second_breakdown(header: list[GridRow], data: list[GridRow]) -> int | None:
    """Where Jiangsu's second breakdown of expenditure (by purpose, 支出用途) starts beside the functional
    one: a third column of labels — in a grid whose columns the reader placed (a PDF's), or under a
    caption of labels. The totals printed across both are moved to the functional breakdown's lines."""
    labels = sorted(label_columns(row.cells for row in data))
    if len(labels) < 3:
        return None
    placed = all(row.amounts_from is not None for row in data)
    if not placed and not any(
        len(row.cells) > labels[2] and is_text_header(row.cells[labels[2]]) for row in header
    ):
        return None
    fold_second_breakdown(data, labels[1], labels[2])
    return labels[2]


def _year(table: Table) -> int | None:
    """The year the table's title names ('2024年一般公共预算支出表')."""
    found = YEAR_IN.search(normalise(table.title))
    return int(found.group(1)) if found else None


def _side_placement(grid: list[list[str]], rows: list[GridRow], side: str, year: int | None) -> Placement:
    """One side's columns. Rows of text may end early (a converter drops blank cells at a row's end) or
    print every blank cell (a web page's or a Word table's, a text keeping its tabs): the width the
    rows print is taken when the header names just as many columns, else the width they fill."""
    printed = max((len(row.cells) - 1 for row in rows), default=1)
    filled = max((len(_filled(row)) - 1 for row in rows), default=1)
    placement = place_columns(grid, max(printed, 1), side, year=year)
    if not placement.doubts or filled == printed:
        return placement
    return place_columns(grid, max(filled, 1), side, year=year)


def number_tables(filing: Filing) -> None:
    """Tables without a printed number take their place in the contents list (which may list them in
    another order than they are printed), else their order."""
    listed = [normalise(entry.title) for entry in filing.toc if entry.kind is not None]
    taken = {table.number for table in filing.tables}
    for index, table in enumerate(filing.tables, start=1):
        if table.number is not None:
            continue
        title = normalise(table.title)
        # the listed title that is the table's, else the longest that the table's contains, else the
        # shortest that contains the table's (一般公共预算“三公”经费…支出预算表 lists the table printed as
        # “三公”经费…支出预算表; 收支总表 is listed as 收支总表, not as 财政拨款收支总表)
        named = [
            (entry == title, entry in title, len(entry) if entry in title else -len(entry), position)
            for position, entry in enumerate(listed, start=1)
            if position not in taken and (entry in title or title in entry)
        ]
        table.number = max(named)[-1] if named else index
        taken.add(table.number)


_HEADER_UNIT = re.compile(
    r"[（(](?:单位[:：])?(?:人民币)?(亿元|万元|元)[)）]|单位[:：](?:人民币)?(亿元|万元|元)"
)


def header_unit(header: Iterable[Sequence[str]]) -> Unit | None:
    """The one unit a table's header names ('金额（元）', '预算数(万元)', '单位：元'), if it names one: a
    table that prints no unit line may print it there."""
    named = {
        Unit.from_text(m.group(1) or m.group(2))
        for cells in header
        for cell in cells
        for m in _HEADER_UNIT.finditer(normalise(cell))
    }
    return named.pop() if len(named) == 1 else None


def header_cells(grid: TableGrid) -> list[list[str]]:
    """The cells of the grid's header rows (those above the first row of figures)."""
    return [row.cells for row in _split_header(grid.rows)[0]]


def unstated_unit(table: Table) -> Unit:
    """A table that prints no unit: read in 万元, the unit most tables print, and in doubt for what compares
    it with other figures (its sums down the rows hold in any unit)."""
    table.doubts.append(
        Doubt("表格未注明金额单位，按万元读取 no unit stated for the table, read as 万元", columns_only=True)
    )
    return Unit.WAN
