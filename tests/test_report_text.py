"""The text report an officer reads: each place says which file and quotes what is printed there."""

from __future__ import annotations

from budget_graph.check.engine import FilingReport
from budget_graph.check.rules import Finding, Severity
from budget_graph.model import Diagnostic, Filing, Kind, Location
from budget_graph.report.text import render

NARRATIVE, TABLES = "/data/某局2024年部门预算说明.pdf", "/data/某局2024年部门预算表.pdf"
SENTENCE = (
    "1．党委办公厅（室）及相关机构事务（款）行政运行（项）支出6106.99万元，"
    "与上年相比增加101.48万元，增长1.66%，主要原因是在职人员增加，离退休人员增加，"
    "公用经费按新的定额标准相应增加，信息化运行维护费用增加。"
)


def _report(sources: list[str], *locations: Location) -> str:
    filing = Filing(sources=sources, unit="某局", year=2024, kind=Kind.BUDGET)
    filing.diagnostics.append(Diagnostic("warning", "读取存疑 in doubt", (locations[-1],)))
    finding = Finding(
        "BG-Y001",
        Severity.ERROR,
        "变动率不符",
        "the percentage disagrees",
        locations,
        "增长1.69%",
        "增长1.66%",
    )
    return render([FilingReport(filing, [finding])])


def test_a_filing_of_two_files_names_the_file_of_each_page() -> None:
    text = _report(
        [NARRATIVE, TABLES],
        Location(NARRATIVE, page=8, excerpt=SENTENCE),
        Location(TABLES, page=3, table="收支预算总表", row="行政运行"),
    )
    assert "@ 某局2024年部门预算说明.pdf page 8\n" in text
    assert "@ 某局2024年部门预算表.pdf page 3  收支预算总表 / 行政运行\n" in text
    assert "[warning] 读取存疑 in doubt  @ 某局2024年部门预算表.pdf page 3" in text


def test_a_filing_of_one_file_gives_pages_alone() -> None:
    text = _report([TABLES], Location(TABLES, page=3, table="收支预算总表", row="行政运行"))
    assert "@ page 3  收支预算总表 / 行政运行\n" in text


def test_a_long_sentence_is_quoted_round_the_figure_the_finding_is_about() -> None:
    text = _report([NARRATIVE], Location(NARRATIVE, page=8, excerpt=SENTENCE))
    (quote,) = [line.strip() for line in text.splitlines() if line.strip().startswith("「")]
    assert "增长1.66%" in quote and quote.startswith("「…") and quote.endswith("…」")
    assert len(quote) <= 60 + 4


def test_a_short_row_is_quoted_whole_and_a_table_title_not_again() -> None:
    text = _report(
        [TABLES],
        Location(TABLES, line=12, table="表一：收支总表", row="组织事务", excerpt="组织事务 548.80"),
        Location(TABLES, line=3, table="表一：收支总表", excerpt="表一：收支总表"),
    )
    assert "「组织事务 548.80」" in text and "「表一：收支总表」" not in text


def test_two_figures_of_one_sentence_show_its_place_and_quote_once() -> None:
    said = Location(NARRATIVE, page=11, excerpt="公务用车购置及运行费支出411.20万元，占“三公”经费的80.92%；")
    text = _report([NARRATIVE], said, said, Location(NARRATIVE, page=12, excerpt="另一句。"))
    assert text.count("      @ page 11\n") == 1 and text.count("      @ page 12\n") == 1


def test_the_summary_table_gives_a_long_units_name_the_width_of_an_80_column_terminal() -> None:
    from io import StringIO

    from rich.console import Console

    from budget_graph.batch import summary_table

    def filing(unit: str, kind: Kind) -> FilingReport:
        return FilingReport(Filing(sources=[TABLES], unit=unit, year=2023, kind=kind))

    out = StringIO()
    long = "上海市普陀区人民政府万里街道办事处"
    Console(file=out, width=80).print(summary_table([filing(long, Kind.BUDGET), filing("某局", Kind.FINAL)]))
    table = out.getvalue()
    assert "预算 budget" in table and "决算 final" in table
    assert long[:12] in table  # on at most two lines: 12 of its 17 characters stand on the first
