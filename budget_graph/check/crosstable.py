"""BG-X: identities between tables — the same money published in two tables must agree.

Tables are found by kind and columns by meaning, never by number or position, so any layout that
publishes the same tables is checked the same way; an identity whose tables or columns are absent is
skipped. Lines printed without codes (收支总表, 基本支出总表) are aligned with the coded table by
sequence of names (duplicates such as 其他一般公共服务支出 at 款 and 项 level pair in order).

Two tables cover the same money, or one covers part of the other's: 一般公共预算 tables cover part of
all spending (the unit may also spend its own funds, 政府性基金 or 国有资本经营 money). Where the
filing shows they cover the same money (Tables.general_only: 收支总表 spends what 财政拨款收支总表
spends, and the fund tables are empty), their lines must be equal; otherwise the narrower must not
exceed the broader, and only a clear excess is an error.
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

from budget_graph.check.evaluator import check_at_most, check_equal, check_sum, is_recording
from budget_graph.check.figures import Figure, figures_of
from budget_graph.check.rollups import table_blocks
from budget_graph.check.rounding import Agreement, compare
from budget_graph.check.rules import Finding, Rule, Severity, rule
from budget_graph.codes import current_name, named_code, normalise
from budget_graph.model import Filing, Kind, Row, RowRole, Table, TableKind
from budget_graph.model.meanings import MEANINGS, WHOLE
from budget_graph.profiles import column_meaning

DESIGN = "部门预算公开表格式的表间勾稽关系 (the tables' design: one sum published in several tables)"

SUMMARY_BY_FUNCTION = rule(
    id="BG-X001",
    title="收支总表支出与支出总表逐行一致",
    title_en="Income-expenditure summary lines equal the expenditure summary",
    severity=Severity.ERROR,
    basis=DESIGN + "; 收支总表支出栏按功能分类列示 (disclosure rules 23, 29)",
    checks="The expenditure side of 收支总表 lists the functional 类/款/项 of 支出总表 in the same order "
    "(by name; the 收支总表 prints no codes): each line's amount equals 支出总表's 支出总计 of that line, "
    "no line is missing or extra, and 本年支出合计 equals 支出总表's total. A line whose name differs "
    "is a warning.",
    why="Both tables show all of the unit's spending by function; a line that differs means one of the "
    "two published figures is wrong.",
    engine="python",
    fail_example="表一 事业运行 959.77; 表三 2011350 事业运行 959.75",
    pass_example="表一 事业运行 959.75; 表三 2011350 事业运行 959.75",
)
APPROPRIATION_BY_FUNCTION = rule(
    id="BG-X002",
    title="财政拨款收支总表支出与一般公共预算支出表逐行一致",
    title_en="Appropriation summary lines equal the general-budget table by function",
    severity=Severity.ERROR,
    basis=DESIGN + "; 财政拨款支出 = 一般公共预算 + 政府性基金 + 国有资本经营 (disclosure rules 21, 29)",
    checks="The expenditure side of 财政拨款收支总表 lists the functional lines of 一般公共预算支出表 "
    "(equal when 政府性基金/国有资本经营 tables are empty, otherwise not less); its 本年支出合计 equals the "
    "totals of 一般公共预算, 政府性基金预算 and 国有资本经营预算 支出表 together.",
    why="The appropriation summary restates the general, fund and state-capital budget tables; a "
    "difference means a figure was changed in one place only.",
    engine="python",
    fail_example="表六 购房补贴 218.40; 表七 2210203 购房补贴 218.38",
    pass_example="表六 购房补贴 218.38; 表七 2210203 购房补贴 218.38",
)
SUMMARY_INCOME = rule(
    id="BG-X004",
    title="收支总表收入与收入总表一致",
    title_en="Income side of the income-expenditure summary equals the income summary",
    severity=Severity.ERROR,
    basis=DESIGN + " (disclosure rules 23, 29, 30)",
    checks="Each income line of 收支总表 (政府预算资金, 一般公共预算资金, 财政专户管理资金, 单位资金 …, "
    "本年收入合计, 上年结余结转, 收入总计) equals the same source in 收入总表's department row (a source "
    "收入总表 prints only in parts is compared with the sum of its parts).",
    why="Both tables publish the unit's income by source; they must tell the same story.",
    engine="python",
    fail_example="表一 上年结余、结转 5,614.29; 表二 上年结转 5,614.27",
    pass_example="表一 上年结余、结转 5,614.27; 表二 上年结转 5,614.27",
)
APPROPRIATION_INCOME = rule(
    id="BG-X005",
    title="财政拨款收支总表收入与收支总表、收入总表一致",
    title_en="Income side of the appropriation summary agrees with the summaries",
    severity=Severity.ERROR,
    basis=DESIGN + " (disclosure rules 21, 23, 29)",
    checks="Each government-budget income line of 财政拨款收支总表 (政府预算资金, 一般公共预算资金 …) equals "
    "the same line of 收支总表, in order; its 本年收入合计 equals 收入总表's 政府预算拨款; its 上年结余结转 "
    "equals 收支总表's 财政拨款结余结转.",
    why="财政拨款收支总表 repeats 收支总表 for government-budget money; a difference means one was "
    "edited without the other.",
    engine="python",
    fail_example="表六 一般公共预算资金 28,040.04; 表一 一般公共预算资金 28,040.02",
    pass_example="表六 一般公共预算资金 28,040.02; 表一 一般公共预算资金 28,040.02",
)
FUND_BALANCE = rule(
    id="BG-X006",
    title="各类财政拨款收入与对应支出表一致",
    title_en="Each kind of appropriation equals the spending table of that kind",
    severity=Severity.ERROR,
    basis=DESIGN + "; 收入总计 = 支出总计 by budget kind (disclosure rules 18, 21, 36)",
    checks="When nothing is carried forward (结转下年 0): 一般公共预算 income + its 上年结转 = 一般公共预算支出表 "
    "total; 政府性基金 income + carry-over = 政府性基金预算支出表 total (0 for an empty table); the same for "
    "国有资本经营. 上级专项转移支付支出 does not exceed the appropriation spending.",
    why="A budget kind's money is spent in its own table; an empty table must match zero income of "
    "that kind.",
    engine="python",
    fail_example="表六 2.政府性基金预算拨款结余、结转 0.02; 表十 政府性基金预算支出 0.00",
    pass_example="表六 2.政府性基金预算拨款结余、结转 0.00; 表十 0.00",
)
FUNCTION_AND_ECONOMIC_TOTALS = rule(
    id="BG-X008",
    title="一般公共预算按功能与按经济分类总额一致",
    title_en="General-budget totals by function and by economic class agree",
    severity=Severity.ERROR,
    basis=DESIGN + " (disclosure rule 34)",
    checks="For the department and each unit row, 支出总计, 基本支出 and 项目支出 of the table by function "
    "equal those of the table by economic class.",
    why="The two tables classify the same general-budget spending two ways.",
    engine="python",
    fail_example="表七 基本支出 1,440.36; 表八 基本支出 1,440.38",
    pass_example="表七 基本支出 1,440.36; 表八 基本支出 1,440.36",
)
BASIC_AND_PROJECT_TOTALS = rule(
    id="BG-X009",
    title="基本支出、项目支出总额各表一致",
    title_en="Basic and project expenditure totals agree across tables",
    severity=Severity.ERROR,
    basis=DESIGN + " (disclosure rules 32, 33)",
    checks="支出总表's 基本支出 equals 基本支出总表's total, and its 项目支出 equals 项目支出总表's total, "
    "for the department and each unit row; a 财政拨款收支总表 that lists its spending by purpose (基本支出, "
    "项目支出) agrees with those totals. Where the detail table covers only appropriation (财政拨款基本支出"
    "预算表) and the unit has other money, the appropriation part must not exceed the whole.",
    why="The basic and project summaries detail 支出总表's two columns.",
    engine="python",
    fail_example="表三 项目支出 32,213.93; 表五 总计 32,213.95",
    pass_example="表三 项目支出 32,213.93; 表五 总计 32,213.93",
)
INCOME_BY_SOURCE = rule(
    id="BG-X010",
    title="收入总表各资金来源与基本、项目支出一致",
    title_en="Income by source equals basic plus project spending by source",
    severity=Severity.ERROR,
    basis=DESIGN + "; 以收定支 (disclosure rules 30, 32, 33)",
    checks="When nothing is carried forward (结转下年 0), each source column of 收入总表's department row "
    "equals the same source in 基本支出总表 plus 项目支出总表 (基本支出拨款 is basic spending's general "
    "budget; 履职类/财政专项/政府投资项目 are project money only).",
    why="A budget spends what it receives: each source's income is allocated to basic or project spending.",
    engine="python",
    fail_example="表二 履职类项目拨款 1,699.66; 表五 履职类项目拨款 1,699.68",
    pass_example="表二 一般公共预算拨款 28,040.02 = 表四 1,440.36 + 表五 26,599.66",
)
PERFORMANCE_AMOUNTS = rule(
    id="BG-X011",
    title="部门整体绩效目标表任务金额与项目、基本支出一致",
    title_en="Performance-target task amounts equal the project and basic spending",
    severity=Severity.ERROR,
    basis=DESIGN + " (disclosure rules 17, 38)",
    checks="A task named like a project equals that project's current-year money in 项目支出总表 "
    "(总计 − 上年结转; 财政拨款 = 政府预算拨款); a task '结转项目-<project>' equals its 上年结转; 人员经费 "
    "= 工资福利支出 + 对个人和家庭的补助 and 公用经费 = 商品和服务支出 + 资本性支出 of basic spending; 金额合计 "
    "= 收支总表 收入总计.",
    why="The performance targets are set for the money the budget tables allocate; other amounts mean "
    "targets were set for a different budget.",
    engine="python",
    fail_example="表十四 综合事务 151.40; 表五 综合事务 151.38",
    pass_example="表十四 综合事务 151.38; 表五 综合事务 151.38",
)
THREE_PUBLIC_LINES = rule(
    id="BG-X013",
    title="“三公”经费不小于基本支出对应经济科目",
    title_en="Three public expenses cover the matching economic lines of basic spending",
    severity=Severity.ERROR,
    basis="“三公”经费数包括基本支出和项目支出中的“三公”经费 (disclosure rules 12, 35)",
    checks="In the filing year's row of the 三公 table: 公务接待费 ≥ 30217 公务接待费, 公务用车运行维护费 ≥ "
    "30231, 因公出国（境）费 ≥ 30212, 公务用车购置费 ≥ 31013, each of basic spending by economic class. "
    "Only a clear excess is an error (the 三公 figures also cover project spending).",
    why="Basic spending on hospitality or vehicles is 三公 spending; a 三公 figure below it is understated.",
    engine="python",
    fail_example="表九 2024年 公务接待费 0.40; 表八 30217 公务接待费 基本支出 0.50",
    pass_example="表九 2024年 公务接待费 0.50; 表八 30217 公务接待费 基本支出 0.50",
)

BASIC_SPLIT = rule(
    id="BG-X015",
    title="人员经费、公用经费、机关运行经费各表一致",
    title_en="Personnel, operating and office operating costs agree across tables",
    severity=Severity.ERROR,
    basis=DESIGN
    + "; 基本支出 = 人员经费 + 公用经费, 机关运行经费 (disclosure rules 32, 35; 财预〔2016〕143号)",
    checks="Every table that prints a 人员经费, 公用经费 or 机关运行经费 column (财务收支预算总表 支出总计, the "
    "一般公共预算基本支出表's 合计 row, the 机关运行经费表's 合计, the 三公 and 机关运行经费 table's row of the "
    "year) gives one figure for it: equal when the tables cover the same money, otherwise the "
    "general-budget table's not above the all-funds table's.",
    why="The split of basic spending into personnel and operating costs, and the office operating costs, are "
    "read from whichever table a reader opens; two figures mean one was edited without the other.",
    engine="python",
    fail_example="财务收支预算总表 支出总计 人员经费 102,464,260; 基本支出经济分类预算表 合计 人员经费 102,464,620",
    pass_example="财务收支预算总表 支出总计 人员经费 102,464,260; 基本支出经济分类预算表 合计 人员经费 102,464,260",
)

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
THREE_PUBLIC_CODES = {  # 三公 column → the economic class of basic spending it includes
    "hospitality": "30217",
    "vehicle_operation": "30231",
    "overseas_travel": "30212",
    "vehicle_purchase": "31013",
}
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
    """A summary side's lines with their meanings; numbered source lines printed under a carry-over line
    (年初财政拨款结转和结余 / 一、一般公共预算财政拨款 …) are that carry-over's parts, not income."""
    found, under_carryover = [], False
    for row in (r for r in table.rows if r.side == side):
        meaning = line_meaning(row.label)
        if meaning and meaning.startswith("carryover"):
            under_carryover = True
        elif meaning in SOURCES and under_carryover and _ENUMERATION.match(normalise(row.label)):
            meaning = f"carryover:{meaning}"
        elif row.role is RowRole.TOTAL or meaning in {"current_income", "total"}:
            under_carryover = False
        found.append((row, meaning))
    return found


