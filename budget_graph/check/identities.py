"""BG-R004–R008: the identities within one table, across a row's columns and down the two sides of the
summary tables, as derive/table_identities.py states them (BG-R005's record is declared with its identity, in
derive/table_identities.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from budget_graph.check import rollups
from budget_graph.check.evaluator import findings
from budget_graph.check.rules import Finding, Rule, Severity, declared_rule, rule
from budget_graph.derive import table_identities as derived
from budget_graph.model import Filing

COLUMN_GROUP = rule(
    id=derived.COLUMN_GROUP,
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
PERIOD_CHANGE = rule(
    id=derived.PERIOD_CHANGE,
    title="增减变化金额不等于本年与上年之差",
    title_en="The change row differs from this year's row minus last year's",
    severity=Severity.ERROR,
    basis="表格设计：“三公”经费表 增减变化 = 本年 − 上年 (table design; disclosure-rules.md G.35)",
    checks="In a table with a row per year and a change row (the “三公” table: 2023年, 2024年, 增减变化金额), "
    "the change row equals the later year's row minus the earlier year's, column by column; in a table with "
    "a column of the year before and one of the change on it (上年预算数 | 本年预算数 | 增减额), the change "
    "equals the table's own figure minus the year before's, row by row.",
    why="The change row is what the narrative explains; a wrong change misstates how spending moved.",
    engine="python",
    fail_example="表九  2023年 3.25 / 2024年 3.15 / 增减变化金额 -0.20",
    pass_example="表九  2023年 3.25 / 2024年 3.15 / 增减变化金额 -0.10",
)
SUMMARY_BALANCE = rule(
    id=derived.SUMMARY_BALANCE,
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
    id=derived.SUMMARY_BREAKDOWN,
    title="收支总表小计不等于其明细之和",
    title_en="A subtotal of the summary table differs from the sum of its lines",
    severity=Severity.ERROR,
    basis="表格设计 (table design); disclosure-rules.md E.18, G.29",
    checks="In the 收支总表 and the 财政拨款收支总表, on each side: a line followed by lines numbered one level deeper "
    "(一、 above 1. above (1)) equals their sum (上年结余结转 = 1. + 2. + 3.; 一、财政拨款 = 1.一般公共预算 + 2.政府性"
    "基金); the current-year subtotal (本年收入合计 / 当年支出小计, or the total where there is none) equals the sum "
    "of the top-level lines above it when these are numbered, or, on the expenditure side, the sum of its 类 "
    "lines. A line counts as a 类 when the side lists, in order, the lines of the filing's functional table "
    "(支出总表 …) and it is a 3-digit line there (the side's 款 and 项 are then checked against the same tree, as "
    "BG-R001), or else when its name is a national 类 name printed once on that side. Unnumbered lines above "
    "the subtotal that are not 类 lines (政府预算资金 / 一般公共预算资金, which restate each other) are not summed.",
    why="The summary table is the first table a reader sees; its subtotals must add up like every other's.",
    engine="python",
    fail_example="表一  上年结余、结转 5,614.27 / 1.财政拨款结余、结转 5,614.27 / 2.非财政拨款结余、结转 1.00",
    pass_example="表一  上年结余、结转 5,614.27 / 1.财政拨款结余、结转 5,614.27 / 2.非财政拨款结余、结转 0.00",
)

# the rules declared with their identities in derive/table_identities.yaml (BG-R005)
DECLARED: tuple[Rule, ...] = tuple(declared_rule(record, "python") for record in derived.RECORDS)

RULES: dict[str, Rule] = {  # a summary side listing the functional lines holds them to BG-R001 too
    **rollups.RULES,
    **{r.id: r for r in (COLUMN_GROUP, PERIOD_CHANGE, SUMMARY_BALANCE, SUMMARY_BREAKDOWN, *DECLARED)},
}


def check_identities(filing: Filing) -> Iterator[Finding]:
    yield from findings(derived.table_identities(filing), RULES)
