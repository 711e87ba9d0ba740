"""Published figures: a Decimal value with the decimals it was printed with, and its unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache


class Unit(Enum):
    """Unit of a published amount; the value is how many yuan one unit stands for."""

    YUAN = "元"
    WAN = "万元"
    YI = "亿元"

    @property
    def factor(self) -> Decimal:
        return _FACTORS[self]

    @classmethod
    def from_text(cls, text: str) -> Unit | None:
        """The unit named in '单位：万元', '（万元）', '万元' …; None when no unit is named."""
        for unit in (cls.YI, cls.WAN, cls.YUAN):
            if unit.value in text:
                return unit
        return None


_FACTORS = {Unit.YUAN: Decimal(1), Unit.WAN: Decimal(10_000), Unit.YI: Decimal(100_000_000)}


@dataclass(frozen=True)
class Amount:
    """A figure as published. `value` keeps the printed exponent, so `decimals` is exact."""

    value: Decimal
    unit: Unit

    @property
    def decimals(self) -> int:
        exponent = self.value.as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0

    @property
    def yuan(self) -> Decimal:
        return self.value * self.unit.factor

    @property
    def half_step_yuan(self) -> Decimal:
        """Half of the last printed digit, in yuan: the rounding radius of the figure."""
        return Decimal(5).scaleb(-self.decimals - 1) * self.unit.factor

    def text(self) -> str:
        """The figure with thousands separators and its printed decimals, e.g. '33,654.29万元'."""
        return f"{self.value:,.{self.decimals}f}{self.unit.value}"


# ASCII digits (full-width ones are folded to them): another script's ('٣٤٥') is a font's broken map
_NUMBER = re.compile(r"^[-−–]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-−–]?\d+(\.\d+)?$", re.ASCII)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
# a spreadsheet's currency format prints the yuan sign before the figure ('¥1,234.00', '-¥12.00')
_CURRENCY = re.compile(r"^([-−–]?)[¥￥](?=[-−–]?\d)")


# a filing prints the same figures ('0.00') in cell after cell, and an Amount never changes: each parsed once
@lru_cache(maxsize=8192)
def parse_amount(text: str, unit: Unit) -> Amount | None:
    """'33,654.29' → Amount; None when the text is not a plain number (blank, '-', words)."""
    cleaned = _CURRENCY.sub(r"\1", text.translate(_FULLWIDTH).replace(" ", "").replace("\u3000", ""))
    if not cleaned or not _NUMBER.match(cleaned):
        return None
    cleaned = cleaned.replace(",", "").replace("−", "-").replace("–", "-")
    if len(cleaned.lstrip("-").split(".")[0].lstrip("0")) > MOST_DIGITS:
        return None
    try:
        return Amount(Decimal(cleaned), unit)
    except InvalidOperation:
        return None


# no budget prints a figure of more whole digits (the national budget is some 3×10¹³ yuan); a longer run
# is no amount, and sums of it would outrun Decimal's 28 digits (an internal error when it is quoted)
MOST_DIGITS = 15


# What a table prints in a figure's place for "nothing here": a blank, a dash or a slash (a spreadsheet's
# accounting format prints 0 as '-'). Such a cell holds no figure; it is not a word either.
_NOTHING = frozenset({"", "-", "--", "—", "——", "－", "－－", "–", "―", "/", "／"})


# A figure as tables print amounts, grouped or with decimals: not a code ('2010101') nor an item number.
_PRINTED_FIGURE = re.compile(r"^[-−]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-−]?\d+\.\d+$")


def printed_as_figure(text: str) -> bool:
    """'1,029.15' or '0.00', not '201' or '2010101'."""
    return bool(_PRINTED_FIGURE.match(text.strip()))


def prints_nothing(text: str) -> bool:
    """Does the cell print no figure: blank, '-', '—', '/' …?"""
    return text.strip() in _NOTHING


def is_number(text: str) -> bool:
    """Is the cell a plain figure ('1,440.36', '0.00', '-0.10')?"""
    return parse_amount(text, Unit.YUAN) is not None


# digits, points, commas and signs only, yet no figure ('+5', '1.2.3', '12.5-', '.', '-.')
_FIGURE_SIGNS = re.compile(r"^[-−–+]*[\d.,，．]*[\d.．][\d.,，．]*[-−–+]*$")


_CHINESE = re.compile(r"[\u3400-\u9fff]")
_CODE = re.compile(r"^(?:[ABC]\d*|\d+)$")  # '201', 'A0201', 'B': a code printed beside the figures


# the digits and the units (hundreds and up) of numbers written in Chinese, plain and formal
NUMERAL_DIGITS, NUMERAL_UNITS = "零〇一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾", "百千万亿佰仟"
# a number in Chinese numerals ('一百', '壹佰'): no label nor code (one character is an item's number)
_NUMERALS = re.compile(f"^[{NUMERAL_DIGITS}{NUMERAL_UNITS}]{{2,}}$")


def garbled_amount(text: str) -> bool:
    """Is the cell, where a figure may stand, a figure garbled: digits and signs that are no figure
    ('1,2,3', '+5', '.'), a number in Chinese numerals ('一百'), or what no label nor code of a Chinese
    table is, letters and signs without a Chinese character ('NaN', '#VALUE!', '0x1F', '½')? A blank,
    dash, ellipsis or figure is not."""
    cleaned = text.strip()
    if prints_nothing(cleaned) or is_number(cleaned) or elided(cleaned):
        return False
    if _FIGURE_SIGNS.match(cleaned) or _NUMERALS.match(cleaned):
        return True
    return not (_CHINESE.search(cleaned) or _CODE.match(cleaned))


# '...', '…': a form's row of "and so on" (the Shanghai templates print one under the lines to fill in)
_ELLIPSIS = re.compile(r"^(?:[.．。·…⋯]{2,}|[…⋯])$")


def elided(text: str) -> bool:
    """Is the cell an ellipsis ('...', '……')?"""
    return bool(_ELLIPSIS.match(text.strip()))


def parse_percent(text: str) -> Decimal | None:
    """'48.5%' or '48.5' → Decimal('48.5') keeping its printed decimals."""
    cleaned = text.translate(_FULLWIDTH).strip().rstrip("%％").strip()
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None
