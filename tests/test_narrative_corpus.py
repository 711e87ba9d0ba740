"""BG-N and BG-Y on real filings: the inconsistencies they publish are found, agreeing narratives give no error.

Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from budget_graph.check import changes, narrative
from tests.conftest import CORPUS

WANLI_2023 = "sh-putuo-wanli-jiedao-2023-yusuan/1770007475548-818404804.pdf"
WANLI_2025 = "sh-putuo-wanli-jiedao-2025-yusuan/上海市普陀区人民政府万里街道办事处25年预算.pdf"
CITY_2025 = "sh-shi-caizhengju-2025-yusuan/上海市财政局25年预算.pdf"
PROCURATORATE_2017 = "js-procuratorate/2017年省检察院部门预算.pdf"
PROCURATORATE_2019 = "js-procuratorate/2019年度部门预算公开.pdf"


@cache
def _filing(name: str):
    from budget_graph.read import read_file

    return read_file(CORPUS / name)


def _errors(name: str) -> list:
    filing = _filing(name)
    found = [*changes.check(filing), *narrative.check(filing)]
    return [f for f in found if f.severity.value == "error"]


@pytest.fixture(autouse=True)
def _needs_corpus(corpus: Path) -> None:
    """Skip cleanly where the corpus is absent."""


def test_wanli_2023_copied_figures_are_found() -> None:
    errors = _errors(WANLI_2023)
    # '政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元' (the line above, copied)
    assert any(f.rule == "BG-Y003" and "政府性基金" in f.message for f in errors)
    # item 16 restates item 15's '2023年预算安排441.25万元' for 职业年金 (table: 220.63万元)
    assert any(f.rule == "BG-N008" and "职业年金" in f.message and f.actual == "441.25万元" for f in errors)
    assert any(f.rule == "BG-Y001" and "职业年金" in f.message for f in errors)


def test_procuratorate_narrative_typos_are_found() -> None:
    assert any(f.rule == "BG-N002" and f.actual == "12,323.46万元" for f in _errors(PROCURATORATE_2017))
    # '项目支出…与上年相比减少了1237.7万元，减少13.22%' (13.22% is the line above's percentage)
    assert any(f.rule == "BG-Y001" and "项目支出" in f.message for f in _errors(PROCURATORATE_2019))


@pytest.mark.parametrize("name", [WANLI_2025, CITY_2025, PROCURATORATE_2019])
def test_narratives_that_agree_with_their_tables_give_no_narrative_error(name: str) -> None:
    filing = _filing(name)
    tables = narrative.Tables(filing)
    assert sum(1 for c in filing.claims if c.amount is not None and narrative.ties(c, tables)) >= 5
    assert [f.message for f in narrative.check(filing) if f.severity.value == "error"] == []
