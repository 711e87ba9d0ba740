"""The text reader on the Luohu sample: every part, every table, placed columns, lines kept."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.model import Kind, RowRole, TableKind, Unit
from budget_graph.read.grid_rows import GridRow
from budget_graph.read.performance import read_performance_targets
from budget_graph.read.tables import _cut_short
from budget_graph.read.text import clean, read_text
from tests.conftest import SAMPLE, sample_lines
from tests.tables import reading


def test_metadata(sample_filing) -> None:
    assert sample_filing.unit == "深圳市罗湖区企业服务中心（本级）"
    assert (sample_filing.year, sample_filing.kind, sample_filing.level) == (2024, Kind.BUDGET, "department")


def test_nine_parts_with_their_lines(sample_filing) -> None:
    assert [p.number for p in sample_filing.parts] == list(range(1, 10))
    assert [p.location.line for p in sample_filing.parts] == [37, 63, 69, 99, 103, 119, 129, 151, 167]
    assert [(h.text, h.location.line) for h in sample_filing.part(8).headings] == [
        ("一、机关运行经费", 153),
        ("二、国有资产占用情况", 157),
        ("三、其他", 163),
    ]


def test_fourteen_tables_recognised_by_title(sample_filing) -> None:
    assert [t.number for t in sample_filing.tables] == list(range(1, 15))
    assert [t.kind for t in sample_filing.tables] == [
        *list(TableKind)[:8],
        TableKind.ThreePublicExpenses,
        TableKind.GovernmentFundBudget,
        TableKind.StateCapitalBudget,
        TableKind.SpecialTransfers,
        TableKind.Procurement,
        TableKind.PerformanceTargets,
    ]
    assert all(t.unit is Unit.WAN for t in sample_filing.tables)
    assert [t.is_empty for t in sample_filing.tables].count(True) == 3


def test_toc_lists_parts_and_tables(sample_filing) -> None:
    parts = [e.part for e in sample_filing.toc if e.part]
    tables = [e.kind for e in sample_filing.toc if e.kind]
    assert parts == list(range(1, 10))
    assert len(tables) == 14


@pytest.mark.parametrize(
    "page",
    [
        "",
        "……{n}",  # dot leaders, as a PDF's contents prints them
        " {n}",
        " PAGEREF _Toc{n}25831 \\h {n}",  # Word's field code, left in a page made from the document
        " PAGEREF _Toc{n}25831 h {n}",  # … with its backslash lost
    ],
)
def test_contents_entries_without_list_marks_open_no_part_and_no_table(
    sample_filing, tmp_path: Path, page: str
) -> None:
    # a web page or a Word document sets its contents as paragraphs: each entry read as a part or an
    # empty table, and the checks took the empty '（一）收支总表' for the filing's 收支总表; an entry with its
    # page opened a part titled with the page, and a table's entry with its page was no title at all
    unmarked = [
        line.removeprefix("- ") + page.format(n=number) if number < 36 and line.startswith("- ") else line
        for number, line in enumerate(sample_lines())
    ]
    path = tmp_path / "luohu.md"
    path.write_text("\n".join(unmarked), encoding="utf-8")
    filing = read_text(path)
    assert [table.title for table in filing.tables] == [table.title for table in sample_filing.tables]
    assert [p.number for p in filing.parts] == list(range(1, 10))
    assert [(e.title, e.part, e.kind) for e in filing.toc] == [
        (e.title, e.part, e.kind) for e in sample_filing.toc
    ]


@pytest.mark.parametrize("page", ["……{n}", " PAGEREF _Toc{n}25831 \\h {n}"])
def test_contents_entries_marked_as_a_list_are_read_without_their_pages(
    sample_filing, tmp_path: Path, page: str
) -> None:
    paged = [
        line + page.format(n=number) if number < 36 and line.startswith("- ") else line
        for number, line in enumerate(sample_lines())
    ]
    path = tmp_path / "luohu.md"
    path.write_text("\n".join(paged), encoding="utf-8")
    assert [(e.title, e.part, e.kind) for e in read_text(path).toc] == [
        (e.title, e.part, e.kind) for e in sample_filing.toc
    ]


def test_split_sentence_is_joined_and_keeps_both_lines(sample_filing) -> None:
    paragraph = next(p for p in sample_filing.part(3).paragraphs if p.text.startswith("2. 企业服务"))
    assert "迭代开发预算，同时" in paragraph.text
    assert paragraph.location.line == 83
    assert paragraph.location_at(paragraph.text.index("同时压缩")).line == 85


def test_markup_is_undone() -> None:
    assert clean("获扶持重点企业纳税总额<math>\\geq</math>5000万元;") == "获扶持重点企业纳税总额≥5000万元;"
    assert clean("反馈及时性 $\\geq 85\\%$ ;") == "反馈及时性 ≥ 85% ;"
    assert clean("<p>10人以下党支部个数(个)<math>\\leq</math>105个") == "10人以下党支部个数(个)≤105个"
    # a lone dollar is no markup: where a figure stands it is a figure garbled, not the figure
    assert clean("\t组织事务\t$12\t$0.00") == "\t组织事务\t$12\t$0.00"


def _rows(filing, kind):
    return filing.table(kind).rows


def test_nested_header_of_income_summary_placed_by_meaning(sample_filing) -> None:
    table = sample_filing.table(TableKind.IncomeSummary)
    department = table.rows[0]
    assert department.role is RowRole.UNIT and department.location.line == 241
    assert department.amount("total").value == Decimal("33654.29")
    assert department.amount("general_budget").value == Decimal("28040.02")
    assert department.amount("general_budget_basic").value == Decimal("1440.36")
    assert department.amount("carryover").value == Decimal("5614.27")
    # the header names one column fewer than the data: a diagnostic, never a silent guess
    assert any("收入总表" in d.message for d in sample_filing.diagnostics)


def test_project_summary_columns(sample_filing) -> None:
    project = next(
        r for r in _rows(sample_filing, TableKind.ProjectExpenditureSummary) if r.label == "产业专项资金"
    )
    assert project.location.line == 342
    assert project.amount("general_budget_special").value == Decimal("24900.00")
    assert project.amount("carryover").value == Decimal("5515.30")


def test_classified_rows_keep_codes_and_clean_names(sample_filing) -> None:
    rows = _rows(sample_filing, TableKind.ExpenditureSummary)
    first = next(r for r in rows if r.code == "201")
    assert (first.label, first.location.line) == ("一般公共服务支出", 253)
    assert first.amount("procurement").value == Decimal("276.38")
    economic = {r.code: r for r in _rows(sample_filing, TableKind.GeneralBudgetByEconomicClass) if r.code}
    assert economic["30227"].label == "委托业务费" and economic["30227"].location.line == 455


def test_two_sided_summary(sample_filing) -> None:
    rows = _rows(sample_filing, TableKind.IncomeExpenditureSummary)
    income = [r for r in rows if r.side == "income"]
    expenditure = [r for r in rows if r.side == "expenditure"]
    assert income[-1].label == "收入总计" and income[-1].role is RowRole.TOTAL
    assert len([r for r in expenditure if r.role is RowRole.ITEM]) == 27


def test_three_public_rows_are_years(sample_filing) -> None:
    rows = _rows(sample_filing, TableKind.ThreePublicExpenses)
    assert [r.label for r in rows] == ["2023年", "2024年", "增减变化金额"]
    assert rows[2].amount("hospitality").value == Decimal("-0.10")
    assert rows[1].amount("vehicle_operation").value == Decimal("2.65")


def test_performance_targets(sample_filing) -> None:
    table = sample_filing.table(TableKind.PerformanceTargets)
    total = table.rows[-1]
    assert total.role is RowRole.TOTAL and total.amount("total").value == Decimal("33654.29")
    wrapped = next(i for i in sample_filing.indicators if i.location.line == 620)
    assert wrapped.name == "招商引资组织实施经费预期提供服务所需成本"
    assert (wrapped.comparator, wrapped.target_value, wrapped.target_unit) == ("<=", Decimal("255"), "万元")
    shifted = next(i for i in sample_filing.indicators if i.location.line == 578)
    assert (shifted.level1, shifted.level2) == ("产出指标", "数量指标")
    assert len(sample_filing.indicators) == 85  # lines 565–656, wrapped names joined


def test_performance_targets_whose_amounts_give_no_task_are_in_doubt(sample_filing) -> None:
    # a sheet shrunk to fit its page: the grid's cells ran many lines' words together, no task row read
    crowded = [
        GridRow(None, ["深圳市罗湖区企业服务中心", "主管部门主要内容主要包括", "深圳扶 总额24,900.00"]),
        GridRow(None, ["质量指标质量指标", "副处级以上干部健招聘程序", "康100%率100%放≥"]),
    ]
    table = replace(sample_filing.table(TableKind.PerformanceTargets), rows=[], doubts=[])
    read_performance_targets(table, crowded)
    assert not table.rows and table.doubts
    assert not sample_filing.table(TableKind.PerformanceTargets).doubts


@pytest.mark.parametrize("shown", ["深圳市罗湖区企业服", "深圳市罗湖区企业服务中心（本"])
def test_a_units_name_cut_short_by_its_cell_names_its_row(sample_filing, tmp_path: Path, shown: str) -> None:
    # a sheet prints a long name in a narrow cell only as far as the cell reaches: the unit's row was
    # read as an item, and 表八 had no line of its name (a false BG-X007, printed by LibreOffice Calc)
    lines = list(sample_lines())
    at = next(i for i, line in enumerate(lines) if line.startswith("深圳市罗湖区企业服务中心\t1,440.36\t"))
    lines[at] = lines[at].replace("深圳市罗湖区企业服务中心", shown, 1)
    path = tmp_path / "cut.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    filing = read_text(path)
    assert filing.table(TableKind.BasicExpenditureSummary).rows[0].role is RowRole.UNIT
    assert not [f for f in check_filing(filing).findings if f.rule == "BG-X007"]
    # a few characters of it, or a name it does not open, are no unit's
    assert not _cut_short("深圳市罗湖", {"深圳市罗湖区企业服务中心"})
    assert not _cut_short("深圳市罗湖区其他单位", {"深圳市罗湖区企业服务中心"})


@pytest.mark.parametrize("word", ["一百", "待定", "#REF!"])
def test_a_word_in_a_tasks_amount_cell_keeps_the_figures_in_their_columns(tmp_path: Path, word: str) -> None:
    # 人员经费's 总额 1187.61 printed as a word: its 财政拨款 and 其他资金 stay where they stand
    lines = list(sample_lines())
    at = next(i for i, line in enumerate(lines) if line.startswith("\t人员经费\t"))
    lines[at] = lines[at].replace("\t1187.61\t", f"\t{word}\t", 1)
    path = tmp_path / "word.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    table = read_text(path).table(TableKind.PerformanceTargets)
    row = next(r for r in table.rows if r.label == "人员经费")
    assert [(c, cell.text) for c, cell in row.cells.items()] == [
        ("total", word),
        ("appropriation", "1187.61"),
        ("other_funds", "0.00"),
    ]
    assert table.doubts  # an amount cell that reads as no figure


def test_reader_does_not_depend_on_line_numbers(tmp_path: Path) -> None:
    shifted = tmp_path / "shifted.md"
    shifted.write_text("\n\n\n" + "\n".join(sample_lines()), encoding="utf-8")
    filing = read_text(shifted)
    assert [t.location.line for t in filing.tables][:2] == [194, 234]
    assert filing.table(TableKind.ExpenditureSummary).rows[1].location.line == 256


def test_tables_titled_without_their_number_are_found_by_the_profiles(tmp_path: Path) -> None:
    """Another converter's titles ('## 收支总表', no '表一：'): the same tables, numbered by the contents
    list, and the same findings but for the quoted titles."""
    import re

    from budget_graph.check.engine import check_filing
    from tests.conftest import SAMPLE

    plain = re.sub(
        r"^(#*\s*)表[一二三四五六七八九十]+[：:]\s*", r"\1", SAMPLE.read_text(encoding="utf-8"), flags=re.M
    )
    path = tmp_path / "luohu.md"
    path.write_text(plain, encoding="utf-8")
    sample, converted = read_text(SAMPLE), read_text(path)
    assert [(t.kind, t.number) for t in converted.tables] == [(t.kind, t.number) for t in sample.tables]

    def found(filing) -> list[tuple]:
        return sorted((f.rule, f.severity.value, f.expected, f.actual) for f in check_filing(filing).findings)

    differ = set(found(converted)) ^ set(found(sample))
    assert {rule for rule, *_ in differ} <= {"BG-T010"}  # the title quoted as printed


def test_tables_numbered_in_arabic_numerals_keep_their_numbers(tmp_path: Path) -> None:
    """'表1：' where the sample says '表一：': the same tables, the same numbers."""
    import re

    from tests.conftest import SAMPLE

    numerals = "一二三四五六七八九十"
    arabic = re.sub(
        r"^(#*\s*)表([一二三四五六七八九十]+)[：:]",
        lambda m: f"{m.group(1)}表{numerals.index(m.group(2)[-1]) + 1 + 10 * (len(m.group(2)) > 1)}：",
        SAMPLE.read_text(encoding="utf-8"),
        flags=re.M,
    )
    path = tmp_path / "luohu.md"
    path.write_text(arabic, encoding="utf-8")
    assert "## 表1：" in arabic or "表1：" in arabic
    sample, converted = read_text(SAMPLE), read_text(path)
    assert [(t.kind, t.number) for t in converted.tables] == [(t.kind, t.number) for t in sample.tables]


SHANGHAI_STYLE = """# 某某区某某局2024年部门预算

