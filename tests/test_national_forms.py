"""A department's budget in the Ministry of Finance's forms, a region the corpus has no filing of
(tests/national_forms.py: made up from a seed, every figure agreeing with every other), read from its web
page and from that page printed to PDF. It must read whole, with no error; and a figure changed anywhere
in its tables must be found."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.model import RowRole, TableKind
from budget_graph.read import read_file
from budget_graph.read.grid_rows import items_as_columns
from tests.national_forms import FORM, KINDS, Form, as_html, make_budget, money, page_file, title_before
from tests.printing import PRINTERS, print_page, skip_unless_printer
from tests.tables import changes_unfound, error_findings, reading

FORMS = {
    "as the Ministry sets them": Form(),
    "in 元": Form(yuan=True),
    "codes in 类/款/项 columns": Form(split_codes=True),
    "the unit named in every title": Form(unit_in_titles=True),
    "numbered 表一": Form(numbering="表{cn}"),
    "numbered 公开01表": Form(numbering="公开{n:02d}表"),
    "not numbered": Form(numbering=""),
    "the change on the year before": Form(change=True),
    "人员经费 and 公用经费 side by side": Form(basic_sides=True),
    "三公 for this year alone": Form(three_public_years=1),
    "收入总表 by unit": Form(by_unit=True),
    "zeros printed 0.00": Form(zero="0.00"),
    "zeros printed -": Form(zero="-", by_unit=True),
    "政府采购预算表 by its items alone": Form(procurement="items"),
    "政府采购预算表 under its categories": Form(procurement="categories", split_codes=True),
    "the 三公 row labelled under 项目": Form(three_public_label="金额"),
    "spending broken down by purpose too": Form(by_purpose=True),
}
_FIGURE_CELL = re.compile(r'<td class="n">([0-9,]+\.\d\d)</td>')


def _page(folder: Path, form: Form = FORM, seed: int = 1) -> Path:
    return page_file(folder, "budget.html", as_html(make_budget(seed), form))


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS)
def test_the_forms_read_whole_and_without_error(tmp_path: Path, form: Form) -> None:
    filing = read_file(_page(tmp_path, form))
    assert [table.kind for table in filing.tables] == KINDS + [TableKind.Procurement] * bool(form.procurement)
    assert not [table.title for table in filing.tables if table.doubts]
    assert not error_findings([filing])
    assert len(filing.claims) >= 30  # the narrative's figures are read, so they are checked


def test_the_three_public_expenses_under_each_year_read_as_a_row_per_year(tmp_path: Path) -> None:
    """The “三公” table heads its items once under each year (2023年预算数 | 2024年预算数 side by side):
    a row per year, items as columns, as the tables with a row per year read."""
    filing = read_file(_page(tmp_path))
    (table,) = [t for t in filing.tables if t.kind is TableKind.ThreePublicExpenses]
    assert [(row.role, row.label) for row in table.rows] == [
        (RowRole.PERIOD, "2023年预算数"),
        (RowRole.PERIOD, "2024年预算数"),
    ]
    assert [c.meaning for c in table.columns] == [
        "total", "overseas_travel", "vehicles", "vehicle_purchase", "vehicle_operation", "hospitality"
    ]  # fmt: skip


def test_units_listed_by_their_codes_are_the_units_rows(tmp_path: Path) -> None:
    """单位编码 | 单位名称 heads the 收入总表's rows: '301001' is a unit's code, not a functional class's."""
    filing = read_file(_page(tmp_path, Form(by_unit=True)))
    (table,) = [t for t in filing.tables if t.kind is TableKind.IncomeSummary]
    assert [(row.role, row.code, row.location.row) for row in table.rows] == [
        (RowRole.TOTAL, None, "合计"),
        (RowRole.UNIT, None, "301001 青山市河西区统计局(本级)"),
        (RowRole.UNIT, None, "301002 青山市河西区统计普查中心"),
    ]
    assert not [f for f in check_filing(filing).findings if f.severity.value != "info"]


def test_spending_broken_down_by_purpose_beside_the_classes_reads_as_a_side_of_its_own(
    tmp_path: Path,
) -> None:
    """Jiangsu's 收支预算总表 breaks spending down by class and by purpose side by side, under totals
    printed across both: the lines by purpose are a side of their own, summed and restated."""
    budget = make_budget(1)
    filing = read_file(page_file(tmp_path, "budget.html", as_html(budget, Form(by_purpose=True))))
    summary = filing.tables[0]
    assert [(row.label, row.cells["amount"].text) for row in summary.rows if row.side == "purpose"] == [
        ("一、基本支出", f"{budget.of(budget.basic, '') / 100:,.2f}"),
        ("二、项目支出", f"{budget.of(budget.project, '') / 100:,.2f}"),
    ]
    assert [row.label for row in summary.rows if row.side == "expenditure"][-3:] == [
        "当年支出小计",
        "结转下年资金",
        "支出合计",
    ]


