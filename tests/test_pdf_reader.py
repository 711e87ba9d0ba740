"""The PDF reader on the real filings in ../shared/corpus (skipped cleanly when that folder is absent)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from budget_graph.model import Kind, TableKind
from budget_graph.read import read_paths
from budget_graph.read.pdf import read_layouts, read_pdf
from budget_graph.read.pdf_grid import page_content

# a figure as tables print it: thousands separators or decimals (codes like 201 / 06 have neither)
FIGURE = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$")
UNREAD = re.compile(r"(\d+) figure\(s\) not read")

EXPECTED = {  # folder → (unit, year, kind, level, number of files)
    "js-cppcc/2017": ("江苏省政协办公厅", 2017, Kind.BUDGET, "department", 2),
    "js-cppcc/2018": ("江苏省政协办公厅", 2018, Kind.BUDGET, "department", 2),
    "js-cppcc/2019": ("江苏省政协办公厅", 2019, Kind.BUDGET, "department", 2),
    "js-procuratorate/2017": ("江苏省人民检察院", 2017, Kind.BUDGET, "department", 1),
    "js-procuratorate/2018": ("江苏省人民检察院", 2018, Kind.BUDGET, "department", 1),
    "js-procuratorate/2019": ("江苏省人民检察院", 2019, Kind.BUDGET, "department", 1),
    "js-court/2017": ("江苏省高级人民法院", 2017, Kind.BUDGET, "department", 1),
    "js-court/2018": ("江苏省高级人民法院", 2018, Kind.BUDGET, "department", 1),
    "js-court/2019": ("江苏省高级人民法院", 2019, Kind.BUDGET, "department", 1),
    # narrative and tables PDFs, the unit named three ways (unit_key pairs them)
    "js-party-office/2017": ("江苏省委办公厅", 2017, Kind.BUDGET, "department", 2),
    "js-party-office/2018": ("江苏省委办公厅", 2018, Kind.BUDGET, "department", 2),
    "js-party-office/2019": ("江苏省委办公厅", 2019, Kind.BUDGET, "department", 2),
    "sh-putuo-caizhengju-2024-juesuan/2024": ("上海市普陀区财政局", 2024, Kind.FINAL, "department", 1),
    "sh-putuo-caizhengju-2025-yusuan/2025": ("上海市普陀区财政局", 2025, Kind.BUDGET, "department", 1),
    "sh-putuo-template-bumen-juesuan/2024": ("上海市XX局", 2024, Kind.FINAL, "department", 1),
    "sh-putuo-wanli-jiedao-2023-yusuan/2023": (
        "上海市普陀区人民政府万里街道办事处",
        2023,
        Kind.BUDGET,
        "department",
        1,
    ),
    "sh-putuo-wanli-jiedao-2025-yusuan/2025": (
        "上海市普陀区人民政府万里街道办事处",
        2025,
        Kind.BUDGET,
        "department",
        1,
    ),
    "sh-shi-caizhengju-2025-yusuan/2025": ("上海市财政局", 2025, Kind.BUDGET, "unit", 1),
}


@pytest.fixture(scope="module")
def pdfs(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*/*.pdf"))


@pytest.fixture(scope="module")
def filings(pdfs: list[Path]):
    return read_paths([str(p) for p in pdfs])


def _key(filing) -> str:
    return f"{Path(filing.sources[0]).parent.name}/{filing.year}"


def _filing(filings, key: str):
    return next(f for f in filings if _key(f) == key)


def test_every_pdf_reads_into_eighteen_filings(pdfs, filings) -> None:
    assert len(pdfs) == 24
    assert sorted(_key(f) for f in filings) == sorted(EXPECTED)
    for filing in filings:
        unit, year, kind, level, files = EXPECTED[_key(filing)]
        assert (filing.unit, filing.year, filing.kind, filing.level) == (unit, year, kind, level), (
            filing.sources
        )
        assert len(filing.sources) == files


def test_jiangsu_pair_is_one_filing_with_narrative_and_tables(filings) -> None:
    filing = _filing(filings, "js-cppcc/2019")
    names = sorted(Path(s).name for s in filing.sources)
    assert names == ["江苏省政协办公厅2019年度部门预算.pdf", "江苏省政协办公厅2019年预算公开表.pdf"]
    assert filing.parts and len(filing.tables) == 12 and filing.claims


def test_every_table_is_recognised(filings) -> None:
    for filing in filings:
        unknown = [t.title for t in filing.tables if t.kind is None and "绩效目标" not in t.title]
        assert not unknown, (filing.sources, unknown)


def test_every_figure_on_a_table_is_read_or_reported(pdfs, filings) -> None:
    """Independent count: the figures pdfium's own text extraction finds inside each ruled grid,
    against the figures in the model's tables on that page; what differs must be declared unread."""
    read = Counter()
    for filing in filings:
        for table in filing.tables:
            for row in table.rows:
                for cell in row.cells.values():
                    if FIGURE.match(cell.text.strip()):
                        read[(row.location.source, row.location.page)] += 1
    declared = Counter()  # by the pages a diagnostic names: one may count the figures of several together
    for filing in filings:
        for diagnostic in filing.diagnostics:
            match = UNREAD.search(diagnostic.message)
            if match:
                pages = frozenset((where.source, where.page) for where in diagnostic.locations)
                declared[pages] += int(match.group(1))
    unread = Counter()
    for path in pdfs:
        document = pdfium.PdfDocument(path)
        for layout in read_layouts(path):
            if document[layout.number - 1].get_rotation():
                continue  # pdfium's text boxes are in the stored frame; test_pdf_rotation holds turned pages
            textpage = document[layout.number - 1].get_textpage()
            printed = 0
            for grid in page_content(layout).grids:
                text = textpage.get_text_bounded(
                    grid.x0, layout.height - grid.bottom, grid.x1, layout.height - grid.top
                )
                printed += sum(1 for token in text.split() if FIGURE.match(token))
            key = (str(path), layout.number)
            assert read[key] <= printed, (key, "more figures read than printed")
            unread[key] = printed - read[key]
    for pages, count in declared.items():  # a page's unread figures declared alone, or with others'
        alone = {page: unread.pop(page, 0) for page in pages}
        assert sum(alone.values()) <= count, (sorted(pages), alone, count)
    assert not +unread, unread  # unread figures no diagnostic declares