预算主管部门：某某区某某局

目录

一、部门主要职能
二、部门预算编制说明
三、部门预算表
1. 2024年部门财务收支预算总表

# 部门主要职能

某某区某某局负责全区某某工作。

# 部门预算编制说明

2024年，某某区某某局收入预算1,300元，支出预算1,200元。

## 2024年部门财务收支预算总表

编制部门：某某区某某局　　单位：元

| 本年收入 | | 本年支出 | |
|---|---|---|---|
| 项目 | 预算数 | 项目 | 预算数 |
| 一、财政拨款收入 | 1,200 | 一、一般公共服务支出 | 1,200 |
| 收入总计 | 1,200 | 支出总计 | 1,200 |
"""


def test_parts_numbered_in_the_contents_without_their_part_number(tmp_path: Path) -> None:
    """A converter's markdown of a Shanghai filing: parts listed '一、部门主要职能' and headed '部门主要职能',
    a table titled without '表X：', a pipe table; the narrative's figures are checked against it."""
    from budget_graph.check.engine import check_filing

    path = tmp_path / "filing.md"
    path.write_text(SHANGHAI_STYLE, encoding="utf-8")
    filing = read_text(path)
    assert [(part.number, part.title) for part in filing.parts] == [
        (1, "部门主要职能"),
        (2, "部门预算编制说明"),
    ]
    assert [entry.part for entry in filing.toc if entry.part] == [1, 2, 3]
    assert [table.kind for table in filing.tables] == [TableKind.IncomeExpenditureSummary]
    # the filer and the unit on one line ('编制部门：某某区某某局　　单位：元'): both read
    assert [(table.unit, table.unit_name) for table in filing.tables] == [(Unit.YUAN, "某某区某某局")]
    assert filing.claims  # the narrative's part is read for figures
    errors = [f for f in check_filing(filing).findings if f.severity.value == "error"]
    assert any("1,300" in f.message for f in errors)  # 收入预算1,300元 against the table's 1,200


