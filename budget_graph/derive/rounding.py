"""The rounding rule of design.md: a figure with d decimals stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ].

A total disagrees with its parts only when its interval and the sum of the parts' intervals do not
overlap (XBRL Calculations 1.1, round-to-nearest). All arithmetic is in yuan, as Decimal.

The intervals are closed, as design.md fixes them: two publications of one figure that differ by one
unit of the last digit (326.71 and 326.72, one table summing rounded lines) are rounding, not an error.
One refinement from how the tables are printed: a printed zero is exact. The tables print 0.00 in every
empty cell, so 0.00 means nothing allocated; without this a row of ten empty columns would let a 0.05
slip pass as rounding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum

from budget_graph.model import Amount


class Agreement(Enum):
    EQUAL = "equal"
    ROUNDING = "rounding"  # differs, but rounding explains it: an info finding
    DIFFERENT = "different"  # an error a careful officer would confirm


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def of(cls, amount: Amount) -> Interval:
        spread = radius(amount)
        return cls(amount.yuan - spread, amount.yuan + spread)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


ZERO = Interval(Decimal(0), Decimal(0))


def radius(amount: Amount) -> Decimal:
    """How far (yuan) the value a printed figure stands for may lie from it: half its last digit; none
    for a printed zero, which is exact."""
    return Decimal(0) if amount.value == 0 else amount.half_step_yuan


def total_of(amounts: Iterable[Amount]) -> tuple[Decimal, Interval]:
    """The exact sum of the published values (yuan) and the sum of their intervals."""
    value, interval = Decimal(0), ZERO
    for amount in amounts:
        value += amount.yuan
        interval = interval + Interval.of(amount)
    return value, interval


def compare_sum(total: Amount, parts: Iterable[Amount], signs: Iterable[int] | None = None) -> Agreement:
    """Does `total` equal the (signed) sum of `parts` as published, up to rounding?"""
    parts = list(parts)
    signs = list(signs) if signs is not None else [1] * len(parts)
    value, interval = Decimal(0), ZERO
    for sign, part in zip(signs, parts, strict=True):
        value += sign * part.yuan
        interval = interval + Interval.of(part) if sign > 0 else interval - Interval.of(part)
    return _agreement(total.yuan, Interval.of(total), value, interval)


def compare(a: Amount, b: Amount) -> Agreement:
    """Two publications of the same figure (table against table)."""
    return _agreement(a.yuan, Interval.of(a), b.yuan, Interval.of(b))


def compare_restated(stated: Amount, source: Amount) -> Agreement:
    """A narrative figure against the table figure it restates.

    Equal when the table figure, converted to the narrative's unit and rounded to the narrative's
    decimals, is the stated figure; rounding when their intervals overlap; else different.
    """
    if restated(source, stated) == stated.value:
        return Agreement.EQUAL
    return compare(stated, source)


def restated(source: Amount, stated: Amount, rounding: str = ROUND_HALF_UP) -> Decimal:
    """The table figure `source` as the narrative's `stated` would print it: in its unit, rounded (or, with
    ROUND_DOWN, cut off) at its decimals."""
    return (source.yuan / stated.unit.factor).quantize(Decimal(1).scaleb(-stated.decimals), rounding=rounding)


def is_restated_cut_off(stated: Amount, source: Amount) -> bool:
    """Is the narrative's figure the table's cut off at its decimals rather than rounded (GB/T 8170)?"""
    return restated(source, stated, ROUND_DOWN) == stated.value


def _agreement(a: Decimal, a_interval: Interval, b: Decimal, b_interval: Interval) -> Agreement:
    if a == b:
        return Agreement.EQUAL
    return Agreement.ROUNDING if a_interval.overlaps(b_interval) else Agreement.DIFFERENT


def percent_interval(percent: Decimal) -> Interval:
    """The interval a printed percentage stands for, in percent."""
    radius = percent_half_step(percent)
    return Interval(percent - radius, percent + radius)


def percent_half_step(percent: Decimal) -> Decimal:
    """Half a unit of a printed percentage's last digit, in percent."""
    return Decimal(5).scaleb(-percent_decimals(percent) - 1)