def test_blank_cell_placed_by_ruling_lines(filings) -> None:
    """上海市财政局 p20: 346.30 288.70 25.40 32.20 (blank 购置费) 32.20 2,517.78 under seven headers."""
    table = _filing(filings, "sh-shi-caizhengju-2025-yusuan/2025").table(TableKind.ThreePublicExpenses)
    (row,) = table.rows
    assert row.location.page == 20
    figures = {meaning: cell.text for meaning, cell in row.cells.items() if cell.text}
    assert figures == {
        "total": "346.30",
        "overseas_travel": "288.70",
        "hospitality": "25.40",
        "vehicles": "32.20",
        "vehicle_operation": "32.20",
        "office_operating": "2,517.78",
    }
    assert table.unit.value == "万元"


def test_hidden_overflow_text_is_read_once(filings) -> None:
    """普陀区财政局 2025: narrative hidden past p7's clip is printed again on p8; read it once, on p8."""
    filing = _filing(filings, "sh-putuo-caizhengju-2025-yusuan/2025")
    text = [(p.text, p.location.page) for part in filing.parts for p in part.paragraphs]
    hits = [page for body, page in text if "住房公积金（项）”204.91万元" in body]
    assert hits == [8]


def test_table_over_two_pages_with_split_codes(filings) -> None:
    table = _filing(filings, "sh-shi-caizhengju-2025-yusuan/2025").table(TableKind.IncomeSummary)
    assert table.unit.value == "元"
    assert [r.code for r in table.rows[:3]] == ["201", "20106", "2010601"]
    assert {r.location.page for r in table.rows} == {8, 9}
    assert not [r for r in table.rows if "功能分类" in r.label or r.label in {"类", "款", "项"}]
    total = table.rows[-1]
    assert total.role.value == "total" and total.amount("total").text() == "171,915,169元"


def test_empty_table_note(filings) -> None:
    table = _filing(filings, "sh-putuo-caizhengju-2025-yusuan/2025").table(TableKind.GovernmentFundBudget)
    assert any("故本表为空表" in note for note in table.notes)
    assert table.is_empty
    jiangsu = _filing(filings, "js-procuratorate/2018").table(TableKind.GovernmentFundBudget)
    assert any("本部门无相关收支项目" in note for note in jiangsu.notes)