def test_a_text_of_the_tables_alone_is_named_by_its_tables_titles(tmp_path: Path) -> None:
    """A converter's text of a tables file, which has no cover: the titles name the unit and year."""
    tables = "\n\n".join(
        f"## 表{number}：2019年度江苏省政协办公厅{title}\n\n单位：万元\n\n| 项目 | 金额 |\n|---|---|\n| 合计 | 1.00 |"
        for number, title in (("一", "收支预算总表"), ("二", "收入预算总表"), ("三", "支出预算总表"))
    )
    path = tmp_path / "公开表.md"
    path.write_text(tables, encoding="utf-8")
    filing = read_text(path)
    assert (filing.unit, filing.year, filing.kind) == ("江苏省政协办公厅", 2019, Kind.BUDGET)


def _reading(filing) -> list[tuple]:
    return [(t.title, [c.meaning for c in t.columns], t.doubts) for t in filing.tables]


def test_a_caption_no_profile_knows_over_the_rows_labels_heads_text(tmp_path: Path, sample_filing) -> None:
    # a region's own words over the unit and code columns ('本级及下属单位', '分类代码'): they stand over
    # every row's labels, so they head text, not the first of the amounts (which put each figure one
    # column over, and gave false BG-X errors)
    text = "\n".join(sample_lines())
    text = text.replace("\n预算单位\t科目编码\t", "\n本级及下属单位\t分类代码\t").replace(
        "\n预算单位\t", "\n本级及下属单位\t"
    )
    text = text.replace("\n支出项目类别\t", "\n开支类别\t")
    assert text.count("本级及下属单位\t") == 8 and "分类代码" in text
    path = tmp_path / "luohu.md"
    path.write_text(text, encoding="utf-8")
    assert _reading(read_text(path)) == _reading(sample_filing)


