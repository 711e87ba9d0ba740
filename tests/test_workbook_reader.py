"""The xlsx reader: workbooks built here with openpyxl, and the Shanghai templates in ../shared/data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from rdflib import Literal

from budget_graph.check.engine import check_filing
from budget_graph.errors import InputError
from budget_graph.graph.mapper import build_graph
from budget_graph.graph.namespaces import BG
from budget_graph.model import Kind, TableKind, Unit
from budget_graph.read import find_sources, read_file, read_paths
from budget_graph.read.workbook import cell_name
from tests.conftest import ROOT
from tests.tables import reading

TEMPLATES = (ROOT / ".." / "shared" / "data" / "shanghai-budget-templates-xlsx").resolve()
OLD_FORMAT = Path(__file__).parent / "data" / "workbooks"  # .xls saved by LibreOffice from the books below
TITLE = "2024年部门收入预算总表"
HEADER = [
    [TITLE],
    ["编制部门：上海市普陀区测试局", None, None, None, None, None, None, "单位：万元"],
    ["功能分类科目编码", None, None, "功能分类科目名称", "收入预算"],
    [None, None, None, None, "合计", "财政拨款收入", "事业收入", "其他收入"],
    ["类", "款", "项"],
]
HEADER_MERGES = ["A1:H1", "A3:C3", "D3:D5", "E3:H3", "E4:E5", "F4:F5", "G4:G5", "H4:H5"]


def _income(total: float = 100.5) -> list[list]:
    """A 收入总表 whose codes are split over 类/款/项, 款 and 项 typed as numbers once (3 → '03')."""
    return [
        *HEADER,
        [None, None, None, "合计", total, 80.25, 10.0, 10.25],
        [201, None, None, "一般公共服务支出", total, 80.25, 10.0, 10.25],
        [201, "03", None, "政府办公厅（室）及相关机构事务", total, 80.25, 10.0, 10.25],
        [201, 3, 1, "行政运行", total, 80.25, 10.0, 0.1 + 0.2 + 9.95],
    ]


def _write(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for ranged in (merges or {}).get(name, []):
            sheet.merge_cells(ranged)
    book.save(path)
    return path


def _income_book(path: Path, total: float = 100.5) -> Path:
    return _write(path, {"表2": _income(total)}, {"表2": HEADER_MERGES})


def test_a_table_reads_with_its_columns_rows_codes_and_unit(tmp_path: Path) -> None:
    filing = read_file(_income_book(tmp_path / "收入.xlsx"))
    assert (filing.unit, filing.year, filing.kind, filing.level) == (
        "上海市普陀区测试局",
        2024,
        Kind.BUDGET,
        "department",
    )
    [table] = filing.tables
    assert (table.kind, table.title, table.unit, table.unit_name) == (
        TableKind.IncomeSummary,
        TITLE,
        Unit.WAN,
        "上海市普陀区测试局",
    )
    assert [c.meaning for c in table.columns] == ["total", "appropriation", "service_revenue", "other_income"]
    assert [c.label for c in table.columns][1] == "收入预算/财政拨款收入"
    assert [(r.code, r.label) for r in table.rows] == [
        (None, "合计"),
        ("201", "一般公共服务支出"),
        ("20103", "政府办公厅(室)及相关机构事务"),  # labels are width-folded
        ("2010301", "行政运行"),  # 款 3 and 项 1 typed as numbers: two digits each
    ]
    last = table.rows[-1]
    # 10.0 prints as '10', 80.25 keeps its decimals, 0.1 + 0.2 + 9.95 loses its binary noise
    assert [last.cells[m].text for m in ("total", "appropriation", "service_revenue", "other_income")] == [
        "100.5",
        "80.25",
        "10",
        "10.25",
    ]
    assert table.cell_location(last, "appropriation").cell == "表2!F9"
    assert last.location.cell == "表2!A9" and table.location.cell == "表2!A1"


def test_a_figure_that_does_not_add_up_is_reported_at_its_cell(tmp_path: Path) -> None:
    right = check_filing(read_file(_income_book(tmp_path / "right.xlsx")))
    wrong = check_filing(read_file(_income_book(tmp_path / "wrong.xlsx", total=101.5)))

    def cells(report) -> set[str | None]:
        return {place.cell for f in report.findings for place in f.locations if f.severity.value == "error"}

    assert "表2!E9" in cells(wrong)  # 合计 101.5 ≠ 80.25 + 10 + 10.25
    assert "表2!E9" not in cells(right)
    # the graph keeps each row's cell, as it keeps a line or a page
    graph = build_graph(read_file(tmp_path / "right.xlsx")).graph
    assert Literal("表2!A9") in set(graph.objects(None, BG.cell))


def test_a_code_split_over_lei_kuan_xiang_columns_becomes_one(tmp_path: Path) -> None:
    split = read_file(_income_book(tmp_path / "split.xlsx")).tables[0]
    assert split.rows[2].code == "20103"
    rows = [[*cells[:3], *cells[3:]] for cells in _income()]
    rows[4] = ["科目编码"]  # no 类/款/项 captions: three code columns are not known as one code
    rows[7][1] = "x"
    unsplit = read_file(_write(tmp_path / "unsplit.xlsx", {"表2": rows}, {"表2": HEADER_MERGES})).tables[0]
    assert "20103" not in {r.code for r in unsplit.rows}


def test_a_code_whose_rows_leave_the_parts_above_blank_takes_them_from_the_rows_above(tmp_path: Path) -> None:
    rows = _income()
    rows[7][0] = None  # the 款 row prints 03 alone under its 类
    rows[8][:2] = [None, None]  # the 项 row prints 01 alone under its 款
    table = read_file(_write(tmp_path / "blank.xlsx", {"表2": rows}, {"表2": HEADER_MERGES})).tables[0]
    assert [r.code for r in table.rows] == [None, "201", "20103", "2010301"]


def test_a_whole_code_printed_in_its_levels_column_is_not_joined_to_the_code_above(tmp_path: Path) -> None:
    rows = _income()
    rows[7][:2] = [None, "20103"]  # the 款 row prints its whole code in the 款 column
    rows[8][:3] = [None, None, "2010301"]
    table = read_file(_write(tmp_path / "whole.xlsx", {"表2": rows}, {"表2": HEADER_MERGES})).tables[0]
    assert [r.code for r in table.rows] == [None, "201", "20103", "2010301"]


# 一般公共预算 over 基本/项目 merged across one row; 政府性基金预算 merged over two rows and its 基本/项目
# below: 基本支出 in D5 stands right of 项目支出 (C4:C5) but belongs under D3:E4
_SPLIT_HEADER = [
    ["2024年部门支出预算总表"],
    ["编制部门：上海市普陀区测试局", None, None, None, "单位：万元"],
    ["科目名称", "一般公共预算", None, "政府性基金预算"],
    [None, "基本支出", "项目支出"],
    [None, None, None, "基本支出", "项目支出"],
    ["一般公共服务支出", 1, 2, 3, 4],
]


def test_a_merged_header_nests_by_its_merged_cells(tmp_path: Path) -> None:
    merged = ["A3:A5", "B3:C3", "D3:E4", "B4:B5", "C4:C5"]
    table = read_file(_write(tmp_path / "merged.xlsx", {"表3": _SPLIT_HEADER}, {"表3": merged})).tables[0]
    assert [c.label for c in table.columns] == [
        "一般公共预算/基本支出",
        "一般公共预算/项目支出",
        "政府性基金预算/基本支出",
        "政府性基金预算/项目支出",
    ]
    # the same cells unmerged read by their left edges only: 基本支出 (D5) hangs under 项目支出 (C4)
    flat = read_file(_write(tmp_path / "flat.xlsx", {"表3": _SPLIT_HEADER})).tables[0]
    assert "政府性基金预算/基本支出" not in [c.label for c in flat.columns]


def whole_book(path: Path, total: float = 101.5) -> Path:
    """A filing in one workbook: cover, contents, a narrative sheet and a 收入总表 whose 合计 column does
    not add up across (101.5 ≠ 80.25 + 10 + 10.25). scripts/make_office_fixtures.py saves it as
    tests/data/workbooks/整本.xls."""
    sheets = {
        "封面": [["上海市普陀区测试局2024年部门预算"], ["预算主管部门：上海市普陀区测试局"]],
        "目录": [
            ["目  录"],
            ["一、部门主要职能 ……… 1"],
            ["二、部门预算表"],
            ["    1. 2024年部门收入预算总表 ……"],
        ],
        "职能": [["测试局主要职能"], ["主要职能包括：负责本区财政收支，管理本区国有资产。"]],
        "表2": _income(total),
    }
    return _write(path, sheets, {"表2": HEADER_MERGES})


def far_book(path: Path) -> Path:
    """A table's title and one value in the last cell an .xls has (IV65536): tests/data/workbooks/远.xls."""
    book = openpyxl.Workbook()
    book.active.append([TITLE])
    book.active["IV65536"] = 1
    book.save(path)
    return path