def test_final_accounts_halves_printed_side_by_side(filings) -> None:
    table = _filing(filings, "sh-putuo-caizhengju-2024-juesuan/2024").table(
        TableKind.GeneralBudgetByEconomicClass
    )
    codes = [r.code for r in table.rows if r.code and len(r.code) == 3]
    assert codes == ["301", "303", "302", "310"]
    assert table.rows[0].amount("actual").text() == "2,082.85万元"


def test_narrative_parts_and_claims_have_pages(filings) -> None:
    filing = _filing(filings, "sh-putuo-caizhengju-2025-yusuan/2025")
    assert [p.number for p in filing.parts] == [1, 2, 3, 4, 6, 7]
    assert all(c.location.page for c in filing.claims)
    assert any(c.amount and c.amount.text() == "3,121.42万元" for c in filing.claims)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "file is empty"),
        (b"%PDF-1.7\nnot really a pdf" * 10, "not a readable PDF"),
    ],
)
def test_bad_pdf_is_refused(tmp_path: Path, content: bytes, words: str) -> None:
    from budget_graph.errors import InputError

    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=words):
        read_pdf(path)


def test_truncated_pdf_is_refused(tmp_path: Path, pdfs: list[Path]) -> None:
    from budget_graph.errors import InputError

    path = tmp_path / "truncated.pdf"
    path.write_bytes(pdfs[0].read_bytes()[:20_000])
    with pytest.raises(InputError, match="not a readable PDF"):
        read_pdf(path)


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    from budget_graph.errors import InputError

    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    path = tmp_path / "blank.pdf"
    document.save(path)
    with pytest.raises(InputError, match="no text"):
        read_pdf(path)


def test_pdf_whose_text_is_all_hidden_is_refused_as_such(tmp_path: Path) -> None:
    """A scan with a layer of recognised text under its pictures (render mode 3, never shown): its
    figures are an OCR's guesses, so the file is refused, saying the text is hidden, not absent."""
    from budget_graph.errors import InputError
    from tests.synthetic_pdf import mapped_text_pdf

    path = tmp_path / "scan.pdf"
    shown = mapped_text_pdf(["某某局2024年部门预算", "收入预算总表 100.00"])
    path.write_bytes(shown.replace(b"BT /F1", b"BT 3 Tr /F1"))
    with pytest.raises(InputError, match="hidden"):
        read_pdf(path)


