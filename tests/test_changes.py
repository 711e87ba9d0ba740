"""BG-Y: change and percentage arithmetic of one change statement, and against the 三公 table's year rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_graph.check.changes import check, check_claim, implied_change, recompute
from budget_graph.model import Amount, Claim, Direction, Location, Unit

_WORDS = {
    "增加": Direction.INCREASE,
    "增长": Direction.INCREASE,
    "减少": Direction.DECREASE,
    "下降": Direction.DECREASE,
    "持平": Direction.UNCHANGED,
}


def wan(text: str) -> Amount:
    return Amount(Decimal(text), Unit.WAN)


def statement(
    current: str,
    word: str | None = None,
    change: str | None = None,
    percent_word: str | None = None,
    percent: str | None = None,
    base: str | None = None,
) -> Claim:
    """'current万元，较上年{word}{change}万元，{percent_word}{percent}%' as a claim."""
    return Claim(
        "产业专项资金",
        Location("t.md", line=97),
        "…",
        3,
        amount=wan(current),
        change=wan(change) if change else None,
        change_word=word,
        change_direction=_WORDS.get(word or ""),
        percent=Decimal(percent) if percent else None,
        percent_word=percent_word,
        percent_direction=_WORDS.get(percent_word or ""),
        base_amount=wan(base) if base else None,
        base_label="2023年预算",
        base_year=2023,
    )


def findings(claim: Claim) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in check_claim(claim)]


@pytest.mark.parametrize(
    ("current", "word", "change", "percent"),
    [
        ("33,654.29".replace(",", ""), "减少", "61203.26", "64.5"),
        ("10.00", "减少", "10", "50.0"),
        ("440.00", "减少", "415", "48.5"),
        ("151.38", "减少", "5.23", "3.3"),
        ("28.69", "减少", "47.49", "62.3"),
        ("544.24", "增加", "256.24", "89.0"),
    ],
)
def test_the_samples_statements_agree(current: str, word: str, change: str, percent: str) -> None:
    percent_word = "增长" if word == "增加" else "下降"
    assert findings(statement(current, word, change, percent_word, percent)) == []


def test_industry_fund_percentage_fits_a_change_in_yi_not_wan() -> None:
    claim = statement("30415.30", "减少", "6.06", "下降", "66.6")
    found = list(check_claim(claim))
    assert [(f.rule, f.severity.value) for f in found] == [("BG-Y001", "error")]
    finding = found[0]
    assert "30,421.36万元" in finding.message and "0.02%" in finding.message
    assert "亿元" in finding.message and "亿元 written as 万元" in finding.message_en
    assert finding.expected == "下降0.02%" and finding.actual == "下降66.6%"
    assert finding.locations[0].line == 97
    implied = implied_change(claim)
    assert implied and Decimal("60000") < implied.value < Decimal("61000")


def test_percentage_off_by_more_than_rounding_is_an_error_and_rounding_is_not() -> None:
    assert findings(statement("10.00", "减少", "10", "下降", "40.0")) == [("BG-Y001", "error")]
    # 10 ÷ 20 with '10' standing for [9.5, 10.5]: 48.7%–51.2%, so 51.0 is rounding only
    assert findings(statement("10.00", "减少", "10", "下降", "51.0")) == [("BG-Y001", "info")]


def test_truncated_percentage_is_a_warning() -> None:
    """24,169.74 up 2,228.78 is 10.158%: '10.15%' is cut off, not rounded: wrong by GB/T 8170, but by less
    than one unit of its last digit, so a warning rather than an error."""
    (truncated,) = check_claim(statement("24169.74", "增加", "2228.78", "增长", "10.15"))
    assert (truncated.rule, truncated.severity.value) == ("BG-Y001", "warning")
    assert "截尾" in truncated.message and "rounded" in truncated.message_en
    assert findings(statement("24169.74", "增加", "2228.78", "增长", "10.16")) == []
    assert findings(statement("24169.74", "增加", "2228.78", "增长", "10.14")) == [("BG-Y001", "error")]


def test_recompute_gives_the_rounding_range() -> None:
    computed = recompute(statement("440.00", "减少", "415", "下降", "48.5"))
    assert computed is not None
    assert computed.value < 0 and computed.lo < Decimal("48.54") < computed.hi


def test_direction_words_disagree() -> None:
    assert findings(statement("440.00", "减少", "415", "增长", "48.5")) == [("BG-Y002", "error")]


def test_stated_base_direction_and_percentage() -> None:
    assert findings(statement("2.63", percent_word="增加", percent="77.70", base="1.48")) == []
    assert ("BG-Y001", "error") in findings(
        statement("441.25", percent_word="增加", percent="60.54", base="132.59")
    )
    # the size is right, the word is not: one finding, about the word
    assert findings(statement("635.10", percent_word="增加", percent="4.83", base="667.32")) == [
        ("BG-Y002", "error")
    ]
    assert findings(statement("15.00", "持平", base="15.00")) == []
    assert findings(statement("15.00", "持平", base="14.00")) == [("BG-Y002", "error")]


def test_increase_larger_than_the_current_figure() -> None:
    assert findings(statement("0", "增加", "1421.25")) == [("BG-Y003", "error")]
    assert findings(statement("24.33", "增加", "24.33")) == []


def test_zero_base_percentage_is_a_convention() -> None:
    assert findings(statement("24.33", "增加", "24.33", "增长", "100")) == [("BG-Y004", "info")]
    assert findings(statement("0.31", percent_word="增加", percent="100.00", base="0")) == [
        ("BG-Y004", "info")
    ]


def test_zero_change_worded_as_a_movement() -> None:
    assert findings(statement("0.00", "增加", "0.00")) == [("BG-Y005", "info")]
    assert findings(statement("600.00", "持平")) == []


def test_change_against_the_three_public_table(sample_filing) -> None:
    assert not [f for f in check(sample_filing) if f.rule == "BG-Y006"]
    hospitality = next(c for c in sample_filing.claims if c.subject == "公务接待费")
    hospitality.change = wan("0.20")
    try:
        found = [f for f in check(sample_filing) if f.rule == "BG-Y006"]
    finally:
        hospitality.change = wan("0.10")
    assert [(f.severity.value, f.expected, f.actual) for f in found] == [
        ("error", "减少0.10万元", "减少0.20万元")
    ]
    assert [place.line for place in found[0].locations] == [111, 479, 478]