def test_narrative_sheets_contents_and_cover(tmp_path: Path) -> None:
    filing = read_file(whole_book(tmp_path / "整本.xlsx"))
    assert [(p.number, p.title, p.location.cell) for p in filing.parts] == [(1, "测试局主要职能", "职能!A1")]
    assert [(e.title, e.part, e.kind) for e in filing.toc] == [
        ("部门主要职能", 1, None),
        ("部门预算表", 2, None),
        ("2024年部门收入预算总表", None, TableKind.IncomeSummary),
    ]
    assert len(filing.tables) == 1 and filing.unit == "上海市普陀区测试局"


def test_a_filer_key_and_the_name_typed_in_the_cell_after_it_name_the_filer(tmp_path: Path) -> None:
    # the Shanghai template prints '编制部门：' in a cell of its own: a department may type its name after it
    rows = _income()
    rows[1] = ["编制部门：", "上海市普陀区测试局", None, None, None, None, None, "单位：万元"]
    filing = read_file(_write(tmp_path / "表.xlsx", {"表2": rows}, {"表2": HEADER_MERGES}))
    [table] = filing.tables
    assert (filing.unit, table.unit_name, table.unit) == (
        "上海市普陀区测试局",
        "上海市普陀区测试局",
        Unit.WAN,
    )
    assert [c.meaning for c in table.columns] == ["total", "appropriation", "service_revenue", "other_income"]
    # and on the cover, the tables naming no filer
    rows[1] = [None, None, None, None, None, None, None, "单位：万元"]
    sheets = {"封面": [["2024年部门预算"], ["预算主管部门：", "上海市普陀区测试局"]], "表2": rows}
    assert (
        read_file(_write(tmp_path / "整本.xlsx", sheets, {"表2": HEADER_MERGES})).unit == "上海市普陀区测试局"
    )


