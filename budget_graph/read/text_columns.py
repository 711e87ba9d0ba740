"""The columns of a table laid out with spaces, found by alignment (no ruling lines say where they are).

Figures are right-aligned: a figure column is a right edge that the rows' figures share. Codes and
labels are left-aligned: a text column is a left edge that the rows' words share (a few words at an
edge of their own, '合计' centred, belong to the label column). A header label stands over the column it
heads; converters print a long label over several lines ('本年收入合' / '计') and not always centred, so
the header is read by position, not by line:

- a label whose stretch of its line (half-way to its neighbours) spans the labels of two columns or more
  below it is their group ('财政拨款“三公”经费'); on the header's first line, a label over both label and
  figure columns is a side of a two-sided table ('收入' over '项目' and '决算数');
- the other labels are pieces of one column's label: pieces on different lines that touch are one label,
  read top to bottom; pieces in a figure column's stretch that do not touch its own are the labels of
  columns left blank all down the table, and so are pieces right of every figure column.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from budget_graph.model import Doubt, is_number, printed_as_figure
from budget_graph.read.layout import (
    CODE_CAPTIONS,
    REMARKS_CAPTION,
    TOTAL_LABEL,
    column_meaning,
    is_text_header,
    normalise,
)

_ALIGN = 2  # characters: edges of one column agree within this (converters round positions)
_MIN_SHARE = 0.1  # of a table's rows: fewer words at a left edge of their own are the label column's
_TOUCH = 1  # characters: pieces of one wrapped label are at most this far apart
_TEXT_SIDE = 4  # characters left of the first figures: a header label there heads the label columns
_DRIFT = 12  # characters: how far apart a converter lets one column's right edges drift
_CONTINUED = 3  # characters: a continuation page's column edges lie this close to the table's
_MIN_STRETCH = 0.4  # how much narrower (or, inverted, wider) a converter may print a continuation page
_CLOSE_FIT = 4.0  # characters: two placements of the figure labels this close in misplacement are a guess
_PLACED_GROUPS = (
    "表头分组由文字位置推定，各列归属可能读错 the header's groups were placed by the position of their words: "
    "which group a column belongs to may be misread"
)
_GUESSED = (
    "表头多于数字列，哪一列为空由文字位置推定，各列归属可能读错 the header names more columns than the figures "
    "fill: which one is blank was guessed from the position of the words, a column may be misread"
)
_BLANK_COLUMN = 6.0  # characters of misplacement worth less than calling a header label a blank column's
_CODE = re.compile(r"^\d{3,9}$")  # a code, or its 类 part
_SUBCODE = re.compile(r"^\d{2}$")  # its 款 or 项 part
_WHOLE_CODE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")  # a 类, 款 or 项 code printed whole
_CODE_WORD = re.compile(r"^(\d{2}|\d{3}|\d{5}|\d{7})$")  # a code or its part before its name ('01 死亡抚恤')
_CODE_COLUMNS = 3
_TOTALS = {"合计", "小计", "总计"}  # labels of a total's column: never a group's
_LETTER_SPACING = 10  # characters: the widest gap between the letters of one letter-spaced word
_CENTRED = 0.15  # of the span of a group's columns: how far off their middle its label may stand
_CENTRED_TOP = 0.25  # the same on the header's first line
_CENTRED_LABELS = 0.25  # the same over label columns (captions of codes and names are not centred)
_WIDE = r"[\u3400-\u9fff\uff01-\uff60\u3000-\u303f]"  # Chinese characters and full-width punctuation
# a converter's one space between Chinese and Latin letters or digits: it pads narrow digits to its
# column grid ('2017 年度', '（20 万以下）'); none is printed
PADDING = re.compile(rf"(?<={_WIDE}) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?={_WIDE})|(?<=\d) (?=%)")


@dataclass(frozen=True)
class Chunk:
    """Words that stand together on a line: one cell, or a phrase of narrative."""

    text: str
    x0: int  # first character column
    x1: int  # one past the last
    # one past the last character as the converter set it: its longest line's, for a label joined from
    # the lines it wrapped over (None: the text's own length from x0)
    set_end: int | None = None

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def end(self) -> int:
        """One past the last character the converter set (its characters one column each)."""
        return self.x0 + len(self.text) if self.set_end is None else self.set_end


@dataclass
class Column:
    kind: str  # 'text' (codes, labels) or 'amount'
    x0: float
    x1: float
    pieces: list[tuple[int, Chunk]] = field(default_factory=list)  # header label pieces: (line, chunk)
    # where most of its body's cells line up (figures' right edge, words' left); None: no body read
    aligned: float | None = None

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class HeaderCell:
    line: int  # header line it stands on
    first: int  # first column it heads
    last: int
    text: str


# a run of words one space apart; a no-break or thin space between digits is inside a word ('1\xa0234': a
# figure garbled, not two figures in two columns)
_WORD = r"(?:\S|(?<=\d)[\xa0\u2009\u202f](?=\d))+"
_RUN = re.compile(f"{_WORD}(?: {_WORD})*")


def chunks(text: str) -> list[Chunk]:
    """Runs of words set apart by two spaces or more. A printed figure that stands apart on one side
    is set apart by one space on the other too ('164,978,640 一、一般公共服务支出', a figure column
    against the next label), and so is a code from its name ('01 死亡抚恤'); a figure with words close
    on both sides is part of a sentence ('公用经费 1,115.85 万元')."""
    found = []
    for match in _RUN.finditer(text):
        start, current = match.start(), []
        words = match.group().split(" ")
        parts = _code_in_parts(words)
        for index, word in enumerate(words):
            code_first = index == 1 and bool(_CODE_WORD.match(words[0])) and not words[1][:1].isdigit()
            apart = (
                code_first
                or 0 < index <= parts
                or _apart_figure(words, index)
                or _apart_figure(words, index - 1)
            )
            if current and apart:
                found.append(_chunk(current, start))
                start += len(" ".join(current)) + 1
                current = []
            current.append(word)
        found.append(_chunk(current, start))
    return _widened(found)


def _code_in_parts(words: list[str]) -> int:
    """How many words open the run as a code printed in its 类/款/项 columns one space apart ('201 05 01
    行政运行', the columns squeezed): a 类 of three digits, then parts of two; 0 unless two or more. (As
    one word '201 05 01' reads as the figure 2010501.)"""
    if not re.fullmatch(r"\d{3}", words[0]):
        return 0
    count = 1
    while count < min(len(words), _CODE_COLUMNS) and _SUBCODE.match(words[count]):
        count += 1
    return count if count > 1 else 0


def _widened(found: list[Chunk]) -> list[Chunk]:
    """Chunks as wide as they print: a converter gives a full-width character one column but places
    the next words where they stand on the page, so a run of Chinese reaches about twice its length
    (up to the next chunk); its start is where it starts."""
    widened = []
    for index, chunk in enumerate(found):
        limit = found[index + 1].x0 - 1 if index + 1 < len(found) else chunk.x0 + printed_width(chunk.text)
        reach = max(chunk.x1, min(chunk.x0 + printed_width(chunk.text), limit))
        widened.append(Chunk(chunk.text, chunk.x0, reach))
    return widened


def printed_width(text: str) -> int:
    """Columns a converter's text takes on the page: a full-width character two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _apart_figure(words: list[str], index: int) -> bool:
    """Is words[index] a figure at an end of its run of words (two spaces or more beyond it)?"""
    return printed_as_figure(words[index]) and index in (0, len(words) - 1)


def _words(chunk: Chunk) -> list[Chunk]:
    """A header's labels set apart by one space only where the columns are narrow ('政府性基金预算
    国有资本经营预算'): each word a label."""
    found, start = [], chunk.x0
    for word in chunk.text.split(" "):
        found.append(Chunk(word, start, start + len(word)))
        start += len(word) + 1
    return found


def letter_spaced(row: list[Chunk], above: list[Chunk] = (), cells_above: list[Chunk] = ()) -> list[Chunk]:
    """A word printed letter-spaced ('金   额', '合   计') as one: single Chinese characters a few
    columns apart (not the 类/款/项 captions, each over a code column of its own, nor the last
    characters of header labels wrapped from a line above: '项目支' / '出', nor the last characters of
    two cells of the row above wrapped each under its own: '其他专用设  分散自行组' / '备  织')."""
    joined: list[Chunk] = []
    run = False  # the last chunk joined is a run of spaced letters
    for chunk in row:
        letter = (
            len(chunk.text) == 1
            and _is_chinese(chunk.text)
            and chunk.text not in CODE_CAPTIONS
            and not any(a.x0 <= chunk.x0 < a.x1 for a in above)
        )
        apart = run and _under_two_cells(joined[-1], chunk, cells_above)
        if letter and run and not apart and chunk.x0 - joined[-1].x1 <= _LETTER_SPACING:
            joined[-1] = Chunk(joined[-1].text + chunk.text, joined[-1].x0, chunk.x1)
            continue
        joined.append(chunk)
        run = letter
    return joined


