"""The identities between tables — the same money published in two tables must agree: BG-X's identities.

Tables are found by kind and columns by meaning, never by number or position, so any layout that
publishes the same tables is held to the same identities; an identity whose tables or columns are absent
is not stated. Lines printed without codes (收支总表, 基本支出总表) are aligned with the coded table by
sequence of names (duplicates such as 其他一般公共服务支出 at 款 and 项 level pair in order).

Two tables cover the same money, or one covers part of the other's: 一般公共预算 tables cover part of
all spending (the unit may also spend its own funds, 政府性基金 or 国有资本经营 money). Where the
filing shows they cover the same money (Tables.general_only: 收支总表 spends what 财政拨款收支总表
spends, and the fund tables are empty), their lines must be equal; otherwise the narrower must not
exceed the broader, and only a clear excess is an error.

An alignment states, besides the identities of its paired lines, what is not an identity: a line with
money that one listing lacks (`Lone`) and a line paired by position whose names differ (`Renamed`); the
check stage words them (check/crosstable.py).

The identities of one form — column a of table A equals (or is at most) column b of table B, lines aligned
by code, by name or as a summary's lines, or one figure of each (a total, a summary's spending or its line
of a meaning, the row of the filing's year, the line of a code) — are declared in crosstable.yaml
(`SameLines`): BG-X001, X002, X003, X007, X008, X009, X012, X013, X014, X016 and X006's bound on special transfers;
so is a figure against the sum of other tables' totals (`SumOfTables`: BG-X002's spending).
Those written below need what that form cannot say:
- BG-X004: each income line of 收支总表, by what its label says it is (line_meaning), against the income
  summary's column of that meaning, a group printed only in parts against their sum (lines paired with
  columns, not with lines), or against its line where the income summary lists its sources as lines;
- BG-X005: the government-budget lines of two summaries paired by meaning in order (the last of each when
  the counts differ), carry-over lines of two different meanings, this year's income against a column
  printed in parts;
- BG-X006: each kind's spending total against its income plus its carry-over, each printed in either of
  two tables or not at all (政府投资项目 money, spent in a table of the region's choice, leaves the general
  budget unchecked); its other identity, 上级专项转移支付 not above the appropriation's spending, is
  declared, with the rule's record;
- BG-X010: a source of income against the sum of that source over two tables, with the sources that are
  never basic money;
- BG-X011: tasks matched with projects by name (a 结转 task with the project's carry-over), personnel and
  operating costs with sums of economic classes;
- BG-X015: every table that prints a column of the basic-spending split, pairwise in order, which of a
  pair is the broader decided by its title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path

import yaml

from budget_graph.codes import current_name, named_code, normalise
from budget_graph.derive.identity import Figure, Identity, at_most, figures_of, is_every, same, sum_of
from budget_graph.derive.rollups import LOADER, TWO_SIDED, table_blocks
from budget_graph.derive.rounding import Agreement, compare
from budget_graph.model import Filing, Kind, Location, Row, RowRole, Table, TableKind
from budget_graph.model.meanings import MEANINGS, WHOLE
from budget_graph.profiles import column_meaning

SUMMARY_INCOME = "BG-X004"
APPROPRIATION_INCOME = "BG-X005"
FUND_BALANCE = "BG-X006"
INCOME_BY_SOURCE = "BG-X010"
PERFORMANCE_AMOUNTS = "BG-X011"
BASIC_SPLIT = "BG-X015"

ITEM = RowRole.ITEM
GOVERNMENT_SOURCES = ("appropriation", "general_budget", "gov_investment", "gov_fund", "state_capital")
SOURCES = frozenset(  # where income comes from (收入 columns and lines)
    {
        *GOVERNMENT_SOURCES,
        "general_budget_basic",
        "general_budget_duty",
        "general_budget_special",
        "special_account",
        "own_funds",
        "service_revenue",
        "business_revenue",
        "superior_subsidy",
        "affiliated_remit",
        "other_income",
        "fund_makeup",
        "other_funds",
    }
)
SPENDING_TABLES = {  # 财政拨款 by budget kind → the table that spends it
    "general_budget": TableKind.GeneralBudgetByFunction,
    "gov_fund": TableKind.GovernmentFundBudget,
    "state_capital": TableKind.StateCapitalBudget,
}
PROJECT_ONLY = {"general_budget_duty", "general_budget_special", "gov_investment"}  # never basic money
PERSONNEL_CODES, OPERATING_CODES = ("301", "303"), ("302", "310")
SPLIT_MEANINGS = ("personnel", "operating", "office_operating")  # columns several tables print (BG-X015)

_ENUMERATION = re.compile(r"^(\d+[.、]|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+[、.])")
_CARRIED_TASK = re.compile(r"^结转(项目)?[-—–－:：]?(.+)$")
_CARRYOVER_WORDS = re.compile(r"上年|年初|结余|结转|和|、|及|资金")


@cache
def plain(label: str) -> str:
    """A line's name for matching: width, spaces and brackets folded, list numbering ('1.', '一、') dropped."""
    return _ENUMERATION.sub("", normalise(label), count=1)


@cache
def line_meaning(label: str) -> str | None:
    """What a summary table's line says it is: a source of income ('general_budget'), 'carryover[:source]',
    'carry_forward' (结转下年), 'current_expenditure' (本年支出合计), 'current_income' or 'total'."""
    flat = plain(label)
    if re.search(r"结转下年|年末结转", flat):
        return "carry_forward"
    if re.search(r"结余|结转", flat):
        if "非财政" in flat:
            return "carryover:other"
        source = column_meaning(_CARRYOVER_WORDS.sub("", flat).replace("预算", "预算拨款"))
        return f"carryover:{source}" if source else "carryover"
    if re.search(r"(本年|当年)支出", flat):
        return "current_expenditure"
    if re.search(r"(本年|当年)收入", flat):
        return "current_income"
    return column_meaning(flat.replace("预算资金", "预算拨款"))


def summary_lines(table: Table, side: str) -> list[tuple[Row, str | None]]:
    """A summary side's lines with their meanings; source lines printed under a carry-over line
    (年初财政拨款结转和结余 / 一、一般公共预算财政拨款 …, numbered or not) are that carry-over's parts, not
    income."""
    rows = [r for r in table.rows if r.side == side]
    parts = {id(row) for listed in carry_over_parts(rows).values() for row in listed}
    found = []
    for row in rows:
        meaning = line_meaning(row.label)
        found.append((row, f"carryover:{meaning}" if id(row) in parts and meaning in SOURCES else meaning))
    return found


