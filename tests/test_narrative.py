"""BG-N: narrative figures of parts 二 to 七 against the table figures they restate."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from budget_graph.check import narrative
from budget_graph.check.engine import check_filing
from budget_graph.model import Doubt, Kind, TableKind
from budget_graph.read.text import read_text
from tests.edits import edited_sample
from tests.tables import TOTAL, UNIT, filing, table


def narrative_findings(path: Path) -> list:
    return list(narrative.check(read_text(path)))


def after(edits: list[dict], tmp_path: Path) -> list[tuple[str, str, list[int | None]]]:
    found = narrative_findings(edited_sample(edits, tmp_path))
    return [(f.rule, f.severity.value, [place.line for place in f.locations]) for f in found]


def test_the_sample_narrative_agrees_with_its_tables(sample_filing) -> None:
    assert list(narrative.check(sample_filing)) == []


def test_every_figure_of_the_sample_is_tied(sample_filing) -> None:
    tables = narrative.Tables(sample_filing)
    untied = {
        c.subject for c in sample_filing.claims if c.amount is not None and not narrative.ties(c, tables)
    }
    assert untied == set()


@pytest.mark.parametrize(
    ("line", "old", "new", "rule", "table_line"),
    [
        (65, "部门预算收入33,654.29万元", "部门预算收入33,645.29万元", "BG-N001", 229),
        (71, "人员支出1,178.48万元", "人员支出1,187.48万元", "BG-N002", 432),
        (75, "公用支出252.75万元", "公用支出253.75万元", "BG-N002", 442),
        (79, "项目支出32,213.93万元", "项目支出32,231.93万元", "BG-N002", 252),
        (97, "30,415.30 万元", "30,451.30 万元", "BG-N003", 342),
        (141, "投资推广\t600", "投资推广\t660", "BG-N003", 344),
        (93, "包含 45.96 万元", "包含 46.96 万元", "BG-N003", 341),
        (101, "工程类项目 26.38 万元", "工程类项目 62.38 万元", "BG-N004", 530),
        (101, "共有 276.38 万元", "共有 267.38 万元", "BG-N004", 528),
        (111, "预算数 0.50 万元", "预算数 0.60 万元", "BG-N005", 479),
        (105, "预算 3.15 万元", "预算 3.25 万元", "BG-N005", 479),
        (127, "32,213.93 万元", "32,231.93 万元", "BG-N006", 335),
    ],
)
def test_a_changed_figure_is_an_error_at_both_places(line, old, new, rule, table_line, tmp_path) -> None:
    found = after([{"line": line, "old": old, "new": new}], tmp_path)
    assert [
        f for f in found if f[0] == rule and f[1] == "error" and f[2][0] == line and table_line in f[2]
    ], found


_REASONS = "预算收支减少主要原因说明：1. 根据预算安排，2024年产业专项资金年初分配至各产业部门申报；2. 落实过“紧日子”要求，力行节约、压缩一般性项目经费。"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("一般公共服务支出（类）商贸事务（款）招商引资（项）1,200.00万元。", []),
        (
            "“一般公共服务支出（类）商贸事务（款）招商引资（项）”1,300.00万元。",
            [("BG-N008", "error", [67, 398, 255])],
        ),
        ("一般公共服务支出（类）33,149.35万元。", []),
        ("一般公共服务支出（类）33,194.35万元。", [("BG-N008", "error", [67, 396, 253, 199, 354])]),
        ("一般行政管理事务（项）5.00万元。", []),  # no such row: not tied, not checked
    ],
)
def test_functional_classes_by_name_and_parents(sentence, expected, tmp_path) -> None:
    assert after([{"line": 67, "old": _REASONS, "new": sentence}], tmp_path) == expected


def test_message_gives_both_figures_in_both_languages(tmp_path) -> None:
    path = edited_sample([{"line": 111, "old": "预算数 0.50 万元", "new": "预算数 0.60 万元"}], tmp_path)
    (finding,) = narrative_findings(path)
    assert "0.60万元" in finding.message and "0.50万元" in finding.message
    assert "hospitality" in finding.message_en or "公务接待费" in finding.message_en
    assert (finding.expected, finding.actual) == ("0.50万元", "0.60万元")
    assert finding.locations[1].table and finding.locations[1].column


def test_a_category_the_procurement_table_does_not_list_is_zero(tmp_path) -> None:
    found = after([{"line": 101, "old": "货物类项目 0.00 万元", "new": "货物类项目 5.00 万元"}], tmp_path)
    assert ("BG-N004", "error", [101, 521]) in found


def test_either_reading_of_personnel_costs_agrees(tmp_path) -> None:
    """人员经费 is class 301 in some filings and 301 + 303 in others: either agrees."""
    assert after([{"line": 73, "old": "人员支出1,178.48万元", "new": "人员支出1,187.61万元"}], tmp_path) == []


def test_another_unit_rounded_to_its_decimals_agrees(tmp_path) -> None:
    assert after([{"line": 65, "old": "收入33,654.29万元", "new": "收入3.37亿元"}], tmp_path) == []
    path = edited_sample([{"line": 65, "old": "收入33,654.29万元", "new": "收入3.36亿元"}], tmp_path)
    (finding,) = narrative_findings(path)
    assert (finding.rule, finding.severity.value, finding.expected) == ("BG-N001", "warning", "3.37亿元")
    assert "截尾" in finding.message  # 3.3654亿 cut off, not rounded: a warning
    path = edited_sample(
        [{"line": 65, "old": "收入33,654.29万元", "new": "收入3.35亿元"}], tmp_path, "lower.md"
    )
    (finding,) = narrative_findings(path)
    assert (finding.rule, finding.severity.value) == ("BG-N001", "error")


def test_count_of_project_targets(tmp_path) -> None:
    found = after([{"line": 127, "old": "8 个项目绩效目标", "new": "9 个项目绩效目标"}], tmp_path)
    assert found == [("BG-N007", "warning", [127, 326])]


def test_final_accounts_are_not_tied(sample_filing) -> None:
    final = replace(sample_filing, kind=Kind.FINAL)
    claim = next(c for c in final.claims if c.subject == "公务接待费")
    assert narrative.ties(claim, narrative.Tables(final))
    assert list(narrative.check(final)) == []


def test_an_economic_line_named_like_a_three_public_item_is_not_tied_to_the_three_public_table(
    sample_filing,
) -> None:
    """Jiangsu 2017: '（二）公用经费 … （8）公务接待费（款）支出16万元' is line 30217, not the 三公 figure."""
    tables = narrative.Tables(sample_filing)
    claim = next(c for c in sample_filing.claims if c.subject == "公务接待费")
    assert narrative.ties(claim, tables)
    assert not narrative.ties(replace(claim, subject="公务接待费（款）支出"), tables)
    assert not narrative.ties(replace(claim, section="（二）公用经费"), tables)


def test_a_row_without_code_or_name_is_no_project(tmp_path: Path) -> None:
    """A stray row of figures in 项目支出总表 is not counted against the narrative's 8 project targets."""
    stray = "\t1.00" + "\t0.00" * 13 + "\t"
    edits = [{"line": 343, "old": "培训工作\t24.33", "new": f"{stray}\n培训工作\t24.33"}]
    assert [rule for rule, *_ in after(edits, tmp_path) if rule == "BG-N007"] == []


