"""The one evaluator of the tables' identities: a total against its signed parts, = or ≤.

Every identity a table check holds the filing to — a roll-up, a row or column identity, the same money in
two tables — is an `Identity` record, and `evaluate` is the one place it is judged: by the rounding rule
(check/rounding.py: exact → nothing, explained by rounding → an info finding that says so, otherwise the
rule's own severity, figures.graded) and worded by its form. Each finding lists every figure involved
with its place.

Within `recording()`, each identity evaluated is kept with its verdict and finding, so that `export`
can write every checked identity into the graph (report/identities.py); `recording(every=False)` keeps
only those that fail (what `load` stores). Recording changes no finding: recording every identity only
turns off the shortcuts that settle an exact identity without building its figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from budget_graph.check.figures import Figure, figures_of, graded, is_nothing, yuan_text
from budget_graph.check.rounding import Agreement, Interval, compare, compare_sum
from budget_graph.check.rules import Finding, Rule
from budget_graph.model import Row, Table


class Relation(Enum):
    EQUAL = "="  # the total equals the signed sum of its parts
    AT_MOST = "≤"  # the parts add up to no more than the total


class Form(Enum):
    """How an identity is worded in its finding."""

    SUM = "sum"  # a total against the sum of its parts
    SAME = "same"  # two publications of one figure (the total is the one under review, its part the other)
    PART = "part"  # a part against the whole it is part of (the total is the whole)


@dataclass(frozen=True)
class Identity:
    """total = Σ sign·part (or Σ sign·part ≤ total), of rule `rule`, described as `what` / `what_en`."""

    rule: Rule
    form: Form
    total: Figure
    parts: tuple[Figure, ...]
    signs: tuple[int, ...]
    what: str
    what_en: str

    @property
    def relation(self) -> Relation:
        return Relation.AT_MOST if self.form is Form.PART else Relation.EQUAL


@dataclass(frozen=True)
class Evaluated:
    """An identity as evaluated: its verdict and, unless it holds, its finding."""

    identity: Identity
    agreement: Agreement
    finding: Finding | None


@dataclass
class _Recording:
    every: bool  # False: only the identities that fail
    kept: list[Evaluated]


_RECORD: ContextVar[_Recording | None] = ContextVar("identities", default=None)


@contextmanager
def recording(every: bool = True) -> Iterator[list[Evaluated]]:
    """Keep the identities evaluated inside the block, in order: every one, or only those that fail."""
    kept: list[Evaluated] = []
    token = _RECORD.set(_Recording(every, kept))
    try:
        yield kept
    finally:
        _RECORD.reset(token)


def is_recording() -> bool:
    """Must every identity be evaluated, even one a shortcut would settle as exact?"""
    current = _RECORD.get()
    return current is not None and current.every


def evaluate(identity: Identity) -> Finding | None:
    """The identity's finding: None when it holds; graded by the rounding rule when it does not."""
    agreement = verdict(identity)
    finding = None if agreement is Agreement.EQUAL else _finding(identity, agreement)
    current = _RECORD.get()
    if current is not None and (current.every or finding):
        current.kept.append(Evaluated(identity, agreement, finding))
    return finding


def verdict(identity: Identity) -> Agreement:
    """EQUAL when the identity holds as published; ROUNDING when the figures' intervals allow it;
    DIFFERENT otherwise."""
    total = identity.total.amount
    if identity.form is Form.SAME:
        return compare(total, identity.parts[0].amount)
    if identity.form is Form.SUM:
        return compare_sum(total, [p.amount for p in identity.parts], identity.signs)
    (part,) = identity.parts
    if part.amount.yuan <= total.yuan:
        return Agreement.EQUAL
    beyond = Interval.of(part.amount).lo > Interval.of(total).hi
    return Agreement.DIFFERENT if beyond else Agreement.ROUNDING


def _finding(identity: Identity, agreement: Agreement) -> Finding:
    total, parts, what, what_en = identity.total, identity.parts, identity.what, identity.what_en
    if identity.form is Form.SUM:
        signed = zip(identity.signs, parts, strict=True)
        value = sum((s * p.amount.yuan for s, p in signed), Decimal(0))
        expected, actual = yuan_text(value, total.amount), total.amount.text()
        message = f"{what}：合计 {actual}，各项之和 {expected}"
        message_en = f"{what_en}: total {actual}, parts sum to {expected}"
        figures = [total, *parts]
    elif identity.form is Form.SAME:
        (other,) = parts
        expected, actual = other.amount.text(), total.amount.text()
        message = f"{what}：{total.name} 为 {actual}，{other.name} 为 {expected}"
        message_en = f"{what_en}: {actual} against {expected}"
        figures = [total, other]
    else:
        (part,) = parts
        expected, actual = f"≤ {total.amount.text()}", part.amount.text()
        message = f"{what}：{part.name} 为 {actual}，超过 {total.name} {total.amount.text()}"
        message_en = f"{what_en}: {actual} exceeds {total.amount.text()}"
        figures = [part, total]
    locations = [f.location for f in figures]
    return graded(identity.rule, agreement, message, message_en, locations, expected, actual)


# -- the identities as the checks state them ---------------------------------------------------------


def check_sum(
    rule: Rule, total: Figure, parts: list[Figure], what: str, what_en: str, signs: list[int] | None = None
) -> Finding | None:
    """total = Σ parts (signed), as published, under the rounding rule (a printed zero is exact)."""
    signs = signs or [1] * len(parts)
    return evaluate(Identity(rule, Form.SUM, total, tuple(parts), tuple(signs), what, what_en))


def check_equal(rule: Rule, a: Figure, b: Figure, what: str, what_en: str) -> Finding | None:
    """Two publications of one figure must agree (`a` is the one reported as actual)."""
    return evaluate(Identity(rule, Form.SAME, a, (b,), (1,), what, what_en))


def check_at_most(rule: Rule, part: Figure, whole: Figure, what: str, what_en: str) -> Finding | None:
    """part ≤ whole (a 其中 figure against the figure it is part of), under the rounding rule."""
    return evaluate(Identity(rule, Form.PART, whole, (part,), (1,), what, what_en))


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


def adds_up_exactly(
    total: tuple[Row, str], parts: list[tuple[Row, str]], signs: list[int] | None = None
) -> bool:
    """Do these cells add up to the total cell to the last digit? The common case, decided without building
    any figure or place; blank cells count as nothing. False when a figure is missing or unreadable, and
    while recording (every identity is then evaluated)."""
    row, meaning = total
    amount = row.amount(meaning)
    if amount is None or is_recording():
        return False
    value = Decimal(0)
    for sign, (part, part_meaning) in zip(signs or [1] * len(parts), parts, strict=True):
        found = part.amount(part_meaning)
        if found is not None:
            value += sign * (found.value if found.unit is amount.unit else found.yuan / amount.unit.factor)
        elif (cell := part.cells.get(part_meaning)) and not is_nothing(cell.text):
            return False
    return value == amount.value