def test_a_figure_no_caption_heads_on_one_side_of_a_summary_puts_it_in_doubt(tmp_path: Path) -> None:
    # a one-sided table so read was in doubt already; a two-sided summary was not
    path = tmp_path / "summary.md"
    path.write_text(
        "\n".join(
            [
                "# 2024年某某局部门预算",
                "## 表一：收支总表",
                "单位：万元",
                "收入\t\t支出\t",
                "项目\t金额\t项目\t金额",
                "一、一般公共预算拨款\t100.00\t一、一般公共服务支出\t100.00\t5.00",
                "收入总计\t100.00\t支出总计\t100.00\t5.00",
            ]
        ),
        encoding="utf-8",
    )
    (table,) = read_text(path).tables
    assert [(c.meaning, c.side) for c in table.columns][-1] == ("unplaced_0", "expenditure")
    assert any("无法对应表头" in doubt.message for doubt in table.doubts)


def test_a_caption_over_figures_is_kept_however_unknown() -> None:
    from budget_graph.read.layout import place_columns

    header = [["科目编码", "科目名称", "合计", "新设资金"]]
    # over the figures (from column 2): an amount column of a meaning no profile knows
    assert [c.meaning for c in place_columns(header, 2, labels_end=2).columns] == [
        "total",
        "unknown:新设资金",
    ]
    # over the labels: text
    header = [["分类代码", "科目名称", "合计", "基本支出"]]
    assert [c.meaning for c in place_columns(header, 2, labels_end=2).columns] == ["total", "basic"]