def _under_two_cells(first: Chunk, letter: Chunk, cells: list[Chunk]) -> bool:
    """Do the two stand under two cells of words above, each under its own (by where they start)? A
    total's letters may stand under a code and a name."""
    words = [c for c in cells if not is_number(c.text)]  # a code is no cell of words
    under = [next((i for i, c in enumerate(words) if c.x0 <= x < c.x1), None) for x in (first.x0, letter.x0)]
    return None not in under and under[0] != under[1]


def cells_of(chunk: Chunk) -> list[Chunk]:
    """A row's chunk as the cells it holds: Chinese words set apart by one space are cells a converter
    squeezed together ('机要及电子政务业务费 办公设备购置', '便携式计算机（20万以下） 分散自行组织': full-width
    brackets are Chinese text); other words stay one ('1. 一般公共预算', '（一） 一般公共服务')."""
    words = _unpadded_words(chunk)
    if len(words) < 2 or not all(chinese_word(w.text) for w in words):
        return [chunk]
    return _widened(words)


def _unpadded_words(chunk: Chunk) -> list[Chunk]:
    """The chunk's words set apart by one space, a converter's padding inside a word
    ('打印设备（20 万以下）') kept in it."""
    padding = {match.start() for match in PADDING.finditer(chunk.text)}
    gaps = [i for i, ch in enumerate(chunk.text) if ch == " " and i not in padding]
    bounds = zip([-1, *gaps], [*gaps, len(chunk.text)], strict=True)
    return [Chunk(chunk.text[a + 1 : b], chunk.x0 + a + 1, chunk.x0 + b) for a, b in bounds]


def chinese_word(word: str) -> bool:
    """A word of Chinese text: two Chinese letters or more, full-width at both ends."""
    return sum(map(_is_chinese, word)) >= 2 and _wide(word[0]) and _wide(word[-1])


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


def _is_chinese(character: str) -> bool:
    return _wide(character) and character.isalpha()


def _chunk(words: list[str], start: int) -> Chunk:
    text = " ".join(words)
    return Chunk(text, start, start + len(text))


def code_parts(row: list[Chunk]) -> int:
    """How many chunks a row's code takes: printed whole ('2010506') or in 类/款/项 columns ('201', '05',
    '06'). Bare digits opening a row are a code when they are split into 款/项 parts, or when words or
    figures printed as figures are (grouped or with decimals) follow; '201  100  100' may be figures."""
    count = 1 if row and _CODE.match(row[0].text) else 0
    while count and count < _CODE_COLUMNS and count < len(row) and _SUBCODE.match(row[count].text):
        count += 1
    rest = row[count:]
    split = count > 1 and any(row[i].text.startswith("0") for i in range(1, count))
    return count if split or any(not is_number(c.text) or printed_as_figure(c.text) for c in rest) else 0


def coded(row: list[Chunk]) -> bool:
    """Does the row open with a code, printed whole or in 类/款/项 parts ('301  工资福利支出': a row of a
    blank form, no figure of its own)? A year ('2024') is no code."""
    count = code_parts(row)
    return count > 1 or (count == 1 and bool(_WHOLE_CODE.match(row[0].text)))


def figures(row: list[Chunk]) -> list[Chunk]:
    """A row's figures: every number but its code, and but the code of a second side of a coded table
    ('30101  基本工资  12.00  30201  办公费  3.00')."""
    start = code_parts(row)
    return [
        c
        for i, c in enumerate(row[start:], start)
        if is_number(c.text) and not (start and _side_code(row, i))
    ]


def _side_code(row: list[Chunk], index: int) -> bool:
    """Is the number, in a row that opens with a code, the code of a second side: three, five or seven
    digits with a name after them? (A figure printed whole with the other side's name after it, and no
    code there, would be taken for one: coded tables print their figures with decimals or grouped.)"""
    after = row[index + 1].text if index + 1 < len(row) else ""
    return bool(_WHOLE_CODE.match(row[index].text)) and bool(after) and _is_chinese(after[0])


@dataclass
class Layout:
    """A table's columns left to right, its header as cells over them, and the reasons to doubt which
    figure column heads which (none when the header leaves no doubt)."""

    columns: list[Column]
    header: list[HeaderCell]
    doubts: tuple[Doubt, ...] = ()
    # of a table carried onto a continuation page: that page's own columns, and where each went among
    # the table's (the next page is more likely printed as that one than as the first)
    page_before: tuple[list[Column], list[int]] | None = None
    # the words of the header it was read under, to know that header printed again on a later page
    header_words: tuple[str, ...] = ()


def columns(header: list[list[Chunk]], body: list[list[Chunk]], numbers: list[Chunk] = ()) -> Layout:
    """`numbers`: the 栏次 row's column numbers (1, 2, 3 …), where the header prints one."""
    header = [[word for chunk in line for word in _words(chunk)] for line in header]
    header = [
        letter_spaced(line, [c for above in header[:n] for c in above]) for n, line in enumerate(header)
    ]
    captions = [chunk for line in header for chunk in line if is_text_header(chunk.text)]
    found = _body_columns(body, captions)
    if not any(column.kind == "amount" for column in found):  # a table printed without figures
        found = _blank_form_columns(header, found)
    if not found:
        return Layout([], [])
    pieces = [(line, chunk) for line, row in enumerate(header) for chunk in row]
    text_limit = _text_limit(found)
    figured = without_remarks(found, [chunk for _, chunk in pieces])
    sides = _side_labels(figured, [chunk for line, chunk in pieces if line == 0])
    parts = _part_labels(figured, pieces)
    named = {*sides, *(chunk for _, chunk in parts)}
    unnamed = [p for p in pieces if p[1] not in named]
    reach = _reach(figured)
    part_reach = [(line, reach[_home(chunk, reach)]) for line, chunk in parts]
    nested = _nested_groups(unnamed, text_limit, part_reach)
    groups = {p: children for p in unnamed if (children := nested.get(p) or _children(p, pieces, text_limit))}
    groups |= _wrapped_groups([p for p in unnamed if p not in groups], groups, pieces, text_limit)
    leaves = [p for p in unnamed if p not in groups]
    found, guessed = _place_leaves(
        _with_blank_code_columns(found, leaves, body), leaves, text_limit, _crowded(body), numbers
    )
    cells = [_leaf_cell(len(header) - 1, index, found) for index, column in enumerate(found) if column.pieces]
    groups_ = [_group_cell(group, children, found) for group, children in groups.items()]
    cells += [HeaderCell(0, first, last, label.text) for label, (first, last) in _side_spans(sides, found)]
    cells += [_part_cell(line, chunk, found) for line, chunk in parts]
    doubts = (*_nesting_doubt(groups_, found), *([Doubt(_GUESSED)] if guessed else []))
    return Layout(found, cells + groups_, doubts)


def without_remarks(found: list[Column], header: list[Chunk]) -> list[Column]:
    """The columns but a last column of words under a remarks caption ('备注'): words after the
    figures that start no second side (read/tables.py keeps them as the rows' text)."""
    last = found[-1]
    remarks = last.kind == "text" and any(
        REMARKS_CAPTION.search(normalise(chunk.text)) and overlap(chunk, last) for chunk in header
    )
    return found[:-1] if remarks else found


def _part_labels(found: list[Column], pieces: list[tuple[int, Chunk]]) -> list[tuple[int, Chunk]]:
    """Labels under a side that each head one part of it, a label column and its figures (Jiangsu's
    支出 | '功能分类' and '支出用途', or '支出用途' alone): on a line below the first, each over another
    part, each with its part's label caption and a figure label below it."""
    reach = _reach(found)
    if len(reach) < 2:
        return []
    labels: list[tuple[int, Chunk]] = []
    for line in sorted({at for at, _ in pieces} - {0}):
        named = [(at, c) for at, c in pieces if at == line and not is_text_header(c.text)]
        homes = [_home(c, reach) for _, c in named]
        if named and None not in homes and len(set(homes)) == len(homes):
            below = [[c for at, c in pieces if at > line and _home(c, reach) == home] for home in homes]
            if all(any(map(_is_caption, part)) and not all(map(_is_caption, part)) for part in below):
                labels += named
    return labels


