"""Every corpus PDF with a running head printed over each page (tests/running_heads.py) reads as the PDF
it came from: the head is page furniture, like a page number, and no longer stands between a table and
its continuation, nor joins a table's title: the same tables, narrative, stated figures and diagnostics
(from which the checks' findings follow). Skips when the corpus or the font is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.read import read_file
from budget_graph.read.pdf import read_layouts
from tests.conftest import CORPUS
from tests.running_heads import FONT, with_running_head
from tests.tables import filing_content

pytestmark = pytest.mark.skipif(not CORPUS.is_dir() or not FONT.is_file(), reason="corpus or CJK font absent")

PDFS = sorted(CORPUS.glob("*/*.pdf")) if CORPUS.is_dir() else []
HEAD = "某某单位部门预算公开文件"


@pytest.fixture(scope="module")
def headed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("headed")
    for pdf in PDFS:
        (root / pdf.parent.name).mkdir(exist_ok=True)
        with_running_head(pdf, root / pdf.parent.name / pdf.name, HEAD)
    return root


def test_the_head_is_printed(headed: Path) -> None:
    """The generator does print it on the first page (else the tests below prove nothing)."""
    pdf = PDFS[0]
    first = read_layouts(headed / pdf.parent.name / pdf.name)[0]
    assert HEAD in "".join(c.text for c in sorted(first.chars, key=lambda c: (round(c.top), c.x0)))


@pytest.mark.parametrize("pdf", PDFS, ids=lambda pdf: f"{pdf.parent.name}/{pdf.stem}")
def test_every_file_reads_the_same(headed: Path, pdf: Path) -> None:
    assert filing_content(read_file(headed / pdf.parent.name / pdf.name)) == filing_content(read_file(pdf))