def test_a_total_under_the_year_heading_every_column_sums_its_siblings() -> None:
    """'2024年预算数' over 合计 and the 三公 items names what kind of figure all the columns hold: its 合计 is
    the items' total, not the year's amount (a group's own subtotal, as '基本支出/小计' is)."""
    from budget_graph.read.layout import place_columns

    header = [["2024年预算数", "", ""], ["合计", "因公出国（境）费", "公务接待费"]]
    assert [c.meaning for c in place_columns(header, 3).columns] == [
        "total",
        "overseas_travel",
        "hospitality",
    ]
    header = [["", "基本支出", ""], ["", "小计", "人员经费"]]
    assert [c.meaning for c in place_columns(header, 2, labels_end=1).columns] == ["basic", "personnel"]
    # a two-sided summary's 预算数/合计 is the line's amount
    header = [["预算数", ""], ["合计", "基本支出"]]
    assert [c.meaning for c in place_columns(header, 2, side="expenditure").columns] == ["amount", "basic"]


def test_a_column_of_a_year_before_the_tables_own_is_the_year_befores() -> None:
    """'2023年执行数' in a 2024 table is the year before's outturn, though no other caption names a year;
    and so it is when the reading set the 2024 group over it (its own label names its year)."""
    from budget_graph.read.layout import place_columns

    header = [["2023年执行数", "合计", "基本支出"]]
    assert [c.meaning for c in place_columns(header, 3, year=2024).columns] == [
        "prior_year",
        "total",
        "basic",
    ]
    assert [c.meaning for c in place_columns(header, 3).columns] == [
        "amount",
        "total",
        "basic",
    ]  # no year known
    grouped = [["2024年预算数", "", ""], ["2023年执行数", "小计", "基本支出"]]
    assert [c.meaning for c in place_columns(grouped, 3).columns] == ["prior_year", "total", "basic"]


