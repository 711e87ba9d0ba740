"""BG-Y: the arithmetic of each change statement ('较2023年预算减少415万元，下降48.5%'), on the claim alone
and against the previous-year figures the filing publishes.

The base is current − change for an increase and current + change for a decrease (or the base the
narrative states). Every published figure stands for its rounding interval, so the percentage is
recomputed as an interval and compared with the interval of the stated percentage at its decimals:
a difference rounding (or truncation) explains is an info finding, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from budget_graph.check.evaluator import evaluate
from budget_graph.check.figures import percent_verdict
from budget_graph.check.narrative import (
    functional_column,
    functional_names,
    functional_row,
    key,
    three_public_figure,
    three_public_meaning,
)
from budget_graph.check.rules import Finding, Severity, rule
from budget_graph.derive.crosstable import department_row
from budget_graph.derive.identity import Figure, change, percentage
from budget_graph.derive.rounding import Agreement, Interval, Ratio, ratio_percent, ratio_range
from budget_graph.model import Amount, Claim, Direction, Filing, TableKind, Unit

HUNDRED = Decimal(100)

PERCENT = rule(
    id="BG-Y001",
    title="变动率与变动额不符",
    title_en="Stated percentage disagrees with the stated change",
    severity=Severity.ERROR,
    basis="《预算法》第十四条（预算公开应当对重要事项作出说明）；变动率 = 变动额 ÷ 基数（基数 = 本年数 ∓ 变动额）",
    checks="Recomputes change ÷ base from the stated current figure and change (base = current − change for an "
    "increase, current + change for a decrease, or the stated base) with every figure's rounding interval, and "
    "compares it with the interval of the stated percentage at its printed decimals. When they disagree it "
    "gives the change the percentage implies and says when that is 10⁴ times the stated one (亿元 written as 万元).",
    why="A percentage that does not follow from the figures beside it misstates how much a budget line moved; a "
    "unit slip (亿元 as 万元) hides a change ten thousand times larger.",
    engine="python",
    fail_example="产业专项资金30,415.30万元，较2023年预算减少6.06万元，下降66.6%（基数30,421.36万元只给出0.02%）",
    pass_example="企业服务440.00万元，较2023年预算减少415万元，下降48.5%（415 ÷ 855 = 48.54%）",
)

DIRECTION = rule(
    id="BG-Y002",
    title="变动方向表述矛盾",
    title_en="Change words point in different directions",
    severity=Severity.ERROR,
    basis="变动额与变动率描述同一变动，方向必须一致；与上年持平即变动为零",
    checks="The change word and the percentage word agree ('减少…增长' disagrees), and where the base figure is "
    "stated, the word agrees with current − base (增加 needs current > base, 持平 needs current = base).",
    why="Contradicting direction words leave the reader unable to tell whether the line grew or shrank.",
    engine="python",
    fail_example="较2023年预算减少415万元，增长48.5%",
    pass_example="较2023年预算减少415万元，下降48.5%",
)

NEGATIVE_BASE = rule(
    id="BG-Y003",
    title="增加额大于本年数",
    title_en="Increase larger than the current figure",
    severity=Severity.ERROR,
    basis="基数 = 本年数 − 增加额，预算数不能为负",
    checks="For an increase, the stated change is not larger than the current figure (beyond rounding): "
    "otherwise last year's figure would have been negative.",
    why="An increase larger than the figure itself is a copied or mistyped change.",
    engine="python",
    fail_example="政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元",
    pass_example="培训工作24.33万元，较2023年预算增加24.33万元（上年为零）",
)

ZERO_BASE = rule(
    id="BG-Y004",
    title="基数为零时的变动率",
    title_en="Percentage on a zero base",
    severity=Severity.INFO,
    basis="基数为零时变动率无定义；新增项目写“增长100%”是约定俗成的写法",
    checks="A percentage stated for a line whose base is zero (a new item) is reported as information: it cannot be "
    "recomputed, and '增长100%' for a new item is a convention, not an error.",
    why="Readers should know the percentage is a convention, not arithmetic.",
    engine="python",
    fail_example="培训工作24.33万元，较2023年预算增加24.33万元，增长100%",
    pass_example="培训工作24.33万元，较2023年预算增加24.33万元",
)

ZERO_CHANGE = rule(
    id="BG-Y005",
    title="零变动写作增加或减少",
    title_en="Zero change worded as an increase or decrease",
    severity=Severity.INFO,
    basis="变动为零应表述为“持平”或“保持一致”",
    checks="A change of zero (增加0.00万元, 增长0%) worded as an increase or a decrease; suggests 持平.",
    why="'增加0.00万元' reads as a movement that did not happen.",
    engine="python",
    fail_example="较2023年年初预算增加0.00万元",
    pass_example="与2023年年初预算持平",
)

PREVIOUS_YEAR = rule(
    id="BG-Y006",
    title="变动额与表中上年数不符",
    title_en="Stated change disagrees with the previous-year figures in the tables",
    severity=Severity.ERROR,
    basis="“三公”经费支出表、一般公共预算支出表列示上年与本年数，说明中的增减额应等于两者之差",
    checks="A change statement about a 三公 figure equals this year's minus last year's figure of the "
    "“三公”经费支出表 (its year rows), under the rounding rule; 持平 needs a zero difference. So does a change "
    "stated for a functional line or the general budget's total ('行政运行（项）2024年预算数为724.23万元，比2023年"
    "执行数减少144.84万元') against the 一般公共预算支出表 printing the year before's column, when the narrative "
    "names the base that column prints (its year, and 执行数 or 预算数).",
    why="The narrative and the table publish one change; two different changes cannot both be right.",
    engine="python",
    fail_example="公务接待费2024年预算数0.50万元，较2023年年初预算减少0.20万元（表中0.60 → 0.50）",
    pass_example="公务接待费2024年预算数0.50万元，较2023年年初预算减少0.10万元",
)

_SIGN = {Direction.INCREASE: 1, Direction.DECREASE: -1, Direction.UNCHANGED: 0}
_WORD = {Direction.INCREASE: ("增加", "an increase"), Direction.DECREASE: ("减少", "a decrease")}
_LARGER = {Unit.YUAN: Unit.WAN, Unit.WAN: Unit.YI}  # a unit and the one 10⁴ times it


def check(filing: Filing) -> Iterator[Finding]:
    for claim in filing.claims:
        yield from check_claim(claim)
    yield from _against_previous_year(filing)
    yield from _against_the_years_column(filing)


def check_claim(claim: Claim) -> Iterator[Finding]:
    """BG-Y001 to BG-Y005 on one claim's change statement."""
    if claim.amount is None or (claim.change_direction is None and claim.percent_direction is None):
        return
    yield from _directions(claim)
    if _says_zero_change(claim):
        yield ZERO_CHANGE.finding(
            f"“{claim.subject}”变动为零却写作“{claim.change_word or claim.percent_word}”，建议表述为“持平”",
            f"{claim.subject}: a change of zero is worded as '{claim.change_word or claim.percent_word}'; "
            "say 持平 (unchanged)",
            [claim.location],
            expected="持平",
            actual=_change_text(claim),
        )
        return
    base = _base(claim)
    if base is None:
        return
    if base.hi < 0:
        yield _negative_base(claim, base)
    elif base.lo <= 0 and claim.percent is not None:
        yield ZERO_BASE.finding(
            f"“{claim.subject}”上年基数为零，变动率“{claim.percent_word}{claim.percent}%”无法计算（新增项目按惯例写作增长100%）",
            f"{claim.subject}: the base is zero, so '{claim.percent_word}{claim.percent}%' cannot be recomputed "
            "(100% for a new item is a convention)",
            [claim.location],
            expected="—",
            actual=f"{claim.percent_word}{claim.percent}%",
        )
    elif base.lo > 0 and claim.percent is not None:
        yield from _percentage(claim)


