"""Text a font maps to the wrong characters, and glyph outlines drawn beside the text, in a PDF.

A font's map to Unicode may be broken (rebuilt by a rewriting tool, lost in an export): some glyphs come
out as accented Latin letters or control characters, and the same map turns others into other Chinese
characters or digits unseen. What stands on such a page is in doubt; a file garbled throughout is
refused (tests/test_bad_input.py). tests/test_pdf_producers_corpus.py shows both on the corpus rewritten by ghostscript.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.errors import InputError
from budget_graph.model import Doubt, Filing, Kind, Location, TableKind
from budget_graph.read.pdf import _garbled, read_layouts, read_pdf
from tests.synthetic_pdf import mapped_text_pdf
from tests.tables import table

COVER = ["2024年度测试单位部门预算", "第一部分 单位概况", "一、主要职能", "本单位负责测试工作。"]
TOTAL = [
    "第二部分 2024年度部门预算情况说明",
    "一、收支预算总体情况",
    "2024年收入预算合计100.00万元，比上年增加10.00万元。",
]
APPROPRIATION = ["二、财政拨款收支预算总体情况", "2024年财政拨款收入预算合计90.00万元，比上年增加9.00万元。"]


def _pdf(tmp_path: Path, *pages: list[str]) -> Path:
    path = tmp_path / "filing.pdf"
    path.write_bytes(mapped_text_pdf(*pages))
    return path


def test_a_clean_file_says_nothing_of_garbling(tmp_path: Path) -> None:
    filing = read_pdf(_pdf(tmp_path, COVER, TOTAL, APPROPRIATION))
    assert [claim.location.page for claim in filing.claims] == [2, 3]
    assert not filing.diagnostics and not filing.unread


def test_a_garbled_page_is_said_its_figures_unchecked_and_unread(tmp_path: Path) -> None:
    garbled = [line.replace("预算", "预Ā") for line in TOTAL]  # 算 mapped to a Latin letter
    filing = read_pdf(_pdf(tmp_path, COVER, garbled, APPROPRIATION))
    assert [claim.location.page for claim in filing.claims] == [3]
    [said] = [d for d in filing.diagnostics if "damaged encoding" in d.message]
    assert said.severity == "warning" and [place.page for place in said.locations] == [2]
    assert [place.page for place in filing.unread] == [2]


@pytest.mark.parametrize(
    "broken",
    ["⊏㣿ⴱ", "䚼䮼ণ", "ϛԡܗ", "\ue012\ue013"],  # extension A, Coptic, Bengali, Armenian, Syriac, private use
    ids=["extension A", "Coptic and Indic", "Armenian and Syriac", "private use"],
)
def test_a_font_read_by_its_glyph_numbers_garbles_its_page(tmp_path: Path, broken: str) -> None:
    # a CID font with no map to Unicode gives its glyph numbers as characters: scripts a Chinese
    # disclosure never prints, among Han characters
    garbled = [line.replace("收入预算", broken) for line in TOTAL]
    filing = read_pdf(_pdf(tmp_path, COVER, garbled, APPROPRIATION))
    assert [place.page for place in filing.unread] == [2]


def test_the_scripts_of_chinas_other_languages_are_no_garbling(tmp_path: Path) -> None:
    # a bilingual filing prints its unit in Tibetan, Mongolian, Uyghur, Korean or Yi too
    names = [*APPROPRIATION, "བོད་ ᠮᠣᠩᠭᠣᠯ شىنجاڭ 연변 ꆈꌠ"]
    filing = read_pdf(_pdf(tmp_path, COVER, TOTAL, names))
    assert not filing.diagnostics


def test_a_file_whose_garbled_headings_hide_every_part_is_refused_as_garbled(tmp_path: Path) -> None:
    # garbled on too few pages to refuse the file for that alone, but no part or table is known: the
    # broken map is the reason to give, not that the file is no filing
    cover = [line.replace("部分", "㣿ⴱ").replace("主要", "䚼䮼") for line in COVER]
    plain = ["本单位负责测试工作。"]
    with pytest.raises(InputError, match="garbled text on 1 of 3 pages"):
        read_pdf(_pdf(tmp_path, cover, plain, plain))


def test_a_glyph_mapped_to_an_invisible_character_garbles_its_page(tmp_path: Path) -> None:
    # the text readers drop a zero-width space; a PDF's glyph is drawn, and a map calling it invisible
    # is broken: '10\u200b0.00' is no figure to read as 100.00 or 1000.00
    garbled = [line.replace("100.00", "10\u200b0.00") for line in TOTAL]
    filing = read_pdf(_pdf(tmp_path, COVER, garbled, APPROPRIATION))
    assert [place.page for place in filing.unread] == [2]


def test_a_glyph_mapped_to_a_control_character_garbles_its_page(tmp_path: Path) -> None:
    # a broken map gives digits as control characters: drawn glyphs, not pdfium's generated separators,
    # and no figure to lose unsaid ('221 02 03' read as '02 03' lost the row's code)
    garbled = [line.replace("100.00", "\x14\x13\x13.\x13\x13") for line in TOTAL]
    filing = read_pdf(_pdf(tmp_path, COVER, garbled, APPROPRIATION))
    assert [place.page for place in filing.unread] == [2]


def test_signs_a_disclosure_prints_are_no_garbling(tmp_path: Path) -> None:
    signs = [*APPROPRIATION, "面积120m²，温度20°，单价¥5·件，3×4，±1。"]
    filing = read_pdf(_pdf(tmp_path, COVER, TOTAL, signs))
    assert not filing.diagnostics


def test_a_table_on_a_garbled_page_is_in_doubt() -> None:
    filing = Filing(sources=["t.pdf"], unit="测试单位", year=2024, kind=Kind.BUDGET)
    on_page = [table(TableKind.IncomeSummary, ["合计"], [("合计", ["1.00"])]) for _ in range(2)]
    for page, each in zip((2, 3), on_page, strict=True):
        each.location = Location("t.pdf", page=page, table=each.title)
        for row in each.rows:
            row.location = Location("t.pdf", page=page)
    filing.tables = on_page
    _garbled(filing, [3], "t.pdf")
    assert [bool(each.doubts) for each in filing.tables] == [False, True]


def test_a_table_whose_figures_a_broken_font_left_unreadable_is_not_known_to_be_empty() -> None:
    # digits garbled into the labels, or into the amount cells: BG-C003 would call the table empty
    in_labels = table(TableKind.IncomeSummary, ["合计"], [("行政运行 \ufffd\ufffd.\ufffd\ufffd", [""])])
    in_cells = table(TableKind.IncomeSummary, ["合计"], [("行政运行", ["Ā,ĂĄ.ĀĀ"])])
    blank = table(TableKind.IncomeSummary, ["合计"], [("行政运行", ["-"])])
    assert in_labels.is_empty and in_cells.is_empty  # read without doubt: nothing was read
    for each in (in_labels, in_cells, blank):
        each.doubts.append(Doubt("所在页有乱码字符 garbled"))
    assert not in_labels.is_empty and not in_cells.is_empty
    assert blank.is_empty


def test_glyph_outlines_drawn_beside_the_text_are_no_rules(tmp_path: Path) -> None:
    """A stroked heading rewritten as its glyphs' outlines: an edge inside a glyph is no ruling line; a
    rule running past the glyphs stays one."""
    path = tmp_path / "outlined.pdf"
    path.write_bytes(
        mapped_text_pdf(["收入预算总表"], drawn="0.5 w 73 762 m 73 768 l S 72 700 m 400 700 l S")
    )
    [rule] = read_layouts(path)[0].rules
    assert (rule.horizontal, rule.start, rule.end) == (True, 72.0, 400.0)