def _errors_and_warnings(path: Path) -> list[tuple]:
    from budget_graph.check.engine import check_filing

    report = check_filing(read_text(path))
    return sorted(
        (f.rule, f.severity.value, f.expected, f.actual)
        for f in report.findings
        if f.severity.value != "info"
    )


def test_zeros_left_blank_read_under_their_own_columns(tmp_path: Path, sample_path: Path) -> None:
    # many tables print a zero as nothing: the cell left blank (its tab kept), or, at a row's end, the
    # cells left out altogether. A row then stops short of the header; read from its end, its figures
    # slid under the last columns (上年结转 took the total's figure: false BG-R004 and BG-X010 errors)
    lines = list(sample_lines())
    forms = lines[539:]  # the performance form, whose total row the converter set a cell to the left
    blank = [re.sub(r"\t0\.00(?=\t|$)", "\t", line) for line in lines[:539]] + forms
    cut = [re.sub(r"(\t0\.00)+$", "", line) for line in lines[:539]] + forms
    expected = _errors_and_warnings(sample_path)
    for name, text in (("blank.md", blank), ("cut.md", cut)):
        path = tmp_path / name
        path.write_text("\n".join(text), encoding="utf-8")
        assert _errors_and_warnings(path) == expected, name


def test_figures_in_a_currency_format_read_as_figures(tmp_path: Path, sample_path: Path) -> None:
    text = re.sub(r"(?<=\t)(-?)([\d,]+\.\d\d)(?=\t|$)", r"\1￥\2", "\n".join(sample_lines()), flags=re.M)
    path = tmp_path / "yuan-sign.md"
    path.write_text(text, encoding="utf-8")
    assert _errors_and_warnings(path) == _errors_and_warnings(sample_path)


def test_a_table_whose_figures_all_read_as_words_is_unread_not_empty(
    tmp_path: Path, sample_path: Path
) -> None:
    # '1,234.00万' in every cell: no row carries a figure, so every row was taken for the header and the
    # tables read empty ('空表'), the narrative's figures then errors against them (BG-N004, BG-N009)
    text = re.sub(r"(?<=\t)([\d,]+\.\d\d)(?=\t|$)", r"\1万", "\n".join(sample_lines()), flags=re.M)
    path = tmp_path / "suffixed.md"
    path.write_text(text, encoding="utf-8")
    filing = read_text(path)
    # the tables with no row read (every row taken for the header) and those whose rows' figures stand
    # among their words are all in doubt (the performance form's amounts are read by its own reader)
    assert all(t.doubts for t in filing.tables if t.kind is not TableKind.PerformanceTargets)
    errors = {f for f in _errors_and_warnings(path) if f[1] == "error"}
    assert errors <= {f for f in _errors_and_warnings(sample_path) if f[1] == "error"}