def _is_caption(chunk: Chunk) -> bool:
    return is_text_header(chunk.text)


def side_reach(found: list[Column]) -> list[tuple[float, float]]:
    """Where each side of a many-sided table lies, left to right, from the middle between one side's last
    figures and the next side's labels (one side: the whole width)."""
    reach = _reach(found)
    bounds = [float("-inf")] + [(a[1] + b[0]) / 2 for a, b in pairwise(reach)] + [float("inf")]
    return list(pairwise(bounds))


def _reach(found: list[Column]) -> list[tuple[float, float]]:
    """Where each part of a many-sided table lies (see _spans)."""
    return [(found[first].x0 - _ALIGN, found[last].x1 + _ALIGN) for first, last in _spans(found)]


def _home(chunk: Chunk, reach: list[tuple[float, float]]) -> int | None:
    return next((i for i, (a, b) in enumerate(reach) if a <= chunk.centre <= b), None)


def _part_cell(line: int, chunk: Chunk, found: list[Column]) -> HeaderCell:
    """A part label over its part's columns (blank columns placed since may have widened it); one that
    names a kind of figure ('预算数') over its figures only, not the rows' labels."""
    spans = _spans(found)
    home = _home(chunk, _reach(found))
    first, last = spans[home] if home is not None else (0, len(found) - 1)
    if column_meaning(chunk.text) is not None:
        first = next((i for i in range(first, last + 1) if found[i].kind == "amount"), first)
    return HeaderCell(line, first, last, chunk.text)


def _side_labels(found: list[Column], top: list[Chunk]) -> list[Chunk]:
    """The labels of the sides of a two-sided table ('收入' | '支出'), left to right: the header's first
    line names each side once, over one label column and its figures or more (Jiangsu's 支出 over its
    breakdown by function and its breakdown by purpose)."""
    named = sorted((c for c in top if not is_text_header(c.text)), key=lambda c: c.x0)
    return named if 2 <= len(named) <= len(_spans(found)) else []


def _side_spans(sides: list[Chunk], found: list[Column]) -> list[tuple[Chunk, tuple[int, int]]]:
    """Each side label over the sides nearest it (every label over one at least, in order)."""
    spans = _spans(found)
    if not sides or len(sides) > len(spans):  # the columns placed since make fewer sides than labels
        return []
    centres = [(found[first].x0 + found[last].x1) / 2 for first, last in spans]
    owner = [min(range(len(sides)), key=lambda i: abs(sides[i].centre - centre)) for centre in centres]
    if sorted(set(owner)) != list(range(len(sides))) or owner != sorted(owner):
        owner = [min(i, len(sides) - 1) for i in range(len(spans))]
    return [
        (label, (spans[owner.index(i)][0], spans[len(owner) - 1 - owner[::-1].index(i)][1]))
        for i, label in enumerate(sides)
    ]


def _spans(found: list[Column]) -> list[tuple[int, int]]:
    """The columns of each side: a label column after figures starts a side."""
    starts = [i for i, c in enumerate(found) if c.kind == "text" and i and found[i - 1].kind == "amount"]
    bounds = [0, *starts, len(found)]
    return [(a, b - 1) for a, b in pairwise(bounds)]


def _nesting_doubt(groups: list[HeaderCell], found: list[Column]) -> list[Doubt]:
    """Groups of figure columns under groups are placed by position alone, and converters do not
    centre labels exactly: only one group over all figure columns ('收入预算') is certain."""
    amounts = [i for i, c in enumerate(found) if c.kind == "amount"]
    over_figures = [g for g in groups if found[g.first].kind == "amount" and found[g.last].kind == "amount"]
    if not over_figures or not amounts:
        return []
    only = over_figures[0]
    if len(over_figures) == 1 and (only.first, only.last) == (amounts[0], amounts[-1]):
        return []
    return [Doubt(_PLACED_GROUPS, columns_only=True, grouping=True)]


def continued_from(table: Layout, page: Layout, apart: frozenset[int] = frozenset()) -> list[int] | None:
    """Where a continuation page puts its columns among the table's (see continued): through those of
    the page before when that one continued the table too and they fit (a converter prints the pages
    that continue a table alike, and the first, under its header, otherwise), else directly."""
    if table.page_before is not None:
        before, onto = table.page_before
        via = continued(Layout(before, []), page, apart)
        if via is not None:
            return [onto[index] for index in via]
    return continued(table, page, apart)


def continued(table: Layout, page: Layout, apart: frozenset[int] = frozenset()) -> list[int] | None:
    """Where a page continuing a table without its header puts its columns among the table's (page
    column → table column), or None when they do not fit (the caller reads the page on its own). Each
    of the page's columns lies where one of the table's of its kind lies (its figures' right edge, its
    words' left edge), in order: as printed, else once one stretch and shift carries all of them there
    (a converter prints a page narrower, wider or shifted as its labels run shorter or longer). Two ways
    of fitting them leave it unsure: None. A page of labels alone, or of a table with one figure column,
    whose columns go on the table's in one order only, fits that way however far the converter set them."""
    orderings = list(_orderings(table.columns, page.columns))
    if not orderings:
        return _with_indented_labels(table, page, apart)
    xs = [_edge(column) for column in page.columns]
    for fits in (_as_printed, _stretched):
        found = [m for m in orderings if fits(xs, [_edge(table.columns[i]) for i in m])]
        if len(found) == 1 and fits is _as_printed:
            # a converter sets each page flush with its leftmost word: a page of the right side's rows
            # alone prints where the left side's would; fitting elsewhere as well, shifted, is unsure
            found = [
                m for m in orderings if m == found[0] or _shifted(xs, [_edge(table.columns[i]) for i in m])
            ]
        if found:
            return found[0] if len(found) == 1 else None
    # a page of labels alone (its rows left blank), or of a table with one figure column, fits in order
    # when only one order fits: no figure can land in another column
    alone = all(column.kind == "text" for column in page.columns)
    if alone or sum(column.kind == "amount" for column in table.columns) == 1:
        return orderings[0] if len(orderings) == 1 else None
    return _figures_in_order(table.columns, page.columns, orderings)


def _with_indented_labels(table: Layout, page: Layout, apart: frozenset[int]) -> list[int] | None:
    """A page with more label columns than the table: names indented by level (an item's set further
    right than its class's) make a column of their own on a page holding enough of them, where the
    page before held too few. Such a column goes on the table's column of the label column left of
    it, when joining them fits (see continued); of several ways, the one whose label columns stand
    nearest the table's left edges, the indented ones standing off them. Columns are never joined
    across `apart` (kept_apart): codes are no names (a first page of a total alone has no code column
    for the next page's 类, 款 and 项), nor are two columns one row fills both of (a first page of a
    total alone has no column for the next page's groups, '一般公共预算资金' beside '小计')."""
    labels = page.columns
    surplus = sum(c.kind == "text" for c in labels) - sum(c.kind == "text" for c in table.columns)
    joinable = [
        i for i in range(1, len(labels)) if labels[i].kind == labels[i - 1].kind == "text" and i not in apart
    ]
    fits = []
    for joined in combinations(joinable, surplus) if surplus > 0 else ():
        kept = [i for i in range(len(labels)) if i not in joined]
        mapping = continued(table, Layout([labels[i] for i in kept], []))
        if mapping is not None:
            onto = dict(zip(kept, mapping, strict=True))
            whole = [onto[0]]
            for index in range(1, len(labels)):
                whole.append(onto.get(index, whole[-1]))
            misfit = sum(
                abs(labels[i].x0 - table.columns[onto[i]].x0) for i in kept if labels[i].kind == "text"
            )
            fits.append((misfit, whole))
    fits.sort(key=lambda fit: fit[0])
    if fits and (len(fits) == 1 or fits[0][0] < fits[1][0]):
        return fits[0][1]
    return None


def kept_apart(rows: Iterable[Iterable[tuple[int, str]]]) -> frozenset[int]:
    """Where label columns may not be joined (i: between column i-1 and column i), in these rows (each
    its cells as (column, text)): beside a column of digits only (codes, or the parts of codes split
    into 类, 款 and 项), and between two columns a row fills both of (two fields side by side: a name
    indented by its level stands in one of them only)."""
    words: dict[int, list[str]] = {}
    apart: set[int] = set()
    for cells in rows:
        filled = [(index, text.strip()) for index, text in cells if text.strip()]  # cells may be an iterator
        used = {index for index, _ in filled}
        apart |= {index for index in used if index - 1 in used}
        for index, text in filled:
            words.setdefault(index, []).append(text)
    codes = {i for i, found in words.items() if all(w.isdigit() for w in found)}
    return frozenset(apart | codes | {i + 1 for i in codes})


