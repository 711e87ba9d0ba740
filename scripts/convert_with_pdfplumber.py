"""Convert each corpus PDF to text with pdfplumber, as a researcher in Python would, and compare.

pdfplumber is another converter users meet: `extract_text(layout=True)` lays each page out on a grid of
its own (a character per 7.25 points across, a blank line for each gap down the page, a row's cells set on
two lines when their baselines differ), and `extract_text()` gives each line's words one space apart.
Each page's text is written with a form feed after it, read as any text, and its error findings are
compared with the PDF's: every error the text finds that the PDF does not is printed (a template's
placeholders by rule only, their quotes running as the text runs). Fixes it led to have hand-built cases
of their own (tests/test_text_layout.py, tests/test_claims.py); docs/unseen-filings.md says what it found.

Not a test: pdfplumber is no dependency of the project (`pip install pdfplumber`), and a run takes about
a minute.

    python scripts/convert_with_pdfplumber.py ../shared/corpus [--plain]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pdfplumber

from budget_graph.errors import InputError
from budget_graph.read import group_filings, read_file

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.tables import error_findings

PLACEHOLDER = "BG-T001"


def _sure(errors: set) -> set:
    return {key[:2] if key[1] == PLACEHOLDER else key for key in errors}


def _errors(paths: list[Path]) -> set:
    filings = []
    for path in paths:
        try:
            filings.append(read_file(path))
        except InputError as error:
            print(f"  refused: {error}")
    return _sure(set(error_findings(group_filings(filings))))


def _convert(pdf: Path, target: Path, layout: bool) -> None:
    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text(layout=layout) or "" for page in document.pages]
    target.write_text("".join(f"{page}\f" for page in pages), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--plain", action="store_true", help="extract_text() without layout")
    args = parser.parse_args()
    extra = 0
    with tempfile.TemporaryDirectory() as scratch:
        for folder in sorted(p for p in args.corpus.iterdir() if p.is_dir()):
            pdfs = sorted(folder.glob("*.pdf"))
            texts = [Path(scratch) / f"{folder.name}-{pdf.stem}.txt" for pdf in pdfs]
            for pdf, text in zip(pdfs, texts, strict=True):
                _convert(pdf, text, not args.plain)
            found = _errors(texts) - _errors(pdfs)
            extra += len(found)
            print(f"{folder.name}: {len(found)} error(s) the PDF does not find")
            for key in sorted(found, key=str):
                print("  +", *key)
    print(f"{extra} in all")


if __name__ == "__main__":
    main()