@pytest.mark.parametrize("word", ["预算", "预算数", "度"])
def test_three_public_rows_of_years_named_with_their_kind_are_years(
    tmp_path: Path, sample_path: Path, word: str
) -> None:
    # '2024年预算数' on the year's row: read as an item, the year's row was not found, and the narrative's
    # 三公 figures and their changes went unchecked
    text = "\n".join(sample_lines()).replace("级）\t2023年\t", f"级）\t2023年{word}\t")
    text = text.replace("\n\t2024年\t", f"\n\t2024年{word}\t")
    path = tmp_path / "luohu.md"
    path.write_text(text, encoding="utf-8")
    three_public = read_text(path).table(TableKind.ThreePublicExpenses)
    assert [r.role for r in three_public.rows] == [RowRole.PERIOD] * 3

    def everything(source: Path) -> list[tuple]:
        from budget_graph.check.engine import check_filing

        return sorted(
            (f.rule, f.severity.value, f.expected, f.actual) for f in check_filing(read_text(source)).findings
        )

    assert everything(path) == everything(sample_path)


def _with_code_parts(lines: list[str], rows: range) -> list[str]:
    """The tables on `rows` (the sample's lines, 1-based) with their codes in 类/款/项 columns, a part the
    row shares with the row above left blank, as Shanghai's tables (and pages converted from them) print."""
    out, above = [], ["", "", ""]
    for number, line in enumerate(lines, start=1):
        cells = line.split("\t")
        if number in rows and "\t" in line:
            code = cells[1]
            if code == "科目编码":
                cells[1:2] = ["类", "款", "项"]
            elif re.fullmatch(r"\d{3,7}", code):
                parts = [code[:3], code[3:5], code[5:7]]
                # a part is printed when it, or a part before it, differs from the code above
                shown = [p if parts[: i + 1] != above[: i + 1] else "" for i, p in enumerate(parts)]
                cells[1:2], above = shown, parts
            else:
                cells[1:2] = ["", "", ""]
        out.append("\t".join(cells))
    return out


def test_codes_in_category_columns_read_as_codes(tmp_path: Path, sample_path: Path, sample_filing) -> None:
    # '201 | 13 | 08': read as the code 201 and a name '13', the table was in doubt and each line a K002
    lines = _with_code_parts(list(sample_lines()), range(387, 470))
    assert "\t201\t13\t08\t招商引资" not in lines and "\t\t\t08\t招商引资" in "\n".join(lines)
    path = tmp_path / "luohu.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert [reading(t) for t in read_text(path).tables] == [reading(t) for t in sample_filing.tables]
    assert _errors_and_warnings(path) == _errors_and_warnings(sample_path)


def test_a_word_in_an_amount_column_keeps_the_figures_after_it_in_their_columns(
    tmp_path: Path, sample_path: Path
) -> None:
    # '30906 | 大型修缮 | 壹佰 | 0.00 | 28.69': read from the row's end, 0.00 and 28.69 became its 支出总计 and
    # 基本支出, and the roll-ups over them false errors (BG-R001, R004, X007)
    lines = list(sample_lines())
    assert lines[463] == "\t30906\t大型修缮\t28.69\t0.00\t28.69"
    lines[463] = "\t30906\t大型修缮\t壹佰\t0.00\t28.69"
    path = tmp_path / "luohu.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    economic = read_text(path).table(TableKind.GeneralBudgetByEconomicClass)
    [row] = [r for r in economic.rows if r.code == "30906"]
    assert {k: c.text for k, c in row.cells.items()} == {"total": "壹佰", "basic": "0.00", "project": "28.69"}
    assert economic.doubts
    errors = {f for f in _errors_and_warnings(path) if f[1] == "error"}
    assert errors <= {f for f in _errors_and_warnings(sample_path) if f[1] == "error"}


