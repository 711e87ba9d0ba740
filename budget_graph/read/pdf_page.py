"""One page as geometry: its visible characters and its ruling lines in top-down coordinates, and the
characters grouped into lines and words.

The PDF reader makes a page's layout from pdfium (read/pdfium_page.py); laid-out text makes its pages
from character columns (read/text_layout.py). Neither the geometry nor its grouping needs pdfium, so
text input never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

_OPENING = set("“‘「（(《【〔")
_CLOSING = set("”’」）)》】〕，,。．.、；;：:！!？?%％")
_LATIN = re.compile(r"[0-9A-Za-z.,%％]")
_QUOTES = set("”’")


# not frozen: a frozen dataclass sets each field through object.__setattr__, and a page makes a Char per
# glyph (a fifth of a WPS export's reading went to it); nothing changes a Char once made
@dataclass(slots=True, unsafe_hash=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    cx: float  # the centre, kept: grouping and placing look at it many times
    cy: float


@dataclass(frozen=True)
class Rule:
    """A horizontal or vertical ruling line: `pos` is its y (horizontal) or x (vertical)."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Line:
    """Characters sharing a baseline, split into words at wide gaps."""

    chars: list[Char]
    top: float
    bottom: float
    words: list[Word] = field(default_factory=list)
    source_line: int | None = None  # laid-out text: the line of the file it was read from (1-based)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def moved_line(line: Line, x: Callable[[float], float], y: Callable[[float], float]) -> Line:
    """The line with every x and y taken through `x` and `y` (a cell moved on the page, rows stretched)."""
    chars = [
        replace(c, x0=x(c.x0), x1=x(c.x1), cx=x(c.cx), top=y(c.top), bottom=y(c.bottom), cy=y(c.cy))
        for c in line.chars
    ]
    words = [replace(w, x0=x(w.x0), x1=x(w.x1), top=y(w.top), bottom=y(w.bottom)) for w in line.words]
    return Line(chars, y(line.top), y(line.bottom), words, line.source_line)


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]
    turn: int = 0  # quarter turns clockwise from the page as stored to the page as measured
    picture: float = 0.0  # the share of the page its largest picture covers (a table printed as an image?)
    outlines: int = 0  # filled paths shaped like glyphs (text drawn as outlines?)
    hidden: int = 0  # characters the page holds but does not show, when it shows none (a scan's OCR layer?)
    # characters not shown: printed past a side of the page; hidden by their clip (a cell's text cut short)
    cut_off: list[Char] = field(default_factory=list)
    clipped: list[Char] = field(default_factory=list)


_STACKED = 1 / 3  # of a character's height: lower than that under a glyph is a line of its own


def text_lines(chars: list[Char]) -> list[Line]:
    """Characters grouped into lines top to bottom, each split into words left to right."""
    lines: list[Line] = []
    line = None
    for char in sorted(chars, key=_reading_order):
        if line and _same_line(line, char):
            line.chars.append(char)
            if char.top < line.top:
                line.top = char.top
            if char.bottom > line.bottom:
                line.bottom = char.bottom
        else:
            line = Line([char], char.top, char.bottom)
            lines.append(line)
    for line in lines:
        line.chars.sort(key=_left)
        line.words = _words(line.chars)
    return lines


def _reading_order(char: Char) -> tuple[float, float]:
    return char.cy, char.x0


def _left(char: Char) -> float:
    return char.x0


def _same_line(line: Line, char: Char) -> bool:
    """A character belongs to a line when its middle lies inside the line's band (small marks too),
    unless it stands under a character of the line: the lines of cells wrapped at other heights (a
    header's '因公出国' / '小计' beside it half a line lower / '（境）费') overlap in their bands, but a
    line of text never prints one glyph over another."""
    middle = (line.top + line.bottom) / 2
    inside = line.top - 0.5 <= char.cy <= line.bottom + 0.5 or char.top - 0.5 <= middle <= char.bottom + 0.5
    return inside and not _stacked(line, char)


def _stacked(line: Line, char: Char) -> bool:
    """Does the character stand lower than the line's first by a third of its height or more, over
    half its width under the line's characters (under one, or straddling two: a centred line wrapped
    in its cell sets its characters half a character off the line above)?"""
    height = char.bottom - char.top
    if char.cy - line.chars[0].cy < _STACKED * height:
        return False
    under = sum(max(0.0, min(c.x1, char.x1) - max(c.x0, char.x0)) for c in line.chars)
    return under > (char.x1 - char.x0) / 2


def _words(chars: list[Char]) -> list[Word]:
    """Split at gaps wider than a full-width character (digits in these files are widely spaced)."""
    words: list[Word] = []
    em = max([c.bottom - c.top for c in chars]) or 1.0
    start = 0
    for index in range(1, len(chars)):
        if chars[index].x0 - chars[index - 1].x1 > em:
            words.append(_word(chars[start:index]))
            start = index
    words.append(_word(chars[start:]))
    return words


def _word(chars: list[Char]) -> Word:
    if len(chars) == 1:
        char = chars[0]
        return Word(char.text, char.x0, char.x1, char.top, char.bottom)
    return Word(
        "".join([c.text for c in chars]),
        chars[0].x0,
        max([c.x1 for c in chars]),
        min([c.top for c in chars]),
        max([c.bottom for c in chars]),
    )


def first_piece(chars: list[Char]) -> float:
    """The width of what a line cannot start without: a run of digits or Latin letters, or one character,
    with the opening marks before it and the closing marks after it ('（一）', '12,323.46', '元。'); and
    the run of digits a closing quotation mark holds to ('（项）”87.70': the Unicode line breaking rules,
    which browsers follow, break neither before nor after a quotation mark)."""
    if not chars:
        return 0.0
    end = 0
    while end < len(chars) - 1 and chars[end].text in _OPENING:
        end += 1
    end = _latin_run(chars, end)
    while end < len(chars) - 1 and chars[end + 1].text in _CLOSING:
        end += 1
        if chars[end].text in _QUOTES and _LATIN.match(chars[min(end + 1, len(chars) - 1)].text):
            end = _latin_run(chars, end + 1)
    return chars[end].x1 - chars[0].x0


def _latin_run(chars: list[Char], start: int) -> int:
    """The last character of the run of digits or Latin letters at `start` (`start` when none is)."""
    end = start
    if _LATIN.match(chars[end].text):
        while end < len(chars) - 1 and _LATIN.match(chars[end + 1].text):
            end += 1
    return end
