"""A PDF that holds several filings one after another — a compilation (汇编): a department's filing and then
each of its units', or a county's departments in one file — is read as that many filings. Read as one,
a compilation had the second unit's narrative checked against the first unit's tables: dozens of false
errors.

A filing prints its summary tables once (收支总表, 收入总表; a table continued over pages is one table), so
one printed again opens the tables of the next filing. That filing starts at its cover: the first page
after the tables before it whose first lines title another filing ('2019年度江苏省人民检察院部门预算'); a part
of the filing before, printed after its tables ('第三部分上海市普陀区财政局2024年度部门决算情况'), is none.
Without a cover (tables alone) it starts at its summary table. A split stands only when each filing
prints tables of at least three kinds: a table of a summary's kind printed twice in one filing (a
'非税收入预算表' is read as a 收入总表) splits nothing, nor does a summary's page the reader did not join.
"""

from __future__ import annotations

import re
from itertools import combinations, pairwise

from budget_graph.model import UNDATED, Diagnostic, Filing, Location, TableKind
from budget_graph.model.units import same_unit
from budget_graph.read.layout import FILING_TITLE, normalise, recognise_table
from budget_graph.read.pdf_flow import Flow

# the tables every filing prints once: one printed again opens another filing
_ONCE = frozenset({TableKind.IncomeExpenditureSummary, TableKind.IncomeSummary})
# kinds of table each filing of a compilation prints (most print 8 to 12): fewer, and a summary's kind
# printed again is a table of that filing's own, not the next filing's
_MIN_KINDS = 3
_TOP_LINES = 3  # of a page: where a cover or a first part prints the filing's title
_MAX_TITLE = 40  # characters: a title line, not a sentence naming a filing
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")  # a part's heading before the unit's name


def filing_spans(flow: Flow, first: int, last: int) -> list[tuple[int, int]]:
    """The pages (first, last) of each filing the document holds, in order; one span for most files."""
    starts, sets = [first], [set()]
    previous_table, previous_kind = first, None
    for block in flow.blocks:
        kind = recognise_table(block.title)
        # a table's page the reader did not join to it (its columns drawn otherwise) goes on the same table
        continued = kind == previous_kind and block.page == previous_table + 1
        if kind in _ONCE and kind in sets[-1] and not continued:
            before = _titles(flow, starts[-1], previous_table)
            starts.append(_title_page(flow, previous_table + 1, block.page, before) or block.page)
            sets.append(set())
        if kind is not None:
            sets[-1].add(kind)
        previous_table = block.grids[-1].page if block.grids else block.page
        previous_kind = kind
    if any(len(kinds) < _MIN_KINDS for kinds in sets):
        return [(first, last)]  # a table of a summary's kind printed twice in one filing ('非税收入预算表')
    return [(start, end - 1) for start, end in zip(starts, [*starts[1:], last + 1], strict=True)]


def apart(filings: list[Filing]) -> bool:
    """Are the spans, read, filings apart: no two of one kind and level and of one year (or one printing
    none) that name the same unit, or, one of them printing no year or no unit, print a table alike? A
    summary's title garbled into another summary's (a font's map damaged) reads as that summary printed
    again and splits one filing in two, the first without its year; so does a page printed twice (a
    department of one unit prints its unit's tables alike, under a cover of their own)."""
    return not any(_one_filing(a, b) for a, b in combinations(filings, 2))


def _one_filing(a: Filing, b: Filing) -> bool:
    if (a.kind, a.level) != (b.kind, b.level) or not (a.year == b.year or UNDATED in (a.year, b.year)):
        return False
    unnamed = any(f.year == UNDATED or f.unit_from_name for f in (a, b))
    return same_unit(a.unit, b.unit) or (unnamed and bool(_printed(a) & _printed(b)))


def _printed(filing: Filing) -> set[tuple]:
    """Its tables as printed, line by line, those printing a figure other than zero: two units' filings
    print no such table alike."""
    return {
        tuple((row.label, tuple(sorted((m, c.text) for m, c in row.cells.items()))) for row in table.rows)
        for table in filing.tables
        if any(c.amount and c.amount.value for row in table.rows for c in row.cells.values())
    }


def span_note(source: str, first: int, last: int) -> Diagnostic:
    """The info that says which pages of the file a filing of a compilation holds."""
    return Diagnostic(
        "info",
        f"文件含多份预决算，本份印于第{first}–{last}页 the file holds several filings; this one is printed on "
        f"pages {first}–{last}",
        (Location(source, page=first),),
    )


def _titles(flow: Flow, first: int, last: int) -> list[re.Match[str]]:
    """The filing titles printed as lines from page `first` to `last`."""
    lines = (normalise(line.text) for line in flow.lines if first <= line.page <= last)
    return [match for match in map(_title, lines) if match]


def _title_page(flow: Flow, after: int, before: int, known: list[re.Match[str]]) -> int | None:
    """The first page from `after` to `before` whose first lines title a filing none of `known` names."""
    top: dict[int, list[str]] = {}
    for line in flow.lines:
        if after <= line.page <= before and len(top.setdefault(line.page, [])) < _TOP_LINES:
            top[line.page].append(normalise(line.text))
    named = [other for other in known if _unit(other)]  # a title naming no unit tells none apart
    for page in sorted(top):
        lines = [text for text in top[page] if len(text) <= _MAX_TITLE]
        # a cover may print the unit on a line above its title ('江苏省人民检察院' / '2019年度部门预算公开')
        joined = (FILING_TITLE.search(a + b) for a, b in pairwise(lines))  # each line short already
        titles = [match for match in [*map(_title, lines), *joined] if match]
        if any(_unit(title) and not any(_same_filing(title, other) for other in named) for title in titles):
            return page
    return None


def _title(text: str) -> re.Match[str] | None:
    """A line that titles a filing (short: not a sentence naming one)."""
    return FILING_TITLE.search(text) if len(text) <= _MAX_TITLE else None


def _same_filing(a: re.Match[str], b: re.Match[str]) -> bool:
    """Could two titles be one filing's? The same year, kind and level (部门 / 单位), and one's unit inside
    the other's words (a cover may print the unit after the year); a title naming no unit
    ('第三部分2019年度部门预算情况说明') may be any filing's of its year and kind."""
    if any(a.group(name) != b.group(name) for name in ("year", "kind", "level")):
        return False
    one, other = _unit(a), _unit(b)
    return not one or not other or one in other or other in one


def _unit(title: re.Match[str]) -> str:
    return _PART.sub("", title.group("unit") + title.group("after"))
