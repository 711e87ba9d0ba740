"""Narrative claims: figures, what they are about, and change statements, from text shapes seen in the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_graph.model import Amount, Claim, Direction, Heading, Location, NarrativePart, Paragraph, Unit
from budget_graph.read.claims import extract_claims, normalise, stating_parts

UNIT = "深圳市罗湖区企业服务中心（本级）"


def paragraphs(*texts: str) -> list[Paragraph]:
    return [
        Paragraph(t, Location("t.md", line=n), starts=((0, Location("t.md", line=n)),))
        for n, t in enumerate(texts, 1)
    ]


def claims(*texts: str, part: int = 3, unit: str = UNIT) -> list[Claim]:
    return extract_claims(part, paragraphs(*texts), unit)


def one(*texts: str, subject: str, **kwargs) -> Claim:
    found = [c for c in claims(*texts, **kwargs) if c.subject == subject]
    assert len(found) == 1, [c.subject for c in claims(*texts, **kwargs)]
    return found[0]


def test_total_and_change_with_percent() -> None:
    claim = one(
        "2024年深圳市罗湖区企业服务中心（本级）部门预算收入33,654.29万元，较2023年年初预算减少61,203.26万元，减少64.5%。",
        subject="部门预算收入",
    )
    assert claim.amount and claim.amount.value == Decimal("33654.29") and claim.amount.unit is Unit.WAN
    assert claim.change and claim.change.value == Decimal("61203.26")
    assert claim.change_direction is Direction.DECREASE and claim.change_word == "减少"
    assert claim.percent == Decimal("64.5") and claim.percent_direction is Direction.DECREASE
    assert (claim.base_label, claim.base_year) == ("2023年年初预算", 2023)


def test_shanghai_shapes() -> None:
    found = claims(
        "2025年部门预算收入合计3,121.42元，比2024年预算增加107.62元，增长3.57%。",
        "支出预算16,497.86万元，与上年预算数持平。",
        unit="上海市普陀区财政局",
    )
    income, expenditure = found
    assert income.subject == "部门预算收入合计" and income.amount and income.amount.unit is Unit.YUAN
    assert income.change and income.change.value == Decimal("107.62") and income.percent == Decimal("3.57")
    assert expenditure.subject == "支出" and expenditure.change_direction is Direction.UNCHANGED
    assert expenditure.change is None and expenditure.percent is None
    assert (expenditure.base_label, expenditure.base_year) == ("上年预算数", None)


@pytest.mark.parametrize(
    ("text", "word", "direction"),
    [
        ("与上年相比增加1657万元，增加64.07 %", "增加", Direction.INCREASE),
        ("与上年相比减少了1237.7 万元，减少 13.22 %", "减少", Direction.DECREASE),
        ("与上年相比增加 54.05 万元，增幅2.94 %", "增幅", Direction.INCREASE),
        ("比上年相比减少 3,309.98 万元，降幅 81.6 %", "降幅", Direction.DECREASE),
    ],
)
def test_change_shapes(text: str, word: str, direction: Direction) -> None:
    claim = one(f"社会保障和就业支出1890.27万元。{text}。", subject="社会保障和就业支出")
    assert claim.percent_word == word and claim.percent_direction is direction and claim.change is not None


def test_restated_subject_after_comparison_and_percent_without_change() -> None:
    (total,) = claims(
        "财政拨款收、支总预算 24,169.74 万元。与上年相比，财政拨款收、支总计各增加 2228.78 万元，增长 10.15 %。"
    )
    assert total.change and total.change.value == Decimal("2228.78") and total.percent == Decimal("10.15")
    item = one("同比增长3.2%。", "教育支出5.00万元，同比下降3.2%。", subject="教育支出")
    assert (
        item.change is None
        and item.percent == Decimal("3.2")
        and item.percent_direction is Direction.DECREASE
    )


def test_unchanged_and_zero_change() -> None:
    kept = one("3.投资推广 600.00 万元,主要用于招商引资。与 2023 年预算保持一致；", subject="投资推广")
    assert kept.change_direction is Direction.UNCHANGED and kept.change is None and kept.percent is None
    zero = one(
        "公务用车购置费 2024 年预算数 0.00 万元，较 2023 年年初预算增加 0.00 万元；", subject="公务用车购置费"
    )
    assert zero.change and zero.change.value == 0 and zero.change_direction is Direction.INCREASE


def test_conversion_debris() -> None:
    assert (
        normalise("<p>获扶持重点企业纳税总额<math>\\geq</math>5000万元</p>").text
        == "获扶持重点企业纳税总额≥5000万元"
    )
    assert normalise("法律服务 $\\geq 85\\%$ ;").text == "法律服务≥85%;"
    claim = one(
        "7.培训工作 ２４.３３ 万元,主要用于培训。较 2023 年预算增加 24.33 万元，增长 100%，",
        subject="培训工作",
    )
    assert claim.amount and claim.amount.value == Decimal("24.33") and claim.percent == Decimal("100")
    spaced = one("8.产业专项资金 30, 415.30 万元,主要用于扶持。", subject="产业专项资金")
    assert spaced.amount and spaced.amount.value == Decimal("30415.30")


def test_numbered_projects_with_and_without_space_belong_to_their_section() -> None:
    found = claims(
        "（四）项目支出32,213.93万元，具体包括：",
        "1. 预算准备金10.00万元，主要用于不可预见的支出，较2023年预算减少10万元，下降50.0%，主要原因是力行节约；",
        "3.投资推广 600.00 万元,主要用于招商引资。",
    )
    assert [(c.subject, c.section) for c in found] == [
        ("项目支出", "（四）项目支出"),
        ("预算准备金", "（四）项目支出"),
        ("投资推广", "（四）项目支出"),
    ]


def test_subject_is_clean() -> None:
    found = claims(
        "深圳市罗湖区企业服务中心（本级）预算33,654.29万元，包括人员支出1,178.48万元、公用支出252.75万元、"
        "对个人和家庭的补助支出9.13万元、项目支出32,213.93万元。"
    )
    assert [c.subject for c in found] == [
        "预算",
        "人员支出",
        "公用支出",
        "对个人和家庭的补助支出",
        "项目支出",
    ]


def test_parts_after_qizhong_across_paragraphs() -> None:
    found = claims(
        "纳入 2024 年部门预算的政府采购项目共有 276.38 万元，其中：货物类项目 0.00 万元、工程类项目 26.38 万元。",
        "3. 公务用车购置和运行维护费。2024 年预算数 2.65 万元，其中：",
        "公务用车购置费 2024 年预算数 0.00 万元，较 2023 年年初预算增加 0.00 万元；",
        "公务用车运行维护费 2024 年预算数 2.65 万元，主要是燃料费。",
        "4. 公务接待费。2024 年预算数 0.50 万元。",
        part=5,
    )
    assert [(c.subject, c.parent) for c in found] == [
        ("政府采购", None),
        ("货物类", "政府采购"),
        ("工程类", "政府采购"),
        ("公务用车购置和运行维护费", None),
        ("公务用车购置费", "公务用车购置和运行维护费"),
        ("公务用车运行维护费", "公务用车购置和运行维护费"),
        ("公务接待费", None),
    ]


def test_parts_in_brackets_end_where_the_bracket_closes() -> None:
    found = claims(
        "“三公”经费3.15万元，其中：公务用车购置及运行费2.65万元（其中：公务用车购置费0.00万元，"
        "公务用车运行费2.65万元），公务接待费0.50万元。"
    )
    assert [(c.subject, c.parent) for c in found] == [
        ("“三公”经费", None),
        ("公务用车购置及运行费", "“三公”经费"),
        ("公务用车购置费", "公务用车购置及运行费"),
        ("公务用车运行费", "公务用车购置及运行费"),
        ("公务接待费", "“三公”经费"),
    ]


def test_a_comparison_gives_each_figure_it_names_its_change() -> None:
    found = claims(
        "收入总计2995.39万元、支出总计2995.39万元。与2023年度相比，收入总计减少56.95万元，下降1.87%；"
        "支出总计减少56.95万元，下降1.87%。本年支出合计2940.05万元，其中：基本支出2336.91万元；项目支出"
        "603.14万元。与2023年度相比，基本支出增加10.00万元，增长0.43%；项目支出减少73.14万元，下降10.81%。"
    )
    assert [(c.subject, c.change and c.change.text(), c.percent, c.base_label) for c in found] == [
        ("收入总计", "56.95万元", Decimal("1.87"), "2023年度"),
        ("支出总计", "56.95万元", Decimal("1.87"), "2023年度"),
        ("本年支出合计", None, None, None),
        ("基本支出", "10.00万元", Decimal("0.43"), "2023年度"),
        ("项目支出", "73.14万元", Decimal("10.81"), "2023年度"),
    ]


def test_changes_and_shares_listed_after_fenbie_go_to_the_figures_in_their_order() -> None:
    found = claims(
        "基本支出2336.91万元、项目支出603.14万元，分别比上年增加10.00万元和减少73.14万元。",
        "基本支出2336.91万元、项目支出603.14万元，分别占79.49%、20.51%。",
        "项目支出603.14万元，分别比上年增加10.00万元和减少73.14万元。",  # fewer figures than changes: no one's
    )
    assert [(c.subject, c.change and c.change.text(), c.change_word, c.share) for c in found] == [
        ("基本支出", "10.00万元", "增加", None),
        ("项目支出", "73.14万元", "减少", None),
        ("基本支出", None, None, Decimal("79.49")),
        ("项目支出", None, None, Decimal("20.51")),
        ("项目支出", None, None, None),
    ]


def test_parent_does_not_leak_into_the_next_paragraph() -> None:
    found = claims(
        "收入预算16497.86万元，其中：财政拨款收入16497.86万元；事业收入0万元。", "支出预算16497.86万元。"
    )
    assert [(c.subject, c.parent) for c in found] == [
        ("收入", None),
        ("财政拨款收入", "收入"),
        ("事业收入", "收入"),
        ("支出", None),
    ]


def test_stated_base_of_an_earlier_year() -> None:
    found = claims(
        "1. “一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，主要用于统计管理。2022年当年预算执行数为1.48"
        "万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70 %。主要原因是：统计管理经费增加。",
        unit="上海市普陀区人民政府万里街道办事处",
    )
    assert [c.amount.value if c.amount else None for c in found] == [Decimal("2.63"), Decimal("2.63")]
    changed = found[1]
    assert changed.subject == "一般公共服务支出（类）统计信息事务（款）统计管理（项）"
    assert changed.base_amount and changed.base_amount.value == Decimal("1.48") and changed.change is None
    assert changed.percent == Decimal("77.70") and changed.base_year == 2022


def test_an_earlier_year_figure_without_a_change_is_a_base_not_a_current_figure() -> None:
    found = claims("1. 公务接待费。2023年预算数0.60万元，2024年预算数0.50万元。")
    earlier = found[0]
    assert earlier.amount is None and earlier.base_amount and earlier.base_amount.value == Decimal("0.60")
    assert earlier.base_year == 2023 and earlier.subject == "公务接待费"
    assert found[1].amount and found[1].amount.value == Decimal("0.50")


def test_reasons_name_their_figures_after_them_and_limits_and_placeholders_are_not_claims() -> None:
    found = claims(
        "6.非公党委管理业务 544.24 万元,主要用于党建。较 2023 年预算增加 256.24 万元，增长 89.0%，主要原因是 2024 年预算中"
        "包含 45.96 万元结转资金；二是纳入2018年预算管理的700万元培训费收入。",
        "总成本不超过600万元；获扶持重点企业纳税总额≥5000万元；补贴标准为5000元/个/年；单价20万元（含）以上的设备。",
        "与2023年度相比，财政拨款收入支出总计增加（减少）XXX万元。",
    )
    assert [(c.subject, c.parent) for c in found] == [
        ("非公党委管理业务", None),
        ("结转资金", "非公党委管理业务"),
        ("培训费收入", None),
    ]
    assert found[0].change and found[0].change.value == Decimal("256.24")
    assert found[1].amount and found[1].amount.value == Decimal("45.96") and found[1].change is None


def test_count_is_a_claim_without_money() -> None:
    claim = one(
        "所有项目支出预算纳入绩效管理，涉及预算资金 32,213.93 万元，设置并编报 8 个项目绩效目标。",
        subject="项目绩效目标",
        part=6,
    )
    assert (claim.count, claim.count_unit, claim.amount) == (8, "个", None)
    funds = one("所有项目支出预算纳入绩效管理，涉及预算资金 32,213.93 万元。", subject="预算资金", part=6)
    assert funds.amount and funds.amount.value == Decimal("32213.93")


def test_table_rows_take_the_unit_from_the_header() -> None:
    found = claims(
        "2024 年，本部门重点项目绩效目标情况如下：",
        "项目名称（一级项目）\t预算数（万元）\t绩效目标",
        "产业专项资金\t30,415.30\t办公空间扶持项目 5 个以上；总成本不超过 600 万元\t\t一次申请项目",
        "投资推广\t600\t赴市外精准招商 ≥ 2 次",
        part=7,
    )
    assert [(c.subject, c.amount and c.amount.text()) for c in found] == [
        ("产业专项资金", "30,415.30万元"),
        ("投资推广", "600万元"),
    ]
    assert found[1].amount and found[1].amount.decimals == 0 and found[1].location.line == 4


def test_change_after_a_page_break_belongs_to_the_figure_before_it() -> None:
    found = claims("单位预留机动经费预算数为3990.4万元。", "与上年相比增加1602.36万元，增长67.1 %。")
    assert len(found) == 1 and found[0].subject == "单位预留机动经费"
    assert found[0].change and found[0].change.value == Decimal("1602.36")


def test_location_follows_the_line_a_figure_was_printed_on() -> None:
    paragraph = Paragraph(
        "2. 企业服务440.00万元，主要用于服务。较2023年预算减少415万元，下降48.5%，主要原因是无迭代开发预算，同时压缩开支；",
        Location("t.md", line=83),
        starts=((0, Location("t.md", line=83)), (60, Location("t.md", line=85))),
    )
    (claim,) = extract_claims(3, [paragraph], UNIT)
    assert claim.location.line == 83 and claim.percent == Decimal("48.5")
    later = Paragraph(
        "（一）人员支出1,178.48万元",
        Location("t.md", line=10),
        starts=((0, Location("t.md", line=10)), (6, Location("t.md", line=12))),
    )
    assert extract_claims(3, [later], UNIT)[0].location.line == 12


def test_sample_parts_two_to_seven(sample_filing) -> None:
    """The founding sample: every figure of parts 二 to 七 with its subject."""
    found = {(c.location.line, c.subject): c for c in sample_filing.claims}
    expected = {
        (65, "部门预算收入"),
        (65, "部门预算支出"),
        (71, "人员支出"),
        (71, "公用支出"),
        (71, "对个人和家庭的补助支出"),
        (71, "项目支出"),
        (81, "预算准备金"),
        (97, "产业专项资金"),
        (101, "政府采购"),
        (101, "货物类"),
        (101, "工程类"),
        (101, "服务类"),
        (105, "财政拨款“三公”经费"),
        (107, "因公出国（境）费用"),
        (111, "公务接待费"),
        (113, "公务用车购置和运行维护费"),
        (115, "公务用车购置费"),
        (117, "公务用车运行维护费"),
        (127, "预算资金"),
        (127, "项目绩效目标"),
        (141, "投资推广"),
        (142, "企业服务"),
        (147, "预算准备金"),
    }
    assert expected <= set(found)
    assert found[(97, "产业专项资金")].percent == Decimal("66.6")
    assert found[(117, "公务用车运行维护费")].parent == "公务用车购置和运行维护费"
    assert found[(141, "投资推广")].amount == Amount(Decimal("600"), Unit.WAN)
    with_changes = [c for c in sample_filing.claims if c.change_direction]
    assert len(with_changes) == 15


def test_a_sentence_split_by_a_page_break_is_joined() -> None:
    found = claims(
        "九、一般公共预算“三公”经费支出预算情况说明",
        "2．公务用车购置及运行费预算支出237万元。其中：",
        "公务用车运行维护费预算支出237万元，比上年预算减少",
        "30.8万元，主要原因是部分执法执勤车辆转隶。",
        "2019年省检察院一般公共预算机关运行经费预算支出",
        "2391.92万元，与上年相比减少330.65万元，减少12.14 %。",
    )
    assert [(c.subject, c.amount and c.amount.text(), c.change and c.change.text()) for c in found] == [
        ("公务用车购置及运行费预算支出", "237万元", None),
        ("公务用车运行维护费预算支出", "237万元", "30.8万元"),
        ("省检察院一般公共预算机关运行经费预算支出", "2,391.92万元", "330.65万元"),
    ]
    assert found[2].location.line == 6 and found[1].parent == "公务用车购置及运行费预算支出"


def test_a_label_after_a_colon_is_about_what_the_colon_follows() -> None:
    found = claims(
        "住房改革支出(款):2018年预算支出合计3,660.38万元。其中:",
        "1.住房公积金(项):支出1,073.77万元。",
        "2.提租补贴(项):支出2,586.61万元。",
    )
    assert [(c.subject, c.parent) for c in found] == [
        ("住房改革支出(款)", None),
        ("住房公积金(项)", "住房改革支出(款)"),
        ("提租补贴(项)", "住房改革支出(款)"),
    ]


def test_a_label_opening_the_paragraph_under_an_items_heading_is_about_that_item() -> None:
    # the item's heading printed on a line of its own, its sentence under it: not the whole budget's 支出
    heading = "1．党委办公厅（室）及相关机构事务（款）行政运行（项）"
    first = Paragraph(
        "支出8072.29万元，与上年相比增加1965.30万元。", Location("t.md", line=2), heading=heading
    )
    later = Paragraph("支出合计100.00万元。", Location("t.md", line=3), heading=heading)
    found = extract_claims(3, [first, later], UNIT)
    assert [c.subject for c in found] == ["党委办公厅（室）及相关机构事务（款）行政运行（项）", "支出合计"]


def test_a_new_heading_closes_items_and_their_parts() -> None:
    first = Paragraph("（三）、公务接待费1.35万元。其中：", Location("t.md", line=1), heading="一、三公经费")
    second = Paragraph(
        "机关运行经费预算为786.09万元。", Location("t.md", line=2), heading="二、机关运行经费预算"
    )
    found = extract_claims(4, [first, second], UNIT)
    assert [(c.subject, c.parent, c.section) for c in found] == [
        ("公务接待费", None, "（三）公务接待费"),
        ("机关运行经费", None, "二、机关运行经费预算"),
    ]


def test_a_share_belongs_to_the_figure_before_it_and_names_its_base() -> None:
    found = {
        c.subject: (c.share, c.share_base)
        for c in claims(
            "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%。",
            "财政拨款支出2940.05万元，占本年支出合计的100.00%。占用办公用房1200平方米。",
            "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.65%；"
            "住房保障支出（类）445.69万元，占15.16%。",
        )
    }
    assert found["基本支出"] == (Decimal("79.49"), "")  # of its 其中 parent
    assert found["项目支出"] == (Decimal("20.51"), "")
    assert found["财政拨款支出"] == (Decimal("100.00"), "本年支出合计")
    # a list opened by a figure and a colon: the shares are of that figure
    assert found["一般公共服务支出（类）"] == (Decimal("71.65"), "一般公共预算财政拨款支出")
    assert found["住房保障支出（类）"] == (Decimal("15.16"), "一般公共预算财政拨款支出")
    assert found["本年支出合计"] == (None, None)


def test_a_share_without_a_figure_before_it_in_its_paragraph_is_no_ones() -> None:
    assert all(c.share is None for c in claims("基本支出2336.91万元。", "占79.49%。"))


def test_a_change_stated_in_the_next_sentence_is_quoted_where_the_claim_stands() -> None:
    # a PDF paragraph: its place quotes the sentence of the figure, and the change stated after it too
    text = (
        "3．住房保障（类）支出3894.09万元，主要用于为职工缴纳的住房公积金。与上年相比增加878.93万元，增长30%。"
        "主要原因：一是增设机构。"
    )
    place = Location("n.pdf", page=8)
    paragraph = Paragraph(text, place, starts=((0, place),))
    (claim,) = [c for c in extract_claims(3, [paragraph], UNIT) if c.subject == "住房保障（类）支出"]
    assert claim.percent == Decimal("30")
    assert claim.location.excerpt == (
        "3．住房保障（类）支出3894.09万元，主要用于为职工缴纳的住房公积金。与上年相比增加878.93万元，增长30%。"
    )


@pytest.mark.parametrize(
    "said",
    ["较上年增长20%，增加200.00万元", "较上年增长20%（增加200.00万元）", "比上年增加200.00万元，增长20%"],
)
def test_the_amount_of_change_may_follow_the_rate(said: str) -> None:
    claim = one(f"2024年一般公共预算支出1,200.00万元，{said}。", subject="一般公共预算支出")
    assert claim.change and claim.change.value == Decimal("200.00") and claim.percent == Decimal("20")
    assert [c.subject for c in claims(f"2024年一般公共预算支出1,200.00万元，{said}。")] == [
        "一般公共预算支出"
    ]


@pytest.mark.parametrize("rate", ["同比增长20%", "增长率为20%", "增长幅度为20%", "增幅达20%"])
def test_a_rate_may_be_named_as_such(rate: str) -> None:
    claim = one(
        f"2024年一般公共预算支出1,200.00万元，比上年增加200.00万元，{rate}。", subject="一般公共预算支出"
    )
    assert claim.percent == Decimal("20") and claim.percent_direction is Direction.INCREASE


def test_another_scripts_digits_are_no_figure() -> None:
    # '٣٤٥万元' is a font's broken map: read as 345 it was said to disagree with the table (BG-N003)
    assert [claim.amount for claim in claims("2024年收入预算合计٣٤٥万元。")] == []
    assert [claim.amount for claim in claims("2024年收入预算合计345万元。")] == [
        Amount(Decimal("345"), Unit.WAN)
    ]


def test_a_paragraph_cut_by_a_page_not_read_gives_no_figure_before_its_first_sentence_ends() -> None:
    # the page between printed as a picture: '其中：' and '支出1637.72万元' were never one sentence
    before = Paragraph("公务用车购置及运行费预算支出266.8万元。其中：", Location("t.pdf", page=23))
    after = Paragraph("支出1637.72万元；拟采购工程支出530万元。", Location("t.pdf", page=25), cut=True)
    found = extract_claims(4, [before, after], UNIT)
    assert [(c.subject, c.amount.text() if c.amount else None, c.parent) for c in found] == [
        ("公务用车购置及运行费预算支出", "266.8万元", None),
        ("拟采购工程支出", "530万元", None),
    ]


def _part(number: int, title: str, heading: str) -> NarrativePart:
    at = Location("hand-built", page=number)
    return NarrativePart(number, title, at, [Paragraph("收入预算1959.99万元。", at)], [Heading(heading, at)])


def test_the_parts_that_state_figures_are_found_by_their_headings_when_no_title_names_them() -> None:
    """js-court 2017's third part was titled '江苏省高级人民法院2017年度' where its heading wrapped: no
    title said 说明 or 情况, so no sentence of the narrative was read for figures, and nothing said so.
    Its headings ('一、收支预算总表情况说明') say what it is."""
    overview = _part(1, "部门概况", "一、主要职能")
    statement = _part(3, "江苏省高级人民法院2017年度", "一、收支预算总表情况说明")
    assert stating_parts([overview, statement]) == [statement]
    titled = _part(3, "江苏省高级人民法院2017年度部门预算情况说明", "一、收支预算总表情况说明")
    functions = _part(2, "机构职能", "二、机构设置情况")
    assert stating_parts([overview, functions, titled]) == [titled]  # titles first: headings only without


def test_a_list_under_qizhong_goes_on_in_the_paragraphs_after_its_first_item() -> None:
    """A PDF sets each item of the list on a line of its own, the first with its whole: the items
    after it are parts of that whole (their shares are of it) until the list ends with '。'."""
    found = claims(
        "本单位本年支出预算合计28849.38万元，其中：基本支出17123.19万元，占59.35%；",
        "项目支出11543.27万元，占40.01%；",
        "单位预留机动经费182.92万元，占0.64%。",
        "机关运行经费预算为300.00万元。",
    )
    parents = {c.subject: c.parent for c in found}
    assert parents["项目支出"] == parents["单位预留机动经费"] == "本年支出预算合计"
    assert parents["机关运行经费"] is None  # the list ended with '。'
    # a '其中' in brackets holds its parts to the bracket's close, not in the next paragraph
    bracketed = claims(
        "公务用车购置及运行费2.65万元（其中：购置费0万元，运行费2.65万元）；", "公务接待费0.50万元。"
    )
    assert {c.subject: c.parent for c in bracketed}["公务接待费"] is None