def percent_decimals(percent: Decimal) -> int:
    exponent = percent.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def ratio_interval(part: Amount, base: Amount) -> Interval:
    """Every ratio in percent that the published figures allow (the base is positive)."""
    a, b = Interval.of(part), Interval.of(base)
    low = max(a.lo, Decimal(0)) / b.hi * 100
    return Interval(low, a.hi / b.lo * 100 if b.lo > 0 else Decimal("Infinity"))


def exact_percent(part: Amount, base: Amount) -> Decimal:
    return part.yuan / base.yuan * 100


def compare_percent(part: Amount, base: Amount, stated: Decimal) -> Agreement:
    """Is `stated` (a percentage with its printed decimals) part ÷ base? Equal when the exact ratio of the
    published figures lies in the percentage's interval; rounding when some ratio the figures' intervals
    allow does. The base must be positive."""
    allowed = percent_interval(stated)
    exact = exact_percent(part, base)
    if allowed.lo <= exact <= allowed.hi:
        return Agreement.EQUAL
    return Agreement.ROUNDING if ratio_interval(part, base).overlaps(allowed) else Agreement.DIFFERENT


def is_cut_off(stated: Decimal, possible: Interval) -> bool:
    """Would cutting a value the figures allow off at the stated decimals (rather than rounding it, as
    GB/T 8170 asks) give the stated percentage (96.678 → 96.67)?"""
    unit = Decimal(1).scaleb(-percent_decimals(stated))
    return stated <= possible.hi and possible.lo < stated + unit


def percent_text(value: Decimal, like: Decimal) -> str:
    """A computed percentage printed with the decimals of the stated one (at least two)."""
    decimals = max(2, percent_decimals(like))
    return f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)}%"


class Ratio(Enum):
    """How a stated percentage is recomputed from its two figures x and y: each formula is monotone in
    both, so the values their intervals allow lie between two corners."""

    SHARE = "share"  # x ÷ y: a share, or a completion rate (actual ÷ budget)
    GROWTH = "growth"  # (x − y) ÷ y: this year's x against a stated base y
    INCREASE = "increase"  # x ÷ (y − x): a stated increase x of this year's y (its base y − x)
    DECREASE = "decrease"  # −x ÷ (y + x): a stated decrease x of this year's y (its base y + x)


_RATIOS = {
    Ratio.SHARE: lambda x, y: x / y,
    Ratio.GROWTH: lambda x, y: (x - y) / y,
    Ratio.INCREASE: lambda x, y: x / (y - x),
    Ratio.DECREASE: lambda x, y: -x / (y + x),
}


def ratio_percent(ratio: Ratio, x: Amount, y: Amount) -> Decimal:
    """The percentage the printed figures give (signed, for a change)."""
    return _RATIOS[ratio](x.yuan, y.yuan) * 100


def ratio_range(ratio: Ratio, x: Amount, y: Amount) -> Interval:
    """Every magnitude in percent the figures' intervals allow (the base is positive)."""
    if ratio is Ratio.SHARE:
        return ratio_interval(x, y)
    a, b = Interval.of(x), Interval.of(y)
    corners = [_RATIOS[ratio](p, q) * 100 for p in (a.lo, a.hi) for q in (b.lo, b.hi)]
    lo, hi = min(corners), max(corners)
    return Interval(Decimal(0) if lo <= 0 <= hi else min(abs(lo), abs(hi)), max(abs(lo), abs(hi)))


def compare_ratio(ratio: Ratio, x: Amount, y: Amount, stated: Decimal) -> Agreement:
    """Is the stated percentage (a magnitude, at its printed decimals) the one the figures give? A share
    is equal when its exact value lies in the stated one's closed interval (compare_percent); a change's
    when it rounds half up to it (the stated one's interval, open at the top), as BG-Y001 has always held
    them. Rounding when some value the figures' intervals allow lies in that interval."""
    if ratio is Ratio.SHARE:
        return compare_percent(x, y, stated)
    value = abs(ratio_percent(ratio, x, y))
    if value.quantize(Decimal(1).scaleb(-percent_decimals(stated)), ROUND_HALF_UP) == stated:
        return Agreement.EQUAL
    rounding = ratio_range(ratio, x, y).overlaps(percent_interval(stated))
    return Agreement.ROUNDING if rounding else Agreement.DIFFERENT
