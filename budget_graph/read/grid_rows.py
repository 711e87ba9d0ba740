"""What every reader hands over for a table: its rows as cells, each with where it was printed.

Kept apart from tables.py, which builds a Table from them, so that the table-specific readers
(performance.py) take the same rows without importing the builder that calls them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from budget_graph.model import Box, Location, is_number, prints_nothing
from budget_graph.profiles import lines
from budget_graph.read.layout import CODE_CAPTIONS, is_text_header, normalise

_PERIOD = lines().period_row  # a year's row or group: 2024年预算数, 增减


@dataclass
class GridRow:
    line: int | None  # 1-based line (text input)
    cells: list[str]
    page: int | None = None  # 1-based page (PDF input)
    # where the amount cells start, when the reader knows (ruled PDF grids: blank cells are real cells);
    # in a two-sided table, within each side
    amounts_from: int | None = None
    # the spreadsheet cell of each cell ('表3!D12', xlsx input), in step with `cells`
    places: list[str] | None = None
    boxes: list[Box | None] | None = None  # each cell's box on its page, when the reader knows it (PDF)
    excerpt: str | None = None  # the row as printed (text input: its line); else its cells joined

    def location(self, source: str, table: str) -> Location:
        excerpt = self.excerpt or "  ".join(c.strip() for c in self.cells if c.strip())
        return Location(
            source,
            line=self.line,
            page=self.page,
            table=table,
            cell=self.place(0),
            bbox=self.box,
            excerpt=excerpt,
        )

    def place(self, index: int) -> str | None:
        return self.places[index] if self.places and index < len(self.places) else None

    def places_from(self, cut: slice) -> list[str] | None:
        return self.places[cut] if self.places else None

    @property
    def box(self) -> Box | None:
        """The box around the row's printed cells."""
        return union(b for b, c in zip(self.boxes or (), self.cells, strict=False) if b and c.strip())

    def boxes_from(self, start: int) -> list[Box | None] | None:
        return self.boxes[start:] if self.boxes else None

    def move(self, source: int, target: int) -> None:
        """Move a cell's text, with its place and box, to another column, leaving the first blank."""
        self.cells[target], self.cells[source] = self.cells[source], ""
        for steps in (self.places, self.boxes):
            if steps and max(source, target) < len(steps):
                steps[target], steps[source] = steps[source], None

    def part(self, cut: slice | list[int]) -> GridRow:
        """One side of a two-sided row, or the columns of one part of a list printed in parts (its quoted
        line kept: text input quotes the whole line)."""
        columns = range(len(self.cells))[cut] if isinstance(cut, slice) else cut
        return replace(
            self,
            cells=[self.cells[i] for i in columns],
            places=[self.places[i] for i in columns if i < len(self.places)] if self.places else None,
            boxes=[self.boxes[i] for i in columns if i < len(self.boxes)] if self.boxes else None,
        )


def union(boxes: Iterable[Box]) -> Box | None:
    found = list(boxes)
    if not found:
        return None
    return (
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )


@dataclass
class TableGrid:
    rows: list[GridRow] = field(default_factory=list)
    # the captions over the rows' labels, when the reader cut them from the header rows (PDF grids)
    label_captions: list[str] = field(default_factory=list)
    # its columns were placed by the alignment of words (laid-out text, a PDF printed without rules), not
    # by rules or cells: the label column a word stands in may be one off from page to page
    aligned: bool = False


_DIGITS = re.compile(r"^\d+$")


