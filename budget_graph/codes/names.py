"""Comparing code names as officers read them: width, spaces and bracket shapes do not make a name differ."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans(
    {"[": "(", "]": ")", "【": "(", "】": ")", "〔": "(", "〕": ")", "“": '"', "”": '"'}
)


def normalise(name: str) -> str:
    """'维修(护)费 ' and '维修（护）费' are one name: NFKC folds width, spaces go, brackets become ()."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name)).translate(_BRACKETS)


def same_name(a: str, b: str) -> bool:
    return normalise(a) == normalise(b)
