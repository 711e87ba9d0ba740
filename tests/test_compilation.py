"""A PDF holding several filings one after another (a compilation, 汇编) is read as that many filings, each
as it reads alone: made in the test by joining corpus PDFs with pdfium (skipped without ../shared/corpus),
and on hand-built page flows."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pypdfium2 as pdfium
import pytest

from budget_graph.check.engine import check_filing
from budget_graph.read import read_file, read_filings
from budget_graph.read.compilation import apart, filing_spans
from tests.conftest import CORPUS

COURT = "js-court/江苏省高级人民法院2019年度部门预算公开.pdf"  # 26 pages
PROCURATORATE = (
    "js-procuratorate/2019年度部门预算公开.pdf"  # its cover: the unit above '2019年度部门预算公开'
)
WANLI = "sh-putuo-wanli-jiedao-2023-yusuan/1770007475548-818404804.pdf"
FINAL = "sh-putuo-caizhengju-2024-juesuan/上海市普陀区财政局2024年度部门决算.pdf"  # a part after its tables
TABLES_ONLY = "js-party-office/江苏省委办公厅2019年度部门预算公开表格.pdf"  # no cover


def _joined(names: list[str], target: Path) -> Path:
    out = pdfium.PdfDocument.new()
    for name in names:
        out.import_pages(pdfium.PdfDocument(CORPUS / name))
    out.save(target)
    return target


def _findings(filing) -> list[tuple]:
    return sorted(
        (f.rule, f.severity.value, f.message, f.expected, f.actual) for f in check_filing(filing).findings
    )


@pytest.mark.parametrize("names", [[COURT, PROCURATORATE], [WANLI, FINAL, TABLES_ONLY]])
def test_each_filing_of_a_compilation_reads_and_checks_as_it_does_alone(
    corpus: Path, tmp_path: Path, names: list[str]
) -> None:
    alone = [read_file(CORPUS / name) for name in names]
    read = read_filings(_joined(names, tmp_path / "compilation.pdf"))
    assert [(f.unit, f.year, f.kind) for f in read] == [(f.unit, f.year, f.kind) for f in alone]
    offset = 0
    for filing, original in zip(read, alone, strict=True):
        pages = sorted(original.page_sizes[original.sources[0]])
        assert sorted(filing.page_sizes[filing.sources[0]]) == [page + offset for page in pages]
        assert [t.title for t in filing.tables] == [t.title for t in original.tables]
        assert len(filing.claims) == len(original.claims)
        assert _findings(filing) == _findings(original)
        offset += len(pages)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext absent")
def test_a_compilations_laid_out_text_is_as_many_filings(corpus: Path, tmp_path: Path) -> None:
    text = tmp_path / "compilation.txt"
    pdf = _joined([COURT, PROCURATORATE], tmp_path / "compilation.pdf")
    subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True, capture_output=True)
    alone = []
    for name in (COURT, PROCURATORATE):
        one = tmp_path / Path(name).with_suffix(".txt").name
        subprocess.run(
            ["pdftotext", "-layout", str(CORPUS / name), str(one)], check=True, capture_output=True
        )
        alone.append(read_file(one))
    read = read_filings(text)
    assert [f.unit for f in read] == [f.unit for f in alone]
    assert [_findings(f) for f in read] == [_findings(f) for f in alone]


def test_a_file_of_one_filing_is_one_filing(corpus: Path) -> None:
    assert len(read_filings(CORPUS / COURT)) == 1


def _flow(blocks: list[tuple[str, int]], lines: list[tuple[int, str]]) -> SimpleNamespace:
    return SimpleNamespace(
        blocks=[SimpleNamespace(title=title, page=page, grids=[]) for title, page in blocks],
        lines=[SimpleNamespace(page=page, text=text) for page, text in lines],
    )


SET = [("收支预算总表", 0), ("收入预算总表", 1), ("支出预算总表", 2)]


def _tables(first: int) -> list[tuple[str, int]]:
    return [(title, first + page) for title, page in SET]


def test_a_summary_printed_again_opens_the_next_filing_at_its_cover() -> None:
    flow = _flow(
        [*_tables(3), *_tables(9)],
        [
            (1, "江苏省甲厅"),
            (1, "2019年度部门预算"),
            (6, "名词解释"),
            (7, "江苏省乙厅"),
            (7, "2019年度部门预算"),
        ],
    )
    assert filing_spans(flow, 1, 11) == [(1, 6), (7, 11)]


def test_a_part_of_the_filing_before_printed_after_its_tables_is_no_cover() -> None:
    flow = _flow(
        [*_tables(3), *_tables(9)],
        [
            (1, "2024年度上海市甲局部门决算"),
            (6, "第三部分上海市甲局2024年度部门决算情况说明"),
            (8, "2024年度上海市乙局部门决算"),
        ],
    )
    assert filing_spans(flow, 1, 11) == [(1, 7), (8, 11)]


def test_tables_alone_start_at_the_summary_printed_again() -> None:
    assert filing_spans(_flow([*_tables(1), *_tables(4)], []), 1, 6) == [(1, 3), (4, 6)]


def test_a_department_and_its_units_filing_of_one_year_are_two() -> None:
    flow = _flow(
        [*_tables(2), *_tables(6)],
        [(1, "江苏省甲厅2019年部门预算"), (5, "江苏省甲厅（本级）2019年单位预算")],
    )
    assert filing_spans(flow, 1, 8) == [(1, 4), (5, 8)]


def test_tables_of_other_kinds_printed_twice_open_no_filing() -> None:
    flow = _flow([("收支预算总表", 1), ("财政拨款支出预算表", 2), ("支出预算总表", 3)], [])
    assert filing_spans(flow, 1, 3) == [(1, 3)]


def test_a_table_of_a_summarys_kind_printed_twice_in_one_filing_splits_nothing() -> None:
    # '非税收入预算表' is read as a 收入总表: printed after the others, or right after the 收入总表
    late = _flow([*_tables(1), ("一般公共预算支出表", 4), ("非税收入预算表", 5)], [])
    early = _flow(
        [
            ("收支预算总表", 1),
            ("收入预算总表", 2),
            ("非税收入预算表", 3),
            *_tables(4)[2:],
            ("一般公共预算支出表", 7),
        ],
        [],
    )
    assert filing_spans(late, 1, 5) == [(1, 5)] and filing_spans(early, 1, 7) == [(1, 7)]


def test_a_compilations_filings_are_not_joined_again_as_halves_of_one() -> None:
    from budget_graph.model import Filing, Kind, Location, NarrativePart, TableKind
    from budget_graph.read import group_filings
    from tests.tables import table

    place = Location("汇编.pdf", page=1)
    narrative = Filing(["汇编.pdf"], "汇编", 2019, Kind.BUDGET, unit_from_name=True)
    narrative.parts = [NarrativePart(1, "部门概况", place)]
    tables = Filing(
        ["汇编.pdf"],
        "江苏省乙厅",
        2019,
        Kind.BUDGET,
        tables=[table(TableKind.IncomeSummary, ["total"], [("合计", ["1.00"])])],
    )
    assert len(group_filings([narrative, tables])) == 2


def test_a_summarys_page_printed_again_right_after_it_is_no_next_filing() -> None:
    # its continuation page not joined to it (columns drawn otherwise): the same table goes on
    tables = [
        ("收支预算总表", 1),
        ("支出预算总表", 2),
        ("一般公共预算支出表", 3),
        ("收入预算总表", 4),
        ("收入预算总表", 5),
    ]
    assert filing_spans(_flow([*tables, ("财政拨款收支总表", 6), ("政府采购预算表", 7)], []), 1, 7) == [
        (1, 7)
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext absent")
def test_a_summarys_title_garbled_into_another_summarys_splits_no_filing(
    corpus: Path, tmp_path: Path
) -> None:
    # a font's map damaged: '财政拨款收支预算总表' reads '财᭯拨款收支预算总表', a 收支预算总表 printed again
    text = tmp_path / "tables.txt"
    subprocess.run(["pdftotext", "-layout", str(CORPUS / TABLES_ONLY), str(text)], check=True)
    text.write_text(text.read_text().replace("财政拨款收支预算总表", "财᭯拨款收支预算总表"))
    read = read_filings(text, undated=True)
    assert [(f.unit, f.year, len(f.tables)) for f in read] == [("中共江苏省委办公厅", 2019, 12)]


def test_pieces_of_one_unit_kind_and_year_are_no_filings_apart() -> None:
    from budget_graph.model import UNDATED, Filing, Kind

    def piece(unit: str, year: int) -> Filing:
        return Filing(["汇编.pdf"], unit, year, Kind.BUDGET)

    assert apart([piece("江苏省甲厅", 2019), piece("江苏省乙厅", 2019)])
    assert apart([piece("江苏省甲厅", 2018), piece("江苏省甲厅", 2019)])
    assert not apart([piece("江苏省甲厅", UNDATED), piece("江苏省甲厅", 2019)])
    assert not apart([piece("苏州市甲局", 2019), piece("江苏省苏州市甲局", 2019)])


def test_a_page_printed_twice_opens_no_filing() -> None:
    # the summary's page again after the tables: its table as printed before, the unit named otherwise
    from budget_graph.model import UNDATED, Filing, Kind, TableKind
    from tests.tables import table

    def piece(unit: str, year: int, figure: str) -> Filing:
        income = table(TableKind.IncomeSummary, ["total"], [("收入总计", [figure])])
        return Filing(["汇编.pdf"], unit, year, Kind.BUDGET, tables=[income])

    assert not apart([piece("省检察院", 2017, "21,955.35"), piece("江苏省人民检察院", UNDATED, "21,955.35")])
    assert apart([piece("省检察院", 2017, "21,955.35"), piece("江苏省人民检察院", UNDATED, "9,000.00")])
    assert apart([piece("江苏省甲厅", 2019, "0.00"), piece("江苏省乙厅", 2019, "0.00")])  # empty alike
    # a department of one unit and that unit, each under its own cover, print their tables alike
    assert apart([piece("江苏省甲厅", 2019, "9,000.00"), piece("江苏省甲厅机关服务中心", 2019, "9,000.00")])