def whole(table: Table, side: str | None = None) -> str | None:
    """The meaning of the table's top-level amount column (合计, 金额, 决算数 …) on that side."""
    return next((m for m in WHOLE if table.column(m, side)), None)


def covers_all_funds(table: Table) -> bool:
    """Does the table cover all the unit's money, not only its appropriation (财政拨款基本支出预算表)?"""
    return not re.search(r"财政拨款|一般公共预算|政府性基金|国有资本", normalise(table.title))


def matching_columns(a: Table, b: Table) -> tuple[tuple[str, str], ...]:
    """The two tables' whole columns, then the basic and project columns both print."""
    pairs = [(whole(a), whole(b)), *((m, m) for m in ("basic", "project") if a.column(m) and b.column(m))]
    return tuple((x, y) for x, y in pairs if x and y)


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
    rule: Rule, figure: Figure, source: list[Figure] | None, what: str, what_en: str
) -> Finding | None:
    """A published figure against the figure(s) another table publishes for the same money."""
    if source is None:
        return None
    if len(source) == 1:
        return check_equal(rule, figure, source[0], what, what_en)
    return check_sum(rule, figure, source, what, what_en)


def check_cover(
    rule: Rule, whole: Figure | None, part: Figure | None, equal: bool, what: str, what_en: str
) -> Finding | None:
    """`part` restates `whole` (equal), or covers part of the same money (not above it)."""
    if whole is None or part is None:
        return None
    if equal:
        return check_equal(rule, whole, part, what, what_en)
    return check_at_most(rule, part, whole, what, what_en)


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
    if not found.pairs or 2 * len(found.pairs) < len(first):
        return None
    levels = {len(b.code or "") for _, b in found.pairs + found.renamed}
    found.missing = [r for r in unmatched if len(r.code or "") in levels]
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
class Comparison:
    """How the aligned lines of two tables are compared: by pairs of columns (first's, second's), equal
    when they cover the same money, else the second's not above the first's (it covers part of it)."""

    rule: Rule
    first: Table
    second: Table
    columns: tuple[tuple[str, str], ...]
    equal: bool
    what: str
    what_en: str

    def rows(self, a: Row, b: Row) -> Iterator[Finding | None]:
        for first_meaning, second_meaning in self.columns:
            x, y = a.amount(first_meaning), b.amount(second_meaning)
            if x is None or y is None:
                continue
            if not is_recording() and (x.yuan == y.yuan if self.equal else y.yuan <= x.yuan):
                continue  # agrees: the common case, settled without building the figures' places
            yield self.pair(
                Figure.of(self.first, a, first_meaning), Figure.of(self.second, b, second_meaning)
            )

    def pair(self, first: Figure | None, second: Figure | None) -> Finding | None:
        return check_cover(self.rule, first, second, self.equal, self.what, self.what_en)

    def aligned(self, alignment: Alignment | None) -> Iterator[Finding | None]:
        if alignment is None or not self.columns:
            return
        for a, b in alignment.pairs + alignment.renamed:
            yield from self.rows(a, b)
        for a, b in alignment.renamed:
            yield self.rule.finding(
                f"{self.what}：同一行名称不同，{self.first.title} 为“{a.label}”，{self.second.title} 为“{b.label}”",
                f"{self.what_en}: the same line is named {a.label!r} in one table and {b.label!r} in the other",
                [a.location, b.location],
                b.label,
                a.label,
                severity=Severity.WARNING,
            )
        if self.equal:
            for row in alignment.extra:
                yield self.lone(self.first, row, self.columns[0][0], self.second)
        for row in alignment.missing:
            yield self.lone(self.second, row, self.columns[0][1], self.first)

    def lone(self, table: Table, row: Row, meaning: str, other: Table) -> Finding | None:
        """A line with money that the other table does not list."""
        figure = Figure.of(table, row, meaning)
        if figure is None or is_zero(figure):
            return None
        return self.rule.finding(
            f"{self.what}：{figure.name} 为 {figure.amount.text()}，{other.title} 无此行",
            f"{self.what_en}: {row.label} ({figure.amount.text()}) has no line in {other.title}",
            [figure.location, other.location],  # the table that lacks the line is a place of the finding
            "—",
            figure.amount.text(),
        )

    def units(self) -> Iterator[Finding | None]:
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


