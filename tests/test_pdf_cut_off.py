"""Text a viewer does not show. Printed past a page's edge: a table wider than its page runs off its side
(a word processor lets a pasted sheet run past the margin, a web page printed by WeasyPrint clips it at
the paper's edge), or a page is printed off its paper. Cut at its cell's edge: a sheet shows a long name
in a narrow cell only as far as the cell reaches. The reader leaves such text out and says so. A table
with such text level with its rows has lost cells, or a name or figure cut short (a figure cut in two
reads as another figure): the table is in doubt. A narrative page cut at its edge loses its lines' starts
or ends, so the figures it states are not checked. Made from corpus PDFs (one page's paper narrowed) and
by hand."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from budget_graph.check.engine import check_filing
from budget_graph.model import Location, Row, RowRole, Table, TableKind, Unit
from budget_graph.read import read_file
from budget_graph.read.pdf import _not_shown, read_layouts
from budget_graph.read.pdf_page import Char, PageLayout
from tests.conftest import CORPUS
from tests.hand_filings import small_filing
from tests.synthetic_pdf import mapped_text_pdf

PROCURATORATE = CORPUS / "js-procuratorate" / "2019年度部门预算公开.pdf"
NARRATIVE_PAGE = 25  # the budget's overview: the totals and their changes on the year before
WANLI = CORPUS / "sh-putuo-wanli-jiedao-2025-yusuan" / "上海市普陀区人民政府万里街道办事处25年预算.pdf"
THREE_PUBLIC_PAGE = 29  # one row of figures; its 运行费 column's rules stand at x 572 and 673

corpus = pytest.mark.skipif(not (PROCURATORATE.exists() and WANLI.exists()), reason="corpus absent")


def _narrowed(source: Path, target: Path, pages: list[int], left: float = 0.0, right: float = 0.0) -> Path:
    """The file with these pages' paper (every page's when none is named; as stored) narrowed by `left`
    and `right`, shares of its width: what stood there is past its edge."""
    document = pdfium.PdfDocument(source)
    try:
        for number in pages or range(1, len(document) + 1):
            page = document[number - 1]
            x0, y0, x1, y1 = page.get_mediabox()
            box = (x0 + left * (x1 - x0), y0, x1 - right * (x1 - x0), y1)
            page.set_mediabox(*box)
            page.set_cropbox(*box)
        document.save(target)
    finally:
        document.close()
    return target


def _errors(filing, rule: str) -> list:
    return [f for f in check_filing(filing).findings if f.rule == rule and f.severity.name == "ERROR"]


def _edge_notes(filing) -> list[tuple[int, str]]:
    return [(d.locations[0].page, d.severity) for d in filing.diagnostics if "页面边缘" in d.message]


@corpus
def test_a_narrative_page_cut_at_its_edge_has_its_figures_left_unchecked(tmp_path: Path) -> None:
    # its lines lose their starts: a figure was read with another clause's subject, a false BG-N001
    # (说明中部门预算支出为16,593.12万元 against the tables' 24,169.74万元)
    filing = read_file(_narrowed(PROCURATORATE, tmp_path / "narrowed.pdf", [NARRATIVE_PAGE], left=0.42))
    assert not [claim for claim in filing.claims if claim.location.page == NARRATIVE_PAGE]
    assert (NARRATIVE_PAGE, "warning") in _edge_notes(filing)
    assert not [f for f in check_filing(filing).findings if f.rule == "BG-N001"]


@corpus
def test_a_table_run_past_the_page_edge_is_in_doubt(tmp_path: Path) -> None:
    # the edge cuts the 运行费 column through its figure: '21.56' would read as '21.'
    path = _narrowed(WANLI, tmp_path / "narrowed.pdf", [THREE_PUBLIC_PAGE], right=0.215)  # at x 661
    filing = read_file(path)
    table = next(t for t in filing.tables if t.kind is TableKind.ThreePublicExpenses)
    assert any("页边缘" in doubt.message for doubt in table.doubts)
    assert (THREE_PUBLIC_PAGE, "warning") in _edge_notes(filing)


@corpus
def test_text_past_the_edge_beside_no_row_leaves_the_table_and_the_narrative_alone() -> None:
    # as published, the procuratorate's 2019 公开11表 sets its unit line past the page's right edge
    filing = read_file(PROCURATORATE)
    table = next(t for t in filing.tables if t.title.startswith("公开11表"))
    assert not table.doubts
    assert _edge_notes(filing) == [(table.location.page, "info")]
    assert filing.claims


def test_text_its_clip_hides_is_kept_apart(tmp_path: Path) -> None:
    name = "深圳市罗湖区企业服务中心"
    path = tmp_path / "clipped.pdf"
    path.write_bytes(mapped_text_pdf([name], clip=(60, 700, 70, 100)))  # the line's first 70 points
    (layout,) = read_layouts(path)
    shown, hidden = "".join(c.text for c in layout.chars), "".join(c.text for c in layout.clipped)
    assert shown and hidden and shown + hidden == name


def _clipped_at(height: float) -> PageLayout:
    return PageLayout(
        1, 595, 842, [], [], clipped=[Char("务", 200, 210, height - 5, height + 5, 205, height)]
    )


@pytest.mark.parametrize(
    ("height", "in_doubt"),
    [
        (106.0, True),  # '深圳市罗湖区企业服' shown, '务中心' hidden: a unit's row no longer named as one
        (48.0, True),  # the title's other part, a sheet's title cell cut where its page ends
        (80.0, False),  # the header's: a caption cut short still names its column
        (300.0, False),
    ],
)
def test_a_table_with_text_cut_short_level_with_its_title_or_rows_is_in_doubt(
    height: float, in_doubt: bool
) -> None:
    filing = small_filing()
    title = Location("filing.pdf", page=1, table="表四：基本支出总表", bbox=(150.0, 40.0, 400.0, 56.0))
    row = Row("深圳市罗湖区企业服", RowRole.ITEM, replace(title, bbox=(50.0, 100.0, 500.0, 112.0)))
    filing.tables = [
        Table(TableKind.BasicExpenditureSummary, "表四：基本支出总表", 4, Unit.WAN, title, rows=[row])
    ]
    _not_shown(filing, _clipped_at(height), "filing.pdf")
    assert bool(filing.tables[0].doubts) is in_doubt
    assert bool(filing.diagnostics[-1:] and "截去" in filing.diagnostics[-1].message) is in_doubt


@corpus
def test_a_title_cut_at_the_pages_edge_leaves_a_table_said_missing_no_error(tmp_path: Path) -> None:
    # '一般公共预算支出预算表（功能科目）' read '般公共…', another table's kind: two false BG-C001
    source = CORPUS / "js-cppcc" / "江苏省政协办公厅2019年预算公开表.pdf"
    filing = read_file(_narrowed(source, tmp_path / "narrowed.pdf", [], left=0.25))
    assert filing.unread
    assert not _errors(filing, "BG-C001")


@corpus
def test_rows_printed_past_the_pages_foot_put_its_tables_in_doubt(tmp_path: Path) -> None:
    # pages stored turned (A3 shown landscape): the stored right edge is the shown foot, and the
    # 收支预算总表 lost its 住房保障支出 line with nothing said, a false BG-X001 against 表七
    source = CORPUS / "js-party-office" / "江苏省委办公厅2018年度部门预算公开表.pdf"
    filing = read_file(_narrowed(source, tmp_path / "narrowed.pdf", [], right=0.25))
    summary = next(t for t in filing.tables if t.kind is TableKind.IncomeExpenditureSummary)
    assert any("页边缘" in doubt.message for doubt in summary.doubts)
    assert not _errors(filing, "BG-X001")
