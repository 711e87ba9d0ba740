"""The derive stage: a filing's identities as records, stated before any is judged (derive/, check/evaluator.py)."""

from __future__ import annotations

import pytest

from budget_graph.check import rollups as rollup_rules
from budget_graph.check.evaluator import findings, recording, verdict
from budget_graph.derive.crosstable import Lone, crosstable_identities
from budget_graph.derive.identity import Form, Identity, every_identity
from budget_graph.derive.rollups import rollup_identities
from budget_graph.derive.rounding import Agreement
from budget_graph.model import TableKind
from tests.tables import ITEM, UNIT, filing, table

FUNCTION = TableKind.GeneralBudgetByFunction


def _function_table(section: str) -> list[tuple]:
    return [
        ("本级", ["10.00"], UNIT),
        ("一般公共服务支出", ["10.00"], ITEM, "201"),
        ("商贸事务", [section], ITEM, "20113"),
    ]


def test_an_exact_identity_is_settled_without_a_record_unless_every_one_is_wanted() -> None:
    holding = filing(table(FUNCTION, ["total"], _function_table("10.00")))
    assert list(rollup_identities(holding)) == []
    with every_identity():
        stated = list(rollup_identities(holding))
    assert sorted((i.rule, i.form) for i in stated) == [("BG-R001", Form.SUM), ("BG-R002", Form.SUM)]
    assert {verdict(i) for i in stated} == {Agreement.EQUAL}


def test_a_failing_identity_is_a_record_with_its_figures_and_the_evaluator_judges_it() -> None:
    failing = filing(table(FUNCTION, ["total"], _function_table("10.50")))
    (identity,) = [i for i in rollup_identities(failing) if i.rule == "BG-R001"]
    assert isinstance(identity, Identity)
    assert (identity.total.amount.text(), [p.amount.text() for p in identity.parts]) == (
        "10.00万元",
        ["10.50万元"],
    )
    assert verdict(identity) is Agreement.DIFFERENT
    with recording() as kept:
        found = list(findings([identity], rollup_rules.RULES))
    assert [(f.rule, f.severity.value, f.expected, f.actual) for f in found] == [
        ("BG-R001", "error", "10.50万元", "10.00万元")
    ]
    assert [e.identity for e in kept] == [identity]


def test_an_alignment_states_a_line_one_table_lacks_as_a_record_not_an_identity() -> None:
    coded = [
        ("本级", ["10.00"], UNIT),
        ("一般公共服务支出", ["10.00"], ITEM, "201"),
        ("商贸事务", ["6.00"], ITEM, "20113"),
        ("组织事务", ["4.00"], ITEM, "20132"),
    ]
    general = table(FUNCTION, ["total"], coded, "表七：一般公共预算支出表")
    spending = table(TableKind.ExpenditureSummary, ["total"], coded, "表三：支出总表")
    assert not [f for f in crosstable_identities(filing(spending, general)) if isinstance(f, Lone)]
    spending.rows.pop()  # the expenditure summary lacks a line the general-budget table gives money
    lone = [f for f in crosstable_identities(filing(spending, general)) if isinstance(f, Lone)]
    assert [(f.rule, f.row.code, f.other.title) for f in lone] == [("BG-X003", "20132", "表三：支出总表")]


NEW_PART = """
- id: BG-R905
  title: 财政拨款不得超过合计（测试）
  title_en: Appropriation above the total, declared by a test
  severity: warning
  basis: a declaration made in a test
  checks: test
  why: test
  part_of: [[appropriation, total]]
  what: "{table} {row} 财政拨款不得超过合计"
  what_en: "{table}: {label} appropriation above its total"
"""


def test_a_column_part_of_another_is_declared_without_python() -> None:
    from budget_graph.check.rules import declared_rule
    from budget_graph.derive.table_identities import declared_parts

    (record,), (declared,) = declared_parts(NEW_PART)
    rules = {declared.rule: declared_rule(record, "python")}
    rows = [("本级", ["10.00", "9.00"], UNIT), ("一般公共服务支出", ["10.00", "10.50"], ITEM, "201")]
    found = list(findings(declared.derive(table(FUNCTION, ["total", "appropriation"], rows)), rules))
    assert [(f.rule, f.severity.value, f.expected, f.actual, f.message.split("：")[1]) for f in found] == [
        ("BG-R905", "warning", "≤ 10.00万元", "10.50万元", "测试表 201 一般公共服务支出 财政拨款不得超过合计")
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("[[appropriation, total]]", "[[appropriation, totl]]"),
        ("  what_en:", "  wat_en: x\n  what_en:"),
        ("{row} 财政拨款", "{line} 财政拨款"),
    ],
)
def test_a_part_declared_with_a_word_it_does_not_know_is_refused(old: str, new: str) -> None:
    from budget_graph.derive.table_identities import declared_parts

    with pytest.raises((ValueError, KeyError)):
        declared_parts(NEW_PART.replace(old, new))
