"""BG-F: checks across filings of the same unit — a change statement against last year's filing.

'企业服务440.00万元，较2023年预算减少415万元' says the 2023 budget held 855.00万元 for 企业服务; when the
unit's 2023 部门预算 is in the same run (or store), the figure it states for 企业服务 must be that base,
up to rounding. Filings are matched by unit (names folded by model.units.unit_key: 中共江苏省委办公厅 = 江苏省委办公厅), year and kind;
figures by what the narrative states them for (part, subject, '其中' parent). Only unambiguous pairs are
compared: a subject stated with two different figures in last year's filing is left alone. When other
years of the unit are present but not the previous one (万里街道 2023 and 2025), the filing says so
instead of comparing. A 决算's 年初预算 column of the function table is compared, code by code, with the
same year's 部门预算 of the unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from budget_graph.check.figures import graded
from budget_graph.check.rules import Finding, Severity, rule
from budget_graph.derive.crosstable import by_code
from budget_graph.derive.rounding import Agreement, Interval, compare
from budget_graph.model import Claim, Direction, Filing, Kind, TableKind
from budget_graph.model.facts import FilingFacts, Stated, Subject, subject_key
from budget_graph.model.units import unit_key

PREVIOUS_YEAR = rule(
    id="BG-F001",
    title="变动说明与上年预算文件不符",
    title_en="Change statement disagrees with the previous year's filing",
    severity=Severity.ERROR,
    basis="《预算法》第十四条；“较上年预算增减”的基数即上年公开的部门预算数",
    checks="For each change statement against last year's budget ('较2023年预算减少415万元'), the base it implies "
    "(current ∓ change, or the base it states) is compared with the figure the unit's previous-year 部门预算 states "
    "for the same subject, every figure with its rounding interval. Runs when both filings are in one run or store.",
    why="A change computed from a base other than what was published last year misstates how the budget moved; "
    "only the two filings side by side show it.",
    engine="python",
    fail_example="2024年：企业服务440.00万元，较2023年预算减少415万元；2023年部门预算：企业服务800.00万元（应减少360万元）",
    pass_example="2024年：企业服务440.00万元，较2023年预算减少415万元；2023年部门预算：企业服务855.00万元",
)

NOT_CONSECUTIVE = rule(
    id="BG-F002",
    title="上年文件缺失，未作跨年核对",
    title_en="Previous year's filing absent: change statements not compared",
    severity=Severity.INFO,
    basis="跨年核对需要同一单位上一年度的部门预算",
    checks="When the run or store holds other years of the same unit but not the year its change statements "
    "compare with, the filing says which years are there instead of comparing with a year further away.",
    why="A comparison with a non-adjacent year would be a false alarm; saying nothing would hide that the "
    "check could not run.",
    engine="python",
    fail_example="万里街道2025年预算“较2024年预算增加…”，本批次只有2023年和2025年",
    pass_example="江苏省政协办公厅2018年预算，2017年预算在同一批次",
)


INITIAL_BUDGET = rule(
    id="BG-F003",
    title="决算年初预算与当年部门预算不符",
    title_en="Final accounts' initial budget disagrees with that year's departmental budget",
    severity=Severity.ERROR,
    basis="年初预算即经本级人大批准、向社会公开的部门预算；《预算法》第十四条",
    checks="For each function code of a 决算's general public budget table with a 年初预算 figure, the figure is "
    "compared with the total the unit's 部门预算 of the same year publishes for that code (rounding: info). Runs "
    "when both filings are in one run or store.",
    why="An initial budget in the final accounts that is not the budget the unit published hides a change made "
    "between publication and execution.",
    engine="python",
    fail_example="2024年决算：201 一般公共服务支出 年初预算33,100.00万元；2024年部门预算：201 支出总计33,149.35万元",
    pass_example="2024年决算：201 年初预算33,149.35万元；2024年部门预算：201 支出总计33,149.35万元",
)

_FUNCTION_TOTALS = ("total", "amount")


def facts_of(filing: Filing) -> FilingFacts:
    """What the checks compare of a filing of the run: its claims' figures, and its function table's
    totals (budget) or 年初预算 (final) by code."""
    facts = FilingFacts(filing.unit, filing.year, filing.kind)
    for claim in filing.claims:
        if claim.amount is not None:
            facts.state(_subject(claim), Stated(claim.amount, claim.location))
    table = filing.table(TableKind.GeneralBudgetByFunction)
    meanings = ("initial_budget",) if filing.kind is Kind.FINAL else _FUNCTION_TOTALS
    for row in table.rows if table else []:
        meaning = next((m for m in meanings if row.amount(m) is not None), None)
        if (code := by_code(row)) and meaning:  # a code its name fits: the line stands for it
            facts.by_code.setdefault(
                code.strip(), Stated(row.amount(meaning), table.cell_location(row, meaning))
            )
    return facts


def _figure(facts: FilingFacts, claim: Claim) -> Stated | None:
    """The one figure stated for the claim's subject; None when absent or stated with different values."""
    found = facts.stated.get(_subject(claim), [])
    values = {s.amount.yuan for s in found}
    return found[0] if len(values) == 1 else None


def cross_check(filings: list[Filing], known: Iterable[FilingFacts] = ()) -> list[list[Finding]]:
    """BG-F findings for each filing (in order), against the others and any `known` filings (a store's,
    which the caller reads: store/facts.py)."""
    facts = [facts_of(filing) for filing in filings]
    index = {f.key: f for f in known}
    index.update({f.key: f for f in facts})
    return [
        [*check_against(filing, index), *_initial_budgets(own, index)]
        for filing, own in zip(filings, facts, strict=True)
    ]