def _figures_in_order(
    table: list[Column], page: list[Column], orderings: list[list[int]]
) -> list[int] | None:
    """A page with as many figure columns as the table, three or more that one stretch and shift carry
    onto the table's (a total row printed on a page of its own, its label shorter): its figures go on
    the table's in order, its words on the label columns nearest their left edges (one way only)."""
    xs = [_edge(c) for c in page if c.kind == "amount"]
    ys = [_edge(c) for c in table if c.kind == "amount"]
    if len(xs) != len(ys) or not _stretched(xs, ys) or not orderings:
        return None

    def misfit(mapping: list[int]) -> float:
        return sum(abs(c.x0 - table[i].x0) for c, i in zip(page, mapping, strict=True) if c.kind == "text")

    ranked = sorted(orderings, key=misfit)
    unique = len(ranked) == 1 or misfit(ranked[0]) < misfit(ranked[1])
    return ranked[0] if unique else None


def carried(row: list[Chunk], page: list[Column], table: list[Column], mapping: list[int]) -> list[Chunk]:
    """A continuation page's row moved onto the table's columns: each word by as far as the table's
    column its own column is put on lies from it, and a word alone in its column reaching no further
    than the next column (a column left blank on the first page is as wide as its caption, and a
    long name moved onto it would stand more in the next column than in its own)."""
    numbers = figures(row)
    owners = [_column_of(chunk, numbers, page) for chunk in row]
    moved = []
    for chunk, own in zip(row, owners, strict=True):
        target = mapping[own]
        offset = round(_edge(table[target]) - _edge(page[own]))
        x0, x1 = chunk.x0 + offset, chunk.x1 + offset
        # one word in its column: it stays in the one it is put on (several: the page's column holds
        # more than one of the table's, and where they stand tells them apart)
        if chunk not in numbers and owners.count(own) == 1 and target + 1 < len(table):
            x1 = max(x0 + 1, min(x1, table[target + 1].x0))
        moved.append(Chunk(chunk.text, x0, x1, chunk.end + offset))
    return moved


def _orderings(table: list[Column], page: list[Column], start: int = 0) -> Iterator[list[int]]:
    """Each way to put the page's columns on the table's, in order and each on one of its kind."""
    if not page:
        yield []
        return
    for index in range(start, len(table) - len(page) + 1):
        if table[index].kind == page[0].kind:
            yield from ([index, *rest] for rest in _orderings(table, page[1:], index + 1))


def _as_printed(xs: list[float], ys: list[float]) -> bool:
    return all(abs(x - y) <= _CONTINUED for x, y in zip(xs, ys, strict=True))


def _shifted(xs: list[float], ys: list[float]) -> bool:
    """Does one shift carry the page's edges onto the table's (each within the slack of a fit as
    printed)?"""
    shift = sum(y - x for x, y in zip(xs, ys, strict=True)) / len(xs)
    return all(abs(x + shift - y) <= _CONTINUED for x, y in zip(xs, ys, strict=True))


def _stretched(xs: list[float], ys: list[float]) -> bool:
    """Do one stretch and shift carry the page's edges onto the table's (three edges or more: two always
    fit one)?"""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if len(xs) < 3 or not spread:
        return False
    stretch = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    shift = mean_y - stretch * mean_x
    return _MIN_STRETCH <= stretch <= 1 / _MIN_STRETCH and all(
        abs(stretch * x + shift - y) <= _CONTINUED for x, y in zip(xs, ys, strict=True)
    )


def _edge(column: Column) -> float:
    """Where a column's cells line up: figures by their right edge, words by their left; where most of
    them do (a converter sets a few a place aside: a name wrapped, a line squeezed)."""
    if column.aligned is not None:
        return column.aligned
    return column.x1 if column.kind == "amount" else column.x0


def _most(chunks: list[Chunk], edge: str) -> float:
    """The edge most of the chunks share (of several, the leftmost)."""
    counts = Counter(getattr(chunk, edge) for chunk in chunks)
    return min(counts, key=lambda x: (-counts[x], x))


def place(row: list[Chunk], found: list[Column]) -> tuple[list[tuple[int, str]], list[Chunk]]:
    """A body row's cells (column, text) and the figures it could not place (two in one column)."""
    numbers = figures(row)
    by_column: dict[int, list[Chunk]] = {}
    for chunk in row:
        by_column.setdefault(_column_of(chunk, numbers, found), []).append(chunk)
    cells, unplaced = [], []
    for index, placed in sorted(by_column.items()):
        if len(placed) > 1 and any(c in numbers for c in placed):
            unplaced.extend(c for c in placed if c in numbers)
            continue
        cells.append((index, "".join(c.text for c in placed)))
    return cells, unplaced


def _column_of(chunk: Chunk, numbers: list[Chunk], found: list[Column]) -> int:
    """The column a row's word stands in: the nearest of its kind (figures among the figure columns)."""
    kind = "amount" if chunk in numbers else "text"
    candidates = [i for i, c in enumerate(found) if c.kind == kind] or list(range(len(found)))
    return _nearest(chunk, found, candidates)


def _body_columns(body: list[list[Chunk]], captions: list[Chunk]) -> list[Column]:
    numbers, words, row_of = [], [], {}
    for index, row in enumerate(body):
        row_figures = figures(row)
        numbers.extend(row_figures)
        row_of.update((id(c), index) for c in row_figures)
        words.extend(c for c in row if c not in row_figures)
    counts = {len(figures(row)) for row in body} - {0}
    groups = _overlapping(_aligned(numbers, "x1"), row_of)
    if len(counts) == 1:  # every row with figures has as many: the figures of a row are its columns
        groups = _drifting(groups, row_of)
    found = [
        Column("amount", min(c.x0 for c in g), max(c.x1 for c in g), aligned=_most(g, "x1")) for g in groups
    ]
    least = max(2, len(body) * _MIN_SHARE) if len(body) > 1 else 1
    groups = _gathered(_aligned(words, "x0"), captions, least)
    # a code column stays one however few codes it holds (项 codes of a short table), and so does the
    # first column (a few category rows '一、货物 A' over the items' column)
    # and so do words under a label column's caption of their own (a second side's labels, one row), but
    # for totals' labels, centred under the caption of the labels left-aligned before them ('收入合计')
    kept = [
        g
        for index, g in enumerate(groups)
        if not index
        or len(g) >= least
        or all(c.text.isdigit() for c in g)
        or (_captioned(g, groups, captions) and not totals(g))
    ]
    for group in groups:
        if group not in kept:
            _home_group(group, kept).extend(group)
    row_of.update((id(c), index) for index, row in enumerate(body) for c in row if c in words)
    found += [
        Column("text", min(c.x0 for c in g), max(c.x1 for c in g), aligned=_most(g, "x0"))
        for g in _indented(kept, row_of, found, captions)
    ]
    return _abutted(sorted(found, key=lambda c: c.x0))


def _abutted(found: list[Column]) -> list[Column]:
    """Label columns end where the next label column starts: a label printed last on its line is taken
    to reach its printed width, which may run over the next column's left edge (a category's long name
    alone on its line, over the items' column) — a word starting at that edge is the next column's."""
    for column, after in pairwise(found):
        if column.kind == after.kind == "text":
            column.x1 = min(column.x1, after.x0)
    return found


def _captioned(group: list[Chunk], groups: list[list[Chunk]], captions: list[Chunk]) -> bool:
    """Does a label column's caption stand over these words and over no other column's?"""
    return any(_under(group, c) and not any(_under(g, c) for g in groups if g is not group) for c in captions)


def totals(chunks_: list[Chunk]) -> bool:
    """Are the words all totals' labels ('合计', '收入合计')?"""
    return all(TOTAL_LABEL.match(normalise(c.text)) for c in chunks_)


def _under(group: list[Chunk], caption: Chunk) -> bool:
    return min(c.x0 for c in group) <= caption.centre <= max(c.x1 for c in group)


def _gathered(groups: list[list[Chunk]], captions: list[Chunk], least: float) -> list[list[Chunk]]:
    """Left edges too few for a column of their own are one column when the same label caption stands
    nearest over each of them and over no fuller column: a converter lets a sparse column's edges
    drift (its labels set a few characters apart), not its caption. Codes and the first column stay
    as they are."""
    fuller = [g for g in groups if len(g) >= least]
    homes: dict[int, list[list[Chunk]]] = {}
    for group in groups[1:]:
        if len(group) >= least or all(c.text.isdigit() for c in group):
            continue
        centre = (min(c.x0 for c in group) + max(c.end for c in group)) / 2
        over = [i for i, caption in enumerate(captions) if _under(group, caption)]
        home = min(over, key=lambda i: abs(captions[i].centre - centre), default=None)
        if home is not None and not any(_under(g, captions[home]) for g in fuller):
            homes.setdefault(home, []).append(group)
    drifted = [members for members in homes.values() if len(members) > 1]
    joined = {id(g) for members in drifted for g in members}
    kept = [g for g in groups if id(g) not in joined] + [[c for g in m for c in g] for m in drifted]
    return sorted(kept, key=lambda g: min(c.x0 for c in g))


