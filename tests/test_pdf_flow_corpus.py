"""Tables over page breaks and wrapped filer lines on real filings (see tests/test_pdf_flow.py).

js-court: Word exports whose tables continue without a top rule and whose filer line wraps;
PROVENANCE.txt: no inconsistency found by reading in the tables' sums or the change statements, so every
error-level finding there is a reading failure, but for two change statements whose rate disagrees with
their own figures (found once the third part's wrapped heading was read: before, none of its sentences
was; the arithmetic is in tests/test_pdf_findings.py). js-party-office 2017: a filer line wrapped in its
box. The figures below were checked on the rendered pages. Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.model import Filing, RowRole, Table, Unit

FILES = {
    2017: "省法院2017年度部门预算公开.pdf",
    2018: "省法院2018年度部门预算公开.pdf",
    2019: "江苏省高级人民法院2019年度部门预算公开.pdf",
}


@pytest.fixture(scope="module")
def court(corpus: Path) -> dict[int, Filing]:
    from budget_graph.read.pdf import read_pdf

    folder = corpus / "js-court"
    if not folder.is_dir():
        pytest.skip("js-court is absent from the corpus")
    return {year: read_pdf(folder / name) for year, name in FILES.items()}


def _table(filing: Filing, number: int) -> Table:
    return next(t for t in filing.tables if t.number == number)


def _amounts(table: Table) -> list[tuple[int | None, str | None, str]]:
    return [(row.location.page, row.code, cell.text) for row in table.rows for cell in row.cells.values()]


@pytest.mark.parametrize("year", FILES)
def test_every_table_is_read_and_no_grid_is_left_as_narrative(court, year: int) -> None:
    filing = court[year]
    assert [t.number for t in filing.tables if t.kind is not None] == list(range(1, 13))
    messages = [d.message for d in filing.diagnostics if d.severity != "info"]  # info: a chart's legend box
    assert not [m for m in messages if "无表题" in m or "未识别" in m or "续" in m]


# a change statement's rate against its own figures: 865.57 / (1,959.99 − 865.57) = 79.09%, and
# 392.92 / (6,049.97 + 392.92) = 6.10%
SLIPS = {2017: [("BG-Y001", "增长79.05%")], 2018: [("BG-Y001", "减少5.95%")], 2019: []}


@pytest.mark.parametrize("year", FILES)
def test_no_error_is_raised_but_the_slips_in_the_text(court, year: int) -> None:
    from budget_graph.check.engine import check_filing

    errors = [f for f in check_filing(court[year]).findings if f.severity.value == "error"]
    assert [(f.rule, f.actual) for f in errors] == SLIPS[year]


def test_a_continuation_page_without_a_top_rule_keeps_its_first_row(court) -> None:
    basic = _table(court[2018], 6)  # 财政拨款基本支出预算表, pages 11-12
    assert len(basic.rows) == 34
    assert _amounts(basic)[0] == (11, None, "18,570.82")
    assert (12, "30108", "1,326.81") in _amounts(basic)  # the unruled first row of page 12
    assert [r.code for r in basic.rows if r.location.page == 12][-1] == "30309"
    appropriation = _table(court[2017], 5)  # 财政拨款支出预算表: its last two rows on page 14
    assert _amounts(appropriation)[-2:] == [(14, "2210201", "1,029.15"), (14, "2210202", "1,959.99")]


def test_a_header_alone_at_a_page_foot_heads_the_body_on_the_next(court) -> None:
    summary = _table(court[2018], 4)  # 财政拨款收支预算总表: '收入 | 支出' on page 10, the rest on 11
    totals = [
        (row.label, row.side, row.cells["amount"].text) for row in summary.rows if row.role is RowRole.TOTAL
    ]
    assert totals == [("收入合计", "income", "33,172.15"), ("支出合计", "expenditure", "33,172.15")]
    assert len(summary.rows) == 7


def test_a_wrapped_filer_or_unit_line_is_no_title(court) -> None:
    filing = court[2019]
    by_function, three_public = _table(filing, 7), _table(filing, 9)
    assert by_function.title == "公开07表 一般公共预算支出预算表（功能科目）"  # filer wraps ('…法' / '院')
    assert three_public.title == "公开09表 “三公”经费、会议费、培训费支出预算表"  # unit wraps ('万' / '元')
    for table in (by_function, three_public):
        assert (table.unit, table.unit_name) == (Unit.WAN, "江苏省高级人民法院")
    assert three_public.rows[0].cells["total"].text == "2,382.02"


def test_a_filer_line_wrapped_in_its_box_is_no_title(corpus: Path) -> None:
    from budget_graph.read.pdf import read_pdf

    path = corpus / "js-party-office" / "江苏省委办公厅2017年预算公开表格.pdf"
    if not path.is_file():
        pytest.skip("js-party-office is absent from the corpus")
    income = next(t for t in read_pdf(path).tables if t.location.page == 2)  # '…委员会办' / '公厅'
    assert (income.title, income.unit_name) == ("收入预算总表", "中国共产党江苏省委员会办公厅")
    assert (income.rows[0].label, income.rows[0].cells["amount"].text) == ("收入总计", "20,849.45")
