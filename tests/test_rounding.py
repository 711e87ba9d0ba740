"""The rounding rule: closed intervals of printed figures (design.md), printed zeros exact."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_graph.derive.rounding import (
    Agreement,
    compare,
    compare_restated,
    compare_sum,
    is_restated_cut_off,
    percent_interval,
)
from budget_graph.model import Amount, Unit


def wan(text: str) -> Amount:
    return Amount(Decimal(text), Unit.WAN)


def yuan(text: str) -> Amount:
    return Amount(Decimal(text), Unit.YUAN)


@pytest.mark.parametrize(
    ("total", "parts", "agreement"),
    [
        ("5,614.27", ["28.69", "45.96", "5,515.30", "24.33"], Agreement.ROUNDING),  # 表五 上年结转
        ("33,149.35", ["32,571.87", "548.80", "28.69"], Agreement.ROUNDING),  # 201
        ("33,654.29", ["1,440.36", "32,213.93"], Agreement.EQUAL),
        ("33,654.31", ["1,440.36", "32,213.93"], Agreement.DIFFERENT),  # a 0.02 slip
        ("250.00", ["50.00", "0.02", "200.00"], Agreement.ROUNDING),  # the closed intervals just touch
        ("250.00", ["50.00", "0.03", "200.00"], Agreement.DIFFERENT),
        ("1.00", ["0.00"] * 10 + ["1.02"], Agreement.DIFFERENT),  # empty cells add no slack
    ],
)
def test_total_against_parts(total: str, parts: list[str], agreement: Agreement) -> None:
    clean = [p.replace(",", "") for p in parts]
    assert compare_sum(wan(total.replace(",", "")), [wan(p) for p in clean]) is agreement


def test_signed_parts() -> None:
    assert compare_sum(wan("-0.10"), [wan("3.15"), wan("3.25")], [1, -1]) is Agreement.EQUAL


def test_publications_of_one_figure() -> None:
    assert compare(wan("600"), wan("600.00")) is Agreement.EQUAL
    assert compare(wan("600"), wan("600.40")) is Agreement.ROUNDING
    assert compare(wan("600.02"), wan("600.00")) is Agreement.DIFFERENT
    assert compare(wan("326.71"), wan("326.72")) is Agreement.ROUNDING


def test_narrative_restates_a_table_in_another_unit() -> None:
    assert compare_restated(wan("87.71"), yuan("877080")) is Agreement.EQUAL
    assert compare_restated(wan("87.70"), yuan("877080")) is Agreement.DIFFERENT
    assert compare_restated(Amount(Decimal("3.37"), Unit.YI), wan("33654.29")) is Agreement.EQUAL


def test_a_restated_figure_cut_off_rather_than_rounded() -> None:
    assert is_restated_cut_off(Amount(Decimal("3.36"), Unit.YI), wan("33654.29"))
    assert not is_restated_cut_off(Amount(Decimal("3.37"), Unit.YI), wan("33654.29"))  # rounded
    assert not is_restated_cut_off(Amount(Decimal("3.35"), Unit.YI), wan("33654.29"))


def test_percent_interval_keeps_printed_decimals() -> None:
    interval = percent_interval(Decimal("48.5"))
    assert (interval.lo, interval.hi) == (Decimal("48.45"), Decimal("48.55"))


def test_one_severity_policy_with_one_wording() -> None:
    from pathlib import Path

    from budget_graph.check.catalogue import CATALOGUE
    from budget_graph.check.figures import CUT_OFF_NOTE, ROUNDING_NOTE, graded
    from budget_graph.check.rules import Severity
    from budget_graph.derive.rounding import Agreement
    from budget_graph.model import Location

    rule, place = CATALOGUE["BG-F003"], [Location("a.pdf", page=1)]
    rounding = graded(rule, Agreement.ROUNDING, "甲", "a", place, "1", "2")
    different = graded(rule, Agreement.DIFFERENT, "甲", "a", place, "1", "2")
    cut_off = graded(rule, Agreement.DIFFERENT, "甲", "a", place, "1", "2", cut_off=True)
    assert (rounding.severity, rounding.message, rounding.message_en) == (
        Severity.INFO,
        "甲" + ROUNDING_NOTE[0],
        "a" + ROUNDING_NOTE[1],
    )
    assert (cut_off.severity, cut_off.message, cut_off.message_en) == (
        Severity.WARNING,
        "甲" + CUT_OFF_NOTE[0],
        "a" + CUT_OFF_NOTE[1],
    )
    assert (different.severity, different.message) == (rule.severity, "甲")
    # no rule family writes a rounding or cut-off note of its own
    check = Path(__file__).parents[1] / "budget_graph" / "check"
    for note in (ROUNDING_NOTE, CUT_OFF_NOTE):
        wording = [p.name for p in check.glob("*.py") if any(n.strip() in p.read_text("utf-8") for n in note)]
        assert wording == ["figures.py"], note
