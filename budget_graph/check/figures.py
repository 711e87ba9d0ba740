"""Shared arithmetic for the table checks: a figure's place, and one finding per broken identity.

Every identity is checked by the rounding rule (check/rounding.py): exact → nothing, explained by
rounding → an info finding that says so, otherwise the rule's own severity. Each finding lists
every figure involved with its place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from budget_graph.check.rounding import (
    Agreement,
    Interval,
    compare,
    compare_sum,
    is_cut_off,
    percent_interval,
)
from budget_graph.check.rules import Finding, Rule, Severity
from budget_graph.model import Amount, Location, Row, Table


@dataclass(frozen=True)
class Figure:
    """One published amount and where it stands."""

    amount: Amount
    location: Location
    name: str  # how messages name it, e.g. '表三 201 一般公共服务支出 / 基本支出'

    @classmethod
    def of(cls, table: Table, row: Row, meaning: str) -> Figure | None:
        amount = row.amount(meaning)
        if amount is None:
            return None
        location = table.cell_location(row, meaning)
        return cls(amount, location, f"{table.title} {location.row or row.label} / {location.column}")


_NOTHING = {"", "-", "—", "–", "－", "/"}  # how a cell says "nothing here"


def figures_of(table: Table, cells: Iterable[tuple[Row, str]]) -> list[Figure] | None:
    """The figures of these (row, column meaning) cells; a blank or dash cell stands for nothing and is
    left out. None when a cell holds text that is not a figure: nothing can be checked with it."""
    found = []
    for row, meaning in cells:
        figure = Figure.of(table, row, meaning)
        if figure:
            found.append(figure)
        elif (cell := row.cells.get(meaning)) and cell.text.strip() not in _NOTHING:
            return None
    return found


def adds_up_exactly(
    total: tuple[Row, str], parts: list[tuple[Row, str]], signs: list[int] | None = None
) -> bool:
    """Do these cells add up to the total cell to the last digit? The common case, decided without building
    any figure or place; blank cells count as nothing. False when a figure is missing or unreadable."""
    row, meaning = total
    amount = row.amount(meaning)
    if amount is None:
        return False
    value = Decimal(0)
    for sign, (part, part_meaning) in zip(signs or [1] * len(parts), parts, strict=True):
        found = part.amount(part_meaning)
        if found is not None:
            value += sign * (found.value if found.unit is amount.unit else found.yuan / amount.unit.factor)
        elif (cell := part.cells.get(part_meaning)) and cell.text.strip() not in _NOTHING:
            return False
    return value == amount.value


def yuan_text(value: Decimal, like: Amount) -> str:
    """A computed value in the unit and decimals of the published figure it is compared with."""
    shown = (value / like.unit.factor).quantize(Decimal(1).scaleb(-like.decimals))
    return Amount(shown, like.unit).text()


def check_sum(
    rule: Rule, total: Figure, parts: list[Figure], what: str, what_en: str, signs: list[int] | None = None
) -> Finding | None:
    """total = Σ parts (signed), as published, under the rounding rule (a printed zero is exact)."""
    signs = signs or [1] * len(parts)
    agreement = compare_sum(total.amount, [p.amount for p in parts], signs)
    if agreement is Agreement.EQUAL:
        return None
    value = sum((s * p.amount.yuan for s, p in zip(signs, parts, strict=True)), Decimal(0))
    expected, actual = yuan_text(value, total.amount), total.amount.text()
    return _finding(
        rule,
        agreement,
        f"{what}：合计 {actual}，各项之和 {expected}",
        f"{what_en}: total {actual}, parts sum to {expected}",
        [total, *parts],
        expected,
        actual,
    )


def check_cells(
    rule: Rule,
    table: Table,
    total: tuple[Row, str],
    parts: list[tuple[Row, str]],
    what: str,
    what_en: str,
    signs: list[int] | None = None,
) -> Finding | None:
    """check_sum on (row, column meaning) cells of one table; a blank part counts as nothing, and nothing is
    checked when the total is blank or a part unreadable. Callers that check many cells test
    adds_up_exactly first, so places and messages are only built for the few that disagree."""
    figure = Figure.of(table, *total)
    kept: list[tuple[int, Figure]] = []
    for sign, cell in zip(signs or [1] * len(parts), parts, strict=True):
        found = figures_of(table, [cell])
        if found is None:
            return None
        kept += [(sign, f) for f in found]
    if figure is None:
        return None
    return check_sum(rule, figure, [f for _, f in kept], what, what_en, [s for s, _ in kept])


def check_equal(rule: Rule, a: Figure, b: Figure, what: str, what_en: str) -> Finding | None:
    """Two publications of one figure must agree."""
    agreement = compare(a.amount, b.amount)
    if agreement is Agreement.EQUAL:
        return None
    expected, actual = b.amount.text(), a.amount.text()
    return _finding(
        rule,
        agreement,
        f"{what}：{a.name} 为 {actual}，{b.name} 为 {expected}",
        f"{what_en}: {actual} against {expected}",
        [a, b],
        expected,
        actual,
    )


def check_at_most(rule: Rule, part: Figure, whole: Figure, what: str, what_en: str) -> Finding | None:
    """part ≤ whole (a 其中 figure against the figure it is part of), under the rounding rule."""
    if part.amount.yuan <= whole.amount.yuan:
        return None
    beyond = Interval.of(part.amount).lo > Interval.of(whole.amount).hi
    expected, actual = f"≤ {whole.amount.text()}", part.amount.text()
    return _finding(
        rule,
        Agreement.DIFFERENT if beyond else Agreement.ROUNDING,
        f"{what}：{part.name} 为 {actual}，超过 {whole.name} {whole.amount.text()}",
        f"{what_en}: {actual} exceeds {whole.amount.text()}",
        [part, whole],
        expected,
        actual,
    )


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


def _finding(
    rule: Rule,
    agreement: Agreement,
    message: str,
    message_en: str,
    figures: list[Figure],
    expected: str,
    actual: str,
) -> Finding:
    return graded(rule, agreement, message, message_en, [f.location for f in figures], expected, actual)


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