# a carry-over's part by kind, listed under it (年末结转和结余 / 基本支出结转 / 项目支出结转和结余 / 经营结余)
_CARRY_KIND = re.compile(r"^(基本支出结转|项目支出结转(和结余)?|经营结余)$")


def carry_over_parts(lines: list[Row]) -> dict[int, list[Row]]:
    """Each carry-over line among a summary side's lines (by index) with the parts listed right under it:
    by kind (基本支出结转 …) or by source (一般公共预算财政拨款 …), numbered or not."""
    found: dict[int, list[Row]] = {}
    parent = None
    for index, row in enumerate(lines):
        meaning = line_meaning(row.label)
        if _CARRY_KIND.match(plain(row.label)) or (meaning in SOURCES and parent is not None):
            if parent is not None:
                found.setdefault(parent, []).append(row)
            continue
        carries = meaning is not None and (meaning.startswith("carryover") or meaning == "carry_forward")
        parent = index if carries else None
    return found


def whole(table: Table, side: str | None = None) -> str | None:
    """The meaning of the table's top-level amount column (合计, 金额, 决算数 …) on that side."""
    return next((m for m in WHOLE if table.column(m, side)), None)


def covers_all_funds(table: Table) -> bool:
    """Does the table cover all the unit's money, not only its appropriation (财政拨款基本支出预算表)?"""
    return not re.search(r"财政拨款|一般公共预算|政府性基金|国有资本", normalise(table.title))


def basic_column(table: Table) -> str | None:
    """The basic-spending column; a table of basic spending only (一般公共预算基本支出表) has it as its whole."""
    if table.column("basic"):
        return "basic"
    return whole(table) if "基本支出" in normalise(table.title) else None


def department_row(table: Table) -> Row | None:
    """The row that totals the table: its 合计 row, else its first unit row (the department's), else
    its only row. None when several 合计 rows total different parts (人员经费合计, 公用经费合计)."""
    totals = [r for r in table.rows if r.role is RowRole.TOTAL]
    if totals:
        return totals[0] if len(totals) == 1 else None
    units = [r for r in table.rows if r.role is RowRole.UNIT]
    if units:
        return units[0]
    return table.rows[0] if len(table.rows) == 1 else None


def department_total(table: Table | None) -> Figure | None:
    """The table's total: its department row's whole column."""
    row = department_row(table) if table else None
    return whole_figure(table, row) if table and row else None


def whole_figure(table: Table, row: Row) -> Figure | None:
    column = whole(table)
    return Figure.of(table, row, column) if column else None


def unit_pairs(a: Table, b: Table) -> list[tuple[Row, Row]]:
    """The department rows of two tables, then their unit rows of the same name."""
    first_a, first_b = department_row(a), department_row(b)
    if not first_a or not first_b:
        return []
    pairs = [(first_a, first_b)]
    units_b = {plain(r.label): r for r in b.rows if r.role is RowRole.UNIT}
    for row in a.rows:
        match = units_b.get(plain(row.label)) if row.role is RowRole.UNIT else None
        if match and not (row is first_a and match is first_b):
            pairs.append((row, match))
    return pairs


def figures_for(table: Table, row: Row, meaning: str) -> list[Figure] | None:
    """The figure of `meaning` in `row`; for a group the table prints only in parts (本年收入,
    政府预算拨款), the figures of its parts. None when the table has no such column. An unprinted
    total is not rebuilt: a layout's top-level columns may overlap (本年收入合计 beside its parts)."""
    if meaning in row.cells:
        return figures_of(table, [(row, meaning)])
    parts = _direct_parts(table, meaning) if meaning != "total" else []
    if not parts:
        return None
    found: list[Figure] = []
    for part in parts:
        figures = figures_for(table, row, part)
        if figures is None:
            return None
        found += figures
    return found


def _direct_parts(table: Table, group: str) -> list[str]:
    parts: list[str] = []
    for column in table.columns:
        if group in column.path:
            below = column.path[column.path.index(group) + 1 :]
            part = below[0] if below else column.meaning
            if part not in parts:
                parts.append(part)
    return parts


def restated(
    rule: str, figure: Figure, table: Table, row: Row, meaning: str, what: str, what_en: str
) -> Identity | None:
    """A published figure against the figure(s) another table publishes for the same money, in `row`
    under `meaning` (figures_for)."""
    source = figures_for(table, row, meaning)
    if source is None:
        return None
    if len(source) == 1:
        return same(rule, figure, source[0], what, what_en)
    # cells left blank there are the other half of the finding: it rests on that table's reading too
    return sum_of(rule, figure, source, what, what_en, places=() if source else (row.location,))


def cover(
    rule: str, whole: Figure | None, part: Figure | None, equal: bool, what: str, what_en: str
) -> Identity | None:
    """`part` restates `whole` (equal), or covers part of the same money (not above it)."""
    if whole is None or part is None:
        return None
    if equal:
        return same(rule, whole, part, what, what_en)
    return at_most(rule, part, whole, what, what_en)


def english(meaning: str) -> str:
    return MEANINGS.get(meaning, (meaning, meaning))[1]


def is_zero(figure: Figure | None) -> bool:
    return figure is None or figure.amount.value == 0


# ---------------------------------------------------------------- alignment of listed and coded lines


@dataclass
class Alignment:
    """Lines of one table matched to lines of another (`first`, `second`) by name or code in order."""

    pairs: list[tuple[Row, Row]] = field(default_factory=list)
    renamed: list[tuple[Row, Row]] = field(default_factory=list)  # paired by position, names differ
    extra: list[Row] = field(default_factory=list)  # lines of `first` that `second` lacks
    missing: list[Row] = field(default_factory=list)  # coded lines of `second` at a level `first` lists


_CUT_NAME = 4  # characters a name cut short keeps, at least, to pair with the one name it begins


def by_name(row: Row) -> str:
    """A line's name in the current edition: 医疗卫生与计划生育支出 (210 before 2018) pairs with 卫生健康支出."""
    return current_name(plain(row.label))


def by_code(row: Row) -> str:
    """The code the line stands for: as printed, unless its name is another code's (BG-K002/K005 report
    it); '' when the name contradicts the code and names no one code: it is matched by no code."""
    return (named_code(row.code, row.label) or "") if row.code else ""