def check_crosstable(filing: Filing) -> Iterator[Finding]:
    """Every BG-X identity whose tables the filing has: those written here, then those declared in
    crosstable.yaml; each check yields None where a pair agrees."""
    tables = Tables(filing)
    for check in (
        summary_by_function,
        appropriation_by_function,
        summary_income,
        appropriation_income,
        fund_balance,
        function_and_economic_totals,
        basic_and_project_totals,
        income_by_source,
        performance_amounts,
        three_public_lines,
        basic_split,
        *(declared.check for declared in DECLARED),
    ):
        yield from (found for found in check(tables) if found)


Checked = Iterator[Finding | None]


# ---------------------------------------------------------------- identities declared as data


def _always(t: Tables, first: Table) -> bool:
    return True


def _general_only(t: Tables, first: Table) -> bool:
    return t.general_only


def _general_only_or_narrower(t: Tables, first: Table) -> bool:
    return t.general_only or (t.no_fund_spending and not covers_all_funds(first))


def _nothing_carried_forward(t: Tables, first: Table) -> bool:
    return t.nothing_carried_forward(t.IncomeExpenditureSummary)


CONDITIONS: dict[str, Callable[[Tables, Table], bool]] = {
    "always": _always,
    "general_only": _general_only,
    "general_only_or_narrower": _general_only_or_narrower,
    "nothing_carried_forward": _nothing_carried_forward,
}
LINES = ("code", "name", "units")


