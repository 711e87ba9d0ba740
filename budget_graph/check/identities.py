"""BG-R identities across a row's columns and down the two sides of the summary tables.

Column identities come from the header nesting the reader records (Column.path), so they hold for any
layout: a printed group column equals the sum of its printed parts, a group that is not printed as a
column of its own being replaced by its parts. The 收支总表 identities read the rows by their labels;
where a label does not say for certain what a row is, the identity is not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise

from budget_graph.check.figures import Figure, adds_up_exactly, check_at_most, check_cells, check_equal
from budget_graph.check.rollups import TWO_SIDED, table_blocks
from budget_graph.check.rules import Finding, Rule, Severity, rule
from budget_graph.codes import normalise, scheme_index
from budget_graph.model import Filing, Row, RowRole, Table, TableKind

COLUMN_GROUP = rule(
    id="BG-R004",
    title="合计列金额不等于其组成列之和",
    title_en="A group column differs from the sum of its part columns",
    severity=Severity.ERROR,
    basis="表格设计：表头分组列为其下各列之和 (table design; disclosure-rules.md E.19–22, G.30–35, G.38)",
    checks="On every row, each column that heads a group of columns equals the sum of the columns under it, "
    "a group not printed as a column of its own being replaced by its parts: 收入总计 = 一般公共预算拨款 + 政府"
    "投资项目拨款 + … + 上年结转 and 一般公共预算拨款 = 基本支出拨款 + 履职类项目拨款 + 财政专项资金拨款; 支出总计 = "
    "基本支出 + 项目支出 + 经营支出 + 对附属单位补助 + 上缴上级; “三公”总额 = 因公出国（境） + 公务接待 + 公务用车, "
    "公务用车 = 购置 + 运行维护; 绩效目标表 总额 = 财政拨款 + 其他资金.",
    why="Each row restates one amount split by source or purpose; parts that do not add up to the total mean "
    "a figure was mistyped or a column was left out.",
    engine="python",
    fail_example="表七  201 一般公共服务支出  支出总计 33,149.35 = 基本支出 959.75 + 项目支出 32,189.80",
    pass_example="表七  201 一般公共服务支出  支出总计 33,149.35 = 基本支出 959.75 + 项目支出 32,189.60",
)
RESERVED_SHARE = rule(
    id="BG-R005",
    title="预留给中小（小微）企业的采购金额超过其所属金额",
    title_en="A reserved procurement share exceeds the amount it is part of",
    severity=Severity.ERROR,
    basis="政府采购促进中小企业发展管理办法（财库〔2020〕46号）; disclosure-rules.md D.15, G.31",
    checks="On every row of the 支出总表: 预留给中小企业的项目资金 ≤ 政府采购小计, and 其中预留给小型、微型企业的 ≤ "
    "预留给中小企业的. An error only when the excess is beyond what rounding explains.",
    why="A share cannot exceed its whole; the figures were swapped or mistyped.",
    engine="python",
    fail_example="表三  20199  政府采购小计 26.38  预留给中小企业 30.00",
    pass_example="表三  20113  政府采购小计 250.00  预留给中小企业 250.00  其中小微企业 0.00",
)
PERIOD_CHANGE = rule(
    id="BG-R006",
    title="增减变化金额不等于本年与上年之差",
    title_en="The change row differs from this year's row minus last year's",
    severity=Severity.ERROR,
    basis="表格设计：“三公”经费表 增减变化 = 本年 − 上年 (table design; disclosure-rules.md G.35)",
    checks="In a table with a row per year and a change row (the “三公” table: 2023年, 2024年, 增减变化金额), "
    "the change row equals the later year's row minus the earlier year's, column by column.",
    why="The change row is what the narrative explains; a wrong change misstates how spending moved.",
    engine="python",
    fail_example="表九  2023年 3.25 / 2024年 3.15 / 增减变化金额 -0.20",
    pass_example="表九  2023年 3.25 / 2024年 3.15 / 增减变化金额 -0.10",
)
SUMMARY_BALANCE = rule(
    id="BG-R007",
    title="收支总表收支总计不平衡",
    title_en="The summary table's income and expenditure totals do not balance",
    severity=Severity.ERROR,
    basis="收支平衡 (budget balance); disclosure-rules.md E.18, G.29",
    checks="In the 收支总表 and the 财政拨款收支总表: 收入总计 = 本年收入合计 + 上年结余结转 (and any other line "
    "printed between them, such as 用事业基金弥补收支差额); 支出总计 = 本年支出合计 + 结转下年; 收入总计 = 支出总计.",
    why="A budget balances by construction; totals that do not balance mean a figure is wrong.",
    engine="python",
    fail_example="表一  本年收入合计 28,040.02 + 上年结余、结转 5,614.27 ≠ 收入总计 33,664.29",
    pass_example="表一  本年收入合计 28,040.02 + 上年结余、结转 5,614.27 = 收入总计 33,654.29 = 支出总计",
)
SUMMARY_BREAKDOWN = rule(
    id="BG-R008",
    title="收支总表小计不等于其明细之和",
    title_en="A subtotal of the summary table differs from the sum of its lines",
    severity=Severity.ERROR,
    basis="表格设计 (table design); disclosure-rules.md E.18, G.29",
    checks="In the 收支总表 and the 财政拨款收支总表: 上年结余结转 (or any line followed by numbered sub-lines 1. 2. "
    "3.) equals the sum of those sub-lines; 本年支出合计 equals the sum of the expenditure side's 类 lines. A "
    "line counts as a 类 when the side's lines are, in order, the lines of the filing's functional table "
    "(支出总表 …) and it is a 3-digit line there, or else when its name is a national 类 name printed once "
    "on that side; when neither holds, the identity is not checked.",
    why="The summary table is the first table a reader sees; its subtotals must add up like every other's.",
    engine="python",
    fail_example="表一  上年结余、结转 5,614.27 / 1.财政拨款结余、结转 5,614.27 / 2.非财政拨款结余、结转 1.00",
    pass_example="表一  上年结余、结转 5,614.27 / 1.财政拨款结余、结转 5,614.27 / 2.非财政拨款结余、结转 0.00",
)

SKIPPED = "unknown:"  # columns the reader could not name: no identity is sure with them
_YEAR = re.compile(r"(\d{4})\s*年")
_NUMBERED = re.compile(r"^(\d+[.、．]|[（(][\d一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
_NUMBER_STYLE = re.compile(r"^(\d+|[（(][\d一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+)")
FUNCTIONAL = {TableKind.ExpenditureSummary, TableKind.GeneralBudgetByFunction}


def check_identities(filing: Filing) -> Iterator[Finding]:
    for table in filing.tables:
        if table.kind is None:
            continue
        if table.kind in TWO_SIDED:
            yield from _summary_table(table, filing)
            continue
        yield from _column_groups(table)
        yield from _reserved_shares(table)
        yield from _period_change(table)


# ---- column groups -------------------------------------------------------------------------------


def column_groups(table: Table) -> dict[str, list[str]]:
    """Each printed group column and the printed columns that make it up (unprinted groups expanded)."""
    printed = [c.meaning for c in table.columns if c.side is None]
    children: dict[str, list[str]] = {}
    for column in table.columns:
        chain = (*column.path, column.meaning)
        for parent, child in pairwise(chain):
            members = children.setdefault(parent, [])
            if child not in members:
                members.append(child)

    def expand(name: str) -> list[str]:
        if name in printed:
            return [name]
        return [part for child in children.get(name, []) for part in expand(child)]

    groups = {}
    for group in printed:
        parts = [part for child in children.get(group, []) for part in expand(child)]
        if parts and not any(p.startswith(SKIPPED) for p in [group, *parts]):
            groups[group] = parts
    return groups


def _column_groups(table: Table) -> Iterator[Finding]:
    groups = column_groups(table)
    for row in table.rows:
        for group, parts in groups.items():
            cells = [(row, part) for part in parts]
            if adds_up_exactly((row, group), cells):
                continue
            column = table.column_label(group)
            what = f"{table.title} {row.location.row or row.label} {column} 与其组成列之和"
            what_en = f"{table.title}: {row.label} {column} against the sum of its part columns"
            finding = check_cells(COLUMN_GROUP, table, (row, group), cells, what, what_en)
            if finding:
                yield finding


# ---- procurement shares --------------------------------------------------------------------------


def _reserved_shares(table: Table) -> Iterator[Finding]:
    pairs = [("procurement_sme", "procurement"), ("procurement_micro", "procurement_sme")]
    meanings = {c.meaning for c in table.columns}
    for part, whole in pairs:
        if part not in meanings or whole not in meanings:
            continue
        for row in table.rows:
            share, of = Figure.of(table, row, part), Figure.of(table, row, whole)
            if share and of:
                what = f"{table.title} {row.location.row or row.label} 预留份额不得超过其所属金额"
                what_en = f"{table.title}: {row.label} reserved share exceeds its whole"
                finding = check_at_most(RESERVED_SHARE, share, of, what, what_en)
                if finding:
                    yield finding


# ---- year rows -----------------------------------------------------------------------------------


def _period_change(table: Table) -> Iterator[Finding]:
    periods = [r for r in table.rows if r.role is RowRole.PERIOD]
    years = sorted((int(m.group(1)), r) for r in periods if (m := _YEAR.search(r.label)))
    changes = [r for r in periods if not _YEAR.search(r.label)]
    if len(years) != 2 or len(changes) != 1 or years[0][0] == years[1][0]:
        return  # which rows are compared is not certain
    (_, earlier), (_, later), change = years[0], years[1], changes[0]
    for column in table.columns:
        total, parts = (change, column.meaning), [(later, column.meaning), (earlier, column.meaning)]
        if adds_up_exactly(total, parts, [1, -1]):
            continue
        what = f"{table.title} {change.label}（{column.label}）与 {later.label} 减 {earlier.label}"
        what_en = f"{table.title}: {change.label} ({column.label}) against {later.label} minus {earlier.label}"
        finding = check_cells(PERIOD_CHANGE, table, total, parts, what, what_en, signs=[1, -1])
        if finding:
            yield finding


# ---- the two-sided summary tables ----------------------------------------------------------------


def _summary_table(table: Table, filing: Filing) -> Iterator[Finding]:
    income = [r for r in table.rows if r.side == "income"]
    expenditure = [r for r in table.rows if r.side == "expenditure"]
    income_total = _balance(table, income, "本年收入合计", "收入总计")
    expenditure_total = _balance(table, expenditure, "本年支出合计", "支出总计")
    yield from income_total[1]
    yield from expenditure_total[1]
    if income_total[0] and expenditure_total[0]:
        a, b = (Figure.of(table, r, "amount") for r in (income_total[0], expenditure_total[0]))
        if a and b:
            what = f"{table.title} 收入总计与支出总计", f"{table.title}: income total against expenditure total"
            finding = check_equal(SUMMARY_BALANCE, a, b, *what)
            if finding:
                yield finding
    for side in (income, expenditure):
        yield from _numbered_lines(table, side)
    yield from _classes(table, expenditure, filing)


def _find(rows: list[Row], label: str) -> int | None:
    found = [i for i, r in enumerate(rows) if normalise(r.label) == label]
    return found[0] if len(found) == 1 else None


def _is_sub_line(row: Row) -> bool:
    label = normalise(row.label)
    return bool(_NUMBERED.match(label)) or label.startswith("其中")


def _balance(
    table: Table, side: list[Row], current_label: str, total_label: str
) -> tuple[Row | None, list[Finding]]:
    """总计 = 本年合计 + the lines between them that are not numbered sub-lines (上年结余结转, 结转下年 …)."""
    current, total = _find(side, current_label), _find(side, total_label)
    if current is None or total is None or current > total:
        return None, []
    parts = [side[current], *(r for r in side[current + 1 : total] if not _is_sub_line(r))]
    names = " + ".join(r.label for r in parts)
    what = f"{table.title} {total_label} 与 {names}", f"{table.title}: {total_label} against {names}"
    finding = _sum_lines(SUMMARY_BALANCE, table, side[total], parts, *what)
    return side[total], [finding] if finding else []


def _sum_lines(rule_: Rule, table: Table, total: Row, parts: list[Row], what: str, what_en: str) -> Finding | None:
    """A line of a summary table's side against the sum of other lines (their 'amount' cells)."""
    cells = [(r, "amount") for r in parts]
    if adds_up_exactly((total, "amount"), cells):
        return None
    return check_cells(rule_, table, (total, "amount"), cells, what, what_en)


