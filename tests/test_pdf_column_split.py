"""A wide table printed over two pages by its columns (a spreadsheet printed 'over, then down': the columns
past the page's width on the next page, at its margin, with or without the rows' labels printed again)
reads as the table printed whole: the same tables, row for row and figure for figure, none in doubt, and
the same errors (tests/cut_pages.py makes the form from a corpus PDF; skipped without ../shared/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.model import Filing
from budget_graph.read import read_file
from tests.cut_pages import split_columns
from tests.tables import reading

FILING = "sh-putuo-caizhengju-2025-yusuan/上海市普陀区财政局部门25年预算.pdf"
# (page, the column line cut at, the labels' right edge when printed again): 收入预算总表 after 财政拨款收入
# (blank columns beyond), 支出预算总表 after 合计 (基本支出 and 项目支出 beyond, the unit line with them),
# the 三公 table before 机关运行经费预算数 (one column, its caption over all the header's rows)
CUTS = [
    (10, 539.34, None),
    (12, 553.26, None),
    (21, 673.62, None),
    (10, 539.34, 363.78),  # codes and names printed again, a part of the title over them
    (12, 553.26, 433.26),
]


def _errors(filing: Filing) -> list[tuple]:
    report = check_filing(filing)
    return sorted((f.rule, f.message) for f in report.findings if f.severity.value == "error")


@pytest.fixture(scope="module")
def whole(corpus: Path) -> Filing:
    return read_file(corpus / FILING)


@pytest.mark.parametrize(("page", "at", "labels"), CUTS)
def test_a_table_split_by_columns_over_two_pages_reads_as_the_whole(
    corpus: Path, whole: Filing, tmp_path: Path, page: int, at: float, labels: float | None
) -> None:
    split = read_file(split_columns(corpus / FILING, tmp_path / "split.pdf", page, at, labels=labels))
    assert len(split.page_sizes[split.sources[0]]) == len(whole.page_sizes[whole.sources[0]]) + 1
    assert [reading(t) for t in split.tables] == [reading(t) for t in whole.tables]
    assert [t.unit for t in split.tables] == [t.unit for t in whole.tables]
    assert not any(t.doubts for t in split.tables)
    assert _errors(split) == _errors(whole)
