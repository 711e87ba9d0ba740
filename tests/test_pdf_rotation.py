"""Pages shown turned (/Rotate 90, 180, 270) read as a viewer shows them: the same tables, rows and
figures as the page stored upright. Variants are made here from a corpus PDF that reads correctly, and
from every corpus PDF turned a quarter (skipped cleanly when ../shared/corpus is absent)."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from budget_graph.model import Filing, TableKind
from budget_graph.read.pdf import read_layouts, read_pdf
from budget_graph.read.pdf_page import Char, Rule, text_lines
from budget_graph.read.pdfium_page import read_page
from tests.conftest import CORPUS
from tests.tables import reading

UPRIGHT = "sh-shi-caizhengju-2025-yusuan/上海市财政局25年预算.pdf"
TURNED = (  # A3 tables stored as portrait pages with /Rotate 90
    "js-party-office/江苏省委办公厅2018年度部门预算公开表.pdf",
    "js-party-office/江苏省委办公厅2019年度部门预算公开表格.pdf",
)
_MARGIN = 40.0  # points added left of and below the page box: its origin is no longer (0, 0)


@pytest.fixture(scope="module")
def upright(corpus: Path) -> Path:
    return corpus / UPRIGHT


def _stored_turned(
    source: Path, folder: Path, degrees: int, margin: float = 0.0, rotate: bool = True
) -> Path:
    """`source` as the Jiangsu A3 tables are stored: every page's content turned back by `degrees`
    in the stored frame, and /Rotate `degrees` to show it upright again — a viewer shows the same
    pages (without `rotate`: shows them sideways). `margin` grows the page box at the lower left, so
    its origin is no longer (0, 0)."""
    document = pdfium.PdfDocument(source)
    try:
        for page in document:
            left, bottom, right, top = page.get_cropbox()
            width, height = right - left, top - bottom
            # (x, y) upright → the stored frame: a quarter turn anticlockwise per 90° shown turned
            a, b, c, d, e, f = {
                90: (0, 1, -1, 0, height, 0),
                180: (-1, 0, 0, -1, width, height),
                270: (0, -1, 1, 0, 0, width),
            }[degrees]
            e, f = e - a * left - c * bottom, f - b * left - d * bottom
            pdfium_c.FPDFPage_TransFormWithClip(page.raw, pdfium_c.FS_MATRIX(a, b, c, d, e, f), None)
            stored = (height, width) if degrees % 180 else (width, height)
            page.set_mediabox(-margin, -margin, *stored)
            page.set_cropbox(-margin, -margin, *stored)
            page.set_rotation(degrees if rotate else 0)
        target = folder / f"turned-{degrees}-{margin:g}-{rotate}.pdf"
        document.save(target)
    finally:
        document.close()
    return target


def _content(filing: Filing) -> tuple:
    """What the reader took from a filing: tables with their columns, rows and figures, and parts."""
    tables = [
        (
            table.title,
            table.kind,
            table.number,
            [column.meaning for column in table.columns],
            [(row.label, row.code, {m: cell.amount for m, cell in row.cells.items()}) for row in table.rows],
        )
        for table in filing.tables
    ]
    parts = [(part.title, [p.text for p in part.paragraphs]) for part in filing.parts]
    return filing.unit, filing.year, filing.kind, tables, parts, len(filing.claims)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_page_stored_turned_reads_as_the_upright_one(upright: Path, tmp_path: Path, degrees: int) -> None:
    expected = _content(read_pdf(upright))
    assert expected[3] and expected[4], "the upright file reads tables and parts"
    assert _content(read_pdf(_stored_turned(upright, tmp_path, degrees))) == expected


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_text_drawn_turned_on_a_page_shown_sideways_reads_along_the_text(
    upright: Path, tmp_path: Path, degrees: int
) -> None:
    expected = _content(read_pdf(upright))
    assert _content(read_pdf(_stored_turned(upright, tmp_path, degrees, rotate=False))) == expected


@pytest.mark.parametrize("quarters", [1, 2, 3])
def test_a_page_of_turned_text_is_turned_to_read_it(quarters: int) -> None:
    document, page = _text_page([(f"Row {k} total 1234.5", *_turned_line(quarters, k)) for k in range(10)])
    try:
        layout = read_page(page, 1)
    finally:
        document.close()
    assert (layout.width, layout.height) == ((842, 595) if quarters % 2 else (595, 842))
    assert [line.text for line in text_lines(layout.chars)] == [f"Row{k}total1234.5" for k in range(10)]


def test_a_few_turned_labels_do_not_turn_the_page() -> None:
    upright = [(f"Row {k} total 1234.5", (1, 0, 0, 1), (100, 700 - 20 * k)) for k in range(10)]
    labels = [("Total", *_turned_line(1, k)) for k in range(2)]
    document, page = _text_page(upright + labels)
    try:
        layout = read_page(page, 1)
    finally:
        document.close()
    assert (layout.width, layout.height) == (595, 842)
    assert [line.text for line in text_lines(layout.chars)][:10] == [f"Row{k}total1234.5" for k in range(10)]


@pytest.mark.parametrize("quarters", [1, 3])
def test_a_glyph_repeating_the_one_before_on_a_turned_page_is_read(quarters: int) -> None:
    """A glyph per text object (WPS), drawn turned, each box overlapping the one before: pdfium's text
    page takes a glyph repeating the one before for type printed twice and leaves it out. Printed
    twice a fraction of a point aside, a glyph is still read once."""
    (a, b, c, d), (x, y) = _turned_line(quarters, 0)
    step, aside = 5.0, 0.3  # points: a glyph's advance, set tight; a fake bold copy's offset
    glyphs = [(g, (a, b, c, d), (x + a * step * k, y + b * step * k)) for k, g in enumerate("99.92%1100")]
    copy = (glyphs[-1][0], (a, b, c, d), (glyphs[-1][2][0] + aside, glyphs[-1][2][1] + aside))
    document, page = _text_page([*glyphs, copy], scale=1 / 60)
    try:
        textpage = page.get_textpage()
        assert textpage.get_text_range().replace(" ", "") != "99.92%1100"  # what pdfium's text page lost
        textpage.close()
        layout = read_page(page, 1)
    finally:
        document.close()
    assert [line.text for line in text_lines(layout.chars)] == ["99.92%1100"]


def _turned_line(quarters: int, k: int) -> tuple[tuple[int, int, int, int], tuple[int, int]]:
    """The rotation and origin of line k of text drawn turned, on an A4 portrait page: set upright by
    `quarters` quarter turns clockwise, its lines run top to bottom."""
    return {
        1: ((0, 1, -1, 0), (100 + 20 * k, 100)),
        2: ((-1, 0, 0, -1), (500, 100 + 20 * k)),
        3: ((0, -1, 1, 0), (500 - 20 * k, 700)),
    }[quarters]


def _text_page(lines: list[tuple[str, tuple[int, int, int, int], tuple[float, float]]], scale: float = 1.0):
    """A new A4 portrait page without /Rotate with each (text, rotation, origin) drawn in Helvetica at
    12 points: the font's size 12 / `scale` drawn at `scale` (WPS sets 720 at a sixtieth)."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    for text, (a, b, c, d), (e, f) in lines:
        obj = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(12 / scale))
        wide = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, a * scale, b * scale, c * scale, d * scale, e, f)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    return document, page


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_characters_and_rules_land_where_the_viewer_shows_them(
    upright: Path, tmp_path: Path, degrees: int
) -> None:
    stored = read_layouts(upright)
    shown = read_layouts(_stored_turned(upright, tmp_path, degrees, _MARGIN))
    assert any(layout.rules for layout in stored)
    # the margin grown at the stored frame's lower left: shown above and left (90), above (180), or
    # below and right (270) of the page
    dx, dy = {90: (_MARGIN, _MARGIN), 180: (0, _MARGIN), 270: (0, 0)}[degrees]
    for before, after in zip(stored, shown, strict=True):
        assert (after.width, after.height) == pytest.approx((before.width + _MARGIN, before.height + _MARGIN))
        texts, places = _glyphs(before.chars, 0, 0)
        assert _glyphs(after.chars, dx, dy)[0] == texts
        assert _glyphs(after.chars, dx, dy)[1] == pytest.approx(places, abs=0.01)
        assert _rules(after.rules, dx, dy) == pytest.approx(_rules(before.rules, 0, 0), abs=0.01)


