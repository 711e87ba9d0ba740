"""BG-X: identities between tables — the same money published in two tables must agree.

derive/crosstable.py states the identities (those of one form declared in derive/crosstable.yaml with
their rules' records, the others written in Python: its docstring says why each is) and what an alignment
of two tables' lines finds besides: a line one table lacks, a line named differently. The rules are here,
and the wording of what is not an identity.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from budget_graph.check.evaluator import evaluate
from budget_graph.check.rules import Finding, Rule, Severity, declared_rule, rule
from budget_graph.derive import crosstable as derived
from budget_graph.derive.crosstable import Lone, Renamed
from budget_graph.derive.identity import Identity
from budget_graph.model import Filing

DESIGN = "部门预算公开表格式的表间勾稽关系 (the tables' design: one sum published in several tables)"

SUMMARY_INCOME = rule(
    id=derived.SUMMARY_INCOME,
    title="收支总表收入与收入总表一致",
    title_en="Income side of the income-expenditure summary equals the income summary",
    severity=Severity.ERROR,
    basis=DESIGN + " (disclosure rules 23, 29, 30)",
    checks="Each income line of 收支总表 (政府预算资金, 一般公共预算资金, 财政专户管理资金, 单位资金 …, "
    "本年收入合计, 上年结余结转, 收入总计) equals the same source in 收入总表's department row (a source "
    "收入总表 prints only in parts is compared with the sum of its parts); where 收入总表 lists its sources "
    "as lines under one amount column (Jiangsu's 收入预算总表: 收入总计, 一般公共预算资金小计 …), with the line "
    "of that source.",
    why="Both tables publish the unit's income by source; they must tell the same story.",
    engine="python",
    fail_example="表一 上年结余、结转 5,614.29; 表二 上年结转 5,614.27",
    pass_example="表一 上年结余、结转 5,614.27; 表二 上年结转 5,614.27",
)
APPROPRIATION_INCOME = rule(
    id=derived.APPROPRIATION_INCOME,
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
INCOME_BY_SOURCE = rule(
    id=derived.INCOME_BY_SOURCE,
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
    id=derived.PERFORMANCE_AMOUNTS,
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
BASIC_SPLIT = rule(
    id=derived.BASIC_SPLIT,
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

DECLARED: tuple[Rule, ...] = tuple(declared_rule(record, "python") for record in derived.RECORDS)
WRITTEN = (  # the rules of the identities written in Python (derive/crosstable.py says why)
    SUMMARY_INCOME,
    APPROPRIATION_INCOME,
    INCOME_BY_SOURCE,
    PERFORMANCE_AMOUNTS,
    BASIC_SPLIT,
)
RULES: dict[str, Rule] = {r.id: r for r in (*WRITTEN, *DECLARED)}


def check_crosstable(filing: Filing) -> Iterator[Finding]:
    """Every BG-X identity whose tables the filing has, evaluated; what the alignments find besides, worded."""
    yield from findings_of(derived.crosstable_identities(filing))


def findings_of(
    found: Iterable[Identity | Renamed | Lone | None], rules: Mapping[str, Rule] = RULES
) -> Iterator[Finding]:
    """The findings of what the derive stage found, each under its rule: identities judged by the
    evaluator, a lacking or renamed line worded here."""
    for record in found:
        finding = _finding(record, rules[record.rule]) if record else None
        if finding:
            yield finding


def _finding(found: Identity | Renamed | Lone, rule_: Rule) -> Finding | None:
    if isinstance(found, Renamed):
        return _renamed(rule_, found)
    if isinstance(found, Lone):
        return _lone(rule_, found)
    return evaluate(found, rule_)


def _renamed(rule_: Rule, found: Renamed) -> Finding:
    a, b = found.a, found.b
    return rule_.finding(
        f"{found.what}：同一行名称不同，{found.first.title} 为“{a.label}”，{found.second.title} 为“{b.label}”",
        f"{found.what_en}: the same line is named {a.label!r} in one table and {b.label!r} in the other",
        [a.location, b.location],
        b.label,
        a.label,
        severity=Severity.WARNING,
    )


def _lone(rule_: Rule, found: Lone) -> Finding:
    figure, other = found.figure, found.other
    return rule_.finding(
        f"{found.what}：{figure.name} 为 {figure.amount.text()}，{other.title} 无此行",
        f"{found.what_en}: {found.row.label} ({figure.amount.text()}) has no line in {other.title}",
        [figure.location, other.location],  # the table that lacks the line is a place of the finding
        "—",
        figure.amount.text(),
    )
