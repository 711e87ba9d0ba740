"""Characters read as the page means them: radicals a font's map names for the characters a glyph prints
(Word and WPS exports on some systems map 支 to the Kangxi radical ⽀ U+2F40 and 车 to the supplement's ⻋
U+2ECB: the page looks the same, and a text converted from it carries them), and years printed in Chinese
numerals (二〇二四年)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from budget_graph.check.engine import check_filing
from budget_graph.read.pdf import read_pdf
from budget_graph.read.source import LOOKALIKES, arabic_years, visible
from budget_graph.read.text import read_text
from tests.conftest import sample_lines
from tests.synthetic_pdf import mapped_text_pdf

# the characters these exports map to radicals most often in a disclosure
_AS_RADICALS = {"支": "⽀", "一": "⼀", "入": "⼊", "用": "⽤", "车": "⻋", "门": "⻔", "长": "⻓"}


def _with_radicals(text: str) -> str:
    return text.translate(str.maketrans(_AS_RADICALS))


def _report(filing) -> list[tuple]:
    return [
        (f.rule, f.severity, f.message, f.expected, f.actual, tuple((at.line, at.row) for at in f.locations))
        for f in check_filing(filing).findings
    ]


def test_radicals_read_as_the_characters_they_print() -> None:
    assert visible("⼀般公共预算⽀出：公务⽤⻋购置") == "一般公共预算支出：公务用车购置"
    assert visible("\uf9d1") == "六"  # a compatibility ideograph (U+F9D1), as Korean fonts map some
    # one character for one, so a PDF's text keeps its index into the glyphs; none folds to itself
    assert all(len(c) == 1 and c != chr(k) for k, c in LOOKALIKES.items())
    # only radicals, compatibility ideographs and full-width digits fold: no character a disclosure
    # prints otherwise (full-width punctuation stays: the patterns read '，' and '（' as printed)
    ideographs = {k: c for k, c in LOOKALIKES.items() if not 0xFF10 <= k <= 0xFF19}
    assert all(0x2E80 <= k < 0x2FE0 or 0xF900 <= k < 0xFB00 for k in ideographs)
    assert all(unicodedata.category(c) == "Lo" for c in ideographs.values())
    assert visible("２０２４年，（１２．５）") == "2024年，（12．5）"


def test_text_naming_radicals_gives_the_sample_findings(tmp_path: Path, sample_report) -> None:
    text = _with_radicals("\n".join(sample_lines()))
    assert "⽀出" in text and "⻋" in text
    path = tmp_path / "luohu.md"
    path.write_text(text, encoding="utf-8")
    assert _report(read_text(path)) == _report(read_text(Path("samples/luohu-2024.md")))


def test_pdf_whose_font_maps_glyphs_to_radicals_reads_as_the_plain_one(tmp_path: Path) -> None:
    pages = [
        ["2024年度测试单位部门预算", "第一部分 单位概况", "一、主要职能", "本单位负责测试工作。"],
        [
            "第二部分 2024年度部门预算情况说明",
            "一、收支预算总体情况",
            "2024年收入预算合计100.00万元，支出预算合计100.00万元。",
            "二、“三公”经费",
            "公务用车购置及运行维护费10.00万元，比上年减少1.00万元。",
        ],
    ]
    plain, mapped = tmp_path / "plain.pdf", tmp_path / "mapped.pdf"
    plain.write_bytes(mapped_text_pdf(*pages))
    mapped.write_bytes(mapped_text_pdf(*[[_with_radicals(line) for line in page] for page in pages]))
    read, expected = read_pdf(mapped), read_pdf(plain)
    assert (read.unit, read.year, read.kind) == (expected.unit, expected.year, expected.kind)
    assert [p.title for p in read.parts] == [p.title for p in expected.parts]
    assert [(c.subject, c.amount) for c in read.claims] == [(c.subject, c.amount) for c in expected.claims]
    assert len(expected.claims) >= 3


def test_years_in_chinese_numerals_read_as_years(tmp_path: Path, sample_report) -> None:
    assert (
        arabic_years("二〇二四年部门预算，二○二三年决算，二零二五 年")
        == "2024年部门预算，2023年决算，2025 年"
    )
    assert arabic_years("第二〇二条，一二三四年") == "第二〇二条，一二三四年"  # no year: left as printed
    # the 三公 table's rows and the narrative's years so printed: the rows of the years were not found
    text = "\n".join(sample_lines()).replace("2024年", "二〇二四年").replace("2023年", "二〇二三年")
    path = tmp_path / "luohu.md"
    path.write_text(text, encoding="utf-8")
    assert _report(read_text(path)) == _report(read_text(Path("samples/luohu-2024.md")))


def test_a_pdf_titled_with_a_year_in_chinese_numerals_is_of_that_year(tmp_path: Path) -> None:
    path = tmp_path / "filing.pdf"
    path.write_bytes(
        mapped_text_pdf(
            ["二〇二四年度测试单位部门预算", "第一部分 单位概况", "一、主要职能", "本单位负责测试工作。"]
        )
    )
    assert read_pdf(path).year == 2024


def test_text_typed_with_full_width_digits_gives_the_sample_findings(tmp_path: Path, sample_report) -> None:
    # its cover's year was no year (the filing was of year 0, under its file's name)
    full_width = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
    path = tmp_path / "luohu.md"
    path.write_text("\n".join(sample_lines()).translate(full_width), encoding="utf-8")
    assert _report(read_text(path)) == _report(read_text(Path("samples/luohu-2024.md")))