def test_a_page_drawn_through_a_scaled_form_keeps_its_glyphs_and_rules(upright: Path, tmp_path: Path) -> None:
    # forms nest their own coordinates: clip paths and path bounds inside one are in the form's space
    scale, dx, dy = 0.5, 50.0, 60.0
    stored = read_layouts(upright)
    shown = read_layouts(
        _through_a_form(upright, tmp_path, pdfium.PdfMatrix().scale(scale, scale).translate(dx, dy))
    )
    for before, after in zip(stored, shown, strict=True):
        # top-down: x → scale·x + dx, y → scale·y + (1 - scale)·height - dy
        shift = (1 - scale) * before.height - dy
        texts, places = _glyphs(after.chars, 0, 0)
        assert texts == _glyphs(before.chars, 0, 0)[0]
        moved = [_scaled(c, scale, dx, shift) for c in before.chars]
        assert places == pytest.approx(_glyphs(moved, 0, 0)[1], abs=0.01)
        expected = [Rule(r.horizontal, *_scaled_rule(r, scale, dx, shift)) for r in before.rules]
        assert _rules(after.rules, 0, 0) == pytest.approx(_rules(expected, 0, 0), abs=0.01)


def _through_a_form(source: Path, folder: Path, matrix: pdfium.PdfMatrix) -> Path:
    """Each page of `source` drawn on a page of the same size as one form XObject, mapped by `matrix`."""
    document, target = pdfium.PdfDocument(source), pdfium.PdfDocument.new()
    try:
        for index, page in enumerate(document):
            form = document.page_as_xobject(index, target).as_pageobject()
            form.transform(matrix)
            shown = target.new_page(*page.get_size())
            shown.insert_obj(form)
            shown.gen_content()
        path = folder / "through-a-form.pdf"
        target.save(path)
    finally:
        target.close()
        document.close()
    return path