def join_codes(header: list[list[str]], data: list[tuple[list[str], list[Box | None]]]) -> None:
    """类/款/项 columns ('201', '06', '01') become one code ('2010601') in the first of them. A row may
    leave the parts it shares with the rows above blank (the 款 row under its 类 prints '06' alone)."""
    columns = _code_columns(header, data)
    if len(columns) < 2:
        return
    above: list[str] = []  # the parts of the last code printed
    for cells, boxes in data:
        if len(cells) <= columns[-1]:  # a text's row that stops short of them (a note)
            continue
        filled = [cells[i] for i in columns if cells[i]]
        if filled and all(_DIGITS.match(p) for p in filled):
            parts = _under(above, [cells[i] for i in columns])
            joined, above = "".join(parts), parts
        elif all(normalise(p) in CODE_CAPTIONS for p in filled):
            joined = ""  # the captions 类/款/项 printed in the first data row
        else:
            continue  # a label spanning the code columns ('合计')
        box = union(boxes[i] for i in columns if boxes[i])
        for i in columns:
            cells[i], boxes[i] = "", None
        cells[columns[0]], boxes[columns[0]] = joined, box


def _under(above: list[str], parts: list[str]) -> list[str]:
    """A code's parts, the leading ones left blank taken from the code printed above ('', '06', '' under
    '201' → '201', '06'); as printed when the code above is too short for them or a blank is not leading."""
    lead = next(i for i, part in enumerate(parts) if part)
    printed = [part for part in parts if part]
    subparts = all(len(part) == 2 for part in printed)  # 款 and 项 alone, not a whole code ('20101')
    if 0 < lead <= len(above) and subparts and parts[lead : lead + len(printed)] == printed:
        return [*above[:lead], *printed]
    return printed


def _code_columns(header: list[list[str]], data: list[tuple[list[str], list[Box | None]]]) -> list[int]:
    """Columns captioned 类/款/项, in the header or in the first data row (决算 tables print them there)."""
    candidates = [*header, *(cells for cells, _ in data[:1])]
    for cells in candidates:
        columns = [i for i, c in enumerate(cells) if normalise(c) in CODE_CAPTIONS]
        if len(columns) >= 2:
            return columns
    return []