def column_of(table: Table, name: str) -> str | None:
    """A declared column: `whole`, `basic_spending`, or a meaning the table prints."""
    if name == "whole":
        return whole(table)
    if name == "basic_spending":
        return basic_column(table)
    return name if table.column(name) else None


@dataclass(frozen=True)
class SameLines:
    """Column a of table A equals (or, when not `equal`, is at least) column b of table B, line by line:
    a cross-table identity declared in crosstable.yaml (which says what each field may hold)."""

    rule: Rule
    first: str  # a Tables attribute: a table kind, or functional_spending
    second: str
    columns: tuple[tuple[str, str], ...]  # the first pair required, each later one where both print it
    lines: tuple[str, ...]  # code | name | units, in order
    equal: str  # a condition of CONDITIONS
    when: str | None
    what: str
    what_en: str

    def check(self, t: Tables) -> Checked:
        first, second = getattr(t, self.first), getattr(t, self.second)
        if first is None or second is None:
            return
        columns = [(column_of(first, a), column_of(second, b)) for a, b in self.columns]
        if None in columns[0] or (self.when and not CONDITIONS[self.when](t, first)):
            return
        compared = Comparison(
            self.rule,
            first,
            second,
            tuple((a, b) for a, b in columns if a and b),
            CONDITIONS[self.equal](t, first),
            self.what,
            self.what_en,
        )
        for way in self.lines:
            if way == "code":
                for a, b in block_pairs(first, second):
                    yield from compared.aligned(align(a, b, by_code))
            elif way == "name":
                yield from compared.aligned(t.named_lines(first, second))
            else:
                yield from compared.units()