def _scaled(c: Char, scale: float, dx: float, dy: float) -> Char:
    def x(v: float) -> float:
        return scale * v + dx

    def y(v: float) -> float:
        return scale * v + dy

    return Char(c.text, x(c.x0), x(c.x1), y(c.top), y(c.bottom), x(c.cx), y(c.cy))


def _scaled_rule(r: Rule, scale: float, dx: float, dy: float) -> tuple[float, float, float]:
    along, across = (dx, dy) if r.horizontal else (dy, dx)
    return scale * r.pos + across, scale * r.start + along, scale * r.end + along


def _glyphs(chars: list[Char], dx: float, dy: float) -> tuple[list[str], list[float]]:
    """The characters in reading order and their boxes, flat, moved by (-dx, -dy)."""
    boxes = sorted(
        ((c.text, c.x0 - dx, c.x1 - dx, c.top - dy, c.bottom - dy) for c in chars),
        key=lambda b: (b[0], round(b[3]), round(b[1])),  # whole points: float noise keeps the order
    )
    return [b[0] for b in boxes], [v for b in boxes for v in b[1:]]


def _rules(rules: list[Rule], dx: float, dy: float) -> list[float]:
    """Each rule's direction and ends, flat, moved by (-dx, -dy)."""
    ends = sorted(
        (
            (float(r.horizontal), r.start - dx, r.pos - dy, r.end - dx, r.pos - dy)
            if r.horizontal
            else (float(r.horizontal), r.pos - dx, r.start - dy, r.pos - dx, r.end - dy)
            for r in rules
        ),
        key=lambda e: tuple(round(v) for v in e),
    )
    return [v for e in ends for v in e]


@pytest.mark.parametrize("name", TURNED)
def test_jiangsu_tables_stored_turned_are_read(corpus: Path, name: str) -> None:
    filing = read_pdf(corpus / name)
    assert filing.unit == "中共江苏省委办公厅"
    assert not [d for d in filing.diagnostics if d.severity == "error"]
    kinds = {table.kind for table in filing.tables}
    assert len(filing.tables) == 12 and None not in kinds
    assert {
        TableKind.IncomeExpenditureSummary,
        TableKind.IncomeSummary,
        TableKind.ExpenditureSummary,
        TableKind.AppropriationSummary,
        TableKind.ThreePublicExpenses,
        TableKind.GovernmentFundBudget,
        TableKind.OfficeOperatingCosts,
        TableKind.Procurement,
    } <= kinds
    summary = next(t for t in filing.tables if t.kind is TableKind.IncomeExpenditureSummary)
    assert summary.rows[0].label == "一、财政拨款" and summary.rows[0].cells["amount"].amount is not None


PDFS = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("*/*.pdf")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("name", PDFS)
def test_every_corpus_pdf_stored_turned_reads_as_shown_upright(
    corpus: Path, tmp_path: Path, name: str
) -> None:
    """Each page of every corpus layout stored a quarter turn back under /Rotate 90 (pages already turned
    turn once more): the same unit, tables and narrative claims. pdfium's text page leaves out a glyph
    repeating the one before it on some turned pages ('99.92%' → '9.92%', '上海市XX局' → '上海市X局'),
    which the reader reads apart."""
    upright = read_pdf(corpus / name)
    (tmp_path / "turned").mkdir()
    turned = _stored_turned(corpus / name, tmp_path, 90).rename(tmp_path / "turned" / Path(name).name)
    read = read_pdf(turned)
    assert (read.unit, read.year, read.kind) == (upright.unit, upright.year, upright.kind)
    assert [reading(table) for table in read.tables] == [reading(table) for table in upright.tables]
    assert [(c.subject, c.text, c.amount) for c in read.claims] == [
        (c.subject, c.text, c.amount) for c in upright.claims
    ]
