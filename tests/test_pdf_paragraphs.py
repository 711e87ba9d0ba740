"""Where a narrative paragraph ends when its first line is not indented (paragraphs set apart by spacing
alone, as a word processor's block paragraphs print): a line broken early after a sentence's end closes
its paragraph; a line broken early because the next line's first piece did not fit does not. Hand-built
pages of glyphs run through the PDF reader's flow and narrative, no PDF needed."""

from __future__ import annotations

import pytest

from budget_graph.model import NarrativePart
from budget_graph.read.pdf_flow import document_flow
from budget_graph.read.pdf_page import PageLayout
from budget_graph.read.pdf_text import read_narrative
from tests.test_pdf_geometry import printed
from tests.test_pdf_heading_page_break import EM, HEIGHT, LEFT, RIGHT, WIDTH, _centred, _line


def _part(*lines: str, spaced: tuple[int, ...] = ()) -> NarrativePart:
    """A part whose lines stand 1.6 line heights apart, and 2.4 above the lines numbered in `spaced`;
    digits and Latin signs half as wide as Chinese characters."""
    chars = _centred("第一部分 部门概况", 80) + _line("一、部门职责", 110)
    top = 140.0
    for index, text in enumerate(lines):
        top += (2.4 if index in spaced else 1.6) * EM if index else 0
        chars += printed(text, LEFT, top, EM)
    page = PageLayout(1, WIDTH, HEIGHT, chars, [])
    return read_narrative(document_flow([page]).lines, "hand-built").parts[0]


def _paragraphs(*lines: str, spaced: tuple[int, ...] = ()) -> list[str]:
    return [paragraph.text for paragraph in _part(*lines, spaced=spaced).paragraphs]


FULL = int((RIGHT - LEFT) / EM)  # full-width characters a line holds


@pytest.mark.parametrize(
    ("lines", "paragraphs"),
    [
        # the first paragraph's last line closes a sentence far short of the margin: two paragraphs
        (["本" * FULL, "部门职责如下。", "本" * FULL, "其他情况。"], 2),
        # stopped short only by the width of the number that opens the next line: one paragraph
        (["本" * (FULL - 5) + "收入。", "17,996.68万元，" + "本" * 10 + "。"], 1),
        # short of the margin, but in mid-sentence (a comma): one paragraph
        (["本" * FULL, "部门职责如下，", "其他情况。"], 1),
        # a closing mark cannot open a line: the character before it went down with it
        (["本" * (FULL - 2) + "。", "本。" + "本" * 5 + "。"], 1),
    ],
    ids=["sentence-ends-short", "number-did-not-fit", "comma", "closing-mark"],
)
def test_a_line_broken_early_after_a_sentence_ends_its_paragraph(lines: list[str], paragraphs: int) -> None:
    assert len(_paragraphs(*lines)) == paragraphs


def test_paragraphs_of_one_line_each_are_told_apart_by_the_longest_lines_end() -> None:
    # a page printed shrunk: each paragraph fits on a line, evenly spaced, most stopping short of the
    # margin; the margin is where the longest line ends, not where most lines end
    lines = [*("本" * (FULL - cut) + "。" for cut in (6, 3, 9, 4, 12, 5)), "本" * FULL + "。"]
    assert len(_paragraphs(*lines)) == len(lines)


def test_full_lines_set_apart_by_space_end_their_paragraph_at_a_sentence_end() -> None:
    lines = ["本" * (FULL - 1) + "。"] * 6
    assert len(_paragraphs(*lines)) == 1  # evenly spaced: one paragraph
    assert len(_paragraphs(*lines, spaced=(3,))) == 2


SHORT_OF_MARGIN = "8." + "支" * (FULL - 4)  # a numbered line stopping 3.6 line heights short of the margin
FARTHER_SHORT = "8." + "支" * (FULL - 6)  # 5.6 line heights short


@pytest.mark.parametrize(
    ("numbered", "below", "heading"),
    [
        # its first piece would not have fitted: wrapped
        (SHORT_OF_MARGIN, "（项）”0.96万元，主要用于缴纳养老支出。", False),
        # it would have fitted: the numbered line ended there
        (SHORT_OF_MARGIN, "主要用于缴纳养老支出。", True),
        # a browser breaks after neither side of a quotation mark: '（项）”87.70' went down whole
        (FARTHER_SHORT, "（项）”87.70万元，主要用于缴纳养老支出。", False),
    ],
)
def test_a_numbered_line_near_the_margin_is_a_heading_when_the_next_line_would_have_fitted(
    numbered: str, below: str, heading: bool
) -> None:
    part = _part(*["本" * FULL] * 5, numbered, below)
    assert (numbered in [h.text for h in part.headings]) is heading
    assert any(p.text.startswith(numbered) for p in part.paragraphs) is not heading


@pytest.mark.parametrize("spaced", [True, False])
def test_a_numbered_line_filling_its_line_is_a_heading_when_its_text_stands_apart_below(spaced: bool) -> None:
    # a narrow page (a web page printed on A5): the heading fills its line, set apart above its text
    numbered = "十一、" + "支" * (FULL - 3)
    part = _part(
        *["本" * FULL] * 5,
        numbered,
        "2018年本部门机关运行经费预算支出2094.58万元。",
        spaced=(6,) if spaced else (),
    )
    assert (numbered in [h.text for h in part.headings]) is spaced


@pytest.mark.parametrize(
    ("lines", "paragraphs"),
    [
        # the rows of a list printed without rules, each its own ('1 上海市XX局（本级）')
        (["纳入本部门决算编制范围的单位包括：", "1 某某局（本级）", "2 某某中心", "3 。。。"], 4),
        # a figure and its unit run on from the line above ('…增加' / '12 万元'): no row
        (["本" * (FULL - 2) + "增加", "12 万元，增长3%。"], 1),
    ],
    ids=["list-rows", "figure-run-on"],
)
def test_a_line_opening_with_a_rows_number_is_a_row_of_a_list(lines: list[str], paragraphs: int) -> None:
    assert len(_paragraphs(*lines)) == paragraphs


@pytest.mark.parametrize(("second_page", "paragraphs"), [(2, 1), (3, 2)], ids=["next page", "over a page"])
def test_no_sentence_runs_over_a_page_without_text(second_page: int, paragraphs: int) -> None:
    # the page between printed as a picture or as outlines: its lost words would join the two sentences
    chars = _centred("第一部分 部门概况", 80) + _line("一、部门职责", 110)
    chars += printed("本" * (FULL - 3) + "其中：", LEFT, 140.0, EM)
    pages = [
        PageLayout(1, WIDTH, HEIGHT, chars, []),
        PageLayout(second_page, WIDTH, HEIGHT, printed("支出1637.72万元；其他。", LEFT, 80.0, EM), []),
    ]
    part = read_narrative(document_flow(pages).lines, "hand-built").parts[0]
    assert len(part.paragraphs) == paragraphs
