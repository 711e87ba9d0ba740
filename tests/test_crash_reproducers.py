"""Inputs that once crashed the tool (issue 10), each built from its reproducer: they read and check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.check.identities import check_identities
from budget_graph.derive.table_identities import column_groups
from budget_graph.model import TableKind
from budget_graph.read.pdf import read_layouts, read_pdf
from budget_graph.read.text import read_text
from tests.conftest import ROOT, sample_lines
from tests.synthetic_pdf import mapped_text_pdf
from tests.tables import PERIOD, filing, table


def _with_line_printed_twice(tmp_path: Path, line: int) -> Path:
    """`sed '{line}p' samples/luohu-2024.md`: the converter printed that line again below itself."""
    lines = list(sample_lines())
    lines.insert(line, lines[line - 1])
    path = tmp_path / "r.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(("line", "title"), [(332, "表五：项目支出汇总表"), (288, "表四：基本支出总表")])
def test_header_line_printed_twice_is_one_header(tmp_path: Path, line: int, title: str) -> None:
    read = read_text(_with_line_printed_twice(tmp_path, line))
    repeated = [d for d in read.diagnostics if "repeated header" in d.message]
    assert [d.locations[0].line for d in repeated] == [line + 1]
    table_read = next(t for t in read.tables if t.title == title)
    assert all(len(set(c.path)) == len(c.path) and c.meaning not in c.path for c in table_read.columns)
    check_filing(read)  # no RecursionError


def test_header_repeated_after_rows_is_not_read_as_a_row(tmp_path: Path, sample_filing) -> None:
    """The whole header printed again after the first row (a page break): no rows made of its words."""
    lines = list(sample_lines())
    header = lines.index(next(t for t in lines if t.startswith("支出项目类别 (一级项目)\t")))
    lines[header + 4 : header + 4] = lines[header : header + 3]
    path = tmp_path / "r.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    title = "表五：项目支出汇总表"
    read = next(t for t in read_text(path).tables if t.title == title)
    expected = next(t for t in sample_filing.tables if t.title == title)
    assert [row.label for row in read.rows] == [row.label for row in expected.rows]


def test_a_performance_form_line_printed_twice_is_left_to_its_reader(tmp_path: Path) -> None:
    """A performance form is read row by row (its own reader): its lines are not checked for repeats."""
    lines = list(sample_lines())
    form = lines.index("### 表十四：部门整体支出绩效目标表")
    first = next(i for i in range(form, len(lines)) if lines[i].startswith("部门名称\t"))
    read = read_text(_with_line_printed_twice(tmp_path, first + 1))
    assert not [d for d in read.diagnostics if "repeated header" in d.message]


def test_groups_that_nest_in_each_other_do_not_recurse() -> None:
    """Two unprinted groups each under the other (a damaged header): which columns make up the total is
    not certain, so it is not checked, and nothing recurses for ever."""
    columns = [
        "total",
        ("general_budget", ("total", "appropriation", "own_funds")),
        ("gov_fund", ("total", "own_funds", "appropriation")),
    ]
    assert column_groups(table(TableKind.ProjectExpenditureSummary, columns, [])) == {}


def test_two_period_rows_of_the_same_year_are_not_compared(tmp_path: Path) -> None:
    rows = [("2024年", ["3.15"], PERIOD), ("2024年", ["3.15"], PERIOD), ("增减变化金额", ["-0.10"], PERIOD)]
    assert list(check_identities(filing(table(TableKind.ThreePublicExpenses, ["total"], rows)))) == []
    check_filing(read_text(_with_line_printed_twice(tmp_path, 479)))  # sed '479p': no TypeError


# ---- a lone surrogate in a damaged PDF's text ---------------------------------------------------------

_DAMAGED_TITLE = ["2024年度测\udcd4单位部门预算", "第一部分 单位概况", "一、主要职能", "本单位负责测试工作。"]


def _damaged_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(mapped_text_pdf(_DAMAGED_TITLE))
    return path


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budget_graph", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def test_lone_surrogate_is_replaced_and_said(tmp_path: Path) -> None:
    read = read_pdf(_damaged_pdf(tmp_path))
    assert read.unit == "测\ufffd单位"
    damaged = [d for d in read.diagnostics if "damaged encoding" in d.message]
    assert [place.page for place in damaged[0].locations] == [1]


def test_surrogate_pair_is_one_character(tmp_path: Path) -> None:
    path = tmp_path / "pair.pdf"
    path.write_bytes(mapped_text_pdf(["𠀀年"]))  # U+20000: pdfium gives its two UTF-16 code units
    assert "".join(c.text for c in read_layouts(path)[0].chars) == "𠀀年"


@pytest.mark.parametrize(
    "command", [("export", "--format", "nt"), ("validate", "-o", "out.txt"), ("validate",)]
)
def test_damaged_pdf_text_writes_as_utf8(tmp_path: Path, command: tuple[str, ...]) -> None:
    result = _run(command[0], str(_damaged_pdf(tmp_path)), *command[1:], cwd=tmp_path)
    assert b"internal error" not in result.stderr, result.stderr.decode()
    written = (tmp_path / "out.txt").read_bytes() if "-o" in command else result.stdout
    assert "测\ufffd单位" in written.decode("utf-8")