def _declared() -> tuple[SameLines, ...]:
    """crosstable.yaml's identities, each with its rule; a field it does not know is a mistake caught at
    import."""
    entries = yaml.load((Path(__file__).parent / "crosstable.yaml").read_bytes(), Loader=_LOADER)
    return tuple(_same_lines(entry) for entry in entries)


def _same_lines(entry: dict) -> SameLines:
    template = entry.pop("same_lines")
    rule_ = rule(**{**entry, "severity": Severity(entry["severity"]), "engine": "python"})
    declared = SameLines(
        rule_,
        template["first"],
        template["second"],
        tuple((a, b) for a, b in template["columns"]),
        tuple(template["lines"]),
        template["equal"],
        template.get("when"),
        template["what"],
        template["what_en"],
    )
    unknown = [
        *(way for way in declared.lines if way not in LINES),
        *(c for c in (declared.equal, declared.when) if c and c not in CONDITIONS),
        *(
            t
            for t in (declared.first, declared.second)
            if t not in TableKind.__members__ and t != "functional_spending"
        ),
    ]
    unknown += sorted(set(template) - {f.name for f in fields(SameLines)})
    if unknown:
        raise ValueError(f"crosstable.yaml, {rule_.id}: unknown {', '.join(unknown)}")
    return declared


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DECLARED: tuple[SameLines, ...] = _declared()


