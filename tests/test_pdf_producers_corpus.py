"""Every corpus PDF written again by another PDF producer reads as the PDF it came from.

Unseen filings come from producers the corpus does not hold, each with its own way of drawing text and
rules. Two rewrite every corpus PDF with the same pages:

- poppler's cairo backend (`pdftocairo -pdf`) keeps the text but draws the outline of text printed
  stroked (fake-bold headings) as paths beside it: every file must read exactly as before (its tables,
  narrative, stated figures and the reader's diagnostics, from which the checks' findings follow), but
  that cairo keeps only what the page shows, so a page's text past its edge is not said again;
- ghostscript (`gs -sDEVICE=pdfwrite`) rebuilds fonts whose map to Unicode it cannot keep, and maps
  many glyphs to wrong characters (基 → Ā, 公 → |, （ → 1): such a file is refused with one clear line
  where the damage is wide, and where it reads, no error is found that the original does not find.

Skips when the corpus or the tool is absent (.ci/run installs poppler-utils and ghostscript).
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from budget_graph.errors import InputError
from budget_graph.model import Filing
from budget_graph.read import group_filings, read_file
from tests.conftest import CORPUS
from tests.tables import error_findings, filing_content

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus absent")

PDFS = sorted(CORPUS.glob("*/*.pdf")) if CORPUS.is_dir() else []
FOLDERS = sorted({pdf.parent.name for pdf in PDFS})
PRODUCERS = {
    "cairo": ["pdftocairo", "-pdf", "{source}", "{target}"],
    "ghostscript": [
        "gs",
        "-q",
        "-dNOPAUSE",
        "-dBATCH",
        "-dSAFER",
        "-sDEVICE=pdfwrite",
        "-o",
        "{target}",
        "{source}",
    ],
}


def _rewritten(producer: str, root: Path) -> Path:
    command = PRODUCERS[producer]
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} absent")
    for pdf in PDFS:
        target = root / pdf.parent.name / pdf.name
        target.parent.mkdir(exist_ok=True)
        args = [part.format(source=pdf, target=target) for part in command]
        subprocess.run(args, check=True, capture_output=True, timeout=300)
    return root


@pytest.fixture(scope="module")
def cairo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _rewritten("cairo", tmp_path_factory.mktemp("cairo"))


@pytest.fixture(scope="module")
def ghostscript(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _rewritten("ghostscript", tmp_path_factory.mktemp("ghostscript"))


@cache
def _originalerror_findings(folder: str) -> Counter:
    return error_findings(
        group_filings([read_file(path) for path in sorted((CORPUS / folder).glob("*.pdf"))])
    )


@pytest.fixture(scope="module")
def garbled(ghostscript: Path) -> dict[Path, Filing | InputError]:
    """Each rewritten file's filing, or the error that refused it."""
    read: dict[Path, Filing | InputError] = {}
    for pdf in PDFS:
        try:
            read[pdf] = read_file(ghostscript / pdf.parent.name / pdf.name)
        except InputError as error:
            read[pdf] = error
    return read


@pytest.mark.parametrize("pdf", PDFS, ids=lambda pdf: f"{pdf.parent.name}/{pdf.stem}")
def test_cairo_reads_the_same_filing(cairo: Path, pdf: Path) -> None:
    original = read_file(pdf)
    # js-procuratorate 2019 sets a unit line past a page's edge (read/pdf._cut_off): cairo drops it
    original.diagnostics = [d for d in original.diagnostics if "页面边缘之外" not in d.message]
    assert filing_content(read_file(cairo / pdf.parent.name / pdf.name)) == filing_content(original)


@pytest.mark.parametrize("folder", FOLDERS)
def test_ghostscript_no_error_the_original_does_not_find(garbled: dict, folder: str) -> None:
    read = [garbled[pdf] for pdf in PDFS if pdf.parent.name == folder]
    refused = [str(error) for error in read if isinstance(error, InputError)]
    assert all("garbled text" in error and "\n" not in error for error in refused)
    filings = group_filings([filing for filing in read if not isinstance(filing, InputError)])
    if filings:
        assert not error_findings(filings) - _originalerror_findings(folder)


def test_ghostscript_garbles_most_of_the_corpus(garbled: dict) -> None:
    """The rewrite does damage the text (else the test above proves nothing): most files are refused."""
    assert sum(isinstance(read, InputError) for read in garbled.values()) >= len(PDFS) // 2


def test_the_garbled_files_as_text_are_refused_too(ghostscript: Path, garbled: dict, tmp_path: Path) -> None:
    """pdftotext keeps the broken map's characters: the laid-out text reader refuses what the PDF's does."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent")
    for pdf in (pdf for pdf, read in garbled.items() if isinstance(read, InputError)):
        text = tmp_path / f"{pdf.stem}.txt"
        subprocess.run(
            ["pdftotext", "-layout", str(ghostscript / pdf.parent.name / pdf.name), str(text)], check=True
        )
        with pytest.raises(InputError, match="garbled text"):
            read_file(text)