def _home_group(group: list[Chunk], kept: list[list[Chunk]]) -> list[Chunk]:
    """The column a few words at a left edge of their own belong to: the one within whose printed
    width they start (a total's label centred under a label column), else the nearest by left edge."""
    start = group[0].x0
    return min(
        kept,
        key=lambda k: (not min(c.x0 for c in k) <= start < max(c.x1 for c in k), abs(k[0].x0 - start)),
    )


def _indented(
    groups: list[list[Chunk]], row_of: dict[int, int], figures_: list[Column], captions: list[Chunk]
) -> list[list[Chunk]]:
    """Labels indented under others ('1.一般公共预算' under '一、财政拨款') are one label column: a group
    that starts inside the printed text of the group left of it joins it (codes never do: each 类/款/项
    column ends before the next starts). So do the labels of totals centred across a side's label
    column or two breakdowns ('当年支出小计', '支出合计'): a total's label among them, without a caption of
    their own, on rows all after (or all before) the column's labels, starting inside its printed width
    or over figures."""
    joined: list[list[Chunk]] = []
    for group in sorted(groups, key=lambda g: min(c.x0 for c in g)):
        start, end = min(c.x0 for c in group), max(c.x1 for c in group)
        last = joined[-1] if joined else []
        inside = start < max((c.end for c in last), default=start)
        over = any(f.x0 < end and start < f.x1 for f in figures_)
        within = start < max((c.x1 for c in last), default=start)
        apart = bool(last) and _rows_apart([row_of[id(c)] for c in group], [row_of[id(c)] for c in last])
        left = (min(c.x0 for c in last), max(c.x1 for c in last)) if last else (start, start)
        captioned = any(start <= c.centre <= end and not left[0] <= c.centre <= left[1] for c in captions)
        totals = any(TOTAL_LABEL.match(normalise(c.text)) for c in group)
        beside = totals and apart and not captioned and (over or within)
        if (inside or beside) and not group[0].text.isdigit():
            joined[-1].extend(group)
        else:
            joined.append(list(group))
    return joined


def _rows_apart(rows: list[int], others: list[int]) -> bool:
    """Do these rows come all before or all after the others: totals closing (or opening) a side, not
    the labels of a column of items, each on a row of its own under the rows of the column before?"""
    return max(rows) < min(others) or max(others) < min(rows)


def _overlapping(groups: list[list[Chunk]], row_of: dict[int, int]) -> list[list[Chunk]]:
    """Figure columns joined where the converter moved a row's figures a few characters (after a longer
    or shorter Chinese label): groups that never share a row and whose figures print over the same
    characters — the span every figure of a group covers overlaps the other's — are one column; two
    columns' figures never overlap on the page."""
    return _joined(groups, row_of, _same_span)


def _same_span(one: list[Chunk], other: list[Chunk]) -> bool:
    """Do the spans every figure of each group covers overlap?"""
    return max(max(c.x0 for c in one), max(c.x0 for c in other)) < min(
        min(c.x1 for c in one), min(c.x1 for c in other)
    )


def _drifting(groups: list[list[Chunk]], row_of: dict[int, int]) -> list[list[Chunk]]:
    """Figure columns joined where the converter let their right edges drift apart (after long Chinese
    labels it places figures further right), in a table whose rows all have as many figures: groups of
    figures a few characters apart that never share a row are one column; groups that share a row are
    two, however close."""
    return _joined(
        groups, row_of, lambda last, group: min(c.x1 for c in group) - max(c.x1 for c in last) <= _DRIFT
    )


def _joined(
    groups: list[list[Chunk]], row_of: dict[int, int], together: Callable[[list[Chunk], list[Chunk]], bool]
) -> list[list[Chunk]]:
    """Each group joined to the one before it when `together` says so and no row holds figures of both."""
    joined: list[list[Chunk]] = []
    for group in groups:
        if joined and together(joined[-1], group) and not _shared_rows(joined[-1], group, row_of):
            joined[-1].extend(group)
        else:
            joined.append(list(group))
    return joined


def _shared_rows(one: list[Chunk], other: list[Chunk], row_of: dict[int, int]) -> bool:
    return bool({row_of[id(c)] for c in one} & {row_of[id(c)] for c in other})


def _blank_form_columns(header: list[list[Chunk]], body: list[Column]) -> list[Column]:
    """A table printed without figures: the figure columns its fullest header line names, among the
    label columns its rows fill (codes, names); the columns that line names when no row has a code."""
    if not header:
        return body
    named = [Column("text" if is_text_header(c.text) else "amount", c.x0, c.x1) for c in max(header, key=len)]
    if not any(column.kind == "text" for column in body):
        return named
    return sorted([*body, *(c for c in named if c.kind == "amount")], key=lambda c: c.x0)


def _aligned(found: list[Chunk], edge: str) -> list[list[Chunk]]:
    groups: list[list[Chunk]] = []
    for chunk in sorted(found, key=lambda c: getattr(c, edge)):
        if groups and getattr(chunk, edge) - getattr(groups[-1][-1], edge) <= _ALIGN:
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    return groups


def _text_limit(found: list[Column]) -> float:
    """Header labels centred left of this head the label columns: left of the first figures, and not
    right of the longest label (a header centred over narrow figures may start left of them)."""
    first = next((i for i, c in enumerate(found) if c.kind == "amount"), None)
    if first is None:
        return float("inf")
    labels = [c.x1 for c in found[:first] if c.kind == "text"]
    limit = found[first].x0 - _TEXT_SIDE
    return min(limit, max(labels) + _ALIGN) if labels else limit


def _stretch(
    piece: tuple[int, Chunk], pieces: list[tuple[int, Chunk]], text_limit: float
) -> tuple[float, float]:
    """Where a label's line is its own: half-way to its neighbours on the line, and never across the
    border of the label and figure columns ('项目' heads no figure column)."""
    line, chunk = piece
    same = sorted((c for at, c in pieces if at == line), key=lambda c: c.x0)
    index = same.index(chunk)
    left = (same[index - 1].centre + chunk.centre) / 2 if index else float("-inf")
    right = (chunk.centre + same[index + 1].centre) / 2 if index + 1 < len(same) else float("inf")
    if index and is_text_header(same[index - 1].text) and not _heads_labels(chunk, text_limit):
        left = min(left, text_limit)
    if (
        index + 1 < len(same)
        and is_text_header(chunk.text)
        and not _heads_labels(same[index + 1], text_limit)
    ):
        right = min(right, text_limit)
    return left, right


def _children(
    piece: tuple[int, Chunk], pieces: list[tuple[int, Chunk]], text_limit: float
) -> list[tuple[int, Chunk]]:
    """The labels a group label heads (none when it is no group): the labels below it, in its stretch,
    of two columns or more, over which it is centred — label columns under a label's caption
    ('功能分类科目编码' over 类/款/项), figure columns under a figure's ('收入预算'), both under a side of a
    two-sided table ('收入' over '项目' and '决算数', on the header's first line). A total heads its own
    column ('小计' over the pieces of its neighbours' wrapped labels)."""
    line, chunk = piece
    left, right = _stretch(piece, pieces, text_limit)
    below = [
        (at, c)
        for at, c in pieces
        if at > line and left <= c.centre < right and not _rest_beside(c, chunk, line, pieces)
    ]
    if _wraps(piece, below) or chunk.text in _TOTALS:
        return []
    label_heads = [(at, c) for at, c in below if _heads_labels(c, text_limit)]
    figure_heads = [p for p in below if p not in label_heads]
    two_sided = line == 0 and not is_text_header(chunk.text) and bool(label_heads) and bool(figure_heads)
    if two_sided and _heads_labels(chunk, text_limit):
        return below
    if _heads_labels(chunk, text_limit):
        # the captions of the label columns hang over the lowest line of them ('类', '款', '项'); a
        # caption printed on a line between ('功能分类科目名称') is a column of its own
        lowest = [p for p in label_heads if p[0] == max((at for at, _ in label_heads), default=0)]
        centred = _over(chunk, lowest, _CENTRED_LABELS)
        return lowest if _apart(lowest) and centred else []
    # the header's first line holds the outermost groups (its labels stand far apart); lower down, the
    # first line of a wrapped label stands beside the columns' own labels and must be centred closer
    if _apart(figure_heads) and _over(chunk, figure_heads, _CENTRED_TOP if line == 0 else _CENTRED):
        return figure_heads
    under = _right_under(piece, figure_heads)
    if len(under) >= 2 and _over(chunk, under, _CENTRED):
        return under  # a group within a group ('公务用车购置及运行费' over 小计, 购置费, 运行费)
    return below if two_sided else []


