"""Shared by the checks: the one severity policy for figures that disagree, and its one wording.

The identities — the tables', the narrative's restatements of them, its changes against the 三公 table,
its stated percentages — are judged by check/evaluator.py, which grades them here; the percentages' checks
(their own wording) and the cross-filing comparisons grade by the same policy (`policy`: rounding only →
info, cut off rather than rounded → warning, otherwise the rule's severity; `graded`, `percent_verdict`)
with the same notes. A figure and its place is
the derive stage's (derive/identity.Figure).
"""

from __future__ import annotations

from decimal import Decimal

from budget_graph.check.rules import Finding, Rule, Severity
from budget_graph.derive.rounding import Agreement, Interval, is_cut_off
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
    cut_off: bool = False,
) -> Finding:
    """A finding of figures that disagree, graded by the one severity policy (`policy`) and worded with
    its note."""
    (note, note_en), severity = policy(agreement, cut_off)
    return rule.finding(message + note, message_en + note_en, locations, expected, actual, severity=severity)


def policy(agreement: Agreement, cut_off: bool = False) -> tuple[tuple[str, str], Severity | None]:
    """The one severity policy for figures that disagree, and its one wording: a difference the rounding
    rule explains is an info that says so (ROUNDING_NOTE); a figure cut off at its decimals rather than
    rounded (`cut_off`: off by less than a unit of its last digit; wrong by GB/T 8170, misleading no one)
    is a warning that says so (CUT_OFF_NOTE); any other difference is the rule's own severity (None), with
    no note."""
    if agreement is Agreement.ROUNDING:
        return ROUNDING_NOTE, Severity.INFO
    if agreement is Agreement.DIFFERENT and cut_off:
        return CUT_OFF_NOTE, Severity.WARNING
    return ("", ""), None


ROUNDING_NOTE = ("（差异在四舍五入范围内）", " (rounding only)")
CUT_OFF_NOTE = ("（疑为截尾取数，应四舍五入）", " (cut off rather than rounded, as GB/T 8170 requires)")


def percent_verdict(
    agreement: Agreement, stated: Decimal, possible: Interval
) -> tuple[tuple[str, str], Severity] | None:
    """A stated percentage the evaluator found not to be the recomputed one (`agreement`), by the one
    policy: info when some value the figures allow (`possible`) rounds to it, a warning when one cut off
    at its decimals gives it; None when neither explains it (the rule's own severity)."""
    note, severity = policy(agreement, is_cut_off(stated, possible))
    return (note, severity) if severity else None