def _directions(claim: Claim) -> Iterator[Finding]:
    change, percent = claim.change_direction, claim.percent_direction
    if change and percent and {change, percent} == {Direction.INCREASE, Direction.DECREASE}:
        yield DIRECTION.finding(
            f"“{claim.subject}”变动额写作“{claim.change_word}”，变动率却写作“{claim.percent_word}”，方向矛盾",
            f"{claim.subject}: the change is worded '{claim.change_word}' but the percentage '{claim.percent_word}'",
            [claim.location],
            expected=f"{claim.change_word}…{_same_direction_word(change)}",
            actual=f"{claim.change_word}…{claim.percent_word}",
        )
    if claim.base_amount is None or claim.amount is None:
        return
    current, base = Interval.of(claim.amount), Interval.of(claim.base_amount)
    actual_sign = 1 if current.lo > base.hi else -1
    if not current.overlaps(base) and _SIGN[change or percent] != actual_sign:
        word = claim.change_word or claim.percent_word
        yield DIRECTION.finding(
            f"“{claim.subject}”本年{claim.amount.text()}，基数{claim.base_amount.text()}，却写作“{word}”",
            f"{claim.subject}: {claim.amount.text()} against a base of {claim.base_amount.text()} is worded '{word}'",
            [claim.location],
            expected=_direction_word(actual_sign),
            actual=word,
        )


