"""The identities within one table: BG-R004–R008, across a row's columns and down the two sides of the
summary tables.

Column identities come from the header nesting the reader records (Column.path), so they hold for any
layout: a printed group column equals the sum of its printed parts, a group that is not printed as a
column of its own being replaced by its parts. The 收支总表 identities read the rows by their labels and
outline numbers (一、 1. (1)); where a label does not say for certain what a row is, no identity is stated.
A column that is part of another on every row (BG-R005's reserved shares) is declared, with its rule's
record, in table_identities.yaml (`PartOf`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import yaml

from budget_graph.codes import normalise, scheme_index
from budget_graph.derive.crosstable import carry_over_parts
from budget_graph.derive.identity import Figure, Identity, adds_up_exactly, at_most, cells_sum, same
from budget_graph.derive.rollups import (
    LOADER,
    TWO_SIDED,
    Block,
    code_tree,
    sum_rows,
    table_blocks,
    tree_identities,
)
from budget_graph.model import Column, Filing, Row, RowRole, Table, TableKind
from budget_graph.model.meanings import MEANINGS, WHOLE

COLUMN_GROUP = "BG-R004"
PERIOD_CHANGE = "BG-R006"
SUMMARY_BALANCE = "BG-R007"
SUMMARY_BREAKDOWN = "BG-R008"
SKIPPED = "unknown:"  # columns the reader could not name: no identity is sure with them
_YEAR = re.compile(r"(\d{4})\s*年")
FUNCTIONAL = {TableKind.ExpenditureSummary, TableKind.GeneralBudgetByFunction}


def table_identities(filing: Filing) -> Iterator[Identity]:
    """Every identity within one table of the filing."""
    for table in filing.tables:
        if table.kind is None:
            continue
        yield from _column_groups(table)
        if table.kind in TWO_SIDED:
            yield from _summary_table(table, filing)
            continue
        for declared in DECLARED:
            yield from declared.derive(table)
        yield from _period_change(table)
        yield from _change_column(table)


# ---- column groups -------------------------------------------------------------------------------


def column_groups(table: Table, side: str | None = None) -> dict[str, list[str]]:
    """Each printed group column and the printed columns that make it up (unprinted groups expanded)."""
    columns = [c for c in table.columns if c.side == side]
    printed = [c.meaning for c in columns]
    children: dict[str, list[str]] = {}
    for column in columns:
        chain = (*column.path, column.meaning)
        for parent, child in pairwise(chain):
            members = children.setdefault(parent, [])
            if child not in members:
                members.append(child)

    def parts_of(name: str, within: frozenset[str]) -> list[str] | None:
        """The printed columns that make up `name`, unprinted groups expanded; None when a group turns up
        inside itself (a cycle a damaged header can make): then which columns make it up is not certain."""
        found: list[str] = []
        for child in children.get(name, []):
            if child in within:
                return None
            inner = [child] if child in printed else parts_of(child, within | {child})
            if inner is None:
                return None
            found += inner
        return found

    groups = {}
    for group in printed:
        parts = parts_of(group, frozenset({group}))
        if (
            parts
            and not any(p.startswith(SKIPPED) for p in [group, *parts])
            and not _unnamed_under(group, columns)
        ):
            groups[group] = parts
    return groups


def _unnamed_under(group: str, columns: list[Column]) -> bool:
    """Does a column the reader could not name, or place in a group, stand under the group's printed
    caption ('“三公”经费/小计' over '“三公”经费/因公出/国(境)费'; every column stands under the table's
    total)? It may be one of the group's parts, and which is not known."""
    label = next(c.label for c in columns if c.meaning == group)
    caption = label.rpartition("/")[0]
    return any(
        c.meaning.startswith(SKIPPED) and not c.path and c.label.startswith(caption + "/" if caption else "")
        for c in columns
    )


def _column_groups(table: Table) -> Iterator[Identity]:
    groups = {side: column_groups(table, side) for side in {c.side for c in table.columns}}
    for row in table.rows:
        for group, parts in groups.get(row.side, {}).items():
            cells = [(row, part) for part in parts]
            if adds_up_exactly((row, group), cells):
                continue
            column = table.column_label(group)
            what = f"{table.title} {row.location.row or row.label} {column} 与其组成列之和"
            what_en = f"{table.title}: {row.label} {column} against the sum of its part columns"
            identity = cells_sum(COLUMN_GROUP, table, (row, group), cells, what, what_en)
            if identity:
                yield identity


# ---- a column part of another (declared in table_identities.yaml) -----------------------------------