_Piece = tuple[int, Chunk]  # a header label's piece: (line, chunk)


def _rest_beside(chunk: Chunk, label: Chunk, line: int, pieces: list[_Piece]) -> bool:
    """Is the piece the rest of a label whose first line stands above the line beside the label
    ('本年支出合' / '计' beside '基本支出', printed at its cell's middle): no piece of its own columns?"""
    return any(at < line and overlap(c, chunk) and not overlap(c, label) for at, c in pieces)


def _nested_groups(
    pieces: list[_Piece], text_limit: float, parts: list[tuple[int, tuple[float, float]]]
) -> dict[_Piece, list[_Piece]]:
    """Groups of figure columns under groups, placed by how deep their columns' labels stand: a cell
    that spans the header's rows prints its label at their middle, so a column under a group has its
    label lower down than the columns beside the group (合计 beside “三公”经费, whose 小计 and
    因公出国(境)费 stand lower, and lower still under 公务用车购置及运行费). A group heads the run of
    columns round its middle whose labels stand deeper than the shallowest under the group above it
    (or under the part label above it, or in the header): converters print a group's label off the
    middle of its columns, not its columns' labels off their depth. Groups taken top down; a label
    over fewer than two columns so placed is left to the other rules."""
    figure_labels = [p for p in pieces if not _heads_labels(p[1], text_limit)]
    over = [p for p in figure_labels if _over_others(p, pieces, text_limit)]
    leaves = sorted(_wrapped([p for p in figure_labels if p not in over]), key=_centre)
    depth = [(min(line for line, _ in leaf) + max(line for line, _ in leaf)) / 2 for leaf in leaves]
    spans: dict[_Piece, range] = {}
    for group in sorted(over, key=lambda p: p[0]):
        line, chunk = group
        parents = [span for g, span in spans.items() if g[0] < line and _reaches(leaves, span, chunk.centre)]
        within = parents[-1] if parents else _in_part(leaves, line, chunk.centre, parts)
        floor = min((depth[i] for i in within), default=0.0)
        deeper = [i for i in within if depth[i] > floor and min(at for at, _ in leaves[i]) > line]
        run = _run_round(deeper, leaves, chunk.centre)
        if len(run) >= 2 and _reaches(leaves, run, chunk.centre):
            spans[group] = run
    return {group: [p for i in span for p in leaves[i]] for group, span in spans.items()}


def _in_part(
    leaves: list[list[_Piece]], line: int, x: float, parts: list[tuple[int, tuple[float, float]]]
) -> range:
    """The leaves under the part label above a group label at x (a part's label heads all of its
    columns, '预算数' over 合计, 基本支出 and 项目支出), or all of them when none stands above it."""
    reach = [(a, b) for at, (a, b) in parts if at < line and a <= x <= b]
    left, right = reach[-1] if reach else (float("-inf"), float("inf"))
    inside = [i for i, leaf in enumerate(leaves) if left <= _centre(leaf) <= right]
    return range(inside[0], inside[-1] + 1) if inside else range(0)


def _wrapped_groups(
    leaves: list[_Piece], groups: dict[_Piece, list[_Piece]], pieces: list[_Piece], text_limit: float
) -> dict[_Piece, list[_Piece]]:
    """Captions of label columns that are the first line of a group's caption wrapped in its cell
    ('支出功能分类' / '科目编码' over 类/款/项): groups over the same labels, not a column's."""
    found = {}
    for piece in (p for p in leaves if _heads_labels(p[1], text_limit)):
        left, right = _stretch(piece, pieces, text_limit)
        below = [(at, c) for at, c in pieces if at > piece[0] and left <= c.centre < right]
        rests = [g for g in groups if g in below and _touch(piece[1], g[1])]
        if rests and _wraps(piece, below):
            found[piece] = groups[min(rests, key=lambda g: g[0])]
    return found


def _over_others(piece: _Piece, pieces: list[_Piece], text_limit: float) -> bool:
    """Does the label stand over others (touching labels below it, or centred over a line of two or
    more labels' first pieces: a short group label printed over columns set wider than it), not as
    the first line of its own?"""
    left, right = _stretch(piece, pieces, text_limit)
    below = [(at, c) for at, c in pieces if at > piece[0] and left <= c.centre < right]
    starts = [
        p for p in below if not any(at < p[0] and overlap(c, p[1]) for at, c in pieces if (at, c) != piece)
    ]
    lines = [[p for p in starts if p[0] == line] for line in {at for at, _ in starts}]
    centred = any(len(line) >= 2 and _over(piece[1], line, _CENTRED) for line in lines)
    touching = any(_touch(piece[1], chunk) for _, chunk in below)
    return (touching or centred) and not _wraps(piece, below)


def _run_round(indices: list[int], leaves: list[list[_Piece]], centre: float) -> range:
    """The unbroken run of these leaves (by index) holding the one nearest a group label's middle."""
    if not indices:
        return range(0)
    start = min(indices, key=lambda i: abs(_centre(leaves[i]) - centre))
    first, last = start, start
    while first - 1 in indices:
        first -= 1
    while last + 1 in indices:
        last += 1
    return range(first, last + 1)


def _reaches(leaves: list[list[_Piece]], span: range, x: float) -> bool:
    """Does the place x lie over these leaves' labels?"""
    chunks_ = [chunk for i in span for _, chunk in leaves[i]]
    return bool(chunks_) and min(c.x0 for c in chunks_) <= x <= max(c.x1 for c in chunks_)


def _wraps(piece: _Piece, below: list[_Piece]) -> bool:
    """Is the label the first line of a label wrapped in its cell: right above its rest, no longer than
    it, that stands alone on its line under it ('附属单' / '位上' / '缴收入') or, among others, is one
    character ('一般公共预算' / '合计  财' / '政拨款') or starts where it starts ('因公出国' / '（境）费  小计'),
    the nearest piece under it doing so whatever stands between ('公务用车' / '公务用车' / '运行维护': the
    line between holds its neighbour's first line), or read on into a known caption?
    A group's label stands over a line of labels, or over a longer label alone on its line (a group's
    over a group: a cell's text fills its first line before it wraps)."""
    label = piece[1]
    if any(_starts_as(c, label) for _, c in _nearest_line([p for p in below if overlap(label, p[1])])):
        return True  # its rest starts where it starts, whatever touches it (or stands between)
    touching = _nearest_line([(line, chunk) for line, chunk in below if _touch(label, chunk)])
    if not touching:
        return False
    rest = [chunk for _, chunk in touching]
    alone = sum(1 for line, _ in below if line == touching[0][0]) == 1
    if any(_starts_as(c, label) or _caption_halves(label, c) for c in rest):
        return True
    return len(rest) == 1 and len(rest[0].text) <= len(label.text) + 1 and (alone or _letter(rest[0]))


def _caption_halves(label: Chunk, rest: Chunk) -> bool:
    """Are they the two lines of a caption wrapped in its cell ('采购组织' / '形式'): a caption read on,
    and neither one alone ('功能分类' over '科目编码' is a group over the code captions)?"""
    return is_text_header(label.text + rest.text) and not (
        is_text_header(label.text) or is_text_header(rest.text)
    )


def _nearest_line(pieces: list[_Piece]) -> list[_Piece]:
    """The pieces of the highest line among these."""
    nearest = min((line for line, _ in pieces), default=None)
    return [(line, chunk) for line, chunk in pieces if line == nearest]


def _starts_as(rest: Chunk, label: Chunk) -> bool:
    """Does the piece start where the label starts, about as long: its wrapped rest?"""
    return rest.x0 == label.x0 and len(label.text) - 1 <= len(rest.text) <= len(label.text) + 1


def _right_under(piece: tuple[int, Chunk], heads: list[tuple[int, Chunk]]) -> list[tuple[int, Chunk]]:
    """The labels of the nearest line below the label that stand under its own width."""
    chunk = piece[1]
    return _nearest_line(
        [(at, c) for at, c in heads if chunk.x0 - _TEXT_SIDE <= c.centre <= chunk.x1 + _TEXT_SIDE]
    )


