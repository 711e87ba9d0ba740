"""Whose filing, which year and kind: read from the cover, a heading, the tables' titles or the file's
name — a file holding only the tables of a filing published as two files names itself there too."""

from __future__ import annotations

import re

import pytest

from budget_graph.errors import InputError
from budget_graph.model import Kind
from budget_graph.read.metadata import Evidence, filing_metadata

_FILER = re.compile(r"^(?:编制单位|预算单位)\s*[:：]\s*(\S+)$")
COURT_TABLES = [
    "一、2018年度江苏省高级人民法院收支预算总表",
    "二、2018年度江苏省高级人民法院收入预算总表",
    "三、2018年度江苏省高级人民法院支出预算总表",
]


def _read(cover=(), lines=(), titles=(), filers=(), notes=(), stem="公开表"):
    evidence = Evidence(list(cover), list(lines), list(titles), list(filers), list(notes), stem)
    return filing_metadata(evidence, _FILER, "x.pdf")


def test_the_cover_names_unit_year_kind_and_level() -> None:
    read = _read(cover=["上海市2025年市级单位预算", "预算单位：上海市财政局"])
    assert (read.unit, read.year, read.kind, read.level) == ("上海市财政局", 2025, Kind.BUDGET, "unit")


def test_a_cover_filer_wrapped_under_its_line_is_joined_when_the_tables_name_the_whole() -> None:
    cover = ["2018年部门预算", "编制单位：中国共产党江苏省委员会", "办公厅", "2018年2月"]
    read = _read(cover=cover, filers=["中共江苏省委办公厅"])
    assert read.unit == "中国共产党江苏省委员会办公厅"


def test_a_cover_filer_line_running_on_to_the_unit_of_its_figures_names_the_filer() -> None:
    # a tables file opening with a table: its first lines are the title and '编制单位：XX院 单位：万元'
    read = _read(
        cover=["一、收支预算总表", "编制单位：江苏省高级人民法院单位：万元"], titles=COURT_TABLES[:1]
    )
    assert read.unit == "江苏省高级人民法院"


def test_a_cover_filer_is_not_joined_to_a_line_nothing_else_names_with_it() -> None:
    cover = ["2018年部门预算", "编制单位：江苏省高级人民法院", "二〇一八年二月"]
    assert _read(cover=cover, filers=["江苏省高级人民法院"]).unit == "江苏省高级人民法院"


def test_a_tables_file_is_named_by_what_its_titles_share() -> None:
    read = _read(titles=COURT_TABLES)
    assert (read.unit, read.year, read.kind, read.level) == (
        "江苏省高级人民法院",
        2018,
        Kind.BUDGET,
        "department",
    )
    assert read.notes == ()


def test_the_level_word_every_tables_own_name_opens_with_is_no_part_of_the_unit() -> None:
    titles = [title.replace("法院", "法院部门") for title in COURT_TABLES]  # '…法院部门收支预算总表'
    assert _read(titles=titles).unit == "江苏省高级人民法院"


def test_two_titles_are_too_few_to_name_the_unit() -> None:
    read = _read(titles=COURT_TABLES[:2])
    assert (read.unit, read.unit_from_name) == ("公开表", True)  # the file name stands for it


def test_what_every_title_shares_is_no_unit_when_it_is_the_tables_words() -> None:
    titles = ["2025年预算单位收入预算总表", "2025年预算单位支出预算总表", "2025年预算单位财务收支预算总表"]
    assert (_read(titles=titles).unit, _read(titles=titles).unit_from_name) == ("公开表", True)


def test_a_file_of_no_table_naming_no_unit_is_refused() -> None:
    with pytest.raises(InputError, match="not a budget filing"):
        _read(lines=["2025年部门预算编制说明"], notes=["2025年"])


def test_a_part_heading_that_titles_the_filing_names_the_unit() -> None:
    for heading in (
        "第二部分上海市普陀区财政局2024年度部门决算表",
        "第二部分上海市普陀区财政局2024年度决算表",
    ):
        read = _read(cover=["收入支出决算总表", heading])
        assert (read.unit, read.year, read.kind) == ("上海市普陀区财政局", 2024, Kind.FINAL)