@dataclass(frozen=True)
class PartOf:
    """On every row, each column that is part of another is at most it (`pairs`: [part, whole]): an
    identity within a row declared in table_identities.yaml (which says what each field may hold)."""

    rule: str
    pairs: tuple[tuple[str, str], ...]
    what: str  # may name {table}, {row} (the row as its place names it) and {label}
    what_en: str

    def derive(self, table: Table) -> Iterator[Identity]:
        meanings = {c.meaning for c in table.columns}
        for part, whole in self.pairs:
            if part not in meanings or whole not in meanings:
                continue
            for row in table.rows:
                share, of = Figure.of(table, row, part), Figure.of(table, row, whole)
                if share and of:
                    names = {"table": table.title, "row": row.location.row or row.label, "label": row.label}
                    what, what_en = self.what.format(**names), self.what_en.format(**names)
                    yield at_most(self.rule, share, of, what, what_en)


def declared_parts(text: bytes | str) -> tuple[tuple[tuple[tuple[str, str], ...], ...], tuple[PartOf, ...]]:
    """table_identities.yaml's rules' records and their identities; a field, a column meaning or a name in
    what it does not know is a mistake caught at import."""
    entries = yaml.load(text, Loader=LOADER)
    records, declared = [], []
    for entry in entries:
        found = PartOf(
            entry["id"],
            tuple((a, b) for a, b in entry.pop("part_of")),
            entry.pop("what"),
            entry.pop("what_en"),
        )
        unknown = [m for pair in found.pairs for m in pair if m not in MEANINGS]
        unknown += sorted(set(entry) - RECORD_FIELDS)
        if unknown:
            raise ValueError(f"table_identities.yaml, {found.rule}: unknown {', '.join(unknown)}")
        for what in (found.what, found.what_en):
            what.format(table="", row="", label="")  # a name it does not know: KeyError
        records.append(tuple(entry.items()))
        declared.append(found)
    return tuple(records), tuple(declared)


RECORD_FIELDS = {
    "id",
    "title",
    "title_en",
    "severity",
    "basis",
    "checks",
    "why",
    "fail_example",
    "pass_example",
}
RECORDS, DECLARED = declared_parts((Path(__file__).parent / "table_identities.yaml").read_bytes())


# ---- year rows -----------------------------------------------------------------------------------


def _period_change(table: Table) -> Iterator[Identity]:
    periods = [r for r in table.rows if r.role is RowRole.PERIOD]
    # by year alone: two rows of the same year must not be compared as rows
    years = sorted(
        ((int(m.group(1)), r) for r in periods if (m := _YEAR.search(r.label))), key=lambda pair: pair[0]
    )
    changes = [r for r in periods if not _YEAR.search(r.label)]
    if len(years) != 2 or len(changes) != 1 or years[0][0] == years[1][0]:
        return  # which rows are compared is not certain
    (_, earlier), (_, later), change = years[0], years[1], changes[0]
    for column in table.columns:
        total, parts = (change, column.meaning), [(later, column.meaning), (earlier, column.meaning)]
        if adds_up_exactly(total, parts, [1, -1]):
            continue
        what = f"{table.title} {change.label}（{column.label}）与 {later.label} 减 {earlier.label}"
        what_en = (
            f"{table.title}: {change.label} ({column.label}) against {later.label} minus {earlier.label}"
        )
        identity = cells_sum(PERIOD_CHANGE, table, total, parts, what, what_en, signs=[1, -1])
        if identity:
            yield identity


def _change_column(table: Table) -> Iterator[Identity]:
    """A column of the change on the year before (增减额) beside the year before's and the table's own:
    the own figure minus the year before's, row by row. Only with one of each: which columns are
    compared must be certain."""
    meanings = [c.meaning for c in table.columns]
    own = next((m for m in WHOLE if m in meanings), None)
    if own is None or meanings.count("prior_year") != 1 or meanings.count("change") != 1:
        return
    labels = {m: table.column_label(m) for m in ("change", own, "prior_year")}
    for row in table.rows:
        total, parts = (row, "change"), [(row, own), (row, "prior_year")]
        if adds_up_exactly(total, parts, [1, -1]):
            continue
        name = row.location.row or row.label
        what = f"{table.title} {name} {labels['change']} 与 {labels[own]} 减 {labels['prior_year']}"
        what_en = (
            f"{table.title}: {name} {labels['change']} against {labels[own]} minus {labels['prior_year']}"
        )
        identity = cells_sum(PERIOD_CHANGE, table, total, parts, what, what_en, signs=[1, -1])
        if identity:
            yield identity


