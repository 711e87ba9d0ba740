"""BG-N011: a share the narrative states ('占本年支出合计的99.21%', '其中：基本支出2336.91万元，占79.49%') is the
figure divided by its base, recomputed under the rounding rule.

The base is the one the narrative names ('本年支出合计', '“三公”经费'): a figure the narrative states under that
name, else the table figure the name ties to (narrative.ties for a budget, final_accounts.named_figure for a
决算); with no name, the figure the share's '其中' stands under (the reader names the figure that opens a list
with a colon as the base of the shares in it). A base found nowhere is not checked.
Completion rates of a 决算 ('完成年初预算的96.91%') are BG-D003's.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from budget_graph.check.evaluator import evaluate
from budget_graph.check.figures import percent_verdict
from budget_graph.check.final_accounts import named_figure
from budget_graph.check.narrative import BASIS as NARRATIVE_BASIS
from budget_graph.check.narrative import Tables, key, ties
from budget_graph.check.rules import Finding, Severity, rule
from budget_graph.derive.identity import Figure, percentage
from budget_graph.derive.rounding import (
    Agreement,
    Ratio,
    compare_percent,
    exact_percent,
    percent_decimals,
    percent_text,
    ratio_interval,
)
from budget_graph.model import Claim, Filing, Kind

SHARE = rule(
    id="BG-N011",
    title="说明中的占比与金额不符",
    title_en="A share stated in the narrative is not the figure divided by its base",
    severity=Severity.ERROR,
    basis=NARRATIVE_BASIS + "；GB/T 8170《数值修约规则》",
    checks="'X万元，占<base>的Y%' states Y = X ÷ base × 100. The base is the figure the narrative states under "
    "that name (本年支出合计, “三公”经费 …), else the table figure the name stands for; '占Y%' with no base is a "
    "share of the figure its '其中' stands under, of the figure that opens its list with a colon "
    "('支出2940.05万元，主要用于以下方面：…'), or of what the sentence says its list is among "
    "('“三公”经费财政拨款支出决算中，因公出国（境）费…'). Every figure is an interval (rounding rule) and so is Y: a "
    "difference rounding explains is info, a share cut off rather than rounded, or one unit of its last digit off, a warning.",
    why="Shares tell the reader how the budget is composed; a wrong share misstates it even when the amounts "
    "are right. A share one unit of its last digit off is a warning: shares are often nudged so that they add up "
    "to 100%.",
    engine="python",
    fail_example="本年支出合计2940.05万元，其中：基本支出2336.91万元，占80.49%（2336.91 ÷ 2940.05 = 79.49%）",
    pass_example="本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%",
)


def check(filing: Filing) -> Iterator[Finding]:
    tables = Tables(filing)
    for index, claim in enumerate(filing.claims):
        if claim.share is None or claim.amount is None:
            continue
        bases = _bases(filing, tables, index)
        if bases:
            found = _share(claim, bases)
            if found:
                yield found


def _bases(filing: Filing, tables: Tables, index: int) -> list[Figure]:
    """The figures the share may be of, the narrative's own first."""
    claim = filing.claims[index]
    named = key(claim.share_base or "")
    wanted = named or key(claim.parent or "")
    if not wanted:
        return []
    before = reversed(filing.claims[:index])
    stated = next(
        (c for c in before if c.amount is not None and _base_key(c.subject) == _base_key(wanted)), None
    )
    if stated is not None:
        assert stated.amount is not None
        return [Figure(stated.amount, stated.location, f"说明中“{stated.subject}”")]
    if not named:
        return []
    base = Claim(named, claim.location, claim.text, claim.part, amount=claim.amount, section=claim.section)
    if filing.kind is Kind.FINAL:
        figure = named_figure(base, filing)
        return [figure] if figure else []
    return [f for tie in ties(base, tables) for f in tie.candidates]


def _base_key(name: str) -> str:
    """'本年支出合计' and '本年支出合计数' name one figure."""
    return key(name).removesuffix("数")


def _share(claim: Claim, bases: list[Figure]) -> Finding | None:
    """The share against the base it is of: an identity the evaluator judges, worded here."""
    assert claim.share is not None and claim.amount is not None
    usable = [b for b in bases if b.amount.value > 0]
    if not usable:
        return None
    agreements = [compare_percent(claim.amount, b.amount, claim.share) for b in usable]
    # the base the share is of, else the one rounding explains it against, else the first
    best = next((a for a in (Agreement.EQUAL, Agreement.ROUNDING) if a in agreements), None)
    base = usable[agreements.index(best)] if best else usable[0]
    of = claim.share_base or claim.parent or ""
    part = Figure(claim.amount, claim.location, f"说明中“{claim.subject}”")
    what, what_en = f"“{claim.subject}”占{of}的比例", f"the share of {claim.subject} in {of}"
    identity = percentage(SHARE.id, claim.share, Ratio.SHARE, part, base, what, what_en)
    return evaluate(identity, SHARE, partial(_share_finding, claim, base))


def _share_finding(claim: Claim, base: Figure, agreement: Agreement) -> Finding:
    assert claim.share is not None and claim.amount is not None
    stated, part = claim.share, claim.amount
    exact = exact_percent(part, base.amount)
    computed = percent_text(exact, stated)
    of = claim.share_base or claim.parent or ""
    message = f"说明中“{claim.subject}”{part.text()}占{of}的{stated}%，按{base.name}{base.amount.text()}计算为{computed}"
    message_en = (
        f"The narrative gives {claim.subject} ({part.text()}) as {stated}% of {of}; against {base.amount.text()} "
        f"it is {computed}"
    )
    verdict, severity = percent_verdict(agreement, stated, ratio_interval(part, base.amount)), None
    if verdict:
        (note, note_en), severity = verdict
        message, message_en = message + note, message_en + note_en
    elif _one_unit_off(stated, exact):
        # shares are often nudged by one unit so that they add up to 100%: misleading no one
        message += "（与四舍五入的结果相差末位一个单位，疑为凑足100%而调整）"
        message_en += " (one unit of the last digit off the rounded share, perhaps nudged so that the shares add up to 100%)"
        severity = Severity.WARNING
    places = [claim.share_location or claim.location, claim.location, base.location]
    return SHARE.finding(message, message_en, places, computed, f"{stated}%", severity=severity)


def _one_unit_off(stated: Decimal, exact: Decimal) -> bool:
    """Is `stated` one unit of its last digit away from the ratio rounded as it should be?"""
    unit = Decimal(1).scaleb(-percent_decimals(stated))
    return abs(exact.quantize(unit, rounding=ROUND_HALF_UP) - stated) == unit
