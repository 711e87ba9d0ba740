"""What readers share: recognising a table by its title and placing its columns by header meaning, and
the numbering of Chinese official text.

Readers of every format turn a table into a header grid (rows of header cells) and data rows (cells);
this module applies the vocabulary of titles and headers that the layout profiles declare
(budget_graph/profiles/), and knows nothing of files, lines or pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_graph.model import Column, TableKind
from budget_graph.profiles import column_meaning, lines, normalise, table_titles, text_headers

# 一 to 九十九
NUMERAL = "[二三四五六七八九]十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
# a table's number before or over its title: '表八', '表8', '附表8', '表8-1' (a sub-table keeps its
# table's number), '公开08表'
NUMBERED_TITLE = re.compile(
    rf"^(?:附?表\s*({NUMERAL}|\d{{1,2}}(?![\d年]))(?:\s*[-—－]\s*\d+)?|公开\s*(\d+)\s*表)"
)

_CHINESE_NUMERALS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


# a filing's title, as normalised text: '上海市普陀区2026年区级部门预算', '2025年度上海市普陀区财政局部门决算' (the
# unit may stand before the year, or after it)
# the unit's words are bounded (a unit's name is at most 40 characters): unbounded, a search of one long
# line without a title tried every start to its end, and a 100 KB line took minutes
FILING_TITLE = re.compile(
    r"(?P<unit>[^\d：:，。]{0,80}?)(?P<year>20\d{2})\s*年度?(?P<after>[^\d，。]{0,40}?)(?P<level>部门|单位)(?P<kind>预算|决算)"
)


# a table's unit as its unit line prints it: '单位：万元', '金额单位：元', '计量单位：人民币元', '单位（万元）',
# '单位：（万元）' (group 1: the unit)
UNIT_WORDS = r"(?:金额|计量)?单位\s*(?:[:：]\s*[（(]?|[（(])\s*(?:人民币)?(亿元|万元|元)"
UNIT_STATED = re.compile(UNIT_WORDS)
# a line (normalised) that states the unit and nothing else: bracketed or not, with a remark in brackets
# after it ('（单位：万元）', '单位：万元（保留两位小数）')
UNIT_LINE = re.compile(rf"^[（(]?{UNIT_WORDS}[)）]?(?:[（(][^（）()]{{0,20}}[)）])?$")


# '3', '- 3 -', '第3页', '第 3 页 共 20 页', '共20页 第3页', '3/20'
PAGE_NUMBER = re.compile(
    r"^[-—–第\s]*\d{1,3}[-—–页\s]*$|^第\s*\d{1,3}\s*页\s*[,，/／]?\s*共\s*\d{1,3}\s*页$"
    r"|^共\s*\d{1,3}\s*页\s*[,，/／]?\s*第\s*\d{1,3}\s*页$|^\d{1,3}\s*[/／]\s*\d{1,3}$"
)
_PAGES_SKIPPED = 3  # pages without a number between two that have one (a table's pages often have none)
_NUMBERED_PAGES = 3  # page numbers that rise so, at least: one or two may be codes by chance
_PAGE_LINES = 5  # lines a page holds at least: a page's number stands this far below the one before
_FRONT_PAGES = 3  # pages a text may hold before its first line (a cover, a contents page left out)


def page_numbers(lines: list[str]) -> list[int]:
    """Which of a text's lines are its pages' numbers, where no form feed parts the pages: lines of a
    page's number alone whose numbers rise a page or a few at a time through the text, a page's lines
    apart. A code alone on a line is none: a 类's ('302') is more pages than the lines before it could
    hold, a 款's or 项's has a leading zero ('05')."""
    ending: dict[int, tuple[int, ...]] = {}  # number → the longest chain so far ending in it (its lines)
    longest: tuple[int, ...] = ()
    for n, line in enumerate(lines):
        number = _page_number(line, n)
        if number is None:
            continue
        chains = (ending.get(number - step, ()) for step in range(1, _PAGES_SKIPPED + 1))
        before = max((c for c in chains if c and n - c[-1] >= _PAGE_LINES), key=len, default=())
        chain = ending[number] = max((*before, n), ending.get(number, ()), key=len)
        longest = max(longest, chain, key=len)
    return list(longest) if len(longest) >= _NUMBERED_PAGES else []


def _page_number(line: str, index: int) -> int | None:
    text = line.strip()
    if "\t" in line or not PAGE_NUMBER.match(text):  # a table row's cell is no page's number
        return None
    numbered = re.search(r"第\s*(\d+)", text) or re.search(r"(\d+)", text)  # '共20页 第3页': 3
    digits = numbered.group(1)
    number = int(digits)
    plausible = number <= index // _PAGE_LINES + _FRONT_PAGES  # no more pages than lines before it hold
    return number if plausible and not digits.startswith("0") else None


# the unit as printed beside a filer or in a title, brackets and all ('（单位：万元）')
UNIT_PART = re.compile(rf"[（(]?\s*{UNIT_WORDS}\s*[)）]?")


def without_unit(text: str) -> str:
    """A filer line without the unit of its figures it may run on to, after a wide or a narrow space
    ('部门：XX局 单位：万元', '部门：XX局（单位：万元）' → '部门：XX局')."""
    return UNIT_PART.sub(" ", text).strip()


# a note printed with a table ('注：…', '说明1：…', '本表为空'): under it, or in a row of its own across it
_NOTE = re.compile(rf"^(?:注|说明|备注)\s*\d*\s*[:：、.．]|{lines().empty_note.pattern}")


def is_note(flat: str) -> bool:
    """A note printed with a table, as normalised text."""
    return bool(_NOTE.search(flat))


def is_note_row(cells: list[str]) -> bool:
    """A row of one filled cell that is a note: the table's note, not a line of it."""
    filled = [normalise(c) for c in cells if c.strip()]
    return len(filled) == 1 and is_note(filled[0])