def _over(chunk: Chunk, heads: list[tuple[int, Chunk]], slack: float) -> bool:
    """Does the label stand over the middle of these labels (a group is centred over its columns; the
    first line of a wrapped label, on a line of its own, is not)?"""
    if not heads:
        return False
    left, right = _edges(heads)
    return abs(chunk.centre - (left + right) / 2) <= max(_TEXT_SIDE, (right - left) * slack)


def _heads_labels(chunk: Chunk, text_limit: float) -> bool:
    """A label over the label columns: a label column's caption, or one left of the figures that names
    no kind of figure ('金额' printed left of its right-aligned figures heads them)."""
    return is_text_header(chunk.text) or (chunk.centre < text_limit and column_meaning(chunk.text) is None)


def _apart(found: list[tuple[int, Chunk]]) -> bool:
    """Are these label pieces the labels of two columns or more side by side (on one line), not one
    label wrapped, nor pieces of labels of other lines?"""
    return any(
        a_line == b_line for index, (a_line, _) in enumerate(found) for b_line, _ in found[index + 1 :]
    )


def _letter(chunk: Chunk) -> bool:
    """A single character that is no code caption: no column's label, a wrapped label's piece."""
    return len(chunk.text) == 1 and chunk.text not in CODE_CAPTIONS


def overlap(a: Chunk | Column, b: Chunk | Column) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1


def _touch(a: Chunk, b: Chunk) -> bool:
    return a.x0 <= b.x1 + _TOUCH and b.x0 <= a.x1 + _TOUCH


def _place_leaves(
    found: list[Column],
    leaves: list[tuple[int, Chunk]],
    text_limit: float,
    crowded: bool = False,
    numbers: list[Chunk] = (),
) -> tuple[list[Column], bool]:
    """Give each column its label: label captions to the nearest label column; each figure column the
    nearest of the figure labels, the others the labels of columns left blank all down the table, or,
    where a 栏次 row numbers the figure labels' columns and each figure column holds one of its numbers,
    the label that number counts to. Also whether another choice of the blank columns fits the figures
    about as well, or the converter moved the figures off their places (`crowded`): the placement is a
    guess."""
    text_columns = [i for i, c in enumerate(found) if c.kind == "text"]
    amount_columns = [i for i, c in enumerate(found) if c.kind == "amount"]
    loose: list[tuple[int, Chunk]] = []
    for piece in _code_captions_placed(found, leaves):
        if _heads_labels(piece[1], text_limit) and text_columns:
            found[_nearest(piece[1], found, text_columns)].pieces.append(piece)
        else:
            loose.append(piece)
    added = [column for index in text_columns for column in _blank_label_columns(found[index])]
    labels = sorted(_wrapped(loose), key=_centre)
    # a caption wrapped in its cell whose lines alone name nothing ('采购组织' / '形式') heads words
    captions = [label for label in labels if is_text_header(_label_text(label))]
    labels = [label for label in labels if label not in captions]
    added += [_blank(label, "text") for label in captions]
    figure_columns = [found[i] for i in amount_columns]
    matched, cost = _matching(labels, figure_columns)
    numbered = _numbered(len(labels), figure_columns, numbers)
    if numbered is not None:
        matched = numbered
    for index, label in enumerate(labels):
        if index in matched:
            found[amount_columns[matched[index]]].pieces.extend(label)
        elif numbered is not None:  # a blank column stands where its number does
            added.append(Column("amount", numbers[index].x0, numbers[index].end, list(label)))
        else:
            added.append(_blank(label))
    # without a label column nothing but the header's words places the figures: a fit twice as bad is close
    close = _CLOSE_FIT if text_columns else max(_CLOSE_FIT, cost)
    guessed = numbered is None and (
        _ambiguous(labels, figure_columns, matched, cost, close)
        or (crowded and len(labels) > len(matched))
        or _against_numbers(len(labels), figure_columns, matched, numbers)
    )
    return sorted([*found, *added], key=lambda c: c.centre), guessed


def _numbered(labels: int, figure_columns: list[Column], numbers: list[Chunk]) -> dict[int, int] | None:
    """Label index → figure column by the 栏次 row: it numbers the figure labels' columns 1 to n in order,
    and each figure column holds one number within its figures' reach, a number at most one column. A
    converter moves a header's captions off their columns, and the figures not; the numbers, printed
    right over the figures, go with them. None where the row does not so settle every column."""
    if not _numbering(labels, numbers):
        return None
    matched: dict[int, int] = {}
    for index, column in enumerate(figure_columns):
        inside = [k for k, n in enumerate(numbers) if column.x0 - 1 <= n.x0 and n.end <= column.x1 + 1]
        if len(inside) != 1 or inside[0] in matched:
            return None
        matched[inside[0]] = index
    return matched


def _numbering(labels: int, numbers: list[Chunk]) -> bool:
    """Does the 栏次 row number the figure labels' columns 1 to n, in order?"""
    return labels >= 2 and [chunk.text for chunk in numbers] == [str(n) for n in range(1, labels + 1)]


def _against_numbers(
    labels: int, figure_columns: list[Column], matched: dict[int, int], numbers: list[Chunk]
) -> bool:
    """Where a 栏次 row numbers the figure labels' columns 1 to n but does not settle them (`_numbered`),
    does it stand against the placement the captions gave? Figures set right stand at their cell's right
    edge and its number at the cell's middle, so a column's number stands past the figures before it and
    not past its own: one whose label's number stands elsewhere may sit under a neighbour's caption (a
    converter moves captions, not figures). Figures set otherwise say nothing so."""
    if not _numbering(labels, numbers):
        return False
    if any(column.aligned is None or column.x1 - column.aligned > 1 for column in figure_columns):
        return False
    for label, index in matched.items():
        after = figure_columns[index - 1].x1 if index else float("-inf")
        number = numbers[label]
        if not after < (number.x0 + number.end) / 2 <= figure_columns[index].x1:
            return True
    return False


def _crowded(body: list[list[Chunk]]) -> bool:
    """Does a row print two figures a space apart? A converter sets a word a space after the one before
    when its place is taken: the figures after it stand where the line had room, not where the page
    printed them, and a caption over a blank column may stand right over them ('1,665.16 1,001.14')."""
    for row in body:
        numbers = figures(row)
        if any(b.x0 - a.end <= 1 for a, b in pairwise(numbers)):
            return True
    return False


def _with_blank_code_columns(
    found: list[Column], leaves: list[_Piece], body: list[list[Chunk]]
) -> list[Column]:
    """A column under each 款/项 caption clear of the columns found, when the rows print 类 codes alone
    (a first page holding its first row, '201  一般公共服务支出'), and under 类 too when they print no
    code (a first page holding the total alone): the codes are split into 类/款/项 columns, blank on
    this page; the next page's rows print their codes under those captions."""
    codes = [row[:parts] for row in body if (parts := code_parts(row))]
    if any(len(code) > 1 or len(code[0].text) != 3 for code in codes):
        return found
    blank_under = CODE_CAPTIONS - {"类"} if codes else CODE_CAPTIONS
    clear = [
        chunk
        for _, chunk in leaves
        if chunk.text in blank_under and not any(overlap(chunk, c) for c in found)
    ]
    if not codes and {chunk.text for chunk in clear} != CODE_CAPTIONS:
        return found  # without codes, only the three captions together are a code header ('项 目' is none)
    return sorted([*found, *(Column("text", chunk.x0, chunk.x1) for chunk in clear)], key=lambda c: c.x0)


def _code_captions_placed(found: list[Column], leaves: list[_Piece]) -> list[_Piece]:
    """The leaves left once the 类/款/项 captions printed together on a line are placed: on as many label
    columns side by side, in order, as close as can be (a converter squeezes the captions, not the codes
    under them: '类 款 项' over '201   06   01')."""
    text = [i for i, c in enumerate(found) if c.kind == "text"]
    left = list(leaves)
    for line in sorted({at for at, c in leaves if c.text in CODE_CAPTIONS}):
        captions = sorted(
            (p for p in leaves if p[0] == line and p[1].text in CODE_CAPTIONS), key=lambda p: p[1].x0
        )
        runs = [text[k : k + len(captions)] for k in range(len(text) - len(captions) + 1)]
        if len(captions) < 2 or not runs:
            continue
        for index, piece in zip(
            min(runs, key=lambda run: _misfit(found, run, captions)), captions, strict=True
        ):
            found[index].pieces.append(piece)
            left.remove(piece)
    return left


