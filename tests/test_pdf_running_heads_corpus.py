"""Every corpus PDF with a running head printed over each page (tests/running_heads.py) reads as the PDF
it came from: the head is page furniture, like a page number, and no longer stands between a table and
its continuation, nor joins a table's title. Skips when the corpus or the font is absent."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from budget_graph.check.engine import check_filing
from budget_graph.model import Filing
from budget_graph.read import group_filings, read_file
from tests.conftest import CORPUS
from tests.running_heads import FONT, with_running_head
from tests.tables import reading

pytestmark = pytest.mark.skipif(not CORPUS.is_dir() or not FONT.is_file(), reason="corpus or CJK font absent")

PDFS = sorted(CORPUS.glob("*/*.pdf")) if CORPUS.is_dir() else []
FOLDERS = sorted({pdf.parent.name for pdf in PDFS})
HEAD = "某某单位部门预算公开文件"


@pytest.fixture(scope="module")
def headed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("headed")
    for pdf in PDFS:
        (root / pdf.parent.name).mkdir(exist_ok=True)
        with_running_head(pdf, root / pdf.parent.name / pdf.name, HEAD)
    return root


@pytest.fixture(scope="module")
def filings(headed: Path) -> dict[Path, tuple[Filing, Filing]]:
    return {pdf: (read_file(pdf), read_file(headed / pdf.parent.name / pdf.name)) for pdf in PDFS}


def test_the_head_is_printed(headed: Path) -> None:
    """The generator does print it on the first page (else the tests below prove nothing)."""
    from budget_graph.read.pdf import read_layouts

    pdf = PDFS[0]
    first = read_layouts(headed / pdf.parent.name / pdf.name)[0]
    assert HEAD in "".join(c.text for c in sorted(first.chars, key=lambda c: (round(c.top), c.x0)))


@pytest.mark.parametrize("pdf", PDFS, ids=lambda pdf: f"{pdf.parent.name}/{pdf.stem}")
def test_every_table_reads_the_same(filings: dict, pdf: Path) -> None:
    original, headed = filings[pdf]
    assert [t.title for t in headed.tables] == [t.title for t in original.tables]
    assert [reading(t) for t in headed.tables] == [reading(t) for t in original.tables]
    assert (headed.unit, headed.year, headed.kind) == (original.unit, original.year, original.kind)


def _errors(filings: list[Filing]) -> Counter:
    return Counter(
        (filing.year, finding.rule, finding.expected, finding.actual)
        for filing in group_filings(filings)
        for finding in check_filing(filing).findings
        if finding.severity.value == "error"
    )


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_same_errors(filings: dict, folder: str) -> None:
    pairs = [pair for pdf, pair in filings.items() if pdf.parent.name == folder]
    assert _errors([headed for _, headed in pairs]) == _errors([original for original, _ in pairs])