def test_a_part_on_a_term_or_a_sentence_broken_after_a_budget_names_no_unit() -> None:
    # a file opening with the parts printed after the tables: '一、2025年“三公”经费预算情况说明', and a
    # sentence's line ending at '…部门预算' ('根据《江苏省财政厅关于' / '2018年部门预算…')
    for line in ("一、2025年“三公”经费预算情况说明", "根据《江苏省财政厅关于2018年部门预算"):
        read = _read(cover=[line], titles=COURT_TABLES, filers=["江苏省高级人民法院"])
        assert read.unit == "江苏省高级人民法院"


def test_a_sentence_naming_a_year_and_a_budget_is_no_title() -> None:
    titles = ["2025年预算单位收入预算总表", "2025年单位“三公”经费和机关运行经费预算表"]
    sentence = "2025年部门预算安排购置车辆0辆,其中:部级领导干部用车0辆"
    read = _read(cover=["预算单位：上海市财政局"], lines=[sentence], titles=titles)
    assert read.level == "unit"  # the tables' titles say so, the sentence's 部门预算 does not count
    titles.append("2025年预算单位一般公共预算基本支出部门预算经济分类预算表")  # a classification's name
    assert _read(cover=["预算单位：上海市财政局"], titles=titles).level == "unit"
    assert _read(cover=["编制单位：某局"], titles=["2025年部门收支预算总表"]).level == "department"


def test_the_file_name_names_the_unit_last_and_says_so() -> None:
    read = _read(titles=["收入预算总表"], notes=["2017年"], stem="江苏省委办公厅2017年预算公开表格")
    assert (read.unit, read.year) == ("江苏省委办公厅", 2017)
    assert read.notes == ("单位名称取自文件名 unit name taken from the file name: 江苏省委办公厅",)


def test_the_file_name_says_budget_or_final_accounts_when_the_titles_do_not() -> None:
    titles = ["2019年度某局收支总表", "2019年度某局收入总表", "2019年度某局支出总表"]
    read = _read(titles=titles, stem="某局2019年预算公开表")
    assert (read.unit, read.kind) == ("某局", Kind.BUDGET)
    assert read.notes == (
        "预决算类别取自文件名 budget or final accounts taken from the file name: 预算 budget",
    )
    alone = _read(titles=titles, stem="公开表")  # the budget's forms: a final accounts' say 决算
    assert alone.kind is Kind.BUDGET
    assert alone.notes == ("预决算类别按表格式样推定为预算 budget, as the tables' forms are the budget's",)
    with pytest.raises(InputError):
        _read(titles=["2019年度某局情况表"], stem="公开表")


def test_the_file_name_gives_the_year_with_its_nian_left_out() -> None:
    # tables that print no year, the file named '…2018度…' (Jiangsu's CPPCC, 2018)
    read = _read(
        titles=["收支预算总表", "收入预算总表"],
        filers=["江苏省政协办公厅"],
        stem="江苏省政协办公厅2018度部门预算公开表",
    )
    assert read.year == 2018
    assert read.notes == ("年度取自文件名 year taken from the file name: 2018",)


@pytest.mark.parametrize(
    ("title", "kind"), [("项目支出绩效目标表", Kind.BUDGET), ("项目支出绩效自评表", Kind.FINAL)]
)
def test_performance_forms_published_alone_belong_to_the_budget_or_the_final_accounts(
    title: str, kind: Kind
) -> None:
    # a file of project performance forms naming neither 预算 nor 决算: targets are set with the budget,
    # evaluated against the final accounts; its narrative and tables beside it give it its unit
    read = _read(titles=[title], notes=["2023年"], stem="附件3")
    assert (read.year, read.kind, read.unit_from_name) == (2023, kind, True)


def test_a_tables_file_naming_no_unit_anywhere_stands_under_its_file_name() -> None:
    """Its narrative beside it in the folder gives it its name (read.group_filings): not refused."""
    read = _read(titles=["收入预算总表", "支出预算总表"], notes=["2017年"], stem="2017年度部门预算公开表")
    assert (read.unit, read.year, read.kind, read.unit_from_name) == (
        "2017年度部门预算公开表",
        2017,
        Kind.BUDGET,
        True,
    )
    assert read.notes[-1].startswith("文件未印出单位名称")


def test_a_narrative_titled_only_in_its_parts_naming_no_unit_is_read_under_its_file_name() -> None:
    # a 说明 without a cover (js-cppcc 2019), saved as '9.pdf': joined to its tables by what it states
    read = _read(lines=["目录", "第一部分部门概况", "第二部分2019年度部门预算表"])
    assert (read.unit, read.year, read.kind, read.unit_from_name) == ("公开表", 2019, Kind.BUDGET, True)
