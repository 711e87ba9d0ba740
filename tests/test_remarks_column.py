"""A column of remarks printed after the figures ('备注'): the figures are read under their columns and the
remarks kept as each row's text (read/tables.py), in every reader: tab-separated text, a ruled PDF, a
workbook, and where columns are placed by alignment (laid-out text, a PDF printed without rules), where
a column of words after the figures would start a second side (text_columns.without_remarks). Before,
the words after the figures ended each row's run of figures before any figure: the table read blank,
and a narrative figure was said to have no table."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.model import Table
from budget_graph.profiles import normalise
from budget_graph.read import read_file
from budget_graph.read.pdf import read_pages
from budget_graph.read.pdf_grid import page_content
from budget_graph.read.pdf_page import PageLayout
from tests.conftest import SAMPLE
from tests.test_pdf_geometry import printed, ruled
from tests.test_pdf_unruled import header, read, text, unruled_page
from tests.test_pdf_unruled import right as right_aligned
from tests.test_text_layout import COVER, at, filing_text
from tests.test_workbook_reader import HEADER, HEADER_MERGES, _write

PROCUREMENT_HEADER = "单位\t品目编码\t采购品目\t金额"


def _read(table: Table) -> list[tuple]:
    return [
        (row.code, row.label, {k: str(c.amount.value) for k, c in row.cells.items() if c.amount}, row.texts)
        for row in table.rows
    ]


def test_remarks_after_a_text_tables_figures_are_the_rows_text(tmp_path: Path) -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    start, end = sample.index(PROCUREMENT_HEADER), sample.index("### 表十四")
    lines = sample[start:end].rstrip("\n").split("\n")
    noted = [
        lines[0] + "\t备注",
        *(f"{line}\t年度采购" if i == 3 else line for i, line in enumerate(lines[1:], 1)),
    ]
    path = tmp_path / "filing.md"
    path.write_text(sample[:start] + "\n".join(noted) + "\n\n" + sample[end:], encoding="utf-8")
    filing, original = read_file(path), read_file(SAMPLE)
    (table,) = [t for t in filing.tables if "政府采购" in t.title]
    (printed_,) = [t for t in original.tables if "政府采购" in t.title]
    assert not table.doubts and [c.meaning for c in table.columns] == [c.meaning for c in printed_.columns]
    assert [r[:3] for r in _read(table)] == [r[:3] for r in _read(printed_)]
    assert table.rows[2].texts == {"备注": "年度采购"} and not table.rows[3].texts
    errors = {(f.rule, f.actual) for f in check_filing(filing).findings if f.severity.value != "info"}
    assert errors == {
        (f.rule, f.actual) for f in check_filing(original).findings if f.severity.value != "info"
    }


def _right(value: str, x1: float, top: float):
    return printed(value, x1 - 5 * len(value), top)


def test_remarks_after_a_ruled_pdf_tables_figures_are_the_rows_text() -> None:
    rows = [("221", "住房保障支出", "无"), ("22102", "住房改革支出", ""), ("2210201", "住房公积金", "按规定")]
    chars = [
        *printed("2024年一般公共预算支出预算表", 150, 100),
        *printed("单位：万元", 440, 130),
        *printed("科目编码", 60, 155),
        *printed("科目名称", 160, 155),
        *printed("合计", 310, 155),
        *printed("基本支出", 410, 155),
        *printed("备注", 505, 155),
    ]
    for index, (code, name, note) in enumerate(rows):
        top = 175 + 20 * index
        chars += [*printed(code, 60, top), *printed(name, 160, top), *printed(note, 505, top)]
        chars += [*_right("30.00", 395, top), *_right("30.00", 495, top)]
    layout = PageLayout(1, 595, 842, chars, ruled([50, 150, 300, 400, 500, 560], [150, 170, 190, 210, 230]))
    filing = read_pages([page_content(layout)], "t.pdf", Path("某某局2024年部门预算.pdf"))
    (table,) = filing.tables
    assert not table.doubts and [c.meaning for c in table.columns] == ["total", "basic"]
    assert _read(table) == [
        ("221", "住房保障支出", {"total": "30.00", "basic": "30.00"}, {"备注": "无"}),
        ("22102", "住房改革支出", {"total": "30.00", "basic": "30.00"}, {}),
        ("2210201", "住房公积金", {"total": "30.00", "basic": "30.00"}, {"备注": "按规定"}),
    ]


@pytest.mark.parametrize("caption", ["备注", "说明"])
def test_remarks_after_a_workbooks_figures_are_the_rows_text(tmp_path: Path, caption: str) -> None:
    header = [list(row) for row in HEADER]
    header[2] += [None, None, None, caption]
    rows = [
        [None, None, None, "合计", 100.5, 80.25, 10.0, 10.25],
        [201, None, None, "一般公共服务支出", 100.5, 80.25, 10.0, 10.25, "含结转"],
    ]
    path = _write(tmp_path / "表.xlsx", {"表2": [*header, *rows]}, {"表2": [*HEADER_MERGES, "I3:I5"]})
    (table,) = read_file(path).tables
    assert not table.doubts
    assert [c.meaning for c in table.columns][:1] == ["total"]
    assert table.rows[1].cells["total"].amount.value == 100.5 and table.rows[1].texts == {caption: "含结转"}


_NOTED = [("221", "住房保障支出", "无"), ("22102", "住房改革支出", ""), ("2210201", "住房公积金", "按规定")]
_READ = [
    ("221", "住房保障支出", {"total": "30.00", "basic": "20.00", "project": "10.00"}, {"备注": "无"}),
    ("22102", "住房改革支出", {"total": "30.00", "basic": "20.00", "project": "10.00"}, {}),
    ("2210201", "住房公积金", {"total": "30.00", "basic": "20.00", "project": "10.00"}, {"备注": "按规定"}),
]


def test_remarks_after_laid_out_figures_start_no_second_side(tmp_path: Path) -> None:
    # a remark on the rows round one without: not one remark wrapped round that row, as a second
    # side's label would be read
    page = [
        at((20, "2024年部门一般公共预算支出预算表")),
        at((70, "单位：万元")),
        at((0, "科目编码"), (12, "科目名称"), (36, "合计"), (48, "基本支出"), (60, "项目支出"), (72, "备注")),
    ]
    for code, name, note in _NOTED:
        figures_ = ((40, "30.00", "r"), (56, "20.00", "r"), (68, "10.00", "r"))
        page.append(at((0, code), (12, name), *figures_, *([(72, note)] if note else [])))
    path = tmp_path / "filing.txt"
    path.write_text(filing_text(COVER, page), encoding="utf-8")
    (table,) = read_file(path).tables
    assert not table.doubts and _read(table) == _READ


def test_remarks_after_figures_printed_without_rules_start_no_second_side() -> None:
    rows = [
        [
            *text(code, 60, 165 + 20 * i),
            *text(name, 130, 165 + 20 * i),
            *right_aligned("30.00", 330, 165 + 20 * i),
            *right_aligned("20.00", 430, 165 + 20 * i),
            *right_aligned("10.00", 530, 165 + 20 * i),
            *text(note, 545, 165 + 20 * i),
        ]
        for i, (code, name, note) in enumerate(_NOTED)
    ]
    heads = [*header(text("科目编码", 60, 145), text("科目名称", 130, 145)), *text("备注", 545, 145)]
    (table,) = read(unruled_page(*rows, heads=heads)).tables
    assert not table.doubts and _read(table) == _READ


@pytest.mark.parametrize(("caption", "rate"), [("比上年增长%", "5.20%"), ("增长率(%)", "5.20")])
def test_a_rate_column_after_the_figures_is_no_amount_column(tmp_path: Path, caption: str, rate: str) -> None:
    # percentages add up to nothing: read as amounts they were garbled cells (BG-C006) or an unknown column
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    header = next(
        i for i, line in enumerate(lines) if line.startswith("预算单位\t科目编码\t科目名称\t支出总计")
    )
    end = next(i for i in range(header, len(lines)) if not lines[i].strip())
    for i in range(header, end):
        lines[i] += f"\t{caption}" if i == header else f"\t{rate}"
    path = tmp_path / "filing.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    filing = read_file(path)
    (table,) = [t for t in filing.tables if "按功能科目" in t.title]
    assert not table.doubts and [c.meaning for c in table.columns] == ["total", "basic", "project"]
    assert table.rows[2].texts == {normalise(caption): rate}
    assert not [f for f in check_filing(filing).findings if f.rule == "BG-C006"]
