"""A department's final accounts (部门决算) in the Ministry of Finance's forms, the 决算 the corpus has none of
(tests/national_accounts.py: made up from a seed, every figure agreeing with every other), read from its
web page, printed to PDF, and laid out as text. It must read whole, with no error; and a figure changed
anywhere in its tables or its narrative must be found."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from budget_graph.model import Kind, RowRole, TableKind
from budget_graph.read import read_file
from tests import national_accounts, national_forms
from tests.national_accounts import ACCOUNTS_FORM, KINDS, AccountsForm, as_html, make_accounts
from tests.national_forms import page_file, title_before
from tests.printing import PRINTERS, print_page, skip_unless_printer
from tests.tables import changes_unfound, error_findings, read_alike

FORMS = {
    "as the Ministry sets them": AccountsForm(),
    "in 元": AccountsForm(yuan=True),
    "codes in 类/款/项 columns": AccountsForm(split_codes=True),
    "rows and columns not numbered": AccountsForm(numbers=False),
    "the unit named in every title, zeros printed 0.00": AccountsForm(unit_in_titles=True, zero="0.00"),
    "numbered 表1, zeros printed -": AccountsForm(numbering="表{n}", zero="-"),
    "titles in the tables' captions": AccountsForm(in_table=True, thead=True),
    "三公 items as rows": AccountsForm(three_public_rows=True),
    "a table of contents": AccountsForm(contents=True),
    # '项目' over the row's label: no phase (the web page), and the PDF reader hands the header over without it
    "the 三公 row labelled": AccountsForm(three_public_label="金额"),
}
_FIGURE_CELL = re.compile(r'<td class="n"(?: colspan="\d+")?>([0-9,]+\.\d\d)</td>')
_NARRATIVE_FIGURE = re.compile(r"([0-9][0-9,]*\.\d\d)(万元|%)")


def _page(folder: Path, form: AccountsForm = ACCOUNTS_FORM, seed: int = 1) -> Path:
    return page_file(folder, "accounts.html", as_html(make_accounts(seed), form))


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS)
def test_the_forms_read_whole_and_without_error(tmp_path: Path, form: AccountsForm) -> None:
    filing = read_file(_page(tmp_path, form))
    assert filing.kind is Kind.FINAL and filing.year == 2023
    assert [table.kind for table in filing.tables] == KINDS
    assert not [table.title for table in filing.tables if table.doubts]
    assert not error_findings([filing])
    assert len(filing.claims) >= 45


def test_the_three_public_expenses_under_budget_and_actual_read_as_a_row_each(tmp_path: Path) -> None:
    """预算数 over the items, then 决算数 over the same: a row per phase, as a 决算 whose items each head a
    预算数 and a 决算数 column reads."""
    filing = read_file(_page(tmp_path))
    (table,) = [t for t in filing.tables if t.kind is TableKind.ThreePublicExpenses]
    assert [row.label for row in table.rows] == ["预算数", "决算数"]
    assert [c.meaning for c in table.columns] == [
        "total", "overseas_travel", "vehicles", "vehicle_purchase", "vehicle_operation", "hospitality"
    ]  # fmt: skip


def test_basic_spending_in_three_column_sets_reads_as_one_list(tmp_path: Path) -> None:
    """人员经费 over the first code-name-amount set, 公用经费 over the other two, the 商品和服务支出 items running
    on from the second into the third; 公用经费合计 merged across both, its figure in the last column."""
    filing = read_file(_page(tmp_path))
    (table,) = [t for t in filing.tables if t.kind is TableKind.GeneralBudgetByEconomicClass]
    assert [c.meaning for c in table.columns] == ["actual"]
    codes = [row.code for row in table.rows if row.role is RowRole.ITEM]
    assert codes.index("302") > codes.index("30302") and codes[-1] == "30299"
    totals = [
        (row.label, str(row.cells["actual"].amount.value)) for row in table.rows if row.role is RowRole.TOTAL
    ]
    accounts = make_accounts(1).actual
    assert totals == [
        ("人员经费合计", f"{accounts.personnel / 100:.2f}"),
        ("公用经费合计", f"{accounts.operating / 100:.2f}"),
    ]


def test_the_year_s_spending_over_its_parts_is_the_table_s_total(tmp_path: Path) -> None:
    """本年支出 over 小计, 基本支出, 项目支出, the table's only group: its 小计 is the total; beside 年初结转和结余
    and 本年收入 (the fund tables) it is the year's spending, of which 基本支出 and 项目支出 are parts."""
    filing = read_file(_page(tmp_path))
    by_function, fund = (
        filing.table(k) for k in (TableKind.GeneralBudgetByFunction, TableKind.GovernmentFundBudget)
    )
    assert [c.meaning for c in by_function.columns] == ["total", "basic", "project"]
    assert "current_expenditure" in [c.meaning for c in fund.columns]


VARIANTS = [AccountsForm(), AccountsForm(split_codes=True, numbers=False, three_public_rows=True)]


@pytest.mark.parametrize("form", VARIANTS, ids=["ministry", "variants"])
def test_a_figure_changed_anywhere_in_the_tables_is_found(tmp_path: Path, form: AccountsForm) -> None:
    page = as_html(make_accounts(1), form)
    missed = changes_unfound(page, _FIGURE_CELL, tmp_path / "changed.html")
    assert not [(title_before(page, m.start()), m.group(1)) for m in missed]