def test_a_workbook_of_tables_and_a_narrative_text_are_one_filing(tmp_path: Path) -> None:
    _income_book(tmp_path / "表.xlsx")
    (tmp_path / "说明.md").write_text(
        "# 2024年上海市普陀区测试局部门预算\n\n## 第一部分 部门概况\n\n测试局负责本区财政收支。\n",
        encoding="utf-8",
    )
    assert [p.suffix for p in find_sources([str(tmp_path)])] == [".xlsx", ".md"]
    [filing] = read_paths([str(tmp_path)])
    assert len(filing.sources) == 2 and filing.tables and filing.parts
    # of another year: two filings
    (tmp_path / "说明.md").write_text(
        "# 2023年上海市普陀区测试局部门预算\n\n## 第一部分 部门概况\n\n测试局负责本区财政收支。\n",
        encoding="utf-8",
    )
    assert len(read_paths([str(tmp_path)])) == 2


def _validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budget_graph", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=path.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def _refused(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.stderr, result.stderr


def test_a_workbook_that_is_not_a_filing_is_refused(tmp_path: Path) -> None:
    book = _write(tmp_path / "名单.xlsx", {"Sheet1": [["姓名", "人数"], ["甲", 3], ["乙", 4]]})
    _refused(_validate(book), "not a budget filing")
    _refused(_validate(_write(tmp_path / "空.xlsx", {"Sheet1": []})), "not a budget filing")
    assert _validate(_income_book(tmp_path / "表.xlsx")).returncode in {0, 1}


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "file is empty"),
        (b"PK\x03\x04 not really a workbook", "not a readable Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "not a readable Excel workbook"),
        ((OLD_FORMAT / "整本.xls").read_bytes()[:5000], "not a readable Excel workbook"),  # cut short
        ((OLD_FORMAT / "加密.xls").read_bytes(), "the workbook is encrypted"),  # LibreOffice, a password
        ((OLD_FORMAT / "加密.xlsx").read_bytes(), "the workbook is encrypted"),  # as Excel encrypts
    ],
)
def test_an_empty_damaged_or_encrypted_workbook_is_refused(
    tmp_path: Path, content: bytes, words: str, suffix: str
) -> None:
    # named either way: sites serve .xls files named .xlsx and the other way round
    (tmp_path / f"坏{suffix}").write_bytes(content)
    _refused(_validate(tmp_path / f"坏{suffix}"), words)


