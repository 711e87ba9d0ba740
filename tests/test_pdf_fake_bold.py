"""Type made bold by printing it twice a fraction of a point aside (a producer's fake bold, for a font
without a bold face): each glyph is read once, and glyphs alike side by side ('100.00') are not copies.
Hand-built PDFs; the sweep of the corpus printed so is in docs/unseen-filings.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.read.pdf import read_layouts, read_pdf
from tests.synthetic_pdf import mapped_text_pdf

LINES = [  # more than five text objects: pdfium drops a copy only when it follows its original closely
    "2024年收入预算合计1,000,000.00万元",
    "一般公共服务支出100.00万元，占10.00%",
    "社会保障和就业支出20.00万元",
    "卫生健康支出11.00万元",
    "住房保障支出33.30万元",
    "其他支出0.00万元",
    "合计1,000,164.30万元",
]


def _text(tmp_path: Path, overprinted: float | None) -> list[str]:
    path = tmp_path / "bold.pdf"
    path.write_bytes(mapped_text_pdf(LINES, overprinted=overprinted))
    [page] = read_layouts(path)
    return ["".join(c.text for c in sorted(line, key=lambda c: c.x0)) for line in _by_line(page.chars)]


def _by_line(chars: list) -> list[list]:
    lines: dict[int, list] = {}
    for char in chars:
        lines.setdefault(round(char.top), []).append(char)
    return [lines[top] for top in sorted(lines)]


@pytest.mark.parametrize("aside", [None, 0.1, 0.3, 0.6])
def test_type_printed_twice_is_read_once(tmp_path: Path, aside: float | None) -> None:
    assert _text(tmp_path, aside) == LINES


def test_a_filing_printed_in_fake_bold_reads_as_printed_once(tmp_path: Path) -> None:
    pages = [
        ["2024年度测试单位部门预算", "第一部分 单位概况", "一、主要职能", "本单位负责测试工作。"],
        [
            "第二部分 2024年度部门预算情况说明",
            "一、收支预算总体情况",
            "2024年收入预算合计100.00万元，比上年增加10.00万元。",
        ],
    ]
    plain, bold = tmp_path / "plain.pdf", tmp_path / "bold.pdf"
    plain.write_bytes(mapped_text_pdf(*pages))
    bold.write_bytes(mapped_text_pdf(*pages, overprinted=0.4))
    claims = [[(c.subject, c.amount, c.change) for c in read_pdf(path).claims] for path in (plain, bold)]
    assert claims[0] == claims[1] and claims[0]
