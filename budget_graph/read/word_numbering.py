"""The numbers Word sets before numbered paragraphs: a heading's `第一部分`, `一、` or `（二）`, an item's `1.`.

Word keeps them out of the text: a paragraph names a list (w:numPr: numId, ilvl) and the list's level
gives the number's form (word/numbering.xml: w:lvlText '第%1部分' with w:numFmt 'chineseCounting').
The reader counts each list's paragraphs as Word does, a level's count starting again under a new
item of the level above, and writes the number into the text as a filing printed from it shows it.
Bullets carry no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_LEVEL_MARK = re.compile(r"%([1-9])")
_NO_SPACE_AFTER = ("、", ".", "．", ")", "）")  # a number so ending is followed by its text at once
_LEVELS = 9


@dataclass(frozen=True)
class _Level:
    start: int
    form: str  # w:numFmt: decimal, chineseCounting, bullet …
    text: str  # w:lvlText: '第%1部分', '%1、', '（%1）', '%1.%2'


@dataclass
class Numbering:
    """Each list's levels (by w:num's numId), and the counts so far as the document is read in order."""

    lists: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counts: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, numbering: etree._Element | None) -> Numbering:
        if numbering is None:
            return cls()
        abstract = {
            node.get(f"{_W}abstractNumId", ""): _levels(node) for node in numbering.iter(f"{_W}abstractNum")
        }
        lists = {}
        for node in numbering.iter(f"{_W}num"):
            levels = dict(abstract.get(_val(node.find(f"{_W}abstractNumId")), {}))
            for override in node.iter(f"{_W}lvlOverride"):
                level, start = (
                    _int(override.get(f"{_W}ilvl")),
                    _int(_val(override.find(f"{_W}startOverride"))),
                )
                if level is not None and start is not None and level in levels:
                    levels[level] = _Level(start, levels[level].form, levels[level].text)
            lists[node.get(f"{_W}numId", "")] = levels
        return cls(lists)

    def label(self, list_id: str, level: int) -> str:
        """The next number of the list at that level, as printed ('第三部分 ', '二、', '1.'): '' for a
        bullet, a list the document does not define, or a level it does not."""
        levels = self.lists.get(list_id, {})
        if level not in levels or levels[level].form in {"bullet", "none"}:
            return ""
        counts = self.counts.setdefault(list_id, [None] * _LEVELS)
        counts[level] = levels[level].start if counts[level] is None else counts[level] + 1
        counts[level + 1 :] = [None] * (_LEVELS - level - 1)  # the levels below start again

        def number(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            shown = levels.get(at)
            count = counts[at] if counts[at] is not None else (shown.start if shown else 1)
            return _formatted(count, shown.form if shown else "decimal")

        text = _LEVEL_MARK.sub(number, levels[level].text)
        return text if not text or text.endswith(_NO_SPACE_AFTER) else text + " "


def _levels(abstract: etree._Element) -> dict[int, _Level]:
    levels = {}
    for node in abstract.iter(f"{_W}lvl"):
        level = _int(node.get(f"{_W}ilvl"))
        if level is not None and level < _LEVELS:
            start = _int(_val(node.find(f"{_W}start")))
            levels[level] = _Level(
                start if start is not None else 1,
                _val(node.find(f"{_W}numFmt")) or "decimal",
                _val(node.find(f"{_W}lvlText")),
            )
    return levels


def _formatted(count: int, form: str) -> str:
    if form in {
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    }:
        return _chinese(count)
    if form == "ideographDigital":  # 〇一二 digit by digit
        return "".join(_DIGITS[int(digit)] for digit in str(count))
    if form == "ideographTraditional" and 1 <= count <= len(_STEMS):
        return _STEMS[count - 1]
    if form == "decimalFullWidth":
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(count))
    if form == "decimalEnclosedCircle" and 1 <= count <= 20:
        return chr(0x2460 + count - 1)  # ①
    if form == "decimalEnclosedParen" and 1 <= count <= 20:
        return chr(0x2474 + count - 1)  # ⑴
    if form in {"upperLetter", "lowerLetter"} and 1 <= count <= 26:
        letter = chr(ord("A") + count - 1)
        return letter if form == "upperLetter" else letter.lower()
    if form == "decimalZero":
        return f"{count:02d}"
    return str(count)


def _chinese(count: int) -> str:
    """一 to 九十九 as Chinese numbers count (十, 十一, 二十一); beyond, digit by digit."""
    if not 0 < count < 100:
        return "".join(_DIGITS[int(digit)] for digit in str(count))
    tens, ones = divmod(count, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones else "")


def _val(element: etree._Element | None) -> str:
    return element.get(f"{_W}val", "") if element is not None else ""


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
