"""An identity as a record, and the figures it is made of.

An `Identity` is a total against the signed sum of its parts (=), or a part against the whole it is part
of (≤), of one rule (named by its id: the check stage owns the rule's record and severity), described by
what it compares. The derive step states them; check/evaluator.py judges them.

Most identities hold to the last digit. Unless every identity is wanted (`every_identity`, while the check
stage records them for export), one whose printed cells add up exactly is settled here (`adds_up_exactly`)
and no record, figure or place is built for it: the common case stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from budget_graph.derive.rounding import Ratio
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
        named = " ".join(
            filter(None, (table.title, (location.row or row.label).strip()))
        )  # a lone row has no name
        return cls(amount, location, f"{named} / {location.column}")


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


class Relation(Enum):
    EQUAL = "="  # the total equals the signed sum of its parts
    AT_MOST = "≤"  # the parts add up to no more than the total
    RESTATES = "≈"  # the total is its one part, converted to the total's unit and rounded to its decimals
    PERCENT = "≈%"  # a stated percentage is the one its two figures give, within its half-step


class Form(Enum):
    """How an identity is worded in its finding (a restatement, `Identity.restated`, may be worded as SAME
    or RESTATED)."""

    SUM = "sum"  # a total against the sum of its parts
    SAME = "same"  # two publications of one figure (the total is the one under review, its part the other)
    PART = "part"  # a part against the whole it is part of (the total is the whole)
    RESTATED = "restated"  # a narrative's figure (the total) restating a table's (its part)
    CHANGE = "change"  # a change the narrative states (the total, named as said) against a table's two years
    PERCENT = "percent"  # a stated percentage against its figures x (the total) and y (the one part)


@dataclass(frozen=True)
class Identity:
    """total = Σ sign·part (or Σ sign·part ≤ total), of rule `rule` (its id), described as `what` / `what_en`.

    `unless`: the same sum without the rows of figures that have neither code nor name (BG-C005), where the
    structure does not say they are lines: they count only where the sum shows they are (check/rollups.py
    takes it when the identity fails beyond rounding and it does not). `others`: for a restatement, the
    other figures the statement may have meant (none of them agrees either), named in its finding;
    `places`: further places its finding rests on. `restated`: the total is a narrative's figure that
    restates its one part, a table's (relation ≈): it holds when the table's figure, converted to the
    narrative's unit and rounded to its decimals, is it. `percent`, `ratio`: a stated percentage (a
    magnitude) that is `ratio` of the total (x) and its one part (y); its check words its finding."""

    rule: str
    form: Form
    total: Figure
    parts: tuple[Figure, ...]
    signs: tuple[int, ...]
    what: str
    what_en: str
    unless: Identity | None = field(default=None, compare=False)
    others: tuple[Figure, ...] = ()
    places: tuple[Location, ...] = ()
    restated: bool = False
    percent: Decimal | None = None
    ratio: Ratio | None = None

    @property
    def is_restatement(self) -> bool:
        """Is the total a narrative's figure restating its part (worded as RESTATED, or as SAME)?"""
        return self.restated or self.form is Form.RESTATED

    @property
    def relation(self) -> Relation:
        if self.form is Form.PART:
            return Relation.AT_MOST
        if self.form is Form.PERCENT:
            return Relation.PERCENT
        return Relation.RESTATES if self.is_restatement else Relation.EQUAL


def sum_of(
    rule: str,
    total: Figure,
    parts: list[Figure],
    what: str,
    what_en: str,
    signs: list[int] | None = None,
    places: Iterable[Location] = (),
) -> Identity:
    """total = Σ parts (signed); `places`: where parts were looked for and stood blank."""
    signed = tuple(signs or [1] * len(parts))
    return Identity(rule, Form.SUM, total, tuple(parts), signed, what, what_en, places=tuple(places))


def same(rule: str, a: Figure, b: Figure, what: str, what_en: str, restated: bool = False) -> Identity:
    """Two publications of one figure (`a` is the one reported as actual); `restated`: `a` is a narrative's
    figure restating the table's `b` (see Identity)."""
    return Identity(rule, Form.SAME, a, (b,), (1,), what, what_en, restated=restated)


def at_most(rule: str, part: Figure, whole: Figure, what: str, what_en: str) -> Identity:
    """part ≤ whole (a 其中 figure against the figure it is part of)."""
    return Identity(rule, Form.PART, whole, (part,), (1,), what, what_en)


def restates(
    rule: str,
    stated: Figure,
    source: Figure,
    what: str,
    what_en: str,
    others: Iterable[Figure] = (),
    places: Iterable[Location] = (),
) -> Identity:
    """A narrative's figure restating a table's: equal when the table's, in the narrative's unit and at its
    decimals, is the stated one (derive/rounding.compare_restated)."""
    return Identity(
        rule,
        Form.RESTATED,
        stated,
        (source,),
        (1,),
        what,
        what_en,
        others=tuple(others),
        places=tuple(places),
    )


def percentage(
    rule: str, stated: Decimal, ratio: Ratio, x: Figure, y: Figure, what: str, what_en: str
) -> Identity:
    """A stated percentage (its magnitude) that is `ratio` of x and y (derive/rounding.Ratio)."""
    return Identity(rule, Form.PERCENT, x, (y,), (1,), what, what_en, percent=stated, ratio=ratio)


def change(rule: str, stated: Figure, now: Figure, before: Figure, subject: str, subject_en: str) -> Identity:
    """A change the narrative states (signed; its name is what the narrative says, 减少0.20万元) = this
    year's figure − last year's."""
    return Identity(rule, Form.CHANGE, stated, (now, before), (1, -1), subject, subject_en)


def cells_sum(
    rule: str,
    table: Table,
    total: tuple[Row, str],
    parts: list[tuple[Row, str]],
    what: str,
    what_en: str,
    signs: list[int] | None = None,
) -> Identity | None:
    """sum_of on (row, column meaning) cells of one table; a blank part counts as nothing, and there is no
    identity when the total is blank or a part unreadable."""
    figure = Figure.of(table, *total)
    kept: list[tuple[int, Figure]] = []
    for sign, cell in zip(signs or [1] * len(parts), parts, strict=True):
        found = figures_of(table, [cell])
        if found is None:
            return None
        kept += [(sign, f) for f in found]
    if figure is None:
        return None
    return sum_of(rule, figure, [f for _, f in kept], what, what_en, [s for s, _ in kept])


_EVERY: ContextVar[bool] = ContextVar("every_identity", default=False)


@contextmanager
def every_identity() -> Iterator[None]:
    """Inside the block, no identity is settled before it is stated: every one is a record."""
    token = _EVERY.set(True)
    try:
        yield
    finally:
        _EVERY.reset(token)


def is_every() -> bool:
    """Must every identity be stated, even one a shortcut would settle as exact?"""
    return _EVERY.get()


def adds_up_exactly(
    total: tuple[Row, str], parts: list[tuple[Row, str]], signs: list[int] | None = None
) -> bool:
    """Do these cells add up to the total cell to the last digit? The common case, decided without building
    any figure or place; blank cells count as nothing. False when a figure is missing or unreadable, and
    while every identity is wanted."""
    row, meaning = total
    amount = row.amount(meaning)
    if amount is None or is_every():
        return False
    value = Decimal(0)
    for sign, (part, part_meaning) in zip(signs or [1] * len(parts), parts, strict=True):
        found = part.amount(part_meaning)
        if found is not None:
            value += sign * (found.value if found.unit is amount.unit else found.yuan / amount.unit.factor)
        elif (cell := part.cells.get(part_meaning)) and not is_nothing(cell.text):
            return False
    return value == amount.value