@pytest.mark.parametrize("between", [" ", ""])
def test_codes_printed_with_their_names_in_one_column_are_codes(
    tmp_path: Path, sample_filing, between: str
) -> None:
    # 表七 with one 科目 column: '201 一般公共服务支出' (or run on) over '20113 商贸事务' …
    lines = list(sample_lines())
    start = lines.index("预算单位\t科目编码\t科目名称\t支出总计\t基本支出\t项目支出")
    lines[start] = "预算单位\t科目名称\t支出总计\t基本支出\t项目支出"
    index = start + 1
    while lines[index]:
        unit, code, name, *figures = lines[index].split("\t")
        lines[index] = "\t".join([unit, f"{code}{between}{name}".strip(), *figures])
        index += 1
    path = tmp_path / "one-column.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    read = read_text(path).table(TableKind.GeneralBudgetByFunction)
    printed = sample_filing.table(TableKind.GeneralBudgetByFunction)
    assert [(r.code, r.label, r.role) for r in read.rows] == [(r.code, r.label, r.role) for r in printed.rows]


def test_names_opening_with_figures_of_no_tree_keep_them() -> None:
    from budget_graph.read.tables import _codes_out_of_names
    from tests.tables import table

    read = table(TableKind.Procurement, ["total"], [("100台式计算机", ["1.00"]), ("300套桌椅", ["2.00"])])
    _codes_out_of_names(read)
    assert [(r.code, r.label) for r in read.rows] == [(None, "100台式计算机"), (None, "300套桌椅")]


def test_page_numbers_left_among_the_lines_are_dropped(tmp_path: Path) -> None:
    # a converter left each page's number on a line of its own, one inside a sentence ('下降' / '7' /
    # '48.5%'): read, it would have made the change 748.5%
    lines = list(sample_lines())
    split = next(n for n, line in enumerate(lines) if "下降48.5%" in line)
    head, rest = lines[split].split("下降", 1)
    lines[split : split + 1] = [f"{head}下降", "", "7", "", rest]
    at = split
    for number in ("6", "5"):  # a page's lines apart, between two paragraphs
        at = next(n for n in range(at - 6, 0, -1) if not lines[n])
        lines[at : at + 1] = ["", number, ""]
    path = tmp_path / "numbered.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    claims = [(c.subject, c.amount, c.change, c.percent) for c in read_text(path).claims]
    assert claims == [(c.subject, c.amount, c.change, c.percent) for c in read_text(SAMPLE).claims]


@pytest.mark.parametrize("mark", ["## ", ""])
def test_a_part_title_wrapped_after_its_year_is_one_title(tmp_path: Path, mark: str) -> None:
    """'第二部分 深圳市罗湖区企业服务中心2024年' / '部门预算收支总体情况': cut at its year, the title named no
    topic, its rest was the part's first paragraph, and the part's figures were not read."""
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "## 第二部分 部门预算收支总体情况",
        f"{mark}第二部分 深圳市罗湖区企业服务中心2024年\n部门预算收支总体情况",
    )
    path = tmp_path / "wrapped.md"
    path.write_text(text, encoding="utf-8")
    filing = read_text(path)
    assert filing.parts[1].title == "深圳市罗湖区企业服务中心2024年部门预算收支总体情况"
    assert len(filing.claims) == len(read_text(SAMPLE).claims)
    # a title not cut at a year keeps its first short line as a line of the part
    kept = SAMPLE.read_text(encoding="utf-8").replace(
        "## 第一部分 部门概况", f"{mark}第一部分 部门概况\n主要职能"
    )
    path.write_text(kept, encoding="utf-8")
    assert read_text(path).parts[0].title == "部门概况"
