"""决算 statements: how the narrative's actual-against-budget sentences are read, and the BG-D checks on them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_graph.check import final_accounts
from budget_graph.model import Filing, Location, Paragraph
from budget_graph.read import read_file
from budget_graph.read.claims import extract_claims

FIXTURE = Path(__file__).parent / "rules" / "BG-D001.yaml"


def _statements(*texts: str, final: bool = True):
    paragraphs = [Paragraph(t, Location("t.md", line=i)) for i, t in enumerate(texts, start=1)]
    return [c for c in extract_claims(3, paragraphs, "上海市某某局", final=final) if c.versus_budget]


def _base_document() -> str:
    import yaml

    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["cases"][0]["document"]


def _filing(tmp_path: Path, *edits: tuple[str, str]) -> Filing:
    text = _base_document()
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "final.md"
    path.write_text(text, encoding="utf-8")
    return read_file(path)


def _found(filing: Filing, rule: str | None = None) -> list[tuple[str, str, int | None]]:
    return [
        (f.rule, f.severity.value, f.locations[0].line)
        for f in final_accounts.check(filing)
        if rule is None or f.rule == rule
    ]


# --- reading the statements -------------------------------------------------------------------------------


def test_a_statement_joins_budget_actual_rate_word_and_reason() -> None:
    [claim] = _statements(
        "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为1,560.05万元，"
        "支出决算为1511.89万元，完成年初预算的96.91%。决算数小于预算数的主要原因：人员减少。"
    )
    statement = claim.versus_budget
    assert claim.subject == "一般公共服务支出（类）财政事务（款）行政运行（项）"
    assert claim.amount and claim.amount.value == Decimal("1511.89")
    assert statement.budget and statement.budget.value == Decimal("1560.05")
    assert (statement.budget_label, statement.completion, statement.completion_label) == (
        "年初预算",
        Decimal("96.91"),
        "年初预算",
    )
    assert statement.word == "小于" and statement.reason and "人员减少" in statement.reason


def test_the_actual_may_come_first_and_the_subject_may_carry_its_code() -> None:
    [claim] = _statements(
        "2010601行政运行（项）支出决算为90.00万元，全年预算为95.00万元，完成全年预算的94.74%。"
    )
    assert claim.subject == "2010601行政运行（项）"
    assert claim.amount.value == Decimal("90.00") and claim.versus_budget.budget.value == Decimal("95.00")
    assert claim.versus_budget.budget_label == "全年预算" and claim.versus_budget.reason is None


def test_a_comparison_that_names_its_subject_goes_to_that_statement() -> None:
    claims = _statements(
        "“三公”经费财政拨款支出年初预算为3.00万元，支出决算为2.00万元，完成预算的66.67%，其中：因公出国（境）费决算为"
        "0.00万元，完成预算的0%；公务接待费支出决算为0.50万元，完成预算的50.00%。2024年度“三公”经费支出决算数小于"
        "预算数的主要原因：厉行节约。"
    )
    total, overseas, hospitality = claims
    assert (total.versus_budget.word, overseas.versus_budget.word, hospitality.versus_budget.word) == (
        "小于",
        None,
        None,
    )
    assert total.versus_budget.reason and hospitality.versus_budget.reason is None
    assert overseas.parent == total.subject and hospitality.versus_budget.completion == Decimal("50.00")


def test_placeholders_and_budgets_state_nothing() -> None:
    assert not _statements(
        "年初预算为 XXX 万元，支出决算为 XXX 万元，完成年初预算的 XX%。决算数大于（小于）预算数的主要原因：XX。"
    )
    budget = "2024年预算数0.50万元，较2023年年初预算减少0.10万元。"
    assert not _statements(budget, final=False)


def test_the_equal_wording() -> None:
    [claim] = _statements("年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。")
    assert claim.versus_budget.word == "基本持平"


# --- the checks ------------------------------------------------------------------------------------------


def test_the_sample_final_filing_agrees_with_itself(tmp_path: Path) -> None:
    filing = _filing(tmp_path)
    assert len([c for c in filing.claims if c.versus_budget]) == 7
    assert _found(filing) == []


def test_a_budget_filing_is_not_checked(tmp_path: Path) -> None:
    filing = _filing(tmp_path, ("# 2024年上海市某某局部门决算", "# 2024年上海市某某局部门预算"))
    assert not [c for c in filing.claims if c.versus_budget] and _found(filing) == []


def test_an_actual_that_restates_another_line_is_an_error_at_its_line(tmp_path: Path) -> None:
    filing = _filing(tmp_path, ("支出决算为90.00万元", "支出决算为95.00万元"))
    assert ("BG-D001", "error", 11) in _found(filing, "BG-D001")


def test_a_line_named_ambiguously_is_not_checked(tmp_path: Path) -> None:
    """'行政运行（项）' alone fits one row here; with a second 行政运行 under another section it fits two."""
    filing = _filing(
        tmp_path,
        ("一般公共服务支出（类）财政事务（款）行政运行（项）", "行政运行（项）"),
        ("支出决算为90.00万元", "支出决算为95.00万元"),
        (
            "2010601\t行政运行\t100.00\t95.00\t90.00\n",
            "2010601\t行政运行\t100.00\t95.00\t90.00\n2010101\t行政运行\t0.00\t0.00\t0.00\n",
        ),
    )
    assert _found(filing, "BG-D001") == []


def test_the_expenditure_table_stands_in_weaker(tmp_path: Path) -> None:
    """Without the 一般公共预算 table the 支出决算表 (every fund) is used, and a difference is only a warning."""
    filing = _filing(
        tmp_path,
        ("表五：一般公共预算财政拨款支出决算表", "表三：支出决算表"),
        ("科目编码\t科目名称\t年初预算\t全年预算\t决算数", "科目编码\t科目名称\t合计\t基本支出\t项目支出"),
        ("支出决算为90.00万元", "支出决算为95.00万元"),
    )
    assert ("BG-D001", "warning", 11) in _found(filing, "BG-D001")


def test_rates_and_words_within_rounding_are_info(tmp_path: Path) -> None:
    filing = _filing(
        tmp_path,
        (
            "年初预算为100.00万元，支出决算为90.00万元。",
            "年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90.01%。",
        ),
        (
            "全年预算为200.00万元，支出决算为200.00万元，完成全年预算的100.00%",
            "全年预算为200万元，支出决算为200.4万元，完成全年预算的100.00%",
        ),
        ("决算数与预算数持平", "决算数与预算数持平"),
    )
    found = _found(filing)
    # 90.004 ÷ 99.996 is 90.01%: the two-decimal figures allow it
    assert ("BG-D003", "info", 11) in found and ("BG-D003", "info", 13) in found
    assert ("BG-D004", "info", 13) in found  # 200.4 against 200: equal within rounding
    wrong = _filing(
        tmp_path,
        (
            "年初预算为100.00万元，支出决算为90.00万元。",
            "年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90.10%。",
        ),
    )
    assert ("BG-D003", "error", 11) in _found(wrong, "BG-D003")


def test_a_rate_the_rounded_figures_allow_is_info(tmp_path: Path) -> None:
    filing = _filing(tmp_path, ("支出决算为2.00万元，完成预算的66.67%", "支出决算为2万元，完成预算的70.00%"))
    assert ("BG-D003", "info", 17) in _found(filing, "BG-D003")  # 2 ÷ 3.00 may be 1.5 ÷ 3.005 … 2.5 ÷ 2.995


def test_equal_wording_for_a_real_difference(tmp_path: Path) -> None:
    filing = _filing(
        tmp_path, ("全年预算为200.00万元，支出决算为200.00万元", "全年预算为200.00万元，支出决算为190.00万元")
    )
    found = _found(filing)
    assert ("BG-D004", "error", 13) in found and ("BG-D005", "warning", 13) in found
    roughly = _filing(
        tmp_path,
        ("决算数与预算数持平", "决算数与预算数基本持平"),
        ("全年预算为200.00万元，支出决算为200.00万元", "全年预算为200.00万元，支出决算为199.00万元"),
    )
    assert ("BG-D004", "info", 13) in _found(roughly, "BG-D004")


def test_every_finding_names_every_figure(tmp_path: Path) -> None:
    filing = _filing(tmp_path, ("96.67%", "95.67%"))
    [finding] = [f for f in final_accounts.check(filing) if f.rule == "BG-D003"]
    assert [place.line for place in finding.locations] == [9, 9, 9]
    assert finding.expected == "96.67%" and finding.actual == "95.67%" and finding.message_en


_STRUCTURE = (
    "（三）一般公共预算财政拨款支出决算具体情况",
    "（二）一般公共预算财政拨款支出决算结构情况\n\n一般公共预算财政拨款支出290.00万元，主要用于以下方面："
    "一般公共服务支出（类）95.00万元。\n\n（三）一般公共预算财政拨款支出决算具体情况",
)


def test_a_class_figure_restates_the_general_budget_table_only_in_its_section(tmp_path: Path) -> None:
    assert ("BG-D007", "error", 9) in _found(_filing(tmp_path, _STRUCTURE), "BG-D007")
    fund = (
        _STRUCTURE[0],
        _STRUCTURE[1].replace(
            "（二）一般公共预算财政拨款支出决算结构情况", "### 八、政府性基金预算财政拨款支出"
        ),
    )
    assert _found(_filing(tmp_path, fund), "BG-D007") == []


@pytest.mark.parametrize("rule", ["BG-D001", "BG-D002", "BG-D003", "BG-D004", "BG-D005", "BG-D006"])
def test_rules_are_catalogued_in_both_languages(rule: str) -> None:
    from budget_graph.check.catalogue import CATALOGUE

    entry = CATALOGUE[rule]
    assert entry.title and entry.title_en and entry.fail_example and entry.pass_example


def test_a_line_named_below_its_last_marked_level_is_not_taken_for_that_level(tmp_path: Path) -> None:
    # a converter that prints a statement's lines out of order cuts '…基本养老保险缴费支出（项）' to
    # '…（款）机关事业单位基本养老': the 项 is named, unmarked; the 款 (here 300.00) is not the line meant
    item = "2、2080505机关事业单位基本养老保险缴费支出（项）。主要用于：养老保险。全年预算为200.00万元"
    kuan = (
        "20805\t行政事业单位养老支出\t200.00\t200.00\t200.00",
        "20805\t行政事业单位养老支出\t300.00\t300.00\t300.00",
    )
    marked = _filing(tmp_path, kuan)
    assert _found(marked, "BG-D001") == []
    unmarked = _filing(
        tmp_path,
        kuan,
        (
            item,
            "2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老。全年预算为200.00万元",
        ),
    )
    assert _found(unmarked, "BG-D001") == []
    # marked at the 款 level alone, the statement is the 款's: 200.00 against 300.00
    at_kuan = _filing(
        tmp_path, kuan, (item, "2、社会保障和就业支出（类）行政事业单位养老支出（款）。全年预算为200.00万元")
    )
    assert [rule for rule, severity, _ in _found(at_kuan, "BG-D001") if severity == "error"] == ["BG-D001"]
