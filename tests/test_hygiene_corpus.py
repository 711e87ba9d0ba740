"""BG-T on real filings: the official 决算 template lights up, the published filings give no hygiene error.

Every error expected here was confirmed in the text the PDF reader extracted (and on the page): the template's
上海市XX局 / XXX万元 / XX辆 placeholders; the instruction Jiangsu's 政协办公厅 left in its 2018 and 2019
narratives ('（按“部门预算公开06表财政拨款基本支出预算表”中实际发生经济分类支出事项填写）'). Skipped when
../shared/corpus is absent.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from budget_graph.check import hygiene
from tests.conftest import CORPUS

TEMPLATE = "sh-putuo-template-bumen-juesuan"
CPPCC = "js-cppcc"

# (rule, page) of every BG-T error in the template: the part titles and contents (p. 2), 概况 (p. 4),
# the tables' part title (p. 5), the empty-table note (p. 13) and the narrative (pp. 15-21)
TEMPLATE_ERRORS = {("BG-T001", page) for page in (2, 4, 5, 13, 15, 16, 17, 18, 19, 20, 21)}
# the Jiangsu 政协 narrative's instruction left in, on the pages of 基本支出 (人员经费, 公用经费)
CPPCC_INSTRUCTIONS = {2018: {12, 13}, 2019: {14, 15}}
# 普陀区财政局 2025's 国有资本经营预算支出表, whose empty-table note names the 政府性基金 budget (BG-T013)
PUTUO_2025_STATE_CAPITAL_PAGE = 18


@cache
def _filings(folder: str) -> tuple:
    from budget_graph.read import read_paths

    return tuple(read_paths(sorted(str(p) for p in (CORPUS / folder).glob("*.pdf"))))


def _findings(filing, severity: str) -> list:
    return [f for f in hygiene.check(filing) if f.severity.value == severity]


@pytest.fixture(autouse=True)
def _needs_corpus(corpus: Path) -> None:
    """Skip cleanly where the corpus is absent."""


def test_the_template_lights_up() -> None:
    (template,) = _filings(TEMPLATE)
    errors = _findings(template, "error")
    assert {(f.rule, f.locations[0].page) for f in errors} == TEMPLATE_ERRORS
    assert any("上海市XX局" in f.actual and f.locations[0].page == 4 for f in errors)
    assert any("XX辆" in f.actual for f in errors)
    warned = {f.rule for f in _findings(template, "warning")}
    assert {"BG-T001", "BG-T002", "BG-T003"} <= warned  # XXXXXXXX reasons, （如持平作持平表述）, 增加（减少）


@pytest.mark.parametrize(
    "folder",
    [
        "js-cppcc",
        "js-procuratorate",
        "sh-putuo-caizhengju-2024-juesuan",
        "sh-putuo-caizhengju-2025-yusuan",
        "sh-putuo-wanli-jiedao-2023-yusuan",
        "sh-putuo-wanli-jiedao-2025-yusuan",
        "sh-shi-caizhengju-2025-yusuan",
    ],
)
def test_published_filings_give_no_hygiene_error(folder: str) -> None:
    for filing in _filings(folder):
        assert [f.message for f in _findings(filing, "error")] == [], filing.sources


def test_cppcc_instruction_left_in_is_found() -> None:
    for filing in _filings(CPPCC):
        warnings = _findings(filing, "warning")
        pages = {f.locations[0].page for f in warnings if f.rule == "BG-T002"}
        assert pages == CPPCC_INSTRUCTIONS.get(filing.year, set()), filing.year
        assert all(f.rule == "BG-T002" for f in warnings)


def test_jiangsu_pairs_are_checked_as_grouped() -> None:
    """Narrative and tables published as two PDFs: the contents (in the narrative) list the tables (in the
    other file), so no table is missing or unlisted."""
    for filing in _filings(CPPCC):
        assert len(filing.sources) == 2
        found = {f.rule for f in hygiene.check(filing)}
        assert not found & {"BG-T008", "BG-T009"}, filing.year


def test_the_one_empty_table_note_copied_from_the_other_fund_is_found() -> None:
    """普陀区财政局 2025: the note under the 国有资本经营 table says 无政府性基金预算… (the fund table's note);
    no other filing, and not the template, names the wrong fund."""
    found = {
        (folder.name, f.locations[0].page, f.actual)
        for folder in sorted(CORPUS.iterdir())
        if folder.is_dir()
        for filing in _filings(folder.name)
        for f in hygiene.check(filing)
        if f.rule == "BG-T013"
    }
    assert found == {("sh-putuo-caizhengju-2025-yusuan", PUTUO_2025_STATE_CAPITAL_PAGE, "政府性基金")}
