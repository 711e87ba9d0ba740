"""BG-D: a final account's (决算) narrative statements of actual against budget, against the tables and themselves.

The 决算 narrative states, line by line, '年初预算为1560.05万元，支出决算为1511.89万元，完成年初预算的96.91%。
决算数小于预算数的主要原因：…' (read into Claim.versus_budget). Each statement is tied to its table line: a
functional line by its code as printed, else by its names ('一般公共服务支出（类）财政事务（款）行政运行（项）'),
in the 一般公共预算财政拨款支出决算表 (the 支出决算表 when a filing has none); the 一般公共预算财政拨款支出 total to
its total row; the 三公 statements to the 三公 table's 预算数 / 决算数 rows. Then: the stated figures restate the
table's (D001, D002, D006), the completion rate is 决算 ÷ 预算 (D003), the comparison word fits the figures
(D004), and a variance comes with its reason, as the Shanghai template asks (D005). A statement tied to no line
is not checked: no guess, no false alarm. A blank table cell is nothing (0).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from budget_graph.check.changes import change_percent_texts
from budget_graph.check.evaluator import check_equal, evaluate, signed_text
from budget_graph.check.figures import graded, percent_verdict, policy
from budget_graph.check.narrative import CODE_LENGTH, LEVEL_MARK, item_rows, key, three_public_meaning
from budget_graph.check.rules import Finding, Rule, Severity, rule
from budget_graph.derive.identity import Figure, change, figures_of, percentage
from budget_graph.derive.rounding import (
    Agreement,
    Ratio,
    compare,
    compare_percent,
    compare_restated,
    exact_percent,
    percent_text,
    ratio_interval,
    ratio_percent,
    ratio_range,
)
from budget_graph.model import (
    Amount,
    BudgetComparison,
    BudgetDifference,
    Claim,
    Direction,
    Filing,
    Kind,
    Row,
    RowRole,
    Table,
    TableKind,
)

_BASIS = "《预算法》第七十五条；财政部《地方预决算公开操作规程》（财预〔2016〕143号）：决算说明与决算表应一致"
_TEMPLATE = "上海市部门决算公开模板（2024年度）第三部分五（三）、七（一）"

ACTUAL = rule(
    id="BG-D001",
    title="说明中的决算数与决算表不符",
    title_en="Narrative actual (决算数) disagrees with the final-accounts table",
    severity=Severity.ERROR,
    basis=_BASIS,
    checks="Each 决算数 the narrative states for a functional line ('支出决算为1511.89万元' under "
    "'一般公共服务支出（类）财政事务（款）行政运行（项）', or with its code '2010601行政运行（项）') or for the "
    "一般公共预算财政拨款支出 total restates that line's 决算 column in the 一般公共预算财政拨款支出决算表 (the 支出决算表 "
    "when the filing has none: a warning, as that table covers every fund), under the rounding rule.",
    why="The narrative explains the tables line by line; a different actual explains a different account.",
    engine="python",
    fail_example="行政运行（项）…支出决算为1,521.89万元（表中2010601 行政运行 1,511.89）",
    pass_example="行政运行（项）…支出决算为1,511.89万元",
)

BUDGET = rule(
    id="BG-D002",
    title="说明中的年初预算（全年预算）数与决算表不符",
    title_en="Narrative budget figure disagrees with the final-accounts table's budget column",
    severity=Severity.ERROR,
    basis=_BASIS,
    checks="Each 年初预算 / 全年预算 (调整预算) the narrative states beside a 决算数 restates that line's 年初预算 / "
    "全年预算 column when the table prints one ('预算' alone: either column). Tables without budget columns leave "
    "it to BG-F003 (the 部门预算 itself).",
    why="The completion rate and the variance are read from the budget the narrative states.",
    engine="python",
    fail_example="年初预算为1,650.05万元（表中年初预算 1,560.05）",
    pass_example="年初预算为1,560.05万元",
)

COMPLETION = rule(
    id="BG-D003",
    title="预算完成率计算错误",
    title_en="Completion rate is not the actual divided by the budget",
    severity=Severity.ERROR,
    basis=_BASIS + "；" + _TEMPLATE + "：完成年初预算的XX%",
    checks="'完成年初预算的Y%' ('为全年预算的Y%', '预算' alone: either budget) equals 决算 ÷ that budget × 100: the "
    "figures stated, else the table's, under the rounding rule (every figure's interval and the percentage's). A "
    "rate that fits only the other budget (全年预算 for 年初预算, or the reverse) is reported naming that base; a "
    "rate cut off rather than rounded is a warning. A budget of 0 has no rate: at most info (none when nothing "
    "was spent and 0% is stated).",
    why="The completion rate is the one figure most readers take from a 决算.",
    engine="python",
    fail_example="年初预算为2,993.92万元，支出决算为2,940.05万元，完成年初预算的96.20%（应为98.20%）",
    pass_example="完成年初预算的98.20%",
)

COMPARISON = rule(
    id="BG-D004",
    title="决算数与预算数的比较用语与数字不符",
    title_en="The word comparing actual with budget contradicts the figures",
    severity=Severity.ERROR,
    basis=_TEMPLATE + "：决算数大于（小于）预算数的主要原因……（如持平作持平表述）",
    checks="大于 / 高于 / 超出 when the actual is above the budget, 小于 / 低于 / 未完成 when below, 等于 / 持平 when they "
    "are equal; a difference rounding explains is info, and so is 基本持平 for a real difference.",
    why="A variance described the wrong way round misinforms the reader of what the unit did with its budget.",
    engine="python",
    fail_example="年初预算为135.90万元，支出决算为135.25万元。决算数大于预算数的主要原因：…",
    pass_example="年初预算为135.90万元，支出决算为135.25万元。决算数小于预算数的主要原因：…",
)

REASON = rule(
    id="BG-D005",
    title="决算数与预算数存在差异但未说明原因",
    title_en="A variance between actual and budget is stated without its reason",
    severity=Severity.WARNING,
    basis=_TEMPLATE + "：按上述格式依次说明到各项级科目，预决算持平的不用说明变动原因",
    checks="A statement of a budget beside a different actual (beyond rounding) gives a reason (主要原因 …, 由于 …).",
    why="The template asks every variance to be explained; only equal lines need none.",
    engine="python",
    fail_example="年初预算为100.00万元，支出决算为90.00万元。决算数小于预算数。",
    pass_example="年初预算为100.00万元，支出决算为90.00万元。决算数小于预算数的主要原因：人员减少。",
)

THREE_PUBLIC = rule(
    id="BG-D006",
    title="说明中的“三公”经费决算数或预算数与“三公”经费决算表不符",
    title_en="Narrative three-public-expenses actual or budget disagrees with its final-accounts table",
    severity=Severity.ERROR,
    basis=_BASIS + "；中共中央办公厅、国务院办公厅关于“三公”经费公开的要求",
    checks="The 三公 total, 因公出国（境）费, 公务接待费, 公务用车购置及运行维护费 and its parts: each 决算数 stated "
    "restates the 三公 table's 决算数 row, each 年初预算 its 预算数 row, column by column; the parts listed under "
    "a statement of an actual alone ('支出决算为17.96万元，其中：公务用车购置费0.00万元') are the 决算数 row's.",
    why="三公 figures are the most read figures of a 决算.",
    engine="python",
    fail_example="“三公”经费财政拨款支出年初预算为1.95万元（表中预算数 0.95）",
    pass_example="“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元",
)

FIGURES = rule(
    id="BG-D007",
    title="说明中的决算数字与决算表不符",
    title_en="A figure of the final-accounts narrative disagrees with the final-accounts tables",
    severity=Severity.ERROR,
    basis=_BASIS,
    checks="The figures a 决算 narrative states without a budget beside them restate the 决算 tables: 收入支出总计 "
    "(the Ministry's words: '收、支总计各…'), "
    "本年收入合计 and 本年支出合计 the 收入支出决算总表; 财政拨款收入支出总计 the 财政拨款收入支出决算总表's 总计; "
    "财政拨款收入, 其他收入 … the 收入决算表's 合计 row; 基本支出, 项目支出 … the 支出决算表's; 一般公共预算财政拨款支出 "
    "(基本支出) and each class ('一般公共服务支出（类）') the 一般公共预算财政拨款支出决算表; 人员经费 and 公用经费 the "
    "基本支出决算表's 合计 rows. A figure named otherwise is not checked.",
    why="The narrative's totals are what a reader quotes; each must be the table's.",
    engine="python",
    fail_example="财政拨款收入支出总计0.3万元（财政拨款收入支出决算总表 总计 2,961.68）",
    pass_example="财政拨款收入支出总计2,961.68万元",
)

DIFFERENCE = rule(
    id="BG-D008",
    title="说明中决算数与预算数的差额（差异率）计算错误",
    title_en="The stated difference between actual and budget is not their difference",
    severity=Severity.ERROR,
    basis=_BASIS,
    checks="'支出决算为1,511.89万元，比年初预算减少48.16万元，下降3.09%': the amount is 决算 − 预算 (减少 / 节约 when "
    "below, 增加 / 超支 when above) and the rate that difference ÷ the budget, with the figures stated, else "
    "the table's ('预算' alone: 年初预算 first), under the rounding rule; the rate's word goes the amount's way.",
    why="A reader takes the variance from these words; the wrong amount or direction misstates what the unit "
    "spent against what it was given.",
    engine="python",
    fail_example="年初预算为1,560.05万元，支出决算为1,511.89万元，比年初预算减少58.16万元（应为48.16万元）",
    pass_example="年初预算为1,560.05万元，支出决算为1,511.89万元，比年初预算减少48.16万元，下降3.09%",
)

_GREATER = {"大于", "高于", "超出", "超过"}
_LESS = {"小于", "低于", "未完成", "未达到"}
_ROUGHLY = {"基本持平"}
_BUDGET_MEANINGS = {
    "年初预算": ("initial_budget",),
    "全年预算": ("adjusted_budget",),
    "调整预算": ("adjusted_budget",),
    "预算": ("initial_budget", "adjusted_budget"),
}
_CODE = re.compile(r"^(\d{7}|\d{5}|\d{3})(?!\d)")
_UNMARKED_NAME = re.compile(r"[\u4e00-\u9fff]{2,}")
_GENERAL_TOTAL = re.compile(r"^一般公共预算(?:财政拨款)?支出(?:合计|总计)?$")


@dataclass(frozen=True)
class _Line:
    """The table line a statement is about: where its actual and its budget(s) stand."""

    rule: Rule  # the rule its figures restate under (D001 for a functional line, D006 for 三公)
    actual: Figure | None
    budgets: dict[str, Figure]  # by meaning: initial_budget / adjusted_budget (the 三公 预算数 row as both)
    severity: Severity | None = None  # a weaker tie (the 支出决算表 covers every fund): at most this


def check(filing: Filing) -> Iterator[Finding]:
    if filing.kind is not Kind.FINAL:
        return
    for claim in filing.claims:
        statement = claim.versus_budget
        if statement is None:
            found = _stated_figure(claim, filing)
            if found:
                yield found
            continue
        line = line_of(claim, filing)
        yield from _restated(claim, statement, line)
        budget = _budget(claim, line, statement.completion_label or statement.budget_label or "预算")
        actual = _stated_actual(claim) or (line.actual if line else None)
        if actual is None or budget is None:
            continue
        for found in (
            _completion(claim, statement, actual, budget, line),
            _comparison(claim, statement, actual, budget),
            _reason(claim, statement, actual, budget),
        ):
            if found:
                yield found
        yield from _difference(claim, statement, actual, line)


# --- the table line of a statement -------------------------------------------------------------------------


def line_of(claim: Claim, filing: Filing) -> _Line | None:
    """The 三公 column or functional line (or total) the statement is about; None when it names none."""
    three_public = filing.table(TableKind.ThreePublicExpenses)
    meaning = three_public and three_public_meaning(claim.subject, three_public)
    if three_public and meaning:
        return _three_public_line(three_public, meaning)
    table, severity = filing.table(TableKind.GeneralBudgetByFunction), None
    if table is None:
        table, severity = filing.table(TableKind.ExpenditureSummary), Severity.WARNING
    row = table and _function_row(table, claim.subject)
    if not table or not row:
        return None
    actual = _actual_meaning(table)
    budgets = {
        m: f
        for m in ("initial_budget", "adjusted_budget")
        if table.column(m) and (f := _figure(table, row, m))
    }
    return _Line(ACTUAL, _figure(table, row, actual) if actual else None, budgets, severity)


def _three_public_line(table: Table, meaning: str) -> _Line | None:
    """The 三公 决算 table prints a 预算数 row and a 决算数 row (rows of years are a budget's table), or an
    item a row and 预算数 (年初预算, 全年预算) and 决算数 as columns."""
    items = item_rows(table)
    if items is not None:
        return _three_public_item(table, items.get(meaning))
    actual = next((r for r in table.rows if "决算" in key(r.label)), None)
    budget = next((r for r in table.rows if "预算" in key(r.label) and "决算" not in key(r.label)), None)
    if (actual is None and budget is None) or not table.column(meaning):
        return None
    planned = budget and _figure(table, budget, meaning)
    budgets = {"initial_budget": planned, "adjusted_budget": planned} if planned else {}
    return _Line(THREE_PUBLIC, actual and _figure(table, actual, meaning), budgets)


def _three_public_item(table: Table, row: Row | None) -> _Line | None:
    if row is None or not table.column("actual"):
        return None
    # a column of 预算数 is the initial and the full-year budget both, as the 预算数 row is
    columns = {m: m for m in ("initial_budget", "adjusted_budget") if table.column(m)}
    if not columns and table.column("amount"):
        columns = {"initial_budget": "amount", "adjusted_budget": "amount"}
    budgets = {m: figure for m, column in columns.items() if (figure := _figure(table, row, column))}
    return _Line(THREE_PUBLIC, _figure(table, row, "actual"), budgets)


def _function_row(table: Table, subject: str) -> Row | None:
    """By the code printed with the subject, else by its (类)(款)(项) names (one row must fit), else the
    一般公共预算财政拨款支出 total."""
    text = key(subject)
    coded = {r.code: r for r in table.rows if r.code and r.code.isdigit()}
    code = _CODE.match(text)
    if code and code.group(1) in coded:
        return coded[code.group(1)]
    uncoded = _CODE.sub("", text)
    marked = list(LEVEL_MARK.finditer(uncoded))
    names = {CODE_LENGTH[m.group("level")]: m.group("name") for m in marked}
    if marked and _UNMARKED_NAME.search(uncoded[marked[-1].end() :]):
        return None  # a name below the last level marked ('…（款）机关事业单位基本养老'): not the 款's line
    if names:
        deepest = max(names)
        fits = [
            row
            for c, row in coded.items()
            if len(c) == deepest
            and all(c[:n] not in coded or _named(coded[c[:n]], name) for n, name in names.items())
        ]
        return fits[0] if len(fits) == 1 else None
    if _GENERAL_TOTAL.match(text) and table.kind is TableKind.GeneralBudgetByFunction:
        return next((r for r in table.rows if r.role is RowRole.TOTAL), None)
    return None


def _named(row: Row, name: str) -> bool:
    label = key(row.label)
    return label == name or label.removesuffix("支出") == name.removesuffix("支出")


def _actual_meaning(table: Table) -> str | None:
    """The 决算 column: 决算数 where budgets are printed beside it, else the table's 合计 (all it prints is actual)."""
    if table.column("actual"):
        return "actual"
    budgets = table.column("initial_budget") or table.column("adjusted_budget")
    return "total" if table.column("total") and not budgets else None


def _figure(table: Table, row: Row, meaning: str) -> Figure | None:
    """The cell's figure; a blank or dash cell of a printed column is nothing (0), text is no figure."""
    found = figures_of(table, [(row, meaning)])
    if found is None or found:
        return found[0] if found else None
    if not any(c.meaning == meaning for c in table.columns):
        return None
    location = table.cell_location(row, meaning)
    return Figure(
        Amount(Decimal("0.00"), table.unit), location, f"{table.title} {row.label} / {location.column}"
    )


# the rules whose figures restate a table's: each restatement is an identity (relation ≈)
RESTATING = (ACTUAL, BUDGET, THREE_PUBLIC, FIGURES)


# --- D001, D002, D006: the stated figures restate the table's ------------------------------------------------


def _restated(claim: Claim, statement: BudgetComparison, line: _Line | None) -> Iterator[Finding]:
    if line is None:
        return
    actual = _stated_actual(claim)
    if actual and line.actual:
        found = _restates(line.rule, actual, line.actual, f"the actual of {claim.subject}", line.severity)
        if found:
            yield found
    budget = _stated_budget(claim)
    candidates = [
        line.budgets[m] for m in _BUDGET_MEANINGS.get(statement.budget_label or "", ()) if m in line.budgets
    ]
    if budget and candidates:  # the candidate it restates, if any, else the first
        rule = BUDGET if line.rule is ACTUAL else line.rule
        figure = next((f for f in candidates if _agrees(budget, f)), candidates[0])
        label = statement.budget_label
        found = _restates(rule, budget, figure, f"the {label} of {claim.subject}", line.severity)
        if found:
            yield found


def _agrees(stated: Figure, table: Figure) -> bool:
    return compare_restated(stated.amount, table.amount) is Agreement.EQUAL


def _restates(
    rule: Rule, stated: Figure, table: Figure, what_en: str, severity: Severity | None = None
) -> Finding | None:
    """A narrative figure (named '说明中…') against the table figure it restates, worded as every
    restatement is (what_en: the figure as English names it); `severity`: at most this (a weaker tie)."""
    what = stated.name.removeprefix(_SAID)
    found = check_equal(rule, stated, table, what, what_en, restated=True)
    if found and severity and found.severity.rank < severity.rank:
        return rule.finding(
            found.message, found.message_en, found.locations, found.expected, found.actual, severity=severity
        )
    return found


_SAID = "说明中"  # how a figure the narrative states is named


def _stated_actual(claim: Claim) -> Figure | None:
    if claim.amount is None:
        return None
    return Figure(claim.amount, claim.location, f"{_SAID}“{claim.subject}”决算数")


def _stated_budget(claim: Claim) -> Figure | None:
    statement, subject = claim.versus_budget, claim.subject
    if statement is None or statement.budget is None or statement.budget_location is None:
        return None
    return Figure(
        statement.budget, statement.budget_location, f"{_SAID}“{subject}”{statement.budget_label}数"
    )


def _budget(claim: Claim, line: _Line | None, label: str) -> Figure | None:
    """The budget a rate or a word is of: the one stated, else the table's (年初预算 before 全年预算 for '预算')."""
    stated = _stated_budget(claim)
    if stated and (label == "预算" or label == (claim.versus_budget and claim.versus_budget.budget_label)):
        return stated
    if line is None:
        return None
    return next((line.budgets[m] for m in _BUDGET_MEANINGS.get(label, ()) if m in line.budgets), None)


# --- D003: the completion rate ----------------------------------------------------------------------------


def _completion(
    claim: Claim, statement: BudgetComparison, actual: Figure, budget: Figure, line: _Line | None
) -> Finding | None:
    stated = statement.completion
    if stated is None:
        return None
    label = statement.completion_label or "预算"
    if budget.amount.value <= 0:
        if actual.amount.value == 0 and stated == 0:
            return None
        places = [actual.location, budget.location, statement.completion_location or claim.location]
        return COMPLETION.finding(
            f"说明中“{claim.subject}”完成{label}的{stated}%，但{label}为0，完成率无从计算",
            f"The narrative states {claim.subject} at {stated}% of its budget, which is 0: no rate can be computed",
            places,
            expected="（无）",
            actual=f"{stated}%",
            severity=Severity.INFO,
        )
    if label == "预算" and compare_percent(actual.amount, budget.amount, stated) is not Agreement.EQUAL:
        other = _other_base(line, label, actual, stated, exact=True)
        budget = other[1] if other else budget  # '预算' alone names either budget: the one the rate is of
    what, what_en = f"“{claim.subject}”完成{label}的比例", f"the completion rate of {claim.subject}"
    identity = percentage(COMPLETION.id, stated, Ratio.SHARE, actual, budget, what, what_en)
    return evaluate(
        identity, COMPLETION, partial(_completion_finding, claim, statement, actual, budget, line)
    )


def _completion_finding(
    claim: Claim,
    statement: BudgetComparison,
    actual: Figure,
    budget: Figure,
    line: _Line | None,
    agreement: Agreement,
) -> Finding:
    """A completion rate that is not the actual over the budget it names: by the one policy, and naming
    the other budget when the rate is of that one."""
    stated = statement.completion
    assert stated is not None
    label = statement.completion_label or "预算"
    places = [actual.location, budget.location, statement.completion_location or claim.location]
    computed = percent_text(exact_percent(actual.amount, budget.amount), stated)
    message = (
        f"说明中“{claim.subject}”完成{label}的{stated}%，按决算{actual.amount.text()} ÷ {label}"
        f"{budget.amount.text()}计算为{computed}"
    )
    message_en = (
        f"The narrative states {claim.subject} at {stated}% of its budget; {actual.amount.text()} ÷ "
        f"{budget.amount.text()} is {computed}"
    )
    verdict, severity = percent_verdict(agreement, stated, ratio_interval(actual.amount, budget.amount)), None
    if verdict:
        (note, note_en), severity = verdict
        message, message_en = message + note, message_en + note_en
    elif label != "预算" and (other := _other_base(line, label, actual, stated)):
        name, figure = other
        message += f"；该比例是决算数 ÷ {name}{figure.amount.text()}的结果：完成率的基数应为{name}"
        message_en += f"; the rate is the actual over the {_BUDGET_EN[name]} ({figure.amount.text()}): the wrong base is named"
        places.append(figure.location)
    return COMPLETION.finding(message, message_en, places, computed, f"{stated}%", severity=severity)


_BUDGET_NAMES = {"initial_budget": "年初预算", "adjusted_budget": "全年预算"}
_BUDGET_EN = {"年初预算": "initial budget", "全年预算": "full-year budget"}


def _other_base(
    line: _Line | None, label: str, actual: Figure, stated: Decimal, exact: bool = False
) -> tuple[str, Figure] | None:
    """A budget of the line other than the one named (全年预算 for 年初预算, or the reverse) that the rate is
    of (`exact`: without rounding); for '预算' alone, either."""
    if line is None:
        return None
    named = _BUDGET_MEANINGS.get(label, ()) if label != "预算" else ()
    fits = (Agreement.EQUAL,) if exact else (Agreement.EQUAL, Agreement.ROUNDING)
    for meaning, figure in line.budgets.items():
        if (
            meaning not in named
            and figure.amount.value > 0
            and compare_percent(actual.amount, figure.amount, stated) in fits
        ):
            return _BUDGET_NAMES[meaning], figure
    return None


# --- D004: the comparison word; D005: the reason for a variance ---------------------------------------------


def _comparison(claim: Claim, statement: BudgetComparison, actual: Figure, budget: Figure) -> Finding | None:
    word = statement.word
    if word is None:
        return None
    agreement = compare(actual.amount, budget.amount)
    sign = (actual.amount.yuan > budget.amount.yuan) - (actual.amount.yuan < budget.amount.yuan)
    said = 1 if word in _GREATER else -1 if word in _LESS else 0
    if sign == said or (word in _ROUGHLY and agreement is not Agreement.DIFFERENT):
        return None
    fits = "大于" if sign > 0 else "小于" if sign < 0 else "等于（持平）"
    fits_en = "above" if sign > 0 else "below" if sign < 0 else "equal to"
    (note, note_en), severity = policy(agreement)
    if word in _ROUGHLY:
        severity = Severity.INFO  # 基本持平 of figures that really differ: loose, not wrong
    return COMPARISON.finding(
        f"说明称“{claim.subject}”决算数{word}预算数，而决算{actual.amount.text()}{fits}预算{budget.amount.text()}{note}",
        f"The narrative says the actual of {claim.subject} is '{word}' the budget; {actual.amount.text()} is "
        f"{fits_en} {budget.amount.text()}{note_en}",
        [actual.location, budget.location, statement.word_location or claim.location],
        expected=fits,
        actual=word,
        severity=severity,
    )


def _reason(claim: Claim, statement: BudgetComparison, actual: Figure, budget: Figure) -> Finding | None:
    if (
        statement.budget is None
        or statement.reason
        or compare(actual.amount, budget.amount) is not Agreement.DIFFERENT
    ):
        return None
    return REASON.finding(
        f"说明中“{claim.subject}”决算{actual.amount.text()}与{statement.budget_label}{budget.amount.text()}不同，未说明原因",
        f"The narrative states {claim.subject}'s actual {actual.amount.text()} against a budget of "
        f"{budget.amount.text()} without a reason for the variance",
        [actual.location, budget.location, *([statement.word_location] if statement.word_location else [])],
        expected="差异原因",
        actual="（无）",
    )


# --- D008: the stated difference from the budget ----------------------------------------------------------


def _difference(
    claim: Claim, statement: BudgetComparison, actual: Figure, line: _Line | None
) -> Iterator[Finding]:
    stated = statement.difference
    budget = stated and _budget(claim, line, stated.label)
    if stated is None or budget is None:
        return
    sign = 1 if stated.direction is Direction.INCREASE else -1
    said = Figure(
        Amount(sign * stated.amount.value, stated.amount.unit),
        stated.location,
        stated.word + stated.amount.text(),
    )
    what = f"“{claim.subject}”决算数与{stated.label}之差"
    identity = change(
        DIFFERENCE.id, said, actual, budget, what, f"the difference of {claim.subject} from its budget"
    )
    found = evaluate(
        identity, DIFFERENCE, partial(_difference_finding, claim, stated.label, said, actual, budget)
    )
    if found:
        yield found
    yield from _difference_rate(claim, stated, actual, budget)


def _difference_finding(
    claim: Claim, label: str, said: Figure, actual: Figure, budget: Figure, agreement: Agreement
) -> Finding:
    difference = actual.amount.yuan - budget.amount.yuan
    expected = signed_text(difference, actual.amount)
    return graded(
        DIFFERENCE,
        agreement,
        f"说明中“{claim.subject}”比{label}{said.name}，而决算{actual.amount.text()}、{label}{budget.amount.text()}，"
        f"差额应为{expected}",
        f"The narrative gives the difference of {claim.subject} from its budget as {said.name}; "
        f"{actual.amount.text()} against {budget.amount.text()} is {expected}",
        [said.location, actual.location, budget.location],
        expected,
        said.name,
    )


def _difference_rate(
    claim: Claim, stated: BudgetDifference, actual: Figure, budget: Figure
) -> Iterator[Finding]:
    if stated.percent is None or budget.amount.value <= 0:
        return
    if stated.percent_direction not in (None, stated.direction):
        yield DIFFERENCE.finding(
            f"说明中“{claim.subject}”比{stated.label}{stated.word}，差异率却写作“{stated.percent_word}”，方向矛盾",
            f"{claim.subject}: the difference is worded '{stated.word}' but its rate '{stated.percent_word}'",
            [stated.location],
            expected=stated.word,
            actual=f"{stated.percent_word}{stated.percent}%",
        )
        return
    what, what_en = f"“{claim.subject}”比{stated.label}的差异率", f"the rate of {claim.subject}'s difference"
    identity = percentage(DIFFERENCE.id, stated.percent, Ratio.GROWTH, actual, budget, what, what_en)
    found = evaluate(identity, DIFFERENCE, partial(_rate_finding, claim, stated, actual, budget))
    if found:
        yield found


def _rate_finding(
    claim: Claim, stated: BudgetDifference, actual: Figure, budget: Figure, agreement: Agreement
) -> Finding:
    """A rate that is not (决算 − 预算) ÷ 预算, by the one policy."""
    assert stated.percent is not None
    computed, computed_en = change_percent_texts(
        stated.percent, ratio_percent(Ratio.GROWTH, actual.amount, budget.amount)
    )
    said = f"{stated.percent_word or ''}{stated.percent}%"
    verdict = percent_verdict(
        agreement, stated.percent, ratio_range(Ratio.GROWTH, actual.amount, budget.amount)
    )
    (note, note_en), severity = verdict if verdict else (("", ""), None)
    return DIFFERENCE.finding(
        f"说明中“{claim.subject}”比{stated.label}{said}，按决算{actual.amount.text()}、{stated.label}"
        f"{budget.amount.text()}计算为{computed}{note}",
        f"The narrative says {claim.subject} is {said} against its budget; {actual.amount.text()} against "
        f"{budget.amount.text()} gives {computed_en}{note_en}",
        [stated.location, actual.location, budget.location],
        expected=computed,
        actual=said,
        severity=severity,
    )


# --- D007: the narrative's other figures ------------------------------------------------------------------


@dataclass(frozen=True)
class _Named:
    """What a figure named so restates: a row (by label, or the table's total row) and its column."""

    kind: TableKind
    row: str | None  # the row's label; None for the table's total row
    meanings: tuple[str, ...]  # the column, by preference
    within: str | None = None  # what its '其中' parent must name: 基本支出 is one of 本年支出合计's parts


def _lines(kind: TableKind, within: str, *lines: tuple[str, str]) -> dict[str, _Named]:
    return {name: _Named(kind, None, (meaning,), within) for name, meaning in lines}


_NAMED: dict[str, _Named] = {
    "收入支出总计": _Named(TableKind.IncomeExpenditureSummary, "总计", ("actual", "amount")),
    "本年收入合计": _Named(TableKind.IncomeExpenditureSummary, "本年收入合计", ("actual", "amount")),
    "本年支出合计": _Named(TableKind.IncomeExpenditureSummary, "本年支出合计", ("actual", "amount")),
    "财政拨款收入支出总计": _Named(TableKind.AppropriationSummary, "总计", ("actual", "total", "amount")),
    "一般公共预算财政拨款支出": _Named(TableKind.GeneralBudgetByFunction, None, ("actual", "total")),
    "一般公共预算财政拨款基本支出": _Named(TableKind.GeneralBudgetByFunction, None, ("basic",)),
    "一般公共预算财政拨款项目支出": _Named(TableKind.GeneralBudgetByFunction, None, ("project",)),
    "人员经费": _Named(
        TableKind.GeneralBudgetByEconomicClass, "人员经费合计", ("actual", "amount"), "基本支出"
    ),
    "公用经费": _Named(
        TableKind.GeneralBudgetByEconomicClass, "公用经费合计", ("actual", "amount"), "基本支出"
    ),
    **_lines(
        TableKind.IncomeSummary,
        "本年收入合计",
        ("财政拨款收入", "appropriation"),
        ("上级补助收入", "superior_subsidy"),
        ("事业收入", "service_revenue"),
        ("经营收入", "business_revenue"),
        ("附属单位上缴收入", "affiliated_remit"),
        ("其他收入", "other_income"),
    ),
    **_lines(
        TableKind.ExpenditureSummary,
        "本年支出合计",
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("上缴上级支出", "remit_to_superior"),
        ("经营支出", "business_expenditure"),
        ("对附属单位补助支出", "subsidy_to_affiliates"),
    ),
}
_CLASS = re.compile(r"^[^（()）]+[（(]类[）)]$")


def _stated_figure(claim: Claim, filing: Filing) -> Finding | None:
    if claim.amount is None:
        return None
    three_public = _three_public_part(claim, filing)
    figure = three_public or named_figure(claim, filing)
    if figure is None:
        return None
    stated = Figure(claim.amount, claim.location, f"{_SAID}“{claim.subject}”")
    return _restates(THREE_PUBLIC if three_public else FIGURES, stated, figure, claim.subject)


def _three_public_part(claim: Claim, filing: Filing) -> Figure | None:
    """'公务用车购置及运行费支出决算为17.96万元，其中：公务用车购置费0.00万元；公务用车运行费17.96万元': the
    parts of a statement of a 三公 actual alone are that row's parts in the 三公 table."""
    table = filing.table(TableKind.ThreePublicExpenses)
    meaning = table and claim.parent and three_public_meaning(claim.subject, table)
    if not meaning:
        return None
    index = next(i for i, c in enumerate(filing.claims) if c is claim)
    parent = next((c for c in reversed(filing.claims[:index]) if c.subject == claim.parent), None)
    if parent is None or parent.versus_budget is None or parent.versus_budget.budget is not None:
        return None  # a part of a budget, or of a statement of both: which it is, is not said
    line = _three_public_line(table, meaning)
    return line.actual if line else None


def _name(subject: str) -> str:
    """A figure's name as _NAMED spells it: '收、支总计各' (each side's total, the Ministry's words) is
    '收入支出总计'."""
    return re.sub(r"收、?支(?=总计)", "收入支出", key(subject)).removesuffix("各")


def named_figure(claim: Claim, filing: Filing) -> Figure | None:
    """The table figure a figure's name (and its context) ties it to; None when it names none for certain."""
    name, parent = _name(claim.subject), key(claim.parent or "")
    if _CLASS.match(name):  # a class of general-budget spending: in that section, not 政府性基金's
        table = filing.table(TableKind.GeneralBudgetByFunction)
        if table is None or "一般公共预算" not in key(claim.section or "") + parent:
            return None
        row, meaning = _function_row(table, name), _actual_meaning(table)
        return _figure(table, row, meaning) if row and meaning else None
    named = _NAMED.get(name)
    table = named and filing.table(named.kind)
    if not named or table is None or (named.within and named.within not in parent):
        return None
    rows = [r for r in table.rows if (key(r.label) == named.row if named.row else r.role is RowRole.TOTAL)]
    meaning = next((m for m in named.meanings if table.column(m) or table.column(m, "income")), None)
    row = next((r for r in rows if meaning in r.cells), None)
    return _figure(table, row, meaning) if row and meaning else None
