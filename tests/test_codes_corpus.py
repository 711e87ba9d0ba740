"""Every code/name pair printed in the real filings of ../shared/corpus against the bundled lists.

The pairs are harvested from the PDFs' text (pypdfium2) with the shapes tables print them in: joined
('2011308 招商引资') or split into 类/款/项 columns ('201 13 08 招商引资', Shanghai). Names the PDF wraps
are cut short in the text, so a printed name that starts the national name counts as that name.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from budget_graph.codes import lookup, normalise, scheme_index, scheme_of

_NAME = r"([\u4e00-\u9fff（）()、“”《》—·]+)"
_SPLIT = re.compile(r"(?<![\d,.])(2\d\d)[ \t]+(\d\d)(?:[ \t]+(\d\d))?[ \t]+" + _NAME)
_JOINED = re.compile(r"(?<![\d,.\w])(2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?|5\d{2}(?:\d{2})?)[ \t]*" + _NAME)
_PROCUREMENT = re.compile(r"(?<![\w])([ABC]\d{8})[ \t]+" + _NAME)
# Numbers in the narrative that the patterns take for codes ('200万元', '300家以上').
_NOT_CODES = ("万", "多", "个", "家", "人", "承办")


def filing_year(pdf: Path) -> int:
    if pdf.parent.name == "sh-putuo-template-bumen-juesuan":
        return 2024  # corpus/INDEX.md: the 2024 final-accounts template
    found = re.search(r"20\d\d", pdf.parent.name) or re.search(r"20\d\d", pdf.name)
    assert found, pdf
    return int(found.group())


@cache
def harvest(pdf: Path) -> frozenset[tuple[str, str]]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    pairs = {(m.group(1) + m.group(2) + (m.group(3) or ""), m.group(4)) for m in _SPLIT.finditer(text)}
    pairs |= {(m.group(1), m.group(2)) for m in _JOINED.finditer(text)}
    pairs |= {(m.group(1), m.group(2)) for m in _PROCUREMENT.finditer(text)}
    return frozenset(
        (code, name) for code, name in pairs if scheme_of(code) and not name.startswith(_NOT_CODES)
    )


def pdfs(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.pdf"))


def test_the_corpus_prints_codes(corpus: Path) -> None:
    codes = {code for pdf in pdfs(corpus) for code, _ in harvest(pdf)}
    assert len(codes) > 150


def test_every_corpus_code_resolves(corpus: Path) -> None:
    unresolved = sorted(
        (pdf.parent.name, code, name)
        for pdf in pdfs(corpus)
        for code, name in harvest(pdf)
        if lookup(code, filing_year(pdf)) is None
    )
    assert unresolved == []


def test_every_corpus_name_is_the_national_name_of_its_year(corpus: Path) -> None:
    differing = []
    for pdf in pdfs(corpus):
        year = filing_year(pdf)
        for code, name in harvest(pdf):
            concept = lookup(code, year)
            if concept and not normalise(concept.name).startswith(normalise(name)):
                differing.append((pdf.parent.name, year, code, name, concept.name))
    assert sorted(differing) == []


@pytest.mark.parametrize(
    ("code", "year", "name"), [("20805", 2019, "行政事业单位离退休"), ("20805", 2023, "行政事业单位养老支出")]
)
def test_corpus_renames_are_editions(code: str, year: int, name: str) -> None:
    assert lookup(code, year).name == name and len(scheme_index("functional").versions(code)) == 2


@pytest.mark.parametrize(
    "folder",
    [
        "js-cppcc",
        "js-procuratorate",
        "sh-putuo-caizhengju-2024-juesuan",
        "sh-putuo-caizhengju-2025-yusuan",
        "sh-putuo-wanli-jiedao-2023-yusuan",
        "sh-putuo-wanli-jiedao-2025-yusuan",
        "sh-shi-caizhengju-2025-yusuan",
    ],
)
def test_corpus_filings_code_rows_are_national(corpus: Path, folder: str) -> None:
    """As read by the PDF reader: every coded row has its national concept, and BG-K finds nothing."""
    from budget_graph.check.codes import check_codes
    from budget_graph.codes import national_concept
    from budget_graph.graph.codes import scheme_of as table_scheme
    from budget_graph.read import read_paths

    for filing in read_paths(sorted((corpus / folder).glob("*.pdf"))):
        rows = [(t, r) for t in filing.tables for r in t.rows if r.code]
        assert rows, filing.sources
        assert [
            r.code for t, r in rows if national_concept(table_scheme(t.kind), r.code, filing.year) is None
        ] == []
        assert [f.message for f in check_codes(filing)] == []
