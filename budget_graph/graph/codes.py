"""Classification codes as printed: which scheme a table's codes belong to, their level and parent.

Functional codes (支出功能分类) have 3, 5 or 7 digits (类/款/项) and economic codes (支出经济分类) 3 or 5
(类/款); a code's parent is its prefix. Procurement categories (政府采购品目) are a letter and eight digits
whose parent drops the last non-zero pair (C16079900 → C16070000 → C16000000 → C).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_graph.model import TableKind

FUNCTIONAL = "functional"
ECONOMIC = "economic"
PROCUREMENT = "procurement"

# tables whose coded rows are named by their project, not by their code: the name says nothing of the code
PROJECT_NAMED = frozenset({TableKind.ProjectExpenditureSummary, TableKind.SpecialTransfers})
_ECONOMIC_TABLES = {TableKind.GeneralBudgetByEconomicClass, TableKind.BasicExpenditureSummary}
_LEVEL_DIGITS = {FUNCTIONAL: (3, 5, 7), ECONOMIC: (3, 5)}
_PROCUREMENT = re.compile(r"^[A-Z](\d{2})*$")


@dataclass(frozen=True)
class Code:
    scheme: str
    notation: str

    @property
    def level(self) -> int | None:
        """1, 2, 3 for 类/款/项 (or the depth of a procurement category); None when malformed."""
        if self.scheme == PROCUREMENT:
            return len(_pairs(self.notation)) + 1 if _PROCUREMENT.match(self.notation) else None
        digits = _LEVEL_DIGITS[self.scheme]
        if self.notation.isdigit() and len(self.notation) in digits:
            return digits.index(len(self.notation)) + 1
        return None

    @property
    def parent(self) -> Code | None:
        """The code one level up (its prefix), or None at the top or when malformed."""
        level = self.level
        if level is None or level == 1:
            return None
        if self.scheme == PROCUREMENT:
            pairs = _pairs(self.notation)[:-1]
            notation = self.notation[0] + "".join(pairs).ljust(8, "0") if pairs else self.notation[0]
            return Code(PROCUREMENT, notation)
        return Code(self.scheme, self.notation[: _LEVEL_DIGITS[self.scheme][level - 2]])


def scheme_of(kind: TableKind | None) -> str:
    if kind is TableKind.Procurement:
        return PROCUREMENT
    return ECONOMIC if kind in _ECONOMIC_TABLES else FUNCTIONAL


def _pairs(notation: str) -> list[str]:
    """The significant digit pairs of a procurement code: C16079900 → ['16', '07', '99']."""
    digits = notation[1:]
    pairs = [digits[i : i + 2] for i in range(0, len(digits), 2)]
    while pairs and pairs[-1] == "00":
        pairs.pop()
    return pairs