@pytest.mark.parametrize("in_doubt", [True, False])
def test_a_class_lost_from_a_summary_in_doubt_makes_the_disagreement_rest_on_it(in_doubt, tmp_path) -> None:
    # the 收支总表 may hold the figure the narrative gives (all funds) in the row its reader lost
    filing = read_text(
        edited_sample(
            [{"line": 67, "old": _REASONS, "new": "一般公共服务支出（类）33,194.35万元。"}], tmp_path
        )
    )
    summary = filing.table(TableKind.IncomeExpenditureSummary)
    summary.rows = [row for row in summary.rows if "一般公共服务" not in row.label]
    if in_doubt:
        summary.doubts.append(Doubt("续表未能读取 a continuation page could not be read"))
    (finding,) = [f for f in check_filing(filing).findings if f.rule == "BG-N008"]
    assert finding.severity.value == ("warning" if in_doubt else "error")
    assert (summary.location in finding.locations) is in_doubt


def test_the_departments_figure_is_the_total_where_one_is_printed() -> None:
    # a label read into the first column by mistake makes a row look like a unit's
    listed = table(
        TableKind.Procurement, ["total"], [("合计", ["1,449.50"], TOTAL), ("机要业务费", ["5.00"], UNIT)]
    )
    figure = narrative.Tables(filing(listed)).department(TableKind.Procurement, "total")
    assert figure is not None and figure.amount.text() == "1,449.50万元"