def summary_by_function(t: Tables) -> Checked:
    summary, spending = t.IncomeExpenditureSummary, t.functional_spending
    column = whole(summary, "expenditure") if summary else None
    if summary is None or spending is None or column is None or whole(spending) is None:
        return
    compared = Comparison(
        SUMMARY_BY_FUNCTION,
        summary,
        spending,
        ((column, whole(spending)),),
        covers_all_funds(spending) or t.government_only,
        "收支总表与支出总表同一科目金额应一致",
        "Income-expenditure summary and expenditure summary differ",
    )
    listed = with_money(summary, function_lines(summary), column)
    yield from compared.aligned(align(listed, lines(spending), by_name))
    yield compared.pair(t.spent(summary), department_total(spending))


def appropriation_by_function(t: Tables) -> Checked:
    summary = t.AppropriationSummary
    column = whole(summary, "expenditure") if summary else None
    if summary is None or column is None:
        return
    what = (
        "财政拨款收支总表与该类预算支出表同一科目金额应一致",
        "Appropriation summary and the budget-kind table differ",
    )
    for kind, table in ((k, t.filing.table(s)) for k, s in SPENDING_TABLES.items()):
        if table is None or whole(table) is None:
            continue
        if summary.column(kind, "expenditure"):  # the summary splits its lines by budget kind
            compared = Comparison(
                APPROPRIATION_BY_FUNCTION, summary, table, ((kind, whole(table)),), True, *what
            )
            listed = with_money(summary, function_lines(summary), kind)
        elif kind == "general_budget":
            compared = Comparison(
                APPROPRIATION_BY_FUNCTION,
                summary,
                table,
                ((column, whole(table)),),
                t.no_fund_spending,
                *what,
            )
            listed = with_money(summary, function_lines(summary), column)
        else:
            continue
        yield from compared.aligned(align(listed, lines(table), by_name))
    spent = t.spent(summary)
    tables = [t.filing.table(kind) for kind in SPENDING_TABLES.values()]
    totals = [department_total(table) for table in tables if table is not None and not table.is_empty]
    if spent and totals and None not in totals:
        yield check_sum(
            APPROPRIATION_BY_FUNCTION,
            spent,
            [f for f in totals if f],
            "财政拨款本年支出合计应等于一般公共预算、政府性基金预算、国有资本经营预算支出表合计之和",
            "Appropriation spending should equal the general, fund and state-capital tables together",
        )


