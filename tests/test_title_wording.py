"""Tables titled in another region's or the Ministry of Finance's wording read as the same tables: the
sample with its contents and titles reworded as the Ministry's template words them (部门收支总体情况表,
财政拨款收支总体情况表, 一般公共预算支出情况表 …), or as 部门综合预算 layouts word their 明细表 (按经济科目), gives
the sample's findings, figure for figure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.read.layout import chinese_number
from budget_graph.read.text import read_text

# the sample's wording → the Ministry of Finance's template (中央部门预算公开 表样)
MINISTRY_WORDING = [
    ("政府预算拨款收支总表", "财政拨款收支总体情况表"),
    ("收支总表", "部门收支总体情况表"),
    ("收入总表", "部门收入总体情况表"),
    ("）支出总表", "）部门支出总体情况表"),  # the contents
    ("：支出总表", "：部门支出总体情况表"),  # the title
    ("一般公共预算支出表（按功能科目）", "一般公共预算支出情况表"),
    ("一般公共预算支出表 (按功能科目)", "一般公共预算支出情况表"),
    ("一般公共预算“三公”经费支出表", "一般公共预算“三公”经费支出情况表"),
    ("政府性基金预算支出表", "政府性基金预算支出情况表"),
]


def _figures(filing) -> list[tuple]:
    report = check_filing(filing)
    return sorted((f.rule, f.severity.value, f.expected, f.actual) for f in report.findings)


# the 部门综合预算 wording: a 明细表 naming its classification by 科目
DETAIL_WORDING = [
    ("一般公共预算支出表（按功能科目）", "一般公共预算支出明细表（按功能科目）"),
    ("一般公共预算支出表 (按功能科目)", "一般公共预算支出明细表（按功能科目）"),
    ("一般公共预算支出表（按经济分类）", "一般公共预算支出明细表（按经济科目）"),
    ("一般公共预算支出表(按经济分类)", "一般公共预算支出明细表（按经济科目）"),
]

# before 2015 the general public budget was 公共财政预算, its tables 公共财政拨款支出表 and …基本支出表
BEFORE_2015_WORDING = [
    ("一般公共预算支出表（按功能科目）", "公共财政拨款支出表"),
    ("一般公共预算支出表 (按功能科目)", "公共财政拨款支出表"),
    ("一般公共预算支出表（按经济分类）", "公共财政拨款基本支出表"),
    ("一般公共预算支出表(按经济分类)", "公共财政拨款基本支出表"),
    ("一般公共预算“三公”经费支出表", "公共财政拨款“三公”经费支出表"),
]


@pytest.mark.parametrize(
    "wording",
    [MINISTRY_WORDING, DETAIL_WORDING, BEFORE_2015_WORDING],
    ids=["ministry", "detail", "before-2015"],
)
def test_the_ministrys_table_titles_read_as_the_same_tables(
    sample_path: Path, sample_filing, tmp_path: Path, wording: list[tuple[str, str]]
) -> None:
    text = sample_path.read_text(encoding="utf-8")
    for old, new in wording:
        assert old in text, old
        text = text.replace(old, new)
    reworded = tmp_path / "luohu-ministry-wording.md"
    reworded.write_text(text, encoding="utf-8")
    filing, sample = read_text(reworded), read_text(sample_path)  # checking adds to a filing: fresh ones
    assert [t.kind for t in filing.tables] == [t.kind for t in sample.tables]
    assert _figures(filing) == _figures(sample)


def test_column_headers_naming_the_general_budget_as_before_2015_read_as_its(
    sample_path: Path, tmp_path: Path
) -> None:
    # '公共财政拨款' over a table's columns, where the sample prints '一般公共预算拨款'
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    headers = [i for i, line in enumerate(lines) if "\t一般公共预算拨款\t" in line]
    assert len(headers) >= 3
    for index in headers:
        lines[index] = lines[index].replace("一般公共预算拨款", "公共财政拨款")
    reworded = tmp_path / "luohu-before-2015-columns.md"
    reworded.write_text("\n".join(lines), encoding="utf-8")
    filing, sample = read_text(reworded), read_text(sample_path)
    assert [[c.meaning for c in t.columns] for t in filing.tables] == [
        [c.meaning for c in t.columns] for t in sample.tables
    ]
    assert _figures(filing) == _figures(sample)


def test_titles_numbered_as_jiangsu_numbers_its_tables_read_as_the_same_tables(
    sample_path: Path, sample_filing, tmp_path: Path
) -> None:
    """'公开01表：收支总表' (a web page or Word document setting Jiangsu's number line before the title): its
    colon is no sentence's, so the line is the table's title."""
    text = re.sub(
        r"表([一二三四五六七八九十]+)：",
        lambda m: f"公开{chinese_number(m.group(1)):02d}表：",
        sample_path.read_text(encoding="utf-8"),
    )
    assert "公开01表：收支总表" in text and "公开11表：" in text
    renumbered = tmp_path / "luohu-renumbered.md"
    renumbered.write_text(text, encoding="utf-8")
    filing, sample = read_text(renumbered), read_text(sample_path)
    assert [t.kind for t in filing.tables] == [t.kind for t in sample.tables]
    # the findings quoting a title (the contents against it, BG-T010) quote it as printed
    assert _figures(filing) == [
        (rule, severity, expected, actual.replace("表五：", "公开05表："))
        for rule, severity, expected, actual in _figures(sample)
    ]
