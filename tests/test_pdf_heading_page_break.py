"""A narrative heading at the foot of one page with its text on the next: the topic it names is found.
Hand-built pages of glyphs run through the PDF reader's flow and narrative, no PDF needed."""

from __future__ import annotations

import pytest

from budget_graph.check.requirements import topics_of
from budget_graph.read.pdf_flow import document_flow
from budget_graph.read.pdf_page import Char, PageLayout, Rule
from budget_graph.read.pdf_text import read_narrative

WIDTH, HEIGHT, EM = 595.0, 842.0, 12.0
LEFT, RIGHT = 90.0, 505.0  # the text block
DUTIES = "本部门主要职责是贯彻落实党中央关于工作的方针政策和决策部署，在履行职责过程中坚持党的领导。" * 3
UNITS = "本部门内设机构十二个，下属单位三个，均为全额拨款事业单位，人员编制一百二十名。"


def _line(text: str, top: float, x0: float = LEFT) -> list[Char]:
    return [
        Char(ch, x0 + i * EM, x0 + (i + 1) * EM, top, top + EM, x0 + (i + 0.5) * EM, top + EM / 2)
        for i, ch in enumerate(text)
    ]


def _centred(text: str, top: float) -> list[Char]:
    return _line(text, top, (WIDTH - len(text) * EM) / 2)


def _paragraph(text: str, top: float, indent: bool = True) -> tuple[list[Char], float]:
    """A paragraph set in the text block, its first line indented two ems; and the top below it."""
    chars: list[Char] = []
    first = True
    while text:
        x0 = LEFT + (2 * EM if first and indent else 0)
        count = int((RIGHT - x0) / EM)
        chars += _line(text[:count], top, x0)
        text, top, first = text[count:], top + 1.6 * EM, False
    return chars, top


def _duties_page(heading_at_foot: list[Char]) -> PageLayout:
    chars = _centred("第一部分 部门概况", 80) + _line("一、部门职责", 120)
    top = 140.0
    for _ in range(6):
        text, top = _paragraph(DUTIES, top)
        chars += text
    return PageLayout(1, WIDTH, HEIGHT, chars + heading_at_foot + _centred("1", HEIGHT - 40), [])


def _units_page(indent: bool) -> PageLayout:
    text, top = _paragraph(UNITS, 72, indent)
    return PageLayout(2, WIDTH, HEIGHT, text + _centred("第二部分 收支预算情况说明", top + 20), [])


@pytest.mark.parametrize(
    ("heading", "indent"),
    [
        ("二、机构设置", True),  # short: a heading on its own
        ("二、机构设置", False),  # its text not indented
        # fills its line: a heading once the next page's indented first line starts a paragraph
        ("二、部门机构设置及所属预算单位构成情况和人员编制与实有人数情况说明", True),
    ],
)
def test_a_heading_ending_a_page_heads_the_text_on_the_next(heading: str, indent: bool) -> None:
    flow = document_flow([_duties_page(_line(heading, HEIGHT - 100)), _units_page(indent)])
    overview = read_narrative(flow.lines, "hand-built").parts[0]
    assert "OrganisationPart" in {topic.name for topic in topics_of(overview)}
    units = next(p for p in overview.paragraphs if p.text.startswith("本部门内设机构"))
    assert units.heading == heading and units.location.page == 2


@pytest.mark.parametrize(
    ("tail", "title"),
    [
        # js-court 2017: the part's title wrapped, its tail centred and eight characters long; read as
        # '…2017年度' alone, no part stated figures and no sentence was checked
        ("部门预算情况说明", "江苏省高级人民法院2017年度部门预算情况说明"),
        # the part's first heading, centred under it, is no tail: it opens with its item number
        ("一、收支预算总表情况", "江苏省高级人民法院2017年度"),
    ],
)
def test_a_part_heading_wrapped_onto_a_centred_line_is_one_title(tail: str, title: str) -> None:
    sentence = "2017年收入预算1959.99万元，与上年相比增加865.57万元，增长79.05%。"
    chars = _centred("第三部分 江苏省高级人民法院2017年度", 80) + _centred(tail, 100)
    text, _ = _paragraph(sentence, 140)
    flow = document_flow([PageLayout(1, WIDTH, HEIGHT, chars + text, [])])
    [part] = read_narrative(flow.lines, "hand-built").parts
    assert (part.number, part.title) == (3, title)


def test_a_heading_at_the_foot_of_a_page_of_tables_heads_the_text_on_the_next() -> None:
    """A page of tables ending with a part's first heading measures no text block of its own: the
    heading's own end was taken for the margin, so it was no heading and ran into the next page's first
    sentence (a web page printed by a browser, paragraphs set without indent). Such a page takes the
    text block of the narrative's pages."""
    ys = [100.0, 130.0, 160.0]
    grid = [Rule(True, y, LEFT, RIGHT) for y in ys] + [
        Rule(False, x, ys[0], ys[-1]) for x in (LEFT, 300, RIGHT)
    ]
    cells = _line("基本支出", 110, LEFT + 5) + _line("1,000.00", 110, 380) + _line("合计", 140, LEFT + 5)
    tables = PageLayout(2, WIDTH, HEIGHT, cells + _line("一、收支预算总体情况", 240), grid)
    text, _ = _paragraph(
        "2024年收入预算1959.99万元，与上年相比增加865.57万元，增长79.05%。", 72, indent=False
    )
    flow = document_flow([_duties_page([]), tables, PageLayout(3, WIDTH, HEIGHT, text, [])])
    paragraphs = [p for part in read_narrative(flow.lines, "hand-built").parts for p in part.paragraphs]
    income = next(p for p in paragraphs if "1959.99" in p.text)
    assert (income.heading, income.text[:5]) == ("一、收支预算总体情况", "2024年")


@pytest.mark.parametrize(("first", "joined"), [("某" * 27 + "情况说", True), ("某" * 5 + "情况说", False)])
def test_a_part_heading_set_left_and_wrapped_at_the_margin_is_one_title(first: str, joined: bool) -> None:
    """A heading set left runs to the margin and wraps its last character under its start (a web page
    printed: '第三部分 …部门决算情况说' / '明'); one that stopped short ended there, and the short line
    under it is its part's text."""
    heading = "第三部分" + first  # 34 characters fill the text block
    text, _ = _paragraph("2024年度收入支出总计2995.39万元，与上年相比减少56.95万元，下降1.87%。" * 2, 120)
    chars = _line(heading, 80) + _line("明", 100) + text
    flow = document_flow([PageLayout(1, WIDTH, HEIGHT, chars, [])])
    [part] = read_narrative(flow.lines, "hand-built").parts
    assert (part.title == first + "明") is joined
    assert part.paragraphs[0].text.startswith("2024年") is joined