def test_personnel_and_operating_costs_side_by_side_read_as_one_list(tmp_path: Path) -> None:
    """The 基本支出表 lists 人员经费 and 公用经费 side by side, each under its name and over its own codes,
    names and amounts: one list, the left half's rows, then the right's."""
    filing = read_file(_page(tmp_path, Form(basic_sides=True)))
    (table,) = [t for t in filing.tables if t.kind is TableKind.GeneralBudgetByEconomicClass]
    assert [c.meaning for c in table.columns] == ["amount"]
    codes = [row.code for row in table.rows if row.role is RowRole.ITEM]
    assert codes[0] == "301" and "302" in codes and codes == sorted(codes, key=lambda c: c[:3] == "302")
    assert [row.label for row in table.rows if row.role is RowRole.TOTAL] == ["人员经费合计", "公用经费合计"]


@pytest.mark.parametrize(
    "form",
    [Form(), Form(basic_sides=True, change=True, by_unit=True, by_purpose=True)],
    ids=["ministry", "variants"],
)
def test_a_figure_changed_anywhere_in_the_tables_is_found(tmp_path: Path, form: Form) -> None:
    page = as_html(make_budget(1), form)
    missed = changes_unfound(page, _FIGURE_CELL, tmp_path / "changed.html")
    assert not [(title_before(page, m.start()), m.group(1)) for m in missed]


PRINTED = {
    "ministry": Form(),
    "类款项": Form(split_codes=True, numbering="表{cn}"),
    "variants": Form(three_public_years=1, basic_sides=True, change=True, in_table=True),
    "A5": Form(paper="A5", thead=True),
    "units": Form(by_unit=True, zero="—"),
    "三公 labelled": Form(three_public_label="本部门", paper="A4 landscape"),
    "by purpose": Form(by_purpose=True, split_codes=True),
}


@pytest.mark.parametrize("printer", PRINTERS)
@pytest.mark.parametrize("form", PRINTED.values(), ids=PRINTED)
def test_the_forms_printed_read_as_the_web_page(tmp_path: Path, printer: str, form: Form) -> None:
    skip_unless_printer(printer)
    page = _page(tmp_path, form, seed=2)
    print_page(page, tmp_path / "budget.pdf", printer)
    printed, original = read_file(tmp_path / "budget.pdf"), read_file(page)
    # the number printed over a title is read into it ('表1 2024年部门收支总表'), the web page's is not
    assert all(
        "".join(p.title.split()).endswith(o.title)
        for p, o in zip(printed.tables, original.tables, strict=True)
    )
    # the empty fund table's blank 合计 row: a ruled grid shows it is a row, the page's text does not
    read = [
        (reading(p)[1:], reading(o)[1:])
        for p, o in zip(printed.tables, original.tables, strict=True)
        if o.rows
    ]
    assert len(read) == 7 and all(p == o for p, o in read)
    assert not error_findings([printed])
    assert [(c.subject, c.amount) for c in printed.claims] == [(c.subject, c.amount) for c in original.claims]


def test_a_figure_changed_in_the_printed_forms_is_found(tmp_path: Path) -> None:
    skip_unless_printer("weasyprint")
    page = as_html(make_budget(3), Form())
    three_public = page.index("“三公”经费支出表")
    prior_total = _FIGURE_CELL.search(page, three_public)  # the year before's total, under 2023年预算数
    changed = tmp_path / "changed.html"
    changed.write_text(
        page[: prior_total.start(1)] + "9,999.99" + page[prior_total.end(1) :], encoding="utf-8"
    )
    print_page(changed, tmp_path / "changed.pdf", "weasyprint")
    findings = check_filing(read_file(tmp_path / "changed.pdf")).findings
    assert [(f.rule, f.actual) for f in findings if f.severity.value == "error"][:1] == [
        ("BG-R004", "9,999.99万元")
    ]


@pytest.mark.parametrize(
    "tree",
    [
        [["", "", ""], ["合计", "因公出国（境）费", "公务接待费"]],  # no group over the items
        [
            ["2023年预算数", "", "2024年预算数", ""],
            ["合计", "公务接待费", "合计", "公费"],
        ],  # a caption cut short
        [["2023年预算数", "", "增减率", ""], ["合计", "公务接待费", "合计", "公务接待费"]],  # not a year
    ],
)
def test_a_header_not_heading_the_same_items_under_each_year_is_left_as_it_is(tree: list[list[str]]) -> None:
    assert items_as_columns(tree, 1) is None


@pytest.mark.parametrize("printer", PRINTERS)
@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_the_forms_printed_without_rules_give_no_error(tmp_path: Path, printer: str, paper: str) -> None:
    """Read by the alignment of their words, tables it cannot place for sure are in doubt. On A5 the
    财政拨款收支总表's labels wrap round their figures, each line read as a row ('（一）一般' / '公共预算拨款
    1,657.70'): its items stood apart from their lines, ten false errors, until such a split put it in doubt."""
    skip_unless_printer(printer)
    print_page(_page(tmp_path, Form(paper=paper, rules=False), seed=7), tmp_path / "budget.pdf", printer)
    filing = read_file(tmp_path / "budget.pdf")
    assert [table.kind for table in filing.tables] == KINDS
    assert not error_findings([filing])


