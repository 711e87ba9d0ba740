"""Comparing code names as officers read them: width, spaces and bracket shapes do not make a name differ."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans(
    {"[": "(", "]": ")", "【": "(", "】": ")", "〔": "(", "〕": ")", "“": '"', "”": '"'}
)


@lru_cache(maxsize=16384)  # the checks compare the same few hundred names again and again
def normalise(name: str) -> str:
    """'维修(护)费 ' and '维修（护）费' are one name: NFKC folds width, spaces go, brackets become ()."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name)).translate(_BRACKETS)


def same_name(a: str, b: str) -> bool:
    return normalise(a) == normalise(b)


_BRACKETED = re.compile(r"\([^)]*\)")
_AFFIXES = re.compile(r"^其他|(支出|经费|费用|费)$")


@lru_cache(maxsize=16384)
def core(name: str) -> str:
    """What a name names, without what officers drop or add: bracketed words, 其他…, …支出/经费/费用/费."""
    return _AFFIXES.sub("", _BRACKETED.sub("", normalise(name)))


def name_fits(printed: str, names: list[str]) -> bool:
    """Does a printed name say the same as one of a code's names (any edition), allowing the usual
    abbreviations (维修费 for 维修（护）费, 对个人和家庭的补助 for …补助支出)? No name contradicts nothing."""
    mine = core(printed)
    return not mine or any(mine in theirs or theirs in mine for theirs in map(core, names))