# ---- the two-sided summary tables ----------------------------------------------------------------
#
# Each side reads top-down: lines, the current-year subtotal (本年收入合计 / 当年支出小计), the lines added to
# it (上年结余结转 / 结转下年), the grand total (收入总计 / 支出合计 / 总计). Lines numbered 一、 1. (1) form an outline;
# unnumbered lines above the subtotal may restate each other (政府预算资金 / 一般公共预算资金), so they are
# only summed when they can be told apart as 类 lines.


@dataclass
class Side:
    word: str  # 收入 | 支出
    rows: list[Row]
    meanings: list[str]  # the side's amount columns, its main figure first
    current: int | None = None  # index of the current-year subtotal
    grand: int | None = None  # index of the grand total


def summary_sides(table: Table) -> list[Side]:
    sides = []
    for side, word in (("income", "收入"), ("expenditure", "支出")):
        rows = [r for r in table.rows if r.side == side]
        meanings = list(dict.fromkeys(c.meaning for c in table.columns if c.side == side))
        current = _unique(rows, re.compile(rf"^(本年|当年){word}(合计|小计)$"))
        grand = _unique(rows, re.compile(rf"^({word})?总计$"))
        if grand is None:
            grand = _unique(rows, re.compile(rf"^{word}合计$"))
        if current is not None and grand is not None and current > grand:
            current = grand = None  # an order this does not read
        sides.append(Side(word, rows, meanings, current, grand))
    return sides


def _unique(rows: list[Row], pattern: re.Pattern[str]) -> int | None:
    found = [i for i, r in enumerate(rows) if pattern.match(normalise(r.label))]
    return found[0] if len(found) == 1 else None


def _summary_table(table: Table, filing: Filing) -> Iterator[Identity]:
    sides = summary_sides(table)
    for side in sides:
        yield from _side(table, side, filing)
    income, expenditure = sides
    yield from _purpose_breakdown(table, expenditure)
    if (
        income.grand is not None
        and expenditure.grand is not None
        and income.meanings
        and expenditure.meanings
    ):
        a = Figure.of(table, income.rows[income.grand], income.meanings[0])
        b = Figure.of(table, expenditure.rows[expenditure.grand], expenditure.meanings[0])
        if a and b:
            yield same(
                SUMMARY_BALANCE,
                a,
                b,
                f"{table.title} 收入总计与支出总计",
                f"{table.title}: income total against expenditure total",
            )


def _purpose_breakdown(table: Table, expenditure: Side) -> Iterator[Identity]:
    """Jiangsu's expenditure broken down a second time, by purpose (一、基本支出 二、项目支出 …, side 'purpose'),
    beside the functional lines: its top-level lines add up to the same 当年支出小计 (or 支出合计)."""
    head = expenditure.current if expenditure.current is not None else expenditure.grand
    lines = [r for r in table.rows if r.side == "purpose"]
    if head is None or not lines:
        return
    purpose = Side("支出用途", lines, expenditure.meanings)
    if top := _top_lines(lines, purpose, None):
        label = expenditure.rows[head].label
        what = (
            f"{table.title} {label} 与按支出用途所列各行之和",
            f"{table.title}: {label} against the sum of the lines by purpose",
        )
        yield from sum_rows(table, SUMMARY_BREAKDOWN, expenditure.rows[head], top, purpose.meanings, *what)
    yield from _sub_lines(table, purpose, lines)


def _side(table: Table, side: Side, filing: Filing) -> Iterator[Identity]:
    """总计 = 本年合计 + the lines between; 本年合计 (or 总计 without one) = Σ its top-level lines; a line
    followed by deeper-numbered lines = Σ those."""
    head = side.current if side.current is not None else side.grand
    if head is None:
        return
    above = side.rows[:head]
    between = (
        side.rows[side.current + 1 : side.grand]
        if side.current is not None and side.grand is not None
        else []
    )
    carried = carry_over_parts(between)
    for index, sub in carried.items():
        yield from _sum_of_sub_lines(table, side, between[index], sub)
    listed = {id(row) for sub in carried.values() for row in sub}
    between = [r for r in between if id(r) not in listed]
    if side.current is not None and side.grand is not None:
        parts = [side.rows[side.current], *_outline_top(between, numbered_only=False)]
        names = " + ".join(r.label for r in parts)
        what = (
            f"{table.title} {side.rows[side.grand].label} 与 {names}",
            f"{table.title}: {side.rows[side.grand].label} against {names}",
        )
        yield from sum_rows(table, SUMMARY_BALANCE, side.rows[side.grand], parts, side.meanings, *what)
    codes = _aligned_codes(above, filing) if side.word == "支出" else []
    tree = code_tree(codes) if codes else None
    if (
        tree is not None
    ):  # the lines of the functional table, in order: its tree, 类 = Σ款 = Σ项, holds here too
        yield from tree_identities(
            table, Block(side.rows[head], above), tree, side.meanings, True, SUMMARY_BREAKDOWN
        )
    elif top := _top_lines(above, side, filing.year):
        label = side.rows[head].label
        what = (
            f"{table.title} {label} 与其所列各行之和",
            f"{table.title}: {label} against the sum of its top-level lines",
        )
        yield from sum_rows(table, SUMMARY_BREAKDOWN, side.rows[head], top, side.meanings, *what)
    for segment in (above, between):
        yield from _sub_lines(table, side, segment)