_NARRATIVE_FIGURE = re.compile(r"([0-9][0-9,]*\.\d\d)万元")


def test_a_figure_the_narrative_states_changed_is_found(tmp_path: Path) -> None:
    """The Ministry's narrative restates the tables: 收支总预算, each source's income, 财政拨款收支总预算, each
    class, 一般公共预算当年拨款 and each 项 with their changes on the year before's 执行数, 基本支出, 人员经费,
    公用经费 and the 三公 figures. Not checked: the 机关运行经费, procurement and performance figures, which these
    forms print in no table."""
    page = as_html(make_budget(1), Form())
    start, others = page.index("第三部分"), page.index("九、其他重要事项")
    missed = changes_unfound(page, _NARRATIVE_FIGURE, tmp_path / "changed.html", start, others)
    assert not [page[m.start() - 20 : m.end()] for m in missed]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext absent")
@pytest.mark.parametrize(
    "form", [Form(), Form(change=True, split_codes=True, figures_left=True)], ids=["ministry", "类款项 left"]
)
def test_the_printed_forms_laid_out_as_text_give_no_error(tmp_path: Path, form: Form) -> None:
    """pdftotext's layout of the print: tables it cannot place for sure are in doubt, none misread as sure
    (its 类/款/项 columns squeezed to one space, '201 05 01 行政运行', gave 22 false errors)."""
    skip_unless_printer("weasyprint")
    print_page(_page(tmp_path, form, seed=7), tmp_path / "budget.pdf", "weasyprint")
    text = tmp_path / "budget.txt"
    subprocess.run(["pdftotext", "-layout", str(tmp_path / "budget.pdf"), str(text)], check=True)
    filing = read_file(text)
    assert [table.kind for table in filing.tables] == KINDS
    assert not error_findings([filing])


def test_a_label_wrapped_into_two_rows_of_a_summary_puts_it_in_doubt() -> None:
    """'（一）一般' over '公共预算拨款 1,657.70': one line's label read as two rows, no figure on the first."""
    from budget_graph.model import Location, Table, Unit
    from budget_graph.read.grid_rows import GridRow, TableGrid
    from budget_graph.read.tables import build_table

    def summary(*lines: list[str]) -> Table:
        table = Table(
            TableKind.AppropriationSummary, "财政拨款收支总表", 4, Unit.WAN, Location("t.txt", line=1)
        )
        header = [GridRow(1, ["收入", "", "支出", ""]), GridRow(2, ["项目", "预算数", "项目", "预算数"])]
        rows = [GridRow(3 + i, cells, amounts_from=None) for i, cells in enumerate(lines)]
        build_table(table, TableGrid([*header, *rows]), set())
        return table

    whole = summary(
        ["一、本年收入", "100.00", "一、本年支出", "100.00"],
        ["（一）一般公共预算拨款", "100.00", "（一）一般公共服务支出", "100.00"],
    )
    assert not whole.doubts
    wrapped = summary(
        ["一、本年收入", "100.00", "一、本年支出", "100.00"],
        ["（一）一般", "", "（一）一般", ""],
        ["公共预算拨款", "100.00", "公共服务支出", "100.00"],
    )
    assert "(一)一般 / 公共预算拨款" in wrapped.doubts[-1].message  # labels width-folded
    assert "(一)一般 / 公共服务支出" in wrapped.doubts[-1].message


def test_a_misstated_figure_in_other_phrasings_of_the_narrative_is_found(tmp_path: Path) -> None:
    """Regions word the same statements otherwise; each sentence here states one figure one 万元 off."""
    budget = make_budget(1)
    basic, project = sum(budget.basic.values()), sum(budget.project.values())
    off = money(budget.appropriation + 100)  # the appropriation, one 万元 more
    sentences = [
        f"2024年部门预算收入总计{money(budget.total + 100)}万元。",
        f"收入预算中，一般公共预算拨款{off}万元，占99.8%。",
        f"2024年财政拨款收入预算{off}万元。",
        f"2024年一般公共预算拨款支出{off}万元。",
        f"支出预算中，基本支出{money(basic + 100)}万元，占36.6%。",
        f"一般公共预算财政拨款基本支出{money(basic + 100)}万元。",
        f"按支出功能分类科目划分，一般公共服务支出{money(budget.spending('201') + 100)}万元。",
        f"2024年部门预算支出总计{money(budget.total)}万元，其中项目支出{money(project + 100)}万元。",
    ]
    page, anchor = as_html(budget, Form()), "<h3>二、收入预算情况</h3>"
    missed = []
    for sentence in sentences:
        (tmp_path / "budget.html").write_text(
            page.replace(anchor, f"<p>{sentence}</p>{anchor}"), encoding="utf-8"
        )
        if not error_findings([read_file(tmp_path / "budget.html")]):
            missed.append(sentence)
    assert not missed