def _numbered_lines(table: Table, side: list[Row]) -> Iterator[Finding]:
    """A line followed by numbered sub-lines (1. 2. 3.) is their sum; deeper levels are left to themselves."""
    for position, row in enumerate(side):
        if _is_sub_line(row):
            continue
        following = []
        for below in side[position + 1 :]:
            if not _is_sub_line(below):
                break
            following.append(below)
        numbered = [r for r in following if _NUMBERED.match(normalise(r.label))]
        if not numbered:
            continue
        style = _style(numbered[0])
        direct = [r for r in numbered if _style(r) == style]
        what = f"{table.title} {row.label} 与其分项之和", f"{table.title}: {row.label} against the sum of its numbered lines"
        finding = _sum_lines(SUMMARY_BREAKDOWN, table, row, direct, *what)
        if finding:
            yield finding


def _style(row: Row) -> str:
    """'1.' and '2、' share a style; '(1)' is another (a deeper level)."""
    match = _NUMBER_STYLE.match(normalise(row.label))
    text = match.group(1) if match else ""
    return "(" if text.startswith(("(", "（")) else "1" if text[:1].isdigit() else "一"


def _classes(table: Table, side: list[Row], filing: Filing) -> Iterator[Finding]:
    """本年支出合计 = Σ the expenditure side's 类 lines."""
    current = _find(side, "本年支出合计")
    if current is None or current == 0:
        return
    lines = side[:current]
    classes = _classes_by_alignment(lines, filing) or _classes_by_name(lines, filing.year)
    if not classes:
        return
    what = f"{table.title} 本年支出合计 与各类支出之和", f"{table.title}: current-year expenditure against the sum of its classes"
    finding = _sum_lines(SUMMARY_BREAKDOWN, table, side[current], classes, *what)
    if finding:
        yield finding


def _classes_by_alignment(lines: list[Row], filing: Filing) -> list[Row]:
    """The 类 lines when the side lists, in order, exactly the lines of a functional table's block."""
    names = [normalise(r.label) for r in lines]
    for table in filing.tables:
        if table.kind not in FUNCTIONAL:
            continue
        for block in table_blocks(table):
            coded = [r for r in block.lines if r.code]
            if len(coded) == len(block.lines) and [normalise(r.label) for r in coded] == names:
                return [line for line, row in zip(lines, coded, strict=True) if len(row.code) == 3]
    return []


@cache
def functional_classes(year: int | None) -> frozenset[str]:
    concepts = scheme_index("functional").concepts()
    return frozenset(normalise(c.name) for c in concepts if c.level == 1 and c.valid_in(year))


def _classes_by_name(lines: list[Row], year: int | None) -> list[Row]:
    """Lines named by a national 类 name, when each such name is printed once and the side starts with one."""
    names = functional_classes(year)
    hits = [r for r in lines if normalise(r.label) in names]
    labels = [normalise(r.label) for r in hits]
    if not hits or hits[0] is not lines[0] or len(set(labels)) != len(labels):
        return []
    return hits