def _one_line_pdf(text: str) -> bytes:
    """A minimal PDF printing one ASCII line (pdfium rebuilds the missing cross-reference table)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
        b"4 0 obj<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream endobj\n"
        b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def test_pdf_that_is_no_budget_filing_is_refused(tmp_path: Path) -> None:
    from budget_graph.errors import InputError

    path = tmp_path / "letter.pdf"
    path.write_bytes(_one_line_pdf("Minutes of the meeting, 2024"))
    assert read_layouts(path)[0].chars  # readable, with text
    with pytest.raises(InputError, match="not a budget filing"):
        read_pdf(path)


def test_validate_groups_the_jiangsu_pair_and_lists_both_sources(corpus: Path, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    output = tmp_path / "report.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "budget_graph",
            "validate",
            str(corpus / "js-cppcc"),
            "--format",
            "json",
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in {0, 1}, result.stderr
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["summary"]["filings"] == 3
    for filing in report["filings"]:
        assert len(filing["source"]) == 2 and all(s.endswith(".pdf") for s in filing["source"])
        assert filing["unit"] == "江苏省政协办公厅" and filing["kind"] == "budget"


def test_tables_are_numbered_as_printed_or_listed(filings) -> None:
    for filing in filings:
        readable = [t for t in filing.tables if t.kind is not None]
        assert sorted(t.number for t in readable) == list(range(1, len(readable) + 1)), filing.sources


def test_tables_printed_in_another_order_than_listed_take_their_listed_numbers(filings) -> None:
    """委办 2018 prints the 政府性基金 table (listed 7th) after the 三公 table (listed 11th as
    一般公共预算“三公”经费、会议费、培训费支出预算表, printed without 一般公共预算)."""
    filing = _filing(filings, "js-party-office/2018")
    numbers = {t.kind: t.number for t in filing.tables if t.kind is not TableKind.ExpenditureSummary}
    assert numbers[TableKind.GovernmentFundBudget] == 7 and numbers[TableKind.ThreePublicExpenses] == 11


def test_continuation_that_repeats_its_title_is_one_table(filings) -> None:
    """cppcc 2017 表十二 runs onto p13, which prints '2017年政府采购预算表' and its header again."""
    table = _filing(filings, "js-cppcc/2017").table(TableKind.Procurement)
    assert table.number == 12 and {r.location.page for r in table.rows} == {12, 13}
    assert not [r for r in table.rows if "采购品目" in r.label]


def test_title_number_line_ending_the_page_before(filings) -> None:
    """procuratorate 2019: '公开04表' ends p15, the title and the table are on p16."""
    table = _filing(filings, "js-procuratorate/2019").table(TableKind.AppropriationSummary)
    assert table.title.startswith("公开04表") and table.location.page == 16


def test_final_accounts_three_public_table_has_a_row_per_phase(filings) -> None:
    table = _filing(filings, "sh-putuo-caizhengju-2024-juesuan/2024").table(TableKind.ThreePublicExpenses)
    assert [r.label for r in table.rows] == ["预算数", "决算数"]
    assert {c.meaning for c in table.columns} == {
        "total",
        "overseas_travel",
        "vehicles",
        "vehicle_purchase",
        "vehicle_operation",
        "hospitality",
    }
    budget, actual = table.rows
    assert budget.amount("hospitality").text() == "0.95万元" and actual.amount("hospitality") is None


def test_contents_list_names_the_tables_present(filings) -> None:
    for filing in filings:
        listed = Counter(entry.kind for entry in filing.toc if entry.kind is not None)
        present = Counter(table.kind for table in filing.tables if table.kind is not None)
        assert listed == present, (filing.sources, listed - present, present - listed)


def test_project_performance_forms_give_indicators_with_their_project(filings) -> None:
    """万里街道 2023 pp. 31–35: one 财政项目支出绩效目标填报表 per project (amounts reported, not read)."""
    indicators = _filing(filings, "sh-putuo-wanli-jiedao-2023-yusuan/2023").indicators
    assert {i.location.page for i in indicators} == {31, 32, 33, 34, 35}
    area = next(i for i in indicators if i.name == "规划建筑面积")
    assert (area.project, area.level1, area.level2) == (
        "新建万里街道社区公共服务中心",
        "产出指标",
        "数量指标",
    )
    assert (area.comparator, str(area.target_value)) == (">=", "13459.00")


def test_project_forms_amounts_not_read_are_said_once_for_all_the_forms(filings) -> None:
    """万里街道 2023 pp. 31–35: five forms, one warning naming each page and the figures counted together."""
    diagnostics = _filing(filings, "sh-putuo-wanli-jiedao-2023-yusuan/2023").diagnostics
    (said,) = [d for d in diagnostics if "项目绩效目标表单" in d.message]
    assert [place.page for place in said.locations] == [31, 32, 33, 34, 35]
    assert said.message.startswith("项目绩效目标表单的金额暂不读取（5 页）：35 个数字未读取")


def test_a_page_s_text_read_in_one_call_is_each_glyph_s_character(corpus: Path) -> None:
    """The glyph loop takes the page's text in one call (pdfium_page._page_text): it must give the character
    of each glyph index, as asking glyph by glyph does, on every page of the corpus."""
    import pypdfium2.raw as pdfium_c

    from budget_graph.read.pdfium_page import _page_text

    pages = 0
    for path in sorted(corpus.glob("*/*.pdf")):
        document = pdfium.PdfDocument(path)
        try:
            for page in document:
                raw = page.get_textpage().raw
                count = pdfium_c.FPDFText_CountChars(raw)
                assert _page_text(raw) == "".join(
                    chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count)
                )
                pages += 1
        finally:
            document.close()
    assert pages > 100


def test_forms_printed_apart_are_said_in_one_warning() -> None:
    from types import SimpleNamespace

    from budget_graph.read.pdf_tables import project_forms_not_read

    def form(*pages: int) -> SimpleNamespace:
        cells = [SimpleNamespace(text=t) for t in ("项目资金总额", "4,100,000.00", "0.00")]
        grids = [SimpleNamespace(page=page, cells=cells) for page in pages]
        return SimpleNamespace(title="财政项目支出绩效目标填报表", grids=grids)

    other = SimpleNamespace(title="收入预算总表", grids=[SimpleNamespace(page=35, cells=[])])
    (said,) = project_forms_not_read([form(31, 32), other, form(40)], "f.pdf")
    assert [p.page for p in said.locations] == [31, 32, 40]
    assert said.message.startswith("项目绩效目标表单的金额暂不读取（3 页）：6 个数字未读取")