def align(first: list[Row] | None, second: list[Row] | None, key: Callable[[Row], str]) -> Alignment | None:
    """Pair the lines in order. `second` is coded: its unmatched lines count as missing only at the
    levels (类/款/项) that `first` lists. Runs of as many differently named lines on both sides pair by
    position (a renamed line); lines matched by code never do. None when too few lines match for the
    two to be one listing (another layout: lines by purpose rather than by function)."""
    if first is None or second is None:
        return None
    # a code whose line says it is not that code (its name is another's, or none) is matched on neither side
    unkeyed = {r.code for r in first + second if r.code and not key(r)}
    first, second = matchable(first, key, unkeyed), matchable(second, key, unkeyed)
    found = Alignment()
    unmatched: list[Row] = []
    matcher = SequenceMatcher(None, [key(r) for r in first], [key(r) for r in second], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            found.pairs += zip(first[i1:i2], second[j1:j2], strict=True)
        elif tag == "replace" and i2 - i1 == j2 - j1 and key is by_name:
            found.renamed += zip(first[i1:i2], second[j1:j2], strict=True)
        else:
            found.extra += first[i1:i2]
            unmatched += second[j1:j2]
    moved = reordered(found.extra, unmatched, key)
    found.pairs += moved
    found.extra = [r for r in found.extra if all(r is not a for a, _ in moved)]
    unmatched = [r for r in unmatched if all(r is not b for _, b in moved)]
    if key is by_name:
        cut = cut_short(found.extra, unmatched)
        found.renamed += cut
        found.extra = [r for r in found.extra if all(r is not a for a, _ in cut)]
        unmatched = [r for r in unmatched if all(r is not b for _, b in cut)]
    if not found.pairs or 2 * len(found.pairs) < len(first):
        return None
    levels = {len(b.code or "") for _, b in found.pairs + found.renamed}
    found.missing = [r for r in unmatched if len(r.code or "") in levels]
    return found


def cut_short(first: list[Row], second: list[Row]) -> list[tuple[Row, Row]]:
    """Names cut short, each pairing with the one name left over that it begins ('社会保障和', its wrapped
    rest lost as it was read, with '社会保障和就业支出'): the same line, named otherwise (a warning)."""
    named = [(by_name(other), other) for other in second]
    found = []
    for row in first:
        name = by_name(row)
        begun = [other for full, other in named if full.startswith(name) and full != name]
        if len(name) >= _CUT_NAME and len(begun) == 1:
            found.append((row, begun[0]))
    return found


def matchable(rows: list[Row], key: Callable[[Row], str], unkeyed: set[str]) -> list[Row]:
    """The rows a key can match: not a row with no key (figures without code or name; a name that
    contradicts its code and names no other), nor a row printed with the code of such a row."""
    return [r for r in rows if key(r) and r.code not in unkeyed]


def reordered(first: list[Row], second: list[Row], key: Callable[[Row], str]) -> list[tuple[Row, Row]]:
    """Lines printed in another order: a name (code) left over exactly once on each side pairs."""
    counts = Counter(key(r) for r in first), Counter(key(r) for r in second)
    by_key = {key(r): r for r in second}
    return [(r, by_key[key(r)]) for r in first if counts[0][key(r)] == 1 == counts[1][key(r)]]


def lines(table: Table, coded: bool = True) -> list[Row] | None:
    """The table's (coded) lines when they stand under one head: a single unit's, or the department's
    own. None when several units print lines of their own: the department's lines are then nowhere
    printed as such."""
    blocks = [[r for r in b.lines if r.code or not coded] for b in table_blocks(table)]
    blocks = [b for b in blocks if b]
    return None if len(blocks) > 1 else blocks[0] if blocks else []


def block_pairs(a: Table, b: Table) -> list[tuple[list[Row], list[Row]]]:
    """The coded lines of two tables to align: the one listing of each, or else each unit's listing
    with the listing of the unit of the same name in the other table."""
    first, second = lines(a), lines(b)
    if first is not None and second is not None:
        return [(first, second)]
    named = {plain(k.head.label): k.lines for k in table_blocks(b) if k.head and k.lines}
    return [
        (k.lines, named[plain(k.head.label)])
        for k in table_blocks(a)
        if k.head and k.lines and plain(k.head.label) in named
    ]


def function_lines(table: Table) -> list[Row]:
    """The functional lines of a summary's expenditure side: its items before its first total."""
    found = []
    for row, meaning in summary_lines(table, "expenditure"):
        if row.role is not ITEM or meaning in {"carry_forward", "current_expenditure", "total"}:
            break
        found.append(row)
    return found


def with_money(table: Table, rows: list[Row], meaning: str) -> list[Row]:
    """The lines that print an amount other than zero (template lines left blank say nothing)."""
    return [r for r in rows if not is_zero(Figure.of(table, r, meaning))]


@dataclass(frozen=True)
class Renamed:
    """A line of `first` paired by position with a line of `second` whose name differs."""

    rule: str
    what: str
    what_en: str
    first: Table
    second: Table
    a: Row
    b: Row


@dataclass(frozen=True)
class Lone:
    """A line with money (`figure`, of `row`) that the `other` table does not list."""

    rule: str
    what: str
    what_en: str
    row: Row
    figure: Figure
    other: Table


Derived = Iterator[Identity | Renamed | Lone | None]


@dataclass(frozen=True)
class Comparison:
    """How the aligned lines of two tables are compared: by pairs of columns (first's, second's), equal
    when they cover the same money, else the second's not above the first's (it covers part of it)."""

    rule: str
    first: Table
    second: Table
    columns: tuple[tuple[str, str], ...]
    equal: bool
    what: str
    what_en: str

    def rows(self, a: Row, b: Row) -> Iterator[Identity | None]:
        for first_meaning, second_meaning in self.columns:
            x, y = a.amount(first_meaning), b.amount(second_meaning)
            if x is None or y is None:
                continue
            if not is_every() and (x.yuan == y.yuan if self.equal else y.yuan <= x.yuan):
                continue  # agrees: the common case, settled without building the figures' places
            yield self.pair(
                Figure.of(self.first, a, first_meaning), Figure.of(self.second, b, second_meaning)
            )

    def pair(self, first: Figure | None, second: Figure | None) -> Identity | None:
        return cover(self.rule, first, second, self.equal, self.what, self.what_en)

    def figures(self, first: tuple[Row, Figure] | None, second: tuple[Row, Figure] | None) -> Identity | None:
        """`pair` of two declared figures and their rows, whose labels what is compared may name:
        {first_label}, {second_label}."""
        if first is None or second is None:
            return None
        what, what_en = self.what, self.what_en
        for placeholder, (row, _) in (("{first_label}", first), ("{second_label}", second)):
            what, what_en = what.replace(placeholder, row.label), what_en.replace(placeholder, row.label)
        return cover(self.rule, first[1], second[1], self.equal, what, what_en)

    def aligned(self, alignment: Alignment | None) -> Derived:
        if alignment is None or not self.columns:
            return
        for a, b in alignment.pairs + alignment.renamed:
            yield from self.rows(a, b)
        for a, b in alignment.renamed:
            yield Renamed(self.rule, self.what, self.what_en, self.first, self.second, a, b)
        if self.equal:
            for row in alignment.extra:
                yield self.lone(self.first, row, self.columns[0][0], self.second)
        for row in alignment.missing:
            yield self.lone(self.second, row, self.columns[0][1], self.first)

    def lone(self, table: Table, row: Row, meaning: str, other: Table) -> Lone | None:
        """A line with money that the other table does not list."""
        figure = Figure.of(table, row, meaning)
        if figure is None or is_zero(figure):
            return None
        return Lone(self.rule, self.what, self.what_en, row, figure, other)

    def units(self) -> Iterator[Identity | None]:
        for a, b in unit_pairs(self.first, self.second):
            yield from self.rows(a, b)


# ---------------------------------------------------------------- the filing's tables


@dataclass
class Tables:
    """The filing's tables by kind, and what the checks learn of them once."""

    filing: Filing
    _named: dict[tuple[int, int], Alignment | None] = field(default_factory=dict, repr=False)

    def __getattr__(self, name: str) -> Table | None:
        """`tables.ExpenditureSummary`: the filing's (first) table of that kind, None when it has none."""
        if name not in TableKind.__members__:
            raise AttributeError(name)
        return self.filing.table(TableKind[name])

    def line(self, table: Table | None, side: str, meaning: str, last: bool = False) -> Row | None:
        """A summary table's line by meaning (the last such line: the leaf of a name printed twice)."""
        rows = [r for r, m in summary_lines(table, side) if m == meaning] if table else []
        return (rows[-1] if last else rows[0]) if rows else None

    def summary_figure(
        self, table: Table | None, side: str, meaning: str, last: bool = False
    ) -> Figure | None:
        row = self.line(table, side, meaning, last)
        column = whole(table, side) if row and table else None
        return Figure.of(table, row, column) if row and column else None

    def spent(self, summary: Table | None) -> Figure | None:
        """A summary's 本年支出合计; its 支出总计 when it prints neither that nor a carry-forward line."""
        found = self.summary_figure(summary, "expenditure", "current_expenditure")
        if found or summary is None or self.line(summary, "expenditure", "carry_forward"):
            return found
        return self.summary_figure(summary, "expenditure", "total")

    def nothing_carried_forward(self, summary: Table | None) -> bool:
        """The summary shows this year's money all spent this year: 结转下年 printed as zero or blank,
        or, in a budget, no such line at all."""
        if summary is None:
            return False
        row = self.line(summary, "expenditure", "carry_forward")
        if row is None:
            return self.filing.kind is Kind.BUDGET and any(r.side == "expenditure" for r in summary.rows)
        found = figures_of(summary, [(row, whole(summary, "expenditure") or "")])
        return found is not None and all(is_zero(f) for f in found)

    @cached_property
    def government_only(self) -> bool:
        """All spending is government-budget money: 收支总表 and 财政拨款收支总表 spend the same."""
        a, b = self.spent(self.IncomeExpenditureSummary), self.spent(self.AppropriationSummary)
        return bool(a and b) and compare(a.amount, b.amount) is not Agreement.DIFFERENT

    @cached_property
    def no_fund_spending(self) -> bool:
        """No 政府性基金 or 国有资本经营 spending: their tables are absent or empty."""
        return all(t is None or t.is_empty for t in (self.GovernmentFundBudget, self.StateCapitalBudget))

    @cached_property
    def general_only(self) -> bool:
        """All spending is general-budget money."""
        return self.government_only and self.no_fund_spending

    @cached_property
    def functional_spending(self) -> Table | None:
        """The table of spending by functional code: 支出总表, or where it prints no coded lines, the next
        table of its kind that does (Jiangsu's 财政拨款支出预算表（功能科目）)."""
        tables = [t for t in self.filing.tables if t.kind is TableKind.ExpenditureSummary]
        return next((t for t in tables if lines(t)), tables[0] if tables else None)

    @cached_property
    def basic_lines(self) -> Alignment | None:
        """基本支出总表's lines aligned with the economic classes of the table by economic class."""
        basic, economic = self.BasicExpenditureSummary, self.GeneralBudgetByEconomicClass
        if basic is None or economic is None:
            return None
        return self.named_lines(basic, economic)

    def named_lines(self, first: Table, second: Table) -> Alignment | None:
        """`first`'s lines, coded or not, aligned by name with `second`'s coded lines (once a pair)."""
        key = id(first), id(second)
        if key not in self._named:
            self._named[key] = align(lines(first, coded=False), lines(second), by_name)
        return self._named[key]

    @cached_property
    def projects(self) -> dict[str, Row]:
        """项目支出总表's project rows by name (a name printed twice is left out: which one is meant?)."""
        table = self.ProjectExpenditureSummary
        rows = [r for r in table.rows if r.role is ITEM] if table else []
        names = [plain(r.label) for r in rows]
        return {n: r for n, r in zip(names, rows, strict=True) if n and names.count(n) == 1}

    @cached_property
    def class_codes(self) -> tuple[Location, ...]:
        """Where basic_by_code learns which lines are of a class: the table by economic class, whose
        codes name them (a sum of a class's lines rests on that table's reading too)."""
        economic = self.GeneralBudgetByEconomicClass
        return (economic.location,) if economic else ()

    def basic_by_code(self, code: str) -> list[Figure] | None:
        """Basic spending of all funds on one economic class ([] when no line lists it)."""
        alignment, basic, economic = (
            self.basic_lines,
            self.BasicExpenditureSummary,
            self.GeneralBudgetByEconomicClass,
        )
        if alignment and basic and whole(basic):
            rows = [a for a, b in alignment.pairs + alignment.renamed if by_code(b) == code]
            return figures_of(basic, [(r, whole(basic)) for r in rows])
        column = basic_column(economic) if economic else None
        if economic and column and self.general_only:
            return figures_of(economic, [(r, column) for r in lines(economic) or [] if by_code(r) == code])
        return None


def crosstable_identities(filing: Filing) -> Iterator[Identity | Renamed | Lone]:
    """Every BG-X identity whose tables the filing has, and what the alignments find besides: those written
    here, then those declared in crosstable.yaml."""
    tables = Tables(filing)
    for derive in (
        summary_income,
        appropriation_income,
        fund_balance,
        income_by_source,
        performance_amounts,
        basic_split,
        *(declared.derive for declared in DECLARED),
    ):
        yield from (found for found in derive(tables) if found)


# ---------------------------------------------------------------- identities declared as data


def _always(t: Tables, first: Table, second: Table) -> bool:
    return True


def _never(t: Tables, first: Table, second: Table) -> bool:
    return False


def _general_only(t: Tables, first: Table, second: Table) -> bool:
    return t.general_only


def _government_only(t: Tables, first: Table, second: Table) -> bool:
    return t.government_only


def _no_fund_spending(t: Tables, first: Table, second: Table) -> bool:
    return t.no_fund_spending


def _general_only_or_narrower(t: Tables, first: Table, second: Table) -> bool:
    return t.general_only or (t.no_fund_spending and not covers_all_funds(first))


def _second_covers_all_funds(t: Tables, first: Table, second: Table) -> bool:
    return covers_all_funds(second)


def _first_covers_appropriation_only(t: Tables, first: Table, second: Table) -> bool:
    return not covers_all_funds(first)


def _nothing_carried_forward(t: Tables, first: Table, second: Table) -> bool:
    return t.nothing_carried_forward(t.IncomeExpenditureSummary)


CONDITIONS: dict[str, Callable[[Tables, Table, Table], bool]] = {
    "always": _always,
    "never": _never,
    "general_only": _general_only,
    "government_only": _government_only,
    "no_fund_spending": _no_fund_spending,
    "general_only_or_narrower": _general_only_or_narrower,
    "second_covers_all_funds": _second_covers_all_funds,
    "first_covers_appropriation_only": _first_covers_appropriation_only,
    "nothing_carried_forward": _nothing_carried_forward,
}
LINES = ("code", "name", "units", "summary")
LINE = "line:"  # a figure word: `line:<meaning>`, a summary's expenditure line of that meaning
CODE = "code:"  # a figure word: `code:<code>`, the table's line of that code
# what a declaration's `what` may name besides the tables' titles, filled in once the figures are known
LABELS = {"first_label": "{first_label}", "second_label": "{second_label}"}


def figure_of(t: Tables, table: Table, word: str, column: str) -> tuple[Row, Figure] | None:
    """A declared figure of a table in `column`, and its row: that of its department row (`total`), a
    summary's 本年支出合计 (`spent`, or 支出总计 when it prints neither that nor 结转下年), a summary's
    expenditure line that says it is `line:<meaning>` (line:basic for 一、基本支出, on the expenditure side or
    in a second breakdown by purpose beside it), the row of the filing's year (`year`: the 三公 table's
    2024年 row, or its department row when it has no year rows) or the line of a code (`code:<code>`: the
    last of the table's one listing; none when several units list lines)."""
    if word == "total":
        return _figure(table, department_row(table), column)
    if word == "spent":
        found = _figure(table, t.line(table, "expenditure", "current_expenditure"), column)
        if found or t.line(table, "expenditure", "carry_forward"):
            return found
        return _figure(table, t.line(table, "expenditure", "total"), column)
    if word == "year":
        return _figure(table, year_row(table, t.filing.year), column)
    if word.startswith(CODE):
        code = word.removeprefix(CODE)
        return _figure(
            table, next((r for r in reversed(lines(table) or []) if by_code(r) == code), None), column
        )
    # the line by purpose: on the expenditure side, or beside it (Jiangsu's)
    meaning = word.removeprefix(LINE)
    return _figure(table, t.line(table, "expenditure", meaning) or t.line(table, "purpose", meaning), column)


def _figure(table: Table, row: Row | None, column: str) -> tuple[Row, Figure] | None:
    figure = Figure.of(table, row, column) if row else None
    return (row, figure) if row and figure else None


def is_figure_word(word: str) -> bool:
    return (
        word in ("total", "spent", "year")
        or (word.startswith(LINE) and word.removeprefix(LINE) in MEANINGS)
        or (word.startswith(CODE) and word.removeprefix(CODE).isdigit())
    )


def column_of(table: Table, name: str) -> str | None:
    """A declared column: `whole` (the table's top-level amount column), `basic_spending`, or a meaning the
    table prints; a two-sided summary's on its expenditure side."""
    side = "expenditure" if table.kind in TWO_SIDED else None
    if name == "whole":
        return whole(table, side)
    if name == "basic_spending":
        return basic_column(table)
    return name if table.column(name, side) else None


@dataclass(frozen=True)
class Columns:
    """A choice of the columns to compare: the pairs (first's, second's), taken when the first table prints
    `if_first_prints` or the second `if_second_prints` (always when it names neither). `required`:
    nothing is compared unless the first pair is printed; otherwise each pair is compared where both
    tables print it. `equal`: the conditions of equality under this choice, instead of the identity's."""

    pairs: tuple[tuple[str, str], ...]
    required: bool = True
    if_second_prints: str | None = None
    if_first_prints: str | None = None
    equal: tuple[str, ...] | None = None

    def applies(self, first: Table, second: Table) -> bool:
        if self.if_first_prints is not None:
            return column_of(first, self.if_first_prints) is not None
        return self.if_second_prints is None or column_of(second, self.if_second_prints) is not None

    def of(self, first: Table, second: Table) -> tuple[tuple[str, str], ...] | None:
        """The pairs of column meanings to compare; None when the required first pair is not printed."""
        found = [(column_of(first, a), column_of(second, b)) for a, b in self.pairs]
        if self.required and None in found[0]:
            return None
        return tuple((a, b) for a, b in found if a and b)


@dataclass(frozen=True)
class SameLines:
    """Column a of table A equals (or, when not `equal`, is at least) column b of table B, line by line:
    a cross-table identity declared in crosstable.yaml (which says what each field may hold)."""

    rule: str
    first: str  # a Tables attribute: a table kind, or functional_spending
    second: str
    columns: tuple[Columns, ...]  # the first choice that applies
    lines: tuple[str | tuple[str, str], ...]  # of LINES, or a pair of figure words (figure_of), in order
    equal: tuple[str, ...]  # conditions of CONDITIONS: equal when any holds
    when: str | None
    what: str  # may name the tables' titles: {first}, {second}
    what_en: str

    def derive(self, t: Tables) -> Derived:
        first, second = getattr(t, self.first), getattr(t, self.second)
        if first is None or second is None:
            return
        choice = next(c for c in self.columns if c.applies(first, second))
        columns = choice.of(first, second)
        if columns is None or (self.when and not CONDITIONS[self.when](t, first, second)):
            return
        compared = Comparison(
            self.rule,
            first,
            second,
            columns,
            any(CONDITIONS[c](t, first, second) for c in choice.equal or self.equal),
            self.what.format(first=first.title, second=second.title, **LABELS),
            self.what_en.format(first=first.title, second=second.title, **LABELS),
        )
        for way in self.lines:
            if isinstance(way, tuple):
                for a, b in columns:
                    yield compared.figures(figure_of(t, first, way[0], a), figure_of(t, second, way[1], b))
            elif way == "code":
                for a, b in block_pairs(first, second):
                    yield from compared.aligned(align(a, b, by_code))
            elif way == "name":
                yield from compared.aligned(t.named_lines(first, second))
            elif way == "summary":
                yield from compared.aligned(summary_alignment(first, second, columns))
            else:
                yield from compared.units()


def summary_alignment(summary: Table, coded: Table, columns: tuple[tuple[str, str], ...]) -> Alignment | None:
    """A summary's expenditure lines with money in its first compared column, by name with `coded`'s lines."""
    if not columns:
        return None
    return align(with_money(summary, function_lines(summary), columns[0][0]), lines(coded), by_name)


@dataclass(frozen=True)
class SumOfTables:
    """A figure of one table equals the sum of the totals of others (their department rows' whole): a
    cross-table identity declared in crosstable.yaml. An absent or empty table adds nothing; nothing is
    stated when a table that is printed with figures has no total, or none is."""

    rule: str
    table: str  # a Tables attribute: a table kind
    figure: str  # a figure word (figure_of), in the table's whole column
    parts: tuple[str, ...]  # table kinds
    what: str
    what_en: str

    def derive(self, t: Tables) -> Derived:
        table = getattr(t, self.table)
        column = column_of(table, "whole") if table else None
        found = figure_of(t, table, self.figure, column) if table and column else None
        tables = [getattr(t, kind) for kind in self.parts]
        totals = [department_total(part) for part in tables if part is not None and not part.is_empty]
        if found and totals and None not in totals:
            yield sum_of(self.rule, found[1], [f for f in totals if f], self.what, self.what_en)


def _declared() -> tuple[tuple[tuple[tuple[str, str], ...], ...], tuple[SameLines | SumOfTables, ...]]:
    """crosstable.yaml's rules' records and their identities (one or a list of them under each rule); a
    field it does not know is a mistake caught at import."""
    entries = yaml.load((Path(__file__).parent / "crosstable.yaml").read_bytes(), Loader=LOADER)
    records, declared = [], []
    for entry in entries:
        templates = entry.pop("same_lines", [])
        sums = entry.pop("sum_of_tables", [])
        records.append(tuple(entry.items()))
        declared += [
            _same_lines(entry["id"], t) for t in (templates if isinstance(templates, list) else [templates])
        ]
        declared += [_sum_of_tables(entry["id"], t) for t in (sums if isinstance(sums, list) else [sums])]
    return tuple(records), tuple(declared)


def _sum_of_tables(rule: str, template: dict) -> SumOfTables:
    declared = SumOfTables(
        rule,
        template.pop("table"),
        template.pop("figure"),
        tuple(template.pop("parts")),
        template.pop("what"),
        template.pop("what_en"),
    )
    unknown = [
        *template,
        *(t for t in (declared.table, *declared.parts) if t not in TableKind.__members__),
        *([] if is_figure_word(declared.figure) else [declared.figure]),
    ]
    if unknown:
        raise ValueError(f"crosstable.yaml, {rule}: unknown {', '.join(unknown)}")
    return declared


def _columns(declared: list) -> tuple[Columns, ...]:
    """`columns`: a list of pairs (the first required), or a list of choices (`pairs`, optionally
    `if_first_prints` or `if_second_prints`, and `equal`), each compared where both tables print them; the
    last choice must name no condition."""
    if all(isinstance(pair, list) for pair in declared):
        return (Columns(tuple((a, b) for a, b in declared)),)
    choices = tuple(
        Columns(
            tuple((a, b) for a, b in c.pop("pairs")),
            False,
            c.pop("if_second_prints", None),
            c.pop("if_first_prints", None),
            _conditions(c.pop("equal")) if "equal" in c else None,
        )
        for c in declared
    )
    leftover = [key for c in declared for key in c]
    leftover += [c for choice in choices for c in choice.equal or () if c not in CONDITIONS]
    last = choices[-1]
    if leftover or last.if_second_prints is not None or last.if_first_prints is not None:
        raise ValueError(f"columns: {', '.join(leftover) or 'no choice applies always'}")
    return choices


def _conditions(declared: str | list[str]) -> tuple[str, ...]:
    """A condition, or a list of conditions any of which suffices."""
    return tuple(declared) if isinstance(declared, list) else (declared,)


def _lines(declared: list) -> tuple[str | tuple[str, str], ...]:
    """`lines`: words of LINES, or {first: <figure>, second: <figure>} (figure_of's words)."""
    found: list[str | tuple[str, str]] = []
    for way in declared:
        if isinstance(way, dict):
            pair = (way.pop("first", ""), way.pop("second", ""))
            if way or not all(is_figure_word(word) for word in pair):
                raise ValueError(f"lines: {', '.join([*way, *pair])}")
            found.append(pair)
        else:
            found.append(way)
    return tuple(found)


def _same_lines(rule: str, template: dict) -> SameLines:
    declared = SameLines(
        rule,
        template["first"],
        template["second"],
        _columns(template["columns"]),
        _lines(template["lines"]),
        _conditions(template["equal"]),
        template.get("when"),
        template["what"],
        template["what_en"],
    )
    unknown = [
        *(way for way in declared.lines if isinstance(way, str) and way not in LINES),
        *(c for c in (*declared.equal, declared.when) if c and c not in CONDITIONS),
        *(
            t
            for t in (declared.first, declared.second)
            if t not in TableKind.__members__ and t != "functional_spending"
        ),
    ]
    unknown += sorted(set(template) - {f.name for f in fields(SameLines)} - {"rule"})
    for what in (declared.what, declared.what_en):
        what.format(first="", second="", **LABELS)  # a name it does not know: KeyError
    if unknown:
        raise ValueError(f"crosstable.yaml, {rule}: unknown {', '.join(unknown)}")
    return declared


RECORDS, DECLARED = _declared()


def summary_income(t: Tables) -> Derived:
    summary, income = t.IncomeExpenditureSummary, t.IncomeSummary
    row = department_row(income) if income else None
    column = whole(summary, "income") if summary else None
    if summary is None or income is None or row is None or column is None:
        return
    what = "收支总表收入应与收入总表一致", "Income-expenditure summary income should equal the income summary"
    listed = _listed_sources(income)
    seen: set[str] = set()
    for line, meaning in reversed(summary_lines(summary, "income")):
        if meaning not in MEANINGS or meaning in seen:
            continue
        seen.add(meaning)  # the last line of a repeated name is the leaf (一般公共预算资金 under itself)
        figure = Figure.of(summary, line, column)
        if figure and meaning in listed:
            yield same(SUMMARY_INCOME, figure, listed[meaning], *what)
        elif figure:
            yield restated(SUMMARY_INCOME, figure, income, row, meaning, *what)


def _listed_sources(income: Table) -> dict[str, Figure]:
    """An income summary that lists its sources as lines under one amount column (Jiangsu's 收入预算总表:
    收入总计, 一般公共预算资金小计 …), not as columns: each source's figure, by what its line says it is. Where
    groups print subtotals, only the total and the subtotals, each named by its group (a line inside a
    group is a part of its source: 公共财政拨款（补助）资金 of 一般公共预算资金); none where a subtotal was read
    without its group's name (a converter may set the name beside another line)."""
    amounts = [c.meaning for c in income.columns if c.side is None]
    if len(amounts) != 1 or any(plain(row.label) == "小计" for row in income.rows):
        return {}
    grouped = any(plain(row.label).endswith("小计") for row in income.rows)
    found: dict[str, Figure] = {}
    for row in income.rows:
        if grouped and not (row.role is RowRole.TOTAL or plain(row.label).endswith("小计")):
            continue
        meaning = line_meaning(row.label)
        if meaning in MEANINGS and meaning not in found and (figure := Figure.of(income, row, amounts[0])):
            found[meaning] = figure
    return found


def appropriation_income(t: Tables) -> Derived:
    appropriation, summary, income = t.AppropriationSummary, t.IncomeExpenditureSummary, t.IncomeSummary
    if appropriation is None:
        return
    what = "财政拨款收支总表收入应与收支总表一致", "Appropriation summary income should equal the summary's"
    if summary is not None:
        for meaning in GOVERNMENT_SOURCES:
            ours, theirs = income_lines(appropriation, meaning), income_lines(summary, meaning)
            if len(ours) != len(theirs):
                ours, theirs = ours[-1:], theirs[-1:]
            for a, b in zip(ours, theirs, strict=False):
                yield same(APPROPRIATION_INCOME, a, b, *what)
        carried = t.summary_figure(appropriation, "income", "carryover")
        fiscal = t.summary_figure(summary, "income", "carryover:appropriation")
        if carried and fiscal:
            yield same(APPROPRIATION_INCOME, carried, fiscal, *what)
    current = t.summary_figure(appropriation, "income", "current_income")
    row = department_row(income) if income else None
    if current and income and row:
        yield restated(
            APPROPRIATION_INCOME,
            current,
            income,
            row,
            "appropriation",
            "财政拨款本年收入应等于收入总表政府预算拨款",
            "Appropriation income should equal the income summary's",
        )


def income_lines(table: Table, meaning: str) -> list[Figure]:
    column = whole(table, "income")
    rows = [r for r, m in summary_lines(table, "income") if m == meaning]
    return [f for f in (Figure.of(table, r, column) for r in rows) if f] if column else []


def fund_balance(t: Tables) -> Derived:
    appropriation = t.AppropriationSummary
    if appropriation is None:
        return
    if t.nothing_carried_forward(appropriation):
        for source, kind in SPENDING_TABLES.items():
            spending = t.filing.table(kind)
            total, parts = department_total(spending), fund_income(t, source)
            if spending and total and parts is not None:
                # the summary said what was carried over, if only by printing no such line: the sum rests
                # on its reading even when no figure of its is a part
                looked = (
                    []
                    if any(p.location.table == appropriation.title for p in parts)
                    else [appropriation.location]
                )
                yield sum_of(
                    FUND_BALANCE,
                    total,
                    parts,
                    f"{spending.title}合计应等于该类财政拨款本年收入与上年结转之和",
                    f"The {english(source)} spending table's total should equal that appropriation and its carry-over",
                    places=looked,
                )


def fund_income(t: Tables, source: str) -> list[Figure] | None:
    """This year's appropriation of one budget kind and its carry-over, as 财政拨款收支总表 prints them
    (or 收入总表 when the summary has no such income line); None when either is not published. A
    summary without any carry-over line carries nothing over."""
    appropriation, income = t.AppropriationSummary, t.IncomeSummary
    row = department_row(income) if income else None
    investment = figures_for(income, row, "gov_investment") if income and row else None
    if source == "general_budget" and any(not is_zero(f) for f in investment or []):
        return None  # which table spends 政府投资项目 money is the region's choice
    received = t.summary_figure(appropriation, "income", source, last=True)
    received_parts = [received] if received else figures_for(income, row, source) if income and row else None
    carried = t.summary_figure(appropriation, "income", f"carryover:{source}")
    lines_carried = any(m and m.startswith("carryover") for _, m in summary_lines(appropriation, "income"))
    carried_parts = [carried] if carried else None if lines_carried else []
    if received_parts is None or carried_parts is None:
        return None
    return [*received_parts, *carried_parts]


def income_by_source(t: Tables) -> Derived:
    income, basic, project = t.IncomeSummary, t.BasicExpenditureSummary, t.ProjectExpenditureSummary
    if income is None or basic is None or project is None:
        return
    rows = department_row(income), department_row(basic), department_row(project)
    if None in rows or not t.nothing_carried_forward(t.IncomeExpenditureSummary):
        return
    row, basic_row, project_row = rows
    for column in income.columns:
        meaning = column.meaning
        figure = Figure.of(income, row, meaning)
        if meaning not in SOURCES | {"carryover"} or figure is None:
            continue
        basic_parts = spending_source(basic, basic_row, meaning, is_basic=True)
        project_parts = spending_source(project, project_row, meaning, is_basic=False)
        if basic_parts is not None and project_parts is not None:
            # a table printing none of it was looked in all the same: the sum rests on its reading too
            looked = [
                r.location
                for r, parts in ((basic_row, basic_parts), (project_row, project_parts))
                if not parts
            ]
            yield sum_of(
                INCOME_BY_SOURCE,
                figure,
                basic_parts + project_parts,
                f"收入总表“{column.label}”应等于基本支出与项目支出中该来源之和",
                f"Income as {english(meaning)} should equal basic plus project spending of it",
                places=looked,
            )


def spending_source(table: Table, row: Row, meaning: str, is_basic: bool) -> list[Figure] | None:
    """The figures of one source of money in 基本支出总表 (is_basic) or 项目支出总表."""
    found = figures_for(table, row, meaning)
    if found is not None:
        return found
    if is_basic and meaning == "general_budget_basic":
        return figures_for(table, row, "general_budget")
    if (is_basic and meaning in PROJECT_ONLY) or (not is_basic and meaning == "general_budget_basic"):
        return []
    return None


def performance_amounts(t: Tables) -> Derived:
    targets = t.PerformanceTargets
    column = whole(targets) if targets else None
    if targets is None or column is None:
        return
    for task in targets.rows:
        figure = Figure.of(targets, task, column)
        if figure is None:
            continue
        if task.role is RowRole.TOTAL:
            grand = t.summary_figure(t.IncomeExpenditureSummary, "income", "total")
            if grand:
                yield same(
                    PERFORMANCE_AMOUNTS,
                    figure,
                    grand,
                    "绩效目标表金额合计应等于收支总表收入总计",
                    "Performance targets' total should equal total income",
                )
        elif task.role is ITEM:
            yield from task_amounts(t, targets, task, figure)


def task_amounts(t: Tables, targets: Table, task: Row, figure: Figure) -> Derived:
    name = plain(task.label)
    if name in {"人员经费", "公用经费"}:
        personnel = name == "人员经费"
        parts = [t.basic_by_code(code) for code in (PERSONNEL_CODES if personnel else OPERATING_CODES)]
        if None not in parts and any(parts):
            yield sum_of(
                PERFORMANCE_AMOUNTS,
                figure,
                [f for found in parts if found for f in found],
                f"绩效目标表{name}应等于基本支出相应经济分类之和",
                f"{'Personnel' if personnel else 'Operating'} costs should equal their economic classes of basic spending",
                places=t.class_codes,
            )
        return
    carried = _CARRIED_TASK.match(name)
    projects, project = t.ProjectExpenditureSummary, t.projects.get(carried.group(2) if carried else name)
    if projects is None or project is None:
        return
    what = (
        f"绩效目标表任务“{task.label}”应与项目支出总表一致",
        "Task amount should equal the project's in the project summary",
    )
    carryover, appropriated = (
        Figure.of(projects, project, "carryover"),
        Figure.of(targets, task, "appropriation"),
    )
    if carried and carryover:
        yield same(PERFORMANCE_AMOUNTS, figure, carryover, *what)
        if appropriated:
            yield at_most(PERFORMANCE_AMOUNTS, appropriated, carryover, *what)
    elif not carried:
        total = whole_figure(projects, project)
        if total:
            parts, signs = ([total, carryover], [1, -1]) if carryover else ([total], None)
            yield sum_of(PERFORMANCE_AMOUNTS, figure, parts, *what, signs=signs)
        if appropriated:
            yield restated(PERFORMANCE_AMOUNTS, appropriated, projects, project, "appropriation", *what)


def year_row(table: Table, year: int) -> Row | None:
    """The 三公 table's row of the filing's year (2024年), or its total row when it has no year rows."""
    periods = [r for r in table.rows if r.role is RowRole.PERIOD]
    if not periods:
        return department_row(table)
    return next((r for r in periods if normalise(r.label).startswith(f"{year}年")), None)


def split_figure(table: Table, meaning: str, year: int) -> Figure | None:
    """A table's one figure of a column of the basic-spending split (人员经费, 公用经费, 机关运行经费): a
    summary's 支出总计 line, the 三公 table's row of the year, else the table's department row."""
    if table.kind in (TableKind.IncomeExpenditureSummary, TableKind.AppropriationSummary):
        rows = [r for r, m in summary_lines(table, "expenditure") if m == "total"]
        row = rows[0] if rows else None
    elif table.kind is TableKind.ThreePublicExpenses:
        row = year_row(table, year)
    else:
        row = department_row(table)
    return Figure.of(table, row, meaning) if row else None


def split_figures(filing: Filing, meaning: str) -> list[tuple[Table, Figure]]:
    """Every table's figure of one column of the split, in the filing's order."""
    tables = (t for t in filing.tables if any(c.meaning == meaning for c in t.columns))
    return [(t, f) for t in tables if (f := split_figure(t, meaning, filing.year))]


def basic_split(t: Tables) -> Derived:
    for meaning in SPLIT_MEANINGS:
        found = split_figures(t.filing, meaning)
        for (a, first), (b, second) in pairwise(found):
            # 机关运行经费 is appropriation money whatever the table's title says
            wide = covers_all_funds(a)
            broader, narrower = (first, second) if wide else (second, first)
            yield cover(
                BASIC_SPLIT,
                broader,
                narrower,
                meaning == "office_operating" or wide == covers_all_funds(b) or t.general_only,
                f"{MEANINGS[meaning][0]}在{a.title}与{b.title}中应一致",
                f"{english(meaning).capitalize()} should agree between the tables",
            )
