"""BG-D on real 决算 PDFs: every statement of the Putuo 财政局 2024 决算 read and tied to its line, no false alarm,
and a changed figure found where it stands; the official template (placeholders only) reads without a statement."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from budget_graph.check import final_accounts
from budget_graph.model import Amount, Filing, Unit

CORPUS = (Path(__file__).parents[1] / "../shared/corpus").resolve()
PUTUO = CORPUS / "sh-putuo-caizhengju-2024-juesuan"
TEMPLATE = CORPUS / "sh-putuo-template-bumen-juesuan"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")

# BG-D findings above info the Putuo 2024 决算 has, each confirmed on its text (pypdfium2 dump):
# - page 21, 四、财政拨款收入支出决算总体情况说明: "2024年度财政拨款收入支出总计0.3万元"; the 财政拨款收入支出决算总表
#   (page 13) prints 总计 2,961.68 on both sides.
# Nothing else: its twelve 项级 statements (page 22) state 年初预算 / 支出决算 pairs whose 决算 is the 表五 column, every
# 小于 is below and every 基本持平 equal, each variance has its 主要原因; the total's 98.20% is 2,940.05 ÷ 2,993.92;
# the 三公 figures are 表七's (预算数 0.95 of 公务接待费, nothing spent); 收入 / 支出 totals, classes, 人员经费 and
# 公用经费 restate their tables.
EXPECTED: set[tuple[str, str, int]] = {("BG-D007", "error", 21)}


@cache
def _read(folder: Path) -> Filing:
    from budget_graph.read import read_file

    [pdf] = sorted(folder.glob("*.pdf"))
    return read_file(pdf)


def _findings(filing: Filing) -> set[tuple[str, str, int]]:
    return {
        (f.rule, f.severity.value, f.locations[0].page or 0)
        for f in final_accounts.check(filing)
        if f.severity.value != "info"
    }


def test_every_statement_is_read_and_tied_to_its_line() -> None:
    filing = _read(PUTUO)
    statements = [c for c in filing.claims if c.versus_budget]
    assert len(statements) == 16
    lines = [final_accounts.line_of(c, filing) for c in statements]
    assert all(line and line.actual for line in lines)
    assert [line.rule.id for line in lines if line].count("BG-D006") == 4
    assert sum(1 for c in statements if c.versus_budget.budget is not None) == 13
    assert sum(1 for c in statements if c.versus_budget.word in {"小于", "基本持平"}) == 13
    # and 17 other figures: 收支总计, 收入 and 支出 lines, the 一般公共预算 total (twice), four classes, 人员/公用经费 …
    others = [c for c in filing.claims if c.versus_budget is None and final_accounts.named_figure(c, filing)]
    assert len(others) == 17


def test_no_false_alarm_on_the_putuo_final_accounts() -> None:
    assert _findings(_read(PUTUO)) == EXPECTED


def _changed(filing: Filing, subject_part: str, **changes) -> Filing:
    claims = []
    for claim in filing.claims:
        if claim.versus_budget and subject_part in claim.subject:
            statement = replace(claim.versus_budget, **changes.pop("statement", {}))
            claim = replace(claim, versus_budget=statement, **changes)
        claims.append(claim)
    return replace(filing, claims=claims)


def test_a_changed_actual_is_found_on_its_page() -> None:
    changed = _changed(_read(PUTUO), "信息化建设", amount=Amount(Decimal("153.25"), Unit.WAN))
    assert ("BG-D001", "error", 22) in _findings(changed)


def test_a_changed_rate_is_found_on_its_page() -> None:
    changed = _changed(_read(PUTUO), "一般公共预算财政拨款支出", statement={"completion": Decimal("92.80")})
    assert ("BG-D003", "error", 21) in _findings(changed)


def test_a_wrong_word_and_a_missing_reason_are_found() -> None:
    changed = _changed(_read(PUTUO), "住房公积金", statement={"word": "大于", "reason": None})
    found = _findings(changed)
    assert ("BG-D004", "error", 22) in found and ("BG-D005", "warning", 22) in found


def test_a_changed_three_public_budget_is_found() -> None:
    changed = _changed(_read(PUTUO), "三公", statement={"budget": Amount(Decimal("1.95"), Unit.WAN)})
    assert ("BG-D006", "error", 23) in _findings(changed)


def test_the_template_reads_without_statements_or_findings() -> None:
    filing = _read(TEMPLATE)
    assert not [c for c in filing.claims if c.versus_budget]
    assert not list(final_accounts.check(filing))


def test_the_appropriation_total_finding_names_both_pages() -> None:
    [finding] = [f for f in final_accounts.check(_read(PUTUO)) if f.rule == "BG-D007"]
    assert [place.page for place in finding.locations] == [21, 13]
    assert (finding.expected, finding.actual) == ("2,961.68万元", "0.3万元")
    assert finding.locations[1].table == "财政拨款收入支出决算总表" and finding.locations[1].row == "总计"