def summary_income(t: Tables) -> Checked:
    summary, income = t.IncomeExpenditureSummary, t.IncomeSummary
    row = department_row(income) if income else None
    column = whole(summary, "income") if summary else None
    if summary is None or income is None or row is None or column is None:
        return
    seen: set[str] = set()
    for line, meaning in reversed(summary_lines(summary, "income")):
        if meaning not in MEANINGS or meaning in seen:
            continue
        seen.add(meaning)  # the last line of a repeated name is the leaf (一般公共预算资金 under itself)
        figure = Figure.of(summary, line, column)
        if figure:
            yield restated(
                SUMMARY_INCOME,
                figure,
                figures_for(income, row, meaning),
                "收支总表收入应与收入总表一致",
                "Income-expenditure summary income should equal the income summary",
            )


def appropriation_income(t: Tables) -> Checked:
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
                yield check_equal(APPROPRIATION_INCOME, a, b, *what)
        carried = t.summary_figure(appropriation, "income", "carryover")
        fiscal = t.summary_figure(summary, "income", "carryover:appropriation")
        if carried and fiscal:
            yield check_equal(APPROPRIATION_INCOME, carried, fiscal, *what)
    current = t.summary_figure(appropriation, "income", "current_income")
    row = department_row(income) if income else None
    if current and income and row:
        yield restated(
            APPROPRIATION_INCOME,
            current,
            figures_for(income, row, "appropriation"),
            "财政拨款本年收入应等于收入总表政府预算拨款",
            "Appropriation income should equal the income summary's",
        )


def income_lines(table: Table, meaning: str) -> list[Figure]:
    column = whole(table, "income")
    rows = [r for r, m in summary_lines(table, "income") if m == meaning]
    return [f for f in (Figure.of(table, r, column) for r in rows) if f] if column else []