def halves_at(header: list[list[str]], named: bool = True) -> tuple[int, int] | None:
    """A list printed in parts side by side (two halves, or three) repeats its header: the width of a
    part, and the header's row from which it repeats. Above that row each part may stand under a name of
    its own (人员经费 | 公用经费, each over 科目编码, 科目名称, 金额; a name may span two parts): what a part
    lists, which its rows' codes say. Not so a two-sided summary's (`named` False): its sides, 收入 | 支出,
    are what it is read by."""
    if not header:
        return None
    width = len(header[0])
    for parts in (2, 3):
        if width % parts == 0 and (first := _repeated_from(header, width // parts, named)) is not None:
            return width // parts, first
    return None


def _repeated_from(header: list[list[str]], part: int, named: bool) -> int | None:
    width = len(header[0])
    for index, cells in enumerate(header):
        row = [normalise(c) for c in cells] + [""] * (width - len(cells))
        if len(row) != width or not any(row):
            return None
        if all(row[start : start + part] == row[:part] for start in range(part, width, part)):
            # under names, each part lists its own rows: it starts with their codes' or names' caption
            # (a group's name over amounts alone, 一般公共预算 | 政府性基金预算, heads columns)
            listed = index == 0 or is_text_header(row[0]) or row[0] in CODE_CAPTIONS
            return index if listed else None
        names = [c for i, c in enumerate(row) if c and not i % part]
        if not (
            named and row[0] and len(names) > 1 and all(not c or not i % part for i, c in enumerate(row))
        ):
            return None  # not a name over each part
        if any(_PERIOD.match(name) for name in names):
            return None  # a year over each half: the items under each year (year_groups)
    return None


def parts_of(cells: list[str], part: int) -> list[list[int] | None]:
    """The columns of each part of a row of a list printed in parts `part` columns wide. A part's words
    with no figure beside the next part's figures with no words are one line printed across both
    ('公用经费合计' merged over two parts, its figure in the last one's column): one part of both's
    columns, read with the last (None for the first), where the list it closes ends."""
    parts: list[list[int] | None] = [
        list(range(s, min(s + part, len(cells)))) for s in range(0, len(cells), part)
    ]
    for k in range(len(parts) - 1):
        here, after = parts[k], parts[k + 1]
        if here and after and _words_alone(cells, here) and _figures_alone(cells, after):
            parts[k + 1] = [a if cells[a].strip() else b for a, b in zip(here, after, strict=False)]
            parts[k] = None
    return parts


def stacked_parts(rows: list[list[str]], part: int) -> list[tuple[int, list[int]]]:
    """A list printed in parts `part` columns wide, read as it is read: every row's first part, then every
    row's second that prints something, and so on. Each piece as (its row's index, its columns)."""
    cuts = [parts_of(cells, part) for cells in rows]
    return [
        (index, columns)
        for k in range(max(map(len, cuts), default=0))
        for index, (cells, parts) in enumerate(zip(rows, cuts, strict=True))
        if k < len(parts)
        and (columns := parts[k]) is not None
        and (k == 0 or any(cells[i].strip() for i in columns))
    ]


def _words_alone(cells: list[str], columns: list[int]) -> bool:
    texts = [cells[i] for i in columns if not prints_nothing(cells[i])]
    return bool(texts) and not any(is_number(t) for t in texts)


def _figures_alone(cells: list[str], columns: list[int]) -> bool:
    texts = [cells[i] for i in columns if not prints_nothing(cells[i])]
    return bool(texts) and all(is_number(t) for t in texts)


_NUMBERING_LABEL = re.compile(r"^(?:栏次|栏号|列次|栏目编号)$")
_NUMBERING_CELL = re.compile(r"^(?:\d{1,3}|[甲乙丙丁]|栏次|栏号|列次)$")


def numbers_columns(cells: list[str]) -> bool:
    """The row under a header that numbers its columns ('栏次 | | 1 | 2 | 3', a 决算 form's; a two-sided
    table's '栏次 | 1 | 栏次 | 2'): no line of the table, its numbers no figures."""
    filled = [normalise(cell) for cell in cells if cell.strip()]
    return (
        len(filled) > 1
        and bool(_NUMBERING_LABEL.match(filled[0]))
        and all(_NUMBERING_CELL.match(cell) for cell in filled[1:])
    )


def label_columns(rows: Iterable[list[str]]) -> set[int]:
    """The columns holding words in some row: labels (or a figure garbled into words)."""
    return {i for cells in rows for i, c in enumerate(cells) if not prints_nothing(c) and not is_number(c)}


def unread(count: int, why_zh: str, why_en: str) -> str:
    """The message of a diagnostic for figures on the page that are not read (tests count them)."""
    return f"{why_zh}：{count} 个数字未读取、未检查 {why_en}: {count} figure(s) not read, not checked"


# a total's line, printed across both breakdowns
_SPANNING_TOTAL = re.compile(r"(小计|合计|总计|结转下年资金|年末结转和结余)$")


def fold_second_breakdown(rows: list[GridRow], label: int, second: int) -> None:
    """Jiangsu's 收支预算总表 breaks the expenditure down twice side by side, by function (功能分类,
    labels in column `label`) and by purpose (支出用途, from column `second`). A total printed across
    both (当年支出小计, 支出合计) is the functional breakdown's line: its label and figure are moved there
    (their places and boxes with them), leaving the purpose breakdown its own lines only."""
    for row in rows:
        cells, first_amount = row.cells, label + 1
        figures = [i for i in range(second, len(cells)) if is_number(cells[i])]
        across = _across(cells, label, first_amount, second)
        if across and cells[second]:  # its label fell under the purpose breakdown's (a continuation moved it)
            row.move(second, label)
        if across and figures:
            row.move(figures[0], first_amount)  # a total printed across both breakdowns
        elif _unread_total(cells, label, first_amount, second, figures):
            cells[first_amount] = " ".join(c for c in cells[second:] if c)  # for the reading to doubt
            cells[second:] = [""] * (len(cells) - second)


def _across(cells: list[str], label: int, first: int, second: int) -> bool:
    """Is the row a total printed across both breakdowns: nothing in the functional breakdown's
    figures, and its label under that breakdown's labels, or a total's label alone under the
    purpose breakdown's ('当年支出小计' set right of where the functional labels start)?"""
    if any(cells[first:second]):
        return False
    return not cells[second] or (not cells[label] and bool(_SPANNING_TOTAL.search(normalise(cells[second]))))


def _unread_total(cells: list[str], label: int, first: int, second: int, figures: list[int]) -> bool:
    """Does a total printed across both breakdowns print no figure where its figure stands, but words
    ('当年支出小计' … '+5': a garbled figure, not the purpose breakdown's line)?"""
    total = _SPANNING_TOTAL.search(normalise(cells[label]))
    return bool(total) and not any(cells[first:second]) and not figures and any(cells[second:])


_PHASES = {"预算数", "决算数", "年初预算数", "全年预算数"}


def phase_columns(tree: list[list[str]]) -> dict[str, list[int]] | None:
    """A 决算 “三公” table's header, each item over a 预算数 and a 决算数 column: each phase's columns, in
    the items' order; None unless every column is one phase's and each phase has as many, under the
    items' row (a header of the phases alone, `预算数 | 决算数`, prints the items as rows)."""
    if len(tree) < 2:
        return None
    width = len(tree[0])
    leaves = [next((r[c] for r in reversed(tree) if c < len(r) and r[c]), "") for c in range(width)]
    phases = [normalise(leaf) if normalise(leaf) in _PHASES else "" for leaf in leaves]
    names = list(dict.fromkeys(p for p in phases if p))
    columns = {name: [c for c, p in enumerate(phases) if p == name] for name in names}
    if len(names) < 2 or len({len(found) for found in columns.values()}) != 1 or "" in phases:
        return None
    return columns


def items_over_phases(tree: list[list[str]], phases: dict[str, list[int]]) -> list[list[str]]:
    """The header of the items alone (a blank first column over the rows' phase names)."""
    first = next(iter(phases.values()))
    items = [["" if normalise(c) in _PHASES else c for c in cells] for cells in tree]
    return [["", *(cells[i] for i in first)] for cells in items if any(cells)]


def year_groups(tree: list[list[str]]) -> dict[str, list[int]] | None:
    """A “三公” table's header heading the items once under each year or phase (the Ministry of Finance's
    forms: `2023年预算数` over 合计, 因公出国（境）费 …, then `2024年预算数` over the same; a 决算's `预算数`,
    then `决算数`): each group's columns, in the items' order. None unless two or more such groups, alone
    on the top row, head the same items in as many columns (columns before the first group hold the
    rows' labels)."""
    if len(tree) < 2:
        return None
    top = tree[0]
    starts = [c for c, text in enumerate(top) if text.strip()]
    while starts and is_text_header(normalise(top[starts[0]])):
        starts.pop(0)  # the rows' labels' caption ('项目' over '金额')
    if len(starts) < 2:
        return None
    groups = {top[s].strip(): list(range(s, e)) for s, e in zip(starts, [*starts[1:], len(top)], strict=True)}
    if len(groups) != len(starts) or not all(
        _PERIOD.match(g) or g in _PHASES for g in map(normalise, groups)
    ):
        return None

    def items(columns: list[int]) -> list[list[str]]:
        return [[normalise(cells[c]) if c < len(cells) else "" for c in columns] for cells in tree[1:]]

    first = next(iter(groups.values()))
    if len(first) < 2 or any(items(columns) != items(first) for columns in groups.values()):
        return None
    return groups


def items_as_columns(tree: list[list[str]], rows: int) -> tuple[list[list[str]], dict[str, list[int]]] | None:
    """A “三公” table printing its phases (预算数, 决算数) or its years as columns of the same items: the
    header of the items alone (a blank first column over the rows' names) and the columns of each row
    to be, so that it reads as the budget's table does, items as columns and a row per phase or year.
    Years are turned only for a table of one row (the department's): a row per unit and year would
    lose the unit."""
    phases = phase_columns(tree)
    if phases is not None:
        return items_over_phases(tree, phases), phases
    years = year_groups(tree) if rows == 1 else None
    if years is None:
        return None
    first = next(iter(years.values()))
    return [["", *(cells[i] if i < len(cells) else "" for i in first)] for cells in tree[1:]], years