def _initial_budgets(
    final: FilingFacts, index: dict[tuple[str, int, Kind], FilingFacts]
) -> Iterator[Finding]:
    """BG-F003: each 年初预算 of a 决算's function table against the same year's 部门预算."""
    budget = index.get((unit_key(final.unit), final.year, Kind.BUDGET))
    if final.kind is not Kind.FINAL or budget is None:
        return
    for code, initial in final.by_code.items():
        published = budget.by_code.get(code)
        agreement = compare(initial.amount, published.amount) if published else Agreement.EQUAL
        if agreement is Agreement.EQUAL:
            continue
        yield graded(
            INITIAL_BUDGET,
            agreement,
            f"{code} 决算年初预算为{initial.amount.text()}，{final.year}年部门预算为{published.amount.text()}",
            f"{code}: the final accounts' initial budget is {initial.amount.text()}, the {final.year} departmental "
            f"budget publishes {published.amount.text()}",
            [initial.location, published.location],
            published.amount.text(),
            initial.amount.text(),
        )


def check_against(filing: Filing, index: dict[tuple[str, int, Kind], FilingFacts]) -> Iterator[Finding]:
    claims = [c for c in filing.claims if _compares_with_last_budget(c, filing.year)]
    if not claims:
        return
    previous = index.get((unit_key(filing.unit), filing.year - 1, Kind.BUDGET))
    if previous is None:
        yield from _not_consecutive(filing, claims[0], index)
        return
    for claim in claims:
        stated = _figure(previous, claim)
        if stated is not None:
            yield from _compare(claim, stated, previous.year)


def _compare(claim: Claim, stated: Stated, year: int) -> Iterator[Finding]:
    """Exact → nothing; within rounding → info; otherwise an error naming both figures."""
    implied = _base_value(claim)
    if implied == stated.amount.yuan:
        return
    rounding = _base(claim).overlaps(Interval.of(stated.amount))
    change = claim.amount.yuan - stated.amount.yuan
    word = "增加" if change > 0 else ("减少" if change < 0 else "持平")
    yield graded(
        PREVIOUS_YEAR,
        Agreement.ROUNDING if rounding else Agreement.DIFFERENT,
        f"“{claim.subject}”{_said(claim)}，推算{year}年预算为{_wan(implied)}，但{year}年部门预算中为"
        f"{stated.amount.text()}，按此应{word}{_wan(abs(change))}",
        f"{claim.subject}: '{_said(claim)}' implies {_wan(implied)} for {year}, but the {year} budget filing "
        f"states {stated.amount.text()}: a change of {_wan(change)}",
        [claim.location, stated.location],
        f"{word}{_wan(abs(change))}",
        _said(claim),
    )


def _not_consecutive(filing: Filing, claim: Claim, index: dict) -> Iterator[Finding]:
    others = sorted(
        year
        for unit, year, kind in index
        if unit == unit_key(filing.unit) and year != filing.year and kind is Kind.BUDGET
    )
    if not others:
        return
    years = "、".join(str(y) for y in others)
    yield NOT_CONSECUTIVE.finding(
        f"变动说明与{filing.year - 1}年预算比较，但只有{years}年的文件，未作跨年核对",
        f"change statements compare with {filing.year - 1}, but only {', '.join(map(str, others))} of this unit "
        "are present: not compared",
        [claim.location],
        expected=f"{filing.year - 1}年部门预算",
        actual=f"{years}年",
    )


def _compares_with_last_budget(claim: Claim, year: int) -> bool:
    """A change statement whose base is last year's budget (not its 执行数 or 决算)."""
    label = claim.base_label or ""
    return (
        claim.amount is not None
        and claim.base_year == year - 1
        and "预算" in label
        and not any(word in label for word in ("执行", "决算", "调整"))
        and (
            claim.base_amount is not None
            or claim.change_direction is Direction.UNCHANGED
            or (
                claim.change is not None
                and claim.change_direction in (Direction.INCREASE, Direction.DECREASE)
            )
        )
    )


def _base(claim: Claim) -> Interval:
    """Last year's figure as the claim implies it, with the rounding of every figure it comes from."""
    if claim.base_amount is not None:
        return Interval.of(claim.base_amount)
    current = Interval.of(claim.amount)
    if claim.change is None:
        return current
    change = Interval.of(claim.change)
    return current - change if claim.change_direction is Direction.INCREASE else current + change


def _base_value(claim: Claim) -> Decimal:
    if claim.base_amount is not None:
        return claim.base_amount.yuan
    if claim.change is None:
        return claim.amount.yuan
    sign = -1 if claim.change_direction is Direction.INCREASE else 1
    return claim.amount.yuan + sign * claim.change.yuan


def _said(claim: Claim) -> str:
    if claim.base_amount is not None:
        return f"{claim.base_label}为{claim.base_amount.text()}"
    if claim.change is None:
        return f"与{claim.base_label}持平"
    return f"较{claim.base_label}{claim.change_word or ''}{claim.change.text()}"


def _wan(yuan: Decimal) -> str:
    return f"{yuan / 10000:,.2f}万元"


def _subject(claim: Claim) -> Subject:
    return subject_key(claim.part, claim.subject, claim.parent)