def _top_lines(lines: list[Row], side: Side, year: int | None) -> list[Row]:
    """The numbered top-level lines; else, on the expenditure side, the lines named by a national 类 name.
    An unnumbered line of no figure adds nothing and numbers nothing (a wrapped name's rest read as a
    line: '八、社会保障和' / '就业支出')."""
    top = _outline_top([r for r in lines if outline_rank(r) != 0 or _has_figure(r, side)], numbered_only=True)
    if not top and side.word == "支出":
        return _classes_by_name(lines, year)
    return top


def _has_figure(row: Row, side: Side) -> bool:
    return any(row.amount(m) is not None for m in side.meanings)


_LEVELS = [
    (re.compile(r"^[一二三四五六七八九十]+、"), 1),
    (re.compile(r"^\d+[.、．]"), 2),
    (re.compile(r"^[（(][\d一二三四五六七八九十]+[)）]"), 3),
]


def outline_rank(row: Row) -> int | None:
    """0 unnumbered, 1 for 一、, 2 for 1., 3 for (1); None for a 其中 line (a part of a part, never added)."""
    label = normalise(row.label)
    if label.startswith("其中"):
        return None
    return next((rank for pattern, rank in _LEVELS if pattern.match(label)), 0)


def _outline_top(lines: list[Row], numbered_only: bool) -> list[Row]:
    """The shallowest lines of an outline; none when the first line is not one of them, or (numbered_only)
    when a line is unnumbered."""
    ranked = [(r, outline_rank(r)) for r in lines]
    ranks = [k for _, k in ranked if k is not None]
    if not ranks or (numbered_only and 0 in ranks) or ranked[0][1] != min(ranks):
        return []
    return [r for r, k in ranked if k == min(ranks)]


def _sub_lines(table: Table, side: Side, lines: list[Row]) -> Iterator[Identity]:
    ranks = [outline_rank(r) for r in lines]
    for position, (row, rank) in enumerate(zip(lines, ranks, strict=True)):
        if rank is None:
            continue
        deeper = []
        for below, below_rank in zip(lines[position + 1 :], ranks[position + 1 :], strict=True):
            if below_rank is not None and below_rank <= rank:
                break
            deeper.append((below, below_rank))
        depths = [k for _, k in deeper if k is not None]
        if not depths:
            continue
        yield from _sum_of_sub_lines(table, side, row, [r for r, k in deeper if k == min(depths)])


def _sum_of_sub_lines(table: Table, side: Side, row: Row, parts: list[Row]) -> Iterator[Identity]:
    what = (
        f"{table.title} {row.label} 与其分项之和",
        f"{table.title}: {row.label} against the sum of its sub-lines",
    )
    yield from sum_rows(table, SUMMARY_BREAKDOWN, row, parts, side.meanings, *what)


def _label(row: Row) -> str:
    """A line's name without its outline number: '一、一般公共服务支出' → '一般公共服务支出'."""
    label = normalise(row.label)
    return next((pattern.sub("", label, count=1) for pattern, _ in _LEVELS if pattern.match(label)), label)


def _aligned_codes(lines: list[Row], filing: Filing) -> list[str | None]:
    """The codes of the side's lines when they list, in order, exactly the lines of a functional table's block."""
    names = [_label(r) for r in lines]
    for table in filing.tables:
        if table.kind not in FUNCTIONAL:
            continue
        for block in table_blocks(table):
            if [normalise(r.label) for r in block.lines] == names and all(r.code for r in block.lines):
                return [r.code for r in block.lines]
    return []


@cache
def functional_classes(year: int | None) -> frozenset[str]:
    concepts = scheme_index("functional").concepts()
    return frozenset(normalise(c.name) for c in concepts if c.level == 1 and c.valid_in(year))


def _classes_by_name(lines: list[Row], year: int | None) -> list[Row]:
    """Lines named by a national 类 name, when each such name is printed once and the side starts with one."""
    names = functional_classes(year)
    hits = [r for r in lines if _label(r) in names]
    labels = [_label(r) for r in hits]
    if not hits or hits[0] is not lines[0] or len(set(labels)) != len(labels):
        return []
    return hits