def _same_direction_word(direction: Direction) -> str:
    return "增长" if direction is Direction.INCREASE else "下降"


def _direction_word(sign: int) -> str:
    return {1: "增加", -1: "减少", 0: "持平"}[sign]


def _says_zero_change(claim: Claim) -> bool:
    moving = claim.change_direction in (Direction.INCREASE, Direction.DECREASE)
    zero_change = claim.change is not None and claim.change.value == 0
    zero_percent = claim.percent is not None and claim.percent == 0 and claim.change is None
    return moving and (zero_change or zero_percent)


def _base(claim: Claim) -> Interval | None:
    """The base as an interval in yuan: stated, or current ∓ change."""
    if claim.base_amount is not None:
        return Interval.of(claim.base_amount)
    if claim.change is None or claim.amount is None or claim.change_direction not in _WORD:
        return None
    current, change = Interval.of(claim.amount), Interval.of(claim.change)
    return current - change if claim.change_direction is Direction.INCREASE else current + change


def _negative_base(claim: Claim, base: Interval) -> Finding:
    assert claim.amount is not None and claim.change is not None
    return NEGATIVE_BASE.finding(
        f"“{claim.subject}”本年{claim.amount.text()}，却比上年增加{claim.change.text()}，上年基数将为负数",
        f"{claim.subject}: {claim.amount.text()} cannot have increased by {claim.change.text()} "
        "(last year's figure would be negative)",
        [claim.location],
        expected=f"≤ {claim.amount.text()}",
        actual=claim.change.text(),
    )


@dataclass(frozen=True)
class _Recomputed:
    """The percentage the figures give: the value from the printed figures and its range under rounding."""

    value: Decimal  # signed, in percent
    lo: Decimal  # magnitude range, in percent
    hi: Decimal


def recompute(claim: Claim) -> _Recomputed | None:
    """change ÷ base in percent, from the printed figures and over every figure's rounding interval."""
    figures = _ratio_figures(claim)
    if figures is None:
        return None
    return _recomputed(*figures)


def _recomputed(ratio: Ratio, x: Figure, y: Figure) -> _Recomputed:
    possible = ratio_range(ratio, x.amount, y.amount)
    return _Recomputed(ratio_percent(ratio, x.amount, y.amount), possible.lo, possible.hi)


def _ratio_figures(claim: Claim) -> tuple[Ratio, Figure, Figure] | None:
    """How the percentage follows from the claim's figures: this year's against the stated base, else the
    stated change of this year's figure."""
    assert claim.amount is not None
    current = Figure(claim.amount, claim.location, f"说明中“{claim.subject}”本年数")
    if claim.base_amount is not None:
        base = Figure(claim.base_amount, claim.location, f"说明中“{claim.subject}”基数")
        return Ratio.GROWTH, current, base
    if claim.change is None or claim.change_direction not in _WORD:
        return None
    ratio = Ratio.INCREASE if claim.change_direction is Direction.INCREASE else Ratio.DECREASE
    said = Figure(claim.change, claim.location, f"说明中“{claim.subject}”{claim.change_word}额")
    return ratio, said, current


def _percentage(claim: Claim) -> Iterator[Finding]:
    """The stated percentage against the one the figures give: an identity the evaluator judges; its
    finding, worded here, gives the change the percentage implies."""
    assert claim.percent is not None and claim.amount is not None
    figures = _ratio_figures(claim)
    if figures is None:
        return
    ratio, x, y = figures
    what, what_en = f"“{claim.subject}”变动率", f"the percentage change of {claim.subject}"
    identity = percentage(PERCENT.id, claim.percent, ratio, x, y, what, what_en)
    computed = _recomputed(ratio, x, y)
    found = evaluate(identity, PERCENT, partial(_graded_percent, claim, computed))
    if found:
        yield found


