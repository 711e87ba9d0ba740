"""A wide table printed over two pages by its columns (a spreadsheet printed 'over, then down', the
columns past the page's width on the next page, with or without the labels printed again) is a form the
reader does not join yet: it must say so and find no error the whole table does not (tests/cut_pages.py
makes it from a corpus PDF; skipped without ../shared/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.read import read_file
from tests.cut_pages import split_columns

FILING = "sh-putuo-caizhengju-2025-yusuan/上海市普陀区财政局部门25年预算.pdf"
# (page, x of the cut): 收入预算总表 after 财政拨款收入 (blank columns beyond), 支出预算总表 after 合计
# (基本支出 and 项目支出 beyond), the 三公 table after its first figures
CUTS = [(10, 546), (12, 570), (21, 395)]


def _errors(path: Path) -> set[tuple]:
    report = check_filing(read_file(path))
    return {(f.rule, f.message) for f in report.findings if f.severity.value == "error"}


@pytest.mark.parametrize(("page", "at"), CUTS)
def test_a_table_split_by_columns_over_two_pages_gives_no_error_the_whole_does_not(
    corpus: Path, tmp_path: Path, page: int, at: float
) -> None:
    whole = corpus / FILING
    split = split_columns(whole, tmp_path / "split.pdf", page, at)
    read = read_file(split)
    assert len(read.page_sizes[read.sources[0]]) == len(read_file(whole).page_sizes[str(whole)]) + 1
    assert any(t.doubts for t in read.tables if t.location.page == page)
    assert _errors(split) <= _errors(whole)