# a filer or unit line opens with its key ('编制部门：…', '单位：万元'): never a title
KEY_LINE = re.compile(rf"^(?:{lines().filer_keys}|单位)\s*[:：]")


def is_key_line(flat: str) -> bool:
    """A filer or unit line ('编制部门：…  单位：万元'), as normalised text."""
    return bool(UNIT_STATED.search(flat) or KEY_LINE.match(flat))


# how a table's title ends ('…预算表', '…决算表（一般公共预算）'): a title, not a sentence about a table
TITLE_END = re.compile(r"表\s*([（(][^）)]*[)）])?$")
# a total row's label, and the captions of code columns
TOTAL_LABEL = re.compile(r"^.{0,8}(合计|总计)$")
CODE_CAPTIONS = {"类", "款", "项"}
# a column a table prints after its figures that holds no amounts: remarks, or a rate of change
# ('增长率(%)', '比上年增减%', '完成预算%'), whose percentages add up to nothing
REMARKS_CAPTION = re.compile(
    r"^(备注|附注|说明|备注说明|情况说明)$|(率|比例|幅度|百分比)([(（][%％][)）])?$|[%％][)）]?$"
)
YEAR_IN = re.compile(r"(20\d{2})\s*年")  # a year named in a caption or a title
CONTENTS_PAGE = re.compile(r"[.…·．\s]{2,}\d*$|\s+\d+$")  # '……… 3' after a contents entry
_PART_WORDS = re.compile(r"^(部门|单位)")  # '部门主要职能' heads '上海市…办事处（部门）主要职能'
_MIN_CORE = 4  # characters: a shorter part title is too common to find a heading by


def part_core(title: str) -> str | None:
    """What a heading of a part listed as `title` ends with ('部门主要职能' → '主要职能'), if long enough."""
    core = _PART_WORDS.sub("", normalise(title))
    return core if len(core) >= _MIN_CORE else None


# an item's number as official text prints it: （一） 一、 1、 1. （1） — a digit after '1.' makes a decimal
ENUMERATOR = re.compile(
    r"[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+(?:、|[.．](?!\d))"
)


def chinese_number(text: str) -> int | None:
    """'十四' → 14, '三' → 3, '12' → 12."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CHINESE_NUMERALS for ch in text):
        return None
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CHINESE_NUMERALS[text[1]]
    if len(text) == 1:
        return _CHINESE_NUMERALS[text]
    tens = _CHINESE_NUMERALS[text[0]] * 10
    return tens + (_CHINESE_NUMERALS[text[2]] if len(text) == 3 else 0)


def titled_table(title: str) -> TableKind | None:
    """The kind of table a title names when it ends like one ('…预算表', '…决算表（一般公共预算）'); a
    heading about a table ('五、一般公共预算财政拨款支出决算情况说明') names none."""
    return recognise_table(title) if TITLE_END.search(normalise(title)) else None


def recognise_table(title: str) -> TableKind | None:
    """The kind of table a printed title names, whatever the region's wording."""
    flat = normalise(title)
    return next((kind for pattern, kind in table_titles() if pattern.search(flat)), None)