# 整本.xls damaged, as the fuzzer found them (kept as files: the script that makes 整本.xls makes other bytes)
_CALAMINE_PANICS = (OLD_FORMAT / "崩溃-截断.xls").read_bytes()  # cut at byte 8268, inside a directory entry
_CALAMINE_ABORTS = (OLD_FORMAT / "崩溃-一字节.xls").read_bytes()  # byte 4131 made 0xA6: asks for 111 GB


@pytest.mark.parametrize(
    ("content", "crash"),
    [(_CALAMINE_PANICS, b"panicked"), (_CALAMINE_ABORTS, b"memory allocation")],
    ids=["panics", "aborts"],
)
def test_a_workbook_that_crashes_calamine_is_refused_in_one_line(
    tmp_path: Path, content: bytes, crash: bytes
) -> None:
    """calamine's .xls parser panics on some damaged files and aborts the process on others (found by
    fuzzing): it reads in a child process, whose death is a damaged file."""
    bare = subprocess.run(
        [sys.executable, "-c", "import io, sys, python_calamine as c; "
         "b = c.CalamineWorkbook.from_filelike(io.BytesIO(sys.stdin.buffer.read())); "
         "[b.get_sheet_by_name(n).to_python() for n in b.sheet_names]"],
        input=content,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    assert bare.returncode != 0 and crash in bare.stderr  # what the reader stands between
    (tmp_path / "坏.xls").write_bytes(content)
    _refused(_validate(tmp_path / "坏.xls"), "not a readable Excel workbook")


def _read_as_findings(path: Path) -> tuple:
    """What a reading gives, the file's own name left out: tables, narrative, and each finding's rule
    and cells."""
    filing = read_file(path)
    report = check_filing(filing)
    return (
        [reading(table) for table in filing.tables],
        [(part.number, part.title, part.location.cell) for part in filing.parts],
        [(entry.title, entry.part, entry.kind) for entry in filing.toc],
        (filing.unit, filing.year, filing.kind, filing.level),
        sorted((f.rule, tuple(sorted(str(p.cell) for p in f.locations))) for f in report.findings),
    )


def test_an_old_xls_workbook_reads_as_the_xlsx_it_was_saved_from(tmp_path: Path) -> None:
    whole = _read_as_findings(whole_book(tmp_path / "整本.xlsx"))
    assert ("BG-R004", ("表2!E9", "表2!F9", "表2!G9", "表2!H9")) in whole[-1]  # a 合计 that does not add up
    assert _read_as_findings(OLD_FORMAT / "整本.xls") == whole
    # named .xlsx, as some sites serve it: read by its bytes
    (tmp_path / "misnamed.xlsx").write_bytes((OLD_FORMAT / "整本.xls").read_bytes())
    assert _read_as_findings(tmp_path / "misnamed.xlsx") == whole


def test_an_xls_of_tables_and_a_narrative_in_its_folder_are_one_filing(tmp_path: Path) -> None:
    (tmp_path / "表.xls").write_bytes((OLD_FORMAT / "收入.xls").read_bytes())
    (tmp_path / "说明.md").write_text(
        "# 2024年上海市普陀区测试局部门预算\n\n## 第一部分 部门概况\n\n测试局负责本区财政收支。\n",
        encoding="utf-8",
    )
    assert sorted(p.suffix for p in find_sources([str(tmp_path)])) == [".md", ".xls"]
    [filing] = read_paths([str(tmp_path)])
    assert len(filing.sources) == 2 and filing.tables


def test_a_workbook_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    book = _income_book(tmp_path / "表.xlsx")
    monkeypatch.setenv("BUDGET_GRAPH_MAX_XLSX_CELLS", "20")
    with pytest.raises(InputError, match="BUDGET_GRAPH_MAX_XLSX_CELLS"):
        read_file(book)
    monkeypatch.setenv("BUDGET_GRAPH_MAX_XLSX_CELLS", "200")
    assert read_file(book).tables


def test_a_value_in_the_last_cell_of_an_xls_sheet_is_refused() -> None:
    """An .xls sheet ends at IV65536: calamine allocates that much (16.7 million cells, about 1 GB) and
    the cell limit refuses it."""
    _refused(_validate(OLD_FORMAT / "远.xls"), "BUDGET_GRAPH_MAX_XLSX_CELLS")


def test_a_value_in_the_last_cell_of_a_sheet_is_refused_not_a_crash(tmp_path: Path) -> None:
    """One value at XFD1048576 (a stray keystroke): calamine allocated the sheet's whole range, 500 GB,
    and aborted the process. A cell that only carries a style is no value and is not counted."""
    book = openpyxl.Workbook()
    book.active.append([TITLE])
    book.active["XFD1048576"] = 1
    book.active["XFD1048575"].number_format = "0.00"
    book.save(tmp_path / "远.xlsx")
    _refused(_validate(tmp_path / "远.xlsx"), "BUDGET_GRAPH_MAX_XLSX_CELLS")
    styled = _income_book(tmp_path / "表.xlsx")
    book = openpyxl.load_workbook(styled)
    book.active["XFD1048576"].number_format = "0.00"
    book.save(styled)
    assert read_file(styled).tables


def test_a_merged_range_reaching_past_the_sheet_is_read_where_it_covers_the_header(tmp_path: Path) -> None:
    """A damaged file's merged range may run to the sheet's last cell (an .xls the fuzzer damaged took 14 s
    walking every cell of it): only the cells of the header count, so it reads as the range cut there."""
    book = _income_book(tmp_path / "表.xlsx")
    with zipfile.ZipFile(book) as packed:
        parts = {name: packed.read(name) for name in packed.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert b'<mergeCell ref="E3:H3"/>' in parts[sheet]
    parts[sheet] = parts[sheet].replace(b'ref="E3:H3"', b'ref="E3:XFD1048576"')
    far = tmp_path / "远.xlsx"
    with zipfile.ZipFile(far, "w") as packed:
        for name, data in parts.items():
            packed.writestr(name, data)
    result = subprocess.run(  # a regression runs for hours: the time limit fails it
        [sys.executable, "-m", "budget_graph", "validate", str(far), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr
    assert [c.label for c in read_file(far).tables[0].columns] == [
        c.label for c in read_file(book).tables[0].columns
    ]


def test_cell_names_as_a_spreadsheet_writes_them() -> None:
    assert cell_name("表3", 11, 3) == "表3!D12"
    assert cell_name("Sheet 1", 0, 27) == "'Sheet 1'!AB1"
    assert cell_name("收入总表 ", 0, 0) == "'收入总表 '!A1"


@pytest.mark.skipif(not TEMPLATES.is_dir(), reason="../shared/data is absent")
@pytest.mark.parametrize(("name", "level"), [("department", "department"), ("unit", "unit")])
def test_the_shanghai_templates_read_into_their_tables(name: str, level: str) -> None:
    filing = read_file(TEMPLATES / f"{name}_budget_template.xlsx")
    assert (filing.year, filing.kind, filing.level) == (2026, Kind.BUDGET, level)
    assert [t.kind for t in filing.tables] == [
        TableKind.IncomeExpenditureSummary,
        TableKind.IncomeSummary,
        TableKind.ExpenditureSummary,
        TableKind.AppropriationSummary,
        TableKind.GeneralBudgetByFunction,
        TableKind.GovernmentFundBudget,
        TableKind.StateCapitalBudget,
        TableKind.GeneralBudgetByEconomicClass,
        TableKind.ThreePublicExpenses,
    ]
    income = filing.table(TableKind.IncomeSummary)
    assert [c.meaning for c in income.columns] == [
        "total",
        "appropriation",
        "service_revenue",
        "business_revenue",
        "other_income",
    ]
    assert "2050205" in {r.code for r in income.rows} and income.unit is Unit.YUAN
    assert [p.number for p in filing.parts][:4] == [1, 2, 3, 4]
    # a template full of XX placeholders: the hygiene rules report them, each at its sheet and cell
    placeholders = [f for f in check_filing(filing).findings if f.rule == "BG-T001"]
    assert any(f.severity.value == "error" for f in placeholders)
    assert all(place.cell for f in placeholders for place in f.locations)


@pytest.mark.skipif(not TEMPLATES.is_dir(), reason="../shared/data is absent")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
def test_the_shanghai_templates_saved_as_xls_read_as_the_xlsx(tmp_path: Path) -> None:
    """Saved in Excel's old format by LibreOffice: merged headers, narrative sheets and 类/款/项 codes
    read as from the xlsx, finding for finding."""
    sources = sorted(TEMPLATES.glob("*.xlsx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), *map(str, sources)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for source in sources:
        assert _read_as_findings(tmp_path / f"{source.stem}.xls") == _read_as_findings(source)


def test_a_sheet_of_figures_under_no_known_title_is_said_not_read(tmp_path: Path) -> None:
    other = [["2024年部门某某明细"], ["项目", "金额"], ["甲", 3], ["乙", 4]]
    filing = read_file(
        _write(tmp_path / "表.xlsx", {"表2": _income(), "附表": other}, {"表2": HEADER_MERGES})
    )
    assert [t.title for t in filing.tables] == [TITLE]
    assert [u.cell for u in filing.unread] == ["附表!A1"]
    assert any("2 figure(s) not read" in d.message for d in filing.diagnostics)
    alone = read_file(_income_book(tmp_path / "单表.xlsx"))
    assert not alone.unread and not any("not read" in d.message for d in alone.diagnostics)


def test_csv_and_sarif_name_the_cell(tmp_path: Path) -> None:
    from budget_graph.report import csv as csv_report
    from budget_graph.report import sarif

    def cells(report) -> tuple[str, set[str | None]]:
        results = sarif.log([report])["runs"][0]["results"]
        places = {
            p["physicalLocation"].get("properties", {}).get("cell") for r in results for p in r["locations"]
        }
        return csv_report.render([report]), places

    table, places = cells(check_filing(read_file(_income_book(tmp_path / "wrong.xlsx", total=101.5))))
    assert "表2!E9" in table and "表2!E9" in places
    table, places = cells(check_filing(read_file(_income_book(tmp_path / "right.xlsx"))))
    assert "表2!E9" not in table and "表2!E9" not in places


def test_invisible_characters_pasted_into_cells_are_dropped(tmp_path: Path) -> None:
    rows = _income()
    rows[-1] = [201, 3, 1, "行政\u200b运行", "100\u200b.5", 80.25, 10.0, "10\ufeff.25"]
    filing = read_file(_write(tmp_path / "收入.xlsx", {"表2": rows}, {"表2": HEADER_MERGES}))
    [table] = filing.tables
    last = table.rows[-1]
    assert last.label == "行政运行" and [last.cells[m].text for m in ("total", "other_income")] == [
        "100.5",
        "10.25",
    ]
    assert not table.doubts


def test_the_templates_rows_of_ellipses_are_no_garbled_codes_or_figures() -> None:
    # '...' under the lines to fill in: a form's "and so on", no code, figure or name read wrong
    if not TEMPLATES.is_dir():
        pytest.skip("../shared/data/shanghai-budget-templates-xlsx is absent")
    for template in sorted(TEMPLATES.glob("*.xlsx")):
        assert [table.title for table in read_file(template).tables if table.doubts] == []


def test_a_final_accounts_three_public_sheet_of_phases_reads_a_row_per_phase(tmp_path: Path) -> None:
    """The 决算 “三公” table filled in a workbook, each item merged over a 预算数 and a 决算数 column:
    a row per phase, as the PDF reader reads it."""
    rows = [
        ["2024年财政拨款“三公”经费支出决算表"],
        [
            "编制部门：上海市普陀区测试局",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "单位：万元",
        ],
        [
            "合计",
            None,
            "因公出国（境）费",
            None,
            "公务用车购置及运行费",
            None,
            None,
            None,
            None,
            None,
            "公务接待费",
        ],
        [None, None, None, None, "小计", None, "公务用车购置费", None, "公务用车运行费"],
        ["预算数", "决算数"] * 6,
        [1.5, 1.2, 0.55, 0.45, 0, 0, 0, 0, 0, 0, 0.95, 0.75],
    ]
    merges = ["A1:L1", "A3:B4", "C3:D4", "E3:J3", "E4:F4", "G4:H4", "I4:J4", "K3:L4"]
    [table] = read_file(_write(tmp_path / "三公.xlsx", {"表9": rows}, {"表9": merges})).tables
    assert [(r.label, r.cells["total"].text, r.cells["hospitality"].text) for r in table.rows] == [
        ("预算数", "1.5", "0.95"),
        ("决算数", "1.2", "0.75"),
    ]
