"""Shared by the checks: the one severity policy for figures that disagree.

The identities of the tables are evaluated in check/evaluator.py; narrative figures, changes and
percentages are graded here by the same policy (`graded`, `percent_verdict`) with the same wording. A
figure and its place is the derive stage's (derive/identity.Figure).
"""

from __future__ import annotations

from decimal import Decimal

from budget_graph.check.rules import Finding, Rule, Severity
from budget_graph.derive.rounding import Agreement, Interval, is_cut_off, percent_interval
from budget_graph.model import Amount, Location


def yuan_text(value: Decimal, like: Amount) -> str:
    """A computed value in the unit and decimals of the published figure it is compared with."""
    shown = (value / like.unit.factor).quantize(Decimal(1).scaleb(-like.decimals))
    return Amount(shown, like.unit).text()


def graded(
    rule: Rule,
    agreement: Agreement,
    message: str,
    message_en: str,
    locations: list[Location],
    expected: str | None,
    actual: str | None,
) -> Finding:
    """The one severity policy for figures that disagree: a difference the rounding rule explains is an
    info saying so (ROUNDING_NOTE), any other is the rule's own severity."""
    if agreement is Agreement.ROUNDING:
        zh, en = ROUNDING_NOTE
        return rule.finding(
            message + zh, message_en + en, locations, expected, actual, severity=Severity.INFO
        )
    return rule.finding(message, message_en, locations, expected, actual)


ROUNDING_NOTE = ("（差异在四舍五入范围内）", " (rounding only)")
CUT_OFF_NOTE = ("（疑为截尾取数，应四舍五入）", " (cut off rather than rounded, as GB/T 8170 requires)")


def percent_verdict(stated: Decimal, possible: Interval) -> tuple[tuple[str, str], Severity] | None:
    """A stated percentage that is not the recomputed one: info when some value the figures allow rounds to
    it, a warning when one cut off at its decimals gives it (off by less than a unit of its last digit:
    wrong by GB/T 8170, misleading no one); None when neither explains it (the rule's own severity)."""
    if possible.overlaps(percent_interval(stated)):
        return ROUNDING_NOTE, Severity.INFO
    if is_cut_off(stated, possible):
        return CUT_OFF_NOTE, Severity.WARNING
    return None