def is_text_header(label: str) -> bool:
    flat = normalise(label)
    return any(pattern.match(flat) for pattern in text_headers())


@dataclass
class HeaderNode:
    label: str
    index: int  # column position in the header grid
    depth: int
    children: list[HeaderNode]


def header_tree(grid: list[list[str]]) -> list[HeaderNode]:
    """Nested header rows → a forest: a label's parent is the nearest label at or left of it in the
    closest row above that has one.

    Spanning cells print once, at their left edge, so a row's labels hang under the last label above
    them. Looking at the row just above first keeps this right where the converter shifted a cell of
    an upper row by one (表二's 上年结转 printed over 其他收入).
    """
    roots: list[HeaderNode] = []
    rows: list[list[HeaderNode]] = []
    for depth, cells in enumerate(grid):
        here = [
            HeaderNode(text.strip(), index, depth, []) for index, text in enumerate(cells) if text.strip()
        ]
        for node in here:
            parent = _parent(rows, node.index)
            (parent.children if parent else roots).append(node)
        rows.append(here)
    return roots


def _parent(rows: list[list[HeaderNode]], index: int) -> HeaderNode | None:
    for above in reversed(rows):
        candidates = [n for n in above if n.index <= index]
        if candidates:
            return candidates[-1]
    return None


@dataclass
class Placement:
    """Amount columns placed by meaning, and what the reader could not place for certain."""

    columns: list[Column]
    doubts: list[str]
    # columns placed by a guess (the header names more columns than the data fills): their figures stand
    # where the guess put them, so a figure other than zero there leaves the table in doubt
    guessed: tuple[str, ...] = ()


def amount_leaves(roots: list[HeaderNode]) -> list[tuple[HeaderNode, list[HeaderNode]]]:
    """Leaves of the header forest that head amount columns, each with its ancestors (outermost first)."""
    leaves: list[tuple[HeaderNode, list[HeaderNode]]] = []

    def walk(node: HeaderNode, ancestors: list[HeaderNode]) -> None:
        if node.children:
            for child in node.children:
                walk(child, [*ancestors, node])
        elif not is_text_header(node.label):
            leaves.append((node, ancestors))

    for root in roots:
        walk(root, [])
    return leaves


def place_columns(
    grid: list[list[str]], width: int, side: str | None = None, labels_end: int = 0, year: int | None = None
) -> Placement:
    """Give each of `width` amount columns a meaning from the header grid.

    `labels_end`: the header's columns before it stand over no row's figures (the rows' labels and codes):
    a caption there that names no amount ('科目代码', '部门（单位）', a region's own word) heads text.
    `year`: the table's own year (its title's), when it names one: a column of a year before is the
    year before's, whatever the header's other columns name.

    When the header names as many amount columns as the data has, they pair in order. When the
    converter lost or added a header cell, the first and last top-level columns (总计, 上年结转) are
    anchored at the ends and the rest pair from the left; the columns in between are then in doubt
    and the reader says so (readers confirm such a placement by the data: all such cells zero).
    """
    roots = [r for r in header_tree(grid) if not is_text_header(r.label) or r.children]
    leaves = [
        (leaf, ancestors)
        for leaf, ancestors in amount_leaves(roots)
        if leaf.index >= labels_end or column_meaning(leaf.label)
    ]
    sole = len({id(ancestors[0] if ancestors else leaf) for leaf, ancestors in leaves}) == 1
    columns = [_column(leaf, ancestors, side, sole) for leaf, ancestors in leaves]
    _years_apart(columns, year)
    _dedupe(columns)
    if len(columns) == width or (labels_end and width < len(columns) == max(map(len, grid)) - labels_end):
        # or the rows stop short of a header that names a column for each of its cells past the labels:
        # their last figures were printed as nothing (zeros left blank), and they fill it from the left
        return Placement(columns, [])
    doubts = [
        f"表头列数 {len(columns)} 与数据列数 {width} 不符 header names {len(columns)} columns, data has {width}"
    ]
    last_is_group = bool(roots) and not roots[-1].children and len(columns) > 1
    head = columns[:-1] if last_is_group else columns
    tail = columns[-1:] if last_is_group else []
    room = width - len(tail)
    kept = head[:room]
    # an unheaded column lies between its neighbours: it is a part of every group both belong to
    shared = _common_path(kept[-1] if kept else None, tail[0] if tail else None)
    unheaded = [Column(f"unplaced_{i}", "（无表头）", shared, side) for i in range(room - len(kept))]
    guessed = tuple(column.meaning for column in kept[1:] + tail) if width < len(columns) else ()
    return Placement(kept + unheaded + tail, doubts, guessed)


