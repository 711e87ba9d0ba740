"""A “三公” table printing its items as rows and the years as columns (项目 | 2024年预算数 | 2023年预算数 |
增减额 | 增减率), as some regions print it, checked as the usual layout is: its sums by item (BG-R001/R002,
derive/rollups.yaml `items`), the narrative's figures (BG-N005) and stated changes (BG-Y006) against the
item's row in the year's column. The sample's 表九 rewritten so, with the sample's own figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.read import read_file
from tests.conftest import SAMPLE

ROWS = {
    "合计": ("3.15", "3.25", "-0.10", "-3.08%"),
    "因公出国（境）费": ("0.00", "0.00", "0.00", "0.00%"),
    "公务接待费": ("0.50", "0.60", "-0.10", "-16.67%"),
    "公务用车购置及运行维护费": ("2.65", "2.65", "0.00", "0.00%"),
    "其中：公务用车购置费": ("0.00", "0.00", "0.00", "0.00%"),
    "公务用车运行维护费": ("2.65", "2.65", "0.00", "0.00%"),
}


def _sample(tmp_path: Path, **changed: tuple[str, ...]) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("预算单位\t年度\t“三公” 经费"), text.index("表十：政府性基金预算支出表")
    rows = {
        **ROWS,
        **{
            label: changed[key]
            for key, label in (("total", "合计"), ("operation", "公务用车运行维护费"))
            if key in changed
        },
    }
    table = "\n".join(
        ["项目\t2024年预算数\t2023年预算数\t增减额\t增减率", *("\t".join((k, *v)) for k, v in rows.items())]
    )
    path = tmp_path / "filing.md"
    path.write_text(text[:start] + table + "\n\n" + text[end:], encoding="utf-8")
    return path


def _errors(path: Path) -> set[tuple[str, str | None]]:
    return {(f.rule, f.actual) for f in check_filing(read_file(path)).findings if f.severity.value == "error"}


def test_the_items_as_rows_find_what_the_sample_finds(tmp_path: Path) -> None:
    assert _errors(_sample(tmp_path)) == _errors(SAMPLE)


@pytest.mark.parametrize(
    ("changed", "found"),
    [
        ({"total": ("3.35", "3.25", "-0.10", "-3.08%")}, {"BG-R002", "BG-R006", "BG-N005", "BG-Y006"}),
        ({"operation": ("2.45", "2.65", "-0.20", "-7.55%")}, {"BG-R001", "BG-N005", "BG-Y006"}),
    ],
)
def test_a_line_of_items_as_rows_that_does_not_add_up_or_restate_is_found(
    tmp_path: Path, changed: dict, found: set[str]
) -> None:
    new = _errors(_sample(tmp_path, **changed)) - _errors(SAMPLE)
    assert {rule for rule, _ in new} == found