def _graded_percent(claim: Claim, computed: _Recomputed, agreement: Agreement) -> Finding:
    assert claim.percent is not None
    verdict = percent_verdict(agreement, claim.percent, Interval(computed.lo, computed.hi))
    if verdict:
        return _percent_finding(claim, computed, *verdict)
    return _percent_finding(claim, computed, _implied_note(claim), Severity.ERROR)


def change_percent_texts(stated: Decimal | None, value: Decimal) -> tuple[str, str]:
    """A recomputed change rate as '下降0.02%' and '-0.02%', at the decimals of the stated one (at least two,
    so a tiny change still shows)."""
    decimals = max(2, -int(stated.as_tuple().exponent)) if stated is not None else 2
    word = "增长" if value > 0 else "下降"
    return f"{word}{abs(value):.{decimals}f}%", f"{value:+.{decimals}f}%"


def _percent_finding(
    claim: Claim, computed: _Recomputed, note: tuple[str, str], severity: Severity
) -> Finding:
    stated = f"{claim.percent_word}{claim.percent}%"
    shown, shown_en = change_percent_texts(claim.percent, computed.value)
    basis, basis_en = _basis(claim)
    return PERCENT.finding(
        f"“{claim.subject}”变动率与变动额不符：{basis}，变动率应为{shown}，文中为{stated}{note[0]}",
        f"{claim.subject}: the percentage disagrees with the change: {basis_en} gives {shown_en}, "
        f"the narrative says {claim.percent}% ({claim.percent_word}){note[1]}",
        [claim.location],
        expected=shown,
        actual=stated,
        severity=severity,
    )


def _basis(claim: Claim) -> tuple[str, str]:
    """What the percentage was recomputed from, in Chinese and English."""
    assert claim.amount is not None
    if claim.base_amount is not None:
        current, base = claim.amount.text(), claim.base_amount.text()
        return f"本年{current}、基数{base}", f"{current} against a base of {base}"
    assert claim.change is not None and claim.change_direction in _WORD
    base, change = _point_base(claim).text(), claim.change.text()
    return (
        f"按{claim.change_word}{change}计，基数为{base}",
        f"{_WORD[claim.change_direction][1]} of {change} on a base of {base}",
    )


def _implied_note(claim: Claim) -> tuple[str, str]:
    """The change the stated percentage implies, and a unit slip when it is 10⁴ times the stated one."""
    implied = implied_change(claim)
    if implied is None or claim.change is None:
        return "", ""
    zh = f"；{claim.percent_word}{claim.percent}%对应的变动额约为{implied.text()}"
    en = f"; {claim.percent}% implies a change of about {implied.text()}"
    if _unit_slip(claim, implied):
        larger, unit, stated_unit = (
            _larger_unit_text(implied),
            _LARGER[claim.change.unit].value,
            claim.change.unit.value,
        )
        zh += f"（约{larger}），约为文中变动额的一万倍，疑将{unit}误写为{stated_unit}"
        en += f" ({larger}), about 10⁴ times the stated change: {unit} written as {stated_unit}?"
    return zh, en


def _point_base(claim: Claim) -> Amount:
    """current ∓ change as printed, in the current figure's unit and decimals."""
    assert claim.amount is not None and claim.change is not None and claim.change_direction in _WORD
    sign = _SIGN[claim.change_direction]
    value = (claim.amount.yuan - sign * claim.change.yuan) / claim.amount.unit.factor
    decimals = max(claim.amount.decimals, claim.change.decimals)
    return Amount(value.quantize(Decimal(1).scaleb(-decimals)), claim.amount.unit)


def implied_change(claim: Claim) -> Amount | None:
    """The change the stated percentage implies for the current figure: p·C/(1+p) up, p·C/(1−p) down."""
    if claim.amount is None or claim.percent is None or claim.change_direction not in _WORD:
        return None
    p = claim.percent / HUNDRED
    denominator = 1 + p if claim.change_direction is Direction.INCREASE else 1 - p
    if denominator <= 0:
        return None
    value = p * claim.amount.value / denominator
    return Amount(value.quantize(Decimal("0.01")), claim.amount.unit)