def _common_path(left: Column | None, right: Column | None) -> tuple[str, ...]:
    if left is None or right is None:
        return ()
    shared = []
    for a, b in zip(left.path, right.path, strict=False):
        if a != b:
            break
        shared.append(a)
    return tuple(shared)


def _column(leaf: HeaderNode, ancestors: list[HeaderNode], side: str | None, sole: bool) -> Column:
    """`sole`: one group heads every figure column of the table."""
    label = leaf.label
    meaning = column_meaning(label)
    group_meanings = [m for m in (column_meaning(a.label) for a in ancestors) if m]
    if normalise(label) in {"小计", "合计"} and ancestors:
        # a group's own subtotal column: the group's meaning, or by its siblings' family (其中：小计);
        # under a group naming the kind of figure of a one-sided table's columns (2024年预算数, 决算数),
        # or the year's spending over all of them (本年支出 over 小计, 基本支出, 项目支出), the sum of its
        # siblings, as if the group were not printed
        meaning = group_meanings[-1] if group_meanings else _family_of(ancestors[-1])
        whole = meaning in _KINDS_OF_FIGURE or (sole and meaning == "current_expenditure")
        if whole and side is None:
            meaning = "total"
        group_meanings = group_meanings[:-1]
    path_labels = "/".join(a.label for a in ancestors)
    path = tuple(_additive_path(group_meanings, meaning))
    return Column(
        meaning or f"unknown:{normalise(label)}",
        normalise(f"{path_labels}/{label}" if path_labels else label),
        path,
        side,
    )


_KINDS_OF_FIGURE = {"amount", "actual"}


def _family_of(group: HeaderNode) -> str | None:
    meanings = {column_meaning(child.label) for child in group.children}
    return "procurement" if meanings & {"procurement_sme", "procurement_micro"} else None


def _additive_path(group_meanings: list[str], meaning: str | None) -> list[str]:
    """Top-level columns hang under 'total'; 其中 (procurement) columns are not parts of a sum."""
    if meaning in {
        "procurement",
        "procurement_sme",
        "procurement_micro",
        "total",
        "amount",
        "office_operating",
        "prior_year",
        "change",
        None,
    }:
        return []
    # each group once, never the column itself: a header line printed twice nests a group in itself
    groups = dict.fromkeys(m for m in group_meanings if m not in {"total", "amount", meaning})
    return ["total", *groups]


def _years_apart(columns: list[Column], year: int | None) -> None:
    """Columns naming different years ('2023年预算数 | 2024年预算数'), or a year before the table's own
    ('2023年执行数' in a 2024 table whose other captions name no year): the latest year's figures are the
    table's own; an earlier year's are the year before's, compared with nothing of this year."""
    years = {  # a column's own year: its deepest label's ('2024年预算数/2023年执行数': a group placed over it)
        id(c): int(found[-1])
        for c in columns
        if (found := YEAR_IN.findall(c.label)) and c.meaning != "change"
    }
    latest = max([*years.values(), year or 0])
    for column in columns:
        if years.get(id(column), latest) < latest:
            column.meaning, column.path = "prior_year", ()


def _dedupe(columns: list[Column]) -> None:
    """Meanings are keys: a repeated one (two 小计) keeps the first, the others get a suffix."""
    seen: set[str] = set()
    for column in columns:
        if column.meaning in seen:
            column.meaning = f"{column.meaning}#{sum(1 for m in seen if m.startswith(column.meaning))}"
        seen.add(column.meaning)
