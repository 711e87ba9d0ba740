"""Ruling lines as producers draw them: a table's frame read from a PDF's paths comes out the same whether
each rule is stroked, filled as a thin box, drawn with the others in one path, or drawn as the filled
ring a browser prints a cell's border as (a WeasyPrint or web page print: the cell's box with a box a
line's width inside it cut out, filled even-odd)."""

from __future__ import annotations

from itertools import pairwise, product
from pathlib import Path

import pytest

from budget_graph.read.pdf import read_layouts
from tests.synthetic_pdf import mapped_text_pdf

XS, YS = (72.0, 200.0, 330.0, 460.0), (700.0, 680.0, 660.0)  # a table of 3 columns and 2 rows, y up
LINE = 0.75  # points: a 1px border
CELLS = [(x0, y1, x1, y0) for (x0, x1), (y0, y1) in product(pairwise(XS), pairwise(YS))]  # x0 y0 x1 y1


def _stroked() -> str:
    rules = [f"{XS[0]} {y} m {XS[-1]} {y} l" for y in YS] + [f"{x} {YS[-1]} m {x} {YS[0]} l" for x in XS]
    return f"{LINE} w " + " ".join(rules) + " S"


def _ring(x0: float, y0: float, x1: float, y1: float) -> str:
    """The cell's border as a ring: its box a half line outside the rules, the inner box a half inside."""
    h = LINE / 2
    outer = f"{x0 - h} {y0 - h} {x1 - x0 + LINE} {y1 - y0 + LINE} re"
    return f"{outer} {x0 + h} {y0 + h} {x1 - x0 - LINE} {y1 - y0 - LINE} re f*"


def _thin_boxes_in_one_path() -> str:
    h = LINE / 2
    boxes = [f"{XS[0]} {y - h} {XS[-1] - XS[0]} {LINE} re" for y in YS]
    boxes += [f"{x - h} {YS[-1]} {LINE} {YS[0] - YS[-1]} re" for x in XS]
    return " ".join(boxes) + " f"


def _rules(tmp_path: Path, drawn: str) -> set[tuple[bool, float, float, float]]:
    """The page's ruling lines, each cut at the crossings, as (horizontal, at, from, to), rounded."""
    path = tmp_path / "table.pdf"
    path.write_bytes(mapped_text_pdf(["收入预算总表"], drawn=drawn))
    rules = read_layouts(path)[0].rules
    ends = sorted({round(x) for x in XS}), sorted({round(842 - y) for y in YS})
    pieces = set()
    for rule in rules:
        across = ends[0] if rule.horizontal else ends[1]
        inside = [a for a in across if rule.start - 1 <= a <= rule.end + 1]
        pieces |= {(rule.horizontal, round(rule.pos), a, b) for a, b in pairwise(inside)}
    return pieces


@pytest.mark.parametrize(
    "drawn",
    [
        " ".join(map(lambda cell: _ring(*cell), CELLS)),
        _thin_boxes_in_one_path(),
    ],
    ids=["each cell a filled ring", "thin boxes in one path"],
)
def test_a_frame_drawn_otherwise_gives_the_rules_of_the_stroked_frame(tmp_path: Path, drawn: str) -> None:
    stroked = _rules(tmp_path, _stroked())
    assert len(stroked) == 3 * 3 + 4 * 2  # every piece of every rule between two crossings
    assert _rules(tmp_path, drawn) == stroked


@pytest.mark.parametrize(
    "drawn",
    [
        "72 600 300 80 re 80 608 284 64 re f*",  # a frame 8 points thick: a drawn box, no rule
        "72 600 300 80 re f",  # a shaded cell
        "72 600 300 80 re 100 620 50 20 re f*",  # a box with a hole off its edges
    ],
)
def test_filled_boxes_that_are_no_frame_give_no_rules(tmp_path: Path, drawn: str) -> None:
    assert _rules(tmp_path, drawn) == set()