@pytest.mark.parametrize("form", VARIANTS, ids=["ministry", "variants"])
def test_a_figure_the_narrative_states_changed_is_found(tmp_path: Path, form: AccountsForm) -> None:
    """The national 决算 narrative restates the tables: 收、支总计各…, each source's income and its share,
    basic and project spending, 财政拨款收、支总计各…, the general budget's spending by class and by 项
    against its initial budget, 人员经费 and 公用经费, the 三公 budget and actual, each item and its share
    of the 三公 actual ('…支出决算中，因公出国（境）费支出决算0.00万元，占0.00%'), the parts of the vehicles'
    figure, and the procurement total with its goods, works and services (BG-N014: no table prints them);
    with the 三公 items as rows, each statement against its item's row (BG-D006)."""
    page = as_html(make_accounts(1), form)
    start, others = page.index("第三部分"), page.index("第四部分")
    missed = changes_unfound(page, _NARRATIVE_FIGURE, tmp_path / "changed.html", start, others)
    assert not [page[m.start() - 20 : m.end()] for m in missed]


PRINTED = {
    "ministry": AccountsForm(),
    "类款项": AccountsForm(split_codes=True, numbers=False, yuan=True),
    # rows cut by the page breaks in their wrapped names, under the header and its 栏次 row printed again
    "A5, with a table of contents": AccountsForm(paper="A5", thead=True, contents=True),
    # the printed header cut of its label columns' captions is 预算数 | 决算数 alone: no phases over items
    "三公 items as rows": AccountsForm(three_public_rows=True),
    "the 三公 row labelled": AccountsForm(three_public_label="金额", paper="A4 landscape"),
}


@pytest.mark.parametrize("printer", PRINTERS)
@pytest.mark.parametrize("form", PRINTED.values(), ids=PRINTED)
def test_the_forms_printed_read_as_the_web_page(tmp_path: Path, printer: str, form: AccountsForm) -> None:
    skip_unless_printer(printer)
    page = _page(tmp_path, form, seed=2)
    print_page(page, tmp_path / "accounts.pdf", printer)
    printed, original = read_file(tmp_path / "accounts.pdf"), read_file(page)
    assert read_alike(printed, original) == [True] * 7
    assert not error_findings([printed])
    assert [(c.subject, c.amount) for c in printed.claims] == [(c.subject, c.amount) for c in original.claims]


LONG_NAME = "青山市河西区人民政府统计局（青山市河西区第五次全国经济普查领导小组办公室）"


@pytest.mark.parametrize("printer", PRINTERS)
def test_a_unit_whose_name_wraps_its_filer_line_reads_as_the_web_page(
    tmp_path: Path, printer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that wraps the filer line on A5 (`部门：…第五次全国经济` / `普查领导小组办公室）`) moves every
    page break. One cuts a row of the 基本支出 table's three column sets: WeasyPrint sends the middle
    set's name on whole (`差旅费`) and cuts the right set's (`其他商` / `品和服务支出`). Each alone was
    joined to its row; the two together were read as a row of names of no code and no figure."""
    skip_unless_printer(printer)
    for module in (national_forms, national_accounts):
        monkeypatch.setattr(module, "UNIT", LONG_NAME)
    page = _page(tmp_path, AccountsForm(paper="A5"), seed=3)
    print_page(page, tmp_path / "accounts.pdf", printer)
    printed, original = read_file(tmp_path / "accounts.pdf"), read_file(page)
    assert printed.unit == original.unit.replace("（", "(").replace("）", ")")
    assert read_alike(printed, original) == [True] * 7
    assert not error_findings([printed])


HARDER = {
    "without rules": AccountsForm(rules=False),
    "on A5 in 元": AccountsForm(paper="A5", thead=True, yuan=True),
}


@pytest.mark.parametrize("printer", PRINTERS)
@pytest.mark.parametrize("form", HARDER.values(), ids=HARDER)
def test_the_forms_printed_harder_to_read_give_no_error(
    tmp_path: Path, printer: str, form: AccountsForm
) -> None:
    """Read by the alignment of their words, or on paper too narrow for them (a row cut by a page break
    in a narrow column's wrapped name, a table wider than its page that the browser clips): tables the
    reader cannot read for sure are in doubt, none misread as sure."""
    skip_unless_printer(printer)
    print_page(_page(tmp_path, form, seed=2), tmp_path / "accounts.pdf", printer)
    filing = read_file(tmp_path / "accounts.pdf")
    assert [table.kind for table in filing.tables] == KINDS
    assert not error_findings([filing])


LAID_OUT = {"ministry": AccountsForm(), "figures left": AccountsForm(figures_left=True, split_codes=True)}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext absent")
@pytest.mark.parametrize("printer", PRINTERS)
@pytest.mark.parametrize("form", LAID_OUT.values(), ids=LAID_OUT)
def test_the_printed_forms_laid_out_as_text_give_no_error(
    tmp_path: Path, printer: str, form: AccountsForm
) -> None:
    """pdftotext lays the print out with its columns squeezed: a row's figures a space apart stand where
    the line had room ('1,665.16 1,001.14'), and a caption over a blank column right over the next figure.
    Which columns are blank is then a guess: the table is in doubt, none misread as sure (项目支出 read as
    上缴上级支出 gave three false errors). The 栏次 row, printed right over the figures, says which caption
    heads which: figures set left moved the captions off them, and 财政拨款收入 was read as 上级补助收入."""
    skip_unless_printer(printer)
    print_page(_page(tmp_path, form, seed=7), tmp_path / "accounts.pdf", printer)
    text = tmp_path / "accounts.txt"
    subprocess.run(["pdftotext", "-layout", str(tmp_path / "accounts.pdf"), str(text)], check=True)
    filing = read_file(text)
    assert [table.kind for table in filing.tables] == KINDS
    assert not error_findings([filing])
