"""A filing published as two PDFs (narrative, then tables) is checked as one: made here from a corpus PDF
that holds both, split at its first table page (skipped cleanly when ../shared/corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from budget_graph.batch import validate_many
from budget_graph.read import read_file

WHOLE = "js-procuratorate/2017年省检察院部门预算.pdf"


def _pages(source: Path, target: Path, pages: list[int]) -> Path:
    """A new PDF of these 0-based pages of `source`."""
    whole, part = pdfium.PdfDocument(source), pdfium.PdfDocument.new()
    try:
        part.import_pages(whole, pages)
        part.save(target)
    finally:
        part.close()
        whole.close()
    return target


def _errors(reports) -> set[tuple[str, str | None]]:
    return {(f.rule, f.actual) for r in reports for f in r.findings if f.severity.value == "error"}


@pytest.fixture(scope="module")
def split(corpus: Path, tmp_path_factory) -> tuple[Path, list[Path]]:
    whole = corpus / WHOLE
    if not whole.exists():
        pytest.skip(f"{WHOLE} is not in the corpus")
    filing = read_file(whole)
    first = min(table.location.page for table in filing.tables) - 1  # 0-based page of the first table
    count = len(pdfium.PdfDocument(whole))
    folder = tmp_path_factory.mktemp("split")
    narrative = _pages(whole, folder / "说明.pdf", list(range(first)))
    tables = _pages(whole, folder / "公开表.pdf", list(range(first, count)))
    return whole, [narrative, tables]


def test_the_two_halves_form_one_filing_with_the_findings_of_the_whole(split) -> None:
    whole, halves = split
    (together,), unchecked = validate_many([str(p) for p in halves], workers=1)
    (alone,), _ = validate_many([str(whole)], workers=1)
    assert unchecked == []
    assert len(together.filing.sources) == 2 and together.filing.tables and together.filing.parts
    assert _errors([together]) == _errors([alone])


def test_the_narrative_alone_misses_its_tables_as_a_warning_not_an_error(split) -> None:
    _, (narrative, _) = split
    (report,), _ = validate_many([str(narrative)], workers=1)
    missing = [f for f in report.findings if f.rule == "BG-C001"]
    assert missing and all(f.severity.value == "warning" for f in missing)
    assert all("另文发布" in f.message for f in missing)