def _unit_slip(claim: Claim, implied: Amount) -> bool:
    """Is the implied change about 10⁴ times the stated one (亿元 written as 万元, 万元 as 元)?"""
    if claim.change is None or claim.change.value == 0:
        return False
    ratio = implied.yuan / claim.change.yuan
    return claim.change.unit in _LARGER and Decimal(5000) <= ratio <= Decimal(20000)


def _larger_unit_text(amount: Amount) -> str:
    return f"{amount.value / 10_000:,.2f}{_LARGER[amount.unit].value}"


def _change_text(claim: Claim) -> str:
    if claim.change is not None:
        return f"{claim.change_word}{claim.change.text()}"
    return f"{claim.percent_word}{claim.percent}%"


# --- against the previous-year figures the filing publishes (the 三公 table's year rows) ----------------


def _against_previous_year(filing: Filing) -> Iterator[Finding]:
    table = filing.table(TableKind.ThreePublicExpenses)
    if table is None:
        return
    for claim in filing.claims:
        meaning = three_public_meaning(claim.subject, table)
        if meaning is None or claim.change_direction is None:
            continue
        now = three_public_figure(table, meaning, filing.year, filing.year)
        before = three_public_figure(table, meaning, claim.base_year or filing.year - 1, filing.year)
        if now is None or not before:
            continue
        finding = _change_against(claim, now, before)
        if finding:
            yield finding


_GENERAL_BUDGET_TOTAL = re.compile(r"^一般公共预算(当年)?(拨款|财政拨款)?(支出)?(预算)?$")
_BASE = re.compile(r"(\d{4})年.*?(执行|决算|预算)")


def _against_the_years_column(filing: Filing) -> Iterator[Finding]:
    """A change on the year before stated for a functional line ('行政运行（项）2024年预算数为724.23万元，比2023年
    执行数减少144.84万元') or for the general budget's total, against the 一般公共预算支出表 that prints that
    year's figure beside this year's, when the narrative names the base that column prints."""
    table = filing.table(TableKind.GeneralBudgetByFunction)
    meaning = table and functional_column(table)
    if table is None or meaning is None or not table.column("prior_year"):
        return
    for claim in filing.claims:
        if claim.change_direction is None or not _same_base(
            claim.base_label, table.column_label("prior_year")
        ):
            continue
        names = functional_names(claim, filing.year)
        if names:
            row = functional_row(table, names)
        else:
            row = department_row(table) if _GENERAL_BUDGET_TOTAL.match(key(claim.subject)) else None
        now, before = (Figure.of(table, row, m) for m in (meaning, "prior_year")) if row else (None, None)
        if now and before and (finding := _change_against(claim, now, before)):
            yield finding


def _same_base(stated: str | None, printed: str) -> bool:
    """Does the narrative's base ('2023年执行数') name the column's ('2023年执行数')? The year before's budget
    ('2023年预算') is another figure than its outturn (执行数, 决算数)."""
    said, shown = _BASE.search(key(stated or "")), _BASE.search(key(printed))
    if said is None or shown is None:
        return False
    outturn = ("执行", "决算")
    return said.group(1) == shown.group(1) and (said.group(2) in outturn) == (shown.group(2) in outturn)


def _change_against(claim: Claim, now: Figure, before: Figure) -> Finding | None:
    """The change stated = this year's figure − last year's: an identity the evaluator judges and words."""
    stated = _signed_change(claim, now.amount)
    if stated is None:
        return None
    said = _change_text(claim) if claim.change is not None else claim.change_word or "持平"
    identity = change(
        PREVIOUS_YEAR.id, Figure(stated, claim.location, said), now, before, claim.subject, claim.subject
    )
    return evaluate(identity, PREVIOUS_YEAR)


def _signed_change(claim: Claim, like: Amount) -> Amount | None:
    if claim.change_direction is Direction.UNCHANGED:
        return Amount(Decimal(0).quantize(Decimal(1).scaleb(-like.decimals)), like.unit)
    if claim.change is None:
        return None
    return Amount(_SIGN[claim.change_direction] * claim.change.value, claim.change.unit)
