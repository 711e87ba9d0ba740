"""A table's unit as printed, wherever it is printed: in a unit line under the title, in the title itself
('…预算表（单位：万元）'), or in the header ('金额（元）'); a table that states none is read as 万元 and a
warning says so. Hand-built pages, each way."""

from __future__ import annotations

import pytest

from budget_graph.model import Filing, Kind, Unit
from budget_graph.read.pdf_flow import document_flow
from budget_graph.read.pdf_page import PageLayout
from budget_graph.read.pdf_tables import read_table
from budget_graph.read.text import read_text
from tests.test_pdf_flow import HEIGHT, WIDTH, XS, row
from tests.test_pdf_geometry import ruled, word


def _page(above: list[list], amount_header: str = "金额") -> PageLayout:
    chars = [char for line in above for char in line]
    chars += [*word("科目编码", 65, 145), *word("科目名称", 195, 145), *word(amount_header, 425, 145)]
    chars += row(165, "2210201", "住房公积金", "1,029.15")
    return PageLayout(1, WIDTH, HEIGHT, chars, ruled(XS, [140, 160, 180]))


def _read(page: PageLayout) -> tuple[Filing, list]:
    filing = Filing(["t.pdf"], "测试局", 2024, Kind.BUDGET)
    tables = [read_table(block, "t.pdf", filing, set()) for block in document_flow([page]).blocks]
    return filing, tables


def _unit_of(page: PageLayout) -> tuple[str, Unit, bool]:
    _, (table,) = _read(page)
    unstated = any("未注明金额单位" in doubt.message and doubt.columns_only for doubt in table.doubts)
    return table.title, table.unit, unstated


def test_a_title_that_prints_its_unit_is_the_title_with_that_unit() -> None:
    page = _page([word("一、财政拨款支出预算表（单位：元）", 80, 110)])
    assert _unit_of(page) == ("一、财政拨款支出预算表", Unit.YUAN, False)


def test_a_unit_line_in_renminbi_names_yuan() -> None:
    page = _page(
        [
            word("一、财政拨款支出预算表", 80, 95),
            [*word("编制单位：某局", 65, 120), *word("单位：人民币元", 470, 120)],
        ]
    )
    assert _unit_of(page) == ("一、财政拨款支出预算表", Unit.YUAN, False)


# unit lines as other producers print them: bracketed, the colon left out, a remark after the unit
UNIT_LINES = [
    "（单位：元）",
    "单位(元)",
    "单位：（元）",
    "计量单位：元",
    "单位：元（保留两位小数）",
    "金额单位：元",
]


@pytest.mark.parametrize("line", UNIT_LINES)
def test_a_unit_line_printed_otherwise_names_the_unit(line: str) -> None:
    page = _page([word("一、财政拨款支出预算表", 80, 95), word(line, 470, 120)])
    assert _unit_of(page) == ("一、财政拨款支出预算表", Unit.YUAN, False)


def _text_table(folder, line: str):
    """The one table of a small text filing, `line` printed between its title and its header."""
    text = "\n".join(
        [
            "# 2024年测试局部门预算",
            "## 第一部分 部门概况",
            "本局负责测试工作。",
            "## 表一：财政拨款支出预算表",
            line,
            "科目编码\t科目名称\t金额",
            "2210201\t住房公积金\t1,029.15",
        ]
    )
    path = folder / "filing.md"
    path.write_text(text, encoding="utf-8")
    (table,) = read_text(path).tables
    return table


@pytest.mark.parametrize("line", UNIT_LINES)
def test_a_unit_line_printed_otherwise_names_the_unit_in_text(line: str, tmp_path) -> None:
    table = _text_table(tmp_path, line)
    assert (table.unit, table.doubts, table.notes) == (Unit.YUAN, [], [])


def test_a_header_that_names_the_unit_gives_it() -> None:
    page = _page([word("一、财政拨款支出预算表", 80, 110)], amount_header="金额（元）")
    assert _unit_of(page) == ("一、财政拨款支出预算表", Unit.YUAN, False)


def test_a_table_stating_no_unit_is_read_in_wan_yuan_and_says_so() -> None:
    page = _page([word("一、财政拨款支出预算表", 80, 110)])
    assert _unit_of(page) == ("一、财政拨款支出预算表", Unit.WAN, True)


def test_a_sentence_naming_a_unit_is_no_title() -> None:
    _, tables = _read(_page([word("本表金额单位：万元。", 80, 110)]))
    assert tables == []


MARKDOWN = """# 2024年某某局部门预算

## 表一：一般公共预算支出表

编制部门：某某局

| 科目编码 | 科目名称 | {header} |
|---|---|---|
| 2210201 | 住房公积金 | 1,029.15 |
"""


def test_every_reader_takes_the_unit_its_header_names(tmp_path) -> None:
    from budget_graph.read.text import read_text

    for header, unit, unstated in (("金额（元）", Unit.YUAN, False), ("金额", Unit.WAN, True)):
        path = tmp_path / "filing.md"
        path.write_text(MARKDOWN.format(header=header), encoding="utf-8")
        (table,) = read_text(path).tables
        assert (table.unit, any(d.columns_only for d in table.doubts)) == (unit, unstated), header


@pytest.mark.parametrize(
    "line", ["编制部门：测试局（单位：元）", "编制部门：测试局 单位：元", "编制部门：测试局　（单位:元）"]
)
def test_a_filer_line_running_on_to_the_unit_names_the_filer_alone(line: str, tmp_path) -> None:
    # the bracketed unit cut off the name left its brackets on it ('测试局()': another unit, BG-T007)
    table = _text_table(tmp_path, line)
    assert (table.unit_name, table.unit) == ("测试局", Unit.YUAN)