def _misfit(found: list[Column], run: list[int], captions: list[_Piece]) -> float:
    """How far captions stand from the middles of the columns they are put on (characters)."""
    return sum(abs(found[i].centre - piece[1].centre) for i, piece in zip(run, captions, strict=True))


def _blank_label_columns(column: Column) -> list[Column]:
    """The label columns left blank all down the table among the captions given to a label column:
    two captions side by side on one line head two columns, so those clear of the column's words
    ('采购品目大类' on a page without categories, beside '专项名称') head columns of their own (the 类/款/项
    captions over codes printed whole stay together). When no caption stands over its words (a page
    of the total alone, '合计' under neither '功能科目编码' nor '功能科目名称'), the column keeps the
    one it most likely stands under: names start at their column's left edge, under its caption or
    left of it, so the nearest caption starting at or right of the words. A caption wrapped in its
    cell ('采购物品' / '名称') is one caption."""
    captions = _wrapped(column.pieces)
    clear = [c for c in captions if all(p[1].x1 <= column.x0 or column.x1 <= p[1].x0 for p in c)]
    apart = [
        c
        for c in clear
        if all(p[1].text not in CODE_CAPTIONS for p in c)
        and any(_shared_line(c, other) for other in captions if other is not c)
    ]
    if apart and len(clear) == len(captions):
        apart.remove(_heading(apart, column))
    for caption in apart:
        for piece in caption:
            column.pieces.remove(piece)
    return [_blank(caption, "text") for caption in apart]


def _shared_line(one: list[_Piece], other: list[_Piece]) -> bool:
    return bool(_lines(one) & _lines(other))


def _lines(label: list[_Piece]) -> set[int]:
    """The header lines a label's pieces stand on."""
    return {line for line, _ in label}


def _heading(captions: list[list[_Piece]], column: Column) -> list[_Piece]:
    """Of captions clear of a column's words, the one over it: the nearest starting at or right of the
    words, else the rightmost."""
    right = [c for c in captions if _edges(c)[0] >= column.x0]
    if right:
        return min(right, key=lambda c: _edges(c)[0] - column.x0)
    return max(captions, key=lambda c: _edges(c)[0])


def _ambiguous(
    labels: list[list[tuple[int, Chunk]]],
    figure_columns: list[Column],
    matched: dict[int, int],
    cost: float,
    close: float,
) -> bool:
    """With more figure labels than figure columns, does leaving another label blank fit within `close`
    characters as well? ('合计  基本支出  项目支出  结转' over three figures printed right-aligned half a
    column right: is the first column blank, or the last?) Not when the fit found prints more of its
    figures under their own label's characters than the other does: the other then puts a figure under
    no label of its own."""
    if len(labels) <= len(figure_columns):
        return False
    under = _under_their_labels(labels, figure_columns, matched)
    for index in matched:
        rest = labels[:index] + labels[index + 1 :]
        other, without = _matching(rest, figure_columns)
        if (
            without + _BLANK_COLUMN - cost < close
            and _under_their_labels(rest, figure_columns, other) >= under
        ):
            return True
    return False


def _under_their_labels(
    labels: list[list[tuple[int, Chunk]]], figure_columns: list[Column], matched: dict[int, int]
) -> int:
    """How many figure columns a matching puts where their label's characters stand."""
    return sum(
        left <= figure_columns[j].x1 and figure_columns[j].x0 <= right
        for i, j in matched.items()
        for left, right in [_edges(labels[i])]
    )


def _matching(
    labels: list[list[tuple[int, Chunk]]], figure_columns: list[Column]
) -> tuple[dict[int, int], float]:
    """Which figure column each figure label heads (label index → column index), in order left to right
    and as close as can be, and what that costs (characters of misplacement): converters squeeze a
    header's words and not the figures under them, so the nearest column is not always the right one, but
    the order always is. A label left over heads a column blank all down the table; a column left over
    has no label (read/layout.py then says so)."""
    skip_label, skip_column = _BLANK_COLUMN, 10 * _BLANK_COLUMN
    m, n = len(labels), len(figure_columns)
    cost = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m + 1):
        for j in range(n + 1):
            if i == j == 0:
                continue
            options = []
            if i and j:
                options.append(
                    cost[i - 1][j - 1] + abs(_centre(labels[i - 1]) - figure_columns[j - 1].centre)
                )
            if i:
                options.append(cost[i - 1][j] + skip_label)
            if j:
                options.append(cost[i][j - 1] + skip_column)
            cost[i][j] = min(options)
    matched: dict[int, int] = {}
    i, j = m, n
    while i and j:
        pair = cost[i - 1][j - 1] + abs(_centre(labels[i - 1]) - figure_columns[j - 1].centre)
        if cost[i][j] == pair:
            matched[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif cost[i][j] == cost[i - 1][j] + skip_label:
            i -= 1
        else:
            j -= 1
    return matched, cost[m][n]


def _centre(label: list[tuple[int, Chunk]]) -> float:
    return sum(_edges(label)) / 2


def _edges(label: list[tuple[int, Chunk]]) -> tuple[float, float]:
    """Where a label's pieces start and end, left to right."""
    return min(c.x0 for _, c in label), max(c.x1 for _, c in label)


def _wrapped(found: list[tuple[int, Chunk]]) -> list[list[tuple[int, Chunk]]]:
    """Label pieces joined into labels: pieces on other lines that overlap are one label, and so are
    those that only touch once no overlap is left to join ('公务接' goes with '待费' under it, not with
    '公务用车运' touching its start)."""
    singles = [[piece] for piece in sorted(found, key=lambda p: p[1].x0)]
    return _clustered(_clustered(singles, overlap), _touch)


def _clustered(
    labels: list[list[tuple[int, Chunk]]], near: Callable[[Chunk, Chunk], bool]
) -> list[list[tuple[int, Chunk]]]:
    clusters: list[list[tuple[int, Chunk]]] = []
    for label in labels:
        lines = _lines(label)
        home = next(
            (
                c
                for c in clusters
                if not lines & _lines(c)
                and not (near is _touch and _interleaved(lines, _lines(c)))
                and any(near(a, b) for _, a in c for _, b in label)
            ),
            None,
        )
        if home is None:
            clusters.append(list(label))
        else:
            home.extend(label)
    return clusters


def _interleaved(one: set[int], other: set[int]) -> bool:
    """Does a line of one label stand between two of the other's? Then they are two labels wrapped side
    by side ('公务用车' / '购置费' beside '公务用车' / '运行维护' / '费'; '本年收入' between '年初结转和' and
    '结余'), not one: a wrapped label's lines follow one another."""
    return _between(one, other) or _between(other, one)


def _between(lines: set[int], other: set[int]) -> bool:
    return any(min(other) < line < max(other) for line in lines)


def _blank(pieces: list[tuple[int, Chunk]], kind: str = "amount") -> Column:
    chunks_ = [chunk for _, chunk in pieces]
    return Column(kind, min(c.x0 for c in chunks_), max(c.x1 for c in chunks_), list(pieces))


def _label_text(label: list[_Piece]) -> str:
    """A label's pieces read top to bottom."""
    return "".join(chunk.text for _, chunk in sorted(label, key=lambda p: (p[0], p[1].x0)))


def _nearest(chunk: Chunk, found: list[Column], candidates: list[int]) -> int:
    """The column a cell stands in: the one it overlaps most, else the nearest."""

    def score(index: int) -> tuple[float, float]:
        column = found[index]
        shared = min(chunk.x1, column.x1) - max(chunk.x0, column.x0)
        return (-max(shared, 0), abs(chunk.centre - column.centre))

    return min(candidates, key=score)


def _leaf_cell(line: int, index: int, found: list[Column]) -> HeaderCell:
    """A leaf label over its column; a label column's reaches over the label columns after it that
    have none (项目名称 printed once over a category's and its items' columns)."""
    column = found[index]
    text = _label_text(column.pieces)
    last = index
    if column.kind == "text":
        while last + 1 < len(found) and found[last + 1].kind == "text" and not found[last + 1].pieces:
            last += 1
    return HeaderCell(line, index, last, text)


def _group_cell(
    group: tuple[int, Chunk], children: list[tuple[int, Chunk]], found: list[Column]
) -> HeaderCell:
    """A group label over the columns of the labels it heads (their pieces, or groups' columns)."""
    spans = [(c.x0, c.x1) for _, c in children]
    under = [
        index
        for index, column in enumerate(found)
        if any(piece in children for piece in column.pieces)
        or any(x0 <= column.centre <= x1 for x0, x1 in spans)
    ] or [_nearest(group[1], found, list(range(len(found))))]
    return HeaderCell(group[0], min(under), max(under), group[1].text)
