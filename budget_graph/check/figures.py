"""Shared by the checks: a figure and its place, and the one severity policy for figures that disagree.

The identities of the tables are evaluated in check/evaluator.py; narrative figures, changes and
percentages are graded here by the same policy (`graded`, `percent_verdict`) with the same wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from budget_graph.check.rounding import Agreement, Interval, is_cut_off, percent_interval
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
        elif (cell := row.cells.get(meaning)) and not is_nothing(cell.text):
            return None
    return found


def is_nothing(text: str) -> bool:
    """Does a cell of this text say "nothing here" (blank or a dash)?"""
    return text.strip() in _NOTHING


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