def fund_balance(t: Tables) -> Checked:
    appropriation = t.AppropriationSummary
    if appropriation is None:
        return
    if t.nothing_carried_forward(appropriation):
        for source, kind in SPENDING_TABLES.items():
            spending = t.filing.table(kind)
            total, parts = department_total(spending), fund_income(t, source)
            if spending and total and parts is not None:
                yield check_sum(
                    FUND_BALANCE,
                    total,
                    parts,
                    f"{spending.title}合计应等于该类财政拨款本年收入与上年结转之和",
                    f"The {english(source)} spending table's total should equal that appropriation and its carry-over",
                )
    moved = department_total(t.SpecialTransfers)
    spent = t.spent(appropriation)
    if moved and spent:
        yield check_at_most(
            FUND_BALANCE,
            moved,
            spent,
            "上级专项转移支付支出不应超过财政拨款支出",
            "Special transfers should not exceed appropriation spending",
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


def function_and_economic_totals(t: Tables) -> Checked:
    general, economic = t.GeneralBudgetByFunction, t.GeneralBudgetByEconomicClass
    if general is None or economic is None:
        return
    if economic.column("basic"):  # both classify all general-budget spending
        columns = matching_columns(general, economic)
    else:  # the economic table classifies basic spending only
        columns = (("basic", basic_column(economic) or ""),) if general.column("basic") else ()
    yield from Comparison(
        FUNCTION_AND_ECONOMIC_TOTALS,
        general,
        economic,
        tuple(c for c in columns if all(c)),
        True,
        "一般公共预算按功能分类与按经济分类的总额应一致",
        "General budget by function and by economic class should agree",
    ).units()


def basic_and_project_totals(t: Tables) -> Checked:
    spending, appropriation = t.ExpenditureSummary, t.AppropriationSummary
    for detail, meaning, name in (
        (t.BasicExpenditureSummary, "basic", "基本支出"),
        (t.ProjectExpenditureSummary, "project", "项目支出"),
    ):
        if detail is None or whole(detail) is None:
            continue
        if spending is not None and spending.column(meaning):
            yield from Comparison(
                BASIC_AND_PROJECT_TOTALS,
                spending,
                detail,
                ((meaning, whole(detail)),),
                covers_all_funds(detail) or t.general_only,
                f"支出总表{name}应等于{detail.title}合计",
                f"The expenditure summary's {english(meaning)} should equal the total of its detail table",
            ).units()
        # a 财政拨款收支总表 that lists its spending by purpose (一、基本支出 二、项目支出)
        yield check_cover(
            BASIC_AND_PROJECT_TOTALS,
            department_total(detail),
            t.summary_figure(appropriation, "expenditure", meaning),
            not covers_all_funds(detail) or t.government_only,
            f"财政拨款收支总表{name}应与{detail.title}合计一致",
            f"The appropriation summary's {english(meaning)} should match the total of its detail table",
        )


def income_by_source(t: Tables) -> Checked:
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
            yield check_sum(
                INCOME_BY_SOURCE,
                figure,
                basic_parts + project_parts,
                f"收入总表“{column.label}”应等于基本支出与项目支出中该来源之和",
                f"Income as {english(meaning)} should equal basic plus project spending of it",
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


def performance_amounts(t: Tables) -> Checked:
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
                yield check_equal(
                    PERFORMANCE_AMOUNTS,
                    figure,
                    grand,
                    "绩效目标表金额合计应等于收支总表收入总计",
                    "Performance targets' total should equal total income",
                )
        elif task.role is ITEM:
            yield from task_amounts(t, targets, task, figure)


def task_amounts(t: Tables, targets: Table, task: Row, figure: Figure) -> Checked:
    name = plain(task.label)
    if name in {"人员经费", "公用经费"}:
        personnel = name == "人员经费"
        parts = [t.basic_by_code(code) for code in (PERSONNEL_CODES if personnel else OPERATING_CODES)]
        if None not in parts and any(parts):
            yield check_sum(
                PERFORMANCE_AMOUNTS,
                figure,
                [f for found in parts if found for f in found],
                f"绩效目标表{name}应等于基本支出相应经济分类之和",
                f"{'Personnel' if personnel else 'Operating'} costs should equal their economic classes of basic spending",
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
        yield check_equal(PERFORMANCE_AMOUNTS, figure, carryover, *what)
        if appropriated:
            yield check_at_most(PERFORMANCE_AMOUNTS, appropriated, carryover, *what)
    elif not carried:
        total = whole_figure(projects, project)
        if total:
            parts, signs = ([total, carryover], [1, -1]) if carryover else ([total], None)
            yield check_sum(PERFORMANCE_AMOUNTS, figure, parts, *what, signs=signs)
        if appropriated:
            yield restated(
                PERFORMANCE_AMOUNTS, appropriated, figures_for(projects, project, "appropriation"), *what
            )


def three_public_lines(t: Tables) -> Checked:
    three, economic = t.ThreePublicExpenses, t.GeneralBudgetByEconomicClass
    row = year_row(three, t.filing.year) if three else None
    column = basic_column(economic) if economic else None
    if three is None or economic is None or row is None or column is None:
        return
    economic_lines = {by_code(r): r for r in lines(economic) or []}
    for meaning, code in THREE_PUBLIC_CODES.items():
        cap, line = Figure.of(three, row, meaning), economic_lines.get(code)
        part = Figure.of(economic, line, column) if line else None
        if cap and part:
            yield check_at_most(
                THREE_PUBLIC_LINES,
                part,
                cap,
                f"基本支出 {code} {line.label} 不应超过“三公”经费相应项目",
                f"Basic spending on {code} should not exceed the 三公 figure that includes it",
            )


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


def basic_split(t: Tables) -> Checked:
    for meaning in SPLIT_MEANINGS:
        found = split_figures(t.filing, meaning)
        for (a, first), (b, second) in pairwise(found):
            # 机关运行经费 is appropriation money whatever the table's title says
            wide = covers_all_funds(a)
            broader, narrower = (first, second) if wide else (second, first)
            yield check_cover(
                BASIC_SPLIT,
                broader,
                narrower,
                meaning == "office_operating" or wide == covers_all_funds(b) or t.general_only,
                f"{MEANINGS[meaning][0]}在{a.title}与{b.title}中应一致",
                f"{english(meaning).capitalize()} should agree between the tables",
            )
